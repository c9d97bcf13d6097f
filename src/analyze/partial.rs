//! Partial results: what one shard of a file holds once its rows are read, merged with the
//! other shards' into one report.
//!
//! A file is analysed as plan → shards → partials → merge → report. The [`Plan`] is the
//! header, the rows the schema was inferred from and how the bytes are read; every shard made
//! from it reads rows the same way. A shard's [`Partial`] holds exact, order-free state: the
//! survey's counts keyed by period start and value, the row-per-fact kinds' typed columns
//! (their codes re-interned by string on merge), the value counts of the filter's columns,
//! and what reading found (rejections with their first rows, quote findings with their first
//! line). Merging is associative and commutative, and every figure depends only on the set of
//! rows, so any split of the rows into shards, merged in any tree, gives the report of one
//! pass over the file, byte for byte.
//!
//! ```
//! use engagement_metrics::{AnalyzeOptions, Analyzer, Partial};
//! let (head, tail) = ("nps,date\n10,2024-01-05\n", "3,2024-02-01\n0,2024-02-03\n");
//! let opts = AnalyzeOptions::default();
//! let mut first = Analyzer::new(opts.clone()).unwrap();
//! first.push(head.as_bytes()).unwrap();
//! first.finish_schema().unwrap();
//! let plan = first.plan().unwrap();
//! // A second shard reads whole records of the same file (no header), maybe elsewhere.
//! let mut second = Analyzer::from_plan(opts.clone(), &plan).unwrap();
//! second.push(tail.as_bytes()).unwrap();
//! let bytes = second.into_partial().unwrap().to_bytes();
//! let mut merged = Analyzer::new(opts.clone()).unwrap();
//! merged.push(head.as_bytes()).unwrap();
//! let mut merged = merged.into_partial().unwrap();
//! merged.merge(Partial::from_bytes(opts, &plan, &bytes).unwrap()).unwrap();
//! let one_pass = engagement_metrics::analyze(
//!     format!("{head}{tail}").as_bytes(), AnalyzeOptions::default()).unwrap();
//! let (a, b) = (merged.finish().unwrap(), one_pass);
//! use engagement_metrics::Report;
//! let (Report::Survey(a), Report::Survey(b)) = (a, b) else { panic!() };
//! assert_eq!(a.overall.nps, b.overall.nps);
//! ```

use super::{assemble, Analyzer, Builder, Inner, Stage};
use crate::error::{Error, Result, Warning};
use crate::ingest::decode::Encoding;
use crate::ingest::{Format, ReadStats};
use crate::options::AnalyzeOptions;
use crate::report::{EffectiveOptions, InputSummary, Report, ReportHead, ENGINE};
use crate::vocab::WarningCode;
use crate::wire::{Reader, Writer};

/// The first bytes of a partial result.
const MAGIC: &[u8; 4] = b"EMP1";

/// How every shard of one file reads its rows: the header, the rows the schema was inferred
/// from, and the layout of the bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub header: Vec<String>,
    /// The first data rows (row number, fields), as the schema was inferred from them.
    pub sample: Vec<(u64, Vec<String>)>,
    pub format: Format,
    pub encoding: Encoding,
    pub delimiter: u8,
}

/// One shard's rows, read and accumulated, before the figures are computed.
pub struct Partial {
    pub(super) inner: Inner,
    pub(super) read: ReadStats,
}

