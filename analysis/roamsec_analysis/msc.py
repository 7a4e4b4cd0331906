"""Message sequence charts of one handoff, for teaching.

Lifelines: mobile, access point(s), visited AAA, home AAA (any other
endpoint gets its own lifeline at the right). Messages are drawn in time
order, one row each (not to time scale, so bursts stay readable), with the
time since the start of the handoff on the left and the key fields of each
message (hex shortened) under its arrow. Handoff milestones from the
handoffs file (link lost, associated, EAP success, ...) are drawn as dotted
separators where they fall between messages.
"""

import glob
import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from .formats import (InputError, load_messages, method_label, method_sort_key, parse_fields,  # noqa: E402
                      read_csv_rows, REQUIRED_HANDOFF_COLUMNS)

ROLE_PATTERNS = [
    ("mobile", re.compile(r"^(sta|mobile|mn|ue|ms)[-_]?\d*$", re.I)),
    ("ap", re.compile(r"^ap[-_]?\d*$", re.I)),
    ("visited", re.compile(r"(^vaaa|visited|^v[-_]?aaa|^aaa[-_]?v)", re.I)),
    ("home", re.compile(r"(^haaa|home|^h[-_]?aaa|^aaa[-_]?h|^hss|^auc)", re.I)),
]
ROLE_ORDER = ["mobile", "ap", "visited", "home", "other"]
ROLE_TITLE = {"mobile": "Mobile", "ap": "AP", "visited": "Visited AAA", "home": "Home AAA", "other": ""}

PROTOCOL_COLOR = {
    "EAP": "#D55E00",
    "EAP-AKA": "#B2182B",
    "EAPOL": "#0072B2",
    "RADIUS": "#333333",
    "PREASSOC": "#009E73",
    "DELEGATION": "#8E44AD",
}
LINK_STYLE = {"air": "-", "backhaul": (0, (5, 2)), "wan": (0, (8, 2, 2, 2))}

MILESTONES = [
    ("t_link_lost", "link lost"),
    ("t_scan_done", "scan done"),
    ("t_associated", "(re)associated"),
    ("t_eap_start", "EAP starts"),
    ("t_eap_done", "EAP success"),
    ("t_4way_done", "key handshake done"),
    ("t_port_open_sta", "mobile port open"),
    ("t_port_open_ap", "AP port open"),
    ("t_first_data", "first data"),
]


def role_of(name):
    for role, pat in ROLE_PATTERNS:
        if pat.search(name):
            return role
    return "other"


def _ap_number(name):
    m = re.search(r"(\d+)$", name)
    return int(m.group(1)) if m else None


def lifelines(messages, handoff_row=None):
    """Ordered [(endpoint, title)] for the messages."""
    names = []
    for m in messages:
        for n in (m["from"], m["to"]):
            if n not in names:
                names.append(n)

    def key(n):
        r = role_of(n)
        return (ROLE_ORDER.index(r), _ap_number(n) if r == "ap" else 0, n)

    out = []
    for n in sorted(names, key=key):
        r = role_of(n)
        title = ROLE_TITLE[r]
        if r == "ap" and handoff_row is not None:
            num = _ap_number(n)
            if num is not None and str(num) == str(handoff_row.get("to_ap", "")).split(".")[0]:
                title = "New AP"
            elif num is not None and str(num) == str(handoff_row.get("from_ap", "")).split(".")[0]:
                title = "Old AP"
        out.append((n, title))
    return out


def shorten_hex(value, keep):
    v = value.strip()
    if keep > 0 and len(v) > keep + 1:
        return v[:keep] + "\u2026"
    return v


def field_lines(fields, keep_hex, width):
    """Fields as 'NAME=hex…' items packed into lines of at most width chars."""
    items = ["%s=%s" % (n, shorten_hex(v, keep_hex)) if v else n for n, v in parse_fields(fields)]
    lines = []
    cur = ""
    for it in items:
        if cur and len(cur) + 2 + len(it) > width:
            lines.append(cur)
            cur = it
        else:
            cur = it if not cur else cur + "  " + it
    if cur:
        lines.append(cur)
    return lines


