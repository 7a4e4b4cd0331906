/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-assoc-observer.h"

#include "ns3/log.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "roaming-assoc-elements.h"
#include "roaming-assoc-manager.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingAssocObserver");
NS_OBJECT_ENSURE_REGISTERED(RoamingAssocObserver);

TypeId
RoamingAssocObserver::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingAssocObserver")
              .SetParent<Object>()
              .SetGroupName("RoamingSecurity")
              .AddTraceSource("AssociationStarting",
                              "A (re)association request to this AP is being built",
                              MakeTraceSourceAccessor(&RoamingAssocObserver::m_startingTrace),
                              "ns3::RoamingAssocObserver::BssidCallback")
              .AddTraceSource("AssociationCompleted",
                              "The STA MAC reports the association with this AP complete",
                              MakeTraceSourceAccessor(&RoamingAssocObserver::m_completedTrace),
                              "ns3::RoamingAssocObserver::BssidCallback")
              .AddTraceSource("LeftAp", "The STA MAC left this AP",
                              MakeTraceSourceAccessor(&RoamingAssocObserver::m_leftTrace),
                              "ns3::RoamingAssocObserver::BssidCallback");
    return tid;
}

RoamingAssocObserver::RoamingAssocObserver() = default;
RoamingAssocObserver::~RoamingAssocObserver() = default;

Ptr<RoamingAssocObserver>
RoamingAssocObserver::Install(Ptr<NetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "RoamingAssocObserver: no device");
    if (Ptr<RoamingAssocObserver> existing = device->GetObject<RoamingAssocObserver>())
    {
        return existing;
    }
    auto observer = CreateObject<RoamingAssocObserver>();
    observer->Connect(device);
    device->AggregateObject(observer);
    return observer;
}

void
RoamingAssocObserver::Connect(Ptr<NetDevice> device)
{
    auto wifi = DynamicCast<WifiNetDevice>(device);
    NS_ABORT_MSG_IF(!wifi, "RoamingAssocObserver: not a Wi-Fi device");
    Ptr<StaWifiMac> mac = DynamicCast<StaWifiMac>(wifi->GetMac());
    NS_ABORT_MSG_IF(!mac, "RoamingAssocObserver: not a STA");
    mac->TraceConnectWithoutContext("Assoc", MakeCallback(&RoamingAssocObserver::OnAssoc, this));
    mac->TraceConnectWithoutContext("DeAssoc",
                                    MakeCallback(&RoamingAssocObserver::OnDeAssoc, this));
    if (Ptr<RoamingAssocManager> manager = RoamingAssocManager::Find(mac))
    {
        manager->TraceConnectWithoutContext("ScanDone",
                                            MakeCallback(&RoamingAssocObserver::OnScanDone, this));
    }
    m_elements = device->GetObject<RoamingAssocElements>();
    if (m_elements)
    {
        m_elements->SetAssocRequestElementProvider(
            MakeCallback(&RoamingAssocObserver::OnRequestBuilt, this));
        m_elements->SetReceiveCallback(MakeCallback(&RoamingAssocObserver::OnFrame, this));
    }
}

void
RoamingAssocObserver::SetListener(const Listener& listener)
{
    m_listener = listener;
}

RoamingAssocObserver::State
RoamingAssocObserver::GetState() const
{
    return m_state;
}

Mac48Address
RoamingAssocObserver::GetTarget() const
{
    return m_target;
}

Mac48Address
RoamingAssocObserver::GetBssid() const
{
    return m_bssid;
}

void
RoamingAssocObserver::DoDispose()
{
    if (m_elements)
    {
        m_elements->SetAssocRequestElementProvider(RoamingAssocElements::RequestProvider());
        m_elements->SetReceiveCallback(RoamingAssocElements::ReceiveCallback());
        m_elements = nullptr;
    }
    m_listener = Listener();
    Object::DoDispose();
}

std::vector<uint8_t>
RoamingAssocObserver::OnRequestBuilt(Mac48Address bssid)
{
    // Also from Associated: a reassociation to another AP without leaving the old one.
    NS_LOG_FUNCTION(this << bssid);
    m_state = Associating;
    m_target = bssid;
    m_startingTrace(bssid);
    if (m_listener.associationStarting.IsNull())
    {
        return {};
    }
    return m_listener.associationStarting(bssid);
}

void
RoamingAssocObserver::OnFrame(const RoamingAssocFrame& frame)
{
    // The PHY sniffer sees the response before the MAC processes it, so it lands
    // between AssociationStarting and AssociationCompleted; other APs' answers and
    // late duplicates are not this association's.
    if (frame.request || m_state != Associating || frame.sender != m_target)
    {
        return;
    }
    if (!m_listener.responseReceived.IsNull())
    {
        m_listener.responseReceived(frame);
    }
}

void
RoamingAssocObserver::OnAssoc(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    m_state = Associated;
    m_bssid = bssid;
    m_completedTrace(bssid);
    if (!m_listener.associationCompleted.IsNull())
    {
        m_listener.associationCompleted(bssid);
    }
}

void
RoamingAssocObserver::OnDeAssoc(Mac48Address bssid)
{
    NS_LOG_FUNCTION(this << bssid);
    m_state = Idle;
    m_leftTrace(bssid);
    if (!m_listener.leftAp.IsNull())
    {
        m_listener.leftAp(bssid);
    }
}

void
RoamingAssocObserver::OnScanDone(uint32_t candidates)
{
    if (!m_listener.scanDone.IsNull())
    {
        m_listener.scanDone(candidates);
    }
}

} // namespace ns3
