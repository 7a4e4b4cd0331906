/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_AP_METHOD_OKC_H
#define ROAMSEC_AP_METHOD_OKC_H

#include "roaming-ap-method.h"

#include <memory>

namespace roamsec {
class OkcKeyStore;
}

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "okc", AP side (doc/methods.rst): the APs of one RoamingSecurityHelper share a
 * roamsec::OkcKeyStore; after a full 802.1X authentication the station's PMK goes there,
 * and a PMKID the AP's own cache misses is recomputed for this AP from the domain's PMK.
 */
class OkcApMethod : public RoamingApMethod
{
public:
    /**
     * \param host the AP
     * \param store the domain's key store
     * \param pmkLifetime the lifetime of a stored PMK
     */
    OkcApMethod(RoamingApMethodHost& host, std::shared_ptr<roamsec::OkcKeyStore> store,
                Time pmkLifetime);
    ~OkcApMethod() override;

    std::optional<roamsec::Bytes> MatchPmkid(Mac48Address sta,
                                             const std::vector<roamsec::Bytes>& pmkids,
                                             Time now) override;
    void Authenticated(Mac48Address sta, const roamsec::Bytes& msk, const roamsec::Bytes& pmk,
                       Time now) override;

private:
    std::shared_ptr<roamsec::OkcKeyStore> m_store;
    Time m_pmkLifetime;
};

} // namespace ns3

#endif // ROAMSEC_AP_METHOD_OKC_H
