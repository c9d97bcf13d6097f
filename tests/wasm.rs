//! The binding layer in a real JS engine (Node by default; headless Chromium with
//! WASM_BINDGEN_USE_BROWSER=1): values cross as plain objects, errors as `Error` with `code`,
//! and bad input never panics (a panic would abort the instance and fail every later test).
#![cfg(target_arch = "wasm32")]

use engagement_metrics::wasm;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |o, k| {
        Reflect::get(&o, &JsValue::from_str(k)).unwrap()
    })
}

fn code(e: JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    get(&e, "code").as_string().unwrap()
}

fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn nps_crosses_as_a_plain_object() {
    let r = wasm::nps_from_scores(&[10.0, 9.0, 8.0, 7.0, 6.0, 0.0], JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "score").as_f64(), Some(0.0));
    assert_eq!(get(&r, "promoters").as_f64(), Some(2.0));
    let moe = get(&r, "marginOfError").as_f64().unwrap();
    assert!((moe - 65.332_132_818_0).abs() < 1e-9);
    assert_eq!(
        get(&r, "definition.params.promotersMin").as_f64(),
        Some(9.0)
    );
    // No answers: null, not NaN.
    let none = wasm::nps_from_scores(&[], JsValue::UNDEFINED).unwrap();
    assert!(get(&none, "score").is_null());
}

