//! Support metrics from a help desk or call export, one row per ticket (or call): first contact
//! resolution, handle time, time to first response and to resolution, tickets per customer,
//! reopen rate and CSAT — overall, per period of creation, per channel and per agent.
//!
//! A ticket is resolved when it has a resolution time, or (without one) a status among
//! solved / closed / resolved / done / completed. Rates over resolved tickets (FCR, reopen)
//! use the resolved tickets that carry the needed column. Durations are in seconds;
//! a response or resolution time before the creation time is inconsistent: it is left out of
//! the durations and counted in `inconsistentTimes`.

use crate::vocab::{Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use crate::dataset::table::{Table, NO_ID, NO_TIME};
use crate::error::{Error, Result};
use crate::ingest::infer::{header_words, Role};
use crate::metrics::compare::{mean_changes, means_vs_rest, Moments};
use crate::metrics::figure::Definition;
use crate::metrics::figure::SMALL_SAMPLE;
use crate::metrics::rate::Rate;
use crate::period::Periodizer;
use crate::stats::exact_sum;
use crate::stats::quantile;
use crate::stats::{mean_interval, Bootstrap, Interval};

/// Options (`support: {...}` in AnalyzeOptions).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct SupportOptions {
    /// Unit of the handle-time column: seconds, minutes or hours (default: from its header,
    /// e.g. "handle_time_min", else seconds).
    #[ts(as = "Option<DurationUnit>")]
    pub handle_time_unit: Option<String>,
    /// Lowest satisfied CSAT answer (default 4, on 1–5).
    pub csat_satisfied_min: Option<f64>,
}

/// Mean (with its t interval), median and 90th percentile (with seeded bootstrap intervals,
/// or the exact order-statistic interval of the median by option) of durations (seconds).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Durations {
    pub n: u64,
    pub mean: Option<f64>,
    pub mean_interval: Option<Interval>,
    pub median: Option<f64>,
    pub median_interval: Option<Interval>,
    pub p90: Option<f64>,
    pub p90_interval: Option<Interval>,
    pub small_sample: bool,
}

impl Durations {
    fn of(mut v: Vec<f64>, iv: &Bootstrap) -> Self {
        let level = iv.level;
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let mean = (n > 0).then(|| exact_sum(v.iter().copied()) / n as f64);
        let sd = mean
            .filter(|_| n >= 2)
            .map(|m| (exact_sum(v.iter().map(|x| (x - m).powi(2))) / (n - 1) as f64).sqrt());
        Durations {
            n: n as u64,
            mean_interval: mean
                .zip(sd)
                .and_then(|(m, s)| mean_interval(m, s, n as u64, level)),
            mean,
            median: quantile(&v, 0.5),
            median_interval: iv.quantile(&v, 0.5),
            p90: quantile(&v, 0.9),
            p90_interval: iv.quantile(&v, 0.9),
            small_sample: (n as u64) < SMALL_SAMPLE,
        }
    }
}

/// Support figures of one group of tickets.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportGroup {
    /// Period label, channel or agent ("" for the whole file).
    pub name: String,
    pub tickets: u64,
    pub resolved: u64,
    /// Resolved on the first contact / resolved tickets with a contacts or FCR value.
    pub first_contact_resolution: Rate,
    /// Variant `allContacts`: resolved on the first contact / every ticket with a contacts or
    /// FCR value, resolved or not (open tickets count against it).
    pub first_contact_resolution_all_tickets: Rate,
    /// Reopened / resolved tickets with a reopens value.
    pub reopen_rate: Rate,
    pub handle_time: Durations,
    pub first_response_time: Durations,
    pub resolution_time: Durations,
    /// Satisfied answers (≥ csatSatisfiedMin) / CSAT answers.
    pub csat: Rate,
    pub csat_mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportMetrics {
    pub overall: SupportGroup,
    /// Distinct customers (null without a customer column).
    pub customers: Option<u64>,
    /// Tickets / distinct customers.
    pub tickets_per_customer: Rate,
    pub periods: Vec<SupportGroup>,
    pub by_channel: Vec<SupportGroup>,
    pub by_agent: Vec<SupportGroup>,
    /// Responses or resolutions timed before the ticket's creation (left out of durations).
    pub inconsistent_times: u64,
    /// FCR, reopen rate and CSAT share, each period against the previous one.
    pub changes: Vec<crate::metrics::compare::MetricComparison>,
    /// FCR and CSAT share of each channel and agent against the rest (Holm per breakdown).
    pub segment_changes: Vec<crate::metrics::compare::MetricComparison>,
    pub definition: Definition,
}

