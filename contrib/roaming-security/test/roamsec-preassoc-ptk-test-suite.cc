/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Pre-association PTK (patent 001): element codecs, PTKID/MIC definitions,
 * the over-DS PTK exchange, the reassociation exchange and every refusal.
 */
#include "ns3/preassoc-ptk.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/rsn-keys.h"
#include "ns3/test.h"

#include <algorithm>
#include <memory>

using namespace roamsec;

namespace {

const MacAddr kSta = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
const MacAddr kSta2 = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
const MacAddr kBssid = {0x02, 0x00, 0x00, 0x00, 0x01, 0x00};

bool
HasEvent(const std::vector<PreassocEvent>& events, PreassocEvent::Kind kind,
         PreassocStatus status = PreassocStatus::Success)
{
    for (const auto& e : events)
    {
        if (e.kind == kind && e.status == status)
        {
            return true;
        }
    }
    return false;
}

template <typename F>
bool
Throws(F f)
{
    try
    {
        f();
    }
    catch (const ParseError&)
    {
        return true;
    }
    return false;
}

/** One STA, one target AP with a PMKSA for it, deterministic randomness. */
struct Fixture
{
    Bytes pmk = FromHex("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af");
    Bytes pmkid = ComputePmkid(pmk, kBssid, kSta);
    Bytes gtk = FromHex("00112233445566778899aabbccddeeff");
    Bytes rsc = FromHex("0100000000000000");
    SeededRandomSource staRng{1};
    SeededRandomSource apRng{2};
    std::unique_ptr<PreassocStaSession> sta;
    std::unique_ptr<PreassocApSession> ap;

    explicit Fixture(std::vector<SaType> staTypes
                     = {SaType::PreassocPtk, SaType::CachedPmk, SaType::Full8021X},
                     std::vector<SaType> apTypes
                     = {SaType::PreassocPtk, SaType::CachedPmk, SaType::Full8021X},
                     size_t maxStations = 1024, bool withGtk = true)
    {
        PreassocStaConfig sc;
        sc.sta = kSta;
        sc.targetBssid = kBssid;
        sc.pmk = pmk;
        sc.pmkid = pmkid;
        sc.offeredSaTypes = staTypes;
        sta = std::make_unique<PreassocStaSession>(sc, staRng);
        PreassocApConfig ac;
        ac.bssid = kBssid;
        ac.supportedSaTypes = apTypes;
        ac.ptkLifetime = Seconds(10);
        ac.maxStations = maxStations;
        Bytes p = pmk;
        ap = std::make_unique<PreassocApSession>(
            ac,
            [p](const MacAddr& s, const Bytes& id) -> std::optional<Bytes>
            {
                if (id == ComputePmkid(p, kBssid, s))
                {
                    return p;
                }
                return std::nullopt;
            },
            apRng);
        if (withGtk)
        {
            ap->SetGroupKey(gtk, 1, rsc);
        }
    }

