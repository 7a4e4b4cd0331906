/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "grid-spectrum-channel.h"

#include "ns3-compat.h"
#include "ns3/angles.h"
#include "ns3/antenna-model.h"
#include "ns3/boolean.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/propagation-delay-model.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/simulator.h"
#include "ns3/spectrum-phy.h"
#include "ns3/spectrum-propagation-loss-model.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"

#if ROAMSEC_NS3_48
#include "ns3/spectrum-transmit-filter.h"
#include "ns3/wraparound-model.h"
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("GridSpectrumChannel");

NS_OBJECT_ENSURE_REGISTERED(GridSpectrumChannel);

namespace {
/// SpectrumChannel's MaxLossDb default (1e9): at or above this it counts as not set.
constexpr double kMaxLossUnset = 1e8;
/// Farthest distance searched for the cut-off (m).
constexpr double kFarthest = 1e7;
} // namespace

TypeId
GridSpectrumChannel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::GridSpectrumChannel")
              .SetParent<SpectrumChannel>()
              .SetGroupName("RoamingSecurity")
              .AddConstructor<GridSpectrumChannel>()
              .AddAttribute("MaxRange",
                            "Cut-off distance (m): receivers farther away are never visited. "
                            "0: the distance at which the propagation loss model exceeds the "
                            "cut-off loss. Refused if shorter than that distance.",
                            DoubleValue(0.0), MakeDoubleAccessor(&GridSpectrumChannel::m_maxRange),
                            MakeDoubleChecker<double>(0.0))
              .AddAttribute("MarginDb",
                            "Added to txPower + RxGain - RxSensitivity to make the cut-off loss "
                            "when MaxLossDb is not set (a wide receiver may collect a little "
                            "out-of-band power)",
                            DoubleValue(1.0), MakeDoubleAccessor(&GridSpectrumChannel::m_marginDb),
                            MakeDoubleChecker<double>(0.0))
              .AddAttribute("VerifyCutOff",
                            "Also compute the loss to every receiver outside the visited cells "
                            "and abort if one is within the cut-off loss (for tests: slow)",
                            BooleanValue(false),
                            MakeBooleanAccessor(&GridSpectrumChannel::m_verifyCutOff),
                            MakeBooleanChecker());
    return tid;
}

GridSpectrumChannel::GridSpectrumChannel()
    : m_maxRange(0)
    , m_marginDb(1.0)
    , m_verifyCutOff(false)
{
    NS_LOG_FUNCTION(this);
}

GridSpectrumChannel::~GridSpectrumChannel() = default;

void
GridSpectrumChannel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [raw, watched] : m_watched)
    {
        // the model may outlive the channel
        watched.model->TraceDisconnectWithoutContext(
            "CourseChange", MakeCallback(&GridSpectrumChannel::CourseChanged, this));
    }
    m_prepared = false;
    m_watched.clear();
    m_entries.clear();
    m_slotOf.clear();
    m_cells.clear();
    m_unplaced.clear();
    m_converters.clear();
    m_probeA = nullptr;
    m_probeB = nullptr;
    SpectrumChannel::DoDispose();
}

void
GridSpectrumChannel::AddRx(Ptr<SpectrumPhy> phy)
{
    NS_LOG_FUNCTION(this << phy);
    Ptr<const SpectrumModel> model = phy->GetRxSpectrumModel();
    NS_ASSERT_MSG(model, "the PHY has no receive SpectrumModel yet");
    auto it = m_slotOf.find(PeekPointer(phy));
    if (it != m_slotOf.end())
    {
        // a PHY re-adds itself when its model changes (channel switch): same place in
        // the grid, delivered after those added before (as MultiModelSpectrumChannel)
        Entry& e = m_entries[it->second];
        e.rxModel = model;
        e.seq = m_nextSeq++;
        return;
    }
    uint32_t slot;
    if (!m_freeSlots.empty())
    {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    }
    else
    {
        slot = m_entries.size();
        m_entries.emplace_back();
    }
    Entry& e = m_entries[slot];
    e = Entry();
    e.phy = phy;
    e.rxModel = model;
    e.seq = m_nextSeq++;
    m_slotOf[PeekPointer(phy)] = slot;
    ++m_numActive;
    // the mobility model is looked up at the next transmission: the Wi-Fi helpers set
    // it after attaching the PHY to the channel
    m_needCutOff = true;
}

