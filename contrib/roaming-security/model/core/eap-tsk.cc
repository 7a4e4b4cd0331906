/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-tsk.h"

#include <set>
#include <stdexcept>

namespace roamsec {

namespace {

constexpr size_t kEapHeaderLen = 5;  // Code, Identifier, Length, Type
constexpr size_t kTskHeaderLen = 10; // Vendor-Id, Vendor-Type, Subtype, Reserved
constexpr size_t kAttrHeaderLen = 3;

bool
IsKnownSubtype(uint8_t s)
{
    return s == 1 || s == 2 || s == 3 || s == 4 || s == 14;
}

/** Length rule of every known attribute; false when violated. */
bool
CheckLength(uint8_t type, size_t len)
{
    switch (type)
    {
        case EapTskAttr::Rand:
        case EapTskAttr::NonceS:
        case EapTskAttr::NonceP:
        case EapTskAttr::Rand2:
        case EapTskAttr::Nar:
        case EapTskAttr::Rand3:
        case EapTskAttr::HostChallenge:
        case EapTskAttr::Iv:
        case EapTskAttr::Mac:
            return len == 16;
        case EapTskAttr::NetAuthRes:
        case EapTskAttr::UpdateConf:
        case EapTskAttr::HostAuth:
        case EapTskAttr::HostRes:
            return len == 32;
        case EapTskAttr::ClientError:
            return len == 2;
        case EapTskAttr::ServerId:
            return len >= 1 && len <= 253;
        case EapTskAttr::EncrData:
            return len > 0 && len % 16 == 0;
        case EapTskAttr::Padding:
            return len <= 15;
        case EapTskAttr::KeyDist:
            return len >= 4 + 16 && len <= 4 + 64;
        default:
            return true;
    }
}

bool
IsKnownAttribute(uint8_t type)
{
    return (type >= EapTskAttr::Rand && type <= EapTskAttr::KeyDist) || type == EapTskAttr::Mac;
}

Bytes
MacOver(const Bytes& kInt, const Bytes& packet, const Bytes& extra)
{
    Bytes mac = HmacSha256(kInt, Concat({packet, extra}));
    mac.resize(kTskMacLen);
    return mac;
}

EapTskEvent
MakeEvent(EapTskEventType type, EapTskReason reason, const std::string& identity)
{
    EapTskEvent e;
    e.type = type;
    e.reason = reason;
    e.identity = identity;
    return e;
}

Bytes
EapOnly(EapCode code, uint8_t identifier)
{
    EapPacket p;
    p.code = code;
    p.identifier = identifier;
    return p.Serialize();
}

} // namespace

// ------------------------------------------------------------------ codec

const Bytes*
EapTskMessage::Find(uint8_t type) const
{
    for (const auto& a : attributes)
    {
        if (a.type == type)
        {
            return &a.value;
        }
    }
    return nullptr;
}

void
EapTskMessage::Add(uint8_t type, Bytes value)
{
    attributes.push_back({type, std::move(value)});
}

void
WriteEapTskAttributes(ByteWriter& w, const std::vector<EapTskAttribute>& attributes)
{
    for (const auto& a : attributes)
    {
        if (a.value.size() > 0xffff)
        {
            throw std::length_error("EAP-TSK attribute too long");
        }
        w.U8(a.type).U16(static_cast<uint16_t>(a.value.size())).Append(a.value);
    }
}

std::vector<EapTskAttribute>
ParseEapTskAttributes(ByteReader& r, bool encrypted)
{
    std::vector<EapTskAttribute> out;
    std::set<uint8_t> seen;
    while (!r.AtEnd())
    {
        EapTskAttribute a;
        a.type = r.ReadU8();
        size_t len = r.ReadU16();
        a.value = r.ReadBytes(len);
        if (!seen.insert(a.type).second)
        {
            throw ParseError("EAP-TSK: repeated attribute");
        }
        if (IsKnownAttribute(a.type))
        {
            bool innerOnly = a.type == EapTskAttr::Padding || a.type == EapTskAttr::KeyDist;
            if (innerOnly != encrypted)
            {
                throw ParseError("EAP-TSK: attribute in the wrong place");
            }
            if (!CheckLength(a.type, len))
            {
                throw ParseError("EAP-TSK: attribute of wrong length");
            }
            if (a.type == EapTskAttr::Padding)
            {
                for (uint8_t b : a.value)
                {
                    if (b != 0)
                    {
                        throw ParseError("EAP-TSK: non-zero padding");
                    }
                }
            }
        }
        else if (a.type < 128)
        {
            throw ParseError("EAP-TSK: unknown non-skippable attribute");
        }
        out.push_back(std::move(a));
    }
    return out;
}

Bytes
EapTskMessage::Serialize() const
{
    ByteWriter w;
    w.U8(static_cast<uint8_t>(kEapTskVendorId >> 16)).U16(static_cast<uint16_t>(kEapTskVendorId));
    w.U32(kEapTskVendorType).U8(static_cast<uint8_t>(subtype)).U16(0);
    WriteEapTskAttributes(w, attributes);
    EapPacket p;
    p.code = code;
    p.identifier = identifier;
    p.type = EapType::Expanded;
    p.typeData = w.Take();
    return p.Serialize();
}

std::optional<EapTskMessage>
EapTskMessage::Parse(const Bytes& eapPacket)
{
    auto eap = EapPacket::Parse(eapPacket);
    if (!eap || !eap->HasType() || eap->type != EapType::Expanded)
    {
        return std::nullopt;
    }
    try
    {
        ByteReader r(eap->typeData);
        uint32_t vendorId = static_cast<uint32_t>(r.ReadU8()) << 16;
        vendorId |= r.ReadU16();
        uint32_t vendorType = r.ReadU32();
        uint8_t subtype = r.ReadU8();
        r.ReadU16(); // reserved: ignored on receipt
        if (vendorId != kEapTskVendorId || vendorType != kEapTskVendorType
            || !IsKnownSubtype(subtype))
        {
            return std::nullopt;
        }
        EapTskMessage m;
        m.code = eap->code;
        m.identifier = eap->identifier;
        m.subtype = static_cast<EapTskSubtype>(subtype);
        m.attributes = ParseEapTskAttributes(r, false);
        size_t offset = kEapHeaderLen + kTskHeaderLen;
        for (const auto& a : m.attributes)
        {
            if (a.type == EapTskAttr::Mac)
            {
                m.macOffset = offset + kAttrHeaderLen;
            }
            offset += kAttrHeaderLen + a.value.size();
        }
        return m;
    }
    catch (const ParseError&)
    {
        return std::nullopt;
    }
}

Bytes
SerializeWithMac(EapTskMessage msg, const Bytes& kInt, const Bytes& extra)
{
    // AT_MAC last, zero-filled while the MAC is computed.
    msg.attributes.push_back({EapTskAttr::Mac, Bytes(kTskMacLen, 0)});
    Bytes packet = msg.Serialize();
    Bytes mac = MacOver(kInt, packet, extra);
    std::copy(mac.begin(), mac.end(), packet.end() - kTskMacLen);
    return packet;
}

bool
VerifyMac(const EapTskMessage& msg, const Bytes& rawPacket, const Bytes& kInt, const Bytes& extra)
{
    if (msg.macOffset == 0 || rawPacket.size() < 4)
    {
        return false;
    }
    size_t length = (static_cast<size_t>(rawPacket[2]) << 8) | rawPacket[3];
    if (length > rawPacket.size() || msg.macOffset + kTskMacLen > length)
    {
        return false;
    }
    Bytes packet(rawPacket.begin(), rawPacket.begin() + length);
    std::fill(packet.begin() + msg.macOffset, packet.begin() + msg.macOffset + kTskMacLen, 0);
    Bytes mac = MacOver(kInt, packet, extra);
    return ConstantTimeEqual(mac.data(), rawPacket.data() + msg.macOffset, kTskMacLen);
}

void
AddEncrypted(EapTskMessage& msg, const std::vector<EapTskAttribute>& inner, const Bytes& kEncr,
             RandomSource& rng)
{
    ByteWriter w;
    WriteEapTskAttributes(w, inner);
    size_t rem = w.Size() % 16;
    if (rem != 0)
    {
        size_t pad = 16 - rem; // whole AT_PADDING, header included
        if (pad < kAttrHeaderLen)
        {
            pad += 16;
        }
        w.U8(EapTskAttr::Padding).U16(static_cast<uint16_t>(pad - kAttrHeaderLen));
        w.Zeros(pad - kAttrHeaderLen);
    }
    Bytes iv = rng.Generate(16);
    msg.Add(EapTskAttr::Iv, iv);
    msg.Add(EapTskAttr::EncrData, AesCbcEncrypt(kEncr, iv, w.Data()));
}

std::optional<std::vector<EapTskAttribute>>
DecryptEncrypted(const EapTskMessage& msg, const Bytes& kEncr)
{
    const Bytes* iv = msg.Find(EapTskAttr::Iv);
    const Bytes* data = msg.Find(EapTskAttr::EncrData);
    if (!data)
    {
        return std::nullopt;
    }
    if (!iv)
    {
        throw ParseError("EAP-TSK: AT_ENCR_DATA without AT_IV");
    }
    Bytes plain = AesCbcDecrypt(kEncr, *iv, *data);
    ByteReader r(plain);
    return ParseEapTskAttributes(r, true);
}

const char*
EapTskReasonName(EapTskReason reason)
{
    switch (reason)
    {
        case EapTskReason::None:
            return "none";
        case EapTskReason::NoDelegation:
            return "no-delegation";
        case EapTskReason::Expired:
            return "expired";
        case EapTskReason::UsesExhausted:
            return "uses-exhausted";
        case EapTskReason::PeerNak:
            return "peer-nak";
        case EapTskReason::RandReplayed:
            return "rand-replayed";
        case EapTskReason::NetworkAuthFailed:
            return "network-auth-failed";
        case EapTskReason::UpdateAuthFailed:
            return "update-auth-failed";
        case EapTskReason::UpdateConfirmFailed:
            return "update-confirm-failed";
        case EapTskReason::HomeAuthFailed:
            return "home-auth-failed";
        case EapTskReason::HomeRefused:
            return "home-refused";
        case EapTskReason::PeerError:
            return "peer-error";
        case EapTskReason::ServerFailure:
            return "server-failure";
        case EapTskReason::Timeout:
            return "timeout";
        case EapTskReason::BadMac:
            return "bad-mac";
        case EapTskReason::Malformed:
            return "malformed";
        case EapTskReason::Unexpected:
            return "unexpected";
    }
    return "?";
}

const EapTskEvent*
EapTskOutput::Find(EapTskEventType type) const
{
    for (const auto& e : events)
    {
        if (e.type == type)
        {
            return &e;
        }
    }
    return nullptr;
}

// ------------------------------------------------------------------ peer

EapTskPeer::EapTskPeer(EapTskPeerConfig config, RandomSource& rng)
    : m_config(std::move(config))
    , m_rng(rng)
{
    if (m_config.k.empty())
    {
        throw std::invalid_argument("EapTskPeer: the first key K is empty");
    }
    if (m_config.retiredRandCapacity == 0)
    {
        m_config.retiredRandCapacity = 1;
    }
}

bool
EapTskPeer::IsRandRetired(const Bytes& rand) const
{
    for (const auto& r : m_retired)
    {
        if (r == rand)
        {
            return true;
        }
    }
    return false;
}

void
EapTskPeer::Retire(const Bytes& rand)
{
    if (rand.empty() || IsRandRetired(rand))
    {
        return;
    }
    m_retired.push_back(rand);
    while (m_retired.size() > m_config.retiredRandCapacity)
    {
        m_retired.pop_front();
    }
}

void
EapTskPeer::Adopt(const Bytes& rand, const std::string& realm, const Bytes& tsk)
{
    if (rand != m_rand)
    {
        Retire(m_rand);
    }
    m_rand = rand;
    m_realm = realm;
    m_tsk = tsk;
}

EapTskOutput
EapTskPeer::Discard(EapTskReason reason) const
{
    EapTskOutput out;
    out.events.push_back(MakeEvent(EapTskEventType::Discarded, reason, m_config.identity));
    return out;
}

EapTskOutput
EapTskPeer::Respond(uint8_t identifier, Bytes packet)
{
    EapTskOutput out;
    out.eap = std::move(packet);
    return out;
}

EapTskOutput
EapTskPeer::Reject(uint8_t identifier, EapTskClientError code, EapTskReason reason)
{
    EapTskMessage m;
    m.code = EapCode::Response;
    m.identifier = identifier;
    m.subtype = EapTskSubtype::ClientError;
    uint16_t c = static_cast<uint16_t>(code);
    m.Add(EapTskAttr::ClientError, Bytes{static_cast<uint8_t>(c >> 8), static_cast<uint8_t>(c)});
    m_state = State::Failed;
    EapTskOutput out;
    out.eap = m.Serialize();
    out.events.push_back(MakeEvent(EapTskEventType::Failure, reason, m_config.identity));
    return out;
}

EapTskOutput
EapTskPeer::HandleRequest(const Bytes& eapPacket, TimeNs now)
{
    auto eap = EapPacket::Parse(eapPacket);
    if (!eap)
    {
        return Discard(EapTskReason::Malformed);
    }
    if (eap->code == EapCode::Success)
    {
        if (m_state != State::WaitSuccess)
        {
            // RFC 3748 4.2: a Success before the method finished is not acceptable.
            return Discard(EapTskReason::Unexpected);
        }
        m_state = State::Success;
        EapTskOutput out;
        auto e
            = MakeEvent(EapTskEventType::LocalAuthSuccess, EapTskReason::None, m_config.identity);
        e.session = DeriveTskSessionKeys(m_tsk, m_nonceS, m_nonceP, m_config.identity);
        out.events.push_back(std::move(e));
        return out;
    }
    if (eap->code == EapCode::Failure)
    {
        if (m_state == State::Success || m_state == State::Failed)
        {
            return Discard(EapTskReason::Unexpected);
        }
        m_state = State::Failed;
        EapTskOutput out;
        out.events.push_back(
            MakeEvent(EapTskEventType::Failure, EapTskReason::ServerFailure, m_config.identity));
        return out;
    }
    if (eap->code != EapCode::Request)
    {
        return Discard(EapTskReason::Unexpected);
    }
    Bytes raw = eap->Serialize(); // without link padding
    if (m_lastId && *m_lastId == eap->identifier && raw == m_lastRequest)
    {
        // RFC 3748 4.1: a retransmitted request gets the same response again.
        EapTskOutput out;
        out.eap = m_lastResponse;
        return out;
    }
    EapTskOutput out;
    if (eap->type == EapType::Identity)
    {
        m_state = State::Idle;
        EapPacket resp;
        resp.code = EapCode::Response;
        resp.identifier = eap->identifier;
        resp.type = EapType::Identity;
        resp.typeData = ToBytes(m_config.identity);
        out.eap = resp.Serialize();
    }
    else
    {
        auto msg = EapTskMessage::Parse(raw);
        if (!msg)
        {
            return Discard(EapTskReason::Malformed);
        }
        switch (msg->subtype)
        {
            case EapTskSubtype::Challenge:
                out = OnChallenge(*msg, raw);
                break;
            case EapTskSubtype::Update:
                out = m_state == State::WaitUpdateOrResult ? OnUpdate(*msg, raw)
                                                           : Discard(EapTskReason::Unexpected);
                break;
            case EapTskSubtype::UpdateAuth:
                out = m_state == State::WaitUpdateAuth ? OnUpdateAuth(*msg, raw)
                                                       : Discard(EapTskReason::Unexpected);
                break;
            case EapTskSubtype::Result:
                out = (m_state == State::WaitUpdateOrResult || m_state == State::WaitResult)
                          ? OnResult(*msg, raw)
                          : Discard(EapTskReason::Unexpected);
                break;
            default:
                out = Discard(EapTskReason::Unexpected);
        }
    }
    if (out.eap)
    {
        m_lastId = eap->identifier;
        m_lastRequest = raw;
        m_lastResponse = *out.eap;
    }
    return out;
}

EapTskOutput
EapTskPeer::OnChallenge(const EapTskMessage& msg, const Bytes& raw)
{
    const Bytes* rand = msg.Find(EapTskAttr::Rand);
    const Bytes* nonceS = msg.Find(EapTskAttr::NonceS);
    const Bytes* serverId = msg.Find(EapTskAttr::ServerId);
    if (!rand || !nonceS || !serverId || msg.macOffset == 0 || msg.code != EapCode::Request)
    {
        return Discard(EapTskReason::Malformed);
    }
    if (IsRandRetired(*rand))
    {
        return Reject(msg.identifier, EapTskClientError::RandReplayed, EapTskReason::RandReplayed);
    }
    std::string realm(serverId->begin(), serverId->end());
    bool known = *rand == m_rand && realm == m_realm;
    Bytes tsk = known ? m_tsk : DeriveTsk(m_config.k, *rand, realm);
    TskKeys keys = DeriveTskKeys(tsk);
    if (!VerifyMac(msg, raw, keys.kInt, {}))
    {
        // The Challenge MAC is the visited domain's proof of the TSK (claim 6), the
        // analogue of AUTN in EAP-AKA: a failure is answered, and the old key kept.
        return Reject(msg.identifier, EapTskClientError::NetworkAuthFailed,
                      EapTskReason::NetworkAuthFailed);
    }
    if (!known)
    {
        Adopt(*rand, realm, tsk); // claim 1: the mobile now holds the TSK
    }
    m_keys = keys;
    m_nonceS = *nonceS;
    m_nonceP = m_rng.Generate(kTskNonceLen);
    m_rand2.clear();
    m_nar.clear();
    m_hostChallenge.clear();

    EapTskMessage resp;
    resp.code = EapCode::Response;
    resp.identifier = msg.identifier;
    resp.subtype = EapTskSubtype::Challenge;
    resp.Add(EapTskAttr::NonceP, m_nonceP);
    if (m_config.sendHostChallenge)
    {
        m_hostChallenge = m_rng.Generate(kTskNonceLen);
        resp.Add(EapTskAttr::HostChallenge, m_hostChallenge);
        resp.Add(EapTskAttr::HostAuth,
                 ComputeHostAuth(m_keys.kAuth, m_hostChallenge, m_config.identity));
    }
    m_state = State::WaitUpdateOrResult;
    return Respond(msg.identifier, SerializeWithMac(resp, m_keys.kInt, m_nonceS));
}

EapTskOutput
EapTskPeer::OnUpdate(const EapTskMessage& msg, const Bytes& raw)
{
    const Bytes* rand2 = msg.Find(EapTskAttr::Rand2);
    if (!rand2)
    {
        return Discard(EapTskReason::Malformed);
    }
    if (!VerifyMac(msg, raw, m_keys.kInt, m_nonceP))
    {
        return Discard(EapTskReason::BadMac);
    }
    if (IsRandRetired(*rand2) || *rand2 == m_rand)
    {
        return Reject(msg.identifier, EapTskClientError::RandReplayed, EapTskReason::RandReplayed);
    }
    m_rand2 = *rand2;
    m_nar = m_rng.Generate(kTskNonceLen); // claim 21: network authentication request
    EapTskMessage resp;
    resp.code = EapCode::Response;
    resp.identifier = msg.identifier;
    resp.subtype = EapTskSubtype::Update;
    resp.Add(EapTskAttr::Nar, m_nar);
    m_state = State::WaitUpdateAuth;
    return Respond(msg.identifier, SerializeWithMac(resp, m_keys.kInt, m_nonceS));
}

EapTskOutput
EapTskPeer::OnUpdateAuth(const EapTskMessage& msg, const Bytes& raw)
{
    const Bytes* netAuthRes = msg.Find(EapTskAttr::NetAuthRes);
    const Bytes* rand3 = msg.Find(EapTskAttr::Rand3);
    if (!netAuthRes || !rand3)
    {
        return Discard(EapTskReason::Malformed);
    }
    if (!VerifyMac(msg, raw, m_keys.kInt, m_nonceP))
    {
        return Discard(EapTskReason::BadMac);
    }
    // Claim 21: the mobile derives the third key itself and compares responses.
    Bytes newTsk = DeriveTsk(m_config.k, m_rand2, m_realm);
    TskKeys newKeys = DeriveTskKeys(newTsk);
    Bytes expected = ComputeNetworkAuthResponse(newKeys.kAuth, m_nar, m_rand2);
    if (!ConstantTimeEqual(expected, *netAuthRes))
    {
        // Not authenticated: the visited domain lacks the third key; keep the old TSK.
        return Reject(msg.identifier, EapTskClientError::UpdateAuthFailed,
                      EapTskReason::UpdateAuthFailed);
    }
    Bytes oldRand = m_rand;
    Adopt(m_rand2, m_realm, newTsk); // claim 20
    m_keys = newKeys;
    EapTskOutput out;
    auto e = MakeEvent(EapTskEventType::KeyUpdated, EapTskReason::None, m_config.identity);
    e.oldRand = oldRand;
    e.newRand = m_rand;
    out.events.push_back(std::move(e));

    EapTskMessage resp;
    resp.code = EapCode::Response;
    resp.identifier = msg.identifier;
    resp.subtype = EapTskSubtype::UpdateAuth;
    // Claims 21-24: the update report, proved with the third key over RAND3.
    resp.Add(EapTskAttr::UpdateConf, ComputeUpdateConfirm(newKeys.kAuth, *rand3, m_nar));
    out.eap = SerializeWithMac(resp, m_keys.kInt, m_nonceS);
    m_state = State::WaitResult;
    return out;
}

EapTskOutput
EapTskPeer::OnResult(const EapTskMessage& msg, const Bytes& raw)
{
    if (!VerifyMac(msg, raw, m_keys.kInt, m_nonceP))
    {
        return Discard(EapTskReason::BadMac);
    }
    if (!m_hostChallenge.empty())
    {
        const Bytes* hostRes = msg.Find(EapTskAttr::HostRes);
        Bytes expected = ComputeHomeResponse(m_config.k, m_hostChallenge, m_config.identity);
        if (!hostRes || !ConstantTimeEqual(expected, *hostRes))
        {
            return Reject(msg.identifier, EapTskClientError::HomeAuthFailed,
                          EapTskReason::HomeAuthFailed);
        }
    }
    EapTskOutput out;
    try
    {
        auto inner = DecryptEncrypted(msg, m_keys.kEncr);
        if (inner)
        {
            for (const auto& a : *inner)
            {
                if (a.type == EapTskAttr::KeyDist)
                {
                    ByteReader r(a.value);
                    auto e = MakeEvent(EapTskEventType::KeyDistributed, EapTskReason::None,
                                       m_config.identity);
                    e.keyId = r.ReadU32();
                    e.key = r.ReadBytes(r.Remaining());
                    out.events.push_back(std::move(e));
                }
            }
        }
    }
    catch (const ParseError&)
    {
        return Reject(msg.identifier, EapTskClientError::UnableToProcess, EapTskReason::Malformed);
    }
    EapTskMessage resp;
    resp.code = EapCode::Response;
    resp.identifier = msg.identifier;
    resp.subtype = EapTskSubtype::Result;
    out.eap = SerializeWithMac(resp, m_keys.kInt, m_nonceS);
    m_state = State::WaitSuccess;
    return out;
}

// ------------------------------------------------------------------ visited store

VisitedTskStore::VisitedTskStore(size_t maxEntries)
    : m_max(maxEntries == 0 ? 1 : maxEntries)
{}

void
VisitedTskStore::Install(const DelegationGrant& grant)
{
    auto it = m_entries.find(grant.identity);
    if (it == m_entries.end() && m_entries.size() >= m_max)
    {
        auto oldest = m_entries.begin();
        for (auto e = m_entries.begin(); e != m_entries.end(); ++e)
        {
            if (e->second.grant.expiresAt < oldest->second.grant.expiresAt)
            {
                oldest = e;
            }
        }
        m_entries.erase(oldest);
    }
    VisitedCredential c;
    c.grant = grant;
    c.usesLeft = grant.maxUses;
    m_entries[grant.identity] = std::move(c);
}

bool
VisitedTskStore::InstallUpdate(const DelegationGrant& update)
{
    auto it = m_entries.find(update.identity);
    if (it == m_entries.end())
    {
        return false;
    }
    it->second.pendingUpdate = update;
    it->second.updateSent = false;
    return true;
}

VisitedCredential*
VisitedTskStore::Find(const std::string& identity)
{
    auto it = m_entries.find(identity);
    return it == m_entries.end() ? nullptr : &it->second;
}

void
VisitedTskStore::Remove(const std::string& identity)
{
    m_entries.erase(identity);
}

// ------------------------------------------------------------------ visited server

EapTskServer::EapTskServer(EapTskServerConfig config, VisitedTskStore& store, RandomSource& rng)
    : m_config(std::move(config))
    , m_store(store)
    , m_rng(rng)
{}

void
EapTskServer::SetDistributedKey(uint32_t keyId, const Bytes& key)
{
    if (key.size() < 16 || key.size() > 64)
    {
        throw std::invalid_argument("distributed key must be 16..64 bytes");
    }
    m_distKey = std::make_pair(keyId, key);
}

std::optional<TimeNs>
EapTskServer::NextDeadline() const
{
    switch (m_state)
    {
        case State::Idle:
        case State::Success:
        case State::Failed:
        case State::Fallback:
            return std::nullopt;
        default:
            return m_deadline;
    }
}

EapTskOutput
EapTskServer::OnTimeout(TimeNs now)
{
    auto deadline = NextDeadline();
    if (!deadline || now < *deadline)
    {
        return {};
    }
    return Fail(EapTskReason::Timeout);
}

EapTskOutput
EapTskServer::Fail(EapTskReason reason, EapTskOutput out)
{
    m_state = State::Failed;
    out.events.push_back(MakeEvent(EapTskEventType::Failure, reason, m_identity));
    out.eap = EapOnly(EapCode::Failure, m_id);
    return out;
}

EapTskOutput
EapTskServer::SendRequest(EapTskMessage msg, EapTskOutput out)
{
    msg.code = EapCode::Request;
    msg.identifier = ++m_id;
    const Bytes& extra = msg.subtype == EapTskSubtype::Challenge ? Bytes{} : m_nonceP;
    out.eap = SerializeWithMac(msg, m_keys.kInt, extra);
    return out;
}

EapTskOutput
EapTskServer::Start(const std::string& identity, uint8_t lastIdentifier, TimeNs now)
{
    m_identity = identity;
    m_id = lastIdentifier;
    m_deadline = now + m_config.conversationTimeout;
    EapTskOutput out;
    auto fallback = [&](EapTskReason reason)
    {
        m_state = State::Fallback;
        out.events.push_back(MakeEvent(EapTskEventType::FallbackToHome, reason, identity));
        return out;
    };
    VisitedCredential* cred = m_store.Find(identity);
    if (!cred)
    {
        return fallback(EapTskReason::NoDelegation);
    }
    if (cred->pendingUpdate && now >= cred->pendingUpdate->expiresAt)
    {
        cred->pendingUpdate.reset();
        cred->updateSent = false;
    }
    if (cred->pendingUpdate && cred->updateSent)
    {
        // RAND2 reached the mobile earlier but the confirmation was lost: the
        // Challenge carries RAND2, and a verified answer commits the update.
        m_oldRand = cred->grant.rand;
        m_rand = cred->pendingUpdate->rand;
        m_tsk = cred->pendingUpdate->tsk;
        m_commitOnChallenge = true;
    }
    else
    {
        if (now >= cred->grant.expiresAt)
        {
            m_store.Remove(identity);
            return fallback(EapTskReason::Expired);
        }
        if (cred->usesLeft == 0)
        {
            m_store.Remove(identity);
            return fallback(EapTskReason::UsesExhausted);
        }
        cred->usesLeft--; // counted when issued, so failed attempts consume uses too
        m_rand = cred->grant.rand;
        m_tsk = cred->grant.tsk;
    }
    m_keys = DeriveTskKeys(m_tsk);
    m_nonceS = m_rng.Generate(kTskNonceLen);
    EapTskMessage msg;
    msg.subtype = EapTskSubtype::Challenge;
    msg.Add(EapTskAttr::Rand, m_rand);
    msg.Add(EapTskAttr::NonceS, m_nonceS);
    msg.Add(EapTskAttr::ServerId, ToBytes(m_config.realm));
    m_state = State::WaitChallengeResponse;
    return SendRequest(std::move(msg), std::move(out));
}

EapTskOutput
EapTskServer::HandleResponse(const Bytes& eapPacket, TimeNs now)
{
    EapTskOutput discard;
    discard.events.push_back(
        MakeEvent(EapTskEventType::Discarded, EapTskReason::Unexpected, m_identity));
    auto eap = EapPacket::Parse(eapPacket);
    if (!eap || eap->code != EapCode::Response || eap->identifier != m_id)
    {
        return discard;
    }
    switch (m_state)
    {
        case State::WaitChallengeResponse:
        case State::WaitUpdateResponse:
        case State::WaitUpdateAuthResponse:
        case State::WaitResultResponse:
            break;
        default:
            return discard;
    }
    if (eap->type == EapType::Nak && m_state == State::WaitChallengeResponse)
    {
        m_state = State::Fallback;
        EapTskOutput out;
        out.events.push_back(
            MakeEvent(EapTskEventType::FallbackToHome, EapTskReason::PeerNak, m_identity));
        return out;
    }
    Bytes raw = eap->Serialize();
    auto msg = EapTskMessage::Parse(raw);
    if (!msg)
    {
        discard.events.back().reason = EapTskReason::Malformed;
        return discard;
    }
    if (msg->subtype == EapTskSubtype::ClientError)
    {
        return OnClientError(*msg);
    }
    EapTskOutput out;
    switch (m_state)
    {
        case State::WaitChallengeResponse:
            out = msg->subtype == EapTskSubtype::Challenge ? OnChallengeResponse(*msg, raw)
                                                           : discard;
            break;
        case State::WaitUpdateResponse:
            out = msg->subtype == EapTskSubtype::Update ? OnUpdateResponse(*msg, raw) : discard;
            break;
        case State::WaitUpdateAuthResponse:
            out = msg->subtype == EapTskSubtype::UpdateAuth ? OnUpdateAuthResponse(*msg, raw)
                                                            : discard;
            break;
        case State::WaitResultResponse:
            out = msg->subtype == EapTskSubtype::Result ? OnResultResponse(*msg, raw) : discard;
            break;
        default:
            out = discard;
    }
    return out;
}

EapTskOutput
EapTskServer::OnClientError(const EapTskMessage& msg)
{
    EapTskClientError code = EapTskClientError::UnableToProcess;
    if (const Bytes* v = msg.Find(EapTskAttr::ClientError))
    {
        code = static_cast<EapTskClientError>(((*v)[0] << 8) | (*v)[1]);
    }
    EapTskOutput out;
    if (code == EapTskClientError::RandReplayed || code == EapTskClientError::NetworkAuthFailed)
    {
        // The mobile cannot use this TSK: drop it and let the home authenticate.
        out.events.push_back(
            MakeEvent(EapTskEventType::Failure, EapTskReason::PeerError, m_identity));
        out.events.push_back(MakeEvent(EapTskEventType::FallbackToHome,
                                       code == EapTskClientError::RandReplayed
                                           ? EapTskReason::RandReplayed
                                           : EapTskReason::NetworkAuthFailed,
                                       m_identity));
        m_store.Remove(m_identity);
        m_state = State::Fallback;
        return out;
    }
    if (code == EapTskClientError::UpdateAuthFailed)
    {
        // The mobile kept its TSK: forget the update it refused, keep the old key.
        if (VisitedCredential* cred = m_store.Find(m_identity))
        {
            cred->pendingUpdate.reset();
            cred->updateSent = false;
        }
    }
    return Fail(EapTskReason::PeerError);
}

void
EapTskServer::CommitUpdate(EapTskOutput& out)
{
    VisitedCredential* cred = m_store.Find(m_identity);
    if (!cred || !cred->pendingUpdate || cred->pendingUpdate->rand != m_rand)
    {
        return;
    }
    Bytes oldRand = cred->grant.rand;
    cred->grant = *cred->pendingUpdate;
    cred->usesLeft = cred->grant.maxUses > 0 ? cred->grant.maxUses - 1 : 0;
    cred->pendingUpdate.reset();
    cred->updateSent = false;
    auto e = MakeEvent(EapTskEventType::KeyUpdated, EapTskReason::None, m_identity);
    e.oldRand = oldRand;
    e.newRand = m_rand;
    out.events.push_back(e);
    auto report = MakeEvent(EapTskEventType::HomeReport, EapTskReason::None, m_identity);
    report.report = UpdateReport{m_identity, cred->grant.visitedRealm, oldRand, m_rand};
    out.events.push_back(std::move(report));
}

EapTskOutput
EapTskServer::OnChallengeResponse(const EapTskMessage& msg, const Bytes& raw)
{
    const Bytes* nonceP = msg.Find(EapTskAttr::NonceP);
    const Bytes* hc = msg.Find(EapTskAttr::HostChallenge);
    const Bytes* hostAuth = msg.Find(EapTskAttr::HostAuth);
    EapTskOutput out;
    if (!nonceP || (hc == nullptr) != (hostAuth == nullptr))
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::Malformed, m_identity));
        return out;
    }
    // Claim 5: the peer's MAC over the packet and NONCE_S authenticates it.
    if (!VerifyMac(msg, raw, m_keys.kInt, m_nonceS))
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::BadMac, m_identity));
        return out;
    }
    m_nonceP = *nonceP;
    if (m_commitOnChallenge)
    {
        CommitUpdate(out);
    }
    if (hc)
    {
        // Claim 26: relay (first authentication data, host challenge, identity) home.
        auto e = MakeEvent(EapTskEventType::HostChallengeRelay, EapTskReason::None, m_identity);
        e.rand = m_rand;
        e.hostChallenge = *hc;
        e.hostAuth = *hostAuth;
        out.events.push_back(std::move(e));
        m_state = State::WaitHome;
        return out;
    }
    EapTskOutput next = Continue();
    next.events.insert(next.events.begin(), out.events.begin(), out.events.end());
    return next;
}

