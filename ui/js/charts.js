// Small SVG charts drawn from data: value versus cost (bubbles), ranked bars, a profile, and a frontier line.
// Each chart is an image with a title and a description for assistive technology; the numbers are also in
// the tables next to it.

import { formatNumber } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

let nextId = 0;

function frame(width, height, title, description) {
  const id = `chart${++nextId}`;
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart' },
    svg('title', { id: `${id}-t` }, title),
    svg('desc', { id: `${id}-d` }, description),
  );
}

/** "Nice" tick values covering 0…max. */
export function ticks(max, count = 5) {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const out = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out.at(-1) < max) out.push(Number((out.at(-1) + step).toPrecision(12)));
  return out;
}

/**
 * Value against cost, bubble area by risk.
 * @param {{points: {x: number, y: number, size: number|null, label: string, emphasis?: boolean}[],
 *   title: string, description: string, xLabel: string, yLabel: string, formatX: (v: number) => string,
 *   onSelect?: (index: number) => void}} spec
 */
export function bubbleChart(spec) {
  const width = 640;
  const height = 380;
  const m = { left: 56, right: 20, top: 16, bottom: 48 };
  const chart = frame(width, height, spec.title, spec.description);
  const xs = ticks(Math.max(...spec.points.map((p) => p.x), 1));
  const ys = ticks(Math.max(...spec.points.map((p) => p.y), 0.1));
  const xMax = xs.at(-1);
  const yMax = ys.at(-1);
  const px = (v) => m.left + (v / xMax) * (width - m.left - m.right);
  const py = (v) => height - m.bottom - (v / yMax) * (height - m.top - m.bottom);
  for (const v of ys) {
    chart.append(
      svg('line', { x1: m.left, x2: width - m.right, y1: py(v), y2: py(v), class: 'grid' }),
      svg('text', { x: m.left - 6, y: py(v) + 4, class: 'tick', 'text-anchor': 'end' }, formatNumber(v, 2)),
    );
  }
  for (const v of xs) {
    chart.append(svg('text', { x: px(v), y: height - m.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, spec.formatX(v)));
  }
  chart.append(
    svg('line', { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, class: 'axis' }),
    svg('line', { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom, class: 'axis' }),
    svg('text', { x: (m.left + width - m.right) / 2, y: height - 8, class: 'axis-label', 'text-anchor': 'middle' }, spec.xLabel),
    svg('text', { x: 14, y: (m.top + height - m.bottom) / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 14 ${(m.top + height - m.bottom) / 2})` }, spec.yLabel),
  );
  // Larger bubbles first so small ones stay clickable on top.
  const order = spec.points.map((p, i) => i).sort((a, b) => (spec.points[b].size ?? 0) - (spec.points[a].size ?? 0));
  for (const i of order) {
    const p = spec.points[i];
    const radius = 5 + 4 * Math.sqrt(Math.max(0, p.size ?? 0));
    const circle = svg(
      'circle',
      { cx: px(p.x), cy: py(p.y), r: radius, class: `bubble${p.emphasis ? ' emphasis' : ''}`, tabindex: spec.onSelect ? 0 : null },
      svg('title', {}, p.label),
    );
    if (spec.onSelect) {
      circle.addEventListener('click', () => spec.onSelect(i));
      circle.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') spec.onSelect(i);
      });
    }
    chart.append(circle);
  }
  return chart;
}

/**
 * Horizontal bars, one per row, longest first as given.
 * @param {{rows: {label: string, value: number, note?: string, emphasis?: boolean}[], max?: number,
 *   title: string, description: string, format: (v: number) => string}} spec
 */
export function barChart(spec) {
  const rowHeight = 22;
  const width = 640;
  const labelWidth = 250;
  const height = spec.rows.length * rowHeight + 8;
  const chart = frame(width, height, spec.title, spec.description);
  const max = spec.max ?? Math.max(...spec.rows.map((r) => r.value), 1e-9);
  spec.rows.forEach((row, i) => {
    const y = 4 + i * rowHeight;
    const length = Math.max(0, (row.value / max) * (width - labelWidth - 70));
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + 15, class: 'bar-label', 'text-anchor': 'end' }, row.label.length > 38 ? `${row.label.slice(0, 37)}…` : row.label),
      svg('rect', { x: labelWidth, y: y + 3, width: length, height: rowHeight - 7, class: `bar${row.emphasis ? ' emphasis' : ''}`, rx: 2 }),
      svg('text', { x: labelWidth + length + 6, y: y + 15, class: 'bar-value' }, spec.format(row.value)),
    );
  });
  return chart;
}

/**
 * A line through points (x ascending) with the points marked; `current` marks one x.
 * @param {{points: {x: number, y: number}[], current?: number, title: string, description: string,
 *   xLabel: string, yLabel: string, formatX: (v: number) => string}} spec
 */
export function lineChart(spec) {
  const width = 640;
  const height = 300;
  const m = { left: 56, right: 20, top: 16, bottom: 48 };
  const chart = frame(width, height, spec.title, spec.description);
  const xs = ticks(Math.max(...spec.points.map((p) => p.x), 1));
  const ys = ticks(Math.max(...spec.points.map((p) => p.y), 0.1));
  const px = (v) => m.left + (v / xs.at(-1)) * (width - m.left - m.right);
  const py = (v) => height - m.bottom - (v / ys.at(-1)) * (height - m.top - m.bottom);
  for (const v of ys) {
    chart.append(
      svg('line', { x1: m.left, x2: width - m.right, y1: py(v), y2: py(v), class: 'grid' }),
      svg('text', { x: m.left - 6, y: py(v) + 4, class: 'tick', 'text-anchor': 'end' }, formatNumber(v, 1)),
    );
  }
  for (const v of xs) {
    chart.append(svg('text', { x: px(v), y: height - m.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, spec.formatX(v)));
  }
  chart.append(
    svg('line', { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, class: 'axis' }),
    svg('line', { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom, class: 'axis' }),
    svg('text', { x: (m.left + width - m.right) / 2, y: height - 8, class: 'axis-label', 'text-anchor': 'middle' }, spec.xLabel),
    svg('text', { x: 14, y: (m.top + height - m.bottom) / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 14 ${(m.top + height - m.bottom) / 2})` }, spec.yLabel),
    svg('polyline', { points: spec.points.map((p) => `${px(p.x)},${py(p.y)}`).join(' '), class: 'line' }),
  );
  for (const p of spec.points) {
    chart.append(svg('circle', { cx: px(p.x), cy: py(p.y), r: p.x === spec.current ? 6 : 3.5, class: p.x === spec.current ? 'point emphasis' : 'point' }));
  }
  return chart;
}

