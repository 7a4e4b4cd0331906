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
Check(bool ok)
{
    if (!ok)
    {
        abort();
    }
}

void
RoundTrip(const Bytes& input)
{
    auto m = EapTskMessage::Parse(input);
    if (!m)
    {
        return;
    }
    Bytes s1 = m->Serialize();
    auto m2 = EapTskMessage::Parse(s1);
    Check(m2.has_value());
    Check(m2->Serialize() == s1);
    Check(m2->attributes.size() == m->attributes.size());
    Check(m2->macOffset == m->macOffset);
    // With Reserved = 0 the encoding is canonical: the input's EAP Length octets come back.
    size_t length = (static_cast<size_t>(input[2]) << 8) | input[3];
    if (input[13] == 0 && input[14] == 0)
    {
        Check(Bytes(input.begin(), input.begin() + length) == s1);
    }
    try
    {
        DecryptEncrypted(*m, Bytes(16, 0x24));
    }
    catch (const ParseError&)
    {}
}

/**
 * A genuine conversation (host challenge, key update, key distribution) in which
 * the packet at step (input[0] & 0x3f) % 10 is replaced by input[1..] (or, with
 * bit 0x40, the live packet patched by (offset, value) pairs from input[1..]),
 * re-MACed with the right key, so that authentic but odd messages reach every state.
 */
void
AuthenticInjection(const Bytes& input)
{
    if (input.size() < 2)
    {
        return;
    }
    const std::string id = "fuzz@home.example";
    const std::string realm = "visited.example";
    const Bytes k(16, 0x11);
    SeededRandomSource rng(2);
    VisitedTskStore store(4);
    DelegationGrant g{id, realm, Bytes(16, 0x01), {}, Seconds(100), 10};
    g.tsk = DeriveTsk(k, g.rand, realm);
    store.Install(g);
    DelegationGrant u{id, realm, Bytes(16, 0x02), {}, Seconds(100), 10};
    u.tsk = DeriveTsk(k, u.rand, realm);
    store.InstallUpdate(u);
    TskKeys oldKeys = DeriveTskKeys(g.tsk);
    TskKeys newKeys = DeriveTskKeys(u.tsk);

    EapTskPeer peer(EapTskPeerConfig{id, k, 4, (input[0] & 0x80) != 0}, rng);
    EapTskServer server(EapTskServerConfig{realm, Seconds(30)}, store, rng);
    server.SetDistributedKey(1, Bytes(16, 0x55));
    unsigned target = (input[0] & 0x3f) % 10;
    bool patchMode = (input[0] & 0x40) != 0;
    Bytes injected(input.begin() + 1, input.end());
    Bytes nonceS;
    Bytes nonceP;
    Bytes peerMsk;
    Bytes serverMsk;
    EapTskOutput out = server.Start(id, 0, Seconds(1));
    for (unsigned step = 0; step < 16; ++step)
    {
        for (const auto& e : out.events)
        {
            if (e.type == EapTskEventType::LocalAuthSuccess)
            {
                serverMsk = e.session.msk;
            }
            if (e.type == EapTskEventType::HostChallengeRelay)
            {
                out = server.OnHomeHostResponse(ComputeHomeResponse(k, e.hostChallenge, id),
                                                Seconds(1));
            }
        }
        if (!out.eap)
        {
            break;
        }
        Bytes packet = *out.eap;
        bool request = step % 2 == 0;
        if (auto m = EapTskMessage::Parse(packet))
        {
            if (m->subtype == EapTskSubtype::Challenge && request)
            {
                nonceS = *m->Find(EapTskAttr::NonceS);
            }
            if (m->subtype == EapTskSubtype::Challenge && !request)
            {
                nonceP = *m->Find(EapTskAttr::NonceP);
            }
        }
        if (step == target)
        {
            Bytes candidate = injected;
            if (patchMode)
            {
                // (offset, value) pairs applied to the live packet: near-genuine input.
                candidate = packet;
                for (size_t i = 0; i + 1 < injected.size(); i += 2)
                {
                    candidate[injected[i] % candidate.size()] = injected[i + 1];
                }
            }
            auto m = EapTskMessage::Parse(candidate);
            if (m && packet.size() >= 2)
            {
                m->identifier = packet[1];
                bool hadMac = m->Find(EapTskAttr::Mac) != nullptr;
                std::vector<EapTskAttribute> attrs;
                for (auto& a : m->attributes)
                {
                    if (a.type != EapTskAttr::Mac)
                    {
                        attrs.push_back(a);
                    }
                }
                m->attributes = attrs;
                bool useNew = !request && m->subtype == EapTskSubtype::UpdateAuth;
                const Bytes& kInt = useNew ? newKeys.kInt : oldKeys.kInt;
                const Bytes& extra = request ? nonceP : nonceS;
                packet = hadMac ? SerializeWithMac(*m, kInt, extra) : m->Serialize();
            }
            else
            {
                packet = candidate;
            }
        }
        if (request)
        {
            EapTskOutput p = peer.HandleRequest(packet, Seconds(1));
            for (const auto& e : p.events)
            {
                if (e.type == EapTskEventType::LocalAuthSuccess)
                {
                    peerMsk = e.session.msk;
                }
            }
            if (!p.eap)
            {
                break;
            }
            out.eap = p.eap;
            out.events.clear();
        }
        else
        {
            out = server.HandleResponse(packet, Seconds(1));
        }
        if (peer.HasTsk())
        {
            // The mobile only ever holds the TSK its own K gives for its RAND.
            Check(peer.CurrentTsk() == DeriveTsk(k, peer.CurrentRand(), peer.CurrentRealm()));
        }
    }
    // Whatever was injected, two successes agree on the MSK.
    if (!peerMsk.empty() && !serverMsk.empty())
    {
        Check(peerMsk == serverMsk);
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Bytes input(data, data + size);
    RoundTrip(input);
    AuthenticInjection(input);

    const std::string id = "fuzz@home.example";
    const Bytes k(16, 0x11);
    SeededRandomSource rng(1);

    // The mobile, fresh and after a genuine Challenge (so later subtypes are reachable).
    EapTskPeer peer(EapTskPeerConfig{id, k, 4, true}, rng);
    peer.HandleRequest(input, Seconds(1));

    VisitedTskStore store(4);
    DelegationGrant g;
    g.identity = id;
    g.visitedRealm = "visited.example";
    g.rand = Bytes(16, 0x01);
    g.tsk = DeriveTsk(k, g.rand, g.visitedRealm);
    g.expiresAt = Seconds(100);
    g.maxUses = 10;
    store.Install(g);
    DelegationGrant u = g;
    u.rand = Bytes(16, 0x02);
    u.tsk = DeriveTsk(k, u.rand, g.visitedRealm);
    store.InstallUpdate(u);

    EapTskServer server(EapTskServerConfig{"visited.example", Seconds(30)}, store, rng);
    auto out = server.Start(id, 0, Seconds(1));
    Check(out.eap.has_value());
    auto p = peer.HandleRequest(*out.eap, Seconds(1));
    peer.HandleRequest(input, Seconds(1));
    Bytes spoof = input;
    if (spoof.size() >= 2)
    {
        spoof[1] = server.LastIdentifier(); // reach the server's parser past the identifier check
    }
    server.HandleResponse(spoof, Seconds(1));
    if (p.eap)
    {
        server.HandleResponse(*p.eap, Seconds(1));
    }
    server.OnHomeHostResponse(input, Seconds(2));
    server.OnTimeout(Seconds(100));

    uint64_t seq = 0;
    OpenLocalMessage(DeriveTskKeys(g.tsk), input, &seq);
    return 0;
}
