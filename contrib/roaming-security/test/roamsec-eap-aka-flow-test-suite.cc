/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA end to end between EapAkaPeer and EapAkaServer: every flow of the
 * draft (sections 3-5) and RFC 4187 fast re-authentication, plus the
 * identifier, duplicate, discard and retransmission rules.
 */
#include "ns3/aka.h"
#include "ns3/eap-aka-attributes.h"
#include "ns3/eap-aka-identity.h"
#include "ns3/eap-aka-peer.h"
#include "ns3/eap-aka-server.h"
#include "ns3/subscriber-db.h"
#include "ns3/test.h"

#include <functional>

using namespace roamsec;

namespace {

const EapAkaProfile kDraft = EapAkaProfile::Draft04;
const EapAkaProfile kRfc = EapAkaProfile::Rfc4187;
// 3GPP TS 35.208 test set 1 K and OPc (any valid Milenage subscriber will do here).
const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
const char* kOpc = "cd63cb71954a9f4e48a5994e37a02baf";
const std::string kImsi = "001010000000001";
const std::string kImsi2 = "001010000000002";

using Ev = EapAkaServerOutput::Event;
using PEv = EapAkaPeerOutput::Event;

/** Home network (database, AuC, server) plus one subscriber's USIM. */
struct World
{
    SubscriberDatabase db;
    SeededRandomSource aucRng{11};
    SeededRandomSource srvRng{12};
    SeededRandomSource peerRng{13};
    AuthenticationCentre auc{db, aucRng};
    Usim usim{FromHex(kK), FromHex(kOpc)};
    Usim usim2{FromHex(kK), FromHex(kOpc)};
    std::unique_ptr<EapAkaServer> server;

    World(EapAkaServerConfig cfg)
    {
        for (const auto& imsi : {kImsi, kImsi2})
        {
            SubscriberRecord r;
            r.imsi = imsi;
            r.k = FromHex(kK);
            r.opc = FromHex(kOpc);
            db.Add(r);
        }
        server = std::make_unique<EapAkaServer>(auc, srvRng, cfg);
    }

    EapAkaPeer Peer(EapAkaPeerConfig cfg) { return EapAkaPeer(usim, cfg, peerRng); }
};

EapAkaServerConfig
ServerCfg(EapAkaProfile p, bool pseudonyms = false)
{
    EapAkaServerConfig c;
    c.profile = p;
    if (pseudonyms)
    {
        c.pseudonymKey = FromHex("0f0e0d0c0b0a09080706050403020100");
    }
    return c;
}

EapAkaPeerConfig
PeerCfg(EapAkaProfile p, const std::string& imsi = kImsi)
{
    EapAkaPeerConfig c;
    c.profile = p;
    c.imsi = imsi;
    return c;
}

struct Conv
{
    EapAkaServerOutput server; //!< last server output
    EapAkaPeerOutput peer;     //!< last peer output
    std::vector<Bytes> requests;
    std::vector<Bytes> responses;
};

/**
 * Drives a conversation to its end. tamperReq/tamperResp may edit packets in
 * flight (index = position in the conversation).
 */
Conv
Pump(EapAkaPeer& peer, EapAkaServerSession& s,
     std::function<void(size_t, Bytes&)> tamperReq = nullptr,
     std::function<void(size_t, Bytes&)> tamperResp = nullptr)
{
    Conv r;
    EapAkaServerOutput o = s.Start(TimeNs(0));
    for (size_t i = 0; i < 20 && o.send; ++i)
    {
        Bytes req = *o.send;
        if (tamperReq)
        {
            tamperReq(i, req);
        }
        r.requests.push_back(req);
        r.server = o;
        r.peer = peer.Receive(req);
        if (o.event == Ev::Success || o.event == Ev::Failure || !r.peer.send)
        {
            break;
        }
        Bytes resp = *r.peer.send;
        if (tamperResp)
        {
            tamperResp(i, resp);
        }
        r.responses.push_back(resp);
        o = s.Receive(resp, TimeNs(0));
        r.server = o;
    }
    return r;
}

uint8_t
Subtype(const Bytes& eap)
{
    return eap.size() > 5 && eap[4] == EapType::Aka ? eap[5] : 0xff;
}

class FullAuthenticationTestCase : public ns3::TestCase
{
public:
    FullAuthenticationTestCase()
        : TestCase(
            "full authentication succeeds with equal MSK and EMSK on both sides (both profiles)")
    {}

private:
    void DoRun() override
    {
        for (auto profile : {kDraft, kRfc})
        {
            World w(ServerCfg(profile));
            EapAkaPeer peer = w.Peer(PeerCfg(profile));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            NS_TEST_ASSERT_MSG_EQ((r.server.event == Ev::Success), true, "server success");
            NS_TEST_ASSERT_MSG_EQ((r.peer.event == PEv::Success), true, "peer success");
            NS_TEST_ASSERT_MSG_EQ(r.server.imsi, kImsi, "authenticated IMSI");
            NS_TEST_ASSERT_MSG_EQ(r.server.msk.size(), 64u, "MSK 64 bytes");
            NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Msk()), ToHex(r.server.msk), "MSK agrees");
            NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Emsk()), ToHex(r.server.emsk), "EMSK agrees");
            NS_TEST_ASSERT_MSG_EQ((peer.Msk() != peer.Emsk()), true, "MSK != EMSK");
            // Identity, challenge: two round trips (draft section 3).
            NS_TEST_ASSERT_MSG_EQ(r.requests.size(), 3u, "Identity, Challenge, Success");
            NS_TEST_ASSERT_MSG_EQ(Subtype(r.requests[1]), EapAkaSubtype::Challenge, "challenge");
            std::string nai(r.responses[0].begin() + 5, r.responses[0].end());
            NS_TEST_ASSERT_MSG_EQ(nai, "0001010000000001@mnc010.mcc001.owlan.org", "permanent NAI");
            NS_TEST_ASSERT_MSG_EQ(s->IsFinished(), true, "session finished");
            NS_TEST_ASSERT_MSG_EQ(s->NextDeadline().has_value(), false, "no timer after success");
            // Anything after the end is discarded.
            auto late = s->Receive(r.responses[1], TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ(late.reason, "session-finished", "late input");
            // A replayed challenge after success does not restart the peer.
            auto replay = peer.Receive(r.requests[1]);
            NS_TEST_ASSERT_MSG_EQ(replay.discardReason, "conversation-finished", "replay to peer");
            NS_TEST_ASSERT_MSG_EQ(peer.IsSuccess(), true, "peer state unchanged");
        }
    }
};

