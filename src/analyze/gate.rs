//! Where rows enter the kind's builder: each row's category values are counted (the
//! `dataset.columns[].values` a filter is chosen from), then the `filter` option keeps it or
//! leaves it out. A row left out never reaches the builder, so every figure is the one of the
//! file without that row.

use crate::dataset::summary::{DatasetSummary, ValueRows, VALUES_LISTED};
use crate::dataset::table::Interner;
use crate::ingest::time::{parse_timestamp, TimeFormat};
use crate::ingest::value::is_blank;
use crate::ingest::Record;
use crate::options::filter::TimeRange;
use crate::period::ReportTz;

/// The filter bound to the file's columns.
#[derive(Debug)]
pub struct BoundFilter {
    /// The time range, the column of the rows' time and its format.
    pub time: Option<(TimeRange, usize, TimeFormat)>,
    /// (column, values kept, sorted).
    pub columns: Vec<(usize, Vec<String>)>,
    pub tz: ReportTz,
}

impl BoundFilter {
    /// True when the row is kept: its time is readable and in the range, and each column's
    /// value is one of its list (a blank cell is the value `""`).
    fn keeps(&self, rec: &Record<'_>) -> bool {
        if let Some((range, col, fmt)) = &self.time {
            let raw = rec.get(*col).unwrap_or("");
            let t = if is_blank(raw) {
                None
            } else {
                parse_timestamp(raw, *fmt, &self.tz)
            };
            if !t.is_some_and(|t| range.contains(t)) {
                return false;
            }
        }
        self.columns.iter().all(|(col, values)| {
            let raw = rec.get(*col).unwrap_or("");
            let v = if is_blank(raw) { "" } else { raw.trim() };
            values.binary_search_by(|x| x.as_str().cmp(v)).is_ok()
        })
    }
}

/// Rows per value of one category column, up to a number of distinct values.
#[derive(Debug)]
pub struct ValueCounter {
    header: String,
    column: usize,
    limit: usize,
    dict: Interner,
    rows: Vec<u64>,
    /// More than `limit` distinct values: not listed.
    overflow: bool,
}

impl ValueCounter {
    pub fn new(header: String, column: usize, limit: usize) -> Self {
        ValueCounter {
            header,
            column,
            limit,
            dict: Interner::default(),
            rows: Vec::new(),
            overflow: false,
        }
    }

    #[inline]
    fn observe(&mut self, rec: &Record<'_>) {
        if self.overflow {
            return;
        }
        let raw = rec.get(self.column).unwrap_or("");
        if is_blank(raw) {
            return;
        }
        match self.dict.intern(raw.trim(), self.limit) {
            Some(c) => {
                let c = c as usize;
                if c == self.rows.len() {
                    self.rows.push(0);
                }
                self.rows[c] += 1;
            }
            None => {
                self.overflow = true;
                self.dict = Interner::default();
                self.rows = Vec::new();
            }
        }
    }

    /// Adds the counts of another shard's counter of the same column: past `limit` distinct
    /// values in all, it lists none (as one counter over all the rows would).
    fn merge(&mut self, other: ValueCounter) {
        if self.overflow {
            return;
        }
        if other.overflow {
            *self = other;
            return;
        }
        for (c, &n) in other.rows.iter().enumerate() {
            match self.dict.intern(other.dict.name(c as u32), self.limit) {
                Some(k) => {
                    let k = k as usize;
                    if k == self.rows.len() {
                        self.rows.push(0);
                    }
                    self.rows[k] += n;
                }
                None => {
                    self.overflow = true;
                    self.dict = Interner::default();
                    self.rows = Vec::new();
                    return;
                }
            }
        }
    }

    fn put(&self, w: &mut crate::wire::Writer) {
        w.bool(self.overflow);
        self.dict.put(w);
        w.u64s(&self.rows);
    }

    fn take_into(&mut self, r: &mut crate::wire::Reader) -> crate::error::Result<()> {
        self.overflow = r.bool()?;
        self.dict = Interner::take(r)?;
        self.rows = r.u64s()?;
        r.check(self.rows.len() == self.dict.len(), "value counts")
    }

    /// The listed values (most rows first, ties by value) and how many more there are.
    fn listed(&self) -> Option<(Vec<ValueRows>, u64)> {
        if self.overflow {
            return None;
        }
        let mut all: Vec<(&str, u64)> = (0..self.rows.len())
            .map(|c| (self.dict.name(c as u32), self.rows[c]))
            .collect();
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let more = all.len().saturating_sub(VALUES_LISTED) as u64;
        all.truncate(VALUES_LISTED);
        let values = all
            .into_iter()
            .map(|(value, rows)| ValueRows {
                value: value.to_string(),
                rows,
            })
            .collect();
        Some((values, more))
    }
}

/// The counters and the filter rows pass through.
#[derive(Debug, Default)]
pub struct Gate {
    pub filter: Option<BoundFilter>,
    pub counters: Vec<ValueCounter>,
    /// Rows the filter left out.
    pub filtered: u64,
    /// Rows the filter kept.
    pub passed: u64,
}

impl Gate {
    /// Counts the row's values; true when the filter keeps it.
    #[inline]
    pub fn admit(&mut self, rec: &Record<'_>) -> bool {
        for c in &mut self.counters {
            c.observe(rec);
        }
        let keep = self.filter.as_ref().is_none_or(|f| f.keeps(rec));
        if keep {
            self.passed += 1;
        } else {
            self.filtered += 1;
        }
        keep
    }

    /// Adds the counts of another shard's gate of the same plan.
    pub fn merge(&mut self, other: Gate) {
        for (a, b) in self.counters.iter_mut().zip(other.counters) {
            a.merge(b);
        }
        self.filtered += other.filtered;
        self.passed += other.passed;
    }

    /// The counts, for a partial result sent elsewhere (the filter is the plan's).
    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64(self.filtered);
        w.u64(self.passed);
        self.counters.iter().for_each(|c| c.put(w));
    }

    pub fn take_into(&mut self, r: &mut crate::wire::Reader) -> crate::error::Result<()> {
        self.filtered = r.u64()?;
        self.passed = r.u64()?;
        self.counters.iter_mut().try_for_each(|c| c.take_into(r))
    }

    /// Writes the rows filtered and the columns' values into the dataset summary.
    pub fn describe(&self, dataset: &mut DatasetSummary) {
        dataset.rows_filtered = self.filtered;
        for c in &self.counters {
            let Some(col) = dataset.columns.iter_mut().find(|s| s.header == c.header) else {
                continue;
            };
            if let Some((values, more)) = c.listed() {
                col.values = Some(values);
                col.more_values = Some(more);
            }
        }
    }
}
