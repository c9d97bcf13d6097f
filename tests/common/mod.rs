//! Helpers shared by the integration tests: one tolerance, fixture loading, report access.
#![allow(dead_code)]

use engagement_metrics::error::{Rejection, Warning};
use engagement_metrics::report::{DatasetSummary, EventsReport, ReportHead, SurveyReport};
use engagement_metrics::{analyze, AnalyzeOptions, Report};

/// Absolute tolerance for figures checked "to 4 decimals" and better.
pub const TOL: f64 = 1e-9;

#[track_caller]
pub fn close(got: Option<f64>, want: f64, tol: f64) {
    let g = got.unwrap_or_else(|| panic!("expected {want}, got null"));
    assert!((g - want).abs() <= tol, "got {g}, want {want} (±{tol})");
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

pub fn options(json: &str) -> AnalyzeOptions {
    serde_json::from_str(json).expect("options json")
}

pub fn survey(bytes: &[u8], opts: &str) -> SurveyReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Survey(r) => *r,
        other => panic!("expected a survey report, got {:?}", other.kind()),
    }
}

/// The ingest part of a report (head, dataset, rejections, warnings).
pub struct DatasetReport {
    pub kind: engagement_metrics::vocab::Kind,
    pub head: ReportHead,
    pub dataset: DatasetSummary,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// The ingest part of any non-survey report.
pub fn dataset(bytes: &[u8], opts: &str) -> DatasetReport {
    let r = analyze(bytes, options(opts)).expect("analyze");
    assert!(
        r.kind() != engagement_metrics::vocab::Kind::Survey,
        "expected a dataset report, got a survey"
    );
    let s = r.shared();
    DatasetReport {
        kind: r.kind(),
        head: s.head.clone(),
        dataset: s.dataset.clone(),
        rejected: s.rejected.to_vec(),
        warnings: s.warnings.to_vec(),
    }
}

pub fn tickets(bytes: &[u8], opts: &str) -> engagement_metrics::report::TicketsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Tickets(r) => *r,
        other => panic!("expected a tickets report, got {:?}", other.kind()),
    }
}

pub fn campaigns(bytes: &[u8], opts: &str) -> engagement_metrics::report::CampaignsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Campaigns(r) => *r,
        other => panic!("expected a campaigns report, got {:?}", other.kind()),
    }
}

pub fn events(bytes: &[u8], opts: &str) -> EventsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Events(r) => *r,
        other => panic!("expected an events report, got {:?}", other.kind()),
    }
}

pub fn transactions(bytes: &[u8], opts: &str) -> engagement_metrics::report::TransactionsReport {
    match analyze(bytes, options(opts)).expect("analyze") {
        Report::Transactions(r) => *r,
        other => panic!("expected a transactions report, got {:?}", other.kind()),
    }
}

/// The report of a kind that must come out as `want` (social, reviews, mentions, scans).
pub fn report(bytes: &[u8], opts: &str) -> Report {
    analyze(bytes, options(opts)).expect("analyze")
}
