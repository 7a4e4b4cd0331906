/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * UMTS AKA flows (TS 33.102 6.3 and Annex C) between the AuC and the USIM.
 */
#include "ns3/aka.h"
#include "ns3/milenage.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/subscriber-db.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace roamsec;

namespace {

// 3GPP TS 35.208 clause 4.3, test set 1.
const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
const char* kOpc = "cd63cb71954a9f4e48a5994e37a02baf";
const char* kRand = "23553cbe9637a89d218ae64dae47bf35";
const char* kImsi = "001010000000001";

/** Returns the same bytes over and over: a RAND fixed by the test. */
class FixedRandomSource : public RandomSource
{
public:
    explicit FixedRandomSource(Bytes data)
        : m_data(std::move(data))
    {}

    void Fill(uint8_t* out, size_t len) override
    {
        for (size_t i = 0; i < len; ++i)
        {
            out[i] = m_data[i % m_data.size()];
        }
    }

private:
    Bytes m_data;
};

SubscriberDatabase
MakeDb(uint64_t sqn = 0, SimType type = SimType::Usim)
{
    SubscriberDatabase db;
    SubscriberRecord r;
    r.imsi = kImsi;
    r.k = FromHex(kK);
    r.opc = FromHex(kOpc);
    r.amf = 0xb9b9;
    r.sqn = sqn;
    r.simType = type;
    db.Add(r);
    return db;
}

Usim
MakeUsim(SqnPolicy policy = {})
{
    return Usim(FromHex(kK), FromHex(kOpc), policy);
}

using Status = UsimAuthResult::Status;

class VectorKnownAnswerTestCase : public ns3::TestCase
{
public:
    VectorKnownAnswerTestCase()
        : TestCase("AuC quintet and GSM triplet for TS 35.208 test set 1 inputs")
    {}

private:
    void DoRun() override
    {
        // SQN ff9bb4d0b607 is SEQ = 0x7fcdda6858 with IND 7 (5 IND bits): store the
        // previous SEQ with IND 6 so that the next vector carries exactly that SQN.
        const uint64_t sqn = 0xff9bb4d0b607ULL;
        SubscriberDatabase db = MakeDb((((sqn >> 5) - 1) << 5) | 6);
        FixedRandomSource rng(FromHex(kRand));
        AuthenticationCentre auc(db, rng);
        auto v = auc.GenerateVector(kImsi);
        NS_TEST_ASSERT_MSG_EQ(v.has_value(), true, "vector made");
        if (!v)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(ToHex(v->rand), kRand, "RAND from the random source");
        // AUTN = (SQN xor f5) || AMF || f1, from the TS 35.208 test set 1 outputs.
        NS_TEST_ASSERT_MSG_EQ(ToHex(v->autn), "55f328b43577b9b94a9ffac354dfafb3", "AUTN");
        NS_TEST_ASSERT_MSG_EQ(ToHex(v->xres), "a54211d5e3ba50bf", "XRES = f2");
        NS_TEST_ASSERT_MSG_EQ(ToHex(v->ck), "b40ba9a3c58b2a05bbf0d987b21bf8cb", "CK = f3");
        NS_TEST_ASSERT_MSG_EQ(ToHex(v->ik), "f769bcd751044604127672711c6d3441", "IK = f4");
        NS_TEST_ASSERT_MSG_EQ(db.Find(kImsi)->sqn, sqn, "SQN stored in the database");

        // TS 55.205 test data for the same inputs: SRES #1 and Kc.
        auto t = auc.GenerateTriplet(kImsi);
        NS_TEST_ASSERT_MSG_EQ(t.has_value(), true, "triplet made");
        NS_TEST_ASSERT_MSG_EQ(ToHex(t->sres), "46f8416a", "SRES");
        NS_TEST_ASSERT_MSG_EQ(ToHex(t->kc), "eae4be823af9a08b", "Kc");
        NS_TEST_ASSERT_MSG_EQ(db.Find(kImsi)->sqn, sqn, "a triplet does not use SQN");

        NS_TEST_ASSERT_MSG_EQ(auc.GenerateVector("001010000000002").has_value(), false,
                              "unknown IMSI");
        NS_TEST_ASSERT_MSG_EQ(auc.GenerateTriplet("001010000000002").has_value(), false,
                              "unknown IMSI (triplet)");
    }
};

class AkaSuccessTestCase : public ns3::TestCase
{
public:
    AkaSuccessTestCase()
        : TestCase("AuC vector accepted by the USIM with matching RES, CK, IK")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db = MakeDb();
        SeededRandomSource rng(1);
        AuthenticationCentre auc(db, rng);
        Usim usim = MakeUsim();
        for (int i = 1; i <= 40; ++i)
        {
            auto v = auc.GenerateVector(kImsi);
            NS_TEST_ASSERT_MSG_EQ(v.has_value(), true, "vector");
            NS_TEST_ASSERT_MSG_EQ(v->autn.size(), 16u, "AUTN size");
            const UsimAuthResult r = usim.Authenticate(v->rand, v->autn);
            NS_TEST_ASSERT_MSG_EQ((r.status == Status::Success), true, "accepted");
            NS_TEST_ASSERT_MSG_EQ(ToHex(r.res), ToHex(v->xres), "RES = XRES");
            NS_TEST_ASSERT_MSG_EQ(ToHex(r.ck), ToHex(v->ck), "CK");
            NS_TEST_ASSERT_MSG_EQ(ToHex(r.ik), ToHex(v->ik), "IK");
            NS_TEST_ASSERT_MSG_EQ(usim.HighestSeq(), static_cast<uint64_t>(i), "SEQ advances");
            // The default IND cycles through the 32 slots.
            NS_TEST_ASSERT_MSG_EQ((db.Find(kImsi)->sqn & 0x1f), static_cast<uint64_t>(i % 32),
                                  "IND");
        }
    }
};

