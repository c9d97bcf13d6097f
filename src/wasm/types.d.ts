// Generated from the Rust types by `cargo run --example generated` (ts-rs): do not edit.

export type AbInput = {
  variants: Array<AbVariantCounts>;
  /**
   * Confidence level (default 0.95); the significance level is 1 − confidence.
   */
  confidence?: number;
};

export type AbResult = {
  control: string;
  confidence: number;
  variants: Array<AbVariantResult>;
  comparisons: Array<AbVariantComparison>;
  /**
   * "holm" when several variants are compared with the control, else "none".
   */
  correction: Correction;
  caution: string;
  definition: Definition;
};

/**
 * One row of a per-visitor export.
 */
export type AbRow = {
  variant: string;
  converted: boolean;
  revenue?: number;
};

export type AbVariantComparison = {
  variant: string;
  conversion: Comparison | null;
  /**
   * Holm-adjusted p-value (the raw one when a single variant is compared).
   */
  adjustedPValue: number | null;
  significant: boolean;
  revenue: Comparison | null;
  verdict: string;
  /**
   * Why the conversion test is not given: too few visitors or conversions for it.
   */
  unavailableReason: string | null;
};

export type AbVariantCounts = {
  name: string;
  visitors: number;
  conversions: number;
  /**
   * Mean revenue per visitor, with its standard deviation (n − 1), for Welch's test.
   */
  revenueMean?: number;
  revenueSd?: number;
};

export type AbVariantResult = {
  name: string;
  visitors: number;
  conversions: number;
  conversionRate: number | null;
  interval: Interval | null;
  smallSample: boolean;
  revenueMean?: number;
};

export type Activation = {
  signupUsers: number;
  activatedUsers: number;
  rate: Figure;
  /**
   * Variant `interactions`: the activation events that activate (at or after the user's
   * first sign-up, within the window) / all events (percent, no interval).
   */
  interactionShare: Figure;
};

/**
 * How many users were active on 1, 2, … days of a period.
 */
export type ActiveDaysDistribution = {
  period: string;
  activeUsers: number;
  /**
   * `users[k]` = users active on exactly k + 1 days of the period.
   */
  users: Array<number>;
  meanActiveDays: number | null;
};

export type Activity = {
  daily: Array<DayActivity>;
  meanDau: number | null;
  /**
   * Variant `interactionsPerDay` of DAU: events / days of the data (count per day).
   */
  interactionsPerDay: Figure;
  /**
   * Mean of DAU / MAU over the days whose whole `mauDays` window lies inside the data (the
   * first mauDays − 1 days' MAU is cut by the start of the file and overstates it); null
   * when the data span fewer than mauDays days.
   */
  meanStickiness: number | null;
  /**
   * The days `meanStickiness` averages over.
   */
  stickinessDays: number;
  /**
   * Variant: the mean of DAU / MAU over every day, the cut windows included.
   */
  meanStickinessAllDays: number | null;
  periods: Array<PeriodActivity>;
  activeDays: Array<ActiveDaysDistribution>;
  definition: Definition;
};

export type AdoptionPoint = {
  period: string;
  /**
   * Users who used it in the period, and their share of the period's active users (percent).
   */
  users: number;
  shareOfActive: number | null;
  firstTimeUsers: number;
  cumulativeUsers: number;
  /**
   * Cumulative users / users seen up to this period (percent).
   */
  cumulativeShare: number | null;
};

/**
 * `{ from?, to?, segments?: { header: [values] } }`: keep the rows whose time is in
 * `from … to` (inclusive; a date `YYYY-MM-DD` is the whole local day) and whose value in each
 * named column is one of its listed values (several columns: all must match; values of one
 * column: any may match).
 */
export type AnalyzeFilter = {
  /**
   * First day (`YYYY-MM-DD`, from its local midnight) or instant (a full timestamp) kept,
   * read in the report time zone.
   */
  from?: string;
  /**
   * Last day (`YYYY-MM-DD`, the whole local day) or instant kept, read in the report time
   * zone.
   */
  to?: string;
  /**
   * Header → the values kept (trimmed, exactly as the breakdowns show them; `""` keeps
   * blank cells). Any column of the file, not only the breakdowns.
   */
  segments?: { [key in string]: Array<string> };
};

export type AnalyzeOptions = {
  /**
   * Dataset kind: "auto" (default: detected from the columns) or one of the kinds.
   */
  kind?: Kind | "auto";
  /**
   * Report time zone: "UTC" (default), an offset "+02:00", or an IANA name "Europe/Paris".
   */
  timezone?: string;
  /**
   * Period of the series: "day", "week", "month" (default), "quarter", "year".
   */
  granularity?: Granularity;
  /**
   * "monday" (ISO, default) or "sunday".
   */
  weekStart?: WeekStart;
  /**
   * Confidence level of every interval (default 0.95).
   */
  confidence?: number;
  /**
   * How medians, p90s and skewed means get their intervals (seeded bootstrap by default).
   */
  intervals?: IntervalOptions;
  /**
   * Field delimiter (",", ";", "\t", "|"); detected when absent.
   */
  delimiter?: string;
  /**
   * Input format: "csv", "json", "ndjson" or "xlsx"; detected from the first bytes when absent.
   */
  format?: InputFormat;
  /**
   * Worksheet of an .xlsx file (default: the first).
   */
  sheet?: string;
  /**
   * Delimited text: a quote that is never closed is read as a literal character, and the
   * lines after it as ordinary records (default false: RFC 4180 reading, in which it takes
   * the rest of the file into one field). Either way an `UNTERMINATED_QUOTE` warning says
   * where it opened.
   */
  lenientQuotes?: boolean;
  /**
   * Decimal mark of amounts: "dot" (`1,234.5`) or "comma" (`1.234,5`); detected per column
   * when absent.
   */
  decimalMark?: DecimalMark;
  /**
   * How slash dates are written when the data cannot tell: "dmy" or "mdy" (also "iso",
   * "unix", "unixMillis" to force a timestamp format).
   */
  dateOrder?: TimeFormat;
  /**
   * Explicit column mapping, role → header: { nps, csat, ces, timestamp, channel }.
   */
  columns?: { [key in Role]?: string };
  /**
   * Headers of the columns to break metrics down by (replaces detected segments).
   */
  segments?: Array<string>;
  /**
   * Headers of columns to leave out (no role is detected for them).
   */
  ignore?: Array<string>;
  nps?: NpsOptions;
  csat?: CsatOptions;
  ces?: CesOptions;
  /**
   * Transactions: a customer is lost after this many periods without a purchase (default 1).
   */
  lostAfterPeriods?: number;
  /**
   * Transactions: include the per-customer RFM table in the report (default false).
   */
  rfmCustomers?: boolean;
  /**
   * Survey: targets (NPS points, CSAT %, CES on its scale); the report gives the gaps.
   */
  benchmarks?: Benchmarks;
  /**
   * Social: whether saves count as engagements.
   */
  social?: SocialOptions;
  /**
   * Reviews and mentions: our brand, the good-rating threshold.
   */
  voice?: VoiceOptions;
  /**
   * Tickets: handle-time unit and the satisfied CSAT threshold.
   */
  support?: SupportOptions;
  /**
   * Transactions: formula CLV inputs and the contractual retention projection.
   */
  lifetimeValue?: LifetimeValueOptions;
  /**
   * Transactions: fit BG/NBD + Gamma-Gamma and report predictive CLV (off when absent).
   */
  clv?: ClvOptions;
  /**
   * Events metrics: sessions, bounce rules, funnel, activation, retention, presets.
   */
  events?: EventsOptions;
  /**
   * Interaction counts per channel for the channel-weighted CSAT (default: each channel's
   * share of the file's rows).
   */
  channelWeights?: { [key in string]: number };
  /**
   * Longest field accepted (bytes, default 16 MiB).
   */
  maxFieldBytes?: number;
  /**
   * Most columns accepted (default 10,000).
   */
  maxColumns?: number;
  /**
   * Largest .xlsx file accepted, in bytes (default 256 MiB; a workbook is read whole).
   */
  maxSpreadsheetBytes?: number;
  /**
   * Most distinct ids (users, customers, orders, sessions…) kept per id column (default 5,000,000).
   */
  maxDistinctIds?: number;
  /**
   * Most distinct values kept per segment column; the rest are grouped as "(other)" (default 1,000).
   */
  maxSegmentValues?: number;
  /**
   * Rows of the file echoed in `input.preview` (default 20, at most 1,000).
   */
  previewRows?: number;
  /**
   * Test and flag partial periods too (the first or last period the data cover only in
   * part). Default false: they are reported, marked in `partialPeriods`, and left out of
   * period-over-period tests and trend flags.
   */
  includePartialPeriods?: boolean;
  /**
   * Survey invitations sent, for the response rate (responses / invitations) of a file
   * without an invitation-date column.
   */
  invitations?: number;
  /**
   * Keep only some rows, as if the others were not in the file: a date range
   * (`from`, `to`, inclusive, in the report time zone) and values of any columns
   * (`segments: { header: [values] }`). `dataset.rowsFiltered` counts the rows left out.
   */
  filter?: AnalyzeFilter;
};

/**
 * Answer counts of one score column.
 */
export type AnswerCounts = {
  metric: Metric;
  column: string;
  answered: number;
  blank: number;
  rejected: number;
};

/**
 * What a comparison's group is compared with.
 */
export type Baseline = "previousPeriod" | "yearEarlier" | "restOfBreakdown";

export type BenchmarkGap = {
  metric: Metric;
  target: number;
  value: number | null;
  /**
   * value − target (for CES, on its scale).
   */
  gap: number | null;
};

/**
 * Targets: NPS in points, shares and rates in percent (0–100), CES and ratings on their
 * scale, the sentiment score on −1…1, money in the file's currency.
 */
export type Benchmarks = { [K in "nps" | "csat" | "ces" | "churnRate" | "retentionRate" | "repeatPurchaseRate" | "averageOrderValue" | "arpu" | "firstContactResolution" | "reopenRate" | "deliveryRate" | "openRate" | "clickThroughRate" | "clickToOpenRate" | "conversionRate" | "unsubscribeRate" | "bounceRate" | "activationRate" | "engagementRate" | "engagementRateByImpressions" | "engagementRateByReach" | "averageRating" | "goodRatingShare" | "sentimentScore" | "shareOfVoice"]?: number };

/**
 * Fitted parameters and the fit's log-likelihood.
 */
