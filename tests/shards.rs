//! Partial results that merge (issue 19, point 2): a file read once into records, its data rows
//! split across 1–8 shards of one plan — by a hash of the row's id and at random — each shard's
//! partial merged with the others in a random tree, gives the report of one pass over the file,
//! byte for byte (only the timing and memory fields, `seconds` and `memoryBytes`, are left
//! out). Row numbers included: the preview, the rejected rows' examples and the lines the
//! warnings name must be the single pass's.
//!
//! The files are every report case of tests/golden/cases.json that is text (the nine samples,
//! the fixtures, the corpus: CSV, TSV, JSON, NDJSON, UTF-16, CRLF, quoted newlines, ties,
//! refunds, DST zones), with the whole file cut into chunks at random places for the reader.

mod common;

use common::Rng;
use engagement_metrics::ingest::{ChunkReader, Record};
use engagement_metrics::report::json::to_string_pretty;
use engagement_metrics::{AnalyzeOptions, Analyzer, Partial};
use serde_json::Value;

/// Removes the fields that measure time or memory, everywhere.
fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("seconds");
            m.remove("memoryBytes");
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn json(r: engagement_metrics::Report) -> Value {
    let mut v: Value = serde_json::from_str(&to_string_pretty(&r)).unwrap();
    strip(&mut v);
    v
}

fn single(bytes: &[u8], opts: &AnalyzeOptions) -> Result<Value, String> {
    let e = |e: engagement_metrics::Error| e.to_string();
    let mut a = Analyzer::new(opts.clone()).map_err(e)?;
    a.push(bytes).map_err(e)?;
    Ok(json(a.finish().map_err(e)?))
}

/// The plan of a file, from its head (the first 1,000 rows, or all of a smaller file).
fn plan_of(bytes: &[u8], opts: &AnalyzeOptions) -> Result<engagement_metrics::Plan, String> {
    let e = |e: engagement_metrics::Error| e.to_string();
    let mut head = Analyzer::new(opts.clone()).map_err(e)?;
    for chunk in bytes.chunks(1 << 14) {
        head.push(chunk).map_err(e)?;
        if head.schema_ready() {
            break;
        }
    }
    if !head.schema_ready() {
        head.finish_schema().map_err(e)?;
    }
    head.plan().ok_or_else(|| "no plan".to_string())
}

/// The report of partials merged two at a time, in a random order and direction.
fn merged(mut parts: Vec<Partial>, rng: &mut Rng) -> Result<Value, String> {
    let e = |e: engagement_metrics::Error| e.to_string();
    while parts.len() > 1 {
        let a = parts.swap_remove(rng.below(parts.len()));
        let b = parts.swap_remove(rng.below(parts.len()));
        let (mut into, from) = if rng.below(2) == 0 { (a, b) } else { (b, a) };
        into.merge(from).map_err(e)?;
        parts.push(into);
    }
    Ok(json(parts.pop().unwrap().finish().map_err(e)?))
}

/// How rows are given to shards.
#[derive(Clone, Copy, Debug)]
enum Route {
    /// By a hash of the trimmed value of one column (the user or customer id).
    Hash(usize),
    Random,
}

/// FNV-1a: any fixed hash of the id will do.
fn hash(s: &str) -> u64 {
    s.trim().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The report of `bytes` read once (in chunks cut at random), its records split across
/// `shards` shards of the plan, the partials merged in a random tree.
fn sharded(
    bytes: &[u8],
    opts: &AnalyzeOptions,
    shards: usize,
    route: Route,
    rng: &mut Rng,
) -> Result<Value, String> {
    let e = |e: engagement_metrics::Error| e.to_string();
    let plan = plan_of(bytes, opts)?;

    // The records, read once; each routed to a shard.
    let mut reader = ChunkReader::new(opts.resolve().map_err(e)?.reader);
    let mut shard: Vec<Analyzer> = (0..shards)
        .map(|_| Analyzer::from_plan(opts.clone(), &plan))
        .collect::<Result<_, _>>()
        .map_err(e)?;
    let mut header_seen = false;
    let mut failed = None;
    let mut route_rng = Rng(rng.next());
    let mut sink = |rec: Record<'_>| {
        if !header_seen {
            header_seen = true;
            return Ok(());
        }
        let k = match route {
            Route::Hash(col) => (hash(rec.get(col).unwrap_or("")) % shards as u64) as usize,
            Route::Random => route_rng.below(shards),
        };
        if let Err(err) = shard[k].push_record(&rec) {
            failed.get_or_insert(err.to_string());
        }
        Ok(())
    };
    let mut at = 0;
    while at < bytes.len() {
        let n = 1 + rng.below(1 << 12);
        let end = (at + n).min(bytes.len());
        reader.push(&bytes[at..end], &mut sink).map_err(e)?;
        at = end;
    }
    reader.finish(&mut sink).map_err(e)?;
    if let Some(err) = failed {
        return Err(err);
    }

    // The partials, half of them through bytes, merged in a random tree.
    let mut parts: Vec<Partial> = shard
        .iter_mut()
        .map(Analyzer::into_partial)
        .collect::<Result<_, _>>()
        .map_err(e)?;
    // Half of them travel as bytes, as between workers.
    for p in parts.iter_mut() {
        if rng.below(2) == 0 {
            let bytes = p.to_bytes();
            let back = Partial::from_bytes(opts.clone(), &plan, &bytes).map_err(e)?;
            assert_eq!(back.to_bytes(), bytes, "a partial reads back as written");
            *p = back;
        }
    }
    let k = rng.below(parts.len());
    let mut read = reader.stats();
    read.rejections = std::mem::take(&mut reader.rejections);
    parts[k].add_read(read);
    merged(parts, rng)
}

