//! Trend flags and targets: a period whose headline figure lies outside the robust band of
//! the periods before it, and the gap of each figure to a target the user enters. Each kind
//! names its headline figures (`Headlines`) in the units of the targets.

use crate::vocab::{Direction, Metric};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Target values (`benchmarks: {...}` in AnalyzeOptions), keyed by the metrics that take one
/// ([`Metric::TARGETS`]): NPS in points, shares and rates in percent (0–100), CES and ratings on
/// their scale, the sentiment score on −1…1, money in the file's currency. Each kind reports
/// the gaps of the targets it has a figure for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Benchmarks(pub BTreeMap<Metric, f64>);

impl<'de> Deserialize<'de> for Benchmarks {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, f64>::deserialize(d)?;
        let mut out = BTreeMap::new();
        for (name, target) in raw {
            let metric = Metric::parse(&name)
                .filter(|m| Metric::TARGETS.contains(m))
                .ok_or_else(|| {
                    let names: Vec<&str> = Metric::TARGETS.iter().map(|m| m.name()).collect();
                    serde::de::Error::custom(format!(
                        "unknown target `{name}`; targets: {}",
                        names.join(", ")
                    ))
                })?;
            out.insert(metric, target);
        }
        Ok(Benchmarks(out))
    }
}

/// In TypeScript: an object whose keys are the target metrics (from [`Metric::TARGETS`]).
impl ts_rs::TS for Benchmarks {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Benchmarks".to_string()
    }
    fn inline(_: &ts_rs::Config) -> String {
        let keys: Vec<String> = Metric::TARGETS.iter().map(|m| format!("\"{m}\"")).collect();
        format!("{{ [K in {}]?: number }}", keys.join(" | "))
    }
    fn decl(cfg: &ts_rs::Config) -> String {
        format!("type Benchmarks = {};", Self::inline(cfg))
    }
    fn decl_concrete(cfg: &ts_rs::Config) -> String {
        Self::decl(cfg)
    }
    fn docs() -> Option<String> {
        Some("/**\n * Targets: NPS in points, shares and rates in percent (0–100), CES and ratings on their\n * scale, the sentiment score on −1…1, money in the file's currency.\n */\n".to_string())
    }
    fn output_path() -> Option<std::path::PathBuf> {
        Some("Benchmarks.ts".into())
    }
}

impl Benchmarks {
    /// Every target given is a finite number (a gap is never NaN).
    pub fn check(&self) -> crate::error::Result<()> {
        match self.0.iter().find(|(_, t)| !t.is_finite()) {
            Some((m, _)) => Err(crate::error::Error::option(
                &format!("benchmarks.{m}"),
                "must be a finite number",
            )),
            None => Ok(()),
        }
    }

    /// value − target for each headline (metric, value in the target's unit) with a target.
    pub fn gaps(&self, headlines: &[(Metric, Option<f64>)]) -> Vec<BenchmarkGap> {
        headlines
            .iter()
            .filter_map(|&(metric, value)| {
                let target = *self.0.get(&metric)?;
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

/// A named series of (period, value, n), oldest first: n is what the value rests on (answers,
/// tickets, posts, customers, sessions, texts). A period with fewer than
/// [`crate::stats::enough::MIN_N`] is neither flagged nor part of another period's band.
pub type NamedSeries = (Metric, Vec<(String, Option<f64>, f64)>);

/// A kind's headline figures in the units of `Benchmarks` (percent for shares), overall and
/// per period (oldest first), for its benchmark gaps and trend flags.
pub trait Headlines {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)>;
    fn series(&self) -> Vec<NamedSeries>;
}

/// Trend flags and benchmark gaps of a kind's headline figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Signals {
    pub trend_flags: Vec<TrendFlag>,
    pub benchmarks: Vec<BenchmarkGap>,
}

/// Trend flags of the headline series, the periods in `left_out` (partial ones) neither
/// flagged nor part of a band, and the gaps to the targets.
pub fn signals(m: &impl Headlines, b: &Benchmarks, left_out: &[&str]) -> Signals {
    let mut series = m.series();
    for (_, points) in &mut series {
        for p in points
            .iter_mut()
            .filter(|p| left_out.contains(&p.0.as_str()))
        {
            p.1 = None;
        }
    }
    Signals {
        trend_flags: series_trend_flags(&series),
        benchmarks: b.gaps(&m.headlines()),
    }
}

/// A share in percent (benchmark units).
pub fn percent(r: &crate::metrics::rate::Rate) -> Option<f64> {
    r.value.map(|v| 100.0 * v)
}

/// A period whose value lies outside median ± 3 × 1.4826 × MAD of the trailing periods.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendFlag {
    pub period: String,
    pub metric: Metric,
    pub value: f64,
    pub median: f64,
    pub mad: f64,
    /// (value − median) / (1.4826 × MAD).
    pub robust_z: f64,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkGap {
    pub metric: Metric,
    pub target: f64,
    pub value: Option<f64>,
    /// value − target (for CES, on its scale).
    pub gap: Option<f64>,
}

/// Trailing periods a flag looks back on, and the fewest it needs.
const WINDOW: usize = 6;
const MIN_TRAILING: usize = 4;
const THRESHOLD: f64 = 3.0;

/// The median by interpolation between closest ranks (of at least one value).
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    crate::stats::quantile(v, 0.5).unwrap_or(f64::NAN)
}

/// Periods whose value lies outside median ± 3 × 1.4826 × MAD of up to 6 trailing periods
/// (at least 4, MAD > 0), per named series; periods resting on too few observations are left
/// out of both.
pub fn series_trend_flags(series: &[NamedSeries]) -> Vec<TrendFlag> {
    let mut flags = Vec::new();
    for (metric, points) in series {
        let values: Vec<Option<f64>> = points
            .iter()
            .map(|p| p.1.filter(|_| p.2 >= crate::stats::enough::MIN_N))
            .collect();
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
                    metric: *metric,
                    value: x,
                    median: m,
                    mad,
                    robust_z: z,
                    direction: if z > 0.0 {
                        Direction::Up
                    } else {
                        Direction::Down
                    },
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
        // Every target given in JSON, each a different value: each is found under its name.
        let json: Vec<String> = Metric::TARGETS
            .iter()
            .enumerate()
            .map(|(i, m)| format!("\"{m}\": {i}"))
            .collect();
        let b: Benchmarks = serde_json::from_str(&format!("{{{}}}", json.join(","))).unwrap();
        for (i, m) in Metric::TARGETS.iter().enumerate() {
            assert_eq!(b.0.get(m), Some(&(i as f64)), "{m}");
        }
        assert!(b.check().is_ok());
        let bad = Benchmarks([(Metric::OpenRate, f64::NAN)].into_iter().collect());
        let e = bad.check().unwrap_err();
        assert!(e.to_string().contains("benchmarks.openRate"), "{e}");
        // A metric without a target, or a misspelt one, is refused with the list of targets.
        for name in ["sessions", "opneRate"] {
            let e = serde_json::from_str::<Benchmarks>(&format!("{{\"{name}\": 1}}")).unwrap_err();
            assert!(
                e.to_string().contains("targets: nps, csat, ces, churnRate"),
                "{e}"
            );
        }
    }
}
