/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PMKSA caching (IEEE 802.11-2016 12.6.10.3) and the bookkeeping of RSN
 * pre-authentication (12.6.10.2) for both the STA and the AP.
 */
#ifndef ROAMSEC_PMKSA_CACHE_H
#define ROAMSEC_PMKSA_CACHE_H

#include "eapol.h"
#include "roamsec-bytes.h"
#include "roamsec-time.h"

#include <list>
#include <map>
#include <optional>
#include <vector>

namespace roamsec {

/** One PMK security association. */
struct PmksaEntry
{
    Bytes pmk;
    Bytes pmkid;
    MacAddr aa{};
    MacAddr spa{};
    TimeNs expiry{0}; // absolute, on the caller's clock
    uint32_t akmp{kAkm8021x};
};

struct PmksaCounters
{
    uint64_t hits{0};
    uint64_t misses{0};
    uint64_t evictions{0};   // removed to make room (least recently used)
    uint64_t expirations{0}; // removed because the lifetime ran out
};

/**
 * A bounded PMKSA cache keyed by (AA, SPA, PMKID), most recently used first.
 * Used by the STA (one entry per AP it authenticated with) and by the AP
 * (one entry per STA).
 */
class PmksaCache
{
public:
    explicit PmksaCache(size_t capacity = 32);

    /**
     * Adds a PMKSA; the PMKID is computed from PMK, AA and SPA. An existing
     * entry for the same (AA, SPA) is replaced (one PMKSA per pair, as the
     * newer authentication supersedes it). Returns the stored entry.
     */
    const PmksaEntry& Add(const Bytes& pmk, const MacAddr& aa, const MacAddr& spa, TimeNs lifetime,
                          TimeNs now, uint32_t akmp = kAkm8021x);

    /**
     * AP side: the first PMKID of the STA's list (RSNE of the (Re)Association
     * Request) that names a live PMKSA for (AA, SPA). Counts a hit or a miss.
     */
    const PmksaEntry* Find(const MacAddr& aa, const MacAddr& spa, const std::vector<Bytes>& pmkids,
                           TimeNs now);
    /** STA side: the live PMKSA for (AA, SPA), to offer its PMKID. Counts a hit or a miss. */
    const PmksaEntry* FindByAddresses(const MacAddr& aa, const MacAddr& spa, TimeNs now);

    bool Remove(const MacAddr& aa, const MacAddr& spa, const Bytes& pmkid);
    /** Removes every entry for this peer (deauthentication with a reason that voids the PMKSA). */
    size_t RemovePeer(const MacAddr& peer);
    size_t RemoveExpired(TimeNs now);

    size_t Size() const { return m_entries.size(); }
    size_t Capacity() const { return m_capacity; }
    const PmksaCounters& GetCounters() const { return m_counters; }

private:
    using List = std::list<PmksaEntry>;
    List::iterator Touch(List::iterator it);

    size_t m_capacity;
    List m_entries; // front: most recently used
    PmksaCounters m_counters;
};

/**
 * STA side of pre-authentication: tracks EAP exchanges with target APs
 * (frames carried with EtherType 0x88C7 through the current AP) and turns a
 * successful one into a PMKSA for (target AA, SPA).
 */
class PreauthSupplicant
{
public:
    PreauthSupplicant(PmksaCache& cache, const MacAddr& spa, TimeNs pmkLifetime,
                      TimeNs exchangeTimeout = Seconds(10), size_t maxSessions = 8);

    /**
     * Begins pre-authentication with a target AP: returns the EAPOL-Start PDU
     * to send to the target BSSID with EtherType 0x88C7, or empty when a
     * session with that target is already running or the session table is full.
     */
    Bytes Start(const MacAddr& targetAa, TimeNs now);
    bool InProgress(const MacAddr& targetAa) const;
    /**
     * The EAP peer reported success with this MSK for the target. Caches the
     * PMKSA and returns it; nullptr when no session with that target runs.
     */
    const PmksaEntry* OnEapSuccess(const MacAddr& targetAa, const Bytes& msk, TimeNs now);
    void OnEapFailure(const MacAddr& targetAa);
    /** Drops sessions whose exchange timed out; returns how many. */
    size_t OnTimeout(TimeNs now);
    std::optional<TimeNs> NextDeadline() const;

private:
    PmksaCache& m_cache;
    MacAddr m_spa;
    TimeNs m_lifetime;
    TimeNs m_timeout;
    size_t m_max;
    std::map<MacAddr, TimeNs> m_sessions; // target AA -> deadline
};

/**
 * AP side (the target AP) of pre-authentication: accepts only EAPOL-Start,
 * EAP-Packet and Logoff on EtherType 0x88C7 (no EAPOL-Key), tracks the STA
 * and caches the PMKSA when its EAP authenticator succeeds.
 */
class PreauthAuthenticator
{
public:
    PreauthAuthenticator(PmksaCache& cache, const MacAddr& aa, TimeNs pmkLifetime,
                         TimeNs exchangeTimeout = Seconds(10), size_t maxSessions = 64);

    enum class Verdict
    {
        StartSession, // EAPOL-Start: begin EAP (send EAP-Request/Identity)
        EapPacket,    // hand the body to the EAP authenticator / RADIUS relay
        Logoff,       // session ended by the STA
        Drop,         // malformed, EAPOL-Key, or table full
    };
    /** Classifies a pre-authentication PDU from STA `spa`; out-of-range input is dropped. */
    Verdict Receive(const MacAddr& spa, const Bytes& eapolPdu, TimeNs now);
    const PmksaEntry* OnEapSuccess(const MacAddr& spa, const Bytes& msk, TimeNs now);
    void OnEapFailure(const MacAddr& spa);
    size_t OnTimeout(TimeNs now);
    std::optional<TimeNs> NextDeadline() const;
    uint64_t Dropped() const { return m_dropped; }

private:
    PmksaCache& m_cache;
    MacAddr m_aa;
    TimeNs m_lifetime;
    TimeNs m_timeout;
    size_t m_max;
    std::map<MacAddr, TimeNs> m_sessions; // STA address -> deadline
    uint64_t m_dropped{0};
};

} // namespace roamsec

#endif // ROAMSEC_PMKSA_CACHE_H
