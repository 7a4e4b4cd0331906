/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A SpectrumChannel that delivers a transmission only to the receivers that can hear
 * it, found through a grid of cells instead of a walk over every PHY (issue 12,
 * doc/channel.rst).
 */
#ifndef ROAMSEC_GRID_SPECTRUM_CHANNEL_H
#define ROAMSEC_GRID_SPECTRUM_CHANNEL_H

#include "ns3/mobility-model.h"
#include "ns3/net-device-container.h"
#include "ns3/nstime.h"
#include "ns3/spectrum-channel.h"
#include "ns3/spectrum-converter.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * A spectrum channel whose cost per transmission grows with the receivers around the
 * transmitter, not with all receivers on the channel object.
 *
 * A receiver is kept when its receive spectrum model is not orthogonal to the
 * transmitted one (as MultiModelSpectrumChannel) and its path loss is at most the
 * cut-off loss: MaxLossDb when set, else the largest transmit power (TxPowerEnd + TxGain)
 * plus the largest RxGain minus the smallest RxSensitivity of the attached Wi-Fi PHYs,
 * plus MarginDb. The cut-off distance is MaxRange when set, else the distance at which
 * the configured propagation loss model first exceeds the cut-off loss (found by probing
 * it; it must not decrease with distance). Receivers are kept in a grid of square cells
 * of that size on x/y, updated from the mobility models' CourseChange traces and, for
 * moving nodes, re-binned when they may have drifted a quarter cell; a transmission
 * visits only the cells within the cut-off distance plus that drift.
 *
 * The kept receivers get exactly what MultiModelSpectrumChannel gives them (same
 * conversion, antenna gains, propagation loss and delay, same scheduling order), so a
 * simulation gives the same results as on MultiModelSpectrumChannel with MaxLossDb set
 * to the cut-off loss. Receivers beyond the cut-off create no event: their signal, below
 * the reception threshold, is not summed as interference either.
 *
 * A MaxLossDb or MaxRange that would cut off receivers that could still decode is
 * refused (ValidateCutOff; NS_FATAL_ERROR at the first transmission).
 */
class GridSpectrumChannel : public SpectrumChannel
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    GridSpectrumChannel();
    ~GridSpectrumChannel() override;

    void AddRx(Ptr<SpectrumPhy> phy) override;
    void RemoveRx(Ptr<SpectrumPhy> phy) override;
    void StartTx(Ptr<SpectrumSignalParameters> params) override;
    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

    /**
     * Derives the cut-off loss and distance from the attached PHYs and the propagation
     * loss model, and checks MaxLossDb and MaxRange against them. Done at the first
     * transmission; before the simulation starts no PHY is attached yet (SpectrumWifiPhy
     * attaches itself when initialized), so pass the Wi-Fi devices to check earlier.
     * \param devices Wi-Fi devices whose PHYs count as attached
     * \return an empty string, or why the configured cut-off is refused
     */
    std::string ValidateCutOff(const NetDeviceContainer& devices = NetDeviceContainer());
    /// \return the cut-off loss (dB) in use (ValidateCutOff must have succeeded)
    double GetCutOffLossDb() const;
    /// \return the cut-off distance (m) in use (ValidateCutOff must have succeeded)
    double GetCutOffDistance() const;
    /// \return the receive events scheduled so far
    uint64_t GetScheduledReceptions() const;
    /// \return the receivers whose path loss was computed at transmission so far
    uint64_t GetVisitedReceivers() const;

protected:
    void DoDispose() override;

private:
    /// One attached receiver.
    struct Entry
    {
        Ptr<SpectrumPhy> phy;             ///< the receiver (null: free slot)
        Ptr<const SpectrumModel> rxModel; ///< its receive model when last added
        Ptr<MobilityModel> mobility;      ///< its mobility model (may be null)
        uint64_t seq{0};                  ///< order of the last AddRx (delivery order)
        uint64_t cell{0};                 ///< grid cell it is filed under
        bool inGrid{false};               ///< filed in m_cells (else in m_unplaced)
    };

    /// Everything a receive event needs.
    struct RxInfo
    {
        Ptr<SpectrumSignalParameters> params; ///< the receiver's copy of the signal
        Ptr<SpectrumPhy> receiver;            ///< the receiver
        Ptr<SpectrumValue> txPsd;             ///< the transmitted PSD
        double txAntennaGain{0};              ///< transmit antenna gain towards it (dB)
    };

    void StartRx(RxInfo info);
    /// Builds the grid when the cut-off is known; aborts when it is refused.
    void Prepare();
    /// Files (or re-files) a slot under the cell of its current position.
    void Place(uint32_t slot);
    /// Takes a slot out of the grid.
    void Unplace(uint32_t slot);
    /// Re-files every moving receiver; resets the drift bound.
    void Rebin();
    void CourseChanged(Ptr<const MobilityModel> mobility);
    /// Connects the CourseChange trace of a slot's mobility model (once per model).
    void Watch(uint32_t slot);
    /// \return the loss of the configured loss model at a distance (dB)
    double ProbeLossDb(double distance);
    /// \return the converter from a transmit to a receive model (null if orthogonal)
    const SpectrumConverter* Converter(Ptr<const SpectrumModel> tx, Ptr<const SpectrumModel> rx);
    uint64_t CellOf(const Vector& position) const;

    // attributes
    double m_maxRange;   ///< cut-off distance set by the user (0: derive)
    double m_marginDb;   ///< added to the derived cut-off loss
    bool m_verifyCutOff; ///< also check every receiver outside the visited cells

    std::vector<Entry> m_entries;                                ///< slots
    std::unordered_map<const SpectrumPhy*, uint32_t> m_slotOf;   ///< receiver -> slot
    std::vector<uint32_t> m_freeSlots;                           ///< slots to reuse
    std::size_t m_numActive{0};                                  ///< attached receivers
    uint64_t m_nextSeq{0};                                       ///< next AddRx order
    std::unordered_map<uint64_t, std::vector<uint32_t>> m_cells; ///< cell -> slots
    std::vector<uint32_t> m_unplaced;                            ///< slots without a mobility model
    /// A mobility model whose CourseChange trace is connected, and the slots it moves.
    struct Watched
    {
        Ptr<MobilityModel> model;    ///< kept alive until disconnected
        std::vector<uint32_t> slots; ///< receivers it moves
    };

    std::unordered_map<const MobilityModel*, Watched> m_watched;             ///< connected traces
    std::map<std::pair<uint32_t, uint32_t>, SpectrumConverter> m_converters; ///< tx,rx uid
    std::map<std::pair<uint32_t, uint32_t>, bool> m_orthogonal;              ///< tx,rx uid

    bool m_prepared{false};  ///< grid built for the current set of receivers
    bool m_needCutOff{true}; ///< cut-off must be derived again (receivers added)
    double m_cutOffLossDb{0};
    double m_cutOffDistance{0};
    double m_maxSpeed{0};        ///< fastest receiver since the last re-binning (m/s)
    Time m_lastRebin;            ///< when the grid was last re-binned
    Ptr<MobilityModel> m_probeA; ///< mobility models used to probe the loss model
    Ptr<MobilityModel> m_probeB;
    uint64_t m_scheduled{0};
    uint64_t m_visited{0};
};

} // namespace ns3

#endif // ROAMSEC_GRID_SPECTRUM_CHANNEL_H
