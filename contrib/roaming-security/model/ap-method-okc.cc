/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ap-method-okc.h"

#include "ns3/log.h"
#include "ns3/okc-key-store.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("OkcApMethod");

OkcApMethod::OkcApMethod(RoamingApMethodHost& host, std::shared_ptr<roamsec::OkcKeyStore> store,
                         Time pmkLifetime)
    : RoamingApMethod(host)
    , m_store(std::move(store))
    , m_pmkLifetime(pmkLifetime)
{}

OkcApMethod::~OkcApMethod() = default;

std::optional<roamsec::Bytes>
OkcApMethod::MatchPmkid(Mac48Address sta, const std::vector<roamsec::Bytes>& pmkids, Time now)
{
    // A PMK of the domain, named for this AP.
    auto pmk
        = m_store->Match(ToCoreMac(m_host.GetBssid()), ToCoreMac(sta), pmkids, ToCoreTime(now));
    if (pmk)
    {
        NS_LOG_INFO(m_host.GetBssid() << ": OKC hit for " << sta);
    }
    return pmk;
}

void
OkcApMethod::Authenticated(Mac48Address sta, const roamsec::Bytes&, const roamsec::Bytes& pmk,
                           Time now)
{
    m_store->Add(pmk, ToCoreMac(sta), ToCoreTime(now + m_pmkLifetime));
}

} // namespace ns3
