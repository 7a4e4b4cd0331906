/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roamsec-radius-client: the project's EapAkaPeer (with its Usim) run over
 * RADIUS (RadiusClient) against a real RADIUS/EAP server, acting as the NAS
 * as eapol_test does. After each Access-Accept it decrypts MS-MPPE-Recv-Key /
 * MS-MPPE-Send-Key and checks them against the peer's own MSK
 * (Recv = MSK[0..31], Send = MSK[32..63], RFC 5216 2.3 convention).
 *
 * Usage: roamsec-radius-client --server ADDR:PORT --secret S
 *        (--subscribers FILE --imsi IMSI | --imsi IMSI --k HEX --opc HEX)
 *        [--sqn HEX] [--profile rfc4187|draft] [--realm REALM] [--count N] [--timeout S]
 * Exit status 0 only when every authentication succeeded with matching keys.
 */
#include "ns3/eap-aka-peer.h"
#include "ns3/eap-packet.h"
#include "ns3/radius-client.h"
#include "ns3/radius-packet.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/subscriber-db.h"

#include <array>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <poll.h>
#include <string>

namespace asio = boost::asio;
using namespace roamsec;

namespace {

void
Log(const std::string& s)
{
    std::cout << "radius-client: " << s << std::endl;
}

void
Usage(std::ostream& os)
{
    os << "usage: roamsec-radius-client --server ADDR:PORT --secret SECRET\n"
          "         (--subscribers FILE --imsi IMSI | --imsi IMSI --k HEX --opc HEX)\n"
          "         [--sqn HEX] [--profile rfc4187|draft] [--realm REALM] [--mnc-digits 2|3]\n"
          "         [--count N] [--timeout SECONDS]\n"
          "         [--usim-state FILE] [--fail-on-resync]\n"
          "  --usim-state FILE  the USIM's accepted SQNs, read at start and rewritten after\n"
          "                     each challenge (a card keeps them across power cycles)\n"
          "  --fail-on-resync   an AKA-Synchronization-Failure fails the authentication\n";
}

struct Options
{
    std::string host{"127.0.0.1"};
    uint16_t port{1812};
    std::string secret{"radius"};
    std::string subscribers;
    std::string imsi;
    std::string kHex;
    std::string opcHex;
    uint64_t sqn{0};
    std::string profile{"rfc4187"};
    std::string realm;
    unsigned mncDigits{2};
    unsigned count{1};
    int timeout{10};
    std::string usimState;
    bool failOnResync{false};
};

/** Hex SQNs, one per line. A missing file is a new card. */
void
LoadUsimState(const std::string& path, Usim& usim)
{
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
    {
        if (!line.empty())
        {
            usim.SetLastAcceptedSqn(std::stoull(line, nullptr, 16));
        }
    }
}

void
SaveUsimState(const std::string& path, const Usim& usim)
{
    {
        std::ofstream out(path + ".tmp", std::ios::trunc);
        for (uint64_t sqn : usim.AcceptedSqns())
        {
            out << std::hex << sqn << "\n";
        }
    }
    std::rename((path + ".tmp").c_str(), path.c_str());
}

/** One RADIUS/EAP conversation; returns true on Accept with matching MPPE keys. */
class Nas
{
public:
    Nas(asio::io_context& io, const Options& o, RandomSource& rng)
        : m_o(o)
        , m_socket(io)
        , m_client(ToBytes(o.secret), rng)
        , m_server(asio::ip::make_address(o.host), o.port)
        , m_start(std::chrono::steady_clock::now())
    {
        m_socket.open(m_server.protocol());
        m_socket.connect(m_server);
    }

