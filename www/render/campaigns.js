// @ts-check
// Email and ad campaigns: every rate from summed counts with its interval, per campaign and
// per period, with changes tested.
import { $, fillTable } from '../dom.js';
import { figure, num, range } from '../pkg/format.js';
import { Kind } from '../pkg/vocabulary.js';
import { changesTable } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').CampaignsReport} CampaignsReport */
/** @typedef {import('../pkg/engagement_metrics.js').Rate} Rate */
/** @typedef {import('./common.js').Context} Context */

/** @param {CampaignsReport} r @param {Context} ctx */
export function render(r, ctx) {
  const c = r.campaigns, names = ctx.names;
  /** A rate in the unit it has in the report (shares as %, money to 2 places). @param {string} key @param {Rate} v */
  const value = (key, v) => (v.value === null ? `n/a (${v.unavailableReason})` : figure(v.value, names.unitIn(Kind.Campaigns, key), 2));
  const keys = /** @type {(keyof CampaignsReport['campaigns']['overall']['rates'])[]} */ (Object.keys(c.overall.rates));
  $('campaigns-definition').textContent = `${c.definition.formula}. Delivered from ${c.definition.params.deliveredFrom}; opens from ${c.definition.params.opensFrom}.`;
  fillTable('campaign-rates', ['Rate', 'Value', 'From', 'Interval'], keys.map((k) => {
    const v = c.overall.rates[k];
    return [names.label(k), value(k, v), v.value === null ? '' : `${num(v.numerator, 0)} / ${num(v.denominator, 0)}`,
      v.interval ? `${range(v.interval, (x) => figure(x, names.unitIn(Kind.Campaigns, k), 2))}${v.smallSample ? ' (small sample)' : ''}` : ''];
  }));
  // The per-campaign table keeps the email rates (the ad ones are in the overall table).
  const shown = keys.filter((k) => names.info(k)?.headline);
  const rows = (/** @type {CampaignsReport['campaigns']['campaigns']} */ groups) => groups.map((g) => [g.name, num(g.totals.sent, 0), ...shown.map((k) => value(k, g.rates[k]))]);
  const head = ['Sent', ...shown.map((k) => names.label(k))];
  fillTable('campaign-list', ['Campaign', ...head], rows(c.campaigns));
  fillTable('campaign-periods', ['Period', ...head], rows(c.periods));
  changesTable('campaign-changes', Kind.Campaigns, [...c.changes, ...c.segmentChanges], ctx);
}
