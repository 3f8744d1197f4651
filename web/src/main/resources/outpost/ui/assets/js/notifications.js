// The notification log: every SMS and webhook message in the outbox, newest first, with its
// delivery state (pending, sent, failed, grouped, suppressed), attempts and the provider's error.

import { api } from './api.js';
import { byId, el, formatCount, pageLink, say, timeEl } from './dom.js';
import { banner, boot, describe, every } from './page.js';

const STATES = ['', 'pending', 'sent', 'failed', 'grouped', 'suppressed'];
const LIMITS = ['50', '100', '500', '1000'];
const ui = { state: byId('notification-state'), limit: byId('notification-limit'),
  body: document.querySelector('#notifications tbody'), summary: byId('notifications-summary') };
let all = [];

function readState() {
  const params = new URLSearchParams(location.search);
  const state = params.get('state') || '';
  ui.state.value = STATES.includes(state) ? state : '';
  const limit = params.get('limit') || '100';
  ui.limit.value = LIMITS.includes(limit) ? limit : '100';
}

function writeState() {
  const params = new URLSearchParams();
  if (ui.state.value) params.set('state', ui.state.value);
  if (ui.limit.value !== '100') params.set('limit', ui.limit.value);
  const query = params.toString();
  history.replaceState(null, '', query ? `/notifications?${query}` : '/notifications');
}

function row(n) {
  const sent = n.sent_at ? ['sent ', timeEl(n.sent_at, false)] : null;
  const next = n.state === 'pending' && n.next_attempt ? ['next try ', timeEl(n.next_attempt, false)]
    : null;
  return el('tr', { class: `notification state-${n.state}`, 'data-id': n.id, 'data-state': n.state },
    el('td', { class: 'time' }, timeEl(n.created, false)),
    el('td', null, n.type),
    el('td', null, n.check_id && n.check_id !== '0'
      ? pageLink('/check', { id: n.check_id }, null, n.subject) : n.subject),
    el('td', null, n.contact, el('div', { class: 'muted small' }, n.destination)),
    el('td', null, n.channel),
    el('td', null, el('span', { class: `badge notification-state state-${n.state}` }, n.state),
      sent || next ? el('div', { class: 'muted small' }, ...(sent || next)) : null,
      n.error ? el('div', { class: 'error-text small notification-error' }, n.error) : null),
    el('td', { class: 'num' }, formatCount(n.attempts)),
    el('td', { class: 'wide notification-text' }, n.text));
}

function render() {
  const shown = ui.state.value ? all.filter((n) => n.state === ui.state.value) : all;
  ui.body.replaceChildren(...shown.map(row));
  if (shown.length === 0) {
    ui.body.appendChild(el('tr', null, el('td', { class: 'muted', colspan: '8' },
      'no notifications')));
  }
  const failed = all.filter((n) => n.state === 'failed').length;
  const pending = all.filter((n) => n.state === 'pending').length;
  say(ui.summary, `${all.length} newest, ${pending} pending, ${failed} failed`
    + (shown.length !== all.length ? `; showing ${shown.length}` : ''));
}

async function load() {
  try {
    const result = await api('/api/notifications', { params: { limit: ui.limit.value } });
    all = result.notifications || [];
    banner('');
    render();
  } catch (error) {
    banner(describe(error));
  }
}

readState();
ui.state.addEventListener('change', () => {
  writeState();
  render();
});
ui.limit.addEventListener('change', () => {
  writeState();
  load();
});
byId('notifications-refresh').addEventListener('click', load);
byId('notifications-form').addEventListener('submit', (event) => event.preventDefault());
boot('notifications').then(() => {
  load();
  every(30000, load);
});
