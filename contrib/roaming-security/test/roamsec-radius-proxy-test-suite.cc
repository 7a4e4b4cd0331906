/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS proxy: realm routing, Proxy-State round trip (RFC 2865 5.33), per-hop
 * identifiers, authenticators and secrets, MPPE key re-encryption, no-route
 * rejection, home timeouts and NAS retransmissions.
 */
#include "ns3/radius-client.h"
#include "ns3/radius-packet.h"
#include "ns3/radius-proxy.h"
#include "ns3/radius-server.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

using namespace roamsec;

namespace {

const std::string kNas = "ap-1";
const std::string kHome = "home-aaa";
const std::string kProxyAtHome = "visited-aaa";

Bytes
NasSecret()
{
    return ToBytes("nas<->visited");
}

Bytes
HomeSecret()
{
    return ToBytes("visited<->home");
}

RadiusPacket
EapRequest(const std::string& user)
{
    RadiusPacket p;
    p.code = RadiusCode::AccessRequest;
    p.AddString(RadiusAttr::UserName, user);
    p.AddString(RadiusAttr::NasIdentifier, "ap-1");
    p.AddString(RadiusAttr::CalledStationId, "02-00-00-00-00-aa:roam");
    p.Add(200, FromHex("cafe")); // unknown attribute: must pass through
    p.SetEapMessage(FromHex("0207000b01757365"));
    return p;
}

class RealmTableTestCase : public ns3::TestCase
{
public:
    RealmTableTestCase()
        : TestCase("realm routing: longest suffix on labels, default, case")
    {}

private:
    void DoRun() override
    {
        RadiusRealmTable t;
        NS_TEST_ASSERT_MSG_EQ(t.Lookup("u@example.org").has_value(), false, "empty table");
        t.AddRoute("example.org", "A");
        t.AddRoute("wlan.example.org", "B");
        t.AddRoute("mnc001.mcc001.3gppnetwork.org", "C");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("u@example.org"), "A", "exact");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("u@x.example.org"), "A", "sub-domain");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("u@wlan.example.org"), "B", "longest");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("u@ap.WLAN.Example.ORG"), "B", "case-insensitive");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("0001010123456789@wlan.mnc001.mcc001.3gppnetwork.org"), "C",
                              "3GPP NAI");
        NS_TEST_ASSERT_MSG_EQ(t.Lookup("u@badexample.org").has_value(), false, "label boundary");
        NS_TEST_ASSERT_MSG_EQ(t.Lookup("user").has_value(), false, "no realm");
        NS_TEST_ASSERT_MSG_EQ(t.Lookup("u@").has_value(), false, "empty realm");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("a@b@example.org"), "A", "last @");
        t.SetDefaultRoute("D");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("u@other.net"), "D", "default");
        NS_TEST_ASSERT_MSG_EQ(*t.Lookup("user"), "D", "default without realm");
        NS_TEST_ASSERT_MSG_EQ(RadiusRealmTable::RealmOf("x@Y.Z"), "y.z", "RealmOf");
    }
};

/** NAS client -> proxy -> home server, driven by hand. */
struct Chain
{
    SeededRandomSource nasRng{11};
    SeededRandomSource proxyRng{12};
    SeededRandomSource homeRng{13};
    RadiusClient nas{NasSecret(), nasRng};
    RadiusProxy proxy{proxyRng};
    RadiusServer home;

    Chain()
    {
        proxy.AddNas(kNas, NasSecret());
        proxy.AddHome(kHome, HomeSecret());
        proxy.Routes().AddRoute("home.example", kHome);
        home.AddClient(kProxyAtHome, HomeSecret());
    }
};

