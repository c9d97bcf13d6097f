//! Chunked reader: bytes in any slices → records of UTF-8 fields, for every input format.
//!
//! Delimited text goes through csv-core (a push parser that keeps its state between slices),
//! so records, quotes and multi-byte characters may straddle chunk borders; JSON goes through
//! a splitter that buffers one element at a time; an .xlsx workbook is a zip archive whose
//! directory sits at its end, so it is collected whole and read at `finish`. Memory is bounded
//! by the longest record (text, JSON) or by `maxSpreadsheetBytes` (xlsx).

use csv_core::{ReadRecordResult, Reader as CoreReader, ReaderBuilder};

use super::decode::{decode_cp1252, Encoding, Utf16Decoder};
use super::json::{JsonSplitter, ObjectRows};
use super::quotes::{QuoteTracker, Seen};
use super::split::{Dialect, ShardStart};
use crate::error::{Error, Rejections, Result};

crate::vocab::vocabulary! {
    /// The layout of the input.
    #[ts(rename = "InputFormat")]
    pub enum Format {
        /// Delimited text (comma, semicolon, tab or pipe).
        Csv = "csv",
        /// A JSON array of flat objects.
        Json = "json",
        /// Newline-delimited JSON: one flat object per line.
        Ndjson = "ndjson",
        /// An Excel workbook (Office Open XML).
        Xlsx = "xlsx",
    }
}

impl Format {
    /// The `format` option: a name or a common alias (tsv, jsonl, excel), in any case.
    pub fn parse_option(s: &str) -> Option<Format> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "csv" | "tsv" | "delimited" => Format::Csv,
            "json" => Format::Json,
            "ndjson" | "jsonl" | "jsonlines" => Format::Ndjson,
            "xlsx" | "excel" => Format::Xlsx,
            _ => return None,
        })
    }
}

/// Reader settings and safety limits.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Input format; detected from the first bytes when `None`.
    pub format: Option<Format>,
    /// Worksheet of an .xlsx file (default: the first).
    pub sheet: Option<String>,
    /// Longest field (or JSON object) accepted, in bytes.
    pub max_field_bytes: usize,
    /// Most fields accepted in one record.
    pub max_columns: usize,
    /// Largest .xlsx file accepted (it is held in memory whole).
    pub max_spreadsheet_bytes: usize,
    /// A quote that is never closed is read as a literal character (else, as csv-core reads
    /// it, it takes the rest of the file into one field; both are reported).
    pub lenient_quotes: bool,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            delimiter: None,
            format: None,
            sheet: None,
            max_field_bytes: 16 << 20,
            max_columns: 10_000,
            max_spreadsheet_bytes: 256 << 20,
            lenient_quotes: false,
        }
    }
}

/// One record, with its fields as UTF-8 text.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// Where the record is in the file, as a spreadsheet shows it: delimited text counts
    /// records and blank lines (a quoted line break does not start a new row); JSON gives the
    /// line the object starts on; xlsx the worksheet row. A synthetic JSON header has row 0.
    pub row: u64,
    text: &'a str,
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    /// A record over `text` whose fields end at the byte offsets `ends`.
    pub fn from_parts(row: u64, text: &'a str, ends: &'a [usize]) -> Self {
        Record { row, text, ends }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            None => 0,
            Some(j) => *self.ends.get(j)?,
        };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// A quote that was never closed: csv-core reads the rest of the file as one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// Quotes never closed (more than one only in the lenient reading).
    pub count: u64,
    /// The line of the first one's opening quote.
    pub line: u64,
    /// Lines and bytes after it, to the end of the file.
    pub lines: u64,
    pub bytes: u64,
}

/// What a reader found in its bytes, apart from the records: the part of a shard's partial
/// result that comes from reading, mergeable with other shards' (counts summed, the earliest
/// finding kept).
#[derive(Debug, Clone)]
pub struct ReadStats {
    pub format: Format,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub lenient_quotes: bool,
    pub bytes: u64,
    pub rows_rejected: u64,
    pub cp1252_records: u64,
    pub replaced_chars: u64,
    pub unclosed: Option<Unclosed>,
    pub stray: Seen,
    pub after_closing: Seen,
    pub rejections: Rejections,
}

