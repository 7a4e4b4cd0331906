/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-server.h"

#include <stdexcept>

namespace roamsec {

const char*
ToString(RadiusServerDiscard d)
{
    switch (d)
    {
        case RadiusServerDiscard::None:
            return "none";
        case RadiusServerDiscard::UnknownClient:
            return "unknown-client";
        case RadiusServerDiscard::Malformed:
            return "malformed";
        case RadiusServerDiscard::NotARequest:
            return "not-a-request";
        case RadiusServerDiscard::MissingMessageAuthenticator:
            return "missing-message-authenticator";
        case RadiusServerDiscard::BadMessageAuthenticator:
            return "bad-message-authenticator";
    }
    return "?";
}

RadiusServer::RadiusServer(RadiusServerConfig config)
    : m_config(config)
{}

void
RadiusServer::AddClient(const std::string& client, const Bytes& secret)
{
    m_clients[client].secret = secret;
}

const Bytes*
RadiusServer::GetSecret(const std::string& client) const
{
    auto it = m_clients.find(client);
    return it == m_clients.end() ? nullptr : &it->second.secret;
}

RadiusServerReceiveResult
RadiusServer::Receive(const std::string& client, const Bytes& datagram, TimeNs now)
{
    RadiusServerReceiveResult result;
    auto discard = [&result](RadiusServerDiscard d, uint64_t& counter)
    {
        ++counter;
        result.kind = RadiusServerReceiveResult::Kind::Discard;
        result.discard = d;
        return result;
    };
    auto it = m_clients.find(client);
    if (it == m_clients.end())
    {
        return discard(RadiusServerDiscard::UnknownClient, m_counters.unknownClient);
    }
    Client& c = it->second;
    auto packet = RadiusPacket::Parse(datagram);
    if (!packet)
    {
        return discard(RadiusServerDiscard::Malformed, m_counters.malformed);
    }
    if (packet->code != RadiusCode::AccessRequest)
    {
        return discard(RadiusServerDiscard::NotARequest, m_counters.notARequest);
    }
    // The Message-Authenticator is checked before anything else looks at the
    // content, duplicate detection included (RFC 3579 section 3.2).
    switch (VerifyRadiusRequest(datagram, c.secret))
    {
        case RadiusAuthResult::Ok:
            break;
        case RadiusAuthResult::MissingMessageAuthenticator:
            return discard(RadiusServerDiscard::MissingMessageAuthenticator,
                           m_counters.missingMessageAuthenticator);
        case RadiusAuthResult::BadMessageAuthenticator:
        case RadiusAuthResult::BadResponseAuthenticator:
            return discard(RadiusServerDiscard::BadMessageAuthenticator,
                           m_counters.badMessageAuthenticator);
        case RadiusAuthResult::Malformed:
            return discard(RadiusServerDiscard::Malformed, m_counters.malformed);
    }
    if (m_config.requireMessageAuthenticator && !packet->Has(RadiusAttr::MessageAuthenticator))
    {
        return discard(RadiusServerDiscard::MissingMessageAuthenticator,
                       m_counters.missingMessageAuthenticator);
    }

    auto& slot = c.cache[packet->identifier];
    if (slot && slot->requestAuthenticator == packet->authenticator
        && now - slot->received <= m_config.duplicateWindow)
    {
        result.kind = RadiusServerReceiveResult::Kind::Duplicate;
        result.cachedResponse = slot->response;
        if (slot->response.empty())
        {
            ++m_counters.duplicatesInProgress;
        }
        else
        {
            ++m_counters.duplicatesReplayed;
        }
        return result;
    }
    // A new authenticator under the same identifier is a new request and
    // replaces the entry (the client reused the identifier).
    slot = Entry{packet->authenticator, now, {}};
    ++m_counters.requests;
    result.kind = RadiusServerReceiveResult::Kind::NewRequest;
    result.request = std::move(packet);
    return result;
}

Bytes
RadiusServer::Respond(const std::string& client, const RadiusPacket& request, RadiusPacket response,
                      TimeNs now)
{
    auto it = m_clients.find(client);
    if (it == m_clients.end())
    {
        throw std::invalid_argument("RadiusServer::Respond: unknown client");
    }
    if (response.code == RadiusCode::AccessRequest)
    {
        throw std::invalid_argument("RadiusServer::Respond: response code required");
    }
    response.identifier = request.identifier;
    response.Remove(RadiusAttr::ProxyState);
    for (const auto& a : request.attributes)
    {
        if (a.type == RadiusAttr::ProxyState)
        {
            response.attributes.push_back(a);
        }
    }
    Bytes bytes = EncodeRadiusResponse(response, request.authenticator, it->second.secret, true);
    auto& slot = it->second.cache[request.identifier];
    if (slot && slot->requestAuthenticator == request.authenticator)
    {
        slot->response = bytes;
    }
    else
    {
        slot = Entry{request.authenticator, now, bytes};
    }
    ++m_counters.responses;
    return bytes;
}

void
RadiusServer::Forget(const std::string& client, const RadiusPacket& request)
{
    auto it = m_clients.find(client);
    if (it == m_clients.end())
    {
        return;
    }
    auto& slot = it->second.cache[request.identifier];
    if (slot && slot->requestAuthenticator == request.authenticator)
    {
        slot.reset();
    }
}

} // namespace roamsec