#[wasm_bindgen_test]
fn errors_carry_codes() {
    assert_eq!(
        code(wasm::nps_from_scores(&[11.0], JsValue::UNDEFINED).unwrap_err()),
        "INVALID_SCORE"
    );
    assert_eq!(
        code(wasm::csat(&[3.0], obj(r#"{"scael": 1}"#)).unwrap_err()),
        "INVALID_OPTION"
    );
    assert_eq!(
        code(wasm::csat(&[3.0], JsValue::from_str("x")).unwrap_err()),
        "INVALID_OPTION"
    );
    assert_eq!(
        code(wasm::analyze(b"", JsValue::UNDEFINED).unwrap_err()),
        "EMPTY_INPUT"
    );
    assert_eq!(
        code(wasm::analyze(b"nps\n1\n", obj(r#"{"kind": "tweets"}"#)).unwrap_err()),
        "INVALID_OPTION"
    );
    assert_eq!(
        code(wasm::analyze(b"nps\n1\n", obj(r#"{"kind": "tickets"}"#)).unwrap_err()),
        "NO_METRIC_COLUMNS"
    );
    assert_eq!(
        code(wasm::inspect(b"[{\"a\": 1}", JsValue::UNDEFINED).unwrap_err()),
        "UNREADABLE_FILE"
    );
    assert_eq!(
        code(wasm::wilson_interval(2.5, 3.0, None).unwrap_err()),
        "INVALID_OPTION"
    );
    assert_eq!(
        code(wasm::nps_from_counts(obj(r#"{"promoters": 1}"#), JsValue::UNDEFINED).unwrap_err()),
        "INVALID_OPTION"
    );
}

#[wasm_bindgen_test]
fn analyzer_streams_and_refuses_reuse() {
    let csv = "nps,csat,submitted,channel\n10,5,2024-01-05,email\n0,1,2024-02-05,phone\n11,4,2024-02-06,email\n";
    let mut a = wasm::Analyzer::new(obj(r#"{"granularity": "month"}"#)).unwrap();
    for chunk in csv.as_bytes().chunks(5) {
        a.push(chunk).unwrap();
    }
    let r = a.finish().unwrap();
    assert_eq!(get(&r, "kind").as_string().as_deref(), Some("survey"));
    assert_eq!(get(&r, "overall.nps.score").as_f64(), Some(0.0));
    assert_eq!(get(&r, "input.rows").as_f64(), Some(3.0));
    let periods: js_sys::Array = get(&r, "periods").dyn_into().unwrap();
    assert_eq!(periods.length(), 2);
    let rejected: js_sys::Array = get(&r, "rejected").dyn_into().unwrap();
    assert_eq!(
        get(&rejected.get(0), "code").as_string().as_deref(),
        Some("INVALID_SCORE")
    );
    assert_eq!(code(a.finish().unwrap_err()), "ALREADY_FINISHED");
    assert_eq!(code(a.push(b"x").unwrap_err()), "ALREADY_FINISHED");
}

#[wasm_bindgen_test]
fn the_filter_crosses_as_a_plain_object() {
    let csv =
        "nps,submitted,channel\n10,2024-01-05,email\n0,2024-02-05,phone\n9,2024-02-06,email\n";
    let o = r#"{"filter": {"from": "2024-02-01", "segments": {"channel": ["email"]}}}"#;
    let r = wasm::analyze(csv.as_bytes(), obj(o)).unwrap();
    // Only row 3 (9, February, email) is kept: one promoter, NPS 100.
    assert_eq!(get(&r, "overall.nps.score").as_f64(), Some(100.0));
    assert_eq!(get(&r, "dataset.rowsKept").as_f64(), Some(1.0));
    assert_eq!(get(&r, "dataset.rowsFiltered").as_f64(), Some(2.0));
    let kept: js_sys::Array = get(&r, "options.filter.segments.channel")
        .dyn_into()
        .unwrap();
    assert_eq!(kept.get(0).as_string().as_deref(), Some("email"));
    // The channel's values, counted before the filter: email 2, phone 1.
    let columns: js_sys::Array = get(&r, "dataset.columns").dyn_into().unwrap();
    let channel = columns
        .iter()
        .find(|c| get(c, "header").as_string().as_deref() == Some("channel"))
        .unwrap();
    let values: js_sys::Array = get(&channel, "values").dyn_into().unwrap();
    assert_eq!(
        get(&values.get(0), "value").as_string().as_deref(),
        Some("email")
    );
    assert_eq!(get(&values.get(0), "rows").as_f64(), Some(2.0));
    assert_eq!(get(&values.get(1), "rows").as_f64(), Some(1.0));
    let none = wasm::analyze(csv.as_bytes(), JsValue::UNDEFINED).unwrap();
    assert!(get(&none, "options.filter").is_null());
    let bad = r#"{"filter": {"segments": {"channel": null}}}"#;
    assert_eq!(
        code(wasm::analyze(csv.as_bytes(), obj(bad)).unwrap_err()),
        "INVALID_OPTION"
    );
    let unknown = r#"{"filter": {"segments": {"country": ["FR"]}}}"#;
    assert_eq!(
        code(wasm::analyze(csv.as_bytes(), obj(unknown)).unwrap_err()),
        "COLUMN_NOT_FOUND"
    );
}

#[wasm_bindgen_test]
fn hostile_bytes_never_abort_the_instance() {
    let mut seed: u32 = 12345;
    for round in 0..200 {
        let len = (round * 7) % 300;
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) as u8
            })
            .collect();
        if round % 2 == 0 {
            let mut v = b"nps,date\n".to_vec();
            v.extend(bytes);
            bytes = v;
        }
        let _ = wasm::analyze(&bytes, JsValue::UNDEFINED);
    }
    // Still alive.
    let r = wasm::nps_from_scores(&[9.0], JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "score").as_f64(), Some(100.0));
}

#[wasm_bindgen_test]
fn calculators_cross_and_refuse_bad_input() {
    let r = wasm::calculate(obj(r#"{"metric":"churnRate","lost":30,"start":200}"#)).unwrap();
    // 30 of 200 lost: 15 %, in percent as the catalogue gives churn.
    assert_eq!(get(&r, "value").as_f64(), Some(15.0));
    assert_eq!(get(&r, "unit").as_string().as_deref(), Some("percent"));
    let zero = wasm::calculate(obj(r#"{"metric":"arpu","revenue":5,"customers":0}"#)).unwrap();
    assert!(get(&zero, "value").is_null());
    for bad in [
        JsValue::from_f64(3.0),
        JsValue::UNDEFINED,
        obj(r#"{"metric":"nope"}"#),
        obj(r#"{"metric":"sbgRetention","alive":[5,9],"periods":2}"#),
    ] {
        assert_eq!(code(wasm::calculate(bad).unwrap_err()), "INVALID_OPTION");
    }
    let list = wasm::calculators().unwrap();
    assert!(js_sys::Array::from(&list).length() >= 14);
    // The clock the bindings install makes the CLV fit report its time.
    wasm::start();
    let csv =
        b"customer,date,amount\na,2024-01-01,10\na,2024-02-01,12\nb,2024-01-05,8\nb,2024-03-05,9\n";
    let rep = wasm::analyze(csv, obj(r#"{"clv":{}}"#)).unwrap();
    assert!(get(&rep, "clv.seconds").as_f64().is_some());
}

#[wasm_bindgen_test]
fn sentiment_of_texts() {
    let texts = js_sys::JSON::parse(r#"["The book was good.", "The book was bad.", ""]"#).unwrap();
    let out = js_sys::Array::from(&wasm::sentiment(texts).unwrap());
    assert_eq!(get(&out.get(0), "label").as_string().unwrap(), "positive");
    assert_eq!(get(&out.get(1), "label").as_string().unwrap(), "negative");
    assert_eq!(get(&out.get(2), "compound").as_f64(), Some(0.0));
    for bad in [
        JsValue::from_str("text"),
        js_sys::JSON::parse("[1]").unwrap(),
    ] {
        assert_eq!(code(wasm::sentiment(bad).unwrap_err()), "INVALID_OPTION");
    }
}
