/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-assoc-elements.h"

#include "dot1x-controlled-port.h"
#include "ns3/abort.h"
#include "ns3/ampdu-subframe-header.h"
#include "ns3/ap-wifi-mac.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"
#include "ns3/wifi-tx-vector.h"
#include "ns3-compat.h"
#include "roaming-mac-queue-scheduler.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingAssocElements");

NS_OBJECT_ENSURE_REGISTERED(RoamingAssocElements);

namespace {

// Fixed fields before the elements (IEEE 802.11-2020 9.3.3.6-9.3.3.9): Capability 2,
// Listen Interval 2 [, Current AP Address 6] | Capability 2, Status 2, AID 2.
constexpr std::size_t kAssocReqFixed = 4;
constexpr std::size_t kReassocReqFixed = 10;
constexpr std::size_t kAssocRespFixed = 6;
constexpr std::size_t kMaxRemembered = 64;
constexpr std::size_t kBeaconFixed = 12; //!< Beacon / Probe Response fixed fields

std::vector<uint8_t>
PacketBytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace

TypeId
RoamingAssocElements::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingAssocElements")
              .SetParent<Object>()
              .AddConstructor<RoamingAssocElements>()
              .SetGroupName("RoamingSecurity")
              .AddAttribute("ConvertToReassociation",
                            "STA: send a Reassociation Request (Current AP Address = the AP of "
                            "the previous association) instead of the Association Request "
                            "ns-3.37 always sends, when moving to another AP.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&RoamingAssocElements::m_convertToReassoc),
                            MakeBooleanChecker())
              .AddTraceSource("Received",
                              "A (Re)Association Request (AP) or Response (STA) was received.",
                              MakeTraceSourceAccessor(&RoamingAssocElements::m_rxTrace),
                              "ns3::RoamingAssocElements::FrameCallback")
              .AddTraceSource("Sent",
                              "A (Re)Association Request (STA) or Response (AP) was queued, "
                              "after our edits.",
                              MakeTraceSourceAccessor(&RoamingAssocElements::m_txTrace),
                              "ns3::RoamingAssocElements::FrameCallback");
    return tid;
}

RoamingAssocElements::RoamingAssocElements()
{
    NS_LOG_FUNCTION(this);
}

RoamingAssocElements::~RoamingAssocElements()
{
    NS_LOG_FUNCTION(this);
}

void
RoamingAssocElements::DoDispose()
{
    if (m_scheduler)
    {
        m_scheduler->RemoveEnqueueHook(m_hookId);
    }
    m_scheduler = nullptr;
    m_mac = nullptr;
    m_requestProvider.Nullify();
    m_responseProvider.Nullify();
    m_receive.Nullify();
    m_statusProvider.Nullify();
    m_beaconCallback.Nullify();
    m_requestGate.Nullify();
    m_heldRequest = nullptr;
    Object::DoDispose();
}

Ptr<RoamingAssocElements>
RoamingAssocElements::Install(Ptr<WifiNetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "no device");
    NS_ABORT_MSG_IF(device->GetObject<RoamingAssocElements>(), "already installed");
    auto obj = CreateObject<RoamingAssocElements>();
    obj->Attach(device);
    device->AggregateObject(obj);
    return obj;
}

void
RoamingAssocElements::Attach(Ptr<WifiNetDevice> device)
{
    m_mac = device->GetMac();
    m_scheduler = RoamingMacQueueScheduler::Get(m_mac);
    NS_ABORT_MSG_IF(!m_scheduler, "RoamingAssocElements needs WifiMacHelper::SetMacQueueScheduler("
                                  "\"ns3::RoamingMacQueueScheduler\") on the device");
    m_isAp = DynamicCast<ApWifiMac>(m_mac) != nullptr;
    NS_ABORT_MSG_IF(!m_isAp && !DynamicCast<StaWifiMac>(m_mac), "AP or STA MAC only");
    m_hookId = m_scheduler->AddEnqueueHook(MakeCallback(&RoamingAssocElements::EnqueueHook, this));
    for (uint8_t linkId = 0; linkId < m_mac->GetNLinks(); linkId++)
    {
        m_mac->GetWifiPhy(linkId)->TraceConnectWithoutContext(
            "MonitorSnifferRx", MakeCallback(&RoamingAssocElements::SnifferRx, this));
    }
    if (!m_isAp)
    {
        m_mac->TraceConnectWithoutContext("Assoc",
                                          MakeCallback(&RoamingAssocElements::StaAssoc, this));
    }
}

