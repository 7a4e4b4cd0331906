/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fast BSS Transition (IEEE 802.11-2016 clause 13, FT-802.1X AKM) as sans-IO state
 * machines: the STA's FT key holder (S0KH/S1KH, FtSupplicant) and an AP's R0KH/R1KH
 * (FtAuthenticator), plus the frame bodies that carry the FT exchange: FT Authentication
 * (13.5.1, over the air), FT Request/Response Action frames (13.5.2, over the DS) and
 * their Remote Request Broker encapsulation (13.10.3, EtherType 89-0d).
 */
#ifndef ROAMSEC_FT_SESSION_H
#define ROAMSEC_FT_SESSION_H

#include "ft-keys.h"
#include "roamsec-time.h"
#include "rsn-handshake.h"

#include <map>
#include <optional>
#include <vector>

namespace roamsec {

class RandomSource;

constexpr uint16_t kEtherTypeRrb = 0x890D; //!< IEEE 802.11 EtherType (89-0d)
constexpr uint16_t kAuthAlgorithmFt = 2;   //!< Authentication Algorithm Number (9.4.1.1)
constexpr uint8_t kActionCategoryFt = 6;   //!< Fast BSS Transition Action frames (9.6.8)

/** Status codes of the FT exchange (Table 9-46). */
enum class FtStatus : uint16_t
{
    Success = 0,
    Unspecified = 1,
    R0khUnreachable = 28,
    InvalidPmkid = 53,
    InvalidMde = 54,
    InvalidFte = 55,
    InvalidRsne = 72,
};

/** \return the status's name as used in logs and refusal traces */
std::string FtStatusName(FtStatus status);

/** An FT Authentication frame body (9.3.3.12 with algorithm 2). */
struct FtAuthenticationFrame
{
    uint16_t sequence{1}; //!< 1: STA to target AP, 2: its answer
    uint16_t status{0};
    Bytes elements; //!< RSNE, MDE, FTE
};
Bytes EncodeFtAuthentication(const FtAuthenticationFrame& frame);
/** Throws ParseError when truncated or when the algorithm is not FT. */
FtAuthenticationFrame DecodeFtAuthentication(const Bytes& body);

/** An FT Request (action 1) or Response (action 2) frame body (9.6.8.2, 9.6.8.3). */
struct FtActionFrame
{
    uint8_t action{1};
    MacAddr sta{};
    MacAddr targetAp{};
    uint16_t status{0}; //!< Response only
    Bytes elements;
};
Bytes EncodeFtAction(const FtActionFrame& frame);
/** Throws ParseError when truncated, of another category, or not a Request/Response. */
FtActionFrame DecodeFtAction(const Bytes& body);

/**
 * The Remote Request Broker frame that carries an FT Action frame over the DS (13.10.3):
 * Payload Type 1 (remote request/response), Remote Frame Type 1, FT Packet Type (0
 * request, 1 response), FT Action Length, AP Address, FT Action frame.
 */
struct FtRrbFrame
{
    bool response{false};
    MacAddr apAddress{}; //!< the AP the STA is associated with
    FtActionFrame action;
};
Bytes EncodeFtRrb(const FtRrbFrame& frame);
/** std::nullopt when the payload is not an FT RRB frame; throws ParseError when malformed. */
std::optional<FtRrbFrame> DecodeFtRrb(const Bytes& payload);

/**
 * PMK-R1 transfer from an R0KH to an R1KH (the standard leaves the protocol between key
 * holders out of scope, 13.3; this one follows the push model, documented in
 * doc/fast-transition.rst): Payload Type 1, Remote Frame Type 0x80, R0KH-ID length and
 * R0KH-ID, R1KH-ID, S1KH-ID, then AES key wrap under the pair's key of PMK-R1 ||
 * PMKR1Name || PMKR0Name || S1KH-ID || R1KH-ID || lifetime (seconds, 32-bit LE).
 */
struct FtKeyPush
{
    Bytes r0khId;
    MacAddr r1khId{};
    MacAddr s1khId{};
    FtPmkR1 pmkR1;
    Bytes pmkR0Name;
    uint32_t lifetimeSeconds{0};
};
/** Throws std::invalid_argument for a key that is not 16 bytes. */
Bytes EncodeFtKeyPush(const FtKeyPush& push, const Bytes& pairKey);
/** \return true when the payload is a key push (Remote Frame Type 0x80) */
bool IsFtKeyPush(const Bytes& payload);
/** std::nullopt when malformed, when the key does not unwrap it or the header disagrees. */
std::optional<FtKeyPush> DecodeFtKeyPush(const Bytes& payload, const Bytes& pairKey);

/** What an FT exchange step produced. */
struct FtResult
{
    FtStatus status{FtStatus::Success};
    Bytes elements; //!< elements to send (empty on a refusal without answer)
};

/** The STA's FT key holder configuration. */
struct FtSupplicantConfig
{
    MacAddr sta{};
    Bytes ssid;
};

/**
 * The STA side: keeps the PMK-R0 of the last initial mobility domain association and,
 * per target AP, the SNonce, ANonce and PTK of an FT exchange in progress.
 */
class FtSupplicant
{
public:
    FtSupplicant(FtSupplicantConfig config, RandomSource& rng);

