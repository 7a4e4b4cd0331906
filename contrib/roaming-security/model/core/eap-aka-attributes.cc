/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-aka-attributes.h"

#include "roamsec-crypto.h"

#include <bitset>
#include <stdexcept>

namespace roamsec {

namespace {

struct AttrNumbers
{
    AkaAttr attr;
    int draft; //!< -1: not in the draft
    int rfc;   //!< -1: not in RFC 4187
};

// Draft section 11 and RFC 4187 section 11 ("EAP-AKA and EAP-SIM Attributes" registry).
constexpr AttrNumbers kNumbers[] = {
    {AkaAttr::Rand, 1, 1},
    {AkaAttr::Autn, 2, 2},
    {AkaAttr::Res, 3, 3},
    {AkaAttr::Auts, 4, 4},
    {AkaAttr::PermanentIdentity, 5, -1},
    {AkaAttr::Padding, 6, 6},
    {AkaAttr::PermanentIdReq, 7, 10},
    {AkaAttr::AnyIdReq, 8, 13},
    {AkaAttr::Identity, 9, 14},
    {AkaAttr::Mac, 131, 11},
    {AkaAttr::Notification, -1, 12},
    {AkaAttr::FullauthIdReq, -1, 17},
    {AkaAttr::Counter, -1, 19},
    {AkaAttr::CounterTooSmall, -1, 20},
    {AkaAttr::NonceS, -1, 21},
    {AkaAttr::ClientErrorCode, -1, 22},
    {AkaAttr::Iv, 129, 129},
    {AkaAttr::EncrData, 130, 130},
    {AkaAttr::NextPseudonym, 132, 132},
    {AkaAttr::NextReauthId, -1, 133},
    {AkaAttr::Checkcode, -1, 134},
    {AkaAttr::ResultInd, -1, 135},
};

constexpr size_t kAttrCount = static_cast<size_t>(AkaAttr::ResultInd) + 1;

size_t
RoundUp4(size_t n)
{
    return (n + 3) & ~size_t(3);
}

/** Writes one attribute header; len is the total attribute length in bytes (multiple of 4). */
void
Header(ByteWriter& w, EapAkaProfile profile, AkaAttr attr, size_t len)
{
    auto num = AkaAttrNumber(profile, attr);
    if (!num)
    {
        throw std::invalid_argument("EAP-AKA: attribute not defined in this profile");
    }
    if (len % 4 != 0 || len / 4 > 255 || len == 0)
    {
        throw std::invalid_argument("EAP-AKA: attribute too long");
    }
    w.U8(*num).U8(static_cast<uint8_t>(len / 4));
}

void
Fixed16(ByteWriter& w, EapAkaProfile p, AkaAttr a, const Bytes& v)
{
    if (v.size() != 16)
    {
        throw std::invalid_argument("EAP-AKA: 16-byte attribute value expected");
    }
    Header(w, p, a, 20);
    w.U16(0).Append(v);
}

void
Flag(ByteWriter& w, EapAkaProfile p, AkaAttr a)
{
    Header(w, p, a, 4);
    w.U16(0);
}

void
U16Attr(ByteWriter& w, EapAkaProfile p, AkaAttr a, uint16_t v)
{
    Header(w, p, a, 4);
    w.U16(v);
}

void
Text(ByteWriter& w, EapAkaProfile p, AkaAttr a, const std::string& s)
{
    size_t total = RoundUp4(4 + s.size());
    Header(w, p, a, total);
    w.U16(static_cast<uint16_t>(s.size())).Append(ToBytes(s)).Zeros(total - 4 - s.size());
}

bool
AllZero(const uint8_t* p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; ++i)
    {
        acc |= p[i];
    }
    return acc == 0;
}

/** Identity-like value: 2-byte actual length, text, at most 3 bytes of padding. */
std::optional<std::string>
ReadText(const uint8_t* v, size_t vlen)
{
    size_t n = (size_t(v[0]) << 8) | v[1];
    if (n > vlen - 2 || vlen - 2 - n >= 4)
    {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(v + 2), n);
}

} // namespace

