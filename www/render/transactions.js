// @ts-check
// Orders and payments: customers and revenue by period, cohorts by first purchase, lifetime
// value (formulas and the contract fit), predicted CLV (BG/NBD + Gamma-Gamma), RFM segments.
import { $, fillTable, input, saveCsv } from '../dom.js';
import { barChart, heatmap, lineChart } from '../charts.js';
import { count, intervalDetail, money, num, percent, range, withVariantLabels } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').TransactionsReport} TransactionsReport */
/** @typedef {import('../pkg/engagement_metrics.js').ClvOptions} ClvOptions */
/** @typedef {import('./common.js').Context} Context */

/** @param {TransactionsReport} r @param {Context} ctx */
export function render(r, ctx) {
  $('revenue-definition').textContent = r.revenue.definition.formula;
  fillTable('revenue', ['Period', 'Customers at start', 'Lost', 'New', 'Reactivated', 'At end', 'Retention', 'Churn', 'Revenue', 'Orders', 'ARPU', 'ARPU interval', 'Average order', 'Average order interval', 'Repeat rate', 'NRR', 'GRR', 'Retention interval', 'Churn (S − E) / S', 'Retention, first-time as new'],
    r.revenue.periods.map((p) => [p.period, p.startCustomers, p.lostCustomers, p.newCustomers, p.reactivatedCustomers, p.endCustomers,
      percent(p.retentionRate), percent(p.churnRate), money(p.revenue), p.orders, money(p.arpu), range(p.arpuInterval, money),
      money(p.averageOrderValue), range(p.averageOrderValueInterval, money),
      percent(p.repeatPurchaseRate), percent(p.netRevenueRetention), percent(p.grossRevenueRetention),
      p.retentionInterval ? `${range(p.retentionInterval, (v) => percent(v))}${p.startCustomers < 30 ? ' (small sample)' : ''}` : '',
      percent(p.churnStartMinusEnd), percent(p.retentionFirstTimeNew)]));
  renderOverview(r, ctx);
  changesTable('revenue-changes', Kind.Transactions, r.revenue.changes, ctx);
  renderCohortsAndValue(r, ctx);
  renderClv(r, ctx);
  $('rfm-definition').textContent = `As of ${r.rfm.asOf}. ${r.rfm.definition.formula}`;
  fillTable('rfm', ['Segment', 'Engagement', 'Customers', '% of customers', 'Revenue', '% of revenue'],
    r.rfm.segments.map((s) => [ctx.rfmSegmentLabels[s.segment], ctx.engagementLabels[s.engagement], s.customers, percent(s.shareOfCustomers), money(s.revenue), percent(s.shareOfRevenue)]));
  $('rfm-export').onclick = () => ctx.rerun({ rfmCustomers: true });
  if (r.rfm.customers) {
    saveCsv(r.rfm.customers, 'rfm-customers.csv');
    ctx.rerun({ rfmCustomers: undefined }, false);
  }
}

/**
 * Headline cards of the last full period (revenue, customers, ARPU, average order, retention,
 * churn), the comparisons in words, and a chart per key figure: revenue, ARPU and average
 * order, retention and churn.
 * @param {TransactionsReport} r @param {Context} ctx
 */
