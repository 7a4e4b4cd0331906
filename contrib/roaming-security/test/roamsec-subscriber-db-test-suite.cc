/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The subscriber database text format (doc/aka.rst): loading, error reports,
 * saving and the SQN surviving a save/load round trip.
 */
#include "ns3/aka.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/subscriber-db.h"
#include "ns3/test.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

using namespace roamsec;

namespace {

// K, OP and OPc of 3GPP TS 35.208 clause 4.3 test set 1.
const std::string kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
const std::string kOp = "cdc202d5123e20f62b6d676ac72cb318";
const std::string kOpc = "cd63cb71954a9f4e48a5994e37a02baf";

const std::string kValid = "# home subscribers\n"
                           "\n"
                           "imsi=001010000000001 k="
                           + kK + " opc=" + kOpc
                           + " amf=8000 sqn=0000000000a1 type=usim\n"
                             "  imsi=001010000000002\tk="
                           + kK + " op=" + kOp
                           + "   # OP given: OPc computed\r\n"
                             "imsi=262019876543 k="
                           + kK + " opc=" + kOpc + " type=sim\n";

/** The ParseError message of loading text, or "" if it loaded. */
std::string
LoadError(SubscriberDatabase& db, const std::string& text)
{
    try
    {
        db.LoadFromString(text, "subs.txt");
    }
    catch (const ParseError& e)
    {
        return e.what();
    }
    return "";
}

class LoadValidTestCase : public ns3::TestCase
{
public:
    LoadValidTestCase()
        : TestCase("valid text loads: comments, blank lines, defaults, OP turned into OPc")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db;
        db.LoadFromString(kValid, "subs.txt");
        NS_TEST_ASSERT_MSG_EQ(db.Size(), 3u, "three subscribers");
        const SubscriberRecord* a = db.Find("001010000000001");
        NS_TEST_ASSERT_MSG_EQ((a != nullptr), true, "first found");
        if (a == nullptr)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(ToHex(a->k), kK, "K");
        NS_TEST_ASSERT_MSG_EQ(ToHex(a->opc), kOpc, "OPc");
        NS_TEST_ASSERT_MSG_EQ(a->amf, 0x8000, "AMF");
        NS_TEST_ASSERT_MSG_EQ(a->sqn, 0xa1u, "SQN");
        NS_TEST_ASSERT_MSG_EQ((a->simType == SimType::Usim), true, "type");

        const SubscriberRecord* b = db.Find("001010000000002");
        NS_TEST_ASSERT_MSG_EQ((b != nullptr), true, "second found");
        if (b == nullptr)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(ToHex(b->opc), kOpc, "OPc from OP (TS 35.208 test set 1)");
        NS_TEST_ASSERT_MSG_EQ(b->amf, 0, "default AMF");
        NS_TEST_ASSERT_MSG_EQ(b->sqn, 0u, "default SQN");
        NS_TEST_ASSERT_MSG_EQ((b->simType == SimType::Usim), true, "default type");

        const SubscriberRecord* c = db.Find("262019876543");
        NS_TEST_ASSERT_MSG_EQ((c != nullptr && c->simType == SimType::Sim), true, "SIM subscriber");
        NS_TEST_ASSERT_MSG_EQ((db.Find("001010000000003") == nullptr), true, "unknown IMSI");
        NS_TEST_ASSERT_MSG_EQ(db.Records()[2].imsi, "262019876543", "file order kept");

        SubscriberDatabase empty;
        empty.LoadFromString("# nothing\n\n   \n", "e");
        NS_TEST_ASSERT_MSG_EQ(empty.Size(), 0u, "comments only");
        empty.LoadFromString("", "e");
        NS_TEST_ASSERT_MSG_EQ(empty.Size(), 0u, "empty text");
    }
};

