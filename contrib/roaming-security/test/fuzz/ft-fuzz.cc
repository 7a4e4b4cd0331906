/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target for the Fast BSS Transition parsers (MDE, FTE, FT Authentication, FT
 * Action, RRB, PMK-R1 push) and the key holders that consume them. Invariants: no
 * exception other than ParseError leaves a decoder, a decoded MDE re-encodes to the same
 * fields, a decoded FTE re-encodes to bytes that decode to the same fields, and
 * FtAuthenticator / FtSupplicant never throw and never accept hostile input (a request
 * or reassociation from bytes that carry no valid MIC is refused).
 */
#include "ns3/ft-keys.h"
#include "ns3/ft-session.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"

#include <cstdint>
#include <cstdlib>

using namespace roamsec;

namespace {

const MacAddr kSta = {0x02, 0, 0, 0, 0, 1};
const MacAddr kAp1 = {0x02, 0, 0, 0, 1, 0};
const MacAddr kAp2 = {0x02, 0, 0, 0, 2, 0};

void
CheckFte(const Bytes& raw)
{
    FtElement fte;
    try
    {
        fte = DecodeFte(raw);
    }
    catch (const ParseError&)
    {
        return;
    }
    FtElement again = DecodeFte(EncodeFte(fte));
    if (again.mic != fte.mic || again.aNonce != fte.aNonce || again.sNonce != fte.sNonce
        || again.micElementCount != fte.micElementCount || again.r1khId != fte.r1khId
        || again.r0khId != fte.r0khId || again.gtk.has_value() != fte.gtk.has_value())
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
        try
        {
            // reserved capability bits are not kept: compare the fields
            MobilityDomainElement mde = DecodeMde(in);
            MobilityDomainElement again = DecodeMde(EncodeMde(mde));
            if (again.mdid != mde.mdid || again.overDs != mde.overDs
                || again.resourceRequest != mde.resourceRequest)
            {
                abort();
            }
        }
        catch (const ParseError&)
        {}
        CheckFte(in);
        try
        {
            DecodeFtAuthentication(in);
        }
        catch (const ParseError&)
        {}
        try
        {
            DecodeFtAction(in);
        }
        catch (const ParseError&)
        {}
        try
        {
            DecodeFtRrb(in);
        }
        catch (const ParseError&)
        {}
        try
        {
            FindFtElements(in);
        }
        catch (const ParseError&)
        {}
        if (DecodeFtKeyPush(in, Bytes(16, 0x42)).has_value())
        {
            abort(); // hostile bytes cannot carry a valid key wrap
        }

        // The key holders: AP 2 holds a PMK-R1 pushed by AP 1 for the STA.
        SeededRandomSource rng(7);
        FtAuthenticatorConfig c1;
        c1.bssid = kAp1;
        c1.ssid = ToBytes("roamsec");
        c1.mde = {0x0001, true, false};
        c1.r0khId = ToBytes("ap-0");
        c1.r1khKeys = {{kAp2, Bytes(16, 0x11)}};
        FtAuthenticatorConfig c2 = c1;
        c2.bssid = kAp2;
        c2.r0khId = ToBytes("ap-1");
        c2.r1khKeys.clear();
        c2.r0khKeys = {{ToBytes("ap-0"), Bytes(16, 0x11)}};
        FtAuthenticator ap1(c1, rng);
        FtAuthenticator ap2(c2, rng);
        Bytes msk(64, 0x33);
        auto pushes = ap1.InitialAuthentication(kSta, msk, Seconds(1));
        if (pushes.size() != 1 || !ap2.HandleKeyPush(pushes[0].payload, Seconds(1)))
        {
            abort();
        }
        if (ap2.HandleKeyPush(in, Seconds(1)))
        {
            abort();
        }
        ap2.HandleRequest(kSta, in, Seconds(1));
        if (ap2.HandleReassociation(kSta, in, Seconds(1)).status == FtStatus::Success)
        {
            abort(); // no MIC under the pending PTK's KCK in random bytes
        }
        ap1.IsMobilityDomainRequest(in);
        ap1.IsFtReassociation(in);

        FtSupplicant sta(FtSupplicantConfig{kSta, ToBytes("roamsec")}, rng);
        sta.HandleInitialAssociationResponse(kAp1, ap1.InitialAssociationResponseElements());
        sta.InitialAuthenticationSucceeded(kAp1, msk);
        sta.HandleInitialAssociationResponse(kAp1, in);
        sta.BuildRequest(kAp2);
        sta.HandleResponse(kAp2, 0, in);
        if (sta.PtkReady(kAp2) && sta.HandleReassociationResponse(kAp2, 0, in) == FtStatus::Success)
        {
            abort(); // a response MIC cannot verify on random bytes
        }
    }
    catch (const ParseError&)
    {
        abort(); // every ParseError must stay inside the code above
    }
    return 0;
}
