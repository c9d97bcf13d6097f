//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note
//! "The Gamma-Gamma model of monetary value"): a customer's transaction values vary around
//! their mean spend ν, with z ~ Gamma(p, ν) and ν ~ Gamma(q, γ). Fitted on customers with at
//! least one repeat transaction, using x and their mean repeat spend m_x.

use serde::Serialize;

use crate::stats::ln_gamma;
use crate::stats::optimize::nelder_mead;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub log_likelihood: f64,
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
pub fn fit(data: &[(f64, f64)]) -> GammaGamma {
    let f = |th: &[f64]| {
        let (p, q, g) = (th[0].exp(), th[1].exp(), th[2].exp());
        -data
            .iter()
            .map(|&(x, m)| ln_likelihood(p, q, g, x, m))
            .sum::<f64>()
    };
    let mean_m = data.iter().map(|d| d.1).sum::<f64>() / data.len().max(1) as f64;
    let m = nelder_mead(&f, &[0.0, 0.0, mean_m.max(1e-3).ln()], 0.5, 1e-10, 20_000);
    GammaGamma {
        p: m.x[0].exp(),
        q: m.x[1].exp(),
        gamma: m.x[2].exp(),
        log_likelihood: -m.value,
    }
}

impl GammaGamma {
    /// Expected mean transaction value of a customer with `x` transactions of mean `m`.
    pub fn expected_value(&self, x: f64, m: f64) -> f64 {
        (self.gamma + m * x) * self.p / (self.p * x + self.q - 1.0)
    }
}
