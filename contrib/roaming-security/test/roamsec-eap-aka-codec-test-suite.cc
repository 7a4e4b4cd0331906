/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA attribute codec and key derivation: layouts, numbering of both
 * profiles, every discard rule, and the published PRF vectors.
 */
#include "ns3/eap-aka-attributes.h"
#include "ns3/eap-aka-keys.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

using namespace roamsec;

namespace {

const EapAkaProfile kDraft = EapAkaProfile::Draft04;
const EapAkaProfile kRfc = EapAkaProfile::Rfc4187;

AkaDecodeError
DecodeHex(EapAkaProfile p, const std::string& hex, bool nested = false)
{
    Bytes b = FromHex(hex);
    return DecodeAkaAttributes(p, b.data(), b.size(), nested).error;
}

class PrfKnownAnswerTestCase : public ns3::TestCase
{
public:
    PrfKnownAnswerTestCase()
        : TestCase("SHA-1 compression and FIPS 186-2 PRF match published vectors")
    {}

private:
    void DoRun() override
    {
        // SHA-1("abc") (FIPS 180-2 Appendix A.1) as one compression of the padded block.
        std::array<uint32_t, 5> h{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
        uint8_t block[64] = {'a', 'b', 'c', 0x80};
        block[63] = 24;
        Sha1Compress(h, block);
        NS_TEST_ASSERT_MSG_EQ(h[0], 0xa9993e36u, "SHA-1 compression word 0");
        NS_TEST_ASSERT_MSG_EQ(h[4], 0x9cd0d89du, "SHA-1 compression word 4");

        // FIPS 186-2 change notice 1, Appendix 3.1 example (general-purpose, XSEED = 0):
        // XKEY = bd029bbe 7f51960b cf9edb2b 61f06f0f eb5a38b6 -> x_0 | x_1.
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(Fips186Prf(FromHex("bd029bbe7f51960bcf9edb2b61f06f0feb5a38b6"), 40)),
            "2070b3223dba372fde1c0ffc7b2e3b498b260614"
            "3c6c18bacb0f6c55babb13788e20d737a3275116",
            "FIPS 186-2 CN1 Appendix 3.1");

        // RFC 4186 Appendix A.5 (same PRF and key split as RFC 4187 section 7).
        AkaKeys k = DeriveAkaKeysFromMk(FromHex("e576d5ca332e9930018bf1baee2763c795b3c712"));
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.kEncr), "536e5ebc4465582aa6a8ec9986ebb620", "K_encr");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.kAut), "25af1942efcbf4bc72b3943421f2a974", "K_aut");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.msk),
                              "39d45aeaf4e30601983e972b6cfd46d1c363773365690d09cd44976b525f47d3"
                              "a60a985e955c53b090b2e4b73719196a402542968fd14a888f46b9a7886e4488",
                              "MSK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.emsk),
                              "5949eab0fff69d52315c6c634fd14a7f0d52023d56f79698fa6596abeed4f93f"
                              "bb48eb534d985414ceed0d9a8ed33c387c9dfdab92ffbdf240fcecf65a2c93b9",
                              "EMSK");

        // Master keys of the two profiles (draft section 9, RFC 4187 section 7).
        Bytes ik = FromHex("00112233445566778899aabbccddeeff");
        Bytes ck = FromHex("ffeeddccbbaa99887766554433221100");
        AkaKeys d = DeriveAkaKeys(kDraft, "ignored", ik, ck);
        NS_TEST_ASSERT_MSG_EQ(ToHex(d.mk), ToHex(Sha1(Concat({ik, ck}))), "XKEY = SHA1(IK|CK)");
        AkaKeys r = DeriveAkaKeys(kRfc, "0001010000000001@example", ik, ck);
        NS_TEST_ASSERT_MSG_EQ(ToHex(r.mk),
                              ToHex(Sha1(Concat({ToBytes("0001010000000001@example"), ik, ck}))),
                              "MK = SHA1(Identity|IK|CK)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(r.kAut), ToHex(Slice(Fips186Prf(r.mk, 32), 16, 16)), "K_aut");

        // Fast re-authentication, RFC 4187 section 7: XKEY' = SHA1(Identity|counter|NONCE_S|MK).
        Bytes nonce(16, 0x5a);
        AkaReauthKeys rk = DeriveAkaReauthKeys("4reauth@example", 0x0102, nonce, r.mk);
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(rk.xkeyPrime),
            ToHex(Sha1(Concat({ToBytes("4reauth@example"), FromHex("0102"), nonce, r.mk}))),
            "XKEY'");
        NS_TEST_ASSERT_MSG_EQ(ToHex(rk.msk), ToHex(Slice(Fips186Prf(rk.xkeyPrime, 64), 0, 64)),
                              "MSK'");
        AkaReauthKeys rk2 = DeriveAkaReauthKeys("4reauth@example", 0x0103, nonce, r.mk);
        NS_TEST_ASSERT_MSG_EQ((rk2.msk != rk.msk), true, "counter changes the keys");

        bool threw = false;
        try
        {
            Fips186Prf(Bytes(19), 20);
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "XKEY length checked");
    }
};