    /** Runs Msg1..Msg4 through the AP; true when both sides report PtkEstablished. */
    bool Establish(TimeNs now)
    {
        PreassocOutput m1 = sta->Start(now);
        PreassocOutput m2 = ap->HandleDsMessage(m1.message, now);
        PreassocOutput m3 = sta->HandleDsMessage(m2.message, now);
        PreassocOutput m4 = ap->HandleDsMessage(m3.message, now);
        PreassocOutput done = sta->HandleDsMessage(m4.message, now);
        return HasEvent(m4.events, PreassocEvent::Kind::PtkEstablished)
               && HasEvent(done.events, PreassocEvent::Kind::PtkEstablished)
               && sta->GetState() == PreassocStaSession::State::PtkReady;
    }
};

/** Replaces the first element of `subtype` in `elements` by `replacement`. */
Bytes
ReplaceElement(const Bytes& elements, PreassocSubtype subtype, const Bytes& replacement)
{
    Bytes old = *FindPreassocElement(elements, subtype);
    auto pos = std::search(elements.begin(), elements.end(), old.begin(), old.end());
    Bytes out(elements.begin(), pos);
    out.insert(out.end(), replacement.begin(), replacement.end());
    out.insert(out.end(), pos + old.size(), elements.end());
    return out;
}

// ---------------------------------------------------------------- codecs

class CodecTestCase : public ns3::TestCase
{
public:
    CodecTestCase()
        : TestCase(
            "elements encode to the documented layout, round-trip and reject malformed input")
    {}

private:
    void DoRun() override
    {
        // Layout pinned byte for byte (doc/preassoc-ptk.rst, Group Key Confirm).
        GroupKeyConfirm c;
        c.aRandom = Bytes(32, 0x44);
        c.mic = Bytes(16, 0);
        NS_TEST_ASSERT_MSG_EQ(ToHex(c.Encode()),
                              "dd340a525305" + ToHex(Bytes(32, 0x44)) + ToHex(Bytes(16, 0)),
                              "Group Key Confirm layout");

        SaTypeElement list;
        list.types = {3, 2, 1, 200};
        NS_TEST_ASSERT_MSG_EQ(ToHex(list.Encode()), "dd090a52530104030201c8",
                              "SA type list layout");
        NS_TEST_ASSERT_MSG_EQ((SaTypeElement::Decode(list.Encode()).types == list.types), true,
                              "SA type list round trip keeps unknown types");
        SaTypeElement sel;
        sel.subtype = PreassocSubtype::SaTypeSelection;
        sel.types = {3};
        NS_TEST_ASSERT_MSG_EQ(ToHex(sel.Encode()), "dd060a5253020103", "SA type selection layout");
        NS_TEST_ASSERT_MSG_EQ(
            Throws([] { SaTypeElement::Decode(FromHex("dd070a52530202030201")); }), true,
            "selection with two types rejected");
        NS_TEST_ASSERT_MSG_EQ(Throws([] { SaTypeElement::Decode(FromHex("dd050a52530100")); }),
                              true, "empty SA type list rejected");

        AuthPtkRequest req;
        req.sRandom = Bytes(32, 0xa1);
        req.ptkid = Bytes(16, 0xb2);
        req.mic = Bytes(16, 0xc3);
        Bytes reqRaw = req.Encode();
        NS_TEST_ASSERT_MSG_EQ(reqRaw.size(), 2u + 4 + 64, "request size");
        NS_TEST_ASSERT_MSG_EQ(ToHex(AuthPtkRequest::Decode(reqRaw).Encode()), ToHex(reqRaw),
                              "request rt");

        AuthPtkResponse resp;
        resp.aRandom = Bytes(32, 1);
        resp.sRandom = Bytes(32, 2);
        resp.ptkid = Bytes(16, 3);
        resp.gtkId = 2;
        resp.rsc = Bytes(8, 4);
        resp.wrappedGtk = Bytes(24, 5);
        resp.mic = Bytes(16, 6);
        Bytes respRaw = resp.Encode();
        NS_TEST_ASSERT_MSG_EQ(respRaw.size(), 2u + 4 + 32 + 32 + 16 + 1 + 1 + 8 + 24 + 16,
                              "resp size");
        NS_TEST_ASSERT_MSG_EQ(respRaw[4 + 2 + 80], 2, "GTKID offset");
        NS_TEST_ASSERT_MSG_EQ(respRaw[4 + 2 + 81], 16, "GTK length octet");
        NS_TEST_ASSERT_MSG_EQ(ToHex(AuthPtkResponse::Decode(respRaw).Encode()), ToHex(respRaw),
                              "resp rt");
        Bytes badId = respRaw;
        badId[6 + 80] = 0x04;
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { AuthPtkResponse::Decode(badId); }), true,
                              "reserved GTKID bits");
        Bytes badLen = respRaw;
        badLen[6 + 81] = 17;
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { AuthPtkResponse::Decode(badLen); }), true,
                              "GTK length 17");

        for (auto st : {PreassocSubtype::DsPtkMsg1, PreassocSubtype::DsPtkMsg2,
                        PreassocSubtype::DsPtkMsg3, PreassocSubtype::DsPtkMsg4})
        {
            DsPtkMessage m;
            m.subtype = st;
            m.sta = kSta;
            m.bssid = kBssid;
            m.status = 53;
            m.pmkid = Bytes(16, 7);
            m.sNonce = Bytes(32, 8);
            m.aNonce = Bytes(32, 9);
            m.ptkid = Bytes(16, 10);
            m.lifetimeSeconds = 0x01020304;
            m.mic = Bytes(16, 11);
            Bytes raw = m.Encode();
            NS_TEST_ASSERT_MSG_EQ(ToHex(DsPtkMessage::Decode(raw).Encode()), ToHex(raw), "DS rt");
            Bytes trunc(raw.begin(), raw.end() - 1);
            trunc[1] -= 1;
            NS_TEST_ASSERT_MSG_EQ(Throws([&] { DsPtkMessage::Decode(trunc); }), true, "DS short");
            Bytes longer = raw;
            longer.push_back(0);
            longer[1] += 1;
            NS_TEST_ASSERT_MSG_EQ(Throws([&] { DsPtkMessage::Decode(longer); }), true,
                                  "DS trailing");
        }
        // Msg1 layout: header, STA, BSSID, PMKID, SNonce.
        DsPtkMessage m1;
        m1.sta = kSta;
        m1.bssid = kBssid;
        m1.pmkid = Bytes(16, 0);
        m1.sNonce = Bytes(32, 0);
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(m1.Encode(), 0, 18)),
                              "dd400a525310020000000001020000000100", "Msg1 header and addresses");

        // Element lists: other elements skipped, ours found, duplicates and truncation rejected.
        Bytes ies = Concat({FromHex("0003414243"),   // SSID "ABC"
                            FromHex("dd0450f20401"), // WFA vendor element
                            FromHex("dd040a525309"), // our OUI, unknown subtype
                            reqRaw});
        NS_TEST_ASSERT_MSG_EQ(ToHex(*FindPreassocElement(ies, PreassocSubtype::AuthPtkRequest)),
                              ToHex(reqRaw), "found among others");
        NS_TEST_ASSERT_MSG_EQ(
            FindPreassocElement(ies, PreassocSubtype::GroupKeyConfirm).has_value(), false,
            "absent");
        Bytes dup = Concat({ies, reqRaw});
        NS_TEST_ASSERT_MSG_EQ(
            Throws([&] { FindPreassocElement(dup, PreassocSubtype::AuthPtkRequest); }), true,
            "duplicate rejected");
        Bytes cut(ies.begin(), ies.end() - 1);
        NS_TEST_ASSERT_MSG_EQ(
            Throws([&] { FindPreassocElement(cut, PreassocSubtype::AuthPtkRequest); }), true,
            "truncated list rejected");
        Bytes foreign = reqRaw;
        foreign[2] = 0x00;
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { AuthPtkRequest::Decode(foreign); }), true,
                              "foreign OUI");
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { GroupKeyConfirm::Decode(reqRaw); }), true,
                              "wrong subtype");
    }
};

