//! Survey files: one row per response with score columns (NPS / CSAT / CES), optionally a
//! timestamp and segment columns (channel, region…).
//!
//! Nothing per row is kept: each row updates histograms overall, for its period and for each of
//! its segment values. Memory is bounded by periods × segment values × scale points.

use crate::metrics::voice::{SentimentAcc, SentimentSummary};
use crate::vocab::RejectionCode;
use crate::vocab::WarningCode;
use crate::vocab::{IntervalMethod, Metric, Unit, Variant};
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::{Fate, Rejections, ValueExample, Warning};
use crate::ingest::time::{parse_timestamp, TimeFormat};
use crate::ingest::value::{is_blank, parse_number};
use crate::ingest::Record;
use crate::metrics::figure::{Definition, SMALL_SAMPLE};
use crate::metrics::survey::{
    ces_from_hist, csat_from_hist, nps_from_hist, CesParams, CesResult, CsatParams, CsatResult,
    NpsOptions, NpsResult, Scale, ScoreCounts,
};
use crate::period::Periodizer;
use crate::stats::{normal_quantile, Interval};

/// The three survey questions, in a fixed order used for indexing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Nps = 0,
    Csat = 1,
    Ces = 2,
}

const METRICS: [Metric; 3] = [Metric::Nps, Metric::Csat, Metric::Ces];

/// A score column and the scale its answers are read on.
#[derive(Debug, Clone)]
pub struct ScoreColumn {
    pub index: usize,
    pub scale: Scale,
}

/// The columns a survey analysis uses.
#[derive(Debug, Clone, Default)]
pub struct SurveyColumns {
    pub scores: [Option<ScoreColumn>; 3],
    pub timestamp: Option<(usize, TimeFormat)>,
    pub channel: Option<usize>,
    pub segments: Vec<usize>,
    /// A free-text (comment) column: its sentiment is summarised per group.
    pub text: Option<usize>,
}

/// Metric settings for one survey analysis.
#[derive(Debug, Clone)]
pub struct SurveySettings {
    pub nps: NpsOptions,
    pub csat: CsatParams,
    pub ces: CesParams,
    pub level: f64,
    pub max_segment_values: usize,
    pub channel_weights: Option<BTreeMap<String, f64>>,
}

/// Mergeable per-group accumulator.
#[derive(Debug, Clone)]
struct SurveyAcc {
    rows: u64,
    hist: [ScoreCounts; 3],
    blank: [u64; 3],
    rejected: [u64; 3],
    comments: SentimentAcc,
}

/// What one row contributed: the scale index of each answer, or blank / rejected.
#[derive(Debug, Clone, Copy, Default)]
struct RowAnswers {
    index: [Option<u8>; 3],
    blank: [bool; 3],
    rejected: [bool; 3],
    /// The comment's sentiment, when the row has one.
    compound: Option<f64>,
}

impl SurveyAcc {
    fn new(scales: &[Scale; 3]) -> Self {
        SurveyAcc {
            rows: 0,
            hist: [
                ScoreCounts::new(scales[0]),
                ScoreCounts::new(scales[1]),
                ScoreCounts::new(scales[2]),
            ],
            blank: [0; 3],
            rejected: [0; 3],
            comments: SentimentAcc::default(),
        }
    }

    #[inline]
    fn add(&mut self, a: &RowAnswers) {
        self.rows += 1;
        for k in 0..3 {
            if let Some(i) = a.index[k] {
                self.hist[k].add_index(i as usize);
            }
            self.blank[k] += a.blank[k] as u64;
            self.rejected[k] += a.rejected[k] as u64;
        }
        if let Some(c) = a.compound {
            self.comments.add(c);
        }
    }
}

struct SegmentAcc {
    column: usize,
    groups: HashMap<String, SurveyAcc>,
    /// Rows whose value was not kept because the column had too many distinct values.
    other: Option<SurveyAcc>,
}

const BLANK_GROUP: &str = "(blank)";
const OTHER_GROUP: &str = "(other)";

pub struct SurveyBuilder {
    header: Vec<String>,
    cols: SurveyColumns,
    settings: SurveySettings,
    periodizer: Periodizer,
    scales: [Scale; 3],
    overall: SurveyAcc,
    periods: BTreeMap<i64, SurveyAcc>,
    segments: Vec<SegmentAcc>,
    rejections: Rejections,
    rows: u64,
    first_time: Option<i64>,
    last_time: Option<i64>,
    /// Recent comments and their scores: survey exports repeat short comments ("Thanks!").
    memo: HashMap<String, f64>,
}

/// Most comments remembered with their score (the memo is emptied when full).
const MEMO_LIMIT: usize = 4096;

