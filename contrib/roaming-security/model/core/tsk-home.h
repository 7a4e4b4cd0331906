/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home AAA's side of delegation (patent seed 000): the delegation policy,
 * issuing (RAND, TSK) to a visited domain (claim 1), key updates with a second
 * random number and a third key (claims 18-19), update reports (claim 25) and
 * answers to the mobile's host challenge (claim 26).
 */
#ifndef ROAMSEC_TSK_HOME_H
#define ROAMSEC_TSK_HOME_H

#include "roamsec-bytes.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"
#include "tsk-delegation.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace roamsec {

/** Home policy for one visited realm (or the default). */
struct DelegationPolicy
{
    bool allowDelegation{true}; //!< false: this realm always runs full EAP-AKA with the home
    TimeNs tskLifetime{Seconds (3600)};    //!< validity of a TSK from its issue
    uint32_t maxUses{100};                 //!< local authentications per TSK
    TimeNs minUpdateInterval{Seconds (0)}; //!< claim 19: a key update only once the TSK is this old
    uint32_t maxUpdates{16};               //!< updates before a full EAP-AKA is required again
};

/** What the home remembers of one delegation (bounded table, one visited realm per subscriber). */
struct HomeDelegationRecord
{
    std::string visitedRealm;
    Bytes rand;
    Bytes tsk;
    TimeNs issuedAt{0};
    Bytes pendingRand; //!< RAND2 issued, not yet reported as installed
    Bytes pendingTsk;
    uint32_t updates{0};
};

class TskHomeService
{
public:
    TskHomeService (DelegationPolicy defaultPolicy, RandomSource& rng, size_t maxRecords = 100000);

    /** Per-visited-realm policy (roaming agreement); the default applies to other realms. */
    void SetRealmPolicy (const std::string& visitedRealm, const DelegationPolicy& policy);
    const DelegationPolicy& PolicyFor (const std::string& visitedRealm) const;

    /** The first key K shared with the mobile (claim 1), e.g. the USIM's K. */
    void AddSubscriber (const std::string& identity, const Bytes& k);

    /**
     * Claim 1: the visited domain asks to authenticate `identity`; the home draws
     * RAND, derives the TSK and returns the grant (to be sent over the secure
     * AAA channel, claim 11). std::nullopt: unknown subscriber or policy forbids.
     */
    std::optional<DelegationGrant> Delegate (const std::string& identity,
                                             const std::string& visitedRealm, TimeNs now);

    /**
     * Claims 18-19: second random number and third key, if the policy allows
     * (TSK old enough, update budget left). A still unreported update is
     * returned again rather than replaced, so the mobile and the home never
     * disagree about which RAND2 is current.
     */
    std::optional<DelegationGrant> IssueKeyUpdate (const std::string& identity,
                                                   const std::string& visitedRealm, TimeNs now);

    /** Claim 25: the visited domain reports the mobile replaced the TSK; false if it does not
     * match. */
    bool OnUpdateReport (const UpdateReport& report, TimeNs now);

    /**
     * Claim 26: checks the mobile's first authentication data (made with the TSK
     * of `rand`) and answers the host challenge with K. std::nullopt when the
     * identity, RAND or authentication data are wrong: the home is no oracle.
     */
    std::optional<Bytes> AnswerHostChallenge (const std::string& identity, const Bytes& rand,
                                              const Bytes& hostChallenge, const Bytes& hostAuth,
                                              TimeNs now);

    /** Ends the delegation (e.g. after a full EAP-AKA at another realm). */
    void Revoke (const std::string& identity);

    const HomeDelegationRecord* FindRecord (const std::string& identity) const;

private:
    DelegationGrant MakeGrant (const std::string& identity, const std::string& realm,
                               const Bytes& rand, const Bytes& tsk, TimeNs now) const;
    Bytes FreshRand (const HomeDelegationRecord* avoid);

    DelegationPolicy m_default;
    std::map<std::string, DelegationPolicy> m_realmPolicies;
    RandomSource& m_rng;
    size_t m_maxRecords;
    std::map<std::string, Bytes> m_subscribers;
    std::map<std::string, HomeDelegationRecord> m_records;
};

} // namespace roamsec

#endif // ROAMSEC_TSK_HOME_H
