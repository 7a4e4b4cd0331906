/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-mobile.h"

#include "dot1x-controlled-port.h"
#include "ns3/arp-header.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/eap-aka-peer.h"
#include "ns3/eap-packet.h"
#include "ns3/eapol.h"
#include "ns3/ft-session.h"
#include "ns3/message-describer.h"
#include "ns3/ssid.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/neighbor-report.h"
#include "ns3/node.h"
#include "ns3/ns3-compat.h"
#include "ns3/pointer.h"
#include "ns3/rsn-keys.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"
#include "roaming-access-point.h"
#include "roaming-assoc-elements.h"
#include "roaming-assoc-observer.h"
#include "roaming-lab-attacker.h"
#include "roaming-method-factory.h"
#include "roaming-rssi-policy.h"
#include "roaming-assoc-manager.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingMobile");
NS_OBJECT_ENSURE_REGISTERED(RoamingMobile);

TypeId
RoamingMobile::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingMobile")
              .SetParent<Application>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<RoamingMobile>()
              .AddAttribute(
                  "Method",
                  "Handoff method: full-eap, cached-pmk, pre-association-ptk, delegated, "
                  "fast-reauth (Profile rfc4187 only), okc, ft-over-ds or ft-over-air (the APs "
                  "need a MobilityDomain)",
                  EnumValue(RoamingMobile::FullEap),
                  compat::MakeEnumAttributeAccessor<RoamingMobile::Method>(
                      &RoamingMobile::m_method),
                  MakeEnumChecker(
                      RoamingMobile::FullEap, RoamingMethodName(RoamingMobile::FullEap),
                      RoamingMobile::CachedPmk, RoamingMethodName(RoamingMobile::CachedPmk),
                      RoamingMobile::PreAssociationPtk,
                      RoamingMethodName(RoamingMobile::PreAssociationPtk), RoamingMobile::Delegated,
                      RoamingMethodName(RoamingMobile::Delegated), RoamingMobile::FastReauth,
                      RoamingMethodName(RoamingMobile::FastReauth), RoamingMobile::Okc,
                      RoamingMethodName(RoamingMobile::Okc), RoamingMobile::FtOverDs,
                      RoamingMethodName(RoamingMobile::FtOverDs), RoamingMobile::FtOverAir,
                      RoamingMethodName(RoamingMobile::FtOverAir)))
              .AddAttribute("RoamingPolicy",
                            "What makes the station leave its AP: missed-beacons (plain ns-3: "
                            "StaWifiMac's MaxMissedBeacons) or rssi (roam while associated when "
                            "the beacon RSSI stays below RssiThreshold and a background scan "
                            "found an AP RssiMinGain dB stronger)",
                            EnumValue(RoamingMobile::MissedBeacons),
                            compat::MakeEnumAttributeAccessor<RoamingMobile::Policy>(
                                &RoamingMobile::m_policy),
                            MakeEnumChecker(RoamingMobile::MissedBeacons,
                                            RoamingPolicyName(RoamingMobile::MissedBeacons),
                                            RoamingMobile::Rssi,
                                            RoamingPolicyName(RoamingMobile::Rssi)))
              .AddAttribute("ScanType",
                            "How candidates are found: passive (Beacons on every channel), "
                            "active (Probe Requests; RoamingAssocManager MinChannelTime and "
                            "MaxChannelTime) or neighbour-report (only the current AP's 802.11k "
                            "neighbour report's channels and APs, actively). Background scans "
                            "of the rssi policy are passive on those channels.",
                            EnumValue(RoamingMobile::PassiveScan),
                            compat::MakeEnumAttributeAccessor<RoamingMobile::ScanType>(
                                &RoamingMobile::m_scanType),
                            MakeEnumChecker(RoamingMobile::PassiveScan,
                                            RoamingScanTypeName(RoamingMobile::PassiveScan),
                                            RoamingMobile::ActiveScan,
                                            RoamingScanTypeName(RoamingMobile::ActiveScan),
                                            RoamingMobile::NeighborReportScan,
                                            RoamingScanTypeName(RoamingMobile::NeighborReportScan)))
              .AddAttribute("RssiThreshold",
                            "rssi policy: background scans and roaming start when the current "
                            "AP's average beacon RSSI is below this (dBm; iOS: -70). Must lie "
                            "between the PHY's RxSensitivity and 0 dBm.",
                            DoubleValue(-70.0),
                            MakeDoubleAccessor(&RoamingMobile::m_rssiThreshold),
                            MakeDoubleChecker<double>())
              .AddAttribute("RssiMinGain",
                            "rssi policy: a candidate must be at least this much stronger than "
                            "the current AP (dB; iOS: 8 while data flows, 12 idle)",
                            DoubleValue(8.0),
                            MakeDoubleAccessor(&RoamingMobile::m_rssiMinGain),
                            MakeDoubleChecker<double>(0.0, 60.0))
              .AddAttribute("RssiWindow",
                            "rssi policy: beacons of the current AP averaged",
                            UintegerValue(3),
                            MakeUintegerAccessor(&RoamingMobile::m_rssiWindow),
                            MakeUintegerChecker<uint32_t>(1, 100))
              .AddAttribute("BackgroundScanInterval",
                            "rssi policy: time between the starts of two background scans",
                            TimeValue(MilliSeconds(500)),
                            MakeTimeAccessor(&RoamingMobile::m_backgroundScanInterval),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("CandidateMaxAge",
                            "rssi policy: background-scan results older than this are not used",
                            TimeValue(Seconds(1)),
                            MakeTimeAccessor(&RoamingMobile::m_candidateMaxAge),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute(
                  "Realm",
                  "NAI realm of the subscriber's home domain (empty: derived from the IMSI)",
                  StringValue(""), MakeStringAccessor(&RoamingMobile::m_realm), MakeStringChecker())
              .AddAttribute(
                  "Profile", "EAP-AKA profile: draft (draft-arkko-pppext-eap-aka-04) or rfc4187",
                  EnumValue(RoamingMobile::Draft),
                  compat::MakeEnumAttributeAccessor<RoamingMobile::Profile>(
                      &RoamingMobile::m_profile),
                  MakeEnumChecker(RoamingMobile::Draft, "draft", RoamingMobile::Rfc4187, "rfc4187"))
              .AddAttribute("AllowGsmMode",
                            "Accept the GSM-compatible mode (a challenge without AUTN, draft "
                            "section 10); false: answer it with a Nak",
                            BooleanValue(true), MakeBooleanAccessor(&RoamingMobile::m_allowGsmMode),
                            MakeBooleanChecker())
              .AddAttribute("RefusePermanentIdentity",
                            "Never reveal the permanent identity (IMSI) when asked by "
                            "AT_PERMANENT_ID_REQ; keep to the pseudonym (draft section 5)",
                            BooleanValue(false),
                            MakeBooleanAccessor(&RoamingMobile::m_refusePermanentIdentity),
                            MakeBooleanChecker())
              .AddAttribute("HostChallenge",
                            "Delegated method: challenge the home domain through the visited "
                            "domain on every local authentication (000 claim 26)",
                            BooleanValue(false),
                            MakeBooleanAccessor(&RoamingMobile::m_hostChallenge),
                            MakeBooleanChecker())
              .AddAttribute("StartPeriod",
                            "EAPOL-Start is repeated after this long without an answer "
                            "(802.1X startPeriod, 30 s there; short here for mobility)",
                            TimeValue(Seconds(1)), MakeTimeAccessor(&RoamingMobile::m_startPeriod),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("MaxStart",
                            "EAPOL-Start transmissions per association (802.1X maxStart)",
                            UintegerValue(3), MakeUintegerAccessor(&RoamingMobile::m_maxStarts),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("AuthTimeout",
                            "Restart 802.1X (EAPOL-Start) when the port is still closed this long "
                            "after association, at most MaxStart times; once more and the "
                            "mobile associates again (a Deauthentication may have been lost), "
                            "within MaxDeauthRestarts",
                            TimeValue(Seconds(5)), MakeTimeAccessor(&RoamingMobile::m_authTimeout),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("DataPort",
                            "UDP port on which the mobile receives the correspondent's data flow",
                            UintegerValue(9), MakeUintegerAccessor(&RoamingMobile::m_dataPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("PmkLifetime", "Lifetime of the mobile's PMKSA cache entries",
                            TimeValue(Seconds(43200)),
                            MakeTimeAccessor(&RoamingMobile::m_pmkLifetime),
                            MakeTimeChecker(Seconds(1)))
              .AddAttribute("DeauthReactionDelay",
                            "From a Deauthentication by the current AP to leaving it and scanning "
                            "again (the driver's reaction; the MAC acknowledges the frame first)",
                            TimeValue(MilliSeconds(1)),
                            MakeTimeAccessor(&RoamingMobile::m_deauthReaction),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MaxDeauthRestarts",
                            "Deauthentications (or authentication time-outs, AuthTimeout) after "
                            "which the mobile starts again (association and authentication) "
                            "before its port opens; one more and it stays "
                            "where it is, port closed, until it roams (a supplicant that "
                            "disables a network after repeated failures)",
                            UintegerValue(3),
                            MakeUintegerAccessor(&RoamingMobile::m_maxDeauthRestarts),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("PortOpen", "The mobile's controlled port opened at an AP (BSSID)",
                              MakeTraceSourceAccessor(&RoamingMobile::m_portOpenTrace),
                              "ns3::Mac48Address::TracedCallback")
              .AddTraceSource("EapSuccess", "EAP authentication succeeded through an AP (BSSID)",
                              MakeTraceSourceAccessor(&RoamingMobile::m_eapSuccessTrace),
                              "ns3::Mac48Address::TracedCallback")
              .AddTraceSource("EapFailure", "EAP authentication failed through an AP (BSSID)",
                              MakeTraceSourceAccessor(&RoamingMobile::m_eapFailureTrace),
                              "ns3::Mac48Address::TracedCallback")
              .AddTraceSource("Roam",
                              "The rssi policy leaves an AP for a stronger one: old BSSID, new "
                              "BSSID, their RSSI (dBm)",
                              MakeTraceSourceAccessor(&RoamingMobile::m_roamTrace),
                              "ns3::RoamingRssiPolicy::RoamCallback")
              .AddTraceSource("SecurityRefusal",
                              "A security check of the mobile failed on a received message "
                              "(dropped, or answered with a refusal): the check",
                              MakeTraceSourceAccessor(&RoamingMobile::m_refusalTrace),
                              "ns3::RoamingMobile::RefusalCallback")
              .AddTraceSource("Deauthenticated",
                              "The current AP deauthenticated the mobile (BSSID, reason code)",
                              MakeTraceSourceAccessor(&RoamingMobile::m_deauthTrace),
                              "ns3::RoamingMobile::DeauthenticatedCallback");
    return tid;
}

RoamingMobile::RoamingMobile() = default;
RoamingMobile::~RoamingMobile() = default;

void
RoamingMobile::SetWifiDevice(Ptr<NetDevice> wifi)
{
    m_wifi = wifi;
}

void
RoamingMobile::SetRecorder(Ptr<HandoffRecorder> recorder)
{
    m_recorder = recorder;
}

void
RoamingMobile::SetControlledPort(Ptr<Dot1xControlledPort> port)
{
    m_port = port;
}

void
RoamingMobile::SetMobileIndex(uint32_t index)
{
    m_index = index;
}

void
RoamingMobile::SetCredentials(const std::string& imsi, const roamsec::Bytes& k,
                              const roamsec::Bytes& opc)
{
    m_imsi = imsi;
    m_k = k;
    m_opc = opc;
}

void
RoamingMobile::SetAssocElements(Ptr<RoamingAssocElements> elements)
{
    m_elements = elements;
}

void
RoamingMobile::SetNeighbors(const std::map<Mac48Address, std::vector<Mac48Address>>& neighbors)
{
    m_neighbors = neighbors;
}

std::vector<Mac48Address>
RoamingMobile::GetPreparedTargets() const
{
    return m_methodImpl ? m_methodImpl->GetPreparedTargets() : std::vector<Mac48Address>{};
}

int64_t
RoamingMobile::AssignStreams(int64_t stream)
{
    m_rng.SetStream(stream);
    return 1;
}

RoamingMobile::Method
RoamingMobile::GetMethod() const
{
    return m_method;
}

roamsec::PmksaCache&
RoamingMobile::GetPmksaCache()
{
    return *m_pmksa;
}

uint64_t
RoamingMobile::GetDroppedEapolFrames() const
{
    return m_droppedEapol + (m_rsn ? RejectedByHandshake(*m_rsn) : 0);
}

uint64_t
RoamingMobile::RejectedByHandshake(const roamsec::Supplicant& rsn)
{
    const roamsec::RsnCounters& c = rsn.GetCounters();
    return c.malformed + c.replayed + c.micFailures + c.unexpected;
}

void
RoamingMobile::RetireHandshake()
{
    // Keep the count of frames the finished handshake refused: nothing is lost.
    if (m_rsn)
    {
        m_droppedEapol += RejectedByHandshake(*m_rsn);
        m_rsn.reset();
    }
}

uint64_t
RoamingMobile::GetReceivedDataPackets() const
{
    return m_dataPackets;
}

uint64_t
RoamingMobile::GetDeauthentications() const
{
    return m_deauthentications;
}

std::vector<roamsec::Bytes>
RoamingMobile::GetPmkidsFor(Mac48Address bssid)
{
    std::vector<roamsec::Bytes> pmkids;
    if (!m_methodImpl || !m_methodImpl->UsesPmkCaching() || !m_pmksa)
    {
        return pmkids;
    }
    const roamsec::PmksaEntry* entry = m_pmksa->FindByAddresses(
        ToCoreMac(bssid), ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress())),
        ToCoreTime(Simulator::Now()));
    if (entry != nullptr)
    {
        pmkids.push_back(entry->pmkid);
    }
    return pmkids;
}

void
RoamingMobile::DoDispose()
{
    m_rsnTimer.Cancel();
    m_startTimer.Cancel();
    m_authWatchdog.Cancel();
    m_deauthEvent.Cancel();
    if (auto device = DynamicCast<WifiNetDevice>(m_wifi); device && device->GetMac())
    {
        // the MAC outlives this application: frames go straight to it again
        compat::InterceptReceivedFrames(device->GetMac(), compat::ReceivedFrameFilter());
    }
    m_attacker = nullptr;
    if (m_methodImpl)
    {
        m_methodImpl->Stop();
        m_methodImpl.reset();
    }
    if (m_observer)
    {
        m_observer->SetListener(RoamingAssocObserver::Listener());
        m_observer = nullptr;
    }
    if (m_rssiPolicy)
    {
        m_rssiPolicy->Dispose();
        m_rssiPolicy = nullptr;
    }
    m_elements = nullptr;
    m_wifi = nullptr;
    m_port = nullptr;
    m_recorder = nullptr;
    m_dataSocket = nullptr;
    Application::DoDispose();
}

void
RoamingMobile::StartApplication()
{
    NS_ABORT_MSG_IF(!m_wifi, "RoamingMobile: no Wi-Fi device set");
    NS_ABORT_MSG_IF(m_k.size() != 16 || m_opc.size() != 16,
                    "RoamingMobile " << m_index << ": credentials not set (K and OPc, 16 bytes)");
    NS_ABORT_MSG_IF(m_method == FastReauth && m_profile != Rfc4187,
                    "RoamingMobile " << m_index
                                     << ": Method fast-reauth needs Profile rfc4187 (RFC 4187 "
                                        "section 5; the draft has no fast re-authentication), "
                                        "not draft");
    m_usim = std::make_unique<roamsec::Usim>(m_k, m_opc);
    roamsec::EapAkaPeerConfig eapConfig = GetPeerConfig();
    m_methodImpl = CreateRoamingMobileMethod(m_method, *this);
    m_methodImpl->ConfigurePeer(eapConfig);
    m_eap = std::make_unique<roamsec::EapAkaPeer>(*m_usim, eapConfig, m_rng);
    m_methodImpl->Start(*m_eap);
    m_pmksa = std::make_unique<roamsec::PmksaCache>(64);
    ConfigureRoaming();
    // One observer reports the device's association life cycle in a fixed order.
    m_observer = RoamingAssocObserver::Install(m_wifi);
    RoamingAssocObserver::Listener listener;
    listener.associationCompleted = MakeCallback(&RoamingMobile::Associated, this);
    listener.leftAp = MakeCallback(&RoamingMobile::Disassociated, this);
    listener.scanDone = MakeCallback(&RoamingMobile::ScanDone, this);
    if (m_elements)
    {
        listener.associationStarting = MakeCallback(&RoamingMobile::AssocRequestElements, this);
        listener.responseReceived = MakeCallback(&RoamingMobile::AssocResponseReceived, this);
    }
    m_observer->SetListener(listener);
    GetNode()->RegisterProtocolHandler(MakeCallback(&RoamingMobile::ReceiveEapol, this),
                                       roamsec::kEtherTypeEapol, m_wifi);
    for (uint16_t etherType :
         {roamsec::kEtherTypePreauth, roamsec::kEtherTypePreassoc, roamsec::kEtherTypeRrb})
    {
        GetNode()->RegisterProtocolHandler(MakeCallback(&RoamingMobile::ReceiveDs, this), etherType,
                                           m_wifi);
    }
    if (m_elements)
    {
        m_elements->SetRequestGate(MakeCallback(&RoamingMobile::HoldsRequest, this));
        if (m_methodImpl->WantsBeaconElements())
        {
            m_elements->SetBeaconCallback(MakeCallback(&RoamingMobile::BeaconReceived, this));
        }
    }
    // ns-3's STA MAC does not act on a Deauthentication (3.37 even aborts on one): the
    // mobile takes those addressed to it before the MAC sees them.
    compat::InterceptReceivedFrames(DynamicCast<WifiNetDevice>(m_wifi)->GetMac(),
                                    MakeCallback(&RoamingMobile::ReceiveMacFrame, this));
    m_dataSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_dataSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_dataPort));
    m_dataSocket->SetRecvCallback(MakeCallback(&RoamingMobile::ReceiveData, this));
}

void
RoamingMobile::ConfigureRoaming()
{
    auto device = DynamicCast<WifiNetDevice>(m_wifi);
    NS_ABORT_MSG_IF(!device, "RoamingMobile " << m_index << ": the device is not a WifiNetDevice");
    auto mac = DynamicCast<StaWifiMac>(device->GetMac());
    NS_ABORT_MSG_IF(!mac, "RoamingMobile " << m_index << ": the device has no StaWifiMac");
    // ScanType is the one switch between passive and active scanning
    mac->SetAttribute("ActiveProbing", BooleanValue(m_scanType != PassiveScan));
    NS_ABORT_MSG_IF(m_method == FtOverDs && mac->GetQosSupported(),
                    "RoamingMobile " << m_index
                                     << ": Method ft-over-ds needs a MAC without QoS (802.11a/g): "
                                        "with QoS ns-3 aborts on the FT Action frame (its TID "
                                        "lookup knows no Action category 6); use ft-over-air");
    if (m_policy != Rssi)
    {
        return;
    }
    DoubleValue sensitivity;
    device->GetPhy()->GetAttribute("RxSensitivity", sensitivity);
    NS_ABORT_MSG_IF(m_rssiThreshold < sensitivity.Get() || m_rssiThreshold > 0,
                    "RoamingMobile " << m_index << ": RssiThreshold " << m_rssiThreshold
                                     << " dBm is outside the PHY's range (RxSensitivity "
                                     << sensitivity.Get() << " dBm to 0 dBm)");
    RoamingRssiPolicy::Config config;
    config.thresholdDbm = m_rssiThreshold;
    config.minGainDb = m_rssiMinGain;
    config.window = m_rssiWindow;
    config.scanInterval = m_backgroundScanInterval;
    config.candidateMaxAge = m_candidateMaxAge;
    m_rssiPolicy = CreateObject<RoamingRssiPolicy>();
    m_rssiPolicy->Install(device, config);
    m_rssiPolicy->SetPrepareTransition(MakeCallback(&RoamingMobile::PrepareTransition, this));
    if (m_methodImpl->WantsBeaconElements())
    {
        m_rssiPolicy->SetBeaconElementsCallback(
            MakeCallback(&RoamingMobile::BeaconReceived, this));
    }
    m_rssiPolicy->TraceConnectWithoutContext(
        "Roam",
        MakeCallback(&TracedCallback<Mac48Address, Mac48Address, double, double>::operator(),
                     &m_roamTrace));
}

void
RoamingMobile::ApplyNeighborReport(const RoamingAssocFrame& frame)
{
    auto entries = roamsec::ParseNeighborReports(
        roamsec::Bytes(frame.elements.begin(), frame.elements.end()));
    m_reportedNeighbors.clear();
    std::vector<std::pair<uint16_t, WifiPhyBand>> channels;
    if (entries)
    {
        for (const auto& entry : *entries)
        {
            m_reportedNeighbors.push_back(ToNs3Mac(entry.bssid));
            std::pair<uint16_t, WifiPhyBand> channel{
                entry.channel,
                entry.operatingClass == 81 || entry.operatingClass == 82 ? WIFI_PHY_BAND_2_4GHZ
                                                                         : WIFI_PHY_BAND_5GHZ};
            if (std::find(channels.begin(), channels.end(), channel) == channels.end())
            {
                channels.push_back(channel);
            }
        }
    }
    if (m_scanType != NeighborReportScan)
    {
        return;
    }
    // an AP without a report leaves the station with a scan of every channel
    auto device = DynamicCast<WifiNetDevice>(m_wifi);
    if (auto manager = RoamingAssocManager::Find(DynamicCast<StaWifiMac>(device->GetMac())))
    {
        manager->SetScanChannels(channels);
    }
    if (m_rssiPolicy)
    {
        m_rssiPolicy->SetCandidates(channels, m_reportedNeighbors);
    }
}

void
RoamingMobile::StopApplication()
{
    m_rsnTimer.Cancel();
    m_startTimer.Cancel();
    m_authWatchdog.Cancel();
    m_deauthEvent.Cancel();
    if (m_dataSocket)
    {
        m_dataSocket->Close();
    }
}

void
RoamingMobile::MarkEvent(HandoffEvent event)
{
    if (m_recorder)
    {
        m_recorder->Mark(m_index, event);
    }
}

bool
RoamingMobile::ReceiveMacFrame(Ptr<const WifiMpdu> mpdu)
{
    const WifiMacHeader& hdr = mpdu->GetHeader();
    if (hdr.IsMgt() && (hdr.IsAuthentication() || IsFtAction(mpdu))
        && hdr.GetAddr1() == Mac48Address::ConvertFrom(m_wifi->GetAddress()))
    {
        // ns-3's STA MAC sends and expects no Authentication frames and no FT Action
        // frames (3.37 aborts on an unknown Action category): they are the method's.
        roamsec::Bytes body = PacketBytes(mpdu->GetPacket());
        if (!m_methodImpl
            || !m_methodImpl->ReceiveManagementFrame(hdr.GetAddr2(), hdr.GetType(), body))
        {
            CountDroppedFrame("management:unexpected");
        }
        return true;
    }
    if (!hdr.IsMgt() || !(hdr.IsDeauthentication() || hdr.IsDisassociation())
        || hdr.GetAddr1() != Mac48Address::ConvertFrom(m_wifi->GetAddress()))
    {
        return false;
    }
    // Reason Code: the first two octets of the body, little-endian (802.11-2020 9.3.3.12).
    uint8_t body[2] = {0, 0};
    mpdu->GetPacket()->CopyData(body, sizeof(body));
    uint16_t reason = static_cast<uint16_t>(body[0] | body[1] << 8);
    Mac48Address from = hdr.GetAddr2();
    if (!m_associated || from != m_bssid)
    {
        NS_LOG_INFO("mobile " << m_index << ": ignoring a Deauthentication from " << from
                              << ", not the current AP");
        return true;
    }
    NS_LOG_INFO("mobile " << m_index << ": deauthenticated by " << from << ", reason " << reason);
    m_deauthentications++;
    m_deauthTrace(from, reason);
    m_deauthEvent.Cancel();
    m_deauthEvent = Simulator::Schedule(m_deauthReaction,
                                        &RoamingMobile::LeaveAndStartAgain,
                                        this,
                                        from,
                                        "deauthenticated:" + std::to_string(reason));
    return true;
}

void
RoamingMobile::LeaveAndStartAgain(Mac48Address bssid, std::string cause)
{
    if (!m_associated || bssid != m_bssid)
    {
        return; // left meanwhile
    }
    Ptr<WifiPhy> phy = DynamicCast<WifiNetDevice>(m_wifi)->GetPhy();
    if (phy->IsStateRx() || phy->IsStateTx())
    {
        // as ns-3 does after a beacon loss: not in the middle of a frame
        m_deauthEvent
            = Simulator::Schedule(phy->GetDelayUntilIdle(),
                                  &RoamingMobile::LeaveAndStartAgain, this, bssid, cause);
        return;
    }
    // The AP has dropped the station's keys and state: so does the mobile.
    m_authWatchdog.Cancel();
    m_startTimer.Cancel();
    m_rsnTimer.Cancel();
    RetireHandshake();
    m_eap->Reset();
    if (m_deauthRestarts >= m_maxDeauthRestarts)
    {
        NS_LOG_INFO("mobile " << m_index << ": " << m_deauthRestarts << " restarts (" << cause
                              << "), giving up at " << bssid);
        m_portOpen = false;
        if (m_port)
        {
            m_port->Unauthorize(bssid);
        }
        if (m_recorder)
        {
            m_recorder->NoteGiveUp(m_index, cause);
        }
        return;
    }
    m_deauthRestarts++;
    if (m_recorder && m_recorder->HasOpenHandoff(m_index))
    {
        m_recorder->NoteRestart(m_index);
    }
    m_leavingAfterDeauth = true;
    compat::Disassociate(DynamicCast<StaWifiMac>(DynamicCast<WifiNetDevice>(m_wifi)->GetMac()));
    m_leavingAfterDeauth = false;
}

void
RoamingMobile::Disassociated(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    bool afterDeauth = m_leavingAfterDeauth;
    bool wasOpen = m_portOpen;
    if (!afterDeauth)
    {
        m_deauthRestarts = 0; // a new handoff: a new budget
    }
    m_startTimer.Cancel();
    m_authWatchdog.Cancel();
    m_associated = false;
    m_portOpen = false;
    m_rsnTimer.Cancel();
    RetireHandshake();
    if (m_port)
    {
        m_port->Unauthorize(bssid);
    }
    Time backgroundScan = Seconds(0);
    bool roamed = false;
    if (m_rssiPolicy)
    {
        m_rssiPolicy->Left();
        roamed = m_rssiPolicy->LastLeaveWasRoam();
        backgroundScan = m_rssiPolicy->TakeBackgroundScanTime();
    }
    // A restart after a Deauthentication continues the open handoff (its record counts
    // the restart); an established station that was deauthenticated lost its link.
    if (m_recorder && !(afterDeauth && (m_recorder->HasOpenHandoff(m_index) || !wasOpen)))
    {
        m_recorder->BeginHandoff(m_index, m_recorder->FindAp(bssid), RoamingMethodName(m_method));
        m_recorder->SetTrigger(m_index,
                               roamed        ? "rssi"
                               : afterDeauth ? "deauthenticated"
                                             : "beacon-loss",
                               backgroundScan);
    }
}

void
RoamingMobile::ScanDone(uint32_t candidates)
{
    if (candidates > 0)
    {
        MarkEvent(HandoffEvent::ScanDone);
    }
}

void
RoamingMobile::Associated(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    m_bssid = bssid;
    m_associated = true;
    m_portOpen = false;
    if (m_rssiPolicy)
    {
        m_rssiPolicy->Associated(bssid);
    }
    if (m_recorder)
    {
        m_recorder->SetTargetAp(m_index, m_recorder->FindAp(bssid));
        MarkEvent(HandoffEvent::Associated);
    }
    roamsec::SupplicantConfig config;
    config.aa = ToCoreMac(bssid);
    config.spa = ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress()));
    config.staRsne = m_requestRsne.empty() ? RoamingAccessPoint::DefaultRsne() : m_requestRsne;
    config.apRsne = RoamingAccessPoint::DefaultRsne();
    RetireHandshake();
    m_rsn = std::make_unique<roamsec::Supplicant>(config, m_rng);
    const roamsec::PmksaEntry* cached = nullptr;
    if (m_methodImpl->UsesPmkCaching())
    {
        cached = m_pmksa->FindByAddresses(config.aa, config.spa, ToCoreTime(Simulator::Now()));
        if (cached == nullptr && m_recorder && m_everAssociated)
        {
            m_recorder->SetFallback(m_index);
        }
    }
    if (cached != nullptr)
    {
        m_rsn->SetPmk(cached->pmk);
    }
    m_everAssociated = true;
    if (m_methodImpl->AssociationCompleted(bssid))
    {
        // The method installed the keys: no EAP, no 4-way handshake.
        RetireHandshake();
        Simulator::ScheduleNow(&RoamingMobile::OpenPort, this);
        return;
    }
    // StaWifiMac fires "Assoc" before it records the association, so a frame sent from
    // inside the trace would be dropped: send once the MAC has finished this event.
    // The PMKIDs for a cached PMKSA went in the RSNE of the (re)association request.
    m_startsSent = 0;
    m_authRestarts = 0;
    m_lastRefusal.clear();
    Simulator::ScheduleNow(&RoamingMobile::SendStart, this);
    m_authWatchdog.Cancel();
    m_authWatchdog = Simulator::Schedule(m_authTimeout, &RoamingMobile::AuthTimedOut, this);
}

void
RoamingMobile::AuthTimedOut()
{
    // An authentication whose messages were lost for good (retries exhausted on a busy
    // channel) would leave the station associated with its port closed until the next
    // roam: start it again, as a supplicant does after a failed handshake.
    if (!m_associated || m_portOpen)
    {
        return;
    }
    if (m_authRestarts >= m_maxStarts)
    {
        // Still no open port: the AP may have dropped the station without the station
        // hearing it (a lost Deauthentication), so its EAPOL frames go nowhere. Leave and
        // associate again, as a supplicant reconnects after an authentication timeout.
        NS_LOG_INFO("mobile " << m_index << ": " << m_authRestarts
                              << " 802.1X restarts without an open port at " << m_bssid
                              << ", associating again");
        LeaveAndStartAgain(m_bssid, "auth-timeout");
        return;
    }
    m_authRestarts++;
    NS_LOG_INFO("mobile " << m_index << ": no open port at " << m_bssid << ", restarting 802.1X");
    if (m_recorder)
    {
        m_recorder->NoteRestart(m_index);
    }
    roamsec::SupplicantConfig config;
    config.aa = ToCoreMac(m_bssid);
    config.spa = ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress()));
    config.staRsne = m_requestRsne.empty() ? RoamingAccessPoint::DefaultRsne() : m_requestRsne;
    config.apRsne = RoamingAccessPoint::DefaultRsne();
    RetireHandshake();
    m_rsnTimer.Cancel();
    m_rsn = std::make_unique<roamsec::Supplicant>(config, m_rng);
    m_eap->Reset();
    m_startsSent = 0;
    SendStart();
    m_authWatchdog = Simulator::Schedule(m_authTimeout, &RoamingMobile::AuthTimedOut, this);
}

