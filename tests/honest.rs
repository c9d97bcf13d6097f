//! Honest numbers (issue 16): no test, verdict or trend flag on a sample too small to carry it,
//! partial periods marked, and the other rules of docs/METRICS.md "Honest numbers", each on a
//! hand-made file with the expected figures worked out in the comments.

mod common;

/// A survey of three months: January and March hold one answer each, February 60.
fn sparse_survey() -> String {
    let mut f = String::from("date,nps\n2024-01-15,10\n");
    for k in 0..60 {
        // 30 promoters, 30 detractors: NPS 0.
        f.push_str(&format!(
            "2024-02-{:02},{}\n",
            1 + k % 28,
            if k % 2 == 0 { 9 } else { 3 }
        ));
    }
    f.push_str("2024-03-10,0\n");
    f
}

#[test]
fn a_period_of_one_answer_is_not_a_significant_change() {
    // January and March are partial too (one day each): tested anyway here, to see the rule.
    let r = common::survey(
        sparse_survey().as_bytes(),
        r#"{"includePartialPeriods": true}"#,
    );
    // NPS per month: +100 (one promoter), 0, −100 (one detractor).
    let scores: Vec<Option<f64>> = r
        .periods
        .iter()
        .map(|p| p.metrics.nps.as_ref().unwrap().score)
        .collect();
    assert_eq!(scores, [Some(100.0), Some(0.0), Some(-100.0)]);
    // Both changes rest on one answer on one side: a reason, no p-value, never significant.
    assert_eq!(r.comparisons.period_over_period.len(), 2);
    for c in &r.comparisons.period_over_period {
        assert!(
            c.comparison.is_none() && c.adjusted_p_value.is_none() && !c.significant,
            "{c:?}"
        );
        let reason = c.unavailable_reason.as_deref().unwrap();
        assert!(
            reason.contains("n = 1 and 60") || reason.contains("n = 60 and 1"),
            "{reason}"
        );
    }
    // No trend flag either (a month of one answer is neither flagged nor a baseline).
    assert!(r.signals.trend_flags.is_empty());
}

#[test]
fn trend_flags_skip_periods_of_too_few_observations() {
    use engagement_metrics::metrics::signals::series_trend_flags;
    use engagement_metrics::vocab::Metric;
    // Values 10, 12, 11, 13, 12 and then 90: 90 lies far outside the band (median 12, MAD 1).
    let points = |last_n: f64| {
        let mut v: Vec<(String, Option<f64>, f64)> = [10.0, 12.0, 11.0, 13.0, 12.0]
            .iter()
            .enumerate()
            .map(|(i, &x)| (format!("p{i}"), Some(x), 100.0))
            .collect();
        v.push(("p5".into(), Some(90.0), last_n));
        vec![(Metric::Nps, v)]
    };
    assert_eq!(series_trend_flags(&points(30.0)).len(), 1);
    // The same value on 29 observations is not flagged.
    assert!(series_trend_flags(&points(29.0)).is_empty());
}

#[test]
fn partial_periods_are_marked_and_left_out_of_tests_and_flags() {
    // Data from 20 January to 10 March: January (20–31) and March (1–10) are partial,
    // February whole. 60 answers each month, all promoters in January, half in February.
    let mut f = String::from("date,nps\n");
    for (month, first, last, promoters) in [(1, 20, 31, 60), (2, 1, 29, 30), (3, 1, 10, 30)] {
        for k in 0..60 {
            let day = first + k % (last - first + 1);
            let score = if k < promoters { 10 } else { 0 };
            f.push_str(&format!("2024-{month:02}-{day:02},{score}\n"));
        }
    }
    let r = common::survey(f.as_bytes(), "{}");
    let partial: Vec<(&str, &str, &str)> = r
        .head
        .partial_periods
        .iter()
        .map(|p| (p.period.as_str(), p.from.as_str(), p.to.as_str()))
        .collect();
    assert_eq!(
        partial,
        [
            ("2024-01", "2024-01-20", "2024-01-31"),
            ("2024-03", "2024-03-01", "2024-03-10")
        ]
    );
    // Both changes touch a partial month: kept as rows, with the reason and no test.
    for c in &r.comparisons.period_over_period {
        assert!(c.comparison.is_none() && !c.significant, "{c:?}");
        assert!(c
            .unavailable_reason
            .as_deref()
            .unwrap()
            .contains("is a partial period"));
    }
    assert!(!r.head.options.include_partial_periods);
    // With includePartialPeriods the January → February drop (NPS 100 → 0) is tested.
    let all = common::survey(f.as_bytes(), r#"{"includePartialPeriods": true}"#);
    let jan_feb = &all.comparisons.period_over_period[0];
    assert!(jan_feb.significant, "{jan_feb:?}");
    assert!(all.head.options.include_partial_periods);
    // The periods themselves are reported whatever the option.
    assert_eq!(r.periods.len(), 3);
}

#[test]
fn a_file_inside_one_period_or_on_its_bounds() {
    use engagement_metrics::period::{Granularity, WeekStart};
    use engagement_metrics::period::{Periodizer, ReportTz};
    let mut p = Periodizer::new(
        ReportTz::parse("UTC").unwrap(),
        Granularity::Month,
        WeekStart::Monday,
    );
    let day = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    };
    // 1 January to 31 March: every month whole.
    assert!(p
        .partial_periods(day("2024-01-01"), day("2024-03-31"))
        .is_empty());
    // 3 to 17 February: one partial month.
    let one = p.partial_periods(day("2024-02-03"), day("2024-02-17"));
    assert_eq!(one.len(), 1);
    assert_eq!(
        (one[0].from.as_str(), one[0].to.as_str()),
        ("2024-02-03", "2024-02-17")
    );
    // Days are whole: by day nothing is partial.
    let mut d = Periodizer::new(
        ReportTz::parse("UTC").unwrap(),
        Granularity::Day,
        WeekStart::Monday,
    );
    assert!(d
        .partial_periods(day("2024-02-03"), day("2024-02-17"))
        .is_empty());
}

