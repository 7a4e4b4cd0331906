#!/usr/bin/python3
"""Interactive sequence viewer: one self-contained HTML page (no server, no
network, works from file://) showing one handoff, a time window or one lab
case of a message trace. Click a message to see its decoded fields, the key
that protects it (MAC or encryption) and that key's derivation chain back to
K and RAND, with the values when roamsec-keytool's JSON is given.

  viewer.py list results/x/messages-run1.csv
  viewer.py results/x/messages-run1.csv --method full-eap --handoff 0 -o h0.html
  viewer.py results/x/messages-run1.csv --method cached-pmk --mobile 0 --index 2 -o h.html
  viewer.py results/x/messages-run1.csv --method delegated --from 6.41 --to 6.43 -o w.html
  viewer.py results/lab/messages-run1.csv --case rogue-ap -o rogue.html
  viewer.py ... --keys keytool-rand1.json --keys keytool-rand2.json

The handoffs-run<R>.csv beside the trace gives the method blocks, the mobile
of each handoff and the milestones; run<R>.json gives the EAP-AKA profile.
Exit status: 0 written, 2 bad input (the message names the file and the
problem), 1 internal error.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from roamsec_analysis.formats import InputError  # noqa: E402


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "list":
        ap = argparse.ArgumentParser(prog="viewer.py list", description="list the handoffs and lab cases of a trace")
        ap.add_argument("trace")
        ap.add_argument("--handoffs", help="handoffs CSV (default: handoffs-run<R>.csv beside the trace)")
        args = ap.parse_args(argv[1:])
        try:
            from roamsec_analysis.viewer_trace import list_handoffs, load_trace

            _, rows = load_trace(args.trace)
            print("%-5s %-20s %-8s %-9s %-7s %s" % ("run", "method", "handoff", "messages", "mobile", "APs / cases"))
            for run, method, h, n, row, cases in list_handoffs(rows, args.trace, args.handoffs):
                aps = "%s -> %s" % (row.get("from_ap", "?"), row.get("to_ap", "?")) if row else ""
                print("%-5d %-20s %-8d %-9d %-7s %s%s" % (run, method or "?", h, n, row.get("mobile", "") if row
                                                         else "", aps, " cases: " + ",".join(cases) if cases else ""))
            return 0
        except InputError as e:
            print("viewer.py: error: %s" % e, file=sys.stderr)
            return 2
    ap = argparse.ArgumentParser(prog="viewer.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trace", help="messages-run<R>.csv (written with --traceMessages=1)")
    ap.add_argument("-o", "--out", help="HTML file to write (default: viewer-<selection>.html beside the trace)")
    g = ap.add_argument_group("selection (one of)")
    g.add_argument("--handoff", type=int, help="handoff index as in the trace's handoff column ('list' shows them)")
    g.add_argument("--mobile", type=int, help="mobile index: its first handoff, or the --index-th")
    g.add_argument("--index", type=int, help="with --mobile: which of the mobile's handoffs (0-based)")
    g.add_argument("--from", dest="t_from", type=float, help="time window start (s, simulation time)")
    g.add_argument("--to", dest="t_to", type=float, help="time window end (s)")
    g.add_argument("--case", help="a lab case: every message of that case (trace column 'case')")
    ap.add_argument("--run", type=int, help="run number (needed if the file holds several runs)")
    ap.add_argument("--method", help="method (needed if the run simulated several methods)")
    ap.add_argument("--handoffs", help="handoffs CSV (default: handoffs-run<R>.csv beside the trace)")
    ap.add_argument("--keys", action="append", default=[], metavar="JSON",
                    help="roamsec-keytool output; repeat for several RANDs. Matched by inputs.rand (AKA keys) and "
                         "rsn.anonce/snonce (PTK keys). Without it the page says 'values not supplied'")
    ap.add_argument("--profile", choices=["draft", "rfc4187"],
                    help="EAP-AKA profile (default: from run<R>.json beside the trace, else draft)")
    args = ap.parse_args(argv)
    try:
        from roamsec_analysis import viewer

        ways = sum([args.handoff is not None or args.mobile is not None,
                    args.t_from is not None or args.t_to is not None, args.case is not None])
        if ways != 1:
            raise InputError("choose exactly one selection: --handoff H / --mobile M [--index K], --from/--to, "
                             "or --case NAME")
        if args.index is not None and args.mobile is None:
            raise InputError("--index needs --mobile")
        out = args.out
        if not out:
            tag = ("case-%s" % args.case if args.case else "h%d" % args.handoff if args.handoff is not None
                   else "m%d-%d" % (args.mobile, args.index or 0) if args.mobile is not None
                   else "t%s-%s" % (args.t_from, args.t_to))
            out = os.path.join(os.path.dirname(os.path.abspath(args.trace)), "viewer-%s%s.html"
                               % (args.method + "-" if args.method else "", tag))
        path, data = viewer.generate(args.trace, out, keys=args.keys, run=args.run, method=args.method,
                                     handoff=args.handoff, mobile=args.mobile, index=args.index, t_from=args.t_from,
                                     t_to=args.t_to, case=args.case, handoffs_path=args.handoffs,
                                     profile=args.profile)
        n = sum(1 for r in data["rows"] if r["kind"] == "msg")
        print("wrote %s (%d messages; %s)" % (path, n, "key values from " + ", ".join(args.keys) if args.keys
                                                else "no key values"))
        return 0
    except InputError as e:
        print("viewer.py: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
