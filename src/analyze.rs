//! The streaming entry point: `Analyzer::push(chunk)` … `finish()` → report.
//!
//! The first record is the header; the next rows (up to [`SAMPLE_ROWS`]) are kept to infer the
//! schema, then replayed into the dataset builder, after which rows stream straight through.

use crate::dataset::survey::{Metric, ScoreColumn, SurveyBuilder, SurveyColumns, SurveySettings};
use crate::error::{Error, Result, Warning};
use crate::ingest::infer::{guess_survey_role, infer_scale, ColumnProfile, Role};
use crate::ingest::time::TimeFormat;
use crate::ingest::value::{is_blank, parse_number};
use crate::ingest::{ChunkReader, Record};
use crate::metrics::survey::Scale;
use crate::options::{AnalyzeOptions, Resolved};
use crate::period::Periodizer;
use crate::report::{ColumnInfo, EffectiveOptions, InputSummary, Report, SurveyReport, ENGINE};

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

enum Stage {
    Header,
    Sampling(Vec<(u64, Vec<String>)>),
    Streaming(Box<SurveyBuilder>),
    Failed,
}

struct Inner {
    opts: AnalyzeOptions,
    resolved: Resolved,
    header: Vec<String>,
    preview: Vec<Vec<String>>,
    columns: Vec<ColumnInfo>,
    stage: Stage,
    rows: u64,
    warnings: Vec<Warning>,
}

