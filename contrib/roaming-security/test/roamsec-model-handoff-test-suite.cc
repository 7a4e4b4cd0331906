/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * End-to-end tests of the ns-3 model: small topologies, short simulated time,
 * every protocol message a real packet on a simulated link.
 */
#include "ns3/core-module.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/ns3-compat.h"
#include "ns3/roaming-arp-keeper.h"
#include "ns3/roaming-lab-attacker.h"
#include "ns3/roaming-security-helper.h"
#include "ns3/roaming-topology-helper.h"
#include "ns3/test.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

using namespace ns3;

namespace {

struct RunConfig
{
    std::string method{"full-eap"};
    uint32_t numAps{2};
    double wanDelayMs{50};
    bool roundTrip{false};
    bool wrongKey{false};
    bool replayEapolKey{false};
    uint32_t tskMaxUses{100};
    double tskUpdateIntervalS{600};
    bool hostChallenge{false};
    std::string profile{"draft"};
    std::string standard{"a"};
    std::string policy{"missed-beacons"};
    std::string scan{"passive"};
    double apSpacing{110.0};
    bool captureAka{false}; //!< record the EAP-Request/AKA subtypes the mobile receives
    /** drop every EAPOL-Key frame from the mobile to AP 1 until AP 1 deauthenticates it */
    bool dropFourWayAtAp1{false};
    bool deauthOnFailure{true}; //!< the APs' DeauthenticateOnFailure
    bool loseDeauthentication{false}; //!< the mobile's PHY loses every Deauthentication
    /** the mobile's PHY loses every copy of the first N FT Authentication answers */
    uint32_t lostFtAnswers{0};
    Time authTimeout{Seconds(0)};     //!< the mobile's AuthTimeout; 0: its default
    uint32_t maxStart{0};             //!< the mobile's MaxStart; 0: its default
    std::string csv;        //!< write the records here when not empty
};

/** An EAP-Request/AKA the mobile received: when, and its subtype (RFC 4187 11). */
struct AkaRequest
{
    double time;
    uint8_t subtype;
};

struct RunResult
{
    std::vector<HandoffRecord> records;
    uint64_t mobileDataPackets{0};
    uint64_t mobileDroppedEapol{0};
    uint64_t eapFailures{0};
    uint64_t mobilePortOpens{0};
    uint64_t homeSuccesses{0};
    uint64_t keyUpdates{0};
    uint64_t updateReports{0};
    uint64_t localAuthentications{0};
    uint64_t apDisassociations{0}; //!< stations the APs saw leave (Disassociation frames)
    uint64_t roams{0};             //!< the rssi policy's roam decisions
    std::vector<AkaRequest> akaRequests;
    std::map<uint16_t, std::map<uint8_t, uint64_t>> tidsByEtherType; //!< QoS data frames sent
    std::map<uint16_t, std::map<uint8_t, uint64_t>> uplinkTidsByEtherType; //!< ... by the mobile
    SignallingTotals duringHandoffs;
    SignallingTotals outsideHandoffs;
    uint64_t droppedKeyFrames{0};              //!< dropFourWayAtAp1: frames dropped
    std::vector<uint16_t> ap1DeauthReasons;    //!< Deauthentications AP 1 sent
    std::vector<uint16_t> mobileDeauthReasons; //!< Deauthentications the mobile received
    std::vector<double> mobileAssociations;    //!< times the mobile (re)associated
    std::vector<double> ap1PortOpens;          //!< times AP 1 opened the mobile's port
    uint64_t dataAfterAp1PortOpen{0};          //!< packets received after AP 1's last open
    uint64_t lostDeauthentications{0};         //!< loseDeauthentication: frames lost
    uint64_t lostFtAnswerCopies{0};            //!< lostFtAnswers: frames lost
};

/** Loses every Deauthentication frame a PHY receives (and so its retransmissions). */
class DeauthenticationLoss : public ErrorModel
{
public:
    uint64_t lost{0};

private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
#if ROAMSEC_NS3_48
        // 3.48 hands the error model the MPDU's body only: a body of exactly two octets is
        // a Reason Code, i.e. a Deauthentication or Disassociation (the APs send no
        // Disassociation in these runs; data bodies start with an 8-octet LLC/SNAP).
        bool deauthentication = p->GetSize() == 2;
#else
        // 3.37 hands it the whole MPDU, MAC header first.
        WifiMacHeader hdr;
        bool deauthentication =
            p->GetSize() >= 24 && p->PeekHeader(hdr) && hdr.IsMgt() && hdr.IsDeauthentication();
#endif
        if (deauthentication)
        {
            ++lost;
            return true;
        }
        return false;
    }

    void DoReset() override {}
};

/**
 * Loses every copy (MAC retransmissions included) of the first N distinct FT
 * Authentication answers a PHY receives: Authentication frames whose body starts with
 * Authentication Algorithm 2 (FT) and transaction sequence 2 (802.11-2016 9.3.3.12).
 * A copy is recognised by its body, the same in every retransmission.
 */
class FtAnswerLoss : public ErrorModel
{
public:
    uint32_t answersToLose{0};
    uint64_t lost{0};

private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Ptr<Packet> body = p->Copy();
#if !ROAMSEC_NS3_48
        // 3.37 hands the error model the whole MPDU (3.48: the body only).
        WifiMacHeader hdr;
        if (body->GetSize() < 24 || !body->PeekHeader(hdr) || !hdr.IsMgt()
            || !hdr.IsAuthentication())
        {
            return false;
        }
        body->RemoveHeader(hdr);
#endif
        std::vector<uint8_t> bytes(body->GetSize());
        body->CopyData(bytes.data(), bytes.size());
        if (bytes.size() < 6 || bytes[0] != 2 || bytes[1] != 0 || bytes[2] != 2 || bytes[3] != 0)
        {
            return false;
        }
        if (std::find(m_lostBodies.begin(), m_lostBodies.end(), bytes) == m_lostBodies.end())
        {
            if (m_lostBodies.size() >= answersToLose)
            {
                return false;
            }
            m_lostBodies.push_back(bytes);
        }
        ++lost;
        return true;
    }

    void DoReset() override {}

    std::vector<std::vector<uint8_t>> m_lostBodies;
};

/** EAP-Request/AKA packets (EAPOL type 0, EAP code 1, type 23) the mobile receives. */
struct AkaCapture
{
    std::vector<AkaRequest>* requests;

