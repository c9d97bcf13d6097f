// @ts-check
// The page's charts, as SVG built element by element (no library, nothing fetched): line
// charts over periods, bar charts and cohort heatmaps. Each chart is a <figure>: its title, the
// SVG (role="img", its aria-label a summary in words), the legend, its numbers in a "Data" table,
// and buttons that download it as SVG or PNG (a blob: URL; nothing leaves the browser).
// The SVG is drawn at the width of its box (redrawn when the box changes), so its text keeps
// the page's size (11 px) on a phone as on a desktop instead of shrinking with a viewBox.
import { $, el, svg } from './dom.js';
import { percent } from './pkg/format.js';

/** Series colours: CSS variables of style.css, so dark mode gives them a brighter shade. */
export const COLORS = /** @type {const} */ ({ blue: '--series-blue', green: '--series-green', orange: '--series-orange', red: '--series-red', purple: '--series-purple' });
/** @typedef {keyof typeof COLORS} Color */

/**
 * A line: its values and, optionally, what each rests on (n); a point on fewer than 30 is drawn
 * hollow, with its n in the tooltip, and the line does not pass through it.
 * @typedef {{ name: string, color: Color, values: (number | null | undefined)[], n?: number[] }} Series
 */
const SMALL = 30;
/** Text size in chart pixels, which are the page's pixels. */
const FONT = 11;

/** @param {Element} e @param {string} prop @param {Color} color */
const paint = (e, prop, color) => /** @type {SVGElement} */ (e).style.setProperty(prop, `var(${COLORS[color]})`);

/** Round tick values from min to max (about `count` of them). @param {number} min @param {number} max */
export function niceTicks(min, max, count = 4) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/**
 * A chart's figure: title, the SVG drawn by `draw(width)` at its box's width, the legend, the
 * data table and the download buttons. With `small`, the legend says what a hollow point is (a
 * tooltip alone is not seen on a phone or by a keyboard).
 * @param {{ title: string, testid: string, summary: string, draw: (width: number) => SVGSVGElement,
 *   legend?: { name: string, color: Color }[], small?: boolean, table: { head: string[], rows: (string | number)[][] } }} c
 */
export function figure({ title, testid, summary, draw, legend = [], small = false, table }) {
  const plot = el('div', { class: 'plot' });
  let drawn = 0;
  const render = (/** @type {number} */ width) => {
    const w = Math.round(width);
    if (w <= 0 || w === drawn) return;
    drawn = w;
    const chart = draw(w);
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', summary);
    chart.setAttribute('data-testid', testid);
    chart.setAttribute('width', String(w));
    plot.replaceChildren(chart);
  };
  // Drawn now at the width the box is likely to get (the tests and the first paint see a
  // chart), then again at the box's real width whenever it changes (a phone turned, a section
  // opened).
  render(guessWidth());
  new ResizeObserver(([entry]) => render(entry.contentRect.width)).observe(plot);
  const name = testid.replace(/[^a-z0-9-]/gi, '');
  const svgButton = el('button', { type: 'button', class: 'chart-download', text: 'Download SVG', 'data-testid': `${testid}-svg` });
  const pngButton = el('button', { type: 'button', class: 'chart-download', text: 'Download PNG', 'data-testid': `${testid}-png` });
  // A download is drawn at 640 px or more (a phone's chart would crop its title), in the page's
  // styles for a moment so its colours can be read.
  const exported = () => {
    const s = draw(Math.max(640, drawn));
    s.classList.add('exporting');
    plot.append(s);
    try { return standalone(s, title, legend); } finally { s.remove(); }
  };
  svgButton.addEventListener('click', () => saveBlob(new Blob([exported()], { type: 'image/svg+xml' }), `${name}.svg`));
  pngButton.addEventListener('click', () => void png(exported()).then((b) => saveBlob(b, `${name}.png`)));
  const t = el('table', { 'data-testid': `${testid}-data` },
    el('tr', {}, ...table.head.map((h) => el('th', { text: h }))),
    ...table.rows.map((r) => el('tr', {}, ...r.map((v) => el('td', { text: String(v) })))));
  return el('figure', { class: 'chart' },
    el('figcaption', { class: 'chart-title', text: title }),
    plot,
    el('div', { class: 'chart-foot' },
      el('div', { class: 'legend' }, ...legend.map((s) => {
        const swatch = el('i', { class: 'swatch' });
        swatch.style.background = `var(${COLORS[s.color]})`;
        return el('span', {}, swatch, s.name);
      }), small ? el('span', { 'data-testid': `${testid}-small-legend` }, el('i', { class: 'swatch hollow-swatch' }),
        `hollow point: fewer than ${SMALL} behind it, read with care`) : null),
      el('span', { class: 'chart-tools' }, svgButton, pngButton)),
    el('details', { class: 'chart-data' }, el('summary', { text: 'Data' }), el('div', { class: 'scroll' }, t)));
}