void
GridSpectrumChannel::RemoveRx(Ptr<SpectrumPhy> phy)
{
    NS_LOG_FUNCTION(this << phy);
    auto it = m_slotOf.find(PeekPointer(phy));
    if (it == m_slotOf.end())
    {
        return;
    }
    uint32_t slot = it->second;
    Unplace(slot);
    m_entries[slot] = Entry();
    m_slotOf.erase(it);
    m_freeSlots.push_back(slot);
    --m_numActive;
}

std::size_t
GridSpectrumChannel::GetNDevices() const
{
    return m_numActive;
}

Ptr<NetDevice>
GridSpectrumChannel::GetDevice(std::size_t i) const
{
    std::vector<const Entry*> active;
    for (const auto& e : m_entries)
    {
        if (e.phy)
        {
            active.push_back(&e);
        }
    }
    std::sort(active.begin(), active.end(),
              [](const Entry* a, const Entry* b) { return a->seq < b->seq; });
    return active.at(i)->phy->GetDevice();
}

double
GridSpectrumChannel::ProbeLossDb(double distance)
{
    if (!m_probeA)
    {
        m_probeA = CreateObject<ConstantPositionMobilityModel>();
        m_probeB = CreateObject<ConstantPositionMobilityModel>();
        m_probeA->SetPosition(Vector(0, 0, 0));
    }
    m_probeB->SetPosition(Vector(distance, 0, 0));
    return -m_propagationLoss->CalcRxPower(0, m_probeA, m_probeB);
}

