/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The 4-way and group key handshakes run between the Authenticator and the
 * Supplicant state machines, with the failure paths of 12.7.6 / 12.7.7.
 */
#include "ns3/eapol.h"
#include "ns3/ft-keys.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/rsn-handshake.h"
#include "ns3/rsn-keys.h"
#include "ns3/test.h"

#include <memory>

using namespace roamsec;

namespace {

const MacAddr kAa{0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
const MacAddr kSpa{0x02, 0x00, 0x00, 0x00, 0x01, 0x00};

size_t
CountEvents(const HandshakeOutput& out, RsnEvent::Type t)
{
    size_t n = 0;
    for (const auto& e : out.events)
    {
        n += e.type == t ? 1 : 0;
    }
    return n;
}

std::string
NonceHex(const Bytes& pdu)
{
    EapolKeyFrame k = DecodeEapolKey(pdu);
    return ToHex(k.nonce.data(), k.nonce.size());
}

const RsnEvent*
FindEvent(const HandshakeOutput& out, RsnEvent::Type t)
{
    for (const auto& e : out.events)
    {
        if (e.type == t)
        {
            return &e;
        }
    }
    return nullptr;
}

/** An AP-side authenticator and a STA-side supplicant sharing a PMK. */
struct Pair
{
    explicit Pair(const Bytes& stationPmk = Bytes(32, 0x5a))
        : apRng(1)
        , staRng(2)
    {
        RsnElement rsne;
        AuthenticatorConfig ac;
        ac.aa = kAa;
        ac.spa = kSpa;
        ac.apRsne = EncodeRsne(rsne);
        ac.staRsne = EncodeRsne(rsne);
        ac.retransmitTimeout = Milliseconds(100);
        SupplicantConfig sc;
        sc.aa = kAa;
        sc.spa = kSpa;
        sc.staRsne = ac.staRsne;
        sc.apRsne = ac.apRsne;
        apConfig = ac;
        staConfig = sc;
        group.gtk = Bytes(16, 0x77);
        group.keyId = 1;
        pmk = Bytes(32, 0x5a);
        staPmk = stationPmk;
    }

    void Create()
    {
        ap = std::make_unique<Authenticator>(apConfig, apRng);
        sta = std::make_unique<Supplicant>(staConfig, staRng);
        sta->SetPmk(staPmk);
    }

    SeededRandomSource apRng;
    SeededRandomSource staRng;
    AuthenticatorConfig apConfig;
    SupplicantConfig staConfig;
    GroupKey group;
    Bytes pmk;
    Bytes staPmk;
    std::unique_ptr<Authenticator> ap;
    std::unique_ptr<Supplicant> sta;
};

class SuccessTestCase : public ns3::TestCase
{
public:
    SuccessTestCase()
        : TestCase("4-way handshake succeeds with equal PTK and GTK on both sides")
    {}

private:
    void DoRun() override
    {
        Pair p;
        p.Create();
        TimeNs t = Seconds(1);
        Bytes pmkid = ComputePmkid(p.pmk, kAa, kSpa);
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t, pmkid);
        NS_TEST_ASSERT_MSG_EQ(m1.frames.size(), 1u, "message 1");
        NS_TEST_ASSERT_MSG_EQ(p.ap->NextDeadline().has_value(), true, "retransmit timer armed");
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(m2.frames.size(), 1u, "message 2");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetOfferedPmkids().size(), 1u, "PMKID KDE seen");
        NS_TEST_ASSERT_MSG_EQ(ToHex(p.sta->GetOfferedPmkids()[0]), ToHex(pmkid), "PMKID");
        HandshakeOutput m3 = p.ap->Receive(m2.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(m3.frames.size(), 1u, "message 3");
        NS_TEST_ASSERT_MSG_EQ((p.ap->GetState() == Authenticator::State::PtkInitNegotiating), true,
                              "AP waits for message 4");
        HandshakeOutput m4 = p.sta->Receive(m3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(m4.frames.size(), 1u, "message 4");
        const RsnEvent* staPtk = FindEvent(m4, RsnEvent::Type::PtkInstalled);
        const RsnEvent* staGtk = FindEvent(m4, RsnEvent::Type::GtkInstalled);
        NS_TEST_ASSERT_MSG_EQ((staPtk != nullptr && staGtk != nullptr), true, "STA installs");
        HandshakeOutput done = p.ap->Receive(m4.frames[0], t);
        const RsnEvent* apPtk = FindEvent(done, RsnEvent::Type::PtkInstalled);
        NS_TEST_ASSERT_MSG_EQ((apPtk != nullptr), true, "AP installs");
        NS_TEST_ASSERT_MSG_EQ(ToHex(apPtk->ptk.tk), ToHex(staPtk->ptk.tk), "same TK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(apPtk->ptk.kck), ToHex(staPtk->ptk.kck), "same KCK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(apPtk->ptk.kek), ToHex(staPtk->ptk.kek), "same KEK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(staGtk->gtk), ToHex(p.group.gtk), "STA got the GTK");
        NS_TEST_ASSERT_MSG_EQ(staGtk->gtkKeyId, 1, "GTK key id");
        NS_TEST_ASSERT_MSG_EQ((p.ap->GetState() == Authenticator::State::PtkInitDone), true,
                              "AP done");
        NS_TEST_ASSERT_MSG_EQ((p.sta->GetState() == Supplicant::State::Established), true,
                              "STA done");
        NS_TEST_ASSERT_MSG_EQ(p.ap->NextDeadline().has_value(), false, "no timer left");
        // The exchanged PDUs have the 12.7.6 Key Information bits.
        NS_TEST_ASSERT_MSG_EQ(DecodeEapolKey(m1.frames[0]).keyInfo, 0x008a, "msg1 key info");
        NS_TEST_ASSERT_MSG_EQ(DecodeEapolKey(m2.frames[0]).keyInfo, 0x010a, "msg2 key info");
        NS_TEST_ASSERT_MSG_EQ(DecodeEapolKey(m3.frames[0]).keyInfo, 0x13ca, "msg3 key info");
        NS_TEST_ASSERT_MSG_EQ(DecodeEapolKey(m4.frames[0]).keyInfo, 0x030a, "msg4 key info");
        NS_TEST_ASSERT_MSG_EQ(DecodeEapolKey(m3.frames[0]).replayCounter,
                              DecodeEapolKey(m1.frames[0]).replayCounter + 1,
                              "authenticator increments the replay counter");
        // Independent recomputation of the PTK from the nonces on the wire.
        EapolKeyFrame k1 = DecodeEapolKey(m1.frames[0]);
        EapolKeyFrame k2 = DecodeEapolKey(m2.frames[0]);
        Ptk ref = DerivePtk(p.pmk, kAa, kSpa, Bytes(k1.nonce.begin(), k1.nonce.end()),
                            Bytes(k2.nonce.begin(), k2.nonce.end()));
        NS_TEST_ASSERT_MSG_EQ(ToHex(ref.tk), ToHex(apPtk->ptk.tk), "PTK = PRF-384 of the nonces");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().micFailures + p.ap->GetCounters().replayed
                                  + p.sta->GetCounters().micFailures
                                  + p.sta->GetCounters().replayed,
                              0u, "nothing dropped");
    }
};

/** Keys of an initial mobility domain association (FT AKM) from a fixed MSK. */
FtFourWayKeys
FtKeys(const MacAddr& r1khId)
{
    Bytes msk(64);
    for (size_t i = 0; i < msk.size(); ++i)
    {
        msk[i] = static_cast<uint8_t>(i);
    }
    const Bytes r0khId = {'a', 'p', '1'};
    FtPmkR0 r0 = DeriveFtPmkR0(FtXxKeyFromMsk(msk), {'s', 's', 'i', 'd'}, 0x1234, r0khId, kSpa);
    FtFourWayKeys keys;
    keys.pmkR1 = DeriveFtPmkR1(r0, r1khId, kSpa);
    keys.mde = MobilityDomainElement{0x1234, true, false};
    keys.r0khId = r0khId;
    keys.r1khId = r1khId;
    keys.keyLifetimeSeconds = 3600;
    return keys;
}

/** The FT AKM's RSNE (association request and Beacon) for the FT pair. */
Bytes
FtAkmRsne()
{
    RsnElement rsne;
    rsne.akms = {kAkmFt8021x};
    return EncodeRsne(rsne);
}

class FtInitialAssociationTestCase : public ns3::TestCase
{
public:
    FtInitialAssociationTestCase()
        : TestCase("FT initial mobility domain association: PTK from PMK-R1, AES-CMAC MICs, "
                   "PMKR1Name, MDE and FTE in messages 2 and 3; a wrong PMKR1Name, R1KH-ID or RSNE is "
                   "refused")
    {}

private:
    /** Runs messages 1 to 4; returns the authenticator's and supplicant's last outputs. */
    static std::pair<HandshakeOutput, HandshakeOutput> Run(Pair& p, const FtFourWayKeys& apKeys,
                                                           const FtFourWayKeys& staKeys,
                                                           std::vector<Bytes>& pdus,
                                                           const Bytes& apRsne = FtAkmRsne())
    {
        p.apConfig.apRsne = apRsne;
        p.apConfig.staRsne = FtAkmRsne();
        p.staConfig.apRsne = FtAkmRsne();
        p.staConfig.staRsne = FtAkmRsne();
        p.Create();
        p.sta->SetFtPmkR1(staKeys);
        TimeNs t = Seconds(1);
        HandshakeOutput toSta = p.ap->StartFt(apKeys, p.group, t);
        HandshakeOutput toAp;
        while (!toSta.frames.empty())
        {
            pdus.push_back(toSta.frames[0]);
            toAp = p.sta->Receive(toSta.frames[0], t);
            if (toAp.frames.empty())
            {
                break;
            }
            pdus.push_back(toAp.frames[0]);
            toSta = p.ap->Receive(toAp.frames[0], t);
        }
        return {toSta, toAp};
    }

    void DoRun() override
    {
        const MacAddr r1khId = kAa;
        FtFourWayKeys keys = FtKeys(r1khId);
        {
            Pair p;
            std::vector<Bytes> pdus;
            auto [apOut, staOut] = Run(p, keys, keys, pdus);
            NS_TEST_ASSERT_MSG_EQ(pdus.size(), 4u, "four messages");
            NS_TEST_ASSERT_MSG_EQ((p.ap->GetState() == Authenticator::State::PtkInitDone
                                   && p.sta->GetState() == Supplicant::State::Established),
                                  true, "both ends installed");
            for (const Bytes& pdu : pdus)
            {
                NS_TEST_EXPECT_MSG_EQ(DecodeEapolKey(pdu).DescriptorVersion(),
                                      keyinfo::kVersionAesCmac, "descriptor version 3");
            }
            // The PTK is the FT KDF's of PMK-R1 and the nonces on the wire (12.7.1.7.5).
            EapolKeyFrame k1 = DecodeEapolKey(pdus[0]);
            EapolKeyFrame k2 = DecodeEapolKey(pdus[1]);
            Ptk ref = DeriveFtPtk(keys.pmkR1, Bytes(k2.nonce.begin(), k2.nonce.end()),
                                  Bytes(k1.nonce.begin(), k1.nonce.end()), kAa, kSpa)
                          .keys;
            NS_TEST_ASSERT_MSG_EQ(ToHex(p.ap->GetPtk()->kck), ToHex(ref.kck), "KCK");
            NS_TEST_ASSERT_MSG_EQ(ToHex(p.sta->GetPtk()->tk), ToHex(ref.tk), "TK");
            // Message 2's MIC is AES-128-CMAC(KCK, PDU with MIC zeroed), recomputed here.
            Bytes zeroed = pdus[1];
            std::fill(zeroed.begin() + kEapolKeyMicOffset,
                      zeroed.begin() + kEapolKeyMicOffset + kEapolKeyMicLen, 0);
            NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(pdus[1].begin() + kEapolKeyMicOffset,
                                              pdus[1].begin() + kEapolKeyMicOffset
                                                  + kEapolKeyMicLen)),
                                  ToHex(AesCmac128(ref.kck, zeroed)), "message 2 MIC");
            // Message 1 names PMKR1Name; message 2 carries it in the RSNE, with MDE and FTE.
            NS_TEST_ASSERT_MSG_EQ(ToHex(ParseKeyData(k1.keyData).pmkids.at(0)),
                                  ToHex(keys.pmkR1.name), "PMKR1Name in message 1");
            KeyDataContents c2 = ParseKeyData(k2.keyData);
            NS_TEST_ASSERT_MSG_EQ(ToHex(DecodeRsne(c2.rsnes.at(0)).pmkids.at(0)),
                                  ToHex(keys.pmkR1.name), "PMKR1Name in message 2");
            NS_TEST_ASSERT_MSG_EQ(c2.otherElements.size(), 2u, "MDE and FTE in message 2");
            NS_TEST_ASSERT_MSG_EQ(DecodeMde(c2.otherElements[0]).mdid, 0x1234, "MDE");
            NS_TEST_ASSERT_MSG_EQ((DecodeFte(c2.otherElements[1]).r1khId == r1khId), true,
                                  "FTE R1KH-ID");
        }
        {
            // The station names another PMKR1Name for the same key: RSNE mismatch (17).
            FtFourWayKeys wrong = keys;
            wrong.pmkR1.name[0] ^= 1;
            Pair p;
            std::vector<Bytes> pdus;
            auto [apOut, staOut] = Run(p, keys, wrong, pdus);
            const RsnEvent* failed = FindEvent(apOut, RsnEvent::Type::HandshakeFailed);
            NS_TEST_ASSERT_MSG_EQ((failed != nullptr), true, "AP refused message 2");
            NS_TEST_EXPECT_MSG_EQ(failed->reasonCode, 17, "reason 17");
            NS_TEST_EXPECT_MSG_EQ(pdus.size(), 2u, "no message 3");
        }
        {
            // The station's FTE names another R1KH-ID than the AP's: refused at message 2.
            FtFourWayKeys other = keys;
            other.r1khId[5] ^= 1;
            Pair p;
            std::vector<Bytes> pdus;
            auto [apOut, staOut] = Run(p, keys, other, pdus);
            NS_TEST_EXPECT_MSG_EQ((p.ap->GetState() == Authenticator::State::Failed), true,
                                  "AP refused the other R1KH-ID in message 2");
        }
        {
            // Message 3's RSNE is not the Beacon's (plus PMKR1Name): the station refuses it.
            Pair p;
            std::vector<Bytes> pdus;
            auto [apOut, staOut] = Run(p, keys, keys, pdus, EncodeRsne(RsnElement{}));
            const RsnEvent* failed = FindEvent(staOut, RsnEvent::Type::HandshakeFailed);
            NS_TEST_ASSERT_MSG_EQ((failed != nullptr), true, "station refused message 3");
            NS_TEST_EXPECT_MSG_EQ(pdus.size(), 3u, "no message 4");
        }
    }
};

