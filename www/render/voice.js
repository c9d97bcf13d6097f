// @ts-check
// Reviews and brand mentions: sentiment (VADER), ratings, share of voice; by period and
// source, changes tested.
import { $, card, fillTable } from '../dom.js';
import { num, percent, rate, rateDetail, sentimentScore } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').VoiceReport} VoiceReport */
/** @typedef {import('./common.js').Context} Context */

/** @param {VoiceReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const v = r.voice, o = v.overall, st = o.sentiment, rt = o.ratings;
  const reviews = r.kind === Kind.Reviews;
  $('voice-title').textContent = ctx.kindLabels[r.kind];
  const cards = [card('sentiment', label(Metric.SentimentScore), sentimentScore(st),
    st ? [`${st.positive} positive, ${st.neutral} neutral, ${st.negative} negative of ${st.texts} texts`] : [])];
  if (rt) {
    cards.push(card('rating', label(Metric.AverageRating), num(rt.mean, 2), [`${rt.ratings} ratings; ${rate(rt.goodShare)} rated ${v.definition.params.goodRatingMin}+`, rateDetail(rt.goodShare)], rt.goodShare.smallSample));
    cards.push(card('rating-distribution', 'Rating distribution', '', rt.distribution.map(([stars, n]) => `${stars}★ ${n}`)));
  }
  if (v.ourShareOfVoice) cards.push(card('our-share', `Our ${label(Metric.ShareOfVoice).toLowerCase()}`, rate(v.ourShareOfVoice), [String(v.definition.params.brand)]));
  if (!reviews) cards.push(card('mentions', 'Mentions', num(o.mentions, 0), []));
  $('voice-cards').replaceChildren(...cards);
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
