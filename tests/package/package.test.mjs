// The npm package as its users install it: `npm pack`'s tarball of pkg/ installed (offline) into
// fresh projects under target/package-tests/, then used through every documented route — Vite
// (web, bundler, worker), webpack 5 (web, bundler), esbuild (the README's recipe, with the
// worker), a page with an import map, Node ESM and CommonJS, the CLI from a path with `#`, `%`,
// a space and non-ASCII, TypeScript (node16) — and the README's code blocks run as written.
// Every route computes figures that are compared with the engine's. publint and
// are-the-types-wrong check the tarball. Pages are served on 127.0.0.1 only; a request to any
// other origin fails the suite. Run `bash scripts/build.sh` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import { servedBrowser } from '../e2e/chromium.mjs';
import init, * as engine from '../../pkg/node/index.mjs';
import { probe, SCORES } from './probe.js';
import { blank } from '../js/golden-cases.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = `${root}target/package-tests`;
const nodeApp = `${work}/node app #1 %41 ü`; // the CLI must run from such a path
const webApp = `${work}/browser app`;
const bin = (name) => `${root}node_modules/.bin/${name}`;
const readme = readFileSync(`${root}README.md`, 'utf8');
const sample = readFileSync(`${root}www/samples/survey-sample.csv`);
const REPO = 'https://github.com/engagement-metrics/engagement-metrics';

/** The README's ```js TAG blocks by tag (every JS block has one and is run below). */
const blocks = {};
for (const [, lang, tag, code] of readme.matchAll(/^```(\w+)(?: ([\w-]+))?\n([\s\S]*?)^```$/gm)) {
  if (lang !== 'js') continue;
  assert.ok(tag, `a js block of the README has no tag saying where it runs:\n${code}`);
  blocks[tag] = code;
}
/** The values a block's `console.log(…); // VALUE …` lines promise, in order. */
const promised = (code) => [...code.matchAll(/console\.log\(.*\); *\/\/ *(\S+)/g)].map((m) => m[1]);

let tarball, packed, expected, origin, browser;

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

function project(dir, files) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ name: 'fixture', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: dir });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(`${dir}/${name}`.replace(/\/[^/]+$/, ''), { recursive: true });
    writeFileSync(`${dir}/${name}`, text);
  }
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: `${root}pkg` }));
  tarball = `${work}/${packed.filename}`;
  console.log(`package: packed ${packed.size} bytes, unpacked ${packed.unpackedSize}, ${packed.entryCount} files`);
  const probeSource = readFileSync(new URL('./probe.js', import.meta.url), 'utf8');
  project(nodeApp, { 'probe.js': probeSource, 'survey.csv': sample });
  project(webApp, { 'probe.js': probeSource, 'survey.csv': sample });
  expected = await probe(init, engine, sample);
  browser = await servedBrowser(webApp);
  origin = browser.origin;
});

after(async () => {
  await browser?.close();
});

/** NPS of the sample's `nps` column counted here (RFC 4180 fields; answers other than 0–10 skipped). */
function sampleNps() {
  const rows = [[]];
  for (const [, quoted, plain, end] of sample.toString('utf8').matchAll(/(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r?\n|$)/g)) {
    rows.at(-1).push(quoted?.replaceAll('""', '"') ?? plain);
    if (end !== ',') rows.push([]);
    if (end === '') break;
  }
  const column = rows[0].indexOf('nps');
  const scores = rows.slice(1).map((r) => r[column]).filter((v) => /^(10|[0-9])$/.test(v)).map(Number);
  return (100 * (scores.filter((x) => x >= 9).length - scores.filter((x) => x <= 6).length)) / scores.length;
}

test('the engine reference: hand-checked figures and coded errors', () => {
  assert.equal(expected.nps, (100 * (3 - 2)) / SCORES.length);
  assert.equal(expected.fileNps, sampleNps());
  assert.equal(typeof expected.streamedCsat, 'number');
  assert.equal(expected.memory, true);
  assert.equal(expected.string, 'EngagementMetricsError INVALID_ARGUMENT');
  assert.equal(expected.freed, 'EngagementMetricsError ALREADY_FINISHED');
});

