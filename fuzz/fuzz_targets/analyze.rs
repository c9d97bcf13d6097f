//! Arbitrary bytes, cut into arbitrary chunks, through the whole engine: format and encoding
//! sniffing, the CSV / JSON / xlsx readers, schema inference, kind detection and the builders.
//! Any panic is a bug (in wasm it would kill the instance); errors are fine.
#![no_main]

use engagement_metrics::{AnalyzeOptions, Analyzer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    // Low bits: chunk size; high bits: a forced format / kind, or detection.
    let chunk = 1 + (ctl & 0x0f) as usize * 7;
    let mut opts = AnalyzeOptions::default();
    match ctl >> 4 {
        1 => opts.format = Some("json".into()),
        2 => opts.format = Some("ndjson".into()),
        3 => opts.kind = Some("events".into()),
        4 => opts.kind = Some("transactions".into()),
        5 => opts.decimal_mark = Some("comma".into()),
        6 => opts.date_order = Some("dmy".into()),
        7 => opts.timezone = Some("Europe/Paris".into()),
        8 => opts.max_distinct_ids = Some(3),
        _ => {}
    }
    let Ok(mut a) = Analyzer::new(opts) else {
        return;
    };
    for c in rest.chunks(chunk) {
        if a.push(c).is_err() {
            return;
        }
    }
    let _ = a.finish();
});
