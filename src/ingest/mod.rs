//! Ingestion: bytes → decoded text → records → typed values, with schema inference.

pub mod decode;
pub mod infer;
pub mod reader;
pub mod time;
pub mod value;

pub use reader::{ChunkReader, ReaderOptions, Record};
