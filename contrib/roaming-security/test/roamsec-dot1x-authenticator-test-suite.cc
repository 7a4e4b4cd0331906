/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The sans-IO 802.1X authenticator: EAP relayed between a station and RADIUS,
 * the PMK from MS-MPPE-Recv-Key, the Response matching the outstanding Request,
 * EAP-Request retransmission and give-up, Access-Reject.
 */
#include "ns3/dot1x-authenticator.h"
#include "ns3/eap-packet.h"
#include "ns3/radius-packet.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

using namespace roamsec;

namespace {

const MacAddr kAp{0x02, 0, 0, 0, 0, 0x01};
const MacAddr kSta{0x02, 0, 0, 0, 1, 0x00};
const std::string kIdentity = "0234150999999999@wlan.mnc015.mcc234.3gppnetwork.org";

Bytes
Secret()
{
    return ToBytes("ap-secret");
}

Dot1xAuthenticatorConfig
Config()
{
    Dot1xAuthenticatorConfig config;
    config.secret = Secret();
    config.nasIdentifier = "ap-0";
    config.nasAddress = kAp;
    config.eapRetransmitTimeout = Seconds(1);
    config.eapMaxRetransmissions = 2;
    return config;
}

Bytes
EapResponse(uint8_t identifier, uint8_t type, const Bytes& data)
{
    EapPacket p;
    p.code = EapCode::Response;
    p.identifier = identifier;
    p.type = type;
    p.typeData = data;
    return p.Serialize();
}

Bytes
EapRequest(uint8_t identifier, uint8_t type, const Bytes& data)
{
    EapPacket p;
    p.code = EapCode::Request;
    p.identifier = identifier;
    p.type = type;
    p.typeData = data;
    return p.Serialize();
}

/** The only message of out, which must go to the given destination. */
const Bytes&
OnlyMessage(const Dot1xOutput& out, Dot1xMessage::To to)
{
    static const Bytes kNone;
    if (out.messages.size() != 1 || out.messages[0].to != to)
    {
        return kNone;
    }
    return out.messages[0].bytes;
}

/** The server's answer to an Access-Request the authenticator sent. */
Bytes
Answer(const Bytes& accessRequest, RadiusCode code, const std::optional<Bytes>& eap,
       const Bytes& state = {}, const Bytes& recvKey = {}, const Bytes& sendKey = {})
{
    auto request = RadiusPacket::Parse(accessRequest);
    RadiusPacket r;
    r.code = code;
    r.identifier = request ? request->identifier : 0;
    if (!state.empty())
    {
        r.Add(RadiusAttr::State, state);
    }
    if (eap)
    {
        r.SetEapMessage(*eap);
    }
    if (!recvKey.empty())
    {
        SeededRandomSource rng(7);
        AddMppeKeys(r, Secret(), request->authenticator, sendKey, recvKey, rng);
    }
    return EncodeRadiusResponse(r, request ? request->authenticator : Bytes(16, 0), Secret(), true);
}

class FullExchangeTestCase : public ns3::TestCase
{
public:
    FullExchangeTestCase()
        : TestCase("Identity, challenge round with State, Access-Accept: EAP-Success and the PMK "
                   "from MS-MPPE-Recv-Key")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(1);
        Dot1xAuthenticator auth(Config(), rng);

        Dot1xOutput out = auth.Start(kSta, Seconds(0));
        auto identityRequest = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        NS_TEST_ASSERT_MSG_EQ(identityRequest.has_value(), true, "EAP-Request to the station");
        NS_TEST_ASSERT_MSG_EQ(identityRequest->type, EapType::Identity, "Request/Identity");
        NS_TEST_ASSERT_MSG_EQ(auth.HasOutstandingRequest(kSta), true, "awaiting the Response");

