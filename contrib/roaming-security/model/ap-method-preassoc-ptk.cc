/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ap-method-preassoc-ptk.h"

#include "ns3/log.h"
#include "ns3/pmksa-cache.h"
#include "ns3/preassoc-ptk.h"
#include "ns3/rsn-handshake.h"
#include "ns3/simulator.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("PreassocPtkApMethod");

PreassocPtkApMethod::PreassocPtkApMethod(RoamingApMethodHost& host, Time ptkLifetime)
    : RoamingApMethod(host)
{
    roamsec::PreassocApConfig config;
    config.bssid = ToCoreMac(m_host.GetBssid());
    config.ptkLifetime = ToCoreTime(ptkLifetime);
    m_session = std::make_unique<roamsec::PreassocApSession>(
        config,
        [this](const roamsec::MacAddr& sta,
               const roamsec::Bytes& pmkid) -> std::optional<roamsec::Bytes>
        {
            const roamsec::PmksaEntry* entry = m_host.GetPmksa().Find(
                ToCoreMac(m_host.GetBssid()), sta, {pmkid}, ToCoreTime(Simulator::Now()));
            if (entry == nullptr)
            {
                return std::nullopt;
            }
            return entry->pmk;
        },
        m_host.GetRandom());
    const roamsec::GroupKey& group = m_host.GetGroupKey();
    m_session->SetGroupKey(group.gtk, group.keyId, group.rsc);
}

PreassocPtkApMethod::~PreassocPtkApMethod() = default;

std::vector<uint16_t>
PreassocPtkApMethod::DsEtherTypes() const
{
    return {roamsec::kEtherTypePreassoc};
}

RoamingApMethod::Response
PreassocPtkApMethod::AssociationResponse(Mac48Address sta, const roamsec::Bytes& request, Time now)
{
    if (!roamsec::FindPreassocElement(request, roamsec::PreassocSubtype::AuthPtkRequest))
    {
        return {};
    }
    auto result = m_session->HandleReassocRequest(ToCoreMac(sta), request, ToCoreTime(now));
    if (result.statusCode != 0)
    {
        NS_LOG_INFO(m_host.GetBssid() << ": pre-association PTK of " << sta << " refused ("
                                      << result.statusCode << ")");
    }
    ArmTimer();
    // The refusal travels in the elements (Authenticate PTK status), not the status code.
    return {result.elements, 0};
}

bool
PreassocPtkApMethod::ReceiveDs(Mac48Address sta, uint16_t etherType, const roamsec::Bytes& payload,
                               Time now)
{
    bool groupKeyConfirm = false;
    try
    {
        groupKeyConfirm
            = roamsec::FindPreassocElement(payload, roamsec::PreassocSubtype::GroupKeyConfirm)
                  .has_value();
    }
    catch (const roamsec::ParseError&)
    {
        m_host.CountDroppedFrame(sta, "preassoc:malformed");
        return true;
    }
    if (groupKeyConfirm)
    {
        roamsec::PreassocOutput out
            = m_session->HandleGroupKeyConfirm(ToCoreMac(sta), payload, ToCoreTime(now));
        for (const auto& event : out.events)
        {
            if (event.kind == roamsec::PreassocEvent::Kind::Discarded
                || event.kind == roamsec::PreassocEvent::Kind::Refused)
            {
                m_host.ReportRefusal(sta, "preassoc:" + roamsec::PreassocStatusName(event.status));
            }
            if (event.kind == roamsec::PreassocEvent::Kind::PortOpen)
            {
                m_host.OpenPortFor(sta);
            }
        }
    }
    else
    {
        roamsec::PreassocOutput out = m_session->HandleDsMessage(payload, ToCoreTime(now));
        for (const auto& event : out.events)
        {
            NS_LOG_LOGIC(m_host.GetBssid()
                         << ": over-DS event " << static_cast<int>(event.kind) << " status "
                         << roamsec::PreassocStatusName(event.status));
        }
        m_host.SendBackhaulFrame(sta, roamsec::kEtherTypePreassoc, out.message, sta);
    }
    ArmTimer();
    return true;
}

void
PreassocPtkApMethod::StationLeft(Mac48Address sta)
{
    m_session->Disassociate(ToCoreMac(sta));
}

void
PreassocPtkApMethod::Stop()
{
    m_timer.Cancel();
}

void
PreassocPtkApMethod::ArmTimer()
{
    ArmCoreTimer(m_timer, m_session->NextDeadline(), [this]() { OnTimer(); });
}

void
PreassocPtkApMethod::OnTimer()
{
    roamsec::PreassocOutput out = m_session->OnTimeout(ToCoreTime(Simulator::Now()));
    for (const auto& event : out.events)
    {
        // ns-3's AP offers no call to deauthenticate the station: report the give-up.
        if (event.kind == roamsec::PreassocEvent::Kind::Refused
            || event.kind == roamsec::PreassocEvent::Kind::Discarded)
        {
            m_host.ReportRefusal(ToNs3Mac(event.peer),
                                 "preassoc:" + roamsec::PreassocStatusName(event.status));
        }
    }
    ArmTimer();
}

} // namespace ns3
