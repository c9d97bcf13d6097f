//! Calculators: every customer, revenue and lifetime-value formula of the reports as a pure
//! function of numbers a person types in (period counts, totals, model parameters). One
//! catalogue describes them — inputs, labels, example values, formula — so the calculators
//! page, the TypeScript types and the tests all read the same list.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::metrics::ab::whole;
use crate::metrics::clv::{bgnbd::BgNbd, sbg, Rft};
use crate::metrics::lifetime_value as lv;
use crate::stats::significance;
use crate::stats::{mean_interval, wilson_interval};
use crate::vocab::{Calculator, CalculatorGroup, Formula, Metric, Unit};

/// A calculation's result. `value` is null (with `unavailableReason`) when the formula is
/// undefined for the inputs (a zero denominator), never NaN.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CalculationResult")]
pub struct CalcResult {
    pub metric: Calculator,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unavailable_reason: Option<String>,
    /// The unit of `value` and of the interval bounds in `details`: the metric catalogue's
    /// unit for a calculator that is one of the report's metrics, so shares and rates are
    /// percent, 0–100 (30 customers lost of 200 is 15, not 0.15). `Unit` states each unit's
    /// convention.
    pub unit: Unit,
    pub formula: &'static str,
    /// Further named results (fitted parameters, probabilities).
    pub details: BTreeMap<&'static str, f64>,
    /// A series (projected survival S(0), S(1), …), when the calculator makes one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional = nullable)]
    pub series: Vec<f64>,
}

/// One input field of a calculator.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CalculatorInput")]
pub struct InputSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: InputKind,
    /// An example value (also the page's initial value).
    pub example: &'static str,
}

/// What an input takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum InputKind {
    /// One number.
    Number,
    /// A list of numbers (typed comma-separated on the page).
    Numbers,
}

/// A calculator in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CalculatorSpec {
    pub metric: Calculator,
    pub group: CalculatorGroup,
    pub title: &'static str,
    pub unit: Unit,
    pub formula: &'static str,
    pub inputs: Vec<InputSpec>,
}

const fn num(name: &'static str, label: &'static str, example: &'static str) -> InputSpec {
    InputSpec {
        name,
        label,
        kind: InputKind::Number,
        example,
    }
}

/// The confidence level of a calculator's interval.
const CONFIDENCE: InputSpec = num("confidence", "Confidence (e.g. 0.95)", "0.95");

type Entry = (
    Calculator,
    CalculatorGroup,
    &'static str,
    Unit,
    &'static str,
    &'static [InputSpec],
);

