/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-AKA peer (client) state machine, sans-IO: EAP packets in, EAP packets
 * and events out. Owns a reference to the subscriber's Usim.
 */
#ifndef ROAMSEC_EAP_AKA_PEER_H
#define ROAMSEC_EAP_AKA_PEER_H

#include "aka.h"
#include "eap-aka-attributes.h"
#include "eap-aka-identity.h"
#include "eap-aka-keys.h"
#include "roamsec-crypto.h"

#include <map>
#include <optional>
#include <string>

namespace roamsec {

struct EapAkaPeerConfig
{
    EapAkaProfile profile{EapAkaProfile::Draft04};
    std::string imsi;
    AkaRealmConfig realm;
    /** Accept the GSM-compatible mode (challenge without AUTN); false: answer it with Nak. */
    bool allowGsmMode{true};
    /**
     * Draft section 5: a client that believes the server can decode its
     * pseudonym may refuse to reveal its permanent identity; it then silently
     * ignores AKA-Identity requests carrying AT_PERMANENT_IDENTITY_REQ.
     */
    bool refusePermanentIdentity{false};
    /** Use a received pseudonym in later authentications. */
    bool usePseudonym{true};
    /** RFC 4187 profile: use a received re-authentication identity. */
    bool useReauth{true};
};

/** What one Receive produced. */
struct EapAkaPeerOutput
{
    std::optional<Bytes> send; //!< EAP Response to transmit
    enum class Event
    {
        None,
        Success,   //!< EAP-Success accepted: keys valid
        Failure,   //!< EAP-Failure received (or authentication abandoned)
        Discarded, //!< input silently discarded; see discardReason
    } event{Event::None};
    std::string discardReason;
    /**
     * Why the Response refuses the request (Authentication-Reject, Synchronization-Failure,
     * Nak, Client-Error): "autn-mac-failure", "sqn-not-fresh", "amf-failure",
     * "gsm-mode-refused", "checkcode-mismatch"; empty otherwise.
     */
    std::string refusalReason;
    std::optional<uint16_t> notification; //!< code of a Notification received
    Bytes msk;                            //!< on Success (empty in GSM-compatible mode)
    Bytes emsk;
};

/**
 * One EAP-AKA client. Answers EAP-Request/Identity, Notification and AKA
 * requests; remembers pseudonyms and (RFC 4187) re-authentication state across
 * authentications; a duplicate Request (same identifier and bytes as the last
 * one answered) gets the same Response again without re-running the USIM.
 */
class EapAkaPeer
{
public:
    EapAkaPeer(Usim& usim, EapAkaPeerConfig config, RandomSource& rng);

    EapAkaPeerOutput Receive(const Bytes& eap);

    /** Forgets the conversation in progress (not pseudonym or re-auth state). */
    void Reset();

    bool IsSuccess() const { return m_state == State::Success; }
    /** Keys of the last successful authentication (empty in GSM-compatible mode). */
    const Bytes& Msk() const { return m_msk; }
    const Bytes& Emsk() const { return m_emsk; }
    /** True when the last success was a fast re-authentication. */
    bool LastWasReauth() const { return m_lastWasReauth; }
    bool LastWasGsm() const { return m_lastWasGsm; }

    /** The NAI the peer would send in EAP-Response/Identity now. */
    std::string CurrentIdentity() const;
    std::string PermanentNai() const;
    const std::string& Pseudonym() const { return m_pseudonym; }
    const std::string& ReauthId() const { return m_reauthId; }
    void ForgetPseudonym() { m_pseudonym.clear(); }

    /** Silently discarded inputs by reason. */
    const std::map<std::string, uint64_t>& DiscardCounters() const { return m_discards; }
    uint64_t Discards(const std::string& reason) const;

private:
    enum class State
    {
        Idle,          //!< nothing yet / after Reset
        Identity,      //!< identity exchange in progress
        ChallengeDone, //!< answered a valid challenge or re-auth: awaiting the result
        Rejected,      //!< sent a reject / Nak / client error: awaiting Failure
        Success,
        Failure,
    };

    EapAkaPeerOutput Discard(const std::string& reason);
    EapAkaPeerOutput Respond(const Bytes& request, Bytes response);
    Bytes Build(uint8_t id, uint8_t subtype, const AkaAttributes& a, const Bytes& macExtra = {});
    EapAkaPeerOutput OnIdentityRequest(const Bytes& raw, uint8_t id);
    EapAkaPeerOutput OnAka(const Bytes& raw, const EapPacket& p);
    EapAkaPeerOutput OnAkaIdentity(const Bytes& raw, const AkaMessage& m);
    EapAkaPeerOutput OnChallenge(const Bytes& raw, const AkaMessageDecodeResult& d);
    EapAkaPeerOutput OnReauth(const Bytes& raw, const AkaMessageDecodeResult& d);
    EapAkaPeerOutput OnAkaNotification(const Bytes& raw, const AkaMessageDecodeResult& d);
    EapAkaPeerOutput ClientError(const Bytes& raw, uint8_t id);
    Bytes CheckcodeValue() const;
    void NoteIdentity(const std::string& nai);

    Usim& m_usim;
    EapAkaPeerConfig m_cfg;
    RandomSource& m_rng;
    State m_state{State::Idle};

    // Duplicate detection (RFC 3748 4.1).
    std::optional<Bytes> m_lastRequest;
    Bytes m_lastResponse;

    std::string m_lastIdentity; //!< identity last sent (RFC 4187 MK input, re-auth identity)
    Bytes m_identityMessages;   //!< AKA-Identity packets so far (AT_CHECKCODE)
    unsigned m_identityRounds{0};

    // Conversation keys.
    AkaKeys m_keys;
    bool m_haveKeys{false};
    bool m_gsm{false};
    bool m_reauth{false};
    Bytes m_pendingMsk;
    Bytes m_pendingEmsk;
    std::string m_pendingPseudonym;
    std::string m_pendingReauthId;
    uint16_t m_pendingCounter{0};

    // Persistent across authentications.
    std::string m_pseudonym;
    std::string m_pseudonymRealm;
    std::string m_reauthId;      //!< full NAI (RFC 4187)
    AkaKeys m_reauthKeys;        //!< MK, K_encr, K_aut of the full authentication
    uint16_t m_reauthCounter{0}; //!< highest counter accepted

    // The USIM's answer to the last (RAND, AUTN): a copy of a challenge whose
    // AT_MAC was forged must not burn the SQN of the genuine one.
    Bytes m_usimRand;
    Bytes m_usimAutn;
    UsimAuthResult m_usimResult;

    Bytes m_msk;
    Bytes m_emsk;
    bool m_lastWasReauth{false};
    bool m_lastWasGsm{false};
    std::map<std::string, uint64_t> m_discards;
};

} // namespace roamsec

#endif // ROAMSEC_EAP_AKA_PEER_H
