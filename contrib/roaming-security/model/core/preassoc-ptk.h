/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Pre-association PTK (patent 001 claims 1-30): the STA and the *target* AP
 * establish a PTK from a cached PMKSA over the distribution system before the
 * STA roams, so that the (re)association exchange itself carries only
 * Authenticate PTK (SRandom, PTKID, MIC) / Authenticate PTK (ARandom, SRandom,
 * PTKID, GTK, GTKID, MIC) and a Group Key Confirm (ARandom, MIC). Follows the
 * shape of IEEE 802.11-2016 clause 13 (FT over-the-DS, PTKName, MIC under the
 * KCK in the reassociation frames) where the claims are vague.
 * See doc/preassoc-ptk.rst for byte layouts and the design choices.
 */
#ifndef ROAMSEC_PREASSOC_PTK_H
#define ROAMSEC_PREASSOC_PTK_H

#include "roamsec-bytes.h"
#include "roamsec-crypto.h"
#include "roamsec-time.h"
#include "rsn-keys.h"

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace roamsec {

/** Element ID of the vendor-specific element (IEEE 802.11-2016 9.4.2.26). */
constexpr uint8_t kVendorSpecificElementId = 221;
/**
 * OUI field of our vendor-specific elements: 0A-52-53 is in the CID
 * (company ID) block (second nibble 0xA), so it can never equal a MA-L OUI.
 * It is unregistered: a deployment substitutes its own OUI/CID.
 */
constexpr std::array<uint8_t, 3> kPreassocOui = {0x0A, 0x52, 0x53};

/**
 * EtherType of the over-DS pre-association messages (DsPtkMsg1..4, Group Key
 * Confirm): the IEEE 802 local experimental EtherType 1 (IEEE Std 802, 9.2.4). The
 * pre-authentication EtherType 0x88C7 carries EAPOL only (802.11-2016 12.6.10.2).
 */
constexpr uint16_t kEtherTypePreassoc = 0x88B5;
constexpr size_t kPreassocRandomLen = 32; // SRandom, ARandom, ANonce, SNonce
constexpr size_t kPtkidLen = 16;
constexpr size_t kPreassocMicLen = 16; // HMAC-SHA1-128

/** Octet after the OUI: which message the element carries. */
enum class PreassocSubtype : uint8_t
{
    SaTypeList = 0x01,      ///< STA offer (reassoc request) / AP's list on refusal
    SaTypeSelection = 0x02, ///< AP's choice (reassoc response)
    AuthPtkRequest = 0x03,  ///< claim 7: Authenticate PTK (SRandom, PTKID, MIC)
    AuthPtkResponse
        = 0x04, ///< claim 7: Authenticate PTK (ARandom, SRandom, PTKID, GTK, GTKID, MIC)
    GroupKeyConfirm = 0x05, ///< claim 7: Group Key Confirm (ARandom, MIC)
    DsPtkMsg1 = 0x10,       ///< over-DS STA->target AP: PMKID, SNonce
    DsPtkMsg2 = 0x11,       ///< over-DS AP->STA: status, SNonce, ANonce, PTKID, lifetime, MIC
    DsPtkMsg3 = 0x12,       ///< over-DS STA->AP: PTKID, ANonce, MIC
    DsPtkMsg4 = 0x13,       ///< over-DS AP->STA: PTKID, MIC
};

/** Security association types (claim 10, "negotiating a security association type"). */
enum class SaType : uint8_t
{
    Full8021X = 1,   ///< full 802.1X/EAP authentication then 4-way handshake
    CachedPmk = 2,   ///< PMKSA caching (802.11-2016 12.6.10.3) then 4-way handshake
    PreassocPtk = 3, ///< this method: PTK established before reassociation
};

/**
 * Status / reason codes. Values below 0xFF00 reuse IEEE 802.11-2016 Table 9-46
 * status codes whose meaning matches; the 0xFFxx values are ours (no 802.11
 * status code means the same thing). They travel in the (re)association
 * response's Status Code field or in the over-DS message 2 Status field.
 */
enum class PreassocStatus : uint16_t
{
    Success = 0,
    UnspecifiedFailure = 1,
    InvalidElement = 40,    ///< 802.11 INVALID_ELEMENT: malformed or missing element
    UnsupportedSaType = 43, ///< 802.11 INVALID_AKMP: no SA type in common
    UnknownPtkid = 53,      ///< 802.11 INVALID_PMKID: PTKID/PMKID names nothing the AP holds
    StalePtkid = 0xFF01,    ///< PTKID names an expired or superseded PTKSA
    InvalidMic = 0xFF02,
    ReplayedSRandom = 0xFF03,
    InvalidSRandomEcho = 0xFF04, ///< STA: response does not echo our SRandom/PTKID
    InvalidARandomEcho = 0xFF05, ///< AP: confirm does not echo the ARandom sent
    GtkUnwrapFailed = 0xFF06,    ///< STA: AES key unwrap integrity check failed
    Timeout = 0xFF07,
};

/** Human-readable name, for logs and results files. */
std::string PreassocStatusName(PreassocStatus status);

// ------------------------------------------------------------------ codecs

/** Element header + body: 221, Length, OUI(3), Subtype(1), body. */
Bytes EncodePreassocElement(PreassocSubtype subtype, const Bytes& body);

/**
 * Walks an element list (ID, Length, Information) and returns the whole raw
 * element (header included) of ours with the given subtype, or nullopt when
 * absent. Throws ParseError when the list is truncated or the subtype occurs
 * twice (a duplicate is ambiguous, IEEE 802.11-2016 10.27.8 style reject).
 */
std::optional<Bytes> FindPreassocElement(const Bytes& elements, PreassocSubtype subtype);

/** Checks the header of one raw element; returns its body. Throws ParseError. */
Bytes PreassocElementBody(const Bytes& element, PreassocSubtype subtype);

/** SA Type List (0x01) or SA Type Selection (0x02): Count(1), Types(Count). */
struct SaTypeElement
{
    PreassocSubtype subtype{PreassocSubtype::SaTypeList};
    std::vector<uint8_t> types; ///< raw values: unknown types are kept and ignored

    Bytes Encode() const;
    static SaTypeElement Decode(const Bytes& element);
};

/** Authenticate PTK request (0x03): SRandom(32), PTKID(16), MIC(16). */
struct AuthPtkRequest
{
    Bytes sRandom;
    Bytes ptkid;
    Bytes mic;

    Bytes Encode() const;
    static AuthPtkRequest Decode(const Bytes& element);
};

/**
 * Authenticate PTK response (0x04): ARandom(32), SRandom(32), PTKID(16),
 * GTKID(1: key ID in bits 0-1), GTK length(1), RSC(8), Wrapped GTK(length+8),
 * MIC(16). GTK length is 16, 24 or 32 (RFC 3394 needs a multiple of 8, >= 16).
 */
struct AuthPtkResponse
{
    Bytes aRandom;
    Bytes sRandom;
    Bytes ptkid;
    uint8_t gtkId{1};
    Bytes rsc; ///< 8 octets, the AP's group transmit sequence counter
    Bytes wrappedGtk;
    Bytes mic;

    Bytes Encode() const;
    static AuthPtkResponse Decode(const Bytes& element);
};

/** Group Key Confirm (0x05): ARandom(32), MIC(16). */
struct GroupKeyConfirm
{
    Bytes aRandom;
    Bytes mic;

    Bytes Encode() const;
    static GroupKeyConfirm Decode(const Bytes& element);
};

/**
 * Over-DS PTK establishment messages (0x10-0x13). Every one starts with the
 * STA address and the target BSSID so that the current AP can relay it.
 *  Msg1: STA(6) BSSID(6) PMKID(16) SNonce(32)
 *  Msg2: STA(6) BSSID(6) Status(2) SNonce(32) ANonce(32) PTKID(16) Lifetime(4, s) MIC(16)
 *  Msg3: STA(6) BSSID(6) PTKID(16) ANonce(32) MIC(16)
 *  Msg4: STA(6) BSSID(6) PTKID(16) MIC(16)
 * Absent fields of a message are empty / zero.
 */
struct DsPtkMessage
{
    PreassocSubtype subtype{PreassocSubtype::DsPtkMsg1};
    MacAddr sta{};
    MacAddr bssid{};
    uint16_t status{0};
    Bytes pmkid;
    Bytes sNonce;
    Bytes aNonce;
    Bytes ptkid;
    uint32_t lifetimeSeconds{0};
    Bytes mic;

    Bytes Encode() const;
    /** Decodes one raw element of subtype 0x10-0x13. Throws ParseError. */
    static DsPtkMessage Decode(const Bytes& element);
};

// --------------------------------------------------------------- key names

/**
 * PTKID = Truncate-128(SHA-256(PMKID || "PREASSOC PTKID" || SNonce || ANonce ||
 * BSSID || STA)), after the PTKName of IEEE 802.11-2016 13.7.1.6.5: it names
 * exactly one PTK since it binds every input of DerivePtk.
 */
Bytes ComputePtkid(const Bytes& pmkid, const Bytes& sNonce, const Bytes& aNonce,
                   const MacAddr& bssid, const MacAddr& sta);

/**
 * MIC = Truncate-128(HMAC-SHA1(KCK, STA || BSSID || covered || element)) with
 * the element's MIC field (its last 16 octets) zeroed. `covered` is the
 * other MIC-protected element (the SA type element in the reassociation
 * frames; empty otherwise).
 */
Bytes ComputePreassocMic(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid,
                         const Bytes& covered, const Bytes& element);

/** Returns element with its last 16 octets replaced by the MIC over it. */
Bytes SealPreassocElement(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid,
                          const Bytes& covered, Bytes element);

/** Verifies the MIC in the last 16 octets of element, in constant time. */
bool VerifyPreassocMic(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid,
                       const Bytes& covered, const Bytes& element);

// ----------------------------------------------------------- state machines

struct PreassocEvent
{
    enum class Kind
    {
        PtkEstablished, ///< over-DS exchange done: PTK held by both, not yet in use
        PtkInstalled,   ///< reassociation accepted: TK to be installed for unicast
        GtkInstalled,   ///< STA: GTK unwrapped; AP: GTK receipt confirmed
        PortOpen,       ///< 802.1X controlled port may open for this peer
        SaTypeSelected, ///< a type other than PreassocPtk was selected: run it instead
        Refused,        ///< the attempt failed with `status`
        Discarded,      ///< a message failed a check and was dropped silently
    };
    Kind kind;
    MacAddr peer{};
    PreassocStatus status{PreassocStatus::Success};
    SaType saType{SaType::PreassocPtk};
};

/** What a handler returns: at most one message to send, plus events. */
struct PreassocOutput
{
    Bytes message; ///< empty: nothing to send
    std::vector<PreassocEvent> events;
};

struct PreassocStaConfig
{
    MacAddr sta{};
    MacAddr targetBssid{};
    Bytes pmk;   ///< PMK of the PMKSA held for the target AP (cached or pre-authenticated)
    Bytes pmkid; ///< its PMKID (ComputePmkid(pmk, targetBssid, sta))
    /** Offered in preference order; must contain PreassocPtk to use this session. */
    std::vector<SaType> offeredSaTypes{SaType::PreassocPtk, SaType::CachedPmk, SaType::Full8021X};
    TimeNs retransmitInterval{Milliseconds(100)};
    int maxTransmissions{3};
    TimeNs reassocResponseTimeout{Milliseconds(500)};
};

/**
 * The STA side. Flow: Start() -> Msg1; HandleDsMessage(Msg2) -> Msg3;
 * HandleDsMessage(Msg4) -> PtkEstablished; BuildReassocElements() -> elements
 * for the reassociation request; HandleReassocResponse() -> Group Key Confirm
 * + PtkInstalled, GtkInstalled, PortOpen.
 */
class PreassocStaSession
{
public:
    enum class State
    {
        Idle,
        AwaitMsg2,
        AwaitMsg4,
        PtkReady,
        AwaitReassocResponse,
        Done,
        Fallback, ///< another SA type was selected
        Failed,
    };

    PreassocStaSession(PreassocStaConfig config, RandomSource& rng);

    /** Starts the over-DS exchange; returns Msg1 (to the current AP for relay). */
    PreassocOutput Start(TimeNs now);
    /** Msg2 or Msg4 relayed back by the current AP. */
    PreassocOutput HandleDsMessage(const Bytes& message, TimeNs now);
    /**
     * In PtkReady: the SA Type List and Authenticate PTK request elements
     * to append to the reassociation request (fresh SRandom each call).
     */
    Bytes BuildReassocElements(TimeNs now);
    /** Status Code and elements of the reassociation response. */
    PreassocOutput HandleReassocResponse(uint16_t statusCode, const Bytes& elements, TimeNs now);

    std::optional<TimeNs> NextDeadline() const;
    PreassocOutput OnTimeout(TimeNs now);

    State GetState() const { return m_state; }
    const std::optional<Ptk>& GetPtk() const { return m_ptk; }
    const Bytes& GetPtkid() const { return m_ptkid; }
    const Bytes& GetGtk() const { return m_gtk; }
    uint8_t GetGtkId() const { return m_gtkId; }
    const Bytes& GetRsc() const { return m_rsc; }
    /** PTKSA expiry (absolute) as announced by the AP in Msg2. */
    TimeNs GetPtkExpiry() const { return m_ptkExpiry; }

private:
    PreassocOutput Fail(PreassocStatus status);
    PreassocOutput HandleMsg2(const DsPtkMessage& msg, const Bytes& raw, TimeNs now);
    PreassocOutput HandleMsg4(const DsPtkMessage& msg, const Bytes& raw, TimeNs now);

    PreassocStaConfig m_config;
    RandomSource& m_rng;
    State m_state{State::Idle};
    Bytes m_sNonce;
    Bytes m_aNonce;
    Bytes m_ptkid;
    std::optional<Ptk> m_ptk;
    TimeNs m_ptkExpiry{0};
    Bytes m_lastSent;
    int m_transmissions{0};
    std::optional<TimeNs> m_deadline;
    Bytes m_sRandom;
    Bytes m_saOffer;
    Bytes m_gtk;
    uint8_t m_gtkId{0};
    Bytes m_rsc;
};

struct PreassocApConfig
{
    MacAddr bssid{};
    std::vector<SaType> supportedSaTypes{SaType::PreassocPtk, SaType::CachedPmk, SaType::Full8021X};
    TimeNs ptkLifetime{Seconds(10)};          ///< PTKSA usable for reassociation this long
    TimeNs handshakeTimeout{Seconds(1)};      ///< Msg2 sent -> Msg3 expected
    TimeNs confirmTimeout{Milliseconds(500)}; ///< reassoc response -> Group Key Confirm
    size_t maxStations{1024};                 ///< PTKSA table bound
    size_t replayCacheSize{1024};             ///< SRandom replay cache bound
    size_t staleCacheSize{256};               ///< retired PTKIDs remembered as "stale"
};

/**
 * The target AP side, one object per BSSID and many STAs. PMKSAs come from
 * the caller (PMKSA cache / pre-authentication) through a lookup callback.
 */
class PreassocApSession
{
public:
    /** PMK for (STA, PMKID), or nullopt when no such PMKSA is cached. */
    using PmkLookup = std::function<std::optional<Bytes>(const MacAddr& sta, const Bytes& pmkid)>;

    struct ReassocResult
    {
        uint16_t statusCode{0}; ///< for the reassociation response's Status Code field
        Bytes elements;         ///< to append to the reassociation response
        std::vector<PreassocEvent> events;
    };

    PreassocApSession(PreassocApConfig config, PmkLookup lookup, RandomSource& rng);

    /** The group key the AP distributes (GTK 16/24/32 octets, key ID 1-3, RSC 8 octets). */
    void SetGroupKey(const Bytes& gtk, uint8_t keyId, const Bytes& rsc);

    /** Msg1 or Msg3 relayed by the current AP; returns Msg2 or Msg4. */
    PreassocOutput HandleDsMessage(const Bytes& message, TimeNs now);
    /** Elements of a reassociation request from sta. */
    ReassocResult HandleReassocRequest(const MacAddr& sta, const Bytes& elements, TimeNs now);
    /** A Group Key Confirm element from an associated sta. */
    PreassocOutput HandleGroupKeyConfirm(const MacAddr& sta, const Bytes& message, TimeNs now);

    std::optional<TimeNs> NextDeadline() const;
    PreassocOutput OnTimeout(TimeNs now);

    /** The PTK held for sta (established, associated or open), if any. */
    std::optional<Ptk> GetPtk(const MacAddr& sta) const;
    /** Forgets sta's PTKSA (disassociation, deauthentication); its PTKID becomes stale. */
    void Disassociate(const MacAddr& sta);
    bool IsPortOpen(const MacAddr& sta) const;
    size_t GetStationCount() const { return m_stations.size(); }

private:
    enum class StaState
    {
        AwaitMsg3,
        Established,
        AwaitConfirm,
        PortOpen,
    };

    struct Station
    {
        StaState state{StaState::AwaitMsg3};
        Bytes pmkid;
        Bytes sNonce;
        Bytes aNonce;
        Bytes ptkid;
        Ptk ptk;
        TimeNs expiry{0}; ///< AwaitMsg3: handshake timeout; later: PTKSA lifetime
        Bytes msg2;
        Bytes msg4;
        Bytes aRandom;
        TimeNs confirmDeadline{0};
    };

    PreassocOutput HandleMsg1(const DsPtkMessage& msg, TimeNs now);
    PreassocOutput HandleMsg3(const DsPtkMessage& msg, const Bytes& raw, TimeNs now);
    ReassocResult Refuse(const MacAddr& sta, PreassocStatus status, Bytes elements = {});
    void Retire(const Bytes& ptkid);
    bool IsStale(const Bytes& ptkid) const;
    void RememberSRandom(const Bytes& sRandom);
    bool HasSeenSRandom(const Bytes& sRandom) const;
    void MakeRoom();

    PreassocApConfig m_config;
    PmkLookup m_lookup;
    RandomSource& m_rng;
    Bytes m_gtk;
    uint8_t m_gtkId{1};
    Bytes m_rsc;
    std::map<MacAddr, Station> m_stations;
    std::deque<Bytes> m_staleOrder;
    std::set<Bytes> m_stale;
    std::deque<Bytes> m_replayOrder;
    std::set<Bytes> m_replay;
};

} // namespace roamsec

#endif // ROAMSEC_PREASSOC_PTK_H
