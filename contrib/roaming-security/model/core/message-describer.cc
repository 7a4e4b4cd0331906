/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "message-describer.h"

#include "ft-session.h"

#include "eap-aka-attributes.h"
#include "eap-packet.h"
#include "eap-tsk.h"
#include "eapol.h"
#include "preassoc-ptk.h"
#include "radius-packet.h"

namespace roamsec {

namespace {

void
AddField(std::string& fields, const char* name, const Bytes& value)
{
    if (!fields.empty())
    {
        fields += ";";
    }
    fields += std::string(name) + "=" + ToHex(value);
}

void
AddText(std::string& fields, const char* name, const std::string& value)
{
    if (!fields.empty())
    {
        fields += ";";
    }
    fields += std::string(name) + "=" + value;
}

const char*
AkaSubtypeName(uint8_t subtype)
{
    switch (subtype)
    {
        case EapAkaSubtype::Challenge:
            return "AKA-Challenge";
        case EapAkaSubtype::AuthenticationReject:
            return "AKA-Authentication-Reject";
        case EapAkaSubtype::SynchronizationFailure:
            return "AKA-Synchronization-Failure";
        case EapAkaSubtype::Identity:
            return "AKA-Identity";
        case EapAkaSubtype::Notification:
            return "AKA-Notification";
        case EapAkaSubtype::Reauthentication:
            return "AKA-Reauthentication";
        case EapAkaSubtype::ClientError:
            return "AKA-Client-Error";
        default:
            return "AKA-?";
    }
}

const char*
TskSubtypeName(EapTskSubtype subtype)
{
    switch (subtype)
    {
        case EapTskSubtype::Challenge:
            return "TSK-Challenge";
        case EapTskSubtype::Update:
            return "TSK-Update";
        case EapTskSubtype::UpdateAuth:
            return "TSK-Update-Auth";
        case EapTskSubtype::Result:
            return "TSK-Result";
        case EapTskSubtype::ClientError:
            return "TSK-Client-Error";
    }
    return "TSK-?";
}

} // namespace

MessageDescription
DescribeEap(const Bytes& eap, EapAkaProfile profile)
{
    MessageDescription d{"EAP", "malformed EAP", ""};
    auto packet = EapPacket::Parse(eap);
    if (!packet)
    {
        return d;
    }
    const char* code = packet->code == EapCode::Request    ? "EAP-Request"
                       : packet->code == EapCode::Response ? "EAP-Response"
                       : packet->code == EapCode::Success  ? "EAP-Success"
                                                           : "EAP-Failure";
    d.name = code;
    AddText(d.fields, "id", std::to_string(packet->identifier));
    if (!packet->HasType())
    {
        return d;
    }
    switch (packet->type)
    {
        case EapType::Identity:
            d.name += "/Identity";
            if (packet->code == EapCode::Response)
            {
                AddText(d.fields, "identity",
                        std::string(packet->typeData.begin(), packet->typeData.end()));
            }
            return d;
        case EapType::Notification:
            d.name += "/Notification";
            return d;
        case EapType::Nak:
            d.name += "/Nak";
            return d;
        case EapType::Aka:
        {
            d.protocol = "EAP-AKA";
            auto decoded = DecodeAkaMessage(profile, eap);
            if (!decoded.msg)
            {
                d.name += "/AKA (undecodable)";
                return d;
            }
            const AkaAttributes& a = decoded.msg->attrs;
            d.name += std::string("/") + AkaSubtypeName(decoded.msg->subtype);
            if (a.rand)
            {
                AddField(d.fields, "RAND", *a.rand);
            }
            if (a.autn)
            {
                AddField(d.fields, "AUTN", *a.autn);
            }
            if (a.res)
            {
                AddField(d.fields, "RES", *a.res);
            }
            if (a.auts)
            {
                AddField(d.fields, "AUTS", *a.auts);
            }
            if (a.identity)
            {
                AddText(d.fields, "identity", *a.identity);
            }
            if (a.mac)
            {
                AddField(d.fields, "MAC", *a.mac);
            }
            return d;
        }
        case EapType::Expanded:
        {
            d.protocol = "EAP-TSK";
            auto msg = EapTskMessage::Parse(eap);
            if (!msg)
            {
                d.name += "/Expanded (undecodable)";
                return d;
            }
            d.name += std::string("/") + TskSubtypeName(msg->subtype);
            static const std::pair<uint8_t, const char*> kShown[]
                = {{1, "RAND"}, {2, "NONCE_S"},      {3, "NONCE_P"},     {5, "RAND2"},
                   {6, "NAR"},  {7, "NET_AUTH_RES"}, {9, "UPDATE_CONF"}, {20, "MAC"}};
            for (const auto& [type, name] : kShown)
            {
                if (const Bytes* value = msg->Find(type))
                {
                    AddField(d.fields, name, *value);
                }
            }
            return d;
        }
        default:
            d.name += "/Type-" + std::to_string(packet->type);
            return d;
    }
}

MessageDescription
DescribeEapol(const Bytes& pdu, EapAkaProfile profile)
{
    MessageDescription d{"EAPOL", "malformed EAPOL", ""};
    EapolFrame frame;
    try
    {
        frame = DecodeEapol(pdu);
    }
    catch (const std::exception&)
    {
        return d;
    }
    switch (static_cast<EapolType>(frame.type))
    {
        case EapolType::Start:
            d.name = "EAPOL-Start";
            return d;
        case EapolType::Logoff:
            d.name = "EAPOL-Logoff";
            return d;
        case EapolType::EapPacket:
            return DescribeEap(frame.body, profile);
        case EapolType::Key:
            break;
        default:
            d.name = "EAPOL type " + std::to_string(frame.type);
            return d;
    }
    EapolKeyFrame key;
    try
    {
        key = DecodeEapolKey(pdu);
    }
    catch (const std::exception&)
    {
        d.name = "EAPOL-Key (undecodable)";
        return d;
    }
    bool pairwise = key.Has(keyinfo::kPairwise);
    bool ack = key.Has(keyinfo::kAck);
    bool mic = key.Has(keyinfo::kMic);
    Bytes nonce(key.nonce.begin(), key.nonce.end());
    if (pairwise && ack && !mic)
    {
        d.name = "EAPOL-Key 1/4";
        AddField(d.fields, "ANonce", nonce);
    }
    else if (pairwise && !ack && !key.Has(keyinfo::kSecure))
    {
        d.name = "EAPOL-Key 2/4";
        AddField(d.fields, "SNonce", nonce);
    }
    else if (pairwise && ack)
    {
        d.name = "EAPOL-Key 3/4";
        AddField(d.fields, "ANonce", nonce);
    }
    else if (pairwise)
    {
        d.name = "EAPOL-Key 4/4";
    }
    else
    {
        d.name = ack ? "EAPOL-Key Group 1/2" : "EAPOL-Key Group 2/2";
    }
    AddText(d.fields, "ReplayCounter", std::to_string(key.replayCounter));
    if (mic)
    {
        AddField(d.fields, "MIC", Bytes(key.mic.begin(), key.mic.end()));
    }
    if (!key.Has(keyinfo::kEncryptedKeyData) && !key.keyData.empty())
    {
        try
        {
            for (const auto& pmkid : ParseKeyData(key.keyData).pmkids)
            {
                AddField(d.fields, "PMKID", pmkid);
            }
        }
        catch (const std::exception&)
        {}
    }
    return d;
}

MessageDescription
DescribeRadius(const Bytes& datagram, EapAkaProfile profile)
{
    MessageDescription d{"RADIUS", "malformed RADIUS", ""};
    auto packet = RadiusPacket::Parse(datagram);
    if (!packet)
    {
        return d;
    }
    switch (packet->code)
    {
        case RadiusCode::AccessRequest:
            d.name = "Access-Request";
            break;
        case RadiusCode::AccessAccept:
            d.name = "Access-Accept";
            break;
        case RadiusCode::AccessReject:
            d.name = "Access-Reject";
            break;
        case RadiusCode::AccessChallenge:
            d.name = "Access-Challenge";
            break;
    }
    AddText(d.fields, "RADIUS-Id", std::to_string(packet->identifier));
    if (auto user = packet->GetString(RadiusAttr::UserName))
    {
        AddText(d.fields, "User-Name", *user);
    }
    if (const Bytes* state = packet->Find(RadiusAttr::State))
    {
        AddField(d.fields, "State", *state);
    }
    if (packet->FindVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey))
    {
        AddText(d.fields, "MS-MPPE-Keys", "present");
    }
    if (auto eap = packet->GetEapMessage())
    {
        MessageDescription inner = DescribeEap(*eap, profile);
        d.name += " [" + inner.name + "]";
        if (!inner.fields.empty())
        {
            d.fields += ";" + inner.fields;
        }
    }
    return d;
}

