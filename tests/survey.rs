//! Survey metrics end to end on hand-built files; every expected value is computed by hand in
//! the comments (or cites the package that computed it).

mod common;

use common::{close, fixture, survey, TOL};
use engagement_metrics::ingest::infer::Role;
use engagement_metrics::metrics::survey::*;
use engagement_metrics::{analyze, Error};

#[test]
fn nps_of_the_issue_example() {
    // [10, 9, 8, 7, 6, 0]: promoters 2 (10, 9), passives 2 (8, 7), detractors 2 (6, 0).
    // NPS = 100 × (2 − 2) / 6 = 0. p = d = 1/3: Var = [1/3 + 1/3 − 0²] / 6 = 1/9,
    // MoE = 1.959963985 × √(1/9) × 100 = 65.3321328 points.
    let r = nps_from_scores(&[10.0, 9.0, 8.0, 7.0, 6.0, 0.0], &NpsOptions::default()).unwrap();
    assert_eq!(
        (r.promoters, r.passives, r.detractors, r.responses),
        (2, 2, 2, 6)
    );
    close(r.score, 0.0, TOL);
    close(r.margin_of_error, 65.332_132_818_0, 1e-9);
    let i = r.interval.unwrap();
    close(Some(i.low), -65.332_132_818_0, 1e-9);
    close(Some(i.high), 65.332_132_818_0, 1e-9);
    assert!(r.small_sample);
    let d = r.distribution.unwrap();
    assert_eq!(d.len(), 11);
    assert_eq!(d[10].count, 1);
    assert_eq!(d[5].count, 0);
}

#[test]
fn nps_margin_of_error_worked_example() {
    // 500 promoters, 300 passives, 200 detractors (n = 1000): NPS = 30.
    // Var = [0.5 + 0.2 − (0.5 − 0.2)²] / 1000 = 0.61 / 1000 = 0.00061; √Var = 0.024698178;
    // MoE = 1.959963985 × 0.024698178 × 100 = 4.840753950 points → interval [25.1592, 34.8408].
    // scipy 1.14.1 on the +1/0/−1 coding x: stats.norm.interval(0.95, loc=x.mean(),
    // scale=np.std(x)/√1000) = (0.2515924605, 0.3484075395).
    let r = nps_from_counts(500, 300, 200, 0.95).unwrap();
    close(r.score, 30.0, TOL);
    close(r.margin_of_error, 4.840_753_950_2, 1e-9);
    close(r.interval.map(|i| i.low), 25.159_246_049_8, 1e-9);
    assert!(r.distribution.is_none());
    assert!(!r.small_sample);
    // Clamped at the top: all promoters gives 100 with a zero-width interval.
    let all = nps_from_counts(5, 0, 0, 0.95).unwrap();
    close(all.score, 100.0, TOL);
    assert_eq!(all.interval.unwrap().high, 100.0);
    // No answers: null with a reason, never NaN.
    let none = nps_from_counts(0, 0, 0, 0.95).unwrap();
    assert_eq!(none.score, None);
    assert_eq!(none.unavailable_reason.as_deref(), Some("no answers"));
    assert_eq!(none.margin_of_error, None);
}

