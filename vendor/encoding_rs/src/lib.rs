//! A stand-in for [encoding_rs](https://crates.io/crates/encoding_rs), patched in by the
//! workspace (`[patch.crates-io]`): the engine reads .xlsx workbooks, whose XML parts are UTF-8
//! or UTF-16 (ECMA-376 allows no other), and whose encryption check decodes UTF-16LE directory
//! names. The real crate links the tables of every legacy decoder (Big5, GB18030, Shift_JIS…)
//! into the .wasm, about a tenth of it, for code the engine never runs (.xls code pages, XML
//! declared in a legacy encoding). Here UTF-8 and UTF-16 decode exactly; every other encoding
//! exists by name only and fails to decode without replacement (so an .xlsx part declared in
//! one is an error, not garbled text) and decodes to U+FFFD with replacement. The engine's own
//! Windows-1252 fallback for CSV is in `src/ingest/decode.rs` and does not use this crate.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Utf8,
    Utf16Le,
    Utf16Be,
    Unsupported,
}

/// An encoding, compared by identity of its static.
#[derive(PartialEq, Eq, Hash)]
pub struct Encoding {
    name: &'static str,
    kind: Kind,
}

impl std::fmt::Debug for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoding {{ {} }}", self.name)
    }
}

/// The outcome of a [`Decoder`] call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecoderResult {
    InputEmpty,
    OutputFull,
    Malformed(u8, u8),
}

