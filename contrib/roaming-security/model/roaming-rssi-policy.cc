/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-rssi-policy.h"

#include "roaming-core-adapter.h"

#include "ns3-compat.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"
#include "ns3/wifi-tx-vector.h"
#include "roaming-assoc-manager.h"

#include <numeric>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingRssiPolicy");

NS_OBJECT_ENSURE_REGISTERED(RoamingRssiPolicy);

namespace {
/// Reason Code 8 (IEEE 802.11-2020 Table 9-49): disassociated because the sending STA is
/// leaving (or has left) the BSS.
constexpr uint16_t kReasonLeavingBss = 8;
} // namespace

TypeId
RoamingRssiPolicy::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingRssiPolicy")
              .SetParent<Object>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<RoamingRssiPolicy>()
              .AddTraceSource("Roam", "The policy leaves its AP for a stronger one.",
                              MakeTraceSourceAccessor(&RoamingRssiPolicy::m_roamTrace),
                              "ns3::RoamingRssiPolicy::RoamCallback");
    return tid;
}

RoamingRssiPolicy::RoamingRssiPolicy() = default;

RoamingRssiPolicy::~RoamingRssiPolicy() = default;

void
RoamingRssiPolicy::DoDispose()
{
    m_leaveTimeout.Cancel();
    m_prepareTimeout.Cancel();
    m_prepare.Nullify();
    if (m_radio)
    {
        m_radio->Dispose();
        m_radio = nullptr;
    }
    m_mac = nullptr;
    m_manager = nullptr;
    Object::DoDispose();
}

void
RoamingRssiPolicy::Install(Ptr<WifiNetDevice> device, const Config& config)
{
    m_config = config;
    m_mac = DynamicCast<StaWifiMac>(device->GetMac());
    NS_ABORT_MSG_IF(!m_mac, "RoamingRssiPolicy: the device has no StaWifiMac");
    m_manager = RoamingAssocManager::Find(m_mac);
    NS_ABORT_MSG_IF(!m_manager,
                    "RoamingRssiPolicy: the mobile's StaWifiMac has no RoamingAssocManager "
                    "(WifiMacHelper::SetAssocManager(\"ns3::RoamingAssocManager\"))");
    m_channels = m_manager->GetChannels();
    m_radio = CreateObject<RoamingScanRadio>();
    m_radio->Install(device);
    Ptr<WifiPhy> phy = device->GetPhy();
    phy->TraceConnectWithoutContext("MonitorSnifferRx",
                                    MakeCallback(&RoamingRssiPolicy::SnifferRx, this));
    phy->TraceConnectWithoutContext("PhyTxEnd", MakeCallback(&RoamingRssiPolicy::PhyTxEnd, this));
}

void
RoamingRssiPolicy::SetCandidates(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels,
                                 const std::vector<Mac48Address>& allowed)
{
    m_channels = channels.empty() ? m_manager->GetChannels() : channels;
    m_allowed = std::set<Mac48Address>(allowed.begin(), allowed.end());
}

void
RoamingRssiPolicy::Associated(Mac48Address bssid)
{
    m_associated = true;
    m_leaving = false;
    m_bssid = bssid;
    m_beaconRssi.clear();
    m_scannedOnce = false;
    m_scanTime = Seconds(0);
    m_association++;
}

void
RoamingRssiPolicy::Left()
{
    if (m_associated && m_radio->IsScanning() && m_scanAssociation == m_association)
    {
        m_scanTime += Simulator::Now() - m_lastScanStart;
    }
    m_lastLeaveWasRoam = m_leaving;
    m_leaving = false;
    m_preparing = false;
    m_prepareTimeout.Cancel();
    m_associated = false;
    m_leaveTimeout.Cancel();
}

Time
RoamingRssiPolicy::TakeBackgroundScanTime()
{
    Time t = m_scanTime;
    m_scanTime = Seconds(0);
    return t;
}

bool
RoamingRssiPolicy::LastLeaveWasRoam() const
{
    return m_lastLeaveWasRoam;
}

void
RoamingRssiPolicy::SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz,
                             WifiTxVector txVector, MpduInfo aMpdu, SignalNoiseDbm signalNoise,
                             uint16_t staId)
{
    if (m_awaitingAck)
    {
        // the AP acknowledged the Disassociation: nothing of it is left to retransmit
        uint8_t ack[10];
        if (packet->GetSize() >= 14 && packet->CopyData(ack, sizeof(ack)) == sizeof(ack)
            && ((ack[0] >> 2) & 0x3) == 1 && ((ack[0] >> 4) & 0xf) == 13)
        {
            Mac48Address receiver;
            receiver.CopyFrom(ack + 4);
            if (receiver == m_mac->GetAddress())
            {
                m_awaitingAck = false;
                m_leaveTimeout.Cancel();
                // with QoS the TXOP may still end with a CF-End: switch after it
                m_leaveTimeout = Simulator::Schedule(ResponseGuard(m_mac->GetWifiPhy(0)),
                                                     &RoamingRssiPolicy::Leave, this);
            }
        }
        return;
    }
    if (!m_associated || m_leaving || m_preparing)
    {
        return;
    }
    uint8_t head[16];
    if (packet->GetSize() < 24 || packet->CopyData(head, sizeof(head)) != sizeof(head))
    {
        return;
    }
    const bool beacon = ((head[0] >> 2) & 0x3) == 0 && ((head[0] >> 4) & 0xf) == 8;
    Mac48Address transmitter;
    transmitter.CopyFrom(head + 10);
    if (!beacon || transmitter != m_bssid)
    {
        return;
    }
    m_beaconRssi.push_back(signalNoise.signal);
    while (m_beaconRssi.size() > m_config.window)
    {
        m_beaconRssi.pop_front();
    }
    Evaluate();
}

