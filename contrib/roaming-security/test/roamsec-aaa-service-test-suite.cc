/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * AaaEapAkaService: the home AAA's RADIUS + EAP-AKA handling driven by the
 * project's EapAkaPeer over RadiusClient, in memory. MS-MPPE keys against the
 * peer's MSK, State handling, rejects, discards, duplicates and the bounds on
 * kept conversations. The same service against real peers and servers is
 * tested by test/interop/run-interop.sh (doc/interop.rst).
 */
#include "ns3/aaa-eap-aka-service.h"
#include "ns3/aka.h"
#include "ns3/eap-aka-peer.h"
#include "ns3/eap-aka-server.h"
#include "ns3/eap-packet.h"
#include "ns3/radius-client.h"
#include "ns3/radius-packet.h"
#include "ns3/radius-server.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/subscriber-db.h"
#include "ns3/test.h"

#include <memory>

using namespace roamsec;
using namespace ns3;

namespace {

const std::string kNas = "192.0.2.1";
const std::string kImsi = "001010000000001";
// 3GPP TS 35.208 test set 1 K and OPc (any valid pair would do here).
const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
const char* kOpc = "cd63cb71954a9f4e48a5994e37a02baf";

Bytes
Secret()
{
    return ToBytes("aaa-test-secret");
}

/** A home AAA (database, AuC, EAP server, RADIUS server, service) and one NAS + peer. */
struct Fixture
{
    explicit Fixture(AaaEapAkaServiceConfig sc = {}, const char* peerK = kK)
        : rng(7)
        , peerRng(8)
        , nasRng(9)
        , usim(FromHex(peerK), FromHex(kOpc))
        , client(Secret(), nasRng)
    {
        SubscriberRecord r;
        r.imsi = kImsi;
        r.k = FromHex(kK);
        r.opc = FromHex(kOpc);
        r.amf = 0x8000;
        r.sqn = 0x20;
        db.Add(r);
        auc = std::make_unique<AuthenticationCentre>(db, rng);
        EapAkaServerConfig ec;
        ec.profile = EapAkaProfile::Rfc4187;
        eap = std::make_unique<EapAkaServer>(*auc, rng, ec);
        radius.AddClient(kNas, Secret());
        service = std::make_unique<AaaEapAkaService>(*eap, radius, rng, sc);
        EapAkaPeerConfig pc;
        pc.profile = EapAkaProfile::Rfc4187;
        pc.imsi = kImsi;
        pc.realm.form = AkaRealmForm::ThreeGpp;
        pc.realm.mncDigits = 2;
        peer = std::make_unique<EapAkaPeer>(usim, pc, peerRng);
    }

    /** EAP-Response/Identity of the peer. */
    Bytes IdentityResponse()
    {
        EapPacket req;
        req.code = EapCode::Request;
        req.identifier = 1;
        req.type = EapType::Identity;
        return *peer->Receive(req.Serialize()).send;
    }

    RadiusPacket Request(const Bytes& eap, const Bytes& state)
    {
        RadiusPacket p;
        p.code = RadiusCode::AccessRequest;
        p.AddString(RadiusAttr::UserName, peer->CurrentIdentity());
        if (!state.empty())
        {
            p.Add(RadiusAttr::State, state);
        }
        p.SetEapMessage(eap);
        return p;
    }

