//! Survey metrics: NPS, CSAT and CES from a mergeable histogram of answers.
//!
//! Definitions (see docs/METRICS.md for sources and variants):
//! - NPS on 0–10: promoters 9–10, passives 7–8, detractors 0–6;
//!   NPS = 100 × (promoters − detractors) / responses. Margin of error from the variance of the
//!   +1/0/−1 coding: Var = [p + d − (p − d)²] / n, MoE = z · √Var × 100, interval clamped to ±100.
//! - CSAT (standard): top-box percent = 100 × answers ≥ satisfiedMin / responses, Wilson interval.
//! - CES (CES 2.0, 1–7 agreement): mean score with a t interval; "% easy" as a variant.

pub mod channels;
pub mod groups;

use crate::vocab::{IntervalMethod, Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use super::figure::{Definition, Figure, SMALL_SAMPLE};
pub use crate::dataset::scores::{format_score, map_score, Scale, ScoreCount, ScoreCounts};
use crate::error::{Error, Result};
use crate::stats::{mean_interval, normal_quantile, wilson_interval, Interval};

/// Validates a confidence level in (0, 1).
pub fn check_confidence(level: f64) -> Result<f64> {
    if level > 0.0 && level < 1.0 {
        Ok(level)
    } else {
        Err(Error::option(
            "confidence",
            format!("{level} is not between 0 and 1 (e.g. 0.95)"),
        ))
    }
}

fn pct(part: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| 100.0 * part as f64 / n as f64)
}

/// Interval of a net score (share of +1 minus share of −1, in points), from the variance of the
/// +1/0/−1 coding: Var = [p + d − (p − d)²] / n; z-interval clamped to ±100.
fn net_interval(plus: u64, minus: u64, n: u64, level: f64) -> Option<(f64, Interval)> {
    if n == 0 {
        return None;
    }
    let z = normal_quantile(1.0 - (1.0 - level) / 2.0)?;
    let nf = n as f64;
    let (p, d) = (plus as f64 / nf, minus as f64 / nf);
    let var = ((p + d - (p - d).powi(2)) / nf).max(0.0);
    let moe = 100.0 * z * var.sqrt();
    let score = 100.0 * (p - d);
    Some((
        moe,
        Interval {
            low: (score - moe).max(-100.0),
            high: (score + moe).min(100.0),
            level,
            method: IntervalMethod::Normal,
        },
    ))
}

fn scale_params(def: Definition, scale: Scale) -> Definition {
    def.param("scaleMin", scale.min)
        .param("scaleMax", scale.max)
}

// ---------------------------------------------------------------------------------------------
// NPS

/// NPS result: the score in points (−100..100) with its margin of error and the three groups.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NpsResult {
    /// NPS in points, −100..100; `null` when there are no responses.
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub promoters_percent: Option<f64>,
    pub passives_percent: Option<f64>,
    pub detractors_percent: Option<f64>,
    /// Half-width of the interval in points (before clamping to ±100).
    pub margin_of_error: Option<f64>,
    pub interval: Option<Interval>,
    pub small_sample: bool,
    /// Answers per score 0–10; `null` when computed from group counts.
    pub distribution: Option<Vec<ScoreCount>>,
    pub definition: Definition,
}

fn nps_definition(level: f64) -> Definition {
    scale_params(
        Definition::new(
            Metric::Nps,
            Variant::Standard,
            Unit::Points,
            "NPS = 100 × (promoters − detractors) / responses; promoters 9–10, passives 7–8, detractors 0–6; \
             margin of error = z × √([p + d − (p − d)²] / n) × 100 (variance of +1/0/−1 coding), interval clamped to ±100",
        ),
        Scale::NPS,
    )
    .param("promotersMin", 9)
    .param("passivesMin", 7)
    .param("detractorsMax", 6)
    .param("confidence", level)
}

/// NPS from group counts.
pub fn nps_from_counts(
    promoters: u64,
    passives: u64,
    detractors: u64,
    level: f64,
) -> Result<NpsResult> {
    let level = check_confidence(level)?;
    Ok(nps_result(promoters, passives, detractors, None, level))
}

