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

/** Where a security message travelled. */
enum class RoamingLink
{
    Air,      //!< 802.11 link between mobile and AP
    Backhaul, //!< AP to visited AAA
    Wan,      //!< visited AAA to home AAA
};

/** Phase boundaries of a handoff, in the order they normally occur. */
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

const char* HandoffEventName(HandoffEvent event);
const char* RoamingLinkName(RoamingLink link);

/** One handoff as written to handoffs-run<R>.csv. */
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
    std::optional<Time> udpGap;
    bool complete{false}; //!< reached FirstData
};

/** One protocol message, for message sequence charts (messages-run<R>.csv). */
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
};

class HandoffRecorder : public Object
{
public:
    static TypeId GetTypeId();
    HandoffRecorder();

    /** Declares the mobile behind a STA address (so AAA roles can attribute RADIUS traffic). */
    void RegisterMobile(Mac48Address sta, uint32_t mobile);
    /** Mobile index of a STA address or of a Calling-Station-Id ("02-00-..."); -1 if unknown. */
    int64_t FindMobile(Mac48Address sta) const;
    int64_t FindMobile(const std::string& callingStationId) const;

    /** Declares the AP behind a BSSID. */
    void RegisterAp(Mac48Address bssid, int32_t ap);
    /** AP index of a BSSID; -1 if unknown. */
    int32_t FindAp(Mac48Address bssid) const;

    /** Opens a new handoff record for the mobile (its link to fromAp was lost at `now`). */
    void BeginHandoff(uint32_t mobile, int32_t fromAp, const std::string& method);
    /** Marks a phase boundary of the mobile's open handoff (first occurrence wins). */
    void Mark(uint32_t mobile, HandoffEvent event);
    void SetTargetAp(uint32_t mobile, int32_t toAp);
    void SetFallback(uint32_t mobile);
    void CountAaaMessage(uint32_t mobile, bool home);
    /**
     * Counts a security message sent on a link for the mobile's open handoff and, when
     * message tracing is on, records it for the sequence charts with the name and key
     * fields `describe` gives (only called then).
     */
    void RecordSent(uint32_t mobile, RoamingLink link, const std::string& from,
                    const std::string& to, uint32_t bytes,
                    const std::function<roamsec::MessageDescription()>& describe);
    /** Data-plane observation from the mobile's UDP sink: packet received via apIndex. */
    void NotifyDataReceived(uint32_t mobile, int32_t apIndex);

    bool HasOpenHandoff(uint32_t mobile) const;
    const std::vector<HandoffRecord>& GetRecords() const;

    /** Writes handoffs-run<R>.csv (and messages-run<R>.csv when tracing) into dir. */
    void WriteCsv(const std::string& handoffPath, const std::string& messagePath,
                  bool append = false) const;

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
    uint32_t m_run{0};
    uint32_t m_seed{0};

    TracedCallback<uint32_t, HandoffEvent, Time> m_eventTrace;
    TracedCallback<uint32_t, const HandoffRecord&> m_completedTrace;
};

} // namespace ns3

#endif // ROAMSEC_HANDOFF_RECORDER_H
