// DOM helpers. Everything that may come from a log line goes into the page as text nodes or as
// attribute values set with setAttribute, never as markup. Links are only built by pageLink, on
// our own paths with URLSearchParams.

const SVG_NS = 'http://www.w3.org/2000/svg';
const OWN_PATHS = new Set(['/', '/search', '/event', '/tail', '/hosts', '/dashboard', '/admin',
  '/login', '/checks', '/check', '/notifications']);
const UNSAFE_ATTRIBUTES = /^(on|href$|src$|srcdoc$|formaction$|action$|style$|xlink:href$)/i;

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (UNSAFE_ATTRIBUTES.test(name)) throw new Error(`attribute ${name} is not set through el()`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Creates an HTML element with attributes (no event handlers, no URLs) and children. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

/** Creates an SVG element. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

/** A link to one of our pages; params become the query string. */
export function pageLink(path, params, attrs, ...children) {
  if (!OWN_PATHS.has(path)) throw new Error(`not one of our pages: ${path}`);
  const node = el('a', attrs, ...children);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  node.setAttribute('href', query ? `${path}?${query}` : path);
  return node;
}

/** The element with this id, or an error naming it. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

/** Text with the given UTF-16 [start, end) spans wrapped in <mark>. */
export function highlighted(text, spans) {
  const value = text === null || text === undefined ? '' : String(text);
  const fragment = document.createDocumentFragment();
  const sorted = (Array.isArray(spans) ? spans : [])
    .filter((s) => Array.isArray(s) && Number.isInteger(s[0]) && Number.isInteger(s[1]))
    .map(([s, e]) => [Math.max(0, s), Math.min(value.length, e)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue; // overlapping span: the earlier one wins
    if (start > at) fragment.appendChild(document.createTextNode(value.slice(at, start)));
    fragment.appendChild(el('mark', null, value.slice(start, end)));
    at = end;
  }
  if (at < value.length) fragment.appendChild(document.createTextNode(value.slice(at)));
  return fragment;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Local time as YYYY-MM-DD HH:MM:SS.mmm. */
export function formatLocal(date, withMillis = true) {
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return withMillis ? `${base}.${pad(date.getMilliseconds(), 3)}` : base;
}

/** A <time> showing an instant in the browser's zone, the UTC instant in its title. */
export function timeEl(iso, withMillis = true) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return el('span', { class: 'muted' }, '–');
  return el('time', { datetime: date.toISOString(), title: `${date.toISOString()} (UTC)` },
    formatLocal(date, withMillis));
}

/** 12,345 in the browser's locale. */
export function formatCount(n) {
  return Number.isFinite(n) ? n.toLocaleString() : '–';
}

/** 1.2 MB style. */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function formatSeconds(total) {
  if (!Number.isFinite(total)) return '–';
  const s = Math.max(0, Math.round(total));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86400) / 3600);
  return `${Math.floor(s / 86400)} d${h ? ` ${h} h` : ''}`;
}

/** Microseconds as 850 µs, 12.3 ms, 1.25 s. */
export function formatMicros(us) {
  if (!Number.isFinite(us)) return '–';
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1e6) return `${(us / 1000).toFixed(us < 1e4 ? 2 : 1)} ms`;
  return `${(us / 1e6).toFixed(2)} s`;
}

/** Shows or clears a message in an element (textContent only). */
export function say(node, text) {
  node.textContent = text || '';
}
