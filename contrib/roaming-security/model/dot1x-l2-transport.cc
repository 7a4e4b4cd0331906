/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dot1x-l2-transport.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("Dot1xL2Transport");

NS_OBJECT_ENSURE_REGISTERED(Dot1xL2Transport);

TypeId
Dot1xL2Transport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Dot1xL2Transport")
                            .SetParent<Object>()
                            .AddConstructor<Dot1xL2Transport>()
                            .SetGroupName("RoamingSecurity")
                            .AddTraceSource("Tx", "A payload was handed to the device.",
                                            MakeTraceSourceAccessor(&Dot1xL2Transport::m_txTrace),
                                            "ns3::Dot1xL2Transport::MessageCallback")
                            .AddTraceSource("Rx", "A payload was received.",
                                            MakeTraceSourceAccessor(&Dot1xL2Transport::m_rxTrace),
                                            "ns3::Dot1xL2Transport::MessageCallback");
    return tid;
}

Dot1xL2Transport::Dot1xL2Transport()
{
    NS_LOG_FUNCTION(this);
}

Dot1xL2Transport::~Dot1xL2Transport()
{
    NS_LOG_FUNCTION(this);
}

void
Dot1xL2Transport::DoDispose()
{
    m_receive.Nullify();
    m_device = nullptr;
    Object::DoDispose();
}

Ptr<Dot1xL2Transport>
Dot1xL2Transport::Install(Ptr<NetDevice> device, uint16_t etherType)
{
    return Install(device, etherType, device);
}

Ptr<Dot1xL2Transport>
Dot1xL2Transport::Install(Ptr<NetDevice> device, uint16_t etherType, Ptr<NetDevice> rxDevice)
{
    NS_ABORT_MSG_IF(!device || !device->GetNode(), "device not on a node");
    auto t = CreateObject<Dot1xL2Transport>();
    t->m_device = device;
    t->m_etherType = etherType;
    if (auto wifi = DynamicCast<WifiNetDevice>(device))
    {
        t->m_frameOverhead = (wifi->GetMac()->GetQosSupported() ? 26 : 24) + 8 + 4;
    }
    else
    {
        t->m_frameOverhead = 14 + 4;
    }
    device->GetNode()->RegisterProtocolHandler(MakeCallback(&Dot1xL2Transport::Receive, t),
                                               etherType, rxDevice);
    return t;
}

void
Dot1xL2Transport::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

bool
Dot1xL2Transport::Send(const std::vector<uint8_t>& payload, Mac48Address dst)
{
    NS_LOG_FUNCTION(this << payload.size() << dst);
    auto packet = Create<Packet>(payload.data(), static_cast<uint32_t>(payload.size()));
    bool ok = m_device->Send(packet, dst, m_etherType);
    if (ok)
    {
        m_txMessages++;
        m_txBytes += payload.size();
        m_txAirBytes += GetAirBytes(static_cast<uint32_t>(payload.size()));
        m_txTrace(payload, dst);
    }
    return ok;
}

void
Dot1xL2Transport::Receive(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                          const Address& from, const Address& to, NetDevice::PacketType type)
{
    if (protocol != m_etherType || !Mac48Address::IsMatchingType(from))
    {
        return;
    }
    std::vector<uint8_t> payload(packet->GetSize());
    packet->CopyData(payload.data(), payload.size());
    Mac48Address src = Mac48Address::ConvertFrom(from);
    m_rxMessages++;
    m_rxBytes += payload.size();
    m_rxTrace(payload, src);
    if (!m_receive.IsNull())
    {
        m_receive(payload, src);
    }
}

Ptr<NetDevice>
Dot1xL2Transport::GetDevice() const
{
    return m_device;
}

uint16_t
Dot1xL2Transport::GetEtherType() const
{
    return m_etherType;
}

uint64_t
Dot1xL2Transport::GetTxMessages() const
{
    return m_txMessages;
}

uint64_t
Dot1xL2Transport::GetTxBytes() const
{
    return m_txBytes;
}

uint64_t
Dot1xL2Transport::GetRxMessages() const
{
    return m_rxMessages;
}

uint64_t
Dot1xL2Transport::GetRxBytes() const
{
    return m_rxBytes;
}

uint32_t
Dot1xL2Transport::GetAirBytes(uint32_t payloadBytes) const
{
    return payloadBytes + m_frameOverhead;
}

uint64_t
Dot1xL2Transport::GetTxAirBytes() const
{
    return m_txAirBytes;
}

} // namespace ns3
