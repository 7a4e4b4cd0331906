/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-lab-attacker.h"

#include "handoff-recorder.h"
#include "ns3/eapol.h"
#include "ns3/log.h"
#include "ns3/message-describer.h"
#include "roaming-core-adapter.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingLabAttacker");

NS_OBJECT_ENSURE_REGISTERED(RoamingLabAttacker);

TypeId
RoamingLabAttacker::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::RoamingLabAttacker")
              .SetParent<Object>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<RoamingLabAttacker>()
              .AddTraceSource("Attack",
                              "The attacker altered, dropped or injected a frame: what it did",
                              MakeTraceSourceAccessor(&RoamingLabAttacker::m_attackTrace),
                              "ns3::RoamingLabAttacker::AttackCallback");
    return tid;
}

RoamingLabAttacker::RoamingLabAttacker() = default;
RoamingLabAttacker::~RoamingLabAttacker() = default;

void
RoamingLabAttacker::DoDispose()
{
    m_interceptor = nullptr;
    m_reassociationInterceptor = nullptr;
    m_recorder = nullptr;
    Object::DoDispose();
}

void
RoamingLabAttacker::SetInterceptor(Interceptor interceptor)
{
    m_interceptor = std::move(interceptor);
}

void
RoamingLabAttacker::SetRecorder(Ptr<HandoffRecorder> recorder)
{
    m_recorder = recorder;
}

bool
RoamingLabAttacker::Intercept(Frame& frame)
{
    if (!m_interceptor || m_interceptor(frame))
    {
        return true;
    }
    m_dropped++;
    std::string what
        = std::string("dropped a frame to ")
          + (frame.direction == ToMobile ? "the mobile" : "AP " + std::to_string(frame.ap));
    NS_LOG_INFO("attacker: " << what);
    m_attackTrace(what);
    if (m_recorder)
    {
        std::string ap = "ap-" + std::to_string(frame.ap);
        frame.direction == ToMobile ? m_recorder->MarkAltered(frame.mobile, ap, "mobile")
                                    : m_recorder->MarkAltered(frame.mobile, "mobile", ap);
    }
    return false;
}

void
RoamingLabAttacker::SetReassociationInterceptor(Interceptor interceptor)
{
    m_reassociationInterceptor = std::move(interceptor);
}

void
RoamingLabAttacker::InterceptReassociation(Frame& frame)
{
    if (m_reassociationInterceptor)
    {
        m_reassociationInterceptor(frame);
    }
}

void
RoamingLabAttacker::NoteAltered(const Frame& frame, const std::string& what)
{
    m_altered++;
    NS_LOG_INFO("attacker: " << what);
    m_attackTrace(what);
    if (m_recorder)
    {
        // The genuine frame is marked (jammed), and what the receiver got is the attacker's.
        std::string ap = "ap-" + std::to_string(frame.ap);
        bool toMobile = frame.direction == ToMobile;
        toMobile ? m_recorder->MarkAltered(frame.mobile, ap, "mobile")
                 : m_recorder->MarkAltered(frame.mobile, "mobile", ap);
        const roamsec::Bytes& pdu = frame.pdu;
        m_recorder->RecordAttackerMessage(frame.mobile, RoamingLink::Air, "attacker",
                                          toMobile ? "mobile" : ap, pdu.size(),
                                          [&pdu, &frame]()
                                          {
                                              return frame.etherType == roamsec::kEtherTypeEapol
                                                         ? roamsec::DescribeEapol(pdu)
                                                         : roamsec::DescribePreauth(pdu);
                                          });
    }
}

void
RoamingLabAttacker::InjectToMobile(Ptr<NetDevice> apDevice, int32_t ap, uint32_t mobile,
                                   Mac48Address mobileAddress, const roamsec::Bytes& pdu,
                                   const std::string& sender, const std::string& what)
{
    m_injected++;
    NS_LOG_INFO("attacker: " << what);
    m_attackTrace(what);
    if (m_recorder)
    {
        m_recorder->RecordAttackerMessage(mobile, RoamingLink::Air, sender, "mobile", pdu.size(),
                                          [&pdu]() { return roamsec::DescribeEapol(pdu); });
    }
    apDevice->Send(SecurityFramePacket(pdu), mobileAddress, roamsec::kEtherTypeEapol);
}

void
RoamingLabAttacker::InjectToAp(Ptr<NetDevice> mobileDevice, int32_t ap, uint32_t mobile,
                               Mac48Address apAddress, uint16_t etherType,
                               const roamsec::Bytes& pdu, const std::string& what)
{
    m_injected++;
    NS_LOG_INFO("attacker: " << what);
    m_attackTrace(what);
    if (m_recorder)
    {
        m_recorder->RecordAttackerMessage(mobile, RoamingLink::Air, "attacker",
                                          "ap-" + std::to_string(ap), pdu.size(),
                                          [&pdu, etherType]()
                                          {
                                              return etherType == roamsec::kEtherTypeEapol
                                                         ? roamsec::DescribeEapol(pdu)
                                                         : roamsec::DescribePreauth(pdu);
                                          });
    }
    mobileDevice->Send(SecurityFramePacket(pdu), apAddress, etherType);
}

uint64_t
RoamingLabAttacker::GetAltered() const
{
    return m_altered;
}

uint64_t
RoamingLabAttacker::GetDropped() const
{
    return m_dropped;
}

uint64_t
RoamingLabAttacker::GetInjected() const
{
    return m_injected;
}

} // namespace ns3
