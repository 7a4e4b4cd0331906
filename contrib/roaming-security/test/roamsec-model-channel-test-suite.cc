/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GridSpectrumChannel (doc/channel.rst): the cut-off it derives, the cut-offs it refuses,
 * and which receivers a transmission reaches, moving ones included. The topology's
 * switched backhaul (doc/benchmark.rst): a unicast frame reaches only its destination.
 * The APs' GroupAddressedForwarding: a backhaul broadcast goes into every cell or none.
 */
#include "ns3/core-module.h"
#include "ns3/csma-net-device.h"
#include "ns3/grid-spectrum-channel.h"
#include "ns3/internet-module.h"
#include "ns3/mobility-module.h"
#include "ns3/multi-model-spectrum-channel.h"
#include "ns3/network-module.h"
#include "ns3/ns3-compat.h"
#include "ns3/propagation-delay-model.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/roaming-ap-wifi-mac.h"
#include "ns3/roaming-arp-keeper.h"
#include "ns3/roaming-topology-helper.h"
#include "ns3/spectrum-wifi-helper.h"
#include "ns3/test.h"
#include "ns3/wifi-module.h"

#include <cmath>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RoamsecModelChannelTest");

namespace {

/// Ad hoc 802.11a nodes at the given positions on one spectrum channel (16 dBm,
/// the default -101 dBm sensitivity; log-distance loss: 46.68 dB at 1 m, exponent 3).
struct Air
{
    NodeContainer nodes;
    NetDeviceContainer devices;

    Air(Ptr<SpectrumChannel> channel, const std::vector<Vector>& positions)
    {
        nodes.Create(positions.size());
        MobilityHelper mobility;
        mobility.SetMobilityModel("ns3::ConstantVelocityMobilityModel");
        mobility.Install(nodes);
        for (uint32_t i = 0; i < positions.size(); ++i)
        {
            nodes.Get(i)->GetObject<MobilityModel>()->SetPosition(positions[i]);
        }
        channel->AddPropagationLossModel(CreateObject<LogDistancePropagationLossModel>());
        channel->SetPropagationDelayModel(CreateObject<ConstantSpeedPropagationDelayModel>());
        SpectrumWifiPhyHelper phy;
        phy.SetChannel(channel);
        phy.Set("TxPowerStart", DoubleValue(16.0));
        phy.Set("TxPowerEnd", DoubleValue(16.0));
        phy.Set("ChannelSettings", StringValue("{36, 20, BAND_5GHZ, 0}"));
        WifiHelper wifi;
        wifi.SetStandard(WIFI_STANDARD_80211a);
        WifiMacHelper mac;
        mac.SetType("ns3::AdhocWifiMac");
        devices = wifi.Install(phy, mac, nodes);
    }

    /// Node 0 broadcasts one frame at time t.
    void BroadcastAt(Time t)
    {
        Ptr<NetDevice> dev = devices.Get(0);
        Simulator::Schedule(
            t, [dev]() { dev->Send(Create<Packet>(100), Mac48Address::GetBroadcast(), 0x0800); });
    }

    /// Counts the PPDUs whose reception each node's PHY begins (in m_counts).
    void CountRxBegin()
    {
        auto counts = std::make_shared<std::vector<uint32_t>>(devices.GetN(), 0);
        m_counts = counts;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            auto phy = DynamicCast<WifiNetDevice>(devices.Get(i))->GetPhy();
            phy->TraceConnectWithoutContext(
                "PhyRxBegin",
                Callback<void, Ptr<const Packet>, RxPowerWattPerChannelBand>(
                    [counts, i](Ptr<const Packet>, RxPowerWattPerChannelBand) { ++(*counts)[i]; }));
        }
    }

    std::shared_ptr<std::vector<uint32_t>> m_counts;
};

/// The derived cut-off, and MaxLossDb / MaxRange values refused with both values named.
class CutOffTestCase : public TestCase
{
public:
    CutOffTestCase()
        : TestCase("cut-off derived from txPower - RxSensitivity; too small MaxLossDb or "
                   "MaxRange refused naming both values")
    {}

private:
    std::string Check(double maxLossDb, double maxRange, double* lossDb, double* range)
    {
        auto channel = CreateObject<GridSpectrumChannel>();
        if (maxLossDb > 0)
        {
            channel->SetAttribute("MaxLossDb", DoubleValue(maxLossDb));
        }
        channel->SetAttribute("MaxRange", DoubleValue(maxRange));
        Air air(channel, {Vector(0, 0, 0), Vector(50, 0, 0)});
        std::string problem = channel->ValidateCutOff(air.devices);
        if (lossDb)
        {
            *lossDb = channel->GetCutOffLossDb();
            *range = channel->GetCutOffDistance();
        }
        Simulator::Destroy();
        return problem;
    }