impl ReadStats {
    /// The counts and findings, for a partial result sent elsewhere (the layout is the plan's).
    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64(self.bytes);
        w.u64(self.rows_rejected);
        w.u64(self.cp1252_records);
        w.u64(self.replaced_chars);
        w.bool(self.unclosed.is_some());
        let u = self.unclosed.unwrap_or(Unclosed {
            count: 0,
            line: 0,
            lines: 0,
            bytes: 0,
        });
        [u.count, u.line, u.lines, u.bytes]
            .iter()
            .for_each(|&v| w.u64(v));
        for s in [self.stray, self.after_closing] {
            w.u64(s.count);
            w.u64(s.first_line);
        }
        self.rejections.put(w);
    }

    /// Reads what [`ReadStats::put`] wrote into these stats of the plan's layout.
    pub fn take_into(&mut self, r: &mut crate::wire::Reader) -> Result<()> {
        self.bytes = r.u64()?;
        self.rows_rejected = r.u64()?;
        self.cp1252_records = r.u64()?;
        self.replaced_chars = r.u64()?;
        let some = r.bool()?;
        let u = Unclosed {
            count: r.u64()?,
            line: r.u64()?,
            lines: r.u64()?,
            bytes: r.u64()?,
        };
        self.unclosed = some.then_some(u);
        for s in [&mut self.stray, &mut self.after_closing] {
            s.count = r.u64()?;
            s.first_line = r.u64()?;
        }
        self.rejections = Rejections::take(r)?;
        Ok(())
    }

    pub fn merge(&mut self, o: ReadStats) {
        self.bytes += o.bytes;
        self.rows_rejected += o.rows_rejected;
        self.cp1252_records += o.cp1252_records;
        self.replaced_chars += o.replaced_chars;
        self.unclosed = match (self.unclosed.take(), o.unclosed) {
            (Some(a), Some(b)) => {
                let count = a.count + b.count;
                let first = if b.line < a.line { b } else { a };
                Some(Unclosed { count, ..first })
            }
            (a, b) => a.or(b),
        };
        self.stray.merge(o.stray);
        self.after_closing.merge(o.after_closing);
        self.rejections.merge(o.rejections);
    }
}

/// Candidate delimiters, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];
/// Bytes looked at to find the header line for delimiter detection.
const SNIFF_LIMIT: usize = 1 << 16;

#[derive(Clone, Copy)]
enum Limit {
    FieldBytes,
    Columns,
}

enum Stage {
    /// Collecting the first bytes: encoding, format and delimiter are not known yet.
    Sniffing,
    Reading,
}

enum Mode {
    Csv,
    Json {
        split: JsonSplitter,
        rows: Box<ObjectRows>,
    },
    Xlsx(Vec<u8>),
}

pub struct ChunkReader {
    opts: ReaderOptions,
    stage: Stage,
    mode: Mode,
    format: Format,
    head: Vec<u8>,
    encoding: Encoding,
    /// Bytes of the byte-order mark.
    text_start: u64,
    utf16: Option<Utf16Decoder>,
    utf8_buf: Vec<u8>,
    core: CoreReader,
    delimiter: u8,
    /// Line ends are a lone CR (classic Mac): csv-core counts only LF, so rows are counted.
    cr_only: bool,
    /// The last byte consumed was an LF.
    last_lf: bool,
    /// Line feeds consumed so far (both paths).
    lines: u64,
    /// csv-core holds no partial record: the fast path may take the next line.
    core_clean: bool,
    /// Blank lines skipped so far, and the line the previous record ended on: a record's row is
    /// its number plus the blank lines before it, as a spreadsheet shows it.
    blank_lines: u64,
    prev_end_line: u64,
    out: Vec<u8>,
    ends: Vec<usize>,
    outlen: usize,
    endlen: usize,
    alt: String,
    alt_ends: Vec<usize>,
    records: u64,
    bytes_in: u64,
    /// Bytes of 8-bit text fed to the parsers (after a byte-order mark).
    text_bytes: u64,
    /// Bytes of text consumed by the delimited-text parsing (decoded, after a BOM).
    csv_bytes: u64,
    /// Quotes csv-core reads silently: stray, text after closing, never closed.
    pub quotes: QuoteTracker,
    /// The first quote never closed, and how many there were.
    pub unclosed: Option<Unclosed>,
    /// After a quote re-read as literal, the fresh csv-core counts its record's field ends
    /// from here (the fields before it are already in `out`).
    end_offset: Option<usize>,
    /// Records whose bytes were not valid UTF-8 and were read as Windows-1252.
    pub cp1252_records: u64,
    /// Rows or values the reader itself could not use (invalid JSON, nested values, cell errors).
    pub rejections: Rejections,
}

impl ChunkReader {
    pub fn new(opts: ReaderOptions) -> Self {
        ChunkReader {
            delimiter: opts.delimiter.unwrap_or(b','),
            format: opts.format.unwrap_or(Format::Csv),
            opts,
            stage: Stage::Sniffing,
            mode: Mode::Csv,
            head: Vec::new(),
            encoding: Encoding::Utf8,
            text_start: 0,
            utf16: None,
            utf8_buf: Vec::new(),
            core: CoreReader::new(),
            cr_only: false,
            last_lf: false,
            lines: 0,
            core_clean: true,
            blank_lines: 0,
            prev_end_line: 0,
            out: vec![0; 4096],
            ends: vec![0; 64],
            outlen: 0,
            endlen: 0,
            alt: String::new(),
            alt_ends: Vec::new(),
            records: 0,
            bytes_in: 0,
            text_bytes: 0,
            csv_bytes: 0,
            quotes: QuoteTracker::default(),
            unclosed: None,
            end_offset: None,
            cp1252_records: 0,
            rejections: Rejections::default(),
        }
    }