    SeededRandomSource rng;
    SeededRandomSource peerRng;
    SeededRandomSource nasRng;
    SubscriberDatabase db;
    std::unique_ptr<AuthenticationCentre> auc;
    std::unique_ptr<EapAkaServer> eap;
    RadiusServer radius;
    std::unique_ptr<AaaEapAkaService> service;
    Usim usim;
    std::unique_ptr<EapAkaPeer> peer;
    RadiusClient client;
};

/** Runs one conversation; returns the last outcome and the response that ended it. */
struct RunResult
{
    AaaEapAkaOutcome last;
    std::optional<RadiusClientResponse> response;
    unsigned challenges{0};
    std::vector<Bytes> states;
};

RunResult
RunConversation(Fixture& f)
{
    RunResult rr;
    Bytes eap = f.IdentityResponse();
    Bytes state;
    TimeNs now = Seconds(1);
    for (int round = 0; round < 10; ++round)
    {
        auto sent = f.client.SendRequest(f.Request(eap, state), now);
        rr.last = f.service->Handle(kNas, sent->bytes, now);
        if (!rr.last.response)
        {
            return rr;
        }
        auto res = f.client.Receive(*rr.last.response, now);
        rr.response = res.response;
        if (!res.response)
        {
            return rr;
        }
        const RadiusPacket& r = res.response->response;
        auto reqEap = r.GetEapMessage();
        if (reqEap)
        {
            auto po = f.peer->Receive(*reqEap);
            if (po.send)
            {
                eap = *po.send;
            }
        }
        if (r.code != RadiusCode::AccessChallenge)
        {
            return rr;
        }
        rr.challenges++;
        const Bytes* s = r.Find(RadiusAttr::State);
        state = s ? *s : Bytes();
        rr.states.push_back(state);
    }
    return rr;
}

class FullAuthenticationTestCase : public TestCase
{
public:
    FullAuthenticationTestCase()
        : TestCase("EAP-AKA over RADIUS: Accept with MS-MPPE keys = peer MSK halves")
    {}

private:
    void DoRun() override
    {
        Fixture f;
        RunResult rr = RunConversation(f);
        NS_TEST_ASSERT_MSG_EQ((rr.last.event == AaaEapAkaOutcome::Event::Success), true,
                              "success expected, got " << ToString(rr.last.event) << " "
                                                       << rr.last.reason);
        NS_TEST_ASSERT_MSG_EQ(rr.response.has_value(), true, "authenticated Accept");
        const RadiusPacket& accept = rr.response->response;
        NS_TEST_ASSERT_MSG_EQ((accept.code == RadiusCode::AccessAccept), true, "Access-Accept");
        NS_TEST_ASSERT_MSG_EQ(f.peer->IsSuccess(), true, "peer accepted EAP-Success");
        const Bytes& msk = f.peer->Msk();
        NS_TEST_ASSERT_MSG_EQ(msk.size(), 64, "MSK length");
        NS_TEST_ASSERT_MSG_EQ(ToHex(rr.last.msk), ToHex(msk), "server and peer MSK agree");
        auto keys = GetMppeKeys(accept, Secret(), rr.response->requestAuthenticator);
        NS_TEST_ASSERT_MSG_EQ(keys.has_value(), true, "MS-MPPE keys present");
        NS_TEST_ASSERT_MSG_EQ(ToHex(keys->recvKey), ToHex(Slice(msk, 0, 32)),
                              "MS-MPPE-Recv-Key = MSK[0..31]");
        NS_TEST_ASSERT_MSG_EQ(ToHex(keys->sendKey), ToHex(Slice(msk, 32, 32)),
                              "MS-MPPE-Send-Key = MSK[32..63]");
        NS_TEST_ASSERT_MSG_EQ(accept.GetU32(RadiusAttr::SessionTimeout).value_or(0), 3600,
                              "Session-Timeout");
        NS_TEST_ASSERT_MSG_EQ(rr.last.imsi, kImsi, "authenticated IMSI");
        NS_TEST_ASSERT_MSG_EQ(rr.last.identity, f.peer->PermanentNai(), "identity = User-Name");
        NS_TEST_ASSERT_MSG_EQ((rr.challenges >= 1), true, "at least one challenge");
        for (const Bytes& s : rr.states)
        {
            NS_TEST_ASSERT_MSG_EQ(s.size(), 16, "State is 16 random octets");
            NS_TEST_ASSERT_MSG_EQ(ToHex(s), ToHex(rr.states[0]), "one State per conversation");
        }
        NS_TEST_ASSERT_MSG_EQ(f.service->Sessions(), 0, "session forgotten after Accept");
        NS_TEST_ASSERT_MSG_EQ(f.service->Successes(), 1, "one success");

        // A second conversation: fast re-authentication, keys still match.
        RunResult again = RunConversation(f);
        NS_TEST_ASSERT_MSG_EQ((again.last.event == AaaEapAkaOutcome::Event::Success), true,
                              "re-authentication succeeds");
        NS_TEST_ASSERT_MSG_EQ(f.peer->LastWasReauth(), true, "fast re-authentication used");
        auto keys2
            = GetMppeKeys(again.response->response, Secret(), again.response->requestAuthenticator);
        NS_TEST_ASSERT_MSG_EQ(keys2.has_value(), true, "keys in the re-auth Accept");
        NS_TEST_ASSERT_MSG_EQ(ToHex(keys2->recvKey), ToHex(Slice(f.peer->Msk(), 0, 32)),
                              "re-auth Recv-Key");
    }
};

class RejectTestCase : public TestCase
{
public:
    RejectTestCase()
        : TestCase("peer with another K: Access-Reject with EAP-Failure, session forgotten")
    {}

private:
    void DoRun() override
    {
        Fixture f({}, "fec86ba6eb707ed08905757b1bb44b8f");
        RunResult rr = RunConversation(f);
        NS_TEST_ASSERT_MSG_EQ((rr.last.event == AaaEapAkaOutcome::Event::Failure), true,
                              "failure expected");
        NS_TEST_ASSERT_MSG_EQ((rr.response->response.code == RadiusCode::AccessReject), true,
                              "Access-Reject");
        auto eap = rr.response->response.GetEapMessage();
        NS_TEST_ASSERT_MSG_EQ(
            (eap && EapPacket::Parse(*eap) && EapPacket::Parse(*eap)->code == EapCode::Failure),
            true, "EAP-Failure carried");
        NS_TEST_ASSERT_MSG_EQ(
            rr.response->response.FindVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey).has_value(),
            false, "no keys in a Reject");
        NS_TEST_ASSERT_MSG_EQ(f.service->Sessions(), 0, "session forgotten after Reject");
        NS_TEST_ASSERT_MSG_EQ(f.service->Failures(), 1, "one failure");
    }
};

