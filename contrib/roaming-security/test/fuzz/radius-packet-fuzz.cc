/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of the RADIUS packet and attribute parser: whatever parses
 * re-encodes to exactly its first Length octets; the authenticator checks
 * agree with the parser on what is malformed; the hidden-value decoders and
 * vendor/EAP accessors accept any attribute content.
 */
#include "ns3/radius-packet.h"
#include "ns3/roamsec-bytes.h"

#include <cstdint>
#include <cstdlib>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace roamsec;
    try
    {
        const Bytes in(data, data + size);
        const Bytes secret = ToBytes("fuzz-secret");
        const Bytes reqAuth(16, 0x33);
        RadiusParseError err = RadiusParseError::None;
        auto p = RadiusPacket::Parse(in, &err);
        RadiusAuthResult req = VerifyRadiusRequest(in, secret);
        RadiusAuthResult resp = VerifyRadiusResponse(in, reqAuth, secret);
        if (!p)
        {
            // Only the Code is outside the authenticator checks' concern.
            if (err != RadiusParseError::UnknownCode
                && (req != RadiusAuthResult::Malformed || resp != RadiusAuthResult::Malformed))
            {
                std::abort();
            }
            return 0;
        }
        if (req == RadiusAuthResult::Malformed || resp == RadiusAuthResult::Malformed)
        {
            std::abort();
        }
        size_t length = (static_cast<size_t>(in[2]) << 8) | in[3];
        if (p->Serialize() != Bytes(in.begin(), in.begin() + length))
        {
            std::abort();
        }
        auto eap = p->GetEapMessage();
        if (eap)
        {
            RadiusPacket q = *p;
            q.SetEapMessage(*eap);
            if (q.GetEapMessage() != eap)
            {
                std::abort();
            }
        }
        for (const auto& a : p->attributes)
        {
            DecryptSaltedKey(secret, reqAuth, a.value);
            DecryptUserPassword(secret, reqAuth, a.value);
        }
        p->FindVendor(RadiusMs::VendorId, RadiusMs::MppeSendKey);
        GetMppeKeys(*p, secret, reqAuth);
        RadiusPacket r = *p;
        r.RemoveVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey);
        if (r.FindVendor(RadiusMs::VendorId, RadiusMs::MppeRecvKey))
        {
            std::abort();
        }
        // What we sign ourselves must verify.
        if (p->code != RadiusCode::AccessRequest && length + 18 <= kRadiusMaxLength)
        {
            Bytes signedResp = EncodeRadiusResponse(*p, reqAuth, secret, true);
            if (VerifyRadiusResponse(signedResp, reqAuth, secret) != RadiusAuthResult::Ok)
            {
                std::abort();
            }
        }
    }
    catch (...)
    {
        std::abort();
    }
    return 0;
}
