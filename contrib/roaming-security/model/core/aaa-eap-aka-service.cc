/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "aaa-eap-aka-service.h"

#include "eap-packet.h"

#include <algorithm>

namespace roamsec {

const char*
ToString(AaaEapAkaOutcome::Event e)
{
    switch (e)
    {
        case AaaEapAkaOutcome::Event::None:
            return "none";
        case AaaEapAkaOutcome::Event::Success:
            return "success";
        case AaaEapAkaOutcome::Event::Failure:
            return "failure";
        case AaaEapAkaOutcome::Event::Discarded:
            return "discarded";
    }
    return "?";
}

AaaEapAkaService::AaaEapAkaService(EapAkaServer& eap, RadiusServer& radius, RandomSource& rng,
                                   AaaEapAkaServiceConfig config)
    : m_eap(eap)
    , m_radius(radius)
    , m_rng(rng)
    , m_cfg(config)
{
    if (m_cfg.maxSessions == 0)
    {
        m_cfg.maxSessions = 1;
    }
}

AaaEapAkaOutcome
AaaEapAkaService::Handle(const std::string& client, const Bytes& datagram, TimeNs now)
{
    RadiusServerReceiveResult r = m_radius.Receive(client, datagram, now);
    AaaEapAkaOutcome out;
    switch (r.kind)
    {
        case RadiusServerReceiveResult::Kind::Duplicate:
            // RFC 5080 2.2.2: replay the cached answer; nothing while still in progress.
            if (!r.cachedResponse.empty())
            {
                out.response = r.cachedResponse;
            }
            return out;
        case RadiusServerReceiveResult::Kind::Discard:
            out.event = AaaEapAkaOutcome::Event::Discarded;
            out.reason = std::string("radius: ") + ToString(r.discard);
            return out;
        case RadiusServerReceiveResult::Kind::NewRequest:
        default:
            return Process(client, *r.request, now);
    }
}

/** The identity an EAP-Response/Identity carries, if eap is one. */
static std::string
EapIdentity(const Bytes& eap)
{
    auto p = EapPacket::Parse(eap);
    if (p && p->code == EapCode::Response && p->type == EapType::Identity)
    {
        return std::string(p->typeData.begin(), p->typeData.end());
    }
    return {};
}

AaaEapAkaOutcome
AaaEapAkaService::Process(const std::string& client, const RadiusPacket& request, TimeNs now)
{
    AaaEapAkaOutcome out;
    const Bytes* secret = m_radius.GetSecret(client);
    if (secret == nullptr)
    {
        out.event = AaaEapAkaOutcome::Event::Discarded;
        out.reason = "radius: unknown client";
        return out;
    }
    Expire(now);

    RadiusPacket response;
    response.identifier = request.identifier;
    auto userName = request.GetString(RadiusAttr::UserName);
    out.identity = userName ? *userName : std::string();

    auto eap = request.GetEapMessage();
    if (!eap)
    {
        // Only EAP is offered: anything else is rejected.
        response.code = RadiusCode::AccessReject;
        out.response = m_radius.Respond(client, request, response, now);
        out.event = AaaEapAkaOutcome::Event::Failure;
        out.reason = "no EAP-Message";
        m_failures++;
        return out;
    }

    // RFC 2865 5.24: State links the rounds of one EAP conversation.
    Bytes state;
    if (const Bytes* s = request.Find(RadiusAttr::State))
    {
        state = *s;
    }
    auto it = m_sessions.find(state);
    if (state.empty() || it == m_sessions.end())
    {
        if (m_sessions.size() >= m_cfg.maxSessions)
        {
            EvictOldest();
        }
        do
        {
            state = m_rng.Generate(16);
        }
        while (m_sessions.count(state) != 0);
        Session fresh;
        fresh.eap = m_eap.CreateSession();
        fresh.started = now;
        fresh.identity = out.identity;
        it = m_sessions.emplace(state, std::move(fresh)).first;
    }
    Session& session = it->second;
    session.lastSeen = now;
    if (session.identity.empty())
    {
        session.identity = EapIdentity(*eap);
    }
    if (out.identity.empty())
    {
        out.identity = session.identity;
    }

    EapAkaServerOutput eo = session.eap->Receive(*eap, now);
    switch (eo.event)
    {
        case EapAkaServerOutput::Event::Success:
            response.code = RadiusCode::AccessAccept;
            if (eo.send)
            {
                response.SetEapMessage(*eo.send);
            }
            if (eo.msk.size() >= 64)
            {
                // RFC 5216 2.3 convention, as hostapd and FreeRADIUS use it:
                // MS-MPPE-Recv-Key = MSK[0..31], MS-MPPE-Send-Key = MSK[32..63].
                AddMppeKeys(response, *secret, request.authenticator,
                            Bytes(eo.msk.begin() + 32, eo.msk.begin() + 64),
                            Bytes(eo.msk.begin(), eo.msk.begin() + 32), m_rng);
            }
            if (m_cfg.sessionTimeoutSeconds > 0)
            {
                response.AddU32(RadiusAttr::SessionTimeout, m_cfg.sessionTimeoutSeconds);
            }
            if (!userName && !eo.imsi.empty())
            {
                out.identity = eo.imsi;
            }
            if (m_cfg.onAccept)
            {
                m_cfg.onAccept(client, request, response, eo.imsi);
            }
            out.event = AaaEapAkaOutcome::Event::Success;
            out.imsi = eo.imsi;
            out.msk = eo.msk;
            m_successes++;
            m_sessions.erase(it);
            break;
        case EapAkaServerOutput::Event::Failure:
            response.code = RadiusCode::AccessReject;
            if (eo.send)
            {
                response.SetEapMessage(*eo.send);
            }
            out.event = AaaEapAkaOutcome::Event::Failure;
            out.reason = eo.reason;
            m_failures++;
            m_sessions.erase(it);
            break;
        case EapAkaServerOutput::Event::Discarded:
            // RFC 3579 2.6.2: a silently discarded EAP packet gets no RADIUS answer either;
            // forgetting the cache entry lets the NAS's retransmission be handled anew.
            m_radius.Forget(client, request);
            out.event = AaaEapAkaOutcome::Event::Discarded;
            out.reason = "eap: " + eo.reason;
            return out;
        case EapAkaServerOutput::Event::None:
        default:
            if (!eo.send)
            {
                m_radius.Forget(client, request);
                out.event = AaaEapAkaOutcome::Event::Discarded;
                out.reason = "eap: no response";
                return out;
            }
            response.code = RadiusCode::AccessChallenge;
            response.SetEapMessage(*eo.send);
            response.Add(RadiusAttr::State, state);
            break;
    }
    out.response = m_radius.Respond(client, request, response, now);
    return out;
}

void
AaaEapAkaService::Expire(TimeNs now)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
    {
        if (now - it->second.lastSeen > m_cfg.sessionLifetime)
        {
            it = m_sessions.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

void
AaaEapAkaService::EvictOldest()
{
    // Drop the oldest conversation rather than grow without bound.
    auto oldest = std::min_element(m_sessions.begin(), m_sessions.end(),
                                   [](const auto& a, const auto& b)
                                   { return a.second.started < b.second.started; });
    if (oldest != m_sessions.end())
    {
        m_sessions.erase(oldest);
    }
}

} // namespace roamsec
