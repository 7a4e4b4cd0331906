/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "handoff-recorder.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("HandoffRecorder");
NS_OBJECT_ENSURE_REGISTERED(HandoffRecorder);

const char*
HandoffEventName(HandoffEvent event)
{
    switch (event)
    {
        case HandoffEvent::LinkLost:
            return "t_link_lost";
        case HandoffEvent::ScanDone:
            return "t_scan_done";
        case HandoffEvent::Associated:
            return "t_associated";
        case HandoffEvent::EapStart:
            return "t_eap_start";
        case HandoffEvent::EapDone:
            return "t_eap_done";
        case HandoffEvent::FourWayDone:
            return "t_4way_done";
        case HandoffEvent::PortOpenSta:
            return "t_port_open_sta";
        case HandoffEvent::PortOpenAp:
            return "t_port_open_ap";
        case HandoffEvent::FirstData:
            return "t_first_data";
    }
    return "?";
}

const char*
RoamingLinkName(RoamingLink link)
{
    switch (link)
    {
        case RoamingLink::Air:
            return "air";
        case RoamingLink::Backhaul:
            return "backhaul";
        case RoamingLink::Wan:
            return "wan";
    }
    return "?";
}

static const HandoffEvent kAllEvents[]
    = {HandoffEvent::LinkLost,    HandoffEvent::ScanDone,   HandoffEvent::Associated,
       HandoffEvent::EapStart,    HandoffEvent::EapDone,    HandoffEvent::FourWayDone,
       HandoffEvent::PortOpenSta, HandoffEvent::PortOpenAp, HandoffEvent::FirstData};

TypeId
HandoffRecorder::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::HandoffRecorder")
              .SetParent<Object>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<HandoffRecorder>()
              .AddAttribute("TraceMessages", "Keep every protocol message for messages-run<R>.csv",
                            BooleanValue(false),
                            MakeBooleanAccessor(&HandoffRecorder::m_traceMessages),
                            MakeBooleanChecker())
              .AddAttribute("Run", "ns-3 run number written into each record", UintegerValue(0),
                            MakeUintegerAccessor(&HandoffRecorder::m_run),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("Seed", "ns-3 seed written into each record", UintegerValue(0),
                            MakeUintegerAccessor(&HandoffRecorder::m_seed),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("HandoffEvent",
                              "A phase boundary of a mobile's handoff (mobile, event, time)",
                              MakeTraceSourceAccessor(&HandoffRecorder::m_eventTrace),
                              "ns3::HandoffRecorder::EventCallback")
              .AddTraceSource("HandoffCompleted",
                              "A handoff reached its first data packet through the new AP",
                              MakeTraceSourceAccessor(&HandoffRecorder::m_completedTrace),
                              "ns3::HandoffRecorder::CompletedCallback");
    return tid;
}

HandoffRecorder::HandoffRecorder() = default;

void
HandoffRecorder::RegisterMobile(Mac48Address sta, uint32_t mobile)
{
    m_mobiles[sta] = mobile;
}

int64_t
HandoffRecorder::FindMobile(Mac48Address sta) const
{
    auto it = m_mobiles.find(sta);
    return it == m_mobiles.end() ? -1 : static_cast<int64_t>(it->second);
}

int64_t
HandoffRecorder::FindMobile(const std::string& callingStationId) const
{
    // RFC 3580 3.21 writes "00-10-A4-23-19-C0"; Mac48Address wants colons.
    if (callingStationId.size() != 17)
    {
        return -1;
    }
    std::string colons = callingStationId;
    for (size_t i = 2; i < colons.size(); i += 3)
    {
        colons[i] = ':';
    }
    for (char c : colons)
    {
        if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':')
        {
            return -1;
        }
    }
    return FindMobile(Mac48Address(colons.c_str()));
}

void
HandoffRecorder::RegisterAp(Mac48Address bssid, int32_t ap)
{
    m_aps[bssid] = ap;
}

int32_t
HandoffRecorder::FindAp(Mac48Address bssid) const
{
    auto it = m_aps.find(bssid);
    return it == m_aps.end() ? -1 : it->second;
}

