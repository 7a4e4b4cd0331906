"""Which key protects each traced message, and where that key comes from.

The mapping follows the protocol definitions and what the module's core
actually does (contrib/roaming-security/model/core/):

* EAP-AKA (eap-aka-keys.cc, eap-aka-server.cc): AT_MAC = HMAC-SHA1-128 under
  K_aut (RFC 4187 10.15; K_int in draft-arkko-pppext-eap-aka-04), AT_ENCR_DATA
  = AES-128-CBC under K_encr (RFC 4187 10.12); CK, IK = Milenage f3, f4 of
  (K, OPc, RAND); MK = SHA1(Identity|IK|CK) (RFC 4187 7) or XKEY = SHA1(IK|CK)
  (draft section 9); K_encr | K_aut | MSK | EMSK = FIPS 186-2 PRF(MK).
  AUTN carries MAC-A = f1 under K; RES = f2 under K; AUTS carries MAC-S = f1*.
* RSN (rsn-handshake.cc, rsn-keys.cc): EAPOL-Key MIC = HMAC-SHA1-128 under the
  KCK (key descriptor version 2, IEEE 802.11-2016 12.7.2); the key data of
  message 3/4 and of the group message 1/2 is AES-key-wrapped (RFC 3394) under
  the KEK; PMK = L(MSK, 0, 256); PTK = PRF-384(PMK, "Pairwise key expansion",
  ...) split KCK | KEK | TK (12.7.1.3); PMKID = HMAC-SHA1-128(PMK, "PMK Name" |
  AA | SPA) names the PMK.
* RADIUS (radius-packet.cc, radius-proxy.cc): Message-Authenticator =
  HMAC-MD5 under the shared secret (RFC 3579 3.2), Response Authenticator =
  MD5(... | secret) (RFC 2865 3), MS-MPPE-Recv/Send-Key = the MSK halves
  encrypted with the secret and the Request Authenticator (RFC 2548 2.4.2,
  2.4.3), re-encrypted hop by hop by the visited AAA (a proxy).
* Pre-association PTK (preassoc-ptk.cc): MIC = HMAC-SHA1-128 under the KCK of
  the PTK agreed over the DS; wrapped GTK under its KEK.
* EAP-TSK (eap-tsk.cc, tsk-delegation.cc): AT_MAC = HMAC-SHA-256-128 under
  K_int of the TSK, AT_ENCR_DATA under K_encr of the TSK, HOST_AUTH and
  NET_AUTH_RES under K_auth; TSK = KDF(K, "roamsec TSK", RAND | realm) (NIST SP
  800-108r1 counter mode, HMAC-SHA-256); MSK = KDF(TSK, "roamsec MSK", NONCE_S |
  NONCE_P | identity).
"""

import json
import os

from .formats import InputError
from .formats import parse_fields

