//! Retention cohorts and lifecycle. A user's cohort is the period of their first event (or of
//! their first `cohortEvent`); period k of a cohort is the k-th period after it. "exact" counts
//! users active in period k; "on or after" counts users active in period k or any later one.
//! Lifecycle per period: new (first period), returning (active this and the previous period),
//! resurrecting (active now, not in the previous period, but before), dormant (active in the
//! previous period, not in this one).

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::metrics::figure::Definition;
use crate::period::{Periodizer, Periods, MAX_PERIODS};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    pub cohort: String,
    pub size: u64,
    /// `exact[k]`: users active in period k (k = 0 is the cohort's own period).
    pub exact: Vec<u64>,
    /// `onOrAfter[k]`: users active in period k or later.
    pub on_or_after: Vec<u64>,
    pub exact_rate: Vec<Option<f64>>,
    pub on_or_after_rate: Vec<Option<f64>>,
    /// Wilson intervals of each cell's share at the report's confidence.
    pub exact_interval: Vec<Option<crate::stats::Interval>>,
    pub on_or_after_interval: Vec<Option<crate::stats::Interval>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    pub granularity: crate::period::Granularity,
    pub cohorts: Vec<Cohort>,
    /// Why there is no matrix (too many periods for the granularity), if so.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    /// Which of the two definitions the page shows first.
    pub headline: super::options::RetentionMode,
    pub definition: Definition,
}

/// `active[u]`: sorted distinct period indices of user u; `start[u]`: the cohort period index
/// (None: the user never did the cohort event).
pub fn retention(
    active: &[Vec<usize>],
    start: &[Option<usize>],
    periods: &Periods,
    p: &Periodizer,
    headline: super::options::RetentionMode,
    cohort_event: Option<&str>,
    level: f64,
) -> Retention {
    let n = periods.starts.len();
    let definition = Definition::new(
        Metric::Retention,
        Variant::CohortMatrix,
        Unit::Ratio,
        "cohort = period of the user's first event (or first cohort event); exact[k] = share of the cohort active in period k; onOrAfter[k] = share active in period k or later",
    )
    .param("cohortEvent", cohort_event.unwrap_or("(any event)"));
    if n > MAX_PERIODS {
        return Retention {
            granularity: p.granularity,
            cohorts: Vec::new(),
            unavailable_reason: Some(format!(
                "{n} periods: a cohort matrix needs at most {MAX_PERIODS}; choose a coarser granularity"
            )),
            headline,
            definition,
        };
    }
    let mut exact = vec![vec![0u64; n]; n];
    let mut after = vec![vec![0u64; n]; n];
    let mut size = vec![0u64; n];
    for (u, ps) in active.iter().enumerate() {
        let Some(c) = start[u] else { continue };
        size[c] += 1;
        let last = ps.last().copied().unwrap_or(c);
        for &q in ps.iter().filter(|&&q| q >= c) {
            exact[c][q - c] += 1;
        }
        // Active in k or later ⇔ last active period ≥ c + k.
        for x in after[c].iter_mut().take(last.saturating_sub(c) + 1) {
            *x += 1;
        }
    }
    let cohorts = (0..n)
        .filter(|&c| size[c] > 0)
        .map(|c| {
            let len = n - c;
            let rate = |v: &[u64]| v.iter().map(|&x| Some(x as f64 / size[c] as f64)).collect();
            let wilson = |v: &[u64]| {
                v.iter()
                    .map(|&x| crate::stats::wilson_interval(x, size[c], level))
                    .collect()
            };
            Cohort {
                cohort: p.label(periods.starts[c]),
                size: size[c],
                exact_rate: rate(&exact[c][..len]),
                on_or_after_rate: rate(&after[c][..len]),
                exact_interval: wilson(&exact[c][..len]),
                on_or_after_interval: wilson(&after[c][..len]),
                exact: exact[c][..len].to_vec(),
                on_or_after: after[c][..len].to_vec(),
            }
        })
        .collect();
    Retention {
        granularity: p.granularity,
        cohorts,
        unavailable_reason: None,
        headline,
        definition,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LifecyclePeriod {
    pub period: String,
    pub new: u64,
    pub returning: u64,
    pub resurrecting: u64,
    pub dormant: u64,
}

pub fn lifecycle(active: &[Vec<usize>], periods: &Periods, p: &Periodizer) -> Vec<LifecyclePeriod> {
    let n = periods.starts.len();
    let mut out: Vec<LifecyclePeriod> = periods
        .starts
        .iter()
        .map(|&s| LifecyclePeriod {
            period: p.label(s),
            new: 0,
            returning: 0,
            resurrecting: 0,
            dormant: 0,
        })
        .collect();
    for ps in active {
        for (k, &q) in ps.iter().enumerate() {
            if k == 0 {
                out[q].new += 1;
            } else if ps[k - 1] == q - 1 {
                out[q].returning += 1;
            } else {
                out[q].resurrecting += 1;
            }
            // Dormant in the period after an active one that is not itself active.
            let next_active = ps.get(k + 1) == Some(&(q + 1));
            if !next_active && q + 1 < n {
                out[q + 1].dormant += 1;
            }
        }
    }
    out
}
