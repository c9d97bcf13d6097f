//! Plain rates and quantiles for the count-based metric families (support, campaigns): a rate
//! keeps its numerator and denominator, and is null with a reason when the denominator is 0 —
//! never NaN or Infinity.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub value: Option<f64>,
    pub numerator: f64,
    pub denominator: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable_reason: Option<String>,
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
        }
    }

    pub fn of(numerator: u64, denominator: u64, why: &str) -> Rate {
        Rate::ratio(numerator as f64, denominator as f64, why)
    }
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
