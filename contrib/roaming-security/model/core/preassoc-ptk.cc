/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Pre-association PTK: element codecs, key names, MICs and the sans-IO STA
 * and AP state machines. See preassoc-ptk.h and doc/preassoc-ptk.rst.
 */
#include "preassoc-ptk.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

namespace {

constexpr size_t kElementHeaderLen = 6; // ID, Length, OUI(3), Subtype

void
Require(bool ok, const char* what)
{
    if (!ok)
    {
        throw std::invalid_argument(std::string("preassoc-ptk: bad field size: ") + what);
    }
}

PreassocEvent
Event(PreassocEvent::Kind kind, const MacAddr& peer,
      PreassocStatus status = PreassocStatus::Success, SaType saType = SaType::PreassocPtk)
{
    PreassocEvent e{kind};
    e.peer = peer;
    e.status = status;
    e.saType = saType;
    return e;
}

/** Reads the header of a raw element; returns (subtype, reader over the body). */
uint8_t
ReadHeader(ByteReader& r)
{
    if (r.ReadU8() != kVendorSpecificElementId)
    {
        throw ParseError("preassoc: not a vendor-specific element");
    }
    uint8_t len = r.ReadU8();
    if (len != r.Remaining() || len < 4)
    {
        throw ParseError("preassoc: element length mismatch");
    }
    for (uint8_t o : kPreassocOui)
    {
        if (r.ReadU8() != o)
        {
            throw ParseError("preassoc: foreign OUI");
        }
    }
    return r.ReadU8();
}

void
ExpectEnd(const ByteReader& r)
{
    if (!r.AtEnd())
    {
        throw ParseError("preassoc: trailing octets");
    }
}

bool
IsKnownSaType(uint8_t t)
{
    return t >= static_cast<uint8_t>(SaType::Full8021X)
           && t <= static_cast<uint8_t>(SaType::PreassocPtk);
}

bool
Contains(const std::vector<SaType>& list, uint8_t t)
{
    return std::any_of(list.begin(), list.end(),
                       [t](SaType s) { return static_cast<uint8_t>(s) == t; });
}

bool
Equal(const Bytes& a, const Bytes& b)
{
    return a.size() == b.size() && ConstantTimeEqual(a, b);
}

} // namespace

std::string
PreassocStatusName(PreassocStatus status)
{
    switch (status)
    {
        case PreassocStatus::Success:
            return "SUCCESS";
        case PreassocStatus::UnspecifiedFailure:
            return "UNSPECIFIED_FAILURE";
        case PreassocStatus::InvalidElement:
            return "INVALID_ELEMENT";
        case PreassocStatus::UnsupportedSaType:
            return "UNSUPPORTED_SA_TYPE";
        case PreassocStatus::UnknownPtkid:
            return "UNKNOWN_PTKID";
        case PreassocStatus::StalePtkid:
            return "STALE_PTKID";
        case PreassocStatus::InvalidMic:
            return "INVALID_MIC";
        case PreassocStatus::ReplayedSRandom:
            return "REPLAYED_SRANDOM";
        case PreassocStatus::InvalidSRandomEcho:
            return "INVALID_SRANDOM_ECHO";
        case PreassocStatus::InvalidARandomEcho:
            return "INVALID_ARANDOM_ECHO";
        case PreassocStatus::GtkUnwrapFailed:
            return "GTK_UNWRAP_FAILED";
        case PreassocStatus::Timeout:
            return "TIMEOUT";
    }
    return "STATUS_" + std::to_string(static_cast<uint16_t>(status));
}

// ------------------------------------------------------------------ codecs

Bytes
EncodePreassocElement(PreassocSubtype subtype, const Bytes& body)
{
    Require(body.size() + 4 <= 255, "element body too long");
    ByteWriter w;
    w.U8(kVendorSpecificElementId).U8(static_cast<uint8_t>(body.size() + 4));
    w.Append(kPreassocOui.data(), kPreassocOui.size());
    w.U8(static_cast<uint8_t>(subtype)).Append(body);
    return w.Take();
}

std::optional<Bytes>
FindPreassocElement(const Bytes& elements, PreassocSubtype subtype)
{
    std::optional<Bytes> found;
    ByteReader r(elements);
    while (!r.AtEnd())
    {
        size_t start = r.Position();
        uint8_t id = r.ReadU8();
        uint8_t len = r.ReadU8();
        ByteReader info = r.Sub(len);
        if (id != kVendorSpecificElementId || len < 4)
        {
            continue;
        }
        bool ours = true;
        for (uint8_t o : kPreassocOui)
        {
            ours = ours && info.ReadU8() == o;
        }
        if (!ours || info.ReadU8() != static_cast<uint8_t>(subtype))
        {
            continue;
        }
        if (found)
        {
            throw ParseError("preassoc: duplicate element");
        }
        found = Slice(elements, start, 2 + static_cast<size_t>(len));
    }
    return found;
}

Bytes
PreassocElementBody(const Bytes& element, PreassocSubtype subtype)
{
    ByteReader r(element);
    if (ReadHeader(r) != static_cast<uint8_t>(subtype))
    {
        throw ParseError("preassoc: unexpected subtype");
    }
    return r.ReadBytes(r.Remaining());
}

