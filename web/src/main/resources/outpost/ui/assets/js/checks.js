// The check board: every check grouped by state, worst first, with time in state, the last
// output and why it is quiet (acknowledged, downtime, flapping). Filters live in the URL.

import { api } from './api.js';
import { checkLink, STATES, stateBadges, statusBadge, timeInState } from './checkview.js';
import { byId, el, pageLink, say, timeEl } from './dom.js';
import { banner, boot, describe, every } from './page.js';

const PROBLEMS = 'critical,warning,unknown';
const STATE_CHOICES = ['', 'problems', ...STATES];
const GROUP_TITLES = { critical: 'Critical', unknown: 'Unknown', warning: 'Warning',
  pending: 'Pending', ok: 'OK' };
const ui = { search: byId('check-search'), host: byId('check-host'), state: byId('check-state'),
  board: byId('board'), summary: byId('checks-summary') };
let inFlight = null;

function readState() {
  const params = new URLSearchParams(location.search);
  ui.search.value = params.get('q') || '';
  ui.host.value = params.get('host') || '';
  const state = params.get('state') || '';
  ui.state.value = STATE_CHOICES.includes(state) ? state : '';
}

function writeState() {
  const params = new URLSearchParams();
  if (ui.search.value.trim()) params.set('q', ui.search.value.trim());
  if (ui.host.value.trim()) params.set('host', ui.host.value.trim());
  if (ui.state.value) params.set('state', ui.state.value);
  const query = params.toString();
  history.replaceState(null, '', query ? `/checks?${query}` : '/checks');
}

function checkRow(check) {
  return el('tr', { class: `check status-${check.status}`, 'data-id': check.id,
    'data-status': check.status },
  el('td', { class: 'status-cell' }, statusBadge(check)),
  el('td', { class: 'host-cell' }, pageLink('/checks', { host: check.host }, { class: 'host-link' },
    check.host)),
  el('td', { class: 'service-cell' }, checkLink(check, check.service || '(host)')),
  el('td', { class: 'time', title: check.last_state_change || '' }, timeInState(check)),
  el('td', { class: 'time' }, timeEl(check.last_check, false)),
  el('td', { class: 'output wide' }, check.output || ''),
  el('td', { class: 'badges' }, ...stateBadges(check)));
}

function group(state, checks) {
  return el('section', { class: `panel state-group group-${state}`, 'data-state': state },
    el('h2', null, statusBadge({ status: state }), ` ${GROUP_TITLES[state]} (${checks.length})`),
    el('div', { class: 'scroll-x' }, el('table', { class: 'grid checks-table' },
      el('thead', null, el('tr', null, el('th', null, 'Status'), el('th', null, 'Host'),
        el('th', null, 'Service'), el('th', null, 'In state'), el('th', null, 'Last check'),
        el('th', null, 'Output'), el('th', null, ''))),
      el('tbody', null, ...checks.map(checkRow)))));
}

function render(result) {
  const checks = result.checks || [];
  const groups = STATES.map((state) => [state, checks.filter((c) => c.status === state)])
    .filter(([, list]) => list.length > 0);
  ui.board.replaceChildren(...groups.map(([state, list]) => group(state, list)));
  if (checks.length === 0) {
    ui.board.appendChild(el('p', { class: 'muted', id: 'no-checks' },
      ui.search.value || ui.host.value || ui.state.value ? 'no check matches these filters'
        : 'no checks yet'));
  }
  const c = result.counts || {};
  say(ui.summary, `${c.critical || 0} critical, ${c.warning || 0} warning, ${c.unknown || 0}`
    + ` unknown, ${c.ok || 0} ok, ${c.pending || 0} pending; ${c.acknowledged || 0} acknowledged,`
    + ` ${c.in_downtime || 0} in downtime, ${c.flapping || 0} flapping`
    + `; showing ${checks.length}`);
}

async function load() {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  try {
    const state = ui.state.value === 'problems' ? PROBLEMS : ui.state.value;
    const result = await api('/api/checks', { signal: controller.signal,
      params: { q: ui.search.value.trim(), host: ui.host.value.trim(), state } });
    banner('');
    render(result);
  } catch (error) {
    if (error?.name !== 'AbortError') banner(describe(error));
  }
}

let typing = null;
function changed() {
  writeState();
  clearTimeout(typing);
  typing = setTimeout(load, 250);
}

readState();
ui.search.addEventListener('input', changed);
ui.host.addEventListener('input', changed);
ui.state.addEventListener('change', () => {
  writeState();
  load();
});
byId('checks-refresh').addEventListener('click', load);
byId('checks-form').addEventListener('submit', (event) => event.preventDefault());
boot('checks').then(() => {
  load();
  every(15000, load);
});