    void DoRun() override
    {
        double lossDb = 0;
        double range = 0;
        // 16 dBm - (-101 dBm) = 117 dB, plus the 1 dB MarginDb
        NS_TEST_ASSERT_MSG_EQ(Check(0, 0, &lossDb, &range), "", "the default cut-off is valid");
        NS_TEST_ASSERT_MSG_EQ_TOL(lossDb, 118.0, 1e-9, "cut-off loss");
        double expected = std::pow(10.0, (118.0 - 46.6777) / 30.0);
        NS_TEST_ASSERT_MSG_EQ_TOL(range, expected, 0.01, "distance where the loss exceeds 118 dB");

        NS_TEST_ASSERT_MSG_EQ(Check(117.0, 0, &lossDb, &range), "", "MaxLossDb at the threshold");
        NS_TEST_ASSERT_MSG_EQ_TOL(lossDb, 117.0, 1e-9, "MaxLossDb is the cut-off");

        std::string problem = Check(100.0, 0, nullptr, nullptr);
        NS_TEST_ASSERT_MSG_NE(problem.find("MaxLossDb = 100 dB"), std::string::npos, problem);
        NS_TEST_ASSERT_MSG_NE(problem.find("RxSensitivity = 117 dB"), std::string::npos, problem);

        problem = Check(0, 50.0, nullptr, nullptr);
        double needed = std::pow(10.0, (117.0 - 46.6777) / 30.0);
        NS_TEST_ASSERT_MSG_NE(problem.find("MaxRange = 50 m"), std::string::npos, problem);
        NS_TEST_ASSERT_MSG_NE(problem.find("117 dB only at " + std::to_string(needed).substr(0, 3)),
                              std::string::npos, problem);

        NS_TEST_ASSERT_MSG_EQ(Check(0, 1000.0, &lossDb, &range), "", "a longer MaxRange is valid");
        NS_TEST_ASSERT_MSG_EQ_TOL(range, 1000.0, 1e-9, "MaxRange is the cut-off distance");
    }
};

/**
 * Node 0 broadcasts at 1 s and 10 s. Node 1 is 30 m away, node 2 starts 1010 m away and
 * moves towards node 0 at 97 m/s without a course change (it is 40 m away at 10 s): it
 * must hear only the second frame. Node 3 stays 2000 m away. On the stock channel the
 * far nodes get every signal (below sensitivity); on the grid channel no event.
 */
class DeliveryTestCase : public TestCase
{
public:
    DeliveryTestCase()
        : TestCase("frames reach the receivers in range, moving ones included, and no other")
    {}

private:
    void DoRun() override
    {
        for (bool grid : {false, true})
        {
            Ptr<SpectrumChannel> channel;
            Ptr<GridSpectrumChannel> gridChannel;
            if (grid)
            {
                gridChannel = CreateObject<GridSpectrumChannel>();
                gridChannel->SetAttribute("VerifyCutOff", BooleanValue(true));
                channel = gridChannel;
            }
            else
            {
                channel = CreateObject<MultiModelSpectrumChannel>();
            }
            // nodes 0 and 1 in neighbouring cells (the cells are about 238 m wide)
            Air air(channel,
                    {Vector(-10, 0, 0), Vector(20, 0, 0), Vector(1000, 0, 0), Vector(2000, 0, 0)});
            air.nodes.Get(2)->GetObject<ConstantVelocityMobilityModel>()->SetVelocity(
                Vector(-97, 0, 0));
            air.CountRxBegin();
            std::vector<uint32_t> signals(4, 0);
            for (uint32_t i = 0; i < 4; ++i)
            {
                auto phy = DynamicCast<WifiNetDevice>(air.devices.Get(i))->GetPhy();
#if ROAMSEC_NS3_48
                using Signal = Ptr<const SpectrumSignalParameters>; // 3.48: the signal
#else
                using Signal = bool; // 3.37: whether it is a Wi-Fi signal
#endif
                phy->TraceConnectWithoutContext("SignalArrival",
                                                Callback<void, Signal, uint32_t, double, Time>(
                                                    [&signals, i](Signal, uint32_t, double, Time)
                                                    { ++signals[i]; }));
            }
            air.BroadcastAt(Seconds(1));
            air.BroadcastAt(Seconds(10));
            Simulator::Stop(Seconds(11));
            Simulator::Run();
            const auto& rx = *air.m_counts;
            std::string kind = grid ? "grid: " : "stock: ";
            NS_TEST_EXPECT_MSG_EQ(rx[1], 2, kind + "node 1 (30 m) receives both frames");
            NS_TEST_EXPECT_MSG_EQ(rx[2], 1, kind + "node 2 receives the frame sent when near");
            NS_TEST_EXPECT_MSG_EQ(rx[3], 0, kind + "node 3 (2000 m) receives nothing");
            if (grid)
            {
                NS_TEST_EXPECT_MSG_EQ(signals[2], 1, "grid: one signal event at node 2");
                NS_TEST_EXPECT_MSG_EQ(signals[3], 0, "grid: no signal event at node 3");
                NS_TEST_EXPECT_MSG_EQ(gridChannel->GetScheduledReceptions(), 3,
                                      "grid: three receive events in all");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(signals[3], 2, "stock: node 3 gets every signal");
            }
            Simulator::Destroy();
        }
    }
};

