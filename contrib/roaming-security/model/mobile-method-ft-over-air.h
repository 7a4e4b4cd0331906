/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_FT_OVER_AIR_H
#define ROAMSEC_MOBILE_METHOD_FT_OVER_AIR_H

#include "ns3/event-id.h"
#include "ns3/ft-keys.h"
#include "roaming-mobile-method.h"

#include <map>
#include <memory>

namespace roamsec {
class FtSupplicant;
}

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "ft-over-air", mobile side: IEEE 802.11r Fast BSS Transition with the FT-802.1X AKM
 * (doc/fast-transition.rst). The first association with an AP of a mobility domain (its
 * Beacons carry an MDE) is an initial mobility domain association: full EAP-AKA, then
 * PMK-R0 from the MSK. Every later (re)association request to an AP of that domain is
 * held while the mobile runs FT Authentication (sequence 1 and 2) with the target on its
 * channel; the Reassociation Request then carries RSNE (PMKR1Name), MDE and FTE with its
 * MIC, and the response installs PTK and GTK: no EAP, no 4-way handshake. A refusal
 * (either step) or no answer falls back to an initial mobility domain association.
 */
class FtOverAirMobileMethod : public RoamingMobileMethod
{
public:
    /** \param host the mobile */
    explicit FtOverAirMobileMethod(RoamingMobileMethodHost& host);
    ~FtOverAirMobileMethod() override;

    void Start(const roamsec::EapAkaPeer& peer) override;
    void Stop() override;
    /** \return false: PMKSA caching plays no part in FT */
    bool UsesPmkCaching() const override;
    /** \return true: the MDE of each AP comes from its Beacons */
    bool WantsBeaconElements() const override;
    void BeaconElements(Mac48Address bssid, const roamsec::Bytes& elements) override;
    /**
     * Holds a request to an AP of the mobility domain until FT Authentication is done.
     * \param bssid the AP
     * \return whether the request waits
     */
    bool HoldsRequest(Mac48Address bssid) override;
    bool ReceiveManagementFrame(Mac48Address from, WifiMacType type,
                                const roamsec::Bytes& body) override;
    std::optional<roamsec::Bytes> RequestRsne(Mac48Address bssid) override;
    roamsec::Bytes RequestElements(Mac48Address bssid) override;
    void ResponseReceived(const RoamingAssocFrame& frame) override;
    /**
     * \param bssid the AP
     * \return true when the FT reassociation installed PTK and GTK
     */
    bool AssociationCompleted(Mac48Address bssid) override;
    void FullAuthenticationSucceeded(Mac48Address bssid, const roamsec::Bytes& msk) override;
    std::optional<roamsec::FtFourWayKeys> FourWayKeys(Mac48Address bssid) const override;
    /** \return the targets with a PTK ready for reassociation */
    std::vector<Mac48Address> GetPreparedTargets() const override;

protected:
    /** \return the mobile's FT key holder (after Start) */
    roamsec::FtSupplicant& Supplicant();
    /**
     * \param bssid an AP
     * \return whether an FT transition to it is possible: a PMK-R0 of its mobility domain
     */
    bool CanTransition(Mac48Address bssid) const;
    /**
     * The answer of an FT exchange arrived (FT Authentication or, over the DS, FT Response).
     * \param target the AP
     * \param status its status code
     * \param elements its elements
     * \return whether the PTK with the target is ready
     */
    bool HandleFtAnswer(Mac48Address target, uint16_t status, const roamsec::Bytes& elements);

private:
    /// Sends m_authRequest to m_authTarget (one more try) and arms the answer timer.
    void SendAuthentication();
    void AuthenticationTimedOut(Mac48Address target);
    void FallBack(const std::string& why, bool refusedByAp);

    std::unique_ptr<roamsec::FtSupplicant> m_ft;
    std::map<Mac48Address, roamsec::MobilityDomainElement> m_domains; //!< from Beacons
    Mac48Address m_authTarget; //!< FT Authentication in progress with this AP
    roamsec::Bytes m_authRequest; //!< its frame body, sent again on each try
    uint32_t m_authTries{0};      //!< transmissions of m_authRequest so far
    EventId m_authTimer;
    Mac48Address m_noFtTarget;     //!< the current attempt with this AP goes without FT
    Mac48Address m_requestBssid;   //!< where the last request went
    bool m_requestFt{false};       //!< it was an FT reassociation
    roamsec::Bytes m_requestExtra; //!< its MDE (and FTE) after the RSNE
    Mac48Address m_installedBssid; //!< the FT reassociation installed keys with this AP
    bool m_installed{false};
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_FT_OVER_AIR_H
