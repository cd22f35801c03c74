// The north-star metric (GET /reports/nsm): successful automated tasks per active developer per
// ISO week, with the active developers behind it.

import { fmt, fill, empty, table, alternative } from '../dom.js';
import { chartBox, draw, PALETTE } from '../charts.js';

export function renderNsm(body, nsm, title) {
  const weeks = nsm.weeks || [];
  title.textContent = `North star: successful ${nsm.command} runs per active developer`;
  if (!weeks.length || weeks.every((w) => !w.active_developers)) {
    fill(body, empty(`No ${nsm.command} events in this range. The north-star command is set with NSM_COMMAND.`));
    return;
  }
  const box = chartBox(`Weekly successful ${nsm.command} runs per active developer (bars) and active developers (line), ${weeks[0].week} to ${weeks.at(-1).week}.`, 'chart-nsm');
  fill(body, box, alternative('North star as a table', table([
    { label: 'Week', value: (w) => w.week },
    { label: 'Active developers', value: (w) => fmt.int(w.active_developers), num: true },
    { label: 'Successful runs', value: (w) => fmt.int(w.successful_runs), num: true },
    { label: 'Per active developer', value: (w) => fmt.num(w.per_active_developer), num: true },
  ], weeks)));
  draw(box, {
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weeks.map((w) => w.week) },
    yAxis: [
      { type: 'value', name: 'per developer', nameTextStyle: { align: 'left' } },
      { type: 'value', name: 'developers', minInterval: 1, splitLine: { show: false }, nameTextStyle: { align: 'right' } },
    ],
    series: [
      {
        name: 'Runs per developer', type: 'bar', itemStyle: { color: PALETTE[0] },
        data: weeks.map((w) => w.per_active_developer === null ? null : Number(w.per_active_developer.toFixed(2))),
      },
      {
        name: 'Active developers', type: 'line', yAxisIndex: 1, itemStyle: { color: PALETTE[4] },
        data: weeks.map((w) => w.active_developers),
      },
    ],
  });
}
