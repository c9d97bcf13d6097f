//! The `filter` option (issue 17, point 4): a date range and values of any columns, applied
//! where rows enter the kind's builder. The defining property: a filtered analysis is the
//! analysis of the file without the rows the filter leaves out — checked on every sample of
//! www/samples against a file filtered here, by a reading of the CSV independent of the
//! engine's. Also: inclusive bounds in the report time zone, values ORed within a column and
//! columns ANDed, the errors, streaming in chunks cut anywhere, and `dataset.columns[].values`.

mod common;

use common::options;
use engagement_metrics::{analyze, AnalyzeOptions, Analyzer, Report};
use serde_json::{json, Value};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/www/samples/{name}", env!("CARGO_MANIFEST_DIR"))).expect("sample")
}

/// The records of a CSV file (RFC 4180: quotes may hold delimiters, doubled quotes and line
/// breaks), each as (its text as in the file, its unquoted fields).
fn records(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let (mut raw, mut field, mut fields) = (String::new(), String::new(), Vec::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            continue;
        }
        if quoted {
            raw.push(c);
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    raw.push('"');
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                raw.push(c);
                quoted = true;
            }
            ',' => {
                raw.push(c);
                fields.push(std::mem::take(&mut field));
            }
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((std::mem::take(&mut raw), std::mem::take(&mut fields)));
            }
            _ => {
                raw.push(c);
                field.push(c);
            }
        }
    }
    if !raw.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((raw, fields));
    }
    out
}

/// The file with only the header and the data rows `keep` accepts (by header → field).
/// A data row of a sample, its fields by header.
struct Row<'a> {
    header: &'a [String],
    fields: &'a [String],
}

impl Row<'_> {
    fn f(&self, h: &str) -> &str {
        let i = self.header.iter().position(|x| x == h).expect("header");
        self.fields.get(i).map_or("", |s| s.as_str())
    }
}

fn filtered_file(bytes: &[u8], keep: impl Fn(&Row) -> bool) -> (Vec<u8>, u64) {
    let text = std::str::from_utf8(bytes).expect("utf-8 sample");
    let recs = records(text);
    let header = recs[0].1.clone();
    let mut out = format!("{}\n", recs[0].0);
    let mut left_out = 0;
    for (raw, fields) in &recs[1..] {
        let row = Row {
            header: &header,
            fields,
        };
        if keep(&row) {
            out.push_str(raw);
            out.push('\n');
        } else {
            left_out += 1;
        }
    }
    (out.into_bytes(), left_out)
}

fn report_json(bytes: &[u8], opts: &Value) -> Value {
    let o: AnalyzeOptions = serde_json::from_value(opts.clone()).expect("options");
    serde_json::to_value(analyze(bytes, o).expect("analyze")).expect("json")
}

/// The report without what a filter may change beyond the figures: the bytes, rows and
/// preview of the input, the echoed options, the rows filtered, the values of the category
/// columns (counted before the filter) and the rows of rejection examples (which number the
/// rows of the file read).
fn comparable(mut r: Value) -> Value {
    for k in ["bytes", "rows", "preview"] {
        r["input"].as_object_mut().unwrap().remove(k);
    }
    r["options"].as_object_mut().unwrap().remove("filter");
    let d = r["dataset"].as_object_mut().unwrap();
    d.remove("rowsFiltered");
    for c in d["columns"].as_array_mut().unwrap() {
        let c = c.as_object_mut().unwrap();
        c.remove("values");
        c.remove("moreValues");
    }
    for rej in r["rejected"].as_array_mut().unwrap() {
        for ex in rej["examples"].as_array_mut().unwrap() {
            ex.as_object_mut().unwrap().remove("row");
        }
    }
    // A top post names its row, which the filtered file numbers anew.
    if let Some(posts) = r
        .pointer_mut("/social/topPosts")
        .and_then(Value::as_array_mut)
    {
        for p in posts {
            p.as_object_mut().unwrap().remove("post");
        }
    }
    r
}

