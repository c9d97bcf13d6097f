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

/// A value per member of a closed set, serialized as an object in the set's order (no map is
/// built: the page reads them once, and a map per set cost kilobytes of .wasm).
pub struct Labels<T: 'static, V>(pub &'static [T], pub fn(T) -> V);

impl<T: Copy + Serialize, V: Serialize> Serialize for Labels<T, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for &k in self.0 {
            m.serialize_entry(&k, &(self.1)(k))?;
        }
        m.end()
    }
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
    pub kind_labels: Labels<crate::vocab::Kind, &'static str>,
    /// The columns each kind cannot do without: every group needs a column in one of its roles.
    #[ts(type = "Record<Kind, Role[][]>")]
    pub kind_needs: Labels<crate::vocab::Kind, &'static [&'static [crate::vocab::Role]]>,
    /// How each value type is read and kept, in plain language.
    #[ts(type = "Record<ValueType, string>")]
    pub value_type_labels: Labels<crate::vocab::ValueType, &'static str>,
    /// How dates are written (the `dateOrder` option's values), with examples.
    #[ts(type = "Record<TimeFormat, string>")]
    pub time_format_labels: Labels<crate::ingest::time::TimeFormat, &'static str>,
    /// Decimal marks (the `decimalMark` option's values), with examples.
    #[ts(type = "Record<DecimalMark, string>")]
    pub decimal_mark_labels: Labels<crate::ingest::value::DecimalMark, &'static str>,
    /// RFM segments' names for people.
    #[ts(type = "Record<RfmSegment, string>")]
    pub rfm_segment_labels: Labels<crate::metrics::rfm::RfmSegment, &'static str>,
    /// Engagement tiers' names for people.
    #[ts(type = "Record<Engagement, string>")]
    pub engagement_labels: Labels<crate::metrics::rfm::Engagement, &'static str>,
    /// Roles several columns may have (the others go to one column at most).
    pub shared_roles: Vec<crate::vocab::Role>,
    /// What a column in each role holds, in plain language (for role pickers).
    #[ts(type = "Record<Role, string>")]
    pub role_labels: Labels<crate::vocab::Role, &'static str>,
    /// Which definition each variant is, in plain language (where a figure names its variant).
    #[ts(type = "Record<Variant, string>")]
    pub variant_labels: Labels<crate::vocab::Variant, &'static str>,
    /// Why values were rejected, in plain language (`rejected[].code`).
    #[ts(type = "Record<RejectionCode, string>")]
    pub rejection_labels: Labels<crate::vocab::RejectionCode, &'static str>,
    /// What happened to rejected values or rows, in plain language (`rejected[].fate`).
    #[ts(type = "Record<Fate, string>")]
    pub fate_labels: Labels<crate::error::Fate, &'static str>,
    /// What each warning is about, in plain language (`warnings[].code`).
    #[ts(type = "Record<WarningCode, string>")]
    pub warning_labels: Labels<crate::vocab::WarningCode, &'static str>,
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
        kind_labels: Labels(Kind::ALL, Kind::label),
        kind_needs: Labels(Kind::ALL, Kind::requirements),
        value_type_labels: Labels(ValueType::ALL, ValueType::label),
        time_format_labels: Labels(TimeFormat::ALL, TimeFormat::label),
        decimal_mark_labels: Labels(DecimalMark::ALL, DecimalMark::label),
        rfm_segment_labels: Labels(
            crate::metrics::rfm::RfmSegment::ALL,
            crate::metrics::rfm::RfmSegment::label,
        ),
        engagement_labels: Labels(
            crate::metrics::rfm::Engagement::ALL,
            crate::metrics::rfm::Engagement::label,
        ),
        shared_roles: Role::ALL
            .iter()
            .copied()
            .filter(|r| !r.is_unique())
            .collect(),
        role_labels: Labels(Role::ALL, Role::label),
        variant_labels: Labels(Variant::ALL, Variant::label),
        rejection_labels: Labels(
            crate::vocab::RejectionCode::ALL,
            crate::vocab::RejectionCode::label,
        ),
        fate_labels: Labels(crate::error::Fate::ALL, crate::error::Fate::label),
        warning_labels: Labels(
            crate::vocab::WarningCode::ALL,
            crate::vocab::WarningCode::label,
        ),
    }
}
