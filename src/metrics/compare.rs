//! Is a change real? Figures compared period over period and group against the rest of its
//! breakdown, each with the difference, its interval and a p-value. Surveys: NPS by the
//! difference test of the +1/0/−1 coding, CSAT top-box by the two-proportion z-test, CES by
//! Welch's t-test on the answers. Other kinds: shares by the two-proportion z-test, means by
//! Welch, ratios of sums by the z-test of two delta-method ratios. Segment comparisons are
//! Holm-corrected within each breakdown and metric. A comparison whose groups are too small
//! for its test (`stats::enough`) carries the reason instead of a p-value. Trend flags and
//! targets: `signals`.

use crate::vocab::{Baseline, Correction, Kind, Metric, Unit, Variant};
use std::collections::BTreeMap;

use serde::Serialize;

use crate::metrics::figure::Definition;
use crate::metrics::survey::groups::{PeriodMetrics, SegmentBreakdown, SurveyMetrics};
use crate::metrics::survey::ScoreCount;
use crate::stats::enough::{enough_n, enough_proportions};
use crate::stats::ratio::compare_ratios;
use crate::stats::significance::{
    holm, nps_difference, two_proportions, welch, Comparison, Sample,
};
pub use crate::stats::Moments;
use crate::stats::RatioSums;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MetricComparison {
    pub metric: Metric,
    /// What the group is compared with: the previous period, the same period a year earlier
    /// (when the data span more than a year), or the rest of its breakdown.
    pub against: Baseline,
    /// The baseline (a period, or "rest of <column>") and the group compared with it.
    pub baseline: String,
    pub group: String,
    pub comparison: Option<Comparison>,
    /// Holm-adjusted within a segment breakdown; the raw p-value period over period.
    pub adjusted_p_value: Option<f64>,
    pub significant: bool,
    /// Why there is no test: a group too small for it ("too few to test (n = 1 and 40; …)").
    pub unavailable_reason: Option<String>,
}

/// A test's outcome: `Err(reason)` when the groups are too small for it, `Ok(None)` when it
/// cannot be computed (no variance, no denominator), `Ok(Some)` with its p-value.
type Outcome = Result<Option<Comparison>, String>;

/// The row of an outcome, its p-value left for the caller (raw or Holm-adjusted).
fn row(
    metric: Metric,
    against: Baseline,
    baseline: String,
    group: String,
    outcome: Outcome,
) -> MetricComparison {
    let (comparison, unavailable_reason) = match outcome {
        Ok(c) => (c, None),
        Err(reason) => (None, Some(reason)),
    };
    MetricComparison {
        metric,
        against,
        baseline,
        group,
        comparison,
        adjusted_p_value: None,
        significant: false,
        unavailable_reason,
    }
}

