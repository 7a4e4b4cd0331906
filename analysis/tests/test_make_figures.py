import os
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


class MakeFiguresTest(unittest.TestCase):
    def test_one_command_from_scratch_and_resume(self):
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, SWEEP=os.path.join(HERE, "fixtures", "mini-sweep.toml"),
                       OUT=os.path.join(d, "res"), FIG=os.path.join(d, "fig"),
                       SWEEP_POLICIES=os.path.join(HERE, "fixtures", "mini-policies.toml"),
                       OUT_POLICIES=os.path.join(d, "res-policies"),
                       ROAMSEC_SCENARIO_BIN=os.path.join(HERE, "fake-roaming-handoff"))
            script = os.path.join(ROOT, "analysis", "make-figures.sh")
            p = subprocess.run([script, "--fresh", "-j", "2"], capture_output=True, text=True, env=env)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            fig = os.path.join(d, "fig")
            expected = ["latency-cdf.png", "latency-cdf.pdf", "phase-breakdown.png", "phase-breakdown.pdf",
                        "latency-vs-wan-delay.png", "latency-vs-wan-delay.pdf", "load-vs-mobiles.png",
                        "load-vs-mobiles.pdf", "stats-baseline.csv", "stats-baseline.md", "stats-baseline.tex",
                        "stats-wan.csv", "stats-load.csv",
                        "latency-by-policy.png", "latency-by-policy.pdf", "outage-by-policy.png",
                        "outage-by-policy.pdf", "stats-policy-missed-beacons.csv", "stats-policy-missed-beacons.md",
                        "stats-policy-missed-beacons.tex", "stats-policy-rssi.csv", "stats-policy-rssi.md"]
            expected += ["msc-%s.%s" % (m, e) for m in ("full-eap", "cached-pmk", "pre-association-ptk", "delegated")
                         for e in ("svg", "png")]
            for name in expected:
                path = os.path.join(fig, name)
                self.assertTrue(os.path.exists(path), name)
                self.assertGreater(os.path.getsize(path), 200, name)
            self.assertTrue(os.path.exists(os.path.join(d, "res-policies", "handoffs.csv")))
            with open(os.path.join(fig, "stats-policy-rssi.csv")) as f:
                stats = f.read()
            self.assertTrue(stats.startswith("method,wanDelay,metric,"), stats[:80])
            self.assertIn("okc,50,udp_gap,", stats)
            firsts = {}
            for name in ("latency-cdf.png", "outage-by-policy.png"):
                with open(os.path.join(fig, name), "rb") as f:
                    firsts[name] = f.read()
            # Again: nothing re-run, same figure bytes.
            p = subprocess.run([script], capture_output=True, text=True, env=env)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout.count("0 to run"), 2, p.stdout)
            for name, first in firsts.items():
                with open(os.path.join(fig, name), "rb") as f:
                    self.assertEqual(first, f.read(), name)

    def test_missing_scenario_fails_clearly(self):
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, SWEEP=os.path.join(HERE, "fixtures", "mini-sweep.toml"),
                       OUT=os.path.join(d, "res"), FIG=os.path.join(d, "fig"),
                       ROAMSEC_SCENARIO_BIN=os.path.join(d, "no-such-program"))
            p = subprocess.run([os.path.join(ROOT, "analysis", "make-figures.sh")], capture_output=True, text=True,
                               env=env)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("not found or not executable", p.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, "fig")))


if __name__ == "__main__":
    unittest.main()
