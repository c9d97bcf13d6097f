//! Survey files: one row per response with score columns (NPS / CSAT / CES), optionally a
//! timestamp and segment columns (channel, region…).
//!
//! Nothing per row is kept: each row updates histograms overall, for its period and for each of
//! its segment values. Memory is bounded by periods × segment values × scale points.

use crate::text::SentimentAcc;
use crate::vocab::Metric;
use crate::vocab::RejectionCode;
use crate::wire::{Reader, Writer};
use std::collections::{BTreeMap, HashMap};

use crate::dataset::scores::{map_score, Scale, ScoreCounts};
use crate::error::{Fate, Rejections, Result, ValueExample};
use crate::ingest::time::{parse_timestamp, TimeFormat};
use crate::ingest::value::{is_blank, parse_number};
use crate::ingest::Record;
use crate::period::Periodizer;

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
    /// When each row's invitation was sent: every row with one is an invitation, answered or
    /// not (the response rate).
    pub invited: Option<(usize, TimeFormat)>,
}

/// How answers are read.
#[derive(Debug, Clone)]
pub struct SurveySettings {
    /// `nps.scoreMap`: another scale's answers mapped to 0–10.
    pub score_map: Option<BTreeMap<String, f64>>,
    /// Most distinct values kept per breakdown column (the rest are "(other)").
    pub max_segment_values: usize,
}

/// Mergeable per-group accumulator: answers per scale point of each question, blanks,
/// rejections and the comments' sentiment counts.
#[derive(Debug, Clone)]
pub struct SurveyCounts {
    pub rows: u64,
    /// Rows with at least one non-blank answer.
    pub responded: u64,
    /// Rows with an invitation time (with an invitation column), and those of them answered.
    pub invited: u64,
    pub invited_responded: u64,
    pub hist: [ScoreCounts; 3],
    pub blank: [u64; 3],
    pub rejected: [u64; 3],
    pub comments: SentimentAcc,
}

/// What one row contributed: the scale index of each answer, or blank / rejected.
#[derive(Debug, Clone, Copy, Default)]
struct RowAnswers {
    index: [Option<u8>; 3],
    blank: [bool; 3],
    rejected: [bool; 3],
    /// The row has an invitation time.
    invited: bool,
    /// The comment's sentiment, when the row has one.
    compound: Option<f64>,
}

impl RowAnswers {
    /// At least one question has a non-blank answer (a valid one or not).
    fn responded(&self) -> bool {
        (0..3).any(|k| self.index[k].is_some() || self.rejected[k])
    }
}