def select(messages, run=None, handoff=None):
    runs = sorted({m["run"] for m in messages})
    if run is None:
        if len(runs) > 1:
            raise InputError("the file holds runs %s: choose one with --run" % ", ".join(map(str, runs)))
        run = runs[0]
    sel = [m for m in messages if m["run"] == run]
    if not sel:
        raise InputError("no messages of run %d (runs present: %s)" % (run, ", ".join(map(str, runs))))
    hs = sorted({m["handoff"] for m in sel})
    if handoff is None:
        raise InputError("choose a handoff with --handoff (present: %s)" % _ranges(hs))
    out = [m for m in sel if m["handoff"] == handoff]
    if not out:
        raise InputError("no messages of handoff %d in run %d (present: %s)" % (handoff, run, _ranges(hs)))
    return run, sorted(out, key=lambda m: m["time"])


def _ranges(xs):
    xs = list(xs)
    if len(xs) > 12:
        return "%s ... %s (%d handoffs)" % (", ".join(map(str, xs[:6])), ", ".join(map(str, xs[-3:])), len(xs))
    return ", ".join(map(str, xs))


def handoff_row_for(messages_path, run, handoff, handoffs_path=None):
    """The handoff's row from handoffs-run<R>.csv next to the messages file
    (row number = handoff index unless the file has a 'handoff' column)."""
    path = handoffs_path or os.path.join(os.path.dirname(os.path.abspath(messages_path)), "handoffs-run%d.csv" % run)
    if not os.path.exists(path):
        return None
    header, rows = read_csv_rows(path, REQUIRED_HANDOFF_COLUMNS, "handoffs")
    rows = [r for r in rows if str(r.get("run", "")).strip() == str(run)]
    if "handoff" in header:
        for r in rows:
            if str(r["handoff"]).strip() == str(handoff):
                return r
        return None
    return rows[handoff] if 0 <= handoff < len(rows) else None