    /// A reader of one range of a delimited file (see [`super::split`]): it starts at the
    /// record start `start` with the dialect of the first range (`dialect`, from
    /// [`ChunkReader::dialect`]), sniffs nothing and expects no header, and numbers its rows
    /// and counts its lines as the whole-file reader does there. `bytes_in` counts the range's
    /// bytes. NDJSON has [`ChunkReader::ndjson_shard`]; other formats are one range (an
    /// `InvalidOption` error).
    pub fn shard(opts: ReaderOptions, dialect: &Dialect, start: &ShardStart) -> Result<Self> {
        if dialect.format != Format::Csv {
            return Err(Error::InvalidOption {
                option: "format".into(),
                reason: format!(
                    "a {} file is read in one range (only delimited text is split)",
                    dialect.format.name()
                ),
            });
        }
        let mut r = ChunkReader::new(opts);
        r.stage = Stage::Reading;
        r.format = Format::Csv;
        r.encoding = dialect.encoding;
        r.text_start = dialect.text_start;
        r.utf16 = match dialect.encoding {
            Encoding::Utf16Le => Some(Utf16Decoder::new(false)),
            Encoding::Utf16Be => Some(Utf16Decoder::new(true)),
            Encoding::Utf8 | Encoding::Utf8Bom => None,
        };
        r.delimiter = dialect.delimiter;
        r.cr_only = dialect.cr_only;
        r.core = ReaderBuilder::new().delimiter(dialect.delimiter).build();
        r.quotes = QuoteTracker::new(dialect.delimiter);
        r.records = start.records;
        r.lines = start.lines;
        r.prev_end_line = start.prev_end_line;
        r.blank_lines = start.blank_lines;
        r.last_lf = start.after_lf;
        // Byte offsets in messages are the file's (8-bit text: the bytes after the BOM).
        r.text_bytes = start.offset.saturating_sub(dialect.text_start);
        Ok(r)
    }

    /// A reader of one range of an NDJSON file after the first (see [`super::split`]): it
    /// starts at a line start with the first range's `header`
    /// ([`ChunkReader::json_header`]), so it emits no header record, and names each row by
    /// the file's line.
    pub fn ndjson_shard(
        opts: ReaderOptions,
        dialect: &Dialect,
        start: &ShardStart,
        header: &[String],
    ) -> Result<Self> {
        if dialect.format != Format::Ndjson || dialect.encoding_is_utf16() {
            return Err(Error::InvalidOption {
                option: "format".into(),
                reason: format!(
                    "a {} file in {:?} is read in one range (NDJSON is split in UTF-8 only)",
                    dialect.format.name(),
                    dialect.encoding
                ),
            });
        }
        let mut r = ChunkReader::new(opts);
        r.stage = Stage::Reading;
        r.format = Format::Ndjson;
        r.encoding = dialect.encoding;
        r.text_start = dialect.text_start;
        r.mode = Mode::Json {
            split: JsonSplitter::ndjson_from_line(r.opts.max_field_bytes, start.lines + 1),
            rows: Box::new(ObjectRows::with_header(header)),
        };
        r.records = start.records;
        r.text_bytes = start.offset.saturating_sub(dialect.text_start);
        Ok(r)
    }

    /// The header of a JSON file once it is settled: the union of the keys of the first
    /// objects (`HEADER_SAMPLE`), known when that many were read. A file read in ranges needs
    /// it from its first range before the first range's `finish` — if it is `None` then, the
    /// first range was too short and is read again with the next.
    pub fn json_header(&self) -> Option<&[String]> {
        match &self.mode {
            Mode::Json { rows, .. } => rows.settled_header(),
            _ => None,
        }
    }

    /// The dialect of a file from its first bytes (`at_end`: they are the whole file), without
    /// reading records; `None` when more bytes are needed (the header line is not complete).
    pub fn sniff(opts: ReaderOptions, head: &[u8], at_end: bool) -> Result<Option<Dialect>> {
        let mut r = ChunkReader::new(opts);
        r.head = head.to_vec();
        r.try_start(at_end)?;
        Ok(r.dialect())
    }