/// The roles of the unfiltered analysis, given explicitly so that both analyses read the
/// columns the same way (detection looks at the first 1,000 rows, which a filter changes).
fn same_roles(bytes: &[u8], base: &Value) -> Value {
    let r = report_json(bytes, base);
    let mut o = base.clone();
    o["kind"] = r["kind"].clone();
    let (mut columns, mut segments, mut ignore) = (json!({}), vec![], vec![]);
    for c in r["columns"].as_array().unwrap() {
        let (h, role) = (c["header"].clone(), c["role"].as_str().unwrap());
        match role {
            "segment" => segments.push(h),
            "ignored" => ignore.push(h),
            // Text and ids keep their detected role: several columns may have it.
            "id" | "text" => {}
            _ => columns[role] = h,
        }
    }
    o["columns"] = columns;
    o["segments"] = json!(segments);
    o["ignore"] = json!(ignore);
    o
}

/// The property on one sample: the filtered analysis equals the analysis of the filtered file.
#[track_caller]
fn same_as_filtered_file(
    name: &str,
    base: Value,
    filter: Value,
    keep: impl Fn(&Row) -> bool,
) -> Value {
    let bytes = sample(name);
    let opts = same_roles(&bytes, &base);
    let mut with_filter = opts.clone();
    with_filter["filter"] = filter.clone();
    let got = report_json(&bytes, &with_filter);
    let (file, left_out) = filtered_file(&bytes, keep);
    let want = report_json(&file, &opts);
    assert!(left_out > 0, "{name}: the filter leaves nothing out");
    assert!(
        want["dataset"]["rowsKept"].as_u64().unwrap() > 0,
        "{name}: the filter leaves nothing"
    );
    assert_eq!(got["dataset"]["rowsFiltered"], json!(left_out), "{name}");
    assert_eq!(
        got["options"]["filter"], filter,
        "{name}: the filter is echoed"
    );
    assert_eq!(want["dataset"]["rowsFiltered"], json!(0), "{name}");
    let read = got["input"]["rows"].as_u64().unwrap();
    let kept = got["dataset"]["rowsKept"].as_u64().unwrap();
    let skipped = got["dataset"]["rowsSkipped"].as_u64().unwrap();
    assert_eq!(
        read,
        kept + skipped + left_out,
        "{name}: read = kept + skipped + filtered"
    );
    let (a, b) = (comparable(got.clone()), comparable(want));
    if a != b {
        let (a, b) = (
            serde_json::to_string_pretty(&a).unwrap(),
            serde_json::to_string_pretty(&b).unwrap(),
        );
        let first = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        let show = |s: &str| {
            s.lines()
                .skip(first.saturating_sub(5))
                .take(12)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{name}: the filtered analysis differs from the filtered file's at line {first}:\n--- filter option\n{}\n--- filtered file\n{}",
            show(&a),
            show(&b)
        );
    }
    got
}

/// `YYYY-MM-DD` of a field that starts with an ISO date (the samples' times are UTC `Z` or
/// dates), compared as text: the test's reading of the date range in UTC.
fn day(s: &str) -> &str {
    &s[..10.min(s.len())]
}

#[test]
fn survey_filtered_equals_the_filtered_file() {
    // February and March 2024, chat or email answers, from the North or the South.
    let r = same_as_filtered_file(
        "survey-sample.csv",
        json!({}),
        json!({"from": "2024-02-01", "to": "2024-03-31",
               "segments": {"channel": ["chat", "email"], "region": ["North", "South"]}}),
        |r: &Row| {
            ("2024-02-01"..="2024-03-31").contains(&day(r.f("submitted_at")))
                && ["chat", "email"].contains(&r.f("channel"))
                && ["North", "South"].contains(&r.f("region"))
        },
    );
    assert!(r["overall"]["nps"]["responses"].as_u64().unwrap() > 0);
}

