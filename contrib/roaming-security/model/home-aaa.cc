/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "home-aaa.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ns3-compat.h"
#include "ns3/eap-packet.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/radius-packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("HomeAaa");
NS_OBJECT_ENSURE_REGISTERED(HomeAaa);

static std::string
ClientName(Ipv4Address address)
{
    std::ostringstream os;
    address.Print(os);
    return os.str();
}

TypeId
HomeAaa::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::HomeAaa")
              .SetParent<Application>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<HomeAaa>()
              .AddAttribute("Port", "UDP port of the RADIUS authentication service",
                            UintegerValue(1812), MakeUintegerAccessor(&HomeAaa::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("ProcessingDelay",
                            "Time the server spends on each request (AuC and EAP processing)",
                            TimeValue(MilliSeconds(2)),
                            MakeTimeAccessor(&HomeAaa::m_processingDelay),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Profile",
                            "EAP-AKA profile (enum): draft (draft-arkko-pppext-eap-aka-04) or "
                            "rfc4187; must match the mobiles'",
                            EnumValue(HomeAaa::Draft),
                            compat::MakeEnumAttributeAccessor<HomeAaa::Profile>(&HomeAaa::m_profile),
                            MakeEnumChecker(HomeAaa::Draft, "draft", HomeAaa::Rfc4187, "rfc4187"))
              .AddAttribute("GsmCompatibleMode",
                            "Act as a GSM-only EAP node (draft section 10): challenges without "
                            "AUTN, from GSM triplets",
                            BooleanValue(false),
                            MakeBooleanAccessor(&HomeAaa::m_gsmCompatibleMode),
                            MakeBooleanChecker())
              .AddAttribute("Realm",
                            "NAI realm of this home domain (in re-authentication identities)",
                            StringValue("home.example.net"), MakeStringAccessor(&HomeAaa::m_realm),
                            MakeStringChecker())
              .AddAttribute(
                  "SubscriberFile",
                  "Subscriber database file loaded at start (empty: filled by the helper)",
                  StringValue(""), MakeStringAccessor(&HomeAaa::m_subscriberFile),
                  MakeStringChecker())
              .AddAttribute("SaveSubscribers",
                            "Write the database (SQN state) back to SubscriberFile at stop",
                            BooleanValue(false), MakeBooleanAccessor(&HomeAaa::m_saveSubscribers),
                            MakeBooleanChecker())
              .AddAttribute("SessionTimeout", "Session-Timeout sent in Access-Accept (0: none)",
                            TimeValue(Seconds(3600)), MakeTimeAccessor(&HomeAaa::m_sessionTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MaxSessions",
                            "EAP sessions kept at once; the oldest is dropped beyond this",
                            UintegerValue(10000), MakeUintegerAccessor(&HomeAaa::m_maxSessions),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("TskLifetime", "Home policy: lifetime of a delegated TSK",
                            TimeValue(Seconds(3600)), MakeTimeAccessor(&HomeAaa::m_tskLifetime),
                            MakeTimeChecker(Seconds(1)))
              .AddAttribute("TskMaxUses", "Home policy: local authentications allowed with one TSK",
                            UintegerValue(100), MakeUintegerAccessor(&HomeAaa::m_tskMaxUses),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("TskUpdateInterval",
                            "Home policy: a delegated TSK is updated (claims 18-25) once this old",
                            TimeValue(Seconds(600)),
                            MakeTimeAccessor(&HomeAaa::m_tskUpdateInterval),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("Authentication",
                              "An EAP authentication ended: (IMSI, true) on success, (reason, false) on failure",
                              MakeTraceSourceAccessor(&HomeAaa::m_authTrace),
                              "ns3::HomeAaa::AuthenticationCallback")
              .AddTraceSource("Discard",
                              "A RADIUS or EAP message was silently discarded: the reason",
                              MakeTraceSourceAccessor(&HomeAaa::m_discardTrace),
                              "ns3::HomeAaa::DiscardCallback");
    return tid;
}

HomeAaa::HomeAaa() = default;
HomeAaa::~HomeAaa() = default;

void
HomeAaa::AddClient(Ipv4Address client, const std::string& secret,
                   const std::string& delegationRealm)
{
    m_radius.AddClient(ClientName(client), roamsec::ToBytes(secret));
    if (!delegationRealm.empty())
    {
        m_delegationRealms[ClientName(client)] = delegationRealm;
    }
}

uint64_t
HomeAaa::GetDelegations() const
{
    return m_delegations;
}

uint64_t
HomeAaa::GetKeyUpdates(bool reported) const
{
    return reported ? m_updateReports : m_keyUpdates;
}

void
HomeAaa::SetRecorder(Ptr<HandoffRecorder> recorder)
{
    m_recorder = recorder;
}

roamsec::SubscriberDatabase&
HomeAaa::GetSubscribers()
{
    return m_subscribers;
}

const roamsec::RadiusServerCounters&
HomeAaa::GetRadiusCounters() const
{
    return m_radius.GetCounters();
}

uint64_t
HomeAaa::GetAuthentications(bool success) const
{
    return success ? m_successes : m_failures;
}

int64_t
HomeAaa::AssignStreams(int64_t stream)
{
    m_rng.SetStream(stream);
    return 1;
}

void
HomeAaa::DoDispose()
{
    m_service.reset();
    m_socket = nullptr;
    m_recorder = nullptr;
    Application::DoDispose();
}

void
HomeAaa::StartApplication()
{
    if (!m_subscriberFile.empty())
    {
        try
        {
            m_subscribers.Load(m_subscriberFile);
        }
        catch (const std::exception& e)
        {
            NS_FATAL_ERROR("HomeAaa: " << e.what());
        }
    }
    roamsec::EapAkaServerConfig config;
    config.profile = m_profile == Rfc4187 ? roamsec::EapAkaProfile::Rfc4187
                                          : roamsec::EapAkaProfile::Draft04;
    config.gsmCompatibleMode = m_gsmCompatibleMode;
    config.pseudonymKey = m_rng.Generate(16);
    // Re-authentication identities must route back here through the visited proxy.
    config.reauthRealm = m_realm;
    m_auc = std::make_unique<roamsec::AuthenticationCentre>(m_subscribers, m_rng);
    m_eap = std::make_unique<roamsec::EapAkaServer>(*m_auc, m_rng, config);
    roamsec::AaaEapAkaServiceConfig serviceConfig;
    serviceConfig.sessionTimeoutSeconds = static_cast<uint32_t>(m_sessionTimeout.GetSeconds());
    serviceConfig.maxSessions = m_maxSessions;
    serviceConfig.onAccept = [this](const std::string& client, const roamsec::RadiusPacket& request,
                                    roamsec::RadiusPacket& accept, const std::string& imsi)
    {
        MaybeDelegate(client, request, accept, imsi);
    };
    m_service = std::make_unique<roamsec::AaaEapAkaService>(*m_eap, m_radius, m_rng, serviceConfig);
    roamsec::DelegationPolicy policy;
    policy.tskLifetime = ToCoreTime(m_tskLifetime);
    policy.maxUses = m_tskMaxUses;
    policy.minUpdateInterval = ToCoreTime(m_tskUpdateInterval);
    m_tsk = std::make_unique<roamsec::TskHomeService>(policy, m_rng);
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "HomeAaa: cannot bind UDP port " << m_port);
    m_socket->SetRecvCallback(MakeCallback(&HomeAaa::HandleRead, this));
}

void
HomeAaa::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
    }
    if (m_saveSubscribers && !m_subscriberFile.empty())
    {
        m_subscribers.Save(m_subscriberFile);
    }
}

void
HomeAaa::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        std::string client = ClientName(InetSocketAddress::ConvertFrom(from).GetIpv4());
        Simulator::Schedule(m_processingDelay, &HomeAaa::Process, this, client, from,
                            PacketBytes(packet));
    }
}

