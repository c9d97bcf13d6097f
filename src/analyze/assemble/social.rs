//! Social reports: engagement rates by followers, impressions and reach.

use super::Context;
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::report::{Report, SocialBody};

pub(super) fn report(table: Table, dataset: DatasetSummary, ctx: Context<'_>) -> Report {
    let mut periodizer = ctx.periodizer();
    let mut social = crate::metrics::social::social(
        &table,
        &mut periodizer,
        &ctx.opts.social.clone().unwrap_or_default(),
        ctx.resolved.confidence,
    );
    ctx.leave_out_partial(&mut social.changes);
    let signals = ctx.signals(&social);
    Report::Social(ctx.finish(dataset, SocialBody { social }, signals))
}