export type BgNbdFit = {
  r: number;
  alpha: number;
  a: number;
  b: number;
  logLikelihood: number;
  /**
   * MBG/NBD (drop-out possible at time 0) instead of BG/NBD.
   */
  modified: boolean;
  /**
   * The optimiser met its tolerance (false: the estimates are unreliable).
   */
  converged: boolean;
};

export type Bounce = {
  /**
   * The rule chosen (option or preset): its value is repeated in `headline`.
   */
  rule: BounceRule;
  headline: Figure;
  singleEvent: Figure;
  notEngaged: Figure;
  singlePageView: Figure;
  /**
   * GA4 engagement rate = 100 − `notEngaged`.
   */
  engagementRate: Figure;
};

/**
 * How bounces are defined.
 */
export type BounceRule = "singleEvent" | "notEngaged" | "singlePageView";

/**
 * One brand's share of all brands' mentions and searches.
 */
export type BrandShare = {
  brand: string;
  mentions: number;
  shareOfVoice: Rate;
  searches: number | null;
  shareOfSearch: Rate | null;
};

/**
 * Version and build of the engine, for bug reports.
 */
export type BuildInfo = {
  name: string;
  version: string;
  gitRevision: string;
};

/**
 * A calculation: the calculator's name and its inputs.
 */
export type Calculation = 
  | { metric: "npsScore"; promoters: number; passives: number; detractors: number; confidence: number }
  | { metric: "csatScore"; satisfied: number; responses: number; confidence: number }
  | { metric: "meanScore"; mean: number; sd: number; n: number; confidence: number }
  | { metric: "npsDifference"; promotersA: number; passivesA: number; detractorsA: number; promotersB: number; passivesB: number; detractorsB: number; confidence: number }
  | { metric: "retentionRate"; start: number; end: number; new: number }
  | { metric: "lifespanFromChurn"; churnRate: number }
  | { metric: "churnRate"; lost: number; start: number; confidence?: number }
  | { metric: "repeatPurchaseRate"; repeatCustomers: number; customers: number; confidence?: number }
  | { metric: "arpu"; revenue: number; customers: number }
  | { metric: "averageOrderValue"; revenue: number; orders: number }
  | { metric: "purchaseFrequency"; orders: number; customers: number }
  | { metric: "netRevenueRetention"; revenueNow: number; revenueBefore: number }
  | { metric: "clvPurchaseValue"; averageOrderValue: number; purchaseFrequency: number; lifespan: number; margin: number }
  | { metric: "clvArpuYears"; arpuPerYear: number; years: number }
  | { metric: "clvDiscounted"; marginPerPeriod: number; retentionRate: number; discountRate: number }
  | { metric: "clvDiscountedFuture"; marginPerPeriod: number; retentionRate: number; discountRate: number }
  | { metric: "sbgRetention"; alive: number[]; periods: number }
  | { metric: "bgNbdCustomer"; r: number; alpha: number; a: number; b: number; frequency: number; recency: number; t: number; horizon: number }
  | { metric: "firstContactResolutionRate"; resolvedFirstContact: number; resolved: number; confidence?: number }
  | { metric: "reopenRate"; reopened: number; resolved: number; confidence?: number }
  | { metric: "averageHandleTime"; totalHandleSeconds: number; contacts: number }
  | { metric: "ticketsPerCustomer"; tickets: number; customers: number }
  | { metric: "deliveryRate"; delivered: number; sent: number; confidence?: number }
  | { metric: "openRate"; opens: number; delivered: number; confidence?: number }
  | { metric: "clickThroughRate"; clicks: number; delivered: number; confidence?: number }
  | { metric: "clickToOpenRate"; clicks: number; opens: number; confidence?: number }
  | { metric: "conversionRate"; conversions: number; delivered: number; confidence?: number }
  | { metric: "unsubscribeRate"; unsubscribes: number; delivered: number; confidence?: number }
  | { metric: "bounceRate"; bounces: number; sent: number; confidence?: number }
  | { metric: "revenuePerEmail"; revenue: number; delivered: number }
  | { metric: "adClickThroughRate"; clicks: number; impressions: number; confidence?: number }
  | { metric: "costPerClick"; spend: number; clicks: number }
  | { metric: "returnOnAdSpend"; revenue: number; spend: number }
  | { metric: "sentimentScore"; positive: number; neutral: number; negative: number }
  | { metric: "followerGrowth"; followersStart: number; followersEnd: number }
  | { metric: "engagementRate"; engagements: number; followers: number }
  | { metric: "engagementRateByImpressions"; engagements: number; impressions: number }
  | { metric: "shareOfVoice"; ours: number; all: number; confidence?: number }
  | { metric: "goodRatingShare"; good: number; ratings: number; confidence?: number }
  | { metric: "abTest"; controlVisitors: number; controlConversions: number; variantVisitors: number; variantConversions: number; confidence: number }
  | { metric: "sampleSize"; baselineRate: number; targetRate: number; power: number; significance: number }
  | { metric: "minimumDetectableEffect"; baselineRate: number; visitorsPerVariant: number; power: number; significance: number }
  | { metric: "welchTest"; meanA: number; sdA: number; nA: number; meanB: number; sdB: number; nB: number; confidence: number };

/**
 * A calculation's result. `value` is null (with `unavailableReason`) when the formula is
 * undefined for the inputs (a zero denominator), never NaN.
 */
export type CalculationResult = {
  metric: Calculator;
  value: number | null;
  unavailableReason?: string;
  /**
   * The unit of `value` and of the interval bounds in `details`: the metric catalogue's
   * unit for a calculator that is one of the report's metrics, so shares and rates are
   * percent, 0–100 (30 customers lost of 200 is 15, not 0.15). `Unit` states each unit's
   * convention.
   */
  unit: Unit;
  formula: string;
  /**
   * Further named results (fitted parameters, probabilities).
   */
  details: { [key in string]: number };
  /**
   * A series (projected survival S(0), S(1), …), when the calculator makes one.
   */
  series?: Array<number>;
};

/**
 * A calculator over numbers a person types in (`calculate({ metric, …inputs })`): one of the
 * report's metrics computed from its parts, or a formula of its own. Its name is the metric's
 * or the formula's, so no name is written twice.
 */
export type Calculator = Metric | Formula;

/**
 * The group a calculator is listed under (the names are also its heading).
 */
export type CalculatorGroup = 
  | "survey"
  | "customers"
  | "revenue"
  | "lifetime value"
  | "support"
  | "email and ads"
  | "social and brand"
  | "A/B tests";

/**
 * One input field of a calculator.
 */
export type CalculatorInput = {
  name: string;
  label: string;
  kind: InputKind;
  /**
   * An example value (also the page's initial value).
   */
  example: string;
};

/**
 * A calculator in the catalogue.
 */
export type CalculatorSpec = {
  metric: Calculator;
  group: CalculatorGroup;
  title: string;
  unit: Unit;
  formula: string;
  inputs: Array<CalculatorInput>;
};

export type CampaignGroup = {
  /**
   * Campaign name, period label, channel ("" for the whole file).
   */
  name: string;
  rows: number;
  totals: CampaignTotals;
  rates: CampaignRates;
};

export type CampaignMetrics = {
  overall: CampaignGroup;
  campaigns: Array<CampaignGroup>;
  periods: Array<CampaignGroup>;
  byChannel: Array<CampaignGroup>;
  /**
   * Open, click-through, conversion and unsubscribe rates, each period against the previous.
   */
  changes: Array<MetricComparison>;
  /**
   * Open, click-through and conversion rates of each campaign and each channel against the
   * rest of its breakdown, Holm-adjusted per breakdown and rate.
   */
  segmentChanges: Array<MetricComparison>;
  definition: Definition;
};

export type CampaignRates = {
  /**
   * delivered / sent.
   */
  deliveryRate: Rate;
  /**
   * opens / delivered (unique opens when the file has them).
   */
  openRate: Rate;
  /**
   * clicks / delivered (unique clicks when present).
   */
  clickThroughRate: Rate;
  /**
   * unique clicks / unique opens (clicks / opens without unique counts).
   */
  clickToOpenRate: Rate;
  /**
   * conversions / delivered.
   */
  conversionRate: Rate;
  /**
   * conversions / clicks (unique when present; the variant used for ads and landing pages).
   */
  conversionPerClick: Rate;
  /**
   * unsubscribes / delivered.
   */
  unsubscribeRate: Rate;
  /**
   * bounces / sent.
   */
  bounceRate: Rate;
  /**
   * revenue / delivered.
   */
  revenuePerEmail: Rate;
  /**
   * clicks (all) / impressions, for ads.
   */
  impressionClickThroughRate: Rate;
  /**
   * spend / clicks (all).
   */
  costPerClick: Rate;
  /**
   * revenue / spend.
   */
  returnOnAdSpend: Rate;
};

/**
 * Summed counts; null when the file has no such column.
 */
export type CampaignTotals = {
  sent: number | null;
  delivered: number | null;
  opens: number | null;
  uniqueOpens: number | null;
  clicks: number | null;
  uniqueClicks: number | null;
  conversions: number | null;
  unsubscribes: number | null;
  bounces: number | null;
  impressions: number | null;
  revenue: number | null;
  spend: number | null;
};

/**
 * The figures of an email / ad campaign export.
 */
export type CampaignsBody = {
  campaigns: CampaignMetrics;
};

/**
 * Which end of the CES scale means "easy".
 */
export type CesDirection = "higherIsEasier" | "lowerIsEasier";

export type CesOptions = {
  /**
   * Answer scale (default 1–7, CES 2.0).
   */
  scale?: Scale;
  direction?: CesDirection;
  /**
   * The "easy" threshold: answers ≥ it (or ≤ it when lower is easier) count as easy.
   * Default: the points beyond the midpoint (5–7 on 1–7, 4–5 on 1–5; 1–2 on 1–5 reversed).
   */
  easyThreshold?: number;
  confidence?: number;
};

export type CesResult = {
  /**
   * Mean answer (the CES 2.0 standard), with a t interval.
   */
  score: number | null;
  unavailableReason?: string;
  interval: Interval | null;
  responses: number;
  easy: number;
  easyPercent: number | null;
  direction: CesDirection;
  smallSample: boolean;
  distribution: Array<ScoreCount>;
  variants: CesVariants;
  definition: Definition;
};

export type CesVariants = {
  mean: Figure;
  easyPercent: Figure;
  /**
   * % of answers in the upper half (3–5 on 1–5) minus % in the lower (1–2), easy side first.
   */
  netWithNeutral: Figure;
};

export type ChannelCsat = {
  channel: string;
  rows: number;
  responses: number;
  /**
   * Top-box CSAT of the channel, percent.
   */
  csat: number | null;
  /**
   * Interactions used for the weight (rows, or the supplied count).
   */
  interactions: number | null;
  /**
   * Weight in the overall figure (0–1); `null` when the channel is left out.
   */
  weight: number | null;
};