# Key nodes: label, how it is made, reference, keytool JSON path of its value.
NODES = {
    "K": ("K", "subscriber's long-term key, held only by the USIM and the home AuC", "TS 33.102 6.3",
          ("inputs", "k")),
    "OPc": ("OPc", "operator variant key of the subscriber (OPc = OP xor E_K(OP)), USIM and AuC only",
            "TS 35.206 4.1", ("milenage", "opc")),
    "RAND": ("RAND", "random challenge chosen by the home AuC, sent in clear (AT_RAND)", "RFC 4187 10.6",
             ("inputs", "rand")),
    "MAC-A": ("MAC-A (in AUTN)", "f1_K(SQN, RAND, AMF), Milenage; AUTN = SQN xor AK | AMF | MAC-A",
              "TS 33.102 6.3.2, TS 35.206", ("milenage", "mac_a")),
    "RES": ("RES", "f2_K(RAND), Milenage", "TS 33.102 6.3.2", ("milenage", "res")),
    "MAC-S": ("MAC-S (in AUTS)", "f1*_K(SQN_MS, RAND, AMF), Milenage; AUTS = SQN_MS xor AK* | MAC-S",
              "TS 33.102 6.3.5", ("milenage", "mac_s")),
    "CK": ("CK", "f3_K(RAND), Milenage", "TS 35.206", ("milenage", "ck")),
    "IK": ("IK", "f4_K(RAND), Milenage", "TS 35.206", ("milenage", "ik")),
    "MK:draft": ("XKEY (master key)", "SHA1(IK | CK)", "draft-arkko-pppext-eap-aka-04 section 9",
                 ("eap_aka", "xkey")),
    "MK:rfc4187": ("MK", "SHA1(Identity | IK | CK)", "RFC 4187 section 7", ("eap_aka", "mk")),
    "K_encr": ("K_encr", "FIPS 186-2 PRF(MK), octets 0-15", "RFC 4187 7 / draft section 9", ("eap_aka", "k_encr")),
    "K_aut:draft": ("K_int", "FIPS 186-2 PRF(XKEY), octets 16-31", "draft-arkko-pppext-eap-aka-04 section 9",
                    ("eap_aka", "k_int")),
    "K_aut:rfc4187": ("K_aut", "FIPS 186-2 PRF(MK), octets 16-31", "RFC 4187 section 7", ("eap_aka", "k_aut")),
    "MSK": ("MSK", "FIPS 186-2 PRF(MK), octets 32-95", "RFC 4187 section 7", ("eap_aka", "msk")),
    "PMK": ("PMK", "L(MSK, 0, 256): the first 32 octets of the MSK", "IEEE 802.11-2016 12.7.1.3", ("rsn", "pmk")),
    "PTK": ("PTK", "PRF-384(PMK, \"Pairwise key expansion\", Min(AA,SPA) | Max(AA,SPA) | Min(ANonce,SNonce) | "
                   "Max(ANonce,SNonce))", "IEEE 802.11-2016 12.7.1.3", ("rsn", "ptk")),
    "KCK": ("KCK", "PTK octets 0-15", "IEEE 802.11-2016 12.7.1.3", ("rsn", "kck")),
    "KEK": ("KEK", "PTK octets 16-31", "IEEE 802.11-2016 12.7.1.3", ("rsn", "kek")),
    "TK": ("TK", "PTK octets 32-47 (CCMP-128 temporal key)", "IEEE 802.11-2016 12.7.1.3", ("rsn", "tk")),
    "GTK": ("GTK", "group key drawn at random by the AP, delivered to every associated mobile",
            "IEEE 802.11-2016 12.7.1.4", None),
    "TSK": ("TSK", "KDF(K, \"roamsec TSK\", RAND | visited realm): derived by the home AAA, handed to the visited "
                   "AAA; the mobile derives it from RAND", "delegation.rst; NIST SP 800-108r1 4.1", None),
    "TSK:K_int": ("K_int (TSK)", "KDF(TSK, \"roamsec int\", \"\")", "delegation.rst", None),
    "TSK:K_encr": ("K_encr (TSK)", "KDF(TSK, \"roamsec encr\", \"\")", "delegation.rst", None),
    "TSK:K_auth": ("K_auth (TSK)", "KDF(TSK, \"roamsec auth\", \"\")", "delegation.rst", None),
    "TSK:MSK": ("MSK (TSK)", "KDF(TSK, \"roamsec MSK\", NONCE_S | NONCE_P | identity), first 64 octets",
                "delegation.rst", None),
    "TSK'": ("TSK' (third key)", "KDF(K, \"roamsec TSK\", RAND2 | visited realm)", "delegation.rst", None),
    "TSK':K_int": ("K_int (TSK')", "KDF(TSK', \"roamsec int\", \"\")", "delegation.rst", None),
    "TSK':K_auth": ("K_auth (TSK')", "KDF(TSK', \"roamsec auth\", \"\")", "delegation.rst", None),
    "secret:backhaul": ("RADIUS shared secret (AP \u2194 visited AAA)",
                        "configured on both RADIUS peers of this hop; not derived from K or RAND",
                        "RFC 2865 3", None),
    "secret:wan": ("RADIUS shared secret (visited AAA \u2194 home AAA)",
                   "configured on both RADIUS peers of this hop; not derived from K or RAND", "RFC 2865 3", None),
}

AKA_BASE = ["K", "OPc", "RAND", "CK", "IK", "MK"]


def _node_id(key, profile):
    if key in ("MK", "K_aut"):
        return "%s:%s" % (key, "rfc4187" if profile == "rfc4187" else "draft")
    return key


# --------------------------------------------------------------------------------------------
# Handoff context: which RAND, nonces and PMK origin apply to a message.


def _fields(m):
    return dict(parse_fields(m["fields"]))


def _inner(m):
    """Name of the EAP message inside a RADIUS message, or None."""
    name = m["message"]
    if "[" in name and name.endswith("]"):
        return name[name.index("[") + 1:-1]
    return None


