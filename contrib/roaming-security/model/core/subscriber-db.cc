/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "subscriber-db.h"

#include "milenage.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

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
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw std::runtime_error(path + ": cannot open subscriber file");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad())
    {
        throw std::runtime_error(path + ": read error");
    }
    LoadFromString(ss.str(), path);
}

std::string
SubscriberDatabase::ToString() const
{
    std::string out = "# roaming-security subscriber database (doc/aka.rst)\n"
                      "# imsi k opc amf sqn(SEQ||IND of the last vector issued) type\n";
    for (const SubscriberRecord& r : m_records)
    {
        out += "imsi=" + r.imsi + " k=" + ToHex(r.k) + " opc=" + ToHex(r.opc)
               + " amf=" + HexU64(r.amf, 4) + " sqn=" + HexU64(r.sqn, 12)
               + " type=" + (r.simType == SimType::Usim ? "usim" : "sim") + "\n";
    }
    return out;
}

void
SubscriberDatabase::Save(const std::string& path) const
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
        {
            throw std::runtime_error(tmp + ": cannot create");
        }
        const std::string text = ToString();
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out)
        {
            out.close();
            std::remove(tmp.c_str());
            throw std::runtime_error(tmp + ": write error");
        }
    }
    // rename() replaces the old file in one step: a reader sees the old or the new file.
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
    {
        std::remove(tmp.c_str());
        throw std::runtime_error(path + ": cannot replace with " + tmp);
    }
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
    r->sqn = sqn & kMaxSqn;
    return true;
}

void
SubscriberDatabase::Clear()
{
    m_records.clear();
    m_index.clear();
}

} // namespace roamsec
