/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of the RADIUS receive paths: the client with requests
 * outstanding, the server helper and the proxy's NAS and home sides. The first
 * octet selects whether the rest is fed raw or first re-signed as a genuine
 * response to an outstanding request (so that matched responses with hostile
 * attributes, MPPE keys and Proxy-States reach the deeper code).
 */
#include "ns3/radius-client.h"
#include "ns3/radius-packet.h"
#include "ns3/radius-proxy.h"
#include "ns3/radius-server.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"

#include <cstdint>
#include <cstdlib>

namespace {

using namespace roamsec;

RadiusPacket
Request(const std::string& user)
{
    RadiusPacket p;
    p.AddString(RadiusAttr::UserName, user);
    p.SetEapMessage(FromHex("0201000501"));
    return p;
}

/** Re-signs body as a response to the request with id/authenticator. */
Bytes
Resign(const Bytes& body, uint8_t id, const Bytes& reqAuth, const Bytes& secret, bool ma)
{
    auto p = RadiusPacket::Parse(body);
    if (!p || p->code == RadiusCode::AccessRequest)
    {
        return body;
    }
    p->identifier = id;
    if (p->Serialize().size() + 18 > kRadiusMaxLength)
    {
        return body;
    }
    return EncodeRadiusResponse(*p, reqAuth, secret, ma);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try
    {
        if (size < 1)
        {
            return 0;
        }
        const uint8_t mode = data[0];
        const Bytes body(data + 1, data + size);
        const Bytes nasSecret = ToBytes("nas");
        const Bytes homeSecret = ToBytes("home");
        SeededRandomSource rng(1);

        // Client with two outstanding requests.
        RadiusClient client(nasSecret, rng);
        auto s1 = client.SendRequest(Request("a@home"), Seconds(0));
        auto s2 = client.SendRequest(Request("b@home"), Seconds(0));
        Bytes dg = (mode & 1) ? Resign(body, s1->identifier, s1->requestAuthenticator, nasSecret,
                                       (mode & 2) != 0)
                              : body;
        auto r = client.Receive(dg, Seconds(1));
        if (r.response)
        {
            if (client.Outstanding() != 1 || r.discard != RadiusClientDiscard::None)
            {
                std::abort();
            }
            GetMppeKeys(r.response->response, nasSecret, r.response->requestAuthenticator);
            r.response->response.GetEapMessage();
        }
        else if (client.Outstanding() != 2 || r.discard == RadiusClientDiscard::None)
        {
            std::abort();
        }
        client.OnTimeout(Seconds(100));

        // Server helper.
        RadiusServer server;
        server.AddClient("nas", nasSecret);
        auto in = server.Receive("nas", body, Seconds(0));
        if (in.kind == RadiusServerReceiveResult::Kind::NewRequest)
        {
            RadiusPacket rej;
            rej.code = RadiusCode::AccessReject;
            Bytes out = server.Respond("nas", *in.request, rej, Seconds(0));
            if (VerifyRadiusResponse(out, in.request->authenticator, nasSecret)
                != RadiusAuthResult::Ok)
            {
                std::abort();
            }
        }

        // Proxy: one request forwarded, then the input from the home (re-signed
        // with our Proxy-State appended, or raw) and from the NAS.
        RadiusProxy proxy(rng);
        proxy.AddNas("nas", nasSecret);
        proxy.AddHome("home", homeSecret);
        proxy.Routes().AddRoute("home", "home");
        auto fwd = proxy.ReceiveFromNas("nas", s2->bytes, Seconds(0));
        if (!fwd || fwd->direction != RadiusProxyOutput::Direction::ToHome)
        {
            std::abort();
        }
        auto f = RadiusPacket::Parse(fwd->bytes);
        Bytes homeDg = body;
        if (mode & 1)
        {
            auto p = RadiusPacket::Parse(body);
            if (p && p->code != RadiusCode::AccessRequest && (mode & 4))
            {
                for (const auto& ps : f->FindAll(RadiusAttr::ProxyState))
                {
                    if (p->attributes.size() < 200)
                    {
                        p->Add(RadiusAttr::ProxyState, ps);
                    }
                }
                homeDg = p->Serialize().size() + 40 <= kRadiusMaxLength ? p->Serialize() : body;
            }
            homeDg = Resign(homeDg, f->identifier, f->authenticator, homeSecret, true);
        }
        auto back = proxy.ReceiveFromHome("home", homeDg, Seconds(1));
        if (back
            && VerifyRadiusResponse(back->bytes, s2->requestAuthenticator, nasSecret)
                   != RadiusAuthResult::Ok)
        {
            std::abort();
        }
        proxy.ReceiveFromNas("nas", body, Seconds(2));
        proxy.OnTimeout(Seconds(100));
    }
    catch (...)
    {
        std::abort();
    }
    return 0;
}
