/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Collects one record per handoff (phase boundaries, messages and bytes per link
 * kind, AAA load, UDP disruption) and writes the results files described in
 * doc/results-format.rst. Every role reports to the recorder of its simulation.
 */
#ifndef ROAMSEC_HANDOFF_RECORDER_H
#define ROAMSEC_HANDOFF_RECORDER_H

#include "ns3/mac48-address.h"
#include "ns3/message-describer.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * Where a security message travelled.
 */
enum class RoamingLink
{
    Air,      //!< 802.11 link between mobile and AP
    Backhaul, //!< AP to visited AAA
    Wan,      //!< visited AAA to home AAA
};

/**
 * \ingroup roaming-security
 *
 * Phase boundaries of a handoff, in the order they normally occur.
 */
enum class HandoffEvent
{
    LinkLost,
    ScanDone,
    Associated,
    EapStart,
    EapDone,
    FourWayDone,
    PortOpenSta,
    PortOpenAp,
    FirstData,
};

/**
 * \param event a phase boundary
 * \return its name, as in the column names of handoffs-run<R>.csv
 */
const char* HandoffEventName(HandoffEvent event);
/**
 * \param link a link kind
 * \return its name, as in messages-run<R>.csv
 */
const char* RoamingLinkName(RoamingLink link);

/**
 * \ingroup roaming-security
 *
 * One handoff as written to handoffs-run<R>.csv.
 */
struct HandoffRecord
{
    uint32_t mobile{0};
    int32_t fromAp{-1};
    int32_t toAp{-1};
    std::string method;
    bool fallback{false};
    std::map<HandoffEvent, Time> times;
    uint64_t messages[3]{0, 0, 0}; //!< indexed by RoamingLink
    uint64_t bytes[3]{0, 0, 0};
    uint64_t visitedAaaMessages{0};
    uint64_t homeAaaMessages{0};
    std::optional<Time> udpGap;   //!< the outage: first data through the new AP minus lastData
    std::optional<Time> lastData; //!< last data packet through the old AP before LinkLost
    std::string trigger;          //!< what ended the old association: rssi or beacon-loss
    Time backgroundScan;          //!< background scanning during the old association
    bool complete{false};         //!< reached FirstData
    uint32_t restarts{0};         //!< 802.1X restarts of the mobile during the handoff
    std::string failure;          //!< the last failure during the handoff, empty if none

    /**
     * \return how the handoff ended: "completed", "completed-after-retry", "failed:<the
     *         last failure>" or "incomplete" (the run or the next handoff came first)
     */
    std::string Outcome() const;
};

/**
 * \ingroup roaming-security
 *
 * Security messages of a run by link and by AAA server (each message counted once, by
 * its sender), split by when they were sent: during a handoff (a record open) or
 * outside handoffs (first association, and a method's preparation: pre-authentication,
 * over-DS PTK exchanges, key updates between handoffs).
 */
struct SignallingTotals
{
    uint64_t messages[3]{0, 0, 0}; //!< indexed by RoamingLink
    uint64_t bytes[3]{0, 0, 0};    //!< indexed by RoamingLink
    uint64_t visitedAaaMessages{0};
    uint64_t homeAaaMessages{0};
};

/**
 * \ingroup roaming-security
 *
 * One protocol message, for message sequence charts (messages-run<R>.csv).
 */
struct MessageRecord
{
    uint32_t handoff{0}; //!< index into the handoff records; 0-based
    Time time;
    RoamingLink link{RoamingLink::Air};
    std::string from;
    std::string to;
    std::string protocol;
    std::string message;
    uint32_t bytes{0};
    std::string fields; //!< "name=hex;name=hex"
    bool local{false};  //!< a detection point, not a message (link "local" in the file)
    bool attacker{false}; //!< sent, replayed or altered by the lab's attacker
    std::string detect;   //!< the check that failed at the receiver, empty if none
};

/**
 * \ingroup roaming-security
 *
 * Collects one record per handoff: it opens when the mobile loses its AP and completes
 * at the first data packet received through the new AP with the controlled port open at
 * both ends. The roles mark the phase boundaries and count the security messages they
 * send per link kind and the messages each AAA handles; WriteCsv writes the results
 * files (doc/results-format.rst). One recorder per simulation, shared by every role.
 */
