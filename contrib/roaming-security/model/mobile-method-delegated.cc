/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-delegated.h"

#include "ns3/eap-aka-peer.h"
#include "ns3/eap-packet.h"
#include "ns3/eap-tsk.h"
#include "ns3/eapol.h"
#include "ns3/simulator.h"
#include "roaming-core-adapter.h"

namespace ns3 {

DelegatedMobileMethod::DelegatedMobileMethod(RoamingMobileMethodHost& host)
    : RoamingMobileMethod(host)
{}

DelegatedMobileMethod::~DelegatedMobileMethod() = default;

void
DelegatedMobileMethod::ConfigurePeer(roamsec::EapAkaPeerConfig& config)
{
    config.usePseudonym = false;
    config.useReauth = false;
}

void
DelegatedMobileMethod::Start(const roamsec::EapAkaPeer& peer)
{
    roamsec::EapTskPeerConfig config;
    config.identity = peer.PermanentNai();
    config.k = m_host.GetSubscriberKey();
    config.sendHostChallenge = m_host.GetHostChallenge();
    m_tsk = std::make_unique<roamsec::EapTskPeer>(config, m_host.GetRandom());
}

bool
DelegatedMobileMethod::HandleEap(const roamsec::EapPacket& packet, const roamsec::Bytes& eap)
{
    bool tsk = m_tsk
               && ((packet.code == roamsec::EapCode::Request
                    && packet.type == roamsec::EapType::Expanded)
                   || (!packet.HasType() && m_lastEapWasTsk));
    if (packet.code == roamsec::EapCode::Request)
    {
        m_lastEapWasTsk = tsk;
    }
    if (!tsk)
    {
        return false;
    }
    roamsec::EapTskOutput out = m_tsk->HandleRequest(eap, ToCoreTime(Simulator::Now()));
    if (out.eap)
    {
        m_host.SendEapol(static_cast<uint8_t>(roamsec::EapolType::EapPacket), *out.eap);
    }
    if (const auto* success = out.Find(roamsec::EapTskEventType::LocalAuthSuccess))
    {
        m_host.EapSucceeded(success->session.msk);
    }
    else if (const auto* failure = out.Find(roamsec::EapTskEventType::Failure))
    {
        m_host.ReportRefusal(std::string("eap-tsk:") + roamsec::EapTskReasonName(failure->reason));
        m_host.EapFailed();
    }
    else if (const auto* discard = out.Find(roamsec::EapTskEventType::Discarded))
    {
        m_host.CountDroppedFrame(std::string("eap-tsk:")
                                 + roamsec::EapTskReasonName(discard->reason));
    }
    return true;
}

} // namespace ns3
