//! Every option validated for type, finiteness and range (issue 15): NaN, ±Infinity and null
//! (all `null` once JSON-serialised, as the package and the CLI pass options) and values out of
//! range are `INVALID_OPTION` naming the option and what is allowed; huge strings are not
//! echoed; caps that clamp say so in a warning.

use engagement_metrics::options::checks::from_json;
use engagement_metrics::{analyze, AnalyzeOptions, Analyzer};

/// The options read and resolved as the package does; the error if any.
fn outcome(json: &str) -> Result<AnalyzeOptions, engagement_metrics::Error> {
    let o: AnalyzeOptions = from_json(json, "options")?;
    Analyzer::new(o.clone())?;
    Ok(o)
}

#[track_caller]
fn invalid(json: &str, option: &str, says: &str) {
    let e = outcome(json).expect_err(json);
    assert_eq!(e.code(), "INVALID_OPTION", "{json}: {e}");
    let msg = e.to_string();
    assert!(msg.contains(&format!("`{option}`")), "{json}: {msg}");
    assert!(msg.contains(says), "{json}: {msg}");
    assert!(msg.len() < 800, "{json}: a message of {} bytes", msg.len());
}

/// Every option, as a JSON path with a valid value: null in its place must be refused.
const OPTIONS: &[&str] = &[
    r#"{"kind": X}"#,
    r#"{"timezone": X}"#,
    r#"{"granularity": X}"#,
    r#"{"weekStart": X}"#,
    r#"{"confidence": X}"#,
    r#"{"intervals": {"resamples": X}}"#,
    r#"{"intervals": {"seed": X}}"#,
    r#"{"intervals": {"quantiles": X}}"#,
    r#"{"delimiter": X}"#,
    r#"{"format": X}"#,
    r#"{"sheet": X}"#,
    r#"{"lenientQuotes": X}"#,
    r#"{"decimalMark": X}"#,
    r#"{"dateOrder": X}"#,
    r#"{"columns": {"nps": X}}"#,
    r#"{"segments": [X]}"#,
    r#"{"ignore": X}"#,
    r#"{"nps": {"confidence": X}}"#,
    r#"{"csat": {"satisfiedMin": X}}"#,
    r#"{"ces": {"easyThreshold": X}}"#,
    r#"{"lostAfterPeriods": X}"#,
    r#"{"rfmCustomers": X}"#,
    r#"{"benchmarks": {"nps": X}}"#,
    r#"{"social": {"includeSaves": X}}"#,
    r#"{"voice": {"brand": X}}"#,
    r#"{"voice": {"goodRatingMin": X}}"#,
    r#"{"support": {"csatSatisfiedMin": X}}"#,
    r#"{"lifetimeValue": {"margin": X}}"#,
    r#"{"lifetimeValue": {"discountRate": X}}"#,
    r#"{"clv": {"horizon": X}}"#,
    r#"{"clv": {"margin": X}}"#,
    r#"{"clv": {"discountRate": X}}"#,
    r#"{"events": {"sessionTimeoutSeconds": X}}"#,
    r#"{"events": {"mauDays": X}}"#,
    r#"{"events": {"funnel": X}}"#,
    r#"{"channelWeights": {"email": X}}"#,
    r#"{"maxFieldBytes": X}"#,
    r#"{"maxColumns": X}"#,
    r#"{"maxSpreadsheetBytes": X}"#,
    r#"{"maxDistinctIds": X}"#,
    r#"{"maxSegmentValues": X}"#,
    r#"{"previewRows": X}"#,
    r#"{"filter": X}"#,
    r#"{"filter": {"from": X}}"#,
    r#"{"filter": {"to": X}}"#,
    r#"{"filter": {"segments": {"region": X}}}"#,
    r#"{"filter": {"segments": {"region": [X]}}}"#,
];

#[test]
fn null_nan_and_infinity_are_refused_on_every_option() {
    for o in OPTIONS {
        let json = o.replace('X', "null");
        let e = outcome(&json).expect_err(&json);
        assert_eq!(e.code(), "INVALID_OPTION", "{json}");
        assert!(e.to_string().contains("is null"), "{json}: {e}");
        // The option is named by its path.
        let key = o.split('"').nth(1).unwrap_or_default();
        assert!(e.to_string().contains(key), "{json}: {e}");
    }
}

#[test]
fn natively_nan_and_infinity_are_refused_too() {
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let o = AnalyzeOptions {
            confidence: Some(v),
            ..Default::default()
        };
        let e = Analyzer::new(o).err().expect("refused");
        assert_eq!(e.code(), "INVALID_OPTION");
        assert!(e.to_string().contains("(0, 1)"), "{e}");
    }
}

#[test]
fn out_of_range_values_name_the_option_and_the_range() {
    invalid(r#"{"nps": {"confidence": 2}}"#, "nps.confidence", "(0, 1)");
    invalid(r#"{"clv": {"margin": -5}}"#, "clv.margin", "[0, 1]");
    invalid(
        r#"{"clv": {"discountRate": 1e308}}"#,
        "clv.discountRate",
        "[0, 1]",
    );
    invalid(r#"{"clv": {"horizon": 0}}"#, "clv.horizon", "[1, 1000]");
    invalid(
        r#"{"events": {"sessionTimeoutSeconds": 1e308}}"#,
        "events.sessionTimeoutSeconds",
        "(0, 604800]",
    );
    invalid(
        r#"{"events": {"mauDays": 1000000000}}"#,
        "events.mauDays",
        "[1, 366]",
    );
    invalid(
        r#"{"channelWeights": {"email": -3}}"#,
        "channelWeights",
        "[0, 1000000000000000]",
    );
    invalid(
        r#"{"lifetimeValue": {"margin": 1.5}}"#,
        "lifetimeValue.margin",
        "[0, 1]",
    );
    invalid(r#"{"maxColumns": 0}"#, "maxColumns", "[1, 10000000]");
}

#[test]
fn huge_strings_and_lists_are_refused_without_being_echoed() {
    let brand = "b".repeat(10 << 20);
    invalid(
        &format!(r#"{{"voice": {{"brand": "{brand}"}}}}"#),
        "voice.brand",
        "at most 1000",
    );
    let steps: Vec<String> = (0..100_000).map(|i| format!("\"s{i}\"")).collect();
    invalid(
        &format!(r#"{{"events": {{"funnel": [{}]}}}}"#, steps.join(",")),
        "events.funnel",
        "at most 1000",
    );
    let steps: Vec<String> = (0..500).map(|i| format!("\"s{i}\"")).collect();
    invalid(
        &format!(r#"{{"events": {{"funnel": [{}]}}}}"#, steps.join(",")),
        "events.funnel",
        "at most 100",
    );
    // An unknown value echoed in a message is cut too.
    let tz = "x".repeat(1 << 20);
    let e = outcome(&format!(r#"{{"kind": "{}"}}"#, &tz[..900])).expect_err("kind");
    assert!(e.to_string().len() < 800, "{} bytes", e.to_string().len());
}

#[test]
fn a_clamped_cap_says_so() {
    let text = "user,time,event\nu1,2024-01-01T10:00:00Z,view\nu2,2024-01-02T10:00:00Z,view\n";
    let o = outcome(r#"{"previewRows": 5000}"#).expect("valid");
    let r = analyze(text.as_bytes(), o).expect("report");
    let w = r
        .shared()
        .warnings
        .iter()
        .find(|w| w.code.name() == "OPTION_CAPPED")
        .expect("OPTION_CAPPED");
    assert!(
        w.message.contains("previewRows 5000 is capped at 1000"),
        "{}",
        w.message
    );
}
