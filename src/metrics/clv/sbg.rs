//! Shifted-beta-geometric contractual retention (Fader & Hardie 2007, "How to project customer
//! retention"): each customer renews with a constant probability 1 − θ, θ ~ Beta(α, β).

use serde::Serialize;

use crate::stats::optimize::nelder_mead;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sbg {
    pub alpha: f64,
    pub beta: f64,
    pub log_likelihood: f64,
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

/// Survival S(t) = 1 − Σ_{k ≤ t} P(k), t = 0 … periods.
pub fn survival(alpha: f64, beta: f64, periods: usize) -> Vec<f64> {
    let mut s = vec![1.0];
    for p in churn_probabilities(alpha, beta, periods) {
        let last = *s.last().unwrap_or(&1.0);
        s.push(last - p);
    }
    s
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

pub fn fit(alive: &[f64]) -> Sbg {
    let f = |th: &[f64]| -ln_likelihood(th[0].exp(), th[1].exp(), alive);
    let m = nelder_mead(&f, &[0.0, 0.0], 0.5, 1e-12, 20_000);
    Sbg {
        alpha: m.x[0].exp(),
        beta: m.x[1].exp(),
        log_likelihood: -m.value,
    }
}
