// @ts-check
// Social posts: engagement rate by followers, impressions and reach (already percentages),
// by period and platform, changes tested, and the most engaging posts.
import { $, card, fillTable } from '../dom.js';
import { count, intervalDetail, num, percentValue, rate } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable } from './common.js';

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
 * @param {SocialReport} r @param {string} title
 */
function audienceCard(r, title) {
  const partial = new Set(r.partialPeriods.map((p) => p.period));
  const full = r.social.periods.filter((g) => !partial.has(g.name));
  const g = full[full.length - 1] ?? r.social.periods[r.social.periods.length - 1];
  if (!g) return card('er-audience', title, er(r.social.overall.audienceEngagementRate), ['the whole file as one period']);
  return card('er-audience', title, er(g.audienceEngagementRate),
    [`${g.name}: ${count(g.totals.engagements)} engagements / ${count(g.followersEnd)} followers at its end`, 'each period in the table below']);
}

/** @param {SocialReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const s = r.social, o = s.overall, t = o.totals, small = t.posts < 30;
  $('social-cards').replaceChildren(
    card('er-followers', label(Metric.EngagementRateByFollowers), er(o.engagementRate.byFollowers), [`${count(t.engagements)} engagements on ${count(t.posts)} posts`, erDetail(o.engagementRate.byFollowers)], small),
    card('er-impressions', label(Metric.EngagementRateByImpressions), er(o.engagementRate.byImpressions), [`${count(t.impressions)} impressions`, erDetail(o.engagementRate.byImpressions)], small),
    card('er-reach', label(Metric.EngagementRateByReach), er(o.engagementRate.byReach), [`${count(t.reach)} reached`, erDetail(o.engagementRate.byReach)], small),
    audienceCard(r, label(Metric.AudienceEngagementRate)),
    card('followers', 'Followers', count(o.followersEnd), ['at the last post, platforms summed']),
    card('interactions', 'Likes · comments · shares', `${count(t.likes)} · ${count(t.comments)} · ${count(t.shares)}`, [`saves ${count(t.saves)}`]),
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
  fillTable('social-posts', ['Post', 'Time', 'Platform', 'Engagements', 'Rate (followers)', 'Rate (impressions)'],
    s.topPosts.slice(0, 20).map((p) => [p.post, p.time ?? '', p.channel ?? '', num(p.engagements, 0), er(p.engagementRate.byFollowers), er(p.engagementRate.byImpressions)]));
}