def _is_aka_challenge_req(m):
    return m["protocol"] == "EAP-AKA" and "Request/AKA-Challenge" in m["message"]


def build_contexts(selection_msgs, context_msgs, profile):
    """{message index: context dict} for every selected message."""
    byh = {}
    for m in context_msgs:
        byh.setdefault((m["run"], m["handoff"]), []).append(m)
    for lst in byh.values():
        lst.sort(key=lambda m: (m["time"], m["index"]))
    # PMKID -> (handoff key, RAND, identity) of a handoff that ran EAP-AKA and then used that PMKID.
    pmkid_origin = {}
    for hk, lst in sorted(byh.items(), key=lambda kv: kv[1][0]["time"]):
        rand = ident = None
        for m in lst:
            f = _fields(m)
            if m["link"] == "air" and "Response/Identity" in m["message"]:
                ident = f.get("identity", ident)
            if _is_aka_challenge_req(m) and "RAND" in f:
                rand = f["RAND"]
            if m["message"].endswith("EAPOL-Key 1/4") and f.get("PMKID") and rand:
                pmkid_origin.setdefault(f["PMKID"].lower(), (hk, rand, ident, m["time"]))
    out = {}
    for m in selection_msgs:
        hk = (m["run"], m["handoff"])
        lst = byh.get(hk, [m])
        ctx = {"profile": profile, "handoff": m["handoff"], "rand": None, "identity": None, "anonce": None,
               "snonce": None, "pmkid": None, "origin": None, "origin_note": "", "tsk": None, "rand2": None,
               "autn": None, "res": None}
        aka_rand = None
        tsk = None
        last_aka = last_tsk = None
        for x in lst:
            f = _fields(x)
            if x["link"] == "air" and "Response/Identity" in x["message"] and "identity" in f:
                ctx["identity"] = f["identity"]
            if _is_aka_challenge_req(x) and "RAND" in f:
                last_aka = x["time"]
            if x["protocol"] == "EAP-TSK" and "Request/TSK-Challenge" in x["message"]:
                last_tsk = x["time"]
            if _is_aka_challenge_req(x) and "RAND" in f and x["time"] <= m["time"]:
                aka_rand = f["RAND"]
                ctx["autn"] = f.get("AUTN")
            if x["protocol"] == "EAP-AKA" and "Response/AKA-Challenge" in x["message"] and "RES" in f:
                ctx["res"] = f["RES"]
            if x["protocol"] == "EAP-TSK" and "TSK-Challenge" in x["message"]:
                tsk = tsk or {}
                for k in ("RAND", "NONCE_S", "NONCE_P"):
                    if k in f:
                        tsk[k] = f[k]
            if x["protocol"] == "EAP-TSK" and "RAND2" in f:
                ctx["rand2"] = f["RAND2"]
            if x["message"].endswith("EAPOL-Key 1/4"):
                ctx["anonce"] = f.get("ANonce", ctx["anonce"])
                ctx["pmkid"] = f.get("PMKID", ctx["pmkid"])
            if x["message"].endswith("EAPOL-Key 2/4"):
                ctx["snonce"] = f.get("SNonce", ctx["snonce"])
        ctx["rand"] = aka_rand
        ctx["tsk"] = tsk
        if tsk and (last_aka is None or (last_tsk is not None and last_tsk > last_aka)):
            ctx["origin"] = "tsk"
        elif aka_rand:
            ctx["origin"] = "aka"
        elif ctx["pmkid"] and ctx["pmkid"].lower() in pmkid_origin:
            (run, h), rand, ident, t = pmkid_origin[ctx["pmkid"].lower()]
            ctx["origin"] = "cached"
            ctx["rand"] = rand
            ctx["identity"] = ident or ctx["identity"]
            ctx["origin_note"] = ("PMKSA cached at the EAP-AKA authentication of handoff %d (t = %.6f s, same "
                                  "PMKID %s)" % (h, t, ctx["pmkid"]))
        elif ctx["pmkid"]:
            ctx["origin"] = "cached-unknown"
            ctx["origin_note"] = ("PMKSA cached from an authentication that is not in this trace (the mobile's "
                                  "first association, which is not a handoff); PMKID %s" % ctx["pmkid"])
        elif any(x["protocol"] == "PREASSOC" for x in lst):
            ctx["origin"] = "preassoc"
            ctx["origin_note"] = ("PTK agreed with the target AP over the DS before the handoff (over-DS Msg1-4 "
                                  "are not in this handoff's trace), from the PMKSA the mobile holds for that AP")
        out[m["index"]] = ctx
    return out


