/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Home-domain delegation (patent seed 000): the TSK key schedule, EAP-TSK local
 * authentication, key update, host challenge and the home's policy, each
 * claimed procedure to success and through its failure paths.
 */
#include "ns3/eap-tsk.h"
#include "ns3/radius-packet.h"
#include "ns3/rsn-keys.h"
#include "ns3/test.h"
#include "ns3/tsk-delegation.h"
#include "ns3/tsk-home.h"

#include <algorithm>
#include <functional>

using namespace roamsec;

namespace {

const std::string kIdentity = "0001010123456789@home.example";
const std::string kVisited = "visited.example";
const Bytes kK = FromHex("465b5ce8b199b49faa5f0a2ee238a6bc"); // TS 35.208 test set 1 K

/** One mobile, one home, one visited AAA, and a driver that carries packets between them. */
struct World
{
    SeededRandomSource homeRng{1};
    SeededRandomSource visitedRng{2};
    SeededRandomSource peerRng{3};
    TskHomeService home;
    VisitedTskStore store;
    EapTskPeer peer;
    TimeNs now{Seconds(1)};

    explicit World(DelegationPolicy policy = {}, bool hostChallenge = false)
        : home(policy, homeRng)
        , peer(EapTskPeerConfig{kIdentity, kK, 4, hostChallenge}, peerRng)
    {
        home.AddSubscriber(kIdentity, kK);
    }

    void Delegate()
    {
        auto g = home.Delegate(kIdentity, kVisited, now);
        store.Install(*g);
    }

    struct Result
    {
        std::vector<EapTskEvent> peerEvents;
        std::vector<EapTskEvent> serverEvents;
        EapTskServer::State serverState{EapTskServer::State::Idle};
        int peerPackets{0};

        const EapTskEvent* Peer(EapTskEventType t) const
        {
            for (const auto& e : peerEvents)
            {
                if (e.type == t)
                {
                    return &e;
                }
            }
            return nullptr;
        }

        const EapTskEvent* Server(EapTskEventType t) const
        {
            for (const auto& e : serverEvents)
            {
                if (e.type == t)
                {
                    return &e;
                }
            }
            return nullptr;
        }
    };

    /** Runs a whole conversation; `tamper` may rewrite any packet in flight (request=true from
     * server). */
    Result Run(std::function<void(bool, Bytes&)> tamper = nullptr,
               std::function<void(EapTskServer&)> setup = nullptr)
    {
        EapTskServer server(EapTskServerConfig{kVisited, Seconds(30)}, store, visitedRng);
        if (setup)
        {
            setup(server);
        }
        Result r;
        EapTskOutput out = server.Start(kIdentity, 7, now);
        for (int guard = 0; guard < 20; ++guard)
        {
            r.serverEvents.insert(r.serverEvents.end(), out.events.begin(), out.events.end());
            if (auto relay = out.Find(EapTskEventType::HostChallengeRelay))
            {
                out = server.OnHomeHostResponse(home.AnswerHostChallenge(kIdentity, relay->rand,
                                                                         relay->hostChallenge,
                                                                         relay->hostAuth, now),
                                                now);
                continue;
            }
            if (auto report = out.Find(EapTskEventType::HomeReport))
            {
                home.OnUpdateReport(report->report, now);
            }
            if (!out.eap)
            {
                break;
            }
            Bytes req = *out.eap;
            if (tamper)
            {
                tamper(true, req);
            }
            EapTskOutput p = peer.HandleRequest(req, now);
            r.peerEvents.insert(r.peerEvents.end(), p.events.begin(), p.events.end());
            if (!p.eap)
            {
                break;
            }
            r.peerPackets++;
            Bytes resp = *p.eap;
            if (tamper)
            {
                tamper(false, resp);
            }
            out = server.HandleResponse(resp, now);
        }
        r.serverState = server.GetState();
        return r;
    }
};

uint8_t
Subtype(const Bytes& packet)
{
    auto m = EapTskMessage::Parse(packet);
    return m ? static_cast<uint8_t>(m->subtype) : 0;
}

class KdfTestCase : public ns3::TestCase
{
public:
    KdfTestCase()
        : TestCase("SP 800-108 counter KDF known answer; TSK and sub-keys bound to RAND and realm")
    {}

private:
    void DoRun() override
    {
        // NIST CAVP KBKDF (SP 800-108) test vectors, KDFCTR_gen.txt (CAVS 14.4),
        // [PRF=HMAC_SHA256] [CTRLOCATION=BEFORE_FIXED] [RLEN=32_BITS], COUNT=0, L=128.
        Bytes ki = FromHex("dd1d91b7d90b2bd3138533ce92b272fbf8a369316aefe242e659cc0ae238afe0");
        Bytes fixed = FromHex("01322b96b30acd197979444e468e1c5c6859bf1b1cf951b7e725303e237e46b8"
                              "64a145fab25e517b08f8683d0315bb2911d80a0e8aba17f3b413faac");
        NS_TEST_ASSERT_MSG_EQ(ToHex(KbkdfCounterHmacSha256(ki, fixed, 16)),
                              "10621342bfb0fd40046c0e29f2cfdbf0",
                              "CAVP KDFCTR HMAC-SHA256 COUNT=0");
        // The labelled form is the counter KDF over Label || 0x00 || Context || [L]_32.
        Bytes ctx = FromHex("0102");
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(TskKdf(ki, "lbl", ctx, 40)),
            ToHex(KbkdfCounterHmacSha256(
                ki, Concat({ToBytes("lbl"), Bytes{0}, ctx, FromHex("00000140")}), 40)),
            "fixed input layout");

