/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-assoc-manager.h"

#include "roaming-core-adapter.h"

#include "ns3-compat.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-phy.h"
#include "ns3/wifi-tx-vector.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingAssocManager");

NS_OBJECT_ENSURE_REGISTERED(RoamingAssocManager);

namespace {

std::string
ChannelListToString(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < channels.size(); i++)
    {
        os << (i ? "," : "");
        switch (channels[i].second)
        {
            case WIFI_PHY_BAND_2_4GHZ:
                os << "2.4:";
                break;
            case WIFI_PHY_BAND_6GHZ:
                os << "6:";
                break;
            default:
                os << "5:";
        }
        os << channels[i].first;
    }
    return os.str();
}

/// STA MAC -> its manager (see Find); entries are removed on dispose.
std::map<const StaWifiMac*, RoamingAssocManager*>&
Registry()
{
    static std::map<const StaWifiMac*, RoamingAssocManager*> registry;
    return registry;
}

} // namespace

Ptr<RoamingAssocManager>
RoamingAssocManager::Find(Ptr<const StaWifiMac> mac)
{
    auto it = Registry().find(PeekPointer(mac));
    return it == Registry().end() ? nullptr : Ptr<RoamingAssocManager>(it->second);
}

TypeId
RoamingAssocManager::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingAssocManager")
              .SetParent<WifiAssocManager>()
              .AddConstructor<RoamingAssocManager>()
              .SetGroupName("RoamingSecurity")
              .AddAttribute("ChannelList",
                            "Channels to scan, comma separated, each optionally prefixed by its "
                            "band (2.4:, 5:, 6:); without a prefix channels 1-14 are 2.4 GHz and "
                            "others 5 GHz. Empty: scan the current channel only.",
                            StringValue(""),
                            MakeStringAccessor(&RoamingAssocManager::SetChannelList,
                                               &RoamingAssocManager::GetChannelList),
                            MakeStringChecker())
              .AddAttribute("ChannelWidth",
                            "Channel width (MHz) used when tuning to a channel to scan or join.",
                            UintegerValue(20),
                            MakeUintegerAccessor(&RoamingAssocManager::m_channelWidth),
                            MakeUintegerChecker<uint16_t>(20, 160))
              .AddAttribute("MaxChannelTime",
                            "Dwell time per channel; 0 uses the StaWifiMac's ProbeRequestTimeout "
                            "(active) or WaitBeaconTimeout (passive).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&RoamingAssocManager::m_maxChannelTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MinChannelTime",
                            "Active scanning (IEEE 802.11-2020 11.1.4.3.3, MLME-SCAN "
                            "MinChannelTime): leave a channel on which no Probe Response came "
                            "within this time after the Probe Request; else stay until "
                            "MaxChannelTime. 0: always stay MaxChannelTime.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&RoamingAssocManager::m_minChannelTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("ChannelSwitchTimeout",
                            "Wait at most this long for the PHY to report a channel switch.",
                            TimeValue(MilliSeconds(20)),
                            MakeTimeAccessor(&RoamingAssocManager::m_channelSwitchTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute(
                  "CandidateMaxAge", "Candidates not heard for longer than this are not reported.",
                  TimeValue(Seconds(2)), MakeTimeAccessor(&RoamingAssocManager::m_candidateMaxAge),
                  MakeTimeChecker(Seconds(0)))
              .AddTraceSource("CandidateHeard",
                              "A Beacon or Probe Response refreshed a candidate AP.",
                              MakeTraceSourceAccessor(&RoamingAssocManager::m_candidateTrace),
                              "ns3::RoamingAssocManager::CandidateCallback")
              .AddTraceSource("ScanDone", "A scan of all configured channels ended.",
                              MakeTraceSourceAccessor(&RoamingAssocManager::m_scanDoneTrace),
                              "ns3::RoamingAssocManager::ScanDoneCallback");
    return tid;
}

RoamingAssocManager::RoamingAssocManager()
{
    NS_LOG_FUNCTION(this);
}

RoamingAssocManager::~RoamingAssocManager()
{
    NS_LOG_FUNCTION(this);
}

void
RoamingAssocManager::DoDispose()
{
    m_dwellEvent.Cancel();
    m_probeEvent.Cancel();
    m_switchTimeout.Cancel();
    m_afterTune.Nullify();
    for (auto it = Registry().begin(); it != Registry().end();)
    {
        it = it->second == this ? Registry().erase(it) : std::next(it);
    }
    WifiAssocManager::DoDispose();
}

void
RoamingAssocManager::SetChannelList(const std::string& list)
{
    std::vector<std::pair<uint16_t, WifiPhyBand>> channels;
    std::istringstream is(list);
    std::string item;
    while (std::getline(is, item, ','))
    {
        item.erase(std::remove_if(item.begin(), item.end(), ::isspace), item.end());
        if (item.empty())
        {
            continue;
        }
        WifiPhyBand band = WIFI_PHY_BAND_UNSPECIFIED;
        auto colon = item.find(':');
        if (colon != std::string::npos)
        {
            std::string prefix = item.substr(0, colon);
            band = prefix == "2.4" ? WIFI_PHY_BAND_2_4GHZ
                   : prefix == "5" ? WIFI_PHY_BAND_5GHZ
                   : prefix == "6" ? WIFI_PHY_BAND_6GHZ
                                   : WIFI_PHY_BAND_UNSPECIFIED;
            NS_ABORT_MSG_IF(band == WIFI_PHY_BAND_UNSPECIFIED, "bad band prefix in " << item);
            item = item.substr(colon + 1);
        }
        NS_ABORT_MSG_IF(item.empty() || item.find_first_not_of("0123456789") != std::string::npos,
                        "bad channel in ChannelList: " << list);
        unsigned long number = std::stoul(item);
        NS_ABORT_MSG_IF(number == 0 || number > 233, "bad channel number " << number);
        if (band == WIFI_PHY_BAND_UNSPECIFIED)
        {
            band = number <= 14 ? WIFI_PHY_BAND_2_4GHZ : WIFI_PHY_BAND_5GHZ;
        }
        channels.emplace_back(static_cast<uint16_t>(number), band);
    }
    m_channels = channels;
}

std::string
RoamingAssocManager::GetChannelList() const
{
    return ChannelListToString(m_channels);
}

std::vector<std::pair<uint16_t, WifiPhyBand>>
RoamingAssocManager::GetChannels() const
{
    return m_channels;
}

bool
RoamingAssocManager::Compare(const StaWifiMac::ApInfo& lhs, const StaWifiMac::ApInfo& rhs) const
{
    // the sorted list is a std::set: equal SNRs must not make two APs "equivalent"
    if (lhs.m_snr != rhs.m_snr)
    {
        return lhs.m_snr > rhs.m_snr;
    }
    return lhs.m_bssid < rhs.m_bssid;
}

bool
RoamingAssocManager::IsScanning() const
{
    return m_scanning;
}

bool
RoamingAssocManager::CanBeInserted(const StaWifiMac::ApInfo& apInfo) const
{
    return m_scanning;
}

bool
RoamingAssocManager::CanBeReturned(const StaWifiMac::ApInfo& apInfo) const
{
    // the base class keeps entries across scans; only what this scan heard is current
    auto it = m_candidates.find(apInfo.m_bssid);
    return it != m_candidates.end() && it->second.lastHeard >= m_scanStart;
}

void
RoamingAssocManager::HookPhyAndMac()
{
    if (m_hooked)
    {
        return;
    }
    m_hooked = true;
    Registry()[PeekPointer(m_mac)] = this;
    m_mac->TraceConnectWithoutContext("ReceivedBeaconInfo",
                                      MakeCallback(&RoamingAssocManager::BeaconInfo, this));
    for (uint8_t linkId = 0; linkId < m_mac->GetNLinks(); linkId++)
    {
        m_mac->GetWifiPhy(linkId)->TraceConnectWithoutContext(
            "MonitorSnifferRx", MakeCallback(&RoamingAssocManager::SnifferRx, this));
    }
}

void
RoamingAssocManager::SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz,
                               WifiTxVector txVector, MpduInfo aMpdu, SignalNoiseDbm signalNoise,
                               uint16_t staId)
{
    // Frame Control and Address 2 read as bytes: a sniffed frame may carry a type and
    // subtype WifiMacHeader does not know, on which ns-3.48's GetType() asserts.
    uint8_t head[16];
    if (packet->GetSize() < 24 || packet->CopyData(head, sizeof(head)) != sizeof(head))
    {
        return;
    }
    const uint8_t type = (head[0] >> 2) & 0x3;
    const uint8_t subtype = (head[0] >> 4) & 0xf;
    const bool beaconOrProbeResponse = type == 0 && (subtype == 8 || subtype == 5);
    if (beaconOrProbeResponse)
    {
        Mac48Address transmitter;
        transmitter.CopyFrom(head + 10);
        m_lastRssi[transmitter] = signalNoise.signal;
    }
}