export type ChannelWeightedCsat = {
  value: number | null;
  unavailableReason?: string;
  interval: Interval | null;
  /**
   * Pooled top-box CSAT over all answers (Σ satisfied / Σ responses), for comparison.
   */
  pooled: number | null;
  weighting: Weighting;
  column: string;
  smallSample: boolean;
  channels: Array<ChannelCsat>;
  definition: Definition;
};

/**
 * One customer's repeat-purchase summary and predictions (the `clv.customers` option).
 */
export type ClvCustomer = {
  customer: string;
  /**
   * Repeat purchases (purchase days after the first) in calibration.
   */
  frequency: number;
  /**
   * Time from the first to the last calibration purchase, in units.
   */
  recency: number;
  /**
   * Time from the first purchase to the end of calibration, in units.
   */
  t: number;
  /**
   * Mean value of the repeat purchases (0 without any).
   */
  meanRepeatValue: number;
  /**
   * The model's figures: `null` where a degenerate fit gives no finite value.
   */
  pAlive: number | null;
  /**
   * Expected purchases over the horizon.
   */
  expectedPurchases: number | null;
  /**
   * Expected value per purchase (Gamma-Gamma).
   */
  expectedValue: number | null;
  clv: number | null;
  /**
   * Purchase days in the holdout (when there is one).
   */
  holdoutPurchases?: number;
};

/**
 * Options (`clv: {...}` in AnalyzeOptions).
 */
export type ClvOptions = {
  /**
   * Last day of the calibration period (YYYY-MM-DD); later purchases are the holdout.
   */
  calibrationEnd?: string;
  /**
   * End of observation (YYYY-MM-DD); default the last day of the data.
   */
  asOf?: string;
  /**
   * Days per model time unit (default 7: weeks, as in the published work).
   */
  unitDays?: number;
  /**
   * CLV horizon in time units (default 52).
   */
  horizon?: number;
  /**
   * Discount rate per time unit (default 0).
   */
  discountRate?: number;
  /**
   * Margin applied to spend (default 1).
   */
  margin?: number;
  /**
   * Modified BG/NBD (drop-out possible right after the first purchase).
   */
  modified?: boolean;
  /**
   * Include the per-customer table (summary, P(alive), expected purchases, CLV).
   */
  customers?: boolean;
};

/**
 * One formula's result.
 */
export type ClvVariant = {
  variant: Variant;
  value: number | null;
  unavailableReason?: string;
  formula: string;
  /**
   * Historical CLV only: the bootstrap interval of the mean net revenue per customer.
   */
  interval?: Interval;
};

export type Cohort = {
  cohort: string;
  size: number;
  /**
   * `exact[k]`: users active in period k (k = 0 is the cohort's own period).
   */
  exact: Array<number>;
  /**
   * `onOrAfter[k]`: users active in period k or later.
   */
  onOrAfter: Array<number>;
  exactRate: Array<number | null>;
  onOrAfterRate: Array<number | null>;
  /**
   * Wilson intervals of each cell's share at the report's confidence.
   */
  exactInterval: Array<Interval | null>;
  onOrAfterInterval: Array<Interval | null>;
};

/**
 * A column of the file and what it was used for.
 */
export type ColumnInfo = {
  index: number;
  header: string;
  role: Role;
  /**
   * How the values are kept: id / category (interned), time, amount, count, score, none.
   */
  valueType: ValueType;
  /**
   * 1 for an explicit mapping; otherwise how sure the detection is (0–1).
   */
  confidence: number;
  source: ColumnSource;
  reason: string;
  /**
   * Answer scale of a score column.
   */
  scale?: Scale;
  /**
   * Format of a timestamp column.
   */
  timeFormat?: TimeFormat;
  /**
   * Decimal mark of an amount or count column.
   */
  decimalMark?: DecimalMark;
};

/**
 * Whether a column's role was given or detected.
 */
export type ColumnSource = "mapped" | "detected";

/**
 * The outcome of comparing B with A.
 */
export type Comparison = {
  /**
   * B − A.
   */
  difference: number;
  differenceInterval: Interval | null;
  /**
   * B / A − 1 (null when A is 0).
   */
  relative: number | null;
  relativeInterval: Interval | null;
  /**
   * The test statistic (z or t).
   */
  statistic: number;
  /**
   * Welch degrees of freedom (t tests only).
   */
  df?: number;
  pValue: number;
  /**
   * "twoProportionZ", "welchT" or "npsZ".
   */
  test: TestName;
};

/**
 * Options of the functions whose only option is the confidence level.
 */
export type ConfidenceOptions = {
  /**
   * Confidence level of the intervals (default 0.95).
   */
  confidence?: number;
};

/**
 * Shifted-beta-geometric fit (Fader & Hardie 2007) to the cohorts' subscribed counts.
 */
export type ContractualRetention = {
  model: SbgFit;
  projection: Array<ProjectedPeriod>;
  /**
   * Mean lifetime in periods (null when α ≤ 1: the mean is infinite).
   */
  meanLifetime: number | null;
  /**
   * Periods until half a cohort has gone.
   */
  medianLifetime: number | null;
  /**
   * Why the fit should not be trusted, when it should not (a parameter at the end of its
   * range, or no convergence): the lifetimes and projection then read as unreliable.
   */
  unreliableReason: string | null;
  definition: Definition;
};

export type Conversion = {
  event: string;
  users: Figure;
  sessions: Figure;
};

/**
 * Multiple-comparison correction of p-values.
 */
export type Correction = "holm" | "none";

/**
 * CSAT options; every field is optional.
 */
export type CsatOptions = {
  /**
   * Answer scale (default 1–5).
   */
  scale?: Scale;
  /**
   * Lowest satisfied answer (default: the top two points, 4 on 1–5).
   */
  satisfiedMin?: number;
  /**
   * Highest dissatisfied answer (default: the bottom two points, 2 on 1–5).
   */
  dissatisfiedMax?: number;
  /**
   * Which variant is the headline `score` (default `topBox`); all variants are always reported.
   */
  variant?: CsatVariant;
  confidence?: number;
};

export type CsatResult = {
  /**
   * The headline figure (the variant chosen by `variant`, top-box by default).
   */
  score: number | null;
  unavailableReason?: string;
  variant: CsatVariant;
  interval: Interval | null;
  responses: number;
  satisfied: number;
  dissatisfied: number;
  mean: number | null;
  smallSample: boolean;
  distribution: Array<ScoreCount>;
  variants: CsatVariants;
  definition: Definition;
};

/**
 * CSAT variants, by name.
 */
export type CsatVariant = "topBox" | "mean" | "meanPercent" | "net" | "netWithNeutral";

/**
 * Every CSAT variant, each with its own definition.
 */
export type CsatVariants = {
  topBox: Figure;
  mean: Figure;
  meanPercent: Figure;
  net: Figure;
  netWithNeutral: Figure;
  /**
   * The literal "sum of scores / responses × 100" (the mean × 100: 4.2 on 1–5 reads 420).
   */
  literalMean: Figure;
};

export type CustomerRfm = {
  customer: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
};

/**
 * What an ingested table holds and what it costs in memory.
 */
export type DatasetSummary = {
  /**
   * Data rows kept in the table.
   */
  rowsKept: number;
  /**
   * Data rows left out (see `rejected` for why).
   */
  rowsSkipped: number;
  /**
   * Data rows left out by the `filter` option (neither kept nor skipped: as if they were
   * not in the file). Rows read = kept + skipped + filtered.
   */
  rowsFiltered: number;
  columns: Array<StoredColumn>;
  /**
   * Bytes stored per kept row across the typed columns (ids 4, times and numbers 8).
   */
  bytesPerRow: number;
  /**
   * Approximate memory held by the table, dictionaries included.
   */
  memoryBytes: number;
};

/**
 * One day of the activity series.
 */
export type DayActivity = {
  date: string;
  dau: number;
  /**
   * Distinct users active in the `wauDays` days ending this day.
   */
  wau: number;
  /**
   * Distinct users active in the `mauDays` days ending this day.
   */
  mau: number;
  /**
   * DAU / MAU.
   */
  stickiness: number | null;
};

/**
 * Which character separates the decimals in a column of amounts.
 */
export type DecimalMark = "dot" | "comma";

/**
 * How a figure was computed: which metric, which variant, the formula, the parameters.
 */
export type Definition = {
  metric: Metric;
  variant: Variant;
  formula: string;
  unit: Unit;
  params: { [key in string]: Param };
};

/**
 * Which side of its band a flagged value lies on.
 */
export type Direction = "up" | "down";

/**
 * The unit a duration column is written in.
 */
export type DurationUnit = "seconds" | "minutes" | "hours";

/**
 * Mean (with its t interval), median and 90th percentile (with seeded bootstrap intervals,
 * or the exact order-statistic interval of the median by option) of durations (seconds).
 */
export type Durations = {
  n: number;
  mean: number | null;
  meanInterval: Interval | null;
  median: number | null;
  medianInterval: Interval | null;
  p90: number | null;
  p90Interval: Interval | null;
  smallSample: boolean;
};

/**
 * The options in force, defaults filled in.
 */
export type EffectiveOptions = {
  timezone: string;
  granularity: Granularity;
  weekStart: WeekStart;
  confidence: number;
  /**
   * Partial periods tested and flagged like the others.
   */
  includePartialPeriods: boolean;
  /**
   * The `filter` option as given (null without one).
   */
  filter: AnalyzeFilter | null;
};

/**
 * The encoding the input was read as.
 */
export type Encoding = "utf8" | "utf8Bom" | "utf16Le" | "utf16Be";

/**
 * How engaged a customer is, from most to least.
 */
export type Engagement = "highlyEngaged" | "engaged" | "atRisk" | "dormant";

/**
 * Engagement rates in percent, from sums over the group's posts.
 */
export type EngagementRates = {
  /**
   * 100 × engagements / followers at each post (summed over posts).
   */
  byFollowers: Rate;
  byImpressions: Rate;
  byReach: Rate;
};

/**
 * Name and version of the engine that produced a report.
 */
export type EngineInfo = {
  name: string;
  version: string;
};

/**
 * Stable code of a fatal error (`error.code` in JavaScript).
 */
