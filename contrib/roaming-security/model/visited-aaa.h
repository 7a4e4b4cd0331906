/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The visited domain's AAA server: a RADIUS proxy for the domain's APs that
 * routes each Access-Request by the NAI realm of its User-Name to a home AAA.
 * With delegation on, it keeps the temporary shared keys (TSK) its home AAAs grant
 * (000 claims) and authenticates those subscribers locally with EAP-TSK.
 */
#ifndef ROAMSEC_VISITED_AAA_H
#define ROAMSEC_VISITED_AAA_H

#include "handoff-recorder.h"
#include "ns3/application.h"
#include "ns3/eap-tsk.h"
#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/radius-client.h"
#include "ns3/radius-proxy.h"
#include "ns3/radius-server.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"
#include "roaming-core-adapter.h"

#include <map>
#include <memory>
#include <tuple>
#include <utility>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * The visited domain's AAA server (an application on the visited AAA node): a RADIUS
 * proxy for the domain's APs that routes each Access-Request by the NAI realm of its
 * User-Name to a home AAA. With the Delegation attribute it keeps the TSKs its home AAAs
 * grant (000 claims) and authenticates those subscribers locally with EAP-TSK.
 */
class VisitedAaa : public Application
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    VisitedAaa();
    ~VisitedAaa() override;

    /**
     * A NAS (AP) allowed to send requests, by its IPv4 address.
     * \param nas the AP's address
     * \param secret the shared secret
     */
    void AddNas(Ipv4Address nas, const std::string& secret);
    /**
     * Requests whose User-Name realm matches go to this home AAA (RADIUS port 1812). The
     * first route added is also the home of the delegation service channel.
     * \param realm the NAI realm
     * \param home the home AAA's address
     * \param secret the shared secret
     */
    void AddHomeRoute(const std::string& realm, Ipv4Address home, const std::string& secret);
    /** \param recorder the recorder of this simulation's handoffs */
    void SetRecorder(Ptr<HandoffRecorder> recorder);
    /** \return the counters of the RADIUS proxy */
    const roamsec::RadiusProxyCounters& GetCounters() const;
    /** \return the subscribers authenticated locally with a delegated key */
    uint64_t GetLocalAuthentications() const;
    /** \return the delegated keys (TSKs) held */
    size_t GetDelegatedKeys() const;
    /**
     * Fixes the proxy's random stream (authenticators, State, keys; ns-3 convention).
     * \param stream the stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleNas(Ptr<Socket> socket);
    void HandleHome(Ptr<Socket> socket);
    void Emit(const roamsec::RadiusProxyOutput& out);
    void Deliver(roamsec::RadiusProxyOutput out);
    void ArmTimer();
    void OnTimer();
    int64_t MobileOf(const roamsec::Bytes& datagram) const;
    bool HandleLocally(const std::string& nas, const roamsec::Bytes& datagram);
    void RespondLocally(const std::string& nas, const roamsec::RadiusPacket& request,
                        const roamsec::Bytes& state, const roamsec::EapTskOutput& out);
    /** What a request of the delegation service channel to the home is waiting for. */
    struct HomeServiceRequest
    {
        enum class Kind
        {
            KeyUpdate,     //!< claim 18: ask the home for (RAND2, TSK')
            UpdateReport,  //!< claim 25: tell the home the update took place
            HostChallenge, //!< claim 26: the mobile's challenge to its home
        } kind{Kind::KeyUpdate};
        std::string identity;
        std::string nas;               //!< HostChallenge: conversation waiting
        roamsec::RadiusPacket request; //!< HostChallenge: the NAS request to answer
        roamsec::Bytes state;          //!< HostChallenge: the local session
    };
    void SendHomeService(HomeServiceRequest pending, roamsec::RadiusPacket request);
    void HandleHomeService(Ptr<Socket> socket);
    void ArmServiceTimer();
    void OnHomeResponse(const roamsec::RadiusPacket& nasRequest,
                        roamsec::RadiusPacket& homeResponse,
                        const roamsec::Bytes& homeRequestAuthenticator,
                        const roamsec::Bytes& homeSecret);

    uint16_t m_port;
    Time m_processingDelay;
    Ns3RandomSource m_rng;
    std::unique_ptr<roamsec::RadiusProxy> m_proxy;
    bool m_delegation;
    std::string m_realm;
    roamsec::VisitedTskStore m_tskStore;
    roamsec::RadiusServer m_localServer; //!< answers the NAS for local conversations
    std::map<roamsec::Bytes, std::unique_ptr<roamsec::EapTskServer>> m_localSessions;
    uint64_t m_localSuccesses{0};
    /** (NAS, RADIUS identifier) -> (mobile, NAS-Identifier) of the last request. */
    std::map<std::pair<std::string, uint8_t>, std::pair<int64_t, std::string>> m_nasRequests;
    Ipv4Address m_homeAddress; //!< home of the delegation service channel
    roamsec::Bytes m_homeSecret;
    std::unique_ptr<roamsec::RadiusClient> m_homeService;
    Ptr<Socket> m_serviceSocket;
    std::map<uint64_t, HomeServiceRequest> m_serviceRequests;
    uint64_t m_nextServiceCookie{1};
    EventId m_serviceTimer;
    Ptr<Socket> m_nasSocket;
    Ptr<Socket> m_homeSocket;
    std::map<std::string, InetSocketAddress> m_peers; //!< proxy peer name -> address
    EventId m_timer;
    Ptr<HandoffRecorder> m_recorder;
    TracedCallback<Ptr<const Packet>, const Address&> m_rxTrace;
    TracedCallback<Ptr<const Packet>, const Address&> m_txTrace;
};

} // namespace ns3

#endif // ROAMSEC_VISITED_AAA_H
