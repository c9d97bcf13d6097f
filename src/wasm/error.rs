//! Errors cross into JavaScript once, here, as `Error` objects with a stable `code`.

use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;

/// `new Error(message)` with `name = "EngagementMetricsError"` and `code = error.code()`.
pub fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("EngagementMetricsError");
    let obj: &js_sys::Object = err.unchecked_ref();
    // Reflect::set on a fresh Error object cannot fail; ignore the Result rather than panic.
    let _ = js_sys::Reflect::set(
        obj,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code().name()),
    );
    match &e {
        Error::InvalidScore { index, .. } => {
            let _ = js_sys::Reflect::set(
                obj,
                &JsValue::from_str("index"),
                &JsValue::from_f64(*index as f64),
            );
        }
        Error::LimitExceeded { row, .. } => {
            let _ = js_sys::Reflect::set(
                obj,
                &JsValue::from_str("row"),
                &JsValue::from_f64(*row as f64),
            );
        }
        Error::ColumnNotFound { header, .. } | Error::AmbiguousDateOrder { column: header, .. } => {
            let _ = js_sys::Reflect::set(
                obj,
                &JsValue::from_str("column"),
                &JsValue::from_str(header),
            );
        }
        _ => {}
    }
    err.into()
}
