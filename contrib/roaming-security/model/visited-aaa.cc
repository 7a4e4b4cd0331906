/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "visited-aaa.h"

#include "ns3/boolean.h"
#include "ns3/eap-packet.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tsk-home.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("VisitedAaa");
NS_OBJECT_ENSURE_REGISTERED(VisitedAaa);

static std::string
PeerName(const InetSocketAddress& address)
{
    std::ostringstream os;
    address.GetIpv4().Print(os);
    return os.str();
}

TypeId
VisitedAaa::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::VisitedAaa")
              .SetParent<Application>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<VisitedAaa>()
              .AddAttribute("Port",
                            "UDP port the proxy listens on for its APs (RADIUS authentication)",
                            UintegerValue(1812), MakeUintegerAccessor(&VisitedAaa::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute(
                  "ProcessingDelay", "Time the proxy spends on each message before forwarding it",
                  TimeValue(MilliSeconds(1)), MakeTimeAccessor(&VisitedAaa::m_processingDelay),
                  MakeTimeChecker(Seconds(0)))
              .AddAttribute("Delegation",
                            "Keep delegated TSKs from home AAAs and authenticate locally (EAP-TSK)",
                            BooleanValue(false), MakeBooleanAccessor(&VisitedAaa::m_delegation),
                            MakeBooleanChecker())
              .AddAttribute("Realm", "This visited domain's realm (bound into delegated keys)",
                            StringValue("visited.example.net"),
                            MakeStringAccessor(&VisitedAaa::m_realm), MakeStringChecker())
              .AddTraceSource("Rx", "A RADIUS datagram arrived (from an AP or the home AAA)",
                              MakeTraceSourceAccessor(&VisitedAaa::m_rxTrace),
                              "ns3::Packet::AddressTracedCallback")
              .AddTraceSource("Tx", "A RADIUS datagram was sent (to an AP or the home AAA)",
                              MakeTraceSourceAccessor(&VisitedAaa::m_txTrace),
                              "ns3::Packet::AddressTracedCallback");
    return tid;
}

VisitedAaa::VisitedAaa()
    : m_proxy(std::make_unique<roamsec::RadiusProxy>(m_rng))
{
    m_proxy->SetHomeResponseHook(
        [this](const roamsec::RadiusPacket& nasRequest, roamsec::RadiusPacket& homeResponse,
               const roamsec::Bytes& homeRequestAuthenticator, const roamsec::Bytes& homeSecret)
        { OnHomeResponse(nasRequest, homeResponse, homeRequestAuthenticator, homeSecret); });
}

VisitedAaa::~VisitedAaa() = default;

void
VisitedAaa::AddNas(Ipv4Address nas, const std::string& secret)
{
    InetSocketAddress address(nas, 0);
    m_proxy->AddNas(PeerName(address), roamsec::ToBytes(secret));
    m_localServer.AddClient(PeerName(address), roamsec::ToBytes(secret));
}

void
VisitedAaa::AddHomeRoute(const std::string& realm, Ipv4Address home, const std::string& secret)
{
    InetSocketAddress address(home, 1812);
    std::string name = PeerName(address);
    m_peers.emplace(name, address);
    m_proxy->AddHome(name, roamsec::ToBytes(secret));
    m_proxy->Routes().AddRoute(realm, name);
    if (m_homeSecret.empty())
    {
        m_homeAddress = home;
        m_homeSecret = roamsec::ToBytes(secret);
    }
}

void
VisitedAaa::SetRecorder(Ptr<HandoffRecorder> recorder)
{
    m_recorder = recorder;
}

const roamsec::RadiusProxyCounters&
VisitedAaa::GetCounters() const
{
    return m_proxy->GetCounters();
}

uint64_t
VisitedAaa::GetLocalAuthentications() const
{
    return m_localSuccesses;
}

size_t
VisitedAaa::GetDelegatedKeys() const
{
    return m_tskStore.Size();
}

int64_t
VisitedAaa::AssignStreams(int64_t stream)
{
    m_rng.SetStream(stream);
    return 1;
}

void
VisitedAaa::DoDispose()
{
    m_nasSocket = nullptr;
    m_homeSocket = nullptr;
    m_serviceSocket = nullptr;
    m_recorder = nullptr;
    Application::DoDispose();
}

void
VisitedAaa::StartApplication()
{
    m_nasSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_nasSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "VisitedAaa: cannot bind UDP port " << m_port);
    m_nasSocket->SetRecvCallback(MakeCallback(&VisitedAaa::HandleNas, this));
    m_homeSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_homeSocket->Bind();
    m_homeSocket->SetRecvCallback(MakeCallback(&VisitedAaa::HandleHome, this));
    if (m_delegation && !m_homeSecret.empty())
    {
        m_homeService = std::make_unique<roamsec::RadiusClient>(m_homeSecret, m_rng);
        m_serviceSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_serviceSocket->Bind();
        m_serviceSocket->SetRecvCallback(MakeCallback(&VisitedAaa::HandleHomeService, this));
    }
}

