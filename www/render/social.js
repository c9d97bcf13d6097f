// @ts-check
// Social posts: engagement rate by followers, impressions and reach (already percentages),
// by period and platform, changes tested, and the most engaging posts.
import { $, fillTable } from '../dom.js';
import { lineChart } from '../charts.js';
import { count, intervalDetail, num, percentValue, rate } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').SocialReport} SocialReport */
/** @typedef {import('../pkg/engagement_metrics.js').Rate} Rate */
/** @typedef {import('./common.js').Context} Context */

/** An engagement rate (a percentage), or why there is none. @param {Rate} r */
const er = (r) => (r.value === null ? `n/a (${r.unavailableReason})` : percentValue(r.value, 2));
/** With its interval (posts are the units), for tables. @param {Rate} r */
const erWithInterval = (r) => `${er(r)}${r.interval ? ` (${num(r.interval.low, 2)}–${num(r.interval.high, 2)})` : ''}`;
/** @param {Rate} r */
const erDetail = (r) => intervalDetail(r.interval, (v) => percentValue(v, 2));

/**
 * Engagements over the followers at a period's end is a per-period reading (over a whole file
 * it adds months of engagements over one audience): the last full period's, the others in the
 * periods table.
 * @param {SocialReport} r @param {Context} ctx
 */
function audienceCard(r, ctx) {
  const partial = new Set(r.partialPeriods.map((p) => p.period));
  const full = r.social.periods.filter((g) => !partial.has(g.name));
  const g = full[full.length - 1] ?? r.social.periods[r.social.periods.length - 1];
  const c = { kind: Kind.Social, testid: 'er-audience', metric: Metric.AudienceEngagementRate };
  if (!g) return metricCard(ctx, { ...c, value: er(r.social.overall.audienceEngagementRate), lines: ['the whole file as one period'] });
  return metricCard(ctx, { ...c, value: er(g.audienceEngagementRate),
    lines: [`${g.name}: ${count(g.totals.engagements)} engagements / ${count(g.followersEnd)} followers at its end`], more: ['each period in the table "By period"'] });
}

/** @param {SocialReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const s = r.social, o = s.overall, t = o.totals, small = t.posts < 30;
  const change = (/** @type {string} */ metric) => latestChange(r, s.changes, metric);
  const card = (/** @type {Omit<Parameters<typeof metricCard>[1], 'kind'>} */ c) => metricCard(ctx, { ...c, kind: Kind.Social });
  $('social-cards').replaceChildren(
    card({ testid: 'er-followers', metric: Metric.EngagementRateByFollowers, value: er(o.engagementRate.byFollowers), small, change: change(Metric.EngagementRateByFollowers),
      lines: [erDetail(o.engagementRate.byFollowers)], more: [`${count(t.engagements)} engagements on ${count(t.posts)} posts`] }),
    card({ testid: 'er-impressions', metric: Metric.EngagementRateByImpressions, value: er(o.engagementRate.byImpressions), small, change: change(Metric.EngagementRateByImpressions),
      lines: [erDetail(o.engagementRate.byImpressions)], more: [`${count(t.impressions)} impressions`] }),
    card({ testid: 'er-reach', metric: Metric.EngagementRateByReach, value: er(o.engagementRate.byReach), small, change: change(Metric.EngagementRateByReach),
      lines: [erDetail(o.engagementRate.byReach)], more: [`${count(t.reach)} reached`] }),
    audienceCard(r, ctx),
    card({ testid: 'followers', title: 'Followers', value: count(o.followersEnd), lines: ['at the last post, platforms summed'] }),
    card({ testid: 'interactions', title: 'Likes · comments · shares', value: `${count(t.likes)} · ${count(t.comments)} · ${count(t.shares)}`, lines: [`saves ${count(t.saves)}`] }),
  );
  plainComparisons('social-plain', r, [...s.changes, ...s.segmentChanges], [Metric.EngagementRateByFollowers, Metric.EngagementRateByImpressions, Metric.EngagementRateByReach], ctx);
  const g = r.options.granularity, labels = s.periods.map((p) => p.name);
  const pct = (/** @type {number} */ v) => `${num(v, 2)}%`;
  $('social-charts').replaceChildren(
    lineChart({ title: `${label(Metric.EngagementRateByFollowers)} per ${g}`, testid: 'er-followers-chart', labels, x: g, y: '% of followers', format: pct, min: 0,
      series: [{ name: label(Metric.EngagementRateByFollowers), color: 'blue', values: s.periods.map((p) => p.engagementRate.byFollowers.value), n: s.periods.map((p) => p.totals.posts) }] }),
    lineChart({ title: `${label(Metric.EngagementRateByImpressions)} per ${g}`, testid: 'er-impressions-chart', labels, x: g, y: '% of impressions', format: pct, min: 0,
      series: [{ name: label(Metric.EngagementRateByImpressions), color: 'green', values: s.periods.map((p) => p.engagementRate.byImpressions.value), n: s.periods.map((p) => p.totals.posts) }] }),
    lineChart({ title: `Followers at the end of each ${g}`, testid: 'followers-chart', labels, x: g, y: 'followers, platforms summed', format: (v) => count(v),
      series: [{ name: 'followers, platforms summed', color: 'purple', values: s.periods.map((p) => p.followersEnd) }] }),
  );
  $('social-definition').textContent = `${s.definition.formula}. Saves counted: ${s.definition.params.includeSaves}.`;
  const head = ['Posts', 'Engagements', 'Rate (followers)', 'Rate (impressions)', 'Rate (reach)', 'Followers at end', 'Rate (total followers)'];
  const rows = (/** @type {SocialReport['social']['byChannel']} */ gs) => gs.map((g) => [g.name, g.totals.posts, num(g.totals.engagements, 0), erWithInterval(g.engagementRate.byFollowers),
    erWithInterval(g.engagementRate.byImpressions), erWithInterval(g.engagementRate.byReach), num(g.followersEnd, 0), er(g.audienceEngagementRate)]);
  fillTable('social-periods', ['Period', ...head, 'Follower growth'], rows(s.periods).map((row, i) => {
    const g = s.periods[i].followerGrowth;
    return [...row, g ? rate(g) : ''];
  }));
  fillTable('social-channels', ['Platform', ...head], rows(s.byChannel));
  changesTable('social-changes', Kind.Social, [...s.changes, ...s.segmentChanges], ctx);
  fillTable('social-posts', ['Row in file', 'Time', 'Platform', 'Engagements', 'Rate (followers)', 'Rate (impressions)'],
    s.topPosts.slice(0, 20).map((p) => [p.post, p.time ?? '', p.channel ?? '', num(p.engagements, 0), er(p.engagementRate.byFollowers), er(p.engagementRate.byImpressions)]));
}
