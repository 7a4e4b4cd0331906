/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PMKSA cache (hit, miss, expiry, LRU eviction) and pre-authentication
 * bookkeeping, ending in a 4-way handshake on the cached PMK.
 */
#include "ns3/eapol.h"
#include "ns3/okc-key-store.h"
#include "ns3/pmksa-cache.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/rsn-handshake.h"
#include "ns3/rsn-keys.h"
#include "ns3/test.h"

using namespace roamsec;

namespace {

const MacAddr kAp1{0x02, 0, 0, 0, 0, 0x01};
const MacAddr kAp2{0x02, 0, 0, 0, 0, 0x02};
const MacAddr kAp3{0x02, 0, 0, 0, 0, 0x03};
const MacAddr kSta{0x02, 0, 0, 0, 1, 0x00};

class CacheHitMissTestCase : public ns3::TestCase
{
public:
    CacheHitMissTestCase()
        : TestCase("PMKSA cache: add, hit on the first matching PMKID, miss, remove")
    {}

private:
    void DoRun() override
    {
        PmksaCache cache(4);
        TimeNs t = Seconds(10);
        Bytes pmk(32, 0x21);
        const PmksaEntry& e = cache.Add(pmk, kAp1, kSta, Seconds(3600), t);
        NS_TEST_ASSERT_MSG_EQ(ToHex(e.pmkid), ToHex(ComputePmkid(pmk, kAp1, kSta)), "PMKID");
        Bytes pmkid = e.pmkid;
        const PmksaEntry* hit = cache.Find(kAp1, kSta, {Bytes(16, 0), pmkid}, t);
        NS_TEST_ASSERT_MSG_EQ((hit != nullptr), true, "second PMKID of the list hits");
        NS_TEST_ASSERT_MSG_EQ(ToHex(hit->pmk), ToHex(pmk), "PMK");
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp2, kSta, {pmkid}, t) == nullptr), true,
                              "other AA misses");
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp1, kSta, {}, t) == nullptr), true, "empty list");
        NS_TEST_ASSERT_MSG_EQ(cache.GetCounters().hits, 1u, "hits");
        NS_TEST_ASSERT_MSG_EQ(cache.GetCounters().misses, 2u, "misses");
        NS_TEST_ASSERT_MSG_EQ((cache.FindByAddresses(kAp1, kSta, t) != nullptr), true, "by addr");
        // First hit wins: two live PMKSAs for different pairs, list order decides.
        const PmksaEntry& e2
            = cache.Add(Bytes(32, 0x22), kAp1, MacAddr{2, 0, 0, 0, 1, 1}, Seconds(3600), t);
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp1, kSta, {e2.pmkid, pmkid}, t)->pmkid == pmkid), true,
                              "a PMKID of another SPA never matches");
        // A newer PMKSA for the same pair replaces the old one.
        cache.Add(Bytes(32, 0x23), kAp1, kSta, Seconds(3600), t);
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp1, kSta, {pmkid}, t) == nullptr), true, "replaced");
        NS_TEST_ASSERT_MSG_EQ(cache.Size(), 2u, "no duplicate");
        Bytes newId = ComputePmkid(Bytes(32, 0x23), kAp1, kSta);
        NS_TEST_ASSERT_MSG_EQ(cache.Remove(kAp1, kSta, newId), true, "removed");
        NS_TEST_ASSERT_MSG_EQ(cache.Remove(kAp1, kSta, newId), false, "already gone");
        NS_TEST_ASSERT_MSG_EQ(cache.RemovePeer(kAp1), 1u, "peer removal");
        NS_TEST_ASSERT_MSG_EQ(cache.Size(), 0u, "empty");
    }
};