void
RoamingMobile::SendStart()
{
    // 802.1X-2010 8.5.4 (startWhen, maxStart): repeat EAPOL-Start until the
    // authenticator answers, a few times.
    m_startTimer.Cancel();
    if (!m_associated || m_portOpen || m_startsSent >= m_maxStarts)
    {
        return;
    }
    m_startsSent++;
    SendEapol(static_cast<uint8_t>(roamsec::EapolType::Start), roamsec::Bytes{});
    m_startTimer = Simulator::Schedule(m_startPeriod, &RoamingMobile::SendStart, this);
}

void
RoamingMobile::SendEapol(uint8_t type, const roamsec::Bytes& body)
{
    roamsec::EapolFrame frame;
    frame.version = 2;
    frame.type = type;
    frame.body = body;
    roamsec::Bytes pdu = roamsec::EncodeEapol(frame);
    if (m_recorder)
    {
        m_recorder->RecordSent(m_index, RoamingLink::Air, "mobile", ApName(m_bssid), pdu.size(),
                               [&pdu]() { return roamsec::DescribeEapol(pdu); });
    }
    m_wifi->Send(SecurityFramePacket(pdu), m_bssid, roamsec::kEtherTypeEapol);
}

void
RoamingMobile::ReceiveEapol(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                            const Address& from, const Address& to, NetDevice::PacketType type)
{
    roamsec::Bytes pdu = PacketBytes(packet);
    if (!PassesAttacker(protocol, from, pdu))
    {
        return;
    }
    if (!m_associated || Mac48Address::ConvertFrom(from) != m_bssid)
    {
        CountDroppedFrame("eapol:not-from-current-ap");
        return;
    }
    roamsec::EapolFrame frame;
    try
    {
        frame = roamsec::DecodeEapol(pdu);
    }
    catch (const roamsec::ParseError&)
    {
        CountDroppedFrame("eapol:malformed");
        return;
    }
    m_startTimer.Cancel(); // the authenticator has answered
    if (frame.type == static_cast<uint8_t>(roamsec::EapolType::EapPacket))
    {
        HandleEap(frame.body);
    }
    else if (frame.type == static_cast<uint8_t>(roamsec::EapolType::Key) && m_rsn)
    {
        roamsec::RsnCounters before = m_rsn->GetCounters();
        roamsec::HandshakeOutput out = m_rsn->Receive(pdu, ToCoreTime(Simulator::Now()));
        CountRsnRejections(before);
        ApplyHandshakeOutput(out);
    }
    else
    {
        CountDroppedFrame("eapol:unexpected-type");
    }
}