std::string
GridSpectrumChannel::ValidateCutOff(const NetDeviceContainer& devices)
{
    NS_LOG_FUNCTION(this);
    double maxTxDbm = -std::numeric_limits<double>::infinity();
    double maxRxGainDb = -std::numeric_limits<double>::infinity();
    double minSensitivityDbm = std::numeric_limits<double>::infinity();
    bool allWifi = true;
    uint32_t numWifi = 0;
    std::vector<Ptr<NetDevice>> attached(devices.Begin(), devices.End());
    for (const auto& e : m_entries)
    {
        if (e.phy)
        {
            attached.push_back(e.phy->GetDevice());
        }
    }
    for (const auto& netDevice : attached)
    {
        auto device = DynamicCast<WifiNetDevice>(netDevice);
        Ptr<WifiPhy> phy = device ? device->GetPhy() : nullptr;
        if (!phy)
        {
            allWifi = false;
            continue;
        }
        ++numWifi;
        maxTxDbm = std::max(maxTxDbm, phy->GetTxPowerEnd() + phy->GetTxGain());
        maxRxGainDb = std::max(maxRxGainDb, phy->GetRxGain());
        minSensitivityDbm = std::min(minSensitivityDbm, phy->GetRxSensitivity());
    }
    std::ostringstream why;
    why << "GridSpectrumChannel: ";
    bool lossSet = m_maxLossDb < kMaxLossUnset;
    if (!allWifi && !lossSet)
    {
        why << "a receiver that is not a Wi-Fi PHY is attached, so the reception threshold "
               "is unknown: set MaxLossDb";
        return why.str();
    }
    if (!m_propagationLoss)
    {
        why << "no propagation loss model: every receiver hears every transmission, use "
               "MultiModelSpectrumChannel";
        return why.str();
    }
    if (m_phasedArraySpectrumPropagationLoss)
    {
        why << "phased-array spectrum propagation loss is not supported";
        return why.str();
    }
    double neededDb = 0;
    if (numWifi > 0)
    {
        neededDb = maxTxDbm + maxRxGainDb - minSensitivityDbm;
        if (lossSet && m_maxLossDb < neededDb)
        {
            why << "MaxLossDb = " << m_maxLossDb
                << " dB would cut off receivers that can still decode: txPower - "
                   "RxSensitivity = "
                << neededDb << " dB (transmit power " << maxTxDbm << " dBm, receive gain "
                << maxRxGainDb << " dB, RxSensitivity " << minSensitivityDbm << " dBm)";
            return why.str();
        }
    }
    double cutOffDb = lossSet ? m_maxLossDb : neededDb + m_marginDb;

    // the nearest distance beyond which the loss exceeds a value: doubling, then bisection
    auto distanceBeyond = [this](double lossDb)
    {
        double lo = 0;
        double hi = 1;
        while (ProbeLossDb(hi) <= lossDb)
        {
            lo = hi;
            hi *= 2;
            if (hi > kFarthest)
            {
                return std::numeric_limits<double>::infinity();
            }
        }
        for (int i = 0; i < 60 && hi - lo > 1e-6; ++i)
        {
            double mid = (lo + hi) / 2;
            (ProbeLossDb(mid) <= lossDb ? lo : hi) = mid;
        }
        return hi;
    };
    double distance = distanceBeyond(cutOffDb);
    if (std::isinf(distance) && m_maxRange <= 0)
    {
        why << "the propagation loss model stays within the cut-off loss of " << cutOffDb
            << " dB up to " << kFarthest << " m: set MaxRange";
        return why.str();
    }
    if (m_maxRange > 0)
    {
        double neededRange = (numWifi > 0) ? distanceBeyond(neededDb) : 0;
        if (m_maxRange < neededRange)
        {
            why << "MaxRange = " << m_maxRange
                << " m would cut off receivers that can still decode: the propagation loss "
                   "reaches txPower - RxSensitivity = "
                << neededDb << " dB only at " << neededRange << " m";
            return why.str();
        }
        distance = m_maxRange;
    }
    else
    {
        // the grid is only right if the loss keeps growing beyond the cut-off distance
        for (int k = 1; k <= 64; ++k)
        {
            double d = distance * (1.0 + k / 8.0);
            double lossDb = ProbeLossDb(d);
            if (lossDb <= cutOffDb)
            {
                why << "the propagation loss model does not keep growing with distance (" << lossDb
                    << " dB at " << d << " m, the cut-off loss " << cutOffDb
                    << " dB is first exceeded at " << distance << " m): set MaxRange";
                return why.str();
            }
        }
    }
    if (distance != m_cutOffDistance)
    {
        m_prepared = false; // cell size changes: rebuild
    }
    m_cutOffLossDb = cutOffDb;
    m_cutOffDistance = distance;
    NS_LOG_INFO("cut-off loss " << m_cutOffLossDb << " dB, distance " << m_cutOffDistance << " m, "
                                << m_numActive << " receivers");
    return "";
}

double
GridSpectrumChannel::GetCutOffLossDb() const
{
    return m_cutOffLossDb;
}

double
GridSpectrumChannel::GetCutOffDistance() const
{
    return m_cutOffDistance;
}

uint64_t
GridSpectrumChannel::GetScheduledReceptions() const
{
    return m_scheduled;
}

uint64_t
GridSpectrumChannel::GetVisitedReceivers() const
{
    return m_visited;
}

uint64_t
GridSpectrumChannel::CellOf(const Vector& p) const
{
    auto ix = static_cast<int64_t>(std::floor(p.x / m_cutOffDistance));
    auto iy = static_cast<int64_t>(std::floor(p.y / m_cutOffDistance));
    return (static_cast<uint64_t>(static_cast<uint32_t>(ix)) << 32) | static_cast<uint32_t>(iy);
}

void
GridSpectrumChannel::Unplace(uint32_t slot)
{
    Entry& e = m_entries[slot];
    std::vector<uint32_t>* list = nullptr;
    if (e.inGrid)
    {
        auto it = m_cells.find(e.cell);
        list = (it != m_cells.end()) ? &it->second : nullptr;
    }
    else
    {
        list = &m_unplaced;
    }
    if (list)
    {
        auto pos = std::find(list->begin(), list->end(), slot);
        if (pos != list->end())
        {
            *pos = list->back();
            list->pop_back();
        }
    }
    e.inGrid = false;
}