    /**
     * The MDE and RSNE AKM a (re)association request to an AP of mobility domain mdid
     * carries when no FT exchange with that AP is ready (initial mobility domain
     * association, 13.4).
     */
    Bytes InitialAssociationElements(const MobilityDomainElement& mde) const;
    /**
     * The response of an initial mobility domain association: keeps the AP's R0KH-ID
     * and R1KH-ID until the authentication succeeds.
     * \return false when the response has no valid MDE/FTE
     */
    bool HandleInitialAssociationResponse(const MacAddr& bssid, const Bytes& elements);
    /**
     * The full 802.1X authentication of that association succeeded: derives PMK-R0.
     * \return false when no initial association response was seen or the MSK is short
     */
    bool InitialAuthenticationSucceeded(const MacAddr& bssid, const Bytes& msk);
    /**
     * The keys and elements of the initial association's 4-way handshake with bssid
     * (PMK-R1 for its R1KH-ID); nullopt before InitialAuthenticationSucceeded for it.
     */
    std::optional<FtFourWayKeys> InitialFourWay(const MacAddr& bssid) const;
    /** \return whether a PMK-R0 exists (FT transitions are possible) */
    bool HasPmkR0() const;
    /** \return the mobility domain of the PMK-R0 */
    uint16_t GetMdid() const;
    /** \return PMKR0Name (empty when there is no PMK-R0) */
    const Bytes& GetPmkR0Name() const;
    /** Forgets the PMK-R0 and every exchange (after a refusal: next time a full authentication). */
    void Reset();

    /** FT Request / FT Authentication (sequence 1) elements for a target: RSNE, MDE, FTE. */
    Bytes BuildRequest(const MacAddr& target);
    /**
     * The target's answer (FT Response / Authentication sequence 2).
     * \return Success when the PTK with the target is derived
     */
    FtStatus HandleResponse(const MacAddr& target, uint16_t status, const Bytes& elements);
    /** \return whether a PTK with the target is ready for reassociation */
    bool PtkReady(const MacAddr& target) const;
    /** Reassociation Request elements to a target whose PTK is ready (RSNE, MDE, FTE with MIC). */
    Bytes BuildReassociationElements(const MacAddr& target) const;
    /**
     * The target's Reassociation Response: checks the MIC and unwraps the GTK.
     * \return Success when PTK and GTK are installed
     */
    FtStatus HandleReassociationResponse(const MacAddr& target, uint16_t status,
                                         const Bytes& elements);
    /** \return the PTK installed with the target, nullopt when none */
    std::optional<FtPtk> GetInstalledPtk(const MacAddr& target) const;
    /** \return the GTK received from the target, empty when none */
    Bytes GetGtk(const MacAddr& target) const;
    /** Forgets the exchange with one target. */
    void Forget(const MacAddr& target);

private:
    struct Exchange
    {
        Bytes sNonce;
        Bytes aNonce;
        std::optional<MacAddr> r1khId;
        std::optional<FtPtk> ptk;
        bool installed{false};
        Bytes gtk;
    };
    Bytes RsneWithPmkid(const Bytes& pmkid) const;