    void Receive(Ptr<NetDevice>, Ptr<const Packet> p, uint16_t, const Address&, const Address&,
                 NetDevice::PacketType)
    {
        uint8_t pdu[10];
        if (p->GetSize() >= sizeof(pdu) && p->CopyData(pdu, sizeof(pdu)) == sizeof(pdu)
            && pdu[1] == 0 && pdu[4] == 1 && pdu[8] == 23)
        {
            requests->push_back({Simulator::Now().GetSeconds(), pdu[9]});
        }
    }
};

/**
 * QoS data frames as the PHYs transmit them (MAC header, LLC/SNAP, payload): the TID of
 * each, by the EtherType it carries. Read as bytes (802.11-2016 9.2.4, 9.3.2.1).
 */
struct TidCapture
{
    std::map<uint16_t, std::map<uint8_t, uint64_t>>* tids;
    std::map<uint16_t, std::map<uint8_t, uint64_t>>* uplinkTids; //!< To DS frames only

    void TxBegin(Ptr<const Packet> p, double)
    {
        uint8_t f[34];
        // Frame Control: type data (2), subtype QoS data (8); To/From DS one bit set.
        if (p->GetSize() < sizeof(f) || p->CopyData(f, sizeof(f)) != sizeof(f) || f[0] != 0x88
            || (f[1] & 0x03) == 0x03)
        {
            return;
        }
        // 24-byte three-address header, QoS Control, then LLC/SNAP AA AA 03 00 00 00 + type.
        if (f[26] != 0xaa || f[27] != 0xaa || f[28] != 0x03)
        {
            return;
        }
        uint16_t etherType = static_cast<uint16_t>(f[32] << 8 | f[33]);
        (*tids)[etherType][f[24] & 0x0f]++;
        if (f[1] & 0x01)
        {
            (*uplinkTids)[etherType][f[24] & 0x0f]++;
        }
    }
};

/** Frames seen by the mobile's node, kept to replay one later. */
struct EapolCapture
{
    std::vector<Ptr<Packet>> keyFrames;

    void Receive(Ptr<NetDevice>, Ptr<const Packet> p, uint16_t, const Address&, const Address&,
                 NetDevice::PacketType)
    {
        uint8_t header[2];
        if (p->GetSize() > 4 && p->CopyData(header, 2) == 2 && header[1] == 3)
        {
            keyFrames.push_back(p->Copy());
        }
    }
};

