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
  writeFileSync(`${dir}/generated.ts`, [
    `import type { SurveyReport, NpsResult, CsatResult, CesResult } from '../../pkg/node/engagement_metrics';`,
    `export const report: SurveyReport = ${JSON.stringify(report)};`,
    `export const nps: NpsResult = ${JSON.stringify(nps)};`,
    `export const counts: NpsResult = ${JSON.stringify(counts)};`,
    `export const csat: CsatResult = ${JSON.stringify(csat)};`,
    `export const ces: CesResult = ${JSON.stringify(ces)};`,
  ].join('\n'));
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['esnext', 'dom'], module: 'es2022', moduleResolution: 'bundler', skipLibCheck: false, types: [] },
    files: ['generated.ts', `${root}tests/js/consumer.ts`],
  }));
  const r = spawnSync(`${root}node_modules/.bin/tsc`, ['-p', `${dir}/tsconfig.json`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
