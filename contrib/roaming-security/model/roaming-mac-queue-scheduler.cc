/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-mac-queue-scheduler.h"

#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/wifi-mac-queue.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingMacQueueScheduler");

NS_OBJECT_ENSURE_REGISTERED(RoamingMacQueueScheduler);

TypeId
RoamingMacQueueScheduler::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingMacQueueScheduler")
              .SetParent<WifiMacQueueScheduler>()
              .AddConstructor<RoamingMacQueueScheduler>()
              .SetGroupName("RoamingSecurity")
              .AddAttribute("InnerScheduler",
                            "TypeId of the stock scheduler doing the actual scheduling.",
                            StringValue("ns3::FcfsWifiQueueScheduler"),
                            MakeStringAccessor(&RoamingMacQueueScheduler::SetInnerScheduler,
                                               &RoamingMacQueueScheduler::GetInnerScheduler),
                            MakeStringChecker());
    return tid;
}

RoamingMacQueueScheduler::RoamingMacQueueScheduler()
{
    NS_LOG_FUNCTION(this);
    m_innerFactory.SetTypeId("ns3::FcfsWifiQueueScheduler");
}

RoamingMacQueueScheduler::~RoamingMacQueueScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
RoamingMacQueueScheduler::DoDispose()
{
    m_hooks.clear();
    if (m_inner)
    {
        m_inner->Dispose();
    }
    m_inner = nullptr;
    WifiMacQueueScheduler::DoDispose();
}

void
RoamingMacQueueScheduler::SetInnerScheduler(std::string type)
{
    m_innerFactory.SetTypeId(type);
}

std::string
RoamingMacQueueScheduler::GetInnerScheduler() const
{
    return m_innerFactory.GetTypeId().GetName();
}

Ptr<RoamingMacQueueScheduler>
RoamingMacQueueScheduler::Get(Ptr<WifiMac> mac)
{
    return mac ? DynamicCast<RoamingMacQueueScheduler>(mac->GetMacQueueScheduler()) : nullptr;
}

uint32_t
RoamingMacQueueScheduler::AddEnqueueHook(EnqueueHook hook)
{
    m_hooks.emplace_back(m_nextHookId, hook);
    return m_nextHookId++;
}

void
RoamingMacQueueScheduler::RemoveEnqueueHook(uint32_t id)
{
    m_hooks.remove_if([id](const auto& h) { return h.first == id; });
}

void
RoamingMacQueueScheduler::SetWifiMac(Ptr<WifiMac> mac)
{
    NS_LOG_FUNCTION(this << mac);
    WifiMacQueueScheduler::SetWifiMac(mac);
    m_inner = m_innerFactory.Create<WifiMacQueueScheduler>();
    // the inner scheduler registers itself with the queues: take them back
    m_inner->SetWifiMac(mac);
    for (auto ac : {AC_BE, AC_BK, AC_VI, AC_VO, AC_BE_NQOS, AC_BEACON})
    {
        if (auto queue = mac->GetTxopQueue(ac))
        {
            queue->SetScheduler(this);
        }
    }
}

std::optional<WifiContainerQueueId>
RoamingMacQueueScheduler::GetNext(AcIndex ac, uint8_t linkId)
{
    return m_inner->GetNext(ac, linkId);
}

std::optional<WifiContainerQueueId>
RoamingMacQueueScheduler::GetNext(AcIndex ac, uint8_t linkId,
                                  const WifiContainerQueueId& prevQueueId)
{
    return m_inner->GetNext(ac, linkId, prevQueueId);
}

std::list<uint8_t>
RoamingMacQueueScheduler::GetLinkIds(AcIndex ac, const WifiContainerQueueId& queueId)
{
    return m_inner->GetLinkIds(ac, queueId);
}

void
RoamingMacQueueScheduler::SetLinkIds(AcIndex ac, const WifiContainerQueueId& queueId,
                                     const std::list<uint8_t>& linkIds)
{
    m_inner->SetLinkIds(ac, queueId, linkIds);
}

Ptr<WifiMpdu>
RoamingMacQueueScheduler::HasToDropBeforeEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu)
{
    NS_LOG_FUNCTION(this << +ac << *mpdu);
    // copy: a hook may add or remove hooks
    auto hooks = m_hooks;
    for (auto& [id, hook] : hooks)
    {
        if (!hook(mpdu))
        {
            NS_LOG_DEBUG("hook " << id << " drops " << *mpdu);
            return mpdu;
        }
    }
    return m_inner->HasToDropBeforeEnqueue(ac, mpdu);
}

void
RoamingMacQueueScheduler::NotifyEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu)
{
    m_inner->NotifyEnqueue(ac, mpdu);
}

void
RoamingMacQueueScheduler::NotifyDequeue(AcIndex ac, const std::list<Ptr<WifiMpdu>>& mpdus)
{
    m_inner->NotifyDequeue(ac, mpdus);
}

void
RoamingMacQueueScheduler::NotifyRemove(AcIndex ac, const std::list<Ptr<WifiMpdu>>& mpdus)
{
    m_inner->NotifyRemove(ac, mpdus);
}

} // namespace ns3