void
RoamingMobile::HandleEap(const roamsec::Bytes& eap)
{
    MarkEvent(HandoffEvent::EapStart);
    auto packet = roamsec::EapPacket::Parse(eap);
    if (!packet)
    {
        CountDroppedFrame("eap:malformed");
        return;
    }
    // The method may run its own EAP method (delegated: EAP-TSK); the rest is EAP-AKA.
    if (m_methodImpl->HandleEap(*packet, eap))
    {
        return;
    }
    roamsec::EapAkaPeerOutput out = m_eap->Receive(eap);
    if (out.send)
    {
        SendEapol(static_cast<uint8_t>(roamsec::EapolType::EapPacket), *out.send);
    }
    if (!out.refusalReason.empty())
    {
        ReportRefusal("eap-aka:" + out.refusalReason);
    }
    switch (out.event)
    {
        case roamsec::EapAkaPeerOutput::Event::Success:
            EapSucceeded(m_eap->Msk());
            m_eap->Reset();
            break;
        case roamsec::EapAkaPeerOutput::Event::Failure:
            EapFailed();
            m_eap->Reset();
            break;
        case roamsec::EapAkaPeerOutput::Event::Discarded:
            CountDroppedFrame("eap-aka:" + out.discardReason);
            break;
        case roamsec::EapAkaPeerOutput::Event::None:
            break;
    }
}

