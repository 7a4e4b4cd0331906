/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "subscriber-db.h"

#include "milenage.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace roamsec {

namespace {

bool
IsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool
IsHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** A field name or value safe to quote in an error message: printable, bounded. */
std::string
Printable(std::string_view s)
{
    std::string out;
    for (char c : s.substr(0, 40))
    {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? c : '?';
    }
    if (s.size() > 40)
    {
        out += "...";
    }
    return out;
}

/** Parser of one file: carries the name and line number every error names. */
class LineParser
{
public:
    LineParser(const std::string& name, size_t line)
        : m_name(name)
        , m_line(line)
    {}

    [[noreturn]] void Fail(std::string_view field, const std::string& problem) const
    {
        throw ParseError(m_name + ":" + std::to_string(m_line) + ": " + Printable(field) + ": "
                         + problem);
    }

    /** Exactly digits hex digits. */
    Bytes Hex(std::string_view field, std::string_view value, size_t digits) const
    {
        for (char c : value)
        {
            if (!IsHexDigit(c))
            {
                Fail(field, "not hexadecimal: '" + Printable(value) + "'");
            }
        }
        if (value.size() != digits)
        {
            Fail(field, "must be " + std::to_string(digits) + " hex digits, got "
                            + std::to_string(value.size()));
        }
        return FromHex(value);
    }

private:
    const std::string& m_name;
    size_t m_line;
};

uint64_t
BytesToU64(const Bytes& b)
{
    uint64_t v = 0;
    for (uint8_t x : b)
    {
        v = (v << 8) | x;
    }
    return v;
}

std::string
HexU64(uint64_t v, int digits)
{
    static const char* kDigits = "0123456789abcdef";
    std::string s(static_cast<size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i)
    {
        s[static_cast<size_t>(i)] = kDigits[v & 0xf];
        v >>= 4;
    }
    return s;
}

/** Parses one non-empty, comment-stripped line. */
SubscriberRecord
ParseLine(const LineParser& p, std::string_view line)
{
    std::map<std::string, std::string_view> fields;
    std::string firstField;
    size_t pos = 0;
    while (pos < line.size())
    {
        while (pos < line.size() && IsSpace(line[pos]))
        {
            ++pos;
        }
        if (pos == line.size())
        {
            break;
        }
        size_t end = pos;
        while (end < line.size() && !IsSpace(line[end]))
        {
            ++end;
        }
        const std::string_view token = line.substr(pos, end - pos);
        pos = end;
        const size_t eq = token.find('=');
        if (eq == std::string_view::npos)
        {
            p.Fail(token, "expected key=value");
        }
        const std::string key(token.substr(0, eq));
        const std::string_view value = token.substr(eq + 1);
        static const std::set<std::string> kKnown{"imsi", "k", "op", "opc", "amf", "sqn", "type"};
        if (kKnown.count(key) == 0)
        {
            p.Fail(key.empty() ? std::string("(empty)") : key, "unknown field");
        }
        if (fields.count(key) != 0)
        {
            p.Fail(key, "given twice");
        }
        fields[key] = value;
    }

    SubscriberRecord r;
    auto it = fields.find("imsi");
    if (it == fields.end())
    {
        p.Fail("imsi", "missing");
    }
    if (!SubscriberDatabase::IsValidImsi(it->second))
    {
        p.Fail("imsi", "must be 6 to 15 decimal digits: '" + Printable(it->second) + "'");
    }
    r.imsi = std::string(it->second);

    it = fields.find("k");
    if (it == fields.end())
    {
        p.Fail("k", "missing");
    }
    r.k = p.Hex("k", it->second, 32);

    const bool hasOp = fields.count("op") != 0;
    const bool hasOpc = fields.count("opc") != 0;
    if (hasOp && hasOpc)
    {
        p.Fail("op", "give op or opc, not both");
    }
    if (!hasOp && !hasOpc)
    {
        p.Fail("opc", "missing (give op= or opc=)");
    }
    if (hasOpc)
    {
        r.opc = p.Hex("opc", fields["opc"], 32);
    }
    else
    {
        r.opc = MilenageOpc(r.k, p.Hex("op", fields["op"], 32));
    }

    it = fields.find("amf");
    if (it != fields.end())
    {
        r.amf = static_cast<uint16_t>(BytesToU64(p.Hex("amf", it->second, 4)));
    }
    it = fields.find("sqn");
    if (it != fields.end())
    {
        r.sqn = BytesToU64(p.Hex("sqn", it->second, 12));
    }
    it = fields.find("type");
    if (it != fields.end())
    {
        if (it->second == "usim")
        {
            r.simType = SimType::Usim;
        }
        else if (it->second == "sim")
        {
            r.simType = SimType::Sim;
        }
        else
        {
            p.Fail("type", "must be usim or sim: '" + Printable(it->second) + "'");
        }
    }
    return r;
}

std::string
RecordLine(const SubscriberRecord& r)
{
    return "imsi=" + r.imsi + " k=" + ToHex(r.k) + " opc=" + ToHex(r.opc) + " amf=" +
           HexU64(r.amf, 4) + " sqn=" + HexU64(r.sqn, 12) +
           " type=" + (r.simType == SimType::Usim ? "usim" : "sim");
}

/** code (a record line without its comment) with the sqn= value replaced or added. */
std::string
ReplaceSqn(std::string_view code, const std::string& hex)
{
    size_t pos = 0;
    size_t lastTokenEnd = 0;
    while (pos < code.size())
    {
        while (pos < code.size() && IsSpace(code[pos]))
        {
            ++pos;
        }
        size_t end = pos;
        while (end < code.size() && !IsSpace(code[end]))
        {
            ++end;
        }
        if (end > pos)
        {
            lastTokenEnd = end;
            if (code.substr(pos, 4) == "sqn=")
            {
                return std::string(code.substr(0, pos + 4)) + hex + std::string(code.substr(end));
            }
        }
        pos = end;
    }
    return std::string(code.substr(0, lastTokenEnd)) + " sqn=" + hex +
           std::string(code.substr(lastTokenEnd));
}

std::string
Errno()
{
    return std::strerror(errno);
}

std::string
DirName(const std::string& path)
{
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos)
    {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

/** The whole content of a regular file; errors name the path and the reason. */
std::string
ReadRegularFile(const std::string& path, const std::string& what)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        throw std::runtime_error(path + ": cannot open " + what + ": " + Errno());
    }
    struct stat st{};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode))
    {
        ::close(fd);
        throw std::runtime_error(path + ": is a directory, not a " + what);
    }
    std::string text;
    char buf[65536];
    for (;;)
    {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n < 0)
        {
            const std::string reason = Errno();
            ::close(fd);
            throw std::runtime_error(path + ": read error: " + reason);
        }
        if (n == 0)
        {
            break;
        }
        text.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return text;
}

