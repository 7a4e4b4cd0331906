/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roamsec-radius-client: the project's EapAkaPeer (with its Usim) run over
 * RADIUS against a real RADIUS/EAP server, acting as the NAS as eapol_test
 * does. The NAS is the core's Dot1xAuthenticator, the same as in the
 * simulated APs. After each Access-Accept it decrypts MS-MPPE-Recv-Key /
 * MS-MPPE-Send-Key and checks them against the peer's own MSK
 * (Recv = MSK[0..31], Send = MSK[32..63], RFC 5216 2.3 convention).
 *
 * Usage: roamsec-radius-client --server ADDR:PORT --secret S
 *        (--subscribers FILE --imsi IMSI | --imsi IMSI --k HEX --opc HEX)
 *        [--sqn HEX] [--profile rfc4187|draft] [--realm REALM] [--count N] [--timeout S]
 * Exit status 0 only when every authentication succeeded with matching keys.
 */
#include "ns3/dot1x-authenticator.h"
#include "ns3/eap-aka-peer.h"
#include "ns3/eap-packet.h"
#include "ns3/radius-client.h"
#include "ns3/radius-packet.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-cli-check.h"
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

/**
 * The NAS: the core's 802.1X authenticator (Dot1xAuthenticator, as in every simulated AP)
 * between the local peer, which stands for the station, and the RADIUS server.
 */
class Nas
{
public:
    Nas(asio::io_context& io, const Options& o, RandomSource& rng)
        : m_o(o)
        , m_socket(io)
        , m_auth(Config(o), rng)
        , m_server(asio::ip::make_address(o.host), o.port)
        , m_start(std::chrono::steady_clock::now())
    {
        m_socket.open(m_server.protocol());
        m_socket.connect(m_server);
    }

    /** One EAP conversation; true on Access-Accept with MPPE keys equal to the peer's MSK. */
    bool Authenticate(EapAkaPeer& peer, Usim& usim, unsigned round)
    {
        peer.Reset();
        m_auth.Remove(kStation); // a new conversation: nothing left of the last one
        Log("round " + std::to_string(round) + ": identity " + peer.CurrentIdentity());
        const uint64_t requestsBefore = m_auth.GetRadiusCounters().requests;
        // The NAS starts the EAP conversation with EAP-Request/Identity (RFC 3748 2).
        Dot1xOutput out = m_auth.Start(kStation, Now());
        auto giveUp = Deadline();
        while (true)
        {
            std::optional<bool> result = Apply(out, peer, usim, giveUp);
            if (result)
            {
                return *result;
            }
            if (m_auth.GetRadiusCounters().requests - requestsBefore > 32)
            {
                Log("too many round trips");
                return false;
            }
            if (std::chrono::steady_clock::now() >= giveUp)
            {
                Log("timeout");
                return false;
            }
            out = Wait(giveUp);
        }
    }

private:
    /** The station's address (Calling-Station-Id) and the NAS's own (Called-Station-Id). */
    static constexpr MacAddr kStation{0x02, 0, 0, 0, 0, 0x02};
    static constexpr MacAddr kNasAddress{0x02, 0, 0, 0, 0, 0x01};

    static Dot1xAuthenticatorConfig Config(const Options& o)
    {
        Dot1xAuthenticatorConfig config;
        config.secret = ToBytes(o.secret);
        config.nasIdentifier = "roamsec-radius-client";
        config.nasAddress = kNasAddress;
        return config;
    }

    TimeNs Now() const
    {
        return std::chrono::duration_cast<TimeNs>(std::chrono::steady_clock::now() - m_start);
    }

    std::chrono::steady_clock::time_point Deadline() const
    {
        return std::chrono::steady_clock::now() + std::chrono::seconds(m_o.timeout);
    }