export type ErrorCode = 
  | "INVALID_OPTION"
  | "INVALID_SCORE"
  | "EMPTY_INPUT"
  | "NO_HEADER"
  | "COLUMN_NOT_FOUND"
  | "NO_METRIC_COLUMNS"
  | "UNKNOWN_TIMEZONE"
  | "AMBIGUOUS_DATE_ORDER"
  | "LIMIT_EXCEEDED"
  | "ENCODING"
  | "UNREADABLE_FILE"
  | "ALREADY_FINISHED"
  | "PARTIAL_MISMATCH"
  | "INVALID_ARGUMENT"
  | "INTERNAL";

/**
 * The figures of an event log.
 */
export type EventsBody = {
  events: EventsMetrics;
};

export type EventsMetrics = {
  settings: EventsSettings;
  summary: EventsSummary;
  activity: Activity;
  sessions: SessionStats;
  conversion: Conversion | null;
  funnel: Funnel | null;
  /**
   * add_to_cart → purchase (or checkout) funnel: 100 − its conversion.
   */
  cartAbandonment: Figure | null;
  activation: Activation | null;
  /**
   * New users active again on days 1–7 after their first day / new users with 7 days observed.
   */
  week1Engagement: Figure;
  /**
   * Variant `firstWeekInteractions`: events in the first 7 local days of the same users /
   * all their events (percent, no interval).
   */
  week1EngagementInteractions: Figure;
  /**
   * The 50 most used event names.
   */
  features: Array<FeatureUsage>;
  retention: Retention;
  /**
   * Users whose last event is more than `churnDays` before the last day of the data.
   */
  churn: Figure;
  /**
   * How each interaction ends: the customer leaves (exit share, a turnover / abandonment
   * reading) or interacts again in the same session (return share, a stickiness reading).
   */
  interactionEnds: InteractionEnds;
  lifecycle: Array<LifecyclePeriod>;
  segments: Array<EventsSegmentBreakdown>;
  /**
   * Sessions starting in each period: bounce, engagement and conversion.
   */
  sessionPeriods: Array<SessionPeriod>;
  /**
   * Bounce rate (headline rule), engagement rate and session conversion rate of the
   * sessions starting in each period, against the previous period.
   */
  changes: Array<MetricComparison>;
  /**
   * Rows left out by `events.filter` (0 without a filter).
   */
  filteredOut: number;
};

/**
 * Events options as given (`events: {...}` in AnalyzeOptions); all optional.
 */
export type EventsOptions = {
  /**
   * "ga4", "posthog", "mixpanel" or "amplitude": that tool's defaults; explicit options win.
   */
  preset?: Preset;
  sessionTimeoutSeconds?: number;
  maxSessionSeconds?: number;
  splitAtMidnight?: boolean;
  wauDays?: number;
  mauDays?: number;
  bounce?: BounceRule;
  engagedSeconds?: number;
  engagedPageViews?: number;
  keyEvents?: Array<string>;
  pageViewEvents?: Array<string>;
  conversionEvent?: string;
  funnel?: Array<string>;
  funnelWindowDays?: number;
  signupEvents?: Array<string>;
  activationEvents?: Array<string>;
  activationDays?: number;
  retention?: RetentionMode;
  cohortEvent?: string;
  churnDays?: number;
  keepDuplicates?: boolean;
  /**
   * Compute every metric on the rows whose segment column has this value.
   */
  filter?: FilterOption;
};

/**
 * Key metrics per value of a segment column. A user belongs to the value of their first
 * event; a session to the value of its first event.
 */
export type EventsSegmentBreakdown = {
  column: string;
  /**
   * The 20 values with most users, then "(other)" and "(blank)" when present.
   */
  values: Array<EventsSegmentValue>;
  /**
   * Bounce rate (sessions) and conversion rate (users) of each value against the rest of
   * the values, Holm-adjusted per metric.
   */
  comparisons: Array<MetricComparison>;
  definition: Definition;
};

export type EventsSegmentValue = {
  value: string;
  users: number;
  events: number;
  sessions: number;
  meanSessionSeconds: number | null;
  /**
   * Bounce rate under the chosen rule (percent).
   */
  bounceRate: number | null;
  bounceInterval: Interval | null;
  /**
   * Users with the conversion event (percent), when there is one.
   */
  conversionRate: number | null;
  conversionInterval: Interval | null;
};

/**
 * Settings in force, defaults and preset filled in (echoed in the report).
 */
export type EventsSettings = {
  preset: Preset | null;
  sessionTimeoutSeconds: number;
  maxSessionSeconds: number | null;
  splitAtMidnight: boolean;
  wauDays: number;
  mauDays: number;
  bounce: BounceRule;
  engagedSeconds: number;
  engagedPageViews: number;
  keyEvents: Array<string>;
  pageViewEvents: Array<string>;
  conversionEvent: string | null;
  funnel: Array<string> | null;
  funnelWindowDays: number;
  signupEvents: Array<string>;
  activationEvents: Array<string>;
  activationDays: number;
  retention: RetentionMode;
  cohortEvent: string | null;
  churnDays: number;
  keepDuplicates: boolean;
  filter: FilterOption | null;
};

export type EventsSummary = {
  events: number;
  users: number;
  sessions: number;
  firstEvent: string | null;
  lastEvent: string | null;
  /**
   * Local calendar days from the first to the last event, inclusive.
   */
  days: number;
  duplicatesRemoved: number;
};

/**
 * The smallest or largest value of a column: a time as RFC 3339 UTC text, or a number.
 */
export type Extreme = number | string;

/**
 * What happened to the row (or value) that had the problem.
 */
export type Fate = "rowSkipped" | "valueIgnored" | "excludedFromPeriods";

export type FeatureUsage = {
  event: string;
  users: number;
  events: number;
  /**
   * Users who did it / all users (percent).
   */
  shareOfUsers: number | null;
  /**
   * Variant `interactions`: its events / all events (percent).
   */
  shareOfEvents: number | null;
  eventsPerUser: number | null;
  /**
   * Per period: users doing it for the first time, and the cumulative share of all users.
   */
  adoption: Array<AdoptionPoint>;
};

/**
 * One reported number. `value` is `null` (with `unavailableReason`) when undefined, never NaN.
 */
export type Figure = {
  value: number | null;
  unavailableReason?: string;
  /**
   * Number of answers (or units) the figure is computed from.
   */
  n: number;
  interval: Interval | null;
  smallSample: boolean;
  definition: Definition;
};

/**
 * `{ "column": "platform", "value": "ios" }`.
 */
export type FilterOption = {
  column: string;
  value: string;
};

/**
 * A calculator's own formula, when it is not one of the report's metrics.
 */
export type Formula = 
  | "lifespanFromChurn"
  | "clvPurchaseValue"
  | "clvArpuYears"
  | "clvDiscounted"
  | "clvDiscountedFuture"
  | "sbgRetention"
  | "npsScore"
  | "csatScore"
  | "meanScore"
  | "npsDifference"
  | "sampleSize"
  | "minimumDetectableEffect"
  | "welchTest"
  | "followerGrowth"
  | "bgNbdCustomer"
  | "purchaseFrequency"
  | "netRevenueRetention"
  | "firstContactResolutionRate"
  | "averageHandleTime"
  | "ticketsPerCustomer"
  | "adClickThroughRate";

export type FrequencyGroup = {
  /**
   * Repeat purchases in calibration (7 = 7 or more).
   */
  x: number;
  customers: number;
  actual: number;
  predicted: number;
};

export type Funnel = {
  steps: Array<FunnelStep>;
  /**
   * Users reaching the last step / users entering (the first step).
   */
  overallConversion: number | null;
  definition: Definition;
};

export type FunnelStep = {
  event: string;
  users: number;
  /**
   * Users at this step / users at the previous step (1 for the first step).
   */
  conversionFromPrevious: number | null;
  /**
   * Users at this step / users at the first step.
   */
  conversionFromFirst: number | null;
  /**
   * Users who reached the previous step but not this one (abandonment).
   */
  dropOff: number;
  dropOffRate: number | null;
  /**
   * Median seconds from the previous step, over users who reached this step.
   */
  medianSecondsFromPrevious: number | null;
  /**
   * Wilson interval of `conversionFromFirst` at the report's confidence.
   */
  conversionInterval: Interval | null;
};

export type GammaGammaFit = {
  p: number;
  q: number;
  gamma: number;
  logLikelihood: number;
  /**
   * The optimiser met its tolerance (false: the estimates are unreliable).
   */
  converged: boolean;
};

/**
 * Calendar granularity of a series.
 */
export type Granularity = "day" | "week" | "month" | "quarter" | "year";

export type Holdout = {
  from: string;
  to: string;
  units: number;
  /**
   * Repeat purchases (distinct purchase days) in the holdout, all customers.
   */
  actual: number;
  predicted: number;
  byFrequency: Array<FrequencyGroup>;
};

/**
 * The layout of the input.
 */
export type InputFormat = "csv" | "json" | "ndjson" | "xlsx";

/**
 * What an input takes.
 */
export type InputKind = "number" | "numbers";

/**
 * What was read.
 */
export type InputSummary = {
  format: InputFormat;
  bytes: number;
  /**
   * Data rows (the header excluded).
   */
  rows: number;
  encoding: Encoding;
  /**
   * Records that were not valid UTF-8 and were read as Windows-1252.
   */
  windows1252Rows: number;
  /**
   * Field delimiter of delimited text (`null` for JSON and xlsx).
   */
  delimiter: string | null;
  header: Array<string>;
  /**
   * The first rows as read (strings exactly as in the file), for display and checking.
   */
  preview: Array<Array<string>>;
};

/**
 * Every event either ends its session or is followed by another event of the same session:
 * exit share + return share = 100 (percent of events; no interval, events of one user are not
 * independent draws).
 */
export type InteractionEnds = {
  /**
   * Variant `exitShare` of user churn: events that end their session / events
   * (= sessions / events = 1 / events per session).
   */
  exitShare: Figure;
  /**
   * Variant `returnShare` of stickiness: events followed by another event of the same
   * session / events.
   */
  returnShare: Figure;
  /**
   * Exits after which the same user comes back in a later session (they count as exits).
   */
  exitsFollowedByALaterSession: number;
};

/**
 * A two-sided confidence interval.
 */
export type Interval = {
  low: number;
  high: number;
  /**
   * Confidence level, e.g. 0.95.
   */
  level: number;
  /**
   * How it was computed.
   */
  method: IntervalMethod;
};

/**
 * How an interval was computed.
 */
export type IntervalMethod = 
  | "wilson"
  | "t"
  | "normal"
  | "wald"
  | "logRatio"
  | "welch"
  | "orderStatistic"
  | "bootstrap"
  | "deltaRatio"
  | "hanleyMcNeil";

/**
 * `intervals: {...}` in AnalyzeOptions.
 */