class FailureFlowsTestCase : public ns3::TestCase
{
public:
    FailureFlowsTestCase()
        : TestCase("wrong RES -> EAP-Failure; bad AUTN -> AKA-Authentication-Reject -> EAP-Failure")
    {}

private:
    void DoRun() override
    {
        // Draft section 3, second flow: the server finds RES incorrect. The draft
        // makes AT_MAC optional in the response, so a response without it is processed.
        {
            World w(ServerCfg(kDraft));
            EapAkaPeer peer = w.Peer(PeerCfg(kDraft));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s, nullptr,
                          [](size_t i, Bytes& resp)
                          {
                              if (i == 1)
                              {
                                  AkaMessage m;
                                  m.code = EapCode::Response;
                                  m.identifier = resp[1];
                                  m.subtype = EapAkaSubtype::Challenge;
                                  m.attrs.res = Bytes(8, 0x42);
                                  resp = EncodeAkaMessage(kDraft, m);
                              }
                          });
            NS_TEST_ASSERT_MSG_EQ((r.server.event == Ev::Failure), true, "server failure");
            NS_TEST_ASSERT_MSG_EQ(r.server.reason, "res-mismatch", "reason");
            NS_TEST_ASSERT_MSG_EQ((r.peer.event == PEv::Failure), true, "peer gets EAP-Failure");
            NS_TEST_ASSERT_MSG_EQ(peer.Msk().empty(), true, "no keys");
        }
        // Draft section 3, third flow: the client cannot verify AUTN (wrong K).
        for (auto profile : {kDraft, kRfc})
        {
            World w(ServerCfg(profile));
            Usim wrong(FromHex("00112233445566778899aabbccddeeff"), FromHex(kOpc));
            EapAkaPeer peer(wrong, PeerCfg(profile), w.peerRng);
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            NS_TEST_ASSERT_MSG_EQ(Subtype(r.responses.back()), EapAkaSubtype::AuthenticationReject,
                                  "AKA-Authentication-Reject sent");
            NS_TEST_ASSERT_MSG_EQ(r.responses.back().size(), 8u, "reject has no attributes");
            NS_TEST_ASSERT_MSG_EQ(r.server.reason, "authentication-reject", "server reason");
            NS_TEST_ASSERT_MSG_EQ((r.peer.event == PEv::Failure), true, "peer failure");
        }
    }
};

class ResynchronisationTestCase : public ns3::TestCase
{
public:
    ResynchronisationTestCase()
        : TestCase(
            "synchronization failure -> AUTS -> resynchronisation -> new challenge -> success")
    {}

private:
    void DoRun() override
    {
        for (auto profile : {kDraft, kRfc})
        {
            World w(ServerCfg(profile));
            // The USIM has accepted far newer SQNs than the database holds.
            for (uint64_t ind = 0; ind < 32; ++ind)
            {
                w.usim.SetLastAcceptedSqn((uint64_t(5000) << 5) | ind);
            }
            EapAkaPeer peer = w.Peer(PeerCfg(profile));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            NS_TEST_ASSERT_MSG_EQ(Subtype(r.responses[1]), EapAkaSubtype::SynchronizationFailure,
                                  "AUTS");
            NS_TEST_ASSERT_MSG_EQ(r.responses[1].size(), 24u, "draft 8.5: 8 + AT_AUTS 16");
            NS_TEST_ASSERT_MSG_EQ(Subtype(r.requests[2]), EapAkaSubtype::Challenge,
                                  "new challenge");
            NS_TEST_ASSERT_MSG_EQ((r.server.event == Ev::Success), true, "success after resync");
            NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Msk()), ToHex(r.server.msk), "keys agree");
            NS_TEST_ASSERT_MSG_EQ(w.server->Counter("resynchronisation"), 1u, "one resync");
        }
        // A forged AUTS (MAC-S wrong) ends in failure, not in a reset SQN.
        World w(ServerCfg(kDraft));
        for (uint64_t ind = 0; ind < 32; ++ind)
        {
            w.usim.SetLastAcceptedSqn((uint64_t(5000) << 5) | ind);
        }
        EapAkaPeer peer = w.Peer(PeerCfg(kDraft));
        auto s = w.server->CreateSession();
        Conv r = Pump(peer, *s, nullptr,
                      [](size_t i, Bytes& resp)
                      {
                          if (i == 1)
                          {
                              resp.back() ^= 0x01;
                          }
                      });
        NS_TEST_ASSERT_MSG_EQ(r.server.reason, "resync-failed", "bad AUTS rejected");
    }
};

