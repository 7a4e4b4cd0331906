import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..")
sys.path.insert(0, ANALYSIS)
from roamsec_analysis import sweep as sw  # noqa: E402
from roamsec_analysis.formats import InputError  # noqa: E402

FAKE = os.path.join(HERE, "fake-roaming-handoff")
SWEEP = """
name = "t"
replications = 2
run_stride = 100
[fixed]
numMobiles = 2
handoffsPerMobile = 2
[[group]]
name = "wan"
[group.parameters]
methods = ["full-eap", "cached-pmk"]
wanDelay = ["10ms", "50ms"]
[[group]]
name = "load"
replications = 1
[group.parameters]
methods = "delegated"
numMobiles = [1, 3]
"""


def _read(path):
    with open(path) as f:
        return f.read()


class SweepTestBase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        self.sweep_file = os.path.join(self.d, "t.toml")
        with open(self.sweep_file, "w") as f:
            f.write(SWEEP)
        self.out = os.path.join(self.d, "out")
        self.log = os.path.join(self.d, "invocations.log")

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, env=None):
        e = dict(os.environ)
        e["ROAMSEC_FAKE_LOG"] = self.log
        e.pop("ROAMSEC_SCENARIO_BIN", None)
        e.update(env or {})
        return subprocess.run([sys.executable, os.path.join(ANALYSIS, "sweep.py")] + list(args),
                              capture_output=True, text=True, env=e)

    def invocations(self):
        if not os.path.exists(self.log):
            return []
        return sorted(int(x) for x in _read(self.log).split())


class ExpandTest(SweepTestBase):
    def test_expand(self):
        jobs = sw.expand(sw.load_sweep(self.sweep_file))
        self.assertEqual(len(jobs), 2 * 2 * 2 + 2)
        runs = [j["run"] for j in jobs]
        self.assertEqual(runs, [1, 2, 101, 102, 201, 202, 301, 302, 401, 501])
        self.assertEqual(len({j["id"] for j in jobs}), len(jobs))
        self.assertEqual(jobs[0]["flags"], {"numMobiles": "2", "handoffsPerMobile": "2", "methods": "full-eap",
                                            "wanDelay": "10ms"})
        self.assertEqual(jobs[-1]["flags"]["numMobiles"], "3")  # group value overrides fixed
        self.assertEqual(jobs[-1]["config"], "methods=delegated numMobiles=3")
        # Same sweep, same ids (resume depends on it).
        self.assertEqual([j["id"] for j in sw.expand(sw.load_sweep(self.sweep_file))], [j["id"] for j in jobs])

    def test_more_replications_keep_run_numbers(self):
        a = sw.expand(sw.normalize_sweep({"replications": 2, "parameters": {"x": [1, 2]}}))
        b = sw.expand(sw.normalize_sweep({"replications": 3, "parameters": {"x": [1, 2]}}))
        self.assertTrue({j["id"] for j in a} <= {j["id"] for j in b})

    def test_json_sweep(self):
        p = os.path.join(self.d, "s.json")
        with open(p, "w") as f:
            json.dump({"name": "j", "replications": 3, "parameters": {"methods": ["full-eap"]}}, f)
        s = sw.load_sweep(p)
        self.assertEqual(len(sw.expand(s)), 3)

    def test_bad_sweeps(self):
        bad = [
            ({"replications": 0}, "positive integer"),
            ({"bogus": 1}, "unknown key"),
            ({"parameters": {"RngRun": [1, 2]}}, "set by the sweep runner"),
            ({"parameters": {"x": []}}, "no values"),
            ({"parameters": {"x": [{"a": 1}]}}, "must be a string"),
            ({"group": [{"name": "a"}, {"name": "a"}]}, "duplicate group"),
            ({"replications": 5, "run_stride": 2}, "exceed run_stride"),
            ({"group": [], }, "non-empty"),
        ]
        for data, needle in bad:
            with self.assertRaises(InputError) as cm:
                sw.normalize_sweep(data)
            self.assertIn(needle, str(cm.exception), data)
        p = os.path.join(self.d, "broken.toml")
        with open(p, "w") as f:
            f.write("name = [\n")
        p2 = self.cli("expand", p, "-o", self.out)
        self.assertEqual(p2.returncode, 2)
        self.assertIn("cannot parse", p2.stderr)


