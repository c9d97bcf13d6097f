// The function signatures every build exports (the calculators build only these), written by
// hand; every type they name is generated from the Rust types into types.d.ts.

/** What every function of this package throws. */
export interface EngagementMetricsError extends Error {
  name: "EngagementMetricsError";
  code: ErrorCode;
  /** Index of the offending score (INVALID_SCORE). */
  index?: number;
  /** Row number (LIMIT_EXCEEDED). */
  row?: number;
  /** Column name (COLUMN_NOT_FOUND, AMBIGUOUS_DATE_ORDER). */
  column?: string;
}

/**
 * Runs one calculator over numbers, e.g. `calculate({ metric: "churnRate", lost: 30, start: 200 })`
 * gives `value: 15, unit: "percent"`: each metric in its catalogue unit (shares and rates in
 * percent, 0–100; see `Unit`).
 */
export function calculate(input: Calculation): CalculationResult;
/** The calculators: name, title, formula and labelled inputs with example values. */
export function calculators(): CalculatorSpec[];
/** Version and build of the engine, for bug reports. */
export function buildInfo(): BuildInfo;
