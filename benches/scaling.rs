//! Times of the inputs whose cost used to grow faster than their size (issue 15): a JSON array
//! whose objects have varying keys, a CSV header with many columns, many rows. Each input is
//! timed at n, 2n and 4n; linear work doubles with each step. Not a test (tests/scaling.rs
//! checks the work counter): `cargo bench --bench scaling`, figures in docs/PERFORMANCE.md.

use std::time::Instant;

use engagement_metrics::{analyze, AnalyzeOptions};

/// `n` event objects, each with one key no other object has (`k{i}`).
fn json_varying_keys(n: usize) -> Vec<u8> {
    let mut s = String::from("[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"user":"u{}","time":"2024-01-{:02}T10:00:00Z","event":"view","k{i}":1}}"#,
            i % 100,
            1 + i % 28
        ));
    }
    s.push(']');
    s.into_bytes()
}

/// A header of `n` columns (user, time, event, then c3…) and 10 rows.
fn csv_wide(n: usize) -> Vec<u8> {
    let mut s = String::from("user,time,event");
    for i in 3..n {
        s.push_str(&format!(",c{i}"));
    }
    s.push('\n');
    for r in 0..10 {
        s.push_str(&format!("u{r},2024-01-0{}T10:00:00Z,view", 1 + r % 9));
        for i in 3..n {
            s.push_str(&format!(",{}", (i + r) % 10));
        }
        s.push('\n');
    }
    s.into_bytes()
}

/// `n` event rows.
fn csv_rows(n: usize) -> Vec<u8> {
    let mut s = String::from("user,time,event\n");
    for i in 0..n {
        s.push_str(&format!(
            "u{},2024-01-{:02}T10:00:00Z,view\n",
            i % 1000,
            1 + i % 28
        ));
    }
    s.into_bytes()
}

fn time(name: &str, n: usize, bytes: &[u8], opts: &str) {
    let opts: AnalyzeOptions = serde_json::from_str(opts).expect("options");
    let started = Instant::now();
    let r = analyze(bytes, opts);
    let secs = started.elapsed().as_secs_f64();
    let outcome = match r {
        Ok(r) => format!("{} rows", r.shared().head.input.rows),
        Err(e) => format!("error {}", e.code()),
    };
    println!(
        "{name:>18} n={n:>9}  {:>9} bytes  {secs:>8.3} s  ({outcome})",
        bytes.len()
    );
}

fn main() {
    let scale: usize = std::env::var("SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    for n in [10_000, 20_000, 40_000].map(|n| n * scale) {
        time(
            "json varying keys",
            n,
            &json_varying_keys(n),
            r#"{"kind":"events"}"#,
        );
    }
    for n in [10_000, 20_000, 40_000].map(|n| n * scale) {
        time(
            "csv columns",
            n,
            &csv_wide(n),
            r#"{"kind":"events","maxColumns":10000000}"#,
        );
    }
    for n in [250_000, 500_000, 1_000_000].map(|n| n * scale) {
        time("csv rows", n, &csv_rows(n), r#"{"kind":"events"}"#);
    }
}
