// @ts-check
// Email and ad campaigns: every rate from summed counts with its interval, per campaign and
// per period, with changes tested.
import { $, fillTable } from '../dom.js';
import { lineChart } from '../charts.js';
import { figure, num, range } from '../pkg/format.js';
import { Kind, Unit } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

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

  // The overview: a card per headline rate, the comparisons in words, a chart per tested rate.
  const tested = [...new Set(c.changes.map((x) => x.metric))];
  $('campaign-cards').replaceChildren(...shown.map((k) => {
    const v = c.overall.rates[k];
    return metricCard(ctx, { kind: Kind.Campaigns, testid: `rate-${k}`, metric: k, value: value(k, v), small: v.smallSample === true, change: latestChange(r, c.changes, k),
      lines: [v.value === null ? '' : `${num(v.numerator, 0)} / ${num(v.denominator, 0)}${v.interval ? ` · ${range(v.interval, (x) => figure(x, names.unitIn(Kind.Campaigns, k), 2))}` : ''}`] });
  }));
  plainComparisons('campaigns-plain', r, [...c.changes, ...c.segmentChanges], tested, ctx);
  const g = r.options.granularity;
  $('campaign-charts').replaceChildren(...tested.slice(0, 3).map((k, i) => {
    const unit = names.unitIn(Kind.Campaigns, k);
    const scale = unit === Unit.Ratio ? 100 : 1;
    return lineChart({ title: `${names.label(k)} per ${g}`, testid: `campaign-chart-${i}`, labels: c.periods.map((p) => p.name), x: g, y: unit === Unit.Ratio ? '% of recipients' : unit,
      format: (x) => (unit === Unit.Ratio ? `${num(x, 2)}%` : figure(x, unit, 2)), min: 0,
      series: [{ name: names.label(k), color: /** @type {const} */ (['blue', 'green', 'orange'])[i], values: c.periods.map((p) => { const x = p.rates[/** @type {keyof typeof p.rates} */ (k)]; return x?.value === null || x === undefined ? null : scale * x.value; }),
        n: c.periods.map((p) => p.rates[/** @type {keyof typeof p.rates} */ (k)]?.denominator ?? 0) }] });
  }));
}