/** The width a chart box will likely have before it is laid out: a grid cell of the page. */
function guessWidth() {
  const page = Math.min(document.documentElement.clientWidth || 760, 1100) - 40;
  return page >= 900 ? Math.floor((page - 32) / 3) : page >= 600 ? Math.floor((page - 16) / 2) : page;
}

/**
 * A line chart of one or more series over labelled points, with labelled axes, a tooltip on
 * every point ("2024-03: 42.0 points · n = 120") and a legend.
 * @param {{ title: string, testid: string, series: Series[], labels: string[], x: string, y: string,
 *   format: (v: number) => string, min?: number, max?: number, ticks?: number[] }} c
 */
export function lineChart({ title, testid, series, labels, x: xTitle, y: yTitle, format, ...scale }) {
  const values = /** @type {number[]} */ (series.flatMap((s) => s.values).filter((v) => typeof v === 'number' && Number.isFinite(v)));
  // A given minimum is a floor for the axis, never a clip: values below it extend the scale.
  const lo = Math.min(scale.min ?? 0, ...values);
  const hi = scale.max ?? Math.max(lo + 1, ...values);
  const ticks = scale.ticks ?? niceTicks(lo, hi);
  // The top tick at or above the largest value, so the highest point has a number above it.
  if (!scale.ticks && ticks.length > 1 && ticks[ticks.length - 1] < hi) ticks.push(Number((2 * ticks[ticks.length - 1] - ticks[ticks.length - 2]).toPrecision(12)));
  const min = Math.min(lo, ...ticks), max = Math.max(hi, ...ticks);
  const n = labels.length;
  const draw = (/** @type {number} */ W) => {
    const H = 150, L = 46, R = 12, T = 18, B = 34;
    const chart = /** @type {SVGSVGElement} */ (svg('svg', { viewBox: `0 0 ${W} ${H}`, height: H }));
    const x = (/** @type {number} */ i) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
    const y = (/** @type {number} */ v) => T + (H - T - B) * (1 - (v - min) / (max - min || 1));
    chart.append(svg('text', { x: 2, y: 12, class: 'axis-title' }, yTitle));
    for (const v of ticks) {
      chart.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#dde2ea', class: 'grid' }));
      chart.append(svg('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, tickText(v, format)));
    }
    for (const { name, values: vs, color, n: ns } of series) {
      const pts = vs.map((v, i) => /** @type {[number, number | null | undefined, number | undefined, number]} */ ([x(i), v, ns?.[i], i]))
        .filter(([, v]) => typeof v === 'number' && Number.isFinite(v));
      if (!pts.length) continue;
      const solid = pts.filter(([, , k]) => k === undefined || k >= SMALL);
      if (solid.length) {
        const line = svg('polyline', { points: solid.map(([a, v]) => `${a.toFixed(1)},${y(/** @type {number} */ (v)).toFixed(1)}`).join(' '), fill: 'none', 'stroke-width': 2 });
        paint(line, 'stroke', color);
        chart.append(line);
      }
      for (const [a, v, k, i] of pts) {
        const small = k !== undefined && k < SMALL;
        const dot = svg('circle', { cx: a.toFixed(1), cy: y(/** @type {number} */ (v)).toFixed(1), r: small ? 4 : pts.length > 40 ? 2 : 3, 'stroke-width': small ? 2 : 0, 'data-small': small ? 'true' : 'false', ...(small ? { class: 'hollow' } : {}) });
        paint(dot, 'stroke', color);
        if (!small) paint(dot, 'fill', color);
        dot.append(svg('title', {}, `${labels[i]}: ${name} ${format(/** @type {number} */ (v))}${k === undefined ? '' : ` · n = ${k}${small ? ' (small sample: read with care)' : ''}`}`));
        chart.append(dot);
      }
    }
    // As many x labels as fit without touching, each inside the chart.
    const width = Math.max(...labels.map((l) => l.length), 1) * 7 + 14;
    const step = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((W - L - R) / width))));
    labels.forEach((l, i) => {
      if (i % step !== 0) return;
      const half = (l.length * 7) / 2;
      chart.append(svg('text', { x: Math.min(W - half - 2, Math.max(half + 2, x(i))).toFixed(1), y: H - 19, 'text-anchor': 'middle' }, l));
    });
    chart.append(svg('text', { x: L + (W - L - R) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, xTitle));
    return chart;
  };
  return figure({
    title, testid, draw,
    summary: summarise(title, series, labels, format),
    legend: series.length > 1 ? series : [],
    small: series.some((s) => s.values.some((v, i) => typeof v === 'number' && Number.isFinite(v) && s.n?.[i] !== undefined && s.n[i] < SMALL)),
    table: {
      head: [xTitle, ...series.flatMap((s) => (s.n ? [s.name, `${s.name}: n`] : [s.name]))],
      rows: labels.map((l, i) => [l, ...series.flatMap((s) => {
        const v = s.values[i];
        const text = typeof v === 'number' && Number.isFinite(v) ? format(v) : '';
        return s.n ? [text, s.n[i] ?? ''] : [text];
      })]),
    },
  });
}

