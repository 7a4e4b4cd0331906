/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Saving the subscriber database as an operator would trust it (doc/aka.rst,
 * issue 14): mode, owner, comments and symlinks survive a save, no temporary file
 * is left, and an AuC with an SQN journal never issues an SQN twice across a crash.
 */
#include "ns3/aka.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/subscriber-db.h"
#include "ns3/test.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace roamsec;

namespace {

const std::string kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
const std::string kOp = "cdc202d5123e20f62b6d676ac72cb318";
const std::string kOpc = "cd63cb71954a9f4e48a5994e37a02baf";

std::string
ReadAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void
WriteAll(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

bool
Exists(const std::string& path)
{
    struct stat st
    {};
    return ::lstat(path.c_str(), &st) == 0;
}

class SaveKeepsFileTestCase : public ns3::TestCase
{
public:
    SaveKeepsFileTestCase()
        : TestCase("save keeps mode, owner, comments and symlinks; no temporary file")
    {}

private:
    void DoRun() override
    {
        // absolute: a relative symlink target is read relative to the link's directory
        // (test.py gives relative temporary paths)
        const std::string real
            = std::filesystem::absolute(CreateTempDirFilename("real-subscribers.txt")).string();
        const std::string link
            = std::filesystem::absolute(CreateTempDirFilename("subscribers.txt")).string();
        const std::string text = "# operator's notes: do not share\n"
                                 "imsi=001010000000001 k="
                                 + kK + " opc=" + kOpc
                                 + " amf=8000 sqn=000000000020   # alice\n"
                                   "\n"
                                   "imsi=001010000000002 k="
                                 + kK + " op=" + kOp + "\r\n";
        WriteAll(real, text);
        NS_TEST_ASSERT_MSG_EQ(::chmod(real.c_str(), 0600), 0, "chmod");
        ::unlink(link.c_str());
        NS_TEST_ASSERT_MSG_EQ(::symlink(real.c_str(), link.c_str()), 0, "symlink");
        WriteAll(real + ".tmp", "stale temporary file of a killed save\n");
        ::chmod((real + ".tmp").c_str(), 0644);
        struct stat before
        {};
        ::stat(real.c_str(), &before);

        SubscriberDatabase db;
        db.Load(link);
        SeededRandomSource rng(3);
        AuthenticationCentre auc(db, rng);
        auc.GenerateVector("001010000000001");
        auc.GenerateVector("001010000000002");
        db.Save(link);

        struct stat st
        {};
        NS_TEST_ASSERT_MSG_EQ(::lstat(link.c_str(), &st), 0, "link exists");
        NS_TEST_ASSERT_MSG_EQ(S_ISLNK(st.st_mode), true, "the symlink is still a symlink");
        NS_TEST_ASSERT_MSG_EQ(::stat(real.c_str(), &st), 0, "target exists");
        NS_TEST_ASSERT_MSG_EQ((st.st_mode & 07777), 0600u, "0600 stays 0600");
        NS_TEST_ASSERT_MSG_EQ(st.st_uid, before.st_uid, "owner kept");
        NS_TEST_ASSERT_MSG_EQ(st.st_gid, before.st_gid, "group kept");
        NS_TEST_ASSERT_MSG_EQ(Exists(real + ".tmp"), false, "no temporary file left");
        NS_TEST_ASSERT_MSG_EQ(Exists(link + ".tmp"), false, "none next to the link either");

        // Only the SQNs changed, in place; comments, blank line, op= and CRLF kept.
        const std::string expected = "# operator's notes: do not share\n"
                                     "imsi=001010000000001 k="
                                     + kK + " opc=" + kOpc
                                     + " amf=8000 sqn=000000000041   # alice\n"
                                       "\n"
                                       "imsi=001010000000002 k="
                                     + kK + " op=" + kOp + " sqn=000000000021\r\n";
        NS_TEST_ASSERT_MSG_EQ(ReadAll(real), expected, "the operator's text survives");

        SubscriberDatabase again;
        again.Load(link);
        NS_TEST_ASSERT_MSG_EQ(again.ToString(), db.ToString(), "saved state loads back");

        // A changed key rewrites the record but keeps its comment; a new one is appended.
        SubscriberRecord r = *db.Find("001010000000001");
        r.amf = 0x0001;
        db.Update(r);
        r.imsi = "001010000000003";
        db.Add(r);
        db.Save(link);
        const std::string after = ReadAll(real);
        const bool commentKept
            = after.find("amf=0001 sqn=000000000041 type=usim # alice") != std::string::npos;
        NS_TEST_ASSERT_MSG_EQ(commentKept, true, after);
        const bool appended = after.find("imsi=001010000000003") != std::string::npos;
        NS_TEST_ASSERT_MSG_EQ(appended, true, after);
        NS_TEST_ASSERT_MSG_EQ(after.rfind("# operator's notes", 0), 0u, after);

        // A new file holds keys: it is created 0600 whatever the umask.
        const std::string fresh = CreateTempDirFilename("new-subscribers.txt");
        ::unlink(fresh.c_str());
        db.Save(fresh);
        ::stat(fresh.c_str(), &st);
        NS_TEST_ASSERT_MSG_EQ((st.st_mode & 07777), 0600u, "new file is 0600");

        // A directory is not a subscriber file, and the error says so.
        std::string msg;
        try
        {
            again.Load(CreateTempDirFilename(""));
        }
        catch (const std::runtime_error& e)
        {
            msg = e.what();
        }
        const bool named = msg.find("is a directory") != std::string::npos;
        NS_TEST_ASSERT_MSG_EQ(named, true, msg);

        ::unlink(link.c_str());
        ::unlink(real.c_str());
        ::unlink(fresh.c_str());
    }
};

class JournalTestCase : public ns3::TestCase
{
public:
    JournalTestCase()
        : TestCase("SQN journal: after a crash no SQN is issued twice")
    {}

private:
    void DoRun() override
    {
        const std::string subs = CreateTempDirFilename("journal-subscribers.txt");
        const std::string journal = subs + ".sqn-journal";
        WriteAll(subs, "imsi=001010000000001 k=" + kK + " opc=" + kOpc + " sqn=000000000020\n");
        ::unlink(journal.c_str());
        SeededRandomSource rng(5);
        Usim usim(FromHex(kK), FromHex(kOpc));
        usim.SetLastAcceptedSqn(0x20);

        // Three "runs" killed without a save: each issues vectors the USIM accepts.
        uint64_t appends = 0;
        for (int run = 0; run < 3; ++run)
        {
            SubscriberDatabase db;
            db.Load(subs);
            SqnJournal j; // 1024 SQN values: 32 SEQs per append
            j.Open(journal, db);
            db.AttachJournal(&j);
            AuthenticationCentre auc(db, rng);
            for (int i = 0; i < 5 + run * 40; ++i)
            {
                const auto v = auc.GenerateVector("001010000000001");
                NS_TEST_ASSERT_MSG_EQ(v.has_value(), true, "vector");
                const UsimAuthResult res = usim.Authenticate(v->rand, v->autn);
                NS_TEST_ASSERT_MSG_EQ((res.status == UsimAuthResult::Status::Success), true,
                                      "run " << run << " vector " << i << " fresh");
            }
            appends += j.Appends();
            // No Save, no Remove: the process dies here.
        }
        // Batches, not one fsync per vector.
        NS_TEST_ASSERT_MSG_EQ((appends < 10), true, "appends " << appends);

        // A torn last line (killed mid-append) is ignored.
        {
            std::ofstream torn(journal, std::ios::app);
            torn << "imsi=0010100000";
        }
        SubscriberDatabase db;
        db.Load(subs);
        SqnJournal j;
        j.Open(journal, db);
        db.AttachJournal(&j);
        AuthenticationCentre auc(db, rng);
        const auto v = auc.GenerateVector("001010000000001");
        NS_TEST_ASSERT_MSG_EQ(
            (usim.Authenticate(v->rand, v->autn).status == UsimAuthResult::Status::Success), true,
            "fresh after a torn journal");

        // A clean stop: the file holds the state, the journal goes.
        db.Save(subs);
        j.Remove();
        NS_TEST_ASSERT_MSG_EQ(Exists(journal), false, "journal removed");
        SubscriberDatabase last;
        last.Load(subs);
        NS_TEST_ASSERT_MSG_EQ(last.Find("001010000000001")->sqn, db.Find("001010000000001")->sqn,
                              "saved SQN");

        // A corrupt journal line is an error naming the file and line.
        WriteAll(journal, "imsi=001010000000001 sqn=zz\n");
        std::string msg;
        try
        {
            SqnJournal::Check(journal);
        }
        catch (const std::runtime_error& e)
        {
            msg = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(msg.rfind(journal + ":1: ", 0), 0u, msg);
        ::unlink(journal.c_str());
        ::unlink(subs.c_str());
    }
};

class SubscriberDbSaveTestSuite : public ns3::TestSuite
{
public:
    SubscriberDbSaveTestSuite()
        : TestSuite("roamsec-subscriber-db-save", Type::UNIT)
    {
        AddTestCase(new SaveKeepsFileTestCase);
        AddTestCase(new JournalTestCase);
    }
};

SubscriberDbSaveTestSuite g_subscriberDbSaveTestSuite;

} // namespace
