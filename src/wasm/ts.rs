//! The TypeScript contract of the package: every type that crosses the boundary as a plain
//! object. It mirrors the serde structs of the core; `tests/js/types.test.mjs` compiles a real
//! report against it with `tsc`, so a field added on one side only fails the tests.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_CONTRACT: &'static str = r#"
/** A two-sided confidence interval, in the unit of the figure it belongs to. */
export interface Interval { low: number; high: number; level: number; method: "wilson" | "t" | "normal" | "wald" | "logRatio" | "welch" | "orderStatistic" | "bootstrap" | "deltaRatio"; }

/** How a figure was computed: metric, variant, formula and parameters. */
export interface Definition {
  metric: string;
  variant: string;
  formula: string;
  /** "points" (−100..100), "percent" (0..100), "score" (on the answer scale), "ratio" (0..1), "users" or "seconds". */
  unit: "points" | "percent" | "score" | "ratio" | "users" | "seconds" | "currency";
  params: Record<string, number | string>;
}

/** One reported number; `value` is null (with `unavailableReason`) when undefined, never NaN. */
export interface Figure {
  value: number | null;
  unavailableReason?: string;
  n: number;
  interval: Interval | null;
  smallSample: boolean;
  definition: Definition;
}

export interface ScoreCount { score: number; count: number; percent: number | null; }
export interface Scale { min: number; max: number; }

export interface NpsResult {
  /** −100..100; null when there are no responses. */
  score: number | null;
  unavailableReason?: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  promotersPercent: number | null;
  passivesPercent: number | null;
  detractorsPercent: number | null;
  /** Half-width of the 95% (or chosen) interval, in points. */
  marginOfError: number | null;
  interval: Interval | null;
  smallSample: boolean;
  /** Answers per score 0–10; null when computed from group counts. */
  distribution: ScoreCount[] | null;
  definition: Definition;
}

export type CsatVariant = "topBox" | "mean" | "meanPercent" | "net" | "netWithNeutral";

export interface CsatResult {
  score: number | null;
  unavailableReason?: string;
  variant: CsatVariant;
  interval: Interval | null;
  responses: number;
  satisfied: number;
  dissatisfied: number;
  mean: number | null;
  smallSample: boolean;
  distribution: ScoreCount[];
  variants: { topBox: Figure; mean: Figure; meanPercent: Figure; net: Figure; netWithNeutral: Figure };
  definition: Definition;
}

export type CesDirection = "higherIsEasier" | "lowerIsEasier";

export interface CesResult {
  /** Mean answer (CES 2.0 standard). */
  score: number | null;
  unavailableReason?: string;
  interval: Interval | null;
  responses: number;
  easy: number;
  easyPercent: number | null;
  direction: CesDirection;
  smallSample: boolean;
  distribution: ScoreCount[];
  variants: { mean: Figure; easyPercent: Figure };
  definition: Definition;
}

export interface ConfidenceOptions { /** Default 0.95. */ confidence?: number; }
export interface NpsCounts { promoters: number; passives: number; detractors: number; }
export interface NpsOptions extends ConfidenceOptions {
  /** Explicit map from another scale's answers to 0–10, e.g. { "1": 0, "5": 10 }. */
  scoreMap?: Record<string, number>;
}
export interface CsatOptions extends ConfidenceOptions {
  /** Default { min: 1, max: 5 }. */
  scale?: Scale;
  /** Lowest satisfied answer (default: top two points). */
  satisfiedMin?: number;
  /** Highest dissatisfied answer (default: bottom two points). */
  dissatisfiedMax?: number;
  /** Headline variant (default "topBox"); all variants are always reported. */
  variant?: CsatVariant;
}
export interface CesOptions extends ConfidenceOptions {
  /** Default { min: 1, max: 7 } (CES 2.0). */
  scale?: Scale;
  direction?: CesDirection;
  easyThreshold?: number;
}

/** Role names accepted in a column mapping (`ignore` = leave the column out). */
export type ColumnRole = Role | "ignore";
export type Kind = "survey" | "events" | "transactions" | "tickets" | "campaigns" | "social" | "reviews" | "mentions" | "scans";
export type InputFormat = "csv" | "json" | "ndjson" | "xlsx";
export type DecimalMark = "dot" | "comma";

