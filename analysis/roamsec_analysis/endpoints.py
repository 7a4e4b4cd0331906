"""Who is who in a message trace: the role of each endpoint, the order of the lanes of
a sequence chart, and the handoff milestones drawn on it. Shared by the static charts
(msc.py) and the interactive viewer (viewer*.py)."""

import re

ROLE_PATTERNS = [
    ("attacker", re.compile(r"(attacker|rogue|adversary|intruder|mallory|eve\b)", re.I)),
    ("mobile", re.compile(r"^(sta|mobile|mn|ue|ms)[-_]?\d*$", re.I)),
    ("ap", re.compile(r"^ap[-_]?\d*$", re.I)),
    ("visited", re.compile(r"(^vaaa|visited|^v[-_]?aaa|^aaa[-_]?v)", re.I)),
    ("home", re.compile(r"(^haaa|home|^h[-_]?aaa|^aaa[-_]?h|^hss|^auc)", re.I)),
]
ROLE_ORDER = ["mobile", "ap", "visited", "home", "attacker", "other"]
ROLE_TITLE = {"mobile": "Mobile", "ap": "AP", "visited": "Visited AAA", "home": "Home AAA",
              "attacker": "Attacker", "other": ""}

MILESTONES = [
    ("t_link_lost", "link lost"),
    ("t_scan_done", "scan done"),
    ("t_associated", "(re)associated"),
    ("t_eap_start", "EAP starts"),
    ("t_eap_done", "EAP success"),
    ("t_4way_done", "key handshake done"),
    ("t_port_open_sta", "mobile port open"),
    ("t_port_open_ap", "AP port open"),
    ("t_first_data", "first data"),
]


def role_of(name):
    for role, pat in ROLE_PATTERNS:
        if pat.search(name or ""):
            return role
    return "other"


def ap_number(name):
    m = re.search(r"(\d+)$", name or "")
    return int(m.group(1)) if m else None


def lanes(messages, handoff_row=None):
    """Ordered [(endpoint, role, title)] of the endpoints of the messages; with the
    handoff's row, the APs it left and joined are titled "Old AP" and "New AP"."""
    names = []
    for m in messages:
        for n in (m["from"], m["to"]):
            if n not in names:
                names.append(n)

    def key(n):
        r = role_of(n)
        num = ap_number(n) if r == "ap" else None
        return (ROLE_ORDER.index(r), num if num is not None else -1, n)

    out = []
    for n in sorted(names, key=key):
        r = role_of(n)
        title = ROLE_TITLE[r]
        if r == "ap" and handoff_row is not None:
            num = ap_number(n)
            if num is not None and str(num) == str(handoff_row.get("to_ap", "")).split(".")[0]:
                title = "New AP"
            elif num is not None and str(num) == str(handoff_row.get("from_ap", "")).split(".")[0]:
                title = "Old AP"
        out.append((n, r, title))
    return out