        Bytes rand = FromHex("00112233445566778899aabbccddeeff");
        Bytes tsk = DeriveTsk(kK, rand, kVisited);
        NS_TEST_ASSERT_MSG_EQ(tsk.size(), kTskLen, "TSK size");
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(tsk), ToHex(TskKdf(kK, "roamsec TSK", Concat({rand, ToBytes(kVisited)}), 32)),
            "TSK = KDF(K, RAND || realm)");
        // Not a published vector: this module's own key schedule, recomputed
        // independently with Python's hmac/hashlib from the layout in
        // doc/delegation.rst, so that other implementations (the UDP daemon) can
        // check theirs. K is TS 35.208 test set 1 K, NONCE_S = 16 x 01, NONCE_P = 16 x 02.
        NS_TEST_ASSERT_MSG_EQ(ToHex(tsk),
                              "5fba5fed13387bff5c8f9e6b0d6e2aea744ff5540041b19d95341b05aece9d5c",
                              "TSK example");
        TskKeys ex = DeriveTskKeys(tsk);
        NS_TEST_ASSERT_MSG_EQ(ToHex(ex.kAuth),
                              "79838c6d253e2e9d448a5f4e8e0e4c7af2fd3a716dbeea12e3576ee02c4ba7f9",
                              "K_auth example");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ex.kEncr), "5ba75ced87e411ab7cf85261187c859c",
                              "K_encr example");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ex.kInt),
                              "4494f7c266a48f382a9be677769d1c9ae6a1b9527c5c0c1d1a0ac6b034ceb163",
                              "K_int example");
        TskSessionKeys exs = DeriveTskSessionKeys(tsk, Bytes(16, 1), Bytes(16, 2), kIdentity);
        NS_TEST_ASSERT_MSG_EQ(ToHex(exs.msk),
                              "52fb1b15a43bf062f81301effbd4c0d472ca61da281f7832a7fcfc57347fb9f1"
                              "84628598779bf5614c6c525ccbca2480310b5d84137661948da2b980eca7dccc",
                              "MSK example");
        NS_TEST_ASSERT_MSG_EQ(ToHex(exs.emsk),
                              "5de5703dea345ac6f6c976eefbe0dc7ce5aa3ff6e518d86319082e5680b4b005"
                              "11f0105009dada6d17578bf8bcf43e4fae9385e50cfb0e11731dfad7beee857d",
                              "EMSK example");
        NS_TEST_ASSERT_MSG_EQ((DeriveTsk(kK, rand, "other.example") != tsk), true,
                              "TSK bound to the visited realm");
        Bytes rand2 = rand;
        rand2[15] ^= 1;
        NS_TEST_ASSERT_MSG_EQ((DeriveTsk(kK, rand2, kVisited) != tsk), true, "TSK bound to RAND");
        TskKeys keys = DeriveTskKeys(tsk);
        NS_TEST_ASSERT_MSG_EQ(keys.kAuth.size() + keys.kEncr.size() + keys.kInt.size(), 80u,
                              "sub-key sizes");
        NS_TEST_ASSERT_MSG_EQ((keys.kAuth != keys.kInt), true, "sub-keys separated");
        Bytes nS(16, 1);
        Bytes nP(16, 2);
        TskSessionKeys s1 = DeriveTskSessionKeys(tsk, nS, nP, kIdentity);
        TskSessionKeys s2 = DeriveTskSessionKeys(tsk, nS, Bytes(16, 3), kIdentity);
        NS_TEST_ASSERT_MSG_EQ(s1.msk.size(), 64u, "MSK 64 bytes");
        NS_TEST_ASSERT_MSG_EQ(s1.emsk.size(), 64u, "EMSK 64 bytes");
        NS_TEST_ASSERT_MSG_EQ((s1.msk != s2.msk), true, "fresh nonce, fresh MSK (per AP)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(s1.sessionId, 0, 8)), "fe007ed900000001",
                              "Session-Id = 254 || vendor 32473 || type 1 || nonces");
        NS_TEST_ASSERT_MSG_EQ(PmkFromMsk(s1.msk).size(), 32u, "802.11 PMK from the MSK");

        bool threw = false;
        try
        {
            DeriveTsk(kK, Bytes(15, 0), kVisited);
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "RAND of wrong size rejected");
    }
};

class LocalMessageTestCase : public ns3::TestCase
{
public:
    LocalMessageTestCase()
        : TestCase("claims 7-9: sealed local messages and local entity keys")
    {}

private:
    void DoRun() override
    {
        Bytes tsk = DeriveTsk(kK, Bytes(16, 9), kVisited);
        TskKeys keys = DeriveTskKeys(tsk);
        SeededRandomSource rng(5);
        for (size_t len : {0u, 1u, 15u, 16u, 17u, 100u})
        {
            Bytes msg(len, 0x5a);
            Bytes sealed = SealLocalMessage(keys, 42 + len, msg, rng);
            uint64_t seq = 0;
            auto opened = OpenLocalMessage(keys, sealed, &seq);
            NS_TEST_ASSERT_MSG_EQ(opened.has_value(), true, "open " << len);
            NS_TEST_ASSERT_MSG_EQ((*opened == msg), true, "plaintext " << len);
            NS_TEST_ASSERT_MSG_EQ(seq, 42 + len, "sequence number");
            for (size_t i : {size_t{0}, size_t{9}, sealed.size() - 1})
            {
                Bytes bad = sealed;
                bad[i] ^= 0x80;
                NS_TEST_ASSERT_MSG_EQ(OpenLocalMessage(keys, bad, nullptr).has_value(), false,
                                      "tampered byte " << i << " rejected");
            }
            NS_TEST_ASSERT_MSG_EQ(
                OpenLocalMessage(DeriveTskKeys(Bytes(32, 1)), sealed, nullptr).has_value(), false,
                "wrong key rejected");
            Bytes cut(sealed.begin(), sealed.end() - 1);
            NS_TEST_ASSERT_MSG_EQ(OpenLocalMessage(keys, cut, nullptr).has_value(), false,
                                  "truncated rejected");
        }
        Bytes nonce(16, 7);
        NS_TEST_ASSERT_MSG_EQ(ToHex(DeriveLocalEntityKey(tsk, "ap-1", nonce, 32)),
                              ToHex(DeriveLocalEntityKey(tsk, "ap-1", nonce, 32)), "deterministic");
        NS_TEST_ASSERT_MSG_EQ((DeriveLocalEntityKey(tsk, "ap-1", nonce, 32)
                               != DeriveLocalEntityKey(tsk, "ap-2", nonce, 32)),
                              true, "one key per entity");
    }
};

