// CLV fit time on a transactions file (default: 1,000,000 rows, 125 k customers, made by
// gen-kinds.mjs): natively (`examples/clv_fit.rs`: the BG/NBD and Gamma-Gamma fits alone, the
// quasi-Newton fit and the Nelder–Mead reference) and in Node (the wasm package: the report's
// `clv.seconds`, fits and predictions, which is what the page waits for). Not a test: prints
// figures (median of RUNS).
//   node benches/clv-fit.mjs [ROWS=1000000] [RUNS=3]
//   PKG=/path/to/pkg node benches/clv-fit.mjs   (another build of the package, e.g. an older one)
import { existsSync, mkdirSync, createReadStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateKind } from './gen-kinds.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
mkdirSync(`${root}target/bench`, { recursive: true });
const file = `${root}target/bench/transactions-${rows}.csv`;
if (!existsSync(file)) await generateKind('transactions', rows, file);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!process.env.PKG) {
  const build = spawnSync('cargo', ['build', '--release', '--quiet', '--example', 'clv_fit'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('cargo build failed');
  const out = spawnSync(`${root}target/release/examples/clv_fit`, [file], { encoding: 'utf8', env: { ...process.env, RUNS: String(runs) } });
  if (out.status !== 0) throw new Error(out.stderr);
  process.stdout.write(out.stdout);
}

const pkg = process.env.PKG ? `${process.env.PKG.replace(/\/$/, '')}/node/index.mjs` : `${root}pkg/node/index.mjs`;
const em = await import(pathToFileURL(pkg).href);
const seconds = [];
const totals = [];
let last;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const a = new em.Analyzer({ clv: {} });
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) a.push(chunk);
  const r = a.finish();
  a.free();
  totals.push(performance.now() - t0);
  seconds.push(r.clv.seconds);
  last = r.clv;
}
const p = last.purchases;
const s = last.spend;
console.log(`node (wasm) ${last.customers} customers: clv.seconds (fits + predictions) ${median(seconds).toFixed(3)} s, whole analysis ${(median(totals) / 1000).toFixed(2)} s`);
console.log(`  BG/NBD r ${p.r} α ${p.alpha} a ${p.a} b ${p.b} LL ${p.logLikelihood} converged ${p.converged}`);
if (s) console.log(`  Gamma-Gamma p ${s.p} q ${s.q} γ ${s.gamma} LL ${s.logLikelihood} converged ${s.converged}`);
