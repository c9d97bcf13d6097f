//! Record boundaries for parallel parsing: where a delimited file can be cut so that N readers,
//! each given one byte range, read between them exactly the records one reader reads.
//!
//! A cut chosen by size usually falls inside a record, maybe inside a quoted field, a doubled
//! quote, a CRLF or a multi-byte character. [`BoundaryScanner`] reads the bytes once, in slices
//! of any size, with the reader's quoting rules (csv-core's: a quote opens a field only at its
//! start, `""` inside quotes is one quote, CR, LF and CRLF end a record outside quotes, line
//! ends at a record start are blank lines), and moves each cut to the first record start at or
//! after it, with the counts a reader needs to number its rows as the whole-file reader does
//! ([`ShardStart`]). A quote that is never closed leaves no record start after it, so the rest
//! of the file stays in one range and is read as one reader reads it.
//!
//! A range is read by [`ChunkReader::shard`](super::ChunkReader::shard) with the dialect of
//! the first range ([`Dialect`]: a later range has no BOM or header to sniff) and checked by a
//! [`ShardTracker`] fed the same bytes: [`ShardEnd::continues_into`] tells whether the range
//! ended at a record start outside quotes with the counts the next range was started with;
//! if not, the caller reads the two ranges again as one.
//!
//! NDJSON ranges may end at any LF (a line break always ends its record) and are read by
//! [`ChunkReader::ndjson_shard`](super::ChunkReader::ndjson_shard) under the header the first
//! range settled; UTF-16 NDJSON, a JSON array and an .xlsx workbook stay one range.

use super::decode::Encoding;
use super::reader::Format;

/// What a range after the first cannot sniff: taken from the first range's reader
/// ([`ChunkReader::dialect`](super::ChunkReader::dialect)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub format: Format,
    pub encoding: Encoding,
    pub delimiter: u8,
    /// Line ends are lone CRs: rows are counted by records, not lines.
    pub cr_only: bool,
    /// Bytes of the byte-order mark: where the text starts.
    pub text_start: u64,
}

impl Dialect {
    pub fn encoding_is_utf16(&self) -> bool {
        matches!(self.encoding, Encoding::Utf16Le | Encoding::Utf16Be)
    }
}

/// Where a range starts (a record's first byte) and what the whole-file reader has counted
/// before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShardStart {
    /// Byte offset in the file.
    pub offset: u64,
    /// Records before it, the header included (NDJSON: lines before it, blank ones included).
    pub records: u64,
    /// Line feeds before it.
    pub lines: u64,
    /// The line the previous record ended on (1-based; 0 before the first).
    pub prev_end_line: u64,
    /// Blank lines before it that count in row numbers (none when `cr_only`).
    pub blank_lines: u64,
    /// The byte (unit) before it is a line feed.
    pub after_lf: bool,
}

impl ShardStart {
    /// The row number of the range's first record, as the whole-file reader gives it.
    pub fn first_row(&self) -> u64 {
        self.records + 1 + self.blank_lines
    }
}

/// How a range ended, for the check against the next range's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardEnd {
    /// The counts after the range, as a [`ShardStart`] at its end offset.
    pub end: ShardStart,
    /// The offset just after the last record's line end (or the range's start).
    pub last_record_end: u64,
    /// The range ended inside a quoted field.
    pub in_quotes: bool,
}

impl ShardEnd {
    /// Whether the next range, started at `next`, continues this one exactly: this range ended
    /// outside quotes, after a line end, at `next`'s offset and with `next`'s counts.
    pub fn continues_into(&self, next: &ShardStart) -> bool {
        !self.in_quotes && self.last_record_end == self.end.offset && self.end == *next
    }
}

/// The reader's state between two bytes, as far as record boundaries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// After a line end outside quotes (or at the text's start): CR and LF here are blank lines.
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: closing, or the first of a doubled pair.
    QuoteInQuoted,
}

