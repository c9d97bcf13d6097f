//! Survey results of groups of rows (all rows, each period, each segment value) from the
//! counts a survey file leaves after ingestion.

use serde::Serialize;

use super::channels::{channel_weighted, ChannelWeightedCsat};
use super::{
    ces_from_hist, csat_from_hist, nps_from_hist, CesParams, CesResult, CsatParams, CsatResult,
    NpsResult,
};
use crate::dataset::survey::{SurveyCounts, SurveyData, OTHER_GROUP};
use crate::error::Warning;
use crate::metrics::figure::{Definition, Figure};
use crate::text::SentimentSummary;
use crate::vocab::{Metric, Role, Unit, Variant, WarningCode};

/// How survey figures are computed from the counts.
#[derive(Debug, Clone)]
pub struct SurveyParams {
    /// Confidence level of the NPS interval.
    pub level: f64,
    pub csat: CsatParams,
    pub ces: CesParams,
    /// Interaction counts per channel for the channel-weighted CSAT (default: rows).
    pub channel_weights: Option<std::collections::BTreeMap<String, f64>>,
    /// Invitations sent (`invitations` option), for the response rate of a file without an
    /// invitation column.
    pub invitations: Option<u64>,
}

const METRICS: [Metric; 3] = [Metric::Nps, Metric::Csat, Metric::Ces];

/// Every survey figure of a file.
pub struct SurveyResults {
    pub overall: SurveyMetrics,
    pub periods: Vec<PeriodMetrics>,
    pub segments: Vec<SegmentBreakdown>,
    pub channel_csat: Option<ChannelWeightedCsat>,
    /// Response rate per period of the invitation time (with an invitation column).
    pub response_periods: Vec<ResponsePeriod>,
}

/// Response rate of the invitations sent in one period.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ResponsePeriod {
    pub period: String,
    pub invited: u64,
    pub responded: u64,
    pub response_rate: Figure,
}

/// Responses / invitations of a group: from the invitation column (rows with an invitation
/// time, answered or not), else for all rows from the `invitations` option.
fn response_rate(
    data: &SurveyData,
    p: &SurveyParams,
    acc: &SurveyCounts,
    all: bool,
) -> Option<Figure> {
    let def = |formula: &str| {
        Definition::new(
            Metric::ResponseRate,
            Variant::Standard,
            Unit::Percent,
            formula,
        )
    };
    if data.has_invitations {
        return Some(Figure::share(acc.invited_responded, acc.invited, p.level, def(
            "invitations (rows with an invitation time) with at least one non-blank answer / invitations",
        )));
    }
    let n = p.invitations.filter(|_| all)?;
    let def = def("responses (rows with at least one non-blank answer) / invitations (the invitations option)")
        .param("invitations", n as f64);
    if acc.responded > n {
        let mut f = Figure::new(None, n, None, def);
        f.unavailable_reason = Some(format!(
            "more responses ({}) than invitations ({n}): check the invitations option",
            acc.responded
        ));
        return Some(f);
    }
    Some(Figure::share(acc.responded, n, p.level, def))
}

/// The metrics of one group of rows; `rate`: with its response rate (not for the periods of
/// the response time, which leave out invitations nobody answered).
pub fn group_metrics(
    data: &SurveyData,
    p: &SurveyParams,
    acc: &SurveyCounts,
    rate: bool,
    all: bool,
) -> SurveyMetrics {
    let present = |k: usize| data.questions[k].is_some();
    SurveyMetrics {
        rows: acc.rows,
        response_rate: if rate {
            response_rate(data, p, acc, all)
        } else {
            None
        },
        nps: present(0).then(|| nps_from_hist(&acc.hist[0], p.level)),
        csat: present(1).then(|| csat_from_hist(&acc.hist[1], &p.csat)),
        ces: present(2).then(|| ces_from_hist(&acc.hist[2], &p.ces)),
        comments: data.has_comments.then(|| acc.comments.summary()),
        answers: (0..3)
            .filter(|k| present(*k))
            .map(|k| AnswerCounts {
                metric: METRICS[k],
                column: data.questions[k].clone().unwrap_or_default(),
                answered: acc.hist[k].n(),
                blank: acc.blank[k],
                rejected: acc.rejected[k],
            })
            .collect(),
    }
}

