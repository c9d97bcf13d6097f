//! Options of `analyze` / `Analyzer`, as given from JavaScript or the CLI (camelCase; an unknown
//! or misspelt option is an error, not silently ignored).

pub mod checks;
pub mod filter;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::ingest::time::TimeFormat;
use crate::ingest::value::DecimalMark;
use crate::ingest::{Format, ReaderOptions};
use crate::metrics::survey::{check_confidence, CesOptions, CsatOptions, NpsOptions};
use crate::period::{Granularity, ReportTz, WeekStart};
use crate::vocab::{Kind, Role};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct AnalyzeOptions {
    /// Dataset kind: "auto" (default: detected from the columns) or one of the kinds.
    #[ts(optional, type = "Kind | \"auto\"")]
    pub kind: Option<String>,
    /// Report time zone: "UTC" (default), an offset "+02:00", or an IANA name "Europe/Paris".
    pub timezone: Option<String>,
    /// Period of the series: "day", "week", "month" (default), "quarter", "year".
    #[ts(as = "Option<Granularity>")]
    pub granularity: Option<String>,
    /// "monday" (ISO, default) or "sunday".
    #[ts(as = "Option<WeekStart>")]
    pub week_start: Option<String>,
    /// Confidence level of every interval (default 0.95).
    pub confidence: Option<f64>,
    /// How medians, p90s and skewed means get their intervals (seeded bootstrap by default).
    pub intervals: Option<crate::stats::IntervalOptions>,
    /// Field delimiter (",", ";", "\t", "|"); detected when absent.
    pub delimiter: Option<String>,
    /// Input format: "csv", "json", "ndjson" or "xlsx"; detected from the first bytes when absent.
    #[ts(as = "Option<Format>")]
    pub format: Option<String>,
    /// Worksheet of an .xlsx file (default: the first).
    pub sheet: Option<String>,
    /// Delimited text: a quote that is never closed is read as a literal character, and the
    /// lines after it as ordinary records (default false: RFC 4180 reading, in which it takes
    /// the rest of the file into one field). Either way an `UNTERMINATED_QUOTE` warning says
    /// where it opened.
    pub lenient_quotes: Option<bool>,
    /// Decimal mark of amounts: "dot" (`1,234.5`) or "comma" (`1.234,5`); detected per column
    /// when absent.
    #[ts(as = "Option<DecimalMark>")]
    pub decimal_mark: Option<String>,
    /// How slash dates are written when the data cannot tell: "dmy" or "mdy" (also "iso",
    /// "unix", "unixMillis" to force a timestamp format).
    #[ts(as = "Option<TimeFormat>")]
    pub date_order: Option<String>,
    /// Explicit column mapping, role → header: { nps, csat, ces, timestamp, channel }.
    #[ts(as = "Option<BTreeMap<Role, String>>")]
    pub columns: Option<BTreeMap<String, String>>,
    /// Headers of the columns to break metrics down by (replaces detected segments).
    pub segments: Option<Vec<String>>,
    /// Headers of columns to leave out (no role is detected for them).
    pub ignore: Option<Vec<String>>,
    pub nps: Option<NpsOptions>,
    pub csat: Option<CsatOptions>,
    pub ces: Option<CesOptions>,
    /// Transactions: a customer is lost after this many periods without a purchase (default 1).
    pub lost_after_periods: Option<u32>,
    /// Transactions: include the per-customer RFM table in the report (default false).
    pub rfm_customers: Option<bool>,
    /// Survey: targets (NPS points, CSAT %, CES on its scale); the report gives the gaps.
    pub benchmarks: Option<crate::metrics::signals::Benchmarks>,
    /// Social: whether saves count as engagements.
    pub social: Option<crate::metrics::social::SocialOptions>,
    /// Reviews and mentions: our brand, the good-rating threshold.
    pub voice: Option<crate::metrics::voice::VoiceOptions>,
    /// Tickets: handle-time unit and the satisfied CSAT threshold.
    pub support: Option<crate::metrics::support::SupportOptions>,
    /// Transactions: formula CLV inputs and the contractual retention projection.
    pub lifetime_value: Option<crate::metrics::lifetime_value::LifetimeValueOptions>,
    /// Transactions: fit BG/NBD + Gamma-Gamma and report predictive CLV (off when absent).
    pub clv: Option<crate::metrics::clv::predict::ClvOptions>,
    /// Events metrics: sessions, bounce rules, funnel, activation, retention, presets.
    pub events: Option<crate::metrics::events::options::EventsOptions>,
    /// Interaction counts per channel for the channel-weighted CSAT (default: each channel's
    /// share of the file's rows).
    pub channel_weights: Option<BTreeMap<String, f64>>,
    /// Longest field accepted (bytes, default 16 MiB).
    pub max_field_bytes: Option<usize>,
    /// Most columns accepted (default 10,000).
    pub max_columns: Option<usize>,
    /// Largest .xlsx file accepted, in bytes (default 256 MiB; a workbook is read whole).
    pub max_spreadsheet_bytes: Option<usize>,
    /// Most distinct ids (users, customers, orders, sessions…) kept per id column (default 5,000,000).
    pub max_distinct_ids: Option<usize>,
    /// Most distinct values kept per segment column; the rest are grouped as "(other)" (default 1,000).
    pub max_segment_values: Option<usize>,
    /// Rows of the file echoed in `input.preview` (default 20, at most 1,000).
    pub preview_rows: Option<usize>,
    /// Test and flag partial periods too (the first or last period the data cover only in
    /// part). Default false: they are reported, marked in `partialPeriods`, and left out of
    /// period-over-period tests and trend flags.
    pub include_partial_periods: Option<bool>,
    /// Survey invitations sent, for the response rate (responses / invitations) of a file
    /// without an invitation-date column.
    pub invitations: Option<u64>,
    /// Keep only some rows, as if the others were not in the file: a date range
    /// (`from`, `to`, inclusive, in the report time zone) and values of any columns
    /// (`segments: { header: [values] }`). `dataset.rowsFiltered` counts the rows left out.
    pub filter: Option<filter::AnalyzeFilter>,
}

