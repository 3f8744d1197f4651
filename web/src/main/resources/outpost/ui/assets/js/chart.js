// SVG charts drawn from numbers: time bar charts (optionally stacked, optionally with drag to
// zoom) and sparklines. Labels are text nodes; nothing here reads markup.

import { formatCount, formatLocal, svg } from './dom.js';

const PAD = { left: 48, right: 8, top: 8, bottom: 22 };
const HEIGHT = 160;

function niceMax(max) {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

function timeLabel(ms, spanMs) {
  const date = new Date(ms);
  const text = formatLocal(date, false);
  if (spanMs <= 2 * 86400e3) return text.slice(11, spanMs <= 600e3 ? 19 : 16);
  return text.slice(5, 16);
}

function widthOf(node) {
  const width = Math.round(node.getBoundingClientRect().width || node.parentNode?.clientWidth || 0);
  return Math.max(width, 240);
}

function axes(root, geometry, yMax, startMs, endMs) {
  const { width, plotW, plotH } = geometry;
  const grid = svg('g', { class: 'axis' });
  for (const fraction of [0, 0.5, 1]) {
    if (fraction === 0.5 && yMax % 2 !== 0) continue; // no half counts on the axis
    const y = PAD.top + plotH * (1 - fraction);
    grid.appendChild(svg('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y,
      class: 'gridline' }));
    grid.appendChild(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' },
      formatCount(Math.round(yMax * fraction))));
  }
  const ticks = Math.max(2, Math.min(6, Math.floor(plotW / 110)));
  for (let i = 0; i <= ticks; i += 1) {
    const x = PAD.left + (plotW * i) / ticks;
    const ms = startMs + ((endMs - startMs) * i) / ticks;
    const anchor = i === 0 ? 'start' : i === ticks ? 'end' : 'middle';
    grid.appendChild(svg('text', { x, y: HEIGHT - 6, 'text-anchor': anchor },
      timeLabel(ms, endMs - startMs)));
  }
  root.appendChild(grid);
}

function enableZoom(root, geometry, startMs, endMs, onZoom) {
  const { plotW, plotH } = geometry;
  const band = svg('rect', { class: 'selection', y: PAD.top, height: plotH, width: 0, x: 0,
    visibility: 'hidden' });
  root.appendChild(band);
  const toMs = (x) => startMs + ((Math.min(Math.max(x, PAD.left), PAD.left + plotW) - PAD.left)
    / plotW) * (endMs - startMs);
  const xOf = (event) => event.clientX - root.getBoundingClientRect().left;
  let anchor = null;
  root.onpointerdown = (event) => {
    if (event.button !== 0) return;
    anchor = xOf(event);
    root.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  };
  root.onpointermove = (event) => {
    if (anchor === null) return;
    const x = xOf(event);
    band.setAttribute('x', Math.max(PAD.left, Math.min(anchor, x)));
    band.setAttribute('width', Math.abs(Math.min(Math.max(x, PAD.left), PAD.left + plotW)
      - Math.min(Math.max(anchor, PAD.left), PAD.left + plotW)));
    band.setAttribute('visibility', 'visible');
  };
  const finish = (event, cancelled) => {
    if (anchor === null) return;
    const x = xOf(event);
    const first = anchor;
    anchor = null;
    band.setAttribute('visibility', 'hidden');
    if (cancelled) return;
    const from = toMs(Math.min(first, x));
    const to = toMs(Math.max(first, x));
    if (geometry.dragged(from, to)) {
      onZoom(new Date(Math.floor(from)), new Date(Math.ceil(to)));
      return;
    }
    const bucket = geometry.bucketAt(toMs(x));
    if (bucket) onZoom(new Date(bucket[0]), new Date(bucket[1]));
  };
  root.onpointerup = (event) => finish(event, false);
  root.onpointercancel = (event) => finish(event, true);
}

/**
 * Draws a (stacked) bar chart over time into an <svg>.
 * data: {startMs, endMs, intervalMs, starts: [ms...], series: [{name, className, values}]}.
 * options: {onZoom(fromDate, toDate)} enables drag to zoom; a click on a bar zooms to it.
 */
export function timeBars(root, data, options = {}) {
  root.replaceChildren();
  const width = widthOf(root);
  root.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  root.setAttribute('height', HEIGHT);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const { startMs, endMs, intervalMs, starts, series } = data;
  const totals = starts.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
  const yMax = niceMax(Math.max(0, ...totals));
  const span = Math.max(1, endMs - startMs);
  const minDrag = Math.max(1, (span / plotW) * 4);
  const bucketAt = (ms) => {
    const start = starts.find((s) => ms >= s && ms < s + intervalMs);
    return start === undefined ? null : [start, Math.min(start + intervalMs, endMs)];
  };
  const geometry = { width, plotW, plotH, bucketAt, dragged: (from, to) => to - from >= minDrag };
  axes(root, geometry, yMax, startMs, endMs);
  const bars = svg('g', { class: 'bars' });
  starts.forEach((start, i) => {
    const x = PAD.left + ((start - startMs) / span) * plotW;
    const w = Math.max(1, (intervalMs / span) * plotW - (plotW / starts.length > 4 ? 1 : 0));
    let y = PAD.top + plotH;
    for (const s of series) {
      const value = s.values[i] || 0;
      const h = (value / yMax) * plotH;
      const label = `${formatLocal(new Date(start), false)}: ${formatCount(value)}`
        + (series.length > 1 ? ` ${s.name}` : '');
      y -= h;
      bars.appendChild(svg('rect', { class: `bar ${s.className || ''}`.trim(), x, y, width: w,
        height: Math.max(h, 0), 'data-start': new Date(start).toISOString(),
        'data-count': value }, svg('title', null, label)));
    }
  });
  root.appendChild(bars);
  if (options.onZoom) enableZoom(root, geometry, startMs, endMs, options.onZoom);
}

/** A small line of numbers (oldest first), as svg.sparkline. */
export function sparkline(values, title) {
  const width = 120;
  const height = 24;
  const numbers = (Array.isArray(values) ? values : []).map((v) => (Number.isFinite(v) ? v : 0));
  const root = svg('svg', { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'img', 'aria-label': title || 'per minute' });
  if (title) root.appendChild(svg('title', null, title));
  if (numbers.length === 0) return root;
  const max = Math.max(1, ...numbers);
  const step = numbers.length > 1 ? width / (numbers.length - 1) : width;
  const points = numbers.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max)
    * (height - 2)).toFixed(1)}`);
  root.appendChild(svg('polygon', { class: 'area',
    points: `0,${height} ${points.join(' ')} ${width},${height}` }));
  root.appendChild(svg('polyline', { class: 'line', points: points.join(' ') }));
  return root;
}
