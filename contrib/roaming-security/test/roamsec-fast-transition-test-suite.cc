/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fast BSS Transition core (model/core/ft-keys, ft-session): AES-128-CMAC known answers
 * (RFC 4493), the KDF's byte layout, element and frame codecs, a whole FT exchange
 * between FtSupplicant and FtAuthenticator through an R0KH push, and every refusal.
 * The key hierarchy is checked against an independent implementation by
 * test/fast-transition/check-wireshark.sh (Wireshark's dot11decrypt).
 */
#include "ns3/eapol.h"
#include "ns3/ft-keys.h"
#include "ns3/ft-session.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

#include <memory>

using namespace roamsec;

namespace {

const MacAddr kSta = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
const MacAddr kAp1 = {0x02, 0x00, 0x00, 0x00, 0x01, 0x00};
const MacAddr kAp2 = {0x02, 0x00, 0x00, 0x00, 0x02, 0x00};
const uint16_t kMdid = 0xa1b2;

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

class CmacTestCase : public ns3::TestCase
{
public:
    CmacTestCase()
        : TestCase("AES-128-CMAC: RFC 4493 section 4 examples 1, 2 and 4")
    {}

    void DoRun() override
    {
        Bytes key = FromHex("2b7e151628aed2a6abf7158809cf4f3c");
        NS_TEST_ASSERT_MSG_EQ(ToHex(AesCmac128(key, {})), "bb1d6929e95937287fa37d129b756746",
                              "example 1 (empty message)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(AesCmac128(key, FromHex("6bc1bee22e409f96e93d7e117393172a"))),
                              "070a16b46b4d4144f79bdd9dd04a287c", "example 2 (16 bytes)");
        Bytes m64 = FromHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                            "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        NS_TEST_ASSERT_MSG_EQ(ToHex(AesCmac128(key, m64)), "51f0bebf7e3b9d92fc49741779363cfe",
                              "example 4 (64 bytes)");
    }
};

class KdfTestCase : public ns3::TestCase
{
public:
    KdfTestCase()
        : TestCase("KDF-SHA-256 (12.7.1.7.2): counter and length little-endian, truncation")
    {}

    void DoRun() override
    {
        Bytes key = FromHex("000102030405060708090a0b0c0d0e0f");
        Bytes context = ToBytes("context");
        // One block: HMAC-SHA-256(K, 01 00 || label || context || 00 01) for 256 bits.
        Bytes block1 = HmacSha256(
            key, Concat({FromHex("0100"), ToBytes("FT-R1"), context, FromHex("0001")}));
        NS_TEST_ASSERT_MSG_EQ(ToHex(Kdf256(key, "FT-R1", context, 256)), ToHex(block1),
                              "256 bits = one HMAC block");
        // 384 bits: blocks 1 and 2 with Length 0x0180, truncated to 48 bytes.
        Bytes b1 = HmacSha256(
            key, Concat({FromHex("0100"), ToBytes("FT-R0"), context, FromHex("8001")}));
        Bytes b2 = HmacSha256(
            key, Concat({FromHex("0200"), ToBytes("FT-R0"), context, FromHex("8001")}));
        Bytes expected = Concat({b1, b2});
        expected.resize(48);
        NS_TEST_ASSERT_MSG_EQ(ToHex(Kdf256(key, "FT-R0", context, 384)), ToHex(expected),
                              "384 bits = two blocks truncated");
        // PMKR0Name and PMKR1Name definitions (12.7.1.7.3, 12.7.1.7.4).
        Bytes msk(64);
        for (size_t i = 0; i < msk.size(); ++i)
        {
            msk[i] = static_cast<uint8_t>(i);
        }
        NS_TEST_ASSERT_MSG_EQ(ToHex(FtXxKeyFromMsk(msk)), ToHex(Slice(msk, 32, 32)),
                              "XXKey = second half of the MSK");
        FtPmkR0 r0 = DeriveFtPmkR0(FtXxKeyFromMsk(msk), ToBytes("roamsec"), kMdid,
                                   ToBytes("ap0.roamsec"), kSta);
        Bytes r0Data = Kdf256(FtXxKeyFromMsk(msk), "FT-R0",
                              Concat({Bytes{7}, ToBytes("roamsec"), FromHex("b2a1"), Bytes{11},
                                      ToBytes("ap0.roamsec"), MacBytes(kSta)}),
                              384);
        NS_TEST_ASSERT_MSG_EQ(ToHex(r0.key), ToHex(Slice(r0Data, 0, 32)), "PMK-R0");
        Bytes r0Name = Sha256(Concat({ToBytes("FT-R0N"), Slice(r0Data, 32, 16)}));
        r0Name.resize(16);
        NS_TEST_ASSERT_MSG_EQ(ToHex(r0.name), ToHex(r0Name), "PMKR0Name");
        FtPmkR1 r1 = DeriveFtPmkR1(r0, kAp2, kSta);
        Bytes r1Name = Sha256(Concat({ToBytes("FT-R1N"), r0.name, MacBytes(kAp2), MacBytes(kSta)}));
        r1Name.resize(16);
        NS_TEST_ASSERT_MSG_EQ(ToHex(r1.name), ToHex(r1Name), "PMKR1Name");
        NS_TEST_ASSERT_MSG_NE(ToHex(r1.key), ToHex(DeriveFtPmkR1(r0, kAp1, kSta).key),
                              "PMK-R1 depends on the R1KH-ID");
        bool threw = false;
        try
        {
            FtXxKeyFromMsk(Bytes(32));
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "an MSK under 64 bytes has no XXKey");
    }
};

class CodecTestCase : public ns3::TestCase
{
public:
    CodecTestCase()
        : TestCase("MDE, FTE, FT Authentication, FT Action, RRB and key push codecs")
    {}

    void DoRun() override
    {
        MobilityDomainElement mde{kMdid, true, false};
        Bytes mdeBytes = EncodeMde(mde);
        NS_TEST_ASSERT_MSG_EQ(ToHex(mdeBytes), "3603b2a101", "MDE: MDID little-endian, over-DS");
        NS_TEST_ASSERT_MSG_EQ(DecodeMde(mdeBytes).mdid, kMdid, "MDE round trip");
        NS_TEST_ASSERT_MSG_EQ(Throws([] { DecodeMde(FromHex("3602b2a1")); }), true,
                              "short MDE refused");

        FtElement fte;
        fte.micElementCount = 3;
        fte.mic = Bytes(16, 0x11);
        fte.aNonce = Bytes(32, 0xaa);
        fte.sNonce = Bytes(32, 0x55);
        fte.r1khId = kAp1;
        fte.r0khId = ToBytes("ap0.roamsec");
        FtGtkSubelement gtk;
        gtk.keyId = 2;
        gtk.wrappedKey = Bytes(24, 0x77);
        fte.gtk = gtk;
        Bytes fteBytes = EncodeFte(fte);
        NS_TEST_ASSERT_MSG_EQ(fteBytes[0], kElementIdFastBssTransition, "FTE ID");
        NS_TEST_ASSERT_MSG_EQ(fteBytes[1], 82 + 8 + 37 + 13, "FTE length");
        FtElement back = DecodeFte(fteBytes);
        NS_TEST_ASSERT_MSG_EQ(back.micElementCount, 3, "element count");
        NS_TEST_ASSERT_MSG_EQ((back.r1khId == fte.r1khId), true, "R1KH-ID");
        NS_TEST_ASSERT_MSG_EQ((back.r0khId == fte.r0khId), true, "R0KH-ID");
        NS_TEST_ASSERT_MSG_EQ(back.gtk->keyId, 2, "GTK key ID");
        NS_TEST_ASSERT_MSG_EQ(ToHex(back.gtk->wrappedKey), ToHex(gtk.wrappedKey), "GTK key");
        Bytes truncated(fteBytes.begin(), fteBytes.end() - 1);
        truncated[1]--;
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { DecodeFte(truncated); }), true,
                              "a truncated subelement is refused");
        Bytes badR1 = EncodeFte(FtElement());
        badR1.insert(badR1.end(), {1, 5, 1, 2, 3, 4, 5});
        badR1[1] += 7;
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { DecodeFte(badR1); }), true,
                              "an R1KH-ID of 5 bytes is refused");

        FtAuthenticationFrame auth{2, 53, mdeBytes};
        Bytes authBytes = EncodeFtAuthentication(auth);
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(authBytes, 0, 6)), "020002003500",
                              "algorithm 2, sequence 2, status 53, little-endian");
        NS_TEST_ASSERT_MSG_EQ(DecodeFtAuthentication(authBytes).status, 53, "round trip");
        NS_TEST_ASSERT_MSG_EQ(Throws([] { DecodeFtAuthentication(FromHex("000001000000")); }), true,
                              "open system authentication is not FT");

        FtRrbFrame rrb;
        rrb.apAddress = kAp1;
        rrb.action.action = 1;
        rrb.action.sta = kSta;
        rrb.action.targetAp = kAp2;
        rrb.action.elements = mdeBytes;
        Bytes rrbBytes = EncodeFtRrb(rrb);
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(rrbBytes, 0, 5)), "0101001300",
                              "payload type, frame type, request, action length 19");
        auto rrbBack = DecodeFtRrb(rrbBytes);
        NS_TEST_ASSERT_MSG_EQ(rrbBack.has_value(), true, "RRB round trip");
        NS_TEST_ASSERT_MSG_EQ((rrbBack->action.targetAp == kAp2), true, "target AP");
        Bytes badLength = rrbBytes;
        badLength[3] = 0x14;
        NS_TEST_ASSERT_MSG_EQ(Throws([&] { DecodeFtRrb(badLength); }), true,
                              "an action length that disagrees is refused");
        NS_TEST_ASSERT_MSG_EQ(DecodeFtRrb(FromHex("0280")).has_value(), false,
                              "not an FT RRB frame");

        FtKeyPush push;
        push.r0khId = ToBytes("ap0");
        push.r1khId = kAp2;
        push.s1khId = kSta;
        push.pmkR1 = {Bytes(32, 1), Bytes(16, 2)};
        push.pmkR0Name = Bytes(16, 3);
        push.lifetimeSeconds = 3600;
        Bytes key = Bytes(16, 9);
        Bytes pushBytes = EncodeFtKeyPush(push, key);
        auto pushBack = DecodeFtKeyPush(pushBytes, key);
        NS_TEST_ASSERT_MSG_EQ(pushBack.has_value(), true, "push round trip");
        NS_TEST_ASSERT_MSG_EQ(pushBack->lifetimeSeconds, 3600, "lifetime");
        NS_TEST_ASSERT_MSG_EQ(ToHex(pushBack->pmkR1.key), ToHex(push.pmkR1.key), "PMK-R1");
        NS_TEST_ASSERT_MSG_EQ(DecodeFtKeyPush(pushBytes, Bytes(16, 8)).has_value(), false,
                              "another pair key does not unwrap it");
        Bytes altered = pushBytes;
        altered[3 + 3 + 6] ^= 1; // S1KH-ID in the clear header
        NS_TEST_ASSERT_MSG_EQ(DecodeFtKeyPush(altered, key).has_value(), false,
                              "a clear header that disagrees with the wrapped one is refused");
    }
};

