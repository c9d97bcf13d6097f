//! Shifted-beta-geometric contractual retention (Fader & Hardie 2007, "How to project customer
//! retention"): each customer renews with a constant probability 1 − θ, θ ~ Beta(α, β).

use serde::Serialize;

use crate::stats::optimize::{nelder_mead_boxed, PARAMETER_RANGE};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "SbgFit")]
pub struct Sbg {
    pub alpha: f64,
    pub beta: f64,
    pub log_likelihood: f64,
    pub converged: bool,
}

/// P(churn in period t), t = 1, 2, …: P(1) = α / (α + β), P(t) = P(t−1)(β + t − 2)/(α + β + t − 1).
pub fn churn_probabilities(alpha: f64, beta: f64, periods: usize) -> Vec<f64> {
    let mut p = Vec::with_capacity(periods);
    for t in 1..=periods {
        let v = if t == 1 {
            alpha / (alpha + beta)
        } else {
            p[t - 2] * (beta + t as f64 - 2.0) / (alpha + beta + t as f64 - 1.0)
        };
        p.push(v);
    }
    p
}

/// Survival S(t), t = 0 … periods: S(0) = 1, S(t) = S(t−1) · r(t).
pub fn survival(alpha: f64, beta: f64, periods: usize) -> Vec<f64> {
    let mut s = vec![1.0];
    for t in 1..=periods {
        let last = s[t - 1];
        s.push(last * retention_rate(alpha, beta, t));
    }
    s
}

/// Retention rate of period t (share of those alive at t − 1 who renew): (β + t − 1)/(α + β + t − 1).
/// It rises with t: the customers most likely to leave leave first.
pub fn retention_rate(alpha: f64, beta: f64, t: usize) -> f64 {
    (beta + t as f64 - 1.0) / (alpha + beta + t as f64 - 1.0)
}

/// Mean lifetime in periods, counting the first: Σ S(t) = (α + β − 1)/(α − 1); infinite for α ≤ 1.
pub fn mean_lifetime(alpha: f64, beta: f64) -> Option<f64> {
    (alpha > 1.0).then(|| (alpha + beta - 1.0) / (alpha - 1.0))
}

/// Discounted expected lifetime Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d))
/// (Fader & Hardie 2010); with d = 0 the mean lifetime.
pub fn discounted_lifetime(alpha: f64, beta: f64, d: f64) -> Option<f64> {
    if d <= 0.0 {
        return mean_lifetime(alpha, beta);
    }
    Some(super::hyp2f1(1.0, beta, alpha + beta, 1.0 / (1.0 + d)))
}

/// Periods until half the customers have gone (smallest t with S(t) ≤ ½), within 100 000.
pub fn median_lifetime(alpha: f64, beta: f64) -> Option<u32> {
    let mut s = 1.0;
    for t in 1..=100_000u32 {
        s *= retention_rate(alpha, beta, t as usize);
        if s <= 0.5 {
            return Some(t);
        }
    }
    None
}

/// Log-likelihood of cohort counts: `alive[0]` customers at the start, `alive[t]` still
/// active after t periods.
pub fn ln_likelihood(alpha: f64, beta: f64, alive: &[f64]) -> f64 {
    let n = alive.len().saturating_sub(1);
    let p = churn_probabilities(alpha, beta, n);
    let s = survival(alpha, beta, n);
    let lost: f64 = (1..=n)
        .map(|t| (alive[t - 1] - alive[t]) * p[t - 1].ln())
        .sum();
    lost + alive[n] * s[n].ln()
}

/// Fit to one cohort's counts.
pub fn fit(alive: &[f64]) -> Sbg {
    fit_cohorts(&[alive.to_vec()])
}

/// Fit to several cohorts, each observed for its own number of periods (the likelihood sums
/// over them, each censored at its age).
pub fn fit_cohorts(cohorts: &[Vec<f64>]) -> Sbg {
    let f = |th: &[f64]| {
        -cohorts
            .iter()
            .filter(|c| c.len() >= 2)
            .map(|c| ln_likelihood(th[0].exp(), th[1].exp(), c))
            .sum::<f64>()
    };
    let m = nelder_mead_boxed(&f, &[0.0, 0.0], PARAMETER_RANGE, 0.5, 1e-12, 20_000);
    Sbg {
        alpha: m.x[0].exp(),
        beta: m.x[1].exp(),
        log_likelihood: -m.value,
        converged: m.converged,
    }
}
