// One check: its state, the last output, the history timeline, a performance-data graph, its
// downtimes and notifications, and the operator's buttons: acknowledge (comment, sticky, expiry),
// remove the acknowledgement, schedule downtime (fixed or flexible), re-check now.

import { api } from './api.js';
import { checkName, stateBadges, statusBadge, timeInState } from './checkview.js';
import { byId, el, formatSeconds, say, timeEl } from './dom.js';
import { banner, boot, describe, every } from './page.js';
import { perfGraph, perfLabels } from './perfchart.js';

const EXPIRY_SECONDS = { '1h': 3600, '4h': 14400, '1d': 86400 };
const id = new URLSearchParams(location.search).get('id') || '';
const ui = { title: byId('check-title'), badges: byId('check-badges'), output: byId('check-output'),
  facts: byId('check-facts'), ackForm: byId('ack-form'), unack: byId('unack-btn'),
  recheck: byId('recheck-btn'), downtimeForm: byId('downtime-form'), error: byId('action-error'),
  status: byId('action-status'), perfLabel: byId('perf-label'), perfGraph: byId('perf-graph'),
  perfEmpty: byId('perf-empty'), history: byId('history'), downtimes: byId('downtimes'),
  definition: byId('definition').querySelector('tbody'),
  notifications: byId('check-notifications').querySelector('tbody') };
let detail = null;

function fact(name, ...value) {
  return [el('dt', null, name), el('dd', null, ...value)];
}

function renderHead(check) {
  document.title = `${checkName(check)} · Outpost`;
  say(ui.title, checkName(check));
  ui.badges.replaceChildren(statusBadge(check), ' ', ...stateBadges(check));
  say(ui.output, check.output || '(no output yet)');
  const ack = check.acknowledgement;
  ui.facts.replaceChildren(
    ...fact('Kind', check.kind),
    ...fact('State', `${check.state_type || ''} ${check.attempt}/${check.max_attempts}`.trim(),
      ` for ${timeInState(check)}`),
    ...fact('Last check', timeEl(check.last_check, false)),
    ...fact('Next check', timeEl(check.next_check, false)),
    ...fact('Since', timeEl(check.last_state_change, false)),
    ...(ack ? fact('Acknowledged', `by ${ack.author}`, ack.comment ? `: ${ack.comment}` : '',
      ack.sticky ? ' (sticky)' : '', ack.expires ? [' until ', timeEl(ack.expires, false)] : '')
      : []),
    ...(check.notifications_suppressed ? fact('Notifications', `held back: ${check.notifications_suppressed}`)
      : []));
  const problem = ['critical', 'warning', 'unknown'].includes(check.status);
  ui.ackForm.hidden = !problem || Boolean(ack);
  ui.unack.hidden = !ack;
}

function renderPerf(samples) {
  const labels = perfLabels(samples);
  const chosen = labels.includes(ui.perfLabel.value) ? ui.perfLabel.value : labels[0];
  ui.perfLabel.replaceChildren(...labels.map((l) => el('option', { value: l }, l)));
  ui.perfLabel.hidden = labels.length < 2;
  if (chosen !== undefined) ui.perfLabel.value = chosen;
  const drawn = chosen === undefined ? 0 : perfGraph(ui.perfGraph, samples, chosen);
  ui.perfGraph.hidden = drawn === 0;
  ui.perfEmpty.hidden = drawn > 0;
}

function renderHistory(history) {
  ui.history.replaceChildren(...history.map((h) => el('li', { class: `history-event kind-${h.kind.toLowerCase()}`,
    'data-kind': h.kind },
  timeEl(h.at, false), ' ',
  h.kind === 'STATE' ? statusBadge({ status: h.status }) : el('span', { class: 'badge kind-badge' }, h.kind),
  h.kind === 'STATE' ? el('span', { class: 'muted small' }, ` ${h.type} ${h.attempt}`) : null,
  ' ', el('span', { class: 'history-detail' }, h.detail))));
  if (history.length === 0) ui.history.appendChild(el('li', { class: 'muted' }, 'no history yet'));
}

async function cancelDowntime(downtime, button) {
  button.disabled = true;
  try {
    await api(`/api/downtimes/${encodeURIComponent(downtime.id)}`, { method: 'DELETE' });
    say(ui.status, 'downtime cancelled');
    await load();
  } catch (error) {
    say(ui.error, describe(error));
    button.disabled = false;
  }
}