function renderOverview(r, ctx) {
  const label = ctx.names.label;
  const ps = r.revenue.periods, changes = r.revenue.changes;
  const partial = new Set(r.partialPeriods.map((p) => p.period));
  const p = ps.filter((x) => !partial.has(x.period)).at(-1) ?? ps.at(-1);
  const change = (/** @type {string} */ metric) => latestChange(r, changes, metric);
  const card = (/** @type {Parameters<typeof metricCard>[1]} */ o) => metricCard(ctx, o);
  const total = ps.reduce((a, x) => a + x.revenue, 0);
  if (p) {
    $('revenue-cards').replaceChildren(
      card({ kind: Kind.Transactions, testid: 'revenue-total', title: `Revenue, ${p.period}`, value: money(p.revenue), lines: [`${count(p.orders)} orders · ${money(total)} over the whole file`], more: [r.revenue.definition.formula] }),
      card({ kind: Kind.Transactions, testid: 'active-customers', title: `Customers, ${p.period}`, value: count(p.activeCustomers), lines: [`${count(p.newCustomers)} new · ${count(p.reactivatedCustomers)} back · ${count(p.lostCustomers)} lost`] }),
      card({ kind: Kind.Transactions, testid: 'arpu', metric: Metric.Arpu, value: money(p.arpu), change: change(Metric.Arpu), lines: [p.arpuInterval ? `${Math.round(100 * p.arpuInterval.level)}% interval ${range(p.arpuInterval, money)} · ${p.period}` : p.period] }),
      card({ kind: Kind.Transactions, testid: 'average-order', metric: Metric.AverageOrderValue, value: money(p.averageOrderValue), change: change(Metric.AverageOrderValue),
        lines: [p.averageOrderValueInterval ? `${Math.round(100 * p.averageOrderValueInterval.level)}% interval ${range(p.averageOrderValueInterval, money)} · n = ${count(p.orders)}` : `n = ${count(p.orders)}`] }),
      card({ kind: Kind.Transactions, testid: 'retention', metric: Metric.RetentionRate, value: percent(p.retentionRate), change: change(Metric.RetentionRate), small: p.startCustomers < 30,
        lines: [`${p.retentionInterval ? `${range(p.retentionInterval, (v) => percent(v))} · ` : ''}of ${count(p.startCustomers)} at the start of ${p.period}`] }),
      card({ kind: Kind.Transactions, testid: 'repeat', metric: Metric.RepeatPurchaseRate, value: percent(p.repeatPurchaseRate), change: change(Metric.RepeatPurchaseRate), lines: [p.period] }),
    );
  } else $('revenue-cards').replaceChildren();
  plainComparisons('transactions-plain', r, changes, [Metric.Arpu, Metric.RetentionRate, Metric.AverageOrderValue, Metric.RepeatPurchaseRate], ctx);
  const labels = ps.map((x) => x.period), g = r.options.granularity;
  const shown = ps.slice(1);
  $('revenue-charts').replaceChildren(
    lineChart({ title: `Revenue per ${g}`, testid: 'revenue-chart', labels, x: g, y: 'revenue', format: money, min: 0, series: [{ name: 'revenue', color: 'blue', values: ps.map((x) => x.revenue) }] }),
    lineChart({ title: `${label(Metric.Arpu)} and ${label(Metric.AverageOrderValue).toLowerCase()}`, testid: 'arpu-chart', labels, x: g, y: 'per customer / order', format: money, min: 0, series: [
      { name: label(Metric.Arpu), color: 'purple', values: ps.map((x) => x.arpu), n: ps.map((x) => x.activeCustomers) },
      { name: label(Metric.AverageOrderValue), color: 'orange', values: ps.map((x) => x.averageOrderValue), n: ps.map((x) => x.orders) }] }),
    lineChart({ title: 'Retention and churn', testid: 'retention-chart', labels: shown.map((x) => x.period), x: g, y: '% of customers at the start', format: (v) => `${num(v)}%`, min: 0, max: 100, ticks: [0, 25, 50, 75, 100], series: [
      { name: 'retention %', color: 'green', values: shown.map((x) => (x.retentionRate === null ? null : 100 * x.retentionRate)), n: shown.map((x) => x.startCustomers) },
      { name: 'churn %', color: 'red', values: shown.map((x) => (x.churnRate === null ? null : 100 * x.churnRate)), n: shown.map((x) => x.startCustomers) }] }),
  );
}

/** @param {TransactionsReport} r @param {Context} ctx */
function renderCohortsAndValue(r, ctx) {
  const c = r.revenue.cohorts;
  $('revenue-cohorts-definition').textContent = c.unavailableReason ?? `${c.definition.formula}. Cohorts by ${r.options.granularity}.`;
  heatmap('customer-cohorts', 'Customers', c.cohorts.map((co) => [co.cohort, co.customers, co.retention, co.retentionInterval]));
  heatmap('revenue-cohorts', 'Customers', c.cohorts.map((co) => [co.cohort, co.customers, co.revenueRetention, undefined]), '31, 122, 63');
  const lv = r.lifetimeValue, i = lv.inputs;
  $('lifetime-inputs').textContent = `Per ${r.options.granularity}, pooled over the file: average order ${money(i.averageOrderValue)}, ` +
    `${num(i.purchaseFrequency, 3)} orders and ARPU ${money(i.arpu)} per active customer, churn ${percent(i.churnRate)}, ` +
    `lifespan ${num(i.lifespanPeriods, 1)} periods (${i.lifespanSource === 'churn' ? '1 / churn' : 'given'}), margin ${i.margin}, discount ${i.discountRate} per period.`;
  fillTable('lifetime', ['Formula', 'Value per customer', 'How'],
    lv.variants.map((v) => [ctx.variantLabels[v.variant] ?? v.variant, v.value === null ? `n/a (${v.unavailableReason})` : money(v.value) + (v.interval ? ` (${intervalDetail(v.interval, (x) => money(x))})` : ''), v.formula]));
  const ids = lv.variants.map((v) => v.variant);
  $('lifetime-coincidences').textContent = lv.coincidences.length
    ? `Why some rows agree: ${lv.coincidences.map((why) => withVariantLabels(why, ids, ctx.variantLabels)).join('; ')}.` : '';
  const k = c.contractual;
  $('contractual').textContent = k
    ? `Read as contracts (a customer stays until their last purchase period), a shifted-beta-geometric fit gives α ${num(k.model.alpha, 3)}, β ${num(k.model.beta, 3)}: ` +
      `half a cohort has gone after ${k.medianLifetime ?? 'more than 100 000'} periods; mean lifetime ${k.meanLifetime === null ? 'infinite (α ≤ 1)' : `${num(k.meanLifetime, 1)} periods`}.`
    : 'No cohort is older than one period: no contract retention fit.';
  $('contractual-warning').textContent = k?.unreliableReason ? `Unreliable: ${k.unreliableReason}.` : '';
  $('contractual-chart').replaceChildren(...(k ? [lineChart({ title: 'Share of a cohort still active', testid: 'contractual-chart', labels: k.projection.map((p) => `+${p.offset}`),
    x: 'periods since the first purchase', y: '% still active', format: (v) => `${num(v)}%`, min: 0, max: 100, ticks: [0, 50, 100], series: [
      { name: 'observed', color: 'blue', values: k.projection.map((p) => 100 * (p.observed ?? p.survival)) },
      { name: 'sBG projection', color: 'orange', values: k.projection.map((p) => 100 * p.survival) }] })] : []));
}

