//! Customers and revenue per period from transactions (customer, time, amount[, order id]).
//!
//! A purchase is a row with an amount ≥ 0 (a free order is an order); a negative amount is a
//! refund: it reduces its
//! period's revenue but does not make the customer active. A customer is active in a period
//! with at least one purchase in it, and is a customer at a period's start when they were
//! active in one of the `lostAfterPeriods` (1) periods before it — so by default a customer is
//! lost when a whole period passes without a purchase.

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::dataset::table::NO_ID;
use crate::metrics::figure::Definition;
use crate::metrics::rate::ratio;
use crate::metrics::rate::Rate;
use crate::metrics::revenue_cohorts::{revenue_cohorts, Cell, RevenueCohorts};
use crate::period::Periodizer;
use crate::period::Periods;
use crate::stats::{exact_sum, ExactSum};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodRevenue {
    pub period: String,
    /// Customers at the start (S), lost during it, first-time buyers, returning after a lapse
    /// (reactivated), at the end (E).
    pub start_customers: u64,
    pub lost_customers: u64,
    pub new_customers: u64,
    pub reactivated_customers: u64,
    pub end_customers: u64,
    /// (E − N) / S, N = new + reactivated (the standard customer retention rate).
    pub retention_rate: Option<f64>,
    /// E / S.
    pub end_over_start: Option<f64>,
    /// lost / S.
    pub churn_rate: Option<f64>,
    /// Variant `startMinusEnd`: (S − E) / S, churn net of the customers gained (negative when
    /// the base grew).
    pub churn_start_minus_end: Option<f64>,
    /// Variant `firstTimeNew`: (E − first-time customers) / S; reactivated customers count as
    /// retained, so it can exceed 100 %.
    pub retention_first_time_new: Option<f64>,
    /// Wilson intervals of the retention ((S − lost) / S) and churn rates.
    pub retention_interval: Option<crate::stats::Interval>,
    pub churn_interval: Option<crate::stats::Interval>,
    pub active_customers: u64,
    pub revenue: f64,
    pub refunds: f64,
    pub orders: u64,
    /// revenue / active customers.
    pub arpu: Option<f64>,
    /// t interval of ARPU from the spread of active customers' period revenue.
    pub arpu_interval: Option<crate::stats::Interval>,
    /// revenue / orders.
    pub average_order_value: Option<f64>,
    /// Delta-method interval of AOV as a ratio of sums over customers (each customer's
    /// period revenue and orders), so repeat buyers are not counted as independent orders.
    pub average_order_value_interval: Option<crate::stats::Interval>,
    /// orders / active customers.
    pub purchase_frequency: Option<f64>,
    /// Active customers with ≥ 2 orders in the period / active customers.
    pub repeat_purchase_rate: Option<f64>,
    /// Customers with ≥ 2 orders up to the period's end / customers who bought up to then.
    pub cumulative_repeat_purchase_rate: Option<f64>,
    /// Previous period's revenue from customers not active in this period / previous period's revenue.
    pub revenue_churn: Option<f64>,
    /// This period's revenue from the previous period's active customers / their revenue then.
    pub net_revenue_retention: Option<f64>,
    /// The same with each customer's revenue capped at their previous revenue (no expansion).
    pub gross_revenue_retention: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RevenueReport {
    pub periods: Vec<PeriodRevenue>,
    pub definition: Definition,
    /// Retention and repeat purchase rate, each period against the previous one.
    pub changes: Vec<crate::metrics::compare::MetricComparison>,
    /// First-purchase cohorts: customers and revenue retained per period offset, and the
    /// contractual (sBG) survival fit.
    pub cohorts: RevenueCohorts,
    /// Per customer code: orders and net revenue over the whole file (for RFM; not serialised).
    #[serde(skip)]
    pub customer_orders: Vec<u64>,
    #[serde(skip)]
    pub customer_revenue: Vec<f64>,
}

/// The order rows: `customer[i]` (a code below `customers`), `days[i]` (local day), `amount[i]`;
/// `order[i]` an order code, or `None` (each purchase row is then one order).
pub struct Orders<'a> {
    pub customer: &'a [u32],
    pub days: &'a [i64],
    pub amount: &'a [f64],
    pub order: Option<&'a [u32]>,
    pub customers: usize,
}

