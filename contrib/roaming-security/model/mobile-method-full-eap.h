/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_FULL_EAP_H
#define ROAMSEC_MOBILE_METHOD_FULL_EAP_H

#include "roaming-mobile-method.h"

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "full-eap", mobile side: a full EAP-AKA authentication (new AKA vector) with the
 * home AAA at every AP, then the 4-way handshake; no PMKSA caching.
 */
class FullEapMobileMethod : public RoamingMobileMethod
{
public:
    using RoamingMobileMethod::RoamingMobileMethod;
    /**
     * A peer that never presents its re-authentication identity is never offered RFC
     * 4187 fast re-authentication, in either profile.
     * \param config the peer's configuration
     */
    void ConfigurePeer(roamsec::EapAkaPeerConfig& config) override;
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_FULL_EAP_H