class ProxyRoundTripTestCase : public ns3::TestCase
{
public:
    ProxyRoundTripTestCase()
        : TestCase("proxy: per-hop id and secrets, Proxy-State round trip, MPPE re-encryption")
    {}

private:
    void DoRun() override
    {
        Chain c;
        RadiusPacket req = EapRequest("user@home.example");
        // A Proxy-State from a proxy before the NAS hop must come back untouched.
        req.Add(RadiusAttr::ProxyState, ToBytes("upstream-ps"));
        auto sent = c.nas.SendRequest(req, Seconds(0), 1);

        auto fwd = c.proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(fwd.has_value(), true, "forwarded");
        NS_TEST_ASSERT_MSG_EQ(
            (fwd->direction == RadiusProxyOutput::Direction::ToHome && fwd->peer == kHome), true,
            "to the home");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.Pending(), 1u, "pending");
        Bytes fb = fwd->bytes;
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(fb, HomeSecret()) == RadiusAuthResult::Ok), true,
                              "MA with the home hop's secret");
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusRequest(fb, NasSecret()) == RadiusAuthResult::BadMessageAuthenticator),
            true, "not with the NAS hop's secret");
        auto f = RadiusPacket::Parse(fb);
        NS_TEST_ASSERT_MSG_EQ((f->authenticator != sent->requestAuthenticator), true,
                              "new Request Authenticator");
        auto ps = f->FindAll(RadiusAttr::ProxyState);
        NS_TEST_ASSERT_MSG_EQ(ps.size(), 2u, "Proxy-State appended");
        NS_TEST_ASSERT_MSG_EQ((ps[0] == ToBytes("upstream-ps")), true, "earlier one kept first");
        NS_TEST_ASSERT_MSG_EQ((f->GetEapMessage() == req.GetEapMessage()), true, "EAP passed");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*f->Find(200)), "cafe", "unknown attribute passed");
        NS_TEST_ASSERT_MSG_EQ(f->FindAll(RadiusAttr::MessageAuthenticator).size(), 1u,
                              "exactly one MA");

        auto in = c.home.Receive(kProxyAtHome, fb, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((in.kind == RadiusServerReceiveResult::Kind::NewRequest), true,
                              "home accepts");
        RadiusPacket accept;
        accept.code = RadiusCode::AccessAccept;
        accept.SetEapMessage(FromHex("03070004"));
        accept.AddU32(RadiusAttr::SessionTimeout, 600);
        accept.Add(201, FromHex("beef"));
        Bytes send(32, 0x5e);
        Bytes recv(32, 0x7c);
        AddMppeKeys(accept, HomeSecret(), in.request->authenticator, send, recv, c.homeRng);
        Bytes homeOut = c.home.Respond(kProxyAtHome, *in.request, accept, Seconds(0));
        auto homeParsed = RadiusPacket::Parse(homeOut);
        NS_TEST_ASSERT_MSG_EQ(homeParsed->FindAll(RadiusAttr::ProxyState).size(), 2u,
                              "home echoes both");

        auto back = c.proxy.ReceiveFromHome(kHome, homeOut, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(back.has_value(), true, "relayed");
        NS_TEST_ASSERT_MSG_EQ(
            (back->direction == RadiusProxyOutput::Direction::ToNas && back->peer == kNas), true,
            "to the NAS");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.Pending(), 0u, "no longer pending");

        auto rr = c.nas.Receive(back->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(rr.response.has_value(), true, "NAS authenticates the relay");
        const RadiusPacket& got = rr.response->response;
        NS_TEST_ASSERT_MSG_EQ(got.identifier, sent->identifier, "NAS-hop identifier");
        auto ps2 = got.FindAll(RadiusAttr::ProxyState);
        NS_TEST_ASSERT_MSG_EQ((ps2.size() == 1 && ps2[0] == ToBytes("upstream-ps")), true,
                              "our Proxy-State removed, the earlier one kept");
        NS_TEST_ASSERT_MSG_EQ(*got.GetU32(RadiusAttr::SessionTimeout), 600u, "Session-Timeout");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*got.Find(201)), "beef", "unknown attribute passed back");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*got.GetEapMessage()), "03070004", "EAP-Success");
        auto keys = GetMppeKeys(got, NasSecret(), sent->requestAuthenticator);
        NS_TEST_ASSERT_MSG_EQ((keys && keys->sendKey == send && keys->recvKey == recv), true,
                              "MPPE keys re-encrypted for the NAS hop");
        auto stale = GetMppeKeys(got, HomeSecret(), in.request->authenticator);
        NS_TEST_ASSERT_MSG_EQ((stale.has_value() && stale->sendKey == send), false,
                              "no longer the home hop's encryption");

        // The NAS retransmits after the answer: the proxy replays its cached reply.
        auto replay = c.proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(1));
        NS_TEST_ASSERT_MSG_EQ((replay && ToHex(replay->bytes) == ToHex(back->bytes)), true,
                              "replayed");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.GetCounters().duplicatesFromNas, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.GetCounters().forwarded, 1u, "forwarded once");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.GetCounters().repliesRelayed, 1u, "relayed once");
        // A replay of the home's answer is no longer matched.
        NS_TEST_ASSERT_MSG_EQ(c.proxy.ReceiveFromHome(kHome, homeOut, Seconds(1)).has_value(),
                              false, "late home duplicate dropped");
    }
};