class AkaMacFailureTestCase : public ns3::TestCase
{
public:
    AkaMacFailureTestCase()
        : TestCase("wrong K or a modified AUTN gives MacFailure and leaves the USIM unchanged")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db = MakeDb();
        SeededRandomSource rng(2);
        AuthenticationCentre auc(db, rng);
        auto v = auc.GenerateVector(kImsi);

        Bytes wrongK = FromHex(kK);
        wrongK[15] ^= 0x01;
        Usim other(wrongK, FromHex(kOpc));
        UsimAuthResult r = other.Authenticate(v->rand, v->autn);
        NS_TEST_ASSERT_MSG_EQ((r.status == Status::MacFailure), true, "wrong K");
        NS_TEST_ASSERT_MSG_EQ(r.res.empty() && r.ck.empty() && r.auts.empty(), true, "no output");

        Usim usim = MakeUsim();
        for (size_t i = 0; i < 16; ++i)
        {
            Bytes bad = v->autn;
            bad[i] ^= 0x40; // SQN xor AK, AMF and MAC are all covered by MAC-A
            r = usim.Authenticate(v->rand, bad);
            NS_TEST_ASSERT_MSG_EQ((r.status == Status::MacFailure), true, "AUTN byte modified");
        }
        Bytes badRand = v->rand;
        badRand[0] ^= 1;
        r = usim.Authenticate(badRand, v->autn);
        NS_TEST_ASSERT_MSG_EQ((r.status == Status::MacFailure), true, "other RAND");
        r = usim.Authenticate(v->rand, Bytes(v->autn.begin(), v->autn.end() - 1));
        NS_TEST_ASSERT_MSG_EQ((r.status == Status::MacFailure), true, "short AUTN");
        r = usim.Authenticate(Bytes(15), v->autn);
        NS_TEST_ASSERT_MSG_EQ((r.status == Status::MacFailure), true, "short RAND");
        NS_TEST_ASSERT_MSG_EQ(usim.HighestSeq(), 0u, "nothing accepted");
        r = usim.Authenticate(v->rand, v->autn);
        NS_TEST_ASSERT_MSG_EQ((r.status == Status::Success), true, "the genuine AUTN still works");
    }
};

