//! Quotes csv-core reads silently (issue 15): a quote never closed, a quote inside an unquoted
//! field, text after a closing quote. The readings stay RFC 4180's; each is now a coded warning,
//! and `lenientQuotes` reads a never-closed quote as a literal character.

mod common;

use common::{options, report, row_balance, streamed};
use engagement_metrics::Report;

fn warning<'a>(r: &'a Report, code: &str) -> Option<&'a str> {
    r.shared()
        .warnings
        .iter()
        .find(|w| w.code.name() == code)
        .map(|w| w.message.as_str())
}

/// Six event rows; row 3's event opens a quote that never closes.
const UNCLOSED: &str = "user,time,event\n\
u1,2024-01-01T10:00:00Z,view\n\
u2,2024-01-02T10:00:00Z,\"view\n\
u3,2024-01-03T10:00:00Z,view\n\
u4,2024-01-04T10:00:00Z,view\n\
u5,2024-01-05T10:00:00Z,view\n\
u6,2024-01-06T10:00:00Z,view\n";

#[test]
fn an_unterminated_quote_is_reported_with_where_it_opened_and_what_it_took() {
    let r = report(UNCLOSED.as_bytes(), r#"{"kind":"events"}"#);
    // RFC 4180: the rest of the file is one field: two rows read.
    assert_eq!(row_balance(&r).0, 2);
    let w = warning(&r, "UNTERMINATED_QUOTE").expect("UNTERMINATED_QUOTE");
    assert!(w.contains("line 3"), "{w}");
    assert!(w.contains("5 lines, 121 bytes"), "{w}");
    assert!(w.contains("lenientQuotes"), "{w}");
}

#[test]
fn lenient_quotes_read_the_quote_literally_and_keep_every_row() {
    let opts = r#"{"kind":"events","lenientQuotes":true}"#;
    let r = report(UNCLOSED.as_bytes(), opts);
    assert_eq!(row_balance(&r), (6, 6, 0));
    let s = r.shared();
    assert_eq!(
        s.head.input.preview[1],
        ["u2", "2024-01-02T10:00:00Z", "\"view"]
    );
    assert_eq!(
        s.head.input.preview[2],
        ["u3", "2024-01-03T10:00:00Z", "view"]
    );
    let w = warning(&r, "UNTERMINATED_QUOTE").expect("UNTERMINATED_QUOTE");
    assert!(w.contains("line 3") && w.contains("literal"), "{w}");
    // The same in any chunking.
    for chunk in [1, 5, 64] {
        let c = streamed(UNCLOSED.as_bytes(), opts, chunk).expect("report");
        assert_eq!(
            c.shared().head.input.preview,
            s.head.input.preview,
            "chunks of {chunk}"
        );
        assert_eq!(row_balance(&c), (6, 6, 0));
    }
}

#[test]
fn lenient_reading_keeps_doubled_quotes_and_earlier_fields() {
    let text = "user,event,time\nu1,view,2024-01-01\nu2,\"x\"\"y,2024-01-02\nu3,q,2024-01-03\n";
    let r = report(text.as_bytes(), r#"{"lenientQuotes":true,"kind":"events"}"#);
    let p = &r.shared().head.input.preview;
    assert_eq!(p[1], ["u2", "\"x\"\"y", "2024-01-02"]);
    assert_eq!(p[2], ["u3", "q", "2024-01-03"]);
}

#[test]
fn quotes_inside_fields_are_read_as_today_with_a_warning() {
    // `"a,"b,c"`: the quoted "a," then b and a literal quote; `a,"b"c,d`: b then c kept.
    let text = "user,time,event,note\n\
u1,2024-01-01T10:00:00Z,view,\"a,\"b\n\
u2,2024-01-02T10:00:00Z,view,x\"y\n\
u3,2024-01-03T10:00:00Z,\"B\" ,z\n";
    let r = report(text.as_bytes(), r#"{"kind":"events","ignore":["note"]}"#);
    let p = &r.shared().head.input.preview;
    assert_eq!(p[0][3], "a,b");
    assert_eq!(p[1][3], "x\"y");
    // Spaces after a closing quote stay in the value (RFC 4180 has no rule; csv-core keeps them).
    assert_eq!(p[2][2], "B ");
    let stray = warning(&r, "STRAY_QUOTE").expect("STRAY_QUOTE");
    assert!(
        stray.starts_with("1 quotes") && stray.contains("line 3"),
        "{stray}"
    );
    let after = warning(&r, "TEXT_AFTER_QUOTE").expect("TEXT_AFTER_QUOTE");
    assert!(
        after.starts_with("2 fields") && after.contains("line 2"),
        "{after}"
    );
}

#[test]
fn the_option_is_a_boolean() {
    let e =
        serde_json::from_str::<engagement_metrics::AnalyzeOptions>(r#"{"lenientQuotes":"yes"}"#);
    assert!(e.is_err());
    let _ = options(r#"{"lenientQuotes":false}"#);
}
