//! Review and mention reports: ratings, sentiment and share of voice.

use super::Context;
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::report::{Report, VoiceBody};
use crate::vocab::Kind;

pub(super) fn report(table: Table, dataset: DatasetSummary, ctx: Context<'_>) -> Report {
    let mut periodizer = ctx.periodizer();
    let reviews = ctx.kind == Kind::Reviews;
    let mut voice = crate::metrics::voice::voice(
        &table,
        &mut periodizer,
        &ctx.opts.voice.clone().unwrap_or_default(),
        reviews,
        ctx.resolved.confidence,
    );
    ctx.leave_out_partial(&mut voice.changes);
    let signals = ctx.signals(&voice);
    let r = ctx.finish(dataset, VoiceBody { voice }, signals);
    if reviews {
        Report::Reviews(r)
    } else {
        Report::Mentions(r)
    }
}
