// @ts-check
// How a figure reads, for the page and the CLI alike: numbers, shares, durations, intervals and
// differences, each in the unit the metric catalogue gives it. Both import this one module (the
// package ships it beside the web build), so a figure cannot read one way on the page and
// another in the terminal.

/** @typedef {import('./engagement_metrics.js').MetricInfo} MetricInfo */
/** @typedef {import('./engagement_metrics.js').Metric} Metric */
/** @typedef {import('./engagement_metrics.js').Kind} Kind */
/** @typedef {import('./engagement_metrics.js').Unit} Unit */
/** @typedef {import('./engagement_metrics.js').Interval} Interval */
/** @typedef {import('./engagement_metrics.js').Rate} Rate */

import { Metric as M, Unit as U } from './vocabulary.js';

const NA = 'n/a';
/** @param {unknown} v @returns {v is null | undefined} */
const missing = (v) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

/** A number with `d` decimals, or "n/a". @param {number | null | undefined} v */
export const num = (v, d = 1) => (missing(v) ? NA : v.toFixed(d));

/** A whole count with thousands separators. @param {number | null | undefined} v */
export const count = (v) => (missing(v) ? NA : Math.round(v).toLocaleString('en'));

/**
 * Money with `d` decimals and thousands separators (12,345.67): the same fixed grouping as
 * `count`, whatever the browser's locale. CSV exports keep plain numbers.
 * @param {number | null | undefined} v
 */
export const money = (v, d = 2) => (missing(v) ? NA : v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));

/** A share (0–1) as a percentage. @param {number | null | undefined} v */
export const percent = (v, d = 1) => (missing(v) ? NA : `${(100 * v).toFixed(d)}%`);

/** A value already in percent. @param {number | null | undefined} v */
export const percentValue = (v, d = 1) => (missing(v) ? NA : `${v.toFixed(d)}%`);

/** With its sign: +1.2, −0.4. @param {number | null | undefined} v */
export const signed = (v, d = 1) => (missing(v) ? NA : `${v >= 0 ? '+' : ''}${v.toFixed(d)}`);

/**
 * Seconds as a readable duration: "45 s", "12.5 min", "3 h 20 min", "2 d 3 h".
 * @param {number | null | undefined} s
 */
