//! Schema inference: profiles each column over a sample of rows, then proposes a role for it
//! (score columns, timestamp, channel, segment, free text, id) with a confidence and a reason.

use serde::Serialize;

use super::time::{parse_timestamp, DateOrderEvidence, TimeFormat};
use super::value::{is_blank, parse_number};
use crate::period::ReportTz;

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Nps,
    Csat,
    Ces,
    Timestamp,
    Channel,
    Segment,
    Id,
    Text,
    Ignored,
}

impl Role {
    /// Parses a role name as used in explicit mappings (`--column ROLE=HEADER`).
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "nps" => Role::Nps,
            "csat" => Role::Csat,
            "ces" => Role::Ces,
            "timestamp" | "time" | "date" => Role::Timestamp,
            "channel" => Role::Channel,
            "segment" => Role::Segment,
            "id" => Role::Id,
            "text" => Role::Text,
            "ignore" | "ignored" => Role::Ignored,
            _ => return None,
        })
    }
}

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
}

/// Distinct values tracked per column in the sample.
const DISTINCT_LIMIT: usize = 64;

impl ColumnProfile {
    pub fn observe(&mut self, v: &str) {
        if is_blank(v) {
            return;
        }
        self.non_blank += 1;
        self.total_len += v.len() as u64;
        if let Some(x) = parse_number(v) {
            self.numeric += 1;
            if x.fract() == 0.0 {
                self.integer += 1;
            }
            self.min = Some(self.min.map_or(x, |m| m.min(x)));
            self.max = Some(self.max.map_or(x, |m| m.max(x)));
        } else if parse_timestamp(v, TimeFormat::Iso, &ReportTz::Utc).is_some() {
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
        if self.share(self.integer) >= 0.99 {
            let (lo, hi) = (self.min?, self.max?);
            // Epoch seconds or milliseconds between 2001 and 2096.
            if lo >= 1e9 && hi < 4e9 {
                return Some(Ok(TimeFormat::UnixSeconds));
            }
            if lo >= 1e12 && hi < 4e12 {
                return Some(Ok(TimeFormat::UnixMillis));
            }
        }
        None
    }

    fn mean_len(&self) -> f64 {
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
    if has_word(w, &["nps"]) || has_prefix(w, &["recommend"]) {
        Some(Role::Nps)
    } else if has_word(w, &["csat"]) || has_prefix(w, &["satisf"]) {
        Some(Role::Csat)
    } else if has_word(w, &["ces", "easy", "ease"]) || has_prefix(w, &["effort"]) {
        Some(Role::Ces)
    } else {
        None
    }
}

/// A proposed role with how sure we are and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub role: Role,
    pub confidence: f64,
    pub reason: String,
}

fn guess(role: Role, confidence: f64, reason: impl Into<String>) -> Option<Guess> {
    Some(Guess {
        role,
        confidence,
        reason: reason.into(),
    })
}

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
    let time_words = [
        "date",
        "time",
        "timestamp",
        "created",
        "submitted",
        "responded",
        "at",
        "day",
        "when",
        "completed",
    ];
    // A header that names a time needs half its values to be timestamps (the rest are reported
    // as rejected); any other column needs 90%.
    let named = has_word(&w, &time_words) || has_prefix(&w, &["date", "time"]);
    if let Some(fmt) = p.time_format(if named { 0.5 } else { 0.9 }) {
        let conf = if named { 0.95 } else { 0.8 };
        return match fmt {
            Ok(f) => guess(
                Role::Timestamp,
                conf,
                format!("values are timestamps ({f:?})"),
            ),
            Err(_) => guess(
                Role::Timestamp,
                conf,
                "values are dates with an ambiguous day/month order",
            ),
        };
    }
    if has_word(&w, &["score", "rating", "rate", "likelihood", "likely"]) {
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
    if has_word(&w, &["id", "email", "uuid", "guid"]) || w.last().is_some_and(|l| l.ends_with("id"))
    {
        return guess(Role::Id, 0.8, "header names an identifier");
    }
    let few_values = !p.distinct_overflow
        && p.distinct.len() <= 50
        && (p.distinct.len() as u64) * 2 <= p.non_blank.max(2);
    if has_word(&w, &["channel", "source", "medium", "touchpoint"]) && few_values {
        return guess(
            Role::Channel,
            0.9,
            format!(
                "header names a channel; {} distinct values",
                p.distinct.len()
            ),
        );
    }
    let texty = has_word(
        &w,
        &[
            "comment", "comments", "feedback", "text", "reason", "why", "note", "notes",
            "verbatim", "message", "name",
        ],
    );
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