class ProxyNoRouteTestCase : public ns3::TestCase
{
public:
    ProxyNoRouteTestCase()
        : TestCase("proxy: no route gives an authenticated Access-Reject with EAP-Failure")
    {}

private:
    void DoRun() override
    {
        Chain c;
        auto sent = c.nas.SendRequest(EapRequest("user@nowhere.example"), Seconds(0));
        auto out = c.proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((out && out->direction == RadiusProxyOutput::Direction::ToNas), true,
                              "answered locally");
        auto rr = c.nas.Receive(out->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(rr.response.has_value(), true, "authenticated");
        NS_TEST_ASSERT_MSG_EQ((rr.response->response.code == RadiusCode::AccessReject), true,
                              "Access-Reject");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*rr.response->response.GetEapMessage()), "04070004",
                              "EAP-Failure with the EAP identifier");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.GetCounters().noRoute, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.Pending(), 0u, "nothing pending");
        // No User-Name at all, and a route to an unknown home.
        RadiusPacket anon = EapRequest("x");
        anon.Remove(RadiusAttr::UserName);
        sent = c.nas.SendRequest(anon, Seconds(0));
        out = c.proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(
            (out && RadiusPacket::Parse(out->bytes)->code == RadiusCode::AccessReject), true,
            "no User-Name");
        c.proxy.Routes().AddRoute("ghost.example", "ghost");
        sent = c.nas.SendRequest(EapRequest("u@ghost.example"), Seconds(0));
        out = c.proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(
            (out && RadiusPacket::Parse(out->bytes)->code == RadiusCode::AccessReject), true,
            "route to an unconfigured home");
        // A default route forwards the unknown realm.
        c.proxy.Routes().SetDefaultRoute(kHome);
        sent = c.nas.SendRequest(EapRequest("user@nowhere.example"), Seconds(0));
        out = c.proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((out && out->direction == RadiusProxyOutput::Direction::ToHome), true,
                              "default route");
        // From an unknown NAS or with a bad MA: silently dropped.
        NS_TEST_ASSERT_MSG_EQ(c.proxy.ReceiveFromNas("ap-9", sent->bytes, Seconds(0)).has_value(),
                              false, "unknown NAS");
        Bytes bad = sent->bytes;
        bad[bad.size() - 1] ^= 1;
        NS_TEST_ASSERT_MSG_EQ(c.proxy.ReceiveFromNas(kNas, bad, Seconds(0)).has_value(), false,
                              "bad MA from the NAS");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.GetCounters().discardedFromNas, 2u, "counted");

        // A request that our Proxy-State would push past 4096 octets is dropped.
        RadiusPacket big;
        big.AddString(RadiusAttr::UserName, "u@home.example");
        for (int i = 0; i < 15; ++i)
        {
            big.Add(200, Bytes(253, 0x11));
        }
        big.Add(200, Bytes(209, 0x11));
        auto sentBig = c.nas.SendRequest(big, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(sentBig->bytes.size(), 4090u, "near the limit");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.ReceiveFromNas(kNas, sentBig->bytes, Seconds(0)).has_value(),
                              false, "oversize after Proxy-State");
        NS_TEST_ASSERT_MSG_EQ(c.proxy.GetCounters().oversize, 1u, "counted");
    }
};

