//! Record boundaries for parallel parsing (issue 19, point 3): a file cut at any bytes into 1,
//! 2, 3 or 7 ranges, each range moved to a record start by `BoundaryScanner` and read by its
//! own `ChunkReader::shard`, gives the records — fields and row numbers — and the quote
//! findings of one `ChunkReader` over the whole file. The expected records are always the
//! whole-file reader's own, computed in the test: nothing here is hard-coded but the few
//! boundaries named in `named_boundaries` (counted by hand in the text shown there).

use engagement_metrics::ingest::decode::Encoding;
use engagement_metrics::ingest::split::{
    BoundaryScanner, Dialect, ShardEnd, ShardStart, ShardTracker,
};
use engagement_metrics::ingest::{ChunkReader, Format, ReaderOptions, Record};
use proptest::prelude::*;

/// What a reader gives: every record with its row, and what it found about quotes.
#[derive(Debug, Default, PartialEq, Eq)]
struct Read {
    records: Vec<(u64, Vec<String>)>,
    stray: u64,
    after_closing: u64,
    /// (count, line) of quotes never closed.
    unclosed: Option<(u64, u64)>,
    cp1252: u64,
    replaced: u64,
}

fn collect(r: &mut ChunkReader, bytes: &[u8], chunk: usize, out: &mut Read, finish: bool) {
    let mut sink = |rec: Record<'_>| {
        out.records
            .push((rec.row, rec.iter().map(str::to_string).collect()));
        Ok(())
    };
    for c in bytes.chunks(chunk.max(1)) {
        r.push(c, &mut sink).unwrap();
    }
    if finish {
        r.finish(&mut sink).unwrap();
    }
}

fn totals(r: &ChunkReader, out: &mut Read) {
    out.stray += r.quotes.stray.count;
    out.after_closing += r.quotes.after_closing.count;
    if let Some(u) = r.unclosed {
        out.unclosed = Some((u.count, u.line));
    }
    out.cp1252 += r.cp1252_records;
    out.replaced += r.replaced_chars();
}

fn whole(bytes: &[u8], opts: &ReaderOptions) -> Read {
    let mut r = ChunkReader::new(opts.clone());
    let mut out = Read::default();
    collect(&mut r, bytes, bytes.len(), &mut out, true);
    totals(&r, &mut out);
    out
}

fn dialect(bytes: &[u8], opts: &ReaderOptions) -> Dialect {
    ChunkReader::sniff(opts.clone(), bytes, true)
        .unwrap()
        .unwrap()
}

/// The range starts for `cuts`, the file fed to the scanner in slices of `chunk` bytes.
fn starts(bytes: &[u8], d: &Dialect, cuts: &[u64], chunk: usize) -> Vec<ShardStart> {
    let mut s = BoundaryScanner::new(d, cuts);
    for c in bytes.chunks(chunk.max(1)) {
        s.push(c);
    }
    s.finish()
}

/// Reads the ranges that begin at `starts` (the first at 0), each in slices of `chunk` bytes,
/// and returns what they read together and how each range ended.
fn sharded(
    bytes: &[u8],
    opts: &ReaderOptions,
    d: &Dialect,
    starts: &[ShardStart],
    chunk: usize,
) -> (Read, Vec<ShardEnd>) {
    let mut out = Read::default();
    let mut ends = Vec::new();
    let first = ShardStart::default();
    let bounds: Vec<&ShardStart> = std::iter::once(&first).chain(starts).collect();
    for (i, start) in bounds.iter().enumerate() {
        let from = start.offset as usize;
        let to = bounds.get(i + 1).map_or(bytes.len(), |s| s.offset as usize);
        let range = &bytes[from..to];
        let mut r = if i == 0 {
            ChunkReader::new(opts.clone())
        } else {
            ChunkReader::shard(opts.clone(), d, start).unwrap()
        };
        // The first range's tracker reads the BOM as part of the header: the same counts.
        let mut t = ShardTracker::new(d, start);
        for c in range.chunks(chunk.max(1)) {
            t.push(c);
        }
        ends.push(t.finish());
        collect(&mut r, range, chunk, &mut out, true);
        totals(&r, &mut out);
    }
    (out, ends)
}

/// Every range continues into the next: the verification a caller runs.
fn verified(starts: &[ShardStart], ends: &[ShardEnd]) -> bool {
    starts
        .iter()
        .zip(ends)
        .all(|(next, end)| end.continues_into(next))
}

fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16Le => std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect(),
        Encoding::Utf16Be => std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(u16::to_be_bytes)
            .collect(),
    }
}

const ENCODINGS: [Encoding; 4] = [
    Encoding::Utf8,
    Encoding::Utf8Bom,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
];