class HandoffRecorder : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HandoffRecorder();

    /**
     * Declares the mobile behind a STA address (so AAA roles can attribute RADIUS traffic).
     * \param sta the mobile's Wi-Fi MAC address
     * \param mobile its mobile index
     */
    void RegisterMobile(Mac48Address sta, uint32_t mobile);
    /**
     * Mobile index of a STA address or of a Calling-Station-Id ("02-00-..."); -1 if unknown.
     * \param sta a STA address
     * \return the mobile index, or -1
     */
    int64_t FindMobile(Mac48Address sta) const;
    /**
     * \param callingStationId a Calling-Station-Id (RFC 3580 3.21 format)
     * \return the mobile index, or -1
     */
    int64_t FindMobile(const std::string& callingStationId) const;

    /**
     * Declares the AP behind a BSSID.
     * \param bssid the AP's Wi-Fi MAC address
     * \param ap its AP index
     */
    void RegisterAp(Mac48Address bssid, int32_t ap);
    /**
     * AP index of a BSSID; -1 if unknown.
     * \param bssid a BSSID
     * \return the AP index, or -1
     */
    int32_t FindAp(Mac48Address bssid) const;

    /**
     * Opens a new handoff record for the mobile (its link to fromAp was lost at `now`).
     * An unfinished previous record of the mobile stays in the records, incomplete.
     * \param mobile the mobile index
     * \param fromAp the index of the AP it lost
     * \param method the name of its handoff method
     */
    void BeginHandoff(uint32_t mobile, int32_t fromAp, const std::string& method);
    /**
     * Marks a phase boundary of the mobile's open handoff (first occurrence wins).
     * \param mobile the mobile index
     * \param event the phase boundary reached now
     */
    void Mark(uint32_t mobile, HandoffEvent event);
    /**
     * \param mobile the mobile index
     * \param toAp the index of the AP its open handoff goes to
     */
    void SetTargetAp(uint32_t mobile, int32_t toAp);
    /**
     * Records that the mobile's open handoff fell back to full EAP.
     * \param mobile the mobile index
     */
    void SetFallback(uint32_t mobile);
    /**
     * What made the mobile leave its AP, for its open handoff.
     * \param mobile the mobile
     * \param trigger rssi (the roaming policy) or beacon-loss (the MAC's watchdog)
     * \param backgroundScan time spent in background scans while still associated
     */
    void SetTrigger(uint32_t mobile, const std::string& trigger, Time backgroundScan);
    /**
     * The mobile started 802.1X again during its open handoff (its port stayed closed).
     * \param mobile the mobile index
     */
    void NoteRestart(uint32_t mobile);
    /**
     * An authentication of the mobile's open handoff failed.
     * \param mobile the mobile index
     * \param reason what failed (no comma), e.g. "eap-failure after eap-aka:autn-mac-failure"
     */
    void NoteFailure(uint32_t mobile, const std::string& reason);
    /**
     * A side gave up on the handoff (e.g. an AP deauthenticated the station): recorded
     * only when no failure was noted before, since a failed check says more about why.
     * \param mobile the mobile
     * \param reason what gave up, e.g. "ap-1 4way:timeout"
     */
    void NoteGiveUp(uint32_t mobile, const std::string& reason);
    /**
     * Counts a message an AAA server handled for the mobile's open handoff.
     * \param mobile the mobile index
     * \param home true: the home AAA; false: the visited AAA
     */
    void CountAaaMessage(uint32_t mobile, bool home);
    /**
     * Counts a security message sent on a link for the mobile's open handoff and, when
     * message tracing is on, records it for the sequence charts with the name and key
     * fields `describe` gives (only called then).
     * \param mobile the mobile index
     * \param link the link the message was sent on
     * \param from name of the sender, e.g. "ap-1" or "home-aaa"
     * \param to name of the receiver
     * \param bytes size of the message on that link
     * \param describe gives the message's protocol, name and key fields
     */
    void RecordSent(uint32_t mobile, RoamingLink link, const std::string& from,
                    const std::string& to, uint32_t bytes,
                    const std::function<roamsec::MessageDescription()>& describe);
    /**
     * Lab runs (roaming-lab): the message file gets the columns attacker, detect and case
     * (doc/results-format.rst), and lab rows are kept even between handoffs.
     * \param name the lab case
     */
    void SetLabCase(const std::string& name);
    /**
     * Records a message the lab's attacker sent (message tracing on), against the
     * mobile's open handoff or its last one.
     * \param mobile the mobile index
     * \param link the link it was sent on
     * \param from the transmitter's name
     * \param to the receiver's name
     * \param bytes its size
     * \param describe gives the message's protocol, name and key fields
     */
    void RecordAttackerMessage(uint32_t mobile, RoamingLink link, const std::string& from,
                               const std::string& to, uint32_t bytes,
                               const std::function<roamsec::MessageDescription()>& describe);
    /**
     * Marks the mobile's last traced message from `from` to `to` as altered by the attacker.
     * \param mobile the mobile index
     * \param from the sender's name
     * \param to the receiver's name
     */
    void MarkAltered(uint32_t mobile, const std::string& from, const std::string& to);
    /**
     * Records a detection point: a check that failed at an endpoint (a "local" row).
     * \param mobile the mobile index
     * \param endpoint the detecting endpoint's name
     * \param check what failed
     */
    void RecordDetection(uint32_t mobile, const std::string& endpoint, const std::string& check);

    /**
     * Data-plane observation from the mobile's UDP sink: packet received via apIndex.
     * Completes the open handoff if it arrived through its target AP with both ports open.
     * \param mobile the mobile index
     * \param apIndex the AP the mobile is associated with
     */
    void NotifyDataReceived(uint32_t mobile, int32_t apIndex);

    /**
     * \param mobile the mobile index
     * \return whether the mobile has a handoff record open
     */
    bool HasOpenHandoff(uint32_t mobile) const;
    /**
     * \param duringHandoffs true: messages sent while a handoff of their mobile was open;
     *        false: the others (first association, preparation between handoffs)
     * \return the run's security messages so far, all mobiles together
     */
    const SignallingTotals& GetSignalling(bool duringHandoffs) const;

    /** \return every handoff record so far, complete or not, in the order opened */
    const std::vector<HandoffRecord>& GetRecords() const;

    /**
     * Writes handoffs-run<R>.csv (and messages-run<R>.csv when tracing) to the given
     * paths. Throws std::runtime_error if a file cannot be written.
     * \param handoffPath path of the handoff records file
     * \param messagePath path of the message file; empty: not written
     * \param append append records without a header line instead of overwriting
     */
    void WriteCsv(const std::string& handoffPath, const std::string& messagePath,
                  bool append = false) const;

    /**
     * Signature of the HandoffEvent trace source.
     * \param mobile index of the mobile
     * \param event the phase boundary reached
     * \param time when it was reached
     */
    typedef void (*EventCallback)(uint32_t mobile, HandoffEvent event, Time time);
    /**
     * Signature of the HandoffCompleted trace source.
     * \param mobile index of the mobile
     * \param record the completed handoff
     */
    typedef void (*CompletedCallback)(uint32_t mobile, const HandoffRecord& record);

