//! Ordered funnels within a conversion window. For each user: the first occurrence of step 1
//! starts the funnel at t0; each next step is its first occurrence at or after the previous
//! step's time (and after it in the log), no later than t0 + window. A user reaches step k when
//! steps 1..k happened in that order.

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::dataset::events::EventLog;
use crate::metrics::figure::Definition;
use crate::stats::median;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStep {
    pub event: String,
    pub users: u64,
    /// Users at this step / users at the previous step (1 for the first step).
    pub conversion_from_previous: Option<f64>,
    /// Users at this step / users at the first step.
    pub conversion_from_first: Option<f64>,
    /// Users who reached the previous step but not this one (abandonment).
    pub drop_off: u64,
    pub drop_off_rate: Option<f64>,
    /// Median seconds from the previous step, over users who reached this step.
    pub median_seconds_from_previous: Option<f64>,
    /// Wilson interval of `conversionFromFirst` at the report's confidence.
    pub conversion_interval: Option<crate::stats::Interval>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Funnel {
    pub steps: Vec<FunnelStep>,
    /// Users reaching the last step / users entering (the first step).
    pub overall_conversion: Option<f64>,
    pub definition: Definition,
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// `codes[k]`: the event code of step k (`None` when the file has no such event: nobody
/// reaches it).
pub fn funnel(log: &EventLog, names: &[String], codes: &[Option<u32>], window_days: f64) -> Funnel {
    let window = (window_days * 86_400.0).round() as i64;
    let k = codes.len();
    let mut reached = vec![0u64; k];
    let mut gaps: Vec<Vec<f64>> = vec![Vec::new(); k];
    for u in 0..log.n_users() {
        let rows = log.rows_of(u);
        let Some(c0) = codes[0] else { break };
        let Some(start) = rows.clone().find(|&i| log.event[i] == c0) else {
            continue;
        };
        let t0 = log.time[start];
        reached[0] += 1;
        let (mut pos, mut prev_t) = (start, t0);
        for step in 1..k {
            let Some(c) = codes[step] else { break };
            let next = (pos + 1..rows.end)
                .take_while(|&i| log.time[i] <= t0 + window)
                .find(|&i| log.event[i] == c);
            let Some(i) = next else { break };
            reached[step] += 1;
            gaps[step].push((log.time[i] - prev_t) as f64);
            pos = i;
            prev_t = log.time[i];
        }
    }
    let steps = (0..k)
        .map(|s| {
            let prev = if s == 0 { reached[0] } else { reached[s - 1] };
            FunnelStep {
                event: names[s].clone(),
                users: reached[s],
                conversion_from_previous: ratio(reached[s], prev),
                conversion_from_first: ratio(reached[s], reached[0]),
                drop_off: prev - reached[s],
                drop_off_rate: ratio(prev - reached[s], prev),
                median_seconds_from_previous: if s == 0 { None } else { median(&mut gaps[s]) },
                conversion_interval: None,
            }
        })
        .collect();
    Funnel {
        steps,
        overall_conversion: ratio(reached[k - 1], reached[0]),
        definition: Definition::new(
            Metric::Funnel,
            Variant::OrderedWithinWindow,
            Unit::Ratio,
            "per user: first step 1 at t0, then each step's first occurrence after the previous step, at most t0 + window; conversion = users at step / users at step 1",
        )
        .param("windowDays", window_days),
    }
}
