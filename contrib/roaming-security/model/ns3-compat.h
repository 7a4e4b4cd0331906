/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Where the module's code differs between the ns-3 releases it supports (3.37 and
 * 3.48, roamsec-ns3-version.cmake). The build defines ROAMSEC_NS3_VERSION_MINOR (37 or
 * 48); besides this file only grid-spectrum-channel.cc, which follows each release's
 * stock spectrum channel, and its test suite test it.
 * Every difference, and how it is handled, is listed in doc/roaming-security.rst
 * ("Supported ns-3 versions").
 */
#ifndef ROAMSEC_NS3_COMPAT_H
#define ROAMSEC_NS3_COMPAT_H

#ifndef ROAMSEC_NS3_VERSION_MINOR
#error "ROAMSEC_NS3_VERSION_MINOR is not defined: build through the module's CMakeLists.txt"
#endif

#if ROAMSEC_NS3_VERSION_MINOR != 37 && ROAMSEC_NS3_VERSION_MINOR != 48
#error "roaming-security supports ns-3.37 and ns-3.48 only"
#endif

/// True when building against ns-3.48 (else ns-3.37).
#define ROAMSEC_NS3_48 (ROAMSEC_NS3_VERSION_MINOR >= 48)

#include "ns3/enum.h"
#include "ns3/ptr.h"
#include "ns3/sta-wifi-mac.h"

#if ROAMSEC_NS3_48
#include "ns3/fcfs-wifi-queue-scheduler.h"
#else
#include "ns3/object-factory.h"
#include "ns3/wifi-mac-queue-scheduler.h"
#endif

