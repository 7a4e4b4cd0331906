/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-ft-over-ds.h"

#include "ns3/ft-session.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("FtOverDsMobileMethod");

namespace {

/// Without an FT Response by then the policy leaves anyway (then FT over the air).
const Time kDsTimeout = MilliSeconds(50);

} // namespace

FtOverDsMobileMethod::FtOverDsMobileMethod(RoamingMobileMethodHost& host)
    : FtOverAirMobileMethod(host)
{}

FtOverDsMobileMethod::~FtOverDsMobileMethod() = default;

void
FtOverDsMobileMethod::Stop()
{
    m_dsTimer.Cancel();
    m_ready = nullptr;
    FtOverAirMobileMethod::Stop();
}

void
FtOverDsMobileMethod::PrepareTransition(Mac48Address target, std::function<void()> ready)
{
    Mac48Address current = m_host.GetCurrentBssid();
    if (!CanTransition(target) || target == current)
    {
        ready();
        return;
    }
    NS_LOG_INFO("FT Request for " << target << " through " << current);
    m_dsTarget = target;
    m_ready = std::move(ready);
    roamsec::FtActionFrame request;
    request.action = 1;
    request.sta = ToCoreMac(m_host.GetOwnAddress());
    request.targetAp = ToCoreMac(target);
    request.elements = Supplicant().BuildRequest(ToCoreMac(target));
    m_host.SendManagementFrame(current, WIFI_MAC_MGT_ACTION, roamsec::EncodeFtAction(request));
    m_dsTimer.Cancel();
    m_dsTimer = Simulator::Schedule(kDsTimeout, &FtOverDsMobileMethod::Ready, this);
}

void
FtOverDsMobileMethod::Ready()
{
    m_dsTimer.Cancel();
    if (m_ready)
    {
        auto ready = std::move(m_ready);
        m_ready = nullptr;
        ready();
    }
}

bool
FtOverDsMobileMethod::ReceiveDs(Mac48Address from, uint16_t protocol, const roamsec::Bytes& payload)
{
    if (protocol != roamsec::kEtherTypeRrb)
    {
        return false;
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
    if (!frame || !frame->response)
    {
        return false;
    }
    const roamsec::FtActionFrame& response = frame->action;
    Mac48Address target = ToNs3Mac(response.targetAp);
    if (response.action != 2 || target != m_dsTarget || !m_ready
        || ToNs3Mac(response.sta) != m_host.GetOwnAddress()
        || ToNs3Mac(frame->apAddress) != m_host.GetCurrentBssid())
    {
        return false;
    }
    HandleFtAnswer(target, response.status, response.elements);
    Ready();
    return true;
}

} // namespace ns3
