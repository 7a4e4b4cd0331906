/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-security-helper.h"

#include "ns3/ap-wifi-mac.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/neighbor-report.h"
#include "ns3/ns3-compat.h"
#include "ns3/roaming-method-factory.h"
#include "ns3/roaming-core-adapter.h"
#include "ns3/wifi-phy.h"
#include "ns3/okc-key-store.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/roaming-assoc-elements.h"
#include "ns3/string.h"
#include "ns3/wifi-net-device.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingSecurityHelper");

RoamingSecurityHelper::RoamingSecurityHelper()
{
    m_mobileFactory.SetTypeId("ns3::RoamingMobile");
    m_apFactory.SetTypeId("ns3::RoamingAccessPoint");
    m_visitedFactory.SetTypeId("ns3::VisitedAaa");
    m_homeFactory.SetTypeId("ns3::HomeAaa");
    m_recorderFactory.SetTypeId("ns3::HandoffRecorder");
}

void
RoamingSecurityHelper::SetMobileAttribute(const std::string& name, const AttributeValue& value)
{
    m_mobileFactory.Set(name, value);
}

void
RoamingSecurityHelper::SetAccessPointAttribute(const std::string& name, const AttributeValue& value)
{
    m_apFactory.Set(name, value);
}

void
RoamingSecurityHelper::SetVisitedAaaAttribute(const std::string& name, const AttributeValue& value)
{
    m_visitedFactory.Set(name, value);
}

void
RoamingSecurityHelper::SetHomeAaaAttribute(const std::string& name, const AttributeValue& value)
{
    m_homeFactory.Set(name, value);
}

void
RoamingSecurityHelper::SetRecorderAttribute(const std::string& name, const AttributeValue& value)
{
    m_recorderFactory.Set(name, value);
}

void
RoamingSecurityHelper::SetHomeRealm(const std::string& realm)
{
    m_realm = realm;
}

void
RoamingSecurityHelper::SetSecrets(const std::string& apToVisited, const std::string& visitedToHome)
{
    m_apSecret = apToVisited;
    m_homeSecret = visitedToHome;
}

void
RoamingSecurityHelper::EnableDelegation(const std::string& visitedRealm)
{
    m_delegationRealm = visitedRealm;
}

void
RoamingSecurityHelper::SetNeighborLists(const std::string& lists)
{
    m_neighborLists = lists;
}

namespace {

/// Parses "i:j,k;..." into AP index -> neighbour indices; error text on failure.
std::string
ParseNeighborLists(const std::string& lists,
                   uint32_t numAps,
                   std::map<uint32_t, std::vector<uint32_t>>& out)
{
    auto index = [numAps](const std::string& text, uint32_t& value) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
            text.size() > 9)
        {
            return "'" + text + "' is not an AP index";
        }
        value = static_cast<uint32_t>(std::stoul(text));
        if (value >= numAps)
        {
            return "AP " + text + " does not exist (APs are 0.." + std::to_string(numAps - 1) +
                   ")";
        }
        return "";
    };
    std::istringstream items(lists);
    std::string item;
    while (std::getline(items, item, ';'))
    {
        item.erase(std::remove_if(item.begin(), item.end(), ::isspace), item.end());
        if (item.empty())
        {
            continue;
        }
        auto colon = item.find(':');
        if (colon == std::string::npos)
        {
            return "'" + item + "' is not 'AP:neighbour,neighbour'";
        }
        uint32_t ap = 0;
        if (auto error = index(item.substr(0, colon), ap); !error.empty())
        {
            return error;
        }
        std::istringstream neighbours(item.substr(colon + 1));
        std::string n;
        auto& list = out[ap];
        while (std::getline(neighbours, n, ','))
        {
            uint32_t neighbour = 0;
            if (auto error = index(n, neighbour); !error.empty())
            {
                return error;
            }
            if (neighbour == ap)
            {
                return "AP " + std::to_string(ap) + " lists itself";
            }
            list.push_back(neighbour);
        }
    }
    return "";
}

} // namespace

std::string
RoamingSecurityHelper::CheckNeighborLists(const std::string& lists, uint32_t numAps)
{
    std::map<uint32_t, std::vector<uint32_t>> parsed;
    std::string error = ParseNeighborLists(lists, numAps, parsed);
    return error.empty() ? "" : "neighbour lists '" + lists + "': " + error;
}