impl Partial {
    /// Adds another shard's partial of the same plan.
    pub fn merge(&mut self, other: Partial) -> Result<()> {
        let (a, b) = (&mut self.inner, other.inner);
        let mismatch = |reason: &str| Error::PartialMismatch {
            reason: reason.to_string(),
        };
        if a.header != b.header {
            return Err(mismatch("the files have different headers"));
        }
        if a.kind.as_ref().map(|k| k.0) != b.kind.as_ref().map(|k| k.0) || a.columns != b.columns {
            return Err(mismatch("the columns are read differently"));
        }
        if a.opts != b.opts {
            return Err(mismatch("the options differ"));
        }
        let (Stage::Streaming(x), Stage::Streaming(y)) = (&mut a.stage, b.stage) else {
            return Err(mismatch("a shard has no rows read"));
        };
        match (x.as_mut(), *y) {
            (Builder::Survey(x, _), Builder::Survey(y, _)) => x.merge(y),
            (Builder::Table(x), Builder::Table(y)) => x.merge(y)?,
            _ => return Err(mismatch("the shards are of different kinds")),
        }
        a.rows += b.rows;
        a.gate.merge(b.gate);
        self.read.merge(other.read);
        Ok(())
    }

    /// The partial as bytes, to be sent to the worker or process that merges: the mergeable
    /// state only (the plan and the options travel separately and must be the same on both
    /// sides). Read back with [`Partial::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.str(ENGINE.version);
        let inner = &self.inner;
        w.str(inner.kind.as_ref().map_or("", |k| k.0.name()));
        w.u64(inner.header.len() as u64);
        inner.header.iter().for_each(|h| w.str(h));
        w.u64(inner.rows);
        inner.gate.put(&mut w);
        if let Stage::Streaming(b) = &inner.stage {
            match b.as_ref() {
                Builder::Survey(s, _) => s.put(&mut w),
                Builder::Table(t) => t.put(&mut w),
            }
        }
        self.read.put(&mut w);
        w.buf
    }

    /// A partial written by [`Partial::to_bytes`] for the same options and plan.
    pub fn from_bytes(opts: AnalyzeOptions, plan: &Plan, bytes: &[u8]) -> Result<Partial> {
        let mut p = Analyzer::from_plan(opts, plan)?.into_partial()?;
        let mut r = Reader::new(bytes);
        let magic = [r.u8()?, r.u8()?, r.u8()?, r.u8()?];
        r.check(&magic == MAGIC, "no partial-result tag")?;
        let version = r.str()?;
        if version != ENGINE.version {
            return Err(Error::PartialMismatch {
                reason: format!(
                    "written by engine version {version}, read by {}",
                    ENGINE.version
                ),
            });
        }
        let inner = &mut p.inner;
        let kind = r.str()?;
        let header: Vec<String> = (0..r.len(8)?).map(|_| r.str()).collect::<Result<_>>()?;
        if inner.kind.as_ref().map_or("", |k| k.0.name()) != kind || header != inner.header {
            return Err(Error::PartialMismatch {
                reason: "it was read with another plan (another file or kind)".to_string(),
            });
        }
        inner.rows = r.u64()?;
        inner.gate.take_into(&mut r)?;
        if let Stage::Streaming(b) = &mut inner.stage {
            match b.as_mut() {
                Builder::Survey(s, _) => s.take_into(&mut r)?,
                Builder::Table(t) => t.take_into(&mut r)?,
            }
        }
        p.read.take_into(&mut r)?;
        r.check(r.done(), "bytes after the end")?;
        Ok(p)
    }

    /// Adds what a reader found in bytes whose records went to other shards (rows parsed in
    /// one place and routed by id through [`Analyzer::push_record`](super::Analyzer::push_record)).
    pub fn add_read(&mut self, read: ReadStats) {
        self.read.merge(read);
    }

    /// The report of every row merged into this partial.
    pub fn finish(self) -> Result<Report> {
        let Partial { mut inner, read } = self;
        let Stage::Streaming(builder) = std::mem::replace(&mut inner.stage, Stage::Failed) else {
            return Err(Error::EmptyInput);
        };
        read_warnings(&read, &mut inner.warnings);
        let input = input_summary(&read, &inner);
        let r = &inner.resolved;
        let (kind, kind_choice) = inner.kind.clone().ok_or(Error::EmptyInput)?;
        let head = ReportHead {
            kind_choice,
            engine: ENGINE,
            options: EffectiveOptions {
                timezone: r.tz.name(),
                granularity: r.granularity,
                week_start: r.week_start,
                confidence: r.confidence,
                include_partial_periods: inner.opts.include_partial_periods == Some(true),
                filter: inner.opts.filter.clone(),
            },
            input,
            columns: std::mem::take(&mut inner.columns),
            partial_periods: Vec::new(),
            weekday_profile: None,
        };
        let gate = std::mem::take(&mut inner.gate);
        if gate.filter.is_some() && gate.passed == 0 && gate.filtered > 0 {
            inner.warnings.push(Warning {
                code: WarningCode::NoRows,
                message: format!(
                    "the filter leaves none of the {} data rows; widen the date range or choose other values",
                    gate.filtered
                ),
            });
        }
        let ctx = assemble::Context {
            kind,
            head,
            rows_rejected: read.rows_rejected,
            rejections: read.rejections,
            resolved: &inner.resolved,
            opts: &inner.opts,
            warnings: std::mem::take(&mut inner.warnings),
            gate,
        };
        assemble::report(*builder, ctx)
    }
}