export interface IntervalOptions {
  /** "bootstrap" (default) or "orderStatistic" (exact binomial interval of medians). */
  quantiles?: "bootstrap" | "orderStatistic";
  /** Bootstrap resamples, 100 to 100,000 (default 2,000). */
  resamples?: number;
  /** Bootstrap seed (default 1): the same seed gives the same intervals. */
  seed?: number;
}
export interface AnalyzeOptions {
  /** "auto" (default) detects the kind from the columns. */
  kind?: Kind | "auto";
  /** "UTC" (default), "+02:00", or an IANA name like "Europe/Paris". */
  timezone?: string;
  granularity?: Granularity;
  weekStart?: WeekStart;
  confidence?: number;
  /** Intervals of medians, p90s and skewed means (seeded bootstrap by default). */
  intervals?: IntervalOptions;
  /** ",", ";", "\t", "|"; detected when absent. */
  delimiter?: string;
  /** Detected from the first bytes when absent ("tsv" and "jsonl" are accepted aliases). */
  format?: InputFormat | "tsv" | "jsonl";
  /** Worksheet of an .xlsx file (default: the first). */
  sheet?: string;
  /** Decimal mark of amounts; detected per column when absent. */
  decimalMark?: DecimalMark;
  dateOrder?: "dmy" | "mdy" | "iso" | "unix" | "unixMillis";
  /** Explicit mapping, role → header name. */
  columns?: Partial<Record<ColumnRole, string>>;
  /** Headers of the columns to break metrics down by. */
  segments?: string[];
  /** Headers of columns to leave out (no role is detected for them). */
  ignore?: string[];
  nps?: NpsOptions;
  events?: EventsOptions;
  /** Transactions: a customer is lost after this many periods without a purchase (default 1). */
  lostAfterPeriods?: number;
  /** Transactions: include the per-customer RFM table (`rfm.customers`). */
  rfmCustomers?: boolean;
  /** Transactions: fit BG/NBD + Gamma-Gamma and report predictive CLV. */
  clv?: ClvOptions;
  /** Transactions: formula CLV inputs and the contractual retention projection. */
  lifetimeValue?: LifetimeValueOptions;
  /** Tickets: handle-time unit, satisfied CSAT threshold. */
  support?: SupportOptions;
  /** Social: saves as engagements. */
  social?: SocialOptions;
  /** Survey: targets whose gaps the report gives. */
  benchmarks?: Benchmarks;
  /** Reviews and mentions: our brand, the good-rating threshold. */
  voice?: VoiceOptions;
  csat?: CsatOptions;
  ces?: CesOptions;
  /** Interaction counts per channel for the channel-weighted CSAT. */
  channelWeights?: Record<string, number>;
  maxFieldBytes?: number;
  maxColumns?: number;
  /** Largest .xlsx accepted in bytes (default 256 MiB; a workbook is read whole). */
  maxSpreadsheetBytes?: number;
  /** Most distinct ids or labels per column (default 5,000,000). */
  maxDistinctIds?: number;
  maxSegmentValues?: number;
  previewRows?: number;
}

export interface Progress { bytes: number; rows: number; }
export type Encoding = "utf8" | "utf8Bom" | "utf16Le" | "utf16Be";
export type Role =
  | "nps" | "csat" | "ces" | "timestamp" | "channel" | "segment"
  | "id" | "text" | "ignored" | "userId" | "eventName" | "sessionId"
  | "page" | "amount" | "orderId" | "product" | "quantity" | "ticketId"
  | "status" | "agent" | "priority" | "resolvedAt" | "firstResponseAt" | "campaign"
  | "sent" | "delivered" | "opens" | "clicks" | "conversions" | "unsubscribes"
  | "bounces" | "impressions" | "spend" | "handleTime" | "contacts" | "firstContactResolved"
  | "reopens" | "uniqueOpens" | "uniqueClicks" | "rating" | "likes" | "comments" | "shares"
  | "saves" | "followers" | "reach" | "brand" | "mentions" | "searches" | "device" | "location";
/** How a column's values are kept: interned ids / labels (u32), epoch seconds (i64), numbers (f64). */
export type ValueType = "id" | "category" | "time" | "amount" | "count" | "score" | "sentiment" | "none";
export type TimeFormat = "iso" | "mdy" | "dmy" | "unixSeconds" | "unixMillis";
export type Granularity = "day" | "week" | "month" | "quarter" | "year";
export type WeekStart = "monday" | "sunday";

export interface InputSummary {
  format: InputFormat;
  bytes: number;
  rows: number;
  encoding: Encoding;
  windows1252Rows: number;
  /** Field delimiter of delimited text; null for JSON and xlsx. */
  delimiter: string | null;
  header: string[];
  preview: string[][];
}
export interface ColumnInfo {
  index: number;
  header: string;
  role: Role;
  valueType: ValueType;
  confidence: number;
  source: "mapped" | "detected";
  reason: string;
  scale?: Scale;
  timeFormat?: TimeFormat;
  decimalMark?: DecimalMark;
}
export interface KindChoice { source: "option" | "detected"; reason: string; }
/** What `inspect` returns: the schema inferred from the first rows, for confirmation. */
export interface Schema {
  kind: Kind;
  kindChoice: KindChoice;
  input: InputSummary;
  columns: ColumnInfo[];
  rowsSampled: number;
  warnings: Warning[];
}
export interface EffectiveOptions { timezone: string; granularity: Granularity; weekStart: WeekStart; confidence: number; }
export interface AnswerCounts { metric: "nps" | "csat" | "ces"; column: string; answered: number; blank: number; rejected: number; }
export interface SurveyMetrics {
  rows: number;
  nps: NpsResult | null;
  csat: CsatResult | null;
  ces: CesResult | null;
  answers: AnswerCounts[];
  /** Sentiment of the comment column (VADER), null without one. */
  comments: SentimentSummary | null;
}
export interface PeriodMetrics { period: string; start: string; end: string; metrics: SurveyMetrics; }
export interface SegmentGroup { value: string; metrics: SurveyMetrics; }
export interface SegmentBreakdown { column: string; role: "channel" | "segment"; groups: SegmentGroup[]; }
export interface ChannelCsat {
  channel: string;
  rows: number;
  responses: number;
  csat: number | null;
  interactions: number | null;
  weight: number | null;
}
export interface ChannelWeightedCsat {
  value: number | null;
  unavailableReason?: string;
  interval: Interval | null;
  pooled: number | null;
  weighting: "rowShare" | "suppliedInteractions";
  column: string;
  smallSample: boolean;
  channels: ChannelCsat[];
  definition: Definition;
}
export interface Warning { code: string; message: string; }
export interface ValueExample { row: number; column: string; value: string; reason: string; }
export type Fate = "rowSkipped" | "valueIgnored" | "excludedFromPeriods";
export interface Rejection { code: string; column: string; count: number; fate: Fate; examples: ValueExample[]; }
export interface EngineInfo { name: string; version: string; }