class ProxyHomeFailureTestCase : public ns3::TestCase
{
public:
    ProxyHomeFailureTestCase()
        : TestCase("proxy: bad home answers dropped, home retransmission and give-up")
    {}

private:
    void DoRun() override
    {
        RadiusProxyConfig cfg;
        cfg.upstream.timeout = Seconds(1);
        cfg.upstream.maxRetries = 1;
        SeededRandomSource nasRng(21);
        SeededRandomSource proxyRng(22);
        RadiusClient nas(NasSecret(), nasRng);
        RadiusProxy proxy(proxyRng, cfg);
        proxy.AddNas(kNas, NasSecret());
        proxy.AddHome(kHome, HomeSecret());
        proxy.Routes().AddRoute("home.example", kHome);
        RadiusServer home;
        home.AddClient(kProxyAtHome, HomeSecret());

        auto sent = nas.SendRequest(EapRequest("u@home.example"), Seconds(0));
        auto fwd = proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        auto in = home.Receive(kProxyAtHome, fwd->bytes, Seconds(0));

        // A home answer that lost our Proxy-State is refused (built by hand).
        RadiusPacket ch;
        ch.code = RadiusCode::AccessChallenge;
        ch.identifier = in.request->identifier;
        ch.SetEapMessage(FromHex("0108000517"));
        Bytes noPs = EncodeRadiusResponse(ch, in.request->authenticator, HomeSecret());
        NS_TEST_ASSERT_MSG_EQ(proxy.ReceiveFromHome(kHome, noPs, Seconds(0)).has_value(), false,
                              "missing Proxy-State");
        NS_TEST_ASSERT_MSG_EQ(proxy.GetCounters().badProxyState, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(proxy.Pending(), 0u, "abandoned");

        // The NAS retransmits: forwarded afresh with a new identifier.
        auto fwd2 = proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ((fwd2 && fwd2->direction == RadiusProxyOutput::Direction::ToHome),
                              true, "forwarded again");
        // An answer signed with the wrong secret, or from an unknown home.
        auto in2 = home.Receive(kProxyAtHome, fwd2->bytes, Seconds(0));
        RadiusPacket rej;
        rej.code = RadiusCode::AccessReject;
        rej.identifier = in2.request->identifier;
        rej.attributes
            = {{RadiusAttr::ProxyState, in2.request->FindAll(RadiusAttr::ProxyState)[0]}};
        Bytes forged = EncodeRadiusResponse(rej, in2.request->authenticator, ToBytes("guess"));
        NS_TEST_ASSERT_MSG_EQ(proxy.ReceiveFromHome(kHome, forged, Seconds(0)).has_value(), false,
                              "wrong secret");
        NS_TEST_ASSERT_MSG_EQ(proxy.ReceiveFromHome("nobody", forged, Seconds(0)).has_value(),
                              false, "unknown home");
        // MPPE keys that do not decrypt with the home secret.
        RadiusPacket acc;
        acc.code = RadiusCode::AccessAccept;
        acc.SetEapMessage(FromHex("03080004"));
        acc.AddVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey, FromHex("0001"));
        acc.AddVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey, FromHex("0001"));
        Bytes badKeys = home.Respond(kProxyAtHome, *in2.request, acc, Seconds(0));
        NS_TEST_ASSERT_MSG_EQ(proxy.ReceiveFromHome(kHome, badKeys, Seconds(0)).has_value(), false,
                              "undecryptable MPPE keys");
        NS_TEST_ASSERT_MSG_EQ(proxy.GetCounters().badMppeKeys, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(proxy.GetCounters().discardedFromHome, 2u, "counted");

        // The home stays silent: one retransmission, then give-up; NAS
        // retransmissions meanwhile are absorbed.
        auto fwd3 = proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(10));
        NS_TEST_ASSERT_MSG_EQ(fwd3.has_value(), true, "third forward");
        NS_TEST_ASSERT_MSG_EQ(proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(10)).has_value(),
                              false, "duplicate absorbed while pending");
        NS_TEST_ASSERT_MSG_EQ((proxy.NextDeadline() == Seconds(11)), true, "deadline");
        auto out = proxy.OnTimeout(Seconds(11));
        NS_TEST_ASSERT_MSG_EQ((out.size() == 1 && ToHex(out[0].bytes) == ToHex(fwd3->bytes)), true,
                              "retransmitted to the home");
        out = proxy.OnTimeout(Seconds(12));
        NS_TEST_ASSERT_MSG_EQ(out.empty(), true, "give-up sends nothing");
        NS_TEST_ASSERT_MSG_EQ(proxy.GetCounters().homeGiveUps, 1u, "counted");
        NS_TEST_ASSERT_MSG_EQ(proxy.Pending(), 0u, "forgotten");
        NS_TEST_ASSERT_MSG_EQ(proxy.NextDeadline().has_value(), false, "no timer");
        auto fwd4 = proxy.ReceiveFromNas(kNas, sent->bytes, Seconds(13));
        NS_TEST_ASSERT_MSG_EQ((fwd4 && fwd4->direction == RadiusProxyOutput::Direction::ToHome),
                              true, "NAS retransmission after give-up is forwarded anew");
    }
};

class RadiusProxyTestSuite : public ns3::TestSuite
{
public:
    RadiusProxyTestSuite()
        : TestSuite("roamsec-radius-proxy", Type::UNIT)
    {
        AddTestCase(new RealmTableTestCase);
        AddTestCase(new ProxyRoundTripTestCase);
        AddTestCase(new ProxyNoRouteTestCase);
        AddTestCase(new ProxyHomeFailureTestCase);
    }
};

RadiusProxyTestSuite g_radiusProxyTestSuite;

} // namespace