pub static BIG5_INIT: Encoding = Encoding { name: "Big5", kind: Kind::Unsupported };
pub static BIG5: &Encoding = &BIG5_INIT;
pub static EUC_JP_INIT: Encoding = Encoding { name: "EUC-JP", kind: Kind::Unsupported };
pub static EUC_JP: &Encoding = &EUC_JP_INIT;
pub static EUC_KR_INIT: Encoding = Encoding { name: "EUC-KR", kind: Kind::Unsupported };
pub static EUC_KR: &Encoding = &EUC_KR_INIT;
pub static GB18030_INIT: Encoding = Encoding { name: "gb18030", kind: Kind::Unsupported };
pub static GB18030: &Encoding = &GB18030_INIT;
pub static GBK_INIT: Encoding = Encoding { name: "GBK", kind: Kind::Unsupported };
pub static GBK: &Encoding = &GBK_INIT;
pub static IBM866_INIT: Encoding = Encoding { name: "IBM866", kind: Kind::Unsupported };
pub static IBM866: &Encoding = &IBM866_INIT;
pub static ISO_2022_JP_INIT: Encoding = Encoding { name: "ISO-2022-JP", kind: Kind::Unsupported };
pub static ISO_2022_JP: &Encoding = &ISO_2022_JP_INIT;
pub static ISO_8859_10_INIT: Encoding = Encoding { name: "ISO-8859-10", kind: Kind::Unsupported };
pub static ISO_8859_10: &Encoding = &ISO_8859_10_INIT;
pub static ISO_8859_13_INIT: Encoding = Encoding { name: "ISO-8859-13", kind: Kind::Unsupported };
pub static ISO_8859_13: &Encoding = &ISO_8859_13_INIT;
pub static ISO_8859_14_INIT: Encoding = Encoding { name: "ISO-8859-14", kind: Kind::Unsupported };
pub static ISO_8859_14: &Encoding = &ISO_8859_14_INIT;
pub static ISO_8859_15_INIT: Encoding = Encoding { name: "ISO-8859-15", kind: Kind::Unsupported };
pub static ISO_8859_15: &Encoding = &ISO_8859_15_INIT;
pub static ISO_8859_16_INIT: Encoding = Encoding { name: "ISO-8859-16", kind: Kind::Unsupported };
pub static ISO_8859_16: &Encoding = &ISO_8859_16_INIT;
pub static ISO_8859_2_INIT: Encoding = Encoding { name: "ISO-8859-2", kind: Kind::Unsupported };
pub static ISO_8859_2: &Encoding = &ISO_8859_2_INIT;
pub static ISO_8859_3_INIT: Encoding = Encoding { name: "ISO-8859-3", kind: Kind::Unsupported };
pub static ISO_8859_3: &Encoding = &ISO_8859_3_INIT;
pub static ISO_8859_4_INIT: Encoding = Encoding { name: "ISO-8859-4", kind: Kind::Unsupported };
pub static ISO_8859_4: &Encoding = &ISO_8859_4_INIT;
pub static ISO_8859_5_INIT: Encoding = Encoding { name: "ISO-8859-5", kind: Kind::Unsupported };
pub static ISO_8859_5: &Encoding = &ISO_8859_5_INIT;
pub static ISO_8859_6_INIT: Encoding = Encoding { name: "ISO-8859-6", kind: Kind::Unsupported };
pub static ISO_8859_6: &Encoding = &ISO_8859_6_INIT;
pub static ISO_8859_7_INIT: Encoding = Encoding { name: "ISO-8859-7", kind: Kind::Unsupported };
pub static ISO_8859_7: &Encoding = &ISO_8859_7_INIT;
pub static ISO_8859_8_INIT: Encoding = Encoding { name: "ISO-8859-8", kind: Kind::Unsupported };
pub static ISO_8859_8: &Encoding = &ISO_8859_8_INIT;
pub static ISO_8859_8_I_INIT: Encoding = Encoding { name: "ISO-8859-8-I", kind: Kind::Unsupported };
pub static ISO_8859_8_I: &Encoding = &ISO_8859_8_I_INIT;
pub static KOI8_R_INIT: Encoding = Encoding { name: "KOI8-R", kind: Kind::Unsupported };
pub static KOI8_R: &Encoding = &KOI8_R_INIT;
pub static KOI8_U_INIT: Encoding = Encoding { name: "KOI8-U", kind: Kind::Unsupported };
pub static KOI8_U: &Encoding = &KOI8_U_INIT;
pub static MACINTOSH_INIT: Encoding = Encoding { name: "macintosh", kind: Kind::Unsupported };
pub static MACINTOSH: &Encoding = &MACINTOSH_INIT;
pub static REPLACEMENT_INIT: Encoding = Encoding { name: "replacement", kind: Kind::Unsupported };
pub static REPLACEMENT: &Encoding = &REPLACEMENT_INIT;
pub static SHIFT_JIS_INIT: Encoding = Encoding { name: "Shift_JIS", kind: Kind::Unsupported };
pub static SHIFT_JIS: &Encoding = &SHIFT_JIS_INIT;
pub static UTF_16BE_INIT: Encoding = Encoding { name: "UTF-16BE", kind: Kind::Utf16Be };
pub static UTF_16BE: &Encoding = &UTF_16BE_INIT;
pub static UTF_16LE_INIT: Encoding = Encoding { name: "UTF-16LE", kind: Kind::Utf16Le };
pub static UTF_16LE: &Encoding = &UTF_16LE_INIT;
pub static UTF_8_INIT: Encoding = Encoding { name: "UTF-8", kind: Kind::Utf8 };
pub static UTF_8: &Encoding = &UTF_8_INIT;
pub static WINDOWS_1250_INIT: Encoding = Encoding { name: "windows-1250", kind: Kind::Unsupported };
pub static WINDOWS_1250: &Encoding = &WINDOWS_1250_INIT;
pub static WINDOWS_1251_INIT: Encoding = Encoding { name: "windows-1251", kind: Kind::Unsupported };
pub static WINDOWS_1251: &Encoding = &WINDOWS_1251_INIT;
pub static WINDOWS_1252_INIT: Encoding = Encoding { name: "windows-1252", kind: Kind::Unsupported };
pub static WINDOWS_1252: &Encoding = &WINDOWS_1252_INIT;
pub static WINDOWS_1253_INIT: Encoding = Encoding { name: "windows-1253", kind: Kind::Unsupported };
pub static WINDOWS_1253: &Encoding = &WINDOWS_1253_INIT;
pub static WINDOWS_1254_INIT: Encoding = Encoding { name: "windows-1254", kind: Kind::Unsupported };
pub static WINDOWS_1254: &Encoding = &WINDOWS_1254_INIT;
pub static WINDOWS_1255_INIT: Encoding = Encoding { name: "windows-1255", kind: Kind::Unsupported };
pub static WINDOWS_1255: &Encoding = &WINDOWS_1255_INIT;
pub static WINDOWS_1256_INIT: Encoding = Encoding { name: "windows-1256", kind: Kind::Unsupported };
pub static WINDOWS_1256: &Encoding = &WINDOWS_1256_INIT;
pub static WINDOWS_1257_INIT: Encoding = Encoding { name: "windows-1257", kind: Kind::Unsupported };
pub static WINDOWS_1257: &Encoding = &WINDOWS_1257_INIT;
pub static WINDOWS_1258_INIT: Encoding = Encoding { name: "windows-1258", kind: Kind::Unsupported };
pub static WINDOWS_1258: &Encoding = &WINDOWS_1258_INIT;
pub static WINDOWS_874_INIT: Encoding = Encoding { name: "windows-874", kind: Kind::Unsupported };
pub static WINDOWS_874: &Encoding = &WINDOWS_874_INIT;
pub static X_MAC_CYRILLIC_INIT: Encoding = Encoding { name: "x-mac-cyrillic", kind: Kind::Unsupported };
pub static X_MAC_CYRILLIC: &Encoding = &X_MAC_CYRILLIC_INIT;
pub static X_USER_DEFINED_INIT: Encoding = Encoding { name: "x-user-defined", kind: Kind::Unsupported };
pub static X_USER_DEFINED: &Encoding = &X_USER_DEFINED_INIT;