std::optional<uint8_t>
AkaAttrNumber(EapAkaProfile profile, AkaAttr attr)
{
    for (const auto& n : kNumbers)
    {
        if (n.attr == attr)
        {
            int v = profile == EapAkaProfile::Draft04 ? n.draft : n.rfc;
            if (v < 0)
            {
                return std::nullopt;
            }
            return static_cast<uint8_t>(v);
        }
    }
    return std::nullopt;
}

std::optional<AkaAttr>
AkaAttrFromNumber(EapAkaProfile profile, uint8_t number)
{
    for (const auto& n : kNumbers)
    {
        int v = profile == EapAkaProfile::Draft04 ? n.draft : n.rfc;
        if (v == number)
        {
            return n.attr;
        }
    }
    return std::nullopt;
}

const char*
AkaDecodeErrorName(AkaDecodeError e)
{
    switch (e)
    {
        case AkaDecodeError::None:
            return "none";
        case AkaDecodeError::NotAka:
            return "not-aka";
        case AkaDecodeError::Truncated:
            return "truncated";
        case AkaDecodeError::ZeroLength:
            return "zero-length";
        case AkaDecodeError::UnknownNonSkippable:
            return "unknown-non-skippable";
        case AkaDecodeError::BadLength:
            return "bad-length";
        case AkaDecodeError::Duplicate:
            return "duplicate";
        case AkaDecodeError::NonZeroPadding:
            return "bad-padding";
        case AkaDecodeError::IvEncrMismatch:
            return "iv-encr-mismatch";
        case AkaDecodeError::EncrWithoutMac:
            return "encr-without-mac";
        case AkaDecodeError::BadValue:
            return "bad-value";
    }
    return "?";
}