/** The part every report starts with. */
export interface ReportHead {
  dataset: DatasetSummary;
  /** Trend flags of the kind's headline figures and the gaps to the targets. */
  signals: Signals;
  kindChoice: KindChoice;
  engine: EngineInfo;
  options: EffectiveOptions;
  input: InputSummary;
  columns: ColumnInfo[];
}

export interface SurveyReport extends ReportHead {
  kind: "survey";
  firstResponse: string | null;
  lastResponse: string | null;
  overall: SurveyMetrics;
  periods: PeriodMetrics[];
  segments: SegmentBreakdown[];
  channelCsat: ChannelWeightedCsat | null;
  /** Period over period and segment vs the rest, with p-values; trend flags; benchmark gaps. */
  comparisons: SurveyComparisons;
  rejected: Rejection[];
  warnings: Warning[];
}
export interface MetricComparison {
  metric: "nps" | "csat" | "ces";
  baseline: string;
  group: string;
  comparison: Comparison | null;
  adjustedPValue: number | null;
  significant: boolean;
}
export interface SegmentComparisons { column: string; correction: "holm"; comparisons: MetricComparison[]; }
/** Metrics that take a benchmark target. */
export type BenchmarkMetric = "nps" | "csat" | "ces" | "churnRate" | "retentionRate" | "repeatPurchaseRate" | "averageOrderValue" | "arpu" | "firstContactResolution" | "reopenRate" | "deliveryRate" | "openRate" | "clickThroughRate" | "clickToOpenRate" | "conversionRate" | "unsubscribeRate" | "bounceRate" | "activationRate" | "engagementRate" | "engagementRateByImpressions" | "engagementRateByReach" | "averageRating" | "goodRatingShare" | "sentimentScore" | "shareOfVoice";
export interface TrendFlag { period: string; metric: BenchmarkMetric | "sessionEngagementRate" | "sessionConversionRate"; value: number; median: number; mad: number; robustZ: number; direction: "up" | "down"; }
export interface BenchmarkGap { metric: BenchmarkMetric; target: number; value: number | null; gap: number | null; }
export interface SurveyComparisons {
  confidence: number;
  periodOverPeriod: MetricComparison[];
  segments: SegmentComparisons[];
  definition: Definition;
}
/** Targets for the survey metrics (NPS points, CSAT percent, CES on its scale). */
/** Targets: NPS in points, shares and rates in percent (0–100), CES and ratings on their scale, the sentiment score on −1…1, money in the file's currency. */
export type Benchmarks = { [K in BenchmarkMetric]?: number };
/** Trend flags of a kind's headline figures per period and the gaps to the targets. */
export interface Signals { trendFlags: TrendFlag[]; benchmarks: BenchmarkGap[]; }

