// Types of the messages of `engagement-metrics/worker` (the module itself exports nothing):
//
//   import type { WorkerRequest, WorkerMessage } from 'engagement-metrics/worker';
//   const w = new Worker(new URL('engagement-metrics/worker', import.meta.url), { type: 'module' });
//   w.onmessage = ({ data }: MessageEvent<WorkerMessage>) => { … };
//   w.postMessage({ type: 'analyze', file, options } satisfies WorkerRequest);
import type { AnalyzeOptions, EngagementMetricsError, Report, Schema } from './engagement_metrics.js';

/** Analyse a File or Blob, read in slices of `chunkSize` bytes (default 4 MiB). */
export interface AnalyzeRequest {
  type: 'analyze';
  file: Blob;
  options?: AnalyzeOptions;
  chunkSize?: number;
}

/**
 * Infer only the schema (kind, every column's role, type and format) from the first rows, for a
 * person to confirm before the analysis; read in slices of `chunkSize` bytes (default 1 MiB).
 */
export interface InspectRequest {
  type: 'inspect';
  file: Blob;
  options?: AnalyzeOptions;
  chunkSize?: number;
}

/**
 * The engine compiled by the page, for a worker created with `?module=posted` (it then waits for
 * this message instead of downloading the .wasm a second time).
 */
export interface ModuleRequest {
  type: 'module';
  module: WebAssembly.Module;
}

/** What the worker accepts. */
export type WorkerRequest = AnalyzeRequest | InspectRequest | ModuleRequest;

/** Posted once the wasm is compiled. */
export interface ReadyMessage { type: 'ready'; }
/** Posted after every slice: bytes and rows read so far, and the file's size. */
export interface ProgressMessage { type: 'progress'; bytes: number; rows: number; total: number; }
/** The finished report and the milliseconds the analysis took. */
export interface ReportMessage { type: 'report'; report: Report; ms: number; }
/** The schema of an `inspect` request; `schema.problem` says why it cannot be analysed as is. */
export interface SchemaMessage { type: 'schema'; schema: Schema; }
/**
 * The analysis stopped: the EngagementMetricsError's code and message. After `INTERNAL` (the
 * engine itself failed) the worker has closed: start a new one.
 */
export interface ErrorMessage { type: 'error'; code: EngagementMetricsError['code']; message: string; }

/** What the worker posts. */
export type WorkerMessage = ReadyMessage | ProgressMessage | ReportMessage | SchemaMessage | ErrorMessage;