HandoffRecord*
HandoffRecorder::Open(uint32_t mobile)
{
    auto it = m_open.find(mobile);
    if (it == m_open.end())
    {
        return nullptr;
    }
    return &m_records[it->second];
}

void
HandoffRecorder::BeginHandoff(uint32_t mobile, int32_t fromAp, const std::string& method)
{
    NS_LOG_FUNCTION(this << mobile << fromAp << method);
    // An unfinished previous handoff stays in the records, incomplete: nothing is lost.
    HandoffRecord record;
    record.mobile = mobile;
    record.fromAp = fromAp;
    record.method = method;
    auto last = m_lastDataOldAp.find(mobile);
    if (last != m_lastDataOldAp.end())
    {
        record.lastData = last->second;
    }
    m_records.push_back(record);
    m_open[mobile] = m_records.size() - 1;
    Mark(mobile, HandoffEvent::LinkLost);
}

void
HandoffRecorder::Mark(uint32_t mobile, HandoffEvent event)
{
    HandoffRecord* record = Open(mobile);
    if (record == nullptr || record->times.count(event) > 0)
    {
        return;
    }
    Time now = Simulator::Now();
    record->times[event] = now;
    NS_LOG_INFO("mobile " << mobile << " " << HandoffEventName(event) << " at " << now.As(Time::S));
    m_eventTrace(mobile, event, now);
}

void
HandoffRecorder::SetTargetAp(uint32_t mobile, int32_t toAp)
{
    if (HandoffRecord* record = Open(mobile))
    {
        record->toAp = toAp;
    }
}

void
HandoffRecorder::SetTrigger(uint32_t mobile, const std::string& trigger, Time backgroundScan)
{
    if (HandoffRecord* record = Open(mobile))
    {
        record->trigger = trigger;
        record->backgroundScan = backgroundScan;
    }
}

void
HandoffRecorder::SetFallback(uint32_t mobile)
{
    if (HandoffRecord* record = Open(mobile))
    {
        record->fallback = true;
    }
}

void
HandoffRecorder::CountMessage(uint32_t mobile, RoamingLink link, uint32_t bytes)
{
    HandoffRecord* record = Open(mobile);
    if (record != nullptr)
    {
        record->messages[static_cast<int>(link)]++;
        record->bytes[static_cast<int>(link)] += bytes;
    }
    SignallingTotals& totals = record != nullptr ? m_duringHandoffs : m_outsideHandoffs;
    totals.messages[static_cast<int>(link)]++;
    totals.bytes[static_cast<int>(link)] += bytes;
}

std::string
HandoffRecord::Outcome() const
{
    if (complete)
    {
        return restarts == 0 ? "completed" : "completed-after-retry";
    }
    return failure.empty() ? "incomplete" : "failed:" + failure;
}

void
HandoffRecorder::NoteRestart(uint32_t mobile)
{
    if (HandoffRecord* record = Open(mobile))
    {
        record->restarts++;
    }
}

void
HandoffRecorder::NoteFailure(uint32_t mobile, const std::string& reason)
{
    if (HandoffRecord* record = Open(mobile))
    {
        record->failure = reason;
    }
}

void
HandoffRecorder::NoteGiveUp(uint32_t mobile, const std::string& reason)
{
    HandoffRecord* record = Open(mobile);
    if (record != nullptr && record->failure.empty())
    {
        record->failure = reason;
    }
}

const SignallingTotals&
HandoffRecorder::GetSignalling(bool duringHandoffs) const
{
    return duringHandoffs ? m_duringHandoffs : m_outsideHandoffs;
}

void
HandoffRecorder::CountAaaMessage(uint32_t mobile, bool home)
{
    HandoffRecord* record = Open(mobile);
    if (record != nullptr)
    {
        (home ? record->homeAaaMessages : record->visitedAaaMessages)++;
    }
    SignallingTotals& totals = record != nullptr ? m_duringHandoffs : m_outsideHandoffs;
    (home ? totals.homeAaaMessages : totals.visitedAaaMessages)++;
}

