/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The mobile side of a handoff method as a strategy: the hooks RoamingMobile calls
 * at each step of an association, and what a method may use of its mobile.
 */
#ifndef ROAMSEC_ROAMING_MOBILE_METHOD_H
#define ROAMSEC_ROAMING_MOBILE_METHOD_H

#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/rsn-handshake.h"
#include "ns3/wifi-mac-header.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace roamsec {
class RandomSource;
class Usim;
class PmksaCache;
class EapAkaPeer;
struct EapAkaPeerConfig;
struct EapPacket;
} // namespace roamsec

namespace ns3 {

struct RoamingAssocFrame;

/**
 * \ingroup roaming-security
 *
 * What a RoamingMobileMethod may use of its mobile (RoamingMobile implements it):
 * the subscriber's state, its caches and the ways to send.
 */
class RoamingMobileMethodHost
{
public:
    virtual ~RoamingMobileMethodHost() = default;
    /** \return the mobile's (STA) MAC address */
    virtual Mac48Address GetOwnAddress() const = 0;
    /** \return the AP of the current (or last) association */
    virtual Mac48Address GetCurrentBssid() const = 0;
    /** \return the mobile's random stream */
    virtual roamsec::RandomSource& GetRandom() = 0;
    /** \return the subscriber's USIM */
    virtual roamsec::Usim& GetUsim() = 0;
    /** \return the mobile's PMKSA cache */
    virtual roamsec::PmksaCache& GetPmksa() = 0;
    /** \return the EAP-AKA peer configuration of the subscriber (profile, IMSI, realm) */
    virtual roamsec::EapAkaPeerConfig GetPeerConfig() const = 0;
    /** \return the subscriber key K */
    virtual const roamsec::Bytes& GetSubscriberKey() const = 0;
    /** \return the HostChallenge attribute (delegated method) */
    virtual bool GetHostChallenge() const = 0;
    /** \return the PMKSA lifetime */
    virtual Time GetPmkLifetime() const = 0;
    /**
     * \param bssid an AP
     * \return its neighbours (an 802.11k neighbor report), empty when unknown
     */
    virtual std::vector<Mac48Address> GetNeighbors(Mac48Address bssid) const = 0;
    /**
     * Sends an EAPOL frame to the current AP.
     * \param type the EAPOL packet type
     * \param body the body
     */
    virtual void SendEapol(uint8_t type, const roamsec::Bytes& body) = 0;
    /**
     * Sends a frame to an AP over the DS (through the current AP).
     * \param target the AP
     * \param etherType its EtherType: 0x88C7 pre-authentication, pre-association, 89-0d FT
     * \param payload the frame (nothing is sent when empty)
     */
    virtual void SendDs(Mac48Address target, uint16_t etherType, const roamsec::Bytes& payload) = 0;
    /**
     * Sends a management frame to an AP on the channel the station is tuned to, e.g. an
     * Authentication (802.11-2016 9.3.3.12) or an FT Action frame (9.6.8).
     * \param target the AP
     * \param type WIFI_MAC_MGT_AUTHENTICATION or WIFI_MAC_MGT_ACTION
     * \param body the frame body
     */
    virtual void SendManagementFrame(Mac48Address target, WifiMacType type,
                                     const roamsec::Bytes& body) = 0;
    /**
     * Lets the (re)association request HoldsRequest kept go out.
     * \param bssid the AP it goes to
     */
    virtual void ReleaseRequest(Mac48Address bssid) = 0;
    /**
     * The AP accepted the (re)association but the method does not trust it (e.g. a
     * response whose MIC fails): leave it and associate again, from a scan. (After a
     * refusal, a non-zero status code, StaWifiMac scans again by itself.)
     */
    virtual void RestartAssociation() = 0;
    /** \return the SSID of the ESS */
    virtual std::string GetSsid() const = 0;
    /**
     * An EAP method of the strategy succeeded with the current AP.
     * \param msk its MSK
     */
    virtual void EapSucceeded(const roamsec::Bytes& msk) = 0;
    /** An EAP method of the strategy failed with the current AP. */
    virtual void EapFailed() = 0;
    /**
     * A frame was dropped by a check (counted in GetDroppedEapolFrames, traced).
     * \param check the check that failed
     */
    virtual void CountDroppedFrame(const std::string& check) = 0;
    /**
     * A check failed and the method answered with a refusal (traced, not counted).
     * \param check the check that failed
     */
    virtual void ReportRefusal(const std::string& check) = 0;
    /** The current handoff falls back to a full authentication (recorded). */
    virtual void MarkFallback() = 0;
};

/**
 * \ingroup roaming-security
 *
 * The mobile side of one handoff method (doc/methods.rst). RoamingMobile owns one,
 * made by CreateRoamingMobileMethod from its Method attribute, and calls these hooks
 * in the order of an association; the defaults are those of a method that adds
 * nothing to plain 802.1X with a full EAP-AKA authentication.
 */
class RoamingMobileMethod
{
public:
    /** \param host the mobile this strategy works for */
    explicit RoamingMobileMethod(RoamingMobileMethodHost& host);
    virtual ~RoamingMobileMethod();
    RoamingMobileMethod(const RoamingMobileMethod&) = delete;
    RoamingMobileMethod& operator=(const RoamingMobileMethod&) = delete;

