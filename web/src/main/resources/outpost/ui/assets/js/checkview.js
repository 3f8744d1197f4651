// How a check looks wherever it appears (board, detail, overview): its status badge, the badges
// that say why it is quiet (acknowledged, downtime, flapping, soft), and the link to its page.

import { el, formatSeconds, pageLink } from './dom.js';

/** Board order: worst first. */
export const STATES = ['critical', 'unknown', 'warning', 'pending', 'ok'];

const LABELS = { critical: 'CRITICAL', unknown: 'UNKNOWN', warning: 'WARNING', pending: 'PENDING',
  ok: 'OK' };

/** "web-2 / http", or only the host for a host check. */
export function checkName(check) {
  return check.service ? `${check.host} / ${check.service}` : check.host;
}

/** The status as a coloured badge; a host check says UP/DOWN/UNREACHABLE. */
export function statusBadge(check) {
  const status = STATES.includes(check.status) ? check.status : 'unknown';
  const text = check.host_status && status !== 'pending' ? check.host_status.toUpperCase()
    : LABELS[status];
  return el('span', { class: `badge status-badge status-${status}`, 'data-status': status }, text);
}

/** Badges for acknowledgement, downtime, flapping and a soft state. */
export function stateBadges(check) {
  const badges = [];
  if (check.acknowledgement) {
    const ack = check.acknowledgement;
    badges.push(el('span', { class: 'badge ack-badge',
      title: `by ${ack.author}${ack.comment ? `: ${ack.comment}` : ''}${ack.sticky ? ' (sticky)' : ''}` },
    'acknowledged'));
  }
  if (check.in_downtime) badges.push(el('span', { class: 'badge downtime-badge' }, 'downtime'));
  if (check.flapping) badges.push(el('span', { class: 'badge flapping-badge' }, 'flapping'));
  if (check.state_type === 'soft' && check.status !== 'ok' && check.status !== 'pending') {
    badges.push(el('span', { class: 'badge soft-badge',
      title: 'not confirmed yet: no notification until the last attempt' },
    `soft ${check.attempt}/${check.max_attempts}`));
  }
  return badges;
}

/** A link to the check's detail page. */
export function checkLink(check, ...children) {
  return pageLink('/check', { id: check.id }, { class: 'check-link' },
    ...(children.length ? children : [checkName(check)]));
}

/** "12 min" since the last state change, or a dash. */
export function timeInState(check) {
  return Number.isFinite(check.seconds_in_state) ? formatSeconds(check.seconds_in_state) : '–';
}
