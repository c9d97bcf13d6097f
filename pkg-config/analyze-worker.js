// @ts-check
// Module Web Worker that analyses a File/Blob off the main thread, in chunks.
//
//   const w = new Worker(new URL('engagement-metrics/worker', import.meta.url), { type: 'module' });
//   w.postMessage({ type: 'analyze', file, options });
//   w.onmessage = ({ data }) => { data.type === 'progress' | 'report' | 'error' };
//
//   w.postMessage({ type: 'inspect', file, options });   // only the schema, from the first rows
//
// Messages out: { type: 'ready' } once the wasm is compiled; { type: 'progress', bytes, rows,
// total } after every chunk; { type: 'report', report, ms }; { type: 'schema', schema } (with
// its `problem` when the file cannot be analysed as detected); { type: 'error', code, message }
// (types: `import type { WorkerMessage, WorkerRequest } from 'engagement-metrics/worker'`).
// An INTERNAL error means the engine itself failed (a bug; in wasm a panic or an allocation
// failure ends the instance): the worker closes after posting it; start a new Worker.
//
// Bundlers that do not rewrite `new URL(…, import.meta.url)` (esbuild) give the .wasm's URL in
// the worker's own URL: new Worker(`./analyze-worker.js?wasm=${encodeURIComponent(wasmUrl)}`).
// A page that has compiled the engine already shares it instead of a second download: create
// the worker with `?module=posted` and post { type: 'module', module } (a WebAssembly.Module).
import init, { Analyzer } from './engagement_metrics.js';
import { ErrorCode } from './vocabulary.js';

const params = new URL(self.location.href).searchParams;
const wasm = params.get('wasm');
/** @type {(m: WebAssembly.Module) => void} */
let posted = () => {};
const source = params.get('module') === 'posted'
  ? new Promise((ok) => { posted = (m) => ok({ module_or_path: m }); })
  : Promise.resolve(wasm ? { module_or_path: new URL(wasm, self.location.href) } : undefined);
const ready = source.then((s) => init(s)).then(() => self.postMessage({ type: 'ready' }));
const DEFAULT_CHUNK = 4 << 20;

self.onmessage = async ({ data }) => {
  if (data?.type === 'module') {
    posted(data.module);
    return;
  }
  if (data?.type !== 'analyze' && data?.type !== 'inspect') return;
  // Inspecting reads only until the sample of rows is complete: small slices.
  const { file, options, chunkSize = data.type === 'inspect' ? 1 << 20 : DEFAULT_CHUNK } = data;
  let analyzer;
  try {
    await ready;
    const t0 = performance.now();
    analyzer = new Analyzer(options ?? undefined);
    const total = file.size;
    for (let offset = 0; offset < total; offset += chunkSize) {
      const buf = await file.slice(offset, offset + chunkSize).arrayBuffer();
      if (data.type === 'inspect') {
        const schema = schemaAfter(analyzer, new Uint8Array(buf));
        if (schema) return post({ type: 'schema', schema });
        continue;
      }
      const p = analyzer.push(new Uint8Array(buf));
      self.postMessage({ type: 'progress', bytes: p.bytes, rows: p.rows, total });
    }
    if (data.type === 'inspect') post({ type: 'schema', schema: analyzer.finishSchema() });
    else post({ type: 'report', report: analyzer.finish(), ms: performance.now() - t0 });
  } catch (thrown) {
    const e = /** @type {{ code?: string, message?: string } | undefined} */ (thrown);
    const code = thrown instanceof WebAssembly.RuntimeError ? ErrorCode.Internal : e?.code ?? ErrorCode.Internal;
    self.postMessage({ type: 'error', code, message: String(e?.message ?? thrown) });
    // The instance may be dead or its memory inconsistent: nothing more runs in it.
    if (code === ErrorCode.Internal) {
      self.close();
      return;
    }
  } finally {
    try {
      analyzer?.free();
    } catch {
      // freeing after a failure may itself fail; the analyzer is dropped either way
    }
  }
};

/** @param {import('./analyze-worker.js').WorkerMessage} m */
function post(m) {
  self.postMessage(m);
}

/**
 * Feeds one slice to an analyzer that only infers: the schema once the sample is read, or the
 * draft schema with its problem when it cannot be settled; null while more rows are needed.
 * @param {Analyzer} analyzer @param {Uint8Array} bytes
 */
function schemaAfter(analyzer, bytes) {
  try {
    analyzer.push(bytes);
  } catch (e) {
    const draft = analyzer.schema();
    if (draft?.problem) return draft;
    throw e;
  }
  return analyzer.schema();
}
