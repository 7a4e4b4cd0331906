"""Strict reading of a message trace for the interactive viewer, and the
selection of one handoff, a time window or one lab case.

The trace is ``messages-run<R>.csv`` (contrib/roaming-security/doc/
results-format.rst): the ten columns the scenarios write, optionally followed
by the lab columns ``attacker``, ``detect`` and ``case``. A file whose header
is anything else (another version of the format), or whose rows are cut short
(an interrupted run, a truncated copy), is refused with an InputError naming
the file and the problem: a viewer that guessed would show a wrong chart.
"""

import csv
import io
import os

from .formats import InputError, read_csv_rows, REQUIRED_HANDOFF_COLUMNS

REQUIRED = ["run", "handoff", "time", "link", "from", "to", "protocol", "message", "bytes", "fields"]
OPTIONAL = ["attacker", "detect", "case"]
LINKS = ("air", "backhaul", "wan", "local")

def _truthy(v):
    return str(v or "").strip().lower() in ("1", "1.0", "true", "yes", "y")


def load_trace(path):
    """Rows of a message trace as dicts (time as float, run/handoff/bytes as
    int, attacker as bool, detect/case as text, index = row number from 0).
    Raises InputError for a missing, empty, foreign or truncated file."""
    if not os.path.exists(path):
        raise InputError("%s: no such file" % path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise InputError("%s: cannot read: %s" % (path, e.strerror or e))
    if not raw.strip():
        raise InputError("%s: empty file; expected a message trace (messages-run<R>.csv, written with "
                         "--traceMessages=1)" % path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("%s: not UTF-8 text (byte %d); not a message trace" % (path, e.start))
    truncated_tail = not text.endswith("\n")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as e:
        raise InputError("%s: broken CSV (%s); the file may be truncated" % (path, e))
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if missing or unknown or header[:len(REQUIRED)] != REQUIRED:
        what = []
        if missing:
            what.append("missing column(s) %s" % ", ".join(missing))
        if unknown:
            what.append("unknown column(s) %s" % ", ".join(unknown))
        if not what:
            what.append("columns in another order")
        raise InputError("%s: unknown header (%s): expected %s[,%s]; written by another version of the "
                         "scenarios, or not a message trace" % (path, "; ".join(what), ",".join(REQUIRED),
                                                               ",".join(OPTIONAL)))
    body = rows[1:]
    if not body:
        raise InputError("%s: header only, no message rows (was the run stopped before it wrote any?)" % path)
    ncol = len(header)
    out = []
    for i, cells in enumerate(body):
        line = i + 2
        last = i == len(body) - 1
        if len(cells) != ncol:
            if last:
                raise InputError("%s: truncated: last row (line %d) has %d of %d cells" % (path, line, len(cells),
                                                                                         ncol))
            raise InputError("%s: line %d has %d cells, expected %d" % (path, line, len(cells), ncol))
        r = dict(zip(header, cells))
        try:
            time = float(r["time"])
            run = int(r["run"])
            handoff = int(r["handoff"])
            nbytes = int(r["bytes"])
        except ValueError:
            if last and truncated_tail:
                raise InputError("%s: truncated: last row (line %d) is incomplete" % (path, line))
            raise InputError("%s: line %d: non-numeric run/handoff/time/bytes (%s, %s, %s, %s)"
                             % (path, line, r["run"], r["handoff"], r["time"], r["bytes"]))
        if r["link"] not in LINKS:
            raise InputError("%s: line %d: unknown link %r (expected %s)" % (path, line, r["link"], ", ".join(LINKS)))
        if not r["from"] or not r["to"] or not r["message"]:
            raise InputError("%s: line %d: empty from/to/message" % (path, line))
        for part in r["fields"].split(";"):
            if part.strip() and "=" not in part:
                if last and truncated_tail:
                    raise InputError("%s: truncated: last row (line %d) is incomplete" % (path, line))
                raise InputError("%s: line %d: field %r is not name=value" % (path, line, part))
        out.append({
            "index": i, "run": run, "handoff": handoff, "time": time, "link": r["link"],
            "from": r["from"], "to": r["to"], "protocol": r["protocol"], "message": r["message"],
            "bytes": nbytes, "fields": r["fields"],
            "attacker": _truthy(r.get("attacker")), "detect": (r.get("detect") or "").strip(),
            "case": (r.get("case") or "").strip(),
        })
    if truncated_tail:
        # The last row parsed, but a writer always ends a row with a newline.
        raise InputError("%s: truncated: the last line (line %d) has no end of line" % (path, len(body) + 1))
    return header, out


def segments(rows, run, handoffs_path):
    """{method: {"rows": {h: handoff row}, "msgs": [message rows]}} for one run.

    roaming-handoff simulates each method of --methods in turn (simulation time
    restarting at 0): the trace holds one time-ordered segment per method and
    the handoffs file one block of rows per method, matched in order."""
    msgs = [m for m in rows if m["run"] == run]
    segs = []
    prev = None
    for m in msgs:
        if not segs or m["time"] < prev:
            segs.append([])
        segs[-1].append(m)
        prev = m["time"]
    blocks = []
    header = []
    if handoffs_path and os.path.exists(handoffs_path):
        header, hrows = read_csv_rows(handoffs_path, REQUIRED_HANDOFF_COLUMNS, "handoffs")
        for r in hrows:
            if str(r.get("run", "")).strip() != str(run):
                continue
            if not blocks or blocks[-1][0] != r["method"]:
                blocks.append((r["method"], []))
            blocks[-1][1].append(r)
    if not blocks:
        blocks = [(None, [])]
        segs = [msgs]
    elif len(blocks) == 1:
        segs = [msgs]
    elif len(segs) != len(blocks):
        raise InputError("run %d: %d method blocks (%s) in %s but %d message segments (time restarts); cannot "
                         "match messages to methods (is the trace truncated, or is the handoffs file from another run?)" % (run, len(blocks), ", ".join(b[0] for b in blocks),
                                                        handoffs_path, len(segs)))
    out = {}
    for (method, brows), seg in zip(blocks, segs):
        idx = {}
        for i, r in enumerate(brows):
            h = int(float(r["handoff"])) if "handoff" in header and str(r["handoff"]).strip() else i
            idx[h] = r
        out[method] = {"rows": idx, "msgs": seg}
    return out


class Selection:
    """What the page shows: messages (time order), context messages of the
    same method segment (for cached PMKs), the handoff row if any, a title."""

    def __init__(self, msgs, context, row, title, method, run, kind):
        self.msgs = msgs
        self.context = context
        self.row = row
        self.title = title
        self.method = method
        self.run = run
        self.kind = kind


def _method_label(m):
    return {"full-eap": "Full EAP-AKA", "cached-pmk": "Cached PMK", "pre-association-ptk": "Pre-association PTK",
            "delegated": "Delegated (TSK)"}.get(m, m or "")


def list_handoffs(rows, path, handoffs_path=None):
    out = []
    for run in sorted({m["run"] for m in rows}):
        hp = handoffs_path or default_handoffs_path(path, run)
        for method, seg in segments(rows, run, hp).items():
            byh = {}
            for m in seg["msgs"]:
                byh.setdefault(m["handoff"], []).append(m)
            for h in sorted(byh):
                out.append((run, method, h, len(byh[h]), seg["rows"].get(h),
                            sorted({m["case"] for m in byh[h] if m["case"]})))
    return out


def default_handoffs_path(path, run):
    return os.path.join(os.path.dirname(os.path.abspath(path)), "handoffs-run%d.csv" % run)


def select(rows, path, run=None, method=None, handoff=None, mobile=None, index=None, t_from=None, t_to=None,
           case=None, handoffs_path=None):
    """One Selection. Exactly one way of choosing: handoff (trace index,
    optionally checked against mobile), mobile [+ index = the mobile's n-th
    handoff], a time window [t_from, t_to] (s), or a lab case."""
    runs = sorted({m["run"] for m in rows})
    if run is None:
        if len(runs) > 1:
            raise InputError("the file holds runs %s: choose one with --run" % ", ".join(map(str, runs)))
        run = runs[0]
    elif run not in runs:
        raise InputError("no messages of run %d (runs present: %s)" % (run, ", ".join(map(str, runs))))
    if case is not None:
        present = sorted({m["case"] for m in rows if m["case"]})
        if not present:
            raise InputError("%s has no 'case' column values: it is not a lab trace (choose --handoff, --mobile "
                             "or --from/--to)" % path)
        msgs = [m for m in rows if m["case"] == case and m["run"] == run]
        if not msgs:
            raise InputError("no lab case %r in %s (cases: %s)" % (case, path, ", ".join(present)))
        msgs.sort(key=lambda m: (m["time"], m["index"]))
        return Selection(msgs, msgs, None, "Lab case %s \u2014 run %d" % (case, run), None, run, "case")
    hp = handoffs_path or default_handoffs_path(path, run)
    segs = segments(rows, run, hp)
    if method is None:
        if len(segs) > 1:
            raise InputError("run %d holds the methods %s: choose one with --method"
                             % (run, ", ".join(str(m) for m in segs)))
        method = next(iter(segs))
    elif method not in segs:
        raise InputError("run %d has no method %r (present: %s)" % (run, method, ", ".join(str(m) for m in segs)))
    seg = segs[method]
    context = seg["msgs"]
    if t_from is not None or t_to is not None:
        lo = t_from if t_from is not None else float("-inf")
        hi = t_to if t_to is not None else float("inf")
        if lo > hi:
            raise InputError("--from %g is after --to %g" % (lo, hi))
        msgs = [m for m in context if lo <= m["time"] <= hi]
        if not msgs:
            raise InputError("no message of run %d%s between %s s and %s s (messages span %.6f s to %.6f s)"
                             % (run, " (" + method + ")" if method else "", t_from, t_to, context[0]["time"],
                                context[-1]["time"]))
        title = "%s \u2014 run %d, %.6f s to %.6f s" % (_method_label(method) or "Messages", run, msgs[0]["time"],
                                                        msgs[-1]["time"])
        return Selection(msgs, context, None, title, method, run, "window")
    present = sorted({m["handoff"] for m in context})
    if handoff is None:
        if mobile is None:
            raise InputError("choose a handoff (--handoff H, or --mobile M [--index K]), a time window "
                             "(--from/--to) or a lab case (--case)")
        mine = [h for h in present if seg["rows"].get(h) is not None
                and str(seg["rows"][h].get("mobile", "")).split(".")[0] == str(mobile)]
        if not seg["rows"]:
            raise InputError("--mobile needs the handoffs file (%s not found) to know which handoff is whose" % hp)
        k = index or 0
        if k < 0 or k >= len(mine):
            raise InputError("mobile %s has %d traced handoff(s) in run %d%s; --index %d is out of range"
                             % (mobile, len(mine), run, " (" + method + ")" if method else "", k))
        handoff = mine[k]
    if handoff not in present:
        raise InputError("no messages of handoff %s in run %d%s (present: %s)"
                         % (handoff, run, " for " + method if method else "", ", ".join(map(str, present))))
    row = seg["rows"].get(handoff)
    if mobile is not None and row is not None and str(row.get("mobile", "")).split(".")[0] != str(mobile):
        raise InputError("handoff %d of run %d is mobile %s's, not mobile %s's" % (handoff, run, row.get("mobile"),
                                                                                mobile))
    msgs = sorted((m for m in context if m["handoff"] == handoff), key=lambda m: (m["time"], m["index"]))
    if row is not None:
        fb = " (fell back to full EAP)" if _truthy(row.get("fallback")) else ""
        title = "%s%s \u2014 run %d, handoff %d: mobile %s, AP %s \u2192 AP %s" % (
            _method_label(row.get("method", method)), fb, run, handoff, row.get("mobile", "?"), row.get("from_ap", "?"),
            row.get("to_ap", "?"))
    else:
        title = "%srun %d, handoff %d" % ((_method_label(method) + " \u2014 ") if method else "", run, handoff)
    return Selection(msgs, context, row, title, method, run, "handoff")