class CodecTestCase : public ns3::TestCase
{
public:
    CodecTestCase()
        : TestCase("EAP-TSK codec: layout, skippable rule, malformed input, AT_MAC, AT_ENCR_DATA")
    {}

private:
    void DoRun() override
    {
        EapTskMessage m;
        m.code = EapCode::Request;
        m.identifier = 9;
        m.subtype = EapTskSubtype::Challenge;
        m.Add(EapTskAttr::NonceS, Bytes(16, 0xaa));
        Bytes wire = m.Serialize();
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(wire, 0, 18)),
                              "01090022fe007ed9000000010100000200"
                              "10",
                              "EAP header, expanded type, vendor, subtype, reserved, attribute");
        auto p = EapTskMessage::Parse(wire);
        NS_TEST_ASSERT_MSG_EQ(p.has_value(), true, "parses");
        NS_TEST_ASSERT_MSG_EQ((p->Serialize() == wire), true, "round trip");

        auto bad = [&](EapTskMessage msg)
        {
            return !EapTskMessage::Parse(msg.Serialize());
        };
        EapTskMessage x = m;
        x.Add(EapTskAttr::NonceS, Bytes(16, 1));
        NS_TEST_ASSERT_MSG_EQ(bad(x), true, "repeated attribute");
        x = m;
        x.Add(EapTskAttr::Rand, Bytes(15, 1));
        NS_TEST_ASSERT_MSG_EQ(bad(x), true, "wrong fixed length");
        x = m;
        x.Add(100, Bytes(4, 1));
        NS_TEST_ASSERT_MSG_EQ(bad(x), true, "unknown non-skippable");
        x = m;
        x.Add(EapTskAttr::Padding, Bytes(2, 0));
        NS_TEST_ASSERT_MSG_EQ(bad(x), true, "AT_PADDING outside AT_ENCR_DATA");
        x = m;
        x.Add(200, Bytes(4, 1));
        NS_TEST_ASSERT_MSG_EQ(bad(x), false, "unknown skippable kept");
        Bytes other = wire;
        other[7] ^= 1; // vendor id
        NS_TEST_ASSERT_MSG_EQ(EapTskMessage::Parse(other).has_value(), false, "other vendor");
        other = wire;
        other[12] = 9; // subtype
        NS_TEST_ASSERT_MSG_EQ(EapTskMessage::Parse(other).has_value(), false, "unknown subtype");
        Bytes cut = wire;
        cut.resize(wire.size() - 1);
        cut[3] = static_cast<uint8_t>(cut.size());
        NS_TEST_ASSERT_MSG_EQ(EapTskMessage::Parse(cut).has_value(), false, "truncated value");

        Bytes kInt(32, 3);
        Bytes macd = SerializeWithMac(m, kInt, ToBytes("extra"));
        auto pm = EapTskMessage::Parse(macd);
        NS_TEST_ASSERT_MSG_EQ(VerifyMac(*pm, macd, kInt, ToBytes("extra")), true, "MAC verifies");
        NS_TEST_ASSERT_MSG_EQ(VerifyMac(*pm, macd, kInt, ToBytes("other")), false,
                              "MAC binds the extra value");
        NS_TEST_ASSERT_MSG_EQ(VerifyMac(*p, wire, kInt, {}), false, "absent AT_MAC fails");

        SeededRandomSource rng(8);
        Bytes kEncr(16, 4);
        for (size_t keyLen : {16u, 29u, 32u, 64u})
        {
            EapTskMessage e = m;
            AddEncrypted(e, {{EapTskAttr::KeyDist, Bytes(4 + keyLen, 0x11)}}, kEncr, rng);
            auto pe = EapTskMessage::Parse(e.Serialize());
            NS_TEST_ASSERT_MSG_EQ(pe.has_value(), true, "encrypted message parses");
            auto inner = DecryptEncrypted(*pe, kEncr);
            NS_TEST_ASSERT_MSG_EQ(inner.has_value(), true, "decrypts");
            NS_TEST_ASSERT_MSG_EQ(((*inner)[0].value == Bytes(4 + keyLen, 0x11)), true,
                                  "inner attribute " << keyLen);
        }
    }
};

class LocalAuthTestCase : public ns3::TestCase
{
public:
    LocalAuthTestCase()
        : TestCase("claims 1-5, 17: delegation, RAND delivery, local authentication, equal MSKs")
    {}

private:
    void DoRun() override
    {
        World w;
        w.Delegate();
        const VisitedCredential* cred = w.store.Find(kIdentity);
        NS_TEST_ASSERT_MSG_EQ(ToHex(cred->grant.tsk),
                              ToHex(DeriveTsk(kK, cred->grant.rand, kVisited)),
                              "home TSK = KDF(K, RAND, realm)");
        Bytes rand = cred->grant.rand;
        Bytes tsk = cred->grant.tsk;
        NS_TEST_ASSERT_MSG_EQ(w.peer.HasTsk(), false, "mobile has no TSK before RAND");

        auto r = w.Run();
        NS_TEST_ASSERT_MSG_EQ((r.serverState == EapTskServer::State::Success), true, "server");
        NS_TEST_ASSERT_MSG_EQ((w.peer.GetState() == EapTskPeer::State::Success), true, "peer");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentTsk()), ToHex(tsk),
                              "mobile derived the same TSK from RAND");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentRand()), ToHex(rand), "mobile RAND");
        auto ps = r.Peer(EapTskEventType::LocalAuthSuccess);
        auto ss = r.Server(EapTskEventType::LocalAuthSuccess);
        NS_TEST_ASSERT_MSG_EQ((ps && ss), true, "both report success");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ps->session.msk), ToHex(ss->session.msk), "MSK equal");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ps->session.emsk), ToHex(ss->session.emsk), "EMSK equal");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ps->session.sessionId), ToHex(ss->session.sessionId),
                              "Session-Id equal");
        NS_TEST_ASSERT_MSG_EQ(r.peerPackets, 2, "Challenge and Result round trips");
        NS_TEST_ASSERT_MSG_EQ(w.store.Find(kIdentity)->usesLeft, 99u, "one use counted");

        // A second AP: same TSK, fresh nonces, a different MSK.
        auto r2 = w.Run();
        auto ps2 = r2.Peer(EapTskEventType::LocalAuthSuccess);
        NS_TEST_ASSERT_MSG_EQ((ps2 != nullptr), true, "second local authentication");
        NS_TEST_ASSERT_MSG_EQ((ps2->session.msk != ps->session.msk), true, "per-session MSK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ps2->session.msk),
                              ToHex(r2.Server(EapTskEventType::LocalAuthSuccess)->session.msk),
                              "second MSK equal");

        // Claims 7, 9: a key distributed by the visited domain under the TSK, encrypted.
        Bytes gk(32, 0x77);
        auto r3 = w.Run(nullptr, [&](EapTskServer& s) { s.SetDistributedKey(5, gk); });
        auto kd = r3.Peer(EapTskEventType::KeyDistributed);
        NS_TEST_ASSERT_MSG_EQ((kd != nullptr), true, "key distributed");
        NS_TEST_ASSERT_MSG_EQ(kd->keyId, 5u, "key id");
        NS_TEST_ASSERT_MSG_EQ(ToHex(kd->key), ToHex(gk), "key value");
        NS_TEST_ASSERT_MSG_EQ((r3.Peer(EapTskEventType::LocalAuthSuccess) != nullptr), true,
                              "success with key distribution");
    }
};