export type IntervalOptions = {
  /**
   * Interval of medians and p90s: "bootstrap" (default) or "orderStatistic" (medians only:
   * the exact distribution-free binomial interval).
   */
  quantiles?: QuantileMethod;
  /**
   * Bootstrap resamples (default 2,000; 100 to 100,000).
   */
  resamples?: number;
  /**
   * Bootstrap seed (default 1).
   */
  seed?: number;
};

/**
 * What one row of a file is; every report and schema says which.
 */
export type Kind = 
  | "survey"
  | "events"
  | "transactions"
  | "tickets"
  | "campaigns"
  | "social"
  | "reviews"
  | "mentions"
  | "scans";

/**
 * How the dataset kind was chosen.
 */
export type KindChoice = {
  source: KindSource;
  reason: string;
};

/**
 * A report of one kind: the shared parts around the kind's own figures (`body`).
 */
export type KindReport<B> = {
  /**
   * What ingestion kept.
   */
  dataset: DatasetSummary;
  /**
   * Trend flags of the kind's headline figures and the gaps to the user's targets.
   */
  signals: Signals;
  /**
   * Values and rows that could not be used, by reason and column, with examples.
   */
  rejected: Array<Rejection>;
  warnings: Array<Warning>;
  kindChoice: KindChoice;
  engine: EngineInfo;
  options: EffectiveOptions;
  input: InputSummary;
  columns: Array<ColumnInfo>;
  /**
   * The first and last periods when the data cover them only in part; left out of
   * period-over-period tests and trend flags unless `includePartialPeriods`.
   */
  partialPeriods: Array<PartialPeriod>;
  /**
   * Rows per weekday when the data span at least two weeks (null otherwise).
   */
  weekdayProfile: WeekdayProfile | null;
} & B;

/**
 * Whether the dataset kind was given or detected.
 */
export type KindSource = "option" | "detected";

export type Label = "positive" | "neutral" | "negative";

export type LifecyclePeriod = {
  period: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
};

/**
 * Where the lifespan of the formula CLV comes from.
 */
export type LifespanSource = "option" | "churn";

export type LifetimeInputs = {
  customers: number;
  revenue: number;
  orders: number;
  averageOrderValue: number | null;
  /**
   * Orders per active customer per period.
   */
  purchaseFrequency: number | null;
  /**
   * Revenue per active customer per period.
   */
  arpu: number | null;
  churnRate: number | null;
  retentionRate: number | null;
  lifespanPeriods: number | null;
  lifespanSource: LifespanSource;
  periodsPerYear: number;
  margin: number;
  discountRate: number;
};

export type LifetimeValue = {
  inputs: LifetimeInputs;
  /**
   * The standard one first: purchaseValue.
   */
  variants: Array<ClvVariant>;
  /**
   * Why some variants give the same value, when they do (their inputs make them equal).
   */
  coincidences: Array<string>;
  definition: Definition;
};

/**
 * Options (`lifetimeValue: {...}` in AnalyzeOptions).
 */
export type LifetimeValueOptions = {
  /**
   * Gross margin as a fraction of revenue (default 1: revenue).
   */
  margin?: number;
  /**
   * Discount rate per period (default 0).
   */
  discountRate?: number;
  /**
   * Expected lifespan in periods; default 1 / churn rate.
   */
  lifespanPeriods?: number;
  /**
   * Periods of contractual retention projected by the sBG fit (default 12).
   */
  projectPeriods?: number;
};

/**
 * Every metric (and metric family) a figure, comparison, trend flag or target names. The
 * catalogue (`catalogue()`) gives each its label, unit, direction and description.
 */
export type Metric = 
  | "nps"
  | "csat"
  | "ces"
  | "responseRate"
  | "customerRetention"
  | "churnRate"
  | "retentionRate"
  | "repeatPurchaseRate"
  | "averageOrderValue"
  | "arpu"
  | "revenueCohorts"
  | "contractualRetention"
  | "lifetimeValue"
  | "clv"
  | "rfm"
  | "support"
  | "firstContactResolution"
  | "reopenRate"
  | "handleTime"
  | "campaigns"
  | "deliveryRate"
  | "openRate"
  | "clickThroughRate"
  | "clickToOpenRate"
  | "conversionRate"
  | "unsubscribeRate"
  | "bounceRate"
  | "conversionPerClick"
  | "revenuePerEmail"
  | "impressionClickThroughRate"
  | "costPerClick"
  | "returnOnAdSpend"
  | "activeUsers"
  | "sessions"
  | "conversion"
  | "funnel"
  | "cartAbandonment"
  | "activation"
  | "activationRate"
  | "week1Engagement"
  | "stickiness"
  | "featureUsage"
  | "churn"
  | "retention"
  | "segmentBreakdown"
  | "sessionEngagementRate"
  | "sessionConversionRate"
  | "engagementRate"
  | "engagementRateByFollowers"
  | "engagementRateByImpressions"
  | "engagementRateByReach"
  | "audienceEngagementRate"
  | "weekdayProfile"
  | "reviews"
  | "mentions"
  | "averageRating"
  | "meanRating"
  | "goodRatingShare"
  | "positiveShare"
  | "sentimentScore"
  | "meanSentiment"
  | "shareOfVoice"
  | "scans"
  | "comparison"
  | "abTest";

export type MetricComparison = {
  metric: Metric;
  /**
   * What the group is compared with: the previous period, the same period a year earlier
   * (when the data span more than a year), or the rest of its breakdown.
   */
  against: Baseline;
  /**
   * The baseline (a period, or "rest of <column>") and the group compared with it.
   */
  baseline: string;
  group: string;
  comparison: Comparison | null;
  /**
   * Holm-adjusted within a segment breakdown; the raw p-value period over period.
   */
  adjustedPValue: number | null;
  significant: boolean;
  /**
   * Why there is no test: a group too small for it ("too few to test (n = 1 and 40; …)").
   */
  unavailableReason: string | null;
};

/**
 * One catalogue entry.
 */
export type MetricInfo = {
  id: Metric;
  /**
   * Plain-language name, for people ("Repeat purchase rate").
   */
  label: string;
  /**
   * The unit the metric is presented and targeted in.
   */
  unit: Unit;
  /**
   * Whether a higher value is better; `null` where neither is (a count, a duration).
   */
  higherIsBetter: boolean | null;
  /**
   * One sentence: what it measures.
   */
  description: string;
  /**
   * A headline figure of its kind (a card on the page, a line of the CLI table).
   */
  headline: boolean;
  /**
   * Takes a benchmark target (`benchmarks` option) in `unit`.
   */
  target: boolean;
  /**
   * Where it sits in each kind's report.
   */
  places: Array<Place>;
  /**
   * The definitions it can be computed with, the standard one first.
   */
  variants: Array<Variant>;
};

/**
 * The three NPS group counts (`npsFromCounts`).
 */
export type NpsCounts = {
  promoters: number;
  passives: number;
  detractors: number;
};

/**
 * Options for NPS from raw scores.
 */
export type NpsOptions = {
  /**
   * Confidence level of the interval (default 0.95).
   */
  confidence?: number;
  /**
   * Explicit mapping of another scale's answers to 0–10, e.g. {"1": 0, "5": 10}. NPS is only
   * defined on a 0–10 question: without a map, any other value is an error.
   */
  scoreMap?: { [key in string]: number };
};

/**
 * NPS result: the score in points (−100..100) with its margin of error and the three groups.
 */
export type NpsResult = {
  /**
   * NPS in points, −100..100; `null` when there are no responses.
   */
  score: number | null;
  unavailableReason?: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  promotersPercent: number | null;
  passivesPercent: number | null;
  detractorsPercent: number | null;
  /**
   * Half-width of the interval in points (before clamping to ±100).
   */
  marginOfError: number | null;
  interval: Interval | null;
  smallSample: boolean;
  /**
   * Answers per score 0–10; `null` when computed from group counts.
   */
  distribution: Array<ScoreCount> | null;
  definition: Definition;
};

export type PageStats = {
  page: string;
  entries: number;
  /**
   * Single-event sessions among those entering here / entries (UA rule).
   */
  entryBounceRate: number | null;
  exits: number;
};

/**
 * A parameter of a definition (a threshold, a scale bound, a named choice).
 */
export type Param = number | string;

/**
 * The first or last period of the data when the data cover only part of it (they start after
 * its first day or end before its last), with the days they do cover.
 */
export type PartialPeriod = {
  period: string;
  /**
   * First and last covered day (`YYYY-MM-DD`, report time zone).
   */
  from: string;
  to: string;
};

export type PeriodActivity = {
  period: string;
  activeUsers: number;
  newUsers: number;
  events: number;
  sessions: number;
  pageViews: number;
  /**
   * Sessions per active user in the period (page visit frequency).
   */
  sessionsPerActiveUser: number | null;
  /**
   * Local days of the period inside the data (all of them but at the file's two ends).
   */
  days: number;
  /**
   * Variant `interactionsPerDay` of DAU: events / `days` (an activity rate, not users).
   */
  interactionsPerDay: number | null;
};

export type PeriodMetrics = {
  /**
   * Label: `2024-01-15` (day; week by its first day), `2024-01`, `2024-Q1`, `2024`.
   */
  period: string;
  /**
   * Start (inclusive) and end (exclusive) as RFC 3339 times in the report time zone.
   */
  start: string;
  end: string;
  metrics: SurveyMetrics;
};

export type PeriodRevenue = {
  period: string;
  /**
   * Customers at the start (S), lost during it, first-time buyers, returning after a lapse
   * (reactivated), at the end (E).
   */
  startCustomers: number;
  lostCustomers: number;
  newCustomers: number;
  reactivatedCustomers: number;
  endCustomers: number;
  /**
   * (E − N) / S, N = new + reactivated (the standard customer retention rate).
   */
  retentionRate: number | null;
  /**
   * E / S.
   */
  endOverStart: number | null;
  /**
   * lost / S.
   */
  churnRate: number | null;
  /**
   * Variant `startMinusEnd`: (S − E) / S, churn net of the customers gained (negative when
   * the base grew).
   */
  churnStartMinusEnd: number | null;
  /**
   * Variant `firstTimeNew`: (E − first-time customers) / S; reactivated customers count as
   * retained, so it can exceed 100 %.
   */
  retentionFirstTimeNew: number | null;
  /**
   * Wilson intervals of the retention ((S − lost) / S) and churn rates.
   */
  retentionInterval: Interval | null;
  churnInterval: Interval | null;
  activeCustomers: number;
  revenue: number;
  refunds: number;
  orders: number;
  /**
   * revenue / active customers.
   */
  arpu: number | null;
  /**
   * t interval of ARPU from the spread of active customers' period revenue.
   */
  arpuInterval: Interval | null;
  /**
   * revenue / orders.
   */
  averageOrderValue: number | null;
  /**
   * Delta-method interval of AOV as a ratio of sums over customers (each customer's
   * period revenue and orders), so repeat buyers are not counted as independent orders.
   */
  averageOrderValueInterval: Interval | null;
  /**
   * orders / active customers.
   */
  purchaseFrequency: number | null;
  /**
   * Active customers with ≥ 2 orders in the period / active customers.
   */
  repeatPurchaseRate: number | null;
  /**
   * Customers with ≥ 2 orders up to the period's end / customers who bought up to then.
   */
  cumulativeRepeatPurchaseRate: number | null;
  /**
   * Previous period's revenue from customers not active in this period / previous period's revenue.
   */
  revenueChurn: number | null;
  /**
   * This period's revenue from the previous period's active customers / their revenue then.
   */
  netRevenueRetention: number | null;
  /**
   * The same with each customer's revenue capped at their previous revenue (no expansion).
   */
  grossRevenueRetention: number | null;
};

