/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An 802.11 AP's 802.1X authenticator: EAPOL (0x888E) with its stations, EAP
 * relayed to the visited AAA in RADIUS over the backhaul, the PMKSA cache, the
 * 4-way and group key handshakes, and the controlled port of each station.
 */
#ifndef ROAMSEC_ROAMING_ACCESS_POINT_H
#define ROAMSEC_ROAMING_ACCESS_POINT_H

#include "handoff-recorder.h"
#include "ns3/application.h"
#include "ns3/dot1x-authenticator.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/neighbor-report.h"
#include "ns3/net-device.h"
#include "ns3/pmksa-cache.h"
#include "ns3/rsn-handshake.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"
#include "roaming-ap-method.h"
#include "roaming-core-adapter.h"

#include <map>
#include <memory>

namespace roamsec {
class OkcKeyStore;
class PreassocApSession;
} // namespace roamsec

namespace ns3 {

class Dot1xControlledPort;
class WifiMpdu;
class WifiMac;
class RoamingAssocElements;
class RoamingLabAttacker;
struct RoamingAssocFrame;

/**
 * \ingroup roaming-security
 *
 * An 802.11 AP's 802.1X authenticator (the application on each AP): EAPOL with its
 * stations, EAP relayed to the visited AAA in RADIUS over the backhaul (RFC 3579) by a
 * roamsec::Dot1xAuthenticator (doc/dot1x.rst) that this class only connects to its
 * sockets and timers, the PMKSA cache, the 4-way and group key handshakes, the controlled port of
 * each station, the AP side of pre-authentication (0x88C7, relayed by its bridge) and of the
 * pre-association PTK (over the DS and in the reassociation exchange).
 */
class RoamingAccessPoint : public Application, public RoamingApMethodHost
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingAccessPoint();
    ~RoamingAccessPoint() override;

    /**
     * The AP's 802.11 device (BSS side). Must be set before the application starts.
     * \param wifi the AP's Wi-Fi device
     */
    void SetWifiDevice(Ptr<NetDevice> wifi);
    /**
     * The AP's backhaul bridge (source of pre-auth frames).
     * \param bridge the BridgeNetDevice joining the Wi-Fi device and the backhaul port
     */
    void SetBackhaulDevice(Ptr<NetDevice> bridge);
    /**
     * The AP's own port on the backhaul LAN: where other APs' Layer 2 Updates arrive.
     * \param port the AP's backhaul (CSMA) device
     */
    void SetBackhaulPort(Ptr<NetDevice> port);
    /**
     * The RADIUS server of this AP (the visited AAA).
     * \param aaa its address (port: the AaaPort attribute)
     * \param secret the shared secret
     */
    void SetAaa(Ipv4Address aaa, const std::string& secret);
    /** \param recorder the recorder of this simulation's handoffs */
    void SetRecorder(Ptr<HandoffRecorder> recorder);
    /** \param port the 802.1X port of the AP's Wi-Fi device */
    void SetControlledPort(Ptr<Dot1xControlledPort> port);
    /** \param index the AP's index in the topology and in the handoff records */
    void SetApIndex(int32_t index);
    /**
     * Carrier of this AP's elements in (re)association responses.
     * \param elements the RoamingAssocElements of the AP's Wi-Fi device
     */
    void SetAssocElements(Ptr<RoamingAssocElements> elements);
    /**
     * The teaching lab's attacker: sees every EAPOL and DS frame the AP receives from a
     * station before the AP processes it (doc/teaching.rst).
     * \param attacker the attacker, or null for none
     */
    void SetLabAttacker(Ptr<RoamingLabAttacker> attacker);
    /**
     * Opportunistic key caching: the PMK store shared by the APs of the AP's mobility
     * domain (RoamingSecurityHelper gives its APs one). A station that offers the PMKID
     * of a domain PMK computed for this AP skips EAP (doc/methods.rst).
     * \param store the domain's store, or null for none
     */
    void SetOkcKeyStore(std::shared_ptr<roamsec::OkcKeyStore> store);
    /**
     * The AP's 802.11k neighbour report, sent in every (re)association response.
     * \param neighbors the neighbour APs, in the order the report lists them
     */
    void SetNeighborReport(const std::vector<roamsec::NeighborReportEntry>& neighbors);
    /**
     * The FT key holders of the AP's mobility domain (RoamingSecurityHelper sets them):
     * as R0KH it pushes PMK-R1s to each R1KH with the pair's key; as R1KH it accepts
     * pushes from each R0KH (by R0KH-ID, the NAS-Identifier) with the pair's key.
     * \param r1khKeys R1KH-ID (BSSID) to 16-byte key
     * \param r0khKeys R0KH-ID to 16-byte key
     */
    void SetFtKeyHolders(const std::map<Mac48Address, roamsec::Bytes>& r1khKeys,
                         const std::map<std::string, roamsec::Bytes>& r0khKeys);
    /** \return the MobilityDomain attribute (0: no FT) */
    uint16_t GetMobilityDomain() const;
    /** \return the NAS-Identifier (R0KH-ID), set at the latest when the application starts */
    std::string GetNasIdentifier() const;
    /**
     * Signature of the SecurityRefusal trace source.
     * \param sta the station the message came from
     * \param check the check that failed, e.g. "eapol-key:mic-failure"
     */
    typedef void (*RefusalCallback)(Mac48Address sta, const std::string& check);
    /**
     * Signature of the AuthFailed and Deauthenticated trace sources.
     * \param sta the station
     * \param reason the 802.11 reason code (IEEE 802.11-2020 Table 9-49)
     */
    typedef void (*AuthFailedCallback)(Mac48Address sta, uint16_t reason);
    /**
     * Fixes the AP's random stream (nonces, GTK, RADIUS authenticators; ns-3 convention).
     * \param stream the stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \return the RSNE this AP advertises (CCMP, 802.1X AKM); ns-3 beacons do not
     *         carry it
     */
    static roamsec::Bytes DefaultRsne();

