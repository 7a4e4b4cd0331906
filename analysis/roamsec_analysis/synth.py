"""Synthetic results in the scenario format, for tests and demonstrations.

The latencies follow a plausible model (scan, association, EAP round trips
over the backhaul and WAN, 4-way handshake, AAA queueing growing with the
number of mobiles) but are NOT simulation results. `main()` behaves like a
scenario program: ns-3 style --name=value flags, --RngRun, --outDir.
"""

import csv
import json
import os
import random
import sys

from .formats import COUNTER_COLUMNS, HANDOFF_COLUMNS, MESSAGE_COLUMNS, METHODS, to_ms

# Flag names follow contrib/roaming-security/examples/roaming-handoff.cc (methods, numMobiles,
# numAps, apSpacing, wanDelay in ms, policy, scan); handoffsPerMobile and backhaulDelay are
# synthetic only. Any other flag is accepted and ignored.
DEFAULTS = {
    "methods": "all",
    "wanDelay": "50",
    "backhaulDelay": "1",
    "numMobiles": "1",
    "numAps": "3",
    "apSpacing": "110",
    "policy": "missed-beacons",
    "scan": "passive",
    "handoffsPerMobile": "3",
    "traceMessages": "0",
    "RngRun": "1",
    "RngSeed": "1",
    "outDir": "results/roaming-handoff",
}


# Methods the fake accepts in --methods (okc: a cached-PMK-like handoff).
SYNTH_METHODS = METHODS + ["okc"]
POLICIES = ("missed-beacons", "rssi")
# Share of the drawn scan time each scan type takes (passive = as drawn).
SCAN_FACTOR = {"passive": 1.0, "active": 0.5, "neighbour-report": 0.3}


def _hex(rng, n):
    return "".join("%02x" % rng.randrange(256) for _ in range(n))


class _Trace:
    def __init__(self, run, rng):
        self.rows = []
        self.run = run
        self.rng = rng

    def add(self, handoff, time, link, src, dst, protocol, message, nbytes, fields):
        f = ";".join("%s=%s" % (k, _hex(self.rng, n)) for k, n in fields)
        self.rows.append([self.run, handoff, "%.9f" % time, link, src, dst, protocol, message, nbytes, f])


