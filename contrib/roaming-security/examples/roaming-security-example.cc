/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The smallest complete use of the module: two APs of a visited domain, one
 * mobile walking from the first to the second, its home AAA behind a WAN link.
 * Prints each handoff's phases. Try --method=cached-pmk, pre-association-ptk or
 * delegated, and NS_LOG=RoamingMobile=info:RoamingAccessPoint=info.
 */
#include "ns3/core-module.h"
#include "ns3/roaming-arp-keeper.h"
#include "ns3/roaming-security-helper.h"
#include "ns3/roaming-topology-helper.h"
#include "ns3/roamsec-cli-check.h"
#include "ns3/udp-client-server-helper.h"

#include <iostream>
#include <limits>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string method = "full-eap";
    double wanDelayMs = 50;
    CommandLine cmd(__FILE__);
    cmd.AddValue("method", "full-eap, cached-pmk, pre-association-ptk or delegated", method);
    cmd.AddValue("wanDelay", "one-way WAN delay to the home AAA (ms)", wanDelayMs);
    cmd.Parse(argc, argv);
    const std::string prog = "roaming-security-example";
    roamsec::cli::RequireOneOf(prog, "method", method,
                               {"full-eap", "cached-pmk", "pre-association-ptk", "delegated"});
    roamsec::cli::RequireRange(prog, "wanDelay", wanDelayMs, 0, 10000, "ms");
    RoamingMethod parsed;
    if (!ParseRoamingMethod(method, parsed))
    {
        std::cerr << "unknown method '" << method << "'\n";
        return 2;
    }

    Ptr<RoamingTopologyHelper> topology = CreateObject<RoamingTopologyHelper>();
    topology->SetAttribute("NumAps", UintegerValue(2));
    topology->SetAttribute("WanDelay", TimeValue(MilliSeconds(wanDelayMs)));
    RoamingTopology topo = topology->Build();

    RoamingSecurityHelper security;
    security.SetMobileAttribute("Method", StringValue(method));
    if (method == "delegated")
    {
        security.EnableDelegation("visited.example.net");
    }
    RoamingSecurityRoles roles = security.Install(topo);
    security.AssignStreams(roles, 100 + topology->AssignStreams(topo, 100));
    RoamingArpKeeper::PopulateSubnets(NodeContainer::GetGlobal());

    UdpClientHelper flow(topo.mobileAddresses[0], 9);
    flow.SetAttribute("MaxPackets", UintegerValue(std::numeric_limits<uint32_t>::max()));
    flow.SetAttribute("Interval", TimeValue(MilliSeconds(20)));
    ApplicationContainer apps = flow.Install(topo.correspondent);
    apps.Start(Seconds(0.5));

    roles.recorder->TraceConnectWithoutContext(
        "HandoffCompleted",
        MakeCallback(+[](uint32_t mobile, const HandoffRecord& r)
                     {
                         auto ms = [&r](HandoffEvent e)
                         {
                             auto it = r.times.find(e);
                             return it == r.times.end() ? -1.0 : it->second.GetSeconds() * 1000.0;
                         };
                         double lost = ms(HandoffEvent::LinkLost);
                         std::cout << "mobile " << mobile << ": AP " << r.fromAp << " -> AP "
                                   << r.toAp << " (" << r.method
                                   << (r.fallback ? ", fell back to full EAP" : "") << ")\n";
                         for (HandoffEvent e : {HandoffEvent::ScanDone, HandoffEvent::Associated,
                                                HandoffEvent::EapDone, HandoffEvent::FourWayDone,
                                                HandoffEvent::PortOpenAp, HandoffEvent::FirstData})
                         {
                             if (ms(e) >= 0)
                             {
                                 std::cout << "  " << HandoffEventName(e) << " +" << ms(e) - lost
                                           << " ms\n";
                             }
                         }
                     }));

    Simulator::Stop(Seconds(12));
    Simulator::Run();
    Simulator::Destroy();
    return 0;
}
