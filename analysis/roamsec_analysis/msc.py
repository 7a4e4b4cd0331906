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

from .endpoints import MILESTONES, ap_number, lanes, role_of  # noqa: E402
from .formats import (InputError, load_messages, method_label, method_sort_key, parse_fields,  # noqa: E402
                      read_csv_rows, REQUIRED_HANDOFF_COLUMNS)


PROTOCOL_COLOR = {
    "EAP": "#D55E00",
    "EAP-AKA": "#B2182B",
    "EAPOL": "#0072B2",
    "RADIUS": "#333333",
    "PREASSOC": "#009E73",
    "DELEGATION": "#8E44AD",
}
LINK_STYLE = {"air": "-", "backhaul": (0, (5, 2)), "wan": (0, (8, 2, 2, 2))}



def lifelines(messages, handoff_row=None):
    """Ordered [(endpoint, title)] for the messages."""
    return [(n, title) for n, _, title in lanes(messages, handoff_row)]


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


def _ranges(xs):
    xs = list(xs)
    if len(xs) > 12:
        return "%s ... %s (%d handoffs)" % (", ".join(map(str, xs[:6])), ", ".join(map(str, xs[-3:])), len(xs))
    return ", ".join(map(str, xs))


def choose_run(messages, run=None):
    runs = sorted({m["run"] for m in messages})
    if run is None:
        if len(runs) > 1:
            raise InputError("the file holds runs %s: choose one with --run" % ", ".join(map(str, runs)))
        return runs[0]
    if run not in runs:
        raise InputError("no messages of run %d (runs present: %s)" % (run, ", ".join(map(str, runs))))
    return run


def run_trace(messages, messages_path, run, handoffs_path=None):
    """Messages and handoff rows of one run, by method and handoff index:
    {method: {"rows": {h: row}, "msgs": {h: [message, ...]}}}.

    A scenario run may simulate several methods one after the other (same
    mobility, simulation time restarting at 0), appending one block of rows
    per method to handoffs-run<R>.csv and numbering each method's handoffs
    from 0. Its messages file then holds one time-ordered segment per method;
    segment i is matched to the i-th method block. The method key is None
    when there is no handoffs file."""
    msgs = [m for m in messages if m["run"] == run]
    segs = []
    prev = None
    for m in msgs:
        if not segs or m["time"] < prev:
            segs.append([])
        segs[-1].append(m)
        prev = m["time"]
    path = handoffs_path or os.path.join(os.path.dirname(os.path.abspath(messages_path)), "handoffs-run%d.csv" % run)
    blocks = []
    header = []
    if os.path.exists(path):
        header, rows = read_csv_rows(path, REQUIRED_HANDOFF_COLUMNS, "handoffs")
        for r in rows:
            if str(r.get("run", "")).strip() != str(run):
                continue
            if not blocks or blocks[-1][0] != r["method"]:
                blocks.append((r["method"], []))
            blocks[-1][1].append(r)
    if not blocks:
        if len(segs) > 1:
            raise InputError("run %d: the messages come from %d simulations (time restarts) and there is no %s "
                             "to tell their methods apart" % (run, len(segs), path))
        blocks = [(None, [])]
        segs = [msgs]
    elif len(blocks) == 1:
        segs = [msgs]
    elif len(segs) != len(blocks):
        raise InputError("run %d: %d method blocks (%s) in %s but %d message segments (time restarts); cannot "
                         "match messages to methods: run the scenario with one method per run"
                         % (run, len(blocks), ", ".join(b[0] for b in blocks), path, len(segs)))
    out = {}
    for (method, brows), seg in zip(blocks, segs):
        idx = {}
        for i, r in enumerate(brows):
            h = int(float(r["handoff"])) if "handoff" in header and str(r["handoff"]).strip() else i
            idx[h] = r
        byh = {}
        for m in seg:
            byh.setdefault(m["handoff"], []).append(m)
        out[method] = {"rows": idx, "msgs": byh}
    return out


