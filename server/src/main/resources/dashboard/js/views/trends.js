// Weekly success-rate trend per workflow (GET /reports/trends).

import { fmt, fill, empty, table, alternative } from '../dom.js';
import { chartBox, draw, percentAxis, tooltipPercent } from '../charts.js';

/** Lines for the busiest workflows; the rest stay in the table so the chart stays readable. */
const MAX_LINES = 8;

export function renderTrends(body, trends) {
  const workflows = (trends.workflows || []).filter((w) => w.points.some((p) => p.runs > 0));
  if (!trends.weeks?.length || !workflows.length) {
    fill(body, empty('No closed workflow runs in this range, so there is no trend yet.'));
    return;
  }
  const runs = (w) => w.points.reduce((sum, p) => sum + p.runs, 0);
  const busiest = [...workflows].sort((a, b) => runs(b) - runs(a)).slice(0, MAX_LINES);
  const box = chartBox(`Weekly success rate of the ${busiest.length} busiest workflows, ${trends.weeks[0]} to ${trends.weeks.at(-1)}. The table below lists every value.`, 'chart-trends');
  const rows = workflows.flatMap((w) => w.points.filter((p) => p.runs > 0).map((p) => ({ ...p, name: w.name })));
  fill(body, box,
    alternative('Trend as a table', table([
      { label: 'Workflow', value: (r) => r.name },
      { label: 'Week', value: (r) => r.week },
      { label: 'Runs', value: (r) => fmt.int(r.runs), num: true },
      { label: 'Success rate', value: (r) => fmt.pct(r.success_rate), num: true },
    ], rows)));
  draw(box, {
    grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: tooltipPercent },
    xAxis: { type: 'category', data: trends.weeks, boundaryGap: false },
    // Success rates of a healthy tool sit close together near the top: zoom to their range.
    yAxis: { ...percentAxis, min: (range) => Math.max(0, Math.floor(range.min * 10) / 10 - 0.1) },
    series: busiest.map((w) => {
      const byWeek = new Map(w.points.map((p) => [p.week, p]));
      return {
        name: w.name,
        type: 'line',
        connectNulls: true,
        symbolSize: 6,
        data: trends.weeks.map((week) => byWeek.get(week)?.success_rate ?? null),
      };
    }),
  });
}

