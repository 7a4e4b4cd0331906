/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Builds the common roaming topology: a line of 802.11 APs bridged onto a wired
 * backhaul LAN with the visited AAA and a correspondent node, and a WAN link from
 * the visited AAA to the home AAA. Roles are installed on it by the role helpers.
 */
#ifndef ROAMSEC_ROAMING_TOPOLOGY_HELPER_H
#define ROAMSEC_ROAMING_TOPOLOGY_HELPER_H

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/channel.h"
#include "ns3/vector.h"
#include "ns3/wifi-standards.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup roaming-security
 *
 * What RoamingTopologyHelper::Build made.
 */
struct RoamingTopology
{
    NodeContainer aps;
    NodeContainer mobiles;
    Ptr<Node> visitedAaa;
    Ptr<Node> homeAaa;
    Ptr<Node> correspondent;

    NetDeviceContainer apWifiDevices;     //!< one per AP, index = AP index
    NetDeviceContainer mobileWifiDevices; //!< one per mobile
    NetDeviceContainer apBackhaulDevices; //!< AP side of the backhaul LAN
    NetDeviceContainer apBridges;
    Ptr<Node> backhaulSwitch;         //!< Backhaul "switched" only: the learning switch
    NetDeviceContainer switchPorts;   //!< Backhaul "switched" only: its ports, in lan order
    Ptr<NetDevice> visitedAaaBackhaulDevice;
    Ptr<NetDevice> visitedAaaWanDevice;
    Ptr<NetDevice> homeAaaWanDevice;

    std::vector<Ipv4Address> apAddresses;     //!< AP (bridge) addresses, index = AP index
    std::vector<Ipv4Address> mobileAddresses; //!< index = mobile index
    Ipv4Address visitedAaaAddress;            //!< on the backhaul LAN
    Ipv4Address visitedAaaWanAddress;
    Ipv4Address homeAaaAddress;
    Ipv4Address correspondentAddress;
    std::vector<uint16_t> apChannels; //!< channel number of each AP
    Ptr<Channel> wifiChannel;         //!< the one Wi-Fi channel object (WifiChannel kind)

    /**
     * \param bssid the MAC address of an AP's Wi-Fi device
     * \return the AP index of that BSSID, or -1
     */
    int32_t ApIndex(Mac48Address bssid) const;
    /**
     * \param sta the MAC address of a mobile's Wi-Fi device
     * \return the mobile index of that STA address, or -1
     */
    int32_t MobileIndex(Mac48Address sta) const;
};

/**
 * \ingroup roaming-security
 *
 * Builds the common roaming topology: a line of APs (channels round-robin), each
 * bridging its BSS onto one CSMA backhaul LAN (a bus or a switch, attribute Backhaul) with
 * the visited AAA and a correspondent node, a point-to-point WAN from the visited AAA to the home AAA, and mobiles walking
 * along the APs (and back with RoundTrip). The mobiles' StaWifiMac uses
 * RoamingAssocManager over the AP channels, every Wi-Fi MAC RoamingMacQueueScheduler.
 *
 * Topology parameters are TypeId attributes, so scenarios can set them from the
 * command line through ns-3's Config ("ns3::RoamingTopologyHelper::NumAps").
 */
class RoamingTopologyHelper : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /** Creates a helper with the attributes' default values. */
    RoamingTopologyHelper();

    /**
     * Creates nodes, devices, mobility and addresses (one IPv4 subnet for the ESS and
     * one for the WAN: every conversation is on-link, no routes are needed). Aborts if
     * Validate finds a problem. Call once per simulation.
     * \return the nodes, devices and addresses made
     */
    RoamingTopology Build();

    /**
     * Fixes the random streams of the topology's devices and stacks (Wi-Fi, CSMA,
     * Internet), so that simulations in one process repeat exactly.
     * \param topology what Build made
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(const RoamingTopology& topology, int64_t stream) const;

    /**
     * Checks the parameters (ApPositions, Standard, Channels and their band).
     * \return an empty string, or what is wrong
     */
    std::string Validate() const;

    /**
     * Checks what can only be checked once the devices exist: the cut-off of a
     * GridSpectrumChannel against the PHYs' transmit power and sensitivity
     * (GridSpectrumChannel::ValidateCutOff).
     * \param topology what Build made
     * \return an empty string, or what is wrong
     */
    static std::string ValidateBuilt(const RoamingTopology& topology);

  private:
    WifiStandard ParseStandard() const;
    std::vector<uint16_t> ParseChannels() const;
    std::vector<Vector> ParsePositions() const;

    uint32_t m_numAps;
    uint32_t m_numMobiles;
    double m_apSpacing;
    double m_mobileOffset;
    double m_speed;
    double m_startX;
    double m_startSpread;
    bool m_roundTrip;
    std::string m_standard;
    std::string m_channels;
    std::string m_apPositions;
    double m_txPowerDbm;
    DataRate m_backhaulRate;
    Time m_backhaulDelay;
    DataRate m_wanRate;
    Time m_wanDelay;
    std::string m_ssid;
    std::string m_wifiChannel;
    std::string m_backhaul;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_TOPOLOGY_HELPER_H