/// NPS from a 0–10 histogram.
pub fn nps_from_hist(h: &ScoreCounts, level: f64) -> NpsResult {
    let promoters = h.count_between(9, 10);
    let passives = h.count_between(7, 8);
    let detractors = h.count_between(0, 6);
    nps_result(
        promoters,
        passives,
        detractors,
        Some(h.distribution()),
        level,
    )
}

fn nps_result(
    promoters: u64,
    passives: u64,
    detractors: u64,
    dist: Option<Vec<ScoreCount>>,
    level: f64,
) -> NpsResult {
    let n = promoters + passives + detractors;
    let net = net_interval(promoters, detractors, n, level);
    NpsResult {
        score: (n > 0).then(|| 100.0 * (promoters as f64 - detractors as f64) / n as f64),
        unavailable_reason: (n == 0).then(|| "no answers".to_string()),
        responses: n,
        promoters,
        passives,
        detractors,
        promoters_percent: pct(promoters, n),
        passives_percent: pct(passives, n),
        detractors_percent: pct(detractors, n),
        margin_of_error: net.map(|(m, _)| m),
        interval: net.map(|(_, i)| i),
        small_sample: n < SMALL_SAMPLE,
        distribution: dist,
        definition: nps_definition(level),
    }
}

/// Options for NPS from raw scores.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct NpsOptions {
    /// Confidence level of the interval (default 0.95).
    pub confidence: Option<f64>,
    /// Explicit mapping of another scale's answers to 0–10, e.g. {"1": 0, "5": 10}. NPS is only
    /// defined on a 0–10 question: without a map, any other value is an error.
    pub score_map: Option<std::collections::BTreeMap<String, f64>>,
}

