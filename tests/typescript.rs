//! The TypeScript declarations: the committed `src/wasm/types.d.ts` is what the Rust types
//! generate now, it has no `any`, and the fields that name a closed set are typed by it.

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn the_committed_declarations_are_current() {
    let want = engagement_metrics::typescript::declarations();
    let got = std::fs::read_to_string(format!("{ROOT}/src/wasm/types.d.ts")).unwrap();
    assert!(
        got == want,
        "src/wasm/types.d.ts is stale: run `cargo run --example generated` and commit it"
    );
}

#[test]
fn the_committed_javascript_constants_are_current() {
    let want = engagement_metrics::typescript::javascript_constants();
    let got = std::fs::read_to_string(format!("{ROOT}/pkg-config/vocabulary.js")).unwrap();
    assert!(
        got == want,
        "pkg-config/vocabulary.js is stale: run `cargo run --example generated` and commit it"
    );
    // Every role, spelt as the enum spells it.
    for r in engagement_metrics::vocab::Role::ALL {
        assert!(got.contains(&format!("  {}: '{}',\n", r.ident(), r.name())));
    }
}

#[test]
fn closed_sets_are_not_strings() {
    let text = engagement_metrics::typescript::declarations();
    let code: String = text
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("*") && !t.starts_with("/**") && !t.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!code.contains("any"), "`any` in the declarations");
    // Fields named after a vocabulary (a kind, role, code, metric, unit…) carry its union.
    let closed = [
        "kind",
        "role",
        "code",
        "metric",
        "unit",
        "method",
        "source",
        "direction",
        "correction",
        "test",
        "granularity",
        "weekStart",
        "format",
        "encoding",
        "fate",
        "valueType",
        "segment",
        "engagement",
        "weighting",
        "preset",
        "quantiles",
    ];
    let mut strings = Vec::new();
    for line in code.lines() {
        let t = line.trim();
        for f in closed {
            if t.starts_with(&format!("{f}: string")) || t.starts_with(&format!("{f}?: string")) {
                strings.push(t.to_string());
            }
        }
    }
    assert!(
        strings.is_empty(),
        "closed sets typed as string: {strings:?}"
    );
    // (A/B variants and compared groups are names from the data.)
    assert!(code.contains("  variant: Variant;"));
    assert!(code.matches("export type ").count() > 150);
}

#[test]
fn the_catalogue_table_in_the_docs_is_current() {
    let doc = std::fs::read_to_string(format!("{ROOT}/docs/METRICS.md")).unwrap();
    assert!(
        engagement_metrics::typescript::with_catalogue(&doc) == doc,
        "docs/METRICS.md's catalogue table is stale: run `cargo run --example generated`"
    );
}
