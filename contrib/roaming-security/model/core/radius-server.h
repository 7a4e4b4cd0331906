/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Server-side RADIUS helpers (RFC 2865, RFC 3579, RFC 5080 section 2.2.2):
 * request validation, duplicate detection replaying the cached response, and
 * building of authenticated responses. The AAA logic (EAP) stays with the caller.
 */
#ifndef ROAMSEC_RADIUS_SERVER_H
#define ROAMSEC_RADIUS_SERVER_H

#include "radius-packet.h"
#include "roamsec-time.h"

#include <array>
#include <map>
#include <optional>
#include <string>

namespace roamsec {

struct RadiusServerConfig
{
    /** A request with the same client, identifier and authenticator within this
     * time of the first copy is a duplicate (RFC 5080 2.2.2 suggests seconds). */
    TimeNs duplicateWindow{Seconds(30)};
    /** Discard Access-Requests without a Message-Authenticator even without EAP. */
    bool requireMessageAuthenticator{false};
};

enum class RadiusServerDiscard
{
    None,
    UnknownClient,
    Malformed,
    NotARequest,
    MissingMessageAuthenticator,
    BadMessageAuthenticator,
};

const char* ToString(RadiusServerDiscard d);

struct RadiusServerReceiveResult
{
    enum class Kind
    {
        NewRequest, //!< hand request to the AAA logic, then call Respond
        Duplicate,  //!< send cachedResponse again (empty: still being processed, drop)
        Discard,    //!< silently discarded, see discard
    };

    Kind kind{Kind::Discard};
    std::optional<RadiusPacket> request;
    Bytes cachedResponse;
    RadiusServerDiscard discard{RadiusServerDiscard::None};
};

struct RadiusServerCounters
{
    uint64_t requests{0};
    uint64_t duplicatesReplayed{0};
    uint64_t duplicatesInProgress{0};
    uint64_t unknownClient{0};
    uint64_t malformed{0};
    uint64_t notARequest{0};
    uint64_t missingMessageAuthenticator{0};
    uint64_t badMessageAuthenticator{0};
    uint64_t responses{0};
};

/**
 * RADIUS server endpoint for a set of known clients (NAS or proxies), each
 * named by the caller (e.g. "10.0.0.1:1812") with its shared secret. Memory is
 * bounded by 256 cache entries per configured client.
 */
class RadiusServer
{
public:
    explicit RadiusServer(RadiusServerConfig config = {});

    void AddClient(const std::string& client, const Bytes& secret);
    /** The shared secret of a client; nullptr when unknown. */
    const Bytes* GetSecret(const std::string& client) const;

    /**
     * Validates a datagram from client: known client, well-formed
     * Access-Request, Message-Authenticator (required with EAP-Message, RFC
     * 3579 3.2), then duplicate detection.
     */
    RadiusServerReceiveResult Receive(const std::string& client, const Bytes& datagram, TimeNs now);

    /**
     * Builds the response to a request returned by Receive: identifier copied,
     * the request's Proxy-State attributes copied in order (RFC 2865 5.33,
     * replacing any in response), Message-Authenticator and Response
     * Authenticator computed with the client's secret; the bytes are cached
     * for duplicates. response.code must be Accept, Reject or Challenge
     * (else std::invalid_argument); std::length_error when the response
     * would exceed 4096 octets.
     */
    Bytes Respond(const std::string& client, const RadiusPacket& request, RadiusPacket response,
                  TimeNs now);

    /** Drops the cache entry of a request that will not be answered, so that a
     * retransmission is handled as new. */
    void Forget(const std::string& client, const RadiusPacket& request);

    const RadiusServerCounters& GetCounters() const { return m_counters; }

private:
    struct Entry
    {
        Bytes requestAuthenticator;
        TimeNs received{0};
        Bytes response; //!< empty while being processed
    };

    struct Client
    {
        Bytes secret;
        std::array<std::optional<Entry>, 256> cache;
    };

    RadiusServerConfig m_config;
    std::map<std::string, Client> m_clients;
    RadiusServerCounters m_counters;
};

} // namespace roamsec

#endif // ROAMSEC_RADIUS_SERVER_H