/// Counts and quote state over the text, with the same rules as the reader.
#[derive(Debug, Clone)]
struct Tracker {
    delimiter: u8,
    cr_only: bool,
    state: State,
    /// Offset of the next byte in the file.
    offset: u64,
    records: u64,
    lines: u64,
    prev_end_line: u64,
    blank_lines: u64,
    after_lf: bool,
    last_record_end: u64,
}

impl Tracker {
    fn new(dialect: &Dialect, start: &ShardStart) -> Self {
        Tracker {
            delimiter: dialect.delimiter,
            cr_only: dialect.cr_only,
            state: State::RecordStart,
            offset: start.offset,
            records: start.records,
            lines: start.lines,
            prev_end_line: start.prev_end_line,
            blank_lines: start.blank_lines,
            after_lf: start.after_lf,
            last_record_end: start.offset,
        }
    }

    fn here(&self) -> ShardStart {
        ShardStart {
            offset: self.offset,
            records: self.records,
            lines: self.lines,
            prev_end_line: self.prev_end_line,
            blank_lines: self.blank_lines,
            after_lf: self.after_lf,
        }
    }

    /// A record starts at `self.offset`: counts it as the reader does (its row is its number
    /// plus the blank lines before it).
    fn start_record(&mut self) {
        self.records += 1;
        if !self.cr_only {
            let start_line = self.lines + 1;
            self.blank_lines += start_line.saturating_sub(self.prev_end_line + 1);
        }
    }

    /// A CR or LF outside quotes ends the record: it ended on the current line.
    fn end_record(&mut self) {
        self.prev_end_line = self.lines + 1;
        self.state = State::RecordStart;
    }

    /// One character (a byte, or a UTF-16 code unit with non-ASCII units as 0x80) at
    /// `self.offset`, `width` bytes long. `at_start` is called at every record start before
    /// the character is counted.
    fn step(&mut self, c: u8, width: u64, at_start: &mut dyn FnMut(&Self)) {
        let d = self.delimiter;
        let term = c == b'\r' || c == b'\n';
        if self.state == State::RecordStart && !term {
            at_start(self);
            self.start_record();
            self.state = State::FieldStart;
        }
        self.state = match self.state {
            State::RecordStart => State::RecordStart,
            State::FieldStart if c == b'"' => State::Quoted,
            State::Quoted if c == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if c == b'"' => State::Quoted,
            _ if c == d => State::FieldStart,
            _ if term => {
                self.end_record();
                State::RecordStart
            }
            _ => State::Unquoted,
        };
        self.offset += width;
        self.after_lf = c == b'\n';
        if self.after_lf {
            self.lines += 1;
        }
        if self.state == State::RecordStart {
            self.last_record_end = self.offset;
        }
    }

    /// Follows 8-bit text (UTF-8 or Windows-1252: no byte of a multi-byte character is ASCII),
    /// jumping with memchr to the next quote or line end.
    fn follow_bytes(&mut self, bytes: &[u8], at_start: &mut dyn FnMut(&Self)) {
        let d = self.delimiter;
        let mut i = 0;
        while let Some(&c) = bytes.get(i) {
            let rest = bytes.get(i..).unwrap_or_default();
            let skip = match self.state {
                // Inside quotes only a quote matters; line feeds are counted on the way.
                State::Quoted => {
                    let k = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                    let lfs = memchr::memchr_iter(b'\n', rest.get(..k).unwrap_or_default()).count();
                    self.lines += lfs as u64;
                    if k > 0 {
                        self.after_lf = rest.get(k - 1) == Some(&b'\n');
                    }
                    k
                }
                // Outside quotes: the next line end, or a quote that may open a field (one
                // right after a delimiter; others are literal).
                State::FieldStart | State::Unquoted
                    if c != b'"' || self.state == State::Unquoted =>
                {
                    let mut k = 0;
                    loop {
                        let Some(j) =
                            memchr::memchr3(b'"', b'\n', b'\r', rest.get(k..).unwrap_or_default())
                        else {
                            k = rest.len();
                            break;
                        };
                        k += j;
                        let opens = rest.get(k) == Some(&b'"')
                            && (if k == 0 {
                                self.state == State::FieldStart
                            } else {
                                rest.get(k - 1) == Some(&d)
                            });
                        if opens || rest.get(k) != Some(&b'"') {
                            break;
                        }
                        k += 1;
                    }
                    if k > 0 {
                        // The bytes skipped hold no quote that opens, no line end.
                        self.state = if rest.get(k - 1) == Some(&d) {
                            State::FieldStart
                        } else {
                            State::Unquoted
                        };
                        self.after_lf = false;
                    }
                    k
                }
                _ => 0,
            };
            if skip > 0 {
                self.offset += skip as u64;
                i += skip;
                continue;
            }
            self.step(c, 1, at_start);
            i += 1;
        }
    }
}