export interface StoredColumn {
  header: string;
  role: Role;
  valueType: ValueType;
  missing: number;
  distinct?: number;
  /** Times as RFC 3339 UTC text, numbers as numbers. */
  min?: string | number;
  max?: string | number;
}
export interface DatasetSummary {
  rowsKept: number;
  rowsSkipped: number;
  columns: StoredColumn[];
  bytesPerRow: number;
  memoryBytes: number;
}
export interface SocialOptions { /** Count saves as engagements (default false). */ includeSaves?: boolean; }
export interface SocialTotals {
  posts: number; likes: number | null; comments: number | null; shares: number | null; saves: number | null;
  engagements: number; impressions: number | null; reach: number | null;
}
/** Engagement rates in percent. */
export interface EngagementRates { byFollowers: Rate; byImpressions: Rate; byReach: Rate; }
export interface SocialGroup {
  name: string;
  totals: SocialTotals;
  engagementRate: EngagementRates;
  followersEnd: number | null;
  followerGrowth?: Rate | null;
}
export interface PostRate { post: number; time: string | null; channel: string | null; engagements: number; engagementRate: EngagementRates; }
export interface SocialMetrics {
  overall: SocialGroup; periods: SocialGroup[]; byChannel: SocialGroup[]; topPosts: PostRate[];
  /** Each engagement rate, each period against the previous (delta-method z-test, points). */
  changes: RateChange[];
  /** Each channel against the rest of the channels, Holm-adjusted. */
  segmentChanges: RateChange[];
  definition: Definition;
}
export interface SocialReport extends ReportHead {
  kind: "social";
  dataset: DatasetSummary;
  social: SocialMetrics;
  rejected: Rejection[];
  warnings: Warning[];
}
export interface VoiceOptions {
  /** Our brand as written in the brand column (its share of voice is the headline). */
  brand?: string;
  /** Lowest good rating (default: top two points of the scale). */
  goodRatingMin?: number;
}
export interface SentimentSummary {
  texts: number; positive: number; neutral: number; negative: number;
  /** (positive − negative) / texts, −1 … 1. */
  score: number | null;
  meanCompound: number | null;
}
/** One text's VADER scores. */
export interface TextSentiment { compound: number; pos: number; neu: number; neg: number; label: "positive" | "neutral" | "negative"; }
export interface RatingSummary { ratings: number; mean: number | null; goodShare: Rate; distribution: [number, number][]; }
export interface VoiceGroup {
  name: string;
  rows: number;
  mentions: number;
  searches: number | null;
  ratings?: RatingSummary;
  sentiment: SentimentSummary | null;
}
export interface BrandShare { brand: string; mentions: number; shareOfVoice: Rate; searches: number | null; shareOfSearch: Rate | null; }
export interface ShareOfVoice { name: string; brands: BrandShare[]; }
export interface VoiceMetrics {
  overall: VoiceGroup;
  periods: VoiceGroup[];
  byChannel: VoiceGroup[];
  shareOfVoice: ShareOfVoice[];
  ourShareOfVoice: Rate | null;
  /** Good-rating share, mean rating, positive share, mean sentiment and each brand's share of voice ("brand: period"), each period against the previous. */
  changes: RateChange[];
  /** The same of each channel against the rest, Holm-adjusted. */
  segmentChanges: RateChange[];
  definition: Definition;
}
/** Report of reviews or brand mentions. */
export interface VoiceReport extends ReportHead {
  kind: "reviews" | "mentions";
  dataset: DatasetSummary;
  voice: VoiceMetrics;
  rejected: Rejection[];
  warnings: Warning[];
}
export interface ScanCount { name: string; scans: number; share: Rate; }
export interface ScanMetrics {
  scans: number;
  uniqueScanners: number | null;
  byDevice: ScanCount[];
  byLocation: ScanCount[];
  periods: ScanCount[];
  definition: Definition;
}
export interface ScansReport extends ReportHead {
  kind: "scans";
  dataset: DatasetSummary;
  scans: ScanMetrics;
  rejected: Rejection[];
  warnings: Warning[];
}
/** A rate kept with its parts; null (with the reason) when the denominator is 0 or missing. */
export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
  unavailableReason?: string;
  /** Wilson interval for shares of whole counts; delta-method interval for ratios of sums over posts. */
  interval?: Interval;
  /** Fewer than 30 in the denominator. */
  smallSample?: boolean;
}
/** Durations in seconds. */
export interface Durations {
  n: number;
  mean: number | null;
  /** t interval of the mean. */
  meanInterval: Interval | null;
  median: number | null;
  /** Seeded bootstrap interval of the median (order statistic by option). */
  medianInterval: Interval | null;
  p90: number | null;
  p90Interval: Interval | null;
  smallSample: boolean;
}
export interface SupportGroup {
  /** Period label, channel or agent ("" for the whole file). */
  name: string;
  tickets: number;
  resolved: number;
  firstContactResolution: Rate;
  reopenRate: Rate;
  handleTime: Durations;
  firstResponseTime: Durations;
  resolutionTime: Durations;
  csat: Rate;
  csatMean: number | null;
}
export interface SupportMetrics {
  overall: SupportGroup;
  customers: number | null;
  ticketsPerCustomer: Rate;
  periods: SupportGroup[];
  byChannel: SupportGroup[];
  byAgent: SupportGroup[];
  inconsistentTimes: number;
  /** FCR, reopen rate and CSAT share, each period against the previous. */
  changes: RateChange[];
  /** FCR and CSAT share of each channel and agent against the rest (Holm per breakdown). */
  segmentChanges: RateChange[];
  definition: Definition;
}
/** A figure compared with the previous period or with the rest of its breakdown. */
export interface RateChange { metric: string; baseline: string; group: string; comparison: Comparison | null; adjustedPValue: number | null; significant: boolean; }
export interface SupportOptions {
  /** seconds | minutes | hours (default: from the column header, else seconds). */
  handleTimeUnit?: string;
  /** Lowest satisfied CSAT answer (default 4). */
  csatSatisfiedMin?: number;
}
/** Report of a help-desk or call export. */
export interface TicketsReport extends ReportHead {
  kind: "tickets";
  dataset: DatasetSummary;
  support: SupportMetrics;
  rejected: Rejection[];
  warnings: Warning[];
}
export interface CampaignTotals {
  sent: number | null; delivered: number | null; opens: number | null; uniqueOpens: number | null;
  clicks: number | null; uniqueClicks: number | null; conversions: number | null; unsubscribes: number | null;
  bounces: number | null; impressions: number | null; revenue: number | null; spend: number | null;
}
export interface CampaignRates {
  deliveryRate: Rate; openRate: Rate; clickThroughRate: Rate; clickToOpenRate: Rate;
  conversionRate: Rate; conversionPerClick: Rate; unsubscribeRate: Rate; bounceRate: Rate;
  revenuePerEmail: Rate; impressionClickThroughRate: Rate; costPerClick: Rate; returnOnAdSpend: Rate;
}
export interface CampaignGroup { name: string; rows: number; totals: CampaignTotals; rates: CampaignRates; }
export interface CampaignMetrics {
  overall: CampaignGroup;
  campaigns: CampaignGroup[];
  periods: CampaignGroup[];
  byChannel: CampaignGroup[];
  /** Open, click-through, conversion and unsubscribe rates, each period against the previous. */
  changes: RateChange[];
  /** Open, click-through and conversion rates of each campaign and channel against the rest (Holm). */
  segmentChanges: RateChange[];
  definition: Definition;
}
/** Report of an email or ad campaign export (rates from summed counts). */
export interface CampaignsReport extends ReportHead {
  kind: "campaigns";
  dataset: DatasetSummary;
  campaigns: CampaignMetrics;
  rejected: Rejection[];
  warnings: Warning[];
}

