// Field-name autocomplete for a query input: while the word at the caret looks like the start of a
// field name (no ':' yet), a small list offers matching names; picking one inserts "name:".

import { el } from './dom.js';

const WORD = /[A-Za-z_@][A-Za-z0-9_.@-]*$/;
const MAX_SUGGESTIONS = 8;

/** Wires the suggestion list; names() returns the field names currently known. */
export function attachSuggestions(input, list, names) {
  let active = -1;
  let matches = [];
  let word = null;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    matches = [];
    active = -1;
  };

  const pick = (name) => {
    const caret = input.selectionStart ?? input.value.length;
    const before = input.value.slice(0, caret - word.length);
    const after = input.value.slice(caret);
    input.value = `${before}${name}:${after}`;
    const at = before.length + name.length + 1;
    input.setSelectionRange(at, at);
    close();
    input.focus();
  };

  const render = () => {
    list.replaceChildren(...matches.map((name, i) => {
      const item = el('li', { role: 'option', class: i === active ? 'active' : null,
        'aria-selected': i === active ? 'true' : 'false' }, name);
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(name);
      });
      return item;
    }));
    list.hidden = matches.length === 0;
  };

  input.addEventListener('input', () => {
    const caret = input.selectionStart ?? input.value.length;
    const head = input.value.slice(0, caret);
    const m = WORD.exec(head);
    const boundary = m ? head.slice(0, m.index) : '';
    if (!m || !/(^|[\s(+\-!])$/.test(boundary) || /"/.test(boundary.replace(/\\"/g, '')
      .replace(/"[^"]*"/g, ''))) {
      close();
      return;
    }
    word = m[0];
    const lower = word.toLowerCase();
    matches = names().filter((n) => n.toLowerCase().startsWith(lower) && n !== word)
      .slice(0, MAX_SUGGESTIONS);
    active = -1;
    render();
  });

  input.addEventListener('keydown', (event) => {
    if (list.hidden || matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + matches.length) % matches.length;
      render();
      event.preventDefault();
    } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
      pick(matches[active]);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      close();
      event.preventDefault();
    }
  });
  input.addEventListener('blur', close);
}
