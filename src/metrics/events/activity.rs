//! Active users: DAU, trailing WAU / MAU ending each day, stickiness, and the distribution of
//! active days per user in a period. A user is active on a local day when they have at least
//! one event that day.

use serde::Serialize;

use crate::dataset::events::EventLog;
use crate::period::{day_label, Periodizer};

/// Per user, their distinct active days in order.
pub fn active_days(log: &EventLog) -> Vec<Vec<i64>> {
    (0..log.n_users())
        .map(|u| {
            let mut days: Vec<i64> = Vec::new();
            for i in log.rows_of(u) {
                if days.last() != Some(&log.day[i]) {
                    days.push(log.day[i]);
                }
            }
            days
        })
        .collect()
}

/// One day of the activity series.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DayActivity {
    pub date: String,
    pub dau: u64,
    /// Distinct users active in the `wauDays` days ending this day.
    pub wau: u64,
    /// Distinct users active in the `mauDays` days ending this day.
    pub mau: u64,
    /// DAU / MAU.
    pub stickiness: Option<f64>,
}

/// Users active in the trailing window of `w` days ending each day of `[d0, d1]`: each active
/// day `a` of a user covers days `a ..= a + w − 1`, cut where their next active day starts
/// covering, so a user is counted once per day.
pub fn trailing(days: &[Vec<i64>], d0: i64, d1: i64, w: i64) -> Vec<u64> {
    let len = (d1 - d0 + 1) as usize;
    let mut diff = vec![0i64; len + 1];
    for ds in days {
        for (k, &a) in ds.iter().enumerate() {
            let mut end = a + w - 1;
            if let Some(&next) = ds.get(k + 1) {
                end = end.min(next - 1);
            }
            let (s, e) = ((a - d0) as usize, ((end.min(d1)) - d0) as usize);
            diff[s] += 1;
            diff[e + 1] -= 1;
        }
    }
    let mut out = Vec::with_capacity(len);
    let mut run = 0i64;
    for d in diff.iter().take(len) {
        run += d;
        out.push(run as u64);
    }
    out
}

pub fn daily(days: &[Vec<i64>], d0: i64, d1: i64, wau: u32, mau: u32) -> Vec<DayActivity> {
    let dau = trailing(days, d0, d1, 1);
    let w = trailing(days, d0, d1, wau as i64);
    let m = trailing(days, d0, d1, mau as i64);
    (0..dau.len())
        .map(|k| DayActivity {
            date: day_label(d0 + k as i64),
            dau: dau[k],
            wau: w[k],
            mau: m[k],
            stickiness: (m[k] > 0).then(|| dau[k] as f64 / m[k] as f64),
        })
        .collect()
}

/// How many users were active on 1, 2, … days of a period.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ActiveDaysDistribution {
    pub period: String,
    pub active_users: u64,
    /// `users[k]` = users active on exactly k + 1 days of the period.
    pub users: Vec<u64>,
    pub mean_active_days: Option<f64>,
}

pub fn active_days_distribution(days: &[Vec<i64>], p: &Periodizer) -> Vec<ActiveDaysDistribution> {
    let mut per: std::collections::BTreeMap<i64, Vec<u64>> = Default::default();
    for ds in days {
        let mut k = 0;
        while k < ds.len() {
            let start = p.start_of_period_for_day(ds[k]);
            let mut j = k;
            while j < ds.len() && p.start_of_period_for_day(ds[j]) == start {
                j += 1;
            }
            let hist = per.entry(start).or_default();
            let n = j - k;
            if hist.len() < n {
                hist.resize(n, 0);
            }
            hist[n - 1] += 1;
            k = j;
        }
    }
    per.into_iter()
        .map(|(start, users)| {
            let total: u64 = users.iter().sum();
            let days: u64 = users
                .iter()
                .enumerate()
                .map(|(k, c)| (k as u64 + 1) * c)
                .sum();
            ActiveDaysDistribution {
                period: p.label(start),
                active_users: total,
                mean_active_days: (total > 0).then(|| days as f64 / total as f64),
                users,
            }
        })
        .collect()
}