export type BounceRule = "singleEvent" | "notEngaged" | "singlePageView";
export type RetentionMode = "exact" | "onOrAfter";
/** Options of the events metrics (`events` in AnalyzeOptions). */
export interface EventsOptions {
  /** A tool's conventions; explicit options win. */
  preset?: "ga4" | "posthog" | "mixpanel" | "amplitude";
  /** A gap longer than this starts a new session (default 1800; exactly 1800 does not). */
  sessionTimeoutSeconds?: number;
  maxSessionSeconds?: number;
  splitAtMidnight?: boolean;
  wauDays?: number;
  mauDays?: number;
  bounce?: BounceRule;
  engagedSeconds?: number;
  engagedPageViews?: number;
  keyEvents?: string[];
  pageViewEvents?: string[];
  conversionEvent?: string;
  /** Ordered steps (event names), at least two. */
  funnel?: string[];
  funnelWindowDays?: number;
  signupEvents?: string[];
  activationEvents?: string[];
  activationDays?: number;
  retention?: RetentionMode;
  cohortEvent?: string;
  churnDays?: number;
  keepDuplicates?: boolean;
  /** Compute every metric on the rows whose segment column has this value. */
  filter?: { column: string; value: string };
}

export interface EventsSettings {
  preset: string | null;
  sessionTimeoutSeconds: number;
  maxSessionSeconds: number | null;
  splitAtMidnight: boolean;
  wauDays: number;
  mauDays: number;
  bounce: BounceRule;
  engagedSeconds: number;
  engagedPageViews: number;
  keyEvents: string[];
  pageViewEvents: string[];
  conversionEvent: string | null;
  funnel: string[] | null;
  funnelWindowDays: number;
  signupEvents: string[];
  activationEvents: string[];
  activationDays: number;
  retention: RetentionMode;
  cohortEvent: string | null;
  churnDays: number;
  keepDuplicates: boolean;
  filter: { column: string; value: string } | null;
}
export interface EventsSummary { events: number; users: number; sessions: number; firstEvent: string | null; lastEvent: string | null; days: number; duplicatesRemoved: number; }
export interface DayActivity { date: string; dau: number; wau: number; mau: number; stickiness: number | null; }
export interface PeriodActivity { period: string; activeUsers: number; newUsers: number; events: number; sessions: number; pageViews: number; sessionsPerActiveUser: number | null; }
export interface ActiveDaysDistribution { period: string; activeUsers: number; users: number[]; meanActiveDays: number | null; }
export interface Activity { daily: DayActivity[]; meanDau: number | null; meanStickiness: number | null; periods: PeriodActivity[]; activeDays: ActiveDaysDistribution[]; definition: Definition; }
export interface PageStats { page: string; entries: number; entryBounceRate: number | null; exits: number; }
export interface Bounce { rule: BounceRule; headline: Figure; singleEvent: Figure; notEngaged: Figure; singlePageView: Figure; engagementRate: Figure; }
export interface SessionStats {
  source: "sessionId" | "inactivityGap";
  count: number;
  meanDurationSeconds: number | null;
  meanDurationMultiEventSeconds: number | null;
  medianDurationSeconds: number | null;
  medianDurationInterval: Interval | null;
  eventsPerSession: number | null;
  pageViewsPerSession: number | null;
  sessionsPerUser: number | null;
  bounce: Bounce;
  entryPages: PageStats[];
  definition: Definition;
}
export interface Conversion { event: string; users: Figure; sessions: Figure; }
export interface FunnelStep { event: string; users: number; conversionFromPrevious: number | null; conversionFromFirst: number | null; dropOff: number; dropOffRate: number | null; medianSecondsFromPrevious: number | null; conversionInterval: Interval | null; }
export interface Funnel { steps: FunnelStep[]; overallConversion: number | null; definition: Definition; }
export interface Activation { signupUsers: number; activatedUsers: number; rate: Figure; }
export interface AdoptionPoint { period: string; users: number; shareOfActive: number | null; firstTimeUsers: number; cumulativeUsers: number; cumulativeShare: number | null; }
export interface FeatureUsage { event: string; users: number; events: number; shareOfUsers: number | null; eventsPerUser: number | null; adoption: AdoptionPoint[]; }
export interface Cohort { cohort: string; size: number; exact: number[]; onOrAfter: number[]; exactRate: (number | null)[]; onOrAfterRate: (number | null)[]; exactInterval: (Interval | null)[]; onOrAfterInterval: (Interval | null)[]; }
export interface Retention { granularity: Granularity; cohorts: Cohort[]; unavailableReason?: string; headline: RetentionMode; definition: Definition; }
export interface LifecyclePeriod { period: string; new: number; returning: number; resurrecting: number; dormant: number; }
export interface EventsMetrics {
  settings: EventsSettings;
  summary: EventsSummary;
  activity: Activity;
  sessions: SessionStats;
  conversion: Conversion | null;
  funnel: Funnel | null;
  cartAbandonment: Figure | null;
  activation: Activation | null;
  week1Engagement: Figure;
  features: FeatureUsage[];
  retention: Retention;
  churn: Figure;
  lifecycle: LifecyclePeriod[];
  segments: EventsSegmentBreakdown[];
  sessionPeriods: SessionPeriod[];
  /** Bounce, engagement and session conversion rates, each period against the previous. */
  changes: RateChange[];
  filteredOut: number;
}
/** Sessions starting in one period (percent, with Wilson intervals). */
export interface SessionPeriod { period: string; sessions: number; bounceRate: Figure; engagementRate: Figure; conversionRate: Figure | null; }
export interface EventsSegmentValue { value: string; users: number; events: number; sessions: number; meanSessionSeconds: number | null; bounceRate: number | null; bounceInterval: Interval | null; conversionRate: number | null; conversionInterval: Interval | null; }
export interface EventsSegmentBreakdown { column: string; values: EventsSegmentValue[]; comparisons: RateChange[]; definition: Definition; }
/** Report of an event log: what was ingested and the product-engagement metrics. */
export interface EventsReport extends ReportHead {
  kind: "events";
  dataset: DatasetSummary;
  events: EventsMetrics;
  rejected: Rejection[];
  warnings: Warning[];
}

