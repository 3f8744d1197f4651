// One hit as a table row, shared by search, tail, overview and event pages. Values and matched
// spans become text nodes and <mark> elements; the only link is to our own /event page.

import { el, highlighted, pageLink, timeEl } from './dom.js';

/** Hit keys that live at the top level of a hit; every other column is in hit.fields. */
export const TOP_LEVEL = ['host', 'app', 'facility', 'severity', 'message', 'procid', 'msgid',
  'transport', 'parse_error', 'received', 'raw'];
const SEVERITIES = new Set(['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug']);
const WIDE = new Set(['message', 'raw', 'user_agent', 'referer', 'path', 'parse_error']);

/** The value of a column in a hit, or '' when absent. */
export function valueOf(hit, column) {
  if (TOP_LEVEL.includes(column)) return hit[column] ?? '';
  const fields = hit.fields || {};
  return Object.prototype.hasOwnProperty.call(fields, column) ? fields[column] ?? '' : '';
}

/** The link to a hit's detail page. */
export function eventLink(hit, attrs, ...children) {
  return pageLink('/event', { id: hit.id, t: hit.timestamp }, attrs, ...children);
}

/** A severity name as a small badge. */
export function severityEl(severity) {
  const name = String(severity || '');
  return el('span', { class: SEVERITIES.has(name) ? `sev sev-${name}` : 'sev' }, name);
}

function cell(hit, column) {
  const value = valueOf(hit, column);
  if (column === 'received') return el('td', { class: 'time' }, timeEl(value));
  if (column === 'severity') return el('td', null, severityEl(value));
  const spans = hit.highlight && hit.highlight[column];
  return el('td', { class: WIDE.has(column) ? 'wide' : null, 'data-column': column },
    highlighted(value, spans));
}

/** A tr.hit[data-id]: time (linking to the event via a.open), then one cell per column. */
export function hitRow(hit, columns) {
  const row = el('tr', { class: 'hit', 'data-id': hit.id });
  const severity = String(hit.severity || '');
  if (SEVERITIES.has(severity)) row.classList.add(`row-${severity}`);
  row.appendChild(el('td', { class: 'time' }, eventLink(hit, { class: 'open', title: 'open event' },
    timeEl(hit.timestamp))));
  for (const column of columns) row.appendChild(cell(hit, column));
  return row;
}

/** The header row for hitRow's columns. */
export function headerCells(columns) {
  return [el('th', null, 'Time'), ...columns.map((c) => el('th', { 'data-column': c }, c))];
}
