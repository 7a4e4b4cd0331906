import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import benchmark  # noqa: E402


def campus(security, mobiles, events, cpu, **extra):
    rec = {"benchmark": "campus", "security": security, "mobiles": mobiles, "aps": mobiles // 10,
           "duration": 10.0, "warmup": 5.0, "events_steady": events, "cpu_steady_s": cpu,
           "handoffs_started": 10, "handoffs_completed": 9, "data_delivered": 1000, "peak_mb": 50.0}
    rec.update(extra)
    return json.dumps(rec)


class BenchmarkScalingTest(unittest.TestCase):
    def run_tool(self, lines, *args):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "scaling.jsonl")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = benchmark.main([path, "-o", os.path.join(d, "scaling")] + list(args))
            files = sorted(os.listdir(d))
            md = ""
            if os.path.exists(os.path.join(d, "scaling.md")):
                with open(os.path.join(d, "scaling.md")) as f:
                    md = f.read()
            return code, out.getvalue(), err.getvalue(), files, md

    def test_per_mobile_second_and_spread(self):
        lines = [
            # 100 mobiles, 5 steady seconds: 5e6 events -> 10 000 per mobile and second
            campus("on", 100, 5_000_000, 2.0),
            campus("off", 100, 4_000_000, 1.0),
            campus("on", 1000, 60_000_000, 30.0, data_delivered_steady=450),
            campus("off", 1000, 40_000_000, 20.0, data_delivered_steady=500),
            # a slower repetition of the same point is ignored (least CPU kept)
            campus("off", 1000, 99_000_000, 99.0),
            json.dumps({"benchmark": "campus-instructions", "security": "on", "mobiles": 100,
                        "duration": 5.5, "warmup": 5.0, "instructions_steady": 5_000_000_000}),
        ]
        code, out, _, files, md = self.run_tool(lines)
        self.assertEqual(code, 0)
        self.assertIn("scaling.png", files)
        self.assertIn("| 100 | 10 | 10000 | 8000 | 1.250 | 4000.0 | 2000.0 | 2.000 | 100000000 | - |", md)
        self.assertIn("| 1000 | 100 | 12000 | 8000 | 1.500 |", md)
        # delivered over the whole run, then after the warm-up (absent from older lines)
        self.assertIn("| 9/10 | 9/10 | 1.000 | 0.900 | 50.0 | 50.0 |", md)
        self.assertIn("| 9/10 | 9/10 | 1.000 | - | 50.0 | 50.0 |", md)
        self.assertIn("security on, events per mobile and second: max/min - 1 = 20.0 %", md)
        self.assertIn("security off, events per mobile and second: max/min - 1 = 0.0 %", md)
        self.assertEqual(md, out[:len(md)])

    def test_bad_input_names_file_and_line(self):
        code, _, err, _, _ = self.run_tool([campus("on", 100, 1, 1.0), "{not json"])
        self.assertEqual(code, 2)
        self.assertIn("line 2", err)
        code, _, err, _, _ = self.run_tool([json.dumps({"benchmark": "other"})])
        self.assertEqual(code, 2)
        code, _, err, _, _ = self.run_tool([campus("on", 100, 1, 1.0, warmup=10.0)])
        self.assertEqual(code, 2)
        self.assertIn("duration must exceed warmup", err)
        code, _, err, _, _ = self.run_tool([campus("on", 100, 1, 1.0)], "--format", "gif")
        self.assertEqual(code, 2)
        self.assertIn("--format", err)


if __name__ == "__main__":
    unittest.main()