def _flow(method, tr, h, sta, ap, t, wan, bh, q):
    """Emit the messages of one handoff and return the phase boundaries.
    t: time of association; wan/bh: one-way delays (s); q: AAA queueing (s)."""
    b = {}
    air = 0.0005
    if method == "pre-association-ptk":
        tr.add(h, t - 0.002, "air", sta, ap, "PREASSOC", "Reassociation Request + Authenticate PTK", 120,
               [("SRandom", 32), ("PTKID", 16), ("MIC", 16)])
        tr.add(h, t - 0.001, "air", ap, sta, "PREASSOC", "Reassociation Response + Authenticate PTK", 180,
               [("ARandom", 32), ("SRandom", 32), ("PTKID", 16), ("GTK", 24), ("GTKID", 1), ("MIC", 16)])
        b["t_associated"] = t
        t += air
        tr.add(h, t, "air", sta, ap, "PREASSOC", "Group Key Confirm", 80, [("ARandom", 32), ("MIC", 16)])
        b["t_4way_done"] = t
        return b, t
    b["t_associated"] = t
    if method in ("full-eap", "delegated"):
        t += air
        b["t_eap_start"] = t
        if method == "full-eap":
            tr.add(h, t, "air", ap, sta, "EAP", "EAP-Request/Identity", 23, [])
            t += air
            tr.add(h, t, "air", sta, ap, "EAP", "EAP-Response/Identity", 60, [("Identity", 20)])
            rounds = [
                ("Access-Request (EAP-Response/Identity)", "Access-Challenge (AKA-Challenge)",
                 [("RAND", 16), ("AUTN", 16), ("AT_MAC", 16)]),
            ]
            for req, resp, ffields in rounds:
                t += bh
                tr.add(h, t, "backhaul", ap, "visited-aaa", "RADIUS", req, 140, [("Message-Authenticator", 16)])
                t += wan + q
                tr.add(h, t, "wan", "visited-aaa", "home-aaa", "RADIUS", req, 160, [("Message-Authenticator", 16)])
                t += wan + q
                tr.add(h, t, "wan", "home-aaa", "visited-aaa", "RADIUS", resp, 190, ffields)
                t += bh
                tr.add(h, t, "backhaul", "visited-aaa", "ap", "RADIUS", resp, 190, ffields)
            t += air
            tr.add(h, t, "air", ap, sta, "EAP-AKA", "EAP-Request/AKA-Challenge", 100,
                   [("RAND", 16), ("AUTN", 16), ("AT_MAC", 16)])
            t += air + 0.001
            tr.add(h, t, "air", sta, ap, "EAP-AKA", "EAP-Response/AKA-Challenge", 60, [("RES", 8), ("AT_MAC", 16)])
            t += bh
            tr.add(h, t, "backhaul", ap, "visited-aaa", "RADIUS", "Access-Request (AKA-Challenge)", 150, [("RES", 8)])
            t += wan + q
            tr.add(h, t, "wan", "visited-aaa", "home-aaa", "RADIUS", "Access-Request (AKA-Challenge)", 170, [("RES", 8)])
            t += wan + q
            tr.add(h, t, "wan", "home-aaa", "visited-aaa", "RADIUS", "Access-Accept", 200,
                   [("MS-MPPE-Recv-Key", 34), ("MS-MPPE-Send-Key", 34)])
            t += bh
            tr.add(h, t, "backhaul", "visited-aaa", ap, "RADIUS", "Access-Accept", 200,
                   [("MS-MPPE-Recv-Key", 34), ("MS-MPPE-Send-Key", 34)])
        else:
            tr.add(h, t, "air", ap, sta, "DELEGATION", "TSK Challenge", 40, [("RAND", 16)])
            t += air + 0.001
            tr.add(h, t, "air", sta, ap, "DELEGATION", "TSK Response", 40, [("RES", 8)])
            t += bh
            tr.add(h, t, "backhaul", ap, "visited-aaa", "RADIUS", "Access-Request (TSK Response)", 120, [("RES", 8)])
            t += bh + q
            tr.add(h, t, "backhaul", "visited-aaa", ap, "RADIUS", "Access-Accept", 180, [("MS-MPPE-Recv-Key", 34)])
        t += air
        tr.add(h, t, "air", ap, sta, "EAP", "EAP-Success", 4, [])
        b["t_eap_done"] = t
    t += air
    pmkid = [("PMKID", 16)] if method in ("cached-pmk", "okc") else []
    tr.add(h, t, "air", ap, sta, "EAPOL", "EAPOL-Key 1/4", 117, [("ANonce", 32)] + pmkid)
    t += air + 0.0003
    tr.add(h, t, "air", sta, ap, "EAPOL", "EAPOL-Key 2/4", 121, [("SNonce", 32), ("MIC", 16)])
    t += air + 0.0003
    tr.add(h, t, "air", ap, sta, "EAPOL", "EAPOL-Key 3/4", 151, [("ANonce", 32), ("MIC", 16), ("GTK", 24)])
    t += air + 0.0003
    tr.add(h, t, "air", sta, ap, "EAPOL", "EAPOL-Key 4/4", 99, [("MIC", 16)])
    b["t_4way_done"] = t
    return b, t


