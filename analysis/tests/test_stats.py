import csv
import io
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..")
sys.path.insert(0, ANALYSIS)
from roamsec_analysis import stats as st  # noqa: E402
from roamsec_analysis.formats import InputError, load_handoffs, phase_durations, to_ms  # noqa: E402

FIX = os.path.join(HERE, "fixtures")
SMALL = os.path.join(FIX, "handoffs-small.csv")
T975_2 = 4.302652729911275  # t quantile, p = 0.975, 2 d.o.f.
T975_1 = 12.706204736174705


def _read(path):
    with open(path) as f:
        return f.read()


class PhaseTest(unittest.TestCase):
    def test_full_eap_phases(self):
        r = {"t_link_lost": "10", "t_scan_done": "10.04", "t_associated": "10.043", "t_eap_start": "10.044",
             "t_eap_done": "10.088", "t_4way_done": "10.092", "t_port_open_sta": "10.0925",
             "t_port_open_ap": "10.093", "t_first_data": "10.095"}
        d = phase_durations(r)
        expect = {"scan": 40, "association": 3, "authentication": 44, "key_handshake": 4, "port_open": 1,
                  "first_data": 2, "other": 1, "total": 95}
        for k, v in expect.items():
            self.assertAlmostEqual(d[k] * 1e3, v, places=6, msg=k)

    def test_missing_phases(self):
        # No EAP: key handshake counted from association; port open from the
        # STA side alone; no 4-way either: port open from association.
        r = {"t_link_lost": "1", "t_scan_done": "1.03", "t_associated": "1.032", "t_eap_start": "",
             "t_eap_done": "", "t_4way_done": "1.036", "t_port_open_sta": "1.037", "t_port_open_ap": "",
             "t_first_data": "1.039"}
        d = phase_durations(r)
        self.assertIsNone(d["authentication"])
        self.assertAlmostEqual(d["key_handshake"], 0.004)
        self.assertAlmostEqual(d["port_open"], 0.001)
        r["t_4way_done"] = ""
        d = phase_durations(r)
        self.assertIsNone(d["key_handshake"])
        self.assertAlmostEqual(d["port_open"], 0.005)
        r["t_link_lost"] = ""
        d = phase_durations(r)
        self.assertIsNone(d["total"])
        self.assertIsNone(d["other"])
        self.assertIsNone(d["scan"])

    def test_no_scan_time(self):
        # Without t_scan_done, scan and association are one phase ("scan").
        r = {"t_link_lost": "1", "t_scan_done": "", "t_associated": "1.362", "t_eap_start": "1.3622",
             "t_eap_done": "1.575", "t_4way_done": "1.576", "t_port_open_sta": "1.5761", "t_port_open_ap": "",
             "t_first_data": "1.584"}
        d = phase_durations(r)
        self.assertAlmostEqual(d["scan"], 0.362)
        self.assertIsNone(d["association"])
        self.assertAlmostEqual(d["other"], 0.0002)
        import pandas as pd
        from roamsec_analysis.formats import phase_labels
        self.assertEqual(phase_labels(pd.DataFrame({"t_scan_done": [None, None]}))["scan"], "Scan + association")
        self.assertEqual(phase_labels(pd.DataFrame({"t_scan_done": [None, 1.0]}))["scan"], "Scan")

    def test_to_ms(self):
        self.assertEqual(to_ms("50ms"), 50.0)
        self.assertEqual(to_ms("0.05s"), 50.0)
        self.assertEqual(to_ms("+2000.0us"), 2.0)
        self.assertEqual(to_ms("7"), 7.0)
        self.assertIsNone(to_ms("fast"))


