//! L2-regularised logistic regression (IRLS), the AUC of a score (Mann–Whitney) and a
//! calibration table by quantiles of the predicted probability: the statistical core of a
//! churn-risk model. Deterministic: no randomness, no hash iteration; the fit depends only on
//! the rows in the order given (up to rounding of its sums), the AUC and the calibration table
//! not even on that.

use serde::Serialize;

use super::{normal_quantile, sort_indices, wilson_interval, ExactSum, Interval};
use crate::vocab::IntervalMethod;

/// Settings of [`fit_logistic`].
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LogisticOptions {
    /// λ ≥ 0: the fit maximises ℓ(b) − λ/2 · Σⱼ bⱼ², the log-likelihood summed over rows less
    /// a ridge penalty on the coefficients of the standardised features (never the
    /// intercept). Default 1.0 (negligible beside the information of a few hundred rows, but
    /// it keeps a separable data set finite); 0 is the plain maximum-likelihood fit.
    pub l2: f64,
    /// Confidence level of the intervals, e.g. 0.95.
    pub level: f64,
    /// Newton iterations allowed.
    pub max_iter: usize,
}

impl Default for LogisticOptions {
    fn default() -> Self {
        LogisticOptions {
            l2: 1.0,
            level: 0.95,
            max_iter: 100,
        }
    }
}

/// One coefficient on the original scale of its feature.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Coefficient {
    pub estimate: f64,
    pub std_error: f64,
    /// Wald: estimate ± z · se, z = Φ⁻¹(1 − (1 − level)/2).
    pub interval: Interval,
    /// exp(estimate): the factor on the odds per unit of the feature.
    pub odds_ratio: f64,
    /// exp of the ends of `interval`.
    pub odds_ratio_interval: Interval,
}

/// A fitted model: log-odds = intercept + Σⱼ coefficientⱼ · xⱼ.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LogisticFit {
    pub intercept: Coefficient,
    /// In the order of the columns of `x`.
    pub coefficients: Vec<Coefficient>,
    pub iterations: usize,
    /// A convergence test was met before `max_iter` (see [`fit_logistic`]).
    pub converged: bool,
    /// Rows.
    pub n: u64,
    /// Rows with `y = true`.
    pub events: u64,
    /// ℓ = Σᵢ yᵢ ηᵢ − ln(1 + e^ηᵢ) at the estimate (without the penalty).
    pub log_likelihood: f64,
}

impl LogisticFit {
    /// The predicted probability 1 / (1 + e^−η), η = intercept + Σⱼ coefficientⱼ · rowⱼ; `row`
    /// holds the features in the order of the fit (values beyond them are not read, missing
    /// ones count as 0).
    pub fn predict(&self, row: &[f64]) -> f64 {
        let eta = self.intercept.estimate
            + self
                .coefficients
                .iter()
                .zip(row)
                .map(|(c, x)| c.estimate * x)
                .sum::<f64>();
        logistic(eta)
    }
}

/// The fewest events (and the fewest non-events) per fitted feature.
pub const EVENTS_PER_FEATURE: u64 = 10;

/// `Err(reason)` unless there are at least [`EVENTS_PER_FEATURE`] events and as many
/// non-events per feature (at least that many with no feature): the "events per variable"
/// rule of Peduzzi et al. (1996, J Clin Epidemiol 49:1373), below which coefficients and their
/// intervals are biased and unreliable.
pub fn enough_events(events: u64, non_events: u64, parameters: usize) -> Result<(), String> {
    let need = EVENTS_PER_FEATURE * (parameters.max(1) as u64);
    let features = match parameters {
        1 => "1 feature needs".to_string(),
        p => format!("{p} features need"),
    };
    for (have, who) in [(events, "churners"), (non_events, "customers who stayed")] {
        if have < need {
            return Err(format!(
                "too few {who} to fit a model ({have}; {features} at least {need})"
            ));
        }
    }
    Ok(())
}

/// Relative rounding of a log-likelihood summed over many rows: changes below it are not
/// told apart.
const NOISE: f64 = 1e-13;

/// A standardised coefficient beyond which the fit is taken to diverge: an odds ratio of
/// e³⁰ ≈ 10¹³ per standard deviation of a feature is perfect separation, not an effect.
const DIVERGED: f64 = 30.0;

