/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-full-eap.h"

#include "ns3/eap-aka-peer.h"

namespace ns3 {

void
FullEapMobileMethod::ConfigurePeer(roamsec::EapAkaPeerConfig& config)
{
    config.useReauth = false;
}

} // namespace ns3
