// The time range control shared by search and dashboard: select#range with presets, input#from
// and input#to for absolute times. The URL holds range=PRESET, or range=custom&from=..&to=...

import { formatLocal } from './dom.js';

export const PRESETS = { '5m': 5, '15m': 15, '1h': 60, '4h': 240, '24h': 1440, '7d': 10080,
  '30d': 43200 };
export const DEFAULT_RANGE = '15m';

const LOCAL_TIME = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/;
const LOCAL_DAY = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Reads range, from and to of a URLSearchParams into a normalised object. */
export function rangeFromParams(params) {
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  let range = params.get('range') || '';
  if (range !== 'custom' && !(range in PRESETS)) range = from ? 'custom' : DEFAULT_RANGE;
  return range === 'custom' ? { range, from, to } : { range, from: '', to: '' };
}

/** Writes a range into URLSearchParams. */
export function rangeToParams(state, params) {
  params.set('range', state.range);
  if (state.range === 'custom') {
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
  }
}

/** The from/to the API gets for a range: now-15m style for presets, as typed for custom. */
export function apiRange(state) {
  if (state.range === 'custom') return { from: state.from || 'now-15m', to: state.to || 'now' };
  return { from: `now-${state.range}`, to: 'now' };
}

/**
 * A time typed by the user as the API wants it: local "YYYY-MM-DD HH:MM[:SS[.mmm]]" or a day
 * become UTC ISO instants; anything else (ISO with zone, epoch millis, now-1h) is passed through.
 */
export function parseTyped(text) {
  const value = (text || '').trim();
  let m = LOCAL_TIME.exec(value);
  if (m) {
    const date = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0),
      +((m[7] || '0').padEnd(3, '0')));
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  m = LOCAL_DAY.exec(value);
  if (m) return new Date(+m[1], +m[2] - 1, +m[3]).toISOString();
  return value;
}

/** How an API instant is shown in the from/to inputs: local time, or the text as it is. */
export function showTyped(value) {
  const date = /^\d{4}-\d\d-\d\dT/.test(value || '') ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? formatLocal(date, false) : (value || '');
}

/** Wires select#range, input#from, input#to; returns get/set for the control's state. */
export function rangeControl(select, fromInput, toInput, onPreset) {
  let current = null;
  const control = {
    set(state, resolved) {
      current = state;
      select.value = state.range;
      if (state.range === 'custom') {
        fromInput.value = showTyped(state.from);
        toInput.value = showTyped(state.to);
      } else if (resolved) {
        fromInput.value = showTyped(resolved.from);
        toInput.value = showTyped(resolved.to);
      } else {
        fromInput.value = '';
        toInput.value = '';
      }
      fromInput.dataset.shown = fromInput.value;
      toInput.dataset.shown = toInput.value;
    },
    get() {
      const edited = fromInput.value !== (fromInput.dataset.shown || '')
        || toInput.value !== (toInput.dataset.shown || '');
      if (!edited && select.value === 'custom' && current?.range === 'custom') {
        return { range: 'custom', from: current.from, to: current.to };
      }
      if (select.value === 'custom' || edited) {
        return { range: 'custom', from: parseTyped(fromInput.value), to: parseTyped(toInput.value) };
      }
      return { range: select.value in PRESETS ? select.value : DEFAULT_RANGE, from: '', to: '' };
    },
  };
  select.addEventListener('change', () => {
    if (select.value !== 'custom') {
      fromInput.dataset.shown = fromInput.value;
      toInput.dataset.shown = toInput.value;
      onPreset();
    } else {
      fromInput.focus();
    }
  });
  for (const input of [fromInput, toInput]) {
    input.addEventListener('input', () => { select.value = 'custom'; });
  }
  return control;
}