/// 1 / (1 + e^−η), without overflow.
fn logistic(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// ln(1 + e^η), without overflow.
fn softplus(eta: f64) -> f64 {
    eta.max(0.0) + (-eta.abs()).exp().ln_1p()
}

/// In-place Cholesky factor L (lower triangle, row-major k × k) of a symmetric matrix;
/// `false` unless it is positive definite to working precision (a pivot at most 1e-12 times
/// its diagonal entry).
fn cholesky(a: &mut [f64], k: usize) -> bool {
    for j in 0..k {
        let diag = a[j * k + j];
        let mut d = diag;
        for m in 0..j {
            d -= a[j * k + m] * a[j * k + m];
        }
        if !d.is_finite() || d <= 1e-12 * diag.abs() {
            return false;
        }
        let d = d.sqrt();
        a[j * k + j] = d;
        for i in j + 1..k {
            let mut s = a[i * k + j];
            for m in 0..j {
                s -= a[i * k + m] * a[j * k + m];
            }
            a[i * k + j] = s / d;
        }
    }
    true
}

/// Solves L Lᵀ x = b in place, L from [`cholesky`].
fn cholesky_solve(l: &[f64], k: usize, b: &mut [f64]) {
    for i in 0..k {
        let s: f64 = (0..i).map(|m| l[i * k + m] * b[m]).sum();
        b[i] = (b[i] - s) / l[i * k + i];
    }
    for i in (0..k).rev() {
        let s: f64 = (i + 1..k).map(|m| l[m * k + i] * b[m]).sum();
        b[i] = (b[i] - s) / l[i * k + i];
    }
}

/// The penalised log-likelihood ℓ(b) − λ/2 Σⱼ≥₁ bⱼ² over the standardised rows `z`
/// (k = p + 1 values a row, the first 1).
fn objective(z: &[f64], y: &[bool], k: usize, b: &[f64], l2: f64) -> f64 {
    let mut ll = 0.0;
    for (row, &yi) in z.chunks_exact(k).zip(y) {
        let eta: f64 = row.iter().zip(b).map(|(a, c)| a * c).sum();
        ll += if yi { eta } else { 0.0 } - softplus(eta);
    }
    ll - 0.5 * l2 * b[1..].iter().map(|c| c * c).sum::<f64>()
}

/// Gradient g = Zᵀ(y − p) − λ D b and negative Hessian H = Zᵀ W Z + λ D (W = diag p(1 − p),
/// D = the identity without its intercept entry) of [`objective`].
fn derivatives(z: &[f64], y: &[bool], k: usize, b: &[f64], l2: f64, g: &mut [f64], h: &mut [f64]) {
    g.fill(0.0);
    h.fill(0.0);
    for (row, &yi) in z.chunks_exact(k).zip(y) {
        let eta: f64 = row.iter().zip(b).map(|(a, c)| a * c).sum();
        let p = logistic(eta);
        let r = if yi { 1.0 } else { 0.0 } - p;
        // p(1 − p) = pₘ(1 − pₘ) with pₘ the smaller of p and 1 − p (no cancellation).
        let small = logistic(-eta.abs());
        let w = small * (1.0 - small);
        for i in 0..k {
            g[i] += row[i] * r;
            let wi = w * row[i];
            for j in 0..=i {
                h[i * k + j] += wi * row[j];
            }
        }
    }
    for i in 1..k {
        g[i] -= l2 * b[i];
        h[i * k + i] += l2;
    }
    for i in 0..k {
        for j in 0..i {
            h[j * k + i] = h[i * k + j];
        }
    }
}

/// Fits P(y = true | x) = 1 / (1 + e^−(α + Σⱼ βⱼ xⱼ)) by L2-regularised maximum likelihood.
///
/// - Refuses first by [`enough_events`] (p = the number of columns of `x`), then rows of
///   different lengths, non-finite features, `y` of another length, λ < 0, a level outside
///   (0, 1), and a constant column (sd ≤ 1e-12 |mean|; `Err` naming the column, counted from
///   0: it carries no information and cannot be standardised).
/// - Standardises each feature: zⱼ = (xⱼ − mⱼ) / sⱼ with its mean mⱼ and population standard
///   deviation sⱼ (exact, order-free sums), so the penalty λ/2 Σ bⱼ² of [`LogisticOptions`]
///   treats features on any scale alike.
/// - Newton–Raphson (IRLS) on the penalised log-likelihood from b = 0: the step δ = H⁻¹ g
///   (Cholesky), halved until the objective does not fall. Converged when max |δ| < 1e-10, or
///   a full step changed the objective by at most 1e-13 of its size (its rounding).
/// - Standard errors from the inverse of the penalised Hessian H = Zᵀ W Z + λ D at the
///   estimate (the usual Wald errors when λ = 0, slightly smaller otherwise), carried to the
///   original scale by the linear map βⱼ = bⱼ / sⱼ, α = b₀ − Σⱼ bⱼ mⱼ / sⱼ (Cov = A H⁻¹ Aᵀ).
///
/// `Err(reason)` under perfect separation without a penalty (λ = 0: the maximum likelihood is
/// at infinity), detected as a standardised coefficient beyond ±30 (an odds ratio of 10¹³ per
/// standard deviation; refused with any λ) or a Hessian no longer positive definite as the
/// weights p(1 − p) vanish; also when no step along the Newton direction keeps the objective,
/// or when any result is not finite. After `max_iter` iterations without meeting a test the
/// fit is returned with `converged: false` (for the caller to show or refuse).
pub fn fit_logistic(
    x: &[Vec<f64>],
    y: &[bool],
    opts: &LogisticOptions,
) -> Result<LogisticFit, String> {
    let n = x.len();
    let p = x.first().map_or(0, |r| r.len());
    let events = y.iter().filter(|&&v| v).count() as u64;
    enough_events(events, y.len() as u64 - events, p)?;
    if y.len() != n {
        return Err(format!("{} outcomes for {n} rows", y.len()));
    }
    if !(opts.l2 >= 0.0 && opts.l2.is_finite()) {
        return Err(format!("the penalty must be 0 or more, not {}", opts.l2));
    }
    let z_level = normal_quantile(1.0 - (1.0 - opts.level) / 2.0)
        .filter(|_| opts.level > 0.0 && opts.level < 1.0)
        .ok_or_else(|| format!("the level must lie between 0 and 1, not {}", opts.level))?;
    if let Some(i) = x
        .iter()
        .position(|r| r.len() != p || r.iter().any(|v| !v.is_finite()))
    {
        return Err(format!("row {i} does not hold {p} finite feature values"));
    }
    let nf = n as f64;
    let mut mean = vec![0.0; p];
    let mut sd = vec![0.0; p];
    for j in 0..p {
        let m = ExactSum::of(x.iter().map(|r| r[j])).value() / nf;
        let v = ExactSum::of(x.iter().map(|r| (r[j] - m) * (r[j] - m))).value() / nf;
        let s = v.sqrt();
        if !s.is_finite() {
            return Err(format!("feature {j} holds values too large to fit"));
        }
        if s <= 1e-12 * m.abs() {
            return Err(format!(
                "feature {j} is constant: it cannot be told apart from the intercept"
            ));
        }
        mean[j] = m;
        sd[j] = s;
    }
    let k = p + 1;
    let mut z = Vec::with_capacity(n * k);
    for r in x {
        z.push(1.0);
        z.extend(r.iter().enumerate().map(|(j, v)| (v - mean[j]) / sd[j]));
    }

    let l2 = opts.l2;
    let mut b = vec![0.0; k];
    let (mut g, mut h, mut trial) = (vec![0.0; k], vec![0.0; k * k], vec![0.0; k]);
    let mut obj = objective(&z, y, k, &b, l2);
    let singular = "the model cannot be fitted: the Hessian is singular (a feature or a \
                    combination of features separates churners from the others; a penalty \
                    l2 > 0 keeps such a fit finite)";
    let (mut iterations, mut converged) = (0, false);
    while iterations < opts.max_iter && !converged {
        iterations += 1;
        derivatives(&z, y, k, &b, l2, &mut g, &mut h);
        if !cholesky(&mut h, k) {
            return Err(singular.to_string());
        }
        cholesky_solve(&h, k, &mut g);
        let big = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        // A step within the objective's rounding counts as not lowering it.
        let floor = obj - NOISE * obj.abs();
        let mut t = 1.0;
        let next = loop {
            for i in 0..k {
                trial[i] = b[i] + t * g[i];
            }
            let next = objective(&z, y, k, &trial, l2);
            if next >= floor || t < 1e-10 {
                break next;
            }
            t *= 0.5;
        };
        if !(next >= floor && big.is_finite()) {
            return Err(singular.to_string());
        }
        converged = big < 1e-10 || (t == 1.0 && (next - obj).abs() <= NOISE * obj.abs());
        b.copy_from_slice(&trial);
        obj = next;
        if let Some(j) = (1..k).find(|&j| b[j].abs() > DIVERGED) {
            return Err(format!(
                "the model cannot be fitted: the coefficient of feature {} runs off to \
                 infinity (it separates churners from the others; a penalty l2 > 0 keeps \
                 such a fit finite)",
                j - 1
            ));
        }
    }
    derivatives(&z, y, k, &b, l2, &mut g, &mut h);
    if !cholesky(&mut h, k) {
        return Err(singular.to_string());
    }
    // Covariance on the standardised scale: H⁻¹, column by column.
    let mut cov = vec![0.0; k * k];
    for c in 0..k {
        let mut e = vec![0.0; k];
        e[c] = 1.0;
        cholesky_solve(&h, k, &mut e);
        for r in 0..k {
            cov[r * k + c] = e[r];
        }
    }
    // The map to the original scale: row 0 of A is (1, −m₁/s₁, …), row j is eⱼ / sⱼ.
    let mut a = vec![0.0; k * k];
    a[0] = 1.0;
    for j in 1..k {
        a[j] = -mean[j - 1] / sd[j - 1];
        a[j * k + j] = 1.0 / sd[j - 1];
    }
    let estimate = |r: usize| (0..k).map(|c| a[r * k + c] * b[c]).sum::<f64>();
    let variance = |r: usize| {
        let mut v = 0.0;
        for i in 0..k {
            for j in 0..k {
                v += a[r * k + i] * cov[i * k + j] * a[r * k + j];
            }
        }
        v
    };
    let interval = |low: f64, high: f64| Interval {
        low,
        high,
        level: opts.level,
        method: IntervalMethod::Wald,
    };
    let mut out = Vec::with_capacity(k);
    for r in 0..k {
        let est = estimate(r);
        let se = variance(r).max(0.0).sqrt();
        let (low, high) = (est - z_level * se, est + z_level * se);
        let c = Coefficient {
            estimate: est,
            std_error: se,
            interval: interval(low, high),
            odds_ratio: est.exp(),
            odds_ratio_interval: interval(low.exp(), high.exp()),
        };
        let finite = [est, se, low, high, c.odds_ratio]
            .iter()
            .chain([&c.odds_ratio_interval.low, &c.odds_ratio_interval.high])
            .all(|v| v.is_finite());
        if !finite {
            let what = match r {
                0 => "the intercept".to_string(),
                _ => format!("feature {}", r - 1),
            };
            return Err(format!(
                "the fit of {what} is not finite (its odds ratio or interval overflows)"
            ));
        }
        out.push(c);
    }
    let log_likelihood = objective(&z, y, k, &b, 0.0);
    if !log_likelihood.is_finite() {
        return Err("the log-likelihood is not finite".to_string());
    }
    let intercept = out.remove(0);
    Ok(LogisticFit {
        intercept,
        coefficients: out,
        iterations,
        converged,
        n: n as u64,
        events,
        log_likelihood,
    })
}

/// Area under the ROC curve of a score for an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Auc {
    /// P(score of a positive > score of a negative) + ½ P(tie).
    pub value: f64,
    /// Hanley–McNeil: value ± z · se, clamped to [0, 1].
    pub interval: Interval,
    /// Rows with `outcome = true`.
    pub positives: u64,
    pub negatives: u64,
}

