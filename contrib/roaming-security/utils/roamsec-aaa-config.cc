/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roamsec-aaa-config.h"

#include <boost/asio/ip/address.hpp>
#include <fstream>
#include <set>
#include <sstream>

namespace roamsec {

namespace {

std::string
Trim(const std::string& s)
{
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
    {
        return {};
    }
    size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::vector<std::string>
Words(const std::string& s)
{
    std::istringstream is(s);
    std::vector<std::string> out;
    std::string w;
    while (is >> w)
    {
        out.push_back(w);
    }
    return out;
}

std::string
Resolve(const std::string& path, const std::string& baseDir)
{
    if (path.empty() || path[0] == '/' || baseDir.empty())
    {
        return path;
    }
    return baseDir + "/" + path;
}

bool
ParseBool(const std::string& v, bool& out)
{
    if (v == "yes" || v == "true" || v == "on" || v == "1")
    {
        out = true;
        return true;
    }
    if (v == "no" || v == "false" || v == "off" || v == "0")
    {
        out = false;
        return true;
    }
    return false;
}

bool
ParseUnsigned(const std::string& v, uint64_t max, uint64_t& out)
{
    if (v.empty() || v.size() > 10 || v.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    out = std::stoull(v);
    return out <= max;
}

std::string
NormaliseAddress(const std::string& text, bool& ok)
{
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(text, ec);
    ok = !ec;
    if (!ok)
    {
        return {};
    }
    if (a.is_v6() && a.to_v6().is_v4_mapped())
    {
        return a.to_v6().to_v4().to_string();
    }
    return a.to_string();
}

} // namespace

AaaDaemonConfig
ParseAaaDaemonConfig(const std::string& text, const std::string& name, const std::string& baseDir)
{
    AaaDaemonConfig cfg;
    std::set<std::string> seen;
    std::istringstream in(text);
    std::string raw;
    unsigned lineNo = 0;
    bool haveSubscribers = false;
    auto fail = [&](const std::string& keyword, const std::string& problem)
    {
        std::ostringstream os;
        os << name << ":" << lineNo << ": " << keyword << ": " << problem;
        throw AaaConfigError(os.str());
    };
    while (std::getline(in, raw))
    {
        ++lineNo;
        std::string line = raw;
        size_t hash = line.find('#');
        if (hash != std::string::npos)
        {
            line.erase(hash);
        }
        line = Trim(line);
        if (line.empty())
        {
            continue;
        }
        std::vector<std::string> w = Words(line);
        if (w.empty())
        {
            continue; // only other white space (\v, \f)
        }
        const std::string& key = w[0];
        // Every directive but "client" may appear once.
        if (key != "client" && !seen.insert(key).second)
        {
            fail(key, "given twice");
        }
        auto want = [&](size_t n)
        {
            if (w.size() != n + 1)
            {
                std::ostringstream os;
                os << "expects " << n << " value" << (n == 1 ? "" : "s") << ", got "
                   << (w.size() - 1);
                fail(key, os.str());
            }
        };
        if (key == "listen")
        {
            want(1);
            if (w[1] == "none")
            {
                cfg.radiusEnabled = false;
                continue;
            }
            // address:port, with [v6]:port for IPv6.
            std::string addr;
            std::string port;
            if (!w[1].empty() && w[1][0] == '[')
            {
                size_t close = w[1].find("]:");
                if (close == std::string::npos)
                {
                    fail(key, "expected [address]:port, got '" + w[1] + "'");
                }
                addr = w[1].substr(1, close - 1);
                port = w[1].substr(close + 2);
            }
            else
            {
                size_t colon = w[1].rfind(':');
                if (colon == std::string::npos)
                {
                    fail(key, "expected address:port, got '" + w[1] + "'");
                }
                addr = w[1].substr(0, colon);
                port = w[1].substr(colon + 1);
            }
            bool ok = false;
            cfg.listenAddress = NormaliseAddress(addr, ok);
            if (!ok)
            {
                fail(key, "bad address '" + addr + "'");
            }
            uint64_t p = 0;
            if (!ParseUnsigned(port, 65535, p))
            {
                fail(key, "bad port '" + port + "' (0..65535, 0 = ephemeral)");
            }
            cfg.listenPort = static_cast<uint16_t>(p);
        }
        else if (key == "subscribers")
        {
            want(1);
            cfg.subscriberFile = Resolve(w[1], baseDir);
            haveSubscribers = true;
        }
        else if (key == "save-sqn")
        {
            want(1);
            if (!ParseBool(w[1], cfg.saveSqn))
            {
                fail(key, "expected yes or no, got '" + w[1] + "'");
            }
        }
        else if (key == "profile")
        {
            want(1);
            if (w[1] != "rfc4187" && w[1] != "draft")
            {
                fail(key, "expected rfc4187 or draft, got '" + w[1] + "'");
            }
            cfg.profile = w[1];
        }
        else if (key == "session-timeout")
        {
            want(1);
            uint64_t v = 0;
            if (!ParseUnsigned(w[1], 0xffffffffu, v))
            {
                fail(key, "expected seconds (0 = none), got '" + w[1] + "'");
            }
            cfg.sessionTimeout = static_cast<uint32_t>(v);
        }
        else if (key == "client")
        {
            // client <address> <secret...>: the secret is the rest of the line.
            if (w.size() < 3)
            {
                fail(key, "expects an address and a shared secret");
            }
            AaaDaemonClient c;
            bool ok = false;
            c.address = NormaliseAddress(w[1], ok);
            if (!ok)
            {
                fail(key, "bad address '" + w[1] + "'");
            }
            size_t at = line.find(w[1]) + w[1].size();
            c.secret = Trim(line.substr(at));
            c.line = lineNo;
            for (const auto& other : cfg.clients)
            {
                if (other.address == c.address)
                {
                    fail(key, "duplicate client " + c.address + " (first on line "
                                  + std::to_string(other.line) + ")");
                }
            }
            cfg.clients.push_back(c);
        }
        else if (key == "eap-sim-db")
        {
            want(1);
            cfg.eapSimDbSocket = Resolve(w[1], baseDir);
        }
        else
        {
            fail(key, "unknown directive");
        }
    }
    lineNo = 0;
    if (!haveSubscribers)
    {
        throw AaaConfigError(name + ": subscribers: missing (path of the subscriber database)");
    }
    if (cfg.radiusEnabled && cfg.clients.empty())
    {
        throw AaaConfigError(name + ": client: none configured (client <address> <secret>)");
    }
    if (!cfg.radiusEnabled && cfg.eapSimDbSocket.empty())
    {
        throw AaaConfigError(name + ": listen: 'none' and no eap-sim-db: nothing to serve");
    }
    return cfg;
}

AaaDaemonConfig
LoadAaaDaemonConfig(const std::string& path)
{
    std::ifstream f(path);
    if (!f)
    {
        throw AaaConfigError(path + ": cannot open the configuration file");
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    std::string dir;
    size_t slash = path.rfind('/');
    if (slash != std::string::npos)
    {
        dir = path.substr(0, slash);
        if (dir.empty())
        {
            dir = "/";
        }
    }
    return ParseAaaDaemonConfig(ss.str(), path, dir);
}

} // namespace roamsec
