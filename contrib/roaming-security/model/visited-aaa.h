/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The visited domain's AAA server: a RADIUS proxy for the domain's APs that
 * routes each Access-Request by the NAI realm of its User-Name to a home AAA.
 */
#ifndef ROAMSEC_VISITED_AAA_H
#define ROAMSEC_VISITED_AAA_H

#include "handoff-recorder.h"
#include "roaming-core-adapter.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/radius-proxy.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>

namespace ns3
{

class VisitedAaa : public Application
{
  public:
    static TypeId GetTypeId();
    VisitedAaa();
    ~VisitedAaa() override;

    /** A NAS (AP) allowed to send requests, by its IPv4 address. */
    void AddNas(Ipv4Address nas, const std::string& secret);
    /** Requests whose User-Name realm matches go to this home AAA (RADIUS port 1812). */
    void AddHomeRoute(const std::string& realm, Ipv4Address home, const std::string& secret);
    void SetRecorder(Ptr<HandoffRecorder> recorder);
    const roamsec::RadiusProxyCounters& GetCounters() const;
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

    uint16_t m_port;
    Time m_processingDelay;
    Ns3RandomSource m_rng;
    std::unique_ptr<roamsec::RadiusProxy> m_proxy;
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
