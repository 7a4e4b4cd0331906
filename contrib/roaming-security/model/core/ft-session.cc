/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ft-session.h"

#include "eapol.h"
#include "roamsec-crypto.h"

#include <algorithm>
#include <stdexcept>

namespace roamsec {

namespace {

constexpr uint8_t kPayloadTypeRemote = 1; //!< EtherType 89-0d Payload Type: remote request/response
constexpr uint8_t kRemoteFrameFt = 1;     //!< Remote Frame Type of FT Action frames (13.10.3)
constexpr uint8_t kRemoteFrameKeyPush = 0x80; //!< our R0KH-R1KH PMK-R1 push (not standardised)
constexpr uint8_t kFtActionRequest = 1;
constexpr uint8_t kFtActionResponse = 2;
constexpr uint8_t kMicElementCount = 3; //!< RSNE, MDE, FTE
constexpr uint8_t kMicSequenceRequest = 5;
constexpr uint8_t kMicSequenceResponse = 6;

void
PutLe16(Bytes& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v & 0xff));
    out.push_back(static_cast<uint8_t>(v >> 8));
}

uint16_t
ReadLe16(ByteReader& reader)
{
    uint8_t lo = reader.ReadU8();
    uint8_t hi = reader.ReadU8();
    return static_cast<uint16_t>(lo | (hi << 8));
}

MacAddr
ReadMac(ByteReader& reader)
{
    Bytes b = reader.ReadBytes(6);
    MacAddr mac;
    std::copy(b.begin(), b.end(), mac.begin());
    return mac;
}

/** The FTE again with its MIC field set. */
Bytes
WithMic(const FtElementSet& set, const Bytes& mic)
{
    Bytes fte = set.fte;
    std::copy(mic.begin(), mic.end(), fte.begin() + 4);
    return fte;
}

/** RSNE of the FT-802.1X AKM, decoded; nullopt when malformed or of another AKM. */
std::optional<RsnElement>
DecodeFtRsne(const Bytes& raw)
{
    try
    {
        RsnElement rsne = DecodeRsne(raw);
        if (std::find(rsne.akms.begin(), rsne.akms.end(), kAkmFt8021x) == rsne.akms.end())
        {
            return std::nullopt;
        }
        return rsne;
    }
    catch (const ParseError&)
    {
        return std::nullopt;
    }
}

} // namespace

std::string
FtStatusName(FtStatus status)
{
    switch (status)
    {
        case FtStatus::Success:
            return "success";
        case FtStatus::Unspecified:
            return "unspecified-failure";
        case FtStatus::R0khUnreachable:
            return "r0kh-unreachable";
        case FtStatus::InvalidPmkid:
            return "invalid-pmkid";
        case FtStatus::InvalidMde:
            return "invalid-mde";
        case FtStatus::InvalidFte:
            return "invalid-fte";
        case FtStatus::InvalidRsne:
            return "invalid-rsne";
    }
    return "status-" + std::to_string(static_cast<int>(status));
}

Bytes
EncodeFtAuthentication(const FtAuthenticationFrame& frame)
{
    Bytes out;
    PutLe16(out, kAuthAlgorithmFt);
    PutLe16(out, frame.sequence);
    PutLe16(out, frame.status);
    out.insert(out.end(), frame.elements.begin(), frame.elements.end());
    return out;
}

FtAuthenticationFrame
DecodeFtAuthentication(const Bytes& body)
{
    ByteReader reader(body);
    if (ReadLe16(reader) != kAuthAlgorithmFt)
    {
        throw ParseError("Authentication frame: algorithm is not FT");
    }
    FtAuthenticationFrame frame;
    frame.sequence = ReadLe16(reader);
    frame.status = ReadLe16(reader);
    frame.elements = reader.ReadBytes(reader.Remaining());
    return frame;
}

Bytes
EncodeFtAction(const FtActionFrame& frame)
{
    Bytes out{kActionCategoryFt, frame.action};
    out.insert(out.end(), frame.sta.begin(), frame.sta.end());
    out.insert(out.end(), frame.targetAp.begin(), frame.targetAp.end());
    if (frame.action == kFtActionResponse)
    {
        PutLe16(out, frame.status);
    }
    out.insert(out.end(), frame.elements.begin(), frame.elements.end());
    return out;
}

