/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Sans-IO RADIUS client (RFC 2865 sections 2.5 and 3, RFC 5080 section 2.2.1):
 * identifier allocation, retransmission of the identical datagram on timeout
 * up to a retry limit, matching of responses and checking of their
 * Message-Authenticator and Response Authenticator.
 */
#ifndef ROAMSEC_RADIUS_CLIENT_H
#define ROAMSEC_RADIUS_CLIENT_H

#include "radius-packet.h"
#include "roamsec-time.h"

#include <array>
#include <optional>
#include <vector>

namespace roamsec {

class RandomSource;

struct RadiusClientConfig
{
    TimeNs timeout{Seconds(3)}; //!< wait for a response before retransmitting
    uint32_t maxRetries{3};     //!< retransmissions after the first send, then give up
};

/** Why Receive discarded a datagram (all silently, RFC 2865 section 3). */
enum class RadiusClientDiscard
{
    None,
    Malformed,         //!< fails RadiusPacket::Parse
    NotAResponse,      //!< an Access-Request
    UnknownIdentifier, //!< no outstanding request with that identifier
    MissingMessageAuthenticator,
    BadMessageAuthenticator,
    BadResponseAuthenticator,
};

const char* ToString(RadiusClientDiscard d);

/** A response matched to its outstanding request and authenticated. */
struct RadiusClientResponse
{
    uint8_t identifier{0};
    uint64_t cookie{0};          //!< as passed to SendRequest
    RadiusPacket response;       //!< decoded; MPPE keys still encrypted
    Bytes requestAuthenticator;  //!< for DecryptSaltedKey / GetMppeKeys
    uint32_t retransmissions{0}; //!< how many times the request was resent
};

struct RadiusClientReceiveResult
{
    std::optional<RadiusClientResponse> response; //!< set when matched
    RadiusClientDiscard discard{RadiusClientDiscard::None};
};

/** Output of OnTimeout. */
struct RadiusClientEvent
{
    enum class Kind
    {
        Retransmit, //!< send bytes again (identical datagram)
        GiveUp,     //!< retry limit reached; the identifier is free again
    };

    Kind kind{Kind::Retransmit};
    uint8_t identifier{0};
    uint64_t cookie{0};
    Bytes bytes; //!< for Retransmit
};

struct RadiusClientCounters
{
    uint64_t requests{0};
    uint64_t retransmissions{0};
    uint64_t giveUps{0};
    uint64_t responses{0};
    uint64_t malformed{0};
    uint64_t notAResponse{0};
    uint64_t unknownIdentifier{0};
    uint64_t missingMessageAuthenticator{0};
    uint64_t badMessageAuthenticator{0};
    uint64_t badResponseAuthenticator{0};
};

/**
 * The client side of one RADIUS server (one shared secret, one identifier
 * space of 256 values). A NAS or proxy talking to several servers holds one
 * RadiusClient per server.
 */
class RadiusClient
{
public:
    RadiusClient(Bytes secret, RandomSource& rng, RadiusClientConfig config = {});

    struct Sent
    {
        uint8_t identifier{0};
        Bytes requestAuthenticator;
        Bytes bytes; //!< the datagram to send
    };

    /**
     * Allocates an identifier and a random Request Authenticator, hides a
     * User-Password given in plain text (RFC 2865 5.2), adds the
     * Message-Authenticator and arms the retransmission timer. nullopt when
     * all 256 identifiers are outstanding. Throws std::invalid_argument when
     * the packet is not an Access-Request and std::length_error when it would
     * exceed 4096 octets.
     */
    std::optional<Sent> SendRequest(RadiusPacket request, TimeNs now, uint64_t cookie = 0);

    /** Matches and authenticates a datagram from the server. */
    RadiusClientReceiveResult Receive(const Bytes& datagram, TimeNs now);
    RadiusClientReceiveResult Receive(const uint8_t* data, size_t len, TimeNs now);

    /** Retransmissions and give-ups due at now. */
    std::vector<RadiusClientEvent> OnTimeout(TimeNs now);

    /** Earliest retransmission deadline; nullopt when nothing is outstanding. */
    std::optional<TimeNs> NextDeadline() const;

    /** Forgets an outstanding request (the caller abandoned it). */
    bool Cancel(uint8_t identifier);

    size_t Outstanding() const { return m_outstanding; }

    const RadiusClientCounters& GetCounters() const { return m_counters; }

    const Bytes& GetSecret() const { return m_secret; }

private:
    struct Pending
    {
        Bytes bytes;
        Bytes requestAuthenticator;
        uint64_t cookie{0};
        TimeNs deadline{0};
        uint32_t retransmissions{0};
    };

    Bytes m_secret;
    RandomSource& m_rng;
    RadiusClientConfig m_config;
    std::array<std::optional<Pending>, 256> m_pending;
    size_t m_outstanding{0};
    uint8_t m_nextId{0};
    RadiusClientCounters m_counters;
};

} // namespace roamsec

#endif // ROAMSEC_RADIUS_CLIENT_H
