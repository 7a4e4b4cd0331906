/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dot1x-controlled-port.h"

#include "ns3/abort.h"
#include "ns3/ap-wifi-mac.h"
#include "ns3/boolean.h"
#include "ns3/llc-snap-header.h"
#include "ns3/log.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-net-device.h"
#include "roaming-assoc-elements.h"
#include "roaming-mac-queue-scheduler.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("Dot1xControlledPort");

NS_OBJECT_ENSURE_REGISTERED(Dot1xControlledPort);

namespace {

/// WifiNetDevice::ForwardUp is protected; naming it through a derived class yields a
/// pointer to the base member, which the port installs behind its filter.
struct WifiNetDeviceForwardUp : public WifiNetDevice
{
    static WifiMac::ForwardUpCallback Make(Ptr<WifiNetDevice> device)
    {
        return MakeCallback(&WifiNetDeviceForwardUp::ForwardUp, PeekPointer(device));
    }
};

} // namespace

TypeId
Dot1xControlledPort::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::Dot1xControlledPort")
              .SetParent<Object>()
              .AddConstructor<Dot1xControlledPort>()
              .SetGroupName("RoamingSecurity")
              .AddAttribute("UnauthorizeOnAssocChange",
                            "Close the port for a peer when an association with it starts or ends.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&Dot1xControlledPort::m_unauthorizeOnAssocChange),
                            MakeBooleanChecker())
              .AddTraceSource("Drop", "A data frame to or from an unauthorized peer was dropped.",
                              MakeTraceSourceAccessor(&Dot1xControlledPort::m_dropTrace),
                              "ns3::Dot1xControlledPort::DropCallback")
              .AddTraceSource("PortState",
                              "The controlled port for a peer opened (true) or closed (false).",
                              MakeTraceSourceAccessor(&Dot1xControlledPort::m_stateTrace),
                              "ns3::Dot1xControlledPort::StateCallback");
    return tid;
}

Dot1xControlledPort::Dot1xControlledPort()
{
    NS_LOG_FUNCTION(this);
}

Dot1xControlledPort::~Dot1xControlledPort()
{
    NS_LOG_FUNCTION(this);
}

void
Dot1xControlledPort::DoDispose()
{
    if (m_scheduler)
    {
        m_scheduler->RemoveEnqueueHook(m_hookId);
    }
    m_scheduler = nullptr;
    m_deviceForwardUp.Nullify();
    m_mac = nullptr;
    m_device = nullptr;
    Object::DoDispose();
}

Ptr<Dot1xControlledPort>
Dot1xControlledPort::Install(Ptr<WifiNetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "no device");
    NS_ABORT_MSG_IF(device->GetObject<Dot1xControlledPort>(), "device already has a port");
    auto port = CreateObject<Dot1xControlledPort>();
    port->Attach(device);
    device->AggregateObject(port);
    return port;
}

void
Dot1xControlledPort::Attach(Ptr<WifiNetDevice> device)
{
    m_device = device;
    m_mac = device->GetMac();
    m_scheduler = RoamingMacQueueScheduler::Get(m_mac);
    NS_ABORT_MSG_IF(!m_scheduler, "Dot1xControlledPort needs WifiMacHelper::SetMacQueueScheduler("
                                  "\"ns3::RoamingMacQueueScheduler\") on the device");
    m_isAp = DynamicCast<ApWifiMac>(m_mac) != nullptr;
    NS_ABORT_MSG_IF(!m_isAp && !DynamicCast<StaWifiMac>(m_mac), "AP or STA MAC only");
    m_deviceForwardUp = WifiNetDeviceForwardUp::Make(device);
    m_mac->SetForwardUpCallback(MakeCallback(&Dot1xControlledPort::ForwardUpFilter, this));
    m_hookId = m_scheduler->AddEnqueueHook(MakeCallback(&Dot1xControlledPort::EnqueueHook, this));
    bool ok = m_isAp
                  ? m_mac->TraceConnectWithoutContext(
                        "AssociatedSta", MakeCallback(&Dot1xControlledPort::ApAssoc, this))
                        && m_mac->TraceConnectWithoutContext(
                            "DeAssociatedSta", MakeCallback(&Dot1xControlledPort::ApDeAssoc, this))
                  : m_mac->TraceConnectWithoutContext(
                        "Assoc", MakeCallback(&Dot1xControlledPort::StaAssoc, this))
                        && m_mac->TraceConnectWithoutContext(
                            "DeAssoc", MakeCallback(&Dot1xControlledPort::StaDeAssoc, this));
    NS_ABORT_MSG_IF(!ok, "association trace sources not found");
}