void
GridSpectrumChannel::Place(uint32_t slot)
{
    Entry& e = m_entries[slot];
    if (!e.mobility)
    {
        Unplace(slot);
        m_unplaced.push_back(slot); // always visited: the stock channel delivers to it
        return;
    }
    uint64_t cell = CellOf(e.mobility->GetPosition());
    if (e.inGrid && e.cell == cell)
    {
        return;
    }
    Unplace(slot);
    e.cell = cell;
    e.inGrid = true;
    m_cells[cell].push_back(slot);
}

void
GridSpectrumChannel::Watch(uint32_t slot)
{
    Entry& e = m_entries[slot];
    if (!e.mobility)
    {
        return;
    }
    auto& watched = m_watched[PeekPointer(e.mobility)];
    auto& slots = watched.slots;
    if (!watched.model)
    {
        watched.model = e.mobility;
        e.mobility->TraceConnectWithoutContext(
            "CourseChange", MakeCallback(&GridSpectrumChannel::CourseChanged, this));
    }
    if (std::find(slots.begin(), slots.end(), slot) == slots.end())
    {
        slots.push_back(slot);
    }
}

void
GridSpectrumChannel::CourseChanged(Ptr<const MobilityModel> mobility)
{
    if (!m_prepared)
    {
        return; // Prepare places everything
    }
    auto it = m_watched.find(PeekPointer(mobility));
    if (it == m_watched.end())
    {
        return;
    }
    m_maxSpeed = std::max(m_maxSpeed, mobility->GetVelocity().GetLength());
    // copy: Place may read a position, which may fire this trace again
    std::vector<uint32_t> slots = it->second.slots;
    for (uint32_t slot : slots)
    {
        if (m_entries[slot].phy && PeekPointer(m_entries[slot].mobility) == PeekPointer(mobility))
        {
            Place(slot);
        }
    }
}

void
GridSpectrumChannel::Rebin()
{
    m_maxSpeed = 0;
    m_lastRebin = Simulator::Now();
    for (uint32_t slot = 0; slot < m_entries.size(); ++slot)
    {
        Entry& e = m_entries[slot];
        if (!e.phy || !e.mobility)
        {
            continue;
        }
        double speed = e.mobility->GetVelocity().GetLength();
        m_maxSpeed = std::max(m_maxSpeed, speed);
        if (speed > 0 || !e.inGrid)
        {
            Place(slot);
        }
    }
}

void
GridSpectrumChannel::Prepare()
{
    NS_LOG_FUNCTION(this);
    std::string problem = ValidateCutOff();
    if (!problem.empty())
    {
        NS_FATAL_ERROR(problem);
    }
    m_needCutOff = false;
    if (!m_prepared)
    {
        m_cells.clear();
        m_unplaced.clear();
        for (auto& e : m_entries)
        {
            e.inGrid = false;
        }
    }
    for (uint32_t slot = 0; slot < m_entries.size(); ++slot)
    {
        Entry& e = m_entries[slot];
        if (!e.phy)
        {
            continue;
        }
        if (!e.mobility)
        {
            e.mobility = e.phy->GetMobility();
            if (e.mobility)
            {
                Unplace(slot);
            }
            Watch(slot);
        }
    }
    m_prepared = true;
    Rebin(); // places every receiver not yet in its cell
}

const SpectrumConverter*
GridSpectrumChannel::Converter(Ptr<const SpectrumModel> tx, Ptr<const SpectrumModel> rx)
{
    auto key = std::make_pair(tx->GetUid(), rx->GetUid());
    auto orth = m_orthogonal.find(key);
    if (orth == m_orthogonal.end())
    {
        bool isOrthogonal = tx->IsOrthogonal(*rx);
        orth = m_orthogonal.emplace(key, isOrthogonal).first;
        if (!isOrthogonal)
        {
            m_converters.emplace(key, SpectrumConverter(tx, rx));
        }
    }
    if (orth->second)
    {
        return nullptr;
    }
    return &m_converters.at(key);
}

