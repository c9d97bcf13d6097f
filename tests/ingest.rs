//! The edge-case corpus (tests/corpus/, written by make.py): every file read record by record
//! with its expected values and row numbers, then through `analyze` for the typed values,
//! kinds and rejections.

mod common;

use common::DatasetReport;
use engagement_metrics::ingest::decode::Encoding;
use engagement_metrics::ingest::{ChunkReader, Format, ReaderOptions, Record};
use engagement_metrics::report::Extreme;
use engagement_metrics::{analyze, inspect, AnalyzeOptions};

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

struct Read {
    rows: Vec<(u64, Vec<String>)>,
    reader: ChunkReader,
}

/// Reads `bytes` one byte at a time (the hardest chunking) and also whole, checking both agree.
fn read(bytes: &[u8], opts: ReaderOptions) -> Read {
    let run = |chunks: &mut dyn Iterator<Item = &[u8]>| {
        let mut reader = ChunkReader::new(opts.clone());
        let mut rows = Vec::new();
        let mut sink = |r: Record<'_>| {
            rows.push((r.row, r.iter().map(str::to_string).collect()));
            Ok(())
        };
        for c in chunks {
            reader.push(c, &mut sink).unwrap();
        }
        reader.finish(&mut sink).unwrap();
        Read { rows, reader }
    };
    let whole = run(&mut std::iter::once(bytes));
    let bytewise = run(&mut bytes.chunks(1));
    assert_eq!(whole.rows, bytewise.rows);
    whole
}

fn records(name: &str) -> Vec<(u64, Vec<String>)> {
    read(&corpus(name), ReaderOptions::default()).rows
}

fn rows(want: &[(u64, &[&str])]) -> Vec<(u64, Vec<String>)> {
    want.iter()
        .map(|(r, f)| (*r, f.iter().map(|s| s.to_string()).collect()))
        .collect()
}

#[test]
fn quoting_escaping_and_newlines_in_quotes() {
    assert_eq!(
        records("quoting.csv"),
        rows(&[
            (1, &["id", "text", "note"]),
            (2, &["1", "a, b", "say \"hi\""]),
            // A quoted line break does not start a new spreadsheet row.
            (3, &["2", "two\nlines", ""]),
            (4, &["3", "plain", "x,y"]),
        ])
    );
}

#[test]
fn empty_fields_ragged_rows_and_blank_lines() {
    assert_eq!(
        records("empty-fields.csv"),
        rows(&[
            (1, &["a", "b", "c"]),
            (2, &["1", "", "3"]),
            (3, &["", "", ""]),
            (4, &["4", "5", ""]),
        ])
    );
    assert_eq!(
        records("ragged.csv"),
        rows(&[
            (1, &["a", "b", "c"]),
            (2, &["1", "2"]),
            (3, &["1", "2", "3", "4"]),
            (4, &["5", "6", "7"]),
        ])
    );
    // Blank lines are skipped but counted, so rows match the spreadsheet.
    assert_eq!(
        records("blank-lines.csv"),
        rows(&[(1, &["a", "b"]), (3, &["1", "2"]), (6, &["3", "4"])])
    );
}

#[test]
fn line_ends_crlf_and_cr() {
    let want = rows(&[(1, &["a", "b"]), (2, &["1", "2"]), (3, &["3", "4"])]);
    assert_eq!(records("crlf.csv"), want);
    assert_eq!(records("cr.csv"), want);
}

#[test]
fn encodings_bom_utf16_latin1() {
    let r = read(&corpus("bom.csv"), ReaderOptions::default());
    assert_eq!(r.reader.encoding(), Encoding::Utf8Bom);
    assert_eq!(r.rows, rows(&[(1, &["name", "score"]), (2, &["ann", "9"])]));
    let want = rows(&[(1, &["name", "city"]), (2, &["José", "Zürich"])]);
    for (file, enc) in [
        ("utf16le.csv", Encoding::Utf16Le),
        ("utf16be.csv", Encoding::Utf16Be),
        ("latin1.csv", Encoding::Utf8),
    ] {
        let r = read(&corpus(file), ReaderOptions::default());
        assert_eq!(r.reader.encoding(), enc, "{file}");
        assert_eq!(r.rows, want, "{file}");
    }
    let r = read(&corpus("latin1.csv"), ReaderOptions::default());
    assert_eq!(r.reader.cp1252_records, 1);
}

