//! Statistics shared by every metric family: intervals, quantiles, special functions.

pub mod bootstrap;
pub mod clock;
mod distributions;
pub mod enough;
mod intervals;
mod moments;
pub mod optimize;
mod quantile;
pub mod ratio;
pub mod significance;

pub use bootstrap::{Bootstrap, IntervalOptions};
pub use distributions::{digamma, ln_gamma, normal_quantile, student_t_quantile};
pub use intervals::{mean_interval, wilson_interval, Interval};
pub use moments::{whole_count, Moments};
pub use quantile::{median, median_interval, quantile};
pub use ratio::RatioSums;