FtActionFrame
DecodeFtAction(const Bytes& body)
{
    ByteReader reader(body);
    if (reader.ReadU8() != kActionCategoryFt)
    {
        throw ParseError("FT Action frame: wrong category");
    }
    FtActionFrame frame;
    frame.action = reader.ReadU8();
    if (frame.action != kFtActionRequest && frame.action != kFtActionResponse)
    {
        throw ParseError("FT Action frame: not an FT Request or Response");
    }
    frame.sta = ReadMac(reader);
    frame.targetAp = ReadMac(reader);
    if (frame.action == kFtActionResponse)
    {
        frame.status = ReadLe16(reader);
    }
    frame.elements = reader.ReadBytes(reader.Remaining());
    return frame;
}

Bytes
EncodeFtRrb(const FtRrbFrame& frame)
{
    Bytes action = EncodeFtAction(frame.action);
    Bytes out{kPayloadTypeRemote, kRemoteFrameFt, static_cast<uint8_t>(frame.response ? 1 : 0)};
    PutLe16(out, static_cast<uint16_t>(action.size()));
    out.insert(out.end(), frame.apAddress.begin(), frame.apAddress.end());
    out.insert(out.end(), action.begin(), action.end());
    return out;
}

std::optional<FtRrbFrame>
DecodeFtRrb(const Bytes& payload)
{
    if (payload.size() < 2 || payload[0] != kPayloadTypeRemote || payload[1] != kRemoteFrameFt)
    {
        return std::nullopt;
    }
    ByteReader reader(payload);
    reader.Skip(2);
    FtRrbFrame frame;
    uint8_t packetType = reader.ReadU8();
    if (packetType > 1)
    {
        throw ParseError("FT RRB frame: unknown FT Packet Type");
    }
    frame.response = packetType == 1;
    uint16_t length = ReadLe16(reader);
    frame.apAddress = ReadMac(reader);
    if (reader.Remaining() != length)
    {
        throw ParseError("FT RRB frame: FT Action Length disagrees with the frame");
    }
    frame.action = DecodeFtAction(reader.ReadBytes(length));
    if (frame.response != (frame.action.action == kFtActionResponse))
    {
        throw ParseError("FT RRB frame: packet type and FT Action disagree");
    }
    return frame;
}

Bytes
EncodeFtKeyPush(const FtKeyPush& push, const Bytes& pairKey)
{
    if (pairKey.size() != 16)
    {
        throw std::invalid_argument("FT key push: the pair key must be 16 bytes");
    }
    if (push.r0khId.empty() || push.r0khId.size() > 48)
    {
        throw std::invalid_argument("FT key push: R0KH-ID must be 1 to 48 bytes");
    }
    Bytes out{kPayloadTypeRemote, kRemoteFrameKeyPush, static_cast<uint8_t>(push.r0khId.size())};
    out.insert(out.end(), push.r0khId.begin(), push.r0khId.end());
    out.insert(out.end(), push.r1khId.begin(), push.r1khId.end());
    out.insert(out.end(), push.s1khId.begin(), push.s1khId.end());
    Bytes plain = Concat({push.pmkR1.key, push.pmkR1.name, push.pmkR0Name, MacBytes(push.s1khId),
                          MacBytes(push.r1khId)});
    for (int shift = 0; shift < 32; shift += 8)
    {
        plain.push_back(static_cast<uint8_t>((push.lifetimeSeconds >> shift) & 0xff));
    }
    Bytes wrapped = AesKeyWrap(pairKey, plain);
    out.insert(out.end(), wrapped.begin(), wrapped.end());
    return out;
}

bool
IsFtKeyPush(const Bytes& payload)
{
    return payload.size() >= 2 && payload[0] == kPayloadTypeRemote
           && payload[1] == kRemoteFrameKeyPush;
}

