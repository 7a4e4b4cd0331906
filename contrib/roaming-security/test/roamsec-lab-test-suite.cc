/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The teaching lab (doc/teaching.rst): one test per roaming-lab case, asserting who
 * detected what, which message was dropped or answered, and whether a key was installed.
 * A case that stops showing its attack fails here.
 */
#include "ns3/roaming-lab.h"
#include "ns3/test.h"

#include <algorithm>
#include <functional>
#include <set>
#include <stdexcept>

using namespace ns3;

namespace {

/** Port openings of AP ap for the mobile (AP side). */
uint64_t
ApPortOpens(const RoamingLabResult& r, int32_t ap)
{
    return std::count(r.apPortOpens.begin(), r.apPortOpens.end(), ap);
}

uint64_t
Fact(const RoamingLabResult& r, const std::string& name)
{
    auto it = r.facts.find(name);
    return it == r.facts.end() ? 0 : it->second;
}

class LabCaseTestCase : public TestCase
{
public:
    using Check = std::function<void(LabCaseTestCase&, const RoamingLabResult&)>;

    LabCaseTestCase(const std::string& name, Check check)
        : TestCase("roaming-lab --case=" + name)
        , m_name(name)
        , m_check(std::move(check))
    {}

    /** Named so that the checks read like the handout. */
    void Expect(bool condition, const std::string& what, const RoamingLabResult& r)
    {
        std::string refusals;
        for (const auto& [key, n] : r.refusals)
        {
            refusals += " " + key + "=" + std::to_string(n);
        }
        NS_TEST_EXPECT_MSG_EQ(condition, true,
                              what << " (outcome: " << r.outcome << "; refusals:" << refusals
                                   << ")");
    }

private:
    void DoRun() override
    {
        RoamingLabResult r = RoamingLab::Run(m_name, RoamingLabOptions{});
        Expect(!r.outcome.empty(), "an outcome line", r);
        m_check(*this, r);
    }