void
RoamingAssocElements::SetAssocRequestElementProvider(RequestProvider provider)
{
    m_requestProvider = provider;
}

void
RoamingAssocElements::SetAssocResponseElementProvider(ResponseProvider provider)
{
    m_responseProvider = provider;
}

void
RoamingAssocElements::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

void
RoamingAssocElements::SetAssocResponseStatusProvider(StatusProvider provider)
{
    m_statusProvider = provider;
}

void
RoamingAssocElements::SetBeaconElements(const std::vector<uint8_t>& elements)
{
    m_beaconElements = elements;
}

void
RoamingAssocElements::SetBeaconCallback(BeaconCallback cb)
{
    m_beaconCallback = cb;
}

void
RoamingAssocElements::SetRequestGate(RequestGate gate)
{
    m_requestGate = gate;
}

void
RoamingAssocElements::ReleaseHeldRequest(Mac48Address bssid)
{
    if (!m_heldRequest || m_heldHeader.GetAddr1() != bssid)
    {
        return;
    }
    Ptr<Packet> packet = m_heldRequest;
    m_heldRequest = nullptr;
    NS_LOG_DEBUG("releasing the held request to " << m_heldHeader.GetAddr1());
    compat::QueueManagementFrame(m_mac, packet, m_heldHeader);
}

bool
RoamingAssocElements::AppendBeaconElements(Ptr<WifiMpdu> mpdu)
{
    const WifiMacHeader& hdr = mpdu->GetHeader();
    if (!hdr.IsBeacon() && !hdr.IsProbeResp())
    {
        return false;
    }
    if (!Seen(mpdu->GetPacket()->GetUid()))
    {
        auto packet = ConstCast<Packet>(mpdu->GetPacket());
        packet->AddAtEnd(Create<Packet>(m_beaconElements.data(),
                                        static_cast<uint32_t>(m_beaconElements.size())));
    }
    return true;
}

void
RoamingAssocElements::ReportBeacon(Ptr<Packet> p)
{
    WifiMacHeader hdr;
    p->RemoveHeader(hdr);
    std::vector<uint8_t> body = PacketBytes(p);
    // Timestamp, Beacon Interval and Capability Information (12 octets), then elements;
    // the last 4 octets are the FCS.
    if (body.size() < kBeaconFixed + 4)
    {
        return;
    }
    std::vector<uint8_t> elements(body.begin() + kBeaconFixed, body.end() - 4);
    m_beaconCallback(hdr.GetAddr3(), elements);
}

std::vector<RoamingInfoElement>
RoamingAssocElements::ParseElements(const std::vector<uint8_t>& bytes)
{
    std::vector<RoamingInfoElement> out;
    std::size_t pos = 0;
    while (pos + 2 <= bytes.size())
    {
        std::size_t len = bytes[pos + 1];
        if (pos + 2 + len > bytes.size())
        {
            break;
        }
        out.push_back({bytes[pos], std::vector<uint8_t>(bytes.begin() + pos + 2,
                                                        bytes.begin() + pos + 2 + len)});
        pos += 2 + len;
    }
    return out;
}

std::vector<uint8_t>
RoamingAssocElements::SerializeElement(const RoamingInfoElement& element)
{
    std::size_t len = std::min<std::size_t>(element.body.size(), 255);
    std::vector<uint8_t> out(2 + len);
    out[0] = element.id;
    out[1] = static_cast<uint8_t>(len);
    std::copy(element.body.begin(), element.body.begin() + len, out.begin() + 2);
    return out;
}