class AkaResyncTestCase : public ns3::TestCase
{
public:
    AkaResyncTestCase()
        : TestCase("replayed AUTN: SyncFailure, AUTS, AuC resynchronisation, next vector accepted")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db = MakeDb();
        SeededRandomSource rng(3);
        AuthenticationCentre auc(db, rng);
        Usim usim = MakeUsim();
        auto v1 = auc.GenerateVector(kImsi);
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(v1->rand, v1->autn).status == Status::Success),
                              true, "first use");
        const UsimAuthResult replay = usim.Authenticate(v1->rand, v1->autn);
        NS_TEST_ASSERT_MSG_EQ((replay.status == Status::SyncFailure), true, "replay refused");
        NS_TEST_ASSERT_MSG_EQ(replay.auts.size(), 14u, "AUTS size");
        if (replay.auts.size() != 14)
        {
            return; // the checks below slice AUTS
        }
        NS_TEST_ASSERT_MSG_EQ(replay.res.empty(), true, "no RES on sync failure");

        // AUTS = SQN_MS xor f5*(RAND) || f1*(SQN_MS, RAND, AMF = 0000) (6.3.3, 6.3.5).
        const Milenage m(FromHex(kK), FromHex(kOpc));
        Bytes sqnMs(replay.auts.begin(), replay.auts.begin() + 6);
        XorInto(sqnMs, m.F5Star(v1->rand));
        NS_TEST_ASSERT_MSG_EQ(ByteReader(sqnMs).ReadU48(), usim.SqnMs(), "SQN_MS in AUTS");
        NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(replay.auts.begin() + 6, replay.auts.end())),
                              ToHex(m.F1Star(v1->rand, sqnMs, FromHex("0000"))),
                              "MAC-S over SQN_MS with AMF 0000");

        NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, v1->rand, replay.auts)
                               == AuthenticationCentre::ResyncResult::Resynchronised),
                              true, "AuC accepts the AUTS");
        auto v2 = auc.GenerateVector(kImsi);
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(v2->rand, v2->autn).status == Status::Success),
                              true, "next vector accepted");

        // The AuC far ahead (beyond delta): the USIM refuses, the AUTS brings SEQ_HE back.
        db.SetSqn(kImsi, (uint64_t{1} << 40) << 5);
        auto v3 = auc.GenerateVector(kImsi);
        const UsimAuthResult far = usim.Authenticate(v3->rand, v3->autn);
        NS_TEST_ASSERT_MSG_EQ((far.status == Status::SyncFailure), true, "SEQ beyond delta");
        NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, v3->rand, far.auts)
                               == AuthenticationCentre::ResyncResult::Resynchronised),
                              true, "resynchronised");
        NS_TEST_ASSERT_MSG_EQ((db.Find(kImsi)->sqn >> 5), usim.HighestSeq(), "SEQ_HE = SEQ_MS");
        auto v4 = auc.GenerateVector(kImsi);
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(v4->rand, v4->autn).status == Status::Success),
                              true, "accepted after the reset");
    }
};

class AkaBadAutsTestCase : public ns3::TestCase
{
public:
    AkaBadAutsTestCase()
        : TestCase("AUTS with a bad MAC-S, another RAND or a wrong size is rejected by the AuC")
    {}

private:
    void DoRun() override
    {
        const uint64_t ahead = (uint64_t{1} << 35) << 5;
        SubscriberDatabase db = MakeDb(ahead);
        SeededRandomSource rng(4);
        AuthenticationCentre auc(db, rng);
        Usim usim = MakeUsim();
        auto v = auc.GenerateVector(kImsi);
        const uint64_t issued = db.Find(kImsi)->sqn;
        const UsimAuthResult r = usim.Authenticate(v->rand, v->autn);
        NS_TEST_ASSERT_MSG_EQ((r.status == Status::SyncFailure), true, "AuC ahead by > delta");
        if (r.auts.size() != 14)
        {
            return;
        }

        using RR = AuthenticationCentre::ResyncResult;
        for (size_t i = 0; i < 14; ++i)
        {
            Bytes bad = r.auts;
            bad[i] ^= 0x01; // a change to SQN_MS xor AK* or to MAC-S
            NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, v->rand, bad) == RR::MacFailure), true,
                                  "modified AUTS");
        }
        Bytes otherRand = v->rand;
        otherRand[3] ^= 0x80;
        NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, otherRand, r.auts) == RR::MacFailure), true,
                              "AUTS bound to its RAND");
        NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, v->rand, Bytes(13)) == RR::MacFailure),
                              true, "short AUTS");
        NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, Bytes(16), Bytes(14)) == RR::MacFailure),
                              true, "zero AUTS");
        NS_TEST_ASSERT_MSG_EQ(
            (auc.Resynchronise("001010000000009", v->rand, r.auts) == RR::UnknownSubscriber), true,
            "unknown IMSI");
        NS_TEST_ASSERT_MSG_EQ(db.Find(kImsi)->sqn, issued, "SQN_HE unchanged by rejected AUTS");
        NS_TEST_ASSERT_MSG_EQ((auc.Resynchronise(kImsi, v->rand, r.auts) == RR::Resynchronised),
                              true, "the genuine AUTS is accepted");
        NS_TEST_ASSERT_MSG_EQ((db.Find(kImsi)->sqn >> 5), 0u, "SEQ_HE reset to SEQ_MS");
    }
};

