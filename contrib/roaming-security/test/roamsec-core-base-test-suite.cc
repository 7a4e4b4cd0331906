/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Known-answer tests of the core's byte codecs and OpenSSL wrappers.
 */
#include "ns3/neighbor-report.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/test.h"

using namespace roamsec;

namespace {

class BytesCodecTestCase : public ns3::TestCase
{
public:
    BytesCodecTestCase()
        : TestCase("hex, reader and writer are exact and bounds-checked")
    {}

private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(ToHex(FromHex("00 ff 7A")), "00ff7a", "hex round trip");
        bool threw = false;
        try
        {
            FromHex("abc");
        }
        catch (const ParseError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "odd hex length rejected");

        ByteWriter w;
        w.U8(1).U16(0x0203).U32(0x04050607).U48(0x08090a0b0c0d).U64(0x0e0f101112131415ULL);
        NS_TEST_ASSERT_MSG_EQ(ToHex(w.Data()), "0102030405060708090a0b0c0d0e0f101112131415",
                              "big-endian writer");
        ByteReader r(w.Data());
        NS_TEST_ASSERT_MSG_EQ(r.ReadU8(), 1, "u8");
        NS_TEST_ASSERT_MSG_EQ(r.ReadU16(), 0x0203, "u16");
        NS_TEST_ASSERT_MSG_EQ(r.ReadU32(), 0x04050607u, "u32");
        NS_TEST_ASSERT_MSG_EQ(r.ReadU48(), 0x08090a0b0c0dULL, "u48");
        NS_TEST_ASSERT_MSG_EQ(r.ReadU64(), 0x0e0f101112131415ULL, "u64");
        NS_TEST_ASSERT_MSG_EQ(r.AtEnd(), true, "consumed");
        threw = false;
        try
        {
            r.ReadU8();
        }
        catch (const ParseError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "read past end throws");
        NS_TEST_ASSERT_MSG_EQ(ConstantTimeEqual(FromHex("0102"), FromHex("0103")), false, "ct eq");
    }
};

class CryptoKnownAnswerTestCase : public ns3::TestCase
{
public:
    CryptoKnownAnswerTestCase()
        : TestCase("digests, HMACs, AES, AES-CBC and AES key wrap match published vectors")
    {}

private:
    void DoRun() override
    {
        // FIPS 180-2 Appendix A.1: SHA-1("abc").
        NS_TEST_ASSERT_MSG_EQ(ToHex(Sha1(ToBytes("abc"))),
                              "a9993e364706816aba3e25717850c26c9cd0d89d", "SHA-1 abc");
        // RFC 2202 section 3, test case 1 (HMAC-SHA-1) and section 2, test case 1 (HMAC-MD5).
        NS_TEST_ASSERT_MSG_EQ(ToHex(HmacSha1(Bytes(20, 0x0b), ToBytes("Hi There"))),
                              "b617318655057264e28bc0b6fb378c8ef146be00", "RFC 2202 HMAC-SHA-1 #1");
        NS_TEST_ASSERT_MSG_EQ(ToHex(HmacMd5(Bytes(16, 0x0b), ToBytes("Hi There"))),
                              "9294727a3638bb1c13f48ef8158bfc9d", "RFC 2202 HMAC-MD5 #1");
        // RFC 4231 section 4.2, test case 1 (HMAC-SHA-256).
        NS_TEST_ASSERT_MSG_EQ(ToHex(HmacSha256(Bytes(20, 0x0b), ToBytes("Hi There"))),
                              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                              "RFC 4231 HMAC-SHA-256 #1");
        // FIPS 197 Appendix C.1: AES-128.
        Aes128Block aes(FromHex("000102030405060708090a0b0c0d0e0f"));
        NS_TEST_ASSERT_MSG_EQ(ToHex(aes.Encrypt(FromHex("00112233445566778899aabbccddeeff"))),
                              "69c4e0d86a7b0430d8cdb78070b4c55a", "FIPS 197 C.1");
        // RFC 3602 section 4, case #1: AES-128-CBC.
        Bytes key = FromHex("06a9214036b8a15b512e03d534120006");
        Bytes iv = FromHex("3dafba429d9eb430b422da802c9fac41");
        Bytes ct = AesCbcEncrypt(key, iv, ToBytes("Single block msg"));
        NS_TEST_ASSERT_MSG_EQ(ToHex(ct), "e353779c1079aeb82708942dbe77181a", "RFC 3602 #1");
        NS_TEST_ASSERT_MSG_EQ((AesCbcDecrypt(key, iv, ct) == ToBytes("Single block msg")), true,
                              "RFC 3602 #1 decrypt");
        // RFC 3394 section 4.1: wrap 128 bits of key data with a 128-bit KEK.
        Bytes kek = FromHex("000102030405060708090a0b0c0d0e0f");
        Bytes wrapped = AesKeyWrap(kek, FromHex("00112233445566778899aabbccddeeff"));
        NS_TEST_ASSERT_MSG_EQ(ToHex(wrapped), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
                              "RFC 3394 4.1");
        auto unwrapped = AesKeyUnwrap(kek, wrapped);
        NS_TEST_ASSERT_MSG_EQ(unwrapped.has_value(), true, "unwrap succeeds");
        NS_TEST_ASSERT_MSG_EQ(ToHex(*unwrapped), "00112233445566778899aabbccddeeff", "unwrap");
        wrapped[5] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ(AesKeyUnwrap(kek, wrapped).has_value(), false,
                              "tampered wrap rejected");
    }
};

