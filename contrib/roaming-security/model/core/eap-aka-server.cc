/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-aka-server.h"

namespace roamsec {

// ---------------------------------------------------------------- server --

EapAkaServer::EapAkaServer(AuthenticationCentre& auc, RandomSource& rng, EapAkaServerConfig config)
    : m_auc(auc)
    , m_rng(rng)
    , m_cfg(std::move(config))
{
    if (!m_cfg.pseudonymKey.empty())
    {
        m_pseudonyms.emplace(m_cfg.pseudonymKey);
    }
}

std::unique_ptr<EapAkaServerSession>
EapAkaServer::CreateSession()
{
    return std::make_unique<EapAkaServerSession>(*this);
}

uint64_t
EapAkaServer::Counter(const std::string& name) const
{
    auto it = m_counters.find(name);
    return it == m_counters.end() ? 0 : it->second;
}

std::string
EapAkaServer::NewReauthId()
{
    // '4' is the re-authentication hint hostapd and others use for EAP-AKA.
    return "4" + ToHex(m_rng.Generate(16)) + "@" + m_cfg.reauthRealm;
}

void
EapAkaServer::StoreReauth(const std::string& reauthId, ReauthContext ctx)
{
    EraseReauth(reauthId);
    while (m_reauth.size() >= m_cfg.maxReauthEntries && !m_reauthOrder.empty())
    {
        m_reauth.erase(m_reauthOrder.front());
        m_reauthOrder.pop_front();
    }
    m_reauth[reauthId] = std::move(ctx);
    m_reauthOrder.push_back(reauthId);
}

EapAkaServer::ReauthContext*
EapAkaServer::FindReauth(const std::string& reauthId)
{
    auto it = m_reauth.find(reauthId);
    return it == m_reauth.end() ? nullptr : &it->second;
}

void
EapAkaServer::EraseReauth(const std::string& reauthId)
{
    if (m_reauth.erase(reauthId) > 0)
    {
        for (auto it = m_reauthOrder.begin(); it != m_reauthOrder.end(); ++it)
        {
            if (*it == reauthId)
            {
                m_reauthOrder.erase(it);
                break;
            }
        }
    }
}

bool
EapAkaServer::SetReauthCounter(const std::string& reauthId, uint16_t counter)
{
    ReauthContext* c = FindReauth(reauthId);
    if (!c)
    {
        return false;
    }
    c->counter = counter;
    return true;
}

// --------------------------------------------------------------- session --

EapAkaServerSession::EapAkaServerSession(EapAkaServer& server)
    : m_srv(server)
    , m_profile(server.m_cfg.profile)
{
    uint8_t id;
    m_srv.m_rng.Fill(&id, 1);
    m_id = id;
}

uint64_t
EapAkaServerSession::Discards(const std::string& reason) const
{
    auto it = m_discards.find(reason);
    return it == m_discards.end() ? 0 : it->second;
}

EapAkaServerOutput
EapAkaServerSession::Discard(const std::string& reason)
{
    ++m_discards[reason];
    m_srv.Count("discard-" + reason);
    EapAkaServerOutput o;
    o.event = EapAkaServerOutput::Event::Discarded;
    o.reason = reason;
    return o;
}

EapAkaServerOutput
EapAkaServerSession::Fail(const std::string& reason)
{
    m_state = State::Done;
    m_srv.Count("failure-" + reason);
    EapPacket f;
    f.code = EapCode::Failure;
    f.identifier = m_id;
    EapAkaServerOutput o;
    o.send = f.Serialize();
    o.event = EapAkaServerOutput::Event::Failure;
    o.reason = reason;
    o.imsi = m_imsi;
    return o;
}

EapAkaServerOutput
EapAkaServerSession::Succeed(Bytes msk, Bytes emsk, bool reauth)
{
    m_state = State::Done;
    m_srv.Count(reauth ? "success-reauth" : "success");
    EapPacket s;
    s.code = EapCode::Success;
    s.identifier = m_id;
    EapAkaServerOutput o;
    o.send = s.Serialize();
    o.event = EapAkaServerOutput::Event::Success;
    o.imsi = m_imsi;
    o.msk = std::move(msk);
    o.emsk = std::move(emsk);
    o.reauth = reauth;
    return o;
}

EapAkaServerOutput
EapAkaServerSession::SendRequest(Bytes packet, State next, TimeNs now)
{
    m_outstanding = packet;
    m_sentAt = now;
    m_retransmits = 0;
    m_state = next;
    EapAkaServerOutput o;
    o.send = std::move(packet);
    return o;
}

std::optional<TimeNs>
EapAkaServerSession::NextDeadline() const
{
    if (m_state == State::Init || m_state == State::Done)
    {
        return std::nullopt;
    }
    return m_sentAt + m_srv.m_cfg.retransmitTimeout;
}

EapAkaServerOutput
EapAkaServerSession::OnTimeout(TimeNs now)
{
    auto due = NextDeadline();
    if (!due || now < *due)
    {
        return EapAkaServerOutput{};
    }
    if (m_retransmits >= m_srv.m_cfg.maxRetransmits)
    {
        return Fail("timeout");
    }
    ++m_retransmits;
    m_sentAt = now;
    m_srv.Count("retransmit");
    EapAkaServerOutput o;
    o.send = m_outstanding;
    return o;
}

EapAkaServerOutput
EapAkaServerSession::Start(TimeNs now)
{
    if (m_state != State::Init)
    {
        return EapAkaServerOutput{};
    }
    if (m_srv.m_cfg.startWithAkaIdentity)
    {
        return RequestAkaIdentity(false, false, now);
    }
    EapPacket r;
    r.code = EapCode::Request;
    r.identifier = NextId();
    r.type = EapType::Identity;
    return SendRequest(r.Serialize(), State::IdentitySent, now);
}

EapAkaServerOutput
EapAkaServerSession::Notify(uint16_t code, const std::string& reason, TimeNs now)
{
    m_pendingFailureReason = reason;
    if (m_profile == EapAkaProfile::Draft04)
    {
        // The draft has no AKA notification: plain EAP Notification (RFC 3748 5.2).
        EapPacket r;
        r.code = EapCode::Request;
        r.identifier = NextId();
        r.type = EapType::Notification;
        r.typeData = ToBytes("EAP-AKA: " + reason);
        return SendRequest(r.Serialize(), State::NotificationSent, now);
    }
    AkaMessage m;
    m.identifier = NextId();
    m.subtype = EapAkaSubtype::Notification;
    m.attrs.notification = code;
    return SendRequest(EncodeAkaMessage(m_profile, m), State::NotificationSent, now);
}

EapAkaServerOutput
EapAkaServerSession::Receive(const Bytes& eap, TimeNs now)
{
    if (m_state == State::Done)
    {
        return Discard("session-finished");
    }
    auto p = EapPacket::Parse(eap);
    if (!p)
    {
        return Discard("malformed-eap");
    }
    if (p->code != EapCode::Response)
    {
        return Discard("not-a-response");
    }
    if (m_state == State::Init)
    {
        // The authenticator obtained the identity itself (RFC 3748 pass-through).
        if (p->type != EapType::Identity)
        {
            return Discard("unexpected-type");
        }
        m_id = p->identifier;
        std::string nai(p->typeData.begin(), p->typeData.end());
        return HandleIdentity(nai, now);
    }
    if (p->identifier != m_id)
    {
        return Discard("identifier-mismatch");
    }
    Bytes raw(eap.begin(), eap.begin() + 5 + p->typeData.size());
    switch (p->type)
    {
        case EapType::Nak:
            return Fail("nak");
        case EapType::Identity:
            if (m_state != State::IdentitySent)
            {
                return Discard("unexpected-identity");
            }
            return HandleIdentity(std::string(p->typeData.begin(), p->typeData.end()), now);
        case EapType::Notification:
            if (m_state != State::NotificationSent || m_profile != EapAkaProfile::Draft04)
            {
                return Discard("unexpected-notification");
            }
            return Fail(m_pendingFailureReason);
        case EapType::Aka:
            break;
        default:
            return Discard("unexpected-type");
    }
    auto d = DecodeAkaMessage(m_profile, raw);
    if (!d.msg)
    {
        return Discard(AkaDecodeErrorName(d.error));
    }
    const AkaAttributes& a = d.msg->attrs;
    switch (d.msg->subtype)
    {
        case EapAkaSubtype::Identity:
        {
            if (m_state != State::AkaIdentitySent)
            {
                return Discard("unexpected-aka-identity");
            }
            std::optional<std::string> id = a.identity;
            if (m_profile == EapAkaProfile::Draft04 && m_askedPermanent)
            {
                id = a.permanentIdentity;
            }
            if (!id || (a.identity && a.permanentIdentity))
            {
                return Discard("missing-identity");
            }
            m_identityMessages.insert(m_identityMessages.end(), m_outstanding.begin(),
                                      m_outstanding.end());
            m_identityMessages.insert(m_identityMessages.end(), raw.begin(), raw.end());
            return HandleIdentity(*id, now);
        }
        case EapAkaSubtype::Challenge:
            if (m_state != State::ChallengeSent)
            {
                return Discard("unexpected-challenge");
            }
            return OnChallengeResponse(d, now);
        case EapAkaSubtype::AuthenticationReject:
            if (m_state != State::ChallengeSent || m_gsm)
            {
                return Discard("unexpected-authentication-reject");
            }
            return Fail("authentication-reject");
        case EapAkaSubtype::SynchronizationFailure:
        {
            if (m_state != State::ChallengeSent || m_gsm)
            {
                return Discard("unexpected-synchronization-failure");
            }
            if (!a.auts)
            {
                return Discard("missing-auts");
            }
            if (m_resyncs >= m_srv.m_cfg.maxResyncs)
            {
                return Fail("resync-limit");
            }
            auto r = m_srv.m_auc.Resynchronise(m_imsi, m_vector.rand, *a.auts);
            if (r != AuthenticationCentre::ResyncResult::Resynchronised)
            {
                return Fail("resync-failed");
            }
            ++m_resyncs;
            m_srv.Count("resynchronisation");
            return SendChallenge(now);
        }
        default:
            break;
    }
    if (m_profile == EapAkaProfile::Rfc4187)
    {
        switch (d.msg->subtype)
        {
            case EapAkaSubtype::Reauthentication:
                if (m_state != State::ReauthSent)
                {
                    return Discard("unexpected-reauthentication");
                }
                return OnReauthResponse(d, now);
            case EapAkaSubtype::Notification:
                if (m_state != State::NotificationSent)
                {
                    return Discard("unexpected-notification");
                }
                return Fail(m_pendingFailureReason);
            case EapAkaSubtype::ClientError:
                return Fail("client-error");
            default:
                break;
        }
    }
    return Discard("unknown-subtype");
}

EapAkaServerOutput
EapAkaServerSession::HandleIdentity(const std::string& nai, TimeNs now)
{
    m_identity = nai;
    NaiParts parts = SplitNai(nai);
    if (auto imsi = ImsiFromAkaPermanentUsername(parts.username))
    {
        m_imsi = *imsi;
        return SendChallenge(now);
    }
    if (m_profile == EapAkaProfile::Rfc4187 && m_srv.m_cfg.issueReauthIds && m_srv.FindReauth(nai))
    {
        m_reauthId = nai;
        return SendReauth(now);
    }
    if (m_srv.m_pseudonyms)
    {
        if (auto imsi = m_srv.m_pseudonyms->Decode(parts.username))
        {
            m_imsi = *imsi;
            m_srv.Count("pseudonym-decoded");
            return SendChallenge(now);
        }
    }
    if (m_askedPermanent)
    {
        return Fail("unknown-identity");
    }
    char hint = parts.username.empty() ? '\0' : parts.username[0];
    if (m_profile == EapAkaProfile::Rfc4187 && hint == '4')
    {
        // An unknown re-authentication identity: any full-authentication identity will do.
        return RequestAkaIdentity(false, true, now);
    }
    if (hint == AkaPseudonymCodec::kPrefix)
    {
        // Draft section 5: an undecodable pseudonym -> ask for the permanent identity.
        m_srv.Count("pseudonym-undecodable");
        return RequestAkaIdentity(true, false, now);
    }
    if (m_identityRounds == 0)
    {
        return RequestAkaIdentity(false, false, now);
    }
    return RequestAkaIdentity(true, false, now);
}

EapAkaServerOutput
EapAkaServerSession::RequestAkaIdentity(bool permanent, bool fullauth, TimeNs now)
{
    if (m_identityRounds >= m_srv.m_cfg.maxIdentityRounds)
    {
        return Fail("identity-rounds");
    }
    ++m_identityRounds;
    m_askedPermanent = m_askedPermanent || permanent;
    AkaMessage m;
    m.identifier = NextId();
    m.subtype = EapAkaSubtype::Identity;
    m.attrs.permanentIdReq = permanent;
    m.attrs.fullauthIdReq = fullauth;
    m.attrs.anyIdReq = !permanent && !fullauth;
    return SendRequest(EncodeAkaMessage(m_profile, m), State::AkaIdentitySent, now);
}

EapAkaServerOutput
EapAkaServerSession::SendChallenge(TimeNs now)
{
    const EapAkaServerConfig& cfg = m_srv.m_cfg;
    m_gsm = cfg.gsmCompatibleMode && m_profile == EapAkaProfile::Draft04;
    AkaMessage m;
    m.subtype = EapAkaSubtype::Challenge;
    if (m_gsm)
    {
        auto t = m_srv.m_auc.GenerateTriplet(m_imsi);
        if (!t)
        {
            return Notify(AkaNotificationCode::UserNotSubscribed | AkaNotificationCode::PhaseBit,
                          "unknown-subscriber", now);
        }
        m_triplet = *t;
        m.attrs.rand = t->rand;
        m.identifier = NextId();
        return SendRequest(EncodeAkaMessage(m_profile, m), State::ChallengeSent, now);
    }
    auto v = m_srv.m_auc.GenerateVector(m_imsi);
    if (!v)
    {
        return Notify(AkaNotificationCode::UserNotSubscribed | AkaNotificationCode::PhaseBit,
                      "unknown-subscriber", now);
    }
    m_vector = *v;
    m_keys = DeriveAkaKeys(m_profile, m_identity, v->ik, v->ck);
    m.attrs.rand = v->rand;
    m.attrs.autn = v->autn;
    AkaAttributes nested;
    bool haveNested = false;
    if (m_srv.m_pseudonyms)
    {
        nested.nextPseudonym = m_srv.m_pseudonyms->Issue(m_imsi, m_srv.m_rng);
        haveNested = true;
    }
    m_pendingReauthId.clear();
    if (m_profile == EapAkaProfile::Rfc4187)
    {
        m.attrs.checkcode = m_identityMessages.empty() ? Bytes{} : Sha1(m_identityMessages);
        if (cfg.issueReauthIds)
        {
            m_pendingReauthId = m_srv.NewReauthId();
            nested.nextReauthId = m_pendingReauthId;
            haveNested = true;
        }
    }
    if (haveNested)
    {
        m.attrs.iv = m_srv.m_rng.Generate(16);
        m.attrs.encrData = EncryptAkaNested(m_profile, nested, m_keys.kEncr, *m.attrs.iv);
    }
    m.attrs.mac = Bytes(16);
    m.identifier = NextId();
    return SendRequest(EncodeAkaMessage(m_profile, m, m_keys.kAut), State::ChallengeSent, now);
}

EapAkaServerOutput
EapAkaServerSession::OnChallengeResponse(const AkaMessageDecodeResult& d, TimeNs now)
{
    const AkaAttributes& a = d.msg->attrs;
    if (!a.res)
    {
        return Discard("missing-res");
    }
    if (m_gsm)
    {
        if (a.res->size() == m_triplet.sres.size() && ConstantTimeEqual(*a.res, m_triplet.sres))
        {
            return Succeed({}, {}, false);
        }
        return Fail("res-mismatch");
    }
    if (m_profile == EapAkaProfile::Rfc4187 && !a.mac)
    {
        return Discard("missing-mac");
    }
    if (a.mac && !VerifyAkaMac(m_keys.kAut, d.packet, d.msg->macOffset))
    {
        return Discard("bad-mac");
    }
    if (m_profile == EapAkaProfile::Rfc4187)
    {
        Bytes ours = m_identityMessages.empty() ? Bytes{} : Sha1(m_identityMessages);
        if (a.checkcode && !ConstantTimeEqual(*a.checkcode, ours))
        {
            return Fail("checkcode-mismatch");
        }
    }
    if (a.res->size() != m_vector.xres.size() || !ConstantTimeEqual(*a.res, m_vector.xres))
    {
        return Fail("res-mismatch");
    }
    if (!m_pendingReauthId.empty())
    {
        // Stored only now, so that a failed challenge leaves nothing behind.
        m_srv.StoreReauth(m_pendingReauthId, EapAkaServer::ReauthContext{m_imsi, m_keys, 0});
    }
    (void) now;
    return Succeed(m_keys.msk, m_keys.emsk, false);
}

EapAkaServerOutput
EapAkaServerSession::SendReauth(TimeNs now)
{
    EapAkaServer::ReauthContext* ctx = m_srv.FindReauth(m_reauthId);
    m_imsi = ctx->imsi;
    m_reauthKeys = ctx->keys;
    if (ctx->counter >= m_srv.m_cfg.maxReauthCount)
    {
        // Used up: full authentication (RFC 4187 5.1 lets the server decide).
        m_srv.EraseReauth(m_reauthId);
        m_reauthId.clear();
        return SendChallenge(now);
    }
    m_reauthCounter = static_cast<uint16_t>(ctx->counter + 1);
    m_nonceS = m_srv.m_rng.Generate(16);
    AkaMessage m;
    m.identifier = NextId();
    m.subtype = EapAkaSubtype::Reauthentication;
    AkaAttributes nested;
    nested.counter = m_reauthCounter;
    nested.nonceS = m_nonceS;
    m_pendingReauthId = m_srv.NewReauthId();
    nested.nextReauthId = m_pendingReauthId;
    m.attrs.iv = m_srv.m_rng.Generate(16);
    m.attrs.encrData = EncryptAkaNested(m_profile, nested, m_reauthKeys.kEncr, *m.attrs.iv);
    m.attrs.mac = Bytes(16);
    return SendRequest(EncodeAkaMessage(m_profile, m, m_reauthKeys.kAut), State::ReauthSent, now);
}

EapAkaServerOutput
EapAkaServerSession::OnReauthResponse(const AkaMessageDecodeResult& d, TimeNs now)
{
    const AkaAttributes& a = d.msg->attrs;
    if (!a.mac || !a.encrData)
    {
        return Discard("missing-mac");
    }
    // RFC 4187 9.8: the Response's MAC also covers NONCE_S.
    if (!VerifyAkaMac(m_reauthKeys.kAut, d.packet, d.msg->macOffset, m_nonceS))
    {
        return Discard("bad-mac");
    }
    auto n = DecryptAkaNested(m_profile, m_reauthKeys.kEncr, *a.iv, *a.encrData);
    if (!n.attrs || !n.attrs->counter)
    {
        return Discard("bad-encr-data");
    }
    if (*n.attrs->counter != m_reauthCounter)
    {
        return Discard("counter-mismatch");
    }
    m_srv.EraseReauth(m_reauthId);
    if (n.attrs->counterTooSmall)
    {
        m_srv.Count("counter-too-small");
        m_reauthId.clear();
        return SendChallenge(now);
    }
    AkaReauthKeys k = DeriveAkaReauthKeys(m_reauthId, m_reauthCounter, m_nonceS, m_reauthKeys.mk);
    m_srv.StoreReauth(m_pendingReauthId,
                      EapAkaServer::ReauthContext{m_imsi, m_reauthKeys, m_reauthCounter});
    return Succeed(k.msk, k.emsk, true);
}

} // namespace roamsec