        Bytes identityResponse
            = EapResponse(identityRequest->identifier, EapType::Identity, ToBytes(kIdentity));
        out = auth.ReceiveEap(kSta, identityResponse, Milliseconds(10));
        Bytes datagram = OnlyMessage(out, Dot1xMessage::To::Server);
        auto request = RadiusPacket::Parse(datagram);
        NS_TEST_ASSERT_MSG_EQ(request.has_value(), true, "Access-Request to the server");
        NS_TEST_ASSERT_MSG_EQ((request->code == RadiusCode::AccessRequest), true, "code");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*request->GetEapMessage()), ToHex(identityResponse),
                              "EAP-Message carries the Response");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*request->Find(RadiusAttr::UserName)),
                              ToHex(ToBytes(kIdentity)), "User-Name");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*request->Find(RadiusAttr::CallingStationId)),
                              ToHex(ToBytes(MacToString(kSta))), "Calling-Station-Id");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*request->Find(RadiusAttr::CalledStationId)),
                              ToHex(ToBytes(MacToString(kAp))), "Called-Station-Id");
        NS_TEST_ASSERT_MSG_EQ((request->Find(RadiusAttr::State) == nullptr), true,
                              "no State in the first request");
        NS_TEST_ASSERT_MSG_EQ(auth.HasOutstandingRequest(kSta), false, "answered");

        Bytes challenge = EapRequest(2, EapType::Aka, FromHex("01000000"));
        out = auth.ReceiveRadius(
            Answer(datagram, RadiusCode::AccessChallenge, challenge, ToBytes("state-1")),
            Milliseconds(60));
        NS_TEST_ASSERT_MSG_EQ(ToHex(OnlyMessage(out, Dot1xMessage::To::Station)), ToHex(challenge),
                              "the server's EAP-Request is relayed");
        NS_TEST_ASSERT_MSG_EQ(out.events.size(), 0u, "no event on a challenge");

        Bytes challengeResponse = EapResponse(2, EapType::Aka, FromHex("01000000"));
        out = auth.ReceiveEap(kSta, challengeResponse, Milliseconds(70));
        datagram = OnlyMessage(out, Dot1xMessage::To::Server);
        request = RadiusPacket::Parse(datagram);
        NS_TEST_ASSERT_MSG_EQ(request.has_value(), true, "second Access-Request");
        NS_TEST_ASSERT_MSG_EQ((request->Find(RadiusAttr::State) != nullptr), true,
                              "State is echoed");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*request->Find(RadiusAttr::State)), ToHex(ToBytes("state-1")),
                              "the server's State");

        EapPacket success;
        success.code = EapCode::Success;
        success.identifier = 2;
        Bytes recvKey = FromHex("00112233445566778899aabbccddeeff"
                                "0123456789abcdef0123456789abcdef");
        Bytes sendKey(32, 0x5a);
        out = auth.ReceiveRadius(
            Answer(datagram, RadiusCode::AccessAccept, success.Serialize(), {}, recvKey, sendKey),
            Milliseconds(120));
        NS_TEST_ASSERT_MSG_EQ(ToHex(OnlyMessage(out, Dot1xMessage::To::Station)),
                              ToHex(success.Serialize()), "EAP-Success to the station");
        const Dot1xEvent* done = out.Find(Dot1xEvent::Kind::Authenticated);
        NS_TEST_ASSERT_MSG_EQ((done != nullptr), true, "authenticated");
        NS_TEST_ASSERT_MSG_EQ(ToHex(done->pmk), ToHex(recvKey), "PMK = MS-MPPE-Recv-Key");
        NS_TEST_ASSERT_MSG_EQ(ToHex(done->sendKey), ToHex(sendKey), "MS-MPPE-Send-Key decrypted");
        NS_TEST_ASSERT_MSG_EQ((out.Find(Dot1xEvent::Kind::Failed) == nullptr), true, "no failure");
        NS_TEST_ASSERT_MSG_EQ(auth.NextDeadline().has_value(), false,
                              "EAP-Success is not retransmitted, nothing outstanding");
        NS_TEST_ASSERT_MSG_EQ(auth.GetCounters().accepts, 1u, "one accept");
    }
};

