// @ts-check
// Scans of codes and cards: counts and shares by device, location and period.
import { $, fillTable } from '../dom.js';
import { count, rate } from '../pkg/format.js';

/** @typedef {import('../pkg/engagement_metrics.js').ScansReport} ScansReport */

/** @param {ScansReport} r */
export function render(r) {
  const s = r.scans;
  $('scans-summary').textContent = `${count(s.scans)} scans` + (s.uniqueScanners === null ? '' : ` by ${count(s.uniqueScanners)} distinct scanners`) + '.';
  const rows = (/** @type {ScansReport['scans']['byDevice']} */ cs) => cs.map((c) => [c.name, c.scans, rate(c.share)]);
  fillTable('scans-devices', ['Device', 'Scans', 'Share'], rows(s.byDevice));
  fillTable('scans-locations', ['Location', 'Scans', 'Share'], rows(s.byLocation));
  fillTable('scans-periods', ['Period', 'Scans', 'Share'], rows(s.periods));
}
