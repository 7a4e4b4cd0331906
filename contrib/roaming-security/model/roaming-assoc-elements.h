/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Our own information elements in the 802.11 (re)association exchange on ns-3.37.
 */
#ifndef ROAMING_ASSOC_ELEMENTS_H
#define ROAMING_ASSOC_ELEMENTS_H

#include "ns3/callback.h"
#include "ns3/mac48-address.h"
#include "ns3/object.h"
#include "ns3/phy-entity.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-mac-header.h"

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace ns3 {

class Packet;
class WifiMpdu;
class WifiMac;
class WifiNetDevice;
class WifiTxVector;
class RoamingMacQueueScheduler;

/// \ingroup roaming-security
/// One information element: Element ID and body (IEEE 802.11-2020 9.4.2.1).
struct RoamingInfoElement
{
    uint8_t id{0};             ///< Element ID
    std::vector<uint8_t> body; ///< the bytes after the Length octet
};

/// \ingroup roaming-security
/// A received (Re)Association Request or Response, as far as our code needs it.
struct RoamingAssocFrame
{
    Mac48Address sender;           ///< transmitter (Address 2)
    Mac48Address receiver;         ///< Address 1
    bool request{false};           ///< (Re)Association Request (else Response)
    bool reassoc{false};           ///< Reassociation Request/Response
    Mac48Address currentAp;        ///< Current AP Address of a Reassociation Request
    uint16_t statusCode{0};        ///< status of a response
    std::vector<uint8_t> elements; ///< every element after the fixed fields, raw
};

/**
 * \ingroup roaming-security
 *
 * Carries our information elements in the (re)association exchange, which ns-3.37 has
 * no API for:
 *  - STA: every (Re)Association Request it queues passes the RoamingMacQueueScheduler
 *    hook, which appends the bytes the request provider returns for the target BSSID;
 *    when the STA was associated with another AP before, the Association Request that
 *    3.37 StaWifiMac always sends is turned into a Reassociation Request (frame subtype,
 *    Current AP Address inserted after Listen Interval; IEEE 802.11-2020 9.3.3.7).
 *  - AP: every (Re)Association Response gets the bytes the response provider returns for
 *    the STA and the elements of the STA's last request.
 *  - Receiving: the PHY's MonitorSnifferRx trace gives the whole MPDU before the MAC
 *    parses it (the 3.37 management header deserializers skip unknown elements), fires
 *    before the MAC handles the frame, and is parsed here.
 * Appended elements go after all of ns-3's (so its in-order deserializer never meets
 * them); use IDs ns-3 does not parse, e.g. Vendor Specific (221).
 * Aggregated to the device: device->GetObject<RoamingAssocElements>().
 */
class RoamingAssocElements : public Object
{
public:
    /// Bytes (complete elements) to append to a request sent to a BSSID.
    using RequestProvider = Callback<std::vector<uint8_t>, Mac48Address>;
    /// Bytes to append to a response to a STA, given the STA's last request.
    using ResponseProvider = Callback<std::vector<uint8_t>, Mac48Address, const RoamingAssocFrame&>;
    /// Received frame callback.
    using ReceiveCallback = Callback<void, const RoamingAssocFrame&>;
    /// Status Code to put in a response to a STA (0: leave ns-3's).
    using StatusProvider = Callback<uint16_t, Mac48Address>;
    /// Whether a request to a BSSID must wait (true: held until ReleaseHeldRequest).
    using RequestGate = Callback<bool, Mac48Address>;
    /// Elements of a received Beacon or Probe Response (after the fixed fields), by BSSID.
    using BeaconCallback = Callback<void, Mac48Address, const std::vector<uint8_t>&>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingAssocElements();
    ~RoamingAssocElements() override;

    /**
     * Create the object on an AP or STA device (its MAC must use RoamingMacQueueScheduler)
     * and aggregate it to the device.
     * \param device the device
     * \return the object
     */
    static Ptr<RoamingAssocElements> Install(Ptr<WifiNetDevice> device);

    /// STA side: elements to append to (Re)Association Requests.
    /// \param provider gives the bytes to append for a target BSSID
    void SetAssocRequestElementProvider(RequestProvider provider);
    /// AP side: elements to append to (Re)Association Responses.
    /// \param provider gives the bytes to append for a STA and its last request
    void SetAssocResponseElementProvider(ResponseProvider provider);
    /// Frames received: requests at an AP, responses at a STA.
    /// \param cb called with each such frame, before the MAC handles it
    void SetReceiveCallback(ReceiveCallback cb);
    /// AP side: a Status Code for (Re)Association Responses, asked after the elements
    /// (a refusal the MAC cannot express, e.g. an FT reassociation whose MIC fails).
    /// \param provider gives the status for a STA, 0 to leave ns-3's
    void SetAssocResponseStatusProvider(StatusProvider provider);
    /// AP side: elements appended to every Beacon and Probe Response (e.g. the MDE).
    /// \param elements complete elements
    void SetBeaconElements(const std::vector<uint8_t>& elements);
    /// STA side: Beacons and Probe Responses received are parsed and reported.
    /// \param cb called with the BSSID and the elements of each
    void SetBeaconCallback(BeaconCallback cb);
    /// STA side: a request the gate holds is not sent; ReleaseHeldRequest sends it
    /// (an exchange such as FT Authentication must come first).
    /// \param gate returns true to hold a request to a BSSID
    void SetRequestGate(RequestGate gate);
    /// STA side: queues the held request, if it goes to bssid, as StaWifiMac would have.
    /// \param bssid the AP the exchange was with
    void ReleaseHeldRequest(Mac48Address bssid);

    /**
     * Split raw element bytes into elements; a truncated last element is left out.
     * \param bytes the element bytes
     * \return the elements
     */
    static std::vector<RoamingInfoElement> ParseElements(const std::vector<uint8_t>& bytes);
    /**
     * \param element an element
     * \return its bytes (Element ID, Length, body); body is truncated to 255 bytes
     */
    static std::vector<uint8_t> SerializeElement(const RoamingInfoElement& element);
    /**
     * \param body a Vendor Specific element body
     * \return the Vendor Specific element (ID 221) with that body
     */
    static std::vector<uint8_t> VendorSpecific(const std::vector<uint8_t>& body);

    /// Trace signature of "Received" and "Sent".
    typedef void (*FrameCallback)(const RoamingAssocFrame& frame);

protected:
    void DoDispose() override;

private:
    void Attach(Ptr<WifiNetDevice> device);
    bool EnqueueHook(Ptr<WifiMpdu> mpdu);
    void SnifferRx(Ptr<const Packet> packet, uint16_t channelFreqMhz, WifiTxVector txVector,
                   MpduInfo aMpdu, SignalNoiseDbm signalNoise, uint16_t staId);
    void StaAssoc(Mac48Address bssid);
    bool Seen(uint64_t uid);
    bool AppendBeaconElements(Ptr<WifiMpdu> mpdu);
    void ReportBeacon(Ptr<Packet> p);

    Ptr<WifiMac> m_mac;
    Ptr<RoamingMacQueueScheduler> m_scheduler;
    uint32_t m_hookId{0};
    bool m_isAp{false};
    bool m_convertToReassoc{true};
    Mac48Address m_lastBssid; ///< STA: AP of the last successful association
    bool m_wasAssociated{false};
    RequestProvider m_requestProvider;
    ResponseProvider m_responseProvider;
    ReceiveCallback m_receive;
    StatusProvider m_statusProvider;
    std::vector<uint8_t> m_beaconElements;
    BeaconCallback m_beaconCallback;
    RequestGate m_requestGate;
    Ptr<Packet> m_heldRequest; ///< STA: a (re)association request the gate holds
    WifiMacHeader m_heldHeader;
    std::map<Mac48Address, RoamingAssocFrame> m_lastRequest; ///< AP: per STA
    std::map<Mac48Address, uint16_t> m_lastSeq;              ///< duplicate detection
    std::deque<uint64_t> m_processed; ///< packet UIDs already edited (re-enqueues)
    TracedCallback<const RoamingAssocFrame&> m_rxTrace;
    TracedCallback<const RoamingAssocFrame&> m_txTrace;
};

} // namespace ns3

#endif /* ROAMING_ASSOC_ELEMENTS_H */
