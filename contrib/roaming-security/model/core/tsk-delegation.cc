/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tsk-delegation.h"

#include <stdexcept>

namespace roamsec {

namespace {

Bytes
Label(std::string_view text)
{
    return ToBytes(text);
}

Bytes
Truncate(Bytes b, size_t len)
{
    b.resize(len);
    return b;
}

} // namespace

Bytes
KbkdfCounterHmacSha256(const Bytes& ki, const Bytes& fixedInput, size_t outLen)
{
    Bytes out;
    out.reserve(outLen + 32);
    for (uint32_t i = 1; out.size() < outLen; ++i)
    {
        ByteWriter w;
        w.U32(i).Append(fixedInput);
        Bytes block = HmacSha256(ki, w.Data());
        out.insert(out.end(), block.begin(), block.end());
    }
    out.resize(outLen);
    return out;
}

Bytes
TskKdf(const Bytes& key, std::string_view label, const Bytes& context, size_t outLen)
{
    if (outLen == 0 || outLen > 0x1fffffff)
    {
        throw std::invalid_argument("TskKdf: output length out of range");
    }
    ByteWriter w;
    w.Append(Label(label)).U8(0).Append(context).U32(static_cast<uint32_t>(outLen * 8));
    return KbkdfCounterHmacSha256(key, w.Data(), outLen);
}

Bytes
DeriveTsk(const Bytes& k, const Bytes& rand, const std::string& visitedRealm)
{
    if (k.empty() || rand.size() != kTskRandLen)
    {
        throw std::invalid_argument("DeriveTsk: K empty or RAND of wrong size");
    }
    return TskKdf(k, "roamsec TSK", Concat({rand, ToBytes(visitedRealm)}), kTskLen);
}

TskKeys
DeriveTskKeys(const Bytes& tsk)
{
    TskKeys keys;
    keys.kAuth = TskKdf(tsk, "roamsec auth", {}, 32);
    keys.kEncr = TskKdf(tsk, "roamsec encr", {}, 16);
    keys.kInt = TskKdf(tsk, "roamsec int", {}, 32);
    return keys;
}

TskSessionKeys
DeriveTskSessionKeys(const Bytes& tsk, const Bytes& nonceS, const Bytes& nonceP,
                     const std::string& identity)
{
    Bytes km = TskKdf(tsk, "roamsec MSK", Concat({nonceS, nonceP, ToBytes(identity)}),
                      kTskMskLen + kTskEmskLen);
    TskSessionKeys s;
    s.msk.assign(km.begin(), km.begin() + kTskMskLen);
    s.emsk.assign(km.begin() + kTskMskLen, km.end());
    ByteWriter id;
    id.U8(254).Append(Bytes{static_cast<uint8_t>(kEapTskVendorId >> 16),
                            static_cast<uint8_t>(kEapTskVendorId >> 8),
                            static_cast<uint8_t>(kEapTskVendorId)});
    id.U32(kEapTskVendorType).Append(nonceS).Append(nonceP);
    s.sessionId = id.Take();
    return s;
}

Bytes
ComputeNetworkAuthResponse(const Bytes& newTskAuthKey, const Bytes& nar, const Bytes& rand2)
{
    return HmacSha256(newTskAuthKey, Concat({Label("network auth"), nar, rand2}));
}

Bytes
ComputeUpdateConfirm(const Bytes& newTskAuthKey, const Bytes& rand3, const Bytes& nar)
{
    return HmacSha256(newTskAuthKey, Concat({Label("update confirm"), rand3, nar}));
}

Bytes
ComputeHostAuth(const Bytes& tskAuthKey, const Bytes& hostChallenge, const std::string& identity)
{
    return HmacSha256(tskAuthKey, Concat({Label("host auth"), hostChallenge, ToBytes(identity)}));
}

Bytes
ComputeHomeResponse(const Bytes& k, const Bytes& hostChallenge, const std::string& identity)
{
    return TskKdf(k, "roamsec home response", Concat({hostChallenge, ToBytes(identity)}),
                  kTskAuthLen);
}

Bytes
DeriveLocalEntityKey(const Bytes& tsk, const std::string& entityId, const Bytes& nonce, size_t len)
{
    return TskKdf(tsk, "roamsec local key", Concat({nonce, ToBytes(entityId)}), len);
}

Bytes
SealLocalMessage(const TskKeys& keys, uint64_t seq, const Bytes& plaintext, RandomSource& rng)
{
    Bytes padded = plaintext;
    uint8_t pad = static_cast<uint8_t>(16 - plaintext.size() % 16);
    padded.insert(padded.end(), pad, pad);
    Bytes iv = rng.Generate(16);
    ByteWriter w;
    w.U64(seq).Append(iv).Append(AesCbcEncrypt(keys.kEncr, iv, padded));
    Bytes mac = Truncate(HmacSha256(keys.kInt, w.Data()), kTskMacLen);
    w.Append(mac);
    return w.Take();
}

std::optional<Bytes>
OpenLocalMessage(const TskKeys& keys, const Bytes& sealed, uint64_t* seq)
{
    // seq + IV + at least one block + MAC
    if (sealed.size() < 8 + 16 + 16 + kTskMacLen || (sealed.size() - 8 - 16 - kTskMacLen) % 16)
    {
        return std::nullopt;
    }
    size_t bodyLen = sealed.size() - kTskMacLen;
    Bytes body(sealed.begin(), sealed.begin() + bodyLen);
    Bytes mac = Truncate(HmacSha256(keys.kInt, body), kTskMacLen);
    if (!ConstantTimeEqual(mac.data(), sealed.data() + bodyLen, kTskMacLen))
    {
        return std::nullopt;
    }
    ByteReader r(body);
    uint64_t s = r.ReadU64();
    Bytes iv = r.ReadBytes(16);
    Bytes plain = AesCbcDecrypt(keys.kEncr, iv, r.ReadBytes(r.Remaining()));
    uint8_t pad = plain.back();
    if (pad == 0 || pad > 16 || pad > plain.size())
    {
        return std::nullopt;
    }
    for (size_t i = plain.size() - pad; i < plain.size(); ++i)
    {
        if (plain[i] != pad)
        {
            return std::nullopt;
        }
    }
    plain.resize(plain.size() - pad);
    if (seq)
    {
        *seq = s;
    }
    return plain;
}

} // namespace roamsec