AkaAttrDecodeResult
DecodeAkaAttributes(EapAkaProfile profile, const uint8_t* data, size_t len, bool nested)
{
    AkaAttributes a;
    std::bitset<kAttrCount> seen;
    size_t pos = 0;
    size_t encrEnd = 0;
    bool macAfterEncr = false;
    while (pos < len)
    {
        if (len - pos < 2)
        {
            return AkaDecodeError::Truncated;
        }
        uint8_t type = data[pos];
        size_t alen = size_t(data[pos + 1]) * 4;
        if (alen == 0)
        {
            return AkaDecodeError::ZeroLength;
        }
        if (alen > len - pos)
        {
            return AkaDecodeError::Truncated;
        }
        if (a.paddingLen != 0)
        {
            // AT_PADDING must be the last attribute of the plaintext.
            return AkaDecodeError::NonZeroPadding;
        }
        const uint8_t* v = data + pos + 2;
        size_t vlen = alen - 2;
        auto attr = AkaAttrFromNumber(profile, type);
        if (!attr)
        {
            if (type < 128)
            {
                return AkaDecodeError::UnknownNonSkippable;
            }
            pos += alen;
            continue;
        }
        size_t idx = static_cast<size_t>(*attr);
        if (seen.test(idx))
        {
            return AkaDecodeError::Duplicate;
        }
        seen.set(idx);
        switch (*attr)
        {
            case AkaAttr::Rand:
            case AkaAttr::Autn:
            case AkaAttr::Iv:
            case AkaAttr::NonceS:
            case AkaAttr::Mac:
            {
                if (alen != 20)
                {
                    return AkaDecodeError::BadLength;
                }
                Bytes val(v + 2, v + 18);
                switch (*attr)
                {
                    case AkaAttr::Rand:
                        a.rand = val;
                        break;
                    case AkaAttr::Autn:
                        a.autn = val;
                        break;
                    case AkaAttr::Iv:
                        a.iv = val;
                        break;
                    case AkaAttr::NonceS:
                        a.nonceS = val;
                        break;
                    default:
                        a.mac = val;
                        a.macValueOffset = pos + 4;
                        macAfterEncr = encrEnd != 0;
                        break;
                }
                break;
            }
            case AkaAttr::Res:
            {
                uint16_t bits = uint16_t((v[0] << 8) | v[1]);
                if (bits < 32 || bits > 128)
                {
                    return AkaDecodeError::BadValue;
                }
                size_t n = (bits + 7) / 8;
                if (alen != RoundUp4(4 + n))
                {
                    return AkaDecodeError::BadLength;
                }
                a.resBits = bits;
                a.res = Bytes(v + 2, v + 2 + n);
                break;
            }
            case AkaAttr::Auts:
                if (alen != 16)
                {
                    return AkaDecodeError::BadLength;
                }
                a.auts = Bytes(v, v + 14);
                break;
            case AkaAttr::Padding:
                if (!nested || alen > 12)
                {
                    return AkaDecodeError::NonZeroPadding;
                }
                if (!AllZero(v, vlen))
                {
                    return AkaDecodeError::NonZeroPadding;
                }
                a.paddingLen = alen;
                break;
            case AkaAttr::PermanentIdReq:
            case AkaAttr::AnyIdReq:
            case AkaAttr::FullauthIdReq:
            case AkaAttr::CounterTooSmall:
            case AkaAttr::ResultInd:
                if (alen != 4)
                {
                    return AkaDecodeError::BadLength;
                }
                if (*attr == AkaAttr::PermanentIdReq)
                {
                    a.permanentIdReq = true;
                }
                else if (*attr == AkaAttr::AnyIdReq)
                {
                    a.anyIdReq = true;
                }
                else if (*attr == AkaAttr::FullauthIdReq)
                {
                    a.fullauthIdReq = true;
                }
                else if (*attr == AkaAttr::CounterTooSmall)
                {
                    a.counterTooSmall = true;
                }
                else
                {
                    a.resultInd = true;
                }
                break;
            case AkaAttr::Notification:
            case AkaAttr::ClientErrorCode:
            case AkaAttr::Counter:
            {
                if (alen != 4)
                {
                    return AkaDecodeError::BadLength;
                }
                uint16_t val = uint16_t((v[0] << 8) | v[1]);
                if (*attr == AkaAttr::Notification)
                {
                    a.notification = val;
                }
                else if (*attr == AkaAttr::ClientErrorCode)
                {
                    a.clientErrorCode = val;
                }
                else
                {
                    a.counter = val;
                }
                break;
            }
            case AkaAttr::Identity:
            case AkaAttr::PermanentIdentity:
            case AkaAttr::NextPseudonym:
            case AkaAttr::NextReauthId:
            {
                auto text = ReadText(v, vlen);
                if (!text)
                {
                    return AkaDecodeError::BadLength;
                }
                if (*attr == AkaAttr::Identity)
                {
                    a.identity = *text;
                }
                else if (*attr == AkaAttr::PermanentIdentity)
                {
                    a.permanentIdentity = *text;
                }
                else if (*attr == AkaAttr::NextPseudonym)
                {
                    a.nextPseudonym = *text;
                }
                else
                {
                    a.nextReauthId = *text;
                }
                break;
            }
            case AkaAttr::EncrData:
                if (alen < 20 || (alen - 4) % 16 != 0)
                {
                    return AkaDecodeError::BadLength;
                }
                a.encrData = Bytes(v + 2, v + vlen);
                encrEnd = pos + alen;
                break;
            case AkaAttr::Checkcode:
                if (alen != 4 && alen != 24)
                {
                    return AkaDecodeError::BadLength;
                }
                a.checkcode = Bytes(v + 2, v + vlen);
                break;
        }
        pos += alen;
    }
    // Draft 7.2 / RFC 4187 10.12: AT_IV if and only if AT_ENCR_DATA.
    if (a.iv.has_value() != a.encrData.has_value())
    {
        return AkaDecodeError::IvEncrMismatch;
    }
    // Draft 7.1: AT_ENCR_DATA MUST be followed by AT_MAC (RFC 4187: AT_MAC present).
    if (a.encrData && !a.mac)
    {
        return AkaDecodeError::EncrWithoutMac;
    }
    if (a.encrData && profile == EapAkaProfile::Draft04 && !macAfterEncr)
    {
        return AkaDecodeError::EncrWithoutMac;
    }
    AkaAttrDecodeResult r;
    r.attrs = std::move(a);
    return r;
}

