//! Byte-level decoding: byte-order marks, UTF-16 → UTF-8 transcoding across chunk borders, and
//! the Windows-1252 fallback for records that are not valid UTF-8.

use serde::Serialize;

/// The encoding the input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// Detects the encoding from the first bytes (up to 4). `None` when more bytes are needed.
    pub fn sniff(head: &[u8], at_end: bool) -> Option<(Encoding, usize)> {
        const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
        if head.starts_with(UTF8_BOM) {
            return Some((Encoding::Utf8Bom, 3));
        }
        if head.starts_with(&[0xFF, 0xFE]) {
            return Some((Encoding::Utf16Le, 2));
        }
        if head.starts_with(&[0xFE, 0xFF]) {
            return Some((Encoding::Utf16Be, 2));
        }
        if head.len() < 4 && !at_end && UTF8_BOM.starts_with(head) {
            return None; // could still become a BOM
        }
        if head.len() < 2 && !at_end && head.first().is_some_and(|b| *b == 0xFF || *b == 0xFE) {
            return None;
        }
        // UTF-16 without a BOM: ASCII text leaves every other byte zero.
        if let [a, b, c, d, ..] = *head {
            if b == 0 && d == 0 && a != 0 && c != 0 {
                return Some((Encoding::Utf16Le, 0));
            }
            if a == 0 && c == 0 && b != 0 && d != 0 {
                return Some((Encoding::Utf16Be, 0));
            }
        } else if !at_end {
            return None;
        }
        Some((Encoding::Utf8, 0))
    }
}

/// Incremental UTF-16 → UTF-8 transcoder; code units and surrogate pairs may straddle chunks.
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    big_endian: bool,
    odd: Option<u8>,
    high: Option<u16>,
    /// Unpaired surrogates and a dangling odd byte, replaced by U+FFFD.
    pub replaced: u64,
}

impl Utf16Decoder {
    pub fn new(big_endian: bool) -> Self {
        Utf16Decoder {
            big_endian,
            odd: None,
            high: None,
            replaced: 0,
        }
    }

    pub fn decode(&mut self, mut bytes: &[u8], out: &mut Vec<u8>) {
        out.reserve(bytes.len() / 2 * 3);
        if let Some(first) = self.odd.take() {
            match bytes.split_first() {
                Some((&second, rest)) => {
                    self.unit(self.join(first, second), out);
                    bytes = rest;
                }
                None => {
                    self.odd = Some(first);
                    return;
                }
            }
        }
        let mut pairs = bytes.chunks_exact(2);
        for p in &mut pairs {
            if let [a, b] = *p {
                let u = self.join(a, b);
                self.unit(u, out);
            }
        }
        if let [b] = pairs.remainder() {
            self.odd = Some(*b);
        }
    }

    /// Flushes a dangling half code unit or high surrogate at end of input.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.odd.take().is_some() || self.high.take().is_some() {
            self.replaced += 1;
            push_char(out, char::REPLACEMENT_CHARACTER);
        }
    }

    fn join(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }

    fn unit(&mut self, u: u16, out: &mut Vec<u8>) {
        if let Some(h) = self.high.take() {
            if (0xDC00..0xE000).contains(&u) {
                let c = 0x10000 + (((h as u32) - 0xD800) << 10) + (u as u32 - 0xDC00);
                push_char(
                    out,
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                );
                return;
            }
            self.replaced += 1;
            push_char(out, char::REPLACEMENT_CHARACTER);
        }
        match u {
            0xD800..=0xDBFF => self.high = Some(u),
            0xDC00..=0xDFFF => {
                self.replaced += 1;
                push_char(out, char::REPLACEMENT_CHARACTER);
            }
            _ => push_char(
                out,
                char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER),
            ),
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// Windows-1252 code points for bytes 0x80–0x9F (the rest of the byte range is Latin-1).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// Decodes Windows-1252 bytes, appending to `out`.
pub fn decode_cp1252(bytes: &[u8], out: &mut String) {
    for &b in bytes {
        let c = match b {
            0x80..=0x9F => CP1252_HIGH
                .get(usize::from(b - 0x80))
                .map_or(0xFFFD, |&c| u32::from(c)),
            _ => b as u32,
        };
        out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_boms() {
        assert_eq!(
            Encoding::sniff(b"\xEF\xBB\xBFa,b", false),
            Some((Encoding::Utf8Bom, 3))
        );
        assert_eq!(
            Encoding::sniff(b"\xFF\xFEa\0", false),
            Some((Encoding::Utf16Le, 2))
        );
        assert_eq!(
            Encoding::sniff(b"\xFE\xFF\0a", false),
            Some((Encoding::Utf16Be, 2))
        );
        assert_eq!(Encoding::sniff(b"\xEF\xBB", false), None);
        assert_eq!(Encoding::sniff(b"a,", true), Some((Encoding::Utf8, 0)));
        assert_eq!(
            Encoding::sniff(b"a\0,\0", false),
            Some((Encoding::Utf16Le, 0))
        );
    }

    #[test]
    fn utf16_across_every_split() {
        let text = "naïve,😀\r\nx";
        let mut le: Vec<u8> = Vec::new();
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        for split in 0..=le.len() {
            let mut d = Utf16Decoder::new(false);
            let mut out = Vec::new();
            d.decode(&le[..split], &mut out);
            d.decode(&le[split..], &mut out);
            d.finish(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), text, "split at {split}");
            assert_eq!(d.replaced, 0);
        }
    }

    #[test]
    fn lone_surrogate_is_replaced() {
        let mut d = Utf16Decoder::new(true);
        let mut out = Vec::new();
        d.decode(&[0xD8, 0x00, 0x00, 0x41], &mut out);
        d.finish(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "\u{FFFD}A");
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn cp1252() {
        let mut s = String::new();
        decode_cp1252(b"caf\xE9 \x80 \x93ok\x94", &mut s);
        assert_eq!(s, "café € “ok”");
    }
}
