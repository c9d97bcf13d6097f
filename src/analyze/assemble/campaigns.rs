//! Campaign reports: delivery, open, click and conversion rates from summed counts.

use super::Context;
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::report::{CampaignsBody, Report};

pub(super) fn report(table: Table, dataset: DatasetSummary, ctx: Context<'_>) -> Report {
    let mut periodizer = ctx.periodizer();
    let mut campaigns =
        crate::metrics::campaigns::campaigns(&table, &mut periodizer, ctx.resolved.confidence);
    ctx.leave_out_partial(&mut campaigns.changes);
    let signals = ctx.signals(&campaigns);
    Report::Campaigns(ctx.finish(dataset, CampaignsBody { campaigns }, signals))
}