Bytes
SaTypeElement::Encode() const
{
    Require(subtype == PreassocSubtype::SaTypeList || subtype == PreassocSubtype::SaTypeSelection,
            "SA type subtype");
    Require(!types.empty() && types.size() <= 250, "SA type count");
    Require(subtype != PreassocSubtype::SaTypeSelection || types.size() == 1, "selection count");
    ByteWriter w;
    w.U8(static_cast<uint8_t>(types.size()));
    w.Append(types.data(), types.size());
    return EncodePreassocElement(subtype, w.Data());
}

SaTypeElement
SaTypeElement::Decode(const Bytes& element)
{
    ByteReader r(element);
    SaTypeElement e;
    uint8_t st = ReadHeader(r);
    if (st != static_cast<uint8_t>(PreassocSubtype::SaTypeList)
        && st != static_cast<uint8_t>(PreassocSubtype::SaTypeSelection))
    {
        throw ParseError("preassoc: not an SA type element");
    }
    e.subtype = static_cast<PreassocSubtype>(st);
    uint8_t count = r.ReadU8();
    if (count == 0 || (e.subtype == PreassocSubtype::SaTypeSelection && count != 1))
    {
        throw ParseError("preassoc: bad SA type count");
    }
    Bytes types = r.ReadBytes(count);
    e.types.assign(types.begin(), types.end());
    ExpectEnd(r);
    return e;
}

Bytes
AuthPtkRequest::Encode() const
{
    Require(sRandom.size() == kPreassocRandomLen, "SRandom");
    Require(ptkid.size() == kPtkidLen, "PTKID");
    Require(mic.size() == kPreassocMicLen, "MIC");
    return EncodePreassocElement(PreassocSubtype::AuthPtkRequest, Concat({sRandom, ptkid, mic}));
}

AuthPtkRequest
AuthPtkRequest::Decode(const Bytes& element)
{
    ByteReader r(element);
    if (ReadHeader(r) != static_cast<uint8_t>(PreassocSubtype::AuthPtkRequest))
    {
        throw ParseError("preassoc: not an Authenticate PTK request");
    }
    AuthPtkRequest m;
    m.sRandom = r.ReadBytes(kPreassocRandomLen);
    m.ptkid = r.ReadBytes(kPtkidLen);
    m.mic = r.ReadBytes(kPreassocMicLen);
    ExpectEnd(r);
    return m;
}

Bytes
AuthPtkResponse::Encode() const
{
    Require(aRandom.size() == kPreassocRandomLen, "ARandom");
    Require(sRandom.size() == kPreassocRandomLen, "SRandom");
    Require(ptkid.size() == kPtkidLen, "PTKID");
    Require(gtkId <= 3, "GTKID");
    Require(rsc.size() == 8, "RSC");
    Require(wrappedGtk.size() == 24 || wrappedGtk.size() == 32 || wrappedGtk.size() == 40,
            "wrapped GTK");
    Require(mic.size() == kPreassocMicLen, "MIC");
    ByteWriter w;
    w.Append(aRandom).Append(sRandom).Append(ptkid);
    w.U8(gtkId).U8(static_cast<uint8_t>(wrappedGtk.size() - 8)).Append(rsc);
    w.Append(wrappedGtk).Append(mic);
    return EncodePreassocElement(PreassocSubtype::AuthPtkResponse, w.Data());
}

AuthPtkResponse
AuthPtkResponse::Decode(const Bytes& element)
{
    ByteReader r(element);
    if (ReadHeader(r) != static_cast<uint8_t>(PreassocSubtype::AuthPtkResponse))
    {
        throw ParseError("preassoc: not an Authenticate PTK response");
    }
    AuthPtkResponse m;
    m.aRandom = r.ReadBytes(kPreassocRandomLen);
    m.sRandom = r.ReadBytes(kPreassocRandomLen);
    m.ptkid = r.ReadBytes(kPtkidLen);
    m.gtkId = r.ReadU8();
    if (m.gtkId > 3)
    {
        throw ParseError("preassoc: reserved GTKID bits set");
    }
    uint8_t gtkLen = r.ReadU8();
    if (gtkLen != 16 && gtkLen != 24 && gtkLen != 32)
    {
        throw ParseError("preassoc: bad GTK length");
    }
    m.rsc = r.ReadBytes(8);
    m.wrappedGtk = r.ReadBytes(static_cast<size_t>(gtkLen) + 8);
    m.mic = r.ReadBytes(kPreassocMicLen);
    ExpectEnd(r);
    return m;
}

Bytes
GroupKeyConfirm::Encode() const
{
    Require(aRandom.size() == kPreassocRandomLen, "ARandom");
    Require(mic.size() == kPreassocMicLen, "MIC");
    return EncodePreassocElement(PreassocSubtype::GroupKeyConfirm, Concat({aRandom, mic}));
}

GroupKeyConfirm
GroupKeyConfirm::Decode(const Bytes& element)
{
    ByteReader r(element);
    if (ReadHeader(r) != static_cast<uint8_t>(PreassocSubtype::GroupKeyConfirm))
    {
        throw ParseError("preassoc: not a Group Key Confirm");
    }
    GroupKeyConfirm m;
    m.aRandom = r.ReadBytes(kPreassocRandomLen);
    m.mic = r.ReadBytes(kPreassocMicLen);
    ExpectEnd(r);
    return m;
}

