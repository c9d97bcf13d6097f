//! The TypeScript declarations of every value that crosses the JavaScript boundary, generated
//! from the Rust types (ts-rs derives): reports, schemas, options, calculator, A/B and
//! sentiment results, the vocabulary unions and the metric catalogue. `cargo run --example
//! generated` writes them to `src/wasm/types.d.ts` (the package build runs it); a test checks
//! the committed file is current. Only the function signatures (`src/wasm/calculators.d.ts`,
//! `src/wasm/api.d.ts`) are
//! written by hand.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

/// Collects the declaration of each named type and, recursively, of the types it uses.
struct Collect {
    cfg: Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
    /// Two Rust types must not share a TypeScript name (the second would replace the first).
    names: BTreeMap<String, &'static str>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives, arrays and maps have no declaration of their own.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let name = T::ident(&self.cfg);
        let rust = std::any::type_name::<T::WithoutGenerics>();
        if let Some(other) = self.names.insert(name.clone(), rust).filter(|o| *o != rust) {
            panic!(
                "{rust} and {other} are both `{name}` in TypeScript: rename one with #[ts(rename)]"
            );
        }
        let mut text = T::docs().unwrap_or_default();
        text.push_str("export ");
        text.push_str(&pretty(&T::decl(&self.cfg)));
        self.decls.insert(T::ident(&self.cfg), text);
        T::visit_dependencies(self);
    }
}

