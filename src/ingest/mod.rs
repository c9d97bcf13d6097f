//! Ingestion: bytes → decoded text → records → typed values, with schema inference.

pub mod decode;
pub mod infer;
pub mod json;
pub mod reader;
pub mod time;
pub mod value;
pub mod xlsx;

pub use reader::{ChunkReader, Format, ReaderOptions, Record};

/// `s` cut to at most `max` bytes (at a character boundary), with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