Bytes
DsPtkMessage::Encode() const
{
    ByteWriter w;
    w.Append(sta.data(), sta.size()).Append(bssid.data(), bssid.size());
    switch (subtype)
    {
        case PreassocSubtype::DsPtkMsg1:
            Require(pmkid.size() == kPmkidLen, "PMKID");
            Require(sNonce.size() == kPreassocRandomLen, "SNonce");
            w.Append(pmkid).Append(sNonce);
            break;
        case PreassocSubtype::DsPtkMsg2:
            Require(sNonce.size() == kPreassocRandomLen, "SNonce");
            Require(aNonce.size() == kPreassocRandomLen, "ANonce");
            Require(ptkid.size() == kPtkidLen, "PTKID");
            Require(mic.size() == kPreassocMicLen, "MIC");
            w.U16(status)
                .Append(sNonce)
                .Append(aNonce)
                .Append(ptkid)
                .U32(lifetimeSeconds)
                .Append(mic);
            break;
        case PreassocSubtype::DsPtkMsg3:
            Require(ptkid.size() == kPtkidLen, "PTKID");
            Require(aNonce.size() == kPreassocRandomLen, "ANonce");
            Require(mic.size() == kPreassocMicLen, "MIC");
            w.Append(ptkid).Append(aNonce).Append(mic);
            break;
        case PreassocSubtype::DsPtkMsg4:
            Require(ptkid.size() == kPtkidLen, "PTKID");
            Require(mic.size() == kPreassocMicLen, "MIC");
            w.Append(ptkid).Append(mic);
            break;
        default:
            Require(false, "not an over-DS subtype");
    }
    return EncodePreassocElement(subtype, w.Data());
}

DsPtkMessage
DsPtkMessage::Decode(const Bytes& element)
{
    ByteReader r(element);
    uint8_t st = ReadHeader(r);
    DsPtkMessage m;
    Bytes sta = r.ReadBytes(6);
    Bytes bssid = r.ReadBytes(6);
    std::copy(sta.begin(), sta.end(), m.sta.begin());
    std::copy(bssid.begin(), bssid.end(), m.bssid.begin());
    switch (static_cast<PreassocSubtype>(st))
    {
        case PreassocSubtype::DsPtkMsg1:
            m.pmkid = r.ReadBytes(kPmkidLen);
            m.sNonce = r.ReadBytes(kPreassocRandomLen);
            break;
        case PreassocSubtype::DsPtkMsg2:
            m.status = r.ReadU16();
            m.sNonce = r.ReadBytes(kPreassocRandomLen);
            m.aNonce = r.ReadBytes(kPreassocRandomLen);
            m.ptkid = r.ReadBytes(kPtkidLen);
            m.lifetimeSeconds = r.ReadU32();
            m.mic = r.ReadBytes(kPreassocMicLen);
            break;
        case PreassocSubtype::DsPtkMsg3:
            m.ptkid = r.ReadBytes(kPtkidLen);
            m.aNonce = r.ReadBytes(kPreassocRandomLen);
            m.mic = r.ReadBytes(kPreassocMicLen);
            break;
        case PreassocSubtype::DsPtkMsg4:
            m.ptkid = r.ReadBytes(kPtkidLen);
            m.mic = r.ReadBytes(kPreassocMicLen);
            break;
        default:
            throw ParseError("preassoc: not an over-DS message");
    }
    m.subtype = static_cast<PreassocSubtype>(st);
    ExpectEnd(r);
    return m;
}

// --------------------------------------------------------------- key names

Bytes
ComputePtkid(const Bytes& pmkid, const Bytes& sNonce, const Bytes& aNonce, const MacAddr& bssid,
             const MacAddr& sta)
{
    Bytes digest = Sha256(
        Concat({pmkid, ToBytes("PREASSOC PTKID"), sNonce, aNonce, MacBytes(bssid), MacBytes(sta)}));
    digest.resize(kPtkidLen);
    return digest;
}

Bytes
ComputePreassocMic(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid, const Bytes& covered,
                   const Bytes& element)
{
    Require(element.size() >= kElementHeaderLen + kPreassocMicLen, "element too short for a MIC");
    Bytes zeroed = element;
    std::fill(zeroed.end() - kPreassocMicLen, zeroed.end(), 0);
    Bytes mic = HmacSha1(kck, Concat({MacBytes(sta), MacBytes(bssid), covered, zeroed}));
    mic.resize(kPreassocMicLen);
    return mic;
}

Bytes
SealPreassocElement(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid,
                    const Bytes& covered, Bytes element)
{
    Bytes mic = ComputePreassocMic(kck, sta, bssid, covered, element);
    std::copy(mic.begin(), mic.end(), element.end() - kPreassocMicLen);
    return element;
}

bool
VerifyPreassocMic(const Bytes& kck, const MacAddr& sta, const MacAddr& bssid, const Bytes& covered,
                  const Bytes& element)
{
    if (element.size() < kElementHeaderLen + kPreassocMicLen)
    {
        return false;
    }
    Bytes expected = ComputePreassocMic(kck, sta, bssid, covered, element);
    return ConstantTimeEqual(expected.data(), element.data() + element.size() - kPreassocMicLen,
                             kPreassocMicLen);
}

// ------------------------------------------------------------- STA session

PreassocStaSession::PreassocStaSession(PreassocStaConfig config, RandomSource& rng)
    : m_config(std::move(config))
    , m_rng(rng)
{
    Require(m_config.pmk.size() == kPmkLen, "PMK");
    Require(m_config.pmkid.size() == kPmkidLen, "PMKID");
    Require(Contains(m_config.offeredSaTypes, static_cast<uint8_t>(SaType::PreassocPtk)),
            "PreassocPtk not offered");
    Require(m_config.maxTransmissions >= 1, "maxTransmissions");
}

