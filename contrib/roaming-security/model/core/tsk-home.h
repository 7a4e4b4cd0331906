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

#include "radius-packet.h"
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
    bool allowDelegation{true};        //!< false: this realm always runs full EAP-AKA with the home
    TimeNs tskLifetime{Seconds(3600)}; //!< validity of a TSK from its issue
    uint32_t maxUses{100};             //!< local authentications per TSK
    TimeNs minUpdateInterval{Seconds(0)}; //!< claim 19: a key update only once the TSK is this old
    uint32_t maxUpdates{16};              //!< updates before a full EAP-AKA is required again
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
    TskHomeService(DelegationPolicy defaultPolicy, RandomSource& rng, size_t maxRecords = 100000);

    /** Per-visited-realm policy (roaming agreement); the default applies to other realms. */
    void SetRealmPolicy(const std::string& visitedRealm, const DelegationPolicy& policy);
    const DelegationPolicy& PolicyFor(const std::string& visitedRealm) const;

    /** The first key K shared with the mobile (claim 1), e.g. the USIM's K. */
    void AddSubscriber(const std::string& identity, const Bytes& k);

    /**
     * Claim 1: the visited domain asks to authenticate `identity`; the home draws
     * RAND, derives the TSK and returns the grant (to be sent over the secure
     * AAA channel, claim 11). std::nullopt: unknown subscriber or policy forbids.
     */
    std::optional<DelegationGrant> Delegate(const std::string& identity,
                                            const std::string& visitedRealm, TimeNs now);

    /**
     * Claims 18-19: second random number and third key, if the policy allows
     * (TSK old enough, update budget left). A still unreported update is
     * returned again rather than replaced, so the mobile and the home never
     * disagree about which RAND2 is current.
     */
    std::optional<DelegationGrant> IssueKeyUpdate(const std::string& identity,
                                                  const std::string& visitedRealm, TimeNs now);

    /** Claim 25: the visited domain reports the mobile replaced the TSK; false if it does not
     * match. */
    bool OnUpdateReport(const UpdateReport& report, TimeNs now);

    /**
     * Claim 26: checks the mobile's first authentication data (made with the TSK
     * of `rand`) and answers the host challenge with K. std::nullopt when the
     * identity, RAND or authentication data are wrong: the home is no oracle.
     */
    std::optional<Bytes> AnswerHostChallenge(const std::string& identity, const Bytes& rand,
                                             const Bytes& hostChallenge, const Bytes& hostAuth,
                                             TimeNs now);

    /** Ends the delegation (e.g. after a full EAP-AKA at another realm). */
    void Revoke(const std::string& identity);

    const HomeDelegationRecord* FindRecord(const std::string& identity) const;

private:
    DelegationGrant MakeGrant(const std::string& identity, const std::string& realm,
                              const Bytes& rand, const Bytes& tsk, TimeNs now) const;
    Bytes FreshRand(const HomeDelegationRecord* avoid);

    DelegationPolicy m_default;
    std::map<std::string, DelegationPolicy> m_realmPolicies;
    RandomSource& m_rng;
    size_t m_maxRecords;
    std::map<std::string, Bytes> m_subscribers;
    std::map<std::string, HomeDelegationRecord> m_records;
};

// ------------------------------------------------------------------ RADIUS carriage

/**
 * Vendor-Specific (26) sub-attributes, RFC 2865 5.26 format, Vendor-Id 32473
 * (the RFC 5612 documentation PEN, as for the EAP-TSK method). The TSK is
 * hidden with the RFC 2548 2.4.2 salt encryption of MS-MPPE keys, keyed by the
 * home/visited shared secret and the Request Authenticator: the secure channel
 * of claim 11 on a RADIUS hop.
 */
namespace RoamsecVsa {
constexpr uint32_t VendorId = kEapTskVendorId;
constexpr uint8_t TskRand = 1;        //!< 16 octets
constexpr uint8_t TskKey = 2;         //!< salt(2) || encrypted TSK (50 octets)
constexpr uint8_t TskLifetime = 3;    //!< u32 seconds left
constexpr uint8_t TskMaxUses = 4;     //!< u32
constexpr uint8_t TskKind = 5;        //!< u32: 0 delegation (claim 1), 1 key update (claim 18)
constexpr uint8_t TskRealm = 6;       //!< the visited realm the TSK is bound to
constexpr uint8_t HostChallenge = 7;  //!< 16 octets (claim 26, visited -> home)
constexpr uint8_t HostAuth = 8;       //!< 32 octets
constexpr uint8_t HostRand = 9;       //!< 16 octets, RAND of the TSK that made HostAuth
constexpr uint8_t HostResponse = 10;  //!< 32 octets (home -> visited)
constexpr uint8_t ReportOldRand = 11; //!< 16 octets (claim 25, visited -> home)
constexpr uint8_t ReportNewRand = 12; //!< 16 octets
} // namespace RoamsecVsa

/**
 * Adds the grant to a home -> visited response (Access-Accept) answering the
 * request with requestAuthenticator. Lifetime is sent as seconds left at `now`.
 */
void AddDelegationGrant(RadiusPacket& response, const DelegationGrant& grant, bool isUpdate,
                        const Bytes& secret, const Bytes& requestAuthenticator, TimeNs now,
                        RandomSource& rng);

/**
 * Reads a grant for `identity` (the request's User-Name); std::nullopt when an
 * attribute is missing, of the wrong size, or the TSK does not decrypt.
 */
std::optional<DelegationGrant> GetDelegationGrant(const RadiusPacket& response,
                                                  const std::string& identity, const Bytes& secret,
                                                  const Bytes& requestAuthenticator, TimeNs now,
                                                  bool* isUpdate = nullptr);

/** The relayed host challenge of claim 26 (visited -> home request). */
struct TskHostChallengeRelay
{
    Bytes rand;
    Bytes hostChallenge;
    Bytes hostAuth;
};

void AddHostChallengeRelay(RadiusPacket& request, const TskHostChallengeRelay& relay);
std::optional<TskHostChallengeRelay> GetHostChallengeRelay(const RadiusPacket& request);
void AddHostResponse(RadiusPacket& response, const Bytes& homeResponse);
std::optional<Bytes> GetHostResponse(const RadiusPacket& response);

/** The update report of claim 25 (visited -> home); identity and realm from User-Name / TskRealm.
 */
void AddUpdateReport(RadiusPacket& request, const UpdateReport& report);
std::optional<UpdateReport> GetUpdateReport(const RadiusPacket& request,
                                            const std::string& identity);

} // namespace roamsec

#endif // ROAMSEC_TSK_HOME_H