std::optional<FtKeyPush>
DecodeFtKeyPush(const Bytes& payload, const Bytes& pairKey)
{
    if (!IsFtKeyPush(payload) || pairKey.size() != 16)
    {
        return std::nullopt;
    }
    try
    {
        ByteReader reader(payload);
        reader.Skip(2);
        FtKeyPush push;
        uint8_t idLen = reader.ReadU8();
        if (idLen == 0 || idLen > 48)
        {
            return std::nullopt;
        }
        push.r0khId = reader.ReadBytes(idLen);
        push.r1khId = ReadMac(reader);
        push.s1khId = ReadMac(reader);
        auto plain = AesKeyUnwrap(pairKey, reader.ReadBytes(reader.Remaining()));
        if (!plain || plain->size() != 32 + 16 + 16 + 6 + 6 + 4)
        {
            return std::nullopt;
        }
        ByteReader inner(*plain);
        push.pmkR1.key = inner.ReadBytes(32);
        push.pmkR1.name = inner.ReadBytes(16);
        push.pmkR0Name = inner.ReadBytes(16);
        if (ReadMac(inner) != push.s1khId || ReadMac(inner) != push.r1khId)
        {
            return std::nullopt; // the clear header was altered
        }
        Bytes life = inner.ReadBytes(4);
        push.lifetimeSeconds = static_cast<uint32_t>(life[0] | (life[1] << 8) | (life[2] << 16)
                                                     | (static_cast<uint32_t>(life[3]) << 24));
        return push;
    }
    catch (const ParseError&)
    {
        return std::nullopt;
    }
}

// ---------------------------------------------------------------------------------------
// FtSupplicant

FtSupplicant::FtSupplicant(FtSupplicantConfig config, RandomSource& rng)
    : m_config(std::move(config))
    , m_rng(rng)
{}

Bytes
FtSupplicant::RsneWithPmkid(const Bytes& pmkid) const
{
    RsnElement rsne;
    rsne.akms = {kAkmFt8021x};
    if (!pmkid.empty())
    {
        rsne.pmkids.push_back(pmkid);
    }
    return EncodeRsne(rsne);
}

Bytes
FtSupplicant::InitialAssociationElements(const MobilityDomainElement& mde) const
{
    return EncodeMde(mde);
}

bool
FtSupplicant::HandleInitialAssociationResponse(const MacAddr& bssid, const Bytes& elements)
{
    try
    {
        auto mde = FindElement(elements, kElementIdMobilityDomain);
        auto fte = FindElement(elements, kElementIdFastBssTransition);
        if (!mde || !fte)
        {
            return false;
        }
        FtElement decoded = DecodeFte(*fte);
        if (!decoded.r0khId || !decoded.r1khId)
        {
            return false;
        }
        m_mde = DecodeMde(*mde);
        m_r0khId = *decoded.r0khId;
        m_initialBssid = bssid;
        m_initialR1khId = *decoded.r1khId;
        return true;
    }
    catch (const ParseError&)
    {
        return false;
    }
}

bool
FtSupplicant::InitialAuthenticationSucceeded(const MacAddr& bssid, const Bytes& msk)
{
    if (!m_initialBssid || *m_initialBssid != bssid || !m_mde || msk.size() < 64)
    {
        return false;
    }
    m_r0 = DeriveFtPmkR0(FtXxKeyFromMsk(msk), m_config.ssid, m_mde->mdid, m_r0khId, m_config.sta);
    m_exchanges.clear();
    return true;
}

std::optional<FtFourWayKeys>
FtSupplicant::InitialFourWay(const MacAddr& bssid) const
{
    if (!m_r0 || !m_initialBssid || *m_initialBssid != bssid || !m_mde)
    {
        return std::nullopt;
    }
    FtFourWayKeys keys;
    keys.pmkR1 = DeriveFtPmkR1(*m_r0, m_initialR1khId, m_config.sta);
    keys.mde = *m_mde;
    keys.r0khId = m_r0khId;
    keys.r1khId = m_initialR1khId;
    return keys;
}

bool
FtSupplicant::HasPmkR0() const
{
    return m_r0.has_value();
}

uint16_t
FtSupplicant::GetMdid() const
{
    return m_mde ? m_mde->mdid : 0;
}

const Bytes&
FtSupplicant::GetPmkR0Name() const
{
    static const Bytes none;
    return m_r0 ? m_r0->name : none;
}

void
FtSupplicant::Reset()
{
    m_r0.reset();
    m_initialBssid.reset();
    m_exchanges.clear();
}

Bytes
FtSupplicant::BuildRequest(const MacAddr& target)
{
    if (!m_r0 || !m_mde)
    {
        return {};
    }
    Exchange& exchange = m_exchanges[target];
    exchange = Exchange();
    exchange.sNonce = m_rng.Generate(kRsnNonceLen);
    FtElement fte;
    fte.sNonce = exchange.sNonce;
    fte.r0khId = m_r0khId;
    return Concat({RsneWithPmkid(m_r0->name), EncodeMde(*m_mde), EncodeFte(fte)});
}

