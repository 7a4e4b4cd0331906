/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roaming-lab.h"

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/eap-aka-attributes.h"
#include "ns3/eap-tsk.h"
#include "ns3/eapol.h"
#include "ns3/internet-module.h"
#include "ns3/preassoc-ptk.h"
#include "ns3/roaming-arp-keeper.h"
#include "ns3/roaming-assoc-elements.h"
#include "ns3/roaming-core-adapter.h"
#include "ns3/roaming-lab-attacker.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/wifi-net-device.h"
#include "roaming-security-helper.h"
#include "roaming-topology-helper.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("RoamingLab");

uint64_t
RoamingLabResult::Refused(const std::string& key) const
{
    auto it = refusals.find(key);
    return it == refusals.end() ? 0 : it->second;
}

uint64_t
RoamingLabResult::PortOpensAt(int32_t ap) const
{
    uint64_t n = 0;
    for (int32_t a : mobilePortOpens)
    {
        n += a == ap ? 1 : 0;
    }
    return n;
}

namespace {

constexpr double kApSpacing = 110.0;
constexpr double kSpeed = 20.0;
constexpr uint32_t kMobile = 0;
constexpr int32_t kTargetAp = 1; //!< the AP of the handoff the cases attack
const char* const kVisitedRealm = "visited.example.net";

/** The scenario of a case: the model's configuration before anything is attacked. */
struct LabScenario
{
    std::string method{"full-eap"};
    uint32_t numAps{2};
    bool roundTrip{false};
    double extraSeconds{2.0};  //!< simulated after the mobile reaches the last AP
    bool rogueTargetAp{false}; //!< AP 1 has no RADIUS secret of the visited domain
    bool wrongKey{false};      //!< the USIM's K differs from the home's
    bool allowGsmMode{true};
    bool refusePermanentIdentity{false};
    bool homeGsmMode{false};
    uint32_t tskMaxUses{100};
    double tskLifetimeS{3600};
    double tskUpdateIntervalS{600};
    bool hostChallenge{false};
    bool pmkidSpoofer{false}; //!< a second station, without credentials, claims the
                              //!< mobile's PMKID at AP 0
};

/** One running case: the model and the attacker's memory. */
struct LabRun
{
    LabScenario scenario;
    RoamingTopology topo;
    RoamingSecurityRoles roles;
    Ptr<RoamingLabAttacker> attacker;
    RoamingLabResult* result{nullptr};
    roamsec::EapAkaProfile profile{roamsec::EapAkaProfile::Draft04};
    Ns3RandomSource rng;
    std::vector<roamsec::Bytes> recorded; //!< frames the attacker kept
    uint32_t count{0};                    //!< frames of interest seen so far
    bool done{false};                     //!< the attack was carried out
    std::unique_ptr<roamsec::VisitedTskStore> tskStore;
    std::unique_ptr<roamsec::EapTskServer> tskServer;

    /**
     * The spoofing station's (re)association request: an RSNE naming the PMKID the
     * mobile holds for that AP (in the clear in the mobile's own requests and in 4-way
     * message 1), without the PMK behind it.
     */
    std::vector<uint8_t> SpooferRequestElements(Mac48Address bssid)
    {
        roamsec::RsnElement rsne;
        Mac48Address victim
            = Mac48Address::ConvertFrom(topo.mobileWifiDevices.Get(kMobile)->GetAddress());
        const roamsec::PmksaEntry* entry = roles.mobiles[kMobile]->GetPmksaCache().FindByAddresses(
            ToCoreMac(bssid), ToCoreMac(victim), ToCoreTime(Simulator::Now()));
        if (entry != nullptr)
        {
            rsne.pmkids.push_back(entry->pmkid);
            result->facts["spoofed-pmkid-offered"]++;
        }
        roamsec::Bytes element = roamsec::EncodeRsne(rsne);
        return std::vector<uint8_t>(element.begin(), element.end());
    }

