/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IEEE 802.1X controlled/uncontrolled port on an ns-3.37 WifiNetDevice.
 */
#ifndef DOT1X_CONTROLLED_PORT_H
#define DOT1X_CONTROLLED_PORT_H

#include "ns3/mac48-address.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-mac.h"

#include <set>

namespace ns3 {

class WifiNetDevice;
class WifiMpdu;
class RoamingMacQueueScheduler;

/**
 * \ingroup roaming-security
 *
 * Per-device 802.1X port (IEEE 802.1X-2020 clause 6.3; IEEE 802.11-2020 12.7 for RSNA).
 * Frames whose EtherType is EAPOL (0x888E) or RSN pre-authentication (0x88C7) use the
 * uncontrolled port and always pass. Every other data frame to or from a peer that is
 * not authorized is dropped and counted:
 *  - received (AP: uplink from a STA; STA: anything while its AP is not authorized):
 *    a filter on the MAC's forward-up callback, in front of the device's;
 *  - transmitted (AP: downlink and relayed frames to a STA; STA: uplink to its AP) and
 *    relayed inside the BSS from an unauthorized STA (AP only): a hook in the
 *    RoamingMacQueueScheduler, before the MPDU is queued.
 * On an AP the peers are STA addresses; on a STA the peer is the AP's BSSID.
 * A new (re)association or a disassociation closes the port for that peer (a fresh
 * association has no PTKSA; IEEE 802.11-2020 12.7.1), unless UnauthorizeOnAssocChange
 * is false. With RoamingAssocElements on the same device the port is closed when the
 * (Re)Association Request (AP) or successful Response (STA) is received, before that
 * object's callbacks run, so they may open it for the new association at once;
 * without it, on the MAC's association traces (AP: Response acknowledged; STA:
 * Response received).
 * Broadcast frames from the distribution system are not filtered (group traffic).
 * The port is aggregated to the device: device->GetObject<Dot1xControlledPort>().
 */
class Dot1xControlledPort : public Object
{
public:
    /// EtherType of EAPOL (IEEE 802.1X-2020 11.1.4).
    static constexpr uint16_t kEtherTypeEapol = 0x888E;
    /// EtherType of RSN pre-authentication (IEEE 802.11-2020 12.6.10.2).
    static constexpr uint16_t kEtherTypePreauth = 0x88C7;
    /// Over-DS pre-association PTK messages (roamsec::kEtherTypePreassoc, local experimental).
    static constexpr uint16_t kEtherTypePreassoc = 0x88B5;

    /// Where a frame was dropped.
    enum Direction
    {
        RX_FROM_PEER = 0, ///< received from the peer (filtered before the stack)
        TX_TO_PEER = 1,   ///< to be sent to the peer (filtered before the MAC queue)
        RELAY = 2         ///< AP relaying inside the BSS a frame from an unauthorized STA
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    Dot1xControlledPort();
    ~Dot1xControlledPort() override;

    /**
     * Create a port on a device and aggregate it to the device. The device's MAC must
     * use RoamingMacQueueScheduler (WifiMacHelper::SetMacQueueScheduler).
     * \param device an AP or STA WifiNetDevice
     * \return the port
     */
    static Ptr<Dot1xControlledPort> Install(Ptr<WifiNetDevice> device);

    /// Open the controlled port for a peer.
    /// \param peer the STA (on an AP) or the AP (on a STA)
    void Authorize(Mac48Address peer);
    /// Close it again.
    /// \param peer the STA (on an AP) or the AP (on a STA)
    void Unauthorize(Mac48Address peer);
    /// \param peer the STA (on an AP) or the AP (on a STA)
    /// \return whether the controlled port is open for the peer
    bool IsAuthorized(Mac48Address peer) const;

    /**
     * A (re)association with the peer is starting: close its port (if
     * UnauthorizeOnAssocChange). Called by RoamingAssocElements.
     * \param peer the STA (on an AP) or the AP (on a STA)
     */
    void NotifyAssociationStart(Mac48Address peer);

    /// \param dir a direction
    /// \return frames dropped in that direction
    uint64_t GetDropCount(Direction dir) const;

    /// \param etherType an EtherType
    /// \return whether the EtherType uses the uncontrolled port
    static bool IsUncontrolled(uint16_t etherType);
    /// \param msdu an MSDU
    /// \return the EtherType of an LLC/SNAP-encapsulated MSDU, or 0 if none
    static uint16_t PeekEtherType(Ptr<const Packet> msdu);

    /// Trace signature of "Drop".
    typedef void (*DropCallback)(Ptr<const Packet> packet, Mac48Address peer, Direction dir);
    /// Trace signature of "PortState".
    typedef void (*StateCallback)(Mac48Address peer, bool authorized);

protected:
    void DoDispose() override;

private:
    void Attach(Ptr<WifiNetDevice> device);
    void ForwardUpFilter(Ptr<const Packet> packet, Mac48Address from, Mac48Address to);
    bool EnqueueHook(Ptr<WifiMpdu> mpdu);
    void Drop(Ptr<const Packet> packet, Mac48Address peer, Direction dir);
    void StaAssoc(Mac48Address bssid);
    void StaDeAssoc(Mac48Address bssid);
    void ApAssoc(uint16_t aid, Mac48Address sta);
    void ApDeAssoc(uint16_t aid, Mac48Address sta);
    bool HasAssocElements() const;

    Ptr<WifiNetDevice> m_device;
    Ptr<WifiMac> m_mac;
    bool m_isAp{false};
    bool m_unauthorizeOnAssocChange{true};
    WifiMac::ForwardUpCallback m_deviceForwardUp; ///< the device's own forward-up
    Ptr<RoamingMacQueueScheduler> m_scheduler;
    uint32_t m_hookId{0};
    std::set<Mac48Address> m_authorized;
    uint64_t m_drops[3]{0, 0, 0};
    TracedCallback<Ptr<const Packet>, Mac48Address, Direction> m_dropTrace;
    TracedCallback<Mac48Address, bool> m_stateTrace;
};

} // namespace ns3

#endif /* DOT1X_CONTROLLED_PORT_H */
