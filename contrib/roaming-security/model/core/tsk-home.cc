/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tsk-home.h"

#include <algorithm>
#include <chrono>

namespace roamsec {

TskHomeService::TskHomeService(DelegationPolicy defaultPolicy, RandomSource& rng, size_t maxRecords)
    : m_default(defaultPolicy)
    , m_rng(rng)
    , m_maxRecords(maxRecords == 0 ? 1 : maxRecords)
{}

void
TskHomeService::SetRealmPolicy(const std::string& visitedRealm, const DelegationPolicy& policy)
{
    m_realmPolicies[visitedRealm] = policy;
}

const DelegationPolicy&
TskHomeService::PolicyFor(const std::string& visitedRealm) const
{
    auto it = m_realmPolicies.find(visitedRealm);
    return it == m_realmPolicies.end() ? m_default : it->second;
}

void
TskHomeService::AddSubscriber(const std::string& identity, const Bytes& k)
{
    m_subscribers[identity] = k;
}

DelegationGrant
TskHomeService::MakeGrant(const std::string& identity, const std::string& realm, const Bytes& rand,
                          const Bytes& tsk, TimeNs now) const
{
    const DelegationPolicy& p = PolicyFor(realm);
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
TskHomeService::FreshRand(const HomeDelegationRecord* avoid)
{
    for (;;)
    {
        Bytes rand = m_rng.Generate(kTskRandLen);
        if (!avoid || (rand != avoid->rand && rand != avoid->pendingRand))
        {
            return rand;
        }
    }
}

std::optional<DelegationGrant>
TskHomeService::Delegate(const std::string& identity, const std::string& visitedRealm, TimeNs now)
{
    auto sub = m_subscribers.find(identity);
    if (sub == m_subscribers.end() || visitedRealm.empty()
        || !PolicyFor(visitedRealm).allowDelegation)
    {
        return std::nullopt;
    }
    auto existing = m_records.find(identity);
    if (existing == m_records.end() && m_records.size() >= m_maxRecords)
    {
        auto oldest = m_records.begin();
        for (auto it = m_records.begin(); it != m_records.end(); ++it)
        {
            if (it->second.issuedAt < oldest->second.issuedAt)
            {
                oldest = it;
            }
        }
        m_records.erase(oldest);
    }
    HomeDelegationRecord rec;
    rec.visitedRealm = visitedRealm;
    rec.rand = FreshRand(existing == m_records.end() ? nullptr : &existing->second);
    rec.tsk = DeriveTsk(sub->second, rec.rand, visitedRealm);
    rec.issuedAt = now;
    m_records[identity] = rec;
    return MakeGrant(identity, visitedRealm, rec.rand, rec.tsk, now);
}

std::optional<DelegationGrant>
TskHomeService::IssueKeyUpdate(const std::string& identity, const std::string& visitedRealm,
                               TimeNs now)
{
    auto sub = m_subscribers.find(identity);
    auto it = m_records.find(identity);
    if (sub == m_subscribers.end() || it == m_records.end()
        || it->second.visitedRealm != visitedRealm)
    {
        return std::nullopt;
    }
    HomeDelegationRecord& rec = it->second;
    const DelegationPolicy& p = PolicyFor(visitedRealm);
    if (!rec.pendingRand.empty())
    {
        return MakeGrant(identity, visitedRealm, rec.pendingRand, rec.pendingTsk, now);
    }
    if (!p.allowDelegation || rec.updates >= p.maxUpdates
        || now - rec.issuedAt < p.minUpdateInterval)
    {
        return std::nullopt;
    }
    rec.pendingRand = FreshRand(&rec);
    rec.pendingTsk = DeriveTsk(sub->second, rec.pendingRand, visitedRealm);
    return MakeGrant(identity, visitedRealm, rec.pendingRand, rec.pendingTsk, now);
}

bool
TskHomeService::OnUpdateReport(const UpdateReport& report, TimeNs now)
{
    auto it = m_records.find(report.identity);
    if (it == m_records.end())
    {
        return false;
    }
    HomeDelegationRecord& rec = it->second;
    if (rec.visitedRealm != report.visitedRealm || rec.pendingRand.empty()
        || report.newRand != rec.pendingRand || report.oldRand != rec.rand)
    {
        return false;
    }
    rec.rand = rec.pendingRand;
    rec.tsk = rec.pendingTsk;
    rec.pendingRand.clear();
    rec.pendingTsk.clear();
    rec.issuedAt = now;
    rec.updates++;
    return true;
}

std::optional<Bytes>
TskHomeService::AnswerHostChallenge(const std::string& identity, const Bytes& rand,
                                    const Bytes& hostChallenge, const Bytes& hostAuth, TimeNs now)
{
    auto sub = m_subscribers.find(identity);
    auto it = m_records.find(identity);
    if (sub == m_subscribers.end() || it == m_records.end() || hostChallenge.size() != kTskNonceLen)
    {
        return std::nullopt;
    }
    const HomeDelegationRecord& rec = it->second;
    const Bytes* tsk = nullptr;
    if (!rand.empty() && rand == rec.rand)
    {
        tsk = &rec.tsk;
    }
    else if (!rand.empty() && rand == rec.pendingRand)
    {
        tsk = &rec.pendingTsk;
    }
    if (!tsk)
    {
        return std::nullopt;
    }
    Bytes expected = ComputeHostAuth(DeriveTskKeys(*tsk).kAuth, hostChallenge, identity);
    if (!ConstantTimeEqual(expected, hostAuth))
    {
        return std::nullopt;
    }
    return ComputeHomeResponse(sub->second, hostChallenge, identity);
}

void
TskHomeService::Revoke(const std::string& identity)
{
    m_records.erase(identity);
}

const HomeDelegationRecord*
TskHomeService::FindRecord(const std::string& identity) const
{
    auto it = m_records.find(identity);
    return it == m_records.end() ? nullptr : &it->second;
}

// ------------------------------------------------------------------ RADIUS carriage

namespace {

Bytes
U32Bytes(uint32_t v)
{
    ByteWriter w;
    w.U32(v);
    return w.Take();
}

std::optional<uint32_t>
GetVendorU32(const RadiusPacket& p, uint8_t type)
{
    auto v = p.FindVendor(RoamsecVsa::VendorId, type);
    if (!v || v->size() != 4)
    {
        return std::nullopt;
    }
    ByteReader r(*v);
    return r.ReadU32();
}

std::optional<Bytes>
GetVendorFixed(const RadiusPacket& p, uint8_t type, size_t len)
{
    auto v = p.FindVendor(RoamsecVsa::VendorId, type);
    if (!v || v->size() != len)
    {
        return std::nullopt;
    }
    return v;
}

} // namespace

void
AddDelegationGrant(RadiusPacket& response, const DelegationGrant& grant, bool isUpdate,
                   const Bytes& secret, const Bytes& requestAuthenticator, TimeNs now,
                   RandomSource& rng)
{
    using namespace RoamsecVsa;
    Bytes saltBytes = rng.Generate(2);
    uint16_t salt = static_cast<uint16_t>((saltBytes[0] << 8) | saltBytes[1]) | 0x8000;
    TimeNs left = grant.expiresAt > now ? grant.expiresAt - now : TimeNs{0};
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(left).count();
    response.AddVendor(VendorId, TskRand, grant.rand);
    response.AddVendor(VendorId, TskKey,
                       EncryptSaltedKey(secret, requestAuthenticator, salt, grant.tsk));
    response.AddVendor(VendorId, TskLifetime,
                       U32Bytes(static_cast<uint32_t>(std::min<int64_t>(seconds, 0xffffffff))));
    response.AddVendor(VendorId, TskMaxUses, U32Bytes(grant.maxUses));
    response.AddVendor(VendorId, TskKind, U32Bytes(isUpdate ? 1 : 0));
    response.AddVendor(VendorId, TskRealm, ToBytes(grant.visitedRealm));
}

std::optional<DelegationGrant>
GetDelegationGrant(const RadiusPacket& response, const std::string& identity, const Bytes& secret,
                   const Bytes& requestAuthenticator, TimeNs now, bool* isUpdate)
{
    using namespace RoamsecVsa;
    auto rand = GetVendorFixed(response, TskRand, kTskRandLen);
    auto hidden = response.FindVendor(VendorId, TskKey);
    auto lifetime = GetVendorU32(response, TskLifetime);
    auto uses = GetVendorU32(response, TskMaxUses);
    auto kind = GetVendorU32(response, TskKind);
    auto realm = response.FindVendor(VendorId, TskRealm);
    if (!rand || !hidden || !lifetime || !uses || !kind || *kind > 1 || !realm || realm->empty())
    {
        return std::nullopt;
    }
    auto tsk = DecryptSaltedKey(secret, requestAuthenticator, *hidden);
    if (!tsk || tsk->size() != kTskLen)
    {
        return std::nullopt;
    }
    DelegationGrant g;
    g.identity = identity;
    g.visitedRealm.assign(realm->begin(), realm->end());
    g.rand = *rand;
    g.tsk = *tsk;
    g.expiresAt = now + std::chrono::seconds(*lifetime);
    g.maxUses = *uses;
    if (isUpdate)
    {
        *isUpdate = *kind == 1;
    }
    return g;
}

void
AddHostChallengeRelay(RadiusPacket& request, const TskHostChallengeRelay& relay)
{
    request.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::HostRand, relay.rand);
    request.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::HostChallenge, relay.hostChallenge);
    request.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::HostAuth, relay.hostAuth);
}

