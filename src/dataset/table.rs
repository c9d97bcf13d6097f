//! Columnar ingestion for the row-per-fact kinds (events, transactions, tickets, campaigns):
//! each used column becomes a typed vector — interned ids and labels as u32, times as i64 epoch
//! seconds, amounts and counts as f64 — so nothing of the raw text is kept per row.
//!
//! A row lacking a value its kind cannot do without (a user, a time…) is skipped and counted
//! with its reason; an unreadable optional value is set to missing and counted.

use crate::vocab::RejectionCode;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::error::{Error, Fate, Rejections, Result, ValueExample};
use crate::ingest::infer::{Role, ValueType};
use crate::ingest::time::{parse_timestamp, TimeFormat};
use crate::ingest::value::{is_blank, parse_amount, parse_bool, DecimalMark};
use crate::ingest::Record;
use crate::period::ReportTz;

/// Missing id / label.
pub const NO_ID: u32 = u32::MAX;
/// Missing time.
pub const NO_TIME: i64 = i64::MIN;

/// Distinct strings of one column, each given a dense u32 code in order of first appearance.
/// The strings live end to end in one arena (no allocation per value); the hash table holds
/// only codes.
#[derive(Debug, Default)]
pub struct Interner {
    table: HashTable<u32>,
    arena: String,
    ends: Vec<usize>,
    /// Hash of each value, so that growing the table does not rehash the strings.
    hashes: Vec<u64>,
}

fn hash_str(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

impl Interner {
    fn slice(&self, code: u32) -> &str {
        let i = code as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.arena[start..self.ends[i]]
    }

    /// The code of `s`, adding it if new; `None` once `limit` distinct values are held.
    pub fn intern(&mut self, s: &str, limit: usize) -> Option<u32> {
        let h = hash_str(s);
        if let Some(&c) = self.table.find(h, |&c| self.slice(c) == s) {
            return Some(c);
        }
        if self.ends.len() >= limit {
            return None;
        }
        let code = self.ends.len() as u32;
        self.arena.push_str(s);
        self.ends.push(self.arena.len());
        self.hashes.push(h);
        let hashes = &self.hashes;
        self.table.insert_unique(h, code, |&c| hashes[c as usize]);
        Some(code)
    }

    /// The values in code order, for a partial result sent elsewhere.
    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64(self.len() as u64);
        (0..self.len() as u32).for_each(|c| w.str(self.name(c)));
    }

    /// Values written by [`Interner::put`], each given its code again (in the same order).
    pub fn take(r: &mut crate::wire::Reader) -> Result<Interner> {
        let mut d = Interner::default();
        for _ in 0..r.len(8)? {
            let s = r.str()?;
            let fresh = d.len() as u32;
            r.check(d.intern(&s, usize::MAX) == Some(fresh), "a repeated value")?;
        }
        Ok(d)
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.table
            .find(hash_str(s), |&c| self.slice(c) == s)
            .copied()
    }

    pub fn name(&self, code: u32) -> &str {
        if (code as usize) < self.ends.len() {
            self.slice(code)
        } else {
            ""
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Heap bytes held: the arena, the offsets and the table.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.ends.capacity() * 8
            + self.hashes.capacity() * 8
            + self.table.capacity() * 5
    }
}

/// The typed values of one column.
#[derive(Debug)]
pub enum Values {
    Codes { codes: Vec<u32>, dict: Interner },
    Times(Vec<i64>),
    Numbers(Vec<f64>),
}

impl Values {
    fn bytes_per_row(&self) -> usize {
        match self {
            Values::Codes { .. } => 4,
            Values::Times(_) | Values::Numbers(_) => 8,
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Values::Codes { codes, dict } => codes.capacity() * 4 + dict.heap_bytes(),
            Values::Times(v) => v.capacity() * 8,
            Values::Numbers(v) => v.capacity() * 8,
        }
    }
}

/// How one source column is read.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    pub index: usize,
    pub role: Role,
    pub time_format: Option<TimeFormat>,
    pub decimal: DecimalMark,
}

