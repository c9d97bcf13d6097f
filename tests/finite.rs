//! Every figure is finite or null (issue 15): NaN and ±Infinity never reach a report. Each
//! report is serialised through a serializer that counts the non-finite numbers it is handed
//! (JSON would print them as null and hide them): every golden case, and the issue's cases of
//! huge amounts, ratings and likes and a CLV fit on one customer.

mod common;

use common::options;
use engagement_metrics::{analyze, Report};
use serde::{ser, Serialize};

/// A serializer that walks a value and counts its non-finite floats (serde_json writes them
/// as `null` before any formatter sees them, so JSON text cannot tell).
#[derive(Default)]
struct NonFinite(usize, Vec<&'static str>, Vec<String>);

impl NonFinite {
    fn found(&mut self) {
        self.0 += 1;
        self.2.push(self.1.join("."));
    }
}

#[derive(Debug)]
struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}
impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! ignore {
    ($($f:ident($t:ty)),*) => {
        $(fn $f(self, _: $t) -> Result<(), Never> { Ok(()) })*
    };
}

impl ser::Serializer for &mut NonFinite {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;
    ignore!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str)
    );
    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        if !v.is_finite() {
            self.found();
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        if !v.is_finite() {
            self.found();
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
}

macro_rules! compound {
    ($($tr:ident { $($f:ident),* })*) => {$(
        impl<'a> ser::$tr for &'a mut NonFinite {
            type Ok = ();
            type Error = Never;
            $(fn $f<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Never> {
                v.serialize(&mut **self)
            })*
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}
compound! {
    SerializeSeq { serialize_element }
    SerializeTuple { serialize_element }
    SerializeTupleStruct { serialize_field }
    SerializeTupleVariant { serialize_field }
    SerializeMap { serialize_key, serialize_value }
}

impl ser::SerializeStruct for &mut NonFinite {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.1.push(key);
        let r = v.serialize(&mut **self);
        self.1.pop();
        r
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut NonFinite {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.1.push(key);
        let r = v.serialize(&mut **self);
        self.1.pop();
        r
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

/// Non-finite numbers of the report, and where they are.
fn non_finite(r: &Report) -> (usize, String) {
    let mut f = NonFinite::default();
    let _ = r.serialize(&mut f);
    (f.0, f.2.join(", "))
}

#[track_caller]
fn assert_finite(name: &str, bytes: &[u8], opts: &str) {
    match analyze(bytes, options(opts)) {
        Ok(r) => {
            let (n, json) = non_finite(&r);
            assert_eq!(
                n,
                0,
                "{name}: {n} non-finite numbers in {}",
                &json[..json.len().min(3000)]
            );
        }
        // An error is a fine answer; a panic or a NaN is not.
        Err(e) => assert!(!e.code().name().is_empty(), "{name}"),
    }
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn every_golden_case_has_only_finite_numbers() {
    let cases: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/golden/cases.json")).expect("cases"),
    )
    .expect("cases json");
    let mut n = 0;
    for c in cases["cases"].as_array().expect("cases") {
        if c["transform"].is_string() {
            continue; // the CDNOW text (tests/golden.rs rebuilds it); its CSV is checked below
        }
        let file = c["file"].as_str().expect("file");
        let bytes = std::fs::read(format!("{ROOT}/{file}")).expect("file");
        let opts = c.get("options").map_or("{}".to_string(), |o| o.to_string());
        assert_finite(c["name"].as_str().unwrap_or(file), &bytes, &opts);
        n += 1;
    }
    assert!(n > 40, "{n} cases");
    let cdnow = std::fs::read(format!("{ROOT}/tests/fixtures/cdnow-summary.csv")).expect("cdnow");
    assert_finite("cdnow summary", &cdnow, "{}");
}

#[test]
fn huge_amounts_do_not_overflow_into_infinity() {
    let text = "customer_id,order_date,amount\nc1,2024-01-01,1e308\nc2,2024-01-02,1e308\nc3,2024-01-03,12.5\nc1,2024-02-01,3\n";
    assert_finite(
        "1e308 amounts",
        text.as_bytes(),
        r#"{"kind":"transactions"}"#,
    );
    assert_finite(
        "1e308 amounts with CLV",
        text.as_bytes(),
        r#"{"kind":"transactions","clv":{},"rfmCustomers":true}"#,
    );
    let r = analyze(text.as_bytes(), options(r#"{"kind":"transactions"}"#)).expect("report");
    let bad = r
        .shared()
        .rejected
        .iter()
        .find(|x| x.code.name() == "INVALID_NUMBER")
        .expect("the huge amounts are rejected values");
    assert_eq!(bad.count, 2);
}

#[test]
fn a_clv_fit_on_one_customer_is_finite_or_null() {
    for (name, rows) in [
        (
            "three purchases",
            "c1,2024-01-01,10\nc1,2024-02-01,12\nc1,2024-03-05,9\n",
        ),
        ("one purchase", "c1,2024-01-01,10\n"),
        ("one day", "c1,2024-01-01,10\nc1,2024-01-01,12\n"),
        ("zero amounts", "c1,2024-01-01,0\nc1,2024-02-01,0\n"),
        ("two customers", "c1,2024-01-01,10\nc2,2024-02-01,10\n"),
    ] {
        let text = format!("customer_id,order_date,amount\n{rows}");
        for opts in [
            r#"{"kind":"transactions","clv":{}}"#,
            r#"{"kind":"transactions","clv":{"customers":true}}"#,
            r#"{"kind":"transactions","clv":{},"rfmCustomers":true,"lifetimeValue":{"margin":0.3,"discountRate":0.01}}"#,
        ] {
            assert_finite(name, text.as_bytes(), opts);
        }
    }
}

#[test]
fn huge_ratings_and_likes_are_finite_or_null() {
    let social = "post_id,published_at,platform,likes,comments,shares,followers,impressions\nP1,2024-01-01,tiktok,1e308,1,1,100,1000\nP2,2024-01-02,tiktok,-1e308,1,1,100,1000\nP3,2024-01-03,tiktok,5,1,1,100,1000\n";
    assert_finite("social 1e308", social.as_bytes(), r#"{"kind":"social"}"#);
    let reviews = "review_id,date,source,rating,review_text\nR1,2024-01-01,app,1e308,good\nR2,2024-01-02,app,-1e308,bad\nR3,2024-01-03,app,4,ok\n";
    assert_finite("reviews 1e308", reviews.as_bytes(), r#"{"kind":"reviews"}"#);
}