class KeyNameTestCase : public ns3::TestCase
{
public:
    KeyNameTestCase()
        : TestCase("PTKID and MIC follow their definitions and bind every input")
    {}

private:
    void DoRun() override
    {
        // Expected values computed independently with Python hashlib/hmac from the
        // definitions in doc/preassoc-ptk.rst (not a published vector: the construction is ours).
        Bytes pmkid = FromHex("000102030405060708090a0b0c0d0e0f");
        Bytes sn(32, 0x11);
        Bytes an(32, 0x22);
        NS_TEST_ASSERT_MSG_EQ(ToHex(ComputePtkid(pmkid, sn, an, kBssid, kSta)),
                              "a9c3fdcdb65f144d4612342a54d436ff", "PTKID definition");
        NS_TEST_ASSERT_MSG_EQ((ComputePtkid(pmkid, an, sn, kBssid, kSta)
                               != ComputePtkid(pmkid, sn, an, kBssid, kSta)),
                              true, "nonce roles matter");
        NS_TEST_ASSERT_MSG_EQ((ComputePtkid(pmkid, sn, an, kBssid, kSta2)
                               != ComputePtkid(pmkid, sn, an, kBssid, kSta)),
                              true, "STA address bound");

        Bytes kck(16, 0x33);
        GroupKeyConfirm c;
        c.aRandom = Bytes(32, 0x44);
        c.mic = Bytes(16, 0);
        Bytes sealed = SealPreassocElement(kck, kSta, kBssid, {}, c.Encode());
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(sealed, sealed.size() - 16, 16)),
                              "5f1b56965765a6a8aecaa18bdad8fb21",
                              "MIC definition (HMAC-SHA1-128 over STA||BSSID||element)");
        NS_TEST_ASSERT_MSG_EQ(VerifyPreassocMic(kck, kSta, kBssid, {}, sealed), true, "verifies");
        NS_TEST_ASSERT_MSG_EQ(VerifyPreassocMic(kck, kSta2, kBssid, {}, sealed), false,
                              "STA bound");
        NS_TEST_ASSERT_MSG_EQ(VerifyPreassocMic(kck, kSta, kBssid, FromHex("00"), sealed), false,
                              "covered element bound");
        for (size_t i = 0; i < sealed.size(); ++i)
        {
            Bytes t = sealed;
            t[i] ^= 0x01;
            if (VerifyPreassocMic(kck, kSta, kBssid, {}, t))
            {
                NS_TEST_ASSERT_MSG_EQ(i, sealed.size(), "a flipped bit went unnoticed");
            }
        }
    }
};

// --------------------------------------------------------- full exchange

class SuccessTestCase : public ns3::TestCase
{
public:
    SuccessTestCase()
        : TestCase(
            "over-DS PTK, reassociation and group key confirm: same PTK and GTK on both sides")
    {}

private:
    void DoRun() override
    {
        Fixture f;
        TimeNs t = Seconds(100);
        NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "PTK established before association");
        NS_TEST_ASSERT_MSG_EQ(f.ap->GetPtk(kSta).has_value(), true, "AP holds a PTK");
        Ptk a = *f.ap->GetPtk(kSta);
        const Ptk& s = *f.sta->GetPtk();
        NS_TEST_ASSERT_MSG_EQ(ToHex(Concat({a.kck, a.kek, a.tk})),
                              ToHex(Concat({s.kck, s.kek, s.tk})), "same PTK");
        NS_TEST_ASSERT_MSG_EQ((f.sta->GetPtkExpiry() == t + Seconds(10)), true,
                              "lifetime announced");

        Bytes req = f.sta->BuildReassocElements(t + Milliseconds(50));
        auto r = f.ap->HandleReassocRequest(kSta, req, t + Milliseconds(50));
        NS_TEST_ASSERT_MSG_EQ(r.statusCode, 0, "accepted");
        NS_TEST_ASSERT_MSG_EQ(HasEvent(r.events, PreassocEvent::Kind::PtkInstalled), true,
                              "AP PTK");
        PreassocOutput c
            = f.sta->HandleReassocResponse(r.statusCode, r.elements, t + Milliseconds(51));
        NS_TEST_ASSERT_MSG_EQ(HasEvent(c.events, PreassocEvent::Kind::PtkInstalled), true,
                              "STA PTK");
        NS_TEST_ASSERT_MSG_EQ(HasEvent(c.events, PreassocEvent::Kind::GtkInstalled), true,
                              "STA GTK");
        NS_TEST_ASSERT_MSG_EQ(HasEvent(c.events, PreassocEvent::Kind::PortOpen), true, "STA port");
        NS_TEST_ASSERT_MSG_EQ(ToHex(f.sta->GetGtk()), ToHex(f.gtk), "same GTK");
        NS_TEST_ASSERT_MSG_EQ(f.sta->GetGtkId(), 1, "GTKID");
        NS_TEST_ASSERT_MSG_EQ(ToHex(f.sta->GetRsc()), ToHex(f.rsc), "RSC");
        NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), false, "AP port closed before confirm");
        PreassocOutput o = f.ap->HandleGroupKeyConfirm(kSta, c.message, t + Milliseconds(52));
        NS_TEST_ASSERT_MSG_EQ(HasEvent(o.events, PreassocEvent::Kind::PortOpen), true, "AP port");
        NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), true, "AP port open");
        NS_TEST_ASSERT_MSG_EQ(f.ap->NextDeadline().has_value(), false, "no AP timer left");
        NS_TEST_ASSERT_MSG_EQ(f.sta->NextDeadline().has_value(), false, "no STA timer left");
        NS_TEST_ASSERT_MSG_EQ((f.sta->GetState() == PreassocStaSession::State::Done), true, "done");
    }
};

