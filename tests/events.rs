//! Events metrics on small hand-built logs; every expected number is worked out in the
//! comments from the rows above it.

mod common;

use common::{close, events, TOL};

const SESSIONS: &str = "user_id,timestamp,event,page
a,2024-01-01T10:00:00Z,page_view,/home
a,2024-01-01T10:30:00Z,page_view,/pricing
a,2024-01-01T11:00:01Z,page_view,/home
b,2024-01-01T09:00:00Z,page_view,/home
c,2024-01-02T08:00:00Z,page_view,/blog
c,2024-01-02T08:00:05Z,click,/blog
";

#[test]
fn sessions_at_the_timeout_boundary_and_every_bounce_rule() {
    let r = events(SESSIONS.as_bytes(), "{}");
    let s = &r.events.sessions;
    // a: 10:00 → 10:30 is a gap of exactly 1800 s (same session); 10:30 → 11:00:01 is 1801 s
    // (new session). Sessions: a1 (1800 s, 2 page views), a2 (0 s), b1 (0 s), c1 (5 s, view + click).
    assert_eq!(s.count, 4);
    assert_eq!(s.source, "inactivityGap");
    close(
        s.mean_duration_seconds,
        (1800.0 + 0.0 + 0.0 + 5.0) / 4.0,
        TOL,
    );
    close(
        s.mean_duration_multi_event_seconds,
        (1800.0 + 5.0) / 2.0,
        TOL,
    );
    close(s.median_duration_seconds, 2.5, TOL);
    close(s.events_per_session, 6.0 / 4.0, TOL);
    close(s.page_views_per_session, 5.0 / 4.0, TOL);
    close(s.sessions_per_user, 4.0 / 3.0, TOL);
    // UA: single-event sessions a2, b1 → 2/4.
    close(s.bounce.single_event.value, 50.0, TOL);
    // GA4: engaged = > 10 s or ≥ 2 page views or a key event: only a1 → 3/4 not engaged.
    close(s.bounce.not_engaged.value, 75.0, TOL);
    close(s.bounce.engagement_rate.value, 25.0, TOL);
    // PostHog: one page view, nothing else, < 10 s: a2, b1 (c1 has a click) → 2/4.
    close(s.bounce.single_page_view.value, 50.0, TOL);
    close(s.bounce.headline.value, 50.0, TOL);
    // Entry pages: /home (a1, a2, b1; bounces a2, b1), /blog (c1).
    let home = &s.entry_pages[0];
    assert_eq!(
        (home.page.as_str(), home.entries, home.exits),
        ("/home", 3, 2)
    );
    close(home.entry_bounce_rate, 2.0 / 3.0, TOL);
    assert_eq!(
        (s.entry_pages[1].page.as_str(), s.entry_pages[1].entries),
        ("/blog", 1)
    );

    // Activity (UTC): 01-01 a, b; 01-02 c. WAU and MAU on 01-02: a, b, c.
    let d = &r.events.activity.daily;
    assert_eq!(d.len(), 2);
    assert_eq!(
        (d[0].date.as_str(), d[0].dau, d[0].wau, d[0].mau),
        ("2024-01-01", 2, 2, 2)
    );
    assert_eq!((d[1].dau, d[1].wau, d[1].mau), (1, 3, 3));
    close(d[1].stickiness, 1.0 / 3.0, TOL);
    close(r.events.activity.mean_dau, 1.5, TOL);
    // Two days of data: no day has a whole 30-day MAU window, so no stickiness; the all-days
    // variant averages 1 (day one, its window cut to one day) and 1/3.
    assert_eq!(r.events.activity.mean_stickiness, None);
    assert_eq!(r.events.activity.stickiness_days, 0);
    close(
        r.events.activity.mean_stickiness_all_days,
        (1.0 + 1.0 / 3.0) / 2.0,
        TOL,
    );
    assert_eq!(r.events.summary.users, 3);

    // A larger timeout joins a1 and a2; the GA4 preset makes notEngaged the headline.
    let r = events(
        SESSIONS.as_bytes(),
        r#"{"events": {"sessionTimeoutSeconds": 1801, "preset": "ga4"}}"#,
    );
    assert_eq!(r.events.sessions.count, 3);
    close(r.events.sessions.bounce.headline.value, 200.0 / 3.0, TOL);
    assert_eq!(r.events.settings.mau_days, 28);
}

