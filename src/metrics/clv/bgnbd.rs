//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way") and MBG/NBD
//! (Batislam, Denizel & Filiztekin 2007: a customer may also drop out right after the first
//! purchase). While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after
//! each purchase they drop out with probability p ~ Beta(a, b).

use serde::Serialize;

use super::{hyp2f1, Rft};
use crate::stats::optimize::{bfgs_boxed, nelder_mead_boxed, Minimum, PARAMETER_RANGE};
use crate::stats::{digamma, ln_gamma};

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
    let th = p.map(f64::ln);
    -Prepared::new(data, modified).negative_ln_likelihood(&th, None)
}

/// ψ(z + k) − ψ(z) = Σ_{j<k} 1/(z + j) for whole k (exact sums, no cancellation), else by ψ.
fn digamma_step(z: f64, k: f64) -> f64 {
    if k.fract() == 0.0 && k < 10_000.0 {
        (0..k as usize).map(|j| 1.0 / (z + j as f64)).sum()
    } else {
        digamma(z + k) - digamma(z)
    }
}

/// One distinct history: indices of its x, T and t_x in the tables of distinct values, and its
/// number of customers.
struct Row {
    x: u32,
    t: u32,
    t_x: u32,
    w: f64,
}

/// The data of a fit: distinct histories (canonical order) over tables of distinct x, T and
/// t_x. The Γ terms depend on a customer only through x, and the logarithms of α + T and
/// α + t_x only through T and t_x, which take a few hundred values on day-resolution data:
/// each is computed once per evaluation, and a history costs one exponential and one
/// logarithm.
struct Prepared {
    modified: bool,
    xs: Vec<f64>,
    ts: Vec<f64>,
    txs: Vec<f64>,
    rows: Vec<Row>,
    /// Mean T over the customers, summed in the canonical order.
    mean_t: f64,
}

fn table(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp); // the instantiation the crate already has
    v.dedup_by(|a, b| a.to_bits() == b.to_bits());
    v
}

fn index(table: &[f64], v: f64) -> u32 {
    table
        .binary_search_by(|p| p.total_cmp(&v))
        .expect("a value of its table") as u32
}

impl Prepared {
    fn new(data: &[Rft], modified: bool) -> Prepared {
        let distinct = super::distinct(data);
        let xs = table(distinct.iter().map(|(c, _)| c.x));
        let ts = table(distinct.iter().map(|(c, _)| c.t));
        let txs = table(distinct.iter().map(|(c, _)| c.t_x));
        let rows = distinct
            .iter()
            .map(|(c, w)| Row {
                x: index(&xs, c.x),
                t: index(&ts, c.t),
                t_x: index(&txs, c.t_x),
                w: *w,
            })
            .collect();
        let n: f64 = distinct.iter().map(|(_, w)| w).sum();
        let sum_t: f64 = distinct.iter().map(|(c, w)| w * c.t).sum();
        Prepared {
            modified,
            xs,
            ts,
            txs,
            rows,
            mean_t: sum_t / n.max(1.0),
        }
    }

    /// Start of the fits: r = 1, α = the mean T, a = 1, b = 1 on the log scale. The mean is
    /// taken in the canonical order, so the same customers in any order start (and end) at
    /// the same point, bit for bit.
    fn start(&self) -> [f64; 4] {
        [0.0, self.mean_t.max(1e-3).ln(), 0.0, 0.0]
    }

