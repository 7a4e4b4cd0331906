/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-preassoc-ptk.h"

#include "ns3/eap-aka-peer.h"
#include "ns3/eapol.h"
#include "ns3/log.h"
#include "ns3/pmksa-cache.h"
#include "ns3/preassoc-ptk.h"
#include "ns3/rsn-keys.h"
#include "ns3/simulator.h"
#include "roaming-assoc-elements.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("PreassocPtkMobileMethod");

PreassocPtkMobileMethod::PreassocPtkMobileMethod(RoamingMobileMethodHost& host)
    : RoamingMobileMethod(host)
{}

PreassocPtkMobileMethod::~PreassocPtkMobileMethod() = default;

void
PreassocPtkMobileMethod::Stop()
{
    for (auto& [bssid, target] : m_targets)
    {
        target.timer.Cancel();
    }
}

bool
PreassocPtkMobileMethod::UsesPmkCaching() const
{
    return true;
}

std::vector<Mac48Address>
PreassocPtkMobileMethod::GetPreparedTargets() const
{
    std::vector<Mac48Address> ready;
    for (const auto& [bssid, target] : m_targets)
    {
        if (target.preassoc
            && target.preassoc->GetState() == roamsec::PreassocStaSession::State::PtkReady)
        {
            ready.push_back(bssid);
        }
    }
    return ready;
}

void
PreassocPtkMobileMethod::HandoffSettled()
{
    // Prepare the next handoff once this one is over (its costs stay separate).
    if (!m_preparedThisAssociation)
    {
        m_preparedThisAssociation = true;
        PrepareNeighbors();
    }
}

void
PreassocPtkMobileMethod::PrepareNeighbors()
{
    for (Mac48Address target : m_host.GetNeighbors(m_host.GetCurrentBssid()))
    {
        auto existing = m_targets.find(target);
        if (existing != m_targets.end() && existing->second.preassoc
            && existing->second.preassoc->GetState() == roamsec::PreassocStaSession::State::PtkReady
            && ToNs3Time(existing->second.preassoc->GetPtkExpiry()) > Simulator::Now() + Seconds(5))
        {
            continue; // still fresh
        }
        StartPreauthentication(target);
    }
}

void
PreassocPtkMobileMethod::StartPreauthentication(Mac48Address target)
{
    NS_LOG_FUNCTION(this << target);
    PreparedTarget& prepared = m_targets[target];
    prepared.timer.Cancel();
    prepared.preassoc.reset();
    const roamsec::PmksaEntry* cached = m_host.GetPmksa().FindByAddresses(
        ToCoreMac(target), ToCoreMac(m_host.GetOwnAddress()), ToCoreTime(Simulator::Now()));
    if (cached != nullptr)
    {
        // A PMKSA with the target already exists: go straight to the over-DS PTK.
        roamsec::PreassocStaConfig config;
        config.sta = ToCoreMac(m_host.GetOwnAddress());
        config.targetBssid = ToCoreMac(target);
        config.pmk = cached->pmk;
        config.pmkid = cached->pmkid;
        prepared.preassoc
            = std::make_unique<roamsec::PreassocStaSession>(config, m_host.GetRandom());
        roamsec::PreassocOutput out = prepared.preassoc->Start(ToCoreTime(Simulator::Now()));
        if (!out.message.empty())
        {
            m_host.SendDs(target, roamsec::kEtherTypePreassoc, out.message);
        }
        ArmPreassocTimer(target);
        return;
    }
    prepared.eap = std::make_unique<roamsec::EapAkaPeer>(m_host.GetUsim(), m_host.GetPeerConfig(),
                                                         m_host.GetRandom());
    roamsec::EapolFrame start;
    start.version = 2;
    start.type = static_cast<uint8_t>(roamsec::EapolType::Start);
    m_host.SendDs(target, roamsec::kEtherTypePreauth, roamsec::EncodeEapol(start));
}

bool
PreassocPtkMobileMethod::ReceiveDs(Mac48Address from, uint16_t protocol,
                                   const roamsec::Bytes& payload)
{
    Mac48Address target = from;
    auto it = m_targets.find(target);
    if (it == m_targets.end() || payload.empty())
    {
        return false;
    }
    auto now = ToCoreTime(Simulator::Now());
    if (protocol == roamsec::kEtherTypePreassoc)
    {
        if (!it->second.preassoc)
        {
            return false;
        }
        roamsec::PreassocOutput out = it->second.preassoc->HandleDsMessage(payload, now);
        for (const auto& event : out.events)
        {
            NS_LOG_LOGIC("over-DS event " << static_cast<int>(event.kind) << " status "
                                          << roamsec::PreassocStatusName(event.status) << " from "
                                          << target);
            if (event.kind == roamsec::PreassocEvent::Kind::Discarded
                || event.kind == roamsec::PreassocEvent::Kind::Refused)
            {
                m_host.ReportRefusal("preassoc:" + roamsec::PreassocStatusName(event.status));
            }
        }
        m_host.SendDs(target, roamsec::kEtherTypePreassoc, out.message);
        ArmPreassocTimer(target);
        return true;
    }
    roamsec::EapolFrame frame;
    try
    {
        frame = roamsec::DecodeEapol(payload);
    }
    catch (const roamsec::ParseError&)
    {
        return false;
    }
    if (frame.type == static_cast<uint8_t>(roamsec::EapolType::EapPacket) && it->second.eap)
    {
        return HandlePreauthEap(target, frame.body);
    }
    return false;
}