class WrongTskTestCase : public ns3::TestCase
{
public:
    WrongTskTestCase()
        : TestCase("claim 6: a visited domain with the wrong TSK fails; the mobile keeps its key")
    {}

private:
    void DoRun() override
    {
        World w;
        w.Delegate();
        w.Run();
        Bytes goodRand = w.peer.CurrentRand();
        Bytes goodTsk = w.peer.CurrentTsk();
        // A grant whose TSK was not derived from this subscriber's K.
        DelegationGrant g = w.store.Find(kIdentity)->grant;
        g.rand = Bytes(16, 0x42);
        g.tsk = DeriveTsk(FromHex("00000000000000000000000000000001"), g.rand, kVisited);
        w.store.Install(g);
        auto r = w.Run();
        auto pf = r.Peer(EapTskEventType::Failure);
        NS_TEST_ASSERT_MSG_EQ((pf && pf->reason == EapTskReason::NetworkAuthFailed), true,
                              "mobile rejects the Challenge");
        NS_TEST_ASSERT_MSG_EQ((r.Peer(EapTskEventType::LocalAuthSuccess) == nullptr), true,
                              "no success");
        NS_TEST_ASSERT_MSG_EQ((r.Server(EapTskEventType::Failure) != nullptr), true,
                              "server fails");
        auto fb = r.Server(EapTskEventType::FallbackToHome);
        NS_TEST_ASSERT_MSG_EQ((fb && fb->reason == EapTskReason::NetworkAuthFailed), true,
                              "server falls back to the home");
        NS_TEST_ASSERT_MSG_EQ((w.store.Find(kIdentity) == nullptr), true, "useless TSK dropped");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentRand()), ToHex(goodRand), "old RAND kept");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentTsk()), ToHex(goodTsk), "old TSK kept");
    }
};

class ReplayedRandTestCase : public ns3::TestCase
{
public:
    ReplayedRandTestCase()
        : TestCase("replayed RAND refused; the used-RAND cache is bounded")
    {}

private:
    void DoRun() override
    {
        World w;
        w.Delegate();
        w.Run();
        DelegationGrant old = w.store.Find(kIdentity)->grant;
        w.Delegate(); // a new RAND retires the first one on the mobile
        auto r = w.Run();
        NS_TEST_ASSERT_MSG_EQ((r.Peer(EapTskEventType::LocalAuthSuccess) != nullptr), true,
                              "new RAND accepted");
        NS_TEST_ASSERT_MSG_EQ(w.peer.IsRandRetired(old.rand), true, "old RAND retired");

        w.store.Install(old); // someone replays the old (RAND, TSK)
        r = w.Run();
        auto pf = r.Peer(EapTskEventType::Failure);
        NS_TEST_ASSERT_MSG_EQ((pf && pf->reason == EapTskReason::RandReplayed), true,
                              "replayed RAND refused");
        NS_TEST_ASSERT_MSG_EQ((r.Peer(EapTskEventType::LocalAuthSuccess) == nullptr), true,
                              "no success with a replayed RAND");
        auto fb = r.Server(EapTskEventType::FallbackToHome);
        NS_TEST_ASSERT_MSG_EQ((fb && fb->reason == EapTskReason::RandReplayed), true,
                              "visited falls back to the home");

        // Capacity 4 (World): after 5 more RANDs the first retired one has been forgotten.
        for (int i = 0; i < 5; ++i)
        {
            w.Delegate();
            w.Run();
        }
        NS_TEST_ASSERT_MSG_EQ(w.peer.IsRandRetired(old.rand), false, "bounded cache");
    }
};