    bool Authenticate(EapAkaPeer& peer, Usim& usim, unsigned round)
    {
        // The NAS starts the EAP conversation (RFC 3748 2): EAP-Request/Identity.
        peer.Reset();
        EapPacket start;
        start.code = EapCode::Request;
        start.identifier = static_cast<uint8_t>(round);
        start.type = EapType::Identity;
        EapAkaPeerOutput po = peer.Receive(start.Serialize());
        if (!po.send)
        {
            Log("peer gave no identity response");
            return false;
        }
        std::string identity = peer.CurrentIdentity();
        Log("round " + std::to_string(round) + ": identity " + identity);
        Bytes state;
        for (unsigned exchange = 0; exchange < 32; ++exchange)
        {
            RadiusPacket req;
            req.code = RadiusCode::AccessRequest;
            req.AddString(RadiusAttr::UserName, identity);
            req.AddString(RadiusAttr::NasIdentifier, "roamsec-radius-client");
            req.AddString(RadiusAttr::CallingStationId, "02-00-00-00-00-02");
            req.AddU32(RadiusAttr::FramedMtu, 1400);
            if (!state.empty())
            {
                req.Add(RadiusAttr::State, state);
            }
            req.SetEapMessage(*po.send);
            auto response = Exchange(req);
            if (!response)
            {
                return false;
            }
            const RadiusPacket& r = response->response;
            auto eap = r.GetEapMessage();
            if (r.code == RadiusCode::AccessChallenge)
            {
                if (!eap)
                {
                    Log("Access-Challenge without EAP-Message");
                    return false;
                }
                const Bytes* s = r.Find(RadiusAttr::State);
                state = s ? *s : Bytes();
                po = peer.Receive(*eap);
                if (!m_o.usimState.empty())
                {
                    SaveUsimState(m_o.usimState, usim);
                }
                // EAP-Response (2), type AKA (23), subtype Synchronization-Failure (4).
                const bool resync = po.send && po.send->size() > 5 && (*po.send)[0] == 2 &&
                                    (*po.send)[4] == 23 && (*po.send)[5] == 4;
                if (resync)
                {
                    Log("AKA-Synchronization-Failure: the USIM rejected the SQN");
                    if (m_o.failOnResync)
                    {
                        return false;
                    }
                }
                if (po.event == EapAkaPeerOutput::Event::Discarded)
                {
                    Log("peer discarded the server's EAP request: " + po.discardReason);
                    return false;
                }
                if (!po.send)
                {
                    Log("peer has no answer to the server's EAP request");
                    return false;
                }
                continue;
            }
            if (eap)
            {
                po = peer.Receive(*eap);
            }
            if (r.code == RadiusCode::AccessReject)
            {
                Log("Access-Reject"
                    + std::string(peer.IsSuccess() ? " (peer saw EAP-Success!)" : ""));
                return false;
            }
            // Access-Accept.
            if (!peer.IsSuccess())
            {
                Log("Access-Accept but the peer did not accept EAP-Success");
                return false;
            }
            auto keys = GetMppeKeys(r, m_client.GetSecret(), response->requestAuthenticator);
            const Bytes& msk = peer.Msk();
            if (!keys || msk.size() < 64)
            {
                Log("Access-Accept without usable MS-MPPE keys");
                return false;
            }
            bool recvOk = keys->recvKey == Bytes(msk.begin(), msk.begin() + 32);
            bool sendOk = keys->sendKey == Bytes(msk.begin() + 32, msk.begin() + 64);
            Log(std::string("Access-Accept (")
                + (peer.LastWasReauth() ? "fast re-authentication" : "full authentication")
                + "), MSK " + ToHex(Bytes(msk.begin(), msk.begin() + 8)) + "...");
            Log(std::string("MPPE keys OK: ") + ((recvOk && sendOk) ? "1" : "0")
                + "  mismatch: " + ((recvOk && sendOk) ? "0" : "1"));
            return recvOk && sendOk;
        }
        Log("too many round trips");
        return false;
    }

private:
    TimeNs Now() const
    {
        return std::chrono::duration_cast<TimeNs>(std::chrono::steady_clock::now() - m_start);
    }

    /** Sends req, retransmits per RadiusClient, returns the authenticated response. */
    std::optional<RadiusClientResponse> Exchange(const RadiusPacket& req)
    {
        auto sent = m_client.SendRequest(req, Now());
        if (!sent)
        {
            Log("no free RADIUS identifier");
            return std::nullopt;
        }
        m_socket.send(asio::buffer(sent->bytes));
        auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(m_o.timeout);
        std::array<uint8_t, 4096> buf;
        while (std::chrono::steady_clock::now() < giveUp)
        {
            // Wait until data or the next retransmission deadline.
            TimeNs wait = Milliseconds(200);
            if (auto d = m_client.NextDeadline())
            {
                wait = std::max(TimeNs(0), std::min(wait, *d - Now()));
            }
            pollfd p{m_socket.native_handle(), POLLIN, 0};
            int r = ::poll(&p, 1, static_cast<int>(wait.count() / 1000000) + 1);
            if (r > 0)
            {
                boost::system::error_code ec;
                size_t n = m_socket.receive(asio::buffer(buf), 0, ec);
                if (ec)
                {
                    Log("receive: " + ec.message());
                    continue;
                }
                auto res = m_client.Receive(buf.data(), n, Now());
                if (res.response)
                {
                    return res.response;
                }
                Log(std::string("discarded a datagram: ") + ToString(res.discard));
                continue;
            }
            for (const auto& ev : m_client.OnTimeout(Now()))
            {
                if (ev.kind == RadiusClientEvent::Kind::Retransmit)
                {
                    Log("retransmitting identifier " + std::to_string(ev.identifier));
                    m_socket.send(asio::buffer(ev.bytes));
                }
                else
                {
                    Log("no answer from the server, giving up");
                    return std::nullopt;
                }
            }
        }
        m_client.Cancel(sent->identifier);
        Log("timeout");
        return std::nullopt;
    }

