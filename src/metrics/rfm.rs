//! RFM: recency, frequency and monetary value per customer, scored 1–5 by quintile, and named
//! segments from the recency × frequency grid.
//!
//! Recency = whole local days from the customer's last purchase to the as-of day (the last day
//! of the data); frequency = orders; monetary = net revenue (refunds subtracted). Scores: the
//! customers are ranked by the value (recency: most recent first), and a customer's score is
//! 1 + ⌊5 · r / n⌋ where r is the 0-based rank of the *first* customer with the same value — so
//! ties always share a score, whatever their order in the file.

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::metrics::figure::Definition;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRfm {
    pub customer: String,
    pub recency_days: i64,
    pub frequency: u64,
    pub monetary: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: RfmSegment,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "RfmSegmentSummary")]
pub struct SegmentSummary {
    pub segment: RfmSegment,
    /// The engagement level the segment belongs to.
    pub engagement: Engagement,
    pub customers: u64,
    pub revenue: f64,
    pub share_of_customers: Option<f64>,
    pub share_of_revenue: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Rfm {
    /// The day recency is measured to (YYYY-MM-DD, report time zone).
    pub as_of: String,
    pub segments: Vec<SegmentSummary>,
    /// Per customer; only with the `rfmCustomers` option (large).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub customers: Option<Vec<CustomerRfm>>,
    pub definition: Definition,
}

crate::vocab::vocabulary! {
    /// An RFM segment, from the recency and frequency scores (report order).
    pub enum RfmSegment {
        Champions = "champions",
        Loyal = "loyal",
        PotentialLoyalists = "potentialLoyalists",
        NewCustomers = "newCustomers",
        NeedAttention = "needAttention",
        AboutToSleep = "aboutToSleep",
        AtRisk = "atRisk",
        CantLoseThem = "cantLoseThem",
        Hibernating = "hibernating",
        Lost = "lost",
    }
}

crate::vocab::vocabulary! {
    /// How engaged a customer is, from most to least.
    pub enum Engagement {
        HighlyEngaged = "highlyEngaged",
        Engaged = "engaged",
        AtRisk = "atRisk",
        Dormant = "dormant",
    }
}

impl RfmSegment {
    /// The segment's name for people.
    pub const fn label(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalists => "Potential loyalists",
            RfmSegment::NewCustomers => "New customers",
            RfmSegment::NeedAttention => "Need attention",
            RfmSegment::AboutToSleep => "About to sleep",
            RfmSegment::AtRisk => "At risk",
            RfmSegment::CantLoseThem => "Can't lose them",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
        }
    }
}

impl Engagement {
    /// The tier's name for people.
    pub const fn label(self) -> &'static str {
        match self {
            Engagement::HighlyEngaged => "Highly engaged",
            Engagement::Engaged => "Engaged",
            Engagement::AtRisk => "At risk",
            Engagement::Dormant => "Dormant",
        }
    }
}

impl RfmSegment {
    /// The engagement level the segment belongs to.
    pub fn engagement(self) -> Engagement {
        use RfmSegment::*;
        match self {
            Champions | Loyal => Engagement::HighlyEngaged,
            PotentialLoyalists | NewCustomers | NeedAttention => Engagement::Engaged,
            AboutToSleep | AtRisk | CantLoseThem => Engagement::AtRisk,
            Hibernating | Lost => Engagement::Dormant,
        }
    }
}

/// The segment of an (R, F) pair; the grid is a partition of the 25 cells.
pub fn segment(r: u8, f: u8) -> RfmSegment {
    use RfmSegment::*;
    match (r, f) {
        (4..=5, 4..=5) => Champions,
        (4..=5, 2..=3) => PotentialLoyalists,
        (4..=5, _) => NewCustomers,
        (3, 4..=5) => Loyal,
        (3, 2..=3) => NeedAttention,
        (3, _) => AboutToSleep,
        (2, 3..=5) => AtRisk,
        (2, _) => Hibernating,
        (_, 4..=5) => CantLoseThem,
        (_, 3) => AtRisk,
        _ => Lost,
    }
}

