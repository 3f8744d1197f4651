// The search page. The URL holds the whole state (q, range, from, to, cols, fields); every change
// pushes a new history entry and back/forward restore it.

import { api, ApiError, isAbort } from './api.js';
import { timeBars } from './chart.js';
import { byId, el, formatLocal, say } from './dom.js';
import { DEFAULT_FACETS, loadFacets } from './facets.js';
import { addClause } from './lucene.js';
import { headerCells, hitRow, TOP_LEVEL } from './hits.js';
import { banner, boot, describe, slashFocuses } from './page.js';
import { savedSearches } from './saved.js';
import { attachSuggestions } from './suggest.js';
import { apiRange, rangeControl, rangeFromParams, rangeToParams } from './timerange.js';

const DEFAULT_COLUMNS = ['host', 'app', 'severity', 'message'];
const PAGE_SIZE = 100;
const BASE_FIELDS = ['host', 'app', 'facility', 'severity', 'message', 'procid', 'msgid',
  'transport', 'parse_error', 'received', 'client_ip', 'user', 'method', 'path', 'protocol',
  'status', 'bytes', 'referer', 'user_agent', 'duration', 'vhost'];
const list = (text) => (text || '').split(',').map((s) => s.trim()).filter(Boolean);

const ui = {
  form: byId('search-form'), q: byId('q'), error: byId('query-error'), total: byId('total'),
  rangeLabel: byId('range-label'), histogram: byId('histogram'), head: byId('results-head'),
  body: document.querySelector('#results tbody'), empty: byId('results-empty'), more: byId('more'),
  facets: byId('facets'), columns: byId('columns'), fieldList: byId('field-list'),
};
const range = rangeControl(byId('range'), byId('from'), byId('to'), () => submit());
let state = readState();
let fieldNames = [...BASE_FIELDS];
let hits = [];
let resolved = null;
let next = null;
let controller = null;

function readState() {
  const params = new URLSearchParams(location.search);
  const cols = params.has('cols') ? list(params.get('cols')) : DEFAULT_COLUMNS;
  return { q: params.get('q') || '', ...rangeFromParams(params), cols,
    fields: list(params.get('fields')) };
}

function stateQuery(s) {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  rangeToParams(s, params);
  if (s.cols.join(',') !== DEFAULT_COLUMNS.join(',')) params.set('cols', s.cols.join(','));
  if (s.fields.length) params.set('fields', s.fields.join(','));
  return params.toString();
}

function go(changes) {
  state = { ...state, ...changes };
  const query = stateQuery(state);
  if (query !== location.search.replace(/^\?/, '')) history.pushState(null, '', `/search?${query}`);
  load();
}

function submit() {
  go({ q: ui.q.value.trim(), ...range.get() });
}

function renderRows(append) {
  ui.head.replaceChildren(...headerCells(state.cols));
  if (!append) ui.body.replaceChildren();
  const rows = append ? hits.slice(ui.body.children.length) : hits;
  const fragment = document.createDocumentFragment();
  for (const hit of rows) fragment.appendChild(hitRow(hit, state.cols));
  ui.body.appendChild(fragment);
  ui.empty.hidden = hits.length > 0;
  ui.more.hidden = !next;
}

function renderHistogram(result) {
  const startMs = Date.parse(result.from);
  const endMs = Date.parse(result.to);
  const buckets = result.buckets || [];
  timeBars(ui.histogram, { startMs, endMs, intervalMs: result.interval_ms,
    starts: buckets.map((b) => Date.parse(b.start)),
    series: [{ name: 'events', values: buckets.map((b) => b.count) }] },
  { onZoom: (from, to) => go({ range: 'custom', from: from.toISOString(), to: to.toISOString() }) });
}

function showQueryError(error) {
  say(ui.error, error.message);
  if (!error.parameter || error.parameter === 'q') ui.q.setAttribute('aria-invalid', 'true');
  hits = [];
  next = null;
  renderRows(false);
  ui.empty.hidden = true;
  ui.total.textContent = '0';
  ui.histogram.replaceChildren();
  ui.facets.replaceChildren();
}

function bucketCount() {
  const width = ui.histogram.getBoundingClientRect().width || 800;
  return Math.max(20, Math.min(120, Math.floor(width / 10)));
}