/// A file and what the whole-file reader reads in it.
struct Case<'a> {
    bytes: &'a [u8],
    opts: ReaderOptions,
    dialect: Dialect,
    want: Read,
}

impl<'a> Case<'a> {
    fn new(bytes: &'a [u8], opts: &ReaderOptions) -> Self {
        Case {
            bytes,
            opts: opts.clone(),
            dialect: dialect(bytes, opts),
            want: whole(bytes, opts),
        }
    }

    /// The file cut at `cuts`: the ranges verified, and the whole file's reading.
    fn check(&self, cuts: &[u64], chunk: usize) -> Vec<ShardStart> {
        let s = starts(self.bytes, &self.dialect, cuts, chunk);
        let (got, ends) = sharded(self.bytes, &self.opts, &self.dialect, &s, chunk);
        assert!(
            verified(&s, &ends),
            "cuts {cuts:?}: starts {s:?}, ends {ends:?}"
        );
        assert_eq!(got, self.want, "cuts {cuts:?}: starts {s:?}");
        s
    }
}

/// Checks one file cut at `cuts`.
fn check(bytes: &[u8], opts: &ReaderOptions, cuts: &[u64], chunk: usize) -> Vec<ShardStart> {
    Case::new(bytes, opts).check(cuts, chunk)
}

/// Every awkward thing at once: quoted delimiters, quoted LF, CR and CRLF, doubled quotes,
/// a stray quote in an unquoted field, text after a closing quote, blank lines (LF and CRLF),
/// a record that is only a delimiter, 2-, 3- and 4-byte UTF-8 characters (the 4-byte one is a
/// surrogate pair in UTF-16), and no line end at the end.
fn awkward(delim: char) -> String {
    let rows = [
        "user,time,note",
        "u1,2024-01-01,\"a, b\"",
        "u2,2024-01-02,\"line\nbreak\"",
        "",
        "u3,2024-01-03,\"cr\rinside\"",
        "u4,2024-01-04,\"crlf\r\ninside, \"\"quoted\"\"\"",
        "\r",
        "u5,2024-01-05,a\"b stray",
        "u6,2024-01-06,\"closed\"after",
        ",,",
        "ü7,2024-01-07,naïve café 日本 😀",
        "u8,2024-01-08,\"\"\"\"",
        "u9,2024-01-09,\"\"",
    ];
    let mut s = String::new();
    for (i, r) in rows.iter().enumerate() {
        s.push_str(&r.replace(',', &delim.to_string()));
        // Alternate LF and CRLF line ends; the last record has none.
        if i + 1 < rows.len() {
            s.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
        }
    }
    s
}

#[test]
fn one_cut_at_every_byte() {
    for enc in ENCODINGS {
        for delim in [',', '\t'] {
            let bytes = encode(&awkward(delim), enc);
            let case = Case::new(&bytes, &ReaderOptions::default());
            for cut in 0..=bytes.len() as u64 {
                for chunk in [1, 5, bytes.len()] {
                    case.check(&[cut], chunk);
                }
            }
        }
    }
}

#[test]
fn two_three_and_six_cuts_at_every_window() {
    for enc in ENCODINGS {
        let bytes = encode(&awkward(','), enc);
        let case = Case::new(&bytes, &ReaderOptions::default());
        let len = bytes.len() as u64;
        for n in [1, 2, 3, 7] {
            // n ranges: the even cuts, and the even cuts all moved by the same shift, so every
            // cut meets every kind of byte.
            let even = BoundaryScanner::even_cuts(len, n);
            assert_eq!(even.len() as u64, n - 1);
            for shift in 0..len / n.max(1) {
                let cuts: Vec<u64> = even.iter().map(|c| (c + shift).min(len)).collect();
                case.check(&cuts, 7);
            }
            // And clustered cuts, a byte apart (ranges that are empty once moved).
            for at in 0..len {
                let cuts: Vec<u64> = (0..n - 1).map(|k| (at + k).min(len)).collect();
                case.check(&cuts, 3);
            }
        }
    }
}