#[test]
fn stickiness_averages_only_days_with_a_whole_mau_window() {
    // One user active every day of 1–10 January, a second only on 1 January. With a 3-day MAU
    // window: day 1 DAU 2 / MAU 2 = 1 and day 2 DAU 1 / MAU 2 = 0.5 (windows cut by the start
    // of the data); from day 3 on the windows are whole: day 3 DAU 1 / MAU 2 (the second user's
    // 1 January is inside 1–3) = 0.5, days 4–10 1 / 1 = 1. Mean over days 3–10 = (0.5 + 7) / 8.
    let mut f = String::from("user_id,timestamp,event\n");
    for d in 1..=10 {
        f.push_str(&format!("a,2024-01-{d:02}T12:00:00Z,open\n"));
    }
    f.push_str("b,2024-01-01T13:00:00Z,open\n");
    let r = common::events(f.as_bytes(), r#"{"events": {"mauDays": 3}}"#);
    let a = &r.events.activity;
    assert_eq!(a.stickiness_days, 8);
    common::close(a.mean_stickiness, 7.5 / 8.0, 1e-12);
    // Every day: (1 + 0.5 + 0.5 + 7 × 1) / 10.
    common::close(a.mean_stickiness_all_days, 9.0 / 10.0, 1e-12);
}

#[test]
fn follower_growth_carries_each_platforms_last_count_forward() {
    // 1,000 followers on instagram and 2,000 on tiktok, constant; each posts in alternate
    // months. Summing only the platforms that posted gave −66.7 % then +200 %; carried
    // forward the followers are 1,000, then 3,000 from February on: growth +200 % into
    // February (tiktok's first count), then 0.
    let f = "post_id,date,platform,likes,followers
p1,2024-01-10,instagram,10,1000
p2,2024-02-10,tiktok,10,2000
p3,2024-03-10,instagram,10,1000
p4,2024-04-10,tiktok,10,2000
";
    let engagement_metrics::Report::Social(r) = common::report(f.as_bytes(), "{}") else {
        panic!("not social")
    };
    let ends: Vec<Option<f64>> = r.social.periods.iter().map(|p| p.followers_end).collect();
    assert_eq!(
        ends,
        [Some(1000.0), Some(3000.0), Some(3000.0), Some(3000.0)]
    );
    let growth: Vec<Option<f64>> = r
        .social
        .periods
        .iter()
        .map(|p| p.follower_growth.as_ref().and_then(|g| g.value))
        .collect();
    assert_eq!(growth, [None, Some(2.0), Some(0.0), Some(0.0)]);
}

#[test]
fn email_rates_from_email_rows_ad_rates_from_ad_rows_and_blank_spend_is_unknown() {
    // A: an email send; B and C: ads (impressions, no sent). C's spend is blank.
    let f = "campaign,date,sent,delivered,opens,clicks,impressions,spend,revenue
A,2024-01-10,1000,1000,300,100,,100,500
B,2024-01-11,,,,200,10000,50,300
C,2024-01-12,,,,50,5000,,0
";
    let r = common::campaigns(f.as_bytes(), "{}");
    let o = &r.campaigns.overall.rates;
    // Email click-through: A's 100 clicks / 1,000 delivered (all rows together gave 350 / 1,000).
    common::close(o.click_through_rate.value, 0.1, 1e-12);
    // Ad click-through: (200 + 50) / (10,000 + 5,000).
    common::close(
        o.impression_click_through_rate.value,
        250.0 / 15000.0,
        1e-12,
    );
    // Cost per click and ROAS over the rows with a spend (A, B): 150 / 300 and 800 / 150
    // (a blank spend read as 0 gave 150 / 350).
    common::close(o.cost_per_click.value, 0.5, 1e-12);
    common::close(o.return_on_ad_spend.value, 800.0 / 150.0, 1e-12);
    // A group whose spend is all blank has no cost per click, with the reason.
    let c = r
        .campaigns
        .campaigns
        .iter()
        .find(|g| g.name == "C")
        .unwrap();
    assert_eq!(c.rates.cost_per_click.value, None);
    assert_eq!(
        c.rates.cost_per_click.unavailable_reason.as_deref(),
        Some("no spend given in these rows")
    );
}

#[test]
fn a_given_lifespan_drives_the_discounted_clv_too() {
    // c1 buys 100 in January and 50 in February, c2 30 in January: 3 orders, 180 revenue,
    // 3 active customer-months, so AOV 60, frequency 1, ARPU 60 per month.
    let f = "customer_id,order_id,date,amount\nc1,o1,2024-01-10,100\nc2,o2,2024-01-12,30\nc1,o3,2024-02-10,50\n";
    let r = common::transactions(
        f.as_bytes(),
        r#"{"lifetimeValue": {"lifespanPeriods": 24}}"#,
    );
    let v = |name: &str| {
        r.lifetime_value
            .variants
            .iter()
            .find(|x| x.variant == name)
            .and_then(|x| x.value)
    };
    // AOV × frequency × 24 = 1,440; discounted with r = 1 − 1/24 and no discount:
    // 60 × 1 / (1 − 23/24) = 1,440 (it ignored the lifespan before).
    common::close(v("purchaseValue"), 1440.0, 1e-9);
    common::close(v("discounted"), 1440.0, 1e-9);
    // Equal variants say why.
    let why = r.lifetime_value.coincidences.join(" | ");
    assert!(
        why.contains("average order value × purchase frequency = ARPU"),
        "{why}"
    );
    assert!(why.contains("the margin is 1"), "{why}");
    assert!(why.contains("there is no discount"), "{why}");
    // With a 10 % discount per month they part: 60 × 1.1 / (1.1 − 23/24).
    let r = common::transactions(
        f.as_bytes(),
        r#"{"lifetimeValue": {"lifespanPeriods": 24, "discountRate": 0.1, "margin": 0.5}}"#,
    );
    let d = r
        .lifetime_value
        .variants
        .iter()
        .find(|x| x.variant == "discounted")
        .unwrap();
    common::close(d.value, 30.0 * 1.1 / (1.1 - 23.0 / 24.0), 1e-9);
    assert_eq!(r.lifetime_value.coincidences.len(), 1);
}

#[test]
fn page_view_figures_of_a_log_without_pages_are_null_with_the_reason() {
    // Events without a page column and without a page_view event: 2 sessions.
    let f = "user_id,timestamp,event\nu1,2024-01-01T10:00:00Z,signup\nu1,2024-01-01T10:05:00Z,click\nu2,2024-01-01T11:00:00Z,click\n";
    let r = common::events(f.as_bytes(), "{}");
    let s = &r.events.sessions;
    assert_eq!(s.count, 2);
    assert_eq!(s.page_views_per_session, None);
    let spv = &s.bounce.single_page_view;
    assert_eq!(spv.value, None);
    assert_eq!(
        spv.unavailable_reason.as_deref(),
        Some("no page views in the file (no page column and no page-view event)")
    );
    // The single-event bounce still applies: u2's one-event session of two.
    common::close(s.bounce.single_event.value, 50.0, 1e-12);
}

#[test]
fn ces_is_read_on_its_documented_scale_unless_told_otherwise() {
    // Answers 1–5 (two each of 1…5). On the default 1–7 scale "easy" is 5–7: 2 of 10 = 20 %;
    // on 1–5 it is 4–5: 4 of 10 = 40 %. The scale comes from the option, the header, or the
    // documented default, never silently from the answers.
    let answers: String = (1..=5)
        .flat_map(|v| [v, v])
        .map(|v| format!("{v}\n"))
        .collect();
    let easy = |header: &str, opts: &str| {
        let r = common::survey(format!("{header}\n{answers}").as_bytes(), opts);
        let ces = r.overall.ces.clone().unwrap();
        let warned = r.warnings.iter().any(|w| w.code == "CES_SCALE_ASSUMED");
        (ces.easy_percent, warned)
    };
    let (e, warned) = easy("ces", "{}");
    common::close(e, 20.0, 1e-12);
    assert!(
        warned,
        "1–5 answers on the 1–7 default are said to be assumed"
    );
    let (e, warned) = easy("CES (1-5)", "{}");
    common::close(e, 40.0, 1e-12);
    assert!(!warned);
    let (e, warned) = easy("ces", r#"{"ces": {"scale": {"min": 1, "max": 5}}}"#);
    common::close(e, 40.0, 1e-12);
    assert!(!warned);
}

#[test]
fn a_funnel_step_that_names_no_event_is_an_error_listing_the_events() {
    let f =
        "user_id,timestamp,event\nu1,2024-01-01T10:00:00Z,open\nu1,2024-01-01T10:01:00Z,search\n";
    let e = engagement_metrics::analyze(
        f.as_bytes(),
        common::options(r#"{"events": {"funnel": ["open", "serach"]}}"#),
    )
    .unwrap_err();
    assert_eq!(
        e.code(),
        engagement_metrics::vocab::ErrorCode::InvalidOption
    );
    let m = e.to_string();
    assert!(
        m.contains("the step `serach` names no event in this file; its events are: open, search"),
        "{m}"
    );
}

#[test]
fn without_standard_steps_a_funnel_is_proposed_from_the_commonest_path() {
    // Three users go open → search → buy, one goes search → open; no commerce steps.
    let mut f = String::from("user_id,timestamp,event\n");
    for u in ["a", "b", "c"] {
        for (m, e) in [(0, "open"), (1, "search"), (2, "buy"), (3, "open")] {
            f.push_str(&format!("{u},2024-01-01T10:0{m}:00Z,{e}\n"));
        }
    }
    f.push_str("d,2024-01-01T11:00:00Z,search\nd,2024-01-01T11:01:00Z,open\n");
    let r = common::events(f.as_bytes(), "{}");
    let funnel = r.events.funnel.as_ref().expect("a proposed funnel");
    let steps: Vec<&str> = funnel.steps.iter().map(|s| s.event.as_str()).collect();
    assert_eq!(steps, ["open", "search", "buy"]);
    let users: Vec<u64> = funnel.steps.iter().map(|s| s.users).collect();
    // d opens after searching: in the funnel's first step only.
    assert_eq!(users, [4, 3, 3]);
    assert!(format!("{:?}", funnel.definition.params).contains("proposed"));
}

#[test]
fn named_variants_the_sources_use() {
    // CES on 1–5: answers 1, 2, 3, 4, 5, 5, 5, 3, 2, 1. 3–5: six answers, 1–2: four, so
    // % 3–5 − % 1–2 = 60 − 40 = 20 points; CSAT on the same answers: mean 3.1, so the literal
    // "sum of scores / responses × 100" is 310.
    let answers = [1, 2, 3, 4, 5, 5, 5, 3, 2, 1];
    let f: String = std::iter::once("CES (1-5),CSAT\n".to_string())
        .chain(answers.iter().map(|a| format!("{a},{a}\n")))
        .collect();
    let r = common::survey(f.as_bytes(), "{}");
    let ces = r.overall.ces.as_ref().unwrap();
    common::close(ces.variants.net_with_neutral.value, 20.0, 1e-12);
    assert_eq!(
        ces.variants.net_with_neutral.definition.variant.name(),
        "netWithNeutral"
    );
    let csat = r.overall.csat.as_ref().unwrap();
    common::close(csat.variants.literal_mean.value, 310.0, 1e-12);

    // Customers c1, c2 in January; c1 and c3 (new) in February; c1 and c2 (back) in March.
    // February: S 2, E 2 (c1, c3), new 1 → churn lost/S = 1/2 (c2), (S − E)/S = 0, retention
    // (E − N)/S = 1/2 either way. March: S 2 (c1, c3), E 2 (c1, c2), c2 reactivated → standard
    // retention (2 − 1)/2 = 1/2, with only first-time customers as new (2 − 0)/2 = 1.
    let t = "customer,order,date,amount\nc1,1,2024-01-05,10\nc2,2,2024-01-06,10\nc1,3,2024-02-05,10\nc3,4,2024-02-06,10\nc1,5,2024-03-05,10\nc2,6,2024-03-06,10\n";
    let r = common::transactions(t.as_bytes(), "{}");
    let p = &r.revenue.periods;
    assert_eq!(p[1].period, "2024-02");
    common::close(p[1].churn_rate, 0.5, 1e-12);
    common::close(p[1].churn_start_minus_end, 0.0, 1e-12);
    common::close(p[1].retention_first_time_new, 0.5, 1e-12);
    common::close(p[2].retention_rate, 0.5, 1e-12);
    common::close(p[2].retention_first_time_new, 1.0, 1e-12);
    common::close(p[2].churn_start_minus_end, 0.0, 1e-12);
}

#[test]
fn unreliable_fits_say_so_next_to_their_figures() {
    // Four customers who buy every month for six months: nobody is ever lost, so the
    // shifted-beta-geometric churn probability runs to 0 (a parameter to the end of its range),
    // and four customers are far too few for BG/NBD.
    let mut f = String::from("customer,order,date,amount\n");
    let mut o = 0;
    for m in 1..=6 {
        for c in 1..=4 {
            o += 1;
            f.push_str(&format!("c{c},{o},2024-{m:02}-{:02},{}\n", 3 + c, 10 * c));
        }
    }
    let r = common::transactions(f.as_bytes(), r#"{"clv": {}}"#);
    let k = r
        .revenue
        .cohorts
        .contractual
        .as_ref()
        .expect("a contract fit");
    let why = k.unreliable_reason.as_deref().unwrap_or_default();
    assert!(
        why.starts_with("the shifted-beta-geometric fit is degenerate"),
        "{k:?}"
    );
    let clv = r.clv.as_ref().expect("a CLV fit");
    assert!(
        clv.unreliable_reasons
            .iter()
            .any(|m| m.contains("fitted on 4 customers")),
        "{:?}",
        clv.unreliable_reasons
    );
}

#[test]
fn headers_in_other_languages_name_their_roles() {
    // German orders, semicolons and decimal commas: customers K1 (1.234,50 + 100,00) and K2.
    let de = "Kundennummer;Bestellnummer;Datum;Betrag\nK1;B1;31.01.2024;1.234,50\nK2;B2;15.02.2024;12,50\nK1;B3;01.03.2024;100,00\n";
    for (text, roles) in [
        (de.to_string(), ["userId", "orderId", "timestamp", "amount"]),
        (
            "client;commande;date;montant\nc1;o1;2024-01-31;10,5\nc2;o2;2024-02-01;3\n".into(),
            ["userId", "orderId", "timestamp", "amount"],
        ),
        (
            "cliente,pedido,fecha,importe\nc1,p1,2024-01-31,10.5\nc2,p2,2024-02-01,3\n".into(),
            ["userId", "orderId", "timestamp", "amount"],
        ),
        (
            "cliente;ordine;data;importo\nc1;o1;2024-01-31;10,5\nc2;o2;2024-02-01;3\n".into(),
            ["userId", "orderId", "timestamp", "amount"],
        ),
        (
            "cliente;encomenda;data;valor\nc1;o1;2024-01-31;10,5\nc2;o2;2024-02-01;3\n".into(),
            ["userId", "orderId", "timestamp", "amount"],
        ),
        (
            "klant;bestelling;datum;bedrag\nc1;o1;2024-01-31;10,5\nc2;o2;2024-02-01;3\n".into(),
            ["userId", "orderId", "timestamp", "amount"],
        ),
    ] {
        let r = common::transactions(text.as_bytes(), "{}");
        let got: Vec<&str> = r.head.columns.iter().map(|c| c.role.name()).collect();
        assert_eq!(got, roles, "{text}");
    }
    let r = common::transactions(de.as_bytes(), "{}");
    // 1.234,50 + 12,50 + 100,00 read with the decimal comma.
    let revenue: f64 = r.revenue.periods.iter().map(|p| p.revenue).sum();
    common::close(Some(revenue), 1347.0, 1e-9);
}

#[test]
fn few_valued_columns_become_breakdowns_not_ignored() {
    // An event log with a channel, a second channel-like column and two `user_…` columns of a
    // few values each: the channel is the channel; the others are breakdowns (segments), not
    // ignored and not a second user id; `note` (all values distinct) stays out.
    let mut f = String::from(
        "user_id,timestamp,event,channel,acquisition_channel,user_cohort,user_lifecycle,note\n",
    );
    for k in 0..40 {
        f.push_str(&format!(
            "u{},2024-01-{:02}T10:00:00Z,open,{},{},{},{},note {k}\n",
            k % 10,
            1 + k % 28,
            ["web", "app"][k % 2],
            ["ads", "seo", "email"][k % 3],
            ["2024-01", "2024-02"][k % 2],
            ["new", "active", "dormant"][k % 3],
        ));
    }
    let r = common::events(f.as_bytes(), "{}");
    let role = |h: &str| {
        r.head
            .columns
            .iter()
            .find(|c| c.header == h)
            .unwrap()
            .role
            .name()
    };
    assert_eq!(role("user_id"), "userId");
    assert_eq!(role("channel"), "channel");
    for h in ["acquisition_channel", "user_cohort", "user_lifecycle"] {
        assert_eq!(role(h), "segment", "{h}");
    }
    assert_ne!(role("note"), "segment");
    // Each breakdown is reported.
    let columns: Vec<&str> = r
        .events
        .segments
        .iter()
        .map(|s| s.column.as_str())
        .collect();
    for h in ["acquisition_channel", "user_cohort", "user_lifecycle"] {
        assert!(columns.contains(&h), "{columns:?}");
    }
    // With an explicit segment list, nothing else is made a breakdown.
    let r = common::events(f.as_bytes(), r#"{"segments": ["user_cohort"]}"#);
    let segs: Vec<&str> = r
        .head
        .columns
        .iter()
        .filter(|c| c.role.name() == "segment")
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(segs, ["user_cohort"]);
}

#[test]
fn first_contact_resolution_over_all_tickets_is_a_named_variant() {
    // T1 resolved in one contact, T2 resolved in three, T3 still open after one contact, T4
    // open with no contact count. Standard (resolved tickets): 1 / 2. Over every ticket with a
    // contact count: 1 / 3 (the open T3 counts against it).
    let f = "ticket_id,created_at,resolved_at,contacts\nT1,2024-01-01T10:00:00Z,2024-01-01T12:00:00Z,1\nT2,2024-01-02T10:00:00Z,2024-01-03T10:00:00Z,3\nT3,2024-01-03T10:00:00Z,,1\nT4,2024-01-04T10:00:00Z,,\n";
    let r = common::tickets(f.as_bytes(), "{}");
    let o = &r.support.overall;
    common::close(o.first_contact_resolution.value, 0.5, 1e-12);
    common::close(
        o.first_contact_resolution_all_tickets.value,
        1.0 / 3.0,
        1e-12,
    );
}

#[test]
fn response_rate_from_an_invitation_column_or_the_option() {
    // Eight invitations; five answered (a row with an NPS answer). Non-responders have no
    // response time: that is not a rejection.
    let f = "invited_at,responded_at,nps,channel\n\
             2024-01-02,2024-01-03,9,email\n\
             2024-01-05,,,email\n\
             2024-01-10,2024-01-11,3,sms\n\
             2024-01-20,,,sms\n\
             2024-02-01,2024-02-02,10,email\n\
             2024-02-03,2024-02-05,7,email\n\
             2024-02-10,2024-02-12,8,sms\n\
             2024-02-11,,,email\n";
    let r = common::survey(f.as_bytes(), "{}");
    let rate = r.overall.response_rate.as_ref().unwrap();
    // 5 / 8 = 62.5 %.
    assert_eq!((rate.value, rate.n), (Some(62.5), 8));
    assert!(rate.interval.is_some());
    // By invitation month: January 2 of 4 (50 %), February 3 of 4 (75 %).
    let by: Vec<(&str, u64, u64, Option<f64>)> = r
        .response_periods
        .iter()
        .map(|p| {
            (
                p.period.as_str(),
                p.invited,
                p.responded,
                p.response_rate.value,
            )
        })
        .collect();
    assert_eq!(
        by,
        [("2024-01", 4, 2, Some(50.0)), ("2024-02", 4, 3, Some(75.0))]
    );
    // By channel: email 3 of 5 (60 %), sms 2 of 3 (66.7 %).
    let ch = r.segments.iter().find(|s| s.column == "channel").unwrap();
    let rate_of = |v: &str| {
        let g = ch.groups.iter().find(|g| g.value == v).unwrap();
        g.metrics.response_rate.as_ref().unwrap().value.unwrap()
    };
    assert_eq!(rate_of("email"), 60.0);
    assert!((rate_of("sms") - 200.0 / 3.0).abs() < 1e-9);
    // Periods of the response time have no rate (they leave out the unanswered).
    assert!(r.periods.iter().all(|p| p.metrics.response_rate.is_none()));
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);

    // Without the column: the `invitations` option, for the whole file only.
    let plain = "date,nps\n2024-01-02,9\n2024-01-03,3\n2024-01-04,\n";
    let r = common::survey(plain.as_bytes(), r#"{"invitations": 8}"#);
    // Two non-blank answers of 8 invitations: 25 %.
    let rate = r.overall.response_rate.as_ref().unwrap();
    assert_eq!((rate.value, rate.n), (Some(25.0), 8));
    assert!(r
        .segments
        .iter()
        .all(|s| s.groups.iter().all(|g| g.metrics.response_rate.is_none())));
    // More responses than invitations: no figure, the reason.
    let r = common::survey(plain.as_bytes(), r#"{"invitations": 1}"#);
    let rate = r.overall.response_rate.as_ref().unwrap();
    assert!(rate.value.is_none());
    assert!(rate
        .unavailable_reason
        .as_deref()
        .unwrap()
        .contains("more responses (2)"));
    // Neither: no response rate at all.
    let r = common::survey(plain.as_bytes(), "{}");
    assert!(r.overall.response_rate.is_none());
}

#[test]
fn a_small_social_files_platform_column_is_its_channel() {
    // Three posts on two platforms under `source`: each platform is on too few rows to show
    // it repeating, and the column was ignored ("no role recognised") with totals silently
    // pooled. It is the channel: instagram 10+2+1 + 12+0+1 = 26 engagements, tiktok 21.
    let f = "date,source,likes,comments,shares,followers
2024-01-03,instagram,10,2,1,1000
2024-01-10,tiktok,20,1,0,2000
2024-02-03,instagram,12,0,1,1010
";
    let engagement_metrics::Report::Social(r) = common::report(f.as_bytes(), "{}") else {
        panic!("not social")
    };
    let role = r
        .head
        .columns
        .iter()
        .find(|c| c.header == "source")
        .map(|c| c.role.name());
    assert_eq!(role, Some("channel"));
    let by: Vec<(&str, f64)> = r
        .social
        .by_channel
        .iter()
        .map(|g| (g.name.as_str(), g.totals.engagements))
        .collect();
    assert_eq!(by, [("instagram", 26.0), ("tiktok", 21.0)]);
    // Followers at the end: each platform's last count, summed (1,010 + 2,000).
    assert_eq!(r.social.overall.followers_end, Some(3010.0));
}

#[test]
fn engagement_rate_over_total_followers_is_a_named_variant() {
    // Engagements of a period over the followers at its end (each platform's last count,
    // carried forward and summed), not over the followers at every post.
    let f = "post_id,date,platform,likes,followers
p1,2024-01-10,instagram,10,1000
p2,2024-02-10,tiktok,10,2000
p3,2024-02-20,tiktok,20,2000
";
    let engagement_metrics::Report::Social(r) = common::report(f.as_bytes(), "{}") else {
        panic!("not social")
    };
    let s = &r.social;
    // January: 10 / 1,000 = 1 %. February: 30 / (1,000 + 2,000) = 1 %, where the standard
    // rate is 30 / (2,000 + 2,000) = 0.75 %.
    let audience: Vec<Option<f64>> = s
        .periods
        .iter()
        .map(|p| p.audience_engagement_rate.value)
        .collect();
    assert_eq!(audience, [Some(1.0), Some(1.0)]);
    common::close(s.periods[1].engagement_rate.by_followers.value, 0.75, 1e-12);
    // The file: 40 / 3,000 = 1.333… % (standard: 40 / 5,000 = 0.8 %).
    common::close(s.overall.audience_engagement_rate.value, 40.0 / 30.0, 1e-12);
    common::close(s.overall.engagement_rate.by_followers.value, 0.8, 1e-12);
}

#[test]
fn a_period_is_compared_with_the_same_period_a_year_earlier() {
    // January 2023: 20 promoters and 20 detractors (NPS 0); one passive answer in each month
    // from February to December; January 2024: 30 promoters and 10 passives (NPS 75). The
    // data span more than a year, so January 2024 is also compared with January 2023:
    // +75 points. The months between hold one answer each: too few to test.
    let mut f = String::from("date,nps\n");
    for k in 0..40 {
        let score = if k < 20 { 9 } else { 3 };
        f.push_str(&format!("2023-01-{:02},{score}\n", 1 + k % 28));
    }
    for m in 2..=12 {
        f.push_str(&format!("2023-{m:02}-15,7\n"));
    }
    for k in 0..40 {
        let score = if k < 30 { 10 } else { 8 };
        f.push_str(&format!("2024-01-{:02},{score}\n", 1 + k % 31));
    }
    let r = common::survey(f.as_bytes(), "{}");
    let yoy: Vec<_> = r
        .comparisons
        .period_over_period
        .iter()
        .filter(|c| c.against.name() == "yearEarlier")
        .collect();
    assert_eq!(yoy.len(), 1, "{yoy:?}");
    let c = yoy[0];
    assert_eq!(
        (c.baseline.as_str(), c.group.as_str()),
        ("2023-01", "2024-01")
    );
    assert_eq!(c.metric.name(), "nps");
    common::close(c.comparison.as_ref().map(|k| k.difference), 75.0, 1e-9);
    assert!(c.significant);
    // Every other row is against the previous period.
    let previous = r
        .comparisons
        .period_over_period
        .iter()
        .filter(|c| c.against.name() == "previousPeriod")
        .count();
    assert_eq!(previous, 12);
    assert_eq!(r.comparisons.period_over_period.len(), 13);
    // Answers per weekday: the profile covers 2023-01-01 to 2024-01-31.
    let w = r.head.weekday_profile.as_ref().expect("a weekday profile");
    let rows: u64 = w.weekdays.iter().map(|d| d.rows).sum();
    assert_eq!(rows, 91);
    let days: u64 = w.weekdays.iter().map(|d| d.days).sum();
    assert_eq!(days, 365 + 31);
}

/// Four users, 14 events, 1 January – 3 February 2024 (34 local days, UTC), sessions by the
/// 30-minute gap:
/// - a: signup 1 Jan 10:00, activate 10:05, search 10:10 (session 1); search 3 Jan 09:00,
///   activate 09:01 (session 2); search 10 Jan (session 3) — 6 events, 3 sessions;
/// - b: signup 2 Jan 08:00, search 08:20 (session 1); activate 20 Jan (session 2, 18 days
///   after the sign-up) — 3 events, 2 sessions;
/// - c: search 15 Jan 10:00 and 10:40 (40 minutes apart: two sessions), search 3 Feb — 3
///   events, 3 sessions;
/// - d: search 1 Feb 09:00 and 09:10 — 2 events, 1 session.
const INTERACTIONS_LOG: &str = "user_id,timestamp,event\n\
    a,2024-01-01T10:00:00Z,signup\na,2024-01-01T10:05:00Z,activate\na,2024-01-01T10:10:00Z,search\n\
    a,2024-01-03T09:00:00Z,search\na,2024-01-03T09:01:00Z,activate\na,2024-01-10T12:00:00Z,search\n\
    b,2024-01-02T08:00:00Z,signup\nb,2024-01-02T08:20:00Z,search\nb,2024-01-20T08:00:00Z,activate\n\
    c,2024-01-15T10:00:00Z,search\nc,2024-01-15T10:40:00Z,search\nc,2024-02-03T10:00:00Z,search\n\
    d,2024-02-01T09:00:00Z,search\nd,2024-02-01T09:10:00Z,search\n";

#[test]
fn interaction_readings_are_named_variants_next_to_the_standard() {
    let r = common::events(INTERACTIONS_LOG.as_bytes(), "{}");
    let e = &r.events;
    assert_eq!(
        (e.summary.events, e.summary.sessions, e.summary.days),
        (14, 9, 34)
    );

    // DAU as interactions per day: 14 events / 34 days; January 11 events (a 6, b 3, c 2) / 31
    // days; February (partial: 1–3 inside the data) 3 events / 3 days, not / 29.
    let a = &e.activity;
    assert_eq!(
        a.interactions_per_day.definition.variant.name(),
        "interactionsPerDay"
    );
    common::close(a.interactions_per_day.value, 14.0 / 34.0, 1e-12);
    let per: Vec<(u64, u64, Option<f64>)> = a
        .periods
        .iter()
        .map(|p| (p.events, p.days, p.interactions_per_day))
        .collect();
    assert_eq!(per, [(11, 31, Some(11.0 / 31.0)), (3, 3, Some(1.0))]);

    // Week 1. Standard: users whose first day is ≥ 7 days before 3 February (a, b, c; not d)
    // active again on days 1–7: only a (3 Jan) → 1 / 3. Interactions: their events on days
    // 0–6 over all their events: a 5 of 6 (not 10 Jan), b 2 of 3 (not 20 Jan), c 2 of 3 (not
    // 3 Feb) → 9 / 12 = 75 %.
    common::close(e.week1_engagement.value, 100.0 / 3.0, 1e-9);
    let w = &e.week1_engagement_interactions;
    assert_eq!(w.definition.variant.name(), "firstWeekInteractions");
    assert_eq!(w.n, 12);
    common::close(w.value, 75.0, 1e-12);
    assert!(w.interval.is_none());

    // Exits: each session's last event, 9 of 14; returns: the other 5, each followed by an
    // event of its session; 100 in all. 5 of the 9 exits are followed by a later session of
    // the same user (9 sessions − 4 users).
    let ends = &e.interaction_ends;
    common::close(ends.exit_share.value, 900.0 / 14.0, 1e-9);
    common::close(ends.return_share.value, 500.0 / 14.0, 1e-9);
    assert_eq!(ends.exits_followed_by_a_later_session, 5);
    assert_eq!(ends.exit_share.definition.variant.name(), "exitShare");
    assert_eq!(ends.return_share.definition.variant.name(), "returnShare");

    // Feature usage: search by all 4 users (100 %) in 9 of 14 events; activate by 2 of 4
    // users (50 %) in 3 of 14 events; signup 2 of 4 users, 2 of 14 events.
    let f: Vec<(&str, Option<f64>, Option<f64>)> = e
        .features
        .iter()
        .map(|x| (x.event.as_str(), x.share_of_users, x.share_of_events))
        .collect();
    assert_eq!(
        f,
        [
            ("search", Some(100.0), Some(900.0 / 14.0)),
            ("activate", Some(50.0), Some(300.0 / 14.0)),
            ("signup", Some(50.0), Some(200.0 / 14.0)),
        ]
    );

    // Activation: a activates within 7 days of signing up (twice: 1 Jan 10:05 and 3 Jan),
    // b's activation comes 18 days later. Standard 1 of 2 sign-ups = 50 %; interactions: the 2
    // activation events inside the window / 14 events.
    let act = e.activation.as_ref().expect("activation");
    common::close(act.rate.value, 50.0, 1e-12);
    assert_eq!(
        act.interaction_share.definition.variant.name(),
        "interactions"
    );
    common::close(act.interaction_share.value, 200.0 / 14.0, 1e-9);
}