class OverDsTestCase : public ns3::TestCase
{
public:
    OverDsTestCase()
        : TestCase("over-DS exchange: unknown PMKID, bad MICs, retransmission, loss and timeout")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        {
            // Unknown PMKID: Msg2 carries status 53, the STA refuses.
            Fixture f;
            PreassocStaConfig sc;
            sc.sta = kSta;
            sc.targetBssid = kBssid;
            sc.pmk = Bytes(32, 0x99);
            sc.pmkid = Bytes(16, 0x99);
            SeededRandomSource rng(5);
            PreassocStaSession sta(sc, rng);
            PreassocOutput m2 = f.ap->HandleDsMessage(sta.Start(t).message, t);
            PreassocOutput r = sta.HandleDsMessage(m2.message, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(r.events, PreassocEvent::Kind::Refused, PreassocStatus::UnknownPtkid),
                true, "unknown PMKID refused");
            NS_TEST_ASSERT_MSG_EQ(f.ap->GetStationCount(), 0u, "no AP state for unknown PMKID");
        }
        {
            // Msg2 with a bad MIC is dropped; duplicate Msg1 gets the same Msg2; STA times out.
            Fixture f;
            Bytes m1 = f.sta->Start(t).message;
            Bytes m2 = f.ap->HandleDsMessage(m1, t).message;
            NS_TEST_ASSERT_MSG_EQ(ToHex(f.ap->HandleDsMessage(m1, t).message), ToHex(m2),
                                  "same Msg2");
            Bytes bad = m2;
            bad.back() ^= 1;
            PreassocOutput r = f.sta->HandleDsMessage(bad, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(r.events, PreassocEvent::Kind::Discarded, PreassocStatus::InvalidMic),
                true, "Msg2 MIC checked");
            NS_TEST_ASSERT_MSG_EQ(r.message.empty(), true, "no Msg3 for a forged Msg2");
            NS_TEST_ASSERT_MSG_EQ(ToHex(f.sta->OnTimeout(*f.sta->NextDeadline()).message),
                                  ToHex(m1), "Msg1 again");
            f.sta->OnTimeout(*f.sta->NextDeadline());
            PreassocOutput last = f.sta->OnTimeout(*f.sta->NextDeadline());
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(last.events, PreassocEvent::Kind::Refused, PreassocStatus::Timeout), true,
                "gives up after maxTransmissions");
        }
        {
            // Msg3 with a bad MIC is dropped; lost Msg4 is recovered by retransmitting Msg3.
            Fixture f;
            Bytes m2 = f.ap->HandleDsMessage(f.sta->Start(t).message, t).message;
            Bytes m3 = f.sta->HandleDsMessage(m2, t).message;
            Bytes bad = m3;
            bad.back() ^= 1;
            PreassocOutput r = f.ap->HandleDsMessage(bad, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(r.events, PreassocEvent::Kind::Discarded, PreassocStatus::InvalidMic),
                true, "Msg3 MIC checked");
            NS_TEST_ASSERT_MSG_EQ(f.ap->GetPtk(kSta).has_value(), false,
                                  "not established by forged Msg3");
            Bytes m4 = f.ap->HandleDsMessage(m3, t).message; // lost on the way back
            Bytes again = f.sta->OnTimeout(*f.sta->NextDeadline()).message;
            NS_TEST_ASSERT_MSG_EQ(ToHex(again), ToHex(m3), "Msg3 retransmitted");
            Bytes m4b = f.ap->HandleDsMessage(again, t).message;
            NS_TEST_ASSERT_MSG_EQ(ToHex(m4b), ToHex(m4), "Msg4 repeated");
            Bytes forged4 = m4b;
            forged4.back() ^= 1;
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.sta->HandleDsMessage(forged4, t).events,
                                           PreassocEvent::Kind::Discarded,
                                           PreassocStatus::InvalidMic),
                                  true, "Msg4 MIC checked");
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.sta->HandleDsMessage(m4b, t).events,
                                           PreassocEvent::Kind::PtkEstablished),
                                  true, "established");
        }
        {
            // A Msg3 whose ANonce echo is wrong is dropped even with a valid MIC.
            Fixture f;
            Bytes m2 = f.ap->HandleDsMessage(f.sta->Start(t).message, t).message;
            Bytes m3 = f.sta->HandleDsMessage(m2, t).message;
            DsPtkMessage m = DsPtkMessage::Decode(m3);
            m.aNonce[0] ^= 1;
            Bytes resealed
                = SealPreassocElement(f.sta->GetPtk()->kck, kSta, kBssid, {}, m.Encode());
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.ap->HandleDsMessage(resealed, t).events,
                                           PreassocEvent::Kind::Discarded,
                                           PreassocStatus::InvalidARandomEcho),
                                  true, "ANonce echo checked");
        }
        {
            // The AP forgets a handshake whose Msg3 never comes.
            Fixture f;
            f.ap->HandleDsMessage(f.sta->Start(t).message, t);
            NS_TEST_ASSERT_MSG_EQ(f.ap->GetStationCount(), 1u, "pending");
            f.ap->OnTimeout(*f.ap->NextDeadline());
            NS_TEST_ASSERT_MSG_EQ(f.ap->GetStationCount(), 0u, "purged");
        }
        {
            // The PTKSA table is bounded.
            Fixture f({SaType::PreassocPtk}, {SaType::PreassocPtk}, 2);
            for (uint8_t i = 1; i <= 5; ++i)
            {
                DsPtkMessage m1;
                m1.sta = {0x02, 0, 0, 0, 0, i};
                m1.bssid = kBssid;
                m1.pmkid = ComputePmkid(f.pmk, kBssid, m1.sta);
                m1.sNonce = Bytes(32, i);
                f.ap->HandleDsMessage(m1.Encode(), t + Seconds(i));
            }
            NS_TEST_ASSERT_MSG_EQ(f.ap->GetStationCount(), 2u, "bounded table");
        }
    }
};

class DsFieldTestCase : public ns3::TestCase
{
public:
    DsFieldTestCase()
        : TestCase(
            "STA checks Msg2 and Msg4 SNonce echo, PTKID and lifetime even under a valid MIC")
    {}

private:
    /** Msg2 altered by `edit` and re-sealed with the PTK the altered fields imply. */
    template <typename F>
    static Bytes ForgeMsg2(const Fixture& f, const Bytes& m2, F edit)
    {
        DsPtkMessage m = DsPtkMessage::Decode(m2);
        edit(m);
        Ptk ptk = DerivePtk(f.pmk, kBssid, kSta, m.aNonce, m.sNonce);
        return SealPreassocElement(ptk.kck, kSta, kBssid, {}, m.Encode());
    }

