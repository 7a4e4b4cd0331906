#!/usr/bin/python3
"""Figures from a handoffs CSV (merged sweep results or one run's file).

  plots.py cdf    handoffs.csv -o fig/latency-cdf      [--where group=baseline]
  plots.py phases handoffs.csv -o fig/phase-breakdown  [--where group=baseline]
  plots.py wan    handoffs.csv -o fig/latency-vs-wan   [--wan-param wanDelay]
  plots.py load   handoffs.csv -o fig/load-vs-mobiles  [--mobiles-param numMobiles]
  plots.py policies handoffs.csv -o fig/latency-by-policy [--metric total|udp_gap]
                  [--policy-param policy] [--wan-param wanDelay] [--yscale auto|linear|log]

The load figure reads each run's run<R>.json (runs/<job>/ beside a merged
handoffs.csv, else beside the file) for its "signalling" totals. The
policies figure has one panel per value of the policy column (e.g.
missed-beacons, rssi), mean total latency (--metric total) or outage
(--metric udp_gap) per method against the WAN delay, CI over runs.

Each writes <out>.png and <out>.pdf (--format png,pdf,svg to choose).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from roamsec_analysis.formats import InputError, load_handoffs  # noqa: E402
from roamsec_analysis.stats import apply_where  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("figure", choices=["cdf", "phases", "wan", "load", "policies"])
    ap.add_argument("input", help="handoffs CSV")
    ap.add_argument("-o", "--out", help="output path without extension (default: <input dir>/<figure>)")
    ap.add_argument("--format", default="png,pdf", help="comma-separated formats (png, pdf, svg)")
    ap.add_argument("--where", action="append", help="keep only rows with column=value (repeatable)")
    ap.add_argument("--title", help="figure title (default none: papers put it in the caption)")
    ap.add_argument("--wan-param", default="wanDelay", help="column of the WAN delay (wan, policies figures)")
    ap.add_argument("--mobiles-param", default="numMobiles", help="column of the number of mobiles (load figure)")
    ap.add_argument("--policy-param", default="policy", help="column of the roaming policy (policies figure)")
    ap.add_argument("--metric", choices=["total", "udp_gap"], default="total",
                    help="policies figure: total latency or the outage (udp_gap)")
    ap.add_argument("--yscale", choices=["auto", "linear", "log"], default="auto",
                    help="policies figure's y axis (auto: log when the means span more than a factor 20)")
    ap.add_argument("--level", type=float, default=0.95, help="confidence level of the error bars")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        bad = [f for f in formats if f not in ("png", "pdf", "svg")]
        if bad or not formats:
            raise InputError("--format: choose among png, pdf, svg")
        from roamsec_analysis import plots

        df = apply_where(load_handoffs(args.input), args.where)
        kw = {"title": args.title}
        if args.figure == "wan":
            kw.update(wan_param=args.wan_param, level=args.level)
        elif args.figure == "policies":
            kw.update(policy_param=args.policy_param, wan_param=args.wan_param, metric=args.metric,
                      level=args.level, yscale=args.yscale)
        elif args.figure == "load":
            signalling, why = plots.load_signalling(df, args.input, args.mobiles_param)
            if signalling is None:
                print("plots.py: note: %s; drawing the handoff rows' counters only, without preparation "
                      "and first associations" % why, file=sys.stderr)
            kw.update(mobiles_param=args.mobiles_param, level=args.level, signalling=signalling)
        base = args.out or os.path.join(os.path.dirname(os.path.abspath(args.input)), args.figure)
        for p in plots.make(args.figure, df, base, formats, **kw):
            print("wrote %s" % p)
        return 0
    except InputError as e:
        print("plots.py: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
