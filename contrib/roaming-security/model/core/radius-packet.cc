/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-packet.h"

#include "roamsec-crypto.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

const char*
ToString(RadiusParseError e)
{
    switch (e)
    {
        case RadiusParseError::None:
            return "none";
        case RadiusParseError::TooShort:
            return "too-short";
        case RadiusParseError::TooLong:
            return "too-long";
        case RadiusParseError::LengthExceedsData:
            return "length-exceeds-data";
        case RadiusParseError::BadAttribute:
            return "bad-attribute";
        case RadiusParseError::UnknownCode:
            return "unknown-code";
    }
    return "?";
}

const char*
ToString(RadiusAuthResult r)
{
    switch (r)
    {
        case RadiusAuthResult::Ok:
            return "ok";
        case RadiusAuthResult::Malformed:
            return "malformed";
        case RadiusAuthResult::MissingMessageAuthenticator:
            return "missing-message-authenticator";
        case RadiusAuthResult::BadMessageAuthenticator:
            return "bad-message-authenticator";
        case RadiusAuthResult::BadResponseAuthenticator:
            return "bad-response-authenticator";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// RadiusPacket
// ---------------------------------------------------------------------------

void
RadiusPacket::Add(uint8_t type, const Bytes& value)
{
    if (value.size() > kRadiusMaxAttrValue)
    {
        throw std::invalid_argument("RADIUS attribute value longer than 253 octets");
    }
    attributes.push_back({type, value});
}

void
RadiusPacket::AddString(uint8_t type, const std::string& value)
{
    Add(type, ToBytes(value));
}

void
RadiusPacket::AddU32(uint8_t type, uint32_t value)
{
    ByteWriter w;
    w.U32(value);
    Add(type, w.Data());
}

const Bytes*
RadiusPacket::Find(uint8_t type) const
{
    for (const auto& a : attributes)
    {
        if (a.type == type)
        {
            return &a.value;
        }
    }
    return nullptr;
}

std::vector<Bytes>
RadiusPacket::FindAll(uint8_t type) const
{
    std::vector<Bytes> out;
    for (const auto& a : attributes)
    {
        if (a.type == type)
        {
            out.push_back(a.value);
        }
    }
    return out;
}

std::optional<std::string>
RadiusPacket::GetString(uint8_t type) const
{
    const Bytes* v = Find(type);
    if (v == nullptr)
    {
        return std::nullopt;
    }
    return std::string(v->begin(), v->end());
}

std::optional<uint32_t>
RadiusPacket::GetU32(uint8_t type) const
{
    const Bytes* v = Find(type);
    if (v == nullptr || v->size() != 4)
    {
        return std::nullopt;
    }
    return ByteReader(*v).ReadU32();
}

void
RadiusPacket::Remove(uint8_t type)
{
    attributes.erase(std::remove_if(attributes.begin(), attributes.end(),
                                    [type](const RadiusAttribute& a) { return a.type == type; }),
                     attributes.end());
}

void
RadiusPacket::SetEapMessage(const Bytes& eap)
{
    size_t insertAt = attributes.size();
    for (size_t i = 0; i < attributes.size(); ++i)
    {
        if (attributes[i].type == RadiusAttr::EapMessage)
        {
            insertAt = i;
            break;
        }
    }
    Remove(RadiusAttr::EapMessage);
    insertAt = std::min(insertAt, attributes.size());
    std::vector<RadiusAttribute> frags;
    for (size_t off = 0; off < eap.size(); off += kRadiusMaxAttrValue)
    {
        size_t n = std::min(kRadiusMaxAttrValue, eap.size() - off);
        frags.push_back({RadiusAttr::EapMessage, Bytes(eap.begin() + off, eap.begin() + off + n)});
    }
    attributes.insert(attributes.begin() + insertAt, frags.begin(), frags.end());
}

std::optional<Bytes>
RadiusPacket::GetEapMessage() const
{
    // RFC 3579 section 3.1: the fragments are consecutive and concatenated in order.
    bool found = false;
    Bytes out;
    for (const auto& a : attributes)
    {
        if (a.type == RadiusAttr::EapMessage)
        {
            found = true;
            out.insert(out.end(), a.value.begin(), a.value.end());
        }
    }
    if (!found)
    {
        return std::nullopt;
    }
    return out;
}

void
RadiusPacket::AddVendor(uint32_t vendorId, uint8_t vendorType, const Bytes& data)
{
    if (data.size() + 2 + 4 > kRadiusMaxAttrValue)
    {
        throw std::invalid_argument("vendor attribute too long");
    }
    ByteWriter w;
    w.U32(vendorId).U8(vendorType).U8(static_cast<uint8_t>(data.size() + 2)).Append(data);
    Add(RadiusAttr::VendorSpecific, w.Data());
}

namespace {

/** Sub-attributes of a Vendor-Specific value in RFC 2865 5.26's recommended format. */
struct VendorSub
{
    uint8_t type;
    size_t offset; // of the sub-attribute header inside the VSA value
    size_t len;    // Vendor-Length
};

bool
SplitVendor(const Bytes& vsa, uint32_t* vendorId, std::vector<VendorSub>* subs)
{
    if (vsa.size() < 4)
    {
        return false;
    }
    *vendorId = ByteReader(vsa).ReadU32();
    size_t off = 4;
    while (off < vsa.size())
    {
        if (vsa.size() - off < 2)
        {
            return false;
        }
        uint8_t len = vsa[off + 1];
        if (len < 2 || len > vsa.size() - off)
        {
            return false;
        }
        subs->push_back({vsa[off], off, len});
        off += len;
    }
    return true;
}

} // namespace

std::optional<Bytes>
RadiusPacket::FindVendor(uint32_t vendorId, uint8_t vendorType) const
{
    for (const auto& a : attributes)
    {
        if (a.type != RadiusAttr::VendorSpecific)
        {
            continue;
        }
        uint32_t vid = 0;
        std::vector<VendorSub> subs;
        if (!SplitVendor(a.value, &vid, &subs) || vid != vendorId)
        {
            continue;
        }
        for (const auto& s : subs)
        {
            if (s.type == vendorType)
            {
                return Bytes(a.value.begin() + s.offset + 2, a.value.begin() + s.offset + s.len);
            }
        }
    }
    return std::nullopt;
}

void
RadiusPacket::RemoveVendor(uint32_t vendorId, uint8_t vendorType)
{
    std::vector<RadiusAttribute> kept;
    for (auto& a : attributes)
    {
        uint32_t vid = 0;
        std::vector<VendorSub> subs;
        if (a.type != RadiusAttr::VendorSpecific || !SplitVendor(a.value, &vid, &subs)
            || vid != vendorId)
        {
            kept.push_back(std::move(a));
            continue;
        }
        Bytes rebuilt(a.value.begin(), a.value.begin() + 4);
        for (const auto& s : subs)
        {
            if (s.type != vendorType)
            {
                rebuilt.insert(rebuilt.end(), a.value.begin() + s.offset,
                               a.value.begin() + s.offset + s.len);
            }
        }
        if (rebuilt.size() > 4)
        {
            kept.push_back({a.type, std::move(rebuilt)});
        }
    }
    attributes = std::move(kept);
}

Bytes
RadiusPacket::Serialize() const
{
    if (authenticator.size() != kRadiusAuthenticatorLength)
    {
        throw std::invalid_argument("RADIUS authenticator must be 16 octets");
    }
    ByteWriter w;
    w.U8(static_cast<uint8_t>(code)).U8(identifier).U16(0).Append(authenticator);
    for (const auto& a : attributes)
    {
        if (a.value.size() > kRadiusMaxAttrValue)
        {
            throw std::invalid_argument("RADIUS attribute value longer than 253 octets");
        }
        w.U8(a.type).U8(static_cast<uint8_t>(a.value.size() + 2)).Append(a.value);
    }
    if (w.Size() > kRadiusMaxLength)
    {
        throw std::length_error("RADIUS packet longer than 4096 octets");
    }
    w.PatchU16(2, static_cast<uint16_t>(w.Size()));
    return w.Take();
}

std::optional<RadiusPacket>
RadiusPacket::Parse(const uint8_t* data, size_t len, RadiusParseError* err)
{
    auto fail = [err](RadiusParseError e)
    {
        if (err != nullptr)
        {
            *err = e;
        }
        return std::nullopt;
    };
    if (err != nullptr)
    {
        *err = RadiusParseError::None;
    }
    if (data == nullptr || len < kRadiusMinLength)
    {
        return fail(RadiusParseError::TooShort);
    }
    try
    {
        ByteReader r(data, len);
        RadiusPacket p;
        uint8_t code = r.ReadU8();
        p.identifier = r.ReadU8();
        uint16_t length = r.ReadU16();
        if (length < kRadiusMinLength)
        {
            return fail(RadiusParseError::TooShort);
        }
        if (length > kRadiusMaxLength)
        {
            return fail(RadiusParseError::TooLong);
        }
        if (length > len)
        {
            return fail(RadiusParseError::LengthExceedsData);
        }
        switch (code)
        {
            case 1:
            case 2:
            case 3:
            case 11:
                break;
            default:
                return fail(RadiusParseError::UnknownCode);
        }
        p.code = static_cast<RadiusCode>(code);
        p.authenticator = r.ReadBytes(kRadiusAuthenticatorLength);
        // Octets past Length are padding (RFC 2865 section 3) and are ignored.
        ByteReader attrs = ByteReader(data, length);
        attrs.Skip(kRadiusHeaderLength);
        while (!attrs.AtEnd())
        {
            if (attrs.Remaining() < 2)
            {
                return fail(RadiusParseError::BadAttribute);
            }
            uint8_t type = attrs.ReadU8();
            uint8_t alen = attrs.ReadU8();
            if (alen < 2 || static_cast<size_t>(alen - 2) > attrs.Remaining())
            {
                return fail(RadiusParseError::BadAttribute);
            }
            // RFC 3579 3.1: an EAP-Message attribute carries at least one octet (Length >= 3).
            if (type == RadiusAttr::EapMessage && alen < 3)
            {
                return fail(RadiusParseError::BadAttribute);
            }
            p.attributes.push_back({type, attrs.ReadBytes(alen - 2)});
        }
        return p;
    }
    catch (const ParseError&)
    {
        return fail(RadiusParseError::BadAttribute);
    }
}

std::optional<RadiusPacket>
RadiusPacket::Parse(const Bytes& data, RadiusParseError* err)
{
    return Parse(data.data(), data.size(), err);
}

// ---------------------------------------------------------------------------
// Authenticators
// ---------------------------------------------------------------------------

namespace {

struct RawLayout
{
    size_t length{0};            // the Length field
    std::optional<size_t> maOff; // offset of the first Message-Authenticator value
    bool maBadLength{false};
    bool hasEap{false};
};

/** Walks the attributes of raw without copying; nullopt when malformed. */
std::optional<RawLayout>
Layout(const Bytes& raw)
{
    if (raw.size() < kRadiusMinLength)
    {
        return std::nullopt;
    }
    RawLayout l;
    l.length = (static_cast<size_t>(raw[2]) << 8) | raw[3];
    if (l.length < kRadiusMinLength || l.length > kRadiusMaxLength || l.length > raw.size())
    {
        return std::nullopt;
    }
    size_t off = kRadiusHeaderLength;
    while (off < l.length)
    {
        if (l.length - off < 2)
        {
            return std::nullopt;
        }
        uint8_t type = raw[off];
        uint8_t alen = raw[off + 1];
        if (alen < 2 || alen > l.length - off)
        {
            return std::nullopt;
        }
        if (type == RadiusAttr::EapMessage)
        {
            if (alen < 3)
            {
                return std::nullopt; // RFC 3579 3.1, as in RadiusPacket::Parse
            }
            l.hasEap = true;
        }
        if (type == RadiusAttr::MessageAuthenticator)
        {
            if (alen != 2 + 16)
            {
                l.maBadLength = true;
            }
            else if (!l.maOff)
            {
                l.maOff = off + 2;
            }
        }
        off += alen;
    }
    return l;
}

/** Fills the MA value (16 zero octets already in place at maOff) with HMAC-MD5(secret, buf). */
void
FillMessageAuthenticator(Bytes& buf, size_t maOff, const Bytes& secret)
{
    Bytes mac = HmacMd5(secret, buf);
    std::copy(mac.begin(), mac.end(), buf.begin() + maOff);
}

/** Serializes with a zeroed Message-Authenticator appended (any earlier one removed). */
Bytes
SerializeWithZeroMa(RadiusPacket p, bool addMa, size_t* maOff)
{
    p.Remove(RadiusAttr::MessageAuthenticator);
    if (addMa)
    {
        p.Add(RadiusAttr::MessageAuthenticator, Bytes(16, 0));
    }
    Bytes buf = p.Serialize();
    if (addMa)
    {
        *maOff = buf.size() - 16;
    }
    return buf;
}

} // namespace

Bytes
EncodeRadiusRequest(const RadiusPacket& request, const Bytes& secret, bool addMessageAuthenticator)
{
    bool addMa = addMessageAuthenticator || request.Has(RadiusAttr::EapMessage);
    size_t maOff = 0;
    Bytes buf = SerializeWithZeroMa(request, addMa, &maOff);
    if (addMa)
    {
        FillMessageAuthenticator(buf, maOff, secret);
    }
    return buf;
}

Bytes
EncodeRadiusResponse(const RadiusPacket& response, const Bytes& requestAuthenticator,
                     const Bytes& secret, bool addMessageAuthenticator)
{
    if (requestAuthenticator.size() != kRadiusAuthenticatorLength)
    {
        throw std::invalid_argument("request authenticator must be 16 octets");
    }
    RadiusPacket p = response;
    p.authenticator = requestAuthenticator;
    bool addMa = addMessageAuthenticator || p.Has(RadiusAttr::EapMessage);
    size_t maOff = 0;
    // RFC 3579 section 3.2: the MA of a response is computed with the Request
    // Authenticator in the authenticator field; the Response Authenticator then
    // covers the finished MA.
    Bytes buf = SerializeWithZeroMa(p, addMa, &maOff);
    if (addMa)
    {
        FillMessageAuthenticator(buf, maOff, secret);
    }
    Bytes ra = ComputeResponseAuthenticator(buf, requestAuthenticator, secret);
    std::copy(ra.begin(), ra.end(), buf.begin() + 4);
    return buf;
}

Bytes
ComputeResponseAuthenticator(const Bytes& raw, const Bytes& requestAuthenticator,
                             const Bytes& secret)
{
    if (raw.size() < kRadiusHeaderLength || requestAuthenticator.size() != 16)
    {
        throw std::invalid_argument("ComputeResponseAuthenticator: bad sizes");
    }
    size_t length = (static_cast<size_t>(raw[2]) << 8) | raw[3];
    length = std::min(std::max(length, kRadiusHeaderLength), raw.size());
    Bytes m(raw.begin(), raw.begin() + length);
    std::copy(requestAuthenticator.begin(), requestAuthenticator.end(), m.begin() + 4);
    m.insert(m.end(), secret.begin(), secret.end());
    return Md5(m);
}

namespace {

/** Checks the MA of raw (truncated to Length) with authField placed in octets 4..19. */
RadiusAuthResult
CheckMessageAuthenticator(const Bytes& raw, const RawLayout& l, const Bytes* authField,
                          const Bytes& secret)
{
    if (l.maBadLength)
    {
        return RadiusAuthResult::BadMessageAuthenticator;
    }
    if (!l.maOff)
    {
        return l.hasEap ? RadiusAuthResult::MissingMessageAuthenticator : RadiusAuthResult::Ok;
    }
    Bytes m(raw.begin(), raw.begin() + l.length);
    if (authField != nullptr)
    {
        std::copy(authField->begin(), authField->end(), m.begin() + 4);
    }
    std::fill(m.begin() + *l.maOff, m.begin() + *l.maOff + 16, 0);
    Bytes mac = HmacMd5(secret, m);
    if (!ConstantTimeEqual(mac.data(), raw.data() + *l.maOff, 16))
    {
        return RadiusAuthResult::BadMessageAuthenticator;
    }
    return RadiusAuthResult::Ok;
}

} // namespace

RadiusAuthResult
VerifyRadiusRequest(const Bytes& raw, const Bytes& secret)
{
    auto l = Layout(raw);
    if (!l)
    {
        return RadiusAuthResult::Malformed;
    }
    return CheckMessageAuthenticator(raw, *l, nullptr, secret);
}

RadiusAuthResult
VerifyRadiusResponse(const Bytes& raw, const Bytes& requestAuthenticator, const Bytes& secret)
{
    auto l = Layout(raw);
    if (!l || requestAuthenticator.size() != kRadiusAuthenticatorLength)
    {
        return RadiusAuthResult::Malformed;
    }
    // Message-Authenticator first (RFC 3579 section 3.2), then the Response Authenticator.
    RadiusAuthResult ma = CheckMessageAuthenticator(raw, *l, &requestAuthenticator, secret);
    if (ma != RadiusAuthResult::Ok)
    {
        return ma;
    }
    Bytes expect = ComputeResponseAuthenticator(raw, requestAuthenticator, secret);
    if (!ConstantTimeEqual(expect.data(), raw.data() + 4, 16))
    {
        return RadiusAuthResult::BadResponseAuthenticator;
    }
    return RadiusAuthResult::Ok;
}

// ---------------------------------------------------------------------------
// Hidden values
// ---------------------------------------------------------------------------

namespace {

/**
 * The chained MD5 stream of RFC 2865 5.2 and RFC 2548 2.4.2: b(1) = MD5(S + first),
 * b(i) = MD5(S + c(i-1)). encrypt selects whether c is the output or the input.
 */
Bytes
Md5Chain(const Bytes& secret, const Bytes& first, const Bytes& in, bool encrypt)
{
    Bytes out(in.size());
    Bytes prev = first;
    for (size_t off = 0; off < in.size(); off += 16)
    {
        Bytes b = Md5(Concat({secret, prev}));
        for (size_t i = 0; i < 16; ++i)
        {
            out[off + i] = in[off + i] ^ b[i];
        }
        const Bytes& c = encrypt ? out : in;
        prev.assign(c.begin() + off, c.begin() + off + 16);
    }
    return out;
}

} // namespace

Bytes
EncryptUserPassword(const Bytes& secret, const Bytes& requestAuthenticator, const Bytes& password)
{
    if (password.size() > 128)
    {
        throw std::invalid_argument("User-Password longer than 128 octets");
    }
    Bytes p = password;
    size_t padded = std::max<size_t>(16, (p.size() + 15) / 16 * 16);
    p.resize(padded, 0);
    return Md5Chain(secret, requestAuthenticator, p, true);
}

std::optional<Bytes>
DecryptUserPassword(const Bytes& secret, const Bytes& requestAuthenticator, const Bytes& hidden)
{
    if (hidden.empty() || hidden.size() % 16 != 0 || hidden.size() > 128)
    {
        return std::nullopt;
    }
    Bytes p = Md5Chain(secret, requestAuthenticator, hidden, false);
    while (!p.empty() && p.back() == 0)
    {
        p.pop_back();
    }
    return p;
}

Bytes
EncryptSaltedKey(const Bytes& secret, const Bytes& requestAuthenticator, uint16_t salt,
                 const Bytes& key)
{
    // Salt (2) + string (<= 240, a multiple of 16 holding length octet + key) within
    // a 253-octet attribute value; vendor headers take 6 more, so 247 - 2 = 240 here.
    if (key.size() > 239 || requestAuthenticator.size() != kRadiusAuthenticatorLength)
    {
        throw std::invalid_argument("EncryptSaltedKey: key too long or bad authenticator");
    }
    salt |= 0x8000; // RFC 2548 2.4.2: the most significant bit MUST be set
    Bytes saltBytes{static_cast<uint8_t>(salt >> 8), static_cast<uint8_t>(salt & 0xff)};
    Bytes p;
    p.push_back(static_cast<uint8_t>(key.size()));
    p.insert(p.end(), key.begin(), key.end());
    p.resize((p.size() + 15) / 16 * 16, 0);
    Bytes c = Md5Chain(secret, Concat({requestAuthenticator, saltBytes}), p, true);
    return Concat({saltBytes, c});
}

std::optional<Bytes>
DecryptSaltedKey(const Bytes& secret, const Bytes& requestAuthenticator,
                 const Bytes& attributeValue)
{
    if (attributeValue.size() < 2 + 16 || (attributeValue.size() - 2) % 16 != 0
        || requestAuthenticator.size() != kRadiusAuthenticatorLength)
    {
        return std::nullopt;
    }
    if ((attributeValue[0] & 0x80) == 0)
    {
        return std::nullopt;
    }
    Bytes saltBytes(attributeValue.begin(), attributeValue.begin() + 2);
    Bytes c(attributeValue.begin() + 2, attributeValue.end());
    Bytes p = Md5Chain(secret, Concat({requestAuthenticator, saltBytes}), c, false);
    size_t keyLen = p[0];
    if (keyLen > p.size() - 1)
    {
        return std::nullopt;
    }
    return Bytes(p.begin() + 1, p.begin() + 1 + keyLen);
}

void
AddMppeKeys(RadiusPacket& response, const Bytes& secret, const Bytes& requestAuthenticator,
            const Bytes& sendKey, const Bytes& recvKey, RandomSource& rng)
{
    Bytes r = rng.Generate(2);
    uint16_t s1 = static_cast<uint16_t>(((r[0] << 8) | r[1]) | 0x8000);
    // Salts must be unique within the packet (RFC 2548 2.4.2).
    uint16_t s2 = static_cast<uint16_t>((s1 + 1) | 0x8000);
    if (s2 == s1)
    {
        s2 = static_cast<uint16_t>(s1 ^ 1);
    }
    response.RemoveVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey);
    response.RemoveVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey);
    response.AddVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey,
                       EncryptSaltedKey(secret, requestAuthenticator, s1, sendKey));
    response.AddVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey,
                       EncryptSaltedKey(secret, requestAuthenticator, s2, recvKey));
}

std::optional<MppeKeys>
GetMppeKeys(const RadiusPacket& response, const Bytes& secret, const Bytes& requestAuthenticator)
{
    auto send = response.FindVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey);
    auto recv = response.FindVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey);
    if (!send || !recv)
    {
        return std::nullopt;
    }
    auto s = DecryptSaltedKey(secret, requestAuthenticator, *send);
    auto r = DecryptSaltedKey(secret, requestAuthenticator, *recv);
    if (!s || !r)
    {
        return std::nullopt;
    }
    return MppeKeys{*s, *r};
}

} // namespace roamsec
