/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target for the pre-association PTK element parsers and the state
 * machines that consume them. Invariants: no exception other than ParseError
 * leaves a decoder, every decoded element re-encodes to the same bytes, and
 * the sessions never throw on hostile input.
 */
#include "ns3/preassoc-ptk.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/rsn-keys.h"

#include <cstdint>
#include <cstdlib>

using namespace roamsec;

namespace {

template <typename T>
void
RoundTrip(const Bytes& raw)
{
    T decoded;
    try
    {
        decoded = T::Decode(raw);
    }
    catch (const ParseError&)
    {
        return;
    }
    if (decoded.Encode() != raw)
    {
        abort();
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Bytes in(data, data + size);
    try
    {
        // The whole input as one element, for each decoder.
        RoundTrip<SaTypeElement>(in);
        RoundTrip<AuthPtkRequest>(in);
        RoundTrip<AuthPtkResponse>(in);
        RoundTrip<GroupKeyConfirm>(in);
        RoundTrip<DsPtkMessage>(in);

        // The input as an element list.
        for (uint8_t st : {0x01, 0x02, 0x03, 0x04, 0x05, 0x10, 0x11, 0x12, 0x13})
        {
            std::optional<Bytes> el;
            try
            {
                el = FindPreassocElement(in, static_cast<PreassocSubtype>(st));
            }
            catch (const ParseError&)
            {
                break;
            }
            if (el
                && (el->size() < 6 || (*el)[0] != kVendorSpecificElementId || (*el)[5] != st
                    || (*el)[1] + 2u != el->size()))
            {
                abort();
            }
        }

        // The state machines on hostile input: a fixed PMKSA, an established PTK.
        const MacAddr sta = {0x02, 0, 0, 0, 0, 1};
        const MacAddr bssid = {0x02, 0, 0, 0, 1, 0};
        Bytes pmk(32, 0x5c);
        Bytes pmkid = ComputePmkid(pmk, bssid, sta);
        SeededRandomSource staRng(1);
        SeededRandomSource apRng(2);
        PreassocStaConfig sc;
        sc.sta = sta;
        sc.targetBssid = bssid;
        sc.pmk = pmk;
        sc.pmkid = pmkid;
        PreassocStaSession s(sc, staRng);
        PreassocApConfig ac;
        ac.bssid = bssid;
        PreassocApSession ap(
            ac,
            [&](const MacAddr&, const Bytes& id) -> std::optional<Bytes>
            { return id == pmkid ? std::optional<Bytes>(pmk) : std::nullopt; },
            apRng);
        ap.SetGroupKey(Bytes(16, 0x11), 1, Bytes(8, 0));
        TimeNs t = Seconds(1);
        s.HandleDsMessage(in, t);
        ap.HandleDsMessage(in, t);
        ap.HandleReassocRequest(sta, in, t);
        ap.HandleGroupKeyConfirm(sta, in, t);

        Bytes m2 = ap.HandleDsMessage(s.Start(t).message, t).message;
        ap.HandleDsMessage(s.HandleDsMessage(m2, t).message, t);
        ap.HandleReassocRequest(sta, in, t);
        Bytes req = s.BuildReassocElements(t);
        s.HandleReassocResponse(0, in, t);
        ap.HandleReassocRequest(sta, Concat({req, in}), t);
        ap.HandleGroupKeyConfirm(sta, in, t);
        ap.OnTimeout(t + Seconds(100));
    }
    catch (const std::exception&)
    {
        abort();
    }
    return 0;
}
