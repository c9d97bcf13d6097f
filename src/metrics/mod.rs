//! Metric families. Each computes result structs from mergeable accumulators; every figure
//! carries the definition (variant and parameters) it was computed with.

pub mod ab;
pub mod campaigns;
pub mod catalogue;
pub mod clv;
pub mod compare;
pub mod events;
pub mod figure;
pub mod lifetime_value;
pub mod rate;
pub mod revenue;
pub mod revenue_cohorts;
pub mod rfm;
pub mod scans;
pub mod signals;
pub mod social;
pub mod support;
pub mod survey;
pub mod voice;
pub mod weekdays;