/** Distinct colours that keep 3:1 contrast against white. */
const PALETTE = ['#0b4f8a', '#b3541e', '#2e7d32', '#6a3d9a', '#00838f', '#ad1457', '#5d4037', '#7a7a00', '#37474f', '#c62828'];

function legend(chart, series, x, y, width) {
  let cx = x;
  let cy = y;
  series.forEach((s, i) => {
    const text = s.label.length > 30 ? `${s.label.slice(0, 29)}…` : s.label;
    const w = 18 + text.length * 6.4;
    if (cx + w > x + width) {
      cx = x;
      cy += 18;
    }
    chart.append(
      svg('rect', { x: cx, y: cy - 9, width: 10, height: 10, fill: PALETTE[i % PALETTE.length] }),
      svg('text', { x: cx + 14, y: cy, class: 'tick' }, text),
    );
    cx += w + 10;
  });
  return cy;
}

/**
 * Vertical bars per category (e.g. year), stacked by series (e.g. customer); values ≥ 0.
 * @param {{categories: string[], series: {label: string, values: number[]}[], title: string,
 *   description: string, format: (v: number) => string}} spec
 */
export function stackedBars(spec) {
  const width = 640;
  const m = { left: 70, right: 16, top: 16, bottom: 28 };
  const plotHeight = 220;
  const legendRows = Math.ceil(spec.series.reduce((sum, s) => sum + 28 + s.label.length * 6.4, 0) / (width - 20));
  const height = m.top + plotHeight + m.bottom + 18 * legendRows + 10;
  const chart = frame(width, height, spec.title, spec.description);
  const totals = spec.categories.map((_, c) => spec.series.reduce((sum, s) => sum + Math.max(0, s.values[c] ?? 0), 0));
  const ys = ticks(Math.max(...totals, 1));
  const py = (v) => m.top + plotHeight - (v / ys.at(-1)) * plotHeight;
  for (const v of ys) {
    chart.append(
      svg('line', { x1: m.left, x2: width - m.right, y1: py(v), y2: py(v), class: 'grid' }),
      svg('text', { x: m.left - 6, y: py(v) + 4, class: 'tick', 'text-anchor': 'end' }, spec.format(v)),
    );
  }
  const slot = (width - m.left - m.right) / spec.categories.length;
  spec.categories.forEach((category, c) => {
    let base = 0;
    const x = m.left + c * slot + slot * 0.2;
    spec.series.forEach((s, i) => {
      const v = Math.max(0, s.values[c] ?? 0);
      chart.append(
        svg('rect', { x, y: py(base + v), width: slot * 0.6, height: Math.max(0, py(base) - py(base + v)), fill: PALETTE[i % PALETTE.length] },
          svg('title', {}, `${s.label}, ${category}: ${spec.format(v)}`)),
      );
      base += v;
    });
    chart.append(svg('text', { x: x + slot * 0.3, y: m.top + plotHeight + 16, class: 'tick', 'text-anchor': 'middle' }, category));
  });
  chart.append(svg('line', { x1: m.left, x2: width - m.right, y1: py(0), y2: py(0), class: 'axis' }));
  legend(chart, spec.series, m.left, m.top + plotHeight + 40, width - m.left - m.right);
  return chart;
}