class ExpiryTestCase : public ns3::TestCase
{
public:
    ExpiryTestCase()
        : TestCase("home policy: expired TSK by time and by uses, no delegation -> FallbackToHome")
    {}

private:
    void DoRun() override
    {
        DelegationPolicy p;
        p.tskLifetime = Seconds(10);
        p.maxUses = 2;
        {
            World w(p);
            auto r = w.Run();
            auto fb = r.Server(EapTskEventType::FallbackToHome);
            NS_TEST_ASSERT_MSG_EQ((fb && fb->reason == EapTskReason::NoDelegation), true,
                                  "no TSK: fallback");
            NS_TEST_ASSERT_MSG_EQ(r.peerPackets, 0, "nothing sent to the mobile");
        }
        {
            World w(p);
            w.Delegate();
            NS_TEST_ASSERT_MSG_EQ((w.Run().Peer(EapTskEventType::LocalAuthSuccess) != nullptr),
                                  true, "valid before the lifetime");
            w.now += Seconds(10);
            auto r = w.Run();
            auto fb = r.Server(EapTskEventType::FallbackToHome);
            NS_TEST_ASSERT_MSG_EQ((fb && fb->reason == EapTskReason::Expired), true,
                                  "expired by time");
            NS_TEST_ASSERT_MSG_EQ((r.serverState == EapTskServer::State::Fallback), true, "state");
            NS_TEST_ASSERT_MSG_EQ((w.store.Find(kIdentity) == nullptr), true, "TSK removed");
        }
        {
            World w(p);
            w.Delegate();
            NS_TEST_ASSERT_MSG_EQ((w.Run().Peer(EapTskEventType::LocalAuthSuccess) != nullptr),
                                  true, "use 1");
            NS_TEST_ASSERT_MSG_EQ((w.Run().Peer(EapTskEventType::LocalAuthSuccess) != nullptr),
                                  true, "use 2");
            auto r = w.Run();
            auto fb = r.Server(EapTskEventType::FallbackToHome);
            NS_TEST_ASSERT_MSG_EQ((fb && fb->reason == EapTskReason::UsesExhausted), true,
                                  "expired by uses");
        }
        {
            DelegationPolicy no;
            no.allowDelegation = false;
            World w(no);
            NS_TEST_ASSERT_MSG_EQ(w.home.Delegate(kIdentity, kVisited, w.now).has_value(), false,
                                  "policy forbids delegation");
            w.home.SetRealmPolicy(kVisited, DelegationPolicy{});
            NS_TEST_ASSERT_MSG_EQ(w.home.Delegate(kIdentity, kVisited, w.now).has_value(), true,
                                  "per-realm policy allows it");
            NS_TEST_ASSERT_MSG_EQ(
                w.home.Delegate("nobody@home.example", kVisited, w.now).has_value(), false,
                "unknown subscriber");
        }
        {
            // The peer does not speak EAP-TSK: Nak -> fallback.
            World w;
            w.Delegate();
            SeededRandomSource rng(4);
            EapTskServer s(EapTskServerConfig{kVisited, Seconds(30)}, w.store, rng);
            auto out = s.Start(kIdentity, 1, w.now);
            EapPacket nak;
            nak.code = EapCode::Response;
            nak.identifier = s.LastIdentifier();
            nak.type = EapType::Nak;
            nak.typeData = {EapType::Aka};
            auto o = s.HandleResponse(nak.Serialize(), w.now);
            auto fb = o.Find(EapTskEventType::FallbackToHome);
            NS_TEST_ASSERT_MSG_EQ((fb && fb->reason == EapTskReason::PeerNak), true, "Nak");
        }
        {
            // Conversation deadline.
            World w;
            w.Delegate();
            SeededRandomSource rng(4);
            EapTskServer s(EapTskServerConfig{kVisited, Seconds(30)}, w.store, rng);
            s.Start(kIdentity, 1, w.now);
            NS_TEST_ASSERT_MSG_EQ((s.NextDeadline() == w.now + Seconds(30)), true, "deadline");
            NS_TEST_ASSERT_MSG_EQ(s.OnTimeout(w.now + Seconds(29)).events.empty(), true, "early");
            auto o = s.OnTimeout(w.now + Seconds(30));
            auto f = o.Find(EapTskEventType::Failure);
            NS_TEST_ASSERT_MSG_EQ((f && f->reason == EapTskReason::Timeout), true, "timeout");
            NS_TEST_ASSERT_MSG_EQ((o.eap && (*o.eap)[0] == 4), true, "EAP-Failure sent");
            NS_TEST_ASSERT_MSG_EQ(s.NextDeadline().has_value(), false, "no deadline when done");
        }
    }
};

class KeyUpdateTestCase : public ns3::TestCase
{
public:
    KeyUpdateTestCase()
        : TestCase("claims 18-25, 43: key update with RAND2, network authentication, reports")
    {}

private:
    void DoRun() override
    {
        DelegationPolicy p;
        p.minUpdateInterval = Seconds(60);
        World w(p);
        w.Delegate();
        w.Run();
        Bytes oldRand = w.peer.CurrentRand();
        NS_TEST_ASSERT_MSG_EQ(w.home.IssueKeyUpdate(kIdentity, kVisited, w.now).has_value(), false,
                              "claim 19: home policy refuses an update of a young TSK");
        w.now += Seconds(60);
        NS_TEST_ASSERT_MSG_EQ(w.home.IssueKeyUpdate(kIdentity, "other.example", w.now).has_value(),
                              false, "update only for the delegated realm");
        auto upd = w.home.IssueKeyUpdate(kIdentity, kVisited, w.now);
        NS_TEST_ASSERT_MSG_EQ(upd.has_value(), true, "update issued");
        NS_TEST_ASSERT_MSG_EQ(ToHex(upd->tsk), ToHex(DeriveTsk(kK, upd->rand, kVisited)),
                              "third key = KDF(K, RAND2, realm)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.home.IssueKeyUpdate(kIdentity, kVisited, w.now)->rand),
                              ToHex(upd->rand), "unreported update is reissued, not replaced");
        NS_TEST_ASSERT_MSG_EQ(w.store.InstallUpdate(*upd), true, "visited stores RAND2");

        std::vector<uint8_t> subtypes;
        auto r = w.Run(
            [&](bool req, Bytes& b)
            {
                if (req)
                {
                    subtypes.push_back(Subtype(b));
                }
            });
        NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(subtypes.begin(), subtypes.end())), "0102030400",
                              "Challenge, Update, UpdateAuth, Result, Success");
        auto pk = r.Peer(EapTskEventType::KeyUpdated);
        auto sk = r.Server(EapTskEventType::KeyUpdated);
        NS_TEST_ASSERT_MSG_EQ((pk && sk), true, "both updated");
        NS_TEST_ASSERT_MSG_EQ(ToHex(pk->newRand), ToHex(upd->rand), "mobile new RAND");
        NS_TEST_ASSERT_MSG_EQ(ToHex(pk->oldRand), ToHex(oldRand), "mobile old RAND");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentTsk()), ToHex(upd->tsk),
                              "claim 20: mobile replaced the TSK with the third key");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.store.Find(kIdentity)->grant.rand), ToHex(upd->rand),
                              "visited uses the third key");
        auto hr = r.Server(EapTskEventType::HomeReport);
        NS_TEST_ASSERT_MSG_EQ((hr != nullptr), true, "claim 25: report to the home");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.home.FindRecord(kIdentity)->rand), ToHex(upd->rand),
                              "home accepted the report");
        NS_TEST_ASSERT_MSG_EQ(w.home.OnUpdateReport(hr->report, w.now), false,
                              "a repeated report does not match");
        auto ps = r.Peer(EapTskEventType::LocalAuthSuccess);
        auto ss = r.Server(EapTskEventType::LocalAuthSuccess);
        NS_TEST_ASSERT_MSG_EQ((ps && ss), true, "session completed");
        NS_TEST_ASSERT_MSG_EQ(ToHex(ps->session.msk), ToHex(ss->session.msk), "MSK equal");
        NS_TEST_ASSERT_MSG_EQ(w.peer.IsRandRetired(oldRand), true, "old RAND retired");

        // The next local authentication runs on the third key without an update.
        subtypes.clear();
        auto r2 = w.Run(
            [&](bool req, Bytes& b)
            {
                if (req)
                {
                    subtypes.push_back(Subtype(b));
                }
            });
        NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(subtypes.begin(), subtypes.end())), "010400",
                              "plain local authentication");
        NS_TEST_ASSERT_MSG_EQ((r2.Peer(EapTskEventType::LocalAuthSuccess) != nullptr), true,
                              "with the third key");
    }
};

