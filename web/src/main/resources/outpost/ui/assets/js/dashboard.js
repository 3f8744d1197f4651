// The access-log dashboard for any query and time range: requests by status class over time, top
// lists (each value links to a search), bytes, durations and the slowest requests.

import { api, ApiError, isAbort } from './api.js';
import { timeBars } from './chart.js';
import { byId, el, formatBytes, formatCount, formatMicros, pageLink, say, timeEl } from './dom.js';
import { eventLink, valueOf } from './hits.js';
import { addClause } from './lucene.js';
import { banner, boot, describe, slashFocuses } from './page.js';
import { apiRange, rangeControl, rangeFromParams, rangeToParams } from './timerange.js';

const CLASSES = ['2xx', '3xx', '4xx', '5xx', '1xx'];
const LISTS = { 'top-paths': 'top_paths', 'top-error-paths': 'top_error_paths',
  'top-clients': 'top_clients', 'top-referrers': 'top_referrers',
  'top-user-agents': 'top_user_agents', 'dash-top-hosts': 'top_hosts' };
const ui = { form: byId('dash-form'), q: byId('q'), error: byId('query-error'),
  chart: byId('status-chart'), legend: byId('status-legend'),
  slowest: document.querySelector('#slowest tbody') };
const range = rangeControl(byId('range'), byId('from'), byId('to'), () => submit());
let state = readState();
let controller = null;

function readState() {
  const params = new URLSearchParams(location.search);
  return { q: params.get('q') || '', ...rangeFromParams(params) };
}

function go(changes) {
  state = { ...state, ...changes };
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  rangeToParams(state, params);
  if (params.toString() !== location.search.replace(/^\?/, '')) {
    history.pushState(null, '', `/dashboard?${params}`);
  }
  load();
}

function submit() {
  go({ q: ui.q.value.trim(), ...range.get() });
}

/** Search link for "this query plus field:value" over the dashboard's resolved range. */
function searchLink(field, value, resolved, text) {
  return pageLink('/search', { q: addClause(state.q, field, value, false), range: 'custom',
    from: resolved.from, to: resolved.to }, { title: String(value) }, text);
}

function topList(container, entries, resolved) {
  const field = container.dataset.field;
  const max = Math.max(1, ...entries.map((e) => e.count));
  const rows = entries.map((entry) => {
    const fill = el('span', { class: 'fv-fill' });
    fill.style.width = `${((entry.count / max) * 100).toFixed(1)}%`;
    return el('tr', { 'data-value': entry.value },
      el('td', { class: 'wide' }, searchLink(field, entry.value, resolved,
        entry.value === '' ? '(empty)' : entry.value)),
      el('td', { class: 'num' }, formatCount(entry.count)),
      el('td', { class: 'bar-cell' }, el('span', { class: 'fv-bar' }, fill)));
  });
  container.replaceChildren(rows.length ? el('table', { class: 'grid compact' },
    el('tbody', null, ...rows)) : el('p', { class: 'muted' }, 'nothing in this range'));
}

function renderChart(result) {
  const starts = (result.bucket_starts || []).map((s) => Date.parse(s));
  const classes = result.status_classes || {};
  const series = CLASSES.filter((c) => Array.isArray(classes[c]))
    .map((c) => ({ name: c, className: `s${c}`, values: classes[c] }));
  timeBars(ui.chart, { startMs: Date.parse(result.from), endMs: Date.parse(result.to),
    intervalMs: result.interval_ms, starts, series },
  { onZoom: (from, to) => go({ range: 'custom', from: from.toISOString(), to: to.toISOString() }) });
  ui.legend.replaceChildren(...series.map((s) => el('span', { class: 'legend-item' },
    el('span', { class: `swatch s${s.name}` }), ` ${s.name} `,
    el('span', { class: 'muted' }, formatCount(s.values.reduce((a, b) => a + b, 0))))));
}

function renderSlowest(hits) {
  ui.slowest.replaceChildren(...hits.map((hit) => el('tr', { class: 'hit', 'data-id': hit.id },
    el('td', { class: 'time' }, eventLink(hit, { class: 'open' }, timeEl(hit.timestamp))),
    el('td', { class: 'num' }, formatMicros(Number(valueOf(hit, 'duration')))),
    el('td', null, hit.host || ''),
    el('td', null, valueOf(hit, 'status')),
    el('td', { class: 'wide' }, `${valueOf(hit, 'method')} ${valueOf(hit, 'path')}`.trim()))));
  if (hits.length === 0) {
    ui.slowest.appendChild(el('tr', null, el('td', { colspan: 5, class: 'muted' },
      'no request durations logged in this range')));
  }
}

function renderNumbers(result) {
  say(byId('requests'), formatCount(result.requests));
  const bytes = result.bytes || {};
  say(byId('bytes'), formatBytes(bytes.sum));
  say(byId('bytes-average'), Number.isFinite(bytes.average)
    ? `${formatBytes(Math.round(bytes.average))} per request` : '');
  const duration = result.duration;
  say(byId('duration-average'), duration ? formatMicros(duration.average_us) : 'not logged');
  say(byId('duration-max'), duration ? `max ${formatMicros(duration.max_us)} over `
    + `${formatCount(duration.count)} requests` : '');
}

async function load() {
  controller?.abort();
  controller = new AbortController();
  ui.q.value = state.q;
  range.set(state, null);
  say(ui.error, '');
  banner('');
  const width = ui.chart.getBoundingClientRect().width || 800;
  const buckets = Math.max(20, Math.min(120, Math.floor(width / 12)));
  try {
    const result = await api('/api/dashboard', { params: { q: state.q, ...apiRange(state),
      buckets }, signal: controller.signal });
    const resolved = { from: result.from, to: result.to };
    range.set(state, resolved);
    renderNumbers(result);
    renderChart(result);
    for (const [id, key] of Object.entries(LISTS)) topList(byId(id), result[key] || [], resolved);
    renderSlowest(result.slowest || []);
  } catch (error) {
    if (isAbort(error)) return;
    if (error instanceof ApiError && error.status === 400) say(ui.error, error.message);
    else banner(describe(error));
  }
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});
window.addEventListener('popstate', () => {
  state = readState();
  load();
});
boot('dashboard').then(load);
slashFocuses(ui.q);