/** A tick's text: the format without the decimals a round tick does not need. @param {number} v @param {(v: number) => string} format */
const tickText = (v, format) => format(v).replace(/\.0+(?=\D*$)/, '').replace(/(\.\d*?)0+(?=\D*$)/, '$1');

/**
 * A chart's summary in words: its span and, per series, first, last, lowest and highest.
 * @param {string} title @param {Series[]} series @param {string[]} labels @param {(v: number) => string} format
 */
function summarise(title, series, labels, format) {
  if (!labels.length) return `${title}: no data.`;
  const parts = series.map((s) => {
    const pts = s.values.map((v, i) => /** @type {[number | null | undefined, string]} */ ([v, labels[i]])).filter(([v]) => typeof v === 'number' && Number.isFinite(v));
    if (!pts.length) return `${s.name}: no values`;
    const [first, last] = [pts[0], pts[pts.length - 1]];
    const low = pts.reduce((a, b) => (/** @type {number} */ (b[0]) < /** @type {number} */ (a[0]) ? b : a));
    const high = pts.reduce((a, b) => (/** @type {number} */ (b[0]) > /** @type {number} */ (a[0]) ? b : a));
    const f = (/** @type {[number | null | undefined, string]} */ p) => `${format(/** @type {number} */ (p[0]))} (${p[1]})`;
    return pts.length === 1 ? `${s.name} ${f(first)}` : `${s.name} from ${f(first)} to ${f(last)}, lowest ${f(low)}, highest ${f(high)}`;
  });
  return `${title}, ${labels[0]}${labels.length > 1 ? ` to ${labels[labels.length - 1]}` : ''}: ${parts.join('; ')}.`;
}

/**
 * Bars of counts per label, the count above each bar (when there is room).
 * @param {{ title: string, testid: string, bars: { label: string, count: number }[], color: Color, x: string, y?: string }} c
 */