/// Overall, per period and per segment value; warnings for grouped overflow values and for
/// channel weights that do not match the file.
pub fn survey_results(
    data: &SurveyData,
    p: &SurveyParams,
    warnings: &mut Vec<Warning>,
) -> SurveyResults {
    let overall = group_metrics(data, p, &data.overall, true, true);
    let response_periods = data
        .invitation_periods
        .iter()
        .map(|&(start, (invited, responded))| ResponsePeriod {
            period: data.periodizer.label(start),
            invited,
            responded,
            response_rate: Figure::share(responded, invited, p.level, Definition::new(
                Metric::ResponseRate,
                Variant::Standard,
                Unit::Percent,
                "invitations sent in the period with at least one non-blank answer / invitations sent in the period",
            )),
        })
        .collect();
    let periods = data
        .periods
        .iter()
        .map(|(start, acc)| {
            let (s, e) = data.periodizer.bounds(*start);
            PeriodMetrics {
                period: data.periodizer.label(*start),
                start: s,
                end: e,
                metrics: group_metrics(data, p, acc, false, false),
            }
        })
        .collect();
    let mut segments = Vec::new();
    let mut channel_csat = None;
    for s in &data.segments {
        let column = s.column.clone();
        let mut out: Vec<SegmentGroup> = s
            .groups
            .iter()
            .map(|(v, acc)| SegmentGroup {
                value: v.clone(),
                metrics: group_metrics(data, p, acc, true, false),
            })
            .collect();
        if let Some(o) = &s.other {
            warnings.push(Warning {
                code: WarningCode::SegmentValuesLimited,
                message: format!(
                    "column `{column}` has more than {} distinct values; {} rows with further values are grouped as \"{OTHER_GROUP}\"",
                    data.max_segment_values, o.rows
                ),
            });
            out.push(SegmentGroup {
                value: OTHER_GROUP.to_string(),
                metrics: group_metrics(data, p, o, true, false),
            });
        }
        if s.is_channel && data.questions[1].is_some() {
            let pooled = overall.csat.as_ref().and_then(|c| c.variants.top_box.value);
            channel_csat = Some(channel_weighted(&s.groups, &column, pooled, p, warnings));
        }
        segments.push(SegmentBreakdown {
            column,
            role: if s.is_channel {
                Role::Channel
            } else {
                Role::Segment
            },
            groups: out,
        });
    }
    SurveyResults {
        overall,
        periods,
        segments,
        channel_csat,
        response_periods,
    }
}

/// Answer counts of one score column.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerCounts {
    pub metric: Metric,
    pub column: String,
    pub answered: u64,
    pub blank: u64,
    pub rejected: u64,
}

/// Survey metrics of one group of rows (all rows, a period, a segment value).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyMetrics {
    pub rows: u64,
    /// Responses / invitations, when the invitations are known (an invitation column, or the
    /// `invitations` option for the whole file); `null` otherwise.
    pub response_rate: Option<Figure>,
    pub nps: Option<NpsResult>,
    pub csat: Option<CsatResult>,
    pub ces: Option<CesResult>,
    pub answers: Vec<AnswerCounts>,
    /// Sentiment of the comment column (VADER), when the survey has one.
    pub comments: Option<SentimentSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodMetrics {
    /// Label: `2024-01-15` (day; week by its first day), `2024-01`, `2024-Q1`, `2024`.
    pub period: String,
    /// Start (inclusive) and end (exclusive) as RFC 3339 times in the report time zone.
    pub start: String,
    pub end: String,
    pub metrics: SurveyMetrics,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentGroup {
    pub value: String,
    pub metrics: SurveyMetrics,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentBreakdown {
    pub column: String,
    /// `channel` or `segment`.
    pub role: Role,
    /// Largest group first. Blank values form "(blank)"; values past the limit "(other)".
    pub groups: Vec<SegmentGroup>,
}

impl SurveyMetrics {
    /// The headline score of a survey question, if the file has it.
    fn score(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Nps => self.nps.as_ref()?.score,
            Metric::Csat => self.csat.as_ref()?.score,
            _ => self.ces.as_ref()?.score,
        }
    }

    /// The answers the score rests on.
    fn responses(&self, metric: Metric) -> f64 {
        let n = match metric {
            Metric::Nps => self.nps.as_ref().map(|m| m.responses),
            Metric::Csat => self.csat.as_ref().map(|m| m.responses),
            _ => self.ces.as_ref().map(|m| m.responses),
        };
        n.unwrap_or(0) as f64
    }
}

impl crate::metrics::signals::Headlines for SurveyResults {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        METRICS.map(|m| (m, self.overall.score(m))).to_vec()
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        METRICS
            .map(|m| {
                let points = self
                    .periods
                    .iter()
                    .map(|p| (p.period.clone(), p.metrics.score(m), p.metrics.responses(m)))
                    .collect();
                (m, points)
            })
            .to_vec()
    }
}