RunResult
RunOnce(const RunConfig& config)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<RoamingTopologyHelper> topoHelper = CreateObject<RoamingTopologyHelper>();
    topoHelper->SetAttribute("NumAps", UintegerValue(config.numAps));
    topoHelper->SetAttribute("ApSpacing", DoubleValue(config.apSpacing));
    topoHelper->SetAttribute("Speed", DoubleValue(20.0));
    topoHelper->SetAttribute("RoundTrip", BooleanValue(config.roundTrip));
    topoHelper->SetAttribute("WanDelay", TimeValue(MilliSeconds(config.wanDelayMs)));
    topoHelper->SetAttribute("Standard", StringValue(config.standard));
    RoamingTopology topo = topoHelper->Build();

    RoamingSecurityHelper security;
    security.SetMobileAttribute("Method", StringValue(config.method));
    security.SetHomeAaaAttribute("TskMaxUses", UintegerValue(config.tskMaxUses));
    security.SetHomeAaaAttribute("TskUpdateInterval",
                                 TimeValue(Seconds(config.tskUpdateIntervalS)));
    security.SetMobileAttribute("HostChallenge", BooleanValue(config.hostChallenge));
    security.SetMobileAttribute("Profile", StringValue(config.profile));
    security.SetMobileAttribute("RoamingPolicy", StringValue(config.policy));
    security.SetMobileAttribute("ScanType", StringValue(config.scan));
    security.SetHomeAaaAttribute("Profile", StringValue(config.profile));
    if (config.method == "delegated")
    {
        security.EnableDelegation("visited.example.net");
    }
    if (config.method.rfind("ft-", 0) == 0)
    {
        security.SetAccessPointAttribute("MobilityDomain", UintegerValue(0xa1b2));
    }
    if (config.authTimeout.IsStrictlyPositive())
    {
        security.SetMobileAttribute("AuthTimeout", TimeValue(config.authTimeout));
    }
    if (config.maxStart > 0)
    {
        security.SetMobileAttribute("MaxStart", UintegerValue(config.maxStart));
    }
    RoamingSecurityRoles roles = security.Install(topo);
    int64_t streams = topoHelper->AssignStreams(topo, 100);
    Ptr<DeauthenticationLoss> deauthLoss;
    if (config.loseDeauthentication)
    {
        deauthLoss = CreateObject<DeauthenticationLoss>();
        DynamicCast<WifiNetDevice>(topo.mobileWifiDevices.Get(0))
            ->GetPhy()
            ->SetPostReceptionErrorModel(deauthLoss);
    }
    Ptr<FtAnswerLoss> ftAnswerLoss;
    if (config.lostFtAnswers > 0)
    {
        NS_ABORT_MSG_IF(deauthLoss, "one error model per PHY");
        ftAnswerLoss = CreateObject<FtAnswerLoss>();
        ftAnswerLoss->answersToLose = config.lostFtAnswers;
        DynamicCast<WifiNetDevice>(topo.mobileWifiDevices.Get(0))
            ->GetPhy()
            ->SetPostReceptionErrorModel(ftAnswerLoss);
    }
    security.AssignStreams(roles, 100 + streams);
    if (config.wrongKey)
    {
        roles.mobiles[0]->SetCredentials("001010000000000", roamsec::Bytes(16, 0x11),
                                         roamsec::Bytes(16, 0x22));
    }
    RoamingArpKeeper::PopulateSubnets(NodeContainer::GetGlobal());

    double legTime = ((config.numAps - 1) * config.apSpacing + config.apSpacing / 2) / 20.0;
    double duration = (config.roundTrip ? 2 * legTime : legTime) + 1.0;
    UdpClientHelper client(topo.mobileAddresses[0], 9);
    client.SetAttribute("MaxPackets", UintegerValue(std::numeric_limits<uint32_t>::max()));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(20)));
    client.SetAttribute("PacketSize", UintegerValue(200));
    ApplicationContainer apps = client.Install(topo.correspondent);
    apps.Start(Seconds(0.5));
    apps.Stop(Seconds(duration));

    RunResult result;
    roles.mobiles[0]->TraceConnectWithoutContext(
        "EapFailure", MakeBoundCallback(
                          +[](uint64_t* n, Mac48Address) { ++*n; }, &result.eapFailures));
    roles.mobiles[0]->TraceConnectWithoutContext(
        "PortOpen", MakeBoundCallback(
                        +[](uint64_t* n, Mac48Address) { ++*n; }, &result.mobilePortOpens));

    for (uint32_t i = 0; i < topo.apWifiDevices.GetN(); ++i)
    {
        DynamicCast<WifiNetDevice>(topo.apWifiDevices.Get(i))
            ->GetMac()
            ->TraceConnectWithoutContext(
                "DeAssociatedSta",
                MakeBoundCallback(+[](uint64_t* n, uint16_t, Mac48Address) { ++*n; },
                                  &result.apDisassociations));
    }
    roles.mobiles[0]->TraceConnectWithoutContext(
        "Roam",
        MakeBoundCallback(+[](uint64_t* n, Mac48Address, Mac48Address, double, double) { ++*n; },
                          &result.roams));
    AkaCapture akaCapture{&result.akaRequests};
    if (config.captureAka)
    {
        topo.mobiles.Get(0)->RegisterProtocolHandler(
            MakeCallback(&AkaCapture::Receive, &akaCapture), 0x888E, topo.mobileWifiDevices.Get(0));
    }
    TidCapture tidCapture{&result.tidsByEtherType, &result.uplinkTidsByEtherType};
    for (uint32_t i = 0; i < topo.apWifiDevices.GetN(); ++i)
    {
        DynamicCast<WifiNetDevice>(topo.apWifiDevices.Get(i))
            ->GetPhy()
            ->TraceConnectWithoutContext("PhyTxBegin",
                                         MakeCallback(&TidCapture::TxBegin, &tidCapture));
    }
    DynamicCast<WifiNetDevice>(topo.mobileWifiDevices.Get(0))
        ->GetPhy()
        ->TraceConnectWithoutContext("PhyTxBegin", MakeCallback(&TidCapture::TxBegin, &tidCapture));
    EapolCapture capture;
    if (config.replayEapolKey)
    {
        topo.mobiles.Get(0)->RegisterProtocolHandler(MakeCallback(&EapolCapture::Receive, &capture),
                                                     0x888E, topo.mobileWifiDevices.Get(0));
        // Two seconds after the first association's handshake, the first AP sends its
        // message 1 again, byte for byte: an old replay counter.
        Simulator::Schedule(Seconds(2.0),
                            [&capture, &topo]()
                            {
                                if (!capture.keyFrames.empty())
                                {
                                    topo.apWifiDevices.Get(0)->Send(
                                        capture.keyFrames.front()->Copy(),
                                        topo.mobileWifiDevices.Get(0)->GetAddress(), 0x888E);
                                }
                            });
    }

    bool dropping = config.dropFourWayAtAp1;
    Ptr<RoamingLabAttacker> dropper;
    if (config.dropFourWayAtAp1)
    {
        // The mobile's 4-way messages never reach AP 1, until AP 1 gives up on them.
        dropper = CreateObject<RoamingLabAttacker>();
        dropper->SetInterceptor(
            [&dropping, &result](RoamingLabAttacker::Frame& frame)
            {
                bool key = frame.etherType == 0x888E && frame.pdu.size() > 1 && frame.pdu[1] == 3;
                if (dropping && frame.direction == RoamingLabAttacker::ToAp && frame.ap == 1 && key)
                {
                    result.droppedKeyFrames++;
                    return false;
                }
                return true;
            });
        roles.aps[1]->SetLabAttacker(dropper);
    }
    for (const auto& ap : roles.aps)
    {
        ap->SetAttribute("DeauthenticateOnFailure", BooleanValue(config.deauthOnFailure));
        if (config.dropFourWayAtAp1)
        {
            // give up within the cell: 4 transmissions of message 1, 300 ms apart
            ap->SetAttribute("EapolRetransmitTimeout", TimeValue(MilliSeconds(300)));
        }
    }
    if (roles.aps.size() > 1)
    {
        roles.aps[1]->TraceConnectWithoutContext(
            "Deauthenticated", MakeBoundCallback(
                                   +[](RunResult* r, bool* dropping, Mac48Address, uint16_t reason)
                                   {
                                       r->ap1DeauthReasons.push_back(reason);
                                       *dropping = false;
                                   },
                                   &result, &dropping));
        roles.aps[1]->TraceConnectWithoutContext(
            "PortOpen", MakeBoundCallback(
                            +[](RunResult* r, RoamingMobile* m, Mac48Address)
                            {
                                r->ap1PortOpens.push_back(Simulator::Now().GetSeconds());
                                r->dataAfterAp1PortOpen = m->GetReceivedDataPackets();
                            },
                            &result, PeekPointer(roles.mobiles[0])));
    }
    roles.mobiles[0]->TraceConnectWithoutContext(
        "Deauthenticated", MakeBoundCallback(
                               +[](RunResult* r, Mac48Address, uint16_t reason)
                               { r->mobileDeauthReasons.push_back(reason); },
                               &result));
    DynamicCast<WifiNetDevice>(topo.mobileWifiDevices.Get(0))
        ->GetMac()
        ->TraceConnectWithoutContext(
            "Assoc", MakeBoundCallback(
                         +[](RunResult* r, Mac48Address)
                         { r->mobileAssociations.push_back(Simulator::Now().GetSeconds()); },
                         &result));

    Simulator::Stop(Seconds(duration));
    Simulator::Run();
    if (!result.ap1PortOpens.empty())
    {
        result.dataAfterAp1PortOpen
            = roles.mobiles[0]->GetReceivedDataPackets() - result.dataAfterAp1PortOpen;
    }
    result.lostDeauthentications = deauthLoss ? deauthLoss->lost : 0;
    result.lostFtAnswerCopies = ftAnswerLoss ? ftAnswerLoss->lost : 0;
    result.records = roles.recorder->GetRecords();
    result.duringHandoffs = roles.recorder->GetSignalling(true);
    result.outsideHandoffs = roles.recorder->GetSignalling(false);
    result.mobileDataPackets = roles.mobiles[0]->GetReceivedDataPackets();
    result.mobileDroppedEapol = roles.mobiles[0]->GetDroppedEapolFrames();
    result.homeSuccesses = roles.homeAaa->GetAuthentications(true);
    result.keyUpdates = roles.homeAaa->GetKeyUpdates();
    result.updateReports = roles.homeAaa->GetKeyUpdates(true);
    result.localAuthentications = roles.visitedAaa->GetLocalAuthentications();
    if (!config.csv.empty())
    {
        roles.recorder->WriteCsv(config.csv, "");
    }
    Simulator::Destroy();
    return result;
}

