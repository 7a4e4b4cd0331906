/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rsn-handshake.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

uint16_t
ReasonCode(RsnFailure failure)
{
    switch (failure)
    {
        case RsnFailure::PairwiseTimeout:
        case RsnFailure::SupplicantTimeout:
            return 15; // 4-way handshake timeout
        case RsnFailure::GroupTimeout:
            return 16; // group key handshake timeout
        case RsnFailure::RsneMismatch:
            return 17; // element in 4-way handshake different from (Re)Assoc/Beacon/Probe Response
        case RsnFailure::NoPmk:
            return 23; // IEEE 802.1X authentication failed
    }
    return 1;
}

std::string
ToString(RsnFailure failure)
{
    switch (failure)
    {
        case RsnFailure::PairwiseTimeout:
            return "4-way handshake timeout";
        case RsnFailure::GroupTimeout:
            return "group key handshake timeout";
        case RsnFailure::RsneMismatch:
            return "RSNE mismatch";
        case RsnFailure::NoPmk:
            return "no PMK";
        case RsnFailure::SupplicantTimeout:
            return "supplicant handshake deadline";
    }
    return "unknown";
}

namespace {

void
CopyTo(std::array<uint8_t, 32>& dst, const Bytes& src)
{
    std::fill(dst.begin(), dst.end(), 0);
    std::copy_n(src.begin(), std::min(src.size(), dst.size()), dst.begin());
}

Bytes
NonceOf(const EapolKeyFrame& k)
{
    return Bytes(k.nonce.begin(), k.nonce.end());
}

RsnEvent
MakeEvent(RsnEvent::Type t)
{
    RsnEvent e;
    e.type = t;
    return e;
}

void
AddFailure(HandshakeOutput& out, RsnFailure failure)
{
    RsnEvent f = MakeEvent(RsnEvent::Type::HandshakeFailed);
    f.failure = failure;
    f.reasonCode = ReasonCode(failure);
    out.events.push_back(f);
    RsnEvent d = MakeEvent(RsnEvent::Type::Deauthenticate);
    d.failure = failure;
    d.reasonCode = f.reasonCode;
    out.events.push_back(d);
}

/** The first RSNE of a key data field, or empty. */
Bytes
FirstRsne(const KeyDataContents& c)
{
    return c.rsnes.empty() ? Bytes{} : c.rsnes.front();
}

constexpr uint8_t kElementIdTimeoutInterval = 56;
constexpr uint8_t kTimeoutKeyLifetime = 3; //!< Timeout Interval Type 3 (9.4.2.49)

/** An RSNE with its PMKID List replaced by PMKR1Name (FT initial association, 12.7.6.3). */
Bytes
RsneWithPmkR1Name(const Bytes& rsne, const Bytes& pmkR1Name)
{
    RsnElement e = DecodeRsne(rsne);
    e.pmkids = {pmkR1Name};
    return EncodeRsne(e);
}

/** MDE and FTE (R0KH-ID, R1KH-ID) of an FT initial association's messages 2 and 3. */
Bytes
FtHandshakeElements(const FtFourWayKeys& ft)
{
    FtElement fte;
    fte.r0khId = ft.r0khId;
    fte.r1khId = ft.r1khId;
    return Concat({EncodeMde(ft.mde), EncodeFte(fte)});
}

/** Whether the key data holds the MDE and an FTE naming the same key holders. */
bool
FtHandshakeElementsMatch(const KeyDataContents& c, const FtFourWayKeys& ft)
{
    bool mde = false;
    bool fte = false;
    for (const auto& element : c.otherElements)
    {
        try
        {
            if (element[0] == kElementIdMobilityDomain)
            {
                MobilityDomainElement got = DecodeMde(element);
                mde = got.mdid == ft.mde.mdid && got.overDs == ft.mde.overDs;
            }
            else if (element[0] == kElementIdFastBssTransition)
            {
                FtElement got = DecodeFte(element);
                fte = got.r0khId == ft.r0khId && got.r1khId == ft.r1khId;
            }
        }
        catch (const ParseError&)
        {
            return false;
        }
    }
    return mde && fte;
}

/** PTK of a 4-way handshake: the FT KDF from PMK-R1, or the PRF from the PMK (12.7.1.3). */
Ptk
DerivePairwiseKeys(const std::optional<FtFourWayKeys>& ft, const Bytes& pmk, const MacAddr& aa,
                   const MacAddr& spa, const Bytes& anonce, const Bytes& snonce)
{
    return ft ? DeriveFtPtk(ft->pmkR1, snonce, anonce, aa, spa).keys
              : DerivePtk(pmk, aa, spa, anonce, snonce);
}

} // namespace

