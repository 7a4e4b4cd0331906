/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ft-keys.h"

#include "eapol.h"
#include "roamsec-crypto.h"

#include <stdexcept>

namespace roamsec {

namespace {

void
PutLe16(Bytes& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v & 0xff));
    out.push_back(static_cast<uint8_t>(v >> 8));
}

uint16_t
GetLe16(const uint8_t* p)
{
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

Bytes
Truncate128Sha256(const Bytes& data)
{
    Bytes hash = Sha256(data);
    hash.resize(kFtNameLen);
    return hash;
}

/** The element at the reader's position (ID, Length, body), raw. */
Bytes
ReadRawElement(ByteReader& reader)
{
    const uint8_t* start = reader.Current();
    reader.ReadU8();
    uint8_t len = reader.ReadU8();
    reader.Skip(len);
    return Bytes(start, start + 2 + len);
}

constexpr uint8_t kSubelementR1khId = 1;
constexpr uint8_t kSubelementGtk = 2;
constexpr uint8_t kSubelementR0khId = 3;

} // namespace

Bytes
Kdf256(const Bytes& key, const std::string& label, const Bytes& context, size_t bits)
{
    if (bits == 0 || bits % 8 != 0 || bits > 0xffff)
    {
        throw std::invalid_argument("Kdf256: length must be a positive multiple of 8 bits");
    }
    Bytes out;
    for (uint16_t i = 1; out.size() * 8 < bits; ++i)
    {
        Bytes input;
        PutLe16(input, i);
        input.insert(input.end(), label.begin(), label.end());
        input.insert(input.end(), context.begin(), context.end());
        PutLe16(input, static_cast<uint16_t>(bits));
        Bytes block = HmacSha256(key, input);
        out.insert(out.end(), block.begin(), block.end());
    }
    out.resize(bits / 8);
    return out;
}

Bytes
FtXxKeyFromMsk(const Bytes& msk)
{
    if (msk.size() < 64)
    {
        throw std::invalid_argument("FT-802.1X XXKey needs an MSK of at least 64 bytes");
    }
    return Bytes(msk.begin() + 32, msk.begin() + 64);
}

FtPmkR0
DeriveFtPmkR0(const Bytes& xxKey, const Bytes& ssid, uint16_t mdid, const Bytes& r0khId,
              const MacAddr& s0khId)
{
    if (ssid.size() > 32)
    {
        throw std::invalid_argument("FT PMK-R0: SSID longer than 32 bytes");
    }
    if (r0khId.empty() || r0khId.size() > 48)
    {
        throw std::invalid_argument("FT PMK-R0: R0KH-ID must be 1 to 48 bytes");
    }
    Bytes context;
    context.push_back(static_cast<uint8_t>(ssid.size()));
    context.insert(context.end(), ssid.begin(), ssid.end());
    PutLe16(context, mdid);
    context.push_back(static_cast<uint8_t>(r0khId.size()));
    context.insert(context.end(), r0khId.begin(), r0khId.end());
    context.insert(context.end(), s0khId.begin(), s0khId.end());
    Bytes r0KeyData = Kdf256(xxKey, "FT-R0", context, 384);
    FtPmkR0 r0;
    r0.key = Bytes(r0KeyData.begin(), r0KeyData.begin() + 32);
    Bytes salt(r0KeyData.begin() + 32, r0KeyData.end());
    r0.name = Truncate128Sha256(Concat({ToBytes("FT-R0N"), salt}));
    return r0;
}

Bytes
FtPmkR1Name(const Bytes& pmkR0Name, const MacAddr& r1khId, const MacAddr& s1khId)
{
    return Truncate128Sha256(
        Concat({ToBytes("FT-R1N"), pmkR0Name, MacBytes(r1khId), MacBytes(s1khId)}));
}

