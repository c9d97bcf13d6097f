//! Report structs: what `analyze` returns, serialised as camelCase JSON. The TypeScript contract
//! for these lives in `src/wasm/ts.rs` and is documented in docs/REPORT.md.

pub mod json;

use serde::Serialize;

use crate::dataset::survey::{ChannelWeightedCsat, PeriodMetrics, SegmentBreakdown, SurveyMetrics};
use crate::error::{Rejection, Warning};
use crate::ingest::decode::Encoding;
use crate::ingest::infer::{Role, ValueType};
use crate::ingest::time::TimeFormat;
use crate::ingest::value::DecimalMark;
use crate::ingest::Format;
use crate::kind::Kind;
use crate::period::{Granularity, WeekStart};

/// Name and version of the engine that produced a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// A column of the file and what it was used for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    pub index: usize,
    pub header: String,
    pub role: Role,
    /// How the values are kept: id / category (interned), time, amount, count, score, none.
    pub value_type: ValueType,
    /// 1 for an explicit mapping; otherwise how sure the detection is (0–1).
    pub confidence: f64,
    /// "mapped" or "detected".
    pub source: &'static str,
    pub reason: String,
    /// Answer scale of a score column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<crate::metrics::survey::Scale>,
    /// Format of a timestamp column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_format: Option<TimeFormat>,
    /// Decimal mark of an amount or count column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimal_mark: Option<DecimalMark>,
}

/// How the dataset kind was chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindChoice {
    /// "option" (the `kind` option) or "detected".
    pub source: &'static str,
    pub reason: String,
}

/// The part every report starts with: what was read and how it was understood.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportHead {
    pub kind: Kind,
    pub kind_choice: KindChoice,
    pub engine: EngineInfo,
    pub options: EffectiveOptions,
    pub input: InputSummary,
    pub columns: Vec<ColumnInfo>,
}

/// The options in force, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveOptions {
    pub timezone: String,
    pub granularity: Granularity,
    pub week_start: WeekStart,
    pub confidence: f64,
}

/// Report of a survey file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyReport {
    #[serde(flatten)]
    pub head: ReportHead,
    /// First and last response time (RFC 3339, UTC), when there is a timestamp column.
    pub first_response: Option<String>,
    pub last_response: Option<String>,
    pub overall: SurveyMetrics,
    /// One entry per period that has rows, in time order.
    pub periods: Vec<PeriodMetrics>,
    pub segments: Vec<SegmentBreakdown>,
    /// CSAT weighted by channel share of interactions, next to the pooled CSAT.
    pub channel_csat: Option<ChannelWeightedCsat>,
    /// Period over period and segment vs the rest, with p-values; trend flags; benchmarks.
    pub comparisons: crate::metrics::compare::SurveyComparisons,
    /// Values and rows that could not be used, by reason and column, with examples.
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// One typed column of an ingested table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredColumn {
    pub header: String,
    pub role: Role,
    pub value_type: ValueType,
    /// Kept rows without a usable value in this column.
    pub missing: u64,
    /// Distinct values (ids and categories).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distinct: Option<u64>,
    /// Smallest and largest value (times as RFC 3339 UTC, numbers as numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<serde_json::Value>,
}

/// What an ingested table holds and what it costs in memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetSummary {
    /// Data rows kept in the table.
    pub rows_kept: u64,
    /// Data rows left out (see `rejected` for why).
    pub rows_skipped: u64,
    pub columns: Vec<StoredColumn>,
    /// Bytes stored per kept row across the typed columns (ids 4, times and numbers 8).
    pub bytes_per_row: u64,
    /// Approximate memory held by the table, dictionaries included.
    pub memory_bytes: u64,
}

/// The ingest part every row-per-fact report shares (head, what was stored, rejected rows,
/// warnings), for code that only needs that part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of an event log: the ingest summary and the product-engagement metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventsReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub events: crate::metrics::events::EventsMetrics,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of a transactions file: the ingest summary and customers & revenue per period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionsReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub revenue: crate::metrics::revenue::RevenueReport,
    pub rfm: crate::metrics::rfm::Rfm,
    /// Formula and historical CLV from the pooled period figures.
    pub lifetime_value: crate::metrics::lifetime_value::LifetimeValue,
    /// With the `clv` option: the fitted models, the holdout check and the CLV distribution.
    pub clv: Option<crate::metrics::clv::predict::PredictiveClv>,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of a help-desk or call export: the ingest summary and the support metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketsReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub support: crate::metrics::support::SupportMetrics,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of an email / ad campaign export: the ingest summary and the campaign metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignsReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub campaigns: crate::metrics::campaigns::CampaignMetrics,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of social media posts: the ingest summary and engagement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocialReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub social: crate::metrics::social::SocialMetrics,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of reviews or brand mentions: ratings, sentiment and share of voice.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoiceReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub voice: crate::metrics::voice::VoiceMetrics,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Report of QR-code or card scans: counts by device, location and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScansReport {
    #[serde(flatten)]
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub scans: crate::metrics::scans::ScanMetrics,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// A report of any kind (tagged by `kind`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Report {
    Survey(Box<SurveyReport>),
    Events(Box<EventsReport>),
    Transactions(Box<TransactionsReport>),
    Tickets(Box<TicketsReport>),
    Campaigns(Box<CampaignsReport>),
    Social(Box<SocialReport>),
    /// Reviews and mentions.
    Voice(Box<VoiceReport>),
    Scans(Box<ScansReport>),
}

impl Report {
    /// What was ingested, for the row-per-fact kinds (surveys keep no table).
    pub fn dataset(&self) -> Option<&DatasetSummary> {
        match self {
            Report::Survey(_) => None,
            Report::Events(r) => Some(&r.dataset),
            Report::Transactions(r) => Some(&r.dataset),
            Report::Tickets(r) => Some(&r.dataset),
            Report::Campaigns(r) => Some(&r.dataset),
            Report::Social(r) => Some(&r.dataset),
            Report::Voice(r) => Some(&r.dataset),
            Report::Scans(r) => Some(&r.dataset),
        }
    }

    pub fn head(&self) -> &ReportHead {
        match self {
            Report::Survey(r) => &r.head,
            Report::Events(r) => &r.head,
            Report::Transactions(r) => &r.head,
            Report::Tickets(r) => &r.head,
            Report::Campaigns(r) => &r.head,
            Report::Social(r) => &r.head,
            Report::Voice(r) => &r.head,
            Report::Scans(r) => &r.head,
        }
    }
}