    /**
     * Sends what the authenticator produced: EAP packets to the local peer, whose answers go
     * straight back in, RADIUS datagrams to the server. A value once the outcome is known.
     */
    std::optional<bool> Apply(Dot1xOutput out, EapAkaPeer& peer, Usim& usim,
                              std::chrono::steady_clock::time_point& giveUp)
    {
        while (true)
        {
            std::optional<Dot1xOutput> next;
            // An Access-Challenge came in since the last call (it is relayed as an EAP packet).
            const bool challenged = m_auth.GetCounters().challenges > m_challenges;
            m_challenges = m_auth.GetCounters().challenges;
            for (const auto& message : out.messages)
            {
                if (message.to == Dot1xMessage::To::Server)
                {
                    m_socket.send(asio::buffer(message.bytes));
                    continue;
                }
                auto answer = ToPeer(message.bytes, peer, usim);
                if (!answer)
                {
                    return false;
                }
                if (!answer->empty())
                {
                    next = m_auth.ReceiveEap(kStation, *answer, Now());
                    giveUp = Deadline();
                }
            }
            for (const auto& event : out.events)
            {
                switch (event.kind)
                {
                    case Dot1xEvent::Kind::Authenticated:
                        return CheckKeys(event, peer);
                    case Dot1xEvent::Kind::Failed:
                        if (event.failure == Dot1xFailure::AccessReject)
                        {
                            Log("Access-Reject"
                                + std::string(peer.IsSuccess() ? " (peer saw EAP-Success!)" : ""));
                        }
                        else if (event.failure == Dot1xFailure::NoKeys)
                        {
                            Log("Access-Accept without usable MS-MPPE keys");
                        }
                        else
                        {
                            Log("no answer from the server, giving up");
                        }
                        return false;
                    case Dot1xEvent::Kind::EapDiscarded:
                        Log(std::string("authenticator discarded the peer's EAP packet: ")
                            + ToString(event.discard));
                        return false;
                    case Dot1xEvent::Kind::RadiusDiscarded:
                        Log(std::string("discarded a datagram: ") + ToString(event.radiusDiscard));
                        break;
                }
            }
            if (challenged && out.messages.empty())
            {
                Log("Access-Challenge without EAP-Message");
                return false;
            }
            if (!next)
            {
                return std::nullopt;
            }
            out = std::move(*next);
        }
    }

    /**
     * Hands an EAP packet to the peer. nullopt: the conversation cannot go on; an empty
     * packet: nothing to answer (Success, Failure).
     */
    std::optional<Bytes> ToPeer(const Bytes& eap, EapAkaPeer& peer, Usim& usim)
    {
        auto request = EapPacket::Parse(eap);
        EapAkaPeerOutput po = peer.Receive(eap);
        if (!request || request->code != EapCode::Request)
        {
            return Bytes();
        }
        if (request->type != EapType::Identity && !m_o.usimState.empty())
        {
            SaveUsimState(m_o.usimState, usim);
        }
        // EAP-Response (2), type AKA (23), subtype Synchronization-Failure (4).
        const bool resync = po.send && po.send->size() > 5 && (*po.send)[0] == 2
                            && (*po.send)[4] == 23 && (*po.send)[5] == 4;
        if (resync)
        {
            Log("AKA-Synchronization-Failure: the USIM rejected the SQN");
            if (m_o.failOnResync)
            {
                return std::nullopt;
            }
        }
        if (po.event == EapAkaPeerOutput::Event::Discarded)
        {
            Log("peer discarded the server's EAP request: " + po.discardReason);
            return std::nullopt;
        }
        if (!po.send)
        {
            Log("peer has no answer to the server's EAP request");
            return std::nullopt;
        }
        return *po.send;
    }

