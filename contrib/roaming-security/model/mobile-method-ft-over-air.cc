/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-ft-over-air.h"

#include "ns3/eapol.h"
#include "ns3/ft-session.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "roaming-assoc-elements.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("FtOverAirMobileMethod");

namespace {

/// Without an FT Authentication answer by then, the request is sent again.
const Time kAuthenticationTimeout = MilliSeconds(100);
/// Transmissions of one FT Authentication request before the association goes without
/// FT: Linux mac80211's IEEE80211_AUTH_MAX_TRIES, which sends wpa_supplicant's FT
/// Authentication frame.
const uint32_t kAuthenticationTries = 3;

} // namespace

FtOverAirMobileMethod::FtOverAirMobileMethod(RoamingMobileMethodHost& host)
    : RoamingMobileMethod(host)
{}

FtOverAirMobileMethod::~FtOverAirMobileMethod() = default;

void
FtOverAirMobileMethod::Start(const roamsec::EapAkaPeer&)
{
    roamsec::FtSupplicantConfig config;
    config.sta = ToCoreMac(m_host.GetOwnAddress());
    config.ssid = roamsec::ToBytes(m_host.GetSsid());
    m_ft = std::make_unique<roamsec::FtSupplicant>(config, m_host.GetRandom());
}

void
FtOverAirMobileMethod::Stop()
{
    m_authTimer.Cancel();
}

bool
FtOverAirMobileMethod::UsesPmkCaching() const
{
    return false;
}

bool
FtOverAirMobileMethod::WantsBeaconElements() const
{
    return true;
}

roamsec::FtSupplicant&
FtOverAirMobileMethod::Supplicant()
{
    return *m_ft;
}

void
FtOverAirMobileMethod::BeaconElements(Mac48Address bssid, const roamsec::Bytes& elements)
{
    try
    {
        if (auto mde = roamsec::FindElement(elements, roamsec::kElementIdMobilityDomain))
        {
            m_domains[bssid] = roamsec::DecodeMde(*mde);
        }
    }
    catch (const roamsec::ParseError&)
    {
        m_host.CountDroppedFrame("ft:beacon-mde");
    }
}

bool
FtOverAirMobileMethod::CanTransition(Mac48Address bssid) const
{
    auto domain = m_domains.find(bssid);
    return m_ft && m_ft->HasPmkR0() && domain != m_domains.end()
           && domain->second.mdid == m_ft->GetMdid();
}

bool
FtOverAirMobileMethod::HoldsRequest(Mac48Address bssid)
{
    if (!m_ft || m_ft->PtkReady(ToCoreMac(bssid)) || !CanTransition(bssid) || bssid == m_noFtTarget)
    {
        return false;
    }
    if (!m_authTimer.IsExpired() && m_authTarget == bssid)
    {
        return true; // StaWifiMac repeats its request: FT Authentication is under way
    }
    NS_LOG_INFO("FT Authentication with " << bssid);
    m_authTarget = bssid;
    roamsec::FtAuthenticationFrame request;
    request.sequence = 1;
    request.elements = m_ft->BuildRequest(ToCoreMac(bssid));
    m_authRequest = roamsec::EncodeFtAuthentication(request);
    m_authTries = 0;
    SendAuthentication();
    return true;
}

void
FtOverAirMobileMethod::SendAuthentication()
{
    ++m_authTries;
    m_host.SendManagementFrame(m_authTarget, WIFI_MAC_MGT_AUTHENTICATION, m_authRequest);
    m_authTimer.Cancel();
    m_authTimer = Simulator::Schedule(kAuthenticationTimeout,
                                      &FtOverAirMobileMethod::AuthenticationTimedOut, this,
                                      m_authTarget);
}

void
FtOverAirMobileMethod::AuthenticationTimedOut(Mac48Address target)
{
    if (m_authTries < kAuthenticationTries)
    {
        // The same frame (same SNonce) again, as mac80211 does: an answer to either copy
        // completes the exchange.
        NS_LOG_INFO("no FT Authentication answer from " << target << ", try "
                                                        << m_authTries + 1);
        SendAuthentication();
        return;
    }
    NS_LOG_INFO("no FT Authentication answer from " << target);
    m_host.ReportRefusal("ft:no-answer");
    m_host.MarkFallback();
    m_noFtTarget = target;
    m_ft->Forget(ToCoreMac(target));
    m_host.ReleaseRequest(target);
}

bool
FtOverAirMobileMethod::ReceiveManagementFrame(Mac48Address from, WifiMacType type,
                                              const roamsec::Bytes& body)
{
    if (type != WIFI_MAC_MGT_AUTHENTICATION)
    {
        return false;
    }
    roamsec::FtAuthenticationFrame frame;
    try
    {
        frame = roamsec::DecodeFtAuthentication(body);
    }
    catch (const roamsec::ParseError&)
    {
        return false;
    }
    if (frame.sequence != 2 || from != m_authTarget || m_authTimer.IsExpired())
    {
        return false;
    }
    m_authTimer.Cancel();
    if (!HandleFtAnswer(from, frame.status, frame.elements))
    {
        m_noFtTarget = from; // this attempt goes as an initial mobility domain association
    }
    m_host.ReleaseRequest(from);
    return true;
}

