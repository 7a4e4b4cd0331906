#!/usr/bin/python3
"""Real-browser test of the interactive viewer (analysis/viewer.py).

Generates pages from the fixture trace, opens each in headless Chromium with
#selftest=<message index> (the page's own harness selects that message as a
click would and copies the details panel's text into
<pre id="selftest-output">), dumps the DOM and checks what a student would
see: the protecting key, the derivation chain and, where keytool JSON was
given, the values. Also checks that a page with empty or malformed embedded
data shows an error instead of a blank page.

  check-viewer.py [--chromium PATH] [--keep DIR] [--screenshots DIR]

Chromium: --chromium PATH, else $ROAMSEC_CHROMIUM, else /usr/bin/chromium or
chromium / chromium-browser on PATH.

Prints "SKIP: ..." and exits 0 when Chromium is missing (CTest's
SKIP_REGULAR_EXPRESSION catches the marker); exits 1 on any failed check.
--screenshots DIR also writes viewer-<method>.png (1400x900) for the doc.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.abspath(os.path.join(HERE, "..", ".."))
FIX = os.path.join(ANALYSIS, "tests", "fixtures", "viewer")
TRACE = os.path.join(FIX, "messages-run1.csv")
VIEWER = os.path.join(ANALYSIS, "viewer.py")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio"]

# (page name, viewer arguments, message to select, texts that must be shown, screenshot method or None)
CASES = [
    ("full-eap", ["--method", "full-eap", "--handoff", "2", "--keys", os.path.join(FIX, "keytool-full-eap-h2.json")],
     16, ["#16 EAPOL-Key 3/4", "EAPOL-Key MIC", "protected by: KCK", "protected by: KEK",
          "Chain: K, OPc, RAND \u2192 (Milenage f3, f4) CK, IK \u2192 XKEY (master key) \u2192 MSK \u2192 PMK \u2192 PTK "
          "\u2192 KCK", "d989bf4fbfc351661bb5dce5006f2a71",       # RAND from the trace
          "e37d87166f2d2218ebcf60e4b1871a57",                        # KCK from keytool
          "\u2714 keytool PMKID = trace PMKID"], "full-eap"),
    ("full-eap-aka", ["--method", "full-eap", "--handoff", "2"],
     7, ["#7 EAP-Request/AKA-Challenge", "AT_MAC", "protected by: K_int",
         "Chain: K, OPc, RAND \u2192 (Milenage f3, f4) CK, IK \u2192 XKEY (master key) \u2192 K_int",
         "protected by: K_encr", "values not supplied"], None),
    ("full-eap-radius", ["--method", "full-eap", "--handoff", "2"],
     12, ["Access-Accept [EAP-Success]", "Message-Authenticator",
          "protected by: RADIUS shared secret (AP \u2194 visited AAA)", "MS-MPPE-Recv-Key", "carries: MSK"], None),
    ("cached-pmk", ["--method", "cached-pmk", "--handoff", "2", "--keys",
                    os.path.join(FIX, "keytool-cached-pmk-h2.json")],
     3, ["#3 EAPOL-Key 3/4", "protected by: KCK", "PMKSA cached at the EAP-AKA authentication of handoff 0",
         "aa3fa5460b5c4b79ee5dba44b76a05fe", "65c741d6e77572d2e7a79d80cb9a2ce2"], "cached-pmk"),
    ("pre-association-ptk", ["--method", "pre-association-ptk", "--handoff", "2"],
     0, ["#0 Group Key Confirm", "protected by: KCK", "Chain: PMK \u2192 PTK \u2192 KCK",
         "agreed with the target AP over the DS", "values not supplied"], "pre-association-ptk"),
    ("delegated", ["--method", "delegated", "--handoff", "2"],
     5, ["#5 EAP-Request/TSK-Challenge", "protected by: K_int (TSK)", "Chain: K, RAND \u2192 TSK \u2192 K_int (TSK)",
         "d6a21d9f20bbe8508b536b20a6ea108e", "roamsec-keytool does not print the TSK schedule"], "delegated"),
    ("lab", ["--case", "rogue-ap"], 3,
     ["\u26a0 Sent or altered by the attacker", "protected by: K (through MAC-A (in AUTN))"], None),
]


def find_chromium(explicit):
    if explicit:  # --chromium PATH or $ROAMSEC_CHROMIUM: that one or none
        return explicit if os.path.isfile(explicit) and os.access(explicit, os.X_OK) else None
    for c in ["/usr/bin/chromium", shutil.which("chromium") or "",
                                                 shutil.which("chromium-browser") or ""]:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def browser(chromium, args, tmp):
    profile = tempfile.mkdtemp(prefix="profile-", dir=tmp)
    try:
        p = subprocess.run([chromium] + FLAGS + ["--user-data-dir=" + profile] + args, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def selftest_text(dom):
    m = re.search(r'<pre id="selftest-output">(.*?)</pre>', dom, re.S)
    if not m:
        return None
    import html
    return html.unescape(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chromium")
    ap.add_argument("--keep", help="keep the generated pages in this directory")
    ap.add_argument("--screenshots", help="write viewer-<method>.png here")
    a = ap.parse_args()
    chromium = find_chromium(a.chromium or os.environ.get("ROAMSEC_CHROMIUM"))
    if not chromium:
        print("SKIP: chromium not found (apt-get install chromium); the viewer's browser test did not run")
        return 0
    tmp = tempfile.mkdtemp(prefix="check-viewer-")
    failures = []
    try:
        out_dir = a.keep or tmp
        os.makedirs(out_dir, exist_ok=True)
        for name, vargs, index, expect, shot in CASES:
            trace = os.path.join(FIX, "lab-rogue-ap.csv") if name == "lab" else TRACE
            page = os.path.join(out_dir, "viewer-%s.html" % name)
            p = subprocess.run([sys.executable, VIEWER, trace, "-o", page] + vargs, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            if p.returncode != 0:
                failures.append("%s: viewer.py failed: %s" % (name, p.stderr.decode()))
                continue
            url = "file://%s#selftest=%d" % (os.path.abspath(page), index)
            rc, dom = browser(chromium, ["--dump-dom", url], tmp)
            text = selftest_text(dom)
            if rc != 0 or text is None:
                failures.append("%s: chromium exit %d, no selftest output in the DOM" % (name, rc))
                continue
            if not text.startswith("SELFTEST-SELECTED %d" % index):
                failures.append("%s: the page did not select message %d: %r" % (name, index, text[:200]))
                continue
            missing = [e for e in expect if e not in text]
            if missing:
                failures.append("%s: not shown after clicking message %d: %s" % (name, index, missing))
            else:
                print("ok   %-20s message %d shows %s" % (name, index, "; ".join(e[:40] for e in expect[:3])))
            if shot and a.screenshots:
                os.makedirs(a.screenshots, exist_ok=True)
                png = os.path.join(a.screenshots, "viewer-%s.png" % shot)
                browser(chromium, ["--screenshot=" + png, "--window-size=1400,900",
                                   "file://%s#msg=%d" % (os.path.abspath(page), index)], tmp)
                print("     wrote %s" % png)
        # A page whose embedded data is empty or malformed shows a message, not a blank page.
        with open(os.path.join(out_dir, "viewer-full-eap.html"), encoding="utf-8") as f:
            good = f.read()
        start = good.index('id="roamsec-data">') + len('id="roamsec-data">')
        end = good.index("</script>", start)
        for bad_name, payload, expect in [("empty", "", "the embedded data is empty"),
                                          ("malformed", '{"format": "roamsec-viewer/1", "lanes": [', "not valid JSON"),
                                          ("no-rows", '{"format":"roamsec-viewer/1","lanes":[{"id":"a"}],"rows":[]}',
                                           "holds no message")]:
            page = os.path.join(out_dir, "viewer-bad-%s.html" % bad_name)
            with open(page, "w", encoding="utf-8") as f:
                f.write(good[:start] + payload + good[end:])
            rc, dom = browser(chromium, ["--dump-dom", "file://%s#selftest=0" % os.path.abspath(page)], tmp)
            shown = re.search(r'<div id="error" role="alert" style="display: block;">(.*?)</div>', dom, re.S)
            if not shown or expect not in shown.group(1) or "Cannot show this trace" not in shown.group(1):
                failures.append("bad page %s: no visible error message %r" % (bad_name, expect))
            else:
                print("ok   bad page %-11s shows: %s" % (bad_name, shown.group(1)[:80]))
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("FAIL: %d check(s) failed:" % len(failures))
        for f in failures:
            print("  " + f)
        return 1
    print("PASS: viewer checked in %s" % chromium)
    return 0


if __name__ == "__main__":
    sys.exit(main())