/// metric, group, title, unit, formula, inputs.
const CATALOGUE: &[Entry] = &[
    (Calculator::Metric(Metric::RetentionRate), CalculatorGroup::Customers, "Customer retention rate", Unit::Percent,
     "(customers at end − new customers) / customers at start",
     &[num("start", "Customers at start", "200"), num("end", "Customers at end", "210"), num("new", "New customers", "40")]),
    (Calculator::Formula(Formula::LifespanFromChurn), CalculatorGroup::Customers, "Expected lifespan from churn", Unit::Periods,
     "1 / churn rate (periods, counting the current one)",
     &[num("churnRate", "Churn rate per period (0–1)", "0.05")]),
    (Calculator::Formula(Formula::ClvPurchaseValue), CalculatorGroup::LifetimeValue, "CLV: purchase value × frequency × lifespan", Unit::Currency,
     "average order value × purchase frequency × lifespan × margin",
     &[num("averageOrderValue", "Average order value", "50"), num("purchaseFrequency", "Purchases per period", "0.8"), num("lifespan", "Lifespan (periods)", "20"), num("margin", "Margin (0–1; 1 = revenue)", "1")]),
    (Calculator::Formula(Formula::ClvArpuYears), CalculatorGroup::LifetimeValue, "CLV: ARPU per year × expected years", Unit::Currency,
     "ARPU per year × expected years",
     &[num("arpuPerYear", "ARPU per year", "480"), num("years", "Expected years", "2.5")]),
    (Calculator::Formula(Formula::ClvDiscounted), CalculatorGroup::LifetimeValue, "CLV: discounted, with retention", Unit::Currency,
     "m × (1 + d) / (1 + d − r): margin m per period, the first one now, retention r, discount d",
     &[num("marginPerPeriod", "Margin per period", "40"), num("retentionRate", "Retention rate (0–1)", "0.8"), num("discountRate", "Discount rate per period", "0.1")]),
    (Calculator::Formula(Formula::ClvDiscountedFuture), CalculatorGroup::LifetimeValue, "CLV: discounted future margins (Gupta & Lehmann)", Unit::Currency,
     "m × r / (1 + d − r): future periods only, margins at each period's end",
     &[num("marginPerPeriod", "Margin per period", "40"), num("retentionRate", "Retention rate (0–1)", "0.8"), num("discountRate", "Discount rate per period", "0.1")]),
    (Calculator::Formula(Formula::SbgRetention), CalculatorGroup::LifetimeValue, "Contract retention projection (shifted-beta-geometric)", Unit::Periods,
     "θ ~ Beta(α, β) fitted to the counts; S(t) = Π_{k=1..t} (β + k − 1)/(α + β + k − 1); value = mean lifetime (α + β − 1)/(α − 1)",
     &[InputSpec { name: "alive", label: "Customers still subscribed after 0, 1, 2, … periods", kind: InputKind::Numbers, example: "1000, 631, 468, 382, 326, 289, 262, 241" },
       num("periods", "Periods to project", "12")]),
    (Calculator::Formula(Formula::NpsScore), CalculatorGroup::Survey, "Net Promoter Score", Unit::Points,
     "100 × (promoters − detractors) / responses; interval from the variance of the +1/0/−1 coding",
     &[num("promoters", "Promoters (9–10)", "60"), num("passives", "Passives (7–8)", "25"), num("detractors", "Detractors (0–6)", "15"), CONFIDENCE]),
    (Calculator::Formula(Formula::CsatScore), CalculatorGroup::Survey, "CSAT (top-box share)", Unit::Percent,
     "satisfied answers (e.g. 4–5 of 5) / responses; Wilson interval",
     &[num("satisfied", "Satisfied answers", "172"), num("responses", "Responses", "200"), CONFIDENCE]),
    (Calculator::Formula(Formula::MeanScore), CalculatorGroup::Survey, "Mean score (CES, CSAT mean, handle time…)", Unit::Count,
     "the mean with its t interval: mean ± t(1 − α/2, n − 1) · sd / √n",
     &[num("mean", "Mean", "5.6"), num("sd", "Standard deviation", "1.2"), num("n", "Answers", "80"), CONFIDENCE]),
    (Calculator::Formula(Formula::NpsDifference), CalculatorGroup::Survey, "Is the NPS change real?", Unit::Points,
     "NPS B − NPS A; z = difference / √(v_A + v_B), v = (P + D − (P − D)²)/n",
     &[num("promotersA", "Promoters, period A", "36"), num("passivesA", "Passives, A", "24"), num("detractorsA", "Detractors, A", "20"),
       num("promotersB", "Promoters, period B", "40"), num("passivesB", "Passives, B", "22"), num("detractorsB", "Detractors, B", "18"), CONFIDENCE]),
    (Calculator::Metric(Metric::AbTest), CalculatorGroup::AbTests, "A/B test (conversion)", Unit::Ratio,
     "lift = B − A with its Wald interval; p from the pooled two-proportion z-test; significant when p < 1 − confidence",
     &[num("controlVisitors", "Visitors in A (control)", "1000"), num("controlConversions", "Conversions in A", "120"),
       num("variantVisitors", "Visitors in B", "1000"), num("variantConversions", "Conversions in B", "150"), CONFIDENCE]),
    (Calculator::Formula(Formula::SampleSize), CalculatorGroup::AbTests, "Sample size per variant", Unit::Count,
     "n = (z₁₋α/₂ √(2p̄q̄) + z_power √(p₁q₁ + p₂q₂))² / (p₂ − p₁)², two-sided; decide it before the test and do not stop early",
     &[num("baselineRate", "Baseline conversion rate (0–1)", "0.10"), num("targetRate", "Rate to detect (0–1)", "0.12"),
       num("power", "Power (e.g. 0.8)", "0.8"), num("significance", "Significance level α (e.g. 0.05)", "0.05")]),
    (Calculator::Formula(Formula::MinimumDetectableEffect), CalculatorGroup::AbTests, "Minimum detectable effect", Unit::Ratio,
     "the smallest absolute lift the sample-size formula detects with this many visitors per variant",
     &[num("baselineRate", "Baseline conversion rate (0–1)", "0.10"), num("visitorsPerVariant", "Visitors per variant", "3841"),
       num("power", "Power (e.g. 0.8)", "0.8"), num("significance", "Significance level α (e.g. 0.05)", "0.05")]),
    (Calculator::Formula(Formula::WelchTest), CalculatorGroup::AbTests, "Compare two means (Welch's t-test)", Unit::Count,
     "difference B − A of the means; t = (x̄B − x̄A)/√(sA²/nA + sB²/nB), Welch–Satterthwaite df",
     &[num("meanA", "Mean of A", "47.9"), num("sdA", "Standard deviation of A", "15.6"), num("nA", "Size of A", "35"),
       num("meanB", "Mean of B", "52.3"), num("sdB", "Standard deviation of B", "12.1"), num("nB", "Size of B", "40"), CONFIDENCE]),
    (Calculator::Metric(Metric::SentimentScore), CalculatorGroup::SocialAndBrand, "Sentiment score", Unit::Ratio,
     "(positive − negative) / all texts (−1 … 1)",
     &[num("positive", "Positive texts", "120"), num("neutral", "Neutral texts", "50"), num("negative", "Negative texts", "30")]),
    (Calculator::Formula(Formula::FollowerGrowth), CalculatorGroup::SocialAndBrand, "Follower growth", Unit::Percent,
     "(followers at the end − at the start) / followers at the start",
     &[num("followersStart", "Followers at the start", "10100"), num("followersEnd", "Followers at the end", "12500")]),
    (Calculator::Formula(Formula::BgNbdCustomer), CalculatorGroup::LifetimeValue, "Expected purchases of a customer (BG/NBD)", Unit::Purchases,
     "E[X(horizon) | x, tₓ, T] (Fader, Hardie & Lee 2005, eq. 10); details: P(alive)",
     &[num("r", "r", "0.243"), num("alpha", "α", "4.414"), num("a", "a", "0.793"), num("b", "b", "2.426"),
       num("frequency", "Repeat purchases x", "2"), num("recency", "Recency tₓ (time of last purchase)", "30.43"), num("t", "Age T (time since first purchase)", "38.86"), num("horizon", "Horizon (time units)", "39")]),
];

