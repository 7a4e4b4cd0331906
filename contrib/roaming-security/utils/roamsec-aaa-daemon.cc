/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roamsec-aaa-daemon: the module's home AAA as a real UDP server. RADIUS
 * authentication (RFC 2865/3579) with EAP-AKA over the project's core
 * (AaaEapAkaService, EapAkaServer, AuthenticationCentre, SubscriberDatabase),
 * and optionally the hlr_auc_gw text protocol on a UNIX datagram socket so that
 * hostapd's EAP-SIM/AKA server (eap_sim_db) draws its vectors from our AuC.
 *
 * Usage: roamsec-aaa-daemon -c CONFIG [--port-file FILE] [-v]
 * Configuration format: doc/interop.rst.
 */
#include "ns3/aaa-eap-aka-service.h"
#include "ns3/aka.h"
#include "ns3/eap-aka-server.h"
#include "ns3/radius-server.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-cli-check.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/subscriber-db.h"
#include "roamsec-aaa-config.h"

#include <array>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <optional>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace asio = boost::asio;
using namespace roamsec;

namespace {

void
Log(const std::string& line)
{
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    std::cout << stamp << " " << line << std::endl;
}

/** Peer-supplied text made safe for a one-line log: control characters, spaces, backslashes as
 * \xNN. */
std::string
Printable(const std::string& s)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s)
    {
        if (c > 0x20 && c < 0x7f && c != '\\')
        {
            out += static_cast<char>(c);
        }
        else
        {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string
DirOf(const std::string& path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

/** Where the SQN reservations of the subscriber file live (doc/interop.rst). */
std::string
JournalPath(const AaaDaemonConfig& cfg)
{
    return cfg.subscriberFile + ".sqn-journal";
}

/**
 * Every check of a start that can be made without serving: what --check runs and
 * what Start runs first. Throws std::runtime_error naming the path and the reason.
 * bindRadius: also bind (and release) the RADIUS port.
 */
void
Preflight(const AaaDaemonConfig& cfg, SubscriberDatabase& db, bool bindRadius)
{
    db.Load(cfg.subscriberFile); // a directory or an unreadable file names its reason
    if (cfg.saveSqn)
    {
        const std::string real = SubscriberDatabase::ResolveSymlinks(cfg.subscriberFile);
        const std::string dir = DirOf(real);
        if (::access(dir.c_str(), W_OK | X_OK) != 0)
        {
            throw std::runtime_error(dir + ": directory not writable (" + std::strerror(errno) +
                                     "), needed to save the SQN state of " + real +
                                     " (or set save-sqn no)");
        }
        const std::string why = cli::WhyNotWritableFile(JournalPath(cfg));
        if (!why.empty())
        {
            throw std::runtime_error(JournalPath(cfg) + ": SQN journal: " + why);
        }
        SqnJournal::Check(JournalPath(cfg));
    }
    if (!cfg.eapSimDbSocket.empty())
    {
        const std::string& path = cfg.eapSimDbSocket;
        const std::string dir = DirOf(path);
        struct stat st{};
        if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        {
            throw std::runtime_error(path + ": eap-sim-db socket: directory " + dir +
                                     " does not exist");
        }
        if (::access(dir.c_str(), W_OK | X_OK) != 0)
        {
            throw std::runtime_error(path + ": eap-sim-db socket: directory " + dir +
                                     " is not writable");
        }
        if (::lstat(path.c_str(), &st) == 0 && !S_ISSOCK(st.st_mode))
        {
            // Start replaces a stale socket; anything else is not ours to delete.
            throw std::runtime_error(path + ": eap-sim-db socket: exists and is not a socket");
        }
        if (path.size() >= sizeof(sockaddr_un::sun_path))
        {
            throw std::runtime_error(path + ": eap-sim-db socket: path longer than " +
                                     std::to_string(sizeof(sockaddr_un::sun_path) - 1) +
                                     " bytes");
        }
    }
    if (bindRadius && cfg.radiusEnabled)
    {
        asio::io_context io;
        asio::ip::udp::socket s(io);
        boost::system::error_code ec;
        asio::ip::udp::endpoint ep(asio::ip::make_address(cfg.listenAddress, ec), cfg.listenPort);
        if (!ec)
        {
            s.open(ep.protocol(), ec);
        }
        if (!ec)
        {
            s.bind(ep, ec);
        }
        if (ec)
        {
            throw std::runtime_error("radius: cannot bind " + cfg.listenAddress + ":" +
                                     std::to_string(cfg.listenPort) + ": " + ec.message());
        }
    }
}

/** Daemon state: one io_context, one thread, so the core objects need no locking. */
class AaaDaemon
{
public:
    AaaDaemon(asio::io_context& io, AaaDaemonConfig cfg, bool verbose)
        : m_io(io)
        , m_cfg(std::move(cfg))
        , m_verbose(verbose)
        , m_udp(io)
        , m_unix(io)
        , m_signals(io, SIGINT, SIGTERM)
        , m_start(std::chrono::steady_clock::now())
    {}

    /** Loads the database and opens the sockets; throws on any error. */
    void Start(const std::string& portFile)
    {
        Preflight(m_cfg, m_db, false);
        if (SubscriberDatabase::RemoveStaleTemp(m_cfg.subscriberFile))
        {
            Log("subscribers: removed a temporary file left by an interrupted save");
        }
        if (m_cfg.saveSqn)
        {
            // Raises each SQN above what a crashed run may have issued (doc/interop.rst).
            m_journal.Open(JournalPath(m_cfg), m_db);
            m_db.AttachJournal(&m_journal);
        }
        m_auc = std::make_unique<AuthenticationCentre>(m_db, m_rng);
        EapAkaServerConfig ec;
        ec.profile = m_cfg.profile == "draft" ? EapAkaProfile::Draft04 : EapAkaProfile::Rfc4187;
        ec.pseudonymKey = m_rng.Generate(16);
        m_eap = std::make_unique<EapAkaServer>(*m_auc, m_rng, ec);
        for (const auto& c : m_cfg.clients)
        {
            m_radius.AddClient(c.address, ToBytes(c.secret));
        }
        AaaEapAkaServiceConfig sc;
        sc.sessionTimeoutSeconds = m_cfg.sessionTimeout;
        m_service = std::make_unique<AaaEapAkaService>(*m_eap, m_radius, m_rng, sc);

        if (m_cfg.radiusEnabled)
        {
            asio::ip::udp::endpoint ep(asio::ip::make_address(m_cfg.listenAddress),
                                       m_cfg.listenPort);
            boost::system::error_code ec;
            m_udp.open(ep.protocol(), ec);
            if (!ec)
            {
                m_udp.bind(ep, ec);
            }
            if (ec)
            {
                throw std::runtime_error("radius: cannot bind " + m_cfg.listenAddress + ":" +
                                         std::to_string(m_cfg.listenPort) + ": " + ec.message());
            }
            uint16_t port = m_udp.local_endpoint().port();
            Log("radius: listening on " + m_cfg.listenAddress + ":" + std::to_string(port)
                + " profile=" + m_cfg.profile + " subscribers=" + std::to_string(m_db.Size())
                + " clients=" + std::to_string(m_cfg.clients.size()));
            if (!portFile.empty())
            {
                std::ofstream pf(portFile + ".tmp");
                pf << port << "\n";
                pf.close();
                std::rename((portFile + ".tmp").c_str(), portFile.c_str());
            }
            ReceiveUdp();
        }
        if (!m_cfg.eapSimDbSocket.empty())
        {
            ::unlink(m_cfg.eapSimDbSocket.c_str()); // Preflight: a stale socket, or nothing
            asio::local::datagram_protocol::endpoint ep(m_cfg.eapSimDbSocket);
            boost::system::error_code ec;
            m_unix.open(asio::local::datagram_protocol(), ec);
            if (!ec)
            {
                m_unix.bind(ep, ec);
            }
            if (ec)
            {
                throw std::runtime_error(m_cfg.eapSimDbSocket +
                                         ": eap-sim-db socket: cannot bind: " + ec.message());
            }
            Log("eap-sim-db: listening on " + m_cfg.eapSimDbSocket);
            ReceiveUnix();
        }
        m_signals.async_wait(
            [this](const boost::system::error_code& ec, int sig)
            {
                if (!ec)
                {
                    Log(std::string("shutdown on ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
                    Stop();
                }
            });
    }

    void Stop()
    {
        boost::system::error_code ignored;
        m_udp.close(ignored);
        m_unix.close(ignored);
        m_signals.cancel(ignored);
        if (!m_cfg.eapSimDbSocket.empty())
        {
            ::unlink(m_cfg.eapSimDbSocket.c_str());
        }
        m_io.stop();
    }

    /** Writes the SQN state back; false (and a log line) on error. */
    bool SaveState()
    {
        if (!m_cfg.saveSqn || !m_auc)
        {
            return true;
        }
        try
        {
            m_db.Save(m_cfg.subscriberFile);
            // The file now holds every SQN issued: the reservations are no longer needed.
            m_journal.Remove();
            Log("subscribers: SQN state saved to " + cli::Escape(m_cfg.subscriberFile));
            return true;
        }
        catch (const std::exception& e)
        {
            Log(std::string("subscribers: save failed: ") + cli::Escape(e.what()));
            return false;
        }
    }

    uint64_t Successes() const { return m_service ? m_service->Successes() : 0; }
    uint64_t Failures() const { return m_service ? m_service->Failures() : 0; }

private:
    TimeNs Now() const
    {
        return std::chrono::duration_cast<TimeNs>(std::chrono::steady_clock::now() - m_start);
    }

    void ReceiveUdp()
    {
        m_udp.async_receive_from(asio::buffer(m_udpBuf), m_udpFrom,
                                 [this](const boost::system::error_code& ec, size_t n)
                                 {
                                     if (ec == asio::error::operation_aborted)
                                     {
                                         return;
                                     }
                                     if (!ec)
                                     {
                                         OnDatagram(n);
                                     }
                                     ReceiveUdp();
                                 });
    }

    void OnDatagram(size_t n)
    {
        asio::ip::address from = m_udpFrom.address();
        if (from.is_v6() && from.to_v6().is_v4_mapped())
        {
            from = from.to_v6().to_v4();
        }
        std::string client = from.to_string();
        Bytes datagram(m_udpBuf.begin(), m_udpBuf.begin() + n);
        AaaEapAkaOutcome out;
        try
        {
            out = m_service->Handle(client, datagram, Now());
        }
        catch (const std::exception& e)
        {
            // The core must not throw on input; never let one datagram stop the server.
            Log(std::string("radius: internal error on a datagram from ") + client + ": "
                + cli::Escape(e.what()));
            return;
        }
        if (out.response)
        {
            boost::system::error_code ec;
            m_udp.send_to(asio::buffer(*out.response), m_udpFrom, 0, ec);
            if (ec)
            {
                Log("radius: send to " + client + " failed: " + ec.message());
            }
        }
        switch (out.event)
        {
            case AaaEapAkaOutcome::Event::Success:
                Log("auth client=" + client + " identity=" + Printable(out.identity)
                    + " result=success imsi=" + out.imsi);
                break;
            case AaaEapAkaOutcome::Event::Failure:
                Log("auth client=" + client + " identity=" + Printable(out.identity)
                    + " result=failure reason=" + Printable(out.reason));
                break;
            case AaaEapAkaOutcome::Event::Discarded:
                if (m_verbose)
                {
                    Log("radius: discarded datagram from " + client + ": " + out.reason);
                }
                break;
            case AaaEapAkaOutcome::Event::None:
            default:
                break;
        }
    }

    void ReceiveUnix()
    {
        m_unix.async_receive_from(asio::buffer(m_unixBuf), m_unixFrom,
                                  [this](const boost::system::error_code& ec, size_t n)
                                  {
                                      if (ec == asio::error::operation_aborted)
                                      {
                                          return;
                                      }
                                      if (!ec)
                                      {
                                          OnSimDbRequest(std::string(m_unixBuf.data(), n));
                                      }
                                      ReceiveUnix();
                                  });
    }

    /** The IMSI of an eap_sim_db request: hostapd may send it with the EAP identity prefix. */
    std::string LookupImsi(const std::string& id) const
    {
        if (m_db.Find(id) != nullptr)
        {
            return id;
        }
        if (id.size() > 1 && (id[0] == '0' || id[0] == '1') && m_db.Find(id.substr(1)))
        {
            return id.substr(1);
        }
        return id;
    }

    /** hlr_auc_gw protocol (hostap's hlr_auc_gw.c header comment): one text line per datagram. */
    void OnSimDbRequest(std::string msg)
    {
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == '\0'))
        {
            msg.pop_back();
        }
        std::istringstream is(msg);
        std::string cmd;
        std::string id;
        is >> cmd >> id;
        if (m_verbose)
        {
            Log("eap-sim-db: request '" + Printable(msg) + "'");
        }
        std::string reply;
        if (cmd == "AKA-REQ-AUTH" && !id.empty())
        {
            std::string imsi = LookupImsi(id);
            std::optional<AuthVector> v;
            try
            {
                v = m_auc->GenerateVector(imsi);
            }
            catch (const std::exception& e)
            {
                Log(std::string("eap-sim-db: no vector: ") + cli::Escape(e.what()));
            }
            if (v)
            {
                reply = "AKA-RESP-AUTH " + id + " " + ToHex(v->rand) + " " + ToHex(v->autn) + " "
                        + ToHex(v->ik) + " " + ToHex(v->ck) + " " + ToHex(v->xres);
                Log("eap-sim-db: vector for " + imsi + " (SQN "
                    + std::to_string(m_db.Find(imsi)->sqn) + ")");
            }
            else
            {
                reply = "AKA-RESP-AUTH " + id + " FAILURE";
                Log("eap-sim-db: no vector for '" + Printable(id) + "'");
            }
        }
        else if (cmd == "AKA-AUTS" && !id.empty())
        {
            // AKA-AUTS <IMSI> <AUTS> <RAND>; no answer is expected.
            std::string autsHex;
            std::string randHex;
            is >> autsHex >> randHex;
            std::string imsi = LookupImsi(id);
            try
            {
                auto r = m_auc->Resynchronise(imsi, FromHex(randHex), FromHex(autsHex));
                Log("eap-sim-db: AUTS for " + Printable(imsi) + ": "
                    + (r == AuthenticationCentre::ResyncResult::Resynchronised ? "resynchronised"
                       : r == AuthenticationCentre::ResyncResult::MacFailure
                           ? "MAC-S failure, ignored"
                           : "unknown subscriber"));
            }
            catch (const std::exception& e)
            {
                Log(std::string("eap-sim-db: bad AKA-AUTS: ") + e.what());
            }
            return;
        }
        else if (cmd == "SIM-REQ-AUTH" && !id.empty())
        {
            // SIM-REQ-AUTH <IMSI> <max_chal>: GSM-MILENAGE triplets Kc:SRES:RAND.
            unsigned maxChal = 0;
            is >> maxChal;
            std::string imsi = LookupImsi(id);
            std::string list;
            for (unsigned i = 0; i < std::min(maxChal, 3u); ++i)
            {
                auto t = m_auc->GenerateTriplet(imsi);
                if (!t)
                {
                    list.clear();
                    break;
                }
                list += " " + ToHex(t->kc) + ":" + ToHex(t->sres) + ":" + ToHex(t->rand);
            }
            reply = "SIM-RESP-AUTH " + id + (list.empty() ? std::string(" FAILURE") : list);
        }
        else
        {
            Log("eap-sim-db: unsupported request '" + Printable(msg.substr(0, 64)) + "'");
            return;
        }
        boost::system::error_code ec;
        m_unix.send_to(asio::buffer(reply), m_unixFrom, 0, ec);
        if (ec)
        {
            Log("eap-sim-db: reply failed: " + ec.message());
        }
    }

    asio::io_context& m_io;
    AaaDaemonConfig m_cfg;
    bool m_verbose;
    asio::ip::udp::socket m_udp;
    asio::local::datagram_protocol::socket m_unix;
    asio::signal_set m_signals;
    std::chrono::steady_clock::time_point m_start;

    CsprngRandomSource m_rng;
    SubscriberDatabase m_db;
    SqnJournal m_journal;
    std::unique_ptr<AuthenticationCentre> m_auc;
    std::unique_ptr<EapAkaServer> m_eap;
    RadiusServer m_radius;
    std::unique_ptr<AaaEapAkaService> m_service;

    std::array<uint8_t, 4096> m_udpBuf{};
    asio::ip::udp::endpoint m_udpFrom;
    std::array<char, 1024> m_unixBuf{};
    asio::local::datagram_protocol::endpoint m_unixFrom;
};

void
Usage(std::ostream& os)
{
    os << "usage: roamsec-aaa-daemon -c CONFIG [--port-file FILE] [--check] [-v]\n"
          "  -c CONFIG         configuration file (format: doc/interop.rst)\n"
          "  --port-file FILE  write the bound UDP port there (for 'listen ADDR:0')\n"
          "  --check           run every check of a start (files, directories, sockets), then exit\n"
          "  -v                log discarded datagrams and eap-sim-db requests\n";
}

} // namespace

int
main(int argc, char** argv)
{
    std::string configPath;
    std::string portFile;
    bool check = false;
    bool verbose = false;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if ((a == "-c" || a == "--config") && i + 1 < argc)
        {
            configPath = argv[++i];
        }
        else if (a == "--port-file" && i + 1 < argc)
        {
            portFile = argv[++i];
        }
        else if (a == "--check")
        {
            check = true;
        }
        else if (a == "-v" || a == "--verbose")
        {
            verbose = true;
        }
        else if (a == "-h" || a == "--help")
        {
            Usage(std::cout);
            return 0;
        }
        else
        {
            std::cerr << "roamsec-aaa-daemon: unknown argument '" << cli::Escape(a) << "'\n";
            Usage(std::cerr);
            return 2;
        }
    }
    if (configPath.empty())
    {
        Usage(std::cerr);
        return 2;
    }

    AaaDaemonConfig cfg;
    try
    {
        cfg = LoadAaaDaemonConfig(configPath);
        if (check)
        {
            SubscriberDatabase db;
            Preflight(cfg, db, true);
            std::cout << cli::Escape(configPath) << ": OK (" << cfg.clients.size() << " clients, "
                      << db.Size() << " subscribers)\n";
            return 0;
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "roamsec-aaa-daemon: " << cli::Escape(e.what()) << "\n";
        return 1;
    }

    asio::io_context io;
    AaaDaemon daemon(io, cfg, verbose);
    try
    {
        daemon.Start(portFile);
    }
    catch (const std::exception& e)
    {
        std::cerr << "roamsec-aaa-daemon: " << cli::Escape(e.what()) << "\n";
        return 1;
    }
    io.run();
    bool saved = daemon.SaveState();
    Log("stopped: " + std::to_string(daemon.Successes()) + " successes, "
        + std::to_string(daemon.Failures()) + " failures");
    return saved ? 0 : 1;
}
