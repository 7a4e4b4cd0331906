#!/usr/bin/python3
"""Statistics per configuration over replications: mean, median, p95 and a
Student-t confidence interval for each handoff phase, the total and the
message counts. Writes stats.csv (long format), stats.md and stats.tex.

  stats.py results/standard/handoffs.csv                 # next to the input
  stats.py handoffs.csv -o out/ --by method,wanDelay --where group=wan
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from roamsec_analysis import stats as st  # noqa: E402
from roamsec_analysis.formats import InputError, load_handoffs  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="handoffs CSV (merged sweep results or one handoffs-run<R>.csv)")
    ap.add_argument("-o", "--out-dir", help="output directory (default: the input's directory)")
    ap.add_argument("--prefix", default="stats", help="output file name prefix (default: stats)")
    ap.add_argument("--by", help="comma-separated configuration columns (default: method plus the "
                    "sweep's swept parameters, and group if there are several)")
    ap.add_argument("--where", action="append", help="keep only rows with column=value (repeatable)")
    ap.add_argument("--level", type=float, default=0.95, help="confidence level (default 0.95)")
    ap.add_argument("--ci-unit", choices=["run", "handoff"], default="run",
                    help="independent unit of the confidence interval (default: run = replication)")
    ap.add_argument("--include-initial", action="store_true",
                    help="keep initial associations (from_ap = -1), which are not handoffs")
    args = ap.parse_args(argv)
    try:
        if not 0 < args.level < 1:
            raise InputError("--level must be between 0 and 1")
        df = load_handoffs(args.input)
        df = st.apply_where(df, args.where)
        df = st.prepare(df, args.include_initial)
        by = [c.strip() for c in args.by.split(",") if c.strip()] if args.by else st.default_by(df, args.input)
        rows = st.compute(df, by, args.level, args.ci_unit)
        out = args.out_dir or os.path.dirname(os.path.abspath(args.input))
        os.makedirs(out, exist_ok=True)
        base = os.path.join(out, args.prefix)
        st.write_csv(rows, by, base + ".csv")
        with open(base + ".md", "w") as f:
            f.write(st.to_markdown(rows, by, args.level))
        with open(base + ".tex", "w") as f:
            f.write(st.to_latex(rows, by, args.level))
        print("wrote %s.csv, %s.md, %s.tex (%d configurations, by %s)"
              % (base, base, base, len({tuple(r[c] for c in by) for r in rows}), ",".join(by)))
        return 0
    except InputError as e:
        print("stats.py: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