class AttributeNumberingTestCase : public ns3::TestCase
{
public:
    AttributeNumberingTestCase()
        : TestCase("attribute numbers of the draft (section 11) and of RFC 4187 (section 11)")
    {}

private:
    void DoRun() override
    {
        struct Row
        {
            AkaAttr a;
            int draft;
            int rfc;
        } rows[] = {
            {AkaAttr::Rand, 1, 1},
            {AkaAttr::Autn, 2, 2},
            {AkaAttr::Res, 3, 3},
            {AkaAttr::Auts, 4, 4},
            {AkaAttr::PermanentIdentity, 5, -1},
            {AkaAttr::Padding, 6, 6},
            {AkaAttr::PermanentIdReq, 7, 10},
            {AkaAttr::AnyIdReq, 8, 13},
            {AkaAttr::Identity, 9, 14},
            {AkaAttr::Mac, 131, 11},
            {AkaAttr::Notification, -1, 12},
            {AkaAttr::FullauthIdReq, -1, 17},
            {AkaAttr::Counter, -1, 19},
            {AkaAttr::CounterTooSmall, -1, 20},
            {AkaAttr::NonceS, -1, 21},
            {AkaAttr::ClientErrorCode, -1, 22},
            {AkaAttr::Iv, 129, 129},
            {AkaAttr::EncrData, 130, 130},
            {AkaAttr::NextPseudonym, 132, 132},
            {AkaAttr::NextReauthId, -1, 133},
            {AkaAttr::Checkcode, -1, 134},
            {AkaAttr::ResultInd, -1, 135},
        };
        for (const auto& r : rows)
        {
            auto d = AkaAttrNumber(kDraft, r.a);
            auto f = AkaAttrNumber(kRfc, r.a);
            NS_TEST_ASSERT_MSG_EQ((d ? int(*d) : -1), r.draft, "draft number");
            NS_TEST_ASSERT_MSG_EQ((f ? int(*f) : -1), r.rfc, "RFC 4187 number");
            if (d)
            {
                NS_TEST_ASSERT_MSG_EQ((AkaAttrFromNumber(kDraft, *d) == r.a), true,
                                      "draft inverse");
            }
            if (f)
            {
                NS_TEST_ASSERT_MSG_EQ((AkaAttrFromNumber(kRfc, *f) == r.a), true, "RFC inverse");
            }
        }
    }
};