impl SurveyBuilder {
    pub fn new(
        header: Vec<String>,
        cols: SurveyColumns,
        settings: SurveySettings,
        periodizer: Periodizer,
    ) -> Self {
        // Absent metrics get a one-point dummy scale: nothing is ever added to them.
        let dummy = Scale { min: 0, max: 0 };
        let scales = [0, 1, 2].map(|k| cols.scores[k].as_ref().map_or(dummy, |c| c.scale));
        let mut seg_cols: Vec<usize> = cols.channel.into_iter().collect();
        seg_cols.extend(
            cols.segments
                .iter()
                .copied()
                .filter(|c| Some(*c) != cols.channel),
        );
        SurveyBuilder {
            overall: SurveyAcc::new(&scales),
            segments: seg_cols
                .into_iter()
                .map(|column| SegmentAcc {
                    column,
                    groups: HashMap::new(),
                    other: None,
                })
                .collect(),
            header,
            cols,
            settings,
            periodizer,
            scales,
            periods: BTreeMap::new(),
            rejections: Rejections::default(),
            rows: 0,
            first_time: None,
            last_time: None,
            memo: HashMap::new(),
        }
    }

    pub fn add(&mut self, rec: &Record<'_>) {
        self.rows += 1;
        if rec.len() != self.header.len() {
            let ex = super::table::ragged_example(rec, self.header.len());
            self.rejections
                .add(RejectionCode::RaggedRow, Fate::ValueIgnored, ex);
        }
        let mut a = RowAnswers::default();
        for (k, name) in METRICS.iter().enumerate() {
            let Some(col) = &self.cols.scores[k] else {
                continue;
            };
            let (index, scale) = (col.index, col.scale);
            let raw = rec.get(index).unwrap_or("");
            if is_blank(raw) {
                a.blank[k] = true;
                continue;
            }
            let parsed = match parse_number(raw) {
                None => Err("not a number".to_string()),
                Some(v) => {
                    let v = if k == Question::Nps as usize {
                        self.settings.nps.map_score(v).map_err(str::to_string)
                    } else {
                        Ok(v)
                    };
                    v.and_then(|v| {
                        scale.index_of(v).map_err(|r| {
                            format!(
                                "{r} {}–{} of the {} question",
                                scale.min,
                                scale.max,
                                name.name().to_uppercase()
                            )
                        })
                    })
                }
            };
            match parsed {
                Ok(i) => a.index[k] = Some(i as u8),
                Err(reason) => {
                    a.rejected[k] = true;
                    let ex = ValueExample::at(&self.header, rec.row, index, raw, reason);
                    self.rejections
                        .add(RejectionCode::InvalidScore, Fate::ValueIgnored, ex);
                }
            }
        }
        if let Some(col) = self.cols.text {
            let raw = rec.get(col).unwrap_or("");
            if !is_blank(raw) {
                a.compound = Some(match self.memo.get(raw) {
                    Some(&c) => c,
                    None => {
                        let c = crate::metrics::sentiment::polarity(raw).compound;
                        if self.memo.len() >= MEMO_LIMIT {
                            self.memo.clear();
                        }
                        self.memo.insert(raw.to_string(), c);
                        c
                    }
                });
            }
        }
        self.overall.add(&a);

        if let Some((col, fmt)) = self.cols.timestamp {
            let raw = rec.get(col).unwrap_or("");
            let parsed = if is_blank(raw) {
                None
            } else {
                parse_timestamp(raw, fmt, &self.periodizer.tz)
            };
            match parsed {
                Some(t) => {
                    self.first_time = Some(self.first_time.map_or(t, |f| f.min(t)));
                    self.last_time = Some(self.last_time.map_or(t, |l| l.max(t)));
                    let key = self.periodizer.period_start_day(t);
                    let scales = &self.scales;
                    self.periods
                        .entry(key)
                        .or_insert_with(|| SurveyAcc::new(scales))
                        .add(&a);
                }
                None => {
                    let (code, reason) = if is_blank(raw) {
                        (
                            RejectionCode::MissingTimestamp,
                            "blank timestamp".to_string(),
                        )
                    } else {
                        (
                            RejectionCode::InvalidTimestamp,
                            format!("not a timestamp in the column's format ({fmt:?})"),
                        )
                    };
                    let ex = ValueExample::at(&self.header, rec.row, col, raw, reason);
                    self.rejections.add(code, Fate::ExcludedFromPeriods, ex);
                }
            }
        }

        for s in &mut self.segments {
            let raw = rec.get(s.column).unwrap_or("");
            let key = if is_blank(raw) {
                BLANK_GROUP
            } else {
                raw.trim()
            };
            if let Some(acc) = s.groups.get_mut(key) {
                acc.add(&a);
            } else if s.groups.len() < self.settings.max_segment_values {
                let mut acc = SurveyAcc::new(&self.scales);
                acc.add(&a);
                s.groups.insert(key.to_string(), acc);
            } else {
                s.other
                    .get_or_insert_with(|| SurveyAcc::new(&self.scales))
                    .add(&a);
            }
        }
    }

