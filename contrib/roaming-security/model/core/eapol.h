/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAPOL framing (IEEE 802.1X-2010 clause 11), the RSN EAPOL-Key frame
 * (IEEE 802.11-2016 12.7.2) and the key data encapsulations carried in it
 * (RSNE 9.4.2.25, KDEs 12.7.2 Table 12-6), AES key wrap of the key data
 * and the HMAC-SHA1-128 EAPOL-Key MIC (descriptor version 2).
 */
#ifndef ROAMSEC_EAPOL_H
#define ROAMSEC_EAPOL_H

#include "roamsec-bytes.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace roamsec {

constexpr uint16_t kEtherTypeEapol = 0x888E;
/** RSN pre-authentication (IEEE 802.11-2016 12.6.10.2): same frames, another EtherType. */
constexpr uint16_t kEtherTypePreauth = 0x88C7;

/** EAPOL packet types (802.1X-2010 Table 11-3) used here. */
enum class EapolType : uint8_t
{
    EapPacket = 0,
    Start = 1,
    Logoff = 2,
    Key = 3,
};

/** An EAPOL PDU: version, type and the body (Packet Body Length bytes). */
struct EapolFrame
{
    uint8_t version{2};
    uint8_t type{0};
    Bytes body;
};

Bytes EncodeEapol(const EapolFrame& frame);
/**
 * Parses an EAPOL PDU. Bytes after the body (Ethernet padding) are ignored, as
 * 802.1X-2010 11.4 requires. Throws ParseError on a truncated frame or version 0.
 */
EapolFrame DecodeEapol(const Bytes& data);

/** Key Information bits (IEEE 802.11-2016 Figure 12-33). */
namespace keyinfo {
constexpr uint16_t kVersionMask = 0x0007;
constexpr uint16_t kPairwise = 0x0008; // Key Type: 1 pairwise, 0 group
constexpr uint16_t kInstall = 0x0040;
constexpr uint16_t kAck = 0x0080;
constexpr uint16_t kMic = 0x0100;
constexpr uint16_t kSecure = 0x0200;
constexpr uint16_t kError = 0x0400;
constexpr uint16_t kRequest = 0x0800;
constexpr uint16_t kEncryptedKeyData = 0x1000;
constexpr uint16_t kSmkMessage = 0x2000;
/** Descriptor version 2: HMAC-SHA1-128 MIC, AES key wrap (CCMP with non-SHA256 AKMs). */
constexpr uint16_t kVersionHmacSha1Aes = 2;
/** Descriptor version 3: AES-128-CMAC MIC, AES key wrap (the FT and SHA-256 AKMs, 12.7.2). */
constexpr uint16_t kVersionAesCmac = 3;
} // namespace keyinfo

constexpr uint8_t kEapolKeyDescriptorRsn = 2;
constexpr size_t kEapolKeyMicOffset = 81; // in the EAPOL PDU, header included
constexpr size_t kEapolKeyMicLen = 16;
constexpr size_t kEapolKeyFixedLen = 99; // 4 header + 95 up to and including Key Data Length

/** An EAPOL-Key frame with the RSN descriptor and a 16-octet MIC. */
struct EapolKeyFrame
{
    uint8_t protocolVersion{2};
    uint8_t descriptorType{kEapolKeyDescriptorRsn};
    uint16_t keyInfo{0};
    uint16_t keyLength{0};
    uint64_t replayCounter{0};
    std::array<uint8_t, 32> nonce{};
    std::array<uint8_t, 16> iv{};
    std::array<uint8_t, 8> rsc{};
    std::array<uint8_t, 16> mic{};
    Bytes keyData;

    uint16_t DescriptorVersion() const { return keyInfo & keyinfo::kVersionMask; }
    bool Has(uint16_t bit) const { return (keyInfo & bit) != 0; }
    void Set(uint16_t bit, bool on) { keyInfo = on ? (keyInfo | bit) : (keyInfo & ~bit); }
};

/** The whole EAPOL PDU (header, descriptor, key data) with the MIC field as stored. */
Bytes EncodeEapolKey(const EapolKeyFrame& frame);
/**
 * Parses an EAPOL PDU that must be of type Key with descriptor type 2.
 * Throws ParseError when truncated, of another type, or when Key Data Length
 * exceeds the body.
 */
