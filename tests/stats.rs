//! Tests and power against an established statistics package: scipy 1.14.1 and statsmodels
//! 0.14.4 (from the Python package index). tests/fixtures/stats-reference.py prints every
//! expected number below from the same inputs.

use engagement_metrics::stats::significance::{
    erfc, holm, mde_two_proportions, nps_difference, power_two_proportions,
    sample_size_two_proportions, two_proportions, welch, Sample,
};

#[track_caller]
fn close(got: f64, want: f64, rel: f64) {
    assert!(
        (got - want).abs() <= rel * want.abs().max(1e-300),
        "got {got}, want {want}"
    );
}

#[test]
fn erfc_matches_scipy() {
    // scipy.special.erfc
    for (x, want) in [
        (-3.0, 1.9999779095030015),
        (-0.5, 1.5204998778130465),
        (0.0, 1.0),
        (0.3, 0.6713732405408726),
        (1.0, 0.15729920705028516),
        (1.96, 0.005573724535172135),
        (2.4, 0.0006885138966450789),
        (2.6, 0.000236034416529349),
        (4.0, 1.541725790028002e-08),
        (6.0, 2.1519736712498913e-17),
    ] {
        close(erfc(x), want, 1e-13);
    }
}

#[test]
fn two_proportions_match_statsmodels() {
    // A 120/1000, B 150/1000: proportions_ztest([150, 120], [1000, 1000]);
    // confint_proportions_2indep(150, 1000, 120, 1000, method="wald" | "log", compare="diff" | "ratio").
    let c = two_proportions(120, 1000, 150, 1000, 0.95).unwrap();
    close(c.statistic, 1.963049807622355, 1e-12);
    close(c.p_value, 0.04964038686536878, 1e-10);
    let d = c.difference_interval.unwrap();
    close(d.low, 7.60288212977786e-05, 1e-8);
    close(d.high, 0.05992397117870222, 1e-10);
    let r = c.relative_interval.unwrap();
    close(r.low + 1.0, 0.999673327758014, 1e-10);
    close(r.high + 1.0, 1.5630105921743935, 1e-10);
    close(c.relative.unwrap(), 0.25, 1e-12);
    // A 30/480, B 48/520 at 90%.
    let c = two_proportions(30, 480, 48, 520, 0.90).unwrap();
    close(c.statistic, 1.7560540667438902, 1e-12);
    close(c.p_value, 0.07907917714562852, 1e-10);
    let d = c.difference_interval.unwrap();
    close(d.low, 0.0021272382373404286, 1e-9);
    close(d.high, 0.0574881463780442, 1e-10);
    let r = c.relative_interval.unwrap();
    close(r.low + 1.0, 1.0218058642344983, 1e-10);
    close(r.high + 1.0, 2.134751670056313, 1e-10);
}

#[test]
fn welch_matches_scipy() {
    // scipy.stats.ttest_ind_from_stats(52.3, 12.1, 40, 47.9, 15.6, 35, equal_var=False), B − A
    // with A = the second sample; interval with scipy.stats.t.ppf(0.975, df).
    let c = welch(
        Sample {
            mean: 47.9,
            sd: 15.6,
            n: 35.0,
        },
        Sample {
            mean: 52.3,
            sd: 12.1,
            n: 40.0,
        },
        0.95,
    )
    .unwrap();
    close(c.statistic, 1.3505963026293355, 1e-12);
    close(c.p_value, 0.18159569376636833, 1e-9);
    close(c.df.unwrap(), 63.80400594115294, 1e-12);
    let d = c.difference_interval.unwrap();
    close(d.low, -2.108629198082302, 1e-9);
    close(d.high, 10.908629198082298, 1e-9);
}

#[test]
fn nps_difference_matches_the_coded_z_test() {
    // numpy on the +1/0/−1 coded answers (population variances), scipy.stats.norm for p and z.
    let c = nps_difference([60, 25, 15], [70, 20, 10], 0.95).unwrap();
    close(c.difference, 15.0, 1e-12);
    close(c.statistic, 1.5094638162798824, 1e-12);
    close(c.p_value, 0.13118029537394293, 1e-10);
    let d = c.difference_interval.unwrap();
    close(d.low, -4.476756879510127, 1e-10);
    close(d.high, 34.47675687951012, 1e-10);
}