    std::string m_name;
    Check m_check;
};

class LabListTestCase : public TestCase
{
public:
    LabListTestCase()
        : TestCase("the lab lists at least 12 distinct cases and refuses an unknown one")
    {}

private:
    void DoRun() override
    {
        const auto& cases = RoamingLab::GetCases();
        NS_TEST_ASSERT_MSG_GT_OR_EQ(cases.size(), 12u, "fewer than 12 cases");
        std::set<std::string> names;
        for (const auto& c : cases)
        {
            names.insert(c.name);
            NS_TEST_EXPECT_MSG_EQ(c.summary.empty(), false, c.name << " has no summary");
            NS_TEST_EXPECT_MSG_EQ(RoamingLab::HasCase(c.name), true, c.name);
        }
        NS_TEST_EXPECT_MSG_EQ(names.size(), cases.size(), "duplicate case names");
        NS_TEST_EXPECT_MSG_EQ(RoamingLab::HasCase("no-such-case"), false, "unknown case");
        bool threw = false;
        try
        {
            RoamingLab::Run("no-such-case", RoamingLabOptions{});
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "an unknown case must be refused");
    }
};

using T = LabCaseTestCase;
using R = RoamingLabResult;

class LabTestSuite : public TestSuite
{
public:
    LabTestSuite()
        : TestSuite("roamsec-lab", Type::SYSTEM)
    {
        AddTestCase(new LabListTestCase);
        AddTestCase(new T(
            "rogue-ap",
            [](T& t, const R& r)
            {
                t.Expect(r.attackerInjected == 1, "the rogue AP sent its forged challenge", r);
                t.Expect(r.Refused("mobile:eap-aka:autn-mac-failure") == 1,
                         "the USIM refused the forged AUTN (Authentication-Reject)", r);
                t.Expect(r.Refused("visited:nas-discarded") >= 1,
                         "the visited AAA discarded the rogue NAS's requests", r);
                t.Expect(r.PortOpensAt(1) == 0 && r.homeSuccesses == 1,
                         "no key at the rogue AP; only the first association authenticated", r);
                t.Expect(r.handoffOutcomes
                             == std::vector<std::string>{"failed:eap-aka:autn-mac-failure"},
                         "the handoff record says why it failed", r);
            }));
        AddTestCase(new T("imsi-catcher",
                          [](T& t, const R& r)
                          {
                              t.Expect(Fact(r, "identity-was-pseudonym") == 1,
                                       "the mobile offered a pseudonym", r);
                              t.Expect(r.Refused("mobile:eap-aka:refused-permanent-identity") == 1,
                                       "the request for the permanent identity was ignored", r);
                              t.Expect(Fact(r, "imsi-revealed") == 0,
                                       "no AKA-Identity answer reached the rogue", r);
                              t.Expect(r.PortOpensAt(1) == 0, "no key at the rogue AP", r);
                          }));
        AddTestCase(
            new T("replayed-challenge",
                  [](T& t, const R& r)
                  {
                      t.Expect(r.attackerAltered == 1, "the challenge was replaced once", r);
                      t.Expect(r.Refused("mobile:eap-aka:sqn-not-fresh") == 1,
                               "the USIM answered the replay with Synchronization-Failure", r);
                      t.Expect(r.Refused("home:resync-failed") == 1,
                               "the home refused the AUTS made for the replayed RAND", r);
                      t.Expect(r.PortOpensAt(1) == 1 && r.homeSuccesses == 2,
                               "a fresh authentication followed and opened the port", r);
                  }));
        AddTestCase(new T("tampered-at-mac",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.Refused("mobile:eap-aka:bad-mac") == 1,
                                       "the altered challenge was discarded (AT_MAC)", r);
                              t.Expect(r.PortOpensAt(1) == 1,
                                       "the retransmitted challenge authenticated", r);
                          }));
        AddTestCase(new T(
            "tampered-at-res",
            [](T& t, const R& r)
            {
                t.Expect(r.Refused("home:discarded:eap: bad-mac") >= 1,
                         "the home discarded the altered answer (AT_MAC covers AT_RES)", r);
                t.Expect(r.PortOpensAt(1) == 1, "the mobile started again and authenticated", r);
                t.Expect(r.handoffOutcomes == std::vector<std::string>{"completed-after-retry"},
                         "the handoff record says it completed after a retry", r);
            }));
        AddTestCase(new T("nonzero-padding",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.Refused("mobile:eap-aka:bad-padding") == 1,
                                       "non-zero AT_PADDING discarded", r);
                              t.Expect(r.PortOpensAt(1) == 1, "the retransmission authenticated",
                                       r);
                          }));
        AddTestCase(new T("unknown-attribute",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.Refused("mobile:eap-aka:unknown-non-skippable") == 1,
                                       "unknown non-skippable attribute discarded", r);
                              t.Expect(r.PortOpensAt(1) == 1, "the retransmission authenticated",
                                       r);
                          }));
        AddTestCase(new T("eapol-key-replay",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.attackerInjected == 2, "messages 1 and 3 were replayed",
                                       r);
                              t.Expect(r.Refused("mobile:eapol-key:replayed") == 2,
                                       "both replays failed the replay counter check", r);
                              t.Expect(r.PortOpensAt(1) == 1, "no key was installed again", r);
                          }));
        AddTestCase(new T("eapol-key-forged-mic",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.Refused("mobile:eapol-key:mic-failure") == 1,
                                       "message 3 with a wrong MIC dropped", r);
                              t.Expect(r.PortOpensAt(1) == 1,
                                       "the AP's retransmission completed the handshake", r);
                          }));
        AddTestCase(
            new T("preassoc-forged-confirm",
                  [](T& t, const R& r)
                  {
                      t.Expect(r.Refused("ap-1:preassoc:INVALID_MIC") == 1,
                               "the AP discarded the Group Key Confirm with a wrong MIC", r);
                      t.Expect(ApPortOpens(r, 1) == 0 && r.handoffsComplete == 0,
                               "AP 1 never opened its port for the mobile", r);
                      t.Expect(r.handoffOutcomes
                                   == std::vector<std::string>{"failed:ap-1 preassoc:TIMEOUT"},
                               "the handoff record says why it failed", r);
                  }));
        for (const auto& [name, refusal] :
             {std::pair<std::string, std::string>{"ft-forged-mic", "invalid-fte"},
              std::pair<std::string, std::string>{"ft-wrong-pmkr1name", "invalid-pmkid"}})
        {
            AddTestCase(new T(
                name,
                [refusal](T& t, const R& r)
                {
                    t.Expect(r.Refused("ap-1:ft:" + refusal) == 1,
                             "AP 1 refused the altered FT reassociation request", r);
                    t.Expect(r.Refused("mobile:ft:" + refusal) == 1,
                             "the mobile saw the refusal's status code", r);
                    t.Expect(r.homeSuccesses == 2,
                             "a full authentication at AP 0, then the fallback at AP 1", r);
                    t.Expect(r.PortOpensAt(1) == 1 && r.handoffsComplete == 1,
                             "the fallback opened the port at AP 1 and data flowed", r);
                }));
        }
        AddTestCase(new T("preassoc-replayed-confirm",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.attackerInjected == 1, "the confirm was replayed", r);
                              t.Expect(r.Refused("ap-1:preassoc:UNKNOWN_PTKID") == 1,
                                       "the AP dropped the replayed confirm (its PTKID is spent)",
                                       r);
                              t.Expect(ApPortOpens(r, 1) == 1 && r.handoffsComplete == 1,
                                       "the genuine confirm opened the port once", r);
                          }));
        AddTestCase(new T("tsk-used-up",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.localAuthentications >= 1, "the TSK was used locally", r);
                              t.Expect(r.homeSuccesses >= 2,
                                       "the used-up TSK sent the mobile home again", r);
                          }));
        AddTestCase(new T("tsk-expired",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.localAuthentications == 0,
                                       "the expired TSK was not used locally", r);
                              t.Expect(r.homeSuccesses == 2 && r.PortOpensAt(1) == 1,
                                       "the handoff fell back to a full authentication", r);
                          }));
        AddTestCase(new T(
            "tsk-not-granted",
            [](T& t, const R& r)
            {
                t.Expect(r.attackerInjected >= 1, "the rogue domain ran EAP-TSK", r);
                t.Expect(r.Refused("mobile:eap-tsk:network-auth-failed") == 1,
                         "the mobile's network authentication of the visited domain failed", r);
                t.Expect(r.PortOpensAt(1) == 0, "no key with the rogue domain", r);
            }));
        AddTestCase(new T(
            "host-challenge",
            [](T& t, const R& r)
            {
                t.Expect(r.localAuthentications >= 2, "local authentications ran", r);
                t.Expect(Fact(r, "wan-messages") >= 2 * r.localAuthentications,
                         "each local authentication crossed the WAN for the host challenge", r);
                t.Expect(r.Refused("mobile:eap-tsk:home-auth-failed") == 0,
                         "the home's answer verified", r);
            }));
        AddTestCase(
            new T("key-update",
                  [](T& t, const R& r)
                  {
                      t.Expect(r.keyUpdates >= 1, "the home issued key updates", r);
                      t.Expect(r.updateReports >= 1, "updates were confirmed and reported", r);
                      t.Expect(r.localAuthentications >= 2, "local authentication went on", r);
                  }));
        AddTestCase(
            new T("gsm-mode-refused",
                  [](T& t, const R& r)
                  {
                      t.Expect(r.Refused("mobile:eap-aka:gsm-mode-refused") >= 1,
                               "the mobile answered the GSM-compatible challenge with a Nak", r);
                      t.Expect(r.Refused("home:nak") >= 1, "the home ended the conversation", r);
                      t.Expect(r.mobilePortOpens.empty(), "no key installed", r);
                  }));
        AddTestCase(
            new T("spoofed-pmkid",
                  [](T& t, const R& r)
                  {
                      t.Expect(Fact(r, "spoofed-pmkid-offered") >= 1,
                               "the spoofer offered the mobile's PMKID", r);
                      t.Expect(r.facts.count("spoofer-first-eapol-type") == 1
                                   && Fact(r, "spoofer-first-eapol-type") == 0,
                               "AP 1 answered with EAP (a miss), not 4-way message 1", r);
                      t.Expect(Fact(r, "spoofer-port-opens") == 0, "the spoofer got no key", r);
                      t.Expect(r.PortOpensAt(1) == 1, "the mobile itself was not disturbed", r);
                  }));
        AddTestCase(new T("wrong-key",
                          [](T& t, const R& r)
                          {
                              t.Expect(r.Refused("mobile:eap-aka:autn-mac-failure") >= 1,
                                       "the USIM refused the home's AUTN", r);
                              t.Expect(r.homeSuccesses == 0 && r.mobilePortOpens.empty(),
                                       "no key installed", r);
                          }));
    }
};

LabTestSuite g_labTestSuite;

} // namespace