private:
    HandoffRecord* Open(uint32_t mobile);
    void CountMessage(uint32_t mobile, RoamingLink link, uint32_t bytes);

    std::map<Mac48Address, uint32_t> m_mobiles;
    std::map<Mac48Address, int32_t> m_aps;
    std::vector<HandoffRecord> m_records;
    std::map<uint32_t, size_t> m_open;        //!< mobile -> index of its open record
    std::map<uint32_t, Time> m_lastDataOldAp; //!< mobile -> last data packet before handoff
    std::map<uint32_t, int32_t> m_lastDataAp; //!< mobile -> AP of its last data packet
    std::vector<MessageRecord> m_messages;
    bool m_traceMessages{false};
    std::string m_labCase; //!< empty: not a lab run
    SignallingTotals m_duringHandoffs;
    SignallingTotals m_outsideHandoffs;
    /** Handoff index for a lab row: the open handoff, else the last; -1 when none. */
    int64_t LabHandoff(uint32_t mobile) const;
    uint32_t m_run{0};
    uint32_t m_seed{0};

    TracedCallback<uint32_t, HandoffEvent, Time> m_eventTrace;
    TracedCallback<uint32_t, const HandoffRecord&> m_completedTrace;
};

} // namespace ns3

#endif // ROAMSEC_HANDOFF_RECORDER_H