roamsec::EapAkaProfile
RoamingMobile::EapProfile() const
{
    return m_profile == Rfc4187 ? roamsec::EapAkaProfile::Rfc4187 : roamsec::EapAkaProfile::Draft04;
}

std::string
RoamingMobile::ApName(Mac48Address bssid) const
{
    return "ap-" + std::to_string(m_recorder ? m_recorder->FindAp(bssid) : -1);
}

void
RoamingMobile::EapSucceeded(const roamsec::Bytes& msk)
{
    if (msk.size() < 32)
    {
        // GSM-compatible mode (draft section 10) derives no MSK: nothing to key the RSN with.
        ReportRefusal("eap-aka:no-msk");
        EapFailed();
        return;
    }
    MarkEvent(HandoffEvent::EapDone);
    m_eapSuccessTrace(m_bssid);
    m_methodImpl->FullAuthenticationSucceeded(m_bssid, msk);
    roamsec::Bytes pmk = roamsec::PmkFromMsk(msk);
    m_pmksa->Add(pmk, ToCoreMac(m_bssid),
                 ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress())),
                 ToCoreTime(m_pmkLifetime), ToCoreTime(Simulator::Now()));
    if (m_rsn)
    {
        // After an initial mobility domain association the 4-way handshake is FT's.
        if (auto ft = m_methodImpl->FourWayKeys(m_bssid))
        {
            m_rsn->SetFtPmkR1(*ft);
        }
        else
        {
            m_rsn->SetPmk(pmk);
        }
    }
}

