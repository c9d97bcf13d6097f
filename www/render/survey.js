// @ts-check
// A survey report: NPS, CSAT and CES cards, the trend by period, the answer distributions,
// channel-weighted CSAT, segments, and whether each change is real.
import { $, el, fillTable } from '../dom.js';
import { barChart, lineChart } from '../charts.js';
import { intervalDetail, num, sentimentScore } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').SurveyReport} SurveyReport */
/** @typedef {import('../pkg/engagement_metrics.js').SurveyMetrics} SurveyMetrics */
/** @typedef {import('./common.js').Context} Context */

/** @param {SurveyReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const m = r.overall;
  const c = r.comparisons;
  const changes = [...c.periodOverPeriod, ...c.segments.flatMap((s) => s.comparisons)];
  const change = (/** @type {string} */ metric) => latestChange(r, c.periodOverPeriod, metric);
  const card = (/** @type {Parameters<typeof metricCard>[1]} */ o) => metricCard(ctx, o);
  const cards = [];
  if (m.nps) cards.push(card({ kind: Kind.Survey, testid: 'nps', metric: Metric.Nps, value: num(m.nps.score), small: m.nps.smallSample, change: change(Metric.Nps), lines: [
    `±${num(m.nps.marginOfError)} points · ${intervalDetail(m.nps.interval) || 'no interval'}`,
    `${m.nps.promoters} promoters · ${m.nps.passives} passives · ${m.nps.detractors} detractors (n = ${m.nps.responses})`],
  more: [m.nps.definition.formula.split(';')[0]] }));
  if (m.csat) cards.push(card({ kind: Kind.Survey, testid: 'csat', metric: Metric.Csat, value: num(m.csat.score), unit: '%', small: m.csat.smallSample, change: change(Metric.Csat), lines: [
    `${intervalDetail(m.csat.interval) || 'no interval'} · n = ${m.csat.responses}`],
  more: [m.csat.definition.formula, `mean ${num(m.csat.mean, 2)} · net ${num(m.csat.variants.net.value)} · % 3–5 − % 1–2: ${num(m.csat.variants.netWithNeutral.value)} · sum / responses × 100: ${num(m.csat.variants.literalMean.value, 0)}`] }));
  if (m.ces) cards.push(card({ kind: Kind.Survey, testid: 'ces', metric: Metric.Ces, value: num(m.ces.score, 2), small: m.ces.smallSample, change: change(Metric.Ces), lines: [
    `${intervalDetail(m.ces.interval, (v) => num(v, 2)) || 'no interval'} · n = ${m.ces.responses}`,
    `scale ${m.ces.definition.params.scaleMin}–${m.ces.definition.params.scaleMax}, ${m.ces.direction.replace(/[A-Z]/g, (ch) => ` ${ch.toLowerCase()}`)}`],
  more: [`${num(m.ces.easyPercent)}% easy (${m.ces.variants.easyPercent.definition.formula.replace(/ \(.*/, '')}) · ${m.ces.variants.netWithNeutral.definition.formula}: ${num(m.ces.variants.netWithNeutral.value)} pts`] }));
  const rr = m.responseRate;
  if (rr) cards.push(card({ kind: Kind.Survey, testid: 'response-rate', metric: Metric.ResponseRate, value: rr.value === null ? `n/a (${rr.unavailableReason})` : num(rr.value), unit: rr.value === null ? '' : '%', small: rr.smallSample,
    lines: [`${intervalDetail(rr.interval) || 'no interval'} · ${rr.n} invitations`], more: [rr.definition.formula] }));
  if (m.comments) cards.push(card({ kind: Kind.Survey, testid: 'comments', title: 'Comment sentiment', value: sentimentScore(m.comments), lines: [
    `${m.comments.positive} positive · ${m.comments.neutral} neutral · ${m.comments.negative} negative of ${m.comments.texts} comments`],
  more: ['(positive − negative) / comments; VADER, compound ≥ 0.05 positive, ≤ −0.05 negative'] }));
  $('cards').replaceChildren(...cards);
  plainComparisons('survey-plain', r, changes, [Metric.Nps, Metric.Csat, Metric.Ces].filter((k) => m[/** @type {'nps' | 'csat' | 'ces'} */ (k)]), ctx);

  $('trend-period').textContent = r.options.granularity;
  const periods = r.periods;
  const labels = periods.map((p) => p.period);
  const per = `per ${r.options.granularity}`;
  const charts = [];
  if (m.nps) charts.push(lineChart({ title: `${label(Metric.Nps)} ${per}`, testid: 'trend-nps', labels, x: r.options.granularity, y: 'NPS points', format: (v) => num(v),
    series: [{ name: label(Metric.Nps), color: 'blue', values: periods.map((p) => p.metrics.nps?.score), n: periods.map((p) => p.metrics.nps?.responses ?? 0) }] }));
  if (m.csat) charts.push(lineChart({ title: `${label(Metric.Csat)} ${per}`, testid: 'trend-csat', labels, x: r.options.granularity, y: '% satisfied', format: (v) => `${num(v)}%`, min: 0, max: 100, ticks: [0, 25, 50, 75, 100],
    series: [{ name: label(Metric.Csat), color: 'green', values: periods.map((p) => p.metrics.csat?.score), n: periods.map((p) => p.metrics.csat?.responses ?? 0) }] }));
  if (m.ces) charts.push(lineChart({ title: `${label(Metric.Ces)} ${per}`, testid: 'trend-ces', labels, x: r.options.granularity, y: `mean, ${m.ces.definition.params.scaleMin}–${m.ces.definition.params.scaleMax}`, format: (v) => num(v, 2),
    min: Number(m.ces.definition.params.scaleMin), max: Number(m.ces.definition.params.scaleMax),
    series: [{ name: label(Metric.Ces), color: 'orange', values: periods.map((p) => p.metrics.ces?.score), n: periods.map((p) => p.metrics.ces?.responses ?? 0) }] }));
  $('trend').replaceChildren(...charts);
  $('trend-table').replaceChildren(el('div', { class: 'scroll' }, metricsTable('period-table', 'Period', periods.map((p) => [p.period, p.metrics]), ctx)), el('p', { class: 'detail', text: SMALL_NOTE }));

  if (r.responsePeriods.length) {
    $('trend-table').append(el('h3', { text: `${label(Metric.ResponseRate)} by invitation ${r.options.granularity}` }),
      el('div', { class: 'scroll' }, el('table', { id: 'response-periods' })));
    fillTable('response-periods', ['Invited in', 'Invitations', 'Answered', label(Metric.ResponseRate)],
      r.responsePeriods.map((p) => [p.period, String(p.invited), String(p.responded),
        p.responseRate.value === null ? 'n/a' : `${num(p.responseRate.value)}%${p.responseRate.interval ? ` (${num(p.responseRate.interval.low)}–${num(p.responseRate.interval.high)})` : ''}`]));
  }

  const d = $('distributions');
  d.replaceChildren();
  const bars = (/** @type {{ score: number, count: number }[] | null} */ dist) => (dist ?? []).map((x) => ({ label: String(x.score), count: x.count }));
  if (m.nps) d.append(barChart({ title: `${label(Metric.Nps)}: answers (0–10)`, testid: 'distribution-nps', bars: bars(m.nps.distribution), color: 'blue', x: 'answer', y: 'answers' }));
  if (m.csat) d.append(barChart({ title: `${label(Metric.Csat)}: answers`, testid: 'distribution-csat', bars: bars(m.csat.distribution), color: 'green', x: 'answer', y: 'answers' }));
  if (m.ces) d.append(barChart({ title: `${label(Metric.Ces)}: answers`, testid: 'distribution-ces', bars: bars(m.ces.distribution), color: 'orange', x: 'answer', y: 'answers' }));

  const box = $('segments');
  box.replaceChildren();
  for (const seg of r.segments) {
    box.append(el('h3', { text: `By ${seg.column}` }),
      el('div', { class: 'scroll' }, metricsTable(`segment-${seg.column}`, 'Value', seg.groups.map((g) => [g.value, g.metrics]), ctx)),
      el('p', { class: 'detail', text: SMALL_NOTE }));
  }
  const ch = r.channelCsat;
  $('channel').replaceChildren();
  if (ch) {
    $('channel').append(el('h3', { text: `${label(Metric.Csat)} across channels` }),
      el('p', { 'data-testid': 'channel-csat', text: `Weighted by each channel's share of interactions: ${num(ch.value)}% (${intervalDetail(ch.interval) || 'no interval'}) · pooled over all answers: ${num(ch.pooled)}%` }),
      el('p', { class: 'detail', text: ch.definition.formula }));
  }

  $('comparisons-definition').textContent = `${c.definition.formula}. Confidence ${Math.round(100 * c.confidence)}%.`;
  changesTable('period-changes', Kind.Survey, c.periodOverPeriod, ctx);
  changesTable('segment-changes', Kind.Survey, c.segments.flatMap((s) => s.comparisons), ctx);
}