namespace ns3 {

class WifiMpdu;
class WifiMac;
class WifiMacHeader;
class Packet;

namespace compat {

/**
 * \ingroup roaming-security
 * The value of an enum attribute, for GetAttribute (3.37: EnumValue holds an int;
 * 3.48: EnumValue<E>). Set one with EnumValue(e), which both releases accept for an
 * unscoped enum.
 */
#if ROAMSEC_NS3_48
template <typename E>
using EnumAttributeValue = EnumValue<E>;
#else
template <typename E>
using EnumAttributeValue = EnumValue;
#endif

/**
 * \ingroup roaming-security
 * The accessor of an enum attribute on an unscoped-enum member (3.37: MakeEnumAccessor
 * has no enum type parameter; 3.48: MakeEnumAccessor<E> needs it).
 * \tparam E the enum
 * \param member pointer to the member
 * \return the accessor
 */
template <typename E, typename M>
Ptr<const AttributeAccessor>
MakeEnumAttributeAccessor(M member)
{
#if ROAMSEC_NS3_48
    return MakeEnumAccessor<E>(member);
#else
    return MakeEnumAccessor(member);
#endif
}

/**
 * \ingroup roaming-security
 * \param params the scanning parameters of a STA
 * \return whether they ask for active scanning (3.37: WifiScanParams::ACTIVE;
 *         3.48: WifiScanType::ACTIVE)
 */
bool IsActiveScan(const WifiScanParams& params);

/**
 * \ingroup roaming-security
 * Queue a broadcast Probe Request on the STA's (single) link
 * (3.37: StaWifiMac::SendProbeRequest; 3.48: EnqueueProbeRequest of GetProbeRequest).
 * \param mac the STA MAC
 */
void SendProbeRequest(Ptr<StaWifiMac> mac);

/**
 * \ingroup roaming-security
 * Cancel a pending Association Request retry timer of a STA that (re)starts scanning.
 * ns-3.37's StaWifiMac::Disassociated leaves it running (ns-3 issue 862, fixed in
 * 3.39 by cancelling it there): in a crowded cell it fires during the scan that
 * follows a beacon loss, while the link has no BSSID, and ns-3 aborts ("No BSSID set
 * for the link ..."). On 3.48 the timer is already cancelled and this does nothing.
 * \param mac the STA MAC
 */
void CancelAssociationRequestTimer(Ptr<StaWifiMac> mac);

/**
 * Queues a Disassociation frame (IEEE 802.11-2020 9.3.3.5) from an associated STA to its
 * AP, on the queue StaWifiMac uses for its (Re)Association Request.
 * \param mac the STA MAC
 * \param bssid the AP
 * \param reasonCode the Reason Code field (Table 9-49), e.g. 8: leaving the BSS
 */
void SendDisassociation(Ptr<StaWifiMac> mac, Mac48Address bssid, uint16_t reasonCode);

/**
 * \ingroup roaming-security
 * Queue a management frame where ns-3's AP queues its (re)association responses: the
 * Txop without QoS; with QoS, AC_BE to a non-QoS STA, else AC_VO (802.11-2020
 * 10.2.3.2). 3.37: Txop::Queue(Ptr<Packet>, WifiMacHeader); 3.48: Txop::Queue(Ptr<WifiMpdu>).
 * \param mac the MAC
 * \param body the frame body
 * \param hdr its MAC header (type, addresses)
 */
void QueueManagementFrame(Ptr<WifiMac> mac, Ptr<Packet> body, const WifiMacHeader& hdr);

/**
 * \ingroup roaming-security
 * Make a STA leave its AP the way it does after a beacon loss (StaWifiMac::Disassociated,
 * private in both releases; 3.37 takes a link ID): state UNASSOCIATED, the DeAssoc trace,
 * then a new scan through the association manager. ns-3 has no call for a STA that is
 * told to leave (it ignores or aborts on a Deauthentication, see InterceptLeaveFrames).
 * The beacon watchdog is cancelled first: left running it would end the new scan or
 * association half-way (ScanningTimeout arms it again on the next association).
 * \param mac the STA MAC
 */
void Disassociate(Ptr<StaWifiMac> mac);

/**
 * \ingroup roaming-security
 * Receives a frame the MAC would otherwise see; returns true when it took the frame.
 */
using ReceivedFrameFilter = Callback<bool, Ptr<const WifiMpdu>>;

/**
 * \ingroup roaming-security
 * Let a callback see every frame the MAC receives (after ACK, duplicate detection and
 * defragmentation, i.e. in the MAC's MacRxMiddle) before WifiMac::Receive does, and take
 * some of them. StaWifiMac handles no Deauthentication or Disassociation frame: 3.37
 * ends in WifiMac::Receive's "Don't know how to handle frame" abort, 3.48 drops them;
 * the filter lets the module act on them instead. The MacRxMiddle is reached through
 * the frame exchange manager (protected member in both releases).
 * \param mac the MAC
 * \param filter the filter; frames for which it returns false go on to the MAC; a null
 *        filter ends the interception (every frame goes to the MAC)
 */
void InterceptReceivedFrames(Ptr<WifiMac> mac, ReceivedFrameFilter filter);

/**
 * \ingroup roaming-security
 *
 * A first-come-first-served MAC queue scheduler that asks KeepBeforeEnqueue about
 * every MPDU (data from the device, frames an AP relays, management frames) before
 * it enters a MAC queue, and drops it when the answer is false.
 *
 * ns-3.48: FcfsWifiQueueScheduler's HasToDropBeforeEnqueue may be overridden, so this
 * class derives from it. ns-3.37: the stock schedulers mark it final, so this class
 * wraps an FcfsWifiQueueScheduler, forwards the scheduling to it and re-points the
 * MAC queues at itself.
 */
#if ROAMSEC_NS3_48
class FilteringFcfsQueueScheduler : public FcfsWifiQueueScheduler
{
public:
    Ptr<WifiMpdu> HasToDropBeforeEnqueue(AcIndex ac, Ptr<WifiMpdu> mpdu) override;

protected:
    /**
     * \param mpdu an MPDU about to be queued (may be edited)
     * \return false to drop it
     */
    virtual bool KeepBeforeEnqueue(Ptr<WifiMpdu> mpdu) = 0;
};
#else
class FilteringFcfsQueueScheduler : public WifiMacQueueScheduler
{
public:
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
    /**
     * \param mpdu an MPDU about to be queued (may be edited)
     * \return false to drop it
     */
    virtual bool KeepBeforeEnqueue(Ptr<WifiMpdu> mpdu) = 0;

private:
    Ptr<WifiMacQueueScheduler> m_inner; ///< the wrapped FcfsWifiQueueScheduler
};
#endif

} // namespace compat
} // namespace ns3

#endif /* ROAMSEC_NS3_COMPAT_H */