void
RoamingMobile::EapFailed()
{
    NS_LOG_INFO("mobile " << m_index << ": EAP failure at " << m_bssid);
    m_eapFailureTrace(m_bssid);
    if (m_recorder)
    {
        m_recorder->NoteFailure(m_index,
                                m_lastRefusal.empty() ? "eap-failure"
                                                      : "eap-failure after " + m_lastRefusal);
    }
}

void
RoamingMobile::ApplyHandshakeOutput(const roamsec::HandshakeOutput& out)
{
    for (const auto& frame : out.frames)
    {
        if (m_recorder)
        {
            m_recorder->RecordSent(m_index, RoamingLink::Air, "mobile", ApName(m_bssid),
                                   frame.size(),
                                   [&frame]() { return roamsec::DescribeEapol(frame); });
        }
        m_wifi->Send(SecurityFramePacket(frame), m_bssid, roamsec::kEtherTypeEapol);
    }
    bool ptk = false;
    bool gtk = false;
    for (const auto& event : out.events)
    {
        ptk |= event.type == roamsec::RsnEvent::Type::PtkInstalled;
        gtk |= event.type == roamsec::RsnEvent::Type::GtkInstalled;
    }
    if (ptk)
    {
        MarkEvent(HandoffEvent::FourWayDone);
    }
    if ((ptk || gtk) && !m_portOpen && m_rsn
        && m_rsn->GetState() == roamsec::Supplicant::State::Established)
    {
        OpenPort();
    }
    ArmRsnTimer();
}