void
VisitedAaa::StopApplication()
{
    m_timer.Cancel();
    if (m_nasSocket)
    {
        m_nasSocket->Close();
    }
    if (m_homeSocket)
    {
        m_homeSocket->Close();
    }
    m_serviceTimer.Cancel();
    if (m_serviceSocket)
    {
        m_serviceSocket->Close();
    }
}

int64_t
VisitedAaa::MobileOf(const roamsec::Bytes& datagram) const
{
    if (!m_recorder)
    {
        return -1;
    }
    auto packet = roamsec::RadiusPacket::Parse(datagram);
    if (!packet)
    {
        return -1;
    }
    auto station = packet->GetString(roamsec::RadiusAttr::CallingStationId);
    return station ? m_recorder->FindMobile(*station) : -1;
}

void
VisitedAaa::HandleNas(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_rxTrace(packet, from);
        InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        std::string nas = PeerName(InetSocketAddress(source.GetIpv4(), 0));
        m_peers.emplace(nas, source);
        m_peers.at(nas) = source; // the NAS may change its source port
        roamsec::Bytes datagram = PacketBytes(packet);
        int64_t mobile = MobileOf(datagram);
        if (mobile >= 0)
        {
            m_recorder->CountAaaMessage(static_cast<uint32_t>(mobile), false);
            // Responses carry no Calling-Station-Id: remember whose request this is.
            auto request = roamsec::RadiusPacket::Parse(datagram);
            m_nasRequests[{nas, request->identifier}] = {
                mobile,
                request->GetString(roamsec::RadiusAttr::NasIdentifier).value_or("ap")};
        }
        if (m_delegation && HandleLocally(nas, datagram))
        {
            continue;
        }
        auto out = m_proxy->ReceiveFromNas(nas, datagram, ToCoreTime(Simulator::Now()));
        if (out)
        {
            Emit(*out);
        }
        ArmTimer();
    }
}

void
VisitedAaa::HandleHome(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_rxTrace(packet, from);
        std::string home = PeerName(InetSocketAddress::ConvertFrom(from));
        roamsec::Bytes datagram = PacketBytes(packet);
        int64_t mobile = MobileOf(datagram);
        if (mobile >= 0)
        {
            m_recorder->CountAaaMessage(static_cast<uint32_t>(mobile), false);
        }
        auto out = m_proxy->ReceiveFromHome(home, datagram, ToCoreTime(Simulator::Now()));
        if (out)
        {
            Emit(*out);
        }
        ArmTimer();
    }
}