impl Encoding {
    pub fn name(&'static self) -> &'static str {
        self.name
    }

    /// UTF-8 and UTF-16 labels of the WHATWG Encoding Standard; `None` for every other label.
    pub fn for_label(label: &[u8]) -> Option<&'static Encoding> {
        let l = std::str::from_utf8(label).ok()?.trim().to_ascii_lowercase();
        match l.as_str() {
            "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "utf-8" | "utf8"
            | "x-unicode20utf8" => Some(UTF_8),
            "csunicode" | "iso-10646-ucs-2" | "ucs-2" | "unicode" | "unicodefeff" | "utf-16"
            | "utf-16le" => Some(UTF_16LE),
            "unicodefffe" | "utf-16be" => Some(UTF_16BE),
            _ => None,
        }
    }

    pub fn for_label_no_replacement(label: &[u8]) -> Option<&'static Encoding> {
        Self::for_label(label)
    }

    /// The encoding a byte-order mark names, and the mark's length.
    pub fn for_bom(buffer: &[u8]) -> Option<(&'static Encoding, usize)> {
        match buffer {
            [0xEF, 0xBB, 0xBF, ..] => Some((UTF_8, 3)),
            [0xFF, 0xFE, ..] => Some((UTF_16LE, 2)),
            [0xFE, 0xFF, ..] => Some((UTF_16BE, 2)),
            _ => None,
        }
    }

    pub fn is_single_byte(&'static self) -> bool {
        false
    }

    pub fn output_encoding(&'static self) -> &'static Encoding {
        match self.kind {
            Kind::Utf16Le | Kind::Utf16Be => UTF_8,
            _ => self,
        }
    }

    /// Decodes with BOM sniffing and replacement: (text, encoding used, had errors).
    pub fn decode<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, &'static Encoding, bool) {
        let (enc, skip) = match Encoding::for_bom(bytes) {
            Some((e, n)) => (e, n),
            None => (self, 0),
        };
        let (text, errors) = enc.decode_without_bom_handling(bytes.get(skip..).unwrap_or(&[]));
        (text, enc, errors)
    }

    pub fn decode_with_bom_removal<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
        let skip = match Encoding::for_bom(bytes) {
            Some((e, n)) if std::ptr::eq(e, self) => n,
            _ => 0,
        };
        self.decode_without_bom_handling(bytes.get(skip..).unwrap_or(&[]))
    }

    pub fn decode_without_bom_handling<'a>(&'static self, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
        match self.kind {
            Kind::Utf8 => match String::from_utf8_lossy(bytes) {
                Cow::Borrowed(s) => (Cow::Borrowed(s), false),
                Cow::Owned(s) => (Cow::Owned(s), true),
            },
            Kind::Utf16Le | Kind::Utf16Be => {
                let (s, errors) = utf16(bytes, self.kind == Kind::Utf16Be);
                (Cow::Owned(s), errors)
            }
            Kind::Unsupported => (Cow::Owned("\u{FFFD}".repeat(bytes.len().min(1))), !bytes.is_empty()),
        }
    }

    pub fn decode_without_bom_handling_and_without_replacement<'a>(
        &'static self,
        bytes: &'a [u8],
    ) -> Option<Cow<'a, str>> {
        match self.kind {
            Kind::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Kind::Utf16Le | Kind::Utf16Be => {
                let (s, errors) = utf16(bytes, self.kind == Kind::Utf16Be);
                (!errors).then_some(Cow::Owned(s))
            }
            Kind::Unsupported => None,
        }
    }

    pub fn new_decoder(&'static self) -> Decoder {
        Decoder { encoding: self }
    }

    pub fn new_decoder_without_bom_handling(&'static self) -> Decoder {
        Decoder { encoding: self }
    }
}