#[test]
fn events_filtered_equals_the_filtered_file() {
    // A filter on the event column itself: sessions, funnels and retention of what is left.
    same_as_filtered_file(
        "events-sample.csv",
        json!({"granularity": "week"}),
        json!({"from": "2024-01-08", "to": "2024-02-11",
               "segments": {"event": ["page_view", "add_to_cart", "purchase"]}}),
        |r: &Row| {
            ("2024-01-08"..="2024-02-11").contains(&day(r.f("timestamp")))
                && ["page_view", "add_to_cart", "purchase"].contains(&r.f("event"))
        },
    );
}

#[test]
fn transactions_filtered_equals_the_filtered_file() {
    // A date range only, then one on an id column (any column of the file can be filtered).
    same_as_filtered_file(
        "transactions-sample.csv",
        json!({}),
        json!({"from": "1997-02-01", "to": "1998-03-31"}),
        |r: &Row| ("1997-02-01"..="1998-03-31").contains(&day(r.f("order_date"))),
    );
    let ids = ["00004", "00018", "00021", "00050", "00055"];
    same_as_filtered_file(
        "transactions-sample.csv",
        json!({}),
        json!({"segments": {"customer_id": ids}}),
        |r: &Row| ids.contains(&r.f("customer_id")),
    );
}

#[test]
fn every_other_kind_filtered_equals_the_filtered_file() {
    let cases: [(&str, &str, &str, &str); 6] = [
        ("tickets-sample.csv", "created_at", "channel", "phone"),
        ("campaigns-sample.csv", "send_date", "channel", "email"),
        ("social-sample.csv", "published_at", "platform", "tiktok"),
        ("reviews-sample.csv", "date", "source", "trustpilot"),
        ("mentions-sample.csv", "mentioned_at", "source", "blog"),
        ("scans-sample.csv", "scanned_at", "device_type", "Android"),
    ];
    for (name, time, column, value) in cases {
        same_as_filtered_file(
            name,
            json!({}),
            json!({"from": "2024-01-15", "to": "2024-03-10",
                   "segments": {column: [value]}}),
            |r: &Row| {
                ("2024-01-15"..="2024-03-10").contains(&day(r.f(time))) && r.f(column) == value
            },
        );
    }
}

/// Survey rows around the bounds of March 2024 in +02:00 (hand-made; NPS answers chosen so
/// that each row kept changes the score).
const EDGES: &str = "\
submitted_at,region,nps
2024-02-29T21:59:59Z,North,0
2024-02-29T22:00:00Z,North,10
2024-03-15T12:00:00Z,South,9
2024-03-31T21:59:59Z,South,10
2024-03-31T22:00:00Z,North,0
2024-03-31T23:30:00Z,South,0
";

fn survey(bytes: &[u8], o: Value) -> Value {
    let mut o = o;
    o["kind"] = json!("survey");
    report_json(bytes, &o)
}

