//! The streaming entry point: `Analyzer::push(chunk)` … `finish()` → report.
//!
//! The first record is the header; the next rows (up to [`SAMPLE_ROWS`]) are kept to infer the
//! schema and the dataset kind, then replayed into the kind's builder, after which rows stream
//! straight through.

use crate::dataset::events::EventLog;
use crate::dataset::survey::{Question, ScoreColumn, SurveyBuilder, SurveyColumns, SurveySettings};
use crate::dataset::table::{ColumnSpec, Table, TableBuilder, Values};
use crate::error::{Error, Result, Warning};
use crate::ingest::infer::{
    guess_role, guess_survey_role, infer_scale, ColumnProfile, Role, ValueType,
};
use crate::ingest::time::TimeFormat;
use crate::ingest::value::{is_blank, parse_number, DecimalMark};
use crate::ingest::{ChunkReader, Format, Record};
use crate::kind::{self, Kind};
use crate::metrics::survey::Scale;
use crate::options::{AnalyzeOptions, Resolved};
use crate::period::Periodizer;
use crate::report::{
    CampaignsReport, ScansReport, SocialReport, TicketsReport, TransactionsReport, VoiceReport,
};
use crate::report::{
    ColumnInfo, DatasetSummary, EffectiveOptions, EventsReport, InputSummary, KindChoice, Report,
    ReportHead, StoredColumn, SurveyReport, ENGINE,
};
use crate::vocab::WarningCode;

/// Rows sampled for schema inference before streaming starts.
pub const SAMPLE_ROWS: usize = 1000;

/// Progress of a streaming analysis.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub bytes: u64,
    /// Data rows read so far.
    pub rows: u64,
}

/// The inferred schema of a file: what `inspect` returns and every report starts with.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub kind: Kind,
    pub kind_choice: KindChoice,
    pub input: InputSummary,
    pub columns: Vec<ColumnInfo>,
    /// Rows the inference looked at.
    pub rows_sampled: u64,
    pub warnings: Vec<Warning>,
}

