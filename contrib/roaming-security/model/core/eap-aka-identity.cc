/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "eap-aka-identity.h"

#include <stdexcept>

namespace roamsec {

bool
IsValidImsi(std::string_view imsi)
{
    if (imsi.size() < 6 || imsi.size() > 15)
    {
        return false;
    }
    for (char c : imsi)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
    }
    return true;
}

std::string
AkaPermanentUsername(const std::string& imsi)
{
    if (!IsValidImsi(imsi))
    {
        throw std::invalid_argument("EAP-AKA: malformed IMSI");
    }
    return "0" + imsi;
}

std::optional<std::string>
ImsiFromAkaPermanentUsername(std::string_view username)
{
    if (username.empty() || username[0] != '0' || !IsValidImsi(username.substr(1)))
    {
        return std::nullopt;
    }
    return std::string(username.substr(1));
}

std::string
AkaRealm(const std::string& imsi, const AkaRealmConfig& config)
{
    if (!config.realmOverride.empty())
    {
        return config.realmOverride;
    }
    if (config.mncDigits != 2 && config.mncDigits != 3)
    {
        throw std::invalid_argument("EAP-AKA: MNC is 2 or 3 digits");
    }
    if (!IsValidImsi(imsi))
    {
        throw std::invalid_argument("EAP-AKA: malformed IMSI");
    }
    std::string mcc = imsi.substr(0, 3);
    std::string mnc = imsi.substr(3, config.mncDigits);
    if (config.form == AkaRealmForm::Owlan)
    {
        return "mnc" + mnc + ".mcc" + mcc + ".owlan.org";
    }
    // TS 23.003 14.2: a 2-digit MNC gets a leading zero.
    if (mnc.size() == 2)
    {
        mnc = "0" + mnc;
    }
    return "wlan.mnc" + mnc + ".mcc" + mcc + ".3gppnetwork.org";
}

std::string
JoinNai(const std::string& username, const std::string& realm)
{
    return realm.empty() ? username : username + "@" + realm;
}

NaiParts
SplitNai(std::string_view nai)
{
    NaiParts p;
    size_t at = nai.rfind('@');
    if (at == std::string_view::npos)
    {
        p.username = std::string(nai);
    }
    else
    {
        p.username = std::string(nai.substr(0, at));
        p.realm = std::string(nai.substr(at + 1));
    }
    return p;
}

AkaPseudonymCodec::AkaPseudonymCodec(const Bytes& key)
    : m_key(key)
{
    if (key.size() != 16)
    {
        throw std::invalid_argument("EAP-AKA: pseudonym key must be 16 bytes");
    }
    m_macKey = Slice(HmacSha1(key, ToBytes("roamsec eap-aka pseudonym tag")), 0, 16);
}

std::string
AkaPseudonymCodec::Issue(const std::string& imsi, RandomSource& rng) const
{
    if (!IsValidImsi(imsi))
    {
        throw std::invalid_argument("EAP-AKA: malformed IMSI");
    }
    Bytes block(16, 0xff);
    for (size_t i = 0; i < imsi.size(); ++i)
    {
        uint8_t d = uint8_t(imsi[i] - '0');
        uint8_t& b = block[i / 2];
        b = (i % 2 == 0) ? uint8_t((d << 4) | 0x0f) : uint8_t((b & 0xf0) | d);
    }
    rng.Fill(block.data() + 8, 8);
    Bytes c = AesCbcEncrypt(m_key, Bytes(16, 0), block); // one block: plain AES
    Bytes t = Slice(HmacSha1(m_macKey, c), 0, 6);
    return std::string(1, kPrefix) + ToHex(Concat({c, t}));
}

std::optional<std::string>
AkaPseudonymCodec::Decode(std::string_view username) const
{
    if (username.size() != kUsernameLength || username[0] != kPrefix)
    {
        return std::nullopt;
    }
    for (char ch : username.substr(1))
    {
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
        {
            return std::nullopt;
        }
    }
    Bytes raw = FromHex(username.substr(1));
    Bytes c = Slice(raw, 0, 16);
    Bytes t = Slice(HmacSha1(m_macKey, c), 0, 6);
    if (!ConstantTimeEqual(t.data(), raw.data() + 16, 6))
    {
        return std::nullopt;
    }
    Bytes block = AesCbcDecrypt(m_key, Bytes(16, 0), c);
    std::string imsi;
    for (size_t i = 0; i < 16; ++i)
    {
        uint8_t d = (i % 2 == 0) ? uint8_t(block[i / 2] >> 4) : uint8_t(block[i / 2] & 0x0f);
        if (d == 0x0f)
        {
            break;
        }
        if (d > 9)
        {
            return std::nullopt;
        }
        imsi.push_back(char('0' + d));
    }
    if (!IsValidImsi(imsi))
    {
        return std::nullopt;
    }
    return imsi;
}

} // namespace roamsec
