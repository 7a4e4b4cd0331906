/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_OKC_H
#define ROAMSEC_MOBILE_METHOD_OKC_H

#include "roaming-mobile-method.h"

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "okc", mobile side: opportunistic key caching. The PMK of the last full 802.1X
 * authentication is used at every AP of the mobility domain: before a (re)association
 * request to a new AP, the mobile adds a PMKSA for that AP with the same PMK, so the
 * request's RSNE names PMKID = HMAC-SHA1-128(PMK, "PMK Name" || new AA || SPA). The
 * domain's APs share the PMK (roamsec::OkcKeyStore), recognise the PMKID on the first
 * visit and start the 4-way handshake; on a miss the mobile runs a full EAP-AKA.
 */
class OkcMobileMethod : public RoamingMobileMethod
{
public:
    using RoamingMobileMethod::RoamingMobileMethod;
    /** \return true */
    bool UsesPmkCaching() const override;
    /**
     * Adds a PMKSA for bssid with the PMK held for the current AP, when there is none.
     * \param bssid the AP the request goes to
     */
    void PrepareRequest(Mac48Address bssid) override;
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_OKC_H
