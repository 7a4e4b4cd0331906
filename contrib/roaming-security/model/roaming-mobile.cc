/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-mobile.h"

#include "dot1x-controlled-port.h"
#include "roaming-access-point.h"

#include "ns3/eap-aka-peer.h"
#include "ns3/eap-packet.h"
#include "ns3/eapol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/rsn-keys.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RoamingMobile");
NS_OBJECT_ENSURE_REGISTERED(RoamingMobile);

const char*
RoamingMethodName(RoamingMethod method)
{
    switch (method)
    {
    case RoamingMethod::FullEap:
        return "full-eap";
    case RoamingMethod::CachedPmk:
        return "cached-pmk";
    case RoamingMethod::PreAssociationPtk:
        return "pre-association-ptk";
    }
    return "?";
}

bool
ParseRoamingMethod(const std::string& text, RoamingMethod& method)
{
    for (auto m : {RoamingMethod::FullEap, RoamingMethod::CachedPmk, RoamingMethod::PreAssociationPtk})
    {
        if (text == RoamingMethodName(m))
        {
            method = m;
            return true;
        }
    }
    return false;
}

TypeId
RoamingMobile::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RoamingMobile")
            .SetParent<Application>()
            .SetGroupName("RoamingSecurity")
            .AddConstructor<RoamingMobile>()
            .AddAttribute("Method",
                          "Handoff method: full-eap, cached-pmk or pre-association-ptk",
                          StringValue("full-eap"),
                          MakeStringAccessor(&RoamingMobile::m_methodName),
                          MakeStringChecker())
            .AddAttribute("Realm",
                          "NAI realm of the subscriber's home domain (empty: derived from the IMSI)",
                          StringValue(""),
                          MakeStringAccessor(&RoamingMobile::m_realm),
                          MakeStringChecker())
            .AddAttribute("Profile",
                          "EAP-AKA profile: draft (draft-arkko-pppext-eap-aka-04) or rfc4187",
                          StringValue("draft"),
                          MakeStringAccessor(&RoamingMobile::m_profile),
                          MakeStringChecker())
            .AddAttribute("DataPort",
                          "UDP port on which the mobile receives the correspondent's data flow",
                          UintegerValue(9),
                          MakeUintegerAccessor(&RoamingMobile::m_dataPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("PmkLifetime",
                          "Lifetime of the mobile's PMKSA cache entries",
                          TimeValue(Seconds(43200)),
                          MakeTimeAccessor(&RoamingMobile::m_pmkLifetime),
                          MakeTimeChecker(Seconds(1)))
            .AddTraceSource("PortOpen",
                            "The mobile's controlled port opened at an AP (BSSID)",
                            MakeTraceSourceAccessor(&RoamingMobile::m_portOpenTrace),
                            "ns3::Mac48Address::TracedCallback")
            .AddTraceSource("EapSuccess",
                            "EAP authentication succeeded through an AP (BSSID)",
                            MakeTraceSourceAccessor(&RoamingMobile::m_eapSuccessTrace),
                            "ns3::Mac48Address::TracedCallback")
            .AddTraceSource("EapFailure",
                            "EAP authentication failed through an AP (BSSID)",
                            MakeTraceSourceAccessor(&RoamingMobile::m_eapFailureTrace),
                            "ns3::Mac48Address::TracedCallback");
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
RoamingMobile::SetCredentials(const std::string& imsi,
                              const roamsec::Bytes& k,
                              const roamsec::Bytes& opc)
{
    m_imsi = imsi;
    m_k = k;
    m_opc = opc;
}

int64_t
RoamingMobile::AssignStreams(int64_t stream)
{
    m_rng.SetStream(stream);
    return 1;
}

RoamingMethod
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
    return m_droppedEapol + (m_rsn ? m_rsn->GetCounters().replayed + m_rsn->GetCounters().micFailures
                                   : 0);
}

uint64_t
RoamingMobile::GetReceivedDataPackets() const
{
    return m_dataPackets;
}

std::vector<roamsec::Bytes>
RoamingMobile::GetPmkidsFor(Mac48Address bssid)
{
    std::vector<roamsec::Bytes> pmkids;
    if (m_method == RoamingMethod::FullEap || !m_pmksa)
    {
        return pmkids;
    }
    const roamsec::PmksaEntry* entry =
        m_pmksa->FindByAddresses(ToCoreMac(bssid),
                                 ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress())),
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
    NS_ABORT_MSG_IF(!ParseRoamingMethod(m_methodName, m_method),
                    "RoamingMobile: unknown Method '"
                        << m_methodName << "' (full-eap, cached-pmk, pre-association-ptk)");
    // The core implements the pre-association PTK exchange (preassoc-ptk.h); carrying it
    // over the DS and in the reassociation is not wired into this model yet.
    NS_ABORT_MSG_IF(m_method == RoamingMethod::PreAssociationPtk,
                    "RoamingMobile: Method pre-association-ptk is not yet available in the ns-3 "
                    "model (see doc/roaming-security.rst, Status)");
    NS_ABORT_MSG_IF(m_k.size() != 16 || m_opc.size() != 16,
                    "RoamingMobile " << m_index << ": credentials not set (K and OPc, 16 bytes)");
    m_usim = std::make_unique<roamsec::Usim>(m_k, m_opc);
    roamsec::EapAkaPeerConfig eapConfig;
    eapConfig.profile = m_profile == "rfc4187" ? roamsec::EapAkaProfile::Rfc4187
                                               : roamsec::EapAkaProfile::Draft04;
    NS_ABORT_MSG_IF(m_profile != "draft" && m_profile != "rfc4187",
                    "RoamingMobile: Profile must be 'draft' or 'rfc4187'");
    eapConfig.imsi = m_imsi;
    eapConfig.realm.realmOverride = m_realm;
    m_eap = std::make_unique<roamsec::EapAkaPeer>(*m_usim, eapConfig, m_rng);
    m_pmksa = std::make_unique<roamsec::PmksaCache>(64);
    auto staMac = DynamicCast<WifiNetDevice>(m_wifi)->GetMac();
    staMac->TraceConnectWithoutContext("Assoc", MakeCallback(&RoamingMobile::Associated, this));
    staMac->TraceConnectWithoutContext("DeAssoc",
                                       MakeCallback(&RoamingMobile::Disassociated, this));
    GetNode()->RegisterProtocolHandler(MakeCallback(&RoamingMobile::ReceiveEapol, this),
                                       roamsec::kEtherTypeEapol,
                                       m_wifi);
    m_dataSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_dataSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_dataPort));
    m_dataSocket->SetRecvCallback(MakeCallback(&RoamingMobile::ReceiveData, this));
}