/**
 * Where a metric sits in a report of one kind, and the unit it has there.
 */
export type Place = {
  kind: Kind;
  /**
   * A path into the report: `.` between fields, `[]` for every element of a list.
   */
  path: string;
  unit: Unit;
};

/**
 * One post's rates (the 100 most engaging by followers are listed).
 */
export type PostRate = {
  /**
   * The post's row in the file, as a spreadsheet numbers it (the header is row 1).
   */
  post: number;
  time: string | null;
  channel: string | null;
  engagements: number;
  engagementRate: EngagementRates;
};

export type PredictiveClv = {
  unitDays: number;
  calibrationEnd: string;
  asOf: string;
  customers: number;
  purchases: BgNbdFit;
  /**
   * Spend model, when at least two customers have repeat purchases.
   */
  spend: GammaGammaFit | null;
  holdout: Holdout | null;
  horizon: number;
  discountRate: number;
  margin: number;
  meanClv: number | null;
  /**
   * Interval of the mean CLV over the customers (bootstrap up to 10,000 customers, t
   * beyond), with the fitted parameters held fixed.
   */
  meanClvInterval: Interval | null;
  totalClv: number | null;
  /**
   * Mean probability of being alive at `asOf`.
   */
  meanPAlive: number | null;
  /**
   * Histogram of CLV per customer: 20 equal-width bins from 0 to the 99th percentile, the
   * last bin holding everything above.
   */
  distribution: Array<[number, number]>;
  /**
   * Seconds the fits and predictions took (not the reading of the file); null without a clock.
   */
  seconds: number | null;
  customerTable?: Array<ClvCustomer>;
  /**
   * Why the predictions should not be trusted, when they should not: each fit warning's
   * message (too few customers, no repeat buyers, a degenerate fit). Empty when the fits
   * hold; the page shows them next to the mean CLV.
   */
  unreliableReasons: Array<string>;
  definition: Definition;
};

/**
 * Conventions of an analytics tool (`events.preset`).
 */
export type Preset = "ga4" | "posthog" | "mixpanel" | "amplitude";

/**
 * Progress of a streaming analysis.
 */
export type Progress = {
  bytes: number;
  /**
   * Data rows read so far.
   */
  rows: number;
};

export type ProjectedPeriod = {
  offset: number;
  /**
   * Share of a cohort still subscribed after `offset` periods, observed over all cohorts old
   * enough (null beyond the oldest).
   */
  observed: number | null;
  /**
   * S(offset) from the fit.
   */
  survival: number;
  /**
   * S(offset) / S(offset − 1) from the fit.
   */
  retentionRate: number | null;
};

/**
 * How the intervals of medians and p90s are computed.
 */
export type QuantileMethod = "bootstrap" | "orderStatistic";

export type Rate = {
  value: number | null;
  numerator: number;
  denominator: number;
  unavailableReason?: string;
  /**
   * Wilson interval for shares of whole counts (numerator ≤ denominator); the delta-method
   * interval for a ratio of sums over units (engagement rates over posts).
   */
  interval?: Interval;
  /**
   * Fewer than 30 in the denominator (shares), or fewer than 30 units (ratios).
   */
  smallSample?: boolean;
};

/**
 * Star ratings of a group of reviews.
 */
export type RatingSummary = {
  ratings: number;
  mean: number | null;
  /**
   * Reviews rated ≥ goodRatingMin / ratings.
   */
  goodShare: Rate;
  /**
   * [rating, reviews], by rating.
   */
  distribution: Array<[number, number]>;
};

/**
 * Values or rows rejected for one reason in one column: counted in full, with the first examples.
 */
export type Rejection = {
  code: RejectionCode;
  column: string;
  count: number;
  fate: Fate;
  examples: Array<ValueExample>;
};

/**
 * Why values or rows were rejected (`rejected[].code`).
 */
export type RejectionCode = 
  | "RAGGED_ROW"
  | "INVALID_SCORE"
  | "MISSING_TIMESTAMP"
  | "INVALID_TIMESTAMP"
  | "INVALID_NUMBER"
  | "MISSING_REQUIRED"
  | "INVALID_JSON"
  | "UNKNOWN_KEY"
  | "NESTED_VALUE"
  | "CELL_ERROR";

/**
 * A report of any kind, tagged by `kind` (one variant per [`Kind`], same name).
 */
export type Report = {
  "kind": "survey" } & KindReport<SurveyBody> | { "kind": "events" } & KindReport<EventsBody> | { "kind": "transactions" } & KindReport<TransactionsBody> | { "kind": "tickets" } & KindReport<TicketsBody> | { "kind": "campaigns" } & KindReport<CampaignsBody> | { "kind": "social" } & KindReport<SocialBody> | { "kind": "reviews" } & KindReport<VoiceBody> | { "kind": "mentions" } & KindReport<VoiceBody> | { "kind": "scans";
} & KindReport<ScansBody>;

/**
 * Response rate of the invitations sent in one period.
 */
export type ResponsePeriod = {
  period: string;
  invited: number;
  responded: number;
  responseRate: Figure;
};

export type Retention = {
  granularity: Granularity;
  cohorts: Array<Cohort>;
  /**
   * Why there is no matrix (too many periods for the granularity), if so.
   */
  unavailableReason?: string;
  /**
   * Which of the two definitions the page shows first.
   */
  headline: RetentionMode;
  definition: Definition;
};

/**
 * Which retention definition is the headline (both are always reported).
 */
export type RetentionMode = "exact" | "onOrAfter";

export type RevenueCohort = {
  /**
   * Period of the first purchase.
   */
  cohort: string;
  customers: number;
  /**
   * `active[k]`: the cohort's customers with a purchase in period k (k = 0: its own period).
   */
  active: Array<number>;
  /**
   * active[k] / customers.
   */
  retention: Array<number | null>;
  /**
   * Wilson intervals of `retention` at the report's confidence.
   */
  retentionInterval: Array<Interval | null>;
  /**
   * `revenue[k]`: the cohort's net revenue in period k.
   */
  revenue: Array<number>;
  /**
   * revenue[k] / revenue[0].
   */
  revenueRetention: Array<number | null>;
  /**
   * Cumulative net revenue per cohort customer up to period k (historical CLV by age).
   */
  valuePerCustomer: Array<number>;
  /**
   * `subscribed[k]`: customers whose last active period is k or later (the contractual reading).
   */
  subscribed: Array<number>;
};

export type RevenueCohorts = {
  cohorts: Array<RevenueCohort>;
  unavailableReason?: string;
  /**
   * Null when no cohort is older than one period.
   */
  contractual: ContractualRetention | null;
  definition: Definition;
};

export type RevenueReport = {
  periods: Array<PeriodRevenue>;
  definition: Definition;
  /**
   * Retention and repeat purchase rate, each period against the previous one.
   */
  changes: Array<MetricComparison>;
  /**
   * First-purchase cohorts: customers and revenue retained per period offset, and the
   * contractual (sBG) survival fit.
   */
  cohorts: RevenueCohorts;
};

export type Rfm = {
  /**
   * The day recency is measured to (YYYY-MM-DD, report time zone).
   */
  asOf: string;
  segments: Array<RfmSegmentSummary>;
  /**
   * Per customer; only with the `rfmCustomers` option (large).
   */
  customers?: Array<CustomerRfm>;
  definition: Definition;
};

/**
 * An RFM segment, from the recency and frequency scores (report order).
 */
export type RfmSegment = 
  | "champions"
  | "loyal"
  | "potentialLoyalists"
  | "newCustomers"
  | "needAttention"
  | "aboutToSleep"
  | "atRisk"
  | "cantLoseThem"
  | "hibernating"
  | "lost";

export type RfmSegmentSummary = {
  segment: RfmSegment;
  /**
   * The engagement level the segment belongs to.
   */
  engagement: Engagement;
  customers: number;
  revenue: number;
  shareOfCustomers: number | null;
  shareOfRevenue: number | null;
};

/**
 * What a column is used for (`columns: { role: header }` in the options).
 */
export type Role = 
  | "nps"
  | "csat"
  | "ces"
  | "timestamp"
  | "channel"
  | "segment"
  | "id"
  | "text"
  | "ignored"
  | "userId"
  | "eventName"
  | "sessionId"
  | "page"
  | "amount"
  | "orderId"
  | "product"
  | "quantity"
  | "ticketId"
  | "status"
  | "agent"
  | "priority"
  | "resolvedAt"
  | "firstResponseAt"
  | "campaign"
  | "sent"
  | "delivered"
  | "opens"
  | "clicks"
  | "conversions"
  | "unsubscribes"
  | "bounces"
  | "impressions"
  | "spend"
  | "handleTime"
  | "contacts"
  | "firstContactResolved"
  | "reopens"
  | "uniqueOpens"
  | "uniqueClicks"
  | "rating"
  | "likes"
  | "comments"
  | "shares"
  | "saves"
  | "followers"
  | "reach"
  | "brand"
  | "mentions"
  | "searches"
  | "device"
  | "location"
  | "invited";

export type SbgFit = {
  alpha: number;
  beta: number;
  logLikelihood: number;
  converged: boolean;
};

/**
 * An inclusive integer answer scale, e.g. 1–5.
 */
export type Scale = {
  min: number;
  max: number;
};

export type ScanCount = {
  name: string;
  scans: number;
  /**
   * scans / all scans.
   */
  share: Rate;
};

