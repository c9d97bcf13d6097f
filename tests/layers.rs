//! The layers of docs/ARCHITECTURE.md, checked: a module may use its own layer and the layers
//! below it, never one above. Every `crate::…` path in `src/` is read (comments left out).

use std::collections::BTreeSet;
use std::path::Path;

/// Bottom to top. Modules on one line form one layer.
const LAYERS: &[&[&str]] = &[
    &["vocab", "error", "work", "wire"],
    &["period", "stats", "text"],
    &["ingest"],
    &["dataset"],
    &["metrics"],
    &["options", "calculators"],
    &["report"],
    &["analyze"],
    &["api", "typescript", "wasm"],
];

/// Names lib.rs re-exports at the crate root, with the module they come from.
const ROOT: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Warning", "error"),
    ("AnalyzeOptions", "options"),
    ("Report", "report"),
    ("Schema", "report"),
    ("Analyzer", "analyze"),
    ("Progress", "analyze"),
];

fn layer(module: &str) -> Option<usize> {
    let module = ROOT
        .iter()
        .find(|(n, _)| *n == module)
        .map_or(module, |(_, m)| m);
    LAYERS.iter().position(|l| l.contains(&module))
}

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

/// The top-level modules a file names through `crate::`, including inside `use crate::{a, b}`.
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn nothing_imports_upward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut upward = Vec::new();
    let mut unknown = BTreeSet::new();
    let mut checked = 0;
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue;
        }
        let Some(own) = layer(&module) else {
            unknown.insert(module);
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in used_modules(&text) {
            checked += 1;
            match layer(&used) {
                Some(l) if l > own => upward.push(format!(
                    "{} ({}) uses crate::{used} ({})",
                    rel.display(),
                    LAYERS[own].join("/"),
                    LAYERS[l].join("/")
                )),
                Some(_) => {}
                None => {
                    unknown.insert(used);
                }
            }
        }
    }
    // Every module of the crate has a layer (a new one must be placed in LAYERS).
    assert!(unknown.is_empty(), "modules without a layer: {unknown:?}");
    assert!(checked > 100, "only {checked} crate paths read");
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
    eprintln!(
        "layers: {} files, {checked} crate paths, none upward",
        all.len()
    );
}
