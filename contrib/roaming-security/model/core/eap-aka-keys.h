/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA key material: the FIPS 186-2 (change notice 1) generator used as a
 * PRF, the master key of each profile, fast re-authentication keys, AT_MAC and
 * the AT_ENCR_DATA cipher.
 */
#ifndef ROAMSEC_EAP_AKA_KEYS_H
#define ROAMSEC_EAP_AKA_KEYS_H

#include "roamsec-bytes.h"

#include <array>
#include <cstdint>
#include <string>

namespace roamsec {

/**
 * The two EAP-AKA dialects this module speaks. Draft04 is
 * draft-arkko-pppext-eap-aka-04 (our normative spec); Rfc4187 is EAP-AKA as
 * published, for interoperation with real peers and servers.
 */
enum class EapAkaProfile : uint8_t
{
    Draft04,
    Rfc4187,
};

/** One SHA-1 compression (FIPS 180-1 section 7) of a 64-byte block into state h. */
void Sha1Compress(std::array<uint32_t, 5>& h, const uint8_t* block);

/**
 * FIPS 186-2 change notice 1, Algorithm 1 as a general-purpose generator
 * (no "mod q", XSEED = 0, b = 160, G from Appendix 3.3): returns len bytes
 * x_0 | x_1 | ... from a 20-byte XKEY. Throws std::invalid_argument otherwise.
 */
Bytes Fips186Prf(const Bytes& xkey, size_t len);

/** Keys of one full authentication. */
struct AkaKeys
{
    Bytes mk;    //!< 20 bytes: XKEY (draft) or MK (RFC 4187)
    Bytes kEncr; //!< 16 bytes
    Bytes kAut;  //!< 16 bytes (the draft's K_int)
    Bytes msk;   //!< 64 bytes
    Bytes emsk;  //!< 64 bytes
};

/** Splits 160 bytes of PRF output from mk into K_encr | K_aut | MSK | EMSK. */
AkaKeys DeriveAkaKeysFromMk(const Bytes& mk);

/** Draft section 9: XKEY = SHA1(IK|CK). */
AkaKeys DeriveAkaKeysDraft(const Bytes& ik, const Bytes& ck);

/** RFC 4187 section 7: MK = SHA1(Identity|IK|CK), Identity as last sent by the peer. */
AkaKeys DeriveAkaKeysRfc4187(const std::string& identity, const Bytes& ik, const Bytes& ck);

/** Profile dispatch (identity is ignored by the draft profile). */
AkaKeys DeriveAkaKeys(EapAkaProfile profile, const std::string& identity, const Bytes& ik,
                      const Bytes& ck);

/** RFC 4187 section 7 fast re-authentication: MSK and EMSK from XKEY'. */
struct AkaReauthKeys
{
    Bytes xkeyPrime; //!< SHA1(Identity|counter|NONCE_S|MK)
    Bytes msk;       //!< 64 bytes
    Bytes emsk;      //!< 64 bytes
};

AkaReauthKeys DeriveAkaReauthKeys(const std::string& reauthIdentity, uint16_t counter,
                                  const Bytes& nonceS, const Bytes& mk);

/** HMAC-SHA1-128(kAut, packet | extra); packet must carry a zeroed MAC value. */
Bytes ComputeAkaMac(const Bytes& kAut, const Bytes& packet, const Bytes& extra = {});

/**
 * Checks the 16-byte MAC found at macOffset of packet (a whole EAP packet) by
 * recomputing it with the value zeroed. False on any range error.
 */
bool VerifyAkaMac(const Bytes& kAut, const Bytes& packet, size_t macOffset,
                  const Bytes& extra = {});

} // namespace roamsec

#endif // ROAMSEC_EAP_AKA_KEYS_H