void
RoamingMobile::OpenPort()
{
    if (m_portOpen || !m_associated)
    {
        return;
    }
    m_portOpen = true;
    m_deauthRestarts = 0;
    if (m_port)
    {
        m_port->Authorize(m_bssid);
    }
    MarkEvent(HandoffEvent::PortOpenSta);
    m_portOpenTrace(m_bssid);
    // An ARP Announcement (RFC 5227 3) once the port is open teaches the new AP's bridge
    // and the backhaul where the station now is, and tells the old AP it has left: the
    // job of IEEE 802.11F's Layer 2 Update frame. It goes in message 4's queue (user
    // priority 7): at best effort it could overtake message 4 on a QoS link and be
    // dropped by the AP's still closed port, and the old AP would go on sending to the
    // station it lost.
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    int32_t interface = ipv4 ? ipv4->GetInterfaceForDevice(m_wifi) : -1;
    if (interface >= 0 && ipv4->GetNAddresses(interface) > 0)
    {
        Ipv4Address own = ipv4->GetAddress(interface, 0).GetLocal();
        ArpHeader arp;
        arp.SetRequest(m_wifi->GetAddress(), own, m_wifi->GetBroadcast(), own);
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(arp);
        SocketPriorityTag priority;
        priority.SetPriority(7);
        packet->AddPacketTag(priority);
        m_wifi->Send(packet, m_wifi->GetBroadcast(), ArpL3Protocol::PROT_NUMBER);
    }
}

