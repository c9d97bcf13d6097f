// JS API tests against the built package in pkg/ (run `bash scripts/build.sh` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as esm from '../../pkg/node/index.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const cjs = require('../../pkg/node/engagement_metrics.js');
const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const close = (got, want, tol = 1e-9) => assert.ok(Math.abs(got - want) <= tol, `got ${got}, want ${want}`);

test('ESM and CommonJS entries expose the same API', () => {
  for (const name of ['npsFromScores', 'npsFromCounts', 'csat', 'csatFromCounts', 'ces', 'cesFromCounts', 'wilsonInterval', 'analyze', 'Analyzer', 'buildInfo']) {
    assert.equal(typeof esm[name], 'function', name);
    assert.equal(esm[name], cjs[name], name);
  }
  const pkg = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url)));
  assert.equal(pkg.name, 'engagement-metrics');
  assert.equal(pkg.exports['.'].node.require.default, './node/engagement_metrics.js');
  assert.equal(esm.buildInfo().version, pkg.version);
});

test('NPS of [10, 9, 8, 7, 6, 0] is 0 with 2/2/2 and MoE 65.3321', () => {
  const r = esm.npsFromScores([10, 9, 8, 7, 6, 0]);
  assert.equal(r.score, 0);
  assert.deepEqual([r.promoters, r.passives, r.detractors], [2, 2, 2]);
  close(r.marginOfError, 65.3321328180018, 1e-9);
  assert.equal(r.definition.metric, 'nps');
  assert.equal(r.definition.params.promotersMin, 9);
  // Typed arrays work as well as plain arrays.
  assert.deepEqual(esm.npsFromScores(new Float64Array([10, 9, 8, 7, 6, 0])), r);
  close(esm.npsFromCounts({ promoters: 500, passives: 300, detractors: 200 }).marginOfError, 4.840753950185256, 1e-9);
});

test('CSAT, CES and Wilson match hand-computed and statsmodels values', () => {
  const c = esm.csat([5, 4, 3, 2, 1, 5, 4]);
  close(c.score, 400 / 7);
  close(c.interval.low, 25.045836452765723, 1e-7); // statsmodels proportion_confint(4, 7, method="wilson")
  close(c.variants.netWithNeutral.value, 300 / 7);
  assert.equal(esm.csat([5, 4], { variant: 'mean' }).score, 4.5);
  close(esm.ces([7, 6, 5, 2, 1, 4, 3]).score, 4);
  const w = esm.wilsonInterval(81, 263);
  close(w.low, 0.2552885199, 1e-9); // statsmodels 0.14.4
  assert.equal(esm.wilsonInterval(0, 0), null);
});

test('errors are Error objects with a stable code', () => {
  const code = (f) => {
    try { f(); } catch (e) { assert.ok(e instanceof Error); assert.equal(e.name, 'EngagementMetricsError'); return e.code; }
    assert.fail('did not throw');
  };
  assert.equal(code(() => esm.npsFromScores([5, 11])), 'INVALID_SCORE');
  assert.equal(code(() => esm.csat([3], { sclae: { min: 1, max: 5 } })), 'INVALID_OPTION');
  assert.equal(code(() => esm.csat([3], 'bad')), 'INVALID_OPTION');
  assert.equal(code(() => esm.npsFromCounts({ promoters: -1, passives: 0, detractors: 0 })), 'INVALID_OPTION');
  assert.equal(code(() => esm.wilsonInterval(5, 3)), 'INVALID_OPTION');
  assert.equal(code(() => esm.analyze(new Uint8Array(), {})), 'EMPTY_INPUT');
  assert.equal(code(() => esm.analyze(new TextEncoder().encode('1,2\n3,4\n'))), 'NO_HEADER');
  assert.equal(code(() => esm.analyze(new TextEncoder().encode('nps\n1\n'), { timezone: 'Nowhere/City' })), 'UNKNOWN_TIMEZONE');
  let err;
  try { esm.npsFromScores([1, 2, 99]); } catch (e) { err = e; }
  assert.equal(err.index, 2);
  // The instance survives every error above.
  assert.equal(esm.npsFromScores([9]).score, 100);
});

test('garbage input never kills the wasm instance', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 300; i++) {
    const bytes = new Uint8Array(Math.floor(rnd() * 400)).map(() => Math.floor(rnd() * 256));
    if (i % 3 === 0 && bytes.length >= 9) bytes.set(new TextEncoder().encode('nps,date\n'));
    try { esm.analyze(bytes); } catch (e) { assert.equal(typeof e.code, 'string'); }
  }
  assert.equal(esm.npsFromScores([10]).score, 100);
});

