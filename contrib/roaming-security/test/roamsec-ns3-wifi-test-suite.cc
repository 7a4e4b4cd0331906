/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * End-to-end tests of the ns-3 802.11 plumbing: two APs on different channels bridged to
 * a wired correspondent, one STA that is moved from the first AP to the second.
 */
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/roaming-assoc-manager.h"
#include "ns3/test.h"
#include "ns3/wifi-module.h"

#include <string>
#include <vector>

using namespace ns3;

namespace {

const Vector kAp1Pos (0, 0, 0);
const Vector kAp2Pos (300, 0, 0); // far out of AP1's range
const Vector kStaNearAp1 (5, 0, 0);
const Vector kStaNearAp2 (295, 0, 0);

/// AP1 (channel 36) and AP2 (channel 44) bridged to a CSMA LAN with a correspondent;
/// one STA starting next to AP1.
struct Topology
{
    NodeContainer aps;
    Ptr<Node> sta;
    Ptr<Node> server;
    NetDeviceContainer apWifi;
    Ptr<WifiNetDevice> staWifi;
    NetDeviceContainer csma;
    Ipv4Address serverIp{"10.0.0.1"};
    Ipv4Address staIp{"10.0.0.2"};

    struct Options
    {
        bool roamingManager{true};
        bool activeProbing{false};
        std::string apScheduler;  ///< MAC queue scheduler TypeId for the APs ("" = default)
        std::string staScheduler; ///< same for the STA
        bool internet{true};
    };

    explicit Topology (const Options& opt)
    {
        aps.Create (2);
        sta = CreateObject<Node> ();
        server = CreateObject<Node> ();

        YansWifiChannelHelper channel = YansWifiChannelHelper::Default ();
        YansWifiPhyHelper phy;
        phy.SetChannel (channel.Create ());
        WifiHelper wifi;
        wifi.SetStandard (WIFI_STANDARD_80211a);
        wifi.SetRemoteStationManager ("ns3::ConstantRateWifiManager", "DataMode",
                                      StringValue ("OfdmRate12Mbps"), "ControlMode",
                                      StringValue ("OfdmRate6Mbps"));
        Ssid ssid ("roamsec");

        WifiMacHelper apMac;
        apMac.SetType ("ns3::ApWifiMac", "Ssid", SsidValue (ssid));
        if (!opt.apScheduler.empty ())
        {
            apMac.SetMacQueueScheduler (opt.apScheduler);
        }
        phy.Set ("ChannelSettings", StringValue ("{36, 20, BAND_5GHZ, 0}"));
        apWifi.Add (wifi.Install (phy, apMac, aps.Get (0)));
        phy.Set ("ChannelSettings", StringValue ("{44, 20, BAND_5GHZ, 0}"));
        apWifi.Add (wifi.Install (phy, apMac, aps.Get (1)));

        WifiMacHelper staMac;
        staMac.SetType ("ns3::StaWifiMac", "Ssid", SsidValue (ssid), "ActiveProbing",
                        BooleanValue (opt.activeProbing));
        if (opt.roamingManager)
        {
            staMac.SetAssocManager ("ns3::RoamingAssocManager", "ChannelList",
                                    StringValue ("36,40,44"));
        }
        if (!opt.staScheduler.empty ())
        {
            staMac.SetMacQueueScheduler (opt.staScheduler);
        }
        phy.Set ("ChannelSettings", StringValue ("{36, 20, BAND_5GHZ, 0}"));
        staWifi = DynamicCast<WifiNetDevice> (wifi.Install (phy, staMac, sta).Get (0));

        MobilityHelper mobility;
        mobility.SetMobilityModel ("ns3::ConstantPositionMobilityModel");
        mobility.Install (aps);
        mobility.Install (sta);
        mobility.Install (server);
        aps.Get (0)->GetObject<MobilityModel> ()->SetPosition (kAp1Pos);
        aps.Get (1)->GetObject<MobilityModel> ()->SetPosition (kAp2Pos);
        sta->GetObject<MobilityModel> ()->SetPosition (kStaNearAp1);

        CsmaHelper csmaHelper;
        NodeContainer lan (server, aps.Get (0), aps.Get (1));
        csma = csmaHelper.Install (lan);
        BridgeHelper bridge;
        for (uint32_t i = 0; i < 2; i++)
        {
            bridge.Install (aps.Get (i), NetDeviceContainer (apWifi.Get (i), csma.Get (1 + i)));
        }

        if (opt.internet)
        {
            InternetStackHelper internet;
            internet.Install (NodeContainer (server, sta));
            Ipv4AddressHelper addr ("10.0.0.0", "255.255.255.0");
            addr.Assign (NetDeviceContainer (csma.Get (0)));
            addr.Assign (NetDeviceContainer (staWifi));
        }
    }

    Ptr<StaWifiMac> StaMac () const { return DynamicCast<StaWifiMac> (staWifi->GetMac ()); }

    Mac48Address ApBssid (uint32_t i) const
    {
        return DynamicCast<WifiNetDevice> (apWifi.Get (i))->GetMac ()->GetAddress ();
    }

    void MoveStaToAp2At (Time t) const
    {
        Simulator::Schedule (t, &MobilityModel::SetPosition, sta->GetObject<MobilityModel> (),
                             kStaNearAp2);
    }
};

/// Records the STA's Assoc/DeAssoc trace as "+bssid" / "-bssid".
struct AssocLog
{
    std::vector<std::string> events;

