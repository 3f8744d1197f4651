// Users (admins only) and API tokens (everyone sees their own, admins all). A new token's secret
// is shown once, right after it is created.

import { api, ApiError } from './api.js';
import { byId, el, say, timeEl } from './dom.js';
import { boot, describe } from './page.js';

const ui = { users: document.querySelector('#users tbody'), usersError: byId('users-error'),
  tokens: document.querySelector('#tokens tbody'), tokensError: byId('tokens-error'),
  secretBox: byId('new-token-box'), secret: byId('new-token-secret') };
let session = { user: null, role: null };

function button(text, className, onClick) {
  const node = el('button', { type: 'button', class: className }, text);
  node.addEventListener('click', onClick);
  return node;
}

async function act(errorBox, work, reload) {
  try {
    await work();
    say(errorBox, '');
    if (reload) await reload();
    return true;
  } catch (error) {
    say(errorBox, describe(error));
    return false;
  }
}

function resetForm(user, cell) {
  const input = el('input', { type: 'password', class: 'reset-password', autocomplete: 'new-password',
    placeholder: 'new password', 'aria-label': `new password for ${user.name}` });
  const form = el('form', { class: 'inline-form' }, input,
    el('button', { type: 'submit', class: 'save-password' }, 'Set'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const done = await act(ui.usersError, () => api(
      `/api/users/${encodeURIComponent(user.name)}/password`,
      { method: 'PUT', body: { password: input.value } }));
    if (done) {
      await loadUsers();
      say(byId('users-status'), `password of ${user.name} changed`);
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') loadUsers();
  });
  cell.replaceChildren(form);
  input.focus();
}

function userRow(user) {
  const actions = el('td', { class: 'actions' });
  actions.append(
    button('Reset password', 'reset-user', () => resetForm(user, actions)),
    ' ',
    button('Delete', 'delete-user danger', () => {
      if (!window.confirm(`Delete user ${user.name}?`)) return;
      act(ui.usersError, () => api(`/api/users/${encodeURIComponent(user.name)}`,
        { method: 'DELETE' }), loadUsers);
    }));
  return el('tr', { 'data-user': user.name }, el('td', null, user.name), el('td', null, user.role),
    el('td', { class: 'time' }, timeEl(user.created, false)), actions);
}

async function loadUsers() {
  say(byId('users-status'), '');
  try {
    const result = await api('/api/users');
    ui.users.replaceChildren(...(result.users || []).map(userRow));
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      byId('users-panel').hidden = true;
      return;
    }
    say(ui.usersError, describe(error));
  }
}

function tokenRow(token) {
  return el('tr', { 'data-token': token.id }, el('td', null, token.name),
    el('td', null, token.owner), el('td', { class: 'time' }, timeEl(token.created, false)),
    el('td', { class: 'time' }, token.last_used ? timeEl(token.last_used, false) : 'never'),
    el('td', { class: 'actions' }, button('Revoke', 'revoke-token danger', () => {
      if (!window.confirm(`Revoke token ${token.name}?`)) return;
      act(ui.tokensError, () => api(`/api/tokens/${encodeURIComponent(token.id)}`,
        { method: 'DELETE' }), loadTokens);
    })));
}

async function loadTokens() {
  try {
    const result = await api('/api/tokens');
    const tokens = result.tokens || [];
    ui.tokens.replaceChildren(...tokens.map(tokenRow));
    if (tokens.length === 0) {
      ui.tokens.appendChild(el('tr', null, el('td', { colspan: 5, class: 'muted' }, 'no tokens yet')));
    }
  } catch (error) {
    say(ui.tokensError, describe(error));
  }
}

function wire() {
  byId('add-user-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = byId('new-user-name');
    const password = byId('new-user-password');
    const done = await act(ui.usersError, () => api('/api/users', { method: 'POST',
      body: { name: name.value.trim(), password: password.value, role: byId('new-user-role').value } }),
    loadUsers);
    if (done) {
      name.value = '';
      password.value = '';
    }
  });
  byId('own-password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId('own-password');
    const status = byId('own-password-status');
    const done = await act(status, () => api(`/api/users/${encodeURIComponent(session.user)}/password`,
      { method: 'PUT', body: { password: input.value } }));
    status.className = done ? 'ok-text' : 'error-text';
    if (done) {
      input.value = '';
      say(status, 'password changed');
    }
  });
  byId('add-token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = byId('new-token-name');
    let created = null;
    await act(ui.tokensError, async () => {
      created = await api('/api/tokens', { method: 'POST', body: { name: name.value.trim() } });
    }, loadTokens);
    if (created) {
      name.value = '';
      say(ui.secret, created.token);
      ui.secretBox.hidden = false;
    }
  });
  byId('copy-token').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(ui.secret.textContent);
      say(byId('copy-token'), 'Copied');
    } catch {
      window.getSelection()?.selectAllChildren(ui.secret);
    }
  });
}

wire();
boot('admin').then((s) => {
  session = s;
  if (s.role && s.role !== 'admin') byId('users-panel').hidden = true;
  else loadUsers();
  loadTokens();
});
