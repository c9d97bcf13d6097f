//! Intervals and comparisons of the non-survey kinds, each expected number computed outside
//! the engine: scipy 1.14.1 / statsmodels 0.14.4 (see tests/fixtures/stats-reference.py).

mod common;

use common::{campaigns, close, events, report, tickets, transactions, TOL};
use engagement_metrics::metrics::compare::MetricComparison;
use engagement_metrics::stats::ratio::compare_ratios;
use engagement_metrics::stats::significance::{two_proportions, welch};
use engagement_metrics::stats::{Moments, RatioSums};
use engagement_metrics::Report;

/// A comparison too small for its test: the reason, and no p-value or verdict.
fn too_few(c: &MetricComparison) {
    let reason = c.unavailable_reason.as_deref().unwrap_or_default();
    assert!(reason.starts_with("too few to test (n = "), "{c:#?}");
    assert!(c.comparison.is_none() && c.adjusted_p_value.is_none() && !c.significant);
}

/// Welch's test of two lists of values (b against a) at 95 %.
fn welch_of(a: &[f64], b: &[f64]) -> engagement_metrics::stats::significance::Comparison {
    let s = |v: &[f64]| Moments::of(v.iter().copied()).sample().unwrap();
    welch(s(a), s(b), 0.95).unwrap()
}

/// These files span a few days of each month: their periods are partial, tested here anyway.
const ALL: &str = r#"{"includePartialPeriods": true}"#;

fn find<'a>(cs: &'a [MetricComparison], metric: &str, group: &str) -> &'a MetricComparison {
    cs.iter()
        .find(|c| c.metric == metric && c.group == group)
        .unwrap_or_else(|| panic!("no {metric} for {group} in {cs:#?}"))
}

const POSTS: &str = "post_id,date,platform,likes,comments,shares,followers
p1,2024-01-05,instagram,100,10,5,10000
p2,2024-01-20,instagram,50,5,0,10100
p3,2024-02-03,instagram,200,20,10,10500
p4,2024-02-10,tiktok,300,30,30,2000
";

#[test]
fn engagement_rates_have_delta_method_intervals_and_changes() {
    let Report::Social(r) = report(POSTS.as_bytes(), ALL) else {
        panic!("not social")
    };
    let s = &r.social;
    // January: posts (115, 10000) and (55, 10100). Delta-method interval of Σe/Σf × 100,
    // var = n/(n−1)·Σ(e − R f)²/(Σf)², R ± t(n − 1)·se: statsmodels 0.14.4
    // WLS(e, f, weights=1/f).fit(cov_type='HC1', use_t=True).conf_int() = (−0.0300059,
    // 0.0469213); a rate of counts cannot be negative, so the low end is clipped at 0.
    let i = s.periods[0].engagement_rate.by_followers.interval.unwrap();
    assert_eq!(i.method, "deltaRatio");
    close(Some(i.low), 0.0, 1e-12);
    close(Some(i.high), 4.692133460225355, 1e-9);
    // All four posts: conf_int (−0.0196022, 0.0662280).
    let all = s.overall.engagement_rate.by_followers.interval.unwrap();
    close(Some(all.high), 6.622801172219997, 1e-9);
    // February against January: two posts each, too few for the test in the report; the test
    // itself gives +3.874 points, z-test of two independent ratios, p 0.3632.
    too_few(find(&s.changes, "engagementRateByFollowers", "2024-02"));
    let sums = |posts: &[(f64, f64)]| {
        let mut r = RatioSums::default();
        for &(e, f) in posts {
            r.add(e, f);
        }
        r
    };
    let (jan, feb) = (
        sums(&[(115.0, 10000.0), (55.0, 10100.0)]),
        sums(&[(230.0, 10500.0), (360.0, 2000.0)]),
    );
    let k = &compare_ratios(&jan, &feb, 0.95, 100.0).unwrap();
    close(Some(k.difference), 3.874228855721393, 1e-9);
    close(Some(k.p_value), 0.36315759181295404, 1e-9);
    // A single post has no interval.
    assert!(s.top_posts[0]
        .engagement_rate
        .by_followers
        .interval
        .is_none());
}