/// Quintile scores 1–5 of `values` (higher value → higher score), ties sharing a score.
pub fn quintiles(values: &[f64]) -> Vec<u8> {
    let n = values.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut score = vec![0u8; n];
    let mut first = 0;
    for (r, &i) in idx.iter().enumerate() {
        if r > 0 && values[i] != values[idx[r - 1]] {
            first = r;
        }
        score[i] = 1 + (5 * first / n) as u8;
    }
    score
}

/// Per customer: last purchase day, orders, net revenue (customers without a purchase are
/// left out). `names[c]` is the customer id.
pub fn rfm(
    names: &[String],
    last_day: &[Option<i64>],
    orders: &[u64],
    revenue: &[f64],
    as_of: i64,
    as_of_label: String,
    with_customers: bool,
) -> Rfm {
    // By customer id: the list and the sums do not depend on the order of the rows.
    let mut buyers: Vec<usize> = (0..names.len())
        .filter(|&c| last_day[c].is_some())
        .collect();
    crate::dataset::table::sort_by_name(&mut buyers, names);
    let recency: Vec<f64> = buyers
        .iter()
        .map(|&c| -((as_of - last_day[c].unwrap_or(as_of)) as f64))
        .collect();
    let freq: Vec<f64> = buyers.iter().map(|&c| orders[c] as f64).collect();
    let money: Vec<f64> = buyers.iter().map(|&c| revenue[c]).collect();
    let (rs, fs, ms) = (quintiles(&recency), quintiles(&freq), quintiles(&money));
    let total_rev = crate::stats::exact_sum(money.iter().copied());
    let mut seg_count = vec![0u64; RfmSegment::ALL.len()];
    let mut seg_rev = vec![crate::stats::ExactSum::new(); RfmSegment::ALL.len()];
    let mut customers = Vec::new();
    for (k, &c) in buyers.iter().enumerate() {
        let name = segment(rs[k], fs[k]);
        let s = name as usize;
        seg_count[s] += 1;
        seg_rev[s].add(money[k]);
        if with_customers {
            customers.push(CustomerRfm {
                customer: names[c].clone(),
                recency_days: -recency[k] as i64,
                frequency: orders[c],
                monetary: money[k],
                r: rs[k],
                f: fs[k],
                m: ms[k],
                segment: name,
            });
        }
    }
    let n = buyers.len() as f64;
    Rfm {
        as_of: as_of_label,
        segments: RfmSegment::ALL
            .iter()
            .enumerate()
            .map(|(s, &segment)| SegmentSummary {
                segment,
                engagement: segment.engagement(),
                customers: seg_count[s],
                revenue: seg_rev[s].value(),
                share_of_customers: (n > 0.0).then(|| seg_count[s] as f64 / n),
                share_of_revenue: (total_rev != 0.0).then(|| seg_rev[s].value() / total_rev),
            })
            .collect(),
        customers: with_customers.then_some(customers),
        definition: Definition::new(
            Metric::Rfm,
            Variant::Quintiles,
            Unit::Score,
            "R, F, M = 1 + ⌊5 · rank / n⌋ by recency (days to the as-of day, more recent = higher), orders and net revenue, ties sharing the lowest rank; segment from R × F: R 4–5: F 4–5 champions, 2–3 potential loyalists, 1 new; R 3: F 4–5 loyal, 2–3 need attention, 1 about to sleep; R 2: F 3–5 at risk, 1–2 hibernating; R 1: F 4–5 can't lose them, 3 at risk, 1–2 lost",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintiles_share_scores_on_ties() {
        assert_eq!(quintiles(&[10.0, 20.0, 30.0, 40.0, 50.0]), [1, 2, 3, 4, 5]);
        assert_eq!(quintiles(&[5.0, 5.0, 5.0, 9.0, 1.0]), [2, 2, 2, 5, 1]);
        assert_eq!(quintiles(&[3.0; 4]), [1, 1, 1, 1]);
    }

    #[test]
    fn the_grid_is_a_partition() {
        for r in 1..=5 {
            for f in 1..=5 {
                assert!(RfmSegment::ALL.contains(&segment(r, f)));
            }
        }
        assert_eq!(segment(5, 5), "champions");
        assert_eq!(segment(1, 5), "cantLoseThem");
        assert_eq!(segment(1, 1), "lost");
    }
}