export function duration(s) {
  if (missing(s)) return NA;
  if (s < 0) return `−${duration(-s)}`;
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  const whole = Math.round(s / 60);
  if (whole < 1440) {
    const [h, m] = [Math.floor(whole / 60), whole % 60];
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(s / 3600);
  const [d, h] = [Math.floor(hours / 24), hours % 24];
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** The decimals a value of this unit is shown with. @param {Unit} unit */
const places = (unit) => (unit === U.Score || unit === U.Currency ? 2 : unit === U.Ratio ? 1 : 1);

/**
 * A value in its unit: a ratio as a percentage, percent with "%", seconds as a duration, counts
 * whole, money and scores to 2 decimals.
 * @param {number | null | undefined} v @param {Unit} unit
 */
export function figure(v, unit, d = places(unit)) {
  switch (unit) {
    case U.Ratio: return percent(v, d);
    case U.Percent: return percentValue(v, d);
    case U.Seconds: return duration(v);
    case U.Count: case U.Users: case U.Purchases: return count(v);
    case U.Multiple: return missing(v) ? NA : `${v.toFixed(d)}×`;
    case U.Currency: return money(v, d);
    default: return num(v, d);
  }
}

/**
 * A calculator's result (`calculate()`) in the unit it comes with: percent as it is (15 → "15.00%"),
 * a ratio as a percentage (an A/B lift of 0.03 → "3.00%") except a sentiment score, which reads
 * −1 … 1 as in the reports (0.450), NPS points to 1 decimal, whole counts with separators, money
 * and multiples to 2 decimals, other numbers to 3.
 * @param {number | null | undefined} v @param {Unit} unit @param {string} [metric] the calculator
 */
export function calculated(v, unit, metric) {
  if (metric === M.SentimentScore) return num(v, 3);
  if (unit === U.Count && Number.isInteger(v)) return count(v);
  const d = unit === U.Points ? 1 : unit === U.Percent || unit === U.Ratio || unit === U.Currency || unit === U.Multiple ? 2 : 3;
  return figure(v, unit === U.Seconds || unit === U.Count ? U.Score : unit, d);
}

/**
 * An interval "low–high" with a formatter; "" without one.
 * @param {Interval | null | undefined} i @param {(v: number) => string} f
 */
export const range = (i, f = (v) => num(v)) => (i ? `${f(i.low)}${i.low < 0 ? ' to ' : '–'}${f(i.high)}` : '');

/**
 * "95% interval low–high", for a detail line; "" without an interval. (How it was computed is
 * in the report and the figure's definition, not in this line.)
 * @param {Interval | null | undefined} i @param {(v: number) => string} f
 */
export const intervalDetail = (i, f = (v) => num(v), what = 'interval') =>
  (i ? `${Math.round(100 * i.level)}% ${what} ${range(i, f)}` : '');

/** A rate's share as a percentage, or why it is not available. @param {Rate} r */
export const rate = (r, d = 1) => (r.value === null ? `${NA} (${r.unavailableReason})` : percent(r.value, d));

/** A rate with its interval, "*" when its denominator is below 30, for a table cell. @param {Rate} r */
export const rateWithInterval = (r) => (r.value === null ? rate(r)
  : `${percent(r.value)}${r.interval ? ` (${range(r.interval, (v) => percent(v))})` : ''}${r.smallSample ? ' *' : ''}`);

/** A rate's interval and sample size, for a detail line. @param {Rate} r */
export const rateDetail = (r) => (r.value === null ? ''
  : `${r.interval ? `${intervalDetail(r.interval, (v) => percent(v))} · ` : ''}n = ${count(r.denominator)}${r.smallSample ? ' · small sample' : ''}`);

/**
 * A difference between two values of this unit: shares and percentages in percentage points,
 * everything else on its own scale.
 * @param {number | null | undefined} v @param {Unit} unit
 */
export function difference(v, unit) {
  if (missing(v)) return NA;
  if (unit === U.Ratio) return `${signed(100 * v, 2)} pts`;
  if (unit === U.Percent || unit === U.Points) return `${signed(v, 2)} pts`;
  if (unit === U.Seconds) return `${v >= 0 ? '+' : '−'}${duration(Math.abs(v))}`;
  if (unit === U.Currency) return `${v >= 0 ? '+' : ''}${money(v)}`;
  return signed(v, 3);
}

/** A sentiment summary: the score, or why there is none. @param {{ score: number | null } | null | undefined} s */
export const sentimentScore = (s) => (!s ? `${NA} (no text column)` : s.score === null ? `${NA} (no texts)` : num(s.score, 3));

/**
 * A sentence of the engine that names variants by id ("marginAdjusted equals purchaseValue…"),
 * with those of `ids` that it names replaced by their quoted labels, for people.
 * @param {string} text @param {readonly string[]} ids @param {Record<string, string>} labels
 */
export function withVariantLabels(text, ids, labels) {
  if (!ids.length) return text;
  return text.replace(new RegExp(`\\b(?:${ids.join('|')})\\b`, 'g'), (id) => (labels[id] ? `“${labels[id]}”` : id));
}

/**
 * Labels and units of the metric catalogue, by id: `label('openRate')` is "Open rate";
 * `unitIn(kind, id)` the unit the figure has where it sits in that kind's report.
 * @param {MetricInfo[]} catalogue
 */
export function metricNames(catalogue) {
  /** @type {Map<string, MetricInfo>} */
  const byId = new Map(catalogue.map((m) => [m.id, m]));
  /** @param {string} id */
  const info = (id) => byId.get(id);
  return {
    info,
    /** @param {string} id */
    label: (id) => info(id)?.label ?? id,
    /** @param {Kind} kind @param {string} id @returns {Unit} */
    unitIn: (kind, id) => info(id)?.places.find((p) => p.kind === kind)?.unit ?? info(id)?.unit ?? U.Count,
    /** The metrics a kind takes targets for, in catalogue order. @param {Kind} kind */
    targets: (kind) => catalogue.filter((m) => m.target && m.places.some((p) => p.kind === kind)),
  };
}
/** @typedef {ReturnType<typeof metricNames>} MetricNames */