#[test]
fn named_boundaries() {
    // Offsets counted in this text: "h\n" is 2 bytes, `"x\ny"` spans 2..7 and its LF is at
    // 4, "\r\n" follows at 7..9, then "z\n" at 9 and "w" at 11. Line feeds before "z": 1, 4
    // and 8.
    let text = "h\n\"x\ny\"\r\nz\nw";
    let bytes = text.as_bytes();
    let opts = ReaderOptions::default();
    let s = check(bytes, &opts, &[5], 4);
    // A cut just after the quoted LF (where a naive split would start a row) goes to "z".
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].offset, 9);
    assert_eq!(s[0].records, 2, "records before: h and the quoted one");
    assert_eq!(
        s[0].lines, 3,
        "line feeds before: the header's, the quoted one, the CRLF's"
    );
    assert_eq!(
        s[0].first_row(),
        3,
        "z is the third row: a quoted break is no row"
    );
    // Between the CR and the LF of a CRLF: also "z", never the LF.
    assert_eq!(check(bytes, &opts, &[8], 1)[0].offset, 9);
    // Inside a 2-byte UTF-8 character: the next record start.
    let text = "h\né\nb";
    let s = check(text.as_bytes(), &opts, &[3], 2);
    assert_eq!(s[0].offset, 5, "after h, LF, é (2 bytes), LF");
    // A cut before the header's first byte goes to the record after it (the first range
    // always holds the header).
    let s = check(b"h\nv\n", &opts, &[0], 1);
    assert_eq!(s[0].offset, 2);
}

#[test]
fn blank_lines_number_rows_in_every_range() {
    // Rows as a spreadsheet shows them: blank lines count.
    let text = "h\n\n\na\r\n\r\nb\n\nc";
    let bytes = text.as_bytes();
    let opts = ReaderOptions::default();
    let want = whole(bytes, &opts);
    let rows: Vec<u64> = want.records.iter().map(|r| r.0).collect();
    assert_eq!(rows, [1, 4, 6, 8], "h on line 1, a on 4, b on 6, c on 8");
    for cut in 0..=bytes.len() as u64 {
        check(bytes, &opts, &[cut], 1);
    }
}

#[test]
fn cr_only_files() {
    // Lone CRs as line ends: rows are counted by records; a quoted LF stays in its field.
    let text = "h,x\r1,\"a\rb\"\r\r2,\"c\nd\"\r3,e";
    let bytes = text.as_bytes();
    let opts = ReaderOptions::default();
    assert!(dialect(bytes, &opts).cr_only);
    for n in [2, 3, 7] {
        for shift in 0..bytes.len() as u64 {
            let cuts: Vec<u64> = BoundaryScanner::even_cuts(bytes.len() as u64, n)
                .iter()
                .map(|c| (c + shift) % (bytes.len() as u64 + 1))
                .collect();
            check(bytes, &opts, &cuts, 2);
        }
    }
}

#[test]
fn a_quote_never_closed_keeps_the_rest_in_one_range() {
    let text = "h,x\n1,a\n2,\"open\n3,b\n4,c\n";
    for lenient in [false, true] {
        let opts = ReaderOptions {
            lenient_quotes: lenient,
            ..Default::default()
        };
        let bytes = text.as_bytes();
        assert!(whole(bytes, &opts).unclosed.is_some());
        for cut in 0..=bytes.len() as u64 {
            let s = check(bytes, &opts, &[cut], 3);
            // No range starts after the quote at byte 10 (counted in `text`).
            assert!(s.iter().all(|s| s.offset <= 10), "{s:?}");
        }
    }
}

