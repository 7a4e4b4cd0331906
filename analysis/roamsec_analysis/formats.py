"""Results file formats (contrib/roaming-security/doc/results-format.rst).

Column lists, the phase definitions and validating loaders. Loaders raise
InputError with a message naming the file and the problem so the command-line
tools can print it and exit with status 2.
"""

import csv
import math
import os
import re

# The methods of roaming-handoff's --methods=all (and of the synthetic data).
METHODS = ["full-eap", "cached-pmk", "pre-association-ptk", "delegated"]
# Order and labels used by every table and figure; okc, fast-reauth and the FT
# methods are methods a run may name (roaming-handoff --methods=...,okc) but not "all".
METHOD_ORDER = ["full-eap", "fast-reauth", "cached-pmk", "okc", "ft-over-air", "ft-over-ds",
                "pre-association-ptk", "delegated"]
METHOD_LABELS = {
    "full-eap": "Full EAP-AKA",
    "fast-reauth": "Fast re-auth.",
    "cached-pmk": "Cached PMK",
    "okc": "OKC",
    "ft-over-air": "FT over the air",
    "ft-over-ds": "FT over the DS",
    "pre-association-ptk": "Pre-assoc. PTK",
    "delegated": "Delegated (TSK)",
}

TIME_COLUMNS = [
    "t_link_lost",
    "t_scan_done",
    "t_associated",
    "t_eap_start",
    "t_eap_done",
    "t_4way_done",
    "t_port_open_sta",
    "t_port_open_ap",
    "t_first_data",
]

COUNTER_COLUMNS = [
    "air_msgs",
    "air_bytes",
    "backhaul_msgs",
    "backhaul_bytes",
    "wan_msgs",
    "wan_bytes",
    "visited_aaa_msgs",
    "home_aaa_msgs",
]

HANDOFF_COLUMNS = (
    ["run", "seed", "mobile", "from_ap", "to_ap", "method", "fallback"]
    + TIME_COLUMNS
    + COUNTER_COLUMNS
    + ["udp_gap", "total", "t_last_data", "detection", "outcome", "trigger", "bg_scan"]
)

# Columns the analysis needs; the others are carried along when present.
REQUIRED_HANDOFF_COLUMNS = ["run", "mobile", "from_ap", "to_ap", "method"] + TIME_COLUMNS

# Parts of a run's "signalling" in run<R>.json (results-format.rst): messages
# sent during handoffs and outside them (first association, preparation).
SIGNALLING_PARTS = ["during_handoffs", "outside_handoffs"]

MESSAGE_COLUMNS = [
    "run",
    "handoff",
    "time",
    "link",
    "from",
    "to",
    "protocol",
    "message",
    "bytes",
    "fields",
]

# Phases in stacking order: (key, label).
PHASES = [
    ("scan", "Scan"),
    ("association", "Association"),
    ("authentication", "Authentication (EAP)"),
    ("key_handshake", "Key handshake"),
    ("port_open", "Port open"),
    ("first_data", "First data"),
]
PHASE_KEYS = [p for p, _ in PHASES]
PHASE_LABELS = dict(PHASES)
PHASE_LABELS["other"] = "Other"  # waits between phases: total minus the phases
PHASE_LABELS["total"] = "Total"


class InputError(Exception):
    """Bad or missing input; the message is meant for the user."""


def _num(value):
    """Parse a cell; empty or non-numeric means absent (None)."""
    if value is None:
        return None
    value = str(value).strip()
    if value == "" or value.lower() in ("nan", "na", "none"):
        return None
    try:
        x = float(value)
    except ValueError:
        return None
    if math.isnan(x):
        return None
    return x


def _sub(a, b):
    if a is None or b is None:
        return None
    return a - b


def _first(*values):
    for v in values:
        if v is not None:
            return v
    return None


def phase_durations(row):
    """Phase durations in seconds for one handoff row (a dict of strings or
    numbers). A phase whose boundary is empty did not occur: its value is
    None. Returns a dict with the PHASE_KEYS, 'other' (total minus the sum of
    the phases that occurred: waits between phases) and 'total'."""
    t = {c: _num(row.get(c)) for c in TIME_COLUMNS}
    port_open = None
    if t["t_port_open_sta"] is not None or t["t_port_open_ap"] is not None:
        port_open = max(v for v in (t["t_port_open_sta"], t["t_port_open_ap"]) if v is not None)
    d = {}
    d["scan"] = _sub(t["t_scan_done"], t["t_link_lost"])
    d["association"] = _sub(t["t_associated"], t["t_scan_done"])
    if t["t_scan_done"] is None:
        # No scan time recorded: scan and association form one phase.
        d["scan"] = _sub(t["t_associated"], t["t_link_lost"])
    d["authentication"] = _sub(t["t_eap_done"], t["t_eap_start"])
    d["key_handshake"] = _sub(t["t_4way_done"], _first(t["t_eap_done"], t["t_associated"]))
    d["port_open"] = _sub(
        port_open, _first(t["t_4way_done"], t["t_eap_done"], t["t_associated"])
    )
    d["first_data"] = _sub(
        t["t_first_data"],
        _first(port_open, t["t_4way_done"], t["t_eap_done"], t["t_associated"]),
    )
    d["total"] = _sub(t["t_first_data"], t["t_link_lost"])
    if d["total"] is None:
        d["other"] = None
    else:
        d["other"] = d["total"] - sum(d[k] for k in PHASE_KEYS if d[k] is not None)
    return d


