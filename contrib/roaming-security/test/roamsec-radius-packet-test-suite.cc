/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS codec, authenticators and hidden attributes: known answers from
 * RFC 2865 section 7 and RFC 5997 section 6, RFC 2548 MPPE key hiding, EAP
 * fragmentation (RFC 3579 3.1) and every length/authenticator failure path.
 */
#include "ns3/radius-packet.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

using namespace roamsec;

namespace {

// RFC 2865 section 7.1 ("User Telnet to Specified Host"): shared secret
// "xyzzy5461", User-Name "nemo", User-Password "arctangent".
const char* kRfc2865Request = "01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb"
                              "98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d"
                              "93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8"
                              "01 10 05 06 00 00 00 03";
const char* kRfc2865Accept = "02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf"
                             "9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00"
                             "0e 06 c0 a8 01 03";
// RFC 5997 section 6 (Status-Server, shared secret "xyzzy5461"): a request
// whose only attribute is a Message-Authenticator, and the Access-Accept to it.
// RFC 2865 section 7.3 ("User with Challenge-Response card"): the Access-Challenge
// answering the Access-Request with Request Authenticator
// f3a47a1f6a6d76710b947ab93041a039, User-Name "mopsy", User-Password "challenge"
// hidden as 33657573778289b570885e15084825c5.
const char* kRfc2865Challenge = "0b 02 00 4e 36 f3 c8 76 4a e8 c7 11 57 40 3c 0c"
                                "71 ff 9c 45 12 30 43 68 61 6c 6c 65 6e 67 65 20"
                                "33 32 37 36 39 34 33 30 2e 20 20 45 6e 74 65 72"
                                "20 72 65 73 70 6f 6e 73 65 20 61 74 20 70 72 6f"
                                "6d 70 74 2e 18 0a 33 32 37 36 39 34 33 30";
const char* kRfc5997StatusServer = "0c da 00 26 8a 54 f4 68 6f b3 94 c5 28 66 e3 02"
                                   "18 5d 06 23 50 12 5a 66 5e 2e 1e 84 11 f3 e2 43"
                                   "82 20 97 c8 4f a3";
const char* kRfc5997Accept = "02 da 00 14 ef 0d 55 2a 4b f2 d6 93 ec 2b 6f e8 b5 41 1d 66";

Bytes
Secret()
{
    return ToBytes("xyzzy5461");
}

class Rfc2865ExampleTestCase : public ns3::TestCase
{
public:
    Rfc2865ExampleTestCase()
        : TestCase("RFC 2865 7.1 and 7.3 examples: codec, User-Password, Response Authenticator")
    {}

private:
    void DoRun() override
    {
        Bytes raw = FromHex(kRfc2865Request);
        RadiusParseError err;
        auto req = RadiusPacket::Parse(raw, &err);
        NS_TEST_ASSERT_MSG_EQ(req.has_value(), true, "RFC 2865 request parses");
        NS_TEST_ASSERT_MSG_EQ((req->code == RadiusCode::AccessRequest), true, "code");
        NS_TEST_ASSERT_MSG_EQ(req->attributes.size(), 4u, "four attributes");
        NS_TEST_ASSERT_MSG_EQ(*req->GetString(RadiusAttr::UserName), "nemo", "User-Name");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*req->Find(RadiusAttr::NasIpAddress)), "c0a80110", "NAS-IP");
        NS_TEST_ASSERT_MSG_EQ(*req->GetU32(5), 3u, "NAS-Port kept as an unknown attribute");
        NS_TEST_ASSERT_MSG_EQ(ToHex(req->Serialize()), ToHex(raw), "re-encodes identically");