    void Assoc (Mac48Address bssid)
    {
        std::ostringstream os;
        os << "+" << bssid;
        events.push_back (os.str ());
    }

    void DeAssoc (Mac48Address bssid)
    {
        std::ostringstream os;
        os << "-" << bssid;
        events.push_back (os.str ());
    }

    void Connect (Ptr<StaWifiMac> mac)
    {
        mac->TraceConnectWithoutContext ("Assoc", MakeCallback (&AssocLog::Assoc, this));
        mac->TraceConnectWithoutContext ("DeAssoc", MakeCallback (&AssocLog::DeAssoc, this));
    }
};

std::string
Str (Mac48Address a, const char* prefix)
{
    std::ostringstream os;
    os << prefix << a;
    return os.str ();
}

class MultiChannelRoamTestCase : public TestCase
{
public:
    explicit MultiChannelRoamTestCase (bool active)
        : TestCase (std::string ("RoamingAssocManager re-associates across channels (")
                    + (active ? "active" : "passive") + " scanning)")
        , m_active (active)
    {}

private:
    void DoRun () override
    {
        RngSeedManager::SetSeed (1);
        RngSeedManager::SetRun (1);
        Topology::Options opt;
        opt.activeProbing = m_active;
        Topology topo (opt);
        AssocLog log;
        log.Connect (topo.StaMac ());
        uint32_t heard = 0;
        Ptr<RoamingAssocManager> manager;
        std::string channels;
        Simulator::Schedule (MilliSeconds (1),
                             [&] ()
                             {
                                 manager = RoamingAssocManager::Find (topo.StaMac ());
                                 if (manager)
                                 {
                                     channels = manager->GetChannelList ();
                                     manager->TraceConnectWithoutContext (
                                         "CandidateHeard",
                                         Callback<void, const RoamingCandidate&> (
                                             [&heard] (const RoamingCandidate&) { heard++; }));
                                 }
                             });

        topo.MoveStaToAp2At (Seconds (1));
        std::vector<RoamingCandidate> candidates;
        Simulator::Schedule (Seconds (3.9), [&] () { candidates = manager->GetCandidates (); });
        Simulator::Stop (Seconds (4));
        Simulator::Run ();

        NS_TEST_ASSERT_MSG_NE (manager, nullptr, "the STA uses the roaming association manager");
        NS_TEST_ASSERT_MSG_EQ (channels, "5:36,5:40,5:44", "channel list parsed");
        NS_TEST_ASSERT_MSG_EQ (log.events.size (), 3, "assoc AP1, deassoc AP1, assoc AP2");
        NS_TEST_ASSERT_MSG_EQ (log.events[0], Str (topo.ApBssid (0), "+"), "first AP1");
        NS_TEST_ASSERT_MSG_EQ (log.events[1], Str (topo.ApBssid (0), "-"), "lost AP1");
        NS_TEST_ASSERT_MSG_EQ (log.events[2], Str (topo.ApBssid (1), "+"),
                               "then AP2 on channel 44");
        NS_TEST_ASSERT_MSG_EQ (topo.StaMac ()->GetWifiPhy ()->GetChannelNumber (), 44,
                               "tuned to 44");
        NS_TEST_ASSERT_MSG_GT (heard, 0, "candidate trace fired");
        NS_TEST_ASSERT_MSG_EQ ((!candidates.empty () && candidates[0].bssid == topo.ApBssid (1)),
                               true, "AP2 is the best current candidate");
        NS_TEST_ASSERT_MSG_EQ (candidates[0].channel, 44, "candidate channel");
        NS_TEST_ASSERT_MSG_LT (candidates[0].rssiDbm, 0.0, "candidate RSSI recorded");
        Simulator::Destroy ();
    }

    bool m_active;
};

/// Measures the 3.37 fact the roaming manager exists for: the default manager never
/// leaves the STA's channel, so the STA never finds AP2 on channel 44.
class DefaultManagerStaysOnChannelTestCase : public TestCase
{
public:
    DefaultManagerStaysOnChannelTestCase ()
        : TestCase ("3.37 WifiDefaultAssocManager does not find an AP on another channel")
    {}

private:
    void DoRun () override
    {
        Topology::Options opt;
        opt.roamingManager = false;
        Topology topo (opt);
        AssocLog log;
        log.Connect (topo.StaMac ());
        topo.MoveStaToAp2At (Seconds (1));
        Simulator::Stop (Seconds (4));
        Simulator::Run ();
        NS_TEST_ASSERT_MSG_EQ (log.events.size (), 2, "assoc AP1, deassoc AP1, nothing more");
        NS_TEST_ASSERT_MSG_EQ (topo.StaMac ()->IsAssociated (), false, "never reaches AP2");
        Simulator::Destroy ();
    }
};

class RoamsecNs3WifiTestSuite : public TestSuite
{
public:
    RoamsecNs3WifiTestSuite ()
        : TestSuite ("roamsec-ns3-wifi", UNIT)
    {
        AddTestCase (new MultiChannelRoamTestCase (false), TestCase::QUICK);
        AddTestCase (new MultiChannelRoamTestCase (true), TestCase::QUICK);
        AddTestCase (new DefaultManagerStaysOnChannelTestCase (), TestCase::QUICK);
    }
};

RoamsecNs3WifiTestSuite g_roamsecNs3WifiTestSuite;

} // namespace
