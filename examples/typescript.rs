//! Writes the generated TypeScript declarations (see `src/typescript.rs`) to
//! `src/wasm/types.d.ts`, or to the path given.
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| format!("{}/src/wasm/types.d.ts", env!("CARGO_MANIFEST_DIR")));
    let text = engagement_metrics::typescript::declarations();
    let same = std::fs::read_to_string(&path).is_ok_and(|old| old == text);
    if !same {
        std::fs::write(&path, &text).expect("write the declarations");
    }
    eprintln!(
        "typescript: {path} ({} lines{})",
        text.lines().count(),
        if same { ", unchanged" } else { "" }
    );
}
