//! Native ingest throughput: streams each file through `Analyzer` in 4 MB chunks, as the CLI and
//! the page do, and prints MB/s and rows/s. Used by `benches/ingest.mjs`.
//!   cargo run --release --example ingest -- FILE [FILE…]
//! OPTIONS='{"clv":{}}' passes analyze options (JSON) to every run.

use std::io::Read;
use std::time::Instant;

use engagement_metrics::{AnalyzeOptions, Analyzer, Report};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: ingest FILE [FILE…]");
        std::process::exit(2);
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let opts: AnalyzeOptions = match std::env::var("OPTIONS") {
        Ok(json) => serde_json::from_str(&json).expect("OPTIONS is AnalyzeOptions JSON"),
        Err(_) => AnalyzeOptions::default(),
    };
    for file in files {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t0 = Instant::now();
            let mut f = std::fs::File::open(&file).expect("open");
            let mut a = Analyzer::new(opts.clone()).expect("options");
            let mut buf = vec![0u8; 4 << 20];
            loop {
                let n = f.read(&mut buf).expect("read");
                if n == 0 {
                    break;
                }
                a.push(&buf[..n]).expect("push");
            }
            let r = a.finish().expect("finish");
            times.push(t0.elapsed().as_secs_f64());
            last = Some(r);
        }
        times.sort_by(f64::total_cmp);
        let secs = times[times.len() / 2];
        let r = last.expect("a run");
        let (kind, bytes, rows) = {
            let h = r.shared().head;
            (r.kind().name(), h.input.bytes, h.input.rows)
        };
        let per_row = r.shared().dataset.bytes_per_row;
        if let Report::Transactions(t) = &r {
            if let Some(c) = &t.clv {
                eprintln!(
                    "clv: {} customers, {:?} s, {:?} {:?}",
                    c.customers, c.seconds, c.purchases, c.spend
                );
            }
        }
        println!(
            "{{\"file\":{file:?},\"kind\":\"{kind}\",\"bytes\":{bytes},\"rows\":{rows},\"ms\":{:.1},\"mbPerS\":{:.1},\"rowsPerS\":{:.0},\"bytesPerRow\":{per_row}}}",
            secs * 1e3,
            bytes as f64 / 1e6 / secs,
            rows as f64 / secs
        );
    }
}