/// The pairs of periods compared (earlier, later, against), `labels` in period order: each
/// period with the one before it, then, where the data hold it, with the same period a year
/// earlier (`period::year_earlier`; not again when that is the period before).
pub fn period_pairs(labels: &[&str]) -> Vec<(usize, usize, Baseline)> {
    let mut out: Vec<(usize, usize, Baseline)> = (1..labels.len())
        .map(|i| (i - 1, i, Baseline::PreviousPeriod))
        .collect();
    let index: BTreeMap<&str, usize> = labels.iter().enumerate().map(|(i, &l)| (l, i)).collect();
    for (i, label) in labels.iter().enumerate() {
        let earlier = crate::period::year_earlier(label);
        if let Some(&j) = earlier.as_deref().and_then(|l| index.get(l)) {
            if j + 1 < i {
                out.push((j, i, Baseline::YearEarlier));
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentComparisons {
    pub column: String,
    pub correction: Correction,
    pub comparisons: Vec<MetricComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SurveyComparisons {
    pub confidence: f64,
    pub period_over_period: Vec<MetricComparison>,
    pub segments: Vec<SegmentComparisons>,
    pub definition: Definition,
}

/// Mean, sd (n − 1) and n of answers from their distribution.
fn sample(dist: &[ScoreCount]) -> Option<Sample> {
    let n: f64 = dist.iter().map(|d| d.count as f64).sum();
    if n < 2.0 {
        return None;
    }
    let mean = dist
        .iter()
        .map(|d| d.score as f64 * d.count as f64)
        .sum::<f64>()
        / n;
    let ss: f64 = dist
        .iter()
        .map(|d| d.count as f64 * (d.score as f64 - mean).powi(2))
        .sum();
    Some(Sample {
        mean,
        sd: (ss / (n - 1.0)).sqrt(),
        n,
    })
}

/// Each metric of `b` against `a`.
fn compare(a: &SurveyMetrics, b: &SurveyMetrics, level: f64) -> Vec<(Metric, Outcome)> {
    let mut out = Vec::new();
    if let (Some(x), Some(y)) = (&a.nps, &b.nps) {
        let c = enough_n(x.responses as f64, y.responses as f64).map(|()| {
            nps_difference(
                [x.promoters, x.passives, x.detractors],
                [y.promoters, y.passives, y.detractors],
                level,
            )
        });
        out.push((Metric::Nps, c));
    }
    if let (Some(x), Some(y)) = (&a.csat, &b.csat) {
        let (xa, na, xb, nb) = (x.satisfied, x.responses, y.satisfied, y.responses);
        // Top-box share, in percent like the CSAT score.
        let c = enough_proportions(xa as f64, na as f64, xb as f64, nb as f64)
            .map(|()| two_proportions(xa, na, xb, nb, level).map(|c| scaled(c, 100.0)));
        out.push((Metric::Csat, c));
    }
    if let (Some(x), Some(y)) = (&a.ces, &b.ces) {
        let c = enough_n(x.responses as f64, y.responses as f64).map(|()| {
            sample(&x.distribution)
                .zip(sample(&y.distribution))
                .and_then(|(sa, sb)| welch(sa, sb, level))
        });
        out.push((Metric::Ces, c));
    }
    out
}

/// The metrics of all groups of a breakdown except one, merged ("the rest").
fn rest(groups: &[(String, &SurveyMetrics)], skip: usize) -> SurveyMetrics {
    let mut merged: Option<SurveyMetrics> = None;
    for (i, (_, m)) in groups.iter().enumerate() {
        if i == skip {
            continue;
        }
        merged = Some(match merged {
            None => (*m).clone(),
            Some(acc) => merge(acc, m),
        });
    }
    merged.unwrap_or_else(|| groups[skip].1.clone())
}

/// Counts that the comparisons read, added (the other fields are left as they are).
fn merge(mut a: SurveyMetrics, b: &SurveyMetrics) -> SurveyMetrics {
    a.rows += b.rows;
    if let (Some(x), Some(y)) = (a.nps.as_mut(), b.nps.as_ref()) {
        x.promoters += y.promoters;
        x.passives += y.passives;
        x.detractors += y.detractors;
        x.responses += y.responses;
    }
    if let (Some(x), Some(y)) = (a.csat.as_mut(), b.csat.as_ref()) {
        x.satisfied += y.satisfied;
        x.responses += y.responses;
    }
    if let (Some(x), Some(y)) = (a.ces.as_mut(), b.ces.as_ref()) {
        let mut counts: BTreeMap<i32, u64> = BTreeMap::new();
        for d in x.distribution.iter().chain(&y.distribution) {
            *counts.entry(d.score).or_default() += d.count;
        }
        x.distribution = counts
            .into_iter()
            .map(|(score, count)| ScoreCount {
                score,
                count,
                percent: None,
            })
            .collect();
        x.responses += y.responses;
    }
    a
}

pub fn survey_comparisons(
    periods: &[PeriodMetrics],
    segments: &[SegmentBreakdown],
    level: f64,
) -> SurveyComparisons {
    let alpha = 1.0 - level;
    let mut period_over_period = Vec::new();
    let labels: Vec<&str> = periods.iter().map(|p| p.period.as_str()).collect();
    for (a, b, against) in period_pairs(&labels) {
        let (a, b) = (&periods[a], &periods[b]);
        for (metric, c) in compare(&a.metrics, &b.metrics, level) {
            let mut r = row(metric, against, a.period.clone(), b.period.clone(), c);
            r.adjusted_p_value = r.comparison.as_ref().map(|c| c.p_value);
            r.significant = r.adjusted_p_value.is_some_and(|p| p < alpha);
            period_over_period.push(r);
        }
    }
    let segments = segments
        .iter()
        .filter(|s| s.groups.len() >= 2)
        .map(|s| {
            let groups: Vec<(String, &SurveyMetrics)> = s
                .groups
                .iter()
                .map(|g| (g.value.clone(), &g.metrics))
                .collect();
            let mut comparisons = Vec::new();
            for (i, (name, m)) in groups.iter().enumerate() {
                for (metric, c) in compare(&rest(&groups, i), m, level) {
                    comparisons.push(row(
                        metric,
                        Baseline::RestOfBreakdown,
                        format!("rest of {}", s.column),
                        name.clone(),
                        c,
                    ));
                }
            }
            // Holm within each metric of the breakdown.
            for metric in [Metric::Nps, Metric::Csat, Metric::Ces] {
                let idx: Vec<usize> = (0..comparisons.len())
                    .filter(|&k| {
                        comparisons[k].metric == metric && comparisons[k].comparison.is_some()
                    })
                    .collect();
                let raw: Vec<f64> = idx
                    .iter()
                    .map(|&k| {
                        comparisons[k]
                            .comparison
                            .as_ref()
                            .map_or(1.0, |c| c.p_value)
                    })
                    .collect();
                for (&k, p) in idx.iter().zip(holm(&raw)) {
                    comparisons[k].adjusted_p_value = Some(p);
                    comparisons[k].significant = p < alpha;
                }
            }
            SegmentComparisons {
                column: s.column.clone(),
                correction: Correction::Holm,
                comparisons,
            }
        })
        .collect();
    SurveyComparisons {
        confidence: level,
        period_over_period,
        segments,
        definition: Definition::new(
            Metric::Comparison,
            Variant::Standard,
            Unit::Points,
            "each period against the previous one (and, when the data span more than a year, against the same period a year earlier: month, quarter, or 364 days for weeks and days) and each segment against the rest of its breakdown: NPS by the z-test of the +1/0/−1 coding (difference in points), CSAT top-box by the pooled two-proportion z-test (difference in percentage points, Wald interval), CES by Welch's t-test on the answers; segment p-values Holm-adjusted per breakdown and metric; significant when p < 1 − confidence; no test when a group has fewer than 30 answers (NPS, CES) or fewer than 5 expected satisfied or unsatisfied answers (CSAT). Trend flag: |value − median| > 3 × 1.4826 × MAD of up to 6 trailing periods (at least 4, MAD > 0)",
        )
        .param("confidence", level),
    }
}

/// Period-over-period changes of named shares: `series` holds (metric, [(period, rate)]).
/// Only rates that are shares of whole counts are compared.
pub fn rate_changes(
    kind: Kind,
    series: &[(Metric, Vec<(String, &crate::metrics::rate::Rate)>)],
    level: f64,
) -> Vec<MetricComparison> {
    let mut out = Vec::new();
    for (metric, points) in series {
        let labels: Vec<&str> = points.iter().map(|(l, _)| l.as_str()).collect();
        for (i, j, against) in period_pairs(&labels) {
            let (a, b) = (points[i].1, points[j].1);
            if a.interval.is_none() || b.interval.is_none() {
                continue; // not a share of counts, or no denominator
            }
            let counts = [a.numerator, a.denominator, b.numerator, b.denominator];
            if !counts
                .iter()
                .all(|&v| crate::stats::whole_count(v).is_some())
            {
                continue;
            }
            let c = proportions(kind, *metric, a, b, level);
            out.push(single(
                *metric,
                against,
                &points[i].0,
                &points[j].0,
                c,
                level,
            ));
        }
    }
    out
}

/// The two-proportion test of `b` against `a` when their counts carry it, its difference in
/// the unit the share has in `kind`'s report.
fn proportions(
    kind: Kind,
    metric: Metric,
    a: &crate::metrics::rate::Rate,
    b: &crate::metrics::rate::Rate,
    level: f64,
) -> Outcome {
    enough_proportions(a.numerator, a.denominator, b.numerator, b.denominator)?;
    Ok(two_proportions(
        a.numerator as u64,
        a.denominator as u64,
        b.numerator as u64,
        b.denominator as u64,
        level,
    )
    .map(|c| scaled(c, share_scale(kind, metric))))
}

/// A difference of two shares is one of fractions (0–1); where the kind's report gives the
/// share in percent or points (0–100), its changes read in percentage points too: ×100.
fn share_scale(kind: Kind, metric: Metric) -> f64 {
    let info = crate::metrics::catalogue::info(metric);
    // A figure the catalogue places only in other kinds (events' engaged-session share under
    // the social id) is read in the metric's own unit.
    let unit = info
        .places
        .iter()
        .find(|p| p.kind == kind)
        .map_or(info.unit, |p| p.unit);
    match Some(unit) {
        Some(Unit::Percent | Unit::Points) => 100.0,
        _ => 1.0,
    }
}

/// The comparison with its difference (and the difference's interval) multiplied by `s`; the
/// relative change, the statistic and p are unchanged.
fn scaled(mut c: Comparison, s: f64) -> Comparison {
    if s != 1.0 {
        c.difference *= s;
        c.difference_interval = c.difference_interval.map(|i| i.scaled(s));
    }
    c
}

/// Each group's share against the rest of its breakdown (two-proportion z-test on the summed
/// counts of the other groups), Holm-adjusted across the groups. `groups`: (name, rate).
pub fn share_vs_rest(
    kind: Kind,
    metric: Metric,
    column: &str,
    groups: &[(String, &crate::metrics::rate::Rate)],
    level: f64,
) -> Vec<MetricComparison> {
    let usable: Vec<&(String, &crate::metrics::rate::Rate)> = groups
        .iter()
        .filter(|(_, r)| r.interval.is_some())
        .collect();
    if usable.len() < 2 {
        return Vec::new();
    }
    let (tx, tn) = usable.iter().fold((0.0, 0.0), |(x, n), (_, r)| {
        (x + r.numerator, n + r.denominator)
    });
    let mut out: Vec<MetricComparison> = usable
        .iter()
        .map(|(name, r)| {
            let (rx, rn) = (tx - r.numerator, tn - r.denominator);
            let c = enough_proportions(rx, rn, r.numerator, r.denominator).map(|()| {
                two_proportions(
                    rx as u64,
                    rn as u64,
                    r.numerator as u64,
                    r.denominator as u64,
                    level,
                )
                .map(|c| scaled(c, share_scale(kind, metric)))
            });
            row(
                metric,
                Baseline::RestOfBreakdown,
                format!("rest of {column}"),
                name.clone(),
                c,
            )
        })
        .collect();
    holm_within(&mut out, level);
    out
}

/// Holm-adjusts the p-values of one breakdown's comparisons and marks the significant ones.
fn holm_within(out: &mut [MetricComparison], level: f64) {
    let raw: Vec<f64> = out
        .iter()
        .map(|c| c.comparison.as_ref().map_or(1.0, |k| k.p_value))
        .collect();
    for (c, p) in out.iter_mut().zip(holm(&raw)) {
        if c.comparison.is_some() {
            c.adjusted_p_value = Some(p);
            c.significant = p < 1.0 - level;
        }
    }
}

/// A comparison that stands alone (period over period): its raw p-value decides.
fn single(
    metric: Metric,
    against: Baseline,
    baseline: &str,
    group: &str,
    c: Outcome,
    level: f64,
) -> MetricComparison {
    let mut r = row(metric, against, baseline.to_string(), group.to_string(), c);
    r.adjusted_p_value = r.comparison.as_ref().map(|c| c.p_value);
    r.significant = r.adjusted_p_value.is_some_and(|p| p < 1.0 - level);
    r
}

/// Keeps the rows with a test or a reason for none; drops those that cannot be computed.
fn computed(r: &MetricComparison) -> bool {
    r.comparison.is_some() || r.unavailable_reason.is_some()
}

/// Each point against the one before it and the one a year earlier (`points` in period order).
fn changes<T>(
    metric: Metric,
    points: &[(String, T)],
    compare: impl Fn(&T, &T) -> Outcome,
    level: f64,
) -> Vec<MetricComparison> {
    let labels: Vec<&str> = points.iter().map(|(l, _)| l.as_str()).collect();
    period_pairs(&labels)
        .into_iter()
        .map(|(i, j, against)| {
            let (a, b) = (&points[i], &points[j]);
            single(metric, against, &a.0, &b.0, compare(&a.1, &b.1), level)
        })
        .filter(computed)
        .collect()
}

/// Each group against the rest of its breakdown (`rest` of a group, then `compare(rest,
/// group)`), Holm-adjusted across the groups.
fn against_rest<T>(
    metric: Metric,
    column: &str,
    groups: &[(String, T)],
    rest: impl Fn(&T) -> T,
    compare: impl Fn(&T, &T) -> Outcome,
    level: f64,
) -> Vec<MetricComparison> {
    if groups.len() < 2 {
        return Vec::new();
    }
    let baseline = format!("rest of {column}");
    let mut out: Vec<MetricComparison> = groups
        .iter()
        .map(|(name, g)| {
            let c = compare(&rest(g), g);
            single(metric, Baseline::RestOfBreakdown, &baseline, name, c, level)
        })
        .filter(computed)
        .collect();
    holm_within(&mut out, level);
    out
}

/// Period-over-period changes of ratios of sums over units (delta-method z-test), in
/// `scale` × the ratio. `points`: (period, sums) in period order.
pub fn ratio_changes(
    metric: Metric,
    points: &[(String, RatioSums)],
    level: f64,
    scale: f64,
) -> Vec<MetricComparison> {
    changes(
        metric,
        points,
        |a, b| {
            enough_n(a.n, b.n)?;
            Ok(compare_ratios(a, b, level, scale))
        },
        level,
    )
}

/// Each group's ratio against the rest of its breakdown, Holm-adjusted across the groups.
pub fn ratio_vs_rest(
    metric: Metric,
    column: &str,
    groups: &[(String, RatioSums)],
    level: f64,
    scale: f64,
) -> Vec<MetricComparison> {
    let total = groups.iter().fold(RatioSums::default(), |mut t, (_, g)| {
        t.merge(g);
        t
    });
    against_rest(
        metric,
        column,
        groups,
        |g| total.without(g),
        |a, b| {
            enough_n(a.n, b.n)?;
            Ok(compare_ratios(a, b, level, scale))
        },
        level,
    )
}

/// Each group's mean against the rest of its breakdown (Welch), Holm-adjusted.
pub fn means_vs_rest(
    metric: Metric,
    column: &str,
    groups: &[(String, Moments)],
    level: f64,
) -> Vec<MetricComparison> {
    let total = groups
        .iter()
        .fold(Moments::default(), |t, (_, m)| t.merge(m));
    against_rest(
        metric,
        column,
        groups,
        |m| total.without(m),
        |a, b| {
            enough_n(a.n, b.n)?;
            Ok(a.sample()
                .zip(b.sample())
                .and_then(|(x, y)| welch(x, y, level)))
        },
        level,
    )
}

/// Period-over-period changes of means (Welch's t-test). `points`: (period, moments).
pub fn mean_changes(
    metric: Metric,
    points: &[(String, Moments)],
    level: f64,
) -> Vec<MetricComparison> {
    changes(
        metric,
        points,
        |a, b| {
            enough_n(a.n, b.n)?;
            Ok(a.sample()
                .zip(b.sample())
                .and_then(|(x, y)| welch(x, y, level)))
        },
        level,
    )
}