bool
WriteAll(int fd, std::string_view text)
{
    while (!text.empty())
    {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            return false;
        }
        text.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

void
FsyncDir(const std::string& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0)
    {
        const std::string reason = Errno();
        if (fd >= 0)
        {
            ::close(fd);
        }
        throw std::runtime_error(dir + ": cannot sync directory: " + reason);
    }
    ::close(fd);
}

/**
 * target := text, all or nothing, surviving power loss: target.tmp written with
 * the old file's mode and owner (0600 for a new file: it holds keys), fsync'ed,
 * renamed over target, then the directory fsync'ed so the rename itself is durable.
 */
void
AtomicReplace(const std::string& target, std::string_view text)
{
    const std::string tmp = target + ".tmp";
    struct stat old{};
    const bool exists = ::stat(target.c_str(), &old) == 0;
    ::unlink(tmp.c_str()); // a stale one from a killed save, possibly with other modes
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        throw std::runtime_error(tmp + ": cannot create: " + Errno());
    }
    auto fail = [&](const std::string& what) {
        const std::string reason = Errno();
        ::close(fd);
        ::unlink(tmp.c_str());
        throw std::runtime_error(what + ": " + reason);
    };
    if (exists)
    {
        // Owner first (fchown may clear set-id bits), then the mode. Only root can give a
        // file away: for anyone else the new file stays ours, with the old mode.
        if (::fchown(fd, old.st_uid, old.st_gid) != 0 && errno != EPERM)
        {
            fail(tmp + ": cannot set owner");
        }
        if (::fchmod(fd, old.st_mode & 07777) != 0)
        {
            fail(tmp + ": cannot set mode");
        }
    }
    if (!WriteAll(fd, text))
    {
        fail(tmp + ": write error");
    }
    if (::fsync(fd) != 0)
    {
        fail(tmp + ": fsync failed");
    }
    if (::close(fd) != 0)
    {
        const std::string reason = Errno();
        ::unlink(tmp.c_str());
        throw std::runtime_error(tmp + ": close failed: " + reason);
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0)
    {
        const std::string reason = Errno();
        ::unlink(tmp.c_str());
        throw std::runtime_error(target + ": cannot replace with " + tmp + ": " + reason);
    }
    FsyncDir(DirName(target));
}

} // namespace