PreassocOutput
PreassocStaSession::Fail(PreassocStatus status)
{
    m_state = State::Failed;
    m_deadline.reset();
    PreassocOutput out;
    out.events.push_back(Event(PreassocEvent::Kind::Refused, m_config.targetBssid, status));
    return out;
}

PreassocOutput
PreassocStaSession::Start(TimeNs now)
{
    PreassocOutput out;
    if (m_state != State::Idle)
    {
        return out;
    }
    m_sNonce = m_rng.Generate(kPreassocRandomLen);
    DsPtkMessage msg1;
    msg1.subtype = PreassocSubtype::DsPtkMsg1;
    msg1.sta = m_config.sta;
    msg1.bssid = m_config.targetBssid;
    msg1.pmkid = m_config.pmkid;
    msg1.sNonce = m_sNonce;
    m_lastSent = msg1.Encode();
    m_transmissions = 1;
    m_deadline = now + m_config.retransmitInterval;
    m_state = State::AwaitMsg2;
    out.message = m_lastSent;
    return out;
}

PreassocOutput
PreassocStaSession::HandleDsMessage(const Bytes& message, TimeNs now)
{
    PreassocOutput out;
    DsPtkMessage msg;
    try
    {
        msg = DsPtkMessage::Decode(message);
    }
    catch (const ParseError&)
    {
        out.events.push_back(Event(PreassocEvent::Kind::Discarded, m_config.targetBssid,
                                   PreassocStatus::InvalidElement));
        return out;
    }
    if (msg.sta != m_config.sta || msg.bssid != m_config.targetBssid)
    {
        out.events.push_back(Event(PreassocEvent::Kind::Discarded, m_config.targetBssid,
                                   PreassocStatus::InvalidElement));
        return out;
    }
    if (msg.subtype == PreassocSubtype::DsPtkMsg2 && m_state == State::AwaitMsg2)
    {
        return HandleMsg2(msg, message, now);
    }
    if (msg.subtype == PreassocSubtype::DsPtkMsg4 && m_state == State::AwaitMsg4)
    {
        return HandleMsg4(msg, message, now);
    }
    return out; // duplicates and out-of-order messages: ignored
}

PreassocOutput
PreassocStaSession::HandleMsg2(const DsPtkMessage& msg, const Bytes& raw, TimeNs now)
{
    PreassocOutput out;
    auto discard = [&](PreassocStatus s)
    {
        out.events.push_back(Event(PreassocEvent::Kind::Discarded, m_config.targetBssid, s));
        return out;
    };
    if (!Equal(msg.sNonce, m_sNonce))
    {
        return discard(PreassocStatus::InvalidSRandomEcho);
    }
    if (msg.status != 0)
    {
        // No PTK exists yet, so a refusal cannot be authenticated (as in FT over-the-DS).
        return Fail(static_cast<PreassocStatus>(msg.status));
    }
    if (!Equal(msg.ptkid, ComputePtkid(m_config.pmkid, m_sNonce, msg.aNonce, m_config.targetBssid,
                                       m_config.sta)))
    {
        return discard(PreassocStatus::UnknownPtkid);
    }
    Ptk ptk = DerivePtk(m_config.pmk, m_config.targetBssid, m_config.sta, msg.aNonce, m_sNonce);
    if (!VerifyPreassocMic(ptk.kck, m_config.sta, m_config.targetBssid, {}, raw))
    {
        return discard(PreassocStatus::InvalidMic);
    }
    if (msg.lifetimeSeconds == 0)
    {
        return Fail(PreassocStatus::StalePtkid);
    }
    m_ptk = ptk;
    m_aNonce = msg.aNonce;
    m_ptkid = msg.ptkid;
    m_ptkExpiry = now + Seconds(msg.lifetimeSeconds);

    DsPtkMessage msg3;
    msg3.subtype = PreassocSubtype::DsPtkMsg3;
    msg3.sta = m_config.sta;
    msg3.bssid = m_config.targetBssid;
    msg3.ptkid = m_ptkid;
    msg3.aNonce = m_aNonce;
    msg3.mic = Bytes(kPreassocMicLen, 0);
    m_lastSent
        = SealPreassocElement(m_ptk->kck, m_config.sta, m_config.targetBssid, {}, msg3.Encode());
    m_transmissions = 1;
    m_deadline = now + m_config.retransmitInterval;
    m_state = State::AwaitMsg4;
    out.message = m_lastSent;
    return out;
}

PreassocOutput
PreassocStaSession::HandleMsg4(const DsPtkMessage& msg, const Bytes& raw, TimeNs now)
{
    PreassocOutput out;
    PreassocStatus bad = PreassocStatus::Success;
    if (!Equal(msg.ptkid, m_ptkid))
    {
        bad = PreassocStatus::UnknownPtkid;
    }
    else if (!VerifyPreassocMic(m_ptk->kck, m_config.sta, m_config.targetBssid, {}, raw))
    {
        bad = PreassocStatus::InvalidMic;
    }
    if (bad != PreassocStatus::Success)
    {
        out.events.push_back(Event(PreassocEvent::Kind::Discarded, m_config.targetBssid, bad));
        return out;
    }
    m_state = State::PtkReady;
    m_deadline = m_ptkExpiry;
    out.events.push_back(Event(PreassocEvent::Kind::PtkEstablished, m_config.targetBssid));
    return out;
}

