//! JSON input: an array of flat objects (`[{…},{…}]`) or newline-delimited JSON (one object per
//! line), read in chunks of any size.
//!
//! A small scanner finds where each top-level element ends (tracking strings, escapes and
//! nesting), so only one element is buffered at a time; each element is then parsed by
//! serde_json into its fields in file order. The first [`HEADER_SAMPLE`] objects are held back so
//! that the header is the union of their keys (NDJSON exporters often omit null fields).

use crate::vocab::RejectionCode;
use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::error::{Error, Fate, Rejections, ValueExample};

/// Objects whose keys make up the header.
pub const HEADER_SAMPLE: usize = 1000;

/// One field value of a flat object, as text a column parser reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Null or missing.
    Null,
    /// An object or array: not a column value.
    Nested,
}

/// A parsed object: its keys and cells in file order.
#[derive(Debug, Default)]
pub struct FlatObject(pub Vec<(String, Cell)>);

impl<'de> serde::Deserialize<'de> for FlatObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = FlatObject;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<FlatObject, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let cell: CellDe = map.next_value()?;
            out.push((key, cell.0));
        }
        Ok(FlatObject(out))
    }
}

struct CellDe(Cell);

impl<'de> serde::Deserialize<'de> for CellDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = CellDe;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Text(v.to_string())))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Text(v.to_string())))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Text(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Text(v.to_string())))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Text(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Text(v)))
    }
    fn visit_unit<E>(self) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Null))
    }
    fn visit_none<E>(self) -> std::result::Result<CellDe, E> {
        Ok(CellDe(Cell::Null))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<CellDe, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(CellDe(Cell::Nested))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<CellDe, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(CellDe(Cell::Nested))
    }
}

/// Where the scanner is, between or inside top-level elements.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scan {
    /// Before the first non-blank byte.
    Start,
    /// Between elements.
    Between,
    /// Inside an object/array element, at this nesting depth.
    Nested(u32),
    /// Inside a top-level string element.
    Str,
    /// Inside a bare scalar element (number, true, null…).
    Scalar,
    /// After the closing `]` of an array document.
    Done,
}

/// Splits a JSON array or NDJSON byte stream into top-level elements.
pub struct JsonSplitter {
    array: bool,
    scan: Scan,
    in_string: bool,
    escape: bool,
    buf: Vec<u8>,
    /// 1-based line of the byte being scanned.
    line: u64,
    start_line: u64,
    max_bytes: usize,
}

/// One complete top-level element and the line it starts on.
pub struct Element<'a> {
    pub line: u64,
    pub bytes: &'a [u8],
}

impl JsonSplitter {
    /// `array`: the document is `[ … ]` (else NDJSON / concatenated values).
    pub fn new(array: bool, max_bytes: usize) -> Self {
        JsonSplitter {
            array,
            scan: Scan::Start,
            in_string: false,
            escape: false,
            buf: Vec::new(),
            line: 1,
            start_line: 1,
            max_bytes,
        }
    }

    /// An NDJSON splitter for a range that starts at the beginning of line `line` (1-based).
    pub fn ndjson_from_line(max_bytes: usize, line: u64) -> Self {
        JsonSplitter {
            line,
            start_line: line,
            ..JsonSplitter::new(false, max_bytes)
        }
    }