bool
FtOverAirMobileMethod::HandleFtAnswer(Mac48Address target, uint16_t status,
                                      const roamsec::Bytes& elements)
{
    roamsec::FtStatus result = m_ft->HandleResponse(ToCoreMac(target), status, elements);
    if (result == roamsec::FtStatus::Success)
    {
        return true;
    }
    NS_LOG_INFO("FT with " << target << " refused: " << roamsec::FtStatusName(result));
    m_host.ReportRefusal("ft:" + roamsec::FtStatusName(result));
    m_host.MarkFallback();
    m_ft->Forget(ToCoreMac(target));
    return false;
}

std::optional<roamsec::Bytes>
FtOverAirMobileMethod::RequestRsne(Mac48Address bssid)
{
    m_requestBssid = bssid;
    m_requestFt = false;
    m_requestExtra.clear();
    auto domain = m_domains.find(bssid);
    if (!m_ft || domain == m_domains.end())
    {
        return std::nullopt; // no MDE: a plain 802.1X association
    }
    if (m_ft->PtkReady(ToCoreMac(bssid)))
    {
        roamsec::Bytes elements = m_ft->BuildReassociationElements(ToCoreMac(bssid));
        auto rsne = roamsec::FindElement(elements, roamsec::kElementIdRsn);
        m_requestExtra.assign(elements.begin() + rsne->size(), elements.end());
        m_requestFt = true;
        return rsne;
    }
    // Initial mobility domain association (13.4): the FT AKM and the MDE, no PMKID.
    roamsec::RsnElement rsne;
    rsne.akms = {roamsec::kAkmFt8021x};
    m_requestExtra = m_ft->InitialAssociationElements(domain->second);
    return roamsec::EncodeRsne(rsne);
}

roamsec::Bytes
FtOverAirMobileMethod::RequestElements(Mac48Address bssid)
{
    return bssid == m_requestBssid ? m_requestExtra : roamsec::Bytes();
}

void
FtOverAirMobileMethod::FallBack(const std::string& why, bool refusedByAp)
{
    NS_LOG_INFO("FT reassociation with " << m_requestBssid << " failed: " << why);
    m_host.ReportRefusal("ft:" + why);
    m_host.MarkFallback();
    // The next association is an initial mobility domain association (a new PMK-R0).
    m_ft->Reset();
    if (!refusedByAp)
    {
        m_host.RestartAssociation(); // StaWifiMac took the association: leave it
    }
}

void
FtOverAirMobileMethod::ResponseReceived(const RoamingAssocFrame& frame)
{
    if (frame.request || frame.sender != m_requestBssid || !m_ft)
    {
        return;
    }
    roamsec::Bytes elements(frame.elements.begin(), frame.elements.end());
    roamsec::MacAddr bssid = ToCoreMac(frame.sender);
    m_noFtTarget = Mac48Address();
    if (!m_requestFt)
    {
        if (frame.statusCode == 0)
        {
            m_ft->HandleInitialAssociationResponse(bssid, elements);
        }
        return;
    }
    m_requestFt = false;
    roamsec::FtStatus result = m_ft->HandleReassociationResponse(bssid, frame.statusCode, elements);
    if (result != roamsec::FtStatus::Success)
    {
        FallBack(frame.statusCode != 0 ? roamsec::FtStatusName(result)
                                       : "response-" + roamsec::FtStatusName(result),
                 frame.statusCode != 0);
        return;
    }
    m_installed = true;
    m_installedBssid = frame.sender;
}

bool
FtOverAirMobileMethod::AssociationCompleted(Mac48Address bssid)
{
    bool installed = m_installed && bssid == m_installedBssid;
    m_installed = false;
    if (installed)
    {
        // keep the PMK-R0; PTKs prepared with other targets are stale now
        for (Mac48Address target : GetPreparedTargets())
        {
            m_ft->Forget(ToCoreMac(target));
        }
    }
    return installed;
}

void
FtOverAirMobileMethod::FullAuthenticationSucceeded(Mac48Address bssid, const roamsec::Bytes& msk)
{
    if (m_ft && m_ft->InitialAuthenticationSucceeded(ToCoreMac(bssid), msk))
    {
        NS_LOG_INFO("PMK-R0 from the initial mobility domain association with " << bssid);
    }
}

std::optional<roamsec::FtFourWayKeys>
FtOverAirMobileMethod::FourWayKeys(Mac48Address bssid) const
{
    return m_ft ? m_ft->InitialFourWay(ToCoreMac(bssid)) : std::nullopt;
}

std::vector<Mac48Address>
FtOverAirMobileMethod::GetPreparedTargets() const
{
    std::vector<Mac48Address> ready;
    for (const auto& [bssid, domain] : m_domains)
    {
        if (m_ft && m_ft->PtkReady(ToCoreMac(bssid)))
        {
            ready.push_back(bssid);
        }
    }
    return ready;
}

} // namespace ns3
