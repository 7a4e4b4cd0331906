/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roamsec-usim-responder: the project's Usim (TS 33.102 6.3.3 over Milenage)
 * as wpa_supplicant's "external SIM". wpa_supplicant / eapol_test with
 * external_sim=1 asks on its control interface
 *     <3>CTRL-REQ-SIM-<id>:UMTS-AUTH:<RAND>:<AUTN> needed for SSID ...
 * and takes the answer
 *     CTRL-RSP-SIM-<id>:UMTS-AUTH:<IK>:<CK>:<RES>    (success)
 *     CTRL-RSP-SIM-<id>:UMTS-AUTS:<AUTS>             (synchronisation failure)
 * Any other answer makes the peer send AKA-Authentication-Reject (MAC failure).
 *
 * Usage: roamsec-usim-responder --ctrl SOCKET (--subscribers FILE --imsi IMSI |
 *        --k HEX --opc HEX) [--sqn HEX] [--timeout SECONDS]
 */
#include "ns3/aka.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-cli-check.h"
#include "ns3/subscriber-db.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace roamsec;

namespace {

volatile std::sig_atomic_t g_stop = 0;

void
OnSignal(int)
{
    g_stop = 1;
}

void
Log(const std::string& s)
{
    std::cout << "usim: " << s << std::endl;
}

void
Usage(std::ostream& os)
{
    os << "usage: roamsec-usim-responder --ctrl SOCKET (--subscribers FILE --imsi IMSI | --k HEX "
          "--opc HEX)\n"
          "                              [--sqn HEX] [--timeout SECONDS]\n"
          "  --ctrl SOCKET   wpa_supplicant/eapol_test control socket (<ctrl_interface>/<ifname>)\n"
          "  --sqn HEX       SQN (48 bits, SEQ||IND) the USIM has already accepted\n"
          "  --timeout S     give up after S seconds (default 60)\n";
}

/** A UNIX datagram client of wpa_supplicant's control interface. */
class CtrlClient
{
public:
    ~CtrlClient()
    {
        if (m_fd >= 0)
        {
            ::close(m_fd);
            ::unlink(m_local.c_str());
        }
    }

    bool Open(const std::string& server)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
        if (m_fd < 0)
        {
            return false;
        }
        // The server answers to our address: bind one of our own.
        m_local = "/tmp/roamsec-usim-" + std::to_string(::getpid());
        ::unlink(m_local.c_str());
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        if (m_local.size() >= sizeof a.sun_path || server.size() >= sizeof a.sun_path)
        {
            return false;
        }
        std::strcpy(a.sun_path, m_local.c_str());
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        {
            return false;
        }
        sockaddr_un s{};
        s.sun_family = AF_UNIX;
        std::strcpy(s.sun_path, server.c_str());
        return ::connect(m_fd, reinterpret_cast<sockaddr*>(&s), sizeof s) == 0;
    }

    bool Send(const std::string& msg) { return ::send(m_fd, msg.data(), msg.size(), 0) >= 0; }

    /** One datagram, or empty after timeoutMs; nullopt-like false on error. */
    bool Receive(std::string& out, int timeoutMs)
    {
        out.clear();
        pollfd p{m_fd, POLLIN, 0};
        int r = ::poll(&p, 1, timeoutMs);
        if (r < 0)
        {
            return errno == EINTR;
        }
        if (r == 0)
        {
            return true;
        }
        char buf[4096];
        ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n < 0)
        {
            return false;
        }
        out.assign(buf, static_cast<size_t>(n));
        while (!out.empty() && (out.back() == '\n' || out.back() == '\0'))
        {
            out.pop_back();
        }
        return true;
    }

private:
    int m_fd{-1};
    std::string m_local;
};

/** Answer to "UMTS-AUTH:<RAND>:<AUTN>[ needed for ...]" from the Usim. */
std::string
Answer(Usim& usim, const std::string& request, std::string& what)
{
    const std::string prefix = "UMTS-AUTH:";
    if (request.compare(0, prefix.size(), prefix) != 0)
    {
        what = "unsupported request";
        return "UNSUPPORTED";
    }
    std::string body = request.substr(prefix.size());
    body = body.substr(0, body.find(' '));
    size_t colon = body.find(':');
    if (colon == std::string::npos)
    {
        what = "malformed request";
        return "MALFORMED";
    }
    Bytes rand;
    Bytes autn;
    try
    {
        rand = FromHex(body.substr(0, colon));
        autn = FromHex(body.substr(colon + 1));
    }
    catch (const std::exception&)
    {
        what = "malformed request";
        return "MALFORMED";
    }
    if (rand.size() != 16 || autn.size() != 16)
    {
        what = "malformed request";
        return "MALFORMED";
    }
    UsimAuthResult r = usim.Authenticate(rand, autn);
    switch (r.status)
    {
        case UsimAuthResult::Status::Success:
            what = "success (SEQ now " + std::to_string(usim.HighestSeq()) + ")";
            return "UMTS-AUTH:" + ToHex(r.ik) + ":" + ToHex(r.ck) + ":" + ToHex(r.res);
        case UsimAuthResult::Status::SyncFailure:
            what = "synchronisation failure, AUTS sent";
            return "UMTS-AUTS:" + ToHex(r.auts);
        case UsimAuthResult::Status::MacFailure:
            what = "MAC failure: network not authentic";
            return "UMTS-MAC-FAILURE";
        case UsimAuthResult::Status::AmfFailure:
        default:
            what = "AMF failure";
            return "UMTS-AMF-FAILURE";
    }
}

} // namespace

