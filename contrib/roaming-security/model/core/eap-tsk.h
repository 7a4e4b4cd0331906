/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * EAP-TSK: the EAP method through which a visited domain authenticates a
 * mobile locally with the TSK its home delegated (patent seed 000), delivers
 * RAND, updates the key (claims 18-25) and relays the mobile's host challenge
 * to the home (claim 26). Message codec plus sans-IO peer and visited-server
 * state machines; layouts and flows in doc/delegation.rst.
 */
#ifndef ROAMSEC_EAP_TSK_H
#define ROAMSEC_EAP_TSK_H

#include "eap-packet.h"
#include "roamsec-bytes.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"
#include "tsk-delegation.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roamsec {

/** EAP-TSK Subtype (octet after Vendor-Type). */
enum class EapTskSubtype : uint8_t
{
    Challenge = 1,   //!< local authentication, RAND delivery
    Update = 2,      //!< RAND2 to the mobile / network authentication request back
    UpdateAuth = 3,  //!< network authentication response + RAND3 / update report
    Result = 4,      //!< server proof, host response, distributed keys / acknowledgement
    ClientError = 14 //!< peer refusal (response only, no AT_MAC)
};

/** Attribute types; 0-127 non-skippable, 128-255 skippable (the RFC 4187 8.1 rule). */
namespace EapTskAttr {
constexpr uint8_t Rand = 1;           //!< 16
constexpr uint8_t NonceS = 2;         //!< 16
constexpr uint8_t NonceP = 3;         //!< 16
constexpr uint8_t ServerId = 4;       //!< visited realm, 1..253 octets
constexpr uint8_t Rand2 = 5;          //!< 16
constexpr uint8_t Nar = 6;            //!< 16, network authentication request
constexpr uint8_t NetAuthRes = 7;     //!< 32
constexpr uint8_t Rand3 = 8;          //!< 16
constexpr uint8_t UpdateConf = 9;     //!< 32, update report + proof of the third key
constexpr uint8_t HostChallenge = 10; //!< 16
constexpr uint8_t HostAuth = 11;      //!< 32
constexpr uint8_t HostRes = 12;       //!< 32
constexpr uint8_t ClientError = 13;   //!< 2, an EapTskClientError
constexpr uint8_t Iv = 14;            //!< 16
constexpr uint8_t EncrData = 15;      //!< n * 16
constexpr uint8_t Padding = 16;       //!< zeros, only inside AT_ENCR_DATA
constexpr uint8_t KeyDist = 17;       //!< KeyId(4) || key(16..64), only inside AT_ENCR_DATA
constexpr uint8_t Mac = 20;           //!< 16
} // namespace EapTskAttr

/** AT_CLIENT_ERROR codes. */
enum class EapTskClientError : uint16_t
{
    UnableToProcess = 0,
    RandReplayed = 1,
    NetworkAuthFailed = 2,
    UpdateAuthFailed = 3,
    HomeAuthFailed = 4,
};

struct EapTskAttribute
{
    uint8_t type{0};
    Bytes value;
};

/**
 * One EAP-TSK packet. Type data: Vendor-Id(3) Vendor-Type(4) Subtype(1)
 * Reserved(2) then attributes Type(1) Length(2, value octets) Value.
 */
struct EapTskMessage
{
    EapCode code{EapCode::Request};
    uint8_t identifier{0};
    EapTskSubtype subtype{EapTskSubtype::Challenge};
    std::vector<EapTskAttribute> attributes;
    size_t macOffset{0}; //!< after Parse: offset of AT_MAC's value in the packet, 0 if none

    const Bytes* Find(uint8_t type) const;
    void Add(uint8_t type, Bytes value);

    /** The whole EAP packet. */
    Bytes Serialize() const;

