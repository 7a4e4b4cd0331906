/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROAMSEC_MOBILE_METHOD_DELEGATED_H
#define ROAMSEC_MOBILE_METHOD_DELEGATED_H

#include "roaming-mobile-method.h"

namespace roamsec {
class EapTskPeer;
}

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * "delegated", mobile side: local EAP-TSK with the visited domain's delegated key
 * (doc/delegation.rst); the first authentication in a domain is EAP-AKA with the home.
 * EAP-TSK Requests (expanded type), and the Success or Failure that ends such a
 * conversation, go to the EAP-TSK peer; everything else to the EAP-AKA peer.
 */
class DelegatedMobileMethod : public RoamingMobileMethod
{
public:
    /** \param host the mobile */
    explicit DelegatedMobileMethod(RoamingMobileMethodHost& host);
    ~DelegatedMobileMethod() override;
    /**
     * The visited domain finds the delegated key by the permanent identity: no
     * pseudonyms, no fast re-authentication.
     * \param config the peer's configuration
     */
    void ConfigurePeer(roamsec::EapAkaPeerConfig& config) override;
    /**
     * Makes the EAP-TSK peer (identity: the EAP-AKA peer's permanent NAI).
     * \param peer the mobile's EAP-AKA peer
     */
    void Start(const roamsec::EapAkaPeer& peer) override;
    /**
     * \param packet the parsed EAP packet
     * \param eap its bytes
     * \return true for EAP-TSK
     */
    bool HandleEap(const roamsec::EapPacket& packet, const roamsec::Bytes& eap) override;

private:
    std::unique_ptr<roamsec::EapTskPeer> m_tsk;
    bool m_lastEapWasTsk{false}; //!< the Request answered last was EAP-TSK
};

} // namespace ns3

#endif // ROAMSEC_MOBILE_METHOD_DELEGATED_H