class CacheExpiryLruTestCase : public ns3::TestCase
{
public:
    CacheExpiryLruTestCase()
        : TestCase("PMKSA cache: expiry by lifetime and least-recently-used eviction")
    {}

private:
    void DoRun() override
    {
        PmksaCache cache(2);
        TimeNs t = Seconds(100);
        Bytes id1 = cache.Add(Bytes(32, 1), kAp1, kSta, Seconds(50), t).pmkid;
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp1, kSta, {id1}, t + Seconds(49)) != nullptr), true,
                              "alive before the lifetime");
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp1, kSta, {id1}, t + Seconds(50)) == nullptr), true,
                              "expired at the lifetime");
        NS_TEST_ASSERT_MSG_EQ(cache.GetCounters().expirations, 1u, "expiration counted");
        NS_TEST_ASSERT_MSG_EQ(cache.Size(), 0u, "expired entry removed");

        Bytes a = cache.Add(Bytes(32, 0xa), kAp1, kSta, Seconds(1000), t).pmkid;
        Bytes b = cache.Add(Bytes(32, 0xb), kAp2, kSta, Seconds(1000), t).pmkid;
        cache.Find(kAp1, kSta, {a}, t); // A becomes most recently used
        Bytes c = cache.Add(Bytes(32, 0xc), kAp3, kSta, Seconds(1000), t).pmkid;
        NS_TEST_ASSERT_MSG_EQ(cache.Size(), 2u, "bounded");
        NS_TEST_ASSERT_MSG_EQ(cache.GetCounters().evictions, 1u, "one eviction");
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp2, kSta, {b}, t) == nullptr), true, "LRU B evicted");
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp1, kSta, {a}, t) != nullptr), true, "A kept");
        NS_TEST_ASSERT_MSG_EQ((cache.Find(kAp3, kSta, {c}, t) != nullptr), true, "C kept");
        // Expired entries make room before anything live is evicted.
        PmksaCache small(2);
        small.Add(Bytes(32, 1), kAp1, kSta, Seconds(1), t);
        small.Add(Bytes(32, 2), kAp2, kSta, Seconds(1000), t);
        small.Add(Bytes(32, 3), kAp3, kSta, Seconds(1000), t + Seconds(5));
        NS_TEST_ASSERT_MSG_EQ(small.GetCounters().evictions, 0u, "no eviction");
        NS_TEST_ASSERT_MSG_EQ(small.GetCounters().expirations, 1u, "expired one dropped");
        NS_TEST_ASSERT_MSG_EQ(small.RemoveExpired(t + Seconds(2000)), 2u, "RemoveExpired");
    }
};

class PreauthTestCase : public ns3::TestCase
{
public:
    PreauthTestCase()
        : TestCase("pre-authentication caches the same PMKSA on STA and target AP, then a "
                   "4-way handshake uses it")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        PmksaCache staCache(8);
        PmksaCache apCache(8);
        PreauthSupplicant staPre(staCache, kSta, Seconds(43200), Seconds(10));
        PreauthAuthenticator apPre(apCache, kAp2, Seconds(43200), Seconds(10));
        Bytes start = staPre.Start(kAp2, t);
        NS_TEST_ASSERT_MSG_EQ(ToHex(start), "02010000", "EAPOL-Start");
        NS_TEST_ASSERT_MSG_EQ(staPre.Start(kAp2, t).empty(), true, "one session per target");
        NS_TEST_ASSERT_MSG_EQ(staPre.InProgress(kAp2), true, "in progress");
        NS_TEST_ASSERT_MSG_EQ(
            (apPre.Receive(kSta, start, t) == PreauthAuthenticator::Verdict::StartSession), true,
            "AP starts EAP");
        EapolFrame eap;
        eap.type = static_cast<uint8_t>(EapolType::EapPacket);
        eap.body = FromHex("0201000501"); // EAP-Response/Identity, empty identity
        NS_TEST_ASSERT_MSG_EQ(
            (apPre.Receive(kSta, EncodeEapol(eap), t) == PreauthAuthenticator::Verdict::EapPacket),
            true, "EAP relayed");
        // EAPOL-Key never travels over EtherType 0x88C7.
        EapolKeyFrame key;
        NS_TEST_ASSERT_MSG_EQ(
            (apPre.Receive(kSta, EncodeEapolKey(key), t) == PreauthAuthenticator::Verdict::Drop),
            true, "EAPOL-Key dropped");
        NS_TEST_ASSERT_MSG_EQ(
            (apPre.Receive(kSta, Bytes{2}, t) == PreauthAuthenticator::Verdict::Drop), true,
            "garbage dropped");
        NS_TEST_ASSERT_MSG_EQ(
            (apPre.Receive(kAp3, EncodeEapol(eap), t) == PreauthAuthenticator::Verdict::Drop), true,
            "EAP without a session dropped");
        NS_TEST_ASSERT_MSG_EQ(apPre.Dropped(), 3u, "drops counted");

