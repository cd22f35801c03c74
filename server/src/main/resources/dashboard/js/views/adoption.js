// Version adoption (GET /reports/adoption): active users per tool version, week by week; and who
// runs the tool where (GET /reports/platforms): active users by os/arch and by runtime.

import { fmt, fill, empty, table, alternative } from '../dom.js';
import { chartBox, draw, PALETTE } from '../charts.js';

/** Lines for the most used versions; the rest stay in the table so the chart stays readable. */
const MAX_LINES = 8;

const MAX_BARS = 10;

export function renderAdoption(body, adoption) {
  const rows = adoption.weeks || [];
  if (!rows.length) {
    fill(body, empty('No runs with a version in this range yet.'));
    return;
  }
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const key = (r) => `${r.tool} ${r.tool_version}`;
  const users = new Map();
  for (const r of rows) users.set(key(r), (users.get(key(r)) || 0) + r.active_users);
  const top = [...users.keys()].sort((a, b) => users.get(b) - users.get(a)).slice(0, MAX_LINES);
  const box = chartBox(`Active users of the ${top.length} most used versions, week by week, ${weeks[0]} to ${weeks.at(-1)}. The table below lists every value.`, 'chart-adoption');
  fill(body, box,
    alternative('Adoption as a table', table([
      { label: 'Week', value: (r) => r.week },
      { label: 'Tool', value: (r) => r.tool },
      { label: 'Version', value: (r) => r.tool_version },
      { label: 'Active users', value: (r) => fmt.int(r.active_users), num: true },
      { label: 'Share of the tool', value: (r) => fmt.pct(r.share), num: true },
    ], rows)));
  draw(box, {
    grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weeks, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: top.map((name) => {
      const byWeek = new Map(rows.filter((r) => key(r) === name).map((r) => [r.week, r.active_users]));
      return {
        name,
        type: 'line',
        symbolSize: 6,
        data: weeks.map((week) => byWeek.get(week) ?? 0),
      };
    }),
  });
}

export function renderPlatforms(body, report) {
  const platforms = report.platforms || [];
  if (!platforms.length) {
    fill(body, empty('No runs in this range yet.'));
    return;
  }
  const name = (r) => `${r.os} ${r.arch}`;
  const top = platforms.slice(0, MAX_BARS).reverse();
  const box = chartBox(`Active users by operating system and architecture, the ${top.length} largest groups. The tables below list every value.`, 'chart-platforms');
  fill(body, box,
    alternative('Platforms as a table', table([
      { label: 'OS', value: (r) => r.os },
      { label: 'Architecture', value: (r) => r.arch },
      { label: 'Active users', value: (r) => fmt.int(r.active_users), num: true },
      { label: 'Share', value: (r) => fmt.pct(r.share), num: true },
    ], platforms)),
    table([
      { label: 'Runtime', value: (r) => r.runtime },
      { label: 'Active users', value: (r) => fmt.int(r.active_users), num: true },
      { label: 'Share', value: (r) => fmt.pct(r.share), num: true },
    ], report.runtimes || [], 'Active users by runtime'));
  draw(box, {
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map(name) },
    series: [{
      type: 'bar',
      data: top.map((r) => r.active_users),
      itemStyle: { color: PALETTE[0] },
      label: { show: true, position: 'right' },
    }],
  });
}
