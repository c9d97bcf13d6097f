//! Calculators: every customer, revenue and lifetime-value formula of the reports as a pure
//! function of numbers a person types in (period counts, totals, model parameters). One
//! catalogue describes them — inputs, labels, example values, formula — so the calculators
//! page, the TypeScript types and the tests all read the same list.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::metrics::clv::{bgnbd::BgNbd, sbg, Rft};
use crate::metrics::lifetime_value as lv;

/// A calculation request: the metric and its inputs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    tag = "metric",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Calculation {
    RetentionRate {
        start: f64,
        end: f64,
        new: f64,
    },
    LifespanFromChurn {
        churn_rate: f64,
    },
    ClvPurchaseValue {
        average_order_value: f64,
        purchase_frequency: f64,
        lifespan: f64,
        margin: f64,
    },
    ClvArpuYears {
        arpu_per_year: f64,
        years: f64,
    },
    ClvDiscounted {
        margin_per_period: f64,
        retention_rate: f64,
        discount_rate: f64,
    },
    ClvDiscountedFuture {
        margin_per_period: f64,
        retention_rate: f64,
        discount_rate: f64,
    },
    SentimentScore {
        positive: f64,
        neutral: f64,
        negative: f64,
    },
    FollowerGrowth {
        followers_start: f64,
        followers_end: f64,
    },
    SbgRetention {
        alive: Vec<f64>,
        periods: f64,
    },
    BgNbdCustomer {
        r: f64,
        alpha: f64,
        a: f64,
        b: f64,
        frequency: f64,
        recency: f64,
        t: f64,
        horizon: f64,
    },
}

/// A calculation's result. `value` is null (with `unavailableReason`) when the formula is
/// undefined for the inputs (a zero denominator), never NaN.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalcResult {
    pub metric: &'static str,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable_reason: Option<String>,
    /// "ratio" (0..1), "currency", "periods", "purchases", "seconds" or "count".
    pub unit: &'static str,
    pub formula: &'static str,
    /// Further named results (fitted parameters, probabilities).
    pub details: BTreeMap<&'static str, f64>,
    /// A series (projected survival S(0), S(1), …), when the calculator makes one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<f64>,
}

/// One input field of a calculator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputSpec {
    pub name: &'static str,
    pub label: &'static str,
    /// "number", or "numbers" (a comma-separated list).
    pub kind: &'static str,
    /// An example value (also the page's initial value).
    pub example: &'static str,
}

/// A calculator in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculatorSpec {
    pub metric: &'static str,
    pub group: &'static str,
    pub title: &'static str,
    pub unit: &'static str,
    pub formula: &'static str,
    pub inputs: Vec<InputSpec>,
}

const fn num(name: &'static str, label: &'static str, example: &'static str) -> InputSpec {
    InputSpec {
        name,
        label,
        kind: "number",
        example,
    }
}

type Entry = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [InputSpec],
);

