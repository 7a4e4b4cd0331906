/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A mobile node's supplicant: USIM and EAP-AKA peer, the 4-way handshake, the
 * PMKSA cache and the roaming method; it reports every phase boundary of its
 * handoffs to the recorder and counts the data packets it receives.
 */
#ifndef ROAMSEC_ROAMING_MOBILE_H
#define ROAMSEC_ROAMING_MOBILE_H

#include "handoff-recorder.h"
#include "ns3/aka.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/pmksa-cache.h"
#include "ns3/rsn-handshake.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"
#include "roaming-core-adapter.h"
#include "roaming-mobile-method.h"

#include <map>
#include <memory>
#include <vector>

namespace roamsec {
enum class EapAkaProfile : uint8_t;
class EapAkaPeer;
} // namespace roamsec

namespace ns3 {

class Dot1xControlledPort;
class RoamingAssocElements;
class RoamingAssocObserver;
class RoamingLabAttacker;
class RoamingRssiPolicy;
class WifiMpdu;
struct RoamingAssocFrame;

/**
 * \ingroup roaming-security
 *
 * A mobile node's supplicant (the application on each mobile): the USIM and EAP-AKA
 * peer (EAP-TSK peer for the delegated method), the RSN supplicant of the 4-way and
 * group key handshakes, the PMKSA cache, the STA side of pre-authentication and of the
 * pre-association PTK, and a UDP sink for the correspondent's data flow. It sends
 * EAPOL-Start after every association and reports each phase boundary of its handoffs
 * to the HandoffRecorder. The handoff method is the Method attribute; what is specific
 * to it is a RoamingMobileMethod strategy (doc/methods.rst), and the association life
 * cycle of its device comes from the device's RoamingAssocObserver.
 */
class RoamingMobile
    : public Application
    , private RoamingMobileMethodHost
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingMobile();
    ~RoamingMobile() override;

    /**
     * How a mobile authenticates at each new AP (the Method attribute). Unscoped, so that
     * ns-3.37's int-based EnumValue can hold it.
     */
    enum Method
    {
        FullEap,           //!< "full-eap": EAP-AKA with the home AAA, then the 4-way handshake
        CachedPmk,         //!< "cached-pmk": PMKSA caching; full EAP on a miss
        PreAssociationPtk, //!< "pre-association-ptk": PTK before reassociation (001 claims),
                           //!< full EAP if unavailable
        Delegated, //!< "delegated": local EAP-TSK with the visited domain's delegated key (000)
        FastReauth, //!< "fast-reauth": RFC 4187 fast re-authentication after the first full
                    //!< EAP-AKA (Profile rfc4187 only)
        Okc,        //!< "okc": opportunistic key caching within the APs' mobility domain
        FtOverDs,   //!< "ft-over-ds": IEEE 802.11r FT, FT Request through the current AP
        FtOverAir,  //!< "ft-over-air": IEEE 802.11r FT, FT Authentication with the target
    };

    /** EAP-AKA profile of the peer (the Profile attribute). */
    /// What makes the station leave its AP (doc/roaming-policies.rst).
    enum Policy
    {
        MissedBeacons, //!< "missed-beacons": plain ns-3, the AP is lost after missed beacons
        Rssi,          //!< "rssi": roam while associated on the beacon RSSI, after a scan
    };

    /// How the station finds candidate APs.
    enum ScanType
    {
        PassiveScan,        //!< "passive": listen for Beacons on every channel
        ActiveScan,         //!< "active": Probe Request on every channel
        NeighborReportScan, //!< "neighbour-report": only the channels and APs of the AP's
                            //!< 802.11k neighbour report (actively); all if none was received
    };

    enum Profile
    {
        Draft,   //!< "draft": draft-arkko-pppext-eap-aka-04
        Rfc4187, //!< "rfc4187": RFC 4187
    };

    /**
     * Must be set before the application starts.
     * \param wifi the mobile's Wi-Fi (STA) device
     */
    void SetWifiDevice(Ptr<NetDevice> wifi);
    /** \param recorder the recorder of this simulation's handoffs */
    void SetRecorder(Ptr<HandoffRecorder> recorder);
    /** \param port the 802.1X port of the mobile's Wi-Fi device */
    void SetControlledPort(Ptr<Dot1xControlledPort> port);
    /** \param index the mobile's index in the topology and in the handoff records */
    void SetMobileIndex(uint32_t index);
    /**
     * The subscriber's credentials as stored on its USIM. Must be set before the
     * application starts.
     * \param imsi the IMSI (digits)
     * \param k the subscriber key K (16 bytes)
     * \param opc the operator variant OPc (16 bytes)
     */
    void SetCredentials(const std::string& imsi, const roamsec::Bytes& k,
                        const roamsec::Bytes& opc);
    /**
     * Fixes the mobile's random stream (nonces, IVs; ns-3 convention).
     * \param stream the stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);
    /**
     * Carrier of the mobile's elements in its (re)association requests.
     * \param elements the RoamingAssocElements of the mobile's Wi-Fi device
     */
    void SetAssocElements(Ptr<RoamingAssocElements> elements);
    /**
     * Neighbour APs of each AP (what an 802.11k neighbor report would list): the
     * pre-association method prepares a PTK with each neighbour of its current AP.
     * \param neighbors the BSSIDs of each AP's neighbours, by the AP's BSSID
     */
    void SetNeighbors(const std::map<Mac48Address, std::vector<Mac48Address>>& neighbors);
    /**
     * The teaching lab's attacker: sees every EAPOL and DS frame the mobile receives
     * before the mobile processes it (doc/teaching.rst).
     * \param attacker the attacker, or null for none
     */
    void SetLabAttacker(Ptr<RoamingLabAttacker> attacker);

