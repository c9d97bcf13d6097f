//! JavaScript bindings (wasm32 only). This layer converts types, names things in camelCase and
//! maps errors; all logic lives in the plain-Rust core.

pub mod convert;
pub mod error;
mod ts;

use wasm_bindgen::prelude::*;

// Without `engine` only the calculators are exported (see Cargo.toml's features).
#[cfg(feature = "engine")]
use crate::analyze::Analyzer as CoreAnalyzer;
#[cfg(feature = "engine")]
use crate::metrics::survey as core;
#[cfg(feature = "engine")]
use crate::options::AnalyzeOptions;
#[cfg(feature = "engine")]
use convert::from_js;
use convert::to_js;
use error::js_error;

/// Net Promoter Score from raw 0–10 answers.
///
/// ```js
/// npsFromScores([10, 9, 8, 7, 6, 0]).score // 0
/// ```
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = npsFromScores, skip_typescript)]
pub fn nps_from_scores(scores: &[f64], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: core::NpsOptions = from_js(options, "options")?;
    to_js(&core::nps_from_scores(scores, &opts).map_err(js_error)?)
}

/// Net Promoter Score from the three group counts.
///
/// ```js
/// npsFromCounts({ promoters: 60, passives: 25, detractors: 15 }).score // 45
/// ```
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = npsFromCounts, skip_typescript)]
pub fn nps_from_counts(counts: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let c: convert::NpsCounts = from_js(counts, "counts")?;
    let o: convert::ConfidenceOptions = from_js(options, "options")?;
    let [p, pa, d] = c.checked().map_err(js_error)?;
    to_js(&core::nps_from_counts(p, pa, d, o.confidence.unwrap_or(0.95)).map_err(js_error)?)
}

/// CSAT from raw answers (default scale 1–5, top-2-box), with every variant.
///
/// ```js
/// csat([5, 4, 3, 2, 1]).score // 40 (percent satisfied)
/// ```
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = csat, skip_typescript)]
pub fn csat(scores: &[f64], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: core::CsatOptions = from_js(options, "options")?;
    to_js(&core::csat_from_scores(scores, &opts).map_err(js_error)?)
}

/// CSAT from answer counts per scale point (`counts[0]` = answers of the lowest point).
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = csatFromCounts, skip_typescript)]
pub fn csat_from_counts(counts: &[f64], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: core::CsatOptions = from_js(options, "options")?;
    to_js(&core::csat_from_counts(counts, &opts).map_err(js_error)?)
}

/// Customer Effort Score from raw answers (default CES 2.0: 1–7, higher = easier).
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = ces, skip_typescript)]
pub fn ces(scores: &[f64], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: core::CesOptions = from_js(options, "options")?;
    to_js(&core::ces_from_scores(scores, &opts).map_err(js_error)?)
}

/// CES from answer counts per scale point.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = cesFromCounts, skip_typescript)]
pub fn ces_from_counts(counts: &[f64], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: core::CesOptions = from_js(options, "options")?;
    to_js(&core::ces_from_counts(counts, &opts).map_err(js_error)?)
}

/// Wilson score interval of a proportion (`null` when n = 0).
///
/// ```js
/// wilsonInterval(81, 263) // { low: 0.2553, high: 0.3662, level: 0.95, method: "wilson" }
/// ```
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = wilsonInterval, skip_typescript)]
pub fn wilson_interval(
    successes: f64,
    n: f64,
    confidence: Option<f64>,
) -> Result<JsValue, JsValue> {
    let whole = |v: f64, name: &str| {
        crate::stats::whole_count(v).ok_or_else(|| {
            js_error(crate::Error::option(
                name,
                format!("{v} is not a whole number ≥ 0"),
            ))
        })
    };
    let (k, n) = (whole(successes, "successes")?, whole(n, "n")?);
    if k > n {
        return Err(js_error(crate::Error::option(
            "successes",
            "must not exceed n",
        )));
    }
    let level = core::check_confidence(confidence.unwrap_or(0.95)).map_err(js_error)?;
    to_js(&crate::stats::wilson_interval(k, n, level))
}

/// Runs when the module is instantiated: gives the core a clock (it has none on wasm32) so
/// reports can say how long the CLV fits took.
#[wasm_bindgen(start)]
pub fn start() {
    crate::stats::clock::install(js_sys::Date::now);
}

/// Runs one calculator over numbers (retention, churn, ARPU, order value, CLV variants, the
/// sBG projection, a BG/NBD customer).
///
/// ```js
/// calculate({ metric: "churnRate", lost: 30, start: 200 }).value // 0.15
/// ```
#[wasm_bindgen(js_name = calculate, skip_typescript)]
pub fn calculate(input: JsValue) -> Result<JsValue, JsValue> {
    let v: serde_json::Value = convert::required_from_js(input, "calculation")?;
    to_js(&crate::calculators::calculate_json(&v).map_err(js_error)?)
}

/// Sentiment of English texts (VADER): compound −1 … 1, the shares of positive, neutral and
/// negative words, and the label (compound ≥ 0.05 positive, ≤ −0.05 negative).
///
/// ```js
/// sentiment(["The book was good.", "Not bad at all"])[0].label // "positive"
/// ```
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = sentiment, skip_typescript)]
pub fn sentiment(texts: JsValue) -> Result<JsValue, JsValue> {
    let bad = || {
        js_error(crate::error::Error::option(
            "texts",
            "must be an array of strings",
        ))
    };
    if !js_sys::Array::is_array(&texts) {
        return Err(bad());
    }
    let mut out = Vec::new();
    for t in js_sys::Array::from(&texts).iter() {
        let t = t.as_string().ok_or_else(bad)?;
        out.push(crate::text::sentiment::text_sentiment(&t));
    }
    to_js(&out)
}

