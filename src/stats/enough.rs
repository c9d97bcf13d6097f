//! When a large-sample test can be read. Each comparison's p-value rests on a normal (or t)
//! approximation that needs enough observations in each group; below these minimums a report
//! gives the reason instead of a p-value, a verdict or a trend flag (a single answer has no
//! variance, and a z-test on it reads as "certain").
//!
//! - shares (two-proportion z-test): at least 5 expected successes and 5 expected failures in
//!   each group under the pooled share (the usual n·p ≥ 5 rule);
//! - NPS (z-test on the +1/0/−1 coding), means (Welch) and ratios of sums (delta method): at
//!   least 30 observations in each group.

/// The fewest observations per group for the NPS, mean and ratio tests, and for trend flags.
pub const MIN_N: f64 = 30.0;
/// The fewest expected successes and failures per group for the two-proportion test.
pub const MIN_EXPECTED: f64 = 5.0;

fn count(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// `Err(reason)` unless both groups hold at least [`MIN_N`] observations.
pub fn enough_n(na: f64, nb: f64) -> Result<(), String> {
    if na >= MIN_N && nb >= MIN_N {
        return Ok(());
    }
    Err(format!(
        "too few to test (n = {} and {}; the test needs at least {} in each)",
        count(na),
        count(nb),
        count(MIN_N)
    ))
}

/// `Err(reason)` unless each group expects at least [`MIN_EXPECTED`] successes and failures
/// under the pooled share of `xa / na` and `xb / nb`.
pub fn enough_proportions(xa: f64, na: f64, xb: f64, nb: f64) -> Result<(), String> {
    let total = na + nb;
    let pooled = if total > 0.0 { (xa + xb) / total } else { 0.0 };
    let smaller = na.min(nb);
    let expected = smaller * pooled.min(1.0 - pooled);
    if total > 0.0 && expected >= MIN_EXPECTED {
        return Ok(());
    }
    Err(format!(
        "too few to test (n = {} and {}, {:.1} expected in the smaller group; the test needs at least {} expected successes and failures in each)",
        count(na),
        count(nb),
        expected,
        count(MIN_EXPECTED)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_answer_is_too_few_and_thirty_are_enough() {
        let e = enough_n(1.0, 40.0).unwrap_err();
        assert_eq!(
            e,
            "too few to test (n = 1 and 40; the test needs at least 30 in each)"
        );
        assert!(enough_n(30.0, 30.0).is_ok());
        assert!(enough_n(29.0, 1000.0).is_err());
    }

    #[test]
    fn proportions_need_five_expected_each_way() {
        // Pooled share (2 + 8) / (20 + 80) = 0.1; the smaller group expects 20 × 0.1 = 2.
        let e = enough_proportions(2.0, 20.0, 8.0, 80.0).unwrap_err();
        assert!(e.contains("2.0 expected in the smaller group"), "{e}");
        // Pooled 0.5, smaller group 10: 5 expected successes and 5 failures — enough.
        assert!(enough_proportions(5.0, 10.0, 50.0, 100.0).is_ok());
        // A share of 99 %: failures run short (100 × 0.01 = 1 expected).
        assert!(enough_proportions(99.0, 100.0, 990.0, 1000.0).is_err());
        assert!(enough_proportions(0.0, 0.0, 0.0, 0.0).is_err());
    }
}
