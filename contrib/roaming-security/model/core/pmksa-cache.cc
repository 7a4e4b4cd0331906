/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "pmksa-cache.h"

#include "rsn-keys.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

PmksaCache::PmksaCache(size_t capacity)
    : m_capacity(capacity)
{
    if (capacity == 0)
    {
        throw std::invalid_argument("PMKSA cache capacity must be at least 1");
    }
}

PmksaCache::List::iterator
PmksaCache::Touch(List::iterator it)
{
    m_entries.splice(m_entries.begin(), m_entries, it);
    return m_entries.begin();
}

const PmksaEntry&
PmksaCache::Add(const Bytes& pmk, const MacAddr& aa, const MacAddr& spa, TimeNs lifetime,
                TimeNs now, uint32_t akmp)
{
    if (pmk.size() != kPmkLen)
    {
        throw std::invalid_argument("PMK must be 32 octets");
    }
    m_entries.remove_if([&](const PmksaEntry& e) { return e.aa == aa && e.spa == spa; });
    RemoveExpired(now);
    while (m_entries.size() >= m_capacity)
    {
        m_entries.pop_back();
        ++m_counters.evictions;
    }
    PmksaEntry e;
    e.pmk = pmk;
    e.pmkid = ComputePmkid(pmk, aa, spa);
    e.aa = aa;
    e.spa = spa;
    e.expiry = now + lifetime;
    e.akmp = akmp;
    m_entries.push_front(std::move(e));
    return m_entries.front();
}

const PmksaEntry*
PmksaCache::Find(const MacAddr& aa, const MacAddr& spa, const std::vector<Bytes>& pmkids,
                 TimeNs now)
{
    RemoveExpired(now);
    for (const Bytes& id : pmkids)
    {
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        {
            if (it->aa == aa && it->spa == spa && it->pmkid.size() == id.size()
                && ConstantTimeEqual(it->pmkid, id))
            {
                ++m_counters.hits;
                return &*Touch(it);
            }
        }
    }
    ++m_counters.misses;
    return nullptr;
}

const PmksaEntry*
PmksaCache::FindByAddresses(const MacAddr& aa, const MacAddr& spa, TimeNs now)
{
    RemoveExpired(now);
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
    {
        if (it->aa == aa && it->spa == spa)
        {
            ++m_counters.hits;
            return &*Touch(it);
        }
    }
    ++m_counters.misses;
    return nullptr;
}

bool
PmksaCache::Remove(const MacAddr& aa, const MacAddr& spa, const Bytes& pmkid)
{
    size_t before = m_entries.size();
    m_entries.remove_if([&](const PmksaEntry& e)
                        { return e.aa == aa && e.spa == spa && e.pmkid == pmkid; });
    return m_entries.size() != before;
}

size_t
PmksaCache::RemovePeer(const MacAddr& peer)
{
    size_t before = m_entries.size();
    m_entries.remove_if([&](const PmksaEntry& e) { return e.aa == peer || e.spa == peer; });
    return before - m_entries.size();
}

size_t
PmksaCache::RemoveExpired(TimeNs now)
{
    size_t before = m_entries.size();
    m_entries.remove_if([&](const PmksaEntry& e) { return e.expiry <= now; });
    size_t n = before - m_entries.size();
    m_counters.expirations += n;
    return n;
}

// ------------------------------------------------------------------ pre-authentication

namespace {

std::optional<TimeNs>
Earliest(const std::map<MacAddr, TimeNs>& sessions)
{
    std::optional<TimeNs> best;
    for (const auto& [peer, deadline] : sessions)
    {
        if (!best || deadline < *best)
        {
            best = deadline;
        }
    }
    return best;
}

size_t
Expire(std::map<MacAddr, TimeNs>& sessions, TimeNs now)
{
    size_t n = 0;
    for (auto it = sessions.begin(); it != sessions.end();)
    {
        if (it->second <= now)
        {
            it = sessions.erase(it);
            ++n;
        }
        else
        {
            ++it;
        }
    }
    return n;
}

} // namespace

