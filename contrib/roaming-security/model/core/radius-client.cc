/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-client.h"

#include "roamsec-crypto.h"

#include <stdexcept>

namespace roamsec {

const char*
ToString(RadiusClientDiscard d)
{
    switch (d)
    {
        case RadiusClientDiscard::None:
            return "none";
        case RadiusClientDiscard::Malformed:
            return "malformed";
        case RadiusClientDiscard::NotAResponse:
            return "not-a-response";
        case RadiusClientDiscard::UnknownIdentifier:
            return "unknown-identifier";
        case RadiusClientDiscard::MissingMessageAuthenticator:
            return "missing-message-authenticator";
        case RadiusClientDiscard::BadMessageAuthenticator:
            return "bad-message-authenticator";
        case RadiusClientDiscard::BadResponseAuthenticator:
            return "bad-response-authenticator";
    }
    return "?";
}

RadiusClient::RadiusClient(Bytes secret, RandomSource& rng, RadiusClientConfig config)
    : m_secret(std::move(secret))
    , m_rng(rng)
    , m_config(config)
{
    // A random first identifier makes collisions with a previous incarnation
    // of this client (same source port) unlikely.
    m_nextId = m_rng.Generate(1)[0];
}

std::optional<RadiusClient::Sent>
RadiusClient::SendRequest(RadiusPacket request, TimeNs now, uint64_t cookie)
{
    if (request.code != RadiusCode::AccessRequest)
    {
        throw std::invalid_argument("RadiusClient sends Access-Requests only");
    }
    if (m_outstanding >= m_pending.size())
    {
        return std::nullopt;
    }
    // Next free identifier after the last one used, so that a just-answered
    // identifier is not reused at once (late duplicates of its response).
    uint8_t id = m_nextId;
    while (m_pending[id])
    {
        ++id;
    }
    m_nextId = static_cast<uint8_t>(id + 1);

    request.identifier = id;
    request.authenticator = m_rng.Generate(kRadiusAuthenticatorLength);
    for (auto& a : request.attributes)
    {
        if (a.type == RadiusAttr::UserPassword)
        {
            a.value = EncryptUserPassword(m_secret, request.authenticator, a.value);
        }
    }
    Pending p;
    p.bytes = EncodeRadiusRequest(request, m_secret, true);
    p.requestAuthenticator = request.authenticator;
    p.cookie = cookie;
    p.deadline = now + m_config.timeout;
    Sent sent{id, p.requestAuthenticator, p.bytes};
    m_pending[id] = std::move(p);
    ++m_outstanding;
    ++m_counters.requests;
    return sent;
}

RadiusClientReceiveResult
RadiusClient::Receive(const Bytes& datagram, TimeNs now)
{
    return Receive(datagram.data(), datagram.size(), now);
}

RadiusClientReceiveResult
RadiusClient::Receive(const uint8_t* data, size_t len, TimeNs now)
{
    RadiusClientReceiveResult result;
    auto discard = [&result](RadiusClientDiscard d, uint64_t& counter)
    {
        ++counter;
        result.discard = d;
        return result;
    };
    auto packet = RadiusPacket::Parse(data, len);
    if (!packet)
    {
        return discard(RadiusClientDiscard::Malformed, m_counters.malformed);
    }
    if (packet->code == RadiusCode::AccessRequest)
    {
        return discard(RadiusClientDiscard::NotAResponse, m_counters.notAResponse);
    }
    auto& slot = m_pending[packet->identifier];
    if (!slot)
    {
        return discard(RadiusClientDiscard::UnknownIdentifier, m_counters.unknownIdentifier);
    }
    Bytes raw(data, data + len);
    switch (VerifyRadiusResponse(raw, slot->requestAuthenticator, m_secret))
    {
        case RadiusAuthResult::Ok:
            break;
        case RadiusAuthResult::Malformed:
            return discard(RadiusClientDiscard::Malformed, m_counters.malformed);
        case RadiusAuthResult::MissingMessageAuthenticator:
            return discard(RadiusClientDiscard::MissingMessageAuthenticator,
                           m_counters.missingMessageAuthenticator);
        case RadiusAuthResult::BadMessageAuthenticator:
            return discard(RadiusClientDiscard::BadMessageAuthenticator,
                           m_counters.badMessageAuthenticator);
        case RadiusAuthResult::BadResponseAuthenticator:
            return discard(RadiusClientDiscard::BadResponseAuthenticator,
                           m_counters.badResponseAuthenticator);
    }
    RadiusClientResponse r;
    r.identifier = packet->identifier;
    r.cookie = slot->cookie;
    r.requestAuthenticator = slot->requestAuthenticator;
    r.retransmissions = slot->retransmissions;
    r.response = std::move(*packet);
    slot.reset();
    --m_outstanding;
    ++m_counters.responses;
    result.response = std::move(r);
    return result;
}

std::vector<RadiusClientEvent>
RadiusClient::OnTimeout(TimeNs now)
{
    std::vector<RadiusClientEvent> events;
    for (size_t id = 0; id < m_pending.size(); ++id)
    {
        auto& slot = m_pending[id];
        if (!slot || slot->deadline > now)
        {
            continue;
        }
        RadiusClientEvent ev;
        ev.identifier = static_cast<uint8_t>(id);
        ev.cookie = slot->cookie;
        if (slot->retransmissions >= m_config.maxRetries)
        {
            ev.kind = RadiusClientEvent::Kind::GiveUp;
            slot.reset();
            --m_outstanding;
            ++m_counters.giveUps;
        }
        else
        {
            // Same identifier and Request Authenticator: the server's duplicate
            // detection then answers from its cache (RFC 5080 section 2.2.1).
            ev.kind = RadiusClientEvent::Kind::Retransmit;
            ev.bytes = slot->bytes;
            ++slot->retransmissions;
            slot->deadline = now + m_config.timeout;
            ++m_counters.retransmissions;
        }
        events.push_back(std::move(ev));
    }
    return events;
}

std::optional<TimeNs>
RadiusClient::NextDeadline() const
{
    std::optional<TimeNs> next;
    for (const auto& slot : m_pending)
    {
        if (slot && (!next || slot->deadline < *next))
        {
            next = slot->deadline;
        }
    }
    return next;
}

bool
RadiusClient::Cancel(uint8_t identifier)
{
    if (!m_pending[identifier])
    {
        return false;
    }
    m_pending[identifier].reset();
    --m_outstanding;
    return true;
}

} // namespace roamsec
