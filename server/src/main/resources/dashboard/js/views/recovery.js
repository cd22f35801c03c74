// Recovery after failure (GET /reports/recovery): how often a failing command is followed by a
// success of the same command in the session, how fast, and what people run next.

import { h, fmt, fill, empty, table, alternative, tooltip } from '../dom.js';
import { chartBox, draw, percentAxis, tooltipPercent, OUTCOME_COLORS } from '../charts.js';

const MAX_BARS = 10;

function nextCommands(row) {
  return (row.next_commands || []).slice(0, 3).map((n) => `${n.command} (${fmt.int(n.count)})`).join(', ') || '–';
}

export function recoveryTable(commands) {
  return table([
    { label: 'Failing command', value: (r) => r.command },
    { label: 'Failures', value: (r) => fmt.int(r.failures), num: true },
    { label: 'Recovered', value: (r) => fmt.int(r.recovered), num: true },
    { label: 'Recovery rate', value: (r) => fmt.pct(r.recovery_rate), num: true },
    { label: 'Median time to recover', value: (r) => fmt.ms(r.median_time_to_recover_ms), num: true },
    { label: 'Most often next', value: nextCommands },
  ], commands);
}

export function renderRecovery(body, commands) {
  if (!commands.length) {
    fill(body, empty('No failing commands in this range, so there is nothing to recover from.'));
    return;
  }
  const top = [...commands].sort((a, b) => b.failures - a.failures).slice(0, MAX_BARS).reverse();
  const box = chartBox(`Recovery rate of the ${top.length} most failing commands: the share of failures followed by a success of the same command in the session.`, 'chart-recovery');
  fill(body, box, alternative('Recovery as a table', recoveryTable(commands)));
  draw(box, {
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const row = top[items[0].dataIndex];
        return tooltip(
          h('b', {}, row.command),
          `${fmt.int(row.recovered)} of ${fmt.int(row.failures)} failures recovered (${fmt.pct(row.recovery_rate)})`,
          `median ${fmt.ms(row.median_time_to_recover_ms)}`);
      },
    },
    xAxis: percentAxis,
    yAxis: { type: 'category', data: top.map((r) => r.command), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: top.map((r) => r.recovery_rate),
      itemStyle: { color: OUTCOME_COLORS.SUCCESS },
      label: { show: true, position: 'right', formatter: (p) => tooltipPercent(p.value) },
    }],
  });
}
