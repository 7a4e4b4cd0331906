/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of the EAPOL and EAPOL-Key parsers: arbitrary bytes parse or
 * throw ParseError; what parses re-encodes to exactly the bytes it came from
 * (header plus Packet Body Length), and the MIC functions never throw past
 * their contract.
 */
#include "ns3/eapol.h"
#include "ns3/roamsec-bytes.h"

#include <cstdint>
#include <cstdlib>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace roamsec;
    const Bytes in(data, data + size);
    try
    {
        EapolFrame f = DecodeEapol(in);
        const Bytes head(in.begin(), in.begin() + 4 + f.body.size());
        if (EncodeEapol(f) != head)
        {
            std::abort();
        }
        EapolKeyFrame k = DecodeEapolKey(in);
        Bytes again = EncodeEapolKey(k);
        // Reserved octets are written as zero; octets after Key Data inside the body
        // are not kept (the length field then shrinks).
        Bytes expect = head;
        std::fill(expect.begin() + 73, expect.begin() + 81, 0);
        if (again.size() == expect.size() ? again != expect
                                          : EncodeEapolKey(DecodeEapolKey(again)) != again)
        {
            std::abort();
        }
        const Bytes kck(16, 0x42);
        Bytes withMic = again;
        SetEapolKeyMic(kck, withMic);
        if (!VerifyEapolKeyMic(kck, withMic))
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
    (void) VerifyEapolKeyMic(Bytes(16, 1), in); // must not throw on any input
    return 0;
}