#[test]
fn windows_1252_and_utf16_replacements_are_counted_once() {
    // A Latin-1 record and an unpaired surrogate: the ranges count what the file counts.
    let bytes = b"h,x\ncaf\xE9,1\n\"q\xE9\nr\",2\nz,3\n";
    let opts = ReaderOptions::default();
    for cut in 0..=bytes.len() as u64 {
        check(bytes, &opts, &[cut], 4);
    }
    let mut le: Vec<u8> = vec![0xFF, 0xFE];
    for u in "h,x\na,1\n"
        .encode_utf16()
        .chain([0xD800])
        .chain("b,2\nc,3".encode_utf16())
    {
        le.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(whole(&le, &opts).replaced, 1);
    for cut in 0..=le.len() as u64 {
        check(&le, &opts, &[cut], 3);
    }
}

#[test]
fn a_bad_cut_is_caught_by_the_verification() {
    // A range started by hand just after a quoted LF — inside the quoted field — as a scan
    // that ignored quotes would start it: the range before it ends inside quotes.
    let text = "h,x\n1,\"a\nb\"\n2,c\n";
    let bytes = text.as_bytes();
    let opts = ReaderOptions::default();
    let d = dialect(bytes, &opts);
    let bad = ShardStart {
        offset: 9, // the "b" after the quoted LF at 8
        records: 2,
        lines: 2,
        prev_end_line: 2,
        blank_lines: 0,
        after_lf: true,
    };
    let (got, ends) = sharded(bytes, &opts, &d, &[bad], 2);
    assert!(ends[0].in_quotes);
    assert!(!ends[0].continues_into(&bad));
    assert_ne!(
        got,
        whole(bytes, &opts),
        "the bad cut does change the records"
    );
    // A range start in the middle of an unquoted record is caught too: no line end before it.
    let good = starts(bytes, &d, &[12], 1);
    assert_eq!(good.len(), 1);
    let mid = ShardStart {
        offset: good[0].offset + 1,
        ..good[0]
    };
    let (_, ends) = sharded(bytes, &opts, &d, &[mid], 2);
    assert!(!ends[0].in_quotes);
    assert!(!ends[0].continues_into(&mid));
    // The scanner's own start passes.
    let (_, ends) = sharded(bytes, &opts, &d, &good, 2);
    assert!(ends[0].continues_into(&good[0]));
}

#[test]
fn ndjson_splits_at_line_ends_and_json_arrays_stay_whole() {
    // NDJSON: a string may hold an escaped quote, and a broken line is still one line.
    let text = "{\"a\":\"x\\\"y\"}\n\n{\"a\":\"open}\n{\"a\":2}\n";
    let bytes = text.as_bytes();
    let opts = ReaderOptions::default();
    let d = dialect(bytes, &opts);
    assert_eq!(d.format, Format::Ndjson);
    for cut in 1..=bytes.len() as u64 {
        for s in starts(bytes, &d, &[cut], 3) {
            let at = s.offset as usize;
            assert_eq!(bytes[at - 1], b'\n', "a line start: {s:?}");
            assert!(at as u64 >= cut);
            assert_eq!(
                s.lines,
                bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
            );
            // The first line start at or after the cut: no line feed from the byte before the
            // cut to the one that ends the line before `at`.
            assert!(!bytes[cut as usize - 1..at - 1].contains(&b'\n'), "{s:?}");
        }
    }
    let d = dialect(b"[{\"a\":1},\n{\"a\":2}]", &opts);
    assert_eq!(d.format, Format::Json);
    assert!(starts(b"[{\"a\":1},\n{\"a\":2}]", &d, &[3, 9, 12], 1).is_empty());
    assert!(ChunkReader::shard(opts, &d, &ShardStart::default()).is_err());
}

/// An NDJSON file read in the ranges that start at `starts`, as a caller does: the first
/// range's reader gives the header once its sample is full; if it is not full at the first
/// range's end, the first two ranges are read again as one. Returns the records (rows, fields),
/// the rows rejected, the rejections counted, and how many ranges were read.
fn ndjson_sharded(
    bytes: &[u8],
    opts: &ReaderOptions,
    d: &Dialect,
    starts: &[ShardStart],
) -> (Vec<(u64, Vec<String>)>, u64, u64, usize) {
    let mut starts = starts.to_vec();
    loop {
        let first_end = starts.first().map_or(bytes.len(), |s| s.offset as usize);
        let mut r0 = ChunkReader::new(opts.clone());
        let mut recs = Vec::new();
        let mut sink = |rec: Record<'_>| {
            recs.push((rec.row, rec.iter().map(str::to_string).collect::<Vec<_>>()));
            Ok(())
        };
        for c in bytes[..first_end].chunks(5) {
            r0.push(c, &mut sink).unwrap();
        }
        let Some(header) = r0.json_header().map(<[String]>::to_vec) else {
            assert!(
                !starts.is_empty(),
                "the last range always settles the header"
            );
            starts.remove(0);
            continue;
        };
        r0.finish(&mut sink).unwrap();
        let (mut rejected, mut total) = (r0.rows_rejected(), r0.rejections.total());
        for (i, start) in starts.iter().enumerate() {
            let to = starts.get(i + 1).map_or(bytes.len(), |s| s.offset as usize);
            let mut r = ChunkReader::ndjson_shard(opts.clone(), d, start, &header).unwrap();
            let mut t = ShardTracker::new(d, start);
            t.push(&bytes[start.offset as usize..to]);
            if let Some(next) = starts.get(i + 1) {
                assert!(t.finish().continues_into(next));
            }
            for c in bytes[start.offset as usize..to].chunks(7) {
                r.push(c, &mut sink).unwrap();
            }
            r.finish(&mut sink).unwrap();
            rejected += r.rows_rejected();
            total += r.rejections.total();
        }
        return (recs, rejected, total, starts.len() + 1);
    }
}

