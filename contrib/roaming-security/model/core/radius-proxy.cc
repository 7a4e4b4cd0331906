/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-proxy.h"

#include "roamsec-crypto.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace roamsec {

// ---------------------------------------------------------------------------
// RadiusRealmTable
// ---------------------------------------------------------------------------

namespace {

std::string
Lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

void
RadiusRealmTable::AddRoute(const std::string& realm, const std::string& hop)
{
    m_routes[Lower(realm)] = hop;
}

void
RadiusRealmTable::SetDefaultRoute(const std::string& hop)
{
    m_default = hop;
}

std::string
RadiusRealmTable::RealmOf(const std::string& nai)
{
    auto at = nai.rfind('@');
    if (at == std::string::npos)
    {
        return {};
    }
    return Lower(nai.substr(at + 1));
}

std::optional<std::string>
RadiusRealmTable::Lookup(const std::string& userName) const
{
    // Longest suffix first: "a.b.example.org", "b.example.org", "example.org", "org".
    std::string realm = RealmOf(userName);
    while (!realm.empty())
    {
        auto it = m_routes.find(realm);
        if (it != m_routes.end())
        {
            return it->second;
        }
        auto dot = realm.find('.');
        if (dot == std::string::npos)
        {
            break;
        }
        realm = realm.substr(dot + 1);
    }
    return m_default;
}

// ---------------------------------------------------------------------------
// RadiusProxy
// ---------------------------------------------------------------------------

RadiusProxy::RadiusProxy(RandomSource& rng, RadiusProxyConfig config)
    : m_rng(rng)
    , m_config(config)
    , m_downstream(config.downstream)
{}

void
RadiusProxy::AddNas(const std::string& nas, const Bytes& secret)
{
    m_downstream.AddClient(nas, secret);
}

void
RadiusProxy::AddHome(const std::string& home, const Bytes& secret)
{
    m_homes[home] = std::make_unique<RadiusClient>(secret, m_rng, m_config.upstream);
}

const RadiusClient*
RadiusProxy::Upstream(const std::string& home) const
{
    auto it = m_homes.find(home);
    return it == m_homes.end() ? nullptr : it->second.get();
}

Bytes
RadiusProxy::Reject(const std::string& nas, const RadiusPacket& request, TimeNs now)
{
    RadiusPacket reject;
    reject.code = RadiusCode::AccessReject;
    // RFC 3579 section 2.6.3: an Access-Reject answering EAP carries EAP-Failure.
    auto eap = request.GetEapMessage();
    if (eap && eap->size() >= 2)
    {
        reject.SetEapMessage(Bytes{4, (*eap)[1], 0, 4});
    }
    try
    {
        return m_downstream.Respond(nas, request, reject, now);
    }
    catch (const std::length_error&)
    {
        ++m_counters.oversize;
        m_downstream.Forget(nas, request);
        return {};
    }
}

std::optional<RadiusProxyOutput>
RadiusProxy::ReceiveFromNas(const std::string& nas, const Bytes& datagram, TimeNs now)
{
    auto in = m_downstream.Receive(nas, datagram, now);
    switch (in.kind)
    {
        case RadiusServerReceiveResult::Kind::Discard:
            ++m_counters.discardedFromNas;
            return std::nullopt;
        case RadiusServerReceiveResult::Kind::Duplicate:
            ++m_counters.duplicatesFromNas;
            if (in.cachedResponse.empty())
            {
                // Still waiting for the home server, which our client retransmits to.
                return std::nullopt;
            }
            return RadiusProxyOutput{RadiusProxyOutput::Direction::ToNas, nas, in.cachedResponse};
        case RadiusServerReceiveResult::Kind::NewRequest:
            break;
    }
    const RadiusPacket& request = *in.request;
    const Bytes& nasSecret = *m_downstream.GetSecret(nas);

    auto userName = request.GetString(RadiusAttr::UserName);
    std::optional<std::string> hop;
    if (userName)
    {
        hop = m_routes.Lookup(*userName);
    }
    auto home = hop ? m_homes.find(*hop) : m_homes.end();
    if (home == m_homes.end())
    {
        ++m_counters.noRoute;
        Bytes reject = Reject(nas, request, now);
        if (reject.empty())
        {
            return std::nullopt;
        }
        return RadiusProxyOutput{RadiusProxyOutput::Direction::ToNas, nas, reject};
    }

    RadiusPacket fwd = request;
    fwd.Remove(RadiusAttr::MessageAuthenticator);
    for (auto& a : fwd.attributes)
    {
        if (a.type == RadiusAttr::UserPassword)
        {
            // Hidden with the NAS hop's secret; the client re-hides it for the next hop.
            auto plain = DecryptUserPassword(nasSecret, request.authenticator, a.value);
            if (!plain)
            {
                m_downstream.Forget(nas, request);
                ++m_counters.discardedFromNas;
                return std::nullopt;
            }
            a.value = *plain;
        }
    }
    uint64_t cookie = m_nextCookie++;
    ByteWriter ps;
    ps.Append(m_rng.Generate(4)).U32(static_cast<uint32_t>(cookie));
    Bytes proxyState = ps.Take();
    fwd.Add(RadiusAttr::ProxyState, proxyState);

    std::optional<RadiusClient::Sent> sent;
    try
    {
        sent = home->second->SendRequest(fwd, now, cookie);
    }
    catch (const std::length_error&)
    {
        // Our Proxy-State would take it past 4096 octets.
        m_downstream.Forget(nas, request);
        ++m_counters.oversize;
        return std::nullopt;
    }
    if (!sent)
    {
        // 256 requests outstanding to that home: let the NAS retransmit later.
        m_downstream.Forget(nas, request);
        ++m_counters.discardedFromNas;
        return std::nullopt;
    }
    m_forwarded[cookie] = Forwarded{nas, home->first, request, proxyState};
    ++m_counters.forwarded;
    return RadiusProxyOutput{RadiusProxyOutput::Direction::ToHome, home->first, sent->bytes};
}

std::optional<RadiusProxyOutput>
RadiusProxy::ReceiveFromHome(const std::string& home, const Bytes& datagram, TimeNs now)
{
    auto h = m_homes.find(home);
    if (h == m_homes.end())
    {
        ++m_counters.discardedFromHome;
        return std::nullopt;
    }
    auto in = h->second->Receive(datagram, now);
    if (!in.response)
    {
        ++m_counters.discardedFromHome;
        return std::nullopt;
    }
    auto f = m_forwarded.find(in.response->cookie);
    if (f == m_forwarded.end())
    {
        ++m_counters.discardedFromHome;
        return std::nullopt;
    }
    Forwarded fw = std::move(f->second);
    m_forwarded.erase(f);
    RadiusPacket resp = std::move(in.response->response);

    // RFC 2865 5.33: our Proxy-State is the last one; remove it before relaying.
    auto last
        = std::find_if(resp.attributes.rbegin(), resp.attributes.rend(),
                       [](const RadiusAttribute& a) { return a.type == RadiusAttr::ProxyState; });
    if (last == resp.attributes.rend() || last->value != fw.proxyState)
    {
        ++m_counters.badProxyState;
        m_downstream.Forget(fw.nas, fw.original);
        return std::nullopt;
    }
    resp.attributes.erase(std::next(last).base());
    if (m_homeResponseHook)
    {
        m_homeResponseHook(fw.original, resp, in.response->requestAuthenticator,
                           h->second->GetSecret());
    }

    bool hasMppe = resp.FindVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey)
                   || resp.FindVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey);
    if (hasMppe)
    {
        auto keys = GetMppeKeys(resp, h->second->GetSecret(), in.response->requestAuthenticator);
        if (!keys)
        {
            ++m_counters.badMppeKeys;
            m_downstream.Forget(fw.nas, fw.original);
            return std::nullopt;
        }
        AddMppeKeys(resp, *m_downstream.GetSecret(fw.nas), fw.original.authenticator, keys->sendKey,
                    keys->recvKey, m_rng);
    }
    resp.Remove(RadiusAttr::MessageAuthenticator);
    Bytes out;
    try
    {
        out = m_downstream.Respond(fw.nas, fw.original, resp, now);
    }
    catch (const std::length_error&)
    {
        // The added Message-Authenticator would take it past 4096 octets.
        ++m_counters.oversize;
        m_downstream.Forget(fw.nas, fw.original);
        return std::nullopt;
    }
    ++m_counters.repliesRelayed;
    return RadiusProxyOutput{RadiusProxyOutput::Direction::ToNas, fw.nas, out};
}

std::vector<RadiusProxyOutput>
RadiusProxy::OnTimeout(TimeNs now)
{
    std::vector<RadiusProxyOutput> out;
    for (auto& [name, client] : m_homes)
    {
        for (auto& ev : client->OnTimeout(now))
        {
            if (ev.kind == RadiusClientEvent::Kind::Retransmit)
            {
                out.push_back({RadiusProxyOutput::Direction::ToHome, name, std::move(ev.bytes)});
                continue;
            }
            ++m_counters.homeGiveUps;
            auto f = m_forwarded.find(ev.cookie);
            if (f != m_forwarded.end())
            {
                // No reply to the NAS (RFC 2865 2.3); its retransmission starts afresh.
                m_downstream.Forget(f->second.nas, f->second.original);
                m_forwarded.erase(f);
            }
        }
    }
    return out;
}

std::optional<TimeNs>
RadiusProxy::NextDeadline() const
{
    std::optional<TimeNs> next;
    for (const auto& [name, client] : m_homes)
    {
        auto d = client->NextDeadline();
        if (d && (!next || *d < *next))
        {
            next = d;
        }
    }
    return next;
}

} // namespace roamsec
