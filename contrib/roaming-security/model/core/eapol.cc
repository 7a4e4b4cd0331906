/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eapol.h"

#include "roamsec-crypto.h"

#include <algorithm>

namespace roamsec {

Bytes
EncodeEapol(const EapolFrame& frame)
{
    if (frame.body.size() > 0xffff)
    {
        throw std::invalid_argument("EAPOL body too long");
    }
    ByteWriter w;
    w.U8(frame.version).U8(frame.type).U16(static_cast<uint16_t>(frame.body.size()));
    w.Append(frame.body);
    return w.Take();
}

EapolFrame
DecodeEapol(const Bytes& data)
{
    ByteReader r(data);
    EapolFrame f;
    f.version = r.ReadU8();
    f.type = r.ReadU8();
    uint16_t len = r.ReadU16();
    if (f.version == 0)
    {
        throw ParseError("EAPOL protocol version 0");
    }
    f.body = r.ReadBytes(len);
    return f;
}

namespace {

void
AppendArray(ByteWriter& w, const uint8_t* p, size_t n)
{
    w.Append(p, n);
}

template <size_t N>
void
ReadArray(ByteReader& r, std::array<uint8_t, N>& out)
{
    Bytes b = r.ReadBytes(N);
    std::copy(b.begin(), b.end(), out.begin());
}

} // namespace

Bytes
EncodeEapolKey(const EapolKeyFrame& frame)
{
    if (frame.keyData.size() > 0xffff - 95)
    {
        throw std::invalid_argument("EAPOL-Key key data too long");
    }
    ByteWriter w;
    w.U8(frame.descriptorType).U16(frame.keyInfo).U16(frame.keyLength).U64(frame.replayCounter);
    AppendArray(w, frame.nonce.data(), frame.nonce.size());
    AppendArray(w, frame.iv.data(), frame.iv.size());
    AppendArray(w, frame.rsc.data(), frame.rsc.size());
    w.Zeros(8); // reserved (Key ID in WPA)
    AppendArray(w, frame.mic.data(), frame.mic.size());
    w.U16(static_cast<uint16_t>(frame.keyData.size()));
    w.Append(frame.keyData);
    EapolFrame e;
    e.version = frame.protocolVersion;
    e.type = static_cast<uint8_t>(EapolType::Key);
    e.body = w.Take();
    return EncodeEapol(e);
}

EapolKeyFrame
DecodeEapolKey(const Bytes& eapolPdu)
{
    EapolFrame e = DecodeEapol(eapolPdu);
    if (e.type != static_cast<uint8_t>(EapolType::Key))
    {
        throw ParseError("not an EAPOL-Key frame");
    }
    ByteReader r(e.body);
    EapolKeyFrame k;
    k.protocolVersion = e.version;
    k.descriptorType = r.ReadU8();
    if (k.descriptorType != kEapolKeyDescriptorRsn)
    {
        throw ParseError("EAPOL-Key descriptor type is not RSN");
    }
    k.keyInfo = r.ReadU16();
    k.keyLength = r.ReadU16();
    k.replayCounter = r.ReadU64();
    ReadArray(r, k.nonce);
    ReadArray(r, k.iv);
    ReadArray(r, k.rsc);
    r.Skip(8);
    ReadArray(r, k.mic);
    uint16_t dataLen = r.ReadU16();
    k.keyData = r.ReadBytes(dataLen);
    return k;
}

Bytes
ComputeEapolKeyMic(const Bytes& kck, const Bytes& eapolPdu)
{
    if (eapolPdu.size() < kEapolKeyFixedLen)
    {
        throw ParseError("EAPOL-Key PDU too short for a MIC");
    }
    // The MIC covers header and body (Packet Body Length), MIC field zero; any
    // Ethernet padding after the body is not part of it.
    size_t len = std::min(eapolPdu.size(), 4 + ((size_t(eapolPdu[2]) << 8) | eapolPdu[3]));
    if (len < kEapolKeyFixedLen)
    {
        throw ParseError("EAPOL-Key PDU too short for a MIC");
    }
    Bytes copy(eapolPdu.begin(), eapolPdu.begin() + len);
    std::fill(copy.begin() + kEapolKeyMicOffset,
              copy.begin() + kEapolKeyMicOffset + kEapolKeyMicLen, 0);
    // The Key Descriptor Version names the MIC algorithm (12.7.2): 3 is AES-128-CMAC,
    // 2 (and anything else this module never sends) HMAC-SHA1-128.
    uint16_t version = ((uint16_t(copy[5]) << 8) | copy[6]) & keyinfo::kVersionMask;
    if (version == keyinfo::kVersionAesCmac)
    {
        return AesCmac128(kck, copy);
    }
    Bytes mac = HmacSha1(kck, copy);
    mac.resize(kEapolKeyMicLen);
    return mac;
}

void
SetEapolKeyMic(const Bytes& kck, Bytes& eapolPdu)
{
    Bytes mic = ComputeEapolKeyMic(kck, eapolPdu);
    std::copy(mic.begin(), mic.end(), eapolPdu.begin() + kEapolKeyMicOffset);
}

bool
VerifyEapolKeyMic(const Bytes& kck, const Bytes& eapolPdu)
{
    Bytes mic;
    try
    {
        mic = ComputeEapolKeyMic(kck, eapolPdu);
    }
    catch (const ParseError&)
    {
        return false;
    }
    return ConstantTimeEqual(mic.data(), eapolPdu.data() + kEapolKeyMicOffset, kEapolKeyMicLen);
}

namespace {

void
WriteSuite(ByteWriter& w, uint32_t suite)
{
    w.U32(suite); // OUI (3 octets) then type: the big-endian u32 as defined above
}

void
WriteSuiteList(ByteWriter& w, const std::vector<uint32_t>& suites)
{
    w.U16(0); // placeholder, patched: counts are little-endian in 802.11 elements
    size_t at = w.Size() - 2;
    for (uint32_t s : suites)
    {
        WriteSuite(w, s);
    }
    uint16_t n = static_cast<uint16_t>(suites.size());
    w.PatchU16(at, static_cast<uint16_t>((n >> 8) | (n << 8)));
}

uint16_t
ReadLe16(ByteReader& r)
{
    uint16_t v = r.ReadU16();
    return static_cast<uint16_t>((v >> 8) | (v << 8));
}

} // namespace

Bytes
EncodeRsne(const RsnElement& rsne)
{
    ByteWriter body;
    body.U16(static_cast<uint16_t>((rsne.version >> 8) | (rsne.version << 8)));
    WriteSuite(body, rsne.groupCipher);
    WriteSuiteList(body, rsne.pairwiseCiphers);
    WriteSuiteList(body, rsne.akms);
    body.U16(static_cast<uint16_t>((rsne.capabilities >> 8) | (rsne.capabilities << 8)));
    if (!rsne.pmkids.empty() || rsne.groupMgmtCipher)
    {
        uint16_t n = static_cast<uint16_t>(rsne.pmkids.size());
        body.U16(static_cast<uint16_t>((n >> 8) | (n << 8)));
        for (const Bytes& p : rsne.pmkids)
        {
            if (p.size() != 16)
            {
                throw std::invalid_argument("PMKID must be 16 octets");
            }
            body.Append(p);
        }
        if (rsne.groupMgmtCipher)
        {
            WriteSuite(body, *rsne.groupMgmtCipher);
        }
    }
    if (body.Size() > 255)
    {
        throw std::invalid_argument("RSNE too long");
    }
    ByteWriter w;
    w.U8(kElementIdRsn).U8(static_cast<uint8_t>(body.Size())).Append(body.Data());
    return w.Take();
}

RsnElement
DecodeRsne(const Bytes& element)
{
    ByteReader outer(element);
    if (outer.ReadU8() != kElementIdRsn)
    {
        throw ParseError("not an RSN element");
    }
    uint8_t len = outer.ReadU8();
    ByteReader r = outer.Sub(len);
    if (!outer.AtEnd())
    {
        throw ParseError("octets after the RSN element");
    }
    RsnElement e;
    e.version = ReadLe16(r);
    if (e.version != 1)
    {
        throw ParseError("RSNE version is not 1");
    }
    // Every later field is optional: absent fields keep the 9.4.2.25.1 defaults.
    if (r.AtEnd())
    {
        return e;
    }
    e.groupCipher = r.ReadU32();
    if (r.AtEnd())
    {
        return e;
    }
    uint16_t n = ReadLe16(r);
    if (n == 0 || static_cast<size_t>(n) * 4 > r.Remaining())
    {
        throw ParseError("RSNE pairwise cipher count");
    }
    e.pairwiseCiphers.clear();
    for (uint16_t i = 0; i < n; ++i)
    {
        e.pairwiseCiphers.push_back(r.ReadU32());
    }
    if (r.AtEnd())
    {
        return e;
    }
    n = ReadLe16(r);
    if (n == 0 || static_cast<size_t>(n) * 4 > r.Remaining())
    {
        throw ParseError("RSNE AKM count");
    }
    e.akms.clear();
    for (uint16_t i = 0; i < n; ++i)
    {
        e.akms.push_back(r.ReadU32());
    }
    if (r.AtEnd())
    {
        return e;
    }
    e.capabilities = ReadLe16(r);
    if (r.AtEnd())
    {
        return e;
    }
    n = ReadLe16(r);
    if (static_cast<size_t>(n) * 16 > r.Remaining())
    {
        throw ParseError("RSNE PMKID count");
    }
    for (uint16_t i = 0; i < n; ++i)
    {
        e.pmkids.push_back(r.ReadBytes(16));
    }
    if (r.AtEnd())
    {
        return e;
    }
    e.groupMgmtCipher = r.ReadU32();
    // Later extensions are ignored (forward compatibility, 9.4.2.25.1).
    return e;
}

Bytes
EncodeGtkKde(const GtkKde& kde)
{
    if (kde.keyId > 3 || kde.gtk.empty() || kde.gtk.size() > 32)
    {
        throw std::invalid_argument("bad GTK KDE");
    }
    ByteWriter w;
    w.U8(kElementIdVendor).U8(static_cast<uint8_t>(6 + kde.gtk.size())).U32(kKdeGtk);
    w.U8(static_cast<uint8_t>(kde.keyId | (kde.tx ? 0x04 : 0x00))).U8(0).Append(kde.gtk);
    return w.Take();
}

Bytes
EncodePmkidKde(const Bytes& pmkid)
{
    if (pmkid.size() != 16)
    {
        throw std::invalid_argument("PMKID must be 16 octets");
    }
    ByteWriter w;
    w.U8(kElementIdVendor).U8(4 + 16).U32(kKdePmkid).Append(pmkid);
    return w.Take();
}

KeyDataContents
ParseKeyData(const Bytes& keyData)
{
    KeyDataContents out;
    ByteReader r(keyData);
    while (!r.AtEnd())
    {
        uint8_t id = r.ReadU8();
        if (id == kElementIdVendor && (r.AtEnd() || *r.Current() == 0))
        {
            break; // padding: 0xdd 0x00 ... (12.7.2)
        }
        uint8_t len = r.ReadU8();
        ByteReader body = r.Sub(len);
        if (id == kElementIdRsn)
        {
            Bytes raw{id, len};
            Bytes b = body.ReadBytes(len);
            raw.insert(raw.end(), b.begin(), b.end());
            out.rsnes.push_back(raw);
        }
        else if (id == kElementIdVendor && len >= 4)
        {
            uint32_t sel = body.ReadU32();
            if (sel == kKdeGtk)
            {
                if (out.gtk)
                {
                    throw ParseError("second GTK KDE");
                }
                GtkKde g;
                uint8_t flags = body.ReadU8();
                body.ReadU8();
                g.keyId = flags & 0x03;
                g.tx = (flags & 0x04) != 0;
                g.gtk = body.ReadBytes(body.Remaining());
                if (g.gtk.size() < 5 || g.gtk.size() > 32)
                {
                    throw ParseError("GTK length");
                }
                out.gtk = g;
            }
            else if (sel == kKdePmkid)
            {
                if (body.Remaining() != 16)
                {
                    throw ParseError("PMKID KDE length");
                }
                out.pmkids.push_back(body.ReadBytes(16));
            }
            else
            {
                out.otherKdes.emplace_back(sel, body.ReadBytes(body.Remaining()));
            }
        }
        else
        {
            Bytes raw{id, len};
            Bytes b = body.ReadBytes(len);
            raw.insert(raw.end(), b.begin(), b.end());
            out.otherElements.push_back(raw);
        }
    }
    return out;
}

Bytes
WrapKeyData(const Bytes& kek, const Bytes& plain)
{
    Bytes padded = plain;
    if (padded.size() < 16 || padded.size() % 8 != 0)
    {
        padded.push_back(0xdd);
        while (padded.size() < 16 || padded.size() % 8 != 0)
        {
            padded.push_back(0x00);
        }
    }
    return AesKeyWrap(kek, padded);
}

std::optional<Bytes>
UnwrapKeyData(const Bytes& kek, const Bytes& wrapped)
{
    if (wrapped.size() < 24 || wrapped.size() % 8 != 0)
    {
        return std::nullopt;
    }
    return AesKeyUnwrap(kek, wrapped);
}

} // namespace roamsec