PreauthSupplicant::PreauthSupplicant(PmksaCache& cache, const MacAddr& spa, TimeNs pmkLifetime,
                                     TimeNs exchangeTimeout, size_t maxSessions)
    : m_cache(cache)
    , m_spa(spa)
    , m_lifetime(pmkLifetime)
    , m_timeout(exchangeTimeout)
    , m_max(maxSessions)
{}

Bytes
PreauthSupplicant::Start(const MacAddr& targetAa, TimeNs now)
{
    Expire(m_sessions, now);
    if (m_sessions.count(targetAa) != 0 || m_sessions.size() >= m_max)
    {
        return {};
    }
    m_sessions[targetAa] = now + m_timeout;
    EapolFrame start;
    start.version = 2;
    start.type = static_cast<uint8_t>(EapolType::Start);
    return EncodeEapol(start);
}

bool
PreauthSupplicant::InProgress(const MacAddr& targetAa) const
{
    return m_sessions.count(targetAa) != 0;
}

const PmksaEntry*
PreauthSupplicant::OnEapSuccess(const MacAddr& targetAa, const Bytes& msk, TimeNs now)
{
    auto it = m_sessions.find(targetAa);
    if (it == m_sessions.end() || it->second <= now)
    {
        if (it != m_sessions.end())
        {
            m_sessions.erase(it);
        }
        return nullptr;
    }
    m_sessions.erase(it);
    return &m_cache.Add(PmkFromMsk(msk), targetAa, m_spa, m_lifetime, now);
}

void
PreauthSupplicant::OnEapFailure(const MacAddr& targetAa)
{
    m_sessions.erase(targetAa);
}

size_t
PreauthSupplicant::OnTimeout(TimeNs now)
{
    return Expire(m_sessions, now);
}

std::optional<TimeNs>
PreauthSupplicant::NextDeadline() const
{
    return Earliest(m_sessions);
}

PreauthAuthenticator::PreauthAuthenticator(PmksaCache& cache, const MacAddr& aa, TimeNs pmkLifetime,
                                           TimeNs exchangeTimeout, size_t maxSessions)
    : m_cache(cache)
    , m_aa(aa)
    , m_lifetime(pmkLifetime)
    , m_timeout(exchangeTimeout)
    , m_max(maxSessions)
{}

PreauthAuthenticator::Verdict
PreauthAuthenticator::Receive(const MacAddr& spa, const Bytes& eapolPdu, TimeNs now)
{
    Expire(m_sessions, now);
    EapolFrame f;
    try
    {
        f = DecodeEapol(eapolPdu);
    }
    catch (const ParseError&)
    {
        ++m_dropped;
        return Verdict::Drop;
    }
    switch (static_cast<EapolType>(f.type))
    {
        case EapolType::Start:
            if (m_sessions.count(spa) == 0 && m_sessions.size() >= m_max)
            {
                ++m_dropped;
                return Verdict::Drop;
            }
            m_sessions[spa] = now + m_timeout; // a new Start restarts the exchange
            return Verdict::StartSession;
        case EapolType::EapPacket:
            if (m_sessions.count(spa) == 0)
            {
                ++m_dropped;
                return Verdict::Drop;
            }
            return Verdict::EapPacket;
        case EapolType::Logoff:
            m_sessions.erase(spa);
            return Verdict::Logoff;
        default:
            // EAPOL-Key and others are never valid over the pre-authentication EtherType.
            ++m_dropped;
            return Verdict::Drop;
    }
}

const PmksaEntry*
PreauthAuthenticator::OnEapSuccess(const MacAddr& spa, const Bytes& msk, TimeNs now)
{
    auto it = m_sessions.find(spa);
    if (it == m_sessions.end() || it->second <= now)
    {
        if (it != m_sessions.end())
        {
            m_sessions.erase(it);
        }
        return nullptr;
    }
    m_sessions.erase(it);
    return &m_cache.Add(PmkFromMsk(msk), m_aa, spa, m_lifetime, now);
}

void
PreauthAuthenticator::OnEapFailure(const MacAddr& spa)
{
    m_sessions.erase(spa);
}

size_t
PreauthAuthenticator::OnTimeout(TimeNs now)
{
    return Expire(m_sessions, now);
}

std::optional<TimeNs>
PreauthAuthenticator::NextDeadline() const
{
    return Earliest(m_sessions);
}

} // namespace roamsec