/// One typed column of the table.
#[derive(Debug)]
pub struct TypedColumn {
    pub role: Role,
    pub header: String,
    pub index: usize,
    pub values: Values,
    /// Kept rows where this column had no usable value.
    pub missing: u64,
}

/// Table of the kept rows, column by column.
#[derive(Debug, Default)]
pub struct Table {
    pub columns: Vec<TypedColumn>,
    pub rows: usize,
    /// Each kept row's number in the file, as a spreadsheet shows it, where the kind lists rows
    /// (social posts); empty otherwise (4 bytes a row saved).
    pub source_rows: Vec<u64>,
}

impl Table {
    /// Row indices per label of a category column (each list ascending), the largest group
    /// first, then by label — not by first appearance, so that the same rows in any order list
    /// the same groups in the same order; rows without a label form "(none)". Empty without
    /// the column.
    pub fn groups(&self, role: Role) -> Vec<(String, Vec<usize>)> {
        let Some((codes, dict)) = self.codes(role) else {
            return Vec::new();
        };
        let mut slot: Vec<Option<usize>> = vec![None; dict.len() + 1];
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, &c) in codes.iter().enumerate() {
            let k = if c == NO_ID { dict.len() } else { c as usize };
            let g = *slot[k].get_or_insert_with(|| {
                let name = if c == NO_ID { "(none)" } else { dict.name(c) };
                out.push((name.to_string(), Vec::new()));
                out.len() - 1
            });
            out[g].1.push(i);
        }
        sorted_by(out, &|a, b| {
            b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0))
        })
    }

    /// Row indices per period of the row's time (report time zone), in time order; rows
    /// without a time are in none.
    pub fn period_groups(&self, p: &mut crate::period::Periodizer) -> Vec<(String, Vec<usize>)> {
        let mut per: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
        for (i, &t) in self
            .times(Role::Timestamp)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if t != NO_TIME {
                let day = p.local_day(t);
                per.entry(p.start_of_period_for_day(day))
                    .or_default()
                    .push(i);
            }
        }
        per.into_iter().map(|(s, r)| (p.label(s), r)).collect()
    }

    /// Distinct values of an id or label column (null without the column).
    pub fn distinct(&self, role: Role) -> Option<u64> {
        let (codes, dict) = self.codes(role)?;
        let mut seen = vec![false; dict.len()];
        for &c in codes.iter().filter(|&&c| c != NO_ID) {
            seen[c as usize] = true;
        }
        Some(seen.iter().filter(|&&s| s).count() as u64)
    }

    pub fn column(&self, role: Role) -> Option<&TypedColumn> {
        self.columns.iter().find(|c| c.role == role)
    }

    pub fn times(&self, role: Role) -> Option<&[i64]> {
        match &self.column(role)?.values {
            Values::Times(v) => Some(v),
            _ => None,
        }
    }

    pub fn codes(&self, role: Role) -> Option<(&[u32], &Interner)> {
        match &self.column(role)?.values {
            Values::Codes { codes, dict } => Some((codes, dict)),
            _ => None,
        }
    }

    pub fn numbers(&self, role: Role) -> Option<&[f64]> {
        match &self.column(role)?.values {
            Values::Numbers(v) => Some(v),
            _ => None,
        }
    }

    /// Takes the column of `role` out of the table.
    pub fn take(&mut self, role: Role) -> Option<TypedColumn> {
        let i = self.columns.iter().position(|c| c.role == role)?;
        Some(self.columns.remove(i))
    }

    /// Appends the rows of another shard's table of the same columns. Codes are re-interned by
    /// their strings (each shard numbers its own values); every figure depends only on the set
    /// of rows, never on their order, so the order of the shards does not matter.
    pub fn append(&mut self, other: Table, max_ids: usize) -> Result<()> {
        for (a, b) in self.columns.iter_mut().zip(other.columns) {
            a.missing += b.missing;
            match (&mut a.values, b.values) {
                (
                    Values::Codes { codes, dict },
                    Values::Codes {
                        codes: c2,
                        dict: d2,
                    },
                ) => {
                    let mut map = Vec::with_capacity(d2.len());
                    for k in 0..d2.len() as u32 {
                        map.push(
                            dict.intern(d2.name(k), max_ids)
                                .ok_or(Error::LimitExceeded {
                                    what: "distinct values in one column",
                                    limit: max_ids as u64,
                                    row: 0,
                                    option: "maxDistinctIds",
                                })?,
                        );
                    }
                    codes.extend(
                        c2.iter()
                            .map(|&c| if c == NO_ID { NO_ID } else { map[c as usize] }),
                    );
                }
                (Values::Times(v), Values::Times(w)) => v.extend(w),
                (Values::Numbers(v), Values::Numbers(w)) => v.extend(w),
                _ => {
                    return Err(Error::PartialMismatch {
                        reason: format!("column `{}` is read as another type", a.header),
                    })
                }
            }
        }
        self.rows += other.rows;
        self.source_rows.extend(other.source_rows);
        Ok(())
    }

    /// Bytes stored per kept row across all typed columns.
    pub fn bytes_per_row(&self) -> usize {
        self.columns.iter().map(|c| c.values.bytes_per_row()).sum()
    }

    /// Approximate heap bytes held (vectors' capacity and dictionaries).
    pub fn heap_bytes(&self) -> usize {
        self.columns.iter().map(|c| c.values.heap_bytes()).sum()
    }
}

