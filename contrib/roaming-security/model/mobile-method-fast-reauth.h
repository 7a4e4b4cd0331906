/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_FAST_REAUTH_H
#define ROAMSEC_MOBILE_METHOD_FAST_REAUTH_H

#include "roaming-mobile-method.h"

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "fast-reauth", mobile side: RFC 4187 fast re-authentication (section 5). The first
 * association runs a full EAP-AKA; at every later one the peer presents the
 * re-authentication identity the home gave it, and the home answers with
 * AKA-Reauthentication (a counter and NONCE_S under the keys of the last full
 * authentication, no new AKA vector), then the 4-way handshake. Needs the rfc4187
 * profile on the mobile and the home AAA (doc/methods.rst).
 */
class FastReauthMobileMethod : public RoamingMobileMethod
{
public:
    using RoamingMobileMethod::RoamingMobileMethod;
    /**
     * The peer presents its re-authentication identity whenever it holds one.
     * \param config the peer's configuration
     */
    void ConfigurePeer(roamsec::EapAkaPeerConfig& config) override;
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_FAST_REAUTH_H