class AkaDeltaWindowTestCase : public ns3::TestCase
{
public:
    AkaDeltaWindowTestCase()
        : TestCase("SQN more than delta above SEQ_MS is rejected, delta itself accepted")
    {}

private:
    void DoRun() override
    {
        const SqnPolicy policy{5, 16};
        SeededRandomSource rng(5);
        {
            // Next SEQ = 16 = SEQ_MS (0) + delta: accepted.
            SubscriberDatabase db = MakeDb(15 << 5);
            AuthenticationCentre auc(db, rng, policy);
            Usim usim = MakeUsim(policy);
            auto v = auc.GenerateVector(kImsi);
            NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(v->rand, v->autn).status == Status::Success),
                                  true, "SEQ_MS + delta");
        }
        {
            // Next SEQ = 17 > delta: refused until resynchronised.
            SubscriberDatabase db = MakeDb(16 << 5);
            AuthenticationCentre auc(db, rng, policy);
            Usim usim = MakeUsim(policy);
            auto v = auc.GenerateVector(kImsi);
            const UsimAuthResult r = usim.Authenticate(v->rand, v->autn);
            NS_TEST_ASSERT_MSG_EQ((r.status == Status::SyncFailure), true, "SEQ_MS + delta + 1");
            NS_TEST_ASSERT_MSG_EQ(usim.HighestSeq(), 0u, "not accepted");
            auc.Resynchronise(kImsi, v->rand, r.auts);
            v = auc.GenerateVector(kImsi);
            NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(v->rand, v->autn).status == Status::Success),
                                  true, "accepted after resync");
            NS_TEST_ASSERT_MSG_EQ(usim.HighestSeq(), 1u, "SEQ restarted from SEQ_MS");
        }
        {
            // The window moves with SEQ_MS.
            Usim usim = MakeUsim(policy);
            usim.SetLastAcceptedSqn(100 << 5);
            SubscriberDatabase db = MakeDb(115 << 5);
            AuthenticationCentre auc(db, rng, policy);
            auto v = auc.GenerateVector(kImsi);
            NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(v->rand, v->autn).status == Status::Success),
                                  true, "116 with SEQ_MS 100");
            db.SetSqn(kImsi, 140 << 5);
            v = auc.GenerateVector(kImsi);
            NS_TEST_ASSERT_MSG_EQ(
                (usim.Authenticate(v->rand, v->autn).status == Status::SyncFailure), true,
                "141 with SEQ_MS 116");
        }
    }
};

class AkaIndSlotTestCase : public ns3::TestCase
{
public:
    AkaIndSlotTestCase()
        : TestCase("older SEQ accepted in another IND slot, refused in the same slot")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db = MakeDb();
        SeededRandomSource rng(6);
        AuthenticationCentre auc(db, rng);
        Usim usim = MakeUsim();
        auto a = auc.GenerateVectorForInd(kImsi, 1); // SEQ 1, IND 1
        auto b = auc.GenerateVectorForInd(kImsi, 2); // SEQ 2, IND 2
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(b->rand, b->autn).status == Status::Success), true,
                              "newer vector first");
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(a->rand, a->autn).status == Status::Success), true,
                              "older SEQ in another slot accepted");

        auto c = auc.GenerateVectorForInd(kImsi, 1); // SEQ 3, IND 1
        auto d = auc.GenerateVectorForInd(kImsi, 1); // SEQ 4, IND 1
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(d->rand, d->autn).status == Status::Success), true,
                              "SEQ 4 in slot 1");
        NS_TEST_ASSERT_MSG_EQ((usim.Authenticate(c->rand, c->autn).status == Status::SyncFailure),
                              true, "older SEQ in the same slot refused");
        NS_TEST_ASSERT_MSG_EQ(usim.HighestSeq(), 4u, "SEQ_MS");
        NS_TEST_ASSERT_MSG_EQ(usim.SqnMs(), ((uint64_t{4} << 5) | 1), "SQN_MS = SEQ_MS || IND");

        bool threw = false;
        try
        {
            auc.GenerateVectorForInd(kImsi, 32);
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "IND beyond 5 bits refused");

        threw = false;
        try
        {
            Usim bad(FromHex(kK), FromHex(kOpc), SqnPolicy{17, 1});
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "indBits above 16 refused");

        int refused = 0;
        auto expectInvalid = [&refused](auto f)
        {
            try
            {
                f();
            }
            catch (const std::invalid_argument&)
            {
                ++refused;
            }
        };
        expectInvalid([] { Usim(Bytes(15), FromHex(kOpc)); });
        expectInvalid([] { Usim(FromHex(kK), Bytes(17)); });
        expectInvalid([&db, &rng] { AuthenticationCentre(db, rng, SqnPolicy{17, 1}); });
        expectInvalid([&usim] { usim.RunGsm(Bytes(8)); });
        NS_TEST_ASSERT_MSG_EQ(refused, 4, "bad K, OPc, policy and RAND sizes refused");

        // SEQ exhausted: no vector rather than a wrapped SQN.
        db.SetSqn(kImsi, SubscriberDatabase::kMaxSqn);
        NS_TEST_ASSERT_MSG_EQ(auc.GenerateVector(kImsi).has_value(), false, "SEQ exhausted");
    }
};