class AttributeLayoutTestCase : public ns3::TestCase
{
public:
    AttributeLayoutTestCase()
        : TestCase("attribute byte layouts in 4-byte length units, and round trips")
    {}

private:
    void DoRun() override
    {
        Bytes rand = FromHex("000102030405060708090a0b0c0d0e0f");
        AkaAttributes a;
        a.rand = rand;
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kDraft, a)),
                              "01050000000102030405060708090a0b0c0d0e0f",
                              "AT_RAND: length 5, 2 reserved, RAND");
        a = {};
        a.res = FromHex("a54211d5e3ba50bf"); // 64-bit RES
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kDraft, a)), "03030040a54211d5e3ba50bf",
                              "AT_RES: RES length in bits");
        a = {};
        a.res = FromHex("01020304050607"); // 56 bits, padded
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kRfc, a)), "030300380102030405060700",
                              "AT_RES padded to 4 bytes");
        a = {};
        a.auts = Bytes(14, 0xaa);
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kDraft, a)),
                              "0404aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "AT_AUTS: length 4, no reserved");
        a = {};
        a.identity = "0123";
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kDraft, a)), "0902000430313233",
                              "draft AT_IDENTITY (9)");
        a.identity = "01234";
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kRfc, a)), "0e0300053031323334000000",
                              "RFC AT_IDENTITY (14) zero-padded");
        a = {};
        a.anyIdReq = true;
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kDraft, a)), "08010000", "AT_IDENTITY_REQ");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kRfc, a)), "0d010000", "AT_ANY_ID_REQ");
        a = {};
        a.mac = Bytes(16, 0xff);
        size_t off = 99;
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kDraft, a, &off)),
                              "83050000" + std::string(32, '0'),
                              "draft AT_MAC (131), value zeroed");
        NS_TEST_ASSERT_MSG_EQ(off, 4u, "MAC value offset");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kRfc, a)).substr(0, 8), "0b050000",
                              "RFC AT_MAC (11)");
        a = {};
        a.counter = 7;
        a.notification = AkaNotificationCode::Success;
        a.clientErrorCode = 0;
        a.checkcode = Bytes();
        a.resultInd = true;
        a.counterTooSmall = true;
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kRfc, a)),
                              "0c018000"
                              "16010000"
                              "13010007"
                              "14010000"
                              "86010000"
                              "87010000",
                              "RFC 4187 16-bit attributes and flags");
        bool threw = false;
        try
        {
            EncodeAkaAttributes(kDraft, a);
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "AT_COUNTER does not exist in the draft");

        // Full round trip of every RFC 4187 attribute.
        AkaAttributes all;
        all.rand = rand;
        all.autn = Bytes(16, 2);
        all.res = Bytes(16, 3);
        all.auts = Bytes(14, 4);
        all.permanentIdReq = true;
        all.identity = "user@realm";
        all.notification = 1026;
        all.counter = 3;
        all.nonceS = Bytes(16, 5);
        all.nextPseudonym = "2abc";
        all.nextReauthId = "4def@realm";
        all.checkcode = Bytes(20, 6);
        all.iv = Bytes(16, 7);
        all.encrData = Bytes(32, 8);
        all.mac = Bytes(16, 0);
        Bytes enc = EncodeAkaAttributes(kRfc, all);
        auto dec = DecodeAkaAttributes(kRfc, enc.data(), enc.size());
        NS_TEST_ASSERT_MSG_EQ(dec.attrs.has_value(), true, "decodes");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeAkaAttributes(kRfc, *dec.attrs)), ToHex(enc),
                              "round trip");
        NS_TEST_ASSERT_MSG_EQ(dec.attrs->resBits, 128, "RES bits");
        NS_TEST_ASSERT_MSG_EQ(*dec.attrs->identity, "user@realm", "identity");
        NS_TEST_ASSERT_MSG_EQ(*dec.attrs->nextReauthId, "4def@realm", "reauth id");
    }
};