/// Sorts indices by `names[i]` (an index without a name as ""): lists of customers in id
/// order, whatever the order of the rows.
pub fn sort_by_name(idx: &mut [usize], names: &[String]) {
    let name = |c: usize| names.get(c).map_or("", String::as_str);
    sort_indices(idx, &|a, b| name(a).cmp(name(b)));
}

pub use crate::stats::sort_indices;

/// `items` reordered by a comparison (through `sort_indices`).
pub fn sorted_by<T: Default>(
    mut items: Vec<T>,
    cmp: &dyn Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut idx, &|a, b| cmp(&items[a], &items[b]));
    idx.into_iter()
        .map(|k| std::mem::take(&mut items[k]))
        .collect()
}

/// Rows grouped by a dense code (a counting sort, stable): the rows of code `c` are
/// `order[start[c]..start[c + 1]]`, in file order.
pub fn group_by_code(codes: &[u32], n_codes: usize) -> (Vec<usize>, Vec<u32>) {
    let mut start = vec![0usize; n_codes + 1];
    for &c in codes {
        start[c as usize + 1] += 1;
    }
    for c in 0..n_codes {
        start[c + 1] += start[c];
    }
    let mut next = start.clone();
    let mut order = vec![0u32; codes.len()];
    for (i, &c) in codes.iter().enumerate() {
        order[next[c as usize]] = i as u32;
        next[c as usize] += 1;
    }
    (start, order)
}

/// A parsed field before the row is known to be kept.
#[derive(Debug, Clone, Copy)]
enum Parsed {
    Missing,
    /// A label or id, read from the record when the row is kept.
    Text,
    Time(i64),
    Number(f64),
}

pub struct TableBuilder {
    header: Vec<String>,
    specs: Vec<ColumnSpec>,
    table: Table,
    /// Groups of spec positions; a row is kept when each group has a value.
    required: Vec<Vec<usize>>,
    tz: ReportTz,
    max_ids: usize,
    parsed: Vec<Parsed>,
    invalid: Vec<(usize, RejectionCode, String)>,
    pub rejections: Rejections,
    pub rows_seen: u64,
    pub rows_skipped: u64,
    /// Keep each kept row's number (`Table::source_rows`).
    keep_rows: bool,
}

