/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tsk-home.h"

namespace roamsec {

TskHomeService::TskHomeService (DelegationPolicy defaultPolicy, RandomSource& rng,
                                size_t maxRecords)
    : m_default (defaultPolicy)
    , m_rng (rng)
    , m_maxRecords (maxRecords == 0 ? 1 : maxRecords)
{}

void
TskHomeService::SetRealmPolicy (const std::string& visitedRealm, const DelegationPolicy& policy)
{
    m_realmPolicies[visitedRealm] = policy;
}

const DelegationPolicy&
TskHomeService::PolicyFor (const std::string& visitedRealm) const
{
    auto it = m_realmPolicies.find (visitedRealm);
    return it == m_realmPolicies.end () ? m_default : it->second;
}

void
TskHomeService::AddSubscriber (const std::string& identity, const Bytes& k)
{
    m_subscribers[identity] = k;
}

DelegationGrant
TskHomeService::MakeGrant (const std::string& identity, const std::string& realm, const Bytes& rand,
                           const Bytes& tsk, TimeNs now) const
{
    const DelegationPolicy& p = PolicyFor (realm);
    DelegationGrant g;
    g.identity = identity;
    g.visitedRealm = realm;
    g.rand = rand;
    g.tsk = tsk;
    g.expiresAt = now + p.tskLifetime;
    g.maxUses = p.maxUses;
    return g;
}

Bytes
TskHomeService::FreshRand (const HomeDelegationRecord* avoid)
{
    for (;;)
    {
        Bytes rand = m_rng.Generate (kTskRandLen);
        if (!avoid || (rand != avoid->rand && rand != avoid->pendingRand))
        {
            return rand;
        }
    }
}

std::optional<DelegationGrant>
TskHomeService::Delegate (const std::string& identity, const std::string& visitedRealm, TimeNs now)
{
    auto sub = m_subscribers.find (identity);
    if (sub == m_subscribers.end () || visitedRealm.empty ()
        || !PolicyFor (visitedRealm).allowDelegation)
    {
        return std::nullopt;
    }
    auto existing = m_records.find (identity);
    if (existing == m_records.end () && m_records.size () >= m_maxRecords)
    {
        auto oldest = m_records.begin ();
        for (auto it = m_records.begin (); it != m_records.end (); ++it)
        {
            if (it->second.issuedAt < oldest->second.issuedAt)
            {
                oldest = it;
            }
        }
        m_records.erase (oldest);
    }
    HomeDelegationRecord rec;
    rec.visitedRealm = visitedRealm;
    rec.rand = FreshRand (existing == m_records.end () ? nullptr : &existing->second);
    rec.tsk = DeriveTsk (sub->second, rec.rand, visitedRealm);
    rec.issuedAt = now;
    m_records[identity] = rec;
    return MakeGrant (identity, visitedRealm, rec.rand, rec.tsk, now);
}

std::optional<DelegationGrant>
TskHomeService::IssueKeyUpdate (const std::string& identity, const std::string& visitedRealm,
                                TimeNs now)
{
    auto sub = m_subscribers.find (identity);
    auto it = m_records.find (identity);
    if (sub == m_subscribers.end () || it == m_records.end ()
        || it->second.visitedRealm != visitedRealm)
    {
        return std::nullopt;
    }
    HomeDelegationRecord& rec = it->second;
    const DelegationPolicy& p = PolicyFor (visitedRealm);
    if (!rec.pendingRand.empty ())
    {
        return MakeGrant (identity, visitedRealm, rec.pendingRand, rec.pendingTsk, now);
    }
    if (!p.allowDelegation || rec.updates >= p.maxUpdates
        || now - rec.issuedAt < p.minUpdateInterval)
    {
        return std::nullopt;
    }
    rec.pendingRand = FreshRand (&rec);
    rec.pendingTsk = DeriveTsk (sub->second, rec.pendingRand, visitedRealm);
    return MakeGrant (identity, visitedRealm, rec.pendingRand, rec.pendingTsk, now);
}

bool
TskHomeService::OnUpdateReport (const UpdateReport& report, TimeNs now)
{
    auto it = m_records.find (report.identity);
    if (it == m_records.end ())
    {
        return false;
    }
    HomeDelegationRecord& rec = it->second;
    if (rec.visitedRealm != report.visitedRealm || rec.pendingRand.empty ()
        || report.newRand != rec.pendingRand || report.oldRand != rec.rand)
    {
        return false;
    }
    rec.rand = rec.pendingRand;
    rec.tsk = rec.pendingTsk;
    rec.pendingRand.clear ();
    rec.pendingTsk.clear ();
    rec.issuedAt = now;
    rec.updates++;
    return true;
}

std::optional<Bytes>
TskHomeService::AnswerHostChallenge (const std::string& identity, const Bytes& rand,
                                     const Bytes& hostChallenge, const Bytes& hostAuth, TimeNs now)
{
    auto sub = m_subscribers.find (identity);
    auto it = m_records.find (identity);
    if (sub == m_subscribers.end () || it == m_records.end ()
        || hostChallenge.size () != kTskNonceLen)
    {
        return std::nullopt;
    }
    const HomeDelegationRecord& rec = it->second;
    const Bytes* tsk = nullptr;
    if (!rand.empty () && rand == rec.rand)
    {
        tsk = &rec.tsk;
    }
    else if (!rand.empty () && rand == rec.pendingRand)
    {
        tsk = &rec.pendingTsk;
    }
    if (!tsk)
    {
        return std::nullopt;
    }
    Bytes expected = ComputeHostAuth (DeriveTskKeys (*tsk).kAuth, hostChallenge, identity);
    if (!ConstantTimeEqual (expected, hostAuth))
    {
        return std::nullopt;
    }
    return ComputeHomeResponse (sub->second, hostChallenge, identity);
}

void
TskHomeService::Revoke (const std::string& identity)
{
    m_records.erase (identity);
}

const HomeDelegationRecord*
TskHomeService::FindRecord (const std::string& identity) const
{
    auto it = m_records.find (identity);
    return it == m_records.end () ? nullptr : &it->second;
}

} // namespace roamsec