test('calculators: values, zero denominators and bad inputs as coded errors', () => {
  // Shares in percent, the catalogue's unit: (210 − 40) / 200 = 85 %.
  close(esm.calculate({ metric: 'retentionRate', start: 200, end: 210, new: 40 }).value, 85);
  const zero = esm.calculate({ metric: 'arpu', revenue: 5, customers: 0 });
  assert.equal(zero.value, null);
  assert.match(zero.unavailableReason, /denominator/);
  const sbg = esm.calculate({ metric: 'sbgRetention', alive: [1000, 631, 468, 382, 326, 289, 262, 241], periods: 12 });
  close(sbg.details.alpha, 0.704, 0.00704);
  assert.equal(sbg.series.length, 13);
  // Every catalogue entry has labelled inputs with examples.
  const specs = esm.calculators();
  assert.ok(specs.length >= 14 && specs.every((s) => s.inputs.every((i) => i.label && i.example)));
  for (const bad of [42, 'churnRate', [], { metric: 'nope' }, { metric: 'churnRate', lost: 1 }, { metric: 'churnRate', lost: NaN, start: 1 },
    { metric: 'churnRate', lost: 5, start: 1 }, { metric: 'sbgRetention', alive: [1, 2], periods: 3 }]) {
    assert.throws(() => esm.calculate(bad), (e) => e instanceof Error && e.code === 'INVALID_OPTION', JSON.stringify(bad));
  }
  const churn = esm.calculate({ metric: 'churnRate', lost: 1, start: 4 });
  assert.deepEqual([churn.value, churn.unit], [25, 'percent']);
  // Every calculator of a catalogue metric is in that metric's unit.
  const units = new Map(esm.catalogue().map((m) => [m.id, m.unit]));
  for (const s of specs) if (units.has(s.metric)) assert.equal(s.unit, units.get(s.metric), s.metric);
});

test('A/B tests from counts and from rows; bad input is a coded error', () => {
  const r = esm.abTest({ variants: [{ name: 'A', visitors: 1000, conversions: 120 }, { name: 'B', visitors: 1000, conversions: 150 }] });
  close(r.comparisons[0].conversion.pValue, 0.04964038686536878, 1e-10); // statsmodels proportions_ztest
  assert.equal(r.comparisons[0].significant, true);
  assert.match(r.caution, /sample size before the test/);
  const rows = [];
  for (let i = 0; i < 10; i++) rows.push({ variant: 'A', converted: i < 3, revenue: [20, 35, 50][i] });
  for (let i = 0; i < 12; i++) rows.push({ variant: 'B', converted: i < 6, revenue: [25, 30, 45, 60, 20, 40][i] });
  const fr = esm.abTestFromRows(rows, { confidence: 0.9 });
  close(fr.comparisons[0].revenue.pValue, 0.3680577160422036, 1e-9); // scipy ttest_ind(equal_var=False)
  assert.equal(fr.confidence, 0.9);
  for (const bad of [undefined, { variants: [] }, { variants: [{ name: 'A', visitors: 1, conversions: 2 }, { name: 'B', visitors: 1, conversions: 0 }] }]) {
    assert.throws(() => esm.abTest(bad), (e) => e.code === 'INVALID_OPTION');
  }
  assert.throws(() => esm.abTestFromRows('rows'), (e) => e.code === 'INVALID_OPTION');
  assert.throws(() => esm.abTestFromRows([{ variant: 'A' }]), (e) => e.code === 'INVALID_OPTION');
});

test('Analyzer streams chunks and matches analyze()', () => {
  const bytes = fixture('survey-small.csv');
  const whole = esm.analyze(bytes);
  const a = new esm.Analyzer();
  for (let i = 0; i < bytes.length; i += 7) {
    const p = a.push(bytes.subarray(i, i + 7));
    assert.ok(p.bytes <= bytes.length);
  }
  const streamed = a.finish();
  assert.deepEqual(streamed, whole);
  assert.throws(() => a.finish(), (e) => e.code === 'ALREADY_FINISHED');
  a.free();
  assert.equal(whole.overall.nps.score, 0);
  assert.equal(whole.channelCsat.value, 50);
  assert.deepEqual(whole.input.preview.map((r) => r[6]), ['Great, fast', '', 'He said "hi"', 'multi\nline', '😀', '=HYPERLINK("x")', '<script>alert(1)</script>', '']);
});

