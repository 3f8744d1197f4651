// Every host that has ever logged: first and last seen, messages per minute, apps, whether it went
// silent, and a retire button for nodes that were scaled in on purpose.

import { api } from './api.js';
import { sparkline } from './chart.js';
import { byId, el, formatCount, formatSeconds, pageLink, say, timeEl } from './dom.js';
import { clause } from './lucene.js';
import { banner, boot, describe, every } from './page.js';

const SILENT_AFTER = ['5m', '10m', '30m', '1h', '1d'];
const MAX_APPS_SHOWN = 6;
const ui = { body: document.querySelector('#hosts tbody'), filter: byId('host-filter'),
  silentAfter: byId('silent-after'), showRetired: byId('show-retired'),
  summary: byId('hosts-summary') };
let hosts = [];
let isAdmin = false;

function readState() {
  const params = new URLSearchParams(location.search);
  ui.filter.value = params.get('filter') || '';
  const silent = params.get('silent_after');
  ui.silentAfter.value = SILENT_AFTER.includes(silent) ? silent : '10m';
  ui.showRetired.checked = params.get('retired') !== 'hide';
}

function writeState() {
  const params = new URLSearchParams();
  if (ui.filter.value.trim()) params.set('filter', ui.filter.value.trim());
  if (ui.silentAfter.value !== '10m') params.set('silent_after', ui.silentAfter.value);
  if (!ui.showRetired.checked) params.set('retired', 'hide');
  const query = params.toString();
  history.replaceState(null, '', query ? `/hosts?${query}` : '/hosts');
}

function statusCell(host) {
  if (host.retired) {
    return el('td', null, el('span', { class: 'badge retired-badge' }, 'retired'),
      host.retired_at ? el('span', { class: 'muted small' }, ' ', timeEl(host.retired_at, false))
        : null);
  }
  if (host.silent) {
    return el('td', null, el('span', { class: 'badge silent-badge' },
      `silent for ${formatSeconds(host.silent_seconds)}`));
  }
  return el('td', null, el('span', { class: 'badge ok-badge' }, 'active'));
}

async function retire(host, button) {
  button.disabled = true;
  try {
    await api(`/api/hosts/${encodeURIComponent(host.name)}/retire`, { method: 'POST' });
    await load();
  } catch (error) {
    banner(describe(error));
    button.disabled = false;
  }
}

async function forget(host, button) {
  if (!window.confirm(`Forget host ${host.name}? Its logs stay searchable.`)) return;
  button.disabled = true;
  try {
    await api(`/api/hosts/${encodeURIComponent(host.name)}`, { method: 'DELETE' });
    await load();
  } catch (error) {
    banner(describe(error));
    button.disabled = false;
  }
}

function actionsCell(host) {
  const cell = el('td', { class: 'actions' });
  if (!host.retired) {
    const retireButton = el('button', { type: 'button', class: 'retire',
      title: 'mark as scaled in on purpose (no silence warnings)' }, 'Retire');
    retireButton.addEventListener('click', () => retire(host, retireButton));
    cell.append(retireButton);
  }
  if (isAdmin) {
    const forgetButton = el('button', { type: 'button', class: 'forget danger',
      title: 'remove from this list (its logs stay)' }, 'Forget');
    forgetButton.addEventListener('click', () => forget(host, forgetButton));
    cell.append(' ', forgetButton);
  }
  return cell;
}

function hostRow(host) {
  const apps = host.apps || [];
  const appsText = apps.slice(0, MAX_APPS_SHOWN).join(', ')
    + (apps.length > MAX_APPS_SHOWN ? ` +${apps.length - MAX_APPS_SHOWN}` : '');
  const perMinute = host.per_minute || [];
  const lastHour = perMinute.reduce((a, b) => a + b, 0);
  return el('tr', { class: host.silent ? 'host silent' : host.retired ? 'host retired' : 'host',
    'data-host': host.name },
  el('td', null, pageLink('/search', { q: clause('host', host.name), range: '1h' }, null,
    host.name)),
  statusCell(host),
  el('td', { class: 'time' }, timeEl(host.first_seen, false)),
  el('td', { class: 'time' }, timeEl(host.last_seen, false)),
  el('td', { class: 'num' }, formatCount(host.messages)),
  el('td', null, sparkline(perMinute, `${formatCount(lastHour)} messages in the last hour`)),
  el('td', { title: apps.join(', ') }, appsText),
  actionsCell(host));
}

function render() {
  const filter = ui.filter.value.trim().toLowerCase();
  const shown = hosts.filter((h) => (!filter || h.name.toLowerCase().includes(filter))
    && (ui.showRetired.checked || !h.retired));
  ui.body.replaceChildren(...shown.map(hostRow));
  const silent = hosts.filter((h) => h.silent).length;
  const retired = hosts.filter((h) => h.retired).length;
  say(ui.summary, `${hosts.length} hosts, ${silent} silent, ${retired} retired`
    + (shown.length !== hosts.length ? `; showing ${shown.length}` : ''));
}

async function load() {
  try {
    const result = await api('/api/hosts', { params: { silent_after: ui.silentAfter.value } });
    hosts = result.hosts || [];
    banner('');
    render();
  } catch (error) {
    banner(describe(error));
  }
}

readState();
ui.filter.addEventListener('input', () => {
  writeState();
  render();
});
ui.showRetired.addEventListener('change', () => {
  writeState();
  render();
});
ui.silentAfter.addEventListener('change', () => {
  writeState();
  load();
});
byId('hosts-form').addEventListener('submit', (event) => event.preventDefault());
boot('hosts').then((session) => {
  isAdmin = session.role === 'admin';
  load();
  every(30000, load);
});
