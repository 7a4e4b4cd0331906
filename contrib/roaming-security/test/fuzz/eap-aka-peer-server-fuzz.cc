/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the receive paths of EapAkaPeer and EapAkaServerSession. A real
 * conversation is run to the point chosen by byte 0; the rest of the input is
 * then delivered (raw, or XORed onto the genuine next packet) to the peer or
 * the server. Neither may throw or crash; a discarded input must produce
 * nothing to send; a server Success must carry the IMSI of the subscriber.
 */
#include "ns3/aka.h"
#include "ns3/eap-aka-peer.h"
#include "ns3/eap-aka-server.h"
#include "ns3/subscriber-db.h"

#include <cstdlib>

using namespace roamsec;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
    {
        return 0;
    }
    uint8_t ctl = data[0];
    EapAkaProfile profile = (ctl & 1) ? EapAkaProfile::Rfc4187 : EapAkaProfile::Draft04;
    bool toServer = (ctl & 2) != 0;
    bool xorMode = (ctl & 4) != 0;
    unsigned steps = (ctl >> 3) & 3; // genuine round trips before the fuzzed packet
    bool gsm = (ctl & 0x20) != 0;
    const std::string imsi = "001010000000001";
    const Bytes k = FromHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    const Bytes opc = FromHex("cd63cb71954a9f4e48a5994e37a02baf");

    SubscriberDatabase db;
    SubscriberRecord rec;
    rec.imsi = imsi;
    rec.k = k;
    rec.opc = opc;
    db.Add(rec);
    SeededRandomSource rng(1);
    AuthenticationCentre auc(db, rng);
    Usim usim(k, opc);
    EapAkaServerConfig sc;
    sc.profile = profile;
    sc.pseudonymKey = Bytes(16, 0x11);
    sc.gsmCompatibleMode = gsm;
    sc.startWithAkaIdentity = (ctl & 0x40) != 0;
    EapAkaServer server(auc, rng, sc);
    EapAkaPeerConfig pc;
    pc.profile = profile;
    pc.imsi = imsi;
    EapAkaPeer peer(usim, pc, rng);
    auto session = server.CreateSession();

    EapAkaServerOutput o = session->Start(TimeNs(0));
    Bytes lastReq = *o.send;
    Bytes lastResp;
    for (unsigned i = 0; i < steps && o.send && o.event == EapAkaServerOutput::Event::None; ++i)
    {
        auto p = peer.Receive(*o.send);
        if (!p.send)
        {
            break;
        }
        lastResp = *p.send;
        o = session->Receive(*p.send, TimeNs(0));
        if (o.send)
        {
            lastReq = *o.send;
        }
    }
    if (!toServer && !lastResp.empty())
    {
        // Give the peer the outstanding request first so that it has state.
        auto p = peer.Receive(lastReq);
        if (p.send)
        {
            lastResp = *p.send;
        }
    }
    Bytes fuzz(data + 1, data + size);
    Bytes packet;
    if (xorMode)
    {
        packet = toServer ? lastResp : lastReq;
        for (size_t i = 0; i < fuzz.size() && i < packet.size(); ++i)
        {
            packet[i] ^= fuzz[i];
        }
    }
    else
    {
        packet = fuzz;
    }
    if (toServer)
    {
        auto r = session->Receive(packet, TimeNs(0));
        if (r.event == EapAkaServerOutput::Event::Discarded && r.send)
        {
            abort();
        }
        if (r.event == EapAkaServerOutput::Event::Success && r.imsi != imsi)
        {
            abort();
        }
        session->OnTimeout(TimeNs(std::chrono::seconds(100)));
    }
    else
    {
        auto r = peer.Receive(packet);
        if (r.event == EapAkaPeerOutput::Event::Discarded && r.send)
        {
            abort();
        }
        if (r.send)
        {
            // Whatever the peer answers must be a well-formed EAP Response.
            auto e = EapPacket::Parse(*r.send);
            if (!e || e->code != EapCode::Response)
            {
                abort();
            }
        }
    }
    return 0;
}