class GsmModeTestCase : public ns3::TestCase
{
public:
    GsmModeTestCase()
        : TestCase("GSM-compatible mode: no AUTN, SRES in AT_RES; a client refusing it answers Nak")
    {}

private:
    void DoRun() override
    {
        EapAkaServerConfig cfg = ServerCfg(kDraft, true);
        cfg.gsmCompatibleMode = true;
        {
            World w(cfg);
            EapAkaPeer peer = w.Peer(PeerCfg(kDraft));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            auto ch = DecodeAkaMessage(kDraft, r.requests[1]);
            NS_TEST_ASSERT_MSG_EQ(ch.msg->attrs.autn.has_value(), false, "no AT_AUTN");
            NS_TEST_ASSERT_MSG_EQ(ch.msg->attrs.mac.has_value(), false, "no AT_MAC in GSM mode");
            NS_TEST_ASSERT_MSG_EQ(ch.msg->attrs.encrData.has_value(), false,
                                  "no pseudonym in GSM mode");
            auto resp = DecodeAkaMessage(kDraft, r.responses[1]);
            NS_TEST_ASSERT_MSG_EQ(resp.msg->attrs.resBits, 32, "SRES is 32 bits");
            NS_TEST_ASSERT_MSG_EQ(ToHex(*resp.msg->attrs.res),
                                  ToHex(w.usim.RunGsm(*ch.msg->attrs.rand).sres),
                                  "AT_RES carries SRES");
            NS_TEST_ASSERT_MSG_EQ((r.server.event == Ev::Success), true, "success");
            NS_TEST_ASSERT_MSG_EQ(peer.LastWasGsm(), true, "GSM mode");
            NS_TEST_ASSERT_MSG_EQ(peer.Msk().empty(), true, "no key derivation in GSM mode");
            NS_TEST_ASSERT_MSG_EQ(peer.Pseudonym().empty(), true, "no pseudonym");
        }
        {
            World w(cfg);
            EapAkaPeerConfig pc = PeerCfg(kDraft);
            pc.allowGsmMode = false;
            EapAkaPeer peer = w.Peer(pc);
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            NS_TEST_ASSERT_MSG_EQ(int(r.responses[1][4]), int(EapType::Nak), "EAP-Response/Nak");
            NS_TEST_ASSERT_MSG_EQ(r.server.reason, "nak", "server fails on Nak");
            NS_TEST_ASSERT_MSG_EQ((r.peer.event == PEv::Failure), true, "peer failure");
        }
        // The RFC 4187 profile has no GSM mode: a challenge without AUTN is discarded.
        {
            World w(ServerCfg(kRfc));
            EapAkaPeer peer = w.Peer(PeerCfg(kRfc));
            AkaMessage m;
            m.identifier = 9;
            m.subtype = EapAkaSubtype::Challenge;
            m.attrs.rand = Bytes(16, 1);
            auto o = peer.Receive(EncodeAkaMessage(kRfc, m));
            NS_TEST_ASSERT_MSG_EQ(o.discardReason, "missing-autn", "RFC: AUTN mandatory");
        }
    }
};

class IdentityAndPseudonymTestCase : public ns3::TestCase
{
public:
    IdentityAndPseudonymTestCase()
        : TestCase("AKA-Identity requests, encrypted pseudonyms, undecodable pseudonyms, refusal")
    {}

private:
    void DoRun() override
    {
        for (auto profile : {kDraft, kRfc})
        {
            EapAkaServerConfig cfg = ServerCfg(profile, true);
            cfg.issueReauthIds = false;
            World w(cfg);
            EapAkaPeerConfig pc = PeerCfg(profile);
            EapAkaPeer peer = w.Peer(pc);
            auto s1 = w.server->CreateSession();
            Conv r1 = Pump(peer, *s1);
            NS_TEST_ASSERT_MSG_EQ((r1.server.event == Ev::Success), true, "first auth");
            NS_TEST_ASSERT_MSG_EQ(peer.Pseudonym().size(), AkaPseudonymCodec::kUsernameLength,
                                  "pseudonym");
            NS_TEST_ASSERT_MSG_EQ(peer.Pseudonym()[0], '2', "pseudonym hint");
            auto ch = DecodeAkaMessage(profile, r1.requests[1]);
            NS_TEST_ASSERT_MSG_EQ(ch.msg->attrs.iv.has_value(), true, "AT_IV");
            NS_TEST_ASSERT_MSG_EQ(ch.msg->attrs.encrData.has_value(), true, "AT_ENCR_DATA");

            // Second authentication under the pseudonym.
            std::string first = peer.Pseudonym();
            auto s2 = w.server->CreateSession();
            Conv r2 = Pump(peer, *s2);
            std::string nai(r2.responses[0].begin() + 5, r2.responses[0].end());
            NS_TEST_ASSERT_MSG_EQ(nai, first + "@mnc010.mcc001.owlan.org", "pseudonym NAI");
            NS_TEST_ASSERT_MSG_EQ(nai.find(kImsi), std::string::npos, "IMSI hidden");
            NS_TEST_ASSERT_MSG_EQ((r2.server.event == Ev::Success), true, "pseudonym decoded");
            NS_TEST_ASSERT_MSG_EQ(r2.server.imsi, kImsi, "to the IMSI");
            NS_TEST_ASSERT_MSG_EQ((peer.Pseudonym() != first), true, "fresh pseudonym each time");

            // A server that cannot decode it asks for the permanent identity.
            EapAkaServerConfig other = cfg;
            other.pseudonymKey = FromHex("ffeeddccbbaa99887766554433221100");
            EapAkaServer srv2(w.auc, w.srvRng, other);
            auto s3 = srv2.CreateSession();
            Conv r3 = Pump(peer, *s3);
            auto idreq = DecodeAkaMessage(profile, r3.requests[1]);
            NS_TEST_ASSERT_MSG_EQ(Subtype(r3.requests[1]), EapAkaSubtype::Identity, "AKA-Identity");
            NS_TEST_ASSERT_MSG_EQ(idreq.msg->attrs.permanentIdReq, true,
                                  "permanent identity requested");
            auto idresp = DecodeAkaMessage(profile, r3.responses[1]);
            if (profile == kDraft)
            {
                NS_TEST_ASSERT_MSG_EQ(*idresp.msg->attrs.permanentIdentity, "0" + kImsi,
                                      "AT_PERMANENT_IDENTITY: username only");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(*idresp.msg->attrs.identity, peer.PermanentNai(),
                                      "AT_IDENTITY: NAI");
            }
            NS_TEST_ASSERT_MSG_EQ((r3.server.event == Ev::Success), true,
                                  "success after permanent id");
            NS_TEST_ASSERT_MSG_EQ(srv2.Counter("pseudonym-undecodable"), 1u, "counted");
            NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Msk()), ToHex(r3.server.msk),
                                  "keys (RFC: MK over AT_IDENTITY)");

