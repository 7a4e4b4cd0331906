/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS packet codec (RFC 2865), EAP over RADIUS (RFC 3579), the
 * Message-Authenticator (RFC 2869 section 5.14 / RFC 3579 section 3.2) and the
 * Microsoft MPPE key attributes (RFC 2548 sections 2.4.2 / 2.4.3).
 */
#ifndef ROAMSEC_RADIUS_PACKET_H
#define ROAMSEC_RADIUS_PACKET_H

#include "roamsec-bytes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roamsec {

class RandomSource;

/** RADIUS Code values (RFC 2865 section 3). */
enum class RadiusCode : uint8_t
{
    AccessRequest = 1,
    AccessAccept = 2,
    AccessReject = 3,
    AccessChallenge = 11,
};

/** Attribute types used by this module (RFC 2865 section 5, RFC 2869, RFC 3579). */
namespace RadiusAttr {
constexpr uint8_t UserName = 1;
constexpr uint8_t UserPassword = 2;
constexpr uint8_t NasIpAddress = 4;
constexpr uint8_t FramedMtu = 12;
constexpr uint8_t State = 24;
constexpr uint8_t VendorSpecific = 26;
constexpr uint8_t SessionTimeout = 27;
constexpr uint8_t CalledStationId = 30;
constexpr uint8_t CallingStationId = 31;
constexpr uint8_t NasIdentifier = 32;
constexpr uint8_t ProxyState = 33;
constexpr uint8_t EapMessage = 79;
constexpr uint8_t MessageAuthenticator = 80;
} // namespace RadiusAttr

/** Microsoft vendor attributes (RFC 2548). */
namespace RadiusMs {
constexpr uint32_t VendorId = 311;
constexpr uint8_t MppeSendKey = 16;
constexpr uint8_t MppeRecvKey = 17;
} // namespace RadiusMs

constexpr size_t kRadiusHeaderLength = 20;
constexpr size_t kRadiusMinLength = 20;
constexpr size_t kRadiusMaxLength = 4096;
constexpr size_t kRadiusAuthenticatorLength = 16;
constexpr size_t kRadiusMaxAttrValue = 253;

/** One attribute as it is on the wire (Type, Value); Length is derived. */
struct RadiusAttribute
{
    uint8_t type{0};
    Bytes value;
};

/** Why Parse rejected a datagram (the caller silently discards it). */
enum class RadiusParseError
{
    None,
    TooShort,          //!< fewer than 20 octets received, or Length < 20
    TooLong,           //!< Length > 4096
    LengthExceedsData, //!< Length larger than the datagram (RFC 2865 section 3: discard)
    BadAttribute,      //!< attribute Length < 2 or running past Length
    UnknownCode,
};

const char* ToString(RadiusParseError e);

/**
 * A decoded RADIUS packet. Attributes keep their wire order; unknown ones are
 * kept so that proxies pass them through. Long EAP-Message values are split into
 * several consecutive attributes on the wire (RFC 3579 section 3.1) and
 * reassembled by GetEapMessage.
 */
struct RadiusPacket
{
    RadiusCode code{RadiusCode::AccessRequest};
    uint8_t identifier{0};
    Bytes authenticator = Bytes(kRadiusAuthenticatorLength, 0);
    std::vector<RadiusAttribute> attributes;

    /** Appends an attribute; throws std::invalid_argument when value > 253 octets. */
    void Add(uint8_t type, const Bytes& value);
    void AddString(uint8_t type, const std::string& value);
    void AddU32(uint8_t type, uint32_t value);
    /** First attribute of the type, or nullptr. */
    const Bytes* Find(uint8_t type) const;
    std::vector<Bytes> FindAll(uint8_t type) const;
    std::optional<std::string> GetString(uint8_t type) const;
    /** The value of a 4-octet integer attribute; nullopt when absent or not 4 octets. */
    std::optional<uint32_t> GetU32(uint8_t type) const;
    bool Has(uint8_t type) const { return Find(type) != nullptr; }
    /** Removes every attribute of the type. */
    void Remove(uint8_t type);

    /**
     * Replaces any EAP-Message attributes with the EAP packet split into
     * 253-octet fragments (RFC 3579 section 3.1), placed where the first one was
     * or at the end.
     */
    void SetEapMessage(const Bytes& eap);
    /**
     * Concatenation of all EAP-Message values in order; nullopt when there is
     * none. Fragments that are not consecutive (RFC 3579 3.1 says they MUST be)
     * are still joined in order: the EAP Length check then decides.
     */
    std::optional<Bytes> GetEapMessage() const;

    /** Adds a Vendor-Specific attribute with one sub-attribute (RFC 2865 section 5.26). */
    void AddVendor(uint32_t vendorId, uint8_t vendorType, const Bytes& data);
    /** The data of the first matching vendor sub-attribute; nullopt when absent. */
    std::optional<Bytes> FindVendor(uint32_t vendorId, uint8_t vendorType) const;
    /** Removes matching vendor sub-attributes (Vendor-Specific attributes left empty go). */
    void RemoveVendor(uint32_t vendorId, uint8_t vendorType);

    /**
     * Wire form with the current authenticator field. A Message-Authenticator
     * attribute, if present, is written as it is (see the Encode* functions for
     * computing it). Throws std::length_error when the packet exceeds 4096 octets.
     */
    Bytes Serialize() const;

