/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roamsec-keytool: prints the whole key hierarchy of the module as JSON, from
 * the subscriber's K/OP(c) and one challenge (Milenage, AUTN, GSM c2/c3, the
 * EAP-AKA keys of either profile) down to the RSN PMK, PMKID and PTK.
 * A debugging and interoperation aid: no ns-3, only the roamsec core.
 * See doc/keytool.rst.
 */
#include "ns3/eap-aka-keys.h"
#include "ns3/milenage.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-cli-check.h"
#include "ns3/rsn-keys.h"

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace roamsec;

namespace {

constexpr int kExitBadInput = 2;

const char* kUsage
    = "usage: roamsec-keytool [AKA inputs] [RSN inputs]\n"
      "AKA inputs (all together):\n"
      "  --k=HEX          subscriber key K, 16 bytes\n"
      "  --op=HEX         operator variant OP, 16 bytes (or:)\n"
      "  --opc=HEX        OPc, 16 bytes (give exactly one of --op/--opc)\n"
      "  --rand=HEX       RAND, 16 bytes\n"
      "  --sqn=HEX        SQN, 6 bytes\n"
      "  --amf=HEX        AMF, 2 bytes\n"
      "  --profile=P      EAP-AKA profile: draft (default) or rfc4187\n"
      "  --identity=STR   EAP identity for MK (required with --profile=rfc4187)\n"
      "RSN inputs (all four together):\n"
      "  --aa=MAC         authenticator address, 02:00:00:00:00:01 or 02-00-...\n"
      "  --spa=MAC        supplicant address\n"
      "  --anonce=HEX     ANonce, 32 bytes\n"
      "  --snonce=HEX     SNonce, 32 bytes\n"
      "  --msk=HEX        MSK, at least 32 bytes (default: the EAP-AKA MSK derived above)\n"
      "Output: JSON on stdout. Bad or missing input: message on stderr, exit 2.\n";

/** Bad command-line input: reported with the flag it concerns, exit 2. */
struct InputError
{
    std::string flag;
    std::string what;
};

/** Minimal pretty JSON writer for nested objects of string values. */
class JsonWriter
{
public:
    void Open(const std::string& key = "")
    {
        Prefix(key);
        m_out << "{";
        m_first.push_back(true);
    }

    void Close()
    {
        m_first.pop_back();
        m_out << "\n" << Indent() << "}";
    }

    void Field(const std::string& key, const std::string& value)
    {
        Prefix(key);
        m_out << Quote(value);
    }

    std::string Str() const { return m_out.str() + "\n"; }

private:
    void Prefix(const std::string& key)
    {
        if (m_first.empty())
        {
            return; // the root object
        }
        m_out << (m_first.back() ? "\n" : ",\n");
        m_first.back() = false;
        m_out << Indent() << Quote(key) << ": ";
    }

    std::string Indent() const { return std::string(2 * m_first.size(), ' '); }

    static std::string Quote(const std::string& s)
    {
        std::string q = "\"";
        for (unsigned char c : s)
        {
            if (c == '"' || c == '\\')
            {
                q += '\\';
                q += static_cast<char>(c);
            }
            else if (c < 0x20)
            {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                q += buf;
            }
            else
            {
                q += static_cast<char>(c); // UTF-8 passes through
            }
        }
        return q + "\"";
    }

    std::ostringstream m_out;
    std::vector<bool> m_first;
};

class Args
{
public:
    explicit Args(std::map<std::string, std::string> values)
        : m_values(std::move(values))
    {}

    bool Has(const std::string& flag) const { return m_values.count(flag) != 0; }

    const std::string& Str(const std::string& flag) const
    {
        auto it = m_values.find(flag);
        if (it == m_values.end())
        {
            throw InputError{"--" + flag, "missing"};
        }
        return it->second;
    }

    /** Hex of exactly `len` bytes, or at least `len` bytes when atLeast is set. */
    Bytes Hex(const std::string& flag, size_t len, bool atLeast = false) const
    {
        const std::string& text = Str(flag);
        Bytes b;
        try
        {
            b = FromHex(text);
        }
        catch (const ParseError&)
        {
            throw InputError{"--" + flag, "not a hex string (odd number of digits or a non-hex "
                                          "character): '"
                                              + text + "'"};
        }
        if (atLeast ? b.size() < len : b.size() != len)
        {
            throw InputError{"--" + flag, std::string("expected ") + (atLeast ? "at least " : "")
                                              + std::to_string(len) + " bytes ("
                                              + std::to_string(2 * len) + " hex digits), got "
                                              + std::to_string(b.size())};
        }
        return b;
    }