# --------------------------------------------------------------------------------------------
# Chains


def chain(key, ctx):
    """[node id] from the roots (K, RAND, secrets) down to key, for the context."""
    profile = ctx.get("profile")
    aka = [_node_id(k, profile) for k in AKA_BASE]
    if key in ("secret:backhaul", "secret:wan", "GTK"):
        return [key]
    if key in ("MAC-A", "RES", "MAC-S"):
        return ["K", "OPc", "RAND", key]
    if key == "MSK" and ctx.get("origin") == "tsk":
        return ["K", "RAND", "TSK", "TSK:MSK"]
    if key in ("K_encr", "K_aut", "MSK"):
        return aka + [_node_id(key, profile)]
    if key in ("TSK:K_int", "TSK:K_encr", "TSK:K_auth", "TSK:MSK"):
        return ["K", "RAND", "TSK", key]
    if key in ("TSK':K_int", "TSK':K_auth"):
        return ["K", "RAND2", "TSK'", key]
    if key in ("PMK", "PTK", "KCK", "KEK", "TK"):
        tail = ["PMK"] if key == "PMK" else ["PMK", "PTK"] + ([] if key == "PTK" else [key])
        origin = ctx.get("origin")
        if origin == "tsk":
            return ["K", "RAND", "TSK", "TSK:MSK"] + tail
        if origin in ("aka", "cached"):
            return aka + [_node_id("MSK", profile)] + tail
        return tail
    return [key]


def _lookup(doc, path):
    cur = doc
    for p in path:
        if not isinstance(cur, dict) or p not in cur:
            return None
        cur = cur[p]
    return cur if isinstance(cur, str) else None


def _eq(a, b):
    return a is not None and b is not None and a.strip().lower() == b.strip().lower()


def find_docs(docs, ctx):
    """(AKA doc matching the context's RAND, RSN doc matching its nonces)."""
    aka = rsn = None
    for d in docs:
        if aka is None and ctx.get("rand") and _eq(_lookup(d, ("inputs", "rand")), ctx["rand"]):
            aka = d
        r = d.get("rsn") if isinstance(d, dict) else None
        if rsn is None and isinstance(r, dict) and ctx.get("anonce") and ctx.get("snonce") \
                and _eq(r.get("anonce"), ctx["anonce"]) and _eq(r.get("snonce"), ctx["snonce"]):
            rsn = d
    return aka, rsn


