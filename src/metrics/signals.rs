//! Trend flags and targets: a period whose headline figure lies outside the robust band of
//! the periods before it, and the gap of each figure to a target the user enters. Each kind
//! names its headline figures (`Headlines`) in the units of the targets.

use serde::{Deserialize, Serialize};

/// Target values (`benchmarks: {...}` in AnalyzeOptions): NPS in points, shares and rates in
/// percent (0–100), CES and ratings on their scale, the sentiment score on −1…1, money in the
/// file's currency. Each kind reports the gaps of the targets it has a figure for.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Benchmarks {
    pub nps: Option<f64>,
    /// Survey CSAT and the tickets' CSAT share.
    pub csat: Option<f64>,
    pub ces: Option<f64>,
    pub churn_rate: Option<f64>,
    pub retention_rate: Option<f64>,
    pub repeat_purchase_rate: Option<f64>,
    pub average_order_value: Option<f64>,
    pub arpu: Option<f64>,
    pub first_contact_resolution: Option<f64>,
    pub reopen_rate: Option<f64>,
    pub delivery_rate: Option<f64>,
    pub open_rate: Option<f64>,
    pub click_through_rate: Option<f64>,
    pub click_to_open_rate: Option<f64>,
    /// Campaign conversion (per delivered) or event conversion (users).
    pub conversion_rate: Option<f64>,
    pub unsubscribe_rate: Option<f64>,
    /// Email bounces (campaigns) or bounced sessions (events).
    pub bounce_rate: Option<f64>,
    pub activation_rate: Option<f64>,
    pub engagement_rate: Option<f64>,
    pub engagement_rate_by_impressions: Option<f64>,
    pub engagement_rate_by_reach: Option<f64>,
    pub average_rating: Option<f64>,
    pub good_rating_share: Option<f64>,
    pub sentiment_score: Option<f64>,
    pub share_of_voice: Option<f64>,
}

impl Benchmarks {
    /// The metrics a target can be given for.
    pub const METRICS: [&'static str; 25] = [
        "nps",
        "csat",
        "ces",
        "churnRate",
        "retentionRate",
        "repeatPurchaseRate",
        "averageOrderValue",
        "arpu",
        "firstContactResolution",
        "reopenRate",
        "deliveryRate",
        "openRate",
        "clickThroughRate",
        "clickToOpenRate",
        "conversionRate",
        "unsubscribeRate",
        "bounceRate",
        "activationRate",
        "engagementRate",
        "engagementRateByImpressions",
        "engagementRateByReach",
        "averageRating",
        "goodRatingShare",
        "sentimentScore",
        "shareOfVoice",
    ];

    /// Every target given is a finite number (a gap is never NaN).
    pub fn check(&self) -> crate::error::Result<()> {
        match Self::METRICS
            .iter()
            .find(|m| self.target(m).is_some_and(|t| !t.is_finite()))
        {
            Some(m) => Err(crate::error::Error::option(
                &format!("benchmarks.{m}"),
                "must be a finite number",
            )),
            None => Ok(()),
        }
    }

    fn target(&self, metric: &str) -> Option<f64> {
        match metric {
            "nps" => self.nps,
            "csat" => self.csat,
            "ces" => self.ces,
            "churnRate" => self.churn_rate,
            "retentionRate" => self.retention_rate,
            "repeatPurchaseRate" => self.repeat_purchase_rate,
            "averageOrderValue" => self.average_order_value,
            "arpu" => self.arpu,
            "firstContactResolution" => self.first_contact_resolution,
            "reopenRate" => self.reopen_rate,
            "deliveryRate" => self.delivery_rate,
            "openRate" => self.open_rate,
            "clickThroughRate" => self.click_through_rate,
            "clickToOpenRate" => self.click_to_open_rate,
            "conversionRate" => self.conversion_rate,
            "unsubscribeRate" => self.unsubscribe_rate,
            "bounceRate" => self.bounce_rate,
            "activationRate" => self.activation_rate,
            "engagementRate" => self.engagement_rate,
            "engagementRateByImpressions" => self.engagement_rate_by_impressions,
            "engagementRateByReach" => self.engagement_rate_by_reach,
            "averageRating" => self.average_rating,
            "goodRatingShare" => self.good_rating_share,
            "sentimentScore" => self.sentiment_score,
            "shareOfVoice" => self.share_of_voice,
            _ => None,
        }
    }

