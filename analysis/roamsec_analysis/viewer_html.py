"""The viewer page: one self-contained HTML file (inline CSS, JS and SVG, no
network access), with the data embedded as JSON in a script element.

The page's script draws the sequence chart, shows a message's details on
click (fields, protecting keys and their derivation chains) and, when the
URL has ``#selftest=N``, selects message N and copies the details panel's
text into ``<pre id="selftest-output">`` so that a headless browser's
``--dump-dom`` shows what a student would see (analysis/tests/browser/).
``#msg=N`` only selects message N (for screenshots and links).
"""

import html
import json

FORMAT = "roamsec-viewer/1"

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="roaming-security analysis/viewer.py">
<title>__TITLE__</title>
<style>
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 13px; color: #1b1b1b; background: #fafafa; }
header { padding: 8px 14px 6px; border-bottom: 1px solid #ccc; background: #fff; }
header h1 { font-size: 16px; margin: 0 0 3px; }
header .sub { color: #555; font-size: 12px; }
.legend { margin-top: 4px; font-size: 11.5px; color: #333; }
.legend span.sw { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: middle;
  margin: 0 3px 0 10px; }
main { display: flex; height: calc(100% - 78px); }
#chart { flex: 1 1 auto; overflow: auto; background: #fff; }
#details { flex: 0 0 540px; overflow: auto; border-left: 1px solid #ccc; padding: 10px 14px; background: #fcfcfc; }
#details h2 { font-size: 15px; margin: 2px 0 6px; }
#details h3 { font-size: 13px; margin: 12px 0 4px; border-bottom: 1px solid #ddd; padding-bottom: 2px; }
table.kv { border-collapse: collapse; width: 100%; }
table.kv td { padding: 2px 4px; vertical-align: top; border-bottom: 1px solid #eee; }
table.kv td:first-child { white-space: nowrap; color: #444; width: 1%; }
.hex { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 11.5px; word-break: break-all; }
.prot { border: 1px solid #d5d5d5; border-radius: 5px; padding: 6px 8px; margin: 6px 0; background: #fff; }
.prot .badge { display: inline-block; font-size: 10.5px; font-weight: bold; padding: 1px 5px; border-radius: 3px;
  color: #fff; margin-right: 5px; }
.b-mac { background: #1f6fb2; } .b-enc { background: #7a3db8; } .b-none { background: #9a9a9a; }
.b-name { background: #5d7f3a; } .b-carry { background: #b8741a; } .b-unknown { background: #555; }
.prot .key { font-weight: bold; }
.prot .algo, .prot .ref, .prot .note { color: #444; font-size: 12px; }
.chainline { margin: 5px 0 3px; font-weight: bold; color: #2c3e50; }
ol.chain { margin: 2px 0 2px 18px; padding: 0; }
ol.chain li { margin: 2px 0; }
ol.chain .how { color: #555; font-size: 11.5px; }
.novalues { color: #a05a00; font-size: 12px; margin-top: 3px; }
.check-ok { color: #1a7f37; } .check-bad { color: #b00020; font-weight: bold; }
.attack { color: #b00020; font-weight: bold; }
.detect { background: #fdecea; border: 1px solid #f5b7b1; border-radius: 4px; padding: 4px 6px; margin: 6px 0; }
#error { margin: 30px; padding: 16px 20px; border: 2px solid #b00020; background: #fdecea; color: #5c0011;
  font-size: 15px; border-radius: 6px; display: none; }
.hint { color: #666; margin-top: 20px; }
svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
svg .row:hover .bg { fill: #eef5ff; }
svg .row.sel .bg { fill: #d8e9ff; }
svg .row { cursor: pointer; }
#selftest-output { display: none; }
.chart-head { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #eee; }
#chart svg { display: block; }
</style>
</head>
<body>
<header>
<h1 id="title">__TITLE__</h1>
<div class="sub" id="sub"></div>
<div class="legend" id="legend"></div>
</header>
<noscript><div style="margin:30px;font-size:15px">This viewer needs JavaScript to draw the chart.</div></noscript>
<div id="error" role="alert"></div>
<main id="main">
<div id="chart"></div>
<div id="details"><div class="hint">Click a message (or use the arrow keys) to see its fields, the key that
protects it and where that key comes from.</div></div>
</main>
<pre id="selftest-output"></pre>
<script type="application/json" id="roamsec-data">__DATA__</script>
<script>
"use strict";
(function () {
  var FORMAT = "__FORMAT__";
  var PROTO_COLOR = {"EAP": "#D55E00", "EAP-AKA": "#B2182B", "EAPOL": "#0072B2", "RADIUS": "#333333",
    "PREASSOC": "#009E73", "EAP-TSK": "#8E44AD", "DELEGATION": "#8E44AD"};
  var LINK_DASH = {"air": "", "backhaul": "7 3", "wan": "10 3 2 3", "local": "2 2"};
  var KIND_LABEL = {"mac": "MAC", "enc": "ENCRYPTION", "none": "NONE", "name": "KEY NAME", "carry": "CARRIES",
    "unknown": "?"};
  var SVGNS = "http://www.w3.org/2000/svg";
  var data = null, selected = -1, msgRows = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function sv(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in (attrs || {})) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function fail(msg) {
    var box = document.getElementById("error");
    box.textContent = "Cannot show this trace: " + msg +
      ". Regenerate the page with analysis/viewer.py from a valid messages-run<R>.csv.";
    box.style.display = "block";
    document.getElementById("main").style.display = "none";
    var out = document.getElementById("selftest-output");
    out.textContent = "SELFTEST-ERROR " + msg;
  }
  function validate(d) {
    if (d === null || typeof d !== "object" || Array.isArray(d)) return "the embedded data is not an object";
    if (d.format !== FORMAT) return "the embedded data has format " + JSON.stringify(d.format) +
      ", this page expects " + FORMAT;
    if (!Array.isArray(d.lanes) || d.lanes.length === 0) return "the embedded data has no lanes";
    if (!Array.isArray(d.rows)) return "the embedded data has no rows";
    var ids = {};
    d.lanes.forEach(function (l) { ids[l.id] = true; });
    var n = 0;
    for (var i = 0; i < d.rows.length; i++) {
      var r = d.rows[i];
      if (!r || typeof r !== "object") return "row " + i + " is not an object";
      if (r.kind === "msg") {
        n++;
        if (!ids[r.from] || !ids[r.to]) return "message " + i + " has an endpoint without a lane";
        if (typeof r.message !== "string" || !Array.isArray(r.protections) || !Array.isArray(r.fields))
          return "message " + i + " is incomplete";
      } else if (r.kind !== "mark") return "row " + i + " has an unknown kind";
    }
    if (n === 0) return "the embedded data holds no message";
    return null;
  }

  function draw() {
    var lanes = data.lanes, rows = data.rows;
    var left = 92, gap = 190, top = 64;
    var maxLabel = 0;
    rows.forEach(function (r) {
      if (r.kind !== "msg" || r.from === r.to) return;
      r.message.split(" [").forEach(function (part) { maxLabel = Math.max(maxLabel, part.length); });
    });
    gap = Math.max(130, Math.min(230, 6.4 * maxLabel + 12));
    var x = {};
    lanes.forEach(function (l, i) { x[l.id] = left + 70 + i * gap; });
    var width = left + 70 + (lanes.length - 1) * gap + 90;
    rows.forEach(function (r) {
      if (r.kind === "mark") width = Math.max(width, left + 90 + 6.2 * r.label.length);
      if (r.kind === "msg" && r.detect) width = Math.max(width, Math.min(x[r.from], x[r.to]) + 40 + 6.6 * (Math.min(95, r.detect.length) + 12));
    });
    var y = top + 14, layout = [];
    rows.forEach(function (r) { var h = r.kind === "msg" ? (r.message.indexOf(" [") > 0 ? 40 : 30) : 18;
      if (r.detect) h += 16;
      layout.push([y, h]); y += h; });
    var height = y + 30;
    // Lane heads in their own SVG that stays at the top while the chart scrolls.
    var hh = top - 10;
    var head = sv("svg", {width: width, height: hh, viewBox: "0 0 " + width + " " + hh, id: "msc-head"});
    var svg = sv("svg", {width: width, height: height - hh, viewBox: "0 " + hh + " " + width + " " + (height - hh),
      id: "msc"});
    var defs = sv("defs");
    Object.keys(PROTO_COLOR).concat(["attack"]).forEach(function (p) {
      var c = p === "attack" ? "#d00000" : PROTO_COLOR[p];
      var m = sv("marker", {id: "ah-" + p, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7,
        markerHeight: 7, orient: "auto-start-reverse"});
      m.appendChild(sv("path", {d: "M0,0 L10,5 L0,10 z", fill: c}));
      defs.appendChild(m);
    });
    svg.appendChild(defs);
    head.appendChild(sv("text", {x: 8, y: top - 20, "font-size": 11, fill: "#444"}, "time (ms)"));
    lanes.forEach(function (l) {
      var lx = x[l.id], att = l.role === "attacker";
      var label = l.title && l.title.toLowerCase() !== l.id.toLowerCase().replace(/-/g, " ") ? l.title : "";
      head.appendChild(sv("rect", {x: lx - 62, y: 8, width: 124, height: label ? 40 : 28, rx: 6,
        fill: att ? "#fde2e2" : "#f2f2f2", stroke: att ? "#d00000" : "#555"}));
      if (label) {
        head.appendChild(sv("text", {x: lx, y: 24, "text-anchor": "middle", "font-size": 12.5,
          "font-weight": "bold"}, label));
        head.appendChild(sv("text", {x: lx, y: 40, "text-anchor": "middle", "font-size": 11, fill: "#444"}, l.id));
      } else {
        head.appendChild(sv("text", {x: lx, y: 27, "text-anchor": "middle", "font-size": 12.5,
          "font-weight": "bold"}, l.id));
      }
      svg.appendChild(sv("line", {x1: lx, y1: top - 12, x2: lx, y2: height - 16, stroke: "#999",
        "stroke-width": 1}));
      head.appendChild(sv("line", {x1: lx, y1: label ? 48 : 36, x2: lx, y2: hh, stroke: "#999", "stroke-width": 1}));
    });
    var lastX = x[lanes[lanes.length - 1].id];
    rows.forEach(function (r, k) {
      var y0 = layout[k][0], h = layout[k][1];
      if (r.kind === "mark") {
        var yc = y0 + h / 2;
        svg.appendChild(sv("line", {x1: left - 4, y1: yc, x2: lastX + 30, y2: yc, stroke: "#aaa",
          "stroke-dasharray": "2 3"}));
        svg.appendChild(sv("text", {x: left + 80, y: yc + 4, "font-size": 11, "font-style": "italic",
          fill: "#555", stroke: "#fff", "stroke-width": 4, "paint-order": "stroke"}, r.label));
        svg.appendChild(sv("text", {x: 8, y: yc + 4, "font-size": 10.5, fill: "#888"}, r.t));
        return;
      }
      var g = sv("g", {"class": "row", "data-index": r.i, tabindex: 0});
      g.appendChild(sv("rect", {"class": "bg", x: 2, y: y0, width: width - 4, height: h, fill: "transparent"}));
      var ya = y0 + h - (r.detect ? 24 : 8), x1 = x[r.from], x2 = x[r.to];
      var col = r.attacker ? "#d00000" : (PROTO_COLOR[r.protocol] || "#000");
      var mk = r.attacker ? "attack" : (PROTO_COLOR[r.protocol] ? r.protocol : "RADIUS");
      g.appendChild(sv("text", {x: 8, y: ya + 4, "font-size": 11, "font-family": "monospace"}, r.t));
      var xm;
      if (x1 === x2) {
        g.appendChild(sv("path", {d: "M" + x1 + "," + (ya - 7) + " h28 v12 h-26", fill: "none", stroke: col,
          "stroke-width": r.attacker ? 2.6 : 1.5, "stroke-dasharray": LINK_DASH[r.link] || "",
          "marker-end": "url(#ah-" + mk + ")"}));
        xm = x1 + 36;
      } else {
        g.appendChild(sv("line", {x1: x1, y1: ya, x2: x2, y2: ya, stroke: col,
          "stroke-width": r.attacker ? 2.8 : 1.6, "stroke-dasharray": LINK_DASH[r.link] || "",
          "marker-end": "url(#ah-" + mk + ")"}));
        xm = (x1 + x2) / 2;
      }
      var anchor = x1 === x2 ? "start" : "middle", name = r.message, inner = "";
      var cut = name.indexOf(" [");
      if (cut > 0 && name.charAt(name.length - 1) === "]") { inner = name.slice(cut + 1); name = name.slice(0, cut); }
      g.appendChild(sv("text", {x: xm, y: inner ? ya - 16 : ya - 5, "text-anchor": anchor, "font-size": 11.5,
        "font-weight": "bold", fill: col}, (r.attacker ? "\u26a0 " : "") + name));
      if (inner) g.appendChild(sv("text", {x: xm, y: ya - 5, "text-anchor": anchor, "font-size": 10.5, fill: col},
        inner));
      if (r.detect) {
        var dx = x1 === x2 ? x1 : x2, dy = x1 === x2 ? ya : ya;
        g.appendChild(sv("circle", {cx: dx, cy: dy, r: 9, fill: "#fff", stroke: "#d00000", "stroke-width": 2.4}));
        g.appendChild(sv("path", {d: "M" + (dx - 4.5) + "," + (dy - 4.5) + " l9,9 m0,-9 l-9,9", stroke: "#d00000",
          "stroke-width": 2.4}));
        var dt = r.detect.length > 95 ? r.detect.slice(0, 94) + "\u2026" : r.detect;
        g.appendChild(sv("text", {x: Math.min(x1, x2) + 14, y: ya + 17, "font-size": 11, "font-weight": "bold",
          fill: "#d00000", stroke: "#fff", "stroke-width": 4, "paint-order": "stroke"}, "\u2716 detected: " + dt));
      }
      g.appendChild(sv("title", {}, r.message + " (" + r.protocol + ", " + r.bytes + " bytes, " + r.link +
        " link) \u2014 click for details"));
      g.addEventListener("click", function () { select(r.i, true); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(r.i, true); });
      svg.appendChild(g);
      msgRows[r.i] = g;
    });
    var hd = el("div", {"class": "chart-head"});
    hd.appendChild(head);
    document.getElementById("chart").appendChild(hd);
    document.getElementById("chart").appendChild(svg);
  }

  function kv(table, k, v, cls) {
    var tr = el("tr");
    tr.appendChild(el("td", {}, k));
    var td = el("td", cls ? {"class": cls} : {}, v);
    tr.appendChild(td);
    table.appendChild(tr);
    return td;
  }

  function chainSummary(chain) {
    // "K, OPc, RAND -> CK -> IK -> ..." with the roots grouped.
    var roots = [], rest = [];
    chain.forEach(function (s) {
      if (rest.length === 0 && (s.id === "K" || s.id === "OPc" || s.id === "RAND" || s.id === "RAND2"))
        roots.push(s.label); else rest.push(s.label);
    });
    var parts = [];
    if (roots.length) parts.push(roots.join(", "));
    return parts.concat(rest).join(" \u2192 ");
  }

  function renderProtection(p, box) {
    var d = el("div", {"class": "prot"});
    d.appendChild(el("span", {"class": "badge b-" + p.kind}, KIND_LABEL[p.kind] || p.kind));
    d.appendChild(el("b", {}, p.what));
    if (p.key) {
      var k = el("div");
      k.appendChild(document.createTextNode(p.kind === "name" ? "names key: " :
        p.kind === "carry" ? "carries: " : "protected by: "));
      k.appendChild(el("span", {"class": "key"}, p.label));
      d.appendChild(k);
    }
    if (p.algo) d.appendChild(el("div", {"class": "algo"}, p.algo));
    if (p.ref) d.appendChild(el("div", {"class": "ref"}, "Reference: " + p.ref));
    if (p.note) d.appendChild(el("div", {"class": "note"}, p.note));
    if (p.chain && p.chain.length) {
      d.appendChild(el("div", {"class": "chainline"}, "Chain: " + (p.summary || chainSummary(p.chain))));
      var ol = el("ol", {"class": "chain"});
      p.chain.forEach(function (s) {
        var li = el("li");
        li.appendChild(el("b", {}, s.label));
        li.appendChild(el("span", {"class": "how"}, " = " + s.how + (s.ref ? " [" + s.ref + "]" : "")));
        if (s.value) {
          var v = el("div", {"class": "hex"}, s.value);
          v.title = "from " + s.source;
          li.appendChild(v);
        }
        ol.appendChild(li);
      });
      d.appendChild(ol);
      d.appendChild(el("div", {"class": "novalues"}, p.values_note));
    }
    box.appendChild(d);
  }

  function select(i, scroll) {
    var r = null;
    data.rows.forEach(function (x) { if (x.kind === "msg" && x.i === i) r = x; });
    if (!r) return false;
    if (selected >= 0 && msgRows[selected]) msgRows[selected].setAttribute("class", "row");
    selected = i;
    msgRows[i].setAttribute("class", "row sel");
    if (scroll && msgRows[i].scrollIntoView) msgRows[i].scrollIntoView({block: "nearest"});
    var box = document.getElementById("details");
    box.textContent = "";
    box.appendChild(el("h2", {}, "#" + r.i + " " + r.message));
    if (r.attacker) box.appendChild(el("div", {"class": "attack"},
      "\u26a0 Sent or altered by the attacker" + (r.from_role === "attacker" ? "" : " (spoofing " + r.from + ")")));
    if (r.detect) {
      var dd = el("div", {"class": "detect"});
      dd.appendChild(el("b", {}, "\u2716 Detection point: "));
      dd.appendChild(document.createTextNode(r.detect));
      box.appendChild(dd);
    }
    var t = el("table", {"class": "kv"});
    kv(t, "time", r.time.toFixed(9) + " s (" + r.t + " ms)");
    kv(t, "from \u2192 to", r.from + " \u2192 " + r.to + " (" + r.link + " link)");
    kv(t, "protocol", r.protocol);
    kv(t, "size", r.bytes + " bytes");
    kv(t, "trace", "line " + r.line + ", handoff " + r.handoff + (r["case"] ? ", case " + r["case"] : ""));
    box.appendChild(t);
    box.appendChild(el("h3", {}, "Decoded fields"));
    if (r.fields.length === 0) box.appendChild(el("div", {}, "(no key fields in the trace)"));
    else {
      var ft = el("table", {"class": "kv"});
      r.fields.forEach(function (f) {
        var td = kv(ft, f[0], f[1], "hex");
        if (f[2]) td.appendChild(el("div", {"class": "how", style: "font-family:sans-serif;color:#555"}, f[2]));
      });
      box.appendChild(ft);
    }
    box.appendChild(el("h3", {}, "Protection"));
    if (r.protections.length === 0) box.appendChild(el("div", {}, "(a local event, not a message)"));
    r.protections.forEach(function (p) { renderProtection(p, box); });
    if (r.checks && r.checks.length) {
      box.appendChild(el("h3", {}, "Keytool values against the trace"));
      r.checks.forEach(function (c) {
        box.appendChild(el("div", {"class": c[1] ? "check-ok" : "check-bad"}, (c[1] ? "\u2714 " : "\u2718 ") + c[0]));
      });
    }
    return true;
  }

  function start() {
    var node = document.getElementById("roamsec-data");
    var text = node ? node.textContent : "";
    if (!text || !text.trim()) { fail("the embedded data is empty"); return; }
    try { data = JSON.parse(text); } catch (e) { fail("the embedded data is not valid JSON (" + e.message + ")"); return; }
    var err = validate(data);
    if (err) { fail(err); return; }
    document.getElementById("sub").textContent = data.subtitle || "";
    var lg = document.getElementById("legend");
    var protos = {};
    data.rows.forEach(function (r) { if (r.kind === "msg") protos[r.protocol] = true; });
    lg.appendChild(document.createTextNode("Colour = protocol:"));
    Object.keys(protos).sort().forEach(function (p) {
      var s = el("span", {"class": "sw", style: "border-color:" + (PROTO_COLOR[p] || "#000")});
      lg.appendChild(s); lg.appendChild(document.createTextNode(p));
    });
    lg.appendChild(document.createTextNode("   \u2014 solid: air, dashed: backhaul, dash-dot: WAN" +
      (data.has_attacker ? "   \u2014 red \u26a0: attacker" : "") + (data.has_detect ? ", \u2716: detection" : "")));
    draw();
    document.addEventListener("keydown", function (ev) {
      var ids = data.rows.filter(function (r) { return r.kind === "msg"; }).map(function (r) { return r.i; });
      var pos = ids.indexOf(selected);
      if (ev.key === "ArrowDown" || ev.key === "j") { select(ids[Math.min(ids.length - 1, pos + 1)], true); ev.preventDefault(); }
      if (ev.key === "ArrowUp" || ev.key === "k") { select(ids[Math.max(0, pos - 1)], true); ev.preventDefault(); }
    });
    var m = /^#(selftest|msg)=(\d+)$/.exec(window.location.hash || "");
    if (m) {
      var ok = select(parseInt(m[2], 10), true);
      if (m[1] === "selftest") {
        var out = document.getElementById("selftest-output");
        out.textContent = ok ? "SELFTEST-SELECTED " + m[2] + "\n" + document.getElementById("details").innerText
          : "SELFTEST-ERROR no message " + m[2];
      }
    }
  }
  try { start(); } catch (e) { fail("internal error: " + e.message); }
})();
</script>
</body>
</html>
"""


def page(data, title):
    """The HTML text for a data dict (see viewer.build_data)."""
    payload = json.dumps(data, ensure_ascii=True, sort_keys=False, separators=(",", ":"))
    # Inside <script>: no "</script" or "<!--" may appear; "<" occurs only in JSON strings.
    payload = payload.replace("<", "\\u003c")
    out = TEMPLATE.replace("__FORMAT__", FORMAT).replace("__TITLE__", html.escape(title))
    return out.replace("__DATA__", payload)
