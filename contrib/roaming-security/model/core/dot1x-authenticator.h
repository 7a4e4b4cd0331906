/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Sans-IO IEEE 802.1X authenticator in pass-through mode (IEEE 802.1X-2010
 * 8.2.9, RFC 3579): per station, EAP between the supplicant and a RADIUS
 * server. It opens with EAP-Request/Identity, retransmits an unanswered
 * EAP-Request (RFC 3748 4.3), relays only the Response to the outstanding
 * Request, carries the RADIUS State, and turns the MS-MPPE-Recv-Key of an
 * Access-Accept into the PMK. EAP packets and RADIUS datagrams in, the same
 * out plus events; time and randomness are injected. How an EAP packet
 * reaches its station (EAPOL over the air or over the DS) is the caller's.
 */
#ifndef ROAMSEC_DOT1X_AUTHENTICATOR_H
#define ROAMSEC_DOT1X_AUTHENTICATOR_H

#include "radius-client.h"
#include "roamsec-bytes.h"
#include "roamsec-time.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roamsec {

class RandomSource;

struct Dot1xAuthenticatorConfig
{
    Bytes secret;              //!< shared with the RADIUS server
    std::string nasIdentifier; //!< NAS-Identifier of every Access-Request
    MacAddr nasAddress{};      //!< Called-Station-Id (the BSSID)
    uint32_t framedMtu{1400};  //!< Framed-MTU: EAP packets the link carries (RFC 3579 2.4)
    TimeNs eapRetransmitTimeout{Seconds(1)}; //!< wait for an EAP Response
    uint32_t eapMaxRetransmissions{3};       //!< then the authentication fails
    RadiusClientConfig radius;               //!< RADIUS retransmission
};

/** Why an authentication failed. The 802.11 reason is 23 (IEEE 802.1X authentication failed). */
enum class Dot1xFailure
{
    AccessReject,   //!< the server refused (EAP-Failure sent to the station)
    NoKeys,         //!< Access-Accept without a usable MS-MPPE-Recv-Key
    EapTimeout,     //!< no EAP Response after the last retransmission
    AaaUnreachable, //!< the RADIUS client gave up on the server
};

const char* ToString(Dot1xFailure failure);

/** Why an EAP packet from a station was dropped (silently, RFC 3748 4.1). */
enum class Dot1xDiscard
{
    Malformed,            //!< not a valid EAP packet
    NotAResponse,         //!< a supplicant only sends Responses
    NoOutstandingRequest, //!< nothing to answer (also a late duplicate of an answered Request)
    WrongIdentifier,      //!< does not match the outstanding Request
    NoRadiusIdentifier,   //!< all 256 RADIUS identifiers are in use
};

const char* ToString(Dot1xDiscard discard);

struct Dot1xEvent
{
    enum class Kind
    {
        Authenticated,   //!< Access-Accept with keys: pmk is set
        Failed,          //!< failure says why
        EapDiscarded,    //!< discard says why
        RadiusDiscarded, //!< radiusDiscard says why
    };

    Kind kind{Kind::Failed};
    MacAddr sta{};
    Bytes pmk;     //!< Authenticated: MS-MPPE-Recv-Key[0..31], i.e. the MSK's first 32 octets
    Bytes recvKey; //!< Authenticated: MS-MPPE-Recv-Key as decrypted (MSK[0..31] by convention)
    Bytes sendKey; //!< Authenticated: MS-MPPE-Send-Key as decrypted (MSK[32..63])
    Dot1xFailure failure{Dot1xFailure::AccessReject};
    Dot1xDiscard discard{Dot1xDiscard::Malformed};
    RadiusClientDiscard radiusDiscard{RadiusClientDiscard::None};
};

/** A packet to transmit: an EAP packet for a station or a RADIUS datagram for the server. */
struct Dot1xMessage
{
    enum class To
    {
        Station, //!< bytes: one EAP packet, for EAPOL-Packet
        Server,  //!< bytes: one RADIUS datagram (about station sta)
    };