test('the tarball: one .wasm per build (the engine, the calculators), licences, metadata, nothing for npm to auto-correct', () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['bundler/engagement_metrics_bg.wasm', 'calculators/web/calculators_bg.wasm']);
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'README.md']) {
    assert.equal(readFileSync(`${nodeApp}/node_modules/engagement-metrics/${f}`, 'utf8'), readFileSync(`${root}${f}`, 'utf8'), f);
  }
  assert.match(readFileSync(`${root}LICENSE-APACHE`, 'utf8'), /^ +Apache License\n +Version 2\.0, January 2004/);
  assert.match(readFileSync(`${root}LICENSE-MIT`, 'utf8'), /^MIT License\n/);
  const manifest = JSON.parse(readFileSync(`${nodeApp}/node_modules/engagement-metrics/package.json`, 'utf8'));
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.equal(manifest.repository.url, `git+${REPO}.git`);
  assert.equal(manifest.homepage, `${REPO}#readme`);
  assert.equal(manifest.bugs.url, `${REPO}/issues`);
  const publish = spawnSync('npm', ['publish', '--dry-run', '--offline'], { cwd: `${root}pkg`, encoding: 'utf8' });
  assert.equal(publish.status, 0, publish.stderr);
  assert.doesNotMatch(publish.stderr, /correct/i);
  assert.match(publish.stdout + publish.stderr, /engagement_metrics_bg\.wasm/);
});

test('publint and are-the-types-wrong find nothing', () => {
  assert.match(run(bin('publint'), ['run', tarball, '--strict']), /All good!/);
  // The dual entries (".", "./node") under every resolution mode; the browser-only ESM entries
  // under the profile for ESM-only entries (a CommonJS require of them is not a supported use).
  const attw = (...args) => JSON.parse(run(bin('attw'), [tarball, '--format', 'json', ...args])).analysis.problems;
  assert.deepEqual(attw('--entrypoints', '.', './node', './calculators'), []);
  const esmOnly = attw('--profile', 'esm-only', '--entrypoints', './web', './bundler', './worker', './wasm');
  assert.deepEqual(esmOnly.map((p) => `${p.entrypoint} ${p.resolutionKind} ${p.kind}`),
    ['./web', './bundler', './worker', './wasm'].map((e) => `${e} node16-cjs CJSResolvesToESM`));
});

