//! Ratios of sums over units (engagements / followers over posts, revenue / orders over
//! customers): R = Σy / Σx with the linearisation (delta-method) variance of the ratio
//! estimator, var(R) = n / (n − 1) · Σ(y − R·x)² / (Σx)² (Cochran, Sampling Techniques §6.3).
//! The units, not the events inside them, are the independent draws, so a viral post or a
//! big customer widens the interval as it should. This equals the HC1 robust standard error
//! of the weighted regression of y on x with weights 1/x, and the interval R ± t(n − 1)·se its
//! `conf_int` with `use_t=True` (tests/comparisons.rs, statsmodels). Comparisons of two
//! ratios use the normal distribution (large samples).

use super::exact_sum::ExactSum;
use super::significance::{normal_two_sided_p, Comparison};
use super::{normal_quantile, student_t_quantile, Interval};
use crate::vocab::{IntervalMethod, TestName};

/// Mergeable sums of (y, x) per unit, exact (`ExactSum`): the same units in any order give
/// the same ratio and interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RatioSums {
    pub n: f64,
    x: ExactSum,
    y: ExactSum,
    xx: ExactSum,
    yy: ExactSum,
    xy: ExactSum,
    /// A unit had a negative y or x (refunds): the ratio's interval is not clipped at 0.
    negative: bool,
}

impl RatioSums {
    pub fn add(&mut self, y: f64, x: f64) {
        self.n += 1.0;
        self.x.add(x);
        self.y.add(y);
        self.xx.add(x * x);
        self.yy.add(y * y);
        self.xy.add(x * y);
        self.negative |= y < 0.0 || x < 0.0;
    }

    pub fn merge(&mut self, o: &RatioSums) {
        self.n += o.n;
        self.x.merge(&o.x);
        self.y.merge(&o.y);
        self.xx.merge(&o.xx);
        self.yy.merge(&o.yy);
        self.xy.merge(&o.xy);
        self.negative |= o.negative;
    }

    /// The sums of the units in `self` and not in `part` (a segment's rest).
    pub fn without(&self, part: &RatioSums) -> RatioSums {
        let mut r = self.clone();
        r.n -= part.n;
        r.x.subtract(&part.x);
        r.y.subtract(&part.y);
        r.xx.subtract(&part.xx);
        r.yy.subtract(&part.yy);
        r.xy.subtract(&part.xy);
        r
    }

    /// Σx, correctly rounded.
    pub fn x(&self) -> f64 {
        self.x.value()
    }

    /// Σy, correctly rounded.
    pub fn y(&self) -> f64 {
        self.y.value()
    }

    pub fn ratio(&self) -> Option<f64> {
        let x = self.x.value();
        (x != 0.0).then(|| self.y.value() / x)
    }

    /// Standard error of the ratio; needs two units.
    pub fn se(&self) -> Option<f64> {
        let r = self.ratio()?;
        if self.n < 2.0 {
            return None;
        }
        let (x, xx, yy, xy) = (
            self.x.value(),
            self.xx.value(),
            self.yy.value(),
            self.xy.value(),
        );
        let residual = (yy - 2.0 * r * xy + r * r * xx).max(0.0);
        let v = self.n / (self.n - 1.0) * residual / (x * x);
        v.is_finite().then(|| v.sqrt())
    }

    /// `scale` × (R ± t(1 − α/2, n − 1)·se), clipped at 0 when no unit is negative.
    pub fn interval(&self, level: f64, scale: f64) -> Option<Interval> {
        let (r, se) = (self.ratio()?, self.se()?);
        let t = student_t_quantile(1.0 - (1.0 - level) / 2.0, self.n - 1.0)?;
        let low = r - t * se;
        Some(Interval {
            low: scale * if self.negative { low } else { low.max(0.0) },
            high: scale * (r + t * se),
            level,
            method: IntervalMethod::DeltaRatio,
        })
    }
}

/// B's ratio against A's (independent units): difference, its normal interval, relative
/// change and the z-test p-value, all in `scale` × the ratio.
pub fn compare_ratios(a: &RatioSums, b: &RatioSums, level: f64, scale: f64) -> Option<Comparison> {
    let (ra, rb) = (a.ratio()?, b.ratio()?);
    let se = (a.se()?.powi(2) + b.se()?.powi(2)).sqrt();
    let z = normal_quantile(1.0 - (1.0 - level) / 2.0)?;
    let d = rb - ra;
    let stat = if se > 0.0 { d / se } else { 0.0 };
    Some(Comparison {
        difference: scale * d,
        difference_interval: Some(Interval {
            low: scale * (d - z * se),
            high: scale * (d + z * se),
            level,
            method: IntervalMethod::DeltaRatio,
        }),
        relative: (ra != 0.0).then(|| rb / ra - 1.0),
        relative_interval: None,
        statistic: stat,
        df: None,
        p_value: if se > 0.0 {
            normal_two_sided_p(stat)
        } else {
            1.0
        },
        test: TestName::RatioZ,
    })
}
