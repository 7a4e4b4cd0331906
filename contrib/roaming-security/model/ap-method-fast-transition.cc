/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ap-method-fast-transition.h"

#include "ns3/log.h"
#include "ns3/rsn-handshake.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("FtApMethod");

FtApMethod::FtApMethod(RoamingApMethodHost& host, const roamsec::FtAuthenticatorConfig& config)
    : RoamingApMethod(host)
    , m_authenticator(std::make_unique<roamsec::FtAuthenticator>(config, host.GetRandom()))
{
    const roamsec::GroupKey& group = m_host.GetGroupKey();
    m_authenticator->SetGroupKey(group.gtk, group.keyId, group.rsc);
}

FtApMethod::~FtApMethod() = default;

std::vector<uint16_t>
FtApMethod::DsEtherTypes() const
{
    return {roamsec::kEtherTypeRrb};
}

bool
FtApMethod::TakesManagementFrames() const
{
    return true;
}

roamsec::Bytes
FtApMethod::BeaconElements() const
{
    return roamsec::EncodeMde(m_authenticator->GetConfig().mde);
}

RoamingApMethod::Response
FtApMethod::AssociationResponse(Mac48Address sta, const roamsec::Bytes& requestElements, Time now)
{
    Response response;
    m_installed.erase(sta);
    m_initial.erase(sta);
    m_fourWay.erase(sta);
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
    roamsec::FtResult result
        = m_authenticator->HandleReassociation(ToCoreMac(sta), requestElements, ToCoreTime(now));
    if (result.status != roamsec::FtStatus::Success)
    {
        NS_LOG_INFO(sta << ": FT reassociation refused, " << roamsec::FtStatusName(result.status));
        m_host.ReportRefusal(sta, "ft:" + roamsec::FtStatusName(result.status));
        response.status = static_cast<uint16_t>(result.status);
        return response;
    }
    m_installed.insert(sta);
    response.elements = result.elements;
    return response;
}

bool
FtApMethod::KeysInstalled(Mac48Address sta) const
{
    return m_installed.count(sta) > 0;
}

void
FtApMethod::Authenticated(Mac48Address sta, const roamsec::Bytes& msk, const roamsec::Bytes&,
                          Time now)
{
    if (m_initial.erase(sta) == 0 || msk.size() < 64)
    {
        return;
    }
    m_fourWay.insert(sta);
    for (const auto& push :
         m_authenticator->InitialAuthentication(ToCoreMac(sta), msk, ToCoreTime(now)))
    {
        m_host.SendBackhaulFrame(ToNs3Mac(push.r1khId), roamsec::kEtherTypeRrb, push.payload, sta);
    }
}

bool
FtApMethod::ReceiveManagementFrame(Mac48Address sta, WifiMacType type, const roamsec::Bytes& body,
                                   Time now)
{
    return type == WIFI_MAC_MGT_AUTHENTICATION ? ReceiveAuthentication(sta, body, now)
                                               : ReceiveFtAction(sta, body);
}

bool
FtApMethod::ReceiveFtAction(Mac48Address sta, const roamsec::Bytes& body)
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
FtApMethod::ReceiveDs(Mac48Address from, uint16_t, const roamsec::Bytes& payload, Time now)
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
    roamsec::FtResult result = m_authenticator->HandleRequest(
        frame->action.sta, frame->action.elements, ToCoreTime(now));
    NS_LOG_DEBUG("FT Request over the DS for " << sta << " from " << from << ": "
                                               << roamsec::FtStatusName(result.status));
    if (result.status != roamsec::FtStatus::Success)
    {
        m_host.ReportRefusal(sta, "ft:" + roamsec::FtStatusName(result.status));
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
FtApMethod::ReceiveAuthentication(Mac48Address sta, const roamsec::Bytes& body, Time now)
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
    roamsec::FtResult result
        = m_authenticator->HandleRequest(ToCoreMac(sta), frame.elements, ToCoreTime(now));
    if (result.status != roamsec::FtStatus::Success)
    {
        m_host.ReportRefusal(sta, "ft:" + roamsec::FtStatusName(result.status));
    }
    roamsec::FtAuthenticationFrame answer;
    answer.sequence = 2;
    answer.status = static_cast<uint16_t>(result.status);
    answer.elements = result.elements;
    m_host.SendManagementFrame(sta, WIFI_MAC_MGT_AUTHENTICATION,
                               roamsec::EncodeFtAuthentication(answer));
    return true;
}

std::optional<roamsec::FtFourWayKeys>
FtApMethod::FourWayKeys(Mac48Address sta) const
{
    return m_fourWay.count(sta) ? m_authenticator->InitialFourWay(ToCoreMac(sta)) : std::nullopt;
}

void
FtApMethod::StationLeft(Mac48Address sta)
{
    m_authenticator->Remove(ToCoreMac(sta));
    m_initial.erase(sta);
    m_fourWay.erase(sta);
    m_installed.erase(sta);
}

} // namespace ns3
