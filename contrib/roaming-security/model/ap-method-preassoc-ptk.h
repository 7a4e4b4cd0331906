/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_AP_METHOD_PREASSOC_PTK_H
#define ROAMSEC_AP_METHOD_PREASSOC_PTK_H

#include "ns3/event-id.h"
#include "roaming-ap-method.h"

#include <memory>

namespace roamsec {
class PreassocApSession;
}

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "pre-association-ptk", AP side (doc/preassoc-ptk.rst): the over-DS PTK exchange with
 * stations of other APs that hold a PMKSA with this AP (pre-authentication, in the AP's
 * 802.1X), the Authenticate PTK elements of the reassociation response, and the Group
 * Key Confirm that opens the station's port.
 */
class PreassocPtkApMethod : public RoamingApMethod
{
public:
    /**
     * \param host the AP
     * \param ptkLifetime how long a PTK agreed over the DS stays usable
     */
    PreassocPtkApMethod(RoamingApMethodHost& host, Time ptkLifetime);
    ~PreassocPtkApMethod() override;

    /** \return the pre-association EtherType */
    std::vector<uint16_t> DsEtherTypes() const override;
    Response AssociationResponse(Mac48Address sta, const roamsec::Bytes& request,
                                 Time now) override;
    bool ReceiveDs(Mac48Address from, uint16_t etherType, const roamsec::Bytes& payload,
                   Time now) override;
    void StationLeft(Mac48Address sta) override;
    void Stop() override;

private:
    void ArmTimer();
    void OnTimer();

    std::unique_ptr<roamsec::PreassocApSession> m_session;
    EventId m_timer;
};

} // namespace ns3

#endif // ROAMSEC_AP_METHOD_PREASSOC_PTK_H