void
RoamingMobile::StopApplication()
{
    m_rsnTimer.Cancel();
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

void
RoamingMobile::Disassociated(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    m_associated = false;
    m_portOpen = false;
    m_rsnTimer.Cancel();
    m_rsn.reset();
    if (m_port)
    {
        m_port->Unauthorize(bssid);
    }
    if (m_recorder)
    {
        m_recorder->BeginHandoff(m_index, m_recorder->FindAp(bssid), RoamingMethodName(m_method));
    }
}

void
RoamingMobile::Associated(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    m_bssid = bssid;
    m_associated = true;
    m_portOpen = false;
    if (m_recorder)
    {
        m_recorder->SetTargetAp(m_index, m_recorder->FindAp(bssid));
        MarkEvent(HandoffEvent::Associated);
    }
    roamsec::SupplicantConfig config;
    config.aa = ToCoreMac(bssid);
    config.spa = ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress()));
    config.staRsne = RoamingAccessPoint::DefaultRsne();
    config.apRsne = RoamingAccessPoint::DefaultRsne();
    m_rsn = std::make_unique<roamsec::Supplicant>(config, m_rng);
    const roamsec::PmksaEntry* cached = nullptr;
    if (m_method != RoamingMethod::FullEap)
    {
        cached = m_pmksa->FindByAddresses(config.aa, config.spa, ToCoreTime(Simulator::Now()));
        if (cached == nullptr && m_recorder && m_everAssociated)
        {
            m_recorder->SetFallback(m_index);
        }
    }
    roamsec::RsnElement rsne;
    if (cached != nullptr)
    {
        m_rsn->SetPmk(cached->pmk);
        rsne.pmkids.push_back(cached->pmkid);
    }
    m_everAssociated = true;
    // ns-3's (re)association request carries no RSNE, so the PMKID list rides in the
    // EAPOL-Start that opens 802.1X on every association (doc/roaming-security.rst).
    // StaWifiMac fires "Assoc" before it records the association, so a frame sent from
    // inside the trace would be dropped: send once the MAC has finished this event.
    Simulator::ScheduleNow(&RoamingMobile::SendEapol,
                           this,
                           static_cast<uint8_t>(roamsec::EapolType::Start),
                           rsne.pmkids.empty() ? roamsec::Bytes{} : roamsec::EncodeRsne(rsne),
                           std::string(rsne.pmkids.empty() ? "EAPOL-Start"
                                                           : "EAPOL-Start (RSNE with PMKID)"));
}

void
RoamingMobile::SendEapol(uint8_t type, const roamsec::Bytes& body, const std::string& what)
{
    roamsec::EapolFrame frame;
    frame.version = 2;
    frame.type = type;
    frame.body = body;
    roamsec::Bytes pdu = roamsec::EncodeEapol(frame);
    if (m_recorder)
    {
        m_recorder->CountMessage(m_index, RoamingLink::Air, pdu.size());
        m_recorder->TraceMessage(m_index, RoamingLink::Air, "mobile", "ap", "EAPOL", what,
                                 pdu.size(), "");
    }
    m_wifi->Send(BytesPacket(pdu), m_bssid, roamsec::kEtherTypeEapol);
}