/// An A/B test from counts per variant (the first is the control): conversion with Wilson
/// intervals, lift with intervals, p-values (Holm-adjusted for several variants), Welch's test
/// on revenue per visitor when given, and a verdict.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = abTest, skip_typescript)]
pub fn ab_test(input: JsValue) -> Result<JsValue, JsValue> {
    let i: crate::metrics::ab::AbInput = convert::required_from_js(input, "input")?;
    to_js(&crate::metrics::ab::ab_test(&i).map_err(js_error)?)
}

/// The same from per-visitor rows `{ variant, converted, revenue? }` (variants in order of
/// first appearance; the first is the control).
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = abTestFromRows, skip_typescript)]
pub fn ab_test_from_rows(rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let wrapped = js_sys::Object::new();
    js_sys::Reflect::set(&wrapped, &JsValue::from_str("rows"), &rows)
        .map_err(|_| js_error(crate::error::Error::option("rows", "must be an array")))?;
    let r: convert::AbRows = convert::required_from_js(wrapped.into(), "rows")?;
    let o: convert::ConfidenceOptions = from_js(options, "options")?;
    let input = crate::metrics::ab::AbInput {
        variants: crate::metrics::ab::counts_from_rows(&r.rows),
        confidence: o.confidence,
    };
    to_js(&crate::metrics::ab::ab_test(&input).map_err(js_error)?)
}

/// Every closed set of names (kinds, roles, granularities, metric ids, codes, units, presets).
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = vocabulary, skip_typescript)]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    to_js(&crate::api::vocabulary())
}

/// The metric catalogue: every metric's label, unit, direction, description and places.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = catalogue, skip_typescript)]
pub fn catalogue() -> Result<JsValue, JsValue> {
    to_js(&crate::metrics::catalogue::catalogue())
}

/// The calculators: metric, title, formula and labelled inputs with example values.
#[wasm_bindgen(js_name = calculators, skip_typescript)]
pub fn calculators() -> Result<JsValue, JsValue> {
    to_js(&crate::calculators::calculators())
}

/// The schema of a file from its first bytes: format, encoding, columns with their inferred
/// roles and types, and the dataset kind, for the user to confirm before the full analysis.
/// A prefix of about 1 MB is enough for text and JSON; pass an .xlsx file whole.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = inspect, skip_typescript)]
pub fn inspect(bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: AnalyzeOptions = from_js(options, "options")?;
    to_js(&crate::analyze::inspect(bytes, opts).map_err(js_error)?)
}

/// Analyses a whole file held in memory (CSV/TSV/JSON/NDJSON/xlsx, UTF-8/UTF-16/Windows-1252).
/// For large files prefer `Analyzer`, fed in chunks.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = analyze, skip_typescript)]
pub fn analyze(bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    let opts: AnalyzeOptions = from_js(options, "options")?;
    to_js(&crate::analyze::analyze(bytes, opts).map_err(js_error)?)
}

/// Streaming analysis: `push` byte chunks of any size (records and characters may straddle
/// them), then `finish`. Call `free()` when done if you do not call `finish`.
///
/// ```js
/// const a = new Analyzer({ timezone: "Europe/Paris" });
/// for await (const chunk of file.stream()) a.push(chunk);
/// const report = a.finish();
/// ```
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = Analyzer, skip_typescript)]
pub struct Analyzer {
    inner: CoreAnalyzer,
}

#[cfg(feature = "engine")]
#[wasm_bindgen(js_class = Analyzer)]
impl Analyzer {
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(options: JsValue) -> Result<Analyzer, JsValue> {
        let opts: AnalyzeOptions = from_js(options, "options")?;
        Ok(Analyzer {
            inner: CoreAnalyzer::new(opts).map_err(js_error)?,
        })
    }

    /// Feeds the next chunk; returns bytes and rows read so far.
    #[wasm_bindgen(skip_typescript)]
    pub fn push(&mut self, chunk: &[u8]) -> Result<JsValue, JsValue> {
        to_js(&self.inner.push(chunk).map_err(js_error)?)
    }

    /// Bytes and rows read so far.
    #[wasm_bindgen(skip_typescript)]
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.progress())
    }

    /// The inferred schema once the first rows are read (`null` before).
    #[wasm_bindgen(skip_typescript)]
    pub fn schema(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.schema())
    }

    /// Ends the input and returns only the inferred schema (for files shorter than the sample;
    /// the analyzer cannot be used afterwards).
    #[wasm_bindgen(js_name = finishSchema, skip_typescript)]
    pub fn finish_schema(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.finish_schema().map_err(js_error)?)
    }

    /// Ends the input and returns the report. The analyzer cannot be used afterwards.
    #[wasm_bindgen(skip_typescript)]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.finish().map_err(js_error)?)
    }
}

/// Version and build of the engine, for bug reports.
#[wasm_bindgen(js_name = buildInfo, skip_typescript)]
pub fn build_info() -> Result<JsValue, JsValue> {
    to_js(&convert::BuildInfo {
        name: crate::report::ENGINE.name,
        version: crate::report::ENGINE.version,
        git_revision: option_env!("EM_GIT_REVISION").unwrap_or("unknown"),
    })
}
