/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-mac-queue-scheduler.h"

#include "ns3/log.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingMacQueueScheduler");

NS_OBJECT_ENSURE_REGISTERED(RoamingMacQueueScheduler);

TypeId
RoamingMacQueueScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RoamingMacQueueScheduler")
                            .SetParent<compat::FilteringFcfsQueueScheduler>()
                            .AddConstructor<RoamingMacQueueScheduler>()
                            .SetGroupName("RoamingSecurity");
    return tid;
}

RoamingMacQueueScheduler::RoamingMacQueueScheduler()
    : NS_LOG_TEMPLATE_DEFINE("RoamingMacQueueScheduler")
{
    NS_LOG_FUNCTION(this);
}

RoamingMacQueueScheduler::~RoamingMacQueueScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
RoamingMacQueueScheduler::DoDispose()
{
    m_hooks.clear();
    compat::FilteringFcfsQueueScheduler::DoDispose();
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

bool
RoamingMacQueueScheduler::KeepBeforeEnqueue(Ptr<WifiMpdu> mpdu)
{
    NS_LOG_FUNCTION(this << *mpdu);
    // copy: a hook may add or remove hooks
    auto hooks = m_hooks;
    for (auto& [id, hook] : hooks)
    {
        if (!hook(mpdu))
        {
            NS_LOG_DEBUG("hook " << id << " drops " << *mpdu);
            return false;
        }
    }
    return true;
}

} // namespace ns3
