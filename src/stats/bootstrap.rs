//! Seeded, deterministic bootstrap (percentile method) for medians, other quantiles and the
//! means of skewed values. The same data, seed and resample count always give the same
//! interval, on every platform: the generator is xoshiro256** seeded by SplitMix64, and only
//! IEEE arithmetic is used.
//!
//! Quantiles do not resample the data. A resample's j-th smallest value is x(D(j)), where
//! D(j) is the j-th smallest of n uniform draws from the ranks 1..n; D(j) = ⌈n·U(j)⌉ with U(j)
//! the j-th order statistic of n uniforms, which is Beta(j, n − j + 1), and U(j+1) follows as
//! U(j) + (1 − U(j))·(1 − V^(1/(n−j))). So each resample costs a few random numbers whatever n
//! is, and is distributed exactly as sorting a resample of the data.

use crate::vocab::IntervalMethod;
use serde::Deserialize;

use super::Interval;
use crate::error::{Error, Result};

/// `intervals: {...}` in AnalyzeOptions.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct IntervalOptions {
    /// Interval of medians and p90s: "bootstrap" (default) or "orderStatistic" (medians only:
    /// the exact distribution-free binomial interval).
    #[ts(as = "Option<QuantileMethod>")]
    pub quantiles: Option<String>,
    /// Bootstrap resamples (default 2,000; 100 to 100,000).
    pub resamples: Option<u32>,
    /// Bootstrap seed (default 1).
    pub seed: Option<u64>,
}

crate::vocab::vocabulary! {
    /// How the intervals of medians and p90s are computed.
    pub enum QuantileMethod {
        /// Seeded percentile bootstrap (default).
        Bootstrap = "bootstrap",
        /// The exact distribution-free binomial interval (medians only).
        OrderStatistic = "orderStatistic",
    }
}

/// Checked interval settings: the confidence level and the bootstrap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    pub level: f64,
    pub resamples: u32,
    pub seed: u64,
    pub quantiles: QuantileMethod,
}

impl Bootstrap {
    pub const DEFAULT_RESAMPLES: u32 = 2000;

    pub fn new(level: f64) -> Self {
        Bootstrap {
            level,
            resamples: Self::DEFAULT_RESAMPLES,
            seed: 1,
            quantiles: QuantileMethod::Bootstrap,
        }
    }

    pub fn from_options(level: f64, o: Option<&IntervalOptions>) -> Result<Self> {
        let mut b = Bootstrap::new(level);
        let Some(o) = o else { return Ok(b) };
        if let Some(r) = o.resamples {
            if !(100..=100_000).contains(&r) {
                return Err(Error::option(
                    "intervals.resamples",
                    format!("{r} is not between 100 and 100,000"),
                ));
            }
            b.resamples = r;
        }
        b.seed = o.seed.unwrap_or(b.seed);
        b.quantiles = match o.quantiles.as_deref() {
            None => QuantileMethod::Bootstrap,
            Some(s) => QuantileMethod::parse(s).ok_or_else(|| {
                Error::option(
                    "intervals.quantiles",
                    format!("`{s}` is not one of {}", QuantileMethod::names()),
                )
            })?,
        };
        Ok(b)
    }

    /// Interval of the q-quantile (numpy's linear rule) of sorted values: the seeded
    /// bootstrap, or for the median with `orderStatistic` the exact binomial interval.
    pub fn quantile(&self, sorted: &[f64], q: f64) -> Option<Interval> {
        if self.quantiles == QuantileMethod::OrderStatistic && q == 0.5 {
            return crate::stats::median_interval(sorted, self.level);
        }
        let n = sorted.len();
        if n < 2 || !(0.0..=1.0).contains(&q) {
            return None;
        }
        let pos = (n - 1) as f64 * q;
        let j = pos.floor() as usize + 1; // 1-based rank of the lower neighbour
        let frac = pos - (j - 1) as f64;
        let mut rng = Rng::new(self.seed);
        let nf = n as f64;
        let rank = |u: f64| ((nf * u).ceil() as usize).clamp(1, n);
        let stats: Vec<f64> = (0..self.resamples)
            .map(|_| {
                let u = rng.beta(j as f64, (n - j + 1) as f64);
                let lo = sorted[rank(u) - 1];
                if frac == 0.0 || j == n {
                    return lo;
                }
                let v = rng.uniform();
                let u2 = u + (1.0 - u) * (1.0 - v.powf(1.0 / (n - j) as f64));
                lo + (sorted[rank(u2) - 1] - lo) * frac
            })
            .collect();
        self.percentile(stats)
    }

