//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note
//! "The Gamma-Gamma model of monetary value"): a customer's transaction values vary around
//! their mean spend ν, with z ~ Gamma(p, ν) and ν ~ Gamma(q, γ). Fitted on customers with at
//! least one repeat transaction, using x and their mean repeat spend m_x.

use serde::Serialize;

use crate::stats::optimize::{bfgs_boxed, nelder_mead_boxed, Minimum, PARAMETER_RANGE};
use crate::stats::{digamma, ln_gamma};

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

/// The data of a fit in canonical order (by x, then m) with its precomputed sums: the same
/// customers in any order give the same sums, hence the same fit, bit for bit.
struct Prepared {
    data: Vec<(f64, f64)>,
    /// Customers per distinct x, for the Γ terms.
    per_x: Vec<(f64, f64)>,
    n: f64,
    sum_x_ln_x: f64,
    sum_x_ln_m: f64,
    sum_ln_m: f64,
    mean_m: f64,
}

fn prepare(data: &[(f64, f64)]) -> Prepared {
    let mut data = data.to_vec();
    data.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut per_x: Vec<(f64, f64)> = Vec::new();
    for &(x, _) in &data {
        match per_x.last_mut() {
            Some((v, w)) if *v == x => *w += 1.0,
            _ => per_x.push((x, 1.0)),
        }
    }
    Prepared {
        n: data.len() as f64,
        sum_x_ln_x: data.iter().map(|&(x, _)| x * x.ln()).sum(),
        sum_x_ln_m: data.iter().map(|&(x, m)| x * m.ln()).sum(),
        sum_ln_m: data.iter().map(|&(_, m)| m.ln()).sum(),
        mean_m: data.iter().map(|d| d.1).sum::<f64>() / data.len().max(1) as f64,
        per_x,
        data,
    }
}

impl Prepared {
    /// −log-likelihood at θ = (ln p, ln q, ln γ); with `grad`, also its gradient:
    /// ∂/∂p = Σ x (ψ(px + q) − ψ(px)) + Σ x ln m + Σ x ln x − Σ x ln(γ + m x);
    /// ∂/∂q = Σ (ψ(px + q) − ψ(q)) + n ln γ − Σ ln(γ + m x);
    /// ∂/∂γ = n q / γ − Σ (px + q)/(γ + m x); each times its parameter.
    fn negative_ln_likelihood(&self, th: &[f64], grad: Option<&mut [f64]>) -> f64 {
        let (p, q, g) = (th[0].exp(), th[1].exp(), th[2].exp());
        let gammas: f64 = self
            .per_x
            .iter()
            .map(|&(x, w)| w * (ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)))
            .sum();
        let ln_g = g.ln();
        let Some(grad) = grad else {
            let logs: f64 = self
                .data
                .iter()
                .map(|&(x, m)| (p * x + q) * (g + m * x).ln())
                .sum();
            return -(gammas + self.n * q * ln_g + p * self.sum_x_ln_m - self.sum_ln_m
                + p * self.sum_x_ln_x
                - logs);
        };
        let (mut logs, mut x_logs, mut ln_sum, mut ratios) = (0.0, 0.0, 0.0, 0.0);
        for &(x, m) in &self.data {
            let l = (g + m * x).ln();
            let k = p * x + q;
            logs += k * l;
            x_logs += x * l;
            ln_sum += l;
            ratios += k / (g + m * x);
        }
        let (mut dp, mut dq) = (0.0, 0.0);
        for &(x, w) in &self.per_x {
            let top = digamma(p * x + q);
            dp += w * x * (top - digamma(p * x));
            dq += w * (top - digamma(q));
        }
        dp += self.sum_x_ln_m + self.sum_x_ln_x - x_logs;
        dq += self.n * ln_g - ln_sum;
        let dg = self.n * q / g - ratios;
        grad[0] = -dp * p;
        grad[1] = -dq * q;
        grad[2] = -dg * g;
        -(gammas + self.n * q * ln_g + p * self.sum_x_ln_m - self.sum_ln_m + p * self.sum_x_ln_x
            - logs)
    }

    fn start(&self) -> [f64; 3] {
        [0.0, 0.0, self.mean_m.max(1e-3).ln()]
    }

    fn finish(&self, m: &Minimum) -> GammaGamma {
        GammaGamma {
            p: m.x[0].exp(),
            q: m.x[1].exp(),
            gamma: m.x[2].exp(),
            log_likelihood: -self.negative_ln_likelihood(&m.x, None),
            converged: m.converged,
        }
    }
}

/// Fits (p, q, γ) on `(x, m_x)` pairs with x ≥ 1 and m_x > 0: BFGS with the analytic gradient
/// on the log parameters, within `PARAMETER_RANGE` of the start (r = 1, q = 1, γ = mean m).
///
/// The terms in p·x·ln x and (p·x − 1)·ln m are sums precomputed once, and the Γ terms are
/// computed once per distinct x, so each step costs one logarithm per customer.
pub fn fit(data: &[(f64, f64)]) -> GammaGamma {
    let prep = prepare(data);
    let fg = |th: &[f64], g: &mut [f64]| prep.negative_ln_likelihood(th, Some(g));
    let m = bfgs_boxed(
        &fg,
        &prep.start(),
        PARAMETER_RANGE,
        super::bgnbd::GRADIENT_TOLERANCE,
        500,
        1e-10,
    );
    prep.finish(&m)
}

/// The same fit by Nelder–Mead alone (the method used before the gradient was), kept as the
/// tests' reference.
pub fn fit_nelder_mead(data: &[(f64, f64)], tol: f64) -> GammaGamma {
    let prep = prepare(data);
    let f = |th: &[f64]| prep.negative_ln_likelihood(th, None);
    let m = nelder_mead_boxed(&f, &prep.start(), PARAMETER_RANGE, 0.5, tol, 20_000);
    prep.finish(&m)
}

/// −log-likelihood and its gradient in (ln p, ln q, ln γ), for the gradient tests.
pub fn negative_ln_likelihood_with_gradient(th: [f64; 3], data: &[(f64, f64)]) -> (f64, [f64; 3]) {
    let mut g = [0.0; 3];
    let v = prepare(data).negative_ln_likelihood(&th, Some(&mut g));
    (v, g)
}

impl GammaGamma {
    /// Expected mean transaction value of a customer with `x` transactions of mean `m`.
    pub fn expected_value(&self, x: f64, m: f64) -> f64 {
        (self.gamma + m * x) * self.p / (self.p * x + self.q - 1.0)
    }
}