/// A calculator that is one quotient: numerator / denominator.
struct RatioSpec {
    metric: Calculator,
    group: CalculatorGroup,
    title: &'static str,
    unit: Unit,
    formula: &'static str,
    num: InputSpec,
    den: InputSpec,
    /// The numerator is a part of the denominator (it cannot exceed it).
    part: bool,
}

impl RatioSpec {
    /// Money numerators may be negative (refunds); counts may not.
    fn money(&self) -> bool {
        self.unit == Unit::Currency
            || matches!(
                self.metric,
                Calculator::Formula(Formula::NetRevenueRetention)
                    | Calculator::Metric(Metric::ReturnOnAdSpend)
            )
    }
}

#[allow(clippy::too_many_arguments)]
const fn ratio(
    metric: Calculator,
    group: CalculatorGroup,
    title: &'static str,
    unit: Unit,
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
    ratio(Calculator::Metric(Metric::ChurnRate), CalculatorGroup::Customers, "Churn rate", Unit::Percent, "customers lost / customers at start",
        num("lost", "Customers lost", "30"), num("start", "Customers at start", "200"), true),
    ratio(Calculator::Metric(Metric::RepeatPurchaseRate), CalculatorGroup::Customers, "Repeat purchase rate", Unit::Percent, "customers with 2 or more orders / customers",
        num("repeatCustomers", "Customers with 2+ orders", "45"), num("customers", "Customers", "180"), true),
    ratio(Calculator::Metric(Metric::Arpu), CalculatorGroup::Revenue, "Average revenue per user (ARPU)", Unit::Currency, "revenue / active customers",
        num("revenue", "Revenue", "12500"), num("customers", "Active customers", "250"), false),
    ratio(Calculator::Metric(Metric::AverageOrderValue), CalculatorGroup::Revenue, "Average order value", Unit::Currency, "revenue / orders",
        num("revenue", "Revenue", "12500"), num("orders", "Orders", "400"), false),
    ratio(Calculator::Formula(Formula::PurchaseFrequency), CalculatorGroup::Revenue, "Purchase frequency", Unit::Purchases, "orders / customers",
        num("orders", "Orders", "400"), num("customers", "Customers", "250"), false),
    ratio(Calculator::Formula(Formula::NetRevenueRetention), CalculatorGroup::Revenue, "Net revenue retention", Unit::Percent, "this period's revenue from last period's customers / their revenue last period",
        num("revenueNow", "Revenue now from last period's customers", "10400"), num("revenueBefore", "Their revenue last period", "10000"), false),
    ratio(Calculator::Formula(Formula::FirstContactResolutionRate), CalculatorGroup::Support, "First contact resolution rate", Unit::Percent, "tickets resolved on the first contact / resolved tickets",
        num("resolvedFirstContact", "Resolved on first contact", "340"), num("resolved", "Resolved tickets", "450"), true),
    ratio(Calculator::Metric(Metric::ReopenRate), CalculatorGroup::Support, "Reopen rate", Unit::Percent, "resolved tickets reopened / resolved tickets",
        num("reopened", "Reopened tickets", "27"), num("resolved", "Resolved tickets", "450"), true),
    ratio(Calculator::Formula(Formula::AverageHandleTime), CalculatorGroup::Support, "Average handle time", Unit::Seconds, "total handle time / handled contacts",
        num("totalHandleSeconds", "Total handle time (seconds)", "162000"), num("contacts", "Contacts handled", "360"), false),
    ratio(Calculator::Formula(Formula::TicketsPerCustomer), CalculatorGroup::Support, "Tickets per customer", Unit::Count, "tickets / distinct customers",
        num("tickets", "Tickets", "450"), num("customers", "Customers", "300"), false),
    ratio(Calculator::Metric(Metric::DeliveryRate), CalculatorGroup::EmailAndAds, "Delivery rate", Unit::Percent, "delivered / sent",
        num("delivered", "Delivered", "9800"), num("sent", "Sent", "10000"), true),
    ratio(Calculator::Metric(Metric::OpenRate), CalculatorGroup::EmailAndAds, "Open rate", Unit::Percent, "unique opens / delivered",
        num("opens", "Unique opens", "2450"), num("delivered", "Delivered", "9800"), true),
    ratio(Calculator::Metric(Metric::ClickThroughRate), CalculatorGroup::EmailAndAds, "Click-through rate (email)", Unit::Percent, "unique clicks / delivered",
        num("clicks", "Unique clicks", "294"), num("delivered", "Delivered", "9800"), true),
    ratio(Calculator::Metric(Metric::ClickToOpenRate), CalculatorGroup::EmailAndAds, "Click-to-open rate", Unit::Percent, "unique clicks / unique opens",
        num("clicks", "Unique clicks", "294"), num("opens", "Unique opens", "2450"), true),
    ratio(Calculator::Metric(Metric::ConversionRate), CalculatorGroup::EmailAndAds, "Conversion rate", Unit::Percent, "conversions / delivered",
        num("conversions", "Conversions", "49"), num("delivered", "Delivered", "9800"), true),
    ratio(Calculator::Metric(Metric::UnsubscribeRate), CalculatorGroup::EmailAndAds, "Unsubscribe rate", Unit::Percent, "unsubscribes / delivered",
        num("unsubscribes", "Unsubscribes", "20"), num("delivered", "Delivered", "9800"), true),
    ratio(Calculator::Metric(Metric::BounceRate), CalculatorGroup::EmailAndAds, "Bounce rate", Unit::Percent, "bounces / sent",
        num("bounces", "Bounces", "200"), num("sent", "Sent", "10000"), true),
    ratio(Calculator::Metric(Metric::RevenuePerEmail), CalculatorGroup::EmailAndAds, "Revenue per email", Unit::Currency, "revenue / delivered",
        num("revenue", "Revenue", "2940"), num("delivered", "Delivered", "9800"), false),
    ratio(Calculator::Formula(Formula::AdClickThroughRate), CalculatorGroup::EmailAndAds, "Click-through rate (ads)", Unit::Percent, "clicks / impressions",
        num("clicks", "Clicks", "150"), num("impressions", "Impressions", "10000"), true),
    ratio(Calculator::Metric(Metric::CostPerClick), CalculatorGroup::EmailAndAds, "Cost per click", Unit::Currency, "spend / clicks",
        num("spend", "Spend", "75"), num("clicks", "Clicks", "150"), false),
    ratio(Calculator::Metric(Metric::ReturnOnAdSpend), CalculatorGroup::EmailAndAds, "Return on ad spend", Unit::Multiple, "revenue / spend",
        num("revenue", "Revenue", "300"), num("spend", "Spend", "75"), false),
    ratio(Calculator::Metric(Metric::EngagementRate), CalculatorGroup::SocialAndBrand, "Engagement rate (by followers)", Unit::Percent, "(likes + comments + shares [+ saves]) / followers",
        num("engagements", "Likes + comments + shares", "760"), num("followers", "Followers", "32600"), false),
    ratio(Calculator::Metric(Metric::EngagementRateByImpressions), CalculatorGroup::SocialAndBrand, "Engagement rate (by impressions)", Unit::Percent, "(likes + comments + shares [+ saves]) / impressions",
        num("engagements", "Likes + comments + shares", "760"), num("impressions", "Impressions", "36000"), false),
    ratio(Calculator::Metric(Metric::ShareOfVoice), CalculatorGroup::SocialAndBrand, "Share of voice", Unit::Percent, "our mentions (or searches) / all brands' mentions (or searches)",
        num("ours", "Our mentions", "270"), num("all", "All brands' mentions", "400"), true),
    ratio(Calculator::Metric(Metric::GoodRatingShare), CalculatorGroup::SocialAndBrand, "Share of good ratings", Unit::Percent, "reviews rated 4–5 (top two points) / rated reviews",
        num("good", "Reviews rated 4–5", "212"), num("ratings", "Rated reviews", "300"), true),
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
            // Shares of counts get a Wilson interval at this level.
            inputs: if r.part {
                vec![r.num.clone(), r.den.clone(), CONFIDENCE]
            } else {
                vec![r.num.clone(), r.den.clone()]
            },
        }))
        .collect();
    out.sort_by_key(|c| c.group);
    out
}

