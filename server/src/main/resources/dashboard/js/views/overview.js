// The overview: cards, workflows, trends, north star, hot paths, recovery, versions, version
// adoption and platforms, each panel filled as soon as its report arrives.

import { h, panel, fill } from '../dom.js';
import { report } from '../api.js';
import { cards, workflowTable, legend } from './summary.js';
import { renderTrends } from './trends.js';
import { renderHotPaths } from './hotpaths.js';
import { renderRecovery } from './recovery.js';
import { renderNsm } from './nsm.js';
import { renderVersions } from './versions.js';
import { renderAdoption, renderPlatforms } from './adoption.js';

function noData() {
  const origin = location.origin;
  return h('section', { class: 'panel empty-state', id: 'empty-state', 'aria-labelledby': 'empty-title' },
    h('h2', { id: 'empty-title' }, 'No events yet'),
    h('p', {}, 'Nothing has been recorded for these filters. To see the dashboard fill up:'),
    h('ol', {},
      h('li', {}, 'Try it with sample data: ', h('code', {}, 'cli-analytics demo'), ' (or ',
        h('code', {}, `cli-analytics generate-sample -o events.jsonl && cli-analytics post-events events.jsonl --all --url ${origin}`), ').'),
      h('li', {}, 'Instrument any command: ', h('code', {}, `EVENTS_ENABLED=1 EVENTS_URL=${origin}/ingest cli-analytics exec -- terraform plan`), '.'),
      h('li', {}, 'Or POST events as JSON to ', h('code', {}, `${origin}/ingest`), ', then ', h('code', {}, 'POST /infer'),
        ' (it also runs every INFER_INTERVAL).')),
    h('p', {}, 'If you filtered by tool or date, try ', h('a', { href: '/' }, 'all data'), '.'));
}

/** Renders the overview into view; failures go to onError (auth errors included). */
export function renderOverview(view, filters, onError) {
  const top = h('div', { class: 'cards-slot', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading totals…'));
  const workflows = panel('workflows', 'Workflows', 'Runs by outcome and success rate; select a workflow for its report');
  workflows.section.querySelector('header').append(legend());
  const trends = panel('trends', 'Success rate by week', 'Busiest workflows');
  const nsm = panel('nsm', 'North star', 'Set by NSM_COMMAND, whatever the tool filter; CI runs excluded');
  const paths = panel('hotpaths', 'Failure hot paths', 'What people ran just before a failure, ranked by failures');
  const recovery = panel('recovery', 'Recovery after failure');
  const versions = panel('versions', 'Versions', 'Success rate by tool version, 95% interval; significant drops flagged');
  const adoption = panel('adoption', 'Version adoption', 'Active users of each version, week by week');
  const platforms = panel('platforms', 'Platforms', 'Active users by OS and architecture, and by runtime');
  const grid = h('div', { class: 'overview' }, workflows.section,
    h('div', { class: 'grid two' }, trends.section, nsm.section),
    paths.section,
    h('div', { class: 'grid two' }, recovery.section, versions.section),
    h('div', { class: 'grid two' }, adoption.section, platforms.section));
  view.replaceChildren(top, grid);

  const guard = (body, work) => work.catch((error) => {
    fill(body, h('p', { class: 'error' }, `Could not load this report: ${error.message}`));
    onError(error);
  });
  const summary = report('/reports/summary', filters);
  summary.catch(() => {
    top.replaceChildren();
    top.removeAttribute('aria-busy');
  });
  guard(workflows.body, summary.then((summary) => {
    if (!summary.events) {
      view.replaceChildren(noData());
      return;
    }
    top.replaceChildren(cards(summary));
    top.removeAttribute('aria-busy');
    fill(workflows.body, workflowTable(summary.workflows, filters));
  }));
  guard(trends.body, report('/reports/trends', filters).then((t) => renderTrends(trends.body, t)));
  guard(nsm.body, report('/reports/nsm', { from: filters.from, to: filters.to })
    .then((n) => renderNsm(nsm.body, n, nsm.section.querySelector('h2'))));
  guard(paths.body, report('/reports/hot-paths', { ...filters, limit: 20 })
    .then((p) => renderHotPaths(paths.body, p.paths || [])));
  guard(recovery.body, report('/reports/recovery', filters).then((r) => renderRecovery(recovery.body, r.commands || [])));
  guard(versions.body, report('/reports/versions', filters).then((v) => renderVersions(versions.body, v)));
  guard(adoption.body, report('/reports/adoption', filters).then((a) => renderAdoption(adoption.body, a)));
  guard(platforms.body, report('/reports/platforms', filters).then((p) => renderPlatforms(platforms.body, p)));
}
