/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA message and attribute codec: draft-arkko-pppext-eap-aka-04 sections
 * 6-8 and 11 (Draft04 profile) and RFC 4187 sections 8-10 (Rfc4187 profile).
 */
#ifndef ROAMSEC_EAP_AKA_ATTRIBUTES_H
#define ROAMSEC_EAP_AKA_ATTRIBUTES_H

#include "eap-aka-keys.h"
#include "eap-packet.h"
#include "roamsec-bytes.h"

#include <optional>
#include <string>

namespace roamsec {

/** Subtypes (draft section 11; 12-14 only in RFC 4187 section 11). */
namespace EapAkaSubtype {
constexpr uint8_t Challenge = 1;
constexpr uint8_t AuthenticationReject = 2;
constexpr uint8_t SynchronizationFailure = 4;
constexpr uint8_t Identity = 5;
constexpr uint8_t Notification = 12;     // RFC 4187 only
constexpr uint8_t Reauthentication = 13; // RFC 4187 only
constexpr uint8_t ClientError = 14;      // RFC 4187 only
} // namespace EapAkaSubtype

/** Attributes by meaning; their numbers depend on the profile (AkaAttrNumber). */
enum class AkaAttr : uint8_t
{
    Rand,
    Autn,
    Res,
    Auts,
    Padding,
    PermanentIdReq,    //!< draft AT_PERMANENT_IDENTITY_REQ (7) / RFC AT_PERMANENT_ID_REQ (10)
    AnyIdReq,          //!< draft AT_IDENTITY_REQ (8) / RFC AT_ANY_ID_REQ (13)
    FullauthIdReq,     //!< RFC AT_FULLAUTH_ID_REQ (17)
    Identity,          //!< draft AT_IDENTITY (9, username) / RFC AT_IDENTITY (14, NAI)
    PermanentIdentity, //!< draft AT_PERMANENT_IDENTITY (5)
    Mac,               //!< draft 131 (skippable!) / RFC 11
    Iv,                //!< 129
    EncrData,          //!< 130
    NextPseudonym,     //!< draft AT_PSEUDONYM (132) / RFC AT_NEXT_PSEUDONYM (132)
    NextReauthId,      //!< RFC 133
    Notification,      //!< RFC 12
    ClientErrorCode,   //!< RFC 22
    Counter,           //!< RFC 19
    CounterTooSmall,   //!< RFC 20
    NonceS,            //!< RFC 21
    Checkcode,         //!< RFC 134
    ResultInd,         //!< RFC 135
};

/** Attribute type number in the profile; nullopt when the profile lacks it. */
std::optional<uint8_t> AkaAttrNumber(EapAkaProfile profile, AkaAttr attr);
/** Inverse of AkaAttrNumber; nullopt for a number the profile does not define. */
std::optional<AkaAttr> AkaAttrFromNumber(EapAkaProfile profile, uint8_t number);

/** RFC 4187 section 10.19 AT_NOTIFICATION codes and bits. */
namespace AkaNotificationCode {
constexpr uint16_t SuccessBit = 0x8000; //!< S: 1 = success, 0 = failure
constexpr uint16_t PhaseBit = 0x4000;   //!< P: 1 = before the challenge (no MAC)
constexpr uint16_t GeneralFailureAfterAuth = 0;
constexpr uint16_t UserDenied = 1026;
constexpr uint16_t UserNotSubscribed = 1031;
constexpr uint16_t GeneralFailure = 16384;
constexpr uint16_t Success = 32768;
} // namespace AkaNotificationCode

/**
 * The decoded attributes of one message (or of the plaintext of AT_ENCR_DATA).
 * Values are stored without the reserved octets; absent means not present.
 */
struct AkaAttributes
{
    std::optional<Bytes> rand; //!< 16
    std::optional<Bytes> autn; //!< 16
    std::optional<Bytes> res;  //!< ceil(resBits/8) bytes
    uint16_t resBits{0};       //!< RES Length field, in bits (32..128)
    std::optional<Bytes> auts; //!< 14
    bool permanentIdReq{false};
    bool anyIdReq{false};
    bool fullauthIdReq{false};
    std::optional<std::string> identity;
    std::optional<std::string> permanentIdentity;
    std::optional<Bytes> mac;      //!< 16; when encoding, any value (computed later)
    std::optional<Bytes> iv;       //!< 16
    std::optional<Bytes> encrData; //!< ciphertext, a non-zero multiple of 16
    std::optional<std::string> nextPseudonym;
    std::optional<std::string> nextReauthId;
    std::optional<uint16_t> notification;
    std::optional<uint16_t> clientErrorCode;
    std::optional<uint16_t> counter;
    bool counterTooSmall{false};
    std::optional<Bytes> nonceS;    //!< 16
    std::optional<Bytes> checkcode; //!< empty or 20
    bool resultInd{false};
    size_t paddingLen{0}; //!< decoded AT_PADDING total length (0 = none)