void
GridSpectrumChannel::StartTx(Ptr<SpectrumSignalParameters> txParams)
{
    NS_LOG_FUNCTION(this << txParams);
    NS_ASSERT(txParams->txPhy);
    NS_ASSERT(txParams->psd);
    m_txSigParamsTrace(txParams->Copy());
    if (m_needCutOff || !m_prepared)
    {
        Prepare();
    }
#if ROAMSEC_NS3_48
    NS_ABORT_MSG_IF(GetObject<WraparoundModel>(),
                    "GridSpectrumChannel does not support a WraparoundModel");
#endif

    Ptr<MobilityModel> txMobility = txParams->txPhy->GetMobility();
    std::vector<uint32_t> candidates;
    if (txMobility)
    {
        double drift = m_maxSpeed * (Simulator::Now() - m_lastRebin).GetSeconds();
        if (drift > m_cutOffDistance / 4)
        {
            Rebin();
            drift = 0;
        }
        Vector p = txMobility->GetPosition();
        double reach = m_cutOffDistance + drift;
        auto x0 = static_cast<int64_t>(std::floor((p.x - reach) / m_cutOffDistance));
        auto x1 = static_cast<int64_t>(std::floor((p.x + reach) / m_cutOffDistance));
        auto y0 = static_cast<int64_t>(std::floor((p.y - reach) / m_cutOffDistance));
        auto y1 = static_cast<int64_t>(std::floor((p.y + reach) / m_cutOffDistance));
        for (int64_t ix = x0; ix <= x1; ++ix)
        {
            for (int64_t iy = y0; iy <= y1; ++iy)
            {
                uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(ix)) << 32)
                               | static_cast<uint32_t>(iy);
                auto it = m_cells.find(key);
                if (it != m_cells.end())
                {
                    candidates.insert(candidates.end(), it->second.begin(), it->second.end());
                }
            }
        }
        candidates.insert(candidates.end(), m_unplaced.begin(), m_unplaced.end());
    }
    else
    {
        // no position: the stock channel applies no loss, so every receiver hears it
        for (uint32_t slot = 0; slot < m_entries.size(); ++slot)
        {
            if (m_entries[slot].phy)
            {
                candidates.push_back(slot);
            }
        }
    }
    // MultiModelSpectrumChannel's delivery order: by receive model, then by AddRx order
    // (events at the same time run in the order they were scheduled)
    std::sort(candidates.begin(), candidates.end(),
              [this](uint32_t a, uint32_t b)
              {
                  const Entry& ea = m_entries[a];
                  const Entry& eb = m_entries[b];
                  auto ua = ea.rxModel->GetUid();
                  auto ub = eb.rxModel->GetUid();
                  return ua != ub ? ua < ub : ea.seq < eb.seq;
              });

    if (m_verifyCutOff && txMobility)
    {
        std::vector<bool> visited(m_entries.size(), false);
        for (uint32_t slot : candidates)
        {
            visited[slot] = true;
        }
        for (uint32_t slot = 0; slot < m_entries.size(); ++slot)
        {
            const Entry& e = m_entries[slot];
            if (!e.phy || visited[slot] || e.phy == txParams->txPhy || !e.mobility)
            {
                continue;
            }
            double lossDb = -m_propagationLoss->CalcRxPower(0, txMobility, e.mobility);
            NS_ABORT_MSG_IF(lossDb <= m_cutOffLossDb,
                            "GridSpectrumChannel: receiver at "
                                << txMobility->GetDistanceFrom(e.mobility)
                                << " m outside the visited cells has a loss of " << lossDb
                                << " dB, within the cut-off " << m_cutOffLossDb << " dB");
        }
    }

    Ptr<const SpectrumModel> txModel = txParams->psd->GetSpectrumModel();
    SpectrumModelUid_t txUid = txModel->GetUid();
    Ptr<NetDevice> txDevice = txParams->txPhy->GetDevice();
    // the transmitted PSD converted to the model of the receivers being served
    SpectrumModelUid_t convertedUid = txUid;
    Ptr<SpectrumValue> converted = txParams->psd;
    bool orthogonal = false;

    for (uint32_t slot : candidates)
    {
        const Entry& e = m_entries[slot];
        Ptr<SpectrumPhy> rxPhy = e.phy;
        if (rxPhy == txParams->txPhy)
        {
            continue;
        }
        SpectrumModelUid_t rxUid = e.rxModel->GetUid();
        NS_ASSERT_MSG(rxPhy->GetRxSpectrumModel()->GetUid() == rxUid,
                      "SpectrumModel change was not notified to GridSpectrumChannel "
                      "(AddRx must be called again after the model changes)");
        if (rxUid != convertedUid)
        {
            convertedUid = rxUid;
            const SpectrumConverter* conv
                = (rxUid == txUid) ? nullptr : Converter(txModel, e.rxModel);
            orthogonal = (rxUid != txUid) && !conv;
            converted = (rxUid == txUid) ? txParams->psd
                                         : (conv ? conv->Convert(txParams->psd) : nullptr);
        }
        if (orthogonal)
        {
            continue;
        }
        Ptr<NetDevice> rxDevice = rxPhy->GetDevice();
        if (rxDevice && txDevice && rxDevice->GetNode()->GetId() == txDevice->GetNode()->GetId())
        {
            continue; // as the stock channels: no loss model covers antennas of one node
        }
#if ROAMSEC_NS3_48
        if (m_filter && m_filter->Filter(txParams, rxPhy))
        {
            continue;
        }
#endif
        ++m_visited;
        Ptr<SpectrumSignalParameters> rxParams = txParams->Copy();
        rxParams->psd = Copy<SpectrumValue>(converted);
        Time delay(0);
        double txAntennaGain = 0;
        Ptr<MobilityModel> rxMobility = rxPhy->GetMobility();
        if (txMobility && rxMobility)
        {
#if ROAMSEC_NS3_48
            // ns-3.48 applies the loss when the signal arrives (StartRx); here it is only
            // computed to leave out receivers that cannot hear it
            if (rxParams->precodingMatrix
                && rxParams->precodingMatrix->GetNumPages() != rxParams->psd->GetValuesN())
            {
                rxParams->precodingMatrix = nullptr;
            }
            rxParams->txMobility = txMobility;
            double lossDb = 0;
            if (rxParams->txAntenna)
            {
                Angles txAngles(rxMobility->GetPosition(), txMobility->GetPosition());
                txAntennaGain = rxParams->txAntenna->GetGainDb(txAngles);
                lossDb -= txAntennaGain;
            }
            if (auto rxAntenna = DynamicCast<AntennaModel>(rxPhy->GetAntenna()))
            {
                Angles rxAngles(txMobility->GetPosition(), rxMobility->GetPosition());
                lossDb -= rxAntenna->GetGainDb(rxAngles);
            }
            if (txMobility->GetPosition() != rxMobility->GetPosition())
            {
                lossDb -= m_propagationLoss->CalcRxPower(0, txMobility, rxMobility);
            }
            if (lossDb > m_cutOffLossDb)
            {
                continue;
            }
#else
            // as MultiModelSpectrumChannel::StartTx in ns-3.37
            double rxAntennaGain = 0;
            double propagationGainDb = 0;
            double lossDb = 0;
            if (rxParams->txAntenna)
            {
                Angles txAngles(rxMobility->GetPosition(), txMobility->GetPosition());
                txAntennaGain = rxParams->txAntenna->GetGainDb(txAngles);
                lossDb -= txAntennaGain;
            }
            if (auto rxAntenna = DynamicCast<AntennaModel>(rxPhy->GetAntenna()))
            {
                Angles rxAngles(txMobility->GetPosition(), rxMobility->GetPosition());
                rxAntennaGain = rxAntenna->GetGainDb(rxAngles);
                lossDb -= rxAntennaGain;
            }
            propagationGainDb = m_propagationLoss->CalcRxPower(0, txMobility, rxMobility);
            lossDb -= propagationGainDb;
            m_gainTrace(txMobility, rxMobility, txAntennaGain, rxAntennaGain, propagationGainDb,
                        lossDb);
            m_pathLossTrace(txParams->txPhy, rxPhy, lossDb);
            if (lossDb > m_cutOffLossDb)
            {
                continue;
            }
            *(rxParams->psd) *= std::pow(10.0, -lossDb / 10.0);
#endif
            if (m_propagationDelay)
            {
                delay = m_propagationDelay->GetDelay(txMobility, rxMobility);
            }
        }
        ++m_scheduled;
        RxInfo info{rxParams, rxPhy, txParams->psd, txAntennaGain};
        if (rxDevice)
        {
            Simulator::ScheduleWithContext(rxDevice->GetNode()->GetId(), delay,
                                           &GridSpectrumChannel::StartRx, this, info);
        }
        else
        {
            Simulator::Schedule(delay, &GridSpectrumChannel::StartRx, this, info);
        }
    }
}

