// @ts-check
// Comparisons in plain words, for every kind: a period against the previous one or the same
// period a year earlier, a segment against the rest of its breakdown. One sentence builder, fed
// with the report's change rows, the catalogue's label and the figure's unit; no DOM here, so
// tests/js checks it on hand-made rows.
import { difference } from '../pkg/format.js';
import { Baseline } from '../pkg/vocabulary.js';

/** @typedef {import('../pkg/engagement_metrics.js').MetricComparison} Change */
/** @typedef {import('../pkg/engagement_metrics.js').Unit} UnitName */

/**
 * How often chance alone gives a difference this large, in words: "less than 4 %" for p 0.035,
 * "less than 0.1 %" below 0.001.
 * @param {number} p
 */
export function chanceWords(p) {
  if (p < 0.001) return 'less than 0.1 %';
  if (p < 0.01) return 'less than 1 %';
  return `less than ${Math.floor(100 * p) + 1} %`;
}

/** A p-value to 2 places, "< 0.001" below that. @param {number} p */
const pText = (p) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`);

/**
 * The size of a difference without its sign, in the figure's unit ("8.00 points", "2 min",
 * "0.120").
 * @param {number} v @param {UnitName} unit
 */
export function magnitude(v, unit) {
  return difference(Math.abs(v), unit).replace(/^[+−-]/, '').replace(/ pts$/, ' points');
}

/**
 * One sentence for one change row of a report.
 * - period over period: "Net Promoter Score fell 8.00 points from 2024-03 to 2024-04; a change
 *   this large happens by chance less than 4 % of the time."
 * - a year earlier: "… from 2023-04 to 2024-04 (the same period a year earlier) …"
 * - a segment: "Net Promoter Score is 3.00 points higher for email than for the rest of channel; …"
 * - not significant: "…; not significant (p = 0.31): could be chance."
 * - too small for the test: "Net Promoter Score from 2024-03 to 2024-04: too few answers to tell (n = 12 and 9)."
 * @param {Change} c the report's row
 * @param {{ label: string, unit: UnitName, noun?: string }} how the catalogue's label, the
 *   figure's unit where it sits, and what the rows are ("answers", "tickets") for small samples
 */
export function changeSentence(c, { label, unit, noun = 'data' }) {
  const segment = c.against === Baseline.RestOfBreakdown;
  // A brand's share of voice compares "Acme: 2024-04" with "Acme: 2024-05": said once, "for Acme".
  const [who, from, to] = split(c.baseline, c.group);
  const where = segment ? `for ${c.group} against the ${c.baseline}`
    : `${who ? `for ${who} ` : ''}from ${from} to ${to}${c.against === Baseline.YearEarlier ? ' (the same period a year earlier)' : ''}`;
  const k = c.comparison;
  if (!k) {
    const why = c.unavailableReason ?? 'not tested';
    const n = /\(n = ([^;)]*)/.exec(why)?.[1];
    const tooFew = /too few/.test(why);
    return `${label} ${where}: ${tooFew ? `too few ${noun} to tell${n ? ` (n = ${n})` : ''}` : why}.`;
  }
  const d = k.difference;
  const size = magnitude(d, unit);
  const moved = segment
    ? (d === 0 ? `${label} is the same for ${c.group} as for the ${c.baseline}` : `${label} is ${size} ${d > 0 ? 'higher' : 'lower'} for ${c.group} than for the ${c.baseline}`)
    : (d === 0 ? `${label} stayed the same ${where}` : `${label} ${d > 0 ? 'rose' : 'fell'} ${size} ${where}`);
  const p = c.adjustedPValue ?? k.pValue;
  // Segments are tested several at once: their p is adjusted (Holm), and the sentence says so.
  const adjusted = segment && c.adjustedPValue !== null && c.adjustedPValue !== k.pValue ? ', adjusted for the other segments' : '';
  if (c.significant) return `${moved}; a ${segment ? 'difference' : 'change'} this large happens by chance ${chanceWords(p)} of the time${adjusted}.`;
  return `${moved}; not significant (${pText(p)}${adjusted}): could be chance.`;
}

/** The part after "Brand: " of a group's name: its period. @param {string} name */
export const periodOf = (name) => name.slice(name.lastIndexOf(': ') + 1).trim();

/**
 * What two group names share before ": ", and their periods; [null, a, b] when nothing is shared.
 * @param {string} a @param {string} b @returns {[string | null, string, string]}
 */
function split(a, b) {
  const i = a.lastIndexOf(': '), j = b.lastIndexOf(': ');
  if (i > 0 && i === j && a.slice(0, i) === b.slice(0, j)) return [a.slice(0, i), a.slice(i + 2), b.slice(j + 2)];
  return [null, a, b];
}

/**
 * A short change line for a headline card: "−8.00 points vs 2024-03 (significant, p = 0.035)",
 * "+1.2 points vs 2024-03 (could be chance, p = 0.31)", "vs 2024-03: too few to test".
 * @param {Change} c @param {UnitName} unit
 */
export function changeLine(c, unit) {
  const k = c.comparison;
  if (!k) return `${c.group} vs ${c.baseline}: ${/too few/.test(c.unavailableReason ?? '') ? 'too few to test' : (c.unavailableReason ?? 'not tested')}`;
  const p = c.adjustedPValue ?? k.pValue;
  const d = difference(k.difference, unit).replace(/ pts$/, ' points');
  // The card's value is the whole file's: the line names the period whose change it is.
  return `${c.group}: ${d} vs ${c.baseline}${c.against === Baseline.YearEarlier ? ' (a year earlier)' : ''} (${c.significant ? 'significant' : 'could be chance'}, ${pText(p)})`;
}

/**
 * The rows a person asks for first, for one metric: the latest change between full periods, the
 * latest against a year earlier, and the segment furthest from the rest (smallest p).
 * @param {Change[]} changes every change row of the report @param {string} metric
 * @param {ReadonlySet<string>} partial the periods the data cover only in part
 */
export function headlineChanges(changes, metric, partial = new Set()) {
  const mine = changes.filter((c) => c.metric === metric);
  const full = (/** @type {Change} */ c) => !partial.has(periodOf(c.group)) && !partial.has(periodOf(c.baseline));
  const pOf = (/** @type {Change} */ c) => c.adjustedPValue ?? c.comparison?.pValue ?? 1;
  // The latest period; of several rows for it (one per brand), the one least like chance.
  const last = (/** @type {string} */ against) => {
    const rows = mine.filter((c) => c.against === against && full(c));
    const latest = rows.map((c) => periodOf(c.group)).sort().at(-1);
    return rows.filter((c) => periodOf(c.group) === latest).reduce((/** @type {Change | null} */ best, c) => (!best || pOf(c) < pOf(best) ? c : best), null);
  };
  const segments = mine.filter((c) => c.against === Baseline.RestOfBreakdown && c.comparison);
  const segment = segments.reduce((/** @type {Change | null} */ best, c) => (!best || pOf(c) < pOf(best) ? c : best), null);
  return { previous: last(Baseline.PreviousPeriod), yearEarlier: last(Baseline.YearEarlier), segment };
}
