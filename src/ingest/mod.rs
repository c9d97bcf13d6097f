//! Ingestion: bytes → decoded text → records → typed values, with schema inference.

pub mod decode;
pub mod infer;
pub mod json;
pub mod reader;
pub mod time;
pub mod value;
pub mod words;
pub mod xlsx;

pub use reader::{ChunkReader, Format, ReaderOptions, Record};

pub use crate::error::truncate;