class DiscardTestCase : public TestCase
{
public:
    DiscardTestCase()
        : TestCase("unknown client, missing EAP-Message, discarded EAP, duplicates")
    {}

private:
    void DoRun() override
    {
        Fixture f;
        TimeNs now = Seconds(1);
        Bytes id = f.IdentityResponse();

        // Unknown client: nothing sent.
        auto sent = f.client.SendRequest(f.Request(id, {}), now);
        auto out = f.service->Handle("198.51.100.7", sent->bytes, now);
        NS_TEST_ASSERT_MSG_EQ(out.response.has_value(), false, "no answer to an unknown client");
        NS_TEST_ASSERT_MSG_EQ((out.event == AaaEapAkaOutcome::Event::Discarded), true, "discard");
        f.client.Cancel(sent->identifier);

        // Wrong secret: bad Message-Authenticator, nothing sent.
        RadiusPacket forged = f.Request(id, {});
        Bytes wrong = EncodeRadiusRequest(forged, ToBytes("not-the-secret"));
        out = f.service->Handle(kNas, wrong, now);
        NS_TEST_ASSERT_MSG_EQ(out.response.has_value(), false, "no answer to a forged request");

        // No EAP-Message: Access-Reject.
        RadiusPacket plain;
        plain.code = RadiusCode::AccessRequest;
        plain.AddString(RadiusAttr::UserName, "someone");
        sent = f.client.SendRequest(plain, now);
        out = f.service->Handle(kNas, sent->bytes, now);
        NS_TEST_ASSERT_MSG_EQ((out.event == AaaEapAkaOutcome::Event::Failure), true, "reject");
        auto res = f.client.Receive(*out.response, now);
        NS_TEST_ASSERT_MSG_EQ(
            (res.response && res.response->response.code == RadiusCode::AccessReject), true,
            "authenticated Access-Reject");

        // An EAP packet the EAP server discards (an EAP Request, not a Response):
        // no RADIUS answer, and the retransmission is handled anew, not as
        // "duplicate in progress".
        Bytes bogus = FromHex("0101000501");
        sent = f.client.SendRequest(f.Request(bogus, {}), now);
        out = f.service->Handle(kNas, sent->bytes, now);
        NS_TEST_ASSERT_MSG_EQ(out.response.has_value(), false, "discarded EAP: no answer");
        NS_TEST_ASSERT_MSG_EQ((out.event == AaaEapAkaOutcome::Event::Discarded), true, "discard");
        auto again = f.service->Handle(kNas, sent->bytes, now);
        NS_TEST_ASSERT_MSG_EQ((again.event == AaaEapAkaOutcome::Event::Discarded), true,
                              "retransmission processed again (cache entry forgotten)");
        NS_TEST_ASSERT_MSG_EQ(again.reason.rfind("eap:", 0), 0, "discarded by EAP, not RADIUS");
        f.client.Cancel(sent->identifier);

        // Duplicate of a request already answered: the same bytes again, no new session.
        sent = f.client.SendRequest(f.Request(id, {}), now);
        auto first = f.service->Handle(kNas, sent->bytes, now);
        size_t sessions = f.service->Sessions();
        auto dup = f.service->Handle(kNas, sent->bytes, now + Milliseconds(500));
        NS_TEST_ASSERT_MSG_EQ((first.response && dup.response), true, "both answered");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*dup.response), ToHex(*first.response), "same answer");
        NS_TEST_ASSERT_MSG_EQ(f.service->Sessions(), sessions, "no new conversation");
    }
};