void
HandoffRecorder::RecordSent(uint32_t mobile, RoamingLink link, const std::string& from,
                            const std::string& to, uint32_t bytes,
                            const std::function<roamsec::MessageDescription()>& describe)
{
    CountMessage(mobile, link, bytes);
    if (!m_traceMessages)
    {
        return;
    }
    auto it = m_open.find(mobile);
    if (it == m_open.end())
    {
        return;
    }
    MessageRecord m;
    m.handoff = static_cast<uint32_t>(it->second);
    m.time = Simulator::Now();
    m.link = link;
    m.from = from;
    m.to = to;
    roamsec::MessageDescription d = describe();
    m.protocol = d.protocol;
    m.message = d.name;
    m.bytes = bytes;
    m.fields = d.fields;
    m_messages.push_back(std::move(m));
}

void
HandoffRecorder::SetLabCase(const std::string& name)
{
    m_labCase = name;
}

int64_t
HandoffRecorder::LabHandoff(uint32_t mobile) const
{
    auto it = m_open.find(mobile);
    if (it != m_open.end())
    {
        return static_cast<int64_t>(it->second);
    }
    for (size_t i = m_records.size(); i-- > 0;)
    {
        if (m_records[i].mobile == mobile)
        {
            return static_cast<int64_t>(i);
        }
    }
    return -1;
}

void
HandoffRecorder::RecordAttackerMessage(uint32_t mobile, RoamingLink link, const std::string& from,
                                       const std::string& to, uint32_t bytes,
                                       const std::function<roamsec::MessageDescription()>& describe)
{
    int64_t handoff = LabHandoff(mobile);
    if (!m_traceMessages || handoff < 0)
    {
        return;
    }
    MessageRecord m;
    m.handoff = static_cast<uint32_t>(handoff);
    m.time = Simulator::Now();
    m.link = link;
    m.from = from;
    m.to = to;
    roamsec::MessageDescription d = describe();
    m.protocol = d.protocol;
    m.message = d.name;
    m.bytes = bytes;
    m.fields = d.fields;
    m.attacker = true;
    m_messages.push_back(std::move(m));
}

void
HandoffRecorder::MarkAltered(uint32_t mobile, const std::string& from, const std::string& to)
{
    int64_t handoff = LabHandoff(mobile);
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it)
    {
        if (static_cast<int64_t>(it->handoff) <= handoff && !it->local && it->from == from
            && it->to == to)
        {
            it->attacker = true;
            return;
        }
    }
}

void
HandoffRecorder::RecordDetection(uint32_t mobile, const std::string& endpoint,
                                 const std::string& check)
{
    int64_t handoff = LabHandoff(mobile);
    if (!m_traceMessages || handoff < 0)
    {
        return;
    }
    MessageRecord m;
    m.handoff = static_cast<uint32_t>(handoff);
    m.time = Simulator::Now();
    m.local = true;
    m.from = endpoint;
    m.to = endpoint;
    m.protocol = "CHECK";
    m.message = check;
    m.detect = check;
    m_messages.push_back(std::move(m));
}

void
HandoffRecorder::NotifyDataReceived(uint32_t mobile, int32_t apIndex)
{
    Time now = Simulator::Now();
    HandoffRecord* record = Open(mobile);
    if (record != nullptr && record->toAp == apIndex
        && record->times.count(HandoffEvent::PortOpenSta) > 0
        && record->times.count(HandoffEvent::PortOpenAp) > 0)
    {
        Mark(mobile, HandoffEvent::FirstData);
        auto last = m_lastDataOldAp.find(mobile);
        if (last != m_lastDataOldAp.end())
        {
            record->udpGap = now - last->second;
        }
        record->complete = true;
        m_completedTrace(mobile, *record);
        m_open.erase(mobile);
    }
    if (Open(mobile) == nullptr)
    {
        // Outside a handoff: remember the last packet so the next handoff's gap is known.
        m_lastDataOldAp[mobile] = now;
        m_lastDataAp[mobile] = apIndex;
    }
}

bool
HandoffRecorder::HasOpenHandoff(uint32_t mobile) const
{
    return m_open.count(mobile) > 0;
}

const std::vector<HandoffRecord>&
HandoffRecorder::GetRecords() const
{
    return m_records;
}

