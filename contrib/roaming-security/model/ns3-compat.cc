/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3-compat.h"

#include "ns3/frame-exchange-manager.h"
#include "ns3/mac-rx-middle.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"
#include "ns3/qos-txop.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-remote-station-manager.h"
#include "ns3/simulator.h"
#include "ns3/txop.h"
#include "ns3/wifi-mac-queue.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-remote-station-manager.h"

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

namespace {
// Private members of ns-3 classes: an explicit template instantiation may name a
// private member ([temp.explicit]: access checks do not apply), which gives a member
// pointer to it without patching ns-3.
template <typename Tag, typename Tag::Type Member>
struct PrivateMember
{
    friend typename Tag::Type MemberOf(Tag) { return Member; }
};

#if !ROAMSEC_NS3_48
// StaWifiMac::m_assocRequestEvent is private in 3.37.
struct AssocRequestEventTag
{
    using Type = EventId StaWifiMac::*;
    friend Type MemberOf(AssocRequestEventTag);
};

template struct PrivateMember<AssocRequestEventTag, &StaWifiMac::m_assocRequestEvent>;
#endif
} // namespace

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
    QueueManagementFrame(mac, Create<Packet>(body, sizeof(body)), hdr);
}

void
CancelAssociationRequestTimer(Ptr<StaWifiMac> mac)
{
#if !ROAMSEC_NS3_48
    (PeekPointer(mac)->*MemberOf(AssocRequestEventTag{})).Cancel();
#endif
}

namespace {
// StaWifiMac::Disassociated is private in both releases (3.37: per link), and so is
// 3.48's beacon watchdog: reached as above, through explicit instantiations.
#if ROAMSEC_NS3_48
using DisassociatedType = void (StaWifiMac::*)();
#else
using DisassociatedType = void (StaWifiMac::*)(uint8_t);
#endif

struct DisassociatedTag
{
    using Type = DisassociatedType;
    friend Type MemberOf(DisassociatedTag);
};

template struct PrivateMember<DisassociatedTag, &StaWifiMac::Disassociated>;

#if ROAMSEC_NS3_48
struct BeaconWatchdogTag
{
    using Type = EventId StaWifiMac::*;
    friend Type MemberOf(BeaconWatchdogTag);
};

template struct PrivateMember<BeaconWatchdogTag, &StaWifiMac::m_beaconWatchdog>;
#else
// 3.37 keeps the watchdog in the protected per-link entity: a derived class may name
// the protected accessor, and a member pointer formed there works on any StaWifiMac.
struct StaLinkAccess : public StaWifiMac
{
    static EventId& BeaconWatchdog(StaWifiMac& mac, uint8_t linkId)
    {
        return (mac.*(&StaLinkAccess::GetLink))(linkId).beaconWatchdog;
    }
};
#endif

// The MAC's receive entry point and its MacRxMiddle are protected (WifiMac::Receive,
// FrameExchangeManager::m_rxMiddle): reached through derived classes, as above.
struct WifiMacAccess : public WifiMac
{
    using ReceiveType = void (WifiMac::*)(Ptr<const WifiMpdu>, uint8_t);

    static ReceiveType ReceiveMember() { return &WifiMacAccess::Receive; }
};

struct FemAccess : public FrameExchangeManager
{
    static Ptr<MacRxMiddle> RxMiddle(FrameExchangeManager& fem)
    {
        return fem.*(&FemAccess::m_rxMiddle);
    }
};

/** Sits between the MacRxMiddle and the MAC (a raw pointer: the MAC owns both). */
class ReceiveInterceptor : public SimpleRefCount<ReceiveInterceptor>
{
public:
    ReceiveInterceptor(WifiMac* mac, ReceivedFrameFilter filter)
        : m_mac(mac)
        , m_filter(filter)
    {}

    void Receive(Ptr<const WifiMpdu> mpdu, uint8_t linkId)
    {
        if (!m_filter.IsNull() && m_filter(mpdu))
        {
            return;
        }
        (m_mac->*WifiMacAccess::ReceiveMember())(mpdu, linkId);
    }

private:
    WifiMac* m_mac;
    ReceivedFrameFilter m_filter;
};
} // namespace

void
QueueManagementFrame(Ptr<WifiMac> mac, Ptr<Packet> body, const WifiMacHeader& hdr)
{
    // The queue ns-3's AP uses for its (re)association responses: the Txop without QoS;
    // with QoS, AC_BE to a non-QoS STA, else AC_VO (802.11-2020 10.2.3.2).
    Ptr<Txop> txop = mac->GetTxop();
    if (mac->GetQosSupported())
    {
        txop = mac->GetWifiRemoteStationManager()->GetQosSupported(hdr.GetAddr1())
                   ? Ptr<Txop>(mac->GetQosTxop(AC_VO))
                   : Ptr<Txop>(mac->GetQosTxop(AC_BE));
    }
    NS_ABORT_MSG_IF(!txop, "QueueManagementFrame: the MAC has no queue for management frames");
#if ROAMSEC_NS3_48
    txop->Queue(Create<WifiMpdu>(body, hdr));
#else
    txop->Queue(body, hdr);
#endif
}

void
Disassociate(Ptr<StaWifiMac> mac)
{
#if ROAMSEC_NS3_48
    (PeekPointer(mac)->*MemberOf(BeaconWatchdogTag{})).Cancel();
    (PeekPointer(mac)->*MemberOf(DisassociatedTag{}))();
#else
    StaLinkAccess::BeaconWatchdog(*mac, SINGLE_LINK_OP_ID).Cancel();
    (PeekPointer(mac)->*MemberOf(DisassociatedTag{}))(SINGLE_LINK_OP_ID);
#endif
}

void
InterceptReceivedFrames(Ptr<WifiMac> mac, ReceivedFrameFilter filter)
{
    Ptr<FrameExchangeManager> fem = mac->GetFrameExchangeManager(SINGLE_LINK_OP_ID);
    Ptr<MacRxMiddle> rxMiddle = fem ? FemAccess::RxMiddle(*fem) : nullptr;
    if (filter.IsNull() && !rxMiddle)
    {
        return; // ending an interception on a MAC that is being taken apart
    }
    NS_ABORT_MSG_IF(!fem, "InterceptReceivedFrames: the MAC has no frame exchange manager yet");
    NS_ABORT_MSG_IF(!rxMiddle, "InterceptReceivedFrames: the MAC has no MacRxMiddle");
    auto interceptor = Create<ReceiveInterceptor>(PeekPointer(mac), filter);
    rxMiddle->SetForwardCallback(MakeCallback(&ReceiveInterceptor::Receive, interceptor));
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
