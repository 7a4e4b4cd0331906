"""Per-configuration statistics of handoff phases, totals and message counts.

For each configuration (the --by columns) and metric:
  n_runs, n_handoffs   replications and handoffs with a value for the metric
  mean                 mean of the per-replication means (the estimator the
                       confidence interval is about); with --ci-unit handoff,
                       the mean of all handoffs
  std                  sample standard deviation of those per-unit values
  ci_low, ci_high      two-sided Student-t interval for the mean (n-1 d.o.f.)
  median, p95          of all handoffs pooled (linear interpolation)
Phase durations are in milliseconds. A phase that did not occur in a handoff
(empty boundary cell) is left out of that phase's statistics.
"""

import json
import math
import os

from .formats import (PHASE_KEYS, PHASE_LABELS, COUNTER_COLUMNS, InputError, method_label, method_sort_key,
                      phase_labels, to_ms)
from .tdist import t_ppf

# (metric, source column, scale, unit, label)
METRICS = (
    [(k, "d_" + k, 1e3, "ms", PHASE_LABELS[k]) for k in PHASE_KEYS]
    + [("other", "d_other", 1e3, "ms", PHASE_LABELS["other"]),
       ("total", "d_total", 1e3, "ms", "Total"),
       ("detection", "detection", 1e3, "ms", "Detection (before total)"),
       ("udp_gap", "udp_gap", 1e3, "ms", "Outage (UDP gap)"),
       ("fallback", "fallback", 100.0, "%", "Fallback")]
    + [(c, c, 1.0, "count" if c.endswith("msgs") else "bytes", c) for c in COUNTER_COLUMNS]
)
METRIC_INDEX = {m[0]: i for i, m in enumerate(METRICS)}


def value_sort_key(v):
    """Numbers and ns-3 times sort numerically, other strings after them."""
    s = "" if v is None else str(v)
    try:
        return (0, float(s), s)
    except ValueError:
        pass
    ms = to_ms(s)
    if ms is not None:
        return (0, ms, s)
    return (1, 0.0, s)


def config_sort_key(by, values):
    key = []
    for c, v in zip(by, values):
        key.append(method_sort_key(v) if c == "method" else value_sort_key(v))
    return tuple(key)


def apply_where(df, where):
    """Keep rows matching every 'column=value' (numeric or time-aware)."""
    for w in where or []:
        if "=" not in w:
            raise InputError("--where %r: expected column=value" % w)
        col, val = w.split("=", 1)
        if col not in df.columns:
            raise InputError("--where %r: no column %r (columns: %s)" % (w, col, ", ".join(df.columns)))
        target = to_ms(val)
        cells = df[col].astype(str)
        mask = cells == val
        if target is not None:
            mask = mask | cells.map(lambda s: to_ms(s) is not None and abs(to_ms(s) - target) < 1e-9)
        df = df[mask]
        if df.empty:
            raise InputError("--where %r: no rows left" % w)
    return df


def read_meta(path):
    meta = os.path.splitext(path)[0] + ".meta.json"
    if os.path.exists(meta):
        with open(meta) as f:
            return json.load(f)
    return None


def default_by(df, path):
    """method, the sweep's swept parameters, and the sweep group when there
    are several."""
    by = []
    if "group" in df.columns and df["group"].nunique() > 1:
        by.append("group")
    by.append("method")
    meta = read_meta(path) if path else None
    if meta:
        for p in meta.get("swept", []):
            # 'methods' (the scenario's flag) is redundant with the rows' method.
            if p in df.columns and p not in by and p != "methods":
                by.append(p)
    return by


def prepare(df, include_initial=False):
    if not include_initial and "from_ap" in df.columns:
        df = df[~(df["from_ap"] == -1)]
    if df.empty:
        raise InputError("no handoffs left (all rows are initial associations?)")
    return df


