// @ts-check
// The page's charts, as SVG built element by element (no library, nothing fetched): line
// charts, bar histograms and cohort heatmaps. Numbers are also in a table next to each chart.
import { $, el, svg } from './dom.js';
import { percent } from './pkg/format.js';

/**
 * A line: its values and, optionally, what each rests on (n); a point on fewer than 30 is drawn
 * hollow, with its n in the tooltip, and the line does not pass through it.
 * @typedef {{ name: string, color: string, values: (number | null | undefined)[], n?: number[] }} Series
 */
const SMALL = 30;

/**
 * A line chart of one or more series over labelled points, with a legend.
 * @param {Series[]} series @param {string[]} labels @param {string} testid @param {string} aria
 * @param {{ min?: number, max?: number, ticks?: number[] }} [scale] fixed bounds (default 0 … the largest value)
 */
export function lineChart(series, labels, testid, aria, scale = {}) {
  const W = 760, H = 220, L = 50, R = 10, T = 10, B = 30;
  const values = series.flatMap((s) => s.values).filter((v) => typeof v === 'number');
  const min = scale.min ?? 0;
  const max = scale.max ?? Math.max(1, .../** @type {number[]} */ (values));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': aria, 'data-testid': testid });
  const n = labels.length;
  const x = (/** @type {number} */ i) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const y = (/** @type {number} */ v) => T + (H - T - B) * (1 - (v - min) / (max - min || 1));
  for (const v of scale.ticks ?? [min, (min + max) / 2, max]) {
    chart.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#dde2ea', class: 'grid' }));
    chart.append(svg('text', { x: 4, y: y(v) + 4 }, String(Math.round(v))));
  }
  for (const { values: vs, color, n: ns } of series) {
    const pts = vs.map((v, i) => /** @type {[number, number | null | undefined, number | undefined]} */ ([x(i), v, ns?.[i]]))
      .filter(([, v]) => typeof v === 'number');
    if (!pts.length) continue;
    const solid = pts.filter(([, , n]) => n === undefined || n >= SMALL);
    if (solid.length) chart.append(svg('polyline', { points: solid.map(([a, v]) => `${a},${y(/** @type {number} */ (v))}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
    for (const [a, v, n] of pts) {
      const small = n !== undefined && n < SMALL;
      if (pts.length > 40 && !small) continue;
      const dot = svg('circle', { cx: a, cy: y(/** @type {number} */ (v)), r: small ? 4 : 3, fill: small ? '#fff' : color, ...(small ? { class: 'hollow' } : {}), stroke: color, 'stroke-width': small ? 2 : 0, 'data-small': small ? 'true' : 'false' });
      if (n !== undefined) dot.append(svg('title', {}, `n = ${n}${small ? ' (small sample: read with care)' : ''}`));
      chart.append(dot);
    }
  }
  const step = Math.max(1, Math.ceil(n / 8));
  labels.forEach((l, i) => { if (i % step === 0) chart.append(svg('text', { x: Math.min(x(i) - 18, W - R - 60), y: H - 10 }, l)); });
  const legend = el('div', { class: 'legend' }, ...series.map((s) => {
    const swatch = el('i', { class: 'swatch' });
    swatch.style.background = s.color;
    return el('span', {}, swatch, s.name);
  }));
  return [chart, legend];
}

/**
 * Bars of counts per label, the count above each bar.
 * @param {string} title @param {{ label: string, count: number }[]} bars @param {string} color @param {string} [testid]
 */
export function histogram(title, bars, color, testid) {
  const W = 300, H = 150, B = 20;
  const max = Math.max(1, ...bars.map((d) => d.count));
  const bw = W / Math.max(1, bars.length);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': `${title} distribution` });
  bars.forEach((d, i) => {
    const h = ((H - B - 14) * d.count) / max;
    chart.append(svg('rect', { x: i * bw + 2, y: H - B - h, width: Math.max(1, bw - 4), height: h, fill: color }));
    if (bars.length <= 12 || i % 2 === 0) chart.append(svg('text', { x: i * bw + 2, y: H - 5 }, d.label));
    if (bars.length <= 12) chart.append(svg('text', { x: i * bw + 2, y: H - B - h - 3 }, String(d.count)));
  });
  return el('div', { class: 'card', ...(testid ? { 'data-testid': testid } : {}) }, el('h3', { text: title }), chart);
}

/**
 * A cohort × period-offset table shaded by share (shares above 100% shade fully); a cell's
 * interval and the cohort's size are in its tooltip.
 * @param {string} id @param {string} sizeLabel
 * @param {[string, number, (number | null)[], ({ low: number, high: number, level: number } | null)[] | undefined][]} rows
 */
export function heatmap(id, sizeLabel, rows, rgb = '35, 87, 198') {
  const width = Math.max(0, ...rows.map((r) => r[2].length));
  const t = $(id);
  t.replaceChildren(el('tr', {}, ...['Cohort', sizeLabel, ...Array.from({ length: width }, (_, k) => `+${k}`)].map((h) => el('th', { text: h }))));
  for (const [label, size, rates, intervals] of rows) {
    const cells = rates.map((v, k) => {
      const a = Math.min(1, Math.max(0, v ?? 0));
      const iv = intervals?.[k];
      const td = el('td', { class: 'heat', text: percent(v), title: iv ? `${Math.round(100 * iv.level)}% interval ${percent(iv.low)}–${percent(iv.high)} · n = ${size}${size < 30 ? ' · small sample' : ''}` : '' });
      // The shade is mixed with the surface in CSS (light and dark); the text is white where
      // the light-mode mix is dark enough for it, black elsewhere (both AA, see style.css).
      td.style.setProperty('--heat', rgb);
      td.style.setProperty('--a', a.toFixed(3));
      if (mixLuminance(rgb, a) < 0.179) td.classList.add('deep');
      return td;
    });
    t.append(el('tr', {}, el('td', { text: label }), el('td', { text: String(size) }), ...cells));
  }
}

/**
 * The WCAG relative luminance of `rgb` ("r, g, b") mixed at `a` with white, the light surface.
 * White text on it is AA (4.5:1) below 0.183, black text above 0.175.
 * @param {string} rgb @param {number} a
 */
export function mixLuminance(rgb, a) {
  const [r, g, b] = rgb.split(',').map((v) => {
    const c = (Number(v) * a + 255 * (1 - a)) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
