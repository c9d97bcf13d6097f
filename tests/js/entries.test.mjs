// The Node entries of pkg/ as a user meets them: init()/initSync() like the web build's, and an
// EngagementMetricsError with a code for every misuse (wrong argument types, use after free()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import init, * as esm from '../../pkg/node/index.mjs';

const cjs = createRequire(import.meta.url)('../../pkg/node/engagement_metrics.js');
const survey = readFileSync(new URL('../fixtures/survey-small.csv', import.meta.url));

const coded = (f, code, message) => assert.throws(f, (e) => {
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'EngagementMetricsError');
  assert.equal(e.code, code, e.message);
  if (message) assert.match(e.message, message);
  return true;
});

test('init() resolves to the wasm exports initSync() returns, in ESM and CommonJS', async () => {
  assert.equal(init, cjs.default);
  assert.equal(esm.initSync, cjs.initSync);
  const exports = await init();
  assert.ok(exports.memory instanceof WebAssembly.Memory);
  assert.equal(esm.initSync(), exports);
  // Arguments written for the web build are accepted (and not needed).
  assert.equal(await init({ module_or_path: 'ignored.wasm' }), exports);
  assert.equal(esm.npsFromScores([10, 10, 9, 8, 7, 3, 0]).score, (100 * (3 - 2)) / 7);
});

test('a string or an ArrayBuffer where bytes are expected is INVALID_ARGUMENT, not a decoding error', () => {
  coded(() => esm.analyze('nps\n10\n'), 'INVALID_ARGUMENT', /bytes: expected bytes .* got a string .*TextEncoder/);
  coded(() => esm.inspect(new ArrayBuffer(8)), 'INVALID_ARGUMENT', /got an ArrayBuffer .*new Uint8Array/);
  coded(() => esm.analyze(), 'INVALID_ARGUMENT', /got undefined/);
  coded(() => new esm.Analyzer().push({ length: 3 }), 'INVALID_ARGUMENT', /chunk: expected bytes .* got an Object/);
  coded(() => esm.npsFromScores('10'), 'INVALID_ARGUMENT', /scores: expected an array of numbers/);
  coded(() => esm.csatFromCounts(null), 'INVALID_ARGUMENT', /counts: .* got null/);
  // What the types allow still works: Buffer, Uint8Array, number[]; Float64Array and number[].
  const want = esm.analyze(survey).overall.nps.score;
  assert.equal(esm.analyze(new Uint8Array(survey)).overall.nps.score, want);
  assert.equal(esm.analyze([...survey]).overall.nps.score, want);
  assert.equal(esm.npsFromScores(new Float64Array([10, 0])).score, 0);
});

test('an Analyzer used after free() throws ALREADY_FINISHED, as after finish()', () => {
  const a = new esm.Analyzer();
  a.push(survey);
  assert.equal(a.finish().overall.nps.score, esm.analyze(survey).overall.nps.score);
  coded(() => a.push(survey), 'ALREADY_FINISHED', /already finished/);
  a.free();
  for (const use of [() => a.push(survey), () => a.finish(), () => a.progress(), () => a.schema(), () => a.finishSchema(), () => a.free()]) {
    coded(use, 'ALREADY_FINISHED', /was freed/);
  }
  // The instance is unharmed.
  assert.equal(esm.npsFromScores([9]).score, 100);
});
