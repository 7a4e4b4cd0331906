/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IEEE 802.11 Fast BSS Transition (802.11r, IEEE 802.11-2016 clause 13) with the
 * FT-802.1X AKM (00-0F-AC:3): the key hierarchy (12.7.1.7), the Mobility Domain and
 * Fast BSS Transition elements (9.4.2.47, 9.4.2.48) and the FTE MIC (13.8.4, 13.8.5).
 */
#ifndef ROAMSEC_FT_KEYS_H
#define ROAMSEC_FT_KEYS_H

#include "roamsec-bytes.h"
#include "rsn-keys.h"

#include <cstdint>
#include <optional>
#include <string>

namespace roamsec {

constexpr uint32_t kAkmFt8021x = 0x000FAC03; //!< FT authentication over IEEE 802.1X (SHA-256)
constexpr uint8_t kElementIdMobilityDomain = 54;
constexpr uint8_t kElementIdFastBssTransition = 55;
constexpr size_t kFtNameLen = 16; //!< PMKR0Name, PMKR1Name, PTKName
constexpr size_t kFtMicLen = 16;

/**
 * KDF-Hash-Length with SHA-256 (12.7.1.7.2): HMAC-SHA-256(K, i || Label || Context ||
 * Length) for i = 1, 2, ... (i and Length 16-bit little-endian, Length in bits),
 * concatenated and truncated to `bits` (a multiple of 8).
 */
Bytes Kdf256(const Bytes& key, const std::string& label, const Bytes& context, size_t bits);

/** XXKey of the FT-802.1X AKM: L(MSK, 256, 256) (12.7.1.7.3); throws on an MSK under 64 bytes. */
Bytes FtXxKeyFromMsk(const Bytes& msk);

/** The PMK-R0 security association's key and name (12.7.1.7.3). */
struct FtPmkR0
{
    Bytes key;  //!< PMK-R0, 32 bytes
    Bytes name; //!< PMKR0Name, 16 bytes
};

/** The PMK-R1 security association's key and name (12.7.1.7.4). */
struct FtPmkR1
{
    Bytes key;  //!< PMK-R1, 32 bytes
    Bytes name; //!< PMKR1Name, 16 bytes
};

/** The PTK of a fast BSS transition and its name (12.7.1.7.5). */
struct FtPtk
{
    Ptk keys;   //!< KCK 16, KEK 16, TK 16 bytes (CCMP-128)
    Bytes name; //!< PTKName
};

/**
 * R0-Key-Data = KDF-256-384(XXKey, "FT-R0", SSIDlength || SSID || MDID || R0KHlength ||
 * R0KH-ID || S0KH-ID); PMK-R0 = its first 256 bits; PMKR0Name = Truncate-128(SHA-256(
 * "FT-R0N" || the last 128 bits)). Throws std::invalid_argument when the SSID exceeds 32
 * bytes or the R0KH-ID is not 1 to 48 bytes.
 */
FtPmkR0 DeriveFtPmkR0(const Bytes& xxKey, const Bytes& ssid, uint16_t mdid, const Bytes& r0khId,
                      const MacAddr& s0khId);

/** PMKR1Name = Truncate-128(SHA-256("FT-R1N" || PMKR0Name || R1KH-ID || S1KH-ID)). */
Bytes FtPmkR1Name(const Bytes& pmkR0Name, const MacAddr& r1khId, const MacAddr& s1khId);

/** PMK-R1 = KDF-256-256(PMK-R0, "FT-R1", R1KH-ID || S1KH-ID), with its name. */
FtPmkR1 DeriveFtPmkR1(const FtPmkR0& r0, const MacAddr& r1khId, const MacAddr& s1khId);

/**
 * PTK = KDF-256-384(PMK-R1, "FT-PTK", SNonce || ANonce || BSSID || STA-ADDR); PTKName =
 * Truncate-128(SHA-256(PMKR1Name || "FT-PTKN" || SNonce || ANonce || BSSID || STA-ADDR)).
 */
FtPtk DeriveFtPtk(const FtPmkR1& r1, const Bytes& sNonce, const Bytes& aNonce, const MacAddr& bssid,
                  const MacAddr& sta);

/** Mobility Domain element (9.4.2.47). */
struct MobilityDomainElement
{
    uint16_t mdid{0};            //!< MDID, sent little-endian
    bool overDs{false};          //!< FT Capability and Policy bit 0: FT over the DS
    bool resourceRequest{false}; //!< bit 1: resource request protocol capability
};

/** Element ID, Length and body of a Mobility Domain element. */
Bytes EncodeMde(const MobilityDomainElement& mde);
/** Parses a whole Mobility Domain element; throws ParseError on a wrong ID or length. */
MobilityDomainElement DecodeMde(const Bytes& element);

/** The GTK subelement of an FTE (9.4.2.48, Figure 9-xxx: Key Info, Key Length, RSC, Key). */
struct FtGtkSubelement
{
    uint8_t keyId{1};
    uint8_t keyLength{16};
    Bytes rsc{Bytes(8, 0)}; //!< 8 bytes
    Bytes wrappedKey;       //!< the GTK wrapped with the KEK (RFC 3394)
};

/** Fast BSS Transition element (9.4.2.48). */
struct FtElement
{
    uint8_t micElementCount{0}; //!< MIC Control: elements the MIC protects (0: no MIC)
    Bytes mic{Bytes(kFtMicLen, 0)};
    Bytes aNonce{Bytes(kRsnNonceLen, 0)};
    Bytes sNonce{Bytes(kRsnNonceLen, 0)};
    std::optional<MacAddr> r1khId;      //!< subelement 1
    std::optional<FtGtkSubelement> gtk; //!< subelement 2
    std::optional<Bytes> r0khId;        //!< subelement 3, 1 to 48 bytes
};

/** Element ID, Length and body of an FTE; throws std::invalid_argument on bad field sizes. */
Bytes EncodeFte(const FtElement& fte);
/**
 * Parses a whole FTE; throws ParseError on a wrong ID, a truncated fixed part or
 * subelement, an R0KH-ID outside 1..48 bytes or an R1KH-ID not 6 bytes. Unknown
 * subelements are skipped.
 */
FtElement DecodeFte(const Bytes& element);

/** The three elements an FT exchange carries, raw (ID and length included). */
struct FtElementSet
{
    Bytes rsne;
    Bytes mde;
    Bytes fte;
};

/**
 * The first RSNE, MDE and FTE among element bytes; std::nullopt when one of them is
 * missing. Throws ParseError when an element overruns the bytes.
 */
std::optional<FtElementSet> FindFtElements(const Bytes& elements);
/** \return the first element with that ID among element bytes, raw; nullopt when absent */
std::optional<Bytes> FindElement(const Bytes& elements, uint8_t id);

/**
 * FTE MIC (13.8.4, 13.8.5): AES-128-CMAC(KCK, STA-ADDR || BSSID || transaction sequence
 * number || RSNE || MDE || FTE with its MIC field zeroed). Sequence 5 for the
 * Reassociation Request, 6 for the Response.
 */
Bytes ComputeFtMic(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid, uint8_t sequence,
                   const FtElementSet& elements);

} // namespace roamsec

#endif // ROAMSEC_FT_KEYS_H