#[test]
fn reviews_compare_periods_and_sources() {
    // January 40 ratings, February 50; text "Good" (positive) for ratings ≥ 4, else "Bad".
    let mut f = String::from("date,source,rating,review_text\n");
    let jan = [(5, 14), (4, 10), (3, 6), (2, 4), (1, 6)];
    let feb = [(5, 25), (4, 12), (3, 5), (2, 3), (1, 5)];
    for (month, counts, source) in [("01", jan, "google"), ("02", feb, "yelp")] {
        for (rating, n) in counts {
            for _ in 0..n {
                let text = if rating >= 4 { "Good" } else { "Bad" };
                f += &format!("2024-{month}-10,{source},{rating},{text}\n");
            }
        }
    }
    let (Report::Reviews(r) | Report::Mentions(r)) = report(f.as_bytes(), ALL) else {
        panic!("not reviews")
    };
    let v = &r.voice;
    // Good ratings 24/40 → 37/50: proportions_ztest([37, 24], [50, 40]) z 1.41221, p 0.157887.
    let good = find(&v.changes, "goodRatingShare", "2024-02");
    close(
        Some(good.comparison.as_ref().unwrap().p_value),
        0.15788709424946978,
        1e-9,
    );
    // The texts follow the ratings, so the positive share gives the same test.
    let pos = find(&v.changes, "positiveShare", "2024-02");
    close(
        Some(pos.comparison.as_ref().unwrap().statistic),
        1.412213542192082,
        1e-9,
    );
    // Mean rating: scipy ttest_ind(feb, jan, equal_var=False) t 1.449513, p 0.151087.
    let mean = find(&v.changes, "meanRating", "2024-02");
    let k = mean.comparison.as_ref().unwrap();
    close(Some(k.difference), 0.43, 1e-9);
    close(Some(k.statistic), 1.4495128964980508, 1e-9);
    close(Some(k.p_value), 0.15108688847777446, 1e-9);
    // Sources against the rest: here the same split, Holm over two sources doubles p.
    let yelp = find(&v.segment_changes, "meanRating", "yelp");
    assert_eq!(yelp.baseline, "rest of channel");
    close(
        yelp.adjusted_p_value,
        (2.0 * 0.15108688847777446f64).min(1.0),
        1e-9,
    );
}

