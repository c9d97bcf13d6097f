//! Scans of QR codes or digital business cards: how many, from which device types and
//! locations, per period; distinct scanners when the file identifies them.

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::dataset::table::Table;
use crate::ingest::infer::Role;
use crate::metrics::figure::Definition;
use crate::metrics::rate::Rate;
use crate::period::Periodizer;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ScanCount")]
pub struct Count {
    pub name: String,
    pub scans: u64,
    /// scans / all scans.
    pub share: Rate,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanMetrics {
    pub scans: u64,
    /// Distinct people or devices (null without an id column).
    pub unique_scanners: Option<u64>,
    /// Largest first.
    pub by_device: Vec<Count>,
    pub by_location: Vec<Count>,
    /// In time order.
    pub periods: Vec<Count>,
    pub definition: Definition,
}

/// One count per group, in the groups' order (`Table::groups`: largest first, then by name).
fn counts(groups: Vec<(String, Vec<usize>)>, total: u64, level: f64) -> Vec<Count> {
    groups
        .into_iter()
        .map(|(name, r)| Count {
            name,
            scans: r.len() as u64,
            share: Rate::of(r.len() as u64, total, "no scans").share(level),
        })
        .collect()
}

pub fn scans(table: &Table, p: &mut Periodizer, level: f64) -> ScanMetrics {
    let n = table.rows as u64;
    let unique_scanners = table.distinct(Role::UserId);
    ScanMetrics {
        scans: n,
        unique_scanners,
        by_device: counts(table.groups(Role::Device), n, level),
        by_location: counts(table.groups(Role::Location), n, level),
        periods: counts(table.period_groups(p), n, level),
        definition: Definition::new(
            Metric::Scans,
            Variant::Count,
            Unit::Ratio,
            "scans = rows; share = scans of the group / all scans; rows without a device or location count under \"(none)\"; periods by the scan time in the report time zone",
        ),
    }
}
