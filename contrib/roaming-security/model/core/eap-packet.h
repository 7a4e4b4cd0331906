/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP framing (RFC 3748 section 4): the envelope every EAP method rides in.
 */
#ifndef ROAMSEC_EAP_PACKET_H
#define ROAMSEC_EAP_PACKET_H

#include "roamsec-bytes.h"

#include <optional>

namespace roamsec {

enum class EapCode : uint8_t
{
    Request = 1,
    Response = 2,
    Success = 3,
    Failure = 4,
};

/** EAP Type values used by this module (RFC 3748 section 5, RFC 4187). */
namespace EapType {
constexpr uint8_t Identity = 1;
constexpr uint8_t Notification = 2;
constexpr uint8_t Nak = 3;
constexpr uint8_t Sim = 18;
constexpr uint8_t Aka = 23;       // RFC 4187
constexpr uint8_t Expanded = 254; // RFC 3748 section 5.7
constexpr uint8_t Experimental = 255;
} // namespace EapType

/**
 * One EAP packet. Request and Response carry a Type and type data; Success and
 * Failure carry neither.
 */
struct EapPacket
{
    EapCode code{EapCode::Request};
    uint8_t identifier{0};
    uint8_t type{0}; //!< only for Request/Response
    Bytes typeData;  //!< bytes after the Type field, up to Length

    bool HasType() const { return code == EapCode::Request || code == EapCode::Response; }

    /** Encodes with a correct Length field. */
    Bytes Serialize() const;

    /**
     * Decodes per RFC 3748 section 4: octets past Length are link padding and are
     * ignored; a Length larger than the input, shorter than the header, an unknown
     * Code, or a Request/Response without a Type is malformed (std::nullopt: the
     * caller silently discards it).
     */
    static std::optional<EapPacket> Parse(const uint8_t* data, size_t len);
    static std::optional<EapPacket> Parse(const Bytes& data);
};

} // namespace roamsec

#endif // ROAMSEC_EAP_PACKET_H