async function load() {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  ui.q.value = state.q;
  range.set(state, null);
  renderColumnChooser();
  say(ui.error, '');
  ui.q.removeAttribute('aria-invalid');
  banner('');
  const params = { q: state.q, ...apiRange(state) };
  ui.body.closest('.results-box').classList.add('loading');
  const histogram = api('/api/histogram', { params: { ...params, buckets: bucketCount() }, signal });
  histogram.catch(() => {});
  let page;
  try {
    page = await api('/api/search', { params: { ...params, limit: PAGE_SIZE }, signal });
  } catch (error) {
    if (isAbort(error)) return;
    ui.body.closest('.results-box').classList.remove('loading');
    if (error instanceof ApiError && error.status === 400) showQueryError(error);
    else banner(describe(error));
    return;
  }
  ui.body.closest('.results-box').classList.remove('loading');
  resolved = { from: page.from, to: page.to };
  hits = page.hits || [];
  next = page.next || null;
  ui.total.textContent = String(page.total);
  say(ui.rangeLabel, `${formatLocal(new Date(page.from), false)} – ${formatLocal(new Date(page.to),
    false)}`);
  range.set(state, resolved);
  renderRows(false);
  loadFacets(ui.facets, state.fields, { q: state.q, ...resolved }, signal, pickValue, removeFacet);
  try {
    renderHistogram(await histogram);
  } catch (error) {
    if (!isAbort(error)) banner(describe(error));
  }
}

async function more() {
  if (!next || !resolved) return;
  ui.more.disabled = true;
  try {
    const page = await api('/api/search', { params: { q: state.q, ...resolved, limit: PAGE_SIZE,
      after: next } });
    hits = hits.concat(page.hits || []);
    next = page.next || null;
    renderRows(true);
  } catch (error) {
    banner(describe(error));
  } finally {
    ui.more.disabled = false;
  }
}

function pickValue(field, value, exclude) {
  go({ q: addClause(state.q, field, value, exclude) });
}

function removeFacet(field) {
  go({ fields: state.fields.filter((f) => f !== field) });
}

function renderColumnChooser() {
  const names = [...new Set([...state.cols, ...fieldNames.filter((n) => n !== 'raw')])];
  ui.columns.replaceChildren(...names.map((name) => {
    const box = el('input', { type: 'checkbox', 'data-column': name,
      checked: state.cols.includes(name) });
    box.addEventListener('change', () => {
      const cols = box.checked ? [...state.cols, name] : state.cols.filter((c) => c !== name);
      state = { ...state, cols };
      history.pushState(null, '', `/search?${stateQuery(state)}`);
      renderRows(false);
      renderColumnChooser();
    });
    return el('label', { class: 'column-choice' }, box, ` ${name}`);
  }));
}

async function loadFields() {
  try {
    const result = await api('/api/fields', { params: apiRange(state) });
    const names = (result.fields || []).filter((f) => f.type !== 'time').map((f) => f.name);
    fieldNames = [...new Set([...BASE_FIELDS, ...names])].filter((n) => n !== '@timestamp');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) banner(describe(error));
  }
  ui.fieldList.replaceChildren(...fieldNames.map((name) => el('option', { value: name })));
  renderColumnChooser();
}

function defaultName() {
  const what = state.q || 'all events';
  const when = state.range === 'custom' ? `${state.from} – ${state.to}` : state.range;
  return `${what} (${when})`.slice(0, 100);
}

function wire() {
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  ui.more.addEventListener('click', more);
  byId('facet-add').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId('facet-field');
    const field = input.value.trim();
    input.value = '';
    if (field && !state.fields.includes(field) && !DEFAULT_FACETS.includes(field)) {
      go({ fields: [...state.fields, field] });
    }
  });
  window.addEventListener('popstate', () => {
    state = readState();
    load();
  });
  attachSuggestions(ui.q, byId('q-suggest'), () => fieldNames.concat(TOP_LEVEL)
    .filter((n, i, all) => all.indexOf(n) === i));
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (Math.abs(window.innerWidth - width) > 40) {
      width = window.innerWidth;
      load();
    }
  });
}

wire();
boot('search').then(() => {
  const reloadSaved = savedSearches({ list: byId('saved-searches'), form: byId('save-form'),
    nameInput: byId('save-name'), errorBox: byId('save-error'),
    currentState: () => stateQuery(state), defaultName });
  load();
  loadFields();
  reloadSaved();
});
slashFocuses(ui.q);