class RogueUpdateTestCase : public ns3::TestCase
{
public:
    RogueUpdateTestCase()
        : TestCase("claim 21: rogue visited domain fails the network authentication; old key kept")
    {}

private:
    void DoRun() override
    {
        World w;
        w.Delegate();
        w.Run();
        Bytes oldRand = w.peer.CurrentRand();
        Bytes oldTsk = w.peer.CurrentTsk();
        // A domain holding the current TSK (stolen or no longer trusted) but not a
        // third key from the home invents RAND2 and a key.
        DelegationGrant fake = w.store.Find(kIdentity)->grant;
        fake.rand = Bytes(16, 0x99);
        fake.tsk = Bytes(32, 0x01);
        w.store.InstallUpdate(fake);
        auto r = w.Run();
        auto pf = r.Peer(EapTskEventType::Failure);
        NS_TEST_ASSERT_MSG_EQ((pf && pf->reason == EapTskReason::UpdateAuthFailed), true,
                              "mobile rejects the visited domain");
        NS_TEST_ASSERT_MSG_EQ((r.Peer(EapTskEventType::KeyUpdated) == nullptr), true, "no update");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentRand()), ToHex(oldRand), "old RAND kept");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.peer.CurrentTsk()), ToHex(oldTsk), "old TSK kept");
        auto sf = r.Server(EapTskEventType::Failure);
        NS_TEST_ASSERT_MSG_EQ((sf && sf->reason == EapTskReason::PeerError), true, "server fails");
        NS_TEST_ASSERT_MSG_EQ((r.Server(EapTskEventType::HomeReport) == nullptr), true,
                              "nothing reported home");
        NS_TEST_ASSERT_MSG_EQ(w.store.Find(kIdentity)->pendingUpdate.has_value(), false,
                              "refused update forgotten by the visited domain");
        auto again = w.Run();
        NS_TEST_ASSERT_MSG_EQ((again.Peer(EapTskEventType::LocalAuthSuccess) != nullptr), true,
                              "local authentication goes on with the old key");

        // Claim 24 failure path: the visited domain checks the mobile's confirmation.
        World v;
        v.Delegate();
        v.Run();
        v.store.InstallUpdate(*v.home.IssueKeyUpdate(kIdentity, kVisited, v.now));
        Bytes nonceS;
        auto r2 = v.Run(
            [&](bool req, Bytes& b)
            {
                auto m = EapTskMessage::Parse(b);
                if (!m)
                {
                    return;
                }
                if (req && m->subtype == EapTskSubtype::Challenge)
                {
                    nonceS = *m->Find(EapTskAttr::NonceS);
                }
                if (!req && m->subtype == EapTskSubtype::UpdateAuth)
                {
                    // A mobile that claims the update without the third key's proof.
                    TskKeys nk = DeriveTskKeys(v.peer.CurrentTsk());
                    EapTskMessage f;
                    f.code = EapCode::Response;
                    f.identifier = m->identifier;
                    f.subtype = EapTskSubtype::UpdateAuth;
                    f.Add(EapTskAttr::UpdateConf, Bytes(32, 0));
                    b = SerializeWithMac(f, nk.kInt, nonceS);
                }
            });
        auto f2 = r2.Server(EapTskEventType::Failure);
        NS_TEST_ASSERT_MSG_EQ((f2 && f2->reason == EapTskReason::UpdateConfirmFailed), true,
                              "wrong update confirmation fails");
        NS_TEST_ASSERT_MSG_EQ((r2.Server(EapTskEventType::HomeReport) == nullptr), true,
                              "no report without the mobile's proof");
    }
};

class LostConfirmationTestCase : public ns3::TestCase
{
public:
    LostConfirmationTestCase()
        : TestCase("key update whose confirmation is lost completes at the next Challenge")
    {}

private:
    void DoRun() override
    {
        World w;
        w.Delegate();
        w.Run();
        auto upd = w.home.IssueKeyUpdate(kIdentity, kVisited, w.now);
        w.store.InstallUpdate(*upd);
        // Drop the mobile's UpdateAuth response: the mobile has switched, the visited not yet.
        auto r = w.Run(
            [&](bool req, Bytes& b)
            {
                if (!req && Subtype(b) == static_cast<uint8_t>(EapTskSubtype::UpdateAuth))
                {
                    b.clear();
                }
            });
        NS_TEST_ASSERT_MSG_EQ((r.Peer(EapTskEventType::KeyUpdated) != nullptr), true,
                              "mobile switched");
        NS_TEST_ASSERT_MSG_EQ((r.Server(EapTskEventType::KeyUpdated) == nullptr), true,
                              "visited did not");
        auto r2 = w.Run();
        NS_TEST_ASSERT_MSG_EQ((r2.Server(EapTskEventType::KeyUpdated) != nullptr), true,
                              "committed on the verified Challenge");
        NS_TEST_ASSERT_MSG_EQ((r2.Server(EapTskEventType::HomeReport) != nullptr), true,
                              "and reported");
        NS_TEST_ASSERT_MSG_EQ((r2.Peer(EapTskEventType::LocalAuthSuccess) != nullptr), true,
                              "local authentication succeeds");
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.home.FindRecord(kIdentity)->rand), ToHex(upd->rand),
                              "home current");
    }
};