/// A calculation's input: `{ metric, …its inputs }` (in TypeScript, one object type per
/// calculator, generated from the catalogue). Read by [`calculate_json`].
pub struct Calculation;

impl ts_rs::TS for Calculation {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Calculation".to_string()
    }
    fn inline(_: &ts_rs::Config) -> String {
        let ratio = |c: Calculator| RATIOS.iter().find(|r| r.metric == c);
        let members: Vec<String> = calculators()
            .iter()
            .map(|spec| {
                let mut fields = vec![format!("metric: \"{}\"", spec.metric)];
                for i in &spec.inputs {
                    // The confidence of a share's Wilson interval defaults to 0.95.
                    let optional =
                        i.name == CONFIDENCE.name && ratio(spec.metric).is_some_and(|r| r.part);
                    let ty = match i.kind {
                        InputKind::Number => "number",
                        InputKind::Numbers => "number[]",
                    };
                    fields.push(format!(
                        "{}{}: {ty}",
                        i.name,
                        if optional { "?" } else { "" }
                    ));
                }
                format!("{{ {} }}", fields.join("; "))
            })
            .collect();
        format!("\n  | {}", members.join("\n  | "))
    }
    fn decl(cfg: &ts_rs::Config) -> String {
        format!("type Calculation = {};", Self::inline(cfg))
    }
    fn decl_concrete(cfg: &ts_rs::Config) -> String {
        Self::decl(cfg)
    }
    fn docs() -> Option<String> {
        Some("/**\n * A calculation: the calculator's name and its inputs.\n */\n".to_string())
    }
    fn output_path() -> Option<std::path::PathBuf> {
        Some("Calculation.ts".into())
    }
}