    /// −log-likelihood at θ = (ln r, ln α, ln a, ln b); with `grad`, also its gradient in θ.
    ///
    /// With s₃, s₄ the shares of the two terms of the log-sum-exp (s₄ = 0 for x = 0 under
    /// BG/NBD) and e = 1 for MBG/NBD (else 0):
    /// ∂/∂r = ψ(r + x) − ψ(r) + ln α − s₃ ln(α + T) − s₄ ln(α + t_x);
    /// ∂/∂α = r/α − (r + x)(s₃/(α + T) + s₄/(α + t_x));
    /// ∂/∂a = ψ(a + b) − ψ(a + b + x + e) + s₄/a;
    /// ∂/∂b = ψ(b + x + e) − ψ(b) − ψ(a + b + x + e) + ψ(a + b) − s₄/(b + x + e − 1);
    /// each times its parameter for the log scale.
    fn negative_ln_likelihood(&self, th: &[f64], grad: Option<&mut [f64]>) -> f64 {
        let [r, alpha, a, b] = [th[0].exp(), th[1].exp(), th[2].exp(), th[3].exp()];
        let modified = self.modified;
        let extra = if modified { 1.0 } else { 0.0 };
        let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
        let base = -ln_gamma(r) + r * ln_alpha - ln_beta(a, b);
        struct PerX {
            value: f64,
            rx: f64,
            /// ln a − ln(b + x + e − 1), when that term is there.
            ln_odds: Option<f64>,
            inv_b: f64,
            d_r: f64,
            d_a: f64,
            d_b: f64,
        }
        let want = grad.is_some();
        let per_x: Vec<PerX> = self
            .xs
            .iter()
            .map(|&x| {
                let second = modified || x > 0.0;
                PerX {
                    value: ln_gamma(r + x) + ln_beta(a, b + x + extra) + base,
                    rx: r + x,
                    ln_odds: second.then(|| ln_a - (b + x + extra - 1.0).ln()),
                    inv_b: if second {
                        1.0 / (b + x + extra - 1.0)
                    } else {
                        0.0
                    },
                    d_r: if want {
                        digamma_step(r, x) + ln_alpha
                    } else {
                        0.0
                    },
                    d_a: if want {
                        -digamma_step(a + b, x + extra)
                    } else {
                        0.0
                    },
                    d_b: if want {
                        digamma_step(b, x + extra) - digamma_step(a + b, x + extra)
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        let logs = |v: &[f64]| -> Vec<(f64, f64)> {
            v.iter()
                .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
                .collect()
        };
        let (lt, ltx) = (logs(&self.ts), logs(&self.txs));
        let (mut total, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for row in &self.rows {
            let px = &per_x[row.x as usize];
            let (ln_t, inv_t) = lt[row.t as usize];
            let a3 = -px.rx * ln_t;
            let Some(ln_odds) = px.ln_odds else {
                // x = 0 under BG/NBD: alive for sure, only the first term.
                total += row.w * (px.value + a3);
                if want {
                    gr += row.w * (px.d_r - ln_t);
                    gal += row.w * (r / alpha - px.rx * inv_t);
                    ga += row.w * px.d_a;
                    gb += row.w * px.d_b;
                }
                continue;
            };
            let (ln_tx, inv_tx) = ltx[row.t_x as usize];
            let a4 = ln_odds - px.rx * ln_tx;
            // log(e^a3 + e^a4) and the share s₄ of e^a4, from one exponential (u ≤ 1: ln(1 + u)
            // is good to 1e-16 absolute, below the rounding of a3 and a4).
            let (lse, s4) = if a4 > a3 {
                let u = (a3 - a4).exp();
                (a4 + (1.0 + u).ln(), 1.0 / (1.0 + u))
            } else {
                let u = (a4 - a3).exp();
                (a3 + (1.0 + u).ln(), u / (1.0 + u))
            };
            total += row.w * (px.value + lse);
            if want {
                let s3 = 1.0 - s4;
                gr += row.w * (px.d_r - s3 * ln_t - s4 * ln_tx);
                gal += row.w * (r / alpha - px.rx * (s3 * inv_t + s4 * inv_tx));
                ga += row.w * (px.d_a + s4 / a);
                gb += row.w * (px.d_b - s4 * px.inv_b);
            }
        }
        if let Some(g) = grad {
            g[0] = -gr * r;
            g[1] = -gal * alpha;
            g[2] = -ga * a;
            g[3] = -gb * b;
        }
        -total
    }

    fn finish(&self, m: &Minimum) -> BgNbd {
        BgNbd {
            r: m.x[0].exp(),
            alpha: m.x[1].exp(),
            a: m.x[2].exp(),
            b: m.x[3].exp(),
            log_likelihood: -self.negative_ln_likelihood(&m.x, None),
            modified: self.modified,
            converged: m.converged,
        }
    }
}

/// Relative gradient tolerance of the quasi-Newton fits: every component of the gradient of
/// −LL in the log parameters at most this times (1 + |LL|).
pub const GRADIENT_TOLERANCE: f64 = 1e-10;

/// Maximum-likelihood fit: BFGS with the analytic gradient on the log parameters, within
/// `PARAMETER_RANGE` of the start (Nelder–Mead takes over if its line search fails).
/// Customers with the same history count once, weighted: on day-resolution data most
/// one-time buyers share theirs.
pub fn fit(data: &[Rft], modified: bool) -> BgNbd {
    let prep = Prepared::new(data, modified);
    let fg = |th: &[f64], g: &mut [f64]| prep.negative_ln_likelihood(th, Some(g));
    let m = bfgs_boxed(
        &fg,
        &prep.start(),
        PARAMETER_RANGE,
        GRADIENT_TOLERANCE,
        500,
        1e-10,
    );
    prep.finish(&m)
}

/// The same fit by Nelder–Mead alone (from the same start, 20,000 iterations, tolerance
/// `tol`; 1e-10 was the production setting): the method used before the gradient was, kept
/// as the tests' reference.
pub fn fit_nelder_mead(data: &[Rft], modified: bool, tol: f64) -> BgNbd {
    let prep = Prepared::new(data, modified);
    let f = |th: &[f64]| prep.negative_ln_likelihood(th, None);
    let m = nelder_mead_boxed(&f, &prep.start(), PARAMETER_RANGE, 0.5, tol, 20_000);
    prep.finish(&m)
}

/// −log-likelihood and its gradient in (ln r, ln α, ln a, ln b), for the gradient tests.
pub fn negative_ln_likelihood_with_gradient(
    th: [f64; 4],
    data: &[Rft],
    modified: bool,
) -> (f64, [f64; 4]) {
    let mut g = [0.0; 4];
    let v = Prepared::new(data, modified).negative_ln_likelihood(&th, Some(&mut g));
    (v, g)
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
    ///
    /// At a = 1 the closed form is 0/0 (the bracket vanishes with a − 1: ₂F₁(r + x, b + x;
    /// b + x; z) = (1 − z)^−(r+x)), a removable singularity, so near it the expectation is
    /// the mean of a = 1 ± 10⁻⁴ (error of order 10⁻⁸). A fit leaves a at its start 1 when
    /// the data say nothing about drop-out (no repeat buyer).
    pub fn expected_purchases(&self, c: &Rft, h: f64) -> f64 {
        const NEAR: f64 = 1e-4;
        if (self.a - 1.0).abs() < NEAR {
            return 0.5 * (self.closed_form(1.0 - NEAR, c, h) + self.closed_form(1.0 + NEAR, c, h));
        }
        self.closed_form(self.a, c, h)
    }

    fn closed_form(&self, a: f64, c: &Rft, h: f64) -> f64 {
        let Rft { x, t_x, t } = *c;
        let (r, al, b) = (self.r, self.alpha, self.b);
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
