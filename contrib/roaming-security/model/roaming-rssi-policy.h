/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The rssi roaming policy: roam while still associated when the current AP's signal
 * stays weak and a background scan found a clearly better AP.
 */
#ifndef ROAMSEC_ROAMING_RSSI_POLICY_H
#define ROAMSEC_ROAMING_RSSI_POLICY_H

#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/phy-entity.h"
#include "ns3/traced-callback.h"
#include "roaming-scan-radio.h"

#include <deque>
#include <set>
#include <utility>
#include <vector>

namespace ns3 {

class Packet;
class RoamingAssocManager;
class StaWifiMac;
class WifiNetDevice;
class WifiTxVector;

/**
 * \ingroup roaming-security
 *
 * Signal-strength roaming as deployed stations do it (defaults from Apple's published
 * iOS behaviour, support.apple.com HT203068: scan for candidates once the current AP's
 * RSSI crosses -70 dBm, take a candidate at least 8 dB stronger while data flows).
 *
 * While associated, the policy averages the RSSI of the current AP's Beacons over the
 * last Window beacons. Below Threshold it runs background scans (RoamingScanRadio) of
 * the candidate channels, one every ScanInterval; when the average is below Threshold
 * and the strongest candidate heard within CandidateMaxAge is at least MinGain dB above
 * it, the station sends its AP a Disassociation (reason 8, leaving the BSS), and once
 * the AP has acknowledged that frame joins the candidate without scanning
 * (RoamingAssocManager::JoinKnown). Plain ns-3's beacon-loss detection stays armed as a
 * fallback for a signal that falls faster than the policy reacts.
 */
class RoamingRssiPolicy : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingRssiPolicy();
    ~RoamingRssiPolicy() override;

    /// The parameters (RoamingMobile attributes).
    struct Config
    {
        double thresholdDbm{-70};                     ///< scan and roam below this average RSSI
        double minGainDb{8};                          ///< candidate must be this much stronger
        uint32_t window{3};                           ///< beacons averaged
        Time scanInterval{MilliSeconds(500)};         ///< between background scan starts
        Time candidateMaxAge{Seconds(1)};             ///< older scan results are not used
        Time disassociationTimeout{MilliSeconds(20)}; ///< leave anyway if not acked by then
        Time prepareTimeout{MilliSeconds(100)};       ///< leave anyway if not prepared by then
    };

    /**
     * \param device the mobile's Wi-Fi device (StaWifiMac with a RoamingAssocManager)
     * \param config the policy's parameters
     */
    void Install(Ptr<WifiNetDevice> device, const Config& config);
    /**
     * The channels background scans cover and, if not empty, the only BSSIDs that may be
     * roamed to (an 802.11k neighbour report); without a report: every channel of the
     * ChannelList and any AP of the ESS.
     * \param channels (number, band) pairs
     * \param allowed the neighbours, or empty for any
     */
    void SetCandidates(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels,
                       const std::vector<Mac48Address>& allowed);
    /// Called with the target and a callback once the policy has chosen to roam, before
    /// it leaves the current AP; the policy leaves when the callback runs (or after
    /// PrepareTimeout). Lets a method use the current AP first (FT over the DS).
    using PrepareCallback = Callback<void, Mac48Address, Callback<void>>;
    /// \param prepare the preparation step
    void SetPrepareTransition(PrepareCallback prepare);
    /// \param cb called with the elements of each Beacon the background scans hear
    void SetBeaconElementsCallback(RoamingScanRadio::ElementsCallback cb);
    /// \param bssid the AP the station has just associated with
    void Associated(Mac48Address bssid);
    /// The station is no longer associated (whatever the reason).
    void Left();
    /// \return background scanning time during the last association, then reset
    Time TakeBackgroundScanTime();
    /// \return whether the last departure was this policy's roam (else beacon loss)
    bool LastLeaveWasRoam() const;

    /// Trace signature: the policy roams from one AP to another.
    typedef void (*RoamCallback)(Mac48Address from, Mac48Address to, double fromDbm, double toDbm);

protected:
    void DoDispose() override;

private:
    void SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz, WifiTxVector txVector,
                   MpduInfo aMpdu, SignalNoiseDbm signalNoise, uint16_t staId);
    void PhyTxEnd(Ptr<const Packet> packet);
    void Evaluate();
    void StartBackgroundScan();
    void BackgroundScanDone();
    void Leave();
    void Depart();

    Config m_config;
    Ptr<StaWifiMac> m_mac;
    Ptr<RoamingAssocManager> m_manager;
    Ptr<RoamingScanRadio> m_radio;
    std::vector<std::pair<uint16_t, WifiPhyBand>> m_channels;
    std::set<Mac48Address> m_allowed;
    bool m_associated{false};
    Mac48Address m_bssid;
    std::deque<double> m_beaconRssi; ///< the last Window beacons of the current AP (dBm)
    Time m_lastScanStart;
    bool m_scannedOnce{false};
    Time m_scanTime;               ///< background scanning during this association
    uint64_t m_association{0};     ///< counts associations
    uint64_t m_scanAssociation{0}; ///< the association the last scan started in
    bool m_leaving{false};         ///< Disassociation queued, not yet acknowledged
    bool m_awaitingAck{false};     ///< Disassociation sent, its ACK not yet received
    bool m_lastLeaveWasRoam{false};
    RoamingScanRadio::Heard m_target; ///< where the roam goes
    EventId m_leaveTimeout;
    PrepareCallback m_prepare;
    bool m_preparing{false}; ///< waiting for the method's preparation of m_target
    double m_currentDbm{0};  ///< the current AP's average when the roam was chosen
    EventId m_prepareTimeout;
    TracedCallback<Mac48Address, Mac48Address, double, double> m_roamTrace;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_RSSI_POLICY_H
