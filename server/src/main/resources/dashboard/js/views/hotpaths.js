// Failure hot paths: a ranked list and a Sankey picture of the commands that lead to failures.

import { h, fmt, fill, empty, table, alternative } from '../dom.js';
import { chartBox, draw, OUTCOME_COLORS } from '../charts.js';

/** "terraform plan > terraform apply!" -> ["terraform plan", "terraform apply"] (failing last). */
export function steps(path) {
  return path.path.split(' > ').map((s) => s.replace(/!$/, ''));
}

/**
 * Sankey nodes and links. Paths are aligned on their failing command, and a node is a command at
 * a distance from the failure, so repeated commands (apply > apply!) never make a cycle.
 */
export function flow(paths) {
  const nodes = new Map();
  const links = new Map();
  const node = (command, distance) => {
    const id = distance === 0 ? `✗ ${command}` : `${command} (−${distance})`;
    if (!nodes.has(id)) nodes.set(id, { name: id, command, distance, failing: distance === 0 });
    return id;
  };
  for (const p of paths) {
    const s = steps(p);
    for (let i = 0; i + 1 < s.length; i++) {
      const source = node(s[i], s.length - 1 - i);
      const target = node(s[i + 1], s.length - 2 - i);
      const key = `${source}→${target}`;
      const link = links.get(key) || { source, target, value: 0 };
      link.value += p.failures;
      links.set(key, link);
    }
  }
  const linked = new Set([...links.values()].flatMap((l) => [l.source, l.target]));
  return { nodes: [...nodes.values()].filter((n) => linked.has(n.name)), links: [...links.values()] };
}

export function renderHotPaths(body, paths, { limit = 10 } = {}) {
  if (!paths.length) {
    fill(body, empty('No failures in this range: nothing leads to failure yet.'));
    return;
  }
  const top = paths.slice(0, limit);
  const list = h('ol', { class: 'ranked', 'aria-label': 'Paths ranked by failures' },
    top.map((p) => h('li', {},
      h('code', { class: 'path' }, steps(p).map((cmd, i, all) =>
        i === all.length - 1 ? h('mark', { class: 'fail' }, `${cmd} ✗`) : [cmd, h('span', { class: 'arrow', 'aria-label': 'then' }, ' → ')])),
      h('span', { class: 'meta' }, `${fmt.int(p.failures)} failures · ${fmt.int(p.actors)} developers · ${fmt.pct(p.failure_rate)} of ${fmt.int(p.occurrences)} runs fail`))));
  const { nodes, links } = flow(top);
  const box = chartBox(`Flow of the commands that precede the top ${top.length} failure paths; the right-hand column is the failing command. The ranked list and the table give the same data.`, 'chart-sankey');
  fill(body,
    h('div', { class: 'split' }, list, box),
    alternative('Paths as a table', table([
      { label: 'Path', value: (p) => p.path },
      { label: 'Failures', value: (p) => fmt.int(p.failures), num: true },
      { label: 'Developers', value: (p) => fmt.int(p.actors), num: true },
      { label: 'Occurrences', value: (p) => fmt.int(p.occurrences), num: true },
      { label: 'Failure rate', value: (p) => fmt.pct(p.failure_rate), num: true },
    ], paths)));
  if (!links.length) {
    box.replaceWith(empty('Every top path is a single failing command, so there is no flow to draw.'));
    return;
  }
  draw(box, {
    tooltip: { trigger: 'item' },
    series: [{
      type: 'sankey',
      left: 8, right: 140, top: 8, bottom: 8,
      nodeAlign: 'right',
      nodeGap: 10,
      emphasis: { focus: 'adjacency' },
      lineStyle: { color: 'gradient', opacity: 0.35 },
      // A white halo keeps labels readable where they sit on a flow.
      label: { formatter: (p) => p.data.command, fontSize: 11, color: '#1f2328', textBorderColor: '#fff', textBorderWidth: 3 },
      data: nodes.map((n) => ({ ...n, itemStyle: { color: n.failing ? OUTCOME_COLORS.FAILED : '#1f6feb' } })),
      links,
    }],
  });
}