int
main(int argc, char** argv)
{
    std::string ctrl;
    std::string subscribers;
    std::string imsi;
    std::string kHex;
    std::string opcHex;
    std::string sqnHex;
    int timeout = 60;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        auto next = [&]() -> std::string
        {
            if (i + 1 >= argc)
            {
                std::cerr << "roamsec-usim-responder: " << roamsec::cli::Escape(a)
                          << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--ctrl")
            ctrl = next();
        else if (a == "--subscribers")
            subscribers = next();
        else if (a == "--imsi")
            imsi = next();
        else if (a == "--k")
            kHex = next();
        else if (a == "--opc")
            opcHex = next();
        else if (a == "--sqn")
            sqnHex = next();
        else if (a == "--timeout")
            timeout = static_cast<int>(
                roamsec::cli::ParseCount("roamsec-usim-responder", "timeout", next(), 1, 86400));
        else if (a == "-h" || a == "--help")
        {
            Usage(std::cout);
            return 0;
        }
        else
        {
            std::cerr << "roamsec-usim-responder: unknown argument '" << roamsec::cli::Escape(a)
                      << "'\n";
            Usage(std::cerr);
            return 2;
        }
    }
    if (ctrl.empty())
    {
        Usage(std::cerr);
        return 2;
    }

    Bytes k;
    Bytes opc;
    uint64_t sqn = 0;
    try
    {
        if (!subscribers.empty())
        {
            SubscriberDatabase db;
            db.Load(subscribers);
            const SubscriberRecord* rec = db.Find(imsi);
            if (rec == nullptr)
            {
                std::cerr << "roamsec-usim-responder: IMSI '" << roamsec::cli::Escape(imsi)
                          << "' not in " << roamsec::cli::Escape(subscribers) << "\n";
                return 1;
            }
            k = rec->k;
            opc = rec->opc;
        }
        else
        {
            k = FromHex(kHex);
            opc = FromHex(opcHex);
        }
        if (!sqnHex.empty())
        {
            Bytes s = FromHex(std::string(12 - std::min<size_t>(12, sqnHex.size()), '0') + sqnHex);
            for (uint8_t b : s)
            {
                sqn = (sqn << 8) | b;
            }
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "roamsec-usim-responder: " << roamsec::cli::Escape(e.what()) << "\n";
        return 1;
    }
    if (k.size() != 16 || opc.size() != 16)
    {
        std::cerr << "roamsec-usim-responder: K and OPc must be 16 bytes\n";
        return 1;
    }
    Usim usim(k, opc);
    if (sqn != 0)
    {
        usim.SetLastAcceptedSqn(sqn);
    }

    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);

    // eapol_test creates its control socket at start: wait for it.
    std::unique_ptr<CtrlClient> c;
    bool attached = false;
    while (!g_stop && std::chrono::steady_clock::now() < deadline)
    {
        c = std::make_unique<CtrlClient>();
        if (::access(ctrl.c_str(), F_OK) == 0 && c->Open(ctrl) && c->Send("ATTACH"))
        {
            std::string reply;
            if (c->Receive(reply, 2000) && reply == "OK")
            {
                attached = true;
                break;
            }
        }
        c.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!attached)
    {
        std::cerr << "roamsec-usim-responder: could not attach to " << roamsec::cli::Escape(ctrl)
                  << "\n";
        return 1;
    }
    Log("attached to " + ctrl + (sqn ? " with SQN_MS " + sqnHex : std::string()));

    unsigned answered = 0;
    auto lastPing = std::chrono::steady_clock::now();
    while (!g_stop && std::chrono::steady_clock::now() < deadline)
    {
        std::string msg;
        if (!c->Receive(msg, 500))
        {
            Log(std::string("control socket closed: ") + std::strerror(errno));
            break; // the supplicant went away
        }
        auto now = std::chrono::steady_clock::now();
        if (msg.empty())
        {
            if (now - lastPing > std::chrono::seconds(1))
            {
                lastPing = now;
                if (!c->Send("PING"))
                {
                    Log(std::string("supplicant gone: ") + std::strerror(errno));
                    break;
                }
            }
            continue;
        }
        // Unsolicited events start with "<level>".
        std::string ev = msg;
        if (!ev.empty() && ev[0] == '<')
        {
            size_t gt = ev.find('>');
            ev = gt == std::string::npos ? ev : ev.substr(gt + 1);
        }
        const std::string req = "CTRL-REQ-SIM-";
        if (ev.compare(0, req.size(), req) == 0)
        {
            std::string rest = ev.substr(req.size());
            size_t colon = rest.find(':');
            if (colon == std::string::npos)
            {
                continue;
            }
            std::string id = rest.substr(0, colon);
            std::string what;
            std::string answer = Answer(usim, rest.substr(colon + 1), what);
            Log("request " + rest.substr(colon + 1, 10 + 32 + 1 + 32) + " -> " + what);
            c->Send("CTRL-RSP-SIM-" + id + ":" + answer);
            answered++;
        }
        else if (ev.find("CTRL-EVENT-TERMINATING") == 0)
        {
            Log("supplicant terminating");
            break;
        }
        else if (ev == "FAIL")
        {
            Log("the supplicant refused an answer");
        }
    }
    Log("done: " + std::to_string(answered) + " requests answered");
    return 0;
}
