//! Helpers shared by the integration tests: one tolerance, fixture loading, report access.
#![allow(dead_code)]

use engagement_metrics::error::{Rejection, Warning};
use engagement_metrics::report::{DatasetSummary, EventsReport, ReportHead, SurveyReport};
use engagement_metrics::{analyze, AnalyzeOptions, Report};

/// Absolute tolerance for figures checked "to 4 decimals" and better.
pub const TOL: f64 = 1e-9;

#[track_caller]
pub fn close(got: Option<f64>, want: f64, tol: f64) {
    let g = got.unwrap_or_else(|| panic!("expected {want}, got null"));
    assert!((g - want).abs() <= tol, "got {g}, want {want} (±{tol})");
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

pub fn options(json: &str) -> AnalyzeOptions {
    serde_json::from_str(json).expect("options json")
}

pub fn survey(bytes: &[u8], opts: &str) -> SurveyReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Survey(r) => *r,
        other => panic!("expected a survey report, got {:?}", other.kind()),
    }
}

/// The ingest part of a report (head, dataset, rejections, warnings).
pub struct DatasetReport {
    pub kind: engagement_metrics::vocab::Kind,
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// The ingest part of any non-survey report.
pub fn dataset(bytes: &[u8], opts: &str) -> DatasetReport {
    let r = analyze(bytes, options(opts)).expect("analyze");
    assert!(
        r.kind() != engagement_metrics::vocab::Kind::Survey,
        "expected a dataset report, got a survey"
    );
    let s = r.shared();
    DatasetReport {
        kind: r.kind(),
        head: s.head.clone(),
        dataset: s.dataset.clone(),
        rejected: s.rejected.to_vec(),
        warnings: s.warnings.to_vec(),
    }
}

pub fn tickets(bytes: &[u8], opts: &str) -> engagement_metrics::report::TicketsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Tickets(r) => *r,
        other => panic!("expected a tickets report, got {:?}", other.kind()),
    }
}

pub fn campaigns(bytes: &[u8], opts: &str) -> engagement_metrics::report::CampaignsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Campaigns(r) => *r,
        other => panic!("expected a campaigns report, got {:?}", other.kind()),
    }
}

pub fn events(bytes: &[u8], opts: &str) -> EventsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Events(r) => *r,
        other => panic!("expected an events report, got {:?}", other.kind()),
    }
}

pub fn transactions(bytes: &[u8], opts: &str) -> engagement_metrics::report::TransactionsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Transactions(r) => *r,
        other => panic!("expected a transactions report, got {:?}", other.kind()),
    }
}

/// The report of a kind that must come out as `want` (social, reviews, mentions, scans).
pub fn report(bytes: &[u8], opts: &str) -> Report {
    analyze(bytes, options(opts)).expect("analyze")
}

/// A minimal .xlsx workbook built in the test: one sheet `Sheet1` whose `<sheetData>` is
/// `rows_xml`, with optional shared strings (`<si>` elements) and a date-time style (index 1,
/// number format 22).
pub fn xlsx(rows_xml: &str, shared: &[&str]) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows_xml}</sheetData></worksheet>"#
    );
    let strings: String = shared
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{strings}</sst>"#,
        n = shared.len()
    );
    xlsx_parts(&[
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
    ])
}

/// A workbook with the given parts besides the fixed ones (content types, relationships,
/// workbook, styles).
pub fn xlsx_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let fixed: [(&str, &str); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
        ),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, body) in fixed
        .iter()
        .map(|(n, b)| (*n, b.as_bytes()))
        .chain(parts.iter().copied())
    {
        zip.start_file(name, opts).expect("zip entry");
        zip.write_all(body).expect("zip write");
    }
    zip.finish().expect("zip finish");
    out.into_inner()
}

/// The report of `bytes` fed to the streaming analyzer in chunks of `chunk` bytes.
pub fn streamed(
    bytes: &[u8],
    opts: &str,
    chunk: usize,
) -> Result<Report, engagement_metrics::Error> {
    let mut a = engagement_metrics::Analyzer::new(options(opts))?;
    for c in bytes.chunks(chunk.max(1)) {
        a.push(c)?;
    }
    a.finish()
}

/// Rows read, kept and skipped by a report: read must equal kept + skipped.
pub fn row_balance(r: &Report) -> (u64, u64, u64) {
    let s = r.shared();
    (
        s.head.input.rows,
        s.dataset.rows_kept,
        s.dataset.rows_skipped,
    )
}

/// The CDNOW sample as customer_id,date,amount (as tests/js/golden-cases.mjs writes it).
pub fn cdnow_csv(raw: &str) -> Vec<u8> {
    let mut out = String::from("customer_id,date,amount\n");
    for l in raw.lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() < 5 {
            continue;
        }
        let d = f[2];
        out.push_str(&format!(
            "{},{}-{}-{},{}\n",
            f[0],
            &d[..4],
            &d[4..6],
            &d[6..],
            f[4]
        ));
    }
    out.into_bytes()
}

/// The CDNOW summary (x, t_x, T per customer) of tests/fixtures/cdnow-summary.csv, weighted.
pub fn cdnow_summary() -> Vec<(engagement_metrics::metrics::clv::Rft, f64)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cdnow-summary.csv"
    ))
    .unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|x| x.trim().parse().unwrap()).collect();
            (
                engagement_metrics::metrics::clv::Rft {
                    x: v[1],
                    t_x: v[2],
                    t: v[3],
                },
                v[4],
            )
        })
        .collect()
}

/// The options of a golden case (tests/golden/cases.json), as the CLI reads them: the formula
/// margin goes to the predictive CLV too when it has none.
pub fn case_options(c: &serde_json::Value) -> AnalyzeOptions {
    let mut o = c
        .get("options")
        .cloned()
        .unwrap_or(serde_json::Value::Object(Default::default()));
    if let (Some(m), Some(clv)) = (
        o.pointer("/lifetimeValue/margin").cloned(),
        o.get_mut("clv").and_then(serde_json::Value::as_object_mut),
    ) {
        clv.entry("margin").or_insert(m);
    }
    serde_json::from_value(o).unwrap()
}

/// The bytes a golden case analyses (the CDNOW sample rewritten as CSV where it says so).
pub fn case_bytes(c: &serde_json::Value) -> Vec<u8> {
    let file = c["file"].as_str().unwrap();
    let raw = std::fs::read(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    if c["transform"] == "cdnow" {
        cdnow_csv(std::str::from_utf8(&raw).unwrap())
    } else {
        raw
    }
}

/// The golden cases of tests/golden/cases.json.
pub fn golden_cases() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/cases.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

/// SplitMix64: a small seeded generator, enough for a Fisher–Yates shuffle.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The JSON paths (as `a.b[3].c`) where two values differ, the first 40.
pub fn differences(
    a: &serde_json::Value,
    b: &serde_json::Value,
    path: &str,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    if out.len() >= 40 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => differences(va, vb, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: only in the first")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{path}.{k}: only in the second"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, &format!("{path}[{i}]"), out);
            }
        }
        _ if a == b => {}
        _ => {
            let short = |v: &Value| {
                let s = v.to_string();
                if s.chars().count() > 80 {
                    format!("{}…", s.chars().take(80).collect::<String>())
                } else {
                    s
                }
            };
            out.push(format!("{path}: {} vs {}", short(a), short(b)));
        }
    }
}