    /**
     * PMKIDs a station offers in the RSNE of its (re)association request (PMKSA caching).
     * \param sta the station
     * \param pmkids the PMKIDs of its RSNE
     */
    void NotifyOfferedPmkids(Mac48Address sta, const std::vector<roamsec::Bytes>& pmkids);
    /**
     * A station completed (re)association with this AP: its state is reset and its port
     * closed until it authenticates.
     * \param sta the station
     */
    void NotifyAssociated(Mac48Address sta);
    /**
     * A station left: its port is closed and its state dropped.
     * \param sta the station
     */
    void NotifyDisassociated(Mac48Address sta);
    /**
     * EAPOL-Start received: PMKSA cache lookup, then the 4-way handshake or EAP.
     * \param sta the station
     */
    void StartAuthentication(Mac48Address sta);

    /** \return the AP's PMKSA cache (exists once the application has started) */
    roamsec::PmksaCache& GetPmksaCache();
    /** \return the counters of the AP's RADIUS client (once the application has started) */
    const roamsec::RadiusClientCounters& GetRadiusCounters() const;
    /**
     * \return EAPOL frames dropped: empty or undecodable, of an unexpected type or state,
     *         or an EAP Response that does not answer the outstanding Request
     */
    uint64_t GetDroppedEapolFrames() const;
    /** \return Deauthentication frames this AP sent (stations it gave up on) */
    uint64_t GetDeauthentications() const;

protected:
    void DoDispose() override;

private:
    /** What the AP keeps per station besides its 802.1X conversation (m_dot1x). */
    struct Station
    {
        Mac48Address address;
        std::unique_ptr<roamsec::Authenticator> rsn;
        std::vector<roamsec::Bytes> offeredPmkids;
        roamsec::Bytes requestRsne; //!< RSNE of the station's (re)association request
        bool portOpen{false};
        bool viaDs{false}; //!< pre-authentication: frames travel over the DS (0x88C7)
        EventId rsnTimer;
    };