std::vector<uint8_t>
RoamingAssocElements::VendorSpecific(const std::vector<uint8_t>& body)
{
    return SerializeElement({221, body});
}

void
RoamingAssocElements::StaAssoc(Mac48Address bssid)
{
    m_lastBssid = bssid;
    m_wasAssociated = true;
}

bool
RoamingAssocElements::Seen(uint64_t uid)
{
    for (auto u : m_processed)
    {
        if (u == uid)
        {
            return true;
        }
    }
    m_processed.push_back(uid);
    if (m_processed.size() > kMaxRemembered)
    {
        m_processed.pop_front();
    }
    return false;
}

bool
RoamingAssocElements::EnqueueHook(Ptr<WifiMpdu> mpdu)
{
    WifiMacHeader& hdr = mpdu->GetHeader();
    if (m_isAp && !m_beaconElements.empty() && AppendBeaconElements(mpdu))
    {
        return true;
    }
    bool request = hdr.IsAssocReq() || hdr.IsReassocReq();
    bool response = hdr.IsAssocResp() || hdr.IsReassocResp();
    if (!(request && !m_isAp) && !(response && m_isAp))
    {
        return true;
    }
    Mac48Address peer = hdr.GetAddr1();
    if (request && !m_requestGate.IsNull() && m_requestGate(peer))
    {
        // Held unedited: once released it passes this hook again, as a new request.
        NS_LOG_DEBUG("holding the request to " << peer);
        m_heldRequest = mpdu->GetPacket()->Copy();
        m_heldHeader = hdr;
        return false;
    }
    if (Seen(mpdu->GetPacket()->GetUid()))
    {
        return true; // a re-enqueue of a frame already edited
    }
    std::vector<uint8_t> body = PacketBytes(mpdu->GetPacket());
    RoamingAssocFrame sent;
    sent.sender = hdr.GetAddr2();
    sent.receiver = peer;
    sent.request = request;
    std::vector<uint8_t> extra;
    if (request)
    {
        if (hdr.IsAssocReq() && m_convertToReassoc && m_wasAssociated && m_lastBssid != peer
            && body.size() >= kAssocReqFixed)
        {
            NS_LOG_DEBUG("Association Request to " << peer << " becomes a Reassociation Request"
                                                   << ", current AP " << m_lastBssid);
            hdr.SetType(WIFI_MAC_MGT_REASSOCIATION_REQUEST);
            uint8_t ap[6];
            m_lastBssid.CopyTo(ap);
            body.insert(body.begin() + kAssocReqFixed, ap, ap + 6);
        }
        sent.reassoc = hdr.IsReassocReq();
        if (sent.reassoc && body.size() >= kReassocReqFixed)
        {
            sent.currentAp.CopyFrom(body.data() + kAssocReqFixed);
        }
        if (!m_requestProvider.IsNull())
        {
            extra = m_requestProvider(peer);
        }
    }
    else
    {
        sent.reassoc = hdr.IsReassocResp();
        if (!m_responseProvider.IsNull())
        {
            auto it = m_lastRequest.find(peer);
            extra = m_responseProvider(peer, it != m_lastRequest.end() ? it->second
                                                                       : RoamingAssocFrame{});
        }
    }
    // only whole elements: a malformed provider output must not corrupt the frame
    std::size_t whole = 0;
    for (const auto& e : ParseElements(extra))
    {
        whole += 2 + e.body.size();
    }
    NS_ABORT_MSG_IF(whole != extra.size(), "element provider returned malformed elements");
    body.insert(body.end(), extra.begin(), extra.end());
    if (response && !m_statusProvider.IsNull() && body.size() >= kAssocRespFixed)
    {
        if (uint16_t status = m_statusProvider(peer); status != 0)
        {
            // Status Code after Capability Information; a refused STA gets no AID
            body[2] = static_cast<uint8_t>(status & 0xff);
            body[3] = static_cast<uint8_t>(status >> 8);
            body[4] = 0;
            body[5] = 0;
        }
    }
    auto packet = ConstCast<Packet>(mpdu->GetPacket());
    packet->RemoveAtEnd(packet->GetSize());
    packet->AddAtEnd(Create<Packet>(body.data(), static_cast<uint32_t>(body.size())));
    std::size_t fixed
        = request ? (sent.reassoc ? kReassocReqFixed : kAssocReqFixed) : kAssocRespFixed;
    if (body.size() >= fixed)
    {
        sent.elements.assign(body.begin() + fixed, body.end());
    }
    m_txTrace(sent);
    return true;
}