impl TableBuilder {
    /// Keeps each kept row's number in the file, for kinds that list rows.
    pub fn keep_source_rows(&mut self) {
        self.keep_rows = true;
    }

    /// `required`: groups of roles of which each row needs at least one value.
    pub fn new(
        header: Vec<String>,
        specs: Vec<ColumnSpec>,
        required: &[&[Role]],
        tz: ReportTz,
        max_ids: usize,
    ) -> Self {
        let columns = specs
            .iter()
            .map(|s| TypedColumn {
                role: s.role,
                header: header.get(s.index).cloned().unwrap_or_default(),
                index: s.index,
                values: match s.role.value_type() {
                    ValueType::Id | ValueType::Category => Values::Codes {
                        codes: Vec::new(),
                        dict: Interner::default(),
                    },
                    ValueType::Time => Values::Times(Vec::new()),
                    _ => Values::Numbers(Vec::new()),
                },
                missing: 0,
            })
            .collect();
        let required = required
            .iter()
            .map(|g| {
                specs
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| g.contains(&s.role))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        TableBuilder {
            parsed: vec![Parsed::Missing; specs.len()],
            invalid: Vec::new(),
            header,
            specs,
            table: Table {
                columns,
                rows: 0,
                source_rows: Vec::new(),
            },
            keep_rows: false,
            required,
            tz,
            max_ids,
            rejections: Rejections::default(),
            rows_seen: 0,
            rows_skipped: 0,
        }
    }

    // Lazy: building (and dropping) an `Error` per row shows up in profiles.
    #[allow(clippy::unnecessary_lazy_evaluations)]
    pub fn add(&mut self, rec: &Record<'_>) -> Result<()> {
        self.rows_seen += 1;
        if rec.len() != self.header.len() {
            self.rejections.add(
                RejectionCode::RaggedRow,
                Fate::ValueIgnored,
                ragged_example(rec, self.header.len()),
            );
        }
        // Parse every used field; unreadable ones become missing, with their reason.
        let mut invalid = std::mem::take(&mut self.invalid);
        invalid.clear();
        for (k, spec) in self.specs.iter().enumerate() {
            let raw = rec.get(spec.index).unwrap_or("");
            self.parsed[k] = if is_blank(raw) {
                Parsed::Missing
            } else {
                match parse_field(raw, spec, &self.tz) {
                    Ok(p) => p,
                    Err((code, reason)) => {
                        invalid.push((k, code, reason));
                        Parsed::Missing
                    }
                }
            };
        }
        // A row without a required value is skipped, once, with the first reason.
        let missing_group = self
            .required
            .iter()
            .find(|g| g.iter().all(|&k| matches!(self.parsed[k], Parsed::Missing)));
        if let Some(g) = missing_group {
            let names: Vec<&str> = g.iter().map(|&k| self.specs[k].role.name()).collect();
            let (k, code, reason) = match invalid.iter().find(|(k, _, _)| g.contains(k)) {
                Some((k, code, reason)) => (
                    *k,
                    *code,
                    format!("{reason}; the row needs a {}", names.join(" or ")),
                ),
                None => (
                    g.first().copied().unwrap_or(0),
                    RejectionCode::MissingRequired,
                    format!("no {} in this row", names.join(" or ")),
                ),
            };
            let col = self.specs.get(k).map_or(0, |s| s.index);
            self.reject(rec, col, code, Fate::RowSkipped, reason);
            self.rows_skipped += 1;
            self.invalid = invalid;
            return Ok(());
        }
        for (k, code, reason) in invalid.drain(..) {
            self.reject(rec, self.specs[k].index, code, Fate::ValueIgnored, reason);
        }
        self.invalid = invalid;
        for (k, spec) in self.specs.iter().enumerate() {
            let col = &mut self.table.columns[k];
            let p = self.parsed[k];
            if matches!(p, Parsed::Missing) {
                col.missing += 1;
            }
            match (&mut col.values, p) {
                (Values::Codes { codes, dict }, Parsed::Text) => {
                    let raw = rec.get(spec.index).unwrap_or("").trim();
                    let code =
                        dict.intern(raw, self.max_ids)
                            .ok_or_else(|| Error::LimitExceeded {
                                what: "distinct values in one column",
                                limit: self.max_ids as u64,
                                row: rec.row,
                                option: "maxDistinctIds",
                            })?;
                    codes.push(code);
                }
                (Values::Codes { codes, .. }, _) => codes.push(NO_ID),
                (Values::Times(v), Parsed::Time(t)) => v.push(t),
                (Values::Times(v), _) => v.push(NO_TIME),
                (Values::Numbers(v), Parsed::Number(x)) => v.push(x),
                (Values::Numbers(v), _) => v.push(f64::NAN),
            }
        }
        self.table.rows += 1;
        if self.keep_rows {
            self.table.source_rows.push(rec.row);
        }
        Ok(())
    }

    /// Counts the value of column `col` in `rec` as rejected for `reason`.
    fn reject(
        &mut self,
        rec: &Record<'_>,
        col: usize,
        code: RejectionCode,
        fate: Fate,
        reason: String,
    ) {
        let value = rec.get(col).unwrap_or("");
        let ex = ValueExample::at(&self.header, rec.row, col, value, reason);
        self.rejections.add(code, fate, ex);
    }

    /// An empty builder reading the same columns the same way (a shard of the same plan).
    pub fn empty_like(&self) -> Self {
        TableBuilder {
            header: self.header.clone(),
            specs: self.specs.clone(),
            table: Table {
                columns: self
                    .table
                    .columns
                    .iter()
                    .map(|c| TypedColumn {
                        role: c.role,
                        header: c.header.clone(),
                        index: c.index,
                        values: match c.values {
                            Values::Codes { .. } => Values::Codes {
                                codes: Vec::new(),
                                dict: Interner::default(),
                            },
                            Values::Times(_) => Values::Times(Vec::new()),
                            Values::Numbers(_) => Values::Numbers(Vec::new()),
                        },
                        missing: 0,
                    })
                    .collect(),
                rows: 0,
                source_rows: Vec::new(),
            },
            keep_rows: self.keep_rows,
            required: self.required.clone(),
            tz: self.tz,
            max_ids: self.max_ids,
            parsed: self.parsed.clone(),
            invalid: Vec::new(),
            rejections: Rejections::default(),
            rows_seen: 0,
            rows_skipped: 0,
        }
    }

    /// The kept rows, column by column, and the rejections: a partial result sent elsewhere.
    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64(self.table.rows as u64);
        for c in &self.table.columns {
            w.u64(c.missing);
            match &c.values {
                Values::Codes { codes, dict } => {
                    dict.put(w);
                    w.u32s(codes);
                }
                Values::Times(v) => w.i64s(v),
                Values::Numbers(v) => w.f64s(v),
            }
        }
        w.u64s(&self.table.source_rows);
        self.rejections.put(w);
        w.u64(self.rows_seen);
        w.u64(self.rows_skipped);
    }