bool
VisitedAaa::HandleLocally(const std::string& nas, const roamsec::Bytes& datagram)
{
    auto packet = roamsec::RadiusPacket::Parse(datagram);
    if (!packet || packet->code != roamsec::RadiusCode::AccessRequest)
    {
        return false;
    }
    auto eapBytes = packet->GetEapMessage();
    if (!eapBytes)
    {
        return false;
    }
    const roamsec::Bytes* state = packet->Find(roamsec::RadiusAttr::State);
    auto session = state ? m_localSessions.find(*state) : m_localSessions.end();
    if (session == m_localSessions.end())
    {
        // A new conversation is ours when it opens with the identity of a subscriber
        // whose home delegated a key to this domain.
        auto eap = roamsec::EapPacket::Parse(*eapBytes);
        auto userName = packet->GetString(roamsec::RadiusAttr::UserName);
        if (!eap || eap->code != roamsec::EapCode::Response
            || eap->type != roamsec::EapType::Identity || !userName
            || m_tskStore.Find(*userName) == nullptr || state != nullptr)
        {
            return false;
        }
    }
    auto now = ToCoreTime(Simulator::Now());
    auto validated = m_localServer.Receive(nas, datagram, now);
    if (validated.kind == roamsec::RadiusServerReceiveResult::Kind::Duplicate)
    {
        if (!validated.cachedResponse.empty())
        {
            Emit({roamsec::RadiusProxyOutput::Direction::ToNas, nas, validated.cachedResponse});
        }
        return true;
    }
    if (validated.kind != roamsec::RadiusServerReceiveResult::Kind::NewRequest)
    {
        return true; // silently discarded (bad Message-Authenticator, unknown NAS)
    }
    const roamsec::RadiusPacket& request = *validated.request;
    if (session == m_localSessions.end())
    {
        roamsec::EapTskServerConfig config;
        config.realm = m_realm;
        auto server = std::make_unique<roamsec::EapTskServer>(config, m_tskStore, m_rng);
        auto eap = roamsec::EapPacket::Parse(*eapBytes);
        roamsec::EapTskOutput out = server->Start(*request.GetString(roamsec::RadiusAttr::UserName),
                                                  eap->identifier, now);
        if (out.Has(roamsec::EapTskEventType::FallbackToHome))
        {
            // Expired or used-up key: forget this request and let the home authenticate.
            m_localServer.Forget(nas, request);
            int64_t mobile = MobileOf(datagram);
            if (mobile >= 0)
            {
                m_recorder->SetFallback(static_cast<uint32_t>(mobile));
            }
            return false;
        }
        roamsec::Bytes newState = m_rng.Generate(16);
        session = m_localSessions.emplace(newState, std::move(server)).first;
        RespondLocally(nas, request, newState, out);
        return true;
    }
    roamsec::EapTskOutput out = session->second->HandleResponse(*eapBytes, now);
    RespondLocally(nas, request, session->first, out);
    return true;
}

void
VisitedAaa::RespondLocally(const std::string& nas, const roamsec::RadiusPacket& request,
                           const roamsec::Bytes& state, const roamsec::EapTskOutput& out)
{
    auto now = ToCoreTime(Simulator::Now());
    roamsec::RadiusPacket response;
    response.identifier = request.identifier;
    bool finished = true;
    for (const auto& event : out.events)
    {
        if (event.type == roamsec::EapTskEventType::HomeReport && m_homeService)
        {
            HomeServiceRequest pending;
            pending.kind = HomeServiceRequest::Kind::UpdateReport;
            pending.identity = event.report.identity;
            roamsec::RadiusPacket report;
            roamsec::AddUpdateReport(report, event.report);
            SendHomeService(pending, report);
        }
    }
    if (const auto* relay = out.Find(roamsec::EapTskEventType::HostChallengeRelay))
    {
        // Claim 26: the conversation waits for the home's answer to the host challenge.
        if (!m_homeService)
        {
            RespondLocally(nas, request, state,
                           m_localSessions[state]->OnHomeHostResponse(std::nullopt, now));
            return;
        }
        HomeServiceRequest pending;
        pending.kind = HomeServiceRequest::Kind::HostChallenge;
        pending.identity = relay->identity;
        pending.nas = nas;
        pending.request = request;
        pending.state = state;
        roamsec::RadiusPacket relayed;
        roamsec::AddHostChallengeRelay(relayed,
                                       {relay->rand, relay->hostChallenge, relay->hostAuth});
        if (auto station = request.GetString(roamsec::RadiusAttr::CallingStationId))
        {
            relayed.AddString(roamsec::RadiusAttr::CallingStationId, *station);
        }
        SendHomeService(pending, relayed);
        return;
    }
    if (const auto* success = out.Find(roamsec::EapTskEventType::LocalAuthSuccess))
    {
        if (m_homeService)
        {
            // Claim 18: let the home decide, off the handoff's critical path, whether this
            // key is due for an update; the next local authentication carries it.
            HomeServiceRequest pending;
            pending.kind = HomeServiceRequest::Kind::KeyUpdate;
            pending.identity = success->identity;
            roamsec::RadiusPacket ask;
            ask.AddVendor(roamsec::RoamsecVsa::VendorId, roamsec::RoamsecVsa::TskKind,
                          {0, 0, 0, 1});
            ask.AddVendor(roamsec::RoamsecVsa::VendorId, roamsec::RoamsecVsa::TskRealm,
                          roamsec::ToBytes(m_realm));
            SendHomeService(pending, ask);
        }
        response.code = roamsec::RadiusCode::AccessAccept;
        // The same MPPE convention as the home: Recv-Key = MSK[0..31].
        const roamsec::Bytes& msk = success->session.msk;
        roamsec::AddMppeKeys(response, *m_localServer.GetSecret(nas), request.authenticator,
                             roamsec::Bytes(msk.begin() + 32, msk.begin() + 64),
                             roamsec::Bytes(msk.begin(), msk.begin() + 32), m_rng);
        m_localSuccesses++;
    }
    else if (out.Has(roamsec::EapTskEventType::Failure)
             || out.Has(roamsec::EapTskEventType::FallbackToHome))
    {
        // A fallback in mid-conversation ends it; the mobile's next attempt goes home.
        response.code = roamsec::RadiusCode::AccessReject;
    }
    else if (out.eap)
    {
        response.code = roamsec::RadiusCode::AccessChallenge;
        response.Add(roamsec::RadiusAttr::State, state);
        finished = false;
    }
    else
    {
        m_localServer.Forget(nas, request); // discarded: no answer, as RFC 3579 2.6.2 says
        return;
    }
    if (out.eap)
    {
        response.SetEapMessage(*out.eap);
    }
    else if (response.code == roamsec::RadiusCode::AccessReject)
    {
        roamsec::EapPacket failure;
        failure.code = roamsec::EapCode::Failure;
        failure.identifier = roamsec::EapPacket::Parse(*request.GetEapMessage())->identifier;
        response.SetEapMessage(failure.Serialize());
    }
    if (finished)
    {
        m_localSessions.erase(state);
    }
    Emit({roamsec::RadiusProxyOutput::Direction::ToNas, nas,
          m_localServer.Respond(nas, request, response, now)});
}

