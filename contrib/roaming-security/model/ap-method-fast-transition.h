/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_AP_METHOD_FAST_TRANSITION_H
#define ROAMSEC_AP_METHOD_FAST_TRANSITION_H

#include "ns3/ft-session.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/wifi-mac-header.h"
#include "roaming-ap-method.h"

#include <memory>
#include <set>
#include <string>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * The AP side of "ft-over-ds" and "ft-over-air" (doc/fast-transition.rst): the AP is the
 * R0KH of the stations that authenticate fully with it and an R1KH of its mobility domain
 * (roamsec::FtAuthenticator). It answers FT Requests over the DS and FT Authentication
 * over the air, checks FT Reassociation Requests and installs their PTK, advertises its
 * MDE in Beacons and pushes PMK-R1s to the other R1KHs after a full authentication.
 */
class FtApMethod : public RoamingApMethod
{
public:
    /**
     * \param host the AP
     * \param config the key holder's configuration
     */
    FtApMethod(RoamingApMethodHost& host, const roamsec::FtAuthenticatorConfig& config);
    ~FtApMethod() override;

    /** \return EtherType 89-0d (RRB frames, PMK-R1 pushes) */
    std::vector<uint16_t> DsEtherTypes() const override;
    /** \return true: FT Authentication and FT Action frames */
    bool TakesManagementFrames() const override;
    /** \return the MDE */
    roamsec::Bytes BeaconElements() const override;
    /**
     * Initial mobility domain association: MDE and FTE; FT reassociation: checked, keys
     * installed, RSNE/MDE/FTE with MIC and GTK, or refused with its status code.
     * \param sta the station
     * \param request the elements of its request
     * \param now the time
     * \return the FT part of the response
     */
    Response AssociationResponse(Mac48Address sta, const roamsec::Bytes& request,
                                 Time now) override;
    bool KeysInstalled(Mac48Address sta) const override;
    /**
     * A PMK-R1 push, an FT Request for this AP or the FT Response for a station of this
     * AP (relayed to it in the same RRB frame).
     * \param from the source
     * \param etherType 89-0d
     * \param payload the frame
     * \param now the time
     * \return false when refused or malformed
     */
    bool ReceiveDs(Mac48Address from, uint16_t etherType, const roamsec::Bytes& payload,
                   Time now) override;
    /**
     * FT Authentication (sequence 1) from a station on the air, or its FT Request Action
     * frame for another AP (sent on in an RRB frame, 13.10.3).
     * \param sta the station
     * \param type the frame type
     * \param body the frame body
     * \param now the time
     * \return false when refused or malformed
     */
    bool ReceiveManagementFrame(Mac48Address sta, WifiMacType type, const roamsec::Bytes& body,
                                Time now) override;
    /** After an initial mobility domain association: PMK-R0, PMK-R1 pushes. */
    void Authenticated(Mac48Address sta, const roamsec::Bytes& msk, const roamsec::Bytes& pmk,
                       Time now) override;
    std::optional<roamsec::FtFourWayKeys> FourWayKeys(Mac48Address sta) const override;
    void StationLeft(Mac48Address sta) override;

private:
    bool ReceiveAuthentication(Mac48Address sta, const roamsec::Bytes& body, Time now);
    bool ReceiveFtAction(Mac48Address sta, const roamsec::Bytes& body);

    std::unique_ptr<roamsec::FtAuthenticator> m_authenticator;
    std::set<Mac48Address> m_initial;   //!< initial mobility domain associations
    std::set<Mac48Address> m_fourWay;   //!< ... whose 802.1X authentication succeeded
    std::set<Mac48Address> m_installed; //!< FT reassociations whose keys are in place
};

} // namespace ns3

#endif // ROAMSEC_AP_METHOD_FAST_TRANSITION_H
