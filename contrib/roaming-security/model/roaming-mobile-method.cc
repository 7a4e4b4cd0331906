/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-mobile-method.h"

namespace ns3 {

RoamingMobileMethod::RoamingMobileMethod(RoamingMobileMethodHost& host)
    : m_host(host)
{}

RoamingMobileMethod::~RoamingMobileMethod() = default;

void
RoamingMobileMethod::ConfigurePeer(roamsec::EapAkaPeerConfig& config)
{}

void
RoamingMobileMethod::Start(const roamsec::EapAkaPeer& peer)
{}

void
RoamingMobileMethod::Stop()
{}

bool
RoamingMobileMethod::UsesPmkCaching() const
{
    return false;
}

void
RoamingMobileMethod::PrepareRequest(Mac48Address)
{
}

std::optional<roamsec::Bytes>
RoamingMobileMethod::RequestRsne(Mac48Address)
{
    return std::nullopt;
}

bool
RoamingMobileMethod::HoldsRequest(Mac48Address)
{
    return false;
}

bool
RoamingMobileMethod::ReceiveManagementFrame(Mac48Address, WifiMacType, const roamsec::Bytes&)
{
    return false;
}

bool
RoamingMobileMethod::WantsBeaconElements() const
{
    return false;
}

void
RoamingMobileMethod::BeaconElements(Mac48Address, const roamsec::Bytes&)
{
}

void
RoamingMobileMethod::FullAuthenticationSucceeded(Mac48Address, const roamsec::Bytes&)
{
}

std::optional<roamsec::FtFourWayKeys>
RoamingMobileMethod::FourWayKeys(Mac48Address) const
{
    return std::nullopt;
}

void
RoamingMobileMethod::PrepareTransition(Mac48Address, std::function<void()> ready)
{
    ready();
}

roamsec::Bytes
RoamingMobileMethod::RequestElements(Mac48Address bssid)
{
    return {};
}

void
RoamingMobileMethod::ResponseReceived(const RoamingAssocFrame& frame)
{}

bool
RoamingMobileMethod::AssociationCompleted(Mac48Address bssid)
{
    return false;
}

bool
RoamingMobileMethod::HandleEap(const roamsec::EapPacket& packet, const roamsec::Bytes& eap)
{
    return false;
}

bool
RoamingMobileMethod::ReceiveDs(Mac48Address from, uint16_t protocol, const roamsec::Bytes& payload)
{
    return false;
}

void
RoamingMobileMethod::HandoffSettled()
{}

std::vector<Mac48Address>
RoamingMobileMethod::GetPreparedTargets() const
{
    return {};
}

} // namespace ns3
