//! Report structs: what `analyze` returns, serialised as camelCase JSON. The TypeScript contract
//! for these lives in `src/wasm/ts.rs` and is documented in docs/REPORT.md.

use serde::Serialize;

use crate::dataset::survey::{ChannelWeightedCsat, PeriodMetrics, SegmentBreakdown, SurveyMetrics};
use crate::error::{Rejection, Warning};
use crate::ingest::decode::Encoding;
use crate::ingest::infer::Role;
use crate::ingest::time::TimeFormat;
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
    pub bytes: u64,
    /// Data rows (the header excluded).
    pub rows: u64,
    pub encoding: Encoding,
    /// Records that were not valid UTF-8 and were read as Windows-1252.
    pub windows1252_rows: u64,
    pub delimiter: String,
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
    /// Always "survey".
    pub kind: &'static str,
    pub engine: EngineInfo,
    pub options: EffectiveOptions,
    pub input: InputSummary,
    pub columns: Vec<ColumnInfo>,
    /// First and last response time (RFC 3339, UTC), when there is a timestamp column.
    pub first_response: Option<String>,
    pub last_response: Option<String>,
    pub overall: SurveyMetrics,
    /// One entry per period that has rows, in time order.
    pub periods: Vec<PeriodMetrics>,
    pub segments: Vec<SegmentBreakdown>,
    /// CSAT weighted by channel share of interactions, next to the pooled CSAT.
    pub channel_csat: Option<ChannelWeightedCsat>,
    /// Values and rows that could not be used, by reason and column, with examples.
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// A report of any kind (tagged by `kind`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Report {
    Survey(Box<SurveyReport>),
}