/** A STA, its R0KH (AP 1) and an R1KH (AP 2) with a pair key, deterministic randomness. */
struct Fixture
{
    SeededRandomSource staRng{1};
    SeededRandomSource ap1Rng{2};
    SeededRandomSource ap2Rng{3};
    Bytes pairKey = FromHex("00112233445566778899aabbccddeeff");
    Bytes msk;
    std::unique_ptr<FtSupplicant> sta;
    std::unique_ptr<FtAuthenticator> ap1;
    std::unique_ptr<FtAuthenticator> ap2;
    TimeNs t{Seconds(10)};

    Fixture()
    {
        msk = SeededRandomSource(99).Generate(64);
        sta = std::make_unique<FtSupplicant>(FtSupplicantConfig{kSta, ToBytes("roamsec")}, staRng);
        FtAuthenticatorConfig c1;
        c1.bssid = kAp1;
        c1.ssid = ToBytes("roamsec");
        c1.mde = {kMdid, true, false};
        c1.r0khId = ToBytes("ap1.roamsec");
        c1.r1khKeys = {{kAp1, pairKey}, {kAp2, pairKey}};
        c1.r0khKeys = {{ToBytes("ap2.roamsec"), pairKey}};
        FtAuthenticatorConfig c2 = c1;
        c2.bssid = kAp2;
        c2.r0khId = ToBytes("ap2.roamsec");
        c2.r0khKeys = {{ToBytes("ap1.roamsec"), pairKey}};
        ap1 = std::make_unique<FtAuthenticator>(c1, ap1Rng);
        ap2 = std::make_unique<FtAuthenticator>(c2, ap2Rng);
        ap2->SetGroupKey(FromHex("0f0e0d0c0b0a09080706050403020100"), 1, Bytes(8, 0));
    }