const SMALL_NOTE = 'Intervals at the report\'s confidence; * fewer than 30 answers (small sample).';

/** A survey metric's value with its interval, "*" when it rests on fewer than 30 answers. @param {{ score: number | null, interval: import('../pkg/engagement_metrics.js').Interval | null, smallSample: boolean } | null | undefined} m */
const scoreWithInterval = (m, d = 1) => (m ? `${num(m.score, d)}${m.interval ? ` (${num(m.interval.low, d)}–${num(m.interval.high, d)})` : ''}${m.smallSample ? ' *' : ''}` : 'n/a');

/**
 * One row per group of survey metrics: NPS, CSAT and CES with their intervals.
 * @param {string} testid @param {string} first @param {[string, SurveyMetrics][]} rows @param {Context} ctx
 */
function metricsTable(testid, first, rows, ctx) {
  const t = el('table', { 'data-testid': testid });
  const l = ctx.names.label;
  t.append(el('tr', {}, ...[first, 'Rows', `${l(Metric.Nps)} (interval)`, `${l(Metric.Csat)} % (interval)`, `${l(Metric.Ces)} (interval)`].map((h) => el('th', { text: h }))));
  for (const [name, m] of rows) {
    t.append(el('tr', {}, ...[name, m.rows, scoreWithInterval(m.nps), scoreWithInterval(m.csat), scoreWithInterval(m.ces, 2)].map((v) => el('td', { text: String(v) }))));
  }
  return t;
}