/// The input section of the report.
pub(super) fn input_summary(read: &ReadStats, inner: &Inner) -> InputSummary {
    let delimiter = (read.format == Format::Csv).then(|| match read.delimiter {
        b'\t' => "\\t".to_string(),
        d => (d as char).to_string(),
    });
    InputSummary {
        format: read.format,
        bytes: read.bytes,
        rows: inner.rows + read.rows_rejected,
        encoding: read.encoding,
        windows1252_rows: read.cp1252_records,
        delimiter,
        header: inner.header.clone(),
        preview: inner.preview.clone(),
    }
}

/// What reading found silently, said: quotes csv-core read its way (a quote never closed,
/// stray quotes, text after a closing quote; each kept as read, RFC 4180 style) and text that
/// was not valid in the file's encoding.
fn read_warnings(r: &ReadStats, warnings: &mut Vec<Warning>) {
    if let Some(u) = r.unclosed {
        let reading = if r.lenient_quotes {
            "it was read as a literal character (`lenientQuotes`)".to_string()
        } else {
            format!(
                "the rest of the file ({} lines, {} bytes) was read as one field; set `lenientQuotes: true` to read the quote as a literal character",
                u.lines, u.bytes
            )
        };
        let more = if u.count > 1 {
            format!(" ({} such quotes)", u.count)
        } else {
            String::new()
        };
        warnings.push(Warning {
            code: WarningCode::UnterminatedQuote,
            message: format!(
                "the quote opened at line {} is never closed{more}: {reading}",
                u.line
            ),
        });
    }
    if r.stray.count > 0 {
        warnings.push(Warning {
            code: WarningCode::StrayQuote,
            message: format!(
                "{} quotes inside unquoted fields (first at line {}) were read as literal characters, e.g. a\"b",
                r.stray.count, r.stray.first_line
            ),
        });
    }
    if r.after_closing.count > 0 {
        warnings.push(Warning {
            code: WarningCode::TextAfterQuote,
            message: format!(
                "{} fields have text after their closing quote (first at line {}), e.g. \"b\"c or \"B\" ,; it is kept in the value, spaces included",
                r.after_closing.count, r.after_closing.first_line
            ),
        });
    }
    if r.cp1252_records > 0 {
        warnings.push(Warning {
            code: WarningCode::DecodedAsWindows1252,
            message: format!(
                "{} rows were not valid UTF-8 and were read as Windows-1252 (Latin-1); check accented characters",
                r.cp1252_records
            ),
        });
    }
    if r.replaced_chars > 0 {
        warnings.push(Warning {
            code: WarningCode::InvalidUtf16,
            message: format!(
                "{} invalid UTF-16 code units were replaced by U+FFFD",
                r.replaced_chars
            ),
        });
    }
}