    /// Most draws (values × resamples) a bootstrap of a mean may take: 10,000 values at the
    /// default 2,000 resamples. Beyond, the mean gets the t interval: resampling costs n draws
    /// per resample, and at such sizes the t interval of a mean is accurate.
    pub const BOOTSTRAP_MEAN_DRAWS: usize = 20_000_000;

    /// Interval of the mean of skewed values (revenue or lifetime value per customer): the
    /// bootstrap within `BOOTSTRAP_MEAN_DRAWS`, the t interval beyond.
    pub fn skewed_mean(&self, values: &[f64]) -> Option<Interval> {
        let n = values.len();
        if n.saturating_mul(self.resamples as usize) <= Self::BOOTSTRAP_MEAN_DRAWS {
            return self.mean(values);
        }
        let m = super::exact_sum(values.iter().copied()) / n as f64;
        let var = super::exact_sum(values.iter().map(|x| (x - m).powi(2))) / (n - 1) as f64;
        super::mean_interval(m, var.sqrt(), n as u64, self.level)
    }

    /// Interval of the mean by resampling the values. Costs n draws per resample. The draws
    /// index the values sorted, so the same values in any order give the same interval.
    pub fn mean(&self, values: &[f64]) -> Option<Interval> {
        let n = values.len();
        if n < 2 {
            return None;
        }
        let mut values = values.to_vec();
        values.sort_by(f64::total_cmp);
        let mut rng = Rng::new(self.seed);
        let stats: Vec<f64> = (0..self.resamples)
            .map(|_| {
                let s: f64 = (0..n).map(|_| values[rng.below(n)]).sum();
                s / n as f64
            })
            .collect();
        self.percentile(stats)
    }

    /// The (1 − level)/2 and (1 + level)/2 quantiles of the resampled statistics (numpy's
    /// linear rule, as scipy.stats.bootstrap's percentile method).
    fn percentile(&self, mut stats: Vec<f64>) -> Option<Interval> {
        stats.sort_by(f64::total_cmp);
        let alpha = 1.0 - self.level;
        Some(Interval {
            low: crate::stats::quantile(&stats, alpha / 2.0)?,
            high: crate::stats::quantile(&stats, 1.0 - alpha / 2.0)?,
            level: self.level,
            method: IntervalMethod::Bootstrap,
        })
    }
}

/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64.
struct Rng([u64; 4]);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng([next(), next(), next(), next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let out = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// Uniform on the open interval (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Uniform on 0..n (Lemire's multiply-shift; the bias is below n / 2⁶⁴).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Standard normal by the Marsaglia polar method.
    fn normal(&mut self) -> f64 {
        loop {
            let (a, b) = (2.0 * self.uniform() - 1.0, 2.0 * self.uniform() - 1.0);
            let s = a * a + b * b;
            if s < 1.0 && s > 0.0 {
                return a * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape ≥ 1 here (ranks are ≥ 1).
    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }

    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        x / (x + self.gamma(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_draws_have_the_right_mean_and_variance() {
        let mut rng = Rng::new(7);
        let (a, b) = (3.0, 8.0);
        let draws: Vec<f64> = (0..200_000).map(|_| rng.beta(a, b)).collect();
        let m = draws.iter().sum::<f64>() / draws.len() as f64;
        let v = draws.iter().map(|x| (x - m).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!((m - a / (a + b)).abs() < 0.002, "{m}");
        let var = a * b / ((a + b).powi(2) * (a + b + 1.0));
        assert!((v - var).abs() < 0.0005, "{v} vs {var}");
    }

    #[test]
    fn same_seed_same_interval() {
        let x: Vec<f64> = (1..=101).map(|i| (i * i) as f64).collect();
        let b = Bootstrap::new(0.95);
        assert_eq!(b.quantile(&x, 0.5), b.quantile(&x, 0.5));
        assert_eq!(b.mean(&x), b.mean(&x));
        assert!(b.quantile(&x[..1], 0.5).is_none());
    }
}
