/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "okc-key-store.h"

#include "rsn-keys.h"

namespace roamsec {

OkcKeyStore::OkcKeyStore(size_t capacity)
    : m_capacity(capacity == 0 ? 1 : capacity)
{
}

void
OkcKeyStore::Add(const Bytes& pmk, const MacAddr& spa, TimeNs expiry)
{
    if (m_entries.count(spa) == 0 && m_entries.size() >= m_capacity)
    {
        // Full: drop the entry that expires first.
        auto oldest = m_entries.begin();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        {
            oldest = it->second.expiry < oldest->second.expiry ? it : oldest;
        }
        m_entries.erase(oldest);
    }
    m_entries[spa] = Entry{pmk, expiry};
}

std::optional<Bytes>
OkcKeyStore::Match(const MacAddr& aa, const MacAddr& spa, const std::vector<Bytes>& pmkids,
                   TimeNs now) const
{
    auto it = m_entries.find(spa);
    if (it == m_entries.end() || it->second.expiry <= now)
    {
        return std::nullopt;
    }
    Bytes expected = ComputePmkid(it->second.pmk, aa, spa);
    for (const auto& pmkid : pmkids)
    {
        if (ConstantTimeEqual(pmkid, expected))
        {
            return it->second.pmk;
        }
    }
    return std::nullopt;
}

} // namespace roamsec
