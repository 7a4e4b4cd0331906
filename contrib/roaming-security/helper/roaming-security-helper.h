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

/**
 * \defgroup roaming-security Roaming security
 *
 * How fast and how safely a mobile node moves between 802.11 access points and between
 * operators' domains. Four roles are ns-3 applications: RoamingMobile (USIM, EAP-AKA and
 * EAP-TSK peer, RSN supplicant), RoamingAccessPoint (802.1X authenticator, RADIUS
 * client), VisitedAaa (RADIUS proxy by NAI realm, delegated keys) and HomeAaa (RADIUS
 * and EAP-AKA server, AuC, subscriber database); HandoffRecorder measures every handoff.
 * Every protocol message is a byte-exact packet on a simulated link and every key, MAC
 * and ciphertext is computed with OpenSSL 3. A mobile hands off with full EAP-AKA, PMKSA
 * caching, a PTK established before reassociation (the 001 claims) or local EAP-TSK
 * with a key the home domain delegated to the visited one (the 000 claims).
 * RoamingTopologyHelper builds a line of APs with a backhaul LAN and a WAN to the home
 * domain, and RoamingSecurityHelper installs the roles on it; the 802.11 plumbing the
 * roles need (multi-channel scanning, the 802.1X controlled port, elements in the
 * (re)association exchange, ARP across a roam, a layer-2 transport) is in this group
 * too. The protocol core (namespace roamsec) is free of ns-3. The model chapter is
 * doc/roaming-security.rst.
 */

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * What RoamingSecurityHelper::Install made.
 */
struct RoamingSecurityRoles
{
    Ptr<HandoffRecorder> recorder;                     //!< shared by every role
    Ptr<HomeAaa> homeAaa;                              //!< on the topology's home AAA node
    Ptr<VisitedAaa> visitedAaa;                        //!< on the visited AAA node
    std::vector<Ptr<RoamingAccessPoint>> aps;          //!< index = AP index
    std::vector<Ptr<RoamingMobile>> mobiles;           //!< index = mobile index
    std::vector<Ptr<Dot1xControlledPort>> apPorts;     //!< port of each AP's Wi-Fi device
    std::vector<Ptr<Dot1xControlledPort>> mobilePorts; //!< port of each mobile's Wi-Fi device
};

/**
 * \ingroup roaming-security
 *
 * Installs the roles on a RoamingTopology: a HandoffRecorder, the HomeAaa with one
 * subscriber per mobile, the VisitedAaa routing the home realm to it, a
 * RoamingAccessPoint per AP and a RoamingMobile per mobile, with a Dot1xControlledPort
 * and RoamingAssocElements aggregated to every Wi-Fi device. Attributes of the roles
 * are set on the helper before Install, as with any ns-3 helper.
 */
class RoamingSecurityHelper
{
public:
    /** Creates a helper for the four roles and the recorder, with default attributes. */
    RoamingSecurityHelper();

    /**
     * Sets an attribute of every RoamingMobile created by Install.
     * \param name the attribute name, e.g. "Method"
     * \param value its value
     */
    void SetMobileAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Sets an attribute of every RoamingAccessPoint created by Install.
     * \param name the attribute name
     * \param value its value
     */
    void SetAccessPointAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Sets an attribute of the VisitedAaa created by Install.
     * \param name the attribute name
     * \param value its value
     */
    void SetVisitedAaaAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Sets an attribute of the HomeAaa created by Install.
     * \param name the attribute name
     * \param value its value
     */
    void SetHomeAaaAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Sets an attribute of the HandoffRecorder created by Install.
     * \param name the attribute name, e.g. "TraceMessages"
     * \param value its value
     */
    void SetRecorderAttribute(const std::string& name, const AttributeValue& value);

    /**
     * NAI realm of the home domain (mobiles use it; the visited AAA routes it home).
     * Install sets it as the Realm attribute of the HomeAaa and of every RoamingMobile.
     * \param realm the realm; "home.example.net" unless set
     */
    void SetHomeRealm(const std::string& realm);
    /**
     * RADIUS shared secrets of the two hops.
     * \param apToVisited secret between each AP and the visited AAA
     * \param visitedToHome secret between the visited AAA and the home AAA
     */
    void SetSecrets(const std::string& apToVisited, const std::string& visitedToHome);
    /**
     * Home-domain delegation (000 claims): the home AAA grants the visited AAA a TSK
     * bound to visitedRealm after each full EAP-AKA, and the visited AAA then
     * authenticates the mobile locally with EAP-TSK. Empty realm: off (the default).
     * \param visitedRealm realm of the visited domain (the VisitedAaa's Realm attribute)
     */
    void EnableDelegation(const std::string& visitedRealm);
    /**
     * The APs each AP's 802.11k neighbour report lists, by AP index:
     * "0:1;1:0,2;2:1" (AP 0 lists AP 1, AP 1 lists APs 0 and 2, ...). An AP not named
     * lists none. Empty (the default): each AP lists the APs before and after it in the
     * topology's order (the neighbours on a line). Aborts on a list CheckNeighborLists
     * refuses.
     * \param lists the lists
     */
    void SetNeighborLists(const std::string& lists);
    /**
     * \param lists neighbour lists in SetNeighborLists' syntax
     * \param numAps the number of APs
     * \return empty if valid, else what is wrong (naming the item and what is allowed)
     */
    static std::string CheckNeighborLists(const std::string& lists, uint32_t numAps);

    /**
     * Creates the roles. Subscriber i has IMSI 00101 followed by i on ten digits and a
     * K and OPc drawn from the simulator's seeded stream; the same credentials go to
     * the home AAA's database and to mobile i's USIM.
     * \param topology what RoamingTopologyHelper::Build made
     * \return the roles, their controlled ports and the recorder
     */
    RoamingSecurityRoles Install(const RoamingTopology& topology);

    /**
     * Fixes the random streams of every role (ns-3 convention).
     * \param roles what Install made
     * \param stream first stream index to use
     * \return the number of streams used
     */
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
    std::string m_neighborLists;
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_SECURITY_HELPER_H