    /// The format, encoding, delimiter and line ends chosen, once the first bytes are read:
    /// what a reader of a later range needs.
    pub fn dialect(&self) -> Option<Dialect> {
        match self.stage {
            Stage::Sniffing => None,
            Stage::Reading => Some(Dialect {
                format: self.format,
                encoding: self.encoding,
                delimiter: self.delimiter,
                cr_only: self.cr_only,
                text_start: self.text_start,
            }),
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    pub fn bytes_in(&self) -> u64 {
        self.bytes_in
    }

    /// Records emitted so far, the header included.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The error for a limit reached in the record being read.
    fn limit(&self, which: Limit) -> Error {
        let (what, limit, option) = match which {
            Limit::FieldBytes => (
                "field length (bytes)",
                self.opts.max_field_bytes,
                "maxFieldBytes",
            ),
            Limit::Columns => ("number of columns", self.opts.max_columns, "maxColumns"),
        };
        Error::LimitExceeded {
            what,
            limit: limit as u64,
            row: if self.cr_only {
                self.records + 1
            } else {
                self.lines + 1
            },
            option,
        }
    }

    /// Whether a quote never closed is read as a literal character.
    pub fn lenient_quotes(&self) -> bool {
        self.opts.lenient_quotes
    }

    /// Rows read but rejected whole by the reader (JSON elements that are not valid objects):
    /// they count as read and as skipped.
    pub fn rows_rejected(&self) -> u64 {
        match &self.mode {
            Mode::Json { rows, .. } => rows.rows_rejected,
            _ => 0,
        }
    }

    /// What the reader found so far (the records aside), its rejections left out: take them
    /// with `std::mem::take(&mut reader.rejections)`.
    pub fn stats(&self) -> ReadStats {
        ReadStats {
            format: self.format,
            encoding: self.encoding,
            delimiter: self.delimiter,
            lenient_quotes: self.opts.lenient_quotes,
            bytes: self.bytes_in,
            rows_rejected: self.rows_rejected(),
            cp1252_records: self.cp1252_records,
            replaced_chars: self.replaced_chars(),
            unclosed: self.unclosed,
            stray: self.quotes.stray,
            after_closing: self.quotes.after_closing,
            rejections: Rejections::default(),
        }
    }

    /// UTF-16 code units that could not be decoded and were replaced by U+FFFD.
    pub fn replaced_chars(&self) -> u64 {
        self.utf16.as_ref().map_or(0, |d| d.replaced)
    }

    /// Feeds bytes; calls `sink` for every complete record.
    pub fn push(
        &mut self,
        chunk: &[u8],
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        self.bytes_in += chunk.len() as u64;
        match self.stage {
            Stage::Sniffing => {
                self.head.extend_from_slice(chunk);
                if self.try_start(false)? {
                    let head = std::mem::take(&mut self.head);
                    self.feed_raw(&head, sink)?;
                }
                Ok(())
            }
            Stage::Reading => self.feed_raw(chunk, sink),
        }
    }

    /// Ends the input: flushes the last record (which need not end with a newline).
    pub fn finish(&mut self, sink: &mut dyn FnMut(Record<'_>) -> Result<()>) -> Result<()> {
        if let Stage::Sniffing = self.stage {
            self.try_start(true)?;
            let head = std::mem::take(&mut self.head);
            self.feed_raw(&head, sink)?;
        }
        if let Mode::Xlsx(bytes) = &mut self.mode {
            let bytes = std::mem::take(bytes);
            return self.read_xlsx(bytes, sink);
        }
        if let Some(dec) = self.utf16.as_mut() {
            let mut buf = std::mem::take(&mut self.utf8_buf);
            buf.clear();
            dec.finish(&mut buf);
            self.feed_text(&buf, false, sink)?;
            self.utf8_buf = buf;
        }
        self.feed_text(&[], true, sink)
    }

    /// Decides encoding, format and delimiter once enough of the head is known. Returns true
    /// when started.
    fn try_start(&mut self, at_end: bool) -> Result<bool> {
        const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
        let zip = self.head.starts_with(ZIP_MAGIC);
        if (zip && self.opts.format.is_none()) || self.opts.format == Some(Format::Xlsx) {
            if self.head.len() < ZIP_MAGIC.len() && !at_end {
                return Ok(false);
            }
            self.format = Format::Xlsx;
            self.mode = Mode::Xlsx(Vec::new());
            self.stage = Stage::Reading;
            return Ok(true);
        }
        if self.head.len() < ZIP_MAGIC.len() && !at_end && ZIP_MAGIC.starts_with(&self.head) {
            return Ok(false);
        }
        let Some((encoding, bom)) = Encoding::sniff(&self.head, at_end) else {
            return Ok(false);
        };
        // Format and delimiter detection need the whole header line (in the decoded text).
        let text_head: Vec<u8> = match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let mut d = Utf16Decoder::new(encoding == Encoding::Utf16Be);
                let mut out = Vec::new();
                d.decode(tail(&self.head, bom), &mut out);
                out
            }
            _ => tail(&self.head, bom).to_vec(),
        };
        // Lines of only blanks before the header are skipped (as the parsers skip them): they
        // say nothing about the delimiter or the line ends.
        let mut skip = 0;
        for (i, b) in text_head.iter().enumerate() {
            match b {
                b'\n' | b'\r' => skip = i + 1,
                b' ' | b'\t' => {}
                _ => break,
            }
        }
        let rest = tail(&text_head, skip);
        let first_line = header_line(rest);
        let more = !at_end && self.head.len() < SNIFF_LIMIT;
        if more && first_line.is_none_or(|l| l.len() + 1 >= rest.len()) {
            // Wait for the byte after the line end too: CR alone or CRLF.
            return Ok(false);
        }
        self.encoding = encoding;
        if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            self.utf16 = Some(Utf16Decoder::new(encoding == Encoding::Utf16Be));
        }
        let first_byte = text_head.iter().find(|b| !b.is_ascii_whitespace());
        self.format = self.opts.format.unwrap_or(match first_byte {
            Some(b'[') => Format::Json,
            Some(b'{') => Format::Ndjson,
            _ => Format::Csv,
        });
        match self.format {
            Format::Json | Format::Ndjson => {
                self.mode = Mode::Json {
                    split: JsonSplitter::new(
                        self.format == Format::Json,
                        self.opts.max_field_bytes,
                    ),
                    rows: Box::default(),
                };
            }
            _ => {
                let line = first_line.unwrap_or(rest);
                if self.opts.delimiter.is_none() {
                    self.delimiter = detect_delimiter(line);
                }
                let after = rest.get(line.len()..).unwrap_or_default();
                self.cr_only = after.first() == Some(&b'\r') && after.get(1) != Some(&b'\n');
                self.core = ReaderBuilder::new().delimiter(self.delimiter).build();
                self.quotes = QuoteTracker::new(self.delimiter);
            }
        }
        self.head.drain(..bom);
        self.text_start = bom as u64;
        self.stage = Stage::Reading;
        Ok(true)
    }

