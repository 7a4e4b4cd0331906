/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_FT_OVER_DS_H
#define ROAMSEC_MOBILE_METHOD_FT_OVER_DS_H

#include "mobile-method-ft-over-air.h"

#include <functional>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "ft-over-ds", mobile side: as ft-over-air, but when the roaming policy chooses a target
 * while the station is still associated (RoamingPolicy rssi), the FT Request/Response
 * (13.5.2) travels through the current AP before the station leaves: the FT Request
 * as an FT Action frame, the current AP's RRB frames (EtherType 89-0d) over the DS, the
 * FT Response in the RRB frame as a data frame to the station; the reassociation then needs no
 * Authentication exchange on the new channel. When the old AP is gone (missed beacons)
 * or the DS exchange failed, the transition uses FT over the air, as 802.11r STAs do.
 */
class FtOverDsMobileMethod : public FtOverAirMobileMethod
{
public:
    /** \param host the mobile */
    explicit FtOverDsMobileMethod(RoamingMobileMethodHost& host);
    ~FtOverDsMobileMethod() override;

    void Stop() override;
    /**
     * Sends the FT Request for target through the current AP; ready runs with its answer.
     * \param target the AP the policy roams to
     * \param ready the policy's continuation
     */
    void PrepareTransition(Mac48Address target, std::function<void()> ready) override;
    bool ReceiveDs(Mac48Address from, uint16_t protocol, const roamsec::Bytes& payload) override;

private:
    void Ready();

    Mac48Address m_dsTarget;
    std::function<void()> m_ready;
    EventId m_dsTimer;
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_FT_OVER_DS_H
