/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The AP side of a handoff method as a strategy: the hooks RoamingAccessPoint calls, and
 * what a method may use of its AP.
 */
#ifndef ROAMSEC_ROAMING_AP_METHOD_H
#define ROAMSEC_ROAMING_AP_METHOD_H

#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/rsn-handshake.h"
#include "ns3/wifi-mac-header.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roamsec {
class RandomSource;
class PmksaCache;
struct GroupKey;
} // namespace roamsec

namespace ns3 {

/**
 * \ingroup roaming-security
 *
 * What a RoamingApMethod may use of its AP (RoamingAccessPoint implements it).
 */
class RoamingApMethodHost
{
public:
    virtual ~RoamingApMethodHost() = default;
    /** \return the AP's BSSID */
    virtual Mac48Address GetBssid() const = 0;
    /** \return the AP's random stream */
    virtual roamsec::RandomSource& GetRandom() = 0;
    /** \return the AP's PMKSA cache */
    virtual roamsec::PmksaCache& GetPmksa() = 0;
    /** \return the GTK the AP hands out */
    virtual const roamsec::GroupKey& GetGroupKey() const = 0;
    /**
     * Sends a frame over the backhaul (through the bridge).
     * \param to another AP, or a station (through its AP)
     * \param etherType the EtherType
     * \param payload the frame
     * \param sta the station it concerns (for the message records)
     */
    virtual void SendBackhaulFrame(Mac48Address to, uint16_t etherType,
                                   const roamsec::Bytes& payload, Mac48Address sta)
        = 0;
    /**
     * Sends a management frame to a station on the AP's channel.
     * \param sta the station
     * \param type e.g. WIFI_MAC_MGT_AUTHENTICATION
     * \param body the frame body
     */
    virtual void SendManagementFrame(Mac48Address sta, WifiMacType type, const roamsec::Bytes& body)
        = 0;
    /**
     * Opens the controlled port of a station whose keys the method installed.
     * \param sta the station
     */
    virtual void OpenPortFor(Mac48Address sta) = 0;
    /**
     * A check refused a station's frame and the method answered (traced).
     * \param sta the station
     * \param check what failed
     */
    virtual void ReportRefusal(Mac48Address sta, const std::string& check) = 0;
    /**
     * A frame was dropped by a check (counted, traced).
     * \param sta the station
     * \param check what failed
     */
    virtual void CountDroppedFrame(Mac48Address sta, const std::string& check) = 0;
};

/**
 * \ingroup roaming-security
 *
 * The AP side of a handoff method (doc/methods.rst). An AP serves every method's
 * stations at once, so RoamingAccessPoint owns one strategy per method that needs AP
 * code of its own (pre-association PTK, OKC, FT) and hands each hook to all of them;
 * what every method shares (802.1X, PMKSA cache, 4-way handshake) stays in the AP.
 * The defaults do nothing.
 */
class RoamingApMethod
{
public:
    /** \param host the AP this strategy works for */
    explicit RoamingApMethod(RoamingApMethodHost& host);
    virtual ~RoamingApMethod();
    RoamingApMethod(const RoamingApMethod&) = delete;
    RoamingApMethod& operator=(const RoamingApMethod&) = delete;

    /** \return the EtherTypes of the frames over the DS the method takes */
    virtual std::vector<uint16_t> DsEtherTypes() const;
    /** \return whether it takes Authentication / Action frames from stations */
    virtual bool TakesManagementFrames() const;
    /** \return elements for every Beacon and Probe Response */
    virtual roamsec::Bytes BeaconElements() const;

    /** The method's part of a (re)association response. */
    struct Response
    {
        roamsec::Bytes elements; //!< to append
        uint16_t status{0};      //!< non-zero: the request is refused with this status
    };
    /**
     * A (re)association response to sta is being built.
     * \param sta the station
     * \param request the elements of its request
     * \param now the time
     * \return the method's elements, or a refusal
     */
    virtual Response AssociationResponse(Mac48Address sta, const roamsec::Bytes& request, Time now);
    /**
     * \param sta a station
     * \return whether its last (re)association installed keys through this method (the
     *         AP leaves its port open, no 802.1X)
     */
    virtual bool KeysInstalled(Mac48Address sta) const;
    /**
     * A frame over the DS of one of DsEtherTypes.
     * \param from its source
     * \param etherType its EtherType
     * \param payload the frame
     * \param now the time
     * \return false when refused or malformed (counted as dropped)
     */
    virtual bool ReceiveDs(Mac48Address from, uint16_t etherType, const roamsec::Bytes& payload,
                           Time now);
    /**
     * An Authentication or Action frame from a station (TakesManagementFrames).
     * \param sta the station
     * \param type its type
     * \param body its body
     * \param now the time
     * \return false when refused or malformed (counted as dropped)
     */
    virtual bool ReceiveManagementFrame(Mac48Address sta, WifiMacType type,
                                        const roamsec::Bytes& body, Time now);
    /**
     * No cached PMKSA matches the PMKIDs a station offered: a PMK the method knows.
     * \param sta the station
     * \param pmkids the PMKIDs of its request's RSNE
     * \param now the time
     * \return the PMK, or nullopt
     */
    virtual std::optional<roamsec::Bytes> MatchPmkid(Mac48Address sta,
                                                     const std::vector<roamsec::Bytes>& pmkids,
                                                     Time now);
    /**
     * A full 802.1X authentication of a station succeeded (associated, or
     * pre-authenticating over the DS).
     * \param sta the station
     * \param msk its MSK (64 octets)
     * \param pmk the PMK installed in the AP's PMKSA cache
     * \param now the time
     */
    virtual void Authenticated(Mac48Address sta, const roamsec::Bytes& msk,
                               const roamsec::Bytes& pmk, Time now);
    /**
     * The 4-way handshake after a station's full authentication is about to start.
     * \param sta the station
     * \return the FT keys and elements when its association was an initial mobility
     *         domain association (the handshake then follows 12.7.6 with the FT AKM),
     *         nullopt for the plain handshake from the PMK
     */
    virtual std::optional<roamsec::FtFourWayKeys> FourWayKeys(Mac48Address sta) const;
    /** \param sta a station that left the AP */
    virtual void StationLeft(Mac48Address sta);
    /** The application stops: cancel timers. */
    virtual void Stop();

protected:
    RoamingApMethodHost& m_host; //!< the AP
};

} // namespace ns3

#endif // ROAMSEC_ROAMING_AP_METHOD_H