bool
SubscriberDatabase::IsValidImsi(std::string_view imsi)
{
    if (imsi.size() < 6 || imsi.size() > 15)
    {
        return false;
    }
    for (char c : imsi)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
    }
    return true;
}

void
SubscriberDatabase::Validate(const SubscriberRecord& r)
{
    if (!IsValidImsi(r.imsi))
    {
        throw std::invalid_argument("subscriber: IMSI must be 6 to 15 decimal digits");
    }
    if (r.k.size() != 16)
    {
        throw std::invalid_argument("subscriber " + r.imsi + ": K must be 16 bytes");
    }
    if (r.opc.size() != 16)
    {
        throw std::invalid_argument("subscriber " + r.imsi + ": OPc must be 16 bytes");
    }
    if (r.sqn > kMaxSqn)
    {
        throw std::invalid_argument("subscriber " + r.imsi + ": SQN exceeds 48 bits");
    }
}

void
SubscriberDatabase::LoadFromString(std::string_view text, const std::string& name)
{
    std::vector<SubscriberRecord> records;
    std::map<std::string, size_t> index;
    std::map<std::string, size_t> firstLine;
    size_t lineNo = 0;
    size_t pos = 0;
    while (pos < text.size())
    {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
        {
            end = text.size();
        }
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        const size_t hash = line.find('#');
        if (hash != std::string_view::npos)
        {
            line = line.substr(0, hash);
        }
        bool blank = true;
        for (char c : line)
        {
            blank = blank && IsSpace(c);
        }
        if (blank)
        {
            continue;
        }
        const LineParser p(name, lineNo);
        SubscriberRecord r = ParseLine(p, line);
        auto dup = firstLine.find(r.imsi);
        if (dup != firstLine.end())
        {
            p.Fail("imsi", "duplicate IMSI " + r.imsi + " (first on line "
                               + std::to_string(dup->second) + ")");
        }
        firstLine[r.imsi] = lineNo;
        index[r.imsi] = records.size();
        records.push_back(std::move(r));
    }
    // Only a fully parsed file replaces the content.
    m_records = std::move(records);
    m_index = std::move(index);
}

void
SubscriberDatabase::Load(const std::string& path)
{
    LoadFromString(ReadRegularFile(path, "subscriber file"), path);
}

std::string
SubscriberDatabase::ToString() const
{
    std::string out = "# roaming-security subscriber database (doc/aka.rst)\n"
                      "# imsi k opc amf sqn(SEQ||IND of the last vector issued) type\n";
    for (const SubscriberRecord& r : m_records)
    {
        out += RecordLine(r) + "\n";
    }
    return out;
}