bool
PreassocPtkMobileMethod::HandlePreauthEap(Mac48Address target, const roamsec::Bytes& eap)
{
    PreparedTarget& prepared = m_targets[target];
    roamsec::EapAkaPeerOutput out = prepared.eap->Receive(eap);
    if (out.send)
    {
        roamsec::EapolFrame frame;
        frame.version = 2;
        frame.type = static_cast<uint8_t>(roamsec::EapolType::EapPacket);
        frame.body = *out.send;
        m_host.SendDs(target, roamsec::kEtherTypePreauth, roamsec::EncodeEapol(frame));
    }
    if (out.event == roamsec::EapAkaPeerOutput::Event::Success)
    {
        roamsec::Bytes pmk = roamsec::PmkFromMsk(prepared.eap->Msk());
        m_host.GetPmksa().Add(pmk, ToCoreMac(target), ToCoreMac(m_host.GetOwnAddress()),
                              ToCoreTime(m_host.GetPmkLifetime()), ToCoreTime(Simulator::Now()));
        prepared.eap.reset();
        StartPreauthentication(target); // now with a PMKSA: the over-DS PTK exchange
    }
    else if (out.event == roamsec::EapAkaPeerOutput::Event::Failure)
    {
        NS_LOG_INFO("pre-authentication with " << target << " failed");
        m_targets.erase(target);
    }
    return true;
}

void
PreassocPtkMobileMethod::ArmPreassocTimer(Mac48Address target)
{
    auto it = m_targets.find(target);
    if (it == m_targets.end() || !it->second.preassoc)
    {
        return;
    }
    ArmCoreTimer(it->second.timer, it->second.preassoc->NextDeadline(),
                 [this, target]() { OnPreassocTimer(target); });
}

void
PreassocPtkMobileMethod::OnPreassocTimer(Mac48Address target)
{
    auto it = m_targets.find(target);
    if (it == m_targets.end() || !it->second.preassoc)
    {
        return;
    }
    roamsec::PreassocOutput out = it->second.preassoc->OnTimeout(ToCoreTime(Simulator::Now()));
    m_host.SendDs(target, roamsec::kEtherTypePreassoc, out.message);
    if (it->second.preassoc->GetState() == roamsec::PreassocStaSession::State::Failed)
    {
        m_targets.erase(it);
        return;
    }
    ArmPreassocTimer(target);
}

roamsec::Bytes
PreassocPtkMobileMethod::RequestElements(Mac48Address bssid)
{
    m_preassocAccepted = false;
    m_preassocBssid = Mac48Address();
    auto it = m_targets.find(bssid);
    if (it != m_targets.end() && it->second.preassoc
        && it->second.preassoc->GetState() == roamsec::PreassocStaSession::State::PtkReady)
    {
        m_preassocBssid = bssid;
        return it->second.preassoc->BuildReassocElements(ToCoreTime(Simulator::Now()));
    }
    return {};
}

void
PreassocPtkMobileMethod::ResponseReceived(const RoamingAssocFrame& frame)
{
    if (frame.request || frame.sender != m_preassocBssid)
    {
        return;
    }
    auto it = m_targets.find(frame.sender);
    if (it == m_targets.end() || !it->second.preassoc)
    {
        return;
    }
    roamsec::Bytes elements(frame.elements.begin(), frame.elements.end());
    roamsec::PreassocOutput out = it->second.preassoc->HandleReassocResponse(
        frame.statusCode, elements, ToCoreTime(Simulator::Now()));
    bool gtk = false;
    for (const auto& event : out.events)
    {
        gtk |= event.kind == roamsec::PreassocEvent::Kind::GtkInstalled;
        if (event.kind == roamsec::PreassocEvent::Kind::Refused
            || event.kind == roamsec::PreassocEvent::Kind::SaTypeSelected)
        {
            NS_LOG_INFO("pre-association refused by " << frame.sender << ": "
                                                      << roamsec::PreassocStatusName(event.status));
            if (event.kind == roamsec::PreassocEvent::Kind::Refused)
            {
                m_host.ReportRefusal("preassoc:" + roamsec::PreassocStatusName(event.status));
            }
            m_host.MarkFallback();
        }
    }
    m_preassocAccepted = gtk && !out.message.empty();
    m_groupKeyConfirm = out.message;
}

bool
PreassocPtkMobileMethod::AssociationCompleted(Mac48Address bssid)
{
    m_preparedThisAssociation = false;
    if (!m_preassocAccepted || bssid != m_preassocBssid)
    {
        return false;
    }
    // PTK and GTK came with the reassociation response: no EAP, no 4-way handshake.
    m_preassocAccepted = false;
    m_targets.erase(bssid);
    // StaWifiMac records the association after its Assoc trace: send once it has.
    roamsec::Bytes confirm = m_groupKeyConfirm;
    Simulator::ScheduleNow([this, bssid, confirm]() { m_host.SendDs(bssid, roamsec::kEtherTypePreassoc, confirm); });
    return true;
}

} // namespace ns3
