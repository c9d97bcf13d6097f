//! Report time zones and calendar periods (day, ISO week, month, quarter, year).
//!
//! All instants are i64 epoch seconds (UTC). A period is identified by the local calendar date
//! its first day starts on, in the report time zone. There is no clock here: the observation
//! window always comes from the data or from options.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone};

use crate::error::{Error, Result};

/// The time zone periods are computed in, and in which naive timestamps are read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReportTz {
    Utc,
    Fixed(FixedOffset),
    Named(chrono_tz::Tz),
}

impl ReportTz {
    /// Parses `UTC`/`Z`, an offset (`+02:00`, `-0530`, `+02`) or an IANA name (`Europe/Paris`).
    pub fn parse(name: &str) -> Result<Self> {
        let s = name.trim();
        if s.eq_ignore_ascii_case("utc") || s == "Z" || s.eq_ignore_ascii_case("gmt") {
            return Ok(ReportTz::Utc);
        }
        if let Some(off) = parse_offset(s.strip_prefix("UTC").unwrap_or(s)) {
            return Ok(if off == 0 {
                ReportTz::Utc
            } else {
                ReportTz::Fixed(FixedOffset::east_opt(off).ok_or_else(|| {
                    Error::UnknownTimezone {
                        name: name.to_string(),
                    }
                })?)
            });
        }
        s.parse::<chrono_tz::Tz>()
            .map(ReportTz::Named)
            .map_err(|_| Error::UnknownTimezone {
                name: name.to_string(),
            })
    }

    pub fn name(&self) -> String {
        match self {
            ReportTz::Utc => "UTC".to_string(),
            ReportTz::Fixed(o) => o.to_string(),
            ReportTz::Named(tz) => tz.name().to_string(),
        }
    }

    /// Offset east of UTC, in seconds, at the instant `epoch`.
    pub fn offset_at(&self, epoch: i64) -> i32 {
        match self {
            ReportTz::Utc => 0,
            ReportTz::Fixed(o) => o.local_minus_utc(),
            ReportTz::Named(tz) => match chrono::DateTime::from_timestamp(epoch, 0) {
                Some(dt) => tz
                    .offset_from_utc_datetime(&dt.naive_utc())
                    .fix()
                    .local_minus_utc(),
                None => 0,
            },
        }
    }

    /// Epoch seconds of a local wall-clock time in this zone. In a DST fold (the hour that
    /// happens twice) the earlier instant is taken; in a DST gap (an hour that never happens)
    /// the time is moved forward by the length of the gap, as most calendar software does.
    pub fn local_to_epoch(&self, local: NaiveDateTime) -> i64 {
        let naive = local.and_utc().timestamp();
        match self {
            ReportTz::Utc => naive,
            ReportTz::Fixed(o) => naive - o.local_minus_utc() as i64,
            ReportTz::Named(tz) => match tz.from_local_datetime(&local) {
                chrono::LocalResult::Single(dt) => dt.timestamp(),
                chrono::LocalResult::Ambiguous(a, _) => a.timestamp(),
                chrono::LocalResult::None => {
                    // Offset before the gap, applied to the wall time, lands past the gap.
                    let before = self.offset_at(naive - 86_400) as i64;
                    naive - before
                }
            },
        }
    }

    /// Local calendar day number (days since 1970-01-01 in this zone) of an instant.
    pub fn local_day(&self, epoch: i64) -> i64 {
        (epoch + self.offset_at(epoch) as i64).div_euclid(86_400)
    }
}

