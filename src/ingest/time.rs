//! Timestamp parsing: ISO 8601 (with or without offset), date only, `YYYY-MM-DD HH:MM:SS`,
//! `MM/DD/YYYY` / `DD/MM/YYYY` (order decided per column), Unix seconds and milliseconds.
//! Naive times are wall-clock times in the report time zone.

use chrono::{NaiveDate, NaiveTime};

use crate::period::{day_of_ymd, parse_offset, ReportTz};

crate::vocab::vocabulary! {
    /// How a column's timestamps are written.
    pub enum TimeFormat {
        /// Year first: ISO 8601 and its common relatives (`2024-01-31`, `2024/01/31 13:05`).
        Iso = "iso",
        /// Month first: `01/31/2024`.
        Mdy = "mdy",
        /// Day first: `31/01/2024` (also `31.01.2024`).
        Dmy = "dmy",
        /// Seconds since 1970-01-01 UTC.
        UnixSeconds = "unixSeconds",
        /// Milliseconds since 1970-01-01 UTC.
        UnixMillis = "unixMillis",
    }
}

impl TimeFormat {
    /// How the dates are written, with an example.
    pub const fn label(self) -> &'static str {
        match self {
            TimeFormat::Iso => "Year first (2025-01-31)",
            TimeFormat::Mdy => "Month first (01/31/2025)",
            TimeFormat::Dmy => "Day first (31.01.2025, 31/01/2025)",
            TimeFormat::UnixSeconds => "Seconds since 1970",
            TimeFormat::UnixMillis => "Milliseconds since 1970",
        }
    }
}

impl TimeFormat {
    pub fn parse_option(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "iso" | "ymd" => Some(TimeFormat::Iso),
            "mdy" => Some(TimeFormat::Mdy),
            "dmy" => Some(TimeFormat::Dmy),
            "unix" | "unixseconds" | "seconds" => Some(TimeFormat::UnixSeconds),
            "unixmillis" | "millis" | "ms" => Some(TimeFormat::UnixMillis),
            _ => None,
        }
    }
}

/// Instants accepted: 1900-01-01 to 2199-12-31 (UTC). Anything outside is almost surely a
/// typo or a placeholder (0001-01-01), and would stretch every daily series across centuries.
pub const PLAUSIBLE: std::ops::Range<i64> = -2_208_988_800..7_258_118_400;

/// Epoch seconds of `s` written in `format`, naive times read in `tz`. `None` if unparseable
/// or outside [`PLAUSIBLE`].
pub fn parse_timestamp(s: &str, format: TimeFormat, tz: &ReportTz) -> Option<i64> {
    parse_any_timestamp(s, format, tz).filter(|t| PLAUSIBLE.contains(t))
}

/// As [`parse_timestamp`] without the plausibility check (format detection looks at the
/// layout only).
pub fn parse_any_timestamp(s: &str, format: TimeFormat, tz: &ReportTz) -> Option<i64> {
    if format == TimeFormat::Iso {
        if let Some(t) = fixed_iso(s.as_bytes(), tz) {
            return Some(t);
        }
    }
    let s = s.trim();
    match format {
        TimeFormat::UnixSeconds => parse_unix(s, 1),
        TimeFormat::UnixMillis => parse_unix(s, 1000),
        TimeFormat::Iso | TimeFormat::Mdy | TimeFormat::Dmy => {
            let (date, rest) = parse_date(s.as_bytes(), format)?;
            let (secs, offset) = parse_time_and_offset(rest)?;
            let day = day_of_ymd(date.0, date.1, date.2);
            let local = day * 86_400 + secs;
            Some(match offset {
                Some(off) => local - off as i64,
                None => {
                    let nd = NaiveDate::from_ymd_opt(date.0, date.1, date.2)?;
                    let t = NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, 0)?;
                    tz.local_to_epoch(nd.and_time(t))
                }
            })
        }
    }
}

/// Fast path for the commonest layout, `YYYY-MM-DDTHH:MM:SSZ` (or a space for `T`; without
/// the `Z` only when the report zone is UTC). Anything else returns `None` and takes the
/// general parser, which gives the same result for these strings.
fn fixed_iso(b: &[u8], tz: &ReportTz) -> Option<i64> {
    let utc = match b.len() {
        20 if at(b, 19) == b'Z' => true,
        19 if matches!(tz, ReportTz::Utc) => true,
        _ => return None,
    };
    if !(utc
        && at(b, 4) == b'-'
        && at(b, 7) == b'-'
        && matches!(at(b, 10), b'T' | b' ')
        && at(b, 13) == b':'
        && at(b, 16) == b':')
    {
        return None;
    }
    let num = |i: usize, n: usize| -> Option<u32> {
        b.get(i..i + n)?.iter().try_fold(0u32, |a, &c| {
            c.is_ascii_digit().then(|| a * 10 + (c - b'0') as u32)
        })
    };
    let (y, mo, d) = (num(0, 4)? as i32, num(5, 2)?, num(8, 2)?);
    let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo)
        || d == 0
        || d > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || sec > 59
    {
        return None;
    }
    Some(day_of_ymd(y, mo, d) * 86_400 + (h * 3600 + mi * 60 + sec) as i64)
}