// ------------------------------------------------------------------ Authenticator

Authenticator::Authenticator(const AuthenticatorConfig& config, RandomSource& rng)
    : m_config(config)
    , m_rng(rng)
{
    if (m_config.pairwiseUpdateCount == 0 || m_config.groupUpdateCount == 0)
    {
        throw std::invalid_argument("update counts must be at least 1");
    }
}

HandshakeOutput
Authenticator::Start(const Bytes& pmk, const GroupKey& group, TimeNs now, const Bytes& pmkid)
{
    m_ft.reset();
    m_version = keyinfo::kVersionHmacSha1Aes;
    return Begin(pmk, pmkid, group, now);
}

HandshakeOutput
Authenticator::StartFt(const FtFourWayKeys& ft, const GroupKey& group, TimeNs now)
{
    if (ft.pmkR1.name.size() != kFtNameLen)
    {
        throw std::invalid_argument("PMKR1Name must be 16 octets");
    }
    m_ft = ft;
    m_version = keyinfo::kVersionAesCmac;
    // Message 1 names the key in its PMKID KDE: PMKR1Name (12.7.6.2).
    return Begin(ft.pmkR1.key, ft.pmkR1.name, group, now);
}

HandshakeOutput
Authenticator::Begin(const Bytes& pmk, const Bytes& pmkid, const GroupKey& group, TimeNs now)
{
    if (pmk.size() != kPmkLen)
    {
        throw std::invalid_argument("PMK must be 32 octets");
    }
    m_pmk = pmk;
    m_pmkid = pmkid.size() == kPmkidLen ? pmkid : Bytes{};
    m_group = group;
    m_anonce = m_rng.Generate(kRsnNonceLen);
    m_tptk.reset();
    m_outstanding.clear();
    m_transmissions = 0;
    m_state = State::PtkStart;
    HandshakeOutput out;
    out.frames.push_back(BuildMessage1());
    Arm(now);
    return out;
}

HandshakeOutput
Authenticator::StartGroupRekey(const GroupKey& group, TimeNs now)
{
    HandshakeOutput out;
    m_group = group;
    if (m_state != State::PtkInitDone && m_state != State::RekeyNegotiating)
    {
        return out; // the new GTK goes out in message 3 of the running 4-way handshake
    }
    m_outstanding.clear();
    m_transmissions = 0;
    m_state = State::RekeyNegotiating;
    out.frames.push_back(BuildGroupMessage1());
    Arm(now);
    return out;
}

void
Authenticator::Arm(TimeNs now)
{
    m_deadline = now + m_config.retransmitTimeout;
}

bool
Authenticator::CounterOutstanding(uint64_t rc) const
{
    return std::find(m_outstanding.begin(), m_outstanding.end(), rc) != m_outstanding.end();
}

Bytes
Authenticator::BuildMessage1()
{
    EapolKeyFrame k;
    k.protocolVersion = m_config.eapolVersion;
    k.keyInfo = m_version | keyinfo::kPairwise | keyinfo::kAck;
    k.keyLength = 16;
    k.replayCounter = ++m_replayCounter;
    CopyTo(k.nonce, m_anonce);
    if (!m_pmkid.empty())
    {
        k.keyData = EncodePmkidKde(m_pmkid);
    }
    m_outstanding.push_back(k.replayCounter);
    ++m_transmissions;
    return EncodeEapolKey(k);
}

