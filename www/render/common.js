// @ts-check
// What every kind's report shows: the trend flags and targets, the changes with their tests,
// what was read (dataset), the columns and their roles, the problems found in the file.
import { $, el, fillTable } from '../dom.js';
import { count, difference, num, percentValue, signed } from '../pkg/format.js';
import { Baseline, Kind as K, Metric } from '../pkg/vocabulary.js';
import { changeLine, changeSentence, headlineChanges } from './words.js';

/** @typedef {import('../pkg/engagement_metrics.js').Report} Report */
/** @typedef {import('../pkg/engagement_metrics.js').AnalyzeOptions} AnalyzeOptions */
/** @typedef {import('../pkg/engagement_metrics.js').Kind} Kind */
/** @typedef {import('../pkg/engagement_metrics.js').Role} RoleName */
/** @typedef {import('../pkg/engagement_metrics.js').Variant} Variant */
/** @typedef {import('../pkg/engagement_metrics.js').Signals} Signals */
/** @typedef {import('../pkg/engagement_metrics.js').MetricComparison} Change */
/** @typedef {import('../pkg/format.js').MetricNames} MetricNames */
/**
 * What a renderer gets besides the report: the catalogue's labels, the roles', kinds' and
 * variants' labels, the options the report was made with, and a way to analyse the file again
 * with changed options.
 * @typedef {{ names: MetricNames, roleLabels: Record<RoleName, string>, kindLabels: Record<Kind, string>,
 *   variantLabels: Record<Variant, string>, rfmSegmentLabels: Record<string, string>, engagementLabels: Record<string, string>, options: AnalyzeOptions,
 *   rerun: (patch: AnalyzeOptions, analyse?: boolean) => void }} Context
 */

/**
 * Changes between periods and of each segment against the rest: the figure's label, the
 * difference in the figure's unit (shares in points), its interval, p (Holm for segments) and
 * whether it is significant at the report's level.
 * @param {string} id @param {Kind} kind @param {Change[]} changes @param {Context} ctx
 */
export function changesTable(id, kind, changes, ctx) {
  fillTable(id, ['Figure', 'From / baseline', 'To / segment', 'Change', 'Interval (unadjusted)', 'p (Holm for segments)', 'Significant'], changes.map((c) => {
    const k = c.comparison;
    const label = ctx.names.label(c.metric);
    // The same period a year earlier reads as such, not as an unexplained jump back.
    const baseline = c.against === Baseline.YearEarlier ? `${c.baseline} (a year earlier)` : c.baseline;
    // A group too small for the test says so instead of a p-value (never "significant").
    if (!k) return [label, baseline, c.group, c.unavailableReason ?? 'n/a', '', '', c.unavailableReason ? 'not tested' : ''];
    const unit = ctx.names.unitIn(kind, c.metric);
    const iv = k.differenceInterval;
    return [label, baseline, c.group, difference(k.difference, unit),
      iv ? `${difference(iv.low, unit)} to ${difference(iv.high, unit)}` : '', num(c.adjustedPValue ?? k.pValue, 4), c.significant ? 'yes' : 'no'];
  }));
}

/**
 * Trend flags, and a form of the targets the kind takes (from the catalogue) with their gaps.
 * @param {Report} r @param {Context} ctx
 */
export function renderSignals(r, ctx) {
  const s = r.signals;
  const flags = $('kind-trend-flags');
  flags.replaceChildren(...s.trendFlags.map((f) => el('li', {
    text: `${f.period}: ${ctx.names.label(f.metric)} ${num(f.value, 2)} is ${f.direction === 'up' ? 'above' : 'below'} the band of the periods before it (median ${num(f.median, 2)}, robust z ${num(f.robustZ, 1)})`,
  })));
  if (!s.trendFlags.length) flags.append(el('li', { text: 'No period lies outside the band of the periods before it.' }));
  const form = $('kind-benchmark-form');
  const entered = ctx.options.benchmarks ?? {};
  form.replaceChildren(...ctx.names.targets(r.kind).map((m) => el('label', {}, `${m.label} (${unitWord(m.unit)}) `,
    el('input', { name: m.id, type: 'number', step: 'any', value: entered[m.id] ?? '' }))), el('button', { type: 'submit', text: 'Compare with targets' }));
  form.onsubmit = (e) => {
    e.preventDefault();
    /** @type {Record<string, number>} */
    const benchmarks = {};
    for (const i of form.querySelectorAll('input')) if (i.value !== '') benchmarks[i.name] = Number(i.value);
    ctx.rerun({ benchmarks: /** @type {AnalyzeOptions['benchmarks']} */ (benchmarks) });
  };
  fillTable('kind-benchmarks', ['Figure', 'Target', 'Value', 'Gap'],
    s.benchmarks.map((b) => [ctx.names.label(b.metric), String(b.target), num(b.value, 2), b.gap === null ? 'n/a' : signed(b.gap, 2)]));
}

