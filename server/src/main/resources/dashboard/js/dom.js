// Tiny DOM and formatting helpers shared by the views. Text always goes in as text nodes, never
// as HTML, so report values (command names, error types) cannot inject markup.

/** Creates an element: h('td', {class: 'num'}, '42', child). Null/false children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/**
 * A chart tooltip's content, one line per argument (each a text or an array of texts and nodes),
 * built with h(): ECharts inserts a returned node as it is, so report values stay text. Tooltip
 * formatters return this, never an HTML string (draw() refuses strings).
 */
export function tooltip(...lines) {
  return h('div', { class: 'tooltip' }, lines.map((line) => h('div', {}, line)));
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const fmt = {
  int: (n) => (n === null || n === undefined ? '–' : integer.format(n)),
  num: (n) => (n === null || n === undefined ? '–' : decimal.format(n)),
  pct: (r) => (r === null || r === undefined ? '–' : `${(r * 100).toFixed(1)}%`),
  ms(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
    if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
    return `${(ms / 3_600_000).toFixed(1)} h`;
  },
};

/** A panel: a titled section with a body that starts in the loading state. */
export function panel(id, title, subtitle) {
  const body = h('div', { class: 'panel-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  const section = h('section', { class: `panel panel-${id}`, id: `panel-${id}`, 'aria-labelledby': `${id}-title` },
    h('header', {}, h('h2', { id: `${id}-title` }, title), subtitle ? h('p', { class: 'sub' }, subtitle) : null),
    body);
  return { section, body };
}

/** Replaces a panel body's content and ends its loading state. */
export function fill(body, ...children) {
  body.replaceChildren(...children.flat(Infinity).filter(Boolean));
  body.removeAttribute('aria-busy');
}

export function empty(message) {
  return h('p', { class: 'empty' }, message);
}

/**
 * A table: columns are [{label, value: row => text|Node, num?: true}]. Used both for primary
 * tables and as the text alternative of every chart.
 */
export function table(columns, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((row) =>
      h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(row))))))));
}

/** The collapsible text alternative shown under a chart. */
export function alternative(summary, tableEl) {
  return h('details', { class: 'alt' }, h('summary', {}, summary), tableEl);
}
