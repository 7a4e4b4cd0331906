/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The one place that maps a handoff method (RoamingMobile's Method attribute) to its
 * strategy objects.
 */
#ifndef ROAMSEC_ROAMING_METHOD_FACTORY_H
#define ROAMSEC_ROAMING_METHOD_FACTORY_H

#include "roaming-mobile-method.h"
#include "roaming-mobile.h"

#include <memory>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * The mobile side of a handoff method.
 * \param method the method
 * \param host the mobile the strategy works for
 * \return its strategy
 */
std::unique_ptr<RoamingMobileMethod> CreateRoamingMobileMethod(RoamingMethod method,
                                                               RoamingMobileMethodHost& host);

} // namespace ns3

#endif // ROAMSEC_ROAMING_METHOD_FACTORY_H