/// Per-period customer and revenue metrics, and cohorts with `horizon` periods of projected
/// contractual retention.
pub fn period_revenue(
    orders: &Orders,
    p: &Periodizer,
    lost_after_periods: u32,
    horizon: u32,
    level: f64,
) -> RevenueReport {
    let &Orders {
        customer,
        days,
        amount,
        order,
        customers: n_customers,
    } = orders;
    let (Some(&d0), Some(&d1)) = (days.iter().min(), days.iter().max()) else {
        return RevenueReport {
            changes: Vec::new(),
            periods: Vec::new(),
            definition: definition(lost_after_periods),
            cohorts: revenue_cohorts(&[], &[], p, horizon, level),
            customer_orders: vec![0; n_customers],
            customer_revenue: vec![0.0; n_customers],
        };
    };
    let periods = Periods::new(p, d0, d1);
    let np = periods.starts.len();
    let q: Vec<usize> = days.iter().map(|&d| periods.index(d)).collect();

    // Per customer and period: revenue, refunds, orders (distinct order codes among purchases).
    // Grouped by customer (counting sort), then each customer's few rows by (period, amount):
    // a cell's amounts are added in an order that does not depend on the file's (issue 19).
    let (start, mut rows) = crate::dataset::table::group_by_code(customer, n_customers);
    for c in 0..n_customers {
        rows[start[c]..start[c + 1]].sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            q[a].cmp(&q[b])
                .then(amount[a].total_cmp(&amount[b]))
                .then(a.cmp(&b))
        });
    }
    // cells[c] = list of (period, cell), in period order.
    let mut cells: Vec<Vec<(usize, Cell)>> = vec![Vec::new(); n_customers];
    // The order ids of the current cell's purchases: their distinct count is its orders.
    let mut cell_orders: Vec<u32> = Vec::new();
    let flush = |cells: &mut Vec<Vec<(usize, Cell)>>, c: usize, ids: &mut Vec<u32>| {
        if let Some(last) = cells[c].last_mut() {
            ids.sort_unstable();
            ids.dedup();
            last.1.orders += ids.len() as u64;
        }
        ids.clear();
    };
    let mut open: Option<usize> = None;
    for &i in &rows {
        let i = i as usize;
        let c = customer[i] as usize;
        if cells[c].last().map(|x| x.0) != Some(q[i]) {
            if let Some(o) = open {
                flush(&mut cells, o, &mut cell_orders);
            }
            cells[c].push((q[i], Cell::default()));
            open = Some(c);
        }
        let cell = &mut cells[c].last_mut().unwrap_or_else(|| unreachable!()).1;
        if amount[i] >= 0.0 {
            cell.revenue += amount[i];
            // Rows without an order id are an order each.
            match order.map(|o| o[i]).filter(|&x| x != NO_ID) {
                Some(oid) => cell_orders.push(oid),
                None => cell.orders += 1,
            }
        } else {
            cell.refunds += amount[i];
            cell.revenue += amount[i];
        }
    }
    if let Some(o) = open {
        flush(&mut cells, o, &mut cell_orders);
    }

    let k = lost_after_periods.max(1) as usize;
    let mut out: Vec<PeriodRevenue> = periods
        .starts
        .iter()
        .map(|&s| PeriodRevenue {
            period: p.label(s),
            start_customers: 0,
            lost_customers: 0,
            new_customers: 0,
            reactivated_customers: 0,
            end_customers: 0,
            retention_rate: None,
            end_over_start: None,
            churn_rate: None,
            churn_start_minus_end: None,
            retention_first_time_new: None,
            retention_interval: None,
            churn_interval: None,
            active_customers: 0,
            revenue: 0.0,
            refunds: 0.0,
            orders: 0,
            arpu: None,
            arpu_interval: None,
            average_order_value: None,
            average_order_value_interval: None,
            purchase_frequency: None,
            repeat_purchase_rate: None,
            cumulative_repeat_purchase_rate: None,
            revenue_churn: None,
            net_revenue_retention: None,
            gross_revenue_retention: None,
        })
        .collect();
    let mut repeaters = vec![0u64; np];
    // Σ and Σ² of active customers' period revenue, for the spread behind ARPU's interval.
    // (Exact sums: customers come in the order of their first row.)
    let mut active_rev = vec![(ExactSum::new(), ExactSum::new()); np];
    let mut revenue_sum = vec![ExactSum::new(); np];
    let mut refunds_sum = vec![ExactSum::new(); np];
    // Per customer (revenue, orders), for the interval of AOV.
    let mut aov = vec![crate::stats::RatioSums::default(); np];
    let mut first_buyers = vec![0u64; np];
    let mut cum_repeat = vec![0u64; np];
    let mut prev_rev = vec![ExactSum::new(); np];
    let mut nrr_num = vec![ExactSum::new(); np];
    let mut grr_num = vec![ExactSum::new(); np];
    let mut churned_rev = vec![ExactSum::new(); np];
    let mut start_diff = vec![0i64; np + 1];
    for list in &cells {
        let active: Vec<(usize, Cell)> =
            list.iter().copied().filter(|(_, c)| c.orders > 0).collect();
        for &(qq, c) in list {
            aov[qq].add(c.revenue, c.orders as f64);
            revenue_sum[qq].add(c.revenue);
            refunds_sum[qq].add(c.refunds);
            out[qq].orders += c.orders;
        }
        let Some(&(first, _)) = active.first() else {
            continue;
        };
        first_buyers[first] += 1;
        let mut total_orders = 0u64;
        let mut counted_repeat = false;
        for (j, &(qq, c)) in active.iter().enumerate() {
            out[qq].active_customers += 1;
            active_rev[qq].0.add(c.revenue);
            active_rev[qq].1.add(c.revenue * c.revenue);
            if c.orders >= 2 {
                repeaters[qq] += 1;
            }
            total_orders += c.orders;
            if total_orders >= 2 && !counted_repeat {
                cum_repeat[qq] += 1;
                counted_repeat = true;
            }
            // Customer at the start of qq: active in one of the k periods before it.
            let prev = if j > 0 { Some(active[j - 1].0) } else { None };
            let at_start = prev.is_some_and(|pq| qq - pq <= k);
            if !at_start {
                if j == 0 {
                    out[qq].new_customers += 1;
                } else {
                    out[qq].reactivated_customers += 1;
                }
            }
        }
        // A customer is at the start of t for t in (a, min(a + k, next active)] after each
        // active period a; lost in a + k when no purchase came before it (difference array:
        // linear in the active periods, whatever the number of periods).
        for (j, &(a, _)) in active.iter().enumerate() {
            let next = active.get(j + 1).map_or(usize::MAX, |x| x.0);
            let last = (a + k).min(next).min(np - 1);
            if last > a {
                start_diff[a + 1] += 1;
                start_diff[last + 1] -= 1;
            }
            if next > a + k && a + k < np {
                out[a + k].lost_customers += 1;
            }
        }
        // Revenue retention against the previous period.
        for &(qq, c) in list {
            let next = qq + 1;
            if next >= np || c.orders == 0 {
                continue;
            }
            let now = list
                .iter()
                .find(|(x, _)| *x == next)
                .map_or(0.0, |x| x.1.revenue);
            prev_rev[next].add(c.revenue);
            nrr_num[next].add(now);
            grr_num[next].add(now.min(c.revenue).max(0.0));
            if !list.iter().any(|(x, cc)| *x == next && cc.orders > 0) {
                churned_rev[next].add(c.revenue);
            }
        }
    }
    let mut buyers_so_far = 0u64;
    let mut repeat_so_far = 0u64;
    let mut at_start = 0i64;
    for t in 0..np {
        at_start += start_diff[t];
        out[t].start_customers = at_start as u64;
        buyers_so_far += first_buyers[t];
        repeat_so_far += cum_repeat[t];
        let o = &mut out[t];
        o.revenue = revenue_sum[t].value();
        o.refunds = refunds_sum[t].value();
        o.end_customers =
            o.start_customers - o.lost_customers + o.new_customers + o.reactivated_customers;
        let s = o.start_customers as f64;
        let newer = (o.new_customers + o.reactivated_customers) as f64;
        o.retention_rate = ratio(o.end_customers as f64 - newer, s);
        o.end_over_start = ratio(o.end_customers as f64, s);
        o.churn_rate = ratio(o.lost_customers as f64, s);
        o.churn_start_minus_end = ratio(s - o.end_customers as f64, s);
        o.retention_first_time_new = ratio(o.end_customers as f64 - o.new_customers as f64, s);
        o.retention_interval = crate::stats::wilson_interval(
            o.start_customers - o.lost_customers,
            o.start_customers,
            level,
        );
        o.churn_interval =
            crate::stats::wilson_interval(o.lost_customers, o.start_customers, level);
        let a = o.active_customers as f64;
        o.arpu = ratio(o.revenue, a);
        if a >= 2.0 {
            let (sum, sq) = (active_rev[t].0.value(), active_rev[t].1.value());
            let var = ((sq - sum * sum / a) / (a - 1.0)).max(0.0);
            o.arpu_interval = o.arpu.and_then(|m| {
                crate::stats::mean_interval(m, var.sqrt(), o.active_customers, level)
            });
        }
        o.average_order_value = ratio(o.revenue, o.orders as f64);
        o.average_order_value_interval = aov[t].interval(level, 1.0);
        o.purchase_frequency = ratio(o.orders as f64, a);
        o.repeat_purchase_rate = ratio(repeaters[t] as f64, a);
        o.cumulative_repeat_purchase_rate = ratio(repeat_so_far as f64, buyers_so_far as f64);
        if t > 0 {
            let prev = prev_rev[t].value();
            o.revenue_churn = ratio(churned_rev[t].value(), prev);
            o.net_revenue_retention = ratio(nrr_num[t].value(), prev);
            o.gross_revenue_retention = ratio(grr_num[t].value(), prev);
        }
    }
    let labels: Vec<String> = out.iter().map(|o| o.period.clone()).collect();
    // Retention ((S − lost) / S) and repeat purchase rate, each period against the previous.
    let share = |x: u64, n: u64| Rate::of(x, n, "none").share(level);
    let retention: Vec<Rate> = out
        .iter()
        .map(|o| share(o.start_customers - o.lost_customers, o.start_customers))
        .collect();
    let repeat: Vec<Rate> = out
        .iter()
        .zip(&repeaters)
        .map(|(o, &r)| share(r, o.active_customers))
        .collect();
    let changes = crate::metrics::compare::rate_changes(
        crate::vocab::Kind::Transactions,
        &[
            (
                Metric::RetentionRate,
                labels.iter().cloned().zip(&retention).collect(),
            ),
            (
                Metric::RepeatPurchaseRate,
                labels.iter().cloned().zip(&repeat).collect(),
            ),
        ],
        level,
    );
    // ARPU by Welch's test on active customers' revenue; AOV as a ratio over customers.
    let mut changes = changes;
    let arpu: Vec<(String, crate::stats::Moments)> = labels
        .iter()
        .zip(&active_rev)
        .zip(&out)
        .map(|((l, (sum, sq)), o)| {
            let n = o.active_customers as f64;
            let m = crate::stats::Moments::from_sums(n, sum.value(), sq.value());
            (l.clone(), m)
        })
        .collect();
    changes.extend(crate::metrics::compare::mean_changes(
        Metric::Arpu,
        &arpu,
        level,
    ));
    let aov_points: Vec<(String, crate::stats::RatioSums)> =
        labels.iter().cloned().zip(aov.iter().cloned()).collect();
    changes.extend(crate::metrics::compare::ratio_changes(
        Metric::AverageOrderValue,
        &aov_points,
        level,
        1.0,
    ));
    RevenueReport {
        changes,
        periods: out,
        definition: definition(lost_after_periods),
        cohorts: revenue_cohorts(&cells, &labels, p, horizon, level),
        customer_orders: cells
            .iter()
            .map(|l| l.iter().map(|x| x.1.orders).sum())
            .collect(),
        customer_revenue: cells
            .iter()
            .map(|l| exact_sum(l.iter().map(|x| x.1.revenue)))
            .collect(),
    }
}

