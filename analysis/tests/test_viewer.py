"""Tests of the interactive sequence viewer (analysis/viewer.py): trace
parsing and validation, selection, key mapping and chains, keytool values,
the page's embedded data, and bad input. Pure Python; the browser test is
analysis/tests/browser/check-viewer.py."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..")
sys.path.insert(0, ANALYSIS)
from roamsec_analysis import viewer  # noqa: E402
from roamsec_analysis.formats import InputError  # noqa: E402
from roamsec_analysis.viewer_keys import (annotate, build_contexts, chain, load_keytool,  # noqa: E402
                                          protections)
from roamsec_analysis.endpoints import lanes  # noqa: E402
from roamsec_analysis.viewer_trace import load_trace, select  # noqa: E402

FIX = os.path.join(HERE, "fixtures", "viewer")
TRACE = os.path.join(FIX, "messages-run1.csv")
LAB = os.path.join(FIX, "lab-rogue-ap.csv")
KEYS_FE = os.path.join(FIX, "keytool-full-eap-h2.json")
KEYS_CP = os.path.join(FIX, "keytool-cached-pmk-h2.json")
VIEWER = os.path.join(ANALYSIS, "viewer.py")


def page_data(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<script type="application/json" id="roamsec-data">(.*?)</script>', text, re.S)
    return text, json.loads(m.group(1))


def by_message(data, name):
    return [r for r in data["rows"] if r["kind"] == "msg" and r["message"] == name]


def prot(row, what):
    return [p for p in row["protections"] if p["what"] == what]


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def gen(self, *args, trace=TRACE, **kw):
        out = os.path.join(self.d, "p.html")
        viewer.generate(trace, out, *args, **kw)
        return page_data(out)

    def cli(self, *args):
        p = subprocess.run([sys.executable, VIEWER] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        return p.returncode, p.stdout, p.stderr


class TraceTest(Base):
    def test_load_real_trace(self):
        header, rows = load_trace(TRACE)
        self.assertEqual(header[:10], ["run", "handoff", "time", "link", "from", "to", "protocol", "message",
                                       "bytes", "fields"])
        self.assertEqual(len(rows), 194)
        self.assertFalse(any(r["attacker"] for r in rows))

    def test_lab_columns(self):
        _, rows = load_trace(LAB)
        self.assertEqual([r["attacker"] for r in rows], [False, True, False, True, False, False])
        self.assertIn("MAC-A", rows[4]["detect"])
        self.assertEqual({r["case"] for r in rows}, {"rogue-ap"})

    def test_select_by_method_handoff_mobile_window(self):
        _, rows = load_trace(TRACE)
        s = select(rows, TRACE, method="full-eap", handoff=2)
        self.assertEqual(len(s.msgs), 18)
        self.assertIn("handoff 2: mobile 0, AP 2 \u2192 AP 1", s.title)
        s2 = select(rows, TRACE, method="full-eap", mobile=0, index=2)
        self.assertEqual([m["index"] for m in s2.msgs], [m["index"] for m in s.msgs])
        w = select(rows, TRACE, method="delegated", t_from=6.41, t_to=6.4195)
        self.assertTrue(all(6.41 <= m["time"] <= 6.4195 for m in w.msgs))
        self.assertEqual(w.kind, "window")
        with self.assertRaises(InputError):
            select(rows, TRACE, handoff=2)  # several methods: --method needed
        with self.assertRaisesRegex(InputError, "out of range"):
            select(rows, TRACE, method="full-eap", mobile=0, index=9)
        with self.assertRaisesRegex(InputError, "mobile 0's, not mobile 3's"):
            select(rows, TRACE, method="full-eap", handoff=1, mobile=3)

    def test_lanes_order_and_attacker(self):
        _, rows = load_trace(LAB)
        s = select(rows, LAB, case="rogue-ap")
        self.assertEqual([(n, r) for n, r, _ in lanes(s.msgs)], [("mobile", "mobile"), ("rogue-ap", "attacker")])
        _, rows = load_trace(TRACE)
        s = select(rows, TRACE, method="full-eap", handoff=2)
        self.assertEqual([t for _, _, t in lanes(s.msgs, s.row)], ["Mobile", "New AP", "Visited AAA", "Home AAA"])


class KeyMappingTest(Base):
    def msg(self, protocol, message, fields="", link="air"):
        return {"index": 0, "run": 1, "handoff": 0, "time": 0.0, "link": link, "from": "a", "to": "b",
                "protocol": protocol, "message": message, "bytes": 1, "fields": fields, "attacker": False,
                "detect": "", "case": ""}

    def keys(self, m):
        return [(p["kind"], p["key"]) for p in protections(m)]

    def test_protocol_mapping(self):
        self.assertEqual(self.keys(self.msg("EAPOL", "EAPOL-Key 2/4")), [("mac", "KCK")])
        self.assertEqual(self.keys(self.msg("EAPOL", "EAPOL-Key 3/4")), [("mac", "KCK"), ("enc", "KEK")])
        self.assertEqual(self.keys(self.msg("EAPOL", "EAPOL-Key 1/4"))[0], ("none", None))
        self.assertEqual(self.keys(self.msg("EAP-AKA", "EAP-Request/AKA-Challenge")),
                         [("mac", "K_aut"), ("mac", "MAC-A"), ("enc", "K_encr")])
        self.assertEqual(self.keys(self.msg("EAP-AKA", "EAP-Response/AKA-Challenge")),
                         [("mac", "K_aut"), ("mac", "RES")])
        self.assertEqual(self.keys(self.msg("EAP-AKA", "EAP-Response/AKA-Synchronization-Failure")),
                         [("mac", "MAC-S")])
        self.assertEqual(self.keys(self.msg("EAP", "EAP-Success")), [("none", None)])
        self.assertEqual(self.keys(self.msg("PREASSOC", "Group Key Confirm")), [("mac", "KCK")])
        self.assertEqual(self.keys(self.msg("EAP-TSK", "EAP-Request/TSK-Challenge")), [("mac", "TSK:K_int")])
        self.assertEqual(self.keys(self.msg("EAP-TSK", "EAP-Response/TSK-Update-Auth"))[0], ("mac", "TSK':K_int"))
        acc = self.keys(self.msg("RADIUS", "Access-Accept [EAP-Success]", "MS-MPPE-Keys=present", "backhaul"))
        self.assertEqual(acc, [("mac", "secret:backhaul"), ("mac", "secret:backhaul"), ("enc", "secret:backhaul"),
                               ("carry", "MSK")])
        req = self.keys(self.msg("RADIUS", "Access-Request [EAP-Response/AKA-Challenge]", "", "wan"))
        self.assertEqual(req, [("mac", "secret:wan"), ("mac", "K_aut"), ("mac", "RES")])
        self.assertEqual(self.keys(self.msg("FOO", "Bar"))[0][0], "unknown")

    def test_chains(self):
        aka = {"profile": "draft", "origin": "aka"}
        self.assertEqual(chain("KCK", aka), ["K", "OPc", "RAND", "CK", "IK", "MK:draft", "MSK", "PMK", "PTK", "KCK"])
        self.assertEqual(chain("K_aut", {"profile": "rfc4187"}), ["K", "OPc", "RAND", "CK", "IK", "MK:rfc4187",
                                                                  "K_aut:rfc4187"])
        self.assertEqual(chain("KEK", {"origin": "tsk"}), ["K", "RAND", "TSK", "TSK:MSK", "PMK", "PTK", "KEK"])
        self.assertEqual(chain("MSK", {"origin": "tsk"}), ["K", "RAND", "TSK", "TSK:MSK"])
        self.assertEqual(chain("KCK", {"origin": "preassoc"}), ["PMK", "PTK", "KCK"])
        self.assertEqual(chain("secret:wan", aka), ["secret:wan"])

    def test_cached_pmk_traced_to_earlier_eap(self):
        _, rows = load_trace(TRACE)
        s = select(rows, TRACE, method="cached-pmk", handoff=2)
        ctxs = build_contexts(s.msgs, s.context, "draft")
        m3 = [m for m in s.msgs if m["message"] == "EAPOL-Key 3/4"][0]
        ctx = ctxs[m3["index"]]
        self.assertEqual(ctx["origin"], "cached")
        self.assertEqual(ctx["rand"], "aa3fa5460b5c4b79ee5dba44b76a05fe")  # cached-pmk handoff 0's RAND
        self.assertIn("handoff 0", ctx["origin_note"])
        # Handoff 3 goes back to AP 0, whose PMK came from the first association (not traced).
        s3 = select(rows, TRACE, method="cached-pmk", handoff=3)
        c3 = build_contexts(s3.msgs, s3.context, "draft")
        self.assertEqual({c["origin"] for c in c3.values()}, {"cached-unknown"})

    def test_values_from_keytool(self):
        docs = load_keytool([KEYS_FE])
        _, rows = load_trace(TRACE)
        s = select(rows, TRACE, method="full-eap", handoff=2)
        ctxs = build_contexts(s.msgs, s.context, "draft")
        m3 = [m for m in s.msgs if m["message"] == "EAPOL-Key 3/4"][0]
        ps = annotate(m3, ctxs[m3["index"]], docs)
        kek = [p for p in ps if p["key"] == "KEK"][0]
        vals = {st["id"]: st["value"] for st in kek["chain"]}
        self.assertEqual(vals["KEK"], docs[0]["rsn"]["kek"])
        self.assertEqual(vals["K"], docs[0]["inputs"]["k"])
        self.assertEqual(vals["MK:draft"], docs[0]["eap_aka"]["xkey"])
        self.assertTrue(kek["supplied"])
        self.assertEqual(kek["summary"], "K, OPc, RAND \u2192 (Milenage f3, f4) CK, IK \u2192 XKEY (master key) "
                                         "\u2192 MSK \u2192 PMK \u2192 PTK \u2192 KEK")
        # The same message without keytool JSON: structure, RAND from the trace, no derived values.
        ps = annotate(m3, ctxs[m3["index"]], [])
        kek = [p for p in ps if p["key"] == "KEK"][0]
        self.assertFalse(kek["supplied"])
        self.assertIn("values not supplied", kek["values_note"])
        self.assertEqual([st["value"] for st in kek["chain"] if st["value"]], ["d989bf4fbfc351661bb5dce5006f2a71"])


class PageTest(Base):
    def test_page_self_contained_with_data(self):
        text, data = self.gen(keys=[KEYS_FE], method="full-eap", handoff=2)
        self.assertEqual(data["format"], "roamsec-viewer/1")
        self.assertNotRegex(text, r"(?i)(src|href)\s*=\s*[\"']?(https?:)?//")  # nothing loaded from a network
        self.assertNotIn("<link", text)
        self.assertTrue("selftest-output" in text and "(selftest|msg)" in text)
        self.assertEqual(len([r for r in data["rows"] if r["kind"] == "msg"]), 18)
        self.assertTrue(any(r["kind"] == "mark" and "link lost" in r["label"] for r in data["rows"]))
        r = by_message(data, "EAPOL-Key 2/4")[0]
        self.assertEqual(r["fields"][0][:2], ["SNonce",
                                              "8d373ccf366f7d93e911b92f205c64096297bbc24220759b5e486323752ddc65"])
        self.assertEqual(prot(r, "EAPOL-Key MIC")[0]["chain"][-1]["value"], "e37d87166f2d2218ebcf60e4b1871a57")
        self.assertIn(["keytool PMKID = trace PMKID (same PMK, AA, SPA)", True], r["checks"])
        ch = by_message(data, "EAP-Request/AKA-Challenge")[0]
        self.assertIn(["keytool AUTN = trace AUTN (same K, OPc, SQN, AMF)", True], ch["checks"])

    def test_each_method(self):
        for method, name, key in [("cached-pmk", "EAPOL-Key 4/4", "KCK"),
                                  ("pre-association-ptk", "Group Key Confirm", "KCK"),
                                  ("delegated", "EAP-Response/TSK-Result", "TSK:K_int"),
                                  ("delegated", "Access-Accept [EAP-Success]", "TSK:MSK")]:
            _, data = self.gen(method=method, handoff=2)
            rows = by_message(data, name)
            self.assertTrue(rows, (method, name))
            self.assertIn(key, [p["key"] for p in rows[0]["protections"]], (method, name))
        _, data = self.gen(method="delegated", handoff=2)
        p = prot(by_message(data, "EAPOL-Key 3/4")[0], "EAPOL-Key MIC")[0]
        self.assertEqual(p["summary"], "K, RAND \u2192 TSK \u2192 MSK (TSK) \u2192 PMK \u2192 PTK \u2192 KCK")
        self.assertIn("does not print the TSK schedule", p["values_note"])

    def test_lab_case_attacker_and_detection(self):
        _, data = self.gen(trace=LAB, case="rogue-ap")
        self.assertTrue(data["has_attacker"] and data["has_detect"])
        self.assertEqual(data["lanes"][-1]["role"], "attacker")
        rows = [r for r in data["rows"] if r["kind"] == "msg"]
        self.assertEqual([r["attacker"] for r in rows], [False, True, False, True, False, False])
        self.assertIn("MAC-A", rows[4]["detect"])

    def test_script_breakout_escaped(self):
        path = os.path.join(self.d, "messages-run1.csv")
        with open(LAB, encoding="utf-8") as f:
            text = f.read().replace("identity=0001010000000000@home.example.net", "identity=</script><b>x")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        text, data = self.gen(trace=path, case="rogue-ap")
        self.assertEqual(text.count("</script>"), 2)  # the data block's and the code's, nothing injected
        self.assertIn("identity=</script><b>x".split("=")[1], json.dumps([r.get("fields") for r in data["rows"]]))


class BadInputTest(Base):
    def write(self, text, name="messages-run1.csv"):
        p = os.path.join(self.d, name)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        return p

    def original(self):
        with open(TRACE, encoding="utf-8") as f:
            return f.read()

    def assert_cli_error(self, path, *words, args=("--handoff", "0")):
        rc, out, err = self.cli(path, "-o", os.path.join(self.d, "x.html"), *args)
        self.assertEqual(rc, 2, err)
        self.assertIn("viewer.py: error: %s" % path, err)
        for w in words:
            self.assertIn(w, err)
        self.assertNotIn("Traceback", err)
        self.assertFalse(os.path.exists(os.path.join(self.d, "x.html")))

    def test_unknown_header(self):
        t = self.original()
        self.assert_cli_error(self.write(t.replace("fields\n", "fields,signal\n", 1)), "unknown header",
                              "unknown column(s) signal", "another version")
        self.assert_cli_error(self.write(t.replace(",bytes,fields\n", ",size,fields\n", 1)), "unknown header",
                              "missing column(s) bytes")
        self.assert_cli_error(self.write("a,b,c\n1,2,3\n"), "unknown header")

    def test_truncated(self):
        t = self.original()
        self.assert_cli_error(self.write(t[:3000]), "truncated")
        cut = t[:t.index("\n", 3000) + 1] + "1,2,6.4"  # a row cut inside its time cell
        self.assert_cli_error(self.write(cut), "truncated", "last row")

    def test_empty_and_header_only(self):
        self.assert_cli_error(self.write(""), "empty file")
        self.assert_cli_error(self.write(self.original().split("\n")[0] + "\n"), "header only")

    def test_missing_file_and_bad_keys(self):
        self.assert_cli_error(os.path.join(self.d, "nope.csv"), "no such file")
        bad = self.write("{}", "k.json")
        rc, _, err = self.cli(TRACE, "--method", "full-eap", "--handoff", "0", "--keys", bad, "-o",
                              os.path.join(self.d, "x.html"))
        self.assertEqual(rc, 2)
        self.assertIn("not roamsec-keytool output", err)

    def test_bad_selection(self):
        rc, _, err = self.cli(TRACE, "--method", "full-eap", "--handoff", "9", "-o", os.path.join(self.d, "x.html"))
        self.assertEqual(rc, 2)
        self.assertIn("no messages of handoff 9", err)
        rc, _, err = self.cli(TRACE, "--method", "full-eap", "-o", os.path.join(self.d, "x.html"))
        self.assertEqual(rc, 2)
        self.assertIn("choose exactly one selection", err)
        rc, _, err = self.cli(LAB, "--case", "nope", "-o", os.path.join(self.d, "x.html"))
        self.assertEqual(rc, 2)
        self.assertIn("cases: rogue-ap", err)

    def test_cli_ok_and_list(self):
        out = os.path.join(self.d, "ok.html")
        rc, so, err = self.cli(TRACE, "--method", "cached-pmk", "--handoff", "2", "--keys", KEYS_CP, "-o", out)
        self.assertEqual(rc, 0, err)
        self.assertIn("wrote %s (5 messages" % out, so)
        rc, so, _ = self.cli("list", TRACE)
        self.assertEqual(rc, 0)
        self.assertEqual(len(so.strip().split("\n")), 17)


if __name__ == "__main__":
    unittest.main()