def _f(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def build_rows(msgs, handoff_row):
    """Messages and milestones merged in time order: (kind, time, payload)."""
    rows = [("msg", m["time"], m) for m in msgs]
    if handoff_row is not None:
        seen = {}
        for col, label in MILESTONES:
            t = _f(handoff_row.get(col))
            if t is None:
                continue
            seen.setdefault(t, []).append(label)
        for t, labels in seen.items():
            # A milestone sorts after the messages sent at the same time.
            rows.append(("mark", t, " / ".join(labels)))
    rows.sort(key=lambda r: (r[1], 0 if r[0] == "msg" else 1))
    return rows


def draw(msgs, handoff_row=None, title=None, keep_hex=8):
    lanes = lifelines(msgs, handoff_row)
    x_of = {n: i for i, (n, _) in enumerate(lanes)}
    rows = build_rows(msgs, handoff_row)
    t0 = _f(handoff_row.get("t_link_lost")) if handoff_row is not None else None
    if t0 is None:
        t0 = min(m["time"] for m in msgs)
    # Lifelines far enough apart for the longest message label (~0.075 in
    # per bold character at 8.8 pt) and the title.
    lane_w = 2.9
    for m in msgs:
        span = abs(x_of[m["to"]] - x_of[m["from"]])
        if span:
            n = len(m["message"]) + len(m["protocol"]) + len(str(m["bytes"])) + 8
            lane_w = max(lane_w, (n * 0.075 + 0.3) / span)
    left = 1.15
    width_in = left + lane_w * max(1, len(lanes) - 1) + 2.8
    if title:
        width_in = max(width_in, 0.3 + len(title) * 0.105)
    # Row heights: a message takes 0.34 in plus 0.16 per line of fields.
    chars = int(lane_w * 13.5)
    heights = []
    prepared = []
    for kind, t, p in rows:
        if kind == "msg":
            span = max(1, abs(x_of[p["to"]] - x_of[p["from"]]))
            lines = field_lines(p.get("fields", ""), keep_hex, chars * span)
            prepared.append((kind, t, p, lines))
            heights.append(0.40 + 0.17 * len(lines))
        else:
            prepared.append((kind, t, p, []))
            heights.append(0.30)
    head = 0.95
    height_in = head + sum(heights) + 0.75
    fig = plt.figure(figsize=(width_in, height_in))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, width_in)
    ax.set_ylim(height_in, 0)
    ax.axis("off")

    def lx(i):
        return left + 0.8 + lane_w * i

    # Title and lifeline heads.
    if title:
        ax.text(0.15, 0.25, title, fontsize=11, fontweight="bold", va="center", ha="left")
    bottom = height_in - 0.55
    for n, tt in lanes:
        x = lx(x_of[n])
        ax.text(x, 0.68, "%s\n%s" % (tt, n) if tt else n, ha="center", va="center", fontsize=9.5,
                bbox=dict(boxstyle="round,pad=0.35", fc="#F2F2F2", ec="#555555", lw=0.8))
        ax.plot([x, x], [0.88, bottom], color="#888888", lw=1.0, zorder=0)
    ax.text(0.15, 0.68, "time (ms)", fontsize=8.5, ha="left", va="center", color="#444444")
    y = head
    for (kind, t, p, lines), h in zip(prepared, heights):
        if kind == "mark":
            yc = y + h / 2
            ax.plot([left + 0.35, lx(len(lanes) - 1) + 0.5], [yc, yc], color="#999999", lw=0.8, ls=":")
            ax.text(lx(len(lanes) - 1) + 0.55, yc, p, fontsize=8, style="italic", color="#555555",
                    ha="left", va="center")
            ax.text(0.15, yc, "%+.3f" % ((t - t0) * 1e3), fontsize=8, family="monospace", color="#777777",
                    va="center", ha="left")
            y += h
            continue
        ya = y + 0.27
        x1, x2 = lx(x_of[p["from"]]), lx(x_of[p["to"]])
        color = PROTOCOL_COLOR.get(p["protocol"], "#000000")
        ls = LINK_STYLE.get(p["link"], "-")
        ax.text(0.15, ya, "%+.3f" % ((t - t0) * 1e3), fontsize=8.5, family="monospace", va="center", ha="left")
        if x1 == x2:
            ax.plot([x1, x1 + 0.35, x1 + 0.35, x1 + 0.05], [ya - 0.08, ya - 0.08, ya + 0.08, ya + 0.08],
                    color=color, lw=1.3, ls=ls)
            xm, ha = x1 + 0.45, "left"
        else:
            ax.annotate("", xy=(x2, ya), xytext=(x1, ya),
                        arrowprops=dict(arrowstyle="-|>", color=color, lw=1.4, ls=ls, shrinkA=0, shrinkB=0,
                                        mutation_scale=12))
            xm, ha = (x1 + x2) / 2, "center"
        ax.text(xm, ya - 0.06, "%s  [%s, %s B]" % (p["message"], p["protocol"], p["bytes"]), fontsize=8.8,
                ha=ha, va="bottom", color=color, fontweight="bold")
        for k, line in enumerate(lines):
            ax.text(xm, ya + 0.07 + 0.17 * k, line, fontsize=7.8, family="monospace", ha=ha, va="top",
                    color="#222222")
        y += h
    # Legend: arrow style = link, colour = protocol.
    protos = sorted({m["protocol"] for m in msgs})
    links = [lk for lk in ("air", "backhaul", "wan") if any(m["link"] == lk for m in msgs)]
    handles = [Line2D([], [], color=PROTOCOL_COLOR.get(pr, "#000"), lw=2, label=pr) for pr in protos]
    handles += [Line2D([], [], color="#555555", lw=1.4, ls=LINK_STYLE[lk], label="%s link" % lk) for lk in links]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=8.5,
               bbox_to_anchor=(0.5, 0.0))
    return fig