    /** Initial mobility domain association with AP 1 and its push to AP 2. */
    bool InitialAssociation()
    {
        Bytes request = sta->InitialAssociationElements({kMdid, true, false});
        if (!ap1->IsMobilityDomainRequest(request) || ap1->IsFtReassociation(request))
        {
            return false;
        }
        if (!sta->HandleInitialAssociationResponse(kAp1, ap1->InitialAssociationResponseElements()))
        {
            return false;
        }
        auto pushes = ap1->InitialAuthentication(kSta, msk, t);
        if (pushes.size() != 1 || pushes[0].r1khId != kAp2
            || !ap2->HandleKeyPush(pushes[0].payload, t))
        {
            return false;
        }
        return sta->InitialAuthenticationSucceeded(kAp1, msk);
    }

    /** FT Request/Response with AP 2. */
    FtStatus Prepare()
    {
        FtResult answer = ap2->HandleRequest(kSta, sta->BuildRequest(kAp2), t);
        return sta->HandleResponse(kAp2, static_cast<uint16_t>(answer.status), answer.elements);
    }
};

/** Replaces the first element with that ID. */
Bytes
ReplaceElement(const Bytes& elements, uint8_t id, const Bytes& replacement)
{
    Bytes out;
    ByteReader reader(elements);
    bool done = false;
    while (!reader.AtEnd())
    {
        const uint8_t* start = reader.Current();
        uint8_t eid = reader.ReadU8();
        uint8_t len = reader.ReadU8();
        reader.Skip(len);
        if (eid == id && !done)
        {
            out.insert(out.end(), replacement.begin(), replacement.end());
            done = true;
        }
        else
        {
            out.insert(out.end(), start, start + 2 + len);
        }
    }
    return out;
}