/** The unit a target is typed in, in words. @param {import('../pkg/engagement_metrics.js').Unit} u */
const unitWord = (u) => ({ percent: '%', points: 'points', score: 'on the scale', currency: 'money', ratio: '0–1', seconds: 's' })[u] ?? u;

/** What ingestion kept. @param {Report} r @param {Context} ctx */
export function renderDataset(r, ctx) {
  const d = r.dataset;
  // A survey is summed as it streams: nothing is held per row.
  $('dataset-summary').textContent = `${count(d.rowsKept)} rows kept, ${count(d.rowsSkipped)} skipped` +
    (d.memoryBytes > 0 ? ` · ${d.bytesPerRow} bytes per row in typed columns · ${(d.memoryBytes / 1e6).toFixed(1)} MB held.` : '.');
  fillTable('dataset-columns', ['Column', 'Used as', 'Type', 'Distinct', 'From', 'To', 'Missing'],
    d.columns.map((c) => [c.header, ctx.roleLabels[c.role] ?? c.role, c.valueType, c.distinct ?? '', c.min ?? '', c.max ?? '', c.missing]));
}

/**
 * Rows per weekday (when the data span two weeks or more): bars of rows per date of each
 * weekday, and a table with the dates covered, the share and the index against an average day.
 * @param {Report} r @param {Context} ctx
 */
export function renderWeekdays(r, ctx) {
  const w = r.weekdayProfile;
  $('weekday-results').hidden = !w;
  if (!w) return;
  $('weekday-title').textContent = ctx.names.label(Metric.WeekdayProfile);
  $('weekday-definition').textContent = `${w.definition.formula}.`;
  fillTable('weekday-profile', ['Weekday', 'Dates', 'Rows', 'Per date', 'Share', 'Index'],
    w.weekdays.map((d) => [d.weekday, d.days, count(d.rows), num(d.perDay, 1), percentValue(d.share, 1), num(d.index, 2)]));
}

/**
 * Rejected values with examples, and the warnings, under the vocabulary's labels (the codes
 * stay in the JSON).
 * @param {Report} r @param {Pick<import('../pkg/engagement_metrics.js').Vocabulary, 'rejectionLabels' | 'fateLabels' | 'warningLabels'>} labels
 */
export function renderProblems(r, { rejectionLabels, fateLabels, warningLabels }) {
  const box = $('problems');
  box.replaceChildren();
  if (r.rejected.length) {
    const t = el('table', { 'data-testid': 'rejected' });
    t.append(el('tr', {}, ...['Reason', 'Column', 'Count', 'What happened', 'Examples (row: value — why)'].map((h) => el('th', { text: h }))));
    for (const x of r.rejected) {
      const ex = x.examples.map((e) => `${e.row}: ${JSON.stringify(e.value)} — ${e.reason}`).join('\n');
      t.append(el('tr', {}, ...[rejectionLabels[x.code], x.column, count(x.count), fateLabels[x.fate], ex].map((v) => el('td', { text: String(v) }))));
    }
    box.append(el('div', { class: 'scroll' }, t));
  } else box.append(el('p', { text: 'No rejected values.' }));
  for (const w of r.warnings) box.append(el('p', { class: 'flag', text: `${warningLabels[w.code]}: ${w.message}` }));
}

/**
 * What a kind's rows are, for "too few … to tell".
 * @type {Record<Kind, string>}
 */