            // A client that refuses to reveal its IMSI ignores that request; the server times out.
            EapAkaPeerConfig refusing = pc;
            refusing.refusePermanentIdentity = true;
            EapAkaPeer shy(w.usim, refusing, w.peerRng);
            auto s4 = w.server->CreateSession();
            Pump(shy, *s4); // learn a pseudonym
            NS_TEST_ASSERT_MSG_EQ(shy.Pseudonym().empty(), false, "shy has a pseudonym");
            auto s5 = srv2.CreateSession();
            Conv r5 = Pump(shy, *s5);
            NS_TEST_ASSERT_MSG_EQ(r5.peer.discardReason, "refused-permanent-identity", "ignored");
            NS_TEST_ASSERT_MSG_EQ(shy.Discards("refused-permanent-identity"), 1u, "counted");
            EapAkaServerOutput t;
            TimeNs now(0);
            for (int i = 0; i < 10 && t.event != Ev::Failure; ++i)
            {
                now = *s5->NextDeadline();
                t = s5->OnTimeout(now);
                if (t.event != Ev::Failure)
                {
                    NS_TEST_ASSERT_MSG_EQ(ToHex(*t.send), ToHex(r5.requests.back()),
                                          "retransmission");
                    NS_TEST_ASSERT_MSG_EQ(shy.Receive(*t.send).send.has_value(), false,
                                          "still silent");
                }
            }
            NS_TEST_ASSERT_MSG_EQ(t.reason, "timeout", "server gives up");
        }
        // Server without any identity: starts with AKA-Identity / AT_IDENTITY_REQ (draft section
        // 4).
        for (auto profile : {kDraft, kRfc})
        {
            EapAkaServerConfig cfg = ServerCfg(profile);
            cfg.startWithAkaIdentity = true;
            World w(cfg);
            EapAkaPeer peer = w.Peer(PeerCfg(profile));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            auto req = DecodeAkaMessage(profile, r.requests[0]);
            NS_TEST_ASSERT_MSG_EQ(req.msg->attrs.anyIdReq, true, "AT_IDENTITY_REQ / AT_ANY_ID_REQ");
            auto resp = DecodeAkaMessage(profile, r.responses[0]);
            NS_TEST_ASSERT_MSG_EQ(*resp.msg->attrs.identity,
                                  (profile == kDraft ? "0" + kImsi : peer.PermanentNai()),
                                  "AT_IDENTITY");
            NS_TEST_ASSERT_MSG_EQ((r.server.event == Ev::Success), true, "success");
            if (profile == kRfc)
            {
                // AT_CHECKCODE covers the AKA-Identity round trip (RFC 4187 10.13).
                auto ch = DecodeAkaMessage(kRfc, r.requests[1]);
                NS_TEST_ASSERT_MSG_EQ(ToHex(*ch.msg->attrs.checkcode),
                                      ToHex(Sha1(Concat({r.requests[0], r.responses[0]}))),
                                      "checkcode");
            }
        }
        // RFC 4187 10.13: a peer whose view of the AKA-Identity exchange differs from the
        // server's (here: a reserved octet changed in flight) answers AKA-Client-Error.
        {
            EapAkaServerConfig cfg = ServerCfg(kRfc);
            cfg.startWithAkaIdentity = true;
            World w(cfg);
            EapAkaPeer peer = w.Peer(PeerCfg(kRfc));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s, nullptr,
                          [](size_t i, Bytes& resp)
                          {
                              if (i == 0)
                              {
                                  resp[7] ^= 0x01; // reserved: ignored on reception, but hashed
                              }
                          });
            NS_TEST_ASSERT_MSG_EQ(Subtype(r.responses.back()), EapAkaSubtype::ClientError,
                                  "AKA-Client-Error");
            NS_TEST_ASSERT_MSG_EQ(r.server.reason, "client-error", "server fails");
            NS_TEST_ASSERT_MSG_EQ((r.peer.event == PEv::Failure), true, "peer failure");
        }
        // An identity of unknown form ("anonymous") -> AT_IDENTITY_REQ first.
        {
            World w(ServerCfg(kDraft));
            EapAkaPeer peer = w.Peer(PeerCfg(kDraft));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s, nullptr,
                          [](size_t i, Bytes& resp)
                          {
                              if (i == 0)
                              {
                                  EapPacket p;
                                  p.code = EapCode::Response;
                                  p.identifier = resp[1];
                                  p.type = EapType::Identity;
                                  p.typeData = ToBytes("anonymous@example.org");
                                  resp = p.Serialize();
                              }
                          });
            NS_TEST_ASSERT_MSG_EQ(DecodeAkaMessage(kDraft, r.requests[1]).msg->attrs.anyIdReq, true,
                                  "AT_IDENTITY_REQ");
            NS_TEST_ASSERT_MSG_EQ((r.server.event == Ev::Success), true, "success");
        }
        // Pseudonym codec: tamper-evident and bound to its key.
        {
            SeededRandomSource rng(5);
            AkaPseudonymCodec c(FromHex("000102030405060708090a0b0c0d0e0f"));
            std::string p = c.Issue(kImsi, rng);
            NS_TEST_ASSERT_MSG_EQ(*c.Decode(p), kImsi, "decodes");
            std::string bad = p;
            bad[5] = bad[5] == 'a' ? 'b' : 'a';
            NS_TEST_ASSERT_MSG_EQ(c.Decode(bad).has_value(), false, "tampered");
            NS_TEST_ASSERT_MSG_EQ(c.Decode("0" + kImsi).has_value(), false, "not a pseudonym");
            NS_TEST_ASSERT_MSG_EQ(c.Decode(p.substr(0, 20)).has_value(), false, "truncated");
        }
    }
};