std::optional<TskHostChallengeRelay>
GetHostChallengeRelay(const RadiusPacket& request)
{
    auto rand = GetVendorFixed(request, RoamsecVsa::HostRand, kTskRandLen);
    auto hc = GetVendorFixed(request, RoamsecVsa::HostChallenge, kTskNonceLen);
    auto auth = GetVendorFixed(request, RoamsecVsa::HostAuth, kTskAuthLen);
    if (!rand || !hc || !auth)
    {
        return std::nullopt;
    }
    return TskHostChallengeRelay{*rand, *hc, *auth};
}

void
AddHostResponse(RadiusPacket& response, const Bytes& homeResponse)
{
    response.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::HostResponse, homeResponse);
}

std::optional<Bytes>
GetHostResponse(const RadiusPacket& response)
{
    return GetVendorFixed(response, RoamsecVsa::HostResponse, kTskAuthLen);
}

void
AddUpdateReport(RadiusPacket& request, const UpdateReport& report)
{
    request.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::ReportOldRand, report.oldRand);
    request.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::ReportNewRand, report.newRand);
    request.AddVendor(RoamsecVsa::VendorId, RoamsecVsa::TskRealm, ToBytes(report.visitedRealm));
}

std::optional<UpdateReport>
GetUpdateReport(const RadiusPacket& request, const std::string& identity)
{
    auto oldRand = GetVendorFixed(request, RoamsecVsa::ReportOldRand, kTskRandLen);
    auto newRand = GetVendorFixed(request, RoamsecVsa::ReportNewRand, kTskRandLen);
    auto realm = request.FindVendor(RoamsecVsa::VendorId, RoamsecVsa::TskRealm);
    if (!oldRand || !newRand || !realm || realm->empty())
    {
        return std::nullopt;
    }
    return UpdateReport{identity, std::string(realm->begin(), realm->end()), *oldRand, *newRand};
}

} // namespace roamsec