double
Ms(const HandoffRecord& r, HandoffEvent e)
{
    auto it = r.times.find(e);
    return it == r.times.end() ? -1.0 : it->second.GetSeconds() * 1000.0;
}

class MethodCompletesTestCase : public TestCase
{
public:
    explicit MethodCompletesTestCase(const std::string& method)
        : TestCase("method " + method + " authorizes the mobile and passes data after a handoff")
        , m_method(method)
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = m_method;
        config.numAps = 3;
        config.roundTrip = (m_method != "full-eap");
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 0, "no handoff happened");
        size_t complete = 0;
        for (const auto& record : r.records)
        {
            complete += record.complete ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_GT(complete, 0, "no handoff reached its first data packet");
        NS_TEST_ASSERT_MSG_GT(r.mobileDataPackets, 100, "data did not flow");
        for (const auto& record : r.records)
        {
            if (!record.complete)
            {
                continue;
            }
            NS_TEST_ASSERT_MSG_GT(Ms(record, HandoffEvent::PortOpenAp), 0, "AP port never opened");
            NS_TEST_ASSERT_MSG_GT(Ms(record, HandoffEvent::PortOpenSta), 0,
                                  "STA port never opened");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(Ms(record, HandoffEvent::FirstData),
                                        Ms(record, HandoffEvent::PortOpenAp),
                                        "data before the port opened");
            // The outage adds up: detection (last data to link lost) plus total.
            NS_TEST_ASSERT_MSG_EQ(record.lastData.has_value() && record.udpGap.has_value(),
                                  true,
                                  "no last data packet before the handoff");
            Time detection = record.times.at(HandoffEvent::LinkLost) - *record.lastData;
            Time total = record.times.at(HandoffEvent::FirstData)
                         - record.times.at(HandoffEvent::LinkLost);
            NS_TEST_ASSERT_MSG_GT(detection, Seconds(0), "link lost before the last data");
            NS_TEST_ASSERT_MSG_EQ(*record.udpGap, detection + total, "outage != detection + total");
            if ((m_method == "cached-pmk" || m_method == "okc") && !record.fallback)
            {
                // A PMKSA cache hit: the AAA servers see nothing of this handoff.
                NS_TEST_ASSERT_MSG_EQ(record.visitedAaaMessages, 0,
                                      "visited AAA involved on a hit");
                NS_TEST_ASSERT_MSG_EQ(record.homeAaaMessages, 0, "home AAA involved on a hit");
                NS_TEST_ASSERT_MSG_EQ(Ms(record, HandoffEvent::EapDone), -1.0, "EAP ran on a hit");
                ++m_hits;
            }
            if (m_method == "delegated")
            {
                // The visited domain holds the home's TSK: no WAN round trip, no home AAA.
                NS_TEST_ASSERT_MSG_EQ(record.messages[static_cast<int>(RoamingLink::Wan)], 0,
                                      "WAN used by a delegated handoff");
                NS_TEST_ASSERT_MSG_EQ(record.homeAaaMessages, 0, "home AAA involved");
                NS_TEST_ASSERT_MSG_GT(Ms(record, HandoffEvent::EapDone), 0, "no local EAP-TSK");
                ++m_hits;
            }
            if (m_method.rfind("ft-", 0) == 0 && !record.fallback)
            {
                // FT: PTK and GTK from the FT exchange, nothing after the reassociation.
                NS_TEST_ASSERT_MSG_EQ(Ms(record, HandoffEvent::FourWayDone), -1.0,
                                      "4-way handshake after an FT reassociation");
                NS_TEST_ASSERT_MSG_EQ(Ms(record, HandoffEvent::EapDone), -1.0,
                                      "EAP after an FT reassociation");
                NS_TEST_ASSERT_MSG_EQ(record.messages[static_cast<int>(RoamingLink::Wan)], 0,
                                      "WAN used during an FT handoff");
                NS_TEST_ASSERT_MSG_EQ(record.homeAaaMessages, 0, "home AAA involved");
                ++m_hits;
            }
            if (m_method == "pre-association-ptk" && !record.fallback)
            {
                // PTK and GTK came with the reassociation: no 4-way handshake, no EAP after it.
                NS_TEST_ASSERT_MSG_EQ(Ms(record, HandoffEvent::FourWayDone), -1.0,
                                      "4-way handshake after association");
                NS_TEST_ASSERT_MSG_EQ(Ms(record, HandoffEvent::EapDone), -1.0,
                                      "EAP after association");
                NS_TEST_ASSERT_MSG_EQ(record.messages[static_cast<int>(RoamingLink::Wan)], 0,
                                      "WAN used during the handoff");
                ++m_hits;
            }
        }
        if (m_method != "full-eap")
        {
            NS_TEST_ASSERT_MSG_GT(m_hits, 0, "the method never applied (always fell back)");
        }
    }

    std::string m_method;
    uint32_t m_hits{0};
};

class EnumAttributesTestCase : public TestCase
{
public:
    EnumAttributesTestCase()
        : TestCase("Method and Profile are enum attributes set by name or by value")
    {}

private:
    void DoRun() override
    {
        Ptr<RoamingMobile> mobile = CreateObject<RoamingMobile>();
        NS_TEST_ASSERT_MSG_EQ(mobile->GetMethod(), RoamingMobile::FullEap, "default");
        mobile->SetAttribute("Method", StringValue("pre-association-ptk"));
        NS_TEST_ASSERT_MSG_EQ(mobile->GetMethod(), RoamingMobile::PreAssociationPtk, "by name");
        mobile->SetAttribute("Method", EnumValue(RoamingMobile::Delegated));
        compat::EnumAttributeValue<RoamingMobile::Method> method;
        mobile->GetAttribute("Method", method);
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(method.Get()),
                              static_cast<int>(RoamingMobile::Delegated), "by value");
        StringValue name;
        mobile->GetAttribute("Method", name);
        NS_TEST_ASSERT_MSG_EQ(name.Get(), "delegated", "read back as its name");
        mobile->SetAttribute("Profile", StringValue("rfc4187"));
        mobile->GetAttribute("Profile", name);
        NS_TEST_ASSERT_MSG_EQ(name.Get(), "rfc4187", "profile by name");
    }
};

