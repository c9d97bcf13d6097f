//! The TypeScript contract of the package: the types generated from the Rust types
//! (`types.d.ts`, by `cargo run --example generated`) and the function signatures written by
//! hand (`calculators.d.ts`, in every build; `api.d.ts`, the engine's, only with the `engine`
//! feature). `tests/js/types.test.mjs` compiles real reports against them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const CALCULATORS: &'static str = include_str!("calculators.d.ts");

#[cfg(feature = "engine")]
#[wasm_bindgen(typescript_custom_section)]
const API: &'static str = include_str!("api.d.ts");
