/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark: the cost of the security model in a campus-sized simulation. A line of
 * APs (20 by default), a crowd of mobiles walking along it and a constant-rate UDP
 * downlink to every mobile are simulated once with the security roles installed
 * (--security=on) or with plain ns-3 open-system association (--security=off); the
 * topology, mobility, traffic and ARP set-up are identical. Prints the wall time of
 * Simulator::Run and of the whole program, the handoffs completed, handoffs per wall
 * second and the peak resident memory, as one key=value line and one JSON line
 * (doc/benchmark.rst).
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/roaming-arp-keeper.h"
#include "ns3/roaming-security-helper.h"
#include "ns3/roaming-topology-helper.h"
#include "ns3/roamsec-cli-check.h"
#include "ns3/wifi-module.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <sys/resource.h>
#include <vector>

// Under valgrind --tool=callgrind --instr-atstart=no (scenarios/run-benchmark.sh,
// INSTRUCTIONS=1) only the steady state after the warm-up is instrumented and counted.
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define ROAMSEC_COUNT_INSTRUCTIONS_FROM_HERE()                                                     \
    do                                                                                             \
    {                                                                                              \
        CALLGRIND_START_INSTRUMENTATION;                                                           \
        CALLGRIND_ZERO_STATS;                                                                      \
    } while (false)
#define ROAMSEC_STOP_COUNTING_INSTRUCTIONS() CALLGRIND_STOP_INSTRUMENTATION
#else
#define ROAMSEC_COUNT_INSTRUCTIONS_FROM_HERE()
#define ROAMSEC_STOP_COUNTING_INSTRUCTIONS()
#endif

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("BenchmarkCampus");