#[test]
fn delimiters_are_detected_and_overridable() {
    for (file, d) in [
        ("semicolon.csv", b';'),
        ("tab.tsv", b'\t'),
        ("pipe.txt", b'|'),
    ] {
        let r = read(&corpus(file), ReaderOptions::default());
        assert_eq!(r.reader.delimiter(), d, "{file}");
        assert_eq!(r.reader.format(), Format::Csv);
    }
    // Forced: the semicolon file read with commas splits at the decimal commas instead.
    let forced = read(
        &corpus("semicolon.csv"),
        ReaderOptions {
            delimiter: Some(b','),
            ..Default::default()
        },
    );
    assert_eq!(forced.rows[1].1, ["c1;31/01/2024;1.234", "50"]);
}

#[test]
fn very_long_field_and_very_wide_row() {
    let long = "x".repeat(3 << 20);
    let text = format!("id,comment\n1,\"{long}\"\n");
    let r = read(text.as_bytes(), ReaderOptions::default());
    assert_eq!(r.rows[1].1[1].len(), 3 << 20);
    let err = analyze(
        text.as_bytes(),
        common::options(r#"{"maxFieldBytes": 1000000}"#),
    )
    .unwrap_err();
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    assert!(err.to_string().contains("row 2"), "{err}");

    let header: Vec<String> = (0..5000).map(|i| format!("c{i}")).collect();
    let values: Vec<String> = (0..5000).map(|i| i.to_string()).collect();
    let text = format!("{}\n{}\n", header.join(","), values.join(","));
    let r = read(text.as_bytes(), ReaderOptions::default());
    assert_eq!(r.rows[1].1.len(), 5000);
    assert_eq!(r.rows[1].1[4999], "4999");
    let err = analyze(text.as_bytes(), common::options(r#"{"maxColumns": 100}"#)).unwrap_err();
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
}

#[test]
fn distinct_id_limit_and_binary_input_are_clear_errors() {
    let text = "user_id,timestamp,event\nu1,2024-01-01,a\nu2,2024-01-01,a\nu3,2024-01-01,a\n";
    let err = analyze(text.as_bytes(), common::options(r#"{"maxDistinctIds": 2}"#)).unwrap_err();
    assert_eq!(err.code(), "LIMIT_EXCEEDED");
    assert!(
        err.to_string().contains("row 4") && err.to_string().contains("maxDistinctIds"),
        "{err}"
    );
    assert_eq!(
        common::dataset(text.as_bytes(), r#"{"maxDistinctIds": 3}"#)
            .dataset
            .rows_kept,
        3
    );
    let err = analyze(b"%PDF-1.7\n\x00\x01\x02binary", AnalyzeOptions::default()).unwrap_err();
    assert_eq!(err.code(), "ENCODING");
    let err = analyze(
        b"PK\x03\x04not really a workbook",
        AnalyzeOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "UNREADABLE_FILE");
}

#[test]
fn empty_file_header_only_and_missing_header() {
    let code = |name: &str| {
        analyze(&corpus(name), AnalyzeOptions::default())
            .unwrap_err()
            .code()
    };
    assert_eq!(code("empty.csv"), "EMPTY_INPUT");
    assert_eq!(code("no-header.csv"), "NO_HEADER");
    // A header alone: the kind is clear from it, zero rows, and a warning.
    let r = dataset(&corpus("header-only.csv"), "{}");
    assert_eq!(r.kind.name(), "events");
    assert_eq!(r.dataset.rows_kept, 0);
    assert!(r.warnings.iter().any(|w| w.code == "NO_ROWS"));
}

fn dataset(bytes: &[u8], opts: &str) -> DatasetReport {
    common::dataset(bytes, opts)
}

fn column<'a>(r: &'a DatasetReport, header: &str) -> &'a engagement_metrics::report::StoredColumn {
    r.dataset
        .columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no stored column {header}"))
}

#[test]
fn amounts_in_every_notation() {
    let r = dataset(&corpus("amounts.csv"), "{}");
    assert_eq!(r.kind.name(), "transactions");
    // $1,234.50, (12.00), USD 7, 15 % kept; "abc" and the blank amount skip their rows.
    assert_eq!((r.dataset.rows_kept, r.dataset.rows_skipped), (4, 2));
    let amount = column(&r, "amount");
    assert_eq!(amount.min, Some(Extreme::Number(-12.0)));
    assert_eq!(amount.max, Some(Extreme::Number(1234.5)));
    let bad = r
        .rejected
        .iter()
        .find(|x| x.code == "INVALID_NUMBER")
        .unwrap();
    assert_eq!(
        (
            bad.count,
            bad.examples[0].row,
            bad.examples[0].value.as_str()
        ),
        (1, 6, "abc")
    );
    assert_eq!(bad.fate, engagement_metrics::error::Fate::RowSkipped);
    let missing = r
        .rejected
        .iter()
        .find(|x| x.code == "MISSING_REQUIRED")
        .unwrap();
    assert_eq!(missing.examples[0].row, 7);
}

#[test]
fn decimal_comma_and_day_first_dates_are_detected() {
    let r = dataset(&corpus("semicolon.csv"), "{}");
    assert_eq!(r.head.input.delimiter.as_deref(), Some(";"));
    let info = |h: &str| r.head.columns.iter().find(|c| c.header == h).unwrap();
    assert_eq!(format!("{:?}", info("amount").decimal_mark), "Some(Comma)");
    assert_eq!(format!("{:?}", info("date").time_format), "Some(Dmy)");
    let amount = column(&r, "amount");
    assert_eq!(
        (amount.min.clone(), amount.max.clone()),
        (Some(Extreme::Number(12.5)), Some(Extreme::Number(1234.5)))
    );
    assert_eq!(r.dataset.rows_kept, 3);
    let date = column(&r, "date");
    assert_eq!(
        date.min,
        Some(Extreme::Text("2024-01-31T00:00:00+00:00".into()))
    );
    assert_eq!(
        date.max,
        Some(Extreme::Text("2024-03-01T00:00:00+00:00".into()))
    );
    // The option overrides detection: with a dot, "1.234,50" is not a number.
    let r = dataset(&corpus("semicolon.csv"), r#"{"decimalMark": "dot"}"#);
    assert_eq!(r.dataset.rows_kept, 1);
}

#[test]
fn json_array_with_nested_values_and_non_objects() {
    let r = dataset(&corpus("events.json"), "{}");
    assert_eq!(format!("{:?}", r.head.input.format), "Json");
    assert_eq!(
        r.head.input.header,
        ["user", "time", "event", "props", "page"]
    );
    assert_eq!(r.kind.name(), "events");
    assert_eq!(r.dataset.rows_kept, 2);
    let find = |code: &str| r.rejected.iter().find(|x| x.code == code).unwrap();
    // Rows are the lines the objects start on.
    assert_eq!(find("NESTED_VALUE").examples[0].row, 2);
    assert_eq!(
        find("NESTED_VALUE").fate,
        engagement_metrics::error::Fate::ValueIgnored
    );
    assert_eq!(find("INVALID_JSON").examples[0].row, 4);
    assert_eq!(find("MISSING_REQUIRED").examples[0].row, 5);
    assert_eq!(column(&r, "user").distinct, Some(2));
}

#[test]
fn ndjson_with_an_invalid_line_and_unix_times() {
    let r = dataset(&corpus("events.ndjson"), "{}");
    assert_eq!(format!("{:?}", r.head.input.format), "Ndjson");
    assert_eq!(r.dataset.rows_kept, 3);
    let bad = r
        .rejected
        .iter()
        .find(|x| x.code == "INVALID_JSON")
        .unwrap();
    assert_eq!(
        (bad.examples[0].row, bad.examples[0].value.as_str()),
        (3, "{not json}")
    );
    let ts = column(&r, "timestamp");
    assert_eq!(
        ts.min,
        Some(Extreme::Text("2024-01-01T10:00:00+00:00".into()))
    );
    assert_eq!(
        ts.max,
        Some(Extreme::Text("2024-01-01T12:00:00+00:00".into()))
    );
}

#[test]
fn xlsx_named_sheet_dates_and_empty_rows() {
    let bytes = corpus("workbook.xlsx");
    let r = dataset(&bytes, r#"{"sheet": "orders"}"#);
    assert_eq!(format!("{:?}", r.head.input.format), "Xlsx");
    assert_eq!(
        r.head.input.header,
        ["customer", "order_date", "amount", "paid"]
    );
    assert_eq!(r.kind.name(), "transactions");
    assert_eq!(
        r.head.input.preview[0],
        ["c1", "2024-01-31T13:05:00", "19.99", "true"]
    );
    assert_eq!(r.head.input.preview[1][1], "2024-02-01");
    assert_eq!(r.dataset.rows_kept, 2);
    // The formula without a cached value has no amount: that row is skipped, at sheet row 5.
    let missing = r
        .rejected
        .iter()
        .find(|x| x.code == "MISSING_REQUIRED")
        .unwrap();
    assert_eq!(missing.examples[0].row, 5);
    // The first sheet has no data of any kind; a missing sheet is a clear option error.
    let err = analyze(&bytes, AnalyzeOptions::default()).unwrap_err();
    assert_eq!(err.code(), "NO_METRIC_COLUMNS");
    let err = analyze(&bytes, common::options(r#"{"sheet": "Nope"}"#)).unwrap_err();
    assert!(
        err.to_string().contains("sheets are: Notes, Orders"),
        "{err}"
    );
}

#[test]
fn inspect_reports_the_schema_from_a_prefix() {
    let mut text = String::from("user_id,timestamp,event,page,amount\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "u{},2024-01-01T00:{:02}:00Z,view,/p{},\"1,000.5\"\n",
            i % 7,
            i % 60,
            i % 3
        ));
    }
    let prefix = &text.as_bytes()[..text.len() / 2];
    let s = inspect(prefix, AnalyzeOptions::default()).unwrap();
    assert_eq!(s.kind.unwrap().name(), "events");
    assert_eq!(s.rows_sampled, 1000);
    let roles: Vec<&str> = s.columns.iter().map(|c| c.role.name()).collect();
    assert_eq!(
        roles,
        ["userId", "timestamp", "eventName", "page", "amount"]
    );
    // An explicit mapping and kind win over detection.
    let s = inspect(
        prefix,
        common::options(r#"{"kind": "transactions", "columns": {"orderId": "page"}}"#),
    )
    .unwrap();
    assert_eq!(s.kind.unwrap().name(), "transactions");
    assert_eq!(s.columns[3].role.name(), "orderId");
    assert_eq!(
        s.columns[3].source,
        engagement_metrics::report::ColumnSource::Mapped
    );
}

/// A German export whose headers are not recognised: `inspect` does not fail but returns the
/// columns as far as they were read (a day-first date, amounts with a decimal comma) and the
/// problem `analyze` reports; naming the roles then analyses it. Total by hand:
/// 12.50 + 1,234.00 + 7.25 = 1,253.75.
#[test]
fn inspect_returns_what_it_recognised_when_no_kind_fits() {
    let file = "Kd;Tag;Wert\nA;03.01.2025;12,50\nB;04.01.2025;1.234,00\nA;15.02.2025;7,25\n";
    let s = inspect(file.as_bytes(), AnalyzeOptions::default()).unwrap();
    assert_eq!(s.kind, None);
    let problem = s.problem.expect("a problem");
    assert_eq!(problem.code.name(), "NO_METRIC_COLUMNS");
    assert_eq!(
        problem.message,
        analyze(file.as_bytes(), AnalyzeOptions::default())
            .unwrap_err()
            .to_string()
    );
    let date = &s.columns[1];
    assert_eq!(
        (date.role.name(), date.time_format.map(|f| f.name())),
        ("timestamp", Some("dmy"))
    );
    assert_eq!(s.columns.len(), 3);
    assert_eq!(s.input.preview.len(), 3);

    // The roles named, as the page's form sends them.
    let opts = common::options(
        r#"{"kind": "transactions", "columns": {"userId": "Kd", "timestamp": "Tag", "amount": "Wert"}}"#,
    );
    let s = inspect(file.as_bytes(), opts.clone()).unwrap();
    assert_eq!(s.problem, None);
    assert_eq!(s.columns[2].decimal_mark.map(|m| m.name()), Some("comma"));
    let r = serde_json::to_value(analyze(file.as_bytes(), opts).unwrap()).unwrap();
    assert_eq!(
        r["lifetimeValue"]["inputs"]["revenue"],
        serde_json::json!(1253.75)
    );
}

/// A kind chosen whose columns are missing, and slash dates whose order cannot be told, are
/// problems of the schema too: the draft names the kind and the column.
#[test]
fn inspect_names_a_missing_role_and_an_ambiguous_date_column() {
    let file = "who,when,what\nx,2025-01-01,a\ny,2025-01-02,b\n";
    let s = inspect(
        file.as_bytes(),
        common::options(r#"{"kind": "transactions"}"#),
    )
    .unwrap();
    assert_eq!(s.kind.map(|k| k.name()), Some("transactions"));
    assert_eq!(s.problem.unwrap().code.name(), "NO_METRIC_COLUMNS");

    let file = "user,date,amount\nu1,01/02/2025,5\nu2,03/04/2025,6\n";
    let s = inspect(file.as_bytes(), AnalyzeOptions::default()).unwrap();
    let problem = s.problem.expect("ambiguous dates");
    assert_eq!(problem.code.name(), "AMBIGUOUS_DATE_ORDER");
    assert_eq!(problem.column.as_deref(), Some("date"));
    let s = inspect(file.as_bytes(), common::options(r#"{"dateOrder": "dmy"}"#)).unwrap();
    assert_eq!(s.problem, None);
    assert_eq!(s.kind.map(|k| k.name()), Some("transactions"));
}