def chart(messages_path, out_base, run=None, handoff=None, handoffs_path=None, formats=("svg", "png"),
          keep_hex=8, messages=None):
    messages = messages if messages is not None else load_messages(messages_path)
    run, msgs = select(messages, run, handoff)
    row = handoff_row_for(messages_path, run, handoff, handoffs_path)
    if row is not None:
        m = row.get("method", "")
        fb = " (fell back to full EAP)" if str(row.get("fallback", "0")).strip() in ("1", "1.0") else ""
        title = "%s%s \u2014 run %d, handoff %d: mobile %s, AP %s \u2192 AP %s" % (
            method_label(m), fb, run, handoff, row.get("mobile", "?"), row.get("from_ap", "?"), row.get("to_ap", "?"))
    else:
        title = "Run %d, handoff %d" % (run, handoff)
    fig = draw(msgs, row, title, keep_hex)
    os.makedirs(os.path.dirname(os.path.abspath(out_base)) or ".", exist_ok=True)
    written = []
    with plt.rc_context({"svg.hashsalt": "roamsec-msc", "svg.fonttype": "none"}):
        for fmt in formats:
            path = "%s.%s" % (out_base, fmt)
            meta = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                    "pdf": {"CreationDate": None, "Creator": None, "Producer": None}}.get(fmt, {})
            fig.savefig(path, format=fmt, dpi=130, metadata=meta)
            written.append(path)
    plt.close(fig)
    return written


def list_handoffs(messages_path, messages=None):
    """[(run, handoff, n_messages, method or '', mobile or '')]."""
    messages = messages if messages is not None else load_messages(messages_path)
    counts = {}
    for m in messages:
        counts[(m["run"], m["handoff"])] = counts.get((m["run"], m["handoff"]), 0) + 1
    out = []
    for (run, h), n in sorted(counts.items()):
        row = handoff_row_for(messages_path, run, h)
        out.append((run, h, n, row.get("method", "") if row else "", row.get("mobile", "") if row else "",
                    row.get("from_ap", "") if row else ""))
    return out


def find_examples(root):
    """One (messages file, run, handoff) per method under root: the first
    real handoff (not an initial association, no fallback) by run number."""
    files = glob.glob(os.path.join(root, "**", "messages-run*.csv"), recursive=True)
    files = sorted(files, key=lambda p: (int(re.search(r"messages-run(\d+)\.csv$", p).group(1)), p))
    if not files:
        raise InputError("%s: no messages-run<R>.csv files (run the scenario with --traceMessages=1)" % root)
    chosen = {}
    for path in files:
        run = int(re.search(r"messages-run(\d+)\.csv$", path).group(1))
        hpath = os.path.join(os.path.dirname(path), "handoffs-run%d.csv" % run)
        if not os.path.exists(hpath):
            continue
        header, rows = read_csv_rows(hpath, REQUIRED_HANDOFF_COLUMNS, "handoffs")
        msgs = None
        for i, r in enumerate(rows):
            h = int(r["handoff"]) if "handoff" in header else i
            method = r["method"]
            if method in chosen or str(r["from_ap"]).strip() == "-1":
                continue
            if str(r.get("fallback", "0")).strip() not in ("", "0", "0.0"):
                continue
            if msgs is None:
                msgs = load_messages(path)
            if any(m["handoff"] == h and m["run"] == run for m in msgs):
                chosen[method] = (path, run, h, msgs)
    if not chosen:
        raise InputError("%s: no traced handoff found" % root)
    return dict(sorted(chosen.items(), key=lambda kv: method_sort_key(kv[0])))