Bytes
PreassocStaSession::BuildReassocElements(TimeNs now)
{
    if (m_state != State::PtkReady && m_state != State::AwaitReassocResponse)
    {
        return {};
    }
    SaTypeElement offer;
    offer.subtype = PreassocSubtype::SaTypeList;
    for (SaType t : m_config.offeredSaTypes)
    {
        offer.types.push_back(static_cast<uint8_t>(t));
    }
    m_saOffer = offer.Encode();
    m_sRandom = m_rng.Generate(kPreassocRandomLen);
    AuthPtkRequest req;
    req.sRandom = m_sRandom;
    req.ptkid = m_ptkid;
    req.mic = Bytes(kPreassocMicLen, 0);
    Bytes sealed = SealPreassocElement(m_ptk->kck, m_config.sta, m_config.targetBssid, m_saOffer,
                                       req.Encode());
    m_state = State::AwaitReassocResponse;
    m_deadline = std::min(m_ptkExpiry, now + m_config.reassocResponseTimeout);
    return Concat({m_saOffer, sealed});
}

PreassocOutput
PreassocStaSession::HandleReassocResponse(uint16_t statusCode, const Bytes& elements, TimeNs now)
{
    PreassocOutput out;
    if (m_state != State::AwaitReassocResponse)
    {
        return out;
    }
    if (statusCode != 0)
    {
        return Fail(static_cast<PreassocStatus>(statusCode));
    }
    try
    {
        std::optional<Bytes> selRaw
            = FindPreassocElement(elements, PreassocSubtype::SaTypeSelection);
        if (!selRaw)
        {
            return Fail(PreassocStatus::InvalidElement);
        }
        uint8_t selected = SaTypeElement::Decode(*selRaw).types.at(0);
        if (!Contains(m_config.offeredSaTypes, selected))
        {
            return Fail(PreassocStatus::UnsupportedSaType);
        }
        if (selected != static_cast<uint8_t>(SaType::PreassocPtk))
        {
            m_state = State::Fallback;
            m_deadline.reset();
            out.events.push_back(Event(PreassocEvent::Kind::SaTypeSelected, m_config.targetBssid,
                                       PreassocStatus::Success, static_cast<SaType>(selected)));
            return out;
        }
        std::optional<Bytes> respRaw
            = FindPreassocElement(elements, PreassocSubtype::AuthPtkResponse);
        if (!respRaw)
        {
            return Fail(PreassocStatus::InvalidElement);
        }
        AuthPtkResponse resp = AuthPtkResponse::Decode(*respRaw);
        if (!Equal(resp.sRandom, m_sRandom) || !Equal(resp.ptkid, m_ptkid))
        {
            return Fail(PreassocStatus::InvalidSRandomEcho);
        }
        if (!VerifyPreassocMic(m_ptk->kck, m_config.sta, m_config.targetBssid, *selRaw, *respRaw))
        {
            return Fail(PreassocStatus::InvalidMic);
        }
        std::optional<Bytes> gtk = AesKeyUnwrap(m_ptk->kek, resp.wrappedGtk);
        if (!gtk)
        {
            return Fail(PreassocStatus::GtkUnwrapFailed);
        }
        m_gtk = *gtk;
        m_gtkId = resp.gtkId;
        m_rsc = resp.rsc;

        GroupKeyConfirm confirm;
        confirm.aRandom = resp.aRandom;
        confirm.mic = Bytes(kPreassocMicLen, 0);
        out.message = SealPreassocElement(m_ptk->kck, m_config.sta, m_config.targetBssid, {},
                                          confirm.Encode());
    }
    catch (const ParseError&)
    {
        return Fail(PreassocStatus::InvalidElement);
    }
    m_state = State::Done;
    m_deadline.reset();
    const MacAddr& ap = m_config.targetBssid;
    out.events.push_back(Event(PreassocEvent::Kind::PtkInstalled, ap));
    out.events.push_back(Event(PreassocEvent::Kind::GtkInstalled, ap));
    out.events.push_back(Event(PreassocEvent::Kind::PortOpen, ap));
    return out;
}

std::optional<TimeNs>
PreassocStaSession::NextDeadline() const
{
    return m_deadline;
}

PreassocOutput
PreassocStaSession::OnTimeout(TimeNs now)
{
    PreassocOutput out;
    if (!m_deadline || now < *m_deadline)
    {
        return out;
    }
    switch (m_state)
    {
        case State::AwaitMsg2:
        case State::AwaitMsg4:
            if (m_transmissions >= m_config.maxTransmissions)
            {
                return Fail(PreassocStatus::Timeout);
            }
            ++m_transmissions;
            m_deadline = now + m_config.retransmitInterval;
            out.message = m_lastSent;
            return out;
        case State::PtkReady:
            return Fail(PreassocStatus::StalePtkid);
        case State::AwaitReassocResponse:
            return Fail(now >= m_ptkExpiry ? PreassocStatus::StalePtkid : PreassocStatus::Timeout);
        default:
            m_deadline.reset();
            return out;
    }
}

// -------------------------------------------------------------- AP session

PreassocApSession::PreassocApSession(PreassocApConfig config, PmkLookup lookup, RandomSource& rng)
    : m_config(std::move(config))
    , m_lookup(std::move(lookup))
    , m_rng(rng)
{
    Require(m_config.ptkLifetime >= Seconds(1), "ptkLifetime");
    Require(m_config.maxStations >= 1, "maxStations");
    Require(!m_config.supportedSaTypes.empty(), "supportedSaTypes");
}