def chain_steps(key, ctx, docs):
    """The chain as a list of step dicts (id, label, how, ref, value, source)
    plus (supplied, note) telling whether key values were found."""
    ids = chain(key, ctx)
    profile = ctx.get("profile")
    aka_doc, rsn_doc = find_docs(docs, ctx)
    steps = []
    for nid in ids:
        if nid == "RAND2":
            label, how, ref, path = ("RAND2", "second random number of a key update (AT_RAND2)", "delegation.rst",
                                     None)
        else:
            label, how, ref, path = NODES[nid]
        if profile != "rfc4187" and nid in ("K_encr", "MSK"):
            how = how.replace("PRF(MK)", "PRF(XKEY)")
        if nid == "PMK" and ctx.get("origin") in ("cached", "cached-unknown", "preassoc"):
            how = how + "; " + ctx["origin_note"]
        if nid == "PMK" and ctx.get("origin") == "tsk":
            how = "first 32 octets of the TSK's MSK (PmkFromMsk)"
        value = source = None
        if nid == "RAND" and ctx.get("origin") == "tsk" and ctx.get("tsk"):
            value, source = ctx["tsk"].get("RAND"), "trace"
            how = "random number of the delegation, chosen by the home AAA; sent by the visited AAA in AT_RAND"
            ref = "delegation.rst (EAP-TSK AT_RAND)"
        elif nid == "RAND" and ctx.get("rand"):
            value, source = ctx["rand"], "trace"
        elif nid == "RAND2" and ctx.get("rand2"):
            value, source = ctx["rand2"], "trace"
        elif path is not None:
            if path[0] == "rsn":
                if rsn_doc is not None:
                    value, source = _lookup(rsn_doc, path), "keytool"
            elif aka_doc is not None:
                value, source = _lookup(aka_doc, path), "keytool"
            if value is None and nid == "PMK" and aka_doc is not None and ctx.get("origin") in ("aka", "cached"):
                msk = _lookup(aka_doc, ("eap_aka", "msk"))
                if msk:
                    value, source = msk[:64], "keytool (first 32 octets of its MSK)"
        if nid == "PTK" and ctx.get("anonce") and ctx.get("snonce"):
            how = how + "; ANonce %s, SNonce %s (from this handoff's EAPOL-Key 1/4 and 2/4)" % (
                _short(ctx["anonce"]), _short(ctx["snonce"]))
        if nid == "TSK" and ctx.get("tsk"):
            how = how + "; NONCE_S %s, NONCE_P %s" % (_short(ctx["tsk"].get("NONCE_S", "?")),
                                                       _short(ctx["tsk"].get("NONCE_P", "?")))
        steps.append({"id": nid, "label": label, "how": how, "ref": ref, "value": value, "source": source})
    derived = [s for s in steps if s["id"] not in ("RAND", "RAND2") and not s["id"].startswith("secret")
               and s["id"] != "GTK"]
    if any(s["id"].startswith("secret") for s in steps):
        note = "a configured secret: not derived from K or RAND, and not printed by roamsec-keytool"
        supplied = False
    elif any(s["id"].startswith("TSK") for s in steps):
        note = "values not supplied: roamsec-keytool does not print the TSK schedule"
        supplied = False
    elif ids == ["GTK"]:
        note = "a random group key: not derived from K or RAND"
        supplied = False
    elif ctx.get("origin") in ("preassoc", "cached-unknown") and all(s["value"] is None for s in derived):
        note = ("values not supplied: the authentication that made this PMK%s is not in this trace"
                % (" and the over-DS nonces" if ctx.get("origin") == "preassoc" else ""))
        supplied = False
    elif not derived or all(s["value"] is None for s in derived):
        note = "values not supplied (give viewer.py --keys with roamsec-keytool's JSON for this RAND%s)" % (
            " and these nonces" if any(s["id"] in ("PTK", "KCK", "KEK", "TK") for s in steps) else "")
        supplied = False
    elif any(s["value"] is None for s in derived):
        note = "some values not supplied (the keytool JSON given does not cover %s)" % ", ".join(
            s["label"] for s in derived if s["value"] is None)
        supplied = True
    else:
        note = "values from roamsec-keytool's JSON"
        supplied = True
    return steps, supplied, note


def _short(h, n=8):
    h = h or ""
    return h if len(h) <= n + 1 else h[:n] + "\u2026"


def consistency_checks(ctx, docs):
    """[(what, ok, trace field)] comparing keytool values with the trace (AUTN, RES, PMKID)."""
    aka_doc, rsn_doc = find_docs(docs, ctx)
    out = []
    if aka_doc is not None:
        if ctx.get("autn"):
            out.append(("keytool AUTN = trace AUTN (same K, OPc, SQN, AMF)", _eq(_lookup(aka_doc, ("autn",)),
                                                                              ctx["autn"]), "AUTN"))
        if ctx.get("res"):
            out.append(("keytool RES = trace RES", _eq(_lookup(aka_doc, ("milenage", "res")), ctx["res"]), "RES"))
    if rsn_doc is not None and ctx.get("pmkid") and ctx.get("origin") != "tsk":
        out.append(("keytool PMKID = trace PMKID (same PMK, AA, SPA)",
                    _eq(_lookup(rsn_doc, ("rsn", "pmkid")), ctx["pmkid"]), "PMKID"))
    return out


# --------------------------------------------------------------------------------------------
# Protections per message


def P(kind, what, algo, key, ref, note=""):
    return {"kind": kind, "what": what, "algo": algo, "key": key, "ref": ref, "note": note}


NONE_NOTE = "anyone on the link can send, replay or change it; nothing checks where it came from"


