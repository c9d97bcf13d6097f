//! The one error type of the engine, and the non-fatal findings that travel next to results.
//!
//! Every error has a stable machine code (`code()`), used as `error.code` in JavaScript; the
//! message is for people and may change.

use serde::Serialize;

pub use crate::vocab::{ErrorCode, RejectionCode, WarningCode};

/// A fatal problem: the operation produced no result.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// An option has a value the engine cannot use.
    #[error("invalid option `{option}`: {reason}")]
    InvalidOption { option: String, reason: String },
    /// A score handed to a calculator is outside its scale or not a whole number.
    #[error("score #{index} ({value}) is not valid for {metric}: {reason}")]
    InvalidScore {
        metric: &'static str,
        index: usize,
        value: f64,
        reason: String,
    },
    /// The input contained no bytes (or only a byte-order mark / blank lines).
    #[error("the file is empty")]
    EmptyInput,
    /// The first record does not look like a header row.
    #[error("the file has no header row: {reason}")]
    NoHeader { reason: String },
    /// An explicit column mapping names a header the file does not have.
    #[error("column `{header}` (mapped to {role}) is not in the header; columns are: {available}")]
    ColumnNotFound {
        role: String,
        header: String,
        available: String,
    },
    /// No column of the file could be used for the requested kind of metrics.
    #[error("no usable columns for {kind}: {reason}")]
    NoMetricColumns { kind: &'static str, reason: String },
    /// A time zone name that is neither UTC, a fixed offset nor an IANA zone.
    #[error("unknown time zone `{name}` (use UTC, an offset like +02:00, or an IANA name like Europe/Paris)")]
    UnknownTimezone { name: String },
    /// A date column whose day/month order cannot be told from its values.
    #[error("column `{column}` has dates like {example} where day and month cannot be told apart; set the `dateOrder` option to \"dmy\" or \"mdy\"")]
    AmbiguousDateOrder { column: String, example: String },
    /// A configured safety limit was reached.
    #[error("{what} exceeds the limit of {limit} at row {row}; raise the `{option}` option if this is expected")]
    LimitExceeded {
        what: &'static str,
        limit: u64,
        row: u64,
        option: &'static str,
    },
    /// The byte stream is not in an encoding the engine can read.
    #[error("cannot decode the file: {reason}")]
    Encoding { reason: String },
    /// The file's structure cannot be read (malformed JSON document, corrupt workbook).
    #[error("cannot read the file: {reason}")]
    Unreadable { reason: String },
    /// Partials of different plans given to one merge.
    #[error("these partial results cannot be merged: {reason}")]
    PartialMismatch { reason: String },
    /// `push`/`finish` called on an analyzer that has already finished.
    #[error("this analyzer has already finished; create a new one for another file")]
    AlreadyFinished,
}

impl Error {
    /// Stable code, safe to branch on (`error.code` in JavaScript).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidOption { .. } => ErrorCode::InvalidOption,
            Error::InvalidScore { .. } => ErrorCode::InvalidScore,
            Error::EmptyInput => ErrorCode::EmptyInput,
            Error::NoHeader { .. } => ErrorCode::NoHeader,
            Error::ColumnNotFound { .. } => ErrorCode::ColumnNotFound,
            Error::NoMetricColumns { .. } => ErrorCode::NoMetricColumns,
            Error::UnknownTimezone { .. } => ErrorCode::UnknownTimezone,
            Error::AmbiguousDateOrder { .. } => ErrorCode::AmbiguousDateOrder,
            Error::LimitExceeded { .. } => ErrorCode::LimitExceeded,
            Error::Encoding { .. } => ErrorCode::Encoding,
            Error::Unreadable { .. } => ErrorCode::UnreadableFile,
            Error::PartialMismatch { .. } => ErrorCode::PartialMismatch,
            Error::AlreadyFinished => ErrorCode::AlreadyFinished,
        }
    }

    /// An `INVALID_OPTION`; the name and reason are cut (to 100 and 500 bytes) so that a
    /// 10 MB option value is never echoed whole.
    pub(crate) fn option(option: &str, reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            option: truncate(option, 100),
            reason: truncate(&reason.into(), 500),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A non-fatal finding about the input or the computation (e.g. "decoded as Windows-1252").
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
}

/// One value that could not be used, with where it was.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueExample {
    /// Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.
    pub row: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl ValueExample {
    /// The example for `value` in column `col` (named from `header`) of `row`; long
    /// values are cut to 200 bytes.
    pub fn at(
        header: &[String],
        row: u64,
        col: usize,
        value: &str,
        reason: impl Into<String>,
    ) -> Self {
        ValueExample {
            row,
            column: header.get(col).cloned().unwrap_or_default(),
            value: truncate(value, 200),
            reason: reason.into(),
        }
    }
}

/// What happened to the row (or value) that had the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Fate {
    /// The whole row was left out of every metric.
    RowSkipped,
    /// The value was treated as a blank answer; the rest of the row was used.
    ValueIgnored,
    /// The row was used for overall metrics but left out of the per-period series.
    ExcludedFromPeriods,
}