#[test]
fn holm_matches_statsmodels() {
    // multipletests([0.01, 0.04, 0.03, 0.2], method="holm")
    assert_eq!(holm(&[0.01, 0.04, 0.03, 0.2]), [0.04, 0.09, 0.09, 0.2]);
}

#[test]
fn sample_size_and_power_match_statsmodels() {
    // samplesize_proportions_2indep_onetail(diff=0.02, prop2=0.10, power=0.8, alpha=0.05,
    // alternative="two-sided") = 3840.847…; power_proportions_2indep(0.02, 0.10, 3841) = 0.800017.
    close(
        sample_size_two_proportions(0.10, 0.12, 0.8, 0.05).unwrap(),
        3840.8474824362734,
        1e-6,
    );
    close(
        power_two_proportions(0.10, 0.12, 3841.0, 0.05).unwrap(),
        0.8000165286163742,
        1e-9,
    );
    // The MDE at that size is the lift it was sized for.
    close(
        mde_two_proportions(0.10, 3840.8474824362734, 0.8, 0.05).unwrap(),
        0.02,
        1e-6,
    );
}

use engagement_metrics::metrics::ab::{ab_test, counts_from_rows, AbInput, AbRow};

fn ab(json: &str) -> engagement_metrics::metrics::ab::AbResult {
    let input: AbInput = serde_json::from_str(json).unwrap();
    ab_test(&input).unwrap()
}

#[test]
fn ab_test_with_one_variant_and_with_holm() {
    let r = ab(
        r#"{"variants": [{"name": "A", "visitors": 1000, "conversions": 120},
                                {"name": "B", "visitors": 1000, "conversions": 150}]}"#,
    );
    let b = &r.comparisons[0];
    close(b.adjusted_p_value.unwrap(), 0.04964038686536878, 1e-10);
    assert!(b.significant);
    assert_eq!(r.correction, "none");
    assert!(
        b.verdict
            .starts_with("B converts better than A: +3.00 points"),
        "{}",
        b.verdict
    );
    // Wilson interval of A's rate (statsmodels proportion_confint(120, 1000, method="wilson")).
    let ia = r.variants[0].interval.unwrap();
    close(ia.low, 0.10129926060130912, 1e-10);
    close(ia.high, 0.14160907584771276, 1e-10);
    // Two variants against A: Holm (statsmodels multipletests) makes B's 0.0496 → 0.0993.
    let r = ab(
        r#"{"variants": [{"name": "A", "visitors": 1000, "conversions": 120},
                                {"name": "B", "visitors": 1000, "conversions": 150},
                                {"name": "C", "visitors": 1000, "conversions": 130}]}"#,
    );
    assert_eq!(r.correction, "holm");
    close(
        r.comparisons[0].adjusted_p_value.unwrap(),
        0.09928077373073756,
        1e-10,
    );
    close(
        r.comparisons[1].adjusted_p_value.unwrap(),
        0.4989622986037606,
        1e-10,
    );
    assert!(!r.comparisons[0].significant);
    assert!(r.comparisons[0]
        .verdict
        .contains("not evidence that they are equal"));
}