def phase_labels(df):
    """PHASE_LABELS, with 'scan' named 'Scan + association' when the data
    has no t_scan_done at all (see phase_durations)."""
    labels = dict(PHASE_LABELS)
    if "t_scan_done" in df.columns and len(df) and df["t_scan_done"].isna().all():
        labels["scan"] = "Scan + association"
    return labels


def read_csv_rows(path, required, what):
    """Read a CSV into a list of dicts, checking the header."""
    if not os.path.exists(path):
        raise InputError("%s: no such file" % path)
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        if not header:
            raise InputError("%s: empty file (no header); expected a %s file" % (path, what))
        header = [h.strip() for h in header]
        reader.fieldnames = header
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(
                "%s: missing column(s) %s; is this a %s file?" % (path, ", ".join(missing), what)
            )
        rows = list(reader)
    return header, rows


def load_handoffs(path):
    """Handoff rows (merged or single-run) as a pandas DataFrame with numeric
    time/counter columns, the phase durations (seconds) and 'handoff' (the
    row index within its run when the file has no such column)."""
    import pandas as pd

    header, rows = read_csv_rows(path, REQUIRED_HANDOFF_COLUMNS, "handoffs")
    if not rows:
        raise InputError("%s: no handoff rows" % path)
    df = pd.DataFrame(rows, columns=header)
    for c in TIME_COLUMNS + COUNTER_COLUMNS + ["udp_gap", "total", "t_last_data", "detection",
                                               "bg_scan", "from_ap", "to_ap", "fallback"]:
        if c in df.columns:
            df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce")
    df["run"] = pd.to_numeric(df["run"], errors="coerce")
    if df["run"].isna().any():
        raise InputError("%s: non-numeric value in column run" % path)
    df["run"] = df["run"].astype(int)
    if "handoff" not in df.columns:
        df["handoff"] = df.groupby("run").cumcount()
    else:
        df["handoff"] = pd.to_numeric(df["handoff"], errors="coerce")
    durations = [phase_durations(r) for r in df[TIME_COLUMNS].to_dict("records")]
    for k in PHASE_KEYS + ["other"]:
        df["d_" + k] = [x[k] for x in durations]
    # The phase total is recomputed from the times so it matches the phases.
    df["d_total"] = [x["total"] for x in durations]
    df = df.astype({"d_" + k: float for k in PHASE_KEYS + ["other", "total"]})
    return df


def read_run_signalling(path):
    """The "signalling" of a run<R>.json as {method: {part: {counter:
    float}}}, or None when the file has no such key (older results).
    InputError when the file is unreadable or the key malformed."""
    import json

    try:
        with open(path) as f:
            info = json.load(f)
    except OSError as e:
        raise InputError("%s: cannot read: %s" % (path, e.strerror or e))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError("%s: not valid JSON: %s" % (path, e))
    if not isinstance(info, dict) or "signalling" not in info:
        return None
    sig = info["signalling"]
    if not isinstance(sig, dict):
        raise InputError("%s: 'signalling' is not an object" % path)
    out = {}
    for method, parts in sig.items():
        out[method] = {}
        for part in SIGNALLING_PARTS:
            counters = parts.get(part) if isinstance(parts, dict) else None
            if not isinstance(counters, dict):
                raise InputError("%s: signalling of %s has no %r object" % (path, method, part))
            values = {}
            for c in COUNTER_COLUMNS:
                v = counters.get(c)
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    raise InputError("%s: signalling of %s, %s: %s is %r, not a number" % (path, method, part, c, v))
                values[c] = float(v)
            out[method][part] = values
    return out


def load_messages(path):
    header, rows = read_csv_rows(path, MESSAGE_COLUMNS, "messages")
    if not rows:
        raise InputError("%s: no message rows" % path)
    out = []
    for i, r in enumerate(rows):
        t = _num(r["time"])
        if t is None:
            raise InputError("%s: row %d: bad time %r" % (path, i + 2, r["time"]))
        r = dict(r)
        r["time"] = t
        r["handoff"] = int(float(r["handoff"])) if _num(r["handoff"]) is not None else -1
        r["run"] = int(float(r["run"])) if _num(r["run"]) is not None else -1
        out.append(r)
    return out


def parse_fields(text):
    """'RAND=00ff;MIC=12' -> [('RAND', '00ff'), ('MIC', '12')]."""
    out = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        name, _, value = part.partition("=")
        out.append((name.strip(), value.strip()))
    return out


_UNITS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3, "min": 60e3, "h": 3600e3}
_TIME_RE = re.compile(r"^\s*([-+0-9.eE]+)\s*(ns|us|ms|s|min|h)?\s*$")


def to_ms(value):
    """An ns-3 time string ('50ms', '0.05s', '+50.0ms') or a plain number
    (taken as milliseconds) to float milliseconds; None if unparsable."""
    if value is None:
        return None
    m = _TIME_RE.match(str(value))
    if not m:
        return None
    try:
        x = float(m.group(1))
    except ValueError:
        return None
    return x * _UNITS[m.group(2) or "ms"]


def method_sort_key(m):
    return (METHOD_ORDER.index(m) if m in METHOD_ORDER else len(METHOD_ORDER), str(m))


def method_label(m):
    return METHOD_LABELS.get(m, str(m))
