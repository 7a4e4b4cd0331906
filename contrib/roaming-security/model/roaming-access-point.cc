/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-access-point.h"

#include "dot1x-controlled-port.h"
#include "ns3/boolean.h"
#include "ns3/eapol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/ns3-compat.h"
#include "ns3/message-describer.h"
#include "ns3/okc-key-store.h"
#include "ns3/ssid.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/preassoc-ptk.h"
#include "ap-method-fast-transition.h"
#include "ap-method-okc.h"
#include "ap-method-preassoc-ptk.h"
#include "ns3/rsn-keys.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-remote-station-manager.h"
#include "roaming-assoc-elements.h"
#include "roaming-lab-attacker.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingAccessPoint");
NS_OBJECT_ENSURE_REGISTERED(RoamingAccessPoint);

/** Stations announce their move with ARP (see RoamingMobile::OpenPort). */
static constexpr uint16_t kLayer2UpdateProtocol = 0x0806;

/** \return a handshake failure as a word for the handoff record's outcome */
static std::string
RsnFailureName(roamsec::RsnFailure failure)
{
    switch (failure)
    {
        case roamsec::RsnFailure::PairwiseTimeout:
            return "4way:timeout";
        case roamsec::RsnFailure::GroupTimeout:
            return "group-key:timeout";
        case roamsec::RsnFailure::RsneMismatch:
            return "4way:rsne-mismatch";
        case roamsec::RsnFailure::NoPmk:
            return "4way:no-pmk";
        case roamsec::RsnFailure::SupplicantTimeout:
            return "4way:supplicant-timeout";
    }
    return "4way:failed";
}