/// The column a file's rows are routed by: its user (customer) id, else its first column.
fn id_column(bytes: &[u8], opts: &AnalyzeOptions) -> usize {
    let s = engagement_metrics::inspect(bytes, opts.clone());
    s.ok()
        .and_then(|s| {
            s.columns
                .iter()
                .position(|c| c.role == engagement_metrics::vocab::Role::UserId)
        })
        .unwrap_or(0)
}

#[test]
fn shards_merged_in_any_tree_give_the_single_pass_report() {
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut rng = Rng(19);
    for c in common::golden_cases() {
        let file = c["file"].as_str().unwrap();
        if file.ends_with(".xlsx") || c["inspect"] == true {
            continue;
        }
        let name = c["name"].as_str().unwrap();
        let bytes = common::case_bytes(&c);
        let opts = common::case_options(&c);
        let Ok(want) = single(&bytes, &opts) else {
            continue; // an error case: nothing to compare
        };
        let id = id_column(&bytes, &opts);
        for (shards, route) in [
            (1, Route::Random),
            (2, Route::Hash(id)),
            (3, Route::Random),
            (5, Route::Hash(id)),
            (8, Route::Random),
        ] {
            let got = match sharded(&bytes, &opts, shards, route, &mut rng) {
                Ok(v) => v,
                Err(err) => {
                    failures.push(format!("{name} ({shards} shards, {route:?}): {err}"));
                    continue;
                }
            };
            compared += 1;
            if got != want {
                let mut d = Vec::new();
                common::differences(&want, &got, "", &mut d);
                failures.push(format!(
                    "{name} ({shards} shards, {route:?}):\n    {}",
                    d.join("\n    ")
                ));
            }
        }
    }
    assert!(
        compared >= 5 * 25,
        "only {compared} sharded reports compared"
    );
    assert!(
        failures.is_empty(),
        "{} sharded reports differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A generated file of `kind` with what tends to break merging: equal times (one user's two
/// events in the same second, two orders of a customer on one day), refunds, times either side
/// of both 2024 DST changes in New York, comments with quoted line breaks and `""`, blank
/// cells; CRLF or LF line ends, UTF-8 or UTF-16 LE.
fn generated(kind: &str, rng: &mut Rng) -> Vec<u8> {
    let crlf = rng.below(2) == 0;
    let nl = if crlf { "\r\n" } else { "\n" };
    // Instants around 2024-03-10 07:00Z and 2024-11-03 06:00Z (the New York changes).
    let base = [1_710_000_000_i64, 1_730_500_000];
    let time = |rng: &mut Rng| {
        let t = base[rng.below(2)] + rng.below(400_000) as i64;
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let comments = [
        "great",
        "\"slow, then \"\"fixed\"\"\"",
        "\"line one\nline two\"",
        "",
        "terrible support",
    ];
    let mut out = String::new();
    let n = 150 + rng.below(250);
    match kind {
        "events" => {
            out.push_str("user_id,timestamp,event,note");
            for _ in 0..n {
                let (u, t) = (rng.below(25), time(rng));
                let note = comments[rng.below(comments.len())];
                for e in ["page_view", "signup", "purchase"]
                    .iter()
                    .take(1 + rng.below(3))
                {
                    out.push_str(&format!("{nl}u{u},{t},{e},{note}"));
                }
            }
        }
        "transactions" => {
            out.push_str("customer_id,order_date,amount");
            for _ in 0..n {
                let (c, d) = (rng.below(40), &time(rng)[..10]);
                let cents = rng.below(20_000) as f64 / 100.0;
                let amount = if rng.below(10) == 0 { -cents } else { cents };
                out.push_str(&format!("{nl}c{c},{d},{amount:.2}"));
                if rng.below(5) == 0 {
                    out.push_str(&format!("{nl}c{c},{d},{amount:.2}"));
                }
            }
        }
        "tickets" => {
            out.push_str("ticket_id,customer_id,created_at,resolved_at,status,agent,csat");
            for i in 0..n {
                let t = time(rng);
                let resolved = if rng.below(3) == 0 {
                    String::new()
                } else {
                    t.clone()
                };
                let csat = ["", "1", "3", "5"][rng.below(4)];
                let agent = ["ana", "bo", "cy"][rng.below(3)];
                out.push_str(&format!(
                    "{nl}T{i},c{},{t},{resolved},solved,{agent},{csat}",
                    rng.below(30)
                ));
            }
        }
        _ => {
            out.push_str("submitted_at,channel,nps,csat,comment");
            for _ in 0..n {
                let t = time(rng);
                let ch = ["chat", "email", "phone"][rng.below(3)];
                let nps = if rng.below(8) == 0 {
                    String::new()
                } else {
                    rng.below(11).to_string()
                };
                let csat = 1 + rng.below(5);
                let c = comments[rng.below(comments.len())];
                out.push_str(&format!("{nl}{t},{ch},{nps},{csat},{c}"));
            }
        }
    }
    out.push_str(nl);
    if rng.below(3) == 0 {
        let mut b = vec![0xFF, 0xFE];
        for u in out.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    } else {
        out.into_bytes()
    }
}

#[test]
fn generated_files_of_every_kind_merge_to_the_single_pass_report() {
    let mut rng = Rng(2024);
    let opts: AnalyzeOptions = serde_json::from_value(serde_json::json!({
        "timezone": "America/New_York",
        "granularity": "day",
    }))
    .unwrap();
    let mut compared = 0;
    for round in 0..6 {
        for kind in ["events", "transactions", "tickets", "survey"] {
            let bytes = generated(kind, &mut rng);
            let want = single(&bytes, &opts).unwrap_or_else(|e| panic!("{kind}: {e}"));
            assert_eq!(want["kind"], kind, "the generated file reads as {kind}");
            let id = id_column(&bytes, &opts);
            for (shards, route) in [(2, Route::Hash(id)), (3, Route::Random), (7, Route::Random)] {
                let got = sharded(&bytes, &opts, shards, route, &mut rng)
                    .unwrap_or_else(|e| panic!("{kind} (round {round}): {e}"));
                let mut d = Vec::new();
                common::differences(&want, &got, "", &mut d);
                assert!(
                    d.is_empty(),
                    "{kind} (round {round}, {shards} shards, {route:?}):\n    {}",
                    d.join("\n    ")
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 6 * 4 * 3);
}

#[test]
fn damaged_partial_bytes_are_refused_not_read() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/samples/tickets-sample.csv"
    ))
    .unwrap();
    let opts = AnalyzeOptions::default();
    let mut a = Analyzer::new(opts.clone()).unwrap();
    a.push(&bytes).unwrap();
    let plan = a.plan().unwrap();
    let whole = a.into_partial().unwrap().to_bytes();
    // 150 cuts, and 150 bytes changed one at a time: an error (`PARTIAL_MISMATCH`), or for a
    // changed count or value a partial that still reads, never a panic. (The values are not
    // checked: a partial is what a worker of this engine wrote, not a file from a person.)
    for n in (0..whole.len()).step_by(whole.len() / 150 + 1) {
        let err = Partial::from_bytes(opts.clone(), &plan, &whole[..n]).err();
        assert_eq!(
            err.map(|e| e.code()),
            Some(engagement_metrics::vocab::ErrorCode::PartialMismatch),
            "cut at {n}"
        );
    }
    for i in (0..whole.len()).step_by(whole.len() / 150 + 1) {
        let mut b = whole.clone();
        b[i] ^= 0xA5;
        let _ = Partial::from_bytes(opts.clone(), &plan, &b);
    }
    // Another plan is refused.
    let survey = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/samples/survey-sample.csv"
    ))
    .unwrap();
    let mut s = Analyzer::new(opts.clone()).unwrap();
    s.push(&survey[..4096]).unwrap();
    s.finish_schema().unwrap();
    let other = s.plan().unwrap();
    let err = Partial::from_bytes(opts, &other, &whole).err().unwrap();
    assert_eq!(
        err.code(),
        engagement_metrics::vocab::ErrorCode::PartialMismatch
    );
}

/// The report of `bytes` read as `n` byte ranges, as N workers would: the plan from the head,
/// the cuts moved to record starts by the boundary scan, each range a shard of the plan
/// (`Analyzer::from_plan_range`, fed in chunks cut at random), each range's end checked against
/// the next one's start, the partials merged in a random tree.
fn in_ranges(bytes: &[u8], opts: &AnalyzeOptions, n: u64, rng: &mut Rng) -> Result<Value, String> {
    use engagement_metrics::ingest::split::{BoundaryScanner, ShardTracker};
    let e = |e: engagement_metrics::Error| e.to_string();
    let plan = plan_of(bytes, opts)?;
    let sniffed = &bytes[..bytes.len().min(1 << 16)];
    let dialect = ChunkReader::sniff(
        opts.resolve().map_err(e)?.reader,
        sniffed,
        sniffed.len() == bytes.len(),
    )
    .map_err(e)?
    .ok_or("no dialect")?;
    // A cut at byte 1 moves to the first data record: the first range starts after the header.
    let mut cuts = vec![1];
    cuts.extend(BoundaryScanner::even_cuts(bytes.len() as u64, n));
    let mut scan = BoundaryScanner::new(&dialect, &cuts);
    for chunk in bytes.chunks(1 + rng.below(1 << 13)) {
        scan.push(chunk);
    }
    let mut starts = scan.finish();
    if starts.is_empty() {
        // No data record after the header: one empty range at the end.
        starts.push(engagement_metrics::ingest::split::ShardStart {
            offset: bytes.len() as u64,
            records: 1,
            ..Default::default()
        });
    }
    let mut parts: Vec<Partial> = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(bytes.len(), |s| s.offset as usize);
        let range = &bytes[start.offset as usize..end];
        let mut shard =
            Analyzer::from_plan_range(opts.clone(), &plan, &dialect, start).map_err(e)?;
        let mut check = ShardTracker::new(&dialect, start);
        let mut at = 0;
        while at < range.len() {
            let to = (at + 1 + rng.below(1 << 12)).min(range.len());
            shard.push(&range[at..to]).map_err(e)?;
            check.push(&range[at..to]);
            at = to;
        }
        if let Some(next) = starts.get(i + 1) {
            assert!(
                check.finish().continues_into(next),
                "range {i} ends where range {} begins",
                i + 1
            );
        }
        parts.push(shard.into_partial().map_err(e)?);
    }
    merged(parts, rng)
}

