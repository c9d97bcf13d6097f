//! Statistics shared by every metric family: intervals, quantiles, special functions.

pub mod bootstrap;
pub mod clock;
mod distributions;
pub mod enough;
mod exact_sum;
mod intervals;
pub mod logistic;
mod moments;
pub mod optimize;
mod quantile;
pub mod ratio;
pub mod significance;

pub use bootstrap::{Bootstrap, IntervalOptions};
pub use distributions::{digamma, ln_gamma, normal_quantile, student_t_quantile};
pub use exact_sum::{exact_sum, ExactSum};
pub use intervals::{mean_interval, wilson_interval, Interval};
pub use moments::{whole_count, Moments};
pub use quantile::{median, median_interval, quantile};
pub use ratio::RatioSums;

/// An integer that orders as `f64::total_cmp` orders the floats (for sort keys).
pub fn total_key(v: f64) -> i64 {
    let b = v.to_bits() as i64;
    b ^ ((((b >> 63) as u64) >> 1) as i64)
}

/// Sorts indices by a comparison (not stable: break ties in `cmp` where order matters). One
/// compiled sort serves every canonical order of the report and the statistics (a sort per
/// element type and closure would add kilobytes to the .wasm).
pub fn sort_indices(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    idx.sort_unstable_by(|&a, &b| cmp(a, b));
}