FtStatus
FtSupplicant::HandleResponse(const MacAddr& target, uint16_t status, const Bytes& elements)
{
    auto it = m_exchanges.find(target);
    if (it == m_exchanges.end() || !m_r0 || it->second.sNonce.empty() || it->second.ptk)
    {
        return FtStatus::Unspecified; // no request of ours is open with that AP
    }
    if (status != 0)
    {
        m_exchanges.erase(it);
        return static_cast<FtStatus>(status);
    }
    try
    {
        auto set = FindFtElements(elements);
        if (!set)
        {
            return FtStatus::InvalidFte;
        }
        auto rsne = DecodeFtRsne(set->rsne);
        if (!rsne || rsne->pmkids.size() != 1 || !ConstantTimeEqual(rsne->pmkids[0], m_r0->name))
        {
            return FtStatus::InvalidPmkid;
        }
        if (DecodeMde(set->mde).mdid != m_mde->mdid)
        {
            return FtStatus::InvalidMde;
        }
        FtElement fte = DecodeFte(set->fte);
        if (fte.sNonce != it->second.sNonce || !fte.r1khId || !fte.r0khId
            || *fte.r0khId != m_r0khId)
        {
            return FtStatus::InvalidFte;
        }
        it->second.aNonce = fte.aNonce;
        it->second.r1khId = fte.r1khId;
        FtPmkR1 r1 = DeriveFtPmkR1(*m_r0, *fte.r1khId, m_config.sta);
        it->second.ptk = DeriveFtPtk(r1, it->second.sNonce, fte.aNonce, target, m_config.sta);
        return FtStatus::Success;
    }
    catch (const ParseError&)
    {
        return FtStatus::InvalidFte;
    }
}

bool
FtSupplicant::PtkReady(const MacAddr& target) const
{
    auto it = m_exchanges.find(target);
    return it != m_exchanges.end() && it->second.ptk && !it->second.installed;
}

Bytes
FtSupplicant::BuildReassociationElements(const MacAddr& target) const
{
    auto it = m_exchanges.find(target);
    if (it == m_exchanges.end() || !it->second.ptk || !m_r0 || !m_mde)
    {
        return {};
    }
    const Exchange& exchange = it->second;
    FtElement fte;
    fte.micElementCount = kMicElementCount;
    fte.aNonce = exchange.aNonce;
    fte.sNonce = exchange.sNonce;
    fte.r1khId = exchange.r1khId;
    fte.r0khId = m_r0khId;
    FtElementSet set{RsneWithPmkid(FtPmkR1Name(m_r0->name, *exchange.r1khId, m_config.sta)),
                     EncodeMde(*m_mde), EncodeFte(fte)};
    Bytes mic
        = ComputeFtMic(exchange.ptk->keys.kck, m_config.sta, target, kMicSequenceRequest, set);
    return Concat({set.rsne, set.mde, WithMic(set, mic)});
}

FtStatus
FtSupplicant::HandleReassociationResponse(const MacAddr& target, uint16_t status,
                                          const Bytes& elements)
{
    auto it = m_exchanges.find(target);
    if (it == m_exchanges.end() || !it->second.ptk || !m_r0)
    {
        return FtStatus::Unspecified;
    }
    if (status != 0)
    {
        return static_cast<FtStatus>(status);
    }
    Exchange& exchange = it->second;
    try
    {
        auto set = FindFtElements(elements);
        if (!set)
        {
            return FtStatus::InvalidFte;
        }
        Bytes pmkR1Name = FtPmkR1Name(m_r0->name, *exchange.r1khId, m_config.sta);
        auto rsne = DecodeFtRsne(set->rsne);
        if (!rsne || rsne->pmkids.size() != 1 || !ConstantTimeEqual(rsne->pmkids[0], pmkR1Name))
        {
            return FtStatus::InvalidPmkid;
        }
        if (DecodeMde(set->mde).mdid != m_mde->mdid)
        {
            return FtStatus::InvalidMde;
        }
        FtElement fte = DecodeFte(set->fte);
        Bytes expected = ComputeFtMic(exchange.ptk->keys.kck, m_config.sta, target,
                                      kMicSequenceResponse, *set);
        if (fte.micElementCount != kMicElementCount || !ConstantTimeEqual(fte.mic, expected)
            || fte.aNonce != exchange.aNonce || fte.sNonce != exchange.sNonce || !fte.gtk)
        {
            return FtStatus::InvalidFte;
        }
        auto gtk = AesKeyUnwrap(exchange.ptk->keys.kek, fte.gtk->wrappedKey);
        if (!gtk || fte.gtk->keyLength > gtk->size())
        {
            return FtStatus::InvalidFte;
        }
        gtk->resize(fte.gtk->keyLength);
        exchange.gtk = *gtk;
        exchange.installed = true;
        return FtStatus::Success;
    }
    catch (const ParseError&)
    {
        return FtStatus::InvalidFte;
    }
}

