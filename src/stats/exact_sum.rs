//! Exact floating-point sums: Shewchuk's non-overlapping partials, as in Python's `math.fsum`.
//! The partials represent the sum of every value added so far with no rounding at all, so the
//! correctly rounded result (`value`) depends only on the multiset of values, never on the order
//! they came in — what makes a report the same for the same rows in any order (issue 19).
//!
//! Cost: an addition walks the partials, which stay few (1–3 for amounts of similar size; at
//! most about 40 for values spread over the whole f64 range), with no allocation until the
//! first value is added. Non-finite values are kept apart in a plain f64 (their sum — ∞, −∞ or
//! NaN — does not depend on the order either), and so is an intermediate overflow.

const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// Σ of f64 values, exact until it is read.
#[derive(Debug, Clone, Default)]
pub struct ExactSum {
    /// The whole values below 2⁶³ in magnitude (counts, cents-free amounts, their squares),
    /// summed as integers: exact, and a few instructions per value.
    int: i128,
    partials: Vec<f64>,
    /// The sum of the non-finite values (and of any overflowed partial), 0 without any.
    special: f64,
}

impl ExactSum {
    pub fn new() -> Self {
        Self::default()
    }

    /// The exact sum of `values`.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Self {
        let mut s = Self::new();
        values.into_iter().for_each(|v| s.add(v));
        s
    }

    /// Adds `v`. Fast path: a whole value below 2⁶³ in magnitude goes to the integer sum
    /// (2⁶⁴ of them cannot overflow it; one float-to-int conversion and a compare, no call);
    /// any other value to the partials.
    #[inline]
    pub fn add(&mut self, v: f64) {
        if v.abs() < TWO_63 {
            let i = v as i64;
            if i as f64 == v {
                self.int += i as i128;
                return;
            }
        }
        self.add_partials(v);
    }

    /// Shewchuk's update of the partials (`math.fsum`'s inner loop).
    #[inline(never)]
    fn add_partials(&mut self, v: f64) {
        if !v.is_finite() {
            self.special += v;
            return;
        }
        let mut x = v;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            if !hi.is_finite() {
                // Overflow of the running sum: beyond exact arithmetic in f64.
                self.special += hi;
                return;
            }
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            self.partials.push(x);
        }
    }

    /// Adds every value of another sum (exact, so associative and commutative).
    #[inline(never)]
    pub fn merge(&mut self, other: &ExactSum) {
        self.int += other.int;
        for &p in &other.partials {
            self.add(p);
        }
        self.special += other.special;
    }

    /// The sum's state, for a partial result sent elsewhere.
    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.i128(self.int);
        w.f64s(&self.partials);
        w.f64(self.special);
    }

    pub fn take(r: &mut crate::wire::Reader) -> crate::error::Result<Self> {
        Ok(ExactSum {
            int: r.i128()?,
            partials: r.f64s()?,
            special: r.f64()?,
        })
    }

    /// Takes every value of another sum away (exact).
    #[inline(never)]
    pub fn subtract(&mut self, other: &ExactSum) {
        self.int -= other.int;
        for &p in &other.partials {
            self.add(-p);
        }
        self.special -= other.special;
    }

    /// The sum rounded once to the nearest f64 (ties to even), as `math.fsum` rounds it.
    #[inline(never)]
    pub fn value(&self) -> f64 {
        if self.special != 0.0 || self.special.is_nan() {
            return self.special;
        }
        if self.int != 0 {
            // The integer sum into the partials, 53 bits at a time (each piece exact in f64).
            let mut all = ExactSum {
                int: 0,
                partials: self.partials.clone(),
                special: 0.0,
            };
            let mut rest = self.int;
            while rest != 0 {
                let piece = rest as f64;
                all.add_partials(piece);
                rest -= piece as i128;
            }
            return all.value();
        }
        let p = &self.partials;
        let Some(mut n) = p.len().checked_sub(1) else {
            return 0.0;
        };
        let mut hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-way case: round the way the partials below say (as CPython's fsum does).
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
        hi
    }
}