TypeId
RoamingAccessPoint::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingAccessPoint")
              .SetParent<Application>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<RoamingAccessPoint>()
              .AddAttribute("AaaPort", "UDP port of the visited AAA (RADIUS authentication)",
                            UintegerValue(1812),
                            MakeUintegerAccessor(&RoamingAccessPoint::m_aaaPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("NasIdentifier",
                            "NAS-Identifier sent in every Access-Request (default: ap-<index>)",
                            StringValue(""),
                            MakeStringAccessor(&RoamingAccessPoint::m_nasIdentifier),
                            MakeStringChecker())
              .AddAttribute(
                  "PmkLifetime", "Lifetime of a PMKSA cache entry (dot11RSNAConfigPMKLifetime)",
                  TimeValue(Seconds(43200)), MakeTimeAccessor(&RoamingAccessPoint::m_pmkLifetime),
                  MakeTimeChecker(Seconds(1)))
              .AddAttribute("PmksaCacheSize", "Maximum PMKSA cache entries before LRU eviction",
                            UintegerValue(256),
                            MakeUintegerAccessor(&RoamingAccessPoint::m_pmksaCapacity),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute(
                  "EapolRetransmitTimeout",
                  "EAPOL-Key retransmission timeout (dot11RSNAConfigPairwiseUpdateTimeout; "
                  "hostapd's 1 s rather than the MIB's 100 ms, which a loaded cell's queueing "
                  "delay alone exceeds)",
                  TimeValue(Seconds(1)), MakeTimeAccessor(&RoamingAccessPoint::m_eapolRetransmit),
                  MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("EapRetransmitTimeout",
                            "Wait for the station's EAP Response before sending the Request again",
                            TimeValue(Seconds(1)),
                            MakeTimeAccessor(&RoamingAccessPoint::m_eapRetransmit),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("EapMaxRetransmissions",
                            "EAP Request retransmissions before the authentication fails",
                            UintegerValue(3),
                            MakeUintegerAccessor(&RoamingAccessPoint::m_eapMaxRetransmissions),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("PreassocPtkLifetime",
                            "How long a PTK established over the DS stays usable for reassociation",
                            TimeValue(Seconds(120)),
                            MakeTimeAccessor(&RoamingAccessPoint::m_preassocPtkLifetime),
                            MakeTimeChecker(Seconds(1)))
              .AddAttribute("MobilityDomain",
                            "MDID of the AP's IEEE 802.11r mobility domain (its MDE in Beacons, "
                            "FT key holders); 0: no FT (ft-over-ds and ft-over-air need it)",
                            UintegerValue(0),
                            MakeUintegerAccessor(&RoamingAccessPoint::m_mobilityDomain),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("FtOverDs",
                            "The MDE's FT-over-DS bit: FT Requests through another AP are answered",
                            BooleanValue(true),
                            MakeBooleanAccessor(&RoamingAccessPoint::m_ftOverDs),
                            MakeBooleanChecker())
              .AddAttribute("FtReassociationDeadline",
                            "dot11FTReassociationDeadline: an FT exchange not followed by the "
                            "reassociation within it is forgotten (1000 TUs)",
                            TimeValue(MicroSeconds(1024000)),
                            MakeTimeAccessor(&RoamingAccessPoint::m_ftReassociationDeadline),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("DeauthenticateOnFailure",
                            "Send a Deauthentication to a station whose 4-way handshake or 802.1X "
                            "authentication the AP gave up on (reason 15, 16, 17 or 23) and forget "
                            "it, as hostapd does; false: only report the failure (AuthFailed) and "
                            "leave the station associated with its port closed",
                            BooleanValue(true),
                            MakeBooleanAccessor(&RoamingAccessPoint::m_deauthOnFailure),
                            MakeBooleanChecker())
              .AddAttribute("DeauthenticationDelay",
                            "From giving up to sending the Deauthentication (lets an EAP-Failure "
                            "reach the station first, like hostapd's delayed disconnect)",
                            TimeValue(MilliSeconds(10)),
                            MakeTimeAccessor(&RoamingAccessPoint::m_deauthDelay),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("PortOpen",
                              "The controlled port of a station opened (PTK and GTK installed)",
                              MakeTraceSourceAccessor(&RoamingAccessPoint::m_portOpenTrace),
                              "ns3::Mac48Address::TracedCallback")
              .AddTraceSource("AuthFailed",
                              "Authentication of a station failed (station, reason code)",
                              MakeTraceSourceAccessor(&RoamingAccessPoint::m_authFailedTrace),
                              "ns3::RoamingAccessPoint::AuthFailedCallback")
              .AddTraceSource("SecurityRefusal",
                              "A security check of the AP failed on a frame from a station "
                              "(station, the check)",
                              MakeTraceSourceAccessor(&RoamingAccessPoint::m_refusalTrace),
                              "ns3::RoamingAccessPoint::RefusalCallback")
              .AddTraceSource("Deauthenticated",
                              "The AP sent a Deauthentication to a station it gave up on "
                              "(station, reason code)",
                              MakeTraceSourceAccessor(&RoamingAccessPoint::m_deauthTrace),
                              "ns3::RoamingAccessPoint::AuthFailedCallback");
    return tid;
}

void
RoamingAccessPoint::CountDroppedFrame(Mac48Address sta, const std::string& check)
{
    m_droppedEapol++;
    ReportRefusal(sta, check);
}

void
RoamingAccessPoint::ReportRefusal(Mac48Address sta, const std::string& check)
{
    m_refusalTrace(sta, check);
    int64_t mobile = MobileOf(sta);
    if (mobile >= 0)
    {
        m_recorder->NoteFailure(static_cast<uint32_t>(mobile),
                                "ap-" + std::to_string(m_apIndex) + " " + check);
    }
}

void
RoamingAccessPoint::SetFtKeyHolders(const std::map<Mac48Address, roamsec::Bytes>& r1khKeys,
                                    const std::map<std::string, roamsec::Bytes>& r0khKeys)
{
    m_ftR1khKeys = r1khKeys;
    m_ftR0khKeys = r0khKeys;
}

uint16_t
RoamingAccessPoint::GetMobilityDomain() const
{
    return m_mobilityDomain;
}

std::string
RoamingAccessPoint::GetNasIdentifier() const
{
    return m_nasIdentifier.empty() ? "ap-" + std::to_string(m_apIndex) : m_nasIdentifier;
}

void
RoamingAccessPoint::SetOkcKeyStore(std::shared_ptr<roamsec::OkcKeyStore> store)
{
    m_okc = std::move(store);
}

void
RoamingAccessPoint::SetLabAttacker(Ptr<RoamingLabAttacker> attacker)
{
    m_attacker = attacker;
}

bool
RoamingAccessPoint::PassesAttacker(uint16_t etherType, Mac48Address sta, roamsec::Bytes& pdu)
{
    if (!m_attacker)
    {
        return true;
    }
    int64_t mobile = MobileOf(sta);
    RoamingLabAttacker::Frame frame{RoamingLabAttacker::ToAp,
                                    static_cast<uint32_t>(mobile < 0 ? 0 : mobile),
                                    m_apIndex,
                                    etherType,
                                    std::move(pdu),
                                    m_wifi,
                                    sta};
    bool passes = m_attacker->Intercept(frame);
    pdu = std::move(frame.pdu);
    return passes;
}

RoamingAccessPoint::RoamingAccessPoint() = default;
RoamingAccessPoint::~RoamingAccessPoint() = default;

void
RoamingAccessPoint::SetWifiDevice(Ptr<NetDevice> wifi)
{
    m_wifi = wifi;
}

void
RoamingAccessPoint::SetBackhaulDevice(Ptr<NetDevice> bridge)
{
    m_backhaul = bridge;
}

void
RoamingAccessPoint::SetBackhaulPort(Ptr<NetDevice> port)
{
    m_backhaulPort = port;
}

void
RoamingAccessPoint::SetAaa(Ipv4Address aaa, const std::string& secret)
{
    m_aaa = aaa;
    m_secret = secret;
}

void
RoamingAccessPoint::SetRecorder(Ptr<HandoffRecorder> recorder)
{
    m_recorder = recorder;
}

void
RoamingAccessPoint::SetControlledPort(Ptr<Dot1xControlledPort> port)
{
    m_port = port;
}

void
RoamingAccessPoint::SetApIndex(int32_t index)
{
    m_apIndex = index;
}

void
RoamingAccessPoint::SetAssocElements(Ptr<RoamingAssocElements> elements)
{
    m_elements = elements;
}

int64_t
RoamingAccessPoint::AssignStreams(int64_t stream)
{
    m_rng.SetStream(stream);
    return 1;
}

roamsec::Bytes
RoamingAccessPoint::DefaultRsne()
{
    return roamsec::EncodeRsne(roamsec::RsnElement{});
}

roamsec::PmksaCache&
RoamingAccessPoint::GetPmksaCache()
{
    return *m_pmksa;
}

const roamsec::RadiusClientCounters&
RoamingAccessPoint::GetRadiusCounters() const
{
    return m_dot1x->GetRadiusCounters();
}

uint64_t
RoamingAccessPoint::GetDroppedEapolFrames() const
{
    return m_droppedEapol;
}

uint64_t
RoamingAccessPoint::GetDeauthentications() const
{
    return m_deauthentications;
}

void
RoamingAccessPoint::DoDispose()
{
    for (auto& [address, station] : m_stations)
    {
        station.rsnTimer.Cancel();
    }
    m_dot1xTimer.Cancel();
    bool intercepting = false;
    for (auto& method : m_methods)
    {
        method->Stop();
        intercepting |= method->TakesManagementFrames();
    }
    m_methods.clear();
    auto device = DynamicCast<WifiNetDevice>(m_wifi);
    if (intercepting && device && device->GetMac())
    {
        // the MAC outlives this application: frames go straight to it again
        compat::InterceptReceivedFrames(device->GetMac(), compat::ReceivedFrameFilter());
    }
    m_attacker = nullptr;
    m_stations.clear();
    m_wifi = nullptr;
    m_backhaul = nullptr;
    m_port = nullptr;
    m_recorder = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
RoamingAccessPoint::MakeMethods(Ptr<WifiMac> mac)
{
    if (m_mobilityDomain != 0)
    {
        NS_ABORT_MSG_IF(!m_elements, "RoamingAccessPoint " << m_apIndex
                                         << ": MobilityDomain needs the (re)association "
                                            "elements (RoamingSecurityHelper installs them)");
        roamsec::FtAuthenticatorConfig ft;
        ft.bssid = ToCoreMac(GetBssid());
        SsidValue ssid;
        mac->GetAttribute("Ssid", ssid);
        ft.ssid = roamsec::ToBytes(ssid.Get().PeekString());
        ft.mde.mdid = m_mobilityDomain;
        ft.mde.overDs = m_ftOverDs;
        ft.r0khId = roamsec::ToBytes(m_nasIdentifier);
        ft.reassociationDeadline = ToCoreTime(m_ftReassociationDeadline);
        ft.r0KeyLifetime = ToCoreTime(m_pmkLifetime);
        for (const auto& [r1kh, key] : m_ftR1khKeys)
        {
            ft.r1khKeys[ToCoreMac(r1kh)] = key;
        }
        for (const auto& [r0kh, key] : m_ftR0khKeys)
        {
            ft.r0khKeys[roamsec::ToBytes(r0kh)] = key;
        }
        m_methods.push_back(std::make_unique<FtApMethod>(*this, ft));
    }
    m_methods.push_back(std::make_unique<PreassocPtkApMethod>(*this, m_preassocPtkLifetime));
    if (m_okc)
    {
        m_methods.push_back(std::make_unique<OkcApMethod>(*this, m_okc, m_pmkLifetime));
    }
    roamsec::Bytes beacon;
    bool managementFrames = false;
    for (const auto& method : m_methods)
    {
        roamsec::Bytes elements = method->BeaconElements();
        beacon.insert(beacon.end(), elements.begin(), elements.end());
        managementFrames |= method->TakesManagementFrames();
    }
    if (m_elements && !beacon.empty())
    {
        m_elements->SetBeaconElements(std::vector<uint8_t>(beacon.begin(), beacon.end()));
    }
    if (m_elements)
    {
        m_elements->SetAssocResponseStatusProvider(
            MakeCallback(&RoamingAccessPoint::AssocResponseStatus, this));
    }
    if (managementFrames)
    {
        // ns-3's AP MAC has no use for Authentication or FT Action frames (3.37 aborts on
        // both): the methods take them.
        compat::InterceptReceivedFrames(mac,
                                        MakeCallback(&RoamingAccessPoint::ReceiveMacFrame, this));
    }
}

Mac48Address
RoamingAccessPoint::GetBssid() const
{
    return Mac48Address::ConvertFrom(m_wifi->GetAddress());
}

roamsec::RandomSource&
RoamingAccessPoint::GetRandom()
{
    return m_rng;
}

roamsec::PmksaCache&
RoamingAccessPoint::GetPmksa()
{
    return *m_pmksa;
}

const roamsec::GroupKey&
RoamingAccessPoint::GetGroupKey() const
{
    return m_group;
}

void
RoamingAccessPoint::OpenPortFor(Mac48Address sta)
{
    OpenPort(GetStation(sta));
}

void
RoamingAccessPoint::StartApplication()
{
    NS_ABORT_MSG_IF(!m_wifi, "RoamingAccessPoint: no Wi-Fi device set");
    if (m_nasIdentifier.empty())
    {
        m_nasIdentifier = "ap-" + std::to_string(m_apIndex);
    }
    roamsec::Dot1xAuthenticatorConfig dot1x;
    dot1x.secret = roamsec::ToBytes(m_secret);
    dot1x.nasIdentifier = m_nasIdentifier;
    dot1x.nasAddress = ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress()));
    dot1x.eapRetransmitTimeout = ToCoreTime(m_eapRetransmit);
    dot1x.eapMaxRetransmissions = m_eapMaxRetransmissions;
    m_dot1x = std::make_unique<roamsec::Dot1xAuthenticator>(dot1x, m_rng);
    m_pmksa = std::make_unique<roamsec::PmksaCache>(m_pmksaCapacity);
    m_group.gtk = m_rng.Generate(16);
    m_group.keyId = 1;
    Ptr<WifiMac> mac = DynamicCast<WifiNetDevice>(m_wifi)->GetMac();
    mac->TraceConnectWithoutContext("AssociatedSta",
                                    MakeCallback(&RoamingAccessPoint::StaAssociated, this));
    mac->TraceConnectWithoutContext("DeAssociatedSta",
                                    MakeCallback(&RoamingAccessPoint::StaDisassociated, this));
    MakeMethods(mac);
    if (m_elements)
    {
        m_elements->SetAssocResponseElementProvider(
            MakeCallback(&RoamingAccessPoint::AssocResponseElements, this));
        m_elements->SetReceiveCallback(
            MakeCallback(&RoamingAccessPoint::AssocRequestReceived, this));
    }
    if (m_backhaul)
    {
        // Every pre-authentication or method frame over the DS for this AP reaches its
        // bridge: from the backhaul and from a station of this AP alike.
        std::set<uint16_t> etherTypes{roamsec::kEtherTypePreauth};
        for (const auto& method : m_methods)
        {
            for (uint16_t etherType : method->DsEtherTypes())
            {
                etherTypes.insert(etherType);
            }
        }
        for (uint16_t etherType : etherTypes)
        {
            GetNode()->RegisterProtocolHandler(MakeCallback(&RoamingAccessPoint::ReceiveDs, this),
                                               etherType, m_backhaul);
        }
    }
    if (m_backhaulPort)
    {
        GetNode()->RegisterProtocolHandler(
            MakeCallback(&RoamingAccessPoint::ReceiveLayer2Update, this), kLayer2UpdateProtocol,
            m_backhaulPort);
    }
    GetNode()->RegisterProtocolHandler(MakeCallback(&RoamingAccessPoint::ReceiveEapol, this),
                                       roamsec::kEtherTypeEapol, m_wifi);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetRecvCallback(MakeCallback(&RoamingAccessPoint::ReceiveRadius, this));
}

void
RoamingAccessPoint::StopApplication()
{
    m_dot1xTimer.Cancel();
    for (auto& method : m_methods)
    {
        method->Stop();
    }
    for (auto& [address, station] : m_stations)
    {
        station.rsnTimer.Cancel();
    }
    if (m_socket)
    {
        m_socket->Close();
    }
}

int64_t
RoamingAccessPoint::MobileOf(Mac48Address sta) const
{
    return m_recorder ? m_recorder->FindMobile(sta) : -1;
}

RoamingAccessPoint::Station&
RoamingAccessPoint::GetStation(Mac48Address sta)
{
    auto it = m_stations.find(sta);
    if (it == m_stations.end())
    {
        it = m_stations.emplace(sta, Station{}).first;
        it->second.address = sta;
    }
    return it->second;
}

void
RoamingAccessPoint::NotifyOfferedPmkids(Mac48Address sta, const std::vector<roamsec::Bytes>& pmkids)
{
    GetStation(sta).offeredPmkids = pmkids;
}

void
RoamingAccessPoint::NotifyAssociated(Mac48Address sta)
{
    NS_LOG_FUNCTION(this << sta);
    // A new association has no PTKSA (802.11-2016 12.7.1): close the port, wait for EAPOL-Start.
    Station& station = GetStation(sta);
    if (station.portOpen && std::any_of(m_methods.begin(), m_methods.end(),
                                        [sta](const auto& m) { return m->KeysInstalled(sta); }))
    {
        return; // an FT reassociation, its keys in place since the response (ns-3.48 order)
    }
    station.rsnTimer.Cancel();
    station.rsn.reset();
    station.portOpen = false;
    station.viaDs = false;
    if (m_dot1x)
    {
        m_dot1x->Reset(ToCoreMac(sta));
        ArmDot1xTimer();
    }
    if (m_port)
    {
        m_port->Unauthorize(sta);
    }

}

void
RoamingAccessPoint::StartAuthentication(Mac48Address sta)
{
    NS_LOG_FUNCTION(this << sta);
    // EAPOL-Start (re)starts authentication (802.1X-2010 8.4): ns-3's AP does not always
    // report a returning station as newly associated, so reset its state here too.
    std::vector<roamsec::Bytes> offered = GetStation(sta).offeredPmkids;
    NotifyAssociated(sta);
    Station& station = GetStation(sta);
    station.offeredPmkids = offered;
    auto now = ToCoreTime(Simulator::Now());
    roamsec::MacAddr aa = ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress()));
    const roamsec::PmksaEntry* cached
        = station.offeredPmkids.empty()
              ? nullptr
              : m_pmksa->Find(aa, ToCoreMac(sta), station.offeredPmkids, now);
    for (const auto& method : m_methods)
    {
        if (cached != nullptr || station.offeredPmkids.empty())
        {
            break;
        }
        // e.g. opportunistic key caching: a PMK of the domain, named for this AP
        if (auto pmk = method->MatchPmkid(sta, station.offeredPmkids, Simulator::Now()))
        {
            cached = &m_pmksa->Add(*pmk, aa, ToCoreMac(sta), ToCoreTime(m_pmkLifetime), now);
        }
    }
    station.offeredPmkids.clear();
    if (cached != nullptr)
    {
        NS_LOG_INFO("AP " << m_apIndex << ": PMKSA cache hit for " << sta);
        StartFourWay(station, cached->pmk, cached->pmkid);
        return;
    }
    // 802.1X: the authenticator opens with EAP-Request/Identity (RFC 3748 5.1).
    if (MobileOf(sta) >= 0)
    {
        m_recorder->Mark(static_cast<uint32_t>(MobileOf(sta)), HandoffEvent::EapStart);
    }
    ApplyDot1xOutput(m_dot1x->Start(ToCoreMac(sta), now));
}

void
RoamingAccessPoint::StaAssociated(uint16_t aid, Mac48Address sta)
{
    NotifyAssociated(sta);
}

void
RoamingAccessPoint::ReceiveLayer2Update(Ptr<NetDevice> device, Ptr<const Packet> packet,
                                        uint16_t protocol, const Address& from, const Address& to,
                                        NetDevice::PacketType type)
{
    // A station of ours announced itself from the backhaul, i.e. behind another AP (the
    // job of IEEE 802.11F's Layer 2 Update): it has left this BSS, so its port and keys
    // here go (ns-3's AP MAC never times it out).
    Mac48Address sta = Mac48Address::ConvertFrom(from);
    if (m_stations.count(sta) > 0)
    {
        NS_LOG_INFO("AP " << m_apIndex << ": " << sta << " moved to another AP");
        NotifyDisassociated(sta);
    }
}

void
RoamingAccessPoint::StaDisassociated(uint16_t aid, Mac48Address sta)
{
    NotifyDisassociated(sta);
}

void
RoamingAccessPoint::NotifyDisassociated(Mac48Address sta)
{
    auto it = m_stations.find(sta);
    if (it == m_stations.end())
    {
        return;
    }
    it->second.rsnTimer.Cancel();
    if (m_dot1x)
    {
        m_dot1x->Remove(ToCoreMac(sta));
        ArmDot1xTimer();
    }
    if (m_port)
    {
        m_port->Unauthorize(sta);
    }
    for (const auto& method : m_methods)
    {
        method->StationLeft(sta);
    }
    m_stations.erase(it);
}

void
RoamingAccessPoint::SendEapol(Station& station, uint8_t type, const roamsec::Bytes& body)
{
    roamsec::EapolFrame frame;
    frame.version = 2;
    frame.type = type;
    frame.body = body;
    roamsec::Bytes pdu = roamsec::EncodeEapol(frame);
    if (station.viaDs)
    {
        SendDs(station.address, roamsec::kEtherTypePreauth, pdu);
        return;
    }
    int64_t mobile = MobileOf(station.address);
    if (mobile >= 0)
    {
        m_recorder->RecordSent(static_cast<uint32_t>(mobile), RoamingLink::Air,
                               "ap-" + std::to_string(m_apIndex), "mobile", pdu.size(),
                               [&pdu]() { return roamsec::DescribeEapol(pdu); });
    }
    m_wifi->Send(SecurityFramePacket(pdu), station.address, roamsec::kEtherTypeEapol);
}

void
RoamingAccessPoint::SendDs(Mac48Address sta, uint16_t etherType, const roamsec::Bytes& payload)
{
    SendBackhaulFrame(sta, etherType, payload, sta);
}

void
RoamingAccessPoint::SendBackhaulFrame(Mac48Address to, uint16_t etherType,
                                      const roamsec::Bytes& payload, Mac48Address sta)
{
    if (payload.empty() || !m_backhaul)
    {
        return;
    }
    int64_t mobile = MobileOf(sta);
    if (mobile >= 0)
    {
        std::string receiver = to == sta ? "mobile" : "ap-" + std::to_string(m_recorder->FindAp(to));
        // to a station of this AP the bridge sends it on the air, else over the backhaul
        auto own = m_stations.find(to);
        bool air = own != m_stations.end() && own->second.portOpen;
        m_recorder->RecordSent(static_cast<uint32_t>(mobile),
                               air ? RoamingLink::Air : RoamingLink::Backhaul,
                               "ap-" + std::to_string(m_apIndex), receiver, payload.size(),
                               [&payload, etherType]() {
                                   return etherType == roamsec::kEtherTypeRrb
                                              ? roamsec::DescribeFt(payload)
                                              : roamsec::DescribePreauth(payload);
                               });
    }
    // Through the bridge: to another AP, or to the station's current AP, which relays it.
    m_backhaul->Send(SecurityFramePacket(payload), to, etherType);
}

void
RoamingAccessPoint::SendManagementFrame(Mac48Address sta, WifiMacType type,
                                        const roamsec::Bytes& body)
{
    Ptr<WifiMac> mac = DynamicCast<WifiNetDevice>(m_wifi)->GetMac();
    int64_t mobile = MobileOf(sta);
    if (mobile >= 0)
    {
        bool authentication = type == WIFI_MAC_MGT_AUTHENTICATION;
        m_recorder->RecordSent(static_cast<uint32_t>(mobile), RoamingLink::Air,
                               "ap-" + std::to_string(m_apIndex), "mobile", body.size(),
                               [&body, authentication]() {
                                   return roamsec::DescribeFt(body, authentication);
                               });
    }
    WifiMacHeader hdr(type);
    hdr.SetAddr1(sta);
    hdr.SetAddr2(mac->GetAddress());
    hdr.SetAddr3(mac->GetAddress());
    hdr.SetDsNotFrom();
    hdr.SetDsNotTo();
    compat::QueueManagementFrame(mac, SecurityFramePacket(body), hdr);
}

bool
RoamingAccessPoint::ReceiveMacFrame(Ptr<const WifiMpdu> mpdu)
{
    const WifiMacHeader& hdr = mpdu->GetHeader();
    if (!m_wifi || !hdr.IsMgt() || !(hdr.IsAuthentication() || IsFtAction(mpdu))
        || hdr.GetAddr1() != m_wifi->GetAddress())
    {
        return false;
    }
    // ns-3's AP MAC has no use for Authentication frames or FT Action frames (3.37
    // aborts on both): they are the methods'.
    Mac48Address sta = hdr.GetAddr2();
    roamsec::Bytes body = PacketBytes(mpdu->GetPacket());
    for (const auto& method : m_methods)
    {
        if (method->TakesManagementFrames()
            && method->ReceiveManagementFrame(sta, hdr.GetType(), body, Simulator::Now()))
        {
            return true;
        }
    }
    CountDroppedFrame(sta, "management-frame:refused");
    return true;
}

uint16_t
RoamingAccessPoint::AssocResponseStatus(Mac48Address sta)
{
    auto it = m_responseRefusals.find(sta);
    if (it == m_responseRefusals.end())
    {
        return 0;
    }
    uint16_t status = it->second;
    m_responseRefusals.erase(it);
    return status;
}

void
RoamingAccessPoint::ReceiveDs(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                              const Address& from, const Address& to, NetDevice::PacketType type)
{
    Mac48Address sta = Mac48Address::ConvertFrom(from);
    roamsec::Bytes payload = PacketBytes(packet);
    if (!PassesAttacker(protocol, sta, payload))
    {
        return;
    }
    if (payload.empty())
    {
        m_droppedEapol++;
        return;
    }
    auto now = ToCoreTime(Simulator::Now());
    if (protocol != roamsec::kEtherTypePreauth)
    {
        for (const auto& method : m_methods)
        {
            auto types = method->DsEtherTypes();
            if (std::find(types.begin(), types.end(), protocol) != types.end())
            {
                if (!method->ReceiveDs(sta, protocol, payload, Simulator::Now()))
                {
                    CountDroppedFrame(sta, "ds:refused");
                }
                return;
            }
        }
        m_droppedEapol++;
        return;
    }
    // Pre-authentication (802.11-2016 12.6.10.2): EAPOL over the DS.
    roamsec::EapolFrame frame;
    try
    {
        frame = roamsec::DecodeEapol(payload);
    }
    catch (const roamsec::ParseError&)
    {
        m_droppedEapol++;
        return;
    }
    Station& station = GetStation(sta);
    if (frame.type == static_cast<uint8_t>(roamsec::EapolType::Start))
    {
        station.viaDs = true;
        ApplyDot1xOutput(m_dot1x->Start(ToCoreMac(sta), now));
    }
    else if (frame.type == static_cast<uint8_t>(roamsec::EapolType::EapPacket) && station.viaDs)
    {
        ApplyDot1xOutput(m_dot1x->ReceiveEap(ToCoreMac(sta), frame.body, now));
    }
    else
    {
        m_droppedEapol++;
    }
}

void
RoamingAccessPoint::SetNeighborReport(const std::vector<roamsec::NeighborReportEntry>& neighbors)
{
    m_neighborReport.clear();
    for (const auto& entry : neighbors)
    {
        auto element = roamsec::EncodeNeighborReport(entry);
        m_neighborReport.insert(m_neighborReport.end(), element.begin(), element.end());
    }
}

std::vector<uint8_t>
RoamingAccessPoint::AssocResponseElements(Mac48Address sta, const RoamingAssocFrame& request)
{
    // The 802.11k neighbour report rides in every (re)association response (see
    // doc/roaming-policies.rst: not a separate Neighbor Report Response action frame).
    std::vector<uint8_t> out(m_neighborReport.begin(), m_neighborReport.end());
    roamsec::Bytes elements(request.elements.begin(), request.elements.end());
    if (m_attacker)
    {
        int64_t mobile = MobileOf(sta);
        RoamingLabAttacker::Frame frame{RoamingLabAttacker::ToAp,
                                        static_cast<uint32_t>(mobile < 0 ? 0 : mobile),
                                        m_apIndex,
                                        0,
                                        elements,
                                        m_wifi,
                                        sta};
        m_attacker->InterceptReassociation(frame);
        elements = frame.pdu;
    }
    for (const auto& method : m_methods)
    {
        RoamingApMethod::Response part = method->AssociationResponse(sta, elements, Simulator::Now());
        if (part.status != 0)
        {
            m_responseRefusals[sta] = part.status; // AssocResponseStatus puts it in the response
            return {};
        }
        out.insert(out.end(), part.elements.begin(), part.elements.end());
        if (method->KeysInstalled(sta))
        {
            // The method installed PTK and GTK with this exchange (FT): no EAP, no 4-way
            // handshake. The port opens with the response (ns-3 reports a returning
            // station's association not at all, 3.37 before and 3.48 after this response).
            Station& station = GetStation(sta);
            station.rsnTimer.Cancel();
            station.rsn.reset();
            station.viaDs = false;
            if (m_dot1x)
            {
                m_dot1x->Reset(ToCoreMac(sta));
                ArmDot1xTimer();
            }
            OpenPort(station);
        }
    }
    return out;
}

void
RoamingAccessPoint::AssocRequestReceived(const RoamingAssocFrame& frame)
{
    if (!frame.request)
    {
        return;
    }
    // PMKSA caching: the PMKIDs a station offers ride in the RSNE of its request.
    for (const auto& element : RoamingAssocElements::ParseElements(frame.elements))
    {
        if (element.id != roamsec::kElementIdRsn)
        {
            continue;
        }
        roamsec::Bytes raw = {element.id, static_cast<uint8_t>(element.body.size())};
        raw.insert(raw.end(), element.body.begin(), element.body.end());
        try
        {
            NotifyOfferedPmkids(frame.sender, roamsec::DecodeRsne(raw).pmkids);
            GetStation(frame.sender).requestRsne = raw;
        }
        catch (const roamsec::ParseError&)
        {
            m_droppedEapol++;
        }
    }
}

void
RoamingAccessPoint::ReceiveEapol(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                                 const Address& from, const Address& to, NetDevice::PacketType type)
{
    Mac48Address sta = Mac48Address::ConvertFrom(from);
    roamsec::Bytes pdu = PacketBytes(packet);
    if (!PassesAttacker(protocol, sta, pdu))
    {
        return;
    }
    roamsec::EapolFrame frame;
    try
    {
        frame = roamsec::DecodeEapol(pdu);
    }
    catch (const roamsec::ParseError& e)
    {
        NS_LOG_WARN("AP " << m_apIndex << ": malformed EAPOL from " << sta << ": " << e.what());
        m_droppedEapol++;
        return;
    }
    Station& station = GetStation(sta);
    switch (static_cast<roamsec::EapolType>(frame.type))
    {
        case roamsec::EapolType::EapPacket:
            ApplyDot1xOutput(
                m_dot1x->ReceiveEap(ToCoreMac(sta), frame.body, ToCoreTime(Simulator::Now())));
            break;
        case roamsec::EapolType::Start:
            StartAuthentication(sta);
            break;
        case roamsec::EapolType::Logoff:
            NotifyDisassociated(sta);
            break;
        case roamsec::EapolType::Key:
            if (!station.rsn)
            {
                m_droppedEapol++;
                return;
            }
        {
            roamsec::RsnCounters before = station.rsn->GetCounters();
            roamsec::HandshakeOutput out = station.rsn->Receive(pdu, ToCoreTime(Simulator::Now()));
            const roamsec::RsnCounters& after = station.rsn->GetCounters();
            if (after.replayed > before.replayed)
            {
                ReportRefusal(sta, "eapol-key:replayed");
            }
            if (after.micFailures > before.micFailures)
            {
                ReportRefusal(sta, "eapol-key:mic-failure");
            }
            if (after.malformed > before.malformed)
            {
                ReportRefusal(sta, "eapol-key:malformed");
            }
            ApplyHandshakeOutput(station, out);
            break;
        }
        default:
            m_droppedEapol++;
            break;
    }
}

void
RoamingAccessPoint::SendRadius(const roamsec::Bytes& datagram, Mac48Address sta)
{
    int64_t mobile = MobileOf(sta);
    if (mobile >= 0)
    {
        m_recorder->RecordSent(static_cast<uint32_t>(mobile), RoamingLink::Backhaul,
                               "ap-" + std::to_string(m_apIndex), "visited-aaa", datagram.size(),
                               [&datagram]() { return roamsec::DescribeRadius(datagram); });
    }
    m_socket->SendTo(BytesPacket(datagram), 0, InetSocketAddress(m_aaa, m_aaaPort));
}

void
RoamingAccessPoint::ReceiveRadius(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        ApplyDot1xOutput(m_dot1x->ReceiveRadius(PacketBytes(packet), ToCoreTime(Simulator::Now())));
    }
}

void
RoamingAccessPoint::ApplyDot1xOutput(const roamsec::Dot1xOutput& out)
{
    for (const auto& message : out.messages)
    {
        Mac48Address sta = ToNs3Mac(message.sta);
        if (message.to == roamsec::Dot1xMessage::To::Server)
        {
            SendRadius(message.bytes, sta);
            continue;
        }
        auto it = m_stations.find(sta);
        if (it != m_stations.end())
        {
            SendEapol(it->second, static_cast<uint8_t>(roamsec::EapolType::EapPacket),
                      message.bytes);
        }
    }
    for (const auto& event : out.events)
    {
        Mac48Address sta = ToNs3Mac(event.sta);
        switch (event.kind)
        {
            case roamsec::Dot1xEvent::Kind::Authenticated:
            {
                auto it = m_stations.find(sta);
                if (it == m_stations.end())
                {
                    break;
                }
                const auto& entry = m_pmksa->Add(
                    event.pmk, ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress())),
                    event.sta, ToCoreTime(m_pmkLifetime), ToCoreTime(Simulator::Now()));
                roamsec::Bytes msk = roamsec::Concat({event.recvKey, event.sendKey});
                for (const auto& method : m_methods)
                {
                    // MSK = MS-MPPE-Recv-Key || MS-MPPE-Send-Key (RFC 3748 / 2548)
                    method->Authenticated(sta, msk, event.pmk, Simulator::Now());
                }
                if (it->second.viaDs)
                {
                    // Pre-authentication done: the PMKSA waits for the station.
                    it->second.viaDs = false;
                    break;
                }
                StartFourWay(it->second, event.pmk, entry.pmkid);
                break;
            }
            case roamsec::Dot1xEvent::Kind::Failed:
            {
                NS_LOG_INFO("AP " << m_apIndex << ": 802.1X authentication of " << sta
                                  << " failed: " << roamsec::ToString(event.failure));
                m_authFailedTrace(sta, 23); // IEEE 802.1X authentication failed
                auto it = m_stations.find(sta);
                // A pre-authenticating station is not associated here: nothing to deauthenticate.
                if (it != m_stations.end() && !it->second.viaDs)
                {
                    ScheduleDeauthentication(
                        sta, 23, std::string("802.1x:") + roamsec::ToString(event.failure));
                }
                break;
            }
            case roamsec::Dot1xEvent::Kind::EapDiscarded:
                if (event.discard == roamsec::Dot1xDiscard::NoRadiusIdentifier)
                {
                    NS_LOG_WARN("AP " << m_apIndex << ": no free RADIUS identifier");
                }
                else
                {
                    m_droppedEapol++;
                }
                break;
            case roamsec::Dot1xEvent::Kind::RadiusDiscarded:
                NS_LOG_WARN("AP " << m_apIndex << ": RADIUS datagram discarded: "
                                  << roamsec::ToString(event.radiusDiscard));
                break;
        }
    }
    ArmDot1xTimer();
}

void
RoamingAccessPoint::ArmDot1xTimer()
{
    ArmCoreTimer(m_dot1xTimer, m_dot1x->NextDeadline(), [this]() { OnDot1xTimer(); });
}

void
RoamingAccessPoint::OnDot1xTimer()
{
    ApplyDot1xOutput(m_dot1x->OnTimeout(ToCoreTime(Simulator::Now())));
}

void
RoamingAccessPoint::StartFourWay(Station& station, const roamsec::Bytes& pmk,
                                 const roamsec::Bytes& pmkid)
{
    roamsec::AuthenticatorConfig config;
    config.aa = ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress()));
    config.spa = ToCoreMac(station.address);
    config.apRsne = DefaultRsne();
    // Message 2 must repeat the RSNE of the station's (re)association request.
    config.staRsne = station.requestRsne.empty() ? DefaultRsne() : station.requestRsne;
    config.retransmitTimeout = ToCoreTime(m_eapolRetransmit);
    station.rsn = std::make_unique<roamsec::Authenticator>(config, m_rng);
    for (const auto& method : m_methods)
    {
        if (auto ft = method->FourWayKeys(station.address))
        {
            ApplyHandshakeOutput(station,
                                 station.rsn->StartFt(*ft, m_group, ToCoreTime(Simulator::Now())));
            return;
        }
    }
    ApplyHandshakeOutput(station,
                         station.rsn->Start(pmk, m_group, ToCoreTime(Simulator::Now()), pmkid));
}