#[test]
fn ndjson_ranges_read_the_whole_files_records() {
    // More lines than the header sample (HEADER_SAMPLE, 1,000 objects), with blank lines, a
    // broken line, an escaped quote, a key first seen after the sample, multi-byte text, a
    // nested value and CRLF line ends.
    let mut text = String::new();
    for i in 0..3000 {
        match i % 9 {
            0 => text.push_str(&format!(
                "{{\"user\":\"u{i}\",\"note\":\"say \\\"hi\\\"\"}}\n"
            )),
            1 => text.push('\n'),
            2 => text.push_str(&format!("{{\"user\":\"ü{i}\",\"n\":{i}}}\r\n")),
            3 if i == 2100 => text.push_str("{\"user\":\"late\",\"late_key\":1}\n"),
            3 => text.push_str("{\"user\":\"open\n"),
            4 => text.push_str(&format!("{{\"user\":\"u{i}\",\"nest\":{{\"a\":1}}}}\n")),
            _ => text.push_str(&format!("{{\"n\":{i},\"user\":\"日{i}\"}}\n")),
        }
    }
    let bytes = text.as_bytes();
    let opts = ReaderOptions::default();
    let d = dialect(bytes, &opts);
    assert_eq!(d.format, Format::Ndjson);
    let mut r = ChunkReader::new(opts.clone());
    let mut want = Vec::new();
    let mut sink = |rec: Record<'_>| {
        want.push((rec.row, rec.iter().map(str::to_string).collect::<Vec<_>>()));
        Ok(())
    };
    r.push(bytes, &mut sink).unwrap();
    r.finish(&mut sink).unwrap();
    let (want_rejected, want_total) = (r.rows_rejected(), r.rejections.total());
    assert!(
        want_rejected > 0 && want_total > want_rejected,
        "broken lines, a late key, nested values"
    );
    let len = bytes.len() as u64;
    let mut split_reads = 0;
    for n in [1, 2, 3, 7] {
        for shift in (0..len / n).step_by(2999) {
            let cuts: Vec<u64> = BoundaryScanner::even_cuts(len, n)
                .iter()
                .map(|c| (c + shift).min(len))
                .collect();
            let s = starts(bytes, &d, &cuts, 4096);
            let (got, rejected, total, ranges) = ndjson_sharded(bytes, &opts, &d, &s);
            assert_eq!(got, want, "cuts {cuts:?}");
            assert_eq!((rejected, total), (want_rejected, want_total));
            split_reads += usize::from(ranges > 1);
        }
    }
    assert!(
        split_reads > 10,
        "most cuts leave the sample in the first range"
    );
    // UTF-16 NDJSON stays one range.
    let le = encode("{\"a\":1}\n{\"a\":2}\n", Encoding::Utf16Le);
    let d = dialect(&le, &opts);
    assert!(starts(&le, &d, &[6, 12], 1).is_empty());
}

/// One field as a generator makes it: every kind of content the reader treats apart.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 ]{0,6}",
        "[a-zé日😀]{1,4}",
        Just("\"a,b\"".to_string()),
        Just("\"l\nf\"".to_string()),
        Just("\"c\rr\"".to_string()),
        Just("\"c\r\nl\"".to_string()),
        Just("\"d\"\"q\"".to_string()),
        Just("\"\"".to_string()),
        Just("a\"b".to_string()),
        Just("\"x\"y".to_string()),
    ]
}

fn file() -> impl Strategy<Value = String> {
    let record = prop::collection::vec(field(), 1..4);
    let end = prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n"), Just("\r\n\r\n")];
    (prop::collection::vec((record, end), 1..12), prop::bool::ANY).prop_map(|(rows, last_end)| {
        let mut s = String::from("h1,h2,h3\n");
        let n = rows.len();
        for (i, (r, e)) in rows.into_iter().enumerate() {
            s.push_str(&r.join(","));
            if i + 1 < n || last_end {
                s.push_str(e);
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]
    #[test]
    fn random_cuts_give_the_whole_files_records(
        text in file(),
        enc in prop::sample::select(ENCODINGS.to_vec()),
        n in prop::sample::select(vec![1u64, 2, 3, 7]),
        seeds in prop::collection::vec(0u64..1 << 20, 6),
        chunk in 1usize..64,
        tab in prop::bool::ANY,
    ) {
        let text = if tab { text.replace(',', "\t") } else { text };
        let bytes = encode(&text, enc);
        let len = bytes.len() as u64 + 1;
        let cuts: Vec<u64> = seeds.iter().take(n as usize - 1).map(|s| s % len).collect();
        let opts = ReaderOptions::default();
        let d = dialect(&bytes, &opts);
        let want = whole(&bytes, &opts);
        let s = starts(&bytes, &d, &cuts, chunk);
        let (got, ends) = sharded(&bytes, &opts, &d, &s, chunk);
        prop_assert!(verified(&s, &ends));
        prop_assert_eq!(got, want);
    }
}