std::optional<FtPtk>
FtSupplicant::GetInstalledPtk(const MacAddr& target) const
{
    auto it = m_exchanges.find(target);
    if (it == m_exchanges.end() || !it->second.installed)
    {
        return std::nullopt;
    }
    return it->second.ptk;
}

Bytes
FtSupplicant::GetGtk(const MacAddr& target) const
{
    auto it = m_exchanges.find(target);
    return it == m_exchanges.end() ? Bytes() : it->second.gtk;
}

void
FtSupplicant::Forget(const MacAddr& target)
{
    m_exchanges.erase(target);
}

// ---------------------------------------------------------------------------------------
// FtAuthenticator

FtAuthenticator::FtAuthenticator(FtAuthenticatorConfig config, RandomSource& rng)
    : m_config(std::move(config))
    , m_rng(rng)
{
    if (m_config.r0khId.empty() || m_config.r0khId.size() > 48)
    {
        throw std::invalid_argument("FT: R0KH-ID must be 1 to 48 bytes");
    }
    for (const auto& [id, key] : m_config.r1khKeys)
    {
        if (key.size() != 16)
        {
            throw std::invalid_argument("FT: R0KH-R1KH pair keys must be 16 bytes");
        }
    }
    for (const auto& [id, key] : m_config.r0khKeys)
    {
        if (key.size() != 16)
        {
            throw std::invalid_argument("FT: R0KH-R1KH pair keys must be 16 bytes");
        }
    }
}

void
FtAuthenticator::SetGroupKey(const Bytes& gtk, uint8_t keyId, const Bytes& rsc)
{
    m_gtk = gtk;
    m_gtkKeyId = keyId;
    m_gtkRsc = rsc;
    m_gtkRsc.resize(8, 0);
}

Bytes
FtAuthenticator::Rsne(const Bytes& pmkid) const
{
    RsnElement rsne;
    rsne.akms = {kAkmFt8021x};
    rsne.pmkids.push_back(pmkid);
    return EncodeRsne(rsne);
}

bool
FtAuthenticator::IsMobilityDomainRequest(const Bytes& requestElements) const
{
    try
    {
        auto mde = FindElement(requestElements, kElementIdMobilityDomain);
        return mde && DecodeMde(*mde).mdid == m_config.mde.mdid;
    }
    catch (const ParseError&)
    {
        return false;
    }
}

bool
FtAuthenticator::IsFtReassociation(const Bytes& requestElements) const
{
    try
    {
        return FindElement(requestElements, kElementIdFastBssTransition).has_value();
    }
    catch (const ParseError&)
    {
        return false;
    }
}

Bytes
FtAuthenticator::InitialAssociationResponseElements() const
{
    FtElement fte;
    fte.r1khId = m_config.bssid;
    fte.r0khId = m_config.r0khId;
    return Concat({EncodeMde(m_config.mde), EncodeFte(fte)});
}