def select(trace, run, handoff, method=None):
    """(method, messages in time order, handoff row or None)."""
    if method is None:
        if len(trace) > 1:
            raise InputError("run %d holds the methods %s: choose one with --method" % (run, ", ".join(trace)))
        method = next(iter(trace))
    elif method not in trace:
        raise InputError("run %d has no method %r (present: %s)" % (run, method, ", ".join(str(m) for m in trace)))
    t = trace[method]
    present = sorted(t["msgs"])
    if handoff is None or handoff not in t["msgs"]:
        raise InputError("no messages of handoff %s in run %d%s (present: %s)"
                         % (handoff, run, "" if method is None else " for " + method, _ranges(present)))
    return method, sorted(t["msgs"][handoff], key=lambda m: m["time"]), t["rows"].get(handoff)


def alias_endpoints(msgs, row):
    """An AAA may name the AP just 'ap': take it as the handoff's new AP (or
    the only numbered AP in the exchange) so that it shares its lifeline."""
    numbered = sorted({n for m in msgs for n in (m["from"], m["to"])
                       if role_of(n) == "ap" and ap_number(n) is not None})
    target = None
    if row is not None:
        try:
            to_ap = int(float(row.get("to_ap", "")))
            cands = [n for n in numbered if ap_number(n) == to_ap]
            target = cands[0] if cands else None
        except ValueError:
            pass
    if target is None and len(numbered) == 1:
        target = numbered[0]
    if target is None:
        return msgs
    out = []
    for m in msgs:
        m = dict(m)
        for k in ("from", "to"):
            if role_of(m[k]) == "ap" and ap_number(m[k]) is None:
                m[k] = target
        out.append(m)
    return out


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
    marks = [p for kind, _, p in rows if kind == "mark"]
    right = max([2.8] + [1.0 + 0.075 * len(m) for m in marks])
    width_in = left + lane_w * max(1, len(lanes) - 1) + right
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
        same = tt and n.lower().replace("-", " ") == tt.lower()
        ax.text(x, 0.68, n if not tt else tt if same else "%s\n%s" % (tt, n), ha="center", va="center", fontsize=9.5,
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
          keep_hex=8, messages=None, method=None):
    messages = messages if messages is not None else load_messages(messages_path)
    run = choose_run(messages, run)
    trace = run_trace(messages, messages_path, run, handoffs_path)
    method, msgs, row = select(trace, run, handoff, method)
    msgs = alias_endpoints(msgs, row)
    if row is not None:
        fb = " (fell back to full EAP)" if str(row.get("fallback", "0")).strip() in ("1", "1.0") else ""
        title = "%s%s \u2014 run %d, handoff %d: mobile %s, AP %s \u2192 AP %s" % (
            method_label(row.get("method", method)), fb, run, handoff, row.get("mobile", "?"),
            row.get("from_ap", "?"), row.get("to_ap", "?"))
    else:
        title = "Run %d, handoff %d" % (run, handoff) + (" (%s)" % method_label(method) if method else "")
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
    """[(run, method, handoff, n_messages, row or None)] for every traced handoff."""
    messages = messages if messages is not None else load_messages(messages_path)
    out = []
    for run in sorted({m["run"] for m in messages}):
        trace = run_trace(messages, messages_path, run)
        for method in sorted(trace, key=lambda x: method_sort_key(x or "")):
            t = trace[method]
            for h in sorted(t["msgs"]):
                out.append((run, method, h, len(t["msgs"][h]), t["rows"].get(h)))
    return out


def find_examples(root):
    """One (messages file, run, handoff, method) per method under root: the
    first handoff without fallback, by run number then handoff index."""
    files = glob.glob(os.path.join(root, "**", "messages-run*.csv"), recursive=True)
    files = sorted(files, key=lambda p: (int(re.search(r"messages-run(\d+)\.csv$", p).group(1)), p))
    if not files:
        raise InputError("%s: no messages-run<R>.csv files (run the scenario with --traceMessages=1)" % root)
    chosen = {}
    for path in files:
        msgs = load_messages(path)
        for run in sorted({m["run"] for m in msgs}):
            trace = run_trace(msgs, path, run)
            for method, t in trace.items():
                if method is None or method in chosen:
                    continue
                for h in sorted(t["msgs"]):
                    row = t["rows"].get(h)
                    if row is None or str(row.get("fallback", "0")).strip() not in ("", "0", "0.0"):
                        continue
                    chosen[method] = (path, run, h, msgs)
                    break
    if not chosen:
        raise InputError("%s: no traced handoff found" % root)
    return dict(sorted(chosen.items(), key=lambda kv: method_sort_key(kv[0])))