    /**
     * Decodes an EAP Request/Response of expanded type 254 with our vendor id
     * and type. std::nullopt (silently discard) for anything else: another
     * method, unknown subtype, truncated attribute, wrong length of a known
     * attribute, a repeated attribute, an unknown non-skippable attribute,
     * AT_PADDING/AT_KEY_DIST outside AT_ENCR_DATA. Never throws.
     */
    static std::optional<EapTskMessage> Parse(const Bytes& eapPacket);
};

/** Parses an attribute list (also used for the plaintext of AT_ENCR_DATA); throws ParseError. */
std::vector<EapTskAttribute> ParseEapTskAttributes(ByteReader& r, bool encrypted);
void WriteEapTskAttributes(ByteWriter& w, const std::vector<EapTskAttribute>& attributes);

/**
 * Builds the packet with AT_MAC = HMAC-SHA-256-128(kInt, packet-with-zero-MAC || extra),
 * the EAP-SIM style of binding a value the packet does not carry.
 */
Bytes SerializeWithMac(EapTskMessage msg, const Bytes& kInt, const Bytes& extra);
/** Checks AT_MAC of a parsed packet against its raw bytes; false when absent or wrong. */
bool VerifyMac(const EapTskMessage& msg, const Bytes& rawPacket, const Bytes& kInt,
               const Bytes& extra);

/** AT_IV + AT_ENCR_DATA holding `inner` padded with AT_PADDING, AES-128-CBC under kEncr. */
void AddEncrypted(EapTskMessage& msg, const std::vector<EapTskAttribute>& inner, const Bytes& kEncr,
                  RandomSource& rng);
/** Decrypts AT_ENCR_DATA; std::nullopt if absent; throws ParseError if malformed. */
std::optional<std::vector<EapTskAttribute>> DecryptEncrypted(const EapTskMessage& msg,
                                                             const Bytes& kEncr);

// ------------------------------------------------------------------ events

enum class EapTskEventType
{
    LocalAuthSuccess,   //!< session keys available (both sides)
    KeyUpdated,         //!< TSK replaced by the third key (both sides)
    FallbackToHome,     //!< visited server: run full EAP-AKA with the home instead
    Failure,            //!< conversation failed, see reason
    HomeReport,         //!< visited server: send `report` to the home (claim 25)
    HostChallengeRelay, //!< visited server: relay to the home, answer with OnHomeHostResponse
    KeyDistributed,     //!< peer: a key distributed by the visited domain (claims 7, 9)
    Discarded,          //!< a packet was silently discarded (diagnostic)
};

enum class EapTskReason
{
    None,
    NoDelegation,        //!< no TSK for this identity
    Expired,             //!< TSK lifetime over
    UsesExhausted,       //!< TSK use count over
    PeerNak,             //!< peer does not speak EAP-TSK
    RandReplayed,        //!< RAND already retired on the mobile
    NetworkAuthFailed,   //!< peer: Challenge AT_MAC wrong (visited domain lacks the TSK)
    UpdateAuthFailed,    //!< peer: network authentication response wrong (rogue visited domain)
    UpdateConfirmFailed, //!< server: mobile's update confirmation wrong
    HomeAuthFailed,      //!< peer: home response to the host challenge wrong
    HomeRefused,         //!< server: home gave no answer to the host challenge
    PeerError,           //!< server: peer sent AT_CLIENT_ERROR
    ServerFailure,       //!< peer: EAP-Failure received
    Timeout,
    BadMac,
    Malformed,
    Unexpected,
};

const char* EapTskReasonName(EapTskReason reason);

struct EapTskEvent
{
    EapTskEventType type{EapTskEventType::Failure};
    EapTskReason reason{EapTskReason::None};
    std::string identity;
    TskSessionKeys session; //!< LocalAuthSuccess
    Bytes oldRand;          //!< KeyUpdated
    Bytes newRand;          //!< KeyUpdated
    UpdateReport report;    //!< HomeReport
    Bytes rand;             //!< HostChallengeRelay: RAND of the TSK in use
    Bytes hostChallenge;    //!< HostChallengeRelay
    Bytes hostAuth;         //!< HostChallengeRelay
    uint32_t keyId{0};      //!< KeyDistributed
    Bytes key;              //!< KeyDistributed
};

