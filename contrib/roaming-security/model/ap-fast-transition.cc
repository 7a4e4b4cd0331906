/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ap-fast-transition.h"

#include "roaming-core-adapter.h"

#include "ns3/log.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("ApFastTransition");

ApFastTransition::ApFastTransition(const roamsec::FtAuthenticatorConfig& config,
                                   roamsec::RandomSource& rng,
                                   ApFastTransitionHost& host)
    : m_authenticator(std::make_unique<roamsec::FtAuthenticator>(config, rng)),
      m_host(host)
{
}

ApFastTransition::~ApFastTransition() = default;

roamsec::Bytes
ApFastTransition::BeaconElements() const
{
    return roamsec::EncodeMde(m_authenticator->GetConfig().mde);
}

void
ApFastTransition::SetGroupKey(const roamsec::Bytes& gtk, uint8_t keyId, const roamsec::Bytes& rsc)
{
    m_authenticator->SetGroupKey(gtk, keyId, rsc);
}

ApFastTransition::Response
ApFastTransition::AssociationResponse(Mac48Address sta, const roamsec::Bytes& requestElements,
                                      Time now)
{
    Response response;
    m_installed.erase(sta);
    m_initial.erase(sta);
    if (!m_authenticator->IsMobilityDomainRequest(requestElements))
    {
        return response; // plain 802.1X association
    }
    if (!m_authenticator->IsFtReassociation(requestElements))
    {
        // Initial mobility domain association (13.4): MDE and FTE with the key holders'
        // IDs; the full authentication that follows makes this AP the R0KH.
        m_initial.insert(sta);
        response.elements = m_authenticator->InitialAssociationResponseElements();
        return response;
    }
    roamsec::FtResult result =
        m_authenticator->HandleReassociation(ToCoreMac(sta), requestElements, ToCoreTime(now));
    if (result.status != roamsec::FtStatus::Success)
    {
        NS_LOG_INFO(sta << ": FT reassociation refused, " << roamsec::FtStatusName(result.status));
        m_host.ReportFtRefusal(sta, "ft:" + roamsec::FtStatusName(result.status));
        response.status = static_cast<uint16_t>(result.status);
        return response;
    }
    m_installed.insert(sta);
    response.elements = result.elements;
    return response;
}

bool
ApFastTransition::IsInstalled(Mac48Address sta) const
{
    return m_installed.count(sta) > 0;
}

void
ApFastTransition::Authenticated(Mac48Address sta, const roamsec::Bytes& msk, Time now)
{
    if (m_initial.erase(sta) == 0 || msk.size() < 64)
    {
        return;
    }
    for (const auto& push :
         m_authenticator->InitialAuthentication(ToCoreMac(sta), msk, ToCoreTime(now)))
    {
        m_host.SendBackhaulFrame(ToNs3Mac(push.r1khId), roamsec::kEtherTypeRrb, push.payload, sta);
    }
}

bool
ApFastTransition::ReceiveFtAction(Mac48Address sta, const roamsec::Bytes& body)
{
    roamsec::FtActionFrame action;
    try
    {
        action = roamsec::DecodeFtAction(body);
    }
    catch (const roamsec::ParseError&)
    {
        return false;
    }
    const auto& config = m_authenticator->GetConfig();
    if (action.action != 1 || ToNs3Mac(action.sta) != sta || action.targetAp == config.bssid)
    {
        return false;
    }
    // The current AP's part of FT over the DS: the request goes on, encapsulated.
    roamsec::FtRrbFrame request;
    request.apAddress = config.bssid;
    request.action = action;
    m_host.SendBackhaulFrame(ToNs3Mac(action.targetAp), roamsec::kEtherTypeRrb,
                             roamsec::EncodeFtRrb(request), sta);
    return true;
}

bool
ApFastTransition::ReceiveRrb(Mac48Address from, const roamsec::Bytes& payload, Time now)
{
    if (roamsec::IsFtKeyPush(payload))
    {
        bool accepted = m_authenticator->HandleKeyPush(payload, ToCoreTime(now));
        NS_LOG_DEBUG("PMK-R1 push from " << from << (accepted ? " accepted" : " refused"));
        return accepted;
    }
    std::optional<roamsec::FtRrbFrame> frame;
    try
    {
        frame = roamsec::DecodeFtRrb(payload);
    }
    catch (const roamsec::ParseError&)
    {
        return false;
    }
    const auto& config = m_authenticator->GetConfig();
    if (!frame)
    {
        return false;
    }
    Mac48Address sta = ToNs3Mac(frame->action.sta);
    if (frame->response)
    {
        // The target's answer for a station of ours: on to it, in the same RRB frame as
        // a data frame (ns-3 cannot send an FT Action frame: its AP MAC and its TID lookup
        // abort on the Action category, doc/fast-transition.rst).
        if (frame->apAddress != config.bssid)
        {
            return false;
        }
        m_host.SendBackhaulFrame(sta, roamsec::kEtherTypeRrb, payload, sta);
        return true;
    }
    if (frame->action.targetAp != config.bssid)
    {
        return false;
    }
    roamsec::FtResult result =
        m_authenticator->HandleRequest(frame->action.sta, frame->action.elements, ToCoreTime(now));
    NS_LOG_DEBUG("FT Request over the DS for " << sta << " from " << from << ": "
                                               << roamsec::FtStatusName(result.status));
    if (result.status != roamsec::FtStatus::Success)
    {
        m_host.ReportFtRefusal(sta, "ft:" + roamsec::FtStatusName(result.status));
    }
    roamsec::FtRrbFrame answer;
    answer.response = true;
    answer.apAddress = frame->apAddress;
    answer.action.action = 2;
    answer.action.sta = frame->action.sta;
    answer.action.targetAp = config.bssid;
    answer.action.status = static_cast<uint16_t>(result.status);
    answer.action.elements = result.elements;
    m_host.SendBackhaulFrame(ToNs3Mac(frame->apAddress), roamsec::kEtherTypeRrb,
                             roamsec::EncodeFtRrb(answer), sta);
    return true;
}

bool
ApFastTransition::ReceiveAuthentication(Mac48Address sta, const roamsec::Bytes& body, Time now)
{
    roamsec::FtAuthenticationFrame frame;
    try
    {
        frame = roamsec::DecodeFtAuthentication(body);
    }
    catch (const roamsec::ParseError&)
    {
        return false;
    }
    if (frame.sequence != 1)
    {
        return false;
    }
    roamsec::FtResult result =
        m_authenticator->HandleRequest(ToCoreMac(sta), frame.elements, ToCoreTime(now));
    if (result.status != roamsec::FtStatus::Success)
    {
        m_host.ReportFtRefusal(sta, "ft:" + roamsec::FtStatusName(result.status));
    }
    roamsec::FtAuthenticationFrame answer;
    answer.sequence = 2;
    answer.status = static_cast<uint16_t>(result.status);
    answer.elements = result.elements;
    m_host.SendManagementFrame(sta, WIFI_MAC_MGT_AUTHENTICATION,
                               roamsec::EncodeFtAuthentication(answer));
    return true;
}

void
ApFastTransition::Remove(Mac48Address sta)
{
    m_authenticator->Remove(ToCoreMac(sta));
    m_initial.erase(sta);
    m_installed.erase(sta);
}

} // namespace ns3
