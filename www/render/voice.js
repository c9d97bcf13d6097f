// @ts-check
// Reviews and brand mentions: sentiment (VADER), ratings, share of voice; by period and
// source, changes tested.
import { $, fillTable } from '../dom.js';
import { lineChart } from '../charts.js';
import { num, percent, rate, rateDetail, sentimentScore } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').VoiceReport} VoiceReport */
/** @typedef {import('./common.js').Context} Context */

/** @param {VoiceReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const v = r.voice, o = v.overall, st = o.sentiment, rt = o.ratings;
  const reviews = r.kind === Kind.Reviews;
  $('voice-title').textContent = ctx.kindLabels[r.kind];
  const changes = [...v.changes, ...v.segmentChanges];
  const tested = [...new Set(v.changes.map((c) => c.metric))];
  const change = (/** @type {string} */ metric) => latestChange(r, v.changes, metric);
  const card = (/** @type {Omit<Parameters<typeof metricCard>[1], 'kind'>} */ c) => metricCard(ctx, { ...c, kind: r.kind });
  const cards = [card({ testid: 'sentiment', metric: Metric.SentimentScore, value: sentimentScore(st),
    lines: st ? [`${st.positive} positive, ${st.neutral} neutral, ${st.negative} negative of ${st.texts} texts`] : [] })];
  if (rt) {
    cards.push(card({ testid: 'rating', metric: Metric.AverageRating, value: num(rt.mean, 2), small: rt.goodShare.smallSample, change: change(Metric.MeanRating),
      lines: [`${rt.ratings} ratings; ${rate(rt.goodShare)} rated ${v.definition.params.goodRatingMin}+`], more: [rateDetail(rt.goodShare)] }));
    cards.push(card({ testid: 'rating-distribution', title: 'Rating distribution', value: '', lines: [rt.distribution.map(([stars, n]) => `${stars}★ ${n}`).join(' · ')] }));
  }
  if (v.ourShareOfVoice) cards.push(card({ testid: 'our-share', title: `Our ${label(Metric.ShareOfVoice).toLowerCase()}`, value: rate(v.ourShareOfVoice), lines: [String(v.definition.params.brand)] }));
  if (!reviews) cards.push(card({ testid: 'mentions-count', title: 'Mentions', value: num(o.mentions, 0), lines: [] }));
  $('voice-cards').replaceChildren(...cards);
  plainComparisons('voice-plain', r, changes, tested, ctx);
  const g = r.options.granularity, ps = v.periods, labels = ps.map((p) => p.name);
  const charts = [lineChart({ title: `${reviews ? 'Reviews' : 'Mentions'} per ${g}`, testid: 'voice-count-chart', labels, x: g, y: reviews ? 'reviews written' : 'brand mentions', format: (x) => num(x, 0), min: 0,
    series: [{ name: reviews ? 'reviews written' : 'brand mentions', color: 'blue', values: ps.map((p) => p.mentions) }] })];
  if (ps.some((p) => p.sentiment?.score !== null && p.sentiment?.score !== undefined)) {
    charts.push(lineChart({ title: `${label(Metric.SentimentScore)} per ${g}`, testid: 'sentiment-chart', labels, x: g, y: 'score, −1 to 1', format: (x) => num(x, 2), min: -1, max: 1, ticks: [-1, -0.5, 0, 0.5, 1],
      series: [{ name: label(Metric.SentimentScore), color: 'green', values: ps.map((p) => p.sentiment?.score), n: ps.map((p) => p.sentiment?.texts ?? 0) }] }));
  }
  if (rt) {
    charts.push(lineChart({ title: `${label(Metric.AverageRating)} per ${g}`, testid: 'rating-chart', labels, x: g, y: 'stars', format: (x) => num(x, 2), min: 1, max: 5, ticks: [1, 2, 3, 4, 5],
      series: [{ name: label(Metric.AverageRating), color: 'orange', values: ps.map((p) => p.ratings?.mean), n: ps.map((p) => p.ratings?.ratings ?? 0) }] }));
  } else if (v.shareOfVoice.length > 1) {
    // Share of voice per period of the brands most mentioned over the file.
    const sov = v.shareOfVoice.filter((p) => p.name);
    const all = v.shareOfVoice.find((p) => !p.name) ?? v.shareOfVoice[0];
    const top = all.brands.slice().sort((a, b) => b.mentions - a.mentions).slice(0, 3).map((b) => b.brand);
    charts.push(lineChart({ title: `${label(Metric.ShareOfVoice)} per ${g}`, testid: 'share-of-voice-chart', labels: sov.map((p) => p.name), x: g, y: '% of mentions', format: (x) => `${num(x)}%`, min: 0,
      series: top.map((b, i) => ({ name: b, color: /** @type {const} */ (['blue', 'orange', 'purple'])[i], values: sov.map((p) => { const x = p.brands.find((y) => y.brand === b)?.shareOfVoice.value; return x === null || x === undefined ? null : 100 * x; }) })) }));
  }
  $('voice-charts').replaceChildren(...charts);
  $('voice-definition').textContent = v.definition.formula;
  const rows = (/** @type {VoiceReport['voice']['periods']} */ gs) => gs.map((g) => [g.name, num(g.mentions, 0), sentimentScore(g.sentiment),
    g.sentiment ? `${g.sentiment.positive} / ${g.sentiment.neutral} / ${g.sentiment.negative}` : '',
    g.ratings ? num(g.ratings.mean, 2) : '', g.ratings ? `${rate(g.ratings.goodShare)} ${g.ratings.goodShare.interval ? `(${percent(g.ratings.goodShare.interval.low)}–${percent(g.ratings.goodShare.interval.high)})` : ''}` : '']);
  const head = [reviews ? 'Reviews' : 'Mentions', label(Metric.SentimentScore), '+ / = / −', label(Metric.AverageRating), label(Metric.GoodRatingShare)];
  fillTable('voice-periods', ['Period', ...head], rows(v.periods));
  fillTable('voice-channels', ['Source', ...head], rows(v.byChannel));
  changesTable('voice-changes', r.kind, [...v.changes, ...v.segmentChanges], ctx);
  fillTable('voice-brands', ['Period', 'Brand', 'Mentions', label(Metric.ShareOfVoice), 'Share of search'],
    v.shareOfVoice.flatMap((p) => p.brands.map((b) => [p.name || 'all', b.brand, num(b.mentions, 0), rate(b.shareOfVoice), b.shareOfSearch ? rate(b.shareOfSearch) : ''])));
}