Bytes
EncodeAkaAttributes(EapAkaProfile p, const AkaAttributes& a, size_t* macValueOffset)
{
    ByteWriter w;
    if (a.rand)
    {
        Fixed16(w, p, AkaAttr::Rand, *a.rand);
    }
    if (a.autn)
    {
        Fixed16(w, p, AkaAttr::Autn, *a.autn);
    }
    if (a.res)
    {
        uint16_t bits = a.resBits ? a.resBits : static_cast<uint16_t>(a.res->size() * 8);
        if (bits < 32 || bits > 128 || a.res->size() != size_t((bits + 7) / 8))
        {
            throw std::invalid_argument("EAP-AKA: RES length");
        }
        size_t total = RoundUp4(4 + a.res->size());
        Header(w, p, AkaAttr::Res, total);
        w.U16(bits).Append(*a.res).Zeros(total - 4 - a.res->size());
    }
    if (a.auts)
    {
        if (a.auts->size() != 14)
        {
            throw std::invalid_argument("EAP-AKA: AUTS must be 14 bytes");
        }
        Header(w, p, AkaAttr::Auts, 16);
        w.Append(*a.auts);
    }
    if (a.permanentIdReq)
    {
        Flag(w, p, AkaAttr::PermanentIdReq);
    }
    if (a.anyIdReq)
    {
        Flag(w, p, AkaAttr::AnyIdReq);
    }
    if (a.fullauthIdReq)
    {
        Flag(w, p, AkaAttr::FullauthIdReq);
    }
    if (a.identity)
    {
        Text(w, p, AkaAttr::Identity, *a.identity);
    }
    if (a.permanentIdentity)
    {
        Text(w, p, AkaAttr::PermanentIdentity, *a.permanentIdentity);
    }
    if (a.notification)
    {
        U16Attr(w, p, AkaAttr::Notification, *a.notification);
    }
    if (a.clientErrorCode)
    {
        U16Attr(w, p, AkaAttr::ClientErrorCode, *a.clientErrorCode);
    }
    if (a.counter)
    {
        U16Attr(w, p, AkaAttr::Counter, *a.counter);
    }
    if (a.counterTooSmall)
    {
        Flag(w, p, AkaAttr::CounterTooSmall);
    }
    if (a.nonceS)
    {
        Fixed16(w, p, AkaAttr::NonceS, *a.nonceS);
    }
    if (a.nextPseudonym)
    {
        Text(w, p, AkaAttr::NextPseudonym, *a.nextPseudonym);
    }
    if (a.nextReauthId)
    {
        Text(w, p, AkaAttr::NextReauthId, *a.nextReauthId);
    }
    if (a.checkcode)
    {
        if (!a.checkcode->empty() && a.checkcode->size() != 20)
        {
            throw std::invalid_argument("EAP-AKA: checkcode is empty or 20 bytes");
        }
        Header(w, p, AkaAttr::Checkcode, 4 + a.checkcode->size());
        w.U16(0).Append(*a.checkcode);
    }
    if (a.resultInd)
    {
        Flag(w, p, AkaAttr::ResultInd);
    }
    if (a.iv)
    {
        Fixed16(w, p, AkaAttr::Iv, *a.iv);
    }
    if (a.encrData)
    {
        if (a.encrData->empty() || a.encrData->size() % 16 != 0)
        {
            throw std::invalid_argument("EAP-AKA: encrypted data must be a multiple of 16");
        }
        Header(w, p, AkaAttr::EncrData, 4 + a.encrData->size());
        w.U16(0).Append(*a.encrData);
    }
    if (a.mac)
    {
        Header(w, p, AkaAttr::Mac, 20);
        w.U16(0);
        if (macValueOffset)
        {
            *macValueOffset = w.Size();
        }
        w.Zeros(16);
    }
    if (a.paddingLen)
    {
        if (a.paddingLen % 4 != 0 || a.paddingLen > 12)
        {
            throw std::invalid_argument("EAP-AKA: padding is 4, 8 or 12 bytes");
        }
        Header(w, p, AkaAttr::Padding, a.paddingLen);
        w.Zeros(a.paddingLen - 2);
    }
    return w.Take();
}

