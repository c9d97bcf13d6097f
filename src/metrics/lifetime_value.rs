//! Historical and formula customer lifetime value: the textbook formulas, each named, fed with
//! the file's pooled period figures (or the user's own numbers through the calculators).
//!
//! All per-period inputs are pooled over the file's periods: ARPU = Σ revenue / Σ active
//! customers, average order value = Σ revenue / Σ orders, purchase frequency = Σ orders /
//! Σ active customers (so ARPU = AOV × frequency), churn = Σ lost / Σ customers at start.

use crate::vocab::{Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use crate::metrics::figure::Definition;
use crate::metrics::revenue::PeriodRevenue;
use crate::period::Granularity;

/// Options (`lifetimeValue: {...}` in AnalyzeOptions).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct LifetimeValueOptions {
    /// Gross margin as a fraction of revenue (default 1: revenue).
    pub margin: Option<f64>,
    /// Discount rate per period (default 0).
    pub discount_rate: Option<f64>,
    /// Expected lifespan in periods; default 1 / churn rate.
    pub lifespan_periods: Option<f64>,
    /// Periods of contractual retention projected by the sBG fit (default 12).
    pub project_periods: Option<u32>,
}

impl LifetimeValueOptions {
    pub fn validate(&self) -> crate::error::Result<()> {
        use crate::error::Error;
        let bad = |name: &str, why: &str| Err(Error::option(name, why.to_string()));
        if self
            .margin
            .is_some_and(|m| !(m.is_finite() && m > 0.0 && m <= 1.0))
        {
            return bad("lifetimeValue.margin", "must be a fraction in (0, 1]");
        }
        if self
            .discount_rate
            .is_some_and(|d| !(d.is_finite() && d >= 0.0))
        {
            return bad("lifetimeValue.discountRate", "must be ≥ 0");
        }
        if self
            .lifespan_periods
            .is_some_and(|l| !(l.is_finite() && l > 0.0))
        {
            return bad("lifetimeValue.lifespanPeriods", "must be a positive number");
        }
        if self.project_periods.is_some_and(|p| p > 1000) {
            return bad("lifetimeValue.projectPeriods", "must be at most 1000");
        }
        Ok(())
    }
}

/// Expected lifespan in periods from a constant churn rate: 1 / churn (a geometric lifetime,
/// counting the current period).
pub fn lifespan_from_churn(churn: f64) -> Option<f64> {
    (churn > 0.0 && churn <= 1.0).then(|| 1.0 / churn)
}

/// average purchase value × purchase frequency × lifespan (frequency and lifespan in the same
/// period).
pub fn clv_purchase_value(average_order_value: f64, frequency: f64, lifespan: f64) -> f64 {
    average_order_value * frequency * lifespan
}

/// Margin per period m, constant retention r, discount rate d per period, the first period's
/// margin counted now: Σ_{t≥0} m·r^t/(1 + d)^t = m(1 + d)/(1 + d − r). With d = 0 it is m × the
/// lifespan 1/(1 − r).
pub fn clv_discounted(margin_per_period: f64, retention: f64, discount: f64) -> Option<f64> {
    let denom = 1.0 + discount - retention;
    (denom > 0.0 && (0.0..=1.0).contains(&retention))
        .then(|| margin_per_period * (1.0 + discount) / denom)
}

/// Gupta & Lehmann (2003): future periods only, margins at each period's end: m·r/(1 + d − r).
pub fn clv_discounted_future(margin_per_period: f64, retention: f64, discount: f64) -> Option<f64> {
    let denom = 1.0 + discount - retention;
    (denom > 0.0 && (0.0..=1.0).contains(&retention)).then(|| margin_per_period * retention / denom)
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LifetimeInputs {
    pub customers: u64,
    pub revenue: f64,
    pub orders: u64,
    pub average_order_value: Option<f64>,
    /// Orders per active customer per period.
    pub purchase_frequency: Option<f64>,
    /// Revenue per active customer per period.
    pub arpu: Option<f64>,
    pub churn_rate: Option<f64>,
    pub retention_rate: Option<f64>,
    pub lifespan_periods: Option<f64>,
    pub lifespan_source: LifespanSource,
    pub periods_per_year: f64,
    pub margin: f64,
    pub discount_rate: f64,
}

/// Where the lifespan of the formula CLV comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum LifespanSource {
    /// `lifetimeValue.lifespanPeriods`.
    Option,
    /// 1 / the pooled churn rate.
    Churn,
}

/// One formula's result.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClvVariant {
    pub variant: Variant,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    pub formula: &'static str,
    /// Historical CLV only: the bootstrap interval of the mean net revenue per customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub interval: Option<crate::stats::Interval>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LifetimeValue {
    pub inputs: LifetimeInputs,
    /// The standard one first: purchaseValue.
    pub variants: Vec<ClvVariant>,
    /// Why some variants give the same value, when they do (their inputs make them equal).
    pub coincidences: Vec<String>,
    pub definition: Definition,
}

/// The reasons equal variants are equal: each identity that holds for these inputs.
fn coincidences(variants: &[ClvVariant], margin: f64, d: f64) -> Vec<String> {
    let value = |v: Variant| {
        variants
            .iter()
            .find(|x| x.variant == v)
            .and_then(|x| x.value)
    };
    let same = |a: Variant, b: Variant| {
        value(a)
            .zip(value(b))
            .is_some_and(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0))
    };
    let mut out = Vec::new();
    if same(Variant::PurchaseValue, Variant::ArpuYears) {
        out.push("purchaseValue and arpuYears are one figure written two ways: average order value × purchase frequency = ARPU".to_string());
    }
    if margin == 1.0 && same(Variant::PurchaseValue, Variant::MarginAdjusted) {
        out.push("marginAdjusted equals purchaseValue because the margin is 1 (set lifetimeValue.margin)".to_string());
    }
    if d == 0.0 && same(Variant::PurchaseValue, Variant::Discounted) {
        out.push("discounted equals purchaseValue because there is no discount (set lifetimeValue.discountRate): ARPU / (1 − r) = ARPU × lifespan".to_string());
    }
    out
}

