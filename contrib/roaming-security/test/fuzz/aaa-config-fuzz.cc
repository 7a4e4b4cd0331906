/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of roamsec-aaa-daemon's configuration parser
 * (utils/roamsec-aaa-config.cc, compiled into this target): arbitrary text
 * either parses or throws AaaConfigError; a parsed configuration satisfies the
 * documented rules (doc/interop.rst).
 */
#include "../../utils/roamsec-aaa-config.cc"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace roamsec;
    const std::string text(reinterpret_cast<const char*>(data), size);
    AaaDaemonConfig cfg;
    try
    {
        cfg = ParseAaaDaemonConfig(text, "fuzz.conf", "/base");
    }
    catch (const AaaConfigError& e)
    {
        // Every message names the file.
        if (std::string(e.what()).rfind("fuzz.conf", 0) != 0)
        {
            std::abort();
        }
        return 0;
    }
    catch (...)
    {
        std::abort(); // anything but AaaConfigError is a bug
    }
    if (cfg.subscriberFile.empty() || (cfg.radiusEnabled && cfg.clients.empty())
        || (!cfg.radiusEnabled && cfg.eapSimDbSocket.empty())
        || (cfg.profile != "rfc4187" && cfg.profile != "draft"))
    {
        std::abort();
    }
    std::set<std::string> addresses;
    for (const auto& c : cfg.clients)
    {
        if (c.secret.empty() || !addresses.insert(c.address).second)
        {
            std::abort();
        }
    }
    return 0;
}
