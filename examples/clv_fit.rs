//! Native CLV fit times on a transactions CSV (columns `customer_id`, `order_date`, `amount`, as
//! `benches/gen-kinds.mjs transactions` writes them): the repeat-purchase summary is made as
//! the report makes it (positive amounts, purchases on one UTC day merged, weeks, calibration to
//! the last day), then the BG/NBD and Gamma-Gamma fits are timed alone, quasi-Newton (what the
//! report uses) and the Nelder–Mead reference, the predictions E[X(52)] per distinct history,
//! and the whole CLV part of an analysis
//! (`clv.seconds`: fits and predictions). Used by `benches/clv-fit.mjs`; not a test.
//!   cargo run --release --example clv_fit -- FILE        (RUNS=3 by default)

use std::collections::HashMap;
use std::time::Instant;

use engagement_metrics::metrics::clv::{bgnbd, gamma_gamma, Rft};
use engagement_metrics::{AnalyzeOptions, Analyzer, Report};

/// Days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian).
fn day(s: &str) -> i64 {
    let (y, m, d): (i64, i64, i64) = (
        s[..4].parse().unwrap(),
        s[5..7].parse().unwrap(),
        s[8..10].parse().unwrap(),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time<T>(runs: usize, f: impl Fn() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t0 = Instant::now();
        last = Some(f());
        times.push(t0.elapsed().as_secs_f64());
    }
    (median(times), last.unwrap())
}

fn main() {
    let file = std::env::args().nth(1).expect("usage: clv_fit FILE");
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let text = std::fs::read_to_string(&file).expect("read");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (ci, di, ai) = (col("customer_id"), col("order_date"), col("amount"));
    let mut per: HashMap<&str, Vec<(i64, f64)>> = HashMap::new();
    let mut last_day = i64::MIN;
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        let amount: f64 = f[ai].parse().unwrap();
        let d = day(f[di]);
        last_day = last_day.max(d);
        if amount > 0.0 {
            per.entry(f[ci]).or_default().push((d, amount));
        }
    }
    let mut rft = Vec::new();
    let mut spend = Vec::new();
    for list in per.values_mut() {
        list.sort_by_key(|p| p.0);
        let mut merged: Vec<(i64, f64)> = Vec::new();
        for &(d, a) in list.iter() {
            match merged.last_mut() {
                Some(last) if last.0 == d => last.1 += a,
                _ => merged.push((d, a)),
            }
        }
        let first = merged[0].0;
        let c = Rft {
            x: (merged.len() - 1) as f64,
            t_x: (merged[merged.len() - 1].0 - first) as f64 / 7.0,
            t: (last_day - first) as f64 / 7.0,
        };
        if c.x > 0.0 {
            let repeat = &merged[1..];
            spend.push((c.x, repeat.iter().map(|p| p.1).sum::<f64>() / c.x));
        }
        rft.push(c);
    }
    println!(
        "native: {} customers, {} distinct histories, {} with repeat purchases",
        rft.len(),
        engagement_metrics::metrics::clv::distinct(&rft).len(),
        spend.len()
    );
    let (s, m) = time(runs, || bgnbd::fit(&rft, false));
    println!("  BG/NBD quasi-Newton      {:8.3} s  {m:?}", s);
    let distinct = engagement_metrics::metrics::clv::distinct(&rft);
    let (s, _) = time(runs, || {
        distinct
            .iter()
            .map(|(c, _)| m.expected_purchases(c, 52.0))
            .sum::<f64>()
    });
    println!("  E[X(52)] per distinct history {:8.3} s", s);
    let (s, m) = time(runs.min(1), || bgnbd::fit_nelder_mead(&rft, false, 1e-10));
    println!("  BG/NBD Nelder–Mead       {:8.3} s  {m:?}", s);
    let (s, g) = time(runs, || gamma_gamma::fit(&spend));
    println!("  Gamma-Gamma quasi-Newton {:8.3} s  {g:?}", s);
    let (s, g) = time(runs.min(1), || gamma_gamma::fit_nelder_mead(&spend, 1e-10));
    println!("  Gamma-Gamma Nelder–Mead  {:8.3} s  {g:?}", s);

    let opts: AnalyzeOptions = serde_json::from_str(r#"{"clv":{}}"#).unwrap();
    let (total, seconds) = time(runs, || {
        let mut a = Analyzer::new(opts.clone()).expect("options");
        for chunk in text.as_bytes().chunks(4 << 20) {
            a.push(chunk).expect("push");
        }
        match a.finish().expect("finish") {
            Report::Transactions(t) => t.clv.as_ref().and_then(|c| c.seconds),
            _ => None,
        }
    });
    println!(
        "  analysis with CLV: clv.seconds (fits + predictions) {:.3} s, whole analysis {total:.2} s",
        seconds.unwrap_or(f64::NAN)
    );
}