namespace {

using Clock = std::chrono::steady_clock;

struct Parameters
{
    uint32_t numAps{20};
    uint32_t numMobiles{200};
    double duration{120.0};
    double speed{10.0};
    double apSpacing{110.0};
    std::string method{"full-eap"};
    std::string security{"on"};
    std::string profile{"draft"};
    double dataInterval{0.05};
    uint32_t packetSize{200};
    std::string arp{"pairs"};
    double warmup{10.0}; //!< start of the steady-state part (s)
    std::string csv;     //!< security on: the recorder's handoffs CSV goes here
    double spread{-1};   //!< start positions spread (m); < 0: from the duration
    std::string wifiChannel{"yans"}; //!< RoamingTopologyHelper::WifiChannel
    std::string backhaul{"bus"};     //!< RoamingTopologyHelper::Backhaul
};

/** Clocks and counters when the simulation reaches the end of the warm-up. */
struct Snapshot
{
    Clock::time_point wall;
    double cpu{0};
    uint64_t handoffs{0};
    uint64_t events{0};
    uint64_t delivered{0};
    bool taken{false};
};

double
WallSeconds(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

/**
 * Counts handoffs the same way with and without the security roles: a handoff starts
 * when a mobile associates again after losing its association, and completes with the
 * first IPv4 packet delivered to the mobile after that (with security on, only once
 * the controlled port has opened).
 */
class HandoffCounter
{
public:
    explicit HandoffCounter(uint32_t numMobiles)
        : m_state(numMobiles)
    {}

    void Attach(const RoamingTopology& topo)
    {
        for (uint32_t i = 0; i < topo.mobiles.GetN(); ++i)
        {
            auto device = DynamicCast<WifiNetDevice>(topo.mobileWifiDevices.Get(i));
            device->GetMac()->TraceConnectWithoutContext(
                "Assoc", MakeBoundCallback(&HandoffCounter::Associated, this, i));
            device->GetMac()->TraceConnectWithoutContext(
                "DeAssoc", MakeBoundCallback(&HandoffCounter::Disassociated, this, i));
            topo.mobiles.Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "LocalDeliver", MakeBoundCallback(&HandoffCounter::Delivered, this, i));
        }
    }

    /** Counts every 802.11 transmission and the APs' data frames given up after retries. */
    void AttachAirCounters(const RoamingTopology& topo)
    {
        NetDeviceContainer all(topo.apWifiDevices, topo.mobileWifiDevices);
        for (uint32_t i = 0; i < all.GetN(); ++i)
        {
            auto device = DynamicCast<WifiNetDevice>(all.Get(i));
            device->GetPhy()->TraceConnectWithoutContext(
                "PhyTxBegin", MakeBoundCallback(&HandoffCounter::PhyTx, this));
        }
        for (uint32_t i = 0; i < topo.apWifiDevices.GetN(); ++i)
        {
            auto device = DynamicCast<WifiNetDevice>(topo.apWifiDevices.Get(i));
            device->GetRemoteStationManager()->TraceConnectWithoutContext(
                "MacTxFinalDataFailed", MakeBoundCallback(&HandoffCounter::DataFailed, this));
        }
    }

    uint64_t phyTx{0};
    uint64_t apDataFailed{0};
    uint64_t started{0};
    uint64_t completed{0};
    uint64_t delivered{0};

private:
    struct State
    {
        bool everAssociated{false};
        bool lost{false};
        bool open{false};
    };

    static void Associated(HandoffCounter* self, uint32_t i, Mac48Address)
    {
        State& s = self->m_state[i];
        if (s.everAssociated && s.lost)
        {
            self->started++;
            s.open = true;
        }
        s.everAssociated = true;
        s.lost = false;
    }

    static void PhyTx(HandoffCounter* self, Ptr<const Packet>, double) { self->phyTx++; }

    static void DataFailed(HandoffCounter* self, Mac48Address) { self->apDataFailed++; }

    static void Disassociated(HandoffCounter* self, uint32_t i, Mac48Address)
    {
        self->m_state[i].lost = true;
    }

    static void Delivered(HandoffCounter* self, uint32_t i, const Ipv4Header&, Ptr<const Packet>,
                          uint32_t)
    {
        self->delivered++;
        State& s = self->m_state[i];
        if (s.open)
        {
            s.open = false;
            self->completed++;
        }
    }

    std::vector<State> m_state;
};

/** Drains a plain mobile's data socket (with security on, RoamingMobile owns port 9). */
void
DrainSocket(Ptr<Socket> socket)
{
    while (socket->Recv())
    {}
}

/**
 * Plain-ns-3 counterpart of the roles' Layer 2 Update handling (IEEE 802.11F 3.1): when
 * a station associated here announces itself from the backhaul (its ARP Announcement,
 * relayed by another AP), this AP forgets it. Without it ns-3's AP never drops a roamed
 * station, and since BridgeNetDevice floods a unicast frame whose destination was
 * learned on the incoming port, every AP a mobile ever used would keep sending its
 * downlink into the air, with retries: the baseline would measure that, not 802.11.
 */
void
ForgetMovedStation(Ptr<WifiRemoteStationManager> manager, Ptr<NetDevice>, Ptr<const Packet>,
                   uint16_t, const Address& from, const Address&, NetDevice::PacketType)
{
    Mac48Address sta = Mac48Address::ConvertFrom(from);
    if (manager->IsAssociated(sta))
    {
        manager->RecordDisassociated(sta);
    }
}

/**
 * Permanent ARP entries only between the hosts that talk on IP: each mobile and the
 * correspondent, each AP and the visited AAA. RoamingArpKeeper::PopulateSubnets (the
 * main scenario) gives every host an entry for every other one, O(hosts^2) memory and
 * O(hosts) work per link change: it would dominate a crowd of mobiles in both modes.
 */
void
PopulateArpPairs(const RoamingTopology& topo)
{
    auto entry = [](Ptr<Node> node, Ipv4Address& ip, Ptr<NetDevice>& device)
    {
        auto ipv4 = node->GetObject<Ipv4L3Protocol>();
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
        {
            auto dev = ipv4->GetInterface(i)->GetDevice();
            if (ipv4->GetNAddresses(i) > 0 && Mac48Address::IsMatchingType(dev->GetAddress())
                && ipv4->GetInterface(i)->GetArpCache())
            {
                ip = ipv4->GetAddress(i, 0).GetLocal();
                device = dev;
                return;
            }
        }
        NS_ABORT_MSG("benchmark-campus: node " << node->GetId() << " has no ARP interface");
    };
    auto link = [&entry](Ptr<Node> a, Ptr<Node> b)
    {
        Ipv4Address ipA;
        Ipv4Address ipB;
        Ptr<NetDevice> devA;
        Ptr<NetDevice> devB;
        entry(a, ipA, devA);
        entry(b, ipB, devB);
        RoamingArpKeeper::Install(devA)->Add(ipB, Mac48Address::ConvertFrom(devB->GetAddress()));
        RoamingArpKeeper::Install(devB)->Add(ipA, Mac48Address::ConvertFrom(devA->GetAddress()));
    };
    for (uint32_t i = 0; i < topo.mobiles.GetN(); ++i)
    {
        link(topo.mobiles.Get(i), topo.correspondent);
    }
    for (uint32_t i = 0; i < topo.aps.GetN(); ++i)
    {
        link(topo.aps.Get(i), topo.visitedAaa);
    }
}

/** User plus system CPU time of the process (s): less sensitive than wall time to a
 *  machine shared with other jobs. */
double
CpuSeconds()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec
           + usage.ru_stime.tv_usec * 1e-6;
}