Bytes
Authenticator::BuildMessage3()
{
    EapolKeyFrame k;
    k.protocolVersion = m_config.eapolVersion;
    k.keyInfo = m_version | keyinfo::kPairwise | keyinfo::kInstall | keyinfo::kAck
                | keyinfo::kMic | keyinfo::kSecure | keyinfo::kEncryptedKeyData;
    k.keyLength = 16;
    k.replayCounter = ++m_replayCounter;
    CopyTo(k.nonce, m_anonce);
    std::copy_n(m_group.rsc.begin(), std::min<size_t>(8, m_group.rsc.size()), k.rsc.begin());
    GtkKde gtk;
    gtk.keyId = m_group.keyId;
    gtk.gtk = m_group.gtk;
    Bytes plain = m_config.apRsne;
    if (m_ft)
    {
        // 12.7.6.4 with an FT AKM: RSNE with PMKR1Name, MDE, FTE, Timeout Interval.
        uint32_t seconds = m_ft->keyLifetimeSeconds; // Timeout Interval Value, little-endian
        Bytes lifetime{kElementIdTimeoutInterval,
                       5,
                       kTimeoutKeyLifetime,
                       static_cast<uint8_t>(seconds),
                       static_cast<uint8_t>(seconds >> 8),
                       static_cast<uint8_t>(seconds >> 16),
                       static_cast<uint8_t>(seconds >> 24)};
        plain = Concat({RsneWithPmkR1Name(m_config.apRsne, m_ft->pmkR1.name),
                        FtHandshakeElements(*m_ft), lifetime});
    }
    Bytes kde = EncodeGtkKde(gtk);
    plain.insert(plain.end(), kde.begin(), kde.end());
    k.keyData = WrapKeyData(m_tptk->kek, plain);
    m_outstanding.push_back(k.replayCounter);
    ++m_transmissions;
    Bytes pdu = EncodeEapolKey(k);
    SetEapolKeyMic(m_tptk->kck, pdu);
    return pdu;
}

Bytes
Authenticator::BuildGroupMessage1()
{
    EapolKeyFrame k;
    k.protocolVersion = m_config.eapolVersion;
    k.keyInfo = m_version | keyinfo::kAck | keyinfo::kMic | keyinfo::kSecure
                | keyinfo::kEncryptedKeyData;
    k.keyLength = 0;
    k.replayCounter = ++m_replayCounter;
    std::copy_n(m_group.rsc.begin(), std::min<size_t>(8, m_group.rsc.size()), k.rsc.begin());
    GtkKde gtk;
    gtk.keyId = m_group.keyId;
    gtk.gtk = m_group.gtk;
    k.keyData = WrapKeyData(m_ptk->kek, EncodeGtkKde(gtk));
    m_outstanding.push_back(k.replayCounter);
    ++m_transmissions;
    Bytes pdu = EncodeEapolKey(k);
    SetEapolKeyMic(m_ptk->kck, pdu);
    return pdu;
}

void
Authenticator::Fail(HandshakeOutput& out, RsnFailure failure)
{
    m_state = State::Failed;
    m_deadline.reset();
    m_tptk.reset();
    m_outstanding.clear();
    AddFailure(out, failure);
}