def generate(params):
    """Return (handoff rows, message rows or None, run json) for the given
    flags. Like the real scenario, a run simulates each of its methods in
    turn with the same mobility (simulation time restarts at 0), writes one
    block of rows per method, and numbers the handoffs of each method from 0;
    a mobile's first association is not a handoff and has no row.

    Policies: missed-beacons (default) declares the AP lost about 1 s after
    the last data (trigger beacon-loss, detection ~1 s), then scans (the
    drawn time, shortened for --scan active or neighbour-report); rssi roams
    10 ms after the last data (trigger rssi), joins the AP it found by
    background scanning (bg_scan 0.1-0.4 s) with no scan of its own. The
    default (missed-beacons, passive) keeps the latencies of the older
    synthetic data; the extra draws use their own random stream."""
    p = dict(DEFAULTS)
    p.update(params)
    methods = METHODS if p["methods"] == "all" else p["methods"].split(",")
    for method in methods:
        if method not in SYNTH_METHODS:
            raise ValueError("unknown method %r" % method)
    policy, scan = p["policy"], p["scan"]
    if policy not in POLICIES:
        raise ValueError("unknown policy %r" % policy)
    if scan not in SCAN_FACTOR:
        raise ValueError("unknown scan %r" % scan)
    run = int(p["RngRun"])
    seed = int(p["RngSeed"])
    wan = to_ms(p["wanDelay"]) / 1e3
    bh = to_ms(p["backhaulDelay"]) / 1e3
    n_mob = int(p["numMobiles"])
    n_ap = int(p["numAps"])
    per = int(p["handoffsPerMobile"])
    trace = _Trace(run, random.Random("fields-%d-%d" % (seed, run)))
    rows = []
    for method in methods:
        start = len(trace.rows)
        rng = random.Random("roamsec-%d-%d-%s" % (seed, run, method))
        prng = random.Random("policy-%d-%d-%s-%s" % (seed, run, method, policy))
        h = 0
        events = []
        for m in range(n_mob):
            ap = m % n_ap
            for k in range(per):
                events.append((2.0 + 2.0 * k + 0.05 * m + rng.uniform(0, 0.1), m, ap, (ap + 1) % n_ap))
                ap = (ap + 1) % n_ap
        for lost, m, ap, new_ap in sorted(events):
            scan_done = lost + rng.uniform(0.030, 0.060) * (SCAN_FACTOR[scan] if policy != "rssi" else 0.02)
            assoc = scan_done + rng.uniform(0.002, 0.004)
            if policy == "rssi":
                trig = {"trigger": "rssi", "detection": prng.uniform(0.005, 0.015), "bg_scan": prng.uniform(0.1, 0.4)}
            else:
                trig = {"trigger": "beacon-loss", "detection": prng.uniform(0.9, 1.05), "bg_scan": 0.0}
            meth = method
            fallback = 0
            if method in ("cached-pmk", "okc", "delegated") and rng.random() < 0.08:
                meth, fallback = "full-eap", 1
            # AAA queueing grows with the number of mobiles (load).
            q = rng.expovariate(1.0) * 0.0004 * n_mob
            b, end = _flow(meth, trace, h, "mobile", "ap-%d" % new_ap, assoc, wan, bh, q)
            b["t_link_lost"] = lost
            b["t_scan_done"] = scan_done
            rows.append(_row(run, seed, m, ap, new_ap, method, fallback, b, end, rng, wan, meth, trig))
            h += 1
        # A recorder logs messages as they happen: in time order per simulation.
        trace.rows[start:] = sorted(trace.rows[start:], key=lambda r: float(r[2]))
    msgs = trace.rows if p["traceMessages"] not in ("0", "false", "False") else None
    info = {
        "scenario": "roaming-handoff (synthetic, analysis/roamsec_analysis/synth.py)",
        "run": run,
        "seed": seed,
        "version": "synthetic",
        "parameters": {k: p[k] for k in sorted(p)},
        "signalling": _signalling(rows, methods, n_mob),
    }
    return rows, msgs, info


# Message counters of one handoff's flow, in COUNTER_COLUMNS order.
FLOW_COUNTERS = {
    "full-eap": (10, 1100, 6, 1000, 6, 1100, 6, 3),
    "cached-pmk": (4, 490, 0, 0, 0, 0, 0, 0),
    "pre-association-ptk": (3, 380, 0, 0, 0, 0, 0, 0),
    "delegated": (7, 600, 2, 300, 0, 0, 2, 0),
    "okc": (4, 490, 0, 0, 0, 0, 0, 0),
}


def _signalling(rows, methods, n_mob):
    """Run totals as roaming-handoff writes them: during handoffs = the sum of
    the rows' counters; outside = each mobile's first association (a full
    EAP-AKA) plus, for pre-association-ptk, a pre-authentication with the
    next AP before each handoff."""
    first_association = dict(zip(COUNTER_COLUMNS, FLOW_COUNTERS["full-eap"]))
    pre_authentication = dict(zip(COUNTER_COLUMNS, (8, 700, 10, 1200, 6, 1100, 6, 3)))
    out = {}
    for method in methods:
        mine = [r for r in rows if r["method"] == method]
        during = {c: sum(int(r[c]) for r in mine) for c in COUNTER_COLUMNS}
        outside = {c: n_mob * first_association[c] for c in COUNTER_COLUMNS}
        if method == "pre-association-ptk":
            outside = {c: outside[c] + len(mine) * pre_authentication[c] for c in COUNTER_COLUMNS}
        out[method] = {"during_handoffs": during, "outside_handoffs": outside}
    return out