export type ScanMetrics = {
  scans: number;
  /**
   * Distinct people or devices (null without an id column).
   */
  uniqueScanners: number | null;
  /**
   * Largest first.
   */
  byDevice: Array<ScanCount>;
  byLocation: Array<ScanCount>;
  /**
   * In time order.
   */
  periods: Array<ScanCount>;
  definition: Definition;
};

/**
 * The figures of QR-code or card scans: counts by device, location and period.
 */
export type ScansBody = {
  scans: ScanMetrics;
};

/**
 * The inferred schema of a file: what `inspect` returns, for the user to confirm.
 */
export type Schema = {
  /**
   * The kind, or null when no kind fits the columns found (see `problem`).
   */
  kind: Kind | null;
  kindChoice: KindChoice;
  /**
   * Why the file cannot be analysed as detected (no kind fits, a kind's columns are missing,
   * dates whose order cannot be told): the columns are still given, as far as they were
   * recognised, so a person can name the missing roles or options and analyse. Null when
   * the schema is complete.
   */
  problem?: SchemaProblem;
  input: InputSummary;
  columns: Array<ColumnInfo>;
  /**
   * Rows the inference looked at.
   */
  rowsSampled: number;
  warnings: Array<Warning>;
};

/**
 * What keeps an inspected file from being analysed as detected.
 */
export type SchemaProblem = {
  /**
   * The error `analyze` gives for this file with these options.
   */
  code: ErrorCode;
  message: string;
  /**
   * The header of the column the problem is in, when it is one column's.
   */
  column?: string;
};

/**
 * One bar of a score distribution.
 */
export type ScoreCount = {
  score: number;
  count: number;
  /**
   * Share of responses, 0–100; `null` when there are none.
   */
  percent: number | null;
};

export type SegmentBreakdown = {
  column: string;
  /**
   * `channel` or `segment`.
   */
  role: Role;
  /**
   * Largest group first. Blank values form "(blank)"; values past the limit "(other)".
   */
  groups: Array<SegmentGroup>;
};

export type SegmentComparisons = {
  column: string;
  correction: Correction;
  comparisons: Array<MetricComparison>;
};

export type SegmentGroup = {
  value: string;
  metrics: SurveyMetrics;
};

/**
 * Sentiment of a group of texts.
 */
export type SentimentSummary = {
  texts: number;
  positive: number;
  neutral: number;
  negative: number;
  /**
   * (positive − negative) / texts, −1 … 1; null without texts.
   */
  score: number | null;
  meanCompound: number | null;
};

/**
 * The sessions starting in one period (rates in percent, with Wilson intervals).
 */
export type SessionPeriod = {
  period: string;
  sessions: number;
  /**
   * Under the headline bounce rule.
   */
  bounceRate: Figure;
  engagementRate: Figure;
  /**
   * Sessions with the conversion event (null without one).
   */
  conversionRate: Figure | null;
};

export type SessionStats = {
  /**
   * How sessions were formed: `sessionId` (the column) or `inactivityGap` (the variant of
   * the sessions definition).
   */
  source: Variant;
  count: number;
  /**
   * Mean of (last − first event time) over all sessions, one-event sessions counting 0 s.
   */
  meanDurationSeconds: number | null;
  /**
   * The same over sessions with at least two events.
   */
  meanDurationMultiEventSeconds: number | null;
  medianDurationSeconds: number | null;
  /**
   * Bootstrap (or order-statistic) interval of the median session duration.
   */
  medianDurationInterval: Interval | null;
  eventsPerSession: number | null;
  /**
   * Null when the file has no page views (no page column and no page-view event).
   */
  pageViewsPerSession: number | null;
  sessionsPerUser: number | null;
  bounce: Bounce;
  /**
   * The 20 most common entry pages.
   */
  entryPages: Array<PageStats>;
  definition: Definition;
};

export type ShareOfVoice = {
  /**
   * Period label ("" for the whole file).
   */
  name: string;
  brands: Array<BrandShare>;
};

/**
 * Trend flags and benchmark gaps of a kind's headline figures.
 */
export type Signals = {
  trendFlags: Array<TrendFlag>;
  benchmarks: Array<BenchmarkGap>;
};

/**
 * The figures of social media posts.
 */
export type SocialBody = {
  social: SocialMetrics;
};

export type SocialGroup = {
  /**
   * Period or channel ("" for the whole file).
   */
  name: string;
  totals: SocialTotals;
  engagementRate: EngagementRates;
  /**
   * Followers at the group's last post (per channel when channels are known: summed); for
   * a period, each channel's last known count up to its end (carried forward).
   */
  followersEnd: number | null;
  /**
   * Variant `totalFollowers`: 100 × Σ engagements / followersEnd (the audience counted once,
   * not at every post; the two agree for a single post).
   */
  audienceEngagementRate: Rate;
  /**
   * (followersEnd − previous period's followersEnd) / previous; periods only.
   */
  followerGrowth?: Rate;
};

export type SocialMetrics = {
  overall: SocialGroup;
  periods: Array<SocialGroup>;
  byChannel: Array<SocialGroup>;
  topPosts: Array<PostRate>;
  /**
   * Each engagement rate, each period against the previous one (delta-method z-test).
   */
  changes: Array<MetricComparison>;
  /**
   * Each channel's engagement rates against the rest of the channels, Holm-adjusted.
   */
  segmentChanges: Array<MetricComparison>;
  definition: Definition;
};

/**
 * Options (`social: {...}` in AnalyzeOptions).
 */
export type SocialOptions = {
  /**
   * Count saves as engagements (default false: likes + comments + shares).
   */
  includeSaves?: boolean;
};

export type SocialTotals = {
  posts: number;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  engagements: number;
  impressions: number | null;
  reach: number | null;
};

/**
 * One typed column of an ingested table.
 */
export type StoredColumn = {
  header: string;
  role: Role;
  valueType: ValueType;
  /**
   * Kept rows without a usable value in this column.
   */
  missing: number;
  /**
   * Distinct values (ids and categories).
   */
  distinct?: number;
  /**
   * Smallest and largest value (times as RFC 3339 UTC, numbers as numbers).
   */
  min?: Extreme;
  max?: Extreme;
  /**
   * Category columns: the values with their rows, most rows first (ties by value), at most 50
   * ([`VALUES_LISTED`]); counted over every row read, before the `filter` option and before
   * rows are skipped, so that a filter can be offered and taken back. Blank cells are not
   * listed (`missing`). Absent when the column has more than `maxSegmentValues` values.
   */
  values?: Array<ValueRows>;
  /**
   * Distinct values beyond the ones listed in `values` (0 when all are listed).
   */
  moreValues?: number;
};

/**
 * Support figures of one group of tickets.
 */
export type SupportGroup = {
  /**
   * Period label, channel or agent ("" for the whole file).
   */
  name: string;
  tickets: number;
  resolved: number;
  /**
   * Resolved on the first contact / resolved tickets with a contacts or FCR value.
   */
  firstContactResolution: Rate;
  /**
   * Variant `allContacts`: resolved on the first contact / every ticket with a contacts or
   * FCR value, resolved or not (open tickets count against it).
   */
  firstContactResolutionAllTickets: Rate;
  /**
   * Reopened / resolved tickets with a reopens value.
   */
  reopenRate: Rate;
  handleTime: Durations;
  firstResponseTime: Durations;
  resolutionTime: Durations;
  /**
   * Satisfied answers (≥ csatSatisfiedMin) / CSAT answers.
   */
  csat: Rate;
  csatMean: number | null;
};

export type SupportMetrics = {
  overall: SupportGroup;
  /**
   * Distinct customers (null without a customer column).
   */
  customers: number | null;
  /**
   * Tickets / distinct customers.
   */
  ticketsPerCustomer: Rate;
  periods: Array<SupportGroup>;
  byChannel: Array<SupportGroup>;
  byAgent: Array<SupportGroup>;
  /**
   * Responses or resolutions timed before the ticket's creation (left out of durations).
   */
  inconsistentTimes: number;
  /**
   * FCR, reopen rate and CSAT share, each period against the previous one.
   */
  changes: Array<MetricComparison>;
  /**
   * FCR and CSAT share of each channel and agent against the rest (Holm per breakdown).
   */
  segmentChanges: Array<MetricComparison>;
  definition: Definition;
};

/**
 * Options (`support: {...}` in AnalyzeOptions).
 */
export type SupportOptions = {
  /**
   * Unit of the handle-time column: seconds, minutes or hours (default: from its header,
   * e.g. "handle_time_min", else seconds).
   */
  handleTimeUnit?: DurationUnit;
  /**
   * Lowest satisfied CSAT answer (default 4, on 1–5).
   */
  csatSatisfiedMin?: number;
};

/**
 * The figures of a survey file.
 */
export type SurveyBody = {
  /**
   * First and last response time (RFC 3339, UTC), when there is a timestamp column.
   */
  firstResponse: string | null;
  lastResponse: string | null;
  overall: SurveyMetrics;
  /**
   * One entry per period that has rows, in time order.
   */
  periods: Array<PeriodMetrics>;
  segments: Array<SegmentBreakdown>;
  /**
   * CSAT weighted by channel share of interactions, next to the pooled CSAT.
   */
  channelCsat: ChannelWeightedCsat | null;
  /**
   * Period over period and segment vs the rest, with p-values.
   */
  comparisons: SurveyComparisons;
  /**
   * Response rate per period of the invitation time (with an invitation-date column).
   */
  responsePeriods: Array<ResponsePeriod>;
};

export type SurveyComparisons = {
  confidence: number;
  periodOverPeriod: Array<MetricComparison>;
  segments: Array<SegmentComparisons>;
  definition: Definition;
};

/**
 * Survey metrics of one group of rows (all rows, a period, a segment value).
 */
export type SurveyMetrics = {
  rows: number;
  /**
   * Responses / invitations, when the invitations are known (an invitation column, or the
   * `invitations` option for the whole file); `null` otherwise.
   */
  responseRate: Figure | null;
  nps: NpsResult | null;
  csat: CsatResult | null;
  ces: CesResult | null;
  answers: Array<AnswerCounts>;
  /**
   * Sentiment of the comment column (VADER), when the survey has one.
   */
  comments: SentimentSummary | null;
};

/**
 * The test behind a comparison's p-value.
 */
export type TestName = "twoProportionZ" | "welchT" | "npsZ" | "ratioZ";

/**
 * One text's scores with its label.
 */
export type TextSentiment = {
  label: Label;
  /**
   * Normalised sum of valences, −1 … 1 (unrounded; the reference rounds to 4 places).
   */
  compound: number;
  pos: number;
  neu: number;
  neg: number;
};

/**
 * The figures of a help-desk or call export.
 */
