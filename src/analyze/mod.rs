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
mod partial;
mod schema;

pub use partial::{Partial, Plan};

use crate::dataset::survey::SurveyBuilder;
use crate::dataset::table::TableBuilder;
use crate::error::{Error, Result, Warning};
use crate::ingest::{ChunkReader, Record};
use crate::metrics::survey::groups::SurveyParams;
use crate::options::{AnalyzeOptions, Resolved};
use crate::report::{
    ColumnInfo, ColumnSource, InputSummary, KindChoice, KindSource, Report, Schema, SchemaProblem,
};
use crate::vocab::{Kind, Role};

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
    /// The rows the schema was inferred from (the plan's).
    plan_sample: Vec<(u64, Vec<String>)>,
    /// A shard of a plan: its preview is the plan's, its sample rows are not its own.
    from_plan: bool,
    /// A shard of a plan reads bytes laid out as the plan says (no header, no BOM to sniff).
    layout: Option<(crate::ingest::Format, crate::ingest::decode::Encoding, u8)>,
}

/// Streaming analyzer. Feed byte chunks of any size with [`Analyzer::push`], then call
/// [`Analyzer::finish`]. Memory stays bounded by the sample and the compact columns / aggregates.
pub struct Analyzer {
    reader: ChunkReader,
    inner: Inner,
    finished: bool,
    /// Bytes of the file before this shard's range that no other shard counts.
    head_bytes: u64,
}

impl Analyzer {
    pub fn new(opts: AnalyzeOptions) -> Result<Self> {
        let resolved = opts.resolve()?;
        if let Some(n) = &opts.nps {
            n.validate()?;
        }
        Ok(Analyzer {
            reader: ChunkReader::new(resolved.reader.clone()),
            inner: Inner::new(opts, resolved),
            finished: false,
            head_bytes: 0,
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
        partial::input_summary(&self.reader.stats(), &self.inner)
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
        // A shard given only routed records has no bytes of its own to end.
        if !(inner.from_plan && self.reader.bytes_in() == 0) {
            self.reader.finish(&mut |rec| inner.on_record(rec))?;
        }
        if matches!(inner.stage, Stage::Header) {
            return Err(Error::EmptyInput);
        }
        if let Stage::Sampling(_) = inner.stage {
            inner.start_streaming()?;
        }
        Ok(())
    }

    pub fn finish(&mut self) -> Result<Report> {
        self.into_partial()?.finish()
    }

    /// Ends the input and returns what this analyzer holds as one shard's partial result, to
    /// be merged with other shards' of the same plan ([`Partial::merge`]) and then finished.
    pub fn into_partial(&mut self) -> Result<Partial> {
        self.end_input()?;
        if !matches!(self.inner.stage, Stage::Streaming(_)) {
            return Err(Error::EmptyInput);
        }
        // What is left behind is never read (the analyzer has finished); the defaults are
        // cheaper to build than a copy of the options (and add no clone code to the .wasm).
        let defaults = AnalyzeOptions::default();
        let resolved = defaults.resolve()?;
        let empty = Inner::new(defaults, resolved);
        let mut read = self.reader.stats();
        read.rejections = std::mem::take(&mut self.reader.rejections);
        read.bytes += self.head_bytes;
        if let Some((format, encoding, delimiter)) = self.inner.layout {
            (read.format, read.encoding, read.delimiter) = (format, encoding, delimiter);
        }
        Ok(Partial {
            inner: std::mem::replace(&mut self.inner, empty),
            read,
        })
    }

    /// The plan of this file (its header, the rows its schema was inferred from and how its
    /// bytes are read), once the schema is known: every shard made from it with
    /// [`Analyzer::from_plan`] reads rows exactly as this analyzer does.
    pub fn plan(&self) -> Option<Plan> {
        if !self.schema_ready() {
            return None;
        }
        let read = self.reader.stats();
        Some(Plan {
            header: self.inner.header.clone(),
            sample: self.inner.plan_sample.clone(),
            format: read.format,
            encoding: read.encoding,
            delimiter: read.delimiter,
        })
    }

    /// A shard of `plan`: it settles the schema from the plan's rows (without counting them)
    /// and then takes data records only, through [`Analyzer::push_record`] (rows another
    /// shard parsed) or [`Analyzer::push`] (bytes of whole records, no header).
    pub fn from_plan(opts: AnalyzeOptions, plan: &Plan) -> Result<Self> {
        let mut ropts = opts.resolve()?.reader;
        ropts.format = Some(plan.format);
        ropts.delimiter = Some(plan.delimiter);
        let mut a = Analyzer::new(opts)?;
        a.reader = ChunkReader::new(ropts);
        let inner = &mut a.inner;
        inner.from_plan = true;
        inner.layout = Some((plan.format, plan.encoding, plan.delimiter));
        let text: String = plan.header.concat();
        let ends: Vec<usize> = plan
            .header
            .iter()
            .scan(0, |n, h| {
                *n += h.len();
                Some(*n)
            })
            .collect();
        inner.set_header(&Record::from_parts(1, &text, &ends))?;
        inner.preview = plan
            .sample
            .iter()
            .take(inner.resolved.preview_rows)
            .map(|(_, r)| r.clone())
            .collect();
        inner.stage = Stage::Sampling(plan.sample.clone());
        inner.start_streaming()?;
        Ok(a)
    }

    /// A shard of `plan` that reads one byte range of the file, starting at `start` (a record
    /// start found by [`BoundaryScanner`](crate::ingest::split::BoundaryScanner)), with the
    /// first range's `dialect`: its rows are numbered, and its quote findings placed, as one
    /// reader over the whole file would. Delimited text only (an NDJSON file, a JSON array or
    /// a workbook is read in one range).
    pub fn from_plan_range(
        opts: AnalyzeOptions,
        plan: &Plan,
        dialect: &crate::ingest::split::Dialect,
        start: &crate::ingest::split::ShardStart,
    ) -> Result<Self> {
        let ropts = opts.resolve()?.reader;
        let mut a = Analyzer::from_plan(opts, plan)?;
        a.reader = ChunkReader::shard(ropts, dialect, start)?;
        // The first range after the header counts the bytes before it (BOM and header).
        if start.records <= 1 {
            a.head_bytes = start.offset;
        }
        Ok(a)
    }

    /// Adds one data record parsed elsewhere (a row routed to this shard by its id).
    pub fn push_record(&mut self, rec: &Record<'_>) -> Result<()> {
        if self.finished {
            return Err(Error::AlreadyFinished);
        }
        self.inner.on_record(*rec)
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
    fn new(opts: AnalyzeOptions, resolved: Resolved) -> Inner {
        Inner {
            warnings: resolved.warnings.clone(),
            opts,
            resolved,
            header: Vec::new(),
            preview: Vec::new(),
            columns: Vec::new(),
            kind: None,
            stage: Stage::Header,
            rows: 0,
            sampled: 0,
            warned_columns: Default::default(),
            second_candidates: Default::default(),
            problem: None,
            gate: Default::default(),
            plan_sample: Vec::new(),
            from_plan: false,
            layout: None,
        }
    }

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
                if !self.from_plan && self.preview.len() < self.resolved.preview_rows {
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
