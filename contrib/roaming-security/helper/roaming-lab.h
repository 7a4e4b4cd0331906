/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The teaching lab: named attack and failure cases run in the ns-3 model
 * (roaming-lab --case=NAME, doc/teaching.rst).
 */
#ifndef ROAMSEC_ROAMING_LAB_H
#define ROAMSEC_ROAMING_LAB_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3 {

/**
 * \ingroup roaming-security
 * One case of the lab: its name and what it shows, in one line.
 */
struct RoamingLabCase
{
    std::string name;    //!< --case=NAME
    std::string summary; //!< one line for --list
};

/**
 * \ingroup roaming-security
 * Where and how a lab case writes its results.
 */
struct RoamingLabOptions
{
    std::string outputDir; //!< handoffs-run<R>.csv, messages-run<R>.csv, run<R>.json; empty: none
    uint32_t run{1};       //!< ns-3 run number (the seed is 1)
};

/**
 * \ingroup roaming-security
 * What happened in a lab case: who detected what, which keys were installed.
 */
struct RoamingLabResult
{
    std::string caseName; //!< the case
    std::string outcome;  //!< one line: what the attack or failure did and who stopped it
    /**
     * Failed security checks by "who:check", e.g. "mobile:eap-aka:bad-mac",
     * "ap-1:eapol-key:mic-failure", "home:res-mismatch" (an EAP failure at the home AAA),
     * "visited:nas-discarded" (RADIUS requests failing the NAS secret).
     */
    std::map<std::string, uint64_t> refusals;
    std::vector<int32_t> mobilePortOpens;  //!< AP index of each opening of the mobile's port
    std::vector<int32_t> apPortOpens;      //!< AP index of each AP-side port opening
    uint64_t mobileEapFailures{0};         //!< EAP-Failure (or abandoned EAP) at the mobile
    uint64_t homeSuccesses{0};             //!< full authentications the home AAA accepted
    uint64_t localAuthentications{0};      //!< EAP-TSK authentications in the visited domain
    uint64_t keyUpdates{0};                //!< TSK updates the home AAA issued
    uint64_t updateReports{0};             //!< TSK updates reported back to the home AAA
    uint64_t attackerAltered{0};           //!< frames the attacker altered
    uint64_t attackerDropped{0};           //!< frames the attacker dropped
    uint64_t attackerInjected{0};          //!< frames the attacker sent
    uint64_t dataPackets{0};               //!< correspondent's UDP packets the mobile received
    uint32_t handoffs{0};                  //!< handoff records
    uint32_t handoffsComplete{0};          //!< of which complete
    std::vector<std::string> handoffOutcomes; //!< HandoffRecord::Outcome of each handoff
    std::map<std::string, uint64_t> facts; //!< case-specific observations, e.g. "imsi-revealed"

    /**
     * \param key "who:check"
     * \return how many times that check failed
     */
    uint64_t Refused(const std::string& key) const;
    /**
     * \param ap an AP index
     * \return how many times the mobile's port opened at that AP
     */
    uint64_t PortOpensAt(int32_t ap) const;
};

/**
 * \ingroup roaming-security
 *
 * The attack and failure lab (doc/teaching.rst): each case is a short run of the model
 * (one mobile, two APs 110 m apart, 50 ms WAN) in which an attacker alters, replays or
 * injects frames, a rogue AP or domain answers, or a party is misconfigured; the real
 * protocol detects it (or completes despite it).
 */
class RoamingLab
{
public:
    /** \return every case, in the order of the handout */
    static const std::vector<RoamingLabCase>& GetCases();
    /**
     * \param name a case name
     * \return whether it names a case
     */
    static bool HasCase(const std::string& name);
    /**
     * Runs one case (the simulator is destroyed afterwards).
     * \param name the case; must be one of GetCases
     * \param options where to write the results
     * \return what happened
     */
    static RoamingLabResult Run(const std::string& name, const RoamingLabOptions& options);
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_LAB_H