    fn metrics(&self, acc: &SurveyAcc) -> SurveyMetrics {
        let present = |k: usize| self.cols.scores[k].is_some();
        SurveyMetrics {
            rows: acc.rows,
            nps: present(0).then(|| nps_from_hist(&acc.hist[0], self.settings.level)),
            csat: present(1).then(|| csat_from_hist(&acc.hist[1], &self.settings.csat)),
            ces: present(2).then(|| ces_from_hist(&acc.hist[2], &self.settings.ces)),
            comments: self.cols.text.map(|_| acc.comments.summary()),
            answers: (0..3)
                .filter(|k| present(*k))
                .map(|k| AnswerCounts {
                    metric: METRICS[k],
                    column: self.cols.scores[k]
                        .as_ref()
                        .and_then(|c| self.header.get(c.index))
                        .cloned()
                        .unwrap_or_default(),
                    answered: acc.hist[k].n(),
                    blank: acc.blank[k],
                    rejected: acc.rejected[k],
                })
                .collect(),
        }
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn finish(self, warnings: &mut Vec<Warning>) -> SurveyResults {
        let overall = self.metrics(&self.overall);
        let periods = self
            .periods
            .iter()
            .map(|(start, acc)| {
                let (s, e) = self.periodizer.bounds(*start);
                PeriodMetrics {
                    period: self.periodizer.label(*start),
                    start: s,
                    end: e,
                    metrics: self.metrics(acc),
                }
            })
            .collect();
        let mut segments = Vec::new();
        let mut channel_csat = None;
        for s in &self.segments {
            let column = self.header.get(s.column).cloned().unwrap_or_default();
            let mut groups: Vec<(&String, &SurveyAcc)> = s.groups.iter().collect();
            // Largest groups first; ties by name so output is deterministic.
            groups.sort_by(|a, b| b.1.rows.cmp(&a.1.rows).then_with(|| a.0.cmp(b.0)));
            let mut out: Vec<SegmentGroup> = groups
                .iter()
                .map(|(v, acc)| SegmentGroup {
                    value: (*v).clone(),
                    metrics: self.metrics(acc),
                })
                .collect();
            if let Some(o) = &s.other {
                warnings.push(Warning {
                    code: WarningCode::SegmentValuesLimited,
                    message: format!(
                        "column `{column}` has more than {} distinct values; {} rows with further values are grouped as \"{OTHER_GROUP}\"",
                        self.settings.max_segment_values, o.rows
                    ),
                });
                out.push(SegmentGroup {
                    value: OTHER_GROUP.to_string(),
                    metrics: self.metrics(o),
                });
            }
            let is_channel = Some(s.column) == self.cols.channel;
            if is_channel && self.cols.scores[1].is_some() {
                let pooled = overall.csat.as_ref().and_then(|c| c.variants.top_box.value);
                channel_csat = Some(self.channel_weighted(&groups, &column, pooled, warnings));
            }
            segments.push(SegmentBreakdown {
                column,
                role: if is_channel { "channel" } else { "segment" },
                groups: out,
            });
        }
        SurveyResults {
            overall,
            periods,
            segments,
            channel_csat,
            first_time: self.first_time,
            last_time: self.last_time,
            rejections: self.rejections,
        }
    }

    /// Overall CSAT as each channel's top-box CSAT weighted by its share of interactions.
    fn channel_weighted(
        &self,
        groups: &[(&String, &SurveyAcc)],
        column: &str,
        pooled: Option<f64>,
        warnings: &mut Vec<Warning>,
    ) -> ChannelWeightedCsat {
        let p = &self.settings.csat;
        let supplied = self.settings.channel_weights.as_ref();
        let mut channels = Vec::new();
        for (name, acc) in groups {
            let h = &acc.hist[1];
            let n = h.n();
            let sat = h.count_between(p.satisfied_min, p.scale.max);
            let interactions = match supplied {
                Some(w) => w.get(name.as_str()).copied(),
                None => Some(acc.rows as f64),
            };
            if supplied.is_some() && interactions.is_none() {
                warnings.push(Warning {
                    code: WarningCode::ChannelWeightMissing,
                    message: format!("no interaction count was given for channel `{name}`; it is left out of the weighted CSAT"),
                });
            }
            channels.push(ChannelCsat {
                channel: (*name).clone(),
                rows: acc.rows,
                responses: n,
                csat: (n > 0).then(|| 100.0 * sat as f64 / n as f64),
                interactions,
                weight: None,
            });
        }
        if let Some(w) = supplied {
            for name in w.keys() {
                if !channels.iter().any(|c| &c.channel == name) {
                    warnings.push(Warning {
                        code: WarningCode::ChannelWeightUnused,
                        message: format!("an interaction count was given for channel `{name}`, which is not in column `{column}`"),
                    });
                }
            }
        }
        // Weights over channels that have both a CSAT and an interaction count.
        let total: f64 = channels
            .iter()
            .filter(|c| c.csat.is_some())
            .filter_map(|c| c.interactions)
            .filter(|v| v.is_finite() && *v > 0.0)
            .sum();
        let mut value = 0.0;
        let mut var = 0.0;
        for c in &mut channels {
            if let (Some(csat), Some(i)) = (c.csat, c.interactions) {
                if total > 0.0 && i.is_finite() && i > 0.0 {
                    let w = i / total;
                    c.weight = Some(w);
                    value += w * csat;
                    let q = csat / 100.0;
                    var += w * w * q * (1.0 - q) / c.responses as f64;
                }
            }
        }
        let defined = total > 0.0;
        let level = p.level;
        let interval = if defined {
            normal_quantile(1.0 - (1.0 - level) / 2.0).map(|z| {
                let half = 100.0 * z * var.sqrt();
                Interval {
                    low: (value - half).max(0.0),
                    high: (value + half).min(100.0),
                    level,
                    method: IntervalMethod::Normal,
                }
            })
        } else {
            None
        };
        let weighting = if supplied.is_some() {
            "suppliedInteractions"
        } else {
            "rowShare"
        };
        let responses: u64 = channels
            .iter()
            .filter(|c| c.weight.is_some())
            .map(|c| c.responses)
            .sum();
        ChannelWeightedCsat {
            value: defined.then_some(value),
            unavailable_reason: (!defined).then(|| "no channel has both CSAT answers and interactions".to_string()),
            interval,
            pooled,
            weighting,
            column: column.to_string(),
            small_sample: responses < SMALL_SAMPLE,
            channels,
            definition: Definition::new(
                Metric::Csat,
                Variant::ChannelWeighted,
                Unit::Percent,
                "Σ over channels of weight × channel top-box CSAT; weight = channel interactions / Σ interactions \
                 (interactions = the channel's rows in the file, blank answers included, unless counts are supplied); \
                 interval from Var = Σ w² p(1 − p) / n",
            )
            .param("weighting", weighting)
            .param("satisfiedMin", p.satisfied_min)
            .param("scaleMin", p.scale.min)
            .param("scaleMax", p.scale.max)
            .param("confidence", level),
        }
    }
}

/// Answer counts of one score column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerCounts {
    pub metric: Metric,
    pub column: String,
    pub answered: u64,
    pub blank: u64,
    pub rejected: u64,
}