        // Both EAP ends derive the same MSK (EAP-AKA in this system).
        Bytes msk(64);
        for (size_t i = 0; i < msk.size(); ++i)
        {
            msk[i] = static_cast<uint8_t>(3 * i + 1);
        }
        const PmksaEntry* s = staPre.OnEapSuccess(kAp2, msk, t + Seconds(1));
        const PmksaEntry* a = apPre.OnEapSuccess(kSta, msk, t + Seconds(1));
        NS_TEST_ASSERT_MSG_EQ((s != nullptr && a != nullptr), true, "both cached");
        NS_TEST_ASSERT_MSG_EQ(ToHex(s->pmkid), ToHex(a->pmkid), "same PMKID");
        NS_TEST_ASSERT_MSG_EQ(ToHex(s->pmk), ToHex(PmkFromMsk(msk)), "PMK = MSK[0..31]");
        NS_TEST_ASSERT_MSG_EQ((s->aa == kAp2 && s->spa == kSta), true, "keyed by target AA");
        NS_TEST_ASSERT_MSG_EQ(staPre.InProgress(kAp2), false, "session closed");
        NS_TEST_ASSERT_MSG_EQ((staPre.OnEapSuccess(kAp2, msk, t) == nullptr), true,
                              "unsolicited success ignored");

        // Roaming to AP2: the STA offers the PMKID in its RSNE; AP2 finds the PMKSA and
        // runs the 4-way handshake directly, naming the PMKID in message 1.
        TimeNs roam = t + Seconds(30);
        const PmksaEntry* offer = staCache.FindByAddresses(kAp2, kSta, roam);
        RsnElement staRsne;
        staRsne.pmkids.push_back(offer->pmkid);
        const PmksaEntry* found = apCache.Find(kAp2, kSta, staRsne.pmkids, roam);
        NS_TEST_ASSERT_MSG_EQ((found != nullptr), true, "AP cache hit");
        SeededRandomSource r1(5);
        SeededRandomSource r2(6);
        AuthenticatorConfig ac;
        ac.aa = kAp2;
        ac.spa = kSta;
        ac.apRsne = EncodeRsne(RsnElement{});
        ac.staRsne = EncodeRsne(staRsne);
        SupplicantConfig sc;
        sc.aa = kAp2;
        sc.spa = kSta;
        sc.apRsne = ac.apRsne;
        sc.staRsne = ac.staRsne;
        Authenticator ap(ac, r1);
        Supplicant sta(sc, r2);
        sta.SetPmk(offer->pmk);
        GroupKey g;
        g.gtk = Bytes(16, 0x44);
        HandshakeOutput m1 = ap.Start(found->pmk, g, roam, found->pmkid);
        HandshakeOutput m2 = sta.Receive(m1.frames[0], roam);
        NS_TEST_ASSERT_MSG_EQ(ToHex(sta.GetOfferedPmkids().at(0)), ToHex(offer->pmkid), "KDE");
        HandshakeOutput m3 = ap.Receive(m2.frames[0], roam);
        HandshakeOutput m4 = sta.Receive(m3.frames[0], roam);
        HandshakeOutput done = ap.Receive(m4.frames[0], roam);
        NS_TEST_ASSERT_MSG_EQ(done.events.size(), 1u, "PTK installed from the cached PMK");