class BadLineTestCase : public ns3::TestCase
{
public:
    BadLineTestCase()
        : TestCase("each bad line is reported as file:line: field: problem; nothing is loaded")
    {}

private:
    void DoRun() override
    {
        const std::string good = "imsi=001010000000001 k=" + kK + " opc=" + kOpc + "\n";
        const std::string key = " k=" + kK + " opc=" + kOpc;
        struct Case
        {
            std::string line;
            std::string prefix;
        };
        const Case cases[] = {
            {"imsi=001010000000002 k=" + kK.substr(0, 31) + "g opc=" + kOpc, "subs.txt:3: k: "},
            {"imsi=001010000000002 k=" + kK + " opc=" + kOpc.substr(2), "subs.txt:3: opc: "},
            {"imsi=001010000000002 k=" + kK + "00 opc=" + kOpc, "subs.txt:3: k: "},
            {"imsi=001010000000002 k=" + kK + " op=" + kOp + "0", "subs.txt:3: op: "},
            {"imsi=001010000000001" + key, "subs.txt:3: imsi: duplicate IMSI"},
            {"imsi=00101" + key, "subs.txt:3: imsi: "},
            {"imsi=0010100000000012" + key, "subs.txt:3: imsi: "},
            {"imsi=00101000000000a" + key, "subs.txt:3: imsi: "},
            {"imsi=001010000000002" + key + " colour=blue", "subs.txt:3: colour: unknown field"},
            {"imsi=001010000000002 opc=" + kOpc, "subs.txt:3: k: missing"},
            {"k=" + kK + " opc=" + kOpc, "subs.txt:3: imsi: missing"},
            {"imsi=001010000000002 k=" + kK, "subs.txt:3: opc: missing"},
            {"imsi=001010000000002" + key + " op=" + kOp, "subs.txt:3: op: "},
            {"imsi=001010000000002" + key + " amf=800", "subs.txt:3: amf: "},
            {"imsi=001010000000002" + key + " sqn=00000000000x", "subs.txt:3: sqn: "},
            {"imsi=001010000000002" + key + " sqn=1", "subs.txt:3: sqn: "},
            {"imsi=001010000000002" + key + " type=ruim", "subs.txt:3: type: "},
            {"imsi=001010000000002" + key + " k=" + kK, "subs.txt:3: k: given twice"},
            {"imsi=001010000000002" + key + " garbage", "subs.txt:3: garbage: expected key=value"},
        };
        for (const Case& c : cases)
        {
            SubscriberDatabase db;
            db.LoadFromString(good, "before");
            const std::string msg = LoadError(db, good + "# comment\n" + c.line + "\n");
            NS_TEST_ASSERT_MSG_EQ(msg.rfind(c.prefix, 0), 0u,
                                  "'" + msg + "' should start with '" + c.prefix + "'");
            NS_TEST_ASSERT_MSG_EQ(db.Size(), 1u, "content unchanged after a failed load");
        }

        // Every field error names the line it is on, counting blank and comment lines.
        SubscriberDatabase db;
        const std::string msg = LoadError(db, "\n\n# x\n\n" + good + "imsi=1\n");
        NS_TEST_ASSERT_MSG_EQ(msg.rfind("subs.txt:6: imsi: ", 0), 0u, msg);
        NS_TEST_ASSERT_MSG_EQ(db.Size(), 0u, "nothing loaded");
    }
};