    fn feed_raw(
        &mut self,
        bytes: &[u8],
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        if let Mode::Xlsx(buf) = &mut self.mode {
            if buf.len() + bytes.len() > self.opts.max_spreadsheet_bytes {
                return Err(Error::LimitExceeded {
                    what: "spreadsheet size (bytes)",
                    limit: self.opts.max_spreadsheet_bytes as u64,
                    row: 0,
                    option: "maxSpreadsheetBytes",
                });
            }
            buf.extend_from_slice(bytes);
            return Ok(());
        }
        match self.utf16.as_mut() {
            Some(dec) => {
                let mut buf = std::mem::take(&mut self.utf8_buf);
                buf.clear();
                dec.decode(bytes, &mut buf);
                // Half a code unit decodes to nothing: that is not the end of the input.
                let r = self.feed_text(&buf, false, sink);
                self.utf8_buf = buf;
                r
            }
            None if bytes.is_empty() => Ok(()),
            None => {
                // NUL bytes in UTF-8 or 8-bit text: a binary file (PDF, image, .xls, UTF-32…),
                // wherever the byte is and however the input is cut into chunks.
                if let Some(i) = memchr::memchr(0, bytes) {
                    // In file order: the text before the NUL is read first, so a problem
                    // found there is the error whatever the chunks.
                    let (before, _) = bytes.split_at(i);
                    self.feed_text(before, false, sink)?;
                    return Err(Error::Encoding {
                        reason: format!("the file is binary, not text, JSON or .xlsx (it contains a NUL byte, at byte {}); export it as CSV, JSON or .xlsx", self.text_bytes + i as u64),
                    });
                }
                self.text_bytes += bytes.len() as u64;
                self.feed_text(bytes, false, sink)
            }
        }
    }