fn parse_unix(s: &str, divisor: i64) -> Option<i64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) if f.bytes().all(|c| c.is_ascii_digit()) => (i, f),
        Some(_) => return None,
        None => (s, ""),
    };
    let _ = frac; // sub-second precision is not used by any metric
    if int.is_empty() || int.len() > 15 || !int.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v: i64 = int.parse().ok()?;
    // 0 is a placeholder, not 1970 (negative values were refused above).
    if v == 0 {
        return None;
    }
    Some(v.div_euclid(divisor))
}

/// Parses the date part; returns (y, m, d) and the remaining bytes.
type Ymd = (i32, u32, u32);

fn parse_date(b: &[u8], format: TimeFormat) -> Option<(Ymd, &[u8])> {
    let (a, la) = digits(b);
    if la == 0 {
        return None;
    }
    let sep = *b.get(la)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let rest = after(b, la + 1);
    let (m, lm) = digits(rest);
    if lm == 0 || lm > 2 || rest.get(lm) != Some(&sep) {
        return None;
    }
    let rest = after(rest, lm + 1);
    let (c, lc) = digits(rest);
    if lc == 0 {
        return None;
    }
    let tail = after(rest, lc);
    let (y, mo, d) = match format {
        TimeFormat::Iso if la == 4 && lc <= 2 => (a as i32, m, c),
        TimeFormat::Mdy if la <= 2 && lc == 4 => (c as i32, a, m),
        TimeFormat::Dmy if la <= 2 && lc == 4 => (c as i32, m, a),
        _ => return None,
    };
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) {
        return None;
    }
    Some(((y, mo, d), tail))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Leading ASCII digits as a number (at most 9 digits) and how many there were.
fn digits(b: &[u8]) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    while let Some(&c) = b.get(n).filter(|c| n < 9 && c.is_ascii_digit()) {
        v = v * 10 + u32::from(c - b'0');
        n += 1;
    }
    (v, n)
}

/// Parses `[T| ]HH:MM[:SS[.fff]][ ][Z|±HH[:MM]|UTC|GMT]`; returns seconds after midnight and
/// the offset east of UTC when one is written.
fn parse_time_and_offset(b: &[u8]) -> Option<(i64, Option<i32>)> {
    if b.is_empty() {
        return Some((0, None));
    }
    if !matches!(at(b, 0), b'T' | b't' | b' ') {
        return None;
    }
    let b = trim_start(after(b, 1));
    let (h, lh) = digits(b);
    if lh == 0 || lh > 2 || b.get(lh) != Some(&b':') {
        return None;
    }
    let rest = after(b, lh + 1);
    let (mi, lm) = digits(rest);
    if lm != 2 {
        return None;
    }
    let mut rest = after(rest, 2);
    let mut s = 0;
    if rest.first() == Some(&b':') {
        let (sv, ls) = digits(after(rest, 1));
        if ls != 2 {
            return None;
        }
        s = sv;
        rest = after(rest, 3);
        if matches!(rest.first(), Some(b'.') | Some(b',')) {
            let (_, lf) = digits(after(rest, 1));
            let mut skip = 1 + lf;
            // Fractions longer than 9 digits: skip the rest of the digits too.
            while rest.get(skip).is_some_and(u8::is_ascii_digit) {
                skip += 1;
            }
            rest = after(rest, skip);
        }
    }
    if h > 24 || mi > 59 || s > 60 || (h == 24 && (mi > 0 || s > 0)) {
        return None;
    }
    let secs = (h * 3600 + mi * 60 + s.min(59)) as i64;
    let rest = trim_start(rest);
    let offset = match rest {
        [] => None,
        [b'Z'] | [b'z'] => Some(0),
        _ => {
            let text = std::str::from_utf8(rest).ok()?;
            if text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("gmt") {
                Some(0)
            } else {
                Some(parse_offset(text)?)
            }
        }
    };
    Some((secs, offset))
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| **c == b' ').count();
    after(b, n)
}

/// The byte at `i`, or 0 past the end (0 matches no separator or digit).
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// The bytes after the first `n` (empty past the end).
fn after(b: &[u8], n: usize) -> &[u8] {
    b.get(n..).unwrap_or_default()
}

/// Evidence about the day/month order of slash dates, gathered over a column sample.
#[derive(Debug, Default, Clone, Copy)]
pub struct DateOrderEvidence {
    /// Some first field was > 12, so it can only be a day.
    pub first_is_day: bool,
    /// Some second field was > 12, so it can only be a day.
    pub second_is_day: bool,
    /// Values seen in NN/NN/YYYY form.
    pub seen: u64,
}

impl DateOrderEvidence {
    pub fn observe(&mut self, s: &str) {
        let b = s.trim().as_bytes();
        let (a, la) = digits(b);
        if la == 0 || la > 2 {
            return;
        }
        let Some(&sep) = b.get(la) else { return };
        if !matches!(sep, b'/' | b'.' | b'-') {
            return;
        }
        let (m, lm) = digits(after(b, la + 1));
        if lm == 0 || lm > 2 {
            return;
        }
        self.seen += 1;
        self.first_is_day |= a > 12;
        self.second_is_day |= m > 12;
    }