class FullEapRfc4187TestCase : public TestCase
{
public:
    FullEapRfc4187TestCase()
        : TestCase("full-eap with the RFC 4187 profile runs AKA-Challenge (a new vector) on "
                   "every handoff, never fast re-authentication")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "full-eap";
        config.profile = "rfc4187";
        config.numAps = 3;
        config.roundTrip = true;
        config.captureAka = true;
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 2, "too few handoffs to tell");
        constexpr uint8_t kChallenge = 1;         // AKA-Challenge
        constexpr uint8_t kReauthentication = 13; // Re-authentication
        uint32_t challenges = 0;
        for (const auto& request : r.akaRequests)
        {
            NS_TEST_ASSERT_MSG_NE(static_cast<uint32_t>(request.subtype),
                                  static_cast<uint32_t>(kReauthentication),
                                  "fast re-authentication at " << request.time << " s");
            challenges += request.subtype == kChallenge ? 1 : 0;
        }
        // The first association and every handoff.
        NS_TEST_ASSERT_MSG_EQ(challenges, r.records.size() + 1,
                              "one AKA-Challenge per authentication");
        for (const auto& record : r.records)
        {
            NS_TEST_ASSERT_MSG_EQ(record.complete, true, "handoff did not complete");
            double from = Ms(record, HandoffEvent::Associated) / 1000.0;
            double to = Ms(record, HandoffEvent::EapDone) / 1000.0;
            bool found = false;
            for (const auto& request : r.akaRequests)
            {
                found
                    |= request.subtype == kChallenge && request.time >= from && request.time <= to;
            }
            NS_TEST_ASSERT_MSG_EQ(found, true,
                                  "no AKA-Challenge in the handoff at " << from << " s");
        }
    }
};

class FastReauthTestCase : public TestCase
{
public:
    FastReauthTestCase()
        : TestCase("fast-reauth runs one AKA-Challenge, then AKA-Reauthentication (no new "
                   "vector) on every handoff, each completing with data")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "fast-reauth";
        config.profile = "rfc4187";
        config.numAps = 3;
        config.roundTrip = true;
        config.captureAka = true;
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 2, "too few handoffs to tell");
        constexpr uint8_t kChallenge = 1;
        constexpr uint8_t kReauthentication = 13;
        uint32_t challenges = 0;
        uint32_t reauths = 0;
        for (const auto& request : r.akaRequests)
        {
            challenges += request.subtype == kChallenge ? 1 : 0;
            reauths += request.subtype == kReauthentication ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(challenges, 1u, "only the first association runs AKA-Challenge");
        NS_TEST_ASSERT_MSG_EQ(reauths, r.records.size(), "one re-authentication per handoff");
        for (const auto& record : r.records)
        {
            NS_TEST_ASSERT_MSG_EQ(record.complete, true, "handoff did not complete");
            NS_TEST_ASSERT_MSG_EQ(record.method, "fast-reauth", "method label");
            NS_TEST_ASSERT_MSG_GT(record.homeAaaMessages, 0, "fast re-authentication is the home's");
        }
    }
};

class OkcTestCase : public TestCase
{
public:
    OkcTestCase()
        : TestCase("okc: after the first full authentication every handoff, first visits "
                   "included, hits the domain's PMK: no EAP, no AAA, a 4-way handshake")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "okc";
        config.numAps = 3;
        config.roundTrip = true;
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 2, "too few handoffs");
        NS_TEST_ASSERT_MSG_EQ(r.homeSuccesses, 1u, "only the first association goes home");
        for (const auto& record : r.records)
        {
            NS_TEST_EXPECT_MSG_EQ(record.complete, true, "handoff did not complete");
            NS_TEST_EXPECT_MSG_EQ(record.fallback, false, "OKC missed");
            NS_TEST_EXPECT_MSG_EQ(record.times.count(HandoffEvent::EapStart), 0u, "EAP ran");
            NS_TEST_EXPECT_MSG_EQ(record.homeAaaMessages + record.visitedAaaMessages, 0u,
                                  "an AAA server took part");
            NS_TEST_EXPECT_MSG_GT(record.times.count(HandoffEvent::FourWayDone), 0u,
                                  "no 4-way handshake");
        }
        // Control: cached-pmk misses on the first visits of the same walk.
        RunConfig cached = config;
        cached.method = "cached-pmk";
        RunResult c = RunOnce(cached);
        NS_TEST_EXPECT_MSG_GT(c.homeSuccesses, 1u, "cached-pmk never missed: the test cannot tell");
    }
};

/** Frames counted per TID: the total, and how many at \p tid. */
std::pair<uint64_t, uint64_t>
TotalAndAtTid(const std::map<uint8_t, uint64_t>& byTid, uint8_t tid)
{
    uint64_t total = 0;
    for (const auto& [t, n] : byTid)
    {
        total += n;
    }
    return {total, byTid.count(tid) ? byTid.at(tid) : 0};
}

class EapolAtVoiceTestCase : public TestCase
{
public:
    EapolAtVoiceTestCase()
        : TestCase("on a QoS link (802.11n) EAPOL and the ARP Announcement after it go at TID 7 "
                   "(AC_VO), the data flow at TID 0")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.standard = "n";
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 0, "no handoff");
        NS_TEST_EXPECT_MSG_EQ(r.records[0].complete, true, "handoff did not complete on 802.11n");
        auto [eapol, eapolAtVoice] = TotalAndAtTid(r.tidsByEtherType[0x888E], 7);
        NS_TEST_ASSERT_MSG_GT(eapol, 8u, "too few EAPOL QoS data frames seen");
        NS_TEST_EXPECT_MSG_EQ(eapolAtVoice, eapol, "EAPOL not all at TID 7");
        auto [data, dataAtBestEffort] = TotalAndAtTid(r.tidsByEtherType[0x0800], 0);
        NS_TEST_EXPECT_MSG_GT(dataAtBestEffort, 100u, "the UDP flow not at TID 0");
        // The station's ARP Announcement after message 4 (its Layer 2 Update) shares
        // message 4's queue: at TID 0 it could overtake it and meet the AP's closed port.
        auto [arp, arpAtVoice] = TotalAndAtTid(r.uplinkTidsByEtherType[0x0806], 7);
        NS_TEST_ASSERT_MSG_GT(arp, 0u, "no ARP Announcement from the mobile");
        NS_TEST_EXPECT_MSG_EQ(arpAtVoice, arp, "ARP Announcement not in message 4's TID 7");
    }
};

/** The first handoff record towards AP \p ap, or nullptr. */
const HandoffRecord*
FirstHandoffTo(const std::vector<HandoffRecord>& records, int32_t ap)
{
    for (const auto& record : records)
    {
        if (record.toAp == ap)
        {
            return &record;
        }
    }
    return nullptr;
}

