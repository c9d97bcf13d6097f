//! Streaming must not change results: the same bytes split anywhere give the same report, and
//! no input makes the engine panic (a panic would kill the wasm instance).

mod common;

use engagement_metrics::{analyze, AnalyzeOptions, Analyzer};
use proptest::prelude::*;

fn chunked(bytes: &[u8], cuts: &[usize], opts: &AnalyzeOptions) -> String {
    let mut a = Analyzer::new(opts.clone()).unwrap();
    let mut last = 0;
    for &c in cuts {
        if let Err(e) = a.push(&bytes[last..c]) {
            return format!("error {}", e.code());
        }
        last = c;
    }
    if let Err(e) = a.push(&bytes[last..]) {
        return format!("error {}", e.code());
    }
    match a.finish() {
        Ok(r) => format!("{r:?}"),
        Err(e) => format!("error {}", e.code()),
    }
}

fn whole(bytes: &[u8], opts: &AnalyzeOptions) -> String {
    match analyze(bytes, opts.clone()) {
        Ok(r) => format!("{r:?}"),
        Err(e) => format!("error {}", e.code()),
    }
}

/// The fixture plus variants that stress the decoder: BOM, CRLF, UTF-16.
fn inputs() -> Vec<Vec<u8>> {
    let base = common::fixture("survey-small.csv");
    let crlf: Vec<u8> = String::from_utf8(base.clone())
        .unwrap()
        .replace('\n', "\r\n")
        .into_bytes();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&base);
    let mut utf16 = vec![0xFE, 0xFF];
    for u in String::from_utf8(base.clone()).unwrap().encode_utf16() {
        utf16.extend_from_slice(&u.to_be_bytes());
    }
    let mut all = vec![base, crlf, bom, utf16];
    // Every other kind and format: events, transactions, JSON, NDJSON, CR line ends, blank lines.
    for name in [
        "events.json",
        "events.ndjson",
        "amounts.csv",
        "semicolon.csv",
        "tab.tsv",
        "header-only.csv",
    ] {
        all.push(
            std::fs::read(format!(
                "{}/tests/corpus/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        );
    }
    let events = "user_id,timestamp,event,page\r\nu1,2024-01-01T10:00:00Z,view,/\r\n\r\nu2,2024-01-01 11:00,\"click\nthrough\",/a\r\nu1,bad,view,/\r";
    all.push(events.as_bytes().to_vec());
    all.push(events.replace("\r\n", "\r").into_bytes());
    all
}

#[test]
fn every_single_split_gives_the_same_report() {
    let opts = AnalyzeOptions::default();
    for input in inputs() {
        let want = whole(&input, &opts);
        assert!(!want.starts_with("error"), "{want}");
        for cut in 0..=input.len() {
            assert_eq!(chunked(&input, &[cut], &opts), want, "split at byte {cut}");
        }
    }
}

#[test]
fn one_byte_chunks_give_the_same_report() {
    let opts = AnalyzeOptions::default();
    for input in inputs() {
        let cuts: Vec<usize> = (1..input.len()).collect();
        assert_eq!(chunked(&input, &cuts, &opts), whole(&input, &opts));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_chunkings_agree(mut cuts in proptest::collection::vec(0usize..400, 0..12)) {
        let opts = AnalyzeOptions::default();
        for input in inputs() {
            let mut cs: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
            cs.sort_unstable();
            prop_assert_eq!(chunked(&input, &cs, &opts), whole(&input, &opts));
        }
        cuts.clear();
    }

    #[test]
    fn json_like_text_never_panics(text in "[a-z0-9{}\\[\\],:\" \\n.-]{0,300}", array in any::<bool>(), cut in 0usize..300) {
        let head = if array { "[{\"user\":\"u\",\"time\":\"2024-01-01\",\"event\":\"x\"}," } else { "{\"user_id\":\"u\",\"ts\":\"2024-01-01\"}\n" };
        let bytes = format!("{head}{text}").into_bytes();
        let cut = cut.min(bytes.len());
        let opts = AnalyzeOptions::default();
        prop_assert_eq!(chunked(&bytes, &[cut], &opts), whole(&bytes, &opts));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), cut in 0usize..600) {
        let opts = AnalyzeOptions::default();
        let cut = cut.min(bytes.len());
        let _ = chunked(&bytes, &[cut], &opts);
    }

    #[test]
    fn csv_like_text_never_panics(text in "[a-z0-9,;\"\\n\\r\\t :/.-]{0,300}", prefix in prop::sample::select(vec!["nps,date\n", "csat;ces\n", "score\tdate\n", "user_id,timestamp,event\n", "customer;date;amount\n", ""])) {
        let bytes = format!("{prefix}{text}").into_bytes();
        let _ = whole(&bytes, &AnalyzeOptions::default());
    }
}
