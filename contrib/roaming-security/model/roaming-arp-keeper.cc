/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-arp-keeper.h"

#include "ns3/abort.h"
#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <vector>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingArpKeeper");

NS_OBJECT_ENSURE_REGISTERED(RoamingArpKeeper);

TypeId
RoamingArpKeeper::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingArpKeeper")
              .SetParent<Object>()
              .AddConstructor<RoamingArpKeeper>()
              .SetGroupName("RoamingSecurity")
              .AddAttribute("AnnounceOnLinkUp",
                            "Broadcast a gratuitous ARP request on each link up.",
                            BooleanValue(true), MakeBooleanAccessor(&RoamingArpKeeper::m_announce),
                            MakeBooleanChecker())
              .AddTraceSource("Restored",
                              "The permanent entries were put back after a link-change flush; "
                              "gives how many.",
                              MakeTraceSourceAccessor(&RoamingArpKeeper::m_restoreTrace),
                              "ns3::RoamingArpKeeper::RestoredCallback");
    return tid;
}

RoamingArpKeeper::RoamingArpKeeper()
{
    NS_LOG_FUNCTION(this);
}

RoamingArpKeeper::~RoamingArpKeeper()
{
    NS_LOG_FUNCTION(this);
}

void
RoamingArpKeeper::DoDispose()
{
    m_cache = nullptr;
    m_device = nullptr;
    Object::DoDispose();
}

Ptr<RoamingArpKeeper>
RoamingArpKeeper::Install(Ptr<NetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "no device");
    if (auto keeper = device->GetObject<RoamingArpKeeper>())
    {
        return keeper;
    }
    auto keeper = CreateObject<RoamingArpKeeper>();
    keeper->Attach(device);
    device->AggregateObject(keeper);
    return keeper;
}

void
RoamingArpKeeper::Attach(Ptr<NetDevice> device)
{
    auto ipv4 = device->GetNode()->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_IF(!ipv4, "RoamingArpKeeper: node has no IPv4 stack");
    int32_t index = ipv4->GetInterfaceForDevice(device);
    NS_ABORT_MSG_IF(index < 0, "RoamingArpKeeper: device has no IPv4 interface");
    m_cache = ipv4->GetInterface(index)->GetArpCache();
    if (ipv4->GetNAddresses(index) > 0)
    {
        m_ownAddress = ipv4->GetAddress(index, 0).GetLocal();
    }
    NS_ABORT_MSG_IF(!m_cache, "RoamingArpKeeper: interface has no ARP cache");
    m_device = device;
    // registered after ArpL3Protocol's ArpCache::Flush, hence called after it
    device->AddLinkChangeCallback(MakeCallback(&RoamingArpKeeper::Restore, this));
}

void
RoamingArpKeeper::Put(Ipv4Address ip, Mac48Address mac)
{
    if (ArpCache::Entry* old = m_cache->Lookup(ip))
    {
        m_cache->Remove(old);
    }
    ArpCache::Entry* entry = m_cache->Add(ip);
    entry->SetMacAddress(mac);
    entry->MarkPermanent();
}

void
RoamingArpKeeper::Add(Ipv4Address ip, Mac48Address mac)
{
    NS_LOG_FUNCTION(this << ip << mac);
    m_entries[ip] = mac;
    Put(ip, mac);
}

void
RoamingArpKeeper::Forget(Ipv4Address ip)
{
    m_entries.erase(ip);
}

void
RoamingArpKeeper::Announce()
{
    if (!m_device || !m_device->IsLinkUp() || m_ownAddress == Ipv4Address())
    {
        return;
    }
    ArpHeader arp;
    arp.SetRequest(m_device->GetAddress(), m_ownAddress, m_device->GetBroadcast(), m_ownAddress);
    auto packet = Create<Packet>();
    packet->AddHeader(arp);
    if (m_device->Send(packet, m_device->GetBroadcast(), ArpL3Protocol::PROT_NUMBER))
    {
        m_announcements++;
    }
}

uint32_t
RoamingArpKeeper::GetAnnouncementCount() const
{
    return m_announcements;
}

uint32_t
RoamingArpKeeper::GetRestoreCount() const
{
    return m_restores;
}

void
RoamingArpKeeper::Restore()
{
    NS_LOG_FUNCTION(this);
    if (!m_cache)
    {
        return;
    }
    for (const auto& [ip, mac] : m_entries)
    {
        Put(ip, mac);
    }
    m_restores++;
    m_restoreTrace(static_cast<uint32_t>(m_entries.size()));
    if (m_announce && m_device->IsLinkUp())
    {
        // not from inside the device's link-up notification
        Simulator::ScheduleNow(&RoamingArpKeeper::Announce, this);
    }
}

void
RoamingArpKeeper::PopulateSubnets(NodeContainer nodes)
{
    struct Host
    {
        Ptr<NetDevice> device;
        Ipv4InterfaceAddress address;
    };

    std::vector<Host> hosts;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        auto ipv4 = (*it)->GetObject<Ipv4L3Protocol>();
        if (!ipv4)
        {
            continue;
        }
        for (uint32_t i = 0; i < ipv4->GetNInterfaces(); i++)
        {
            auto iface = ipv4->GetInterface(i);
            auto dev = iface->GetDevice();
            if (!iface->GetArpCache() || !Mac48Address::IsMatchingType(dev->GetAddress()))
            {
                continue;
            }
            for (uint32_t a = 0; a < iface->GetNAddresses(); a++)
            {
                hosts.push_back({dev, iface->GetAddress(a)});
            }
        }
    }
    for (const auto& self : hosts)
    {
        for (const auto& other : hosts)
        {
            Ipv4Mask mask = self.address.GetMask();
            if (self.device == other.device
                || self.address.GetLocal().CombineMask(mask)
                       != other.address.GetLocal().CombineMask(mask))
            {
                continue;
            }
            Install(self.device)
                ->Add(other.address.GetLocal(),
                      Mac48Address::ConvertFrom(other.device->GetAddress()));
        }
    }
}

} // namespace ns3