/// Options checked and defaulted.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub tz: ReportTz,
    pub granularity: Granularity,
    pub week_start: WeekStart,
    pub confidence: f64,
    /// Level and bootstrap settings of the intervals.
    pub intervals: crate::stats::Bootstrap,
    pub time_format: Option<TimeFormat>,
    pub kind: Option<Kind>,
    pub decimal_mark: Option<DecimalMark>,
    pub reader: ReaderOptions,
    pub max_distinct_ids: usize,
    pub lost_after_periods: u32,
    pub events: crate::metrics::events::options::EventsSettings,
    pub max_segment_values: usize,
    pub preview_rows: usize,
    /// The `filter` option checked (its headers are checked when the header is read).
    pub filter: Option<filter::ResolvedFilter>,
    /// Options clamped to their caps, said in the report.
    pub warnings: Vec<crate::error::Warning>,
}

impl AnalyzeOptions {
    pub fn resolve(&self) -> Result<Resolved> {
        let warnings = checks::check(self)?;
        let tz = ReportTz::parse(self.timezone.as_deref().unwrap_or("UTC"))?;
        let granularity = match &self.granularity {
            Some(g) => Granularity::parse_option(g)?,
            None => Granularity::Month,
        };
        let week_start = match self
            .week_start
            .as_deref()
            .map(|s| s.trim().to_ascii_lowercase())
        {
            None => WeekStart::Monday,
            Some(s) => WeekStart::parse(&s).ok_or_else(|| {
                Error::option(
                    "weekStart",
                    format!("`{s}` is not one of {}", WeekStart::names()),
                )
            })?,
        };
        if let Some(b) = &self.benchmarks {
            b.check()?;
        }
        let confidence = check_confidence(self.confidence.unwrap_or(0.95))?;
        let time_format = match &self.date_order {
            None => None,
            Some(s) => Some(TimeFormat::parse_option(s).ok_or_else(|| {
                Error::option(
                    "dateOrder",
                    format!("`{s}` is not one of {}", TimeFormat::names()),
                )
            })?),
        };
        let delimiter = match self.delimiter.as_deref() {
            None => None,
            Some("\\t") | Some("tab") => Some(b'\t'),
            Some(s) if s.len() == 1 && s.is_ascii() && !matches!(s, "\"" | "\n" | "\r") => {
                Some(s.as_bytes()[0])
            }
            Some(s) => {
                return Err(Error::option(
                    "delimiter",
                    format!("`{s}` is not a single ASCII character"),
                ))
            }
        };
        let defaults = ReaderOptions::default();
        let positive = |name: &str, v: Option<usize>, d: usize| -> Result<usize> {
            match v {
                Some(0) => Err(Error::option(name, "must be at least 1")),
                Some(v) => Ok(v),
                None => Ok(d),
            }
        };
        let kind = parse_kind(self.kind.as_deref())?;
        let format = match &self.format {
            None => None,
            Some(s) => Some(Format::parse_option(s).ok_or_else(|| {
                Error::option("format", format!("`{s}` is not one of {}", Format::names()))
            })?),
        };
        let decimal_mark = match self.decimal_mark.as_deref().map(str::trim) {
            None => None,
            Some("dot" | ".") => Some(DecimalMark::Dot),
            Some("comma" | ",") => Some(DecimalMark::Comma),
            Some(s) => {
                return Err(Error::option(
                    "decimalMark",
                    format!("`{s}` is not one of {}", DecimalMark::names()),
                ))
            }
        };
        Ok(Resolved {
            tz,
            granularity,
            week_start,
            confidence,
            intervals: crate::stats::Bootstrap::from_options(confidence, self.intervals.as_ref())?,

            time_format,
            kind,
            decimal_mark,
            max_distinct_ids: positive("maxDistinctIds", self.max_distinct_ids, 5_000_000)?,
            events: self.events.clone().unwrap_or_default().resolve()?,
            lost_after_periods: match self.lost_after_periods {
                Some(0) => return Err(Error::option("lostAfterPeriods", "must be at least 1")),
                Some(k) => k,
                None => 1,
            },
            reader: ReaderOptions {
                delimiter,
                format,
                sheet: self.sheet.clone(),
                lenient_quotes: self.lenient_quotes.unwrap_or(false),
                max_spreadsheet_bytes: positive(
                    "maxSpreadsheetBytes",
                    self.max_spreadsheet_bytes,
                    defaults.max_spreadsheet_bytes,
                )?,
                max_field_bytes: positive(
                    "maxFieldBytes",
                    self.max_field_bytes,
                    defaults.max_field_bytes,
                )?,
                max_columns: positive("maxColumns", self.max_columns, defaults.max_columns)?,
            },
            max_segment_values: positive("maxSegmentValues", self.max_segment_values, 1000)?,
            preview_rows: self
                .preview_rows
                .unwrap_or(20)
                .min(checks::PREVIEW_ROWS_CAP),
            filter: match &self.filter {
                Some(f) => Some(f.resolve(&tz)?),
                None => None,
            },
            warnings,
        })
    }
}

/// Parses the `kind` option: `None` for "auto" (or absent).
fn parse_kind(s: Option<&str>) -> Result<Option<Kind>> {
    let s = s.unwrap_or("auto").trim().to_ascii_lowercase();
    if s == "auto" {
        return Ok(None);
    }
    Kind::parse(&s).map(Some).ok_or_else(|| {
        Error::option(
            "kind",
            format!("`{s}` is not a kind; kinds: {}, auto", Kind::names()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        assert_eq!(parse_kind(None).unwrap(), None);
        assert_eq!(parse_kind(Some("Events")).unwrap(), Some(Kind::Events));
        assert_eq!(parse_kind(Some("social")).unwrap(), Some(Kind::Social));
        let e = parse_kind(Some("tweets")).unwrap_err();
        assert_eq!(e.code(), "INVALID_OPTION");
        assert!(e.to_string().contains("scans, auto"));
    }
}
