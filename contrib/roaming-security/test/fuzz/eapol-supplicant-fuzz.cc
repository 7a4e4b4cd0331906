/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of the supplicant's receive path. A supplicant that has
 * answered a genuine message 1 (deterministic keys and nonces) receives the
 * input as a sequence of EAPOL PDUs, each prefixed by a 2-octet big-endian
 * length. Invariants: nothing throws; every PDU is counted exactly once
 * (accepted or one drop counter); at most one frame goes out per PDU.
 */
#include "ns3/eapol.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/rsn-handshake.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace roamsec;
    try
    {
        SeededRandomSource apRng(1);
        SeededRandomSource staRng(2);
        AuthenticatorConfig ac;
        ac.aa = MacAddr{2, 0, 0, 0, 0, 1};
        ac.spa = MacAddr{2, 0, 0, 0, 1, 0};
        ac.apRsne = EncodeRsne(RsnElement{});
        ac.staRsne = ac.apRsne;
        SupplicantConfig sc;
        sc.aa = ac.aa;
        sc.spa = ac.spa;
        sc.apRsne = ac.apRsne;
        sc.staRsne = ac.staRsne;
        sc.handshakeTimeout = Seconds(5);
        Authenticator ap(ac, apRng);
        Supplicant sta(sc, staRng);
        sta.SetPmk(Bytes(32, 0x5a));
        GroupKey g;
        g.gtk = Bytes(16, 0x77);
        HandshakeOutput m1 = ap.Start(Bytes(32, 0x5a), g, Seconds(1), {});
        sta.Receive(m1.frames.at(0), Seconds(1));

        uint64_t fed = 0;
        size_t pos = 0;
        TimeNs now = Seconds(1);
        while (pos + 2 <= size)
        {
            size_t len = (size_t(data[pos]) << 8) | data[pos + 1];
            pos += 2;
            len = std::min(len, size - pos);
            Bytes pdu(data + pos, data + pos + len);
            pos += len;
            HandshakeOutput out = sta.Receive(pdu, now);
            ++fed;
            if (out.frames.size() > 1)
            {
                std::abort();
            }
            now += Milliseconds(100);
            sta.OnTimeout(now);
        }
        const RsnCounters& c = sta.GetCounters();
        // +1: the genuine message 1 fed during setup.
        if (c.accepted + c.malformed + c.replayed + c.micFailures + c.unexpected != fed + 1)
        {
            std::abort();
        }
    }
    catch (...)
    {
        std::abort();
    }
    return 0;
}