class ExchangeTestCase : public ns3::TestCase
{
public:
    ExchangeTestCase()
        : TestCase("FT exchange: initial association, R0KH push, request, reassociation, GTK")
    {}

    void DoRun() override
    {
        Fixture f;
        NS_TEST_ASSERT_MSG_EQ(f.InitialAssociation(), true, "initial mobility domain association");
        NS_TEST_ASSERT_MSG_EQ(f.ap2->GetPmkR1Count(), 1u, "AP 2 holds the pushed PMK-R1");
        Bytes request = f.sta->BuildRequest(kAp2);
        RsnElement rsne = DecodeRsne(*FindElement(request, kElementIdRsn));
        NS_TEST_ASSERT_MSG_EQ(rsne.akms.at(0), kAkmFt8021x, "AKM FT-802.1X");
        NS_TEST_ASSERT_MSG_EQ(ToHex(rsne.pmkids.at(0)), ToHex(f.sta->GetPmkR0Name()),
                              "the request names PMKR0Name");
        FtResult answer = f.ap2->HandleRequest(kSta, request, f.t);
        NS_TEST_ASSERT_MSG_EQ((answer.status == FtStatus::Success), true, "AP 2 answers");
        NS_TEST_ASSERT_MSG_EQ(
            (f.sta->HandleResponse(kAp2, 0, answer.elements) == FtStatus::Success), true,
            "PTK derived");
        NS_TEST_ASSERT_MSG_EQ(f.sta->PtkReady(kAp2), true, "PTK ready");
        Bytes reassoc = f.sta->BuildReassociationElements(kAp2);
        NS_TEST_ASSERT_MSG_EQ(f.ap2->IsFtReassociation(reassoc), true, "FT reassociation");
        FtResult response = f.ap2->HandleReassociation(kSta, reassoc, f.t + Milliseconds(5));
        NS_TEST_ASSERT_MSG_EQ(FtStatusName(response.status), "success", "reassociation accepted");
        NS_TEST_ASSERT_MSG_EQ(
            FtStatusName(f.sta->HandleReassociationResponse(kAp2, 0, response.elements)), "success",
            "response verified");
        auto staPtk = f.sta->GetInstalledPtk(kAp2);
        auto apPtk = f.ap2->GetInstalledPtk(kSta);
        NS_TEST_ASSERT_MSG_EQ((staPtk && apPtk), true, "both installed a PTK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(staPtk->keys.tk), ToHex(apPtk->keys.tk), "same TK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(staPtk->name), ToHex(apPtk->name), "same PTKName");
        NS_TEST_ASSERT_MSG_EQ(ToHex(f.sta->GetGtk(kAp2)), "0f0e0d0c0b0a09080706050403020100",
                              "the GTK came wrapped in the FTE");
    }
};

