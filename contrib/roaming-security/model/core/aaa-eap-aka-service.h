/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home AAA's RADIUS + EAP-AKA request handling, sans-IO: a validated
 * Access-Request in, the Access-Challenge/Accept/Reject datagram out. Shared by
 * the ns-3 HomeAaa application and the real UDP daemon (utils/roamsec-aaa-daemon),
 * so that both run exactly the same logic.
 *
 * Conventions (RFC 2865 5.24, RFC 3579, RFC 2548 2.4.2/2.4.3, RFC 5216 2.3):
 *  - one EapAkaServerSession per conversation, keyed by a random 16-octet State
 *    attribute sent in every Access-Challenge;
 *  - Access-Accept carries MS-MPPE-Recv-Key = MSK[0..31] and
 *    MS-MPPE-Send-Key = MSK[32..63], salt-encrypted with the client's secret;
 *  - a silently discarded EAP message gets no RADIUS answer (RFC 3579 2.6.2).
 */
#ifndef ROAMSEC_AAA_EAP_AKA_SERVICE_H
#define ROAMSEC_AAA_EAP_AKA_SERVICE_H

#include "eap-aka-server.h"
#include "radius-packet.h"
#include "radius-server.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace roamsec {

struct AaaEapAkaServiceConfig
{
    /**
     * Called with each Access-Accept before it is encoded, so that the AAA can add
     * attributes of its own (e.g. a delegation grant); may be empty.
     */
    std::function<void(const std::string& client, const RadiusPacket& request, RadiusPacket& accept,
                       const std::string& imsi)>
        onAccept;
    /** Session-Timeout in Access-Accept, seconds (0: attribute omitted). */
    uint32_t sessionTimeoutSeconds{3600};
    /** EAP conversations kept at once; the oldest is dropped beyond this. */
    size_t maxSessions{10000};
    /** A conversation idle for longer than this is forgotten (bounds memory). */
    TimeNs sessionLifetime{Seconds(120)};
};

/** What one request produced. */
struct AaaEapAkaOutcome
{
    /** Datagram to send back to the client; nullopt: send nothing. */
    std::optional<Bytes> response;
    enum class Event
    {
        None,      //!< conversation continues (Access-Challenge) or duplicate replayed
        Success,   //!< Access-Accept sent
        Failure,   //!< Access-Reject sent
        Discarded, //!< nothing sent (RADIUS or EAP level discard)
    } event{Event::None};
    std::string identity; //!< User-Name of the conversation (or EAP identity)
    std::string imsi;     //!< on Success
    std::string reason;   //!< on Failure or Discarded
    Bytes msk;            //!< on Success: the MSK whose halves went into MS-MPPE keys
};

const char* ToString(AaaEapAkaOutcome::Event e);

class AaaEapAkaService
{
public:
    /** radius knows the clients and their secrets; eap, radius and rng must outlive this. */
    AaaEapAkaService(EapAkaServer& eap, RadiusServer& radius, RandomSource& rng,
                     AaaEapAkaServiceConfig config = {});

    /** Whole path for a datagram from client: RadiusServer::Receive, then Process. */
    AaaEapAkaOutcome Handle(const std::string& client, const Bytes& datagram, TimeNs now);

    /**
     * Second half, for callers that delay the processing (the ns-3 model's
     * processing time): request is one RadiusServer::Receive returned as NewRequest.
     */
    AaaEapAkaOutcome Process(const std::string& client, const RadiusPacket& request, TimeNs now);

    size_t Sessions() const { return m_sessions.size(); }
    uint64_t Successes() const { return m_successes; }
    uint64_t Failures() const { return m_failures; }

private:
    struct Session
    {
        std::unique_ptr<EapAkaServerSession> eap;
        std::string identity;
        TimeNs started{0};
        TimeNs lastSeen{0};
    };

    void Expire(TimeNs now);
    void EvictOldest();

    EapAkaServer& m_eap;
    RadiusServer& m_radius;
    RandomSource& m_rng;
    AaaEapAkaServiceConfig m_cfg;
    std::map<Bytes, Session> m_sessions; //!< keyed by State
    uint64_t m_successes{0};
    uint64_t m_failures{0};
};

} // namespace roamsec

#endif // ROAMSEC_AAA_EAP_AKA_SERVICE_H
