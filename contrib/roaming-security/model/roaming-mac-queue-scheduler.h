/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A MAC queue scheduler that lets our code see (and edit or drop) every MPDU before
 * ns-3.37 queues it, delegating the actual scheduling to a stock scheduler.
 */
#ifndef ROAMING_MAC_QUEUE_SCHEDULER_H
#define ROAMING_MAC_QUEUE_SCHEDULER_H

#include "ns3/callback.h"
#include "ns3/object-factory.h"
#include "ns3/wifi-mac-queue-scheduler.h"

#include <list>

namespace ns3 {

class WifiMpdu;

/**
 * \ingroup wifi
 *
 * Decorator over a stock WifiMacQueueScheduler (FcfsWifiQueueScheduler by default).
 * In 3.37 the scheduler's HasToDropBeforeEnqueue is the one place every MPDU passes
 * before entering a MAC queue (data from the device, frames the AP relays, management
 * frames): WifiMacQueue::DoEnqueue asks it and drops the MPDU if it is returned.
 * The stock schedulers mark that method final, so this class wraps one instead of
 * deriving from it, and re-points the MAC queues at itself.
 *
 * Hooks are called in the order added; a hook may edit the MPDU (header and packet)
 * and returns false to have it dropped.
 */
class RoamingMacQueueScheduler : public WifiMacQueueScheduler
{
public:
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

    void SetWifiMac(Ptr<WifiMac> mac) override;
    std::optional<WifiContainerQueueId> GetNext(AcIndex ac, uint8_t linkId) override;
    std::optional<WifiContainerQueueId> GetNext(AcIndex ac, uint8_t linkId,
                                                const WifiContainerQueueId& prevQueueId) override;
    std::list<uint8_t> GetLinkIds(AcIndex ac, const WifiContainerQueueId& queueId) override;
    void SetLinkIds(AcIndex ac, const WifiContainerQueueId& queueId,
                    const std::list<uint8_t>& linkIds) override;
    Ptr<WifiMpdu> HasToDropBeforeEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu) override;
    void NotifyEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu) override;
    void NotifyDequeue(AcIndex ac, const std::list<Ptr<WifiMpdu>>& mpdus) override;
    void NotifyRemove(AcIndex ac, const std::list<Ptr<WifiMpdu>>& mpdus) override;

protected:
    void DoDispose() override;

private:
    void SetInnerScheduler(std::string type);
    std::string GetInnerScheduler() const;

    ObjectFactory m_innerFactory;                        ///< type of the wrapped scheduler
    Ptr<WifiMacQueueScheduler> m_inner;                  ///< the wrapped scheduler
    std::list<std::pair<uint32_t, EnqueueHook>> m_hooks; ///< hooks, in order
    uint32_t m_nextHookId{1};
};

} // namespace ns3

#endif /* ROAMING_MAC_QUEUE_SCHEDULER_H */
