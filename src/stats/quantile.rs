//! Quantiles of sorted values and the distribution-free interval of a median.

use super::Interval;
use crate::vocab::IntervalMethod;

/// The median of values (sorted here): the middle value, or the mean of the two middle ones.
pub fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
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
        let z = super::normal_quantile(1.0 - alpha / 2.0)?;
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