export interface PeriodRevenue {
  period: string;
  startCustomers: number;
  lostCustomers: number;
  newCustomers: number;
  reactivatedCustomers: number;
  endCustomers: number;
  /** (E − N) / S. */
  retentionRate: number | null;
  endOverStart: number | null;
  churnRate: number | null;
  /** Wilson intervals of the retention and churn rates. */
  retentionInterval: Interval | null;
  churnInterval: Interval | null;
  activeCustomers: number;
  revenue: number;
  refunds: number;
  orders: number;
  arpu: number | null;
  /** t interval of ARPU. */
  arpuInterval: Interval | null;
  averageOrderValue: number | null;
  /** Delta-method interval of AOV over customers. */
  averageOrderValueInterval: Interval | null;
  purchaseFrequency: number | null;
  repeatPurchaseRate: number | null;
  cumulativeRepeatPurchaseRate: number | null;
  revenueChurn: number | null;
  netRevenueRetention: number | null;
  grossRevenueRetention: number | null;
}
export interface RevenueCohort {
  /** Period of the first purchase. */
  cohort: string;
  customers: number;
  /** Per period offset k (0 = the cohort's own period): customers with a purchase. */
  active: number[];
  retention: (number | null)[];
  /** Wilson intervals of the retention cells. */
  retentionInterval: (Interval | null)[];
  /** The cohort's net revenue in period k, and as a share of period 0's. */
  revenue: number[];
  revenueRetention: (number | null)[];
  /** Cumulative net revenue per cohort customer up to period k. */
  valuePerCustomer: number[];
  /** Customers whose last purchase period is k or later (contractual reading). */
  subscribed: number[];
}
export interface SbgFit { alpha: number; beta: number; logLikelihood: number; converged: boolean; }
export interface ProjectedPeriod { offset: number; observed: number | null; survival: number; retentionRate: number | null; }
export interface ContractualRetention {
  model: SbgFit;
  projection: ProjectedPeriod[];
  /** Periods; null when α ≤ 1 (infinite mean). */
  meanLifetime: number | null;
  medianLifetime: number | null;
  definition: Definition;
}
export interface RevenueCohorts {
  cohorts: RevenueCohort[];
  /** Why there are no cohorts (too many periods), if so. */
  unavailableReason?: string;
  contractual: ContractualRetention | null;
  definition: Definition;
}
export interface RevenueReport {
  periods: PeriodRevenue[];
  definition: Definition;
  cohorts: RevenueCohorts;
  /** Retention and repeat purchase rate, each period against the previous. */
  changes: RateChange[];
}
export interface LifetimeValueOptions {
  /** Gross margin, a fraction in (0, 1] (default 1). */
  margin?: number;
  /** Discount rate per period (default 0). */
  discountRate?: number;
  /** Expected lifespan in periods (default 1 / churn rate). */
  lifespanPeriods?: number;
  /** Periods of projected contractual retention (default 12). */
  projectPeriods?: number;
}
export interface LifetimeInputs {
  customers: number;
  revenue: number;
  orders: number;
  averageOrderValue: number | null;
  purchaseFrequency: number | null;
  arpu: number | null;
  churnRate: number | null;
  retentionRate: number | null;
  lifespanPeriods: number | null;
  lifespanSource: "option" | "churn";
  periodsPerYear: number;
  margin: number;
  discountRate: number;
}
export interface ClvVariant {
  variant: "purchaseValue" | "arpuYears" | "marginAdjusted" | "discounted" | "discountedFuture" | "historical";
  value: number | null;
  unavailableReason?: string;
  formula: string;
  /** Historical only: interval of the mean net revenue per customer. */
  interval?: Interval;
}
export interface LifetimeValue { inputs: LifetimeInputs; variants: ClvVariant[]; definition: Definition; }
export type RfmSegment = "champions" | "loyal" | "potentialLoyalists" | "newCustomers" | "needAttention"
  | "aboutToSleep" | "atRisk" | "cantLoseThem" | "hibernating" | "lost";
