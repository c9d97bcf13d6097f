//! Schema inference: the header, each column's role (explicit mapping first, then what the
//! sample's values and headers show), the dataset kind, and the builder the rows stream into.

use super::gate::{BoundFilter, Gate, ValueCounter};
use super::kind;
use super::{Assigned, Builder, Inner, Stage};
use crate::dataset::scores::Scale;
use crate::dataset::survey::{Question, ScoreColumn, SurveyBuilder, SurveyColumns, SurveySettings};
use crate::dataset::table::{ColumnSpec, TableBuilder};
use crate::error::{Error, Result, Warning};
use crate::ingest::infer::{guess_role, guess_survey_role, infer_scale, ColumnProfile};
use crate::ingest::time::TimeFormat;
use crate::ingest::value::{is_blank, parse_number, DecimalMark};
use crate::ingest::Record;
use crate::metrics::survey::groups::SurveyParams;
use crate::period::Periodizer;
use crate::report::{ColumnInfo, ColumnSource, KindChoice, KindSource, SchemaProblem};
use crate::vocab::{Kind, Role, ValueType, WarningCode};

impl Inner {
    pub(super) fn set_header(&mut self, rec: &Record<'_>) -> Result<()> {
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
        // Names taken so far: a set, so a header of 40,000 columns costs 40,000 lookups.
        // (The same map type as the JSON reader's key index: one copy in the .wasm.)
        let mut taken: std::collections::HashMap<String, usize> = Default::default();
        for (i, f) in fields.iter().enumerate() {
            let mut name = f.trim().to_string();
            if name.is_empty() {
                name = format!("column {}", i + 1);
            }
            crate::work::step(1);
            if taken.insert(name.clone(), i).is_some() {
                self.warnings.push(Warning {
                    code: WarningCode::DuplicateHeader,
                    message: format!(
                        "header `{name}` appears more than once; column {} is named `{name} ({})`",
                        i + 1,
                        i + 1
                    ),
                });
                name = format!("{name} ({})", i + 1);
                taken.insert(name.clone(), i);
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
            source: ColumnSource::Mapped,
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
            let i = self.find(Role::Segment.name(), h)?;
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
        // Unique roles given so far: at most one column each, so the list stays as short as
        // the vocabulary of roles and many columns cost a few comparisons each.
        let mut taken: Vec<Role> = roles
            .iter()
            .flatten()
            .map(|a| a.role)
            .filter(|r| r.is_unique())
            .collect();
        for i in 0..roles.len() {
            if roles[i].is_some() {
                continue;
            }
            let Some(g) = guess(&self.header[i], &profiles[i]) else {
                continue;
            };
            if g.warn {
                let message = format!(
                    "column `{}` is ignored: {}",
                    crate::error::truncate(&self.header[i], 100),
                    g.reason
                );
                // Roles are detected for more than one kind: one warning per column, and at
                // most 20 (columns[] lists them all).
                if self.warned_columns.len() < 20 && !self.warned_columns.contains(&i) {
                    self.warned_columns.push(i);
                    self.warnings.push(Warning {
                        code: WarningCode::IgnoredColumn,
                        message,
                    });
                }
            }
            // With an explicit segment list, detected segments are not used.
            if g.role == Role::Segment && explicit_segments {
                continue;
            }
            crate::work::step(1);
            if g.role.is_unique() && taken.contains(&g.role) {
                roles[i] = Some(Assigned {
                    role: Role::Ignored,
                    source: ColumnSource::Detected,
                    confidence: g.confidence,
                    reason: format!(
                        "also looks like {} ({}), but an earlier or mapped column has that role",
                        g.role.name(),
                        g.reason
                    ),
                });
                self.second_candidates.push(i);
                continue;
            }
            if g.role.is_unique() && !taken.contains(&g.role) {
                taken.push(g.role);
            }
            roles[i] = Some(Assigned {
                role: g.role,
                source: ColumnSource::Detected,
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
    /// Settles the schema from the sample and replays it. When that fails on the schema itself,
    /// the columns as recognised and the problem are kept for `inspect`.
    pub(super) fn start_streaming(&mut self) -> Result<()> {
        let mut kind = self.resolved.kind;
        let r = self.settle_schema(&mut kind);
        if let Err(e) = &r {
            let column = match e {
                Error::AmbiguousDateOrder { column, .. } => Some(column.clone()),
                _ => None,
            };
            if matches!(
                e,
                Error::NoMetricColumns { .. } | Error::AmbiguousDateOrder { .. }
            ) {
                let problem = SchemaProblem {
                    code: e.code(),
                    message: e.to_string(),
                    column,
                };
                self.problem = Some((kind, problem));
            }
        }
        r
    }

    fn settle_schema(&mut self, settled: &mut Option<Kind>) -> Result<()> {
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
        self.columns = self.draft_columns(&generic, &profiles);
        let (kind, choice) = match self.resolved.kind {
            Some(k) => (
                k,
                KindChoice {
                    source: KindSource::Option,
                    reason: "set by the kind option".to_string(),
                },
            ),
            None => match kind::detect(&found) {
                Some((k, reason)) => (
                    k,
                    KindChoice {
                        source: KindSource::Detected,
                        reason,
                    },
                ),
                None => return Err(self.no_kind(&found)),
            },
        };
        *settled = Some(kind);
        let mut roles = if kind == Kind::Survey {
            let mut r = explicit;
            self.detect_roles(&mut r, explicit_segments, &profiles, guess_survey_role);
            self.columns = self.draft_columns(&r, &profiles);
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
        // Columns left without a role, and second candidates for a one-column role (a second
        // channel, a `user_cohort` beside the user id): in the kinds that break figures down by
        // segment, text with a few distinct values becomes a breakdown (up to DEFAULT_SEGMENTS,
        // unless `segments` lists them); the rest is left out.
        let breaks_down = matches!(kind, Kind::Survey | Kind::Events) && !explicit_segments;
        let mut segments = roles
            .iter()
            .flatten()
            .filter(|a| a.role == Role::Segment)
            .count();
        for (i, r) in roles.iter_mut().enumerate() {
            let second = self.second_candidates.contains(&i)
                && r.as_ref().is_some_and(|a| a.role == Role::Ignored);
            if r.is_some() && !second {
                continue;
            }
            let segment =
                breaks_down && segments < DEFAULT_SEGMENTS && breakdown_values(&profiles[i]);
            segments += usize::from(segment);
            match r {
                Some(a) if segment => {
                    a.role = Role::Segment;
                    a.reason.push_str("; its few values make it a breakdown");
                }
                Some(_) => {}
                None => {
                    *r = Some(Assigned {
                        role: if segment {
                            Role::Segment
                        } else {
                            Role::Ignored
                        },
                        source: ColumnSource::Detected,
                        confidence: 0.5,
                        reason: if segment {
                            format!(
                                "no role recognised; {} distinct short values make it a breakdown",
                                profiles[i].distinct.len()
                            )
                        } else {
                            "no role recognised".to_string()
                        },
                    })
                }
            }
        }
        let roles: Vec<Assigned> = roles.into_iter().flatten().collect();
        let builder = match kind {
            Kind::Survey => {
                let (b, p) = self.survey_builder(&roles, &profiles)?;
                Builder::Survey(b, p)
            }
            _ => Builder::Table(self.table_builder(kind, &roles, &profiles)?),
        };
        self.kind = Some((kind, choice));
        self.gate = self.gate(kind)?;
        self.stage = Stage::Streaming(Box::new(builder));

        // Replay the sample through the same path as streamed rows (a shard of a plan leaves
        // them to the shard that read them).
        let mut text = String::new();
        let mut ends = Vec::new();
        let replayed = if self.from_plan { &[][..] } else { &sample[..] };
        for (row, fields) in replayed {
            text.clear();
            ends.clear();
            for f in fields {
                text.push_str(f);
                ends.push(text.len());
            }
            let rec = Record::from_parts(*row, &text, &ends);
            if let Stage::Streaming(b) = &mut self.stage {
                if !self.gate.admit(&rec) {
                    continue;
                }
                match b.as_mut() {
                    Builder::Survey(s, _) => s.add(&rec),
                    Builder::Table(t) => t.add(&rec)?,
                }
            }
        }
        self.plan_sample = sample;
        Ok(())
    }

    /// The value counters of the category columns and the `filter` option bound to the
    /// columns (once the roles are known).
    fn gate(&self, kind: Kind) -> Result<Gate> {
        let limit = self.resolved.max_segment_values;
        let counters = self
            .columns
            .iter()
            .filter(|c| c.value_type == ValueType::Category)
            .filter(|c| kind != Kind::Survey || matches!(c.role, Role::Channel | Role::Segment))
            .map(|c| ValueCounter::new(c.header.clone(), c.index, limit))
            .collect();
        let filter = match &self.resolved.filter {
            None => None,
            Some(f) => {
                let time = match f.time {
                    None => None,
                    Some(range) => {
                        let Some((col, fmt)) = self
                            .columns
                            .iter()
                            .find(|c| c.role == Role::Timestamp)
                            .and_then(|c| c.time_format.map(|f| (c.index, f)))
                        else {
                            let name =
                                if self.opts.filter.as_ref().is_some_and(|f| f.from.is_some()) {
                                    "filter.from"
                                } else {
                                    "filter.to"
                                };
                            return Err(Error::option(
                                name,
                                format!(
                                    "a date range needs the rows' time, and no column of this {} file ({}) has the timestamp role; name it with the `columns` option, e.g. {{\"timestamp\": \"Date\"}}, or leave the date range out",
                                    kind.name(),
                                    crate::error::truncate(&self.header.join(", "), 300)
                                ),
                            ));
                        };
                        Some((range, col, fmt))
                    }
                };
                let mut columns = Vec::with_capacity(f.segments.len());
                for (header, values) in &f.segments {
                    columns.push((self.find("filter.segments", header)?, values.clone()));
                }
                Some(BoundFilter {
                    time,
                    columns,
                    tz: self.resolved.tz,
                })
            }
        };
        Ok(Gate {
            filter,
            counters,
            ..Gate::default()
        })
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

    /// The columns as recognised before the schema is settled: every column with its role (or
    /// ignored) and, where its values tell, its date order and decimal mark.
    fn draft_columns(
        &self,
        roles: &[Option<Assigned>],
        profiles: &[ColumnProfile],
    ) -> Vec<ColumnInfo> {
        roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let a = r.clone().unwrap_or(Assigned {
                    role: Role::Ignored,
                    source: ColumnSource::Detected,
                    confidence: 0.5,
                    reason: "no role recognised".to_string(),
                });
                let mut ci = self.column_info(i, &a);
                match a.role.value_type() {
                    ValueType::Time => ci.time_format = self.time_format_of(i, &profiles[i]).ok(),
                    ValueType::Amount | ValueType::Count | ValueType::Score => {
                        ci.decimal_mark = Some(
                            self.resolved
                                .decimal_mark
                                .unwrap_or_else(|| profiles[i].decimal.decide()),
                        )
                    }
                    _ => {}
                }
                ci
            })
            .collect()
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
        let mut b = TableBuilder::new(
            self.header.clone(),
            specs,
            kind::row_requirements(kind),
            self.resolved.tz,
            self.resolved.max_distinct_ids,
        );
        if kind == Kind::Social {
            // Top posts name their row in the file.
            b.keep_source_rows();
        }
        Ok(b)
    }

    fn survey_builder(
        &mut self,
        roles: &[Assigned],
        profiles: &[ColumnProfile],
    ) -> Result<(SurveyBuilder, SurveyParams)> {
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
                        None => self.ces_scale(i, &profiles[i]),
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
                Role::Invited if cols.invited.is_none() => {
                    let fmt = self.time_format_of(i, &profiles[i])?;
                    ci.time_format = Some(fmt);
                    cols.invited = Some((i, fmt));
                }
                _ => {}
            }
            info.push(ci);
        }
        if cols.scores.iter().all(Option::is_none) {
            return Err(Error::NoMetricColumns {
                kind: Kind::Survey.name(),
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
        let params = SurveyParams {
            level: nps.confidence.unwrap_or(level),
            csat: csat_opts.resolve(Scale::CSAT)?,
            ces: ces_opts.resolve(Scale::CES)?,
            channel_weights: self.opts.channel_weights.clone(),
            invitations: self.opts.invitations,
        };
        let settings = SurveySettings {
            score_map: nps.score_map,
            max_segment_values: self.resolved.max_segment_values,
        };
        let periodizer = Periodizer::new(
            self.resolved.tz,
            self.resolved.granularity,
            self.resolved.week_start,
        );
        self.columns = info;
        Ok((
            SurveyBuilder::new(self.header.clone(), cols, settings, periodizer),
            params,
        ))
    }
}

impl Inner {
    /// The scale of a CES column without the `ces.scale` option: one named in the header
    /// ("effort (1-5)"), else the documented 1–7 unless the answers go beyond it. Answers that
    /// would fit a smaller scale are read on 1–7 with a warning, so the same answers never
    /// silently give a different "easy" share.
    fn ces_scale(&mut self, i: usize, p: &ColumnProfile) -> Scale {
        let header = &self.header[i];
        if let Some(s) = scale_in_header(header) {
            return s;
        }
        let (lo, hi) = infer_scale(p, 1);
        if hi > Scale::CES.max || lo < Scale::CES.min {
            return scale_of((lo, hi));
        }
        if hi < Scale::CES.max {
            self.warnings.push(Warning {
                code: WarningCode::CesScaleAssumed,
                message: format!(
                    "the CES answers in `{header}` run {}–{} and are read on the default 1–7 scale; if the question was asked on {lo}–{hi}, set ces.scale to {{\"min\": {lo}, \"max\": {hi}}} (or name the scale in the header, e.g. \"CES (1-5)\")",
                    p.min.unwrap_or(1.0),
                    p.max.unwrap_or(1.0)
                ),
            });
        }
        Scale::CES
    }
}

/// A scale written in a header: "CES (1-5)", "effort 1–7", "score 0 to 10".
fn scale_in_header(header: &str) -> Option<Scale> {
    let nums: Vec<i32> = header
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 2)
        .filter_map(|s| s.parse().ok())
        .collect();
    let joined = header.contains('-') || header.contains('–') || header.contains(" to ");
    match nums[..] {
        [min, max] if joined && min < max && (0..=1).contains(&min) && (3..=10).contains(&max) => {
            Some(Scale { min, max })
        }
        _ => None,
    }
}

/// Most columns made breakdowns by default (columns without a role whose values are few).
pub const DEFAULT_SEGMENTS: usize = 5;
/// Most distinct values a column may have in the sample to become a breakdown by default.
const BREAKDOWN_VALUES: usize = 20;

/// Text with 2 to 20 distinct short values in the sample: a breakdown (region, plan, cohort).
fn breakdown_values(p: &ColumnProfile) -> bool {
    let n = p.distinct.len();
    p.non_blank > 0
        && !p.distinct_overflow
        && (2..=BREAKDOWN_VALUES).contains(&n)
        && (n as u64) < p.non_blank
        && p.numeric * 2 < p.non_blank
        && p.iso_times == 0
        && p.mean_len() <= 40.0
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
