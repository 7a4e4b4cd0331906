/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * UMTS AKA (3GPP TS 33.102) on top of Milenage (TS 35.206): the AuC that makes
 * authentication vectors and the USIM that checks them.
 */
#ifndef ROAMSEC_AKA_H
#define ROAMSEC_AKA_H

#include "roamsec-bytes.h"
#include "roamsec-crypto.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roamsec {

class SubscriberDatabase;

/** A UMTS authentication vector (quintet), TS 33.102 6.3.2. */
struct AuthVector
{
    Bytes rand; //!< 16 bytes
    Bytes xres; //!< 8 bytes (f2 output)
    Bytes ck;   //!< 16 bytes
    Bytes ik;   //!< 16 bytes
    Bytes autn; //!< 16 bytes: SQN xor AK || AMF || MAC-A
};

/** A GSM triplet derived by the conversion functions c2/c3 (TS 33.102 6.8.1.2). */
struct GsmTriplet
{
    Bytes rand; //!< 16 bytes
    Bytes sres; //!< 4 bytes
    Bytes kc;   //!< 8 bytes
};

/**
 * SQN management, TS 33.102 Annex C: SQN = SEQ || IND with IND the low indBits;
 * a received SQN is fresh when SEQ is above the highest accepted one for its IND
 * slot and no more than delta above the highest SEQ overall.
 */
struct SqnPolicy
{
    unsigned indBits{5};
    uint64_t delta{uint64_t{1} << 28}; //!< freshness window, in SEQ units
};

/** What the USIM answers to (RAND, AUTN). */
struct UsimAuthResult
{
    enum class Status
    {
        Success,     //!< RES, CK, IK valid
        MacFailure,  //!< MAC-A wrong: network not authentic
        SyncFailure, //!< SQN not fresh: AUTS valid
        AmfFailure,  //!< separation bit or other AMF rule violated (not used by default)
    };
    Status status{Status::MacFailure};
    Bytes res; //!< 8 bytes (f2)
    Bytes ck;
    Bytes ik;
    Bytes auts; //!< 14 bytes: SQN_MS xor AK* || MAC-S
};

/** The home network's Authentication Centre. Reads and updates SQN state in the database. */
class AuthenticationCentre
{
public:
    AuthenticationCentre(SubscriberDatabase& db, RandomSource& rng, SqnPolicy policy = {});

    /**
     * Next quintet for the subscriber (advances its SQN in the database; the IND
     * cycles through the slots); nullopt for an unknown IMSI or a SIM-only subscriber.
     */
    std::optional<AuthVector> GenerateVector(const std::string& imsi);

    /**
     * Same with the IND chosen by the caller (Annex C.3.2: e.g. one IND per serving
     * node); SEQ still advances by one. nullopt for an unknown IMSI, a SIM-only
     * subscriber or an exhausted SEQ; std::invalid_argument if ind >= 2^indBits.
     */
    std::optional<AuthVector> GenerateVectorForInd(const std::string& imsi, unsigned ind);

    /** A GSM triplet for a SIM-only subscriber or GSM-compatible mode; nullopt if unknown. */
    std::optional<GsmTriplet> GenerateTriplet(const std::string& imsi);

    enum class ResyncResult
    {
        Resynchronised,
        UnknownSubscriber,
        MacFailure, //!< MAC-S wrong: the AUTS is ignored
    };
    /** TS 33.102 6.3.5: checks MAC-S over SQN_MS and resets the subscriber's SQN from it. */
    ResyncResult Resynchronise(const std::string& imsi, const Bytes& rand, const Bytes& auts);

private:
    SubscriberDatabase& m_db;
    RandomSource& m_rng;
    SqnPolicy m_policy;
};

/** The subscriber's USIM: K, OPc and the SQN array of TS 33.102 Annex C. */
class Usim
{
public:
    Usim(Bytes k, Bytes opc, SqnPolicy policy = {});

    /** TS 33.102 6.3.3: checks MAC-A first, then SQN freshness; computes RES/CK/IK or AUTS. */
    UsimAuthResult Authenticate(const Bytes& rand, const Bytes& autn);

    /** GSM context (GSM-compatible mode): SRES and Kc from RAND via c2/c3. */
    GsmTriplet RunGsm(const Bytes& rand) const;

    /** Highest SEQ accepted so far (for tests and diagnostics). */
    uint64_t HighestSeq() const;

    /** SQN_MS as sent in AUTS: the highest accepted SEQ with its IND. */
    uint64_t SqnMs() const;

    /** Provisioning: records sqn (SEQ || IND) as accepted in its IND slot. */
    void SetLastAcceptedSqn(uint64_t sqn);

    /** The SQN (SEQ || IND) of every IND slot that accepted one: a card's state, for
     * tools that keep a USIM across runs (restored with SetLastAcceptedSqn). */
    std::vector<uint64_t> AcceptedSqns() const;

private:
    Bytes m_k;
    Bytes m_opc;
    SqnPolicy m_policy;
    std::vector<uint64_t> m_seqByInd; //!< highest accepted SEQ per IND slot
};

} // namespace roamsec

#endif // ROAMSEC_AKA_H