void
RoamingRssiPolicy::Evaluate()
{
    if (m_beaconRssi.size() < m_config.window)
    {
        return;
    }
    double current = std::accumulate(m_beaconRssi.begin(), m_beaconRssi.end(), 0.0)
                     / static_cast<double>(m_beaconRssi.size());
    NS_LOG_DEBUG("current AP " << m_bssid << " average " << current << " dBm");
    if (current >= m_config.thresholdDbm)
    {
        return;
    }
    const Time now = Simulator::Now();
    if (!m_radio->IsScanning()
        && (!m_scannedOnce || now - m_lastScanStart >= m_config.scanInterval))
    {
        StartBackgroundScan();
    }
    const RoamingScanRadio::Heard* best = nullptr;
    for (const auto& [bssid, heard] : m_radio->GetHeard())
    {
        bool usable = bssid != m_bssid && now - heard.when <= m_config.candidateMaxAge
                      && (m_allowed.empty() || m_allowed.count(bssid) > 0);
        if (usable && (!best || heard.rssiDbm > best->rssiDbm))
        {
            best = &heard;
        }
    }
    if (!best || best->rssiDbm < current + m_config.minGainDb)
    {
        return;
    }
    NS_LOG_INFO("roam from " << m_bssid << " (" << current << " dBm) to " << best->bssid << " ("
                             << best->rssiDbm << " dBm, channel " << best->channel << ")");
    m_target = *best;
    m_currentDbm = current;
    if (m_prepare.IsNull())
    {
        Depart();
        return;
    }
    m_preparing = true;
    m_prepareTimeout = Simulator::Schedule(m_config.prepareTimeout, &RoamingRssiPolicy::Depart, this);
    m_prepare(m_target.bssid, MakeCallback(&RoamingRssiPolicy::Depart, this));
}

void
RoamingRssiPolicy::SetBeaconElementsCallback(RoamingScanRadio::ElementsCallback cb)
{
    m_radio->SetElementsCallback(cb);
}

void
RoamingRssiPolicy::SetPrepareTransition(PrepareCallback prepare)
{
    m_prepare = prepare;
}

void
RoamingRssiPolicy::Depart()
{
    bool prepared = m_preparing || m_prepare.IsNull();
    m_preparing = false;
    m_prepareTimeout.Cancel();
    if (!prepared || !m_associated || m_leaving)
    {
        return; // left meanwhile (beacon loss), or already leaving
    }
    m_roamTrace(m_bssid, m_target.bssid, m_currentDbm, m_target.rssiDbm);
    m_leaving = true;
    compat::SendDisassociation(m_mac, m_bssid, kReasonLeavingBss);
    m_leaveTimeout
        = Simulator::Schedule(m_config.disassociationTimeout, &RoamingRssiPolicy::Leave, this);
}

void
RoamingRssiPolicy::PhyTxEnd(Ptr<const Packet> packet)
{
    if (!m_leaving || m_leaveTimeout.IsExpired())
    {
        return;
    }
    uint8_t fc = 0;
    if (packet->GetSize() < 24 || packet->CopyData(&fc, 1) != 1)
    {
        return;
    }
    const bool disassociation = ((fc >> 2) & 0x3) == 0 && ((fc >> 4) & 0xf) == 10;
    if (disassociation)
    {
        // on the air: leave once the AP's ACK is in (a switch before it would leave the
        // MAC retransmitting the frame on the new channel, as ns-3.48 does)
        m_awaitingAck = true;
    }
}

void
RoamingRssiPolicy::Leave()
{
    m_leaveTimeout.Cancel();
    m_awaitingAck = false;
    if (!m_associated)
    {
        return; // the beacon-loss watchdog was faster
    }
    m_manager->JoinKnown(m_target.apInfo);
}

void
RoamingRssiPolicy::StartBackgroundScan()
{
    m_scannedOnce = true;
    m_lastScanStart = Simulator::Now();
    m_scanAssociation = m_association;
    m_radio->Scan(m_channels, MakeCallback(&RoamingRssiPolicy::BackgroundScanDone, this));
}

void
RoamingRssiPolicy::BackgroundScanDone()
{
    if (m_associated && m_scanAssociation == m_association)
    {
        m_scanTime += Simulator::Now() - m_lastScanStart;
    }
}

} // namespace ns3