    void DoRun() override
    {
        TimeNs t = Seconds(1);
        {
            Fixture f;
            Bytes m2 = f.ap->HandleDsMessage(f.sta->Start(t).message, t).message;
            Bytes bad = ForgeMsg2(f, m2, [](DsPtkMessage& m) { m.sNonce[0] ^= 1; });
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.sta->HandleDsMessage(bad, t).events,
                                           PreassocEvent::Kind::Discarded,
                                           PreassocStatus::InvalidSRandomEcho),
                                  true, "SNonce echo");
            bad = ForgeMsg2(f, m2, [](DsPtkMessage& m) { m.ptkid[0] ^= 1; });
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.sta->HandleDsMessage(bad, t).events,
                                           PreassocEvent::Kind::Discarded,
                                           PreassocStatus::UnknownPtkid),
                                  true, "PTKID must be the one the nonces imply");
            bad = ForgeMsg2(f, m2, [](DsPtkMessage& m) { m.lifetimeSeconds = 0; });
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.sta->HandleDsMessage(bad, t).events,
                                           PreassocEvent::Kind::Refused,
                                           PreassocStatus::StalePtkid),
                                  true, "zero lifetime");
        }
        {
            Fixture f;
            Bytes m2 = f.ap->HandleDsMessage(f.sta->Start(t).message, t).message;
            Bytes m4 = f.ap->HandleDsMessage(f.sta->HandleDsMessage(m2, t).message, t).message;
            DsPtkMessage m = DsPtkMessage::Decode(m4);
            m.ptkid[15] ^= 1;
            Bytes bad = SealPreassocElement(f.sta->GetPtk()->kck, kSta, kBssid, {}, m.Encode());
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.sta->HandleDsMessage(bad, t).events,
                                           PreassocEvent::Kind::Discarded,
                                           PreassocStatus::UnknownPtkid),
                                  true, "Msg4 PTKID");
            NS_TEST_ASSERT_MSG_EQ((f.sta->GetState() == PreassocStaSession::State::AwaitMsg4), true,
                                  "still waiting");
            // Msg3 naming a superseded PTKID is reported stale by the AP.
            Bytes m3 = f.sta->OnTimeout(*f.sta->NextDeadline()).message;
            DsPtkMessage newer;
            newer.sta = kSta;
            newer.bssid = kBssid;
            newer.pmkid = f.pmkid;
            newer.sNonce = Bytes(32, 0x42);
            f.ap->HandleDsMessage(newer.Encode(), t); // supersedes (state Established -> new)
            NS_TEST_ASSERT_MSG_EQ(HasEvent(f.ap->HandleDsMessage(m3, t).events,
                                           PreassocEvent::Kind::Discarded,
                                           PreassocStatus::StalePtkid),
                                  true, "superseded PTKID in Msg3");
        }
    }
};

// --------------------------------------------------------- AP refusals

class ApRefusalTestCase : public ns3::TestCase
{
public:
    ApRefusalTestCase()
        : TestCase("AP refuses stale or unknown PTKID, wrong MIC and replayed SRandom")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        {
            // Stale: lifetime over.
            Fixture f;
            NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "established");
            Bytes req = f.sta->BuildReassocElements(t + Seconds(11));
            auto r = f.ap->HandleReassocRequest(kSta, req, t + Seconds(11));
            NS_TEST_ASSERT_MSG_EQ(r.statusCode, (uint16_t) PreassocStatus::StalePtkid,
                                  "expired PTKID");
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(r.events, PreassocEvent::Kind::Refused, PreassocStatus::StalePtkid), true,
                "Refused event");
            PreassocOutput s
                = f.sta->HandleReassocResponse(r.statusCode, r.elements, t + Seconds(11));
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(s.events, PreassocEvent::Kind::Refused, PreassocStatus::StalePtkid), true,
                "STA learns the reason");
        }
        {
            // Stale: expired and purged by the AP's timer.
            Fixture f;
            NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "established");
            f.ap->OnTimeout(*f.ap->NextDeadline());
            Bytes req = f.sta->BuildReassocElements(t + Seconds(12));
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, req, t + Seconds(12)).statusCode,
                                  (uint16_t) PreassocStatus::StalePtkid,
                                  "purged PTKID remembered as stale");
        }
        {
            // Stale: superseded by a newer handshake (second STA session, same PMKSA).
            Fixture f;
            NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "established");
            Bytes oldReq = f.sta->BuildReassocElements(t);
            PreassocStaConfig sc;
            sc.sta = kSta;
            sc.targetBssid = kBssid;
            sc.pmk = f.pmk;
            sc.pmkid = f.pmkid;
            SeededRandomSource rng(9);
            PreassocStaSession sta2(sc, rng);
            Bytes m2 = f.ap->HandleDsMessage(sta2.Start(t).message, t).message;
            f.ap->HandleDsMessage(sta2.HandleDsMessage(m2, t).message, t);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, oldReq, t).statusCode,
                                  (uint16_t) PreassocStatus::StalePtkid, "superseded PTKID");
        }
        {
            // Unknown PTKID.
            Fixture f;
            NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "established");
            Bytes req = f.sta->BuildReassocElements(t);
            AuthPtkRequest a = AuthPtkRequest::Decode(
                *FindPreassocElement(req, PreassocSubtype::AuthPtkRequest));
            a.ptkid = Bytes(16, 0x5a);
            Bytes forged = ReplaceElement(req, PreassocSubtype::AuthPtkRequest, a.Encode());
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, forged, t).statusCode,
                                  (uint16_t) PreassocStatus::UnknownPtkid, "unknown PTKID");
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta2, req, t).statusCode,
                                  (uint16_t) PreassocStatus::UnknownPtkid, "PTKID of another STA");
        }
        {
            // Wrong MIC (in the element, and in the MIC-covered SA type list), then replay.
            Fixture f;
            NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "established");
            Bytes req = f.sta->BuildReassocElements(t);
            Bytes badMic = req;
            badMic.back() ^= 0x80;
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, badMic, t).statusCode,
                                  (uint16_t) PreassocStatus::InvalidMic, "wrong MIC");
            SaTypeElement downgraded;
            downgraded.types = {3, 1};
            Bytes tampered = ReplaceElement(req, PreassocSubtype::SaTypeList, downgraded.Encode());
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, tampered, t).statusCode,
                                  (uint16_t) PreassocStatus::InvalidMic,
                                  "SA type list is MIC-covered");
            auto ok = f.ap->HandleReassocRequest(kSta, req, t);
            NS_TEST_ASSERT_MSG_EQ(ok.statusCode, 0, "forgeries did not poison the replay cache");
            auto replay = f.ap->HandleReassocRequest(kSta, req, t);
            NS_TEST_ASSERT_MSG_EQ(replay.statusCode, (uint16_t) PreassocStatus::ReplayedSRandom,
                                  "replayed SRandom");
            // A retry with a fresh SRandom is fine.
            Bytes retry = f.sta->BuildReassocElements(t);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, retry, t).statusCode, 0,
                                  "fresh retry");
        }
        {
            // Missing or malformed elements.
            Fixture f;
            NS_TEST_ASSERT_MSG_EQ(f.Establish(t), true, "established");
            Bytes req = f.sta->BuildReassocElements(t);
            Bytes offerOnly = *FindPreassocElement(req, PreassocSubtype::SaTypeList);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, offerOnly, t).statusCode,
                                  (uint16_t) PreassocStatus::InvalidElement,
                                  "no Authenticate PTK element");
            Bytes cut(req.begin(), req.end() - 3);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, cut, t).statusCode,
                                  (uint16_t) PreassocStatus::InvalidElement, "truncated");
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, {}, t).statusCode,
                                  (uint16_t) PreassocStatus::InvalidElement, "no SA type element");
        }
    }
};

