//! Native speed of the record-boundary scan (issue 19, point 3) on a generated CSV whose notes
//! hold quoted commas, doubled quotes and quoted line breaks: the scan over the whole file in
//! 4 MB slices for 7 ranges, beside one `ChunkReader` reading it, and the 7 ranges read one
//! after the other and checked (their records and rows must be the reader's).
//!   cargo run --release --example split [-- MB]   (default 100; RUNS=3 runs, medians)

use std::time::Instant;

use engagement_metrics::ingest::split::{BoundaryScanner, ShardStart, ShardTracker};
use engagement_metrics::ingest::{ChunkReader, ReaderOptions, Record};

/// About `mb` MB of event rows; every third note is quoted with a comma, a doubled quote or a
/// line break (CRLF line ends on every other row).
fn generate(mb: usize) -> Vec<u8> {
    let mut s = String::with_capacity(mb << 20);
    s.push_str("user,time,event,note\n");
    let notes = [
        "plain note",
        "\"quoted, with a comma\"",
        "\"said \"\"hi\"\" twice\"",
        "\"two\nlines, here\"",
        "café 日本",
        "\"crlf\r\ninside\"",
    ];
    let mut i = 0usize;
    while s.len() < mb << 20 {
        s.push_str(&format!(
            "u{},2024-{:02}-{:02}T10:{:02}:00Z,view,{}{}",
            i % 10_007,
            1 + i % 12,
            1 + i % 28,
            i % 60,
            notes[i % notes.len()],
            if i % 2 == 0 { "\n" } else { "\r\n" }
        ));
        i += 1;
    }
    s.into_bytes()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Records and the sum of their rows and field lengths, to compare two readings.
fn read(r: &mut ChunkReader, bytes: &[u8], sums: &mut (u64, u64, u64)) {
    let mut sink = |rec: Record<'_>| {
        sums.0 += 1;
        sums.1 += rec.row;
        sums.2 += rec.iter().map(|f| f.len() as u64).sum::<u64>();
        Ok(())
    };
    for c in bytes.chunks(4 << 20) {
        r.push(c, &mut sink).expect("push");
    }
    r.finish(&mut sink).expect("finish");
}

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let bytes = generate(mb);
    let size = bytes.len() as f64 / 1e6;
    let opts = ReaderOptions::default();
    let dialect = ChunkReader::sniff(opts.clone(), &bytes[..1 << 16], false)
        .expect("sniff")
        .expect("a header line");
    let cuts = BoundaryScanner::even_cuts(bytes.len() as u64, 7);
    let (mut scan, mut whole, mut shards) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        let mut s = BoundaryScanner::new(&dialect, &cuts);
        for c in bytes.chunks(4 << 20) {
            s.push(c);
        }
        let starts = s.finish();
        scan.push(t.elapsed().as_secs_f64());
        assert_eq!(starts.len(), 6, "7 ranges");

        let t = Instant::now();
        let mut want = (0, 0, 0);
        read(&mut ChunkReader::new(opts.clone()), &bytes, &mut want);
        whole.push(t.elapsed().as_secs_f64());

        // The ranges one after the other, each with its end checked (as N workers would, but
        // here on one core: the total cost of reading split, not its parallel speed).
        let t = Instant::now();
        let mut got = (0, 0, 0);
        let first = ShardStart::default();
        let bounds: Vec<&ShardStart> = std::iter::once(&first).chain(&starts).collect();
        for (i, start) in bounds.iter().enumerate() {
            let to = bounds.get(i + 1).map_or(bytes.len(), |s| s.offset as usize);
            let range = &bytes[start.offset as usize..to];
            let mut r = if i == 0 {
                ChunkReader::new(opts.clone())
            } else {
                ChunkReader::shard(opts.clone(), &dialect, start).expect("shard")
            };
            let mut tracker = ShardTracker::new(&dialect, start);
            for c in range.chunks(4 << 20) {
                tracker.push(c);
            }
            if let Some(next) = bounds.get(i + 1) {
                assert!(tracker.finish().continues_into(next), "range {i} verified");
            }
            read(&mut r, range, &mut got);
        }
        shards.push(t.elapsed().as_secs_f64());
        assert_eq!(got, want, "the ranges read what the whole file reads");
    }
    let (scan, whole, shards) = (median(scan), median(whole), median(shards));
    println!("{size:.1} MB, 7 ranges, median of {runs}:");
    println!("  boundary scan     {scan:.3} s  {:.0} MB/s", size / scan);
    println!("  one reader        {whole:.3} s  {:.0} MB/s", size / whole);
    println!(
        "  7 ranges, 1 core  {shards:.3} s  {:.0} MB/s (reading + end check)",
        size / shards
    );
}
