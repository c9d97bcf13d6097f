//! Support reports: resolution, first contact, reopen, times and CSAT per period, channel and
//! agent.

use super::Context;
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::error::{Result, Warning};
use crate::report::{Report, TicketsBody};
use crate::vocab::WarningCode;

pub(super) fn report(
    table: Table,
    dataset: DatasetSummary,
    mut ctx: Context<'_>,
) -> Result<Report> {
    let mut periodizer = ctx.periodizer();
    let mut support = crate::metrics::support::support(
        &table,
        &mut periodizer,
        &ctx.opts.support.clone().unwrap_or_default(),
        &ctx.resolved.intervals,
    )?;
    if support.inconsistent_times > 0 {
        ctx.warnings.push(Warning {
            code: WarningCode::TimesBeforeCreation,
            message: format!(
                "{} first-response or resolution times are earlier than the ticket's creation; they are left out of the durations",
                support.inconsistent_times
            ),
        });
    }
    ctx.leave_out_partial(&mut support.changes);
    let signals = ctx.signals(&support);
    Ok(Report::Tickets(ctx.finish(
        dataset,
        TicketsBody { support },
        signals,
    )))
}
