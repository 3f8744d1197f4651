// The top-values panel of the search page: one .facet[data-field] per field, its values as
// .facet-value[data-value] with button.include and button.exclude.

import { api, ApiError, isAbort } from './api.js';
import { el, formatCount } from './dom.js';
import { describe } from './page.js';

export const DEFAULT_FACETS = ['host', 'app', 'severity', 'status', 'path', 'client_ip'];
const SIZE = 10;
/** /api/top-values takes at most this many fields. */
const MAX_FIELDS = 20;

function valueItem(field, entry, total, onPick) {
  const value = String(entry.value);
  const share = total > 0 ? Math.min(100, (entry.count / total) * 100) : 0;
  const bar = el('span', { class: 'fv-fill' });
  bar.style.width = `${share.toFixed(1)}%`;
  const include = el('button', { type: 'button', class: 'include', title: `only ${field} = ${value}`,
    'aria-label': `only ${field} ${value}` }, '+');
  const exclude = el('button', { type: 'button', class: 'exclude', title: `without ${field} = ${value}`,
    'aria-label': `without ${field} ${value}` }, '−');
  include.addEventListener('click', () => onPick(field, value, false));
  exclude.addEventListener('click', () => onPick(field, value, true));
  return el('li', { class: 'facet-value', 'data-value': value },
    el('span', { class: 'fv-text', title: value }, value === '' ? '(empty)' : value),
    el('span', { class: 'fv-count', title: `${share.toFixed(1)}%` }, formatCount(entry.count)),
    el('span', { class: 'fv-bar' }, bar),
    el('span', { class: 'fv-actions' }, include, exclude));
}

function facetBox(field, removable, onRemove) {
  const head = el('div', { class: 'facet-head' }, el('span', { class: 'facet-name' }, field),
    el('span', { class: 'facet-note muted' }));
  if (removable) {
    const remove = el('button', { type: 'button', class: 'facet-remove', title: `remove ${field}`,
      'aria-label': `remove ${field}` }, '×');
    remove.addEventListener('click', () => onRemove(field));
    head.appendChild(remove);
  }
  return el('div', { class: 'facet', 'data-field': field }, head,
    el('ul', { class: 'facet-values' }, el('li', { class: 'muted' }, 'loading…')));
}

function renderValues(box, field, result, onPick) {
  const list = box.querySelector('ul');
  const values = result.values || [];
  list.replaceChildren(...values.map((v) => valueItem(field, v, result.total, onPick)));
  if (values.length === 0) list.appendChild(el('li', { class: 'muted' }, 'no values'));
  box.querySelector('.facet-note').textContent = result.missing > 0
    ? `${formatCount(result.missing)} without` : '';
}

function renderError(box, field, error) {
  // A field no event in the store has yet is refused with 400: that just means no values.
  const unknown = error instanceof ApiError && error.status === 400;
  box.querySelector('ul').replaceChildren(unknown && DEFAULT_FACETS.includes(field)
    ? el('li', { class: 'muted' }, 'no values')
    : el('li', { class: unknown ? 'muted' : 'error-text' }, describe(error)));
}

/** One /api/facets call per field: slower, but one unknown field spoils only its own box. */
function loadEach(boxes, fields, params, signal, onPick) {
  return Promise.all(fields.map(async (field, i) => {
    try {
      const result = await api('/api/facets', { params: { ...params, field, size: SIZE }, signal });
      renderValues(boxes[i], field, result, onPick);
    } catch (error) {
      if (!isAbort(error)) renderError(boxes[i], field, error);
    }
  }));
}

/**
 * Renders the panel into container and loads every field's top values for the query and range
 * in one /api/top-values call (falling back to a call per field when that one is refused).
 * extra: fields the user added (removable). onPick(field, value, exclude), onRemove(field).
 */
export async function loadFacets(container, extra, params, signal, onPick, onRemove) {
  const fields = [...DEFAULT_FACETS, ...extra.filter((f) => !DEFAULT_FACETS.includes(f))]
    .slice(0, MAX_FIELDS);
  const boxes = fields.map((f) => facetBox(f, extra.includes(f), onRemove));
  container.replaceChildren(...boxes);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  for (const field of fields) query.append('field', field);
  query.set('size', String(SIZE));
  try {
    const result = await api(`/api/top-values?${query}`, { signal });
    const byField = new Map((result.facets || []).map((f) => [f.field, f]));
    fields.forEach((field, i) => {
      if (byField.has(field)) renderValues(boxes[i], field, byField.get(field), onPick);
      else boxes[i].querySelector('ul').replaceChildren(el('li', { class: 'muted' }, 'no values'));
    });
  } catch (error) {
    if (isAbort(error)) return;
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) {
      await loadEach(boxes, fields, params, signal, onPick);
    } else {
      boxes.forEach((box, i) => renderError(box, fields[i], error));
    }
  }
}