class HostChallengeTestCase : public ns3::TestCase
{
public:
    HostChallengeTestCase()
        : TestCase("claim 26: host challenge relayed to the home; wrong K and refusals fail")
    {}

private:
    void DoRun() override
    {
        {
            World w({}, true);
            w.Delegate();
            auto r = w.Run();
            auto relay = r.Server(EapTskEventType::HostChallengeRelay);
            NS_TEST_ASSERT_MSG_EQ((relay != nullptr), true, "relayed to the home");
            NS_TEST_ASSERT_MSG_EQ(relay->identity, kIdentity, "with the identity");
            NS_TEST_ASSERT_MSG_EQ(relay->hostChallenge.size(), 16u, "and the challenge");
            NS_TEST_ASSERT_MSG_EQ((r.Peer(EapTskEventType::LocalAuthSuccess) != nullptr), true,
                                  "mobile authenticated its home");
            // The home is no oracle: wrong first authentication data, no answer.
            Bytes badAuth = relay->hostAuth;
            badAuth[0] ^= 1;
            NS_TEST_ASSERT_MSG_EQ(w.home
                                      .AnswerHostChallenge(kIdentity, relay->rand,
                                                           relay->hostChallenge, badAuth, w.now)
                                      .has_value(),
                                  false, "home refuses bad authentication data");
            NS_TEST_ASSERT_MSG_EQ(w.home
                                      .AnswerHostChallenge(kIdentity, Bytes(16, 0),
                                                           relay->hostChallenge, relay->hostAuth,
                                                           w.now)
                                      .has_value(),
                                  false, "home refuses an unknown RAND");
        }
        {
            // A home that does not hold K (impostor): its answer fails the mobile's check.
            World w({}, true);
            w.Delegate();
            SeededRandomSource rng(4);
            EapTskServer s(EapTskServerConfig{kVisited, Seconds(30)}, w.store, rng);
            auto out = s.Start(kIdentity, 1, w.now);
            auto p = w.peer.HandleRequest(*out.eap, w.now);
            out = s.HandleResponse(*p.eap, w.now);
            auto relay = out.Find(EapTskEventType::HostChallengeRelay);
            NS_TEST_ASSERT_MSG_EQ((relay != nullptr), true, "relay");
            NS_TEST_ASSERT_MSG_EQ((s.GetState() == EapTskServer::State::WaitHome), true, "waits");
            Bytes wrongK = kK;
            wrongK[0] ^= 1;
            out = s.OnHomeHostResponse(ComputeHomeResponse(wrongK, relay->hostChallenge, kIdentity),
                                       w.now);
            p = w.peer.HandleRequest(*out.eap, w.now);
            auto f = p.Find(EapTskEventType::Failure);
            NS_TEST_ASSERT_MSG_EQ((f && f->reason == EapTskReason::HomeAuthFailed), true,
                                  "wrong-K home rejected");
            out = s.HandleResponse(*p.eap, w.now);
            NS_TEST_ASSERT_MSG_EQ(out.Has(EapTskEventType::Failure), true, "server fails too");
        }
        {
            // The home refuses to answer: the visited domain fails the conversation.
            World w({}, true);
            w.Delegate();
            SeededRandomSource rng(4);
            EapTskServer s(EapTskServerConfig{kVisited, Seconds(30)}, w.store, rng);
            auto out = s.Start(kIdentity, 1, w.now);
            auto p = w.peer.HandleRequest(*out.eap, w.now);
            s.HandleResponse(*p.eap, w.now);
            out = s.OnHomeHostResponse(std::nullopt, w.now);
            auto f = out.Find(EapTskEventType::Failure);
            NS_TEST_ASSERT_MSG_EQ((f && f->reason == EapTskReason::HomeRefused), true, "refused");
        }
    }
};

class TamperTestCase : public ns3::TestCase
{
public:
    TamperTestCase()
        : TestCase("tampered AT_MAC silently discarded; retransmissions answered identically")
    {}

private:
    void DoRun() override
    {
        World w;
        w.Delegate();
        SeededRandomSource rng(4);
        EapTskServer s(EapTskServerConfig{kVisited, Seconds(30)}, w.store, rng);
        auto out = s.Start(kIdentity, 1, w.now);
        auto p = w.peer.HandleRequest(*out.eap, w.now);
        auto again = w.peer.HandleRequest(*out.eap, w.now);
        NS_TEST_ASSERT_MSG_EQ((again.eap && *again.eap == *p.eap), true,
                              "retransmitted request, same response");

        Bytes bad = *p.eap;
        bad[bad.size() - 20] ^= 1; // inside AT_NONCE_P
        auto o = s.HandleResponse(bad, w.now);
        NS_TEST_ASSERT_MSG_EQ(o.eap.has_value(), false, "server sends nothing");
        auto d = o.Find(EapTskEventType::Discarded);
        NS_TEST_ASSERT_MSG_EQ((d && d->reason == EapTskReason::BadMac), true, "discarded: MAC");
        NS_TEST_ASSERT_MSG_EQ((s.GetState() == EapTskServer::State::WaitChallengeResponse), true,
                              "state unchanged");

        out = s.HandleResponse(*p.eap, w.now); // the genuine one still works
        NS_TEST_ASSERT_MSG_EQ((out.eap.has_value() && Subtype(*out.eap) == 4), true, "Result");
        Bytes badReq = *out.eap;
        badReq[badReq.size() - 1] ^= 1; // the MAC itself
        auto pd = w.peer.HandleRequest(badReq, w.now);
        NS_TEST_ASSERT_MSG_EQ(pd.eap.has_value(), false, "peer sends nothing");
        auto pdd = pd.Find(EapTskEventType::Discarded);
        NS_TEST_ASSERT_MSG_EQ((pdd && pdd->reason == EapTskReason::BadMac), true, "peer: MAC");
        NS_TEST_ASSERT_MSG_EQ((w.peer.GetState() == EapTskPeer::State::WaitUpdateOrResult), true,
                              "peer state unchanged");
        auto early = w.peer.HandleRequest(EapOnlyForTest(3, out.eap->at(1)), w.now);
        NS_TEST_ASSERT_MSG_EQ(early.Has(EapTskEventType::LocalAuthSuccess), false,
                              "premature EAP-Success ignored");

        p = w.peer.HandleRequest(*out.eap, w.now);
        out = s.HandleResponse(*p.eap, w.now);
        NS_TEST_ASSERT_MSG_EQ(out.Has(EapTskEventType::LocalAuthSuccess), true, "server done");
        auto fin = w.peer.HandleRequest(*out.eap, w.now);
        NS_TEST_ASSERT_MSG_EQ(fin.Has(EapTskEventType::LocalAuthSuccess), true, "peer done");

        // Wrong identifier and garbage are discarded, never thrown.
        NS_TEST_ASSERT_MSG_EQ(s.HandleResponse(Bytes{2, 0, 0}, w.now).eap.has_value(), false,
                              "garbage");
        NS_TEST_ASSERT_MSG_EQ(w.peer.HandleRequest(Bytes{1, 0, 0, 9, 254, 0, 0, 0, 0}, w.now)
                                  .Has(EapTskEventType::Discarded),
                              true, "truncated request");
    }

