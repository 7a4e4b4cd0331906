/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The IEEE 802.11 RSNA pairwise key hierarchy (IEEE 802.11-2016 12.7.1):
 * PRF-n, PMK from the EAP MSK, PMKID and the CCMP PTK.
 */
#ifndef ROAMSEC_RSN_KEYS_H
#define ROAMSEC_RSN_KEYS_H

#include "roamsec-bytes.h"

#include <string>

namespace roamsec {

/**
 * PRF-n of IEEE 802.11-2016 12.7.1.2: HMAC-SHA-1(K, A || 0 || B || i) for
 * i = 0, 1, ... concatenated and truncated to `bits` (a multiple of 8).
 */
Bytes Prf(const Bytes& key, const std::string& label, const Bytes& data, size_t bits);

/** The CCMP-128 PTK split into its parts (12.7.1.3): KCK 16, KEK 16, TK 16 bytes. */
struct Ptk
{
    Bytes kck;
    Bytes kek;
    Bytes tk;
};

/** Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce) (12.7.1.3). */
Bytes PtkKeyData(const MacAddr& aa, const MacAddr& spa, const Bytes& anonce, const Bytes& snonce);

/** PTK = PRF-384(PMK, "Pairwise key expansion", PtkKeyData(...)). */
Ptk DerivePtk(const Bytes& pmk, const MacAddr& aa, const MacAddr& spa, const Bytes& anonce,
              const Bytes& snonce);

/** PMK = L(MSK, 0, 256) (12.7.1.3); throws std::invalid_argument for an MSK under 32 bytes. */
Bytes PmkFromMsk(const Bytes& msk);

/** PMKID = HMAC-SHA1-128(PMK, "PMK Name" || AA || SPA) (12.7.1.3). */
Bytes ComputePmkid(const Bytes& pmk, const MacAddr& aa, const MacAddr& spa);

/** Sizes used throughout the RSN code. */
constexpr size_t kRsnNonceLen = 32;
constexpr size_t kPmkLen = 32;
constexpr size_t kPmkidLen = 16;

} // namespace roamsec

#endif // ROAMSEC_RSN_KEYS_H