class MicFailureTestCase : public ns3::TestCase
{
public:
    MicFailureTestCase()
        : TestCase("frames with a bad MIC are dropped and counted; a wrong PMK times out")
    {}

private:
    void DoRun() override
    {
        Pair p;
        p.Create();
        TimeNs t = Seconds(1);
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t);
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        Bytes badM2 = m2.frames[0];
        badM2[kEapolKeyMicOffset] ^= 0x01;
        HandshakeOutput r = p.ap->Receive(badM2, t);
        NS_TEST_ASSERT_MSG_EQ(r.frames.size(), 0u, "no message 3 for a bad MIC");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().micFailures, 1u, "AP counts MIC failure");
        HandshakeOutput m3 = p.ap->Receive(m2.frames[0], t);
        Bytes badM3 = m3.frames[0];
        badM3[badM3.size() - 1] ^= 0x01; // in the wrapped key data
        HandshakeOutput s = p.sta->Receive(badM3, t);
        NS_TEST_ASSERT_MSG_EQ(s.frames.size(), 0u, "no message 4 for a bad MIC");
        NS_TEST_ASSERT_MSG_EQ(s.events.size(), 0u, "nothing installed");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().micFailures, 1u, "STA counts MIC failure");
        // The genuine message 3 still works: the forged one did not move the replay counter.
        HandshakeOutput m4 = p.sta->Receive(m3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(m4.frames.size(), 1u, "genuine message 3 accepted");

        // A STA with another PMK: its message 2 never verifies, the AP retries then gives up.
        Pair q(Bytes(32, 0x11));
        q.Create();
        HandshakeOutput out = q.ap->Start(q.pmk, q.group, t);
        size_t deauths = 0;
        for (int i = 0; i < 10 && !out.frames.empty(); ++i)
        {
            HandshakeOutput reply = q.sta->Receive(out.frames[0], t);
            HandshakeOutput none = q.ap->Receive(reply.frames[0], t);
            NS_TEST_ASSERT_MSG_EQ(none.frames.size(), 0u, "no message 3");
            t = *q.ap->NextDeadline();
            out = q.ap->OnTimeout(t);
            deauths += CountEvents(out, RsnEvent::Type::Deauthenticate);
        }
        NS_TEST_ASSERT_MSG_EQ(q.ap->GetCounters().micFailures, 4u, "one failure per message 1");
        NS_TEST_ASSERT_MSG_EQ(deauths, 1u, "deauthenticated once");
        NS_TEST_ASSERT_MSG_EQ((q.ap->GetState() == Authenticator::State::Failed), true, "failed");
    }
};

