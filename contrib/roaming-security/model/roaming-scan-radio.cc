/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-scan-radio.h"

#include "ns3/double.h"
#include "ns3/interference-helper.h"
#include "ns3/log.h"
#include "ns3/mgt-headers.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/table-based-error-rate-model.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mac-trailer.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-tx-vector.h"
#include "ns3/yans-wifi-channel.h"
#include "ns3/yans-wifi-phy.h"

#include <cmath>

namespace ns3 {

namespace
{
/// Timestamp, Beacon Interval, Capability Information: then the elements.
constexpr uint32_t kBeaconFixedFields = 12;
} // namespace


NS_LOG_COMPONENT_DEFINE("RoamingScanRadio");

NS_OBJECT_ENSURE_REGISTERED(RoamingScanRadio);

TypeId
RoamingScanRadio::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingScanRadio")
              .SetParent<Object>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<RoamingScanRadio>()
              .AddAttribute("DwellTime",
                            "Time spent listening on each channel of a background scan (passive: "
                            "longer than one beacon interval, 102.4 ms, to hear every AP there).",
                            TimeValue(MilliSeconds(120)),
                            MakeTimeAccessor(&RoamingScanRadio::m_dwellTime),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddTraceSource("Heard", "A Beacon or Probe Response of an AP was decoded.",
                              MakeTraceSourceAccessor(&RoamingScanRadio::m_heardTrace),
                              "ns3::RoamingScanRadio::HeardCallback");
    return tid;
}

RoamingScanRadio::RoamingScanRadio() = default;

RoamingScanRadio::~RoamingScanRadio() = default;

void
RoamingScanRadio::DoDispose()
{
    m_dwellEvent.Cancel();
    m_done.Nullify();
    if (m_phy)
    {
        m_phy->Dispose();
        m_phy = nullptr;
    }
    Object::DoDispose();
}

void
RoamingScanRadio::Install(Ptr<WifiNetDevice> device)
{
    NS_ABORT_MSG_IF(m_phy, "RoamingScanRadio: installed twice");
    auto mainPhy = DynamicCast<YansWifiPhy>(device->GetPhy());
    NS_ABORT_MSG_IF(!mainPhy, "RoamingScanRadio: the rssi roaming policy's background scan needs a "
                              "YansWifiPhy on the mobile (got "
                                  << device->GetPhy()->GetInstanceTypeId().GetName() << ")");
    auto channel = DynamicCast<YansWifiChannel>(mainPhy->GetChannel());
    NS_ABORT_MSG_IF(!channel, "RoamingScanRadio: the mobile's PHY has no YansWifiChannel");
    m_ownAddress = Mac48Address::ConvertFrom(device->GetAddress());
    auto phy = CreateObject<YansWifiPhy>();
    phy->SetInterferenceHelper(CreateObject<InterferenceHelper>());
    phy->SetErrorRateModel(CreateObject<TableBasedErrorRateModel>());
    // the receiver chain of the station's own radio (RxNoiseFigure has no getter: the
    // default, as the topology helper leaves it)
    for (const char* name : {"RxSensitivity", "RxGain", "CcaEdThreshold"})
    {
        DoubleValue value;
        mainPhy->GetAttribute(name, value);
        phy->SetAttribute(name, value);
    }
    const auto& operating = mainPhy->GetOperatingChannel();
    m_channelWidth = 20;
    uint16_t primary = operating.GetPrimaryChannelNumber(20, mainPhy->GetStandard());
    std::string band = mainPhy->GetPhyBand() == WIFI_PHY_BAND_2_4GHZ ? "BAND_2_4GHZ"
                       : mainPhy->GetPhyBand() == WIFI_PHY_BAND_6GHZ ? "BAND_6GHZ"
                                                                     : "BAND_5GHZ";
    phy->SetAttribute("ChannelSettings",
                      StringValue("{" + std::to_string(primary) + ", 20, " + band + ", 0}"));
    phy->SetDevice(device);
    phy->SetMobility(device->GetNode()->GetObject<MobilityModel>());
    phy->ConfigureStandard(mainPhy->GetStandard());
    phy->SetChannel(channel);
    phy->Initialize();
    phy->TraceConnectWithoutContext("MonitorSnifferRx",
                                    MakeCallback(&RoamingScanRadio::SnifferRx, this));
    // asleep between scans: it hears nothing it was not asked to listen for
    phy->SetSleepMode();
    m_phy = phy;
}

void
RoamingScanRadio::Scan(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels,
                       Callback<void> done)
{
    NS_ABORT_MSG_IF(!m_phy, "RoamingScanRadio: Scan before Install");
    m_dwellEvent.Cancel();
    m_channels = channels;
    m_done = done;
    m_scanning = true;
    m_scanStart = Simulator::Now();
    NS_LOG_DEBUG("background scan of " << channels.size() << " channel(s)");
    if (m_phy->IsStateSleep())
    {
        m_phy->ResumeFromSleep();
    }
    Tune(0);
}

void
RoamingScanRadio::Tune(std::size_t index)
{
    m_index = index;
    if (index >= m_channels.size())
    {
        m_scanning = false;
        m_phy->SetSleepMode();
        Callback<void> done = m_done;
        m_done.Nullify();
        if (!done.IsNull())
        {
            done();
        }
        return;
    }
    auto [number, band] = m_channels[index];
    uint16_t current
        = m_phy->GetOperatingChannel().GetPrimaryChannelNumber(20, m_phy->GetStandard());
    Time dwell = m_dwellTime;
    if (current != number || m_phy->GetPhyBand() != band)
    {
        // the switch itself takes the PHY's ChannelSwitchDelay before it can receive
        TimeValue delay;
        m_phy->GetAttribute("ChannelSwitchDelay", delay);
        dwell += delay.Get();
        m_phy->SetOperatingChannel(
            WifiPhy::ChannelTuple(static_cast<uint8_t>(number), m_channelWidth, band, 0));
    }
    m_dwellEvent = Simulator::Schedule(dwell, &RoamingScanRadio::DwellEnd, this, index);
}

void
RoamingScanRadio::DwellEnd(std::size_t index)
{
    Tune(index + 1);
}

bool
RoamingScanRadio::IsScanning() const
{
    return m_scanning;
}

Time
RoamingScanRadio::GetScanStart() const
{
    return m_scanStart;
}

const std::map<Mac48Address, RoamingScanRadio::Heard>&
RoamingScanRadio::GetHeard() const
{
    return m_heard;
}

std::optional<RoamingScanRadio::Heard>
RoamingScanRadio::Find(Mac48Address bssid) const
{
    auto it = m_heard.find(bssid);
    if (it == m_heard.end())
    {
        return std::nullopt;
    }
    return it->second;
}

void
RoamingScanRadio::SetElementsCallback(ElementsCallback cb)
{
    m_elements = cb;
}

void
RoamingScanRadio::SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz,
                            WifiTxVector txVector, MpduInfo aMpdu, SignalNoiseDbm signalNoise,
                            uint16_t staId)
{
    // Frame Control read as bytes first: WifiMacHeader asserts on types it does not know.
    uint8_t fc = 0;
    if (packet->GetSize() < 28 || packet->CopyData(&fc, 1) != 1)
    {
        return;
    }
    const uint8_t type = (fc >> 2) & 0x3;
    const uint8_t subtype = (fc >> 4) & 0xf;
    const bool beacon = type == 0 && subtype == 8;
    const bool probeResponse = type == 0 && subtype == 5;
    if (!beacon && !probeResponse)
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    WifiMacHeader hdr;
    copy->RemoveHeader(hdr);
    if (probeResponse && hdr.GetAddr1() != m_ownAddress)
    {
        return;
    }
    WifiMacTrailer fcs;
    copy->RemoveTrailer(fcs);
    if (!m_elements.IsNull() && copy->GetSize() > kBeaconFixedFields)
    {
        std::vector<uint8_t> body(copy->GetSize());
        copy->CopyData(body.data(), body.size());
        m_elements(hdr.GetAddr3(),
                   std::vector<uint8_t>(body.begin() + kBeaconFixedFields, body.end()));
    }
    Heard heard;
    heard.bssid = hdr.GetAddr3();
    heard.channel = m_phy->GetOperatingChannel().GetPrimaryChannelNumber(20, m_phy->GetStandard());
    heard.band = m_phy->GetPhyBand();
    heard.rssiDbm = signalNoise.signal;
    heard.snrDb = signalNoise.signal - signalNoise.noise;
    heard.when = Simulator::Now();
    heard.apInfo.m_bssid = hdr.GetAddr3();
    heard.apInfo.m_apAddr = hdr.GetAddr2();
    heard.apInfo.m_snr = std::pow(10.0, heard.snrDb / 10.0);
    if (beacon)
    {
        MgtBeaconHeader body;
        copy->RemoveHeader(body);
        heard.apInfo.m_frame = std::move(body);
    }
    else
    {
        MgtProbeResponseHeader body;
        copy->RemoveHeader(body);
        heard.apInfo.m_frame = std::move(body);
    }
    heard.apInfo.m_channel.number = heard.channel;
    heard.apInfo.m_channel.band = heard.band;
    heard.apInfo.m_linkId = 0;
    NS_LOG_DEBUG("heard " << heard.bssid << " on " << heard.channel << " at " << heard.rssiDbm
                          << " dBm");
    m_heard[heard.bssid] = heard;
    m_heardTrace(heard.bssid, heard.channel, heard.rssiDbm);
}

} // namespace ns3
