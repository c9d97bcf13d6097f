//! Plain rates and quantiles for the count-based metric families (support, campaigns): a rate
//! keeps its numerator and denominator, and is null with a reason when the denominator is 0 —
//! never NaN or Infinity.

use serde::Serialize;

use crate::metrics::figure::SMALL_SAMPLE;
use crate::stats::{wilson_interval, Interval};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub value: Option<f64>,
    pub numerator: f64,
    pub denominator: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    /// Wilson interval for shares of whole counts (numerator ≤ denominator); the delta-method
    /// interval for a ratio of sums over units (engagement rates over posts).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub interval: Option<Interval>,
    /// Fewer than 30 in the denominator (shares), or fewer than 30 units (ratios).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional = nullable)]
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
        let whole = |v: f64| crate::stats::whole_count(v).is_some();
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
