//! Schema inference: profiles each column over a sample of rows, then proposes a role for it
//! (score columns, timestamp, channel, segment, free text, id) with a confidence and a reason.

use super::time::{parse_any_timestamp, DateOrderEvidence, TimeFormat};
use super::value::{is_blank, parse_amount, parse_number, DecimalEvidence, DecimalMark};
use super::words::{
    CHANNEL_WORDS, EMAIL_WORDS, IDENTIFIER_WORDS, ID_SUFFIX, ID_WORDS, INVITATION_WORDS,
    NAME_RULES, QUESTION_WORDS, SCORE_WORDS, TEXT_WORDS, TIME_PREFIXES, TIME_WORDS,
};
use crate::period::ReportTz;

pub use crate::vocab::{Role, ValueType};

/// Statistics of one column over the sample.
#[derive(Debug, Clone, Default)]
pub struct ColumnProfile {
    pub non_blank: u64,
    pub numeric: u64,
    pub integer: u64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub iso_times: u64,
    pub slash_dates: DateOrderEvidence,
    pub distinct: Vec<String>,
    pub distinct_overflow: bool,
    pub total_len: u64,
    /// Values that read as amounts (separators, currency, percent), plain numbers included.
    pub amounts: u64,
    /// Values that read as yes/no flags (true/false, yes/no, y/n, 1/0).
    pub flags: u64,
    pub decimal: DecimalEvidence,
    /// Numbers that read as epoch seconds / milliseconds between 2001 and 2096.
    pub epoch_seconds: u64,
    pub epoch_millis: u64,
}

/// Distinct values tracked per column in the sample.
const DISTINCT_LIMIT: usize = 64;
/// Below this many non-blank values a column named for a channel is one even when its values do
/// not repeat (a channel otherwise needs each value on two rows on average).
const SMALL_FILE_ROWS: u64 = 30;

impl ColumnProfile {
    pub fn observe(&mut self, v: &str) {
        if is_blank(v) {
            return;
        }
        self.non_blank += 1;
        self.total_len += v.len() as u64;
        self.decimal.observe(v);
        if super::value::parse_bool(v).is_some() {
            self.flags += 1;
        }
        if parse_amount(v, DecimalMark::Dot).is_some()
            || parse_amount(v, DecimalMark::Comma).is_some()
        {
            self.amounts += 1;
        }
        if let Some(x) = parse_number(v) {
            self.numeric += 1;
            if x.fract() == 0.0 {
                self.integer += 1;
            }
            if (1e9..4e9).contains(&x) {
                self.epoch_seconds += 1;
            } else if (1e12..4e12).contains(&x) {
                self.epoch_millis += 1;
            }
            self.min = Some(self.min.map_or(x, |m| m.min(x)));
            self.max = Some(self.max.map_or(x, |m| m.max(x)));
        } else if parse_any_timestamp(v, TimeFormat::Iso, &ReportTz::Utc).is_some() {
            self.iso_times += 1;
        } else {
            self.slash_dates.observe(v);
        }
        if !self.distinct_overflow && !self.distinct.iter().any(|d| d == v) {
            if self.distinct.len() < DISTINCT_LIMIT {
                self.distinct.push(v.to_string());
            } else {
                self.distinct_overflow = true;
            }
        }
    }

    fn share(&self, k: u64) -> f64 {
        if self.non_blank == 0 {
            0.0
        } else {
            k as f64 / self.non_blank as f64
        }
    }

    /// True when most values are whole numbers within [lo, hi].
    fn whole_within(&self, lo: f64, hi: f64) -> bool {
        self.share(self.integer) >= 0.9
            && self.min.is_some_and(|m| m >= lo)
            && self.max.is_some_and(|m| m <= hi)
    }

    /// The time format most values fit, if at least `min_share` of non-blank values are
    /// timestamps. `Err(example)` when they are slash dates whose day/month order is ambiguous.
    pub fn time_format(&self, min_share: f64) -> Option<std::result::Result<TimeFormat, String>> {
        if self.non_blank == 0 {
            return None;
        }
        if self.share(self.iso_times) >= min_share {
            return Some(Ok(TimeFormat::Iso));
        }
        if self.share(self.slash_dates.seen) >= min_share {
            return Some(
                self.slash_dates
                    .decide()
                    .ok_or_else(|| self.distinct.first().cloned().unwrap_or_default()),
            );
        }
        // Epoch seconds or milliseconds between 2001 and 2096, by share like the other
        // formats: a placeholder (0, -1) or an odd value is rejected on its row, it does not
        // unmake the column.
        if self.share(self.epoch_seconds) >= min_share.max(0.9) {
            return Some(Ok(TimeFormat::UnixSeconds));
        }
        if self.share(self.epoch_millis) >= min_share.max(0.9) {
            return Some(Ok(TimeFormat::UnixMillis));
        }
        None
    }

