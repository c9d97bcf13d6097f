// The calculators-only module (engagement-metrics/calculators, pkg/calculators/) against the full
// engine: every expected value here is the full entry's own answer for the same input, so the
// smaller build cannot drift from the reports' formulas. Its web glue (what the calculators page
// loads) is checked too, with the module's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as full from '../../pkg/node/index.mjs';
import init, * as calc from '../../pkg/calculators/node/index.mjs';
import webInit, * as web from '../../pkg/calculators/web/calculators.js';

const cjs = createRequire(import.meta.url)('../../pkg/calculators/node/calculators.js');
await webInit({ module_or_path: readFileSync(new URL('../../pkg/calculators/web/calculators_bg.wasm', import.meta.url)) });

/** The result, or the error's name, code and message: the two builds must agree on both. */
function outcome(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
}

/** Each calculator's example inputs, then variations: larger, smaller, zero, negative, missing. */
function inputs(spec) {
  const example = Object.fromEntries(spec.inputs.map((i) => [i.name,
    i.kind === 'numbers' ? i.example.split(/[\s,]+/).map(Number) : Number(i.example)]));
  const out = [{ metric: spec.metric, ...example }];
  for (const i of spec.inputs) {
    for (const f of [(v) => v * 1.5, (v) => v / 3, () => 0, (v) => -v, () => undefined]) {
      const v = example[i.name];
      out.push({ metric: spec.metric, ...example, [i.name]: Array.isArray(v) ? (f(1) === undefined ? undefined : v.map(f)) : f(v) });
    }
  }
  return out;
}

test('the calculators entry exports the calculators, init() and initSync(), and nothing of the file engine', async () => {
  const names = Object.keys(calc).sort();
  assert.deepEqual(names, ['buildInfo', 'calculate', 'calculators', 'default', 'initSync', 'start']);
  assert.deepEqual(Object.keys(web).filter((k) => k !== 'default' && k !== 'initSync').sort(), ['buildInfo', 'calculate', 'calculators', 'start']);
  for (const engineOnly of ['analyze', 'Analyzer', 'inspect', 'sentiment', 'catalogue', 'vocabulary']) assert.ok(engineOnly in full);
  assert.equal(init, cjs.default);
  const exports = await init();
  assert.ok(exports.memory instanceof WebAssembly.Memory);
  assert.equal(calc.initSync(), exports);
  assert.deepEqual(calc.buildInfo(), full.buildInfo());
});

test('calculators(): the same catalogue as the full engine', () => {
  assert.ok(full.calculators().length > 10);
  assert.deepEqual(calc.calculators(), full.calculators());
  assert.deepEqual(web.calculators(), full.calculators());
});

test('calculate(): for every calculator, the same result or the same error as the full engine (node and web glue)', () => {
  let results = 0;
  let errors = 0;
  for (const spec of full.calculators()) {
    for (const input of inputs(spec)) {
      const want = outcome(() => full.calculate(input));
      assert.deepEqual(outcome(() => calc.calculate(input)), want, JSON.stringify(input));
      assert.deepEqual(outcome(() => web.calculate(input)), want, JSON.stringify(input));
      if (want.error) errors++;
      else results++;
    }
  }
  // Both paths were exercised: the examples compute, a missing input is an error.
  assert.ok(results > full.calculators().length, `${results} results`);
  assert.ok(errors > 0, `${errors} errors`);
});

test('misuse gives the same coded errors as the full engine', () => {
  for (const input of [undefined, null, [], 'npsScore', {}, { metric: 'noSuchCalculator' }, { metric: 'npsScore', promoters: '60' }]) {
    const want = outcome(() => full.calculate(input));
    assert.equal(want.error?.name, 'EngagementMetricsError', JSON.stringify(input));
    assert.deepEqual(outcome(() => calc.calculate(input)), want);
    assert.deepEqual(outcome(() => web.calculate(input)), want);
  }
});