/// UTF-16 code units as the quoting rules see them, across slice borders.
#[derive(Debug, Clone, Default)]
struct Units {
    /// `None` for 8-bit text.
    big_endian: Option<bool>,
    /// The first byte of a code unit split between slices.
    odd: Option<u8>,
}

impl Units {
    fn new(encoding: Encoding) -> Self {
        Units {
            big_endian: match encoding {
                Encoding::Utf16Le => Some(false),
                Encoding::Utf16Be => Some(true),
                Encoding::Utf8 | Encoding::Utf8Bom => None,
            },
            odd: None,
        }
    }

    fn feed(&mut self, t: &mut Tracker, chunk: &[u8], at_start: &mut dyn FnMut(&Tracker)) {
        let Some(be) = self.big_endian else {
            return t.follow_bytes(chunk, at_start);
        };
        let mut units = chunk;
        if let Some(a) = self.odd.take() {
            let Some((&b, rest)) = units.split_first() else {
                self.odd = Some(a);
                return;
            };
            t.step(unit_class(a, b, be), 2, at_start);
            units = rest;
        }
        let mut pairs = units.chunks_exact(2);
        for p in &mut pairs {
            if let [a, b] = *p {
                t.step(unit_class(a, b, be), 2, at_start);
            }
        }
        if let [a] = pairs.remainder() {
            self.odd = Some(*a);
        }
    }
}

/// A UTF-16 code unit as the quoting rules see it: ASCII as itself, anything else as 0x80
/// (surrogates and other non-ASCII units never end a field or a record).
fn unit_class(a: u8, b: u8, big_endian: bool) -> u8 {
    let u = if big_endian {
        u16::from_be_bytes([a, b])
    } else {
        u16::from_le_bytes([a, b])
    };
    u8::try_from(u).ok().filter(u8::is_ascii).unwrap_or(0x80)
}

/// Finds the record start at or after each requested cut, reading the file in slices.
#[derive(Debug, Clone)]
pub struct BoundaryScanner {
    format: Format,
    units: Units,
    tracker: Tracker,
    /// Bytes of the byte-order mark still to pass.
    bom_left: u64,
    /// The cuts, ascending, and the first not yet passed.
    cuts: Vec<u64>,
    next_cut: usize,
    found: Vec<ShardStart>,
}

impl BoundaryScanner {
    /// A scanner over the whole file (BOM included: offsets are the file's), for the cuts at
    /// byte offsets `cuts` in any order.
    pub fn new(dialect: &Dialect, cuts: &[u64]) -> Self {
        let mut cuts = cuts.to_vec();
        cuts.sort_unstable();
        BoundaryScanner {
            format: dialect.format,
            units: Units::new(dialect.encoding),
            tracker: Tracker::new(dialect, &ShardStart::default()),
            bom_left: dialect.text_start,
            cuts,
            next_cut: 0,
            found: Vec::new(),
        }
    }