    MacAddr Mac(const std::string& flag) const
    {
        const std::string& text = Str(flag);
        try
        {
            return MacFromString(text);
        }
        catch (const ParseError&)
        {
            throw InputError{"--" + flag, "not a MAC address (expected six hex octets separated by "
                                          "':' or '-'): '"
                                              + text + "'"};
        }
    }

private:
    std::map<std::string, std::string> m_values;
};

const std::vector<std::string> kAkaFlags{"k",   "op",  "opc",     "rand",
                                         "sqn", "amf", "profile", "identity"};
const std::vector<std::string> kRsnFlags{"aa", "spa", "anonce", "snonce", "msk"};

Args
ParseArgs(int argc, char** argv)
{
    std::map<std::string, std::string> values;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
        {
            throw InputError{arg, "unexpected argument (flags are --name=value)"};
        }
        const size_t eq = arg.find('=');
        const std::string name
            = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        bool known = false;
        for (const auto* list : {&kAkaFlags, &kRsnFlags})
        {
            for (const std::string& f : *list)
            {
                known = known || f == name;
            }
        }
        if (!known)
        {
            throw InputError{"--" + name, "unknown flag"};
        }
        if (eq == std::string::npos || eq + 1 == arg.size())
        {
            throw InputError{"--" + name, "needs a value (--" + name + "=...)"};
        }
        if (!values.emplace(name, arg.substr(eq + 1)).second)
        {
            throw InputError{"--" + name, "given more than once"};
        }
    }
    return Args(std::move(values));
}

bool
AnyOf(const Args& args, const std::vector<std::string>& flags)
{
    for (const std::string& f : flags)
    {
        if (args.Has(f))
        {
            return true;
        }
    }
    return false;
}

void
Require(const Args& args, const std::string& flag, const std::string& why)
{
    if (!args.Has(flag))
    {
        throw InputError{"--" + flag, "missing (" + why + ")"};
    }
}

/** Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF). */
bool
IsUtf8(const std::string& s)
{
    size_t i = 0;
    while (i < s.size())
    {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = 0;
        uint32_t cp = 0;
        if (c < 0x80)
        {
            ++i;
            continue;
        }
        else if (c >= 0xc2 && c <= 0xdf)
        {
            n = 1;
            cp = c & 0x1f;
        }
        else if (c >= 0xe0 && c <= 0xef)
        {
            n = 2;
            cp = c & 0x0f;
        }
        else if (c >= 0xf0 && c <= 0xf4)
        {
            n = 3;
            cp = c & 0x07;
        }
        else
        {
            return false;
        }
        if (s.size() - i - 1 < n)
        {
            return false;
        }
        for (size_t k = 1; k <= n; ++k)
        {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80)
            {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3f);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
            || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
        {
            return false;
        }
        i += n + 1;
    }
    return true;
}

