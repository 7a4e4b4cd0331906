/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Multi-channel association manager for ns-3.37 StaWifiMac.
 */
#ifndef ROAMING_ASSOC_MANAGER_H
#define ROAMING_ASSOC_MANAGER_H

#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/phy-entity.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-assoc-manager.h"
#include "ns3/wifi-phy-band.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3 {

class WifiTxVector;

/// \ingroup roaming-security
/// One AP heard on some channel: what pre-authentication target choice needs.
struct RoamingCandidate
{
    Mac48Address bssid;                          ///< BSSID of the AP
    uint16_t channel{0};                         ///< channel number it was heard on
    WifiPhyBand band{WIFI_PHY_BAND_UNSPECIFIED}; ///< band of that channel
    double snrDb{0};                             ///< SNR of the last Beacon/Probe Response (dB)
    double rssiDbm{0};                           ///< signal power of that frame (dBm), 0 if unknown
    Time lastHeard;                              ///< simulation time it was last heard
};

/**
 * \ingroup roaming-security
 *
 * Association manager that scans a configured list of channels (the 3.37
 * WifiDefaultAssocManager only listens on the current channel, so a STA never
 * finds an AP on another channel). Active or passive scanning follows the
 * StaWifiMac "ActiveProbing" attribute. Candidates are ranked by SNR; the STA
 * is tuned to the best candidate's channel before the (re)association.
 * Beacons heard while associated (same channel) also refresh the candidates.
 */
class RoamingAssocManager : public WifiAssocManager
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingAssocManager();
    ~RoamingAssocManager() override;

    /**
     * Records the AP as a candidate while scanning, then hands it to WifiAssocManager.
     * \param apInfo what the STA learned from a Beacon or Probe Response
     */
    void NotifyApInfo(const StaWifiMac::ApInfo&& apInfo) override;
    /**
     * The PHY switched channel: scanning or joining goes on once the MAC has reset.
     * \param linkId the link whose channel switched
     */
    void NotifyChannelSwitched(uint8_t linkId) override;
    /**
     * Orders the candidates of the base class: higher SNR first, then lower BSSID.
     * \param lhs an AP
     * \param rhs another AP
     * \return whether lhs comes before rhs
     */
    bool Compare(const StaWifiMac::ApInfo& lhs, const StaWifiMac::ApInfo& rhs) const override;

    /// Set the channels to scan, e.g. "36,40,44" or "2.4:1,2.4:6,5:36" (band prefix optional).
    /// \param list the channels, in the ChannelList attribute's syntax; empty: current only
    void SetChannelList(const std::string& list);
    /// \return the channel list in the attribute's syntax, bands explicit
    std::string GetChannelList() const;
    /// \return the channels scanned, as (number, band)
    std::vector<std::pair<uint16_t, WifiPhyBand>> GetChannels() const;

    /// \return the candidates heard within CandidateMaxAge, best SNR first
    std::vector<RoamingCandidate> GetCandidates() const;
    /**
     * The manager a STA uses. StaWifiMac has no getter for it, so each manager registers
     * itself when its STA starts scanning (the STA's initialization, at time 0).
     * \param mac the STA MAC
     * \return the manager, or null if none registered (yet)
     */
    static Ptr<RoamingAssocManager> Find(Ptr<const StaWifiMac> mac);

    /// \return whether a scan is in progress
    bool IsScanning() const;

    /**
     * Leaves the current AP and joins a known one without scanning (a roam decided on
     * background-scan results): retunes to the target's channel (which makes StaWifiMac
     * disassociate and restart scanning) and offers the target as the only candidate.
     * \param target what the STA knows of the AP (its Beacon or Probe Response)
     */
    void JoinKnown(const StaWifiMac::ApInfo& target);
    /**
     * Channels a scan after losing the AP is limited to (for example those of the last
     * 802.11k neighbour report); empty: the ChannelList.
     * \param channels (number, band) pairs
     */
    void SetScanChannels(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels);

    /// Trace signature: a candidate was heard (or refreshed).
    typedef void (*CandidateCallback)(const RoamingCandidate& candidate);
    /// Trace signature: a scan ended with this many fresh candidates.
    typedef void (*ScanDoneCallback)(uint32_t nCandidates);

protected:
    void DoDispose() override;
    bool CanBeInserted(const StaWifiMac::ApInfo& apInfo) const override;
    bool CanBeReturned(const StaWifiMac::ApInfo& apInfo) const override;

private:
    void DoStartScanning() override;
    void HookPhyAndMac();
    void TuneTo(uint16_t channel, WifiPhyBand band, Callback<void> then);
    void TuneDone();
    void ScanChannel(std::size_t index);
    void ChannelDwellEnd(std::size_t index);
    void MinChannelTimeEnd(std::size_t index);
    void FinishScan();
    void Record(Mac48Address bssid, uint16_t channel, WifiPhyBand band, double snrLinear);
    void BeaconInfo(StaWifiMac::ApInfo apInfo);
    void SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz, WifiTxVector txVector,
                   MpduInfo aMpdu, SignalNoiseDbm signalNoise, uint16_t staId);

    std::vector<std::pair<uint16_t, WifiPhyBand>> m_channels; ///< channels to scan
    uint16_t m_channelWidth;                                  ///< width when tuning (MHz)
    Time m_maxChannelTime;       ///< dwell per channel (0: the STA's scan parameters)
    Time m_minChannelTime;       ///< active scan: leave a silent channel after this (0: never)
    Time m_channelSwitchTimeout; ///< give up waiting for a switch notification after this
    Time m_candidateMaxAge;      ///< candidates older than this are not reported

    bool m_hooked{false};
    bool m_scanning{false};
    Time m_scanStart;
    EventId m_dwellEvent;
    EventId m_probeEvent;
    EventId m_switchTimeout;
    Callback<void> m_afterTune;
    std::map<Mac48Address, RoamingCandidate> m_candidates;
    std::map<Mac48Address, double> m_lastRssi; ///< last signal power per transmitter
    std::vector<std::pair<uint16_t, WifiPhyBand>> m_scanChannels; ///< SetScanChannels
    std::vector<std::pair<uint16_t, WifiPhyBand>> m_scanList; ///< of the scan in progress
    std::optional<StaWifiMac::ApInfo> m_knownTarget; ///< JoinKnown's AP, until the MAC rescans
    Time m_channelArrival;                           ///< when the current channel's dwell began

    TracedCallback<const RoamingCandidate&> m_candidateTrace;
    TracedCallback<uint32_t> m_scanDoneTrace;
};

} // namespace ns3

#endif /* ROAMING_ASSOC_MANAGER_H */