    To to{To::Station};
    MacAddr sta{};
    Bytes bytes;
};

/** What one call produced: packets to transmit (in order) and events. */
struct Dot1xOutput
{
    std::vector<Dot1xMessage> messages;
    std::vector<Dot1xEvent> events;

    /** \return the first event of that kind, or nullptr */
    const Dot1xEvent* Find(Dot1xEvent::Kind kind) const;
};

struct Dot1xCounters
{
    uint64_t eapRequests{0};        //!< EAP-Requests sent (first transmissions)
    uint64_t eapRetransmissions{0}; //!< EAP-Requests sent again
    uint64_t eapDiscarded{0};       //!< EAP packets from stations dropped
    uint64_t accepts{0};
    uint64_t rejects{0};
    uint64_t challenges{0};
    uint64_t failures{0}; //!< Failed events of any cause
};

/**
 * The authenticator side of 802.1X for all stations of one NAS (an AP), with one
 * RADIUS server. Each station's conversation is independent; the RADIUS
 * identifier space is shared.
 */
class Dot1xAuthenticator
{
public:
    Dot1xAuthenticator(Dot1xAuthenticatorConfig config, RandomSource& rng);

    /**
     * Starts (or restarts) the EAP conversation of a station with
     * EAP-Request/Identity (RFC 3748 5.1); any RADIUS State is forgotten.
     */
    Dot1xOutput Start(const MacAddr& sta, TimeNs now);
    /**
     * The station (re)associated: nothing outstanding any more, no State. Its
     * EAP identifier sequence and last identity are kept.
     */
    void Reset(const MacAddr& sta);
    /**
     * The station left: everything about it is forgotten, including its outstanding
     * Access-Requests (no more retransmissions; a late answer is dropped as unknown).
     */
    void Remove(const MacAddr& sta);

    /** An EAP packet from a station (the body of an EAPOL-Packet). */
    Dot1xOutput ReceiveEap(const MacAddr& sta, const Bytes& eap, TimeNs now);
    /** A datagram from the RADIUS server. */
    Dot1xOutput ReceiveRadius(const Bytes& datagram, TimeNs now);
    /** EAP and RADIUS retransmissions and give-ups due at now. */
    Dot1xOutput OnTimeout(TimeNs now);
    /** Earliest deadline of either; nullopt when nothing is outstanding. */
    std::optional<TimeNs> NextDeadline() const;

    /** \return whether an EAP-Request to this station awaits its Response */
    bool HasOutstandingRequest(const MacAddr& sta) const;

    const Dot1xCounters& GetCounters() const { return m_counters; }

    const RadiusClientCounters& GetRadiusCounters() const { return m_radius.GetCounters(); }

private:
    struct Session
    {
        uint8_t eapIdentifier{0}; //!< of the last Request this authenticator made
        std::string identity;     //!< from the last EAP-Response/Identity (User-Name)
        Bytes radiusState;
        Bytes pendingRequest; //!< EAP-Request awaiting its Response
        uint8_t pendingIdentifier{0};
        uint32_t retransmissions{0};
        TimeNs deadline{0};
    };

    void SendEap(const MacAddr& sta, Session& session, const Bytes& eap, TimeNs now,
                 Dot1xOutput& out);
    void Fail(const MacAddr& sta, Dot1xFailure failure, Dot1xOutput& out);
    void Discard(const MacAddr& sta, Dot1xDiscard discard, Dot1xOutput& out);

    Dot1xAuthenticatorConfig m_config;
    RadiusClient m_radius;
    std::map<MacAddr, Session> m_sessions;
    /** An outstanding Access-Request: for which station, under which RADIUS identifier. */
    struct Outstanding
    {
        MacAddr sta{};
        uint8_t identifier{0};
    };

    std::map<uint64_t, Outstanding> m_cookies; //!< outstanding Access-Requests by cookie
    uint64_t m_nextCookie{1};
    Dot1xCounters m_counters;
};

} // namespace roamsec

#endif // ROAMSEC_DOT1X_AUTHENTICATOR_H
