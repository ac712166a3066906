// Draws the staff pages' charts with Chart.js (served from this server, never a CDN). Each chart is
// a <canvas data-chart="ID"> whose data is in <script type="application/json" id="ID"> (data, not
// code, so the page's Content-Security-Policy allows it). Every chart on a page also has its numbers
// in a table next to it, for screen readers and for anyone who prefers a table.
//
// Data: { kind: 'line' | 'bar', yLabel, yMin?, yMax?, reverse?, series: [{ label, points: [{ x, y }] }],
//         categories?: [label], markers?: [{ x, label }] }
// For 'line', x is an ISO date; for 'bar', x is a category label.
(() => {
  'use strict';
  var Chart = window.Chart;
  if (!Chart) return;
  var COLOURS = ['#1d4f91', '#b34700', '#2e7d32', '#6a1b9a', '#00695c', '#8d1c1c'];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];

  // Vertical lines for measurement waves (baseline, week 8, end, month 18).
  var waveMarkers = {
    id: 'waveMarkers',
    afterDatasetsDraw: (chart, _args, options) => {
      var markers = options?.markers || [];
      var x = chart.scales.x;
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#555';
      ctx.fillStyle = '#222';
      ctx.setLineDash([4, 4]);
      ctx.font = '12px system-ui, sans-serif';
      markers.forEach((marker) => {
        var px = x.getPixelForValue(Date.parse(marker.x));
        if (!(px >= area.left && px <= area.right)) return;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.fillText(marker.label, Math.min(px + 3, area.right - 60), area.top + 12);
      });
      ctx.restore();
    },
  };

  function dateLabel(ms) {
    return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: '2-digit' });
  }

  var DAY = 24 * 3600 * 1000;

  // The dates shown: the answers and waves, padded, and at least eight weeks wide (one answer alone
  // would otherwise stretch the axis over years).
  function dateRange(data) {
    var xs = [];
    data.series.forEach((series) => {
      series.points.forEach((p) => {
        xs.push(Date.parse(p.x));
      });
    });
    (data.markers || []).forEach((m) => {
      xs.push(Date.parse(m.x));
    });
    if (xs.length === 0) return {};
    var min = Math.min.apply(null, xs);
    var max = Math.max.apply(null, xs);
    var pad = Math.max((56 * DAY - (max - min)) / 2, 7 * DAY);
    return { min: min - pad, max: max + pad };
  }

  function lineChart(canvas, data) {
    var range = dateRange(data);
    var datasets = data.series.map((series, i) => ({
      label: series.label,
      data: series.points.map((p) => ({ x: Date.parse(p.x), y: p.y })),
      borderColor: COLOURS[i % COLOURS.length],
      backgroundColor: COLOURS[i % COLOURS.length],
      borderDash: DASHES[i % DASHES.length],
      pointStyle: ['circle', 'rect', 'triangle', 'rectRot', 'star', 'cross'][i % 6],
      pointRadius: 4,
      spanGaps: true,
      tension: 0,
    }));
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', min: range.min, max: range.max, ticks: { callback: dateLabel, maxTicksLimit: 8 } },
          y: { min: data.yMin, max: data.yMax, reverse: !!data.reverse, title: { display: !!data.yLabel, text: data.yLabel } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? dateLabel(items[0].parsed.x) : ''),
            },
          },
          waveMarkers: { markers: data.markers || [] },
        },
      },
      plugins: [waveMarkers],
    });
  }

  function barChart(canvas, data) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.categories,
        datasets: data.series.map((series, i) => ({
          label: series.label,
          data: series.points.map((p) => p.y),
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: data.yMin, max: data.yMax, title: { display: !!data.yLabel, text: data.yLabel } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }

  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) return;
    var data;
    try {
      data = JSON.parse(source.textContent || '{}');
    } catch (_e) {
      return;
    }
    var chart = data.kind === 'bar' ? barChart(canvas, data) : lineChart(canvas, data);
    canvas.setAttribute('data-drawn', 'true');
    window.linkwellCharts = window.linkwellCharts || {};
    window.linkwellCharts[canvas.getAttribute('data-chart')] = chart;
  });
})();