export type TicketsBody = {
  support: SupportMetrics;
};

/**
 * How a column's timestamps are written.
 */
export type TimeFormat = "iso" | "mdy" | "dmy" | "unixSeconds" | "unixMillis";

/**
 * The figures of a transactions file.
 */
export type TransactionsBody = {
  /**
   * Customers and revenue per period.
   */
  revenue: RevenueReport;
  rfm: Rfm;
  /**
   * Formula and historical CLV from the pooled period figures.
   */
  lifetimeValue: LifetimeValue;
  /**
   * With the `clv` option: the fitted models, the holdout check and the CLV distribution.
   */
  clv: PredictiveClv | null;
};

/**
 * A period whose value lies outside median ± 3 × 1.4826 × MAD of the trailing periods.
 */
export type TrendFlag = {
  period: string;
  metric: Metric;
  value: number;
  median: number;
  mad: number;
  /**
   * (value − median) / (1.4826 × MAD).
   */
  robustZ: number;
  direction: Direction;
};

/**
 * The unit a figure is in: one convention per unit, the same wherever a unit is named
 * (the catalogue, a figure's definition, targets, calculator results). The metric catalogue gives each metric
 * the unit it is presented, targeted and calculated in (`calculate()` returns a metric in
 * exactly that unit); a place in a report can hold the same metric as a ratio (a `Rate`'s
 * `value` is 0–1), which the catalogue's places say.
 */
export type Unit = 
  | "points"
  | "percent"
  | "score"
  | "ratio"
  | "users"
  | "seconds"
  | "currency"
  | "count"
  | "periods"
  | "purchases"
  | "multiple";

/**
 * One value that could not be used, with where it was.
 */
export type ValueExample = {
  /**
   * Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.
   */
  row: number;
  column: string;
  value: string;
  reason: string;
};

/**
 * One value of a category column and the rows that have it.
 */
export type ValueRows = {
  value: string;
  rows: number;
};

/**
 * How the values of a role are kept once ingested.
 */
export type ValueType = "id" | "category" | "time" | "amount" | "count" | "score" | "sentiment" | "none";

/**
 * Which definition of a metric a figure uses (the standard one is the default; the others
 * are named variants that some tools or sources use).
 */
export type Variant = 
  | "standard"
  | "topBox"
  | "mean"
  | "meanPercent"
  | "net"
  | "netWithNeutral"
  | "literalMean"
  | "startMinusEnd"
  | "firstTimeNew"
  | "allContacts"
  | "easyPercent"
  | "channelWeighted"
  | "purchaseValue"
  | "arpuYears"
  | "marginAdjusted"
  | "discounted"
  | "discountedFuture"
  | "historical"
  | "bgnbdGammaGamma"
  | "mbgnbdGammaGamma"
  | "firstPurchase"
  | "shiftedBetaGeometric"
  | "quintiles"
  | "summedCounts"
  | "count"
  | "vader"
  | "trailingWindows"
  | "users"
  | "sessions"
  | "funnel"
  | "withinDays"
  | "days1to7"
  | "inactiveDays"
  | "firstEventValue"
  | "sessionsStartingInPeriod"
  | "singleEvent"
  | "notEngaged"
  | "singlePageView"
  | "sessionId"
  | "inactivityGap"
  | "orderedWithinWindow"
  | "cohortMatrix"
  | "interactionsPerDay"
  | "firstWeekInteractions"
  | "exitShare"
  | "returnShare"
  | "interactions"
  | "byFollowers"
  | "byImpressions"
  | "byReach"
  | "engagementRate"
  | "totalFollowers"
  | "twoProportionZ";

/**
 * Every closed set of names, for pages and tools that list them (role pickers, kind menus).
 */
export type Vocabulary = {
  kinds: Array<Kind>;
  roles: Array<Role>;
  granularities: Array<Granularity>;
  weekStarts: Array<WeekStart>;
  metrics: Array<Metric>;
  targets: Array<Metric>;
  errorCodes: Array<ErrorCode>;
  warningCodes: Array<WarningCode>;
  rejectionCodes: Array<RejectionCode>;
  units: Array<Unit>;
  presets: Array<Preset>;
  /**
   * What each kind's file holds, in plain language (for menus).
   */
  kindLabels: Record<Kind, string>;
  /**
   * The columns each kind cannot do without: every group needs a column in one of its roles.
   */
  kindNeeds: Record<Kind, Role[][]>;
  /**
   * How each value type is read and kept, in plain language.
   */
  valueTypeLabels: Record<ValueType, string>;
  /**
   * How dates are written (the `dateOrder` option's values), with examples.
   */
  timeFormatLabels: Record<TimeFormat, string>;
  /**
   * Decimal marks (the `decimalMark` option's values), with examples.
   */
  decimalMarkLabels: Record<DecimalMark, string>;
  /**
   * RFM segments' names for people.
   */
  rfmSegmentLabels: Record<RfmSegment, string>;
  /**
   * Engagement tiers' names for people.
   */
  engagementLabels: Record<Engagement, string>;
  /**
   * Roles several columns may have (the others go to one column at most).
   */
  sharedRoles: Array<Role>;
  /**
   * What a column in each role holds, in plain language (for role pickers).
   */
  roleLabels: Record<Role, string>;
  /**
   * Which definition each variant is, in plain language (where a figure names its variant).
   */
  variantLabels: Record<Variant, string>;
  /**
   * Why values were rejected, in plain language (`rejected[].code`).
   */
  rejectionLabels: Record<RejectionCode, string>;
  /**
   * What happened to rejected values or rows, in plain language (`rejected[].fate`).
   */
  fateLabels: Record<Fate, string>;
  /**
   * What each warning is about, in plain language (`warnings[].code`).
   */
  warningLabels: Record<WarningCode, string>;
};

/**
 * The figures of reviews or brand mentions: ratings, sentiment and share of voice.
 */
export type VoiceBody = {
  voice: VoiceMetrics;
};

export type VoiceGroup = {
  /**
   * Period, channel or brand ("" for the whole file).
   */
  name: string;
  rows: number;
  /**
   * Mentions: the mentions column summed when there is one, else rows.
   */
  mentions: number;
  /**
   * Σ of the searches column (null without one).
   */
  searches: number | null;
  /**
   * Reviews only.
   */
  ratings?: RatingSummary;
  /**
   * Null when the file has no text column.
   */
  sentiment: SentimentSummary | null;
};

export type VoiceMetrics = {
  overall: VoiceGroup;
  periods: Array<VoiceGroup>;
  byChannel: Array<VoiceGroup>;
  /**
   * Per brand (when the file names brands): overall and per period.
   */
  shareOfVoice: Array<ShareOfVoice>;
  /**
   * The `brand` option's share of voice over the whole file.
   */
  ourShareOfVoice: Rate | null;
  /**
   * Good-rating share, mean rating, positive share and mean sentiment, each period against
   * the previous one; each brand's share of voice likewise ("brand: period").
   */
  changes: Array<MetricComparison>;
  /**
   * The same figures of each channel (source) against the rest of the channels, Holm-adjusted.
   */
  segmentChanges: Array<MetricComparison>;
  definition: Definition;
};

/**
 * Options (`voice: {...}` in AnalyzeOptions).
 */
export type VoiceOptions = {
  /**
   * Our brand, as written in the brand column: its share of voice is the headline.
   */
  brand?: string;
  /**
   * Lowest rating counted as good (default: the top two points of the scale, 4 on 1–5).
   */
  goodRatingMin?: number;
};

/**
 * A non-fatal finding about the input or the computation (e.g. "decoded as Windows-1252").
 */
export type Warning = {
  code: WarningCode;
  message: string;
};

/**
 * Code of a non-fatal finding in `warnings[]`.
 */
export type WarningCode = 
  | "IGNORED_COLUMN"
  | "OPTION_CAPPED"
  | "UNTERMINATED_QUOTE"
  | "STRAY_QUOTE"
  | "TEXT_AFTER_QUOTE"
  | "DECODED_AS_WINDOWS_1252"
  | "INVALID_UTF16"
  | "DUPLICATE_HEADER"
  | "CES_SCALE_ASSUMED"
  | "NO_ROWS"
  | "DUPLICATE_EVENTS"
  | "TIMES_BEFORE_CREATION"
  | "SEGMENT_VALUES_LIMITED"
  | "CHANNEL_WEIGHT_MISSING"
  | "CHANNEL_WEIGHT_UNUSED"
  | "CLV_FEW_CUSTOMERS"
  | "CLV_NO_REPEAT_PURCHASES"
  | "CLV_FIT_DEGENERATE"
  | "CLV_SPEND_FIT_DEGENERATE";

/**
 * First day of the week for weekly periods (ISO 8601: Monday).
 */
export type WeekStart = "monday" | "sunday";

export type WeekdayProfile = {
  weekdays: Array<WeekdayRow>;
  definition: Definition;
};

export type WeekdayRow = {
  /**
   * "Monday" … "Sunday" (ISO order, Monday first, whatever the week start).
   */
  weekday: string;
  /**
   * Dates of this weekday from the first to the last day of the data.
   */
  days: number;
  rows: number;
  /**
   * rows / days.
   */
  perDay: number | null;
  /**
   * 100 × rows / all rows.
   */
  share: number | null;
  /**
   * perDay / the mean of the seven perDay values (1 = an average day).
   */
  index: number | null;
};

/**
 * What weights each channel's CSAT.
 */
export type Weighting = "rowShare" | "suppliedInteractions";

/** The report of a file of kind `survey`. */
export type SurveyReport = Extract<Report, { kind: "survey" }>;

/** The report of a file of kind `events`. */
export type EventsReport = Extract<Report, { kind: "events" }>;

/** The report of a file of kind `transactions`. */
export type TransactionsReport = Extract<Report, { kind: "transactions" }>;

/** The report of a file of kind `tickets`. */
export type TicketsReport = Extract<Report, { kind: "tickets" }>;

/** The report of a file of kind `campaigns`. */
export type CampaignsReport = Extract<Report, { kind: "campaigns" }>;

/** The report of a file of kind `social`. */
export type SocialReport = Extract<Report, { kind: "social" }>;

/** The report of a file of kind `reviews`. */
export type ReviewsReport = Extract<Report, { kind: "reviews" }>;

/** The report of a file of kind `mentions`. */
export type MentionsReport = Extract<Report, { kind: "mentions" }>;

/** The report of a file of kind `scans`. */
export type ScansReport = Extract<Report, { kind: "scans" }>;

/** The report of reviews or of brand mentions (the same figures). */
export type VoiceReport = ReviewsReport | MentionsReport;
