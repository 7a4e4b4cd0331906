/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_PREASSOC_PTK_H
#define ROAMSEC_MOBILE_METHOD_PREASSOC_PTK_H

#include "ns3/event-id.h"
#include "roaming-mobile-method.h"

#include <map>

namespace roamsec {
class PreassocStaSession;
}

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "pre-association-ptk", mobile side (doc/preassoc-ptk.rst): once a handoff is over,
 * pre-authentication (EAP-AKA over the DS, 0x88C7) with each neighbour of the current
 * AP that has no PMKSA, then the PTK exchange over the DS; the reassociation request
 * to a prepared target carries the PTK elements and its response installs PTK and GTK,
 * so no EAP and no 4-way handshake follow. Otherwise (not prepared, or refused) the
 * PMKSA cache and, on a miss, a full authentication.
 */
class PreassocPtkMobileMethod : public RoamingMobileMethod
{
public:
    /** \param host the mobile */
    explicit PreassocPtkMobileMethod(RoamingMobileMethodHost& host);
    ~PreassocPtkMobileMethod() override;

    void Stop() override;
    /** \return true */
    bool UsesPmkCaching() const override;
    /**
     * \param bssid the AP
     * \return the pre-association PTK elements when a PTK with bssid is ready
     */
    roamsec::Bytes RequestElements(Mac48Address bssid) override;
    /** \param frame the response of the AP the PTK elements went to */
    void ResponseReceived(const RoamingAssocFrame& frame) override;
    /**
     * \param bssid the AP
     * \return true when the response installed PTK and GTK
     */
    bool AssociationCompleted(Mac48Address bssid) override;
    /**
     * \param from the AP
     * \param protocol its EtherType
     * \param payload the frame
     * \return false for frames of no target or that its state machine refused
     */
    bool ReceiveDs(Mac48Address from, uint16_t protocol, const roamsec::Bytes& payload) override;
    /** Prepares the neighbours of the current AP, once per association. */
    void HandoffSettled() override;
    /** \return the targets whose PTK is ready */
    std::vector<Mac48Address> GetPreparedTargets() const override;

private:
    /** Pre-authentication and over-the-DS PTK state with one target AP. */
    struct PreparedTarget
    {
        std::unique_ptr<roamsec::EapAkaPeer> eap;
        std::unique_ptr<roamsec::PreassocStaSession> preassoc;
        EventId timer;
    };
    void PrepareNeighbors();
    void StartPreauthentication(Mac48Address target);
    bool HandlePreauthEap(Mac48Address target, const roamsec::Bytes& eap);
    void ArmPreassocTimer(Mac48Address target);
    void OnPreassocTimer(Mac48Address target);

    std::map<Mac48Address, PreparedTarget> m_targets;
    Mac48Address m_preassocBssid;     //!< target whose PTK went into the last request
    bool m_preassocAccepted{false};   //!< the AP's response installed PTK and GTK
    roamsec::Bytes m_groupKeyConfirm; //!< to send once associated
    bool m_preparedThisAssociation{false};
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_PREASSOC_PTK_H