void
RoamingAccessPoint::ApplyHandshakeOutput(Station& station, const roamsec::HandshakeOutput& out)
{
    for (const auto& frame : out.frames)
    {
        // The core returns whole EAPOL PDUs for key frames.
        int64_t mobile = MobileOf(station.address);
        if (mobile >= 0)
        {
            m_recorder->RecordSent(static_cast<uint32_t>(mobile), RoamingLink::Air,
                                   "ap-" + std::to_string(m_apIndex), "mobile", frame.size(),
                                   [&frame]() { return roamsec::DescribeEapol(frame); });
        }
        m_wifi->Send(SecurityFramePacket(frame), station.address, roamsec::kEtherTypeEapol);
    }
    bool ptk = false;
    for (const auto& event : out.events)
    {
        switch (event.type)
        {
            case roamsec::RsnEvent::Type::PtkInstalled:
                ptk = true;
                break;
            case roamsec::RsnEvent::Type::GtkInstalled:
                break;
            case roamsec::RsnEvent::Type::HandshakeFailed:
                m_authFailedTrace(station.address, event.reasonCode);
                break;
            case roamsec::RsnEvent::Type::Deauthenticate:
                ScheduleDeauthentication(station.address, event.reasonCode,
                                         RsnFailureName(event.failure));
                break;
        }
    }
    if (ptk && !station.portOpen)
    {
        OpenPort(station);
    }
    ArmRsnTimer(station);
}

