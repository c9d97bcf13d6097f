//! Golden reports, natively: every case of tests/golden/cases.json analysed by the engine and
//! written as `JSON.stringify(report, null, 2)` writes it must match the committed output of the
//! CLI (tests/js/golden.test.mjs checks the CLI itself byte for byte), timing and memory fields
//! blanked. Natively the text must be the same except for the last digits of numbers that go
//! through `ln`, `exp` or `pow`: the platform's libm and the one compiled into the wasm round
//! differently (relative differences seen: < 1e-12).

mod common;

use engagement_metrics::report::json::to_string_pretty;
use engagement_metrics::{AnalyzeOptions, Analyzer};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Values of the timing and memory fields become null, line by line as the JS side does.
fn blank(json: &str, keys: &[String]) -> String {
    let mut out = String::with_capacity(json.len());
    for line in json.split_inclusive('\n') {
        let t = line.trim_start();
        let key = keys.iter().find(|k| t.starts_with(&format!("\"{k}\": ")));
        match key {
            Some(k) => {
                let indent = &line[..line.len() - t.len()];
                let comma = if t.trim_end().ends_with(',') { "," } else { "" };
                let nl = if line.ends_with('\n') { "\n" } else { "" };
                out.push_str(&format!("{indent}\"{k}\": null{comma}{nl}"));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// What the CLI prints: the report (or schema) as JSON, or `error [CODE]: message`.
fn run(bytes: &[u8], opts: AnalyzeOptions, inspect: bool) -> Result<String, String> {
    let err = |e: engagement_metrics::Error| format!("error [{}]: {e}\n", e.code());
    let mut a = Analyzer::new(opts).map_err(err)?;
    if inspect {
        // The CLI reads 1 MiB at a time and stops once the schema is known.
        for chunk in bytes.chunks(1 << 20) {
            a.push(chunk).map_err(err)?;
            if let Some(s) = a.schema() {
                return Ok(to_string_pretty(&s) + "\n");
            }
        }
        return Ok(to_string_pretty(&a.finish_schema().map_err(err)?) + "\n");
    }
    for chunk in bytes.chunks(4 << 20) {
        a.push(chunk).map_err(err)?;
    }
    Ok(to_string_pretty(&a.finish().map_err(err)?) + "\n")
}

/// Numbers equal to 1e-9 relative (or 1e-12 absolute) count as equal; everything else must be
/// the same text. The 1-based line of the first difference, if any.
fn first_difference(got: &str, want: &str) -> Option<usize> {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    if g.len() != w.len() {
        return Some(g.len().min(w.len()) + 1);
    }
    let number = |s: &str| -> Option<(String, f64)> {
        let t = s.trim_end_matches(',');
        let (key, v) = t.rsplit_once(": ").unwrap_or(("", t));
        let v = v.trim();
        v.parse::<f64>().ok().map(|x| (key.to_string(), x))
    };
    g.iter()
        .zip(&w)
        .position(|(a, b)| {
            if a == b {
                return false;
            }
            match (number(a), number(b)) {
                (Some((ka, x)), Some((kb, y))) => {
                    ka != kb || (x - y).abs() > 1e-12_f64.max(1e-9 * x.abs().max(y.abs()))
                }
                _ => true,
            }
        })
        .map(|i| i + 1)
}

#[test]
fn every_golden_case_matches_natively() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/golden/cases.json")).unwrap(),
    )
    .unwrap();
    let keys: Vec<String> = doc["blank"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array().unwrap();
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let path = format!("{ROOT}/{}", c["file"].as_str().unwrap());
        let raw = std::fs::read(&path).unwrap();
        let bytes = if c["transform"] == "cdnow" {
            common::cdnow_csv(std::str::from_utf8(&raw).unwrap())
        } else {
            raw
        };
        let opts = common::case_options(c);
        let (got, ext) = match run(&bytes, opts, c["inspect"] == true) {
            Ok(json) => (blank(&json, &keys), "json"),
            Err(e) => (e, "err"),
        };
        let want = std::fs::read_to_string(format!("{ROOT}/tests/golden/{name}.{ext}"))
            .unwrap_or_else(|_| format!("(no tests/golden/{name}.{ext})"));
        let line = first_difference(&got, &want);
        if let Some(line) = line {
            let dir = format!("{ROOT}/target/golden-native");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(format!("{dir}/{name}.{ext}"), &got).unwrap();
            failures.push(format!(
                "{name}: first difference at line {line} (output in target/golden-native/)"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