#[test]
fn date_bounds_are_inclusive_whole_local_days() {
    // March 2024 in +02:00 runs from 2024-02-29T22:00:00Z to 2024-03-31T21:59:59Z: rows 2, 3
    // and 4 (10, 9, 10): 3 promoters of 3, NPS 100. Row 1 is a second before; rows 5 and 6
    // (22:00 and 23:30 UTC on the 31st) are already 1 April there.
    let r = survey(
        EDGES.as_bytes(),
        json!({"timezone": "+02:00", "filter": {"from": "2024-03-01", "to": "2024-03-31"}}),
    );
    assert_eq!(r["dataset"]["rowsKept"], json!(3));
    assert_eq!(r["dataset"]["rowsFiltered"], json!(3));
    assert_eq!(r["overall"]["nps"]["responses"], json!(3));
    assert_eq!(r["overall"]["nps"]["score"], json!(100.0));
    assert!(r["rejected"].as_array().unwrap().is_empty());
    assert!(
        r["warnings"].as_array().unwrap().is_empty(),
        "{}",
        r["warnings"]
    );
    // In UTC the same dates take rows 3–6 (9, 10, 0, 0): 2 promoters, 2 detractors, NPS 0.
    let r = survey(
        EDGES.as_bytes(),
        json!({"filter": {"from": "2024-03-01", "to": "2024-03-31"}}),
    );
    assert_eq!(r["overall"]["nps"]["responses"], json!(4));
    assert_eq!(r["overall"]["nps"]["score"], json!(0.0));
    // Timestamps are bounds to the second, both kept: rows 2 to 4 again.
    let r = survey(
        EDGES.as_bytes(),
        json!({"filter": {"from": "2024-02-29T22:00:00Z", "to": "2024-03-31T21:59:59Z"}}),
    );
    assert_eq!(r["overall"]["nps"]["responses"], json!(3));
    // A naive timestamp is read in the report zone: 2024-04-01T00:00 in +02:00 is row 5.
    let r = survey(
        EDGES.as_bytes(),
        json!({"timezone": "+02:00", "filter": {"from": "2024-04-01T00:00:00", "to": "2024-04-01T00:00:00"}}),
    );
    assert_eq!(r["dataset"]["rowsKept"], json!(1));
    assert_eq!(r["overall"]["nps"]["score"], json!(-100.0));
    // Only one bound: everything from it on.
    let r = survey(EDGES.as_bytes(), json!({"filter": {"from": "2024-03-31"}}));
    assert_eq!(r["dataset"]["rowsKept"], json!(3));
}