    static Bytes EapOnlyForTest(uint8_t code, uint8_t id) { return Bytes{code, id, 0, 4}; }
};

class RadiusCarriageTestCase : public ns3::TestCase
{
public:
    RadiusCarriageTestCase()
        : TestCase(
            "claims 11, 16: (RAND, TSK) in salt-encrypted vendor attributes; relays and reports")
    {}

private:
    void DoRun() override
    {
        World w;
        auto g = w.home.Delegate(kIdentity, kVisited, w.now);
        Bytes secret = ToBytes("home-visited-secret");
        Bytes reqAuth = FromHex("0f0e0d0c0b0a09080706050403020100");
        SeededRandomSource rng(11);
        RadiusPacket accept;
        accept.code = RadiusCode::AccessAccept;
        accept.identifier = 3;
        AddDelegationGrant(accept, *g, false, secret, reqAuth, w.now, rng);
        auto parsed = RadiusPacket::Parse(accept.Serialize());
        NS_TEST_ASSERT_MSG_EQ(parsed.has_value(), true, "RADIUS packet parses");
        auto hidden = parsed->FindVendor(RoamsecVsa::VendorId, RoamsecVsa::TskKey);
        NS_TEST_ASSERT_MSG_EQ((hidden && hidden->size() == 50), true, "salt || 48 octets");
        NS_TEST_ASSERT_MSG_EQ(((*hidden)[0] & 0x80), 0x80, "salt high bit");
        Bytes wire = parsed->Serialize();
        NS_TEST_ASSERT_MSG_EQ(
            (std::search(wire.begin(), wire.end(), g->tsk.begin(), g->tsk.end()) == wire.end()),
            true, "TSK not in the clear");
        bool isUpdate = true;
        auto got = GetDelegationGrant(*parsed, kIdentity, secret, reqAuth, w.now + Seconds(5),
                                      &isUpdate);
        NS_TEST_ASSERT_MSG_EQ(got.has_value(), true, "grant decoded");
        NS_TEST_ASSERT_MSG_EQ(isUpdate, false, "kind: delegation");
        NS_TEST_ASSERT_MSG_EQ(ToHex(got->tsk), ToHex(g->tsk), "TSK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(got->rand), ToHex(g->rand), "RAND");
        NS_TEST_ASSERT_MSG_EQ(got->visitedRealm, kVisited, "realm");
        NS_TEST_ASSERT_MSG_EQ(got->maxUses, g->maxUses, "uses");
        NS_TEST_ASSERT_MSG_EQ((got->expiresAt == g->expiresAt + Seconds(5)), true,
                              "lifetime carried as seconds left");
        NS_TEST_ASSERT_MSG_EQ(
            GetDelegationGrant(*parsed, kIdentity, ToBytes("wrong"), reqAuth, w.now).has_value(),
            false, "wrong shared secret: no TSK");
        NS_TEST_ASSERT_MSG_EQ(
            GetDelegationGrant(*parsed, kIdentity, secret, Bytes(16, 0), w.now).has_value(), false,
            "bound to the Request Authenticator");
        RadiusPacket partial = *parsed;
        partial.RemoveVendor(RoamsecVsa::VendorId, RoamsecVsa::TskRand);
        NS_TEST_ASSERT_MSG_EQ(
            GetDelegationGrant(partial, kIdentity, secret, reqAuth, w.now).has_value(), false,
            "missing RAND");

        TskHostChallengeRelay relay{Bytes(16, 1), Bytes(16, 2), Bytes(32, 3)};
        RadiusPacket req;
        AddHostChallengeRelay(req, relay);
        auto r2 = GetHostChallengeRelay(*RadiusPacket::Parse(req.Serialize()));
        NS_TEST_ASSERT_MSG_EQ((r2 && r2->hostAuth == relay.hostAuth && r2->rand == relay.rand),
                              true, "host challenge relay");
        NS_TEST_ASSERT_MSG_EQ(GetHostChallengeRelay(RadiusPacket{}).has_value(), false, "absent");
        RadiusPacket resp;
        AddHostResponse(resp, Bytes(32, 9));
        NS_TEST_ASSERT_MSG_EQ(ToHex(*GetHostResponse(resp)), ToHex(Bytes(32, 9)), "host response");
        UpdateReport rep{kIdentity, kVisited, Bytes(16, 4), Bytes(16, 5)};
        RadiusPacket rr;
        AddUpdateReport(rr, rep);
        auto rep2 = GetUpdateReport(*RadiusPacket::Parse(rr.Serialize()), kIdentity);
        NS_TEST_ASSERT_MSG_EQ((rep2 && rep2->newRand == rep.newRand && rep2->oldRand == rep.oldRand
                               && rep2->visitedRealm == kVisited),
                              true, "update report");
    }
};

class DelegationTestSuite : public ns3::TestSuite
{
public:
    DelegationTestSuite()
        : TestSuite("roamsec-delegation", Type::UNIT)
    {
        AddTestCase(new KdfTestCase);
        AddTestCase(new LocalMessageTestCase);
        AddTestCase(new CodecTestCase);
        AddTestCase(new LocalAuthTestCase);
        AddTestCase(new WrongTskTestCase);
        AddTestCase(new ReplayedRandTestCase);
        AddTestCase(new ExpiryTestCase);
        AddTestCase(new KeyUpdateTestCase);
        AddTestCase(new RogueUpdateTestCase);
        AddTestCase(new LostConfirmationTestCase);
        AddTestCase(new HostChallengeTestCase);
        AddTestCase(new TamperTestCase);
        AddTestCase(new RadiusCarriageTestCase);
    }
};

DelegationTestSuite g_delegationTestSuite;

} // namespace
