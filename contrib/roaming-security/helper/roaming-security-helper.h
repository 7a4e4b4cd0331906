/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Installs the roles on a RoamingTopology: the home AAA (subscribers, AuC), the
 * visited AAA (RADIUS proxy), the AP authenticators and the mobiles'
 * supplicants, with their controlled ports and the shared handoff recorder.
 */
#ifndef ROAMSEC_ROAMING_SECURITY_HELPER_H
#define ROAMSEC_ROAMING_SECURITY_HELPER_H

#include "ns3/dot1x-controlled-port.h"
#include "ns3/handoff-recorder.h"
#include "ns3/home-aaa.h"
#include "ns3/object-factory.h"
#include "ns3/roaming-access-point.h"
#include "ns3/roaming-mobile.h"
#include "ns3/visited-aaa.h"
#include "roaming-topology-helper.h"

#include <vector>

namespace ns3 {

/** What RoamingSecurityHelper::Install made. */
struct RoamingSecurityRoles
{
    Ptr<HandoffRecorder> recorder;
    Ptr<HomeAaa> homeAaa;
    Ptr<VisitedAaa> visitedAaa;
    std::vector<Ptr<RoamingAccessPoint>> aps;
    std::vector<Ptr<RoamingMobile>> mobiles;
    std::vector<Ptr<Dot1xControlledPort>> apPorts;
    std::vector<Ptr<Dot1xControlledPort>> mobilePorts;
};

class RoamingSecurityHelper
{
public:
    RoamingSecurityHelper();

    /** Attributes of each role, as with any ns-3 helper. */
    void SetMobileAttribute(const std::string& name, const AttributeValue& value);
    void SetAccessPointAttribute(const std::string& name, const AttributeValue& value);
    void SetVisitedAaaAttribute(const std::string& name, const AttributeValue& value);
    void SetHomeAaaAttribute(const std::string& name, const AttributeValue& value);
    void SetRecorderAttribute(const std::string& name, const AttributeValue& value);

    /** NAI realm of the home domain (mobiles use it; the visited AAA routes it home). */
    void SetHomeRealm(const std::string& realm);
    void SetSecrets(const std::string& apToVisited, const std::string& visitedToHome);
    /**
     * Home-domain delegation (000 claims): the home AAA grants the visited AAA a TSK
     * bound to visitedRealm after each full EAP-AKA, and the visited AAA then
     * authenticates the mobile locally with EAP-TSK. Empty realm: off (the default).
     */
    void EnableDelegation(const std::string& visitedRealm);

    /**
     * Creates the roles. Subscriber i has IMSI 00101 followed by i on ten digits and a
     * K and OPc drawn from the simulator's seeded stream; the same credentials go to
     * the home AAA's database and to mobile i's USIM.
     */
    RoamingSecurityRoles Install(const RoamingTopology& topology);

    /** Fixes the random streams of every role (ns-3 convention); returns streams used. */
    int64_t AssignStreams(const RoamingSecurityRoles& roles, int64_t stream);

private:
    ObjectFactory m_mobileFactory;
    ObjectFactory m_apFactory;
    ObjectFactory m_visitedFactory;
    ObjectFactory m_homeFactory;
    ObjectFactory m_recorderFactory;
    std::string m_realm{"home.example.net"};
    std::string m_apSecret{"ap-visited-secret"};
    std::string m_homeSecret{"visited-home-secret"};
    std::string m_delegationRealm;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_SECURITY_HELPER_H
