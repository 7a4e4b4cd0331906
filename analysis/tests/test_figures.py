import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..")
sys.path.insert(0, ANALYSIS)
from roamsec_analysis import msc, plots, synth  # noqa: E402
from roamsec_analysis.formats import InputError, load_handoffs, load_messages  # noqa: E402

FIX = os.path.join(HERE, "fixtures")
SMALL = os.path.join(FIX, "handoffs-small.csv")
MESSAGES = os.path.join(FIX, "messages-run1.csv")


def _bytes(path):
    with open(path, "rb") as f:
        return f.read()


def _is_png(path):
    return _bytes(path)[:8] == b"\x89PNG\r\n\x1a\n"


class PlotTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        # A small merged-like file with a WAN delay and a mobiles column.
        rows = []
        import csv
        for method in ("full-eap", "cached-pmk"):
            for wan in ("10ms", "40ms"):
                for run in (1, 2):
                    r, _, _ = synth.generate({"methods": method, "wanDelay": wan, "numMobiles": "2",
                                              "RngRun": str(run + (0 if wan == "10ms" else 10))})
                    for x in r:
                        x = dict(x)
                        x["wanDelay"] = wan
                        x["numMobiles"] = "2" if wan == "10ms" else "4"
                        rows.append(x)
        self.merged = os.path.join(self.d, "handoffs.csv")
        with open(self.merged, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)

    def tearDown(self):
        self.tmp.cleanup()

    def test_all_figures_png_pdf(self):
        df = load_handoffs(self.merged)
        for kind in ("cdf", "phases", "wan", "load"):
            base = os.path.join(self.d, kind)
            written = plots.make(kind, df, base)
            self.assertEqual(written, [base + ".png", base + ".pdf"])
            self.assertTrue(_is_png(base + ".png"), kind)
            self.assertGreater(os.path.getsize(base + ".png"), 10000, kind)
            self.assertEqual(_bytes(base + ".pdf")[:5], b"%PDF-")

    def test_fixture_cdf_and_phases(self):
        df = load_handoffs(SMALL)
        means = plots.phase_means(df)
        self.assertEqual(list(means), ["full-eap", "cached-pmk"])
        self.assertAlmostEqual(means["full-eap"]["authentication"], 59.0, places=6)
        self.assertAlmostEqual(means["cached-pmk"]["authentication"], 0.0)  # did not occur -> 0
        full = means["full-eap"]
        self.assertAlmostEqual(sum(full[k] for k in full if k not in ("total", "n")), full["total"], places=6)
        for kind in ("cdf", "phases"):
            base = os.path.join(self.d, "fx-" + kind)
            plots.make(kind, df, base, formats=("png",))
            self.assertTrue(_is_png(base + ".png"))

    def test_deterministic(self):
        df = load_handoffs(SMALL)
        a = plots.make("phases", df, os.path.join(self.d, "a"), formats=("png", "pdf", "svg"))
        b = plots.make("phases", df, os.path.join(self.d, "b"), formats=("png", "pdf", "svg"))
        for x, y in zip(a, b):
            self.assertEqual(_bytes(x), _bytes(y), x)

    def test_wan_needs_column(self):
        with self.assertRaises(InputError):
            plots.make("wan", load_handoffs(SMALL), os.path.join(self.d, "w"))

    def test_curve_points(self):
        df = load_handoffs(self.merged)
        from roamsec_analysis.stats import prepare
        c = plots.curve_points(prepare(df), "wanDelay", "d_total", "mean")
        self.assertEqual([p[0] for p in c["full-eap"]], [10.0, 40.0])
        self.assertEqual([p[3] for p in c["full-eap"]], [2, 2])
        self.assertGreater(c["full-eap"][1][1], c["full-eap"][0][1])  # more WAN delay, slower EAP

    def test_cli(self):
        out = os.path.join(self.d, "cli")
        p = subprocess.run([sys.executable, os.path.join(ANALYSIS, "plots.py"), "wan", self.merged, "-o", out,
                            "--format", "png,svg", "--where", "method=full-eap"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(_is_png(out + ".png"))
        self.assertIn(b"<svg", _bytes(out + ".svg"))
        for args, needle in ((["load", SMALL], "numMobiles"), (["cdf", os.path.join(FIX, "empty.csv")], "empty"),
                             (["cdf", SMALL, "--format", "gif"], "--format")):
            p = subprocess.run([sys.executable, os.path.join(ANALYSIS, "plots.py")] + args + ["-o", out],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(needle, p.stderr)
            self.assertNotIn("Traceback", p.stderr)


SIGNALLING = os.path.join(FIX, "signalling", "handoffs.csv")  # 3 runs with "signalling" in their run JSONs


class LoadSignallingTest(unittest.TestCase):
    """The load figure's per-run signalling: during handoffs and outside
    them (first association, pre-association's pre-authentication)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def _copy_fixture(self):
        d = os.path.join(self.d, "sweep")
        shutil.copytree(os.path.dirname(SIGNALLING), d)
        return os.path.join(d, "handoffs.csv")

    def test_table_from_run_jsons(self):
        table, why = plots.load_signalling(load_handoffs(SIGNALLING), SIGNALLING)
        self.assertIsNone(why)
        self.assertEqual(len(table), 3 * 2 * 2)  # runs x methods x parts
        pre = table[(table["method"] == "pre-association-ptk") & (table["run"] == "run1-0000aaaa")]
        self.assertEqual(dict(zip(pre["part"], pre["home_aaa_msgs"])), {"during_handoffs": 0.0,
                                                                        "outside_handoffs": 6.0})
        self.assertEqual(sorted(table["x"].unique()), [1.0, 2.0])

    def test_points_show_preparation(self):
        table, _ = plots.load_signalling(load_handoffs(SIGNALLING), SIGNALLING)
        home = plots.signalling_points(table, "home_aaa_msgs")
        self.assertEqual(list(home), ["full-eap", "pre-association-ptk"])
        # Pre-association: nothing reaches the home during handoffs, its
        # pre-authentications do outside them (6 and 8 in the two runs).
        (x1, during1, outside1, ci1, n1), (x2, during2, outside2, ci2, n2) = home["pre-association-ptk"]
        self.assertEqual((x1, during1, outside1, n1), (1.0, 0.0, 7.0, 2))
        self.assertAlmostEqual(ci1, 12.7062, places=3)  # t(0.975, 1) * sqrt(2) / sqrt(2)
        self.assertEqual((x2, during2, outside2, n2), (2.0, 0.0, 12.0, 1))
        self.assertNotEqual(ci2, ci2)  # one run: no CI (NaN)
        wan = plots.signalling_points(table, "wan_msgs")
        self.assertEqual([p[1:3] for p in wan["pre-association-ptk"]], [(0.0, 14.0), (0.0, 24.0)])
        # Full EAP: the handoffs' own messages plus each mobile's first association.
        self.assertEqual([p[:3] for p in home["full-eap"]], [(1.0, 2.0, 2.0), (2.0, 4.0, 4.0)])
        self.assertEqual(home["full-eap"][0][3], 0.0)  # same total in both runs

    def test_during_equals_handoff_rows(self):
        df = load_handoffs(SIGNALLING)
        table, _ = plots.load_signalling(df, SIGNALLING)
        during = table[table["part"] == "during_handoffs"]
        for col in ("home_aaa_msgs", "wan_msgs", "visited_aaa_msgs"):
            rows = df.groupby(["method", "job"])[col].sum()
            from_json = during.set_index(["method", "run"])[col]
            for key, v in rows.items():
                self.assertEqual(from_json[key], v, (col, key))

    def test_figure_draws_outside_bars(self):
        df = load_handoffs(SIGNALLING)
        table, _ = plots.load_signalling(df, SIGNALLING)
        with plots.plt.rc_context(plots.RC):
            fig = plots.fig_load(df, signalling=table)
        home_ax = fig.axes[0]
        self.assertEqual(home_ax.get_title(), "Home AAA")
        outside = sorted((round(b.get_y(), 6), round(b.get_height(), 6)) for b in home_ax.patches
                         if b.get_hatch() == plots.OUTSIDE_HATCH)
        # (bottom, height) of the hatched bars: full-eap on its handoff bar, pre-association from 0.
        self.assertEqual(outside, [(0.0, 7.0), (0.0, 12.0), (2.0, 2.0), (4.0, 4.0)])
        self.assertEqual([ax.get_title() for ax in fig.axes],
                         ["Home AAA", "Visited AAA", "WAN (visited\u2013home)", "Backhaul (APs, visited AAA)"])
        backhaul = sorted(round(b.get_height(), 6) for b in fig.axes[3].patches if b.get_height() > 0)
        self.assertTrue(backhaul, "no backhaul bars")
        labels = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
        self.assertIn("During handoffs", labels)
        self.assertIn("Outside handoffs (preparation, first association)", labels)
        plots.plt.close(fig)
        written = plots.make("load", df, os.path.join(self.d, "load"), formats=("png",), signalling=table)
        self.assertTrue(_is_png(written[0]))

    def test_older_run_jsons_fall_back(self):
        path = self._copy_fixture()
        old = os.path.join(os.path.dirname(path), "runs", "run2-0000aaaa", "run2.json")
        with open(old) as f:
            info = json.load(f)
        del info["signalling"]
        with open(old, "w") as f:
            json.dump(info, f)
        table, why = plots.load_signalling(load_handoffs(path), path)
        self.assertIsNone(table)
        self.assertIn("1 of 3 runs", why)
        self.assertIn("older results", why)
        shutil.rmtree(os.path.join(os.path.dirname(path), "runs", "run1-0000aaaa"))
        with open(os.path.join(os.path.dirname(path), "runs", "run1001-0000bbbb", "run1001.json"), "w") as f:
            f.write("{not json")
        table, why = plots.load_signalling(load_handoffs(path), path)
        self.assertIsNone(table)
        self.assertIn("3 of 3 runs", why)

    def test_cli_with_and_without_signalling(self):
        out = os.path.join(self.d, "cli")
        cmd = [sys.executable, os.path.join(ANALYSIS, "plots.py"), "load"]
        p = subprocess.run(cmd + [SIGNALLING, "-o", out, "--where", "group=load"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("note", p.stderr)
        self.assertTrue(_is_png(out + ".png"))
        path = self._copy_fixture()
        shutil.rmtree(os.path.join(os.path.dirname(path), "runs"))
        p = subprocess.run(cmd + [path, "-o", out + "-old"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("plots.py: note: 3 of 3 runs", p.stderr)
        self.assertIn("counters only", p.stderr)
        self.assertNotIn("Traceback", p.stderr)
        self.assertTrue(_is_png(out + "-old.png"))

    def test_synthetic_runs_carry_signalling(self):
        rows, _, info = synth.generate({"methods": "all", "numMobiles": "2", "handoffsPerMobile": "3"})
        sig = info["signalling"]
        for method, parts in sig.items():
            mine = [r for r in rows if r["method"] == method]
            self.assertEqual(parts["during_handoffs"]["home_aaa_msgs"], sum(r["home_aaa_msgs"] for r in mine))
        self.assertEqual(sig["pre-association-ptk"]["during_handoffs"]["wan_msgs"], 0)
        self.assertGreater(sig["pre-association-ptk"]["outside_handoffs"]["home_aaa_msgs"],
                           sig["full-eap"]["outside_handoffs"]["home_aaa_msgs"])


class MscTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_roles_and_lanes(self):
        msgs = [m for m in load_messages(MESSAGES) if m["handoff"] == 1]
        lanes = msc.lifelines(msgs, {"from_ap": "0", "to_ap": "1"})
        self.assertEqual(lanes, [("sta0", "Mobile"), ("ap1", "New AP"), ("vaaa", "Visited AAA"),
                                 ("haaa", "Home AAA")])
        self.assertEqual(msc.role_of("home-aaa"), "home")
        self.assertEqual(msc.role_of("mystery"), "other")

    def test_fields(self):
        lines = msc.field_lines("RAND=0123456789abcdef;MIC=00ff", 8, 80)
        self.assertEqual(lines, ["RAND=01234567\u2026  MIC=00ff"])
        self.assertEqual(len(msc.field_lines("A=11;B=22;C=33", 0, 5)), 3)
        self.assertEqual(msc.field_lines("", 8, 80), [])

    def test_milestones_in_order(self):
        trace = msc.run_trace(load_messages(MESSAGES), MESSAGES, 1)
        method, msgs, row = msc.select(trace, 1, 1)
        self.assertEqual(method, "full-eap")
        self.assertEqual(row["method"], "full-eap")
        self.assertEqual(len(msgs), 13)
        rows = msc.build_rows(msgs, row)
        kinds = [r[0] for r in rows]
        self.assertEqual(kinds[:3], ["mark", "mark", "mark"])  # link lost, scan, associated
        times = [r[1] for r in rows]
        self.assertEqual(times, sorted(times))

    def test_chart_svg_png(self):
        out = os.path.join(self.d, "msc")
        written = msc.chart(MESSAGES, out, handoff=1)
        self.assertEqual(written, [out + ".svg", out + ".png"])
        svg = _bytes(out + ".svg").decode()
        for needle in ("EAP-Request/AKA-Challenge", "RAND=01234567", "SNonce=c0c1c2c3", "Home AAA",
                       "Full EAP-AKA"):
            self.assertIn(needle, svg)
        self.assertTrue(_is_png(out + ".png"))
        again = msc.chart(MESSAGES, os.path.join(self.d, "again"), handoff=1)
        self.assertEqual(_bytes(written[0]), _bytes(again[0]))

    def test_bad_selection(self):
        with self.assertRaises(InputError) as cm:
            msc.chart(MESSAGES, os.path.join(self.d, "x"), handoff=7)
        self.assertIn("present: 0, 1", str(cm.exception))
        with self.assertRaises(InputError):
            msc.chart(MESSAGES, os.path.join(self.d, "x"), run=9, handoff=1)
        with self.assertRaises(InputError):
            load_messages(os.path.join(FIX, "bad-columns.csv"))

    def test_per_method_from_synthetic_runs(self):
        for i, method in enumerate(("full-eap", "pre-association-ptk", "delegated", "cached-pmk")):
            rows, msgs, info = synth.generate({"methods": method, "RngRun": str(i + 1), "traceMessages": "1",
                                              "numMobiles": "1", "handoffsPerMobile": "1"})
            synth.write(os.path.join(self.d, "runs", "r%d" % i), rows, msgs, info)
        p = subprocess.run([sys.executable, os.path.join(ANALYSIS, "msc.py"), "per-method",
                            os.path.join(self.d, "runs"), "-o", os.path.join(self.d, "out"), "--format", "png"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        for method in ("full-eap", "cached-pmk", "pre-association-ptk", "delegated"):
            self.assertTrue(_is_png(os.path.join(self.d, "out", "msc-%s.png" % method)), method)
        p = subprocess.run([sys.executable, os.path.join(ANALYSIS, "msc.py"), "list",
                            os.path.join(self.d, "runs", "r1", "messages-run2.csv")], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("pre-association-ptk", p.stdout)

    def test_run_with_several_methods(self):
        # Like the scenario with --methods=all: one block of rows per method,
        # simulation time restarting for each, handoffs numbered from 0 per method.
        rows, msgs, info = synth.generate({"methods": "all", "RngRun": "5", "traceMessages": "1",
                                          "numMobiles": "2", "handoffsPerMobile": "2"})
        run_dir = os.path.join(self.d, "multi")
        synth.write(run_dir, rows, msgs, info)
        path = os.path.join(run_dir, "messages-run5.csv")
        trace = msc.run_trace(load_messages(path), path, 5)
        self.assertEqual(list(trace), ["full-eap", "cached-pmk", "pre-association-ptk", "delegated"])
        for method, t in trace.items():
            self.assertEqual(sorted(t["msgs"]), [0, 1, 2, 3], method)
            for h, ms in t["msgs"].items():
                self.assertEqual(t["rows"][h]["method"], method)
                protos = {m["protocol"] for m in ms}
                if method == "pre-association-ptk":
                    self.assertEqual(protos, {"PREASSOC"})
        with self.assertRaises(InputError) as cm:
            msc.chart(path, os.path.join(self.d, "x"), handoff=1)
        self.assertIn("--method", str(cm.exception))
        out = os.path.join(self.d, "cached")
        msc.chart(path, out, handoff=2, method="cached-pmk", formats=("svg",))
        svg = _bytes(out + ".svg").decode()
        self.assertIn("PMKID=", svg)
        self.assertNotIn("EAP-Request/Identity", svg)
        examples = msc.find_examples(run_dir)
        self.assertEqual(list(examples), ["full-eap", "cached-pmk", "pre-association-ptk", "delegated"])

    def test_generic_ap_name_joins_new_ap(self):
        msgs = [{"from": "visited-aaa", "to": "ap", "time": 1.0}, {"from": "ap-2", "to": "mobile", "time": 1.1}]
        out = msc.alias_endpoints(msgs, {"to_ap": "2"})
        self.assertEqual(out[0]["to"], "ap-2")
        self.assertEqual([n for n, _ in msc.lifelines(out, {"to_ap": "2", "from_ap": "1"})],
                         ["mobile", "ap-2", "visited-aaa"])

    def test_segments_must_match_methods(self):
        d = os.path.join(self.d, "mismatch")
        os.makedirs(d)
        with open(SMALL) as f:
            lines = f.read().splitlines()
        # Run 1 with two method blocks, but messages from one simulation.
        blocks = [lines[0]] + [ln for ln in lines[1:] if ln.startswith("1,")]
        blocks.append(blocks[-1].replace("full-eap", "cached-pmk"))
        with open(os.path.join(d, "handoffs-run1.csv"), "w") as f:
            f.write("\n".join(blocks) + "\n")
        shutil.copy(MESSAGES, os.path.join(d, "messages-run1.csv"))
        path = os.path.join(d, "messages-run1.csv")
        with self.assertRaises(InputError) as cm:
            msc.run_trace(load_messages(path), path, 1)
        self.assertIn("one method per run", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