class ReplayTestCase : public ns3::TestCase
{
public:
    ReplayTestCase()
        : TestCase("replayed messages 1 and 3 are dropped; a retransmitted message 3 does not "
                   "reinstall keys")
    {}

private:
    void DoRun() override
    {
        Pair p;
        p.Create();
        TimeNs t = Seconds(1);
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t);
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        HandshakeOutput m3 = p.ap->Receive(m2.frames[0], t);
        HandshakeOutput m4 = p.sta->Receive(m3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(CountEvents(m4, RsnEvent::Type::PtkInstalled), 1u, "installed");
        // Exact replays: counters not larger than the last verified one.
        HandshakeOutput r3 = p.sta->Receive(m3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(r3.frames.size() + r3.events.size(), 0u, "replayed msg3 ignored");
        HandshakeOutput r1 = p.sta->Receive(m1.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(r1.frames.size(), 0u, "replayed msg1 ignored");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().replayed, 2u, "both counted");
        // A replayed message 2 at the AP after it moved on.
        HandshakeOutput r2 = p.ap->Receive(m2.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(r2.frames.size(), 0u, "stale msg2 ignored");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().unexpected + p.ap->GetCounters().replayed, 1u,
                              "stale msg2 counted");

        // Message 4 lost: the AP retransmits message 3 with a new counter; the STA
        // answers it but does not install the same keys again.
        Pair q;
        q.Create();
        HandshakeOutput n1 = q.ap->Start(q.pmk, q.group, t);
        HandshakeOutput n2 = q.sta->Receive(n1.frames[0], t);
        HandshakeOutput n3 = q.ap->Receive(n2.frames[0], t);
        HandshakeOutput n4 = q.sta->Receive(n3.frames[0], t); // lost
        t = *q.ap->NextDeadline();
        HandshakeOutput n3b = q.ap->OnTimeout(t);
        NS_TEST_ASSERT_MSG_EQ(n3b.frames.size(), 1u, "message 3 retransmitted");
        NS_TEST_ASSERT_MSG_EQ(DecodeEapolKey(n3b.frames[0]).replayCounter,
                              DecodeEapolKey(n3.frames[0]).replayCounter + 1,
                              "with a larger counter");
        HandshakeOutput n4b = q.sta->Receive(n3b.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(n4b.frames.size(), 1u, "answered");
        NS_TEST_ASSERT_MSG_EQ(n4b.events.size(), 0u, "no key reinstallation");
        HandshakeOutput done = q.ap->Receive(n4b.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(CountEvents(done, RsnEvent::Type::PtkInstalled), 1u, "AP done");
        // The first message 4 arrives late: its counter is no longer outstanding.
        HandshakeOutput late = q.ap->Receive(n4.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(late.events.size(), 0u, "late msg4 ignored");
        NS_TEST_ASSERT_MSG_EQ(q.ap->GetCounters().unexpected, 1u, "counted");
    }
};

class RetryTestCase : public ns3::TestCase
{
public:
    RetryTestCase()
        : TestCase("retransmission timer, retry limit, and a late answer to an earlier message 1")
    {}

private:
    void DoRun() override
    {
        Pair p;
        p.Create();
        TimeNs t = Seconds(1);
        HandshakeOutput first = p.ap->Start(p.pmk, p.group, t);
        NS_TEST_ASSERT_MSG_EQ((*p.ap->NextDeadline() == t + Milliseconds(100)), true, "deadline");
        NS_TEST_ASSERT_MSG_EQ(p.ap->OnTimeout(t + Milliseconds(99)).frames.size(), 0u,
                              "nothing before the deadline");
        std::vector<Bytes> sent{first.frames[0]};
        HandshakeOutput last;
        for (int i = 0; i < 10; ++i)
        {
            t = *p.ap->NextDeadline();
            last = p.ap->OnTimeout(t);
            if (last.frames.empty())
            {
                break;
            }
            sent.push_back(last.frames[0]);
        }
        // dot11RSNAConfigPairwiseUpdateCount = 4 transmissions of message 1 in all.
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 4u, "four transmissions");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().retransmissions, 3u, "three retransmissions");
        const RsnEvent* fail = FindEvent(last, RsnEvent::Type::HandshakeFailed);
        NS_TEST_ASSERT_MSG_EQ((fail != nullptr), true, "failure event");
        NS_TEST_ASSERT_MSG_EQ(fail->reasonCode, 15, "reason 15: 4-way handshake timeout");
        NS_TEST_ASSERT_MSG_EQ(CountEvents(last, RsnEvent::Type::Deauthenticate), 1u, "deauth");
        NS_TEST_ASSERT_MSG_EQ(p.ap->NextDeadline().has_value(), false, "timer stopped");
        for (size_t i = 1; i < sent.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(
                (DecodeEapolKey(sent[i]).replayCounter > DecodeEapolKey(sent[i - 1]).replayCounter),
                true, "each retransmission has a larger counter");
        }

        // A message 2 answering the first of two message 1s is still accepted.
        Pair q;
        q.Create();
        HandshakeOutput a = q.ap->Start(q.pmk, q.group, t);
        HandshakeOutput b = q.ap->OnTimeout(*q.ap->NextDeadline());
        HandshakeOutput m2a = q.sta->Receive(a.frames[0], t);
        HandshakeOutput m2b = q.sta->Receive(b.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(NonceHex(m2a.frames[0]), NonceHex(m2b.frames[0]),
                              "same SNonce for the same ANonce");
        HandshakeOutput m3 = q.ap->Receive(m2a.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(m3.frames.size(), 1u, "earlier counter still outstanding");
        HandshakeOutput m4 = q.sta->Receive(m3.frames[0], t);
        HandshakeOutput done = q.ap->Receive(m4.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(CountEvents(done, RsnEvent::Type::PtkInstalled), 1u, "completed");

        // Supplicant-side deadline (optional, SupplicantConfig::handshakeTimeout).
        Pair s;
        s.staConfig.handshakeTimeout = Seconds(2);
        s.Create();
        HandshakeOutput s1 = s.ap->Start(s.pmk, s.group, t);
        s.sta->Receive(s1.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ((*s.sta->NextDeadline() == t + Seconds(2)), true, "STA deadline");
        NS_TEST_ASSERT_MSG_EQ(s.sta->OnTimeout(t + Seconds(1)).events.size(), 0u, "not yet");
        HandshakeOutput sf = s.sta->OnTimeout(t + Seconds(2));
        NS_TEST_ASSERT_MSG_EQ(CountEvents(sf, RsnEvent::Type::HandshakeFailed), 1u, "STA gives up");
        NS_TEST_ASSERT_MSG_EQ((s.sta->GetState() == Supplicant::State::Failed), true, "failed");
    }
};

class RsneMismatchTestCase : public ns3::TestCase
{
public:
    RsneMismatchTestCase()
        : TestCase("RSNE in message 2 or 3 differing from the association or beacon one fails")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        RsnElement psk;
        psk.akms = {kAkmPsk};
        // Message 2 RSNE differs from the one the AP recorded at association (downgrade).
        Pair p;
        p.staConfig.staRsne = EncodeRsne(psk);
        p.Create();
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t);
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        HandshakeOutput r = p.ap->Receive(m2.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(r.frames.size(), 0u, "no message 3");
        const RsnEvent* f = FindEvent(r, RsnEvent::Type::HandshakeFailed);
        NS_TEST_ASSERT_MSG_EQ((f != nullptr), true, "AP fails");
        NS_TEST_ASSERT_MSG_EQ(f->reasonCode, 17, "reason 17");
        NS_TEST_ASSERT_MSG_EQ(CountEvents(r, RsnEvent::Type::Deauthenticate), 1u, "deauth");

        // Message 3 RSNE differs from the Beacon's as seen by the STA.
        Pair q;
        q.staConfig.apRsne = EncodeRsne(psk);
        q.Create();
        HandshakeOutput n1 = q.ap->Start(q.pmk, q.group, t);
        HandshakeOutput n2 = q.sta->Receive(n1.frames[0], t);
        HandshakeOutput n3 = q.ap->Receive(n2.frames[0], t);
        HandshakeOutput n4 = q.sta->Receive(n3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(n4.frames.size(), 0u, "no message 4");
        NS_TEST_ASSERT_MSG_EQ(CountEvents(n4, RsnEvent::Type::PtkInstalled), 0u, "no install");
        const RsnEvent* g = FindEvent(n4, RsnEvent::Type::HandshakeFailed);
        NS_TEST_ASSERT_MSG_EQ((g != nullptr), true, "STA fails");
        NS_TEST_ASSERT_MSG_EQ(g->reasonCode, 17, "reason 17");
        NS_TEST_ASSERT_MSG_EQ((q.sta->GetState() == Supplicant::State::Failed), true, "failed");
    }
};

class ForgedFramesTestCase : public ns3::TestCase
{
public:
    ForgedFramesTestCase()
        : TestCase("malformed, out-of-state and inconsistent frames are dropped and counted")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        Pair p;
        p.Create();
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t);
        // Garbage and truncation.
        NS_TEST_ASSERT_MSG_EQ(p.sta->Receive(Bytes{1, 2, 3}, t).frames.size(), 0u, "garbage");
        NS_TEST_ASSERT_MSG_EQ(p.ap->Receive(Slice(m1.frames[0], 0, 50), t).frames.size(), 0u,
                              "truncated");
        // Descriptor version 1 (HMAC-MD5/RC4) is not accepted.
        EapolKeyFrame k1 = DecodeEapolKey(m1.frames[0]);
        EapolKeyFrame v1 = k1;
        v1.keyInfo = (v1.keyInfo & ~keyinfo::kVersionMask) | 1;
        NS_TEST_ASSERT_MSG_EQ(p.sta->Receive(EncodeEapolKey(v1), t).frames.size(), 0u, "ver 1");
        // A frame without Ack is not from an authenticator.
        EapolKeyFrame noAck = k1;
        noAck.Set(keyinfo::kAck, false);
        NS_TEST_ASSERT_MSG_EQ(p.sta->Receive(EncodeEapolKey(noAck), t).frames.size(), 0u, "ack");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().malformed, 3u, "three malformed at STA");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().malformed, 1u, "one malformed at AP");
        // The authenticator ignores its own message 1 reflected back (Ack set).
        NS_TEST_ASSERT_MSG_EQ(p.ap->Receive(m1.frames[0], t).frames.size(), 0u, "reflection");
        // A group message 1 before any PTK.
        EapolKeyFrame grp = k1;
        grp.keyInfo = keyinfo::kVersionHmacSha1Aes | keyinfo::kAck | keyinfo::kMic
                      | keyinfo::kSecure | keyinfo::kEncryptedKeyData;
        grp.keyData = Bytes(24, 0);
        NS_TEST_ASSERT_MSG_EQ(p.sta->Receive(EncodeEapolKey(grp), t).frames.size(), 0u,
                              "group msg1 without PTK");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().unexpected, 1u, "counted unexpected");

        // Message 3 with a valid MIC but another ANonce than message 1 (12.7.6.4).
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        EapolKeyFrame k2 = DecodeEapolKey(m2.frames[0]);
        Ptk tptk = DerivePtk(p.pmk, kAa, kSpa, Bytes(k1.nonce.begin(), k1.nonce.end()),
                             Bytes(k2.nonce.begin(), k2.nonce.end()));
        EapolKeyFrame forged;
        forged.keyInfo = keyinfo::kVersionHmacSha1Aes | keyinfo::kPairwise | keyinfo::kInstall
                         | keyinfo::kAck | keyinfo::kMic | keyinfo::kSecure
                         | keyinfo::kEncryptedKeyData;
        forged.keyLength = 16;
        forged.replayCounter = k1.replayCounter + 1;
        forged.nonce = k1.nonce;
        forged.nonce[0] ^= 0xff;
        Bytes plain = p.apConfig.apRsne;
        Bytes kde = EncodeGtkKde(GtkKde{1, false, Bytes(16, 9)});
        plain.insert(plain.end(), kde.begin(), kde.end());
        forged.keyData = WrapKeyData(tptk.kek, plain);
        Bytes pdu = EncodeEapolKey(forged);
        SetEapolKeyMic(tptk.kck, pdu);
        uint64_t before = p.sta->GetCounters().unexpected;
        HandshakeOutput r = p.sta->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.frames.size() + r.events.size(), 0u, "other ANonce dropped");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().unexpected, before + 1, "counted");
        // Valid MIC, right ANonce, but key data wrapped under another KEK.
        forged.nonce = k1.nonce;
        forged.keyData = WrapKeyData(Bytes(16, 0x33), plain);
        pdu = EncodeEapolKey(forged);
        SetEapolKeyMic(tptk.kck, pdu);
        uint64_t malformed = p.sta->GetCounters().malformed;
        r = p.sta->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.frames.size() + r.events.size(), 0u, "unwrap failure dropped");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().malformed, malformed + 1, "counted");
        // Valid everything but no GTK KDE.
        forged.keyData = WrapKeyData(tptk.kek, p.apConfig.apRsne);
        pdu = EncodeEapolKey(forged);
        SetEapolKeyMic(tptk.kck, pdu);
        r = p.sta->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.frames.size() + r.events.size(), 0u, "missing GTK dropped");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().malformed, malformed + 2, "counted");
        // A forged message 3 with the right keys and content is of course accepted: the
        // checks above were the only thing stopping the others.
        forged.keyData = WrapKeyData(tptk.kek, plain);
        pdu = EncodeEapolKey(forged);
        SetEapolKeyMic(tptk.kck, pdu);
        r = p.sta->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.frames.size(), 1u, "consistent message 3 accepted");

        // Message 1 before a PMK is known.
        Pair n;
        n.ap = std::make_unique<Authenticator>(n.apConfig, n.apRng);
        n.sta = std::make_unique<Supplicant>(n.staConfig, n.staRng);
        HandshakeOutput nm1 = n.ap->Start(n.pmk, n.group, t);
        NS_TEST_ASSERT_MSG_EQ(n.sta->Receive(nm1.frames[0], t).frames.size(), 0u, "no PMK");
        NS_TEST_ASSERT_MSG_EQ(n.sta->GetCounters().unexpected, 1u, "counted");
    }
};

