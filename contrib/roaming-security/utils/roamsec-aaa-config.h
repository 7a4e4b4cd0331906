/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Configuration file of roamsec-aaa-daemon (format in doc/interop.rst): one
 * "keyword value..." directive per line, '#' comments. Errors name the file,
 * the line and the problem: "aaa.conf:7: client: bad address '10.0.0.x'".
 */
#ifndef ROAMSEC_AAA_CONFIG_H
#define ROAMSEC_AAA_CONFIG_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace roamsec {

struct AaaDaemonClient
{
    std::string address; //!< normalised IP address (as the daemon prints a datagram's source)
    std::string secret;
    unsigned line{0};
};

struct AaaDaemonConfig
{
    bool radiusEnabled{true};
    std::string listenAddress{"127.0.0.1"};
    uint16_t listenPort{1812};  //!< 0: ephemeral port (printed at start)
    std::string subscriberFile; //!< resolved against the config file's directory
    bool saveSqn{true};
    std::string profile{"rfc4187"}; //!< "rfc4187" or "draft"
    uint32_t sessionTimeout{3600};
    std::vector<AaaDaemonClient> clients;
    std::string eapSimDbSocket; //!< UNIX socket of the hlr_auc_gw protocol; empty: off
};

class AaaConfigError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/** Parses text; name is used in messages, baseDir resolves relative paths. Throws AaaConfigError.
 */
AaaDaemonConfig ParseAaaDaemonConfig(const std::string& text, const std::string& name,
                                     const std::string& baseDir);
/** Reads and parses a file. Throws AaaConfigError. */
AaaDaemonConfig LoadAaaDaemonConfig(const std::string& path);

} // namespace roamsec

#endif // ROAMSEC_AAA_CONFIG_H