#[test]
fn out_of_order_rows_and_duplicates_give_the_same_metrics() {
    let base = events(SESSIONS.as_bytes(), "{}");
    let mut lines: Vec<&str> = SESSIONS.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    lines.push("c,2024-01-02T08:00:05Z,click,/blog"); // an exact duplicate
    let shuffled = format!("{header}\n{}\n", lines.join("\n"));
    let r = events(shuffled.as_bytes(), "{}");
    assert_eq!(r.events.sessions, base.events.sessions);
    assert_eq!(r.events.activity, base.events.activity);
    assert_eq!(r.events.retention, base.events.retention);
    assert_eq!(r.events.summary.duplicates_removed, 1);
    assert_eq!(r.events.summary.events, 6);
    assert!(r.warnings.iter().any(|w| w.code == "DUPLICATE_EVENTS"));
    let kept = events(
        shuffled.as_bytes(),
        r#"{"events": {"keepDuplicates": true}}"#,
    );
    assert_eq!(kept.events.summary.events, 7);
}

#[test]
fn midnight_and_dst_in_a_non_utc_time_zone() {
    // d: 22:30Z, 22:50Z, 23:10Z on 03-30 = Paris 23:30, 23:50 (03-30) and 00:10 (03-31).
    // f: naive 02:30 on 03-31 falls in Paris's spring-forward gap → 03:30 local = 01:30Z; with
    //    01:40Z that is one 600 s session. Read in UTC, 02:30Z is 50 min after 01:40Z: two.
    // g: naive 02:30 on 10-27 is in the autumn fold → the earlier instant, 00:30Z; with 00:45Z
    //    one 900 s session.
    let log = "user_id,timestamp,event
d,2024-03-30T22:30:00Z,open
d,2024-03-30T22:50:00Z,open
d,2024-03-30T23:10:00Z,open
f,2024-03-31 02:30,open
f,2024-03-31T01:40:00Z,open
g,2024-10-27 02:30,open
g,2024-10-27T00:45:00Z,open
";
    let paris = events(
        log.as_bytes(),
        r#"{"timezone": "Europe/Paris", "granularity": "day"}"#,
    );
    let s = &paris.events.sessions;
    assert_eq!(s.count, 3);
    close(s.mean_duration_seconds, (2400.0 + 600.0 + 900.0) / 3.0, TOL);
    let day = |r: &engagement_metrics::report::EventsReport, date: &str| {
        r.events
            .activity
            .daily
            .iter()
            .find(|x| x.date == date)
            .map(|x| x.dau)
    };
    // d is active on both local days in Paris; f on 03-31.
    assert_eq!(day(&paris, "2024-03-30"), Some(1));
    assert_eq!(day(&paris, "2024-03-31"), Some(2));
    assert_eq!(day(&paris, "2024-10-27"), Some(1));
    // Split at midnight: d's session breaks at local 00:00.
    let split = events(
        log.as_bytes(),
        r#"{"timezone": "Europe/Paris", "events": {"splitAtMidnight": true}}"#,
    );
    assert_eq!(split.events.sessions.count, 4);
    // In UTC: d is on 03-30 only; the naive times are read as UTC, so f (01:40Z, 02:30Z) and
    // g (00:45Z, 02:30Z) each have two sessions: 1 + 2 + 2.
    let utc = events(log.as_bytes(), r#"{"granularity": "day"}"#);
    assert_eq!(day(&utc, "2024-03-30"), Some(1));
    assert_eq!(day(&utc, "2024-03-31"), Some(1));
    assert_eq!(utc.events.sessions.count, 5);
}

const FUNNEL: &str = "user_id,timestamp,event
u1,2024-01-01T10:00:00Z,signup
u1,2024-01-01T10:05:00Z,add_to_cart
u1,2024-01-01T10:10:00Z,purchase
u2,2024-01-01T10:00:00Z,add_to_cart
u2,2024-01-01T10:01:00Z,signup
u3,2024-01-01T10:00:00Z,signup
u3,2024-01-09T10:00:00Z,add_to_cart
u3,2024-01-09T10:00:01Z,purchase
u4,2024-01-02T00:00:00Z,signup
u4,2024-01-09T00:00:00Z,activate
u5,2024-01-02T00:00:00Z,signup
u5,2024-01-09T00:00:01Z,activate
";

#[test]
fn funnel_in_order_within_the_window_activation_and_conversion() {
    let r = events(
        FUNNEL.as_bytes(),
        r#"{"events": {"funnel": ["signup", "add_to_cart", "purchase"]}}"#,
    );
    let f = r.events.funnel.as_ref().unwrap();
    // u1 completes (300 s between steps); u2 added to cart *before* signing up; u3's cart is
    // 8 days after sign-up, outside the 7-day window; u4, u5 only signed up.
    let users: Vec<u64> = f.steps.iter().map(|s| s.users).collect();
    assert_eq!(users, [5, 1, 1]);
    close(f.steps[1].conversion_from_previous, 0.2, TOL);
    close(f.steps[2].conversion_from_previous, 1.0, TOL);
    close(f.steps[2].conversion_from_first, 0.2, TOL);
    assert_eq!((f.steps[1].drop_off, f.steps[2].drop_off), (4, 0));
    close(f.steps[1].median_seconds_from_previous, 300.0, TOL);
    close(f.overall_conversion, 0.2, TOL);
    // With a 10-day window u3 completes too: medians of (300, 691200) and (300, 1).
    let wide = events(
        FUNNEL.as_bytes(),
        r#"{"events": {"funnel": ["signup", "add_to_cart", "purchase"], "funnelWindowDays": 10}}"#,
    );
    let w = wide.events.funnel.as_ref().unwrap();
    assert_eq!(w.steps[2].users, 2);
    close(
        w.steps[1].median_seconds_from_previous,
        (300.0 + 691_200.0) / 2.0,
        TOL,
    );
    close(
        w.steps[2].median_seconds_from_previous,
        (300.0 + 1.0) / 2.0,
        TOL,
    );

    // Cart abandonment: add_to_cart users u1, u2, u3; u1 and u3 purchase within 7 days of it.
    close(
        r.events.cart_abandonment.as_ref().unwrap().value,
        100.0 / 3.0,
        1e-9,
    );
    // Conversion (purchase): u1, u3 of 5 users.
    let c = r.events.conversion.as_ref().unwrap();
    assert_eq!(c.event, "purchase");
    close(c.users.value, 40.0, TOL);
    // Activation within 7 days inclusive: u4 (exactly 7 × 24 h) yes, u5 (one second more) no.
    let a = r.events.activation.as_ref().unwrap();
    assert_eq!((a.signup_users, a.activated_users), (5, 1));
    close(a.rate.value, 20.0, TOL);
}

const COHORTS: &str = "user_id,timestamp,event
p,2024-01-01T12:00:00Z,open
p,2024-01-08T12:00:00Z,open
p,2024-01-22T12:00:00Z,open
q,2024-01-02T12:00:00Z,open
q,2024-01-16T12:00:00Z,open
r,2024-01-10T12:00:00Z,open
s,2024-01-09T12:00:00Z,open
s,2024-01-17T12:00:00Z,open
s,2024-01-23T12:00:00Z,open
";

#[test]
fn weekly_cohorts_lifecycle_and_week_one_engagement() {
    let r = events(COHORTS.as_bytes(), r#"{"granularity": "week"}"#);
    let c = &r.events.retention.cohorts;
    // Weeks from Monday 2024-01-01: p 0,1,3; q 0,2; r 1; s 1,2,3.
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].cohort.as_str(), c[0].size), ("2024-01-01", 2));
    assert_eq!(c[0].exact, [2, 1, 1, 1]);
    assert_eq!(c[0].on_or_after, [2, 2, 2, 1]);
    assert_eq!((c[1].cohort.as_str(), c[1].size), ("2024-01-08", 2));
    assert_eq!(c[1].exact, [2, 1, 1]);
    assert_eq!(c[1].on_or_after, [2, 1, 1]);
    close(c[0].exact_rate[1], 0.5, TOL);
    let life: Vec<(u64, u64, u64, u64)> = r
        .events
        .lifecycle
        .iter()
        .map(|l| (l.new, l.returning, l.resurrecting, l.dormant))
        .collect();
    assert_eq!(
        life,
        [(2, 0, 0, 0), (2, 1, 0, 1), (0, 1, 1, 2), (0, 1, 1, 1)]
    );
    // Active days per week: one day each for every active user.
    let ad: Vec<(u64, Vec<u64>)> = r
        .events
        .activity
        .active_days
        .iter()
        .map(|x| (x.active_users, x.users.clone()))
        .collect();
    assert_eq!(ad, [(2, vec![2]), (3, vec![3]), (2, vec![2]), (2, vec![2])]);
    // Week 1: p returns on day 7 (01-08); q on day 14, r never, s on day 8 → 1 of 4.
    close(r.events.week1_engagement.value, 25.0, TOL);
    // On 01-10: WAU = p (01-08), s (01-09), r (01-10); MAU = all four.
    let day = r
        .events
        .activity
        .daily
        .iter()
        .find(|d| d.date == "2024-01-10")
        .unwrap();
    assert_eq!((day.dau, day.wau, day.mau), (1, 3, 4));
    // Nobody is inactive for more than 30 days before 01-23; with 10 days, q (01-16 → 7 days)
    // is still active and r (01-10, 13 days) has churned.
    close(r.events.churn.value, 0.0, TOL);
    let r10 = events(
        COHORTS.as_bytes(),
        r#"{"granularity": "week", "events": {"churnDays": 10}}"#,
    );
    close(r10.events.churn.value, 25.0, TOL);
    // Feature adoption: "open" used by all 4 users; in week 1 by p, r, s (all 3 active), first
    // time by r and s; cumulative 4 of the 4 users seen by then.
    let f = &r.events.features[0];
    assert_eq!(f.users, 4);
    close(f.share_of_users, 100.0, TOL);
    let w1 = &f.adoption[1];
    assert_eq!(
        (w1.users, w1.first_time_users, w1.cumulative_users),
        (3, 2, 4)
    );
    close(w1.share_of_active, 100.0, TOL);
    close(w1.cumulative_share, 100.0, TOL);
}

