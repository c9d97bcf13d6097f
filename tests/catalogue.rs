//! The metric catalogue against real reports: every place it names exists in the golden report
//! of a sample of that kind, and every metric a report names has an entry.

use engagement_metrics::metrics::catalogue::catalogue;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn golden(name: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/tests/golden/{name}.json")).unwrap(),
    )
    .unwrap()
}

/// Follows `a.b[].c` into `v`; `[]` takes every element (a path through an empty list holds).
fn exists(v: &Value, path: &[&str]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    let (key, all) = match first.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (*first, false),
    };
    // A figure the sample does not have (no activation event) is null, not missing.
    if v.is_null() {
        return true;
    }
    let Some(next) = v.get(key) else {
        return false;
    };
    if all {
        let Some(items) = next.as_array() else {
            return false;
        };
        items.iter().all(|i| exists(i, rest))
    } else {
        exists(next, rest)
    }
}

#[test]
fn every_place_is_in_a_real_report() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for m in catalogue() {
        for p in &m.places {
            // The transactions sample fitted (clv), the event sample with its funnel and cart.
            let report = match p.kind.name() {
                "transactions" => golden("sample-transactions-clv"),
                k => golden(&format!("sample-{k}")),
            };
            let path: Vec<&str> = p.path.split('.').collect();
            checked += 1;
            // A place may be null in a sample without that figure (no activation events).
            if !exists(&report, &path) && !exists(&report, &path[..1]) {
                missing.push(format!("{} in {}: {}", m.id, p.kind, p.path));
            } else if !exists(&report, &path) {
                let parent = &path[..path.len() - 1];
                let null = parent
                    .iter()
                    .try_fold(&report, |v, k| v.get(k.trim_end_matches("[]")))
                    .is_some_and(Value::is_null);
                if !null {
                    missing.push(format!("{} in {}: {}", m.id, p.kind, p.path));
                }
            }
        }
    }
    assert!(checked > 50, "{checked}");
    assert!(
        missing.is_empty(),
        "not in the sample reports:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_metric_a_report_names_is_in_the_catalogue() {
    let ids: Vec<String> = catalogue()
        .iter()
        .map(|m| m.id.name().to_string())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    fn walk(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(m)) = o.get("metric") {
                    out.insert(m.clone());
                }
                o.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    for e in std::fs::read_dir(format!("{ROOT}/tests/golden")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") && !p.ends_with("cases.json") {
            walk(
                &serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
                &mut seen,
            );
        }
    }
    let unknown: Vec<&String> = seen.iter().filter(|m| !ids.contains(m)).collect();
    assert!(seen.len() > 20, "{seen:?}");
    assert!(unknown.is_empty(), "{unknown:?}");
}
