//! Significance tests and power: two-proportion z-test (with the Wald interval of the
//! difference and the log interval of the ratio), Welch's t-test, the NPS difference test,
//! Holm's correction, and sample size / minimum detectable effect for two proportions.
//! Checked against scipy and statsmodels in tests/stats.rs.

use crate::vocab::{IntervalMethod, TestName};
use serde::Serialize;

use super::distributions::{normal_quantile, student_t_two_sided_p};
use super::Interval;

/// erfc(x) to ~1e-15: the Maclaurin series of erf below 2, a continued fraction above.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < 2.0 {
        // erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            term *= -x * x / n as f64;
            let add = term / (2 * n + 1) as f64;
            sum += add;
            if add.abs() < 1e-17 * sum.abs() {
                break;
            }
        }
        return 1.0 - sum * std::f64::consts::FRAC_2_SQRT_PI;
    }
    // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by Lentz's method.
    let tiny = 1e-300;
    let mut f = x;
    let (mut c, mut d) = (x, 0.0);
    for k in 1..500 {
        let a = k as f64 / 2.0;
        d = x + a * d;
        d = if d.abs() < tiny { tiny } else { d };
        c = x + a / c;
        c = if c.abs() < tiny { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / (f * std::f64::consts::PI.sqrt())
}

/// Standard normal CDF.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// Two-sided p-value of a standard normal statistic.
pub fn normal_two_sided_p(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

fn z_of(level: f64) -> Option<f64> {
    normal_quantile(1.0 - (1.0 - level) / 2.0)
}

/// The outcome of comparing B with A.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// B − A.
    pub difference: f64,
    pub difference_interval: Option<Interval>,
    /// B / A − 1 (null when A is 0).
    pub relative: Option<f64>,
    pub relative_interval: Option<Interval>,
    /// The test statistic (z or t).
    pub statistic: f64,
    /// Welch degrees of freedom (t tests only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub df: Option<f64>,
    pub p_value: f64,
    /// "twoProportionZ", "welchT" or "npsZ".
    pub test: TestName,
}

/// Two-proportion z-test of x_b/n_b against x_a/n_a: z from the pooled proportion
/// (statsmodels `proportions_ztest`); interval of the difference by Wald with separate
/// variances (`confint_proportions_2indep(method="wald")`); interval of the relative lift
/// from the log ratio (`compare="ratio", method="log"`) minus 1.
pub fn two_proportions(xa: u64, na: u64, xb: u64, nb: u64, level: f64) -> Option<Comparison> {
    if na == 0 || nb == 0 || xa > na || xb > nb {
        return None;
    }
    let (na_f, nb_f) = (na as f64, nb as f64);
    let (pa, pb) = (xa as f64 / na_f, xb as f64 / nb_f);
    let pooled = (xa + xb) as f64 / (na_f + nb_f);
    let se0 = (pooled * (1.0 - pooled) * (1.0 / na_f + 1.0 / nb_f)).sqrt();
    let z = if se0 > 0.0 { (pb - pa) / se0 } else { 0.0 };
    let p_value = if se0 > 0.0 {
        normal_two_sided_p(z)
    } else {
        1.0
    };
    let q = z_of(level)?;
    let se = (pa * (1.0 - pa) / na_f + pb * (1.0 - pb) / nb_f).sqrt();
    let d = pb - pa;
    let interval = |low: f64, high: f64, method| Interval {
        low,
        high,
        level,
        method,
    };
    let relative_interval = (xa > 0 && xb > 0).then(|| {
        let s = (1.0 / xa as f64 - 1.0 / na_f + 1.0 / xb as f64 - 1.0 / nb_f).sqrt();
        let r = (pb / pa).ln();
        interval(
            (r - q * s).exp() - 1.0,
            (r + q * s).exp() - 1.0,
            IntervalMethod::LogRatio,
        )
    });
    Some(Comparison {
        difference: d,
        difference_interval: Some(interval(d - q * se, d + q * se, IntervalMethod::Wald)),
        relative: (pa > 0.0).then(|| pb / pa - 1.0),
        relative_interval,
        statistic: z,
        df: None,
        p_value,
        test: TestName::TwoProportionZ,
    })
}

/// Summary of one sample of a numeric outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub mean: f64,
    /// Sample standard deviation (n − 1).
    pub sd: f64,
    pub n: f64,
}