    /// Reads what [`TableBuilder::put`] wrote into this empty builder of the same plan.
    pub fn take_into(&mut self, r: &mut crate::wire::Reader) -> Result<()> {
        let rows = r.len(0)?;
        for c in &mut self.table.columns {
            c.missing = r.u64()?;
            let n = match &mut c.values {
                Values::Codes { codes, dict } => {
                    *dict = Interner::take(r)?;
                    *codes = r.u32s()?;
                    let known = dict.len() as u32;
                    r.check(
                        codes.iter().all(|&k| k == NO_ID || k < known),
                        "a code without a value",
                    )?;
                    codes.len()
                }
                Values::Times(v) => {
                    *v = r.i64s()?;
                    v.len()
                }
                Values::Numbers(v) => {
                    *v = r.f64s()?;
                    v.len()
                }
            };
            r.check(n == rows, "columns of different lengths")?;
        }
        self.table.rows = rows;
        self.table.source_rows = r.u64s()?;
        r.check(
            self.table.source_rows.len() == if self.keep_rows { rows } else { 0 },
            "row numbers",
        )?;
        self.rejections = Rejections::take(r)?;
        self.rows_seen = r.u64()?;
        self.rows_skipped = r.u64()?;
        Ok(())
    }

    /// Adds the rows and rejections of another shard's builder of the same plan.
    pub fn merge(&mut self, other: TableBuilder) -> Result<()> {
        self.table.append(other.table, self.max_ids)?;
        self.rejections.merge(other.rejections);
        self.rows_seen += other.rows_seen;
        self.rows_skipped += other.rows_skipped;
        Ok(())
    }