fn definition(k: u32) -> Definition {
    Definition::new(
        Metric::CustomerRetention,
        Variant::Standard,
        Unit::Ratio,
        "retention = (E − N) / S: S customers at the period's start (a purchase in the lostAfterPeriods periods before it), E at its end, N new or reactivated during it; churn = lost / S; a purchase is an amount ≥ 0, refunds (negative) count against revenue only",
    )
    .param("lostAfterPeriods", k as f64)
}

impl crate::metrics::signals::Headlines for RevenueReport {
    /// Pooled over the periods: churn = Σ lost / Σ at start, retention = Σ (end − new) /
    /// Σ at start, AOV = Σ revenue / Σ orders, ARPU = Σ revenue / Σ active; the repeat
    /// purchase rate up to the last period.
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        let sum = |f: fn(&PeriodRevenue) -> f64| self.periods.iter().map(f).sum::<f64>();
        let start = sum(|p| p.start_customers as f64);
        let pct = |a: f64, b: f64| ratio(a, b).map(|v| 100.0 * v);
        vec![
            (
                Metric::ChurnRate,
                pct(sum(|p| p.lost_customers as f64), start),
            ),
            (
                Metric::RetentionRate,
                pct(
                    sum(|p| {
                        p.end_customers as f64 - (p.new_customers + p.reactivated_customers) as f64
                    }),
                    start,
                ),
            ),
            (
                Metric::RepeatPurchaseRate,
                self.periods
                    .last()
                    .and_then(|p| p.cumulative_repeat_purchase_rate)
                    .map(|v| 100.0 * v),
            ),
            (
                Metric::AverageOrderValue,
                ratio(sum(|p| p.revenue), sum(|p| p.orders as f64)),
            ),
            (
                Metric::Arpu,
                ratio(sum(|p| p.revenue), sum(|p| p.active_customers as f64)),
            ),
        ]
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        // Churn and retention rest on the customers at the start, AOV on the orders, ARPU on
        // the active customers.
        let of = |f: fn(&PeriodRevenue) -> (Option<f64>, u64)| {
            self.periods
                .iter()
                .map(|p| {
                    let (v, n) = f(p);
                    (p.period.clone(), v, n as f64)
                })
                .collect()
        };
        vec![
            (
                Metric::ChurnRate,
                of(|p| (p.churn_rate.map(|v| 100.0 * v), p.start_customers)),
            ),
            (
                Metric::RetentionRate,
                of(|p| (p.retention_rate.map(|v| 100.0 * v), p.start_customers)),
            ),
            (
                Metric::AverageOrderValue,
                of(|p| (p.average_order_value, p.orders)),
            ),
            (Metric::Arpu, of(|p| (p.arpu, p.active_customers))),
        ]
    }
}
