//! Ingestion: bytes → decoded text → records → typed values, with schema inference.
//!
//! Everything here reads hostile bytes, and in wasm a panic kills the instance: calls that can
//! panic are denied (tests may use them).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod cell_refs;
pub mod decode;
pub mod infer;
pub mod json;
pub mod quotes;
pub mod reader;
pub mod split;
pub mod time;
pub mod value;
pub mod words;
pub mod xlsx;

pub use reader::{ChunkReader, Format, ReadStats, ReaderOptions, Record};

pub use crate::error::truncate;