class AkaGsmTestCase : public ns3::TestCase
{
public:
    AkaGsmTestCase()
        : TestCase("GSM triplet from the AuC equals the USIM in GSM context; SIM-only subscribers")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db = MakeDb();
        SeededRandomSource rng(7);
        AuthenticationCentre auc(db, rng);
        const Usim usim = MakeUsim();
        for (int i = 0; i < 5; ++i)
        {
            auto t = auc.GenerateTriplet(kImsi);
            NS_TEST_ASSERT_MSG_EQ(t.has_value(), true, "triplet");
            const GsmTriplet u = usim.RunGsm(t->rand);
            NS_TEST_ASSERT_MSG_EQ(ToHex(u.sres), ToHex(t->sres), "SRES");
            NS_TEST_ASSERT_MSG_EQ(ToHex(u.kc), ToHex(t->kc), "Kc");
            NS_TEST_ASSERT_MSG_EQ(ToHex(u.rand), ToHex(t->rand), "RAND");
        }
        // RunGsm is the 6.8.1.2 conversion of the UMTS outputs for the same RAND.
        auto v = auc.GenerateVector(kImsi);
        const GsmTriplet u = usim.RunGsm(v->rand);
        NS_TEST_ASSERT_MSG_EQ(ToHex(u.sres), ToHex(GsmC2(v->xres)), "c2(XRES)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(u.kc), ToHex(GsmC3(v->ck, v->ik)), "c3(CK, IK)");

        SubscriberDatabase simDb = MakeDb(0, SimType::Sim);
        AuthenticationCentre simAuc(simDb, rng);
        NS_TEST_ASSERT_MSG_EQ(simAuc.GenerateVector(kImsi).has_value(), false,
                              "no quintet for a SIM");
        auto t = simAuc.GenerateTriplet(kImsi);
        NS_TEST_ASSERT_MSG_EQ(t.has_value(), true, "triplet for a SIM");
        const GsmMilenageResult g = GsmMilenage(FromHex(kK), FromHex(kOpc), t->rand);
        NS_TEST_ASSERT_MSG_EQ(ToHex(t->sres) + ToHex(t->kc), ToHex(g.sres) + ToHex(g.kc),
                              "GSM-MILENAGE");
        NS_TEST_ASSERT_MSG_EQ((simAuc.Resynchronise(kImsi, t->rand, Bytes(14))
                               == AuthenticationCentre::ResyncResult::UnknownSubscriber),
                              true, "no resynchronisation for a SIM");
    }
};

class AkaTestSuite : public ns3::TestSuite
{
public:
    AkaTestSuite()
        : TestSuite("roamsec-aka", Type::UNIT)
    {
        AddTestCase(new VectorKnownAnswerTestCase);
        AddTestCase(new AkaSuccessTestCase);
        AddTestCase(new AkaMacFailureTestCase);
        AddTestCase(new AkaResyncTestCase);
        AddTestCase(new AkaBadAutsTestCase);
        AddTestCase(new AkaDeltaWindowTestCase);
        AddTestCase(new AkaIndSlotTestCase);
        AddTestCase(new AkaGsmTestCase);
    }
};

AkaTestSuite g_akaTestSuite;

} // namespace