    /// The order the evidence supports: `Some` when exactly one order fits.
    pub fn decide(&self) -> Option<TimeFormat> {
        match (self.first_is_day, self.second_is_day) {
            (true, false) => Some(TimeFormat::Dmy),
            (false, true) => Some(TimeFormat::Mdy),
            _ => None,
        }
    }
}

#[cfg(test)]
mod fixed_iso_tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_the_general_parser() {
        let tz = ReportTz::Utc;
        for s in [
            "2024-01-31T13:05:09Z",
            "2024-02-29 23:59:59Z",
            "2023-02-29T10:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "1999-12-31 23:59:59",
            "2024-01-01T00:00:60Z",
            "2024-1-01T00:00:00Z",
        ] {
            let general = {
                let st = s.trim();
                let (date, rest) = parse_date(st.as_bytes(), TimeFormat::Iso)
                    .map_or((None, &b""[..]), |(d, r)| (Some(d), r));
                date.and_then(|d| {
                    let (secs, off) = parse_time_and_offset(rest)?;
                    let day = day_of_ymd(d.0, d.1, d.2);
                    Some(day * 86_400 + secs - off.unwrap_or(0) as i64)
                })
            };
            let fast = fixed_iso(s.as_bytes(), &tz);
            if let Some(f) = fast {
                assert_eq!(Some(f), general, "{s}");
            }
            assert_eq!(
                parse_timestamp(s, TimeFormat::Iso, &tz),
                general.or(fast),
                "{s}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Option<i64> {
        parse_timestamp(s, TimeFormat::Iso, &ReportTz::Utc)
    }

    #[test]
    fn iso_forms() {
        let base = 1_704_067_200; // 2024-01-01T00:00:00Z
        assert_eq!(utc("2024-01-01"), Some(base));
        assert_eq!(utc("2024-01-01T01:02:03Z"), Some(base + 3723));
        assert_eq!(utc("2024-01-01 01:02:03"), Some(base + 3723));
        assert_eq!(utc("2024-01-01T01:02"), Some(base + 3720));
        assert_eq!(utc("2024-01-01T01:02:03.123456Z"), Some(base + 3723));
        assert_eq!(utc("2024-01-01T01:02:03+02:00"), Some(base + 3723 - 7200));
        assert_eq!(utc("2024-01-01T01:02:03-0530"), Some(base + 3723 + 19_800));
        assert_eq!(utc("2024-01-01 01:02:03 UTC"), Some(base + 3723));
        assert_eq!(utc("2024/01/01 01:02"), Some(base + 3720));
        assert_eq!(utc("2024-02-30"), None);
        assert_eq!(utc("2024-13-01"), None);
        assert_eq!(utc("2024-01-01T25:00"), None);
        assert_eq!(utc("yesterday"), None);
        assert_eq!(utc("2024-01-01Tx"), None);
        assert_eq!(utc(""), None);
    }

    #[test]
    fn naive_times_use_the_report_zone() {
        let paris = ReportTz::parse("Europe/Paris").unwrap();
        // 2024-07-01 12:00 in Paris (CEST, +2) = 10:00 UTC.
        assert_eq!(
            parse_timestamp("2024-07-01 12:00:00", TimeFormat::Iso, &paris),
            Some(1_719_828_000)
        );
        // An explicit offset wins over the zone.
        assert_eq!(
            parse_timestamp("2024-07-01T12:00:00Z", TimeFormat::Iso, &paris),
            Some(1_719_835_200)
        );
    }

    #[test]
    fn slash_dates_follow_the_column_order() {
        let tz = ReportTz::Utc;
        assert_eq!(
            parse_timestamp("03/04/2024", TimeFormat::Mdy, &tz),
            utc("2024-03-04")
        );
        assert_eq!(
            parse_timestamp("03/04/2024", TimeFormat::Dmy, &tz),
            utc("2024-04-03")
        );
        assert_eq!(
            parse_timestamp("31.12.2024 23:59", TimeFormat::Dmy, &tz),
            utc("2024-12-31T23:59:00Z")
        );
        assert_eq!(parse_timestamp("13/01/2024", TimeFormat::Mdy, &tz), None);
        let mut ev = DateOrderEvidence::default();
        ev.observe("01/02/2024");
        assert_eq!(ev.decide(), None);
        ev.observe("25/02/2024");
        assert_eq!(ev.decide(), Some(TimeFormat::Dmy));
        ev.observe("02/25/2024");
        assert_eq!(ev.decide(), None);
    }

    #[test]
    fn unix_times() {
        let tz = ReportTz::Utc;
        assert_eq!(
            parse_timestamp("1704067200", TimeFormat::UnixSeconds, &tz),
            Some(1_704_067_200)
        );
        assert_eq!(
            parse_timestamp("1704067200999", TimeFormat::UnixMillis, &tz),
            Some(1_704_067_200)
        );
        assert_eq!(parse_timestamp("17e9", TimeFormat::UnixSeconds, &tz), None);
    }
}