/** The CLV form's values as options. @param {ClvOptions} [extra] @returns {ClvOptions} */
function clvOptions(extra = {}) {
  /** @type {ClvOptions} */
  const o = { ...extra };
  const cal = input('clv-calibration').value;
  if (cal) o.calibrationEnd = cal;
  const value = (/** @type {string} */ id) => Number(input(id).value);
  if (value('clv-horizon') > 0) o.horizon = Math.round(value('clv-horizon'));
  if (value('clv-margin') > 0) o.margin = value('clv-margin');
  if (value('clv-discount') > 0) o.discountRate = value('clv-discount');
  return o;
}

/** @param {TransactionsReport} r @param {Context} ctx */
function renderClv(r, ctx) {
  const c = r.clv;
  /** @type {HTMLFormElement} */ (/** @type {unknown} */ ($('clv-form'))).onsubmit = (e) => { e.preventDefault(); ctx.rerun({ clv: clvOptions() }); };
  $('clv-export').onclick = () => ctx.rerun({ clv: clvOptions({ customers: true }) });
  $('clv-distribution').replaceChildren();
  $('clv-holdout').replaceChildren();
  $('clv-warning').textContent = c?.unreliableReasons.length ? `Unreliable: ${c.unreliableReasons.join('; ')}.` : '';
  if (!c) { $('clv-summary').textContent = 'Not fitted.'; return; }
  const m = c.purchases, g = c.spend;
  $('clv-summary').textContent = `${count(c.customers)} customers, calibration to ${c.calibrationEnd}, ${c.unitDays}-day units. ` +
    `${m.modified ? 'MBG/NBD' : 'BG/NBD'}: r ${num(m.r, 3)}, α ${num(m.alpha, 3)}, a ${num(m.a, 3)}, b ${num(m.b, 3)} (log-likelihood ${num(m.logLikelihood, 1)}). ` +
    (g ? `Gamma-Gamma: p ${num(g.p, 3)}, q ${num(g.q, 3)}, γ ${num(g.gamma, 3)}. ` : 'Too few repeat buyers for the spend model. ') +
    `Mean P(alive) ${percent(c.meanPAlive)}; mean CLV over ${c.horizon} units ${money(c.meanClv)}` +
    (c.meanClvInterval ? ` (${intervalDetail(c.meanClvInterval, (x) => money(x))}, parameters held fixed)` : '') + `, total ${money(c.totalClv)}` +
    (c.seconds === null ? '.' : `; fitted in ${c.seconds.toFixed(2)} s.`);
  $('clv-distribution').append(barChart({ title: 'Predicted CLV per customer (the last bin holds the top 1%)', testid: 'clv-distribution', color: 'purple',
    bars: c.distribution.map(([lo, n]) => ({ label: money(lo, 0), count: n })), x: 'predicted CLV (bin lower bound)', y: 'customers' }));
  if (c.holdout) {
    const h = c.holdout;
    fillTable('clv-holdout', ['Repeat purchases in calibration', 'Customers', `Actual ${h.from} … ${h.to}`, 'Predicted'],
      [...h.byFrequency.map((f) => [f.x === 7 ? '7+' : f.x, f.customers, f.actual, num(f.predicted, 1)]), ['all', c.customers, h.actual, num(h.predicted, 1)]]);
  }
  if (c.customerTable) {
    saveCsv(c.customerTable, 'clv-customers.csv');
    ctx.rerun({ clv: { ...(ctx.options.clv ?? {}), customers: undefined } }, false);
  }
}
