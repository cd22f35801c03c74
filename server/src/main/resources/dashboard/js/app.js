// Entry point: reads the state from the URL, wires the filters, links, history and token form,
// and renders the overview or a workflow's report.

import * as state from './state.js';
import { h } from './dom.js';
import { report, token, AuthError } from './api.js';
import { disposeWithin } from './charts.js';
import { renderOverview } from './views/overview.js';
import { renderWorkflow } from './views/workflow.js';

const view = document.getElementById('view');
const status = document.getElementById('status');
const form = document.getElementById('filters');
const toolSelect = document.getElementById('filter-tool');
const tokenPanel = document.getElementById('token');
const forget = document.getElementById('forget-token');
const toolsByRange = new Map();
let generation = 0;

function showFilters(current) {
  form.elements.from.value = current.from || '';
  form.elements.to.value = current.to || '';
  setToolOptions([], current.tool);
  tools(current).then((names) => setToolOptions(names, state.read().tool)).catch(() => {});
}

function setToolOptions(names, selected) {
  const all = [...new Set([...names, ...(selected ? [selected] : [])])].sort();
  toolSelect.replaceChildren(h('option', { value: '' }, 'All tools'),
    ...all.map((name) => h('option', { value: name, selected: name === selected }, name)));
}

/** The tools seen in a date range, from the unfiltered summary (cached per range). */
function tools({ from, to }) {
  const key = `${from || ''}/${to || ''}`;
  if (!toolsByRange.has(key)) {
    const names = report('/reports/summary', { from, to })
      .then((s) => [...new Set(s.workflows.map((w) => w.tool))]);
    names.catch(() => toolsByRange.delete(key));
    toolsByRange.set(key, names);
  }
  return toolsByRange.get(key);
}

function onError(error) {
  if (error instanceof AuthError) {
    tokenPanel.hidden = false;
    document.getElementById('token-reason').textContent = error.status === 401
      ? `Reports on this server require a read token: ${error.message}.`
      : `That token may not read reports (${error.message}). Enter a read or admin token.`;
    status.textContent = 'A read token is needed to show reports.';
  } else {
    status.textContent = `Some reports failed to load: ${error.message}`;
  }
}

function render() {
  const current = state.read();
  const mine = ++generation;
  status.textContent = '';
  forget.hidden = !token.get();
  showFilters(current);
  disposeWithin(view);
  const filters = state.filters(current);
  if (current.workflow) {
    document.title = `${current.workflow} · CLI Analytics`;
    view.replaceChildren(h('p', { class: 'loading', 'aria-busy': 'true' }, `Loading ${current.workflow}…`));
    report(`/reports/workflows/${encodeURIComponent(current.workflow)}`, filters)
      .then((w) => { if (mine === generation) renderWorkflow(view, w, current); })
      .catch((error) => {
        if (mine !== generation) return;
        view.replaceChildren(h('section', { class: 'panel' }, h('p', { class: 'error' }, `Could not load workflow ${current.workflow}: ${error.message}`),
          h('a', { href: state.href({ ...current, workflow: undefined }) }, '← All workflows')));
        onError(error);
      });
  } else {
    document.title = 'CLI Analytics';
    renderOverview(view, filters, (error) => { if (mine === generation) onError(error); });
  }
}

function navigate(next) {
  if (state.go(next)) render();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const from = data.get('from');
  const to = data.get('to');
  if (from && to && from > to) {
    status.textContent = `"From" (${from}) must be on or before "To" (${to}); change one of them.`;
    form.elements.from.focus();
    return;
  }
  navigate({ ...state.read(), tool: data.get('tool'), from, to });
});
toolSelect.addEventListener('change', () => form.requestSubmit());
document.getElementById('filter-reset').addEventListener('click', () => navigate({ workflow: state.read().workflow }));

// Same-page links (workflow rows, back, home) move through history instead of reloading.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/"]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(link.href);
  if (url.pathname !== '/') return;
  event.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  render();
  document.getElementById('main').focus({ preventScroll: true });
  window.scrollTo(0, 0);
});
// A click anywhere on a workflow row opens it, like its link.
view.addEventListener('click', (event) => {
  const row = event.target.closest('tr[data-workflow]');
  if (row && !event.target.closest('a')) row.querySelector('a').click();
});
window.addEventListener('popstate', render);

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-input');
  token.set(input.value.trim());
  input.value = '';
  tokenPanel.hidden = true;
  toolsByRange.clear();
  render();
});
forget.addEventListener('click', () => {
  token.clear();
  toolsByRange.clear();
  render();
});

render();
