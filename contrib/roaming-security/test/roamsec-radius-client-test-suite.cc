/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS client and server helpers: identifier allocation, retransmission and
 * give-up, response matching and authentication, server validation, duplicate
 * detection with replay of the cached response.
 */
#include "ns3/radius-client.h"
#include "ns3/radius-packet.h"
#include "ns3/radius-server.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

#include <set>

using namespace roamsec;

namespace {

const std::string kNas = "10.0.0.1:1812";

Bytes
NasSecret()
{
    return ToBytes("nas-secret");
}

RadiusPacket
EapRequest(const std::string& user)
{
    RadiusPacket p;
    p.code = RadiusCode::AccessRequest;
    p.AddString(RadiusAttr::UserName, user);
    p.AddString(RadiusAttr::CallingStationId, "02-00-00-00-00-01");
    p.AddU32(RadiusAttr::FramedMtu, 1400);
    p.SetEapMessage(FromHex("0201000501"));
    return p;
}

/** A well-formed response with a valid MA and Response Authenticator. */
Bytes
GoodResponse(uint8_t id, const Bytes& reqAuth, RadiusCode code = RadiusCode::AccessChallenge)
{
    RadiusPacket r;
    r.code = code;
    r.identifier = id;
    r.AddString(RadiusAttr::State, "state-1");
    r.SetEapMessage(FromHex("0102000517"));
    return EncodeRadiusResponse(r, reqAuth, NasSecret(), true);
}

class ClientServerExchangeTestCase : public ns3::TestCase
{
public:
    ClientServerExchangeTestCase()
        : TestCase("client request, server validation and response, client match")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(1);
        RadiusClient client(NasSecret(), rng);
        RadiusServer server;
        server.AddClient(kNas, NasSecret());

        RadiusPacket req = EapRequest("0234150999999999@wlan.example.org");
        req.AddString(RadiusAttr::UserPassword, "arctangent");
        auto sent = client.SendRequest(req, Seconds(0), 42);
        NS_TEST_ASSERT_MSG_EQ(sent.has_value(), true, "sent");
        NS_TEST_ASSERT_MSG_EQ(client.Outstanding(), 1u, "outstanding");
        NS_TEST_ASSERT_MSG_EQ(client.NextDeadline().has_value(), true, "timer armed");

        auto in = server.Receive(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((in.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "server accepts");
        const RadiusPacket& got = *in.request;
        NS_TEST_ASSERT_MSG_EQ(got.identifier, sent->identifier, "identifier");
        NS_TEST_ASSERT_MSG_EQ(ToHex(got.authenticator), ToHex(sent->requestAuthenticator),
                              "authenticator");
        NS_TEST_ASSERT_MSG_EQ(got.Has(RadiusAttr::MessageAuthenticator), true, "MA present");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*got.GetEapMessage()), "0201000501", "EAP carried");
        auto pw = DecryptUserPassword(NasSecret(), got.authenticator,
                                      *got.Find(RadiusAttr::UserPassword));
        NS_TEST_ASSERT_MSG_EQ(std::string(pw->begin(), pw->end()), "arctangent",
                              "User-Password hidden by the client");