        // RFC 2865 5.2: c(1) = p(1) xor MD5(S + RA).
        const Bytes* hidden = req->Find(RadiusAttr::UserPassword);
        auto pw = DecryptUserPassword(Secret(), req->authenticator, *hidden);
        NS_TEST_ASSERT_MSG_EQ(pw.has_value(), true, "User-Password decrypts");
        NS_TEST_ASSERT_MSG_EQ(std::string(pw->begin(), pw->end()), "arctangent", "password");
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(EncryptUserPassword(Secret(), req->authenticator, ToBytes("arctangent"))),
            "0dbe708d93d413ce3196e43f782a0aee", "User-Password hiding");
        NS_TEST_ASSERT_MSG_EQ(
            DecryptUserPassword(Secret(), req->authenticator, Bytes(15, 0)).has_value(), false,
            "hidden password not a multiple of 16 rejected");
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(raw, Secret()) == RadiusAuthResult::Ok), true,
                              "request without MA or EAP is acceptable");

        Bytes accept = FromHex(kRfc2865Accept);
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(ComputeResponseAuthenticator(accept, req->authenticator, Secret())),
            "86fe220e7624ba2a1005f6bf9b55e0b2", "RFC 2865 7.1 Response Authenticator");
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusResponse(accept, req->authenticator, Secret()) == RadiusAuthResult::Ok),
            true, "Access-Accept verifies");
        // The same Accept built from its attributes, without a Message-Authenticator.
        RadiusPacket a;
        a.code = RadiusCode::AccessAccept;
        a.identifier = 0;
        a.AddU32(6, 1);  // Service-Type = Login-User
        a.AddU32(15, 0); // Login-Service = Telnet
        a.Add(14, FromHex("c0a80103"));
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeRadiusResponse(a, req->authenticator, Secret(), false)),
                              ToHex(accept), "Access-Accept encodes to the RFC bytes");

        // RFC 2865 7.3: hidden "challenge" and the Access-Challenge's authenticator.
        Bytes ra73 = FromHex("f3a47a1f6a6d76710b947ab93041a039");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncryptUserPassword(Secret(), ra73, ToBytes("challenge"))),
                              "33657573778289b570885e15084825c5", "RFC 2865 7.3 User-Password");
        Bytes chal = FromHex(kRfc2865Challenge);
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(chal, ra73, Secret()) == RadiusAuthResult::Ok),
                              true, "RFC 2865 7.3 Access-Challenge Response Authenticator");
        auto c73 = RadiusPacket::Parse(chal);
        NS_TEST_ASSERT_MSG_EQ(*c73->GetString(RadiusAttr::State), "32769430", "State");
        NS_TEST_ASSERT_MSG_EQ(ToHex(c73->Serialize()), ToHex(chal), "re-encodes identically");

        // Failure: one flipped octet in an attribute or in the authenticator.
        Bytes bad = accept;
        bad[25] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(bad, req->authenticator, Secret())
                               == RadiusAuthResult::BadResponseAuthenticator),
                              true, "tampered attribute");
        bad = accept;
        bad[4] ^= 0x80;
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(bad, req->authenticator, Secret())
                               == RadiusAuthResult::BadResponseAuthenticator),
                              true, "tampered Response Authenticator");
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(accept, req->authenticator, ToBytes("x"))
                               == RadiusAuthResult::BadResponseAuthenticator),
                              true, "wrong secret");
    }
};

class Rfc5997MessageAuthenticatorTestCase : public ns3::TestCase
{
public:
    Rfc5997MessageAuthenticatorTestCase()
        : TestCase("RFC 5997 section 6 Message-Authenticator known answer")
    {}

private:
    void DoRun() override
    {
        Bytes raw = FromHex(kRfc5997StatusServer);
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(raw, Secret()) == RadiusAuthResult::Ok), true,
                              "published Message-Authenticator verifies");
        // Rebuilt from its fields, the HMAC-MD5 must come out the same.
        RadiusPacket p;
        p.code = static_cast<RadiusCode>(12); // Status-Server
        p.identifier = 0xda;
        p.authenticator = FromHex("8a54f4686fb394c52866e302185d0623");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EncodeRadiusRequest(p, Secret(), true)), ToHex(raw),
                              "Message-Authenticator computed as published");
        Bytes bad = raw;
        bad[30] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusRequest(bad, Secret()) == RadiusAuthResult::BadMessageAuthenticator), true,
            "tampered MA");
        bad = raw;
        bad[10] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusRequest(bad, Secret()) == RadiusAuthResult::BadMessageAuthenticator), true,
            "tampered Request Authenticator breaks the MA");
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(raw, ToBytes("xyzzy5462"))
                               == RadiusAuthResult::BadMessageAuthenticator),
                              true, "wrong secret");
        Bytes accept = FromHex(kRfc5997Accept);
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusResponse(accept, p.authenticator, Secret()) == RadiusAuthResult::Ok), true,
            "published Access-Accept Response Authenticator");
    }
};