class WrongIdentifierTestCase : public ns3::TestCase
{
public:
    WrongIdentifierTestCase()
        : TestCase("a Response that does not answer the outstanding Request is silently "
                   "discarded, and so is a duplicate of an answered one")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(2);
        Dot1xAuthenticator auth(Config(), rng);
        Dot1xOutput out = auth.Start(kSta, Seconds(0));
        auto request = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        NS_TEST_ASSERT_MSG_EQ(request.has_value(), true, "Request/Identity");
        uint8_t id = request->identifier;

        out = auth.ReceiveEap(kSta, EapResponse(id + 1, EapType::Identity, ToBytes(kIdentity)),
                              Milliseconds(5));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "nothing sent for the wrong identifier");
        const Dot1xEvent* dropped = out.Find(Dot1xEvent::Kind::EapDiscarded);
        NS_TEST_ASSERT_MSG_EQ((dropped != nullptr), true, "discarded");
        NS_TEST_ASSERT_MSG_EQ((dropped->discard == Dot1xDiscard::WrongIdentifier), true, "why");
        NS_TEST_ASSERT_MSG_EQ(auth.HasOutstandingRequest(kSta), true, "still waiting");
        NS_TEST_ASSERT_MSG_EQ(auth.GetRadiusCounters().requests, 0u, "no Access-Request");

        // A Request from a station is not an answer either.
        out = auth.ReceiveEap(kSta, EapRequest(id, EapType::Identity, {}), Milliseconds(6));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "a Request from the station is dropped");

        Bytes good = EapResponse(id, EapType::Identity, ToBytes(kIdentity));
        out = auth.ReceiveEap(kSta, good, Milliseconds(10));
        NS_TEST_ASSERT_MSG_EQ(OnlyMessage(out, Dot1xMessage::To::Server).empty(), false,
                              "the matching Response goes to the server");
        out = auth.ReceiveEap(kSta, good, Milliseconds(11));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "its duplicate does not");
        NS_TEST_ASSERT_MSG_EQ(
            (out.events.size() == 1 && out.events[0].discard == Dot1xDiscard::NoOutstandingRequest),
            true, "nothing outstanding");
        NS_TEST_ASSERT_MSG_EQ(auth.GetRadiusCounters().requests, 1u, "one Access-Request");
        NS_TEST_ASSERT_MSG_EQ(auth.GetCounters().eapDiscarded, 3u, "three discarded");
    }
};

class RetransmissionTestCase : public ns3::TestCase
{
public:
    RetransmissionTestCase()
        : TestCase("an unanswered EAP-Request is sent again after the timeout, and the "
                   "authentication fails after the last retransmission")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(3);
        Dot1xAuthenticator auth(Config(), rng); // 1 s, 2 retransmissions
        Dot1xOutput out = auth.Start(kSta, Seconds(10));
        Bytes request = OnlyMessage(out, Dot1xMessage::To::Station);
        NS_TEST_ASSERT_MSG_EQ((auth.NextDeadline() == Seconds(11)), true, "armed for 1 s");

