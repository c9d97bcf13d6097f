//! First-purchase cohorts of a transactions file: for each cohort (the period of a customer's
//! first purchase) and period offset k, the customers active (a purchase) in period k and the
//! cohort's net revenue in it; and, reading the same cohorts as contracts (a customer counts as
//! subscribed until their last active period), a shifted-beta-geometric fit that projects
//! retention and lifetime.

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::metrics::clv::sbg;
use crate::metrics::figure::Definition;
use crate::metrics::rate::ratio;
use crate::period::Periodizer;
use crate::period::MAX_PERIODS;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RevenueCohort {
    /// Period of the first purchase.
    pub cohort: String,
    pub customers: u64,
    /// `active[k]`: the cohort's customers with a purchase in period k (k = 0: its own period).
    pub active: Vec<u64>,
    /// active[k] / customers.
    pub retention: Vec<Option<f64>>,
    /// Wilson intervals of `retention` at the report's confidence.
    pub retention_interval: Vec<Option<crate::stats::Interval>>,
    /// `revenue[k]`: the cohort's net revenue in period k.
    pub revenue: Vec<f64>,
    /// revenue[k] / revenue[0].
    pub revenue_retention: Vec<Option<f64>>,
    /// Cumulative net revenue per cohort customer up to period k (historical CLV by age).
    pub value_per_customer: Vec<f64>,
    /// `subscribed[k]`: customers whose last active period is k or later (the contractual reading).
    pub subscribed: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectedPeriod {
    pub offset: u32,
    /// Share of a cohort still subscribed after `offset` periods, observed over all cohorts old
    /// enough (null beyond the oldest).
    pub observed: Option<f64>,
    /// S(offset) from the fit.
    pub survival: f64,
    /// S(offset) / S(offset − 1) from the fit.
    pub retention_rate: Option<f64>,
}

/// Shifted-beta-geometric fit (Fader & Hardie 2007) to the cohorts' subscribed counts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractualRetention {
    pub model: sbg::Sbg,
    pub projection: Vec<ProjectedPeriod>,
    /// Mean lifetime in periods (null when α ≤ 1: the mean is infinite).
    pub mean_lifetime: Option<f64>,
    /// Periods until half a cohort has gone.
    pub median_lifetime: Option<u32>,
    /// Why the fit should not be trusted, when it should not (a parameter at the end of its
    /// range, or no convergence): the lifetimes and projection then read as unreliable.
    pub unreliable_reason: Option<String>,
    pub definition: Definition,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RevenueCohorts {
    pub cohorts: Vec<RevenueCohort>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    /// Null when no cohort is older than one period.
    pub contractual: Option<ContractualRetention>,
    pub definition: Definition,
}

/// One customer's activity in one period.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cell {
    /// Net revenue (purchases less refunds).
    pub revenue: f64,
    pub refunds: f64,
    /// Orders among the purchases; 0 when the period holds only refunds (not active).
    pub orders: u64,
}