function renderDowntimes(downtimes) {
  ui.downtimes.replaceChildren(...downtimes.map((d) => {
    const cancel = el('button', { type: 'button', class: 'cancel-downtime' }, 'Cancel');
    cancel.addEventListener('click', () => cancelDowntime(d, cancel));
    return el('li', { class: 'downtime', 'data-id': d.id },
      el('span', { class: `badge downtime-badge${d.active ? ' active' : ''}` },
        d.active ? 'in effect' : d.fixed ? 'scheduled' : 'flexible'), ' ',
      d.service ? `${d.host} / ${d.service}` : `${d.host} (whole host)`, ' ',
      timeEl(d.start, false), ' – ', timeEl(d.end, false),
      d.fixed ? '' : ` for ${formatSeconds(d.duration_seconds)}`,
      el('span', { class: 'muted small' }, ` by ${d.author}${d.comment ? `: ${d.comment}` : ''}`),
      ' ', cancel);
  }));
  if (downtimes.length === 0) ui.downtimes.appendChild(el('li', { class: 'muted' }, 'none'));
}

function renderDefinition(definition) {
  ui.definition.replaceChildren(...Object.entries(definition || {}).map(([k, v]) => el('tr',
    { 'data-key': k }, el('th', null, k), el('td', null, v))));
}

function renderNotifications(list) {
  ui.notifications.replaceChildren(...list.map((n) => el('tr', { class: `notification state-${n.state}`,
    'data-id': n.id },
  el('td', { class: 'time' }, timeEl(n.created, false)), el('td', null, n.type),
  el('td', null, `${n.contact} (${n.channel})`),
  el('td', null, el('span', { class: `badge notification-state state-${n.state}` }, n.state)),
  el('td', { class: 'wide' }, n.text))));
  if (list.length === 0) {
    ui.notifications.appendChild(el('tr', null, el('td', { class: 'muted', colspan: '5' }, 'none')));
  }
}

function render() {
  const d = detail;
  renderHead(d.check);
  renderPerf(d.perf || []);
  renderHistory(d.history || []);
  renderDowntimes(d.downtimes || []);
  renderDefinition(d.definition);
  renderNotifications(d.notifications || []);
}

async function load() {
  if (!/^\d+$/.test(id)) {
    banner('no check id in the address (/check?id=NUMBER)');
    return;
  }
  try {
    detail = await api(`/api/checks/${id}`);
    banner('');
    render();
  } catch (error) {
    banner(describe(error));
  }
}

/** Runs an action with the buttons disabled, shows its outcome and reloads. */
async function act(button, done, call) {
  button.disabled = true;
  say(ui.error, '');
  say(ui.status, '');
  try {
    await call();
    say(ui.status, done);
    await load();
  } catch (error) {
    say(ui.error, describe(error));
  } finally {
    button.disabled = false;
  }
}

ui.ackForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const seconds = EXPIRY_SECONDS[byId('ack-expires').value];
  const body = { comment: byId('ack-comment').value.trim(), sticky: byId('ack-sticky').checked,
    expires: seconds ? new Date(Date.now() + seconds * 1000).toISOString() : null };
  act(byId('ack-btn'), 'acknowledged', () => api(`/api/checks/${id}/ack`, { method: 'POST', body }));
});
ui.unack.addEventListener('click', () => act(ui.unack, 'acknowledgement removed',
  () => api(`/api/checks/${id}/ack`, { method: 'DELETE' })));
ui.recheck.addEventListener('click', () => act(ui.recheck, 're-check scheduled',
  () => api(`/api/checks/${id}/recheck`, { method: 'POST' })));
ui.downtimeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!detail) return;
  const check = detail.check;
  const seconds = Number(byId('downtime-duration').value);
  const fixed = byId('downtime-kind').value === 'fixed';
  const body = { host: check.host,
    service: byId('downtime-scope').value === 'service' ? check.service : '', fixed,
    duration_seconds: seconds, comment: byId('downtime-comment').value.trim() };
  // a flexible downtime may begin any time in the next day, then lasts the chosen duration
  if (!fixed) body.end = new Date(Date.now() + 86400e3 + seconds * 1000).toISOString();
  act(byId('downtime-btn'), 'downtime scheduled',
    () => api('/api/downtimes', { method: 'POST', body }));
});
ui.perfLabel.addEventListener('change', () => detail && renderPerf(detail.perf || []));
boot('checks').then(() => {
  load();
  every(15000, load);
});
