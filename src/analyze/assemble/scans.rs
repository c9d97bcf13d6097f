//! Scan reports: counts by device, location and period.

use super::Context;
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::metrics::signals::Signals;
use crate::report::{Report, ScansBody};

pub(super) fn report(table: Table, dataset: DatasetSummary, ctx: Context<'_>) -> Report {
    let mut periodizer = ctx.periodizer();
    let scans = crate::metrics::scans::scans(&table, &mut periodizer, ctx.resolved.confidence);
    // Scans have no rates to flag or to set targets for.
    Report::Scans(ctx.finish(dataset, ScansBody { scans }, Signals::default()))
}
