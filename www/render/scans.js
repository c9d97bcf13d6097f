// @ts-check
// Scans of codes and cards: counts and shares by device, location and period; the overview a
// card of the scans and scanners and a chart of scans per period.
import { $, fillTable } from '../dom.js';
import { lineChart } from '../charts.js';
import { count, rate } from '../pkg/format.js';
import { Kind, Metric } from '../pkg/vocabulary.js';
import { metricCard } from './common.js';

/** @typedef {import('../pkg/engagement_metrics.js').ScansReport} ScansReport */
/** @typedef {import('./common.js').Context} Context */

/** @param {ScansReport} r @param {Context} ctx */
export function render(r, ctx) {
  const s = r.scans;
  $('scans-summary').textContent = `${count(s.scans)} scans` + (s.uniqueScanners === null ? '' : ` by ${count(s.uniqueScanners)} distinct scanners`) + '.';
  const top = (/** @type {ScansReport['scans']['byDevice']} */ cs) => cs.slice().sort((a, b) => b.scans - a.scans)[0];
  const device = top(s.byDevice), place = top(s.byLocation);
  $('scans-cards').replaceChildren(
    metricCard(ctx, { kind: Kind.Scans, testid: 'scans-total', metric: Metric.Scans, value: count(s.scans), lines: [s.uniqueScanners === null ? '' : `${count(s.uniqueScanners)} distinct scanners`] }),
    device ? metricCard(ctx, { kind: Kind.Scans, testid: 'scans-device', title: 'Most used device', value: device.name, lines: [`${count(device.scans)} scans · ${rate(device.share)}`] }) : '',
    place ? metricCard(ctx, { kind: Kind.Scans, testid: 'scans-location', title: 'Most scanned location', value: place.name, lines: [`${count(place.scans)} scans · ${rate(place.share)}`] }) : '',
  );
  const g = r.options.granularity;
  $('scans-charts').replaceChildren(lineChart({ title: `Scans per ${g}`, testid: 'scans-chart', labels: s.periods.map((p) => p.name), x: g, y: 'scans recorded', format: (v) => count(v), min: 0,
    series: [{ name: 'scans recorded', color: 'blue', values: s.periods.map((p) => p.scans) }] }));
  const rows = (/** @type {ScansReport['scans']['byDevice']} */ cs) => cs.map((c) => [c.name, c.scans, rate(c.share)]);
  fillTable('scans-devices', ['Device', 'Scans', 'Share'], rows(s.byDevice));
  fillTable('scans-locations', ['Location', 'Scans', 'Share'], rows(s.byLocation));
  fillTable('scans-periods', ['Period', 'Scans', 'Share'], rows(s.periods));
}