class RealmTestCase : public ns3::TestCase
{
public:
    RealmTestCase()
        : TestCase("NAI username and realm rules (draft 8.1, TS 23.003 14.2)")
    {}

private:
    void DoRun() override
    {
        AkaRealmConfig c;
        // Draft 8.1 example: IMSI 123456789098765, 3-digit MNC.
        NS_TEST_ASSERT_MSG_EQ(AkaRealm("123456789098765", c), "mnc456.mcc123.owlan.org",
                              "draft example");
        c.mncDigits = 2;
        NS_TEST_ASSERT_MSG_EQ(AkaRealm("123456789098765", c), "mnc45.mcc123.owlan.org",
                              "2-digit MNC");
        c.form = AkaRealmForm::ThreeGpp;
        NS_TEST_ASSERT_MSG_EQ(AkaRealm("123456789098765", c), "wlan.mnc045.mcc123.3gppnetwork.org",
                              "TS 23.003: 2-digit MNC zero-padded");
        c.mncDigits = 3;
        NS_TEST_ASSERT_MSG_EQ(AkaRealm("310150123456789", c), "wlan.mnc150.mcc310.3gppnetwork.org",
                              "3 digits");
        c.realmOverride = "operator.example";
        NS_TEST_ASSERT_MSG_EQ(AkaRealm("310150123456789", c), "operator.example", "override");
        NS_TEST_ASSERT_MSG_EQ(AkaPermanentUsername("123456789098765"), "0123456789098765",
                              "0 + IMSI");
        NS_TEST_ASSERT_MSG_EQ(*ImsiFromAkaPermanentUsername("0123456"), "123456", "back to IMSI");
        NS_TEST_ASSERT_MSG_EQ(ImsiFromAkaPermanentUsername("1123456").has_value(), false,
                              "EAP-SIM hint");
        NS_TEST_ASSERT_MSG_EQ(ImsiFromAkaPermanentUsername("01234567890123456").has_value(), false,
                              "more than 15 digits");
        NS_TEST_ASSERT_MSG_EQ(ImsiFromAkaPermanentUsername("012345a").has_value(), false,
                              "non-digit");
        NaiParts p = SplitNai("0123@a@b");
        NS_TEST_ASSERT_MSG_EQ(p.username + "|" + p.realm, "0123@a|b", "split at last @");
        bool threw = false;
        try
        {
            AkaPermanentUsername("12a45678");
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "malformed IMSI");
    }
};

class NotificationAndNakTestCase : public ns3::TestCase
{
public:
    NotificationAndNakTestCase()
        : TestCase("unknown subscriber -> Notification -> Failure; other methods are Nak'ed")
    {}

private:
    void DoRun() override
    {
        for (auto profile : {kDraft, kRfc})
        {
            World w(ServerCfg(profile));
            EapAkaPeer peer = w.Peer(PeerCfg(profile, "001019999999999"));
            auto s = w.server->CreateSession();
            Conv r = Pump(peer, *s);
            const Bytes& note = r.requests[1];
            if (profile == kDraft)
            {
                NS_TEST_ASSERT_MSG_EQ(int(note[4]), int(EapType::Notification), "EAP Notification");
                NS_TEST_ASSERT_MSG_EQ(ToHex(r.responses[1]), ToHex(Bytes{2, note[1], 0, 5, 2}),
                                      "empty Notification Response");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(Subtype(note), EapAkaSubtype::Notification,
                                      "AKA-Notification");
                auto rn = DecodeAkaMessage(kRfc, r.responses[1]);
                NS_TEST_ASSERT_MSG_EQ(rn.msg->attrs.mac.has_value(), false, "P=1: no MAC");
            }
            NS_TEST_ASSERT_MSG_EQ(r.server.reason, "unknown-subscriber", "failure reason");
            NS_TEST_ASSERT_MSG_EQ((r.peer.event == PEv::Failure), true, "peer failure");
        }
        // RFC 4187: the notification code reaches the peer's output.
        {
            World w(ServerCfg(kRfc));
            EapAkaPeer peer = w.Peer(PeerCfg(kRfc, "001019999999999"));
            auto s = w.server->CreateSession();
            auto o = s->Start(TimeNs(0));
            o = s->Receive(*peer.Receive(*o.send).send, TimeNs(0));
            auto po = peer.Receive(*o.send);
            NS_TEST_ASSERT_MSG_EQ(
                po.notification.value_or(0),
                (AkaNotificationCode::UserNotSubscribed | AkaNotificationCode::PhaseBit), "code");
            // A P=0 (post-authentication) notification without a valid MAC is discarded.
            AkaMessage m;
            m.identifier = 77;
            m.subtype = EapAkaSubtype::Notification;
            m.attrs.notification = AkaNotificationCode::GeneralFailureAfterAuth;
            auto po2 = peer.Receive(EncodeAkaMessage(kRfc, m));
            NS_TEST_ASSERT_MSG_EQ(po2.discardReason, "bad-mac", "unprotected P=0 notification");
        }
        // Method negotiation: the peer Naks another method, asking for AKA (23).
        {
            World w(ServerCfg(kDraft));
            EapAkaPeer peer = w.Peer(PeerCfg(kDraft));
            peer.Receive(FromHex("0101000501"));            // Request/Identity
            auto o = peer.Receive(FromHex("010200060410")); // Request/MD5-Challenge
            NS_TEST_ASSERT_MSG_EQ(ToHex(*o.send), "020200060317", "Nak proposing type 23");
            // The server fails the session on a Nak.
            auto s = w.server->CreateSession();
            auto so = s->Start(TimeNs(0));
            so = s->Receive(*peer.Receive(*so.send).send, TimeNs(0));
            EapPacket nak;
            nak.code = EapCode::Response;
            nak.identifier = (*so.send)[1];
            nak.type = EapType::Nak;
            nak.typeData = {4};
            auto f = s->Receive(nak.Serialize(), TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ((f.event == Ev::Failure), true, "Nak -> Failure");
            NS_TEST_ASSERT_MSG_EQ(f.reason, "nak", "reason");
        }
    }
};

class FastReauthenticationTestCase : public ns3::TestCase
{
public:
    FastReauthenticationTestCase()
        : TestCase("RFC 4187 fast re-authentication with counter, and counter-too-small fallback")
    {}

private:
    void DoRun() override
    {
        World w(ServerCfg(kRfc, true));
        EapAkaPeer peer = w.Peer(PeerCfg(kRfc));
        auto s1 = w.server->CreateSession();
        Conv r1 = Pump(peer, *s1);
        NS_TEST_ASSERT_MSG_EQ((r1.server.event == Ev::Success), true, "full auth");
        NS_TEST_ASSERT_MSG_EQ(peer.ReauthId().empty(), false, "re-auth identity received");
        NS_TEST_ASSERT_MSG_EQ(w.server->ReauthEntries(), 1u, "stored");
        Bytes fullMsk = peer.Msk();
        uint64_t seq = w.usim.HighestSeq();

        std::string id1 = peer.ReauthId();
        auto s2 = w.server->CreateSession();
        Conv r2 = Pump(peer, *s2);
        NS_TEST_ASSERT_MSG_EQ(Subtype(r2.requests[1]), EapAkaSubtype::Reauthentication,
                              "re-auth request");
        NS_TEST_ASSERT_MSG_EQ((r2.server.event == Ev::Success), true, "re-auth success");
        NS_TEST_ASSERT_MSG_EQ(r2.server.reauth, true, "flagged");
        NS_TEST_ASSERT_MSG_EQ(peer.LastWasReauth(), true, "peer knows");
        NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Msk()), ToHex(r2.server.msk), "re-auth MSK agrees");
        NS_TEST_ASSERT_MSG_EQ((peer.Msk() != fullMsk), true, "fresh MSK");
        NS_TEST_ASSERT_MSG_EQ(w.usim.HighestSeq(), seq, "USIM not used");
        NS_TEST_ASSERT_MSG_EQ((peer.ReauthId() != id1), true, "next re-auth identity");
        // The response MAC covers NONCE_S: the response verifies only with it appended.
        auto resp = DecodeAkaMessage(kRfc, r2.responses[1]);
        NS_TEST_ASSERT_MSG_EQ(resp.msg->attrs.encrData.has_value(), true, "encrypted AT_COUNTER");

