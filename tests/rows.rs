//! Rows are never lost without a word (issue 15): each NDJSON line is its own record, a JSON
//! row rejected as invalid is read and skipped, a truncated array is an error, and NUL bytes are
//! refused wherever they are and however the input is cut.

mod common;

use common::{options, report, row_balance, streamed};
use engagement_metrics::analyze;

fn ndjson_events(n: usize, broken_at: Option<usize>) -> String {
    let mut s = String::new();
    for i in 1..=n {
        if Some(i) == broken_at {
            s.push_str(
                "{\"user\":\"u1\",\"time\":\"2024-01-01T10:00:00Z\",\"event\":\"unterminated\n",
            );
        } else {
            s.push_str(&format!(
                "{{\"user\":\"u{}\",\"time\":\"2024-01-{:02}T10:00:00Z\",\"event\":\"view\"}}\n",
                i % 7,
                1 + i % 28
            ));
        }
    }
    s
}

#[test]
fn a_broken_ndjson_line_loses_only_itself() {
    for (n, at) in [(5, 2), (1000, 501)] {
        let text = ndjson_events(n, Some(at));
        let r = report(text.as_bytes(), "{}");
        let (read, kept, skipped) = row_balance(&r);
        assert_eq!(
            (read, kept, skipped),
            (n as u64, n as u64 - 1, 1),
            "{n} lines, broken at {at}"
        );
        let bad = r
            .shared()
            .rejected
            .iter()
            .find(|x| x.code.name() == "INVALID_JSON")
            .expect("INVALID_JSON");
        assert_eq!((bad.count, bad.examples[0].row), (1, at as u64));
    }
}

#[test]
fn invalid_json_rows_are_read_and_skipped_in_arrays_too() {
    let text = r#"[
{"user":"u1","time":"2024-01-01T10:00:00Z","event":"view"},
{"user":"u2","time":"2024-01-02T10:00:00Z","event":"view",},
{"user":"u3","time":"2024-01-03T10:00:00Z","event":"view"},
7
]"#;
    let r = report(text.as_bytes(), "{}");
    assert_eq!(row_balance(&r), (4, 2, 2));
    let bad = r
        .shared()
        .rejected
        .iter()
        .find(|x| x.code.name() == "INVALID_JSON")
        .expect("INVALID_JSON");
    assert_eq!(bad.count, 2);
    assert_eq!(bad.examples[0].row, 3);
    assert_eq!(bad.examples[1].row, 5);
}

#[test]
fn a_json_array_truncated_inside_an_element_is_an_error() {
    let text = "[\n{\"user\":\"u1\",\"time\":\"2024-01-01T10:00:00Z\",\"event\":\"view\"},\n{\"user\":\"u2\",\"ti";
    let err = analyze(text.as_bytes(), options("{}")).expect_err("truncated");
    assert_eq!(err.code(), "UNREADABLE_FILE");
    assert!(err.to_string().contains("line 3"), "{err}");
    // 100,000 opening brackets: not "empty", a truncated array.
    let err = analyze("[".repeat(100_000).as_bytes(), options("{}")).expect_err("brackets");
    assert_eq!(err.code(), "UNREADABLE_FILE", "{err}");
}

#[test]
fn nul_bytes_are_refused_by_analyze_and_by_every_chunking() {
    let mut text = String::from("user,time,event\n");
    for i in 0..2000 {
        text.push_str(&format!("u{i},2024-01-01T10:00:00Z,view\n"));
    }
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 10;
    bytes[at] = 0;
    let whole = analyze(&bytes, options("{}")).expect_err("NUL").to_string();
    assert!(whole.contains(&format!("at byte {at}")), "{whole}");
    for chunk in [1, 7, 4096, 1 << 20] {
        let err = streamed(&bytes, "{}", chunk).expect_err("NUL");
        assert_eq!(err.code(), "ENCODING");
        assert_eq!(err.to_string(), whole, "chunks of {chunk}");
    }
}

#[test]
fn odd_values_in_an_epoch_column_are_rejected_on_their_rows() {
    let mut text = String::from("user,ts,event\n");
    for i in 0..40 {
        text.push_str(&format!("u{},{},view\n", i % 5, 1_704_103_200 + i * 3600));
    }
    // A placeholder, a negative, a fractional epoch and a valid epoch from 1985.
    for odd in ["0", "-1", "1704103200.5", "500000000"] {
        text.push_str(&format!("u9,{odd},view\n"));
    }
    let r = report(text.as_bytes(), "{}");
    assert_eq!(r.kind().name(), "events");
    let (read, kept, skipped) = row_balance(&r);
    assert_eq!((read, kept + skipped), (44, 44));
    let bad = r
        .shared()
        .rejected
        .iter()
        .find(|x| x.code.name() == "INVALID_TIMESTAMP")
        .expect("INVALID_TIMESTAMP");
    assert_eq!(bad.count, 2);
    let values: Vec<&str> = bad.examples.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(values, ["0", "-1"]);
    assert_eq!((bad.examples[0].row, bad.examples[1].row), (42, 43));
}

#[test]
fn a_field_over_max_field_bytes_names_its_own_row() {
    for size in [17 << 20, 40 << 20] {
        for quoted in [false, true] {
            let big = "x".repeat(size);
            let field = if quoted { format!("\"{big}\"") } else { big };
            let text = format!("user,note\nu1,a\nu2,{field}\nu3,c\n");
            let err = analyze(text.as_bytes(), options("{}")).expect_err("too long");
            assert_eq!(err.code(), "LIMIT_EXCEEDED");
            assert!(
                err.to_string().contains("at row 3;"),
                "{size} {quoted}: {err}"
            );
        }
    }
}

#[test]
fn a_blank_first_line_is_skipped_like_an_empty_one() {
    let body = "user,time,event\nu1,2024-01-01T10:00:00Z,view\nu2,2024-01-02T10:00:00Z,view\n";
    for first in ["", "\n", " \n", "\t \r\n"] {
        let r = report(format!("{first}{body}").as_bytes(), "{}");
        assert_eq!(
            r.shared().head.input.header,
            ["user", "time", "event"],
            "{first:?}"
        );
        assert_eq!(row_balance(&r), (2, 2, 0));
    }
}