/** What a state machine step produced: at most one EAP packet to send, and events. */
struct EapTskOutput
{
    std::optional<Bytes> eap;
    std::vector<EapTskEvent> events;

    const EapTskEvent* Find(EapTskEventType type) const;
    bool Has(EapTskEventType type) const { return Find(type) != nullptr; }
};

// ------------------------------------------------------------------ peer

struct EapTskPeerConfig
{
    std::string identity;           //!< NAI, sent in EAP-Response/Identity
    Bytes k;                        //!< the first key shared with the home
    size_t retiredRandCapacity{64}; //!< bound of the used-RAND cache
    bool sendHostChallenge{false};  //!< authenticate the home on every local authentication
};

/**
 * The mobile. Holds the current (RAND, realm, TSK) across conversations and a
 * bounded FIFO of retired RANDs: a Challenge or Update with a retired RAND is
 * refused (replay of an old, possibly compromised TSK). A new RAND is adopted
 * only once the message carrying it verified under the TSK it yields.
 */
class EapTskPeer
{
public:
    enum class State
    {
        Idle,
        WaitUpdateOrResult, //!< answered the Challenge
        WaitUpdateAuth,     //!< sent the network authentication request
        WaitResult,         //!< updated the key
        WaitSuccess,        //!< acknowledged the Result
        Success,
        Failed,
    };

    EapTskPeer(EapTskPeerConfig config, RandomSource& rng);

    /** Any EAP packet from the authenticator: Request/Identity, EAP-TSK requests, Success, Failure.
     */
    EapTskOutput HandleRequest(const Bytes& eapPacket, TimeNs now);