static std::string
FormatTime(const Time& t)
{
    char buf[64];
    int64_t ns = t.GetNanoSeconds();
    std::snprintf(buf, sizeof(buf), "%s%" PRId64 ".%09" PRId64, ns < 0 ? "-" : "",
                  (ns < 0 ? -ns : ns) / 1000000000, (ns < 0 ? -ns : ns) % 1000000000);
    return buf;
}

static std::string
CsvEscape(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
    {
        return s;
    }
    std::string out = "\"";
    for (char c : s)
    {
        if (c == '"')
        {
            out += "\"\"";
        }
        else
        {
            out += c;
        }
    }
    return out + "\"";
}

void
HandoffRecorder::WriteCsv(const std::string& handoffPath, const std::string& messagePath,
                          bool append) const
{
    std::ofstream out(handoffPath, append ? std::ios::app : std::ios::trunc);
    if (!out)
    {
        throw std::runtime_error("cannot write " + handoffPath);
    }
    if (!append)
    {
        out << "run,seed,mobile,from_ap,to_ap,method,fallback";
        for (HandoffEvent e : kAllEvents)
        {
            out << "," << HandoffEventName(e);
        }
        out << ",air_msgs,air_bytes,backhaul_msgs,backhaul_bytes,wan_msgs,wan_bytes"
            << ",visited_aaa_msgs,home_aaa_msgs,udp_gap,total,t_last_data,detection,outcome"
            << ",trigger,bg_scan\n";
    }
    for (const auto& r : m_records)
    {
        out << m_run << "," << m_seed << "," << r.mobile << "," << r.fromAp << "," << r.toAp << ","
            << r.method << "," << (r.fallback ? 1 : 0);
        for (HandoffEvent e : kAllEvents)
        {
            out << ",";
            auto it = r.times.find(e);
            if (it != r.times.end())
            {
                out << FormatTime(it->second);
            }
        }
        for (int l = 0; l < 3; ++l)
        {
            out << "," << r.messages[l] << "," << r.bytes[l];
        }
        out << "," << r.visitedAaaMessages << "," << r.homeAaaMessages << ",";
        if (r.udpGap)
        {
            out << FormatTime(*r.udpGap);
        }
        out << ",";
        auto first = r.times.find(HandoffEvent::FirstData);
        auto lost = r.times.find(HandoffEvent::LinkLost);
        if (first != r.times.end() && lost != r.times.end())
        {
            out << FormatTime(first->second - lost->second);
        }
        // Detection: from the last data through the old AP until the STA declared the
        // link lost (the trigger), outside total; udp_gap = detection + total.
        out << ",";
        if (r.lastData)
        {
            out << FormatTime(*r.lastData);
        }
        out << ",";
        if (r.lastData && lost != r.times.end())
        {
            out << FormatTime(lost->second - *r.lastData);
        }
        out << "," << CsvEscape(r.Outcome()) << "," << r.trigger << ","
            << FormatTime(r.backgroundScan) << "\n";
    }
    if (!m_traceMessages || messagePath.empty())
    {
        return;
    }
    std::ofstream msg(messagePath, append ? std::ios::app : std::ios::trunc);
    if (!msg)
    {
        throw std::runtime_error("cannot write " + messagePath);
    }
    if (!append)
    {
        msg << "run,handoff,time,link,from,to,protocol,message,bytes,fields"
            << (m_labCase.empty() ? "" : ",attacker,detect,case") << "\n";
    }
    for (const auto& m : m_messages)
    {
        msg << m_run << "," << m.handoff << "," << FormatTime(m.time) << ","
            << (m.local ? "local" : RoamingLinkName(m.link)) << "," << CsvEscape(m.from) << ","
            << CsvEscape(m.to) << "," << m.protocol << "," << CsvEscape(m.message) << ","
            << m.bytes << "," << CsvEscape(m.fields);
        if (!m_labCase.empty())
        {
            msg << "," << (m.attacker ? "1" : "0") << "," << CsvEscape(m.detect) << ","
                << CsvEscape(m_labCase);
        }
        msg << "\n";
    }
}

} // namespace ns3
