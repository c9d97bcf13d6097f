//! Statistics shared by every metric family: intervals, quantiles, special functions.

mod distributions;
mod intervals;

pub use distributions::{normal_quantile, student_t_quantile};
pub use intervals::{mean_interval, wilson_interval, Interval};
