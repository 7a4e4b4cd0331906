/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Home-domain delegation of security procedures (patent claims, seed 000): the
 * temporary shared key TSK derived from the subscriber's first key K and a
 * random number, and the key schedule hanging off it. Every derivation is the
 * NIST SP 800-108r1 counter-mode KDF with HMAC-SHA-256 as PRF (doc/delegation.rst).
 */
#ifndef ROAMSEC_TSK_DELEGATION_H
#define ROAMSEC_TSK_DELEGATION_H

#include "roamsec-bytes.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"

#include <cstdint>
#include <optional>
#include <string>

namespace roamsec {

constexpr size_t kTskRandLen = 16;  //!< RAND, RAND2 (claims 1, 18)
constexpr size_t kTskLen = 32;      //!< TSK and the third key TSK'
constexpr size_t kTskNonceLen = 16; //!< NONCE_S, NONCE_P, NAR, RAND3, host challenge
constexpr size_t kTskMacLen = 16;   //!< AT_MAC: HMAC-SHA-256 truncated to 128 bits
constexpr size_t kTskAuthLen = 32;  //!< network / update / host authentication values
constexpr size_t kTskMskLen = 64;   //!< RFC 3748 minimum MSK size; the PMK is its first 32 bytes
constexpr size_t kTskEmskLen = 64;

/**
 * EAP-TSK rides in the RFC 3748 section 5.7 expanded type. Vendor-Id 32473 is the
 * IANA private enterprise number reserved for documentation (RFC 5612): no real
 * vendor space is squatted, and a deployment substitutes its own PEN.
 */
constexpr uint32_t kEapTskVendorId = 32473;
constexpr uint32_t kEapTskVendorType = 1;

/**
 * NIST SP 800-108r1 section 4.1 KDF in counter mode, PRF = HMAC-SHA-256, r = 32:
 * K(i) = HMAC-SHA-256(KI, [i]_32 || fixedInput), i = 1.., output truncated to outLen
 * bytes. fixedInput is opaque here (as in the NIST CAVP "BEFORE_FIXED" vectors).
 */
Bytes KbkdfCounterHmacSha256(const Bytes& ki, const Bytes& fixedInput, size_t outLen);

/**
 * The labelled form used by every key of this module:
 * fixedInput = Label || 0x00 || Context || [L]_32 with L = 8 * outLen.
 */
Bytes TskKdf(const Bytes& key, std::string_view label, const Bytes& context, size_t outLen);

/**
 * TSK = KDF(K, "roamsec TSK", RAND || visitedRealm, 256) (claims 1, 10, 17). The
 * third key of claims 18-23 is the same function applied to RAND2. Binding the
 * visited realm means a TSK handed to one domain is useless in another.
 * Throws std::invalid_argument when RAND is not kTskRandLen bytes or K is empty.
 */
Bytes DeriveTsk(const Bytes& k, const Bytes& rand, const std::string& visitedRealm);

/** The keys the TSK is used for between the mobile and the visited domain (claims 5-9). */
struct TskKeys
{
    Bytes kAuth; //!< 32 bytes: network / update / host authentication values
    Bytes kEncr; //!< 16 bytes: AES-128-CBC of AT_ENCR_DATA and of sealed local messages
    Bytes kInt;  //!< 32 bytes: HMAC-SHA-256-128 of AT_MAC and of sealed local messages
};

/** kAuth = KDF(TSK,"roamsec auth"), kEncr = KDF(TSK,"roamsec encr"), kInt = KDF(TSK,"roamsec int").
 */
TskKeys DeriveTskKeys(const Bytes& tsk);

/** The per-session keys of one local authentication (claims 3, 4, 42). */
struct TskSessionKeys
{
    Bytes msk;  //!< 64 bytes; PmkFromMsk(msk) is the 802.11 PMK for the AP
    Bytes emsk; //!< 64 bytes
    Bytes
        sessionId; //!< RFC 5247 Session-Id: 0xFE || Vendor-Id || Vendor-Type || NONCE_S || NONCE_P
};

/**
 * MSK || EMSK = KDF(TSK, "roamsec MSK", NONCE_S || NONCE_P || identity, 1024). Fresh
 * nonces per conversation give every AP (every session) its own MSK.
 */
TskSessionKeys DeriveTskSessionKeys(const Bytes& tsk, const Bytes& nonceS, const Bytes& nonceP,
                                    const std::string& identity);

/** First authentication response of claim 21: HMAC-SHA-256(kAuth(TSK'), "network auth" || NAR ||
 * RAND2). */
Bytes ComputeNetworkAuthResponse(const Bytes& newTskAuthKey, const Bytes& nar, const Bytes& rand2);

/** Second authentication data of claim 24: HMAC-SHA-256(kAuth(TSK'), "update confirm" || RAND3 ||
 * NAR). */
Bytes ComputeUpdateConfirm(const Bytes& newTskAuthKey, const Bytes& rand3, const Bytes& nar);

/** First authentication data of claim 26: HMAC-SHA-256(kAuth(TSK), "host auth" || HC || identity).
 */
Bytes ComputeHostAuth(const Bytes& tskAuthKey, const Bytes& hostChallenge,
                      const std::string& identity);

/** Second authentication data of claim 26, made with K: KDF(K, "roamsec home response", HC ||
 * identity, 256). */
Bytes ComputeHomeResponse(const Bytes& k, const Bytes& hostChallenge, const std::string& identity);

/**
 * Key for a local entity of the visited domain (claims 7, 9, 37, 39): the visited
 * AAA derives it and hands it to the entity; the mobile derives the same from the
 * entity id and nonce: KDF(TSK, "roamsec local key", nonce || entityId, 8*len).
 */
Bytes DeriveLocalEntityKey(const Bytes& tsk, const std::string& entityId, const Bytes& nonce,
                           size_t len);

/**
 * Ciphering and integrity protection of a message between the mobile and an
 * entity of the visited domain (claims 8, 38), encrypt-then-MAC:
 * seq(8) || IV(16) || AES-128-CBC(kEncr, IV, plaintext || PKCS#7 pad) || HMAC-SHA-256-128(kInt, all
 * before).
 */
Bytes SealLocalMessage(const TskKeys& keys, uint64_t seq, const Bytes& plaintext,
                       RandomSource& rng);

/**
 * Opens a sealed message; std::nullopt on a bad MAC, bad padding or a truncated
 * input. The caller checks *seq for replay (it must exceed the last one accepted).
 */
std::optional<Bytes> OpenLocalMessage(const TskKeys& keys, const Bytes& sealed, uint64_t* seq);

/**
 * What the home hands the visited domain (claims 1, 11, 16, 18): RAND and the TSK
 * it derived, plus the home policy limits the visited domain must enforce.
 */
struct DelegationGrant
{
    std::string identity;     //!< the subscriber's NAI
    std::string visitedRealm; //!< the realm the TSK is bound to
    Bytes rand;               //!< kTskRandLen
    Bytes tsk;                //!< kTskLen
    TimeNs expiresAt{0};      //!< absolute time after which the TSK must not be used
    uint32_t maxUses{0};      //!< local authentications allowed with this TSK
};

/** Report that a TSK was replaced by the third key (claims 22, 25), visited -> home. */
struct UpdateReport
{
    std::string identity;
    std::string visitedRealm;
    Bytes oldRand;
    Bytes newRand;
};

} // namespace roamsec

#endif // ROAMSEC_TSK_DELEGATION_H