Bytes
EncryptAkaNested(EapAkaProfile profile, const AkaAttributes& nested, const Bytes& kEncr,
                 const Bytes& iv)
{
    AkaAttributes n = nested;
    n.paddingLen = 0;
    n.mac.reset();
    Bytes plain = EncodeAkaAttributes(profile, n);
    size_t rem = plain.size() % 16;
    if (rem != 0 || plain.empty())
    {
        n.paddingLen = plain.empty() ? 16 : 16 - rem;
        if (n.paddingLen == 16)
        {
            // An empty plaintext cannot be padded by AT_PADDING alone (max 12).
            throw std::invalid_argument("EAP-AKA: nothing to encrypt");
        }
        plain = EncodeAkaAttributes(profile, n);
    }
    return AesCbcEncrypt(kEncr, iv, plain);
}

AkaAttrDecodeResult
DecryptAkaNested(EapAkaProfile profile, const Bytes& kEncr, const Bytes& iv, const Bytes& encrData)
{
    if (kEncr.size() != 16 || iv.size() != 16 || encrData.empty() || encrData.size() % 16 != 0)
    {
        return AkaDecodeError::BadLength;
    }
    Bytes plain = AesCbcDecrypt(kEncr, iv, encrData);
    return DecodeAkaAttributes(profile, plain.data(), plain.size(), true);
}

Bytes
EncodeAkaMessage(EapAkaProfile profile, const AkaMessage& msg, const Bytes& kAut,
                 const Bytes& macExtra)
{
    size_t macOff = 0;
    Bytes attrs = EncodeAkaAttributes(profile, msg.attrs, &macOff);
    EapPacket p;
    p.code = msg.code;
    p.identifier = msg.identifier;
    p.type = EapType::Aka;
    ByteWriter td;
    td.U8(msg.subtype).U16(0).Append(attrs);
    p.typeData = td.Take();
    Bytes out = p.Serialize();
    if (msg.attrs.mac)
    {
        if (kAut.empty())
        {
            throw std::invalid_argument("EAP-AKA: AT_MAC requested without K_aut");
        }
        Bytes mac = ComputeAkaMac(kAut, out, macExtra);
        std::copy(mac.begin(), mac.end(), out.begin() + 8 + macOff);
    }
    return out;
}

AkaMessageDecodeResult
DecodeAkaMessage(EapAkaProfile profile, const Bytes& eap)
{
    AkaMessageDecodeResult r;
    auto p = EapPacket::Parse(eap);
    if (!p || !p->HasType() || p->type != EapType::Aka || p->typeData.size() < 3)
    {
        r.error = AkaDecodeError::NotAka;
        return r;
    }
    auto attrs = DecodeAkaAttributes(profile, p->typeData.data() + 3, p->typeData.size() - 3);
    if (!attrs.attrs)
    {
        r.error = attrs.error;
        return r;
    }
    AkaMessage m;
    m.code = p->code;
    m.identifier = p->identifier;
    m.subtype = p->typeData[0];
    m.attrs = std::move(*attrs.attrs);
    m.macOffset = 8 + m.attrs.macValueOffset;
    r.packet.assign(eap.begin(), eap.begin() + 5 + p->typeData.size());
    r.msg = std::move(m);
    return r;
}

} // namespace roamsec