void
RoamingAssocManager::Record(Mac48Address bssid, uint16_t channel, WifiPhyBand band,
                            double snrLinear)
{
    RoamingCandidate& c = m_candidates[bssid];
    c.bssid = bssid;
    c.channel = channel;
    c.band = band;
    c.snrDb = snrLinear > 0 ? 10 * std::log10(snrLinear) : -100;
    auto rssi = m_lastRssi.find(bssid);
    c.rssiDbm = rssi != m_lastRssi.end() ? rssi->second : 0;
    c.lastHeard = Simulator::Now();
    m_candidateTrace(c);
}

void
RoamingAssocManager::BeaconInfo(StaWifiMac::ApInfo apInfo)
{
    // while scanning NotifyApInfo records the frame; this path covers beacons heard when
    // associated or waiting for an association response
    if (!m_scanning && MatchScanParams(apInfo))
    {
        Record(apInfo.m_bssid, apInfo.m_channel.number, apInfo.m_channel.band, apInfo.m_snr);
    }
}

void
RoamingAssocManager::NotifyApInfo(const StaWifiMac::ApInfo&& apInfo)
{
    NS_LOG_FUNCTION(this << apInfo.m_bssid << apInfo.m_channel.number);
    if (m_scanning && MatchScanParams(apInfo))
    {
        Record(apInfo.m_bssid, apInfo.m_channel.number, apInfo.m_channel.band, apInfo.m_snr);
    }
    WifiAssocManager::NotifyApInfo(std::move(apInfo));
}

