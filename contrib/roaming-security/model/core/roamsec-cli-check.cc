/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "roamsec-cli-check.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace roamsec {
namespace cli {

namespace {

std::string
Number(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

std::string
Parent(const std::string& path)
{
    std::string p = path;
    while (p.size() > 1 && p.back() == '/')
    {
        p.pop_back();
    }
    const size_t slash = p.rfind('/');
    if (slash == std::string::npos)
    {
        return ".";
    }
    return slash == 0 ? "/" : p.substr(0, slash);
}

} // namespace

std::string
Escape(std::string_view s, size_t max)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < s.size() && i < max; ++i)
    {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\')
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
    if (s.size() > max)
    {
        out += "...";
    }
    return out;
}

void
Fail(const std::string& program, const std::string& flag, std::string_view value,
     const std::string& allowed)
{
    std::cerr << program << ": --" << flag << "=" << Escape(value) << ": " << allowed << std::endl;
    std::exit(2);
}

uint64_t
ParseCount(const std::string& program, const std::string& flag, std::string_view text, uint64_t min,
           uint64_t max)
{
    const std::string allowed
        = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != text.npos)
    {
        Fail(program, flag, text, allowed);
    }
    const uint64_t v = std::strtoull(std::string(text).c_str(), nullptr, 10);
    if (v < min || v > max)
    {
        Fail(program, flag, text, allowed);
    }
    return v;
}

void
RequirePositive(const std::string& program, const std::string& flag, double value, double max,
                const std::string& unit)
{
    if (!std::isfinite(value) || value <= 0 || value > max)
    {
        Fail(program, flag, Number(value),
             "must be greater than 0 and at most " + Number(max) + " " + unit);
    }
}

void
RequireRange(const std::string& program, const std::string& flag, double value, double min,
             double max, const std::string& unit)
{
    if (!std::isfinite(value) || value < min || value > max)
    {
        Fail(program, flag, Number(value),
             "must be from " + Number(min) + " to " + Number(max) + " " + unit);
    }
}

void
RequireOneOf(const std::string& program, const std::string& flag, const std::string& value,
             const std::vector<std::string>& allowed)
{
    std::string list;
    for (const auto& a : allowed)
    {
        if (a == value)
        {
            return;
        }
        list += (list.empty() ? "" : ", ") + a;
    }
    Fail(program, flag, value, "must be one of " + list);
}

std::string
WhyNotWritableDir(const std::string& path)
{
    if (path.empty())
    {
        return "an empty path is not a directory";
    }
    struct stat st
    {};
    if (::stat(path.c_str(), &st) == 0)
    {
        if (!S_ISDIR(st.st_mode))
        {
            return "exists and is not a directory";
        }
        if (::access(path.c_str(), W_OK | X_OK) != 0)
        {
            return std::string("directory is not writable (") + std::strerror(errno) + ")";
        }
        return "";
    }
    // Created at the start of the run: the nearest existing ancestor must allow it.
    std::string up = path;
    for (int depth = 0; depth < 64; ++depth)
    {
        up = Parent(up);
        if (::stat(up.c_str(), &st) == 0)
        {
            if (!S_ISDIR(st.st_mode))
            {
                return "cannot be created: " + up + " is not a directory";
            }
            if (::access(up.c_str(), W_OK | X_OK) != 0)
            {
                return "cannot be created: " + up + " is not writable";
            }
            return "";
        }
        if (up == "/" || up == ".")
        {
            break;
        }
    }
    return "cannot be created";
}

std::string
WhyNotWritableFile(const std::string& path)
{
    if (path.empty())
    {
        return "an empty path is not a file";
    }
    struct stat st
    {};
    if (::stat(path.c_str(), &st) == 0)
    {
        if (S_ISDIR(st.st_mode))
        {
            return "is a directory, a file name is needed";
        }
        if (::access(path.c_str(), W_OK) != 0)
        {
            return std::string("file is not writable (") + std::strerror(errno) + ")";
        }
        return "";
    }
    const std::string dir = Parent(path);
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    {
        return "directory " + dir + " does not exist";
    }
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
    {
        return "directory " + dir + " is not writable";
    }
    return "";
}

void
RequireWritableDir(const std::string& program, const std::string& flag, const std::string& path)
{
    const std::string why = WhyNotWritableDir(path);
    if (!why.empty())
    {
        Fail(program, flag, path, "must be a writable directory: " + why);
    }
}

void
RequireWritableFile(const std::string& program, const std::string& flag, const std::string& path)
{
    const std::string why = WhyNotWritableFile(path);
    if (!why.empty())
    {
        Fail(program, flag, path, "must be a writable file: " + why);
    }
}

void
RequireChannels(const std::string& program, const std::string& flag, const std::string& channels,
                bool band24)
{
    const std::string allowed
        = band24
              ? "channels of 2.4 GHz 802.11g: 1 to 13, comma-separated"
              : "20 MHz channels of 5 GHz: 36-64, 100-144, 149-177 in steps of 4, comma-separated";
    for (const std::string& item : Split(channels, ','))
    {
        if (item.empty() || item.size() > 3 || item.find_first_not_of("0123456789") != item.npos)
        {
            Fail(program, flag, channels, "must list " + allowed);
        }
        const int ch = std::stoi(item);
        const bool ok = band24
                            ? (ch >= 1 && ch <= 13)
                            : (ch % 4 == 0 && ((ch >= 36 && ch <= 64) || (ch >= 100 && ch <= 144)))
                                  || (ch % 4 == 1 && ch >= 149 && ch <= 177);
        if (!ok)
        {
            Fail(program, flag, channels, "channel " + item + " is not one of the " + allowed);
        }
    }
}

std::vector<std::string>
Split(const std::string& text, char sep)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : text)
    {
        if (c == sep)
        {
            out.push_back(cur);
            cur.clear();
        }
        else
        {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

} // namespace cli
} // namespace roamsec
