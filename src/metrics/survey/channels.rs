//! Overall CSAT across channels as each channel's top-box CSAT weighted by its share of
//! interactions (the named variant next to the pooled, response-weighted CSAT).

use serde::Serialize;

use super::groups::SurveyParams;
use crate::dataset::survey::SurveyCounts;
use crate::error::Warning;
use crate::metrics::figure::{Definition, SMALL_SAMPLE};
use crate::stats::{normal_quantile, Interval};
use crate::vocab::{IntervalMethod, Metric, Unit, Variant, WarningCode};

crate::vocab::vocabulary! {
    /// What weights each channel's CSAT.
    pub enum Weighting {
        /// The channel's share of the file's rows (default).
        RowShare = "rowShare",
        /// The interaction counts given in `channelWeights`.
        SuppliedInteractions = "suppliedInteractions",
    }
}

/// Overall CSAT as each channel's top-box CSAT weighted by its share of interactions.
pub fn channel_weighted(
    groups: &[(String, SurveyCounts)],
    column: &str,
    pooled: Option<f64>,
    params: &SurveyParams,
    warnings: &mut Vec<Warning>,
) -> ChannelWeightedCsat {
    let p = &params.csat;
    let supplied = params.channel_weights.as_ref();
    let mut channels = Vec::new();
    for (name, acc) in groups {
        let h = &acc.hist[1];
        let n = h.n();
        let sat = h.count_between(p.satisfied_min, p.scale.max);
        let interactions = match supplied {
            Some(w) => w.get(name.as_str()).copied(),
            None => Some(acc.rows as f64),
        };
        if supplied.is_some() && interactions.is_none() {
            warnings.push(Warning {
                code: WarningCode::ChannelWeightMissing,
                message: format!("no interaction count was given for channel `{name}`; it is left out of the weighted CSAT"),
            });
        }
        channels.push(ChannelCsat {
            channel: (*name).clone(),
            rows: acc.rows,
            responses: n,
            csat: (n > 0).then(|| 100.0 * sat as f64 / n as f64),
            interactions,
            weight: None,
        });
    }
    if let Some(w) = supplied {
        for name in w.keys() {
            if !channels.iter().any(|c| &c.channel == name) {
                warnings.push(Warning {
                    code: WarningCode::ChannelWeightUnused,
                    message: format!("an interaction count was given for channel `{name}`, which is not in column `{column}`"),
                });
            }
        }
    }
    // Weights over channels that have both a CSAT and an interaction count.
    let total = crate::stats::exact_sum(
        channels
            .iter()
            .filter(|c| c.csat.is_some())
            .filter_map(|c| c.interactions)
            .filter(|v| v.is_finite() && *v > 0.0),
    );
    let mut value = 0.0;
    let mut var = 0.0;
    for c in &mut channels {
        if let (Some(csat), Some(i)) = (c.csat, c.interactions) {
            if total > 0.0 && i.is_finite() && i > 0.0 {
                let w = i / total;
                c.weight = Some(w);
                value += w * csat;
                let q = csat / 100.0;
                var += w * w * q * (1.0 - q) / c.responses as f64;
            }
        }
    }
    let defined = total > 0.0;
    let level = p.level;
    let interval = if defined {
        normal_quantile(1.0 - (1.0 - level) / 2.0).map(|z| {
            let half = 100.0 * z * var.sqrt();
            Interval {
                low: (value - half).max(0.0),
                high: (value + half).min(100.0),
                level,
                method: IntervalMethod::Normal,
            }
        })
    } else {
        None
    };
    let weighting = if supplied.is_some() {
        Weighting::SuppliedInteractions
    } else {
        Weighting::RowShare
    };
    let responses: u64 = channels
        .iter()
        .filter(|c| c.weight.is_some())
        .map(|c| c.responses)
        .sum();
    ChannelWeightedCsat {
        value: defined.then_some(value),
        unavailable_reason: (!defined).then(|| "no channel has both CSAT answers and interactions".to_string()),
        interval,
        pooled,
        weighting,
        column: column.to_string(),
        small_sample: responses < SMALL_SAMPLE,
        channels,
        definition: Definition::new(
            Metric::Csat,
            Variant::ChannelWeighted,
            Unit::Percent,
            "Σ over channels of weight × channel top-box CSAT; weight = channel interactions / Σ interactions \
             (interactions = the channel's rows in the file, blank answers included, unless counts are supplied); \
             interval from Var = Σ w² p(1 − p) / n",
        )
        .param("weighting", weighting.name())
        .param("satisfiedMin", p.satisfied_min)
        .param("scaleMin", p.scale.min)
        .param("scaleMax", p.scale.max)
        .param("confidence", level),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCsat {
    pub channel: String,
    pub rows: u64,
    pub responses: u64,
    /// Top-box CSAT of the channel, percent.
    pub csat: Option<f64>,
    /// Interactions used for the weight (rows, or the supplied count).
    pub interactions: Option<f64>,
    /// Weight in the overall figure (0–1); `null` when the channel is left out.
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ChannelWeightedCsat {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    pub interval: Option<Interval>,
    /// Pooled top-box CSAT over all answers (Σ satisfied / Σ responses), for comparison.
    pub pooled: Option<f64>,
    pub weighting: Weighting,
    pub column: String,
    pub small_sample: bool,
    pub channels: Vec<ChannelCsat>,
    pub definition: Definition,
}
