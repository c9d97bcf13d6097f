//! Predictive CLV from transactions: the repeat-purchase summary per customer (purchases on
//! the same local day count once, as in the published work), a calibration / holdout split,
//! BG/NBD (or MBG/NBD) and Gamma-Gamma fits, the holdout check, and CLV per customer over a
//! horizon with a discount rate.

use crate::vocab::WarningCode;
use crate::vocab::{Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use super::bgnbd::{self, BgNbd};
use super::gamma_gamma::{self, GammaGamma};
use super::Rft;
use crate::error::{Error, Result, Warning};
use crate::metrics::figure::Definition;
use crate::stats::clock::Clock;
use crate::stats::{exact_sum, ExactSum};

/// Options (`clv: {...}` in AnalyzeOptions).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ClvOptions {
    /// Last day of the calibration period (YYYY-MM-DD); later purchases are the holdout.
    pub calibration_end: Option<String>,
    /// End of observation (YYYY-MM-DD); default the last day of the data.
    pub as_of: Option<String>,
    /// Days per model time unit (default 7: weeks, as in the published work).
    pub unit_days: Option<f64>,
    /// CLV horizon in time units (default 52).
    pub horizon: Option<u32>,
    /// Discount rate per time unit (default 0).
    pub discount_rate: Option<f64>,
    /// Margin applied to spend (default 1).
    pub margin: Option<f64>,
    /// Modified BG/NBD (drop-out possible right after the first purchase).
    pub modified: Option<bool>,
    /// Include the per-customer table (summary, P(alive), expected purchases, CLV).
    pub customers: Option<bool>,
}

