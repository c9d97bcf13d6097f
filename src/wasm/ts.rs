//! The TypeScript contract of the package: the types generated from the Rust types
//! (`types.d.ts`, by `cargo run --example generated`) and the function signatures written by
//! hand (`api.d.ts`). `tests/js/types.test.mjs` compiles real reports against them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API: &'static str = include_str!("api.d.ts");