int64_t
HomeAaa::MobileOf(const roamsec::Bytes& datagram) const
{
    if (!m_recorder)
    {
        return -1;
    }
    auto packet = roamsec::RadiusPacket::Parse(datagram);
    auto station = packet ? packet->GetString(roamsec::RadiusAttr::CallingStationId) : std::nullopt;
    return station ? m_recorder->FindMobile(*station) : -1;
}

void
HomeAaa::Process(std::string client, Address from, roamsec::Bytes datagram)
{
    int64_t mobile = MobileOf(datagram);
    if (mobile >= 0)
    {
        m_recorder->CountAaaMessage(static_cast<uint32_t>(mobile), true);
    }
    auto parsed = roamsec::RadiusPacket::Parse(datagram);
    if (parsed && !parsed->GetEapMessage() && IsDelegationServiceRequest(*parsed))
    {
        HandleDelegationService(client, from, datagram);
        return;
    }
    roamsec::AaaEapAkaOutcome outcome
        = m_service->Handle(client, datagram, ToCoreTime(Simulator::Now()));
    switch (outcome.event)
    {
        case roamsec::AaaEapAkaOutcome::Event::Success:
            m_successes++;
            m_authTrace(outcome.imsi, true);
            break;
        case roamsec::AaaEapAkaOutcome::Event::Failure:
            m_failures++;
            m_authTrace(outcome.reason, false);
            break;
        case roamsec::AaaEapAkaOutcome::Event::Discarded:
            NS_LOG_INFO("HomeAaa: request from " << client << " discarded: " << outcome.reason);
            m_discardTrace(outcome.reason);
            break;
        case roamsec::AaaEapAkaOutcome::Event::None:
            break;
    }
    if (outcome.response)
    {
        Send(*outcome.response, from, mobile);
    }
}