    /**
     * Before the mobile's EAP-AKA peer is made.
     * \param config its configuration, to adjust
     */
    virtual void ConfigurePeer(roamsec::EapAkaPeerConfig& config);
    /**
     * The application started; the mobile's EAP-AKA peer exists.
     * \param peer the mobile's EAP-AKA peer
     */
    virtual void Start(const roamsec::EapAkaPeer& peer);
    /** The application stops (or is disposed): cancel timers. */
    virtual void Stop();
    /**
     * \return whether the method looks up (and offers PMKIDs of) cached PMKSAs; full
     *         authentication methods do not, so that caching cannot hide their cost
     */
    virtual bool UsesPmkCaching() const;
    /**
     * A (re)association request to bssid is about to be built (before the RSNE and its
     * PMKIDs): the time to add a PMKSA for bssid.
     * \param bssid the AP
     */
    virtual void PrepareRequest(Mac48Address bssid);
    /**
     * A (re)association request to bssid is being built (after PrepareRequest).
     * \param bssid the AP
     * \return an RSNE replacing the mobile's own (which names cached PMKIDs), or nullopt
     */
    virtual std::optional<roamsec::Bytes> RequestRsne(Mac48Address bssid);
    /**
     * StaWifiMac queues a (re)association request to bssid.
     * \param bssid the AP
     * \return true to hold it until the method calls the host's ReleaseRequest
     */
    virtual bool HoldsRequest(Mac48Address bssid);
    /**
     * A (re)association request to bssid is being built, after the RSNE.
     * \param bssid the AP
     * \return further elements for the request
     */
    virtual roamsec::Bytes RequestElements(Mac48Address bssid);
    /**
     * The response of the AP a request went to (before AssociationCompleted).
     * \param frame the response and its elements
     */
    virtual void ResponseReceived(const RoamingAssocFrame& frame);
    /**
     * The association with bssid completed and the RSN supplicant was made.
     * \param bssid the AP
     * \return true when the method already installed the keys: no 802.1X, the port
     *         opens once the MAC has recorded the association
     */
    virtual bool AssociationCompleted(Mac48Address bssid);
    /**
     * An EAP packet from the current AP, before the EAP-AKA peer sees it.
     * \param packet the parsed packet
     * \param eap its bytes
     * \return true when the method consumed it
     */
    virtual bool HandleEap(const roamsec::EapPacket& packet, const roamsec::Bytes& eap);
    /**
     * A pre-authentication (0x88C7) or pre-association frame from an AP over the DS.
     * \param from the AP
     * \param protocol its EtherType
     * \param payload the frame
     * \return false when the method has no use for it (counted as dropped)
     */
    virtual bool ReceiveDs(Mac48Address from, uint16_t protocol, const roamsec::Bytes& payload);
    /**
     * An Authentication or Action frame from an AP, addressed to the mobile (ns-3's STA
     * MAC handles neither).
     * \param from the AP
     * \param type WIFI_MAC_MGT_AUTHENTICATION or WIFI_MAC_MGT_ACTION
     * \param body the frame body
     * \return false when the method has no use for it (counted as dropped)
     */
    virtual bool ReceiveManagementFrame(Mac48Address from, WifiMacType type,
                                        const roamsec::Bytes& body);
    /** \return whether the method reads the elements of Beacons and Probe Responses */
    virtual bool WantsBeaconElements() const;
    /**
     * A Beacon or Probe Response (WantsBeaconElements only).
     * \param bssid the AP
     * \param elements its elements after the fixed fields
     */
    virtual void BeaconElements(Mac48Address bssid, const roamsec::Bytes& elements);
    /**
     * The full 802.1X authentication with the current AP succeeded.
     * \param bssid the AP
     * \param msk the MSK of the EAP method
     */
    virtual void FullAuthenticationSucceeded(Mac48Address bssid, const roamsec::Bytes& msk);
    /**
     * The 4-way handshake after a full authentication with bssid is about to start.
     * \param bssid the AP
     * \return the FT keys and elements when the association was an initial mobility
     *         domain association, nullopt for the plain handshake from the PMK
     */
    virtual std::optional<roamsec::FtFourWayKeys> FourWayKeys(Mac48Address bssid) const;
    /**
     * The roaming policy is about to leave the current AP for target (while associated).
     * \param target the AP
     * \param ready to call once the method is done preparing (at once by default)
     */
    virtual void PrepareTransition(Mac48Address target, std::function<void()> ready);
    /**
     * Data arrived while the handoff is over (port open, no handoff record open): the
     * time to prepare the next one.
     */
    virtual void HandoffSettled();
    /** \return the APs with which the method prepared keys ahead of a handoff */
    virtual std::vector<Mac48Address> GetPreparedTargets() const;

protected:
    RoamingMobileMethodHost& m_host; //!< the mobile
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_MOBILE_METHOD_H