/**
 * Vertical bars per category grouped by series, positive and negative (e.g. the provider's result per model).
 * @param {{categories: string[], series: {label: string, values: (number|null)[]}[], title: string,
 *   description: string, format: (v: number) => string}} spec
 */
export function groupedBars(spec) {
  const width = 640;
  const m = { left: 70, right: 16, top: 16, bottom: 28 };
  const plotHeight = 200;
  const height = m.top + plotHeight + m.bottom + 30;
  const chart = frame(width, height, spec.title, spec.description);
  const values = spec.series.flatMap((s) => s.values.filter((v) => v !== null));
  const top = ticks(Math.max(...values.map((v) => Math.abs(v)), 1)).at(-1);
  const min = Math.min(0, ...values) < 0 ? -top : 0;
  const max = Math.max(0, ...values) > 0 || min === 0 ? top : 0;
  const py = (v) => m.top + ((max - v) / (max - min || 1)) * plotHeight;
  for (const v of [min, (min + max) / 2, max]) {
    chart.append(
      svg('line', { x1: m.left, x2: width - m.right, y1: py(v), y2: py(v), class: 'grid' }),
      svg('text', { x: m.left - 6, y: py(v) + 4, class: 'tick', 'text-anchor': 'end' }, spec.format(v)),
    );
  }
  const slot = (width - m.left - m.right) / spec.categories.length;
  const bar = (slot * 0.8) / spec.series.length;
  spec.categories.forEach((category, c) => {
    spec.series.forEach((s, i) => {
      const v = s.values[c];
      if (v === null || v === undefined) return;
      const x = m.left + c * slot + slot * 0.1 + i * bar;
      chart.append(
        svg('rect', { x, y: Math.min(py(v), py(0)), width: bar - 2, height: Math.max(1, Math.abs(py(v) - py(0))), fill: PALETTE[i % PALETTE.length] },
          svg('title', {}, `${s.label}, ${category}: ${spec.format(v)}`)),
      );
    });
    chart.append(svg('text', { x: m.left + c * slot + slot / 2, y: m.top + plotHeight + 16, class: 'tick', 'text-anchor': 'middle' }, category));
  });
  chart.append(svg('line', { x1: m.left, x2: width - m.right, y1: py(0), y2: py(0), class: 'axis' }));
  legend(chart, spec.series, m.left, m.top + plotHeight + 40, width - m.left - m.right);
  return chart;
}