    void StartApplication() override;
    void StopApplication() override;
    void ReceiveEapol(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                      const Address& from, const Address& to, NetDevice::PacketType type);
    void ReceiveRadius(Ptr<Socket> socket);
    void ReceiveDs(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                   const Address& from, const Address& to, NetDevice::PacketType type);
    void SendDs(Mac48Address sta, uint16_t etherType, const roamsec::Bytes& payload);
    // RoamingApMethodHost: what the AP-side method strategies use of the AP
    Mac48Address GetBssid() const override;
    roamsec::RandomSource& GetRandom() override;
    roamsec::PmksaCache& GetPmksa() override;
    const roamsec::GroupKey& GetGroupKey() const override;
    void SendBackhaulFrame(Mac48Address to, uint16_t etherType, const roamsec::Bytes& payload,
                           Mac48Address sta) override;
    void SendManagementFrame(Mac48Address sta, WifiMacType type,
                             const roamsec::Bytes& body) override;
    void OpenPortFor(Mac48Address sta) override;
    void CountDroppedFrame(Mac48Address sta, const std::string& check) override;
    void ReportRefusal(Mac48Address sta, const std::string& check) override;
    void MakeMethods(Ptr<WifiMac> mac);
    bool ReceiveMacFrame(Ptr<const WifiMpdu> mpdu);
    uint16_t AssocResponseStatus(Mac48Address sta);
    std::vector<uint8_t> AssocResponseElements(Mac48Address sta, const RoamingAssocFrame& request);
    void AssocRequestReceived(const RoamingAssocFrame& frame);
    void StaAssociated(uint16_t aid, Mac48Address sta);
    void ReceiveLayer2Update(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                             const Address& from, const Address& to, NetDevice::PacketType type);
    void StaDisassociated(uint16_t aid, Mac48Address sta);
    void ApplyDot1xOutput(const roamsec::Dot1xOutput& out);
    void ArmDot1xTimer();
    void OnDot1xTimer();
    void StartFourWay(Station& station, const roamsec::Bytes& pmk, const roamsec::Bytes& pmkid);
    void ApplyHandshakeOutput(Station& station, const roamsec::HandshakeOutput& out);
    bool PassesAttacker(uint16_t etherType, Mac48Address sta, roamsec::Bytes& pdu);
    void ArmRsnTimer(Station& station);
    void OnRsnTimer(Mac48Address sta);
    void SendEapol(Station& station, uint8_t type, const roamsec::Bytes& body);
    void SendRadius(const roamsec::Bytes& datagram, Mac48Address sta);
    void OpenPort(Station& station);
    void ScheduleDeauthentication(Mac48Address sta, uint16_t reason, const std::string& why);
    void Deauthenticate(Mac48Address sta, uint16_t reason, const std::string& why);
    int64_t MobileOf(Mac48Address sta) const;
    Station& GetStation(Mac48Address sta);

    Ptr<NetDevice> m_wifi;
    Ptr<NetDevice> m_backhaul;
    Ptr<NetDevice> m_backhaulPort;
    Ipv4Address m_aaa;
    std::string m_secret;
    uint16_t m_aaaPort;
    std::string m_nasIdentifier;
    Time m_pmkLifetime;
    uint32_t m_pmksaCapacity;
    Time m_eapolRetransmit;
    Time m_eapRetransmit;
    uint32_t m_eapMaxRetransmissions;
    int32_t m_apIndex{-1};
    Ptr<Dot1xControlledPort> m_port;
    Ptr<HandoffRecorder> m_recorder;
    Ptr<Socket> m_socket;
    Ns3RandomSource m_rng;
    std::unique_ptr<roamsec::Dot1xAuthenticator> m_dot1x; //!< EAP relay and RADIUS client
    std::unique_ptr<roamsec::PmksaCache> m_pmksa;
    roamsec::GroupKey m_group;
    std::map<Mac48Address, Station> m_stations;
    EventId m_dot1xTimer;
    uint64_t m_droppedEapol{0};
    Time m_preassocPtkLifetime;
    Ptr<RoamingAssocElements> m_elements;
    bool m_deauthOnFailure{true};
    Time m_deauthDelay;
    uint64_t m_deauthentications{0};

    TracedCallback<Mac48Address> m_portOpenTrace;
    TracedCallback<Mac48Address, uint16_t> m_authFailedTrace;
    TracedCallback<Mac48Address, const std::string&> m_refusalTrace;
    TracedCallback<Mac48Address, uint16_t> m_deauthTrace;
    Ptr<RoamingLabAttacker> m_attacker;
    std::shared_ptr<roamsec::OkcKeyStore> m_okc; //!< for the okc strategy
    /// The AP sides of the methods that need AP code of their own (pre-association PTK,
    /// OKC with a key store, FT with a mobility domain), in the order their elements go
    /// into a response.
    std::vector<std::unique_ptr<RoamingApMethod>> m_methods;
    std::vector<uint8_t> m_neighborReport; //!< Neighbor Report elements for responses
    uint16_t m_mobilityDomain{0};
    bool m_ftOverDs{true};
    Time m_ftReassociationDeadline;
    std::map<Mac48Address, roamsec::Bytes> m_ftR1khKeys;
    std::map<std::string, roamsec::Bytes> m_ftR0khKeys;
    std::map<Mac48Address, uint16_t> m_responseRefusals; //!< status of the response being built
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_ACCESS_POINT_H
