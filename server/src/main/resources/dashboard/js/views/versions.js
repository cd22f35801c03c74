// Version comparison (GET /reports/versions): success rate per tool version with its 95% Wilson
// interval, one workflow at a time, and the significant drops flagged as regressions.

import { h, fmt, fill, empty, table, alternative, tooltip } from '../dom.js';
import { chartBox, draw, percentAxis, tooltipPercent, OUTCOME_COLORS, PALETTE } from '../charts.js';

function regressionText(r) {
  return `${r.workflow} (${r.tool}) ${r.from_version} → ${r.to_version}: success ${fmt.pct(r.from_rate)} → ${fmt.pct(r.to_rate)}, down ${(r.drop * 100).toFixed(1)} points (${r.p_value < 0.001 ? 'p < 0.001' : `p = ${r.p_value.toFixed(3)}`})`;
}

/** Whiskers for the Wilson interval, drawn over the bars. */
function whiskers(rows) {
  return {
    type: 'custom',
    name: '95% interval',
    silent: true,
    z: 10,
    data: rows.map((v, i) => [i, v.ci_low, v.ci_high]),
    renderItem: (params, api) => {
      if (api.value(1) === null || api.value(2) === null) return null;
      const low = api.coord([api.value(0), api.value(1)]);
      const high = api.coord([api.value(0), api.value(2)]);
      const half = api.size([1, 0])[0] * 0.15;
      const style = { stroke: '#24292f', lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
          { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
          { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style },
        ],
      };
    },
  };
}

function drawWorkflow(box, entry, regressions) {
  const flagged = new Set(regressions.filter((r) => r.workflow === entry.workflow).map((r) => r.to_version));
  box.setAttribute('aria-label', `Success rate by ${entry.tool} version for ${entry.workflow}, with 95% intervals${flagged.size ? `; regression flagged in ${[...flagged].join(', ')}` : ''}.`);
  draw(box, {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const v = entry.versions[items[0].dataIndex];
        return tooltip(
          `${entry.tool} ${v.version}${flagged.has(v.version) ? ' (regression)' : ''}`,
          `success ${tooltipPercent(v.success_rate)} of ${fmt.int(v.closed)} closed runs`,
          `95% interval ${tooltipPercent(v.ci_low)}–${tooltipPercent(v.ci_high)}`);
      },
    },
    xAxis: { type: 'category', data: entry.versions.map((v) => v.version) },
    yAxis: percentAxis,
    series: [
      {
        type: 'bar', name: 'Success rate', barMaxWidth: 56,
        data: entry.versions.map((v) => ({
          value: v.success_rate,
          itemStyle: { color: flagged.has(v.version) ? OUTCOME_COLORS.FAILED : PALETTE[0] },
        })),
      },
      whiskers(entry.versions),
    ],
  });
}

export function renderVersions(body, report) {
  const workflows = (report.workflows || []).filter((w) => w.versions.length > 1);
  const regressions = (report.regressions || []).filter((r) => r.significant !== false);
  if (!workflows.length) {
    fill(body, empty('No workflow has runs on more than one tool version in this range yet.'));
    return;
  }
  const flaggedFirst = regressions.length ? workflows.find((w) => w.workflow === regressions[0].workflow) : null;
  let current = flaggedFirst || workflows[0];
  const box = chartBox('Success rate by tool version', 'chart-versions');
  const select = h('select', { id: 'versions-workflow', 'aria-label': 'Workflow to compare across versions' },
    workflows.map((w) => h('option', { value: w.workflow, selected: w === current }, `${w.workflow} (${w.tool})`)));
  const list = regressions.length
    ? h('ul', { class: 'regressions', 'aria-label': 'Flagged regressions' }, regressions.map((r) =>
      h('li', {}, h('span', { class: 'badge' }, 'Regression'), ' ', regressionText(r))))
    : h('p', { class: 'ok' }, 'No significant drop between consecutive versions (one-sided z-test, p < 0.05, at least 10 closed runs each).');
  const rows = workflows.flatMap((w) => w.versions.map((v) => ({ ...v, workflow: w.workflow, tool: w.tool })));
  fill(body, list, h('label', { class: 'inline' }, 'Workflow ', select), box,
    alternative('Versions as a table', table([
      { label: 'Workflow', value: (r) => r.workflow },
      { label: 'Version', value: (r) => `${r.tool} ${r.version}` },
      { label: 'Runs', value: (r) => fmt.int(r.runs), num: true },
      { label: 'Closed', value: (r) => fmt.int(r.closed), num: true },
      { label: 'Success rate', value: (r) => fmt.pct(r.success_rate), num: true },
      { label: '95% interval', value: (r) => `${fmt.pct(r.ci_low)} – ${fmt.pct(r.ci_high)}`, num: true },
    ], rows)));
  select.addEventListener('change', () => {
    current = workflows.find((w) => w.workflow === select.value);
    drawWorkflow(box, current, regressions);
  });
  drawWorkflow(box, current, regressions);
}