    /// Scans `input`, calling `sink` with every element completed in it.
    pub fn push(
        &mut self,
        input: &[u8],
        sink: &mut dyn FnMut(Element<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        for &b in input {
            self.step(b, sink)?;
            if b == b'\n' {
                self.line += 1;
            }
        }
        Ok(())
    }

    /// Ends the input: a trailing bare scalar is complete; an unterminated element is an error.
    pub fn finish(
        &mut self,
        sink: &mut dyn FnMut(Element<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        match self.scan {
            Scan::Scalar => self.emit(sink),
            // A truncated array is not a document: the element and the `]` are missing.
            Scan::Nested(_) | Scan::Str if self.array => Err(Error::Unreadable {
                reason: format!(
                    "the JSON array ends inside the element that starts at line {} (the file may be truncated)",
                    self.start_line
                ),
            }),
            // The last NDJSON line: the parser says what is wrong with it.
            Scan::Nested(_) | Scan::Str => self.emit(sink),
            Scan::Start | Scan::Between if self.array => Err(Error::Unreadable {
                reason: "the JSON array is not closed with `]` (the file may be truncated)"
                    .to_string(),
            }),
            _ => Ok(()),
        }
    }

    fn emit(
        &mut self,
        sink: &mut dyn FnMut(Element<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let r = sink(Element {
            line: self.start_line,
            bytes: &self.buf,
        });
        self.buf.clear();
        self.scan = Scan::Between;
        r
    }

    fn begin(&mut self, b: u8) {
        self.start_line = self.line;
        self.buf.push(b);
        self.in_string = false;
        self.escape = false;
    }

    fn step(
        &mut self,
        b: u8,
        sink: &mut dyn FnMut(Element<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let ws = matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        match self.scan {
            Scan::Start => {
                if ws {
                    return Ok(());
                }
                self.scan = Scan::Between;
                if self.array {
                    // The opening bracket of the document.
                    return Ok(());
                }
                self.step(b, sink)
            }
            Scan::Between => {
                if ws || b == b',' {
                    return Ok(());
                }
                if self.array && b == b']' {
                    self.scan = Scan::Done;
                    return Ok(());
                }
                self.begin(b);
                self.scan = match b {
                    b'{' | b'[' => Scan::Nested(1),
                    b'"' => Scan::Str,
                    _ => Scan::Scalar,
                };
                Ok(())
            }
            // NDJSON: a line break ends the record whatever is open (a raw line break cannot
            // be inside a JSON string), so a broken line loses only itself.
            Scan::Nested(_) | Scan::Str if !self.array && b == b'\n' => self.emit(sink),
            Scan::Nested(depth) => {
                self.push_byte(b)?;
                if self.in_string {
                    if self.escape {
                        self.escape = false;
                    } else if b == b'\\' {
                        self.escape = true;
                    } else if b == b'"' {
                        self.in_string = false;
                    }
                    return Ok(());
                }
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.scan = Scan::Nested(depth + 1),
                    b'}' | b']' if depth == 1 => return self.emit(sink),
                    b'}' | b']' => self.scan = Scan::Nested(depth - 1),
                    _ => {}
                }
                Ok(())
            }
            Scan::Str => {
                self.push_byte(b)?;
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    return self.emit(sink);
                }
                Ok(())
            }
            Scan::Scalar => {
                if ws || b == b',' || (self.array && b == b']') {
                    self.emit(sink)?;
                    return self.step(b, sink);
                }
                self.push_byte(b)
            }
            Scan::Done => {
                if ws {
                    Ok(())
                } else {
                    Err(Error::Unreadable {
                        reason: format!(
                            "unexpected content after the closing `]` of the JSON array at line {}",
                            self.line
                        ),
                    })
                }
            }
        }
    }

    fn push_byte(&mut self, b: u8) -> crate::Result<()> {
        if self.buf.len() >= self.max_bytes {
            return Err(Error::LimitExceeded {
                what: "JSON element size (bytes)",
                limit: self.max_bytes as u64,
                row: self.start_line,
                option: "maxFieldBytes",
            });
        }
        self.buf.push(b);
        Ok(())
    }
}

/// Parses one element into a flat object; `Err(reason)` for invalid JSON or a non-object.
pub fn parse_element(bytes: &[u8]) -> std::result::Result<FlatObject, String> {
    match bytes.first() {
        Some(b'{') => serde_json::from_slice::<FlatObject>(bytes).map_err(|e| {
            let mut msg = e.to_string();
            // serde_json counts lines within the element; the row already says where it starts.
            if let Some(i) = msg.find(" at line ") {
                msg.truncate(i);
            }
            format!("invalid JSON: {msg}")
        }),
        _ => Err("not a JSON object (each element must be an object of column: value)".to_string()),
    }
}

/// Turns flat objects into rows under one header: the union of the keys of the first
/// [`HEADER_SAMPLE`] objects, in order of first appearance.
#[derive(Default)]
pub struct ObjectRows {
    pub header: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    held: Vec<(u64, FlatObject)>,
    header_done: bool,
    /// Elements rejected whole (invalid JSON, not an object): rows read but not kept.
    pub rows_rejected: u64,
    text: String,
    ends: Vec<usize>,
}

impl ObjectRows {
    /// Rows under a header already settled (by the first range of a file read in ranges):
    /// nothing is held and no header record is emitted.
    pub fn with_header(header: &[String]) -> Self {
        ObjectRows {
            header: header.to_vec(),
            index: header
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect(),
            header_done: true,
            ..ObjectRows::default()
        }
    }

    /// The header once settled: the sample is full (or the input ended).
    pub fn settled_header(&self) -> Option<&[String]> {
        self.header_done.then_some(self.header.as_slice())
    }

    /// Adds one element. Emits the header and held rows once the sample is full.
    pub fn add(
        &mut self,
        line: u64,
        bytes: &[u8],
        rejections: &mut Rejections,
        sink: &mut dyn FnMut(super::Record<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let obj = match parse_element(bytes) {
            Ok(o) => o,
            Err(reason) => {
                self.rows_rejected += 1;
                rejections.add(
                    RejectionCode::InvalidJson,
                    Fate::RowSkipped,
                    ValueExample {
                        row: line,
                        column: String::new(),
                        value: super::truncate(&String::from_utf8_lossy(bytes), 120),
                        reason,
                    },
                );
                return Ok(());
            }
        };
        if self.header_done {
            return self.emit(line, obj, rejections, sink);
        }
        for (k, _) in &obj.0 {
            if !self.index.contains_key(k) {
                self.index.insert(k.clone(), self.header.len());
                self.header.push(k.clone());
            }
        }
        self.held.push((line, obj));
        if self.held.len() >= HEADER_SAMPLE {
            self.release(rejections, sink)?;
        }
        Ok(())
    }

    /// Emits the header and the held rows (at the sample's end or the input's).
    pub fn release(
        &mut self,
        rejections: &mut Rejections,
        sink: &mut dyn FnMut(super::Record<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        if self.header_done {
            return Ok(());
        }
        self.header_done = true;
        if self.header.is_empty() && self.held.is_empty() {
            return Ok(());
        }
        self.text.clear();
        self.ends.clear();
        for h in &self.header {
            self.text.push_str(h);
            self.ends.push(self.text.len());
        }
        sink(super::Record::from_parts(0, &self.text, &self.ends))?;
        for (line, obj) in std::mem::take(&mut self.held) {
            self.emit(line, obj, rejections, sink)?;
        }
        Ok(())
    }

    fn emit(
        &mut self,
        line: u64,
        obj: FlatObject,
        rejections: &mut Rejections,
        sink: &mut dyn FnMut(super::Record<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let mut cells: Vec<Option<String>> = vec![None; self.header.len()];
        for (key, cell) in obj.0 {
            let Some(&i) = self.index.get(&key) else {
                // One group for every key not in the header (the example names the key):
                // a file whose objects each bring a new key gets one entry, not one per key.
                rejections.add_group_of(
                    RejectionCode::UnknownKey,
                    "",
                    Fate::ValueIgnored,
                    ValueExample {
                        row: line,
                        column: key,
                        value: match cell {
                            Cell::Text(t) => super::truncate(&t, 120),
                            _ => String::new(),
                        },
                        reason: format!(
                            "the key is not among those of the first {HEADER_SAMPLE} objects, which make the columns"
                        ),
                    },
                );
                continue;
            };
            match cell {
                Cell::Text(t) => {
                    if let Some(c) = cells.get_mut(i) {
                        *c = Some(t);
                    }
                }
                Cell::Null => {}
                Cell::Nested => rejections.add(
                    RejectionCode::NestedValue,
                    Fate::ValueIgnored,
                    ValueExample {
                        row: line,
                        column: key,
                        value: String::new(),
                        reason: "an object or array is not a column value; read as blank (flatten it before export)".to_string(),
                    },
                ),
            }
        }
        self.text.clear();
        self.ends.clear();
        for c in &cells {
            if let Some(t) = c {
                self.text.push_str(t);
            }
            self.ends.push(self.text.len());
        }
        sink(super::Record::from_parts(line, &self.text, &self.ends))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(array: bool, chunks: &[&[u8]]) -> Vec<(u64, String)> {
        let mut s = JsonSplitter::new(array, 1 << 20);
        let mut out = Vec::new();
        let mut sink = |e: Element<'_>| {
            out.push((e.line, String::from_utf8(e.bytes.to_vec()).unwrap()));
            Ok(())
        };
        for c in chunks {
            s.push(c, &mut sink).unwrap();
        }
        s.finish(&mut sink).unwrap();
        out
    }

    #[test]
    fn splits_arrays_and_lines() {
        let doc = b"[\n {\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": 2}]},\n {\"a\": 3}\n]\n";
        let want = vec![
            (
                2,
                "{\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": 2}]}".to_string(),
            ),
            (3, "{\"a\": 3}".to_string()),
        ];
        assert_eq!(split(true, &[doc]), want);
        let bytes: Vec<&[u8]> = doc.chunks(1).collect();
        assert_eq!(split(true, &bytes), want);
        let nd = b"{\"a\":1}\n\n{\"a\":2}\r\n7\n";
        assert_eq!(
            split(false, &[nd]),
            vec![
                (1, "{\"a\":1}".to_string()),
                (3, "{\"a\":2}".to_string()),
                (4, "7".to_string())
            ]
        );
    }

    #[test]
    fn flat_objects_keep_key_order_and_mark_nested() {
        let o = parse_element(br#"{"z": 1.5, "a": null, "n": {"x": 1}, "t": true, "s": "hi"}"#)
            .unwrap();
        assert_eq!(
            o.0,
            vec![
                ("z".to_string(), Cell::Text("1.5".into())),
                ("a".to_string(), Cell::Null),
                ("n".to_string(), Cell::Nested),
                ("t".to_string(), Cell::Text("true".into())),
                ("s".to_string(), Cell::Text("hi".into())),
            ]
        );
        assert!(parse_element(b"[1,2]").is_err());
        assert!(parse_element(b"{\"a\": }")
            .unwrap_err()
            .starts_with("invalid JSON"));
    }
}
