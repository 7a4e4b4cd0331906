/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-cached-pmk.h"

namespace ns3 {

bool
CachedPmkMobileMethod::UsesPmkCaching() const
{
    return true;
}

} // namespace ns3
