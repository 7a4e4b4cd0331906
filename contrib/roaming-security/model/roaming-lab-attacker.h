/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The attacker of the teaching lab (roaming-lab): sees, alters, drops and injects our
 * security frames on the air and the distribution system.
 */
#ifndef ROAMSEC_ROAMING_LAB_ATTACKER_H
#define ROAMSEC_ROAMING_LAB_ATTACKER_H

#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <string>

namespace ns3 {

class HandoffRecorder;

/**
 * \ingroup roaming-security
 *
 * An active attacker within radio range of a mobile and its APs (doc/teaching.rst). A
 * RoamingMobile or RoamingAccessPoint given one (SetLabAttacker) hands it every EAPOL,
 * pre-authentication and pre-association frame before processing it: the attacker may
 * change the bytes (the frame was altered on the air: jammed and re-sent) or drop it.
 * It injects frames with a device's Send: spoofing the AP's address puts the same bytes
 * on the air as the AP's own radio, so the model sends them from the AP's device (or
 * from the rogue AP's, when the attacker runs one). What the attacker does is given by
 * one interceptor function, the lab case's; it is counted, traced ("Attack") and marked
 * in the message trace.
 */
class RoamingLabAttacker : public Object
{
public:
    /** Which way a frame goes. */
    enum Direction
    {
        ToMobile, //!< from an AP to a mobile
        ToAp,     //!< from a mobile to an AP
    };

    /** A frame the attacker sees before its receiver processes it. */
    struct Frame
    {
        Direction direction;        //!< its direction
        uint32_t mobile;            //!< index of the mobile
        int32_t ap;                 //!< index of the AP
        uint16_t etherType;         //!< 0x888E EAPOL, 0x88C7 pre-authentication, ...
        roamsec::Bytes pdu;         //!< the payload after the EtherType, to alter in place
        Ptr<NetDevice> apDevice;    //!< the AP's Wi-Fi device
        Mac48Address mobileAddress; //!< the mobile's MAC address
    };

    /**
     * The attacker's behaviour: called for each frame; return false to drop it. Alter
     * frame.pdu and call NoteAltered to change it.
     */
    using Interceptor = std::function<bool(Frame& frame)>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RoamingLabAttacker();
    ~RoamingLabAttacker() override;

    /** \param interceptor the behaviour of the attacker */
    void SetInterceptor(Interceptor interceptor);
    /**
     * \param interceptor the attacker's behaviour on (Re)Association Requests: the frame's
     *        pdu is the request's elements (etherType 0) as the AP reads them; returning
     *        false is ignored (the AP's MAC has already answered), alter pdu instead
     */
    void SetReassociationInterceptor(Interceptor interceptor);
    /**
     * Called by an AP for each (re)association request it answers.
     * \param frame the request's elements; may be altered
     */
    void InterceptReassociation(Frame& frame);
    /** \param recorder the recorder whose message trace marks the attacker's actions */
    void SetRecorder(Ptr<HandoffRecorder> recorder);

    /**
     * Called by the receiving role for each of our frames.
     * \param frame the frame; its pdu may be altered
     * \return false when the frame does not arrive
     */
    bool Intercept(Frame& frame);

    /**
     * The attacker altered the frame now being intercepted.
     * \param frame the frame
     * \param what a short description, for the trace and the log
     */
    void NoteAltered(const Frame& frame, const std::string& what);
    /**
     * Sends an EAPOL frame to a mobile as if from an AP (spoofed, or from a rogue AP).
     * \param apDevice the AP's Wi-Fi device
     * \param ap the AP's index
     * \param mobile the mobile's index
     * \param mobileAddress the mobile's MAC address
     * \param pdu the EAPOL frame
     * \param sender the transmitter's name in the message trace (e.g. "rogue-ap-1")
     * \param what a short description
     */
    void InjectToMobile(Ptr<NetDevice> apDevice, int32_t ap, uint32_t mobile,
                        Mac48Address mobileAddress, const roamsec::Bytes& pdu,
                        const std::string& sender, const std::string& what);

    /**
     * Sends a frame to an AP as if from a mobile (spoofed: the mobile's address).
     * \param mobileDevice the mobile's Wi-Fi device
     * \param ap the AP's index
     * \param mobile the mobile's index
     * \param apAddress the AP's MAC address
     * \param etherType the frame's EtherType
     * \param pdu the payload
     * \param what a short description
     */
    void InjectToAp(Ptr<NetDevice> mobileDevice, int32_t ap, uint32_t mobile,
                    Mac48Address apAddress, uint16_t etherType, const roamsec::Bytes& pdu,
                    const std::string& what);

    /** \return frames altered */
    uint64_t GetAltered() const;
    /** \return frames dropped */
    uint64_t GetDropped() const;
    /** \return frames injected */
    uint64_t GetInjected() const;

    /** Signature of the Attack trace source: what the attacker did. */
    typedef void (*AttackCallback)(const std::string& what);

protected:
    void DoDispose() override;

private:
    Interceptor m_interceptor;
    Interceptor m_reassociationInterceptor;
    Ptr<HandoffRecorder> m_recorder;
    uint64_t m_altered{0};
    uint64_t m_dropped{0};
    uint64_t m_injected{0};
    TracedCallback<const std::string&> m_attackTrace;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_LAB_ATTACKER_H