def _row(run, seed, m, from_ap, to_ap, method, fallback, b, end, rng, wan, meth, trig):
    port_sta = end + 0.0002
    port_ap = end + rng.uniform(0.0, 0.0006)
    first = max(port_sta, port_ap) + rng.uniform(0.001, 0.005)
    t = dict(b)
    t["t_port_open_sta"] = port_sta
    t["t_port_open_ap"] = port_ap
    t["t_first_data"] = first
    counts = FLOW_COUNTERS[meth or "full-eap"]
    row = {
        "run": run,
        "seed": seed,
        "mobile": m,
        "from_ap": from_ap,
        "to_ap": to_ap,
        "method": method,
        "fallback": fallback,
    }
    for c in ("t_link_lost", "t_scan_done", "t_associated", "t_eap_start", "t_eap_done",
              "t_4way_done", "t_port_open_sta", "t_port_open_ap", "t_first_data"):
        row[c] = "%.9f" % t[c] if t.get(c) is not None else ""
    row.update(dict(zip(COUNTER_COLUMNS, counts)))
    lost = t.get("t_link_lost")
    if lost is not None:
        # udp_gap = detection + total, as the scenario writes them.
        row["udp_gap"] = "%.9f" % (first - lost + trig["detection"])
        row["total"] = "%.9f" % (first - lost)
        row["t_last_data"] = "%.9f" % (lost - trig["detection"])
        row["detection"] = "%.9f" % trig["detection"]
    else:
        row["udp_gap"] = row["total"] = row["t_last_data"] = row["detection"] = ""
    row["outcome"] = "completed"
    row["trigger"] = trig["trigger"]
    row["bg_scan"] = "%.9f" % trig["bg_scan"]
    return row


def write(out_dir, rows, msgs, info):
    os.makedirs(out_dir, exist_ok=True)
    run = info["run"]
    with open(os.path.join(out_dir, "handoffs-run%d.csv" % run), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HANDOFF_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    if msgs is not None:
        with open(os.path.join(out_dir, "messages-run%d.csv" % run), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(MESSAGE_COLUMNS)
            w.writerows(msgs)
    with open(os.path.join(out_dir, "run%d.json" % run), "w") as f:
        json.dump(info, f, indent=2, sort_keys=True)
        f.write("\n")


def main(argv=None):
    """Fake scenario program. Test hooks (environment):
    ROAMSEC_FAKE_LOG=file      append 'RUN' to file at each invocation
    ROAMSEC_FAKE_FAIL_RUNS=a,b exit 1 (after a partial write) for those runs"""
    argv = sys.argv[1:] if argv is None else argv
    params = {}
    for a in argv:
        if not a.startswith("--") or "=" not in a:
            print("fake scenario: bad argument %r (want --name=value)" % a, file=sys.stderr)
            return 2
        k, v = a[2:].split("=", 1)
        params[k] = v
    run = int(params.get("RngRun", "1"))
    log = os.environ.get("ROAMSEC_FAKE_LOG")
    if log:
        with open(log, "a") as f:
            f.write("%d\n" % run)
    rows, msgs, info = generate(params)
    out_dir = params.get("outDir", DEFAULTS["outDir"])
    fail = [int(x) for x in os.environ.get("ROAMSEC_FAKE_FAIL_RUNS", "").split(",") if x.strip()]
    if run in fail:
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, "handoffs-run%d.csv" % run), "w") as f:
            f.write("run,seed\n")  # partial output, as a crash would leave
        print("fake scenario: simulated failure of run %d" % run, file=sys.stderr)
        return 1
    write(out_dir, rows, msgs, info)
    print("fake scenario: run %d wrote %d handoffs to %s" % (run, len(rows), out_dir))
    return 0
