//! The streaming entry point: `Analyzer::push(chunk)` … `finish()` → report.
//!
//! The first record is the header; the next rows (up to [`SAMPLE_ROWS`]) are kept to infer the
//! schema and the dataset kind (`schema`), then replayed into the kind's builder, after which
//! rows stream straight through. Replayed or streamed, each row passes the `gate` first (the
//! category values counted, then the `filter` option). `finish` hands the builder to the kind's report assembly
//! (`assemble`).

mod assemble;
mod gate;
pub mod kind;
mod schema;

use crate::dataset::survey::SurveyBuilder;
use crate::dataset::table::TableBuilder;
use crate::error::{Error, Result, Warning};
use crate::ingest::{ChunkReader, Format, Record};
use crate::metrics::survey::groups::SurveyParams;
use crate::options::{AnalyzeOptions, Resolved};
use crate::report::{
    ColumnInfo, ColumnSource, EffectiveOptions, InputSummary, KindChoice, KindSource, Report,
    ReportHead, Schema, SchemaProblem, ENGINE,
};
use crate::vocab::{Kind, Role, WarningCode};

/// Rows sampled for schema inference before streaming starts.
pub const SAMPLE_ROWS: usize = 1000;

/// Progress of a streaming analysis.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub bytes: u64,
    /// Data rows read so far.
    pub rows: u64,
}

/// What rows are streamed into once the schema is known.
// Held boxed in `Stage::Streaming`, so the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
enum Builder {
    Survey(SurveyBuilder, SurveyParams),
    Table(TableBuilder),
}

enum Stage {
    Header,
    Sampling(Vec<(u64, Vec<String>)>),
    Streaming(Box<Builder>),
    Failed,
}

/// A role given to a column, with where it came from.
#[derive(Debug, Clone)]
struct Assigned {
    role: Role,
    source: ColumnSource,
    confidence: f64,
    reason: String,
}

/// Everything but the byte reader: the header, the sample, the schema and the builder.
struct Inner {
    opts: AnalyzeOptions,
    resolved: Resolved,
    header: Vec<String>,
    preview: Vec<Vec<String>>,
    columns: Vec<ColumnInfo>,
    kind: Option<(Kind, KindChoice)>,
    stage: Stage,
    rows: u64,
    sampled: u64,
    warnings: Vec<Warning>,
    /// Columns already warned about as `IGNORED_COLUMN`.
    warned_columns: Vec<usize>,
    /// Columns that also fit a one-column role another column took (candidates for a breakdown).
    second_candidates: Vec<usize>,
    /// Why the schema could not be settled, with the kind as far as it was known: `inspect`
    /// then returns the columns as recognised instead of failing.
    problem: Option<(Option<Kind>, SchemaProblem)>,
    /// The value counts and the `filter` option, between the reader and the builder.
    gate: gate::Gate,
}

/// Streaming analyzer. Feed byte chunks of any size with [`Analyzer::push`], then call
/// [`Analyzer::finish`]. Memory stays bounded by the sample and the compact columns / aggregates.
pub struct Analyzer {
    reader: ChunkReader,
    inner: Inner,
    finished: bool,
}

