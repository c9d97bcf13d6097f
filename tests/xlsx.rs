//! Hostile and odd workbooks (issue 15): cells far from A1, zip bombs, positions outside the
//! grid, times to the millisecond, error cells named by their header. Every workbook is built
//! in the test, so each case states exactly what the file holds.

mod common;

use common::{dataset, options, xlsx, xlsx_parts};
use engagement_metrics::analyze;

/// A header and three data rows in A1:C4, then `extra` (more `<row>` elements).
fn orders_with(extra: &str) -> Vec<u8> {
    let mut rows = String::from(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
    );
    for r in 2..=4 {
        rows.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>c{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>2024-01-0{r}</t></is></c><c r="C{r}"><v>{r}.5</v></c></row>"#
        ));
    }
    rows.push_str(extra);
    xlsx(&rows, &["customer", "order_date", "amount"])
}

fn lone_cell(at: &str, row: u32) -> String {
    format!(r#"<row r="{row}"><c r="{at}"><v>1</v></c></row>"#)
}

#[test]
fn a_cell_at_xfd1048576_is_a_coded_column_limit_not_a_crash() {
    for at in [("XFD1048576", 1_048_576), ("XFD10000", 10_000)] {
        let bytes = orders_with(&lone_cell(at.0, at.1));
        assert!(bytes.len() < 4096, "the workbook is small: {}", bytes.len());
        let err = analyze(&bytes, options("{}")).expect_err(at.0);
        assert_eq!(err.code(), "LIMIT_EXCEEDED", "{at:?}: {err}");
        assert!(err.to_string().contains("maxColumns"), "{err}");
        assert!(err.to_string().contains(&format!("row {}", at.1)), "{err}");
    }
}

#[test]
fn a_cell_at_cv1048576_reads_without_a_dense_grid() {
    // 100 columns by 1,048,576 rows would be 105 M cells densely; read sparsely it is 4 rows
    // plus one more.
    let started = std::time::Instant::now();
    let bytes = orders_with(&lone_cell("CV1048576", 1_048_576));
    let r = dataset(&bytes, "{}");
    assert_eq!(r.head.input.header.len(), 100);
    assert_eq!(
        r.head.input.header[..3],
        ["customer", "order_date", "amount"]
    );
    assert_eq!(r.head.input.rows, 4);
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn a_cell_outside_the_grid_is_unreadable_with_its_position() {
    let bytes = orders_with(&lone_cell("AAA1048577", 1_048_577));
    let err = analyze(&bytes, options("{}")).expect_err("outside the grid");
    assert_eq!(err.code(), "UNREADABLE_FILE");
    assert!(err.to_string().contains("row 1048577, column AAA"), "{err}");
}

#[test]
fn rows_out_of_order_are_unreadable() {
    let bytes = orders_with(&lone_cell("A3", 3));
    let err = analyze(&bytes, options("{}")).expect_err("out of order");
    assert_eq!(err.code(), "UNREADABLE_FILE");
    assert!(err.to_string().contains("out of order"), "{err}");
}

#[test]
fn an_inflated_sheet_over_max_spreadsheet_bytes_is_refused() {
    // 4 MB of repeated rows deflate to a few KB: the limit applies to the inflated part.
    let row = r#"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#;
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData></worksheet>"#,
        row.repeat(4_000_000 / row.len())
    );
    let bytes = xlsx_parts(&[("xl/worksheets/sheet1.xml", sheet.as_bytes())]);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let err = analyze(&bytes, options(r#"{"maxSpreadsheetBytes": 1000000}"#)).expect_err("bomb");
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    assert!(err.to_string().contains("maxSpreadsheetBytes"), "{err}");
    assert!(err.to_string().contains("inflated"), "{err}");
}

#[test]
fn an_inflated_shared_string_over_max_spreadsheet_bytes_is_refused() {
    let big = "y".repeat(3_000_000);
    let bytes = xlsx(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &[&big]);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let err = analyze(&bytes, options(r#"{"maxSpreadsheetBytes": 1000000}"#)).expect_err("bomb");
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    // Under the part limit, the string is still a field over `maxFieldBytes`.
    let err = analyze(&bytes, options(r#"{"maxFieldBytes": 1000000}"#)).expect_err("field");
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    assert!(err.to_string().contains("maxFieldBytes"), "{err}");
}

#[test]
fn excel_times_round_to_the_millisecond() {
    // 45292 is 2024-01-01; + 1/24 is 01:00 (a binary fraction a hair below it).
    let at = 45292.0 + 1.0 / 24.0;
    let ms = 45292.0 + (3_600_000.0 + 123.0) / 86_400_000.0;
    let rows = format!(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>c1</t></is></c><c r="B2" s="1"><v>{at}</v></c><c r="C2" t="inlineStr"><is><t>signup</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>c2</t></is></c><c r="B3" s="1"><v>{ms}</v></c><c r="C3" t="inlineStr"><is><t>signup</t></is></c></row>"#
    );
    let bytes = xlsx(&rows, &["customer", "signed_up", "event"]);
    let r = dataset(&bytes, r#"{"kind": "events"}"#);
    assert_eq!(r.head.input.preview[0][1], "2024-01-01T01:00:00");
    assert_eq!(r.head.input.preview[1][1], "2024-01-01T01:00:00.123");
}

#[test]
fn cell_errors_name_the_column_by_its_header() {
    let bytes = orders_with(
        r#"<row r="5"><c r="A5" t="inlineStr"><is><t>c5</t></is></c><c r="B5" t="inlineStr"><is><t>2024-01-05</t></is></c><c r="C5" t="e"><v>#DIV/0!</v></c></row>"#,
    );
    let r = dataset(&bytes, "{}");
    let e = r
        .rejected
        .iter()
        .find(|x| x.code.name() == "CELL_ERROR")
        .expect("a CELL_ERROR rejection");
    assert_eq!(e.column, "amount");
    assert_eq!(e.count, 1);
    assert_eq!(e.examples[0].row, 5);
    assert_eq!(e.examples[0].value, "#DIV/0!");
}

#[test]
fn cell_references_that_would_overflow_are_unreadable_not_a_panic() {
    // Ten digits overflow calamine's u32 arithmetic; a reversed dimension underflows it.
    for bad in [
        r#"<row r="2"><c r="A99999999999"><v>1</v></c></row>"#,
        r#"<row r="99999999999"><c><v>1</v></c></row>"#,
        r#"<row r="2"><c r="ABCDE2"><v>1</v></c></row>"#,
    ] {
        let bytes = orders_with(bad);
        let err = analyze(&bytes, options("{}")).expect_err(bad);
        assert_eq!(err.code(), "UNREADABLE_FILE", "{bad}: {err}");
        assert!(err.to_string().contains("cell reference"), "{err}");
    }
}

#[test]
fn an_empty_cell_left_of_the_used_columns_is_skipped() {
    // Found by the long fuzz run: B2 holds a value, A2 is an empty cell; A1 is empty too.
    let rows = r#"<row r="1"><c r="A1"/><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row><row r="2"><c r="A2"/><c r="B2" t="inlineStr"><is><t>c1</t></is></c><c r="C2" t="inlineStr"><is><t>2024-01-02</t></is></c><c r="D2"><v>3.5</v></c></row>"#;
    let r = dataset(&xlsx(rows, &["customer", "order_date", "amount"]), "{}");
    assert_eq!(r.head.input.header, ["customer", "order_date", "amount"]);
    assert_eq!(r.head.input.preview[0], ["c1", "2024-01-02", "3.5"]);
}

#[test]
fn a_date_serial_beyond_excels_calendar_is_a_rejected_value() {
    // Found by the long fuzz run: 45292.04E1666666664 is a date-styled number past 9999-12-31.
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>c1</t></is></c><c r="B2" s="1"><v>45292.5</v></c><c r="C2"><v>3</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>c2</t></is></c><c r="B3" s="1"><v>4.5E20</v></c><c r="C3"><v>4</v></c></row>"#;
    let r = dataset(&xlsx(rows, &["customer", "order_date", "amount"]), "{}");
    assert_eq!(r.head.input.preview[1][1], "450000000000000000000");
    assert_eq!(r.head.input.rows, 2);
}
