// Draws every <canvas data-chart> of the page with Chart.js (its browser build, window.Chart) from the
// figures the page also shows as a table: without JavaScript the tables carry everything. A file of its
// own because the Content-Security-Policy allows no inline script.
(() => {
  // Dark enough on white for lines and bars (WCAG 1.4.11: 3:1 for graphics), and told apart by hue.
  const PALETTE = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0f766e", "#a16207", "#4b5563"];

  function config(spec) {
    const datasets = spec.datasets.map((dataset, i) => ({
      ...dataset,
      backgroundColor: spec.type === "doughnut" ? PALETTE : PALETTE[i % PALETTE.length],
      borderColor: spec.type === "doughnut" ? "#fff" : PALETTE[i % PALETTE.length],
      borderWidth: spec.type === "line" ? 2 : 1,
      pointRadius: spec.labels.length > 60 ? 0 : 2,
      fill: spec.type === "line" && spec.stacked ? "stack" : false,
    }));
    const scales =
      spec.type === "doughnut"
        ? {}
        : {
            x: { stacked: Boolean(spec.stacked) },
            y: {
              stacked: Boolean(spec.stacked),
              beginAtZero: true,
              ticks: { precision: spec.money ? 2 : 0 },
            },
          };
    return {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        scales,
        plugins: { legend: { position: "bottom" } },
      },
    };
  }

  function draw() {
    if (!window.Chart) return;
    for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
      if (window.Chart.getChart(canvas)) continue;
      new window.Chart(canvas, config(JSON.parse(canvas.dataset.chart)));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
