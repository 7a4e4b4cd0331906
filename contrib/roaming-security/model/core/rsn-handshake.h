/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Sans-IO supplicant and authenticator for the RSNA 4-way handshake and the
 * group key handshake (IEEE 802.11-2016 12.7.6, 12.7.7). Bytes in (whole
 * EAPOL PDUs), bytes out plus events; time and randomness are injected.
 */
#ifndef ROAMSEC_RSN_HANDSHAKE_H
#define ROAMSEC_RSN_HANDSHAKE_H

#include "eapol.h"
#include "ft-keys.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"
#include "rsn-keys.h"

#include <optional>
#include <string>
#include <vector>

namespace roamsec {

/** Why a handshake failed; the 802.11 reason code (Table 9-45) goes with it. */
enum class RsnFailure
{
    PairwiseTimeout,  // retries exhausted on message 1 or 3 (reason 15)
    GroupTimeout,     // retries exhausted on group message 1 (reason 16)
    RsneMismatch,     // RSNE in message 2 or 3 differs (reason 17)
    NoPmk,            // message 1 arrived before a PMK was set (reason 23, IEEE 802.1X auth failed)
    SupplicantTimeout // the supplicant's own overall deadline passed (reason 15)
};

uint16_t ReasonCode(RsnFailure failure);
std::string ToString(RsnFailure failure);

struct RsnEvent
{
    enum class Type
    {
        PtkInstalled,
        GtkInstalled,
        HandshakeFailed,
        Deauthenticate, // the driver shall send a Deauthentication with reasonCode
    };
    Type type;
    Ptk ptk;             // PtkInstalled
    Bytes gtk;           // GtkInstalled
    uint8_t gtkKeyId{0}; // GtkInstalled
    Bytes rsc;           // GtkInstalled: 8-octet receive sequence counter
    RsnFailure failure{RsnFailure::PairwiseTimeout};
    uint16_t reasonCode{0};
};

/** What one call produced: EAPOL PDUs to transmit (in order) and events. */
struct HandshakeOutput
{
    std::vector<Bytes> frames;
    std::vector<RsnEvent> events;
};

/** Frames dropped, by cause. Every dropped frame increments exactly one counter. */
struct RsnCounters
{
    uint64_t malformed{0};   // unparsable, wrong descriptor or version, bad key data
    uint64_t replayed{0};    // replay counter not acceptable
    uint64_t micFailures{0}; // MIC did not verify
    uint64_t unexpected{0};  // valid frame not expected in the current state
    uint64_t retransmissions{0};
    uint64_t accepted{0};
};

/** The AP's current group key, handed to each per-STA authenticator. */
struct GroupKey
{
    Bytes gtk;        // 16 octets for CCMP
    uint8_t keyId{1}; // 1 or 2
    Bytes rsc = Bytes(8, 0);
};

/**
 * The keys and elements of the 4-way handshake of an initial mobility domain association
 * (IEEE 802.11-2020 13.4.2 and 12.7.6 with the FT-802.1X AKM): PTK = KDF-256-384(PMK-R1,
 * "FT-PTK", ...) (12.7.1.7.5), Key Descriptor Version 3 (AES-128-CMAC MIC), PMKR1Name in
 * message 1's PMKID KDE and in the PMKID List of the RSNEs of messages 2 and 3, and the
 * MDE and an FTE with R0KH-ID and R1KH-ID in both; message 3 adds a Timeout Interval
 * element with the key lifetime.
 */
struct FtFourWayKeys
{
    FtPmkR1 pmkR1;
    MobilityDomainElement mde;
    Bytes r0khId;
    MacAddr r1khId{};
    uint32_t keyLifetimeSeconds{0}; //!< message 3's Timeout Interval (type 3)
};

struct AuthenticatorConfig
{
    MacAddr aa{};
    MacAddr spa{};
    Bytes apRsne;  // the RSNE the AP puts in Beacons / Probe Responses (sent in message 3)
    Bytes staRsne; // the RSNE from the STA's (Re)Association Request (checked against message 2)
    TimeNs retransmitTimeout{Seconds(1)};
    /** Transmissions of each of message 1, 3 and group message 1
     * (dot11RSNAConfigPairwiseUpdateCount). */
    uint32_t pairwiseUpdateCount{4};
    uint32_t groupUpdateCount{4};
    uint8_t eapolVersion{2};
};

/** Per-STA authenticator (the AP side), 12.7.6 / 12.7.7 and the 802.11 Authenticator state machine.
 */
class Authenticator
{
public:
    enum class State
    {
        Idle,
        PtkStart,           // message 1 sent, waiting for message 2
        PtkInitNegotiating, // message 3 sent, waiting for message 4
        PtkInitDone,        // PTK installed, no group handshake pending
        RekeyNegotiating,   // group message 1 sent, waiting for group message 2
        Failed,
    };

    Authenticator(const AuthenticatorConfig& config, RandomSource& rng);