def eap_protections(protocol, name, fields, link):
    """Protections of an EAP message (name without the RADIUS wrapper)."""
    out = []
    if name.startswith("Pre-auth "):
        name = name[len("Pre-auth "):]
    if protocol == "EAP-AKA" or "/AKA-" in name:
        if "AKA-Challenge" in name and "Request" in name:
            out.append(P("mac", "AT_MAC", "HMAC-SHA1-128 over the EAP packet (AT_MAC zeroed)", "K_aut",
                         "RFC 4187 10.15; draft-arkko-pppext-eap-aka-04 (K_int)",
                         "the mobile checks it after deriving K_aut from RAND: only a holder of CK, IK (the home "
                         "AuC) can make it"))
            out.append(P("mac", "AUTN (MAC-A)", "Milenage f1 over SQN, RAND, AMF", "MAC-A", "TS 33.102 6.3.3",
                         "authenticates the network: the USIM recomputes MAC-A with K; a wrong one gives "
                         "AKA-Authentication-Reject, a stale SQN gives AKA-Synchronization-Failure"))
            out.append(P("enc", "AT_ENCR_DATA (when the home issues a pseudonym: AT_NEXT_PSEUDONYM, "
                                "AT_NEXT_REAUTH_ID)", "AES-128-CBC with AT_IV", "K_encr", "RFC 4187 10.12",
                         "not among the trace's fields; present when the server issues identities"))
        elif "AKA-Challenge" in name:
            out.append(P("mac", "AT_MAC", "HMAC-SHA1-128 over the EAP packet (AT_MAC zeroed)", "K_aut",
                         "RFC 4187 10.15", "the server checks it before comparing RES"))
            out.append(P("mac", "AT_RES", "Milenage f2 of RAND", "RES", "RFC 4187 10.8; TS 33.102 6.3.3",
                         "proves the mobile holds K; compared with XRES by the home AAA"))
        elif "AKA-Synchronization-Failure" in name:
            out.append(P("mac", "AT_AUTS (MAC-S)", "Milenage f1* over SQN_MS, RAND, AMF; SQN_MS concealed by "
                                                  "f5*", "MAC-S", "RFC 4187 10.9; TS 33.102 6.3.5",
                         "no AT_MAC (no keys agreed yet); the AuC checks MAC-S with K before resynchronising"))
        elif "AKA-Reauthentication" in name:
            out.append(P("mac", "AT_MAC", "HMAC-SHA1-128", "K_aut", "RFC 4187 5, 10.15",
                         "fast re-authentication reuses K_aut and K_encr of the last full authentication"))
            out.append(P("enc", "AT_ENCR_DATA (AT_COUNTER, AT_NONCE_S, next identities)", "AES-128-CBC",
                         "K_encr", "RFC 4187 10.12"))
        elif "AKA-Notification" in name:
            out.append(P("mac", "AT_MAC (only after a successful challenge, P bit 0)", "HMAC-SHA1-128", "K_aut",
                         "RFC 4187 6.1, 10.19"))
        else:
            out.append(P("none", "no AT_MAC", "", None, "RFC 4187 9",
                         "AKA-Identity, Authentication-Reject and Client-Error carry no MAC: " + NONE_NOTE))
        return out
    if protocol == "EAP-TSK" or "/TSK-" in name:
        req = "Request" in name
        if "TSK-Client-Error" in name:
            return [P("none", "no AT_MAC", "", None, "delegation.rst", NONE_NOTE)]
        if "TSK-Update-Auth" in name and not req:
            out.append(P("mac", "AT_MAC", "HMAC-SHA-256-128 over packet | NONCE_S", "TSK':K_int", "delegation.rst",
                         "the Update-Auth response is MACed with the third key TSK'"))
            out.append(P("mac", "AT_UPDATE_CONF", "HMAC-SHA-256(K_auth', \"update confirm\" | RAND3 | NAR)",
                         "TSK':K_auth", "delegation.rst (claim 24)"))
            return out
        extra = "packet | NONCE_P" if req else "packet | NONCE_S"
        if "TSK-Challenge" in name and req:
            extra = "packet"
        out.append(P("mac", "AT_MAC", "HMAC-SHA-256-128 over " + extra, "TSK:K_int", "delegation.rst",
                     "plays AUTN's role on the Challenge: a visited domain without the TSK cannot make it"
                     if "TSK-Challenge" in name and req else ""))
        if "NET_AUTH_RES" in fields or "TSK-Update-Auth" in name:
            out.append(P("mac", "AT_NET_AUTH_RES", "HMAC-SHA-256(K_auth', \"network auth\" | NAR | RAND2)",
                         "TSK':K_auth", "delegation.rst (claim 21)",
                         "authenticates the visited domain's update: only the home could make TSK'"))
        if "TSK-Result" in name and req:
            out.append(P("enc", "AT_ENCR_DATA (AT_KEY_DIST, when local keys are distributed)",
                         "AES-128-CBC with AT_IV", "TSK:K_encr", "delegation.rst",
                         "not among the trace's fields; present when the visited AAA distributes keys"))
        if "TSK-Challenge" in name and not req:
            out.append(P("mac", "AT_HOST_AUTH (when the mobile challenges its home)",
                         "HMAC-SHA-256(K_auth, \"host auth\" | HC | identity)", "TSK:K_auth",
                         "delegation.rst (claim 26)"))
        return out
    # Plain EAP: Identity, Success, Failure, Nak, Notification.
    note = NONE_NOTE
    if "Success" in name or "Failure" in name:
        note = "EAP-Success/Failure are not authenticated (RFC 3748 7.2): the mobile trusts the keys it derived, " \
               "not this message"
    return [P("none", "no protection", "", None, "RFC 3748", note)]