/// `cells[c]`: customer c's (period index, activity) in period order; `labels` the periods.
pub fn revenue_cohorts(
    cells: &[Vec<(usize, Cell)>],
    labels: &[String],
    p: &Periodizer,
    horizon: u32,
    level: f64,
) -> RevenueCohorts {
    let definition = Definition::new(
        Metric::RevenueCohorts,
        Variant::FirstPurchase,
        Unit::Ratio,
        "cohort = period of the first purchase; retention[k] = customers with a purchase in period k / cohort customers; revenueRetention[k] = cohort net revenue in period k / in period 0; subscribed[k] = customers whose last purchase period is k or later",
    )
    .param("granularity", p.granularity.name());
    let np = labels.len();
    if np > MAX_PERIODS {
        return RevenueCohorts {
            cohorts: Vec::new(),
            unavailable_reason: Some(format!(
                "{np} periods: more than {MAX_PERIODS}; choose a coarser granularity for cohorts"
            )),
            contractual: None,
            definition,
        };
    }
    // Per cohort: size, active and revenue per offset, and the last active offsets.
    let mut size = vec![0u64; np];
    let mut active: Vec<Vec<u64>> = vec![Vec::new(); np];
    // Exact sums: customers come in the order of their first row (issue 19).
    let mut revenue: Vec<Vec<crate::stats::ExactSum>> = vec![Vec::new(); np];
    let mut last_at: Vec<Vec<u64>> = vec![Vec::new(); np];
    for list in cells {
        let Some(first) = list.iter().find(|x| x.1.orders > 0).map(|x| x.0) else {
            continue;
        };
        if size[first] == 0 {
            active[first] = vec![0; np - first];
            revenue[first] = vec![crate::stats::ExactSum::new(); np - first];
            last_at[first] = vec![0; np - first];
        }
        size[first] += 1;
        let mut last = first;
        for &(q, c) in list.iter().filter(|x| x.0 >= first) {
            revenue[first][q - first].add(c.revenue);
            if c.orders > 0 {
                active[first][q - first] += 1;
                last = q;
            }
        }
        last_at[first][last - first] += 1;
    }
    let mut cohorts = Vec::new();
    let mut revenue: Vec<Vec<f64>> = revenue
        .iter()
        .map(|r| r.iter().map(|s| s.value()).collect())
        .collect();
    for c in (0..np).filter(|&c| size[c] > 0) {
        // subscribed[k] = customers whose last active offset ≥ k (a suffix sum).
        let mut subscribed = last_at[c].clone();
        for k in (0..subscribed.len().saturating_sub(1)).rev() {
            subscribed[k] += subscribed[k + 1];
        }
        let n = size[c] as f64;
        let r0 = revenue[c][0];
        let value_per_customer = revenue[c]
            .iter()
            .scan(0.0, |acc, &r| {
                *acc += r;
                Some(*acc / n)
            })
            .collect();
        cohorts.push(RevenueCohort {
            value_per_customer,
            cohort: labels[c].clone(),
            customers: size[c],
            retention: active[c].iter().map(|&a| ratio(a as f64, n)).collect(),
            retention_interval: active[c]
                .iter()
                .map(|&a| crate::stats::wilson_interval(a, n as u64, level))
                .collect(),
            revenue_retention: revenue[c].iter().map(|&r| ratio(r, r0)).collect(),
            active: std::mem::take(&mut active[c]),
            revenue: std::mem::take(&mut revenue[c]),
            subscribed,
        });
    }
    let contractual = contractual(&cohorts, horizon);
    RevenueCohorts {
        cohorts,
        unavailable_reason: None,
        contractual,
        definition,
    }
}

fn contractual(cohorts: &[RevenueCohort], horizon: u32) -> Option<ContractualRetention> {
    let counts: Vec<Vec<f64>> = cohorts
        .iter()
        .map(|c| c.subscribed.iter().map(|&s| s as f64).collect())
        .collect();
    if !counts.iter().any(|c| c.len() >= 2) {
        return None;
    }
    let model = sbg::fit_cohorts(&counts);
    let oldest = counts.iter().map(Vec::len).max().unwrap_or(0);
    let periods = (horizon as usize).max(oldest.saturating_sub(1));
    let s = sbg::survival(model.alpha, model.beta, periods);
    let projection = (0..=periods)
        .map(|k| {
            // Observed: pooled over the cohorts observed at offset k.
            let (alive, start) = counts
                .iter()
                .filter(|c| c.len() > k)
                .fold((0.0, 0.0), |(a, s0), c| (a + c[k], s0 + c[0]));
            ProjectedPeriod {
                offset: k as u32,
                observed: ratio(alive, start),
                survival: s[k],
                retention_rate: (k > 0).then(|| sbg::retention_rate(model.alpha, model.beta, k)),
            }
        })
        .collect();
    let extreme = |v: f64| !(1e-4..=1e5).contains(&v);
    let unreliable_reason = (!model.converged || extreme(model.alpha) || extreme(model.beta)).then(|| {
        format!(
            "the shifted-beta-geometric fit is degenerate (α {:.4}, β {:.4}{}): the lifetimes and the projection are unreliable",
            model.alpha,
            model.beta,
            if model.converged { "" } else { ", not converged" }
        )
    });
    Some(ContractualRetention {
        unreliable_reason,
        mean_lifetime: sbg::mean_lifetime(model.alpha, model.beta),
        median_lifetime: sbg::median_lifetime(model.alpha, model.beta),
        projection,
        definition: Definition::new(
            Metric::ContractualRetention,
            Variant::ShiftedBetaGeometric,
            Unit::Ratio,
            "each customer renews every period with probability 1 − θ, θ ~ Beta(α, β), fitted by maximum likelihood to the cohorts' subscribed counts; S(t) = Π_{k=1..t} (β + k − 1)/(α + β + k − 1); mean lifetime (α + β − 1)/(α − 1) periods",
        ),
        model,
    })
}