// Held boxed in `Stage::Streaming`, so the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
enum Builder {
    Survey(SurveyBuilder),
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
    source: &'static str,
    confidence: f64,
    reason: String,
}

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
                warnings: Vec::new(),
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
            rows: self.inner.rows,
        }
    }

    /// True once the schema is inferred (the sample is full), so [`Analyzer::schema`] is final.
    pub fn schema_ready(&self) -> bool {
        matches!(self.inner.stage, Stage::Streaming(_))
    }

    /// The inferred schema, once known (see [`Analyzer::schema_ready`]).
    pub fn schema(&self) -> Option<Schema> {
        let (kind, choice) = self.inner.kind.clone()?;
        Some(Schema {
            kind,
            kind_choice: choice,
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
            rows: self.inner.rows,
            encoding: self.reader.encoding(),
            windows1252_rows: self.reader.cp1252_records,
            delimiter,
            header: self.inner.header.clone(),
            preview: self.inner.preview.clone(),
        }
    }

    /// Ends the input without building the report: infers the schema from what was read.
    pub fn finish_schema(&mut self) -> Result<Schema> {
        if !self.schema_ready() {
            self.end_input()?;
        }
        self.schema().ok_or(Error::EmptyInput)
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
            kind,
            kind_choice,
            engine: ENGINE,
            options: EffectiveOptions {
                timezone: r.tz.name(),
                granularity: r.granularity,
                week_start: r.week_start,
                confidence: r.confidence,
            },
            input,
            columns: std::mem::take(&mut inner.columns),
        };
        let mut rejections = std::mem::take(&mut self.reader.rejections);
        Ok(match *builder {
            Builder::Survey(b) => {
                let results = b.finish(&mut inner.warnings);
                rejections.merge(results.rejections);
                let rfc = |t: Option<i64>| t.map(rfc3339);
                let comparisons = crate::metrics::compare::survey_comparisons(
                    &results.overall,
                    &results.periods,
                    &results.segments,
                    r.confidence,
                    &inner.opts.benchmarks.clone().unwrap_or_default(),
                );
                Report::Survey(Box::new(SurveyReport {
                    head,
                    first_response: rfc(results.first_time),
                    last_response: rfc(results.last_time),
                    comparisons,
                    overall: results.overall,
                    periods: results.periods,
                    segments: results.segments,
                    channel_csat: results.channel_csat,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            Builder::Table(b) if kind == Kind::Events => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let settings = &r.events;
                let filter = settings
                    .filter
                    .as_ref()
                    .map(|f| crate::dataset::events::RowFilter {
                        column: f.column.clone(),
                        value: f.value.clone(),
                    });
                let log = EventLog::from_table(
                    table,
                    &mut periodizer,
                    settings.keep_duplicates,
                    filter.as_ref(),
                );
                if let Some(f) = &filter {
                    if !log
                        .segments
                        .iter()
                        .any(|c| c.header.eq_ignore_ascii_case(&f.column))
                    {
                        return Err(Error::ColumnNotFound {
                            role: "events.filter".to_string(),
                            header: f.column.clone(),
                            available: log
                                .segments
                                .iter()
                                .map(|c| c.header.clone())
                                .collect::<Vec<_>>()
                                .join(", "),
                        });
                    }
                }
                if log.duplicates > 0 {
                    inner.warnings.push(Warning {
                        code: WarningCode::DuplicateEvents,
                        message: format!(
                            "{} rows repeat an earlier row exactly (same user, time, event, page, session) and were counted once; set events.keepDuplicates to keep them",
                            log.duplicates
                        ),
                    });
                }
                let mut events =
                    crate::metrics::events::compute(&log, settings, &mut periodizer, &r.intervals);
                events.signals = signals(&events, &inner.opts);
                Report::Events(Box::new(EventsReport {
                    head,
                    dataset,
                    events,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            Builder::Table(b) if kind == Kind::Transactions => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let (mut revenue, rfm, lifetime_value, clv) = transactions_metrics(
                    &table,
                    &mut periodizer,
                    r,
                    &inner.opts,
                    &mut inner.warnings,
                )?;
                revenue.signals = signals(&revenue, &inner.opts);
                Report::Transactions(Box::new(TransactionsReport {
                    head,
                    dataset,
                    revenue,
                    rfm,
                    lifetime_value,
                    clv,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            Builder::Table(b) if kind == Kind::Tickets => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let mut support = crate::metrics::support::support(
                    &table,
                    &mut periodizer,
                    &inner.opts.support.clone().unwrap_or_default(),
                    &r.intervals,
                )?;
                if support.inconsistent_times > 0 {
                    inner.warnings.push(Warning {
                        code: WarningCode::TimesBeforeCreation,
                        message: format!(
                            "{} first-response or resolution times are earlier than the ticket's creation; they are left out of the durations",
                            support.inconsistent_times
                        ),
                    });
                }
                support.signals = signals(&support, &inner.opts);
                Report::Tickets(Box::new(TicketsReport {
                    head,
                    dataset,
                    support,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            Builder::Table(b) if kind == Kind::Campaigns => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let mut campaigns =
                    crate::metrics::campaigns::campaigns(&table, &mut periodizer, r.confidence);
                campaigns.signals = signals(&campaigns, &inner.opts);
                Report::Campaigns(Box::new(CampaignsReport {
                    head,
                    dataset,
                    campaigns,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            Builder::Table(b) if kind == Kind::Social => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let mut social = crate::metrics::social::social(
                    &table,
                    &mut periodizer,
                    &inner.opts.social.clone().unwrap_or_default(),
                    r.confidence,
                );
                social.signals = signals(&social, &inner.opts);
                Report::Social(Box::new(SocialReport {
                    head,
                    dataset,
                    social,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            Builder::Table(b) if matches!(kind, Kind::Reviews | Kind::Mentions) => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let mut voice = crate::metrics::voice::voice(
                    &table,
                    &mut periodizer,
                    &inner.opts.voice.clone().unwrap_or_default(),
                    kind == Kind::Reviews,
                    r.confidence,
                );
                voice.signals = signals(&voice, &inner.opts);
                Report::Voice(Box::new(VoiceReport {
                    head,
                    dataset,
                    voice,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
            // Scans: the remaining table kind.
            Builder::Table(b) => {
                let (table, dataset) = b.finish_into(&mut rejections);
                let mut periodizer = Periodizer::new(r.tz, r.granularity, r.week_start);
                let scans = crate::metrics::scans::scans(&table, &mut periodizer, r.confidence);
                Report::Scans(Box::new(ScansReport {
                    head,
                    dataset,
                    scans,
                    rejected: rejections.into_vec(),
                    warnings: std::mem::take(&mut inner.warnings),
                }))
            }
        })
    }

    fn decoding_warnings(&mut self) {
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

/// RFC 3339 (UTC) text of epoch seconds.
pub fn rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

/// Revenue per period, RFM and (on request) predictive CLV of a transactions table; local days
/// are computed once for all three.
/// A kind's trend flags and its gaps to the user's `benchmarks`.
fn signals(
    m: &impl crate::metrics::signals::Headlines,
    o: &AnalyzeOptions,
) -> crate::metrics::signals::Signals {
    crate::metrics::signals::signals(m, &o.benchmarks.clone().unwrap_or_default())
}

fn transactions_metrics(
    table: &Table,
    periodizer: &mut Periodizer,
    r: &Resolved,
    opts: &AnalyzeOptions,
    warnings: &mut Vec<Warning>,
) -> Result<(
    crate::metrics::revenue::RevenueReport,
    crate::metrics::rfm::Rfm,
    crate::metrics::lifetime_value::LifetimeValue,
    Option<crate::metrics::clv::predict::PredictiveClv>,
)> {
    let lv_opts = opts.lifetime_value.clone().unwrap_or_default();
    lv_opts.validate()?;
    let (customer, names): (&[u32], Vec<String>) = match table.codes(Role::UserId) {
        Some((c, d)) => (
            c,
            (0..d.len() as u32).map(|k| d.name(k).to_string()).collect(),
        ),
        None => (&[], Vec::new()),
    };
    let customers = names.len();
    let amounts = table.numbers(Role::Amount).unwrap_or_default();
    let days: Vec<i64> = table
        .times(Role::Timestamp)
        .unwrap_or_default()
        .iter()
        .map(|&t| periodizer.local_day(t))
        .collect();
    let orders = crate::metrics::revenue::Orders {
        customer,
        days: &days,
        amount: amounts,
        order: table.codes(Role::OrderId).map(|(c, _)| c),
        customers,
    };
    let revenue = crate::metrics::revenue::period_revenue(
        &orders,
        periodizer,
        r.lost_after_periods,
        lv_opts.project_periods.unwrap_or(12),
        r.confidence,
    );
    // Purchases (amount ≥ 0) per customer, for RFM recency and the CLV models.
    let mut purchases: Vec<Vec<(i64, f64)>> = vec![Vec::new(); customers];
    for ((&c, &d), &a) in customer.iter().zip(&days).zip(amounts) {
        if a >= 0.0 {
            purchases[c as usize].push((d, a));
        }
    }
    let as_of = days.iter().copied().max();
    let last_day: Vec<Option<i64>> = purchases
        .iter()
        .map(|p| p.iter().map(|x| x.0).max())
        .collect();
    let rfm = crate::metrics::rfm::rfm(
        &names,
        &last_day,
        &revenue.customer_orders,
        &revenue.customer_revenue,
        as_of.unwrap_or(0),
        as_of.map(crate::period::day_label).unwrap_or_default(),
        opts.rfm_customers.unwrap_or(false),
    );
    let clv = match (&opts.clv, as_of) {
        (Some(o), Some(last)) => Some(crate::metrics::clv::predict::predictive_clv(
            &purchases,
            &names,
            warnings,
            last,
            o,
            &r.intervals,
        )?),
        _ => None,
    };
    let buyers: Vec<f64> = revenue
        .customer_revenue
        .iter()
        .zip(&revenue.customer_orders)
        .filter(|(_, &o)| o > 0)
        .map(|(r, _)| *r)
        .collect();
    let lifetime_value = crate::metrics::lifetime_value::lifetime_value(
        &revenue.periods,
        &buyers,
        r.granularity,
        &lv_opts,
        &r.intervals,
    );
    Ok((revenue, rfm, lifetime_value, clv))
}

impl TableBuilder {
    /// The finished table and its summary; its rejections join `rejections`.
    fn finish_into(self, rejections: &mut crate::error::Rejections) -> (Table, DatasetSummary) {
        let skipped = self.rows_skipped;
        let (table, rej) = self.finish();
        rejections.merge(rej);
        let summary = summarize(&table, skipped);
        (table, summary)
    }
}

/// The stored columns of a table, with their counts and ranges.
fn summarize(table: &Table, skipped: u64) -> DatasetSummary {
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let (distinct, min, max) = match &c.values {
                Values::Codes { dict, .. } => (Some(dict.len() as u64), None, None),
                Values::Times(v) => {
                    let present = v
                        .iter()
                        .copied()
                        .filter(|t| *t != crate::dataset::table::NO_TIME);
                    let (lo, hi) =
                        present.fold((None, None), |(lo, hi): (Option<i64>, Option<i64>), t| {
                            (
                                Some(lo.map_or(t, |l| l.min(t))),
                                Some(hi.map_or(t, |h| h.max(t))),
                            )
                        });
                    let text = |t: Option<i64>| t.map(|t| serde_json::Value::String(rfc3339(t)));
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
                    let num = |x: Option<f64>| {
                        x.and_then(serde_json::Number::from_f64)
                            .map(serde_json::Value::Number)
                    };
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
            }
        })
        .collect();
    DatasetSummary {
        rows_kept: table.rows as u64,
        rows_skipped: skipped,
        columns,
        bytes_per_row: table.bytes_per_row() as u64,
        memory_bytes: table.heap_bytes() as u64,
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
        a.push(chunk)?;
        if a.schema_ready() {
            return a.finish_schema();
        }
    }
    a.finish_schema()
}

impl Inner {
    fn on_record(&mut self, rec: Record<'_>) -> Result<()> {
        match &mut self.stage {
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
                match b.as_mut() {
                    Builder::Survey(s) => s.add(&rec),
                    Builder::Table(t) => t.add(&rec)?,
                }
            }
            Stage::Failed => {}
        }
        Ok(())
    }

    fn set_header(&mut self, rec: &Record<'_>) -> Result<()> {
        let fields: Vec<&str> = rec.iter().collect();
        if fields.iter().all(|f| is_blank(f)) {
            return Err(Error::NoHeader {
                reason: "the first row is empty".to_string(),
            });
        }
        // A header of only numbers/dates is a data row: the header is probably missing.
        let looks_like_data = fields.iter().all(|f| {
            parse_number(f).is_some()
                || crate::ingest::time::parse_timestamp(
                    f,
                    TimeFormat::Iso,
                    &crate::period::ReportTz::Utc,
                )
                .is_some()
        });
        if looks_like_data {
            return Err(Error::NoHeader {
                reason: format!(
                    "the first row ({}) holds only numbers or dates; add a header row naming the columns",
                    fields.iter().take(5).copied().collect::<Vec<_>>().join(", ")
                ),
            });
        }
        let mut header: Vec<String> = Vec::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            let mut name = f.trim().to_string();
            if name.is_empty() {
                name = format!("column {}", i + 1);
            }
            if header.contains(&name) {
                self.warnings.push(Warning {
                    code: WarningCode::DuplicateHeader,
                    message: format!(
                        "header `{name}` appears more than once; column {} is named `{name} ({})`",
                        i + 1,
                        i + 1
                    ),
                });
                name = format!("{name} ({})", i + 1);
            }
            header.push(name);
        }
        self.header = header;
        Ok(())
    }

    fn find(&self, role: &str, header: &str) -> Result<usize> {
        let want = header.trim();
        self.header
            .iter()
            .position(|h| h == want)
            .or_else(|| {
                self.header
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(want))
            })
            .ok_or_else(|| Error::ColumnNotFound {
                role: role.to_string(),
                header: want.to_string(),
                available: self.header.join(", "),
            })
    }

    /// The roles given explicitly by the `columns` and `segments` options.
    fn explicit_roles(&self) -> Result<(Vec<Option<Assigned>>, bool)> {
        let mut roles: Vec<Option<Assigned>> = vec![None; self.header.len()];
        let mapped = |reason: &str| Assigned {
            role: Role::Ignored,
            source: "mapped",
            confidence: 1.0,
            reason: reason.to_string(),
        };
        if let Some(map) = &self.opts.columns {
            for (role_name, header) in map {
                let role = Role::parse_mapping(role_name).ok_or_else(|| {
                    Error::option(
                        "columns",
                        format!("unknown role `{role_name}` (roles: {})", Role::names()),
                    )
                })?;
                let i = self.find(role_name, header)?;
                roles[i] = Some(Assigned {
                    role,
                    ..mapped("explicit mapping")
                });
            }
        }
        for h in self.opts.ignore.iter().flatten() {
            let i = self.find("ignore", h)?;
            roles[i] = Some(Assigned {
                role: Role::Ignored,
                ..mapped("left out by the ignore option")
            });
        }
        let explicit_segments = self.opts.segments.is_some();
        for h in self.opts.segments.iter().flatten() {
            let i = self.find("segment", h)?;
            if roles[i].is_none() {
                roles[i] = Some(Assigned {
                    role: Role::Segment,
                    ..mapped("explicit segment")
                });
            }
        }
        Ok((roles, explicit_segments))
    }

    /// Fills unassigned columns with `guess`, keeping unique roles unique (an explicit mapping
    /// or an earlier column wins).
    fn detect_roles(
        &mut self,
        roles: &mut [Option<Assigned>],
        explicit_segments: bool,
        profiles: &[ColumnProfile],
        guess: fn(&str, &ColumnProfile) -> Option<crate::ingest::infer::Guess>,
    ) {
        for i in 0..roles.len() {
            if roles[i].is_some() {
                continue;
            }
            let Some(g) = guess(&self.header[i], &profiles[i]) else {
                continue;
            };
            // With an explicit segment list, detected segments are not used.
            if g.role == Role::Segment && explicit_segments {
                continue;
            }
            if g.role.is_unique() && roles.iter().flatten().any(|x| x.role == g.role) {
                roles[i] = Some(Assigned {
                    role: Role::Ignored,
                    source: "detected",
                    confidence: g.confidence,
                    reason: format!(
                        "also looks like {} ({}), but an earlier or mapped column has that role",
                        g.role.name(),
                        g.reason
                    ),
                });
                continue;
            }
            roles[i] = Some(Assigned {
                role: g.role,
                source: "detected",
                confidence: g.confidence,
                reason: g.reason,
            });
        }
    }

    /// The time format of column `i`: the option, else what its values show.
    fn time_format_of(&self, i: usize, p: &ColumnProfile) -> Result<TimeFormat> {
        if let Some(f) = self.resolved.time_format {
            return Ok(f);
        }
        match p.time_format(0.5) {
            Some(Ok(f)) => Ok(f),
            Some(Err(example)) => Err(Error::AmbiguousDateOrder {
                column: self.header[i].clone(),
                example,
            }),
            None => Ok(TimeFormat::Iso),
        }
    }

    /// Infers roles and kind over the sample, applies the explicit mapping, builds the
    /// dataset and replays the sample into it.
    fn start_streaming(&mut self) -> Result<()> {
        let Stage::Sampling(sample) = std::mem::replace(&mut self.stage, Stage::Failed) else {
            return Ok(());
        };
        self.sampled = sample.len() as u64;
        let ncol = self.header.len();
        let mut profiles = vec![ColumnProfile::default(); ncol];
        for (_, row) in &sample {
            for (p, v) in profiles.iter_mut().zip(row) {
                p.observe(v);
            }
        }
        let (explicit, explicit_segments) = self.explicit_roles()?;

        // The kind: the option, else what the roles of every column point to.
        let mut generic = explicit.clone();
        self.detect_roles(&mut generic, explicit_segments, &profiles, guess_role);
        let found: Vec<Role> = generic.iter().flatten().map(|a| a.role).collect();
        let (kind, choice) = match self.resolved.kind {
            Some(k) => (
                k,
                KindChoice {
                    source: "option",
                    reason: "set by the kind option".to_string(),
                },
            ),
            None => match kind::detect(&found) {
                Some((k, reason)) => (
                    k,
                    KindChoice {
                        source: "detected",
                        reason,
                    },
                ),
                None => return Err(self.no_kind(&found)),
            },
        };
        let mut roles = if kind == Kind::Survey {
            let mut r = explicit;
            self.detect_roles(&mut r, explicit_segments, &profiles, guess_survey_role);
            r
        } else {
            generic
        };
        if !kind.satisfied_by(&roles.iter().flatten().map(|a| a.role).collect::<Vec<_>>()) {
            let found: Vec<Role> = roles.iter().flatten().map(|a| a.role).collect();
            return Err(Error::NoMetricColumns {
                kind: kind.name(),
                reason: format!(
                    "a file of kind `{}` needs columns for {}; found {}. Name them with the `columns` option, e.g. {{\"userId\": \"Customer\"}}",
                    kind.name(),
                    kind.requirement_text(),
                    role_list(&found)
                ),
            });
        }
        if sample.is_empty() {
            self.warnings.push(Warning {
                code: WarningCode::NoRows,
                message: "the file has a header but no data rows".to_string(),
            });
        }
        for r in roles.iter_mut() {
            if r.is_none() {
                *r = Some(Assigned {
                    role: Role::Ignored,
                    source: "detected",
                    confidence: 0.5,
                    reason: "no role recognised".to_string(),
                });
            }
        }
        let roles: Vec<Assigned> = roles.into_iter().flatten().collect();
        let builder = match kind {
            Kind::Survey => Builder::Survey(self.survey_builder(&roles, &profiles)?),
            _ => Builder::Table(self.table_builder(kind, &roles, &profiles)?),
        };
        self.kind = Some((kind, choice));
        self.stage = Stage::Streaming(Box::new(builder));

        // Replay the sample through the same path as streamed rows.
        let mut text = String::new();
        let mut ends = Vec::new();
        for (row, fields) in &sample {
            text.clear();
            ends.clear();
            for f in fields {
                text.push_str(f);
                ends.push(text.len());
            }
            let rec = Record::from_parts(*row, &text, &ends);
            if let Stage::Streaming(b) = &mut self.stage {
                match b.as_mut() {
                    Builder::Survey(s) => s.add(&rec),
                    Builder::Table(t) => t.add(&rec)?,
                }
            }
        }
        Ok(())
    }

    fn no_kind(&self, found: &[Role]) -> Error {
        let needs: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("{}: {}", k.name(), k.requirement_text()))
            .collect();
        Error::NoMetricColumns {
            kind: "any kind",
            reason: format!(
                "the columns ({}) were read as {}, which fits no kind of dataset ({}). Set `kind` and name the columns with the `columns` option",
                self.header.join(", "),
                role_list(found),
                needs.join("; ")
            ),
        }
    }

    fn column_info(&self, i: usize, a: &Assigned) -> ColumnInfo {
        ColumnInfo {
            index: i,
            header: self.header[i].clone(),
            role: a.role,
            value_type: a.role.value_type(),
            confidence: a.confidence,
            source: a.source,
            reason: a.reason.clone(),
            scale: None,
            time_format: None,
            decimal_mark: None,
        }
    }

    fn table_builder(
        &mut self,
        kind: Kind,
        roles: &[Assigned],
        profiles: &[ColumnProfile],
    ) -> Result<TableBuilder> {
        let mut specs = Vec::new();
        let mut info = Vec::with_capacity(roles.len());
        for (i, a) in roles.iter().enumerate() {
            let mut ci = self.column_info(i, a);
            let t = a.role.value_type();
            let mut spec = ColumnSpec {
                index: i,
                role: a.role,
                time_format: None,
                decimal: DecimalMark::Dot,
            };
            match t {
                ValueType::None => {}
                ValueType::Time => {
                    let f = self.time_format_of(i, &profiles[i])?;
                    ci.time_format = Some(f);
                    spec.time_format = Some(f);
                }
                ValueType::Amount | ValueType::Count | ValueType::Score => {
                    let m = self
                        .resolved
                        .decimal_mark
                        .unwrap_or_else(|| profiles[i].decimal.decide());
                    ci.decimal_mark = Some(m);
                    spec.decimal = m;
                }
                ValueType::Id | ValueType::Category | ValueType::Sentiment => {}
            }
            if t != ValueType::None {
                specs.push(spec);
            }
            info.push(ci);
        }
        self.columns = info;
        Ok(TableBuilder::new(
            self.header.clone(),
            specs,
            kind::row_requirements(kind),
            self.resolved.tz,
            self.resolved.max_distinct_ids,
        ))
    }

    fn survey_builder(
        &mut self,
        roles: &[Assigned],
        profiles: &[ColumnProfile],
    ) -> Result<SurveyBuilder> {
        let mut cols = SurveyColumns::default();
        let mut info = Vec::with_capacity(roles.len());
        for (i, a) in roles.iter().enumerate() {
            let mut ci = self.column_info(i, a);
            let metric = match a.role {
                Role::Nps => Some(Question::Nps),
                Role::Csat => Some(Question::Csat),
                Role::Ces => Some(Question::Ces),
                _ => None,
            };
            if let Some(m) = metric {
                let k = m as usize;
                let scale = match m {
                    Question::Nps => Scale::NPS,
                    Question::Csat => match self.opts.csat.as_ref().and_then(|c| c.scale) {
                        Some(s) => s,
                        None => scale_of(infer_scale(&profiles[i], 1)),
                    },
                    Question::Ces => match self.opts.ces.as_ref().and_then(|c| c.scale) {
                        Some(s) => s,
                        None => scale_of(infer_scale(&profiles[i], 1)),
                    },
                };
                ci.scale = Some(scale);
                cols.scores[k] = Some(ScoreColumn { index: i, scale });
            }
            match ci.role {
                Role::Timestamp if cols.timestamp.is_none() => {
                    let fmt = self.time_format_of(i, &profiles[i])?;
                    ci.time_format = Some(fmt);
                    cols.timestamp = Some((i, fmt));
                }
                Role::Channel if cols.channel.is_none() => cols.channel = Some(i),
                Role::Segment => cols.segments.push(i),
                Role::Text if cols.text.is_none() => cols.text = Some(i),
                _ => {}
            }
            info.push(ci);
        }
        if cols.scores.iter().all(Option::is_none) {
            return Err(Error::NoMetricColumns {
                kind: "survey",
                reason: format!(
                    "none of the columns ({}) looks like an NPS (0–10), CSAT or CES question; name them with the `columns` option, e.g. {{\"nps\": \"Q1\"}}",
                    self.header.join(", ")
                ),
            });
        }
        let csat = self.opts.csat.clone().unwrap_or_default();
        let ces = self.opts.ces.clone().unwrap_or_default();
        let level = self.resolved.confidence;
        let mut csat_opts = csat.clone();
        csat_opts.confidence = csat.confidence.or(Some(level));
        csat_opts.scale = cols.scores[1].as_ref().map(|c| c.scale).or(csat.scale);
        let mut ces_opts = ces.clone();
        ces_opts.confidence = ces.confidence.or(Some(level));
        ces_opts.scale = cols.scores[2].as_ref().map(|c| c.scale).or(ces.scale);
        let mut nps = self.opts.nps.clone().unwrap_or_default();
        nps.confidence = nps.confidence.or(Some(level));
        let settings = SurveySettings {
            level: nps.confidence.unwrap_or(level),
            nps,
            csat: csat_opts.resolve(Scale::CSAT)?,
            ces: ces_opts.resolve(Scale::CES)?,
            max_segment_values: self.resolved.max_segment_values,
            channel_weights: self.opts.channel_weights.clone(),
        };
        let periodizer = Periodizer::new(
            self.resolved.tz,
            self.resolved.granularity,
            self.resolved.week_start,
        );
        self.columns = info;
        Ok(SurveyBuilder::new(
            self.header.clone(),
            cols,
            settings,
            periodizer,
        ))
    }
}

fn role_list(roles: &[Role]) -> String {
    let used: Vec<&str> = roles
        .iter()
        .filter(|r| !matches!(r, Role::Ignored | Role::Text | Role::Id))
        .map(|r| r.name())
        .collect();
    if used.is_empty() {
        "no usable roles".to_string()
    } else {
        used.join(", ")
    }
}

fn scale_of((min, max): (i32, i32)) -> Scale {
    Scale { min, max }
}