impl Analyzer {
    pub fn new(opts: AnalyzeOptions) -> Result<Self> {
        let resolved = opts.resolve()?;
        let warnings = resolved.warnings.clone();
        if let Some(n) = &opts.nps {
            n.validate()?;
        }
        Ok(Analyzer {
            reader: ChunkReader::new(resolved.reader.clone()),
            inner: Inner {
                opts,
                resolved,
                header: Vec::new(),
                preview: Vec::new(),
                columns: Vec::new(),
                kind: None,
                stage: Stage::Header,
                rows: 0,
                sampled: 0,
                warnings,
                warned_columns: Default::default(),
                second_candidates: Default::default(),
                problem: None,
                gate: Default::default(),
            },
            finished: false,
        })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<Progress> {
        if self.finished {
            return Err(Error::AlreadyFinished);
        }
        let inner = &mut self.inner;
        let r = self.reader.push(chunk, &mut |rec| inner.on_record(rec));
        if r.is_err() {
            self.finished = true;
        }
        r?;
        Ok(self.progress())
    }

    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.reader.bytes_in(),
            rows: self.inner.rows + self.reader.rows_rejected(),
        }
    }

    /// True once the schema is inferred (the sample is full), so [`Analyzer::schema`] is final.
    pub fn schema_ready(&self) -> bool {
        matches!(self.inner.stage, Stage::Streaming(_))
    }

    /// The inferred schema, once known (see [`Analyzer::schema_ready`]).
    pub fn schema(&self) -> Option<Schema> {
        let (kind, choice, problem) = match (&self.inner.kind, &self.inner.problem) {
            (Some((k, c)), _) => (Some(*k), c.clone(), None),
            (None, Some((k, p))) => (
                *k,
                KindChoice {
                    source: if self.inner.resolved.kind.is_some() {
                        KindSource::Option
                    } else {
                        KindSource::Detected
                    },
                    reason: match k {
                        Some(_) => "its columns are not all recognised".to_string(),
                        None => "no kind fits the columns recognised".to_string(),
                    },
                },
                Some(p.clone()),
            ),
            (None, None) => return None,
        };
        Some(Schema {
            kind,
            kind_choice: choice,
            problem,
            input: self.input_summary(),
            columns: self.inner.columns.clone(),
            rows_sampled: self.inner.sampled,
            warnings: self.inner.warnings.clone(),
        })
    }

    fn input_summary(&self) -> InputSummary {
        let delimiter =
            (self.reader.format() == Format::Csv).then(|| match self.reader.delimiter() {
                b'\t' => "\\t".to_string(),
                d => (d as char).to_string(),
            });
        InputSummary {
            format: self.reader.format(),
            bytes: self.reader.bytes_in(),
            rows: self.inner.rows + self.reader.rows_rejected(),
            encoding: self.reader.encoding(),
            windows1252_rows: self.reader.cp1252_records,
            delimiter,
            header: self.inner.header.clone(),
            preview: self.inner.preview.clone(),
        }
    }

    /// Ends the input without building the report: infers the schema from what was read. When
    /// the schema cannot be settled (no kind fits, a role is missing, dates are ambiguous) it
    /// is still returned, with its `problem`.
    pub fn finish_schema(&mut self) -> Result<Schema> {
        if !self.schema_ready() && !self.finished {
            if let Err(e) = self.end_input() {
                return self.schema_despite(e);
            }
        }
        self.schema().ok_or(Error::EmptyInput)
    }

    /// The draft schema when `e` is a problem of the schema itself, else `e`.
    fn schema_despite(&self, e: Error) -> Result<Schema> {
        match (&self.inner.problem, self.schema()) {
            (Some(_), Some(s)) => Ok(s),
            _ => Err(e),
        }
    }

    fn end_input(&mut self) -> Result<()> {
        if self.finished {
            return Err(Error::AlreadyFinished);
        }
        self.finished = true;
        let inner = &mut self.inner;
        self.reader.finish(&mut |rec| inner.on_record(rec))?;
        if matches!(inner.stage, Stage::Header) {
            return Err(Error::EmptyInput);
        }
        if let Stage::Sampling(_) = inner.stage {
            inner.start_streaming()?;
        }
        Ok(())
    }

    pub fn finish(&mut self) -> Result<Report> {
        self.end_input()?;
        let Stage::Streaming(builder) = std::mem::replace(&mut self.inner.stage, Stage::Failed)
        else {
            return Err(Error::EmptyInput);
        };
        self.decoding_warnings();
        let input = self.input_summary();
        let inner = &mut self.inner;
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
            rejections: std::mem::take(&mut self.reader.rejections),
            rows_rejected: self.reader.rows_rejected(),
            resolved: &inner.resolved,
            opts: &inner.opts,
            warnings: std::mem::take(&mut inner.warnings),
            gate,
        };
        assemble::report(*builder, ctx)
    }

    fn decoding_warnings(&mut self) {
        self.quote_warnings();
        if self.reader.cp1252_records > 0 {
            self.inner.warnings.push(Warning {
                code: WarningCode::DecodedAsWindows1252,
                message: format!(
                    "{} rows were not valid UTF-8 and were read as Windows-1252 (Latin-1); check accented characters",
                    self.reader.cp1252_records
                ),
            });
        }
        if self.reader.replaced_chars() > 0 {
            self.inner.warnings.push(Warning {
                code: WarningCode::InvalidUtf16,
                message: format!(
                    "{} invalid UTF-16 code units were replaced by U+FFFD",
                    self.reader.replaced_chars()
                ),
            });
        }
    }
}