def rsn_protections(name):
    base = name[len("Pre-auth "):] if name.startswith("Pre-auth ") else name
    if base == "EAPOL-Key 1/4":
        return [P("none", "no MIC (ANonce is sent in clear)", "", None, "IEEE 802.11-2016 12.7.6.2",
                  "a forged message 1 only makes the mobile compute a useless PTK; message 3's MIC decides"),
                P("name", "PMKID in the key data", "HMAC-SHA1-128(PMK, \"PMK Name\" | AA | SPA)", "PMK",
                  "IEEE 802.11-2016 12.7.1.3", "names the PMK the AP will use; proves nothing")]
    if base.startswith("EAPOL-Key"):
        out = [P("mac", "EAPOL-Key MIC", "HMAC-SHA1-128 over the EAPOL-Key frame (MIC zeroed), key descriptor "
                                         "version 2", "KCK", "IEEE 802.11-2016 12.7.2",
                 {"EAPOL-Key 2/4": "proves the mobile holds the PMK (it derived the same PTK)",
                  "EAPOL-Key 3/4": "proves the AP holds the PMK; the replay counter rejects replays",
                  "EAPOL-Key 4/4": "confirms installation of the PTK"}.get(base, ""))]
        if base in ("EAPOL-Key 3/4", "EAPOL-Key Group 1/2"):
            out.append(P("enc", "Key Data (RSNE and GTK KDE)", "AES Key Wrap (RFC 3394)", "KEK",
                         "IEEE 802.11-2016 12.7.2, 12.7.6.4", "carries the GTK"))
        return out
    if base in ("EAPOL-Start", "EAPOL-Logoff") or base.startswith("EAPOL type"):
        return [P("none", "no protection", "", None, "IEEE 802.1X-2010 11.3", NONE_NOTE)]
    return None


def preassoc_protections(name):
    if name == "Over-DS PTK 1/4":
        return [P("none", "no MIC (PMKID and SNonce in clear)", "", None, "preassoc-ptk.rst", NONE_NOTE),
                P("name", "PMKID", "HMAC-SHA1-128(PMK, \"PMK Name\" | AA | SPA)", "PMK", "IEEE 802.11-2016 12.7.1.3",
                  "names the PMKSA the target AP should use")]
    out = [P("mac", "MIC", "HMAC-SHA1-128(KCK, STA | BSSID | C | element with MIC zeroed)", "KCK",
             "preassoc-ptk.rst (Keys, PTKID and MIC); IEEE 802.11-2016 12.7.2",
             {"Group Key Confirm": "echoes ARandom: proves the mobile received this response and holds the PTK"}
             .get(name, ""))]
    if "Authenticate PTK response" in name:
        out.append(P("enc", "Wrapped GTK", "AES Key Wrap (RFC 3394)", "KEK", "preassoc-ptk.rst"))
    return out


