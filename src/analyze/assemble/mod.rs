//! Report assembly: the finished builder of each kind becomes its report (one file per kind).
//! Every kind shares the head, the dataset summary, the signals, the rejections and warnings.

mod campaigns;
mod events;
mod scans;
mod social;
mod survey;
mod tickets;
mod transactions;
mod voice;

use super::Builder;
use crate::dataset::summary::{summarize, DatasetSummary};
use crate::dataset::table::{Table, TableBuilder};
use crate::error::{Rejections, Result, Warning};
use crate::metrics::compare::MetricComparison;
use crate::metrics::signals::{Headlines, Signals};
use crate::options::{AnalyzeOptions, Resolved};
use crate::period::Periodizer;
use crate::report::{KindReport, Report, ReportHead};
use crate::vocab::Kind;

/// What every kind's assembly starts from.
pub(super) struct Context<'a> {
    pub kind: Kind,
    pub head: ReportHead,
    /// Rejections of the reader so far; the dataset's join them.
    pub rejections: Rejections,
    /// Rows the reader rejected whole (already in `rejections`): read, and skipped.
    pub rows_rejected: u64,
    pub resolved: &'a Resolved,
    pub opts: &'a AnalyzeOptions,
    pub warnings: Vec<Warning>,
    /// The values counted and the rows filtered on the way into the builder.
    pub gate: super::gate::Gate,
}

impl Context<'_> {
    /// The periods of the report (granularity, week start, time zone).
    fn periodizer(&self) -> Periodizer {
        let r = self.resolved;
        Periodizer::new(r.tz, r.granularity, r.week_start)
    }

    /// The finished table and its summary; the table's rejections join the reader's.
    fn table(&mut self, b: TableBuilder) -> (Table, DatasetSummary) {
        let skipped = b.rows_skipped + self.rows_rejected;
        let (table, rej) = b.finish();
        self.rejections.merge(rej);
        if let Some(times) = table.times(crate::vocab::Role::Timestamp) {
            let known = times
                .iter()
                .copied()
                .filter(|&t| t != crate::dataset::table::NO_TIME);
            let mut p = self.periodizer();
            let mut rows = [0u64; 7];
            for t in known.clone() {
                rows[crate::metrics::weekdays::weekday(p.local_day(t))] += 1;
            }
            self.coverage(known.clone().min(), known.max(), rows);
        }
        let summary = summarize(&table, skipped);
        (table, summary)
    }

    /// Marks the periods that data from `first` to `last` cover only in part (`partialPeriods`)
    /// and gives the weekday profile of `weekday_rows` (rows per weekday, Monday first).
    fn coverage(&mut self, first: Option<i64>, last: Option<i64>, weekday_rows: [u64; 7]) {
        if let (Some(a), Some(b)) = (first, last) {
            let mut p = self.periodizer();
            self.head.partial_periods = p.partial_periods(a, b);
            let (first, last) = (p.local_day(a), p.local_day(b));
            self.head.weekday_profile =
                crate::metrics::weekdays::profile(weekday_rows, first, last);
        }
    }

    /// The partial periods left out of tests and flags (none with `includePartialPeriods`).
    fn left_out(&self) -> Vec<&str> {
        if self.opts.include_partial_periods == Some(true) {
            return Vec::new();
        }
        self.head
            .partial_periods
            .iter()
            .map(|p| p.period.as_str())
            .collect()
    }

    /// A kind's trend flags (partial periods left out) and its gaps to the user's `benchmarks`.
    fn signals(&self, m: &impl Headlines) -> Signals {
        let benchmarks = self.opts.benchmarks.clone().unwrap_or_default();
        crate::metrics::signals::signals(m, &benchmarks, &self.left_out())
    }

    /// Period-over-period changes that involve a partial period keep their row, without a test.
    fn leave_out_partial(&self, changes: &mut [MetricComparison]) {
        let left_out = self.left_out();
        for c in changes {
            let partial = [&c.baseline, &c.group]
                .into_iter()
                .find(|p| left_out.contains(&p.as_str()));
            if let Some(p) = partial {
                c.unavailable_reason = Some(format!(
                    "{p} is a partial period (the data cover only part of it): not tested unless partial periods are included"
                ));
                c.comparison = None;
                c.adjusted_p_value = None;
                c.significant = false;
            }
        }
    }

    /// The report around a kind's figures.
    fn finish<B>(
        self,
        mut dataset: DatasetSummary,
        body: B,
        signals: Signals,
    ) -> Box<KindReport<B>> {
        self.gate.describe(&mut dataset);
        Box::new(KindReport {
            head: self.head,
            dataset,
            body,
            signals,
            rejected: canonical(self.rejections.into_vec()),
            warnings: self.warnings,
        })
    }
}

/// Rejection groups most rows first, then by code and column — not in the order they were met,
/// so that the report does not depend on the order of the rows.
fn canonical(items: Vec<crate::error::Rejection>) -> Vec<crate::error::Rejection> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    crate::dataset::table::sort_indices(&mut idx, &|a, b| {
        let (a, b) = (&items[a], &items[b]);
        b.count
            .cmp(&a.count)
            .then_with(|| a.code.name().cmp(b.code.name()))
            .then_with(|| a.column.cmp(&b.column))
    });
    let mut items: Vec<Option<_>> = items.into_iter().map(Some).collect();
    idx.into_iter().filter_map(|k| items[k].take()).collect()
}

/// The report of the finished builder.
pub(super) fn report(builder: Builder, mut ctx: Context<'_>) -> Result<Report> {
    let table = match builder {
        Builder::Survey(b, params) => return Ok(survey::report(b, &params, ctx)),
        Builder::Table(b) => b,
    };
    let (table, dataset) = ctx.table(table);
    Ok(match ctx.kind {
        Kind::Events => events::report(table, dataset, ctx)?,
        Kind::Transactions => transactions::report(table, dataset, ctx)?,
        Kind::Tickets => tickets::report(table, dataset, ctx)?,
        Kind::Campaigns => campaigns::report(table, dataset, ctx),
        Kind::Social => social::report(table, dataset, ctx),
        Kind::Reviews | Kind::Mentions => voice::report(table, dataset, ctx),
        // Scans: the remaining table kind.
        _ => scans::report(table, dataset, ctx),
    })
}