std::string
SubscriberDatabase::ResolveSymlinks(const std::string& path)
{
    std::string cur = path;
    for (int hops = 0; hops < 40; ++hops)
    {
        struct stat st{};
        if (::lstat(cur.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
        {
            return cur; // a missing file is created under this name
        }
        std::string target(PATH_MAX, '\0');
        const ssize_t n = ::readlink(cur.c_str(), target.data(), target.size());
        if (n < 0)
        {
            throw std::runtime_error(cur + ": cannot read symlink: " + std::strerror(errno));
        }
        target.resize(static_cast<size_t>(n));
        cur = (!target.empty() && target[0] == '/') ? target : DirName(cur) + "/" + target;
    }
    throw std::runtime_error(path + ": too many levels of symbolic links");
}

bool
SubscriberDatabase::RemoveStaleTemp(const std::string& path)
{
    const std::string tmp = ResolveSymlinks(path) + ".tmp";
    struct stat st{};
    if (::lstat(tmp.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    {
        return false;
    }
    return ::unlink(tmp.c_str()) == 0;
}

void
SubscriberDatabase::Save(const std::string& path) const
{
    const std::string target = ResolveSymlinks(path);
    std::string text;
    struct stat st{};
    if (::stat(target.c_str(), &st) == 0)
    {
        // Rewrite the operator's own file: comments, order and spelling survive.
        text = MergeInto(ReadRegularFile(target, "subscriber file"));
    }
    else
    {
        text = ToString();
    }
    AtomicReplace(target, text);
}

std::string
SubscriberDatabase::MergeInto(std::string_view old) const
{
    std::string out;
    std::set<std::string> written;
    size_t pos = 0;
    size_t lineNo = 0;
    const std::string name = "<merge>";
    while (pos < old.size())
    {
        size_t end = old.find('\n', pos);
        if (end == std::string_view::npos)
        {
            end = old.size();
        }
        const std::string_view line = old.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        const size_t hash = line.find('#');
        const std::string_view code = line.substr(0, hash);
        bool blank = true;
        for (char c : code)
        {
            blank = blank && IsSpace(c);
        }
        if (blank)
        {
            out.append(line).append("\n");
            continue;
        }
        SubscriberRecord was;
        try
        {
            was = ParseLine(LineParser(name, lineNo), code);
        }
        catch (const ParseError&)
        {
            out.append(line).append("\n"); // not ours to judge: kept as written
            continue;
        }
        const SubscriberRecord* now = Find(was.imsi);
        if (now == nullptr || written.count(was.imsi) != 0)
        {
            continue; // removed (or a duplicate) subscriber: its line goes
        }
        written.insert(was.imsi);
        const bool sameKeys = was.k == now->k && was.opc == now->opc && was.amf == now->amf &&
                              was.simType == now->simType;
        if (sameKeys && was.sqn == now->sqn)
        {
            out.append(line).append("\n");
        }
        else if (sameKeys)
        {
            out.append(ReplaceSqn(code, HexU64(now->sqn, 12)))
                .append(line.substr(code.size()))
                .append("\n");
        }
        else
        {
            const bool cr = hash == std::string_view::npos && !line.empty() && line.back() == '\r';
            out.append(RecordLine(*now));
            if (hash != std::string_view::npos)
            {
                out.append(" ").append(line.substr(hash));
            }
            out.append(cr ? "\r\n" : "\n");
        }
    }
    for (const SubscriberRecord& r : m_records)
    {
        if (written.count(r.imsi) == 0)
        {
            out.append(RecordLine(r)).append("\n");
        }
    }
    return out;
}

const SubscriberRecord*
SubscriberDatabase::Find(const std::string& imsi) const
{
    auto it = m_index.find(imsi);
    return it == m_index.end() ? nullptr : &m_records[it->second];
}

SubscriberRecord*
SubscriberDatabase::Find(const std::string& imsi)
{
    auto it = m_index.find(imsi);
    return it == m_index.end() ? nullptr : &m_records[it->second];
}

void
SubscriberDatabase::Add(SubscriberRecord record)
{
    Validate(record);
    if (m_index.count(record.imsi) != 0)
    {
        throw std::invalid_argument("subscriber " + record.imsi + " already exists");
    }
    m_index[record.imsi] = m_records.size();
    m_records.push_back(std::move(record));
}

bool
SubscriberDatabase::Update(const SubscriberRecord& record)
{
    Validate(record);
    SubscriberRecord* r = Find(record.imsi);
    if (r == nullptr)
    {
        return false;
    }
    *r = record;
    return true;
}

bool
SubscriberDatabase::SetSqn(const std::string& imsi, uint64_t sqn)
{
    SubscriberRecord* r = Find(imsi);
    if (r == nullptr)
    {
        return false;
    }
    if (m_journal != nullptr)
    {
        m_journal->Reserve(imsi, sqn & kMaxSqn); // durable before the SQN can be used
    }
    r->sqn = sqn & kMaxSqn;
    return true;
}

void
SubscriberDatabase::Clear()
{
    m_records.clear();
    m_index.clear();
}

// ---------------------------------------------------------------------------
// SqnJournal

SqnJournal::SqnJournal(uint64_t reserveAhead)
    : m_reserveAhead(reserveAhead)
{
    if (reserveAhead == 0)
    {
        throw std::invalid_argument("SqnJournal: reserveAhead must be positive");
    }
}

SqnJournal::~SqnJournal()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
}

std::map<std::string, uint64_t>
SqnJournal::Read(const std::string& path)
{
    std::map<std::string, uint64_t> ceiling;
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0 && errno == ENOENT)
    {
        return ceiling;
    }
    const std::string text = ReadRegularFile(path, "SQN journal");
    size_t pos = 0;
    size_t lineNo = 0;
    for (;;)
    {
        const size_t end = text.find('\n', pos);
        if (end == std::string::npos)
        {
            break; // a torn last line: its reservation never completed, no SQN used it
        }
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        // "imsi=<digits> sqn=<12 hex>"
        const size_t sp = line.find(' ');
        const bool prefixed = line.rfind("imsi=", 0) == 0 && sp != std::string::npos;
        const std::string imsi = prefixed ? line.substr(5, sp - 5) : "";
        const std::string hex = prefixed ? line.substr(sp + 1) : "";
        bool ok = prefixed && SubscriberDatabase::IsValidImsi(imsi) && hex.size() == 16 &&
                  hex.rfind("sqn=", 0) == 0;
        for (size_t i = 4; ok && i < hex.size(); ++i)
        {
            ok = IsHexDigit(hex[i]);
        }
        if (!ok)
        {
            throw std::runtime_error(path + ":" + std::to_string(lineNo) +
                                     ": malformed SQN reservation '" + Printable(line) + "'");
        }
        const uint64_t sqn = BytesToU64(FromHex(hex.substr(4)));
        uint64_t& c = ceiling[imsi];
        c = std::max(c, sqn);
    }
    return ceiling;
}

size_t
SqnJournal::Check(const std::string& path)
{
    return Read(path).size();
}

void
SqnJournal::Open(const std::string& path, SubscriberDatabase& db)
{
    std::map<std::string, uint64_t> ceiling = Read(path);
    std::string compact;
    for (auto it = ceiling.begin(); it != ceiling.end();)
    {
        SubscriberRecord* r = db.Find(it->first);
        if (r == nullptr)
        {
            it = ceiling.erase(it); // subscriber removed from the file
            continue;
        }
        // Every SQN issued before the crash is at most the ceiling: start above it.
        r->sqn = std::max(r->sqn, it->second);
        compact += "imsi=" + it->first + " sqn=" + HexU64(it->second, 12) + "\n";
        ++it;
    }
    const std::string target = SubscriberDatabase::ResolveSymlinks(path);
    AtomicReplace(target, compact);
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
    m_fd = ::open(target.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (m_fd < 0)
    {
        throw std::runtime_error(target + ": cannot open SQN journal: " + Errno());
    }
    m_path = target;
    m_ceiling = std::move(ceiling);
    m_appends = 0;
}

void
SqnJournal::Reserve(const std::string& imsi, uint64_t sqn)
{
    auto it = m_ceiling.find(imsi);
    if (it != m_ceiling.end() && sqn <= it->second)
    {
        return;
    }
    if (m_fd < 0)
    {
        throw std::runtime_error("SQN journal is not open");
    }
    const uint64_t ceiling = std::min(sqn + m_reserveAhead, SubscriberDatabase::kMaxSqn);
    const std::string line = "imsi=" + imsi + " sqn=" + HexU64(ceiling, 12) + "\n";
    if (!WriteAll(m_fd, line) || ::fdatasync(m_fd) != 0)
    {
        throw std::runtime_error(m_path + ": cannot reserve SQNs: " + Errno());
    }
    m_ceiling[imsi] = ceiling;
    ++m_appends;
}

void
SqnJournal::Remove()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_path.empty() && ::unlink(m_path.c_str()) == 0)
    {
        FsyncDir(DirName(m_path));
    }
    m_ceiling.clear();
}

} // namespace roamsec