void
PreassocApSession::SetGroupKey(const Bytes& gtk, uint8_t keyId, const Bytes& rsc)
{
    Require(gtk.size() == 16 || gtk.size() == 24 || gtk.size() == 32, "GTK");
    Require(keyId >= 1 && keyId <= 3, "GTK key ID");
    Require(rsc.size() == 8, "RSC");
    m_gtk = gtk;
    m_gtkId = keyId;
    m_rsc = rsc;
}

void
PreassocApSession::Retire(const Bytes& ptkid)
{
    if (ptkid.empty() || m_config.staleCacheSize == 0 || m_stale.count(ptkid) != 0)
    {
        return;
    }
    m_stale.insert(ptkid);
    m_staleOrder.push_back(ptkid);
    while (m_staleOrder.size() > m_config.staleCacheSize)
    {
        m_stale.erase(m_staleOrder.front());
        m_staleOrder.pop_front();
    }
}

bool
PreassocApSession::IsStale(const Bytes& ptkid) const
{
    return m_stale.count(ptkid) != 0;
}

void
PreassocApSession::RememberSRandom(const Bytes& sRandom)
{
    if (m_config.replayCacheSize == 0)
    {
        return;
    }
    m_replay.insert(sRandom);
    m_replayOrder.push_back(sRandom);
    while (m_replayOrder.size() > m_config.replayCacheSize)
    {
        m_replay.erase(m_replayOrder.front());
        m_replayOrder.pop_front();
    }
}

bool
PreassocApSession::HasSeenSRandom(const Bytes& sRandom) const
{
    return m_replay.count(sRandom) != 0;
}

void
PreassocApSession::MakeRoom()
{
    while (m_stations.size() >= m_config.maxStations)
    {
        // Evict the pending or unused PTKSA that expires first; associated STAs stay.
        auto victim = m_stations.end();
        for (auto it = m_stations.begin(); it != m_stations.end(); ++it)
        {
            bool evictable = it->second.state == StaState::AwaitMsg3
                             || it->second.state == StaState::Established;
            if (evictable
                && (victim == m_stations.end() || it->second.expiry < victim->second.expiry))
            {
                victim = it;
            }
        }
        if (victim == m_stations.end())
        {
            return;
        }
        Retire(victim->second.ptkid);
        m_stations.erase(victim);
    }
}

PreassocOutput
PreassocApSession::HandleDsMessage(const Bytes& message, TimeNs now)
{
    PreassocOutput out;
    DsPtkMessage msg;
    try
    {
        msg = DsPtkMessage::Decode(message);
    }
    catch (const ParseError&)
    {
        out.events.push_back(
            Event(PreassocEvent::Kind::Discarded, MacAddr{}, PreassocStatus::InvalidElement));
        return out;
    }
    if (msg.bssid != m_config.bssid)
    {
        out.events.push_back(
            Event(PreassocEvent::Kind::Discarded, msg.sta, PreassocStatus::InvalidElement));
        return out;
    }
    if (msg.subtype == PreassocSubtype::DsPtkMsg1)
    {
        return HandleMsg1(msg, now);
    }
    if (msg.subtype == PreassocSubtype::DsPtkMsg3)
    {
        return HandleMsg3(msg, message, now);
    }
    out.events.push_back(
        Event(PreassocEvent::Kind::Discarded, msg.sta, PreassocStatus::InvalidElement));
    return out;
}

PreassocOutput
PreassocApSession::HandleMsg1(const DsPtkMessage& msg, TimeNs now)
{
    PreassocOutput out;
    auto it = m_stations.find(msg.sta);
    if (it != m_stations.end())
    {
        Station& st = it->second;
        if (st.state == StaState::AwaitMsg3 && st.sNonce == msg.sNonce && st.pmkid == msg.pmkid)
        {
            out.message = st.msg2; // retransmitted Msg1: same answer, same ANonce
            return out;
        }
        if (st.state == StaState::AwaitConfirm || st.state == StaState::PortOpen)
        {
            // Unauthenticated Msg1 must not tear down a live association; the
            // owner calls Disassociate() when the STA leaves.
            out.events.push_back(
                Event(PreassocEvent::Kind::Discarded, msg.sta, PreassocStatus::UnspecifiedFailure));
            return out;
        }
    }

    DsPtkMessage msg2;
    msg2.subtype = PreassocSubtype::DsPtkMsg2;
    msg2.sta = msg.sta;
    msg2.bssid = m_config.bssid;
    msg2.sNonce = msg.sNonce;
    msg2.aNonce = Bytes(kPreassocRandomLen, 0);
    msg2.ptkid = Bytes(kPtkidLen, 0);
    msg2.mic = Bytes(kPreassocMicLen, 0);

    std::optional<Bytes> pmk = m_lookup ? m_lookup(msg.sta, msg.pmkid) : std::nullopt;
    if (!pmk || pmk->size() != kPmkLen)
    {
        msg2.status = static_cast<uint16_t>(PreassocStatus::UnknownPtkid);
        out.message = msg2.Encode();
        out.events.push_back(
            Event(PreassocEvent::Kind::Refused, msg.sta, PreassocStatus::UnknownPtkid));
        return out;
    }
    if (it != m_stations.end())
    {
        Retire(it->second.ptkid); // a new handshake supersedes the old PTKSA
        m_stations.erase(it);
    }
    MakeRoom();
    if (m_stations.size() >= m_config.maxStations)
    {
        msg2.status = static_cast<uint16_t>(PreassocStatus::UnspecifiedFailure);
        out.message = msg2.Encode();
        out.events.push_back(
            Event(PreassocEvent::Kind::Refused, msg.sta, PreassocStatus::UnspecifiedFailure));
        return out;
    }

    Station st;
    st.state = StaState::AwaitMsg3;
    st.pmkid = msg.pmkid;
    st.sNonce = msg.sNonce;
    st.aNonce = m_rng.Generate(kPreassocRandomLen);
    st.ptk = DerivePtk(*pmk, m_config.bssid, msg.sta, st.aNonce, st.sNonce);
    st.ptkid = ComputePtkid(st.pmkid, st.sNonce, st.aNonce, m_config.bssid, msg.sta);
    st.expiry = now + m_config.handshakeTimeout;

    msg2.aNonce = st.aNonce;
    msg2.ptkid = st.ptkid;
    msg2.lifetimeSeconds = static_cast<uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(m_config.ptkLifetime).count());
    st.msg2 = SealPreassocElement(st.ptk.kck, msg.sta, m_config.bssid, {}, msg2.Encode());
    out.message = st.msg2;
    m_stations[msg.sta] = std::move(st);
    return out;
}