FtPmkR1
DeriveFtPmkR1(const FtPmkR0& r0, const MacAddr& r1khId, const MacAddr& s1khId)
{
    FtPmkR1 r1;
    r1.key = Kdf256(r0.key, "FT-R1", Concat({MacBytes(r1khId), MacBytes(s1khId)}), 256);
    r1.name = FtPmkR1Name(r0.name, r1khId, s1khId);
    return r1;
}

FtPtk
DeriveFtPtk(const FtPmkR1& r1, const Bytes& sNonce, const Bytes& aNonce, const MacAddr& bssid,
            const MacAddr& sta)
{
    Bytes context = Concat({sNonce, aNonce, MacBytes(bssid), MacBytes(sta)});
    Bytes ptk = Kdf256(r1.key, "FT-PTK", context, 384);
    FtPtk out;
    out.keys.kck = Bytes(ptk.begin(), ptk.begin() + 16);
    out.keys.kek = Bytes(ptk.begin() + 16, ptk.begin() + 32);
    out.keys.tk = Bytes(ptk.begin() + 32, ptk.end());
    out.name = Truncate128Sha256(Concat({r1.name, ToBytes("FT-PTKN"), context}));
    return out;
}

Bytes
EncodeMde(const MobilityDomainElement& mde)
{
    Bytes out{kElementIdMobilityDomain, 3};
    PutLe16(out, mde.mdid);
    out.push_back(static_cast<uint8_t>((mde.overDs ? 1 : 0) | (mde.resourceRequest ? 2 : 0)));
    return out;
}

MobilityDomainElement
DecodeMde(const Bytes& element)
{
    if (element.size() != 5 || element[0] != kElementIdMobilityDomain || element[1] != 3)
    {
        throw ParseError("Mobility Domain element: wrong ID or length");
    }
    MobilityDomainElement mde;
    mde.mdid = GetLe16(element.data() + 2);
    mde.overDs = (element[4] & 1) != 0;
    mde.resourceRequest = (element[4] & 2) != 0;
    return mde;
}