/**
 * The Neighbor Report element as IEEE 802.11-2020 9.4.2.36 lays it out (Figure 9-336:
 * BSSID, BSSID Information (4, little endian), Operating Class, Channel Number, PHY
 * Type); operating classes from Table E-4.
 */
class NeighborReportTestCase : public ns3::TestCase
{
public:
    NeighborReportTestCase()
        : TestCase("802.11k Neighbor Report elements: layout, operating classes, parsing")
    {}

private:
    void DoRun() override
    {
        NeighborReportEntry entry;
        entry.bssid = {0x00, 0x00, 0x00, 0x00, 0x00, 0x02};
        entry.bssidInfo = kBssidInfoReachable | kBssidInfoSecurity;
        entry.operatingClass = 115;
        entry.channel = 40;
        entry.phyType = 4;
        Bytes element = EncodeNeighborReport(entry);
        NS_TEST_ASSERT_MSG_EQ(ToHex(element), "340d000000000002070000007328" "04",
                              "element layout");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(false, 36).value_or(0), 115, "36");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(false, 64).value_or(0), 118, "64");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(false, 100).value_or(0), 121, "100");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(false, 149).value_or(0), 125, "149");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(true, 6).value_or(0), 81, "2.4 GHz 6");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(true, 14).value_or(0), 82, "14");
        NS_TEST_EXPECT_MSG_EQ(GlobalOperatingClass20MHz(false, 37).has_value(), false, "37");

        // other elements (SSID, vendor) are skipped; two reports come back in order
        NeighborReportEntry second = entry;
        second.bssid[5] = 0x03;
        second.channel = 44;
        Bytes run = FromHex("0007726f616d736563"); // SSID "roamsec"
        Bytes e2 = EncodeNeighborReport(second);
        run.insert(run.end(), element.begin(), element.end());
        run.insert(run.end(), {0xdd, 0x03, 0x00, 0x10, 0x18});
        run.insert(run.end(), e2.begin(), e2.end());
        auto parsed = ParseNeighborReports(run);
        NS_TEST_ASSERT_MSG_EQ(parsed.has_value(), true, "valid run");
        NS_TEST_ASSERT_MSG_EQ(parsed->size(), 2u, "two reports");
        NS_TEST_EXPECT_MSG_EQ((parsed->at(0) == entry), true, "first round trip");
        NS_TEST_EXPECT_MSG_EQ((parsed->at(1) == second), true, "second round trip");

        // a report with an optional subelement still parses (the subelement is ignored)
        Bytes withSub = element;
        withSub[1] = 16;
        withSub.insert(withSub.end(), {0x03, 0x01, 0x00});
        auto sub = ParseNeighborReports(withSub);
        NS_TEST_EXPECT_MSG_EQ((sub.has_value() && sub->size() == 1 && sub->at(0) == entry), true,
                              "subelement ignored");
        // malformed: truncated run, a report shorter than 13 octets
        Bytes truncated(element.begin(), element.end() - 1);
        NS_TEST_EXPECT_MSG_EQ(ParseNeighborReports(truncated).has_value(), false, "truncated");
        NS_TEST_EXPECT_MSG_EQ(ParseNeighborReports(FromHex("34020000")).has_value(), false,
                              "short report");
        NS_TEST_EXPECT_MSG_EQ(ParseNeighborReports(FromHex("34")).has_value(), false,
                              "lone ID");
        NS_TEST_EXPECT_MSG_EQ(ParseNeighborReports(Bytes{}).value_or(
                                  std::vector<NeighborReportEntry>{entry}).empty(),
                              true,
                              "empty run: no reports");
    }
};

class RandomSourceTestCase : public ns3::TestCase
{
public:
    RandomSourceTestCase()
        : TestCase("seeded random source is reproducible and seed-dependent")
    {}

private:
    void DoRun() override
    {
        SeededRandomSource a(7);
        SeededRandomSource b(7);
        SeededRandomSource c(8);
        Bytes x = a.Generate(50);
        NS_TEST_ASSERT_MSG_EQ((x == b.Generate(50)), true, "same seed, same bytes");
        NS_TEST_ASSERT_MSG_EQ((x == c.Generate(50)), false, "other seed, other bytes");
        CsprngRandomSource os;
        NS_TEST_ASSERT_MSG_EQ((os.Generate(32) == os.Generate(32)), false, "CSPRNG output varies");
    }
};

class CoreBaseTestSuite : public ns3::TestSuite
{
public:
    CoreBaseTestSuite()
        : TestSuite("roamsec-core-base", Type::UNIT)
    {
        AddTestCase(new BytesCodecTestCase);
        AddTestCase(new CryptoKnownAnswerTestCase);
        AddTestCase(new RandomSourceTestCase);
        AddTestCase(new NeighborReportTestCase);
    }
};

CoreBaseTestSuite g_coreBaseTestSuite;

} // namespace
