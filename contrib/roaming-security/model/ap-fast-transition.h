/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_AP_FAST_TRANSITION_H
#define ROAMSEC_AP_FAST_TRANSITION_H

#include "ns3/ft-session.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/wifi-mac-header.h"

#include <memory>
#include <set>
#include <string>

namespace ns3 {

/**
 * \ingroup roaming-security
 * What ApFastTransition uses of its AP (RoamingAccessPoint implements it).
 */
class ApFastTransitionHost
{
public:
    virtual ~ApFastTransitionHost() = default;
    /**
     * Sends a frame over the backhaul (through the bridge).
     * \param to its destination: another AP (R1KH-ID = BSSID) or a station behind its AP
     * \param etherType the EtherType
     * \param payload the frame
     * \param sta the station it concerns (for the message records)
     */
    virtual void SendBackhaulFrame(Mac48Address to, uint16_t etherType,
                                   const roamsec::Bytes& payload, Mac48Address sta) = 0;
    /**
     * Sends a management frame to a station on the AP's channel.
     * \param sta the station
     * \param type WIFI_MAC_MGT_AUTHENTICATION or WIFI_MAC_MGT_ACTION
     * \param body the frame body
     */
    virtual void SendManagementFrame(Mac48Address sta, WifiMacType type,
                                     const roamsec::Bytes& body) = 0;
    /**
     * A check refused a station's FT frame (traced).
     * \param sta the station
     * \param check what failed
     */
    virtual void ReportFtRefusal(Mac48Address sta, const std::string& check) = 0;
};

/**
 * \ingroup roaming-security
 *
 * The AP side of "ft-over-ds" and "ft-over-air" (doc/fast-transition.rst): the AP is the
 * R0KH of the stations that authenticate fully with it and an R1KH of its mobility domain
 * (roamsec::FtAuthenticator). It answers FT Requests over the DS and FT Authentication
 * over the air, checks FT Reassociation Requests and installs their PTK, advertises its
 * MDE in Beacons and pushes PMK-R1s to the other R1KHs after a full authentication.
 */
class ApFastTransition
{
public:
    /**
     * \param config the key holder's configuration
     * \param rng the AP's random stream
     * \param host the AP
     */
    ApFastTransition(const roamsec::FtAuthenticatorConfig& config, roamsec::RandomSource& rng,
                     ApFastTransitionHost& host);
    ~ApFastTransition();

    /** \return the MDE for Beacons and Probe Responses */
    roamsec::Bytes BeaconElements() const;
    /**
     * Sets the GTK FT reassociation responses carry.
     * \param gtk the GTK
     * \param keyId its key ID
     * \param rsc its RSC
     */
    void SetGroupKey(const roamsec::Bytes& gtk, uint8_t keyId, const roamsec::Bytes& rsc);

    /** What the (re)association response to a station carries. */
    struct Response
    {
        roamsec::Bytes elements; //!< MDE/FTE (and RSNE) to append
        uint16_t status{0};      //!< non-zero: the FT reassociation is refused
    };
    /**
     * \param sta the station
     * \param requestElements the elements of its (re)association request
     * \param now the time
     * \return the response's FT part
     */
    Response AssociationResponse(Mac48Address sta, const roamsec::Bytes& requestElements,
                                 Time now);
    /**
     * \param sta a station
     * \return whether its last (re)association was an FT reassociation that installed keys
     */
    bool IsInstalled(Mac48Address sta) const;
    /**
     * A full 802.1X authentication succeeded: after an initial mobility domain
     * association, the PMK-R0 is derived and PMK-R1s pushed to the domain's R1KHs.
     * \param sta the station
     * \param msk its MSK (64 octets)
     * \param now the time
     */
    void Authenticated(Mac48Address sta, const roamsec::Bytes& msk, Time now);
    /**
     * An FT Action frame from an associated station (FT Request over the DS): sent on in
     * an RRB frame to the target AP (13.10.3).
     * \param sta the station
     * \param body the Action frame body
     * \return false when it is not an FT Request of that station
     */
    bool ReceiveFtAction(Mac48Address sta, const roamsec::Bytes& body);
    /**
     * An EtherType 89-0d frame from the backhaul: a PMK-R1 push, an FT Request for this
     * AP or the FT Response for a station of this AP.
     * \param from its source
     * \param payload the frame
     * \param now the time
     * \return false when refused or malformed
     */
    bool ReceiveRrb(Mac48Address from, const roamsec::Bytes& payload, Time now);
    /**
     * An Authentication frame (FT, sequence 1) from a station.
     * \param sta the station
     * \param body the frame body
     * \param now the time
     * \return false when it is not an FT Authentication request
     */
    bool ReceiveAuthentication(Mac48Address sta, const roamsec::Bytes& body, Time now);
    /** \param sta a station that left */
    void Remove(Mac48Address sta);
    /** \return the key holder (tests) */
    const roamsec::FtAuthenticator& GetAuthenticator() const { return *m_authenticator; }

private:
    std::unique_ptr<roamsec::FtAuthenticator> m_authenticator;
    ApFastTransitionHost& m_host;
    std::set<Mac48Address> m_initial;   //!< initial mobility domain associations
    std::set<Mac48Address> m_installed; //!< FT reassociations whose keys are in place
};

} // namespace ns3

#endif // ROAMSEC_AP_FAST_TRANSITION_H
