"""Figures for papers: latency CDF, phase breakdown, latency vs WAN delay,
AAA load and WAN messages vs number of mobiles (during handoffs and outside
them, from the run JSONs' "signalling"), latency or outage vs WAN delay per
roaming policy. PNG and PDF (and SVG),
byte-for-byte deterministic for the same input and matplotlib version."""

import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

from .formats import (PHASE_KEYS, SIGNALLING_PARTS, InputError, method_label, method_sort_key,  # noqa: E402
                      phase_labels, read_run_signalling, to_ms)
from .stats import prepare, summarize, value_sort_key  # noqa: E402

# Okabe-Ito colours (colour-blind safe) plus markers and dashes so that the
# curves stay distinct in greyscale print.
METHOD_STYLE = {
    "full-eap": ("#D55E00", "o", "-"),
    "cached-pmk": ("#0072B2", "s", "--"),
    "pre-association-ptk": ("#009E73", "^", "-."),
    "delegated": ("#CC79A7", "D", ":"),
    "okc": ("#E69F00", "v", (0, (5, 1.5, 1, 1.5, 1, 1.5))),
    "fast-reauth": ("#56B4E9", "P", (0, (1, 1))),
    "ft-over-air": ("#000000", "X", (0, (3, 1, 1, 1))),
    "ft-over-ds": ("#666666", "*", (0, (1, 2))),
}
OTHER_STYLES = [("#E69F00", "v", "-"), ("#56B4E9", "P", "--"), ("#000000", "X", "-.")]
PHASE_STYLE = {
    "scan": ("#BBBBBB", ""),
    "association": ("#56B4E9", "//"),
    "authentication": ("#D55E00", ""),
    "key_handshake": ("#0072B2", "\\\\"),
    "port_open": ("#F0E442", ".."),
    "first_data": ("#009E73", ""),
    "other": ("#FFFFFF", "xx"),
}

RC = {
    "font.size": 11,
    "axes.labelsize": 11,
    "axes.titlesize": 11,
    "legend.fontsize": 9.5,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "lines.linewidth": 1.8,
    "lines.markersize": 6,
    "axes.grid": True,
    "grid.alpha": 0.35,
    "grid.linestyle": ":",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "svg.hashsalt": "roamsec",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}

DEFAULT_FORMATS = ("png", "pdf")


def method_style(method, index):
    if method in METHOD_STYLE:
        return METHOD_STYLE[method]
    return OTHER_STYLES[index % len(OTHER_STYLES)]


def save(fig, base, formats=DEFAULT_FORMATS, dpi=200):
    """Write base.<fmt> for each format without timestamps."""
    d = os.path.dirname(os.path.abspath(base))
    os.makedirs(d, exist_ok=True)
    written = []
    for fmt in formats:
        path = "%s.%s" % (base, fmt)
        meta = {"png": {"Software": None}, "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
                "svg": {"Date": None, "Creator": None}}.get(fmt, {})
        fig.savefig(path, format=fmt, dpi=dpi, metadata=meta)
        written.append(path)
    plt.close(fig)
    return written


def _methods(df):
    return sorted(df["method"].dropna().unique(), key=method_sort_key)


def _need(df, col, hint):
    if col not in df.columns:
        raise InputError("no column %r in the input (%s)" % (col, hint))


def fig_cdf(df, title=None):
    """Empirical CDF of the total handoff latency, one curve per method."""
    df = prepare(df)
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    plotted = 0
    for i, m in enumerate(_methods(df)):
        v = sorted(df.loc[(df["method"] == m) & df["d_total"].notna(), "d_total"] * 1e3)
        if not v:
            continue
        n = len(v)
        color, marker, ls = method_style(m, i)
        xs = [v[0]] + v
        ys = [0.0] + [(k + 1) / n for k in range(n)]
        ax.step(xs, ys, where="post", color=color, linestyle=ls, label="%s (n=%d)" % (method_label(m), n))
        plotted += 1
    if not plotted:
        raise InputError("no handoff with a total latency (t_link_lost and t_first_data) to plot")
    ax.set_xlabel("Handoff latency, link loss to first data (ms)")
    ax.set_ylabel("Fraction of handoffs")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(left=0)
    # Above the axes: CDF curves leave no reliably empty corner.
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.01), ncol=2, frameon=False, handlelength=2.6)
    if title:
        ax.set_title(title)
    return fig


