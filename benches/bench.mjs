// Ingest + report throughput for every dataset kind: natively (Rust, `examples/ingest.rs`), in
// Node (the wasm package) and in headless Chromium (the page: file uploaded through
// <input type=file>, analysed in the worker). Not a test: prints figures (median of RUNS).
//   node benches/bench.mjs [ROWS=1000000] [RUNS=3] [KINDS=survey,survey-plain,events,transactions,tickets,campaigns]
import { existsSync, mkdirSync, statSync, createReadStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate } from './gen-survey.mjs';
import { generateKind } from './gen-kinds.mjs';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/e2e/chromium.mjs';
import * as em from '../pkg/node/index.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const kinds = (process.argv[4] ?? 'survey,survey-plain,events,transactions,tickets,campaigns').split(',');
mkdirSync(`${root}target/bench`, { recursive: true });

const files = {};
for (const k of kinds) {
  const file = `${root}target/bench/${k}-${rows}.csv`;
  if (!existsSync(file)) {
    if (k === 'survey') await generate(rows, file);
    else if (k === 'survey-plain') await generate(rows, file, true);
    else await generateKind(k, rows, file);
  }
  files[k] = file;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
const record = (where, kind, ms, bytes) => {
  results.push({ where, kind, ms, bytes });
  console.log(`${where.padEnd(9)} ${kind.padEnd(13)} ${String(rows).padStart(8)} rows ${(bytes / 1e6).toFixed(1).padStart(6)} MB  ` +
    `${ms.toFixed(0).padStart(6)} ms  ${(rows / ms * 1000 / 1e6).toFixed(2)} M rows/s  ${(bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(4)} MB/s`);
};

// Native: the release build of the core, same chunked path.
const build = spawnSync('cargo', ['build', '--release', '--quiet', '--example', 'ingest'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) throw new Error('cargo build failed');
for (const [kind, file] of Object.entries(files)) {
  const out = spawnSync(`${root}target/release/examples/ingest`, [file], { encoding: 'utf8', env: { ...process.env, RUNS: String(runs) } });
  if (out.status !== 0) throw new Error(out.stderr);
  const r = JSON.parse(out.stdout);
  record('native', kind, r.ms, r.bytes);
}

async function nodeRun(file) {
  const t0 = performance.now();
  const a = new em.Analyzer();
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) a.push(chunk);
  const r = a.finish();
  a.free();
  if (r.input.rows !== rows) throw new Error(`rows ${r.input.rows}`);
  return performance.now() - t0;
}
for (const [kind, file] of Object.entries(files)) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await nodeRun(file));
  record('node', kind, median(times), statSync(file).size);
}

const server = await serve(`${root}www`, 0);
const origin = `http://127.0.0.1:${server.address().port}/`;
for (const [kind, file] of Object.entries(files)) {
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
  record('chromium', kind, median(times), statSync(file).size);
}
server.close();
console.log(`\nnode ${process.version}; ${runs} runs each, median; ${new Date().toISOString()}`);