MessageDescription
DescribePreauth(const Bytes& payload, EapAkaProfile profile)
{
    if (payload.empty() || payload[0] != kVendorSpecificElementId)
    {
        MessageDescription d = DescribeEapol(payload, profile);
        d.name = "Pre-auth " + d.name;
        return d;
    }
    MessageDescription d{"PREASSOC", "pre-association element", ""};
    static const std::pair<PreassocSubtype, const char*> kNames[]
        = {{PreassocSubtype::DsPtkMsg1, "Over-DS PTK 1/4"},
           {PreassocSubtype::DsPtkMsg2, "Over-DS PTK 2/4"},
           {PreassocSubtype::DsPtkMsg3, "Over-DS PTK 3/4"},
           {PreassocSubtype::DsPtkMsg4, "Over-DS PTK 4/4"},
           {PreassocSubtype::GroupKeyConfirm, "Group Key Confirm"}};
    for (const auto& [subtype, name] : kNames)
    {
        auto element = FindPreassocElement(payload, subtype);
        if (!element)
        {
            continue;
        }
        d.name = name;
        try
        {
            if (subtype == PreassocSubtype::GroupKeyConfirm)
            {
                auto confirm = GroupKeyConfirm::Decode(*element);
                AddField(d.fields, "ARandom", confirm.aRandom);
                AddField(d.fields, "MIC", confirm.mic);
            }
            else
            {
                auto msg = DsPtkMessage::Decode(*element);
                for (const auto& [name2, value] :
                     {std::pair<const char*, const Bytes*>{"PMKID", &msg.pmkid},
                      {"SNonce", &msg.sNonce},
                      {"ANonce", &msg.aNonce},
                      {"PTKID", &msg.ptkid},
                      {"MIC", &msg.mic}})
                {
                    if (!value->empty())
                    {
                        AddField(d.fields, name2, *value);
                    }
                }
            }
        }
        catch (const std::exception&)
        {
            d.name += " (undecodable)";
        }
        return d;
    }
    return d;
}

MessageDescription
DescribeFt(const Bytes& payload, bool authentication)
{
    MessageDescription d{"FT", "FT frame", ""};
    try
    {
        if (authentication)
        {
            FtAuthenticationFrame frame = DecodeFtAuthentication(payload);
            d.name = "FT Authentication " + std::to_string(frame.sequence) + "/2";
            d.fields = "status=" + std::to_string(frame.status);
            return d;
        }
        if (IsFtKeyPush(payload))
        {
            d.name = "PMK-R1 push";
            return d;
        }
        if (auto rrb = DecodeFtRrb(payload))
        {
            d.name = rrb->response ? "FT Response" : "FT Request";
            d.fields = "target=" + MacToString(rrb->action.targetAp);
            if (rrb->response)
            {
                d.fields += ";status=" + std::to_string(rrb->action.status);
            }
        }
    }
    catch (const ParseError&)
    {
        d.name = "malformed FT frame";
    }
    return d;
}

} // namespace roamsec
