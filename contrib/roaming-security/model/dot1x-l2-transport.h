/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Raw layer-2 transport of our frames (EAPOL, pre-authentication) over an ns-3 device.
 */
#ifndef DOT1X_L2_TRANSPORT_H
#define DOT1X_L2_TRANSPORT_H

#include "ns3/callback.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <vector>

namespace ns3 {

class Node;
class Packet;

/**
 * \ingroup roaming-security
 *
 * Sends payload bytes with one EtherType from a device to a MAC address and delivers
 * the payload of received frames of that EtherType (Node::RegisterProtocolHandler) with
 * the source MAC. On a Wi-Fi device the frame goes out LLC/SNAP-encapsulated in a data
 * frame; 0x888E and 0x88C7 pass a Dot1xControlledPort unauthorized.
 *
 * Receiving: by default on the sending device. An AP whose Wi-Fi device is in a
 * BridgeNetDevice gets frames addressed to it from the wired side (e.g. pre-authentication
 * relayed by another AP) through the bridge device; pass that device, or null for any.
 */
class Dot1xL2Transport : public Object
{
public:
    /// Receive callback: payload bytes, source MAC.
    using ReceiveCallback = Callback<void, const std::vector<uint8_t>&, Mac48Address>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    Dot1xL2Transport();
    ~Dot1xL2Transport() override;

    /**
     * Create a transport that receives on the sending device.
     * \param device the device to send from and receive on
     * \param etherType the EtherType sent and received
     * \return the transport
     */
    static Ptr<Dot1xL2Transport> Install(Ptr<NetDevice> device, uint16_t etherType);
    /**
     * \param device the device to send from
     * \param etherType the EtherType sent and received
     * \param rxDevice the device to receive on: the sending device if omitted, any
     *        device of the node if null
     * \return the transport
     */
    static Ptr<Dot1xL2Transport> Install(Ptr<NetDevice> device, uint16_t etherType,
                                         Ptr<NetDevice> rxDevice);

    /// \param cb called with the payload and source MAC of each received frame
    void SetReceiveCallback(ReceiveCallback cb);

    /**
     * Send a payload.
     * \param payload the bytes after the EtherType
     * \param dst the destination MAC
     * \return what NetDevice::Send returned (false: e.g. STA not associated)
     */
    bool Send(const std::vector<uint8_t>& payload, Mac48Address dst);

    /// \return the device frames are sent from
    Ptr<NetDevice> GetDevice() const;
    /// \return the EtherType sent and received
    uint16_t GetEtherType() const;

    /// \return the payloads the device accepted for sending
    uint64_t GetTxMessages() const;
    /// \return the payload bytes the device accepted for sending
    uint64_t GetTxBytes() const;
    /// \return the payloads received
    uint64_t GetRxMessages() const;
    /// \return the payload bytes received
    uint64_t GetRxBytes() const;
    /**
     * \return bytes of one frame on the air for a payload, without PHY preamble, ACK and
     *         retransmissions: MAC header (24, 26 with QoS) + LLC/SNAP (8) + payload + FCS (4);
     *         on a non-Wi-Fi device Ethernet header (14) + payload + FCS (4)
     * \param payloadBytes payload size
     */
    uint32_t GetAirBytes(uint32_t payloadBytes) const;
    /// \return the sum of GetAirBytes over sent messages
    uint64_t GetTxAirBytes() const;

    /// Trace signature of "Tx" and "Rx": payload, peer MAC.
    typedef void (*MessageCallback)(const std::vector<uint8_t>& payload, Mac48Address peer);

protected:
    void DoDispose() override;

private:
    void Receive(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
                 const Address& from, const Address& to, NetDevice::PacketType type);

    Ptr<NetDevice> m_device;
    uint16_t m_etherType{0};
    uint32_t m_frameOverhead{0};
    ReceiveCallback m_receive;
    uint64_t m_txMessages{0};
    uint64_t m_txBytes{0};
    uint64_t m_txAirBytes{0};
    uint64_t m_rxMessages{0};
    uint64_t m_rxBytes{0};
    TracedCallback<const std::vector<uint8_t>&, Mac48Address> m_txTrace;
    TracedCallback<const std::vector<uint8_t>&, Mac48Address> m_rxTrace;
};

} // namespace ns3

#endif /* DOT1X_L2_TRANSPORT_H */
