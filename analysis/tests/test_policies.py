"""The policies figure (plots.py policies), the trigger and bg_scan columns
and the fake scenario's roaming policies."""

import csv
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..")
sys.path.insert(0, ANALYSIS)
from roamsec_analysis import plots, synth  # noqa: E402
from roamsec_analysis.formats import HANDOFF_COLUMNS, InputError, load_handoffs  # noqa: E402
from roamsec_analysis.tdist import t_ppf  # noqa: E402

POLICIES = ("missed-beacons", "rssi")
METHODS = ("full-eap", "okc")
WANS = (5, 50)
RUNS = (1, 2, 3)
# Base total (s) of a configuration; a run's two handoffs are base + run ms
# and base + run ms + 2 ms, so its mean is base + (run + 1) ms and the mean
# over runs 1..3 is base + 3 ms, with a standard deviation of 1 ms.
BASE = {("missed-beacons", "full-eap"): 0.400, ("missed-beacons", "okc"): 0.360,
        ("rssi", "full-eap"): 0.030, ("rssi", "okc"): 0.004}
DETECTION = {"missed-beacons": 1.0, "rssi": 0.01}


def _base(policy, method, wan):
    # Full EAP crosses the WAN four times.
    return BASE[(policy, method)] + (4 * wan / 1e3 if method == "full-eap" else 0.0)


def expected_mean_ms(policy, method, wan, metric="total"):
    v = _base(policy, method, wan) + 0.003
    if metric == "udp_gap":
        v += DETECTION[policy]
    return v * 1e3


def write_fixture(path, drop=()):
    """A merged-like handoffs file: every (policy, method, wanDelay, run),
    two handoffs per run. Columns in drop are left out."""
    cols = ["job", "group", "policy", "scan", "wanDelay"] + HANDOFF_COLUMNS
    cols = [c for c in cols if c not in drop]
    rows = []
    for policy in POLICIES:
        for wan in WANS:
            for run in RUNS:
                run_no = run + (1000 if wan == 50 else 0) + (2000 if policy == "rssi" else 0)
                for method in METHODS:
                    for k in (0, 1):
                        total = _base(policy, method, wan) + run / 1e3 + 2 * k / 1e3
                        lost = 10.0 * (k + 1)
                        det = DETECTION[policy]
                        r = {c: "" for c in cols}
                        r.update({"job": "run%d-x" % run_no, "group": policy, "policy": policy,
                                  "scan": "passive" if policy == "missed-beacons" else "neighbour-report",
                                  "wanDelay": str(wan), "run": str(run_no), "seed": "1", "mobile": "0",
                                  "from_ap": str(k), "to_ap": str(k + 1), "method": method, "fallback": "0",
                                  "t_link_lost": "%.9f" % lost, "t_associated": "%.9f" % (lost + 0.001),
                                  "t_first_data": "%.9f" % (lost + total), "total": "%.9f" % total,
                                  "udp_gap": "%.9f" % (total + det), "detection": "%.9f" % det,
                                  "t_last_data": "%.9f" % (lost - det), "outcome": "completed",
                                  "trigger": "beacon-loss" if policy == "missed-beacons" else "rssi",
                                  "bg_scan": "0.000000000" if policy == "missed-beacons" else "0.250000000"})
                        rows.append({c: r[c] for c in cols})
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _is_png(path):
    with open(path, "rb") as f:
        return f.read(8) == b"\x89PNG\r\n\x1a\n"


class PolicyPointsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        self.path = write_fixture(os.path.join(self.d, "handoffs.csv"))

    def tearDown(self):
        self.tmp.cleanup()

    def test_trigger_and_bg_scan_columns(self):
        df = load_handoffs(self.path)
        self.assertTrue(df["bg_scan"].dtype.kind == "f", df["bg_scan"].dtype)
        self.assertAlmostEqual(df.loc[df["policy"] == "rssi", "bg_scan"].mean(), 0.25)
        self.assertEqual(df.loc[df["policy"] == "missed-beacons", "bg_scan"].max(), 0.0)
        self.assertEqual(sorted(df["trigger"].unique()), ["beacon-loss", "rssi"])
        self.assertEqual(df["udp_gap"].dtype.kind, "f")

    def test_bg_scan_empty_cell_is_absent(self):
        with open(self.path) as f:
            text = f.read().replace(",0.250000000\n", ",\n", 1)
        with open(self.path, "w") as f:
            f.write(text)
        df = load_handoffs(self.path)
        self.assertEqual(int(df["bg_scan"].isna().sum()), 1)

    def test_means_and_ci_per_policy_method_wan(self):
        df = load_handoffs(self.path)
        hw = t_ppf(0.975, 2) * 1.0 / math.sqrt(3)  # ms: std of the run means 1 ms, 3 runs
        for metric in ("total", "udp_gap"):
            pts = plots.policy_points(df, "policy", "wanDelay", metric)
            self.assertEqual(list(pts), ["missed-beacons", "rssi"])
            for policy in POLICIES:
                self.assertEqual(list(pts[policy]), ["full-eap", "okc"])
                for method in METHODS:
                    got = pts[policy][method]
                    self.assertEqual([p[0] for p in got], [5.0, 50.0])
                    for (x, mean, ci, n), wan in zip(got, WANS):
                        self.assertAlmostEqual(mean, expected_mean_ms(policy, method, wan, metric), places=6,
                                               msg=(metric, policy, method, wan))
                        self.assertAlmostEqual(ci, hw, places=6)
                        self.assertEqual(n, 3)

    def test_other_policy_orders_after_known_ones(self):
        df = load_handoffs(self.path)
        df.loc[df["policy"] == "missed-beacons", "policy"] = "aardvark"
        self.assertEqual(list(plots.policy_points(df)), ["rssi", "aardvark"])

    def test_figure_written(self):
        df = load_handoffs(self.path)
        for metric in ("total", "udp_gap"):
            base = os.path.join(self.d, "fig-" + metric)
            written = plots.make("policies", df, base, metric=metric)
            self.assertEqual(written, [base + ".png", base + ".pdf"])
            self.assertTrue(_is_png(base + ".png"))
            self.assertGreater(os.path.getsize(base + ".png"), 10000)
        with plots.plt.rc_context(plots.RC):
            fig = plots.fig_policies(df, metric="udp_gap")
        self.assertEqual(len(fig.axes), 2)
        self.assertEqual(fig.axes[0].get_yscale(), "log")  # ~1000 ms against ~10 ms: auto is log
        self.assertIn("missed-beacons policy, passive scan", fig.axes[0].get_title())
        self.assertIn("trigger: rssi 100%", fig.axes[1].get_title())
        labels = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
        self.assertEqual(labels, ["Full EAP-AKA", "OKC"])
        plots.plt.close(fig)
        with plots.plt.rc_context(plots.RC):
            fig = plots.fig_policies(df, yscale="linear")
        self.assertEqual(fig.axes[0].get_yscale(), "linear")
        plots.plt.close(fig)

    def test_deterministic(self):
        df = load_handoffs(self.path)
        a = plots.make("policies", df, os.path.join(self.d, "a"), formats=("png", "pdf", "svg"))
        b = plots.make("policies", df, os.path.join(self.d, "b"), formats=("png", "pdf", "svg"))
        for x, y in zip(a, b):
            with open(x, "rb") as f, open(y, "rb") as g:
                self.assertEqual(f.read(), g.read(), x)

    def test_missing_columns_named(self):
        path = write_fixture(os.path.join(self.d, "nopolicy.csv"), drop=("policy",))
        with self.assertRaises(InputError) as cm:
            plots.policy_points(load_handoffs(path))
        self.assertIn("'policy'", str(cm.exception))
        self.assertIn("--policy-param", str(cm.exception))
        with self.assertRaises(InputError) as cm:
            plots.policy_points(load_handoffs(self.path), wan_param="wan")
        self.assertIn("'wan'", str(cm.exception))

    def test_cli(self):
        out = os.path.join(self.d, "cli")
        cmd = [sys.executable, os.path.join(ANALYSIS, "plots.py"), "policies"]
        p = subprocess.run(cmd + [self.path, "-o", out, "--metric", "udp_gap", "--policy-param", "policy",
                                  "--wan-param", "wanDelay", "--format", "png,svg"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(_is_png(out + ".png"))
        self.assertTrue(os.path.exists(out + ".svg"))
        p = subprocess.run(cmd + [self.path, "-o", out + "-w", "--where", "method=okc"], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        nopol = write_fixture(os.path.join(self.d, "nopolicy.csv"), drop=("policy",))
        for args, needle in (([nopol], "no column 'policy'"),
                             ([self.path, "--policy-param", "roaming"], "no column 'roaming'"),
                             ([self.path, "--metric", "detection"], "--metric")):
            p = subprocess.run(cmd + args + ["-o", out + "-bad"], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(needle, p.stderr)
            self.assertNotIn("Traceback", p.stderr)
        self.assertFalse(os.path.exists(out + "-bad.png"))


class FakePolicyTest(unittest.TestCase):
    def test_policies_in_synthetic_rows(self):
        flags = {"methods": "full-eap,okc", "apSpacing": "60", "numAps": "4"}
        mb, _, _ = synth.generate(dict(flags, policy="missed-beacons", scan="passive"))
        rs, _, _ = synth.generate(dict(flags, policy="rssi", scan="neighbour-report"))
        self.assertEqual({r["trigger"] for r in mb}, {"beacon-loss"})
        self.assertEqual({r["trigger"] for r in rs}, {"rssi"})
        self.assertEqual({r["method"] for r in rs}, {"full-eap", "okc"})
        self.assertEqual({float(r["bg_scan"]) for r in mb}, {0.0})
        self.assertTrue(all(float(r["bg_scan"]) > 0 for r in rs))
        for r in mb + rs:
            self.assertAlmostEqual(float(r["udp_gap"]), float(r["detection"]) + float(r["total"]), places=8)

        def mean_gap(rows):
            return sum(float(r["udp_gap"]) for r in rows) / len(rows)

        self.assertGreater(mean_gap(mb), mean_gap(rs) + 0.5)  # the ~1 s missed-beacon watchdog
        with self.assertRaises(ValueError):
            synth.generate({"policy": "sticky"})
        with self.assertRaises(ValueError):
            synth.generate({"scan": "psychic"})


if __name__ == "__main__":
    unittest.main()
