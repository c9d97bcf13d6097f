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
    let r = common::survey(sparse_survey().as_bytes(), "{}");
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