class StatsTest(unittest.TestCase):
    def setUp(self):
        self.df = st.prepare(load_handoffs(SMALL))
        self.rows = st.compute(self.df, ["method"])
        self.by = {(r["method"], r["metric"]): r for r in self.rows}

    def test_initial_association_excluded(self):
        self.assertEqual(len(self.df), 8)
        self.assertEqual(len(st.prepare(load_handoffs(SMALL), include_initial=True)), 9)

    def test_full_eap_total(self):
        # Run means 100, 110, 120 ms; handoffs 95 105 105 115 115 125 ms.
        r = self.by[("full-eap", "total")]
        self.assertEqual(r["n_runs"], 3)
        self.assertEqual(r["n_handoffs"], 6)
        self.assertAlmostEqual(r["mean"], 110.0, places=6)
        self.assertAlmostEqual(r["std"], 10.0, places=6)
        self.assertAlmostEqual(r["median"], 110.0, places=6)
        self.assertAlmostEqual(r["p95"], 122.5, places=6)
        hw = T975_2 * 10.0 / math.sqrt(3)
        self.assertAlmostEqual(r["ci_halfwidth"], hw, places=5)
        self.assertAlmostEqual(r["ci_low"], 110.0 - hw, places=5)
        self.assertAlmostEqual(r["ci_high"], 110.0 + hw, places=5)

    def test_full_eap_phases(self):
        self.assertAlmostEqual(self.by[("full-eap", "authentication")]["mean"], 59.0, places=6)
        self.assertAlmostEqual(self.by[("full-eap", "scan")]["mean"], 40.0, places=6)
        self.assertAlmostEqual(self.by[("full-eap", "other")]["mean"], 1.0, places=6)
        self.assertAlmostEqual(self.by[("full-eap", "wan_msgs")]["mean"], 6.0, places=6)

    def test_cached_pmk(self):
        self.assertNotIn(("cached-pmk", "authentication"), self.by)  # never occurred
        r = self.by[("cached-pmk", "total")]
        self.assertAlmostEqual(r["mean"], 49.0, places=6)
        self.assertAlmostEqual(r["ci_halfwidth"], T975_1 * math.sqrt(200) / math.sqrt(2), places=4)
        self.assertAlmostEqual(self.by[("cached-pmk", "key_handshake")]["mean"], 4.0, places=6)
        self.assertAlmostEqual(self.by[("cached-pmk", "port_open")]["mean"], 1.0, places=6)

    def test_order_is_method_order(self):
        methods = []
        for r in self.rows:
            if r["method"] not in methods:
                methods.append(r["method"])
        self.assertEqual(methods, ["full-eap", "cached-pmk"])

    def test_handoff_unit(self):
        rows = st.compute(self.df, ["method"], ci_unit="handoff", metrics=["total"])
        r = [x for x in rows if x["method"] == "full-eap"][0]
        self.assertAlmostEqual(r["mean"], 110.0, places=6)
        self.assertEqual(r["n_ci"], 6)

    def test_tables(self):
        md = st.to_markdown(self.rows, ["method"], 0.95)
        self.assertIn("| Full EAP-AKA | 3 |", md)
        self.assertIn("110.00 ± %.2f" % (T975_2 * 10 / math.sqrt(3)), md)
        tex = st.to_latex(self.rows, ["method"], 0.95)
        self.assertIn("110.00 $\\pm$ 24.84", tex)
        self.assertIn("\\begin{tabular}", tex)

    def test_where(self):
        df = st.apply_where(self.df, ["method=cached-pmk"])
        self.assertEqual(len(df), 2)
        with self.assertRaises(InputError):
            st.apply_where(self.df, ["nosuch=1"])
        with self.assertRaises(InputError):
            st.apply_where(self.df, ["method=none"])


class StatsCliTest(unittest.TestCase):
    def run_cli(self, *args):
        return subprocess.run([sys.executable, os.path.join(ANALYSIS, "stats.py")] + list(args),
                              capture_output=True, text=True)

    def test_cli_outputs(self):
        with tempfile.TemporaryDirectory() as d:
            p = self.run_cli(SMALL, "-o", d)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "stats.csv")) as f:
                rows = list(csv.DictReader(f))
            tot = [r for r in rows if r["method"] == "full-eap" and r["metric"] == "total"][0]
            self.assertEqual(tot["mean"], "110")
            self.assertEqual(tot["p95"], "122.5")
            for ext in ("md", "tex"):
                self.assertGreater(os.path.getsize(os.path.join(d, "stats." + ext)), 100)

    def test_cli_deterministic(self):
        with tempfile.TemporaryDirectory() as d:
            self.run_cli(SMALL, "-o", d)
            first = _read(os.path.join(d, "stats.csv"))
            self.run_cli(SMALL, "-o", d)
            self.assertEqual(first, _read(os.path.join(d, "stats.csv")))

    def test_cli_bad_input(self):
        for name, needle in (("empty.csv", "empty file"), ("bad-columns.csv", "missing column"),
                             ("does-not-exist.csv", "no such file")):
            p = self.run_cli(os.path.join(FIX, name))
            self.assertEqual(p.returncode, 2, name)
            self.assertIn(needle, p.stderr)
            self.assertNotIn("Traceback", p.stderr)
        with tempfile.TemporaryDirectory() as d:
            header_only = os.path.join(d, "h.csv")
            with open(SMALL) as f, open(header_only, "w") as g:
                g.write(f.readline())
            p = self.run_cli(header_only)
            self.assertEqual(p.returncode, 2)
            self.assertIn("no handoff rows", p.stderr)
            p = self.run_cli(SMALL, "--by", "nosuch", "-o", d)
            self.assertEqual(p.returncode, 2)
            self.assertIn("no column 'nosuch'", p.stderr)


if __name__ == "__main__":
    unittest.main()