PreassocOutput
PreassocApSession::HandleMsg3(const DsPtkMessage& msg, const Bytes& raw, TimeNs now)
{
    PreassocOutput out;
    auto discard = [&](PreassocStatus s)
    {
        out.events.push_back(Event(PreassocEvent::Kind::Discarded, msg.sta, s));
        return out;
    };
    auto it = m_stations.find(msg.sta);
    if (it == m_stations.end() || !Equal(it->second.ptkid, msg.ptkid))
    {
        return discard(IsStale(msg.ptkid) ? PreassocStatus::StalePtkid
                                          : PreassocStatus::UnknownPtkid);
    }
    Station& st = it->second;
    if (!Equal(st.aNonce, msg.aNonce))
    {
        return discard(PreassocStatus::InvalidARandomEcho);
    }
    if (!VerifyPreassocMic(st.ptk.kck, msg.sta, m_config.bssid, {}, raw))
    {
        return discard(PreassocStatus::InvalidMic);
    }
    if (st.state == StaState::Established)
    {
        out.message = st.msg4; // Msg4 was lost: answer the retransmitted Msg3 again
        return out;
    }
    if (st.state != StaState::AwaitMsg3)
    {
        return out;
    }
    DsPtkMessage msg4;
    msg4.subtype = PreassocSubtype::DsPtkMsg4;
    msg4.sta = msg.sta;
    msg4.bssid = m_config.bssid;
    msg4.ptkid = st.ptkid;
    msg4.mic = Bytes(kPreassocMicLen, 0);
    st.msg4 = SealPreassocElement(st.ptk.kck, msg.sta, m_config.bssid, {}, msg4.Encode());
    st.state = StaState::Established;
    // Counted from Msg3, which arrives after the STA saw Msg2: the AP never
    // expires the PTKSA before the STA does.
    st.expiry = now + m_config.ptkLifetime;
    out.message = st.msg4;
    out.events.push_back(Event(PreassocEvent::Kind::PtkEstablished, msg.sta));
    return out;
}

PreassocApSession::ReassocResult
PreassocApSession::Refuse(const MacAddr& sta, PreassocStatus status, Bytes elements)
{
    ReassocResult r;
    r.statusCode = static_cast<uint16_t>(status);
    r.elements = std::move(elements);
    r.events.push_back(Event(PreassocEvent::Kind::Refused, sta, status));
    return r;
}

PreassocApSession::ReassocResult
PreassocApSession::HandleReassocRequest(const MacAddr& sta, const Bytes& elements, TimeNs now)
{
    try
    {
        std::optional<Bytes> offerRaw = FindPreassocElement(elements, PreassocSubtype::SaTypeList);
        if (!offerRaw)
        {
            return Refuse(sta, PreassocStatus::InvalidElement);
        }
        SaTypeElement offer = SaTypeElement::Decode(*offerRaw);
        // The STA's preference order wins among the types both sides support.
        std::optional<uint8_t> selected;
        for (uint8_t t : offer.types)
        {
            if (IsKnownSaType(t) && Contains(m_config.supportedSaTypes, t))
            {
                selected = t;
                break;
            }
        }
        if (!selected)
        {
            SaTypeElement ours;
            ours.subtype = PreassocSubtype::SaTypeList;
            for (SaType t : m_config.supportedSaTypes)
            {
                ours.types.push_back(static_cast<uint8_t>(t));
            }
            return Refuse(sta, PreassocStatus::UnsupportedSaType, ours.Encode());
        }
        SaTypeElement selection;
        selection.subtype = PreassocSubtype::SaTypeSelection;
        selection.types = {*selected};
        Bytes selRaw = selection.Encode();
        if (*selected != static_cast<uint8_t>(SaType::PreassocPtk))
        {
            ReassocResult r;
            r.elements = selRaw;
            r.events.push_back(Event(PreassocEvent::Kind::SaTypeSelected, sta,
                                     PreassocStatus::Success, static_cast<SaType>(*selected)));
            return r;
        }

        std::optional<Bytes> reqRaw
            = FindPreassocElement(elements, PreassocSubtype::AuthPtkRequest);
        if (!reqRaw)
        {
            return Refuse(sta, PreassocStatus::InvalidElement);
        }
        AuthPtkRequest req = AuthPtkRequest::Decode(*reqRaw);
        auto it = m_stations.find(sta);
        if (it == m_stations.end() || !Equal(it->second.ptkid, req.ptkid))
        {
            return Refuse(sta, IsStale(req.ptkid) ? PreassocStatus::StalePtkid
                                                  : PreassocStatus::UnknownPtkid);
        }
        Station& st = it->second;
        if (st.state == StaState::AwaitMsg3)
        {
            return Refuse(sta, PreassocStatus::UnknownPtkid); // not confirmed by Msg3
        }
        if (st.state == StaState::PortOpen
            || (st.state == StaState::Established && now >= st.expiry))
        {
            return Refuse(sta, PreassocStatus::StalePtkid); // consumed or expired
        }
        if (!VerifyPreassocMic(st.ptk.kck, sta, m_config.bssid, *offerRaw, *reqRaw))
        {
            return Refuse(sta, PreassocStatus::InvalidMic);
        }
        // Only MIC-verified SRandoms enter the cache, so forgeries cannot flush it.
        if (HasSeenSRandom(req.sRandom))
        {
            return Refuse(sta, PreassocStatus::ReplayedSRandom);
        }
        RememberSRandom(req.sRandom);
        if (m_gtk.empty())
        {
            return Refuse(sta, PreassocStatus::UnspecifiedFailure);
        }

        AuthPtkResponse resp;
        resp.aRandom = m_rng.Generate(kPreassocRandomLen);
        resp.sRandom = req.sRandom;
        resp.ptkid = st.ptkid;
        resp.gtkId = m_gtkId;
        resp.rsc = m_rsc;
        resp.wrappedGtk = AesKeyWrap(st.ptk.kek, m_gtk);
        resp.mic = Bytes(kPreassocMicLen, 0);
        Bytes sealed = SealPreassocElement(st.ptk.kck, sta, m_config.bssid, selRaw, resp.Encode());

        st.state = StaState::AwaitConfirm;
        st.aRandom = resp.aRandom;
        st.confirmDeadline = now + m_config.confirmTimeout;

        ReassocResult r;
        r.elements = Concat({selRaw, sealed});
        r.events.push_back(Event(PreassocEvent::Kind::PtkInstalled, sta));
        return r;
    }
    catch (const ParseError&)
    {
        return Refuse(sta, PreassocStatus::InvalidElement);
    }
}

