// @ts-check
// Support tickets: first contact resolution, handle, response and resolution times, reopens,
// CSAT; by period, channel and agent, with changes tested.
import { $, card, fillTable } from '../dom.js';
import { duration, intervalDetail, num, rate, rateDetail, rateWithInterval } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { changesTable } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').TicketsReport} TicketsReport */
/** @typedef {import('./common.js').Context} Context */

/** @param {TicketsReport} r @param {Context} ctx */
export function render(r, ctx) {
  const label = ctx.names.label;
  const s = r.support, o = s.overall;
  const median = (/** @type {import('../pkg/engagement_metrics.js').Interval | null} */ i) => intervalDetail(i, duration, 'interval of the median');
  $('support-cards').replaceChildren(
    card('fcr', label(Metric.FirstContactResolution), rate(o.firstContactResolution), [`${o.firstContactResolution.numerator} of ${o.firstContactResolution.denominator} resolved tickets`, rateDetail(o.firstContactResolution), `over all tickets: ${rate(o.firstContactResolutionAllTickets)}`], o.firstContactResolution.smallSample),
    card('aht', label(Metric.HandleTime), duration(o.handleTime.mean), [`mean; median ${duration(o.handleTime.median)}, p90 ${duration(o.handleTime.p90)}`,
      intervalDetail(o.handleTime.meanInterval, duration, 'interval of the mean'), median(o.handleTime.medianInterval)], o.handleTime.smallSample),
    card('first-response', 'First response', duration(o.firstResponseTime.median), [`median; mean ${duration(o.firstResponseTime.mean)}, p90 ${duration(o.firstResponseTime.p90)}`,
      median(o.firstResponseTime.medianInterval), `n = ${o.firstResponseTime.n}`], o.firstResponseTime.smallSample),
    card('resolution', 'Resolution', duration(o.resolutionTime.median), [`median; mean ${duration(o.resolutionTime.mean)}, p90 ${duration(o.resolutionTime.p90)}`,
      median(o.resolutionTime.medianInterval), `n = ${o.resolutionTime.n}`], o.resolutionTime.smallSample),
    card('reopen', label(Metric.ReopenRate), rate(o.reopenRate), [`${o.reopenRate.numerator} of ${o.reopenRate.denominator}`, rateDetail(o.reopenRate)], o.reopenRate.smallSample),
    card('support-csat', label(Metric.Csat), rate(o.csat), [`${o.csat.denominator} answers, mean ${num(o.csatMean, 2)}`, rateDetail(o.csat)], o.csat.smallSample),
    card('per-customer', 'Tickets per customer', num(s.ticketsPerCustomer.value, 2), [`${o.tickets} tickets, ${s.customers ?? 'n/a'} customers`]),
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
