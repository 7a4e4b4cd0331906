/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA server, sans-IO. EapAkaServer holds what all authentications share
 * (the AuC, the pseudonym key, re-authentication identities); each
 * authentication runs in its own EapAkaServerSession, so one server serves
 * many peers at once. The caller keys sessions as its transport needs
 * (RADIUS State, supplicant MAC address, ...).
 */
#ifndef ROAMSEC_EAP_AKA_SERVER_H
#define ROAMSEC_EAP_AKA_SERVER_H

#include "aka.h"
#include "eap-aka-attributes.h"
#include "eap-aka-identity.h"
#include "eap-aka-keys.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace roamsec {

struct EapAkaServerConfig
{
    EapAkaProfile profile{EapAkaProfile::Draft04};
    /** 16-byte key for AkaPseudonymCodec; empty: no pseudonyms issued or decoded. */
    Bytes pseudonymKey;
    /** RFC 4187 profile: issue re-authentication identities and accept them. */
    bool issueReauthIds{true};
    /** Realm appended to issued re-authentication identities (RFC 4187 4.1.1.8). */
    std::string reauthRealm{"reauth.invalid"};
    /** Fast re-authentications allowed per full authentication. */
    uint16_t maxReauthCount{16};
    /** Bound on stored re-authentication contexts (oldest evicted). */
    size_t maxReauthEntries{4096};
    /** Act as a GSM-only EAP node (draft section 10): challenge without AUTN. */
    bool gsmCompatibleMode{false};
    /** Start with EAP-Request/AKA-Identity (AT_IDENTITY_REQ) instead of EAP-Request/Identity. */
    bool startWithAkaIdentity{false};
    /** Retransmission of Requests (RFC 3748 4.3). */
    TimeNs retransmitTimeout{std::chrono::seconds(3)};
    unsigned maxRetransmits{3};
    /** AKA-Identity rounds before giving up. */
    unsigned maxIdentityRounds{3};
    /** Resynchronisations per session before giving up. */
    unsigned maxResyncs{1};
};

struct EapAkaServerOutput
{
    std::optional<Bytes> send; //!< EAP Request, Success or Failure to transmit
    enum class Event
    {
        None,
        Success,
        Failure,
        Discarded,
    } event{Event::None};
    std::string reason; //!< failure or discard reason
    std::string imsi;   //!< on Success: the authenticated subscriber
    Bytes msk;          //!< on Success (empty in GSM-compatible mode)
    Bytes emsk;
    bool reauth{false}; //!< on Success: fast re-authentication
};

class EapAkaServerSession;

class EapAkaServer
{
public:
    EapAkaServer(AuthenticationCentre& auc, RandomSource& rng, EapAkaServerConfig config);

    /** A new authentication; the session refers to this server, which must outlive it. */
    std::unique_ptr<EapAkaServerSession> CreateSession();

    const EapAkaServerConfig& Config() const { return m_cfg; }

    /** Number of stored re-authentication contexts. */
    size_t ReauthEntries() const { return m_reauth.size(); }
    /**
     * Administrative: sets the stored counter of a re-authentication identity
     * (e.g. after restoring a state backup); false if unknown.
     */
    bool SetReauthCounter(const std::string& reauthId, uint16_t counter);

    /** Totals over all sessions. */
    const std::map<std::string, uint64_t>& Counters() const { return m_counters; }
    uint64_t Counter(const std::string& name) const;

private:
    friend class EapAkaServerSession;

    struct ReauthContext
    {
        std::string imsi;
        AkaKeys keys;
        uint16_t counter{0};
    };

    std::string NewReauthId();
    void StoreReauth(const std::string& reauthId, ReauthContext ctx);
    ReauthContext* FindReauth(const std::string& reauthId);
    void EraseReauth(const std::string& reauthId);
    void Count(const std::string& name) { ++m_counters[name]; }