/// Runs a calculation given as JSON (`{"metric": …, inputs…}`): the quotients of the table
/// above, or any other calculator of the catalogue.
pub fn calculate_json(v: &serde_json::Value) -> Result<CalcResult> {
    let obj = v
        .as_object()
        .ok_or_else(|| Error::option("calculation", "must be an object"))?;
    let name = obj
        .get("metric")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| Error::option("metric", "must name a calculator"))?;
    let metric = calculators()
        .iter()
        .map(|c| c.metric)
        .find(|c| c.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = calculators().iter().map(|c| c.metric.name()).collect();
            Error::option(
                "metric",
                format!("`{name}` is not a calculator (one of {})", names.join(", ")),
            )
        })?;
    let Some(r) = RATIOS.iter().find(|r| r.metric == metric) else {
        let e = entry(metric);
        // Only the catalogue's inputs: a misspelt one is an error, not a silent default.
        if let Some(k) = obj
            .keys()
            .find(|k| k.as_str() != "metric" && !e.5.iter().any(|i| i.name == k.as_str()))
        {
            return Err(Error::option(k, format!("is not an input of {metric}")));
        }
        return calculate(e.0, obj);
    };
    let optional = if r.part { "confidence" } else { "metric" };
    if let Some(k) = obj
        .keys()
        .find(|k| !["metric", r.num.name, r.den.name, optional].contains(&k.as_str()))
    {
        return Err(Error::option(
            k,
            format!(
                "is not an input of {metric} (inputs: {}, {}{})",
                r.num.name,
                r.den.name,
                if r.part { ", confidence" } else { "" }
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
    let mut details = BTreeMap::new();
    if r.part {
        // Wilson interval of the share (whole counts only), at `confidence` (default 0.95).
        let level = match obj.get("confidence") {
            None => 0.95,
            Some(_) => open_unit("confidence", number(obj, "confidence")?)?,
        };
        if n.fract() == 0.0 && d.fract() == 0.0 {
            interval_details(&mut details, wilson_interval(n as u64, d as u64, level));
            details.insert("n", d);
        }
    }
    Ok(result(
        r.metric,
        r.unit,
        r.formula,
        quotient(n, d),
        details,
        Vec::new(),
    ))
}

type Object = serde_json::Map<String, serde_json::Value>;

fn number(obj: &Object, field: &str) -> Result<f64> {
    obj.get(field)
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| Error::option(field, "must be a number"))
}

fn numbers(obj: &Object, field: &str) -> Result<Vec<f64>> {
    obj.get(field)
        .and_then(serde_json::Value::as_array)
        .and_then(|a| {
            a.iter()
                .map(serde_json::Value::as_f64)
                .collect::<Option<Vec<f64>>>()
        })
        .ok_or_else(|| Error::option(field, "must be an array of numbers"))
}

fn result(
    metric: Calculator,
    unit: Unit,
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
    // Shares and rates are computed as fractions and given in percent, their interval too.
    let (value, details) = if unit == Unit::Percent {
        let details = details
            .into_iter()
            .map(|(k, v)| {
                (
                    k,
                    if PERCENT_DETAILS.contains(&k) {
                        100.0 * v
                    } else {
                        v
                    },
                )
            })
            .collect();
        (value.map(|v| 100.0 * v), details)
    } else {
        (value, details)
    };
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

fn entry(metric: Calculator) -> &'static Entry {
    CATALOGUE
        .iter()
        .find(|e| e.0 == metric)
        .unwrap_or_else(|| unreachable!("every calculation is in the catalogue"))
}

/// A count: finite and ≥ 0.
fn count(field: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(Error::option(field, "must be a number ≥ 0"))
    }
}

/// The details of a percent result that are in its unit (scaled with its value).
const PERCENT_DETAILS: [&str; 2] = ["intervalLow", "intervalHigh"];

/// Detail keys of a difference's interval.
const DIFFERENCE: [&str; 2] = ["differenceLow", "differenceHigh"];

/// An interval's bounds as details under `keys` (low, high).
fn bounds(
    details: &mut BTreeMap<&'static str, f64>,
    keys: [&'static str; 2],
    i: Option<crate::stats::Interval>,
) {
    if let Some(i) = i {
        details.insert(keys[0], i.low);
        details.insert(keys[1], i.high);
    }
}

/// An interval's bounds as details (`intervalLow`, `intervalHigh`).
fn interval_details(details: &mut BTreeMap<&'static str, f64>, i: Option<crate::stats::Interval>) {
    bounds(details, ["intervalLow", "intervalHigh"], i);
}

/// A probability strictly between 0 and 1 (power, significance, confidence).
fn open_unit(field: &str, v: f64) -> Result<f64> {
    if v > 0.0 && v < 1.0 {
        Ok(v)
    } else {
        Err(Error::option(field, "must be between 0 and 1 (exclusive)"))
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

/// Runs one calculation of the catalogue on its inputs. Invalid inputs (negative counts, rates outside 0–1) are errors naming
/// the field; a zero denominator is a result without a value.
fn calculate(metric: Calculator, obj: &Object) -> Result<CalcResult> {
    let input = |field: &str| number(obj, field);
    let mut details = BTreeMap::new();
    let mut series = Vec::new();
    let value: std::result::Result<f64, String> = match metric {
        Calculator::Metric(Metric::RetentionRate) => {
            let start = input("start")?;
            let end = input("end")?;
            let new = input("new")?;
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
        Calculator::Formula(Formula::LifespanFromChurn) => {
            let churn_rate = input("churnRate")?;
            lv::lifespan_from_churn(fraction("churnRate", churn_rate)?)
                .ok_or_else(|| "a churn rate of 0 means an unbounded lifespan".to_string())
        }
        Calculator::Formula(Formula::ClvPurchaseValue) => {
            Ok(lv::clv_purchase_value(
                input("averageOrderValue")?,
                count("purchaseFrequency", input("purchaseFrequency")?)?,
                count("lifespan", input("lifespan")?)?,
            ) * fraction("margin", input("margin")?)?)
        }
        Calculator::Formula(Formula::ClvArpuYears) => {
            Ok(input("arpuPerYear")? * count("years", input("years")?)?)
        }
        Calculator::Formula(Formula::ClvDiscounted)
        | Calculator::Formula(Formula::ClvDiscountedFuture) => {
            let (margin_per_period, retention_rate, discount_rate) = (
                input("marginPerPeriod")?,
                input("retentionRate")?,
                input("discountRate")?,
            );
            let (r, d) = (
                fraction("retentionRate", retention_rate)?,
                count("discountRate", discount_rate)?,
            );
            let f = if metric == Calculator::Formula(Formula::ClvDiscounted) {
                lv::clv_discounted
            } else {
                lv::clv_discounted_future
            };
            f(margin_per_period, r, d)
                .ok_or_else(|| "retention 1 without discounting: the sum has no end".to_string())
        }
        Calculator::Formula(Formula::NpsScore) => {
            let promoters = input("promoters")?;
            let passives = input("passives")?;
            let detractors = input("detractors")?;
            let confidence = input("confidence")?;
            let level = open_unit("confidence", confidence)?;
            let c = [
                whole("promoters", promoters)?,
                whole("passives", passives)?,
                whole("detractors", detractors)?,
            ];
            let r = crate::metrics::survey::nps_from_counts(c[0], c[1], c[2], level)?;
            details.insert("responses", r.responses as f64);
            if let Some(m) = r.margin_of_error {
                details.insert("marginOfError", m);
            }
            interval_details(&mut details, r.interval);
            r.score.ok_or_else(|| "no responses".to_string())
        }
        Calculator::Formula(Formula::CsatScore) => {
            let satisfied = input("satisfied")?;
            let responses = input("responses")?;
            let confidence = input("confidence")?;
            let level = open_unit("confidence", confidence)?;
            let (x, n) = (
                whole("satisfied", satisfied)?,
                whole("responses", responses)?,
            );
            if x > n {
                return Err(Error::option("satisfied", "cannot exceed the responses"));
            }
            interval_details(&mut details, wilson_interval(x, n, level));
            details.insert("responses", n as f64);
            quotient(x as f64, n as f64)
        }
        Calculator::Formula(Formula::MeanScore) => {
            let mean = input("mean")?;
            let sd = input("sd")?;
            let n = input("n")?;
            let confidence = input("confidence")?;
            let level = open_unit("confidence", confidence)?;
            if !mean.is_finite() {
                return Err(Error::option("mean", "must be a number"));
            }
            let n = whole("n", n)?;
            interval_details(
                &mut details,
                mean_interval(mean, count("sd", sd)?, n, level),
            );
            details.insert("n", n as f64);
            Ok(mean)
        }
        Calculator::Formula(Formula::NpsDifference) => {
            let promoters_a = input("promotersA")?;
            let passives_a = input("passivesA")?;
            let detractors_a = input("detractorsA")?;
            let promoters_b = input("promotersB")?;
            let passives_b = input("passivesB")?;
            let detractors_b = input("detractorsB")?;
            let confidence = input("confidence")?;
            let level = open_unit("confidence", confidence)?;
            let a = [
                whole("promotersA", promoters_a)?,
                whole("passivesA", passives_a)?,
                whole("detractorsA", detractors_a)?,
            ];
            let b = [
                whole("promotersB", promoters_b)?,
                whole("passivesB", passives_b)?,
                whole("detractorsB", detractors_b)?,
            ];
            match significance::nps_difference(a, b, level) {
                Some(k) => {
                    details.insert("pValue", k.p_value);
                    interval_details(&mut details, k.difference_interval);
                    Ok(k.difference)
                }
                None => Err("a group has no responses".to_string()),
            }
        }
        Calculator::Metric(Metric::AbTest) => {
            let control_visitors = input("controlVisitors")?;
            let control_conversions = input("controlConversions")?;
            let variant_visitors = input("variantVisitors")?;
            let variant_conversions = input("variantConversions")?;
            let confidence = input("confidence")?;
            let input = crate::metrics::ab::AbInput {
                variants: vec![
                    crate::metrics::ab::VariantCounts {
                        name: "A".into(),
                        visitors: control_visitors,
                        conversions: control_conversions,
                        revenue_mean: None,
                        revenue_sd: None,
                    },
                    crate::metrics::ab::VariantCounts {
                        name: "B".into(),
                        visitors: variant_visitors,
                        conversions: variant_conversions,
                        revenue_mean: None,
                        revenue_sd: None,
                    },
                ],
                confidence: Some(confidence),
            };
            let r = crate::metrics::ab::ab_test(&input)?;
            let c = &r.comparisons[0];
            match &c.conversion {
                Some(k) => {
                    details.insert("pValue", k.p_value);
                    details.insert("significant", c.significant as u8 as f64);
                    bounds(&mut details, DIFFERENCE, k.difference_interval);
                    if let Some(rel) = k.relative {
                        details.insert("relativeLift", rel);
                    }
                    bounds(
                        &mut details,
                        ["relativeLow", "relativeHigh"],
                        k.relative_interval,
                    );
                    Ok(k.difference)
                }
                None => Err("a variant has no visitors".to_string()),
            }
        }
        Calculator::Formula(Formula::SampleSize) => {
            let baseline_rate = input("baselineRate")?;
            let target_rate = input("targetRate")?;
            let power = input("power")?;
            let significance = input("significance")?;
            let (p1, p2) = (
                fraction("baselineRate", baseline_rate)?,
                fraction("targetRate", target_rate)?,
            );
            let (pw, a) = (
                open_unit("power", power)?,
                open_unit("significance", significance)?,
            );
            match significance::sample_size_two_proportions(p1, p2, pw, a) {
                Some(n) => {
                    let n = n.ceil();
                    details.insert("totalVisitors", 2.0 * n);
                    Ok(n)
                }
                None => Err("the target rate must differ from the baseline".to_string()),
            }
        }
        Calculator::Formula(Formula::MinimumDetectableEffect) => {
            let baseline_rate = input("baselineRate")?;
            let visitors_per_variant = input("visitorsPerVariant")?;
            let power = input("power")?;
            let significance = input("significance")?;
            let p1 = fraction("baselineRate", baseline_rate)?;
            let n = count("visitorsPerVariant", visitors_per_variant)?;
            let (pw, a) = (
                open_unit("power", power)?,
                open_unit("significance", significance)?,
            );
            match significance::mde_two_proportions(p1, n, pw, a) {
                Some(d) => {
                    if p1 > 0.0 {
                        details.insert("relativeLift", d / p1);
                    }
                    Ok(d)
                }
                None => Err("too few visitors to detect any lift at this power".to_string()),
            }
        }
        Calculator::Formula(Formula::WelchTest) => {
            let mean_a = input("meanA")?;
            let sd_a = input("sdA")?;
            let n_a = input("nA")?;
            let mean_b = input("meanB")?;
            let sd_b = input("sdB")?;
            let n_b = input("nB")?;
            let confidence = input("confidence")?;
            let level = open_unit("confidence", confidence)?;
            let s = |m: f64, sd: f64, n: f64, k: &str| -> Result<significance::Sample> {
                if !m.is_finite() {
                    return Err(Error::option(&format!("mean{k}"), "must be a number"));
                }
                Ok(significance::Sample {
                    mean: m,
                    sd: count(&format!("sd{k}"), sd)?,
                    n: count(&format!("n{k}"), n)?,
                })
            };
            match significance::welch(
                s(mean_a, sd_a, n_a, "A")?,
                s(mean_b, sd_b, n_b, "B")?,
                level,
            ) {
                Some(k) => {
                    details.insert("pValue", k.p_value);
                    details.insert("t", k.statistic);
                    if let Some(df) = k.df {
                        details.insert("df", df);
                    }
                    bounds(&mut details, DIFFERENCE, k.difference_interval);
                    Ok(k.difference)
                }
                None => Err("each group needs at least 2 values and some spread".to_string()),
            }
        }
        Calculator::Metric(Metric::SentimentScore) => {
            let positive = input("positive")?;
            let neutral = input("neutral")?;
            let negative = input("negative")?;
            let (p, u, n) = (
                count("positive", positive)?,
                count("neutral", neutral)?,
                count("negative", negative)?,
            );
            quotient(p - n, p + u + n)
        }
        Calculator::Formula(Formula::FollowerGrowth) => {
            let followers_start = input("followersStart")?;
            let followers_end = input("followersEnd")?;
            let (a, b) = (
                count("followersStart", followers_start)?,
                count("followersEnd", followers_end)?,
            );
            quotient(b - a, a)
        }
        Calculator::Formula(Formula::SbgRetention) => {
            let alive = numbers(obj, "alive")?;
            let periods = input("periods")?;
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
            let m = sbg::fit(&alive);
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
        Calculator::Formula(Formula::BgNbdCustomer) => {
            let r = input("r")?;
            let alpha = input("alpha")?;
            let a = input("a")?;
            let b = input("b")?;
            let frequency = input("frequency")?;
            let recency = input("recency")?;
            let t = input("t")?;
            let horizon = input("horizon")?;
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
        // Every catalogue entry has an arm (tests/calculators.rs runs each one).
        _ => return Err(Error::option("metric", "has no calculation")),
    };
    let (_, _, _, unit, formula, _) = *entry(metric);
    Ok(result(metric, unit, formula, value, details, series))
}