class AttributeDiscardTestCase : public ns3::TestCase
{
public:
    AttributeDiscardTestCase()
        : TestCase("every malformed attribute sequence is rejected with its reason")
    {}

private:
    void DoRun() override
    {
        using E = AkaDecodeError;
        std::string rand = "0105000000000000000000000000000000000000";
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, rand) == E::None), true, "valid AT_RAND");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0100") == E::ZeroLength), true, "length 0");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "01050000") == E::Truncated), true, "overflow");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, rand + "01") == E::Truncated), true, "lone byte");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, rand + rand) == E::Duplicate), true, "duplicate");
        NS_TEST_ASSERT_MSG_EQ(
            (DecodeHex(kDraft, "0104000000000000000000000000000000") == E::BadLength
             || DecodeHex(kDraft, "010400000000000000000000") == E::BadLength),
            true, "AT_RAND of length 4");
        // Unknown non-skippable (0..127) -> discard; unknown skippable (128..255) -> skip.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, rand + "64010000") == E::UnknownNonSkippable),
                              true, "100");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, rand + "c8020000abcdef01") == E::None), true,
                              "200 skipped");
        // Profile-specific numbers: 10 (AT_PERMANENT_ID_REQ) is unknown to the draft,
        // 5 (AT_PERMANENT_IDENTITY) and 7/8 are unknown to RFC 4187.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0a010000") == E::UnknownNonSkippable), true,
                              "10 in draft");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kRfc, "0a010000") == E::None), true, "10 in RFC");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kRfc, "08010000") == E::UnknownNonSkippable), true,
                              "8 in RFC");
        // The draft's AT_MAC is 131: skippable-range but known.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kRfc, "83050000" + std::string(32, '0')) == E::None), true,
                              "131 skipped by RFC 4187");
        // RES length rule: 32..128 bits, attribute exactly as long as needed.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "03020020aabbccdd") == E::None), true,
                              "32-bit RES (SRES)");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0302001faabbccdd") == E::BadValue), true,
                              "31 bits");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "03060081" + std::string(40, '0')) == E::BadValue),
                              true, "129 bits");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "03030020aabbccdd00000000") == E::BadLength), true,
                              "RES longer than its length");
        // AT_AUTS: exactly 16 bytes.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0405" + std::string(36, '0')) == E::BadLength),
                              true, "AUTS");
        // Identity: inner length must fit and padding be under 4 bytes.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0902000530313233") == E::BadLength), true,
                              "identity overflow");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0903000030313233aabbccdd") == E::BadLength), true,
                              "identity over-padded");
        // Flags carry exactly 2 reserved bytes.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "0802000000000000") == E::BadLength), true,
                              "AT_IDENTITY_REQ");
        // AT_PADDING: only nested, last, zero.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "06010000") == E::NonZeroPadding), true,
                              "padding outside");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "06010000", true) == E::None), true,
                              "padding nested");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, "06010001", true) == E::NonZeroPadding), true,
                              "non-zero pad");
        NS_TEST_ASSERT_MSG_EQ(
            (DecodeHex(kDraft, "060100008402000361620000", true) == E::NonZeroPadding), true,
            "padding not last");
        NS_TEST_ASSERT_MSG_EQ(
            (DecodeHex(kDraft, "0604" + std::string(28, '0'), true) == E::NonZeroPadding), true,
            "padding of 16 bytes");
        // AT_IV iff AT_ENCR_DATA, and AT_ENCR_DATA needs AT_MAC (after it, in the draft).
        std::string iv = "81050000" + std::string(32, '0');
        std::string encr = "82050000" + std::string(32, '0');
        std::string dmac = "83050000" + std::string(32, '0');
        std::string rmac = "0b050000" + std::string(32, '0');
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, iv) == E::IvEncrMismatch), true, "IV alone");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, encr + dmac) == E::IvEncrMismatch), true,
                              "ENCR alone");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, iv + encr) == E::EncrWithoutMac), true, "no MAC");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, iv + dmac + encr) == E::EncrWithoutMac), true,
                              "draft: MAC before ENCR");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, iv + encr + dmac) == E::None), true,
                              "draft order ok");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kRfc, iv + rmac + encr) == E::None), true,
                              "RFC: any order");
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kDraft, iv + "82020000" + dmac) == E::BadLength), true,
                              "ENCR_DATA without a block");
        NS_TEST_ASSERT_MSG_EQ(
            (DecodeHex(kDraft, iv + "8206" + std::string(40, '0') + dmac) == E::BadLength), true,
            "ENCR_DATA not a multiple of 16");
        // Checkcode: 4 or 24 bytes.
        NS_TEST_ASSERT_MSG_EQ((DecodeHex(kRfc, "86020000aabbccdd") == E::BadLength), true,
                              "checkcode");
    }
};

