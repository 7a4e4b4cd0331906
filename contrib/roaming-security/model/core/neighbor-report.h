/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IEEE 802.11k Neighbor Report elements (IEEE 802.11-2020 9.4.2.36).
 */
#ifndef ROAMSEC_NEIGHBOR_REPORT_H
#define ROAMSEC_NEIGHBOR_REPORT_H

#include "roamsec-bytes.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace roamsec {

/// Element ID of the Neighbor Report element.
constexpr uint8_t kElementIdNeighborReport = 52;

/// One neighbour AP as a Neighbor Report element describes it (no optional subelements).
struct NeighborReportEntry
{
    MacAddr bssid{};           ///< BSSID of the neighbour
    uint32_t bssidInfo{0};     ///< BSSID Information field (Figure 9-337), host order
    uint8_t operatingClass{0}; ///< global operating class (Annex E, Table E-4)
    uint8_t channel{0};        ///< channel number
    uint8_t phyType{0};        ///< dot11PHYType (Annex C): 4 OFDM, 6 ERP, 7 HT, 9 VHT, 14 HE

    bool operator==(const NeighborReportEntry& other) const;
};

/// BSSID Information bits 0-1: AP Reachability "reachable" (3).
constexpr uint32_t kBssidInfoReachable = 0x3;
/// BSSID Information bit 2: the neighbour supports the reporting AP's security (RSN).
constexpr uint32_t kBssidInfoSecurity = 0x4;
/// BSSID Information bit 3: Key Scope, same authenticator as the reporting AP.
constexpr uint32_t kBssidInfoKeyScope = 0x8;
/// BSSID Information bit 10: the neighbour is in the reporting AP's mobility domain.
constexpr uint32_t kBssidInfoMobilityDomain = 0x400;

/**
 * The global operating class of a 20 MHz channel (IEEE 802.11-2020 Table E-4): 81
 * (2.4 GHz 1-13), 82 (14), 115 (5 GHz 36-48), 118 (52-64), 121 (100-144), 125 (149-177).
 * \return the class, or nothing for a channel outside those sets
 */
std::optional<uint8_t> GlobalOperatingClass20MHz(bool band24, uint8_t channel);

/** A whole element: ID 52, Length 13, the fields in order, BSSID Information little endian. */
Bytes EncodeNeighborReport(const NeighborReportEntry& entry);

/**
 * Every Neighbor Report element in a run of elements (e.g. the body of a frame after its
 * fixed fields); other elements are skipped, optional subelements ignored. A truncated
 * element run or a Neighbor Report shorter than 13 octets makes the whole run invalid
 * (nothing is returned), as a receiver discards a malformed frame.
 */
std::optional<std::vector<NeighborReportEntry>> ParseNeighborReports(const Bytes& elements);

} // namespace roamsec

#endif // ROAMSEC_NEIGHBOR_REPORT_H
