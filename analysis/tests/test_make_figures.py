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
                       ROAMSEC_SCENARIO_BIN=os.path.join(HERE, "fake-roaming-handoff"))
            script = os.path.join(ROOT, "analysis", "make-figures.sh")
            p = subprocess.run([script, "--fresh", "-j", "2"], capture_output=True, text=True, env=env)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            fig = os.path.join(d, "fig")
            expected = ["latency-cdf.png", "latency-cdf.pdf", "phase-breakdown.png", "phase-breakdown.pdf",
                        "latency-vs-wan-delay.png", "latency-vs-wan-delay.pdf", "load-vs-mobiles.png",
                        "load-vs-mobiles.pdf", "stats-baseline.csv", "stats-baseline.md", "stats-baseline.tex",
                        "stats-wan.csv", "stats-load.csv"]
            expected += ["msc-%s.%s" % (m, e) for m in ("full-eap", "cached-pmk", "pre-association-ptk", "delegated")
                         for e in ("svg", "png")]
            for name in expected:
                path = os.path.join(fig, name)
                self.assertTrue(os.path.exists(path), name)
                self.assertGreater(os.path.getsize(path), 200, name)
            with open(os.path.join(fig, "latency-cdf.png"), "rb") as f:
                first = f.read()
            # Again: nothing re-run, same figure bytes.
            p = subprocess.run([script], capture_output=True, text=True, env=env)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("0 to run", p.stdout)
            with open(os.path.join(fig, "latency-cdf.png"), "rb") as f:
                self.assertEqual(first, f.read())

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
