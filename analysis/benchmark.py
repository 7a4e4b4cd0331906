#!/usr/bin/python3
"""Cost per mobile and simulated second against the number of mobiles, from the JSON
lines of scenarios/run-benchmark.sh (benchmark-campus and its callgrind runs).

  benchmark.py scaling.jsonl -o results/benchmark/scaling [--format png,pdf]

Per number of mobiles and security setting (the repetition with the least CPU time):
events, CPU microseconds and, where callgrind counted them, instructions after the
warm-up per mobile and simulated second. Writes <out>.md (the table, the spread of each
series as max/min - 1, the on/off ratios) and the figure <out>.png (and the other
formats asked for). Exit 2 with a message naming the file and line on bad input.
"""

import argparse
import json
import os
import sys


class InputError(Exception):
    pass


def read_points(path):
    """{(security, mobiles): point} from a JSON-lines file."""
    campus = {}
    instructions = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror))
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            kind = rec["benchmark"]
            key = (rec["security"], int(rec["mobiles"]))
            steady = float(rec["duration"]) - float(rec["warmup"])
            if steady <= 0 or key[1] <= 0:
                raise ValueError("duration must exceed warmup and mobiles be positive")
            if kind == "campus":
                point = {
                    "aps": int(rec["aps"]),
                    "events": rec["events_steady"] / (key[1] * steady),
                    "cpu_us": 1e6 * rec["cpu_steady_s"] / (key[1] * steady),
                    "cpu_steady_s": rec["cpu_steady_s"],
                    "started": rec["handoffs_started"],
                    "completed": rec["handoffs_completed"],
                    "delivered": rec["data_delivered"],
                    # lines written before the field existed have no steady count
                    "delivered_steady": rec.get("data_delivered_steady"),
                    "peak_mb": rec["peak_mb"],
                }
                old = campus.get(key)
                if old is None or point["cpu_steady_s"] < old["cpu_steady_s"]:
                    campus[key] = point
            elif kind == "campus-instructions":
                if rec["instructions_steady"] > 0:
                    instructions[key] = rec["instructions_steady"] / (key[1] * steady)
        except (ValueError, KeyError, TypeError) as e:
            raise InputError("%s line %d: not a benchmark JSON line (%s)" % (path, number, e))
    if not campus:
        raise InputError("%s: no benchmark-campus JSON line" % path)
    for key, value in instructions.items():
        if key in campus:
            campus[key]["instructions"] = value
    return campus


def spread(values):
    values = [v for v in values if v is not None]
    return max(values) / min(values) - 1 if len(values) > 1 and min(values) > 0 else None


def table(points):
    mobiles = sorted({m for _, m in points})
    rows = ["| mobiles | APs | events/mob/s on | off | on/off | CPU us/mob/s on | off | on/off "
            "| instr/mob/s on | off | on/off | handoffs on | off | delivered on/off "
            "| after warm-up | peak MB on | off |",
            "|" + "---|" * 17]

    def get(sec, m, k):
        return points.get((sec, m), {}).get(k)

    def fmt(v, spec="%.0f"):
        return "-" if v is None else spec % v

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    for m in mobiles:
        on = points.get(("on", m), {})
        off = points.get(("off", m), {})
        aps = on.get("aps", off.get("aps"))
        rows.append("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            m, aps, fmt(on.get("events")), fmt(off.get("events")),
            fmt(ratio(on.get("events"), off.get("events")), "%.3f"),
            fmt(on.get("cpu_us"), "%.1f"), fmt(off.get("cpu_us"), "%.1f"),
            fmt(ratio(on.get("cpu_us"), off.get("cpu_us")), "%.3f"),
            fmt(on.get("instructions")), fmt(off.get("instructions")),
            fmt(ratio(on.get("instructions"), off.get("instructions")), "%.3f"),
            "-" if not on else "%d/%d" % (on["completed"], on["started"]),
            "-" if not off else "%d/%d" % (off["completed"], off["started"]),
            fmt(ratio(on.get("delivered"), off.get("delivered")), "%.3f"),
            fmt(ratio(on.get("delivered_steady"), off.get("delivered_steady")), "%.3f"),
            fmt(on.get("peak_mb"), "%.1f"), fmt(off.get("peak_mb"), "%.1f")))
    rows.append("")
    for sec in ("on", "off"):
        for k, label in (("events", "events"), ("cpu_us", "CPU"), ("instructions", "instructions")):
            s = spread([get(sec, m, k) for m in mobiles])
            if s is not None:
                rows.append("- security %s, %s per mobile and second: max/min - 1 = %.1f %% over %s mobiles"
                            % (sec, label, 100 * s, ", ".join(str(m) for m in mobiles
                                                              if get(sec, m, k) is not None)))
    return "\n".join(rows) + "\n"


def plot(points, base, formats):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = [("events", "events"), ("cpu_us", "CPU (us)")]
    if any("instructions" in p for p in points.values()):
        metrics.append(("instructions", "instructions"))
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3.4))
    for ax, (key, label) in zip(axes, metrics):
        for sec, style in (("on", "o-"), ("off", "s--")):
            xs = sorted(m for s, m in points if s == sec and key in points[(s, m)])
            if xs:
                ax.plot(xs, [points[(sec, m)][key] for m in xs], style, label="security " + sec)
        ax.set_xscale("log")
        ax.set_xlabel("mobiles")
        ax.set_ylabel(label + " per mobile and simulated s")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    written = []
    for fmt in formats:
        path = "%s.%s" % (base, fmt)
        fig.savefig(path, dpi=150)
        written.append(path)
    plt.close(fig)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSON lines of scenarios/run-benchmark.sh")
    ap.add_argument("-o", "--out", help="output path without extension (default: <input dir>/scaling)")
    ap.add_argument("--format", default="png", help="comma-separated formats (png, pdf, svg)")
    args = ap.parse_args(argv)
    try:
        formats = [f.strip() for f in args.format.split(",") if f.strip()]
        if not formats or any(f not in ("png", "pdf", "svg") for f in formats):
            raise InputError("--format: choose among png, pdf, svg")
        points = read_points(args.input)
        base = args.out or os.path.join(os.path.dirname(os.path.abspath(args.input)), "scaling")
        text = table(points)
        with open(base + ".md", "w", encoding="utf-8") as f:
            f.write(text)
        print(text, end="")
        print("wrote %s.md" % base)
        for path in plot(points, base, formats):
            print("wrote %s" % path)
        return 0
    except InputError as e:
        print("benchmark.py: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