HandshakeOutput
Authenticator::Receive(const Bytes& pdu, TimeNs now)
{
    HandshakeOutput out;
    EapolKeyFrame k;
    try
    {
        k = DecodeEapolKey(pdu);
    }
    catch (const ParseError&)
    {
        ++m_counters.malformed;
        return out;
    }
    // Supplicant frames carry a MIC and never Ack (12.7.2), in the version of ours.
    if (k.DescriptorVersion() != m_version || k.Has(keyinfo::kAck) || !k.Has(keyinfo::kMic))
    {
        ++m_counters.malformed;
        return out;
    }
    if (k.Has(keyinfo::kRequest))
    {
        ++m_counters.unexpected; // EAPOL-Key requests (rekey, MIC failure report) not supported
        return out;
    }
    const bool pairwise = k.Has(keyinfo::kPairwise);
    switch (m_state)
    {
        case State::PtkStart:
        {
            if (!pairwise)
            {
                ++m_counters.unexpected;
                return out;
            }
            if (!CounterOutstanding(k.replayCounter))
            {
                ++m_counters.replayed;
                return out;
            }
            Ptk tptk = DerivePairwiseKeys(m_ft, m_pmk, m_config.aa, m_config.spa, m_anonce,
                                          NonceOf(k));
            if (!VerifyEapolKeyMic(tptk.kck, pdu))
            {
                ++m_counters.micFailures;
                return out;
            }
            KeyDataContents c;
            try
            {
                c = ParseKeyData(k.keyData);
            }
            catch (const ParseError&)
            {
                ++m_counters.malformed;
                return out;
            }
            ++m_counters.accepted;
            // 12.7.6.3: the RSNE must be bit-wise identical to the (Re)Association Request's
            // (with an FT AKM: plus PMKR1Name, and the MDE and FTE of the association).
            bool same = m_ft ? FirstRsne(c) == RsneWithPmkR1Name(m_config.staRsne,
                                                                 m_ft->pmkR1.name)
                                   && FtHandshakeElementsMatch(c, *m_ft)
                             : FirstRsne(c) == m_config.staRsne;
            if (!same)
            {
                Fail(out, RsnFailure::RsneMismatch);
                return out;
            }
            m_tptk = tptk;
            m_snonce = NonceOf(k);
            m_outstanding.clear();
            m_transmissions = 0;
            m_state = State::PtkInitNegotiating;
            out.frames.push_back(BuildMessage3());
            Arm(now);
            return out;
        }
        case State::PtkInitNegotiating:
        {
            if (!pairwise)
            {
                ++m_counters.unexpected;
                return out;
            }
            if (!CounterOutstanding(k.replayCounter))
            {
                ++m_counters.replayed; // includes a late message 2 for an earlier message 1
                return out;
            }
            if (!VerifyEapolKeyMic(m_tptk->kck, pdu))
            {
                ++m_counters.micFailures;
                return out;
            }
            if (!k.Has(keyinfo::kSecure))
            {
                ++m_counters.malformed;
                return out;
            }
            ++m_counters.accepted;
            m_ptk = m_tptk;
            m_tptk.reset();
            m_outstanding.clear();
            m_deadline.reset();
            m_state = State::PtkInitDone;
            RsnEvent e = MakeEvent(RsnEvent::Type::PtkInstalled);
            e.ptk = *m_ptk;
            out.events.push_back(e);
            return out;
        }
        case State::RekeyNegotiating:
        {
            if (pairwise)
            {
                ++m_counters.unexpected;
                return out;
            }
            if (!CounterOutstanding(k.replayCounter))
            {
                ++m_counters.replayed;
                return out;
            }
            if (!VerifyEapolKeyMic(m_ptk->kck, pdu))
            {
                ++m_counters.micFailures;
                return out;
            }
            ++m_counters.accepted;
            m_outstanding.clear();
            m_deadline.reset();
            m_state = State::PtkInitDone;
            RsnEvent e = MakeEvent(RsnEvent::Type::GtkInstalled);
            e.gtk = m_group.gtk;
            e.gtkKeyId = m_group.keyId;
            e.rsc = m_group.rsc;
            out.events.push_back(e);
            return out;
        }
        default:
            ++m_counters.unexpected;
            return out;
    }
}

HandshakeOutput
Authenticator::OnTimeout(TimeNs now)
{
    HandshakeOutput out;
    if (!m_deadline || now < *m_deadline)
    {
        return out;
    }
    switch (m_state)
    {
        case State::PtkStart:
        case State::PtkInitNegotiating:
            if (m_transmissions >= m_config.pairwiseUpdateCount)
            {
                Fail(out, RsnFailure::PairwiseTimeout);
                return out;
            }
            ++m_counters.retransmissions;
            out.frames.push_back(m_state == State::PtkStart ? BuildMessage1() : BuildMessage3());
            Arm(now);
            return out;
        case State::RekeyNegotiating:
            if (m_transmissions >= m_config.groupUpdateCount)
            {
                Fail(out, RsnFailure::GroupTimeout);
                return out;
            }
            ++m_counters.retransmissions;
            out.frames.push_back(BuildGroupMessage1());
            Arm(now);
            return out;
        default:
            m_deadline.reset();
            return out;
    }
}

std::optional<TimeNs>
Authenticator::NextDeadline() const
{
    return m_deadline;
}

// ------------------------------------------------------------------ Supplicant

Supplicant::Supplicant(const SupplicantConfig& config, RandomSource& rng)
    : m_config(config)
    , m_rng(rng)
{}

void
Supplicant::SetPmk(const Bytes& pmk)
{
    if (pmk.size() != kPmkLen)
    {
        throw std::invalid_argument("PMK must be 32 octets");
    }
    m_pmk = pmk;
    m_ft.reset();
    m_version = keyinfo::kVersionHmacSha1Aes;
}

void
Supplicant::SetFtPmkR1(const FtFourWayKeys& ft)
{
    if (ft.pmkR1.key.size() != kPmkLen || ft.pmkR1.name.size() != kFtNameLen)
    {
        throw std::invalid_argument("PMK-R1 must be 32 octets and PMKR1Name 16");
    }
    m_pmk = ft.pmkR1.key;
    m_ft = ft;
    m_version = keyinfo::kVersionAesCmac;
}

bool
Supplicant::ReplayOk(uint64_t rc) const
{
    // 12.7.2: discard any EAPOL-Key frame whose counter is not larger than the
    // counter of the last frame whose MIC verified.
    return !m_replaySeen || rc > m_replayCounter;
}