/// Survey metrics of one group of rows (all rows, a period, a segment value).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyMetrics {
    pub rows: u64,
    pub nps: Option<NpsResult>,
    pub csat: Option<CsatResult>,
    pub ces: Option<CesResult>,
    pub answers: Vec<AnswerCounts>,
    /// Sentiment of the comment column (VADER), when the survey has one.
    pub comments: Option<SentimentSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodMetrics {
    /// Label: `2024-01-15` (day; week by its first day), `2024-01`, `2024-Q1`, `2024`.
    pub period: String,
    /// Start (inclusive) and end (exclusive) as RFC 3339 times in the report time zone.
    pub start: String,
    pub end: String,
    pub metrics: SurveyMetrics,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentGroup {
    pub value: String,
    pub metrics: SurveyMetrics,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentBreakdown {
    pub column: String,
    /// "channel" or "segment".
    pub role: &'static str,
    /// Largest group first. Blank values form "(blank)"; values past the limit "(other)".
    pub groups: Vec<SegmentGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCsat {
    pub channel: String,
    pub rows: u64,
    pub responses: u64,
    /// Top-box CSAT of the channel, percent.
    pub csat: Option<f64>,
    /// Interactions used for the weight (rows, or the supplied count).
    pub interactions: Option<f64>,
    /// Weight in the overall figure (0–1); `null` when the channel is left out.
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelWeightedCsat {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable_reason: Option<String>,
    pub interval: Option<Interval>,
    /// Pooled top-box CSAT over all answers (Σ satisfied / Σ responses), for comparison.
    pub pooled: Option<f64>,
    /// "rowShare" (default) or "suppliedInteractions".
    pub weighting: &'static str,
    pub column: String,
    pub small_sample: bool,
    pub channels: Vec<ChannelCsat>,
    pub definition: Definition,
}

/// Everything the survey builder computed.
pub struct SurveyResults {
    pub overall: SurveyMetrics,
    pub periods: Vec<PeriodMetrics>,
    pub segments: Vec<SegmentBreakdown>,
    pub channel_csat: Option<ChannelWeightedCsat>,
    pub first_time: Option<i64>,
    pub last_time: Option<i64>,
    pub rejections: Rejections,
}