impl PartialEq for ExactSum {
    /// Equal when the rounded sums are (two partial lists can represent the same value).
    fn eq(&self, other: &Self) -> bool {
        self.value().to_bits() == other.value().to_bits()
    }
}

impl std::iter::Sum<f64> for ExactSum {
    fn sum<I: Iterator<Item = f64>>(iter: I) -> Self {
        Self::of(iter)
    }
}

impl<'a> std::iter::Sum<&'a f64> for ExactSum {
    fn sum<I: Iterator<Item = &'a f64>>(iter: I) -> Self {
        Self::of(iter.copied())
    }
}

/// The exact, correctly rounded sum of `values` (order-independent).
pub fn exact_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    ExactSum::of(values).value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_and_order_independent() {
        // 0.1 + 0.2 + 0.3 in f64 order-dependent arithmetic: 0.6000000000000001 vs 0.6.
        let v = [0.1, 0.2, 0.3];
        assert_eq!(exact_sum(v), 0.6);
        assert_eq!(exact_sum([0.3, 0.2, 0.1]), 0.6);
        assert_eq!(exact_sum([1e100, 1.0, -1e100, 1e-100]), 1.0);
        assert_eq!(exact_sum([]), 0.0);
        assert_eq!(exact_sum([f64::INFINITY, 1.0]), f64::INFINITY);
        assert!(exact_sum([f64::INFINITY, f64::NEG_INFINITY]).is_nan());
        // Half-way rounding: 1 + 2⁻⁵³ + 2⁻¹⁰⁶ rounds up, 1 + 2⁻⁵³ to even.
        let e = f64::EPSILON / 2.0;
        assert_eq!(exact_sum([1.0, e, e * e]), 1.0 + f64::EPSILON);
        assert_eq!(exact_sum([1.0, e]), 1.0);
        // Every permutation of awkward values gives the same bits.
        let vals = [29.33, 1e16, -1e16, 0.1, 3.7, -2.2, 1e-3, 7.77];
        let want = exact_sum(vals);
        let mut p = vals;
        for k in 0..200 {
            p.swap(k % 8, (k * 5 + 3) % 8);
            assert_eq!(exact_sum(p).to_bits(), want.to_bits());
        }
    }

    #[test]
    fn the_integer_path_stays_exact() {
        // Whole counts stay in one partial; a fraction that does not fit leaves it.
        let mut s = ExactSum::new();
        for v in [
            3.0,
            5.0,
            1e15,
            0.5,
            -1e15,
            0.25,
            2f64.powi(60),
            1.0,
            -(2f64.powi(60)),
        ] {
            s.add(v);
        }
        assert_eq!(s.value(), 9.75);
        let mut z = ExactSum::of([1.0, -1.0]);
        assert_eq!(z.value(), 0.0);
        z.add(0.1);
        assert_eq!(z.value(), 0.1);
        // Beyond 2⁵³: the integer sum is exact where f64 additions are not.
        let big = ExactSum::of([2f64.powi(62), 1.0, 1.0, -(2f64.powi(62))]);
        assert_eq!(big.value(), 2.0);
        let huge = ExactSum::of(std::iter::repeat_n(1.8e19, 1000).chain([1.0, -1.8e22]));
        assert_eq!(huge.value(), 1.0);
        assert_eq!(ExactSum::of([1e30, 3.0, -1e30]).value(), 3.0);
    }

    #[test]
    fn merge_and_subtract_are_exact() {
        let mut a = ExactSum::of([0.1, 0.2]);
        let b = ExactSum::of([0.3, 1e20]);
        a.merge(&b);
        assert_eq!(a.value(), exact_sum([0.1, 0.2, 0.3, 1e20]));
        a.subtract(&b);
        assert_eq!(a.value(), exact_sum([0.1, 0.2]));
        assert_eq!(a, ExactSum::of([0.2, 0.1]));
    }
}
