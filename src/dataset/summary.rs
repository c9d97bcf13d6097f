//! What a dataset holds once ingested: rows kept and skipped, each stored column's counts and
//! range, and the memory it takes.

use serde::Serialize;

use crate::dataset::table::{Table, Values, NO_TIME};
use crate::period::rfc3339;
use crate::vocab::{Role, ValueType};

/// One typed column of an ingested table.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StoredColumn {
    pub header: String,
    pub role: Role,
    pub value_type: ValueType,
    /// Kept rows without a usable value in this column.
    pub missing: u64,
    /// Distinct values (ids and categories).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub distinct: Option<u64>,
    /// Smallest and largest value (times as RFC 3339 UTC, numbers as numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub min: Option<Extreme>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max: Option<Extreme>,
    /// Category columns: the values with their rows, most rows first (ties by value), at most 50
    /// ([`VALUES_LISTED`]); counted over every row read, before the `filter` option and before
    /// rows are skipped, so that a filter can be offered and taken back. Blank cells are not
    /// listed (`missing`). Absent when the column has more than `maxSegmentValues` values.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub values: Option<Vec<ValueRows>>,
    /// Distinct values beyond the ones listed in `values` (0 when all are listed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub more_values: Option<u64>,
}

/// Most values listed per column in `dataset.columns[].values`.
pub const VALUES_LISTED: usize = 50;

/// One value of a category column and the rows that have it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueRows {
    pub value: String,
    pub rows: u64,
}

/// The smallest or largest value of a column: a time as RFC 3339 UTC text, or a number.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum Extreme {
    Number(f64),
    Text(String),
}

/// What an ingested table holds and what it costs in memory.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DatasetSummary {
    /// Data rows kept in the table.
    pub rows_kept: u64,
    /// Data rows left out (see `rejected` for why).
    pub rows_skipped: u64,
    /// Data rows left out by the `filter` option (neither kept nor skipped: as if they were
    /// not in the file). Rows read = kept + skipped + filtered.
    pub rows_filtered: u64,
    pub columns: Vec<StoredColumn>,
    /// Bytes stored per kept row across the typed columns (ids 4, times and numbers 8).
    pub bytes_per_row: u64,
    /// Approximate memory held by the table, dictionaries included.
    pub memory_bytes: u64,
}

/// The stored columns of a table, with their counts and ranges.
pub fn summarize(table: &Table, skipped: u64) -> DatasetSummary {
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let (distinct, min, max) = match &c.values {
                Values::Codes { dict, .. } => (Some(dict.len() as u64), None, None),
                Values::Times(v) => {
                    let present = v.iter().copied().filter(|t| *t != NO_TIME);
                    let (lo, hi) =
                        present.fold((None, None), |(lo, hi): (Option<i64>, Option<i64>), t| {
                            (
                                Some(lo.map_or(t, |l| l.min(t))),
                                Some(hi.map_or(t, |h| h.max(t))),
                            )
                        });
                    let text = |t: Option<i64>| t.map(|t| Extreme::Text(rfc3339(t)));
                    (None, text(lo), text(hi))
                }
                Values::Numbers(v) => {
                    let present = v.iter().copied().filter(|x| !x.is_nan());
                    let (lo, hi) =
                        present.fold((None, None), |(lo, hi): (Option<f64>, Option<f64>), x| {
                            (
                                Some(lo.map_or(x, |l| l.min(x))),
                                Some(hi.map_or(x, |h| h.max(x))),
                            )
                        });
                    let num = |x: Option<f64>| x.filter(|v| v.is_finite()).map(Extreme::Number);
                    (None, num(lo), num(hi))
                }
            };
            StoredColumn {
                header: c.header.clone(),
                role: c.role,
                value_type: c.role.value_type(),
                missing: c.missing,
                distinct,
                min,
                max,
                values: None,
                more_values: None,
            }
        })
        .collect();
    DatasetSummary {
        rows_kept: table.rows as u64,
        rows_skipped: skipped,
        rows_filtered: 0,
        columns,
        bytes_per_row: table.bytes_per_row() as u64,
        memory_bytes: table.heap_bytes() as u64,
    }
}
