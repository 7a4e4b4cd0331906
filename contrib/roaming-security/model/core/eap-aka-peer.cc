/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-aka-peer.h"

namespace roamsec {

EapAkaPeer::EapAkaPeer(Usim& usim, EapAkaPeerConfig config, RandomSource& rng)
    : m_usim(usim)
    , m_cfg(std::move(config))
    , m_rng(rng)
{
    // Validates the IMSI early: a misconfigured client is a programming error.
    AkaPermanentUsername(m_cfg.imsi);
}

void
EapAkaPeer::Reset()
{
    m_state = State::Idle;
    m_lastRequest.reset();
    m_lastResponse.clear();
    m_lastIdentity.clear();
    m_identityMessages.clear();
    m_identityRounds = 0;
    m_keys = AkaKeys{};
    m_haveKeys = false;
    m_gsm = false;
    m_reauth = false;
    m_pendingMsk.clear();
    m_pendingEmsk.clear();
    m_pendingPseudonym.clear();
    m_pendingReauthId.clear();
    m_pendingCounter = 0;
}

uint64_t
EapAkaPeer::Discards(const std::string& reason) const
{
    auto it = m_discards.find(reason);
    return it == m_discards.end() ? 0 : it->second;
}

std::string
EapAkaPeer::PermanentNai() const
{
    return JoinNai(AkaPermanentUsername(m_cfg.imsi), AkaRealm(m_cfg.imsi, m_cfg.realm));
}

std::string
EapAkaPeer::CurrentIdentity() const
{
    if (m_cfg.profile == EapAkaProfile::Rfc4187 && m_cfg.useReauth && !m_reauthId.empty())
    {
        return m_reauthId;
    }
    if (m_cfg.usePseudonym && !m_pseudonym.empty())
    {
        return JoinNai(m_pseudonym, m_pseudonymRealm);
    }
    return PermanentNai();
}

void
EapAkaPeer::NoteIdentity(const std::string& nai)
{
    m_lastIdentity = nai;
}

EapAkaPeerOutput
EapAkaPeer::Discard(const std::string& reason)
{
    ++m_discards[reason];
    EapAkaPeerOutput o;
    o.event = EapAkaPeerOutput::Event::Discarded;
    o.discardReason = reason;
    return o;
}

EapAkaPeerOutput
EapAkaPeer::Respond(const Bytes& request, Bytes response)
{
    m_lastRequest = request;
    m_lastResponse = response;
    EapAkaPeerOutput o;
    o.send = std::move(response);
    return o;
}

Bytes
EapAkaPeer::Build(uint8_t id, uint8_t subtype, const AkaAttributes& a, const Bytes& macExtra)
{
    AkaMessage m;
    m.code = EapCode::Response;
    m.identifier = id;
    m.subtype = subtype;
    m.attrs = a;
    const Bytes& kAut = m_reauth ? m_reauthKeys.kAut : m_keys.kAut;
    return EncodeAkaMessage(m_cfg.profile, m, kAut, macExtra);
}

Bytes
EapAkaPeer::CheckcodeValue() const
{
    return m_identityMessages.empty() ? Bytes{} : Sha1(m_identityMessages);
}

EapAkaPeerOutput
EapAkaPeer::Receive(const Bytes& eap)
{
    auto p = EapPacket::Parse(eap);
    if (!p)
    {
        return Discard("malformed-eap");
    }
    Bytes raw(eap.begin(), eap.begin() + (p->HasType() ? 5 + p->typeData.size() : 4));
    if ((p->code == EapCode::Success || p->code == EapCode::Failure) && m_lastRequest
        && p->identifier != (*m_lastRequest)[1])
    {
        // RFC 3748 4.2: the result carries the identifier of the Response it answers.
        return Discard("identifier-mismatch");
    }
    switch (p->code)
    {
        case EapCode::Success:
        {
            if (m_state != State::ChallengeDone)
            {
                return Discard("unexpected-success");
            }
            if (!m_gsm)
            {
                m_msk = m_pendingMsk;
                m_emsk = m_pendingEmsk;
            }
            else
            {
                m_msk.clear();
                m_emsk.clear();
            }
            if (!m_gsm && !m_reauth)
            {
                if (!m_pendingPseudonym.empty())
                {
                    m_pseudonym = m_pendingPseudonym;
                    m_pseudonymRealm = AkaRealm(m_cfg.imsi, m_cfg.realm);
                }
                m_reauthId.clear();
                if (!m_pendingReauthId.empty())
                {
                    m_reauthId = m_pendingReauthId;
                    m_reauthKeys = m_keys;
                    m_reauthCounter = 0;
                }
            }
            else if (m_reauth)
            {
                m_reauthCounter = m_pendingCounter;
                if (!m_pendingReauthId.empty())
                {
                    m_reauthId = m_pendingReauthId;
                }
            }
            m_lastWasReauth = m_reauth;
            m_lastWasGsm = m_gsm;
            m_state = State::Success;
            m_lastRequest.reset();
            m_usimRand.clear();
            EapAkaPeerOutput o;
            o.event = EapAkaPeerOutput::Event::Success;
            return o;
        }
        case EapCode::Failure:
        {
            if (m_state == State::Idle || m_state == State::Success || m_state == State::Failure)
            {
                return Discard("unexpected-failure");
            }
            if (m_reauth)
            {
                // A failed re-authentication leaves its identity unusable.
                m_reauthId.clear();
            }
            m_state = State::Failure;
            m_lastRequest.reset();
            m_usimRand.clear();
            EapAkaPeerOutput o;
            o.event = EapAkaPeerOutput::Event::Failure;
            return o;
        }
        case EapCode::Response:
            return Discard("not-a-request");
        case EapCode::Request:
            break;
    }
    if (m_lastRequest && *m_lastRequest == raw)
    {
        // RFC 3748 4.1: a retransmitted Request gets the same Response.
        EapAkaPeerOutput o;
        o.send = m_lastResponse;
        return o;
    }
    if (p->type == EapType::Identity)
    {
        return OnIdentityRequest(raw, p->identifier);
    }
    if (m_state == State::Success || m_state == State::Failure)
    {
        return Discard("conversation-finished");
    }
    if (p->type == EapType::Notification)
    {
        // RFC 3748 5.2: acknowledged with an empty Notification Response.
        EapPacket r;
        r.code = EapCode::Response;
        r.identifier = p->identifier;
        r.type = EapType::Notification;
        return Respond(raw, r.Serialize());
    }
    if (p->type == EapType::Aka)
    {
        return OnAka(raw, *p);
    }
    if (p->type == EapType::Nak || p->type == EapType::Expanded)
    {
        return Discard("bad-request-type");
    }
    // Another method proposed: Nak it, asking for EAP-AKA (RFC 3748 5.3.1).
    EapPacket r;
    r.code = EapCode::Response;
    r.identifier = p->identifier;
    r.type = EapType::Nak;
    r.typeData = {EapType::Aka};
    return Respond(raw, r.Serialize());
}

EapAkaPeerOutput
EapAkaPeer::OnIdentityRequest(const Bytes& raw, uint8_t id)
{
    Reset();
    m_state = State::Identity;
    std::string nai = CurrentIdentity();
    NoteIdentity(nai);
    EapPacket r;
    r.code = EapCode::Response;
    r.identifier = id;
    r.type = EapType::Identity;
    r.typeData = ToBytes(nai);
    return Respond(raw, r.Serialize());
}

EapAkaPeerOutput
EapAkaPeer::OnAka(const Bytes& raw, const EapPacket& p)
{
    auto d = DecodeAkaMessage(m_cfg.profile, raw);
    if (!d.msg)
    {
        return Discard(AkaDecodeErrorName(d.error));
    }
    bool preChallenge = m_state == State::Idle || m_state == State::Identity;
    switch (d.msg->subtype)
    {
        case EapAkaSubtype::Identity:
            if (!preChallenge)
            {
                return Discard("unexpected-aka-identity");
            }
            return OnAkaIdentity(raw, *d.msg);
        case EapAkaSubtype::Challenge:
            if (!preChallenge)
            {
                return Discard("unexpected-challenge");
            }
            return OnChallenge(raw, d);
        default:
            break;
    }
    if (m_cfg.profile == EapAkaProfile::Rfc4187)
    {
        if (d.msg->subtype == EapAkaSubtype::Reauthentication)
        {
            if (!preChallenge)
            {
                return Discard("unexpected-reauthentication");
            }
            return OnReauth(raw, d);
        }
        if (d.msg->subtype == EapAkaSubtype::Notification)
        {
            return OnAkaNotification(raw, d);
        }
    }
    return Discard("unknown-subtype");
}

EapAkaPeerOutput
EapAkaPeer::OnAkaIdentity(const Bytes& raw, const AkaMessage& m)
{
    const AkaAttributes& a = m.attrs;
    int reqs = int(a.permanentIdReq) + int(a.anyIdReq) + int(a.fullauthIdReq);
    if (reqs != 1)
    {
        return Discard("bad-identity-request");
    }
    if (m_identityRounds >= 3)
    {
        return Discard("too-many-identity-rounds");
    }
    bool rfc = m_cfg.profile == EapAkaProfile::Rfc4187;
    bool havePseudonym = m_cfg.usePseudonym && !m_pseudonym.empty();
    if (a.permanentIdReq && m_cfg.refusePermanentIdentity && havePseudonym)
    {
        // Draft section 5: do not let a server that claims not to know the
        // pseudonym learn the IMSI.
        return Discard("refused-permanent-identity");
    }
    AkaAttributes r;
    std::string sent;
    if (a.permanentIdReq)
    {
        sent = rfc ? PermanentNai() : AkaPermanentUsername(m_cfg.imsi);
        if (rfc)
        {
            r.identity = sent;
        }
        else
        {
            r.permanentIdentity = sent;
        }
    }
    else
    {
        if (rfc && a.anyIdReq && m_cfg.useReauth && !m_reauthId.empty())
        {
            sent = m_reauthId;
        }
        else if (havePseudonym)
        {
            sent = rfc ? JoinNai(m_pseudonym, m_pseudonymRealm) : m_pseudonym;
        }
        else
        {
            sent = rfc ? PermanentNai() : AkaPermanentUsername(m_cfg.imsi);
        }
        r.identity = sent;
    }
    ++m_identityRounds;
    m_state = State::Identity;
    NoteIdentity(sent);
    Bytes resp = Build(m.identifier, EapAkaSubtype::Identity, r);
    m_identityMessages.insert(m_identityMessages.end(), raw.begin(), raw.end());
    m_identityMessages.insert(m_identityMessages.end(), resp.begin(), resp.end());
    return Respond(raw, resp);
}

EapAkaPeerOutput
EapAkaPeer::ClientError(const Bytes& raw, uint8_t id)
{
    AkaAttributes r;
    r.clientErrorCode = 0; // "unable to process packet"
    m_state = State::Rejected;
    return Respond(raw, Build(id, EapAkaSubtype::ClientError, r));
}

EapAkaPeerOutput
EapAkaPeer::OnChallenge(const Bytes& raw, const AkaMessageDecodeResult& d)
{
    const AkaMessage& m = *d.msg;
    const AkaAttributes& a = m.attrs;
    bool rfc = m_cfg.profile == EapAkaProfile::Rfc4187;
    if (!a.rand)
    {
        return Discard("missing-rand");
    }
    if (!a.autn)
    {
        if (rfc)
        {
            return Discard("missing-autn");
        }
        // GSM-compatible mode (draft sections 3 and 10).
        if (!m_cfg.allowGsmMode)
        {
            EapPacket nak;
            nak.code = EapCode::Response;
            nak.identifier = m.identifier;
            nak.type = EapType::Nak;
            nak.typeData = {0}; // no acceptable alternative
            m_state = State::Rejected;
            EapAkaPeerOutput out = Respond(raw, nak.Serialize());
            out.refusalReason = "gsm-mode-refused";
            return out;
        }
        GsmTriplet t = m_usim.RunGsm(*a.rand);
        AkaAttributes r;
        r.res = t.sres;
        r.resBits = 32;
        m_gsm = true;
        m_reauth = false;
        m_haveKeys = false;
        m_state = State::ChallengeDone;
        return Respond(raw, Build(m.identifier, EapAkaSubtype::Challenge, r));
    }
    if (rfc && !a.mac)
    {
        return Discard("missing-mac");
    }
    if (m_usimRand != *a.rand || m_usimAutn != *a.autn)
    {
        m_usimResult = m_usim.Authenticate(*a.rand, *a.autn);
        m_usimRand = *a.rand;
        m_usimAutn = *a.autn;
    }
    const UsimAuthResult& u = m_usimResult;
    if (u.status == UsimAuthResult::Status::SyncFailure)
    {
        AkaAttributes r;
        r.auts = u.auts;
        m_state = State::Identity; // a new challenge follows resynchronisation
        EapAkaPeerOutput out
            = Respond(raw, Build(m.identifier, EapAkaSubtype::SynchronizationFailure, r));
        out.refusalReason = "sqn-not-fresh";
        return out;
    }
    if (u.status != UsimAuthResult::Status::Success)
    {
        m_state = State::Rejected;
        EapAkaPeerOutput out = Respond(
            raw,
            Build(m.identifier, EapAkaSubtype::AuthenticationReject, AkaAttributes{}));
        out.refusalReason =
            u.status == UsimAuthResult::Status::AmfFailure ? "amf-failure" : "autn-mac-failure";
        return out;
    }
    AkaKeys keys = DeriveAkaKeys(m_cfg.profile, m_lastIdentity, u.ik, u.ck);
    // AUTN verified first (draft section 5), then AT_MAC.
    if (a.mac && !VerifyAkaMac(keys.kAut, d.packet, m.macOffset))
    {
        return Discard("bad-mac");
    }
    std::string pseudonym;
    std::string reauthId;
    if (a.encrData)
    {
        auto n = DecryptAkaNested(m_cfg.profile, keys.kEncr, *a.iv, *a.encrData);
        if (!n.attrs)
        {
            return Discard("bad-encr-data");
        }
        pseudonym = n.attrs->nextPseudonym.value_or("");
        reauthId = n.attrs->nextReauthId.value_or("");
    }
    m_keys = keys;
    m_haveKeys = true;
    m_gsm = false;
    m_reauth = false;
    if (rfc && a.checkcode && !ConstantTimeEqual(*a.checkcode, CheckcodeValue()))
    {
        EapAkaPeerOutput out = ClientError(raw, m.identifier);
        out.refusalReason = "checkcode-mismatch";
        return out;
    }
    m_pendingMsk = keys.msk;
    m_pendingEmsk = keys.emsk;
    m_pendingPseudonym = pseudonym;
    m_pendingReauthId = reauthId;
    AkaAttributes r;
    r.res = u.res;
    r.resBits = static_cast<uint16_t>(u.res.size() * 8);
    if (a.mac)
    {
        r.mac = Bytes(16);
    }
    if (rfc && a.checkcode)
    {
        r.checkcode = CheckcodeValue();
    }
    m_state = State::ChallengeDone;
    return Respond(raw, Build(m.identifier, EapAkaSubtype::Challenge, r));
}

EapAkaPeerOutput
EapAkaPeer::OnReauth(const Bytes& raw, const AkaMessageDecodeResult& d)
{
    const AkaMessage& m = *d.msg;
    const AkaAttributes& a = m.attrs;
    if (m_reauthId.empty() || m_lastIdentity != m_reauthId)
    {
        return Discard("no-reauth-context");
    }
    if (!a.mac || !a.encrData)
    {
        return Discard("missing-mac");
    }
    if (!VerifyAkaMac(m_reauthKeys.kAut, d.packet, m.macOffset))
    {
        return Discard("bad-mac");
    }
    auto n = DecryptAkaNested(m_cfg.profile, m_reauthKeys.kEncr, *a.iv, *a.encrData);
    if (!n.attrs || !n.attrs->counter || !n.attrs->nonceS)
    {
        return Discard("bad-encr-data");
    }
    uint16_t counter = *n.attrs->counter;
    const Bytes& nonceS = *n.attrs->nonceS;
    m_reauth = true;
    m_gsm = false;
    AkaAttributes nested;
    nested.counter = counter;
    AkaAttributes r;
    r.iv = m_rng.Generate(16);
    r.mac = Bytes(16);
    if (counter <= m_reauthCounter)
    {
        // RFC 4187 5.2: the server falls back to full authentication.
        nested.counterTooSmall = true;
        r.encrData = EncryptAkaNested(m_cfg.profile, nested, m_reauthKeys.kEncr, *r.iv);
        Bytes resp = Build(m.identifier, EapAkaSubtype::Reauthentication, r, nonceS);
        m_reauth = false;
        m_state = State::Identity;
        return Respond(raw, resp);
    }
    AkaReauthKeys k = DeriveAkaReauthKeys(m_reauthId, counter, nonceS, m_reauthKeys.mk);
    m_pendingMsk = k.msk;
    m_pendingEmsk = k.emsk;
    m_pendingCounter = counter;
    m_pendingReauthId = n.attrs->nextReauthId.value_or("");
    r.encrData = EncryptAkaNested(m_cfg.profile, nested, m_reauthKeys.kEncr, *r.iv);
    m_state = State::ChallengeDone;
    return Respond(raw, Build(m.identifier, EapAkaSubtype::Reauthentication, r, nonceS));
}

EapAkaPeerOutput
EapAkaPeer::OnAkaNotification(const Bytes& raw, const AkaMessageDecodeResult& d)
{
    const AkaMessage& m = *d.msg;
    const AkaAttributes& a = m.attrs;
    if (!a.notification)
    {
        return Discard("missing-notification");
    }
    uint16_t code = *a.notification;
    bool afterAuth = (code & AkaNotificationCode::PhaseBit) == 0;
    AkaAttributes r;
    if (afterAuth)
    {
        // RFC 4187 6.1: P = 0 notifications are protected by AT_MAC.
        const Bytes& kAut = m_reauth ? m_reauthKeys.kAut : m_keys.kAut;
        if (m_state != State::ChallengeDone || !a.mac || !VerifyAkaMac(kAut, d.packet, m.macOffset))
        {
            return Discard("bad-mac");
        }
        r.mac = Bytes(16);
    }
    else if (m_state == State::ChallengeDone)
    {
        return Discard("unexpected-notification");
    }
    if ((code & AkaNotificationCode::SuccessBit) == 0)
    {
        m_state = State::Rejected;
    }
    EapAkaPeerOutput o = Respond(raw, Build(m.identifier, EapAkaSubtype::Notification, r));
    o.notification = code;
    return o;
}

} // namespace roamsec
