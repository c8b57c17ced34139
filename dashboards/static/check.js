"use strict";
// The check page: when a label is changed, recompute the result at once (counts, women's share
// with its Wilson interval, panel and session status, the bar); "Update" / "Save" send the
// changes to the server, which recomputes the same way (app/metrics/check.py).
(function () {
  var NOUNS = {
    woman: ["woman", "women"], man: ["man", "men"],
    nonbinary: ["non-binary person", "non-binary people"],
    unknown: ["person not known", "people not known"]
  };
  var STATUS = {
    "manel": "an all-male panel", "not a manel": "not an all-male panel",
    "undetermined": "not known yet: some labels are missing (set them below)",
    "single": "fewer than two people"
  };
  function plural(n, pair) { return n === 1 ? "1 " + pair[0] : n + " " + pair[1]; }
  function pct(x) { return Math.round(x * 100) + "%"; }
  function wilson(k, n) {
    if (!n) { return null; }
    var z = 1.959964, p = k / n, d = 1 + z * z / n;
    var c = (p + z * z / (2 * n)) / d;
    var h = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
    return [Math.max(0, c - h), Math.min(1, c + h)];
  }
  function count(labels) {
    var c = { woman: 0, man: 0, nonbinary: 0, unknown: 0 };
    labels.forEach(function (l) { c[l] += 1; });
    return c;
  }
  function headline(c) {
    var parts = [];
    ["woman", "man", "nonbinary", "unknown"].forEach(function (l) {
      if (c[l] || l === "woman" || l === "man") { parts.push(plural(c[l], NOUNS[l])); }
    });
    var text = parts.length > 1 ? parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1] : parts[0];
    var n = c.woman + c.man + c.nonbinary;
    if (!n) { return text + ": too few labels to give a share of women"; }
    var w = wilson(c.woman, n);
    return text + ": " + pct(c.woman / n) + " women (95% interval " +
      Math.round(w[0] * 100) + "-" + Math.round(w[1] * 100) + "%)";
  }
  function status(labels) {
    if (labels.length < 2) { return "single"; }
    if (labels.indexOf("unknown") >= 0) { return "undetermined"; }
    return labels.every(function (l) { return l === "man"; }) ? "manel" : "not a manel";
  }
  function bar(c) {
    var total = c.woman + c.man + c.nonbinary + c.unknown, x = 0;
    ["woman", "nonbinary", "man", "unknown"].forEach(function (l) {
      var rect = document.querySelector('#share-bar rect[data-label="' + l + '"]');
      var w = total ? 100 * c[l] / total : 0;
      if (rect) { rect.setAttribute("x", String(x)); rect.setAttribute("width", String(w)); }
      x += w;
    });
  }
  function recompute() {
    var report = document.getElementById("report");
    var rows = Array.prototype.slice.call(document.querySelectorAll("#people tbody tr"));
    var labels = {};
    rows.forEach(function (row) {
      var select = row.querySelector("select");
      if (select) { labels[row.getAttribute("data-index")] = select.value; }
    });
    var counted = rows.filter(function (row) {
      return row.querySelector("select") && row.getAttribute("data-group") !== "author";
    }).map(function (row) { return labels[row.getAttribute("data-index")]; });
    var c = count(counted);
    document.getElementById("headline").textContent = headline(c);
    bar(c);
    var kind = report.getAttribute("data-kind");
    var node = document.getElementById("status");
    if (kind === "panel" && node) { node.textContent = STATUS[status(counted)]; }
    if (kind === "lineup") { sessions(labels); }
  }
  function sessions(labels) {
    var manels = 0;
    document.querySelectorAll("#sessions tbody tr").forEach(function (row) {
      var first = Number(row.getAttribute("data-first")), size = Number(row.getAttribute("data-size"));
      var own = [];
      for (var i = first; i < first + size; i += 1) {
        if (labels[String(i)] !== undefined) { own.push(labels[String(i)]); }
      }
      var s = status(own), c = count(own);
      if (s === "manel") { manels += 1; }
      var cells = row.querySelectorAll("td");
      cells[0].textContent = STATUS[s];
      cells[1].textContent = String(c.woman);
      cells[2].textContent = String(c.man);
      cells[3].textContent = String(c.unknown);
    });
    var node = document.getElementById("manels");
    if (node) { node.textContent = plural(manels, ["all-male panel", "all-male panels"]); }
  }
  function start() {
    var table = document.getElementById("people");
    if (!table) { return; }
    table.addEventListener("change", recompute);
    var report = document.getElementById("report");
    if (report && window.location.hash !== "#report") { report.scrollIntoView(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
