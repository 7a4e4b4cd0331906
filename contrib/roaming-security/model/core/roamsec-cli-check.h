/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Checks of command-line values shared by every program of the module (examples,
 * daemon, tools): a bad value ends the program with exit status 2 and one line
 * "program: --flag=value: what is allowed" on stderr, before any work is done.
 * Text from the user is escaped before it reaches the terminal.
 */
#ifndef ROAMSEC_CLI_CHECK_H
#define ROAMSEC_CLI_CHECK_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roamsec {
namespace cli {

/** s with control bytes, DEL, bytes >= 0x80 and backslash as \xNN, at most max bytes shown. */
std::string Escape(std::string_view s, size_t max = 200);

/** Prints "program: --flag=value: allowed" (value escaped) to stderr and exits 2. */
[[noreturn]] void Fail(const std::string& program, const std::string& flag, std::string_view value,
                       const std::string& allowed);

/** A decimal integer in [min, max] (no sign, no spaces); anything else fails. */
uint64_t ParseCount(const std::string& program, const std::string& flag, std::string_view text,
                    uint64_t min, uint64_t max);

/** value finite and min < value <= max (a time, interval, distance or speed). */
void RequirePositive(const std::string& program, const std::string& flag, double value, double max,
                     const std::string& unit);

/** value finite and min <= value <= max. */
void RequireRange(const std::string& program, const std::string& flag, double value, double min,
                  double max, const std::string& unit);

/** value is one of allowed. */
void RequireOneOf(const std::string& program, const std::string& flag, const std::string& value,
                  const std::vector<std::string>& allowed);

/**
 * path is a writable directory, or does not exist and can be created (its nearest
 * existing ancestor is a writable directory). Nothing is created.
 */
void RequireWritableDir(const std::string& program, const std::string& flag,
                        const std::string& path);

/** path is a writable regular file, or does not exist and its directory is writable. */
void RequireWritableFile(const std::string& program, const std::string& flag,
                         const std::string& path);

/** Why path cannot be written as a file ("" if it can); used by the checks above. */
std::string WhyNotWritableFile(const std::string& path);
/** Why path cannot be used as an output directory ("" if it can). */
std::string WhyNotWritableDir(const std::string& path);

/**
 * channels is a comma-separated list of 20 MHz Wi-Fi channel numbers of the band:
 * 2.4 GHz 1..13, or 5 GHz 36..64, 100..144, 149..177 in steps of 4.
 */
void RequireChannels(const std::string& program, const std::string& flag,
                     const std::string& channels, bool band24);

/** Splits text at sep (empty fields kept). */
std::vector<std::string> Split(const std::string& text, char sep);

} // namespace cli
} // namespace roamsec

#endif // ROAMSEC_CLI_CHECK_H