        out = auth.OnTimeout(Milliseconds(10500));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "nothing before the deadline");

        for (int64_t t = 11; t <= 12; ++t)
        {
            out = auth.OnTimeout(Seconds(t));
            NS_TEST_ASSERT_MSG_EQ(ToHex(OnlyMessage(out, Dot1xMessage::To::Station)),
                                  ToHex(request), "the identical Request again");
            NS_TEST_ASSERT_MSG_EQ((auth.NextDeadline() == Seconds(t + 1)), true, "re-armed");
        }
        NS_TEST_ASSERT_MSG_EQ(auth.GetCounters().eapRetransmissions, 2u, "two retransmissions");

        out = auth.OnTimeout(Seconds(13));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "no third retransmission");
        const Dot1xEvent* failed = out.Find(Dot1xEvent::Kind::Failed);
        NS_TEST_ASSERT_MSG_EQ((failed != nullptr), true, "gave up");
        NS_TEST_ASSERT_MSG_EQ((failed->failure == Dot1xFailure::EapTimeout), true, "on EAP");
        NS_TEST_ASSERT_MSG_EQ(auth.NextDeadline().has_value(), false, "nothing left to do");

        // A Response arriving after the give-up is not relayed.
        auto parsed = EapPacket::Parse(request);
        out = auth.ReceiveEap(
            kSta, EapResponse(parsed->identifier, EapType::Identity, ToBytes(kIdentity)),
            Seconds(14));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "too late");

        // A Response before the deadline stops the retransmissions.
        out = auth.Start(kSta, Seconds(20));
        parsed = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        auth.ReceiveEap(kSta,
                        EapResponse(parsed->identifier, EapType::Identity, ToBytes(kIdentity)),
                        Milliseconds(20500));
        out = auth.OnTimeout(Seconds(21));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "answered: not sent again");
    }
};

class AccessRejectTestCase : public ns3::TestCase
{
public:
    AccessRejectTestCase()
        : TestCase("Access-Reject without EAP-Message: EAP-Failure to the station, no key")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(4);
        Dot1xAuthenticator auth(Config(), rng);
        Dot1xOutput out = auth.Start(kSta, Seconds(0));
        auto request = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        out = auth.ReceiveEap(
            kSta, EapResponse(request->identifier, EapType::Identity, ToBytes(kIdentity)),
            Milliseconds(5));
        Bytes datagram = OnlyMessage(out, Dot1xMessage::To::Server);

        out = auth.ReceiveRadius(Answer(datagram, RadiusCode::AccessReject, std::nullopt),
                                 Milliseconds(50));
        auto failure = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        NS_TEST_ASSERT_MSG_EQ(failure.has_value(), true, "an EAP packet to the station");
        NS_TEST_ASSERT_MSG_EQ((failure->code == EapCode::Failure), true, "EAP-Failure");
        NS_TEST_ASSERT_MSG_EQ(failure->identifier, request->identifier,
                              "identifier of the last Request");
        NS_TEST_ASSERT_MSG_EQ((out.Find(Dot1xEvent::Kind::Authenticated) == nullptr), true,
                              "no key");
        const Dot1xEvent* failed = out.Find(Dot1xEvent::Kind::Failed);
        NS_TEST_ASSERT_MSG_EQ((failed != nullptr), true, "failed");
        NS_TEST_ASSERT_MSG_EQ((failed->failure == Dot1xFailure::AccessReject), true, "rejected");
        NS_TEST_ASSERT_MSG_EQ(auth.NextDeadline().has_value(), false, "EAP-Failure not repeated");

        // An Access-Accept whose keys do not decrypt is no success either.
        out = auth.Start(kSta, Seconds(1));
        request = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        out = auth.ReceiveEap(
            kSta, EapResponse(request->identifier, EapType::Identity, ToBytes(kIdentity)),
            Seconds(1));
        datagram = OnlyMessage(out, Dot1xMessage::To::Server);
        out = auth.ReceiveRadius(Answer(datagram, RadiusCode::AccessAccept, std::nullopt),
                                 Seconds(1));
        NS_TEST_ASSERT_MSG_EQ((out.Find(Dot1xEvent::Kind::Authenticated) == nullptr), true,
                              "Accept without MPPE keys yields no PMK");
        failed = out.Find(Dot1xEvent::Kind::Failed);
        NS_TEST_ASSERT_MSG_EQ((failed != nullptr && failed->failure == Dot1xFailure::NoKeys), true,
                              "no keys");

