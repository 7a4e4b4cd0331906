/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "aka.h"

#include "milenage.h"
#include "subscriber-db.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

namespace {

constexpr uint64_t kSqnMask = (uint64_t{1} << 48) - 1;
constexpr unsigned kMaxIndBits = 16; // 65536 slots: far above Annex C's example of 5

void
CheckPolicy(const SqnPolicy& policy)
{
    if (policy.indBits > kMaxIndBits)
    {
        throw std::invalid_argument("SqnPolicy: indBits must be at most 16");
    }
}

Bytes
SqnBytes(uint64_t sqn)
{
    return ByteWriter().U48(sqn & kSqnMask).Take();
}

uint64_t
SqnValue(const Bytes& b)
{
    return ByteReader(b).ReadU48();
}

Bytes
AmfBytes(uint16_t amf)
{
    return ByteWriter().U16(amf).Take();
}

uint64_t
IndMask(const SqnPolicy& p)
{
    return (uint64_t{1} << p.indBits) - 1;
}

uint64_t
MaxSeq(const SqnPolicy& p)
{
    return kSqnMask >> p.indBits;
}

} // namespace

// ---------------------------------------------------------------------------
// AuthenticationCentre

AuthenticationCentre::AuthenticationCentre(SubscriberDatabase& db, RandomSource& rng,
                                           SqnPolicy policy)
    : m_db(db)
    , m_rng(rng)
    , m_policy(policy)
{
    CheckPolicy(m_policy);
}

std::optional<AuthVector>
AuthenticationCentre::GenerateVector(const std::string& imsi)
{
    const SubscriberRecord* rec = m_db.Find(imsi);
    if (rec == nullptr)
    {
        return std::nullopt;
    }
    // Annex C.3.2 leaves the IND choice to the operator: cycle through the slots
    // so that vectors held by different serving nodes do not invalidate each other.
    const uint64_t nextInd = ((rec->sqn & IndMask(m_policy)) + 1) & IndMask(m_policy);
    return GenerateVectorForInd(imsi, static_cast<unsigned>(nextInd));
}

std::optional<AuthVector>
AuthenticationCentre::GenerateVectorForInd(const std::string& imsi, unsigned ind)
{
    if (ind > IndMask(m_policy))
    {
        throw std::invalid_argument("GenerateVectorForInd: IND out of range");
    }
    SubscriberRecord* rec = m_db.Find(imsi);
    if (rec == nullptr || rec->simType != SimType::Usim)
    {
        return std::nullopt; // a GSM SIM cannot check AUTN: only triplets
    }
    const uint64_t seq = ((rec->sqn & kSqnMask) >> m_policy.indBits) + 1;
    if (seq > MaxSeq(m_policy))
    {
        return std::nullopt; // SEQ exhausted: the subscriber needs a new K
    }
    const uint64_t sqn = (seq << m_policy.indBits) | ind;
    // Stored (and, with a journal, reserved durably) before the vector exists: a vector
    // whose SQN could be issued again after a crash never leaves the AuC.
    m_db.SetSqn(imsi, sqn);

    AuthVector v;
    v.rand = m_rng.Generate(16);
    const Milenage m(rec->k, rec->opc);
    const Bytes amf = AmfBytes(rec->amf);
    const Bytes sqnBytes = SqnBytes(sqn);
    const Milenage::Outputs o = m.F2345(v.rand);
    Bytes concealed = sqnBytes;
    XorInto(concealed, o.ak);
    v.autn = Concat({concealed, amf, m.F1(v.rand, sqnBytes, amf)});
    v.xres = o.res;
    v.ck = o.ck;
    v.ik = o.ik;
    return v;
}

std::optional<GsmTriplet>
AuthenticationCentre::GenerateTriplet(const std::string& imsi)
{
    const SubscriberRecord* rec = m_db.Find(imsi);
    if (rec == nullptr)
    {
        return std::nullopt;
    }
    GsmTriplet t;
    t.rand = m_rng.Generate(16);
    // GSM-MILENAGE with SRES derivation #1 is exactly c2/c3 over f2/f3/f4 (TS 55.205 4,
    // TS 33.102 6.8.1.2), so SIM and USIM subscribers get the same triplet.
    const GsmMilenageResult r = GsmMilenage(rec->k, rec->opc, t.rand);
    t.sres = r.sres;
    t.kc = r.kc;
    return t;
}