/// Parses `+HH:MM`, `+HHMM`, `+HH` (and `-…`) into seconds east of UTC.
pub(crate) fn parse_offset(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: Vec<u8> = b[1..].iter().copied().filter(|c| *c != b':').collect();
    if !digits.iter().all(u8::is_ascii_digit) || b[1..].iter().filter(|c| **c == b':').count() > 1 {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (num(&digits[0..2]), 0),
        4 => (num(&digits[0..2]), num(&digits[2..4])),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

fn num(d: &[u8]) -> i32 {
    d.iter().fold(0, |a, c| a * 10 + (c - b'0') as i32)
}

/// RFC 3339 (UTC) text of epoch seconds.
pub fn rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

/// Most periods a cohort matrix is built for (periods² cells).
pub const MAX_PERIODS: usize = 1000;

/// The ordered period starts covering a span of local days, and the period of a day (shared by
/// the event and revenue cohorts and the revenue series).
pub struct Periods {
    pub starts: Vec<i64>,
}

impl Periods {
    pub fn new(p: &Periodizer, first_day: i64, last_day: i64) -> Self {
        let mut starts = Vec::new();
        let mut s = p.start_of_period_for_day(first_day);
        while s <= last_day {
            starts.push(s);
            s = p.next_period_day(s);
        }
        Periods { starts }
    }

    /// Index of the period containing local day `day`.
    pub fn index(&self, day: i64) -> usize {
        self.starts.partition_point(|&s| s <= day).saturating_sub(1)
    }
}

crate::vocab::vocabulary! {
    /// Calendar granularity of a series.
    pub enum Granularity {
        Day = "day",
        Week = "week",
        Month = "month",
        Quarter = "quarter",
        Year = "year",
    }
}

crate::vocab::vocabulary! {
    /// First day of the week for weekly periods (ISO 8601: Monday).
    pub enum WeekStart {
        Monday = "monday",
        Sunday = "sunday",
    }
}

impl Granularity {
    /// Average periods in a (Gregorian) year.
    pub fn per_year(self) -> f64 {
        match self {
            Granularity::Day => 365.2425,
            Granularity::Week => 365.2425 / 7.0,
            Granularity::Month => 12.0,
            Granularity::Quarter => 4.0,
            Granularity::Year => 1.0,
        }
    }

    /// The `granularity` option: a name, or its adverb ("weekly"), in any case.
    pub fn parse_option(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase();
        Granularity::parse(&s)
            .or_else(|| Granularity::parse(s.strip_suffix("ly")?))
            .or_else(|| (s == "daily").then_some(Granularity::Day))
            .ok_or_else(|| {
                Error::option(
                    "granularity",
                    format!("`{s}` is not one of {}", Granularity::names()),
                )
            })
    }
}

/// Maps instants to periods; caches the zone offset per hour so named zones stay cheap per row.
#[derive(Debug, Clone)]
pub struct Periodizer {
    pub tz: ReportTz,
    pub granularity: Granularity,
    pub week_start: WeekStart,
    cache_hour: i64,
    cache_offset: i64,
}

/// 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
const MONDAY_SHIFT: i64 = 3;

impl Periodizer {
    pub fn new(tz: ReportTz, granularity: Granularity, week_start: WeekStart) -> Self {
        Periodizer {
            tz,
            granularity,
            week_start,
            cache_hour: i64::MIN,
            cache_offset: 0,
        }
    }

    /// Local day number of an instant (offset cached per UTC quarter-hour; zone transitions
    /// happen on quarter-hour boundaries in every IANA zone).
    pub fn local_day(&mut self, epoch: i64) -> i64 {
        let slot = epoch.div_euclid(900);
        if slot != self.cache_hour {
            self.cache_hour = slot;
            self.cache_offset = self.tz.offset_at(epoch) as i64;
        }
        (epoch + self.cache_offset).div_euclid(86_400)
    }

    /// Local day number of the first day of the period containing `epoch`.
    pub fn period_start_day(&mut self, epoch: i64) -> i64 {
        let day = self.local_day(epoch);
        self.start_of_period_for_day(day)
    }

    pub fn start_of_period_for_day(&self, day: i64) -> i64 {
        match self.granularity {
            Granularity::Day => day,
            Granularity::Week => {
                let shift = match self.week_start {
                    WeekStart::Monday => MONDAY_SHIFT,
                    WeekStart::Sunday => MONDAY_SHIFT + 1,
                };
                day - (day + shift).rem_euclid(7)
            }
            Granularity::Month | Granularity::Quarter | Granularity::Year => {
                let d = date_of_day(day);
                let month0 = match self.granularity {
                    Granularity::Month => d.month0(),
                    Granularity::Quarter => d.month0() / 3 * 3,
                    _ => 0,
                };
                day_of_ymd(d.year(), month0 + 1, 1)
            }
        }
    }

    /// Day number of the first day of the next period.
    pub fn next_period_day(&self, start: i64) -> i64 {
        match self.granularity {
            Granularity::Day => start + 1,
            Granularity::Week => start + 7,
            g => {
                let d = date_of_day(start);
                let months = match g {
                    Granularity::Month => 1,
                    Granularity::Quarter => 3,
                    _ => 12,
                };
                let total = d.year() * 12 + d.month0() as i32 + months;
                day_of_ymd(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
            }
        }
    }

    /// Human label: `2024-01-15` (day, and week by its first day), `2024-01`, `2024-Q1`, `2024`.
    pub fn label(&self, start: i64) -> String {
        let d = date_of_day(start);
        match self.granularity {
            Granularity::Day | Granularity::Week => day_label(start),
            Granularity::Month => d.format("%Y-%m").to_string(),
            Granularity::Quarter => format!("{}-Q{}", d.year(), d.month0() / 3 + 1),
            Granularity::Year => format!("{}", d.year()),
        }
    }

    /// A period's bounds as RFC 3339 local times in the report zone: [start, end).
    pub fn bounds(&self, start: i64) -> (String, String) {
        let end = self.next_period_day(start);
        (self.local_midnight(start), self.local_midnight(end))
    }

    fn local_midnight(&self, day: i64) -> String {
        let naive = date_of_day(day).and_hms_opt(0, 0, 0).unwrap_or_default();
        let epoch = self.tz.local_to_epoch(naive);
        let off = self.tz.offset_at(epoch);
        let fixed = FixedOffset::east_opt(off).unwrap_or_else(|| FixedOffset::east_opt(0).unwrap());
        match chrono::DateTime::from_timestamp(epoch, 0) {
            Some(dt) => dt.with_timezone(&fixed).to_rfc3339(),
            None => String::new(),
        }
    }
}

/// The first or last period of the data when the data cover only part of it (they start after
/// its first day or end before its last), with the days they do cover.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PartialPeriod {
    pub period: String,
    /// First and last covered day (`YYYY-MM-DD`, report time zone).
    pub from: String,
    pub to: String,
}

impl Periodizer {
    /// The periods that data from `first` to `last` (epoch seconds) cover only in part: at most
    /// the first and the last. Days are whole (a day with data counts as covered).
    pub fn partial_periods(&mut self, first: i64, last: i64) -> Vec<PartialPeriod> {
        let (a, b) = (self.local_day(first), self.local_day(last));
        let (p0, pl) = (
            self.start_of_period_for_day(a),
            self.start_of_period_for_day(b),
        );
        let end = |p: i64| self.next_period_day(p) - 1;
        let mut out = Vec::new();
        let mut push = |start: i64, from: i64, to: i64| {
            if from > start || to < end(start) {
                out.push(PartialPeriod {
                    period: self.label(start),
                    from: day_label(from),
                    to: day_label(to),
                });
            }
        };
        if p0 == pl {
            push(p0, a, b);
        } else {
            push(p0, a, end(p0));
            push(pl, pl, b);
        }
        out
    }
}

/// Calendar date of a day number (days since 1970-01-01); clamps to chrono's range.
/// `YYYY-MM-DD` of a day number.
pub fn day_label(day: i64) -> String {
    date_of_day(day).format("%Y-%m-%d").to_string()
}

/// The label of the same period a year earlier: `2023-03` for `2024-03`, `2023-Q1` for
/// `2024-Q1`, and 364 days (52 weeks) before a day or a week's first day, so that weekdays
/// line up (`2024-03-05`, a Tuesday, against `2023-03-07`, a Tuesday). None for a year, whose
/// previous period is already a year earlier.
pub fn year_earlier(label: &str) -> Option<String> {
    if let Some(day) = parse_day(label) {
        return Some(day_label(day - 364));
    }
    let (year, rest) = label.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let valid = match rest.strip_prefix('Q') {
        Some(q) => matches!(q, "1" | "2" | "3" | "4"),
        None => rest.len() == 2 && rest.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
    };
    valid.then(|| format!("{}-{rest}", year - 1))
}

/// Monday = 0 … Sunday = 6 of a day number (1970-01-01 was a Thursday).
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// Day number of a `YYYY-MM-DD` date.
pub fn parse_day(s: &str) -> Option<i64> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    Some(day_of_ymd(d.year(), d.month(), d.day()))
}

pub fn date_of_day(day: i64) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let day = day.clamp(-100_000_000, 100_000_000);
    epoch
        .checked_add_signed(chrono::Duration::days(day))
        .unwrap_or(epoch)
}

