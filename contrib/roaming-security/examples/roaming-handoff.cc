/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Main scenario: mobiles walk along a line of APs in a visited domain whose
 * subscribers are authenticated by a remote home AAA. The same mobility and seed
 * are run once per handoff method; every handoff is written to
 * <outDir>/handoffs-run<R>.csv (doc/results-format.rst) and a per-method table of
 * the phases is printed.
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/roaming-arp-keeper.h"
#include "ns3/roaming-security-helper.h"
#include "ns3/roaming-topology-helper.h"
#include "ns3/roamsec-cli-check.h"
#include "ns3/wifi-module.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RoamingHandoffScenario");

namespace {

struct Parameters
{
    std::string methods{"all"};
    uint32_t numAps{3};
    uint32_t numMobiles{1};
    double apSpacing{60.0}; //!< overlapping cells (doc/roaming-policies.rst)
    std::string apPositions;
    double speed{10.0};
    double wanDelayMs{50.0};
    double visitedAaaDelayMs{1.0};
    double homeAaaDelayMs{2.0};
    std::string standard{"a"};
    std::string channels{"36,40,44"};
    double duration{0.0}; //!< 0: long enough to walk past the last AP
    std::string profile{"draft"};
    bool pcap{false};
    bool traceMessages{false};
    std::string outDir{"results/roaming-handoff"};
    double dataInterval{0.02};
    std::string policy{"missed-beacons"};
    std::string scan{"passive"};
    double rssiThresholdDbm{-70.0};
    double rssiMinGainDb{8.0};
    double minChannelTimeMs{0.0};
    std::string neighbors;
    int32_t mobilityDomain{-1}; //!< -1: MDID 1 for the FT methods
    std::string wifiChannel{"yans"}; //!< RoamingTopologyHelper::WifiChannel
};

/** Phase durations of a record, in ms; NaN when the phase did not occur. */
std::map<std::string, double>
Phases(const HandoffRecord& r)
{
    auto t = [&r](HandoffEvent e) -> double
    {
        auto it = r.times.find(e);
        return it == r.times.end() ? NAN : it->second.GetSeconds() * 1000.0;
    };
    double lost = t(HandoffEvent::LinkLost);
    double scanDone = t(HandoffEvent::ScanDone);
    double assoc = t(HandoffEvent::Associated);
    double eapStart = t(HandoffEvent::EapStart);
    double eapDone = t(HandoffEvent::EapDone);
    double fourWay = t(HandoffEvent::FourWayDone);
    double portOpen = std::max(t(HandoffEvent::PortOpenSta), t(HandoffEvent::PortOpenAp));
    double data = t(HandoffEvent::FirstData);
    std::map<std::string, double> p;
    p["scan"] = scanDone - lost;
    p["assoc"] = assoc - (std::isnan(scanDone) ? lost : scanDone);
    p["eap"] = eapDone - eapStart;
    p["4way"] = fourWay - (std::isnan(eapDone) ? assoc : eapDone);
    p["port"] = portOpen - fourWay;
    p["data"] = data - portOpen;
    p["total"] = data - lost;
    return p;
}

double
Quantile(std::vector<double> v, double q)
{
    if (v.empty())
    {
        return NAN;
    }
    std::sort(v.begin(), v.end());
    double pos = q * (v.size() - 1);
    size_t lo = static_cast<size_t>(std::floor(pos));
    size_t hi = static_cast<size_t>(std::ceil(pos));
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

void
PrintTable(const std::map<std::string, std::vector<HandoffRecord>>& byMethod)
{
    const std::vector<std::string> phases
        = {"scan", "assoc", "eap", "4way", "port", "data", "total"};
    std::cout << "\nHandoff latency per method (ms; mean / median / p95 over completed handoffs;\n"
              << "a phase's figures cover the handoffs in which it occurred; fb = fell back to "
                 "full EAP)\n";
    std::cout << std::left << std::setw(22) << "method" << std::setw(5) << "n" << std::setw(5)
              << "fb";
    for (const auto& p : phases)
    {
        std::cout << std::setw(p == "assoc" || p == "4way" || p == "port" ? 16 : 22) << p;
    }
    std::cout << "\n";
    for (const auto& [method, records] : byMethod)
    {
        std::map<std::string, std::vector<double>> values;
        size_t n = 0;
        size_t fallbacks = 0;
        for (const auto& r : records)
        {
            if (!r.complete)
            {
                continue;
            }
            ++n;
            fallbacks += r.fallback ? 1 : 0;
            for (const auto& [name, v] : Phases(r))
            {
                if (!std::isnan(v))
                {
                    values[name].push_back(v);
                }
            }
        }
        std::cout << std::setw(22) << method << std::setw(5) << n << std::setw(5) << fallbacks;
        for (const auto& p : phases)
        {
            const auto& v = values[p];
            std::ostringstream cell;
            if (v.empty())
            {
                cell << "-";
            }
            else
            {
                double mean = 0;
                for (double x : v)
                {
                    mean += x;
                }
                mean /= v.size();
                cell << std::fixed << std::setprecision(1) << mean << "/" << Quantile(v, 0.5) << "/"
                     << Quantile(v, 0.95);
            }
            std::cout << std::setw(p == "assoc" || p == "4way" || p == "port" ? 16 : 22)
                      << cell.str();
        }
        std::cout << "\n";
    }
}

/** What one method's simulation gives: its handoffs and its signalling. */
struct MethodRun
{
    std::vector<HandoffRecord> records;
    SignallingTotals duringHandoffs;
    SignallingTotals outsideHandoffs;
};

/** JSON of one SignallingTotals. */
std::string
SignallingJson(const SignallingTotals& t)
{
    std::ostringstream out;
    const char* links[] = {"air", "backhaul", "wan"};
    out << "{";
    for (int l = 0; l < 3; ++l)
    {
        out << "\"" << links[l] << "_msgs\": " << t.messages[l] << ", \"" << links[l]
            << "_bytes\": " << t.bytes[l] << ", ";
    }
    out << "\"visited_aaa_msgs\": " << t.visitedAaaMessages
        << ", \"home_aaa_msgs\": " << t.homeAaaMessages << "}";
    return out.str();
}

MethodRun
RunMethod(const Parameters& p, const std::string& method, const std::string& csvPath, bool append)
{
    Ptr<RoamingTopologyHelper> topoHelper = CreateObject<RoamingTopologyHelper>();
    topoHelper->SetAttribute("NumAps", UintegerValue(p.numAps));
    topoHelper->SetAttribute("NumMobiles", UintegerValue(p.numMobiles));
    topoHelper->SetAttribute("ApSpacing", DoubleValue(p.apSpacing));
    topoHelper->SetAttribute("ApPositions", StringValue(p.apPositions));
    topoHelper->SetAttribute("Speed", DoubleValue(p.speed));
    topoHelper->SetAttribute("Standard", StringValue(p.standard));
    topoHelper->SetAttribute("Channels", StringValue(p.channels));
    topoHelper->SetAttribute("WanDelay", TimeValue(MilliSeconds(p.wanDelayMs)));
    topoHelper->SetAttribute("WifiChannel", StringValue(p.wifiChannel));
    std::string problem = topoHelper->Validate();
    if (!problem.empty())
    {
        std::cerr << "roaming-handoff: " << problem << "\n";
        std::exit(2);
    }
    Config::SetDefault("ns3::RoamingAssocManager::MinChannelTime",
                       TimeValue(MicroSeconds(static_cast<int64_t>(p.minChannelTimeMs * 1000))));
    RoamingTopology topo = topoHelper->Build();
    problem = RoamingTopologyHelper::ValidateBuilt(topo);
    if (!problem.empty())
    {
        std::cerr << "roaming-handoff: " << problem << "\n";
        std::exit(2);
    }
    // only now: a refused configuration writes nothing
    std::filesystem::create_directories(p.outDir);

    RoamingSecurityHelper security;
    security.SetMobileAttribute("Method", StringValue(method));
    security.SetMobileAttribute("Profile", StringValue(p.profile));
    security.SetMobileAttribute("RoamingPolicy", StringValue(p.policy));
    security.SetMobileAttribute("ScanType", StringValue(p.scan));
    security.SetMobileAttribute("RssiThreshold", DoubleValue(p.rssiThresholdDbm));
    security.SetMobileAttribute("RssiMinGain", DoubleValue(p.rssiMinGainDb));
    security.SetNeighborLists(p.neighbors);
    security.SetHomeAaaAttribute("Profile", StringValue(p.profile));
    security.SetVisitedAaaAttribute("ProcessingDelay",
                                    TimeValue(MilliSeconds(p.visitedAaaDelayMs)));
    security.SetHomeAaaAttribute("ProcessingDelay", TimeValue(MilliSeconds(p.homeAaaDelayMs)));
    security.SetRecorderAttribute("TraceMessages", BooleanValue(p.traceMessages));
    security.SetRecorderAttribute("Run", UintegerValue(RngSeedManager::GetRun()));
    security.SetRecorderAttribute("Seed", UintegerValue(RngSeedManager::GetSeed()));
    if (method == "delegated")
    {
        security.EnableDelegation("visited.example.net");
    }
    // -1: a mobility domain (MDID 1) for the FT methods only, so other runs stay plain RSN
    bool ft = method == "ft-over-ds" || method == "ft-over-air";
    if (p.mobilityDomain > 0 || (ft && p.mobilityDomain < 0))
    {
        security.SetAccessPointAttribute(
            "MobilityDomain", UintegerValue(p.mobilityDomain > 0 ? p.mobilityDomain : 1));
    }
    RoamingSecurityRoles roles = security.Install(topo);
    int64_t streams = topoHelper->AssignStreams(topo, 100);
    security.AssignStreams(roles, 100 + streams);

    // ARP entries that survive ns-3's flush on link changes: the outage measured is the
    // handoff's, not ARP's (doc/ns3-wifi.rst).
    RoamingArpKeeper::PopulateSubnets(NodeContainer::GetGlobal());

    // Default: there and back along the line (RoundTrip), plus time to settle.
    double duration
        = p.duration > 0
              ? p.duration
              : 2 * ((p.numAps - 1) * p.apSpacing + p.apSpacing / 2) / std::max(p.speed, 0.1) + 2.0;
    // Constant-rate downlink flow from the correspondent to every mobile.
    for (uint32_t i = 0; i < p.numMobiles; ++i)
    {
        UdpClientHelper client(topo.mobileAddresses[i], 9);
        client.SetAttribute("MaxPackets", UintegerValue(std::numeric_limits<uint32_t>::max()));
        client.SetAttribute("Interval", TimeValue(Seconds(p.dataInterval)));
        client.SetAttribute("PacketSize", UintegerValue(200));
        ApplicationContainer apps = client.Install(topo.correspondent);
        apps.Start(Seconds(0.5));
        apps.Stop(Seconds(duration));
    }
    if (p.pcap)
    {
        // Real IP/UDP checksums and 802.11/Ethernet FCS, so Wireshark's checksum
        // validation passes (ns-3 writes zeros otherwise); read per packet, same timing.
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        YansWifiPhyHelper phy;
        phy.SetPcapDataLinkType(WifiPhyHelper::DLT_IEEE802_11_RADIO);
        phy.EnablePcap(p.outDir + "/" + method + "-wifi", topo.apWifiDevices);
        CsmaHelper csma;
        csma.EnablePcap(p.outDir + "/" + method + "-backhaul", topo.visitedAaaBackhaulDevice, true);
        PointToPointHelper p2p;
        p2p.EnablePcap(p.outDir + "/" + method + "-wan", topo.homeAaaWanDevice, true);
    }
    Simulator::Stop(Seconds(duration));
    Simulator::Run();
    std::string messages = p.traceMessages ? p.outDir + "/messages-run"
                                                 + std::to_string(RngSeedManager::GetRun()) + ".csv"
                                           : "";
    roles.recorder->WriteCsv(csvPath, messages, append);
    MethodRun result{roles.recorder->GetRecords(),
                     roles.recorder->GetSignalling(true),
                     roles.recorder->GetSignalling(false)};
    Simulator::Destroy();
    return result;
}

} // namespace

int
main(int argc, char* argv[])
{
    Parameters p;
    // Counts are read as text: CommandLine would wrap "-1" into a huge unsigned value.
    std::string numApsArg = std::to_string(p.numAps);
    std::string numMobilesArg = std::to_string(p.numMobiles);
    CommandLine cmd(__FILE__);
    cmd.AddValue(
        "methods",
        "all (full-eap, cached-pmk, pre-association-ptk, delegated), or a comma-separated list "
        "of those, okc, ft-over-ds, ft-over-air and fast-reauth (with --profile=rfc4187)",
        p.methods);
    cmd.AddValue("mobilityDomain",
                 "MDID of the APs' IEEE 802.11r mobility domain (1..65535); 0: none; -1 "
                 "(default): 1 for the ft-* methods, none otherwise",
                 p.mobilityDomain);
    cmd.AddValue("numAps", "number of APs on the line (2..1000)", numApsArg);
    cmd.AddValue("numMobiles", "number of mobiles (1..10000)", numMobilesArg);
    cmd.AddValue("apSpacing",
                 "distance between APs (m); at 60 m neighbouring cells overlap by 42 m",
                 p.apSpacing);
    cmd.AddValue("apPositions", "AP positions 'x,y;x,y;...' (m); empty: a line", p.apPositions);
    cmd.AddValue("speed", "walking speed of the mobiles (m/s)", p.speed);
    cmd.AddValue("wanDelay", "one-way WAN delay visited-home (ms)", p.wanDelayMs);
    cmd.AddValue("visitedAaaDelay", "visited AAA processing delay per message (ms)",
                 p.visitedAaaDelayMs);
    cmd.AddValue("homeAaaDelay", "home AAA processing delay per request (ms)", p.homeAaaDelayMs);
    cmd.AddValue("standard", "802.11 standard: a, g, n, ac", p.standard);
    cmd.AddValue("channels", "comma-separated AP channels, round-robin", p.channels);
    cmd.AddValue("duration", "simulated time (s); 0 = walk past the last AP", p.duration);
    cmd.AddValue("profile", "EAP-AKA profile: draft or rfc4187", p.profile);
    cmd.AddValue("dataInterval", "interval of the downlink UDP flow (s)", p.dataInterval);
    cmd.AddValue("pcap", "write pcap files of the air, backhaul and WAN links", p.pcap);
    cmd.AddValue("traceMessages", "write messages-run<R>.csv for sequence charts", p.traceMessages);
    cmd.AddValue("outDir", "output directory", p.outDir);
    cmd.AddValue("policy", "roaming policy: missed-beacons or rssi", p.policy);
    cmd.AddValue("scan", "scan type: passive, active or neighbour-report", p.scan);
    cmd.AddValue("rssiThreshold", "rssi policy: roam/scan threshold (dBm)", p.rssiThresholdDbm);
    cmd.AddValue("rssiMinGain", "rssi policy: a candidate's minimum gain (dB)", p.rssiMinGainDb);
    cmd.AddValue("minChannelTime",
                 "active scans: leave a channel without Probe Response after this (ms; 0: stay "
                 "MaxChannelTime)",
                 p.minChannelTimeMs);
    cmd.AddValue("neighbors",
                 "802.11k neighbour lists by AP index, e.g. '0:1;1:0,2;2:1' (empty: the APs "
                 "before and after each AP)",
                 p.neighbors);
    cmd.AddValue("wifiChannel",
                 "Wi-Fi channel model: yans, spectrum (stock MultiModelSpectrumChannel) or grid "
                 "(GridSpectrumChannel, doc/channel.rst)",
                 p.wifiChannel);
    cmd.Parse(argc, argv);

    // Every flag is checked before any simulation work (doc/roaming-security.rst).
    const std::string prog = "roaming-handoff";
    p.numAps = static_cast<uint32_t>(roamsec::cli::ParseCount(prog, "numAps", numApsArg, 2, 1000));
    p.numMobiles =
        static_cast<uint32_t>(roamsec::cli::ParseCount(prog, "numMobiles", numMobilesArg, 1, 10000));
    roamsec::cli::RequirePositive(prog, "apSpacing", p.apSpacing, 10000, "m");
    roamsec::cli::RequirePositive(prog, "speed", p.speed, 100, "m/s");
    roamsec::cli::RequireRange(prog, "wanDelay", p.wanDelayMs, 0, 10000, "ms");
    roamsec::cli::RequireRange(prog, "visitedAaaDelay", p.visitedAaaDelayMs, 0, 10000, "ms");
    roamsec::cli::RequireRange(prog, "homeAaaDelay", p.homeAaaDelayMs, 0, 10000, "ms");
    roamsec::cli::RequireOneOf(prog, "standard", p.standard, {"a", "g", "n", "ac"});
    roamsec::cli::RequireChannels(prog, "channels", p.channels, p.standard == "g");
    if (p.duration != 0)
    {
        roamsec::cli::RequirePositive(prog, "duration", p.duration, 86400, "s (0: walk past the last AP)");
    }
    roamsec::cli::RequireRange(prog, "dataInterval", p.dataInterval, 1e-4, 3600, "s");
    roamsec::cli::RequireOneOf(prog, "profile", p.profile, {"draft", "rfc4187"});
    roamsec::cli::RequireOneOf(prog, "wifiChannel", p.wifiChannel,
                               {"yans", "spectrum", "grid"});
    roamsec::cli::RequireWritableDir(prog, "outDir", p.outDir);
    roamsec::cli::RequireOneOf(prog, "policy", p.policy, {"missed-beacons", "rssi"});
    roamsec::cli::RequireOneOf(prog, "scan", p.scan, {"passive", "active", "neighbour-report"});
    if (p.policy == "rssi" && p.wifiChannel != "yans")
    {
        roamsec::cli::Fail(prog, "policy", p.policy,
                           "rssi needs --wifiChannel=yans (its background scan radio is a "
                           "YansWifiPhy, doc/roaming-policies.rst)");
    }
    // the default PHY's RxSensitivity (-101 dBm) to 0 dBm
    roamsec::cli::RequireRange(prog, "rssiThreshold", p.rssiThresholdDbm, -101, 0,
                               "dBm (the PHY's RxSensitivity to 0)");
    roamsec::cli::RequireRange(prog, "rssiMinGain", p.rssiMinGainDb, 0, 60, "dB");
    roamsec::cli::RequireRange(prog, "minChannelTime", p.minChannelTimeMs, 0, 1000, "ms");
    if (std::string problem = RoamingSecurityHelper::CheckNeighborLists(p.neighbors, p.numAps);
        !problem.empty())
    {
        roamsec::cli::Fail(prog, "neighbors", p.neighbors, problem);
    }

    if (p.mobilityDomain < -1 || p.mobilityDomain > 65535)
    {
        roamsec::cli::Fail(prog, "mobilityDomain", std::to_string(p.mobilityDomain),
                           "must be -1, 0 or an MDID 1..65535");
    }
    std::vector<std::string> methods;
    std::string list
        = p.methods == "all" ? "full-eap,cached-pmk,pre-association-ptk,delegated" : p.methods;
    std::stringstream ss(list);
    for (std::string m; std::getline(ss, m, ',');)
    {
        RoamingMethod parsed;
        if (!ParseRoamingMethod(m, parsed))
        {
            roamsec::cli::Fail(prog, "methods", p.methods,
                               "must be all or a comma-separated list of full-eap, cached-pmk, "
                               "pre-association-ptk, delegated, fast-reauth, okc, ft-over-ds, "
                               "ft-over-air");
        }
        if (parsed == RoamingMobile::FtOverDs && (p.standard == "n" || p.standard == "ac"))
        {
            roamsec::cli::Fail(prog, "methods", p.methods,
                               "ft-over-ds needs --standard=a or g: with QoS ns-3 aborts on its "
                               "FT Action frame (doc/fast-transition.rst); use ft-over-air");
        }
        if ((parsed == RoamingMobile::FtOverDs || parsed == RoamingMobile::FtOverAir)
            && p.mobilityDomain == 0)
        {
            roamsec::cli::Fail(prog, "mobilityDomain", "0",
                               m + " needs the APs in a mobility domain (1..65535, or -1)");
        }
        if (parsed == RoamingMobile::FastReauth && p.profile != "rfc4187")
        {
            roamsec::cli::Fail(prog, "methods", p.methods,
                               "fast-reauth needs --profile=rfc4187 (the draft has no fast "
                               "re-authentication)");
        }
        methods.push_back(m);
    }
    if (p.numAps < 2)
    {
        std::cerr << "roaming-handoff: numAps must be at least 2 for a handoff\n";
        return 2;
    }
    uint32_t run = RngSeedManager::GetRun();
    std::string csv = p.outDir + "/handoffs-run" + std::to_string(run) + ".csv";
    std::map<std::string, std::vector<HandoffRecord>> byMethod;
    std::ostringstream signalling;
    bool append = false;
    for (const auto& method : methods)
    {
        MethodRun methodRun = RunMethod(p, method, csv, append);
        byMethod[method] = methodRun.records;
        signalling << (append ? ",\n" : "") << "    \"" << method
                   << "\": {\"during_handoffs\": " << SignallingJson(methodRun.duringHandoffs)
                   << ",\n      \"outside_handoffs\": "
                   << SignallingJson(methodRun.outsideHandoffs) << "}";
        append = true;
    }

    std::ofstream json(p.outDir + "/run" + std::to_string(run) + ".json");
    json << "{\n  \"scenario\": \"roaming-handoff\",\n  \"module_version\": \"0.1.0\",\n"
         << "  \"seed\": " << RngSeedManager::GetSeed() << ",\n  \"run\": " << run << ",\n"
         << "  \"parameters\": {\"methods\": \"" << list << "\", \"numAps\": " << p.numAps
         << ", \"numMobiles\": " << p.numMobiles << ", \"apSpacing\": " << p.apSpacing
         << ", \"apPositions\": \"" << p.apPositions << "\""
         << ", \"speed\": " << p.speed << ", \"wanDelay\": " << p.wanDelayMs
         << ", \"visitedAaaDelay\": " << p.visitedAaaDelayMs
         << ", \"homeAaaDelay\": " << p.homeAaaDelayMs << ", \"standard\": \"" << p.standard
         << "\", \"channels\": \"" << p.channels << "\", \"duration\": " << p.duration
         << ", \"profile\": \"" << p.profile << "\", \"dataInterval\": " << p.dataInterval
         << ", \"policy\": \"" << p.policy << "\", \"scan\": \"" << p.scan
         << "\", \"rssiThreshold\": " << p.rssiThresholdDbm
         << ", \"rssiMinGain\": " << p.rssiMinGainDb
         << ", \"minChannelTime\": " << p.minChannelTimeMs << ", \"neighbors\": \""
         << p.neighbors << "\""
         << "},\n  \"signalling\": {\n" << signalling.str() << "\n  }\n}\n";
    PrintTable(byMethod);
    std::cout << "\nresults: " << csv << "\n";
    return 0;
}