    pub fn finish(self) -> (Table, Rejections) {
        (self.table, self.rejections)
    }
}

/// Reads one non-blank field as its column's type; `Err((code, reason))` if it cannot.
fn parse_field(
    raw: &str,
    spec: &ColumnSpec,
    tz: &ReportTz,
) -> std::result::Result<Parsed, (RejectionCode, String)> {
    let mark = |d: DecimalMark| match d {
        DecimalMark::Dot => "dot",
        DecimalMark::Comma => "comma",
    };
    match spec.role.value_type() {
        ValueType::Id | ValueType::Category => Ok(Parsed::Text),
        ValueType::Sentiment => Ok(Parsed::Number(
            crate::text::sentiment::polarity(raw).compound,
        )),
        ValueType::Time => {
            let fmt = spec.time_format.unwrap_or(TimeFormat::Iso);
            parse_timestamp(raw, fmt, tz)
                .map(Parsed::Time)
                .ok_or_else(|| {
                    (
                        RejectionCode::InvalidTimestamp,
                        format!("not a timestamp in the column's format ({fmt:?})"),
                    )
                })
        }
        // A yes/no flag counts as 1/0 (per-recipient campaign exports: opened = yes).
        ValueType::Count => match parse_amount(raw, spec.decimal)
            .or_else(|| parse_bool(raw).map(|b| f64::from(u8::from(b))))
        {
            Some(v) if v.abs() >= MAX_MAGNITUDE => Err(too_large()),
            Some(v) if crate::stats::whole_count(v).is_some() => Ok(Parsed::Number(v)),
            _ => Err((
                RejectionCode::InvalidNumber,
                "not a whole number ≥ 0 or a yes/no flag".to_string(),
            )),
        },
        _ => match parse_amount(raw, spec.decimal) {
            Some(v) if v.abs() >= MAX_MAGNITUDE => Err(too_large()),
            Some(v) => Ok(Parsed::Number(v)),
            None => Err((
                RejectionCode::InvalidNumber,
                format!("not a number (decimal {})", mark(spec.decimal)),
            )),
        },
    }
}

/// Numbers kept are below 10^15 in magnitude: sums of billions of them (and of their squares)
/// stay finite and exact to the cent, so no figure becomes Infinity or NaN.
pub const MAX_MAGNITUDE: f64 = 1e15;

fn too_large() -> (RejectionCode, String) {
    (
        RejectionCode::InvalidNumber,
        "a magnitude of 10^15 or more: too large to sum safely".to_string(),
    )
}

/// The example recorded for a row whose field count differs from the header's.
pub fn ragged_example(rec: &Record<'_>, header_len: usize) -> ValueExample {
    ValueExample {
        row: rec.row,
        column: String::new(),
        value: format!("{} fields", rec.len()),
        reason: format!(
            "the header has {header_len} columns; missing fields read as blank, extra fields ignored"
        ),
    }
}
