/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-fast-reauth.h"

#include "ns3/eap-aka-peer.h"

namespace ns3 {

void
FastReauthMobileMethod::ConfigurePeer(roamsec::EapAkaPeerConfig& config)
{
    config.useReauth = true;
}

} // namespace ns3