    size_t macValueOffset{0}; //!< decoder: offset of the MAC value in the attribute area
};

/** Why a message or attribute area was rejected (all lead to silent discard). */
enum class AkaDecodeError : uint8_t
{
    None,
    NotAka,              //!< not an EAP Request/Response of type AKA, or too short
    Truncated,           //!< attribute runs past the end
    ZeroLength,          //!< attribute Length 0
    UnknownNonSkippable, //!< unknown attribute 0..127
    BadLength,           //!< a known attribute with a wrong Length / inner length
    Duplicate,           //!< an attribute appears twice
    NonZeroPadding,      //!< AT_PADDING with a non-zero octet, or not last / outside AT_ENCR_DATA
    IvEncrMismatch,      //!< AT_IV without AT_ENCR_DATA or the reverse
    EncrWithoutMac,      //!< AT_ENCR_DATA not followed by AT_MAC
    BadValue,            //!< e.g. RES length outside 32..128 bits
};

const char* AkaDecodeErrorName(AkaDecodeError e);

/** Result of decoding an attribute area. */
struct AkaAttrDecodeResult
{
    AkaAttrDecodeResult() = default;
    AkaAttrDecodeResult(AkaDecodeError e)
        : error(e)
    {}
    std::optional<AkaAttributes> attrs;
    AkaDecodeError error{AkaDecodeError::None};
};

/**
 * Decodes a sequence of attributes. nested = the plaintext of AT_ENCR_DATA
 * (AT_PADDING is allowed there, as the last attribute, and only there).
 * Unknown skippable attributes (128..255) are skipped.
 */
AkaAttrDecodeResult DecodeAkaAttributes(EapAkaProfile profile, const uint8_t* data, size_t len,
                                        bool nested = false);

/**
 * Encodes the present attributes in a fixed order (AT_IV, AT_ENCR_DATA, AT_MAC
 * last), the MAC value zeroed; *macValueOffset receives the MAC value's offset
 * in the output. Throws std::invalid_argument for an attribute the profile
 * lacks or a value of the wrong size.
 */
Bytes EncodeAkaAttributes(EapAkaProfile profile, const AkaAttributes& attrs,
                          size_t* macValueOffset = nullptr);

/** Encodes nested attributes, appends AT_PADDING to a multiple of 16 and AES-128-CBC encrypts. */
Bytes EncryptAkaNested(EapAkaProfile profile, const AkaAttributes& nested, const Bytes& kEncr,
                       const Bytes& iv);

/** Decrypts AT_ENCR_DATA and decodes its nested attributes (padding zero-checked). */
AkaAttrDecodeResult DecryptAkaNested(EapAkaProfile profile, const Bytes& kEncr, const Bytes& iv,
                                     const Bytes& encrData);

/** One EAP-AKA Request or Response. */
struct AkaMessage
{
    EapCode code{EapCode::Request};
    uint8_t identifier{0};
    uint8_t subtype{0};
    AkaAttributes attrs;
    size_t macOffset{0}; //!< decoder: offset of the MAC value in the EAP packet (if attrs.mac)
};

/**
 * Serializes msg as an EAP packet of type 23. When attrs.mac is present its
 * value is computed as HMAC-SHA1-128(kAut, packet | macExtra).
 */
Bytes EncodeAkaMessage(EapAkaProfile profile, const AkaMessage& msg, const Bytes& kAut = {},
                       const Bytes& macExtra = {});

struct AkaMessageDecodeResult
{
    std::optional<AkaMessage> msg;
    AkaDecodeError error{AkaDecodeError::None};
    Bytes packet; //!< the EAP packet trimmed to its Length (what AT_MAC covers)
};

/** Parses an EAP packet carrying EAP-AKA; error != None means silently discard. */
AkaMessageDecodeResult DecodeAkaMessage(EapAkaProfile profile, const Bytes& eap);

} // namespace roamsec

#endif // ROAMSEC_EAP_AKA_ATTRIBUTES_H