std::string
Run(const Args& args)
{
    const bool aka = AnyOf(args, kAkaFlags);
    const bool rsn = AnyOf(args, kRsnFlags);
    if (!aka && !rsn)
    {
        throw InputError{"--k", "no input given: pass the AKA inputs (--k, --op/--opc, --rand, "
                                "--sqn, --amf) and/or the RSN inputs (--aa, --spa, --anonce, "
                                "--snonce)"};
    }

    JsonWriter json;
    json.Open();
    std::optional<Bytes> derivedMsk;
    if (aka)
    {
        const std::string why = "AKA inputs were given";
        for (const char* f : {"k", "rand", "sqn", "amf"})
        {
            Require(args, f, why);
        }
        if (args.Has("op") == args.Has("opc"))
        {
            throw InputError{"--op/--opc", "give exactly one of them"};
        }
        EapAkaProfile profile = EapAkaProfile::Draft04;
        const std::string profileName = args.Has("profile") ? args.Str("profile") : "draft";
        if (profileName == "rfc4187")
        {
            profile = EapAkaProfile::Rfc4187;
            Require(args, "identity", "MK = SHA1(Identity|IK|CK) with --profile=rfc4187");
        }
        else if (profileName != "draft")
        {
            throw InputError{"--profile",
                             "expected 'draft' or 'rfc4187', got '" + profileName + "'"};
        }
        const std::string identity = args.Has("identity") ? args.Str("identity") : "";
        if (!IsUtf8(identity))
        {
            // NAIs are UTF-8 (RFC 7542); anything else would also make the JSON invalid.
            throw InputError{"--identity", "not valid UTF-8"};
        }

        const Bytes k = args.Hex("k", 16);
        const Bytes rand = args.Hex("rand", 16);
        const Bytes sqn = args.Hex("sqn", 6);
        const Bytes amf = args.Hex("amf", 2);
        Bytes op;
        Bytes opc;
        if (args.Has("op"))
        {
            op = args.Hex("op", 16);
            opc = MilenageOpc(k, op);
        }
        else
        {
            opc = args.Hex("opc", 16);
        }

        const Milenage m(k, opc);
        const Bytes macA = m.F1(rand, sqn, amf);
        const Bytes macS = m.F1Star(rand, sqn, amf);
        const Milenage::Outputs out = m.F2345(rand);
        const Bytes akStar = m.F5Star(rand);
        Bytes concealedSqn = sqn;
        XorInto(concealedSqn, out.ak);
        // TS 33.102 6.3.2: AUTN = SQN xor AK || AMF || MAC-A.
        const Bytes autn = Concat({concealedSqn, amf, macA});

        json.Open("inputs");
        json.Field("k", ToHex(k));
        if (!op.empty())
        {
            json.Field("op", ToHex(op));
        }
        json.Field("rand", ToHex(rand));
        json.Field("sqn", ToHex(sqn));
        json.Field("amf", ToHex(amf));
        json.Field("profile", profileName);
        json.Field("identity", identity);
        json.Close();

        json.Open("milenage");
        json.Field("opc", ToHex(opc));
        json.Field("mac_a", ToHex(macA));
        json.Field("mac_s", ToHex(macS));
        json.Field("res", ToHex(out.res));
        json.Field("ck", ToHex(out.ck));
        json.Field("ik", ToHex(out.ik));
        json.Field("ak", ToHex(out.ak));
        json.Field("ak_star", ToHex(akStar));
        json.Close();

        json.Field("autn", ToHex(autn));

        json.Open("gsm");
        json.Field("sres", ToHex(GsmC2(out.res)));
        json.Field("kc", ToHex(GsmC3(out.ck, out.ik)));
        json.Close();

        const AkaKeys keys = DeriveAkaKeys(profile, identity, out.ik, out.ck);
        const bool draft = profile == EapAkaProfile::Draft04;
        json.Open("eap_aka");
        json.Field("profile", profileName);
        // The draft names the master key XKEY and the MAC key K_int.
        json.Field(draft ? "xkey" : "mk", ToHex(keys.mk));
        json.Field("k_encr", ToHex(keys.kEncr));
        json.Field(draft ? "k_int" : "k_aut", ToHex(keys.kAut));
        json.Field("msk", ToHex(keys.msk));
        json.Field("emsk", ToHex(keys.emsk));
        json.Close();
        derivedMsk = keys.msk;
    }

    if (rsn)
    {
        const std::string why = "RSN inputs were given";
        for (const char* f : {"aa", "spa", "anonce", "snonce"})
        {
            Require(args, f, why);
        }
        Bytes msk;
        std::string source;
        if (args.Has("msk"))
        {
            msk = args.Hex("msk", kPmkLen, true);
            source = "--msk";
        }
        else if (derivedMsk)
        {
            msk = *derivedMsk;
            source = "eap_aka";
        }
        else
        {
            throw InputError{"--msk", "missing (no AKA inputs to derive an MSK from)"};
        }
        const MacAddr aa = args.Mac("aa");
        const MacAddr spa = args.Mac("spa");
        const Bytes anonce = args.Hex("anonce", kRsnNonceLen);
        const Bytes snonce = args.Hex("snonce", kRsnNonceLen);

        const Bytes pmk = PmkFromMsk(msk);
        const Ptk ptk = DerivePtk(pmk, aa, spa, anonce, snonce);
        json.Open("rsn");
        json.Field("msk_source", source);
        json.Field("aa", MacToString(aa));
        json.Field("spa", MacToString(spa));
        json.Field("anonce", ToHex(anonce));
        json.Field("snonce", ToHex(snonce));
        json.Field("pmk", ToHex(pmk));
        json.Field("pmkid", ToHex(ComputePmkid(pmk, aa, spa)));
        json.Field("ptk", ToHex(Concat({ptk.kck, ptk.kek, ptk.tk})));
        json.Field("kck", ToHex(ptk.kck));
        json.Field("kek", ToHex(ptk.kek));
        json.Field("tk", ToHex(ptk.tk));
        json.Close();
    }
    json.Close();
    return json.Str();
}

} // namespace

int
main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h")
        {
            std::cout << kUsage;
            return 0;
        }
    }
    try
    {
        std::cout << Run(ParseArgs(argc, argv));
        return 0;
    }
    catch (const InputError& e)
    {
        std::cerr << "roamsec-keytool: " << cli::Escape(e.flag) << ": " << cli::Escape(e.what) << "\n"
                  << "(roamsec-keytool --help for usage)\n";
        return kExitBadInput;
    }
    catch (const std::exception& e)
    {
        // Inputs are validated above, so this is a bug in the tool or the core.
        std::cerr << "roamsec-keytool: internal error: " << cli::Escape(e.what()) << "\n";
        return 1;
    }
}