        RadiusPacket accept;
        accept.code = RadiusCode::AccessAccept;
        accept.SetEapMessage(FromHex("03020004"));
        accept.AddU32(RadiusAttr::SessionTimeout, 3600);
        AddMppeKeys(accept, NasSecret(), got.authenticator, Bytes(32, 0xaa), Bytes(32, 0xbb), rng);
        Bytes out = server.Respond(kNas, got, accept, Seconds(0));
        auto rr = client.Receive(out, Seconds(1));
        NS_TEST_ASSERT_MSG_EQ(rr.response.has_value(), true, "client matches");
        NS_TEST_ASSERT_MSG_EQ(rr.response->cookie, 42u, "cookie");
        NS_TEST_ASSERT_MSG_EQ((rr.response->response.code == RadiusCode::AccessAccept), true,
                              "Accept");
        NS_TEST_ASSERT_MSG_EQ(*rr.response->response.GetU32(RadiusAttr::SessionTimeout), 3600u,
                              "Session-Timeout");
        auto keys = GetMppeKeys(rr.response->response, client.GetSecret(),
                                rr.response->requestAuthenticator);
        NS_TEST_ASSERT_MSG_EQ(
            (keys && keys->sendKey == Bytes(32, 0xaa) && keys->recvKey == Bytes(32, 0xbb)), true,
            "MPPE keys");
        NS_TEST_ASSERT_MSG_EQ(client.Outstanding(), 0u, "nothing outstanding");
        NS_TEST_ASSERT_MSG_EQ(client.NextDeadline().has_value(), false, "no timer");
        // The same response again: its identifier is no longer outstanding.
        rr = client.Receive(out, Seconds(1));
        NS_TEST_ASSERT_MSG_EQ((rr.discard == RadiusClientDiscard::UnknownIdentifier), true,
                              "late duplicate response");
        NS_TEST_ASSERT_MSG_EQ(client.GetCounters().unknownIdentifier, 1u, "counted");
        bool threw = false;
        try
        {
            client.SendRequest(accept, Seconds(0));
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "client sends Access-Requests only");
    }
};

class ClientDiscardTestCase : public ns3::TestCase
{
public:
    ClientDiscardTestCase()
        : TestCase("client drops bad MA, bad Response Authenticator, missing MA, malformed")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(2);
        RadiusClient client(NasSecret(), rng);
        auto sent = client.SendRequest(EapRequest("u@r"), Seconds(0));
        uint8_t id = sent->identifier;
        Bytes good = GoodResponse(id, sent->requestAuthenticator);

        Bytes bad = good;
        bad[good.size() - 3] ^= 0x01; // inside the MA
        auto r = client.Receive(bad, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::BadMessageAuthenticator), true,
                              "bad MA");
        bad = good;
        bad[4] ^= 0x01; // Response Authenticator only: MA still verifies
        r = client.Receive(bad, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::BadResponseAuthenticator), true,
                              "bad Response Authenticator");
        // Signed with another secret.
        RadiusPacket p = *RadiusPacket::Parse(good);
        p.Remove(RadiusAttr::MessageAuthenticator);
        r = client.Receive(EncodeRadiusResponse(p, sent->requestAuthenticator, ToBytes("x")),
                           Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::BadMessageAuthenticator), true,
                              "wrong secret");
        // EAP-Message without MA but a correct Response Authenticator.
        p.authenticator = sent->requestAuthenticator;
        Bytes noMa = p.Serialize();
        Bytes ra = ComputeResponseAuthenticator(noMa, sent->requestAuthenticator, NasSecret());
        std::copy(ra.begin(), ra.end(), noMa.begin() + 4);
        r = client.Receive(noMa, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::MissingMessageAuthenticator), true,
                              "missing MA with EAP-Message");
        // Truncated datagram and truncated attribute.
        r = client.Receive(Bytes(good.begin(), good.end() - 1), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::Malformed), true, "short");
        bad = good;
        bad[21] = 0xff;
        r = client.Receive(bad, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::Malformed), true,
                              "attribute past the end");
        // An Access-Request echoed back.
        r = client.Receive(sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::NotAResponse), true, "request");
        bad = good;
        bad[1] = static_cast<uint8_t>(id + 1);
        r = client.Receive(bad, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::UnknownIdentifier), true,
                              "other identifier");

        const auto& c = client.GetCounters();
        NS_TEST_ASSERT_MSG_EQ(c.badMessageAuthenticator, 2u, "bad MA counted");
        NS_TEST_ASSERT_MSG_EQ(c.badResponseAuthenticator, 1u, "bad RA counted");
        NS_TEST_ASSERT_MSG_EQ(c.missingMessageAuthenticator, 1u, "missing MA counted");
        NS_TEST_ASSERT_MSG_EQ(c.malformed, 2u, "malformed counted");
        NS_TEST_ASSERT_MSG_EQ(c.notAResponse, 1u, "request counted");
        NS_TEST_ASSERT_MSG_EQ(client.Outstanding(), 1u, "request still outstanding");
        // Trailing octets past Length do not disturb matching.
        Bytes padded = good;
        padded.push_back(0);
        r = client.Receive(padded, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(r.response.has_value(), true, "genuine response still accepted");
        NS_TEST_ASSERT_MSG_EQ(*r.response->response.GetString(RadiusAttr::State), "state-1",
                              "State");
    }
};