void
RoamingAccessPoint::OpenPort(Station& station)
{
    station.portOpen = true;
    if (m_port)
    {
        m_port->Authorize(station.address);
    }
    int64_t mobile = MobileOf(station.address);
    if (mobile >= 0)
    {
        m_recorder->Mark(static_cast<uint32_t>(mobile), HandoffEvent::PortOpenAp);
    }
    m_portOpenTrace(station.address);
}

void
RoamingAccessPoint::ScheduleDeauthentication(Mac48Address sta, uint16_t reason,
                                             const std::string& why)
{
    if (!m_deauthOnFailure)
    {
        return;
    }
    // Later, not from inside the handshake or 802.1X output being applied: the station's
    // state goes with the Deauthentication.
    Simulator::Schedule(m_deauthDelay, &RoamingAccessPoint::Deauthenticate, this, sta, reason, why);
}

void
RoamingAccessPoint::Deauthenticate(Mac48Address sta, uint16_t reason, const std::string& why)
{
    auto it = m_stations.find(sta);
    if (it == m_stations.end() || it->second.portOpen)
    {
        return; // the station left or authenticated meanwhile
    }
    NS_LOG_INFO("AP " << m_apIndex << ": deauthenticating " << sta << ", reason " << reason << " ("
                      << why << ")");
    m_deauthentications++;
    int64_t mobile = MobileOf(sta);
    if (mobile >= 0)
    {
        // Only when nothing more precise was seen (a failed check names the cause).
        m_recorder->NoteGiveUp(static_cast<uint32_t>(mobile),
                               "ap-" + std::to_string(m_apIndex) + " " + why);
    }
    // A Deauthentication frame (IEEE 802.11-2020 9.3.3.12): the reason code is its body.
    Ptr<WifiMac> mac = DynamicCast<WifiNetDevice>(m_wifi)->GetMac();
    WifiMacHeader hdr;
    hdr.SetType(WIFI_MAC_MGT_DEAUTHENTICATION);
    hdr.SetAddr1(sta);
    hdr.SetAddr2(mac->GetAddress());
    hdr.SetAddr3(mac->GetAddress());
    hdr.SetDsNotFrom();
    hdr.SetDsNotTo();
    uint8_t body[2] = {static_cast<uint8_t>(reason & 0xff), static_cast<uint8_t>(reason >> 8)};
    compat::QueueManagementFrame(mac, Create<Packet>(body, sizeof(body)), hdr);
    // ApWifiMac has no call for this: marking the station disassociated in the remote
    // station manager stops the AP forwarding its data until it associates again (ns-3
    // does the same after refusing an association). The AID stays allocated in the AP's
    // list until then (see doc/dot1x.rst).
    mac->GetWifiRemoteStationManager()->RecordDisassociated(sta);
    m_deauthTrace(sta, reason);
    NotifyDisassociated(sta);
}

void
RoamingAccessPoint::ArmRsnTimer(Station& station)
{
    station.rsnTimer.Cancel();
    if (!station.rsn)
    {
        return;
    }
    Mac48Address sta = station.address;
    ArmCoreTimer(station.rsnTimer, station.rsn->NextDeadline(), [this, sta]() { OnRsnTimer(sta); });
}

void
RoamingAccessPoint::OnRsnTimer(Mac48Address sta)
{
    auto it = m_stations.find(sta);
    if (it == m_stations.end() || !it->second.rsn)
    {
        return;
    }
    ApplyHandshakeOutput(it->second, it->second.rsn->OnTimeout(ToCoreTime(Simulator::Now())));
}

} // namespace ns3