AuthenticationCentre::ResyncResult
AuthenticationCentre::Resynchronise(const std::string& imsi, const Bytes& rand, const Bytes& auts)
{
    SubscriberRecord* rec = m_db.Find(imsi);
    if (rec == nullptr || rec->simType != SimType::Usim)
    {
        return ResyncResult::UnknownSubscriber;
    }
    if (rand.size() != 16 || auts.size() != 14)
    {
        return ResyncResult::MacFailure;
    }
    const Milenage m(rec->k, rec->opc);
    Bytes sqnMsBytes(auts.begin(), auts.begin() + 6);
    XorInto(sqnMsBytes, m.F5Star(rand));
    const Bytes macS(auts.begin() + 6, auts.end());
    // TS 33.102 6.3.5: MAC-S = f1*(SQN_MS || RAND || AMF) with the dummy AMF 0000.
    if (!ConstantTimeEqual(macS, m.F1Star(rand, sqnMsBytes, Bytes(2, 0))))
    {
        return ResyncResult::MacFailure;
    }
    const uint64_t seqMs = SqnValue(sqnMsBytes) >> m_policy.indBits;
    const uint64_t seqHe = (rec->sqn & kSqnMask) >> m_policy.indBits;
    // 6.3.5: keep SQN_HE when its next SEQ would be accepted; otherwise restart from SEQ_MS.
    const bool heAcceptable = seqHe >= seqMs && (seqHe + 1) - seqMs <= m_policy.delta;
    if (!heAcceptable)
    {
        m_db.SetSqn(imsi, (seqMs << m_policy.indBits) | (rec->sqn & IndMask(m_policy)));
    }
    return ResyncResult::Resynchronised;
}

// ---------------------------------------------------------------------------
// Usim

Usim::Usim(Bytes k, Bytes opc, SqnPolicy policy)
    : m_k(std::move(k))
    , m_opc(std::move(opc))
    , m_policy(policy)
{
    CheckPolicy(m_policy);
    if (m_k.size() != 16 || m_opc.size() != 16)
    {
        throw std::invalid_argument("Usim: K and OPc must be 16 bytes");
    }
    m_seqByInd.assign(size_t{1} << m_policy.indBits, 0);
}

uint64_t
Usim::HighestSeq() const
{
    return *std::max_element(m_seqByInd.begin(), m_seqByInd.end());
}

uint64_t
Usim::SqnMs() const
{
    // SQN_MS = the highest accepted SEQ with the IND slot it was accepted in.
    auto it = std::max_element(m_seqByInd.begin(), m_seqByInd.end());
    const auto ind = static_cast<uint64_t>(it - m_seqByInd.begin());
    return (*it << m_policy.indBits) | ind;
}

void
Usim::SetLastAcceptedSqn(uint64_t sqn)
{
    sqn &= kSqnMask;
    m_seqByInd[sqn & IndMask(m_policy)] = sqn >> m_policy.indBits;
}

std::vector<uint64_t>
Usim::AcceptedSqns() const
{
    std::vector<uint64_t> out;
    for (size_t ind = 0; ind < m_seqByInd.size(); ++ind)
    {
        if (m_seqByInd[ind] != 0)
        {
            out.push_back((m_seqByInd[ind] << m_policy.indBits) | ind);
        }
    }
    return out;
}

UsimAuthResult
Usim::Authenticate(const Bytes& rand, const Bytes& autn)
{
    UsimAuthResult result;
    if (rand.size() != 16 || autn.size() != 16)
    {
        result.status = UsimAuthResult::Status::MacFailure;
        return result;
    }
    const Milenage m(m_k, m_opc);
    const Milenage::Outputs o = m.F2345(rand);
    Bytes sqnBytes(autn.begin(), autn.begin() + 6);
    XorInto(sqnBytes, o.ak);
    const Bytes amf(autn.begin() + 6, autn.begin() + 8);
    const Bytes mac(autn.begin() + 8, autn.end());

    // 6.3.3: the network is authenticated before SQN is looked at, so a forged
    // AUTN can neither move the SQN array nor trigger a resynchronisation.
    if (!ConstantTimeEqual(mac, m.F1(rand, sqnBytes, amf)))
    {
        result.status = UsimAuthResult::Status::MacFailure;
        return result;
    }

    const uint64_t sqn = SqnValue(sqnBytes);
    const uint64_t seq = sqn >> m_policy.indBits;
    const uint64_t ind = sqn & IndMask(m_policy);
    const uint64_t seqMs = HighestSeq();
    // Annex C.2.2: fresh for its IND slot, and not too far ahead of SEQ_MS.
    const bool freshInSlot = seq > m_seqByInd[ind];
    const bool withinDelta = seq <= seqMs || seq - seqMs <= m_policy.delta;
    if (!freshInSlot || !withinDelta)
    {
        const Bytes sqnMsBytes = SqnBytes(SqnMs());
        Bytes concealed = sqnMsBytes;
        XorInto(concealed, m.F5Star(rand));
        result.status = UsimAuthResult::Status::SyncFailure;
        result.auts = Concat({concealed, m.F1Star(rand, sqnMsBytes, Bytes(2, 0))});
        return result;
    }

    m_seqByInd[ind] = seq;
    result.status = UsimAuthResult::Status::Success;
    result.res = o.res;
    result.ck = o.ck;
    result.ik = o.ik;
    return result;
}

GsmTriplet
Usim::RunGsm(const Bytes& rand) const
{
    if (rand.size() != 16)
    {
        throw std::invalid_argument("Usim::RunGsm: RAND must be 16 bytes");
    }
    // TS 33.102 6.8.1.2: a USIM in GSM context answers c2(RES), c3(CK, IK).
    const Milenage::Outputs o = Milenage(m_k, m_opc).F2345(rand);
    GsmTriplet t;
    t.rand = rand;
    t.sres = GsmC2(o.res);
    t.kc = GsmC3(o.ck, o.ik);
    return t;
}

} // namespace roamsec