#[test]
fn nps_refuses_other_scales_unless_mapped() {
    let err = nps_from_scores(&[5.0, 11.0], &NpsOptions::default()).unwrap_err();
    assert_eq!(err.code(), "INVALID_SCORE");
    assert!(matches!(err, Error::InvalidScore { index: 1, .. }));
    assert_eq!(
        nps_from_scores(&[7.5], &NpsOptions::default())
            .unwrap_err()
            .code(),
        "INVALID_SCORE"
    );
    // A 1–5 question mapped explicitly: 5 → 10 (promoter), 4 → 8, 3 → 5, 2 → 2, 1 → 0.
    let opts: NpsOptions =
        serde_json::from_str(r#"{"scoreMap": {"1": 0, "2": 2, "3": 5, "4": 8, "5": 10}}"#).unwrap();
    let r = nps_from_scores(&[5.0, 5.0, 4.0, 1.0], &opts).unwrap();
    assert_eq!((r.promoters, r.passives, r.detractors), (2, 1, 1));
    close(r.score, 25.0, TOL);
    let bad: NpsOptions = serde_json::from_str(r#"{"scoreMap": {"1": 12}}"#).unwrap();
    assert_eq!(
        nps_from_scores(&[1.0], &bad).unwrap_err().code(),
        "INVALID_OPTION"
    );
}

#[test]
fn csat_standard_and_variants() {
    // 1–5 answers [5, 4, 3, 2, 1, 5, 4]: n = 7; satisfied (4–5) = 4; dissatisfied (1–2) = 2;
    // ≥ 3 = 5; sum = 24.
    let r = csat_from_scores(
        &[5.0, 4.0, 3.0, 2.0, 1.0, 5.0, 4.0],
        &CsatOptions::default(),
    )
    .unwrap();
    close(r.score, 400.0 / 7.0, TOL); // 57.142857 %
                                      // Wilson 4/7 — statsmodels 0.14.4 proportion_confint(4, 7, method="wilson") = (0.2504583645, 0.8417801447)
    let i = r.interval.unwrap();
    close(Some(i.low), 25.045_836_452_765_72, 1e-7);
    close(Some(i.high), 84.178_014_474_853_02, 1e-7);
    close(r.mean, 24.0 / 7.0, TOL);
    close(
        r.variants.mean_percent.value,
        100.0 * (24.0 / 7.0 - 1.0) / 4.0,
        TOL,
    ); // 60.714286
    close(r.variants.net.value, 100.0 * (4.0 - 2.0) / 7.0, TOL); // 28.571429
    close(
        r.variants.net_with_neutral.value,
        100.0 * (5.0 - 2.0) / 7.0,
        TOL,
    ); // 42.857143 ("% 3–5 − % 1–2")
       // t interval of the mean — scipy 1.14.1 stats.t.interval(0.95, 6, loc=3.428571, scale=sd/√7)
    let mi = r.variants.mean.interval.unwrap();
    close(Some(mi.low), 2.030_336_085_060_012, 1e-9);
    close(Some(mi.high), 4.826_806_772_082_845, 1e-9);
    assert_eq!(r.variants.top_box.definition.variant, "topBox");
    assert_eq!(
        r.definition.params.get("satisfiedMin"),
        Some(&engagement_metrics::metrics::figure::Param::Number(4.0))
    );
    // Headline variant by option; threshold configurable.
    let opts = CsatOptions {
        variant: Some(CsatVariant::Mean),
        ..Default::default()
    };
    close(
        csat_from_scores(&[5.0, 4.0], &opts).unwrap().score,
        4.5,
        TOL,
    );
    let top1 = CsatOptions {
        satisfied_min: Some(5),
        ..Default::default()
    };
    close(
        csat_from_scores(&[5.0, 4.0], &top1).unwrap().score,
        50.0,
        TOL,
    );
    // A 1–10 scale; 0 is outside it.
    let ten = CsatOptions {
        scale: Some(Scale { min: 1, max: 10 }),
        ..Default::default()
    };
    close(
        csat_from_scores(&[10.0, 9.0, 5.0, 1.0], &ten)
            .unwrap()
            .score,
        50.0,
        TOL,
    );
    assert_eq!(
        csat_from_scores(&[0.0], &ten).unwrap_err().code(),
        "INVALID_SCORE"
    );
    // From counts per point: [1, 1, 1, 2, 2] is the same sample as above.
    let c = csat_from_counts(&[1.0, 1.0, 1.0, 2.0, 2.0], &CsatOptions::default()).unwrap();
    assert_eq!(c.score, r.score);
    assert_eq!(
        csat_from_counts(&[1.0, 2.0], &CsatOptions::default())
            .unwrap_err()
            .code(),
        "INVALID_OPTION"
    );
    // No answers: every variant null with a reason.
    let empty = csat_from_scores(&[], &CsatOptions::default()).unwrap();
    assert_eq!(empty.score, None);
    assert_eq!(empty.variants.net.value, None);
    assert!(empty.variants.mean.unavailable_reason.is_some());
}

#[test]
fn ces_scales_and_direction() {
    // CES 2.0 (1–7): [7, 6, 5, 2, 1, 4, 3] → mean 28/7 = 4; easy (5–7) = 3 → 42.857 %.
    let r = ces_from_scores(&[7.0, 6.0, 5.0, 2.0, 1.0, 4.0, 3.0], &CesOptions::default()).unwrap();
    close(r.score, 4.0, TOL);
    close(r.easy_percent, 300.0 / 7.0, TOL);
    // scipy 1.14.1: stats.t.interval(0.95, 6, loc=4, scale=sd/√7) = (2.0021048397, 5.9978951603)
    close(r.interval.map(|i| i.low), 2.002_104_839_708_592, 1e-9);
    // Legacy 1–5, lower = easier: easy = 1–2 by default.
    let legacy = CesOptions {
        scale: Some(Scale { min: 1, max: 5 }),
        direction: Some(CesDirection::LowerIsEasier),
        ..Default::default()
    };
    let l = ces_from_scores(&[1.0, 2.0, 3.0, 5.0], &legacy).unwrap();
    assert_eq!(l.easy, 2);
    assert_eq!(
        l.definition.params.get("direction"),
        Some(&engagement_metrics::metrics::figure::Param::Text(
            "lowerIsEasier".into()
        ))
    );
    // 1–5 higher = easier: easy = 4–5.
    let five = CesOptions {
        scale: Some(Scale { min: 1, max: 5 }),
        ..Default::default()
    };
    assert_eq!(ces_from_scores(&[4.0, 5.0, 3.0], &five).unwrap().easy, 2);
    assert_eq!(
        ces_from_scores(&[8.0], &CesOptions::default())
            .unwrap_err()
            .code(),
        "INVALID_SCORE"
    );
}

#[test]
fn survey_file_overall_periods_segments_and_rejections() {
    let r = survey(&fixture("survey-small.csv"), "{}");
    assert_eq!(r.head.input.rows, 8);
    let role = |h: &str| r.head.columns.iter().find(|c| c.header == h).unwrap().role;
    assert_eq!(role("nps"), Role::Nps);
    assert_eq!(role("csat"), Role::Csat);
    assert_eq!(role("ces"), Role::Ces);
    assert_eq!(role("submitted"), Role::Timestamp);
    assert_eq!(role("channel"), Role::Channel);
    assert_eq!(role("comment"), Role::Text);
    assert_eq!(role("id"), Role::Id);

    // NPS answers 10, 9, 8, 6, 0, 7 (11 rejected, one blank) → 2/2/2 → 0.
    let nps = r.overall.nps.as_ref().unwrap();
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (2, 2, 2));
    close(nps.score, 0.0, TOL);
    // CSAT 5, 4, 3, 2, 1, 5, 4 → 4/7 satisfied; CES 7, 6, 5, 2, 1, 4, 3 → mean 4.
    close(r.overall.csat.as_ref().unwrap().score, 400.0 / 7.0, TOL);
    close(r.overall.ces.as_ref().unwrap().score, 4.0, TOL);
    let a = &r.overall.answers;
    assert_eq!(
        (a[0].metric.name(), a[0].answered, a[0].blank, a[0].rejected),
        ("nps", 6, 1, 1)
    );
    assert_eq!(
        (a[1].metric.name(), a[1].answered, a[1].blank, a[1].rejected),
        ("csat", 7, 1, 0)
    );

    // Months in UTC: row 3 (23:30 −02:00 on Jan 31) is 01:30 UTC on Feb 1.
    // Jan: rows 1, 2 → NPS 10, 9 → 100. Feb: rows 3–6 → 8, 6, 0 (11 rejected) → −66.67.
    assert_eq!(
        r.periods
            .iter()
            .map(|p| p.period.as_str())
            .collect::<Vec<_>>(),
        ["2024-01", "2024-02"]
    );
    close(r.periods[0].metrics.nps.as_ref().unwrap().score, 100.0, TOL);
    close(
        r.periods[1].metrics.nps.as_ref().unwrap().score,
        -200.0 / 3.0,
        TOL,
    );
    assert_eq!(r.periods[0].start, "2024-01-01T00:00:00+00:00");

    // Rejections with row (header = row 1; row 5 spans two lines), column, raw value, reason.
    let find = |code: &str| r.rejected.iter().find(|x| x.code == code).unwrap();
    let bad = find("INVALID_SCORE");
    assert_eq!((bad.count, bad.column.as_str()), (1, "nps"));
    assert_eq!(
        (bad.examples[0].row, bad.examples[0].value.as_str()),
        (7, "11")
    );
    assert!(bad.examples[0].reason.contains("outside the scale 0–10"));
    assert_eq!(find("MISSING_TIMESTAMP").examples[0].row, 8);
    assert_eq!(find("INVALID_TIMESTAMP").examples[0].value, "not a date");

    // Channels: email rows 1, 2, 7 (CSAT 5, 4, 4 → 100 %), phone rows 3, 4, 8 (3, 2 → 0 %),
    // chat rows 5, 6 (1, 5 → 50 %). Weights by rows 3/8, 3/8, 2/8 → 37.5 + 0 + 12.5 = 50 %.
    let ch = r.channel_csat.as_ref().unwrap();
    close(ch.value, 50.0, TOL);
    close(ch.pooled, 400.0 / 7.0, TOL);
    assert_eq!(ch.weighting, "rowShare");
    let seg = r.segments.iter().find(|s| s.column == "channel").unwrap();
    assert_eq!(seg.role, "channel");
    let email = seg.groups.iter().find(|g| g.value == "email").unwrap();
    assert_eq!(email.metrics.rows, 3);
    close(email.metrics.csat.as_ref().unwrap().score, 100.0, TOL);

    // Comments are read exactly: quotes, commas, newline, emoji, formulas, markup.
    let comments: Vec<&str> = r
        .head
        .input
        .preview
        .iter()
        .map(|row| row[6].as_str())
        .collect();
    assert_eq!(
        comments,
        [
            "Great, fast",
            "",
            "He said \"hi\"",
            "multi\nline",
            "😀",
            "=HYPERLINK(\"x\")",
            "<script>alert(1)</script>",
            ""
        ]
    );
}

#[test]
fn supplied_channel_weights_and_timezone() {
    // Interaction counts email 100, phone 300, chat 600: 0.1 × 100 + 0.3 × 0 + 0.6 × 50 = 40 %.
    let r = survey(
        &fixture("survey-small.csv"),
        r#"{"channelWeights": {"email": 100, "phone": 300, "chat": 600, "sms": 5}, "timezone": "America/Sao_Paulo"}"#,
    );
    let ch = r.channel_csat.as_ref().unwrap();
    close(ch.value, 40.0, TOL);
    assert_eq!(ch.weighting, "suppliedInteractions");
    assert!(r.warnings.iter().any(|w| w.code == "CHANNEL_WEIGHT_UNUSED"));
    // In São Paulo (UTC−3): rows 3 and 4 fall on Jan 31 local; naive times are local.
    // Jan: 10, 9, 8, 6 → (2 − 1) / 4 = 25. Feb: 0 (11 rejected) → −100.
    close(r.periods[0].metrics.nps.as_ref().unwrap().score, 25.0, TOL);
    close(
        r.periods[1].metrics.nps.as_ref().unwrap().score,
        -100.0,
        TOL,
    );
    assert_eq!(r.periods[0].start, "2024-01-01T00:00:00-03:00");
}

#[test]
fn explicit_mapping_overrides_detection() {
    let csv = b"Q1,Q2,when,team\n9,5,03/04/2024,a\n3,1,05/04/2024,b\n";
    let r = survey(
        csv,
        r#"{"columns": {"nps": "Q1", "csat": "q2", "timestamp": "when"}, "segments": ["team"], "dateOrder": "dmy", "granularity": "day"}"#,
    );
    close(r.overall.nps.as_ref().unwrap().score, 0.0, TOL);
    close(r.overall.csat.as_ref().unwrap().score, 50.0, TOL);
    assert_eq!(
        r.periods
            .iter()
            .map(|p| p.period.as_str())
            .collect::<Vec<_>>(),
        ["2024-04-03", "2024-04-05"]
    );
    assert!(r
        .head
        .columns
        .iter()
        .all(|c| c.role == Role::Ignored
            || c.source == engagement_metrics::report::ColumnSource::Mapped));
    // Without dateOrder the slash dates are ambiguous: a clear error, not a guess.
    let err = analyze(
        csv,
        common::options(r#"{"columns": {"nps": "Q1", "timestamp": "when"}}"#),
    )
    .unwrap_err();
    assert_eq!(err.code(), "AMBIGUOUS_DATE_ORDER");
    let err = analyze(csv, common::options(r#"{"columns": {"nps": "Nope"}}"#)).unwrap_err();
    assert_eq!(err.code(), "COLUMN_NOT_FOUND");
}

#[test]
fn weeks_and_days_in_a_zone() {
    // 2024-01-07 is a Sunday: ISO weeks put it with Monday 2024-01-01; Sunday weeks start it.
    let csv = b"nps,date\n10,2024-01-06\n0,2024-01-07\n10,2024-01-08\n";
    let iso = survey(csv, r#"{"granularity": "week"}"#);
    assert_eq!(
        iso.periods
            .iter()
            .map(|p| (p.period.as_str(), p.metrics.rows))
            .collect::<Vec<_>>(),
        [("2024-01-01", 2), ("2024-01-08", 1)]
    );
    let sun = survey(csv, r#"{"granularity": "week", "weekStart": "sunday"}"#);
    assert_eq!(
        sun.periods
            .iter()
            .map(|p| (p.period.as_str(), p.metrics.rows))
            .collect::<Vec<_>>(),
        [("2023-12-31", 1), ("2024-01-07", 2)]
    );
}

#[test]
fn fatal_problems_are_errors_with_codes() {
    let code = |bytes: &[u8], o: &str| analyze(bytes, common::options(o)).unwrap_err().code();
    assert_eq!(code(b"", "{}"), "EMPTY_INPUT");
    assert_eq!(code(b"\xEF\xBB\xBF\n\n", "{}"), "EMPTY_INPUT");
    assert_eq!(code(b"9,2024-01-01\n10,2024-01-02\n", "{}"), "NO_HEADER");
    assert_eq!(code(b"name,city\nann,paris\n", "{}"), "NO_METRIC_COLUMNS");
    assert_eq!(code(b"nps\n1\n", r#"{"kind": "tweets"}"#), "INVALID_OPTION");
    assert_eq!(
        code(b"nps\n1\n", r#"{"kind": "social"}"#),
        "NO_METRIC_COLUMNS"
    );
    assert_eq!(
        code(b"nps\n1\n", r#"{"kind": "events"}"#),
        "NO_METRIC_COLUMNS"
    );
    assert_eq!(
        code(b"nps\n1\n", r#"{"timezone": "Nowhere/City"}"#),
        "UNKNOWN_TIMEZONE"
    );
    assert_eq!(
        code(b"nps\n1\n", r#"{"confidence": 1.5}"#),
        "INVALID_OPTION"
    );
    assert_eq!(
        code(b"nps\n1\n", r#"{"granularity": "fortnight"}"#),
        "INVALID_OPTION"
    );
    assert!(
        serde_json::from_str::<engagement_metrics::AnalyzeOptions>(r#"{"timezon": "UTC"}"#)
            .is_err()
    );
    // Header only: a report with no rows, metrics null with a reason.
    let r = survey(b"nps,date\n", "{}");
    assert_eq!(r.head.input.rows, 0);
    assert_eq!(r.overall.nps.as_ref().unwrap().score, None);
    assert!(r.warnings.iter().any(|w| w.code == "NO_ROWS"));
}

#[test]
fn encodings_and_delimiters() {
    // Semicolons, CRLF, a UTF-8 BOM.
    let r = survey(
        b"\xEF\xBB\xBFnps;region\r\n10;Nord\r\n0;S\xC3\xBCd\r\n",
        "{}",
    );
    assert_eq!(r.head.input.delimiter.as_deref(), Some(";"));
    assert_eq!(r.head.input.preview[1][1], "Süd");
    // Latin-1 bytes are read as Windows-1252, with a warning.
    let r = survey(b"nps,region\n10,S\xFCd\n", "{}");
    assert_eq!(r.head.input.preview[0][1], "Süd");
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == "DECODED_AS_WINDOWS_1252"));
    // UTF-16 LE with BOM, tab-separated.
    let mut bytes = vec![0xFF, 0xFE];
    for u in "nps\tcomment\n9\tçа va\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let r = survey(&bytes, "{}");
    assert_eq!(r.head.input.preview[0], ["9", "çа va"]);
    close(r.overall.nps.as_ref().unwrap().score, 100.0, TOL);
}

#[test]
fn comment_sentiment_per_group() {
    let file = "nps,region,comment\n10,North,I love it\n2,North,This is awful\n8,South,It arrived\n9,South,\n10,South,I love it\n";
    let r = common::survey(file.as_bytes(), "{}");
    let c = r.overall.comments.as_ref().expect("comments");
    // "I love it" twice (positive), "This is awful" (negative), "It arrived" (neutral).
    assert_eq!((c.texts, c.positive, c.neutral, c.negative), (4, 2, 1, 1));
    assert_eq!(c.score, Some(0.25));
    let south = r.segments[0]
        .groups
        .iter()
        .find(|g| g.value == "South")
        .unwrap();
    let s = south.metrics.comments.as_ref().unwrap();
    assert_eq!((s.texts, s.positive, s.neutral), (2, 1, 1));
    // No comment column: no sentiment.
    let r = common::survey(b"nps\n10\n", "{}");
    assert_eq!(r.overall.comments, None);
}