class RetransmissionTestCase : public ns3::TestCase
{
public:
    RetransmissionTestCase()
        : TestCase("identical retransmission on timeout, give-up after the retry limit")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(3);
        RadiusClientConfig cfg;
        cfg.timeout = Seconds(2);
        cfg.maxRetries = 2;
        RadiusClient client(NasSecret(), rng, cfg);
        auto sent = client.SendRequest(EapRequest("u@r"), Seconds(10), 9);
        NS_TEST_ASSERT_MSG_EQ((client.NextDeadline() == Seconds(12)), true, "first deadline");
        NS_TEST_ASSERT_MSG_EQ(client.OnTimeout(Seconds(11)).empty(), true, "not yet");

        auto ev = client.OnTimeout(Seconds(12));
        NS_TEST_ASSERT_MSG_EQ(ev.size(), 1u, "one event");
        NS_TEST_ASSERT_MSG_EQ((ev[0].kind == RadiusClientEvent::Kind::Retransmit), true, "rtx 1");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ev[0].bytes), ToHex(sent->bytes), "identical datagram");
        NS_TEST_ASSERT_MSG_EQ((client.NextDeadline() == Seconds(14)), true, "re-armed");
        ev = client.OnTimeout(Seconds(14));
        NS_TEST_ASSERT_MSG_EQ((ev.size() == 1 && ev[0].kind == RadiusClientEvent::Kind::Retransmit),
                              true, "rtx 2");
        ev = client.OnTimeout(Seconds(16));
        NS_TEST_ASSERT_MSG_EQ((ev.size() == 1 && ev[0].kind == RadiusClientEvent::Kind::GiveUp),
                              true, "give up after 2 retries");
        NS_TEST_ASSERT_MSG_EQ(ev[0].cookie, 9u, "cookie");
        NS_TEST_ASSERT_MSG_EQ(ev[0].identifier, sent->identifier, "identifier");
        NS_TEST_ASSERT_MSG_EQ(client.Outstanding(), 0u, "freed");
        NS_TEST_ASSERT_MSG_EQ(client.NextDeadline().has_value(), false, "no timer");
        NS_TEST_ASSERT_MSG_EQ(client.GetCounters().retransmissions, 2u, "rtx counted");
        NS_TEST_ASSERT_MSG_EQ(client.GetCounters().giveUps, 1u, "give-up counted");
        auto r = client.Receive(GoodResponse(sent->identifier, sent->requestAuthenticator),
                                Seconds(17));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusClientDiscard::UnknownIdentifier), true,
                              "response after give-up");

        // A response after one retransmission reports it.
        auto s2 = client.SendRequest(EapRequest("u@r"), Seconds(20));
        client.OnTimeout(Seconds(22));
        r = client.Receive(GoodResponse(s2->identifier, s2->requestAuthenticator), Seconds(23));
        NS_TEST_ASSERT_MSG_EQ((r.response && r.response->retransmissions == 1), true, "rtx seen");
        NS_TEST_ASSERT_MSG_EQ(client.OnTimeout(Seconds(100)).empty(), true, "nothing left");
        // Cancel.
        auto s3 = client.SendRequest(EapRequest("u@r"), Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(client.Cancel(s3->identifier), true, "cancel");
        NS_TEST_ASSERT_MSG_EQ(client.Cancel(s3->identifier), false, "cancel twice");
        NS_TEST_ASSERT_MSG_EQ(client.OnTimeout(Seconds(100)).empty(), true, "cancelled");
    }
};