class RunTest(SweepTestBase):
    def test_run_merge_and_skip(self):
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", FAKE, "-j", "2")
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        self.assertEqual(self.invocations(), [1, 2, 101, 102, 201, 202, 301, 302, 401, 501])
        with open(os.path.join(self.out, "handoffs.csv")) as f:
            rows = list(csv.DictReader(f))
        # 8 wan runs x 2 mobiles x 2 handoffs, delegated runs with 1 and 3 mobiles.
        self.assertEqual(len(rows), 8 * 4 + 2 + 6)
        self.assertEqual({r["group"] for r in rows}, {"wan", "load"})
        self.assertIn("wanDelay", rows[0])
        meta = json.loads(_read(os.path.join(self.out, "handoffs.meta.json")))
        self.assertEqual(meta["swept"], ["methods", "wanDelay", "numMobiles"])
        self.assertEqual({r["method"] for r in rows}, {"full-eap", "cached-pmk", "delegated"})
        first = _read(os.path.join(self.out, "handoffs.csv"))
        # A second run executes nothing and merges the same bytes.
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", FAKE)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("10 done already, 0 to run", p.stdout)
        self.assertEqual(len(self.invocations()), 10)
        self.assertEqual(first, _read(os.path.join(self.out, "handoffs.csv")))

    def test_resume_after_failure(self):
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", FAKE,
                     env={"ROAMSEC_FAKE_FAIL_RUNS": "101,401"})
        self.assertEqual(p.returncode, 1)
        self.assertIn("2 runs did not finish", p.stderr)
        jobs = sw.expand(sw.load_sweep(self.sweep_file))
        failed = [j for j in jobs if j["run"] in (101, 401)]
        for j in failed:
            self.assertFalse(os.path.exists(os.path.join(self.out, "runs", j["id"])))
            self.assertTrue(os.path.exists(os.path.join(self.out, "failed", j["id"], "log.txt")))
        st = self.cli("status", self.out)
        self.assertEqual(st.returncode, 1)
        self.assertIn("8 done, 2 failed", st.stdout)
        runs_csv = _read(os.path.join(self.out, "runs.csv"))
        self.assertEqual(runs_csv.count(",missing,"), 2)
        os.remove(self.log)
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", FAKE)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.invocations(), [101, 401])  # only the missing ones
        self.assertFalse(os.path.exists(os.path.join(self.out, "failed", failed[0]["id"])))
        self.assertEqual(self.cli("status", self.out).returncode, 0)

    def test_interrupted_run_is_redone(self):
        self.assertEqual(self.cli("expand", self.sweep_file, "-o", self.out, "--binary", FAKE).returncode, 0)
        jobs = sw.expand(sw.load_sweep(self.sweep_file))
        # A killed run leaves its private temporary directory, never runs/<id>.
        host = socket.gethostname().split(".")[0]
        stale = os.path.join(self.out, "runs", ".tmp-%s-%s-999999999" % (jobs[0]["id"], host))
        os.makedirs(stale)
        with open(os.path.join(stale, "handoffs-run1.csv"), "w") as f:
            f.write("run,seed\n1,")
        self.assertFalse(sw.is_done(self.out, jobs[0]))
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", FAKE)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("removed 1 unfinished", p.stdout)
        self.assertFalse(os.path.exists(stale))
        self.assertIn(1, self.invocations())

    def test_job_skips_done(self):
        self.cli("expand", self.sweep_file, "-o", self.out, "--binary", FAKE)
        jid = sw.expand(sw.load_sweep(self.sweep_file))[3]["id"]
        self.assertEqual(self.cli("job", self.out, jid).returncode, 0)
        p = self.cli("job", self.out, jid)
        self.assertEqual(p.returncode, 0)
        self.assertIn("skipped", p.stdout)
        self.assertEqual(self.invocations(), [102])
        p = self.cli("job", self.out, "nosuch")
        self.assertEqual(p.returncode, 2)

    def test_missing_binary(self):
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", os.path.join(self.d, "nope"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("not found or not executable", p.stderr)

    def test_env_binary_and_dry_run(self):
        p = self.cli("run", self.sweep_file, "-o", self.out, "--dry-run", env={"ROAMSEC_SCENARIO_BIN": FAKE})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(p.stdout.strip().splitlines()), 10)
        self.assertEqual(self.invocations(), [])
        self.assertEqual(json.loads(_read(os.path.join(self.out, "sweep.json")))["binary"], FAKE)

    def test_sshloginfile_local(self):
        # ':' in an sshloginfile is GNU parallel's name for the local machine.
        logins = os.path.join(self.d, "nodes")
        with open(logins, "w") as f:
            f.write("2/:\n")
        p = self.cli("run", self.sweep_file, "-o", self.out, "--binary", FAKE, "--sshloginfile", logins)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(self.invocations()), 10)

    def test_slurm_array_script(self):
        p = self.cli("slurm", self.sweep_file, "-o", self.out, "--binary", FAKE, "-k", "3",
                     "--python", sys.executable, "--sbatch=--time=00:10:00")
        self.assertEqual(p.returncode, 0, p.stderr)
        script = os.path.join(self.out, "slurm-array.sh")
        text = _read(script)
        self.assertIn("#SBATCH --array=1-4", text)  # 10 runs, 3 per task
        self.assertIn("#SBATCH --time=00:10:00", text)
        # Play Slurm: run task 4 (runs 10) and task 2 (runs 4-6) by hand.
        for task in ("4", "2"):
            e = dict(os.environ, SLURM_ARRAY_TASK_ID=task, ROAMSEC_FAKE_LOG=self.log)
            r = subprocess.run(["bash", script], capture_output=True, text=True, env=e)
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.invocations(), [102, 201, 202, 501])
        p = self.cli("merge", self.out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("merged 4 runs", p.stdout)


if __name__ == "__main__":
    unittest.main()
