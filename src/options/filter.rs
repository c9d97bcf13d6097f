//! The `filter` option: a date range and values of any columns. Rows it leaves out are as if
//! they were not in the file (not rejected, not warned about); `dataset.rowsFiltered` counts
//! them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::time::{parse_timestamp, TimeFormat};
use crate::period::ReportTz;

/// `{ from?, to?, segments?: { header: [values] } }`: keep the rows whose time is in
/// `from … to` (inclusive; a date `YYYY-MM-DD` is the whole local day) and whose value in each
/// named column is one of its listed values (several columns: all must match; values of one
/// column: any may match).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct AnalyzeFilter {
    /// First day (`YYYY-MM-DD`, from its local midnight) or instant (a full timestamp) kept,
    /// read in the report time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`, the whole local day) or instant kept, read in the report time
    /// zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Header → the values kept (trimmed, exactly as the breakdowns show them; `""` keeps
    /// blank cells). Any column of the file, not only the breakdowns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<BTreeMap<String, Vec<String>>>,
}

/// The filter's time range in epoch seconds: `from <= t < until`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeRange {
    pub from: Option<i64>,
    pub until: Option<i64>,
}

impl TimeRange {
    pub fn contains(&self, t: i64) -> bool {
        self.from.is_none_or(|f| t >= f) && self.until.is_none_or(|u| t < u)
    }
}

/// The filter checked: its time range (none without `from` and `to`) and its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedFilter {
    pub time: Option<TimeRange>,
    /// (header as given, values kept), in header order.
    pub segments: Vec<(String, Vec<String>)>,
}

/// A bound: a date is its local midnight (for `to`, the next day's), a timestamp its instant
/// (for `to`, the next second, so that the instant itself is kept).
fn bound(name: &str, s: &str, tz: &ReportTz, end: bool) -> Result<i64> {
    let t = s.trim();
    if t.len() == 10 {
        if let Some(day) = crate::period::parse_day(t) {
            let day = day + i64::from(end);
            let local = crate::period::date_of_day(day).and_time(chrono::NaiveTime::MIN);
            return Ok(tz.local_to_epoch(local));
        }
    }
    match parse_timestamp(t, TimeFormat::Iso, tz) {
        Some(x) if t.len() > 10 => Ok(x + i64::from(end)),
        _ => Err(Error::option(
            name,
            format!(
                "`{}` is not a date YYYY-MM-DD or a timestamp like 2024-03-01T08:00:00 (read in the report time zone unless it has an offset)",
                crate::error::truncate(t, 60)
            ),
        )),
    }
}

impl AnalyzeFilter {
    /// Checks the bounds (read in `tz`) and the value lists; the headers are checked against
    /// the file's header when it is read.
    pub fn resolve(&self, tz: &ReportTz) -> Result<ResolvedFilter> {
        let from = match &self.from {
            Some(s) => Some(bound("filter.from", s, tz, false)?),
            None => None,
        };
        let until = match &self.to {
            Some(s) => Some(bound("filter.to", s, tz, true)?),
            None => None,
        };
        if let (Some(f), Some(u)) = (from, until) {
            if f >= u {
                return Err(Error::option(
                    "filter.from",
                    format!(
                        "`{}` is after filter.to `{}`",
                        self.from.as_deref().unwrap_or("").trim(),
                        self.to.as_deref().unwrap_or("").trim()
                    ),
                ));
            }
        }
        let mut segments = Vec::new();
        for (header, values) in self.segments.iter().flatten() {
            if header.trim().is_empty() {
                return Err(Error::option("filter.segments", "a header is empty"));
            }
            if values.is_empty() {
                return Err(Error::option(
                    &format!("filter.segments.{header}"),
                    "lists no values: give at least one value to keep, or leave the column out",
                ));
            }
            let mut values: Vec<String> = values.iter().map(|v| v.trim().to_string()).collect();
            values.sort();
            values.dedup();
            segments.push((header.clone(), values));
        }
        Ok(ResolvedFilter {
            time: (from.is_some() || until.is_some()).then_some(TimeRange { from, until }),
            segments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(from: Option<&str>, to: Option<&str>) -> AnalyzeFilter {
        AnalyzeFilter {
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            segments: None,
        }
    }

    #[test]
    fn bounds() {
        // 2024-03-01T00:00:00Z is 1709251200; a date `to` ends at the next local midnight.
        let r = filter(Some("2024-03-01"), Some("2024-03-01"))
            .resolve(&ReportTz::Utc)
            .unwrap();
        let t = r.time.unwrap();
        assert_eq!(
            (t.from, t.until),
            (Some(1_709_251_200), Some(1_709_337_600))
        );
        // In +02:00 the day starts two hours earlier in UTC.
        let tz = ReportTz::parse("+02:00").unwrap();
        let t = filter(Some("2024-03-01"), None).resolve(&tz).unwrap().time;
        assert_eq!(t.unwrap().from, Some(1_709_251_200 - 7200));
        // A timestamp `to` keeps its own second.
        let t = filter(None, Some("2024-03-01T00:00:00Z"))
            .resolve(&ReportTz::Utc)
            .unwrap()
            .time
            .unwrap();
        assert!(t.contains(1_709_251_200) && !t.contains(1_709_251_201));
        let e = filter(Some("2024-03-02"), Some("2024-03-01"))
            .resolve(&ReportTz::Utc)
            .unwrap_err();
        assert_eq!(e.code(), crate::vocab::ErrorCode::InvalidOption);
        assert!(e.to_string().contains("is after filter.to"), "{e}");
        let e = filter(Some("March"), None)
            .resolve(&ReportTz::Utc)
            .unwrap_err();
        assert!(e.to_string().contains("filter.from"), "{e}");
        assert_eq!(
            filter(None, None).resolve(&ReportTz::Utc).unwrap().time,
            None
        );
    }
}