#[test]
fn average_order_value_interval_is_over_customers() {
    // One month, customers (revenue, orders): (100, 2) (30, 1) (250, 3) (40, 1) (80, 2) (20, 1).
    // AOV 520 / 10 = 52; delta-method interval over customers, equal to statsmodels 0.14.4
    // WLS(revenue, orders, weights=1/orders).fit(cov_type='HC1', use_t=True).conf_int()
    // (se 11.5308282443, t with 5 df).
    let mut f = String::from("customer_id,order_id,date,amount\n");
    let customers = [
        (100.0, 2),
        (30.0, 1),
        (250.0, 3),
        (40.0, 1),
        (80.0, 2),
        (20.0, 1),
    ];
    let mut id = 0;
    for (c, (revenue, orders)) in customers.iter().enumerate() {
        for _ in 0..*orders {
            id += 1;
            let amount = revenue / *orders as f64;
            f += &format!("c{c},o{id},2024-03-{:02},{amount}\n", 1 + id);
        }
    }
    let r = transactions(f.as_bytes(), ALL);
    let p = &r.revenue.periods[0];
    close(p.average_order_value, 52.0, TOL);
    let i = p.average_order_value_interval.unwrap();
    close(Some(i.low), 22.35906236530972, 1e-9);
    close(Some(i.high), 81.64093763469029, 1e-9);
    // Historical CLV (net revenue per customer) gets a seeded bootstrap interval: the same
    // file gives the same interval, and another seed a different one.
    let h = |opts: &str| {
        let r = transactions(f.as_bytes(), opts);
        let v = r.lifetime_value.variants.last().unwrap().clone();
        assert_eq!(v.variant, "historical");
        v.interval.unwrap()
    };
    let a = h("{}");
    assert_eq!(a.method, "bootstrap");
    assert!(a.low < 520.0 / 6.0 && a.high > 520.0 / 6.0);
    assert_eq!(a, h("{}"));
    assert_ne!(a, h(r#"{"intervals": {"seed": 7}}"#));
}

#[test]
fn bounce_rate_changes_between_periods() {
    // January: 6 one-event sessions and 4 two-event sessions a minute long (engaged); February
    // 3 and 7. Bounce 6/10 → 3/10: proportions_ztest([3, 6], [10, 10]) z −1.3484, p 0.177530.
    let mut f = String::from("user_id,timestamp,event,page\n");
    for (month, bounced) in [("01", 6), ("02", 3)] {
        for u in 0..10 {
            f += &format!("u{month}{u},2024-{month}-05T10:00:00Z,page_view,/home\n");
            if u >= bounced {
                f += &format!("u{month}{u},2024-{month}-05T10:01:00Z,page_view,/pricing\n");
            }
        }
    }
    let r = events(f.as_bytes(), ALL);
    // Ten sessions a month: 3 expected bounces in the smaller group, too few for the z-test
    // in the report; the test itself on 6/10 against 3/10:
    too_few(find(&r.events.changes, "bounceRate", "2024-02"));
    let k = &two_proportions(6, 10, 3, 10, 0.95).unwrap();
    close(Some(k.statistic), -1.348399724926484, 1e-9);
    close(Some(k.p_value), 0.17752985241215347, 1e-9);
    close(Some(k.difference), -0.3, 1e-12);
    // Retention cells carry Wilson intervals: the January cohort (10 users) is all active in
    // its own month: statsmodels proportion_confint(10, 10, method="wilson") = (0.7224672, 1).
    let jan = &r.events.retention.cohorts[0];
    let i = jan.exact_interval[0].unwrap();
    close(Some(i.low), 0.7224672001371106, 1e-9);
    close(Some(i.high), 1.0, 1e-12);
    assert_eq!(jan.exact_interval.len(), jan.exact_rate.len());
}

#[test]
fn campaigns_are_compared_with_the_rest() {
    let f = "campaign,send_date,delivered,opens\nA,2024-01-05,1000,300\nB,2024-01-06,1000,250\n";
    let r = campaigns(f.as_bytes(), ALL);
    // A 300/1000 against the rest (B, 250/1000): proportions_ztest([300, 250], [1000, 1000])
    // p 0.0122827; Holm over two campaigns with equal p doubles it.
    let a = find(&r.campaigns.segment_changes, "openRate", "A");
    assert_eq!(a.baseline, "rest of campaign");
    close(
        Some(a.comparison.as_ref().unwrap().p_value),
        0.012282738972377402,
        1e-9,
    );
    close(a.adjusted_p_value, 2.0 * 0.012282738972377402, 1e-9);
    assert!(a.significant);
}

#[test]
fn median_intervals_are_bootstrap_by_default_and_order_statistic_by_option() {
    let mut f = String::from("ticket_id,created_at,handle_time_min\n");
    for i in 0..40 {
        f += &format!(
            "t{i},2024-01-{:02}T09:00:00Z,{}\n",
            1 + i % 28,
            3 + (i * i) % 17
        );
    }
    let boot = tickets(f.as_bytes(), "{}");
    let h = &boot.support.overall.handle_time;
    let m = h.median_interval.unwrap();
    assert_eq!(m.method, "bootstrap");
    assert!(m.low <= h.median.unwrap() && h.median.unwrap() <= m.high);
    assert_eq!(h.p90_interval.as_ref().unwrap().method, "bootstrap");
    let exact = tickets(
        f.as_bytes(),
        r#"{"intervals": {"quantiles": "orderStatistic"}}"#,
    );
    let e = exact.support.overall.handle_time.median_interval.unwrap();
    assert_eq!(e.method, "orderStatistic");
    // A bad setting is an option error, not a silent default.
    let opts = common::options(r#"{"intervals": {"resamples": 5}}"#);
    assert!(opts.resolve().is_err());
}

#[test]
fn trend_flags_and_benchmarks_for_campaigns() {
    // Open rates 20, 21, 19, 20, 22 % for five months, then 40 %: the trailing median is 20,
    // MAD 1, so the robust z of 40 is (40 − 20) / 1.4826 = 13.49 > 3 → flagged "up". Earlier
    // months have fewer than 4 trailing periods (or stay inside the band).
    let mut f = String::from("campaign,send_date,delivered,opens\n");
    for (m, opens) in [(1, 200), (2, 210), (3, 190), (4, 200), (5, 220), (6, 400)] {
        f += &format!("c{m},2024-{m:02}-05,1000,{opens}\n");
    }
    let r = campaigns(
        f.as_bytes(),
        r#"{"benchmarks": {"openRate": 25, "nps": 30}, "includePartialPeriods": true}"#,
    );
    let s = &r.signals;
    let flags: Vec<_> = s
        .trend_flags
        .iter()
        .filter(|t| t.metric == "openRate")
        .collect();
    assert_eq!(flags.len(), 1, "{flags:#?}");
    assert_eq!(
        (flags[0].period.as_str(), flags[0].direction.name()),
        ("2024-06", "up")
    );
    close(Some(flags[0].robust_z), 20.0 / 1.4826, 1e-9);
    // Open rate over the file: 1,420 / 6,000 = 23.67 %; the target 25 % → gap −1.33 points.
    // NPS has no figure in a campaigns file: no gap for it.
    assert_eq!(s.benchmarks.len(), 1);
    let b = &s.benchmarks[0];
    assert_eq!((b.metric.name(), b.target), ("openRate", 25.0));
    close(b.gap, 100.0 * 1420.0 / 6000.0 - 25.0, 1e-9);
}

#[test]
fn every_kind_reports_the_gap_to_its_targets() {
    // Each target 50 (percent, points or the rating scale); the gap is the report's own
    // figure in that unit minus 50.
    let sample = |name: &str| std::fs::read(format!("www/samples/{name}-sample.csv")).unwrap();
    let with = |names: &[&str]| {
        let t: Vec<String> = names.iter().map(|n| format!("\"{n}\": 50")).collect();
        format!(r#"{{"benchmarks": {{{}}}}}"#, t.join(", "))
    };
    let check = |gaps: &[engagement_metrics::metrics::signals::BenchmarkGap],
                 want: &[(&str, Option<f64>)]| {
        for (metric, value) in want {
            let g = gaps.iter().find(|g| g.metric == *metric).unwrap();
            assert_eq!(g.value.is_some(), value.is_some(), "{metric}");
            if let Some(v) = value {
                close(g.gap, v - 50.0, 1e-9);
            }
        }
        assert_eq!(gaps.len(), want.len());
    };
    let pct = |r: &engagement_metrics::metrics::rate::Rate| r.value.map(|v| 100.0 * v);

    let Report::Tickets(t) = report(
        &sample("tickets"),
        &with(&["firstContactResolution", "reopenRate", "csat", "openRate"]),
    ) else {
        panic!()
    };
    let o = &t.support.overall;
    check(
        &t.signals.benchmarks,
        &[
            ("firstContactResolution", pct(&o.first_contact_resolution)),
            ("reopenRate", pct(&o.reopen_rate)),
            ("csat", pct(&o.csat)),
        ],
    );

    let Report::Social(s) = report(&sample("social"), &with(&["engagementRate"])) else {
        panic!()
    };
    check(
        &s.signals.benchmarks,
        &[(
            "engagementRate",
            s.social.overall.engagement_rate.by_followers.value,
        )],
    );

    let (Report::Reviews(v) | Report::Mentions(v)) = report(
        &sample("reviews"),
        &with(&["averageRating", "goodRatingShare", "sentimentScore"]),
    ) else {
        panic!()
    };
    let rt = v.voice.overall.ratings.as_ref().unwrap();
    check(
        &v.signals.benchmarks,
        &[
            ("averageRating", rt.mean),
            ("goodRatingShare", pct(&rt.good_share)),
            (
                "sentimentScore",
                v.voice.overall.sentiment.as_ref().unwrap().score,
            ),
        ],
    );

    let Report::Events(e) = report(&sample("events"), &with(&["bounceRate", "churnRate"])) else {
        panic!()
    };
    check(
        &e.signals.benchmarks,
        &[
            ("bounceRate", e.events.sessions.bounce.headline.value),
            ("churnRate", e.events.churn.value),
        ],
    );

    let Report::Transactions(x) = report(
        &sample("transactions"),
        &with(&["churnRate", "retentionRate", "averageOrderValue"]),
    ) else {
        panic!()
    };
    let lv = &x.lifetime_value.inputs;
    check(
        &x.signals.benchmarks,
        &[
            ("churnRate", lv.churn_rate.map(|c| 100.0 * c)),
            ("retentionRate", lv.retention_rate.map(|c| 100.0 * c)),
            ("averageOrderValue", lv.average_order_value),
        ],
    );
}

#[test]
fn means_of_handle_time_and_arpu_are_compared_by_welch() {
    // Handle times (seconds) January [300, 420, 380, 510, 290], February [600, 450, 700, 520,
    // 480, 650]: scipy 1.14.1 ttest_ind(feb, jan, equal_var=False) t 3.255484, p 0.0100855.
    let mut f = String::from("ticket_id,created_at,handle_time_sec,channel\n");
    for (m, times, ch) in [
        ("01", &[300, 420, 380, 510, 290][..], "email"),
        ("02", &[600, 450, 700, 520, 480, 650][..], "chat"),
    ] {
        for (k, t) in times.iter().enumerate() {
            f += &format!("t{m}{k},2024-{m}-{:02}T09:00:00Z,{t},{ch}\n", k + 1);
        }
    }
    let r = tickets(f.as_bytes(), ALL);
    // Five and six tickets: too few for Welch in the report (periods and channels alike).
    too_few(find(&r.support.changes, "handleTime", "2024-02"));
    too_few(find(&r.support.segment_changes, "handleTime", "chat"));
    let k = welch_of(
        &[300.0, 420.0, 380.0, 510.0, 290.0],
        &[600.0, 450.0, 700.0, 520.0, 480.0, 650.0],
    );
    close(Some(k.statistic), 3.2554838440916267, 1e-9);
    close(Some(k.p_value), 0.01008551007340559, 1e-9);
    assert_eq!(k.test, "welchT");

    // ARPU: January customers' revenue [100, 30, 250], February [40, 80, 20, 90]:
    // ttest_ind(feb, jan, equal_var=False) t −1.032911, p 0.399286.
    let mut f = String::from("customer_id,order_id,date,amount\n");
    for (m, revenues) in [("01", &[100, 30, 250][..]), ("02", &[40, 80, 20, 90][..])] {
        for (c, amount) in revenues.iter().enumerate() {
            f += &format!("{m}c{c},{m}o{c},2024-{m}-10,{amount}\n");
        }
    }
    let r = transactions(f.as_bytes(), ALL);
    too_few(find(&r.revenue.changes, "arpu", "2024-02"));
    too_few(find(&r.revenue.changes, "averageOrderValue", "2024-02"));
    let k = welch_of(&[100.0, 30.0, 250.0], &[40.0, 80.0, 20.0, 90.0]);
    close(Some(k.statistic), -1.032910516476251, 1e-9);
    close(Some(k.p_value), 0.39928610185280244, 1e-9);
}