/// metric, group, title, unit, formula, inputs.
const CATALOGUE: &[Entry] = &[
    ("retentionRate", "customers", "Customer retention rate", "ratio",
     "(customers at end − new customers) / customers at start",
     &[num("start", "Customers at start", "200"), num("end", "Customers at end", "210"), num("new", "New customers", "40")]),
    ("lifespanFromChurn", "customers", "Expected lifespan from churn", "periods",
     "1 / churn rate (periods, counting the current one)",
     &[num("churnRate", "Churn rate per period (0–1)", "0.05")]),
    ("clvPurchaseValue", "lifetime value", "CLV: purchase value × frequency × lifespan", "currency",
     "average order value × purchase frequency × lifespan × margin",
     &[num("averageOrderValue", "Average order value", "50"), num("purchaseFrequency", "Purchases per period", "0.8"), num("lifespan", "Lifespan (periods)", "20"), num("margin", "Margin (0–1; 1 = revenue)", "1")]),
    ("clvArpuYears", "lifetime value", "CLV: ARPU per year × expected years", "currency",
     "ARPU per year × expected years",
     &[num("arpuPerYear", "ARPU per year", "480"), num("years", "Expected years", "2.5")]),
    ("clvDiscounted", "lifetime value", "CLV: discounted, with retention", "currency",
     "m × (1 + d) / (1 + d − r): margin m per period, the first one now, retention r, discount d",
     &[num("marginPerPeriod", "Margin per period", "40"), num("retentionRate", "Retention rate (0–1)", "0.8"), num("discountRate", "Discount rate per period", "0.1")]),
    ("clvDiscountedFuture", "lifetime value", "CLV: discounted future margins (Gupta & Lehmann)", "currency",
     "m × r / (1 + d − r): future periods only, margins at each period's end",
     &[num("marginPerPeriod", "Margin per period", "40"), num("retentionRate", "Retention rate (0–1)", "0.8"), num("discountRate", "Discount rate per period", "0.1")]),
    ("sbgRetention", "lifetime value", "Contract retention projection (shifted-beta-geometric)", "periods",
     "θ ~ Beta(α, β) fitted to the counts; S(t) = Π_{k=1..t} (β + k − 1)/(α + β + k − 1); value = mean lifetime (α + β − 1)/(α − 1)",
     &[InputSpec { name: "alive", label: "Customers still subscribed after 0, 1, 2, … periods", kind: "numbers", example: "1000, 631, 468, 382, 326, 289, 262, 241" },
       num("periods", "Periods to project", "12")]),
    ("sentimentScore", "social and brand", "Sentiment score", "ratio",
     "(positive − negative) / all texts (−1 … 1)",
     &[num("positive", "Positive texts", "120"), num("neutral", "Neutral texts", "50"), num("negative", "Negative texts", "30")]),
    ("followerGrowth", "social and brand", "Follower growth", "ratio",
     "(followers at the end − at the start) / followers at the start",
     &[num("followersStart", "Followers at the start", "10100"), num("followersEnd", "Followers at the end", "12500")]),
    ("bgNbdCustomer", "lifetime value", "Expected purchases of a customer (BG/NBD)", "purchases",
     "E[X(horizon) | x, tₓ, T] (Fader, Hardie & Lee 2005, eq. 10); details: P(alive)",
     &[num("r", "r", "0.243"), num("alpha", "α", "4.414"), num("a", "a", "0.793"), num("b", "b", "2.426"),
       num("frequency", "Repeat purchases x", "2"), num("recency", "Recency tₓ (time of last purchase)", "30.43"), num("t", "Age T (time since first purchase)", "38.86"), num("horizon", "Horizon (time units)", "39")]),
];

/// A calculator that is one quotient: numerator / denominator.
struct RatioSpec {
    metric: &'static str,
    group: &'static str,
    title: &'static str,
    unit: &'static str,
    formula: &'static str,
    num: InputSpec,
    den: InputSpec,
    /// The numerator is a part of the denominator (it cannot exceed it).
    part: bool,
}

impl RatioSpec {
    /// Money numerators may be negative (refunds); counts may not.
    fn money(&self) -> bool {
        matches!(self.unit, "currency")
            || matches!(self.metric, "netRevenueRetention" | "returnOnAdSpend")
    }
}

#[allow(clippy::too_many_arguments)]
const fn ratio(
    metric: &'static str,
    group: &'static str,
    title: &'static str,
    unit: &'static str,
    formula: &'static str,
    num: InputSpec,
    den: InputSpec,
    part: bool,
) -> RatioSpec {
    RatioSpec {
        metric,
        group,
        title,
        unit,
        formula,
        num,
        den,
        part,
    }
}