std::vector<FtPushMessage>
FtAuthenticator::InitialAuthentication(const MacAddr& sta, const Bytes& msk, TimeNs now)
{
    FtPmkR0 r0 = DeriveFtPmkR0(FtXxKeyFromMsk(msk), m_config.ssid, m_config.mde.mdid,
                               m_config.r0khId, sta);
    // The PMK-R1 lifetime is what is left of the PMK-R0's (12.7.1.7.4).
    FtPmkR1 own = DeriveFtPmkR1(r0, m_config.bssid, sta);
    m_r1[{sta, r0.name}] = R1Entry{own, m_config.r0khId, now + m_config.r0KeyLifetime};
    m_initialR1[sta] = own;
    std::vector<FtPushMessage> pushes;
    for (const auto& [r1khId, key] : m_config.r1khKeys)
    {
        if (r1khId == m_config.bssid)
        {
            continue;
        }
        FtKeyPush push;
        push.r0khId = m_config.r0khId;
        push.r1khId = r1khId;
        push.s1khId = sta;
        push.pmkR1 = DeriveFtPmkR1(r0, r1khId, sta);
        push.pmkR0Name = r0.name;
        push.lifetimeSeconds = static_cast<uint32_t>(
            std::chrono::duration_cast<std::chrono::seconds>(m_config.r0KeyLifetime).count());
        pushes.push_back({r1khId, EncodeFtKeyPush(push, key)});
    }
    return pushes;
}

std::optional<FtFourWayKeys>
FtAuthenticator::InitialFourWay(const MacAddr& sta) const
{
    auto it = m_initialR1.find(sta);
    if (it == m_initialR1.end())
    {
        return std::nullopt;
    }
    FtFourWayKeys keys;
    keys.pmkR1 = it->second;
    keys.mde = m_config.mde;
    keys.r0khId = m_config.r0khId;
    keys.r1khId = m_config.bssid;
    keys.keyLifetimeSeconds = static_cast<uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(m_config.r0KeyLifetime).count());
    return keys;
}

bool
FtAuthenticator::HandleKeyPush(const Bytes& payload, TimeNs now)
{
    if (!IsFtKeyPush(payload) || payload.size() < 3 || payload[2] == 0
        || payload.size() < 3u + payload[2])
    {
        return false;
    }
    Bytes r0khId(payload.begin() + 3, payload.begin() + 3 + payload[2]);
    auto key = m_config.r0khKeys.find(r0khId);
    if (key == m_config.r0khKeys.end())
    {
        return false;
    }
    auto push = DecodeFtKeyPush(payload, key->second);
    if (!push || push->r1khId != m_config.bssid || push->r0khId != r0khId)
    {
        return false;
    }
    m_r1[{push->s1khId, push->pmkR0Name}]
        = R1Entry{push->pmkR1, r0khId, now + std::chrono::seconds(push->lifetimeSeconds)};
    return true;
}

const FtAuthenticator::R1Entry*
FtAuthenticator::FindR1(const MacAddr& sta, const Bytes& pmkR0Name, TimeNs now) const
{
    auto it = m_r1.find({sta, pmkR0Name});
    if (it == m_r1.end() || it->second.expiry <= now)
    {
        return nullptr;
    }
    return &it->second;
}

FtResult
FtAuthenticator::HandleRequest(const MacAddr& sta, const Bytes& elements, TimeNs now)
{
    FtResult result;
    try
    {
        if (!FindElement(elements, kElementIdRsn))
        {
            result.status = FtStatus::InvalidRsne;
            return result;
        }
        auto set = FindFtElements(elements);
        if (!set)
        {
            result.status = FindElement(elements, kElementIdMobilityDomain) ? FtStatus::InvalidFte
                                                                            : FtStatus::InvalidMde;
            return result;
        }
        auto rsne = DecodeFtRsne(set->rsne);
        if (!rsne)
        {
            result.status = FtStatus::InvalidRsne;
            return result;
        }
        if (DecodeMde(set->mde).mdid != m_config.mde.mdid)
        {
            result.status = FtStatus::InvalidMde;
            return result;
        }
        FtElement fte = DecodeFte(set->fte);
        if (!fte.r0khId)
        {
            result.status = FtStatus::InvalidFte;
            return result;
        }
        if (rsne->pmkids.size() != 1)
        {
            result.status = FtStatus::InvalidPmkid;
            return result;
        }
        const R1Entry* entry = FindR1(sta, rsne->pmkids[0], now);
        if (entry == nullptr || entry->r0khId != *fte.r0khId)
        {
            // No PMK-R1 pushed for this PMKR0Name (this model does not pull, 13.3).
            result.status = FtStatus::InvalidPmkid;
            return result;
        }
        Pending pending;
        pending.sNonce = fte.sNonce;
        pending.aNonce = m_rng.Generate(kRsnNonceLen);
        pending.pmkR0Name = rsne->pmkids[0];
        pending.r0khId = *fte.r0khId;
        pending.ptk = DeriveFtPtk(entry->r1, pending.sNonce, pending.aNonce, m_config.bssid, sta);
        pending.deadline = now + m_config.reassociationDeadline;
        FtElement answer;
        answer.aNonce = pending.aNonce;
        answer.sNonce = pending.sNonce;
        answer.r1khId = m_config.bssid;
        answer.r0khId = pending.r0khId;
        result.elements
            = Concat({Rsne(pending.pmkR0Name), EncodeMde(m_config.mde), EncodeFte(answer)});
        m_pending[sta] = std::move(pending);
        return result;
    }
    catch (const ParseError&)
    {
        result.status = FtStatus::InvalidFte;
        result.elements.clear();
        return result;
    }
}