const RESOLVED_STATUSES: [&str; 6] = ["solved", "closed", "resolved", "done", "completed", "fixed"];

crate::vocab::vocabulary! {
    /// The unit a duration column is written in.
    pub enum DurationUnit {
        Seconds = "seconds",
        Minutes = "minutes",
        Hours = "hours",
    }
}

impl DurationUnit {
    /// Seconds per unit.
    fn seconds(self) -> f64 {
        match self {
            DurationUnit::Seconds => 1.0,
            DurationUnit::Minutes => 60.0,
            DurationUnit::Hours => 3600.0,
        }
    }

    /// The unit a word names ("min", "hrs", "seconds"…).
    fn of_word(w: &str) -> Option<DurationUnit> {
        match w {
            "s" | "sec" | "secs" | "second" => Some(DurationUnit::Seconds),
            "m" | "min" | "mins" | "minute" => Some(DurationUnit::Minutes),
            "h" | "hr" | "hrs" | "hour" => Some(DurationUnit::Hours),
            _ => DurationUnit::parse(w),
        }
    }
}

/// Seconds per unit of the handle-time column, from the option or the header's words.
fn handle_time_scale(header: &str, option: Option<&str>) -> Result<(f64, &'static str)> {
    let unit = match option {
        Some(u) => DurationUnit::of_word(&u.trim().to_ascii_lowercase()).ok_or_else(|| {
            Error::option(
                "support.handleTimeUnit",
                format!("must be one of {}", DurationUnit::names()),
            )
        })?,
        None => header_words(header)
            .iter()
            .find_map(|w| DurationUnit::of_word(w))
            .unwrap_or(DurationUnit::Seconds),
    };
    Ok((unit.seconds(), unit.name()))
}

/// Per-row facts of the support table, column by column.
struct Rows<'a> {
    created: &'a [i64],
    first_response: Option<&'a [i64]>,
    resolved_at: Option<&'a [i64]>,
    resolved_status: Option<Vec<bool>>,
    handle: Option<&'a [f64]>,
    handle_scale: f64,
    contacts: Option<&'a [f64]>,
    fcr: Option<&'a [f64]>,
    reopens: Option<&'a [f64]>,
    csat: Option<&'a [f64]>,
    satisfied_min: f64,
    level: f64,
    intervals: Bootstrap,
}

impl Rows<'_> {
    fn resolved(&self, i: usize) -> bool {
        if let Some(r) = self.resolved_at {
            if r[i] != NO_TIME {
                return true;
            }
        }
        match &self.resolved_status {
            Some(s) => s[i],
            None => self.resolved_at.is_none(),
        }
    }

    /// Some(true) when resolved on first contact, None when unknown.
    fn first_contact(&self, i: usize) -> Option<bool> {
        if let Some(f) = self.fcr.map(|f| f[i]).filter(|v| !v.is_nan()) {
            return Some(f > 0.0);
        }
        self.contacts
            .map(|c| c[i])
            .filter(|v| !v.is_nan())
            .map(|c| c <= 1.0)
    }

    fn group(&self, name: String, rows: &[usize], inconsistent: &mut u64) -> SupportGroup {
        let (mut resolved, mut fcr_yes, mut fcr_n, mut re_yes, mut re_n) = (0, 0, 0, 0, 0);
        let mut fcr_all_n = 0;
        let (mut handle, mut first, mut resolution) = (Vec::new(), Vec::new(), Vec::new());
        let (mut sat, mut answers, mut sum) = (0u64, 0u64, crate::stats::ExactSum::new());
        for &i in rows {
            let c = self.created[i];
            fcr_all_n += u64::from(self.first_contact(i).is_some());
            if self.resolved(i) {
                resolved += 1;
                if let Some(f) = self.first_contact(i) {
                    fcr_n += 1;
                    fcr_yes += f as u64;
                }
                if let Some(r) = self.reopens.map(|r| r[i]).filter(|v| !v.is_nan()) {
                    re_n += 1;
                    re_yes += (r > 0.0) as u64;
                }
            }
            if let Some(h) = self.handle.map(|h| h[i]).filter(|v| !v.is_nan()) {
                handle.push(h * self.handle_scale);
            }
            for (col, out) in [
                (self.first_response, &mut first),
                (self.resolved_at, &mut resolution),
            ] {
                if let Some(t) = col.map(|t| t[i]).filter(|&t| t != NO_TIME && c != NO_TIME) {
                    if t >= c {
                        out.push((t - c) as f64);
                    } else {
                        *inconsistent += 1;
                    }
                }
            }
            if let Some(s) = self.csat.map(|s| s[i]).filter(|v| !v.is_nan()) {
                answers += 1;
                sum.add(s);
                sat += (s >= self.satisfied_min) as u64;
            }
        }
        SupportGroup {
            name,
            tickets: rows.len() as u64,
            resolved,
            first_contact_resolution: Rate::of(
                fcr_yes,
                fcr_n,
                "no resolved ticket with a contacts or first-contact value",
            )
            .share(self.level),
            first_contact_resolution_all_tickets: Rate::of(
                fcr_yes,
                fcr_all_n,
                "no ticket with a contacts or first-contact value",
            )
            .share(self.level),
            reopen_rate: Rate::of(re_yes, re_n, "no resolved ticket with a reopens value")
                .share(self.level),
            handle_time: Durations::of(handle, &self.intervals),
            first_response_time: Durations::of(first, &self.intervals),
            resolution_time: Durations::of(resolution, &self.intervals),
            csat: Rate::of(sat, answers, "no CSAT answers").share(self.level),
            csat_mean: (answers > 0).then(|| sum.value() / answers as f64),
        }
    }
}

