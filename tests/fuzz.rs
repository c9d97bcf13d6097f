//! Mutation fuzz on stable Rust, as a normal test (issue 15): for each input format (CSV,
//! JSON, NDJSON, xlsx) a fixed number of mutations of the committed seed corpus
//! (tests/fuzz-corpus/) from a seeded generator, so every run tries the same inputs. For every
//! input: no panic; a report's rows read = kept + skipped; and streaming the same bytes in
//! random chunks gives the same report or the same error. `FUZZ_MUTATIONS` and `FUZZ_SEED`
//! make a longer run (figures of one in FUZZ-NOTES.md / docs/PERFORMANCE.md).
//!
//! A proptest below checks the same agreement for every kind's sample and every format.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use engagement_metrics::{analyze, AnalyzeOptions, Analyzer, Report};
use proptest::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes that matter to the parsers.
const INTERESTING: &[u8] = b"\",;\t|\n\r{}[]:0123456789.-+eE \\\x00\xff\xc3<>/=TZ";

/// One to four random edits: flip, insert, delete, duplicate, truncate, splice.
fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(7) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let c = INTERESTING[rng.below(INTERESTING.len())];
                for _ in 0..1 + rng.below(3) {
                    b.insert(at, c);
                }
            }
            3 if !b.is_empty() => {
                let n = 1 + rng.below(16.min(b.len() - at.min(b.len() - 1)));
                let from = at.min(b.len() - 1);
                b.drain(from..(from + n).min(b.len()));
            }
            4 if at < b.len() => {
                let n = 1 + rng.below((b.len() - at).min(200));
                let piece = b[at..at + n].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, piece);
            }
            5 => b.truncate(at),
            _ if !other.is_empty() => {
                let from = rng.below(other.len());
                let n = 1 + rng.below((other.len() - from).min(100));
                b.splice(at..at, other[from..from + n].iter().copied());
            }
            _ => {}
        }
    }
    b
}

/// The outcome as comparable text: the report's JSON or the error's code and message.
fn outcome(r: Result<Report, engagement_metrics::Error>) -> (String, Option<(u64, u64, u64)>) {
    match r {
        Ok(r) => (
            engagement_metrics::report::json::to_string_pretty(&r),
            Some(common::row_balance(&r)),
        ),
        Err(e) => (format!("error [{}]: {e}", e.code()), None),
    }
}

fn streamed(
    bytes: &[u8],
    opts: &AnalyzeOptions,
    rng: &mut Rng,
) -> Result<Report, engagement_metrics::Error> {
    let mut a = Analyzer::new(opts.clone())?;
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = 1 + rng.below(rest.len().min(4096));
        let (chunk, tail) = rest.split_at(n);
        a.push(chunk)?;
        rest = tail;
    }
    a.finish()
}

/// Every check on one input; `Err` describes a failure.
fn check(bytes: &[u8], rng: &mut Rng) -> Result<(), String> {
    let opts = AnalyzeOptions::default();
    let whole = catch_unwind(AssertUnwindSafe(|| outcome(analyze(bytes, opts.clone()))))
        .map_err(|_| "analyze panicked".to_string())?;
    if let Some((read, kept, skipped)) = whole.1 {
        if read != kept + skipped {
            return Err(format!(
                "rows read {read} != kept {kept} + skipped {skipped}"
            ));
        }
    }
    let mut chunk_rng = Rng(rng.next() | 1);
    let stream = catch_unwind(AssertUnwindSafe(|| {
        outcome(streamed(bytes, &opts, &mut chunk_rng))
    }))
    .map_err(|_| "streaming panicked".to_string())?;
    if stream.0 != whole.0 {
        let line = whole
            .0
            .lines()
            .zip(stream.0.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        return Err(format!(
            "analyze and streaming differ at line {line}: {:?} vs {:?}",
            whole.0.lines().nth(line),
            stream.0.lines().nth(line)
        ));
    }
    Ok(())
}

/// The seeds of one format: (name, bytes). xlsx sheet seeds are zipped into workbooks.
fn seeds(format: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{ROOT}/tests/fuzz-corpus/{format}");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&p).expect("seed"),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{dir} has seeds");
    out
}

/// Mutations per format: `FUZZ_MUTATIONS`, else a default that takes a few seconds.
fn mutations(default: usize) -> usize {
    std::env::var("FUZZ_MUTATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn fuzz_seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x15)
}

/// Mutates the seeds of `format` and checks every input; `wrap` turns mutated bytes into
/// the input (a workbook for sheet XML).
fn fuzz(format: &str, default: usize, wrap: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let seeds = seeds(format);
    let mut rng = Rng(fuzz_seed() ^ (format.len() as u64) << 32 | 1);
    let mut failures = Vec::new();
    for (name, bytes) in &seeds {
        if let Err(e) = check(&wrap(name, bytes.clone()), &mut rng) {
            failures.push(format!("seed {name}: {e}"));
        }
    }
    let started = std::time::Instant::now();
    let n = mutations(default);
    for i in 0..n {
        let (name, seed) = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())].1;
        let input = wrap(name, mutate(&mut rng, seed, other));
        if let Err(e) = check(&input, &mut rng) {
            failures.push(format!("mutation {i} of {name}: {e}"));
            if failures.len() == 1 {
                let path = format!("{ROOT}/target/fuzz-failure-{format}.bin");
                let _ = std::fs::write(&path, &input);
                failures.push(format!("(input written to {path})"));
            }
        }
    }
    eprintln!(
        "fuzz {format}: {} seeds, {n} mutations in {:.1} s, {} failures",
        seeds.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{format}: {}", failures.join("\n"));
}

fn as_is(_: &str, b: Vec<u8>) -> Vec<u8> {
    b
}

#[test]
fn fuzz_csv() {
    fuzz("csv", 150, as_is);
}

#[test]
fn fuzz_json() {
    fuzz("json", 1500, as_is);
}

#[test]
fn fuzz_ndjson() {
    fuzz("ndjson", 1000, as_is);
}

#[test]
fn fuzz_xlsx() {
    fuzz("xlsx", 600, |name, b| {
        if name.ends_with(".sheet.xml") {
            common::xlsx(
                &String::from_utf8_lossy(&b),
                &["customer", "order_date", "amount"],
            )
        } else {
            b
        }
    });
}

/// One file of each kind and each format.
fn every_kind_and_format() -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = seeds("csv")
        .into_iter()
        .filter(|(n, _)| n.ends_with("-sample.csv"))
        .map(|(_, b)| b)
        .collect();
    for (f, name) in [("json", "events.json"), ("ndjson", "events.ndjson")] {
        all.push(std::fs::read(format!("{ROOT}/tests/fuzz-corpus/{f}/{name}")).expect("seed"));
    }
    let sheet = std::fs::read_to_string(format!("{ROOT}/tests/fuzz-corpus/xlsx/orders.sheet.xml"))
        .expect("sheet");
    all.push(common::xlsx(&sheet, &["customer", "order_date", "amount"]));
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// For every kind and format: rows read = kept + skipped, and random chunks give the same
    /// result (or the same error) as `analyze`.
    #[test]
    fn every_kind_and_format_streams_as_analyzed(seed in any::<u64>()) {
        let mut rng = Rng(seed | 1);
        for bytes in every_kind_and_format() {
            prop_assert_eq!(check(&bytes, &mut rng), Ok(()));
        }
    }
}