    const Options& m_o;
    asio::ip::udp::socket m_socket;
    RadiusClient m_client;
    asio::ip::udp::endpoint m_server;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace

int
main(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        auto next = [&]() -> std::string
        {
            if (i + 1 >= argc)
            {
                std::cerr << "roamsec-radius-client: " << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        try
        {
            if (a == "--server")
            {
                std::string v = next();
                size_t colon = v.rfind(':');
                if (colon == std::string::npos)
                {
                    throw std::invalid_argument("--server expects ADDR:PORT");
                }
                o.host = v.substr(0, colon);
                o.port = static_cast<uint16_t>(std::stoul(v.substr(colon + 1)));
            }
            else if (a == "--secret")
                o.secret = next();
            else if (a == "--subscribers")
                o.subscribers = next();
            else if (a == "--imsi")
                o.imsi = next();
            else if (a == "--k")
                o.kHex = next();
            else if (a == "--opc")
                o.opcHex = next();
            else if (a == "--sqn")
                o.sqn = std::stoull(next(), nullptr, 16);
            else if (a == "--profile")
                o.profile = next();
            else if (a == "--realm")
                o.realm = next();
            else if (a == "--mnc-digits")
                o.mncDigits = static_cast<unsigned>(std::stoul(next()));
            else if (a == "--count")
                o.count = static_cast<unsigned>(std::stoul(next()));
            else if (a == "--timeout")
                o.timeout = std::stoi(next());
            else if (a == "--usim-state")
                o.usimState = next();
            else if (a == "--fail-on-resync")
                o.failOnResync = true;
            else if (a == "-h" || a == "--help")
            {
                Usage(std::cout);
                return 0;
            }
            else
            {
                std::cerr << "roamsec-radius-client: unknown argument '" << a << "'\n";
                Usage(std::cerr);
                return 2;
            }
        }
        catch (const std::exception& e)
        {
            std::cerr << "roamsec-radius-client: " << a << ": " << e.what() << "\n";
            return 2;
        }
    }
    if (o.imsi.empty() || (o.profile != "rfc4187" && o.profile != "draft"))
    {
        Usage(std::cerr);
        return 2;
    }

    Bytes k;
    Bytes opc;
    try
    {
        if (!o.subscribers.empty())
        {
            SubscriberDatabase db;
            db.Load(o.subscribers);
            const SubscriberRecord* rec = db.Find(o.imsi);
            if (rec == nullptr)
            {
                std::cerr << "roamsec-radius-client: IMSI " << o.imsi << " not in " << o.subscribers
                          << "\n";
                return 1;
            }
            k = rec->k;
            opc = rec->opc;
        }
        else
        {
            k = FromHex(o.kHex);
            opc = FromHex(o.opcHex);
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "roamsec-radius-client: " << e.what() << "\n";
        return 1;
    }
    if (k.size() != 16 || opc.size() != 16)
    {
        std::cerr << "roamsec-radius-client: K and OPc must be 16 bytes\n";
        return 1;
    }

    CsprngRandomSource rng;
    Usim usim(k, opc);
    if (o.sqn != 0)
    {
        usim.SetLastAcceptedSqn(o.sqn);
    }
    if (!o.usimState.empty())
    {
        LoadUsimState(o.usimState, usim);
    }
    EapAkaPeerConfig pc;
    pc.profile = o.profile == "draft" ? EapAkaProfile::Draft04 : EapAkaProfile::Rfc4187;
    pc.imsi = o.imsi;
    pc.realm.form = AkaRealmForm::ThreeGpp;
    pc.realm.mncDigits = o.mncDigits;
    pc.realm.realmOverride = o.realm;
    EapAkaPeer peer(usim, pc, rng);

    unsigned ok = 0;
    try
    {
        asio::io_context io;
        Nas nas(io, o, rng);
        for (unsigned round = 1; round <= o.count; ++round)
        {
            if (nas.Authenticate(peer, usim, round))
            {
                ok++;
            }
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "roamsec-radius-client: " << e.what() << "\n";
        return 1;
    }
    Log(std::to_string(ok) + "/" + std::to_string(o.count) + " authentications succeeded");
    if (ok == o.count)
    {
        Log("SUCCESS");
        return 0;
    }
    Log("FAILURE");
    return 1;
}