Bytes
EncodeFte(const FtElement& fte)
{
    if (fte.mic.size() != kFtMicLen || fte.aNonce.size() != kRsnNonceLen
        || fte.sNonce.size() != kRsnNonceLen)
    {
        throw std::invalid_argument("FTE: MIC must be 16 bytes, ANonce and SNonce 32");
    }
    Bytes body;
    body.push_back(0); // MIC Control, octet 1: reserved (no RSNXE)
    body.push_back(fte.micElementCount);
    body.insert(body.end(), fte.mic.begin(), fte.mic.end());
    body.insert(body.end(), fte.aNonce.begin(), fte.aNonce.end());
    body.insert(body.end(), fte.sNonce.begin(), fte.sNonce.end());
    if (fte.r1khId)
    {
        body.push_back(kSubelementR1khId);
        body.push_back(6);
        body.insert(body.end(), fte.r1khId->begin(), fte.r1khId->end());
    }
    if (fte.gtk)
    {
        if (fte.gtk->rsc.size() != 8 || fte.gtk->wrappedKey.size() < 24
            || fte.gtk->wrappedKey.size() > 40)
        {
            throw std::invalid_argument("FTE GTK subelement: RSC 8 bytes, wrapped key 24 to 40");
        }
        body.push_back(kSubelementGtk);
        body.push_back(static_cast<uint8_t>(11 + fte.gtk->wrappedKey.size()));
        PutLe16(body, fte.gtk->keyId & 0x03);
        body.push_back(fte.gtk->keyLength);
        body.insert(body.end(), fte.gtk->rsc.begin(), fte.gtk->rsc.end());
        body.insert(body.end(), fte.gtk->wrappedKey.begin(), fte.gtk->wrappedKey.end());
    }
    if (fte.r0khId)
    {
        if (fte.r0khId->empty() || fte.r0khId->size() > 48)
        {
            throw std::invalid_argument("FTE: R0KH-ID must be 1 to 48 bytes");
        }
        body.push_back(kSubelementR0khId);
        body.push_back(static_cast<uint8_t>(fte.r0khId->size()));
        body.insert(body.end(), fte.r0khId->begin(), fte.r0khId->end());
    }
    if (body.size() > 255)
    {
        throw std::invalid_argument("FTE longer than 255 bytes");
    }
    Bytes out{kElementIdFastBssTransition, static_cast<uint8_t>(body.size())};
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

FtElement
DecodeFte(const Bytes& element)
{
    ByteReader reader(element);
    if (reader.ReadU8() != kElementIdFastBssTransition)
    {
        throw ParseError("FTE: wrong element ID");
    }
    ByteReader body = reader.Sub(reader.ReadU8());
    if (!reader.AtEnd())
    {
        throw ParseError("FTE: bytes after the element");
    }
    FtElement fte;
    body.ReadU8();
    fte.micElementCount = body.ReadU8();
    fte.mic = body.ReadBytes(kFtMicLen);
    fte.aNonce = body.ReadBytes(kRsnNonceLen);
    fte.sNonce = body.ReadBytes(kRsnNonceLen);
    while (!body.AtEnd())
    {
        uint8_t id = body.ReadU8();
        ByteReader sub = body.Sub(body.ReadU8());
        switch (id)
        {
            case kSubelementR1khId:
            {
                if (sub.Remaining() != 6)
                {
                    throw ParseError("FTE: R1KH-ID subelement must be 6 bytes");
                }
                Bytes id6 = sub.ReadBytes(6);
                MacAddr mac;
                std::copy(id6.begin(), id6.end(), mac.begin());
                fte.r1khId = mac;
                break;
            }
            case kSubelementGtk:
            {
                FtGtkSubelement gtk;
                uint8_t lo = sub.ReadU8();
                sub.ReadU8();
                gtk.keyId = lo & 0x03;
                gtk.keyLength = sub.ReadU8();
                gtk.rsc = sub.ReadBytes(8);
                if (sub.Remaining() < 24 || sub.Remaining() > 40 || sub.Remaining() % 8 != 0)
                {
                    throw ParseError(
                        "FTE: GTK subelement key must be 24 to 40 bytes, multiple of 8");
                }
                gtk.wrappedKey = sub.ReadBytes(sub.Remaining());
                fte.gtk = gtk;
                break;
            }
            case kSubelementR0khId:
                if (sub.Remaining() < 1 || sub.Remaining() > 48)
                {
                    throw ParseError("FTE: R0KH-ID subelement must be 1 to 48 bytes");
                }
                fte.r0khId = sub.ReadBytes(sub.Remaining());
                break;
            default:
                break; // unknown subelements are skipped
        }
    }
    return fte;
}

std::optional<Bytes>
FindElement(const Bytes& elements, uint8_t id)
{
    ByteReader reader(elements);
    while (!reader.AtEnd())
    {
        Bytes element = ReadRawElement(reader);
        if (element[0] == id)
        {
            return element;
        }
    }
    return std::nullopt;
}

std::optional<FtElementSet>
FindFtElements(const Bytes& elements)
{
    auto rsne = FindElement(elements, kElementIdRsn);
    auto mde = FindElement(elements, kElementIdMobilityDomain);
    auto fte = FindElement(elements, kElementIdFastBssTransition);
    if (!rsne || !mde || !fte)
    {
        return std::nullopt;
    }
    return FtElementSet{*rsne, *mde, *fte};
}

Bytes
ComputeFtMic(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid, uint8_t sequence,
             const FtElementSet& elements)
{
    if (elements.fte.size() < 2 + 2 + kFtMicLen)
    {
        throw ParseError("FTE too short for a MIC");
    }
    Bytes fte = elements.fte;
    std::fill(fte.begin() + 4, fte.begin() + 4 + kFtMicLen, 0);
    Bytes data = Concat(
        {MacBytes(sta), MacBytes(bssid), Bytes{sequence}, elements.rsne, elements.mde, fte});
    return AesCmac128(kck, data);
}

} // namespace roamsec
