/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_CACHED_PMK_H
#define ROAMSEC_MOBILE_METHOD_CACHED_PMK_H

#include "roaming-mobile-method.h"

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "cached-pmk", mobile side: PMKSA caching (802.11-2016 12.6.10.3). The RSNE of the
 * (re)association request lists the PMKID held for the AP; on a hit the AP starts the
 * 4-way handshake, on a miss the mobile runs a full EAP-AKA authentication.
 */
class CachedPmkMobileMethod : public RoamingMobileMethod
{
public:
    using RoamingMobileMethod::RoamingMobileMethod;
    /** \return true */
    bool UsesPmkCaching() const override;
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_CACHED_PMK_H
