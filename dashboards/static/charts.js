"use strict";
// Draw every chart from the JSON its div holds (no inline script: the pages keep a strict CSP),
// the first at once and the others one per frame after it, so the first is on screen early;
// then let a click on a point open the sources behind it (same-site relative links only).
(function () {
  function draw(div) {
    var figure = JSON.parse(div.getAttribute("data-figure"));
    var config = JSON.parse(div.getAttribute("data-config") || "{}");
    return window.Plotly.newPlot(div, figure.data, figure.layout, config).then(function () {
      div.setAttribute("data-drawn", String(Math.round(performance.now())));
      div.on("plotly_click", function (event) {
        var target = event.points && event.points[0] && event.points[0].customdata;
        if (typeof target === "string" && target && target.indexOf(":") === -1) {
          window.location.href = target;
        }
      });
    });
  }
  function drawFrom(charts, index) {
    if (index >= charts.length) {
      document.documentElement.setAttribute("data-charts-drawn", "");
      return;
    }
    draw(charts[index]).then(function () {
      window.requestAnimationFrame(function () { drawFrom(charts, index + 1); });
    });
  }
  function start() {
    if (!window.Plotly) { return; }
    drawFrom(Array.prototype.slice.call(document.querySelectorAll(".vt-chart")), 0);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