FtResult
FtAuthenticator::HandleReassociation(const MacAddr& sta, const Bytes& elements, TimeNs now)
{
    FtResult result;
    auto pendingIt = m_pending.find(sta);
    if (pendingIt == m_pending.end() || pendingIt->second.deadline < now)
    {
        // No FT exchange open with this STA (or its reassociation deadline passed).
        if (pendingIt != m_pending.end())
        {
            m_pending.erase(pendingIt);
        }
        result.status = FtStatus::InvalidPmkid;
        return result;
    }
    const Pending& pending = pendingIt->second;
    try
    {
        auto set = FindFtElements(elements);
        if (!set)
        {
            result.status = FtStatus::InvalidFte;
            return result;
        }
        Bytes pmkR1Name = FtPmkR1Name(pending.pmkR0Name, m_config.bssid, sta);
        auto rsne = DecodeFtRsne(set->rsne);
        if (!rsne || rsne->pmkids.size() != 1 || !ConstantTimeEqual(rsne->pmkids[0], pmkR1Name))
        {
            result.status = FtStatus::InvalidPmkid;
            return result;
        }
        if (DecodeMde(set->mde).mdid != m_config.mde.mdid)
        {
            result.status = FtStatus::InvalidMde;
            return result;
        }
        FtElement fte = DecodeFte(set->fte);
        Bytes expected
            = ComputeFtMic(pending.ptk.keys.kck, sta, m_config.bssid, kMicSequenceRequest, *set);
        if (fte.micElementCount != kMicElementCount || !ConstantTimeEqual(fte.mic, expected)
            || fte.aNonce != pending.aNonce || fte.sNonce != pending.sNonce)
        {
            result.status = FtStatus::InvalidFte;
            return result;
        }
        FtElement answer;
        answer.micElementCount = kMicElementCount;
        answer.aNonce = pending.aNonce;
        answer.sNonce = pending.sNonce;
        answer.r1khId = m_config.bssid;
        answer.r0khId = pending.r0khId;
        if (!m_gtk.empty())
        {
            FtGtkSubelement gtk;
            gtk.keyId = m_gtkKeyId;
            gtk.keyLength = static_cast<uint8_t>(m_gtk.size());
            gtk.rsc = m_gtkRsc;
            Bytes padded = m_gtk;
            while (padded.size() < 16 || padded.size() % 8 != 0)
            {
                padded.push_back(padded.size() == m_gtk.size() ? 0xdd : 0x00);
            }
            gtk.wrappedKey = AesKeyWrap(pending.ptk.keys.kek, padded);
            answer.gtk = gtk;
        }
        FtElementSet out{Rsne(pmkR1Name), EncodeMde(m_config.mde), EncodeFte(answer)};
        Bytes mic
            = ComputeFtMic(pending.ptk.keys.kck, sta, m_config.bssid, kMicSequenceResponse, out);
        result.elements = Concat({out.rsne, out.mde, WithMic(out, mic)});
        m_installed[sta] = pending.ptk;
        m_pending.erase(pendingIt);
        return result;
    }
    catch (const ParseError&)
    {
        result.status = FtStatus::InvalidFte;
        return result;
    }
}

std::optional<FtPtk>
FtAuthenticator::GetInstalledPtk(const MacAddr& sta) const
{
    auto it = m_installed.find(sta);
    if (it == m_installed.end())
    {
        return std::nullopt;
    }
    return it->second;
}

void
FtAuthenticator::Remove(const MacAddr& sta)
{
    m_pending.erase(sta);
    m_installed.erase(sta);
    m_initialR1.erase(sta);
}

} // namespace roamsec
