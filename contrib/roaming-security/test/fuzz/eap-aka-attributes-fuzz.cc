/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the EAP-AKA attribute and message decoders. Byte 0 selects the
 * profile and whether the input is an attribute area, AT_ENCR_DATA plaintext
 * or a whole EAP packet. Invariant: whatever decodes re-encodes canonically,
 * and the canonical form decodes to the same canonical form.
 */
#include "ns3/eap-aka-attributes.h"

#include <cstdlib>

using namespace roamsec;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    EapAkaProfile profile = (data[0] & 1) ? EapAkaProfile::Rfc4187 : EapAkaProfile::Draft04;
    int mode = (data[0] >> 1) % 3;
    const uint8_t* in = data + 1;
    size_t len = size - 1;
    if (mode == 2)
    {
        auto d = DecodeAkaMessage(profile, Bytes(in, in + len));
        if (d.msg.has_value() != (d.error == AkaDecodeError::None))
        {
            abort();
        }
        if (d.msg && d.msg->attrs.mac && d.msg->macOffset + 16 > d.packet.size())
        {
            abort();
        }
        return 0;
    }
    bool nested = mode == 1;
    auto r = DecodeAkaAttributes(profile, in, len, nested);
    if (!r.attrs)
    {
        if (r.error == AkaDecodeError::None)
        {
            abort();
        }
        return 0;
    }
    Bytes once = EncodeAkaAttributes(profile, *r.attrs);
    auto again = DecodeAkaAttributes(profile, once.data(), once.size(), nested);
    if (!again.attrs)
    {
        abort();
    }
    if (EncodeAkaAttributes(profile, *again.attrs) != once)
    {
        abort();
    }
    return 0;
}