#[test]
fn a_single_event_and_a_session_id_column() {
    let one = events(b"user,time,event\nz,2024-05-01T00:00:00Z,open\n", "{}");
    assert_eq!(one.events.sessions.count, 1);
    close(one.events.sessions.mean_duration_seconds, 0.0, TOL);
    assert_eq!(one.events.sessions.mean_duration_multi_event_seconds, None);
    close(one.events.sessions.bounce.single_event.value, 100.0, TOL);
    // Session ids win over gaps: s1 spans two hours, s2 interleaves with it.
    let log = "user_id,session_id,timestamp,event
a,s1,2024-01-01T10:00:00Z,view
a,s2,2024-01-01T10:10:00Z,view
a,s1,2024-01-01T12:00:00Z,view
";
    let r = events(log.as_bytes(), "{}");
    assert_eq!(r.events.sessions.source, "sessionId");
    assert_eq!(r.events.sessions.count, 2);
    close(
        r.events.sessions.mean_duration_seconds,
        (7200.0 + 0.0) / 2.0,
        TOL,
    );
}

mod shuffled {
    use super::common::options;
    use engagement_metrics::{analyze, Report};
    use proptest::prelude::*;

    fn metrics(text: &str, opts: &str) -> String {
        match analyze(text.as_bytes(), options(opts)).unwrap() {
            Report::Events(r) => format!("{:?}", r.events),
            _ => panic!("not events"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Rows in any order, fed in any chunks, give identical events metrics.
        #[test]
        fn order_and_chunking_do_not_matter(
            rows in proptest::collection::vec((0u8..6, 0u32..(20 * 86_400), 0u8..4, 0u8..3), 1..80),
            perm_seed in any::<u64>(),
            cut in 0usize..4000,
        ) {
            let names = ["signup", "page_view", "add_to_cart", "purchase"];
            let line = |&(u, t, e, p): &(u8, u32, u8, u8)| {
                let ts = chrono::DateTime::from_timestamp(1_704_067_200 + t as i64, 0).unwrap();
                format!("u{u},{},{},/p{p}", ts.format("%Y-%m-%dT%H:%M:%SZ"), names[e as usize])
            };
            // Every funnel step occurs (a step naming no event of the file is an error).
            let header = "user_id,timestamp,event,page\nu9,2024-01-01T00:00:00Z,signup,/p0\nu9,2024-01-01T00:01:00Z,add_to_cart,/p0\nu9,2024-01-01T00:02:00Z,purchase,/p0\n";
            let text: String = header.to_string() + &rows.iter().map(line).collect::<Vec<_>>().join("\n");
            let mut shuffled = rows.clone();
            let mut x = perm_seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let other: String = header.to_string() + &shuffled.iter().map(line).collect::<Vec<_>>().join("\n");
            let opts = r#"{"granularity": "week", "timezone": "America/New_York", "events": {"funnel": ["signup", "add_to_cart", "purchase"]}}"#;
            let want = metrics(&text, opts);
            prop_assert_eq!(metrics(&other, opts), want.clone());
            // Chunked: split the shuffled file anywhere.
            let cut = cut.min(other.len());
            let mut a = engagement_metrics::Analyzer::new(options(opts)).unwrap();
            a.push(&other.as_bytes()[..cut]).unwrap();
            a.push(&other.as_bytes()[cut..]).unwrap();
            let got = match a.finish().unwrap() { Report::Events(r) => format!("{:?}", r.events), _ => unreachable!() };
            prop_assert_eq!(got, want);
        }
    }
}

#[test]
fn segment_breakdown_and_filter() {
    let log = "user_id,timestamp,event,platform
a,2024-01-01T10:00:00Z,page_view,ios
a,2024-01-01T10:05:00Z,purchase,ios
b,2024-01-01T11:00:00Z,page_view,web
c,2024-01-02T11:00:00Z,page_view,web
c,2024-01-02T11:00:10Z,click,android
";
    let r = events(log.as_bytes(), r#"{"segments": ["platform"]}"#);
    let seg = &r.events.segments[0];
    assert_eq!(seg.column, "platform");
    let rows: Vec<(&str, u64, u64, u64)> = seg
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.users, v.events, v.sessions))
        .collect();
    // Users by their first event (c starts on web), sessions by their first event, events by row.
    assert_eq!(
        rows,
        [("web", 2, 2, 2), ("ios", 1, 2, 1), ("android", 0, 1, 0)]
    );
    // Bounce (single event): b's session only → web 1/2, ios 0/1. Conversion (purchase): a.
    close(seg.values[0].bounce_rate, 50.0, TOL);
    close(seg.values[1].bounce_rate, 0.0, TOL);
    close(seg.values[1].conversion_rate, 100.0, TOL);
    close(seg.values[0].conversion_rate, 0.0, TOL);
    // Filtered to web: b and c's first event; every metric on those rows only.
    let web = events(
        log.as_bytes(),
        r#"{"segments": ["platform"], "events": {"filter": {"column": "platform", "value": "WEB"}}}"#,
    );
    assert_eq!(web.events.filtered_out, 3);
    assert_eq!(
        (web.events.summary.users, web.events.summary.events),
        (2, 2)
    );
    close(web.events.sessions.bounce.single_event.value, 100.0, TOL);
    let err = engagement_metrics::analyze(
        log.as_bytes(),
        common::options(r#"{"events": {"filter": {"column": "country", "value": "x"}}}"#),
    )
    .unwrap_err();
    assert_eq!(err.code(), "COLUMN_NOT_FOUND");
}

#[test]
fn rows_without_an_event_name_are_page_views() {
    // Found by fuzzing: the event column exists but the only kept row naming a page has no
    // event (the row with an event has no time and is skipped).
    let log = "user,time,event,page\nu2,2024-01-01T11:00:00Z,,/home\nu1,,logout,\n";
    let r = events(log.as_bytes(), "{}");
    assert_eq!(r.events.summary.events, 1);
    assert_eq!(r.events.features[0].event, "page_view");
    assert_eq!(r.events.sessions.page_views_per_session, Some(1.0));
    let json = "[\n {\"user\": \"u1\", \"time\": \"2024-01-01T10:00:00Z\", \"eventsatisf\": \"loGin\", \"props\": {\"a\": 1}},\n {\"user\": \"u2\", \"time\": \"2024-01-01T11:00:00Z\", \"eveGt\": \"view\", \"page\": \"/home\"},\n 42,\n {\"user\": \"u1\", \"time\": null, \"event\": \"logout\"}\n]\n";
    let r = engagement_metrics::analyze(
        json.as_bytes(),
        common::options(r#"{"decimalMark": "comma"}"#),
    );
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn a_placeholder_date_is_rejected_not_stretched_over_centuries() {
    let log = "user,time,event\na,2024-01-01T10:00:00Z,open\nb,0001-01-01,open\nc,9999-12-31T00:00:00Z,open\n";
    let r = events(log.as_bytes(), r#"{"granularity": "day"}"#);
    assert_eq!(r.events.summary.events, 1);
    assert_eq!(r.events.activity.daily.len(), 1);
    let bad = r
        .rejected
        .iter()
        .find(|x| x.code == "INVALID_TIMESTAMP")
        .unwrap();
    assert_eq!(bad.count, 2);
}
