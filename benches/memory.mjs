// Peak memory of streaming a large event CSV through the wasm Analyzer under Node, as the CLI
// does (4 MB chunks from a read stream). Not a test: prints figures.
//   node benches/memory.mjs [BYTES=1e9]
// Generates target/bench/events-<N>.csv (~62 bytes per row) if missing, then runs the analysis
// in a child process so that its peak RSS is its own.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateKind } from './gen-kinds.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const target = Number(process.argv[2] ?? 1e9);

if (process.argv[2] === '--child') {
  const em = await import('../pkg/node/index.mjs');
  const { createReadStream } = await import('node:fs');
  const file = process.argv[3];
  const t0 = performance.now();
  const a = new em.Analyzer();
  let peak = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) {
    a.push(chunk);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const r = a.finish();
  peak = Math.max(peak, process.memoryUsage().rss);
  const ms = performance.now() - t0;
  console.log(JSON.stringify({
    bytes: r.input.bytes, rows: r.input.rows, kept: r.dataset.rowsKept, ms: Math.round(ms),
    bytesPerRow: r.dataset.bytesPerRow, tableBytes: r.dataset.memoryBytes,
    peakRssSampled: peak, maxRss: process.resourceUsage().maxRSS * 1024,
  }));
  process.exit(0);
}

const rows = Math.ceil(target / 62.5);
const file = `${root}target/bench/events-${rows}.csv`;
mkdirSync(`${root}target/bench`, { recursive: true });
if (!existsSync(file)) {
  console.log(`generating ${file} (${rows} rows)…`);
  await generateKind('events', rows, file);
}
const size = statSync(file).size;
const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
if (child.status !== 0) throw new Error(child.stderr);
const r = JSON.parse(child.stdout.trim().split('\n').pop());
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
console.log(`file ${mb(size)}, ${r.rows.toLocaleString('en')} rows, ${(r.ms / 1000).toFixed(1)} s (${(size / 1e6 / (r.ms / 1000)).toFixed(0)} MB/s)`);
console.log(`table: ${r.bytesPerRow} bytes per row, ${mb(r.tableBytes)} held (dictionaries included)`);
console.log(`peak RSS of the Node process: ${mb(r.maxRss)} (${(r.maxRss / size).toFixed(2)} × the file)`);