class DeauthRestartTestCase : public TestCase
{
public:
    explicit DeauthRestartTestCase(bool deauth)
        : TestCase(deauth ? "an AP that gives up on the 4-way handshake deauthenticates the "
                            "station (reason 15), which associates and authenticates again: "
                            "completed-after-retry, data flows (802.11n)"
                          : "control: with DeauthenticateOnFailure false the station keeps a "
                            "closed port at the AP that gave up")
        , m_deauth(deauth)
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.standard = "n";
        config.numAps = 3;
        config.dropFourWayAtAp1 = true;
        config.deauthOnFailure = m_deauth;
        RunResult r = RunOnce(config);
        const HandoffRecord* toAp1 = FirstHandoffTo(r.records, 1);
        NS_TEST_ASSERT_MSG_NE(toAp1, nullptr, "no handoff to AP 1");
        NS_TEST_ASSERT_MSG_GT(r.droppedKeyFrames, 0u, "the 4-way handshake was not disturbed");
        if (!m_deauth)
        {
            NS_TEST_EXPECT_MSG_EQ(r.ap1DeauthReasons.size(), 0u, "a Deauthentication was sent");
            NS_TEST_EXPECT_MSG_EQ(r.mobileDeauthReasons.size(), 0u,
                                  "the mobile was deauthenticated");
            NS_TEST_EXPECT_MSG_EQ(r.ap1PortOpens.size(), 0u, "AP 1 opened the port");
            NS_TEST_EXPECT_MSG_EQ(toAp1->complete, false, "the handoff to AP 1 completed");
            return;
        }
        NS_TEST_EXPECT_MSG_EQ((r.ap1DeauthReasons == std::vector<uint16_t>{15}), true,
                              "AP 1 did not send one Deauthentication, reason 15 (4-way "
                              "handshake timeout)");
        NS_TEST_EXPECT_MSG_EQ((r.mobileDeauthReasons == std::vector<uint16_t>{15}), true,
                              "the mobile did not receive it");
        // Associations: AP 0, AP 1, AP 1 again after the Deauthentication, then AP 2.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(r.mobileAssociations.size(), 3u,
                                    "the mobile did not associate again");
        NS_TEST_ASSERT_MSG_EQ(r.ap1PortOpens.size(), 1u, "AP 1 did not open the port once");
        NS_TEST_EXPECT_MSG_GT(r.dataAfterAp1PortOpen, 20u, "no data after the port opened");
        NS_TEST_EXPECT_MSG_EQ(toAp1->complete, true, "the handoff to AP 1 did not complete");
        NS_TEST_EXPECT_MSG_EQ(toAp1->Outcome(), "completed-after-retry", "outcome");
        NS_TEST_EXPECT_MSG_EQ(toAp1->failure, "ap-1 4way:timeout", "what gave up");
    }

    bool m_deauth;
};

class LostDeauthenticationTestCase : public TestCase
{
public:
    LostDeauthenticationTestCase()
        : TestCase("a station that never hears the AP's Deauthentication (all copies lost) "
                   "associates again after its 802.1X restarts time out: completed-after-retry, "
                   "data flows (802.11n)")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.standard = "n";
        config.numAps = 3;
        config.dropFourWayAtAp1 = true;
        config.loseDeauthentication = true;
        // Longer than AP 1 takes to give up (EAP, then 4 x 300 ms of message 1), and one
        // 802.1X restart: the station is back at AP 1 before it leaves the cell.
        config.authTimeout = MilliSeconds(1500);
        config.maxStart = 1;
        RunResult r = RunOnce(config);
        const HandoffRecord* toAp1 = FirstHandoffTo(r.records, 1);
        NS_TEST_ASSERT_MSG_NE(toAp1, nullptr, "no handoff to AP 1");
        if (!toAp1)
        {
            return; // ns-3 3.37's ASSERT macros continue when the runner continues on failure
        }
        NS_TEST_EXPECT_MSG_EQ((r.ap1DeauthReasons == std::vector<uint16_t>{15}), true,
                              "AP 1 did not send one Deauthentication, reason 15");
        NS_TEST_EXPECT_MSG_GT(r.lostDeauthentications, 0u, "no Deauthentication was lost");
        NS_TEST_EXPECT_MSG_EQ(r.mobileDeauthReasons.size(), 0u,
                              "the mobile heard a Deauthentication");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(r.mobileAssociations.size(), 3u,
                                    "the mobile did not associate again");
        NS_TEST_ASSERT_MSG_EQ(r.ap1PortOpens.size(), 1u, "AP 1 did not open the port once");
        NS_TEST_EXPECT_MSG_GT(r.dataAfterAp1PortOpen, 20u, "no data after the port opened");
        NS_TEST_EXPECT_MSG_EQ(toAp1->complete, true, "the handoff to AP 1 did not complete");
        NS_TEST_EXPECT_MSG_EQ(toAp1->Outcome(), "completed-after-retry", "outcome");
    }
};

class FtAuthenticationRetryTestCase : public TestCase
{
public:
    /// \param lostAnswers FT Authentication answers lost at the mobile, every copy
    FtAuthenticationRetryTestCase(uint32_t lostAnswers)
        : TestCase(lostAnswers < 3
                       ? "ft-over-air: an FT Authentication answer lost with all its "
                         "retransmissions; the station sends its request again and the "
                         "handoff completes by FT"
                       : "ft-over-air: three FT Authentication answers lost; the station "
                         "falls back to a full authentication and the handoff completes"),
          m_lostAnswers(lostAnswers)
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "ft-over-air";
        config.numAps = 3;
        config.lostFtAnswers = m_lostAnswers;
        RunResult r = RunOnce(config);
        const HandoffRecord* toAp1 = FirstHandoffTo(r.records, 1);
        NS_TEST_ASSERT_MSG_NE(toAp1, nullptr, "no handoff to AP 1");
        if (!toAp1)
        {
            return; // ns-3 3.37's ASSERT macros continue when the runner continues on failure
        }
        NS_TEST_EXPECT_MSG_GT(r.lostFtAnswerCopies, 0u, "no FT Authentication answer was lost");
        NS_TEST_EXPECT_MSG_EQ(toAp1->complete, true, "the handoff to AP 1 did not complete");
        bool expectFallback = m_lostAnswers >= 3;
        NS_TEST_EXPECT_MSG_EQ(toAp1->fallback, expectFallback, "fell back to full EAP");
    }

    uint32_t m_lostAnswers;
};