        // Timeouts: an exchange that outlives its deadline caches nothing.
        Bytes again = staPre.Start(kAp3, t);
        NS_TEST_ASSERT_MSG_EQ(again.empty(), false, "new session");
        NS_TEST_ASSERT_MSG_EQ((*staPre.NextDeadline() == t + Seconds(10)), true, "deadline");
        NS_TEST_ASSERT_MSG_EQ((staPre.OnEapSuccess(kAp3, msk, t + Seconds(10)) == nullptr), true,
                              "late success ignored");
        apPre.Receive(kSta, start, t);
        NS_TEST_ASSERT_MSG_EQ(apPre.OnTimeout(t + Seconds(11)), 1u, "AP session expired");
        NS_TEST_ASSERT_MSG_EQ((apPre.OnEapSuccess(kSta, msk, t + Seconds(11)) == nullptr), true,
                              "no session, no PMKSA");
        // Session table bound.
        PreauthAuthenticator tiny(apCache, kAp2, Seconds(100), Seconds(10), 1);
        NS_TEST_ASSERT_MSG_EQ(
            (tiny.Receive(kSta, start, t) == PreauthAuthenticator::Verdict::StartSession), true,
            "first STA");
        NS_TEST_ASSERT_MSG_EQ((tiny.Receive(kAp1, start, t) == PreauthAuthenticator::Verdict::Drop),
                              true, "table full");
    }
};

/** Opportunistic key caching: the domain's PMK matches only its own AA/SPA PMKIDs. */
class OkcKeyStoreTestCase : public ns3::TestCase
{
public:
    OkcKeyStoreTestCase()
        : TestCase("OKC: a PMKID recomputed for the new AP finds the domain's PMK; another "
                   "AP's, another station's, another PMK's or an expired one does not")
    {}

private:
    void DoRun() override
    {
        const Bytes pmk(32, 0x5a);
        const Bytes otherPmk(32, 0xa5);
        const MacAddr sta{0x02, 0, 0, 0, 0, 0x10};
        const MacAddr otherSta{0x02, 0, 0, 0, 0, 0x11};
        const MacAddr ap1{0x02, 0, 0, 0, 0, 0x01};
        const MacAddr ap2{0x02, 0, 0, 0, 0, 0x02};
        OkcKeyStore store(2);
        store.Add(pmk, sta, Seconds(100));
        TimeNs now = Seconds(10);
        // The station derives the PMKID for AP 2 from the PMK of its authentication at AP 1.
        Bytes forAp2 = ComputePmkid(pmk, ap2, sta);
        auto hit = store.Match(ap2, sta, {Bytes(16, 0), forAp2}, now);
        NS_TEST_ASSERT_MSG_EQ(hit.has_value(), true, "PMKID for this AP");
        NS_TEST_EXPECT_MSG_EQ((*hit == pmk), true, "the domain's PMK");
        NS_TEST_EXPECT_MSG_EQ(store.Match(ap1, sta, {forAp2}, now).has_value(), false,
                              "a PMKID computed for another AP");
        NS_TEST_EXPECT_MSG_EQ(store.Match(ap2, otherSta, {forAp2}, now).has_value(), false,
                              "another station offering the PMKID");
        NS_TEST_EXPECT_MSG_EQ(
            store.Match(ap2, sta, {ComputePmkid(otherPmk, ap2, sta)}, now).has_value(), false,
            "a PMKID of another PMK");
        NS_TEST_EXPECT_MSG_EQ(store.Match(ap2, sta, {forAp2}, Seconds(100)).has_value(), false,
                              "expired");
        // A newer authentication supersedes; the bound evicts the earliest expiry.
        store.Add(otherPmk, sta, Seconds(200));
        NS_TEST_EXPECT_MSG_EQ(store.Match(ap2, sta, {forAp2}, now).has_value(), false,
                              "superseded PMK");
        store.Add(pmk, otherSta, Seconds(50));
        store.Add(pmk, MacAddr{0x02, 0, 0, 0, 0, 0x12}, Seconds(300));
        NS_TEST_EXPECT_MSG_EQ(store.Size(), 2u, "bounded");
        NS_TEST_EXPECT_MSG_EQ(
            store.Match(ap2, otherSta, {ComputePmkid(pmk, ap2, otherSta)}, now).has_value(),
            false, "earliest expiry evicted");
    }
};

class RsnPmksaTestSuite : public ns3::TestSuite
{
public:
    RsnPmksaTestSuite()
        : TestSuite("roamsec-rsn-pmksa", Type::UNIT)
    {
        AddTestCase(new CacheHitMissTestCase);
        AddTestCase(new CacheExpiryLruTestCase);
        AddTestCase(new PreauthTestCase);
        AddTestCase(new OkcKeyStoreTestCase);
    }
};

RsnPmksaTestSuite g_rsnPmksaTestSuite;

} // namespace