class RefusalTestCase : public ns3::TestCase
{
public:
    RefusalTestCase()
        : TestCase("FT refusals: wrong PMKR1Name, MIC, MDID, nonce, no PMK-R1, deadline, push")
    {}

    void DoRun() override
    {
        {
            // Wrong PMKR1Name in the reassociation RSNE: Invalid PMKID (53).
            Fixture f;
            f.InitialAssociation();
            f.Prepare();
            Bytes reassoc = f.sta->BuildReassociationElements(kAp2);
            RsnElement rsne = DecodeRsne(*FindElement(reassoc, kElementIdRsn));
            rsne.pmkids[0][0] ^= 1;
            Bytes bad = ReplaceElement(reassoc, kElementIdRsn, EncodeRsne(rsne));
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(f.ap2->HandleReassociation(kSta, bad, f.t).status),
                                  "invalid-pmkid", "wrong PMKR1Name");
            NS_TEST_ASSERT_MSG_EQ(f.ap2->GetInstalledPtk(kSta).has_value(), false, "no PTK");
        }
        {
            // One MIC bit flipped: Invalid FTE (55); the pending exchange stays for a retry.
            Fixture f;
            f.InitialAssociation();
            f.Prepare();
            Bytes reassoc = f.sta->BuildReassociationElements(kAp2);
            Bytes fte = *FindElement(reassoc, kElementIdFastBssTransition);
            fte[4] ^= 0x80;
            Bytes bad = ReplaceElement(reassoc, kElementIdFastBssTransition, fte);
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(f.ap2->HandleReassociation(kSta, bad, f.t).status),
                                  "invalid-fte", "wrong MIC");
            NS_TEST_ASSERT_MSG_EQ(
                FtStatusName(f.ap2->HandleReassociation(kSta, reassoc, f.t).status), "success",
                "the genuine request still succeeds");
        }
        {
            // An altered response MIC is refused by the STA.
            Fixture f;
            f.InitialAssociation();
            f.Prepare();
            FtResult response
                = f.ap2->HandleReassociation(kSta, f.sta->BuildReassociationElements(kAp2), f.t);
            Bytes fte = *FindElement(response.elements, kElementIdFastBssTransition);
            fte[10] ^= 1;
            Bytes bad = ReplaceElement(response.elements, kElementIdFastBssTransition, fte);
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(f.sta->HandleReassociationResponse(kAp2, 0, bad)),
                                  "invalid-fte", "response MIC");
            NS_TEST_ASSERT_MSG_EQ(f.sta->GetInstalledPtk(kAp2).has_value(), false, "no PTK");
        }
        {
            // Another mobility domain, no PMK-R1 pushed, an AKM other than FT.
            Fixture f;
            f.InitialAssociation();
            Bytes request = f.sta->BuildRequest(kAp2);
            Bytes otherMd = ReplaceElement(request, kElementIdMobilityDomain,
                                           EncodeMde({0x1234, true, false}));
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(f.ap2->HandleRequest(kSta, otherMd, f.t).status),
                                  "invalid-mde", "MDID");
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(f.ap1->HandleRequest(kSta, request, f.t).status),
                                  "success", "the R0KH holds its own PMK-R1");
            Fixture g;
            g.sta->HandleInitialAssociationResponse(kAp1,
                                                    g.ap1->InitialAssociationResponseElements());
            g.sta->InitialAuthenticationSucceeded(kAp1, g.msk); // no push reached AP 2
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(g.Prepare()), "invalid-pmkid", "no PMK-R1 at AP 2");
            NS_TEST_ASSERT_MSG_EQ(g.sta->PtkReady(kAp2), false, "no PTK after a refusal");
            RsnElement plain;
            Bytes notFt = ReplaceElement(request, kElementIdRsn, EncodeRsne(plain));
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(f.ap2->HandleRequest(kSta, notFt, f.t).status),
                                  "invalid-rsne", "AKM 00-0F-AC:1 is not FT");
        }
        {
            // The reassociation deadline passed; a response to a nonce the STA never sent.
            Fixture f;
            f.InitialAssociation();
            f.Prepare();
            Bytes reassoc = f.sta->BuildReassociationElements(kAp2);
            NS_TEST_ASSERT_MSG_EQ(
                FtStatusName(f.ap2->HandleReassociation(kSta, reassoc, f.t + Seconds(2)).status),
                "invalid-pmkid", "after dot11FTReassociationDeadline");
            Fixture g;
            g.InitialAssociation();
            g.sta->BuildRequest(kAp2);
            FtSupplicant other(FtSupplicantConfig{kSta, ToBytes("roamsec")}, g.ap1Rng);
            other.HandleInitialAssociationResponse(kAp1,
                                                   g.ap1->InitialAssociationResponseElements());
            other.InitialAuthenticationSucceeded(kAp1, g.msk);
            FtResult answer = g.ap2->HandleRequest(kSta, other.BuildRequest(kAp2), g.t);
            NS_TEST_ASSERT_MSG_EQ(FtStatusName(g.sta->HandleResponse(kAp2, 0, answer.elements)),
                                  "invalid-fte", "SNonce of another request");
        }
        {
            // A push under another pair key, or for another R1KH, is not accepted.
            Fixture f;
            auto pushes = f.ap1->InitialAuthentication(kSta, f.msk, f.t);
            Bytes tampered = pushes.at(0).payload;
            tampered.back() ^= 1;
            NS_TEST_ASSERT_MSG_EQ(f.ap2->HandleKeyPush(tampered, f.t), false, "integrity");
            NS_TEST_ASSERT_MSG_EQ(f.ap1->HandleKeyPush(pushes.at(0).payload, f.t), false,
                                  "a push for AP 2 is not for AP 1");
            NS_TEST_ASSERT_MSG_EQ(f.ap2->GetPmkR1Count(), 0u, "nothing stored");
        }
    }
};

class FastTransitionTestSuite : public ns3::TestSuite
{
public:
    FastTransitionTestSuite()
        : TestSuite("roamsec-fast-transition", Type::UNIT)
    {
        AddTestCase(new CmacTestCase);
        AddTestCase(new KdfTestCase);
        AddTestCase(new CodecTestCase);
        AddTestCase(new ExchangeTestCase);
        AddTestCase(new RefusalTestCase);
    }
};

FastTransitionTestSuite g_fastTransitionTestSuite;

} // namespace
