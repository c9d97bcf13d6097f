//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note
//! "The Gamma-Gamma model of monetary value"): a customer's transaction values vary around
//! their mean spend ν, with z ~ Gamma(p, ν) and ν ~ Gamma(q, γ). Fitted on customers with at
//! least one repeat transaction, using x and their mean repeat spend m_x.

use serde::Serialize;

use crate::stats::ln_gamma;
use crate::stats::optimize::{nelder_mead_boxed, PARAMETER_RANGE};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "GammaGammaFit")]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub log_likelihood: f64,
    /// The optimiser met its tolerance (false: the estimates are unreliable).
    pub converged: bool,
}

/// Log-likelihood of one customer with `x` ≥ 1 transactions of mean value `m`.
pub fn ln_likelihood(p: f64, q: f64, g: f64, x: f64, m: f64) -> f64 {
    ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
        + q * g.ln()
        + (p * x - 1.0) * m.ln()
        + p * x * x.ln()
        - (p * x + q) * (g + m * x).ln()
}

/// Fits (p, q, γ) on `(x, m_x)` pairs with x ≥ 1 and m_x > 0.
///
/// The terms in p·x·ln x and (p·x − 1)·ln m are sums precomputed once, and the Γ terms are
/// computed once per distinct x, so each step costs one logarithm per customer.
pub fn fit(data: &[(f64, f64)]) -> GammaGamma {
    let n = data.len() as f64;
    let sum_x_ln_x: f64 = data.iter().map(|&(x, _)| x * x.ln()).sum();
    let sum_x_ln_m: f64 = data.iter().map(|&(x, m)| x * m.ln()).sum();
    let sum_ln_m: f64 = data.iter().map(|&(_, m)| m.ln()).sum();
    // Customers per distinct x, for the Γ terms.
    let mut xs: Vec<f64> = data.iter().map(|d| d.0).collect();
    xs.sort_unstable_by(f64::total_cmp);
    let mut per_x: Vec<(f64, f64)> = Vec::new();
    for x in xs {
        match per_x.last_mut() {
            Some((v, w)) if *v == x => *w += 1.0,
            _ => per_x.push((x, 1.0)),
        }
    }
    let f = |th: &[f64]| {
        let (p, q, g) = (th[0].exp(), th[1].exp(), th[2].exp());
        let gammas: f64 = per_x
            .iter()
            .map(|&(x, w)| w * (ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)))
            .sum();
        let logs: f64 = data
            .iter()
            .map(|&(x, m)| (p * x + q) * (g + m * x).ln())
            .sum();
        -(gammas + n * q * g.ln() + p * sum_x_ln_m - sum_ln_m + p * sum_x_ln_x - logs)
    };
    let mean_m = data.iter().map(|d| d.1).sum::<f64>() / data.len().max(1) as f64;
    let m = nelder_mead_boxed(
        &f,
        &[0.0, 0.0, mean_m.max(1e-3).ln()],
        PARAMETER_RANGE,
        0.5,
        1e-10,
        20_000,
    );
    GammaGamma {
        p: m.x[0].exp(),
        q: m.x[1].exp(),
        gamma: m.x[2].exp(),
        log_likelihood: -m.value,
        converged: m.converged,
    }
}

impl GammaGamma {
    /// Expected mean transaction value of a customer with `x` transactions of mean `m`.
    pub fn expected_value(&self, x: f64, m: f64) -> f64 {
        (self.gamma + m * x) * self.p / (self.p * x + self.q - 1.0)
    }
}
