// The page's state lives in the URL query string, so every view can be bookmarked, shared and
// reached with back/forward: ?tool=terraform&from=2026-10-01&to=2026-10-31&workflow=apply_workflow

const KEYS = ['tool', 'from', 'to', 'workflow'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The state in the current URL; unknown or malformed values are dropped. */
export function read() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of KEYS) {
    const value = (params.get(key) || '').trim();
    if (!value) continue;
    if ((key === 'from' || key === 'to') && !DATE.test(value)) continue;
    state[key] = value;
  }
  return state;
}

/** The URL for a state (only non-empty keys, in a stable order). */
export function href(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (state[key]) params.set(key, state[key]);
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** Moves to a new state as a history entry; returns false when nothing changed. */
export function go(state) {
  const next = href(state);
  if (next === location.pathname + location.search) return false;
  history.pushState(null, '', next);
  return true;
}

/** The report query parameters of a state: the filters only, never the drill-down. */
export function filters(state) {
  const { tool, from, to } = state;
  return { tool, from, to };
}
