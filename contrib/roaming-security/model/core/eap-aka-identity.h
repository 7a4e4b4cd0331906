/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA identities: the "0"+IMSI permanent username, the NAI realm derived
 * from the IMSI (draft section 8.1, or 3GPP TS 23.003 section 14.2), NAI
 * splitting, and server-encrypted pseudonyms (draft section 5).
 */
#ifndef ROAMSEC_EAP_AKA_IDENTITY_H
#define ROAMSEC_EAP_AKA_IDENTITY_H

#include "roamsec-bytes.h"
#include "roamsec-crypto.h"

#include <optional>
#include <string>
#include <string_view>

namespace roamsec {

/** How a client builds its realm when none is configured. */
enum class AkaRealmForm : uint8_t
{
    Owlan,    //!< draft 8.1: "mnc<MNC>.mcc<MCC>.owlan.org"
    ThreeGpp, //!< TS 23.003 14.2: "wlan.mnc<MNC, 3 digits>.mcc<MCC>.3gppnetwork.org"
};

struct AkaRealmConfig
{
    /** MNC length: 2 or 3. The draft lets a client that cannot tell use 3 (section 8.1). */
    unsigned mncDigits{3};
    AkaRealmForm form{AkaRealmForm::Owlan};
    /** When not empty, used as is (the operator-configured realm of section 8.1). */
    std::string realmOverride;
};

/** IMSI: 6..15 decimal digits (E.212 at most 15; MCC+MNC+at least one MSIN digit). */
bool IsValidImsi(std::string_view imsi);

/** "0" + IMSI (draft 8.1); std::invalid_argument for a malformed IMSI. */
std::string AkaPermanentUsername(const std::string& imsi);

/** The IMSI of a permanent username ("0" + IMSI), or nullopt. */
std::optional<std::string> ImsiFromAkaPermanentUsername(std::string_view username);

/** Realm per config (override, or derived from MCC/MNC); std::invalid_argument for a bad IMSI or
 * mncDigits. */
std::string AkaRealm(const std::string& imsi, const AkaRealmConfig& config);

/** username@realm, or username alone when realm is empty. */
std::string JoinNai(const std::string& username, const std::string& realm);

struct NaiParts
{
    std::string username;
    std::string realm; //!< empty when there is no '@'
};

/** Splits at the last '@'. */
NaiParts SplitNai(std::string_view nai);

/**
 * Pseudonyms the server can decode without state: username = "2" + hex(C | T)
 * where C = AES-128(key, BCD(IMSI) padded with 0xF to 8 bytes | 8 random bytes)
 * and T = first 6 bytes of HMAC-SHA1(macKey, C), macKey derived from key. The
 * tag makes forged or corrupted pseudonyms undecodable; the random half makes
 * every issued pseudonym different, so successive sessions are unlinkable.
 */
class AkaPseudonymCodec
{
public:
    static constexpr char kPrefix = '2'; //!< never '0', so it cannot look permanent
    static constexpr size_t kUsernameLength = 1 + 2 * (16 + 6);

    /** key: 16 bytes; std::invalid_argument otherwise. */
    explicit AkaPseudonymCodec(const Bytes& key);

    std::string Issue(const std::string& imsi, RandomSource& rng) const;

    /** IMSI of a pseudonym username this codec issued, or nullopt. */
    std::optional<std::string> Decode(std::string_view username) const;

private:
    Bytes m_key;
    Bytes m_macKey;
};

} // namespace roamsec

#endif // ROAMSEC_EAP_AKA_IDENTITY_H
