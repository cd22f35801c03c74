// The drill-down: one workflow's report (GET /reports/workflows/{name}) shown in the page.

import { h, fmt, panel, fill, empty, table, alternative } from '../dom.js';
import { chartBox, draw, percentAxis, tooltipPercent, OUTCOME_COLORS } from '../charts.js';
import { outcomeBar, legend } from './summary.js';
import { renderHotPaths } from './hotpaths.js';
import { recoveryTable } from './recovery.js';
import { href } from '../state.js';

const OUTCOMES = ['SUCCESS', 'FAILED', 'ABANDONED', 'IN_PROGRESS'];

function facts(w) {
  const d = w.definition;
  const fact = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
  return h('dl', { class: 'facts' },
    fact('Steps', h('span', {}, d.steps.map((s, i) => [i ? ' → ' : '', s === d.goal ? h('strong', {}, `${s} (goal)`) : s]))),
    fact('Tool · category', `${d.tool} · ${d.category}`),
    fact('Defined by', d.source),
    fact('Runs', fmt.int(w.runs)),
    fact('Success rate', fmt.pct(w.success_rate)),
    fact('Duration p50 / p90', `${fmt.ms(w.duration_p50_ms)} / ${fmt.ms(w.duration_p90_ms)}`),
    fact('Goal attempts per run', fmt.num(w.attempts?.goal_attempts_mean)),
    fact('Failures before success', fmt.num(w.attempts?.failures_before_success_mean)),
    fact('Runs with retries', fmt.int(w.attempts?.runs_with_retries)));
}

function weeklyChart(body, w) {
  const weeks = w.by_week || [];
  if (!weeks.length) {
    fill(body, empty('No runs by week in this range.'));
    return;
  }
  const box = chartBox(`Runs of ${w.name} per week by outcome (stacked bars) and success rate (line).`, 'chart-weekly');
  fill(body, box, alternative('Weeks as a table', table([
    { label: 'Week', value: (r) => r.week },
    { label: 'Runs', value: (r) => fmt.int(r.runs), num: true },
    ...OUTCOMES.map((o) => ({ label: o.toLowerCase().replace('_', ' '), value: (r) => fmt.int(r.outcomes[o]), num: true })),
    { label: 'Success rate', value: (r) => fmt.pct(r.success_rate), num: true },
  ], weeks)));
  draw(box, {
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weeks.map((r) => r.week) },
    yAxis: [{ type: 'value', name: 'runs', minInterval: 1 }, { ...percentAxis, splitLine: { show: false } }],
    series: [
      ...OUTCOMES.map((o) => ({
        name: o.toLowerCase().replace('_', ' '), type: 'bar', stack: 'runs', itemStyle: { color: OUTCOME_COLORS[o] },
        data: weeks.map((r) => r.outcomes[o]),
      })),
      {
        name: 'success rate', type: 'line', yAxisIndex: 1, itemStyle: { color: '#24292f' },
        tooltip: { valueFormatter: tooltipPercent }, data: weeks.map((r) => r.success_rate),
      },
    ],
  });
}

export function renderWorkflow(view, w, state) {
  const back = h('a', { href: href({ ...state, workflow: undefined }), class: 'back', id: 'back' }, '← All workflows');
  const head = h('section', { class: 'panel panel-detail', id: 'workflow-detail', 'aria-labelledby': 'detail-title' },
    h('header', {}, back, h('h2', { id: 'detail-title', tabindex: '-1' }, `Workflow ${w.name}`)),
    h('div', { class: 'detail-bar' }, outcomeBar(w.outcomes, w.runs), legend()),
    facts(w));
  const weekly = panel('weekly', 'Outcomes by week');
  const versions = panel('wf-versions', 'By tool version');
  const errors = panel('wf-errors', 'Top error types');
  const paths = panel('wf-paths', 'Paths into failure', `Failing commands of ${w.definition?.tool ?? w.tool}`);
  const recovery = panel('wf-recovery', 'Recovery after its failing steps');
  view.replaceChildren(head, weekly.section,
    h('div', { class: 'grid two' }, errors.section, versions.section), recovery.section, paths.section);
  weeklyChart(weekly.body, w);
  fill(versions.body, w.by_version?.length ? table([
    { label: 'Version', value: (r) => r.version },
    { label: 'Runs', value: (r) => fmt.int(r.runs), num: true },
    { label: 'Outcomes', value: (r) => outcomeBar(r.outcomes, r.runs) },
    { label: 'Success rate', value: (r) => fmt.pct(r.success_rate), num: true },
  ], w.by_version) : empty('No version information.'));
  fill(errors.body, w.top_errors?.length ? table([
    { label: 'Error type', value: (r) => r.error_type },
    { label: 'Count', value: (r) => fmt.int(r.count), num: true },
  ], w.top_errors) : empty('No errors recorded for this workflow.'));
  fill(recovery.body, w.recovery?.length ? recoveryTable(w.recovery) : empty('No failing steps to recover from.'));
  renderHotPaths(paths.body, w.hot_paths || []);
  // Screen readers announce the report that replaced the overview.
  head.querySelector('h2').focus({ preventScroll: true });
}