pub fn support(
    table: &Table,
    p: &mut Periodizer,
    o: &SupportOptions,
    intervals: &Bootstrap,
) -> Result<SupportMetrics> {
    let level = intervals.level;
    let n = table.rows;
    let created = table.times(Role::Timestamp).unwrap_or_default();
    let handle_col = table.column(Role::HandleTime);
    let (handle_scale, handle_unit) = handle_time_scale(
        handle_col.map_or("", |c| c.header.as_str()),
        o.handle_time_unit.as_deref(),
    )?;
    let satisfied_min = o.csat_satisfied_min.unwrap_or(4.0);
    let resolved_status = table.codes(Role::Status).map(|(codes, dict)| {
        let resolved: Vec<bool> = (0..dict.len() as u32)
            .map(|k| RESOLVED_STATUSES.contains(&dict.name(k).trim().to_ascii_lowercase().as_str()))
            .collect();
        codes
            .iter()
            .map(|&c| c != NO_ID && resolved[c as usize])
            .collect()
    });
    let rows = Rows {
        created,
        first_response: table.times(Role::FirstResponseAt),
        resolved_at: table.times(Role::ResolvedAt),
        resolved_status,
        handle: table.numbers(Role::HandleTime),
        handle_scale,
        contacts: table.numbers(Role::Contacts),
        fcr: table.numbers(Role::FirstContactResolved),
        reopens: table.numbers(Role::Reopens),
        csat: table.numbers(Role::Csat),
        satisfied_min,
        level,
        intervals: *intervals,
    };
    let mut inconsistent = 0u64;
    let all: Vec<usize> = (0..n).collect();
    let overall = rows.group(String::new(), &all, &mut inconsistent);
    // Per period of creation (report time zone), channel and agent; inconsistent times are
    // counted once, above.
    let mut ignored = 0u64;
    // Handle time (seconds) of each group's tickets, for Welch's tests of its mean.
    let handle_moments = |groups: &[(String, Vec<usize>)]| -> Vec<(String, Moments)> {
        rows.handle.map_or_else(Vec::new, |h| {
            groups
                .iter()
                .map(|(name, r)| {
                    let m = Moments::of(r.iter().map(|&i| h[i] * handle_scale));
                    (name.clone(), m)
                })
                .collect()
        })
    };
    let (period_rows, channel_rows, agent_rows) = (
        table.period_groups(p),
        table.groups(Role::Channel),
        table.groups(Role::Agent),
    );
    let mut each = |groups: &[(String, Vec<usize>)]| -> Vec<SupportGroup> {
        groups
            .iter()
            .map(|(name, r)| rows.group(name.clone(), r, &mut ignored))
            .collect()
    };
    let periods = each(&period_rows);
    let by_channel = each(&channel_rows);
    let by_agent = each(&agent_rows);
    let customers = table.distinct(Role::UserId);
    let with_customer = table.codes(Role::UserId).map_or(0, |(codes, _)| {
        codes.iter().filter(|&&c| c != NO_ID).count() as u64
    });
    let resolved_from = match (rows.resolved_at.is_some(), rows.resolved_status.is_some()) {
        (true, true) => "resolvedAt or status",
        (true, false) => Role::ResolvedAt.name(),
        (false, true) => Role::Status.name(),
        (false, false) => "all tickets (no resolution column)",
    };
    let series = |name: Metric, f: fn(&SupportGroup) -> &Rate| {
        (
            name,
            periods
                .iter()
                .map(|g| (g.name.clone(), f(g)))
                .collect::<Vec<_>>(),
        )
    };
    let changes = crate::metrics::compare::rate_changes(
        crate::vocab::Kind::Tickets,
        &[
            series(Metric::FirstContactResolution, |g| {
                &g.first_contact_resolution
            }),
            series(Metric::ReopenRate, |g| &g.reopen_rate),
            series(Metric::Csat, |g| &g.csat),
        ],
        level,
    );
    let mut changes = changes;
    changes.extend(mean_changes(
        Metric::HandleTime,
        &handle_moments(&period_rows),
        level,
    ));
    let mut segment_changes = Vec::new();
    for (column, groups) in [(Role::Channel, &channel_rows), (Role::Agent, &agent_rows)] {
        segment_changes.extend(means_vs_rest(
            Metric::HandleTime,
            column.name(),
            &handle_moments(groups),
            level,
        ));
    }
    for (column, groups) in [(Role::Channel, &by_channel), (Role::Agent, &by_agent)] {
        let groups: &Vec<SupportGroup> = groups;
        for (metric, f) in [
            (
                Metric::FirstContactResolution,
                (|g| &g.first_contact_resolution) as fn(&SupportGroup) -> &Rate,
            ),
            (Metric::Csat, |g| &g.csat),
        ] {
            let named: Vec<(String, &Rate)> =
                groups.iter().map(|g| (g.name.clone(), f(g))).collect();
            segment_changes.extend(crate::metrics::compare::share_vs_rest(
                crate::vocab::Kind::Tickets,
                metric,
                column.name(),
                &named,
                level,
            ));
        }
    }
    Ok(SupportMetrics {
        changes,
        segment_changes,
        overall,
        customers,
        tickets_per_customer: Rate::ratio(
            with_customer as f64,
            customers.unwrap_or(0) as f64,
            "no customer column",
        ),
        periods,
        by_channel,
        by_agent,
        inconsistent_times: inconsistent,
        definition: Definition::new(
            Metric::Support,
            Variant::Standard,
            Unit::Ratio,
            "FCR = resolved on first contact (FCR flag yes, or contacts ≤ 1) / resolved tickets with either value; reopen rate = resolved tickets reopened at least once / resolved tickets with a reopens value; first response and resolution times = that time − creation time (seconds; mean, median, p90 by linear interpolation); handle time in seconds; CSAT = answers ≥ csatSatisfiedMin / answers; tickets per customer = tickets with a customer / distinct customers",
        )
        .param("resolvedFrom", resolved_from)
        .param("handleTimeUnit", handle_unit)
        .param("csatSatisfiedMin", satisfied_min),
    })
}

impl crate::metrics::signals::Headlines for SupportMetrics {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        use crate::metrics::signals::percent;
        let o = &self.overall;
        vec![
            (
                Metric::FirstContactResolution,
                percent(&o.first_contact_resolution),
            ),
            (Metric::ReopenRate, percent(&o.reopen_rate)),
            (Metric::Csat, percent(&o.csat)),
        ]
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        use crate::metrics::signals::percent;
        let of = |f: fn(&SupportGroup) -> &Rate| {
            self.periods
                .iter()
                .map(|g| (g.name.clone(), percent(f(g)), f(g).denominator))
                .collect()
        };
        vec![
            (
                Metric::FirstContactResolution,
                of(|g| &g.first_contact_resolution),
            ),
            (Metric::ReopenRate, of(|g| &g.reopen_rate)),
            (Metric::Csat, of(|g| &g.csat)),
        ]
    }
}