/// Welch's t-test of B's mean against A's (scipy `ttest_ind(equal_var=False)`), with the
/// Welch interval of the difference.
pub fn welch(a: Sample, b: Sample, level: f64) -> Option<Comparison> {
    if a.n < 2.0 || b.n < 2.0 {
        return None;
    }
    let (va, vb) = (a.sd * a.sd / a.n, b.sd * b.sd / b.n);
    let se = (va + vb).sqrt();
    if se.is_nan() || se <= 0.0 {
        return None;
    }
    let df = (va + vb).powi(2) / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0));
    let d = b.mean - a.mean;
    let t = d / se;
    let q = super::student_t_quantile(1.0 - (1.0 - level) / 2.0, df)?;
    Some(Comparison {
        difference: d,
        difference_interval: Some(Interval {
            low: d - q * se,
            high: d + q * se,
            level,
            method: IntervalMethod::Welch,
        }),
        relative: (a.mean != 0.0).then(|| b.mean / a.mean - 1.0),
        relative_interval: None,
        statistic: t,
        df: Some(df),
        p_value: student_t_two_sided_p(t, df),
        test: TestName::WelchT,
    })
}

/// NPS difference (points) between two groups of promoter / passive / detractor counts: the
/// z-test of two means of the +1/0/−1 coding with their population variances
/// (P + D − (P − D)²)/n, the same variance as the NPS margin of error.
pub fn nps_difference(a: [u64; 3], b: [u64; 3], level: f64) -> Option<Comparison> {
    let stats = |c: [u64; 3]| {
        let n = (c[0] + c[1] + c[2]) as f64;
        (n > 0.0).then(|| {
            let (p, d) = (c[0] as f64 / n, c[2] as f64 / n);
            (p - d, (p + d - (p - d).powi(2)) / n)
        })
    };
    let ((sa, va), (sb, vb)) = (stats(a)?, stats(b)?);
    let se = (va + vb).sqrt();
    let d = sb - sa;
    let q = z_of(level)?;
    let z = if se > 0.0 { d / se } else { 0.0 };
    Some(Comparison {
        difference: 100.0 * d,
        difference_interval: Some(Interval {
            low: 100.0 * (d - q * se),
            high: 100.0 * (d + q * se),
            level,
            method: IntervalMethod::Normal,
        }),
        relative: None,
        relative_interval: None,
        statistic: z,
        df: None,
        p_value: if se > 0.0 { normal_two_sided_p(z) } else { 1.0 },
        test: TestName::NpsZ,
    })
}

/// Holm's step-down adjusted p-values, in the input order (statsmodels `multipletests`
/// method "holm").
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    // Ties by position: the order a stable sort gives.
    super::sort_indices(&mut order, &|a, b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (k, &i) in order.iter().enumerate() {
        running = running.max(((m - k) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// Power of the two-sided two-proportion z-test (pooled variance under H0, separate under
/// H1; both tails), n per group.
pub fn power_two_proportions(p1: f64, p2: f64, n: f64, alpha: f64) -> Option<f64> {
    let z = normal_quantile(1.0 - alpha / 2.0)?;
    let pbar = (p1 + p2) / 2.0;
    let s0 = (2.0 * pbar * (1.0 - pbar) / n).sqrt();
    let s1 = ((p1 * (1.0 - p1) + p2 * (1.0 - p2)) / n).sqrt();
    let d = (p2 - p1).abs();
    Some(normal_cdf((d - z * s0) / s1) + normal_cdf((-d - z * s0) / s1))
}

/// Visitors per variant for the two-sided test to detect p1 → p2 with the given power:
/// n = (z₁₋α/₂ √(2p̄q̄) + z_power √(p₁q₁ + p₂q₂))² / (p₂ − p₁)², the far tail ignored — the
/// formula of statsmodels `samplesize_proportions_2indep_onetail` (not rounded here).
pub fn sample_size_two_proportions(p1: f64, p2: f64, power: f64, alpha: f64) -> Option<f64> {
    if !(0.0..=1.0).contains(&p1) || !(0.0..=1.0).contains(&p2) || p1 == p2 {
        return None;
    }
    if !(power > 0.0 && power < 1.0 && alpha > 0.0 && alpha < 1.0) {
        return None;
    }
    let za = normal_quantile(1.0 - alpha / 2.0)?;
    let zb = normal_quantile(power)?;
    let pbar = (p1 + p2) / 2.0;
    let d = (p2 - p1).abs();
    Some(
        ((za * (2.0 * pbar * (1.0 - pbar)).sqrt()
            + zb * (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt())
            / d)
            .powi(2),
    )
}

/// The smallest absolute lift above `p1` that `n` visitors per variant detect with the given
/// power (the sample-size formula above, solved for the lift).
pub fn mde_two_proportions(p1: f64, n: f64, power: f64, alpha: f64) -> Option<f64> {
    if !(p1 > 0.0 && p1 < 1.0 && n >= 2.0) {
        return None;
    }
    if sample_size_two_proportions(p1, 1.0, power, alpha)? > n {
        return None; // not even a lift to 100% is detectable
    }
    let (mut lo, mut hi) = (0.0, 1.0 - p1);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid > 0.0 && sample_size_two_proportions(p1, p1 + mid, power, alpha)? <= n {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}