impl Fate {
    /// Every fate, in declaration order.
    pub const ALL: &'static [Fate] = &[
        Fate::RowSkipped,
        Fate::ValueIgnored,
        Fate::ExcludedFromPeriods,
    ];

    /// What happened, in plain language (the page's problems table and the CLI).
    pub const fn label(self) -> &'static str {
        match self {
            Fate::RowSkipped => "Row left out",
            Fate::ValueIgnored => "Value read as blank, rest of the row used",
            Fate::ExcludedFromPeriods => "Row left out of the periods only",
        }
    }
}

/// Values or rows rejected for one reason in one column: counted in full, with the first examples.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    pub code: RejectionCode,
    pub column: String,
    pub count: u64,
    pub fate: Fate,
    pub examples: Vec<ValueExample>,
}

/// Collects rejections by (code, column), keeping every count and the first few examples.
/// A hash index finds a group in one step, however many groups there are (a file with 40,000
/// distinct bad columns or keys must not cost 40,000² comparisons).
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    items: Vec<Rejection>,
    /// Keyed by code and column as one string (the map type the JSON reader uses already, so
    /// the .wasm holds one copy of it).
    index: std::collections::HashMap<String, usize>,
}

/// How many examples are kept per (reason, column).
pub const MAX_EXAMPLES: usize = 5;

impl Rejections {
    pub fn add(&mut self, code: RejectionCode, fate: Fate, example: ValueExample) {
        self.add_group(Rejection {
            code,
            column: example.column.clone(),
            count: 1,
            fate,
            examples: vec![example],
        });
    }

    /// Adds one rejection to the group of `column`, whatever column its example names.
    pub fn add_group_of(
        &mut self,
        code: RejectionCode,
        column: &str,
        fate: Fate,
        example: ValueExample,
    ) {
        self.add_group(Rejection {
            code,
            column: column.to_string(),
            count: 1,
            fate,
            examples: vec![example],
        });
    }

    /// Adds a group: counts summed, examples kept up to the limit.
    fn add_group(&mut self, r: Rejection) {
        crate::work::step(1);
        let key = format!("{}\u{0}{}", r.code.name(), r.column);
        match self.index.get(&key).and_then(|&i| self.items.get_mut(i)) {
            Some(x) => {
                x.count += r.count;
                // The examples of the first rows, whichever shard met them first (rows
                // arrive in order within a shard, so this is a merge of sorted lists).
                let later = |e: &ValueExample| {
                    x.examples.len() >= MAX_EXAMPLES
                        && x.examples.last().is_some_and(|l| e.row >= l.row)
                };
                // Within one reader rows come in order: once the examples are full, a later
                // row's example is dropped without sorting.
                if r.examples.iter().all(later) {
                    return;
                }
                x.examples.extend(r.examples);
                if x.examples.len() > MAX_EXAMPLES {
                    // A stable insertion sort: at most 2 × MAX_EXAMPLES items, and no sort
                    // routine added to the .wasm for them.
                    let e = &mut x.examples;
                    for i in 1..e.len() {
                        let mut j = i;
                        while j > 0 && e[j - 1].row > e[j].row {
                            e.swap(j - 1, j);
                            j -= 1;
                        }
                    }
                    e.truncate(MAX_EXAMPLES);
                }
            }
            None => {
                self.index.insert(key, self.items.len());
                self.items.push(r);
            }
        }
    }

    pub fn total(&self) -> u64 {
        self.items.iter().map(|r| r.count).sum()
    }

    /// The groups in the order they were met (the report sorts them: `assemble`).
    pub fn into_vec(self) -> Vec<Rejection> {
        self.items
    }

    /// Adds every rejection of `other` (counts summed, examples kept up to the limit).
    pub fn merge(&mut self, other: Rejections) {
        for r in other.items {
            self.add_group(r);
        }
    }

    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64(self.items.len() as u64);
        for r in &self.items {
            w.str(r.code.name());
            w.str(&r.column);
            w.u64(r.count);
            w.u64(r.fate as u64);
            w.u64(r.examples.len() as u64);
            for e in &r.examples {
                w.u64(e.row);
                w.str(&e.column);
                w.str(&e.value);
                w.str(&e.reason);
            }
        }
    }

    pub fn take(r: &mut crate::wire::Reader) -> Result<Rejections> {
        let mut out = Rejections::default();
        for _ in 0..r.len(8)? {
            let code = r.named(RejectionCode::parse)?;
            let column = r.str()?;
            let count = r.u64()?;
            let fate = match r.u64()? {
                0 => Fate::RowSkipped,
                1 => Fate::ValueIgnored,
                _ => Fate::ExcludedFromPeriods,
            };
            let mut examples = Vec::new();
            for _ in 0..r.len(8)? {
                examples.push(ValueExample {
                    row: r.u64()?,
                    column: r.str()?,
                    value: r.str()?,
                    reason: r.str()?,
                });
            }
            out.add_group(Rejection {
                code,
                column,
                count,
                fate,
                examples,
            });
        }
        Ok(out)
    }

    pub fn as_slice(&self) -> &[Rejection] {
        &self.items
    }
}

/// `s` cut to at most `max` bytes (at a character boundary), with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
