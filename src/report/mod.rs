//! The report: one shape for every kind. A report is the shared head (how the file was read and
//! understood), `dataset` (what ingestion kept), the kind's own figures, `signals` (trend flags
//! and target gaps), `rejected` and `warnings`, tagged by `kind`. Serialised as camelCase JSON;
//! the TypeScript types are generated from these structs (see `src/wasm/`) and documented in
//! docs/REPORT.md.

pub mod json;

use serde::Serialize;

pub use crate::dataset::summary::{DatasetSummary, Extreme, StoredColumn};
use crate::error::{Rejection, Warning};
use crate::ingest::decode::Encoding;
use crate::ingest::time::TimeFormat;
use crate::ingest::value::DecimalMark;
use crate::ingest::Format;
use crate::metrics::signals::Signals;
use crate::metrics::survey::channels::ChannelWeightedCsat;
use crate::metrics::survey::groups::{PeriodMetrics, SegmentBreakdown, SurveyMetrics};
use crate::period::{Granularity, WeekStart};
use crate::vocab::{Kind, Role, ValueType};

/// Name and version of the engine that produced a report.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EngineInfo {
    pub name: &'static str,
    pub version: &'static str,
}

pub const ENGINE: EngineInfo = EngineInfo {
    name: "engagement-metrics",
    version: env!("CARGO_PKG_VERSION"),
};

/// What was read.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct InputSummary {
    pub format: Format,
    pub bytes: u64,
    /// Data rows (the header excluded).
    pub rows: u64,
    pub encoding: Encoding,
    /// Records that were not valid UTF-8 and were read as Windows-1252.
    pub windows1252_rows: u64,
    /// Field delimiter of delimited text (`null` for JSON and xlsx).
    pub delimiter: Option<String>,
    pub header: Vec<String>,
    /// The first rows as read (strings exactly as in the file), for display and checking.
    pub preview: Vec<Vec<String>>,
}

/// Whether a column's role was given or detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum ColumnSource {
    /// Given by the `columns`, `segments` or `ignore` option.
    Mapped,
    /// Inferred from the header and the sampled values.
    Detected,
}

/// A column of the file and what it was used for.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    pub index: usize,
    pub header: String,
    pub role: Role,
    /// How the values are kept: id / category (interned), time, amount, count, score, none.
    pub value_type: ValueType,
    /// 1 for an explicit mapping; otherwise how sure the detection is (0–1).
    pub confidence: f64,
    pub source: ColumnSource,
    pub reason: String,
    /// Answer scale of a score column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scale: Option<crate::dataset::scores::Scale>,
    /// Format of a timestamp column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub time_format: Option<TimeFormat>,
    /// Decimal mark of an amount or count column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub decimal_mark: Option<DecimalMark>,
}

/// Whether the dataset kind was given or detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum KindSource {
    /// Set by the `kind` option.
    Option,
    /// Inferred from the roles of the columns.
    Detected,
}

/// How the dataset kind was chosen.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct KindChoice {
    pub source: KindSource,
    pub reason: String,
}

/// The inferred schema of a file: what `inspect` returns, for the user to confirm.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// The kind, or null when no kind fits the columns found (see `problem`).
    #[ts(type = "Kind | null")]
    pub kind: Option<Kind>,
    pub kind_choice: KindChoice,
    /// Why the file cannot be analysed as detected (no kind fits, a kind's columns are missing,
    /// dates whose order cannot be told): the columns are still given, as far as they were
    /// recognised, so a person can name the missing roles or options and analyse. Null when
    /// the schema is complete.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<SchemaProblem>,
    pub input: InputSummary,
    pub columns: Vec<ColumnInfo>,
    /// Rows the inference looked at.
    pub rows_sampled: u64,
    pub warnings: Vec<Warning>,
}

/// What keeps an inspected file from being analysed as detected.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SchemaProblem {
    /// The error `analyze` gives for this file with these options.
    pub code: crate::error::ErrorCode,
    pub message: String,
    /// The header of the column the problem is in, when it is one column's.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

/// The options in force, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveOptions {
    pub timezone: String,
    pub granularity: Granularity,
    pub week_start: WeekStart,
    pub confidence: f64,
    /// Partial periods tested and flagged like the others.
    pub include_partial_periods: bool,
    /// The `filter` option as given (null without one).
    pub filter: Option<crate::options::filter::AnalyzeFilter>,
}

/// The part every report starts with (after `kind`): what was read and how it was understood.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportHead {
    pub kind_choice: KindChoice,
    pub engine: EngineInfo,
    pub options: EffectiveOptions,
    pub input: InputSummary,
    pub columns: Vec<ColumnInfo>,
    /// The first and last periods when the data cover them only in part; left out of
    /// period-over-period tests and trend flags unless `includePartialPeriods`.
    pub partial_periods: Vec<crate::period::PartialPeriod>,
    /// Rows per weekday when the data span at least two weeks (null otherwise).
    pub weekday_profile: Option<crate::metrics::weekdays::WeekdayProfile>,
}

/// A report of one kind: the shared parts around the kind's own figures (`body`).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct KindReport<B> {
    #[serde(flatten)]
    pub head: ReportHead,
    /// What ingestion kept.
    pub dataset: DatasetSummary,
    #[serde(flatten)]
    pub body: B,
    /// Trend flags of the kind's headline figures and the gaps to the user's targets.
    pub signals: Signals,
    /// Values and rows that could not be used, by reason and column, with examples.
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