void
RoamingMobile::ArmRsnTimer()
{
    m_rsnTimer.Cancel();
    if (!m_rsn)
    {
        return;
    }
    ArmCoreTimer(m_rsnTimer, m_rsn->NextDeadline(), [this]() { OnRsnTimer(); });
}

void
RoamingMobile::OnRsnTimer()
{
    if (m_rsn)
    {
        ApplyHandshakeOutput(m_rsn->OnTimeout(ToCoreTime(Simulator::Now())));
    }
}

void
RoamingMobile::ReceiveData(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        m_dataPackets++;
        NS_LOG_LOGIC("mobile " << m_index << " data packet via " << m_bssid);
        if (m_recorder && m_associated)
        {
            m_recorder->NotifyDataReceived(m_index, m_recorder->FindAp(m_bssid));
        }
        // The method may prepare the next handoff once this one is over (its costs
        // stay separate).
        if (m_portOpen && !(m_recorder && m_recorder->HasOpenHandoff(m_index)))
        {
            m_methodImpl->HandoffSettled();
        }
    }
}

void
RoamingMobile::SendDs(Mac48Address target, uint16_t etherType, const roamsec::Bytes& payload)
{
    if (payload.empty())
    {
        return;
    }
    if (m_recorder)
    {
        m_recorder->RecordSent(m_index, RoamingLink::Air, "mobile", ApName(target), payload.size(),
                               [&payload]() { return roamsec::DescribePreauth(payload); });
    }
    m_wifi->Send(SecurityFramePacket(payload), target, etherType);
}

void
RoamingMobile::SendManagementFrame(Mac48Address target, WifiMacType type,
                                   const roamsec::Bytes& body)
{
    auto mac = DynamicCast<WifiNetDevice>(m_wifi)->GetMac();
    if (m_recorder)
    {
        bool authentication = type == WIFI_MAC_MGT_AUTHENTICATION;
        m_recorder->RecordSent(m_index, RoamingLink::Air, "mobile", ApName(target), body.size(),
                               [&body, authentication]() {
                                   return roamsec::DescribeFt(body, authentication);
                               });
    }
    WifiMacHeader hdr(type);
    hdr.SetAddr1(target);
    hdr.SetAddr2(mac->GetAddress());
    hdr.SetAddr3(target);
    hdr.SetDsNotFrom();
    hdr.SetDsNotTo();
    compat::QueueManagementFrame(mac, SecurityFramePacket(body), hdr);
}

void
RoamingMobile::ReleaseRequest(Mac48Address bssid)
{
    if (m_elements)
    {
        m_elements->ReleaseHeldRequest(bssid);
    }
}

void
RoamingMobile::RestartAssociation()
{
    // After StaWifiMac has handled the refusal (it stays REFUSED otherwise), and not in
    // the middle of a frame (the ACK of the response): scanning switches channels.
    Ptr<WifiPhy> phy = DynamicCast<WifiNetDevice>(m_wifi)->GetPhy();
    Time wait = phy->IsStateRx() || phy->IsStateTx() ? phy->GetDelayUntilIdle() : Seconds(0);
    Simulator::Schedule(wait, [this]() {
        Ptr<WifiPhy> phy = DynamicCast<WifiNetDevice>(m_wifi)->GetPhy();
        if (phy->IsStateRx() || phy->IsStateTx())
        {
            RestartAssociation();
            return;
        }
        compat::Disassociate(
            DynamicCast<StaWifiMac>(DynamicCast<WifiNetDevice>(m_wifi)->GetMac()));
    });
}

std::string
RoamingMobile::GetSsid() const
{
    SsidValue ssid;
    DynamicCast<WifiNetDevice>(m_wifi)->GetMac()->GetAttribute("Ssid", ssid);
    return ssid.Get().PeekString();
}

bool
RoamingMobile::HoldsRequest(Mac48Address bssid)
{
    return m_methodImpl && m_methodImpl->HoldsRequest(bssid);
}

