// Apache ECharts, loaded from the server's webjar (its URL is put in a meta tag by the server, so
// the page never names a version or a CDN). Charts render as SVG: crisp at any size and
// inspectable. Every chart gets role="img" and an aria-label; its data also appears in a table.

import { h } from './dom.js';

let library;

// ECharts lays labels out (containLabel, legends) by measuring them in its default font, so the
// charts draw in that same font; a page font here would make labels overflow their room.
const FONT = 'sans-serif';

export function echarts() {
  if (!library) {
    const url = document.querySelector('meta[name="echarts-url"]').content;
    library = import(url);
  }
  return library;
}

export const OUTCOME_COLORS = {
  SUCCESS: '#2e7d32',
  FAILED: '#c62828',
  ABANDONED: '#f0a202',
  IN_PROGRESS: '#90a4ae',
};

export const PALETTE = ['#1f6feb', '#2e7d32', '#c62828', '#8250df', '#f0a202', '#0a7ea4', '#d1495b',
  '#6e7781', '#3fb950', '#bf8700'];

const observer = new ResizeObserver((entries) => {
  for (const entry of entries) entry.target.chart?.resize();
});

/** A chart container with its accessible name; give it to draw() once the data is there. */
export function chartBox(label, className = '') {
  return h('div', { class: `chart ${className}`.trim(), role: 'img', 'aria-label': label, tabindex: '0' });
}

/** Draws option into box (reusing the chart if one is there) and keeps it sized to its box. */
export async function draw(box, option) {
  const lib = await echarts();
  if (!box.isConnected) return null; // the view moved on (new filters, empty state) meanwhile
  let chart = box.chart;
  if (!chart) {
    chart = lib.init(box, null, { renderer: 'svg' });
    box.chart = chart;
    observer.observe(box);
  }
  chart.setOption({
    color: PALETTE,
    animation: false,
    textStyle: { fontFamily: FONT },
    aria: { enabled: false },
    ...option,
    ...(option.tooltip ? { tooltip: textOnly(option.tooltip) } : {}),
  }, true);
  // ECharts replaces the container's aria attributes only when aria is enabled; keep ours.
  box.setAttribute('role', 'img');
  return chart;
}

/**
 * ECharts treats a tooltip formatter's string as HTML, so a formatter must return DOM nodes (see
 * tooltip() in dom.js): report values then stay text by construction. A string is refused.
 */
function textOnly(tooltipOption) {
  const format = tooltipOption.formatter;
  if (typeof format === 'string') throw new TypeError('tooltip formatters must be functions returning DOM nodes');
  if (typeof format !== 'function') return tooltipOption;
  return {
    ...tooltipOption,
    formatter: (...args) => {
      const content = format(...args);
      if (!(content instanceof Node)) throw new TypeError('a tooltip formatter returned an HTML string; build it with tooltip() from dom.js');
      return content;
    },
  };
}

/** Disposes the charts inside a subtree that is about to be replaced. */
export function disposeWithin(root) {
  for (const box of root.querySelectorAll('.chart')) {
    if (box.chart) {
      observer.unobserve(box);
      box.chart.dispose();
      box.chart = null;
    }
  }
}

export const percentAxis = {
  type: 'value', min: 0, max: 1,
  axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` },
};

export function tooltipPercent(value) {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}