        auto s3 = w.server->CreateSession();
        Conv r3 = Pump(peer, *s3);
        NS_TEST_ASSERT_MSG_EQ(r3.server.reauth, true, "second re-auth");
        NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Msk()), ToHex(r3.server.msk), "agrees");

        // The server's counter is rolled back: the peer reports AT_COUNTER_TOO_SMALL and
        // the server falls back to a full authentication.
        NS_TEST_ASSERT_MSG_EQ(w.server->SetReauthCounter(peer.ReauthId(), 0), true, "rollback");
        auto s4 = w.server->CreateSession();
        Conv r4 = Pump(peer, *s4);
        NS_TEST_ASSERT_MSG_EQ(Subtype(r4.requests[1]), EapAkaSubtype::Reauthentication,
                              "re-auth tried");
        NS_TEST_ASSERT_MSG_EQ(Subtype(r4.requests[2]), EapAkaSubtype::Challenge, "then full auth");
        NS_TEST_ASSERT_MSG_EQ(w.server->Counter("counter-too-small"), 1u, "counter too small seen");
        NS_TEST_ASSERT_MSG_EQ((r4.server.event == Ev::Success), true, "success");
        NS_TEST_ASSERT_MSG_EQ(r4.server.reauth, false, "by full authentication");
        NS_TEST_ASSERT_MSG_EQ(ToHex(peer.Msk()), ToHex(r4.server.msk), "keys agree");

        // An unknown re-auth identity -> AT_FULLAUTH_ID_REQ -> full authentication.
        World w2(ServerCfg(kRfc, true));
        auto s5 = w2.server->CreateSession();
        EapAkaPeer peer2(w.usim, PeerCfg(kRfc), w.peerRng);
        Conv r0 = Pump(peer2, *s5);
        auto s6 = w.server->CreateSession(); // a server that never issued it
        Conv r6 = Pump(peer2, *s6);
        NS_TEST_ASSERT_MSG_EQ(DecodeAkaMessage(kRfc, r6.requests[1]).msg->attrs.fullauthIdReq, true,
                              "AT_FULLAUTH_ID_REQ");
        NS_TEST_ASSERT_MSG_EQ((r6.server.event == Ev::Success), true, "full auth");
        NS_TEST_ASSERT_MSG_EQ(r6.server.reauth, false, "not re-auth");
    }
};

