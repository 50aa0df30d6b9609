/* The brokers' dashboard: draws each chart with the locally served ECharts.
 *
 * Every chart container names a <script type="application/json"> block (data-chart-source) that
 * holds what to draw, built on the server from the same rows as the table beside it; this file
 * holds no figures and no page runs inline code. Kinds: funnel, monthly (bars, cumulative lines
 * and a yearly target), bars (horizontal) and pie.
 */
(function () {
  "use strict";

  const fontFamily = window.getComputedStyle(document.body).fontFamily;

  function money(value) {
    if (value === null || value === undefined) { return "—"; }
    return Number(value).toLocaleString("zh-CN", { maximumFractionDigits: 2 });
  }

  function emptyTitle(spec, values) {
    const hasData = values.some(function (v) { return v; });
    return hasData ? { show: false } : {
      show: true, text: spec.empty, left: "center", top: "middle",
      textStyle: { color: "#6c757d", fontSize: 14, fontWeight: "normal" },
    };
  }

  function funnel(spec) {
    const biggest = Math.max.apply(null, spec.values.concat([1]));
    return {
      title: emptyTitle(spec, spec.values),
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          const rate = spec.conversions[p.dataIndex];
          return p.name + "：" + p.value + (rate === null ? "" : "（" + spec.conversionLabel + " " + rate + "%）");
        },
      },
      series: [{
        type: "funnel", name: spec.series, sort: "none", min: 0, max: biggest, minSize: "18%",
        left: "12%", width: "76%", top: 10, bottom: 10, gap: 3,
        label: { show: true, position: "inside", formatter: "{b}  {c}", color: "#fff", textBorderColor: "#333", textBorderWidth: 2 },
        data: spec.categories.map(function (name, i) { return { name: name, value: spec.values[i] }; }),
      }],
    };
  }

  function monthly(spec) {
    const target = spec.target;
    const bars = spec.bars.map(function (s) {
      return { name: s.name, type: "bar", data: s.data, yAxisIndex: 0 };
    });
    const lines = spec.lines.map(function (s, i) {
      const line = { name: s.name, type: "line", data: s.data, yAxisIndex: 1, symbolSize: 6 };
      if (i === 0 && target) {
        line.markLine = {
          symbol: "none", lineStyle: { type: "dashed", color: "#dc3545" },
          label: { formatter: target.name + " " + money(target.value), position: "insideEndTop" },
          data: [{ yAxis: target.value }],
        };
      }
      return line;
    });
    return {
      tooltip: { trigger: "axis", valueFormatter: money },
      legend: { top: 0 },
      grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: spec.categories },
      yAxis: [
        { type: "value", name: spec.unit, minInterval: spec.integer ? 1 : 0 },
        {
          type: "value", name: spec.cumulativeUnit, splitLine: { show: false }, minInterval: spec.integer ? 1 : 0,
          max: function (extent) { return target ? Math.max(extent.max, target.value) : extent.max; },
        },
      ],
      series: bars.concat(lines),
    };
  }

  function bars(spec) {
    const values = spec.series.length ? spec.series[0].data : [];
    return {
      title: emptyTitle(spec, values),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: money },
      grid: { left: 10, right: 50, top: 10, bottom: 10, containLabel: true },
      xAxis: { type: "value", name: spec.unit, minInterval: spec.integer ? 1 : 0 },
      yAxis: { type: "category", data: spec.categories, inverse: true, axisLabel: { width: 140, overflow: "truncate" } },
      series: spec.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, label: { show: true, position: "right", formatter: function (p) { return money(p.value); } } };
      }),
    };
  }

  function pie(spec) {
    const values = spec.series[0].data;
    const slices = spec.categories
      .map(function (name, i) { return { name: name, value: values[i] }; })
      .filter(function (slice) { return slice.value > 0; });
    return {
      title: emptyTitle(spec, values),
      tooltip: { trigger: "item", valueFormatter: money },
      legend: { bottom: 0, type: "scroll" },
      series: [{
        name: spec.series[0].name, type: "pie", radius: ["35%", "62%"], center: ["50%", "45%"],
        stillShowZeroSum: false, label: { formatter: "{b}\n{d}%" }, data: slices,
      }],
    };
  }

  const builders = { funnel: funnel, monthly: monthly, bars: bars, pie: pie };
  const charts = [];

  function draw(element) {
    const source = document.getElementById(element.dataset.chartSource);
    if (!source) { return; }
    const spec = JSON.parse(source.textContent);
    const build = builders[spec.kind];
    if (!build) { return; }
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const option = build(spec);
    option.textStyle = { fontFamily: fontFamily };
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  }

  document.querySelectorAll("[data-chart-source]").forEach(draw);
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });

  // the filters apply as soon as one is changed (the button stays for keyboards and no-script)
  const filter = document.getElementById("dashboard-filter");
  if (filter) {
    filter.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { filter.requestSubmit(); });
    });
  }
})();