void
RoamingAssocElements::SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz,
                                WifiTxVector txVector, MpduInfo aMpdu, SignalNoiseDbm signalNoise,
                                uint16_t staId)
{
    Ptr<Packet> p = packet->Copy();
    if (aMpdu.type != NORMAL_MPDU)
    {
        AmpduSubframeHeader delimiter;
        if (p->GetSize() < 4)
        {
            return;
        }
        p->RemoveHeader(delimiter);
        if (delimiter.GetLength() > p->GetSize())
        {
            return;
        }
        p = p->CreateFragment(0, delimiter.GetLength());
    }
    WifiMacHeader hdr;
    if (p->GetSize() < 24 + 4)
    {
        return;
    }
    // only (re)association frames (management, subtypes 0-3) are parsed: on a type or
    // subtype WifiMacHeader does not know, ns-3.48's GetType() asserts
    uint8_t frameControl = 0;
    p->CopyData(&frameControl, 1);
    uint8_t subtype = (frameControl >> 4) & 0xf;
    if (((frameControl >> 2) & 0x3) != 0)
    {
        return;
    }
    if ((subtype == 5 || subtype == 8) && !m_isAp && !m_beaconCallback.IsNull())
    {
        ReportBeacon(p);
        return;
    }
    if (subtype > 3)
    {
        return;
    }
    // management frames: the 24-byte header is all there is before the body
    p->PeekHeader(hdr);
    bool request = hdr.IsAssocReq() || hdr.IsReassocReq();
    bool response = hdr.IsAssocResp() || hdr.IsReassocResp();
    if ((m_isAp && !request) || (!m_isAp && !response) || hdr.GetAddr1() != m_mac->GetAddress())
    {
        return;
    }
    p->RemoveHeader(hdr);
    Mac48Address sender = hdr.GetAddr2();
    auto last = m_lastSeq.find(sender);
    if (hdr.IsRetry() && last != m_lastSeq.end() && last->second == hdr.GetSequenceNumber())
    {
        return; // retransmission of a frame already delivered
    }
    m_lastSeq[sender] = hdr.GetSequenceNumber();
    std::vector<uint8_t> body = PacketBytes(p);
    body.resize(body.size() - 4); // FCS
    RoamingAssocFrame frame;
    frame.sender = sender;
    frame.receiver = hdr.GetAddr1();
    frame.request = request;
    frame.reassoc = hdr.IsReassocReq() || hdr.IsReassocResp();
    std::size_t fixed
        = request ? (frame.reassoc ? kReassocReqFixed : kAssocReqFixed) : kAssocRespFixed;
    if (body.size() < fixed)
    {
        return;
    }
    if (request && frame.reassoc)
    {
        frame.currentAp.CopyFrom(body.data() + kAssocReqFixed);
    }
    if (response)
    {
        frame.statusCode = static_cast<uint16_t>(body[2] | body[3] << 8); // little-endian
    }
    frame.elements.assign(body.begin() + fixed, body.end());
    NS_LOG_DEBUG((request ? "request" : "response")
                 << " from " << sender << " with " << frame.elements.size() << " element bytes");
    if (m_isAp)
    {
        m_lastRequest[sender] = frame;
    }
    // a new association starts: close the port before our callbacks may open it
    if (auto port = m_mac->GetDevice()->GetObject<Dot1xControlledPort>();
        port && (request || frame.statusCode == 0))
    {
        port->NotifyAssociationStart(sender);
    }
    m_rxTrace(frame);
    if (!m_receive.IsNull())
    {
        m_receive(frame);
    }
}

} // namespace ns3
