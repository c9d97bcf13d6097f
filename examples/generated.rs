//! Writes the files generated from the Rust types: the TypeScript declarations
//! (`src/wasm/types.d.ts`, see `src/typescript.rs`) and the metric catalogue's table in
//! docs/METRICS.md (between its `catalogue` markers). The package build runs it; tests check
//! that the committed files are current.

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn write(path: &str, text: &str) {
    let same = std::fs::read_to_string(path).is_ok_and(|old| old == text);
    if !same {
        std::fs::write(path, text).expect("write a generated file");
    }
    eprintln!(
        "generated: {path}{}",
        if same { " (unchanged)" } else { "" }
    );
}

fn main() {
    write(
        &format!("{ROOT}/src/wasm/types.d.ts"),
        &engagement_metrics::typescript::declarations(),
    );
    write(
        &format!("{ROOT}/pkg-config/vocabulary.js"),
        &engagement_metrics::typescript::javascript_constants(),
    );
    let docs = format!("{ROOT}/docs/METRICS.md");
    let text = std::fs::read_to_string(&docs).expect("docs/METRICS.md");
    write(
        &docs,
        &engagement_metrics::typescript::with_catalogue(&text),
    );
}
