//! Event-log reports: the table becomes an event log (duplicates dropped, an optional filter
//! applied), then activity, sessions, funnels, cohorts and segments.

use super::Context;
use crate::dataset::events::{EventLog, RowFilter};
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::error::{Error, Result, Warning};
use crate::report::{EventsBody, Report};
use crate::vocab::WarningCode;

pub(super) fn report(
    table: Table,
    dataset: DatasetSummary,
    mut ctx: Context<'_>,
) -> Result<Report> {
    let mut periodizer = ctx.periodizer();
    let settings = &ctx.resolved.events;
    let filter = settings.filter.as_ref().map(|f| RowFilter {
        column: f.column.clone(),
        value: f.value.clone(),
    });
    let log = EventLog::from_table(
        table,
        &mut periodizer,
        settings.keep_duplicates,
        filter.as_ref(),
    );
    if let Some(f) = &filter {
        if !log
            .segments
            .iter()
            .any(|c| c.header.eq_ignore_ascii_case(&f.column))
        {
            return Err(Error::ColumnNotFound {
                role: "events.filter".to_string(),
                header: f.column.clone(),
                available: log
                    .segments
                    .iter()
                    .map(|c| c.header.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    if log.duplicates > 0 {
        ctx.warnings.push(Warning {
            code: WarningCode::DuplicateEvents,
            message: format!(
                "{} rows repeat an earlier row exactly (same user, time, event, page, session) and were counted once; set events.keepDuplicates to keep them",
                log.duplicates
            ),
        });
    }
    // A funnel step must name an event of the file (case-insensitive), or the funnel would
    // silently read 0 users from that step on.
    for step in settings.funnel.iter().flatten() {
        if log.event_code(step).is_none() {
            let mut names: Vec<&str> = (0..log.event_names.len() as u32)
                .map(|c| log.event_names.name(c))
                .collect();
            names.sort_unstable();
            let shown = names
                .iter()
                .take(50)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let more = names.len().saturating_sub(50);
            return Err(Error::option(
                "events.funnel",
                format!(
                    "the step `{}` names no event in this file; its events are: {shown}{}",
                    step.chars().take(100).collect::<String>(),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
            ));
        }
    }
    let mut events =
        crate::metrics::events::compute(&log, settings, &mut periodizer, &ctx.resolved.intervals);
    ctx.leave_out_partial(&mut events.changes);
    let signals = ctx.signals(&events);
    Ok(Report::Events(ctx.finish(
        dataset,
        EventsBody { events },
        signals,
    )))
}
