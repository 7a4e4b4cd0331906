/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Byte buffers and bounds-checked big-endian readers/writers shared by every
 * protocol codec of the ns-3-free core.
 */
#ifndef ROAMSEC_BYTES_H
#define ROAMSEC_BYTES_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace roamsec {

using Bytes = std::vector<uint8_t>;

/** An IEEE 802 MAC address (AA, SPA, BSSID, Calling-Station-Id). */
using MacAddr = std::array<uint8_t, 6>;

/** "02-00-00-00-00-01" (the IEEE/RADIUS Calling-Station-Id form, RFC 3580). */
std::string MacToString(const MacAddr& mac);
/** Parses "02:00:00:00:00:01" or "02-00-00-00-00-01"; throws ParseError otherwise. */
MacAddr MacFromString(std::string_view text);
inline Bytes
MacBytes(const MacAddr& mac)
{
    return Bytes(mac.begin(), mac.end());
}

/** Thrown by codecs and loaders for input that violates a format; never for internal bugs. */
class ParseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/** Lower-case hex without separators. */
std::string ToHex(const uint8_t* data, size_t len);
std::string ToHex(const Bytes& data);

/** Parses hex; whitespace is ignored. Throws ParseError on odd length or a non-hex digit. */
Bytes FromHex(std::string_view hex);

/** Bytes of a string, without terminator. */
Bytes ToBytes(std::string_view text);

/** a || b || ... */
Bytes Concat(std::initializer_list<Bytes> parts);

/** Compares in time independent of where the first difference is (for MACs). */
bool ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t len);
bool ConstantTimeEqual(const Bytes& a, const Bytes& b);

/** a[i] ^= b[i]; throws std::invalid_argument when the sizes differ. */
void XorInto(Bytes& a, const Bytes& b);

/** Slice [offset, offset+len); throws ParseError when out of range. */
Bytes Slice(const Bytes& data, size_t offset, size_t len);

/**
 * Bounds-checked reader over a byte range. Every read throws ParseError when the
 * range is exhausted, so a codec cannot read past its input.
 */
class ByteReader
{
public:
    ByteReader(const uint8_t* data, size_t len);
    explicit ByteReader(const Bytes& data);

    uint8_t ReadU8();
    uint16_t ReadU16();
    uint32_t ReadU32();
    uint64_t ReadU48();
    uint64_t ReadU64();
    Bytes ReadBytes(size_t len);
    void Skip(size_t len);
    /** A reader over the next len bytes; this reader advances past them. */
    ByteReader Sub(size_t len);

    size_t Remaining() const { return m_len - m_pos; }
    size_t Position() const { return m_pos; }
    bool AtEnd() const { return m_pos == m_len; }
    const uint8_t* Current() const { return m_data + m_pos; }

private:
    void Need(size_t len) const;

    const uint8_t* m_data;
    size_t m_len;
    size_t m_pos{0};
};

/** Appends big-endian fields to a buffer. */
class ByteWriter
{
public:
    ByteWriter() = default;

    ByteWriter& U8(uint8_t v);
    ByteWriter& U16(uint16_t v);
    ByteWriter& U32(uint32_t v);
    ByteWriter& U48(uint64_t v);
    ByteWriter& U64(uint64_t v);
    ByteWriter& Append(const Bytes& b);
    ByteWriter& Append(const uint8_t* data, size_t len);
    ByteWriter& Zeros(size_t len);

    /** Overwrites a big-endian u16 already written at offset (length fields). */
    void PatchU16(size_t offset, uint16_t v);

    size_t Size() const { return m_buf.size(); }
    const Bytes& Data() const { return m_buf; }
    Bytes Take() { return std::move(m_buf); }

private:
    Bytes m_buf;
};

} // namespace roamsec

#endif // ROAMSEC_BYTES_H
