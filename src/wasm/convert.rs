//! Conversions between JsValue and Rust values (serde-wasm-bindgen, JSON-compatible).

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::error::js_error;
use crate::error::Error;

/// Serialises as plain JS objects: maps become objects, `None` becomes `null`.
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(Error::option("result", e.to_string())))
}

/// Reads an options object; `undefined` and `null` mean all defaults. Goes through JSON so
/// that an unknown (misspelt) key is an error naming the expected keys.
pub fn from_js<T: DeserializeOwned + Default>(v: JsValue, name: &str) -> Result<T, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    required_from_js(v, name)
}

/// Reads an object that must be given (no defaults), the same way.
pub fn required_from_js<T: DeserializeOwned>(v: JsValue, name: &str) -> Result<T, JsValue> {
    if !v.is_object() || js_sys::Array::is_array(&v) {
        return Err(js_error(Error::option(name, "must be an object")));
    }
    let text = js_sys::JSON::stringify(&v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            js_error(Error::option(
                name,
                "cannot be read as JSON (a cycle or a BigInt?)",
            ))
        })?;
    // Checked for null (NaN, ±Infinity), huge strings and lists before it is read.
    crate::options::checks::from_json(&text, name).map_err(js_error)
}

pub use crate::api::{AbRows, BuildInfo, ConfidenceOptions, NpsCounts};
