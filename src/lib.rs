//! # engagement-metrics
//!
//! Customer-engagement metrics computed where the data is: in the browser, in a Web Worker, in
//! Node, or natively. The core is plain Rust (no JavaScript types); `src/wasm/` is the thin
//! binding layer compiled only for `wasm32`.
//!
//! Data flows one way: bytes → [`ingest`] (decode, split records, infer the schema) →
//! [`dataset`] (mergeable accumulators for surveys, typed columns for row-per-fact kinds) → [`metrics`] (results that carry their
//! definitions) → [`report`] (serialisable, camelCase).
//!
//! ```
//! use engagement_metrics::metrics::survey::{nps_from_scores, NpsOptions};
//! let r = nps_from_scores(&[10.0, 9.0, 8.0, 7.0, 6.0, 0.0], &NpsOptions::default()).unwrap();
//! assert_eq!(r.score, Some(0.0));
//! assert_eq!((r.promoters, r.passives, r.detractors), (2, 2, 2));
//! ```
//!
//! Streaming a file in chunks:
//!
//! ```
//! use engagement_metrics::{Analyzer, AnalyzeOptions, Report};
//! let mut a = Analyzer::new(AnalyzeOptions::default()).unwrap();
//! a.push(b"nps,date\n10,2024-01-05\n").unwrap();
//! a.push(b"3,2024-02-01\n").unwrap();
//! let Report::Survey(r) = a.finish().unwrap() else { panic!("not a survey") };
//! assert_eq!(r.overall.nps.as_ref().unwrap().score, Some(0.0));
//! assert_eq!(r.periods.len(), 2);
//! ```

pub mod analyze;
pub mod api;
pub mod calculators;
pub mod dataset;
pub mod error;
pub mod ingest;
pub mod metrics;
pub mod options;
pub mod period;
pub mod report;
pub mod stats;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;
pub mod vocab;
pub mod wire;
pub mod work;

/// JavaScript bindings (wasm32 only); public so that wasm-bindgen-test can exercise them.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use analyze::{analyze, inspect, Analyzer, Partial, Plan, Progress};
pub use error::{Error, Result, Warning};
pub use options::AnalyzeOptions;
pub use report::Report;
pub use report::{Schema, SchemaProblem};