impl SurveyCounts {
    /// Approximate bytes one group's counts hold.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.hist.iter().map(ScoreCounts::heap_bytes).sum::<usize>()
    }

    fn new(scales: &[Scale; 3]) -> Self {
        SurveyCounts {
            rows: 0,
            responded: 0,
            invited: 0,
            invited_responded: 0,
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

    /// Adds every count of `other` (the partial of another shard).
    pub fn merge(&mut self, other: &SurveyCounts) {
        self.rows += other.rows;
        self.responded += other.responded;
        self.invited += other.invited;
        self.invited_responded += other.invited_responded;
        for k in 0..3 {
            self.hist[k].merge(&other.hist[k]);
            self.blank[k] += other.blank[k];
            self.rejected[k] += other.rejected[k];
        }
        self.comments.merge(&other.comments);
    }

    fn put(&self, w: &mut Writer) {
        for v in [
            self.rows,
            self.responded,
            self.invited,
            self.invited_responded,
        ] {
            w.u64(v);
        }
        for k in 0..3 {
            self.hist[k].put(w);
            w.u64(self.blank[k]);
            w.u64(self.rejected[k]);
        }
        self.comments.put(w);
    }

    fn take(scales: &[Scale; 3], r: &mut Reader) -> Result<Self> {
        let mut c = SurveyCounts::new(scales);
        c.rows = r.u64()?;
        c.responded = r.u64()?;
        c.invited = r.u64()?;
        c.invited_responded = r.u64()?;
        for k in 0..3 {
            c.hist[k].take_into(r)?;
            c.blank[k] = r.u64()?;
            c.rejected[k] = r.u64()?;
        }
        c.comments = SentimentAcc::take(r)?;
        Ok(c)
    }

    #[inline]
    fn add(&mut self, a: &RowAnswers) {
        self.rows += 1;
        let responded = a.responded();
        self.responded += responded as u64;
        self.invited += a.invited as u64;
        self.invited_responded += (a.invited && responded) as u64;
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
    groups: HashMap<String, SurveyCounts>,
    /// Rows whose value was not kept because the column had too many distinct values.
    other: Option<SurveyCounts>,
}

pub struct SurveyBuilder {
    header: Vec<String>,
    cols: SurveyColumns,
    settings: SurveySettings,
    periodizer: Periodizer,
    scales: [Scale; 3],
    overall: SurveyCounts,
    periods: BTreeMap<i64, SurveyCounts>,
    /// (invited, of them answered) per period of the invitation time.
    invitation_periods: BTreeMap<i64, (u64, u64)>,
    segments: Vec<SegmentAcc>,
    rejections: Rejections,
    rows: u64,
    first_time: Option<i64>,
    /// Answered rows per weekday of their local day, Monday first.
    weekday_rows: [u64; 7],
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
            overall: SurveyCounts::new(&scales),
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
            invitation_periods: BTreeMap::new(),
            rejections: Rejections::default(),
            rows: 0,
            first_time: None,
            weekday_rows: [0; 7],
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
                        map_score(self.settings.score_map.as_ref(), v).map_err(str::to_string)
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
                        let c = crate::text::sentiment::polarity(raw).compound;
                        if self.memo.len() >= MEMO_LIMIT {
                            self.memo.clear();
                        }
                        self.memo.insert(raw.to_string(), c);
                        c
                    }
                });
            }
        }
        if let Some((col, fmt)) = self.cols.invited {
            let raw = rec.get(col).unwrap_or("");
            if !is_blank(raw) {
                match parse_timestamp(raw, fmt, &self.periodizer.tz) {
                    Some(t) => {
                        a.invited = true;
                        let key = self.periodizer.period_start_day(t);
                        let e = self.invitation_periods.entry(key).or_default();
                        e.0 += 1;
                        e.1 += a.responded() as u64;
                    }
                    None => {
                        let reason = format!("not a timestamp in the column's format ({fmt:?})");
                        let ex = ValueExample::at(&self.header, rec.row, col, raw, reason);
                        self.rejections.add(
                            RejectionCode::InvalidTimestamp,
                            Fate::ValueIgnored,
                            ex,
                        );
                    }
                }
            }
        }
        self.overall.add(&a);

        if let Some((col, fmt)) = self.cols.timestamp {
            let raw = rec.get(col).unwrap_or("");
            // An invitation nobody answered has no response time: not a rejection.
            let unanswered = self.cols.invited.is_some() && !a.responded();
            let parsed = if is_blank(raw) {
                None
            } else {
                parse_timestamp(raw, fmt, &self.periodizer.tz)
            };
            match parsed {
                Some(t) => {
                    self.first_time = Some(self.first_time.map_or(t, |f| f.min(t)));
                    self.last_time = Some(self.last_time.map_or(t, |l| l.max(t)));
                    let day = self.periodizer.local_day(t);
                    self.weekday_rows[crate::period::weekday(day)] += 1;
                    let key = self.periodizer.period_start_day(t);
                    let scales = &self.scales;
                    self.periods
                        .entry(key)
                        .or_insert_with(|| SurveyCounts::new(scales))
                        .add(&a);
                }
                None if unanswered && is_blank(raw) => {}
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
                let mut acc = SurveyCounts::new(&self.scales);
                acc.add(&a);
                s.groups.insert(key.to_string(), acc);
            } else {
                s.other
                    .get_or_insert_with(|| SurveyCounts::new(&self.scales))
                    .add(&a);
            }
        }
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// An empty builder reading the same columns the same way (a shard of the same plan).
    pub fn empty_like(&self) -> Self {
        SurveyBuilder::new(
            self.header.clone(),
            self.cols.clone(),
            self.settings.clone(),
            self.periodizer.clone(),
        )
    }

    /// The accumulated counts, for a partial result sent elsewhere (the reading settings are
    /// the plan's).
    pub fn put(&self, w: &mut Writer) {
        self.overall.put(w);
        w.u64(self.periods.len() as u64);
        for (k, c) in &self.periods {
            w.i64(*k);
            c.put(w);
        }
        w.u64(self.invitation_periods.len() as u64);
        for (k, (i, a)) in &self.invitation_periods {
            w.i64(*k);
            w.u64(*i);
            w.u64(*a);
        }
        for s in &self.segments {
            // By name, so that the bytes do not depend on the hash map's order.
            let mut groups: Vec<_> = s.groups.iter().collect();
            groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
            w.u64(groups.len() as u64);
            for (name, c) in groups {
                w.str(name);
                c.put(w);
            }
            w.bool(s.other.is_some());
            if let Some(c) = &s.other {
                c.put(w);
            }
        }
        self.rejections.put(w);
        w.u64(self.rows);
        w.opt_i64(self.first_time);
        w.opt_i64(self.last_time);
        self.weekday_rows.iter().for_each(|&n| w.u64(n));
    }

    /// Reads counts written by [`SurveyBuilder::put`] into this empty builder of the same plan.
    pub fn take_into(&mut self, r: &mut Reader) -> Result<()> {
        let scales = self.scales;
        self.overall = SurveyCounts::take(&scales, r)?;
        for _ in 0..r.len(8)? {
            let k = r.i64()?;
            self.periods.insert(k, SurveyCounts::take(&scales, r)?);
        }
        for _ in 0..r.len(24)? {
            let k = r.i64()?;
            self.invitation_periods.insert(k, (r.u64()?, r.u64()?));
        }
        for s in &mut self.segments {
            for _ in 0..r.len(8)? {
                let name = r.str()?;
                s.groups.insert(name, SurveyCounts::take(&scales, r)?);
            }
            if r.bool()? {
                s.other = Some(SurveyCounts::take(&scales, r)?);
            }
        }
        self.rejections = Rejections::take(r)?;
        self.rows = r.u64()?;
        self.first_time = r.opt_i64()?;
        self.last_time = r.opt_i64()?;
        for n in &mut self.weekday_rows {
            *n = r.u64()?;
        }
        Ok(())
    }

    /// Adds the counts of another shard's builder of the same plan. Counts are keyed by
    /// period start and value, so the merge is associative and commutative. A breakdown with
    /// more values than kept keeps the largest groups (ties by name) and counts the rest as
    /// "(other)", whichever shard saw them first.
    pub fn merge(&mut self, other: SurveyBuilder) {
        self.overall.merge(&other.overall);
        for (k, c) in other.periods {
            match self.periods.get_mut(&k) {
                Some(x) => x.merge(&c),
                None => {
                    self.periods.insert(k, c);
                }
            }
        }
        for (k, (i, r)) in other.invitation_periods {
            let x = self.invitation_periods.entry(k).or_default();
            x.0 += i;
            x.1 += r;
        }
        let limit = self.settings.max_segment_values;
        for (s, o) in self.segments.iter_mut().zip(other.segments) {
            for (name, c) in o.groups {
                match s.groups.get_mut(&name) {
                    Some(x) => x.merge(&c),
                    None => {
                        s.groups.insert(name, c);
                    }
                }
            }
            if let Some(c) = o.other {
                merge_other(&mut s.other, c);
            }
            if s.groups.len() > limit {
                let mut all: Vec<(String, SurveyCounts)> = s.groups.drain().collect();
                all.sort_by(|a, b| b.1.rows.cmp(&a.1.rows).then_with(|| a.0.cmp(&b.0)));
                for (_, c) in all.drain(limit..) {
                    merge_other(&mut s.other, c);
                }
                s.groups = all.into_iter().collect();
            }
        }
        self.rejections.merge(other.rejections);
        self.rows += other.rows;
        self.first_time = min_some(self.first_time, other.first_time, i64::min);
        self.last_time = min_some(self.last_time, other.last_time, i64::max);
        for (a, b) in self.weekday_rows.iter_mut().zip(other.weekday_rows) {
            *a += b;
        }
    }

    /// Ends the input: the accumulated counts overall, per period and per segment value.
    pub fn finish(self) -> SurveyData {
        let segments = self
            .segments
            .into_iter()
            .map(|s| {
                let mut groups: Vec<(String, SurveyCounts)> = s.groups.into_iter().collect();
                // Largest groups first; ties by name so output is deterministic.
                groups.sort_by(|a, b| b.1.rows.cmp(&a.1.rows).then_with(|| a.0.cmp(&b.0)));
                SegmentCounts {
                    column: self.header.get(s.column).cloned().unwrap_or_default(),
                    is_channel: Some(s.column) == self.cols.channel,
                    groups,
                    other: s.other,
                }
            })
            .collect();
        let question = |k: usize| {
            self.cols.scores[k]
                .as_ref()
                .map(|c| self.header.get(c.index).cloned().unwrap_or_default())
        };
        SurveyData {
            questions: [question(0), question(1), question(2)],
            has_comments: self.cols.text.is_some(),
            has_invitations: self.cols.invited.is_some(),
            overall: self.overall,
            periods: self.periods.into_iter().collect(),
            invitation_periods: self.invitation_periods.into_iter().collect(),
            segments,
            first_time: self.first_time,
            weekday_rows: self.weekday_rows,
            last_time: self.last_time,
            rejections: self.rejections,
            max_segment_values: self.settings.max_segment_values,
            periodizer: self.periodizer,
        }
    }
}