class SaveLoadTestCase : public ns3::TestCase
{
public:
    SaveLoadTestCase()
        : TestCase("save and load round trip keeps the SQN the AuC advanced")
    {}

private:
    void DoRun() override
    {
        const std::string path = CreateTempDirFilename("subscribers.txt");
        SubscriberDatabase db;
        db.LoadFromString(kValid, "subs.txt");
        SeededRandomSource rng(11);
        AuthenticationCentre auc(db, rng);
        for (int i = 0; i < 3; ++i)
        {
            auc.GenerateVector("001010000000002");
        }
        const uint64_t sqn = db.Find("001010000000002")->sqn;
        NS_TEST_ASSERT_MSG_EQ(sqn, ((uint64_t{3} << 5) | 3), "three vectors issued");
        db.Save(path);

        SubscriberDatabase again;
        again.Load(path);
        NS_TEST_ASSERT_MSG_EQ(again.Size(), 3u, "all subscribers back");
        NS_TEST_ASSERT_MSG_EQ(again.Find("001010000000002")->sqn, sqn, "SQN survived");
        NS_TEST_ASSERT_MSG_EQ(again.ToString(), db.ToString(), "identical content");
        NS_TEST_ASSERT_MSG_EQ(ToHex(again.Find("001010000000002")->opc), kOpc, "OPc saved");
        NS_TEST_ASSERT_MSG_EQ(again.Find("001010000000001")->amf, 0x8000, "AMF saved");
        NS_TEST_ASSERT_MSG_EQ((again.Find("262019876543")->simType == SimType::Sim), true, "type");
        std::ifstream tmp(path + ".tmp");
        NS_TEST_ASSERT_MSG_EQ(tmp.good(), false, "no temporary file left");

        // A vector from the reloaded database continues the sequence.
        AuthenticationCentre auc2(again, rng);
        auc2.GenerateVector("001010000000002");
        NS_TEST_ASSERT_MSG_EQ((again.Find("001010000000002")->sqn >> 5), 4u, "SEQ continues");

        bool ioError = false;
        try
        {
            again.Load(path + ".missing");
        }
        catch (const ParseError&)
        {}
        catch (const std::runtime_error&)
        {
            ioError = true;
        }
        NS_TEST_ASSERT_MSG_EQ(ioError, true, "missing file is an I/O error, not a parse error");
        NS_TEST_ASSERT_MSG_EQ(again.Size(), 3u, "content kept");
        ioError = false;
        try
        {
            db.Save(path + ".d/none/subscribers.txt");
        }
        catch (const std::runtime_error&)
        {
            ioError = true;
        }
        NS_TEST_ASSERT_MSG_EQ(ioError, true, "unwritable path reported");

        // A file's errors name the file.
        {
            std::ofstream bad(path + ".bad");
            bad << "# one good, one bad\nimsi=001010000000001 k=" << kK << " opc=" << kOpc
                << "\nimsi=001010000000002 k=" << kK << " opc=" << kOpc << " sqn=12\n";
        }
        std::string msg;
        try
        {
            again.Load(path + ".bad");
        }
        catch (const ParseError& e)
        {
            msg = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(msg.rfind(path + ".bad:3: sqn: ", 0), 0u, msg);
        NS_TEST_ASSERT_MSG_EQ(again.Size(), 3u, "content kept after a bad file");
        std::remove((path + ".bad").c_str());
        std::remove(path.c_str());
    }
};

class AddUpdateTestCase : public ns3::TestCase
{
public:
    AddUpdateTestCase()
        : TestCase("Add, Update and SetSqn validate their input")
    {}

private:
    void DoRun() override
    {
        SubscriberDatabase db;
        SubscriberRecord r;
        r.imsi = "001010000000001";
        r.k = FromHex(kK);
        r.opc = FromHex(kOpc);
        db.Add(r);
        int refused = 0;
        auto expectInvalid = [&refused](auto f)
        {
            try
            {
                f();
            }
            catch (const std::invalid_argument&)
            {
                ++refused;
            }
        };
        expectInvalid([&] { db.Add(r); }); // duplicate
        SubscriberRecord bad = r;
        bad.imsi = "12345";
        expectInvalid([&] { db.Add(bad); });
        bad = r;
        bad.imsi = "001010000000002";
        bad.k.pop_back();
        expectInvalid([&] { db.Add(bad); });
        bad.k = r.k;
        bad.opc.push_back(0);
        expectInvalid([&] { db.Add(bad); });
        bad.opc = r.opc;
        bad.sqn = SubscriberDatabase::kMaxSqn + 1;
        expectInvalid([&] { db.Add(bad); });
        bad.sqn = 0;
        bad.k.clear();
        expectInvalid([&] { db.Update(bad); });
        NS_TEST_ASSERT_MSG_EQ(refused, 6, "malformed records refused");
        NS_TEST_ASSERT_MSG_EQ(db.Size(), 1u, "only the first added");

        SubscriberRecord other = r;
        other.imsi = "001010000000002";
        NS_TEST_ASSERT_MSG_EQ(db.Update(other), false, "update of an unknown IMSI");
        r.amf = 0x1234;
        NS_TEST_ASSERT_MSG_EQ(db.Update(r), true, "update");
        NS_TEST_ASSERT_MSG_EQ(db.Find(r.imsi)->amf, 0x1234, "updated");
        NS_TEST_ASSERT_MSG_EQ(db.SetSqn(r.imsi, 0x1000000000042ULL), true, "SetSqn");
        NS_TEST_ASSERT_MSG_EQ(db.Find(r.imsi)->sqn, 0x42u, "SQN kept to 48 bits");
        NS_TEST_ASSERT_MSG_EQ(db.SetSqn("001010000000002", 1), false, "SetSqn unknown");
        db.Clear();
        NS_TEST_ASSERT_MSG_EQ((db.Find(r.imsi) == nullptr), true, "cleared");
    }
};

class SubscriberDbTestSuite : public ns3::TestSuite
{
public:
    SubscriberDbTestSuite()
        : TestSuite("roamsec-subscriber-db", Type::UNIT)
    {
        AddTestCase(new LoadValidTestCase);
        AddTestCase(new BadLineTestCase);
        AddTestCase(new SaveLoadTestCase);
        AddTestCase(new AddUpdateTestCase);
    }
};

SubscriberDbTestSuite g_subscriberDbTestSuite;

} // namespace