    /**
     * Signature of the SecurityRefusal trace source.
     * \param check the check that failed, e.g. "eap-aka:bad-mac", "eapol-key:replayed"
     */
    typedef void (*RefusalCallback)(const std::string& check);
    /**
     * Signature of the Deauthenticated trace source.
     * \param bssid the AP that sent the Deauthentication
     * \param reason its reason code (IEEE 802.11-2020 Table 9-49)
     */
    typedef void (*DeauthenticatedCallback)(Mac48Address bssid, uint16_t reason);

    /** \return the handoff method (the Method attribute) */
    Method GetMethod() const;
    /**
     * Pre-association PTKs ready for use, by target BSSID.
     * \return the BSSIDs of the APs with which a PTK is ready
     */
    std::vector<Mac48Address> GetPreparedTargets() const;
    /**
     * PMKIDs this mobile holds for an AP, for the RSNE of its (re)association request.
     * \param bssid the AP
     * \return the PMKID of an unexpired PMKSA with that AP (cached-pmk and
     *         pre-association-ptk methods only), or nothing
     */
    std::vector<roamsec::Bytes> GetPmkidsFor(Mac48Address bssid);
    /** \return the mobile's PMKSA cache (exists once the application has started) */
    roamsec::PmksaCache& GetPmksaCache();
    /**
     * \return EAPOL frames dropped (not from the current AP or target, undecodable,
     *         unexpected, or EAP the peer discarded), plus those the RSN supplicant
     *         rejected (malformed, replayed, MIC failure, unexpected)
     */
    uint64_t GetDroppedEapolFrames() const;
    /** \return the UDP packets received on DataPort (the correspondent's flow) */
    uint64_t GetReceivedDataPackets() const;
    /** \return Deauthentications received from the current AP */
    uint64_t GetDeauthentications() const;

protected:
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;
    void Associated(Mac48Address bssid);
    void Disassociated(Mac48Address bssid);
    void ScanDone(uint32_t candidates);
    void ReceiveEapol(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                      const Address& from, const Address& to, NetDevice::PacketType type);
    void HandleEap(const roamsec::Bytes& eap);
    void EapSucceeded(const roamsec::Bytes& msk) override;
    void EapFailed() override;
    roamsec::EapAkaProfile EapProfile() const;
    std::string ApName(Mac48Address bssid) const;
    void ApplyHandshakeOutput(const roamsec::HandshakeOutput& out);
    void ArmRsnTimer();
    void OnRsnTimer();
    void SendEapol(uint8_t type, const roamsec::Bytes& body) override;
    void SendStart();
    void AuthTimedOut();
    void ReceiveData(Ptr<Socket> socket);
    void MarkEvent(HandoffEvent event);
    void OpenPort();
    void RetireHandshake();
    static uint64_t RejectedByHandshake(const roamsec::Supplicant& rsn);
    void ReceiveDs(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                   const Address& from, const Address& to, NetDevice::PacketType type);
    void SendDs(Mac48Address target, uint16_t etherType, const roamsec::Bytes& payload) override;
    void SendManagementFrame(Mac48Address target, WifiMacType type,
                             const roamsec::Bytes& body) override;
    void ReleaseRequest(Mac48Address bssid) override;
    void RestartAssociation() override;
    std::string GetSsid() const override;
    bool HoldsRequest(Mac48Address bssid);
    void BeaconReceived(Mac48Address bssid, const std::vector<uint8_t>& elements);
    void PrepareTransition(Mac48Address target, Callback<void> ready);
    std::vector<uint8_t> AssocRequestElements(Mac48Address bssid);
    void AssocResponseReceived(const RoamingAssocFrame& frame);
    bool ReceiveMacFrame(Ptr<const WifiMpdu> mpdu);
    /**
     * Leave the AP and start again (association and authentication), at most
     * MaxDeauthRestarts times per handoff; then stay, port closed, and note \p cause.
     */
    void LeaveAndStartAgain(Mac48Address bssid, std::string cause);