/// The declarations file: one `export type` per type, by name.
pub fn declarations() -> String {
    // Counts are JSON numbers, not BigInts.
    let mut c = Collect {
        cfg: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        decls: BTreeMap::new(),
        names: BTreeMap::new(),
    };
    c.visit::<crate::Report>();
    c.visit::<crate::Schema>();
    c.visit::<crate::AnalyzeOptions>();
    c.visit::<crate::Progress>();
    c.visit::<crate::metrics::survey::NpsResult>();
    c.visit::<crate::metrics::survey::CsatResult>();
    c.visit::<crate::metrics::survey::CesResult>();
    c.visit::<crate::metrics::survey::NpsOptions>();
    c.visit::<crate::metrics::survey::CsatOptions>();
    c.visit::<crate::metrics::survey::CesOptions>();
    c.visit::<crate::api::NpsCounts>();
    c.visit::<crate::api::ConfidenceOptions>();
    c.visit::<crate::api::BuildInfo>();
    c.visit::<crate::api::Vocabulary>();
    c.visit::<crate::stats::Interval>();
    c.visit::<crate::calculators::CalculatorSpec>();
    c.visit::<crate::calculators::CalcResult>();
    c.visit::<crate::calculators::Calculation>();
    c.visit::<crate::metrics::ab::AbInput>();
    c.visit::<crate::metrics::ab::AbRow>();
    c.visit::<crate::metrics::ab::AbResult>();
    c.visit::<crate::text::sentiment::TextSentiment>();
    c.visit::<crate::vocab::ErrorCode>();
    c.visit::<crate::metrics::catalogue::MetricInfo>();
    let mut out = String::from(
        "// Generated from the Rust types by `cargo run --example generated` (ts-rs): do not edit.\n\n",
    );
    for decl in c.decls.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    // One name per kind's report, for annotations: `const r: EventsReport = …`.
    for k in crate::vocab::Kind::ALL {
        let name = k.name();
        out.push_str(&format!(
            "/** The report of a file of kind `{name}`. */\nexport type {}Report = Extract<Report, {{ kind: \"{name}\" }}>;\n\n",
            capitalised(name)
        ));
    }
    out.push_str("/** The report of reviews or of brand mentions (the same figures). */\nexport type VoiceReport = ReviewsReport | MentionsReport;\n");
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Splits `s` at the commas (or ` | `) outside brackets, strings and comments.
fn split_top(s: &str, sep: &str) -> Vec<String> {
    let (mut parts, mut cur) = (Vec::new(), String::new());
    let (mut depth, mut in_str, mut in_comment) = (0i32, false, false);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if in_comment {
            if s[i..].starts_with("*/") {
                in_comment = false;
                cur.push_str("*/");
                i += 2;
                continue;
            }
        } else if in_str {
            in_str = c != '"';
        } else if s[i..].starts_with("/*") {
            in_comment = true;
        } else if c == '"' {
            in_str = true;
        } else if "{[(<".contains(c) {
            depth += 1;
        } else if "}])>".contains(c) {
            depth -= 1;
        } else if depth == 0 && s[i..].starts_with(sep) {
            parts.push(std::mem::take(&mut cur));
            i += sep.len();
            continue;
        }
        // Whole characters: the docs hold non-ASCII text.
        let ch = s[i..].chars().next().unwrap_or(' ');
        cur.push(ch);
        i += ch.len_utf8();
    }
    parts.push(cur);
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// One field per line for object types, one member per line for long unions.
fn pretty(decl: &str) -> String {
    let Some(eq) = decl.find(" = ") else {
        return decl.to_string();
    };
    let (head, body) = (&decl[..eq + 3], decl[eq + 3..].trim_end_matches(';'));
    // `{ … } & B` (a struct with a flattened generic part): the object, then the rest.
    let (body, tail) = match body.rfind("} & ") {
        Some(i) if body.starts_with('{') => (&body[..=i], &body[i + 1..]),
        _ => (body, ""),
    };
    if body.starts_with('{') && body.ends_with('}') && !body.starts_with("{ [") {
        let fields = split_top(&body[1..body.len() - 1], ",");
        let mut out = format!("{head}{{\n");
        for f in fields {
            for line in f.lines() {
                let line = line.trim();
                let line = if line.starts_with('*') {
                    format!(" {line}")
                } else {
                    line.to_string()
                };
                out.push_str("  ");
                out.push_str(&line);
                out.push('\n');
            }
            // The field itself ends the part: close it.
            out.truncate(out.trim_end().len());
            out.push_str(";\n");
        }
        out.push('}');
        out.push_str(tail);
        out.push(';');
        return out;
    }
    if body.len() > 80 {
        let members = split_top(body, " | ");
        if members.len() > 1 {
            return format!("{head}\n  | {};", members.join("\n  | "));
        }
    }
    decl.to_string()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Markers of the generated catalogue table in docs/METRICS.md.
const START: &str =
    "<!-- catalogue: generated by `cargo run --example generated`; do not edit -->\n";
const END: &str = "<!-- catalogue end -->";

/// `doc` with the table between the catalogue markers replaced by the current catalogue.
pub fn with_catalogue(doc: &str) -> String {
    let table = crate::metrics::catalogue::markdown();
    match (doc.find(START), doc.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{START}{table}{}", &doc[..a], &doc[b..]),
        _ => format!("{doc}\n{START}{table}{END}\n"),
    }
}

/// `name: [(ident, json name)]` of one vocabulary enum.
macro_rules! names {
    ($t:ty) => {
        (
            stringify!($t),
            <$t>::ALL
                .iter()
                .map(|v| (v.ident(), v.name()))
                .collect::<Vec<_>>(),
        )
    };
}

/// `pkg-config/vocabulary.js`: one frozen object per vocabulary enum the page and the CLI name
/// in code (`Role.Segment`), so no name is a string literal there and a misspelt constant
/// fails the type check. Lists and labels come from `vocabulary()` and `catalogue()`.
pub fn javascript_constants() -> String {
    use crate::vocab::*;
    let enums = [
        names!(Kind),
        names!(Role),
        names!(Metric),
        names!(Unit),
        names!(Baseline),
        names!(ErrorCode),
        names!(WarningCode),
        names!(RejectionCode),
    ];
    let mut out = String::from(
        "// Generated by `cargo run --example generated` from the Rust enums in src/vocab/; do not edit.\n\
         // The names the page and the CLI refer to in code: `Role.Segment`, not a string literal.\n",
    );
    for (name, values) in enums {
        out.push_str(&format!(
            "\nexport const {name} = Object.freeze(/** @type {{const}} */ ({{\n"
        ));
        for (ident, json) in values {
            out.push_str(&format!("  {ident}: '{json}',\n"));
        }
        out.push_str("}));\n");
    }
    out
}
