//! A/B tests from counts (visitors and conversions per variant, optionally the mean and
//! standard deviation of revenue per visitor) or from rows (variant, converted, revenue).
//! The first variant is the control; every other one is compared with it: conversion with
//! Wilson intervals, absolute and relative lift with intervals, the two-proportion z-test;
//! revenue per visitor with Welch's t-test; Holm's correction when more than one variant is
//! compared; a plain verdict at the chosen level.

use crate::vocab::Correction;
use crate::vocab::{Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::metrics::figure::{Definition, SMALL_SAMPLE};
use crate::stats::significance::{holm, two_proportions, welch, Comparison, Sample};
use crate::stats::{wilson_interval, Interval};

#[derive(Debug, Clone, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
#[ts(rename = "AbVariantCounts")]
pub struct VariantCounts {
    pub name: String,
    pub visitors: f64,
    pub conversions: f64,
    /// Mean revenue per visitor, with its standard deviation (n − 1), for Welch's test.
    pub revenue_mean: Option<f64>,
    pub revenue_sd: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct AbInput {
    pub variants: Vec<VariantCounts>,
    /// Confidence level (default 0.95); the significance level is 1 − confidence.
    pub confidence: Option<f64>,
}

/// One row of a per-visitor export.
#[derive(Debug, Clone, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct AbRow {
    pub variant: String,
    pub converted: bool,
    pub revenue: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AbVariantResult")]
pub struct VariantResult {
    pub name: String,
    pub visitors: u64,
    pub conversions: u64,
    pub conversion_rate: Option<f64>,
    pub interval: Option<Interval>,
    pub small_sample: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub revenue_mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AbVariantComparison")]
pub struct VariantComparison {
    pub variant: String,
    pub conversion: Option<Comparison>,
    /// Holm-adjusted p-value (the raw one when a single variant is compared).
    pub adjusted_p_value: Option<f64>,
    pub significant: bool,
    pub revenue: Option<Comparison>,
    pub verdict: String,
    /// Why the conversion test is not given: too few visitors or conversions for it.
    pub unavailable_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AbResult {
    pub control: String,
    pub confidence: f64,
    pub variants: Vec<VariantResult>,
    pub comparisons: Vec<VariantComparison>,
    /// "holm" when several variants are compared with the control, else "none".
    pub correction: Correction,
    pub caution: &'static str,
    pub definition: Definition,
}

const CAUTION: &str = "Fix the sample size before the test (the sample-size calculator) and read the result once it is reached: looking repeatedly and stopping at the first significant result raises the false-positive rate well above the chosen level.";

/// A whole count ≥ 0, or an error naming the field.
pub fn whole(field: &str, v: f64) -> Result<u64> {
    crate::stats::whole_count(v).ok_or_else(|| Error::option(field, "must be a whole number ≥ 0"))
}

pub fn ab_test(input: &AbInput) -> Result<AbResult> {
    let level = crate::metrics::survey::check_confidence(input.confidence.unwrap_or(0.95))?;
    if input.variants.len() < 2 {
        return Err(Error::option(
            "variants",
            "needs a control and at least one variant",
        ));
    }
    let mut variants = Vec::new();
    for (i, v) in input.variants.iter().enumerate() {
        let n = whole(&format!("variants[{i}].visitors"), v.visitors)?;
        let x = whole(&format!("variants[{i}].conversions"), v.conversions)?;
        if x > n {
            return Err(Error::option(
                &format!("variants[{i}].conversions"),
                "cannot exceed the visitors",
            ));
        }
        variants.push(VariantResult {
            name: v.name.clone(),
            visitors: n,
            conversions: x,
            conversion_rate: (n > 0).then(|| x as f64 / n as f64),
            interval: wilson_interval(x, n, level),
            small_sample: n < SMALL_SAMPLE,
            revenue_mean: v.revenue_mean,
        });
    }
    let a = &variants[0];
    let revenue = |i: usize| {
        let v = &input.variants[i];
        Some(Sample {
            mean: v.revenue_mean?,
            sd: v.revenue_sd?,
            n: variants[i].visitors as f64,
        })
    };
    let mut comparisons: Vec<VariantComparison> = (1..variants.len())
        .map(|i| {
            let b = &variants[i];
            // The z-test needs 5 expected conversions and non-conversions in each variant.
            let enough = crate::stats::enough::enough_proportions(
                a.conversions as f64,
                a.visitors as f64,
                b.conversions as f64,
                b.visitors as f64,
            );
            VariantComparison {
                variant: b.name.clone(),
                conversion: enough.as_ref().ok().and_then(|()| {
                    two_proportions(a.conversions, a.visitors, b.conversions, b.visitors, level)
                }),
                unavailable_reason: enough.err(),
                adjusted_p_value: None,
                significant: false,
                revenue: revenue(0)
                    .zip(revenue(i))
                    .and_then(|(ra, rb)| welch(ra, rb, level)),
                verdict: String::new(),
            }
        })
        .collect();
    let raw: Vec<f64> = comparisons
        .iter()
        .map(|c| c.conversion.as_ref().map_or(1.0, |x| x.p_value))
        .collect();
    let adjusted = if raw.len() > 1 { holm(&raw) } else { raw };
    let alpha = 1.0 - level;
    for (c, p) in comparisons.iter_mut().zip(adjusted) {
        c.adjusted_p_value = c.conversion.as_ref().map(|_| p);
        c.significant = c.conversion.is_some() && p < alpha;
        c.verdict = verdict(&a.name, c, p, level);
    }
    Ok(AbResult {
        control: a.name.clone(),
        confidence: level,
        correction: if comparisons.len() > 1 { Correction::Holm } else { Correction::None },
        variants,
        comparisons,
        caution: CAUTION,
        definition: Definition::new(
            Metric::AbTest,
            Variant::TwoProportionZ,
            Unit::Ratio,
            "conversion = conversions / visitors (Wilson interval); lift = B − A (Wald interval) and B / A − 1 (log-ratio interval); p from the pooled two-proportion z-test, Holm-adjusted when several variants are compared; revenue per visitor by Welch's t-test; significant when p < 1 − confidence",
        )
        .param("confidence", level),
    })
}

fn verdict(control: &str, c: &VariantComparison, p: f64, level: f64) -> String {
    let Some(k) = &c.conversion else {
        return match &c.unavailable_reason {
            Some(reason) => format!("No verdict for {}: {reason}.", c.variant),
            None => "No comparison: a variant has no visitors.".to_string(),
        };
    };
    let pts = |v: f64| format!("{:+.2} points", 100.0 * v);
    let ci = k
        .difference_interval
        .map(|i| {
            format!(
                " ({:.0}% interval {} to {})",
                100.0 * level,
                pts(i.low),
                pts(i.high)
            )
        })
        .unwrap_or_default();
    if c.significant {
        let dir = if k.difference > 0.0 {
            "better"
        } else {
            "worse"
        };
        format!(
            "{} converts {dir} than {control}: {}{ci}, p = {:.4}, significant at the {:.0}% level.",
            c.variant,
            pts(k.difference),
            p,
            100.0 * level
        )
    } else {
        format!(
            "No significant difference between {} and {control} at the {:.0}% level: {}{ci}, p = {:.4}. This is not evidence that they are equal; the test may be too small.",
            c.variant,
            100.0 * level,
            pts(k.difference),
            p
        )
    }
}

/// Counts (and revenue mean and sd per variant) from per-visitor rows, variants in order of
/// first appearance (the first is the control).
pub fn counts_from_rows(rows: &[AbRow]) -> Vec<VariantCounts> {
    let mut order: Vec<String> = Vec::new();
    let mut acc: std::collections::HashMap<&str, (f64, f64, Vec<f64>)> = Default::default();
    for r in rows {
        if !acc.contains_key(r.variant.as_str()) {
            order.push(r.variant.clone());
        }
        let e = acc.entry(r.variant.as_str()).or_default();
        e.0 += 1.0;
        e.1 += r.converted as u8 as f64;
        if let Some(v) = r.revenue.filter(|v| v.is_finite()) {
            e.2.push(v);
        }
    }
    order
        .into_iter()
        .map(|name| {
            let (n, x, rev) = &acc[name.as_str()];
            // Revenue per visitor: visitors without a revenue value count as 0.
            let with_zeros = rev.len() as f64 > 0.0;
            let (mean, sd) = if with_zeros && *n >= 2.0 {
                let sum = crate::stats::exact_sum(rev.iter().copied());
                let mean = sum / n;
                let ss: f64 = crate::stats::exact_sum(rev.iter().map(|v| (v - mean).powi(2)))
                    + (n - rev.len() as f64) * mean * mean;
                (Some(mean), Some((ss / (n - 1.0)).sqrt()))
            } else {
                (None, None)
            };
            VariantCounts {
                name,
                visitors: *n,
                conversions: *x,
                revenue_mean: mean,
                revenue_sd: sd,
            }
        })
        .collect()
}
