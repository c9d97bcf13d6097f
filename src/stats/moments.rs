//! Count, Σ and Σ² of values: the mergeable state behind every mean and variance compared
//! across groups. Merging adds, a group's rest is a subtraction, and an empty set has no mean.

use super::exact_sum::ExactSum;
use super::significance::Sample;

/// Σ and Σ² are exact (`ExactSum`), so the moments, and every mean and variance read from
/// them, depend only on the values, not on the order they were pushed or merged in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Moments {
    pub n: f64,
    sum: ExactSum,
    sum_sq: ExactSum,
}

impl Moments {
    /// The moments of the values that are numbers (NaN = missing).
    pub fn of(values: impl Iterator<Item = f64>) -> Self {
        values
            .filter(|v| !v.is_nan())
            .fold(Moments::default(), |mut m, v| {
                m.push(v);
                m
            })
    }

    /// Moments from already summed values: n, Σ and Σ² (each summed exactly by the caller).
    pub fn from_sums(n: f64, sum: f64, sum_sq: f64) -> Self {
        Moments {
            n,
            sum: ExactSum::of([sum]),
            sum_sq: ExactSum::of([sum_sq]),
        }
    }

    pub fn push(&mut self, v: f64) {
        self.n += 1.0;
        self.sum.add(v);
        self.sum_sq.add(v * v);
    }

    /// Both sets of values together (associative and commutative, exactly).
    pub fn merge(&self, other: &Moments) -> Moments {
        let mut m = self.clone();
        m.n += other.n;
        m.sum.merge(&other.sum);
        m.sum_sq.merge(&other.sum_sq);
        m
    }

    /// The moments of the values in `self` and not in `part`.
    pub fn without(&self, part: &Moments) -> Moments {
        let mut m = self.clone();
        m.n -= part.n;
        m.sum.subtract(&part.sum);
        m.sum_sq.subtract(&part.sum_sq);
        m
    }

    /// Σ of the values, correctly rounded.
    pub fn sum(&self) -> f64 {
        self.sum.value()
    }

    /// The mean; `None` without values.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0.0).then(|| self.sum.value() / self.n)
    }

    /// The sample variance (n − 1); `None` below two values.
    pub fn variance(&self) -> Option<f64> {
        let mean = self.mean()?;
        (self.n > 1.0)
            .then(|| ((self.sum_sq.value() - self.sum.value() * mean) / (self.n - 1.0)).max(0.0))
    }

    /// Mean, standard deviation and n for a test; `None` without values (one value has sd 0).
    pub fn sample(&self) -> Option<Sample> {
        Some(Sample {
            mean: self.mean()?,
            sd: self.variance().unwrap_or(0.0).sqrt(),
            n: self.n,
        })
    }
}

/// `v` as a whole count: finite, ≥ 0, without a fraction, and exact in an f64 (< 9·10¹⁵).
pub fn whole_count(v: f64) -> Option<u64> {
    (v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < 9e15).then_some(v as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_merge_and_subtract() {
        let a = Moments::of([1.0, 2.0, f64::NAN].into_iter());
        let b = Moments::of([3.0, 6.0].into_iter());
        let all = a.merge(&b);
        assert_eq!(all, b.merge(&a));
        assert_eq!(all.without(&b), a);
        // 1, 2, 3, 6: mean 3, variance (4 + 1 + 0 + 9) / 3.
        assert_eq!(all.mean(), Some(3.0));
        assert_eq!(all.variance(), Some(14.0 / 3.0));
        assert_eq!(Moments::default().mean(), None);
        assert_eq!(Moments::default().sample(), None);
        assert_eq!(Moments::of([5.0].into_iter()).variance(), None);
        assert_eq!(Moments::of([5.0].into_iter()).sample().unwrap().sd, 0.0);
    }

    #[test]
    fn whole_counts() {
        assert_eq!(whole_count(3.0), Some(3));
        for v in [-1.0, 0.5, f64::NAN, f64::INFINITY, 1e16] {
            assert_eq!(whole_count(v), None, "{v}");
        }
    }
}
