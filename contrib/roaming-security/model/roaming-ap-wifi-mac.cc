/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-ap-wifi-mac.h"

#include "ns3/boolean.h"

namespace ns3 {

NS_OBJECT_ENSURE_REGISTERED(RoamingApWifiMac);

TypeId
RoamingApWifiMac::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RoamingApWifiMac")
            .SetParent<ApWifiMac>()
            .SetGroupName("RoamingSecurity")
            .AddConstructor<RoamingApWifiMac>()
            .AddAttribute("GroupAddressedForwarding",
                          "Forward group-addressed data frames (broadcast, multicast) into the "
                          "BSS, as ns-3's ApWifiMac does; false: downstream group-addressed "
                          "forwarding disabled (Hotspot 2.0 DGAF, hostapd disable_dgaf=1)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RoamingApWifiMac::m_groupAddressedForwarding),
                          MakeBooleanChecker());
    return tid;
}

bool
RoamingApWifiMac::CanForwardPacketsTo(Mac48Address to) const
{
    if (to.IsGroup() && !m_groupAddressedForwarding)
    {
        return false;
    }
    return ApWifiMac::CanForwardPacketsTo(to);
}

} // namespace ns3