#[rustfmt::skip]
const RATIOS: &[RatioSpec] = &[
    ratio("churnRate", "customers", "Churn rate", "ratio", "customers lost / customers at start",
        num("lost", "Customers lost", "30"), num("start", "Customers at start", "200"), true),
    ratio("repeatPurchaseRate", "customers", "Repeat purchase rate", "ratio", "customers with 2 or more orders / customers",
        num("repeatCustomers", "Customers with 2+ orders", "45"), num("customers", "Customers", "180"), true),
    ratio("arpu", "revenue", "Average revenue per user (ARPU)", "currency", "revenue / active customers",
        num("revenue", "Revenue", "12500"), num("customers", "Active customers", "250"), false),
    ratio("averageOrderValue", "revenue", "Average order value", "currency", "revenue / orders",
        num("revenue", "Revenue", "12500"), num("orders", "Orders", "400"), false),
    ratio("purchaseFrequency", "revenue", "Purchase frequency", "purchases", "orders / customers",
        num("orders", "Orders", "400"), num("customers", "Customers", "250"), false),
    ratio("netRevenueRetention", "revenue", "Net revenue retention", "ratio", "this period's revenue from last period's customers / their revenue last period",
        num("revenueNow", "Revenue now from last period's customers", "10400"), num("revenueBefore", "Their revenue last period", "10000"), false),
    ratio("firstContactResolutionRate", "support", "First contact resolution rate", "ratio", "tickets resolved on the first contact / resolved tickets",
        num("resolvedFirstContact", "Resolved on first contact", "340"), num("resolved", "Resolved tickets", "450"), true),
    ratio("reopenRate", "support", "Reopen rate", "ratio", "resolved tickets reopened / resolved tickets",
        num("reopened", "Reopened tickets", "27"), num("resolved", "Resolved tickets", "450"), true),
    ratio("averageHandleTime", "support", "Average handle time", "seconds", "total handle time / handled contacts",
        num("totalHandleSeconds", "Total handle time (seconds)", "162000"), num("contacts", "Contacts handled", "360"), false),
    ratio("ticketsPerCustomer", "support", "Tickets per customer", "count", "tickets / distinct customers",
        num("tickets", "Tickets", "450"), num("customers", "Customers", "300"), false),
    ratio("deliveryRate", "email and ads", "Delivery rate", "ratio", "delivered / sent",
        num("delivered", "Delivered", "9800"), num("sent", "Sent", "10000"), true),
    ratio("openRate", "email and ads", "Open rate", "ratio", "unique opens / delivered",
        num("opens", "Unique opens", "2450"), num("delivered", "Delivered", "9800"), true),
    ratio("clickThroughRate", "email and ads", "Click-through rate (email)", "ratio", "unique clicks / delivered",
        num("clicks", "Unique clicks", "294"), num("delivered", "Delivered", "9800"), true),
    ratio("clickToOpenRate", "email and ads", "Click-to-open rate", "ratio", "unique clicks / unique opens",
        num("clicks", "Unique clicks", "294"), num("opens", "Unique opens", "2450"), true),
    ratio("conversionRate", "email and ads", "Conversion rate", "ratio", "conversions / delivered",
        num("conversions", "Conversions", "49"), num("delivered", "Delivered", "9800"), true),
    ratio("unsubscribeRate", "email and ads", "Unsubscribe rate", "ratio", "unsubscribes / delivered",
        num("unsubscribes", "Unsubscribes", "20"), num("delivered", "Delivered", "9800"), true),
    ratio("bounceRate", "email and ads", "Bounce rate", "ratio", "bounces / sent",
        num("bounces", "Bounces", "200"), num("sent", "Sent", "10000"), true),
    ratio("revenuePerEmail", "email and ads", "Revenue per email", "currency", "revenue / delivered",
        num("revenue", "Revenue", "2940"), num("delivered", "Delivered", "9800"), false),
    ratio("adClickThroughRate", "email and ads", "Click-through rate (ads)", "ratio", "clicks / impressions",
        num("clicks", "Clicks", "150"), num("impressions", "Impressions", "10000"), true),
    ratio("costPerClick", "email and ads", "Cost per click", "currency", "spend / clicks",
        num("spend", "Spend", "75"), num("clicks", "Clicks", "150"), false),
    ratio("returnOnAdSpend", "email and ads", "Return on ad spend", "ratio", "revenue / spend",
        num("revenue", "Revenue", "300"), num("spend", "Spend", "75"), false),
    ratio("engagementRate", "social and brand", "Engagement rate (by followers)", "ratio", "(likes + comments + shares [+ saves]) / followers",
        num("engagements", "Likes + comments + shares", "760"), num("followers", "Followers", "32600"), false),
    ratio("engagementRateByImpressions", "social and brand", "Engagement rate (by impressions)", "ratio", "(likes + comments + shares [+ saves]) / impressions",
        num("engagements", "Likes + comments + shares", "760"), num("impressions", "Impressions", "36000"), false),
    ratio("shareOfVoice", "social and brand", "Share of voice", "ratio", "our mentions (or searches) / all brands' mentions (or searches)",
        num("ours", "Our mentions", "270"), num("all", "All brands' mentions", "400"), true),
    ratio("goodRatingShare", "social and brand", "Share of good ratings", "ratio", "reviews rated 4–5 (top two points) / rated reviews",
        num("good", "Reviews rated 4–5", "212"), num("ratings", "Rated reviews", "300"), true),
];

const GROUPS: [&str; 6] = [
    "customers",
    "revenue",
    "lifetime value",
    "support",
    "email and ads",
    "social and brand",
];