def _quantile(sorted_vals, q):
    n = len(sorted_vals)
    if n == 0:
        return float("nan")
    pos = q * (n - 1)
    lo = int(math.floor(pos))
    hi = min(lo + 1, n - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (pos - lo)


def summarize(values, units, level):
    """values: per-handoff values; units: the replication of each value (or
    None for handoff-level CI). Returns a dict of statistics."""
    vals = [v for v in values]
    s = sorted(vals)
    out = {"n_handoffs": len(vals), "median": _quantile(s, 0.5), "p95": _quantile(s, 0.95)}
    if units is None:
        per = vals
    else:
        groups = {}
        for v, u in zip(vals, units):
            groups.setdefault(u, []).append(v)
        per = [sum(g) / len(g) for _, g in sorted(groups.items())]
    n = len(per)
    out["n_runs"] = len(set(units)) if units is not None else None
    mean = sum(per) / n if n else float("nan")
    if n >= 2:
        var = sum((x - mean) ** 2 for x in per) / (n - 1)
        std = math.sqrt(var)
        hw = t_ppf(0.5 + level / 2.0, n - 1) * std / math.sqrt(n)
    else:
        std = hw = float("nan")
    out.update({"mean": mean, "std": std, "ci_halfwidth": hw, "ci_low": mean - hw, "ci_high": mean + hw, "n_ci": n})
    return out


def compute(df, by, level=0.95, ci_unit="run", metrics=None):
    """Long-format statistics: a list of dict rows, configurations sorted."""
    for c in by:
        if c not in df.columns:
            raise InputError("no column %r to group by (columns: %s)" % (c, ", ".join(df.columns)))
    if ci_unit not in ("run", "handoff"):
        raise InputError("ci unit must be 'run' or 'handoff'")
    wanted = [m for m in METRICS if metrics is None or m[0] in metrics]
    labels = phase_labels(df)
    rows = []
    keys = sorted(df.groupby(by, sort=False).groups.keys() if by else [()],
                  key=lambda k: config_sort_key(by, k if isinstance(k, tuple) else (k,)))
    for key in keys:
        kt = key if isinstance(key, tuple) else (key,)
        sub = df
        for c, v in zip(by, kt):
            sub = sub[sub[c] == v]
        for name, col, scale, unit, _label in wanted:
            if col not in sub.columns:
                continue
            ok = sub[col].notna()
            vals = [float(x) * scale for x in sub.loc[ok, col]]
            if not vals:
                continue
            units = list(sub.loc[ok, "run"]) if ci_unit == "run" else None
            st = summarize(vals, units, level)
            r = dict(zip(by, kt))
            r.update({"metric": name, "unit": unit, "ci_level": level, "label": labels.get(name, _label)})
            r.update(st)
            rows.append(r)
    return rows


STAT_COLUMNS = ["metric", "unit", "n_runs", "n_handoffs", "mean", "std", "ci_level", "ci_low", "ci_high",
                "ci_halfwidth", "median", "p95"]


def _fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return "%.6g" % v
    return str(v)


def write_csv(rows, by, path):
    import csv

    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(by) + STAT_COLUMNS)
        for r in rows:
            w.writerow([_fmt(r.get(c)) for c in list(by) + STAT_COLUMNS])
    os.replace(tmp, path)


TABLE_METRICS = PHASE_KEYS + ["other", "total"]


def _table(rows, by, level):
    """Header and body cells of the summary table (one row per config)."""
    configs = []
    cell = {}
    for r in rows:
        k = tuple(r[c] for c in by)
        if k not in cell:
            configs.append(k)
            cell[k] = {}
        cell[k][r["metric"]] = r
    present = [m for m in TABLE_METRICS if any(m in cell[k] for k in configs)]
    header = [("Method" if c == "method" else c) for c in by] + ["Runs"]
    label = {}
    for k in configs:
        for m, r in cell[k].items():
            label.setdefault(m, r.get("label", PHASE_LABELS.get(m, m)))
    header += [label[m] for m in present] + ["Total median", "Total p95"]
    show_fb = any(cell[k].get("fallback", {}).get("mean", 0) > 0 for k in configs)
    if show_fb:
        header.append("Fallback %")
    body = []
    for k in configs:
        line = [method_label(v) if c == "method" else str(v) for c, v in zip(by, k)]
        tot = cell[k].get("total")
        line.append(str(tot["n_runs"]) if tot and tot["n_runs"] is not None else "")
        for m in present:
            s = cell[k].get(m)
            if s is None:
                line.append(None)
            else:
                line.append((s["mean"], s["ci_halfwidth"]))
        line.append(tot["median"] if tot else None)
        line.append(tot["p95"] if tot else None)
        if show_fb:
            fb = cell[k].get("fallback")
            line.append("%.1f" % fb["mean"] if fb else None)
        body.append(line)
    return header, body, len(by) + 1


def _num(v, pm):
    if v is None:
        return "–"
    if isinstance(v, tuple):
        mean, hw = v
        if math.isnan(hw):
            return "%.2f" % mean
        return "%.2f %s %.2f" % (mean, pm, hw)
    if isinstance(v, float):
        return "%.2f" % v
    return str(v)


def to_markdown(rows, by, level):
    header, body, nkey = _table(rows, by, level)
    lines = ["Handoff latency per configuration in ms: mean %s half width of the %g%% Student-t "
             "confidence interval over replications; – = phase did not occur." % ("±", level * 100), ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] * nkey + ["---:"] * (len(header) - nkey)) + "|")
    for b in body:
        cells = [c if i < nkey else _num(c, "±") for i, c in enumerate(b)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _tex_escape(s):
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#"),
                 ("$", r"\$"), ("{", r"\{"), ("}", r"\}")):
        s = s.replace(a, b)
    return s


def to_latex(rows, by, level):
    header, body, nkey = _table(rows, by, level)
    lines = [
        "% Generated by analysis/stats.py; needs \\usepackage{booktabs}.",
        "\\begin{table}[t]",
        "\\centering\\small",
        "\\caption{Handoff latency (ms): mean $\\pm$ half width of the %g\\,\\%% Student-t confidence "
        "interval over replications; -- = phase did not occur.}" % (level * 100),
        "\\label{tab:handoff-latency}",
        "\\begin{tabular}{%s}" % ("l" * nkey + "r" * (len(header) - nkey)),
        "\\toprule",
        " & ".join(_tex_escape(h) for h in header) + " \\\\",
        "\\midrule",
    ]
    for b in body:
        cells = []
        for i, c in enumerate(b):
            if i < nkey:
                cells.append(_tex_escape(c))
            else:
                cells.append(_num(c, "$\\pm$").replace("–", "--"))
        lines.append(" & ".join(cells) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}", ""]
    return "\n".join(lines)