/// The AUC by Mann–Whitney: with mid-ranks r (tied scores share the mean of their ranks) and
/// R₁ = Σ r over the n₁ positives, U = R₁ − n₁(n₁ + 1)/2 and AUC = U / (n₁ n₀) (counted in
/// integers: exact and order-free). Standard error of Hanley & McNeil (1982, Radiology
/// 143:29): with Q₁ = A/(2 − A), Q₂ = 2A²/(1 + A),
/// se² = [A(1 − A) + (n₁ − 1)(Q₁ − A²) + (n₀ − 1)(Q₂ − A²)] / (n₁ n₀).
///
/// `None` without both classes, with a non-finite score, lengths that differ or a level
/// outside (0, 1).
pub fn auc(scores: &[f64], outcome: &[bool], level: f64) -> Option<Auc> {
    if scores.len() != outcome.len() || scores.iter().any(|s| !s.is_finite()) {
        return None;
    }
    let z = normal_quantile(1.0 - (1.0 - level) / 2.0).filter(|_| level > 0.0 && level < 1.0)?;
    let pos = outcome.iter().filter(|&&v| v).count() as u64;
    let neg = outcome.len() as u64 - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    sort_indices(&mut idx, &|a, b| scores[a].total_cmp(&scores[b]));
    // Twice the rank sum of the positives: a tie group at 1-based ranks s..=e has mid-rank
    // (s + e)/2, so each of its positives adds s + e.
    let mut twice_r1: u128 = 0;
    let mut s = 0;
    while s < idx.len() {
        let mut e = s;
        while e + 1 < idx.len() && scores[idx[e + 1]] == scores[idx[s]] {
            e += 1;
        }
        let in_group = idx[s..=e].iter().filter(|&&i| outcome[i]).count() as u128;
        twice_r1 += in_group * (s as u128 + 1 + e as u128 + 1);
        s = e + 1;
    }
    let (n1, n0) = (pos as u128, neg as u128);
    let twice_u = twice_r1 - n1 * (n1 + 1);
    let a = twice_u as f64 / (2 * n1 * n0) as f64;
    let q1 = a / (2.0 - a);
    let q2 = 2.0 * a * a / (1.0 + a);
    let (p1, p0) = (pos as f64, neg as f64);
    let var = (a * (1.0 - a) + (p1 - 1.0) * (q1 - a * a) + (p0 - 1.0) * (q2 - a * a)) / (p1 * p0);
    let se = var.max(0.0).sqrt();
    Some(Auc {
        value: a,
        interval: Interval {
            low: (a - z * se).max(0.0),
            high: (a + z * se).min(1.0),
            level,
            method: IntervalMethod::HanleyMcNeil,
        },
        positives: pos,
        negatives: neg,
    })
}

