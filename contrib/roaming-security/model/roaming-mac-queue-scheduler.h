/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A MAC queue scheduler that lets our code see (and edit or drop) every MPDU before
 * ns-3 queues it.
 */
#ifndef ROAMING_MAC_QUEUE_SCHEDULER_H
#define ROAMING_MAC_QUEUE_SCHEDULER_H

#include "ns3-compat.h"
#include "ns3/callback.h"
#include "ns3/log.h"

#include <list>

namespace ns3 {

class WifiMac;
class WifiMpdu;

/**
 * \ingroup roaming-security
 *
 * The MAC queue scheduler of the module's APs and STAs: first come first served
 * (FcfsWifiQueueScheduler), with hooks that see every MPDU before it enters a MAC
 * queue (data from the device, frames the AP relays, management frames). The 802.1X
 * controlled port and the (re)association elements use them. How the hook point is
 * reached differs between ns-3 releases (compat::FilteringFcfsQueueScheduler).
 *
 * Hooks are called in the order added; a hook may edit the MPDU (header and packet)
 * and returns false to have it dropped.
 */
class RoamingMacQueueScheduler : public compat::FilteringFcfsQueueScheduler
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingMacQueueScheduler();
    ~RoamingMacQueueScheduler() override;

    /// A hook: may edit the MPDU; returns false to drop it.
    using EnqueueHook = Callback<bool, Ptr<WifiMpdu>>;

    /**
     * Add a hook seeing every MPDU before it is queued.
     * \param hook the hook
     * \return an id for RemoveEnqueueHook
     */
    uint32_t AddEnqueueHook(EnqueueHook hook);
    /// \param id an id returned by AddEnqueueHook
    void RemoveEnqueueHook(uint32_t id);

    /**
     * \param mac a wifi MAC
     * \return its scheduler if it is a RoamingMacQueueScheduler, else null
     */
    static Ptr<RoamingMacQueueScheduler> Get(Ptr<WifiMac> mac);

protected:
    void DoDispose() override;
    bool KeepBeforeEnqueue(Ptr<WifiMpdu> mpdu) override;

private:
    std::list<std::pair<uint32_t, EnqueueHook>> m_hooks; ///< hooks, in order
    uint32_t m_nextHookId{1};                            ///< id of the next hook added
    /// this class's log component (ns-3.48's FcfsWifiQueueScheduler declares a g_log of its own)
    NS_LOG_TEMPLATE_DECLARE;
};

} // namespace ns3

#endif /* ROAMING_MAC_QUEUE_SCHEDULER_H */
