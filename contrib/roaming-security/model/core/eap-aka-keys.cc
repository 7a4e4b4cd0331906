/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-aka-keys.h"

#include "roamsec-crypto.h"

#include <stdexcept>

namespace roamsec {

namespace {

uint32_t
Rotl(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

} // namespace

// FIPS 186-2's G function is one raw SHA-1 compression with a caller-chosen
// block and no padding or length; OpenSSL 3's EVP offers only complete
// digests, so this single function is implemented here (FIPS 180-1 section 7).
void
Sha1Compress(std::array<uint32_t, 5>& h, const uint8_t* block)
{
    uint32_t w[80];
    for (int t = 0; t < 16; ++t)
    {
        w[t] = (uint32_t(block[4 * t]) << 24) | (uint32_t(block[4 * t + 1]) << 16)
               | (uint32_t(block[4 * t + 2]) << 8) | uint32_t(block[4 * t + 3]);
    }
    for (int t = 16; t < 80; ++t)
    {
        w[t] = Rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    uint32_t a = h[0];
    uint32_t b = h[1];
    uint32_t c = h[2];
    uint32_t d = h[3];
    uint32_t e = h[4];
    for (int t = 0; t < 80; ++t)
    {
        uint32_t f;
        uint32_t k;
        if (t < 20)
        {
            f = (b & c) | (~b & d);
            k = 0x5a827999;
        }
        else if (t < 40)
        {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        }
        else if (t < 60)
        {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdc;
        }
        else
        {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        uint32_t tmp = Rotl(a, 5) + f + e + w[t] + k;
        e = d;
        d = c;
        c = Rotl(b, 30);
        b = a;
        a = tmp;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

Bytes
Fips186Prf(const Bytes& xkey, size_t len)
{
    if (xkey.size() != 20)
    {
        throw std::invalid_argument("FIPS 186-2 PRF: XKEY must be 20 bytes");
    }
    Bytes key = xkey;
    Bytes out;
    out.reserve(len + 20);
    while (out.size() < len)
    {
        // G(t, XVAL) with t the SHA-1 initial value and XVAL = XKEY (XSEED = 0),
        // zero-padded to one 512-bit block (FIPS 186-2 Appendix 3.3).
        std::array<uint32_t, 5> h{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
        uint8_t block[64] = {0};
        std::copy(key.begin(), key.end(), block);
        Sha1Compress(h, block);
        uint8_t w[20];
        for (int i = 0; i < 5; ++i)
        {
            w[4 * i] = uint8_t(h[i] >> 24);
            w[4 * i + 1] = uint8_t(h[i] >> 16);
            w[4 * i + 2] = uint8_t(h[i] >> 8);
            w[4 * i + 3] = uint8_t(h[i]);
        }
        out.insert(out.end(), w, w + 20);
        // XKEY = (1 + XKEY + w) mod 2^160, big-endian.
        unsigned carry = 1;
        for (int i = 19; i >= 0; --i)
        {
            unsigned sum = unsigned(key[i]) + unsigned(w[i]) + carry;
            key[i] = uint8_t(sum);
            carry = sum >> 8;
        }
    }
    out.resize(len);
    return out;
}

AkaKeys
DeriveAkaKeysFromMk(const Bytes& mk)
{
    Bytes x = Fips186Prf(mk, 160);
    AkaKeys k;
    k.mk = mk;
    k.kEncr = Slice(x, 0, 16);
    k.kAut = Slice(x, 16, 16);
    k.msk = Slice(x, 32, 64);
    k.emsk = Slice(x, 96, 64);
    return k;
}

AkaKeys
DeriveAkaKeysDraft(const Bytes& ik, const Bytes& ck)
{
    return DeriveAkaKeysFromMk(Sha1(Concat({ik, ck})));
}

AkaKeys
DeriveAkaKeysRfc4187(const std::string& identity, const Bytes& ik, const Bytes& ck)
{
    return DeriveAkaKeysFromMk(Sha1(Concat({ToBytes(identity), ik, ck})));
}

AkaKeys
DeriveAkaKeys(EapAkaProfile profile, const std::string& identity, const Bytes& ik, const Bytes& ck)
{
    return profile == EapAkaProfile::Draft04 ? DeriveAkaKeysDraft(ik, ck)
                                             : DeriveAkaKeysRfc4187(identity, ik, ck);
}

AkaReauthKeys
DeriveAkaReauthKeys(const std::string& reauthIdentity, uint16_t counter, const Bytes& nonceS,
                    const Bytes& mk)
{
    Bytes ctr{uint8_t(counter >> 8), uint8_t(counter)};
    AkaReauthKeys r;
    r.xkeyPrime = Sha1(Concat({ToBytes(reauthIdentity), ctr, nonceS, mk}));
    Bytes x = Fips186Prf(r.xkeyPrime, 128);
    r.msk = Slice(x, 0, 64);
    r.emsk = Slice(x, 64, 64);
    return r;
}

Bytes
ComputeAkaMac(const Bytes& kAut, const Bytes& packet, const Bytes& extra)
{
    Bytes mac = HmacSha1(kAut, extra.empty() ? packet : Concat({packet, extra}));
    mac.resize(16);
    return mac;
}

bool
VerifyAkaMac(const Bytes& kAut, const Bytes& packet, size_t macOffset, const Bytes& extra)
{
    if (macOffset > packet.size() || packet.size() - macOffset < 16 || kAut.empty())
    {
        return false;
    }
    Bytes zeroed = packet;
    std::fill(zeroed.begin() + macOffset, zeroed.begin() + macOffset + 16, 0);
    Bytes expected = ComputeAkaMac(kAut, zeroed, extra);
    return ConstantTimeEqual(expected.data(), packet.data() + macOffset, 16);
}

} // namespace roamsec
