// @ts-check
// Support tickets: first contact resolution, handle, response and resolution times, reopens,
// CSAT; by period, channel and agent, with changes tested.
import { $, fillTable } from '../dom.js';
import { lineChart } from '../charts.js';
import { duration, intervalDetail, num, rate, rateDetail, rateWithInterval } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable, latestChange, metricCard, plainComparisons } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').TicketsReport} TicketsReport */
/** @typedef {import('./common.js').Context} Context */

/** @param {TicketsReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const s = r.support, o = s.overall;
  const median = (/** @type {import('../pkg/engagement_metrics.js').Interval | null} */ i) => intervalDetail(i, duration, 'interval of the median');
  const change = (/** @type {string} */ metric) => latestChange(r, s.changes, metric);
  const card = (/** @type {Omit<Parameters<typeof metricCard>[1], 'kind'>} */ c) => metricCard(ctx, { ...c, kind: Kind.Tickets });
  $('support-cards').replaceChildren(
    card({ testid: 'fcr', metric: Metric.FirstContactResolution, value: rate(o.firstContactResolution), small: o.firstContactResolution.smallSample, change: change(Metric.FirstContactResolution),
      lines: [rateDetail(o.firstContactResolution)], more: [`${o.firstContactResolution.numerator} of ${o.firstContactResolution.denominator} resolved tickets`, `over all tickets: ${rate(o.firstContactResolutionAllTickets)}`] }),
    card({ testid: 'aht', metric: Metric.HandleTime, value: duration(o.handleTime.mean), small: o.handleTime.smallSample, change: change(Metric.HandleTime), lines: [`mean; median ${duration(o.handleTime.median)}, p90 ${duration(o.handleTime.p90)}`],
      more: [intervalDetail(o.handleTime.meanInterval, duration, 'interval of the mean'), median(o.handleTime.medianInterval)] }),
    card({ testid: 'first-response', title: 'First response', value: duration(o.firstResponseTime.median), small: o.firstResponseTime.smallSample,
      lines: [`median · n = ${o.firstResponseTime.n}`], more: [`mean ${duration(o.firstResponseTime.mean)}, p90 ${duration(o.firstResponseTime.p90)}`, median(o.firstResponseTime.medianInterval)] }),
    card({ testid: 'resolution', title: 'Resolution', value: duration(o.resolutionTime.median), small: o.resolutionTime.smallSample,
      lines: [`median · n = ${o.resolutionTime.n}`], more: [`mean ${duration(o.resolutionTime.mean)}, p90 ${duration(o.resolutionTime.p90)}`, median(o.resolutionTime.medianInterval)] }),
    card({ testid: 'reopen', metric: Metric.ReopenRate, value: rate(o.reopenRate), small: o.reopenRate.smallSample, change: change(Metric.ReopenRate), lines: [rateDetail(o.reopenRate)], more: [`${o.reopenRate.numerator} of ${o.reopenRate.denominator}`] }),
    card({ testid: 'support-csat', metric: Metric.Csat, value: rate(o.csat), small: o.csat.smallSample, change: change(Metric.Csat), lines: [rateDetail(o.csat)], more: [`${o.csat.denominator} answers, mean ${num(o.csatMean, 2)}`] }),
    card({ testid: 'per-customer', title: 'Tickets per customer', value: num(s.ticketsPerCustomer.value, 2), lines: [`${o.tickets} tickets, ${s.customers ?? 'n/a'} customers`] }),
  );
  plainComparisons('tickets-plain', r, [...s.changes, ...s.segmentChanges], [Metric.FirstContactResolution, Metric.Csat, Metric.ReopenRate, Metric.HandleTime], ctx);
  const g = r.options.granularity, labels = s.periods.map((p) => p.name);
  const pct = (/** @type {number} */ v) => `${num(v)}%`;
  const share = (/** @type {import('../pkg/engagement_metrics.js').Rate} */ x) => (x.value === null ? null : 100 * x.value);
  // Durations in the unit that suits them: minutes below two hours, hours above.
  const longest = Math.max(0, ...s.periods.map((p) => Math.max(p.firstResponseTime.median ?? 0, p.resolutionTime.median ?? 0)));
  const [per, unit] = longest > 7200 ? [3600, 'hours'] : [60, 'minutes'];
  const inUnit = (/** @type {number | null} */ v) => (v === null ? null : v / per);
  $('support-charts').replaceChildren(
    lineChart({ title: `${label(Metric.FirstContactResolution)} per ${g}`, testid: 'fcr-chart', labels, x: g, y: '% of resolved tickets', format: pct, min: 0, max: 100, ticks: [0, 25, 50, 75, 100],
      series: [{ name: label(Metric.FirstContactResolution), color: 'blue', values: s.periods.map((p) => share(p.firstContactResolution)), n: s.periods.map((p) => p.firstContactResolution.denominator) }] }),
    lineChart({ title: `Median response and resolution times per ${g}`, testid: 'times-chart', labels, x: g, y: unit, format: (v) => `${num(v)} ${unit === 'hours' ? 'h' : 'min'}`, min: 0, series: [
      { name: 'first response', color: 'orange', values: s.periods.map((p) => inUnit(p.firstResponseTime.median)), n: s.periods.map((p) => p.firstResponseTime.n) },
      { name: 'resolution', color: 'purple', values: s.periods.map((p) => inUnit(p.resolutionTime.median)), n: s.periods.map((p) => p.resolutionTime.n) }] }),
    lineChart({ title: `${label(Metric.Csat)} and ${label(Metric.ReopenRate).toLowerCase()} per ${g}`, testid: 'csat-chart', labels, x: g, y: '%', format: pct, min: 0, max: 100, ticks: [0, 25, 50, 75, 100], series: [
      { name: label(Metric.Csat), color: 'green', values: s.periods.map((p) => share(p.csat)), n: s.periods.map((p) => p.csat.denominator) },
      { name: label(Metric.ReopenRate), color: 'red', values: s.periods.map((p) => share(p.reopenRate)), n: s.periods.map((p) => p.reopenRate.denominator) }] }),
  );
  $('support-definition').textContent = `${s.definition.formula}. Resolved from: ${s.definition.params.resolvedFrom}; handle time read in ${s.definition.params.handleTimeUnit}.`;
  const head = ['Tickets', 'Resolved', 'FCR', 'Reopen', 'Handle time', 'First response (median)', 'Resolution (median)', label(Metric.Csat)];
  const rows = (/** @type {TicketsReport['support']['periods']} */ groups) => groups.map((g) => [g.name, g.tickets, g.resolved, rateWithInterval(g.firstContactResolution), rateWithInterval(g.reopenRate),
    duration(g.handleTime.mean), duration(g.firstResponseTime.median), duration(g.resolutionTime.median), rateWithInterval(g.csat)]);
  fillTable('support-periods', ['Period', ...head], rows(s.periods));
  fillTable('support-channels', ['Channel', ...head], rows(s.byChannel));
  changesTable('support-changes', Kind.Tickets, [...s.changes, ...s.segmentChanges], ctx);
  fillTable('support-agents', ['Agent', ...head], rows(s.byAgent));
}