class ResponseMessageAuthenticatorTestCase : public ns3::TestCase
{
public:
    ResponseMessageAuthenticatorTestCase()
        : TestCase("response MA over the Request Authenticator, checked first; EAP needs MA")
    {}

private:
    void DoRun() override
    {
        Bytes secret = ToBytes("s3cr3t");
        Bytes reqAuth = FromHex("00112233445566778899aabbccddeeff");
        RadiusPacket ch;
        ch.code = RadiusCode::AccessChallenge;
        ch.identifier = 7;
        ch.AddString(RadiusAttr::State, "st");
        ch.SetEapMessage(FromHex("010200050a"));
        Bytes raw = EncodeRadiusResponse(ch, reqAuth, secret, true);
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(raw, reqAuth, secret) == RadiusAuthResult::Ok),
                              true, "own response verifies");

        // Independent recomputation of RFC 3579 3.2: HMAC-MD5 over the packet
        // with the Request Authenticator in place and the MA zeroed.
        auto parsed = RadiusPacket::Parse(raw);
        NS_TEST_ASSERT_MSG_EQ(parsed.has_value(), true, "parses");
        NS_TEST_ASSERT_MSG_EQ(parsed->attributes.back().type, RadiusAttr::MessageAuthenticator,
                              "MA appended last");
        Bytes m = raw;
        std::copy(reqAuth.begin(), reqAuth.end(), m.begin() + 4);
        std::fill(m.end() - 16, m.end(), 0);
        NS_TEST_ASSERT_MSG_EQ(ToHex(HmacMd5(secret, m)), ToHex(Bytes(raw.end() - 16, raw.end())),
                              "MA computed with the Request Authenticator");
        Bytes ra = Md5(Concat({Bytes(raw.begin(), raw.begin() + 4), reqAuth,
                               Bytes(raw.begin() + 20, raw.end()), secret}));
        NS_TEST_ASSERT_MSG_EQ(ToHex(ra), ToHex(Bytes(raw.begin() + 4, raw.begin() + 20)),
                              "Response Authenticator covers the MA");

        // A tampered attribute fails the MA check, which runs before the RA check.
        Bytes bad = raw;
        bad[22] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(bad, reqAuth, secret)
                               == RadiusAuthResult::BadMessageAuthenticator),
                              true, "MA checked first");
        bad = raw;
        bad[raw.size() - 1] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(bad, reqAuth, secret)
                               == RadiusAuthResult::BadMessageAuthenticator),
                              true, "tampered MA");
        bad = raw;
        bad[5] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(bad, reqAuth, secret)
                               == RadiusAuthResult::BadResponseAuthenticator),
                              true, "tampered Response Authenticator with a valid MA");
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusResponse(raw, FromHex("00112233445566778899aabbccddeefe"), secret)
             == RadiusAuthResult::BadMessageAuthenticator),
            true, "response to another request");
        // An MA attribute of the wrong length.
        RadiusPacket shortMa = ch;
        shortMa.Add(RadiusAttr::MessageAuthenticator, Bytes(15, 0));
        Bytes s = shortMa.Serialize();
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusResponse(s, reqAuth, secret) == RadiusAuthResult::BadMessageAuthenticator),
            true, "MA of 15 octets");

        // EAP-Message without MA: discarded even with a correct Response Authenticator.
        Bytes noMa = EncodeRadiusResponse(ch, reqAuth, secret, false);
        // EncodeRadiusResponse always adds the MA when EAP is present; strip it by hand.
        RadiusPacket stripped = *RadiusPacket::Parse(noMa);
        stripped.Remove(RadiusAttr::MessageAuthenticator);
        stripped.authenticator = reqAuth;
        Bytes rawNoMa = stripped.Serialize();
        Bytes ra2 = ComputeResponseAuthenticator(rawNoMa, reqAuth, secret);
        std::copy(ra2.begin(), ra2.end(), rawNoMa.begin() + 4);
        NS_TEST_ASSERT_MSG_EQ(noMa.size(), raw.size(), "MA forced when EAP-Message present");
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusResponse(rawNoMa, reqAuth, secret)
                               == RadiusAuthResult::MissingMessageAuthenticator),
                              true, "response with EAP and without MA");

        RadiusPacket req;
        req.code = RadiusCode::AccessRequest;
        req.authenticator = reqAuth;
        req.SetEapMessage(FromHex("0201000501"));
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(req.Serialize(), secret)
                               == RadiusAuthResult::MissingMessageAuthenticator),
                              true, "request with EAP and without MA");
        Bytes reqRaw = EncodeRadiusRequest(req, secret, false);
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(reqRaw, secret) == RadiusAuthResult::Ok), true,
                              "MA forced on EAP requests");
        // Octets past Length do not enter the MA.
        Bytes padded = reqRaw;
        padded.push_back(0xee);
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(padded, secret) == RadiusAuthResult::Ok), true,
                              "trailing octets ignored");
    }
};