class BoundsTestCase : public TestCase
{
public:
    BoundsTestCase()
        : TestCase("conversations bounded by maxSessions and forgotten when idle")
    {}

private:
    void DoRun() override
    {
        AaaEapAkaServiceConfig sc;
        sc.maxSessions = 2;
        sc.sessionLifetime = Seconds(10);
        Fixture f(sc);
        Bytes id = f.IdentityResponse();
        TimeNs now = Seconds(1);
        // An unknown State starts a new conversation too.
        for (int i = 0; i < 4; ++i)
        {
            auto sent
                = f.client.SendRequest(f.Request(id, ToBytes("stale-" + std::to_string(i))), now);
            auto out = f.service->Handle(kNas, sent->bytes, now);
            NS_TEST_ASSERT_MSG_EQ((out.event == AaaEapAkaOutcome::Event::None && out.response),
                                  true, "Access-Challenge");
            f.client.Receive(*out.response, now);
            now += Milliseconds(10);
        }
        NS_TEST_ASSERT_MSG_EQ(f.service->Sessions(), 2, "oldest conversations dropped");
        now += Seconds(11);
        auto sent = f.client.SendRequest(f.Request(id, {}), now);
        f.service->Handle(kNas, sent->bytes, now);
        NS_TEST_ASSERT_MSG_EQ(f.service->Sessions(), 1, "idle conversations forgotten");
    }
};

class AaaServiceTestSuite : public TestSuite
{
public:
    AaaServiceTestSuite()
        : TestSuite("roamsec-aaa-service", Type::UNIT)
    {
        AddTestCase(new FullAuthenticationTestCase);
        AddTestCase(new RejectTestCase);
        AddTestCase(new DiscardTestCase);
        AddTestCase(new BoundsTestCase);
    }
};

AaaServiceTestSuite g_aaaServiceTestSuite;

} // namespace