    FtSupplicantConfig m_config;
    RandomSource& m_rng;
    std::optional<MobilityDomainElement> m_mde;
    Bytes m_r0khId;
    std::optional<MacAddr> m_initialBssid; //!< the R0KH's AP of the pending initial association
    MacAddr m_initialR1khId{};             //!< its R1KH-ID (association response FTE)
    std::optional<FtPmkR0> m_r0;
    std::map<MacAddr, Exchange> m_exchanges;
};

/** An AP's FT key holder configuration (it is its own R0KH and R1KH, like hostapd). */
struct FtAuthenticatorConfig
{
    MacAddr bssid{}; //!< BSSID and R1KH-ID
    Bytes ssid;
    MobilityDomainElement mde;
    Bytes r0khId;                             //!< e.g. the NAS-Identifier, 1 to 48 bytes
    TimeNs reassociationDeadline{Seconds(1)}; //!< dot11FTReassociationDeadline (TUs in 802.11)
    TimeNs r0KeyLifetime{Seconds(3600)};      //!< dot11FTR0KeyLifetime
    /** R0KH role: the R1KHs of the mobility domain to push PMK-R1s to, with the pair keys. */
    std::map<MacAddr, Bytes> r1khKeys;
    /** R1KH role: the pair key of each R0KH whose pushes are accepted. */
    std::map<Bytes, Bytes> r0khKeys;
};

/** A PMK-R1 push for an R1KH. */
struct FtPushMessage
{
    MacAddr r1khId{};
    Bytes payload;
};

/** The AP side: R0KH (after full 802.1X) and R1KH (FT exchanges, reassociation). */
class FtAuthenticator
{
public:
    /** Throws std::invalid_argument for an R0KH-ID that is not 1..48 bytes or a pair key not 16. */
    FtAuthenticator(FtAuthenticatorConfig config, RandomSource& rng);

    const FtAuthenticatorConfig& GetConfig() const { return m_config; }
    /** Sets the GTK sent (wrapped) in FT Reassociation Responses. */
    void SetGroupKey(const Bytes& gtk, uint8_t keyId, const Bytes& rsc);

    /** \return whether a (re)association request's elements ask for FT (an MDE of ours) */
    bool IsMobilityDomainRequest(const Bytes& requestElements) const;
    /** \return whether the request carries a complete FT reassociation (FTE with a MIC) */
    bool IsFtReassociation(const Bytes& requestElements) const;
    /** MDE and FTE (R1KH-ID, R0KH-ID) of an initial mobility domain association response. */
    Bytes InitialAssociationResponseElements() const;

    /**
     * R0KH: the full 802.1X authentication of a STA that associated with an MDE
     * succeeded: derives PMK-R0 and this AP's PMK-R1, and the pushes to the other R1KHs.
     * \param msk the MSK (XXKey is its second half)
     */
    std::vector<FtPushMessage> InitialAuthentication(const MacAddr& sta, const Bytes& msk,
                                                     TimeNs now);
    /**
     * The keys and elements of the 4-way handshake that follows InitialAuthentication for
     * sta (this AP's PMK-R1); nullopt when there was none.
     */
    std::optional<FtFourWayKeys> InitialFourWay(const MacAddr& sta) const;
    /** R1KH: a push from an R0KH; false when not accepted (unknown R0KH, bad wrap). */
    bool HandleKeyPush(const Bytes& payload, TimeNs now);
    /** \return the number of PMK-R1s held */
    size_t GetPmkR1Count() const { return m_r1.size(); }

    /** R1KH: FT Request / Authentication sequence 1 from a STA: the answer's elements. */
    FtResult HandleRequest(const MacAddr& sta, const Bytes& elements, TimeNs now);
    /**
     * R1KH: a Reassociation Request with FT elements. On Success the PTK is installed
     * and the result carries the Response's RSNE, MDE and FTE (MIC, GTK).
     */
    FtResult HandleReassociation(const MacAddr& sta, const Bytes& elements, TimeNs now);
    /** \return the PTK installed by the last FT reassociation of sta */
    std::optional<FtPtk> GetInstalledPtk(const MacAddr& sta) const;
    /** Drops the exchange state of a STA (disassociated), not its PMK-R1s. */
    void Remove(const MacAddr& sta);

private:
    struct R1Entry
    {
        FtPmkR1 r1;
        Bytes r0khId;
        TimeNs expiry{};
    };
    struct Pending
    {
        Bytes sNonce;
        Bytes aNonce;
        Bytes pmkR0Name;
        Bytes r0khId;
        FtPtk ptk;
        TimeNs deadline{};
    };
    const R1Entry* FindR1(const MacAddr& sta, const Bytes& pmkR0Name, TimeNs now) const;
    Bytes Rsne(const Bytes& pmkid) const;

    FtAuthenticatorConfig m_config;
    RandomSource& m_rng;
    Bytes m_gtk;
    uint8_t m_gtkKeyId{1};
    Bytes m_gtkRsc{Bytes(8, 0)};
    std::map<std::pair<MacAddr, Bytes>, R1Entry> m_r1; //!< by (S1KH-ID, PMKR0Name)
    std::map<MacAddr, FtPmkR1> m_initialR1;             //!< by S1KH-ID: the last initial one
    std::map<MacAddr, Pending> m_pending;
    std::map<MacAddr, FtPtk> m_installed;
};

} // namespace roamsec

#endif // ROAMSEC_FT_SESSION_H