void
Supplicant::AcceptReplay(uint64_t rc)
{
    m_replaySeen = true;
    m_replayCounter = rc;
}

Bytes
Supplicant::Reply(uint16_t keyInfo, uint64_t replayCounter, const Bytes& nonce,
                  const Bytes& keyData, const Bytes& kck) const
{
    EapolKeyFrame k;
    k.protocolVersion = m_config.eapolVersion;
    k.keyInfo = keyInfo;
    k.keyLength = 0;
    k.replayCounter = replayCounter;
    CopyTo(k.nonce, nonce);
    k.keyData = keyData;
    Bytes pdu = EncodeEapolKey(k);
    SetEapolKeyMic(kck, pdu);
    return pdu;
}

HandshakeOutput
Supplicant::Receive(const Bytes& pdu, TimeNs now)
{
    HandshakeOutput out;
    EapolKeyFrame k;
    try
    {
        k = DecodeEapolKey(pdu);
    }
    catch (const ParseError&)
    {
        ++m_counters.malformed;
        return out;
    }
    if (k.DescriptorVersion() != m_version || !k.Has(keyinfo::kAck) || k.Has(keyinfo::kRequest))
    {
        ++m_counters.malformed;
        return out;
    }
    if (m_state == State::Failed)
    {
        ++m_counters.unexpected;
        return out;
    }
    if (k.Has(keyinfo::kPairwise))
    {
        if (!k.Has(keyinfo::kMic))
        {
            return OnMessage1(k, now);
        }
        if (!k.Has(keyinfo::kInstall) || !k.Has(keyinfo::kEncryptedKeyData))
        {
            ++m_counters.malformed;
            return out;
        }
        return OnMessage3(k, pdu);
    }
    if (!k.Has(keyinfo::kMic) || !k.Has(keyinfo::kEncryptedKeyData))
    {
        ++m_counters.malformed;
        return out;
    }
    return OnGroupMessage1(k, pdu);
}

HandshakeOutput
Supplicant::OnMessage1(const EapolKeyFrame& k, TimeNs now)
{
    HandshakeOutput out;
    if (!ReplayOk(k.replayCounter))
    {
        ++m_counters.replayed;
        return out;
    }
    if (m_pmk.empty())
    {
        ++m_counters.unexpected;
        return out;
    }
    KeyDataContents c;
    try
    {
        c = ParseKeyData(k.keyData);
    }
    catch (const ParseError&)
    {
        ++m_counters.malformed;
        return out;
    }
    ++m_counters.accepted;
    Bytes anonce = NonceOf(k);
    // A retransmitted message 1 (same ANonce) gets the same SNonce, so that a
    // message 3 built from either message 2 verifies.
    if (!(m_tptk && anonce == m_anonce))
    {
        m_anonce = anonce;
        m_snonce = m_rng.Generate(kRsnNonceLen);
        m_tptk = DerivePairwiseKeys(m_ft, m_pmk, m_config.aa, m_config.spa, m_anonce, m_snonce);
    }
    m_pmkids = c.pmkids;
    if (m_state != State::Established)
    {
        m_state = State::WaitingMessage3;
    }
    if (m_config.handshakeTimeout > TimeNs(0) && !m_deadline && m_state != State::Established)
    {
        m_deadline = now + m_config.handshakeTimeout;
    }
    Bytes keyData = m_ft ? Concat({RsneWithPmkR1Name(m_config.staRsne, m_ft->pmkR1.name),
                                   FtHandshakeElements(*m_ft)})
                         : m_config.staRsne;
    out.frames.push_back(Reply(m_version | keyinfo::kPairwise | keyinfo::kMic, k.replayCounter,
                               m_snonce, keyData, m_tptk->kck));
    return out;
}

