// The function signatures of the full engine (feature `engine`), written by hand; every type
// they name is generated from the Rust types into types.d.ts. calculators.d.ts has the rest.

/** Net Promoter Score from raw 0–10 answers (another scale only through `scoreMap`). */
export function npsFromScores(scores: Float64Array | number[], options?: NpsOptions): NpsResult;
/** Net Promoter Score from the three group counts. */
export function npsFromCounts(counts: NpsCounts, options?: ConfidenceOptions): NpsResult;
/** CSAT from raw answers (default scale 1–5, top-2-box), with every variant. */
export function csat(scores: Float64Array | number[], options?: CsatOptions): CsatResult;
/** CSAT from answer counts per scale point (`counts[0]` = answers of the lowest point). */
export function csatFromCounts(counts: Float64Array | number[], options?: CsatOptions): CsatResult;
/** Customer Effort Score from raw answers (default CES 2.0: 1–7, higher = easier). */
export function ces(scores: Float64Array | number[], options?: CesOptions): CesResult;
/** CES from answer counts per scale point. */
export function cesFromCounts(counts: Float64Array | number[], options?: CesOptions): CesResult;
/** Wilson score interval of a proportion (`null` when n = 0). */
export function wilsonInterval(successes: number, n: number, confidence?: number): Interval | null;
/** Every metric the reports name: label, unit, direction, description, where it sits in a report. */
export function catalogue(): MetricInfo[];
/** Every closed set of names: kinds, roles, granularities, metric ids, codes, units, presets. */
export function vocabulary(): Vocabulary;
/** Sentiment of English texts (VADER): compound −1 … 1, shares of words, and the label. */
export function sentiment(texts: string[]): TextSentiment[];
/** An A/B test from counts per variant (the first is the control). */
export function abTest(input: AbInput): AbResult;
/** The same from per-visitor rows (variants in order of first appearance; the first is the control). */
export function abTestFromRows(rows: AbRow[], options?: ConfidenceOptions): AbResult;
/** The schema of a file from its first bytes, for the user to confirm before the full analysis. */
export function inspect(bytes: Uint8Array, options?: AnalyzeOptions): Schema;
/** Analyses a whole file held in memory; for large files prefer `Analyzer`, fed in chunks. */
export function analyze(bytes: Uint8Array, options?: AnalyzeOptions): Report;

/**
 * Streaming analysis: `push` byte chunks of any size (records and characters may straddle
 * them), then `finish`. Call `free()` when done if you do not call `finish`.
 */
export class Analyzer {
  free(): void;
  [Symbol.dispose](): void;
  constructor(options?: AnalyzeOptions);
  /** Feeds the next chunk; returns bytes and rows read so far. */
  push(chunk: Uint8Array): Progress;
  /** Bytes and rows read so far. */
  progress(): Progress;
  /** The inferred schema once the first rows are read (`null` before). */
  schema(): Schema | null;
  /** Ends the input and returns only the inferred schema; the analyzer cannot be used afterwards. */
  finishSchema(): Schema;
  /** Ends the input and returns the report; the analyzer cannot be used afterwards. */
  finish(): Report;
}