    pub fn mean_len(&self) -> f64 {
        if self.non_blank == 0 {
            0.0
        } else {
            self.total_len as f64 / self.non_blank as f64
        }
    }
}

/// The words of a header, lower-cased: "Likelihood to Recommend (0-10)" → [likelihood, to, recommend, 0, 10].
pub fn header_words(h: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in h.chars() {
        if c.is_alphanumeric() {
            // camelCase boundary: "npsScore" → nps, score
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn has_word(words: &[String], any: &[&str]) -> bool {
    words.iter().any(|w| any.contains(&w.as_str()))
}

fn has_prefix(words: &[String], any: &[&str]) -> bool {
    words.iter().any(|w| any.iter().any(|p| w.starts_with(p)))
}

/// The survey metric a header names by its words (NPS / recommend, CSAT / satisfaction,
/// CES / effort / ease), whatever the values.
fn named_metric(w: &[String]) -> Option<Role> {
    QUESTION_WORDS
        .iter()
        .find(|(_, words, prefixes)| has_word(w, words) || has_prefix(w, prefixes))
        .map(|(role, _, _)| *role)
}

/// A proposed role with how sure we are and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub role: Role,
    pub confidence: f64,
    pub reason: String,
    /// The header names a role the values do not fit: the column is ignored, and the report
    /// says so in a warning (an `IGNORED_COLUMN`), not only in `columns[]`.
    pub warn: bool,
}

fn guess(role: Role, confidence: f64, reason: impl Into<String>) -> Option<Guess> {
    Some(Guess {
        role,
        confidence,
        reason: reason.into(),
        warn: false,
    })
}

/// An ignored column whose header promised a role: said in a warning.
fn ignored_loudly(reason: String) -> Option<Guess> {
    Some(Guess {
        role: Role::Ignored,
        confidence: 0.6,
        reason,
        warn: true,
    })
}

/// Days since 1899-12-30 of 1954-10-03 … 2119-01-10: what an unformatted Excel date column holds.
const EXCEL_SERIALS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// Proposes a survey role for one column from its header and sampled values.
pub fn guess_survey_role(header: &str, p: &ColumnProfile) -> Option<Guess> {
    let w = header_words(header);
    let named = named_metric(&w);
    if p.non_blank == 0 {
        // No values to check: the header alone decides, with low confidence.
        return match named {
            Some(role) => guess(role, 0.5, "header only (no values to check)"),
            None => guess(Role::Ignored, 0.5, "no values in the sample"),
        };
    }
    let range = match (p.min, p.max) {
        (Some(a), Some(b)) => format!("whole numbers {a}–{b}"),
        _ => String::new(),
    };
    if let Some(role) = named.filter(|_| p.share(p.numeric) >= 0.9) {
        let (confidence, names) = match role {
            Role::Nps => (0.95, "NPS / recommend"),
            Role::Csat => (0.95, "CSAT / satisfaction"),
            _ => (0.9, "CES / effort / ease"),
        };
        return guess(role, confidence, format!("header names {names}; {range}"));
    }
    // A header that names a time needs half its values to be timestamps (the rest are reported
    // as rejected); any other column needs 90%.
    let named = has_word(&w, &TIME_WORDS) || has_prefix(&w, TIME_PREFIXES);
    if has_word(&w, INVITATION_WORDS) && p.time_format(0.5).is_some() {
        return guess(
            Role::Invited,
            0.9,
            "header names an invitation; values are timestamps: each such row is an invitation (the response rate)",
        );
    }
    if let Some(fmt) = p.time_format(if named { 0.5 } else { 0.9 }) {
        let conf = if named { 0.95 } else { 0.8 };
        return match fmt {
            Ok(f) => guess(
                Role::Timestamp,
                conf,
                // "day first", "seconds since 1970": the format's label without its example.
                format!(
                    "values are timestamps ({})",
                    f.label()
                        .split(" (")
                        .next()
                        .unwrap_or_default()
                        .to_lowercase()
                ),
            ),
            Err(_) => guess(
                Role::Timestamp,
                conf,
                "values are dates with an ambiguous day/month order",
            ),
        };
    }
    if named && p.share(p.numeric) >= 0.9 {
        if let (Some(lo), Some(hi)) = (p.min, p.max) {
            if EXCEL_SERIALS.contains(&lo) && EXCEL_SERIALS.contains(&hi) {
                return ignored_loudly(format!(
                    "the header names a time but the values are numbers ({lo}–{hi}) like Excel serial dates; format the column as dates in the spreadsheet, or export it as text"
                ));
            }
        }
    }
    if has_word(&w, SCORE_WORDS) {
        if p.whole_within(0.0, 10.0) && (p.min == Some(0.0) || p.max.is_some_and(|m| m > 7.0)) {
            return guess(
                Role::Nps,
                0.6,
                format!("a score column with {range}: read as a 0–10 NPS question"),
            );
        }
        if p.whole_within(1.0, 5.0) {
            return guess(
                Role::Csat,
                0.6,
                format!("a rating column with {range}: read as 1–5 CSAT"),
            );
        }
    }
    if has_word(&w, IDENTIFIER_WORDS) || w.last().is_some_and(|l| l.ends_with(ID_SUFFIX)) {
        return guess(Role::Id, 0.8, "header names an identifier");
    }
    let few_values = !p.distinct_overflow
        && p.distinct.len() <= 50
        && (p.distinct.len() as u64) * 2 <= p.non_blank.max(2);
    if has_word(&w, CHANNEL_WORDS) && few_values {
        return guess(
            Role::Channel,
            0.9,
            format!(
                "header names a channel; {} distinct values",
                p.distinct.len()
            ),
        );
    }
    // A small file cannot show its channels repeating: short text labels under a header that
    // names a channel are the channel (a platform column of 3 posts on 2 platforms).
    if has_word(&w, CHANNEL_WORDS)
        && !p.distinct_overflow
        && p.non_blank < SMALL_FILE_ROWS
        && p.share(p.numeric) < 0.5
        && p.mean_len() <= 40.0
    {
        return guess(
            Role::Channel,
            0.6,
            format!(
                "header names a channel; {} distinct values in {} rows (too few rows to see them repeat)",
                p.distinct.len(),
                p.non_blank
            ),
        );
    }
    if has_word(&w, CHANNEL_WORDS) && p.share(p.numeric) < 0.5 && !few_values {
        return ignored_loudly(format!(
            "the header names a channel, but the column has {} distinct values in the sample (a channel has at most 50, each on several rows); map it with `segments` or `columns` to use it",
            if p.distinct_overflow { "more than 64".to_string() } else { p.distinct.len().to_string() }
        ));
    }
    let texty = has_word(&w, TEXT_WORDS);
    if !texty && p.share(p.numeric) < 0.5 && few_values && p.mean_len() <= 40.0 {
        return guess(
            Role::Segment,
            0.7,
            format!("{} distinct short values", p.distinct.len()),
        );
    }
    if texty || p.mean_len() > 20.0 {
        return guess(Role::Text, 0.7, "free text");
    }
    None
}

impl ColumnProfile {
    /// True when at least `share` of the values could be values of `t` (a column whose header
    /// names its role needs half; the rest are reported as rejected).
    fn fits(&self, t: ValueType, share: f64) -> bool {
        match t {
            ValueType::Time => self.time_format(share).is_some(),
            ValueType::Amount => self.share(self.amounts) >= share,
            ValueType::Count => {
                (self.share(self.integer) >= share && self.min.is_some_and(|m| m >= 0.0))
                    || self.share(self.flags) >= share
            }
            ValueType::Id | ValueType::Category => true,
            ValueType::Score => self.share(self.numeric) >= share,
            ValueType::Sentiment | ValueType::None => true,
        }
    }
}

/// Proposes a role for a column of any kind of dataset (events, transactions, tickets,
/// campaigns, or survey scores) from its header words and sampled values.
pub fn guess_role(header: &str, p: &ColumnProfile) -> Option<Guess> {
    let w = header_words(header);
    let has_time_word = has_word(&w, &TIME_WORDS) || has_prefix(&w, TIME_PREFIXES);
    // A role named by the header wins when the values fit it; a time-like header with time
    // values is a time role even if it also names, e.g., the order ("order_date").
    let is_time = p.non_blank > 0 && p.fits(ValueType::Time, 0.5);
    if p.non_blank == 0 && has_time_word {
        return guess(
            Role::Timestamp,
            0.5,
            "header names a time (no values to check)",
        );
    }
    for rule in NAME_RULES {
        let named = has_word(&w, rule.any) && rule.all.iter().all(|a| w.iter().any(|x| x == a));
        if !named || (rule.role == Role::Rating && named_metric(&w).is_some()) {
            continue;
        }
        let t = rule.role.value_type();
        if t == ValueType::Time {
            if is_time {
                return guess(
                    rule.role,
                    0.9,
                    format!(
                        "header names the {}; values are timestamps",
                        rule.role.label_in_text()
                    ),
                );
            }
            continue;
        }
        if has_time_word && is_time {
            break; // "event_time", "order_date": the time of the row
        }
        if t == ValueType::Id
            && rule.role != Role::UserId
            && !has_word(&w, ID_WORDS)
            && !w.iter().any(|x| x.ends_with(ID_SUFFIX))
        {
            // "order" alone could be a sequence number or a label; "session" a duration.
            if !(p.distinct_overflow || p.distinct.len() as u64 * 2 > p.non_blank) {
                continue;
            }
        }
        let numeric_label = t == ValueType::Category
            && !matches!(rule.role, Role::Status | Role::Priority)
            && p.share(p.numeric) >= 0.9;
        if p.non_blank == 0 || (p.fits(t, 0.5) && !numeric_label) {
            let conf = if p.non_blank == 0 { 0.5 } else { 0.85 };
            return guess(
                rule.role,
                conf,
                format!("header names the {}", rule.role.label_in_text()),
            );
        }
    }
    // Score columns, times, channels, segments and text as for surveys.
    let g = guess_survey_role(header, p)?;
    if g.role == Role::Id && has_word(&w, EMAIL_WORDS) {
        return guess(Role::UserId, 0.7, "an email address identifies the person");
    }
    Some(g)
}

/// The scale an answer column most likely uses, from its observed range.
pub fn infer_scale(p: &ColumnProfile, lo_default: i32) -> (i32, i32) {
    let min = p.min.unwrap_or(lo_default as f64);
    let max = p.max.unwrap_or(5.0);
    let lo = if min < 1.0 { 0 } else { lo_default };
    let hi = if max <= 5.0 {
        5
    } else if max <= 7.0 {
        7
    } else {
        10
    };
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(values: &[&str]) -> ColumnProfile {
        let mut p = ColumnProfile::default();
        for v in values {
            p.observe(v);
        }
        p
    }

    #[test]
    fn words() {
        assert_eq!(
            header_words("Likelihood to Recommend (0-10)"),
            ["likelihood", "to", "recommend", "0", "10"]
        );
        assert_eq!(header_words("npsScore"), ["nps", "score"]);
        assert_eq!(header_words("customer_id"), ["customer", "id"]);
    }

    #[test]
    fn roles_from_headers_and_values() {
        let scores = profile(&["0", "7", "10", "9"]);
        assert_eq!(guess_survey_role("NPS", &scores).unwrap().role, Role::Nps);
        assert_eq!(
            guess_survey_role("How likely to recommend?", &scores)
                .unwrap()
                .role,
            Role::Nps
        );
        assert_eq!(guess_survey_role("score", &scores).unwrap().role, Role::Nps);
        let five = profile(&["1", "5", "4"]);
        assert_eq!(
            guess_survey_role("Satisfaction", &five).unwrap().role,
            Role::Csat
        );
        assert_eq!(
            guess_survey_role("Customer Effort", &five).unwrap().role,
            Role::Ces
        );
        // "process" contains "ces" but is not the word CES.
        assert_ne!(
            guess_survey_role("process", &five).map(|g| g.role),
            Some(Role::Ces)
        );
        let dates = profile(&["2024-01-01", "2024-02-03T10:00:00Z"]);
        assert_eq!(
            guess_survey_role("submitted", &dates).unwrap().role,
            Role::Timestamp
        );
        let chan = profile(&["email", "phone", "email", "chat", "email", "phone"]);
        assert_eq!(
            guess_survey_role("Channel", &chan).unwrap().role,
            Role::Channel
        );
        assert_eq!(
            guess_survey_role("region", &chan).unwrap().role,
            Role::Segment
        );
        // Three posts on two platforms: too few rows to repeat, still the channel.
        let few = profile(&["instagram", "tiktok", "instagram"]);
        assert_eq!(
            guess_survey_role("source", &few).unwrap().role,
            Role::Channel
        );
        assert_eq!(
            guess_survey_role("platform", &profile(&["instagram", "tiktok"]))
                .unwrap()
                .role,
            Role::Channel
        );
        let comments = profile(&["Great service, thanks!", "Too slow and the agent was rude"]);
        assert_eq!(
            guess_survey_role("comment", &comments).unwrap().role,
            Role::Text
        );
    }

    #[test]
    fn scales() {
        assert_eq!(infer_scale(&profile(&["1", "5"]), 1), (1, 5));
        assert_eq!(infer_scale(&profile(&["1", "7"]), 1), (1, 7));
        assert_eq!(infer_scale(&profile(&["0", "10"]), 1), (0, 10));
    }
}
