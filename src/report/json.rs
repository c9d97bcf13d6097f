//! Reports as JSON text exactly as JavaScript's `JSON.stringify(report, null, 2)` writes them,
//! so a native run and the package (wasm under Node or a browser) can be compared byte for
//! byte: numbers in ECMAScript's `Number.prototype.toString` form (`1` not `1.0`, `1e+21`,
//! `1e-7`), two-space indentation, `"key": value`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// `JSON.stringify(value, null, 2)`.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, JsFormatter(PrettyFormatter::new()));
    // Serialising plain structs into a Vec cannot fail (no maps with non-string keys).
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Pretty printing with ECMAScript number text.
struct JsFormatter<'a>(PrettyFormatter<'a>);

/// ECMAScript `Number::toString(x)` for a finite `x` (NaN and infinities print as `null`,
/// as `JSON.stringify` does).
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    // Rust prints the shortest digits that round-trip, as ECMAScript requires: d.ddde±x.
    let e = format!("{:e}", x.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exp.parse::<i32>().unwrap_or(0) + 1; // value = 0.digits × 10^n
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let (first, rest) = digits.split_at(1);
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        format!("{first}{frac}e{sign}{}", e.abs())
    };
    format!("{sign}{body}")
}

impl Formatter for JsFormatter<'_> {
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        w.write_all(number_text(value).as_bytes())
    }
    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(w, value as f64)
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        // Each right-hand side is what `String(x)` gives in Node 20.
        let cases = [
            (1.0, "1"),
            (-0.0, "0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (123456.789, "123456.789"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.5e300, "1.5e+300"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.2345e-7, "1.2345e-7"),
            (0.000123, "0.000123"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.0f64.powi(53), "9007199254740992"),
            (0.30000000000000004, "0.30000000000000004"),
            (f64::NAN, "null"),
        ];
        for (x, want) in cases {
            assert_eq!(number_text(x), want, "{x:e}");
        }
    }

    #[test]
    fn pretty_layout_matches_json_stringify() {
        #[derive(Serialize)]
        struct S {
            a: f64,
            b: Vec<u32>,
            c: Vec<u32>,
            d: Option<String>,
            e: std::collections::BTreeMap<String, f64>,
        }
        let s = S {
            a: 2.0,
            b: vec![],
            c: vec![1, 2],
            d: Some("x\"\n\u{1}".into()),
            e: Default::default(),
        };
        // JSON.stringify({a: 2, b: [], c: [1, 2], d: "x\"\n\u0001", e: {}}, null, 2)
        let want = "{\n  \"a\": 2,\n  \"b\": [],\n  \"c\": [\n    1,\n    2\n  ],\n  \"d\": \"x\\\"\\n\\u0001\",\n  \"e\": {}\n}";
        assert_eq!(to_string_pretty(&s), want);
    }
}