void
Dot1xControlledPort::Authorize(Mac48Address peer)
{
    NS_LOG_FUNCTION(this << peer);
    if (m_authorized.insert(peer).second)
    {
        m_stateTrace(peer, true);
    }
}

void
Dot1xControlledPort::Unauthorize(Mac48Address peer)
{
    NS_LOG_FUNCTION(this << peer);
    if (m_authorized.erase(peer))
    {
        m_stateTrace(peer, false);
    }
}

bool
Dot1xControlledPort::IsAuthorized(Mac48Address peer) const
{
    return m_authorized.count(peer) != 0;
}

uint64_t
Dot1xControlledPort::GetDropCount(Direction dir) const
{
    return m_drops[dir];
}

bool
Dot1xControlledPort::IsUncontrolled(uint16_t etherType)
{
    return etherType == kEtherTypeEapol || etherType == kEtherTypePreauth
           || etherType == kEtherTypePreassoc;
}

uint16_t
Dot1xControlledPort::PeekEtherType(Ptr<const Packet> msdu)
{
    // AA AA 03 | OUI 00 00 00 | EtherType (RFC 1042 encapsulation, as WifiNetDevice sends)
    uint8_t b[8];
    if (!msdu || msdu->CopyData(b, 8) != 8 || b[0] != 0xAA || b[1] != 0xAA || b[2] != 0x03)
    {
        return 0;
    }
    return static_cast<uint16_t>(b[6] << 8 | b[7]);
}

void
Dot1xControlledPort::Drop(Ptr<const Packet> packet, Mac48Address peer, Direction dir)
{
    NS_LOG_DEBUG("drop " << (dir == RX_FROM_PEER ? "rx"
                             : dir == TX_TO_PEER ? "tx"
                                                 : "relay")
                         << " peer " << peer);
    m_drops[dir]++;
    m_dropTrace(packet, peer, dir);
}

void
Dot1xControlledPort::ForwardUpFilter(Ptr<const Packet> packet, Mac48Address from, Mac48Address to)
{
    if (!IsUncontrolled(PeekEtherType(packet)))
    {
        // on a STA the transmitter is always its AP; 'from' is the original source
        Mac48Address peer = m_isAp ? from : m_mac->GetBssid(0);
        if (!IsAuthorized(peer))
        {
            Drop(packet, peer, RX_FROM_PEER);
            return;
        }
    }
    m_deviceForwardUp(packet, from, to);
}

bool
Dot1xControlledPort::EnqueueHook(Ptr<WifiMpdu> mpdu)
{
    const WifiMacHeader& hdr = mpdu->GetHeader();
    if (!hdr.IsData() || !hdr.HasData() || IsUncontrolled(PeekEtherType(mpdu->GetPacket())))
    {
        return true;
    }
    if (hdr.IsQosData() && hdr.IsQosAmsdu())
    {
        // an A-MSDU re-queued by MSDU aggregation: each MSDU passed this hook already
        return true;
    }
    Mac48Address ra = hdr.GetAddr1();
    if (!ra.IsGroup() && !IsAuthorized(ra))
    {
        Drop(mpdu->GetPacket(), ra, TX_TO_PEER);
        return false;
    }
    if (m_isAp && hdr.IsFromDs() && !hdr.IsToDs())
    {
        // relayed inside the BSS: Address 3 is the source STA
        Mac48Address sa = hdr.GetAddr3();
        auto ap = StaticCast<ApWifiMac>(m_mac);
        for (const auto& [aid, sta] : ap->GetStaList(SINGLE_LINK_OP_ID))
        {
            if (sta == sa && !IsAuthorized(sa))
            {
                Drop(mpdu->GetPacket(), sa, RELAY);
                return false;
            }
        }
    }
    return true;
}

void
Dot1xControlledPort::NotifyAssociationStart(Mac48Address peer)
{
    if (m_unauthorizeOnAssocChange)
    {
        Unauthorize(peer);
    }
}

bool
Dot1xControlledPort::HasAssocElements() const
{
    return m_device && m_device->GetObject<RoamingAssocElements>();
}

void
Dot1xControlledPort::StaAssoc(Mac48Address bssid)
{
    // with RoamingAssocElements this was done before its callbacks, which may have
    // opened the port for the new association
    if (!HasAssocElements())
    {
        NotifyAssociationStart(bssid);
    }
}

void
Dot1xControlledPort::StaDeAssoc(Mac48Address bssid)
{
    NotifyAssociationStart(bssid);
}

void
Dot1xControlledPort::ApAssoc(uint16_t aid, Mac48Address sta)
{
    if (!HasAssocElements())
    {
        NotifyAssociationStart(sta);
    }
}

void
Dot1xControlledPort::ApDeAssoc(uint16_t aid, Mac48Address sta)
{
    NotifyAssociationStart(sta);
}

} // namespace ns3
