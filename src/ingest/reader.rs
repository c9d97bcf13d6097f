//! Chunked delimited-text reader: bytes in any slices → records of UTF-8 fields.
//!
//! Feeds csv-core (a push parser that keeps its state between slices), so records, quotes and
//! multi-byte characters may straddle chunk borders. Memory is bounded by the longest record.

use csv_core::{ReadRecordResult, Reader as CoreReader, ReaderBuilder};

use super::decode::{decode_cp1252, Encoding, Utf16Decoder};
use crate::error::{Error, Result};

/// Reader settings and safety limits.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Longest field accepted, in bytes.
    pub max_field_bytes: usize,
    /// Most fields accepted in one record.
    pub max_columns: usize,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            delimiter: None,
            max_field_bytes: 16 << 20,
            max_columns: 10_000,
        }
    }
}

/// One record, with its fields as UTF-8 text.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// Record number: the header is 1, the first data record 2 (a spreadsheet's row number
    /// when no field contains a line break).
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
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
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
    /// Collecting the first bytes: encoding and delimiter are not known yet.
    Sniffing,
    Reading,
}

pub struct ChunkReader {
    opts: ReaderOptions,
    stage: Stage,
    head: Vec<u8>,
    encoding: Encoding,
    utf16: Option<Utf16Decoder>,
    utf8_buf: Vec<u8>,
    core: CoreReader,
    delimiter: u8,
    out: Vec<u8>,
    ends: Vec<usize>,
    outlen: usize,
    endlen: usize,
    alt: String,
    alt_ends: Vec<usize>,
    records: u64,
    bytes_in: u64,
    /// Records whose bytes were not valid UTF-8 and were read as Windows-1252.
    pub cp1252_records: u64,
}

impl ChunkReader {
    pub fn new(opts: ReaderOptions) -> Self {
        ChunkReader {
            delimiter: opts.delimiter.unwrap_or(b','),
            opts,
            stage: Stage::Sniffing,
            head: Vec::new(),
            encoding: Encoding::Utf8,
            utf16: None,
            utf8_buf: Vec::new(),
            core: CoreReader::new(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            outlen: 0,
            endlen: 0,
            alt: String::new(),
            alt_ends: Vec::new(),
            records: 0,
            bytes_in: 0,
            cp1252_records: 0,
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    pub fn bytes_in(&self) -> u64 {
        self.bytes_in
    }

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
            row: self.records + 1,
            option,
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
        if let Some(dec) = self.utf16.as_mut() {
            let mut buf = std::mem::take(&mut self.utf8_buf);
            buf.clear();
            dec.finish(&mut buf);
            self.feed_utf8(&buf, false, sink)?;
            self.utf8_buf = buf;
        }
        self.feed_utf8(&[], true, sink)
    }

    /// Decides encoding and delimiter once enough of the head is known. Returns true when started.
    fn try_start(&mut self, at_end: bool) -> Result<bool> {
        let Some((encoding, bom)) = Encoding::sniff(&self.head, at_end) else {
            return Ok(false);
        };
        // Delimiter detection needs the whole header line (in the decoded text).
        let text_head: Vec<u8> = match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let mut d = Utf16Decoder::new(encoding == Encoding::Utf16Be);
                let mut out = Vec::new();
                d.decode(&self.head[bom..], &mut out);
                out
            }
            _ => self.head[bom..].to_vec(),
        };
        let first_line = header_line(&text_head);
        if first_line.is_none() && !at_end && self.head.len() < SNIFF_LIMIT {
            return Ok(false);
        }
        self.encoding = encoding;
        if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            self.utf16 = Some(Utf16Decoder::new(encoding == Encoding::Utf16Be));
        }
        if self.opts.delimiter.is_none() {
            self.delimiter = detect_delimiter(first_line.unwrap_or(&text_head));
        }
        self.core = ReaderBuilder::new().delimiter(self.delimiter).build();
        self.head.drain(..bom);
        self.stage = Stage::Reading;
        Ok(true)
    }

    fn feed_raw(
        &mut self,
        bytes: &[u8],
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        match self.utf16.as_mut() {
            Some(dec) => {
                let mut buf = std::mem::take(&mut self.utf8_buf);
                buf.clear();
                dec.decode(bytes, &mut buf);
                // Half a code unit decodes to nothing: that is not the end of the input.
                let r = self.feed_utf8(&buf, false, sink);
                self.utf8_buf = buf;
                r
            }
            None if bytes.is_empty() => Ok(()),
            None => self.feed_utf8(bytes, false, sink),
        }
    }

    /// Runs csv-core over `input`; with `eof`, tells it the input has ended.
    fn feed_utf8(
        &mut self,
        mut input: &[u8],
        eof: bool,
        sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
    ) -> Result<()> {
        if input.is_empty() && !eof {
            return Ok(());
        }
        loop {
            let (res, nin, nout, nend) = self.core.read_record(
                input,
                &mut self.out[self.outlen..],
                &mut self.ends[self.endlen..],
            );
            input = &input[nin..];
            self.outlen += nout;
            self.endlen += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if !eof {
                        return Ok(());
                    }
                }
                ReadRecordResult::OutputFull => {
                    let field_start = if self.endlen == 0 {
                        0
                    } else {
                        self.ends[self.endlen - 1]
                    };
                    if self.outlen - field_start > self.opts.max_field_bytes {
                        return Err(self.limit(Limit::FieldBytes));
                    }
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    if self.endlen >= self.opts.max_columns {
                        return Err(self.limit(Limit::Columns));
                    }
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    self.emit(sink)?;
                }
                ReadRecordResult::End => return Ok(()),
            }
        }
    }

    fn emit(&mut self, sink: &mut dyn FnMut(Record<'_>) -> Result<()>) -> Result<()> {
        let (outlen, endlen) = (self.outlen, self.endlen);
        self.outlen = 0;
        self.endlen = 0;
        if endlen > self.opts.max_columns {
            return Err(self.limit(Limit::Columns));
        }
        let mut prev = 0;
        for &e in &self.ends[..endlen] {
            if e - prev > self.opts.max_field_bytes {
                return Err(self.limit(Limit::FieldBytes));
            }
            prev = e;
        }
        self.records += 1;
        let row = self.records;
        let bytes = &self.out[..outlen];
        match std::str::from_utf8(bytes) {
            Ok(text) => sink(Record {
                row,
                text,
                ends: &self.ends[..endlen],
            }),
            Err(_) => {
                // Not UTF-8: read this record as Windows-1252 (each byte is one character).
                self.cp1252_records += 1;
                self.alt.clear();
                self.alt_ends.clear();
                let mut start = 0;
                for &e in &self.ends[..endlen] {
                    decode_cp1252(&bytes[start..e], &mut self.alt);
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
}

/// The first line of `text`, ending at the first newline outside quotes; `None` if not complete.
fn header_line(text: &[u8]) -> Option<&[u8]> {
    let mut in_quotes = false;
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => return Some(&text[..i]),
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
            if let Some(i) = DELIMITERS.iter().position(|d| *d == b) {
                counts[i] += 1;
            }
        }
    }
    let mut best = 0;
    for i in 1..DELIMITERS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
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