    /// Sends decoded text to the format's parser; with `eof`, tells it the input has ended.
    fn feed_text(
        &mut self,
        input: &[u8],
        eof: bool,
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        let Mode::Json { split, rows } = &mut self.mode else {
            return self.feed_csv(input, eof, sink);
        };
        let rejections = &mut self.rejections;
        let records = &mut self.records;
        let mut count = |rec: Record<'_>| {
            *records += 1;
            sink(rec)
        };
        split.push(input, &mut |e| {
            rows.add(e.line, e.bytes, rejections, &mut count)
        })?;
        if eof {
            split.finish(&mut |e| rows.add(e.line, e.bytes, rejections, &mut count))?;
            rows.release(rejections, &mut count)?;
        }
        Ok(())
    }

    /// Splits `input` into records; with `eof`, tells the parser the input has ended.
    ///
    /// Fast path: at a record start, a complete line without quotes or stray CRs is split on
    /// the delimiter directly (most lines of most files). Anything else — quoted fields, lines
    /// that straddle chunks, CR-only files — goes through csv-core, which keeps its state
    /// across chunks. Both paths count line feeds themselves for row numbers.
    fn feed_csv(
        &mut self,
        mut input: &[u8],
        eof: bool,
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        if input.is_empty() && !eof {
            return Ok(());
        }
        loop {
            if self.core_clean && !self.cr_only {
                match self.fast_line(input)? {
                    Some((0, 0, used)) => {
                        // An empty line (LF or CRLF): skipped like csv-core does.
                        self.lines += 1;
                        self.csv_bytes += used as u64;
                        input = tail(input, used);
                        continue;
                    }
                    Some((_, nfields, used)) => {
                        // Fields end to end without delimiters, as csv-core writes them.
                        let (mut pos, mut from) = (0, 0);
                        for end in self.ends.iter_mut().take(nfields) {
                            let field = input.get(from..*end).unwrap_or_default();
                            if let Some(to) = self.out.get_mut(pos..pos + field.len()) {
                                to.copy_from_slice(field);
                            }
                            pos += field.len();
                            from = *end + 1;
                            *end = pos;
                        }
                        self.outlen = pos;
                        self.endlen = nfields;
                        self.lines += 1;
                        self.csv_bytes += used as u64;
                        self.last_lf = true;
                        input = tail(input, used);
                        self.emit(true, sink)?;
                        continue;
                    }
                    None => {}
                }
            }
            if eof && input.is_empty() {
                if let Some(open) = self.quotes.open() {
                    self.note_unclosed(open);
                    if self.opts.lenient_quotes {
                        return self.reread_quote_as_literal(sink);
                    }
                    self.quotes.continue_unquoted();
                }
            }
            let (res, nin, nout, nend) = self.core.read_record(
                input,
                self.out.get_mut(self.outlen..).unwrap_or_default(),
                self.ends.get_mut(self.endlen..).unwrap_or_default(),
            );
            // csv-core stops at or after a record's terminator (possibly reporting the record
            // on the next call): an LF consumed is already counted.
            if let Some(off) = self.end_offset {
                let new = self.endlen..self.endlen + nend;
                for e in self.ends.get_mut(new).unwrap_or_default() {
                    *e += off;
                }
            }
            let (used, rest) = input.split_at(nin.min(input.len()));
            self.quotes.follow(used, self.lines + 1, self.csv_bytes);
            self.csv_bytes += used.len() as u64;
            if let Some(&last) = used.last() {
                self.last_lf = last == b'\n';
                self.lines += used.iter().filter(|&&b| b == b'\n').count() as u64;
            }
            input = rest;
            self.outlen += nout;
            self.endlen += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if nin > 0 {
                        self.core_clean = false;
                    }
                    if !eof {
                        return Ok(());
                    }
                }
                ReadRecordResult::OutputFull => {
                    self.core_clean = false;
                    let field_start = self.field_start();
                    if self.outlen - field_start > self.opts.max_field_bytes {
                        return Err(self.limit(Limit::FieldBytes));
                    }
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    self.core_clean = false;
                    if self.endlen >= self.opts.max_columns {
                        return Err(self.limit(Limit::Columns));
                    }
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    self.core_clean = true;
                    self.end_offset = None;
                    self.emit(self.last_lf, sink)?;
                }
                ReadRecordResult::End => return Ok(()),
            }
        }
    }

    /// Records a quote never closed (the first one's place, and the count).
    fn note_unclosed(&mut self, open: super::quotes::Opened) {
        let end_line = self.lines + u64::from(!self.last_lf);
        let u = self.unclosed.get_or_insert(Unclosed {
            count: 0,
            line: open.line,
            lines: end_line.saturating_sub(open.line) + 1,
            bytes: self.csv_bytes.saturating_sub(open.byte),
        });
        u.count += 1;
    }

    /// The lenient reading of a quote never closed: the quote is a literal character and the
    /// text after it is read again as ordinary fields and records. csv-core has copied that
    /// text into the current field with doubled quotes made single; doubling them again gives
    /// back the bytes of the file (a lone quote would have closed the field).
    /// Where the field being read starts in `out`: after the last finished field.
    fn field_start(&self) -> usize {
        self.endlen
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .copied()
            .unwrap_or(0)
    }

    fn reread_quote_as_literal(
        &mut self,
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        let field_start = self.field_start();
        let content = self.out.get(field_start..self.outlen).unwrap_or_default();
        let mut raw = Vec::with_capacity(content.len() + 1);
        for &b in content {
            raw.push(b);
            if b == b'"' {
                raw.push(b'"');
            }
        }
        // The text is counted again as it is re-read.
        self.lines -= raw.iter().filter(|&&b| b == b'\n').count() as u64;
        self.csv_bytes = self.csv_bytes.saturating_sub(raw.len() as u64);
        self.outlen = field_start;
        if self.out.len() <= self.outlen {
            let n = (self.outlen + 1).next_power_of_two();
            self.out.resize(n, 0);
        }
        if let Some(b) = self.out.get_mut(self.outlen) {
            *b = b'"';
        }
        self.outlen += 1;
        self.core = ReaderBuilder::new().delimiter(self.delimiter).build();
        self.end_offset = Some(self.outlen);
        self.core_clean = false;
        self.quotes.continue_unquoted();
        self.feed_csv(&raw, true, sink)
    }

    /// A complete simple line at the start of `input`: `(length without terminator, fields,
    /// bytes used)` with each field's end offset in the line in `self.ends`; `(0, 0, used)`
    /// for an empty line;
    /// `None` when the line has a quote or a lone CR, or does not end in this chunk.
    fn fast_line(&mut self, input: &[u8]) -> Result<Option<(usize, usize, usize)>> {
        let d = self.delimiter;
        let mut n = 0usize;
        let mut at = 0usize;
        loop {
            let Some(k) = memchr::memchr3(d, b'\n', b'"', tail(input, at)) else {
                return Ok(None);
            };
            let i = at + k;
            match input.get(i).copied().unwrap_or(b'"') {
                b'\n' => {
                    let len = match i.checked_sub(1) {
                        Some(j) if input.get(j) == Some(&b'\r') => j,
                        _ => i,
                    };
                    // A CR inside the line ends a record for csv-core: let it decide.
                    if memchr::memchr(b'\r', input.get(..len).unwrap_or_default()).is_some() {
                        return Ok(None);
                    }
                    if len == 0 && n == 0 {
                        return Ok(Some((0, 0, i + 1)));
                    }
                    if len > self.opts.max_field_bytes && n == 0 {
                        return Err(self.limit(Limit::FieldBytes));
                    }
                    if self.out.len() < len {
                        self.out.resize(len.next_power_of_two(), 0);
                    }
                    let Some(end) = self.ends.get_mut(n) else {
                        return Ok(None);
                    };
                    *end = len;
                    return Ok(Some((len, n + 1, i + 1)));
                }
                b'"' => return Ok(None),
                _ => {
                    if n + 1 >= self.ends.len() {
                        if n + 1 >= self.opts.max_columns {
                            return Err(self.limit(Limit::Columns));
                        }
                        let len = self.ends.len() * 2;
                        self.ends.resize(len, 0);
                    }
                    let Some(end) = self.ends.get_mut(n) else {
                        return Ok(None);
                    };
                    *end = i;
                    n += 1;
                    at = i + 1;
                }
            }
        }
    }

    fn emit(
        &mut self,
        lf_ended: bool,
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        let (outlen, endlen) = (self.outlen, self.endlen);
        self.outlen = 0;
        self.endlen = 0;
        let ends = self.ends.get(..endlen).unwrap_or_default();
        self.records += 1;
        let bytes = self.out.get(..outlen).unwrap_or_default();
        if !self.cr_only {
            // The line the record starts on: lines before its end, less the line breaks
            // inside its fields. Lines skipped since the previous record were blank.
            let inner = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            let start = self.lines.saturating_sub(inner + u64::from(lf_ended)) + 1;
            self.blank_lines += start.saturating_sub(self.prev_end_line + 1);
            self.prev_end_line = start + inner;
        }
        let row = self.records + self.blank_lines;
        // Limits of a whole record name its own row (its line feed is already counted).
        let over = if endlen > self.opts.max_columns {
            Some(Limit::Columns)
        } else {
            let mut prev = 0;
            ends.iter()
                .any(|&e| {
                    let long = e.saturating_sub(prev) > self.opts.max_field_bytes;
                    prev = e;
                    long
                })
                .then_some(Limit::FieldBytes)
        };
        if let Some(which) = over {
            let mut e = self.limit(which);
            if let Error::LimitExceeded { row: r, .. } = &mut e {
                *r = row;
            }
            return Err(e);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => sink(Record { row, text, ends }),
            Err(_) => {
                // Not UTF-8: read this record as Windows-1252 (each byte is one character).
                self.cp1252_records += 1;
                self.alt.clear();
                self.alt_ends.clear();
                let mut start = 0;
                for &e in ends {
                    decode_cp1252(bytes.get(start..e).unwrap_or_default(), &mut self.alt);
                    self.alt_ends.push(self.alt.len());
                    start = e;
                }
                sink(Record {
                    row,
                    text: &self.alt,
                    ends: &self.alt_ends,
                })
            }
        }
    }

    /// Reads the chosen worksheet of a whole .xlsx file.
    fn read_xlsx(
        &mut self,
        bytes: Vec<u8>,
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let mut count = |rec: Record<'_>| {
            self.records += 1;
            sink(rec)
        };
        super::xlsx::read_sheet(
            bytes,
            self.opts.sheet.as_deref(),
            super::xlsx::SheetLimits {
                max_columns: self.opts.max_columns,
                max_part_bytes: self.opts.max_spreadsheet_bytes,
                max_field_bytes: self.opts.max_field_bytes,
            },
            &mut self.rejections,
            &mut count,
        )
    }
}

