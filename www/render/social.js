// @ts-check
// Social posts: engagement rate by followers, impressions and reach (already percentages),
// by period and platform, changes tested, and the most engaging posts.
import { $, card, fillTable } from '../dom.js';
import { intervalDetail, num, percentValue, rate } from '../pkg/format.js';
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

/** @param {SocialReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const s = r.social, o = s.overall, t = o.totals, small = t.posts < 30;
  $('social-cards').replaceChildren(
    card('er-followers', label(Metric.EngagementRateByFollowers), er(o.engagementRate.byFollowers), [`${num(t.engagements, 0)} engagements on ${t.posts} posts`, erDetail(o.engagementRate.byFollowers)], small),
    card('er-impressions', label(Metric.EngagementRateByImpressions), er(o.engagementRate.byImpressions), [`${num(t.impressions, 0)} impressions`, erDetail(o.engagementRate.byImpressions)], small),
    card('er-reach', label(Metric.EngagementRateByReach), er(o.engagementRate.byReach), [`${num(t.reach, 0)} reached`, erDetail(o.engagementRate.byReach)], small),
    card('er-audience', label(Metric.AudienceEngagementRate), er(o.audienceEngagementRate), [`${num(t.engagements, 0)} engagements / ${num(o.followersEnd, 0)} followers at the end`]),
    card('followers', 'Followers', num(o.followersEnd, 0), ['at the last post, platforms summed']),
    card('interactions', 'Likes · comments · shares', `${num(t.likes, 0)} · ${num(t.comments, 0)} · ${num(t.shares, 0)}`, [`saves ${num(t.saves, 0)}`]),
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