test('CLI prints the JSON report and a readable table', () => {
  const cli = `${root}pkg/cli.mjs`;
  const out = execFileSync('node', [cli, 'report', `${root}tests/fixtures/survey-small.csv`, '--kind', 'survey', '--json', '--timezone', 'America/Sao_Paulo'], { encoding: 'utf8' });
  const r = JSON.parse(out);
  assert.equal(r.kind, 'survey');
  assert.equal(r.options.timezone, 'America/Sao_Paulo');
  assert.equal(r.periods[0].metrics.nps.score, 25);
  assert.ok(r.overall.nps.definition.formula.startsWith('NPS = 100'));
  const table = execFileSync('node', [cli, 'report', `${root}tests/fixtures/survey-small.csv`, '--granularity', 'week', '--column', 'nps=nps'], { encoding: 'utf8' });
  assert.match(table, /NPS\s+0\.0/);
  // The rejection and its fate in words (the vocabulary's labels); the code only in the JSON.
  const words = esm.vocabulary();
  assert.ok(table.includes(`${words.rejectionLabels.INVALID_SCORE} in nps: 1 (${words.fateLabels.valueIgnored.toLowerCase()})`), table);
  assert.doesNotMatch(table, /INVALID_SCORE/);
  // Variants by their labels, not their ids.
  const labels = esm.vocabulary().variantLabels;
  const survey = execFileSync('node', [cli, 'report', `${root}www/samples/survey-sample.csv`], { encoding: 'utf8' });
  assert.ok(survey.includes(`(${labels.topBox})`), survey);
  assert.doesNotMatch(survey, /\(topBox\)/);
  const bad = spawnSync('node', [cli, 'report', `${root}tests/fixtures/survey-small.csv`, '--kind', 'tweets'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /INVALID_OPTION.*`tweets` is not a kind; kinds: survey, events/);
  const missing = spawnSync('node', [cli, 'report', `${root}tests/fixtures/survey-small.csv`, '--kind', 'social'], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /NO_METRIC_COLUMNS.*likes or comments or shares or saves/);
  const wrong = spawnSync('node', [cli, 'report', `${root}tests/fixtures/survey-small.csv`, '--kind', 'events'], { encoding: 'utf8' });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /NO_METRIC_COLUMNS.*userId \+ timestamp \+ eventName or page/);
  const usage = spawnSync('node', [cli, 'report'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  // Every kind with metrics prints its own section; the JSON carries the fitted models.
  const tickets = execFileSync('node', [cli, 'report', `${root}www/samples/tickets-sample.csv`, '--kind', 'tickets'], { encoding: 'utf8' });
  assert.match(tickets, /first contact resolution \d+\.\d%, reopen rate \d+\.\d%, CSAT \d+\.\d%/);
  const campaigns = execFileSync('node', [cli, 'report', `${root}www/samples/campaigns-sample.csv`, '--kind', 'campaigns'], { encoding: 'utf8' });
  assert.match(campaigns, /Click-through rate \(ads\)\s+n\/a \(no impressions column\)/);
  assert.match(campaigns, /Return on ad spend\s+\d+\.\d\d×/);
  // Targets from the command line: the gap in the table and in the JSON.
  const targeted = JSON.parse(execFileSync('node', [cli, 'report', `${root}www/samples/campaigns-sample.csv`, '--json', '--target', 'openRate=25'], { encoding: 'utf8' }));
  const gap = targeted.signals.benchmarks[0];
  assert.equal(gap.metric, 'openRate');
  close(gap.gap, 100 * targeted.campaigns.overall.rates.openRate.value - 25, 1e-9);
  const gapTable = execFileSync('node', [cli, 'report', `${root}www/samples/campaigns-sample.csv`, '--target', 'openRate=25'], { encoding: 'utf8' });
  assert.match(gapTable, new RegExp(`target Open rate 25: value ${(gap.value).toFixed(2)}, gap \\+${gap.gap.toFixed(2)}`));
  const badTarget = spawnSync('node', [cli, 'report', `${root}www/samples/campaigns-sample.csv`, '--target', 'opnRate=25'], { encoding: 'utf8' });
  assert.equal(badTarget.status, 1);
  assert.match(badTarget.stderr, /INVALID_OPTION|unknown field/);
  const tx = JSON.parse(execFileSync('node', [cli, 'report', `${root}www/samples/transactions-sample.csv`, '--kind', 'transactions', '--json',
    '--calibration-end', '1997-09-30', '--margin', '0.3', '--lifespan', '6'], { encoding: 'utf8' }));
  assert.equal(tx.clv.margin, 0.3);
  assert.equal(tx.lifetimeValue.inputs.lifespanSource, 'option');
  close(tx.clv.purchases.r, 0.243, 0.0025);
  close(tx.clv.spend.p, 6.25, 0.0625);
  const txTable = execFileSync('node', [cli, 'report', `${root}www/samples/transactions-sample.csv`, '--kind', 'transactions'], { encoding: 'utf8' });
  for (const v of tx.lifetimeValue.variants) assert.match(txTable, new RegExp(`^  ${labels[v.variant].replace(/[()+×]/g, '\\$&')} +`, 'm'), v.variant);
  assert.doesNotMatch(txTable, /^  purchaseValue /m);
});

test('CLI: when the engine dies it exits 1 with INTERNAL and the file name', () => {
  const file = `${root}www/samples/survey-sample.csv`;
  const r = spawnSync(process.execPath, ['-r', `${root}tests/js/fault/wasm-trap.cjs`, `${root}pkg/cli.mjs`, 'report', file], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^engagement-metrics: error \\[INTERNAL\\]: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the engine failed on this file \\(unreachable\\); please report it\\n$`));
});