EapTskOutput
EapTskServer::OnHomeHostResponse(const std::optional<Bytes>& homeResponse, TimeNs now)
{
    if (m_state != State::WaitHome)
    {
        return {};
    }
    if (!homeResponse || homeResponse->size() != kTskAuthLen)
    {
        return Fail(EapTskReason::HomeRefused);
    }
    m_hostRes = *homeResponse;
    return Continue();
}

EapTskOutput
EapTskServer::Continue()
{
    VisitedCredential* cred = m_store.Find(m_identity);
    if (!m_commitOnChallenge && cred && cred->pendingUpdate && cred->grant.rand == m_rand)
    {
        // Claim 18: RAND2 from the home to the mobile.
        m_newRand = cred->pendingUpdate->rand;
        m_newTsk = cred->pendingUpdate->tsk;
        cred->updateSent = true;
        EapTskMessage msg;
        msg.subtype = EapTskSubtype::Update;
        msg.Add(EapTskAttr::Rand2, m_newRand);
        m_state = State::WaitUpdateResponse;
        return SendRequest(std::move(msg), {});
    }
    EapTskMessage msg;
    msg.subtype = EapTskSubtype::Result;
    if (m_hostRes)
    {
        msg.Add(EapTskAttr::HostRes, *m_hostRes);
    }
    if (m_distKey)
    {
        ByteWriter w;
        w.U32(m_distKey->first).Append(m_distKey->second);
        AddEncrypted(msg, {{EapTskAttr::KeyDist, w.Take()}}, m_keys.kEncr, m_rng);
    }
    m_state = State::WaitResultResponse;
    return SendRequest(std::move(msg), {});
}

