/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Permanent ARP entries that survive ns-3.37's flush of the ARP cache on every link
 * change (a roaming STA's link goes down and up on each re-association).
 */
#ifndef ROAMING_ARP_KEEPER_H
#define ROAMING_ARP_KEEPER_H

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3 {

class ArpCache;

/**
 * \ingroup roaming-security
 *
 * Keeps permanent entries in the ARP cache of one IPv4 interface. In 3.37
 * ArpL3Protocol::CreateCache registers ArpCache::Flush as a link-change callback of the
 * device and Flush deletes every entry, permanent ones included; this object registers
 * a later link-change callback that puts its entries back right after each flush
 * (NetDevice link-change callbacks run in registration order), so no ARP exchange is
 * needed after a re-association. Aggregated to the device.
 *
 * With permanent entries a STA may send nothing after a roam, and the learning bridges
 * of the distribution system keep sending its downlink to the old AP. So on each link up
 * the keeper broadcasts a gratuitous ARP request (sender and target = own address,
 * RFC 5227 section 3 "ARP Announcement") from the device: it teaches every bridge where
 * the STA now is, like the Layer 2 Update frame an AP sends in IEEE 802.11F-2003 3.1.
 */
class RoamingArpKeeper : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingArpKeeper();
    ~RoamingArpKeeper() override;

    /**
     * Get (creating it if needed) the keeper of a device. The device must already
     * have an IPv4 interface (its ARP cache exists then).
     * \param device the device
     * \return its keeper
     */
    static Ptr<RoamingArpKeeper> Install(Ptr<NetDevice> device);

    /**
     * Give every IPv4 node in the set permanent entries for all the other nodes' addresses
     * in the same subnet (only Mac48Address devices; nodes without IPv4 are skipped).
     * \param nodes the nodes
     */
    static void PopulateSubnets(NodeContainer nodes);

    /// Add (or replace) a permanent entry and keep it across flushes.
    /// \param ip the neighbour's IPv4 address
    /// \param mac its MAC address
    void Add(Ipv4Address ip, Mac48Address mac);
    /// Stop keeping an entry (it stays until the next flush).
    /// \param ip the neighbour's IPv4 address
    void Forget(Ipv4Address ip);
    /// \return how many times the entries were restored after a flush
    uint32_t GetRestoreCount() const;
    /// \return how many gratuitous ARP announcements were sent
    uint32_t GetAnnouncementCount() const;

protected:
    void DoDispose() override;

public:
    /**
     * Signature of the Restored trace source.
     * \param entries how many permanent entries were put back
     */
    typedef void (*RestoredCallback)(uint32_t entries);

private:
    void Attach(Ptr<NetDevice> device);
    void Restore();
    void Announce();
    void Put(Ipv4Address ip, Mac48Address mac);

    Ptr<NetDevice> m_device;
    Ptr<ArpCache> m_cache;
    Ipv4Address m_ownAddress;
    bool m_announce{true};
    uint32_t m_announcements{0};
    std::map<Ipv4Address, Mac48Address> m_entries;
    uint32_t m_restores{0};
    TracedCallback<uint32_t> m_restoreTrace;
};

} // namespace ns3

#endif /* ROAMING_ARP_KEEPER_H */