/// One customer's repeat-purchase summary and predictions (the `clv.customers` option).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClvCustomer {
    pub customer: String,
    /// Repeat purchases (purchase days after the first) in calibration.
    pub frequency: f64,
    /// Time from the first to the last calibration purchase, in units.
    pub recency: f64,
    /// Time from the first purchase to the end of calibration, in units.
    pub t: f64,
    /// Mean value of the repeat purchases (0 without any).
    pub mean_repeat_value: f64,
    /// The model's figures: `null` where a degenerate fit gives no finite value.
    pub p_alive: Option<f64>,
    /// Expected purchases over the horizon.
    pub expected_purchases: Option<f64>,
    /// Expected value per purchase (Gamma-Gamma).
    pub expected_value: Option<f64>,
    pub clv: Option<f64>,
    /// Purchase days in the holdout (when there is one).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub holdout_purchases: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FrequencyGroup {
    /// Repeat purchases in calibration (7 = 7 or more).
    pub x: u32,
    pub customers: u64,
    pub actual: f64,
    pub predicted: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Holdout {
    pub from: String,
    pub to: String,
    pub units: f64,
    /// Repeat purchases (distinct purchase days) in the holdout, all customers.
    pub actual: f64,
    pub predicted: f64,
    pub by_frequency: Vec<FrequencyGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PredictiveClv {
    pub unit_days: f64,
    pub calibration_end: String,
    pub as_of: String,
    pub customers: u64,
    pub purchases: BgNbd,
    /// Spend model, when at least two customers have repeat purchases.
    pub spend: Option<GammaGamma>,
    pub holdout: Option<Holdout>,
    pub horizon: u32,
    pub discount_rate: f64,
    pub margin: f64,
    pub mean_clv: Option<f64>,
    /// Interval of the mean CLV over the customers (bootstrap up to 10,000 customers, t
    /// beyond), with the fitted parameters held fixed.
    pub mean_clv_interval: Option<crate::stats::Interval>,
    pub total_clv: Option<f64>,
    /// Mean probability of being alive at `asOf`.
    pub mean_p_alive: Option<f64>,
    /// Histogram of CLV per customer: 20 equal-width bins from 0 to the 99th percentile, the
    /// last bin holding everything above.
    pub distribution: Vec<(f64, u64)>,
    /// Seconds the fits and predictions took (not the reading of the file); null without a clock.
    pub seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub customer_table: Option<Vec<ClvCustomer>>,
    /// Why the predictions should not be trusted, when they should not: each fit warning's
    /// message (too few customers, no repeat buyers, a degenerate fit). Empty when the fits
    /// hold; the page shows them next to the mean CLV.
    pub unreliable_reasons: Vec<String>,
    pub definition: Definition,
}

/// Per customer: (local purchase day, amount) of purchases (positive amounts), any order;
/// `names[c]` the customer's id. Doubtful fits add to `warnings`.
pub fn predictive_clv(
    purchases: &[Vec<(i64, f64)>],
    names: &[String],
    warnings: &mut Vec<Warning>,
    last_day: i64,
    o: &ClvOptions,
    iv: &crate::stats::Bootstrap,
) -> Result<PredictiveClv> {
    let unit = o.unit_days.unwrap_or(7.0);
    if !(unit.is_finite() && unit > 0.0) {
        return Err(Error::option("clv.unitDays", "must be a positive number"));
    }
    let parse = |name: &str, v: &Option<String>| -> Result<Option<i64>> {
        match v {
            None => Ok(None),
            Some(s) => crate::period::parse_day(s)
                .map(Some)
                .ok_or_else(|| Error::option(name, format!("`{s}` is not a date YYYY-MM-DD"))),
        }
    };
    let as_of = parse("clv.asOf", &o.as_of)?.unwrap_or(last_day);
    let cal_end = parse("clv.calibrationEnd", &o.calibration_end)?.unwrap_or(as_of);
    if cal_end > as_of {
        return Err(Error::option(
            "clv.calibrationEnd",
            "must not be after asOf",
        ));
    }
    // Repeat-purchase summary in calibration; days merged (several orders on a day = one).
    let started = Clock::now();
    let mut rft = Vec::new();
    let mut zbar = Vec::new();
    let mut holdout_actual = Vec::new();
    let mut who = Vec::new();
    // Customers by id and each one's purchases by (day, amount): the fits, the table and the
    // sums see the same data in the same order whatever the order of the rows (issue 19).
    let mut codes: Vec<usize> = (0..purchases.len()).collect();
    crate::dataset::table::sort_by_name(&mut codes, names);
    for code in codes {
        let list = &purchases[code];
        let mut days: Vec<(i64, f64)> = list.iter().copied().filter(|(d, _)| *d <= as_of).collect();
        days.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        let mut merged: Vec<(i64, f64)> = Vec::new();
        for (d, a) in days {
            match merged.last_mut() {
                Some(last) if last.0 == d => last.1 += a,
                _ => merged.push((d, a)),
            }
        }
        let Some(&(first, _)) = merged.first() else {
            continue;
        };
        if first > cal_end {
            continue; // first purchase in the holdout: not in the calibration base
        }
        let cal: Vec<&(i64, f64)> = merged.iter().filter(|(d, _)| *d <= cal_end).collect();
        let x = (cal.len() - 1) as f64;
        let last = cal.last().map_or(first, |x| x.0);
        rft.push(Rft {
            x,
            t_x: (last - first) as f64 / unit,
            t: (cal_end - first) as f64 / unit,
        });
        let repeat: Vec<f64> = cal.iter().skip(1).map(|x| x.1).collect();
        zbar.push(if repeat.is_empty() {
            0.0
        } else {
            exact_sum(repeat.iter().copied()) / repeat.len() as f64
        });
        holdout_actual.push(merged.iter().filter(|(d, _)| *d > cal_end).count() as f64);
        who.push(code);
    }
    let modified = o.modified.unwrap_or(false);
    let model = bgnbd::fit(&rft, modified);
    let gg_data: Vec<(f64, f64)> = rft
        .iter()
        .zip(&zbar)
        .filter(|(c, &z)| c.x > 0.0 && z > 0.0)
        .map(|(c, &z)| (c.x, z))
        .collect();
    let spend = (gg_data.len() >= 2).then(|| gamma_gamma::fit(&gg_data));

    let holdout = (as_of > cal_end).then(|| {
        let units = (as_of - cal_end) as f64 / unit;
        let mut groups: Vec<FrequencyGroup> = (0..8)
            .map(|x| FrequencyGroup {
                x,
                customers: 0,
                actual: 0.0,
                predicted: 0.0,
            })
            .collect();
        let (mut actual, mut predicted) = (0.0, 0.0);
        for (c, &a) in rft.iter().zip(&holdout_actual) {
            let p = model.expected_purchases(c, units);
            let g = &mut groups[(c.x as usize).min(7)];
            g.customers += 1;
            g.actual += a;
            g.predicted += p;
            actual += a;
            predicted += p;
        }
        Holdout {
            from: crate::period::day_label(cal_end + 1),
            to: crate::period::day_label(as_of),
            units,
            actual,
            predicted,
            by_frequency: groups,
        }
    });

    // CLV at the end of calibration over the horizon, discounted per unit.
    let horizon = o.horizon.unwrap_or(52);
    let d = o.discount_rate.unwrap_or(0.0);
    if !(d.is_finite() && d >= 0.0) {
        return Err(Error::option("clv.discountRate", "must be ≥ 0"));
    }
    let margin = o.margin.unwrap_or(1.0);
    let mean_spend_all = {
        let v: Vec<f64> = zbar.iter().copied().filter(|&z| z > 0.0).collect();
        if v.is_empty() {
            0.0
        } else {
            exact_sum(v.iter().copied()) / v.len() as f64
        }
    };
    // Discounted expected purchases over the horizon per distinct history (most customers
    // share theirs with others); without discounting the sum telescopes to E[X(horizon)].
    let mut cache: std::collections::HashMap<(u64, u64, u64), (f64, f64)> =
        std::collections::HashMap::new();
    let mut purchases_ahead = |c: &Rft| {
        *cache
            .entry((c.x.to_bits(), c.t_x.to_bits(), c.t.to_bits()))
            .or_insert_with(|| {
                let total = model.expected_purchases(c, horizon as f64);
                if d == 0.0 {
                    return (total, total);
                }
                let (mut prev, mut disc) = (0.0, 0.0);
                for k in 1..=horizon {
                    let e = model.expected_purchases(c, k as f64);
                    disc += (e - prev) / (1.0 + d).powi(k as i32);
                    prev = e;
                }
                (total, disc)
            })
    };
    let want_table = o.customers.unwrap_or(false);
    let mut table = Vec::new();
    let mut clvs = Vec::with_capacity(rft.len());
    let mut p_alive = ExactSum::new();
    for (i, (c, &z)) in rft.iter().zip(&zbar).enumerate() {
        let alive = model.p_alive(c);
        p_alive.add(alive);
        let value = match &spend {
            Some(g) if c.x > 0.0 => g.expected_value(c.x, z),
            Some(g) => g.p * g.gamma / (g.q - 1.0),
            None => mean_spend_all,
        };
        let (ahead, discounted) = purchases_ahead(c);
        let clv = discounted * value * margin;
        clvs.push(clv);
        if want_table {
            table.push(ClvCustomer {
                customer: names.get(who[i]).cloned().unwrap_or_default(),
                frequency: c.x,
                recency: c.t_x,
                t: c.t,
                mean_repeat_value: z,
                p_alive: finite(alive),
                expected_purchases: finite(ahead),
                expected_value: finite(value),
                clv: finite(clv),
                holdout_purchases: (as_of > cal_end).then_some(holdout_actual[i]),
            });
        }
    }
    let before = warnings.len();
    fit_warnings(&rft, &model, spend.as_ref(), warnings);
    let unreliable_reasons: Vec<String> = warnings[before..]
        .iter()
        .map(|w| w.message.clone())
        .collect();
    let n = clvs.len();
    // A degenerate fit (one customer, no repeat purchase) can give no finite CLV: the summary
    // figures are then null, with the reason, rather than NaN.
    let undefined = clvs.iter().filter(|v| !v.is_finite()).count();
    if undefined > 0 {
        warnings.push(Warning {
            code: WarningCode::ClvFitDegenerate,
            message: format!(
                "the fitted models give no finite CLV for {undefined} of {n} customers: meanClv, totalClv and their interval are null"
            ),
        });
    }
    let defined = undefined == 0 && n > 0;
    let total_clv = exact_sum(clvs.iter().copied());
    let mut sorted = clvs.clone();
    sorted.sort_by(f64::total_cmp);
    let top = sorted
        .get(((n as f64) * 0.99) as usize)
        .copied()
        .unwrap_or(0.0)
        .max(1e-9);
    let mut bins = [0u64; 20];
    for &v in &clvs {
        let b = ((v / top) * 20.0).floor().clamp(0.0, 19.0) as usize;
        bins[b] += 1;
    }
    Ok(PredictiveClv {
        unit_days: unit,
        calibration_end: crate::period::day_label(cal_end),
        as_of: crate::period::day_label(as_of),
        customers: n as u64,
        purchases: model,
        spend,
        holdout,
        horizon,
        discount_rate: d,
        margin,
        mean_clv: defined.then(|| total_clv / n as f64),
        mean_clv_interval: if defined { iv.skewed_mean(&clvs) } else { None },
        total_clv: defined.then_some(total_clv),
        mean_p_alive: (n > 0).then(|| p_alive.value() / n as f64),
        distribution: bins.iter().enumerate().map(|(i, &c)| (top * i as f64 / 20.0, c)).collect(),
        seconds: started.elapsed_seconds(),
        customer_table: want_table.then_some(table),
        unreliable_reasons,
        definition: Definition::new(
            Metric::Clv,
            if modified { Variant::MbgnbdGammaGamma } else { Variant::BgnbdGammaGamma },
            Unit::Score,
            "per customer at the end of calibration: Σ_{k=1..horizon} (E[X(k)] − E[X(k−1)]) × E[spend] × margin / (1 + discountRate)^k, E[X] from BG/NBD, E[spend] from Gamma-Gamma; purchases on one day count once",
        )
        .param("unitDays", unit)
        .param("horizon", horizon as f64),
    })
}

/// Below this many customers the four BG/NBD parameters are poorly determined.
const FEW_CUSTOMERS: usize = 200;

/// Warnings for fits that should not be trusted: too little data, no repeat buyers, an
/// optimiser that did not converge, or a parameter run off to a bound of its range.
/// `v` when it is a number, `None` for NaN and infinities.
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn fit_warnings(rft: &[Rft], m: &BgNbd, spend: Option<&GammaGamma>, warnings: &mut Vec<Warning>) {
    let mut warn = |code: WarningCode, message: String| warnings.push(Warning { code, message });
    if rft.len() < FEW_CUSTOMERS {
        warn(
            WarningCode::ClvFewCustomers,
            format!(
                "the purchase model was fitted on {} customers; below {FEW_CUSTOMERS} its parameters are poorly determined",
                rft.len()
            ),
        );
    }
    if !rft.iter().any(|c| c.x > 0.0) {
        warn(
            WarningCode::ClvNoRepeatPurchases,
            "no customer bought on two different days in calibration: purchase rates and drop-out cannot be told apart".into(),
        );
    }
    let extreme = |v: f64| !(1e-4..=1e5).contains(&v);
    if !m.converged || [m.r, m.alpha, m.a, m.b].into_iter().any(extreme) {
        warn(
            WarningCode::ClvFitDegenerate,
            format!(
                "the BG/NBD fit is degenerate (r {:.4}, α {:.4}, a {:.4}, b {:.4}{}): predictions are unreliable",
                m.r,
                m.alpha,
                m.a,
                m.b,
                if m.converged { "" } else { ", not converged" }
            ),
        );
    }
    if let Some(g) = spend {
        if !g.converged || g.q <= 1.0 || [g.p, g.q, g.gamma].into_iter().any(extreme) {
            warn(
                WarningCode::ClvSpendFitDegenerate,
                format!(
                    "the Gamma-Gamma fit is degenerate (p {:.4}, q {:.4}, γ {:.4}; q must exceed 1 for a finite mean spend)",
                    g.p, g.q, g.gamma
                ),
            );
        }
    }
}