#[test]
fn values_of_one_column_are_ored_and_columns_anded() {
    let csv = "\
nps,region,plan
10,North,free
9,North,pro
0,South,pro
5,East,free
8,South,free
";
    let n = |f: Value| {
        survey(
            csv.as_bytes(),
            json!({"segments": ["region", "plan"], "filter": f}),
        )
    };
    // North or South: rows 1, 2, 3, 5 (10, 9, 0, 8): 2 promoters, 1 detractor of 4 = 25.
    let r = n(json!({"segments": {"region": ["North", "South"]}}));
    assert_eq!(r["overall"]["nps"]["responses"], json!(4));
    assert_eq!(r["overall"]["nps"]["score"], json!(25.0));
    // … and pro: rows 2 and 3 (9, 0): NPS 0.
    let r = n(json!({"segments": {"region": ["North", "South"], "plan": ["pro"]}}));
    assert_eq!(r["overall"]["nps"]["responses"], json!(2));
    assert_eq!(r["overall"]["nps"]["score"], json!(0.0));
    // Values are compared trimmed and exactly (case included); the breakdown shows only them.
    let r = n(json!({"segments": {"region": [" North "]}}));
    assert_eq!(r["overall"]["nps"]["responses"], json!(2));
    let regions: Vec<&str> = r["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["column"] == "region")
        .map(|s| {
            s["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["value"].as_str().unwrap())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(regions, ["North"]);
    let r = n(json!({"segments": {"region": ["north"]}}));
    assert_eq!(r["dataset"]["rowsKept"], json!(0));
    // Nothing left: said once, not per row.
    let w = r["warnings"].as_array().unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["code"], "NO_ROWS");
    assert!(w[0]["message"]
        .as_str()
        .unwrap()
        .contains("none of the 5 data rows"));
}

#[test]
fn a_filter_on_a_column_without_a_role_and_on_blank_cells() {
    // `note` has no role (free text of one row each); "" keeps the blank cells.
    let csv = "nps,note\n10,x\n0,\n9,y\n3,n/a\n";
    let r = survey(
        csv.as_bytes(),
        json!({"filter": {"segments": {"note": ["", "y"]}}}),
    );
    // Rows 2, 3, 4 (0, 9, 3; "n/a" is blank): 1 promoter, 2 detractors of 3.
    assert_eq!(r["overall"]["nps"]["responses"], json!(3));
    common::close(r["overall"]["nps"]["score"].as_f64(), -100.0 / 3.0, 1e-9);
}

#[track_caller]
fn error(bytes: &[u8], o: Value) -> engagement_metrics::Error {
    let o: AnalyzeOptions = serde_json::from_value(o).expect("options");
    analyze(bytes, o).expect_err("an error")
}

#[test]
fn errors_name_the_problem() {
    let e = error(
        EDGES.as_bytes(),
        json!({"filter": {"segments": {"Region ": ["North"], "country": ["FR"]}}}),
    );
    assert_eq!(e.code(), "COLUMN_NOT_FOUND");
    let msg = e.to_string();
    assert!(
        msg.contains("`country`") && msg.contains("submitted_at, region, nps"),
        "{msg}"
    );
    let e = error(
        EDGES.as_bytes(),
        json!({"filter": {"from": "2024-04-01", "to": "2024-03-01"}}),
    );
    assert_eq!(e.code(), "INVALID_OPTION");
    assert!(
        e.to_string().contains("`filter.from`") && e.to_string().contains("after filter.to"),
        "{e}"
    );
    let e = error(EDGES.as_bytes(), json!({"filter": {"to": "31/03/2024"}}));
    assert!(
        e.to_string().contains("`filter.to`") && e.to_string().contains("YYYY-MM-DD"),
        "{e}"
    );
    let e = error(
        EDGES.as_bytes(),
        json!({"filter": {"segments": {"region": []}}}),
    );
    assert!(
        e.to_string().contains("`filter.segments.region`") && e.to_string().contains("no values"),
        "{e}"
    );
    // A date range on a file without times.
    let e = error(
        b"nps,region\n10,North\n",
        json!({"filter": {"from": "2024-01-01"}}),
    );
    assert_eq!(e.code(), "INVALID_OPTION");
    let msg = e.to_string();
    assert!(
        msg.contains("`filter.from`")
            && msg.contains("timestamp role")
            && msg.contains("nps, region"),
        "{msg}"
    );
    let e = serde_json::from_value::<AnalyzeOptions>(json!({"filter": {"since": "2024-01-01"}}))
        .expect_err("unknown key");
    assert!(e.to_string().contains("unknown field `since`"), "{e}");
}

/// Chunks of `sizes` (cycled) through the streaming analyzer.
fn streamed(bytes: &[u8], o: &AnalyzeOptions, sizes: &[usize]) -> Value {
    let mut a = Analyzer::new(o.clone()).expect("analyzer");
    let (mut at, mut k) = (0, 0);
    while at < bytes.len() {
        let end = (at + sizes[k % sizes.len()]).min(bytes.len());
        a.push(&bytes[at..end]).expect("push");
        at = end;
        k += 1;
    }
    serde_json::to_value(a.finish().expect("finish")).expect("json")
}

#[test]
fn streaming_in_chunks_cut_anywhere_gives_the_same_report() {
    let o = options(
        r#"{"timezone": "+02:00", "segments": ["region"], "filter": {"from": "2024-03-01", "to": "2024-03-31", "segments": {"region": ["South", "North"]}}}"#,
    );
    let whole = serde_json::to_value(analyze(EDGES.as_bytes(), o.clone()).unwrap()).unwrap();
    assert_eq!(whole["dataset"]["rowsKept"], json!(3));
    for cut in 1..EDGES.len() {
        assert_eq!(
            streamed(EDGES.as_bytes(), &o, &[cut, EDGES.len()]),
            whole,
            "cut at {cut}"
        );
    }
    // A sample past the first 1,000 rows (rows before and after the schema is inferred) in
    // chunks of 1 to 7 bytes and of 4 KB.
    let bytes = sample("events-sample.csv");
    let o = options(
        r#"{"filter": {"from": "2024-01-20", "segments": {"event": ["purchase", "checkout"]}}}"#,
    );
    let whole = serde_json::to_value(analyze(&bytes, o.clone()).unwrap()).unwrap();
    assert!(whole["dataset"]["rowsFiltered"].as_u64().unwrap() > 3000);
    assert_eq!(streamed(&bytes, &o, &[1, 2, 3, 5, 7]), whole);
    assert_eq!(streamed(&bytes, &o, &[4096]), whole);
}

/// The stored column `header` of a report's dataset.
fn column(r: &Value, header: &str) -> Value {
    r["dataset"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["header"] == header)
        .cloned()
        .unwrap_or_else(|| panic!("no stored column {header}"))
}

#[test]
fn category_values_are_listed_before_the_filter() {
    // Regions: North 2, South 2, East 1 (ties by value: North before South).
    let csv = "nps,region\n10,South\n9,North\n0,North\n5,East\n8,South\n7,\n";
    let values = |r: &Value| {
        let c = column(r, "region");
        (c["values"].clone(), c["moreValues"].clone())
    };
    let want = json!([{"value": "North", "rows": 2}, {"value": "South", "rows": 2}, {"value": "East", "rows": 1}]);
    let all = survey(csv.as_bytes(), json!({"segments": ["region"]}));
    assert_eq!(values(&all), (want.clone(), json!(0)));
    // The same with a filter (so that a chip can be taken back) and in the reverse row order.
    let one = survey(
        csv.as_bytes(),
        json!({"segments": ["region"], "filter": {"segments": {"region": ["East"]}}}),
    );
    assert_eq!(values(&one), (want.clone(), json!(0)));
    assert_eq!(one["dataset"]["rowsKept"], json!(1));
    let mut lines: Vec<&str> = csv.lines().collect();
    lines[1..].reverse();
    let reversed = survey(lines.join("\n").as_bytes(), json!({"segments": ["region"]}));
    assert_eq!(values(&reversed), (want, json!(0)));

    // 60 values: the 50 with most rows are listed, then "10 more". Value i has i + 1 rows
    // (i = 0 … 59), so v59 … v10 are listed and v0 … v9 are not.
    let mut csv = String::from("user,time,event,plan\n");
    for i in 0..60 {
        for k in 0..=i {
            csv.push_str(&format!(
                "u{k},2024-01-01T00:00:{:02}Z,open,v{i:02}\n",
                k % 60
            ));
        }
    }
    let r = report_json(
        csv.as_bytes(),
        &json!({"kind": "events", "columns": {"userId": "user", "timestamp": "time", "eventName": "event"}, "segments": ["plan"]}),
    );
    let plan = column(&r, "plan");
    let (v, more) = (plan["values"].clone(), plan["moreValues"].clone());
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 50);
    assert_eq!(v[0], json!({"value": "v59", "rows": 60}));
    assert_eq!(v[49], json!({"value": "v10", "rows": 11}));
    assert_eq!(more, json!(10));
    // Event names are category values too; ids are not.
    assert_eq!(
        column(&r, "event")["values"],
        json!([{"value": "open", "rows": 1830}])
    );
    assert!(column(&r, "user").get("values").is_none());
    // More distinct values than maxSegmentValues: not listed at all.
    let r = report_json(
        csv.as_bytes(),
        &json!({"kind": "events", "maxSegmentValues": 20, "columns": {"userId": "user", "timestamp": "time", "eventName": "event"}, "segments": ["plan"]}),
    );
    let plan = column(&r, "plan");
    assert!(
        plan.get("values").is_none() && plan.get("moreValues").is_none(),
        "{plan}"
    );
}

#[test]
fn without_a_filter_nothing_is_filtered() {
    let r = analyze(&sample("survey-sample.csv"), AnalyzeOptions::default()).unwrap();
    let Report::Survey(s) = r else {
        panic!("survey")
    };
    assert_eq!(s.dataset.rows_filtered, 0);
    assert_eq!(s.head.options.filter, None);
}