    /**
     * Starts (or restarts) the 4-way handshake with this PMK. pmkid, when
     * 16 octets, is sent in a PMKID KDE in message 1.
     */
    HandshakeOutput Start(const Bytes& pmk, const GroupKey& group, TimeNs now,
                          const Bytes& pmkid = {});
    /** Starts the 4-way handshake of an initial mobility domain association (FT AKM). */
    HandshakeOutput StartFt(const FtFourWayKeys& ft, const GroupKey& group, TimeNs now);
    /** Starts a group key handshake (requires PtkInitDone). */
    HandshakeOutput StartGroupRekey(const GroupKey& group, TimeNs now);
    HandshakeOutput Receive(const Bytes& eapolPdu, TimeNs now);
    HandshakeOutput OnTimeout(TimeNs now);
    std::optional<TimeNs> NextDeadline() const;

    State GetState() const { return m_state; }
    const RsnCounters& GetCounters() const { return m_counters; }
    /** The installed PTK (valid once state reached PtkInitDone). */
    const std::optional<Ptk>& GetPtk() const { return m_ptk; }

private:
    HandshakeOutput Begin(const Bytes& pmk, const Bytes& pmkid, const GroupKey& group,
                          TimeNs now);
    Bytes BuildMessage1();
    Bytes BuildMessage3();
    Bytes BuildGroupMessage1();
    void Fail(HandshakeOutput& out, RsnFailure failure);
    void Arm(TimeNs now);
    bool CounterOutstanding(uint64_t rc) const;

    AuthenticatorConfig m_config;
    RandomSource& m_rng;
    State m_state{State::Idle};
    RsnCounters m_counters;
    std::optional<FtFourWayKeys> m_ft;
    uint16_t m_version{keyinfo::kVersionHmacSha1Aes};
    Bytes m_pmk;
    Bytes m_pmkid;
    GroupKey m_group;
    Bytes m_anonce;
    Bytes m_snonce;
    std::optional<Ptk> m_tptk;
    std::optional<Ptk> m_ptk;
    uint64_t m_replayCounter{0};         // last value used in a transmitted frame
    std::vector<uint64_t> m_outstanding; // counters of the transmissions of the pending message
    uint32_t m_transmissions{0};
    std::optional<TimeNs> m_deadline;
};

struct SupplicantConfig
{
    MacAddr aa{};
    MacAddr spa{};
    Bytes staRsne; // the RSNE the STA sent in its (Re)Association Request (sent in message 2)
    Bytes apRsne;  // the RSNE from the AP's Beacon / Probe Response (checked against message 3)
    /** 0: none. Otherwise the 4-way handshake must finish within this after message 1. */
    TimeNs handshakeTimeout{0};
    uint8_t eapolVersion{1}; // 802.11 STAs commonly answer with version 1; either is accepted
};

/** The STA side: answers messages 1 and 3 and group message 1. */
class Supplicant
{
public:
    enum class State
    {
        WaitingMessage1,
        WaitingMessage3, // message 2 sent
        Established,     // PTK (and GTK) installed
        Failed,
    };

    Supplicant(const SupplicantConfig& config, RandomSource& rng);

    /** The PMK (from EAP's MSK or from the PMKSA cache). Needed before message 1 can be answered.
     */
    void SetPmk(const Bytes& pmk);
    /** The PMK-R1 and elements of an initial mobility domain association (FT AKM). */
    void SetFtPmkR1(const FtFourWayKeys& ft);
    HandshakeOutput Receive(const Bytes& eapolPdu, TimeNs now);
    HandshakeOutput OnTimeout(TimeNs now);
    std::optional<TimeNs> NextDeadline() const;

    State GetState() const { return m_state; }
    const RsnCounters& GetCounters() const { return m_counters; }
    const std::optional<Ptk>& GetPtk() const { return m_ptk; }
    /** PMKIDs the authenticator listed in message 1 (PMKID KDE). */
    const std::vector<Bytes>& GetOfferedPmkids() const { return m_pmkids; }

private:
    HandshakeOutput OnMessage1(const EapolKeyFrame& k, TimeNs now);
    HandshakeOutput OnMessage3(const EapolKeyFrame& k, const Bytes& pdu);
    HandshakeOutput OnGroupMessage1(const EapolKeyFrame& k, const Bytes& pdu);
    Bytes Reply(uint16_t keyInfo, uint64_t replayCounter, const Bytes& nonce, const Bytes& keyData,
                const Bytes& kck) const;
    bool ReplayOk(uint64_t rc) const;
    void AcceptReplay(uint64_t rc);

    SupplicantConfig m_config;
    RandomSource& m_rng;
    State m_state{State::WaitingMessage1};
    std::optional<FtFourWayKeys> m_ft;
    uint16_t m_version{keyinfo::kVersionHmacSha1Aes};
    RsnCounters m_counters;
    Bytes m_pmk;
    Bytes m_anonce;
    Bytes m_snonce;
    std::optional<Ptk> m_tptk;
    std::optional<Ptk> m_ptk;
    bool m_replaySeen{false};
    uint64_t m_replayCounter{0}; // highest counter of a frame whose MIC verified
    Bytes m_gtk;
    uint8_t m_gtkKeyId{0};
    std::vector<Bytes> m_pmkids;
    std::optional<TimeNs> m_deadline;
};

} // namespace roamsec

#endif // ROAMSEC_RSN_HANDSHAKE_H
