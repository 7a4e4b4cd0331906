/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "neighbor-report.h"

#include <algorithm>

namespace roamsec {

bool
NeighborReportEntry::operator==(const NeighborReportEntry& other) const
{
    return bssid == other.bssid && bssidInfo == other.bssidInfo
           && operatingClass == other.operatingClass && channel == other.channel
           && phyType == other.phyType;
}

std::optional<uint8_t>
GlobalOperatingClass20MHz(bool band24, uint8_t channel)
{
    if (band24)
    {
        if (channel >= 1 && channel <= 13)
        {
            return 81;
        }
        if (channel == 14)
        {
            return 82;
        }
        return std::nullopt;
    }
    if (channel >= 36 && channel <= 48 && channel % 4 == 0)
    {
        return 115;
    }
    if (channel >= 52 && channel <= 64 && channel % 4 == 0)
    {
        return 118;
    }
    if (channel >= 100 && channel <= 144 && channel % 4 == 0)
    {
        return 121;
    }
    if (channel >= 149 && channel <= 177 && channel % 4 == 1)
    {
        return 125;
    }
    return std::nullopt;
}

Bytes
EncodeNeighborReport(const NeighborReportEntry& entry)
{
    Bytes out;
    out.reserve(15);
    out.push_back(kElementIdNeighborReport);
    out.push_back(13);
    out.insert(out.end(), entry.bssid.begin(), entry.bssid.end());
    for (int shift = 0; shift < 32; shift += 8)
    {
        out.push_back(static_cast<uint8_t>(entry.bssidInfo >> shift));
    }
    out.push_back(entry.operatingClass);
    out.push_back(entry.channel);
    out.push_back(entry.phyType);
    return out;
}

std::optional<std::vector<NeighborReportEntry>>
ParseNeighborReports(const Bytes& elements)
{
    std::vector<NeighborReportEntry> entries;
    size_t pos = 0;
    while (pos < elements.size())
    {
        if (elements.size() - pos < 2)
        {
            return std::nullopt;
        }
        uint8_t id = elements[pos];
        size_t length = elements[pos + 1];
        if (elements.size() - pos - 2 < length)
        {
            return std::nullopt;
        }
        const uint8_t* body = elements.data() + pos + 2;
        if (id == kElementIdNeighborReport)
        {
            if (length < 13)
            {
                return std::nullopt;
            }
            NeighborReportEntry entry;
            std::copy(body, body + 6, entry.bssid.begin());
            entry.bssidInfo = uint32_t(body[6]) | uint32_t(body[7]) << 8 | uint32_t(body[8]) << 16
                              | uint32_t(body[9]) << 24;
            entry.operatingClass = body[10];
            entry.channel = body[11];
            entry.phyType = body[12];
            entries.push_back(entry);
        }
        pos += 2 + length;
    }
    return entries;
}

} // namespace roamsec