/// Day number of a proleptic Gregorian date (Howard Hinnant's days_from_civil; no allocation).
pub fn day_of_ymd(y: i32, m: u32, d: u32) -> i64 {
    let y = y as i64 - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> i64 {
        day_of_ymd(y, m, d)
    }

    #[test]
    fn days_from_civil() {
        assert_eq!(ymd(1970, 1, 1), 0);
        assert_eq!(ymd(2024, 1, 1), 19_723);
        assert_eq!(ymd(2000, 3, 1), 11_017);
        assert_eq!(ymd(1969, 12, 31), -1);
        assert_eq!(
            date_of_day(19_723),
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        );
    }

    #[test]
    fn weeks_start_on_monday_by_default() {
        let p = Periodizer::new(ReportTz::Utc, Granularity::Week, WeekStart::Monday);
        // 2024-01-07 is a Sunday; its ISO week starts Monday 2024-01-01.
        assert_eq!(p.start_of_period_for_day(ymd(2024, 1, 7)), ymd(2024, 1, 1));
        assert_eq!(p.start_of_period_for_day(ymd(2024, 1, 8)), ymd(2024, 1, 8));
        let s = Periodizer::new(ReportTz::Utc, Granularity::Week, WeekStart::Sunday);
        assert_eq!(s.start_of_period_for_day(ymd(2024, 1, 7)), ymd(2024, 1, 7));
        assert_eq!(
            s.start_of_period_for_day(ymd(2024, 1, 6)),
            ymd(2023, 12, 31)
        );
    }

    #[test]
    fn months_quarters_years() {
        let m = Periodizer::new(ReportTz::Utc, Granularity::Month, WeekStart::Monday);
        assert_eq!(m.start_of_period_for_day(ymd(2024, 2, 29)), ymd(2024, 2, 1));
        assert_eq!(m.next_period_day(ymd(2024, 12, 1)), ymd(2025, 1, 1));
        assert_eq!(m.label(ymd(2024, 2, 1)), "2024-02");
        let q = Periodizer::new(ReportTz::Utc, Granularity::Quarter, WeekStart::Monday);
        assert_eq!(q.start_of_period_for_day(ymd(2024, 6, 30)), ymd(2024, 4, 1));
        assert_eq!(q.label(ymd(2024, 4, 1)), "2024-Q2");
        assert_eq!(q.next_period_day(ymd(2024, 10, 1)), ymd(2025, 1, 1));
    }

    #[test]
    fn named_zone_moves_day_boundaries_and_handles_dst() {
        let tz = ReportTz::parse("America/New_York").unwrap();
        // 2024-03-10 04:30 UTC = 2024-03-09 23:30 EST (before the spring-forward change).
        let e = NaiveDate::from_ymd_opt(2024, 3, 10)
            .unwrap()
            .and_hms_opt(4, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(tz.local_day(e), ymd(2024, 3, 9));
        // 2024-03-11 03:30 UTC = 2024-03-10 23:30 EDT (after it, offset −4 h).
        assert_eq!(tz.local_day(e + 23 * 3600), ymd(2024, 3, 10));
        // A wall time inside the gap (02:30 on 2024-03-10) moves forward to 03:30 EDT = 07:30 UTC.
        let gap = NaiveDate::from_ymd_opt(2024, 3, 10)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(tz.local_to_epoch(gap), e + 3 * 3600);
        // The fold (01:30 on 2024-11-03 happens twice): the earlier instant, EDT = 05:30 UTC.
        let fold = NaiveDate::from_ymd_opt(2024, 11, 3)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        let want = NaiveDate::from_ymd_opt(2024, 11, 3)
            .unwrap()
            .and_hms_opt(5, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(tz.local_to_epoch(fold), want);
    }

    #[test]
    fn parses_zone_names() {
        assert_eq!(ReportTz::parse("utc").unwrap(), ReportTz::Utc);
        assert_eq!(ReportTz::parse("+00:00").unwrap(), ReportTz::Utc);
        assert_eq!(ReportTz::parse("+05:30").unwrap().offset_at(0), 19_800);
        assert_eq!(ReportTz::parse("-0800").unwrap().offset_at(0), -28_800);
        assert_eq!(
            ReportTz::parse("Europe/Paris").unwrap().name(),
            "Europe/Paris"
        );
        assert_eq!(
            ReportTz::parse("Mars/Olympus").unwrap_err().code(),
            "UNKNOWN_TIMEZONE"
        );
        assert!(ReportTz::parse("+25:00").is_err());
    }

    #[test]
    fn a_year_earlier() {
        assert_eq!(year_earlier("2024-03").as_deref(), Some("2023-03"));
        assert_eq!(year_earlier("2024-Q1").as_deref(), Some("2023-Q1"));
        // 2024-03-05 is a Tuesday; 364 days before, 2023-03-07, is a Tuesday too.
        assert_eq!(year_earlier("2024-03-05").as_deref(), Some("2023-03-07"));
        assert_eq!(year_earlier("2024"), None);
        assert_eq!(year_earlier("2024-13"), None);
        assert_eq!(year_earlier("north"), None);
    }

    #[test]
    fn bounds_are_local() {
        let p = Periodizer::new(
            ReportTz::parse("Europe/Paris").unwrap(),
            Granularity::Month,
            WeekStart::Monday,
        );
        let (s, e) = p.bounds(ymd(2024, 3, 1));
        assert_eq!(s, "2024-03-01T00:00:00+01:00");
        assert_eq!(e, "2024-04-01T00:00:00+02:00");
    }
}