/// The catalogue of calculators, grouped (customers, revenue, lifetime value, support, email
/// and ads, social and brand).
pub fn calculators() -> Vec<CalculatorSpec> {
    let mut out: Vec<CalculatorSpec> = CATALOGUE
        .iter()
        .map(
            |&(metric, group, title, unit, formula, inputs)| CalculatorSpec {
                metric,
                group,
                title,
                unit,
                formula,
                inputs: inputs.to_vec(),
            },
        )
        .chain(RATIOS.iter().map(|r| CalculatorSpec {
            metric: r.metric,
            group: r.group,
            title: r.title,
            unit: r.unit,
            formula: r.formula,
            inputs: vec![r.num.clone(), r.den.clone()],
        }))
        .collect();
    out.sort_by_key(|c| GROUPS.iter().position(|g| *g == c.group));
    out
}

/// Runs a calculation given as JSON (`{"metric": …, inputs…}`): the quotients of the table
/// above, or any [`Calculation`].
pub fn calculate_json(v: &serde_json::Value) -> Result<CalcResult> {
    let obj = v
        .as_object()
        .ok_or_else(|| Error::option("calculation", "must be an object"))?;
    let metric = obj
        .get("metric")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| Error::option("metric", "must name a calculator"))?;
    let Some(r) = RATIOS.iter().find(|r| r.metric == metric) else {
        let c: Calculation = serde_json::from_value(v.clone())
            .map_err(|e| Error::option("calculation", e.to_string()))?;
        return calculate(&c);
    };
    if let Some(k) = obj
        .keys()
        .find(|k| !["metric", r.num.name, r.den.name].contains(&k.as_str()))
    {
        return Err(Error::option(
            k,
            format!(
                "is not an input of {metric} (inputs: {}, {})",
                r.num.name, r.den.name
            ),
        ));
    }
    let get = |i: &InputSpec| {
        obj.get(i.name)
            .and_then(serde_json::Value::as_f64)
            .ok_or_else(|| Error::option(i.name, "must be a number"))
    };
    let n = get(&r.num)?;
    let n = if r.money() && n.is_finite() {
        n
    } else {
        count(r.num.name, n)?
    };
    let d = count(r.den.name, get(&r.den)?)?;
    if r.part && n > d {
        return Err(Error::option(
            r.num.name,
            format!("cannot exceed {} ({d})", r.den.name),
        ));
    }
    Ok(result(
        r.metric,
        r.unit,
        r.formula,
        quotient(n, d),
        BTreeMap::new(),
        Vec::new(),
    ))
}

fn result(
    metric: &'static str,
    unit: &'static str,
    formula: &'static str,
    value: std::result::Result<f64, String>,
    details: BTreeMap<&'static str, f64>,
    series: Vec<f64>,
) -> CalcResult {
    let value = value.and_then(|v| {
        if v.is_finite() {
            Ok(v)
        } else {
            Err("not defined for these inputs".into())
        }
    });
    CalcResult {
        metric,
        unavailable_reason: value.as_ref().err().cloned(),
        value: value.ok(),
        unit,
        formula,
        details,
        series,
    }
}

fn entry(metric: &str) -> &'static Entry {
    CATALOGUE
        .iter()
        .find(|e| e.0 == metric)
        .unwrap_or_else(|| unreachable!("every calculation is in the catalogue"))
}

fn name(c: &Calculation) -> &'static str {
    use Calculation::*;
    match c {
        RetentionRate { .. } => "retentionRate",
        LifespanFromChurn { .. } => "lifespanFromChurn",
        ClvPurchaseValue { .. } => "clvPurchaseValue",
        ClvArpuYears { .. } => "clvArpuYears",
        ClvDiscounted { .. } => "clvDiscounted",
        ClvDiscountedFuture { .. } => "clvDiscountedFuture",
        SbgRetention { .. } => "sbgRetention",
        SentimentScore { .. } => "sentimentScore",
        FollowerGrowth { .. } => "followerGrowth",
        BgNbdCustomer { .. } => "bgNbdCustomer",
    }
}

/// A count: finite and ≥ 0.
fn count(field: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(Error::option(field, "must be a number ≥ 0"))
    }
}

fn fraction(field: &str, v: f64) -> Result<f64> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(Error::option(field, "must be between 0 and 1"))
    }
}

fn positive(field: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(Error::option(field, "must be a number > 0"))
    }
}

fn quotient(a: f64, b: f64) -> std::result::Result<f64, String> {
    if b == 0.0 {
        Err("the denominator is 0".into())
    } else {
        Ok(a / b)
    }
}

