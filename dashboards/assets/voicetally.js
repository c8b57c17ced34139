// Draws every chart from its JSON data block and opens the sources behind a clicked point.
// A static file, so the pages need no inline script (Content-Security-Policy: script-src 'self').
(function () {
  function openSources(plot) {
    if (!plot.on) { return; }
    plot.on("plotly_click", function (event) {
      var target = event.points && event.points[0] && event.points[0].customdata;
      if (typeof target === "string" && target && target.indexOf(":") === -1) {
        window.location.href = target;  // same-site relative links only
      }
    });
  }

  function draw() {
    document.querySelectorAll("script.chart-data[type='application/json']").forEach(function (block) {
      var plot = document.getElementById(block.getAttribute("data-chart"));
      if (!plot || !window.Plotly) { return; }
      var spec = JSON.parse(block.textContent);
      window.Plotly.newPlot(plot, spec.data, spec.layout, spec.config).then(openSources);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
