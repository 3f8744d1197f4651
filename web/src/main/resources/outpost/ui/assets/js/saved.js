// Saved searches on the search page: #saved-searches a.saved, button#save-search, delete buttons.
// A saved state is another user's text: it is re-parsed and only known keys go into the link.

import { api } from './api.js';
import { el, pageLink, say, timeEl } from './dom.js';
import { describe } from './page.js';

const STATE_KEYS = ['q', 'range', 'from', 'to', 'cols', 'fields'];

/** The /search link parameters of a saved state string, keeping only the search page's keys. */
export function stateParams(state) {
  const source = new URLSearchParams(String(state || ''));
  const params = {};
  for (const key of STATE_KEYS) {
    if (source.has(key)) params[key] = source.get(key);
  }
  return params;
}

function savedItem(saved, reload, errorBox) {
  const link = pageLink('/search', stateParams(saved.state), { class: 'saved',
    'data-id': saved.id, title: saved.state }, saved.name);
  const remove = el('button', { type: 'button', class: 'delete-saved', title: `delete ${saved.name}`,
    'aria-label': `delete ${saved.name}` }, '×');
  remove.addEventListener('click', async () => {
    try {
      await api(`/api/saved-searches/${encodeURIComponent(saved.id)}`, { method: 'DELETE' });
      say(errorBox, '');
      await reload();
    } catch (error) {
      say(errorBox, describe(error));
    }
  });
  return el('li', { 'data-id': saved.id }, link,
    el('span', { class: 'muted small' }, ` ${saved.owner || ''} `, timeEl(saved.created, false)),
    remove);
}

/**
 * Wires the saved-search box. currentState() returns the page's current URL query string;
 * defaultName() a name for when the user typed none.
 */
export function savedSearches({ list, form, nameInput, errorBox, currentState, defaultName }) {
  const reload = async () => {
    try {
      const result = await api('/api/saved-searches');
      const searches = result.searches || [];
      list.replaceChildren(...searches.map((s) => savedItem(s, reload, errorBox)));
      if (searches.length === 0) list.appendChild(el('li', { class: 'muted' }, 'none yet'));
    } catch (error) {
      say(errorBox, describe(error));
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = nameInput.value.trim() || defaultName();
    try {
      await api('/api/saved-searches', { method: 'POST',
        body: { name: name.slice(0, 100), state: currentState() } });
      nameInput.value = '';
      say(errorBox, '');
      await reload();
    } catch (error) {
      say(errorBox, describe(error));
    }
  });
  return reload;
}