#[test]
fn byte_ranges_read_as_workers_give_the_single_pass_report() {
    let mut rng = Rng(7);
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut files: Vec<(String, Vec<u8>, AnalyzeOptions)> = Vec::new();
    for c in common::golden_cases() {
        let file = c["file"].as_str().unwrap();
        if ![".csv", ".tsv", ".txt"].iter().any(|x| file.ends_with(x)) || c["inspect"] == true {
            continue;
        }
        let name = c["name"].as_str().unwrap().to_string();
        files.push((name, common::case_bytes(&c), common::case_options(&c)));
    }
    let opts: AnalyzeOptions =
        serde_json::from_value(serde_json::json!({"timezone": "America/New_York"})).unwrap();
    for (i, kind) in ["events", "transactions", "tickets", "survey"]
        .iter()
        .enumerate()
    {
        for round in 0..2 {
            let bytes = generated(kind, &mut rng);
            files.push((format!("generated {kind} {i}.{round}"), bytes, opts.clone()));
        }
    }
    for (name, bytes, opts) in &files {
        let Ok(want) = single(bytes, opts) else {
            continue;
        };
        for n in [1, 2, 3, 7] {
            match in_ranges(bytes, opts, n, &mut rng) {
                Ok(got) if got == want => compared += 1,
                Ok(got) => {
                    let mut d = Vec::new();
                    common::differences(&want, &got, "", &mut d);
                    failures.push(format!("{name} ({n} ranges):\n    {}", d.join("\n    ")));
                }
                Err(err) => failures.push(format!("{name} ({n} ranges): {err}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} reports read in ranges differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(compared >= 4 * 25, "only {compared} compared");
}