export function barChart({ title, testid, bars, color, x: xTitle, y: yTitle = 'how many' }) {
  const max = Math.max(1, ...bars.map((d) => d.count));
  const draw = (/** @type {number} */ W) => {
    const H = 160, T = 20, B = 36;
    const chart = /** @type {SVGSVGElement} */ (svg('svg', { viewBox: `0 0 ${W} ${H}`, height: H }));
    const bw = W / Math.max(1, bars.length);
    const labelWidth = Math.max(...bars.map((d) => d.label.length), 1) * 6.5 + 4;
    const every = Math.max(1, Math.ceil(labelWidth / bw));
    const countsFit = Math.max(...bars.map((d) => String(d.count).length), 1) * 6.5 <= bw;
    chart.append(svg('text', { x: 2, y: 12, class: 'axis-title' }, yTitle));
    bars.forEach((d, i) => {
      const h = ((H - B - T - 4) * d.count) / max;
      const rect = svg('rect', { x: (i * bw + 1).toFixed(1), y: (H - B - h).toFixed(1), width: Math.max(1, bw - 3).toFixed(1), height: h.toFixed(1) });
      paint(rect, 'fill', color);
      rect.append(svg('title', {}, `${d.label}: ${d.count}`));
      chart.append(rect);
      if (i % every === 0) chart.append(svg('text', { x: (i * bw + bw / 2).toFixed(1), y: H - 22, 'text-anchor': 'middle' }, d.label));
      if (countsFit) chart.append(svg('text', { x: (i * bw + bw / 2).toFixed(1), y: (H - B - h - 3).toFixed(1), 'text-anchor': 'middle' }, String(d.count)));
    });
    chart.append(svg('text', { x: W / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, xTitle));
    return chart;
  };
  const total = bars.reduce((a, d) => a + d.count, 0);
  const top = bars.reduce((a, d) => (d.count > a.count ? d : a), bars[0] ?? { label: '', count: 0 });
  return figure({
    title, testid, draw,
    summary: bars.length ? `${title}: ${total} in ${bars.length} bars; most at ${top.label} (${top.count}). ${bars.map((d) => `${d.label}: ${d.count}`).join(', ')}.` : `${title}: no data.`,
    table: { head: [xTitle, yTitle], rows: bars.map((d) => [d.label, d.count]) },
  });
}

/**
 * Stacked bars per label: the `up` parts above the axis, the `down` part below it.
 * @param {{ title: string, testid: string, labels: string[], up: { name: string, color: Color, values: number[] }[],
 *   down: { name: string, color: Color, values: number[] }, x: string, y: string }} c
 */
export function stackedBars({ title, testid, labels, up, down, x: xTitle, y: yTitle }) {
  const max = Math.max(1, ...labels.map((_, i) => up.reduce((a, s) => a + s.values[i], 0)), ...down.values);
  const draw = (/** @type {number} */ W) => {
    const H = 190, T = 20, B = 36, mid = T + 90;
    const chart = /** @type {SVGSVGElement} */ (svg('svg', { viewBox: `0 0 ${W} ${H}`, height: H }));
    const bw = (W - 8) / Math.max(1, labels.length);
    const scale = (/** @type {number} */ v) => (88 * v) / max;
    chart.append(svg('text', { x: 2, y: 12, class: 'axis-title' }, yTitle));
    const every = Math.max(1, Math.ceil((Math.max(...labels.map((l) => l.length), 1) * 6.5 + 4) / bw));
    labels.forEach((l, i) => {
      let top = mid;
      for (const s of up) {
        top -= scale(s.values[i]);
        const r = svg('rect', { x: (4 + i * bw).toFixed(1), y: top.toFixed(1), width: Math.max(1, bw - 3).toFixed(1), height: scale(s.values[i]).toFixed(1) });
        paint(r, 'fill', s.color);
        r.append(svg('title', {}, `${l}: ${s.name} ${s.values[i]}`));
        chart.append(r);
      }
      const r = svg('rect', { x: (4 + i * bw).toFixed(1), y: mid, width: Math.max(1, bw - 3).toFixed(1), height: (scale(down.values[i]) * 0.6).toFixed(1) });
      paint(r, 'fill', down.color);
      r.append(svg('title', {}, `${l}: ${down.name} ${down.values[i]}`));
      chart.append(r);
      if (i % every === 0) chart.append(svg('text', { x: (4 + i * bw + bw / 2).toFixed(1), y: H - 22, 'text-anchor': 'middle' }, l));
    });
    chart.append(svg('text', { x: W / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, xTitle));
    return chart;
  };
  const all = [...up, down];
  return figure({
    title, testid, draw, legend: all,
    summary: `${title}, ${labels[0] ?? ''} to ${labels[labels.length - 1] ?? ''}: ${labels.map((l, i) => `${l}: ${all.map((s) => `${s.name} ${s.values[i]}`).join(', ')}`).join('; ')}.`,
    table: { head: [xTitle, ...all.map((s) => s.name)], rows: labels.map((l, i) => [l, ...all.map((s) => s.values[i])]) },
  });
}

/** Saves a blob as a download (a blob: URL, nothing sent). @param {Blob} blob @param {string} name */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  el('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The paint properties copied from the page's styles into a downloaded SVG. */
const PAINT = ['fill', 'stroke', 'stroke-width', 'font-size', 'font-family', 'font-weight', 'font-style', 'text-anchor', 'opacity'];

/** Room above a downloaded chart for its title, and below it per line of legend. */
const HEAD = 24, FOOT = 20;

/**
 * The chart as a standalone SVG document: the colours, lines and fonts the page computed for it
 * written as attributes (the file has no style sheet), on the page's background, with its title
 * above and its legend below.
 * @param {SVGSVGElement} chart @param {string} title @param {{ name: string, color: Color }[]} [legend]
 */
export function standalone(chart, title, legend = []) {
  const copy = /** @type {SVGSVGElement} */ (chart.cloneNode(true));
  const from = [chart, ...chart.querySelectorAll('*')], to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((e, i) => {
    const s = getComputedStyle(e), c = to[i];
    c.removeAttribute('class');
    c.removeAttribute('style');
    if (e.tagName === 'title' || e === chart) return;
    for (const p of PAINT) {
      const v = s.getPropertyValue(p);
      if (v) c.setAttribute(p, v);
    }
  });
  const { width, height: plot } = chart.viewBox.baseVal;
  const height = HEAD + plot + (legend.length ? FOOT : 0);
  const page = getComputedStyle(document.body), root = getComputedStyle(document.documentElement);
  const body = svg('g', { transform: `translate(0 ${HEAD})` });
  body.append(...[...copy.childNodes]);
  copy.replaceChildren(svg('title', {}, title), svg('rect', { x: 0, y: 0, width, height, fill: page.backgroundColor }),
    svg('text', { x: 2, y: 16, fill: page.color, 'font-size': '13px', 'font-weight': '600', 'font-family': page.fontFamily }, title), body);
  let x = 4;
  for (const item of legend) {
    const colour = root.getPropertyValue(COLORS[item.color]).trim();
    copy.append(svg('rect', { x, y: height - 14, width: 10, height: 10, fill: colour }),
      svg('text', { x: x + 14, y: height - 5, fill: page.color, 'font-size': '11px', 'font-family': page.fontFamily }, item.name));
    x += 24 + 6.5 * item.name.length;
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  for (const a of ['role', 'aria-label', 'data-testid']) copy.removeAttribute(a);
  return new XMLSerializer().serializeToString(copy);
}

/**
 * A standalone SVG drawn on a canvas at twice its size, as a PNG.
 * @param {string} text @returns {Promise<Blob>}
 */
async function png(text) {
  const [width, height] = (/viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(text) ?? ['', '640', '200']).slice(1).map(Number);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = el('canvas', { width: 2 * width, height: 2 * height });
    const g = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    g.scale(2, 2);
    g.drawImage(img, 0, 0, width, height);
    return await new Promise((done, fail) => canvas.toBlob((b) => (b ? done(b) : fail(new Error('no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
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
