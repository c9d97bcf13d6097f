//! Columns ignored although their header names a role say so in a warning (issue 15): an
//! unstyled Excel-serial date column, a channel column of 50,000 values.

mod common;

use common::{report, xlsx};

fn ignored_warnings(r: &engagement_metrics::Report) -> Vec<String> {
    r.shared()
        .warnings
        .iter()
        .filter(|w| w.code.name() == "IGNORED_COLUMN")
        .map(|w| w.message.clone())
        .collect()
}

#[test]
fn an_unstyled_excel_serial_date_column_is_ignored_with_a_warning() {
    let mut rows = String::from(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>signup_date</t></is></c></row>"#,
    );
    for r in 2..30 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>c{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>2024-01-{:02}</t></is></c><c r="C{r}"><v>{r}.5</v></c><c r="D{r}"><v>{}</v></c></row>"#,
            1 + r % 28,
            45_292 + r
        ));
    }
    let r = report(
        &xlsx(&rows, &["customer", "order_date", "amount"]),
        r#"{"kind":"transactions"}"#,
    );
    let w = ignored_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("`signup_date`") && w[0].contains("Excel serial dates"),
        "{}",
        w[0]
    );
}

#[test]
fn a_channel_column_of_many_values_is_ignored_with_a_warning() {
    let mut text = String::from("nps,channel\n");
    for i in 0..2000 {
        text.push_str(&format!("{},web-{i}\n", i % 11));
    }
    let r = report(text.as_bytes(), "{}");
    let w = ignored_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("`channel`") && w[0].contains("more than 64 distinct values"),
        "{}",
        w[0]
    );
}