/// Runs one calculation. Invalid inputs (negative counts, rates outside 0–1) are errors naming
/// the field; a zero denominator is a result without a value.
pub fn calculate(c: &Calculation) -> Result<CalcResult> {
    use Calculation::*;
    let mut details = BTreeMap::new();
    let mut series = Vec::new();
    let value: std::result::Result<f64, String> = match *c {
        RetentionRate { start, end, new } => {
            let (s, e, n) = (
                count("start", start)?,
                count("end", end)?,
                count("new", new)?,
            );
            if n > e {
                return Err(Error::option("new", "cannot exceed the customers at end"));
            }
            quotient(e - n, s)
        }
        LifespanFromChurn { churn_rate } => {
            lv::lifespan_from_churn(fraction("churnRate", churn_rate)?)
                .ok_or_else(|| "a churn rate of 0 means an unbounded lifespan".to_string())
        }
        ClvPurchaseValue {
            average_order_value,
            purchase_frequency,
            lifespan,
            margin,
        } => Ok(lv::clv_purchase_value(
            average_order_value,
            count("purchaseFrequency", purchase_frequency)?,
            count("lifespan", lifespan)?,
        ) * fraction("margin", margin)?),
        ClvArpuYears {
            arpu_per_year,
            years,
        } => Ok(arpu_per_year * count("years", years)?),
        ClvDiscounted {
            margin_per_period,
            retention_rate,
            discount_rate,
        }
        | ClvDiscountedFuture {
            margin_per_period,
            retention_rate,
            discount_rate,
        } => {
            let (r, d) = (
                fraction("retentionRate", retention_rate)?,
                count("discountRate", discount_rate)?,
            );
            let f = if matches!(c, ClvDiscounted { .. }) {
                lv::clv_discounted
            } else {
                lv::clv_discounted_future
            };
            f(margin_per_period, r, d)
                .ok_or_else(|| "retention 1 without discounting: the sum has no end".to_string())
        }
        SentimentScore {
            positive,
            neutral,
            negative,
        } => {
            let (p, u, n) = (
                count("positive", positive)?,
                count("neutral", neutral)?,
                count("negative", negative)?,
            );
            quotient(p - n, p + u + n)
        }
        FollowerGrowth {
            followers_start,
            followers_end,
        } => {
            let (a, b) = (
                count("followersStart", followers_start)?,
                count("followersEnd", followers_end)?,
            );
            quotient(b - a, a)
        }
        SbgRetention { ref alive, periods } => {
            if alive.len() < 2 {
                return Err(Error::option(
                    "alive",
                    "needs the counts of at least 2 periods",
                ));
            }
            for (i, w) in alive.windows(2).enumerate() {
                if !(w[1] >= 0.0 && w[1] <= w[0] && w[0].is_finite()) {
                    return Err(Error::option(
                        "alive",
                        format!("counts must be ≥ 0 and never rise (period {})", i + 1),
                    ));
                }
            }
            if alive[0] <= 0.0 {
                return Err(Error::option("alive", "the first count must be > 0"));
            }
            let p = count("periods", periods)?.min(1000.0) as usize;
            let m = sbg::fit(alive);
            details.insert("alpha", m.alpha);
            details.insert("beta", m.beta);
            details.insert("logLikelihood", m.log_likelihood);
            if let Some(med) = sbg::median_lifetime(m.alpha, m.beta) {
                details.insert("medianLifetime", med as f64);
            }
            series = sbg::survival(m.alpha, m.beta, p.max(alive.len() - 1));
            sbg::mean_lifetime(m.alpha, m.beta)
                .ok_or_else(|| format!("α = {:.3} ≤ 1: the mean lifetime is infinite", m.alpha))
        }
        BgNbdCustomer {
            r,
            alpha,
            a,
            b,
            frequency,
            recency,
            t,
            horizon,
        } => {
            let m = BgNbd {
                r: positive("r", r)?,
                alpha: positive("alpha", alpha)?,
                a: positive("a", a)?,
                b: positive("b", b)?,
                log_likelihood: 0.0,
                modified: false,
                converged: true,
            };
            let c = Rft {
                x: count("frequency", frequency)?,
                t_x: count("recency", recency)?,
                t: count("t", t)?,
            };
            if c.t_x > c.t {
                return Err(Error::option("recency", "cannot exceed the age T"));
            }
            if c.x > 0.0 && c.t_x == 0.0 {
                return Err(Error::option(
                    "recency",
                    "must be > 0 when there are repeat purchases",
                ));
            }
            details.insert("pAlive", m.p_alive(&c));
            Ok(m.expected_purchases(&c, count("horizon", horizon)?))
        }
    };
    let (_, _, _, unit, formula, _) = *entry(name(c));
    Ok(result(name(c), unit, formula, value, details, series))
}