void
RoamingMobile::ReceiveEapol(Ptr<NetDevice> device,
                            Ptr<const Packet> packet,
                            uint16_t protocol,
                            const Address& from,
                            const Address& to,
                            NetDevice::PacketType type)
{
    if (!m_associated || Mac48Address::ConvertFrom(from) != m_bssid)
    {
        m_droppedEapol++;
        return;
    }
    roamsec::Bytes pdu = PacketBytes(packet);
    roamsec::EapolFrame frame;
    try
    {
        frame = roamsec::DecodeEapol(pdu);
    }
    catch (const roamsec::ParseError&)
    {
        m_droppedEapol++;
        return;
    }
    if (frame.type == static_cast<uint8_t>(roamsec::EapolType::EapPacket))
    {
        HandleEap(frame.body);
    }
    else if (frame.type == static_cast<uint8_t>(roamsec::EapolType::Key) && m_rsn)
    {
        ApplyHandshakeOutput(m_rsn->Receive(pdu, ToCoreTime(Simulator::Now())));
    }
    else
    {
        m_droppedEapol++;
    }
}

void
RoamingMobile::HandleEap(const roamsec::Bytes& eap)
{
    MarkEvent(HandoffEvent::EapStart);
    roamsec::EapAkaPeerOutput out = m_eap->Receive(eap);
    if (out.send)
    {
        SendEapol(static_cast<uint8_t>(roamsec::EapolType::EapPacket), *out.send, "EAP-Response");
    }
    switch (out.event)
    {
    case roamsec::EapAkaPeerOutput::Event::Success: {
        MarkEvent(HandoffEvent::EapDone);
        m_eapSuccessTrace(m_bssid);
        roamsec::Bytes pmk = roamsec::PmkFromMsk(m_eap->Msk());
        m_pmksa->Add(pmk,
                     ToCoreMac(m_bssid),
                     ToCoreMac(Mac48Address::ConvertFrom(m_wifi->GetAddress())),
                     ToCoreTime(m_pmkLifetime),
                     ToCoreTime(Simulator::Now()));
        if (m_rsn)
        {
            m_rsn->SetPmk(pmk);
        }
        m_eap->Reset();
        break;
    }
    case roamsec::EapAkaPeerOutput::Event::Failure:
        NS_LOG_INFO("mobile " << m_index << ": EAP failure at " << m_bssid);
        m_eapFailureTrace(m_bssid);
        m_eap->Reset();
        break;
    case roamsec::EapAkaPeerOutput::Event::Discarded:
        m_droppedEapol++;
        break;
    case roamsec::EapAkaPeerOutput::Event::None:
        break;
    }
}

void
RoamingMobile::ApplyHandshakeOutput(const roamsec::HandshakeOutput& out)
{
    for (const auto& frame : out.frames)
    {
        if (m_recorder)
        {
            m_recorder->CountMessage(m_index, RoamingLink::Air, frame.size());
            m_recorder->TraceMessage(m_index, RoamingLink::Air, "mobile", "ap", "EAPOL",
                                     "EAPOL-Key", frame.size(), "");
        }
        m_wifi->Send(BytesPacket(frame), m_bssid, roamsec::kEtherTypeEapol);
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
    if ((ptk || gtk) && !m_portOpen && m_rsn &&
        m_rsn->GetState() == roamsec::Supplicant::State::Established)
    {
        m_portOpen = true;
        if (m_port)
        {
            m_port->Authorize(m_bssid);
        }
        MarkEvent(HandoffEvent::PortOpenSta);
        m_portOpenTrace(m_bssid);
        // A broadcast 802.2 XID frame with the station as source (the Layer 2 Update of
        // IEEE 802.11F) teaches the new AP's bridge and the backhaul where the station is.
        roamsec::Bytes xid = {0x00, 0x01, 0xaf, 0x81, 0x01, 0x00};
        m_wifi->Send(BytesPacket(xid), m_wifi->GetBroadcast(), 0x0006);
    }
    ArmRsnTimer();
}

void
RoamingMobile::ArmRsnTimer()
{
    m_rsnTimer.Cancel();
    if (!m_rsn)
    {
        return;
    }
    auto deadline = m_rsn->NextDeadline();
    if (deadline)
    {
        Time delay = Max(ToNs3Time(*deadline) - Simulator::Now(), Seconds(0));
        m_rsnTimer = Simulator::Schedule(delay, &RoamingMobile::OnRsnTimer, this);
    }
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
    }
}

} // namespace ns3
