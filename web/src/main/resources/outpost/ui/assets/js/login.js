// The login page: posts JSON to /api/session, then goes to ?next= when it is a path on this
// server (one leading slash), else to the overview.

import { api, ApiError } from './api.js';
import { byId, say } from './dom.js';

const form = byId('login-form');
const user = byId('login-user');
const password = byId('login-password');
const submit = byId('login-submit');
const error = byId('login-error');

/** Where to go after logging in: only local paths, never //host or /\host or a scheme. */
export function safeNext(next) {
  if (typeof next !== 'string' || !/^\/(?![/\\])/.test(next) || /[\u0000-\u001f\\]/.test(next)) {
    return '/';
  }
  const target = new URL(next, location.origin);
  if (target.origin !== location.origin || target.pathname.startsWith('/login')) return '/';
  return target.pathname + target.search + target.hash;
}

const next = safeNext(new URLSearchParams(location.search).get('next'));

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  submit.disabled = true;
  try {
    await api('/api/session', { method: 'POST', allow401: true,
      body: { username: user.value.trim(), password: password.value } });
    location.assign(next);
  } catch (e) {
    password.value = '';
    if (e instanceof ApiError && e.status === 401) say(error, 'Wrong user name or password.');
    else if (e instanceof ApiError && e.status === 429) {
      say(error, `Too many failed logins; try again in ${e.retryAfter || 'a few'} seconds.`);
    } else say(error, e.message || 'Login failed.');
    password.focus();
  } finally {
    submit.disabled = false;
  }
});