/**
 * The correspondent sends one UDP datagram to the visited AAA at 1 s, the AAA answers,
 * then ten more datagrams follow from 2 s, on the topology's backhaul with 4 APs. From
 * 2 s on, every AP's backhaul device receives the ten frames on the bus and none behind
 * the learning switch (it learned both addresses from the first exchange).
 */
class BackhaulTestCase : public TestCase
{
public:
    BackhaulTestCase()
        : TestCase("the switched backhaul delivers a learned unicast frame only to its "
                   "destination; the bus to every AP")
    {}

private:
    void DoRun() override
    {
        for (std::string backhaul : {"bus", "switched"})
        {
            Ptr<RoamingTopologyHelper> helper = CreateObject<RoamingTopologyHelper>();
            helper->SetAttribute("NumAps", UintegerValue(4));
            helper->SetAttribute("NumMobiles", UintegerValue(1));
            helper->SetAttribute("Backhaul", StringValue(backhaul));
            NS_TEST_ASSERT_MSG_EQ(helper->Validate(), "", "valid topology");
            RoamingTopology topo = helper->Build();
            RoamingArpKeeper::PopulateSubnets(NodeContainer::GetGlobal());
            NS_TEST_ASSERT_MSG_EQ((topo.backhaulSwitch != nullptr), (backhaul == "switched"),
                                  backhaul + ": a switch node only when switched");

            auto apFrames = std::make_shared<uint32_t>(0);
            for (uint32_t i = 0; i < topo.apBackhaulDevices.GetN(); ++i)
            {
                topo.apBackhaulDevices.Get(i)->TraceConnectWithoutContext(
                    "PhyRxEnd", Callback<void, Ptr<const Packet>>(
                                    [apFrames](Ptr<const Packet>)
                                    {
                                        if (Simulator::Now() >= Seconds(2))
                                        {
                                            ++*apFrames;
                                        }
                                    }));
            }
            auto aaaReceived = std::make_shared<uint32_t>(0);
            Ptr<Socket> aaa = Socket::CreateSocket(topo.visitedAaa, UdpSocketFactory::GetTypeId());
            aaa->Bind(InetSocketAddress(Ipv4Address::GetAny(), 4000));
            aaa->SetRecvCallback(MakeBoundCallback(
                +[](std::shared_ptr<uint32_t> count, Ptr<Socket> socket)
                {
                    Address from;
                    while (Ptr<Packet> p = socket->RecvFrom(from))
                    {
                        ++*count;
                        // The answer teaches the switch where the AAA is.
                        if (*count == 1)
                        {
                            socket->SendTo(Create<Packet>(20), 0, from);
                        }
                    }
                },
                aaaReceived));
            Ptr<Socket> correspondent
                = Socket::CreateSocket(topo.correspondent, UdpSocketFactory::GetTypeId());
            correspondent->Bind();
            InetSocketAddress to(topo.visitedAaaAddress, 4000);
            for (uint32_t k = 0; k < 11; ++k)
            {
                Simulator::Schedule(Seconds(k == 0 ? 1.0 : 2.0 + 0.01 * k), [correspondent, to]()
                                    { correspondent->SendTo(Create<Packet>(100), 0, to); });
            }
            Simulator::Stop(Seconds(3));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(*aaaReceived, 11, backhaul + ": the AAA receives every datagram");
            uint32_t expected = backhaul == "bus" ? 4 * 10 : 0;
            NS_TEST_EXPECT_MSG_EQ(*apFrames, expected,
                                  backhaul + ": frames received by the APs' backhaul devices");
            aaa->Close();
            correspondent->Close();
            Simulator::Destroy();
        }
    }
};