RoamingSecurityRoles
RoamingSecurityHelper::Install(const RoamingTopology& topology)
{
    RoamingSecurityRoles roles;
    roles.recorder = m_recorderFactory.Create<HandoffRecorder>();

    roles.homeAaa = m_homeFactory.Create<HomeAaa>();
    roles.homeAaa->SetAttribute("Realm", StringValue(m_realm));
    topology.homeAaa->AddApplication(roles.homeAaa);
    roles.homeAaa->AddClient(topology.visitedAaaWanAddress, m_homeSecret, m_delegationRealm);
    roles.homeAaa->SetRecorder(roles.recorder);

    roles.visitedAaa = m_visitedFactory.Create<VisitedAaa>();
    if (!m_delegationRealm.empty())
    {
        roles.visitedAaa->SetAttribute("Delegation", BooleanValue(true));
        roles.visitedAaa->SetAttribute("Realm", StringValue(m_delegationRealm));
    }
    topology.visitedAaa->AddApplication(roles.visitedAaa);
    roles.visitedAaa->AddHomeRoute(m_realm, topology.homeAaaAddress, m_homeSecret);
    roles.visitedAaa->SetRecorder(roles.recorder);

    // The APs of one helper form one mobility domain: one store of PMKs for
    // opportunistic key caching (used only by stations that offer OKC PMKIDs).
    auto okc = std::make_shared<roamsec::OkcKeyStore>();
    for (uint32_t i = 0; i < topology.aps.GetN(); ++i)
    {
        auto device = DynamicCast<WifiNetDevice>(topology.apWifiDevices.Get(i));
        roles.recorder->RegisterAp(Mac48Address::ConvertFrom(device->GetAddress()),
                                   static_cast<int32_t>(i));
        Ptr<Dot1xControlledPort> port = Dot1xControlledPort::Install(device);
        roles.apPorts.push_back(port);
        Ptr<RoamingAccessPoint> ap = m_apFactory.Create<RoamingAccessPoint>();
        topology.aps.Get(i)->AddApplication(ap);
        ap->SetApIndex(static_cast<int32_t>(i));
        ap->SetWifiDevice(device);
        ap->SetBackhaulDevice(topology.apBridges.Get(i));
        ap->SetBackhaulPort(topology.apBackhaulDevices.Get(i));
        ap->SetAaa(topology.visitedAaaAddress, m_apSecret);
        ap->SetRecorder(roles.recorder);
        ap->SetControlledPort(port);
        ap->SetAssocElements(RoamingAssocElements::Install(device));
        ap->SetOkcKeyStore(okc);
        roles.visitedAaa->AddNas(topology.apAddresses[i], m_apSecret);
        roles.aps.push_back(ap);
    }

    // Credentials come from a seeded stream so that a run is reproducible.
    Ptr<UniformRandomVariable> keyStream = CreateObject<UniformRandomVariable>();
    keyStream->SetStream(1000);
    auto drawKey = [&keyStream]()
    {
        roamsec::Bytes key(16);
        for (auto& b : key)
        {
            b = static_cast<uint8_t>(keyStream->GetInteger(0, 255));
        }
        return key;
    };
    // IEEE 802.11r key holders: every AP of a mobility domain is an R0KH and an R1KH
    // with a key for each pair (like hostapd's r0kh/r1kh lines), from their own stream
    // so that runs without FT draw the same credentials as before.
    std::map<uint16_t, std::vector<uint32_t>> domains;
    for (uint32_t i = 0; i < topology.aps.GetN(); ++i)
    {
        if (uint16_t mdid = roles.aps[i]->GetMobilityDomain(); mdid != 0)
        {
            domains[mdid].push_back(i);
        }
    }
    if (!domains.empty())
    {
        Ptr<UniformRandomVariable> ftKeyStream = CreateObject<UniformRandomVariable>();
        ftKeyStream->SetStream(1001);
        std::map<std::pair<uint32_t, uint32_t>, roamsec::Bytes> pairKeys;
        for (const auto& [mdid, members] : domains)
        {
            for (uint32_t a : members)
            {
                for (uint32_t b : members)
                {
                    if (a < b)
                    {
                        roamsec::Bytes key(16);
                        for (auto& octet : key)
                        {
                            octet = static_cast<uint8_t>(ftKeyStream->GetInteger(0, 255));
                        }
                        pairKeys[{a, b}] = key;
                    }
                }
            }
        }
        for (const auto& [mdid, members] : domains)
        {
            for (uint32_t a : members)
            {
                std::map<Mac48Address, roamsec::Bytes> r1khKeys;
                std::map<std::string, roamsec::Bytes> r0khKeys;
                for (uint32_t b : members)
                {
                    if (a == b)
                    {
                        continue;
                    }
                    const roamsec::Bytes& key = pairKeys[{std::min(a, b), std::max(a, b)}];
                    r1khKeys[Mac48Address::ConvertFrom(topology.apWifiDevices.Get(b)->GetAddress())] =
                        key;
                    r0khKeys[roles.aps[b]->GetNasIdentifier()] = key;
                }
                roles.aps[a]->SetFtKeyHolders(r1khKeys, r0khKeys);
            }
        }
    }

    // Each AP's 802.11k neighbour report: the configured lists, or the APs next to it.
    const uint32_t numAps = topology.aps.GetN();
    std::map<uint32_t, std::vector<uint32_t>> lists;
    if (m_neighborLists.empty())
    {
        for (uint32_t i = 0; i < numAps; ++i)
        {
            for (int64_t j : {int64_t(i) - 1, int64_t(i) + 1})
            {
                if (j >= 0 && j < int64_t(numAps))
                {
                    lists[i].push_back(static_cast<uint32_t>(j));
                }
            }
        }
    }
    else
    {
        std::string error = ParseNeighborLists(m_neighborLists, numAps, lists);
        NS_ABORT_MSG_IF(!error.empty(),
                        "RoamingSecurityHelper: neighbour lists '" << m_neighborLists
                                                                   << "': " << error);
    }
    auto bssidOf = [&topology](uint32_t i) {
        return Mac48Address::ConvertFrom(topology.apWifiDevices.Get(i)->GetAddress());
    };
    std::map<Mac48Address, std::vector<Mac48Address>> neighbors;
    for (const auto& [ap, list] : lists)
    {
        std::vector<roamsec::NeighborReportEntry> report;
        for (uint32_t n : list)
        {
            neighbors[bssidOf(ap)].push_back(bssidOf(n));
            auto device = DynamicCast<WifiNetDevice>(topology.apWifiDevices.Get(n));
            Ptr<WifiPhy> phy = device->GetPhy();
            bool band24 = phy->GetPhyBand() == WIFI_PHY_BAND_2_4GHZ;
            uint8_t channel = static_cast<uint8_t>(topology.apChannels.at(n));
            roamsec::NeighborReportEntry entry;
            entry.bssid = ToCoreMac(bssidOf(n));
            entry.bssidInfo = roamsec::kBssidInfoReachable | roamsec::kBssidInfoSecurity;
            entry.operatingClass = roamsec::GlobalOperatingClass20MHz(band24, channel).value_or(0);
            entry.channel = channel;
            switch (phy->GetStandard())
            {
            case WIFI_STANDARD_80211g:
                entry.phyType = 6; // ERP
                break;
            case WIFI_STANDARD_80211n:
                entry.phyType = 7; // HT
                break;
            case WIFI_STANDARD_80211ac:
                entry.phyType = 9; // VHT
                break;
            default:
                entry.phyType = 4; // OFDM
            }
            report.push_back(entry);
        }
        roles.aps.at(ap)->SetNeighborReport(report);
    }
    for (uint32_t i = 0; i < topology.mobiles.GetN(); ++i)
    {
        char imsi[16];
        std::snprintf(imsi, sizeof(imsi), "00101%010u", i);
        roamsec::SubscriberRecord record;
        record.imsi = imsi;
        record.k = drawKey();
        record.opc = drawKey();
        record.sqn = 32; // SEQ 1, IND 0
        roles.homeAaa->GetSubscribers().Add(record);

        auto device = DynamicCast<WifiNetDevice>(topology.mobileWifiDevices.Get(i));
        roles.recorder->RegisterMobile(Mac48Address::ConvertFrom(device->GetAddress()), i);
        Ptr<Dot1xControlledPort> port = Dot1xControlledPort::Install(device);
        roles.mobilePorts.push_back(port);
        Ptr<RoamingMobile> mobile = m_mobileFactory.Create<RoamingMobile>();
        mobile->SetAttribute("Realm", StringValue(m_realm));
        topology.mobiles.Get(i)->AddApplication(mobile);
        mobile->SetMobileIndex(i);
        mobile->SetWifiDevice(device);
        mobile->SetRecorder(roles.recorder);
        mobile->SetControlledPort(port);
        mobile->SetAssocElements(RoamingAssocElements::Install(device));
        mobile->SetNeighbors(neighbors);
        mobile->SetCredentials(record.imsi, record.k, record.opc);
        compat::EnumAttributeValue<RoamingMobile::Method> methodValue;
        mobile->GetAttribute("Method", methodValue);
        auto method = static_cast<RoamingMobile::Method>(methodValue.Get());
        if (method == RoamingMobile::FtOverDs || method == RoamingMobile::FtOverAir)
        {
            for (const auto& ap : roles.aps)
            {
                NS_ABORT_MSG_IF(ap->GetMobilityDomain() == 0,
                                "RoamingMobile Method "
                                    << RoamingMethodName(method)
                                    << " needs IEEE 802.11r on the APs: RoamingAccessPoint "
                                       "MobilityDomain is 0 (set it with "
                                       "SetAccessPointAttribute(\"MobilityDomain\", "
                                       "UintegerValue(1..65535)))");
            }
        }
        roles.mobiles.push_back(mobile);
    }
    return roles;
}

int64_t
RoamingSecurityHelper::AssignStreams(const RoamingSecurityRoles& roles, int64_t stream)
{
    int64_t used = 0;
    used += roles.homeAaa->AssignStreams(stream + used);
    used += roles.visitedAaa->AssignStreams(stream + used);
    for (const auto& ap : roles.aps)
    {
        used += ap->AssignStreams(stream + used);
    }
    for (const auto& mobile : roles.mobiles)
    {
        used += mobile->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
