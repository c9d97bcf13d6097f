//! Transaction reports: customers and revenue per period, cohorts, RFM, formula CLV and (with
//! the `clv` option) the BG/NBD + Gamma-Gamma fits. Local days are computed once for all.

use super::Context;
use crate::dataset::summary::DatasetSummary;
use crate::dataset::table::Table;
use crate::error::{Result, Warning};
use crate::options::{AnalyzeOptions, Resolved};
use crate::period::Periodizer;
use crate::report::{Report, TransactionsBody};
use crate::vocab::Role;

pub(super) fn report(
    table: Table,
    dataset: DatasetSummary,
    mut ctx: Context<'_>,
) -> Result<Report> {
    let mut periodizer = ctx.periodizer();
    let (mut revenue, rfm, lifetime_value, clv) = metrics(
        &table,
        &mut periodizer,
        ctx.resolved,
        ctx.opts,
        &mut ctx.warnings,
    )?;
    ctx.leave_out_partial(&mut revenue.changes);
    let signals = ctx.signals(&revenue);
    let body = TransactionsBody {
        revenue,
        rfm,
        lifetime_value,
        clv,
    };
    Ok(Report::Transactions(ctx.finish(dataset, body, signals)))
}

fn metrics(
    table: &Table,
    periodizer: &mut Periodizer,
    r: &Resolved,
    opts: &AnalyzeOptions,
    warnings: &mut Vec<Warning>,
) -> Result<(
    crate::metrics::revenue::RevenueReport,
    crate::metrics::rfm::Rfm,
    crate::metrics::lifetime_value::LifetimeValue,
    Option<crate::metrics::clv::predict::PredictiveClv>,
)> {
    let lv_opts = opts.lifetime_value.clone().unwrap_or_default();
    lv_opts.validate()?;
    let (customer, names): (&[u32], Vec<String>) = match table.codes(Role::UserId) {
        Some((c, d)) => (
            c,
            (0..d.len() as u32).map(|k| d.name(k).to_string()).collect(),
        ),
        None => (&[], Vec::new()),
    };
    let customers = names.len();
    let amounts = table.numbers(Role::Amount).unwrap_or_default();
    let days: Vec<i64> = table
        .times(Role::Timestamp)
        .unwrap_or_default()
        .iter()
        .map(|&t| periodizer.local_day(t))
        .collect();
    let orders = crate::metrics::revenue::Orders {
        customer,
        days: &days,
        amount: amounts,
        order: table.codes(Role::OrderId).map(|(c, _)| c),
        customers,
    };
    let revenue = crate::metrics::revenue::period_revenue(
        &orders,
        periodizer,
        r.lost_after_periods,
        lv_opts.project_periods.unwrap_or(12),
        r.confidence,
    );
    // Purchases (amount ≥ 0) per customer, for RFM recency and the CLV models.
    let mut purchases: Vec<Vec<(i64, f64)>> = vec![Vec::new(); customers];
    for ((&c, &d), &a) in customer.iter().zip(&days).zip(amounts) {
        if a >= 0.0 {
            purchases[c as usize].push((d, a));
        }
    }
    let as_of = days.iter().copied().max();
    let last_day: Vec<Option<i64>> = purchases
        .iter()
        .map(|p| p.iter().map(|x| x.0).max())
        .collect();
    let rfm = crate::metrics::rfm::rfm(
        &names,
        &last_day,
        &revenue.customer_orders,
        &revenue.customer_revenue,
        as_of.unwrap_or(0),
        as_of.map(crate::period::day_label).unwrap_or_default(),
        opts.rfm_customers.unwrap_or(false),
    );
    let clv = match (&opts.clv, as_of) {
        (Some(o), Some(last)) => Some(crate::metrics::clv::predict::predictive_clv(
            &purchases,
            &names,
            warnings,
            last,
            o,
            &r.intervals,
        )?),
        _ => None,
    };
    let buyers: Vec<f64> = revenue
        .customer_revenue
        .iter()
        .zip(&revenue.customer_orders)
        .filter(|(_, &o)| o > 0)
        .map(|(r, _)| *r)
        .collect();
    let lifetime_value = crate::metrics::lifetime_value::lifetime_value(
        &revenue.periods,
        &buyers,
        r.granularity,
        &lv_opts,
        &r.intervals,
    );
    Ok((revenue, rfm, lifetime_value, clv))
}
