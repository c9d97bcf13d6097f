//! Weekday profile: how a file's rows fall on the days of the week (local days of the report
//! zone), per day of that weekday the data cover, so that a span holding five Mondays and four
//! Sundays compares fairly. Given when the data span at least two weeks.

use serde::Serialize;

use crate::metrics::figure::Definition;
use crate::vocab::{Metric, Unit, Variant};

/// Below this many days covered there is no profile (each weekday at least twice).
pub const MIN_DAYS: i64 = 14;

const NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub use crate::period::weekday;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekdayRow {
    /// "Monday" … "Sunday" (ISO order, Monday first, whatever the week start).
    pub weekday: String,
    /// Dates of this weekday from the first to the last day of the data.
    pub days: u64,
    pub rows: u64,
    /// rows / days.
    pub per_day: Option<f64>,
    /// 100 × rows / all rows.
    pub share: Option<f64>,
    /// perDay / the mean of the seven perDay values (1 = an average day).
    pub index: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekdayProfile {
    pub weekdays: Vec<WeekdayRow>,
    pub definition: Definition,
}

/// The profile of `rows[w]` rows on weekday `w` (Monday = 0) over the local days
/// `first..=last`; None below `MIN_DAYS` days.
pub fn profile(rows: [u64; 7], first: i64, last: i64) -> Option<WeekdayProfile> {
    let span = last - first + 1;
    if span < MIN_DAYS {
        return None;
    }
    let mut days = [0u64; 7];
    for (w, d) in days.iter_mut().enumerate() {
        // Dates of weekday w in first..=last: whole weeks, plus one if w falls in the rest.
        let offset = (w as i64 - weekday(first) as i64).rem_euclid(7);
        *d = ((span - offset + 6) / 7).max(0) as u64;
    }
    let total: u64 = rows.iter().sum();
    let per_day: Vec<Option<f64>> = (0..7)
        .map(|w| (days[w] > 0).then(|| rows[w] as f64 / days[w] as f64))
        .collect();
    let mean = per_day.iter().flatten().sum::<f64>() / 7.0;
    let weekdays = (0..7)
        .map(|w| WeekdayRow {
            weekday: NAMES[w].to_string(),
            days: days[w],
            rows: rows[w],
            per_day: per_day[w],
            share: (total > 0).then(|| 100.0 * rows[w] as f64 / total as f64),
            index: per_day[w].filter(|_| mean > 0.0).map(|p| p / mean),
        })
        .collect();
    Some(WeekdayProfile {
        weekdays,
        definition: Definition::new(
            Metric::WeekdayProfile,
            Variant::Standard,
            Unit::Count,
            "rows per weekday (local days of the report zone) / dates of that weekday from the first to the last day of the data; share = 100 × rows / all rows; index = rows per day / the mean over the seven weekdays (1 = an average day); given when the data span at least 14 days",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_weekdays_dates() {
        // 2024-01-01 (a Monday) to 2024-01-17 (a Wednesday): 17 days, so Monday, Tuesday and
        // Wednesday occur 3 times, the other weekdays twice.
        let first = crate::period::parse_day("2024-01-01").unwrap();
        let last = crate::period::parse_day("2024-01-17").unwrap();
        assert_eq!(weekday(first), 0);
        let p = profile([6, 3, 3, 2, 2, 2, 0], first, last).unwrap();
        let days: Vec<u64> = p.weekdays.iter().map(|r| r.days).collect();
        assert_eq!(days, [3, 3, 3, 2, 2, 2, 2]);
        // Per day 2, 1, 1, 1, 1, 1, 0: mean 1, so Monday's index is 2 and Sunday's 0.
        assert_eq!(p.weekdays[0].per_day, Some(2.0));
        assert_eq!(p.weekdays[0].index, Some(2.0));
        assert_eq!(p.weekdays[6].index, Some(0.0));
        // 18 rows: Monday holds 6 of them.
        assert_eq!(p.weekdays[0].share, Some(100.0 * 6.0 / 18.0));
        assert!(profile([1; 7], first, first + 12).is_none());
    }
}