std::vector<RoamingCandidate>
RoamingAssocManager::GetCandidates() const
{
    std::vector<RoamingCandidate> out;
    for (const auto& [bssid, c] : m_candidates)
    {
        if (Simulator::Now() - c.lastHeard <= m_candidateMaxAge)
        {
            out.push_back(c);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const RoamingCandidate& a, const RoamingCandidate& b)
              { return a.snrDb != b.snrDb ? a.snrDb > b.snrDb : a.bssid < b.bssid; });
    return out;
}

void
RoamingAssocManager::SetScanChannels(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels)
{
    m_scanChannels = channels;
}

void
RoamingAssocManager::JoinKnown(const StaWifiMac::ApInfo& target)
{
    NS_LOG_FUNCTION(this << target.m_bssid << target.m_channel.number);
    HookPhyAndMac();
    m_knownTarget = target;
    auto phy = m_mac->GetWifiPhy(SINGLE_LINK_OP_ID);
    uint16_t current = phy->GetOperatingChannel().GetPrimaryChannelNumber(20, phy->GetStandard());
    if (current == target.m_channel.number && phy->GetPhyBand() == target.m_channel.band)
    {
        // no retune to make the MAC leave its AP: reset the link as a switch would
        m_mac->NotifyChannelSwitching(SINGLE_LINK_OP_ID);
        return;
    }
    if (phy->IsStateSleep())
    {
        phy->ResumeFromSleep();
    }
    // StaWifiMac disassociates on the switch, then calls DoStartScanning
    phy->SetOperatingChannel(WifiPhy::ChannelTuple(static_cast<uint8_t>(target.m_channel.number),
                                                   m_channelWidth,
                                                   target.m_channel.band,
                                                   0));
}

void
RoamingAssocManager::DoStartScanning()
{
    NS_LOG_FUNCTION(this);
    HookPhyAndMac();
    // a scanning STA has no association request outstanding (see the compat function)
    compat::CancelAssociationRequestTimer(m_mac);
    m_dwellEvent.Cancel();
    m_probeEvent.Cancel();
    m_switchTimeout.Cancel();
    m_scanning = true;
    m_scanStart = Simulator::Now();
    if (m_knownTarget)
    {
        // the roam's target is known from a background scan: no scan, join it
        StaWifiMac::ApInfo target = std::move(*m_knownTarget);
        m_knownTarget.reset();
        Record(target.m_bssid, target.m_channel.number, target.m_channel.band, target.m_snr);
        WifiAssocManager::NotifyApInfo(std::move(target));
        FinishScan();
        return;
    }
    if (m_channels.empty())
    {
        // behave like the default manager: listen on the current channel only
        auto phy = m_mac->GetWifiPhy(SINGLE_LINK_OP_ID);
        m_channels.emplace_back(
            phy->GetOperatingChannel().GetPrimaryChannelNumber(20, phy->GetStandard()),
            phy->GetPhyBand());
    }
    m_scanList = m_scanChannels.empty() ? m_channels : m_scanChannels;
    auto phy = m_mac->GetWifiPhy(SINGLE_LINK_OP_ID);
    if (phy->GetState()->GetLastRxEndTime() == Simulator::Now())
    {
        // StaWifiMac scans again as soon as it reads a refusing (re)association response,
        // while its ACK is still to go (after a SIFS): retune only once it has gone.
        m_dwellEvent =
            Simulator::Schedule(ResponseGuard(phy), &RoamingAssocManager::ScanChannel, this, 0);
        return;
    }
    ScanChannel(0);
}