class EncryptionAndMacTestCase : public ns3::TestCase
{
public:
    EncryptionAndMacTestCase()
        : TestCase("AT_ENCR_DATA round trip with AT_PADDING, and AT_MAC over the whole packet")
    {}

private:
    void DoRun() override
    {
        Bytes kEncr = FromHex("536e5ebc4465582aa6a8ec9986ebb620");
        Bytes kAut = FromHex("25af1942efcbf4bc72b3943421f2a974");
        Bytes iv = FromHex("9e18b0c29a652263c06efb54dd00a895");
        AkaAttributes nested;
        nested.nextPseudonym = "2pseudonym"; // 4 + 10 -> 16 bytes: no padding
        Bytes ct = EncryptAkaNested(kDraft, nested, kEncr, iv);
        NS_TEST_ASSERT_MSG_EQ(ct.size(), 16u, "one block, no padding");
        nested.nextPseudonym = "2p"; // 8 bytes -> 8 bytes of AT_PADDING
        ct = EncryptAkaNested(kDraft, nested, kEncr, iv);
        NS_TEST_ASSERT_MSG_EQ(ct.size(), 16u, "padded block");
        auto back = DecryptAkaNested(kDraft, kEncr, iv, ct);
        NS_TEST_ASSERT_MSG_EQ(back.attrs.has_value(), true, "decrypts");
        NS_TEST_ASSERT_MSG_EQ(*back.attrs->nextPseudonym, "2p", "pseudonym");
        NS_TEST_ASSERT_MSG_EQ(back.attrs->paddingLen, 8u, "padding length");
        NS_TEST_ASSERT_MSG_EQ(ToHex(AesCbcDecrypt(kEncr, iv, ct)),
                              "8402000232700000"
                              "0602000000000000",
                              "plaintext layout: AT_PSEUDONYM then AT_PADDING");
        // A non-zero pad byte is rejected after decryption.
        Bytes bad = FromHex("8402000232700000"
                            "0602000000000001");
        auto r = DecryptAkaNested(kDraft, kEncr, iv, AesCbcEncrypt(kEncr, iv, bad));
        NS_TEST_ASSERT_MSG_EQ((r.error == AkaDecodeError::NonZeroPadding), true,
                              "pad bytes checked");

        AkaMessage m;
        m.code = EapCode::Request;
        m.identifier = 7;
        m.subtype = EapAkaSubtype::Challenge;
        m.attrs.rand = Bytes(16, 1);
        m.attrs.autn = Bytes(16, 2);
        m.attrs.iv = iv;
        m.attrs.encrData = ct;
        m.attrs.mac = Bytes(16);
        for (auto profile : {kDraft, kRfc})
        {
            Bytes pkt = EncodeAkaMessage(profile, m, kAut);
            NS_TEST_ASSERT_MSG_EQ(
                ToHex(Slice(pkt, 0, 8)),
                "0107" + ToHex(Bytes{uint8_t(pkt.size() >> 8), uint8_t(pkt.size())}) + "17010000",
                "EAP header, type 23, subtype, reserved");
            auto d = DecodeAkaMessage(profile, pkt);
            NS_TEST_ASSERT_MSG_EQ(d.msg.has_value(), true, "decodes");
            Bytes zeroed = pkt;
            std::fill(zeroed.begin() + d.msg->macOffset, zeroed.begin() + d.msg->macOffset + 16, 0);
            NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(pkt, d.msg->macOffset, 16)),
                                  ToHex(Slice(HmacSha1(kAut, zeroed), 0, 16)),
                                  "AT_MAC = HMAC-SHA1-128 over the packet with the MAC zeroed");
            NS_TEST_ASSERT_MSG_EQ(VerifyAkaMac(kAut, d.packet, d.msg->macOffset), true, "verifies");
            NS_TEST_ASSERT_MSG_EQ(VerifyAkaMac(kAut, d.packet, d.msg->macOffset, Bytes{1}), false,
                                  "extra input changes the MAC");
            Bytes tampered = pkt;
            tampered[12] ^= 1;
            NS_TEST_ASSERT_MSG_EQ(VerifyAkaMac(kAut, tampered, d.msg->macOffset), false,
                                  "tamper detected");
            NS_TEST_ASSERT_MSG_EQ(VerifyAkaMac(Bytes(16, 9), pkt, d.msg->macOffset), false,
                                  "wrong key");
            // Link-layer padding after Length is not covered by the MAC.
            Bytes padded = pkt;
            padded.push_back(0xee);
            auto d2 = DecodeAkaMessage(profile, padded);
            NS_TEST_ASSERT_MSG_EQ(VerifyAkaMac(kAut, d2.packet, d2.msg->macOffset), true,
                                  "trimmed");
        }
        NS_TEST_ASSERT_MSG_EQ(
            (DecodeAkaMessage(kDraft, FromHex("0101000517")).error == AkaDecodeError::NotAka), true,
            "no subtype");
        NS_TEST_ASSERT_MSG_EQ((DecodeAkaMessage(kDraft, FromHex("01010008120100 00")).error
                               == AkaDecodeError::NotAka),
                              true, "not type 23");
    }
};

class EapAkaCodecTestSuite : public ns3::TestSuite
{
public:
    EapAkaCodecTestSuite()
        : TestSuite("roamsec-eap-aka-codec", Type::UNIT)
    {
        AddTestCase(new PrfKnownAnswerTestCase);
        AddTestCase(new AttributeNumberingTestCase);
        AddTestCase(new AttributeLayoutTestCase);
        AddTestCase(new AttributeDiscardTestCase);
        AddTestCase(new EncryptionAndMacTestCase);
    }
};

EapAkaCodecTestSuite g_eapAkaCodecTestSuite;

} // namespace
