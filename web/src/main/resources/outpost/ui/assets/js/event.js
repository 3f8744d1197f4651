// The event page: every field of one event, its raw line, and the lines its host logged around
// it (optionally only the same app). Any context line can become the new centre.

import { api, ApiError } from './api.js';
import { byId, el, pageLink, say, timeEl } from './dom.js';
import { severityEl } from './hits.js';
import { clause } from './lucene.js';
import { banner, boot, describe } from './page.js';

const HEADER_FIELDS = ['timestamp', 'received', 'host', 'app', 'facility', 'severity', 'procid',
  'msgid', 'transport', 'parse_error', 'message'];
const SIZES = ['10', '50', '200', '1000'];
const ui = { detail: document.querySelector('#detail tbody'), raw: byId('raw'),
  context: document.querySelector('#context tbody'), sameApp: byId('same-app'),
  size: byId('context-size'), host: byId('context-host') };

function readState() {
  const params = new URLSearchParams(location.search);
  const size = SIZES.includes(params.get('n')) ? params.get('n') : '50';
  return { id: params.get('id') || '', t: params.get('t') || '', n: size,
    sameApp: params.get('same_app') === 'true' };
}
let state = readState();

function stateParams(s) {
  return { id: s.id, t: s.t, n: s.n === '50' ? null : s.n, same_app: s.sameApp ? 'true' : null };
}

function searchAround(hit, field, value) {
  const at = Date.parse(hit.timestamp);
  const from = new Date(at - 15 * 60e3).toISOString();
  const to = new Date(at + 15 * 60e3).toISOString();
  return pageLink('/search', { q: clause(field, value), range: 'custom', from, to },
    { class: 'search-value', title: `search ${field} around this time` }, 'search');
}

function detailRow(hit, name, value) {
  const shown = name === 'timestamp' || name === 'received' ? timeEl(value)
    : name === 'severity' ? severityEl(value) : el('span', { class: 'value' }, String(value));
  const canSearch = !['timestamp', 'received', 'message'].includes(name) && value !== '';
  return el('tr', { 'data-field': name }, el('th', null, name), el('td', null, shown),
    el('td', { class: 'actions' }, canSearch ? searchAround(hit, name, value) : null));
}

function renderDetail(hit) {
  const rows = [];
  for (const name of HEADER_FIELDS) {
    if (hit[name] !== undefined && hit[name] !== null) rows.push(detailRow(hit, name, hit[name]));
  }
  for (const [name, value] of Object.entries(hit.fields || {})) {
    rows.push(detailRow(hit, name, value ?? ''));
  }
  ui.detail.replaceChildren(...rows);
  ui.raw.textContent = hit.raw ?? '';
  ui.host.textContent = hit.host || '';
  document.title = `${hit.host || 'event'} ${hit.timestamp} · Outpost`;
}

function contextRow(hit, anchor) {
  const row = el('tr', { class: anchor ? 'ctx-line anchor' : 'ctx-line', 'data-id': hit.id },
    el('td', { class: 'time' }, timeEl(hit.timestamp)),
    el('td', null, hit.app || ''),
    el('td', null, severityEl(hit.severity)),
    el('td', { class: 'wide' }, hit.message ?? ''),
    el('td', { class: 'actions' }, anchor ? null : pageLink('/event',
      stateParams({ ...state, id: hit.id, t: hit.timestamp }),
      { class: 'recenter', title: 'centre the context on this line' }, 'centre')));
  return row;
}

async function load() {
  ui.sameApp.checked = state.sameApp;
  ui.size.value = state.n;
  banner('');
  if (!state.id) {
    banner('no event given: open one from the search page');
    return;
  }
  try {
    const result = await api(`/api/events/${encodeURIComponent(state.id)}`, { params: {
      t: state.t, before: state.n, after: state.n, same_app: String(state.sameApp) } });
    renderDetail(result.anchor);
    ui.context.replaceChildren(...(result.before || []).map((h) => contextRow(h, false)),
      contextRow(result.anchor, true), ...(result.after || []).map((h) => contextRow(h, false)));
    document.querySelector('#context tr.anchor')?.scrollIntoView({ block: 'center' });
  } catch (error) {
    const gone = error instanceof ApiError && error.status === 404;
    banner(gone ? 'this event was not found (it may have been deleted by retention)'
      : describe(error));
    ui.detail.replaceChildren();
    ui.context.replaceChildren();
    say(ui.raw, '');
  }
}

function change(changes) {
  state = { ...state, ...changes };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(stateParams(state))) if (v) params.set(k, v);
  history.pushState(null, '', `/event?${params}`);
  load();
}

ui.sameApp.addEventListener('change', () => change({ sameApp: ui.sameApp.checked }));
ui.size.addEventListener('change', () => change({ n: ui.size.value }));
byId('context-form').addEventListener('submit', (event) => event.preventDefault());
window.addEventListener('popstate', () => {
  state = readState();
  load();
});
boot('event').then(load);
