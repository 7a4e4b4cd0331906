/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-packet.h"

namespace roamsec {

Bytes
EapPacket::Serialize() const
{
    ByteWriter w;
    w.U8(static_cast<uint8_t>(code)).U8(identifier).U16(0);
    if (HasType())
    {
        w.U8(type).Append(typeData);
    }
    if (w.Size() > 0xffff)
    {
        throw std::length_error("EAP packet longer than 65535 octets");
    }
    w.PatchU16(2, static_cast<uint16_t>(w.Size()));
    return w.Take();
}

std::optional<EapPacket>
EapPacket::Parse(const uint8_t* data, size_t len)
{
    if (len < 4)
    {
        return std::nullopt;
    }
    uint8_t code = data[0];
    if (code < 1 || code > 4)
    {
        return std::nullopt;
    }
    size_t length = (static_cast<size_t>(data[2]) << 8) | data[3];
    if (length < 4 || length > len)
    {
        return std::nullopt;
    }
    EapPacket p;
    p.code = static_cast<EapCode>(code);
    p.identifier = data[1];
    if (p.HasType())
    {
        if (length < 5)
        {
            return std::nullopt;
        }
        p.type = data[4];
        p.typeData.assign(data + 5, data + length);
    }
    else if (length != 4)
    {
        // RFC 3748 4.2: Success and Failure have no data.
        return std::nullopt;
    }
    return p;
}

std::optional<EapPacket>
EapPacket::Parse(const Bytes& data)
{
    return Parse(data.data(), data.size());
}

} // namespace roamsec