class GroupKeyTestCase : public ns3::TestCase
{
public:
    GroupKeyTestCase()
        : TestCase("group key handshake: success, replay, and retry exhaustion")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        Pair p;
        p.Create();
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t);
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        HandshakeOutput m3 = p.ap->Receive(m2.frames[0], t);
        HandshakeOutput m4 = p.sta->Receive(m3.frames[0], t);
        p.ap->Receive(m4.frames[0], t);
        GroupKey next;
        next.gtk = Bytes(16, 0x99);
        next.keyId = 2;
        next.rsc = FromHex("0100000000000000");
        HandshakeOutput g1 = p.ap->StartGroupRekey(next, t);
        NS_TEST_ASSERT_MSG_EQ(g1.frames.size(), 1u, "group message 1");
        EapolKeyFrame kg1 = DecodeEapolKey(g1.frames[0]);
        NS_TEST_ASSERT_MSG_EQ(kg1.Has(keyinfo::kPairwise), false, "group key type");
        NS_TEST_ASSERT_MSG_EQ(kg1.Has(keyinfo::kEncryptedKeyData), true, "encrypted");
        HandshakeOutput g2 = p.sta->Receive(g1.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(g2.frames.size(), 1u, "group message 2");
        const RsnEvent* staGtk = FindEvent(g2, RsnEvent::Type::GtkInstalled);
        NS_TEST_ASSERT_MSG_EQ((staGtk != nullptr), true, "STA installs the new GTK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(staGtk->gtk), ToHex(next.gtk), "new GTK");
        NS_TEST_ASSERT_MSG_EQ(staGtk->gtkKeyId, 2, "key id 2");
        NS_TEST_ASSERT_MSG_EQ(ToHex(staGtk->rsc), "0100000000000000", "RSC");
        HandshakeOutput gd = p.ap->Receive(g2.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(CountEvents(gd, RsnEvent::Type::GtkInstalled), 1u, "AP confirms");
        NS_TEST_ASSERT_MSG_EQ((p.ap->GetState() == Authenticator::State::PtkInitDone), true,
                              "back to PtkInitDone");
        // Replay of group message 1.
        HandshakeOutput rep = p.sta->Receive(g1.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(rep.frames.size() + rep.events.size(), 0u, "replay dropped");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().replayed, 1u, "replay counted");
        // Tampered group message 1.
        GroupKey third = next;
        third.keyId = 1;
        third.gtk = Bytes(16, 0x31);
        HandshakeOutput h1 = p.ap->StartGroupRekey(third, t);
        Bytes bad = h1.frames[0];
        bad[kEapolKeyMicOffset + 3] ^= 0x10;
        HandshakeOutput hb = p.sta->Receive(bad, t);
        NS_TEST_ASSERT_MSG_EQ(hb.frames.size() + hb.events.size(), 0u, "bad MIC dropped");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().micFailures, 1u, "MIC failure counted");
        // The STA stays silent: the AP retries, then deauthenticates with reason 16.
        HandshakeOutput last;
        int sends = 1;
        for (int i = 0; i < 10; ++i)
        {
            t = *p.ap->NextDeadline();
            last = p.ap->OnTimeout(t);
            if (last.frames.empty())
            {
                break;
            }
            ++sends;
        }
        NS_TEST_ASSERT_MSG_EQ(sends, 4, "four transmissions of group message 1");
        const RsnEvent* f = FindEvent(last, RsnEvent::Type::HandshakeFailed);
        NS_TEST_ASSERT_MSG_EQ((f != nullptr), true, "group handshake failed");
        NS_TEST_ASSERT_MSG_EQ(f->reasonCode, 16, "reason 16");
    }
};