HandshakeOutput
Supplicant::OnMessage3(const EapolKeyFrame& k, const Bytes& pdu)
{
    HandshakeOutput out;
    if (!m_tptk)
    {
        ++m_counters.unexpected;
        return out;
    }
    if (!ReplayOk(k.replayCounter))
    {
        ++m_counters.replayed;
        return out;
    }
    if (!VerifyEapolKeyMic(m_tptk->kck, pdu))
    {
        ++m_counters.micFailures;
        return out;
    }
    if (NonceOf(k) != m_anonce)
    {
        ++m_counters.unexpected; // 12.7.6.4: ANonce must repeat message 1's
        return out;
    }
    auto plain = UnwrapKeyData(m_tptk->kek, k.keyData);
    KeyDataContents c;
    try
    {
        if (!plain)
        {
            throw ParseError("key data unwrap failed");
        }
        c = ParseKeyData(*plain);
        if (!c.gtk)
        {
            throw ParseError("message 3 without GTK KDE");
        }
    }
    catch (const ParseError&)
    {
        ++m_counters.malformed;
        return out;
    }
    AcceptReplay(k.replayCounter);
    ++m_counters.accepted;
    bool same = m_ft ? FirstRsne(c) == RsneWithPmkR1Name(m_config.apRsne, m_ft->pmkR1.name)
                           && FtHandshakeElementsMatch(c, *m_ft)
                     : FirstRsne(c) == m_config.apRsne;
    if (!same)
    {
        m_state = State::Failed;
        m_deadline.reset();
        AddFailure(out, RsnFailure::RsneMismatch);
        return out;
    }
    out.frames.push_back(Reply(m_version | keyinfo::kPairwise | keyinfo::kMic | keyinfo::kSecure,
                               k.replayCounter, Bytes{}, Bytes{}, m_tptk->kck));
    // A retransmitted message 3 is answered but does not reinstall the same
    // keys (reinstallation would reset the receive counters).
    const bool samePtk = m_ptk && m_ptk->tk == m_tptk->tk;
    if (!samePtk)
    {
        m_ptk = m_tptk;
        RsnEvent e = MakeEvent(RsnEvent::Type::PtkInstalled);
        e.ptk = *m_ptk;
        out.events.push_back(e);
    }
    if (c.gtk->gtk != m_gtk || c.gtk->keyId != m_gtkKeyId)
    {
        m_gtk = c.gtk->gtk;
        m_gtkKeyId = c.gtk->keyId;
        RsnEvent e = MakeEvent(RsnEvent::Type::GtkInstalled);
        e.gtk = m_gtk;
        e.gtkKeyId = m_gtkKeyId;
        e.rsc = Bytes(k.rsc.begin(), k.rsc.end());
        out.events.push_back(e);
    }
    m_state = State::Established;
    m_deadline.reset();
    return out;
}

HandshakeOutput
Supplicant::OnGroupMessage1(const EapolKeyFrame& k, const Bytes& pdu)
{
    HandshakeOutput out;
    if (!m_ptk)
    {
        ++m_counters.unexpected;
        return out;
    }
    if (!ReplayOk(k.replayCounter))
    {
        ++m_counters.replayed;
        return out;
    }
    if (!VerifyEapolKeyMic(m_ptk->kck, pdu))
    {
        ++m_counters.micFailures;
        return out;
    }
    auto plain = UnwrapKeyData(m_ptk->kek, k.keyData);
    KeyDataContents c;
    try
    {
        if (!plain)
        {
            throw ParseError("key data unwrap failed");
        }
        c = ParseKeyData(*plain);
        if (!c.gtk)
        {
            throw ParseError("group message 1 without GTK KDE");
        }
    }
    catch (const ParseError&)
    {
        ++m_counters.malformed;
        return out;
    }
    AcceptReplay(k.replayCounter);
    ++m_counters.accepted;
    out.frames.push_back(Reply(m_version | keyinfo::kMic | keyinfo::kSecure, k.replayCounter,
                               Bytes{}, Bytes{}, m_ptk->kck));
    if (c.gtk->gtk != m_gtk || c.gtk->keyId != m_gtkKeyId)
    {
        m_gtk = c.gtk->gtk;
        m_gtkKeyId = c.gtk->keyId;
        RsnEvent e = MakeEvent(RsnEvent::Type::GtkInstalled);
        e.gtk = m_gtk;
        e.gtkKeyId = m_gtkKeyId;
        e.rsc = Bytes(k.rsc.begin(), k.rsc.end());
        out.events.push_back(e);
    }
    return out;
}

HandshakeOutput
Supplicant::OnTimeout(TimeNs now)
{
    HandshakeOutput out;
    if (!m_deadline || now < *m_deadline)
    {
        return out;
    }
    m_deadline.reset();
    if (m_state == State::Established || m_state == State::Failed)
    {
        return out;
    }
    m_state = State::Failed;
    m_tptk.reset();
    AddFailure(out, RsnFailure::SupplicantTimeout);
    return out;
}

std::optional<TimeNs>
Supplicant::NextDeadline() const
{
    return m_deadline;
}

} // namespace roamsec