/// The bytes after the first `n` (empty past the end).
fn tail(b: &[u8], n: usize) -> &[u8] {
    b.get(n..).unwrap_or_default()
}

/// The first line of `text`, ending at the first newline outside quotes; `None` if not complete.
fn header_line(text: &[u8]) -> Option<&[u8]> {
    let mut in_quotes = false;
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => return text.get(..i),
            _ => {}
        }
    }
    None
}

/// The candidate delimiter that occurs most often outside quotes in the header line.
fn detect_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    for &b in line {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            if let Some((_, n)) = DELIMITERS.iter().zip(&mut counts).find(|(d, _)| **d == b) {
                *n += 1;
            }
        }
    }
    // The first of the most frequent (candidates are in order of preference).
    let mut best = (b',', 0);
    for (&d, &n) in DELIMITERS.iter().zip(&counts) {
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn read_all(chunks: &[&[u8]], opts: ReaderOptions) -> Result<Vec<Vec<String>>> {
        let mut r = ChunkReader::new(opts);
        let mut rows = Vec::new();
        let mut sink = |rec: Record<'_>| {
            rows.push(rec.iter().map(str::to_string).collect::<Vec<_>>());
            Ok(())
        };
        for c in chunks {
            r.push(c, &mut sink)?;
        }
        r.finish(&mut sink)?;
        Ok(rows)
    }

    #[test]
    fn quoting_and_line_ends() {
        let input = b"a,b\r\n\"x, \"\"y\"\"\",\"multi\nline\"\r\n\nlast,row";
        let rows = read_all(&[input], ReaderOptions::default()).unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["a", "b"],
                vec!["x, \"y\"", "multi\nline"],
                vec!["last", "row"]
            ]
        );
    }

    #[test]
    fn detects_delimiters() {
        for (text, want) in [
            (&b"a;b;c\n1;2;3\n"[..], b';'),
            (b"a\tb\n1\t2\n", b'\t'),
            (b"a|b\n", b'|'),
            (b"\"a;x\",b,c\n", b','),
        ] {
            let mut r = ChunkReader::new(ReaderOptions::default());
            r.push(text, &mut |_| Ok(())).unwrap();
            r.finish(&mut |_| Ok(())).unwrap();
            assert_eq!(r.delimiter(), want, "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn latin1_records_fall_back_to_cp1252() {
        let mut r = ChunkReader::new(ReaderOptions::default());
        let mut got = Vec::new();
        let mut sink = |rec: Record<'_>| {
            got.push(rec.get(0).unwrap().to_string());
            Ok(())
        };
        r.push(b"name\ncaf\xE9\n", &mut sink).unwrap();
        r.finish(&mut sink).unwrap();
        assert_eq!(got, vec!["name", "café"]);
        assert_eq!(r.cp1252_records, 1);
    }

    #[test]
    fn limits_are_errors() {
        let opts = ReaderOptions {
            max_field_bytes: 10,
            ..Default::default()
        };
        let err = read_all(&[b"a\n0123456789abc\n"], opts).unwrap_err();
        assert_eq!(err.code(), "LIMIT_EXCEEDED");
        let opts = ReaderOptions {
            max_columns: 3,
            ..Default::default()
        };
        let err = read_all(&[b"a,b,c,d\n"], opts).unwrap_err();
        assert_eq!(err.code(), "LIMIT_EXCEEDED");
    }
}