    // RoamingMobileMethodHost: what the method strategy uses of the mobile
    Mac48Address GetOwnAddress() const override;
    Mac48Address GetCurrentBssid() const override;
    roamsec::RandomSource& GetRandom() override;
    roamsec::Usim& GetUsim() override;
    roamsec::PmksaCache& GetPmksa() override;
    roamsec::EapAkaPeerConfig GetPeerConfig() const override;
    const roamsec::Bytes& GetSubscriberKey() const override;
    bool GetHostChallenge() const override;
    Time GetPmkLifetime() const override;
    std::vector<Mac48Address> GetNeighbors(Mac48Address bssid) const override;
    void CountDroppedFrame(const std::string& check) override;
    void ReportRefusal(const std::string& check) override;
    bool PassesAttacker(uint16_t etherType, const Address& from, roamsec::Bytes& pdu);
    void CountRsnRejections(const roamsec::RsnCounters& before);
    void MarkFallback() override;

    void ConfigureRoaming();
    void ApplyNeighborReport(const RoamingAssocFrame& frame);

    Method m_method{FullEap};
    Policy m_policy{MissedBeacons};
    ScanType m_scanType{PassiveScan};
    double m_rssiThreshold;
    double m_rssiMinGain;
    uint32_t m_rssiWindow;
    Time m_backgroundScanInterval;
    Time m_candidateMaxAge;
    Ptr<RoamingRssiPolicy> m_rssiPolicy;
    std::vector<Mac48Address> m_reportedNeighbors; //!< of the current AP's neighbour report
    std::string m_realm;
    Profile m_profile{Draft};
    bool m_hostChallenge;
    bool m_allowGsmMode;
    bool m_refusePermanentIdentity;
    uint16_t m_dataPort;
    Time m_pmkLifetime;
    uint32_t m_index{0};
    std::string m_imsi;
    roamsec::Bytes m_k;
    roamsec::Bytes m_opc;
    Ptr<NetDevice> m_wifi;
    Ptr<Dot1xControlledPort> m_port;
    Ptr<HandoffRecorder> m_recorder;
    Ptr<Socket> m_dataSocket;
    Ns3RandomSource m_rng;
    std::unique_ptr<roamsec::Usim> m_usim;
    std::unique_ptr<roamsec::EapAkaPeer> m_eap;
    std::unique_ptr<RoamingMobileMethod> m_methodImpl; //!< the Method attribute's strategy
    std::unique_ptr<roamsec::Supplicant> m_rsn;
    std::unique_ptr<roamsec::PmksaCache> m_pmksa;
    Mac48Address m_bssid;
    bool m_associated{false};
    bool m_portOpen{false};
    bool m_everAssociated{false};
    EventId m_rsnTimer;
    EventId m_startTimer;
    Time m_startPeriod;
    uint32_t m_maxStarts;
    uint32_t m_startsSent{0};
    EventId m_authWatchdog;
    Time m_authTimeout;
    uint32_t m_authRestarts{0};
    Ptr<RoamingAssocElements> m_elements;
    Ptr<RoamingAssocObserver> m_observer;
    std::map<Mac48Address, std::vector<Mac48Address>> m_neighbors;
    roamsec::Bytes m_requestRsne; //!< RSNE of the last (re)association request
    uint64_t m_droppedEapol{0};
    uint64_t m_dataPackets{0};
    Time m_deauthReaction;            //!< DeauthReactionDelay attribute
    uint32_t m_maxDeauthRestarts;     //!< MaxDeauthRestarts attribute
    uint32_t m_deauthRestarts{0};     //!< since the port last opened
    bool m_leavingAfterDeauth{false}; //!< the next DeAssoc is our own, after a Deauthentication
    uint64_t m_deauthentications{0};
    EventId m_deauthEvent;

    TracedCallback<Mac48Address> m_portOpenTrace;
    TracedCallback<Mac48Address> m_eapSuccessTrace;
    TracedCallback<Mac48Address> m_eapFailureTrace;
    TracedCallback<const std::string&> m_refusalTrace;
    TracedCallback<Mac48Address, Mac48Address, double, double> m_roamTrace; //!< "Roam"
    TracedCallback<Mac48Address, uint16_t> m_deauthTrace;
    std::string m_lastRefusal; //!< the last failed check, for the handoff record
    Ptr<RoamingLabAttacker> m_attacker;
};

/**
 * \ingroup roaming-security
 *
 * How a mobile authenticates at each new AP (RoamingMethod::FullEap etc.).
 */
using RoamingMethod = RoamingMobile::Method;

/**
 * \param method a handoff method
 * \return its name: "full-eap", "cached-pmk", "pre-association-ptk", "delegated",
 *         "fast-reauth", "okc", "ft-over-ds" or "ft-over-air"
 */
const char* RoamingMethodName(RoamingMethod method);
/// \return the RoamingPolicy attribute's name of a policy
const char* RoamingPolicyName(RoamingMobile::Policy policy);
/// \return the ScanType attribute's name of a scan type
const char* RoamingScanTypeName(RoamingMobile::ScanType scan);
/**
 * Parses "full-eap", "cached-pmk", "pre-association-ptk", "delegated", "fast-reauth",
 * "okc", "ft-over-ds", "ft-over-air"; false otherwise.
 * \param text the method's name
 * \param[out] method the method, set only on success
 * \return whether text names a method
 */
bool ParseRoamingMethod(const std::string& text, RoamingMethod& method);

} // namespace ns3

#endif // ROAMSEC_ROAMING_MOBILE_H
