// Summary cards and the workflow table with stacked outcome bars.

import { h, fmt, empty } from '../dom.js';
import { OUTCOME_COLORS } from '../charts.js';
import { href } from '../state.js';

const OUTCOMES = ['SUCCESS', 'FAILED', 'ABANDONED', 'IN_PROGRESS'];
const OUTCOME_LABELS = { SUCCESS: 'success', FAILED: 'failed', ABANDONED: 'abandoned', IN_PROGRESS: 'in progress' };

/** Overall success rate: successes over closed runs across every workflow row. */
export function overallSuccess(workflows) {
  let success = 0;
  let closed = 0;
  for (const w of workflows) {
    success += w.outcomes.SUCCESS;
    closed += w.outcomes.SUCCESS + w.outcomes.FAILED + w.outcomes.ABANDONED;
  }
  return closed ? success / closed : null;
}

export function cards(summary) {
  const card = (label, value, note) =>
    h('div', { class: 'card' }, h('p', { class: 'card-value' }, value), h('p', { class: 'card-label' }, label),
      note ? h('p', { class: 'card-note' }, note) : null);
  const runs = summary.workflows.reduce((sum, w) => sum + w.runs, 0);
  return h('div', { class: 'cards', role: 'list', 'aria-label': 'Totals' },
    [
      card('Events', fmt.int(summary.events)),
      card('Active developers', fmt.int(summary.actors), 'distinct hashed actors'),
      card('Sessions', fmt.int(summary.sessions)),
      card('Success rate', fmt.pct(overallSuccess(summary.workflows)), `over ${fmt.int(runs)} workflow runs`),
      card('CI share', fmt.pct(summary.ci_share), 'of events ran in CI'),
    ].map((c) => { c.setAttribute('role', 'listitem'); return c; }));
}

/** A stacked bar of a row's outcomes, drawn with CSS and described in words. */
export function outcomeBar(outcomes, runs) {
  const words = OUTCOMES.filter((o) => outcomes[o]).map((o) => `${outcomes[o]} ${OUTCOME_LABELS[o]}`).join(', ');
  return h('div', { class: 'bar', role: 'img', 'aria-label': words || 'no runs', title: words },
    OUTCOMES.filter((o) => outcomes[o] > 0).map((o) =>
      h('span', { class: `seg seg-${o.toLowerCase()}`, style: `width:${(100 * outcomes[o]) / runs}%` })));
}

export function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Outcome colours' },
    OUTCOMES.map((o) => h('li', {}, h('span', { class: 'swatch', style: `background:${OUTCOME_COLORS[o]}` }), OUTCOME_LABELS[o])));
}

export function workflowTable(workflows, state) {
  if (!workflows.length) return empty('No workflow runs in this range yet. Run POST /infer after sending events, or widen the date range.');
  const rows = workflows.map((w) => {
    const link = h('a', { href: href({ ...state, workflow: w.name }), 'data-workflow': w.name }, w.name);
    return h('tr', { 'data-workflow': w.name },
      h('th', { scope: 'row' }, link),
      h('td', {}, w.tool),
      h('td', {}, w.category),
      h('td', { class: 'num' }, fmt.int(w.runs)),
      h('td', { class: 'outcomes' }, outcomeBar(w.outcomes, w.runs),
        h('span', { class: 'counts' }, `${fmt.int(w.outcomes.SUCCESS)} ✓ · ${fmt.int(w.outcomes.FAILED)} ✗ · ${fmt.int(w.outcomes.ABANDONED)} abandoned`)),
      h('td', { class: 'num' }, fmt.pct(w.success_rate)),
      h('td', { class: 'num' }, fmt.ms(w.median_duration_ms)));
  });
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data workflows', id: 'workflow-table' },
      h('caption', { class: 'visually-hidden' }, 'Workflows: runs, outcomes and success rate. Select a workflow name for its report.'),
      h('thead', {}, h('tr', {},
        ['Workflow', 'Tool', 'Category', 'Runs', 'Outcomes', 'Success rate', 'Median duration'].map((label, i) =>
          h('th', { scope: 'col', class: [3, 5, 6].includes(i) ? 'num' : null }, label)))),
      h('tbody', {}, rows)));
}