class ApStateTestCase : public ns3::TestCase
{
public:
    ApStateTestCase()
        : TestCase("AP refuses an unconfirmed or consumed PTKSA or a missing GTK; "
                   "misaddressed over-DS messages are dropped")
    {}

private:
    /** A reassociation request for any PTKID, correctly sealed with kck. */
    static Bytes CraftRequest(const Bytes& kck, const Bytes& ptkid, uint8_t salt)
    {
        SaTypeElement offer;
        offer.types = {3};
        AuthPtkRequest req;
        req.sRandom = Bytes(32, salt);
        req.ptkid = ptkid;
        req.mic = Bytes(16, 0);
        Bytes o = offer.Encode();
        return Concat({o, SealPreassocElement(kck, kSta, kBssid, o, req.Encode())});
    }

    void DoRun() override
    {
        TimeNs t = Seconds(1);
        {
            // Msg3 never reached the AP: the PTKSA is not confirmed.
            Fixture f;
            Bytes m2 = f.ap->HandleDsMessage(f.sta->Start(t).message, t).message;
            f.sta->HandleDsMessage(m2, t); // Msg3 lost
            NS_TEST_ASSERT_MSG_EQ(f.sta->BuildReassocElements(t).empty(), true,
                                  "STA does not reassociate before Msg4");
            Bytes req = CraftRequest(f.sta->GetPtk()->kck, f.sta->GetPtkid(), 1);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, req, t).statusCode,
                                  (uint16_t) PreassocStatus::UnknownPtkid, "unconfirmed PTKSA");
        }
        {
            // After the port opened, the PTKSA cannot be used for another reassociation.
            Fixture f;
            f.Establish(t);
            auto r = f.ap->HandleReassocRequest(kSta, f.sta->BuildReassocElements(t), t);
            Bytes c = f.sta->HandleReassocResponse(r.statusCode, r.elements, t).message;
            f.ap->HandleGroupKeyConfirm(kSta, c, t);
            NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), true, "open");
            Bytes req = CraftRequest(f.sta->GetPtk()->kck, f.sta->GetPtkid(), 2);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, req, t).statusCode,
                                  (uint16_t) PreassocStatus::StalePtkid, "consumed PTKSA");
            NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), true, "refusal changes nothing");
        }
        {
            // No group key configured: refuse rather than send an empty GTK.
            Fixture f({SaType::PreassocPtk}, {SaType::PreassocPtk}, 16, false);
            f.Establish(t);
            NS_TEST_ASSERT_MSG_EQ(
                f.ap->HandleReassocRequest(kSta, f.sta->BuildReassocElements(t), t).statusCode,
                (uint16_t) PreassocStatus::UnspecifiedFailure, "no GTK");
        }
        {
            // Over-DS messages for another STA or another BSSID are dropped.
            Fixture f;
            Bytes m1 = f.sta->Start(t).message;
            DsPtkMessage other = DsPtkMessage::Decode(m1);
            other.bssid = {0x02, 0, 0, 0, 9, 9};
            PreassocOutput o = f.ap->HandleDsMessage(other.Encode(), t);
            NS_TEST_ASSERT_MSG_EQ(o.message.empty(), true, "not for this AP");
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Discarded, PreassocStatus::InvalidElement),
                true, "discarded at AP");
            Bytes m2 = f.ap->HandleDsMessage(m1, t).message;
            DsPtkMessage m = DsPtkMessage::Decode(m2);
            m.sta = kSta2;
            o = f.sta->HandleDsMessage(m.Encode(), t);
            NS_TEST_ASSERT_MSG_EQ(o.message.empty(), true, "not for this STA");
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Discarded, PreassocStatus::InvalidElement),
                true, "discarded at STA");
            NS_TEST_ASSERT_MSG_EQ(f.sta->HandleDsMessage(m2, t).message.empty(), false,
                                  "the right Msg2 still works");
        }
    }
};

// --------------------------------------------------------- STA refusals