def phase_means(df):
    """Mean duration (ms) of each phase per method over the handoffs with a
    total; a phase that did not occur counts as 0."""
    df = prepare(df)
    df = df[df["d_total"].notna()]
    out = {}
    for m in _methods(df):
        sub = df[df["method"] == m]
        if sub.empty:
            continue
        out[m] = {k: float(sub["d_" + k].fillna(0.0).mean() * 1e3) for k in PHASE_KEYS + ["other", "total"]}
        out[m]["n"] = len(sub)
    if not out:
        raise InputError("no handoff with a total latency to break down")
    return out


def fig_phases(df, title=None):
    means = phase_means(df)
    labels = phase_labels(df)
    methods = list(means)
    fig, ax = plt.subplots(figsize=(6.4, 3.9))
    x = list(range(len(methods)))
    bottom = [0.0] * len(methods)
    keys = [k for k in PHASE_KEYS + ["other"] if any(means[m][k] > 0 for m in methods)]
    for k in keys:
        color, hatch = PHASE_STYLE[k]
        vals = [means[m][k] for m in methods]
        ax.bar(x, vals, 0.6, bottom=bottom, color=color, hatch=hatch, edgecolor="#333333", linewidth=0.6,
               label=labels[k] if k != "other" else "Other (waits)")
        bottom = [b + v for b, v in zip(bottom, vals)]
    top = max(bottom)
    for xi, m in zip(x, methods):
        ax.annotate("%.1f ms" % means[m]["total"], (xi, bottom[xi]), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=9.5)
    ax.set_xticks(x)
    ax.set_xticklabels([method_label(m).replace(" (", "\n(") for m in methods])
    ax.set_ylabel("Mean handoff latency (ms)")
    ax.set_ylim(0, top * 1.12 if top > 0 else 1)
    ax.set_xlim(-0.5, len(methods) - 0.5)
    ax.grid(axis="x", visible=False)
    # Legend in stacking order (top phase first), outside the axes.
    h, lab = ax.get_legend_handles_labels()
    ax.legend(h[::-1], lab[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if title:
        ax.set_title(title)
    return fig


def curve_points(df, xcol, ycol, agg, level=0.95):
    """Per method: sorted [(x, mean, ci_halfwidth, n_runs)] where the mean
    and CI are over runs of the per-run aggregate (agg: 'mean' or 'sum')."""
    xs = df[xcol].map(lambda v: to_ms(v) if to_ms(v) is not None else float("nan"))
    df = df.assign(_x=xs)
    if df["_x"].isna().any():
        bad = sorted(set(df.loc[df["_x"].isna(), xcol].astype(str)))
        raise InputError("column %r has non-numeric values: %s" % (xcol, ", ".join(bad[:5])))
    df = df[df[ycol].notna()]
    g = df.groupby(["method", "_x", "run"])[ycol]
    per_run = g.sum() if agg == "sum" else g.mean()
    out = {}
    for (m, x), s in per_run.groupby(level=[0, 1]):
        st = summarize(list(s.values), list(range(len(s))), level)
        out.setdefault(m, []).append((x, st["mean"], st["ci_halfwidth"], len(s)))
    for m in out:
        out[m].sort()
    return dict(sorted(out.items(), key=lambda kv: method_sort_key(kv[0])))


def _errorbar_curves(ax, curves):
    for i, (m, pts) in enumerate(curves.items()):
        color, marker, ls = method_style(m, i)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        err = [0.0 if p[2] != p[2] else p[2] for p in pts]  # NaN (one run) -> no bar
        ax.errorbar(xs, ys, yerr=err, color=color, marker=marker, linestyle=ls, capsize=3.5,
                    markerfacecolor="white" if i % 2 else color, label=method_label(m))


def fig_wan(df, wan_param="wanDelay", level=0.95, title=None):
    _need(df, wan_param, "pass the WAN delay parameter's name with --wan-param")
    df = prepare(df)
    curves = curve_points(df, wan_param, "d_total", "mean", level)
    curves = {m: [(x, y * 1e3, e * 1e3, n) for x, y, e, n in p] for m, p in curves.items()}
    if not curves:
        raise InputError("no handoff with a total latency to plot")
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    _errorbar_curves(ax, curves)
    ax.set_xlabel("WAN one-way delay, visited to home AAA (ms)")
    ax.set_ylabel("Mean handoff latency (ms)")
    ax.set_ylim(bottom=0)
    ax.set_xlim(left=0)
    nmin = min(p[3] for pts in curves.values() for p in pts)
    leg = ax.legend(loc="upper left", frameon=True, title="bars: %g%% CI, \u2265 %d runs" % (level * 100, nmin))
    leg.get_title().set_fontsize(8.5)
    if title:
        ax.set_title(title)
    return fig


# Load figure panels: (counter, title, y label).
LOAD_PANELS = [
    ("home_aaa_msgs", "Home AAA", "RADIUS messages per run"),
    ("visited_aaa_msgs", "Visited AAA", None),  # same unit as its left neighbour
    ("wan_msgs", "WAN (visited\u2013home)", "Messages per run"),
]
# With the runs' signalling, a fourth panel: the backhaul, where FT's key pushes between
# key holders, over-the-DS relays and pre-association's over-DS exchanges travel.
BACKHAUL_PANEL = ("backhaul_msgs", "Backhaul (APs, visited AAA)", "Messages per run")
PART_LABELS = {
    "during_handoffs": "During handoffs",
    "outside_handoffs": "Outside handoffs (preparation, first association)",
}
OUTSIDE_HATCH = "////"


def run_json_path(handoffs_path, run, job=None):
    """A run's run<R>.json: runs/<job>/ beside a merged handoffs.csv, else
    beside the run's own handoffs file."""
    d = os.path.dirname(os.path.abspath(handoffs_path))
    if job:
        return os.path.join(d, "runs", str(job), "run%d.json" % run)
    return os.path.join(d, "run%d.json" % run)


def load_signalling(df, handoffs_path, mobiles_param="numMobiles"):
    """The "signalling" of every run of df, read from the run JSONs: one row
    per (method, run, part) with columns method, x (the run's mobiles_param),
    run (job id, else run number), part and the counters. Methods are those
    of df. Returns (table, None), or (None, why) if any run's JSON is
    missing, unreadable or has no "signalling"."""
    import pandas as pd

    _need(df, mobiles_param, "pass the number-of-mobiles parameter's name with --mobiles-param")
    methods = _methods(df)
    keys = ["job", "run"] if "job" in df.columns else ["run"]
    runs = df.groupby(keys, sort=True)
    rows, problems = [], []
    for key, sub in runs:
        key = key if isinstance(key, tuple) else (key,)
        job, run = (key[0] if len(key) == 2 else None), int(key[-1])
        path = run_json_path(handoffs_path, run, job)
        if not os.path.exists(path):
            problems.append("%s: missing" % path)
            continue
        try:
            signalling = read_run_signalling(path)
        except InputError as e:
            problems.append(str(e))
            continue
        if signalling is None:
            problems.append("%s: no \"signalling\" (older results)" % path)
            continue
        absent = [m for m in methods if m not in signalling]
        if absent:
            problems.append("%s: no signalling of %s" % (path, ", ".join(absent)))
            continue
        x = to_ms(sub[mobiles_param].iloc[0])
        if x is None:
            raise InputError("column %r has non-numeric value %r" % (mobiles_param, sub[mobiles_param].iloc[0]))
        for m in methods:
            for part in SIGNALLING_PARTS:
                r = {"method": m, "x": x, "run": job or run, "part": part}
                r.update(signalling[m][part])
                rows.append(r)
    if problems:
        return None, "%d of %d runs have no usable signalling in their run JSON (first: %s)" % (
            len(problems), runs.ngroups, problems[0])
    return pd.DataFrame(rows), None


def signalling_points(table, counter, level=0.95):
    """Per method: sorted [(x, mean during handoffs, mean outside handoffs,
    CI half width of the run total, number of runs)] of one counter, means
    and CI over runs (a table from load_signalling)."""
    out = {}
    for (m, x), sub in table.groupby(["method", "x"]):
        by_part = {p: sub[sub["part"] == p].set_index("run")[counter] for p in SIGNALLING_PARTS}
        during, outside = by_part["during_handoffs"], by_part["outside_handoffs"]
        total = during.add(outside, fill_value=0.0)
        st = summarize(list(total.values), list(range(len(total))), level)
        out.setdefault(m, []).append((float(x), float(during.mean()), float(outside.mean()), st["ci_halfwidth"],
                                      len(total)))
    for m in out:
        out[m].sort()
    return dict(sorted(out.items(), key=lambda kv: method_sort_key(kv[0])))


def fig_load(df, mobiles_param="numMobiles", level=0.95, title=None, signalling=None):
    """Messages per run at the home AAA, the visited AAA and on the WAN
    against the number of mobiles. With signalling (load_signalling's
    table): stacked bars, during handoffs and outside them, and a fourth
    panel for the backhaul. Without: curves of the handoff rows' counters
    only (older results)."""
    if signalling is None:
        return _fig_load_handoff_rows(df, mobiles_param, level, title)
    methods = sorted(signalling["method"].unique(), key=method_sort_key)
    xs = sorted(signalling["x"].unique())
    width = 0.8 / len(methods)
    panels = LOAD_PANELS + [BACKHAUL_PANEL]
    fig, axes = plt.subplots(1, len(panels), figsize=(13.0, 3.6))
    n_runs = []
    for ax, (col, name, ylabel) in zip(axes, panels):
        points = signalling_points(signalling, col, level)
        for i, m in enumerate(methods):
            color = method_style(m, i)[0]
            pts = points.get(m, [])
            pos = [xs.index(p[0]) + (i - (len(methods) - 1) / 2.0) * width for p in pts]
            during = [p[1] for p in pts]
            outside = [p[2] for p in pts]
            err = [0.0 if p[3] != p[3] else p[3] for p in pts]  # NaN (one run) -> no bar
            ax.bar(pos, during, width, color=color, edgecolor="#333333", linewidth=0.5)
            ax.bar(pos, outside, width, bottom=during, color="white", edgecolor=color, hatch=OUTSIDE_HATCH,
                   linewidth=0.8)
            ax.errorbar(pos, [d + o for d, o in zip(during, outside)], yerr=err, fmt="none", ecolor="#333333",
                        elinewidth=0.8, capsize=2)
            n_runs += [p[4] for p in pts]
        ax.set_xticks(range(len(xs)))
        ax.set_xticklabels(["%g" % x for x in xs])
        ax.set_xlim(-0.5, len(xs) - 0.5)
        ax.set_ylim(bottom=0)
        ax.grid(axis="x", visible=False)
        ax.set_title(name)
        ax.set_xlabel("Number of mobiles")
        if ylabel:
            ax.set_ylabel(ylabel)
    # Two legend rows: methods (colour), then the parts (fill).
    method_handles = [Patch(facecolor=method_style(m, i)[0], edgecolor="#333333", linewidth=0.5,
                            label=method_label(m)) for i, m in enumerate(methods)]
    part_handles = [Patch(facecolor="#999999", edgecolor="#333333", linewidth=0.5,
                          label=PART_LABELS["during_handoffs"]),
                    Patch(facecolor="white", edgecolor="#555555", hatch=OUTSIDE_HATCH,
                          label=PART_LABELS["outside_handoffs"])]
    leg = fig.legend(handles=method_handles, loc="lower center", ncol=len(methods), frameon=False,
                     bbox_to_anchor=(0.5, 0.05),
                     title="error bars: %g%% CI of the run total, \u2265 %d runs" % (level * 100, min(n_runs)))
    leg.get_title().set_fontsize(8.5)
    fig.legend(handles=part_handles, loc="lower center", ncol=2, frameon=False, bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.17, 1, 1))
    if title:
        fig.suptitle(title)
    return fig


def _fig_load_handoff_rows(df, mobiles_param, level, title):
    """The handoff rows' counters summed per run (no preparation)."""
    _need(df, mobiles_param, "pass the number-of-mobiles parameter's name with --mobiles-param")
    for c, _, _ in LOAD_PANELS:
        _need(df, c, "a handoffs file with message counters")
    fig, axes = plt.subplots(1, 3, figsize=(10.0, 3.4), sharex=True)
    handles = None
    for ax, (col, name, ylabel) in zip(axes, LOAD_PANELS):
        curves = curve_points(df, mobiles_param, col, "sum", level)
        _errorbar_curves(ax, curves)
        ax.set_title(name)
        ax.set_xlabel("Number of mobiles")
        if ylabel:
            ax.set_ylabel(ylabel)
        ax.set_ylim(bottom=0)
        ax.set_xlim(left=0)
        if handles is None:
            handles = ax.get_legend_handles_labels()
    fig.legend(handles[0], handles[1], loc="lower center", ncol=len(handles[0]), frameon=False,
               bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    if title:
        fig.suptitle(title)
    return fig


# Policies figure: metric -> (source column, y label).
POLICY_METRICS = {
    "total": ("d_total", "Mean handoff latency (ms)"),
    "udp_gap": ("udp_gap", "Mean outage, UDP gap (ms)"),
}
# Known roaming policies first, in this order; any other value after them.
POLICY_ORDER = ["missed-beacons", "rssi"]


def _policy_sort_key(v):
    return (POLICY_ORDER.index(v) if v in POLICY_ORDER else len(POLICY_ORDER), value_sort_key(v))


def policy_points(df, policy_param="policy", wan_param="wanDelay", metric="total", level=0.95):
    """{policy: {method: [(wan ms, mean ms, CI half width ms, n runs)]}}:
    per policy value, curve_points of the metric ('total' or 'udp_gap') in
    ms, mean and Student-t CI over runs of the per-run means."""
    if metric not in POLICY_METRICS:
        raise InputError("unknown metric %r (choose among %s)" % (metric, ", ".join(POLICY_METRICS)))
    _need(df, policy_param, "pass the roaming policy's column with --policy-param")
    _need(df, wan_param, "pass the WAN delay parameter's name with --wan-param")
    col = POLICY_METRICS[metric][0]
    _need(df, col, "a handoffs file with the %s column" % metric)
    df = prepare(df)
    if df[policy_param].isna().any() or (df[policy_param].astype(str).str.strip() == "").any():
        raise InputError("column %r has empty cells" % policy_param)
    out = {}
    for pol in sorted(df[policy_param].astype(str).unique(), key=_policy_sort_key):
        sub = df[df[policy_param].astype(str) == pol]
        curves = curve_points(sub, wan_param, col, "mean", level)
        out[pol] = {m: [(x, y * 1e3, e * 1e3, n) for x, y, e, n in pts] for m, pts in curves.items()}
    if not any(out.values()):
        raise InputError("no handoff with a %s to plot" % ("total latency" if metric == "total" else metric))
    return out


def _panel_title(df, policy_param, pol):
    """'rssi' plus the scan type and the share of each trigger when the
    input has those columns."""
    sub = df[df[policy_param].astype(str) == pol]
    title = "%s policy" % pol
    if "scan" in sub.columns:
        scans = sorted(sub["scan"].dropna().astype(str).unique())
        if len(scans) == 1:
            title += ", %s scan" % scans[0]
    if "trigger" in sub.columns:
        trig = sub["trigger"].dropna().astype(str)
        trig = trig[trig != ""]
        if len(trig):
            shares = trig.value_counts(normalize=True)
            title += "\ntrigger: " + ", ".join("%s %.0f%%" % (t, shares[t] * 100)
                                                for t in sorted(shares.index, key=lambda t: -shares[t]))
    return title


def fig_policies(df, policy_param="policy", wan_param="wanDelay", metric="total", level=0.95, yscale="auto",
                 title=None):
    """One panel per roaming policy (shared y axis): mean total latency or
    outage per method against the WAN delay, 95 % CI over runs."""
    if yscale not in ("auto", "linear", "log"):
        raise InputError("y scale must be auto, linear or log")
    points = policy_points(df, policy_param, wan_param, metric, level)
    df = prepare(df)
    pols = list(points)
    fig, axes = plt.subplots(1, len(pols), figsize=(4.6 * len(pols) + 0.6, 3.9), sharey=True, squeeze=False)
    axes = axes[0]
    means = [p[1] for c in points.values() for pts in c.values() for p in pts]
    methods = sorted({m for c in points.values() for m in c}, key=method_sort_key)
    bottom = []
    positive = min(means) > 0
    if yscale == "auto":
        yscale = "log" if positive and max(means) / min(means) > 20 else "linear"
    if yscale == "log" and not positive:
        raise InputError("a log y axis needs positive means (some mean %s is <= 0)" % metric)
    handles = {}
    for ax, pol in zip(axes, pols):
        for m, pts in points[pol].items():
            i = methods.index(m)  # same style in every panel
            color, marker, ls = method_style(m, i)
            ys = [p[1] for p in pts]
            err = [0.0 if p[2] != p[2] else p[2] for p in pts]  # NaN (one run) -> no bar
            if yscale == "log":
                # Lower bars clipped above 0, so that the log axis can draw them.
                err = [[min(e, 0.9 * y) for e, y in zip(err, ys)], err]
                bottom += [y - e for y, e in zip(ys, err[0])]
            handles[m] = ax.errorbar([p[0] for p in pts], ys, yerr=err, color=color, marker=marker, linestyle=ls,
                                     capsize=3.5, markerfacecolor="white" if i % 2 else color,
                                     label=method_label(m))
        ax.set_title(_panel_title(df, policy_param, pol), fontsize=10)
        ax.set_xlabel("WAN one-way delay, visited to home AAA (ms)")
        ax.set_xlim(left=0)
    axes[0].set_ylabel(POLICY_METRICS[metric][1])
    if yscale == "log":
        axes[0].set_yscale("log")
        axes[0].set_ylim(bottom=min(bottom) * 0.7)
        # Plain numbers at 1, 2 and 5 per decade rather than powers of ten.
        axes[0].yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: "%g" % v))
        axes[0].yaxis.set_minor_formatter(NullFormatter())
    else:
        axes[0].set_ylim(bottom=0)
    nmin = min(p[3] for c in points.values() for pts in c.values() for p in pts)
    ncol = min(len(methods), 3 if len(pols) == 1 else 6)
    leg = fig.legend([handles[m] for m in methods], [method_label(m) for m in methods], loc="lower center",
                     ncol=ncol, frameon=False, bbox_to_anchor=(0.5, -0.01),
                     title="bars: %g%% CI over runs, \u2265 %d runs per point" % (level * 100, nmin))
    leg.get_title().set_fontsize(8.5)
    rows = -(-len(methods) // ncol)
    fig.tight_layout(rect=(0, 0.06 + 0.05 * rows, 1, 1))
    if title:
        fig.suptitle(title)
    return fig


FIGURES = {"cdf": fig_cdf, "phases": fig_phases, "wan": fig_wan, "load": fig_load, "policies": fig_policies}


def make(kind, df, base, formats=DEFAULT_FORMATS, **kw):
    with plt.rc_context(RC):
        fig = FIGURES[kind](df, **kw)
        return save(fig, base, formats)