    /// value − target for each headline (metric, value in the target's unit) with a target.
    pub fn gaps(&self, headlines: &[(&'static str, Option<f64>)]) -> Vec<BenchmarkGap> {
        headlines
            .iter()
            .filter_map(|&(metric, value)| {
                let target = self.target(metric)?;
                Some(BenchmarkGap {
                    metric,
                    target,
                    value,
                    gap: value.map(|v| v - target),
                })
            })
            .collect()
    }
}

/// A named series of (period, value), oldest first.
pub type NamedSeries = (&'static str, Vec<(String, Option<f64>)>);

/// A kind's headline figures in the units of `Benchmarks` (percent for shares), overall and
/// per period (oldest first), for its benchmark gaps and trend flags.
pub trait Headlines {
    fn headlines(&self) -> Vec<(&'static str, Option<f64>)>;
    fn series(&self) -> Vec<NamedSeries>;
}

/// Trend flags and benchmark gaps of a kind's headline figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Signals {
    pub trend_flags: Vec<TrendFlag>,
    pub benchmarks: Vec<BenchmarkGap>,
}

pub fn signals(m: &impl Headlines, b: &Benchmarks) -> Signals {
    Signals {
        trend_flags: series_trend_flags(&m.series()),
        benchmarks: b.gaps(&m.headlines()),
    }
}

/// A share in percent (benchmark units).
pub fn percent(r: &crate::metrics::rate::Rate) -> Option<f64> {
    r.value.map(|v| 100.0 * v)
}

/// A period whose value lies outside median ± 3 × 1.4826 × MAD of the trailing periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendFlag {
    pub period: String,
    pub metric: &'static str,
    pub value: f64,
    pub median: f64,
    pub mad: f64,
    /// (value − median) / (1.4826 × MAD).
    pub robust_z: f64,
    pub direction: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkGap {
    pub metric: &'static str,
    pub target: f64,
    pub value: Option<f64>,
    /// value − target (for CES, on its scale).
    pub gap: Option<f64>,
}

/// Trailing periods a flag looks back on, and the fewest it needs.
const WINDOW: usize = 6;
const MIN_TRAILING: usize = 4;
const THRESHOLD: f64 = 3.0;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    crate::metrics::rate::quantile(v, 0.5).unwrap_or(f64::NAN)
}

/// Periods whose value lies outside median ± 3 × 1.4826 × MAD of up to 6 trailing periods
/// (at least 4, MAD > 0), per named series.
pub fn series_trend_flags(series: &[NamedSeries]) -> Vec<TrendFlag> {
    let mut flags = Vec::new();
    for (metric, points) in series {
        let values: Vec<Option<f64>> = points.iter().map(|p| p.1).collect();
        for t in 0..values.len() {
            let Some(x) = values[t] else { continue };
            let mut trailing: Vec<f64> = values[t.saturating_sub(WINDOW)..t]
                .iter()
                .flatten()
                .copied()
                .collect();
            if trailing.len() < MIN_TRAILING {
                continue;
            }
            let m = median(&mut trailing);
            let mut dev: Vec<f64> = trailing.iter().map(|v| (v - m).abs()).collect();
            let mad = median(&mut dev);
            if mad == 0.0 {
                continue; // no spread to scale by
            }
            let z = (x - m) / (1.4826 * mad);
            if z.abs() > THRESHOLD {
                flags.push(TrendFlag {
                    period: points[t].0.clone(),
                    metric,
                    value: x,
                    median: m,
                    mad,
                    robust_z: z,
                    direction: if z > 0.0 { "up" } else { "down" },
                });
            }
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_name_reads_its_own_field() {
        // All 25 names given in JSON, each a different value: each is found under its name,
        // so the struct, the name list and `target` stay in step.
        let json: Vec<String> = Benchmarks::METRICS
            .iter()
            .enumerate()
            .map(|(i, m)| format!("\"{m}\": {i}"))
            .collect();
        let b: Benchmarks = serde_json::from_str(&format!("{{{}}}", json.join(","))).unwrap();
        for (i, m) in Benchmarks::METRICS.iter().enumerate() {
            assert_eq!(b.target(m), Some(i as f64), "{m}");
        }
        assert!(b.check().is_ok());
        let bad = Benchmarks {
            open_rate: Some(f64::NAN),
            ..Default::default()
        };
        let e = bad.check().unwrap_err();
        assert!(e.to_string().contains("benchmarks.openRate"), "{e}");
    }
}
