//! Datasets: per-kind builders that turn records into compact accumulators and then a report.

pub mod events;
pub mod scores;
pub mod summary;
pub mod survey;
pub mod table;
