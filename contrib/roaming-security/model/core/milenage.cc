/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "milenage.h"

#include <stdexcept>

namespace roamsec {

namespace {

void
RequireSize(const Bytes& b, size_t size, const char* what)
{
    if (b.size() != size)
    {
        throw std::invalid_argument(std::string("Milenage: ") + what + " must be "
                                    + std::to_string(size) + " bytes");
    }
}

/** Cyclic left rotation of a 128-bit block by a whole number of bytes. */
Bytes
RotateBytes(const Bytes& x, unsigned rotBytes)
{
    Bytes out(16);
    for (unsigned i = 0; i < 16; ++i)
    {
        out[i] = x[(i + rotBytes) % 16];
    }
    return out;
}

// TS 35.206 4.1: r1 = 64, r2 = 0, r3 = 32, r4 = 64, r5 = 96 bits; c1..c5 have
// only their last byte non-zero: 00, 01, 02, 04, 08.
constexpr unsigned kR1 = 8;
constexpr unsigned kR2 = 0;
constexpr unsigned kR3 = 4;
constexpr unsigned kR4 = 8;
constexpr unsigned kR5 = 12;
constexpr uint8_t kC1 = 0x00;
constexpr uint8_t kC2 = 0x01;
constexpr uint8_t kC3 = 0x02;
constexpr uint8_t kC4 = 0x04;
constexpr uint8_t kC5 = 0x08;

} // namespace

Bytes
MilenageOpc(const Bytes& k, const Bytes& op)
{
    RequireSize(k, 16, "K");
    RequireSize(op, 16, "OP");
    Aes128Block aes(k);
    Bytes opc = aes.Encrypt(op);
    XorInto(opc, op);
    return opc;
}

Milenage::Milenage(const Bytes& k, const Bytes& opc)
    : m_aes((RequireSize(k, 16, "K"), k))
    , m_opc(opc)
{
    RequireSize(opc, 16, "OPc");
}

Bytes
Milenage::Temp(const Bytes& rand) const
{
    RequireSize(rand, 16, "RAND");
    Bytes in = rand;
    XorInto(in, m_opc);
    return m_aes.Encrypt(in);
}

Bytes
Milenage::Out(const Bytes& temp, unsigned rotBytes, uint8_t cLast) const
{
    Bytes x = temp;
    XorInto(x, m_opc);
    x = RotateBytes(x, rotBytes);
    x[15] ^= cLast;
    Bytes out = m_aes.Encrypt(x);
    XorInto(out, m_opc);
    return out;
}

Bytes
Milenage::Out1(const Bytes& rand, const Bytes& sqn, const Bytes& amf) const
{
    RequireSize(sqn, 6, "SQN");
    RequireSize(amf, 2, "AMF");
    const Bytes temp = Temp(rand);
    // IN1 = SQN || AMF || SQN || AMF
    Bytes in1 = Concat({sqn, amf, sqn, amf});
    XorInto(in1, m_opc);
    Bytes x = RotateBytes(in1, kR1);
    XorInto(x, temp);
    x[15] ^= kC1;
    Bytes out = m_aes.Encrypt(x);
    XorInto(out, m_opc);
    return out;
}

Bytes
Milenage::F1(const Bytes& rand, const Bytes& sqn, const Bytes& amf) const
{
    const Bytes out1 = Out1(rand, sqn, amf);
    return Bytes(out1.begin(), out1.begin() + 8);
}

Bytes
Milenage::F1Star(const Bytes& rand, const Bytes& sqn, const Bytes& amf) const
{
    const Bytes out1 = Out1(rand, sqn, amf);
    return Bytes(out1.begin() + 8, out1.end());
}

Milenage::Outputs
Milenage::F2345(const Bytes& rand) const
{
    const Bytes temp = Temp(rand);
    const Bytes out2 = Out(temp, kR2, kC2);
    Outputs o;
    o.ak.assign(out2.begin(), out2.begin() + 6);
    o.res.assign(out2.begin() + 8, out2.end());
    o.ck = Out(temp, kR3, kC3);
    o.ik = Out(temp, kR4, kC4);
    return o;
}

Bytes
Milenage::F5Star(const Bytes& rand) const
{
    const Bytes out5 = Out(Temp(rand), kR5, kC5);
    return Bytes(out5.begin(), out5.begin() + 6);
}

Bytes
GsmC2(const Bytes& xres)
{
    if (xres.size() < 4 || xres.size() > 16)
    {
        throw std::invalid_argument("c2: XRES must be 4..16 bytes");
    }
    Bytes padded = xres;
    padded.resize(16, 0);
    Bytes sres(4, 0);
    for (size_t i = 0; i < 16; ++i)
    {
        sres[i % 4] ^= padded[i];
    }
    return sres;
}

Bytes
GsmC3(const Bytes& ck, const Bytes& ik)
{
    RequireSize(ck, 16, "CK");
    RequireSize(ik, 16, "IK");
    Bytes kc(8);
    for (size_t i = 0; i < 8; ++i)
    {
        kc[i] = ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8];
    }
    return kc;
}

GsmMilenageResult
GsmMilenage(const Bytes& ki, const Bytes& opc, const Bytes& rand, SresDerivation derivation)
{
    const Milenage m(ki, opc);
    const Milenage::Outputs o = m.F2345(rand);
    GsmMilenageResult r;
    r.kc = GsmC3(o.ck, o.ik);
    if (derivation == SresDerivation::Xor)
    {
        r.sres = GsmC2(o.res);
    }
    else
    {
        r.sres.assign(o.res.begin(), o.res.begin() + 4);
    }
    return r;
}

} // namespace roamsec