double
PeakMemoryMb()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // kB on Linux
}

/** MemAvailable of /proc/meminfo (MB), or a negative value where it cannot be read. */
double
AvailableMemoryMb()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    double kb = 0;
    std::string unit;
    while (meminfo >> key >> kb >> unit)
    {
        if (key == "MemAvailable:")
        {
            return kb / 1024.0;
        }
    }
    return -1;
}

/**
 * Upper estimate of the peak resident memory (MB), from the runs in doc/benchmark.rst
 * ("Scaling"): about 40 MB of libraries and set-up, up to 250 kB per mobile (SpectrumWifiPhy,
 * MAC queues, sockets, ARP keeper), 100 kB per AP and, with security on, 8 kB per expected
 * handoff (the recorder keeps every record; a handoff every ApSpacing / speed seconds).
 */
double
EstimatedPeakMemoryMb(uint32_t numAps, uint32_t numMobiles, double duration, double speed,
                      double apSpacing, bool security)
{
    double handoffs = security ? numMobiles * duration * speed / apSpacing : 0.0;
    return 40.0 + 0.25 * numMobiles + 0.1 * numAps + 0.008 * handoffs;
}

} // namespace

int
main(int argc, char* argv[])
{
    Clock::time_point programStart = Clock::now();
    Parameters p;
    // Counts are read as text: CommandLine would wrap "-1" into a huge unsigned value.
    std::string numApsArg = std::to_string(p.numAps);
    std::string numMobilesArg = std::to_string(p.numMobiles);
    std::string packetSizeArg = std::to_string(p.packetSize);
    CommandLine cmd(__FILE__);
    cmd.AddValue("numAps", "number of APs on the line (2..1000)", numApsArg);
    cmd.AddValue("numMobiles", "number of mobiles (1..10000)", numMobilesArg);
    cmd.AddValue("duration", "simulated time (s)", p.duration);
    cmd.AddValue("speed", "walking speed of the mobiles (m/s)", p.speed);
    cmd.AddValue("apSpacing", "distance between APs (m)", p.apSpacing);
    cmd.AddValue("method", "full-eap, cached-pmk or pre-association-ptk", p.method);
    cmd.AddValue("security", "on: security roles installed; off: plain ns-3 association",
                 p.security);
    cmd.AddValue("profile", "EAP-AKA profile: draft or rfc4187", p.profile);
    cmd.AddValue("dataInterval", "interval of each mobile's downlink UDP flow (s)", p.dataInterval);
    cmd.AddValue("packetSize", "UDP payload of the downlink flow (12..1472 bytes: one IP MTU)",
                 packetSizeArg);
    cmd.AddValue("arp",
                 "pairs: permanent ARP entries mobile<->correspondent and "
                 "AP<->visited AAA; subnet: every host knows every host",
                 p.arp);
    cmd.AddValue("warmup",
                 "simulated time (s) after which the steady-state figures (*_steady) start: "
                 "it leaves out every mobile's first association",
                 p.warmup);
    cmd.AddValue("spread",
                 "the mobiles start spread over [0, spread) m along the line; negative: "
                 "line length - speed * duration, so that no mobile reaches the last AP",
                 p.spread);
    cmd.AddValue("csv",
                 "security on: write the recorder's handoffs file (doc/results-format.rst) here",
                 p.csv);
    cmd.AddValue("wifiChannel",
                 "Wi-Fi channel model: yans, spectrum (stock MultiModelSpectrumChannel) or grid "
                 "(GridSpectrumChannel, doc/channel.rst)",
                 p.wifiChannel);
    cmd.AddValue("backhaul",
                 "AP backhaul LAN: bus (one CSMA segment, every frame reaches every AP) or "
                 "switched (a learning switch, doc/benchmark.rst)",
                 p.backhaul);
    cmd.Parse(argc, argv);

    // Every flag is checked before any simulation work (doc/roaming-security.rst).
    const std::string prog = "benchmark-campus";
    p.numAps = static_cast<uint32_t>(roamsec::cli::ParseCount(prog, "numAps", numApsArg, 2, 1000));
    p.numMobiles =
        static_cast<uint32_t>(roamsec::cli::ParseCount(prog, "numMobiles", numMobilesArg, 1, 10000));
    // UdpClient needs 12 bytes for its sequence header; 1472 = 1500 - IPv4 - UDP headers.
    p.packetSize =
        static_cast<uint32_t>(roamsec::cli::ParseCount(prog, "packetSize", packetSizeArg, 12, 1472));
    roamsec::cli::RequireRange(prog, "duration", p.duration, 1.001, 86400, "s");
    roamsec::cli::RequirePositive(prog, "speed", p.speed, 100, "m/s");
    roamsec::cli::RequirePositive(prog, "apSpacing", p.apSpacing, 10000, "m");
    // Only the methods this program runs (delegation needs the home's TSK set-up).
    roamsec::cli::RequireOneOf(prog, "method", p.method,
                               {"full-eap", "cached-pmk", "pre-association-ptk"});
    roamsec::cli::RequireOneOf(prog, "security", p.security, {"on", "off"});
    roamsec::cli::RequireOneOf(prog, "profile", p.profile, {"draft", "rfc4187"});
    roamsec::cli::RequireOneOf(prog, "arp", p.arp, {"pairs", "subnet"});
    roamsec::cli::RequireOneOf(prog, "wifiChannel", p.wifiChannel,
                               {"yans", "spectrum", "grid"});
    roamsec::cli::RequireOneOf(prog, "backhaul", p.backhaul, {"bus", "switched"});
    roamsec::cli::RequireRange(prog, "dataInterval", p.dataInterval, 1e-4, 3600, "s");
    roamsec::cli::RequireRange(prog, "warmup", p.warmup, 0, p.duration - 0.001,
                               "s (below --duration)");
    if (!(p.spread < 0))
    {
        roamsec::cli::RequireRange(prog, "spread", p.spread, 0, 100000, "m (negative: automatic)");
    }
    if (!p.csv.empty())
    {
        roamsec::cli::RequireWritableFile(prog, "csv", p.csv);
    }

    // A size that cannot fit fails now, not after an hour of simulation.
    double estimateMb = EstimatedPeakMemoryMb(p.numAps, p.numMobiles, p.duration, p.speed,
                                              p.apSpacing, p.security == "on");
    double availableMb = AvailableMemoryMb();
    if (availableMb >= 0 && estimateMb > availableMb)
    {
        std::cerr << "benchmark-campus: --numMobiles=" << p.numMobiles << " --numAps=" << p.numAps
                  << " --duration=" << p.duration << " needs an estimated " << std::fixed
                  << std::setprecision(0) << estimateMb << " MB of memory, but only "
                  << availableMb << " MB are available (doc/benchmark.rst, \"Scaling\")\n";
        return 2;
    }

    RoamingMethod parsed;
    if (!ParseRoamingMethod(p.method, parsed))
    {
        std::cerr << "benchmark-campus: unknown method '" << p.method << "'\n";
        return 2;
    }
    if (p.security != "on" && p.security != "off")
    {
        std::cerr << "benchmark-campus: security must be on or off\n";
        return 2;
    }
    if (p.arp != "pairs" && p.arp != "subnet")
    {
        std::cerr << "benchmark-campus: arp must be pairs or subnet\n";
        return 2;
    }
    if (p.numAps < 2 || p.numMobiles < 1 || p.duration <= 1.0 || p.dataInterval <= 0 || p.warmup < 0
        || p.warmup >= p.duration)
    {
        std::cerr << "benchmark-campus: need numAps >= 2, numMobiles >= 1, duration > 1 s, "
                     "dataInterval > 0, 0 <= warmup < duration\n";
        return 2;
    }
    bool security = p.security == "on";

    // The crowd is spread over the part of the line from which a mobile walking for the
    // whole run does not reach the last AP, so every mobile keeps roaming.
    double lineLength = (p.numAps - 1) * p.apSpacing + p.apSpacing / 2;
    double spread = p.spread >= 0 ? p.spread : std::max(0.0, lineLength - p.speed * p.duration);

    Ptr<RoamingTopologyHelper> topoHelper = CreateObject<RoamingTopologyHelper>();
    topoHelper->SetAttribute("NumAps", UintegerValue(p.numAps));
    topoHelper->SetAttribute("NumMobiles", UintegerValue(p.numMobiles));
    topoHelper->SetAttribute("ApSpacing", DoubleValue(p.apSpacing));
    topoHelper->SetAttribute("Speed", DoubleValue(p.speed));
    topoHelper->SetAttribute("StartSpread", DoubleValue(spread));
    topoHelper->SetAttribute("WifiChannel", StringValue(p.wifiChannel));
    topoHelper->SetAttribute("Backhaul", StringValue(p.backhaul));
    std::string problem = topoHelper->Validate();
    if (!problem.empty())
    {
        std::cerr << "benchmark-campus: " << problem << "\n";
        return 2;
    }
    RoamingTopology topo = topoHelper->Build();
    problem = RoamingTopologyHelper::ValidateBuilt(topo);
    if (!problem.empty())
    {
        std::cerr << "benchmark-campus: " << problem << "\n";
        return 2;
    }
    int64_t streams = topoHelper->AssignStreams(topo, 100);

    RoamingSecurityRoles roles;
    std::vector<Ptr<Socket>> sinks;
    if (security)
    {
        RoamingSecurityHelper helper;
        helper.SetMobileAttribute("Method", StringValue(p.method));
        helper.SetMobileAttribute("Profile", StringValue(p.profile));
        helper.SetHomeAaaAttribute("Profile", StringValue(p.profile));
        roles = helper.Install(topo);
        helper.AssignStreams(roles, 100 + streams);
    }
    else
    {
        for (uint32_t i = 0; i < p.numMobiles; ++i)
        {
            Ptr<Socket> socket
                = Socket::CreateSocket(topo.mobiles.Get(i), UdpSocketFactory::GetTypeId());
            socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
            socket->SetRecvCallback(MakeCallback(&DrainSocket));
            sinks.push_back(socket);
        }
        for (uint32_t i = 0; i < p.numAps; ++i)
        {
            auto device = DynamicCast<WifiNetDevice>(topo.apWifiDevices.Get(i));
            topo.aps.Get(i)->RegisterProtocolHandler(
                MakeBoundCallback(&ForgetMovedStation, device->GetRemoteStationManager()),
                ArpL3Protocol::PROT_NUMBER, topo.apBackhaulDevices.Get(i));
        }
    }
    if (p.arp == "subnet")
    {
        RoamingArpKeeper::PopulateSubnets(NodeContainer::GetGlobal());
    }
    else
    {
        PopulateArpPairs(topo);
    }

    for (uint32_t i = 0; i < p.numMobiles; ++i)
    {
        UdpClientHelper client(topo.mobileAddresses[i], 9);
        client.SetAttribute("MaxPackets", UintegerValue(std::numeric_limits<uint32_t>::max()));
        client.SetAttribute("Interval", TimeValue(Seconds(p.dataInterval)));
        client.SetAttribute("PacketSize", UintegerValue(p.packetSize));
        ApplicationContainer apps = client.Install(topo.correspondent);
        apps.Start(Seconds(0.5));
        apps.Stop(Seconds(p.duration));
    }
    HandoffCounter counter(p.numMobiles);
    counter.Attach(topo);
    counter.AttachAirCounters(topo);

    Snapshot warm;
    Simulator::Schedule(Seconds(p.warmup),
                        [&warm, &counter]()
                        {
                            warm.wall = Clock::now();
                            warm.cpu = CpuSeconds();
                            warm.handoffs = counter.completed;
                            warm.events = Simulator::GetEventCount();
                            warm.delivered = counter.delivered;
                            warm.taken = true;
                            ROAMSEC_COUNT_INSTRUCTIONS_FROM_HERE();
                        });
    Simulator::Stop(Seconds(p.duration));
    double cpuStart = CpuSeconds();
    Clock::time_point runStart = Clock::now();
    Simulator::Run();
    ROAMSEC_STOP_COUNTING_INSTRUCTIONS();
    Clock::time_point runEnd = Clock::now();
    double cpuRun = CpuSeconds() - cpuStart;

    uint64_t events = Simulator::GetEventCount();
    uint64_t recorderComplete = 0;
    if (roles.recorder)
    {
        for (const auto& r : roles.recorder->GetRecords())
        {
            recorderComplete += r.complete ? 1 : 0;
        }
    }
    if (roles.recorder && !p.csv.empty())
    {
        roles.recorder->WriteCsv(p.csv, "", false);
    }
    roles = RoamingSecurityRoles();
    sinks.clear();
    Simulator::Destroy();
    Clock::time_point programEnd = Clock::now();

    NS_ABORT_IF(!warm.taken);
    double wallSteady = WallSeconds(warm.wall, runEnd);
    double cpuSteady = cpuStart + cpuRun - warm.cpu;
    uint64_t handoffsSteady = counter.completed - warm.handoffs;
    uint64_t eventsSteady = events - warm.events;
    double wallRun = WallSeconds(runStart, runEnd);
    double wallTotal = WallSeconds(programStart, programEnd);
    double wallSetup = WallSeconds(programStart, runStart);
    double perWallSecond = wallRun > 0 ? counter.completed / wallRun : 0;
    double peakMb = PeakMemoryMb();

    std::ostringstream kv;
    kv << std::fixed << std::setprecision(3) << "security=" << p.security << " method=" << p.method
       << " wifi_channel=" << p.wifiChannel << " backhaul=" << p.backhaul << " aps=" << p.numAps
       << " mobiles=" << p.numMobiles << " duration=" << p.duration
       << " speed=" << p.speed << " data_interval=" << p.dataInterval << " wall_run_s=" << wallRun
       << " cpu_run_s=" << cpuRun << " wall_total_s=" << wallTotal << " wall_setup_s=" << wallSetup
       << " events=" << events << " warmup=" << p.warmup << " wall_steady_s=" << wallSteady
       << " cpu_steady_s=" << cpuSteady << " events_steady=" << eventsSteady
       << " handoffs_steady=" << handoffsSteady << " handoffs_started=" << counter.started
       << " handoffs_completed=" << counter.completed << " handoffs_per_wall_s=" << perWallSecond
       << " recorder_complete=" << recorderComplete << " data_delivered=" << counter.delivered
       << " data_delivered_steady=" << counter.delivered - warm.delivered
       << " phy_tx=" << counter.phyTx << " ap_data_failed=" << counter.apDataFailed
       << " peak_mb=" << peakMb << " estimated_peak_mb=" << estimateMb;
    std::cout << kv.str() << "\n";
    std::cout << std::fixed << std::setprecision(3) << "{\"benchmark\": \"campus\""
              << ", \"security\": \"" << p.security << "\", \"method\": \"" << p.method
              << "\", \"wifi_channel\": \"" << p.wifiChannel
              << "\", \"backhaul\": \"" << p.backhaul
              << "\", \"aps\": " << p.numAps << ", \"mobiles\": " << p.numMobiles
              << ", \"duration\": " << p.duration << ", \"speed\": " << p.speed
              << ", \"data_interval\": " << p.dataInterval << ", \"wall_run_s\": " << wallRun
              << ", \"cpu_run_s\": " << cpuRun << ", \"wall_total_s\": " << wallTotal
              << ", \"wall_setup_s\": " << wallSetup << ", \"events\": " << events
              << ", \"warmup\": " << p.warmup << ", \"wall_steady_s\": " << wallSteady
              << ", \"cpu_steady_s\": " << cpuSteady << ", \"events_steady\": " << eventsSteady
              << ", \"handoffs_steady\": " << handoffsSteady
              << ", \"handoffs_started\": " << counter.started
              << ", \"handoffs_completed\": " << counter.completed
              << ", \"handoffs_per_wall_s\": " << perWallSecond
              << ", \"recorder_complete\": " << recorderComplete
              << ", \"data_delivered\": " << counter.delivered
              << ", \"data_delivered_steady\": " << counter.delivered - warm.delivered
              << ", \"phy_tx\": " << counter.phyTx
              << ", \"ap_data_failed\": " << counter.apDataFailed << ", \"peak_mb\": " << peakMb
              << ", \"estimated_peak_mb\": " << estimateMb
              << "}\n";
    return 0;
}
