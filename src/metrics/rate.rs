//! Plain rates and quantiles for the count-based metric families (support, campaigns): a rate
//! keeps its numerator and denominator, and is null with a reason when the denominator is 0 —
//! never NaN or Infinity.

use crate::vocab::IntervalMethod;
use serde::Serialize;

use crate::metrics::figure::SMALL_SAMPLE;
use crate::stats::{wilson_interval, Interval};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub value: Option<f64>,
    pub numerator: f64,
    pub denominator: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable_reason: Option<String>,
    /// Wilson interval for shares of whole counts (numerator ≤ denominator); the delta-method
    /// interval for a ratio of sums over units (engagement rates over posts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// Fewer than 30 in the denominator (shares), or fewer than 30 units (ratios).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub small_sample: bool,
}

impl Rate {
    /// numerator / denominator; without a denominator (0), `why` says what is missing.
    pub fn ratio(numerator: f64, denominator: f64, why: &str) -> Rate {
        let value = (denominator != 0.0)
            .then(|| numerator / denominator)
            .filter(|v| v.is_finite());
        Rate {
            unavailable_reason: value.is_none().then(|| why.to_string()),
            value,
            numerator,
            denominator,
            interval: None,
            small_sample: false,
        }
    }

    /// The rate as a share of whole counts: with its Wilson interval at `level` and the small
    /// sample flag. Left as it is when the parts are not whole counts with part ≤ whole.
    pub fn share(mut self, level: f64) -> Rate {
        let (x, n) = (self.numerator, self.denominator);
        let whole = |v: f64| v.is_finite() && v >= 0.0 && v.fract() == 0.0;
        if whole(x) && whole(n) && x <= n && n > 0.0 {
            self.interval = wilson_interval(x as u64, n as u64, level);
            self.small_sample = (n as u64) < SMALL_SAMPLE;
        }
        self
    }

    pub fn of(numerator: u64, denominator: u64, why: &str) -> Rate {
        Rate::ratio(numerator as f64, denominator as f64, why)
    }
}

/// a / b, or None when b is 0 (a rate over nothing is not available, never NaN).
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

/// The q-quantile of sorted values by linear interpolation between closest ranks (numpy's
/// default, Excel's PERCENTILE.INC): position (n − 1)·q.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let pos = (n - 1) as f64 * q;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Distribution-free interval for the median of sorted values: the order statistics
/// x(j) and x(k) with j, k the binomial(n, ½) quantiles at (1 − level)/2 and (1 + level)/2,
/// which cover the median with probability ≥ level whatever the distribution (Conover,
/// Practical Nonparametric Statistics, §3.2). Needs n ≥ 6 to be informative at 95%.
pub fn median_interval(sorted: &[f64], level: f64) -> Option<Interval> {
    let n = sorted.len();
    if n < 2 {
        return None;
    }
    let alpha = 1.0 - level;
    if n > 1000 {
        // Normal approximation of the binomial ranks (0.5ⁿ underflows beyond ~1000).
        let z = crate::stats::normal_quantile(1.0 - alpha / 2.0)?;
        let half = z * (n as f64).sqrt() / 2.0;
        let j = ((n as f64 / 2.0 - half).floor() as usize).max(1);
        let k = ((n as f64 / 2.0 + 1.0 + half).ceil() as usize).min(n);
        return Some(Interval {
            low: sorted[j - 1],
            high: sorted[k - 1],
            level,
            method: IntervalMethod::OrderStatistic,
        });
    }
    // Lower rank: largest j with P(B ≤ j − 1) ≤ α/2 for B ~ Bin(n, ½) (1-based ranks).
    let mut cdf = 0.0;
    let mut pmf = 0.5f64.powi(n as i32);
    let mut j = 0usize;
    for i in 0..n {
        if cdf + pmf > alpha / 2.0 {
            break;
        }
        cdf += pmf;
        pmf *= (n - i) as f64 / (i + 1) as f64;
        j = i + 1;
    }
    if j == 0 || 0.5f64.powi(n as i32) > alpha / 2.0 {
        return None; // too few values for this level
    }
    let k = n + 1 - j;
    Some(Interval {
        low: sorted[j - 1],
        high: sorted[k - 1],
        level,
        method: IntervalMethod::OrderStatistic,
    })
}
