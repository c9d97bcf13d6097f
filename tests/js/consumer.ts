// A typical consumer of the browser build; only type-checked (tsc --noEmit).
import init, { Analyzer, analyze, inspect, npsFromScores, csat, calculate, catalogue, type Calculation, type Report, type Schema, type EngagementMetricsError, type AnalyzeOptions, type EventsReport, type Metric } from '../../pkg/web/engagement_metrics';

export async function run(file: Blob): Promise<number | null> {
  await init();
  const opts: AnalyzeOptions = { timezone: 'Europe/Paris', granularity: 'week', columns: { nps: 'Q1' }, csat: { scale: { min: 1, max: 7 } } };
  const a = new Analyzer(opts);
  a.push(new Uint8Array(await file.arrayBuffer()));
  const report: Report = a.finish();
  if (report.kind === 'events') return report.events.funnel?.steps[1]?.conversionFromPrevious ?? report.events.sessions.bounce.headline.value;
  if (report.kind === 'transactions') {
    const c: Calculation = { metric: 'clvDiscounted', marginPerPeriod: report.lifetimeValue.inputs.arpu ?? 0, retentionRate: 0.8, discountRate: 0.01 };
    return calculate(c).value ?? report.revenue.cohorts.cohorts[0]?.revenueRetention[1] ?? null;
  }
  if (report.kind !== 'survey') return report.dataset.rowsKept;
  const weekly: (number | null)[] = report.periods.map((p) => p.metrics.nps?.score ?? null);
  const low: number | undefined = report.overall.csat?.variants.netWithNeutral.interval?.low;
  const schema: Schema = inspect(new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer()), { kind: 'events', format: 'ndjson', columns: { userId: 'who', eventName: 'what' } });
  console.log(schema.columns.map((c) => `${c.header}: ${c.role} ${c.valueType}`), schema.input.delimiter ?? 'json');
  const single = analyze(new Uint8Array([1]));
  console.log(weekly, low, single.kind, csat([5]).variants.topBox.definition.formula);
  try {
    npsFromScores([11]);
  } catch (e) {
    const err = e as EngagementMetricsError;
    if (err.code === 'INVALID_SCORE') return err.index ?? null;
  }
  return npsFromScores(new Float64Array([9, 10])).score;
}

// Type-level tests: each line marked below must fail to compile (tsc reports the marker as
// unused otherwise), so the generated types are closed where the Rust types are.
export function rejected(report: Report, events: EventsReport): void {
  // @ts-expect-error a misspelt field
  console.log(events.event);
  // @ts-expect-error only survey reports have `overall`, until narrowed by `kind`
  console.log(report.overall);
  if (report.kind === 'survey') console.log(report.overall.nps?.score, report.signals.trendFlags, report.dataset.rowsKept);
  // @ts-expect-error an unknown kind
  const k: AnalyzeOptions = { kind: 'tweets' };
  // @ts-expect-error an unknown granularity
  const g: AnalyzeOptions = { granularity: 'fortnight' };
  // @ts-expect-error a misspelt target
  const b: AnalyzeOptions = { benchmarks: { opneRate: 25 } };
  // @ts-expect-error an unknown role
  const c: AnalyzeOptions = { columns: { customer_id: 'id' } };
  // @ts-expect-error a calculator's missing input
  const calc: Calculation = { metric: 'churnRate', lost: 3 };
  // @ts-expect-error warning codes are a closed set
  const w: (typeof events.warnings)[number]['code'] = 'NOT_A_CODE';
  // @ts-expect-error metric ids are a closed set
  const m: Metric = 'opneRate';
  const labels: string[] = catalogue().filter((i) => i.target && i.unit === 'percent').map((i) => i.label);
  console.log(k, g, b, c, calc, w, m, labels);
}