class EapFragmentationTestCase : public ns3::TestCase
{
public:
    EapFragmentationTestCase()
        : TestCase("EAP-Message split at 253 octets and reassembled in order (RFC 3579 3.1)")
    {}

private:
    void DoRun() override
    {
        const size_t sizes[] = {4, 252, 253, 254, 506, 507, 1020};
        const size_t frags[] = {1, 1, 1, 2, 2, 3, 5};
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); ++i)
        {
            Bytes eap(sizes[i]);
            for (size_t j = 0; j < eap.size(); ++j)
            {
                eap[j] = static_cast<uint8_t>(j * 7 + 1);
            }
            RadiusPacket p;
            p.AddString(RadiusAttr::UserName, "u");
            p.SetEapMessage(eap);
            p.AddString(RadiusAttr::State, "s");
            NS_TEST_ASSERT_MSG_EQ(p.FindAll(RadiusAttr::EapMessage).size(), frags[i],
                                  "fragment count for " << sizes[i]);
            NS_TEST_ASSERT_MSG_EQ(p.attributes[1].value.size(), std::min<size_t>(253, sizes[i]),
                                  "first fragment is full");
            auto back = RadiusPacket::Parse(p.Serialize());
            NS_TEST_ASSERT_MSG_EQ(back.has_value(), true, "parses");
            NS_TEST_ASSERT_MSG_EQ((back->GetEapMessage() == eap), true, "reassembled");
            NS_TEST_ASSERT_MSG_EQ(back->attributes.back().type, RadiusAttr::State, "order kept");
            // Replacing keeps the position of the first fragment.
            back->SetEapMessage(Bytes{1, 2, 3, 4});
            NS_TEST_ASSERT_MSG_EQ(back->attributes[1].type, RadiusAttr::EapMessage, "in place");
            NS_TEST_ASSERT_MSG_EQ(back->attributes.size(), 3u, "old fragments removed");
        }
        RadiusPacket split;
        split.Add(RadiusAttr::EapMessage, FromHex("0102"));
        split.AddString(RadiusAttr::State, "s");
        split.Add(RadiusAttr::EapMessage, FromHex("0005"));
        NS_TEST_ASSERT_MSG_EQ(ToHex(*split.GetEapMessage()), "01020005",
                              "non-consecutive fragments joined in order");
        RadiusPacket none;
        NS_TEST_ASSERT_MSG_EQ(none.GetEapMessage().has_value(), false, "no EAP-Message");
    }
};

