//! The calculators against hand-computed values, their errors and zero denominators, and every
//! catalogue entry run with its own example inputs.

use engagement_metrics::calculators::{calculate_json, calculators};

fn calc(json: &str) -> engagement_metrics::calculators::CalcResult {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    calculate_json(&v).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[track_caller]
fn value(json: &str, want: f64) {
    let got = calc(json).value.expect("a value");
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{json}: {got} vs {want}"
    );
}

#[test]
fn customer_and_revenue_formulas() {
    // (210 − 40) / 200 = 85 %
    value(
        r#"{"metric":"retentionRate","start":200,"end":210,"new":40}"#,
        85.0,
    );
    value(r#"{"metric":"churnRate","lost":30,"start":200}"#, 15.0);
    value(
        r#"{"metric":"repeatPurchaseRate","repeatCustomers":45,"customers":180}"#,
        25.0,
    );
    value(r#"{"metric":"lifespanFromChurn","churnRate":0.05}"#, 20.0);
    value(r#"{"metric":"arpu","revenue":12500,"customers":250}"#, 50.0);
    value(
        r#"{"metric":"averageOrderValue","revenue":12500,"orders":400}"#,
        31.25,
    );
    value(
        r#"{"metric":"purchaseFrequency","orders":400,"customers":250}"#,
        1.6,
    );
    value(
        r#"{"metric":"netRevenueRetention","revenueNow":10400,"revenueBefore":10000}"#,
        104.0,
    );
}

#[test]
fn support_and_email_rates() {
    value(
        r#"{"metric":"firstContactResolutionRate","resolvedFirstContact":340,"resolved":450}"#,
        100.0 * 340.0 / 450.0,
    );
    value(
        r#"{"metric":"reopenRate","reopened":27,"resolved":450}"#,
        6.0,
    );
    value(
        r#"{"metric":"averageHandleTime","totalHandleSeconds":162000,"contacts":360}"#,
        450.0,
    );
    value(
        r#"{"metric":"ticketsPerCustomer","tickets":450,"customers":300}"#,
        1.5,
    );
    value(
        r#"{"metric":"deliveryRate","delivered":9800,"sent":10000}"#,
        98.0,
    );
    value(
        r#"{"metric":"openRate","opens":2450,"delivered":9800}"#,
        25.0,
    );
    value(
        r#"{"metric":"clickThroughRate","clicks":294,"delivered":9800}"#,
        3.0,
    );
    value(
        r#"{"metric":"clickToOpenRate","clicks":294,"opens":2450}"#,
        12.0,
    );
    value(
        r#"{"metric":"conversionRate","conversions":49,"delivered":9800}"#,
        0.5,
    );
    value(
        r#"{"metric":"unsubscribeRate","unsubscribes":20,"delivered":9800}"#,
        100.0 * 20.0 / 9800.0,
    );
    value(r#"{"metric":"bounceRate","bounces":200,"sent":10000}"#, 2.0);
    value(
        r#"{"metric":"revenuePerEmail","revenue":2940,"delivered":9800}"#,
        0.3,
    );
    value(
        r#"{"metric":"adClickThroughRate","clicks":150,"impressions":10000}"#,
        1.5,
    );
    value(r#"{"metric":"costPerClick","spend":75,"clicks":150}"#, 0.5);
    value(
        r#"{"metric":"returnOnAdSpend","revenue":300,"spend":75}"#,
        4.0,
    );
    value(
        r#"{"metric":"engagementRate","engagements":760,"followers":32600}"#,
        100.0 * 760.0 / 32600.0,
    );
    value(
        r#"{"metric":"engagementRateByImpressions","engagements":760,"impressions":36000}"#,
        100.0 * 760.0 / 36000.0,
    );
    value(r#"{"metric":"shareOfVoice","ours":270,"all":400}"#, 67.5);
    value(
        r#"{"metric":"goodRatingShare","good":212,"ratings":300}"#,
        100.0 * 212.0 / 300.0,
    );
    value(
        r#"{"metric":"sentimentScore","positive":120,"neutral":50,"negative":30}"#,
        0.45,
    );
    value(
        r#"{"metric":"followerGrowth","followersStart":10100,"followersEnd":12500}"#,
        100.0 * 2400.0 / 10100.0,
    );
    // Money may be negative (net of refunds); counts may not.
    value(r#"{"metric":"arpu","revenue":-50,"customers":10}"#, -5.0);
}

#[test]
fn survey_calculators_with_intervals() {
    let r = calc(
        r#"{"metric":"npsScore","promoters":60,"passives":25,"detractors":15,"confidence":0.95}"#,
    );
    assert!((r.value.unwrap() - 45.0).abs() < 1e-12);
    assert_eq!(r.details["responses"], 100.0);
    // statsmodels proportion_confint(172, 200, method="wilson"), in percent
    let r = calc(r#"{"metric":"csatScore","satisfied":172,"responses":200,"confidence":0.95}"#);
    assert!((r.value.unwrap() - 86.0).abs() < 1e-12);
    assert!((r.details["intervalLow"] - 80.51011913429243).abs() < 1e-8);
    assert!((r.details["intervalHigh"] - 90.13301736654437).abs() < 1e-8);
    // scipy.stats.t.interval(0.95, 79, loc=5.6, scale=1.2/√80)
    let r = calc(r#"{"metric":"meanScore","mean":5.6,"sd":1.2,"n":80,"confidence":0.95}"#);
    assert!((r.details["intervalLow"] - 5.332953081445801).abs() < 1e-9);
    assert!((r.details["intervalHigh"] - 5.867046918554198).abs() < 1e-9);
    // The coded z-test (numpy + scipy.stats.norm): +7.5 points, p 0.5577 — noise.
    let r = calc(
        r#"{"metric":"npsDifference","promotersA":36,"passivesA":24,"detractorsA":20,"promotersB":40,"passivesB":22,"detractorsB":18,"confidence":0.95}"#,
    );
    assert!((r.value.unwrap() - 7.5).abs() < 1e-9);
    assert!((r.details["pValue"] - 0.5577153452185302).abs() < 1e-10);
    let bad: serde_json::Value = serde_json::from_str(
        r#"{"metric":"csatScore","satisfied":201,"responses":200,"confidence":0.95}"#,
    )
    .unwrap();
    assert_eq!(calculate_json(&bad).unwrap_err().code(), "INVALID_OPTION");
}

#[test]
fn ab_calculators_match_statsmodels() {
    // Same inputs as tests/stats.rs (statsmodels 0.14.4): p 0.04964, lift +3 points.
    let r = calc(
        r#"{"metric":"abTest","controlVisitors":1000,"controlConversions":120,"variantVisitors":1000,"variantConversions":150,"confidence":0.95}"#,
    );
    assert!((r.value.unwrap() - 0.03).abs() < 1e-12);
    assert!((r.details["pValue"] - 0.04964038686536878).abs() < 1e-10);
    assert_eq!(r.details["significant"], 1.0);
    // samplesize_proportions_2indep_onetail(0.02, 0.10, power 0.8) = 3840.85 → 3841 per variant.
    let r = calc(
        r#"{"metric":"sampleSize","baselineRate":0.10,"targetRate":0.12,"power":0.8,"significance":0.05}"#,
    );
    assert_eq!(
        (r.value, r.details["totalVisitors"]),
        (Some(3841.0), 7682.0)
    );
    let r = calc(
        r#"{"metric":"minimumDetectableEffect","baselineRate":0.10,"visitorsPerVariant":3840.8474824362734,"power":0.8,"significance":0.05}"#,
    );
    assert!((r.value.unwrap() - 0.02).abs() < 1e-6);
    // scipy ttest_ind_from_stats (see tests/stats.rs).
    let r = calc(
        r#"{"metric":"welchTest","meanA":47.9,"sdA":15.6,"nA":35,"meanB":52.3,"sdB":12.1,"nB":40,"confidence":0.95}"#,
    );
    assert!((r.details["pValue"] - 0.18159569376636833).abs() < 1e-9);
    // Impossible: power 1, equal rates.
    let bad: serde_json::Value = serde_json::from_str(r#"{"metric":"sampleSize","baselineRate":0.1,"targetRate":0.12,"power":1,"significance":0.05}"#).unwrap();
    assert_eq!(calculate_json(&bad).unwrap_err().code(), "INVALID_OPTION");
    let same = calc(
        r#"{"metric":"sampleSize","baselineRate":0.1,"targetRate":0.1,"power":0.8,"significance":0.05}"#,
    );
    assert_eq!(same.value, None);
}

#[test]
fn lifetime_value_formulas() {
    // 50 × 0.8 × 20 × 0.3
    value(
        r#"{"metric":"clvPurchaseValue","averageOrderValue":50,"purchaseFrequency":0.8,"lifespan":20,"margin":0.3}"#,
        240.0,
    );
    value(
        r#"{"metric":"clvArpuYears","arpuPerYear":480,"years":2.5}"#,
        1200.0,
    );
    // 40 × 1.1 / (1.1 − 0.8) = 146.666…; 40 × 0.8 / 0.3 = 106.666…
    value(
        r#"{"metric":"clvDiscounted","marginPerPeriod":40,"retentionRate":0.8,"discountRate":0.1}"#,
        40.0 * 1.1 / 0.3,
    );
    value(
        r#"{"metric":"clvDiscountedFuture","marginPerPeriod":40,"retentionRate":0.8,"discountRate":0.1}"#,
        40.0 * 0.8 / 0.3,
    );
    // Without discounting the discounted form is margin × lifespan 1 / (1 − r) = 40 × 5.
    value(
        r#"{"metric":"clvDiscounted","marginPerPeriod":40,"retentionRate":0.8,"discountRate":0}"#,
        200.0,
    );
}

#[test]
fn sbg_calculator_fits_the_published_counts() {
    let r = calc(
        r#"{"metric":"sbgRetention","alive":[1000,631,468,382,326,289,262,241],"periods":12}"#,
    );
    assert!(
        (r.details["alpha"] - 0.704).abs() < 0.00704,
        "{:?}",
        r.details
    );
    assert!(
        (r.details["beta"] - 1.182).abs() < 0.01182,
        "{:?}",
        r.details
    );
    assert_eq!(r.details["medianLifetime"], 2.0);
    // α < 1: infinite mean lifetime, said so.
    assert_eq!(r.value, None);
    assert!(r.unavailable_reason.unwrap().contains("infinite"));
    assert_eq!(r.series.len(), 13);
    assert_eq!(r.series[0], 1.0);
}

#[test]
fn bg_nbd_customer_calculator_matches_the_model() {
    let r = calc(
        r#"{"metric":"bgNbdCustomer","r":0.243,"alpha":4.414,"a":0.793,"b":2.426,"frequency":0,"recency":0,"t":20,"horizon":39}"#,
    );
    // x = 0 under BG/NBD: alive for sure (no purchase to drop out after).
    assert_eq!(r.details["pAlive"], 1.0);
    assert!(r.value.unwrap() > 0.0);
}

#[test]
fn zero_denominators_have_no_value_and_a_reason() {
    for json in [
        r#"{"metric":"retentionRate","start":0,"end":5,"new":5}"#,
        r#"{"metric":"churnRate","lost":0,"start":0}"#,
        r#"{"metric":"arpu","revenue":10,"customers":0}"#,
        r#"{"metric":"averageOrderValue","revenue":0,"orders":0}"#,
        r#"{"metric":"lifespanFromChurn","churnRate":0}"#,
        r#"{"metric":"openRate","opens":0,"delivered":0}"#,
        r#"{"metric":"costPerClick","spend":10,"clicks":0}"#,
        r#"{"metric":"sentimentScore","positive":0,"neutral":0,"negative":0}"#,
        r#"{"metric":"followerGrowth","followersStart":0,"followersEnd":10}"#,
        r#"{"metric":"clvDiscounted","marginPerPeriod":40,"retentionRate":1,"discountRate":0}"#,
    ] {
        let r = calc(json);
        assert_eq!(r.value, None, "{json}");
        assert!(r.unavailable_reason.is_some(), "{json}");
        // Serialised: null, never NaN.
        assert!(serde_json::to_string(&r)
            .unwrap()
            .contains("\"value\":null"));
    }
}

#[test]
fn invalid_inputs_name_the_field() {
    for (json, field) in [
        (r#"{"metric":"churnRate","lost":-1,"start":10}"#, "lost"),
        (r#"{"metric":"churnRate","lost":11,"start":10}"#, "lost"),
        (
            r#"{"metric":"openRate","opens":11,"delivered":10}"#,
            "opens",
        ),
        (
            r#"{"metric":"averageHandleTime","totalHandleSeconds":-1,"contacts":10}"#,
            "totalHandleSeconds",
        ),
        (
            r#"{"metric":"retentionRate","start":10,"end":5,"new":6}"#,
            "new",
        ),
        (
            r#"{"metric":"clvDiscounted","marginPerPeriod":40,"retentionRate":1.2,"discountRate":0}"#,
            "retentionRate",
        ),
        (
            r#"{"metric":"sbgRetention","alive":[100,120],"periods":5}"#,
            "alive",
        ),
        (
            r#"{"metric":"sbgRetention","alive":[100],"periods":5}"#,
            "alive",
        ),
        (
            r#"{"metric":"bgNbdCustomer","r":0,"alpha":1,"a":1,"b":1,"frequency":0,"recency":0,"t":1,"horizon":1}"#,
            "r",
        ),
    ] {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let e = calculate_json(&v).unwrap_err();
        assert_eq!(e.code(), "INVALID_OPTION");
        assert!(e.to_string().contains(field), "{json}: {e}");
    }
    // Unknown metrics and fields are rejected.
    for json in [
        r#"{"metric":"nope"}"#,
        r#"{"metric":"arpu","revenue":1,"customers":1,"x":2}"#,
        r#"{"metric":"clvArpuYears","arpuPerYear":1,"years":1,"x":2}"#,
        r#"{"metric":"arpu","revenue":"1","customers":1}"#,
        r#"[1]"#,
    ] {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            calculate_json(&v).unwrap_err().code(),
            "INVALID_OPTION",
            "{json}"
        );
    }
}

#[test]
fn every_catalogue_entry_runs_on_its_example() {
    let list = calculators();
    assert_eq!(list.len(), 43);
    // Grouped in a fixed order, as the page shows them.
    let groups: Vec<&str> = list.iter().map(|c| c.group.name()).collect();
    let mut dedup = groups.clone();
    dedup.dedup();
    assert_eq!(
        dedup,
        [
            "survey",
            "customers",
            "revenue",
            "lifetime value",
            "support",
            "email and ads",
            "social and brand",
            "A/B tests"
        ]
    );
    for spec in list {
        let mut obj = serde_json::Map::new();
        obj.insert("metric".into(), spec.metric.name().into());
        for i in &spec.inputs {
            let v: serde_json::Value =
                if i.kind == engagement_metrics::calculators::InputKind::Numbers {
                    serde_json::from_str(&format!("[{}]", i.example)).unwrap()
                } else {
                    serde_json::from_str(i.example).unwrap()
                };
            obj.insert(i.name.into(), v);
        }
        let json = serde_json::Value::Object(obj).to_string();
        let r = calc(&json);
        assert_eq!(r.metric, spec.metric);
        assert_eq!(r.formula, spec.formula);
        // The sBG example (regular customers, α < 1) has an infinite mean lifetime.
        assert!(
            r.value.is_some() || spec.metric.name() == "sbgRetention",
            "{json}"
        );
    }
}

#[test]
fn share_calculators_carry_wilson_intervals() {
    // statsmodels 0.14.4 proportion_confint(30, 200, method="wilson") at alpha 0.05 and 0.10, in
    // percent like the share.
    let r = calc(r#"{"metric":"churnRate","lost":30,"start":200}"#);
    let (lo, hi) = (r.details["intervalLow"], r.details["intervalHigh"]);
    assert!((lo - 10.713593562241994).abs() < 1e-10 && (hi - 20.60557928416666).abs() < 1e-10);
    assert_eq!(r.details["n"], 200.0);
    let r = calc(r#"{"metric":"churnRate","lost":30,"start":200,"confidence":0.9}"#);
    assert!((r.details["intervalLow"] - 11.315541351883707).abs() < 1e-10);
    assert!((r.details["intervalHigh"] - 19.61875989395059).abs() < 1e-10);
    // Money ratios have no interval and no confidence input.
    let v: serde_json::Value =
        serde_json::from_str(r#"{"metric":"arpu","revenue":10,"customers":2,"confidence":0.9}"#)
            .unwrap();
    assert!(calculate_json(&v).is_err());
    assert!(calc(r#"{"metric":"arpu","revenue":10,"customers":2}"#)
        .details
        .is_empty());
}

#[test]
fn every_metric_calculator_is_in_its_catalogue_unit() {
    use engagement_metrics::calculators::calculators;
    use engagement_metrics::metrics::catalogue::info;
    use engagement_metrics::vocab::{Calculator, Formula, Metric, Unit};
    // The formulas that compute one of the catalogue's metrics under a name of their own.
    let same_as = |f: Formula| match f {
        Formula::CsatScore => Some(Metric::Csat),
        Formula::NpsScore => Some(Metric::Nps),
        Formula::FirstContactResolutionRate => Some(Metric::FirstContactResolution),
        Formula::AdClickThroughRate => Some(Metric::ImpressionClickThroughRate),
        _ => None,
    };
    let mut metrics = 0;
    for spec in calculators() {
        let m = match spec.metric {
            Calculator::Metric(m) => m,
            Calculator::Formula(f) => match same_as(f) {
                Some(m) => m,
                None => continue,
            },
        };
        metrics += 1;
        assert_eq!(
            spec.unit,
            info(m).unit,
            "{}: the calculator's unit is not the catalogue's for {m}",
            spec.metric
        );
    }
    assert!(metrics >= 25, "{metrics}");
    // Hand-computed: 10 customers lost of 200 is a churn of 5 %, given as 5 (not 0.05), its
    // Wilson interval in percent too ((p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n) with
    // p = 0.05, n = 200, z = 1.959964: 0.027383 … 0.089578).
    let r = calc(r#"{"metric":"churnRate","lost":10,"start":200}"#);
    assert_eq!((r.unit, r.value), (Unit::Percent, Some(5.0)));
    assert!(
        (r.details["intervalLow"] - 2.7383).abs() < 1e-4,
        "{:?}",
        r.details
    );
    assert!(
        (r.details["intervalHigh"] - 8.9578).abs() < 1e-4,
        "{:?}",
        r.details
    );
    assert_eq!(r.details["n"], 200.0);
    // 172 satisfied of 200 answers: CSAT 86 %, as the survey report gives it.
    let r = calc(r#"{"metric":"csatScore","satisfied":172,"responses":200,"confidence":0.95}"#);
    assert_eq!((r.unit, r.value), (Unit::Percent, Some(86.0)));
    // Not shares, so not percent: sentiment −1 … 1, an A/B lift as a difference of fractions.
    let r = calc(r#"{"metric":"sentimentScore","positive":120,"neutral":50,"negative":30}"#);
    assert_eq!(r.unit, Unit::Ratio);
    // JSON says the unit next to the value.
    let json = serde_json::to_value(calc(
        r#"{"metric":"openRate","opens":2450,"delivered":9800}"#,
    ))
    .unwrap();
    assert_eq!(
        (json["value"].as_f64(), json["unit"].as_str()),
        (Some(25.0), Some("percent"))
    );
}
