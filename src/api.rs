//! The shapes of the public functions' own arguments and results that are not part of a
//! report (NPS counts, build information…), shared by the bindings and the TypeScript contract.

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The three NPS group counts (`npsFromCounts`).
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NpsCounts {
    pub promoters: f64,
    pub passives: f64,
    pub detractors: f64,
}

impl NpsCounts {
    pub fn checked(&self) -> Result<[u64; 3], Error> {
        let mut out = [0u64; 3];
        for (i, (name, v)) in [
            ("promoters", self.promoters),
            ("passives", self.passives),
            ("detractors", self.detractors),
        ]
        .into_iter()
        .enumerate()
        {
            out[i] = crate::stats::whole_count(v)
                .ok_or_else(|| Error::option(name, format!("{v} is not a whole number ≥ 0")))?;
        }
        Ok(out)
    }
}

/// Options of the functions whose only option is the confidence level.
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ConfidenceOptions {
    /// Confidence level of the intervals (default 0.95).
    pub confidence: Option<f64>,
}

/// Version and build of the engine, for bug reports.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BuildInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub git_revision: &'static str,
}

/// `abTestFromRows` rows, read through the same JSON path as options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbRows {
    pub rows: Vec<crate::metrics::ab::AbRow>,
}

/// Every closed set of names, for pages and tools that list them (role pickers, kind menus).
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub kinds: &'static [crate::vocab::Kind],
    pub roles: &'static [crate::vocab::Role],
    pub granularities: &'static [crate::period::Granularity],
    pub week_starts: &'static [crate::period::WeekStart],
    pub metrics: &'static [crate::vocab::Metric],
    pub targets: &'static [crate::vocab::Metric],
    pub error_codes: &'static [crate::vocab::ErrorCode],
    pub warning_codes: &'static [crate::vocab::WarningCode],
    pub rejection_codes: &'static [crate::vocab::RejectionCode],
    pub units: &'static [crate::vocab::Unit],
    pub presets: &'static [crate::metrics::events::options::Preset],
    /// What each kind's file holds, in plain language (for menus).
    #[ts(type = "Record<Kind, string>")]
    pub kind_labels: std::collections::BTreeMap<crate::vocab::Kind, &'static str>,
    /// The columns each kind cannot do without: every group needs a column in one of its roles.
    #[ts(type = "Record<Kind, Role[][]>")]
    pub kind_needs:
        std::collections::BTreeMap<crate::vocab::Kind, &'static [&'static [crate::vocab::Role]]>,
    /// How each value type is read and kept, in plain language.
    #[ts(type = "Record<ValueType, string>")]
    pub value_type_labels: std::collections::BTreeMap<crate::vocab::ValueType, &'static str>,
    /// How dates are written (the `dateOrder` option's values), with examples.
    #[ts(type = "Record<TimeFormat, string>")]
    pub time_format_labels:
        std::collections::BTreeMap<crate::ingest::time::TimeFormat, &'static str>,
    /// Decimal marks (the `decimalMark` option's values), with examples.
    #[ts(type = "Record<DecimalMark, string>")]
    pub decimal_mark_labels:
        std::collections::BTreeMap<crate::ingest::value::DecimalMark, &'static str>,
    /// RFM segments' names for people.
    #[ts(type = "Record<RfmSegment, string>")]
    pub rfm_segment_labels:
        std::collections::BTreeMap<crate::metrics::rfm::RfmSegment, &'static str>,
    /// Engagement tiers' names for people.
    #[ts(type = "Record<Engagement, string>")]
    pub engagement_labels:
        std::collections::BTreeMap<crate::metrics::rfm::Engagement, &'static str>,
    /// Roles several columns may have (the others go to one column at most).
    pub shared_roles: Vec<crate::vocab::Role>,
    /// What a column in each role holds, in plain language (for role pickers).
    #[ts(type = "Record<Role, string>")]
    pub role_labels: std::collections::BTreeMap<crate::vocab::Role, &'static str>,
    /// Which definition each variant is, in plain language (where a figure names its variant).
    #[ts(type = "Record<Variant, string>")]
    pub variant_labels: std::collections::BTreeMap<crate::vocab::Variant, &'static str>,
}

/// The vocabulary with its labels.
pub fn vocabulary() -> Vocabulary {
    use crate::ingest::{time::TimeFormat, value::DecimalMark};
    use crate::vocab::{Kind, Role, ValueType, Variant};
    Vocabulary {
        kinds: crate::vocab::Kind::ALL,
        roles: crate::vocab::Role::ALL,
        granularities: crate::period::Granularity::ALL,
        week_starts: crate::period::WeekStart::ALL,
        metrics: crate::vocab::Metric::ALL,
        targets: crate::vocab::Metric::TARGETS,
        error_codes: crate::vocab::ErrorCode::ALL,
        warning_codes: crate::vocab::WarningCode::ALL,
        rejection_codes: crate::vocab::RejectionCode::ALL,
        units: crate::vocab::Unit::ALL,
        presets: crate::metrics::events::options::Preset::ALL,
        kind_labels: Kind::ALL.iter().map(|k| (*k, k.label())).collect(),
        kind_needs: Kind::ALL.iter().map(|k| (*k, k.requirements())).collect(),
        value_type_labels: ValueType::ALL.iter().map(|v| (*v, v.label())).collect(),
        time_format_labels: TimeFormat::ALL.iter().map(|v| (*v, v.label())).collect(),
        decimal_mark_labels: DecimalMark::ALL.iter().map(|v| (*v, v.label())).collect(),
        rfm_segment_labels: crate::metrics::rfm::RfmSegment::ALL
            .iter()
            .map(|v| (*v, v.label()))
            .collect(),
        engagement_labels: crate::metrics::rfm::Engagement::ALL
            .iter()
            .map(|v| (*v, v.label()))
            .collect(),
        shared_roles: Role::ALL
            .iter()
            .copied()
            .filter(|r| !r.is_unique())
            .collect(),
        role_labels: Role::ALL.iter().map(|r| (*r, r.label())).collect(),
        variant_labels: Variant::ALL.iter().map(|v| (*v, v.label())).collect(),
    }
}