fn merge_other(other: &mut Option<SurveyCounts>, c: SurveyCounts) {
    match other {
        Some(x) => x.merge(&c),
        None => *other = Some(c),
    }
}

/// `pick` of two optional values (the one present when only one is).
fn min_some(a: Option<i64>, b: Option<i64>, pick: fn(i64, i64) -> i64) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(pick(x, y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// What a survey file leaves after ingestion: counts, never rows.
pub struct SurveyData {
    /// The header of each question's column (NPS, CSAT, CES), when the file has one.
    pub questions: [Option<String>; 3],
    /// Whether a comment column was scored.
    pub has_comments: bool,
    /// Whether an invitation column says which rows are invitations.
    pub has_invitations: bool,
    pub overall: SurveyCounts,
    /// Counts per period, keyed by the period's first local day, in time order.
    pub periods: Vec<(i64, SurveyCounts)>,
    /// (invited, of them answered) per period of the invitation time, in time order.
    pub invitation_periods: Vec<(i64, (u64, u64))>,
    pub segments: Vec<SegmentCounts>,
    pub first_time: Option<i64>,
    pub last_time: Option<i64>,
    /// Rows with a response time per weekday of their local day, Monday first.
    pub weekday_rows: [u64; 7],
    pub rejections: Rejections,
    pub max_segment_values: usize,
    /// The periods the rows were keyed by.
    pub periodizer: Periodizer,
}

/// Counts per value of one breakdown column.
pub struct SegmentCounts {
    pub column: String,
    /// The channel column (its CSAT is also weighted by channel).
    pub is_channel: bool,
    /// Largest group first, ties by name.
    pub groups: Vec<(String, SurveyCounts)>,
    /// Rows whose value was not kept because the column had too many distinct values.
    pub other: Option<SurveyCounts>,
}

/// Blank-value and overflow group names of a breakdown.
pub const BLANK_GROUP: &str = "(blank)";
pub const OTHER_GROUP: &str = "(other)";