        // A forged response (wrong secret) never reaches the conversation.
        out = auth.Start(kSta, Seconds(2));
        request = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
        out = auth.ReceiveEap(
            kSta, EapResponse(request->identifier, EapType::Identity, ToBytes(kIdentity)),
            Seconds(2));
        datagram = OnlyMessage(out, Dot1xMessage::To::Server);
        Bytes forged = Answer(datagram, RadiusCode::AccessReject, std::nullopt);
        forged.back() ^= 1;
        out = auth.ReceiveRadius(forged, Seconds(2));
        NS_TEST_ASSERT_MSG_EQ(out.messages.size(), 0u, "nothing relayed");
        NS_TEST_ASSERT_MSG_EQ((out.Find(Dot1xEvent::Kind::RadiusDiscarded) != nullptr), true,
                              "discarded by the RADIUS client");
    }
};

class RemoveTestCase : public ns3::TestCase
{
public:
    RemoveTestCase()
        : TestCase("a station that is removed takes its outstanding Access-Request with it: no "
                   "RADIUS retransmission, no give-up, a late answer ignored")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource rng(5);
        Dot1xAuthenticator auth(Config(), rng);
        const MacAddr other{0x02, 0, 0, 0, 2, 0x00};
        Bytes datagrams[2];
        int i = 0;
        for (const MacAddr& sta : {kSta, other})
        {
            Dot1xOutput out = auth.Start(sta, Seconds(0));
            auto request = EapPacket::Parse(OnlyMessage(out, Dot1xMessage::To::Station));
            out = auth.ReceiveEap(
                sta, EapResponse(request->identifier, EapType::Identity, ToBytes(kIdentity)),
                Milliseconds(5));
            datagrams[i++] = OnlyMessage(out, Dot1xMessage::To::Server);
        }
        NS_TEST_ASSERT_MSG_EQ(auth.GetRadiusCounters().requests, 2u, "two Access-Requests");
        auth.Remove(kSta);
        // Run every retransmission and give-up of the RADIUS client.
        uint32_t retransmittedForRemoved = 0;
        uint32_t retransmittedForOther = 0;
        bool removedFailed = false;
        for (int t = 1; t <= 60; ++t)
        {
            Dot1xOutput out = auth.OnTimeout(Seconds(t));
            for (const auto& m : out.messages)
            {
                if (m.to == Dot1xMessage::To::Server)
                {
                    (m.sta == kSta ? retransmittedForRemoved : retransmittedForOther)++;
                }
            }
            for (const auto& e : out.events)
            {
                removedFailed |= e.kind == Dot1xEvent::Kind::Failed && e.sta == kSta;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(retransmittedForRemoved, 0u, "nothing sent again for the removed");
        NS_TEST_ASSERT_MSG_EQ(removedFailed, false, "no give-up reported for the removed");
        NS_TEST_ASSERT_MSG_GT(retransmittedForOther, 0u, "the other station's request goes on");
        Dot1xOutput late = auth.ReceiveRadius(Answer(datagrams[0], RadiusCode::AccessChallenge,
                                                     EapRequest(9, EapType::Aka, Bytes{1, 0, 0})),
                                              Seconds(61));
        NS_TEST_ASSERT_MSG_EQ(late.messages.size(), 0u, "a late answer reaches nobody");
    }
};

class Dot1xAuthenticatorTestSuite : public ns3::TestSuite
{
public:
    Dot1xAuthenticatorTestSuite()
        : TestSuite("roamsec-dot1x-authenticator", Type::UNIT)
    {
        AddTestCase(new FullExchangeTestCase);
        AddTestCase(new WrongIdentifierTestCase);
        AddTestCase(new RetransmissionTestCase);
        AddTestCase(new AccessRejectTestCase);
        AddTestCase(new RemoveTestCase);
    }
};

Dot1xAuthenticatorTestSuite g_dot1xAuthenticatorTestSuite;

} // namespace