/// The fast line path must split exactly as csv-core does, whatever the text.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fast_path_agrees_with_csv_core {
    use super::*;
    use proptest::prelude::*;

    fn csv_core_only(input: &[u8]) -> Vec<Vec<String>> {
        let mut core = ReaderBuilder::new().delimiter(b',').build();
        let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 1024]);
        let mut rows = Vec::new();
        let mut inp = input;
        let (mut outlen, mut endlen) = (0, 0);
        loop {
            let (res, nin, nout, nend) =
                core.read_record(inp, &mut out[outlen..], &mut ends[endlen..]);
            inp = &inp[nin..];
            outlen += nout;
            endlen += nend;
            match res {
                ReadRecordResult::Record => {
                    let mut start = 0;
                    let n = std::mem::take(&mut endlen);
                    outlen = 0;
                    rows.push(
                        ends[..n]
                            .iter()
                            .map(|&e| {
                                let f = String::from_utf8_lossy(&out[start..e]).into_owned();
                                start = e;
                                f
                            })
                            .collect(),
                    );
                }
                ReadRecordResult::End => return rows,
                _ => {}
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
        #[test]
        fn same_records(body in "[ab,\"\r\n]{0,120}", cut in 0usize..130) {
            let text = format!("h1,h2\n{body}");
            let bytes = text.as_bytes();
            let cut = cut.min(bytes.len());
            let opts = ReaderOptions { delimiter: Some(b','), ..Default::default() };
            let mut r = ChunkReader::new(opts);
            let mut got = Vec::new();
            let mut sink = |rec: Record<'_>| {
                got.push(rec.iter().map(str::to_string).collect::<Vec<_>>());
                Ok(())
            };
            r.push(&bytes[..cut], &mut sink).unwrap();
            r.push(&bytes[cut..], &mut sink).unwrap();
            r.finish(&mut sink).unwrap();
            prop_assert_eq!(got, csv_core_only(bytes));
        }
    }
}
