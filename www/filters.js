// @ts-check
// Filters of the report: a date range and values of the breakdown columns, applied by the
// engine (the `filter` option: the rows left out are as if not in the file), each shown as a
// chip that removes it.
import { $, el, input, select } from './dom.js';
import { count } from './pkg/format.js';
import { Role } from './pkg/vocabulary.js';

/** @typedef {import('./pkg/engagement_metrics.js').Report} Report */
/** @typedef {import('./pkg/engagement_metrics.js').AnalyzeOptions} AnalyzeOptions */
/** @typedef {NonNullable<AnalyzeOptions['filter']>} Filter */
/** @typedef {(patch: AnalyzeOptions) => void} Rerun */

/** The filter without empty parts; undefined when nothing is left. @param {Filter} f @returns {Filter | undefined} */
function tidy(f) {
  /** @type {Filter} */
  const out = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  const segs = Object.entries(f.segments ?? {}).filter(([, v]) => v.length > 0);
  if (segs.length) out.segments = Object.fromEntries(segs);
  return Object.keys(out).length ? out : undefined;
}

/** The data's span before any filter, kept while filters are on. @type {{ min: unknown, max: unknown } | null} */
let wholeSpan = null;

/** The active filters in words, for the report's summary (and so for print). @param {Filter | undefined} f */
export function filterWords(f) {
  if (!f) return '';
  const parts = [];
  if (f.from) parts.push(`from ${f.from}`);
  if (f.to) parts.push(`to ${f.to}`);
  for (const [header, values] of Object.entries(f.segments ?? {})) parts.push(`${header} is ${values.join(' or ')}`);
  return parts.length ? `Filtered: ${parts.join(', ')}` : '';
}

/** The date part of an RFC 3339 time (the inputs take days). @param {unknown} t */
const day = (t) => (typeof t === 'string' ? t.slice(0, 10) : '');

/**
 * Shows the filter bar for a report: the date range (bounded by the data's first and last
 * day), a picker of a breakdown column and one of its values, and a chip per active filter.
 * @param {Report} r @param {Filter | undefined} active @param {Rerun} rerun
 */
export function renderFilters(r, active, rerun) {
  const bar = $('filter-bar');
  const f = active ?? {};
  // The data's first and last time: the stored time column's, or the survey's answers'.
  const stored = r.dataset.columns.find((c) => c.role === Role.Timestamp);
  const span = stored ? { min: stored.min, max: stored.max }
    : 'firstResponse' in r && r.firstResponse ? { min: r.firstResponse, max: r.lastResponse } : null;
  // The pickers keep the whole file's span while filters narrow the report.
  if (!active || !wholeSpan) wholeSpan = span;
  const time = wholeSpan;
  const categories = r.dataset.columns.filter((c) => c.values && c.values.length > 1);
  bar.hidden = !time && categories.length === 0;
  const apply = (/** @type {Filter} */ next) => rerun({ filter: tidy(next) });

  $('filter-dates').hidden = !time;
  for (const [id, key] of /** @type {const} */ ([['filter-from', 'from'], ['filter-to', 'to']])) {
    const box = input(id);
    box.min = day(time?.min);
    box.max = day(time?.max);
    box.value = f[key] ?? '';
    box.onchange = () => apply({ ...f, [key]: box.value || undefined });
  }

  const column = select('filter-column'), value = select('filter-value');
  $('filter-add').hidden = categories.length === 0;
  column.replaceChildren(...categories.map((c) => el('option', { value: c.header, text: c.header })));
  const fillValues = () => {
    const c = categories.find((x) => x.header === column.value);
    value.replaceChildren(...(c?.values ?? []).map((v) => el('option', { value: v.value, text: `${v.value} (${count(v.rows)} rows in the file)` })));
  };
  column.onchange = fillValues;
  fillValues();
  $('filter-add-button').onclick = () => {
    const segments = { ...(f.segments ?? {}) };
    const kept = segments[column.value] ?? [];
    if (!kept.includes(value.value)) segments[column.value] = [...kept, value.value];
    apply({ ...f, segments });
  };

  /** @type {HTMLElement[]} */
  const chips = [];
  const chip = (/** @type {string} */ text, /** @type {Filter} */ without) => {
    const b = el('button', { type: 'button', class: 'chip', 'aria-label': `Remove filter: ${text}` }, text, el('span', { 'aria-hidden': 'true', text: ' ✕' }));
    b.addEventListener('click', () => apply(without));
    chips.push(b);
  };
  if (f.from) chip(`From ${f.from}`, { ...f, from: undefined });
  if (f.to) chip(`To ${f.to}`, { ...f, to: undefined });
  for (const [header, values] of Object.entries(f.segments ?? {})) {
    for (const v of values) chip(`${header} is ${v}`, { ...f, segments: { ...f.segments, [header]: values.filter((x) => x !== v) } });
  }
  $('filter-chips').replaceChildren(...chips);
  const left = r.dataset.rowsFiltered;
  $('filter-effect').textContent = chips.length
    ? `${count(left)} of ${count(r.dataset.rowsKept + r.dataset.rowsSkipped + left)} rows left out by the filters; every figure is for the rest.`
    : '';
}
