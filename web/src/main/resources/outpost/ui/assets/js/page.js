// What every logged-in page does first: load the session (user, role, CSRF token), mark the
// current page in the navigation and wire the logout button.
import { api, ApiError, setCsrf } from './api.js';
import { byId, say } from './dom.js';

/** Shows an error across the top of the page; empty text hides it. */
export function banner(text) {
  const node = document.getElementById('banner');
  if (!node) return;
  say(node, text);
  node.hidden = !text;
}

/** A readable sentence for an error from api(). */
export function describe(error) {
  if (error instanceof ApiError) return error.message || `request failed (HTTP ${error.status})`;
  return `request failed: ${error && error.message ? error.message : error}`;
}

async function logout() {
  try {
    await api('/api/session', { method: 'DELETE', allow401: true });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      banner(`logout failed: ${describe(error)}`);
      return;
    }
  }
  location.assign('/login');
}

/**
 * Loads the session and prepares the shared parts of the page. Resolves to {user, role}; a missing
 * login has already sent the browser to /login (the promise then never resolves).
 */
export async function boot(page) {
  for (const link of document.querySelectorAll('nav#nav a[data-page]')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
  }
  byId('logout').addEventListener('click', logout);
  try {
    const session = await api('/api/session');
    setCsrf(session.csrf);
    say(byId('whoami'), session.user ? `${session.user} (${session.role})` : '');
    return { user: session.user || null, role: session.role || null };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return new Promise(() => {});
    banner(`cannot load the session: ${describe(error)}`);
    return { user: null, role: null };
  }
}

/** Calls fn every ms milliseconds while the page is visible, and when it becomes visible again. */
export function every(ms, fn) {
  let timer = null;
  const schedule = () => {
    clearInterval(timer);
    timer = document.hidden ? null : setInterval(fn, ms);
  };
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) fn();
    schedule();
  });
  schedule();
}

/** "/" anywhere outside a text field focuses the query box, as in most log viewers. */
export function slashFocuses(input) {
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
      || target instanceof HTMLSelectElement || target?.isContentEditable;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
}
