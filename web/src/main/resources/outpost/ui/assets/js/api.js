// The JSON API client every page uses. Every request says who it is (X-Requested-With, so the
// server never answers with a Basic challenge); state-changing requests carry the session's CSRF
// token; a 401 sends the browser to the login page.

const UI_HEADER = { 'X-Requested-With': 'outpost-ui' };
const SAFE_METHODS = new Set(['GET', 'HEAD']);
let csrfToken = null;

/** An error answer of the API: HTTP status, error code, message and (maybe) parameter name. */
export class ApiError extends Error {
  constructor(status, code, message, parameter, retryAfter) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
    this.parameter = parameter || null;
    this.retryAfter = retryAfter || null;
  }
}

/** Builds "path?query" from a plain object, skipping null, undefined and empty values. */
export function withParams(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Sends the browser to the login page, coming back here afterwards. */
export function goToLogin() {
  const next = location.pathname + location.search;
  location.assign(withParams('/login', { next }));
}

/**
 * Calls the API. Options: method (GET), params (query object), body (JSON), signal, allow401
 * (return the error instead of leaving for the login page). Resolves to the parsed JSON, or null
 * for 204; rejects with ApiError.
 */
export async function api(path, options = {}) {
  const method = options.method || 'GET';
  const headers = { ...UI_HEADER, Accept: 'application/json' };
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(withParams(path, options.params), {
    method, headers, body, signal: options.signal, credentials: 'same-origin', cache: 'no-store',
  });
  if (response.status === 401 && !options.allow401) {
    goToLogin();
    throw new ApiError(401, 'unauthorized', 'login required');
  }
  if (!response.ok) {
    let data = {};
    try { data = await response.json(); } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, data.error, data.message || response.statusText,
      data.parameter, response.headers.get('Retry-After'));
  }
  if (response.status === 204) return null;
  return response.json();
}

/** Remembers the CSRF token of the current session (from GET or POST /api/session). */
export function setCsrf(token) {
  csrfToken = token || null;
}

/** True when the error is the abort of a superseded request. */
export function isAbort(error) {
  return error && error.name === 'AbortError';
}
