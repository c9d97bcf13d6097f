//! Order independence (issue 19, point 1): the same rows in any order give the same report, byte
//! for byte, timing and memory fields aside. Every report case of tests/golden/cases.json whose
//! file is delimited text (the nine samples, the fixtures, the corpus) is analysed as it is and
//! with its data rows shuffled — header kept, records cut by a quote-aware splitter so that quoted
//! multi-line fields stay whole, several seeds — and the two JSON reports must be equal.
//!
//! Left out of the comparison, and only these: the fields that measure time or memory
//! (`seconds`, `memoryBytes`, as the golden tests blank them) and the fields that name rows by
//! their position in the file (`input.preview`: the first rows as read; the
//! examples of rejected rows, a top post's `post`, the line a warning names).

mod common;

use engagement_metrics::report::json::to_string_pretty;
use engagement_metrics::{AnalyzeOptions, Analyzer};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SEEDS: [u64; 3] = [1, 19, 2024];

/// The records of a delimited text file, each with its line terminator: a newline inside double
/// quotes (RFC 4180, `""` escapes a quote) belongs to the record.
fn records(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                out.push(&bytes[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        out.push(&bytes[start..]);
    }
    out
}

/// The file with its data rows (all records after the first `header` ones) in a seeded random
/// order. Every record keeps its terminator; a last record without one gets the file's, and the
/// record that ends up last loses it again, so the byte count is unchanged.
fn shuffled(bytes: &[u8], header: usize, seed: u64) -> Vec<u8> {
    let recs = records(bytes);
    let term: &[u8] = if bytes.windows(2).any(|w| w == b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    let open_end = !bytes.ends_with(b"\n");
    let mut rows: Vec<Vec<u8>> = recs[header.min(recs.len())..]
        .iter()
        .map(|r| r.to_vec())
        .collect();
    if open_end {
        if let Some(last) = rows.last_mut() {
            last.extend_from_slice(term);
        }
    }
    let mut rng = common::Rng(seed);
    for i in (1..rows.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        rows.swap(i, j);
    }
    let mut out: Vec<u8> = recs[..header.min(recs.len())].concat();
    for r in &rows {
        out.extend_from_slice(r);
    }
    if open_end && !rows.is_empty() {
        out.truncate(out.len() - term.len());
    }
    out
}

fn report(bytes: &[u8], opts: &AnalyzeOptions) -> Result<Value, String> {
    let mut a = Analyzer::new(opts.clone()).map_err(|e| e.to_string())?;
    for chunk in bytes.chunks(4 << 20) {
        a.push(chunk).map_err(|e| e.to_string())?;
    }
    let json = to_string_pretty(&a.finish().map_err(|e| e.to_string())?);
    Ok(serde_json::from_str(&json).unwrap())
}

/// Removes the timing and memory fields everywhere, and the fields that name row positions.
fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("seconds");
            m.remove("memoryBytes");
            if let Some(input) = m.get_mut("input").and_then(Value::as_object_mut) {
                input.remove("preview");
            }
            // A top post's `post` is its position among the rows.
            if let Some(posts) = m.get_mut("topPosts").and_then(Value::as_array_mut) {
                for p in posts.iter_mut().filter_map(Value::as_object_mut) {
                    p.remove("post");
                }
            }
            if let Some(list) = m.get_mut("rejected").and_then(Value::as_array_mut) {
                list.iter_mut().for_each(strip_rows);
            }
            if let Some(list) = m.get_mut("warnings").and_then(Value::as_array_mut) {
                for w in list.iter_mut().filter_map(Value::as_object_mut) {
                    if let Some(Value::String(msg)) = w.get_mut("message") {
                        *msg = without_line_numbers(msg);
                    }
                }
            }
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

/// A warning's text with the number after each "line " (where in the file it first happened)
/// replaced by `N`.
fn without_line_numbers(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(k) = rest.find("line ") {
        out.push_str(&rest[..k + 5]);
        rest = &rest[k + 5..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push('N');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// In a rejection: its `examples`, the first rows (by position) where it happened; their
/// number stays compared through `count`.
fn strip_rows(v: &mut Value) {
    if let Value::Object(m) = v {
        m.remove("examples");
    }
}

#[test]
fn shuffled_rows_give_the_same_report() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/golden/cases.json")).unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    let mut compared = 0;
    for c in doc["cases"].as_array().unwrap() {
        let file = c["file"].as_str().unwrap();
        // JSON (an array or NDJSON) names its columns in the order the keys first appear
        // (docs/INGEST.md): there the order of the rows is the header's; a workbook is not text.
        if ![".csv", ".tsv", ".txt"].iter().any(|e| file.ends_with(e)) {
            continue;
        }
        let header = 1;
        if c["inspect"] == true {
            continue;
        }
        let name = c["name"].as_str().unwrap();
        let bytes = common::case_bytes(c);
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            continue; // UTF-16: the byte splitter does not apply
        }
        let opts = common::case_options(c);
        let Ok(mut want) = report(&bytes, &opts) else {
            continue; // an error case: nothing to compare
        };
        strip(&mut want);
        for seed in SEEDS {
            let data = shuffled(&bytes, header, seed);
            assert_eq!(
                data.len(),
                bytes.len(),
                "{name}: the shuffle keeps every byte"
            );
            let mut got = match report(&data, &opts) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{name} (seed {seed}): fails shuffled: {e}"));
                    continue;
                }
            };
            strip(&mut got);
            compared += 1;
            if got != want {
                let mut d = Vec::new();
                common::differences(&want, &got, "", &mut d);
                failures.push(format!("{name} (seed {seed}):\n    {}", d.join("\n    ")));
            }
        }
    }
    assert!(
        compared >= 3 * 20,
        "only {compared} shuffled reports compared"
    );
    assert!(
        failures.is_empty(),
        "{} shuffled reports differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_splitter_keeps_quoted_newlines_in_their_record() {
    let file = b"a,b\n1,\"x\ny\"\n2,\"q\"\"\nz\"\n3,w";
    let recs = records(file);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[1], b"1,\"x\ny\"\n");
    assert_eq!(recs[2], b"2,\"q\"\"\nz\"\n");
    let s = shuffled(file, 1, 7);
    assert_eq!(s.len(), file.len());
    assert!(s.starts_with(b"a,b\n") && !s.ends_with(b"\n"));
    let mut got: Vec<Vec<u8>> = records(&s)[1..]
        .iter()
        .map(|r| r.strip_suffix(b"\n").unwrap_or(r).to_vec())
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            b"1,\"x\ny\"".to_vec(),
            b"2,\"q\"\"\nz\"".to_vec(),
            b"3,w".to_vec()
        ]
    );
}