/// One bin of a calibration table.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationBin {
    /// The lowest and highest predicted probability in the bin.
    pub low: f64,
    pub high: f64,
    pub n: u64,
    pub mean_predicted: f64,
    /// The share of rows with `outcome = true`.
    pub observed: f64,
    /// Wilson interval of `observed`.
    pub observed_interval: Option<Interval>,
}

/// Calibration by quantiles of the prediction: rows sorted by prediction, a bin closed once
/// it reaches the next of the cumulative targets n/bins, 2n/bins, …, and only between two
/// different predictions (tied predictions are never split, so a bin may be larger and the
/// table may hold fewer than `bins` bins; it depends on the rows' values only, never on their
/// order). Means through [`ExactSum`]. Rows with a non-finite prediction are left out;
/// empty without rows or with `bins = 0`.
pub fn calibration(pred: &[f64], outcome: &[bool], bins: usize, level: f64) -> Vec<CalibrationBin> {
    let mut idx: Vec<usize> = (0..pred.len().min(outcome.len()))
        .filter(|&i| pred[i].is_finite())
        .collect();
    let mut out = Vec::new();
    let n = idx.len() as u128;
    if n == 0 || bins == 0 {
        return out;
    }
    sort_indices(&mut idx, &|a, b| pred[a].total_cmp(&pred[b]));
    let bins = bins as u128;
    // Bin k (from 0) closes once start + rows ≥ (k + 1) n / bins, i.e. cum · bins ≥ (k + 1) n.
    let (mut start, mut k) = (0usize, 0u128);
    let mut i = 0;
    while i < idx.len() {
        let mut e = i + 1;
        while e < idx.len() && pred[idx[e]] == pred[idx[i]] {
            e += 1;
        }
        let cum = e as u128;
        if cum * bins >= (k + 1) * n || e == idx.len() {
            let rows = &idx[start..e];
            let m = rows.len() as u64;
            let hits = rows.iter().filter(|&&r| outcome[r]).count() as u64;
            out.push(CalibrationBin {
                low: pred[rows[0]],
                high: pred[rows[rows.len() - 1]],
                n: m,
                mean_predicted: ExactSum::of(rows.iter().map(|&r| pred[r])).value() / m as f64,
                observed: hits as f64 / m as f64,
                observed_interval: wilson_interval(hits, m, level),
            });
            start = e;
            k = cum * bins / n;
        }
        i = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// splitmix64 (Steele, Lea & Flood 2014): a seeded stream of u64, as uniforms in [0, 1).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        }
        fn below(&mut self, m: usize) -> usize {
            (self.next() * m as f64) as usize
        }
    }

    /// The truth of the generated data: intercept, then per unit of days since the last visit
    /// (0–60), sessions (0–30), trend (−1…1) and tenure in months (1–48).
    const TRUTH: [f64; 5] = [-1.0, 0.05, -0.08, -0.8, -0.02];

    fn generate(seed: u64, n: usize) -> (Vec<Vec<f64>>, Vec<bool>) {
        let mut rng = Rng(seed);
        let mut x = Vec::with_capacity(n);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let row = vec![
                rng.below(61) as f64,
                rng.below(31) as f64,
                2.0 * rng.next() - 1.0,
                1.0 + rng.below(48) as f64,
            ];
            let eta = TRUTH[0] + row.iter().zip(&TRUTH[1..]).map(|(a, b)| a * b).sum::<f64>();
            y.push(rng.next() < logistic(eta));
            x.push(row);
        }
        (x, y)
    }

    fn shuffled<T: Clone>(v: &[T], seed: u64) -> Vec<T> {
        let mut rng = Rng(seed);
        let mut out = v.to_vec();
        for i in (1..out.len()).rev() {
            out.swap(i, rng.below(i + 1));
        }
        out
    }

    fn small_l2() -> LogisticOptions {
        LogisticOptions {
            l2: 0.01,
            ..LogisticOptions::default()
        }
    }

    #[test]
    fn one_binary_feature_gives_the_closed_form_log_odds() {
        // x = 0: 20 rows, 6 churners (p0 = 0.3); x = 1: 30 rows, 18 churners (p1 = 0.6).
        // Unpenalised MLE of a saturated 2 × 2 model: intercept = logit(0.3) = ln(3/7), slope =
        // logit(0.6) − logit(0.3) = ln(1.5) − ln(3/7) = ln(3.5); Wald errors from the inverse
        // information: se(intercept)² = 1/6 + 1/14, se(slope)² = 1/6 + 1/14 + 1/18 + 1/12
        // (Woolf's log odds ratio); ℓ = 6 ln .3 + 14 ln .7 + 18 ln .6 + 12 ln .4.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for (v, rows, events) in [(0.0, 20, 6), (1.0, 30, 18)] {
            for i in 0..rows {
                x.push(vec![v]);
                y.push(i < events);
            }
        }
        let opts = LogisticOptions {
            l2: 0.0,
            ..LogisticOptions::default()
        };
        let f = fit_logistic(&x, &y, &opts).unwrap();
        assert!(f.converged);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(f.intercept.estimate, (3.0f64 / 7.0).ln()), "{f:?}");
        assert!(close(f.coefficients[0].estimate, 3.5f64.ln()), "{f:?}");
        let se0 = (1.0 / 6.0 + 1.0 / 14.0f64).sqrt();
        let se1 = (1.0 / 6.0 + 1.0 / 14.0 + 1.0 / 18.0 + 1.0 / 12.0f64).sqrt();
        assert!(close(f.intercept.std_error, se0), "{f:?}");
        assert!(close(f.coefficients[0].std_error, se1), "{f:?}");
        let ll = 6.0 * 0.3f64.ln() + 14.0 * 0.7f64.ln() + 18.0 * 0.6f64.ln() + 12.0 * 0.4f64.ln();
        assert!(close(f.log_likelihood, ll), "{f:?}");
        // Odds ratio 3.5 and its Wald interval exp(ln 3.5 ± 1.959964 · se1).
        let c = &f.coefficients[0];
        assert!(close(c.odds_ratio, 3.5));
        let z = normal_quantile(0.975).unwrap();
        assert!(close(
            c.odds_ratio_interval.low,
            (3.5f64.ln() - z * se1).exp()
        ));
        assert_eq!(c.interval.method, IntervalMethod::Wald);
        assert!(close(f.predict(&[1.0]), 0.6) && close(f.predict(&[0.0]), 0.3));
        assert_eq!((f.n, f.events), (50, 24));
    }

    #[test]
    fn generated_truth_lies_in_the_intervals_and_the_model_ranks_and_calibrates() {
        let (x, y) = generate(7, 20_000);
        let f = fit_logistic(&x, &y, &small_l2()).unwrap();
        assert!(f.converged && f.iterations < 20, "{f:?}");
        let all: Vec<&Coefficient> = std::iter::once(&f.intercept)
            .chain(&f.coefficients)
            .collect();
        for (c, t) in all.iter().zip(TRUTH) {
            assert!(c.interval.low <= t && t <= c.interval.high, "{t}: {c:?}");
        }
        // A fresh holdout. The reference is the truth's own AUC there (about 0.79 for these
        // coefficients: the linear predictor has sd ≈ 1.2); the fit must come within 0.01 of
        // it and stay clearly above chance (> 0.7).
        let (hx, hy) = generate(8, 20_000);
        let pred: Vec<f64> = hx.iter().map(|r| f.predict(r)).collect();
        let truth: Vec<f64> = hx
            .iter()
            .map(|r| TRUTH[0] + r.iter().zip(&TRUTH[1..]).map(|(a, b)| a * b).sum::<f64>())
            .collect();
        let best = auc(&truth, &hy, 0.95).unwrap().value;
        let got = auc(&pred, &hy, 0.95).unwrap();
        assert!(
            got.value > 0.7 && got.value >= best - 0.01,
            "{got:?} vs {best}"
        );
        assert!(got.interval.low < got.value && got.value < got.interval.high);
        // Calibrated: in at least 8 of 10 bins the mean prediction lies in the Wilson interval
        // of the observed rate (each misses with probability about 5 % by chance).
        let bins = calibration(&pred, &hy, 10, 0.95);
        assert_eq!(bins.len(), 10);
        assert_eq!(bins.iter().map(|b| b.n).sum::<u64>(), 20_000);
        let inside = bins
            .iter()
            .filter(|b| {
                let i = b.observed_interval.unwrap();
                i.low <= b.mean_predicted && b.mean_predicted <= i.high
            })
            .count();
        assert!(inside >= 8, "{bins:?}");
    }

    #[test]
    fn intervals_cover_the_truth_over_forty_seeds() {
        // 95 % intervals: over 40 data sets each coefficient's coverage lies in [85 %, 100 %]
        // (a binomial(40, 0.95) count falls below 34 with probability about 1.4 %).
        let mut covered = [0; 5];
        for seed in 0..40 {
            let (x, y) = generate(1000 + seed, 5_000);
            let f = fit_logistic(&x, &y, &small_l2()).unwrap();
            let all = std::iter::once(&f.intercept).chain(&f.coefficients);
            for (k, (c, t)) in all.zip(TRUTH).enumerate() {
                covered[k] += (c.interval.low <= t && t <= c.interval.high) as usize;
            }
        }
        assert!(covered.iter().all(|&c| c >= 34), "{covered:?}");
    }

    #[test]
    fn too_few_events_or_one_class_is_refused_with_the_reason() {
        let (x, _) = generate(3, 200);
        let x: Vec<Vec<f64>> = x.into_iter().map(|r| r[..3].to_vec()).collect();
        let y: Vec<bool> = (0..200).map(|i| i < 15).collect();
        let e = fit_logistic(&x, &y, &LogisticOptions::default()).unwrap_err();
        assert_eq!(
            e,
            "too few churners to fit a model (15; 3 features need at least 30)"
        );
        let e = fit_logistic(&x, &[false; 200], &LogisticOptions::default()).unwrap_err();
        assert!(e.starts_with("too few churners"), "{e}");
        let e = fit_logistic(&x, &[true; 200], &LogisticOptions::default()).unwrap_err();
        assert_eq!(
            e,
            "too few customers who stayed to fit a model (0; 3 features need at least 30)"
        );
        assert!(enough_events(10, 10, 1).is_ok());
        assert_eq!(
            enough_events(9, 100, 1).unwrap_err(),
            "too few churners to fit a model (9; 1 feature needs at least 10)"
        );
        // A constant column is refused by its index.
        let x: Vec<Vec<f64>> = (0..100).map(|i| vec![i as f64, 4.0]).collect();
        let y: Vec<bool> = (0..100).map(|i| i % 3 == 0).collect();
        let e = fit_logistic(&x, &y, &LogisticOptions::default()).unwrap_err();
        assert!(e.starts_with("feature 1 is constant"), "{e}");
    }

    #[test]
    fn auc_counts_ties_as_half() {
        // Positives 0.4 and 0.8, negatives 0.1 and 0.4: of the 4 pairs, (0.8, 0.1), (0.8, 0.4)
        // and (0.4, 0.1) are won and (0.4, 0.4) tied: (3 + 1/2) / 4 = 0.875.
        let a = auc(&[0.1, 0.4, 0.4, 0.8], &[false, false, true, true], 0.95).unwrap();
        assert_eq!(a.value, 0.875);
        assert_eq!((a.positives, a.negatives), (2, 2));
        assert_eq!(a.interval.method, IntervalMethod::HanleyMcNeil);
        // Hanley–McNeil by hand: Q1 = 0.875/1.125, Q2 = 2·0.875²/1.875,
        // se² = (A(1 − A) + (Q1 − A²) + (Q2 − A²)) / 4.
        let (q1, q2) = (0.875 / 1.125, 2.0 * 0.765_625 / 1.875);
        let se = ((0.875 * 0.125 + q1 - 0.765_625 + q2 - 0.765_625) / 4.0f64).sqrt();
        assert!((a.interval.low - (0.875 - normal_quantile(0.975).unwrap() * se)).abs() < 1e-12);
        assert_eq!(a.interval.high, 1.0);
        let perfect = auc(&[0.1, 0.2, 0.3, 0.9], &[false, false, true, true], 0.95).unwrap();
        assert_eq!(perfect.value, 1.0);
        assert_eq!(auc(&[0.1, 0.2], &[true, true], 0.95), None);
        assert_eq!(auc(&[0.1, f64::NAN], &[true, false], 0.95), None);
    }

    #[test]
    fn calibration_never_splits_tied_predictions() {
        // 10 rows, 3 bins: targets after 3.33 and 6.67 rows. Values 0.1 ×4 (the first bin
        // reaches 4 ≥ 3.33), 0.5 ×2 (6 < 6.67: the bin goes on), 0.7 ×1 (7 ≥ 6.67), 0.9 ×3.
        let pred = [0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.7, 0.9, 0.9, 0.9];
        let outcome = [
            false, false, true, false, true, false, true, true, true, false,
        ];
        let b = calibration(&pred, &outcome, 3, 0.95);
        let shape: Vec<(f64, f64, u64, f64)> =
            b.iter().map(|b| (b.low, b.high, b.n, b.observed)).collect();
        assert_eq!(
            shape,
            [
                (0.1, 0.1, 4, 0.25),
                (0.5, 0.7, 3, 2.0 / 3.0),
                (0.9, 0.9, 3, 2.0 / 3.0)
            ]
        );
        assert!((b[1].mean_predicted - 1.7 / 3.0).abs() < 1e-15);
        assert_eq!(b[0].observed_interval, wilson_interval(1, 4, 0.95));
        assert!(calibration(&pred, &outcome, 0, 0.95).is_empty());
        assert!(calibration(&[], &[], 5, 0.95).is_empty());
    }

    #[test]
    fn row_order_changes_nothing() {
        let (x, y) = generate(11, 3_000);
        let order = shuffled(&(0..x.len()).collect::<Vec<_>>(), 99);
        let sx: Vec<Vec<f64>> = order.iter().map(|&i| x[i].clone()).collect();
        let sy: Vec<bool> = order.iter().map(|&i| y[i]).collect();
        let a = fit_logistic(&x, &y, &LogisticOptions::default()).unwrap();
        let b = fit_logistic(&sx, &sy, &LogisticOptions::default()).unwrap();
        let pairs = std::iter::once((&a.intercept, &b.intercept))
            .chain(a.coefficients.iter().zip(&b.coefficients));
        for (p, q) in pairs {
            for (u, v) in [(p.estimate, q.estimate), (p.std_error, q.std_error)] {
                assert!((u - v).abs() <= 1e-9 * u.abs(), "{p:?} {q:?}");
            }
        }
        // Scores with many ties (rounded predictions): AUC and calibration byte for byte.
        let pred: Vec<f64> = x
            .iter()
            .map(|r| (a.predict(r) * 50.0).round() / 50.0)
            .collect();
        let sp: Vec<f64> = order.iter().map(|&i| pred[i]).collect();
        let show = |p: &[f64], y: &[bool]| {
            format!("{:?} {:?}", auc(p, y, 0.95), calibration(p, y, 10, 0.95))
        };
        assert_eq!(show(&pred, &y), show(&sp, &sy));
    }

    #[test]
    fn perfect_separation_is_finite_with_a_penalty_and_refused_without() {
        // Churners exactly those with more than 30 days since the last visit.
        let x: Vec<Vec<f64>> = (0..200)
            .map(|i| vec![(i % 61) as f64, (i % 7) as f64])
            .collect();
        let y: Vec<bool> = x.iter().map(|r| r[0] > 30.0).collect();
        let f = fit_logistic(&x, &y, &LogisticOptions::default()).unwrap();
        assert!(f.converged, "{f:?}");
        assert!(f.coefficients[0].estimate > 0.0 && f.coefficients[0].std_error.is_finite());
        let opts = LogisticOptions {
            l2: 0.0,
            ..LogisticOptions::default()
        };
        let e = fit_logistic(&x, &y, &opts).unwrap_err();
        assert!(e.starts_with("the model cannot be fitted"), "{e}");
    }
}
