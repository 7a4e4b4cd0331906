/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A receive-only second radio on a mobile, for background scans while associated.
 */
#ifndef ROAMSEC_ROAMING_SCAN_RADIO_H
#define ROAMSEC_ROAMING_SCAN_RADIO_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/phy-entity.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-phy-band.h"

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace ns3 {

class Packet;
class WifiNetDevice;
class WifiPhy;
class WifiTxVector;

/**
 * \ingroup roaming-security
 *
 * Background scanning for the rssi roaming policy. ns-3's StaWifiMac disassociates
 * whenever its PHY changes channel, so a single-radio station cannot leave its channel
 * to listen elsewhere and come back associated. This object gives the mobile a second,
 * receive-only PHY of the same type and configuration on the same channel object: it
 * hops through the channels it is asked to scan, dwelling on each, and keeps the last
 * Beacon or Probe Response of every AP it decodes (signal power, SNR, the frame itself
 * so that the station can join that AP without scanning again). It never transmits, so
 * a background scan is passive and does not interrupt the station's data (a real
 * single-radio client goes off channel with its AP buffering frames in power save,
 * which ns-3's ApWifiMac cannot do; see doc/roaming-policies.rst).
 */
class RoamingScanRadio : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingScanRadio();
    ~RoamingScanRadio() override;

    /// An AP the radio decoded.
    struct Heard
    {
        Mac48Address bssid;                          ///< BSSID
        uint16_t channel{0};                         ///< channel it was heard on
        WifiPhyBand band{WIFI_PHY_BAND_UNSPECIFIED}; ///< band of that channel
        double rssiDbm{0};                           ///< signal power (dBm)
        double snrDb{0};                             ///< SNR (dB)
        Time when;                                   ///< when it was heard
        StaWifiMac::ApInfo apInfo;                   ///< what StaWifiMac needs to join it
    };

    /**
     * Builds the radio for a STA device: a PHY of the device PHY's type and standard,
     * attached to the same channel object and to the node's mobility model.
     * \param device the mobile's Wi-Fi device (a YansWifiPhy on a YansWifiChannel)
     */
    void Install(Ptr<WifiNetDevice> device);
    /**
     * Scans the channels in turn, DwellTime each, then calls done.
     * \param channels (number, band) pairs
     * \param done called once the last dwell ended
     */
    void Scan(const std::vector<std::pair<uint16_t, WifiPhyBand>>& channels, Callback<void> done);
    /// \return whether a scan is in progress
    bool IsScanning() const;
    /// \return the start time of the scan in progress or of the last one
    Time GetScanStart() const;
    /// \return the APs heard, by BSSID (the newest frame of each)
    const std::map<Mac48Address, Heard>& GetHeard() const;
    /**
     * \param bssid an AP
     * \return what was heard of it, if anything
     */
    std::optional<Heard> Find(Mac48Address bssid) const;

    /// Trace signature: an AP was heard.
    typedef void (*HeardCallback)(Mac48Address bssid, uint16_t channel, double rssiDbm);

    /// Elements of a Beacon or Probe Response heard (after the fixed fields), by BSSID.
    using ElementsCallback = Callback<void, Mac48Address, const std::vector<uint8_t>&>;
    /// \param cb called for each Beacon or Probe Response kept (e.g. to read an MDE)
    void SetElementsCallback(ElementsCallback cb);

protected:
    void DoDispose() override;

private:
    void Tune(std::size_t index);
    void DwellEnd(std::size_t index);
    void SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz, WifiTxVector txVector,
                   MpduInfo aMpdu, SignalNoiseDbm signalNoise, uint16_t staId);

    Time m_dwellTime;                                            ///< per channel
    Ptr<WifiPhy> m_phy;                                          ///< the receive-only PHY
    Mac48Address m_ownAddress;                                   ///< the STA's address
    uint16_t m_channelWidth{20};                                 ///< width when tuning (MHz)
    std::vector<std::pair<uint16_t, WifiPhyBand>> m_channels;    ///< of the scan in progress
    std::size_t m_index{0};                                      ///< channel being scanned
    bool m_scanning{false};                                      ///< a scan is in progress
    Time m_scanStart;                                            ///< start of the last scan
    EventId m_dwellEvent;                                        ///< end of the current dwell
    Callback<void> m_done;                                       ///< called when the scan ends
    ElementsCallback m_elements;                                 ///< SetElementsCallback
    std::map<Mac48Address, Heard> m_heard;                       ///< newest frame per AP
    TracedCallback<Mac48Address, uint16_t, double> m_heardTrace; ///< "Heard"
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_SCAN_RADIO_H