class StaRefusalTestCase : public ns3::TestCase
{
public:
    StaRefusalTestCase()
        : TestCase("STA refuses a response with a wrong MIC, SRandom echo or tampered GTK wrap")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        struct Run
        {
            Fixture f;
            Bytes resp;
        };
        auto prepare = [&](Run& run)
        {
            run.f.Establish(t);
            Bytes req = run.f.sta->BuildReassocElements(t);
            run.resp = run.f.ap->HandleReassocRequest(kSta, req, t).elements;
        };
        {
            Run run;
            prepare(run);
            Bytes bad = run.resp;
            bad.back() ^= 1;
            PreassocOutput o = run.f.sta->HandleReassocResponse(0, bad, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Refused, PreassocStatus::InvalidMic), true,
                "wrong MIC in response");
            NS_TEST_ASSERT_MSG_EQ(o.message.empty(), true, "no confirm");
            NS_TEST_ASSERT_MSG_EQ(run.f.sta->GetGtk().empty(), true, "no GTK installed");
        }
        {
            Run run;
            prepare(run);
            AuthPtkResponse r = AuthPtkResponse::Decode(
                *FindPreassocElement(run.resp, PreassocSubtype::AuthPtkResponse));
            r.sRandom[0] ^= 1;
            Bytes sel = *FindPreassocElement(run.resp, PreassocSubtype::SaTypeSelection);
            Bytes sealed
                = SealPreassocElement(run.f.sta->GetPtk()->kck, kSta, kBssid, sel, r.Encode());
            Bytes bad = ReplaceElement(run.resp, PreassocSubtype::AuthPtkResponse, sealed);
            PreassocOutput o = run.f.sta->HandleReassocResponse(0, bad, t);
            NS_TEST_ASSERT_MSG_EQ(HasEvent(o.events, PreassocEvent::Kind::Refused,
                                           PreassocStatus::InvalidSRandomEcho),
                                  true, "SRandom echo checked even under a valid MIC");
        }
        {
            // Tampered wrap, MIC left as is: the MIC catches it.
            Run run;
            prepare(run);
            AuthPtkResponse r = AuthPtkResponse::Decode(
                *FindPreassocElement(run.resp, PreassocSubtype::AuthPtkResponse));
            r.wrappedGtk[5] ^= 1;
            Bytes bad = ReplaceElement(run.resp, PreassocSubtype::AuthPtkResponse, r.Encode());
            PreassocOutput o = run.f.sta->HandleReassocResponse(0, bad, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Refused, PreassocStatus::InvalidMic), true,
                "tampered wrap under original MIC");
        }
        {
            // Tampered wrap re-sealed with the KCK: the key-wrap integrity check catches it.
            Run run;
            prepare(run);
            AuthPtkResponse r = AuthPtkResponse::Decode(
                *FindPreassocElement(run.resp, PreassocSubtype::AuthPtkResponse));
            r.wrappedGtk[5] ^= 1;
            Bytes sel = *FindPreassocElement(run.resp, PreassocSubtype::SaTypeSelection);
            Bytes sealed
                = SealPreassocElement(run.f.sta->GetPtk()->kck, kSta, kBssid, sel, r.Encode());
            Bytes bad = ReplaceElement(run.resp, PreassocSubtype::AuthPtkResponse, sealed);
            PreassocOutput o = run.f.sta->HandleReassocResponse(0, bad, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Refused, PreassocStatus::GtkUnwrapFailed),
                true, "tampered GTK wrap");
            NS_TEST_ASSERT_MSG_EQ(run.f.sta->GetGtk().empty(), true, "no GTK installed");
        }
        {
            // No response at all, or the PTKSA expires before reassociation.
            Run run;
            prepare(run);
            PreassocOutput o = run.f.sta->OnTimeout(*run.f.sta->NextDeadline());
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Refused, PreassocStatus::Timeout), true,
                "response timeout");
            Fixture g;
            g.Establish(t);
            NS_TEST_ASSERT_MSG_EQ((*g.sta->NextDeadline() == g.sta->GetPtkExpiry()), true,
                                  "expiry timer");
            PreassocOutput e = g.sta->OnTimeout(g.sta->GetPtkExpiry());
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(e.events, PreassocEvent::Kind::Refused, PreassocStatus::StalePtkid), true,
                "PTKSA expired at STA");
            NS_TEST_ASSERT_MSG_EQ(g.sta->BuildReassocElements(t).empty(), true,
                                  "no request after expiry");
        }
    }
};

// --------------------------------------------------------- confirm

class ConfirmTestCase : public ns3::TestCase
{
public:
    ConfirmTestCase()
        : TestCase(
            "AP drops a confirm with a wrong ARandom or MIC, opens on the right one, times out")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        Fixture f;
        f.Establish(t);
        auto r = f.ap->HandleReassocRequest(kSta, f.sta->BuildReassocElements(t), t);
        Bytes confirm = f.sta->HandleReassocResponse(r.statusCode, r.elements, t).message;
        NS_TEST_ASSERT_MSG_EQ(confirm.empty(), false, "confirm built");

        GroupKeyConfirm wrong = GroupKeyConfirm::Decode(confirm);
        wrong.aRandom[31] ^= 1;
        Bytes wrongSealed
            = SealPreassocElement(f.sta->GetPtk()->kck, kSta, kBssid, {}, wrong.Encode());
        PreassocOutput o = f.ap->HandleGroupKeyConfirm(kSta, wrongSealed, t);
        NS_TEST_ASSERT_MSG_EQ(
            HasEvent(o.events, PreassocEvent::Kind::Discarded, PreassocStatus::InvalidARandomEcho),
            true, "wrong ARandom");
        NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), false, "port stays closed");
        Bytes badMic = confirm;
        badMic.back() ^= 1;
        o = f.ap->HandleGroupKeyConfirm(kSta, badMic, t);
        NS_TEST_ASSERT_MSG_EQ(
            HasEvent(o.events, PreassocEvent::Kind::Discarded, PreassocStatus::InvalidMic), true,
            "wrong MIC in confirm");
        NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), false, "port stays closed");
        o = f.ap->HandleGroupKeyConfirm(kSta2, confirm, t);
        NS_TEST_ASSERT_MSG_EQ(
            HasEvent(o.events, PreassocEvent::Kind::Discarded, PreassocStatus::UnknownPtkid), true,
            "confirm from a STA without state");
        o = f.ap->HandleGroupKeyConfirm(kSta, confirm, t);
        NS_TEST_ASSERT_MSG_EQ(HasEvent(o.events, PreassocEvent::Kind::PortOpen), true,
                              "right confirm opens");

        // An unauthenticated Msg1 cannot tear down the open association.
        DsPtkMessage m1;
        m1.sta = kSta;
        m1.bssid = kBssid;
        m1.pmkid = f.pmkid;
        m1.sNonce = Bytes(32, 0x77);
        f.ap->HandleDsMessage(m1.Encode(), t);
        NS_TEST_ASSERT_MSG_EQ(f.ap->IsPortOpen(kSta), true, "still open");
        f.ap->Disassociate(kSta);
        NS_TEST_ASSERT_MSG_EQ(f.ap->GetStationCount(), 0u, "forgotten on disassociation");

        // No confirm: the AP gives up at its deadline.
        Fixture g;
        g.Establish(t);
        g.ap->HandleReassocRequest(kSta, g.sta->BuildReassocElements(t), t);
        PreassocOutput to = g.ap->OnTimeout(*g.ap->NextDeadline());
        NS_TEST_ASSERT_MSG_EQ(
            HasEvent(to.events, PreassocEvent::Kind::Refused, PreassocStatus::Timeout), true,
            "confirm timeout");
        NS_TEST_ASSERT_MSG_EQ(g.ap->GetStationCount(), 0u, "state dropped");
    }
};

