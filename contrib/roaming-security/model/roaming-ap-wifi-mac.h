/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The topology's AP MAC: ns-3's ApWifiMac with downstream group-addressed forwarding
 * (DGAF) as an attribute.
 */
#ifndef ROAMSEC_ROAMING_AP_WIFI_MAC_H
#define ROAMSEC_ROAMING_AP_WIFI_MAC_H

#include "ns3/ap-wifi-mac.h"

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * ns-3's ApWifiMac, plus the switch a Hotspot 2.0 AP has (hostapd's disable_dgaf): with
 * GroupAddressedForwarding false the AP transmits no group-addressed data frame into its
 * BSS, so a broadcast on the backhaul (every handoff's ARP Announcement) is not repeated
 * by every AP of the campus. Management frames (Beacons, Probe Responses) are unaffected.
 * A frame refused here fires the MAC's MacTxDrop trace.
 */
class RoamingApWifiMac : public ApWifiMac
{
public:
    /// \return the TypeId
    static TypeId GetTypeId();

    bool CanForwardPacketsTo(Mac48Address to) const override;

private:
    bool m_groupAddressedForwarding{true}; //!< false: no group-addressed data into the BSS
};

} // namespace ns3

#endif
