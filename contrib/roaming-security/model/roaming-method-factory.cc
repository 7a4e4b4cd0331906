/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-method-factory.h"

#include "mobile-method-cached-pmk.h"
#include "mobile-method-delegated.h"
#include "mobile-method-fast-reauth.h"
#include "mobile-method-ft-over-air.h"
#include "mobile-method-ft-over-ds.h"
#include "mobile-method-okc.h"
#include "mobile-method-full-eap.h"
#include "mobile-method-preassoc-ptk.h"
#include "ns3/fatal-error.h"

namespace ns3 {

const char*
RoamingMethodName(RoamingMethod method)
{
    switch (method)
    {
        case RoamingMethod::FullEap:
            return "full-eap";
        case RoamingMethod::CachedPmk:
            return "cached-pmk";
        case RoamingMethod::PreAssociationPtk:
            return "pre-association-ptk";
        case RoamingMethod::Delegated:
            return "delegated";
        case RoamingMethod::FastReauth:
            return "fast-reauth";
        case RoamingMethod::Okc:
            return "okc";
        case RoamingMethod::FtOverDs:
            return "ft-over-ds";
        case RoamingMethod::FtOverAir:
            return "ft-over-air";
    }
    return "?";
}

bool
ParseRoamingMethod(const std::string& text, RoamingMethod& method)
{
    for (auto m : {RoamingMethod::FullEap,
                   RoamingMethod::CachedPmk,
                   RoamingMethod::PreAssociationPtk,
                   RoamingMethod::Delegated,
                   RoamingMethod::FastReauth,
                   RoamingMethod::Okc,
                   RoamingMethod::FtOverDs,
                   RoamingMethod::FtOverAir})
    {
        if (text == RoamingMethodName(m))
        {
            method = m;
            return true;
        }
    }
    return false;
}

std::unique_ptr<RoamingMobileMethod>
CreateRoamingMobileMethod(RoamingMethod method, RoamingMobileMethodHost& host)
{
    switch (method)
    {
        case RoamingMethod::FullEap:
            return std::make_unique<FullEapMobileMethod>(host);
        case RoamingMethod::CachedPmk:
            return std::make_unique<CachedPmkMobileMethod>(host);
        case RoamingMethod::PreAssociationPtk:
            return std::make_unique<PreassocPtkMobileMethod>(host);
        case RoamingMethod::Delegated:
            return std::make_unique<DelegatedMobileMethod>(host);
        case RoamingMethod::FastReauth:
            return std::make_unique<FastReauthMobileMethod>(host);
        case RoamingMethod::Okc:
            return std::make_unique<OkcMobileMethod>(host);
        case RoamingMethod::FtOverDs:
            return std::make_unique<FtOverDsMobileMethod>(host);
        case RoamingMethod::FtOverAir:
            return std::make_unique<FtOverAirMobileMethod>(host);
    }
    NS_FATAL_ERROR("RoamingMobile: no strategy for method " << static_cast<int>(method));
    return nullptr;
}

} // namespace ns3