    void SpooferPortOpen(Mac48Address) { result->facts["spoofer-port-opens"]++; }
};

struct LabCaseDef
{
    RoamingLabCase info;
    std::function<void(LabScenario&)> configure;
    std::function<void(LabRun&)> arm;
    std::function<std::string(const RoamingLabResult&)> outcome;
};

// ---- reading and changing EAPOL / EAP / EAP-AKA frames (byte offsets in the EAPOL PDU)

constexpr size_t kEap = 4;            //!< EAP header after the EAPOL header
constexpr size_t kAkaAttributes = 12; //!< EAP(4) + Type(1) + Subtype(1) + Reserved(2)
constexpr uint8_t kEapTypeAka = 23;
constexpr uint8_t kEapTypeIdentity = 1;
constexpr uint8_t kEapCodeRequest = 1;
constexpr uint8_t kEapCodeResponse = 2;

bool
IsEapPacket(const roamsec::Bytes& pdu, uint8_t code, uint8_t type)
{
    return pdu.size() > kEap + 4 && pdu[1] == 0 && pdu[kEap] == code && pdu[kEap + 4] == type;
}

bool
IsAka(const roamsec::Bytes& pdu, uint8_t code, uint8_t subtype)
{
    return pdu.size() >= kAkaAttributes && IsEapPacket(pdu, code, kEapTypeAka)
           && pdu[kEap + 5] == subtype;
}

/** Offset of the first attribute of that number, or 0. */
size_t
FindAkaAttribute(const roamsec::Bytes& pdu, roamsec::EapAkaProfile profile, roamsec::AkaAttr attr)
{
    auto number = roamsec::AkaAttrNumber(profile, attr);
    size_t pos = kAkaAttributes;
    while (number && pos + 2 <= pdu.size() && pdu[pos + 1] != 0)
    {
        if (pdu[pos] == *number)
        {
            return pos;
        }
        pos += 4 * static_cast<size_t>(pdu[pos + 1]);
    }
    return 0;
}

/** After a change of size: the EAPOL body length and the EAP Length. */
void
FixLengths(roamsec::Bytes& pdu)
{
    auto length = static_cast<uint16_t>(pdu.size() - kEap);
    pdu[2] = pdu[kEap + 2] = static_cast<uint8_t>(length >> 8);
    pdu[3] = pdu[kEap + 3] = static_cast<uint8_t>(length & 0xff);
}

roamsec::Bytes
Eapol(const roamsec::Bytes& eap)
{
    roamsec::EapolFrame frame;
    frame.version = 2;
    frame.type = static_cast<uint8_t>(roamsec::EapolType::EapPacket);
    frame.body = eap;
    return roamsec::EncodeEapol(frame);
}

bool
IsEapolKey(const roamsec::Bytes& pdu)
{
    return pdu.size() > 4 && pdu[1] == static_cast<uint8_t>(roamsec::EapolType::Key);
}

/** The identity in an EAP-Response/Identity. */
std::string
IdentityOf(const roamsec::Bytes& pdu)
{
    return std::string(pdu.begin() + kEap + 5, pdu.end());
}

/** The attacker sends an EAP packet to the mobile through the target AP's radio. */
void
InjectEap(LabRun& lab, const roamsec::Bytes& eap, const std::string& sender,
          const std::string& what)
{
    lab.attacker->InjectToMobile(
        lab.topo.apWifiDevices.Get(kTargetAp), kTargetAp, kMobile,
        Mac48Address::ConvertFrom(lab.topo.mobileWifiDevices.Get(kMobile)->GetAddress()),
        Eapol(eap), sender, what);
}

/** A rogue AP (no RADIUS secret) answers the identity with its own first request. */
void
ArmRogueAp(LabRun& lab, std::function<roamsec::Bytes(LabRun&, const roamsec::Bytes&)> firstRequest,
           const std::string& what)
{
    lab.attacker->SetInterceptor(
        [&lab, firstRequest, what](RoamingLabAttacker::Frame& f)
        {
            if (f.direction == RoamingLabAttacker::ToAp && f.ap == kTargetAp && !lab.done
                && IsEapPacket(f.pdu, kEapCodeResponse, kEapTypeIdentity))
            {
                lab.done = true;
                InjectEap(lab, firstRequest(lab, f.pdu), "rogue-ap-1", what);
            }
            return true;
        });
}

std::string
Count(uint64_t n, const std::string& what)
{
    return std::to_string(n) + " " + what;
}

// ------------------------------------------------------------------ the cases

std::vector<LabCaseDef>
MakeCases()
{
    using F = RoamingLabAttacker::Frame;
    std::vector<LabCaseDef> cases;

    cases.push_back(
        {{"rogue-ap",
          "a rogue AP without the RADIUS secret forges an AKA-Challenge: the USIM refuses AUTN"},
         [](LabScenario& s) { s.rogueTargetAp = true; },
         [](LabRun& lab)
         {
             ArmRogueAp(
                 lab,
                 [](LabRun& l, const roamsec::Bytes& identity)
                 {
                     // Without K the rogue can only guess: random RAND, AUTN and K_aut.
                     roamsec::AkaMessage m;
                     m.code = roamsec::EapCode::Request;
                     m.identifier = static_cast<uint8_t>(identity[kEap + 1] + 1);
                     m.subtype = roamsec::EapAkaSubtype::Challenge;
                     m.attrs.rand = l.rng.Generate(16);
                     m.attrs.autn = l.rng.Generate(16);
                     m.attrs.mac = roamsec::Bytes(16, 0);
                     return roamsec::EncodeAkaMessage(l.profile, m, l.rng.Generate(16));
                 },
                 "rogue AP 1 forges an AKA-Challenge (random RAND, AUTN, MAC)");
         },
         [](const RoamingLabResult& r)
         {
             return "mobile refused the forged AUTN ("
                    + Count(r.Refused("mobile:eap-aka:autn-mac-failure"),
                            "AKA-Authentication-Reject, MAC-A wrong")
                    + "); visited AAA discarded "
                    + Count(r.Refused("visited:nas-discarded"), "requests of the rogue NAS")
                    + "; port at AP 1 opened " + std::to_string(r.PortOpensAt(1)) + " times";
         }});

    cases.push_back(
        {{"imsi-catcher",
          "a rogue AP asks for the permanent identity: a client refusing to reveal it keeps its "
          "pseudonym"},
         [](LabScenario& s)
         {
             s.rogueTargetAp = true;
             s.refusePermanentIdentity = true;
         },
         [](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     if (f.direction == RoamingLabAttacker::ToAp && f.ap == kTargetAp)
                     {
                         if (IsAka(f.pdu, kEapCodeResponse, roamsec::EapAkaSubtype::Identity))
                         {
                             lab.result->facts["imsi-revealed"]++;
                         }
                         if (!lab.done && IsEapPacket(f.pdu, kEapCodeResponse, kEapTypeIdentity))
                         {
                             lab.done = true;
                             roamsec::AkaMessage m;
                             m.code = roamsec::EapCode::Request;
                             m.identifier = static_cast<uint8_t>(f.pdu[kEap + 1] + 1);
                             m.subtype = roamsec::EapAkaSubtype::Identity;
                             m.attrs.permanentIdReq = true;
                             lab.result->facts["identity-was-pseudonym"]
                                 = IdentityOf(f.pdu).rfind('0', 0) == 0 ? 0 : 1;
                             InjectEap(lab, roamsec::EncodeAkaMessage(lab.profile, m), "rogue-ap-1",
                                       "rogue AP 1 asks for the permanent identity "
                                       "(AT_PERMANENT_ID_REQ)");
                         }
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             auto it = r.facts.find("imsi-revealed");
             uint64_t revealed = it == r.facts.end() ? 0 : it->second;
             return "mobile ignored the request for its permanent identity ("
                    + Count(r.Refused("mobile:eap-aka:refused-permanent-identity"), "discarded")
                    + "); IMSI sent to the rogue " + std::to_string(revealed) + " times";
         }});

    cases.push_back(
        {{"replayed-challenge", "an old AKA-Challenge replayed at the next handoff: SQN not fresh, "
                                "Synchronization-Failure"},
         [](LabScenario& s) { s.extraSeconds = 12.0; },
         [](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     if (f.direction != RoamingLabAttacker::ToMobile
                         || !IsAka(f.pdu, kEapCodeRequest, roamsec::EapAkaSubtype::Challenge))
                     {
                         return true;
                     }
                     if (lab.recorded.empty())
                     {
                         lab.recorded.push_back(f.pdu); // sniffed at the first association
                     }
                     else if (f.ap == kTargetAp && !lab.done)
                     {
                         lab.done = true;
                         uint8_t identifier = f.pdu[kEap + 1];
                         f.pdu = lab.recorded.front();
                         f.pdu[kEap + 1] = identifier; // to be taken as the current request
                         lab.attacker->NoteAltered(
                             f, "replaced the AKA-Challenge by the one of the first association");
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             return "USIM found the replayed SQN not fresh ("
                    + Count(r.Refused("mobile:eap-aka:sqn-not-fresh"), "Synchronization-Failure")
                    + "); home refused the AUTS made for the old RAND ("
                    + Count(r.Refused("home:resync-failed"), "EAP-Failure")
                    + "); a fresh authentication then opened the port at AP 1 "
                    + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    auto tamperChallenge
        = [](const std::string& what, std::function<void(LabRun&, roamsec::Bytes&)> change)
    {
        return [what, change](LabRun& lab)
        {
            lab.attacker->SetInterceptor(
                [&lab, what, change](F& f)
                {
                    if (f.direction == RoamingLabAttacker::ToMobile && f.ap == kTargetAp
                        && !lab.done
                        && IsAka(f.pdu, kEapCodeRequest, roamsec::EapAkaSubtype::Challenge))
                    {
                        lab.done = true;
                        change(lab, f.pdu);
                        lab.attacker->NoteAltered(f, what);
                    }
                    return true;
                });
        };
    };

    cases.push_back(
        {{"tampered-at-mac", "one bit of AT_MAC flipped in the AKA-Challenge: silently discarded"},
         [](LabScenario& s) { s.extraSeconds = 3.0; },
         tamperChallenge("flipped a bit of AT_MAC in the AKA-Challenge",
                         [](LabRun& lab, roamsec::Bytes& pdu)
                         {
                             size_t at = FindAkaAttribute(pdu, lab.profile, roamsec::AkaAttr::Mac);
                             pdu.at(at + 4) ^= 0x01;
                         }),
         [](const RoamingLabResult& r)
         {
             return "mobile discarded the altered challenge ("
                    + Count(r.Refused("mobile:eap-aka:bad-mac"), "bad AT_MAC")
                    + "); the authenticator's retransmission opened the port at AP 1 "
                    + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    cases.push_back(
        {{"tampered-at-res",
          "one bit of AT_RES flipped in the mobile's answer: the home AAA refuses it"},
         [](LabScenario& s) { s.extraSeconds = 12.0; },
         [](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     if (f.direction == RoamingLabAttacker::ToAp && f.ap == kTargetAp && !lab.done
                         && IsAka(f.pdu, kEapCodeResponse, roamsec::EapAkaSubtype::Challenge))
                     {
                         lab.done = true;
                         size_t at = FindAkaAttribute(f.pdu, lab.profile, roamsec::AkaAttr::Res);
                         f.pdu.at(at + 4) ^= 0x01; // after type, length and RES length
                         lab.attacker->NoteAltered(f, "flipped a bit of AT_RES in the answer");
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             return "home AAA silently discarded the altered answer ("
                    + Count(r.Refused("home:discarded:eap: bad-mac"),
                            "bad AT_MAC, once per RADIUS retransmission")
                    + "); the mobile started again after AuthTimeout: port at AP 1 opened "
                    + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    cases.push_back(
        {{"nonzero-padding",
          "AT_PADDING with non-zero bytes added to the AKA-Challenge: discarded before any MAC"},
         [](LabScenario& s) { s.extraSeconds = 3.0; },
         tamperChallenge("appended AT_PADDING with non-zero bytes",
                         [](LabRun& lab, roamsec::Bytes& pdu)
                         {
                             auto number
                                 = roamsec::AkaAttrNumber(lab.profile, roamsec::AkaAttr::Padding);
                             pdu.insert(pdu.end(), {*number, 1, 0x00, 0x5a});
                             FixLengths(pdu);
                         }),
         [](const RoamingLabResult& r)
         {
             uint64_t n = 0;
             for (const auto& [key, count] : r.refusals)
             {
                 n += key.rfind("mobile:eap-aka:", 0) == 0 ? count : 0;
             }
             return "mobile discarded the challenge (" + Count(n, "silent discard(s)")
                    + "); the retransmission opened the port at AP 1 "
                    + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    cases.push_back(
        {{"unknown-attribute",
          "an unknown non-skippable attribute (type 127) in the AKA-Challenge: silently "
          "discarded"},
         [](LabScenario& s) { s.extraSeconds = 3.0; },
         tamperChallenge("appended attribute 127 (non-skippable, unknown)",
                         [](LabRun&, roamsec::Bytes& pdu)
                         {
                             pdu.insert(pdu.end(), {127, 1, 0, 0});
                             FixLengths(pdu);
                         }),
         [](const RoamingLabResult& r)
         {
             uint64_t n = 0;
             for (const auto& [key, count] : r.refusals)
             {
                 n += key.rfind("mobile:eap-aka:", 0) == 0 ? count : 0;
             }
             return "mobile discarded the challenge (" + Count(n, "silent discard(s)")
                    + "); the retransmission opened the port at AP 1 "
                    + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    cases.push_back(
        {{"eapol-key-replay",
          "4-way messages 1 and 3 replayed after the handshake: replay counter, no key "
          "reinstalled"},
         [](LabScenario& s) { s.extraSeconds = 2.0; },
         [](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     if (f.direction != RoamingLabAttacker::ToMobile || f.ap != kTargetAp
                         || !IsEapolKey(f.pdu) || lab.recorded.size() >= 2)
                     {
                         return true;
                     }
                     lab.recorded.push_back(f.pdu);
                     if (lab.recorded.size() == 2)
                     {
                         Simulator::Schedule(
                             MilliSeconds(500),
                             [&lab]()
                             {
                                 for (size_t i = 0; i < lab.recorded.size(); ++i)
                                 {
                                     lab.attacker->InjectToMobile(
                                         lab.topo.apWifiDevices.Get(kTargetAp), kTargetAp, kMobile,
                                         Mac48Address::ConvertFrom(
                                             lab.topo.mobileWifiDevices.Get(kMobile)->GetAddress()),
                                         lab.recorded[i], "attacker",
                                         "replayed 4-way message " + std::to_string(2 * i + 1));
                                 }
                             });
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             return "mobile dropped the replays ("
                    + Count(r.Refused("mobile:eapol-key:replayed"), "old replay counter") + ", "
                    + Count(r.Refused("mobile:eapol-key:unexpected"), "unexpected")
                    + "); port at AP 1 opened " + std::to_string(r.PortOpensAt(1))
                    + " time(s): no key reinstalled";
         }});

    cases.push_back(
        {{"eapol-key-forged-mic",
          "one bit of the MIC of 4-way message 3 flipped: dropped, the AP's retransmission "
          "completes"},
         [](LabScenario& s) { s.extraSeconds = 2.0; },
         [](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     if (f.direction == RoamingLabAttacker::ToMobile && f.ap == kTargetAp
                         && IsEapolKey(f.pdu) && !lab.done && ++lab.count == 2)
                     {
                         lab.done = true;
                         // EAPOL(4) + descriptor(1) + info(2) + length(2) + counter(8)
                         // + nonce(32) + IV(16) + RSC(8) + reserved(8): the MIC.
                         f.pdu.at(4 + 77) ^= 0x80;
                         lab.attacker->NoteAltered(f, "flipped a bit of the MIC of message 3");
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             return "mobile dropped message 3 ("
                    + Count(r.Refused("mobile:eapol-key:mic-failure"), "MIC failure")
                    + "); the AP's retransmission opened the port at AP 1 "
                    + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    auto groupKeyConfirm = [](const roamsec::Bytes& pdu)
    {
        try
        {
            return roamsec::FindPreassocElement(pdu, roamsec::PreassocSubtype::GroupKeyConfirm)
                .has_value();
        }
        catch (const roamsec::ParseError&)
        {
            return false;
        }
    };

    cases.push_back(
        {{"preassoc-forged-confirm",
          "pre-association PTK: one bit of the Group Key Confirm MIC flipped: the AP discards "
          "it"},
         [](LabScenario& s)
         {
             s.method = "pre-association-ptk";
             s.extraSeconds = 2.0;
         },
         [groupKeyConfirm](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab, groupKeyConfirm](F& f)
                 {
                     if (f.direction == RoamingLabAttacker::ToAp && f.ap == kTargetAp && !lab.done
                         && f.etherType == roamsec::kEtherTypePreassoc && groupKeyConfirm(f.pdu))
                     {
                         lab.done = true;
                         f.pdu.back() ^= 0x01; // the MIC ends the element
                         lab.attacker->NoteAltered(f, "flipped a bit of the Group Key Confirm MIC");
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             return "AP 1 discarded the forged confirm ("
                    + Count(r.Refused("ap-1:preassoc:INVALID_MIC"), "invalid MIC")
                    + "); AP 1's port for the mobile opened "
                    + std::to_string(std::count(r.apPortOpens.begin(), r.apPortOpens.end(), 1))
                    + " time(s): the confirm is not retransmitted; AP 1 gave up at its deadline ("
                    + Count(r.Refused("ap-1:preassoc:TIMEOUT"), "TIMEOUT")
                    + "), the handoff never completes";
         }});

    // FT reassociation requests: flip one bit of the FTE's MIC, or of the RSNE's PMKID
    // (PMKR1Name), in the request to AP 1.
    auto ftReassociationCase = [](const std::string& name, const std::string& summary,
                                  const std::string& refusal, bool micNotName)
    {
        return LabCaseDef{
            {name, summary},
            [](LabScenario& s)
            {
                s.method = "ft-over-air";
                s.extraSeconds = 3.0;
            },
            [micNotName](LabRun& lab)
            {
                lab.attacker->SetReassociationInterceptor(
                    [&lab, micNotName](F& f)
                    {
                        uint8_t id = micNotName ? roamsec::kElementIdFastBssTransition
                                                : roamsec::kElementIdRsn;
                        std::optional<roamsec::Bytes> fte;
                        try
                        {
                            fte = roamsec::FindElement(f.pdu, roamsec::kElementIdFastBssTransition);
                        }
                        catch (const roamsec::ParseError&)
                        {
                            return true;
                        }
                        // only a request that is an FT reassociation (FTE with a MIC)
                        if (f.ap != kTargetAp || lab.done || !fte || fte->size() < 4 || (*fte)[3] == 0)
                        {
                            return true;
                        }
                        for (size_t pos = 0; pos + 2 <= f.pdu.size(); pos += 2 + f.pdu[pos + 1])
                        {
                            if (f.pdu[pos] == id)
                            {
                                // FTE: MIC after Element ID, Length, MIC Control; RSNE: the
                                // PMKID is its last 16 octets here (no group management cipher)
                                size_t at = micNotName ? pos + 4 : pos + 2 + f.pdu[pos + 1] - 1;
                                f.pdu.at(at) ^= 0x01;
                                lab.done = true;
                                lab.attacker->NoteAltered(
                                    f, micNotName ? "flipped a bit of the FTE MIC"
                                                  : "flipped a bit of the PMKR1Name");
                                break;
                            }
                        }
                        return true;
                    });
            },
            [refusal](const RoamingLabResult& r)
            {
                return "AP 1 refused the FT reassociation ("
                       + Count(r.Refused("ap-1:ft:" + refusal), refusal)
                       + "); the mobile fell back to a full authentication (home AAA "
                         "authentications: "
                       + std::to_string(r.homeSuccesses) + "), port at AP 1 opened "
                       + std::to_string(r.PortOpensAt(1)) + " time(s)";
            }};
    };
    cases.push_back(ftReassociationCase(
        "ft-forged-mic",
        "802.11r FT over the air: one bit of the FTE MIC in the reassociation request flipped: "
        "the AP refuses it (status 55), the mobile authenticates fully",
        "invalid-fte", true));
    cases.push_back(ftReassociationCase(
        "ft-wrong-pmkr1name",
        "802.11r FT over the air: one bit of PMKR1Name in the reassociation request flipped: "
        "the AP refuses it (status 53), the mobile authenticates fully",
        "invalid-pmkid", false));

    cases.push_back(
        {{"preassoc-replayed-confirm",
          "pre-association PTK: the Group Key Confirm replayed after the handoff: the AP drops "
          "it"},
         [](LabScenario& s)
         {
             s.method = "pre-association-ptk";
             s.extraSeconds = 2.0;
         },
         [groupKeyConfirm](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab, groupKeyConfirm](F& f)
                 {
                     if (f.direction == RoamingLabAttacker::ToAp && f.ap == kTargetAp && !lab.done
                         && f.etherType == roamsec::kEtherTypePreassoc && groupKeyConfirm(f.pdu))
                     {
                         lab.done = true;
                         roamsec::Bytes confirm = f.pdu;
                         Simulator::Schedule(
                             MilliSeconds(500),
                             [&lab, confirm]()
                             {
                                 // Sent with the mobile's address: what a spoofer puts on the air.
                                 lab.attacker->InjectToAp(
                                     lab.topo.mobileWifiDevices.Get(kMobile), kTargetAp, kMobile,
                                     Mac48Address::ConvertFrom(
                                         lab.topo.apWifiDevices.Get(kTargetAp)->GetAddress()),
                                     roamsec::kEtherTypePreassoc, confirm,
                                     "replayed the Group Key Confirm");
                             });
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             uint64_t n = 0;
             for (const auto& [key, count] : r.refusals)
             {
                 n += key.rfind("ap-1:preassoc:", 0) == 0 ? count : 0;
             }
             return "AP 1 dropped the replayed confirm (" + Count(n, "discarded")
                    + "); AP 1's port for the mobile opened "
                    + std::to_string(std::count(r.apPortOpens.begin(), r.apPortOpens.end(), 1))
                    + " time(s)";
         }});

    cases.push_back(
        {{"tsk-used-up",
          "delegation: a TSK allowed one local authentication: the next handoff goes home"},
         [](LabScenario& s)
         {
             s.method = "delegated";
             s.numAps = 3;
             s.roundTrip = true;
             s.tskMaxUses = 1;
         },
         [](LabRun&) {},
         [](const RoamingLabResult& r)
         {
             return "visited domain authenticated locally "
                    + Count(r.localAuthentications, "time(s)")
                    + ", then the used-up TSK sent the mobile home: "
                    + Count(r.homeSuccesses, "full authentication(s) at the home AAA");
         }});

    cases.push_back(
        {{"tsk-expired",
          "delegation: a TSK that expired before the handoff is not used: the mobile goes home"},
         [](LabScenario& s)
         {
             s.method = "delegated";
             s.tskLifetimeS = 2;
         },
         [](LabRun&) {},
         [](const RoamingLabResult& r)
         {
             return "the visited domain authenticated locally "
                    + Count(r.localAuthentications, "time(s)")
                    + " with the 2 s TSK; the handoff to AP 1 went home: "
                    + Count(r.homeSuccesses, "full authentication(s) at the home AAA")
                    + "; port at AP 1 opened " + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    cases.push_back(
        {{"tsk-not-granted",
          "delegation: a rogue visited domain runs EAP-TSK with a TSK it was never granted: "
          "network authentication fails"},
         [](LabScenario& s)
         {
             s.method = "delegated";
             s.rogueTargetAp = true;
         },
         [](LabRun& lab)
         {
             lab.tskStore = std::make_unique<roamsec::VisitedTskStore>();
             roamsec::EapTskServerConfig config;
             config.realm = kVisitedRealm;
             lab.tskServer
                 = std::make_unique<roamsec::EapTskServer>(config, *lab.tskStore, lab.rng);
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     if (f.direction != RoamingLabAttacker::ToAp || f.ap != kTargetAp)
                     {
                         return true;
                     }
                     auto now = ToCoreTime(Simulator::Now());
                     roamsec::EapTskOutput out;
                     if (!lab.done && IsEapPacket(f.pdu, kEapCodeResponse, kEapTypeIdentity))
                     {
                         lab.done = true;
                         // A made-up TSK for this identity: the home never granted it.
                         roamsec::DelegationGrant grant;
                         grant.identity = IdentityOf(f.pdu);
                         grant.visitedRealm = kVisitedRealm;
                         grant.rand = lab.rng.Generate(roamsec::kTskRandLen);
                         grant.tsk = lab.rng.Generate(roamsec::kTskLen);
                         grant.expiresAt = now + roamsec::Seconds(3600);
                         grant.maxUses = 10;
                         lab.tskStore->Install(grant);
                         out = lab.tskServer->Start(grant.identity, f.pdu[kEap + 1], now);
                     }
                     else if (lab.done && f.pdu.size() > kEap + 4 && f.pdu[1] == 0
                              && f.pdu[kEap] == kEapCodeResponse)
                     {
                         out = lab.tskServer->HandleResponse(
                             roamsec::Bytes(f.pdu.begin() + kEap, f.pdu.end()), now);
                     }
                     if (out.eap)
                     {
                         InjectEap(lab, *out.eap, "rogue-visited",
                                   "rogue visited domain sends EAP-TSK with an ungranted TSK");
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             return "mobile refused the visited domain ("
                    + Count(r.Refused("mobile:eap-tsk:network-auth-failed"),
                            "network authentication failure")
                    + "); port at AP 1 opened " + std::to_string(r.PortOpensAt(1)) + " time(s)";
         }});

    cases.push_back(
        {{"host-challenge",
          "delegation: the mobile challenges its home through the visited domain (000 claim "
          "26)"},
         [](LabScenario& s)
         {
             s.method = "delegated";
             s.hostChallenge = true;
             s.numAps = 3;
         },
         [](LabRun&) {},
         [](const RoamingLabResult& r)
         {
             auto it = r.facts.find("wan-messages");
             return "home answered the host challenge through the visited domain: "
                    + Count(r.localAuthentications, "local authentication(s)") + " with "
                    + Count(it == r.facts.end() ? 0 : it->second, "WAN message(s)") + ", "
                    + Count(r.Refused("mobile:eap-tsk:home-auth-failed"), "home response refused");
         }});

    cases.push_back(
        {{"key-update",
          "delegation: home policy replaces the TSK at every local authentication (claims "
          "18-25)"},
         [](LabScenario& s)
         {
             s.method = "delegated";
             s.numAps = 3;
             s.roundTrip = true;
             s.tskUpdateIntervalS = 0;
         },
         [](LabRun&) {},
         [](const RoamingLabResult& r)
         {
             return "home issued " + Count(r.keyUpdates, "key update(s)") + ", "
                    + Count(r.updateReports, "confirmed and reported") + "; "
                    + Count(r.localAuthentications, "local authentication(s)");
         }});

    cases.push_back(
        {{"gsm-mode-refused",
          "the home offers the GSM-compatible mode (no AUTN): a client that refuses it Naks"},
         [](LabScenario& s)
         {
             s.homeGsmMode = true;
             s.allowGsmMode = false;
         },
         [](LabRun&) {},
         [](const RoamingLabResult& r)
         {
             return "mobile answered the challenge without AUTN with a Nak ("
                    + Count(r.Refused("mobile:eap-aka:gsm-mode-refused"), "refusal(s)")
                    + "); home ended with " + Count(r.Refused("home:nak"), "failure(s) (nak)")
                    + "; mobile's port opened " + std::to_string(r.mobilePortOpens.size())
                    + " time(s)";
         }});

    cases.push_back(
        {{"spoofed-pmkid",
          "a station without credentials claims the mobile's PMKID: the PMKSA is bound to the "
          "mobile's address, no cache hit"},
         [](LabScenario& s)
         {
             s.method = "cached-pmk";
             s.pmkidSpoofer = true;
             s.extraSeconds = 7.0;
         },
         [](LabRun& lab)
         {
             lab.attacker->SetInterceptor(
                 [&lab](F& f)
                 {
                     // What the AP answers the spoofer first: EAP (full 802.1X) or, had
                     // the cache hit, 4-way message 1.
                     if (f.direction == RoamingLabAttacker::ToMobile && f.mobile == 1
                         && f.pdu.size() > 1 && !lab.done)
                     {
                         lab.done = true;
                         lab.result->facts["spoofer-first-eapol-type"] = f.pdu[1];
                     }
                     return true;
                 });
         },
         [](const RoamingLabResult& r)
         {
             auto fact = [&r](const std::string& name)
             {
                 auto it = r.facts.find(name);
                 return it == r.facts.end() ? uint64_t{0} : it->second;
             };
             return "the spoofer offered the mobile's PMKID "
                    + std::to_string(fact("spoofed-pmkid-offered"))
                    + " time(s); AP 1 answered with "
                    + (fact("spoofer-first-eapol-type") == 0 ? std::string("EAP (cache miss)")
                                                             : std::string("EAPOL-Key (hit!)"))
                    + "; the spoofer's port opened " + std::to_string(fact("spoofer-port-opens"))
                    + " time(s)";
         }});

    cases.push_back(
        {{"wrong-key",
          "a cloned or mis-provisioned USIM (wrong K): the home's challenge fails AUTN, "
          "EAP-Failure"},
         [](LabScenario& s) { s.wrongKey = true; },
         [](LabRun&) {},
         [](const RoamingLabResult& r)
         {
             return "mobile refused the home's AUTN ("
                    + Count(r.Refused("mobile:eap-aka:autn-mac-failure"), "MAC-A wrong")
                    + "); home ended with "
                    + Count(r.Refused("home:authentication-reject"), "failure(s)")
                    + "; port opened " + std::to_string(r.mobilePortOpens.size()) + " time(s)";
         }});

    return cases;
}

/** Connected to the roles' trace sources: who detected what (lorawan-style tracker). */
struct LabObserver
{
    RoamingLabResult* result;
    Ptr<HandoffRecorder> recorder;
    const RoamingTopology* topo;

    void MobileRefusal(const std::string& check)
    {
        result->refusals["mobile:" + check]++;
        recorder->RecordDetection(kMobile, "mobile", check);
    }

    void ApRefusal(std::string ap, Mac48Address, const std::string& check)
    {
        result->refusals[ap + ":" + check]++;
        recorder->RecordDetection(kMobile, ap, check);
    }

    void HomeAuthentication(std::string what, bool success)
    {
        if (!success)
        {
            result->refusals["home:" + what]++;
            recorder->RecordDetection(kMobile, "home-aaa", what);
        }
    }

    void HomeDiscard(const std::string& reason)
    {
        result->refusals["home:discarded:" + reason]++;
        recorder->RecordDetection(kMobile, "home-aaa", "discarded: " + reason);
    }

    void MobilePortOpen(Mac48Address bssid)
    {
        result->mobilePortOpens.push_back(topo->ApIndex(bssid));
    }

    void ApPortOpen(std::string ap, Mac48Address) { result->apPortOpens.push_back(std::stoi(ap)); }

    void MobileEapFailure(Mac48Address) { result->mobileEapFailures++; }
};

const std::vector<LabCaseDef>&
Cases()
{
    static const std::vector<LabCaseDef> cases = MakeCases();
    return cases;
}

void
WriteJson(const std::string& path, const LabScenario& s, const RoamingLabResult& r, uint32_t run)
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write " + path);
    }
    auto q = [](const std::string& text)
    {
        std::string e = "\"";
        for (char c : text)
        {
            if (c == '"' || c == '\\')
            {
                e += '\\';
            }
            e += c;
        }
        return e + "\"";
    };
    out << "{\n  \"program\": \"roaming-lab\",\n  \"case\": " << q(r.caseName)
        << ",\n  \"seed\": 1,\n  \"run\": " << run << ",\n  \"method\": " << q(s.method)
        << ",\n  \"numAps\": " << s.numAps << ",\n  \"outcome\": " << q(r.outcome)
        << ",\n  \"refusals\": {";
    const char* sep = "";
    for (const auto& [key, n] : r.refusals)
    {
        out << sep << "\n    " << q(key) << ": " << n;
        sep = ",";
    }
    out << "\n  },\n  \"mobilePortOpens\": [";
    sep = "";
    for (int32_t ap : r.mobilePortOpens)
    {
        out << sep << ap;
        sep = ", ";
    }
    out << "],\n  \"facts\": {";
    sep = "";
    for (const auto& [key, n] : r.facts)
    {
        out << sep << "\n    " << q(key) << ": " << n;
        sep = ",";
    }
    out << "\n  },\n  \"attacker\": {\"altered\": " << r.attackerAltered
        << ", \"dropped\": " << r.attackerDropped << ", \"injected\": " << r.attackerInjected
        << "},\n  \"handoffs\": " << r.handoffs
        << ",\n  \"handoffsComplete\": " << r.handoffsComplete
        << ",\n  \"dataPackets\": " << r.dataPackets << "\n}\n";
}

} // namespace

const std::vector<RoamingLabCase>&
RoamingLab::GetCases()
{
    static const std::vector<RoamingLabCase> cases = []()
    {
        std::vector<RoamingLabCase> list;
        for (const auto& c : Cases())
        {
            list.push_back(c.info);
        }
        return list;
    }();
    return cases;
}

bool
RoamingLab::HasCase(const std::string& name)
{
    for (const auto& c : Cases())
    {
        if (c.info.name == name)
        {
            return true;
        }
    }
    return false;
}

RoamingLabResult
RoamingLab::Run(const std::string& name, const RoamingLabOptions& options)
{
    const LabCaseDef* def = nullptr;
    for (const auto& c : Cases())
    {
        def = c.info.name == name ? &c : def;
    }
    if (def == nullptr)
    {
        throw std::invalid_argument("no lab case named '" + name + "'");
    }
    RoamingLabResult result;
    result.caseName = name;
    LabRun lab;
    lab.result = &result;
    def->configure(lab.scenario);
    const LabScenario& s = lab.scenario;

    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(options.run);
    Ptr<RoamingTopologyHelper> topoHelper = CreateObject<RoamingTopologyHelper>();
    topoHelper->SetAttribute("NumAps", UintegerValue(s.numAps));
    topoHelper->SetAttribute("NumMobiles", UintegerValue(s.pmkidSpoofer ? 2 : 1));
    topoHelper->SetAttribute("StartSpread", DoubleValue(s.pmkidSpoofer ? 800.0 : 0.0));
    topoHelper->SetAttribute("ApSpacing", DoubleValue(kApSpacing));
    topoHelper->SetAttribute("Speed", DoubleValue(kSpeed));
    topoHelper->SetAttribute("RoundTrip", BooleanValue(s.roundTrip));
    topoHelper->SetAttribute("WanDelay", TimeValue(MilliSeconds(50)));
    if (!s.roundTrip)
    {
        // The walk ends half a spacing past the last AP: move that AP 30 m on, so that
        // the mobile stays well within its range while a case recovers.
        std::ostringstream positions;
        for (uint32_t i = 0; i < s.numAps; ++i)
        {
            positions << (i ? ";" : "") << i * kApSpacing + (i + 1 == s.numAps ? 30.0 : 0.0)
                      << ",0";
        }
        topoHelper->SetAttribute("ApPositions", StringValue(positions.str()));
    }
    lab.topo = topoHelper->Build();

    RoamingSecurityHelper security;
    security.SetMobileAttribute("Method", StringValue(s.method));
    if (s.method.rfind("ft-", 0) == 0)
    {
        security.SetAccessPointAttribute("MobilityDomain", UintegerValue(1));
    }
    security.SetMobileAttribute("HostChallenge", BooleanValue(s.hostChallenge));
    security.SetMobileAttribute("AllowGsmMode", BooleanValue(s.allowGsmMode));
    security.SetMobileAttribute("RefusePermanentIdentity", BooleanValue(s.refusePermanentIdentity));
    security.SetHomeAaaAttribute("GsmCompatibleMode", BooleanValue(s.homeGsmMode));
    security.SetHomeAaaAttribute("TskMaxUses", UintegerValue(s.tskMaxUses));
    security.SetHomeAaaAttribute("TskLifetime", TimeValue(Seconds(s.tskLifetimeS)));
    security.SetHomeAaaAttribute("TskUpdateInterval", TimeValue(Seconds(s.tskUpdateIntervalS)));
    security.SetRecorderAttribute("TraceMessages", BooleanValue(true));
    security.SetRecorderAttribute("Run", UintegerValue(options.run));
    if (s.method == "delegated")
    {
        security.EnableDelegation(kVisitedRealm);
    }
    lab.roles = security.Install(lab.topo);
    int64_t streams = topoHelper->AssignStreams(lab.topo, 100);
    streams += security.AssignStreams(lab.roles, 100 + streams);
    lab.rng.SetStream(100 + streams);
    lab.roles.recorder->SetLabCase(name);
    if (s.wrongKey)
    {
        lab.roles.mobiles[kMobile]->SetCredentials("001010000000000", roamsec::Bytes(16, 0x11),
                                                   roamsec::Bytes(16, 0x22));
    }
    if (s.rogueTargetAp)
    {
        lab.roles.aps[kTargetAp]->SetAaa(lab.topo.visitedAaaAddress, "rogue-without-the-secret");
    }
    if (s.pmkidSpoofer)
    {
        // Mobile 1 is the spoofer: not a subscriber, walking in from 400 m so that it
        // reaches AP 1 after the mobile holds its PMKSA there; it then associates with
        // the mobile's PMKID.
        Ptr<RoamingMobile> spoofer = lab.roles.mobiles[1];
        spoofer->SetCredentials("001019999999999", roamsec::Bytes(16, 0x33),
                                roamsec::Bytes(16, 0x44));
        Ptr<NetDevice> device = lab.topo.mobileWifiDevices.Get(1);
        Simulator::Schedule(
            MilliSeconds(500),
            [device, &lab]()
            {
                device->GetObject<RoamingAssocElements>()->SetAssocRequestElementProvider(
                    MakeCallback(&LabRun::SpooferRequestElements, &lab));
            });
        spoofer->TraceConnectWithoutContext("PortOpen",
                                            MakeCallback(&LabRun::SpooferPortOpen, &lab));
    }
    lab.attacker = CreateObject<RoamingLabAttacker>();
    lab.attacker->SetRecorder(lab.roles.recorder);
    for (const auto& mobile : lab.roles.mobiles)
    {
        mobile->SetLabAttacker(lab.attacker);
    }
    for (const auto& ap : lab.roles.aps)
    {
        ap->SetLabAttacker(lab.attacker);
    }
    def->arm(lab);
    RoamingArpKeeper::PopulateSubnets(NodeContainer::GetGlobal());

    // Who detected what: the trace sources of every role, into the result and the trace.
    LabObserver observer{&result, lab.roles.recorder, &lab.topo};
    lab.roles.mobiles[kMobile]->TraceConnectWithoutContext(
        "SecurityRefusal", MakeCallback(&LabObserver::MobileRefusal, &observer));
    lab.roles.mobiles[kMobile]->TraceConnectWithoutContext(
        "PortOpen", MakeCallback(&LabObserver::MobilePortOpen, &observer));
    lab.roles.mobiles[kMobile]->TraceConnectWithoutContext(
        "EapFailure", MakeCallback(&LabObserver::MobileEapFailure, &observer));
    for (size_t i = 0; i < lab.roles.aps.size(); ++i)
    {
        std::string ap = "ap-" + std::to_string(i);
        lab.roles.aps[i]->TraceConnect("SecurityRefusal", ap,
                                       MakeCallback(&LabObserver::ApRefusal, &observer));
        lab.roles.aps[i]->TraceConnect("PortOpen", std::to_string(i),
                                       MakeCallback(&LabObserver::ApPortOpen, &observer));
    }
    lab.roles.homeAaa->TraceConnectWithoutContext(
        "Authentication", MakeCallback(&LabObserver::HomeAuthentication, &observer));
    lab.roles.homeAaa->TraceConnectWithoutContext(
        "Discard", MakeCallback(&LabObserver::HomeDiscard, &observer));

    double legTime = ((s.numAps - 1) * kApSpacing + kApSpacing / 2) / kSpeed;
    double duration = (s.roundTrip ? 2 * legTime : legTime) + s.extraSeconds;
    UdpClientHelper client(lab.topo.mobileAddresses[kMobile], 9);
    client.SetAttribute("MaxPackets", UintegerValue(std::numeric_limits<uint32_t>::max()));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(20)));
    client.SetAttribute("PacketSize", UintegerValue(200));
    ApplicationContainer apps = client.Install(lab.topo.correspondent);
    apps.Start(Seconds(0.5));
    apps.Stop(Seconds(duration));

    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    result.refusals["visited:nas-discarded"] = lab.roles.visitedAaa->GetCounters().discardedFromNas;
    if (result.refusals["visited:nas-discarded"] == 0)
    {
        result.refusals.erase("visited:nas-discarded");
    }
    result.homeSuccesses = lab.roles.homeAaa->GetAuthentications(true);
    result.localAuthentications = lab.roles.visitedAaa->GetLocalAuthentications();
    result.keyUpdates = lab.roles.homeAaa->GetKeyUpdates();
    result.updateReports = lab.roles.homeAaa->GetKeyUpdates(true);
    result.attackerAltered = lab.attacker->GetAltered();
    result.attackerDropped = lab.attacker->GetDropped();
    result.attackerInjected = lab.attacker->GetInjected();
    result.dataPackets = lab.roles.mobiles[kMobile]->GetReceivedDataPackets();
    for (const auto& record : lab.roles.recorder->GetRecords())
    {
        result.handoffs++;
        result.handoffsComplete += record.complete ? 1 : 0;
        result.handoffOutcomes.push_back(record.Outcome());
        result.facts["wan-messages"] += record.messages[static_cast<int>(RoamingLink::Wan)];
    }
    result.outcome = def->outcome(result);
    if (!options.outputDir.empty())
    {
        std::string run = std::to_string(options.run);
        lab.roles.recorder->WriteCsv(options.outputDir + "/handoffs-run" + run + ".csv",
                                     options.outputDir + "/messages-run" + run + ".csv");
        WriteJson(options.outputDir + "/run" + run + ".json", s, result, options.run);
    }
    lab.tskServer.reset();
    Simulator::Destroy();
    return result;
}

} // namespace ns3