def radius_protections(m, fields):
    secret = "secret:wan" if m["link"] == "wan" else "secret:backhaul"
    name = m["message"]
    out = []
    if name.startswith("Access-Request"):
        out.append(P("mac", "Message-Authenticator", "HMAC-MD5 over the whole packet", secret, "RFC 3579 3.2",
                     "the Request Authenticator itself is a random nonce, not a MAC"))
    else:
        out.append(P("mac", "Response Authenticator", "MD5(Code | Id | Length | Request Authenticator | attributes"
                                                      " | secret)", secret, "RFC 2865 3"))
        out.append(P("mac", "Message-Authenticator", "HMAC-MD5 over the whole packet", secret, "RFC 3579 3.2"))
    if fields.get("MS-MPPE-Keys") or name.startswith("Access-Accept"):
        out.append(P("enc", "MS-MPPE-Recv-Key / MS-MPPE-Send-Key", "salt-encryption with MD5(secret | Request "
                                                                  "Authenticator | salt)", secret,
                     "RFC 2548 2.4.2, 2.4.3", "carry the MSK (Recv-Key = MSK[0..31] = the PMK) to the AP; hop by "
                                              "hop: the visited AAA decrypts and re-encrypts them"))
        out.append(P("carry", "MSK carried in the MPPE keys", "", "MSK", "RFC 2548; RFC 5216 2.3 convention",
                     "the key material this message delivers, not a key that protects it"))
    return out


def protections(m):
    """Protections of one trace message, with 'scope' set for the inner EAP of a RADIUS message."""
    fields = dict(parse_fields(m["fields"]))
    proto, name = m["protocol"], m["message"]
    if m["link"] == "local":
        return []
    if proto == "RADIUS":
        out = radius_protections(m, fields)
        inner = _inner(m)
        if inner:
            iproto = "EAP-AKA" if "/AKA-" in inner else "EAP-TSK" if "/TSK-" in inner else "EAP"
            for p in eap_protections(iproto, inner, fields, m["link"]):
                if p["kind"] == "none":
                    continue
                p = dict(p)
                p["what"] = "inner %s: %s" % (inner, p["what"])
                p["note"] = ("end to end mobile \u2194 EAP server, relayed unchanged. " + p["note"]).strip()
                out.append(p)
        return out
    if proto == "EAPOL" or name.startswith("Pre-auth EAPOL"):
        r = rsn_protections(name)
        if r is not None:
            return r
    if proto == "PREASSOC":
        return preassoc_protections(name)
    if proto in ("EAP", "EAP-AKA", "EAP-TSK") or name.startswith("Pre-auth EAP"):
        return eap_protections(proto, name, fields, m["link"])
    return [P("unknown", "no mapping for this message", "", None, "",
              "the viewer does not know protocol %s / message %s" % (proto, name))]


def summary(steps):
    """'K, OPc, RAND → (Milenage f3, f4) CK, IK → XKEY → MSK → ...' for a chain."""
    roots = [s["label"] for s in steps if s["id"] in ROOTS]
    parts = [", ".join(roots)] if roots else []
    rest = [s for s in steps if s["id"] not in ROOTS]
    i = 0
    while i < len(rest):
        s = rest[i]
        if s["id"] == "CK" and i + 1 < len(rest) and rest[i + 1]["id"] == "IK":
            parts.append("(Milenage f3, f4) CK, IK")
            i += 2
            continue
        parts.append(s["label"])
        i += 1
    return " → ".join(parts)


ROOTS = ("K", "OPc", "RAND", "RAND2")


def annotate(m, ctx, docs):
    """Protections of message m with their chains (steps, supplied, note)."""
    out = []
    for p in protections(m):
        p = dict(p)
        if p["key"]:
            steps, supplied, note = chain_steps(p["key"], ctx, docs)
            if p["key"] == "MSK" and ctx.get("origin") == "tsk":
                p["key"] = "TSK:MSK"
            nid = _node_id(p["key"], ctx.get("profile"))
            p["label"] = NODES[nid][0] if nid in NODES else p["key"]
            if p["key"] in ("MAC-A", "RES", "MAC-S"):
                p["label"] = "K (through %s)" % NODES[nid][0]
            p["chain"] = steps
            p["supplied"] = supplied
            p["values_note"] = note
            p["summary"] = summary(steps)
        out.append(p)
    return out


def load_keytool(paths):
    """keytool JSON documents (one per file; a file may also hold a list)."""
    docs = []
    for path in paths or []:
        if not os.path.exists(path):
            raise InputError("%s: no such file" % path)
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (ValueError, UnicodeDecodeError) as e:
            raise InputError("%s: not JSON (%s); expected roamsec-keytool's output" % (path, e))
        items = data if isinstance(data, list) else [data]
        for d in items:
            if not isinstance(d, dict) or not (("inputs" in d and "milenage" in d) or "rsn" in d):
                raise InputError("%s: not roamsec-keytool output (no inputs/milenage or rsn object)" % path)
        docs.extend(items)
    return docs
