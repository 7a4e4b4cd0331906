/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-topology-helper.h"

#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/waypoint-mobility-model.h"
#include "ns3/csma-helper.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/log.h"
#include "ns3/mobility-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/ssid.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"
#include "ns3/grid-spectrum-channel.h"
#include "ns3/multi-model-spectrum-channel.h"
#include "ns3/propagation-delay-model.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/spectrum-wifi-helper.h"

#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RoamingTopologyHelper");
NS_OBJECT_ENSURE_REGISTERED(RoamingTopologyHelper);

int32_t
RoamingTopology::ApIndex(Mac48Address bssid) const
{
    for (uint32_t i = 0; i < apWifiDevices.GetN(); ++i)
    {
        if (Mac48Address::ConvertFrom(apWifiDevices.Get(i)->GetAddress()) == bssid)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

int32_t
RoamingTopology::MobileIndex(Mac48Address sta) const
{
    for (uint32_t i = 0; i < mobileWifiDevices.GetN(); ++i)
    {
        if (Mac48Address::ConvertFrom(mobileWifiDevices.Get(i)->GetAddress()) == sta)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

TypeId
RoamingTopologyHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RoamingTopologyHelper")
            .SetParent<Object>()
            .SetGroupName("RoamingSecurity")
            .AddConstructor<RoamingTopologyHelper>()
            .AddAttribute("NumAps",
                          "Number of access points, on a line along x",
                          UintegerValue(3),
                          MakeUintegerAccessor(&RoamingTopologyHelper::m_numAps),
                          MakeUintegerChecker<uint32_t>(1, 1000))
            .AddAttribute("NumMobiles",
                          "Number of mobile nodes",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RoamingTopologyHelper::m_numMobiles),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("ApSpacing",
                          "Distance between neighbouring APs (m); at the default 60 m, "
                          "16 dBm and log-distance loss neighbouring cells overlap",
                          DoubleValue(60.0),
                          MakeDoubleAccessor(&RoamingTopologyHelper::m_apSpacing),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("MobileOffset",
                          "Distance of the mobiles' path from the AP line (m)",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&RoamingTopologyHelper::m_mobileOffset),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("Speed",
                          "Walking speed of the mobiles along the AP line (m/s)",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&RoamingTopologyHelper::m_speed),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("StartX",
                          "x position of the mobiles at time 0 (m); AP i is at i*ApSpacing",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&RoamingTopologyHelper::m_startX),
                          MakeDoubleChecker<double>())
            .AddAttribute("ApPositions",
                          "AP positions 'x,y;x,y;...' (m), one per AP; empty: a line along x "
                          "with ApSpacing (the mobiles always walk along x)",
                          StringValue(""),
                          MakeStringAccessor(&RoamingTopologyHelper::m_apPositions),
                          MakeStringChecker())
            .AddAttribute("StartSpread",
                          "Mobile i of N starts at StartX + i*StartSpread/N (m), so that a "
                          "crowd is spread over the APs; 0: all start at StartX",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&RoamingTopologyHelper::m_startSpread),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("RoundTrip",
                          "Mobiles walk back to their start after reaching the last AP",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RoamingTopologyHelper::m_roundTrip),
                          MakeBooleanChecker())
            .AddAttribute("Standard",
                          "802.11 standard: a, g, n (5 GHz) or ac",
                          StringValue("a"),
                          MakeStringAccessor(&RoamingTopologyHelper::m_standard),
                          MakeStringChecker())
            .AddAttribute("Channels",
                          "Comma-separated channel numbers, assigned to the APs round-robin",
                          StringValue("36,40,44"),
                          MakeStringAccessor(&RoamingTopologyHelper::m_channels),
                          MakeStringChecker())
            .AddAttribute("TxPower",
                          "Transmit power of APs and mobiles (dBm)",
                          DoubleValue(16.0),
                          MakeDoubleAccessor(&RoamingTopologyHelper::m_txPowerDbm),
                          MakeDoubleChecker<double>(-10.0, 30.0))
            .AddAttribute("BackhaulRate",
                          "Data rate of the AP backhaul LAN",
                          DataRateValue(DataRate("1Gbps")),
                          MakeDataRateAccessor(&RoamingTopologyHelper::m_backhaulRate),
                          MakeDataRateChecker())
            .AddAttribute("BackhaulDelay",
                          "Propagation delay of the AP backhaul LAN",
                          TimeValue(MicroSeconds(50)),
                          MakeTimeAccessor(&RoamingTopologyHelper::m_backhaulDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("WanRate",
                          "Data rate of the visited-to-home WAN link",
                          DataRateValue(DataRate("100Mbps")),
                          MakeDataRateAccessor(&RoamingTopologyHelper::m_wanRate),
                          MakeDataRateChecker())
            .AddAttribute("WanDelay",
                          "One-way delay of the visited-to-home WAN link",
                          TimeValue(MilliSeconds(50)),
                          MakeTimeAccessor(&RoamingTopologyHelper::m_wanDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Ssid",
                          "SSID of the visited network's ESS",
                          StringValue("roamsec"),
                          MakeStringAccessor(&RoamingTopologyHelper::m_ssid),
                          MakeStringChecker())
            .AddAttribute("WifiChannel",
                          "Wi-Fi channel model: yans (YansWifiPhy on YansWifiChannel), "
                          "spectrum (SpectrumWifiPhy on MultiModelSpectrumChannel) or grid "
                          "(SpectrumWifiPhy on GridSpectrumChannel, doc/channel.rst); all "
                          "with log-distance loss and constant-speed delay",
                          StringValue("yans"),
                          MakeStringAccessor(&RoamingTopologyHelper::m_wifiChannel),
                          MakeStringChecker())
            .AddAttribute("Backhaul",
                          "AP backhaul LAN: bus (one CSMA segment that delivers every frame "
                          "to every AP, the AAA and the correspondent) or switched (one CSMA "
                          "link per node, of half the BackhaulDelay, to a learning switch, so "
                          "that a unicast frame reaches only its destination: cost "
                          "independent of the number of APs, doc/benchmark.rst)",
                          StringValue("bus"),
                          MakeStringAccessor(&RoamingTopologyHelper::m_backhaul),
                          MakeStringChecker());
    return tid;
}

RoamingTopologyHelper::RoamingTopologyHelper() = default;

WifiStandard
RoamingTopologyHelper::ParseStandard() const
{
    if (m_standard == "a")
    {
        return WIFI_STANDARD_80211a;
    }
    if (m_standard == "g")
    {
        return WIFI_STANDARD_80211g;
    }
    if (m_standard == "n")
    {
        return WIFI_STANDARD_80211n;
    }
    if (m_standard == "ac")
    {
        return WIFI_STANDARD_80211ac;
    }
    return WIFI_STANDARD_UNSPECIFIED;
}

std::vector<uint16_t>
RoamingTopologyHelper::ParseChannels() const
{
    std::vector<uint16_t> channels;
    std::stringstream ss(m_channels);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        try
        {
            size_t used = 0;
            int ch = std::stoi(item, &used);
            if (used != item.size() || ch <= 0 || ch > 233)
            {
                return {};
            }
            channels.push_back(static_cast<uint16_t>(ch));
        }
        catch (const std::exception&)
        {
            return {};
        }
    }
    return channels;
}

std::vector<Vector>
RoamingTopologyHelper::ParsePositions() const
{
    std::vector<Vector> positions;
    std::stringstream ss(m_apPositions);
    std::string item;
    while (std::getline(ss, item, ';'))
    {
        double x = 0;
        double y = 0;
        char comma = 0;
        std::stringstream point(item);
        if (!(point >> x >> comma >> y) || comma != ',' || !(point >> std::ws).eof())
        {
            return {};
        }
        positions.emplace_back(x, y, 0.0);
    }
    return positions;
}

std::string
RoamingTopologyHelper::Validate() const
{
    if (!m_apPositions.empty() && ParsePositions().size() != m_numAps)
    {
        return "ApPositions must list NumAps (" + std::to_string(m_numAps) +
               ") points as 'x,y;x,y;...' (got '" + m_apPositions + "')";
    }
    if (ParseStandard() == WIFI_STANDARD_UNSPECIFIED)
    {
        return "Standard must be one of a, g, n, ac (got '" + m_standard + "')";
    }
    auto channels = ParseChannels();
    if (channels.empty())
    {
        return "Channels must be a comma-separated list of channel numbers (got '" +
               m_channels + "')";
    }
    bool band24 = (m_standard == "g");
    for (uint16_t ch : channels)
    {
        if (band24 != (ch <= 14))
        {
            return "channel " + std::to_string(ch) + " is not in the band of 802.11" + m_standard +
                   (band24 ? " (2.4 GHz: 1-14)" : " (5 GHz: 36 and up)");
        }
    }
    if (m_wifiChannel != "yans" && m_wifiChannel != "spectrum" && m_wifiChannel != "grid")
    {
        return "WifiChannel must be one of yans, spectrum, grid (got '" + m_wifiChannel + "')";
    }
    if (m_backhaul != "bus" && m_backhaul != "switched")
    {
        return "Backhaul must be one of bus, switched (got '" + m_backhaul + "')";
    }
    return "";
}

std::string
RoamingTopologyHelper::ValidateBuilt(const RoamingTopology& topology)
{
    if (auto grid = DynamicCast<GridSpectrumChannel>(topology.wifiChannel))
    {
        NetDeviceContainer devices(topology.apWifiDevices, topology.mobileWifiDevices);
        return grid->ValidateCutOff(devices);
    }
    return "";
}

int64_t
RoamingTopologyHelper::AssignStreams(const RoamingTopology& topology, int64_t stream) const
{
    int64_t used = 0;
    WifiHelper wifi;
    used += wifi.AssignStreams(topology.apWifiDevices, stream + used);
    used += wifi.AssignStreams(topology.mobileWifiDevices, stream + used);
    CsmaHelper csma;
    NetDeviceContainer lan = topology.apBackhaulDevices;
    lan.Add(topology.visitedAaaBackhaulDevice);
    lan.Add(topology.switchPorts);
    used += csma.AssignStreams(lan, stream + used);
    InternetStackHelper internet;
    NodeContainer all(topology.aps, topology.mobiles);
    all.Add(topology.visitedAaa);
    all.Add(topology.homeAaa);
    all.Add(topology.correspondent);
    used += internet.AssignStreams(all, stream + used);
    return used;
}

RoamingTopology
RoamingTopologyHelper::Build()
{
    std::string problem = Validate();
    NS_ABORT_MSG_IF(!problem.empty(), "RoamingTopologyHelper: " << problem);

    RoamingTopology topo;
    topo.aps.Create(m_numAps);
    topo.mobiles.Create(m_numMobiles);
    topo.visitedAaa = CreateObject<Node>();
    topo.homeAaa = CreateObject<Node>();
    topo.correspondent = CreateObject<Node>();

    // Mobility: APs on a line, mobiles walking along it.
    MobilityHelper fixed;
    Ptr<ListPositionAllocator> apPositions = CreateObject<ListPositionAllocator>();
    std::vector<Vector> custom = ParsePositions();
    for (uint32_t i = 0; i < m_numAps; ++i)
    {
        apPositions->Add(i < custom.size() ? custom[i] : Vector(i * m_apSpacing, 0.0, 0.0));
    }
    fixed.SetPositionAllocator(apPositions);
    fixed.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    fixed.Install(topo.aps);
    // Mobiles walk to the last AP and back: the way back revisits APs, which is where
    // PMKSA caching can hit.
    MobilityHelper moving;
    moving.SetMobilityModel("ns3::WaypointMobilityModel");
    moving.Install(topo.mobiles);
    double endX = (m_numAps - 1) * m_apSpacing + m_apSpacing / 2;
    for (uint32_t i = 0; i < m_numMobiles; ++i)
    {
        double startX = m_startX + m_startSpread * i / m_numMobiles;
        double legTime = std::abs(endX - startX) / std::max(m_speed, 1e-3);
        auto model = topo.mobiles.Get(i)->GetObject<WaypointMobilityModel>();
        model->AddWaypoint(Waypoint(Seconds(0), Vector(startX, m_mobileOffset, 0.0)));
        if (legTime <= 0)
        {
            continue; // already at the end: stays there
        }
        model->AddWaypoint(Waypoint(Seconds(legTime), Vector(endX, m_mobileOffset, 0.0)));
        if (m_roundTrip)
        {
            model->AddWaypoint(
                Waypoint(Seconds(2 * legTime), Vector(startX, m_mobileOffset, 0.0)));
        }
    }

    // 802.11: one channel object shared by all, each AP on its own channel number.
    WifiHelper wifi;
    wifi.SetStandard(ParseStandard());
    // The same loss and delay models as YansWifiChannelHelper::Default on every kind.
    YansWifiPhyHelper yansPhy;
    SpectrumWifiPhyHelper spectrumPhy;
    WifiPhyHelper& phy = (m_wifiChannel == "yans") ? static_cast<WifiPhyHelper&>(yansPhy)
                                                   : static_cast<WifiPhyHelper&>(spectrumPhy);
    if (m_wifiChannel == "yans")
    {
        Ptr<YansWifiChannel> channel = YansWifiChannelHelper::Default().Create();
        yansPhy.SetChannel(channel);
        topo.wifiChannel = channel;
    }
    else
    {
        Ptr<SpectrumChannel> channel;
        if (m_wifiChannel == "grid")
        {
            channel = CreateObject<GridSpectrumChannel>();
        }
        else
        {
            channel = CreateObject<MultiModelSpectrumChannel>();
        }
        channel->AddPropagationLossModel(CreateObject<LogDistancePropagationLossModel>());
        channel->SetPropagationDelayModel(CreateObject<ConstantSpeedPropagationDelayModel>());
        spectrumPhy.SetChannel(channel);
        topo.wifiChannel = channel;
    }
    phy.Set("TxPowerStart", DoubleValue(m_txPowerDbm));
    phy.Set("TxPowerEnd", DoubleValue(m_txPowerDbm));
    phy.SetPcapDataLinkType(WifiPhyHelper::DLT_IEEE802_11_RADIO);
    std::string band = (m_standard == "g") ? "BAND_2_4GHZ" : "BAND_5GHZ";
    topo.apChannels.clear();
    auto channels = ParseChannels();
    Ssid ssid(m_ssid);
    WifiMacHelper mac;
    // ApWifiMac with GroupAddressedForwarding (default: forward, as ns-3 does)
    mac.SetType("ns3::RoamingApWifiMac", "Ssid", SsidValue(ssid));
    // The controlled port's transmit hook lives in this scheduler (before the MAC queue).
    mac.SetMacQueueScheduler("ns3::RoamingMacQueueScheduler");
    for (uint32_t i = 0; i < m_numAps; ++i)
    {
        uint16_t ch = channels[i % channels.size()];
        topo.apChannels.push_back(ch);
        phy.Set("ChannelSettings", StringValue("{" + std::to_string(ch) + ", 20, " + band + ", 0}"));
        topo.apWifiDevices.Add(wifi.Install(phy, mac, topo.aps.Get(i)));
    }
    phy.Set("ChannelSettings",
            StringValue("{" + std::to_string(channels[0]) + ", 20, " + band + ", 0}"));
    // passive or active scanning: RoamingMobile's ScanType sets ActiveProbing
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
    // ns-3's default manager scans only the current channel: scan every AP channel.
    std::string channelList;
    for (uint16_t ch : channels)
    {
        channelList += (channelList.empty() ? "" : ",") + std::to_string(ch);
    }
    mac.SetAssocManager("ns3::RoamingAssocManager", "ChannelList", StringValue(channelList));
    topo.mobileWifiDevices = wifi.Install(phy, mac, topo.mobiles);

    // Backhaul LAN: APs, visited AAA and correspondent; each AP bridges its BSS onto it.
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(m_backhaulRate));
    csma.SetChannelAttribute("Delay", TimeValue(m_backhaulDelay));
    NodeContainer lan;
    lan.Add(topo.aps);
    lan.Add(topo.visitedAaa);
    lan.Add(topo.correspondent);
    NetDeviceContainer lanDevices;
    if (m_backhaul == "bus")
    {
        lanDevices = csma.Install(lan);
    }
    else
    {
        // A switch: one link per node, bridged by a learning BridgeNetDevice; created last,
        // so the other node ids are unchanged. Each link gets half of BackhaulDelay, so two
        // nodes are as far apart as on the bus (plus one store-and-forward). An ns-3 CSMA
        // link is half duplex and busy for transmission time + delay per frame: at 25 us
        // and 1 Gbps it carries up to about 37 000 frames/s (doc/benchmark.rst, "Scaling").
        csma.SetChannelAttribute("Delay", TimeValue(m_backhaulDelay / 2));
        topo.backhaulSwitch = CreateObject<Node>();
        for (uint32_t i = 0; i < lan.GetN(); ++i)
        {
            NetDeviceContainer link = csma.Install(NodeContainer(lan.Get(i), topo.backhaulSwitch));
            lanDevices.Add(link.Get(0));
            topo.switchPorts.Add(link.Get(1));
        }
        BridgeHelper().Install(topo.backhaulSwitch, topo.switchPorts);
    }
    for (uint32_t i = 0; i < m_numAps; ++i)
    {
        topo.apBackhaulDevices.Add(lanDevices.Get(i));
    }
    topo.visitedAaaBackhaulDevice = lanDevices.Get(m_numAps);
    Ptr<NetDevice> correspondentDevice = lanDevices.Get(m_numAps + 1);

    BridgeHelper bridge;
    for (uint32_t i = 0; i < m_numAps; ++i)
    {
        NetDeviceContainer ports;
        ports.Add(topo.apWifiDevices.Get(i));
        ports.Add(topo.apBackhaulDevices.Get(i));
        topo.apBridges.Add(bridge.Install(topo.aps.Get(i), ports));
    }

    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", DataRateValue(m_wanRate));
    wan.SetChannelAttribute("Delay", TimeValue(m_wanDelay));
    NetDeviceContainer wanDevices = wan.Install(topo.visitedAaa, topo.homeAaa);
    topo.visitedAaaWanDevice = wanDevices.Get(0);
    topo.homeAaaWanDevice = wanDevices.Get(1);

    InternetStackHelper internet;
    internet.Install(topo.aps);
    internet.Install(topo.mobiles);
    internet.Install(topo.visitedAaa);
    internet.Install(topo.homeAaa);
    internet.Install(topo.correspondent);

    // One IP subnet for the whole ESS: APs (on their bridges), mobiles, AAA, correspondent.
    Ipv4AddressHelper ess("10.1.0.0", "255.255.0.0");
    Ipv4InterfaceContainer apIfs = ess.Assign(topo.apBridges);
    NetDeviceContainer servers;
    servers.Add(topo.visitedAaaBackhaulDevice);
    servers.Add(correspondentDevice);
    Ipv4InterfaceContainer serverIfs = ess.Assign(servers);
    Ipv4InterfaceContainer mobileIfs = ess.Assign(topo.mobileWifiDevices);
    Ipv4AddressHelper wanAddresses("10.2.0.0", "255.255.255.252");
    Ipv4InterfaceContainer wanIfs = wanAddresses.Assign(wanDevices);

    for (uint32_t i = 0; i < m_numAps; ++i)
    {
        topo.apAddresses.push_back(apIfs.GetAddress(i));
    }
    for (uint32_t i = 0; i < m_numMobiles; ++i)
    {
        topo.mobileAddresses.push_back(mobileIfs.GetAddress(i));
    }
    topo.visitedAaaAddress = serverIfs.GetAddress(0);
    topo.correspondentAddress = serverIfs.GetAddress(1);
    topo.visitedAaaWanAddress = wanIfs.GetAddress(0);
    topo.homeAaaAddress = wanIfs.GetAddress(1);
    // Every conversation is on-link (the ESS subnet, or the WAN /30 between the AAA
    // servers), so no routing is needed; global routing would also misread the APs'
    // shared Wi-Fi channel plus bridged LAN as an L2 loop.
    return topo;
}

} // namespace ns3
