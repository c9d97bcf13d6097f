//! The shape every reported number takes: value, interval, sample size and definition.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::stats::Interval;
use crate::vocab::{Metric, Unit, Variant};

/// Below this many answers a figure is flagged as a small sample.
pub const SMALL_SAMPLE: u64 = 30;

/// A parameter of a definition (a threshold, a scale bound, a named choice).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum Param {
    Number(f64),
    Text(String),
}

impl From<f64> for Param {
    fn from(v: f64) -> Self {
        Param::Number(v)
    }
}
impl From<i32> for Param {
    fn from(v: i32) -> Self {
        Param::Number(v as f64)
    }
}
impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(v.to_string())
    }
}

/// How a figure was computed: which metric, which variant, the formula, the parameters.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Definition {
    pub metric: Metric,
    pub variant: Variant,
    pub formula: String,
    pub unit: Unit,
    pub params: BTreeMap<&'static str, Param>,
}

impl Definition {
    pub fn new(metric: Metric, variant: Variant, unit: Unit, formula: impl Into<String>) -> Self {
        Definition {
            metric,
            variant,
            formula: formula.into(),
            unit,
            params: BTreeMap::new(),
        }
    }

    pub fn param(mut self, key: &'static str, value: impl Into<Param>) -> Self {
        self.params.insert(key, value.into());
        self
    }
}

/// One reported number. `value` is `null` (with `unavailableReason`) when undefined, never NaN.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    /// Number of answers (or units) the figure is computed from.
    pub n: u64,
    pub interval: Option<Interval>,
    pub small_sample: bool,
    pub definition: Definition,
}

impl Figure {
    pub fn new(
        value: Option<f64>,
        n: u64,
        interval: Option<Interval>,
        definition: Definition,
    ) -> Self {
        let value = value.filter(|v| v.is_finite());
        Figure {
            unavailable_reason: value.is_none().then(|| {
                if n == 0 {
                    "no answers".to_string()
                } else {
                    "not defined for these answers".to_string()
                }
            }),
            value,
            n,
            interval,
            small_sample: n < SMALL_SAMPLE,
            definition,
        }
    }

    /// The share k / n in percent, with its Wilson interval likewise.
    pub fn share(k: u64, n: u64, level: f64, definition: Definition) -> Self {
        let value = (n > 0).then(|| 100.0 * k as f64 / n as f64);
        Figure::new(value, n, percent_interval(k, n, level), definition)
    }
}

/// The Wilson interval of k / n, in percent.
pub fn percent_interval(k: u64, n: u64, level: f64) -> Option<Interval> {
    crate::stats::wilson_interval(k, n, level).map(|i| i.scaled(100.0))
}
