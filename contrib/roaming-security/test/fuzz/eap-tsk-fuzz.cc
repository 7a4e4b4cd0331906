/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target for the EAP-TSK codec and the peer / visited-server state
 * machines: no input may crash, throw, or break the parse/serialize round trip.
 */
#include "ns3/eap-tsk.h"
#include "ns3/tsk-delegation.h"

#include <cstdlib>

using namespace roamsec;

namespace {

void
Check (bool ok)
{
    if (!ok)
    {
        abort ();
    }
}

void
RoundTrip (const Bytes& input)
{
    auto m = EapTskMessage::Parse (input);
    if (!m)
    {
        return;
    }
    Bytes s1 = m->Serialize ();
    auto m2 = EapTskMessage::Parse (s1);
    Check (m2.has_value ());
    Check (m2->Serialize () == s1);
    Check (m2->attributes.size () == m->attributes.size ());
    Check (m2->macOffset == m->macOffset);
    // With Reserved = 0 the encoding is canonical: the input's EAP Length octets come back.
    size_t length = (static_cast<size_t> (input[2]) << 8) | input[3];
    if (input[13] == 0 && input[14] == 0)
    {
        Check (Bytes (input.begin (), input.begin () + length) == s1);
    }
    try
    {
        DecryptEncrypted (*m, Bytes (16, 0x24));
    }
    catch (const ParseError&)
    {}
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput (const uint8_t* data, size_t size)
{
    Bytes input (data, data + size);
    RoundTrip (input);

    const std::string id = "fuzz@home.example";
    const Bytes k (16, 0x11);
    SeededRandomSource rng (1);

    // The mobile, fresh and after a genuine Challenge (so later subtypes are reachable).
    EapTskPeer peer (EapTskPeerConfig{id, k, 4, true}, rng);
    peer.HandleRequest (input, Seconds (1));

    VisitedTskStore store (4);
    DelegationGrant g;
    g.identity = id;
    g.visitedRealm = "visited.example";
    g.rand = Bytes (16, 0x01);
    g.tsk = DeriveTsk (k, g.rand, g.visitedRealm);
    g.expiresAt = Seconds (100);
    g.maxUses = 10;
    store.Install (g);
    DelegationGrant u = g;
    u.rand = Bytes (16, 0x02);
    u.tsk = DeriveTsk (k, u.rand, g.visitedRealm);
    store.InstallUpdate (u);

    EapTskServer server (EapTskServerConfig{"visited.example", Seconds (30)}, store, rng);
    auto out = server.Start (id, 0, Seconds (1));
    Check (out.eap.has_value ());
    auto p = peer.HandleRequest (*out.eap, Seconds (1));
    peer.HandleRequest (input, Seconds (1));
    Bytes spoof = input;
    if (spoof.size () >= 2)
    {
        spoof[1] = server.LastIdentifier (); // reach the server's parser past the identifier check
    }
    server.HandleResponse (spoof, Seconds (1));
    if (p.eap)
    {
        server.HandleResponse (*p.eap, Seconds (1));
    }
    server.OnHomeHostResponse (input, Seconds (2));
    server.OnTimeout (Seconds (100));

    uint64_t seq = 0;
    OpenLocalMessage (DeriveTskKeys (g.tsk), input, &seq);
    return 0;
}