    bool CheckKeys(const Dot1xEvent& accepted, const EapAkaPeer& peer)
    {
        if (!peer.IsSuccess())
        {
            Log("Access-Accept but the peer did not accept EAP-Success");
            return false;
        }
        const Bytes& msk = peer.Msk();
        if (msk.size() < 64)
        {
            Log("Access-Accept without usable MS-MPPE keys");
            return false;
        }
        // RFC 5216 2.3 convention: Recv = MSK[0..31], Send = MSK[32..63].
        bool recvOk = accepted.recvKey == Bytes(msk.begin(), msk.begin() + 32);
        bool sendOk = accepted.sendKey == Bytes(msk.begin() + 32, msk.begin() + 64);
        Log(std::string("Access-Accept (")
            + (peer.LastWasReauth() ? "fast re-authentication" : "full authentication") + "), MSK "
            + ToHex(Bytes(msk.begin(), msk.begin() + 8)) + "...");
        Log(std::string("MPPE keys OK: ") + ((recvOk && sendOk) ? "1" : "0")
            + "  mismatch: " + ((recvOk && sendOk) ? "0" : "1"));
        return recvOk && sendOk;
    }

    /** The next datagram from the server, or the retransmissions due, before giveUp. */
    Dot1xOutput Wait(std::chrono::steady_clock::time_point giveUp)
    {
        std::array<uint8_t, 4096> buf;
        while (std::chrono::steady_clock::now() < giveUp)
        {
            // Wait until data or the next retransmission deadline.
            TimeNs wait = Milliseconds(200);
            if (auto d = m_auth.NextDeadline())
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
                return m_auth.ReceiveRadius(Bytes(buf.begin(), buf.begin() + n), Now());
            }
            Dot1xOutput out = m_auth.OnTimeout(Now());
            if (!out.messages.empty() || !out.events.empty())
            {
                for (const auto& message : out.messages)
                {
                    if (message.to == Dot1xMessage::To::Server)
                    {
                        Log("retransmitting the Access-Request");
                    }
                }
                return out;
            }
        }
        return {};
    }

    const Options& m_o;
    asio::ip::udp::socket m_socket;
    Dot1xAuthenticator m_auth;
    uint64_t m_challenges{0}; //!< Access-Challenges the authenticator has seen so far
    asio::ip::udp::endpoint m_server;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace

int
main(int argc, char** argv)
{
    const std::string kProgram = "roamsec-radius-client";
    Options o;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        auto next = [&]() -> std::string
        {
            if (i + 1 >= argc)
            {
                std::cerr << "roamsec-radius-client: " << cli::Escape(a) << " needs a value\n";
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
                o.port = static_cast<uint16_t>(
                    cli::ParseCount(kProgram, "server", v.substr(colon + 1), 1, 65535));
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
            {
                const std::string v = next();
                if (v.empty() || v.size() > 12
                    || v.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
                {
                    cli::Fail(kProgram, "sqn", v, "must be 1 to 12 hex digits (48-bit SQN)");
                }
                o.sqn = std::stoull(v, nullptr, 16);
            }
            else if (a == "--profile")
                o.profile = next();
            else if (a == "--realm")
                o.realm = next();
            else if (a == "--mnc-digits")
                o.mncDigits
                    = static_cast<unsigned>(cli::ParseCount(kProgram, "mnc-digits", next(), 2, 3));
            else if (a == "--count")
                o.count
                    = static_cast<unsigned>(cli::ParseCount(kProgram, "count", next(), 1, 1000000));
            else if (a == "--timeout")
                o.timeout = static_cast<int>(cli::ParseCount(kProgram, "timeout", next(), 1, 3600));
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
                std::cerr << "roamsec-radius-client: unknown argument '" << cli::Escape(a) << "'\n";
                Usage(std::cerr);
                return 2;
            }
        }
        catch (const std::exception& e)
        {
            std::cerr << "roamsec-radius-client: " << cli::Escape(a) << ": "
                      << cli::Escape(e.what()) << "\n";
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
                std::cerr << "roamsec-radius-client: IMSI " << cli::Escape(o.imsi) << " not in "
                          << cli::Escape(o.subscribers) << "\n";
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
        std::cerr << "roamsec-radius-client: " << cli::Escape(e.what()) << "\n";
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
        std::cerr << "roamsec-radius-client: " << cli::Escape(e.what()) << "\n";
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