void
VisitedAaa::SendHomeService(HomeServiceRequest pending, roamsec::RadiusPacket request)
{
    request.code = roamsec::RadiusCode::AccessRequest;
    request.AddString(roamsec::RadiusAttr::UserName, pending.identity);
    request.AddString(roamsec::RadiusAttr::NasIdentifier, m_realm);
    uint64_t cookie = m_nextServiceCookie++;
    auto sent = m_homeService->SendRequest(request, ToCoreTime(Simulator::Now()), cookie);
    if (!sent)
    {
        NS_LOG_WARN("VisitedAaa: no free RADIUS identifier towards the home");
        return;
    }
    m_serviceRequests[cookie] = std::move(pending);
    int64_t mobile = MobileOf(sent->bytes);
    if (mobile >= 0)
    {
        m_recorder->RecordSent(static_cast<uint32_t>(mobile), RoamingLink::Wan, "visited-aaa",
                               "home-aaa", sent->bytes.size(),
                               [&sent]() { return roamsec::DescribeRadius(sent->bytes); });
    }
    m_serviceSocket->SendTo(BytesPacket(sent->bytes), 0, InetSocketAddress(m_homeAddress, 1812));
    ArmServiceTimer();
}

void
VisitedAaa::HandleHomeService(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        auto now = ToCoreTime(Simulator::Now());
        auto result = m_homeService->Receive(PacketBytes(packet), now);
        if (!result.response)
        {
            continue;
        }
        auto it = m_serviceRequests.find(result.response->cookie);
        if (it == m_serviceRequests.end())
        {
            continue;
        }
        HomeServiceRequest pending = std::move(it->second);
        m_serviceRequests.erase(it);
        const roamsec::RadiusPacket& reply = result.response->response;
        bool accepted = reply.code == roamsec::RadiusCode::AccessAccept;
        switch (pending.kind)
        {
            case HomeServiceRequest::Kind::KeyUpdate:
                if (accepted)
                {
                    bool isUpdate = false;
                    auto grant = roamsec::GetDelegationGrant(reply, pending.identity, m_homeSecret,
                                                             result.response->requestAuthenticator,
                                                             now, &isUpdate);
                    if (grant && isUpdate)
                    {
                        m_tskStore.InstallUpdate(*grant);
                    }
                }
                break;
            case HomeServiceRequest::Kind::UpdateReport:
                break;
            case HomeServiceRequest::Kind::HostChallenge:
            {
                auto session = m_localSessions.find(pending.state);
                if (session != m_localSessions.end())
                {
                    std::optional<roamsec::Bytes> answer;
                    if (accepted)
                    {
                        answer = roamsec::GetHostResponse(reply);
                    }
                    RespondLocally(pending.nas, pending.request, pending.state,
                                   session->second->OnHomeHostResponse(answer, now));
                }
                break;
            }
        }
    }
    ArmServiceTimer();
}