/// UTF-16 of `bytes` (little- or big-endian): the text and whether anything was replaced.
fn utf16(bytes: &[u8], big_endian: bool) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut errors = bytes.len() % 2 != 0;
    let mut out: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                errors = true;
                '\u{FFFD}'
            })
        })
        .collect();
    if bytes.len() % 2 != 0 {
        out.push('\u{FFFD}');
    }
    (out, errors)
}

/// A decoder for one call with `last = true` (how the .xlsx reader's XML parser uses it).
pub struct Decoder {
    encoding: &'static Encoding,
}

impl Decoder {
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    pub fn max_utf8_buffer_length_without_replacement(&self, byte_length: usize) -> Option<usize> {
        byte_length.checked_mul(3)?.checked_add(3)
    }

    pub fn max_utf8_buffer_length(&self, byte_length: usize) -> Option<usize> {
        self.max_utf8_buffer_length_without_replacement(byte_length)
    }

    pub fn decode_to_string_without_replacement(
        &mut self,
        src: &[u8],
        dst: &mut String,
        _last: bool,
    ) -> (DecoderResult, usize) {
        match self
            .encoding
            .decode_without_bom_handling_and_without_replacement(src)
        {
            Some(s) => {
                dst.push_str(&s);
                (DecoderResult::InputEmpty, src.len())
            }
            None => (DecoderResult::Malformed(1, 0), 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_utf16_decode_and_others_refuse() {
        assert_eq!(UTF_8.decode(b"\xEF\xBB\xBFabc").0, "abc");
        let le: Vec<u8> = "Zoë 😀".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(UTF_16LE.decode_without_bom_handling(&le), (Cow::Owned("Zoë 😀".into()), false));
        let be: Vec<u8> = "Zoë".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(UTF_16BE.decode_without_bom_handling_and_without_replacement(&be).unwrap(), "Zoë");
        assert!(UTF_8.decode_without_bom_handling_and_without_replacement(b"\xFF").is_none());
        assert!(WINDOWS_1252.decode_without_bom_handling_and_without_replacement(b"a").is_none());
        assert_eq!(Encoding::for_label(b" UTF-8 "), Some(UTF_8));
        assert_eq!(Encoding::for_label(b"shift_jis"), None);
        assert_eq!(WINDOWS_1252.name(), "windows-1252");
    }
}
