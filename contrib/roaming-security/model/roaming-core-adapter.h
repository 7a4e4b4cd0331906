/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The seam between ns-3 and the ns-3-free core: time, bytes, addresses and
 * randomness converted one way, in one place.
 */
#ifndef ROAMSEC_ROAMING_CORE_ADAPTER_H
#define ROAMSEC_ROAMING_CORE_ADAPTER_H

#include "ns3/eapol.h"
#include "ns3/event-id.h"
#include "ns3/ft-session.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/preassoc-ptk.h"
#include "ns3/random-variable-stream.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/roamsec-time.h"
#include "ns3/simulator.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-phy.h"

#include <optional>
#include <utility>

namespace ns3 {

inline roamsec::TimeNs
ToCoreTime(Time t)
{
    return roamsec::TimeNs(t.GetNanoSeconds());
}

inline Time
ToNs3Time(roamsec::TimeNs t)
{
    return NanoSeconds(t.count());
}

inline roamsec::Bytes
PacketBytes(Ptr<const Packet> packet)
{
    roamsec::Bytes out(packet->GetSize());
    packet->CopyData(out.data(), out.size());
    return out;
}

inline Ptr<Packet>
BytesPacket(const roamsec::Bytes& bytes)
{
    return Create<Packet>(bytes.data(), bytes.size());
}

/**
 * A security frame (EAPOL, pre-authentication, pre-association) as a packet at user
 * priority 7: on a QoS link it goes in AC_VO, as deployed stacks send EAPOL (Linux
 * mac80211 sends control-port frames at priority 7), not behind the best-effort
 * downlink. Non-QoS links ignore the tag.
 */
inline Ptr<Packet>
SecurityFramePacket(const roamsec::Bytes& bytes)
{
    Ptr<Packet> packet = BytesPacket(bytes);
    SocketPriorityTag priority;
    priority.SetPriority(7);
    packet->AddPacketTag(priority);
    return packet;
}

inline roamsec::MacAddr
ToCoreMac(Mac48Address mac)
{
    roamsec::MacAddr out{};
    mac.CopyTo(out.data());
    return out;
}

inline Mac48Address
ToNs3Mac(const roamsec::MacAddr& mac)
{
    Mac48Address out;
    out.CopyFrom(mac.data());
    return out;
}

/**
 * How long the MAC may still transmit after a frame exchange it has just finished: a
 * SIFS, then an ACK or a CF-End (at most 20 octets at 1 Mb/s with the long preamble,
 * 192 + 160 us). A channel switch before then would find the PHY transmitting.
 * \param phy the PHY
 * \return the wait
 */
inline Time
ResponseGuard(Ptr<WifiPhy> phy)
{
    return phy->GetSifs() + MicroSeconds(352);
}

/**
 * \param mpdu a received MPDU
 * \return whether it is a Fast BSS Transition Action frame (category 6, 9.6.8)
 */
inline bool
IsFtAction(Ptr<const WifiMpdu> mpdu)
{
    uint8_t category = 0;
    return mpdu->GetHeader().IsAction() && mpdu->GetPacket()->GetSize() > 0
           && mpdu->GetPacket()->CopyData(&category, 1) == 1
           && category == roamsec::kActionCategoryFt;
}

/**
 * (Re)arms `timer` so that `onDeadline` runs at a core state machine's next
 * deadline (NextDeadline()), or leaves it cancelled when there is none.
 */
template <typename F>
void
ArmCoreTimer(EventId& timer, std::optional<roamsec::TimeNs> deadline, F&& onDeadline)
{
    timer.Cancel();
    if (deadline)
    {
        Time delay = Max(ToNs3Time(*deadline) - Simulator::Now(), Seconds(0));
        timer = Simulator::Schedule(delay, std::forward<F>(onDeadline));
    }
}

/**
 * Nonces, RANDs and IVs in simulation come from ns-3's seeded random number
 * streams, so a seed and run number reproduce every byte.
 */
class Ns3RandomSource : public roamsec::RandomSource
{
public:
    Ns3RandomSource()
        : m_stream(CreateObject<UniformRandomVariable>())
    {}

    /** Fixes the stream index (ns-3's AssignStreams convention). */
    void SetStream(int64_t stream) { m_stream->SetStream(stream); }

    void Fill(uint8_t* out, size_t len) override
    {
        for (size_t i = 0; i < len; ++i)
        {
            out[i] = static_cast<uint8_t>(m_stream->GetInteger(0, 255));
        }
    }

private:
    Ptr<UniformRandomVariable> m_stream;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_CORE_ADAPTER_H