fn variant(
    variant: Variant,
    formula: &'static str,
    value: Option<f64>,
    missing: &str,
) -> ClvVariant {
    let value = value.filter(|v| v.is_finite());
    ClvVariant {
        variant,
        unavailable_reason: value.is_none().then(|| missing.to_string()),
        value,
        formula,
        interval: None,
    }
}

/// Formula CLV from a file's periods; `buyers` = the net revenue over the whole file of each
/// customer with a purchase.
pub fn lifetime_value(
    periods: &[PeriodRevenue],
    buyers: &[f64],
    granularity: Granularity,
    o: &LifetimeValueOptions,
    iv: &crate::stats::Bootstrap,
) -> LifetimeValue {
    let (customers, revenue) = (
        buyers.len() as u64,
        crate::stats::exact_sum(buyers.iter().copied()),
    );
    let sum = |f: fn(&PeriodRevenue) -> f64| periods.iter().map(f).sum::<f64>();
    let ratio = |a: f64, b: f64| (b != 0.0).then(|| a / b);
    let (rev, orders) = (sum(|p| p.revenue), sum(|p| p.orders as f64));
    let active = sum(|p| p.active_customers as f64);
    let churn = ratio(
        sum(|p| p.lost_customers as f64),
        sum(|p| p.start_customers as f64),
    );
    let margin = o.margin.unwrap_or(1.0);
    let d = o.discount_rate.unwrap_or(0.0);
    let (lifespan, source) = match o.lifespan_periods {
        Some(l) => (Some(l), LifespanSource::Option),
        None => (churn.and_then(lifespan_from_churn), LifespanSource::Churn),
    };
    let inputs = LifetimeInputs {
        customers,
        revenue,
        orders: orders as u64,
        average_order_value: ratio(rev, orders),
        purchase_frequency: ratio(orders, active),
        arpu: ratio(rev, active),
        churn_rate: churn,
        retention_rate: churn.map(|c| 1.0 - c),
        lifespan_periods: lifespan,
        lifespan_source: source,
        periods_per_year: granularity.per_year(),
        margin,
        discount_rate: d,
    };
    let no_lifespan = "no lifespan: nobody was lost (churn 0) and no lifespan in periods was given";
    let no_history = "no completed period with customers at its start";
    let (aov, freq, arpu, r) = (
        inputs.average_order_value,
        inputs.purchase_frequency,
        inputs.arpu,
        inputs.retention_rate,
    );
    let py = inputs.periods_per_year;
    // The discounted forms keep customers with retention r each period; a lifespan given in
    // the options is a geometric lifetime L = 1 / (1 − r), so they use r = 1 − 1 / L and agree
    // with the lifespan forms at zero discount.
    let r = match o.lifespan_periods {
        Some(l) if l >= 1.0 => Some(1.0 - 1.0 / l),
        _ => r,
    };
    let mut variants = vec![
        variant(
            Variant::PurchaseValue,
            "average order value × purchase frequency × lifespan (per period, lifespan in periods)",
            aov.zip(freq)
                .zip(lifespan)
                .map(|((a, f), l)| clv_purchase_value(a, f, l)),
            no_lifespan,
        ),
        variant(
            Variant::ArpuYears,
            "ARPU per year × expected years (lifespan / periods per year)",
            arpu.zip(lifespan).map(|(a, l)| (a * py) * (l / py)),
            no_lifespan,
        ),
        variant(
            Variant::MarginAdjusted,
            "average order value × purchase frequency × lifespan × margin",
            aov.zip(freq)
                .zip(lifespan)
                .map(|((a, f), l)| clv_purchase_value(a, f, l) * margin),
            no_lifespan,
        ),
        variant(
            Variant::Discounted,
            "ARPU × margin × (1 + d) / (1 + d − r): every period's margin, the first one now, retention r (1 − 1 / lifespan when lifespanPeriods is given), discount d per period",
            arpu.zip(r).and_then(|(a, r)| clv_discounted(a * margin, r, d)),
            no_history,
        ),
        variant(
            Variant::DiscountedFuture,
            "ARPU × margin × r / (1 + d − r) (Gupta & Lehmann 2003: future periods only)",
            arpu.zip(r)
                .and_then(|(a, r)| clv_discounted_future(a * margin, r, d)),
            no_history,
        ),
        variant(
            Variant::Historical,
            "net revenue to date / customers (what an average customer has been worth so far)",
            ratio(revenue, customers as f64),
            "no customers",
        ),
    ];
    if let Some(h) = variants.last_mut() {
        h.interval = iv.skewed_mean(buyers);
    }
    let coincidences = coincidences(&variants, margin, d);
    LifetimeValue {
        inputs,
        variants,
        coincidences,
        definition: Definition::new(
            Metric::LifetimeValue,
            Variant::PurchaseValue,
            Unit::Currency,
            "AOV = Σ revenue / Σ orders, frequency = Σ orders / Σ active customers, ARPU = Σ revenue / Σ active customers, churn = Σ lost / Σ customers at start, all pooled over the periods; lifespan = 1 / churn periods unless given",
        )
        .param("margin", margin)
        .param("discountRate", d)
        .param("granularity", granularity.name()),
    }
}