void
VisitedAaa::ArmServiceTimer()
{
    ArmCoreTimer(
        m_serviceTimer, m_homeService->NextDeadline(),
        [this]()
        {
            for (const auto& event : m_homeService->OnTimeout(ToCoreTime(Simulator::Now())))
            {
                if (event.kind == roamsec::RadiusClientEvent::Kind::Retransmit)
                {
                    m_serviceSocket->SendTo(BytesPacket(event.bytes), 0,
                                            InetSocketAddress(m_homeAddress, 1812));
                }
                else
                {
                    // The home is unreachable: a waiting host challenge fails, the rest waits.
                    auto it = m_serviceRequests.find(event.cookie);
                    if (it != m_serviceRequests.end()
                        && it->second.kind == HomeServiceRequest::Kind::HostChallenge)
                    {
                        HomeServiceRequest pending = std::move(it->second);
                        auto session = m_localSessions.find(pending.state);
                        if (session != m_localSessions.end())
                        {
                            RespondLocally(pending.nas, pending.request, pending.state,
                                           session->second->OnHomeHostResponse(
                                               std::nullopt, ToCoreTime(Simulator::Now())));
                        }
                    }
                    m_serviceRequests.erase(event.cookie);
                }
            }
            ArmServiceTimer();
        });
}

void
VisitedAaa::OnHomeResponse(const roamsec::RadiusPacket& nasRequest,
                           roamsec::RadiusPacket& homeResponse,
                           const roamsec::Bytes& homeRequestAuthenticator,
                           const roamsec::Bytes& homeSecret)
{
    auto userName = nasRequest.GetString(roamsec::RadiusAttr::UserName);
    if (m_delegation && userName && homeResponse.code == roamsec::RadiusCode::AccessAccept)
    {
        bool isUpdate = false;
        auto grant = roamsec::GetDelegationGrant(homeResponse, *userName, homeSecret,
                                                 homeRequestAuthenticator,
                                                 ToCoreTime(Simulator::Now()), &isUpdate);
        if (grant && grant->visitedRealm == m_realm)
        {
            isUpdate ? (void) m_tskStore.InstallUpdate(*grant) : m_tskStore.Install(*grant);
        }
    }
    // Keys encrypted for this hop never travel on towards the AP.
    for (uint8_t type = roamsec::RoamsecVsa::TskRand; type <= roamsec::RoamsecVsa::ReportNewRand;
         ++type)
    {
        homeResponse.RemoveVendor(roamsec::RoamsecVsa::VendorId, type);
    }
}

void
VisitedAaa::Emit(const roamsec::RadiusProxyOutput& out)
{
    Simulator::Schedule(m_processingDelay, &VisitedAaa::Deliver, this, out);
}

void
VisitedAaa::Deliver(roamsec::RadiusProxyOutput out)
{
    auto peer = m_peers.find(out.peer);
    if (peer == m_peers.end())
    {
        NS_LOG_WARN("no address for RADIUS peer " << out.peer);
        return;
    }
    Ptr<Packet> packet = BytesPacket(out.bytes);
    bool toHome = out.direction == roamsec::RadiusProxyOutput::Direction::ToHome;
    int64_t mobile = -1;
    std::string to = "home-aaa";
    if (toHome)
    {
        mobile = MobileOf(out.bytes);
    }
    else if (out.bytes.size() > 1)
    {
        auto request = m_nasRequests.find({out.peer, out.bytes[1]});
        if (request != m_nasRequests.end())
        {
            std::tie(mobile, to) = request->second;
        }
    }
    if (mobile >= 0)
    {
        m_recorder->RecordSent(static_cast<uint32_t>(mobile),
                               toHome ? RoamingLink::Wan : RoamingLink::Backhaul,
                               "visited-aaa",
                               to,
                               packet->GetSize(),
                               [&out]() { return roamsec::DescribeRadius(out.bytes); });
    }
    m_txTrace(packet, peer->second);
    (toHome ? m_homeSocket : m_nasSocket)->SendTo(packet, 0, peer->second);
}

void
VisitedAaa::ArmTimer()
{
    ArmCoreTimer(m_timer, m_proxy->NextDeadline(), [this]() { OnTimer(); });
}

void
VisitedAaa::OnTimer()
{
    for (const auto& out : m_proxy->OnTimeout(ToCoreTime(Simulator::Now())))
    {
        Emit(out);
    }
    ArmTimer();
}

} // namespace ns3
