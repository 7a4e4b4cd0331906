/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of the Key Data parser (RSNE, GTK KDE, PMKID KDE, padding) and
 * of the RSNE decoder: arbitrary bytes parse or throw ParseError; a decoded
 * RSNE re-encodes to an element that decodes to the same fields; a parsed GTK
 * KDE re-encodes and parses back to itself; unwrapping never throws.
 */
#include "ns3/eapol.h"
#include "ns3/roamsec-bytes.h"

#include <cstdint>
#include <cstdlib>

namespace {

bool
SameRsne(const roamsec::RsnElement& a, const roamsec::RsnElement& b)
{
    return a.version == b.version && a.groupCipher == b.groupCipher
           && a.pairwiseCiphers == b.pairwiseCiphers && a.akms == b.akms
           && a.capabilities == b.capabilities && a.pmkids == b.pmkids
           && a.groupMgmtCipher == b.groupMgmtCipher;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace roamsec;
    const Bytes in(data, data + size);
    try
    {
        KeyDataContents c = ParseKeyData(in);
        for (const Bytes& raw : c.rsnes)
        {
            try
            {
                RsnElement e = DecodeRsne(raw);
                if (!SameRsne(DecodeRsne(EncodeRsne(e)), e))
                {
                    std::abort();
                }
            }
            catch (const ParseError&)
            {}
        }
        if (c.gtk)
        {
            KeyDataContents back = ParseKeyData(EncodeGtkKde(*c.gtk));
            if (!back.gtk || back.gtk->gtk != c.gtk->gtk || back.gtk->keyId != c.gtk->keyId
                || back.gtk->tx != c.gtk->tx)
            {
                std::abort();
            }
        }
        for (const Bytes& p : c.pmkids)
        {
            if (p.size() != 16 || ParseKeyData(EncodePmkidKde(p)).pmkids.at(0) != p)
            {
                std::abort();
            }
        }
    }
    catch (const ParseError&)
    {}
    catch (...)
    {
        std::abort();
    }
    try
    {
        RsnElement e = DecodeRsne(in);
        if (!SameRsne(DecodeRsne(EncodeRsne(e)), e))
        {
            std::abort();
        }
    }
    catch (const ParseError&)
    {}
    catch (...)
    {
        std::abort();
    }
    auto plain = UnwrapKeyData(Bytes(16, 7), in); // nullopt or bytes, never a throw
    (void) plain;
    return 0;
}
