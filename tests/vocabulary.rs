//! One vocabulary: no kind, role, code, metric or calculator name is written as a string
//! literal in `src/` outside `src/vocab/`. Two places hold such words legitimately and are
//! left out, each for its reason:
//! - `src/ingest/words.rs`: the words people write in headers and event names ("clicks",
//!   "conversion"), which are data the inference reads, not the engine's names;
//! - the input names of calculators (`num("churnRate", …)`, `input("sent")`): each calculator's
//!   own parameters, typed by the generated `Calculation` union.
//!
//! Test modules are left out: tests assert the names as the contract spells them.

use engagement_metrics::vocab::{
    ErrorCode, Formula, Kind, Metric, RejectionCode, Role, WarningCode,
};
use std::collections::BTreeMap;
use std::path::Path;

fn names() -> BTreeMap<&'static str, &'static str> {
    let mut out = BTreeMap::new();
    let mut add = |enum_name: &'static str, names: Vec<&'static str>| {
        for n in names {
            out.entry(n).or_insert(enum_name);
        }
    };
    add("Kind", Kind::ALL.iter().map(|v| v.name()).collect());
    add("Role", Role::ALL.iter().map(|v| v.name()).collect());
    add(
        "ErrorCode",
        ErrorCode::ALL.iter().map(|v| v.name()).collect(),
    );
    add(
        "WarningCode",
        WarningCode::ALL.iter().map(|v| v.name()).collect(),
    );
    add(
        "RejectionCode",
        RejectionCode::ALL.iter().map(|v| v.name()).collect(),
    );
    add("Metric", Metric::ALL.iter().map(|v| v.name()).collect());
    add("Formula", Formula::ALL.iter().map(|v| v.name()).collect());
    out
}

/// The calls whose first argument names a calculator input.
const INPUT_CALLS: &[&str] = &[
    "num(",
    "input(",
    "fraction(",
    "count(",
    "positive(",
    "open_unit(",
    "number(",
    "numbers(",
];

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_name_is_a_string_literal_outside_its_enum() {
    let names = names();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut found = Vec::new();
    let mut literals = 0;
    for path in &all {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("vocab/") || rel == "ingest/words.rs" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") {
                continue;
            }
            let line = line.split(" // ").next().unwrap_or(line);
            let mut rest = line;
            while let Some(i) = rest.find('"') {
                let before = &rest[..i];
                let after = &rest[i + 1..];
                let Some(j) = after.find('"') else { break };
                let lit = &after[..j];
                literals += 1;
                let input =
                    rel == "calculators.rs" && INPUT_CALLS.iter().any(|c| before.ends_with(c));
                if let Some(e) = names.get(lit).filter(|_| !input) {
                    found.push(format!("src/{rel}:{}: \"{lit}\" is a {e} name", n + 1));
                }
                rest = &after[j + 1..];
            }
        }
    }
    assert!(literals > 1000, "only {literals} literals read");
    assert!(
        found.is_empty(),
        "write these through their enum:\n{}",
        found.join("\n")
    );
}

/// The JavaScript of the page and the CLI: names come from `vocabulary.js` (generated from the
/// enums), `vocabulary()` and `catalogue()`, never as a literal ('segment', "openRate"). Left
/// out: the DOM's own words, which only look like names: tag names (`svg('text')`) and the ids
/// and test ids of elements (`$('funnel')`, `card('nps', …)`), the first argument of the DOM
/// helpers in [`DOM_CALLS`].
#[test]
fn the_page_and_the_cli_write_no_name_as_a_literal() {
    let names = names();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    js_files(&root.join("www"), &mut all);
    js_files(&root.join("pkg-config"), &mut all);
    let mut found = Vec::new();
    let mut literals = 0;
    for path in &all {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "pkg-config/vocabulary.js" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") || line.trim_start().starts_with('*') {
                continue;
            }
            for (before, lit) in js_literals(line) {
                literals += 1;
                if DOM_CALLS.iter().any(|c| before.ends_with(c)) {
                    continue;
                }
                if let Some(e) = names.get(lit.as_str()) {
                    found.push(format!("{rel}:{}: '{lit}' is a {e} name", n + 1));
                }
            }
        }
    }
    assert!(
        literals > 500,
        "only {literals} literals read in {} files",
        all.len()
    );
    assert!(
        found.is_empty(),
        "use the constants of vocabulary.js (Role.Segment) or the catalogue:\n{}",
        found.join("\n")
    );
}

/// Calls and keys whose next literal is a tag name or an element / test id.
const DOM_CALLS: &[&str] = &[
    "el(",
    "svg(",
    "$(",
    "fillTable(",
    "changesTable(",
    "heatmap(",
    "card(",
    "'data-testid': ",
    "testid: ",
    "id: ",
];

fn js_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            // www/pkg is the build's copy of the package; samples are data.
            if name != "pkg" && name != "samples" {
                js_files(&p, out);
            }
        } else if name.ends_with(".js") || name.ends_with(".mjs") {
            out.push(p);
        }
    }
}

/// The string literals of one line of JavaScript: '…', "…" and `…` (a template's text outside
/// its `${}`), each with the code before it, up to a trailing `//` comment and outside
/// `/* … */` comments.
fn js_literals(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    let mut prev = ' ';
    let mut code = String::new();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') && prev != '\\' && prev != ':' {
            break;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            let mut last = ' ';
            for d in chars.by_ref() {
                if last == '*' && d == '/' {
                    break;
                }
                last = d;
            }
            continue;
        }
        if c == '\'' || c == '"' || c == '`' {
            let before = code.trim_end().to_string() + if code.ends_with(' ') { " " } else { "" };
            let mut lit = String::new();
            let mut depth = 0;
            while let Some(d) = chars.next() {
                if d == '\\' {
                    chars.next();
                    continue;
                }
                if c == '`' && d == '$' && chars.peek() == Some(&'{') {
                    depth += 1;
                    chars.next();
                    out.push((before.clone(), std::mem::take(&mut lit)));
                    continue;
                }
                if depth > 0 {
                    if d == '}' {
                        depth -= 1;
                    }
                    continue;
                }
                if d == c {
                    break;
                }
                lit.push(d);
            }
            code.push_str(&format!("'{lit}'"));
            out.push((before, lit));
        } else {
            code.push(c);
        }
        prev = c;
    }
    out
}