export interface CustomerRfm { customer: string; recencyDays: number; frequency: number; monetary: number; r: number; f: number; m: number; segment: RfmSegment; }
export interface RfmSegmentSummary {
  segment: RfmSegment;
  engagement: "highlyEngaged" | "engaged" | "atRisk" | "dormant";
  customers: number;
  revenue: number;
  shareOfCustomers: number | null;
  shareOfRevenue: number | null;
}
export interface ClvOptions {
  /** Last day of calibration, YYYY-MM-DD (later purchases are the holdout). */
  calibrationEnd?: string;
  /** End of observation, YYYY-MM-DD (default: the last day of the data). */
  asOf?: string;
  /** Days per model time unit (default 7). */
  unitDays?: number;
  /** CLV horizon in time units (default 52). */
  horizon?: number;
  /** Discount rate per time unit (default 0). */
  discountRate?: number;
  margin?: number;
  /** MBG/NBD instead of BG/NBD. */
  modified?: boolean;
  /** Include the per-customer table (`clv.customerTable`). */
  customers?: boolean;
}
export interface ClvCustomer {
  customer: string;
  /** Repeat purchases, recency and age T in calibration, in time units. */
  frequency: number;
  recency: number;
  t: number;
  meanRepeatValue: number;
  pAlive: number;
  expectedPurchases: number;
  expectedValue: number;
  clv: number;
  holdoutPurchases?: number;
}
export interface BgNbdFit { r: number; alpha: number; a: number; b: number; logLikelihood: number; modified: boolean; converged: boolean; }
export interface GammaGammaFit { p: number; q: number; gamma: number; logLikelihood: number; converged: boolean; }
export interface FrequencyGroup { x: number; customers: number; actual: number; predicted: number; }
export interface Holdout { from: string; to: string; units: number; actual: number; predicted: number; byFrequency: FrequencyGroup[]; }
export interface PredictiveClv {
  unitDays: number;
  calibrationEnd: string;
  asOf: string;
  customers: number;
  purchases: BgNbdFit;
  spend: GammaGammaFit | null;
  holdout: Holdout | null;
  horizon: number;
  discountRate: number;
  margin: number;
  meanClv: number | null;
  /** Over customers, parameters held fixed (bootstrap up to 10,000 customers, t beyond). */
  meanClvInterval: Interval | null;
  totalClv: number | null;
  meanPAlive: number | null;
  /** [lower bound of the bin, customers]. */
  distribution: [number, number][];
  /** Seconds the fits and predictions took. */
  seconds: number | null;
  customerTable?: ClvCustomer[];
  definition: Definition;
}
export interface Rfm { asOf: string; segments: RfmSegmentSummary[]; customers?: CustomerRfm[]; definition: Definition; }
/** Report of a transactions file: what was ingested and customers & revenue per period. */
export interface TransactionsReport extends ReportHead {
  kind: "transactions";
  dataset: DatasetSummary;
  revenue: RevenueReport;
  rfm: Rfm;
  lifetimeValue: LifetimeValue;
  clv: PredictiveClv | null;
  rejected: Rejection[];
  warnings: Warning[];
}

/** A report of any kind, discriminated by `kind`. */
export type Report = SurveyReport | EventsReport | TransactionsReport | TicketsReport | CampaignsReport | SocialReport | VoiceReport | ScansReport;