PreassocOutput
PreassocApSession::HandleGroupKeyConfirm(const MacAddr& sta, const Bytes& message, TimeNs now)
{
    PreassocOutput out;
    auto discard = [&](PreassocStatus s)
    {
        // Silently dropped (like an EAPOL-Key with a bad MIC): an injected
        // confirm must not tear down the STA's association.
        out.events.push_back(Event(PreassocEvent::Kind::Discarded, sta, s));
        return out;
    };
    auto it = m_stations.find(sta);
    if (it == m_stations.end() || it->second.state != StaState::AwaitConfirm)
    {
        return discard(PreassocStatus::UnknownPtkid);
    }
    Station& st = it->second;
    GroupKeyConfirm confirm;
    try
    {
        confirm = GroupKeyConfirm::Decode(message);
    }
    catch (const ParseError&)
    {
        return discard(PreassocStatus::InvalidElement);
    }
    if (!Equal(confirm.aRandom, st.aRandom))
    {
        return discard(PreassocStatus::InvalidARandomEcho);
    }
    if (!VerifyPreassocMic(st.ptk.kck, sta, m_config.bssid, {}, message))
    {
        return discard(PreassocStatus::InvalidMic);
    }
    st.state = StaState::PortOpen;
    out.events.push_back(Event(PreassocEvent::Kind::GtkInstalled, sta));
    out.events.push_back(Event(PreassocEvent::Kind::PortOpen, sta));
    return out;
}

std::optional<TimeNs>
PreassocApSession::NextDeadline() const
{
    std::optional<TimeNs> next;
    for (const auto& [sta, st] : m_stations)
    {
        std::optional<TimeNs> d;
        if (st.state == StaState::AwaitMsg3 || st.state == StaState::Established)
        {
            d = st.expiry;
        }
        else if (st.state == StaState::AwaitConfirm)
        {
            d = st.confirmDeadline;
        }
        if (d && (!next || *d < *next))
        {
            next = d;
        }
    }
    return next;
}

PreassocOutput
PreassocApSession::OnTimeout(TimeNs now)
{
    PreassocOutput out;
    for (auto it = m_stations.begin(); it != m_stations.end();)
    {
        const Station& st = it->second;
        bool drop = false;
        if ((st.state == StaState::AwaitMsg3 || st.state == StaState::Established)
            && now >= st.expiry)
        {
            drop = true;
        }
        else if (st.state == StaState::AwaitConfirm && now >= st.confirmDeadline)
        {
            drop = true;
            out.events.push_back(
                Event(PreassocEvent::Kind::Refused, it->first, PreassocStatus::Timeout));
        }
        if (drop)
        {
            Retire(st.ptkid);
            it = m_stations.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return out;
}

std::optional<Ptk>
PreassocApSession::GetPtk(const MacAddr& sta) const
{
    auto it = m_stations.find(sta);
    if (it == m_stations.end() || it->second.state == StaState::AwaitMsg3)
    {
        return std::nullopt;
    }
    return it->second.ptk;
}

bool
PreassocApSession::IsPortOpen(const MacAddr& sta) const
{
    auto it = m_stations.find(sta);
    return it != m_stations.end() && it->second.state == StaState::PortOpen;
}

void
PreassocApSession::Disassociate(const MacAddr& sta)
{
    auto it = m_stations.find(sta);
    if (it != m_stations.end())
    {
        Retire(it->second.ptkid);
        m_stations.erase(it);
    }
}

} // namespace roamsec