class LengthChecksTestCase : public ns3::TestCase
{
public:
    LengthChecksTestCase()
        : TestCase("packet and attribute length checks (RFC 2865 section 3, 5)")
    {}

private:
    RadiusParseError ParseErr(const Bytes& b)
    {
        RadiusParseError err = RadiusParseError::None;
        RadiusPacket::Parse(b, &err);
        return err;
    }

    void DoRun() override
    {
        Bytes good = FromHex(kRfc2865Request);
        NS_TEST_ASSERT_MSG_EQ((ParseErr(good) == RadiusParseError::None), true, "baseline");
        NS_TEST_ASSERT_MSG_EQ(
            (ParseErr(Bytes(good.begin(), good.begin() + 19)) == RadiusParseError::TooShort), true,
            "19 octets");
        Bytes b = good;
        b[2] = 0;
        b[3] = 19;
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::TooShort), true, "Length 19");
        // Shorter than Length: discard.
        b = Bytes(good.begin(), good.end() - 1);
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::LengthExceedsData), true,
                              "datagram shorter than Length");
        // Longer than Length: the excess is padding.
        b = good;
        b.insert(b.end(), {0xde, 0xad, 0xbe});
        auto p = RadiusPacket::Parse(b);
        NS_TEST_ASSERT_MSG_EQ(p.has_value(), true, "excess octets ignored");
        NS_TEST_ASSERT_MSG_EQ(ToHex(p->Serialize()), ToHex(good), "excess not taken as attributes");
        // Length may shorten the attribute list to a clean boundary.
        b = good;
        b[3] = 0x32; // drop NAS-Port (6 octets)
        p = RadiusPacket::Parse(b);
        NS_TEST_ASSERT_MSG_EQ((p.has_value() && p->attributes.size() == 3), true, "Length rules");
        // Length > 4096.
        b = Bytes(4100, 0);
        b[0] = 1;
        b[2] = 0x10;
        b[3] = 0x01;
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::TooLong), true, "Length 4097");
        b[3] = 0x00;
        for (size_t off = 20; off + 2 <= 4096; off += 2)
        {
            b[off] = 99;
            b[off + 1] = 2;
        }
        NS_TEST_ASSERT_MSG_EQ(
            (ParseErr(Bytes(b.begin(), b.begin() + 4096)) == RadiusParseError::None), true,
            "4096 octets accepted");
        // Attribute length < 2, truncated attributes, attribute past Length.
        b = good;
        b[21] = 1;
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::BadAttribute), true, "len 1");
        b[21] = 0;
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::BadAttribute), true, "len 0");
        b = good;
        b[b.size() - 5] = 7; // NAS-Port claims 7 octets, 6 remain
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::BadAttribute), true,
                              "attribute past Length");
        b = good;
        b[3] = 0x35; // Length cuts NAS-Port in the middle
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::BadAttribute), true,
                              "truncated attribute");
        NS_TEST_ASSERT_MSG_EQ((VerifyRadiusRequest(b, Secret()) == RadiusAuthResult::Malformed),
                              true, "verify rejects it too");
        b = good;
        b[3] = 0x15; // a single octet of attribute header
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::BadAttribute), true,
                              "one-octet attribute");
        b = good;
        b[0] = 4; // Accounting-Request: not handled here
        NS_TEST_ASSERT_MSG_EQ((ParseErr(b) == RadiusParseError::UnknownCode), true, "code 4");
        NS_TEST_ASSERT_MSG_EQ((ParseErr(Bytes{}) == RadiusParseError::TooShort), true, "empty");

        // Unknown attributes survive a round trip; oversize packets are refused.
        RadiusPacket u;
        u.Add(200, FromHex("0102"));
        u.Add(26, FromHex("01")); // malformed VSA kept as opaque
        auto back = RadiusPacket::Parse(u.Serialize());
        NS_TEST_ASSERT_MSG_EQ((back->attributes.size() == 2 && back->attributes[0].type == 200
                               && ToHex(back->attributes[0].value) == "0102"),
                              true, "unknown attribute kept");
        NS_TEST_ASSERT_MSG_EQ(back->FindVendor(1, 1).has_value(), false, "bad VSA ignored");
        bool threw = false;
        try
        {
            u.Add(1, Bytes(254, 0));
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "254-octet value refused");
        RadiusPacket big;
        big.SetEapMessage(Bytes(4100, 0));
        threw = false;
        try
        {
            big.Serialize();
        }
        catch (const std::length_error&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "packet over 4096 octets refused");
    }
};

