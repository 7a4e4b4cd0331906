/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roamsec-bytes.h"

#include <cctype>

namespace roamsec {

std::string
ToHex(const uint8_t* data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (size_t i = 0; i < len; ++i)
    {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0f]);
    }
    return out;
}

std::string
ToHex(const Bytes& data)
{
    return ToHex(data.data(), data.size());
}

static int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

Bytes
FromHex(std::string_view hex)
{
    Bytes out;
    out.reserve(hex.size() / 2);
    int high = -1;
    for (char c : hex)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            continue;
        }
        int v = HexValue(c);
        if (v < 0)
        {
            throw ParseError(std::string("invalid hex digit '") + c + "'");
        }
        if (high < 0)
        {
            high = v;
        }
        else
        {
            out.push_back(static_cast<uint8_t>((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0)
    {
        throw ParseError("hex string has an odd number of digits");
    }
    return out;
}

Bytes
ToBytes(std::string_view text)
{
    return Bytes(text.begin(), text.end());
}

Bytes
Concat(std::initializer_list<Bytes> parts)
{
    size_t total = 0;
    for (const auto& p : parts)
    {
        total += p.size();
    }
    Bytes out;
    out.reserve(total);
    for (const auto& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

bool
ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t len)
{
    uint8_t diff = 0;
    for (size_t i = 0; i < len; ++i)
    {
        diff |= static_cast<uint8_t>(a[i] ^ b[i]);
    }
    return diff == 0;
}

bool
ConstantTimeEqual(const Bytes& a, const Bytes& b)
{
    return a.size() == b.size() && ConstantTimeEqual(a.data(), b.data(), a.size());
}

void
XorInto(Bytes& a, const Bytes& b)
{
    if (a.size() != b.size())
    {
        throw std::invalid_argument("XorInto: operands differ in size");
    }
    for (size_t i = 0; i < a.size(); ++i)
    {
        a[i] ^= b[i];
    }
}

Bytes
Slice(const Bytes& data, size_t offset, size_t len)
{
    if (offset > data.size() || len > data.size() - offset)
    {
        throw ParseError("slice out of range");
    }
    return Bytes(data.begin() + offset, data.begin() + offset + len);
}

std::string
MacToString(const MacAddr& mac)
{
    std::string out;
    for (size_t i = 0; i < mac.size(); ++i)
    {
        if (i > 0)
        {
            out.push_back('-');
        }
        out += ToHex(&mac[i], 1);
    }
    for (auto& c : out)
    {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

MacAddr
MacFromString(std::string_view text)
{
    if (text.size() != 17)
    {
        throw ParseError("MAC address must look like 02:00:00:00:00:01");
    }
    MacAddr mac{};
    for (size_t i = 0; i < 6; ++i)
    {
        if (i > 0 && text[i * 3 - 1] != ':' && text[i * 3 - 1] != '-')
        {
            throw ParseError("MAC address must look like 02:00:00:00:00:01");
        }
        int hi = HexValue(text[i * 3]);
        int lo = HexValue(text[i * 3 + 1]);
        if (hi < 0 || lo < 0)
        {
            throw ParseError("MAC address has a non-hex digit");
        }
        mac[i] = static_cast<uint8_t>((hi << 4) | lo);
    }
    return mac;
}

ByteReader::ByteReader(const uint8_t* data, size_t len)
    : m_data(data)
    , m_len(len)
{}

ByteReader::ByteReader(const Bytes& data)
    : ByteReader(data.data(), data.size())
{}

void
ByteReader::Need(size_t len) const
{
    if (len > m_len - m_pos)
    {
        throw ParseError("truncated input: need " + std::to_string(len) + " bytes, have "
                         + std::to_string(m_len - m_pos));
    }
}

uint8_t
ByteReader::ReadU8()
{
    Need(1);
    return m_data[m_pos++];
}

uint16_t
ByteReader::ReadU16()
{
    Need(2);
    uint16_t v = static_cast<uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
    m_pos += 2;
    return v;
}

uint32_t
ByteReader::ReadU32()
{
    Need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
    {
        v = (v << 8) | m_data[m_pos++];
    }
    return v;
}

uint64_t
ByteReader::ReadU48()
{
    Need(6);
    uint64_t v = 0;
    for (int i = 0; i < 6; ++i)
    {
        v = (v << 8) | m_data[m_pos++];
    }
    return v;
}

uint64_t
ByteReader::ReadU64()
{
    Need(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
    {
        v = (v << 8) | m_data[m_pos++];
    }
    return v;
}

Bytes
ByteReader::ReadBytes(size_t len)
{
    Need(len);
    Bytes out(m_data + m_pos, m_data + m_pos + len);
    m_pos += len;
    return out;
}

void
ByteReader::Skip(size_t len)
{
    Need(len);
    m_pos += len;
}

ByteReader
ByteReader::Sub(size_t len)
{
    Need(len);
    ByteReader sub(m_data + m_pos, len);
    m_pos += len;
    return sub;
}

ByteWriter&
ByteWriter::U8(uint8_t v)
{
    m_buf.push_back(v);
    return *this;
}

ByteWriter&
ByteWriter::U16(uint16_t v)
{
    m_buf.push_back(static_cast<uint8_t>(v >> 8));
    m_buf.push_back(static_cast<uint8_t>(v));
    return *this;
}

ByteWriter&
ByteWriter::U32(uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        m_buf.push_back(static_cast<uint8_t>(v >> shift));
    }
    return *this;
}

ByteWriter&
ByteWriter::U48(uint64_t v)
{
    for (int shift = 40; shift >= 0; shift -= 8)
    {
        m_buf.push_back(static_cast<uint8_t>(v >> shift));
    }
    return *this;
}

ByteWriter&
ByteWriter::U64(uint64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
    {
        m_buf.push_back(static_cast<uint8_t>(v >> shift));
    }
    return *this;
}

ByteWriter&
ByteWriter::Append(const Bytes& b)
{
    m_buf.insert(m_buf.end(), b.begin(), b.end());
    return *this;
}

ByteWriter&
ByteWriter::Append(const uint8_t* data, size_t len)
{
    m_buf.insert(m_buf.end(), data, data + len);
    return *this;
}

ByteWriter&
ByteWriter::Zeros(size_t len)
{
    m_buf.insert(m_buf.end(), len, 0);
    return *this;
}

void
ByteWriter::PatchU16(size_t offset, uint16_t v)
{
    if (offset + 2 > m_buf.size())
    {
        throw std::out_of_range("PatchU16 beyond written data");
    }
    m_buf[offset] = static_cast<uint8_t>(v >> 8);
    m_buf[offset + 1] = static_cast<uint8_t>(v);
}

} // namespace roamsec
