// Live tail over Server-Sent Events (/api/tail?q=). Pausing keeps the stream open and buffers
// what arrives (counted); the table keeps at most MAX_ROWS rows, the newest at the bottom.

import { api, ApiError, goToLogin, withParams } from './api.js';
import { byId, formatCount, say } from './dom.js';
import { hitRow } from './hits.js';
import { banner, boot, describe, slashFocuses } from './page.js';

const MAX_ROWS = 1000;
const COLUMNS = ['host', 'app', 'severity', 'message'];
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
const ui = { form: byId('tail-form'), q: byId('q'), error: byId('query-error'),
  toggle: byId('tail-toggle'), rate: byId('tail-rate'), dropped: byId('tail-dropped'),
  matched: byId('tail-matched'), status: byId('tail-status'), buffered: byId('tail-buffered'),
  bufferedBox: byId('tail-buffered-box'), scroll: byId('tail-scroll'),
  body: document.querySelector('#tail-lines tbody') };

let source = null;
let paused = false;
let buffer = [];
let bufferedCount = 0;
let retries = 0;
let retryTimer = null;
let query = new URLSearchParams(location.search).get('q') || '';

function setStatus(text, kind) {
  say(ui.status, text);
  ui.status.className = `status ${kind || ''}`.trim();
}

function nearBottom() {
  return ui.scroll.scrollHeight - ui.scroll.scrollTop - ui.scroll.clientHeight < 40;
}

function render(hits) {
  const stick = nearBottom();
  const fresh = hits.slice(-MAX_ROWS);
  const fragment = document.createDocumentFragment();
  for (const hit of fresh) fragment.appendChild(hitRow(hit, COLUMNS));
  ui.body.appendChild(fragment);
  let excess = ui.body.children.length - MAX_ROWS;
  while (excess > 0) {
    ui.body.firstElementChild.remove();
    excess -= 1;
  }
  if (stick) ui.scroll.scrollTop = ui.scroll.scrollHeight;
}

function onMessage(event) {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  retries = 0;
  say(ui.rate, Number.isFinite(data.rate) ? data.rate.toFixed(1) : '0');
  say(ui.dropped, String(data.dropped ?? 0));
  say(ui.matched, formatCount(data.matched ?? 0));
  const hits = Array.isArray(data.hits) ? data.hits : [];
  if (hits.length === 0) return;
  if (paused) {
    buffer = buffer.concat(hits).slice(-MAX_ROWS);
    bufferedCount += hits.length;
    say(ui.buffered, formatCount(bufferedCount));
  } else {
    render(hits);
  }
}

function close() {
  clearTimeout(retryTimer);
  if (source) source.close();
  source = null;
}

async function failed() {
  close();
  // EventSource hides the status: ask the API why (login gone? query broken?), then retry.
  try {
    await api('/api/search', { params: { q: query, from: 'now-1m', limit: 1 }, allow401: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      goToLogin();
      return;
    }
    if (error instanceof ApiError && error.status === 400) {
      say(ui.error, error.message);
      setStatus('stopped', 'bad');
      return;
    }
  }
  const wait = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
  retries += 1;
  setStatus(`disconnected, retrying in ${Math.round(wait / 1000)} s`, 'bad');
  retryTimer = setTimeout(open, wait);
}

async function open() {
  close();
  say(ui.error, '');
  setStatus('connecting', '');
  try {
    // A bad query gets a 400 before the stream would start; EventSource cannot read that body.
    await api('/api/search', { params: { q: query, from: 'now-1m', limit: 1 } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      say(ui.error, error.message);
      setStatus('stopped', 'bad');
    } else {
      banner(describe(error));
      failed();
    }
    return;
  }
  banner('');
  source = new EventSource(withParams('/api/tail', { q: query }));
  source.addEventListener('open', () => setStatus('live', 'good'));
  source.addEventListener('hits', onMessage);
  source.addEventListener('stats', onMessage);
  source.addEventListener('error', () => {
    if (source && source.readyState === EventSource.CLOSED) failed();
    else setStatus('reconnecting', 'bad');
  });
}

function setPaused(value) {
  paused = value;
  ui.toggle.textContent = paused ? 'Resume' : 'Pause';
  ui.toggle.setAttribute('aria-pressed', String(paused));
  ui.bufferedBox.hidden = !paused;
  if (!paused) {
    render(buffer);
    buffer = [];
    bufferedCount = 0;
    say(ui.buffered, '0');
  }
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const next = ui.q.value.trim();
  if (next !== query) {
    query = next;
    history.pushState(null, '', withParams('/tail', { q: query }));
  }
  ui.body.replaceChildren();
  open();
});
ui.toggle.addEventListener('click', () => setPaused(!paused));
byId('tail-clear').addEventListener('click', () => ui.body.replaceChildren());
window.addEventListener('popstate', () => {
  query = new URLSearchParams(location.search).get('q') || '';
  ui.q.value = query;
  ui.body.replaceChildren();
  open();
});
window.addEventListener('pagehide', close);

ui.q.value = query;
boot('tail').then(open);
slashFocuses(ui.q);