const NOUNS = {
  [K.Survey]: 'answers', [K.Events]: 'users or sessions', [K.Transactions]: 'customers or orders', [K.Tickets]: 'support tickets',
  [K.Campaigns]: 'recipients', [K.Social]: 'posts', [K.Reviews]: 'rated reviews', [K.Mentions]: 'brand mentions', [K.Scans]: 'scans recorded',
};

/**
 * A headline card: the catalogue's label, the value with its unit, short lines (interval, n),
 * the change from the previous full period with its significance, the small-sample mark, and
 * the definition one click away (the catalogue's description, the formula and the variants).
 * @param {Context} ctx
 * @param {{ testid: string, metric?: string, title?: string, value: string, unit?: string, lines?: (string | false | null | undefined)[],
 *   more?: (string | false | null | undefined)[], small?: boolean, change?: Change | null, kind: Kind }} c
 */
export function metricCard(ctx, { testid, metric, title, value, unit = '', lines = [], more = [], small = false, change = null, kind }) {
  const info = metric ? ctx.names.info(metric) : undefined;
  const definition = [info?.description, ...more].filter((l) => l);
  const sign = change?.comparison ? (change.significant ? 'significant' : 'not-significant') : 'untested';
  return el('div', { class: 'card', 'data-testid': testid },
    el('h3', { text: title ?? (metric ? ctx.names.label(metric) : '') }),
    el('div', { class: 'value' }, el('span', { 'data-testid': `${testid}-value`, text: value }), unit),
    ...lines.filter((l) => l).map((l) => el('div', { class: 'detail', text: String(l) })),
    change ? el('div', { class: `change ${sign}`, 'data-testid': `${testid}-change`, text: changeLine(change, ctx.names.unitIn(kind, change.metric)) }) : null,
    small ? el('div', { class: 'flag', text: 'small sample (n < 30): read with care' }) : null,
    definition.length ? el('details', { class: 'definition' }, el('summary', { text: 'Definition' }),
      ...definition.map((l) => el('p', { text: String(l) }))) : null);
}

/**
 * The comparisons a person asks for, in plain words, into the list with this id: for each
 * metric, the latest full period against the previous one and against the same period a year
 * earlier (when the report has it), and the segment furthest from the rest of its breakdown.
 * @param {string} id @param {Report} r @param {Change[]} changes @param {string[]} metrics @param {Context} ctx
 */
export function plainComparisons(id, r, changes, metrics, ctx) {
  const partial = new Set(r.partialPeriods.map((p) => p.period));
  /** @type {string[]} */
  const lines = [];
  /** @type {[Change, string][]} */
  const segments = [];
  for (const m of metrics) {
    const how = { label: ctx.names.label(m), unit: ctx.names.unitIn(r.kind, m), noun: NOUNS[r.kind] };
    const { previous, yearEarlier, segment } = headlineChanges(changes, m, partial);
    if (previous) lines.push(changeSentence(previous, how));
    if (yearEarlier) lines.push(changeSentence(yearEarlier, how));
    if (segment) segments.push([segment, changeSentence(segment, how)]);
  }
  // The segments: those that differ beyond chance, else the closest call.
  const significant = segments.filter(([c]) => c.significant);
  const picked = (significant.length ? significant.slice(0, 2) : segments.slice(0, 1)).map(([, text]) => text);
  // Six sentences at most: the overview stays short (every change is in the tables below).
  lines.splice(6 - picked.length);
  lines.push(...picked);
  const list = $(id);
  // A period (2024-05, 2024-W07, 2024-05-31) does not break at its hyphen.
  list.replaceChildren(...lines.map((text) => el('li', {}, ...text.split(/(\d{4}-(?:W?\d\d(?:-\d\d)?|Q\d))/).map((part, i) => (i % 2 ? el('span', { class: 'nowrap', text: part }) : part)))));
  list.hidden = lines.length === 0;
}

/** The change rows of one metric's latest full period (for its card). @param {Report} r @param {Change[]} changes @param {string} metric */
export function latestChange(r, changes, metric) {
  return headlineChanges(changes, metric, new Set(r.partialPeriods.map((p) => p.period))).previous;
}
