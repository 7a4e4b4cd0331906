/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Opportunistic key caching (OKC): the PMKs the APs of one mobility domain share.
 */
#ifndef ROAMSEC_OKC_KEY_STORE_H
#define ROAMSEC_OKC_KEY_STORE_H

#include "eapol.h"
#include "roamsec-bytes.h"
#include "roamsec-time.h"

#include <map>
#include <optional>
#include <vector>

namespace roamsec {

/**
 * The PMKs of one mobility domain's stations, shared by its APs (opportunistic key
 * caching, also "proactive key caching": not in IEEE 802.11, deployed by WLAN
 * controllers and supported by hostapd/wpa_supplicant as okc). After a full 802.1X
 * authentication at any AP of the domain, the station's PMK is stored here; at another
 * AP the station offers PMKID = HMAC-SHA1-128(PMK, "PMK Name" || AA || SPA) computed
 * for that AP (802.11-2016 12.7.1.3), and the AP finds the PMK by recomputing the PMKID
 * for its own address: a PMKID for another AA or another SPA never matches. One PMK per
 * station (the latest authentication supersedes), bounded.
 */
class OkcKeyStore
{
public:
    explicit OkcKeyStore(size_t capacity = 100000);

    /** The station's PMK after a full authentication; valid until expiry (absolute). */
    void Add(const Bytes& pmk, const MacAddr& spa, TimeNs expiry);
    /**
     * AP side: the station's PMK when one of its offered PMKIDs is that PMK's PMKID for
     * this AP; nothing otherwise (no PMK, expired, or no PMKID matches).
     */
    std::optional<Bytes> Match(const MacAddr& aa, const MacAddr& spa,
                               const std::vector<Bytes>& pmkids, TimeNs now) const;
    size_t Size() const { return m_entries.size(); }

private:
    struct Entry
    {
        Bytes pmk;
        TimeNs expiry{0};
    };

    size_t m_capacity;
    std::map<MacAddr, Entry> m_entries;
};

} // namespace roamsec

#endif // ROAMSEC_OKC_KEY_STORE_H