EapTskOutput
EapTskServer::OnUpdateResponse(const EapTskMessage& msg, const Bytes& raw)
{
    const Bytes* nar = msg.Find(EapTskAttr::Nar);
    EapTskOutput out;
    if (!nar)
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::Malformed, m_identity));
        return out;
    }
    if (!VerifyMac(msg, raw, m_keys.kInt, m_nonceS))
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::BadMac, m_identity));
        return out;
    }
    m_nar = *nar;
    m_rand3 = m_rng.Generate(kTskNonceLen); // claim 24
    EapTskMessage req;
    req.subtype = EapTskSubtype::UpdateAuth;
    // Claim 21: first authentication response, computed with the third key.
    req.Add(EapTskAttr::NetAuthRes,
            ComputeNetworkAuthResponse(DeriveTskKeys(m_newTsk).kAuth, m_nar, m_newRand));
    req.Add(EapTskAttr::Rand3, m_rand3);
    m_state = State::WaitUpdateAuthResponse;
    return SendRequest(std::move(req), {});
}

EapTskOutput
EapTskServer::OnUpdateAuthResponse(const EapTskMessage& msg, const Bytes& raw)
{
    const Bytes* conf = msg.Find(EapTskAttr::UpdateConf);
    EapTskOutput out;
    if (!conf)
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::Malformed, m_identity));
        return out;
    }
    TskKeys newKeys = DeriveTskKeys(m_newTsk);
    if (!VerifyMac(msg, raw, newKeys.kInt, m_nonceS))
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::BadMac, m_identity));
        return out;
    }
    if (!ConstantTimeEqual(ComputeUpdateConfirm(newKeys.kAuth, m_rand3, m_nar), *conf))
    {
        return Fail(EapTskReason::UpdateConfirmFailed);
    }
    // Claims 21, 24: the mobile holds the third key; use it from now on.
    m_oldRand = m_rand;
    m_rand = m_newRand;
    m_tsk = m_newTsk;
    m_keys = newKeys;
    CommitUpdate(out);
    EapTskOutput next = Continue();
    next.events.insert(next.events.begin(), out.events.begin(), out.events.end());
    return next;
}

EapTskOutput
EapTskServer::OnResultResponse(const EapTskMessage& msg, const Bytes& raw)
{
    EapTskOutput out;
    if (!VerifyMac(msg, raw, m_keys.kInt, m_nonceS))
    {
        out.events.push_back(
            MakeEvent(EapTskEventType::Discarded, EapTskReason::BadMac, m_identity));
        return out;
    }
    auto e = MakeEvent(EapTskEventType::LocalAuthSuccess, EapTskReason::None, m_identity);
    e.session = DeriveTskSessionKeys(m_tsk, m_nonceS, m_nonceP, m_identity);
    out.events.push_back(std::move(e));
    out.eap = EapOnly(EapCode::Success, m_id);
    m_state = State::Success;
    return out;
}

} // namespace roamsec
