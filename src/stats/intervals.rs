//! Confidence intervals.

use serde::Serialize;

use super::{normal_quantile, student_t_quantile};
use crate::vocab::IntervalMethod;

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Interval {
    pub low: f64,
    pub high: f64,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
    /// How it was computed.
    pub method: IntervalMethod,
}

impl Interval {
    /// The same interval in another unit (× 100 for a share in percent).
    pub fn scaled(self, k: f64) -> Interval {
        Interval {
            low: self.low * k,
            high: self.high * k,
            ..self
        }
    }
}

/// Wilson score interval for a proportion `successes / n` (no continuity correction).
///
/// With z = Φ⁻¹(1 − (1 − level)/2) and p̂ = successes / n:
/// centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
/// `None` when n = 0 or the level is not in (0, 1).
pub fn wilson_interval(successes: u64, n: u64, level: f64) -> Option<Interval> {
    if n == 0 || successes > n {
        return None;
    }
    let z = normal_quantile(1.0 - (1.0 - level) / 2.0)?;
    let n_f = n as f64;
    let p = successes as f64 / n_f;
    let z2 = z * z;
    let denom = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denom;
    let half = z / denom * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt();
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
        level,
        method: IntervalMethod::Wilson,
    })
}

/// t interval for a mean: mean ± t(1 − α/2, n − 1) · sd / √n. `None` when n < 2.
pub fn mean_interval(mean: f64, sd: f64, n: u64, level: f64) -> Option<Interval> {
    if n < 2 || !mean.is_finite() || !sd.is_finite() {
        return None;
    }
    let t = student_t_quantile(1.0 - (1.0 - level) / 2.0, (n - 1) as f64)?;
    let half = t * sd / (n as f64).sqrt();
    Some(Interval {
        low: mean - half,
        high: mean + half,
        level,
        method: IntervalMethod::T,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_worked_examples() {
        // Expected values: statsmodels 0.14.4,
        // `proportion_confint(k, n, alpha=0.05, method="wilson")`.
        let cases = [
            (81, 263, 0.255_288_519_9, 0.366_209_577_0),
            (4, 6, 0.299_993_315_1, 0.903_228_588_9),
            (2, 6, 0.096_771_411_1, 0.700_006_684_9),
            (0, 10, 0.0, 0.277_532_799_9),
        ];
        for (k, n, lo, hi) in cases {
            let i = wilson_interval(k, n, 0.95).unwrap();
            assert!((i.low - lo).abs() < 1e-9, "{k}/{n}: {i:?}");
            assert!((i.high - hi).abs() < 1e-9, "{k}/{n}: {i:?}");
        }
        assert_eq!(wilson_interval(0, 0, 0.95), None);
    }

    #[test]
    fn mean_interval_matches_t_test() {
        // scipy 1.14.1: stats.t.interval(0.95, 4, loc=3, scale=sd/sqrt(5)) = 1.0367568385 4.9632431615
        let sd = (2.5f64).sqrt();
        let i = mean_interval(3.0, sd, 5, 0.95).unwrap();
        assert!((i.low - 1.036_756_838_5).abs() < 1e-9, "{i:?}");
        assert!((i.high - 4.963_243_161_5).abs() < 1e-9, "{i:?}");
        assert_eq!(mean_interval(3.0, 0.0, 1, 0.95), None);
    }
}
