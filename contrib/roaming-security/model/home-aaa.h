/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home domain's AAA server: RADIUS with EAP-AKA (RFC 3579), the AuC and the
 * subscriber database. On success it hands the MSK to the NAS side in
 * MS-MPPE-Recv/Send-Key (RFC 2548).
 */
#ifndef ROAMSEC_HOME_AAA_H
#define ROAMSEC_HOME_AAA_H

#include "handoff-recorder.h"
#include "ns3/aaa-eap-aka-service.h"
#include "ns3/aka.h"
#include "ns3/application.h"
#include "ns3/eap-aka-server.h"
#include "ns3/ipv4-address.h"
#include "ns3/radius-server.h"
#include "ns3/socket.h"
#include "ns3/subscriber-db.h"
#include "ns3/traced-callback.h"
#include "ns3/tsk-home.h"
#include "roaming-core-adapter.h"

#include <map>
#include <memory>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * The home domain's AAA server (an application on the home AAA node): RADIUS with
 * EAP-AKA (RFC 3579), the AuC and the subscriber database. On success it hands the MSK
 * to the NAS side in MS-MPPE-Recv/Send-Key (RFC 2548). For visited domains whose
 * roaming agreement asks for it, it grants a delegated TSK after each EAP-AKA and
 * serves key updates and host challenges (000 claims).
 */
class HomeAaa : public Application
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HomeAaa();
    ~HomeAaa() override;

    /**
     * EAP-AKA profile of the server (the Profile attribute); must match the mobiles'.
     * Unscoped, so that ns-3.37's int-based EnumValue can hold it.
     */
    enum Profile
    {
        Draft,   //!< "draft": draft-arkko-pppext-eap-aka-04
        Rfc4187, //!< "rfc4187": RFC 4187
    };

    /**
     * A RADIUS client (a visited AAA) and its shared secret. With a delegation realm,
     * the roaming agreement with that visited domain asks for delegation: every
     * successful EAP-AKA through it also grants a TSK bound to that realm (000 claims).
     * \param client the client's address
     * \param secret the shared secret
     * \param delegationRealm the visited domain's realm; empty: no delegation
     */
    void AddClient(Ipv4Address client, const std::string& secret,
                   const std::string& delegationRealm = "");
    /** \param recorder the recorder of this simulation's handoffs */
    void SetRecorder(Ptr<HandoffRecorder> recorder);
    /**
     * The subscriber database; filled by the helper or loaded from SubscriberFile.
     * \return the database
     */
    roamsec::SubscriberDatabase& GetSubscribers();
    /** \return the counters of the RADIUS server */
    const roamsec::RadiusServerCounters& GetRadiusCounters() const;
    /**
     * \param success count successful (true) or failed (false) authentications
     * \return the EAP authentications that ended so
     */
    uint64_t GetAuthentications(bool success) const;
    /** \return the TSKs granted to visited domains */
    uint64_t GetDelegations() const;
    /**
     * Key updates issued (claim 18), or with reported=true, reported done (claim 25).
     * \param reported count the update reports instead of the updates issued
     * \return the count
     */
    uint64_t GetKeyUpdates(bool reported = false) const;
    /**
     * Fixes the server's random stream (RAND, nonces, keys; ns-3 convention).
     * \param stream the stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Signature of the Authentication trace source.
     * \param subject the IMSI on success, the reason on failure
     * \param success whether the authentication succeeded
     */
    typedef void (*AuthenticationCallback)(std::string subject, bool success);
    /**
     * Signature of the Discard trace source.
     * \param reason why the message was discarded, e.g. "bad-mac"
     */
    typedef void (*DiscardCallback)(const std::string& reason);

protected:
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);
    void Process(std::string client, Address from, roamsec::Bytes datagram);
    int64_t MobileOf(const roamsec::Bytes& datagram) const;
    void Send(roamsec::Bytes datagram, Address to, int64_t mobile);
    static bool IsDelegationServiceRequest(const roamsec::RadiusPacket& request);
    void HandleDelegationService(const std::string& client, Address from,
                                 const roamsec::Bytes& datagram);
    void MaybeDelegate(const std::string& client, const roamsec::RadiusPacket& request,
                       roamsec::RadiusPacket& response, const std::string& imsi);

    uint16_t m_port;
    Time m_processingDelay;
    Profile m_profile{Draft};
    bool m_gsmCompatibleMode;
    std::string m_realm;
    std::string m_subscriberFile;
    bool m_saveSubscribers;
    Time m_sessionTimeout;
    uint32_t m_maxSessions;
    Ns3RandomSource m_rng;
    roamsec::SubscriberDatabase m_subscribers;
    std::unique_ptr<roamsec::AuthenticationCentre> m_auc;
    std::unique_ptr<roamsec::EapAkaServer> m_eap;
    roamsec::RadiusServer m_radius;
    std::unique_ptr<roamsec::AaaEapAkaService> m_service;
    Ptr<Socket> m_socket;
    Ptr<HandoffRecorder> m_recorder;
    std::map<std::string, std::string> m_delegationRealms; //!< client -> visited realm
    Time m_tskLifetime;
    uint32_t m_tskMaxUses;
    std::unique_ptr<roamsec::TskHomeService> m_tsk;
    uint64_t m_delegations{0};
    uint64_t m_keyUpdates{0};
    uint64_t m_updateReports{0};
    Time m_tskUpdateInterval;
    uint64_t m_successes{0};
    uint64_t m_failures{0};
    TracedCallback<std::string, bool> m_authTrace;
    TracedCallback<const std::string&> m_discardTrace;
};

} // namespace ns3

#endif // ROAMSEC_HOME_AAA_H
