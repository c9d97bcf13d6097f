//! Product engagement from an event log: activity, sessions, bounce, conversion, funnels,
//! activation, feature adoption, retention cohorts, lifecycle. Every figure carries its
//! definition; the settings in force (after any preset) are echoed in the report.

pub mod activity;
pub mod cohorts;
pub mod funnel;
pub mod options;
pub mod sessions;

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::dataset::events::EventLog;
use crate::dataset::table::NO_ID;
use crate::metrics::compare::{rate_changes, share_vs_rest, MetricComparison};
use crate::metrics::figure::{Definition, Figure};
use crate::metrics::rate::Rate;
use crate::period::Periodizer;

use crate::period::Periods;
use crate::stats::median;
use activity::{ActiveDaysDistribution, DayActivity};
use cohorts::{LifecyclePeriod, Retention};
use funnel::Funnel;
use options::{BounceRule, EventsSettings};
use sessions::{bounced, EventFlags, Session};

use crate::metrics::figure::percent_interval;
/// Share k / n in percent with a Wilson interval.
fn percent(k: u64, n: u64, level: f64, def: Definition) -> Figure {
    Figure::share(k, n, level, def)
}

fn mean(sum: f64, n: u64) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

/// Share k / n of events in percent, without an interval: the events of one user are not
/// independent draws, so a Wilson interval on them would be too narrow.
fn event_share(k: u64, n: u64, def: Definition) -> Figure {
    let mut f = Figure::new((n > 0).then(|| 100.0 * k as f64 / n as f64), n, None, def);
    if n == 0 {
        f.unavailable_reason = Some("no events".to_string());
    }
    f
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventsSummary {
    pub events: u64,
    pub users: u64,
    pub sessions: u64,
    pub first_event: Option<String>,
    pub last_event: Option<String>,
    /// Local calendar days from the first to the last event, inclusive.
    pub days: u64,
    pub duplicates_removed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodActivity {
    pub period: String,
    pub active_users: u64,
    pub new_users: u64,
    pub events: u64,
    pub sessions: u64,
    pub page_views: u64,
    /// Sessions per active user in the period (page visit frequency).
    pub sessions_per_active_user: Option<f64>,
    /// Local days of the period inside the data (all of them but at the file's two ends).
    pub days: u64,
    /// Variant `interactionsPerDay` of DAU: events / `days` (an activity rate, not users).
    pub interactions_per_day: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub daily: Vec<DayActivity>,
    pub mean_dau: Option<f64>,
    /// Variant `interactionsPerDay` of DAU: events / days of the data (count per day).
    pub interactions_per_day: Figure,
    /// Mean of DAU / MAU over the days whose whole `mauDays` window lies inside the data (the
    /// first mauDays − 1 days' MAU is cut by the start of the file and overstates it); null
    /// when the data span fewer than mauDays days.
    pub mean_stickiness: Option<f64>,
    /// The days `meanStickiness` averages over.
    pub stickiness_days: u64,
    /// Variant: the mean of DAU / MAU over every day, the cut windows included.
    pub mean_stickiness_all_days: Option<f64>,
    pub periods: Vec<PeriodActivity>,
    pub active_days: Vec<ActiveDaysDistribution>,
    pub definition: Definition,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PageStats {
    pub page: String,
    pub entries: u64,
    /// Single-event sessions among those entering here / entries (UA rule).
    pub entry_bounce_rate: Option<f64>,
    pub exits: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Bounce {
    /// The rule chosen (option or preset): its value is repeated in `headline`.
    pub rule: BounceRule,
    pub headline: Figure,
    pub single_event: Figure,
    pub not_engaged: Figure,
    pub single_page_view: Figure,
    /// GA4 engagement rate = 100 − `notEngaged`.
    pub engagement_rate: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionStats {
    /// How sessions were formed: `sessionId` (the column) or `inactivityGap` (the variant of
    /// the sessions definition).
    pub source: Variant,
    pub count: u64,
    /// Mean of (last − first event time) over all sessions, one-event sessions counting 0 s.
    pub mean_duration_seconds: Option<f64>,
    /// The same over sessions with at least two events.
    pub mean_duration_multi_event_seconds: Option<f64>,
    pub median_duration_seconds: Option<f64>,
    /// Bootstrap (or order-statistic) interval of the median session duration.
    pub median_duration_interval: Option<crate::stats::Interval>,
    pub events_per_session: Option<f64>,
    /// Null when the file has no page views (no page column and no page-view event).
    pub page_views_per_session: Option<f64>,
    pub sessions_per_user: Option<f64>,
    pub bounce: Bounce,
    /// The 20 most common entry pages.
    pub entry_pages: Vec<PageStats>,
    pub definition: Definition,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    pub event: String,
    pub users: Figure,
    pub sessions: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Activation {
    pub signup_users: u64,
    pub activated_users: u64,
    pub rate: Figure,
    /// Variant `interactions`: the activation events that activate (at or after the user's
    /// first sign-up, within the window) / all events (percent, no interval).
    pub interaction_share: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FeatureUsage {
    pub event: String,
    pub users: u64,
    pub events: u64,
    /// Users who did it / all users (percent).
    pub share_of_users: Option<f64>,
    /// Variant `interactions`: its events / all events (percent).
    pub share_of_events: Option<f64>,
    pub events_per_user: Option<f64>,
    /// Per period: users doing it for the first time, and the cumulative share of all users.
    pub adoption: Vec<AdoptionPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AdoptionPoint {
    pub period: String,
    /// Users who used it in the period, and their share of the period's active users (percent).
    pub users: u64,
    pub share_of_active: Option<f64>,
    pub first_time_users: u64,
    pub cumulative_users: u64,
    /// Cumulative users / users seen up to this period (percent).
    pub cumulative_share: Option<f64>,
}

/// Every event either ends its session or is followed by another event of the same session:
/// exit share + return share = 100 (percent of events; no interval, events of one user are not
/// independent draws).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct InteractionEnds {
    /// Variant `exitShare` of user churn: events that end their session / events
    /// (= sessions / events = 1 / events per session).
    pub exit_share: Figure,
    /// Variant `returnShare` of stickiness: events followed by another event of the same
    /// session / events.
    pub return_share: Figure,
    /// Exits after which the same user comes back in a later session (they count as exits).
    pub exits_followed_by_a_later_session: u64,
}

/// Key metrics per value of a segment column. A user belongs to the value of their first
/// event; a session to the value of its first event.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "EventsSegmentBreakdown")]
pub struct SegmentBreakdown {
    pub column: String,
    /// The 20 values with most users, then "(other)" and "(blank)" when present.
    pub values: Vec<SegmentValue>,
    /// Bounce rate (sessions) and conversion rate (users) of each value against the rest of
    /// the values, Holm-adjusted per metric.
    pub comparisons: Vec<crate::metrics::compare::MetricComparison>,
    pub definition: Definition,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "EventsSegmentValue")]
pub struct SegmentValue {
    pub value: String,
    pub users: u64,
    pub events: u64,
    pub sessions: u64,
    pub mean_session_seconds: Option<f64>,
    /// Bounce rate under the chosen rule (percent).
    pub bounce_rate: Option<f64>,
    pub bounce_interval: Option<crate::stats::Interval>,
    /// Users with the conversion event (percent), when there is one.
    pub conversion_rate: Option<f64>,
    pub conversion_interval: Option<crate::stats::Interval>,
}

/// The sessions starting in one period (rates in percent, with Wilson intervals).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionPeriod {
    pub period: String,
    pub sessions: u64,
    /// Under the headline bounce rule.
    pub bounce_rate: Figure,
    pub engagement_rate: Figure,
    /// Sessions with the conversion event (null without one).
    pub conversion_rate: Option<Figure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventsMetrics {
    pub settings: EventsSettings,
    pub summary: EventsSummary,
    pub activity: Activity,
    pub sessions: SessionStats,
    pub conversion: Option<Conversion>,
    pub funnel: Option<Funnel>,
    /// add_to_cart → purchase (or checkout) funnel: 100 − its conversion.
    pub cart_abandonment: Option<Figure>,
    pub activation: Option<Activation>,
    /// New users active again on days 1–7 after their first day / new users with 7 days observed.
    pub week1_engagement: Figure,
    /// Variant `firstWeekInteractions`: events in the first 7 local days of the same users /
    /// all their events (percent, no interval).
    pub week1_engagement_interactions: Figure,
    /// The 50 most used event names.
    pub features: Vec<FeatureUsage>,
    pub retention: Retention,
    /// Users whose last event is more than `churnDays` before the last day of the data.
    pub churn: Figure,
    /// How each interaction ends: the customer leaves (exit share, a turnover / abandonment
    /// reading) or interacts again in the same session (return share, a stickiness reading).
    pub interaction_ends: InteractionEnds,
    pub lifecycle: Vec<LifecyclePeriod>,
    pub segments: Vec<SegmentBreakdown>,
    /// Sessions starting in each period: bounce, engagement and conversion.
    pub session_periods: Vec<SessionPeriod>,
    /// Bounce rate (headline rule), engagement rate and session conversion rate of the
    /// sessions starting in each period, against the previous period.
    pub changes: Vec<crate::metrics::compare::MetricComparison>,
    /// Rows left out by `events.filter` (0 without a filter).
    pub filtered_out: u64,
}

/// Computes every events metric. `level`: confidence level of the intervals.
pub fn compute(
    log: &EventLog,
    s: &EventsSettings,
    p: &mut Periodizer,
    iv: &crate::stats::Bootstrap,
) -> EventsMetrics {
    let level = iv.level;
    let code_of = |name: &str| log.event_code(name);
    let conversion_code = match &s.conversion_event {
        Some(e) => code_of(e),
        None => crate::ingest::words::CONVERSION_EVENTS
            .iter()
            .find_map(|n| code_of(n)),
    };
    let flags = EventFlags::new(log, s, conversion_code);
    let sess = sessions::sessions(log, s, &flags);
    let days = activity::active_days(log);
    let (d0, d1) = match (log.day.iter().min(), log.day.iter().max()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, -1),
    };
    let periods = Periods::new(p, d0, d1.max(d0));
    let nu = log.active_users as u64;

    // Activity.
    let daily = if d1 >= d0 {
        activity::daily(&days, d0, d1, s.wau_days, s.mau_days)
    } else {
        Vec::new()
    };
    let nd = daily.len() as u64;
    let mean_dau = mean(daily.iter().map(|d| d.dau as f64).sum(), nd);
    let stickiness = |skip: usize| {
        let v: Vec<f64> = daily
            .iter()
            .skip(skip)
            .filter_map(|d| d.stickiness)
            .collect();
        (mean(v.iter().sum(), v.len() as u64), v.len() as u64)
    };
    let (mean_stickiness_all_days, _) = stickiness(0);
    // A day's MAU window reaches mauDays − 1 days back: whole from that day on.
    let (mean_stickiness, stickiness_days) = stickiness(s.mau_days.saturating_sub(1) as usize);
    let active_periods: Vec<Vec<usize>> = days
        .iter()
        .map(|ds| {
            let mut v: Vec<usize> = ds.iter().map(|&d| periods.index(d)).collect();
            v.dedup();
            v
        })
        .collect();
    let mut pa: Vec<PeriodActivity> = periods
        .starts
        .iter()
        .map(|&st| PeriodActivity {
            period: p.label(st),
            active_users: 0,
            new_users: 0,
            events: 0,
            sessions: 0,
            page_views: 0,
            sessions_per_active_user: None,
            days: 0,
            interactions_per_day: None,
        })
        .collect();
    if d1 >= d0 {
        for d in d0..=d1 {
            pa[periods.index(d)].days += 1;
        }
    }
    for ps in &active_periods {
        for (k, &q) in ps.iter().enumerate() {
            pa[q].active_users += 1;
            if k == 0 {
                pa[q].new_users += 1;
            }
        }
    }
    for i in 0..log.len() {
        let q = periods.index(log.day[i]);
        pa[q].events += 1;
        if flags.is_page_view(log, i) {
            pa[q].page_views += 1;
        }
    }
    for x in &sess {
        pa[periods.index(x.day)].sessions += 1;
    }
    for x in pa.iter_mut() {
        x.sessions_per_active_user = mean(x.sessions as f64, x.active_users);
        x.interactions_per_day = mean(x.events as f64, x.days);
    }
    let ne = log.len() as u64;
    let mut interactions_per_day = Figure::new(
        mean(ne as f64, nd),
        ne,
        None,
        Definition::new(
            Metric::ActiveUsers,
            Variant::InteractionsPerDay,
            Unit::Count,
            "events / local days from the first to the last event: an activity rate, not distinct users (a user with 5 events a day counts 5); per period, events / the period's days inside the data (periods[].interactionsPerDay)",
        ),
    );
    if ne == 0 {
        interactions_per_day.unavailable_reason = Some("no events".to_string());
    }
    let activity = Activity {
        daily,
        mean_dau,
        interactions_per_day,
        mean_stickiness,
        stickiness_days,
        mean_stickiness_all_days,
        periods: pa,
        active_days: activity::active_days_distribution(&days, p),
        definition: Definition::new(
            Metric::ActiveUsers,
            Variant::TrailingWindows,
            Unit::Users,
            "DAU = users with an event on the local day; WAU / MAU = users with an event in the wauDays / mauDays days ending that day (inclusive); stickiness = DAU / MAU, averaged over the days whose whole mauDays window lies inside the data (meanStickinessAllDays: over every day)",
        )
        .param("wauDays", s.wau_days as f64)
        .param("mauDays", s.mau_days as f64)
        .param("timezone", p.tz.name().as_str()),
    };

    let sessions = session_stats(log, s, &sess, iv);
    let (session_periods, changes) = period_changes(&sess, s, p, level, conversion_code.is_some());

    // Conversion.
    let conversion = conversion_code.map(|c| {
        let users = (0..log.n_users())
            .filter(|&u| log.rows_of(u).any(|i| log.event[i] == c))
            .count() as u64;
        let conv_sessions = sess.iter().filter(|x| x.converted).count() as u64;
        let name = log.event_names.name(c).to_string();
        Conversion {
            users: percent(
                users,
                nu,
                level,
                Definition::new(
                    Metric::Conversion,
                    Variant::Users,
                    Unit::Percent,
                    format!("users with a `{name}` event / users"),
                ),
            ),
            sessions: percent(
                conv_sessions,
                sess.len() as u64,
                level,
                Definition::new(
                    Metric::Conversion,
                    Variant::Sessions,
                    Unit::Percent,
                    format!("sessions with a `{name}` event / sessions"),
                ),
            ),
            event: name,
        }
    });

    // Funnels.
    // Without a `funnel` option: the commerce steps the file has, when there are two or more.
    let default_steps: Vec<String> = ["page_view", "add_to_cart", "checkout", "purchase"]
        .iter()
        .filter_map(|n| code_of(n).map(|c| log.event_names.name(c).to_string()))
        .collect();
    let commerce = default_steps.len() >= 2;
    let steps = s
        .funnel
        .clone()
        .or_else(|| commerce.then_some(default_steps))
        .or_else(|| proposed_funnel(log));
    let funnel = steps.map(|steps| {
        let codes: Vec<Option<u32>> = steps.iter().map(|n| code_of(n)).collect();
        let mut f = funnel::funnel(log, &steps, &codes, s.funnel_window_days);
        let first = f.steps.first().map_or(0, |x| x.users);
        for st in &mut f.steps {
            st.conversion_interval = crate::stats::wilson_interval(st.users, first, level);
        }
        let source = if s.funnel.is_some() {
            "option"
        } else if commerce {
            "default commerce steps present in the file"
        } else {
            "proposed: the most common order in which users first do their first three events (name the steps with events.funnel)"
        };
        f.definition = f.definition.param("steps", source);
        f
    });
    let cart = code_of("add_to_cart").zip(code_of("purchase").or_else(|| code_of("checkout")));
    let cart_abandonment = cart.map(|(a, b)| {
        let names = [log.event_names.name(a).to_string(), log.event_names.name(b).to_string()];
        let f = funnel::funnel(log, &names, &[Some(a), Some(b)], s.funnel_window_days);
        let (entered, done) = (f.steps[0].users, f.steps[1].users);
        percent(entered - done, entered, level, Definition::new(
            Metric::CartAbandonment,
            Variant::Funnel,
            Unit::Percent,
            format!("users with `{}` who do not reach `{}` within the funnel window / users with `{}`", names[0], names[1], names[0]),
        ).param("windowDays", s.funnel_window_days))
    });

    // Activation.
    let signup = s
        .signup_events
        .iter()
        .filter_map(|n| code_of(n))
        .collect::<Vec<_>>();
    let activate = s
        .activation_events
        .iter()
        .filter_map(|n| code_of(n))
        .collect::<Vec<_>>();
    let activation = (!signup.is_empty() && !activate.is_empty()).then(|| {
        let limit = (s.activation_days * 86_400.0).round() as i64;
        let (mut su, mut act, mut act_events) = (0u64, 0u64, 0u64);
        for u in 0..log.n_users() {
            let rows = log.rows_of(u);
            let Some(first) = rows.clone().find(|&i| signup.contains(&log.event[i])) else { continue };
            su += 1;
            let t = log.time[first];
            let k = (first..rows.end)
                .filter(|&i| activate.contains(&log.event[i]) && log.time[i] - t <= limit)
                .count() as u64;
            act += u64::from(k > 0);
            act_events += k;
        }
        Activation {
            signup_users: su,
            activated_users: act,
            rate: percent(act, su, level, Definition::new(
                Metric::Activation,
                Variant::WithinDays,
                Unit::Percent,
                "users whose activation event comes at or after their first sign-up and at most activationDays × 24 h later / users with a sign-up",
            ).param("activationDays", s.activation_days)),
            interaction_share: event_share(act_events, ne, Definition::new(
                Metric::ActivationRate,
                Variant::Interactions,
                Unit::Percent,
                "activation events at or after the user's first sign-up and at most activationDays × 24 h later (every one, not only the first) / all events",
            ).param("activationDays", s.activation_days)),
        }
    });

    // Week-1 engagement: only users whose days 1–7 are inside the data.
    let (mut w_new, mut w_back) = (0u64, 0u64);
    for ds in &days {
        let Some(&f) = ds.first() else { continue };
        if f + 7 > d1 {
            continue;
        }
        w_new += 1;
        if ds.iter().any(|&d| d > f && d <= f + 7) {
            w_back += 1;
        }
    }
    // Its interaction reading, on the same users: their events on local days 0–6 (the first
    // day and the six after it) / all their events, pooled (events-weighted).
    let (mut w_first, mut w_all) = (0u64, 0u64);
    for u in 0..log.n_users() {
        let mut rows = log.rows_of(u);
        let Some(f) = rows.next().map(|i| log.day[i]) else {
            continue;
        };
        if f + 7 > d1 {
            continue;
        }
        let rows = log.rows_of(u);
        w_all += rows.len() as u64;
        w_first += rows.filter(|&i| log.day[i] <= f + 6).count() as u64;
    }
    let week1_engagement_interactions = event_share(w_first, w_all, Definition::new(
        Metric::Week1Engagement,
        Variant::FirstWeekInteractions,
        Unit::Percent,
        "events on a user's local days 0–6 (their first day and the six after it) / all their events, summed over the users of the standard (first day at least 7 days before the last day of the data)",
    ));
    let week1_engagement = percent(w_back, w_new, level, Definition::new(
        Metric::Week1Engagement,
        Variant::Days1to7,
        Unit::Percent,
        "new users with an event on local days 1–7 after their first day / new users whose first day is at least 7 days before the last day of the data",
    ));

    let features = feature_usage(log, &periods, p, &active_periods);

    // Retention cohorts.
    let cohort_code = s.cohort_event.as_deref().and_then(code_of);
    let start: Vec<Option<usize>> = (0..log.n_users())
        .map(|u| match (&s.cohort_event, cohort_code) {
            (None, _) => active_periods[u].first().copied(),
            (Some(_), Some(c)) => log
                .rows_of(u)
                .find(|&i| log.event[i] == c)
                .map(|i| periods.index(log.day[i])),
            (Some(_), None) => None,
        })
        .collect();
    let retention = cohorts::retention(
        &active_periods,
        &start,
        &periods,
        p,
        s.retention,
        s.cohort_event.as_deref(),
        level,
    );
    let churned = days
        .iter()
        .filter(|ds| ds.last().is_some_and(|&l| d1 - l > s.churn_days as i64))
        .count() as u64;
    let churn = percent(churned, nu, level, Definition::new(
        Metric::Churn,
        Variant::InactiveDays,
        Unit::Percent,
        "users whose last event is more than churnDays days before the last day of the data / users",
    ).param("churnDays", s.churn_days as f64));
    let lifecycle = cohorts::lifecycle(&active_periods, &periods, p);
    let interaction_ends = interaction_ends(&sess, ne);

    let rfc = |t: Option<&i64>| t.map(|&t| crate::period::rfc3339(t));
    EventsMetrics {
        settings: s.clone(),
        summary: EventsSummary {
            events: log.len() as u64,
            users: nu,
            sessions: sess.len() as u64,
            first_event: rfc(log.time.iter().min()),
            last_event: rfc(log.time.iter().max()),
            days: if d1 >= d0 { (d1 - d0 + 1) as u64 } else { 0 },
            duplicates_removed: log.duplicates,
        },
        activity,
        sessions,
        conversion,
        funnel,
        cart_abandonment,
        activation,
        week1_engagement,
        week1_engagement_interactions,
        features,
        retention,
        churn,
        interaction_ends,
        lifecycle,
        segments: log
            .segments
            .iter()
            .map(|c| segment_breakdown(log, c, s, &sess, conversion_code, level))
            .collect(),
        session_periods,
        changes,
        filtered_out: log.filtered_out,
    }
}

/// Each session's last event is an exit; every other event is followed by one of its session.
fn interaction_ends(sess: &[Session], events: u64) -> InteractionEnds {
    let exits = sess.len() as u64;
    let users = {
        let mut u: Vec<u32> = sess.iter().map(|x| x.user).collect();
        u.dedup();
        u.len() as u64
    };
    InteractionEnds {
        exit_share: event_share(exits, events, Definition::new(
            Metric::Churn,
            Variant::ExitShare,
            Unit::Percent,
            "events that end their session (the customer leaves) / events = sessions / events; a turnover or abandonment reading, not users lost",
        )),
        return_share: event_share(events - exits, events, Definition::new(
            Metric::Stickiness,
            Variant::ReturnShare,
            Unit::Percent,
            "events followed by another event of the same session (the customer interacts again) / events = 100 − exitShare",
        )),
        // Each user's last session holds their last event; their other sessions end before it.
        exits_followed_by_a_later_session: exits - users,
    }
}

fn segment_breakdown(
    log: &EventLog,
    col: &crate::dataset::events::SegmentColumn,
    s: &EventsSettings,
    sess: &[Session],
    conversion: Option<u32>,
    level: f64,
) -> SegmentBreakdown {
    const TOP: usize = 20;
    let nv = col.values.len() + 1; // last slot: blank
    let slot = |c: u32| if c == NO_ID { nv - 1 } else { c as usize };
    #[derive(Default, Clone)]
    struct Acc {
        users: u64,
        converted: u64,
        events: u64,
        sessions: u64,
        bounced: u64,
        duration: f64,
    }
    let mut acc = vec![Acc::default(); nv];
    for u in 0..log.n_users() {
        let rows = log.rows_of(u);
        let Some(first) = rows.clone().next() else {
            continue;
        };
        let a = &mut acc[slot(col.codes[first])];
        a.users += 1;
        if conversion.is_some_and(|c| rows.clone().any(|i| log.event[i] == c)) {
            a.converted += 1;
        }
    }
    for i in 0..log.len() {
        acc[slot(col.codes[i])].events += 1;
    }
    for x in sess {
        let a = &mut acc[slot(col.codes[x.first_row])];
        a.sessions += 1;
        a.duration += x.duration() as f64;
        a.bounced += u64::from(bounced(x, s, s.bounce));
    }
    let mut order: Vec<usize> = (0..nv - 1)
        .filter(|&v| acc[v].users + acc[v].events > 0)
        .collect();
    crate::dataset::table::sort_indices(&mut order, &|a, b| {
        acc[b]
            .users
            .cmp(&acc[a].users)
            .then_with(|| col.values.name(a as u32).cmp(col.values.name(b as u32)))
    });
    let row = |name: String, a: &Acc| SegmentValue {
        value: name,
        users: a.users,
        events: a.events,
        sessions: a.sessions,
        mean_session_seconds: mean(a.duration, a.sessions),
        bounce_rate: (a.sessions > 0).then(|| 100.0 * a.bounced as f64 / a.sessions as f64),
        bounce_interval: percent_interval(a.bounced, a.sessions, level),
        conversion_rate: conversion
            .and((a.users > 0).then(|| 100.0 * a.converted as f64 / a.users as f64)),
        conversion_interval: conversion.and(percent_interval(a.converted, a.users, level)),
    };
    let rates = |v: &[(String, Acc)], f: fn(&Acc) -> (u64, u64)| -> Vec<(String, Rate)> {
        v.iter()
            .map(|(n, a)| {
                let (k, m) = f(a);
                (n.clone(), Rate::of(k, m, "none").share(level))
            })
            .collect()
    };
    let mut named: Vec<(String, Acc)> = order
        .iter()
        .take(TOP)
        .map(|&v| (col.values.name(v as u32).to_string(), acc[v].clone()))
        .collect();
    if order.len() > TOP {
        let mut other = Acc::default();
        for &v in &order[TOP..] {
            let a = &acc[v];
            other.users += a.users;
            other.converted += a.converted;
            other.events += a.events;
            other.sessions += a.sessions;
            other.bounced += a.bounced;
            other.duration += a.duration;
        }
        named.push(("(other)".to_string(), other));
    }
    if acc[nv - 1].events > 0 {
        named.push(("(blank)".to_string(), acc[nv - 1].clone()));
    }
    let values = named.iter().map(|(n, a)| row(n.clone(), a)).collect();
    let mut comparisons = Vec::new();
    type Counts = fn(&Acc) -> (u64, u64);
    let mut metrics: Vec<(Metric, Counts)> =
        vec![(Metric::BounceRate, |a| (a.bounced, a.sessions))];
    if conversion.is_some() {
        metrics.push((Metric::ConversionRate, |a| (a.converted, a.users)));
    }
    for (metric, f) in metrics {
        let r = rates(&named, f);
        let borrowed: Vec<(String, &Rate)> = r.iter().map(|(n, x)| (n.clone(), x)).collect();
        comparisons.extend(share_vs_rest(
            crate::vocab::Kind::Events,
            metric,
            &col.header,
            &borrowed,
            level,
        ));
    }
    SegmentBreakdown {
        column: col.header.clone(),
        values,
        comparisons,
        definition: Definition::new(
            Metric::SegmentBreakdown,
            Variant::FirstEventValue,
            Unit::Users,
            "a user counts under the value of their first event, a session under the value of its first event; events under their own value; every metric can also be computed on one value with events.filter",
        ),
    }
}

/// Bounce, engagement and (with a conversion event) session conversion of the sessions
/// starting in each period, each against the previous period (two-proportion z-test).
fn period_changes(
    sess: &[Session],
    s: &EventsSettings,
    p: &Periodizer,
    level: f64,
    conversion: bool,
) -> (Vec<SessionPeriod>, Vec<MetricComparison>) {
    // Per period start: sessions, bounced, engaged, converted.
    let mut per: std::collections::BTreeMap<i64, [u64; 4]> = Default::default();
    for x in sess {
        let c = per.entry(p.start_of_period_for_day(x.day)).or_default();
        c[0] += 1;
        c[1] += u64::from(bounced(x, s, s.bounce));
        c[2] += u64::from(!bounced(x, s, BounceRule::NotEngaged));
        c[3] += u64::from(x.converted);
    }
    let mut metrics = vec![(Metric::BounceRate, 1), (Metric::EngagementRate, 2)];
    if conversion {
        metrics.push((Metric::SessionConversionRate, 3));
    }
    let rates: Vec<(Metric, Vec<(String, Rate)>)> = metrics
        .iter()
        .map(|&(m, k)| {
            let pts = per
                .iter()
                .map(|(&start, c)| {
                    (
                        p.label(start),
                        Rate::of(c[k], c[0], "no sessions").share(level),
                    )
                })
                .collect();
            (m, pts)
        })
        .collect();
    let series: Vec<(Metric, Vec<(String, &Rate)>)> = rates
        .iter()
        .map(|(m, pts)| (*m, pts.iter().map(|(n, r)| (n.clone(), r)).collect()))
        .collect();
    let def = |metric: Metric, formula: &str| {
        Definition::new(
            metric,
            Variant::SessionsStartingInPeriod,
            Unit::Percent,
            formula,
        )
    };
    let periods = per
        .iter()
        .map(|(&start, c)| SessionPeriod {
            period: p.label(start),
            sessions: c[0],
            bounce_rate: percent(
                c[1],
                c[0],
                level,
                def(
                    Metric::BounceRate,
                    "bounced sessions (headline rule) / sessions starting in the period",
                ),
            ),
            engagement_rate: percent(
                c[2],
                c[0],
                level,
                def(
                    Metric::EngagementRate,
                    "engaged sessions / sessions starting in the period",
                ),
            ),
            conversion_rate: conversion.then(|| {
                percent(
                    c[3],
                    c[0],
                    level,
                    def(
                        Metric::SessionConversionRate,
                        "sessions with the conversion event / sessions starting in the period",
                    ),
                )
            }),
        })
        .collect();
    (
        periods,
        rate_changes(crate::vocab::Kind::Events, &series, level),
    )
}

impl crate::metrics::signals::Headlines for EventsMetrics {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        vec![
            (Metric::BounceRate, self.sessions.bounce.headline.value),
            (
                Metric::ConversionRate,
                self.conversion.as_ref().and_then(|c| c.users.value),
            ),
            (
                Metric::ActivationRate,
                self.activation.as_ref().and_then(|a| a.rate.value),
            ),
            (Metric::ChurnRate, self.churn.value),
        ]
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        let of = |f: fn(&SessionPeriod) -> Option<f64>| {
            self.session_periods
                .iter()
                .map(|x| (x.period.clone(), f(x), x.sessions as f64))
                .collect()
        };
        vec![
            (Metric::BounceRate, of(|x| x.bounce_rate.value)),
            (
                Metric::SessionEngagementRate,
                of(|x| x.engagement_rate.value),
            ),
            (
                Metric::SessionConversionRate,
                of(|x| x.conversion_rate.as_ref().and_then(|c| c.value)),
            ),
        ]
    }
}

/// A funnel proposed from the file when it has no standard steps: the most common sequence of
/// users' first three distinct events, in the order they first did them (ties: the sequence
/// whose names sort first, so row order never matters). None when no sequence of two or more
/// steps is shared by two users.
fn proposed_funnel(log: &EventLog) -> Option<Vec<String>> {
    const STEPS: usize = 3;
    let mut counts: std::collections::BTreeMap<Vec<&str>, u64> = Default::default();
    for u in 0..log.n_users() {
        let mut path: Vec<&str> = Vec::with_capacity(STEPS);
        for i in log.rows_of(u) {
            let e = log.event_names.name(log.event[i]);
            if !path.contains(&e) {
                path.push(e);
                if path.len() == STEPS {
                    break;
                }
            }
        }
        if path.len() >= 2 {
            *counts.entry(path).or_default() += 1;
        }
    }
    // The largest count; among equals the first in name order (max_by keeps the last).
    let (path, n) = counts.into_iter().rev().max_by_key(|(_, n)| *n)?;
    (n >= 2).then(|| path.iter().map(|s| s.to_string()).collect())
}

fn session_stats(
    log: &EventLog,
    s: &EventsSettings,
    sess: &[Session],
    iv: &crate::stats::Bootstrap,
) -> SessionStats {
    let level = iv.level;
    let n = sess.len() as u64;
    let total: f64 = sess.iter().map(|x| x.duration() as f64).sum();
    let multi: Vec<&Session> = sess.iter().filter(|x| x.events >= 2).collect();
    let multi_total: f64 = multi.iter().map(|x| x.duration() as f64).sum();
    let mut durations: Vec<f64> = sess.iter().map(|x| x.duration() as f64).collect();
    let count = |rule| sess.iter().filter(|x| bounced(x, s, rule)).count() as u64;
    let bounce_def = |variant: Variant, formula: &str| {
        Definition::new(Metric::BounceRate, variant, Unit::Percent, formula)
            .param("engagedSeconds", s.engaged_seconds)
            .param("engagedPageViews", s.engaged_page_views as f64)
    };
    let single_event = percent(
        count(BounceRule::SingleEvent),
        n,
        level,
        bounce_def(
            Variant::SingleEvent,
            "sessions with exactly one event / sessions (Universal Analytics)",
        ),
    );
    let not_engaged_n = count(BounceRule::NotEngaged);
    let not_engaged = percent(not_engaged_n, n, level, bounce_def(Variant::NotEngaged, "sessions not engaged / sessions, engaged = longer than engagedSeconds, or ≥ engagedPageViews page views, or a key event (GA4: 1 − engagement rate)"));
    let engagement_rate = percent(
        n - not_engaged_n,
        n,
        level,
        bounce_def(Variant::EngagementRate, "engaged sessions / sessions (GA4)"),
    );
    // Without a page column or a page-view event there are no page views: the page-view
    // figures do not apply (null with the reason), rather than reading 0.
    let has_page_views = sess.iter().any(|x| x.page_views > 0);
    const NO_PAGES: &str = "no page views in the file (no page column and no page-view event)";
    let mut single_page_view = percent(count(BounceRule::SinglePageView), n, level, bounce_def(Variant::SinglePageView, "sessions with one page view, no other event, shorter than engagedSeconds / sessions (PostHog)"));
    if !has_page_views && n > 0 {
        single_page_view.value = None;
        single_page_view.interval = None;
        single_page_view.unavailable_reason = Some(NO_PAGES.to_string());
    }
    let headline = match s.bounce {
        BounceRule::SingleEvent => single_event.clone(),
        BounceRule::NotEngaged => not_engaged.clone(),
        BounceRule::SinglePageView => single_page_view.clone(),
    };
    // Entry and exit pages.
    let mut entries: rustc_hash::FxHashMap<u32, (u64, u64, u64)> = Default::default();
    for x in sess {
        if x.entry_page != NO_ID {
            let e = entries.entry(x.entry_page).or_default();
            e.0 += 1;
            e.1 += u64::from(x.events == 1);
        }
        if x.exit_page != NO_ID {
            entries.entry(x.exit_page).or_default().2 += 1;
        }
    }
    let page_name = |pg: u32| {
        log.pages
            .as_ref()
            .map(|d| d.name(pg).to_string())
            .unwrap_or_default()
    };
    let mut entry_pages: Vec<PageStats> = entries
        .into_iter()
        .map(|(pg, (e, b, x))| PageStats {
            page: page_name(pg),
            entries: e,
            entry_bounce_rate: (e > 0).then(|| b as f64 / e as f64),
            exits: x,
        })
        .collect();
    entry_pages.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.page.cmp(&b.page)));
    entry_pages.truncate(20);
    let users_with_sessions = {
        let mut u: Vec<u32> = sess.iter().map(|x| x.user).collect();
        u.dedup();
        u.len() as u64
    };
    let mut def = Definition::new(
        Metric::Sessions,
        if log.session.is_some() { Variant::SessionId } else { Variant::InactivityGap },
        Unit::Seconds,
        if log.session.is_some() {
            "a session = the events of one user with one session id; duration = last − first event time".to_string()
        } else {
            "a new session starts at a user's first event and after every gap longer than sessionTimeoutSeconds (a gap of exactly the timeout stays in the session); duration = last − first event time".to_string()
        },
    )
    .param("sessionTimeoutSeconds", s.session_timeout_seconds);
    if let Some(m) = s.max_session_seconds {
        def = def.param("maxSessionSeconds", m);
    }
    if s.split_at_midnight {
        def = def.param("splitAtMidnight", "yes");
    }
    SessionStats {
        source: if log.session.is_some() {
            Variant::SessionId
        } else {
            Variant::InactivityGap
        },
        count: n,
        mean_duration_seconds: mean(total, n),
        mean_duration_multi_event_seconds: mean(multi_total, multi.len() as u64),
        median_duration_seconds: median(&mut durations),
        median_duration_interval: {
            // `median` sorted the durations.
            iv.quantile(&durations, 0.5)
        },
        events_per_session: mean(sess.iter().map(|x| x.events as f64).sum(), n),
        page_views_per_session: mean(sess.iter().map(|x| x.page_views as f64).sum(), n)
            .filter(|_| has_page_views),
        sessions_per_user: mean(n as f64, users_with_sessions),
        bounce: Bounce {
            rule: s.bounce,
            headline,
            single_event,
            not_engaged,
            single_page_view,
            engagement_rate,
        },
        entry_pages,
        definition: def,
    }
}

/// Event names with a usage curve per period (the most used).
const MAX_FEATURES: usize = 50;

fn feature_usage(
    log: &EventLog,
    periods: &Periods,
    p: &Periodizer,
    active_periods: &[Vec<usize>],
) -> Vec<FeatureUsage> {
    let ne = log.event_names.len();
    let np = periods.starts.len();
    // Users and events per name for every name; the per-period curves for the most used only
    // (a column of near-unique names would otherwise need names × periods cells).
    let mut users = vec![0u64; ne];
    let mut events = vec![0u64; ne];
    let mut seen = vec![usize::MAX; ne];
    for u in 0..log.n_users() {
        for i in log.rows_of(u) {
            let e = log.event[i] as usize;
            events[e] += 1;
            if seen[e] != u {
                seen[e] = u;
                users[e] += 1;
            }
        }
    }
    let mut top: Vec<usize> = (0..ne).collect();
    crate::dataset::table::sort_indices(&mut top, &|a, b| {
        users[b].cmp(&users[a]).then_with(|| {
            log.event_names
                .name(a as u32)
                .cmp(log.event_names.name(b as u32))
        })
    });
    top.truncate(MAX_FEATURES);
    let mut slot = vec![usize::MAX; ne];
    for (k, &e) in top.iter().enumerate() {
        slot[e] = k;
    }
    let nt = top.len();
    let mut first_use = vec![vec![0u64; np]; nt];
    let mut in_period = vec![vec![0u64; np]; nt];
    let mut seen = vec![usize::MAX; nt];
    let mut last = vec![(usize::MAX, usize::MAX); nt];
    let mut active = vec![0u64; np];
    for ps in active_periods {
        for &q in ps {
            active[q] += 1;
        }
    }
    for u in 0..log.n_users() {
        for i in log.rows_of(u) {
            let k = slot[log.event[i] as usize];
            if k == usize::MAX {
                continue;
            }
            let q = periods.index(log.day[i]);
            if last[k] != (u, q) {
                last[k] = (u, q);
                in_period[k][q] += 1;
            }
            if seen[k] != u {
                seen[k] = u;
                first_use[k][q] += 1;
            }
        }
    }
    // Users seen up to each period (by their first period).
    let mut new_by_period = vec![0u64; np];
    for ps in active_periods {
        if let Some(&f) = ps.first() {
            new_by_period[f] += 1;
        }
    }
    let nu = log.active_users as u64;
    let ne_total = log.len() as u64;
    let mut out: Vec<FeatureUsage> = top
        .iter()
        .enumerate()
        .map(|(k, &e)| {
            let (mut cum, mut seen_users) = (0u64, 0u64);
            let adoption = (0..np)
                .map(|q| {
                    cum += first_use[k][q];
                    seen_users += new_by_period[q];
                    AdoptionPoint {
                        period: p.label(periods.starts[q]),
                        users: in_period[k][q],
                        share_of_active: (active[q] > 0)
                            .then(|| 100.0 * in_period[k][q] as f64 / active[q] as f64),
                        first_time_users: first_use[k][q],
                        cumulative_users: cum,
                        cumulative_share: (seen_users > 0)
                            .then(|| 100.0 * cum as f64 / seen_users as f64),
                    }
                })
                .collect();
            FeatureUsage {
                event: log.event_names.name(e as u32).to_string(),
                users: users[e],
                events: events[e],
                share_of_users: (nu > 0).then(|| 100.0 * users[e] as f64 / nu as f64),
                share_of_events: (ne_total > 0).then(|| 100.0 * events[e] as f64 / ne_total as f64),
                events_per_user: (users[e] > 0).then(|| events[e] as f64 / users[e] as f64),
                adoption,
            }
        })
        .collect();
    out.sort_by(|a, b| b.users.cmp(&a.users).then(a.event.cmp(&b.event)));
    out
}