class IdentifierAndDiscardTestCase : public ns3::TestCase
{
public:
    IdentifierAndDiscardTestCase()
        : TestCase("identifier rules, duplicates, and silent discards that leave state unchanged")
    {}

private:
    void DoRun() override
    {
        for (auto profile : {kDraft, kRfc})
        {
            World w(ServerCfg(profile, true));
            EapAkaPeer peer = w.Peer(PeerCfg(profile));
            auto s = w.server->CreateSession();
            auto o = s->Start(TimeNs(0));
            Bytes idResp = *peer.Receive(*o.send).send;
            // Response with the wrong identifier: discarded, state unchanged.
            Bytes wrongId = idResp;
            wrongId[1] ^= 0x55;
            auto d = s->Receive(wrongId, TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ(d.reason, "identifier-mismatch", "identifier must match");
            NS_TEST_ASSERT_MSG_EQ(d.send.has_value(), false, "nothing sent");
            auto ch = s->Receive(idResp, TimeNs(0));
            Bytes challenge = *ch.send;
            NS_TEST_ASSERT_MSG_EQ(Subtype(challenge), EapAkaSubtype::Challenge, "proceeds");

            // Peer: wrong AT_MAC -> discarded; unknown non-skippable attribute -> discarded.
            Bytes badMac = challenge;
            badMac[badMac.size() - 1] ^= 1; // AT_MAC is last
            auto pd = peer.Receive(badMac);
            NS_TEST_ASSERT_MSG_EQ(pd.discardReason, "bad-mac", "forged MAC");
            NS_TEST_ASSERT_MSG_EQ(pd.send.has_value(), false, "silently");
            AkaMessage extra = *DecodeAkaMessage(profile, challenge).msg;
            Bytes unknown = challenge;
            Bytes attr100 = FromHex("64010000");
            unknown.insert(unknown.begin() + 8, attr100.begin(), attr100.end());
            unknown[3] = uint8_t(unknown.size());
            unknown[2] = uint8_t(unknown.size() >> 8);
            pd = peer.Receive(unknown);
            NS_TEST_ASSERT_MSG_EQ(pd.discardReason, "unknown-non-skippable", "attribute 100");
            NS_TEST_ASSERT_MSG_EQ(peer.Discards("bad-mac"), 1u, "counted");
            // The genuine challenge still works (the forged copy did not burn the SQN).
            auto pr = peer.Receive(challenge);
            Bytes resp = *pr.send;
            NS_TEST_ASSERT_MSG_EQ(Subtype(resp), EapAkaSubtype::Challenge, "answered");
            // A duplicate Request gets the same Response, without re-running the USIM.
            uint64_t seq = w.usim.HighestSeq();
            auto dup = peer.Receive(challenge);
            NS_TEST_ASSERT_MSG_EQ(ToHex(*dup.send), ToHex(resp), "same Response");
            NS_TEST_ASSERT_MSG_EQ(w.usim.HighestSeq(), seq, "USIM untouched");
            // Out of order at the peer: an identity-phase message after the challenge.
            AkaMessage idreq;
            idreq.identifier = 200;
            idreq.subtype = EapAkaSubtype::Identity;
            idreq.attrs.anyIdReq = true;
            pd = peer.Receive(EncodeAkaMessage(profile, idreq));
            NS_TEST_ASSERT_MSG_EQ(pd.discardReason, "unexpected-aka-identity", "out of order");
            pd = peer.Receive(Bytes{3, uint8_t(challenge[1] ^ 0xff), 0, 4});
            NS_TEST_ASSERT_MSG_EQ(pd.discardReason, "identifier-mismatch",
                                  "EAP-Success for another Response");

            // Server: wrong MAC in the response -> discarded; out-of-order -> discarded.
            Bytes badResp = resp;
            badResp[badResp.size() - 1] ^= 1;
            d = s->Receive(badResp, TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ(d.reason, "bad-mac", "server checks AT_MAC");
            NS_TEST_ASSERT_MSG_EQ(s->IsFinished(), false, "state unchanged");
            d = s->Receive(idResp, TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ(d.reason, "identifier-mismatch", "replayed identity response");
            Bytes unk = resp;
            unk.insert(unk.begin() + 8, attr100.begin(), attr100.end());
            unk[3] = uint8_t(unk.size());
            d = s->Receive(unk, TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ(d.reason, "unknown-non-skippable", "server discards too");
            auto fin = s->Receive(resp, TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ((fin.event == Ev::Success), true, "genuine response accepted");
            NS_TEST_ASSERT_MSG_EQ((peer.Receive(*fin.send).event == PEv::Success), true,
                                  "peer success");
            NS_TEST_ASSERT_MSG_EQ(s->Discards("bad-mac"), 1u, "server counted");
            (void) extra;
        }
    }
};

class RetransmissionAndConcurrencyTestCase : public ns3::TestCase
{
public:
    RetransmissionAndConcurrencyTestCase()
        : TestCase("server retransmission timer, and one server with interleaved sessions")
    {}

private:
    void DoRun() override
    {
        World w(ServerCfg(kDraft, true));
        auto s = w.server->CreateSession();
        auto o = s->Start(TimeNs(std::chrono::seconds(10)));
        NS_TEST_ASSERT_MSG_EQ((*s->NextDeadline() == TimeNs(std::chrono::seconds(13))), true,
                              "deadline");
        auto early = s->OnTimeout(TimeNs(std::chrono::seconds(12)));
        NS_TEST_ASSERT_MSG_EQ(early.send.has_value(), false, "not yet");
        auto re = s->OnTimeout(TimeNs(std::chrono::seconds(13)));
        NS_TEST_ASSERT_MSG_EQ(ToHex(*re.send), ToHex(*o.send), "same Request, same identifier");
        EapAkaPeer peer = w.Peer(PeerCfg(kDraft));
        // The peer answers both copies identically; the server takes the first.
        Bytes a1 = *peer.Receive(*o.send).send;
        Bytes a2 = *peer.Receive(*re.send).send;
        NS_TEST_ASSERT_MSG_EQ(ToHex(a1), ToHex(a2), "duplicate answered alike");
        auto ch = s->Receive(a1, TimeNs(std::chrono::seconds(14)));
        NS_TEST_ASSERT_MSG_EQ(Subtype(*ch.send), EapAkaSubtype::Challenge, "challenge");
        auto dup = s->Receive(a2, TimeNs(std::chrono::seconds(14)));
        NS_TEST_ASSERT_MSG_EQ(dup.reason, "identifier-mismatch", "duplicate Response discarded");
        TimeNs t(std::chrono::seconds(14));
        EapAkaServerOutput last;
        for (int i = 0; i < 4; ++i)
        {
            t = *s->NextDeadline();
            last = s->OnTimeout(t);
        }
        NS_TEST_ASSERT_MSG_EQ(last.reason, "timeout", "fails after maxRetransmits");
        NS_TEST_ASSERT_MSG_EQ(w.server->Counter("retransmit"), 4u, "1 + 3 retransmissions");

        // Two peers, one server, interleaved message by message.
        World w2(ServerCfg(kRfc, true));
        EapAkaPeer p1(w2.usim, PeerCfg(kRfc, kImsi), w2.peerRng);
        EapAkaPeer p2(w2.usim2, PeerCfg(kRfc, kImsi2), w2.peerRng);
        auto sa = w2.server->CreateSession();
        auto sb = w2.server->CreateSession();
        auto oa = sa->Start(TimeNs(0));
        auto ob = sb->Start(TimeNs(0));
        for (int i = 0; i < 3; ++i)
        {
            auto ra = p1.Receive(*oa.send);
            auto rb = p2.Receive(*ob.send);
            if (!ra.send || !rb.send)
            {
                break;
            }
            ob = sb->Receive(*rb.send, TimeNs(0));
            oa = sa->Receive(*ra.send, TimeNs(0));
        }
        NS_TEST_ASSERT_MSG_EQ((oa.event == Ev::Success && ob.event == Ev::Success), true,
                              "both succeed");
        NS_TEST_ASSERT_MSG_EQ(oa.imsi + ob.imsi, kImsi + kImsi2, "each its own subscriber");
        NS_TEST_ASSERT_MSG_EQ((oa.msk != ob.msk), true, "distinct keys");
        NS_TEST_ASSERT_MSG_EQ(w2.server->ReauthEntries(), 2u, "two re-auth contexts");
    }
};

class ServerResponseChecksTestCase : public ns3::TestCase
{
public:
    ServerResponseChecksTestCase()
        : TestCase(
            "RFC 4187 server: AT_MAC mandatory, AT_CHECKCODE and RES checked under a valid MAC")
    {}

private:
    void DoRun() override
    {
        // The test plays the peer itself with a second USIM of the same subscriber,
        // so it holds the session keys and can send well-MACed wrong responses.
        for (int variant = 0; variant < 3; ++variant)
        {
            World w(ServerCfg(kRfc));
            auto s = w.server->CreateSession();
            auto o = s->Start(TimeNs(0));
            std::string nai = "0" + kImsi + "@example.org";
            EapPacket idr;
            idr.code = EapCode::Response;
            idr.identifier = (*o.send)[1];
            idr.type = EapType::Identity;
            idr.typeData = ToBytes(nai);
            o = s->Receive(idr.Serialize(), TimeNs(0));
            auto ch = DecodeAkaMessage(kRfc, *o.send);
            UsimAuthResult u = w.usim2.Authenticate(*ch.msg->attrs.rand, *ch.msg->attrs.autn);
            NS_TEST_ASSERT_MSG_EQ((u.status == UsimAuthResult::Status::Success), true, "USIM ok");
            AkaKeys keys = DeriveAkaKeys(kRfc, nai, u.ik, u.ck);
            AkaMessage m;
            m.code = EapCode::Response;
            m.identifier = ch.msg->identifier;
            m.subtype = EapAkaSubtype::Challenge;
            m.attrs.res = u.res;
            m.attrs.checkcode = Bytes();
            m.attrs.mac = Bytes(16);
            if (variant == 0)
            {
                m.attrs.mac.reset();
                auto d = s->Receive(EncodeAkaMessage(kRfc, m), TimeNs(0));
                NS_TEST_ASSERT_MSG_EQ(d.reason, "missing-mac", "RFC 4187: AT_MAC mandatory");
                m.attrs.mac = Bytes(16);
            }
            if (variant == 1)
            {
                m.attrs.checkcode = Bytes(20, 0x33);
                auto f = s->Receive(EncodeAkaMessage(kRfc, m, keys.kAut), TimeNs(0));
                NS_TEST_ASSERT_MSG_EQ(f.reason, "checkcode-mismatch", "AT_CHECKCODE checked");
                continue;
            }
            if (variant == 2)
            {
                m.attrs.res = Bytes(u.res.size(), 0x5a);
                auto f = s->Receive(EncodeAkaMessage(kRfc, m, keys.kAut), TimeNs(0));
                NS_TEST_ASSERT_MSG_EQ(f.reason, "res-mismatch", "RES checked");
                continue;
            }
            auto ok = s->Receive(EncodeAkaMessage(kRfc, m, keys.kAut), TimeNs(0));
            NS_TEST_ASSERT_MSG_EQ((ok.event == Ev::Success), true, "the correct response succeeds");
            NS_TEST_ASSERT_MSG_EQ(ToHex(ok.msk), ToHex(keys.msk),
                                  "MSK = PRF(SHA1(Identity|IK|CK))");
        }
    }
};

class EapAkaFlowTestSuite : public ns3::TestSuite
{
public:
    EapAkaFlowTestSuite()
        : TestSuite("roamsec-eap-aka-flow", Type::UNIT)
    {
        AddTestCase(new FullAuthenticationTestCase);
        AddTestCase(new FailureFlowsTestCase);
        AddTestCase(new ServerResponseChecksTestCase);
        AddTestCase(new ResynchronisationTestCase);
        AddTestCase(new GsmModeTestCase);
        AddTestCase(new IdentityAndPseudonymTestCase);
        AddTestCase(new RealmTestCase);
        AddTestCase(new NotificationAndNakTestCase);
        AddTestCase(new FastReauthenticationTestCase);
        AddTestCase(new IdentifierAndDiscardTestCase);
        AddTestCase(new RetransmissionAndConcurrencyTestCase);
    }
};

EapAkaFlowTestSuite g_eapAkaFlowTestSuite;

} // namespace
