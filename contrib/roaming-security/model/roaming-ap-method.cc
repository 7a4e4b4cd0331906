/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-ap-method.h"

namespace ns3 {

RoamingApMethod::RoamingApMethod(RoamingApMethodHost& host)
    : m_host(host)
{}

RoamingApMethod::~RoamingApMethod() = default;

std::vector<uint16_t>
RoamingApMethod::DsEtherTypes() const
{
    return {};
}

bool
RoamingApMethod::TakesManagementFrames() const
{
    return false;
}

roamsec::Bytes
RoamingApMethod::BeaconElements() const
{
    return {};
}

RoamingApMethod::Response
RoamingApMethod::AssociationResponse(Mac48Address, const roamsec::Bytes&, Time)
{
    return {};
}

bool
RoamingApMethod::KeysInstalled(Mac48Address) const
{
    return false;
}

bool
RoamingApMethod::ReceiveDs(Mac48Address, uint16_t, const roamsec::Bytes&, Time)
{
    return false;
}

bool
RoamingApMethod::ReceiveManagementFrame(Mac48Address, WifiMacType, const roamsec::Bytes&, Time)
{
    return false;
}

std::optional<roamsec::Bytes>
RoamingApMethod::MatchPmkid(Mac48Address, const std::vector<roamsec::Bytes>&, Time)
{
    return std::nullopt;
}

void
RoamingApMethod::Authenticated(Mac48Address, const roamsec::Bytes&, const roamsec::Bytes&, Time)
{}

std::optional<roamsec::FtFourWayKeys>
RoamingApMethod::FourWayKeys(Mac48Address) const
{
    return std::nullopt;
}

void
RoamingApMethod::StationLeft(Mac48Address)
{}

void
RoamingApMethod::Stop()
{}

} // namespace ns3
