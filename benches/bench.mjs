// Survey ingest + report throughput, natively in Node (wasm) and in headless Chromium (the page,
// file uploaded through <input type=file>, analysed in the worker). Not a test: prints figures.
//   node benches/bench.mjs [ROWS=1000000] [RUNS=3]
import { existsSync, mkdirSync, statSync, createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-survey.mjs';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/e2e/chromium.mjs';
import * as em from '../pkg/node/index.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
mkdirSync(`${root}target/bench`, { recursive: true });
const files = {
  full: `${root}target/bench/survey-${rows}.csv`,
  plain: `${root}target/bench/survey-plain-${rows}.csv`,
};
if (!existsSync(files.full)) await generate(rows, files.full);
if (!existsSync(files.plain)) await generate(rows, files.plain, true);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (where, name, ms, bytes) =>
  console.log(`${where.padEnd(9)} ${name.padEnd(6)} ${String(rows).padStart(8)} rows ${(bytes / 1e6).toFixed(1).padStart(6)} MB  ` +
    `${ms.toFixed(0).padStart(6)} ms  ${(rows / ms * 1000 / 1e6).toFixed(2)} M rows/s  ${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`);

async function nodeRun(file) {
  const t0 = performance.now();
  const a = new em.Analyzer();
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) a.push(chunk);
  const r = a.finish();
  a.free();
  if (r.input.rows !== rows) throw new Error(`rows ${r.input.rows}`);
  return performance.now() - t0;
}

console.log(`node ${process.version}; ${runs} runs each, median`);
for (const [name, file] of Object.entries(files)) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await nodeRun(file));
  line('node', name, median(times), statSync(file).size);
}

const server = await serve(`${root}www`, 0);
const origin = `http://127.0.0.1:${server.address().port}/`;
for (const [name, file] of Object.entries(files)) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const b = await launch();
    const page = await b.context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => document.getElementById('build').textContent !== '');
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, { timeout: 300000 });
    const text = await page.textContent('#progress-text');
    const m = /in ([\d.]+) s/.exec(text);
    if (!m) throw new Error(`page said: ${text} ${await page.textContent('#error')}`);
    times.push(Number(m[1]) * 1000);
    await b.close();
  }
  line('chromium', name, median(times), statSync(file).size);
}
server.close();