class SignallingTotalsTestCase : public TestCase
{
public:
    SignallingTotalsTestCase()
        : TestCase("run signalling totals: during handoffs they equal the records' sum; "
                   "pre-association's preparation (pre-authentication) reaches the home")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "pre-association-ptk";
        config.numAps = 3;
        config.roundTrip = true;
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.records.size(), 2, "too few handoffs");
        SignallingTotals sum;
        for (const auto& record : r.records)
        {
            for (int l = 0; l < 3; ++l)
            {
                sum.messages[l] += record.messages[l];
                sum.bytes[l] += record.bytes[l];
            }
            sum.visitedAaaMessages += record.visitedAaaMessages;
            sum.homeAaaMessages += record.homeAaaMessages;
        }
        for (int l = 0; l < 3; ++l)
        {
            NS_TEST_EXPECT_MSG_EQ(r.duringHandoffs.messages[l], sum.messages[l], "link " << l);
            NS_TEST_EXPECT_MSG_EQ(r.duringHandoffs.bytes[l], sum.bytes[l], "link " << l);
        }
        NS_TEST_EXPECT_MSG_EQ(r.duringHandoffs.homeAaaMessages, sum.homeAaaMessages, "home");
        NS_TEST_EXPECT_MSG_EQ(r.duringHandoffs.visitedAaaMessages, sum.visitedAaaMessages,
                              "visited");
        // The handoffs themselves need no AAA; the pre-authentications between them do.
        NS_TEST_EXPECT_MSG_EQ(sum.homeAaaMessages, 0u, "a pre-association handoff went home");
        // Outside handoffs full-eap has only its first association; pre-association adds
        // a full EAP-AKA with each neighbour through the WAN.
        RunConfig fullEap = config;
        fullEap.method = "full-eap";
        RunResult f = RunOnce(fullEap);
        NS_TEST_EXPECT_MSG_GT(f.outsideHandoffs.homeAaaMessages, 0u, "first association");
        NS_TEST_EXPECT_MSG_GT(r.outsideHandoffs.homeAaaMessages,
                              f.outsideHandoffs.homeAaaMessages,
                              "pre-authentication with the neighbours did not reach the home");
        NS_TEST_EXPECT_MSG_GT(r.outsideHandoffs.messages[static_cast<int>(RoamingLink::Wan)],
                              0u,
                              "no WAN message outside handoffs");
    }
};

class DelegationExpiryTestCase : public TestCase
{
public:
    DelegationExpiryTestCase()
        : TestCase("a used-up delegated key falls back to full EAP-AKA with the home")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "delegated";
        config.numAps = 3;
        config.roundTrip = true;
        config.tskMaxUses = 1;
        RunResult r = RunOnce(config);
        uint32_t local = 0;
        uint32_t fallbacks = 0;
        for (const auto& record : r.records)
        {
            if (!record.complete)
            {
                continue;
            }
            if (record.fallback)
            {
                ++fallbacks;
                NS_TEST_ASSERT_MSG_GT(record.homeAaaMessages, 0, "fallback without the home");
            }
            else
            {
                ++local;
                NS_TEST_ASSERT_MSG_EQ(record.homeAaaMessages, 0, "local handoff used the home");
            }
        }
        // One use per TSK: local, then home (which grants a fresh TSK), alternately.
        NS_TEST_ASSERT_MSG_GT(local, 0, "no local authentication");
        NS_TEST_ASSERT_MSG_GT(fallbacks, 0, "the used-up key never fell back");
    }
};

class DelegationUpdateAndHostChallengeTestCase : public TestCase
{
public:
    DelegationUpdateAndHostChallengeTestCase()
        : TestCase("delegated handoffs with key updates (claims 18-25) and host challenge (26)")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = "delegated";
        config.numAps = 3;
        config.roundTrip = true;
        config.tskUpdateIntervalS = 0; // the home updates the key at every chance
        config.hostChallenge = true;
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.keyUpdates, 0, "the home never issued a key update");
        NS_TEST_ASSERT_MSG_GT(r.updateReports, 0, "no key update was completed and reported");
        NS_TEST_ASSERT_MSG_GT(r.localAuthentications, 2, "local authentication stopped");
        uint32_t complete = 0;
        for (const auto& record : r.records)
        {
            if (!record.complete || record.fallback)
            {
                continue;
            }
            ++complete;
            // The host challenge is answered by the home: one WAN round trip per handoff.
            NS_TEST_ASSERT_MSG_EQ(record.messages[static_cast<int>(RoamingLink::Wan)], 2,
                                  "host challenge not relayed to the home");
            NS_TEST_ASSERT_MSG_GT(Ms(record, HandoffEvent::EapDone)
                                      - Ms(record, HandoffEvent::EapStart),
                                  2 * 50.0, "EAP finished without the home's answer");
        }
        NS_TEST_ASSERT_MSG_GT(complete, 2, "delegated handoffs did not complete");
    }
};

class WanDelayTestCase : public TestCase
{
public:
    WanDelayTestCase()
        : TestCase("full-eap EAP phase grows by two WAN round trips per WAN delay step")
    {}

private:
    void DoRun() override
    {
        RunConfig low;
        low.wanDelayMs = 20;
        RunConfig high;
        high.wanDelayMs = 120;
        RunResult a = RunOnce(low);
        RunResult b = RunOnce(high);
        NS_TEST_ASSERT_MSG_EQ((a.records.empty() || b.records.empty()), false, "no handoffs");
        const HandoffRecord& ra = a.records.front();
        const HandoffRecord& rb = b.records.front();
        double eapA = Ms(ra, HandoffEvent::EapDone) - Ms(ra, HandoffEvent::EapStart);
        double eapB = Ms(rb, HandoffEvent::EapDone) - Ms(rb, HandoffEvent::EapStart);
        // EAP-AKA through the proxy crosses the WAN twice per round (identity, challenge):
        // 2 rounds x 2 crossings x 100 ms = 400 ms; the idle channel leaves only jitter of
        // channel access, well under a millisecond per frame.
        NS_TEST_ASSERT_MSG_EQ_TOL(eapB - eapA, 400.0, 2.0, "EAP phase vs WAN delay");
    }
};

class WrongKeyTestCase : public TestCase
{
public:
    WrongKeyTestCase()
        : TestCase("a subscriber with a wrong key gets EAP-Failure and its port stays closed")
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.wrongKey = true;
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_GT(r.eapFailures, 0, "no EAP-Failure");
        NS_TEST_ASSERT_MSG_EQ(r.mobilePortOpens, 0, "port opened without authentication");
        NS_TEST_ASSERT_MSG_EQ(r.mobileDataPackets, 0, "data passed a closed port");
        NS_TEST_ASSERT_MSG_EQ(r.homeSuccesses, 0, "home AAA accepted a wrong key");
    }
};

