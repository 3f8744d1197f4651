// A check's performance data over time as a line (hand-drawn SVG, like the other charts), with the
// warning and critical thresholds as dashed lines when they are plain numbers.

import { formatLocal, svg } from './dom.js';

const PAD = { left: 56, right: 10, top: 10, bottom: 22 };
const HEIGHT = 160; // svg.chart's CSS height: no letterboxing
const PLAIN_THRESHOLD = /^(?:~:|0?:)?(-?\d+(?:\.\d+)?)$|^(-?\d+(?:\.\d+)?):$/;

/** The number a simple Nagios range ("10", "~:10", "10:") puts a limit at, else null. */
export function thresholdValue(range) {
  const m = PLAIN_THRESHOLD.exec(String(range || '').trim());
  if (!m) return null;
  return Number(m[1] !== undefined ? m[1] : m[2]);
}

function shortNumber(v) {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 100) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

/** MM-DD HH:MM over days, HH:MM over hours, HH:MM:SS over minutes. */
function timeLabel(ms, spanMs) {
  const text = formatLocal(new Date(ms), false);
  if (spanMs > 86400e3) return text.slice(5, 16);
  return text.slice(11, spanMs <= 3600e3 ? 19 : 16);
}

/** Every label that occurs in the samples, in order of first appearance. */
export function perfLabels(samples) {
  const labels = [];
  for (const s of samples) {
    for (const v of s.values || []) if (!labels.includes(v.label)) labels.push(v.label);
  }
  return labels;
}

/**
 * Draws the series of {label} from samples [{at, values:[{label, value, unit, warning,
 * critical}]}] (oldest first) into the <svg> root. Returns the number of points drawn.
 */
export function perfGraph(root, samples, label) {
  root.replaceChildren();
  const width = Math.max(Math.round(root.getBoundingClientRect().width || 0), 240);
  root.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  root.setAttribute('height', HEIGHT);
  const points = [];
  let unit = '';
  let warning = null;
  let critical = null;
  for (const s of samples) {
    const v = (s.values || []).find((x) => x.label === label);
    const t = Date.parse(s.at);
    if (!v || !Number.isFinite(t)) continue;
    unit = v.unit || unit;
    warning = thresholdValue(v.warning) ?? warning;
    critical = thresholdValue(v.critical) ?? critical;
    if (Number.isFinite(v.value)) points.push([t, v.value]);
  }
  if (points.length === 0) return 0;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const t0 = points[0][0];
  const t1 = Math.max(points[points.length - 1][0], t0 + 1);
  const values = points.map((p) => p[1]).concat([warning, critical].filter((x) => x !== null));
  let lo = Math.min(0, ...values);
  let hi = Math.max(...values);
  if (hi === lo) hi = lo + 1;
  hi += (hi - lo) * 0.05;
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (v) => PAD.top + plotH * (1 - (v - lo) / (hi - lo));
  const axis = svg('g', { class: 'axis' });
  for (const v of [lo, (lo + hi) / 2, hi]) {
    axis.appendChild(svg('line', { class: 'gridline', x1: PAD.left, x2: width - PAD.right,
      y1: y(v), y2: y(v) }));
    axis.appendChild(svg('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end' },
      `${shortNumber(v)}${unit}`));
  }
  for (const [t, anchor] of [[t0, 'start'], [t1, 'end']]) {
    axis.appendChild(svg('text', { x: x(t), y: HEIGHT - 6, 'text-anchor': anchor },
      timeLabel(t, t1 - t0)));
  }
  root.appendChild(axis);
  for (const [limit, cls, name] of [[warning, 'threshold-warning', 'warning'],
    [critical, 'threshold-critical', 'critical']]) {
    if (limit === null) continue;
    root.appendChild(svg('line', { class: `threshold ${cls}`, x1: PAD.left, x2: width - PAD.right,
      y1: y(limit), y2: y(limit) }, svg('title', null, `${name} at ${limit}${unit}`)));
  }
  const line = points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  root.appendChild(svg('polyline', { class: 'perf-line', points: line }));
  const dots = svg('g', { class: 'perf-points' });
  for (const [t, v] of points) {
    dots.appendChild(svg('circle', { cx: x(t).toFixed(1), cy: y(v).toFixed(1), r: 2 },
      svg('title', null, `${formatLocal(new Date(t), false)}: ${v}${unit}`)));
  }
  root.appendChild(dots);
  return points.length;
}