#[test]
fn ab_test_from_rows_with_revenue() {
    // A: 10 visitors, 3 buy (20, 35, 50); B: 12 visitors, 6 buy. Welch on revenue per visitor
    // (0 without a purchase): scipy.stats.ttest_ind(B, A, equal_var=False).
    let mut rows = Vec::new();
    for (v, revenue, n) in [
        ("A", vec![20.0, 35.0, 50.0], 10),
        ("B", vec![25.0, 30.0, 45.0, 60.0, 20.0, 40.0], 12),
    ] {
        for k in 0..n {
            rows.push(AbRow {
                variant: v.into(),
                converted: k < revenue.len(),
                revenue: revenue.get(k).copied(),
            });
        }
    }
    let counts = counts_from_rows(&rows);
    close(counts[0].revenue_sd.unwrap(), 18.32575600987128, 1e-12);
    close(counts[1].revenue_mean.unwrap(), 18.333333333333332, 1e-12);
    let r = ab_test(&AbInput {
        variants: counts,
        confidence: None,
    })
    .unwrap();
    let rev = r.comparisons[0].revenue.as_ref().unwrap();
    close(rev.statistic, 0.9209572408747888, 1e-10);
    close(rev.p_value, 0.3680577160422036, 1e-9);
    assert_eq!((r.variants[0].visitors, r.variants[1].conversions), (10, 6));
    assert!(r.variants[0].small_sample);
}

#[test]
fn ab_test_refuses_impossible_counts() {
    for json in [
        r#"{"variants": [{"name": "A", "visitors": 10, "conversions": 12}, {"name": "B", "visitors": 10, "conversions": 1}]}"#,
        r#"{"variants": [{"name": "A", "visitors": 10, "conversions": 1}]}"#,
        r#"{"variants": [{"name": "A", "visitors": 10.5, "conversions": 1}, {"name": "B", "visitors": 10, "conversions": 1}]}"#,
        r#"{"variants": [{"name": "A", "visitors": 10, "conversions": 1}, {"name": "B", "visitors": 10, "conversions": 1}], "confidence": 1.5}"#,
    ] {
        let input: AbInput = serde_json::from_str(json).unwrap();
        assert_eq!(
            ab_test(&input).unwrap_err().code(),
            "INVALID_OPTION",
            "{json}"
        );
    }
    // No visitors in B: no comparison, said so.
    let r = ab(
        r#"{"variants": [{"name": "A", "visitors": 10, "conversions": 1}, {"name": "B", "visitors": 0, "conversions": 0}]}"#,
    );
    assert!(r.comparisons[0].conversion.is_none());
    assert!(!r.comparisons[0].significant);
}

mod common;

/// A survey whose January answers are 60 promoters, 25 passives, 15 detractors (North) and
/// February's 70 / 20 / 10 (South): the counts of `nps_difference_matches_the_coded_z_test`.
fn two_months() -> String {
    let mut s = String::from("date,region,nps\n");
    for (month, region, counts) in [("01", "North", [60, 25, 15]), ("02", "South", [70, 20, 10])] {
        for (score, n) in [10, 8, 3].iter().zip(counts) {
            for _ in 0..n {
                s.push_str(&format!("2024-{month}-10,{region},{score}\n"));
            }
        }
    }
    s
}

#[test]
fn survey_periods_and_segments_are_compared() {
    let r = common::survey(
        two_months().as_bytes(),
        r#"{"includePartialPeriods": true}"#,
    );
    let c = &r.comparisons;
    let pop = &c.period_over_period[0];
    assert_eq!(
        (pop.metric.name(), pop.baseline.as_str(), pop.group.as_str()),
        ("nps", "2024-01", "2024-02")
    );
    let k = pop.comparison.as_ref().unwrap();
    close(k.difference, 15.0, 1e-12);
    close(k.p_value, 0.13118029537394293, 1e-10);
    assert!(!pop.significant);
    // Region: North vs the rest (South) and South vs the rest; Holm over the two: 2 × p.
    let seg = &c.segments[0];
    assert_eq!(
        (seg.column.as_str(), seg.correction.name()),
        ("region", "holm")
    );
    for m in &seg.comparisons {
        close(
            m.adjusted_p_value.unwrap(),
            2.0 * 0.13118029537394293,
            1e-10,
        );
    }
    assert!(r.signals.trend_flags.is_empty());
    // Benchmarks: the file's NPS is 100 × (130 − 25) / 200 = 52.5; against a target of 20 the
    // gap is +32.5 points.
    let r = common::survey(
        two_months().as_bytes(),
        r#"{"benchmarks": {"nps": 20}, "includePartialPeriods": true}"#,
    );
    let b = &r.signals.benchmarks[0];
    close(b.value.unwrap(), 52.5, 1e-12);
    close(b.gap.unwrap(), 32.5, 1e-12);
}

