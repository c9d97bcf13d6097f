//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way") and MBG/NBD
//! (Batislam, Denizel & Filiztekin 2007: a customer may also drop out right after the first
//! purchase). While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after
//! each purchase they drop out with probability p ~ Beta(a, b).

use serde::Serialize;

use super::{hyp2f1, Rft};
use crate::stats::ln_gamma;
use crate::stats::optimize::{nelder_mead_boxed, PARAMETER_RANGE};

/// Fitted parameters and the fit's log-likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "BgNbdFit")]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    /// MBG/NBD (drop-out possible at time 0) instead of BG/NBD.
    pub modified: bool,
    /// The optimiser met its tolerance (false: the estimates are unreliable).
    pub converged: bool,
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

fn log_sum_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    if m == f64::NEG_INFINITY {
        m
    } else {
        m + ((a - m).exp() + (b - m).exp()).ln()
    }
}

/// Log-likelihood of one customer.
pub fn ln_likelihood(r: f64, alpha: f64, a: f64, b: f64, c: &Rft, modified: bool) -> f64 {
    let Rft { x, t_x, t } = *c;
    let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
    let a2 = ln_beta(a, b + x + if modified { 1.0 } else { 0.0 }) - ln_beta(a, b);
    let a3 = -(r + x) * (alpha + t).ln();
    let a4 = if modified || x > 0.0 {
        let extra = if modified { 0.0 } else { -1.0 };
        (a / (b + x + extra)).ln() - (r + x) * (alpha + t_x).ln()
    } else {
        f64::NEG_INFINITY
    };
    a1 + a2 + log_sum_exp(a3, a4)
}

/// Total log-likelihood of a customer base.
pub fn total_ln_likelihood(p: [f64; 4], data: &[Rft], modified: bool) -> f64 {
    weighted_ln_likelihood(p, &super::distinct(data), modified)
}

/// Log-likelihood of distinct histories with their customer counts.
///
/// The Γ terms depend on the customer only through x, so they are computed once per distinct
/// whole x; the logarithms of α + T and α + t_x once per distinct history.
fn weighted_ln_likelihood(p: [f64; 4], data: &[(Rft, f64)], modified: bool) -> f64 {
    let [r, alpha, a, b] = p;
    let extra = if modified { 1.0 } else { 0.0 };
    let gamma_terms = |x: f64| {
        ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_beta(a, b + x + extra) - ln_beta(a, b)
    };
    let mut cache: Vec<Option<f64>> = Vec::new();
    let mut total = 0.0;
    for (c, w) in data {
        let Rft { x, t_x, t } = *c;
        let xi = x as usize;
        let g = if x.fract() == 0.0 && xi < 10_000 {
            if cache.len() <= xi {
                cache.resize(xi + 1, None);
            }
            *cache[xi].get_or_insert_with(|| gamma_terms(x))
        } else {
            gamma_terms(x)
        };
        let a3 = -(r + x) * (alpha + t).ln();
        let a4 = if modified || x > 0.0 {
            (a / (b + x + extra - 1.0)).ln() - (r + x) * (alpha + t_x).ln()
        } else {
            f64::NEG_INFINITY
        };
        total += w * (g + log_sum_exp(a3, a4));
    }
    total
}

/// Maximum-likelihood fit (Nelder–Mead on the log parameters). Customers with the same
/// history count once, weighted: on day-resolution data most one-time buyers share theirs.
pub fn fit(data: &[Rft], modified: bool) -> BgNbd {
    let distinct = super::distinct(data);
    let f = |th: &[f64]| {
        let p = [th[0].exp(), th[1].exp(), th[2].exp(), th[3].exp()];
        -weighted_ln_likelihood(p, &distinct, modified)
    };
    // Start: r = 1, α = mean T, a = 1, b = 1.
    let mean_t = data.iter().map(|c| c.t).sum::<f64>() / data.len().max(1) as f64;
    let m = nelder_mead_boxed(
        &f,
        &[0.0, mean_t.max(1e-3).ln(), 0.0, 0.0],
        PARAMETER_RANGE,
        0.5,
        1e-10,
        20_000,
    );
    BgNbd {
        r: m.x[0].exp(),
        alpha: m.x[1].exp(),
        a: m.x[2].exp(),
        b: m.x[3].exp(),
        log_likelihood: -m.value,
        modified,
        converged: m.converged,
    }
}

impl BgNbd {
    /// Probability the customer is still alive at the end of observation.
    pub fn p_alive(&self, c: &Rft) -> f64 {
        let Rft { x, t_x, t } = *c;
        if self.modified {
            1.0 / (1.0
                + self.a / (self.b + x) * ((self.alpha + t) / (self.alpha + t_x)).powf(self.r + x))
        } else if x == 0.0 {
            1.0
        } else {
            1.0 / (1.0
                + self.a / (self.b + x - 1.0)
                    * ((self.alpha + t) / (self.alpha + t_x)).powf(self.r + x))
        }
    }

    /// Expected purchases in the next `h` time units for a customer with history `c`:
    /// FHL 2005 eq. 10 for BG/NBD; for MBG/NBD (Batislam et al. 2007) the drop-out at time 0
    /// shifts b + x − 1 to b + x and the hypergeometric to ₂F₁(r + x, b + x + 1; a + b + x; z).
    pub fn expected_purchases(&self, c: &Rft, h: f64) -> f64 {
        let Rft { x, t_x, t } = *c;
        let (r, al, a, b) = (self.r, self.alpha, self.a, self.b);
        let z = h / (al + t + h);
        let m = if self.modified { 1.0 } else { 0.0 };
        let f = hyp2f1(r + x, b + x + m, a + b + x - 1.0 + m, z);
        let num =
            (a + b + x - 1.0 + m) / (a - 1.0) * (1.0 - ((al + t) / (al + t + h)).powf(r + x) * f);
        let alive_odds = if x > 0.0 || self.modified {
            a / (b + x - 1.0 + m) * ((al + t) / (al + t_x)).powf(r + x)
        } else {
            0.0
        };
        num / (1.0 + alive_odds)
    }
}