/** A calculator request: the metric and its inputs (see `calculators()` for labels). */
export type Calculation =
  | { metric: "retentionRate"; start: number; end: number; new: number }
  | { metric: "churnRate"; lost: number; start: number; confidence?: number }
  | { metric: "arpu"; revenue: number; customers: number }
  | { metric: "averageOrderValue"; revenue: number; orders: number }
  | { metric: "purchaseFrequency"; orders: number; customers: number }
  | { metric: "repeatPurchaseRate"; repeatCustomers: number; customers: number; confidence?: number }
  | { metric: "netRevenueRetention"; revenueNow: number; revenueBefore: number }
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
  | { metric: "engagementRate"; engagements: number; followers: number }
  | { metric: "engagementRateByImpressions"; engagements: number; impressions: number }
  | { metric: "shareOfVoice"; ours: number; all: number; confidence?: number }
  | { metric: "goodRatingShare"; good: number; ratings: number; confidence?: number }
  | { metric: "sentimentScore"; positive: number; neutral: number; negative: number }
  | { metric: "npsScore"; promoters: number; passives: number; detractors: number; confidence: number }
  | { metric: "csatScore"; satisfied: number; responses: number; confidence: number }
  | { metric: "meanScore"; mean: number; sd: number; n: number; confidence: number }
  | { metric: "npsDifference"; promotersA: number; passivesA: number; detractorsA: number; promotersB: number; passivesB: number; detractorsB: number; confidence: number }
  | { metric: "abTest"; controlVisitors: number; controlConversions: number; variantVisitors: number; variantConversions: number; confidence: number }
  | { metric: "sampleSize"; baselineRate: number; targetRate: number; power: number; significance: number }
  | { metric: "minimumDetectableEffect"; baselineRate: number; visitorsPerVariant: number; power: number; significance: number }
  | { metric: "welchTest"; meanA: number; sdA: number; nA: number; meanB: number; sdB: number; nB: number; confidence: number }
  | { metric: "followerGrowth"; followersStart: number; followersEnd: number }
  | { metric: "lifespanFromChurn"; churnRate: number }
  | { metric: "clvPurchaseValue"; averageOrderValue: number; purchaseFrequency: number; lifespan: number; margin: number }
  | { metric: "clvArpuYears"; arpuPerYear: number; years: number }
  | { metric: "clvDiscounted"; marginPerPeriod: number; retentionRate: number; discountRate: number }
  | { metric: "clvDiscountedFuture"; marginPerPeriod: number; retentionRate: number; discountRate: number }
  | { metric: "sbgRetention"; alive: number[]; periods: number }
  | { metric: "bgNbdCustomer"; r: number; alpha: number; a: number; b: number; frequency: number; recency: number; t: number; horizon: number };
export type CalculatorMetric = Calculation["metric"];
export interface CalculationResult {
  metric: CalculatorMetric;
  /** null (with `unavailableReason`) when undefined for the inputs, e.g. a zero denominator. */
  value: number | null;
  unavailableReason?: string;
  unit: "ratio" | "currency" | "periods" | "purchases" | "seconds" | "count" | "points";
  formula: string;
  /** Further named results: intervalLow/High, pValue, alpha, beta, logLikelihood, medianLifetime (sBG), pAlive (BG/NBD)… */
  details: Record<string, number>;
  /** Projected survival S(0), S(1), … (sBG). */
  series?: number[];
}
export interface CalculatorInput { name: string; label: string; kind: "number" | "numbers"; example: string; }
export interface CalculatorSpec {
  metric: CalculatorMetric;
  group: string;
  title: string;
  unit: CalculationResult["unit"];
  formula: string;
  inputs: CalculatorInput[];
}

/** A/B test input: the first variant is the control. */
export interface AbVariantCounts { name: string; visitors: number; conversions: number; revenueMean?: number; revenueSd?: number; }
export interface AbInput { variants: AbVariantCounts[]; confidence?: number; }
export interface AbRow { variant: string; converted: boolean; revenue?: number; }
export interface Comparison {
  /** B − A (points × 100 for NPS). */
  difference: number;
  differenceInterval: Interval | null;
  /** B / A − 1. */
  relative: number | null;
  relativeInterval: Interval | null;
  statistic: number;
  df?: number;
  pValue: number;
  test: "twoProportionZ" | "welchT" | "npsZ" | "ratioZ";
}
export interface AbVariantResult { name: string; visitors: number; conversions: number; conversionRate: number | null; interval: Interval | null; smallSample: boolean; revenueMean?: number; }
export interface AbVariantComparison { variant: string; conversion: Comparison | null; adjustedPValue: number | null; significant: boolean; revenue: Comparison | null; verdict: string; }
export interface AbResult {
  control: string;
  confidence: number;
  variants: AbVariantResult[];
  comparisons: AbVariantComparison[];
  correction: "holm" | "none";
  caution: string;
  definition: Definition;
}

export interface BuildInfo { name: string; version: string; gitRevision: string; }

export type ErrorCode =
  | "INVALID_OPTION" | "INVALID_SCORE" | "EMPTY_INPUT" | "NO_HEADER" | "COLUMN_NOT_FOUND"
  | "NO_METRIC_COLUMNS" | "UNKNOWN_TIMEZONE" | "AMBIGUOUS_DATE_ORDER"
  | "LIMIT_EXCEEDED" | "ENCODING" | "UNREADABLE_FILE" | "ALREADY_FINISHED";

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
"#;
