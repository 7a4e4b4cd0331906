/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One observer per STA Wi-Fi device: association starting, the AP's response,
 * association completed and leaving the AP, reported in a fixed order from one
 * explicit state, whatever order ns-3 fires the underlying traces in.
 */
#ifndef ROAMSEC_ROAMING_ASSOC_OBSERVER_H
#define ROAMSEC_ROAMING_ASSOC_OBSERVER_H

#include "ns3/callback.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <vector>

namespace ns3 {

class RoamingAssocElements;
struct RoamingAssocFrame;

/**
 * \ingroup roaming-security
 *
 * The association life cycle of one STA Wi-Fi device, as one state machine:
 *
 *     Idle --(request built)--> Associating --(Assoc)--> Associated --(DeAssoc)--> Idle
 *
 * It is the only listener of StaWifiMac's Assoc and DeAssoc traces, of the
 * RoamingAssocManager's ScanDone and of the device's RoamingAssocElements (the request
 * element provider and the received response) on behalf of the roles, and reports to
 * one Listener, in this order for each association: AssociationStarting (whose return
 * value is appended to the request), ResponseReceived (only the response of the AP the
 * request went to), AssociationCompleted, and LeftAp. The same boundaries are trace
 * sources. Version differences stay in ns3-compat; this class uses traces that both
 * supported ns-3 releases have.
 */
class RoamingAssocObserver : public Object
{
public:
    /** The association state of the device. */
    enum State
    {
        Idle,        //!< not associated, no request under way
        Associating, //!< a (re)association request to Target() was built
        Associated,  //!< associated with Bssid()
    };

    /** What a role wants to hear; unset callbacks are skipped. */
    struct Listener
    {
        /** A (re)association request to this AP is being built: elements to append. */
        Callback<std::vector<uint8_t>, Mac48Address> associationStarting;
        /** The (re)association response of the AP the request went to. */
        Callback<void, const RoamingAssocFrame&> responseReceived;
        /** The MAC reports the association complete (it records it right after). */
        Callback<void, Mac48Address> associationCompleted;
        /** The MAC left this AP (beacons lost, or disassociated). */
        Callback<void, Mac48Address> leftAp;
        /** A scan of all channels ended with this many candidates. */
        Callback<void, uint32_t> scanDone;
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingAssocObserver();
    ~RoamingAssocObserver() override;

    /**
     * The device's observer, created, aggregated and connected on first use.
     * \param device a WifiNetDevice with a StaWifiMac
     * \return the device's only observer
     */
    static Ptr<RoamingAssocObserver> Install(Ptr<NetDevice> device);

    /**
     * Sets the one listener (a second call replaces it).
     * \param listener the callbacks to report to
     */
    void SetListener(const Listener& listener);

    /** \return the current state */
    State GetState() const;
    /** \return the AP of the last request (meaningful from Associating on) */
    Mac48Address GetTarget() const;
    /** \return the AP associated with (meaningful in Associated) */
    Mac48Address GetBssid() const;

    /** Signature of the AssociationStarting, AssociationCompleted and LeftAp traces. */
    typedef void (*BssidCallback)(Mac48Address bssid);

protected:
    void DoDispose() override;

private:
    void Connect(Ptr<NetDevice> device);
    std::vector<uint8_t> OnRequestBuilt(Mac48Address bssid);
    void OnFrame(const RoamingAssocFrame& frame);
    void OnAssoc(Mac48Address bssid);
    void OnDeAssoc(Mac48Address bssid);
    void OnScanDone(uint32_t candidates);

    State m_state{Idle};
    Mac48Address m_target;
    Mac48Address m_bssid;
    Listener m_listener;
    Ptr<RoamingAssocElements> m_elements;

    TracedCallback<Mac48Address> m_startingTrace;
    TracedCallback<Mac48Address> m_completedTrace;
    TracedCallback<Mac48Address> m_leftTrace;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_ASSOC_OBSERVER_H