    State GetState() const { return m_state; }
    bool HasTsk() const { return !m_tsk.empty(); }
    const Bytes& CurrentRand() const { return m_rand; }
    const Bytes& CurrentTsk() const { return m_tsk; }
    const std::string& CurrentRealm() const { return m_realm; }
    bool IsRandRetired(const Bytes& rand) const;
    /** The keys of the current TSK, for sealed local messages (claim 8); requires HasTsk(). */
    TskKeys CurrentKeys() const { return DeriveTskKeys(m_tsk); }

private:
    EapTskOutput OnChallenge(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnUpdate(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnUpdateAuth(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnResult(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput Reject(uint8_t identifier, EapTskClientError code, EapTskReason reason);
    EapTskOutput Respond(uint8_t identifier, Bytes packet);
    EapTskOutput Discard(EapTskReason reason) const;
    void Retire(const Bytes& rand);
    void Adopt(const Bytes& rand, const std::string& realm, const Bytes& tsk);

    EapTskPeerConfig m_config;
    RandomSource& m_rng;
    State m_state{State::Idle};

    // persistent key state
    Bytes m_rand;
    std::string m_realm;
    Bytes m_tsk;
    std::deque<Bytes> m_retired;

    // per conversation
    TskKeys m_keys;
    Bytes m_nonceS;
    Bytes m_nonceP;
    Bytes m_rand2;
    Bytes m_nar;
    Bytes m_hostChallenge;
    std::optional<uint8_t> m_lastId;
    Bytes m_lastRequest;
    Bytes m_lastResponse;
};

// ------------------------------------------------------------------ visited domain

/** A delegated TSK as the visited AAA holds it. */
struct VisitedCredential
{
    DelegationGrant grant;
    uint32_t usesLeft{0};
    std::optional<DelegationGrant> pendingUpdate; //!< (RAND2, TSK') from the home (claim 18)
    bool updateSent{false}; //!< RAND2 reached the mobile but no confirmation came back yet
};

/** The visited AAA's table of delegated TSKs, bounded (oldest expiry evicted first). */
class VisitedTskStore
{
public:
    explicit VisitedTskStore(size_t maxEntries = 100000);

    /** Installs (replacing) the grant of claim 1 for grant.identity. */
    void Install(const DelegationGrant& grant);
    /** Stores the (RAND2, TSK') of claim 18; false when there is no TSK to update. */
    bool InstallUpdate(const DelegationGrant& update);
    VisitedCredential* Find(const std::string& identity);
    void Remove(const std::string& identity);
    size_t Size() const { return m_entries.size(); }

private:
    size_t m_max;
    std::map<std::string, VisitedCredential> m_entries;
};

struct EapTskServerConfig
{
    std::string realm;                       //!< this visited domain's realm (AT_SERVER_ID)
    TimeNs conversationTimeout{Seconds(30)}; //!< whole-conversation deadline
};

/**
 * The visited AAA's EAP-TSK server for one conversation (pass-through: the AP
 * retransmits, this object only keeps a conversation deadline).
 */
class EapTskServer
{
public:
    enum class State
    {
        Idle,
        WaitChallengeResponse,
        WaitHome,
        WaitUpdateResponse,
        WaitUpdateAuthResponse,
        WaitResultResponse,
        Success,
        Failed,
        Fallback,
    };

    EapTskServer(EapTskServerConfig config, VisitedTskStore& store, RandomSource& rng);

    /**
     * Starts after the EAP-Response/Identity (lastIdentifier is its identifier).
     * Without a usable TSK: FallbackToHome event and no packet.
     */
    EapTskOutput Start(const std::string& identity, uint8_t lastIdentifier, TimeNs now);
    EapTskOutput HandleResponse(const Bytes& eapPacket, TimeNs now);
    /** The home's answer to a HostChallengeRelay; std::nullopt when the home refused. */
    EapTskOutput OnHomeHostResponse(const std::optional<Bytes>& homeResponse, TimeNs now);
    std::optional<TimeNs> NextDeadline() const;
    EapTskOutput OnTimeout(TimeNs now);
    /** A key to distribute to the mobile in the Result (claims 7, 9), encrypted. */
    void SetDistributedKey(uint32_t keyId, const Bytes& key);

    State GetState() const { return m_state; }
    /** Identifier of the last request sent (a fallback EAP-AKA continues from it). */
    uint8_t LastIdentifier() const { return m_id; }

private:
    EapTskOutput OnChallengeResponse(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnUpdateResponse(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnUpdateAuthResponse(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnResultResponse(const EapTskMessage& msg, const Bytes& raw);
    EapTskOutput OnClientError(const EapTskMessage& msg);
    /** After the Challenge (and the home's host response): Update or Result. */
    EapTskOutput Continue();
    EapTskOutput SendRequest(EapTskMessage msg, EapTskOutput out);
    EapTskOutput Fail(EapTskReason reason, EapTskOutput out = {});
    void CommitUpdate(EapTskOutput& out);

    EapTskServerConfig m_config;
    VisitedTskStore& m_store;
    RandomSource& m_rng;
    State m_state{State::Idle};
    std::string m_identity;
    uint8_t m_id{0};
    TimeNs m_deadline{0};

    Bytes m_rand; //!< RAND of the TSK this conversation runs under
    Bytes m_tsk;
    TskKeys m_keys;
    bool m_commitOnChallenge{false}; //!< the Challenge carried RAND2 of an unconfirmed update
    Bytes m_oldRand;
    Bytes m_nonceS;
    Bytes m_nonceP;
    Bytes m_nar;
    Bytes m_rand3;
    Bytes m_newTsk;
    Bytes m_newRand;
    std::optional<Bytes> m_hostRes;
    std::optional<std::pair<uint32_t, Bytes>> m_distKey;
};

} // namespace roamsec

#endif // ROAMSEC_EAP_TSK_H