    AuthenticationCentre& m_auc;
    RandomSource& m_rng;
    EapAkaServerConfig m_cfg;
    std::optional<AkaPseudonymCodec> m_pseudonyms;
    std::map<std::string, ReauthContext> m_reauth;
    std::deque<std::string> m_reauthOrder; //!< insertion order for eviction
    std::map<std::string, uint64_t> m_counters;
};

/** One authentication conversation. */
class EapAkaServerSession
{
public:
    explicit EapAkaServerSession(EapAkaServer& server);

    /**
     * First Request: EAP-Request/Identity (or AKA-Identity, per config). A
     * session may also begin directly with Receive of an EAP-Response/Identity
     * that the authenticator obtained.
     */
    EapAkaServerOutput Start(TimeNs now);

    EapAkaServerOutput Receive(const Bytes& eap, TimeNs now);

    /** When OnTimeout is due; nullopt when nothing is outstanding. */
    std::optional<TimeNs> NextDeadline() const;
    /** Retransmits the outstanding Request, or fails after maxRetransmits. */
    EapAkaServerOutput OnTimeout(TimeNs now);

    bool IsFinished() const { return m_state == State::Done; }
    const std::map<std::string, uint64_t>& DiscardCounters() const { return m_discards; }
    uint64_t Discards(const std::string& reason) const;

private:
    enum class State
    {
        Init,
        IdentitySent,    //!< EAP-Request/Identity outstanding
        AkaIdentitySent, //!< EAP-Request/AKA-Identity outstanding
        ChallengeSent,
        ReauthSent,
        NotificationSent,
        Done,
    };

    EapAkaServerOutput Discard(const std::string& reason);
    EapAkaServerOutput Fail(const std::string& reason);
    EapAkaServerOutput SendRequest(Bytes packet, State next, TimeNs now);
    EapAkaServerOutput Notify(uint16_t code, const std::string& reason, TimeNs now);
    uint8_t NextId() { return ++m_id; }

    EapAkaServerOutput HandleIdentity(const std::string& nai, TimeNs now);
    EapAkaServerOutput RequestAkaIdentity(bool permanent, bool fullauth, TimeNs now);
    EapAkaServerOutput SendChallenge(TimeNs now);
    EapAkaServerOutput SendReauth(TimeNs now);
    EapAkaServerOutput OnChallengeResponse(const AkaMessageDecodeResult& d, TimeNs now);
    EapAkaServerOutput OnReauthResponse(const AkaMessageDecodeResult& d, TimeNs now);
    EapAkaServerOutput Succeed(Bytes msk, Bytes emsk, bool reauth);

    EapAkaServer& m_srv;
    const EapAkaProfile m_profile;
    State m_state{State::Init};
    uint8_t m_id;

    Bytes m_outstanding; //!< last Request sent (for retransmission)
    TimeNs m_sentAt{0};
    unsigned m_retransmits{0};
    std::optional<uint16_t> m_pendingNotification;
    std::string m_pendingFailureReason;

    std::string m_identity; //!< identity last received (MK input in RFC 4187)
    std::string m_imsi;
    unsigned m_identityRounds{0};
    bool m_askedPermanent{false};
    Bytes m_identityMessages; //!< AKA-Identity packets (AT_CHECKCODE)
    unsigned m_resyncs{0};

    // Full authentication.
    bool m_gsm{false};
    AuthVector m_vector;
    GsmTriplet m_triplet;
    AkaKeys m_keys;
    bool m_challengeHadMac{false};

    // Fast re-authentication.
    std::string m_reauthId;
    std::string m_pendingReauthId; //!< sent in AT_NEXT_REAUTH_ID, stored on success
    uint16_t m_reauthCounter{0};
    Bytes m_nonceS;
    AkaKeys m_reauthKeys;

    std::map<std::string, uint64_t> m_discards;
};

} // namespace roamsec

#endif // ROAMSEC_EAP_AKA_SERVER_H
