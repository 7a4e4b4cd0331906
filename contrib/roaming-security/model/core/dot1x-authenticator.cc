/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dot1x-authenticator.h"

#include "eap-packet.h"
#include "radius-packet.h"

namespace roamsec {

const char*
ToString(Dot1xFailure failure)
{
    switch (failure)
    {
        case Dot1xFailure::AccessReject:
            return "access-reject";
        case Dot1xFailure::NoKeys:
            return "no-keys";
        case Dot1xFailure::EapTimeout:
            return "eap-timeout";
        case Dot1xFailure::AaaUnreachable:
            return "aaa-unreachable";
    }
    return "?";
}

const char*
ToString(Dot1xDiscard discard)
{
    switch (discard)
    {
        case Dot1xDiscard::Malformed:
            return "malformed";
        case Dot1xDiscard::NotAResponse:
            return "not-a-response";
        case Dot1xDiscard::NoOutstandingRequest:
            return "no-outstanding-request";
        case Dot1xDiscard::WrongIdentifier:
            return "wrong-identifier";
        case Dot1xDiscard::NoRadiusIdentifier:
            return "no-radius-identifier";
    }
    return "?";
}

const Dot1xEvent*
Dot1xOutput::Find(Dot1xEvent::Kind kind) const
{
    for (const auto& event : events)
    {
        if (event.kind == kind)
        {
            return &event;
        }
    }
    return nullptr;
}

Dot1xAuthenticator::Dot1xAuthenticator(Dot1xAuthenticatorConfig config, RandomSource& rng)
    : m_config(std::move(config))
    , m_radius(m_config.secret, rng, m_config.radius)
{}

Dot1xOutput
Dot1xAuthenticator::Start(const MacAddr& sta, TimeNs now)
{
    Dot1xOutput out;
    Session& session = m_sessions[sta];
    session.radiusState.clear();
    EapPacket request;
    request.code = EapCode::Request;
    request.identifier = ++session.eapIdentifier;
    request.type = EapType::Identity;
    SendEap(sta, session, request.Serialize(), now, out);
    return out;
}

void
Dot1xAuthenticator::Reset(const MacAddr& sta)
{
    auto it = m_sessions.find(sta);
    if (it == m_sessions.end())
    {
        return;
    }
    it->second.pendingRequest.clear();
    it->second.radiusState.clear();
}

void
Dot1xAuthenticator::Remove(const MacAddr& sta)
{
    m_sessions.erase(sta);
    // Its Access-Requests stop: retransmitting them for a station that is gone would
    // load the server and hold RADIUS identifiers for nothing.
    for (auto it = m_cookies.begin(); it != m_cookies.end();)
    {
        if (it->second.sta == sta)
        {
            m_radius.Cancel(it->second.identifier);
            it = m_cookies.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

bool
Dot1xAuthenticator::HasOutstandingRequest(const MacAddr& sta) const
{
    auto it = m_sessions.find(sta);
    return it != m_sessions.end() && !it->second.pendingRequest.empty();
}

void
Dot1xAuthenticator::SendEap(const MacAddr& sta, Session& session, const Bytes& eap, TimeNs now,
                            Dot1xOutput& out)
{
    // A Request is retransmitted until the matching Response arrives (RFC 3748 4.3);
    // Success and Failure end the conversation and are never repeated.
    session.pendingRequest.clear();
    auto packet = EapPacket::Parse(eap);
    if (packet && packet->code == EapCode::Request)
    {
        session.pendingRequest = eap;
        session.pendingIdentifier = packet->identifier;
        session.retransmissions = 0;
        session.deadline = now + m_config.eapRetransmitTimeout;
        m_counters.eapRequests++;
    }
    out.messages.push_back({Dot1xMessage::To::Station, sta, eap});
}

void
Dot1xAuthenticator::Fail(const MacAddr& sta, Dot1xFailure failure, Dot1xOutput& out)
{
    Dot1xEvent event;
    event.kind = Dot1xEvent::Kind::Failed;
    event.sta = sta;
    event.failure = failure;
    out.events.push_back(event);
    m_counters.failures++;
}

void
Dot1xAuthenticator::Discard(const MacAddr& sta, Dot1xDiscard discard, Dot1xOutput& out)
{
    Dot1xEvent event;
    event.kind = Dot1xEvent::Kind::EapDiscarded;
    event.sta = sta;
    event.discard = discard;
    out.events.push_back(event);
    m_counters.eapDiscarded++;
}

Dot1xOutput
Dot1xAuthenticator::ReceiveEap(const MacAddr& sta, const Bytes& eap, TimeNs now)
{
    Dot1xOutput out;
    auto packet = EapPacket::Parse(eap);
    if (!packet)
    {
        Discard(sta, Dot1xDiscard::Malformed, out);
        return out;
    }
    if (packet->code != EapCode::Response)
    {
        Discard(sta, Dot1xDiscard::NotAResponse, out);
        return out;
    }
    auto it = m_sessions.find(sta);
    if (it == m_sessions.end() || it->second.pendingRequest.empty())
    {
        Discard(sta, Dot1xDiscard::NoOutstandingRequest, out);
        return out;
    }
    Session& session = it->second;
    // Only the Response to the outstanding Request goes on, once: a late duplicate of an
    // answered or retransmitted Request must not start a second RADIUS round (RFC 3748 4.1).
    if (packet->identifier != session.pendingIdentifier)
    {
        Discard(sta, Dot1xDiscard::WrongIdentifier, out);
        return out;
    }
    session.pendingRequest.clear();
    if (packet->type == EapType::Identity)
    {
        session.identity.assign(packet->typeData.begin(), packet->typeData.end());
    }
    RadiusPacket request;
    request.code = RadiusCode::AccessRequest;
    request.AddString(RadiusAttr::UserName, session.identity);
    request.AddString(RadiusAttr::NasIdentifier, m_config.nasIdentifier);
    request.AddString(RadiusAttr::CalledStationId, MacToString(m_config.nasAddress));
    request.AddString(RadiusAttr::CallingStationId, MacToString(sta));
    request.AddU32(RadiusAttr::FramedMtu, m_config.framedMtu);
    if (!session.radiusState.empty())
    {
        request.Add(RadiusAttr::State, session.radiusState);
    }
    request.SetEapMessage(eap);
    uint64_t cookie = m_nextCookie++;
    auto sent = m_radius.SendRequest(request, now, cookie);
    if (!sent)
    {
        Discard(sta, Dot1xDiscard::NoRadiusIdentifier, out);
        return out;
    }
    m_cookies[cookie] = {sta, sent->identifier};
    out.messages.push_back({Dot1xMessage::To::Server, sta, sent->bytes});
    return out;
}

Dot1xOutput
Dot1xAuthenticator::ReceiveRadius(const Bytes& datagram, TimeNs now)
{
    Dot1xOutput out;
    auto result = m_radius.Receive(datagram, now);
    if (!result.response)
    {
        Dot1xEvent event;
        event.kind = Dot1xEvent::Kind::RadiusDiscarded;
        event.radiusDiscard = result.discard;
        out.events.push_back(event);
        return out;
    }
    const RadiusClientResponse& response = *result.response;
    auto cookie = m_cookies.find(response.cookie);
    if (cookie == m_cookies.end())
    {
        return out;
    }
    MacAddr sta = cookie->second.sta;
    m_cookies.erase(cookie);
    auto it = m_sessions.find(sta);
    if (it == m_sessions.end())
    {
        return out; // the station left meanwhile
    }
    Session& session = it->second;
    const RadiusPacket& reply = response.response;
    auto eap = reply.GetEapMessage();
    if (const Bytes* state = reply.Find(RadiusAttr::State))
    {
        session.radiusState = *state;
    }
    switch (reply.code)
    {
        case RadiusCode::AccessChallenge:
            m_counters.challenges++;
            if (eap)
            {
                SendEap(sta, session, *eap, now, out);
            }
            break;
        case RadiusCode::AccessAccept:
        {
            m_counters.accepts++;
            auto keys = GetMppeKeys(reply, m_config.secret, response.requestAuthenticator);
            if (eap)
            {
                SendEap(sta, session, *eap, now, out);
            }
            if (!keys || keys->recvKey.size() < 32)
            {
                Fail(sta, Dot1xFailure::NoKeys, out);
                break;
            }
            // RFC 3748/5216 convention: the PMK is the first 32 octets of the MSK, which the
            // server sends as MS-MPPE-Recv-Key (802.11-2016 12.7.1.3).
            Dot1xEvent event;
            event.kind = Dot1xEvent::Kind::Authenticated;
            event.sta = sta;
            event.pmk.assign(keys->recvKey.begin(), keys->recvKey.begin() + 32);
            event.recvKey = keys->recvKey;
            event.sendKey = keys->sendKey;
            out.events.push_back(event);
            break;
        }
        case RadiusCode::AccessReject:
        default:
            m_counters.rejects++;
            if (eap)
            {
                SendEap(sta, session, *eap, now, out);
            }
            else
            {
                // The station must still learn the outcome (RFC 3579 2.6.3).
                EapPacket failure;
                failure.code = EapCode::Failure;
                failure.identifier = session.eapIdentifier;
                SendEap(sta, session, failure.Serialize(), now, out);
            }
            Fail(sta, Dot1xFailure::AccessReject, out);
            break;
    }
    return out;
}

Dot1xOutput
Dot1xAuthenticator::OnTimeout(TimeNs now)
{
    Dot1xOutput out;
    for (auto& [sta, session] : m_sessions)
    {
        if (session.pendingRequest.empty() || session.deadline > now)
        {
            continue;
        }
        if (session.retransmissions >= m_config.eapMaxRetransmissions)
        {
            session.pendingRequest.clear();
            Fail(sta, Dot1xFailure::EapTimeout, out);
            continue;
        }
        session.retransmissions++;
        session.deadline = now + m_config.eapRetransmitTimeout;
        m_counters.eapRetransmissions++;
        out.messages.push_back({Dot1xMessage::To::Station, sta, session.pendingRequest});
    }
    for (const auto& event : m_radius.OnTimeout(now))
    {
        auto cookie = m_cookies.find(event.cookie);
        if (cookie == m_cookies.end())
        {
            continue;
        }
        if (event.kind == RadiusClientEvent::Kind::Retransmit)
        {
            out.messages.push_back({Dot1xMessage::To::Server, cookie->second.sta, event.bytes});
        }
        else
        {
            Fail(cookie->second.sta, Dot1xFailure::AaaUnreachable, out);
            m_cookies.erase(cookie);
        }
    }
    return out;
}

std::optional<TimeNs>
Dot1xAuthenticator::NextDeadline() const
{
    std::optional<TimeNs> next = m_radius.NextDeadline();
    for (const auto& [sta, session] : m_sessions)
    {
        if (!session.pendingRequest.empty() && (!next || session.deadline < *next))
        {
            next = session.deadline;
        }
    }
    return next;
}

} // namespace roamsec
