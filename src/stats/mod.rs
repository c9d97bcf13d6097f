//! Statistics shared by every metric family: intervals, quantiles, special functions.

pub mod clock;
mod distributions;
mod intervals;
pub mod optimize;
pub mod significance;

pub use distributions::{ln_gamma, normal_quantile, student_t_quantile};
pub use intervals::{mean_interval, wilson_interval, Interval};