test('README: links work on the registry page; its facts match the code', () => {
  for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (target.startsWith('#')) continue;
    assert.ok(target.startsWith(`${REPO}/blob/main/`), `README link ${target} is neither absolute nor an anchor`);
    const [path, anchor] = target.slice(`${REPO}/blob/main/`.length).split('#');
    assert.ok(existsSync(`${root}${path}`), `README links to ${path}, which the repository lacks`);
    if (anchor) {
      const slugs = [...readFileSync(`${root}${path}`, 'utf8').matchAll(/^#+ (.*)$/gm)]
        .map(([, h]) => h.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'));
      assert.ok(slugs.includes(anchor), `${path} has no heading #${anchor}`);
    }
  }
  const budget = Number(/^SIZE_BUDGET=\$\{SIZE_BUDGET:-(\d+)\}/m.exec(readFileSync(`${root}scripts/build.sh`, 'utf8'))[1]);
  assert.match(readme, new RegExp(`size budget \\(${(budget / 1e6).toFixed(1).replace('.', '\\.')} MB, \`SIZE_BUDGET\``));
  const dts = readFileSync(`${root}pkg/web/engagement_metrics.d.ts`, 'utf8');
  // The codes, generated from the Rust enum (the bindings' own ones included).
  const union = (type) => [...new RegExp(`export type ${type} =([^;]+);`).exec(dts)[1].matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]);
  const codes = union('ErrorCode');
  assert.ok(codes.includes('INVALID_ARGUMENT') && codes.includes('ALREADY_FINISHED'));
  const errors = readme.slice(readme.indexOf('## Errors'), readme.indexOf('## Build and test'));
  assert.deepEqual([...errors.matchAll(/`([A-Z_]{5,})`/g)].map((m) => m[1]), codes);
  assert.deepEqual(Object.keys(blocks).sort(), ['browser', 'calculators', 'esbuild', 'node-cjs', 'node-esm', 'worker']);
});

test('Node: the README blocks (ESM, CommonJS, and the browser one) and both entries, from the tarball', async () => {
  writeFileSync(`${nodeApp}/readme-esm.mjs`, blocks['node-esm']);
  writeFileSync(`${nodeApp}/readme-cjs.cjs`, blocks['node-cjs']);
  writeFileSync(`${nodeApp}/readme-browser.mjs`, blocks.browser);
  const lines = (file) => run('node', [file], { cwd: nodeApp }).trim().split('\n');
  const nps = String(expected.fileNps);
  assert.deepEqual(lines('readme-esm.mjs'), [nps]);
  assert.deepEqual(lines('readme-cjs.cjs'), [nps]);
  assert.deepEqual(lines('readme-browser.mjs'), promised(blocks.browser));
  assert.deepEqual(promised(blocks.browser), [String(engine.npsFromScores([10, 9, 8, 7, 6, 0]).score), String(engine.csat([5, 4, 3, 2, 1]).score),
    String(engine.calculate({ metric: 'churnRate', lost: 10, start: 200 }).value)]);
  writeFileSync(`${nodeApp}/probe-esm.mjs`, `import init, * as em from 'engagement-metrics';
import { readFileSync } from 'node:fs';
import { probe } from './probe.js';
console.log(JSON.stringify(await probe(init, em, readFileSync('survey.csv'))));\n`);
  writeFileSync(`${nodeApp}/probe-cjs.cjs`, `const em = require('engagement-metrics');
const { readFileSync } = require('node:fs');
import('./probe.js').then(async ({ probe }) => console.log(JSON.stringify(await probe(em.default, em, readFileSync('survey.csv')))));\n`);
  for (const f of ['probe-esm.mjs', 'probe-cjs.cjs']) assert.deepEqual(JSON.parse(lines(f)[0]), expected, f);
});

test('engagement-metrics/calculators from the tarball: the README block, ESM and CommonJS, one small .wasm', () => {
  writeFileSync(`${nodeApp}/readme-calculators.mjs`, blocks.calculators);
  const lines = (file) => run('node', [file], { cwd: nodeApp }).trim().split('\n');
  // The promised values are the full engine's (the calculators build must give the same).
  const nps = engine.calculate({ metric: 'npsScore', promoters: 60, passives: 25, detractors: 15, confidence: 0.95 }).value;
  assert.deepEqual(promised(blocks.calculators), [String(engine.calculators().length), String(nps)]);
  assert.deepEqual(lines('readme-calculators.mjs'), promised(blocks.calculators));
  writeFileSync(`${nodeApp}/calculators.cjs`, `const c = require('engagement-metrics/calculators');
console.log(JSON.stringify([Object.keys(c).sort(), c.calculate({ metric: 'churnRate', lost: 10, start: 200 })]));\n`);
  const [names, churn] = JSON.parse(lines('calculators.cjs')[0]);
  assert.deepEqual(names, ['buildInfo', 'calculate', 'calculators', 'default', 'initSync', 'start']);
  assert.deepEqual(churn, engine.calculate({ metric: 'churnRate', lost: 10, start: 200 }));
  // Its one .wasm (web and node glue share it; the tarball test lists it) is a tenth of the engine's.
  const installed = `${nodeApp}/node_modules/engagement-metrics/calculators/web/calculators_bg.wasm`;
  assert.ok(statSync(installed).size < statSync(`${nodeApp}/node_modules/engagement-metrics/bundler/engagement_metrics_bg.wasm`).size / 10);
});

test('CLI from a path with #, %, a space and non-ASCII: report, error format and exit codes as the README says', () => {
  assert.match(nodeApp, /#.*%.* .*ü/);
  const cli = `${nodeApp}/node_modules/.bin/engagement-metrics`; // a symlink: the entry check resolves it
  const report = JSON.parse(run(cli, ['report', 'survey.csv', '--json'], { cwd: nodeApp }));
  assert.equal(report.overall.nps.score, expected.fileNps);
  const table = run('node', [`${nodeApp}/node_modules/engagement-metrics/cli.mjs`, 'report', 'survey.csv'], { cwd: nodeApp });
  assert.match(table, new RegExp(`NPS\\s+${expected.fileNps.toFixed(1)}`));
  const [, format, status] = /stderr as `([^`]+)` with exit status (\d)/.exec(readme);
  const pattern = new RegExp(`^${format.replace(/[[\]]/g, '\\$&').replace('CODE', '[A-Z_]+').replace('message', '.+')}\n$`);
  const bad = spawnSync(cli, ['report', 'survey.csv', '--kind', 'social'], { cwd: nodeApp, encoding: 'utf8' });
  assert.equal(bad.status, Number(status));
  assert.match(bad.stderr, pattern);
  assert.match(bad.stderr, /\[NO_METRIC_COLUMNS\]/);
  assert.match(readme, /usage errors\s+\(`engagement-metrics: message` and the usage text\) exit 2/);
  const usage = spawnSync(cli, ['report'], { cwd: nodeApp, encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^engagement-metrics: expected: report FILE\n\nusage: /);
});

test('CLI: every command of the README, as written (npx, offline), computes what the engine computes', async () => {
  const block = /^### CLI\n\n```sh\n([\s\S]*?)^```$/m.exec(readme)[1];
  const commands = block.replace(/\\\n\s*/g, '').split('\n').filter((l) => l.startsWith('npx '))
    .map((l) => l.replace(/ +#.*$/, '').trim().split(/ +/));
  assert.equal(commands.length, 7);
  // The README's file names, from the repository's samples and corpus.
  const files = { 'survey.csv': 'www/samples/survey-sample.csv', 'events.ndjson': 'tests/corpus/events.ndjson',
    'orders.xlsx': 'tests/corpus/workbook.xlsx', 'orders.csv': 'www/samples/transactions-sample.csv', 'events.csv': 'www/samples/events-sample.csv' };
  for (const [name, from] of Object.entries(files)) cpSync(`${root}${from}`, `${nodeApp}/${name}`);
  const { parseArgs, renderTable } = await import(pathToFileURL(`${nodeApp}/node_modules/engagement-metrics/cli.mjs`).href);
  const env = { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' };
  const kinds = [];
  for (const [npx, ...args] of commands) {
    const out = run(npx, args, { cwd: nodeApp, env });
    const { file, options, json, inspect } = parseArgs(args.slice(1));
    const bytes = readFileSync(`${nodeApp}/${file}`);
    const want = inspect ? engine.inspect(bytes, options) : engine.analyze(bytes, options);
    if (json) assert.deepEqual(JSON.parse(blank(out)), JSON.parse(blank(JSON.stringify(want, null, 2))), args.join(' '));
    else assert.equal(out, renderTable(want), args.join(' '));
    if (options.kind) assert.equal(want.kind, options.kind);
    // The whole file's NPS, unless the command filters its rows.
    if (want.kind === 'survey' && !options.filter) assert.equal(want.overall.nps.score, expected.fileNps);
    if (options.filter) assert.ok(want.dataset.rowsFiltered > 0, args.join(' '));
    kinds.push(`${want.kind}${inspect ? ' schema' : ''}${json ? ' json' : ''}`);
  }
  assert.deepEqual(kinds, ['survey', 'survey json', 'events schema', 'transactions json', 'transactions json', 'events json', 'survey json']);
});

test('TypeScript (strict, node16): init, initSync, coded errors, worker messages, the wasm URL and the calculators entry are typed', () => {
  writeFileSync(`${nodeApp}/check.mts`, `import init, { initSync, npsFromScores, type EngagementMetricsError, type InitOutput } from 'engagement-metrics';
import type { WorkerMessage, WorkerRequest } from 'engagement-metrics/worker';
import wasmUrl from 'engagement-metrics/wasm';
const exports: InitOutput = await init({ module_or_path: wasmUrl });
const again: InitOutput = initSync();
const score: number | null = npsFromScores([10, 0]).score;
type ErrorCode = EngagementMetricsError['code'];
const code: ErrorCode = 'INVALID_ARGUMENT';
const engineCode: ErrorCode = 'ALREADY_FINISHED';
const request: WorkerRequest = { type: 'analyze', file: new Blob([]), options: { granularity: 'week' } };
export function onMessage(m: WorkerMessage): string {
  if (m.type === 'report') return m.report.kind;
  if (m.type === 'progress') return String(m.bytes / m.total + m.rows);
  if (m.type === 'error') { const c: ErrorCode = m.code; return c; }
  return m.type;
}
export function codeOf(e: EngagementMetricsError): ErrorCode { return e.code; }
export { exports, again, score, code, engineCode, request };
`);
  // The calculators entry: its own init, the same generated types.
  writeFileSync(`${nodeApp}/calculators.mts`, `import init, { calculate, calculators, type CalculationResult, type CalculatorSpec } from 'engagement-metrics/calculators';
await init();
const specs: CalculatorSpec[] = calculators();
const r: CalculationResult = calculate({ metric: 'churnRate', lost: 10, start: 200 });
const value: number | null = r.value;
export { specs, value };
`);
  writeFileSync(`${nodeApp}/check.cts`, `import em = require('engagement-metrics');
export const ready: Promise<em.InitOutput> = em.default();
export const score: number | null = em.npsFromScores([10]).score;
`);
  writeFileSync(`${nodeApp}/tsconfig.json`, JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'node16', moduleResolution: 'node16', lib: ['esnext', 'dom'], types: [], skipLibCheck: false },
    files: ['check.mts', 'check.cts', 'calculators.mts'],
  }));
  run(bin('tsc'), ['-p', `${nodeApp}/tsconfig.json`]);
});

// --- browsers --------------------------------------------------------------------------------

/** Opens a page; resolves with its console output once `done(lines)` holds (errors fail it). */
async function page(path, done) {
  const p = await browser.context.newPage();
  const lines = [];
  const errors = [];
  p.on('console', (m) => (m.type() === 'log' ? lines : errors).push(m.text()));
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  await p.goto(`${origin}${path}`);
  const deadline = Date.now() + 30000;
  while (!done(lines) && !errors.length && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
  await p.close();
  assert.deepEqual(errors, [], `${path}: ${lines.join('\n')}`);
  assert.ok(done(lines), `${path} did not finish: ${lines.join('\n')}`);
  return lines;
}

const html = (script, head = '') => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">${head}</head><body><script ${script}></script></body></html>\n`;
const bytesFromServer = `new Uint8Array(await (await fetch('/survey.csv')).arrayBuffer())`;
// After a README block that imported `init` itself, the probe imports only the namespace.
const probeEntry = (from, { initArg = 'undefined', ownInit = true } = {}) => `import ${ownInit ? 'init, ' : ''}* as em from '${from}';
import { probe } from '../probe.js';
console.log('probe ' + JSON.stringify(await probe(init, em, ${bytesFromServer}, ${initArg})));\n`;
const probed = (lines) => lines.filter((l) => l.startsWith('probe ')).map((l) => JSON.parse(l.slice(6)));
// The README's browser block as written (or importing the bundler subpath), then the probe.
const readmeThenProbe = (from) => {
  assert.ok(blocks.browser.includes("from 'engagement-metrics';"));
  return blocks.browser.replace("from 'engagement-metrics';", `from '${from}';`) + probeEntry(from, { ownInit: false });
};
const assertReadmeThenProbe = (lines) => {
  assert.deepEqual(lines.slice(0, promised(blocks.browser).length), promised(blocks.browser));
  assert.deepEqual(probed(lines), [expected]);
};
// Named imports only, no init(): the module that instantiates the wasm must survive tree-shaking
// (it does not with `"sideEffects": false`).
const namedOnly = `import { npsFromScores, analyze } from 'engagement-metrics/bundler';
import { SCORES } from '../probe.js';
const bytes = ${bytesFromServer};
console.log('named ' + JSON.stringify([npsFromScores(SCORES).score, analyze(bytes).overall.nps.score]));\n`;
const namedDone = (lines) => lines.some((l) => l.startsWith('named '));
const assertNamed = (lines) => assert.deepEqual(lines.filter((l) => l.startsWith('named ')), [`named ${JSON.stringify([expected.nps, expected.fileNps])}`]);
const fileForWorker = `const file = new File([await (await fetch('/survey.csv')).arrayBuffer()], 'survey.csv');\n`;
// The worker block logs progress lines ("rows fraction") and then the report's NPS.
const workerDone = (lines) => lines.includes(String(expected.fileNps));
const assertWorker = (lines) => {
  assert.ok(lines.some((l) => /^\d+ 1$/.test(l)), `no final progress line in ${lines}`);
  assert.equal(lines.at(-1), String(expected.fileNps));
};

test('a page without a bundler: the README block and the web build through the README import map', async () => {
  const importMap = /an import map: `(\{"imports".*?\})`/.exec(readme)[1];
  assert.equal(JSON.parse(importMap).imports['engagement-metrics'], '/node_modules/engagement-metrics/web/engagement_metrics.js');
  const map = `<script type="importmap">${importMap}</script>`;
  mkdirSync(`${webApp}/plain`, { recursive: true });
  writeFileSync(`${webApp}/plain/readme.js`, blocks.browser);
  writeFileSync(`${webApp}/plain/probe-web.js`, probeEntry('engagement-metrics'));
  writeFileSync(`${webApp}/plain/readme.html`, html('type="module" src="readme.js"', map));
  writeFileSync(`${webApp}/plain/probe.html`, html('type="module" src="probe-web.js"', map));
  const want = promised(blocks.browser);
  assert.deepEqual(await page('/plain/readme.html', (l) => l.length >= want.length), want);
  assert.deepEqual(probed(await page('/plain/probe.html', (l) => probed(l).length)), [expected]);
});

test('Vite: the README block through the web and the bundler build, named imports alone, and the README worker block', async () => {
  const dir = `${webApp}/vite`;
  const files = {
    'web.js': readmeThenProbe('engagement-metrics'),
    'bundler.js': readmeThenProbe('engagement-metrics/bundler'),
    'named.js': namedOnly,
    'worker.js': fileForWorker + blocks.worker,
  };
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    writeFileSync(`${dir}/${f}`, text);
    writeFileSync(`${dir}/${f.replace('.js', '.html')}`, html(`type="module" src="./${f}"`));
  }
  await viteBuild({
    root: dir, configFile: false, logLevel: 'warn', base: './',
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', rolldownOptions: { input: Object.keys(files).map((f) => `${dir}/${f.replace('.js', '.html')}`) } },
  });
  for (const entry of ['web', 'bundler']) assertReadmeThenProbe(await page(`/vite/dist/${entry}.html`, (l) => probed(l).length));
  assertNamed(await page('/vite/dist/named.html', namedDone));
  assertWorker(await page('/vite/dist/worker.html', workerDone));
});

test('webpack 5: the README block through the web and the bundler build (asyncWebAssembly), named imports alone', async () => {
  const dir = `${webApp}/webpack`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/web.js`, readmeThenProbe('engagement-metrics'));
  writeFileSync(`${dir}/bundler.js`, readmeThenProbe('engagement-metrics/bundler'));
  writeFileSync(`${dir}/named.js`, namedOnly);
  const stats = await new Promise((ok, ko) => webpack({
    mode: 'production', context: dir, entry: { web: './web.js', bundler: './bundler.js', named: './named.js' }, target: 'web',
    output: { path: `${dir}/dist`, clean: true }, experiments: { asyncWebAssembly: true }, performance: { hints: false },
  }, (e, s) => (e ? ko(e) : ok(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  for (const entry of ['web', 'bundler']) {
    writeFileSync(`${dir}/dist/${entry}.html`, html(`src="${entry}.js"`));
    assertReadmeThenProbe(await page(`/webpack/dist/${entry}.html`, (l) => probed(l).length));
  }
  writeFileSync(`${dir}/dist/named.html`, html('src="named.js"'));
  assertNamed(await page('/webpack/dist/named.html', namedDone));
});

test('esbuild: the README recipe (wasm subpath, file loader) with the worker, as the README runs it', async () => {
  const dir = `${webApp}/esbuild`;
  mkdirSync(dir, { recursive: true });
  const recipe = /^```sh\n(esbuild [^\n]+)\n# with the worker[^\n]*\n(esbuild [^\n]+)\n# +(new Worker\([^\n]+\))\n```$/m.exec(readme);
  assert.ok(recipe, 'the README has no esbuild recipe');
  const worker = "new Worker(new URL('engagement-metrics/worker', import.meta.url), { type: 'module' })";
  assert.ok(blocks.worker.includes(worker));
  writeFileSync(`${dir}/app.js`, blocks.esbuild + probeEntry('engagement-metrics', { initArg: '{ module_or_path: wasmUrl }', ownInit: false }) +
    fileForWorker + blocks.worker.replace(worker, recipe[3]));
  run(bin('esbuild'), recipe[2].split(' ').slice(1), { cwd: dir });
  writeFileSync(`${dir}/dist/index.html`, html('type="module" src="app.js"'));
  const lines = await page('/esbuild/dist/index.html', (l) => probed(l).length && workerDone(l));
  assert.deepEqual(lines.slice(0, promised(blocks.esbuild).length), promised(blocks.esbuild));
  assert.equal(promised(blocks.esbuild)[0], String(expected.nps));
  assert.deepEqual(probed(lines), [expected]);
  assertWorker(lines.filter((l) => !l.startsWith('probe ') && !promised(blocks.esbuild).includes(l)));
  // The first command (no worker) builds as well.
  run(bin('esbuild'), recipe[1].split(' ').slice(1).map((a) => (a === '--outdir=dist' ? '--outdir=dist-app' : a)), { cwd: dir });
  assert.ok(existsSync(`${dir}/dist-app/app.js`));
});