#[test]
fn a_period_outside_the_trailing_band_is_flagged() {
    // Daily NPS 0, 20, 10, 30, 10, then 100: trailing median 10, MAD 10, robust z = 90 / 14.826.
    let mut s = String::from("date,nps\n");
    for (day, p, d) in [
        (1, 3, 3),
        (2, 4, 2),
        (3, 3, 2),
        (4, 5, 2),
        (5, 3, 2),
        (6, 10, 0),
    ] {
        // 30 answers a day (each tenth of the day's answers three times): enough for a flag.
        for k in 0..30 {
            let score = if k < 3 * p {
                10
            } else if k < 3 * (p + d) {
                2
            } else {
                8
            };
            s.push_str(&format!("2024-03-0{day},{score}\n"));
        }
    }
    let r = common::survey(s.as_bytes(), r#"{"granularity": "day"}"#);
    let f = &r.signals.trend_flags;
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (
            f[0].period.as_str(),
            f[0].metric.name(),
            f[0].direction.name()
        ),
        ("2024-03-06", "nps", "up")
    );
    close(f[0].median, 10.0, 1e-12);
    close(f[0].mad, 10.0, 1e-12);
    close(f[0].robust_z, 90.0 / 14.826, 1e-12);
}

#[test]
fn ces_periods_are_compared_by_welch_on_the_answers() {
    // scipy.stats.ttest_ind([4, 5, 5, 6, 6, 7], [2, 3, 3, 4, 5], equal_var=False)
    let file = "date,ces\n2024-01-05,2\n2024-01-05,3\n2024-01-05,3\n2024-01-05,4\n2024-01-05,5\n2024-02-05,4\n2024-02-05,5\n2024-02-05,5\n2024-02-05,6\n2024-02-05,6\n2024-02-05,7\n";
    let r = common::survey(file.as_bytes(), r#"{"includePartialPeriods": true}"#);
    // Five and six answers: the report gives the reason instead of a test.
    let c = &r.comparisons.period_over_period[0];
    assert!(c.comparison.is_none() && !c.significant);
    assert_eq!(
        c.unavailable_reason.as_deref(),
        Some("too few to test (n = 5 and 6; the test needs at least 30 in each)")
    );
    // Thirty copies of each answer reach the test, and it is Welch on the answers (the same
    // as the test called on the repeated lists).
    let mut big = String::from("date,ces\n");
    for line in file.lines().skip(1) {
        for _ in 0..30 {
            big.push_str(line);
            big.push('\n');
        }
    }
    let r = common::survey(big.as_bytes(), r#"{"includePartialPeriods": true}"#);
    let k = r.comparisons.period_over_period[0]
        .comparison
        .as_ref()
        .unwrap();
    assert_eq!(k.test, "welchT");
    close(k.difference, 5.5 - 3.4, 1e-12);
    let s = |v: &[f64]| {
        let m =
            engagement_metrics::stats::Moments::of(v.iter().copied().cycle().take(30 * v.len()));
        m.sample().unwrap()
    };
    let direct = engagement_metrics::stats::significance::welch(
        s(&[2.0, 3.0, 3.0, 4.0, 5.0]),
        s(&[4.0, 5.0, 5.0, 6.0, 6.0, 7.0]),
        0.95,
    )
    .unwrap();
    close(k.statistic, direct.statistic, 1e-9);
    close(k.p_value, direct.p_value, 1e-12);
    // The test itself on the five and six answers, against scipy:
    let k = engagement_metrics::stats::significance::welch(
        engagement_metrics::stats::Moments::of([2.0, 3.0, 3.0, 4.0, 5.0].into_iter())
            .sample()
            .unwrap(),
        engagement_metrics::stats::Moments::of([4.0, 5.0, 5.0, 6.0, 6.0, 7.0].into_iter())
            .sample()
            .unwrap(),
        0.95,
    )
    .unwrap();
    assert_eq!(k.test, "welchT");
    close(k.statistic, 3.153944898227081, 1e-10);
    close(k.p_value, 0.012862384167681373, 1e-9);
}

#[test]
fn rates_and_durations_carry_intervals() {
    // The tickets of tests/support.rs: FCR 1 of 3 → statsmodels proportion_confint(1, 3,
    // method="wilson"); handle times 600, 1200, 300, 1800 s → scipy.stats.t.interval(0.95, 3, …).
    let file = "ticket_id,created_at,resolved_at,contacts,handle_time_sec
T1,2024-01-01T10:00:00Z,2024-01-01T12:00:00Z,1,600
T2,2024-01-02T09:00:00Z,2024-01-03T09:00:00Z,3,1200
T3,2024-01-15T08:00:00Z,2024-01-15T09:00:00Z,2,300
T4,2024-02-01T00:00:00Z,,1,1800
";
    let r = common::tickets(file.as_bytes(), "{}");
    let o = &r.support.overall;
    let i = o.first_contact_resolution.interval.unwrap();
    close(i.low, 0.06149194472039626, 1e-10);
    close(i.high, 0.7923403991979523, 1e-10);
    assert!(o.first_contact_resolution.small_sample);
    let m = o.handle_time.mean_interval.unwrap();
    close(m.low, -83.49235767939354, 1e-9);
    close(m.high, 2033.4923576793935, 1e-10);
    assert!(o.handle_time.small_sample);
}

#[test]
fn median_interval_uses_binomial_ranks() {
    use engagement_metrics::stats::median_interval;
    // n = 20: ranks 6 and 15 (scipy.stats.binom.ppf(0.025, 20, 0.5) = 6), coverage 0.9586.
    let v: Vec<f64> = (1..=20).map(f64::from).collect();
    let i = median_interval(&v, 0.95).unwrap();
    assert_eq!((i.low, i.high), (6.0, 15.0));
    // Five values cannot give 95% (0.5⁵ · 2 = 6.25% > 5%).
    assert_eq!(median_interval(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.95), None);
    // Large n: the normal approximation of the same ranks.
    let v: Vec<f64> = (1..=10_000).map(f64::from).collect();
    let i = median_interval(&v, 0.95).unwrap();
    assert_eq!((i.low, i.high), (4902.0, 5099.0));
}

/// 200 resolved tickets per (month, channel) group, the first `first` of them resolved on the
/// first contact.
fn fcr_tickets(groups: &[(&str, &str, usize)]) -> String {
    let mut s = String::from("ticket_id,created_at,resolved_at,channel,contacts\n");
    for (month, channel, first) in groups {
        for k in 0..200 {
            let contacts = if k < *first { 1 } else { 2 };
            s.push_str(&format!(
                "T{month}{channel}{k},2024-{month}-05T10:00:00Z,2024-{month}-05T12:00:00Z,{channel},{contacts}\n"
            ));
        }
    }
    s
}

#[test]
fn support_rates_are_compared_period_over_period() {
    // FCR 150/200 in January, 120/200 in February: statsmodels proportions_ztest([120, 150],
    // [200, 200]) → z −3.2026, p 0.001362.
    let s = fcr_tickets(&[("01", "email", 150), ("02", "email", 120)]);
    let r = common::tickets(s.as_bytes(), r#"{"includePartialPeriods": true}"#);
    let c = r
        .support
        .changes
        .iter()
        .find(|c| c.metric == "firstContactResolution")
        .unwrap();
    assert_eq!(
        (c.baseline.as_str(), c.group.as_str()),
        ("2024-01", "2024-02")
    );
    let k = c.comparison.as_ref().unwrap();
    close(k.statistic, -3.202563076101743, 1e-10);
    close(k.p_value, 0.0013621046715842006, 1e-9);
    assert!(c.significant);
}

#[test]
fn support_channels_are_compared_with_the_rest() {
    // email: FCR 150/200, chat: 120/200. Each against the rest is the same two-proportion test
    // as above (statsmodels p 0.0013621); Holm over the two channels doubles it.
    let s = fcr_tickets(&[("01", "email", 150), ("01", "chat", 120)]);
    let r = common::tickets(s.as_bytes(), "{}");
    let fcr: Vec<_> = r
        .support
        .segment_changes
        .iter()
        .filter(|c| c.metric == "firstContactResolution")
        .collect();
    assert_eq!(fcr.len(), 2);
    for c in &fcr {
        assert_eq!(c.baseline, "rest of channel");
        close(
            c.comparison.as_ref().unwrap().p_value,
            0.0013621046715842006,
            1e-9,
        );
        close(
            c.adjusted_p_value.unwrap(),
            2.0 * 0.0013621046715842006,
            1e-9,
        );
        assert!(c.significant);
    }
    let email = fcr.iter().find(|c| c.group == "email").unwrap();
    close(email.comparison.as_ref().unwrap().difference, 0.15, 1e-12);
}

// A skewed sample (25 handle times, rounded draws of lognormal(2.5, 0.8)).
const SKEWED: [f64; 25] = [
    15.5, 5.3, 22.2, 25.9, 2.6, 4.3, 13.5, 9.5, 12.0, 6.2, 24.6, 22.7, 12.8, 30.0, 17.7, 6.1, 16.4,
    5.7, 24.6, 11.7, 10.5, 7.1, 32.4, 10.8, 8.6,
];

#[test]
fn bootstrap_intervals_match_scipy() {
    use engagement_metrics::stats::Bootstrap;
    // scipy 1.14.1: stats.bootstrap((x,), f, n_resamples=200000, method='percentile',
    // random_state=np.random.default_rng(1)) with f = np.median, np.percentile(·, 90), np.mean.
    // The median's exact bootstrap distribution puts x(8) = 8.6 at 0.030 and x(18) = 17.7 at
    // 0.990 (P(Bin(25, k/25) ≥ 13)), so both endpoints are far from a step.
    let mut b = Bootstrap::new(0.95);
    b.resamples = 200_000;
    let mut sorted = SKEWED.to_vec();
    sorted.sort_by(f64::total_cmp);
    let m = b.quantile(&sorted, 0.5).unwrap();
    assert_eq!((m.low, m.high, m.method.name()), (8.6, 17.7, "bootstrap"));
    // Monte Carlo error of both runs: within 1.5% of scipy's.
    let p90 = b.quantile(&sorted, 0.9).unwrap();
    close(p90.low, 20.400000000000006, 0.015);
    close(p90.high, 31.44, 0.015);
    let mean = b.mean(&SKEWED).unwrap();
    close(mean.low, 11.176000000000002, 0.01);
    close(mean.high, 17.708000000000002, 0.01);
    // Seeded: the same seed gives the same interval, another seed a slightly different one.
    assert_eq!(b.mean(&SKEWED), Some(mean));
    b.seed = 2;
    let other = b.mean(&SKEWED).unwrap();
    assert_ne!(other.low, mean.low);
    close(other.low, mean.low, 0.01);
}

#[test]
fn quantile_bootstrap_equals_resampling_the_data() {
    use engagement_metrics::stats::Bootstrap;
    // The order-statistic shortcut has the distribution of sorting a resample: its median
    // interval over many resamples lands on the same ranks as the exact bootstrap
    // distribution of the median for an even n (averages of two neighbours).
    let sorted: Vec<f64> = (1..=40).map(|i| (i as f64).powf(1.5)).collect();
    let mut b = Bootstrap::new(0.90);
    b.resamples = 100_000;
    let i = b.quantile(&sorted, 0.5).unwrap();
    // numpy 2.2.6 reference: 1,000,000 resamples of the data (rng default_rng(0)), np.median of
    // each, np.percentile(·, [5, 95]) = [61.0473751, 128.78725368].
    close(i.low, 61.0473751, 0.02);
    close(i.high, 128.78725368, 0.02);
}
