/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Sans-IO RADIUS proxy (RFC 2865 sections 2.3 and 5.33, RFC 3579): the visited
 * AAA routes Access-Requests by the NAI realm of User-Name (RFC 7542) to a
 * home AAA, appends its Proxy-State, and per hop uses a new identifier,
 * Request Authenticator and the hop's secret; on the way back it strips its
 * Proxy-State and re-encrypts the MS-MPPE keys for the NAS hop.
 */
#ifndef ROAMSEC_RADIUS_PROXY_H
#define ROAMSEC_RADIUS_PROXY_H

#include "radius-client.h"
#include "radius-packet.h"
#include "radius-server.h"
#include "roamsec-time.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace roamsec {

class RandomSource;

/** Realm -> next hop, longest suffix match on domain labels, with an optional default. */
class RadiusRealmTable
{
public:
    /** realm "example.org" matches "user@example.org" and "user@a.example.org". */
    void AddRoute(const std::string& realm, const std::string& hop);
    void SetDefaultRoute(const std::string& hop);
    /** The hop for a User-Name; nullopt: no route. */
    std::optional<std::string> Lookup(const std::string& userName) const;
    /** The realm of an NAI (after the last '@', lower-cased); empty when none. */
    static std::string RealmOf(const std::string& nai);

private:
    std::map<std::string, std::string> m_routes; // lower-case realm -> hop
    std::optional<std::string> m_default;
};

struct RadiusProxyConfig
{
    RadiusClientConfig upstream;   //!< towards the home servers
    RadiusServerConfig downstream; //!< towards the NAS
};

/** A datagram the proxy wants sent. */
struct RadiusProxyOutput
{
    enum class Direction
    {
        ToHome,
        ToNas,
    };

    Direction direction{Direction::ToHome};
    std::string peer; //!< home or NAS name as configured
    Bytes bytes;
};

struct RadiusProxyCounters
{
    uint64_t forwarded{0};         //!< new requests sent to a home server
    uint64_t noRoute{0};           //!< answered with Access-Reject
    uint64_t repliesRelayed{0};    //!< responses relayed to the NAS
    uint64_t duplicatesFromNas{0}; //!< NAS retransmissions (replayed or absorbed)
    uint64_t discardedFromNas{0};  //!< failed validation on the NAS hop
    uint64_t discardedFromHome{0}; //!< failed matching/authentication on the home hop
    uint64_t badProxyState{0};     //!< home response without our Proxy-State last
    uint64_t badMppeKeys{0};       //!< MPPE keys that did not decrypt with the home secret
    uint64_t homeGiveUps{0}; //!< home server did not answer after all retries
    uint64_t oversize{0};    //!< would exceed 4096 octets once re-encoded for the next hop
};

class RadiusProxy
{
public:
    explicit RadiusProxy(RandomSource& rng, RadiusProxyConfig config = {});

    /** A NAS (or downstream proxy) allowed to send requests, with its secret. */
    void AddNas(const std::string& nas, const Bytes& secret);
    /** A home server (next hop) with the secret shared with it. */
    void AddHome(const std::string& home, const Bytes& secret);
    /** Routes refer to homes by name; a route to an unknown home counts as no route. */
    RadiusRealmTable& Routes() { return m_routes; }

    /** A datagram from a NAS: forward, reject (no route), replay, or nothing. */
    std::optional<RadiusProxyOutput> ReceiveFromNas(const std::string& nas, const Bytes& datagram,
                                                    TimeNs now);
    /** A datagram from a home server: the relayed response, or nothing. */
    std::optional<RadiusProxyOutput> ReceiveFromHome(const std::string& home, const Bytes& datagram,
                                                     TimeNs now);
    /** Retransmissions towards home servers due at now. */
    /**
     * Called for every authenticated home response before it is relayed, with the
     * request authenticator and secret of the home hop, so that the AAA logic can read
     * (and remove) home-hop-encrypted attributes such as delegated keys.
     */
    using HomeResponseHook
        = std::function<void(const RadiusPacket& nasRequest, RadiusPacket& homeResponse,
                             const Bytes& homeRequestAuthenticator, const Bytes& homeSecret)>;
    void SetHomeResponseHook(HomeResponseHook hook) { m_homeResponseHook = std::move(hook); }

    std::vector<RadiusProxyOutput> OnTimeout(TimeNs now);
    std::optional<TimeNs> NextDeadline() const;

    size_t Pending() const { return m_forwarded.size(); }
    const RadiusProxyCounters& GetCounters() const { return m_counters; }
    const RadiusServer& Downstream() const { return m_downstream; }
    /** The client towards a home; nullptr when unknown. */
    const RadiusClient* Upstream(const std::string& home) const;

private:
    struct Forwarded
    {
        std::string nas;
        std::string home;
        RadiusPacket original; //!< as received from the NAS
        Bytes proxyState;      //!< the value we appended
    };

    Bytes Reject(const std::string& nas, const RadiusPacket& request, TimeNs now);

    RandomSource& m_rng;
    RadiusProxyConfig m_config;
    RadiusServer m_downstream;
    std::map<std::string, std::unique_ptr<RadiusClient>> m_homes;
    RadiusRealmTable m_routes;
    HomeResponseHook m_homeResponseHook;
    std::map<uint64_t, Forwarded> m_forwarded; // by cookie
    uint64_t m_nextCookie{1};
    RadiusProxyCounters m_counters;
};

} // namespace roamsec

#endif // ROAMSEC_RADIUS_PROXY_H
