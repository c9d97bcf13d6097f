// @ts-check
// A survey report: NPS, CSAT and CES cards, the trend by period, the answer distributions,
// channel-weighted CSAT, segments, and whether each change is real.
import { $, card, el, fillTable } from '../dom.js';
import { histogram, lineChart } from '../charts.js';
import { intervalDetail, num, sentimentScore } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').SurveyReport} SurveyReport */
/** @typedef {import('../pkg/engagement_metrics.js').SurveyMetrics} SurveyMetrics */
/** @typedef {import('./common.js').Context} Context */

/** @param {SurveyReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const m = r.overall;
  const cards = [];
  if (m.nps) cards.push(card('nps', label(Metric.Nps), num(m.nps.score), [
    `±${num(m.nps.marginOfError)} points · ${intervalDetail(m.nps.interval) || 'no interval'}`,
    `${m.nps.promoters} promoters · ${m.nps.passives} passives · ${m.nps.detractors} detractors (n = ${m.nps.responses})`,
    m.nps.definition.formula.split(';')[0]], m.nps.smallSample));
  if (m.csat) cards.push(card('csat', label(Metric.Csat), num(m.csat.score), [
    `${intervalDetail(m.csat.interval) || 'no interval'} · n = ${m.csat.responses}`,
    `mean ${num(m.csat.mean, 2)} · net ${num(m.csat.variants.net.value)} · % 3–5 − % 1–2: ${num(m.csat.variants.netWithNeutral.value)} · sum / responses × 100: ${num(m.csat.variants.literalMean.value, 0)}`,
    m.csat.definition.formula], m.csat.smallSample, '%'));
  if (m.ces) cards.push(card('ces', label(Metric.Ces), num(m.ces.score, 2), [
    `${intervalDetail(m.ces.interval, (v) => num(v, 2)) || 'no interval'} · n = ${m.ces.responses}`,
    `${num(m.ces.easyPercent)}% easy (${m.ces.variants.easyPercent.definition.formula.replace(/ \(.*/, '')}) · ${m.ces.variants.netWithNeutral.definition.formula}: ${num(m.ces.variants.netWithNeutral.value)} pts`,
    `scale ${m.ces.definition.params.scaleMin}–${m.ces.definition.params.scaleMax}, ${m.ces.direction.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`], m.ces.smallSample));
  const rr = m.responseRate;
  if (rr) cards.push(card('response-rate', label(Metric.ResponseRate), rr.value === null ? `n/a (${rr.unavailableReason})` : num(rr.value), [
    `${intervalDetail(rr.interval) || 'no interval'} · ${rr.n} invitations`,
    rr.definition.formula], rr.smallSample, rr.value === null ? '' : '%'));
  if (m.comments) cards.push(card('comments', 'Comment sentiment', sentimentScore(m.comments), [
    `${m.comments.positive} positive · ${m.comments.neutral} neutral · ${m.comments.negative} negative of ${m.comments.texts} comments`,
    '(positive − negative) / comments; VADER, compound ≥ 0.05 positive, ≤ −0.05 negative']));
  $('cards').replaceChildren(...cards);

  $('trend-period').textContent = r.options.granularity;
  const periods = r.periods;
  const [chart, legend] = lineChart([
    { name: `${label(Metric.Nps)} (points)`, color: '#2357c6', values: periods.map((p) => p.metrics.nps?.score), n: periods.map((p) => p.metrics.nps?.responses ?? 0) },
    { name: `${label(Metric.Csat)} (% satisfied)`, color: '#1f7a3f', values: periods.map((p) => p.metrics.csat?.score), n: periods.map((p) => p.metrics.csat?.responses ?? 0) },
  ], periods.map((p) => p.period), 'trend', 'Trend per period', { min: -100, max: 100, ticks: [-100, -50, 0, 50, 100] });
  $('trend').replaceChildren(chart, legend, el('details', {}, el('summary', { text: 'Table' }),
    metricsTable('period-table', 'Period', periods.map((p) => [p.period, p.metrics]), ctx), el('p', { class: 'detail', text: SMALL_NOTE })));

  if (r.responsePeriods.length) {
    $('trend').append(el('h3', { text: `${label(Metric.ResponseRate)} by invitation ${r.options.granularity}` }),
      el('div', { class: 'scroll' }, el('table', { id: 'response-periods' })));
    fillTable('response-periods', ['Invited in', 'Invitations', 'Answered', label(Metric.ResponseRate)],
      r.responsePeriods.map((p) => [p.period, String(p.invited), String(p.responded),
        p.responseRate.value === null ? 'n/a' : `${num(p.responseRate.value)}%${p.responseRate.interval ? ` (${num(p.responseRate.interval.low)}–${num(p.responseRate.interval.high)})` : ''}`]));
  }

  const d = $('distributions');
  d.replaceChildren();
  const bars = (/** @type {{ score: number, count: number }[] | null} */ dist) => (dist ?? []).map((x) => ({ label: String(x.score), count: x.count }));
  if (m.nps) d.append(histogram(`${label(Metric.Nps)}: answers (0–10)`, bars(m.nps.distribution), '#2357c6'));
  if (m.csat) d.append(histogram(`${label(Metric.Csat)}: answers`, bars(m.csat.distribution), '#1f7a3f'));
  if (m.ces) d.append(histogram(`${label(Metric.Ces)}: answers`, bars(m.ces.distribution), '#b26a00'));

  const box = $('segments');
  box.replaceChildren();
  for (const seg of r.segments) {
    box.append(el('h2', { text: `By ${seg.column}` }),
      el('div', { class: 'scroll' }, metricsTable(`segment-${seg.column}`, 'Value', seg.groups.map((g) => [g.value, g.metrics]), ctx)),
      el('p', { class: 'detail', text: SMALL_NOTE }));
  }
  const ch = r.channelCsat;
  $('channel').replaceChildren();
  if (ch) {
    $('channel').append(el('h2', { text: `${label(Metric.Csat)} across channels` }),
      el('p', { 'data-testid': 'channel-csat', text: `Weighted by each channel's share of interactions: ${num(ch.value)}% (${intervalDetail(ch.interval) || 'no interval'}) · pooled over all answers: ${num(ch.pooled)}%` }),
      el('p', { class: 'detail', text: ch.definition.formula }));
  }

  const c = r.comparisons;
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
