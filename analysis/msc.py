#!/usr/bin/python3
"""Message sequence charts of handoffs (mobile, AP, visited AAA, home AAA).

  msc.py list  results/x/messages-run3.csv                   # which handoffs are there
  msc.py chart results/x/messages-run3.csv --method cached-pmk --handoff 4 -o fig/msc-run3-h4
  msc.py per-method results/standard-trace -o fig/            # one chart per method

The scenario writes messages-run<R>.csv when run with --traceMessages=1; the
handoffs-run<R>.csv beside it gives the method and the milestones.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from roamsec_analysis.formats import InputError  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("list", help="list the handoffs of a messages file")
    p.add_argument("messages")
    p = sub.add_parser("chart", help="draw one handoff")
    p.add_argument("messages", help="messages-run<R>.csv")
    p.add_argument("--handoff", type=int, required=True, help="handoff index (see 'list')")
    p.add_argument("--run", type=int, help="run number (needed if the file holds several runs)")
    p.add_argument("--method", help="method (needed if the run simulated several methods)")
    p.add_argument("--handoffs", help="handoffs CSV (default: handoffs-run<R>.csv beside the messages file)")
    p.add_argument("-o", "--out", help="output path without extension (default: msc-run<R>-h<H> beside the input)")
    p.add_argument("--format", default="svg,png", help="comma-separated formats (svg, png, pdf)")
    p.add_argument("--hex", type=int, default=8, help="hex digits shown per field, 0 for all (default 8)")
    p = sub.add_parser("per-method", help="one chart per method from a directory of traced runs")
    p.add_argument("dir", help="directory searched recursively for messages-run<R>.csv")
    p.add_argument("-o", "--out-dir", required=True)
    p.add_argument("--format", default="svg,png")
    p.add_argument("--hex", type=int, default=8)
    args = ap.parse_args(argv)
    try:
        from roamsec_analysis import msc

        formats = [f.strip() for f in getattr(args, "format", "svg").split(",") if f.strip()]
        if not formats or any(f not in ("svg", "png", "pdf") for f in formats):
            raise InputError("--format: choose among svg, png, pdf")
        if args.hex < 0 if hasattr(args, "hex") else False:
            raise InputError("--hex must be >= 0")
        if args.cmd == "list":
            print("%-6s %-20s %-8s %-9s %-7s %s" % ("run", "method", "handoff", "messages", "mobile", "APs"))
            for run, method, h, n, row in msc.list_handoffs(args.messages):
                aps = "%s -> %s" % (row.get("from_ap", "?"), row.get("to_ap", "?")) if row else ""
                fb = " (fallback)" if row and str(row.get("fallback", "0")).strip() in ("1", "1.0") else ""
                print("%-6d %-20s %-8d %-9d %-7s %s%s" % (run, method or "?", h, n, row.get("mobile", "") if row
                                                          else "", aps, fb))
        elif args.cmd == "chart":
            out = args.out
            if not out:
                from roamsec_analysis.formats import load_messages

                msgs = load_messages(args.messages)
                run = args.run if args.run is not None else msgs[0]["run"]
                out = os.path.join(os.path.dirname(os.path.abspath(args.messages)), "msc-run%d-%sh%d"
                                   % (run, args.method + "-" if args.method else "", args.handoff))
            for w in msc.chart(args.messages, out, args.run, args.handoff, args.handoffs, formats, args.hex,
                               method=args.method):
                print("wrote %s" % w)
        else:
            for method, (path, run, h, msgs) in msc.find_examples(args.dir).items():
                out = os.path.join(args.out_dir, "msc-%s" % method)
                for w in msc.chart(path, out, run, h, None, formats, args.hex, messages=msgs, method=method):
                    print("wrote %s (run %d, handoff %d)" % (w, run, h))
        return 0
    except InputError as e:
        print("msc.py: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