void
RoamingMobile::BeaconReceived(Mac48Address bssid, const std::vector<uint8_t>& elements)
{
    m_methodImpl->BeaconElements(bssid, roamsec::Bytes(elements.begin(), elements.end()));
}

void
RoamingMobile::PrepareTransition(Mac48Address target, Callback<void> ready)
{
    m_methodImpl->PrepareTransition(target, [ready]() mutable { ready(); });
}

void
RoamingMobile::ReceiveDs(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                         const Address& from, const Address& to, NetDevice::PacketType type)
{
    roamsec::Bytes payload = PacketBytes(packet);
    if (!PassesAttacker(protocol, from, payload))
    {
        return;
    }
    if (!m_methodImpl
        || !m_methodImpl->ReceiveDs(Mac48Address::ConvertFrom(from), protocol, payload))
    {
        CountDroppedFrame("ds:unexpected");
    }
}

std::vector<uint8_t>
RoamingMobile::AssocRequestElements(Mac48Address bssid)
{
    m_methodImpl->PrepareRequest(bssid);
    auto now = ToCoreTime(Simulator::Now());
    // Every (re)association request carries the STA's RSNE (802.11-2016 12.6.3); with
    // PMKSA caching it lists the PMKID held for this AP (12.6.10.3). The same RSNE goes
    // into 4-way message 2, where the AP compares the two.
    if (auto methodRsne = m_methodImpl->RequestRsne(bssid))
    {
        m_requestRsne = *methodRsne; // e.g. FT: its AKM and PMKR1Name, under the FTE's MIC
    }
    else
    {
        roamsec::RsnElement rsne;
        if (m_methodImpl->UsesPmkCaching() && m_pmksa)
        {
            const roamsec::PmksaEntry* cached = m_pmksa->FindByAddresses(
                ToCoreMac(bssid), ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress())),
                now);
            if (cached != nullptr)
            {
                rsne.pmkids.push_back(cached->pmkid);
            }
        }
        m_requestRsne = roamsec::EncodeRsne(rsne);
    }
    roamsec::Bytes elements = m_requestRsne;
    roamsec::Bytes extra = m_methodImpl->RequestElements(bssid);
    elements.insert(elements.end(), extra.begin(), extra.end());
    return elements;
}

void
RoamingMobile::AssocResponseReceived(const RoamingAssocFrame& frame)
{
    ApplyNeighborReport(frame);
    m_methodImpl->ResponseReceived(frame);
}

Mac48Address
RoamingMobile::GetOwnAddress() const
{
    return Mac48Address::ConvertFrom(m_wifi->GetAddress());
}

Mac48Address
RoamingMobile::GetCurrentBssid() const
{
    return m_bssid;
}

roamsec::RandomSource&
RoamingMobile::GetRandom()
{
    return m_rng;
}

roamsec::Usim&
RoamingMobile::GetUsim()
{
    return *m_usim;
}

roamsec::PmksaCache&
RoamingMobile::GetPmksa()
{
    return *m_pmksa;
}

roamsec::EapAkaPeerConfig
RoamingMobile::GetPeerConfig() const
{
    roamsec::EapAkaPeerConfig config;
    config.profile = EapProfile();
    config.imsi = m_imsi;
    config.realm.realmOverride = m_realm;
    config.allowGsmMode = m_allowGsmMode;
    config.refusePermanentIdentity = m_refusePermanentIdentity;
    return config;
}

const roamsec::Bytes&
RoamingMobile::GetSubscriberKey() const
{
    return m_k;
}

bool
RoamingMobile::GetHostChallenge() const
{
    return m_hostChallenge;
}

Time
RoamingMobile::GetPmkLifetime() const
{
    return m_pmkLifetime;
}

std::vector<Mac48Address>
RoamingMobile::GetNeighbors(Mac48Address bssid) const
{
    auto it = m_neighbors.find(bssid);
    return it == m_neighbors.end() ? std::vector<Mac48Address>{} : it->second;
}

void
RoamingMobile::CountDroppedFrame(const std::string& check)
{
    m_droppedEapol++;
    ReportRefusal(check);
}

void
RoamingMobile::ReportRefusal(const std::string& check)
{
    m_lastRefusal = check;
    m_refusalTrace(check);
    if (m_recorder)
    {
        m_recorder->NoteFailure(m_index, check);
    }
}

void
RoamingMobile::SetLabAttacker(Ptr<RoamingLabAttacker> attacker)
{
    m_attacker = attacker;
}

bool
RoamingMobile::PassesAttacker(uint16_t etherType, const Address& from, roamsec::Bytes& pdu)
{
    if (!m_attacker)
    {
        return true;
    }
    Mac48Address ap = Mac48Address::ConvertFrom(from);
    RoamingLabAttacker::Frame frame{RoamingLabAttacker::ToMobile,
                                    m_index,
                                    m_recorder ? m_recorder->FindAp(ap) : -1,
                                    etherType,
                                    std::move(pdu),
                                    nullptr,
                                    Mac48Address::ConvertFrom(m_wifi->GetAddress())};
    bool passes = m_attacker->Intercept(frame);
    pdu = std::move(frame.pdu);
    return passes;
}

void
RoamingMobile::CountRsnRejections(const roamsec::RsnCounters& before)
{
    const roamsec::RsnCounters& after = m_rsn->GetCounters();
    if (after.malformed > before.malformed)
    {
        m_refusalTrace("eapol-key:malformed");
    }
    if (after.replayed > before.replayed)
    {
        m_refusalTrace("eapol-key:replayed");
    }
    if (after.micFailures > before.micFailures)
    {
        m_refusalTrace("eapol-key:mic-failure");
    }
    if (after.unexpected > before.unexpected)
    {
        m_refusalTrace("eapol-key:unexpected");
    }
}

void
RoamingMobile::MarkFallback()
{
    if (m_recorder)
    {
        m_recorder->SetFallback(m_index);
    }
}

const char*
RoamingPolicyName(RoamingMobile::Policy policy)
{
    return policy == RoamingMobile::Rssi ? "rssi" : "missed-beacons";
}

const char*
RoamingScanTypeName(RoamingMobile::ScanType scan)
{
    switch (scan)
    {
    case RoamingMobile::ActiveScan:
        return "active";
    case RoamingMobile::NeighborReportScan:
        return "neighbour-report";
    default:
        return "passive";
    }
}

} // namespace ns3