void
RoamingAssocManager::TuneTo(uint16_t channel, WifiPhyBand band, Callback<void> then)
{
    auto phy = m_mac->GetWifiPhy(SINGLE_LINK_OP_ID);
    uint16_t current = phy->GetOperatingChannel().GetPrimaryChannelNumber(20, phy->GetStandard());
    if (current == channel && phy->GetPhyBand() == band)
    {
        Simulator::ScheduleNow([then]() { then(); });
        return;
    }
    NS_LOG_DEBUG("tuning to channel " << channel);
    if (phy->IsStateSleep())
    {
        phy->ResumeFromSleep();
    }
    m_afterTune = then;
    m_switchTimeout.Cancel();
    m_switchTimeout
        = Simulator::Schedule(m_channelSwitchTimeout, &RoamingAssocManager::TuneDone, this);
    phy->SetOperatingChannel(
        WifiPhy::ChannelTuple(static_cast<uint8_t>(channel), m_channelWidth, band, 0));
}

void
RoamingAssocManager::NotifyChannelSwitched(uint8_t linkId)
{
    NS_LOG_FUNCTION(this << +linkId);
    if (!m_switchTimeout.IsExpired())
    {
        m_switchTimeout.Cancel();
        // the MAC resets its state on a switch; act once that is done
        Simulator::ScheduleNow(&RoamingAssocManager::TuneDone, this);
    }
}

void
RoamingAssocManager::TuneDone()
{
    Callback<void> then = m_afterTune;
    m_afterTune.Nullify();
    if (!then.IsNull())
    {
        then();
    }
}

void
RoamingAssocManager::ScanChannel(std::size_t index)
{
    if (index >= m_scanList.size())
    {
        FinishScan();
        return;
    }
    auto [channel, band] = m_scanList[index];
    TuneTo(channel, band,
           Callback<void>(
               [this, index]()
               {
                   const WifiScanParams& params = GetScanParams();
                   Time dwell = m_maxChannelTime.IsStrictlyPositive() ? m_maxChannelTime
                                                                      : params.maxChannelTime;
                   m_channelArrival = Simulator::Now();
                   if (compat::IsActiveScan(params))
                   {
                       m_probeEvent = Simulator::Schedule(params.probeDelay,
                                                          &compat::SendProbeRequest, m_mac);
                       if (m_minChannelTime.IsStrictlyPositive() && m_minChannelTime < dwell)
                       {
                           m_dwellEvent =
                               Simulator::Schedule(params.probeDelay + m_minChannelTime,
                                                   &RoamingAssocManager::MinChannelTimeEnd,
                                                   this,
                                                   index);
                           return;
                       }
                       dwell += params.probeDelay;
                   }
                   m_dwellEvent = Simulator::Schedule(dwell, &RoamingAssocManager::ChannelDwellEnd,
                                                      this, index);
               }));
}

void
RoamingAssocManager::MinChannelTimeEnd(std::size_t index)
{
    auto [channel, band] = m_scanList[index];
    bool heard = false;
    for (const auto& [bssid, c] : m_candidates)
    {
        heard |= c.channel == channel && c.band == band && c.lastHeard >= m_channelArrival;
    }
    if (!heard)
    {
        ChannelDwellEnd(index);
        return;
    }
    const WifiScanParams& params = GetScanParams();
    Time max = m_maxChannelTime.IsStrictlyPositive() ? m_maxChannelTime : params.maxChannelTime;
    m_dwellEvent = Simulator::Schedule(max - m_minChannelTime,
                                       &RoamingAssocManager::ChannelDwellEnd,
                                       this,
                                       index);
}

void
RoamingAssocManager::ChannelDwellEnd(std::size_t index)
{
    ScanChannel(index + 1);
}

void
RoamingAssocManager::FinishScan()
{
    m_scanning = false;
    // find what ScanningTimeout() will return and tune to its channel first
    const StaWifiMac::ApInfo* best = nullptr;
    uint32_t fresh = 0;
    for (const auto& ap : GetSortedList())
    {
        if (CanBeReturned(ap))
        {
            fresh++;
            if (!best)
            {
                best = &ap;
            }
        }
    }
    NS_LOG_DEBUG("scan done, " << fresh << " candidates");
    m_scanDoneTrace(fresh);
    if (!best)
    {
        ScanningTimeout();
        return;
    }
    TuneTo(best->m_channel.number, best->m_channel.band,
           Callback<void>([this]() { ScanningTimeout(); }));
}

} // namespace ns3
