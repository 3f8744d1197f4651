// The top-values panel of the search page: one .facet[data-field] per field, its values as
// .facet-value[data-value] with button.include and button.exclude.

import { api, ApiError, isAbort } from './api.js';
import { el, formatCount } from './dom.js';
import { describe } from './page.js';

export const DEFAULT_FACETS = ['host', 'app', 'severity', 'status', 'path', 'client_ip'];
const SIZE = 10;

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

/**
 * Renders the panel into container and loads each field's top values for the query and range.
 * extra: fields the user added (removable). onPick(field, value, exclude), onRemove(field).
 */
export function loadFacets(container, extra, params, signal, onPick, onRemove) {
  const fields = [...DEFAULT_FACETS, ...extra.filter((f) => !DEFAULT_FACETS.includes(f))];
  container.replaceChildren(...fields.map((f) => facetBox(f, extra.includes(f), onRemove)));
  return Promise.all(fields.map(async (field, i) => {
    const box = container.children[i];
    const list = box.querySelector('ul');
    const note = box.querySelector('.facet-note');
    try {
      const result = await api('/api/facets', { params: { ...params, field, size: SIZE }, signal });
      const values = result.values || [];
      list.replaceChildren(...values.map((v) => valueItem(field, v, result.total, onPick)));
      if (values.length === 0) list.appendChild(el('li', { class: 'muted' }, 'no values'));
      note.textContent = result.missing > 0 ? `${formatCount(result.missing)} without` : '';
    } catch (error) {
      if (isAbort(error)) return;
      // A field no event in the store has yet is refused with 400: that just means no values.
      const unknown = error instanceof ApiError && error.status === 400;
      list.replaceChildren(unknown && DEFAULT_FACETS.includes(field)
        ? el('li', { class: 'muted' }, 'no values')
        : el('li', { class: unknown ? 'muted' : 'error-text' }, describe(error)));
    }
  }));
}
