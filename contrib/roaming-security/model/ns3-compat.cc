/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3-compat.h"

#include "ns3/mac48-address.h"
#include "ns3/packet.h"
#include "ns3/qos-txop.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-remote-station-manager.h"
#include "ns3/simulator.h"
#include "ns3/wifi-mac-queue.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"

namespace ns3 {
namespace compat {

bool
IsActiveScan(const WifiScanParams& params)
{
#if ROAMSEC_NS3_48
    return params.type == WifiScanType::ACTIVE;
#else
    return params.type == WifiScanParams::ACTIVE;
#endif
}

void
SendProbeRequest(Ptr<StaWifiMac> mac)
{
#if ROAMSEC_NS3_48
    mac->EnqueueProbeRequest(mac->GetProbeRequest(SINGLE_LINK_OP_ID), SINGLE_LINK_OP_ID,
                             Mac48Address::GetBroadcast(), Mac48Address::GetBroadcast());
#else
    mac->SendProbeRequest();
#endif
}

#if !ROAMSEC_NS3_48
namespace {
// StaWifiMac::m_assocRequestEvent is private in 3.37. An explicit template
// instantiation may name a private member ([temp.explicit]: access checks do not
// apply), which gives a member pointer to it without patching ns-3.
struct AssocRequestEventTag
{
    using Type = EventId StaWifiMac::*;
    friend Type MemberOf(AssocRequestEventTag);
};

template <typename Tag, typename Tag::Type Member>
struct PrivateMember
{
    friend typename Tag::Type MemberOf(Tag) { return Member; }
};

template struct PrivateMember<AssocRequestEventTag, &StaWifiMac::m_assocRequestEvent>;
} // namespace
#endif

void
SendDisassociation(Ptr<StaWifiMac> mac, Mac48Address bssid, uint16_t reasonCode)
{
    WifiMacHeader hdr;
    hdr.SetType(WIFI_MAC_MGT_DISASSOCIATION);
    hdr.SetAddr1(bssid);
    hdr.SetAddr2(mac->GetAddress());
    hdr.SetAddr3(bssid);
    hdr.SetDsNotFrom();
    hdr.SetDsNotTo();
    const uint8_t body[2] = {static_cast<uint8_t>(reasonCode & 0xff),
                             static_cast<uint8_t>(reasonCode >> 8)};
    Ptr<Packet> packet = Create<Packet>(body, sizeof(body));
    Ptr<Txop> txop = mac->GetTxop();
    if (mac->GetQosSupported())
    {
        txop = mac->GetWifiRemoteStationManager()->GetQosSupported(bssid) ? mac->GetQosTxop(AC_VO)
                                                                          : mac->GetQosTxop(AC_BE);
    }
#if ROAMSEC_NS3_48
    txop->Queue(Create<WifiMpdu>(packet, hdr));
#else
    txop->Queue(packet, hdr);
#endif
}

void
CancelAssociationRequestTimer(Ptr<StaWifiMac> mac)
{
#if !ROAMSEC_NS3_48
    (PeekPointer(mac)->*MemberOf(AssocRequestEventTag{})).Cancel();
#endif
}

#if ROAMSEC_NS3_48

Ptr<WifiMpdu>
FilteringFcfsQueueScheduler::HasToDropBeforeEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu)
{
    if (!KeepBeforeEnqueue(mpdu))
    {
        return mpdu;
    }
    return FcfsWifiQueueScheduler::HasToDropBeforeEnqueue(ac, mpdu);
}

#else

void
FilteringFcfsQueueScheduler::DoDispose()
{
    if (m_inner)
    {
        m_inner->Dispose();
    }
    m_inner = nullptr;
    WifiMacQueueScheduler::DoDispose();
}

void
FilteringFcfsQueueScheduler::SetWifiMac(Ptr<WifiMac> mac)
{
    WifiMacQueueScheduler::SetWifiMac(mac);
    ObjectFactory factory("ns3::FcfsWifiQueueScheduler");
    m_inner = factory.Create<WifiMacQueueScheduler>();
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
FilteringFcfsQueueScheduler::GetNext(AcIndex ac, uint8_t linkId)
{
    return m_inner->GetNext(ac, linkId);
}

std::optional<WifiContainerQueueId>
FilteringFcfsQueueScheduler::GetNext(AcIndex ac, uint8_t linkId,
                                     const WifiContainerQueueId& prevQueueId)
{
    return m_inner->GetNext(ac, linkId, prevQueueId);
}

std::list<uint8_t>
FilteringFcfsQueueScheduler::GetLinkIds(AcIndex ac, const WifiContainerQueueId& queueId)
{
    return m_inner->GetLinkIds(ac, queueId);
}

void
FilteringFcfsQueueScheduler::SetLinkIds(AcIndex ac, const WifiContainerQueueId& queueId,
                                        const std::list<uint8_t>& linkIds)
{
    m_inner->SetLinkIds(ac, queueId, linkIds);
}

Ptr<WifiMpdu>
FilteringFcfsQueueScheduler::HasToDropBeforeEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu)
{
    if (!KeepBeforeEnqueue(mpdu))
    {
        return mpdu;
    }
    return m_inner->HasToDropBeforeEnqueue(ac, mpdu);
}

void
FilteringFcfsQueueScheduler::NotifyEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu)
{
    m_inner->NotifyEnqueue(ac, mpdu);
}

void
FilteringFcfsQueueScheduler::NotifyDequeue(AcIndex ac, const std::list<Ptr<WifiMpdu>>& mpdus)
{
    m_inner->NotifyDequeue(ac, mpdus);
}

void
FilteringFcfsQueueScheduler::NotifyRemove(AcIndex ac, const std::list<Ptr<WifiMpdu>>& mpdus)
{
    m_inner->NotifyRemove(ac, mpdus);
}

#endif

} // namespace compat
} // namespace ns3
