#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""CTest check of roamsec-keytool (doc/keytool.rst) on published vectors.

usage: check-keytool.py PATH/TO/roamsec-keytool

Milenage/AUTN/GSM values are the published ones; the EAP-AKA and RSN keys the
vectors do not cover are recomputed here independently (hashlib/hmac plus a
pure-Python SHA-1 compression for the FIPS 186-2 PRF), and those reference
implementations are themselves checked on FIPS 186-2 and IEEE 802.11 vectors.
Exits 1 on the first wrong value.
"""
import hashlib
import hmac
import json
import struct
import subprocess
import sys

TOOL = sys.argv[1]
failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def run(*args):
    p = subprocess.run([TOOL, *args], capture_output=True, encoding="utf-8", errors="replace", timeout=30)
    return p.returncode, p.stdout, p.stderr


def run_json(*args):
    rc, out, err = run(*args)
    if rc != 0:
        sys.exit(f"FAIL: {' '.join(args)} exited {rc}: {err}")
    return json.loads(out)


# ---- independent references ----
def sha1_compress(h, block):
    """One SHA-1 compression (FIPS 180-1 section 7) of a 64-byte block."""
    rol = lambda x, n: ((x << n) | (x >> (32 - n))) & 0xFFFFFFFF
    w = list(struct.unpack(">16I", block))
    for t in range(16, 80):
        w.append(rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1))
    a, b, c, d, e = h
    for t in range(80):
        if t < 20:
            f, k = (b & c) | (~b & d), 0x5A827999
        elif t < 40:
            f, k = b ^ c ^ d, 0x6ED9EBA1
        elif t < 60:
            f, k = (b & c) | (b & d) | (c & d), 0x8F1BBCDC
        else:
            f, k = b ^ c ^ d, 0xCA62C1D6
        a, b, c, d, e = (rol(a, 5) + f + e + k + w[t]) & 0xFFFFFFFF, a, rol(b, 30), c, d
    return [(x + y) & 0xFFFFFFFF for x, y in zip(h, (a, b, c, d, e))]


def fips186_prf(xkey, length):
    """FIPS 186-2 change notice 1 general-purpose generator (RFC 4186 Appendix B)."""
    out = b""
    x = int.from_bytes(xkey, "big")
    while len(out) < length:
        block = x.to_bytes(20, "big") + bytes(44)
        h = sha1_compress([0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0], block)
        w = struct.pack(">5I", *h)
        x = (1 + x + int.from_bytes(w, "big")) % (1 << 160)
        out += w
    return out[:length]


def prf80211(key, label, data, bits):
    """IEEE 802.11-2016 12.7.1.2 PRF-n."""
    out = b""
    i = 0
    while len(out) * 8 < bits:
        out += hmac.new(key, label.encode() + b"\0" + data + bytes([i]), hashlib.sha1).digest()
        i += 1
    return out[: bits // 8]


def eap_aka_keys(mk):
    prf = fips186_prf(mk, 160)
    return prf[0:16].hex(), prf[16:32].hex(), prf[32:96].hex(), prf[96:160].hex()


def ptk(pmk, aa, spa, anonce, snonce):
    data = min(aa, spa) + max(aa, spa) + min(anonce, snonce) + max(anonce, snonce)
    p = prf80211(pmk, "Pairwise key expansion", data, 384)
    return p[0:16].hex(), p[16:32].hex(), p[32:48].hex()


# The references on their own vectors first.
# FIPS 186-2 change notice 1, Appendix 3.1 (XSEED = 0).
check("reference FIPS 186-2 PRF",
      fips186_prf(bytes.fromhex("bd029bbe7f51960bcf9edb2b61f06f0feb5a38b6"), 40).hex(),
      "2070b3223dba372fde1c0ffc7b2e3b498b2606143c6c18bacb0f6c55babb13788e20d737a3275116")
# IEEE Std 802.11-2016 J.3.2 test case 1 (PRF-512, prefix "prefix").
check("reference 802.11 PRF", prf80211(bytes([0x0B] * 20), "prefix", b"Hi There", 512).hex(),
      "bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee"
      "75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a")

# ---- 3GPP TS 35.208 clause 4.3 test set 1 (also TS 35.207 test set 1) ----
SET1 = ["--k=465b5ce8b199b49faa5f0a2ee238a6bc", "--rand=23553cbe9637a89d218ae64dae47bf35",
        "--sqn=ff9bb4d0b607", "--amf=b9b9"]
# IEEE Std 802.11-2016 J.7.1 Table J-13 (AA as printed, a0-a1-a1-a3-a4-a5) and J.7.2
# Table J-14, as in test/roamsec-rsn-keys-test-suite.cc.
J_PMK = "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"
J_AA, J_SPA = "a0:a1:a1:a3:a4:a5", "b0:b1:b2:b3:b4:b5"
J_SNONCE = "c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5"
J_ANONCE = "e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405"
RSN_J = [f"--aa={J_AA}", f"--spa={J_SPA}", f"--anonce={J_ANONCE}", f"--snonce={J_SNONCE}"]

MILENAGE1 = {
    "opc": "cd63cb71954a9f4e48a5994e37a02baf",
    "mac_a": "4a9ffac354dfafb3",
    "mac_s": "01cfaf9ec4e871e9",
    "res": "a54211d5e3ba50bf",
    "ck": "b40ba9a3c58b2a05bbf0d987b21bf8cb",
    "ik": "f769bcd751044604127672711c6d3441",
    "ak": "aa689c648370",
    "ak_star": "451e8beca43b",
}
IK = bytes.fromhex(MILENAGE1["ik"])
CK = bytes.fromhex(MILENAGE1["ck"])

for variant in (["--op=cdc202d5123e20f62b6d676ac72cb318"],
                ["--opc=cd63cb71954a9f4e48a5994e37a02baf"]):
    # Draft profile (the default), RSN keys from the derived MSK.
    j = run_json(*SET1, *variant, *RSN_J)
    tag = "set 1 " + variant[0].split("=")[0] + " "
    for name, want in MILENAGE1.items():
        check(tag + name, j["milenage"].get(name), want)
    # AUTN = SQN xor AK || AMF || MAC-A (TS 33.102 6.3.2).
    check(tag + "autn", j.get("autn"), "55f328b43577" + "b9b9" + "4a9ffac354dfafb3")
    # TS 55.205 test data for test set 1: SRES (#1 = c2 for a 64-bit RES) and Kc.
    check(tag + "sres", j["gsm"].get("sres"), "46f8416a")
    check(tag + "kc", j["gsm"].get("kc"), "eae4be823af9a08b")
    xkey = hashlib.sha1(IK + CK).digest()  # draft section 9
    kencr, kaut, msk, emsk = eap_aka_keys(xkey)
    e = j["eap_aka"]
    check(tag + "profile", e.get("profile"), "draft")
    check(tag + "xkey", e.get("xkey"), xkey.hex())
    check(tag + "k_encr", e.get("k_encr"), kencr)
    check(tag + "k_int", e.get("k_int"), kaut)
    check(tag + "msk", e.get("msk"), msk)
    check(tag + "emsk", e.get("emsk"), emsk)
    r = j["rsn"]
    pmk = bytes.fromhex(msk)[:32]
    check(tag + "msk_source", r.get("msk_source"), "eap_aka")
    check(tag + "pmk", r.get("pmk"), pmk.hex())
    aa, spa = bytes.fromhex(J_AA.replace(":", "")), bytes.fromhex(J_SPA.replace(":", ""))
    check(tag + "pmkid", r.get("pmkid"),
          hmac.new(pmk, b"PMK Name" + aa + spa, hashlib.sha1).digest()[:16].hex())
    kck, kek, tk = ptk(pmk, aa, spa, bytes.fromhex(J_ANONCE), bytes.fromhex(J_SNONCE))
    check(tag + "kck", r.get("kck"), kck)
    check(tag + "kek", r.get("kek"), kek)
    check(tag + "tk", r.get("tk"), tk)
    check(tag + "ptk", r.get("ptk"), kck + kek + tk)

# RFC 4187 profile: MK = SHA1(Identity|IK|CK) (RFC 4187 section 7).
ident = "0001010000000001@example"
j = run_json(*SET1, "--op=cdc202d5123e20f62b6d676ac72cb318", "--profile=rfc4187",
             f"--identity={ident}")
mk = hashlib.sha1(ident.encode() + IK + CK).digest()
kencr, kaut, msk, emsk = eap_aka_keys(mk)
e = j["eap_aka"]
check("rfc4187 profile", e.get("profile"), "rfc4187")
check("rfc4187 mk", e.get("mk"), mk.hex())
check("rfc4187 k_encr", e.get("k_encr"), kencr)
check("rfc4187 k_aut", e.get("k_aut"), kaut)
check("rfc4187 msk", e.get("msk"), msk)
check("rfc4187 emsk", e.get("emsk"), emsk)
check("rfc4187 no rsn section", "rsn" in j, False)
check("rfc4187 identity echoed", j["inputs"].get("identity"), ident)

# ---- IEEE Std 802.11-2016 J.7.2 Table J-14 (CCMP PTK), PMK given as a 32-byte MSK ----
j = run_json(f"--msk={J_PMK}", *RSN_J)
r = j["rsn"]
check("J.7 pmk", r.get("pmk"), J_PMK)
check("J.7 kck", r.get("kck"), "379f9852d0199236b94e407ce4c00ec8")
check("J.7 kek", r.get("kek"), "47c9edc01c2c6e5b4910caddfb3e51a7")
check("J.7 tk", r.get("tk"), "b2360c79e9710fdd58bea93deaf06599")
check("J.7 msk_source", r.get("msk_source"), "--msk")
check("J.7 no aka section", "milenage" in j, False)
# A 64-byte MSK: PMK = L(MSK, 0, 256) (12.7.1.3).
j = run_json(f"--msk={J_PMK}{'ff' * 32}", *RSN_J)
check("J.7 64-byte msk pmk", j["rsn"].get("pmk"), J_PMK)
check("J.7 64-byte msk tk", j["rsn"].get("tk"), "b2360c79e9710fdd58bea93deaf06599")

# PMKID: the gen_pmkid tool's test data (as in the rsn-keys suite).
j = run_json("--msk=03304a03fb68e904d47b78429d661f8bc7f373f5de6df640e9b0f3e142a6fe5d",
             "--aa=AA:46:8D:00:50:20", "--spa=80-45-DD-31-C4-C8", f"--anonce={J_ANONCE}",
             f"--snonce={J_SNONCE}")
check("PMKID", j["rsn"].get("pmkid"), "0db738755972d6a09cfadc3e235c9e29")

# ---- bad input: exit 2 and the message names the flag ----
OP = "--op=cdc202d5123e20f62b6d676ac72cb318"
BAD = [
    ([], "--k"),
    (["--k=465b5ce8b199b49faa5f0a2ee238a6", *SET1[1:], OP], "--k"),
    ([SET1[0], "--rand=23553cbe9637a89d218ae64dae47bfzz", *SET1[2:], OP], "--rand"),
    ([SET1[0], "--rand=23553cbe9637a89d218ae64dae47bf3", *SET1[2:], OP], "--rand"),
    ([*SET1[:2], SET1[3], OP], "--sqn"),
    ([*SET1[:3], "--amf=b9", OP], "--amf"),
    ([*SET1], "--op/--opc"),
    ([*SET1, OP, "--opc=cd63cb71954a9f4e48a5994e37a02baf"], "--op/--opc"),
    ([*SET1, OP, "--profile=rfc9999"], "--profile"),
    ([*SET1, OP, "--profile=rfc4187"], "--identity"),
    ([*SET1, OP, "--bogus=1"], "--bogus"),
    ([*SET1, OP, "--k=00"], "--k"),
    ([*SET1, OP, "--identity="], "--identity"),
    ([*SET1, "positional"], "positional"),
    ([*SET1, OP, "--identity=caf\udce9@example"], "--identity"),
    ([f"--msk={J_PMK}"], "--aa"),
    (RSN_J, "--msk"),
    ([f"--msk={J_PMK[:-2]}", *RSN_J], "--msk"),
    ([f"--msk={J_PMK}", "--aa=a0:a1:a1:a3:a4", *RSN_J[1:]], "--aa"),
    ([f"--msk={J_PMK}", RSN_J[0], "--spa=b0:b1:b2:b3:b4:zz", *RSN_J[2:]], "--spa"),
    ([f"--msk={J_PMK}", *RSN_J[:2], "--anonce=e0e1", RSN_J[3]], "--anonce"),
    ([f"--msk={J_PMK}", *RSN_J[:3], f"--snonce={J_SNONCE}00"], "--snonce"),
]
for args, flag in BAD:
    rc, out, err = run(*args)
    what = "bad input " + (" ".join(args) or "(none)")
    check(what + ": exit code", rc, 2)
    check(what + ": names " + flag, flag in err, True)
    check(what + ": no JSON on stdout", out, "")

# A UTF-8 identity goes into MK as its octets and comes back intact in the JSON.
ident = "jos\u00e9\u20ac@example"
j = run_json(*SET1, OP, "--profile=rfc4187", f"--identity={ident}")
check("utf-8 identity echoed", j["inputs"].get("identity"), ident)
check("utf-8 identity mk", j["eap_aka"].get("mk"),
      hashlib.sha1(ident.encode() + IK + CK).hexdigest())

rc, out, err = run("--help")
check("--help exit code", rc, 0)
check("--help lists --profile", "--profile" in out, True)

if failures:
    print("FAIL\n" + "\n".join(failures))
    sys.exit(1)
print("PASS: all keytool values and error cases as expected")