class IdentifierSpaceTestCase : public ns3::TestCase
{
public:
    IdentifierSpaceTestCase()
        : TestCase("at most 256 outstanding identifiers, all distinct")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(4);
        RadiusClient client(NasSecret(), rng);
        std::set<uint8_t> ids;
        std::set<std::string> auths;
        std::optional<RadiusClient::Sent> first;
        for (int i = 0; i < 256; ++i)
        {
            auto s = client.SendRequest(EapRequest("u@r"), Seconds(0));
            NS_TEST_ASSERT_MSG_EQ(s.has_value(), true, "request " << i);
            ids.insert(s->identifier);
            auths.insert(ToHex(s->requestAuthenticator));
            if (!first)
            {
                first = s;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(ids.size(), 256u, "distinct identifiers");
        NS_TEST_ASSERT_MSG_EQ(auths.size(), 256u, "distinct authenticators");
        NS_TEST_ASSERT_MSG_EQ(client.SendRequest(EapRequest("u@r"), Seconds(0)).has_value(), false,
                              "257th refused");
        auto r = client.Receive(GoodResponse(first->identifier, first->requestAuthenticator),
                                Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(r.response.has_value(), true, "answered");
        auto s = client.SendRequest(EapRequest("u@r"), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((s.has_value() && s->identifier == first->identifier), true,
                              "freed identifier reused");
        NS_TEST_ASSERT_MSG_EQ(client.OnTimeout(Seconds(3)).size(), 256u, "all retransmitted");
    }
};

class ServerValidationTestCase : public ns3::TestCase
{
public:
    ServerValidationTestCase()
        : TestCase("server drops unknown client, bad or missing MA, non-requests, malformed")
    {}

private:
    void DoRun() override
    {
        RadiusServer server;
        server.AddClient(kNas, NasSecret());
        RadiusPacket req = EapRequest("u@r");
        req.identifier = 5;
        req.authenticator = FromHex("0102030405060708090a0b0c0d0e0f10");
        Bytes good = EncodeRadiusRequest(req, NasSecret());

        auto r = server.Receive("10.9.9.9:1812", good, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::UnknownClient), true, "client");
        r = server.Receive(kNas, EncodeRadiusRequest(req, ToBytes("wrong")), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::BadMessageAuthenticator), true,
                              "bad MA");
        Bytes bad = good;
        bad[24] ^= 0x20;
        r = server.Receive(kNas, bad, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::BadMessageAuthenticator), true,
                              "tampered attribute");
        r = server.Receive(kNas, req.Serialize(), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::MissingMessageAuthenticator), true,
                              "EAP without MA");
        r = server.Receive(kNas, GoodResponse(5, req.authenticator), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::NotARequest), true, "response");
        r = server.Receive(kNas, Bytes(good.begin(), good.begin() + 30), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::Malformed), true, "truncated");

        RadiusServerConfig strict;
        strict.requireMessageAuthenticator = true;
        RadiusServer s2(strict);
        s2.AddClient(kNas, NasSecret());
        RadiusPacket plain;
        plain.AddString(RadiusAttr::UserName, "u");
        r = s2.Receive(kNas, plain.Serialize(), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.discard == RadiusServerDiscard::MissingMessageAuthenticator), true,
                              "MA required by configuration");
        r = server.Receive(kNas, plain.Serialize(), Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "MA optional without EAP by default");

        const auto& c = server.GetCounters();
        NS_TEST_ASSERT_MSG_EQ(c.unknownClient, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(c.badMessageAuthenticator, 2u, "counted");
        NS_TEST_ASSERT_MSG_EQ(c.missingMessageAuthenticator, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(c.notARequest, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(c.malformed, 1u, "counted");
        r = server.Receive(kNas, good, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "the genuine request passes");
    }
};

class ServerDuplicateTestCase : public ns3::TestCase
{
public:
    ServerDuplicateTestCase()
        : TestCase("duplicate detection by client, identifier and authenticator; cached replay")
    {}

private:
    void DoRun() override
    {
        RadiusServerConfig cfg;
        cfg.duplicateWindow = Seconds(5);
        RadiusServer server(cfg);
        server.AddClient(kNas, NasSecret());
        server.AddClient("other", NasSecret());
        RadiusPacket req = EapRequest("u@r");
        req.identifier = 77;
        req.authenticator = FromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        req.Add(RadiusAttr::ProxyState, ToBytes("ps-1"));
        req.Add(RadiusAttr::ProxyState, ToBytes("ps-2"));
        Bytes raw = EncodeRadiusRequest(req, NasSecret());

        auto r = server.Receive(kNas, raw, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true, "new");
        auto dup = server.Receive(kNas, raw, Seconds(1));
        NS_TEST_ASSERT_MSG_EQ(
            (dup.kind == RadiusServerReceiveResult::Kind::Duplicate && dup.cachedResponse.empty()),
            true, "duplicate while in progress");
        RadiusPacket ch;
        ch.code = RadiusCode::AccessChallenge;
        ch.SetEapMessage(FromHex("0103000517"));
        ch.Add(RadiusAttr::ProxyState, ToBytes("bogus"));
        Bytes out = server.Respond(kNas, *r.request, ch, Seconds(1));
        dup = server.Receive(kNas, raw, Seconds(2));
        NS_TEST_ASSERT_MSG_EQ((dup.kind == RadiusServerReceiveResult::Kind::Duplicate), true,
                              "dup");
        NS_TEST_ASSERT_MSG_EQ(ToHex(dup.cachedResponse), ToHex(out), "cached response replayed");
        NS_TEST_ASSERT_MSG_EQ(server.GetCounters().duplicatesReplayed, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(server.GetCounters().duplicatesInProgress, 1u, "counted");

        // The response: same identifier, Proxy-States of the request in order only.
        auto resp = RadiusPacket::Parse(out);
        NS_TEST_ASSERT_MSG_EQ(resp->identifier, 77, "identifier copied");
        auto ps = resp->FindAll(RadiusAttr::ProxyState);
        NS_TEST_ASSERT_MSG_EQ(
            (ps.size() == 2 && ps[0] == ToBytes("ps-1") && ps[1] == ToBytes("ps-2")), true,
            "Proxy-State copied in order");
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusResponse(out, req.authenticator, NasSecret()) == RadiusAuthResult::Ok),
            true, "response authenticated");

        // Not duplicates: another client, another authenticator, after the window.
        r = server.Receive("other", raw, Seconds(2));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "other source");
        RadiusPacket req2 = req;
        req2.authenticator[0] ^= 1;
        r = server.Receive(kNas, EncodeRadiusRequest(req2, NasSecret()), Seconds(3));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "new authenticator under the same identifier");
        r = server.Receive(kNas, raw, Seconds(4));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "the old one was replaced");
        r = server.Receive(kNas, raw, Seconds(10));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "outside the window");
        server.Forget(kNas, *r.request);
        r = server.Receive(kNas, raw, Seconds(10));
        NS_TEST_ASSERT_MSG_EQ((r.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "forgotten");
    }
};

class RadiusClientTestSuite : public ns3::TestSuite
{
public:
    RadiusClientTestSuite()
        : TestSuite("roamsec-radius-client", Type::UNIT)
    {
        AddTestCase(new ClientServerExchangeTestCase);
        AddTestCase(new ClientDiscardTestCase);
        AddTestCase(new RetransmissionTestCase);
        AddTestCase(new IdentifierSpaceTestCase);
        AddTestCase(new ServerValidationTestCase);
        AddTestCase(new ServerDuplicateTestCase);
    }
};

RadiusClientTestSuite g_radiusClientTestSuite;

} // namespace