EapolKeyFrame DecodeEapolKey(const Bytes& eapolPdu);

/**
 * The MIC over the PDU with its MIC field zeroed (12.7.2), by the PDU's Key Descriptor
 * Version: AES-128-CMAC(KCK, .) for version 3, HMAC-SHA1-128(KCK, .) otherwise (version 2).
 */
Bytes ComputeEapolKeyMic(const Bytes& kck, const Bytes& eapolPdu);
/** Writes the MIC into an encoded PDU. Throws ParseError if the PDU is too short. */
void SetEapolKeyMic(const Bytes& kck, Bytes& eapolPdu);
/** Constant-time check of the MIC field of an encoded PDU; false when too short. */
bool VerifyEapolKeyMic(const Bytes& kck, const Bytes& eapolPdu);

/** Suite selectors as OUI << 8 | type (9.4.2.25.2, 9.4.2.25.3). */
constexpr uint32_t kSuiteCcmp128 = 0x000FAC04;
constexpr uint32_t kSuiteTkip = 0x000FAC02;
constexpr uint32_t kSuiteBipCmac128 = 0x000FAC06;
constexpr uint32_t kAkm8021x = 0x000FAC01;
constexpr uint32_t kAkmPsk = 0x000FAC02;
constexpr uint8_t kElementIdRsn = 48;
constexpr uint8_t kElementIdVendor = 0xdd;

/** The RSN element (9.4.2.25). Optional trailing fields may be absent on the wire. */
struct RsnElement
{
    uint16_t version{1};
    uint32_t groupCipher{kSuiteCcmp128};
    std::vector<uint32_t> pairwiseCiphers{kSuiteCcmp128};
    std::vector<uint32_t> akms{kAkm8021x};
    uint16_t capabilities{0};
    std::vector<Bytes> pmkids;
    std::optional<uint32_t> groupMgmtCipher;
};

/** Element ID, Length and body; PMKID Count is written only when there are PMKIDs (or a group mgmt
 * cipher). */
Bytes EncodeRsne(const RsnElement& rsne);
/**
 * Parses a full RSN element (ID 48 and length included). Accepts the
 * truncations 9.4.2.25.1 allows; throws ParseError on version != 1, a count
 * that overruns the element, or a wrong ID.
 */
RsnElement DecodeRsne(const Bytes& element);

/** GTK KDE contents (12.7.2 Figure 12-35). */
struct GtkKde
{
    uint8_t keyId{1};
    bool tx{false};
    Bytes gtk;
};

constexpr uint32_t kKdeGtk = 0x000FAC01;
constexpr uint32_t kKdeMacAddress = 0x000FAC03;
constexpr uint32_t kKdePmkid = 0x000FAC04;

Bytes EncodeGtkKde(const GtkKde& kde);
Bytes EncodePmkidKde(const Bytes& pmkid);

/** Key Data field split into what the handshakes use; unknown elements and KDEs are kept. */
struct KeyDataContents
{
    std::vector<Bytes> rsnes; // raw RSN elements, ID and length included
    std::optional<GtkKde> gtk;
    std::vector<Bytes> pmkids;
    std::vector<std::pair<uint32_t, Bytes>> otherKdes;
    std::vector<Bytes> otherElements;
};

/**
 * Parses a (decrypted) Key Data field as a sequence of elements and KDEs.
 * A 0xdd octet followed by 0x00 or the end marks the padding: parsing stops.
 * Throws ParseError on an element that overruns the field, a malformed GTK or
 * PMKID KDE, or a second GTK KDE.
 */
KeyDataContents ParseKeyData(const Bytes& keyData);

/**
 * Pads (0xdd then 0x00s to a multiple of 8, at least 16 octets, 12.7.2) and
 * wraps the key data under the KEK with RFC 3394.
 */
Bytes WrapKeyData(const Bytes& kek, const Bytes& plain);
/** RFC 3394 unwrap; std::nullopt on an integrity failure or a bad length. Padding is left in place.
 */
std::optional<Bytes> UnwrapKeyData(const Bytes& kek, const Bytes& wrapped);

} // namespace roamsec

#endif // ROAMSEC_EAPOL_H