class MppeKeyTestCase : public ns3::TestCase
{
public:
    MppeKeyTestCase()
        : TestCase("MS-MPPE-Send-Key and Recv-Key salt encryption (RFC 2548 2.4.2 and 2.4.3)")
    {}

private:
    void DoRun() override
    {
        Bytes secret = ToBytes("shared");
        Bytes ra = FromHex("0f403f9473978057bd83d5cb98f4227a");
        Bytes key = FromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        Bytes v = EncryptSaltedKey(secret, ra, 0x1234, key);
        // Salt with the high bit forced; 1 + 32 octets padded to 48.
        NS_TEST_ASSERT_MSG_EQ(v.size(), 2u + 48u, "layout");
        NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(v.begin(), v.begin() + 2)), "9234", "salt high bit");
        // Independent recomputation of the chain: b(1) = MD5(S + R + A),
        // b(2) = MD5(S + c(1)), b(3) = MD5(S + c(2)).
        Bytes p = Concat({Bytes{32}, key, Bytes(15, 0)});
        Bytes salt{0x92, 0x34};
        Bytes expect;
        Bytes prev = Concat({ra, salt});
        for (size_t i = 0; i < 3; ++i)
        {
            Bytes b = Md5(Concat({secret, prev}));
            Bytes c(p.begin() + 16 * i, p.begin() + 16 * (i + 1));
            XorInto(c, b);
            expect.insert(expect.end(), c.begin(), c.end());
            prev = c;
        }
        NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(v.begin() + 2, v.end())), ToHex(expect), "chain");
        auto k = DecryptSaltedKey(secret, ra, v);
        NS_TEST_ASSERT_MSG_EQ((k.has_value() && *k == key), true, "round trip 32");
        for (size_t len : {0u, 1u, 15u, 16u, 64u, 239u})
        {
            Bytes kk(len, 0x5a);
            auto back = DecryptSaltedKey(secret, ra, EncryptSaltedKey(secret, ra, 0x8001, kk));
            NS_TEST_ASSERT_MSG_EQ((back.has_value() && *back == kk), true, "round trip " << len);
        }
        bool threw = false;
        try
        {
            EncryptSaltedKey(secret, ra, 0x8001, Bytes(240, 0));
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "240-octet key refused");

        // Failure paths.
        Bytes bad = v;
        bad[0] &= 0x7f;
        NS_TEST_ASSERT_MSG_EQ(DecryptSaltedKey(secret, ra, bad).has_value(), false,
                              "salt without high bit");
        NS_TEST_ASSERT_MSG_EQ(
            DecryptSaltedKey(secret, ra, Bytes(v.begin(), v.end() - 1)).has_value(), false,
            "not a multiple of 16");
        NS_TEST_ASSERT_MSG_EQ(
            DecryptSaltedKey(secret, ra, Bytes(v.begin(), v.begin() + 2)).has_value(), false,
            "empty string");
        // A key-length octet larger than the string (forged with a known stream).
        Bytes forged = EncryptSaltedKey(secret, ra, 0x8001, Bytes(14, 0));
        Bytes stream = Md5(Concat({secret, ra, Bytes{0x80, 0x01}}));
        forged[2] = static_cast<uint8_t>(200 ^ stream[0]);
        NS_TEST_ASSERT_MSG_EQ(DecryptSaltedKey(secret, ra, forged).has_value(), false,
                              "key length beyond the string");
        auto wrong = DecryptSaltedKey(ToBytes("other"), ra, v);
        NS_TEST_ASSERT_MSG_EQ((wrong.has_value() && *wrong == key), false, "wrong secret");

        // Both attributes in one Access-Accept with distinct salts.
        SeededRandomSource rng(7);
        RadiusPacket acc;
        acc.code = RadiusCode::AccessAccept;
        Bytes send(32, 0x11);
        Bytes recv(32, 0x22);
        AddMppeKeys(acc, secret, ra, send, recv, rng);
        auto s = acc.FindVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey);
        auto r = acc.FindVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey);
        NS_TEST_ASSERT_MSG_EQ((s && r), true, "both present");
        NS_TEST_ASSERT_MSG_EQ((((*s)[0] & 0x80) != 0 && ((*r)[0] & 0x80) != 0), true, "salts set");
        NS_TEST_ASSERT_MSG_EQ(
            (Bytes(s->begin(), s->begin() + 2) != Bytes(r->begin(), r->begin() + 2)), true,
            "salts unique in the packet");
        // Wire form of the VSA: 26, len, 00 00 01 37, 16, vlen, salt...
        Bytes wire = acc.Serialize();
        NS_TEST_ASSERT_MSG_EQ(ToHex(Bytes(wire.begin() + 20, wire.begin() + 28)),
                              "1a3a000001371034", "VSA header");
        auto keys = GetMppeKeys(*RadiusPacket::Parse(wire), secret, ra);
        NS_TEST_ASSERT_MSG_EQ((keys && keys->sendKey == send && keys->recvKey == recv), true,
                              "GetMppeKeys");
        acc.RemoveVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey);
        NS_TEST_ASSERT_MSG_EQ(GetMppeKeys(acc, secret, ra).has_value(), false, "one missing");
        NS_TEST_ASSERT_MSG_EQ(acc.attributes.size(), 1u, "emptied VSA removed");
    }
};