impl<B> std::ops::Deref for KindReport<B> {
    type Target = B;
    /// The kind's own figures: `report.overall`, `report.events`, `report.revenue`…
    fn deref(&self) -> &B {
        &self.body
    }
}

impl<B> std::ops::DerefMut for KindReport<B> {
    fn deref_mut(&mut self) -> &mut B {
        &mut self.body
    }
}

pub type SurveyReport = KindReport<SurveyBody>;
pub type EventsReport = KindReport<EventsBody>;
pub type TransactionsReport = KindReport<TransactionsBody>;
pub type TicketsReport = KindReport<TicketsBody>;
pub type CampaignsReport = KindReport<CampaignsBody>;
pub type SocialReport = KindReport<SocialBody>;
/// Reviews and mentions.
pub type VoiceReport = KindReport<VoiceBody>;
pub type ScansReport = KindReport<ScansBody>;

/// The figures of a survey file.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyBody {
    /// First and last response time (RFC 3339, UTC), when there is a timestamp column.
    pub first_response: Option<String>,
    pub last_response: Option<String>,
    pub overall: SurveyMetrics,
    /// One entry per period that has rows, in time order.
    pub periods: Vec<PeriodMetrics>,
    pub segments: Vec<SegmentBreakdown>,
    /// CSAT weighted by channel share of interactions, next to the pooled CSAT.
    pub channel_csat: Option<ChannelWeightedCsat>,
    /// Period over period and segment vs the rest, with p-values.
    pub comparisons: crate::metrics::compare::SurveyComparisons,
    /// Response rate per period of the invitation time (with an invitation-date column).
    pub response_periods: Vec<crate::metrics::survey::groups::ResponsePeriod>,
}

/// The figures of an event log.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventsBody {
    pub events: crate::metrics::events::EventsMetrics,
}

/// The figures of a transactions file.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TransactionsBody {
    /// Customers and revenue per period.
    pub revenue: crate::metrics::revenue::RevenueReport,
    pub rfm: crate::metrics::rfm::Rfm,
    /// Formula and historical CLV from the pooled period figures.
    pub lifetime_value: crate::metrics::lifetime_value::LifetimeValue,
    /// With the `clv` option: the fitted models, the holdout check and the CLV distribution.
    pub clv: Option<crate::metrics::clv::predict::PredictiveClv>,
}

/// The figures of a help-desk or call export.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TicketsBody {
    pub support: crate::metrics::support::SupportMetrics,
}

/// The figures of an email / ad campaign export.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignsBody {
    pub campaigns: crate::metrics::campaigns::CampaignMetrics,
}

/// The figures of social media posts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialBody {
    pub social: crate::metrics::social::SocialMetrics,
}

/// The figures of reviews or brand mentions: ratings, sentiment and share of voice.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VoiceBody {
    pub voice: crate::metrics::voice::VoiceMetrics,
}

/// The figures of QR-code or card scans: counts by device, location and period.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ScansBody {
    pub scans: crate::metrics::scans::ScanMetrics,
}

/// A report of any kind, tagged by `kind` (one variant per [`Kind`], same name).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Report {
    Survey(Box<SurveyReport>),
    Events(Box<EventsReport>),
    Transactions(Box<TransactionsReport>),
    Tickets(Box<TicketsReport>),
    Campaigns(Box<CampaignsReport>),
    Social(Box<SocialReport>),
    Reviews(Box<VoiceReport>),
    Mentions(Box<VoiceReport>),
    Scans(Box<ScansReport>),
}

/// The shared parts of a report of any kind, whatever its body.
pub struct Shared<'a> {
    pub head: &'a ReportHead,
    pub dataset: &'a DatasetSummary,
    pub signals: &'a Signals,
    pub rejected: &'a [Rejection],
    pub warnings: &'a [Warning],
}

impl Report {
    pub fn kind(&self) -> Kind {
        match self {
            Report::Survey(_) => Kind::Survey,
            Report::Events(_) => Kind::Events,
            Report::Transactions(_) => Kind::Transactions,
            Report::Tickets(_) => Kind::Tickets,
            Report::Campaigns(_) => Kind::Campaigns,
            Report::Social(_) => Kind::Social,
            Report::Reviews(_) => Kind::Reviews,
            Report::Mentions(_) => Kind::Mentions,
            Report::Scans(_) => Kind::Scans,
        }
    }

    /// The head, dataset, signals, rejections and warnings, which every kind has.
    pub fn shared(&self) -> Shared<'_> {
        fn of<B>(r: &KindReport<B>) -> Shared<'_> {
            Shared {
                head: &r.head,
                dataset: &r.dataset,
                signals: &r.signals,
                rejected: &r.rejected,
                warnings: &r.warnings,
            }
        }
        match self {
            Report::Survey(r) => of(r),
            Report::Events(r) => of(r),
            Report::Transactions(r) => of(r),
            Report::Tickets(r) => of(r),
            Report::Campaigns(r) => of(r),
            Report::Social(r) => of(r),
            Report::Reviews(r) | Report::Mentions(r) => of(r),
            Report::Scans(r) => of(r),
        }
    }
}