bool
HomeAaa::IsDelegationServiceRequest(const roamsec::RadiusPacket& request)
{
    using namespace roamsec::RoamsecVsa;
    for (uint8_t type : {TskKind, HostChallenge, ReportOldRand})
    {
        if (request.FindVendor(VendorId, type))
        {
            return true;
        }
    }
    return false;
}

void
HomeAaa::HandleDelegationService(const std::string& client, Address from,
                                 const roamsec::Bytes& datagram)
{
    auto now = ToCoreTime(Simulator::Now());
    auto validated = m_radius.Receive(client, datagram, now);
    if (validated.kind == roamsec::RadiusServerReceiveResult::Kind::Duplicate)
    {
        if (!validated.cachedResponse.empty())
        {
            Send(validated.cachedResponse, from, -1);
        }
        return;
    }
    if (validated.kind != roamsec::RadiusServerReceiveResult::Kind::NewRequest)
    {
        return;
    }
    const roamsec::RadiusPacket& request = *validated.request;
    std::string identity = request.GetString(roamsec::RadiusAttr::UserName).value_or("");
    roamsec::RadiusPacket response;
    response.identifier = request.identifier;
    response.code = roamsec::RadiusCode::AccessReject;
    auto realm = m_delegationRealms.find(client);
    if (realm == m_delegationRealms.end())
    {
        // No roaming agreement with delegation: nothing to serve.
    }
    else if (auto relay = roamsec::GetHostChallengeRelay(request))
    {
        // Claim 26: answer the mobile's challenge with K, through the visited domain.
        auto answer = m_tsk->AnswerHostChallenge(identity, relay->rand, relay->hostChallenge,
                                                 relay->hostAuth, now);
        if (answer)
        {
            response.code = roamsec::RadiusCode::AccessAccept;
            roamsec::AddHostResponse(response, *answer);
        }
    }
    else if (auto report = roamsec::GetUpdateReport(request, identity))
    {
        // Claim 25: the visited domain reports that the third key replaced the second.
        if (m_tsk->OnUpdateReport(*report, now))
        {
            response.code = roamsec::RadiusCode::AccessAccept;
            m_updateReports++;
        }
    }
    else if (auto update = m_tsk->IssueKeyUpdate(identity, realm->second, now))
    {
        // Claims 18-19: a second random number and a third key, when home policy says so.
        response.code = roamsec::RadiusCode::AccessAccept;
        roamsec::AddDelegationGrant(response, *update, true, *m_radius.GetSecret(client),
                                    request.authenticator, now, m_rng);
        m_keyUpdates++;
    }
    Send(m_radius.Respond(client, request, response, now), from, MobileOf(datagram));
}

void
HomeAaa::MaybeDelegate(const std::string& client, const roamsec::RadiusPacket& request,
                       roamsec::RadiusPacket& response, const std::string& imsi)
{
    auto realm = m_delegationRealms.find(client);
    auto identity = request.GetString(roamsec::RadiusAttr::UserName);
    const roamsec::SubscriberRecord* subscriber = m_subscribers.Find(imsi);
    if (realm == m_delegationRealms.end() || !identity || subscriber == nullptr)
    {
        return;
    }
    auto now = ToCoreTime(Simulator::Now());
    m_tsk->AddSubscriber(*identity, subscriber->k);
    auto grant = m_tsk->Delegate(*identity, realm->second, now);
    if (grant)
    {
        roamsec::AddDelegationGrant(response, *grant, false, *m_radius.GetSecret(client),
                                    request.authenticator, now, m_rng);
        m_delegations++;
    }
}

void
HomeAaa::Send(roamsec::Bytes datagram, Address to, int64_t mobile)
{
    if (mobile >= 0)
    {
        m_recorder->RecordSent(static_cast<uint32_t>(mobile), RoamingLink::Wan, "home-aaa",
                               "visited-aaa", datagram.size(),
                               [&datagram]() { return roamsec::DescribeRadius(datagram); });
    }
    m_socket->SendTo(BytesPacket(datagram), 0, to);
}

} // namespace ns3