    /// `n − 1` cuts that split `len` bytes into `n` ranges of about equal size.
    pub fn even_cuts(len: u64, n: u64) -> Vec<u64> {
        let n = n.max(1);
        (1..n).map(|i| len / n * i + len % n * i / n).collect()
    }

    /// Feeds the next slice of the file.
    pub fn push(&mut self, mut chunk: &[u8]) {
        if !matches!(self.format, Format::Csv | Format::Ndjson) {
            return; // a JSON array or a workbook is one range
        }
        if self.bom_left > 0 {
            let n = chunk
                .len()
                .min(usize::try_from(self.bom_left).unwrap_or(usize::MAX));
            chunk = chunk.get(n..).unwrap_or_default();
            self.bom_left -= n as u64;
            self.tracker.offset += n as u64;
            self.tracker.last_record_end = self.tracker.offset;
        }
        let (cuts, next, found) = (&self.cuts, &mut self.next_cut, &mut self.found);
        let mut at_start = |t: &Tracker| {
            // The first record (the header) starts the first range: a cut before it goes to
            // the next record.
            if t.records == 0 {
                return;
            }
            let mut hit = false;
            while cuts.get(*next).is_some_and(|&c| c <= t.offset) {
                *next += 1;
                hit = true;
            }
            if hit {
                found.push(t.here());
            }
        };
        if self.format == Format::Ndjson {
            if self.units.big_endian.is_some() {
                return; // UTF-16 NDJSON is one range: its LF bytes are not all line feeds
            }
            return ndjson(&mut self.tracker, chunk, &mut at_start);
        }
        self.units.feed(&mut self.tracker, chunk, &mut at_start);
    }

    /// The range starts found, one per distinct record start, in file order. Cuts past the last
    /// record start (or after a quote that never closes) have none: the last range runs to the
    /// end.
    pub fn finish(self) -> Vec<ShardStart> {
        self.found
    }
}

/// NDJSON: a line starts after every LF, whatever is open on the line before.
fn ndjson(t: &mut Tracker, bytes: &[u8], at_start: &mut dyn FnMut(&Tracker)) {
    let mut rest = bytes;
    while !rest.is_empty() {
        if t.state == State::RecordStart {
            at_start(t);
            t.records += 1;
            t.state = State::Unquoted;
        }
        match memchr::memchr(b'\n', rest) {
            Some(k) => {
                t.offset += k as u64 + 1;
                t.lines += 1;
                t.prev_end_line = t.lines;
                t.after_lf = true;
                t.state = State::RecordStart;
                t.last_record_end = t.offset;
                rest = rest.get(k + 1..).unwrap_or_default();
            }
            None => {
                t.offset += rest.len() as u64;
                t.after_lf = false;
                rest = &[];
            }
        }
    }
}

/// Follows one range of delimited text as it is read, to say how it ended ([`ShardEnd`]).
#[derive(Debug, Clone)]
pub struct ShardTracker {
    tracker: Tracker,
    units: Units,
    ndjson: bool,
}

impl ShardTracker {
    pub fn new(dialect: &Dialect, start: &ShardStart) -> Self {
        ShardTracker {
            tracker: Tracker::new(dialect, start),
            units: Units::new(dialect.encoding),
            ndjson: dialect.format == Format::Ndjson,
        }
    }

    /// Follows the next slice of the range (the bytes given to its reader).
    pub fn push(&mut self, chunk: &[u8]) {
        if self.ndjson {
            return ndjson(&mut self.tracker, chunk, &mut |_| {});
        }
        self.units.feed(&mut self.tracker, chunk, &mut |_| {});
    }

    pub fn finish(&self) -> ShardEnd {
        let mut end = self.tracker.here();
        // Half a code unit: the range ends one byte further, not at a record start.
        end.offset += u64::from(self.units.odd.is_some());
        ShardEnd {
            end,
            last_record_end: self.tracker.last_record_end,
            in_quotes: self.tracker.state == State::Quoted,
        }
    }
}