impl NpsOptions {
    /// Maps a raw answer to the 0–10 scale (identity without a score map).
    pub fn map_score(&self, v: f64) -> std::result::Result<f64, &'static str> {
        map_score(self.score_map.as_ref(), v)
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(map) = &self.score_map {
            for (k, v) in map {
                if Scale::NPS.index_of(*v).is_err() {
                    return Err(Error::option(
                        "scoreMap",
                        format!("`{k}` maps to {v}, which is not a whole number 0–10"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// NPS from raw 0–10 scores (or scores mapped with `scoreMap`).
pub fn nps_from_scores(scores: &[f64], opts: &NpsOptions) -> Result<NpsResult> {
    let level = check_confidence(opts.confidence.unwrap_or(0.95))?;
    opts.validate()?;
    let mut h = ScoreCounts::new(Scale::NPS);
    for (index, &v) in scores.iter().enumerate() {
        let mapped = opts
            .map_score(v)
            .map_err(|reason| invalid("NPS", index, v, reason))?;
        let i = Scale::NPS.index_of(mapped).map_err(|reason| {
            invalid(
                "NPS",
                index,
                v,
                format!("{reason} 0–10 (NPS is only defined on a 0–10 question; map other scales with `scoreMap`)"),
            )
        })?;
        h.add_index(i);
    }
    Ok(nps_from_hist(&h, level))
}

fn invalid(metric: &'static str, index: usize, value: f64, reason: impl Into<String>) -> Error {
    Error::InvalidScore {
        metric,
        index,
        value,
        reason: reason.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// CSAT

/// CSAT variants, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum CsatVariant {
    /// Standard: percent of answers at or above `satisfiedMin` (top-2-box on 1–5).
    #[default]
    TopBox,
    /// Mean score on the answer scale.
    Mean,
    /// Mean mapped to 0–100: (mean − min) / (max − min) × 100.
    MeanPercent,
    /// Percent satisfied (≥ satisfiedMin) minus percent dissatisfied (≤ dissatisfiedMax).
    Net,
    /// Percent at or above the midpoint minus percent dissatisfied: "% of 3–5 minus % of 1–2" on 1–5.
    NetWithNeutral,
}

/// CSAT options; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct CsatOptions {
    /// Answer scale (default 1–5).
    pub scale: Option<Scale>,
    /// Lowest satisfied answer (default: the top two points, 4 on 1–5).
    pub satisfied_min: Option<i32>,
    /// Highest dissatisfied answer (default: the bottom two points, 2 on 1–5).
    pub dissatisfied_max: Option<i32>,
    /// Which variant is the headline `score` (default `topBox`); all variants are always reported.
    pub variant: Option<CsatVariant>,
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CsatParams {
    pub scale: Scale,
    pub satisfied_min: i32,
    pub dissatisfied_max: i32,
    pub variant: CsatVariant,
    pub level: f64,
}

impl CsatOptions {
    pub fn resolve(&self, default_scale: Scale) -> Result<CsatParams> {
        let scale = self.scale.unwrap_or(default_scale);
        scale.validate("csat.scale")?;
        let satisfied_min = self.satisfied_min.unwrap_or(scale.max - 1);
        let dissatisfied_max = self.dissatisfied_max.unwrap_or(scale.min + 1);
        if satisfied_min < scale.min || satisfied_min > scale.max {
            return Err(Error::option(
                "satisfiedMin",
                format!(
                    "{satisfied_min} is outside the scale {}–{}",
                    scale.min, scale.max
                ),
            ));
        }
        if dissatisfied_max < scale.min || dissatisfied_max >= satisfied_min {
            return Err(Error::option(
                "dissatisfiedMax",
                format!("{dissatisfied_max} must be on the scale and below satisfiedMin ({satisfied_min})"),
            ));
        }
        Ok(CsatParams {
            scale,
            satisfied_min,
            dissatisfied_max,
            variant: self.variant.unwrap_or_default(),
            level: check_confidence(self.confidence.unwrap_or(0.95))?,
        })
    }
}

/// Every CSAT variant, each with its own definition.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CsatVariants {
    pub top_box: Figure,
    pub mean: Figure,
    pub mean_percent: Figure,
    pub net: Figure,
    pub net_with_neutral: Figure,
    /// The literal "sum of scores / responses × 100" (the mean × 100: 4.2 on 1–5 reads 420).
    pub literal_mean: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CsatResult {
    /// The headline figure (the variant chosen by `variant`, top-box by default).
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    pub variant: CsatVariant,
    pub interval: Option<Interval>,
    pub responses: u64,
    pub satisfied: u64,
    pub dissatisfied: u64,
    pub mean: Option<f64>,
    pub small_sample: bool,
    pub distribution: Vec<ScoreCount>,
    pub variants: CsatVariants,
    pub definition: Definition,
}

fn csat_definitions(p: &CsatParams) -> [Definition; 5] {
    let s = p.scale;
    let mid = s.midpoint_up();
    let with = |d: Definition| {
        scale_params(d, s)
            .param("satisfiedMin", p.satisfied_min)
            .param("dissatisfiedMax", p.dissatisfied_max)
            .param("confidence", p.level)
    };
    [
        with(Definition::new(
            Metric::Csat,
            Variant::TopBox,
            Unit::Percent,
            format!(
                "CSAT = 100 × answers {}–{} / responses (Wilson interval)",
                p.satisfied_min, s.max
            ),
        )),
        with(Definition::new(
            Metric::Csat,
            Variant::Mean,
            Unit::Score,
            "mean answer on the scale (t interval)",
        )),
        with(Definition::new(
            Metric::Csat,
            Variant::MeanPercent,
            Unit::Percent,
            format!(
                "100 × (mean − {}) / ({} − {}) (t interval, rescaled)",
                s.min, s.max, s.min
            ),
        )),
        with(Definition::new(
            Metric::Csat,
            Variant::Net,
            Unit::Points,
            format!(
                "% of answers {}–{} minus % of answers {}–{} (variance of +1/0/−1 coding)",
                p.satisfied_min, s.max, s.min, p.dissatisfied_max
            ),
        )),
        with(Definition::new(
            Metric::Csat,
            Variant::NetWithNeutral,
            Unit::Points,
            format!(
                "% of answers {}–{} minus % of answers {}–{} (variance of +1/0/−1 coding)",
                mid, s.max, s.min, p.dissatisfied_max
            ),
        ))
        .param("neutralMin", mid),
    ]
}

/// CSAT from a histogram on the configured scale.
pub fn csat_from_hist(h: &ScoreCounts, p: &CsatParams) -> CsatResult {
    let n = h.n();
    let s = p.scale;
    let satisfied = h.count_between(p.satisfied_min, s.max);
    let dissatisfied = h.count_between(s.min, p.dissatisfied_max);
    let neutral_up = h.count_between(s.midpoint_up(), s.max);
    let (mean, sd) = h.mean_sd();
    let [d_top, d_mean, d_mean_pct, d_net, d_net_neutral] = csat_definitions(p);

    let top_box = Figure::new(
        pct(satisfied, n),
        n,
        wilson_interval(satisfied, n, p.level).map(|i| scale_interval(i, 100.0, 0.0)),
        d_top,
    );
    let mean_iv = match (mean, sd) {
        (Some(m), Some(sd)) => mean_interval(m, sd, n, p.level),
        _ => None,
    };
    let range = (s.max - s.min) as f64;
    let to_pct = |v: f64| 100.0 * (v - s.min as f64) / range;
    let mean_fig = Figure::new(mean, n, mean_iv, d_mean);
    let mean_pct = Figure::new(
        mean.map(to_pct),
        n,
        mean_iv.map(|i| Interval {
            low: to_pct(i.low),
            high: to_pct(i.high),
            ..i
        }),
        d_mean_pct,
    );
    let net_fig = |plus: u64, def: Definition| {
        let ni = net_interval(plus, dissatisfied, n, p.level);
        Figure::new(
            (n > 0).then(|| 100.0 * (plus as f64 - dissatisfied as f64) / n as f64),
            n,
            ni.map(|(_, i)| i),
            def,
        )
    };
    let variants = CsatVariants {
        top_box,
        mean: mean_fig,
        mean_percent: mean_pct,
        net: net_fig(satisfied, d_net),
        net_with_neutral: net_fig(neutral_up, d_net_neutral),
        literal_mean: Figure::new(
            mean.map(|m| 100.0 * m),
            n,
            mean_iv.map(|i| scale_interval(i, 100.0, 0.0)),
            scale_params(
                Definition::new(
                    Metric::Csat,
                    Variant::LiteralMean,
                    Unit::Score,
                    "sum of scores / responses × 100 (the mean answer × 100; not a percentage)",
                ),
                s,
            ),
        ),
    };
    let head = match p.variant {
        CsatVariant::TopBox => &variants.top_box,
        CsatVariant::Mean => &variants.mean,
        CsatVariant::MeanPercent => &variants.mean_percent,
        CsatVariant::Net => &variants.net,
        CsatVariant::NetWithNeutral => &variants.net_with_neutral,
    };
    CsatResult {
        score: head.value,
        unavailable_reason: head.unavailable_reason.clone(),
        variant: p.variant,
        interval: head.interval,
        definition: head.definition.clone(),
        responses: n,
        satisfied,
        dissatisfied,
        mean,
        small_sample: n < SMALL_SAMPLE,
        distribution: h.distribution(),
        variants,
    }
}

fn scale_interval(i: Interval, factor: f64, shift: f64) -> Interval {
    Interval {
        low: i.low * factor + shift,
        high: i.high * factor + shift,
        ..i
    }
}

/// Fills a histogram from raw scores, failing on the first score not on the scale.
fn hist_from_scores(metric: &'static str, scores: &[f64], scale: Scale) -> Result<ScoreCounts> {
    let mut h = ScoreCounts::new(scale);
    for (index, &v) in scores.iter().enumerate() {
        let i = scale.index_of(v).map_err(|reason| {
            invalid(
                metric,
                index,
                v,
                format!("{reason} {}–{}", scale.min, scale.max),
            )
        })?;
        h.add_index(i);
    }
    Ok(h)
}

/// CSAT from raw scores.
pub fn csat_from_scores(scores: &[f64], opts: &CsatOptions) -> Result<CsatResult> {
    let p = opts.resolve(Scale::CSAT)?;
    let h = hist_from_scores("CSAT", scores, p.scale)?;
    Ok(csat_from_hist(&h, &p))
}

/// CSAT from answer counts per scale point (`counts[0]` = answers of `scale.min`).
pub fn csat_from_counts(counts: &[f64], opts: &CsatOptions) -> Result<CsatResult> {
    let p = opts.resolve(Scale::CSAT)?;
    let h = hist_from_counts("CSAT", counts, p.scale)?;
    Ok(csat_from_hist(&h, &p))
}

fn hist_from_counts(metric: &'static str, counts: &[f64], scale: Scale) -> Result<ScoreCounts> {
    if counts.len() != scale.points() {
        return Err(Error::option(
            "counts",
            format!(
                "{metric} needs {} counts (one per answer {}–{}), got {}",
                scale.points(),
                scale.min,
                scale.max,
                counts.len()
            ),
        ));
    }
    let mut h = ScoreCounts::new(scale);
    for (i, &c) in counts.iter().enumerate() {
        if crate::stats::whole_count(c).is_none() {
            return Err(Error::option(
                "counts",
                format!("count #{i} ({c}) is not a whole number ≥ 0"),
            ));
        }
        h.add_count(scale.min + i as i32, c as u64);
    }
    Ok(h)
}

// ---------------------------------------------------------------------------------------------
// CES

/// Which end of the CES scale means "easy".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum CesDirection {
    /// CES 2.0: agreement with "made it easy", higher = easier.
    #[default]
    HigherIsEasier,
    /// Legacy effort scales: 1 = very low effort.
    LowerIsEasier,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct CesOptions {
    /// Answer scale (default 1–7, CES 2.0).
    pub scale: Option<Scale>,
    pub direction: Option<CesDirection>,
    /// The "easy" threshold: answers ≥ it (or ≤ it when lower is easier) count as easy.
    /// Default: the points beyond the midpoint (5–7 on 1–7, 4–5 on 1–5; 1–2 on 1–5 reversed).
    pub easy_threshold: Option<i32>,
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CesParams {
    pub scale: Scale,
    pub direction: CesDirection,
    pub easy_threshold: i32,
    pub level: f64,
}

impl CesOptions {
    pub fn resolve(&self, default_scale: Scale) -> Result<CesParams> {
        let scale = self.scale.unwrap_or(default_scale);
        scale.validate("ces.scale")?;
        let direction = self.direction.unwrap_or_default();
        let mid2 = scale.min + scale.max; // twice the midpoint
        let easy_threshold = self.easy_threshold.unwrap_or(match direction {
            CesDirection::HigherIsEasier => mid2 / 2 + 1,
            CesDirection::LowerIsEasier => (mid2 + 1) / 2 - 1,
        });
        if easy_threshold < scale.min || easy_threshold > scale.max {
            return Err(Error::option(
                "easyThreshold",
                format!(
                    "{easy_threshold} is outside the scale {}–{}",
                    scale.min, scale.max
                ),
            ));
        }
        Ok(CesParams {
            scale,
            direction,
            easy_threshold,
            level: check_confidence(self.confidence.unwrap_or(0.95))?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CesVariants {
    pub mean: Figure,
    pub easy_percent: Figure,
    /// % of answers in the upper half (3–5 on 1–5) minus % in the lower (1–2), easy side first.
    pub net_with_neutral: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CesResult {
    /// Mean answer (the CES 2.0 standard), with a t interval.
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    pub interval: Option<Interval>,
    pub responses: u64,
    pub easy: u64,
    pub easy_percent: Option<f64>,
    pub direction: CesDirection,
    pub small_sample: bool,
    pub distribution: Vec<ScoreCount>,
    pub variants: CesVariants,
    pub definition: Definition,
}

pub fn ces_from_hist(h: &ScoreCounts, p: &CesParams) -> CesResult {
    let n = h.n();
    let s = p.scale;
    let (easy, easy_range) = match p.direction {
        CesDirection::HigherIsEasier => (
            h.count_between(p.easy_threshold, s.max),
            format!("{}–{}", p.easy_threshold, s.max),
        ),
        CesDirection::LowerIsEasier => (
            h.count_between(s.min, p.easy_threshold),
            format!("{}–{}", s.min, p.easy_threshold),
        ),
    };
    let dir = match p.direction {
        CesDirection::HigherIsEasier => "higherIsEasier",
        CesDirection::LowerIsEasier => "lowerIsEasier",
    };
    let with = |d: Definition| {
        scale_params(d, s)
            .param("direction", dir)
            .param("easyThreshold", p.easy_threshold)
            .param("confidence", p.level)
    };
    let (mean, sd) = h.mean_sd();
    let mean_iv = match (mean, sd) {
        (Some(m), Some(sd)) => mean_interval(m, sd, n, p.level),
        _ => None,
    };
    let mean_fig = Figure::new(
        mean,
        n,
        mean_iv,
        with(Definition::new(
            Metric::Ces,
            Variant::Mean,
            Unit::Score,
            "CES = mean answer (t interval)",
        )),
    );
    let easy_fig = Figure::new(
        pct(easy, n),
        n,
        wilson_interval(easy, n, p.level).map(|i| scale_interval(i, 100.0, 0.0)),
        with(Definition::new(
            Metric::Ces,
            Variant::EasyPercent,
            Unit::Percent,
            format!("100 × answers {easy_range} / responses (Wilson interval)"),
        )),
    );
    CesResult {
        score: mean_fig.value,
        unavailable_reason: mean_fig.unavailable_reason.clone(),
        interval: mean_fig.interval,
        definition: mean_fig.definition.clone(),
        responses: n,
        easy,
        easy_percent: easy_fig.value,
        direction: p.direction,
        small_sample: n < SMALL_SAMPLE,
        distribution: h.distribution(),
        variants: CesVariants {
            mean: mean_fig,
            easy_percent: easy_fig,
            net_with_neutral: ces_net(h, p, with),
        },
    }
}

/// CES as % of answers from the midpoint up minus % below it (3–5 minus 1–2 on 1–5), the easy
/// side counted positive (reversed for `lowerIsEasier`).
fn ces_net(h: &ScoreCounts, p: &CesParams, with: impl Fn(Definition) -> Definition) -> Figure {
    let (s, n) = (p.scale, h.n());
    let mid = s.midpoint_up();
    let (upper, lower) = (h.count_between(mid, s.max), h.count_between(s.min, mid - 1));
    let (plus, minus, text) = match p.direction {
        CesDirection::HigherIsEasier => (
            upper,
            lower,
            format!(
                "% of answers {mid}–{} minus % of answers {}–{}",
                s.max,
                s.min,
                mid - 1
            ),
        ),
        CesDirection::LowerIsEasier => (
            lower,
            upper,
            format!(
                "% of answers {}–{} minus % of answers {mid}–{}",
                s.min,
                mid - 1,
                s.max
            ),
        ),
    };
    Figure::new(
        (n > 0).then(|| 100.0 * (plus as f64 - minus as f64) / n as f64),
        n,
        net_interval(plus, minus, n, p.level).map(|(_, i)| i),
        with(Definition::new(
            Metric::Ces,
            Variant::NetWithNeutral,
            Unit::Points,
            text,
        )),
    )
}

/// CES from raw scores.
pub fn ces_from_scores(scores: &[f64], opts: &CesOptions) -> Result<CesResult> {
    let p = opts.resolve(Scale::CES)?;
    let h = hist_from_scores("CES", scores, p.scale)?;
    Ok(ces_from_hist(&h, &p))
}

/// CES from answer counts per scale point.
pub fn ces_from_counts(counts: &[f64], opts: &CesOptions) -> Result<CesResult> {
    let p = opts.resolve(Scale::CES)?;
    let h = hist_from_counts("CES", counts, p.scale)?;
    Ok(ces_from_hist(&h, &p))
}
