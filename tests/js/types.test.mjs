// The TypeScript contract: a consumer file and a real report must type-check against the
// shipped .d.ts (object literals catch both missing and unexpected fields).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as em from '../../pkg/node/index.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the d.ts has no `any` on the public surface', () => {
  for (const target of ['web', 'node', 'bundler']) {
    const dts = readFileSync(`${root}pkg/${target}/engagement_metrics.d.ts`, 'utf8');
    // Public part only (InitOutput describes raw wasm exports), comments removed.
    const pub = dts.split('export interface InitOutput')[0].replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(pub, /\bany\b/, `${target} typings mention any`);
  }
});

test('consumer code and real reports type-check with tsc', () => {
  const dir = `${root}target/ts-check`;
  mkdirSync(dir, { recursive: true });
  const report = em.analyze(readFileSync(`${root}tests/fixtures/survey-small.csv`));
  const nps = em.npsFromScores([10, 9, 0]);
  const counts = em.npsFromCounts({ promoters: 1, passives: 1, detractors: 0 });
  const csat = em.csat([5, 1]);
  const ces = em.ces([7, 1]);
  // One real report of every other kind and format, and an inferred schema.
  const corpus = (f) => readFileSync(`${root}tests/corpus/${f}`);
  const eventReports = ['events.json', 'events.ndjson'].map((f) => em.analyze(corpus(f), { events: { funnel: ['login', 'view'], preset: 'posthog' } }));
  const txReports = [['amounts.csv', '2024-01-07'], ['semicolon.csv', '2024-02-15']].map(([f, end]) => em.analyze(corpus(f), { lostAfterPeriods: 2, rfmCustomers: true, lifetimeValue: { margin: 0.3, discountRate: 0.01 }, clv: { calibrationEnd: end, customers: true } }));
  assert.ok(txReports.every((r) => r.clv && r.clv.holdout));
  txReports.push(em.analyze(corpus('workbook.xlsx'), { sheet: 'Orders' }));
  assert.deepEqual(txReports.map((r) => r.kind), ['transactions', 'transactions', 'transactions']);
  const datasets = [];
  const tickets = 'ticket_id,created_at,resolved_at,csat\nT1,2024-01-01T10:00:00Z,2024-01-02T10:00:00Z,5\n';
  const campaigns = 'campaign,send_date,sent,opens,clicks\nSpring,2024-03-01,1000,400,yes\n';
  datasets.push(em.analyze(Buffer.from(tickets)), em.analyze(Buffer.from(campaigns)));
  assert.deepEqual(datasets.map((r) => r.kind), ['tickets', 'campaigns']);
  const voices = ['social', 'reviews', 'mentions', 'scans'].map((k) => em.analyze(readFileSync(`${root}www/samples/${k}-sample.csv`), { voice: { brand: 'Acme' } }));
  assert.deepEqual(voices.map((r) => r.kind), ['social', 'reviews', 'mentions', 'scans']);
  assert.deepEqual(eventReports.map((r) => r.kind), ['events', 'events']);
  const schema = em.inspect(corpus('semicolon.csv'));
  const specs = em.calculators();
  const abResult = em.abTest({ variants: [{ name: 'A', visitors: 100, conversions: 10, revenueMean: 3, revenueSd: 9 }, { name: 'B', visitors: 120, conversions: 18, revenueMean: 4, revenueSd: 11 }] });
  const calcs = [
    em.calculate({ metric: 'churnRate', lost: 3, start: 20 }),
    em.calculate({ metric: 'arpu', revenue: 10, customers: 0 }),
    em.calculate({ metric: 'sbgRetention', alive: [100, 60, 40], periods: 4 }),
    em.calculate({ metric: 'bgNbdCustomer', r: 0.24, alpha: 4.4, a: 0.79, b: 2.4, frequency: 1, recency: 5, t: 20, horizon: 10 }),
  ];
  writeFileSync(`${dir}/generated.ts`, [
    `import type { SurveyReport, TicketsReport, CampaignsReport, SocialReport, VoiceReport, ScansReport, EventsReport, TransactionsReport, Report, Schema, NpsResult, CsatResult, CesResult, CalculatorSpec, CalculationResult, AbResult } from '../../pkg/node/engagement_metrics';`,
    ...txReports.map((r, i) => `export const tx${i}: TransactionsReport = ${JSON.stringify(r)};`),
    ...eventReports.map((r, i) => `export const events${i}: EventsReport = ${JSON.stringify(r)};`),
    `export const report: SurveyReport = ${JSON.stringify(report)};`,
    `export const dataset0: TicketsReport = ${JSON.stringify(datasets[0])};`,
    `export const dataset1: CampaignsReport = ${JSON.stringify(datasets[1])};`,
    `export const social: SocialReport = ${JSON.stringify(voices[0])};`,
    `export const reviews: VoiceReport = ${JSON.stringify(voices[1])};`,
    `export const mentions: VoiceReport = ${JSON.stringify(voices[2])};`,
    `export const scans: ScansReport = ${JSON.stringify(voices[3])};`,
    `export const any: Report[] = [report, events0, events1, tx0, tx1, tx2, ${datasets.map((_, i) => `dataset${i}`).join(', ')}, social, reviews, mentions, scans];`,
    `export const schema: Schema = ${JSON.stringify(schema)};`,
    `export const nps: NpsResult = ${JSON.stringify(nps)};`,
    `export const counts: NpsResult = ${JSON.stringify(counts)};`,
    `export const csat: CsatResult = ${JSON.stringify(csat)};`,
    `export const ces: CesResult = ${JSON.stringify(ces)};`,
    `export const specs: CalculatorSpec[] = ${JSON.stringify(specs)};`,
    `export const ab: AbResult = ${JSON.stringify(abResult)};`,
    `export const calcs: CalculationResult[] = ${JSON.stringify(calcs)};`,
  ].join('\n'));
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['esnext', 'dom'], module: 'es2022', moduleResolution: 'bundler', skipLibCheck: false, types: [] },
    files: ['generated.ts', `${root}tests/js/consumer.ts`],
  }));
  const r = spawnSync(`${root}node_modules/.bin/tsc`, ['-p', `${dir}/tsconfig.json`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

// The page, the worker and the CLI are JavaScript with `// @ts-check` and JSDoc types from the
// package's generated .d.ts (tsconfig.json at the root reads the built copies in www/pkg/ and
// pkg/): a renamed report field or a misspelt constant fails here.
test('the page, the worker and the CLI type-check against the generated declarations', () => {
  for (const f of ['www/app.js', 'www/render/survey.js', 'www/pkg/format.js', 'pkg/cli.mjs', 'pkg/web/analyze-worker.js']) {
    assert.match(readFileSync(`${root}${f}`, 'utf8'), /^(#!.*\n)?\/\/ @ts-check\n/, `${f} starts with // @ts-check`);
  }
  const r = spawnSync(`${root}node_modules/.bin/tsc`, ['-p', `${root}tsconfig.json`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