// --------------------------------------------------------- SA type negotiation

class SaTypeTestCase : public ns3::TestCase
{
public:
    SaTypeTestCase()
        : TestCase("SA type negotiation: selection, fallback, mismatch and a selection not offered")
    {}

private:
    void DoRun() override
    {
        TimeNs t = Seconds(1);
        {
            // No type in common: status 43 with the AP's list; the STA refuses.
            Fixture f({SaType::PreassocPtk, SaType::CachedPmk}, {SaType::Full8021X});
            f.Establish(t);
            auto r = f.ap->HandleReassocRequest(kSta, f.sta->BuildReassocElements(t), t);
            NS_TEST_ASSERT_MSG_EQ(r.statusCode, (uint16_t) PreassocStatus::UnsupportedSaType,
                                  "mismatch");
            auto list = FindPreassocElement(r.elements, PreassocSubtype::SaTypeList);
            NS_TEST_ASSERT_MSG_EQ(list.has_value(), true, "AP lists its types");
            NS_TEST_ASSERT_MSG_EQ((SaTypeElement::Decode(*list).types == std::vector<uint8_t>{1}),
                                  true, "AP's list");
            PreassocOutput o = f.sta->HandleReassocResponse(r.statusCode, r.elements, t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Refused, PreassocStatus::UnsupportedSaType),
                true, "STA refused");
        }
        {
            // AP without the pre-association method: first common type in the STA's order.
            Fixture f({SaType::PreassocPtk, SaType::CachedPmk, SaType::Full8021X},
                      {SaType::Full8021X, SaType::CachedPmk});
            f.Establish(t);
            auto r = f.ap->HandleReassocRequest(kSta, f.sta->BuildReassocElements(t), t);
            NS_TEST_ASSERT_MSG_EQ(r.statusCode, 0, "fallback accepted");
            NS_TEST_ASSERT_MSG_EQ((r.events.at(0).saType == SaType::CachedPmk), true,
                                  "AP selects cached PMK");
            PreassocOutput o = f.sta->HandleReassocResponse(r.statusCode, r.elements, t);
            NS_TEST_ASSERT_MSG_EQ(HasEvent(o.events, PreassocEvent::Kind::SaTypeSelected), true,
                                  "fallback");
            NS_TEST_ASSERT_MSG_EQ((o.events.at(0).saType == SaType::CachedPmk), true, "cached PMK");
            NS_TEST_ASSERT_MSG_EQ((f.sta->GetState() == PreassocStaSession::State::Fallback), true,
                                  "state");
        }
        {
            // The AP selects a type the STA did not offer: the STA refuses.
            Fixture f({SaType::PreassocPtk});
            f.Establish(t);
            f.sta->BuildReassocElements(t);
            SaTypeElement sel;
            sel.subtype = PreassocSubtype::SaTypeSelection;
            sel.types = {1};
            PreassocOutput o = f.sta->HandleReassocResponse(0, sel.Encode(), t);
            NS_TEST_ASSERT_MSG_EQ(
                HasEvent(o.events, PreassocEvent::Kind::Refused, PreassocStatus::UnsupportedSaType),
                true, "selection not offered");
        }
        {
            // Unknown type values in the STA's list are skipped.
            Fixture f;
            f.Establish(t);
            Bytes req = f.sta->BuildReassocElements(t);
            SaTypeElement odd;
            odd.types = {77, 3};
            Bytes oddReq = ReplaceElement(req, PreassocSubtype::SaTypeList, odd.Encode());
            AuthPtkRequest a = AuthPtkRequest::Decode(
                *FindPreassocElement(oddReq, PreassocSubtype::AuthPtkRequest));
            Bytes sealed
                = SealPreassocElement(f.sta->GetPtk()->kck, kSta, kBssid, odd.Encode(), a.Encode());
            oddReq = ReplaceElement(oddReq, PreassocSubtype::AuthPtkRequest, sealed);
            NS_TEST_ASSERT_MSG_EQ(f.ap->HandleReassocRequest(kSta, oddReq, t).statusCode, 0,
                                  "77 skipped");
        }
    }
};

class PreassocPtkTestSuite : public ns3::TestSuite
{
public:
    PreassocPtkTestSuite()
        : TestSuite("roamsec-preassoc-ptk", Type::UNIT)
    {
        AddTestCase(new CodecTestCase);
        AddTestCase(new KeyNameTestCase);
        AddTestCase(new SuccessTestCase);
        AddTestCase(new OverDsTestCase);
        AddTestCase(new DsFieldTestCase);
        AddTestCase(new ApRefusalTestCase);
        AddTestCase(new ApStateTestCase);
        AddTestCase(new StaRefusalTestCase);
        AddTestCase(new ConfirmTestCase);
        AddTestCase(new SaTypeTestCase);
    }
};

PreassocPtkTestSuite g_preassocPtkTestSuite;

} // namespace
