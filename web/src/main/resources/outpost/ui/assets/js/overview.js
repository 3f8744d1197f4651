// The landing page: messages per minute, errors and 5xx now against the same hour yesterday,
// silent hosts, newest errors, top hosts, and the checks: counts by state and unhandled problems.

import { api } from './api.js';
import { sparkline, timeBars } from './chart.js';
import { checkLink, stateBadges, statusBadge, timeInState } from './checkview.js';
import { byId, el, formatCount, formatSeconds, pageLink, say, timeEl } from './dom.js';
import { hitRow } from './hits.js';
import { clause } from './lucene.js';
import { banner, boot, describe, every } from './page.js';

const ERROR_QUERY = 'severity:(emerg OR alert OR crit OR err)';

function compare(nowId, yesterdayId, counts, query) {
  const now = byId(nowId);
  const value = counts ? counts.last_hour : NaN;
  const before = counts ? counts.same_hour_yesterday : NaN;
  now.replaceChildren(query ? pageLink('/search', { q: query, range: '1h' }, null,
    formatCount(value)) : formatCount(value));
  now.classList.toggle('up', Number.isFinite(value) && value > before);
  say(byId(yesterdayId), formatCount(before));
}

function renderRate(perMinute) {
  const buckets = perMinute?.buckets || [];
  const interval = perMinute?.interval_ms || 60000;
  const starts = buckets.map((b) => Date.parse(b.start));
  const startMs = starts.length ? starts[0] : Date.now() - 3600e3;
  const endMs = starts.length ? starts[starts.length - 1] + interval : Date.now();
  timeBars(byId('overview-rate'), { startMs, endMs, intervalMs: interval, starts,
    series: [{ name: 'messages', values: buckets.map((b) => b.count) }] },
  { onZoom: (from, to) => location.assign(`/search?${new URLSearchParams({ range: 'custom',
    from: from.toISOString(), to: to.toISOString() })}`) });
}

function renderSilent(silent) {
  const list = byId('silent-hosts');
  list.replaceChildren(...silent.map((h) => el('li', { 'data-host': h.name },
    pageLink('/search', { q: clause('host', h.name), range: '24h' }, null, h.name), ' ',
    el('span', { class: 'badge silent-badge' }, `silent for ${formatSeconds(h.silent_seconds)}`),
    ' ', el('span', { class: 'muted small' }, 'last seen ', timeEl(h.last_seen, false)))));
  if (silent.length === 0) list.appendChild(el('li', { class: 'muted' }, 'every host is logging'));
}

function renderTopHosts(top) {
  byId('top-hosts').querySelector('tbody').replaceChildren(...top.map((h) => el('tr',
    { 'data-host': h.name },
    el('td', null, pageLink('/search', { q: clause('host', h.name), range: '1h' }, null, h.name)),
    el('td', { class: 'num' }, formatCount(h.messages_last_hour)),
    el('td', null, sparkline(h.per_minute, `${h.name}: messages per minute`)))));
}

function renderChecks(checks) {
  const box = byId('checks');
  if (checks === null || checks === undefined) {
    box.replaceChildren();
    return;
  }
  if (checks.alerts_url) {
    box.replaceChildren(el('section', { class: 'panel', id: 'checks-panel' },
      el('div', { class: 'panel-head' }, el('h2', null, 'Checks'),
        pageLink('/checks', null, null, 'where they run')),
      el('p', { id: 'checks-elsewhere' }, 'Checks and notifications run on node ',
        el('code', null, checks.alerts_url), ', not on this one.')));
    return;
  }
  const cell = (state, label) => el('div', { class: `check-count status-${state}` },
    pageLink('/checks', { state }, { id: `checks-${state}` }, formatCount(checks[state] || 0)),
    el('span', { class: 'muted' }, ` ${label}`));
  const problems = checks.problems || [];
  box.replaceChildren(el('section', { class: 'panel', id: 'checks-panel' },
    el('div', { class: 'panel-head' }, el('h2', null, 'Checks'),
      pageLink('/checks', { state: 'problems' }, null, 'all problems')),
    el('div', { class: 'check-counts' }, cell('critical', 'critical'), cell('warning', 'warning'),
      cell('unknown', 'unknown'), cell('ok', 'ok'), cell('pending', 'pending')),
    el('p', { class: 'muted small' }, `${formatCount(checks.acknowledged || 0)} acknowledged, `
      + `${formatCount(checks.in_downtime || 0)} in downtime, ${formatCount(checks.flapping || 0)}`
      + ' flapping'),
    el('ul', { class: 'plain-list', id: 'check-problems' }, ...(problems.length > 0
      ? problems.map((c) => el('li', { class: 'check-problem', 'data-id': c.id },
        statusBadge(c), ' ', checkLink(c), ' ', el('span', { class: 'muted small' },
          `for ${timeInState(c)}`), ' ', ...stateBadges(c),
        el('div', { class: 'problem-output small' }, c.output || '')))
      : [el('li', { class: 'muted' }, 'no unhandled problems')]))));
}

async function load() {
  try {
    const o = await api('/api/overview');
    banner('');
    compare('errors-now', 'errors-yesterday', o.errors, ERROR_QUERY);
    compare('http5xx-now', 'http5xx-yesterday', o.http_5xx, 'status:[500 TO 599]');
    compare('requests-now', 'requests-yesterday', o.requests, 'status:[0 TO 999]');
    const hosts = o.hosts || {};
    say(byId('hosts-active'), `${formatCount(hosts.active)} active`);
    say(byId('hosts-summary'), `${formatCount(hosts.total)} known, ${formatCount(hosts.silent)}`
      + ` silent, ${formatCount(hosts.retired)} retired`);
    renderRate(o.per_minute);
    renderChecks(o.checks);
    renderSilent(o.silent_hosts || []);
    renderTopHosts(o.top_hosts || []);
    const errors = o.newest_errors || [];
    byId('newest-errors').querySelector('tbody').replaceChildren(...(errors.length > 0
      ? errors.map((hit) => hitRow(hit, ['host', 'app', 'severity', 'message']))
      : [el('tr', null, el('td', { class: 'muted', colspan: '5' }, 'no errors in the last 24 hours'))]));
  } catch (error) {
    banner(describe(error));
  }
}

boot('overview').then(() => {
  load();
  every(30000, load);
});