/**
 * An ARP Announcement (RFC 5227 3) broadcast on the backhaul by the visited AAA at 1 s,
 * 4 APs on the bus: every AP's bridge hands it to its Wi-Fi device, which transmits it
 * into the BSS as one group-addressed data frame, unless GroupAddressedForwarding is
 * false (then no AP transmits it; every AP still receives it on the backhaul).
 */
class GroupForwardingTestCase : public TestCase
{
public:
    GroupForwardingTestCase()
        : TestCase("a backhaul broadcast reaches every cell, or none with "
                   "GroupAddressedForwarding false")
    {}

private:
    void DoRun() override
    {
        for (bool forwarding : {true, false})
        {
            std::string label = forwarding ? "forwarding" : "no forwarding";
            Ptr<RoamingTopologyHelper> helper = CreateObject<RoamingTopologyHelper>();
            helper->SetAttribute("NumAps", UintegerValue(4));
            helper->SetAttribute("NumMobiles", UintegerValue(1));
            NS_TEST_ASSERT_MSG_EQ(helper->Validate(), "", "valid topology");
            RoamingTopology topo = helper->Build();
            auto airBroadcasts = std::make_shared<uint32_t>(0);
            auto backhaulFrames = std::make_shared<uint32_t>(0);
            for (uint32_t i = 0; i < topo.apWifiDevices.GetN(); ++i)
            {
                auto device = DynamicCast<WifiNetDevice>(topo.apWifiDevices.Get(i));
                Ptr<RoamingApWifiMac> mac = DynamicCast<RoamingApWifiMac>(device->GetMac());
                NS_TEST_ASSERT_MSG_NE(mac, nullptr, "the topology's APs are RoamingApWifiMac");
                mac->SetAttribute("GroupAddressedForwarding", BooleanValue(forwarding));
                device->GetPhy()->TraceConnectWithoutContext(
                    "PhyTxBegin", Callback<void, Ptr<const Packet>, double>(
                                      [airBroadcasts](Ptr<const Packet> psdu, double)
                                      {
                                          WifiMacHeader hdr;
                                          psdu->PeekHeader(hdr);
                                          if (hdr.IsData() && hdr.GetAddr1().IsBroadcast())
                                          {
                                              ++*airBroadcasts;
                                          }
                                      }));
                topo.apBackhaulDevices.Get(i)->TraceConnectWithoutContext(
                    "PhyRxEnd", Callback<void, Ptr<const Packet>>(
                                    [backhaulFrames](Ptr<const Packet>) { ++*backhaulFrames; }));
            }
            Ptr<NetDevice> aaa = topo.visitedAaaBackhaulDevice;
            Ipv4Address own = topo.visitedAaaAddress;
            Simulator::Schedule(Seconds(1),
                                [aaa, own]()
                                {
                                    ArpHeader arp;
                                    arp.SetRequest(aaa->GetAddress(), own, aaa->GetBroadcast(), own);
                                    Ptr<Packet> packet = Create<Packet>();
                                    packet->AddHeader(arp);
                                    aaa->Send(packet, aaa->GetBroadcast(), ArpL3Protocol::PROT_NUMBER);
                                });
            Simulator::Stop(Seconds(1.5));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(*backhaulFrames, 4, label + ": every AP receives it on the backhaul");
            NS_TEST_EXPECT_MSG_EQ(*airBroadcasts, forwarding ? 4 : 0,
                                  label + ": group-addressed data frames the APs transmit");
            Simulator::Destroy();
        }
    }
};

class RoamsecModelChannelTestSuite : public TestSuite
{
public:
    RoamsecModelChannelTestSuite()
        : TestSuite("roamsec-model-channel", Type::UNIT)
    {
        AddTestCase(new CutOffTestCase());
        AddTestCase(new DeliveryTestCase());
        AddTestCase(new BackhaulTestCase());
        AddTestCase(new GroupForwardingTestCase());
    }
};

RoamsecModelChannelTestSuite g_roamsecModelChannelTestSuite;

} // namespace