    /**
     * Decodes per RFC 2865 section 3: octets beyond Length are ignored; a
     * datagram shorter than Length, a Length outside 20..4096 or an attribute
     * with Length < 2 or past the end make it malformed (nullopt, reason in err).
     */
    static std::optional<RadiusPacket> Parse(const uint8_t* data, size_t len,
                                             RadiusParseError* err = nullptr);
    static std::optional<RadiusPacket> Parse(const Bytes& data, RadiusParseError* err = nullptr);
};

// ---------------------------------------------------------------------------
// Authenticators
// ---------------------------------------------------------------------------

/**
 * Encodes an Access-Request: Request Authenticator as set in the packet
 * (random, RFC 2865 section 3), and a Message-Authenticator (HMAC-MD5 keyed
 * with the secret over the packet with the MA zeroed, RFC 3579 section 3.2)
 * added when addMessageAuthenticator or when the packet carries EAP-Message.
 * Any Message-Authenticator already in the packet is replaced.
 */
Bytes EncodeRadiusRequest(const RadiusPacket& request, const Bytes& secret,
                          bool addMessageAuthenticator = true);

/**
 * Encodes a response (Accept/Reject/Challenge) to the request whose
 * authenticator is requestAuthenticator: Message-Authenticator computed over
 * the packet with the Request Authenticator in the authenticator field
 * (RFC 3579 section 3.2), then Response Authenticator =
 * MD5(Code|ID|Length|RequestAuth|Attributes|Secret) (RFC 2865 section 3).
 */
Bytes EncodeRadiusResponse(const RadiusPacket& response, const Bytes& requestAuthenticator,
                           const Bytes& secret, bool addMessageAuthenticator = true);

/** Outcome of an authenticator check on a received datagram. */
enum class RadiusAuthResult
{
    Ok,
    Malformed,
    MissingMessageAuthenticator, //!< EAP-Message without MA (RFC 3579 section 3.2)
    BadMessageAuthenticator,
    BadResponseAuthenticator,
};

const char* ToString(RadiusAuthResult r);

/**
 * Checks a received Access-Request: the Message-Authenticator when present
 * (required when EAP-Message is present). Only the first Length octets count.
 */
RadiusAuthResult VerifyRadiusRequest(const Bytes& raw, const Bytes& secret);

/**
 * Checks a received response against the request authenticator it answers:
 * Message-Authenticator first (required when EAP-Message is present), then the
 * Response Authenticator.
 */
RadiusAuthResult VerifyRadiusResponse(const Bytes& raw, const Bytes& requestAuthenticator,
                                      const Bytes& secret);

/** MD5(Code|ID|Length|RequestAuth|Attributes|Secret) over the first Length octets of raw. */
Bytes ComputeResponseAuthenticator(const Bytes& raw, const Bytes& requestAuthenticator,
                                   const Bytes& secret);

// ---------------------------------------------------------------------------
// Hidden attribute values
// ---------------------------------------------------------------------------

/** User-Password hiding (RFC 2865 section 5.2); the password is padded to 16 with NULs. */
Bytes EncryptUserPassword(const Bytes& secret, const Bytes& requestAuthenticator,
                          const Bytes& password);
/** Reverse of EncryptUserPassword with the trailing NULs removed; nullopt on a bad length. */
std::optional<Bytes> DecryptUserPassword(const Bytes& secret, const Bytes& requestAuthenticator,
                                         const Bytes& hidden);

/**
 * RFC 2548 section 2.4.2 salt-encryption: returns salt (2 octets, the high bit
 * forced on) || C, where P = key-length octet || key, padded with zeros to a
 * multiple of 16, and b(1) = MD5(secret + request authenticator + salt),
 * b(i) = MD5(secret + c(i-1)), c(i) = p(i) xor b(i). The key must be at most
 * 239 octets so that the attribute fits. Throws std::invalid_argument otherwise.
 */
Bytes EncryptSaltedKey(const Bytes& secret, const Bytes& requestAuthenticator, uint16_t salt,
                       const Bytes& key);

/**
 * Reverse of EncryptSaltedKey on attributeValue = salt || encrypted string.
 * nullopt when the salt's high bit is clear, the string is empty or not a
 * multiple of 16, or the key-length octet exceeds the decrypted string.
 */
std::optional<Bytes> DecryptSaltedKey(const Bytes& secret, const Bytes& requestAuthenticator,
                                      const Bytes& attributeValue);

/**
 * Adds MS-MPPE-Send-Key and MS-MPPE-Recv-Key (RFC 2548 2.4.2/2.4.3) encrypted
 * for the given secret and the request authenticator of the Access-Request
 * being answered, with two distinct random salts (high bit set).
 */
void AddMppeKeys(RadiusPacket& response, const Bytes& secret, const Bytes& requestAuthenticator,
                 const Bytes& sendKey, const Bytes& recvKey, RandomSource& rng);

/** Decrypted MS-MPPE keys of a response; nullopt when either is absent or undecryptable. */
struct MppeKeys
{
    Bytes sendKey;
    Bytes recvKey;
};

std::optional<MppeKeys> GetMppeKeys(const RadiusPacket& response, const Bytes& secret,
                                    const Bytes& requestAuthenticator);

} // namespace roamsec

#endif // ROAMSEC_RADIUS_PACKET_H