/// Streaming analyzer. Feed byte chunks of any size with [`Analyzer::push`], then call
/// [`Analyzer::finish`]. Memory stays bounded by the sample and the aggregates.
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
                stage: Stage::Header,
                rows: 0,
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

    pub fn finish(&mut self) -> Result<Report> {
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
        let Stage::Streaming(builder) = std::mem::replace(&mut inner.stage, Stage::Failed) else {
            return Err(Error::EmptyInput);
        };
        if self.reader.cp1252_records > 0 {
            inner.warnings.push(Warning {
                code: "DECODED_AS_WINDOWS_1252",
                message: format!(
                    "{} rows were not valid UTF-8 and were read as Windows-1252 (Latin-1); check accented characters",
                    self.reader.cp1252_records
                ),
            });
        }
        if self.reader.replaced_chars() > 0 {
            inner.warnings.push(Warning {
                code: "INVALID_UTF16",
                message: format!(
                    "{} invalid UTF-16 code units were replaced by U+FFFD",
                    self.reader.replaced_chars()
                ),
            });
        }
        let results = builder.finish(&mut inner.warnings);
        let r = &inner.resolved;
        let rfc = |t: Option<i64>| {
            t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                .map(|d| d.to_rfc3339())
        };
        let delimiter = match self.reader.delimiter() {
            b'\t' => "\\t".to_string(),
            d => (d as char).to_string(),
        };
        Ok(Report::Survey(Box::new(SurveyReport {
            kind: "survey",
            engine: ENGINE,
            options: EffectiveOptions {
                timezone: r.tz.name(),
                granularity: r.granularity,
                week_start: r.week_start,
                confidence: r.confidence,
            },
            input: InputSummary {
                bytes: self.reader.bytes_in(),
                rows: inner.rows,
                encoding: self.reader.encoding(),
                windows1252_rows: self.reader.cp1252_records,
                delimiter,
                header: std::mem::take(&mut inner.header),
                preview: std::mem::take(&mut inner.preview),
            },
            columns: std::mem::take(&mut inner.columns),
            first_response: rfc(results.first_time),
            last_response: rfc(results.last_time),
            overall: results.overall,
            periods: results.periods,
            segments: results.segments,
            channel_csat: results.channel_csat,
            rejected: results.rejections.into_vec(),
            warnings: std::mem::take(&mut inner.warnings),
        })))
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
                b.add(&rec);
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
                    code: "DUPLICATE_HEADER",
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

    /// Infers roles over the sample, applies the explicit mapping, builds the dataset and replays.
    fn start_streaming(&mut self) -> Result<()> {
        let Stage::Sampling(sample) = std::mem::replace(&mut self.stage, Stage::Failed) else {
            return Ok(());
        };
        let ncol = self.header.len();
        let mut profiles = vec![ColumnProfile::default(); ncol];
        for (_, row) in &sample {
            for (p, v) in profiles.iter_mut().zip(row) {
                p.observe(v);
            }
        }

        // Explicit mapping first.
        let mut roles: Vec<Option<(Role, &'static str, f64, String)>> = vec![None; ncol];
        if let Some(map) = &self.opts.columns {
            for (role_name, header) in map {
                let role = Role::parse(role_name).ok_or_else(|| {
                    Error::option(
                        "columns",
                        format!("unknown role `{role_name}` (use nps, csat, ces, timestamp, channel, segment, text, id, ignore)"),
                    )
                })?;
                let i = self.find(role_name, header)?;
                roles[i] = Some((role, "mapped", 1.0, "explicit mapping".to_string()));
            }
        }
        let explicit_segments = match &self.opts.segments {
            Some(list) => {
                let mut v = Vec::new();
                for h in list {
                    let i = self.find("segment", h)?;
                    if roles[i].is_none() {
                        roles[i] =
                            Some((Role::Segment, "mapped", 1.0, "explicit segment".to_string()));
                    }
                    v.push(i);
                }
                Some(v)
            }
            None => None,
        };
        let mapped = |r: Role, roles: &[Option<(Role, &'static str, f64, String)>]| {
            roles.iter().flatten().any(|x| x.0 == r)
        };
        for i in 0..ncol {
            if roles[i].is_some() {
                continue;
            }
            if let Some(g) = guess_survey_role(&self.header[i], &profiles[i]) {
                // A role mapped explicitly is not detected again elsewhere.
                let unique = matches!(
                    g.role,
                    Role::Nps | Role::Csat | Role::Ces | Role::Timestamp | Role::Channel
                );
                if unique && (mapped(g.role, &roles)) {
                    continue;
                }
                // With an explicit segment list, detected segments are not used.
                if g.role == Role::Segment && explicit_segments.is_some() {
                    continue;
                }
                roles[i] = Some((g.role, "detected", g.confidence, g.reason));
            }
        }

        let mut cols = SurveyColumns::default();
        let mut info = Vec::with_capacity(ncol);
        for (i, r) in roles.iter().enumerate() {
            let (role, source, confidence, reason) = r.clone().unwrap_or((
                Role::Ignored,
                "detected",
                0.5,
                "no role recognised".to_string(),
            ));
            let mut ci = ColumnInfo {
                index: i,
                header: self.header[i].clone(),
                role,
                confidence,
                source,
                reason,
                scale: None,
                time_format: None,
            };
            let metric = match role {
                Role::Nps => Some(Metric::Nps),
                Role::Csat => Some(Metric::Csat),
                Role::Ces => Some(Metric::Ces),
                _ => None,
            };
            if let Some(m) = metric {
                let k = m as usize;
                if cols.scores[k].is_some() {
                    self.warnings.push(Warning {
                        code: "SECOND_SCORE_COLUMN",
                        message: format!("column `{}` also looks like {role:?}; only the first such column is used", self.header[i]),
                    });
                    ci.role = Role::Ignored;
                } else {
                    let scale = match m {
                        Metric::Nps => Scale::NPS,
                        Metric::Csat => match self.opts.csat.as_ref().and_then(|c| c.scale) {
                            Some(s) => s,
                            None => scale_of(infer_scale(&profiles[i], 1)),
                        },
                        Metric::Ces => match self.opts.ces.as_ref().and_then(|c| c.scale) {
                            Some(s) => s,
                            None => scale_of(infer_scale(&profiles[i], 1)),
                        },
                    };
                    ci.scale = Some(scale);
                    cols.scores[k] = Some(ScoreColumn { index: i, scale });
                }
            }
            match ci.role {
                Role::Timestamp if cols.timestamp.is_none() => {
                    let fmt = match self.resolved.time_format {
                        Some(f) => f,
                        None => match profiles[i].time_format(0.5) {
                            Some(Ok(f)) => f,
                            Some(Err(example)) => {
                                return Err(Error::AmbiguousDateOrder {
                                    column: self.header[i].clone(),
                                    example,
                                })
                            }
                            None => TimeFormat::Iso,
                        },
                    };
                    ci.time_format = Some(fmt);
                    cols.timestamp = Some((i, fmt));
                }
                Role::Channel if cols.channel.is_none() => cols.channel = Some(i),
                Role::Segment => cols.segments.push(i),
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
        if sample.is_empty() {
            self.warnings.push(Warning {
                code: "NO_ROWS",
                message: "the file has a header but no data rows".to_string(),
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
        let mut builder = SurveyBuilder::new(self.header.clone(), cols, settings, periodizer);

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
            builder.add(&Record::from_parts(*row, &text, &ends));
        }
        self.columns = info;
        self.stage = Stage::Streaming(Box::new(builder));
        Ok(())
    }
}

fn scale_of((min, max): (i32, i32)) -> Scale {
    Scale { min, max }
}
