//! Linear time (issue 15): doubling the input doubles the work. The engine counts the steps of
//! its lookups that once grew with what they had seen (`engagement_metrics::work`: rejection
//! groups, header names, detected roles); each case runs at n and 2n and the step count must
//! roughly double (a quadratic lookup would quadruple it). benches/scaling.rs has the times.

mod common;

use common::options;
use engagement_metrics::{analyze, work};

/// Steps taken by analysing `bytes` on this thread.
fn steps(bytes: &[u8], opts: &str) -> u64 {
    let before = work::steps();
    let r = analyze(bytes, options(opts));
    assert!(r.is_ok(), "{:?}", r.err());
    work::steps() - before
}

#[track_caller]
fn doubles(name: &str, make: impl Fn(usize) -> Vec<u8>, n: usize, opts: &str) {
    let (a, b) = (steps(&make(n), opts), steps(&make(2 * n), opts));
    let ratio = b as f64 / a as f64;
    assert!(a > 0, "{name}: no steps counted");
    assert!(
        (1.6..2.4).contains(&ratio),
        "{name}: {a} steps at n={n}, {b} at 2n (×{ratio:.2})"
    );
}

/// `n` event objects, each with a key no other object has.
fn json_varying_keys(n: usize) -> Vec<u8> {
    let objs: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"user":"u{}","time":"2024-01-{:02}T10:00:00Z","event":"view","k{i}":1}}"#,
                i % 50,
                1 + i % 28
            )
        })
        .collect();
    format!("[{}]", objs.join(",")).into_bytes()
}

/// A header of `n` columns with one bad number in each of them.
fn csv_wide(n: usize) -> Vec<u8> {
    let mut s = String::from("user,time,event");
    for i in 3..n {
        s.push_str(&format!(",amount{i}"));
    }
    s.push('\n');
    for r in 0..4 {
        s.push_str(&format!("u{r},2024-01-0{}T10:00:00Z,view", 1 + r));
        for _ in 3..n {
            s.push_str(if r == 3 { ",x" } else { ",1.5" });
        }
        s.push('\n');
    }
    s.into_bytes()
}

fn csv_rows(n: usize) -> Vec<u8> {
    let mut s = String::from("user,time,event,amount\n");
    for i in 0..n {
        // Every tenth amount is unreadable: rejections grow with the rows.
        let amount = if i % 10 == 0 { "n/a?" } else { "2.5" };
        s.push_str(&format!(
            "u{},2024-01-{:02}T10:00:00Z,view,{amount}\n",
            i % 100,
            1 + i % 28
        ));
    }
    s.into_bytes()
}

#[test]
fn json_keys_columns_and_rows_cost_linear_work() {
    doubles(
        "JSON varying keys",
        json_varying_keys,
        4000,
        r#"{"kind":"events"}"#,
    );
    doubles("CSV columns", csv_wide, 4000, r#"{"kind":"events"}"#);
    doubles("CSV rows", csv_rows, 20_000, r#"{"kind":"events"}"#);
}

#[test]
fn unknown_keys_are_one_group_with_a_count() {
    let r = analyze(&json_varying_keys(5000), options(r#"{"kind":"events"}"#)).expect("report");
    let unknown: Vec<_> = r
        .shared()
        .rejected
        .iter()
        .filter(|x| x.code.name() == "UNKNOWN_KEY")
        .collect();
    assert_eq!(unknown.len(), 1, "one group");
    // The first 1,000 objects make the header; each later one brings one unknown key.
    assert_eq!(unknown[0].count, 4000);
    assert_eq!(unknown[0].examples.len(), 5);
    assert_eq!(unknown[0].examples[0].column, "k1000");
}