void
GridSpectrumChannel::StartRx(RxInfo info)
{
    NS_LOG_FUNCTION(this);
    Ptr<SpectrumSignalParameters> rxParams = info.params;
#if ROAMSEC_NS3_48
    // as MultiModelSpectrumChannel::StartRx in ns-3.48: the receiver may have switched
    // channel during the propagation delay, and the loss is applied now
    Ptr<const SpectrumModel> phyModel = info.receiver->GetRxSpectrumModel();
    if (rxParams->psd->GetSpectrumModelUid() != phyModel->GetUid())
    {
        if (info.txPsd->GetSpectrumModelUid() == phyModel->GetUid())
        {
            rxParams->psd = Copy<SpectrumValue>(info.txPsd);
        }
        else
        {
            const SpectrumConverter* conv = Converter(info.txPsd->GetSpectrumModel(), phyModel);
            if (!conv)
            {
                return;
            }
            rxParams->psd = conv->Convert(info.txPsd);
        }
    }
    Ptr<MobilityModel> txMobility = rxParams->txMobility;
    Ptr<MobilityModel> rxMobility = info.receiver->GetMobility();
    if (txMobility && rxMobility)
    {
        double lossDb = -info.txAntennaGain;
        double rxAntennaGain = 0;
        double propagationGainDb = 0;
        if (auto rxAntenna = DynamicCast<AntennaModel>(info.receiver->GetAntenna()))
        {
            Angles rxAngles(txMobility->GetPosition(), rxMobility->GetPosition());
            rxAntennaGain = rxAntenna->GetGainDb(rxAngles);
            lossDb -= rxAntennaGain;
        }
        if (txMobility->GetPosition() != rxMobility->GetPosition())
        {
            propagationGainDb = m_propagationLoss->CalcRxPower(0, txMobility, rxMobility);
            lossDb -= propagationGainDb;
        }
        m_gainTrace(txMobility, rxMobility, info.txAntennaGain, rxAntennaGain, propagationGainDb,
                    lossDb);
        m_pathLossTrace(rxParams->txPhy, info.receiver, lossDb);
        if (lossDb > m_cutOffLossDb)
        {
            return;
        }
        *(rxParams->psd) *= std::pow(10.0, -lossDb / 10.0);
        if (m_spectrumPropagationLoss)
        {
            rxParams->psd = m_spectrumPropagationLoss->CalcRxPowerSpectralDensity(
                rxParams, txMobility, rxMobility);
        }
    }
#else
    if (m_spectrumPropagationLoss)
    {
        rxParams->psd = m_spectrumPropagationLoss->CalcRxPowerSpectralDensity(
            rxParams, rxParams->txPhy->GetMobility(), info.receiver->GetMobility());
    }
#endif
    info.receiver->StartRx(rxParams);
}

} // namespace ns3