impl Analyzer {
    /// What csv-core read silently: a quote never closed, stray quotes, text after a closing
    /// quote (each kept as read, RFC 4180 style, and said here).
    fn quote_warnings(&mut self) {
        let r = &self.reader;
        if let Some(u) = r.unclosed {
            let reading = if r.lenient_quotes() {
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
            self.inner.warnings.push(Warning {
                code: WarningCode::UnterminatedQuote,
                message: format!(
                    "the quote opened at line {} is never closed{more}: {reading}",
                    u.line
                ),
            });
        }
        let q = &r.quotes;
        if q.stray.count > 0 {
            self.inner.warnings.push(Warning {
                code: WarningCode::StrayQuote,
                message: format!(
                    "{} quotes inside unquoted fields (first at line {}) were read as literal characters, e.g. a\"b",
                    q.stray.count, q.stray.first_line
                ),
            });
        }
        if q.after_closing.count > 0 {
            self.inner.warnings.push(Warning {
                code: WarningCode::TextAfterQuote,
                message: format!(
                    "{} fields have text after their closing quote (first at line {}), e.g. \"b\"c or \"B\" ,; it is kept in the value, spaces included",
                    q.after_closing.count, q.after_closing.first_line
                ),
            });
        }
    }
}

/// One-shot analysis of a whole file in memory.
pub fn analyze(bytes: &[u8], opts: AnalyzeOptions) -> Result<Report> {
    let mut a = Analyzer::new(opts)?;
    // Feed in slices so that the one-shot path exercises the same chunked code.
    for chunk in bytes.chunks(1 << 20) {
        a.push(chunk)?;
    }
    a.finish()
}

/// The schema of a file from its first bytes (a prefix is enough: inference reads
/// [`SAMPLE_ROWS`] rows). For an .xlsx workbook pass the whole file.
pub fn inspect(bytes: &[u8], opts: AnalyzeOptions) -> Result<Schema> {
    let mut a = Analyzer::new(opts)?;
    for chunk in bytes.chunks(1 << 16) {
        if let Err(e) = a.push(chunk) {
            return a.schema_despite(e);
        }
        if a.schema_ready() {
            return a.finish_schema();
        }
    }
    a.finish_schema()
}

impl Inner {
    fn on_record(&mut self, rec: Record<'_>) -> Result<()> {
        match &mut self.stage {
            // A line of only blanks before the header is skipped like an empty one.
            Stage::Header if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) => {}
            Stage::Header => {
                self.set_header(&rec)?;
                self.stage = Stage::Sampling(Vec::new());
            }
            Stage::Sampling(sample) => {
                self.rows += 1;
                if self.preview.len() < self.resolved.preview_rows {
                    self.preview.push(rec.iter().map(str::to_string).collect());
                }
                sample.push((rec.row, rec.iter().map(str::to_string).collect()));
                if sample.len() >= SAMPLE_ROWS {
                    self.start_streaming()?;
                }
            }
            Stage::Streaming(b) => {
                self.rows += 1;
                if self.preview.len() < self.resolved.preview_rows {
                    self.preview.push(rec.iter().map(str::to_string).collect());
                }
                if !self.gate.admit(&rec) {
                    return Ok(());
                }
                match b.as_mut() {
                    Builder::Survey(s, _) => s.add(&rec),
                    Builder::Table(t) => t.add(&rec)?,
                }
            }
            Stage::Failed => {}
        }
        Ok(())
    }
}
