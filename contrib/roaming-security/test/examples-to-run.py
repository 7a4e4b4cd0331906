#! /usr/bin/env python3

# The module's programs that ns-3's test.py runs (in a source tree configured with
# --enable-examples --enable-tests) so that they stay buildable and runnable.
# Each tuple: (example name and arguments, do_run, do_valgrind_run).
cpp_examples = [
    ("roaming-security-example --method=full-eap", "True", "False"),
    ("roaming-security-example --method=pre-association-ptk", "True", "False"),
    ("roaming-security-example --method=delegated", "True", "False"),
    ("roaming-handoff --methods=cached-pmk --numAps=2 --outDir=/tmp/roamsec-test-py", "True", "False"),
    ("benchmark-campus --numAps=2 --numMobiles=4 --duration=6 --warmup=2", "True", "False"),
    ("roaming-lab --case=rogue-ap --outDir=/tmp/roamsec-test-py-lab", "True", "False"),
]

python_examples = []
