"""Build the interactive viewer's data and page from a message trace.

load -> select (viewer_trace) -> contexts and protections (viewer_keys) ->
data dict -> page (viewer_html). Pure: reads files, writes one file, runs
nothing.
"""

import json
import os

from .formats import InputError
from .viewer_html import FORMAT, page
from .viewer_keys import annotate, build_contexts, consistency_checks, load_keytool
from .endpoints import MILESTONES, lanes, role_of
from .formats import parse_fields
from .viewer_trace import load_trace, select

FIELD_MEANING = {
    "RAND": "random challenge from the home AuC (AT_RAND); in clear",
    "AUTN": "network authentication token SQN xor AK | AMF | MAC-A (AT_AUTN)",
    "RES": "the mobile's response f2_K(RAND) (AT_RES)",
    "AUTS": "resynchronisation token SQN_MS xor AK* | MAC-S (AT_AUTS)",
    "MAC": "AT_MAC: message authentication code",
    "ANonce": "authenticator nonce (in clear)",
    "SNonce": "supplicant nonce (in clear)",
    "MIC": "message integrity code",
    "PMKID": "name of the PMK: HMAC-SHA1-128(PMK, \"PMK Name\" | AA | SPA)",
    "ReplayCounter": "EAPOL-Key replay counter (must increase)",
    "id": "EAP identifier",
    "identity": "EAP identity (a pseudonym when the home issued one)",
    "RADIUS-Id": "RADIUS identifier (per hop)",
    "User-Name": "RADIUS User-Name (the EAP identity)",
    "State": "RADIUS State: the server's conversation handle",
    "MS-MPPE-Keys": "MS-MPPE-Recv/Send-Key attributes (encrypted MSK halves)",
    "NONCE_S": "server nonce (EAP-TSK)",
    "NONCE_P": "peer nonce (EAP-TSK)",
    "RAND2": "second random number of a key update",
    "NAR": "network authentication request",
    "NET_AUTH_RES": "network authentication response (from TSK')",
    "UPDATE_CONF": "update confirmation (from TSK')",
    "ARandom": "AP random, echoed by the mobile",
    "PTKID": "name of the pre-association PTK",
}



def _f(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def read_profile(path, run):
    """EAP-AKA profile of the run (run<R>.json beside the trace), default draft."""
    j = os.path.join(os.path.dirname(os.path.abspath(path)), "run%d.json" % run)
    try:
        with open(j, encoding="utf-8") as f:
            p = json.load(f).get("parameters", {}).get("profile")
        return "rfc4187" if p == "rfc4187" else "draft"
    except (OSError, ValueError, AttributeError):
        return "draft"


def _checks(m, ctx, docs, fields):
    """Keytool-versus-trace checks shown with a message: those about a field it
    carries, and the PMKID check (it validates the PTK inputs) with any message
    whose protection chain goes through the PTK."""
    names = {f[0] for f in fields}
    uses_ptk = False
    from .viewer_keys import protections, chain
    for p in protections(m):
        if p["key"] and "PTK" in chain(p["key"], ctx):
            uses_ptk = True
    return [[t, ok] for t, ok, field in consistency_checks(ctx, docs)
            if field in names or (field == "PMKID" and uses_ptk)]


def build_data(sel, source, docs, profile, keytool_files=()):
    msgs = sel.msgs
    row = sel.row
    t0 = _f(row.get("t_link_lost")) if row is not None else None
    if t0 is None:
        t0 = msgs[0]["time"]
    ctxs = build_contexts(msgs, sel.context, profile)
    lane_list = lanes(msgs, row)
    rows = []
    for i, m in enumerate(msgs):
        ctx = ctxs[m["index"]]
        fields = []
        for n, v in parse_fields(m["fields"]):
            meaning = FIELD_MEANING.get(n, "")
            if n == "MAC" and m["protocol"] == "EAP-TSK":
                meaning = "AT_MAC: HMAC-SHA-256-128"
            elif n == "MAC" and m["protocol"] in ("EAP-AKA", "RADIUS"):
                meaning = "AT_MAC: HMAC-SHA1-128"
            fields.append([n, v, meaning])
        label = m["message"] if m["link"] == "local" else "%s  [%s, %d B]" % (m["message"], m["protocol"],
                                                                              m["bytes"])
        rows.append({
            "kind": "msg", "i": i, "line": m["index"] + 2, "time": m["time"], "t": "%+.3f" % ((m["time"] - t0) * 1e3),
            "link": m["link"], "from": m["from"], "to": m["to"], "from_role": role_of(m["from"]),
            "protocol": m["protocol"], "message": m["message"], "label": label, "bytes": m["bytes"],
            "fields": fields, "attacker": m["attacker"], "detect": m["detect"], "case": m["case"],
            "handoff": m["handoff"], "protections": annotate(m, ctx, docs),
            "checks": _checks(m, ctx, docs, fields),
        })
    if row is not None:
        marks = {}
        for col, lab in MILESTONES:
            t = _f(row.get(col))
            if t is not None:
                marks.setdefault(t, []).append(lab)
        items = [(m["time"], 0, r) for m, r in zip(msgs, rows)]
        for t, labs in marks.items():
            items.append((t, 1, {"kind": "mark", "time": t, "t": "%+.3f" % ((t - t0) * 1e3),
                                 "label": " / ".join(labs)}))
        items.sort(key=lambda x: (x[0], x[1]))
        rows = [r for _, _, r in items]
    sub = "%s \u2014 %d messages; EAP-AKA profile %s; key values: %s" % (
        os.path.basename(source), len(msgs), profile,
        ", ".join(os.path.basename(k) for k in keytool_files) if keytool_files else "not supplied")
    return {
        "format": FORMAT, "title": sel.title, "subtitle": sub, "source": os.path.basename(source),
        "profile": profile, "method": sel.method, "run": sel.run, "selection": sel.kind,
        "lanes": [{"id": n, "role": r, "title": t} for n, r, t in lane_list],
        "rows": rows, "has_attacker": any(m["attacker"] or role_of(m["from"]) == "attacker" for m in msgs),
        "has_detect": any(m["detect"] for m in msgs),
        "keys_supplied": bool(docs),
    }


def generate(trace_path, out_path, keys=(), run=None, method=None, handoff=None, mobile=None, index=None,
             t_from=None, t_to=None, case=None, handoffs_path=None, profile=None):
    """Write the page; returns (out_path, data)."""
    _, rows = load_trace(trace_path)
    docs = load_keytool(keys)
    sel = select(rows, trace_path, run=run, method=method, handoff=handoff, mobile=mobile, index=index,
                 t_from=t_from, t_to=t_to, case=case, handoffs_path=handoffs_path)
    prof = profile or read_profile(trace_path, sel.run)
    data = build_data(sel, trace_path, docs, prof, keys)
    text = page(data, sel.title)
    d = os.path.dirname(os.path.abspath(out_path))
    if not os.path.isdir(d):
        raise InputError("%s: output directory %s does not exist" % (out_path, d))
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out_path)
    return out_path, data