class ReplayedEapolKeyTestCase : public TestCase
{
public:
    ReplayedEapolKeyTestCase()
        : TestCase("a replayed EAPOL-Key frame is dropped by the mobile")
    {}

private:
    void DoRun() override
    {
        RunConfig replay;
        replay.replayEapolKey = true;
        RunConfig clean;
        RunResult r = RunOnce(replay);
        RunResult c = RunOnce(clean);
        NS_TEST_ASSERT_MSG_EQ(r.mobileDroppedEapol, c.mobileDroppedEapol + 1, "replay not dropped");
        NS_TEST_ASSERT_MSG_EQ(r.mobilePortOpens, c.mobilePortOpens, "replay changed the outcome");
    }
};

class ReproducibleTestCase : public TestCase
{
public:
    ReproducibleTestCase()
        : TestCase("the same seed and run give byte-identical CSV")
    {}

private:
    void DoRun() override
    {
        std::string a = CreateTempDirFilename("handoffs-a.csv");
        std::string b = CreateTempDirFilename("handoffs-b.csv");
        RunConfig config;
        config.method = "cached-pmk";
        config.numAps = 3;
        config.roundTrip = true;
        config.csv = a;
        RunOnce(config);
        config.csv = b;
        RunOnce(config);
        std::ifstream fa(a);
        std::ifstream fb(b);
        std::stringstream sa;
        std::stringstream sb;
        sa << fa.rdbuf();
        sb << fb.rdbuf();
        NS_TEST_ASSERT_MSG_GT(sa.str().size(), 200, "CSV too short");
        NS_TEST_ASSERT_MSG_EQ(sa.str(), sb.str(), "two runs differ");
        std::remove(a.c_str());
        std::remove(b.c_str());
    }
};

class RssiPolicyTestCase : public TestCase
{
public:
    explicit RssiPolicyTestCase(const std::string& method)
        : TestCase("rssi policy with neighbour reports, " + method +
                   ": the mobile roams while associated, tells the old AP (Disassociation), "
                   "joins the background scan's AP without scanning")
        , m_method(method)
    {}

private:
    void DoRun() override
    {
        RunConfig config;
        config.method = m_method;
        config.numAps = 3;
        config.apSpacing = 60; // overlapping cells (doc/roaming-policies.rst)
        config.policy = "rssi";
        config.scan = "neighbour-report";
        RunResult r = RunOnce(config);
        NS_TEST_ASSERT_MSG_EQ(r.records.size(), 2u, "one handoff per AP boundary expected");
        NS_TEST_EXPECT_MSG_EQ(r.roams, 2u, "the policy decided every handoff");
        NS_TEST_EXPECT_MSG_EQ(r.apDisassociations, 2u, "the old AP was not told");
        for (const auto& record : r.records)
        {
            NS_TEST_EXPECT_MSG_EQ(record.complete, true, "handoff did not complete");
            NS_TEST_EXPECT_MSG_EQ(record.trigger, "rssi", "left on beacon loss");
            NS_TEST_EXPECT_MSG_GT(record.backgroundScan, Seconds(0), "no background scan");
            double lost = Ms(record, HandoffEvent::LinkLost);
            NS_TEST_EXPECT_MSG_EQ_TOL(Ms(record, HandoffEvent::ScanDone), lost, 1e-6,
                                      "a scan after leaving the AP");
            double total = Ms(record, HandoffEvent::FirstData) - lost;
            if (m_method == "full-eap")
            {
                NS_TEST_EXPECT_MSG_GT(total, 200.0, "full EAP-AKA without the WAN round trips?");
            }
            else
            {
                NS_TEST_EXPECT_MSG_LT(total, 30.0, "a fast method is not fast");
            }
        }
        NS_TEST_EXPECT_MSG_GT(r.mobileDataPackets, 0u, "no data");
        // Control, same walk: plain ns-3 leaves on beacon loss and tells nobody.
        RunConfig plain = config;
        plain.policy = "missed-beacons";
        plain.scan = "passive";
        RunResult p = RunOnce(plain);
        NS_TEST_EXPECT_MSG_EQ(p.roams, 0u, "missed-beacons roamed on RSSI");
        NS_TEST_EXPECT_MSG_EQ(p.apDisassociations, 0u, "a beacon loss sent a Disassociation");
        for (const auto& record : p.records)
        {
            NS_TEST_EXPECT_MSG_EQ(record.trigger, "beacon-loss", "wrong trigger");
        }
    }

    std::string m_method;
};

class ModelHandoffTestSuite : public TestSuite
{
public:
    ModelHandoffTestSuite()
        : TestSuite("roamsec-model-handoff", Type::SYSTEM)
    {
        AddTestCase(new MethodCompletesTestCase("full-eap"));
        AddTestCase(new MethodCompletesTestCase("cached-pmk"));
        AddTestCase(new MethodCompletesTestCase("pre-association-ptk"));
        AddTestCase(new MethodCompletesTestCase("delegated"));
        AddTestCase(new EnumAttributesTestCase);
        AddTestCase(new FullEapRfc4187TestCase);
        AddTestCase(new FastReauthTestCase);
        AddTestCase(new SignallingTotalsTestCase);
        AddTestCase(new EapolAtVoiceTestCase);
        AddTestCase(new OkcTestCase);
        AddTestCase(new MethodCompletesTestCase("okc"));
        AddTestCase(new DelegationExpiryTestCase);
        AddTestCase(new DelegationUpdateAndHostChallengeTestCase);
        AddTestCase(new WanDelayTestCase);
        AddTestCase(new WrongKeyTestCase);
        AddTestCase(new ReplayedEapolKeyTestCase);
        AddTestCase(new ReproducibleTestCase);
        AddTestCase(new RssiPolicyTestCase("pre-association-ptk"));
        AddTestCase(new RssiPolicyTestCase("full-eap"));
        AddTestCase(new RssiPolicyTestCase("okc"));
        AddTestCase(new MethodCompletesTestCase("ft-over-air"));
        AddTestCase(new FtAuthenticationRetryTestCase(1));
        AddTestCase(new FtAuthenticationRetryTestCase(3));
        AddTestCase(new MethodCompletesTestCase("ft-over-ds"));
        AddTestCase(new RssiPolicyTestCase("ft-over-ds"));
        AddTestCase(new RssiPolicyTestCase("ft-over-air"));
        AddTestCase(new DeauthRestartTestCase(true));
        AddTestCase(new DeauthRestartTestCase(false));
        AddTestCase(new LostDeauthenticationTestCase());
    }
};

ModelHandoffTestSuite g_modelHandoffTestSuite;

} // namespace
