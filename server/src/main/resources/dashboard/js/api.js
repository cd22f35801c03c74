// Report requests. A read token, when the server needs one, is kept in sessionStorage only (it
// dies with the tab) and sent as Authorization: Bearer.

const TOKEN_KEY = 'cli-analytics.read-token';

/** Thrown when the server refuses the request for lack of (the right) token. */
export class AuthError extends Error {
  constructor(status, detail) {
    super(detail || (status === 401 ? 'a read token is required' : 'this token may not read reports'));
    this.status = status;
  }
}

/** Any other failure, with the server's problem detail when it sent one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `the server answered ${status}`);
    this.status = status;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** GETs a report path with query parameters (empty values left out) and returns its JSON. */
export async function report(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  // Panels that need the same report at the same moment (the overview and the tool list both
  // read the summary) share one request.
  const key = `${token.get() || ''} ${url}`;
  if (!inflight.has(key)) {
    const request = fetchJson(url);
    inflight.set(key, request);
    request.then(() => inflight.delete(key), () => inflight.delete(key));
  }
  return inflight.get(key);
}

const inflight = new Map();

async function fetchJson(url) {
  const headers = { Accept: 'application/json' };
  const saved = token.get();
  if (saved) headers.Authorization = `Bearer ${saved}`;
  const response = await fetch(url, { headers, credentials: 'same-origin' });
  if (response.ok) return response.json();
  const detail = await problemDetail(response);
  if (response.status === 401 || response.status === 403) throw new AuthError(response.status, detail);
  throw new ApiError(response.status, detail);
}

async function problemDetail(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title;
  } catch {
    return null;
  }
}