class EmptyEapMessageTestCase : public ns3::TestCase
{
public:
    EmptyEapMessageTestCase()
        : TestCase("an EAP-Message attribute without a value (Length 2) is malformed")
    {}

private:
    void DoRun() override
    {
        // RFC 3579 3.1: EAP-Message Length >= 3. Found by libFuzzer (doc/fuzzing.rst).
        Bytes raw = FromHex("01000016"
                            "00000000000000000000000000000000"
                            "4f02");
        RadiusParseError err = RadiusParseError::None;
        NS_TEST_ASSERT_MSG_EQ(RadiusPacket::Parse(raw, &err).has_value(), false, "accepted");
        NS_TEST_ASSERT_MSG_EQ((err == RadiusParseError::BadAttribute), true, "reason");
        NS_TEST_ASSERT_MSG_EQ(
            (VerifyRadiusRequest(raw, ToBytes("s")) == RadiusAuthResult::Malformed), true,
            "the authenticator check frames it the same way");
    }
};

class RadiusPacketTestSuite : public ns3::TestSuite
{
public:
    RadiusPacketTestSuite()
        : TestSuite("roamsec-radius-packet", Type::UNIT)
    {
        AddTestCase(new Rfc2865ExampleTestCase);
        AddTestCase(new Rfc5997MessageAuthenticatorTestCase);
        AddTestCase(new ResponseMessageAuthenticatorTestCase);
        AddTestCase(new EapFragmentationTestCase);
        AddTestCase(new LengthChecksTestCase);
        AddTestCase(new MppeKeyTestCase);
        AddTestCase(new EmptyEapMessageTestCase);
    }
};

RadiusPacketTestSuite g_radiusPacketTestSuite;

} // namespace
