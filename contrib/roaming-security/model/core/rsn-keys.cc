/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsn-keys.h"

#include "roamsec-crypto.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

Bytes
Prf(const Bytes& key, const std::string& label, const Bytes& data, size_t bits)
{
    if (bits % 8 != 0)
    {
        throw std::invalid_argument("PRF length must be a multiple of 8 bits");
    }
    const size_t len = bits / 8;
    // A || Y || B || X where Y is a single zero octet and X the iteration counter.
    Bytes input(label.begin(), label.end());
    input.push_back(0x00);
    input.insert(input.end(), data.begin(), data.end());
    input.push_back(0x00);
    Bytes out;
    out.reserve(len + 20);
    for (unsigned i = 0; out.size() < len; ++i)
    {
        input.back() = static_cast<uint8_t>(i);
        Bytes block = HmacSha1(key, input);
        out.insert(out.end(), block.begin(), block.end());
    }
    out.resize(len);
    return out;
}

Bytes
PtkKeyData(const MacAddr& aa, const MacAddr& spa, const Bytes& anonce, const Bytes& snonce)
{
    // Lexicographic (unsigned byte-wise) order, as the standard's Min/Max of octet strings.
    const bool aaFirst = std::lexicographical_compare(aa.begin(), aa.end(), spa.begin(), spa.end());
    const bool anFirst
        = std::lexicographical_compare(anonce.begin(), anonce.end(), snonce.begin(), snonce.end());
    Bytes out;
    out.reserve(12 + anonce.size() + snonce.size());
    const MacAddr& m1 = aaFirst ? aa : spa;
    const MacAddr& m2 = aaFirst ? spa : aa;
    out.insert(out.end(), m1.begin(), m1.end());
    out.insert(out.end(), m2.begin(), m2.end());
    const Bytes& n1 = anFirst ? anonce : snonce;
    const Bytes& n2 = anFirst ? snonce : anonce;
    out.insert(out.end(), n1.begin(), n1.end());
    out.insert(out.end(), n2.begin(), n2.end());
    return out;
}

Ptk
DerivePtk(const Bytes& pmk, const MacAddr& aa, const MacAddr& spa, const Bytes& anonce,
          const Bytes& snonce)
{
    Bytes raw = Prf(pmk, "Pairwise key expansion", PtkKeyData(aa, spa, anonce, snonce), 384);
    Ptk ptk;
    ptk.kck.assign(raw.begin(), raw.begin() + 16);
    ptk.kek.assign(raw.begin() + 16, raw.begin() + 32);
    ptk.tk.assign(raw.begin() + 32, raw.begin() + 48);
    return ptk;
}

Bytes
PmkFromMsk(const Bytes& msk)
{
    if (msk.size() < kPmkLen)
    {
        throw std::invalid_argument("MSK shorter than 256 bits");
    }
    return Bytes(msk.begin(), msk.begin() + kPmkLen);
}

Bytes
ComputePmkid(const Bytes& pmk, const MacAddr& aa, const MacAddr& spa)
{
    Bytes data = ToBytes("PMK Name");
    data.insert(data.end(), aa.begin(), aa.end());
    data.insert(data.end(), spa.begin(), spa.end());
    Bytes mac = HmacSha1(pmk, data);
    mac.resize(kPmkidLen);
    return mac;
}

} // namespace roamsec