class KeyInfoChecksTestCase : public ns3::TestCase
{
public:
    KeyInfoChecksTestCase()
        : TestCase("Key Information checks: reflection, Secure, Install, Request")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        Pair p;
        p.Create();
        HandshakeOutput m1 = p.ap->Start(p.pmk, p.group, t);
        HandshakeOutput m2 = p.sta->Receive(m1.frames[0], t);
        HandshakeOutput m3 = p.ap->Receive(m2.frames[0], t);
        // Reflection: message 3 sent back to the AP has an outstanding counter and a MIC
        // under the same KCK; only the Ack bit tells it is not a message 4.
        HandshakeOutput refl = p.ap->Receive(m3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(refl.events.size(), 0u, "reflected message 3 not taken as 4");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().malformed, 1u, "counted");
        // Message 4 without Secure, otherwise valid.
        EapolKeyFrame k1 = DecodeEapolKey(m1.frames[0]);
        EapolKeyFrame k2 = DecodeEapolKey(m2.frames[0]);
        Ptk tptk = DerivePtk(p.pmk, kAa, kSpa, Bytes(k1.nonce.begin(), k1.nonce.end()),
                             Bytes(k2.nonce.begin(), k2.nonce.end()));
        EapolKeyFrame m4;
        m4.protocolVersion = 1;
        m4.keyInfo = keyinfo::kVersionHmacSha1Aes | keyinfo::kPairwise | keyinfo::kMic;
        m4.replayCounter = DecodeEapolKey(m3.frames[0]).replayCounter;
        Bytes pdu = EncodeEapolKey(m4);
        SetEapolKeyMic(tptk.kck, pdu);
        HandshakeOutput r = p.ap->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.events.size(), 0u, "message 4 without Secure dropped");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().malformed, 2u, "counted");
        // An EAPOL-Key request from the STA (valid MIC) is not handled.
        m4.keyInfo |= keyinfo::kSecure | keyinfo::kRequest;
        pdu = EncodeEapolKey(m4);
        SetEapolKeyMic(tptk.kck, pdu);
        r = p.ap->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.events.size(), 0u, "request dropped");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().unexpected, 1u, "counted");
        // A group message 2 while the AP waits for message 4.
        m4.keyInfo = keyinfo::kVersionHmacSha1Aes | keyinfo::kMic | keyinfo::kSecure;
        pdu = EncodeEapolKey(m4);
        SetEapolKeyMic(tptk.kck, pdu);
        r = p.ap->Receive(pdu, t);
        NS_TEST_ASSERT_MSG_EQ(r.events.size(), 0u, "group message 2 out of state");
        NS_TEST_ASSERT_MSG_EQ(p.ap->GetCounters().unexpected, 2u, "counted");
        // STA side: message 3 without Install, and a frame with Request set.
        EapolKeyFrame k3 = DecodeEapolKey(m3.frames[0]);
        k3.Set(keyinfo::kInstall, false);
        pdu = EncodeEapolKey(k3);
        SetEapolKeyMic(tptk.kck, pdu);
        uint64_t malformed = p.sta->GetCounters().malformed;
        NS_TEST_ASSERT_MSG_EQ(p.sta->Receive(pdu, t).frames.size(), 0u, "no Install");
        k3.Set(keyinfo::kInstall, true);
        k3.Set(keyinfo::kRequest, true);
        pdu = EncodeEapolKey(k3);
        SetEapolKeyMic(tptk.kck, pdu);
        NS_TEST_ASSERT_MSG_EQ(p.sta->Receive(pdu, t).frames.size(), 0u, "Request set");
        NS_TEST_ASSERT_MSG_EQ(p.sta->GetCounters().malformed, malformed + 2, "both counted");
        // The genuine message 3 is still accepted afterwards.
        HandshakeOutput ok = p.sta->Receive(m3.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(ok.frames.size(), 1u, "genuine message 3");
        HandshakeOutput done = p.ap->Receive(ok.frames[0], t);
        NS_TEST_ASSERT_MSG_EQ(CountEvents(done, RsnEvent::Type::PtkInstalled), 1u, "done");
    }
};

class RsnHandshakeTestSuite : public ns3::TestSuite
{
public:
    RsnHandshakeTestSuite()
        : TestSuite("roamsec-rsn-handshake", Type::UNIT)
    {
        AddTestCase(new SuccessTestCase);
        AddTestCase(new MicFailureTestCase);
        AddTestCase(new ReplayTestCase);
        AddTestCase(new RetryTestCase);
        AddTestCase(new RsneMismatchTestCase);
        AddTestCase(new ForgedFramesTestCase);
        AddTestCase(new GroupKeyTestCase);
        AddTestCase(new KeyInfoChecksTestCase);
        AddTestCase(new FtInitialAssociationTestCase);
    }
};

RsnHandshakeTestSuite g_rsnHandshakeTestSuite;

} // namespace
