/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MILENAGE (3GPP TS 35.206) with the standard constants c1..c5 / r1..r5, the
 * GSM conversion functions c2/c3 (TS 33.102 6.8.1.2) and GSM-MILENAGE (TS 55.205).
 */
#ifndef ROAMSEC_MILENAGE_H
#define ROAMSEC_MILENAGE_H

#include "roamsec-bytes.h"
#include "roamsec-crypto.h"

#include <cstdint>

namespace roamsec {

/** OPc = OP xor E_K(OP) (TS 35.206 4.1). K and OP are 16 bytes. */
Bytes MilenageOpc(const Bytes& k, const Bytes& op);

/**
 * The MILENAGE functions for one subscriber (K, OPc). Inputs of the wrong size
 * throw std::invalid_argument: callers validate what comes from the network.
 */
class Milenage
{
public:
    /** K and OPc, 16 bytes each. */
    Milenage(const Bytes& k, const Bytes& opc);

    const Bytes& Opc() const { return m_opc; }

    /** f1: MAC-A (8 bytes) over RAND (16), SQN (6), AMF (2). */
    Bytes F1(const Bytes& rand, const Bytes& sqn, const Bytes& amf) const;
    /** f1*: MAC-S (8 bytes), the resynchronisation MAC. */
    Bytes F1Star(const Bytes& rand, const Bytes& sqn, const Bytes& amf) const;

    /** The outputs of f2..f5 for one RAND, computed together (they share TEMP). */
    struct Outputs
    {
        Bytes res; //!< f2, 8 bytes
        Bytes ck;  //!< f3, 16 bytes
        Bytes ik;  //!< f4, 16 bytes
        Bytes ak;  //!< f5, 6 bytes
    };
    Outputs F2345(const Bytes& rand) const;

    Bytes F2(const Bytes& rand) const { return F2345(rand).res; }
    Bytes F3(const Bytes& rand) const { return F2345(rand).ck; }
    Bytes F4(const Bytes& rand) const { return F2345(rand).ik; }
    Bytes F5(const Bytes& rand) const { return F2345(rand).ak; }
    /** f5*: AK for resynchronisation (6 bytes). */
    Bytes F5Star(const Bytes& rand) const;

private:
    Bytes Temp(const Bytes& rand) const;
    /** OUTi = E_K(rot(TEMP xor OPc, r) xor c) xor OPc, c = 0..0 || cLast. */
    Bytes Out(const Bytes& temp, unsigned rotBytes, uint8_t cLast) const;
    Bytes Out1(const Bytes& rand, const Bytes& sqn, const Bytes& amf) const;

    Aes128Block m_aes;
    Bytes m_opc;
};

/** c2 (TS 33.102 6.8.1.2): SRES = XRES*1 xor .. xor XRES*4, XRES zero-padded to 16 bytes;
 * XRES 4..16 bytes. */
Bytes GsmC2(const Bytes& xres);

/** c3 (TS 33.102 6.8.1.2): Kc = CK1 xor CK2 xor IK1 xor IK2 (64-bit halves). */
Bytes GsmC3(const Bytes& ck, const Bytes& ik);

/** TS 55.205 4: the two recommended SRES derivation functions. */
enum class SresDerivation
{
    Xor,      //!< #1: RES[0..31] xor RES[32..63] (equals c2 for a 64-bit RES)
    Truncate, //!< #2: RES[0..31]
};

/** GSM-MILENAGE A3/A8 (TS 55.205): SRES (4 bytes) and Kc (8 bytes) from Ki, OPc, RAND. */
struct GsmMilenageResult
{
    Bytes sres;
    Bytes kc;
};
GsmMilenageResult GsmMilenage(const Bytes& ki, const Bytes& opc, const Bytes& rand,
                              SresDerivation derivation = SresDerivation::Xor);

} // namespace roamsec

#endif // ROAMSEC_MILENAGE_H
