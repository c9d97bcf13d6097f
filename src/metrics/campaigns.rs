//! Email and ad campaign metrics from one row per campaign or send (sent, delivered, opens,
//! unique opens, clicks, unique clicks, conversions, unsubscribes, bounces, impressions,
//! revenue, spend). Counts are summed first and every rate is computed from the sums — per
//! campaign, per period and overall — never by averaging rates.

use crate::vocab::{Metric, Unit, Variant};
use serde::Serialize;

use crate::dataset::table::Table;
use crate::ingest::infer::Role;
use crate::metrics::figure::Definition;
use crate::metrics::rate::Rate;
use crate::period::Periodizer;

/// Summed counts; null when the file has no such column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignTotals {
    pub sent: Option<f64>,
    pub delivered: Option<f64>,
    pub opens: Option<f64>,
    pub unique_opens: Option<f64>,
    pub clicks: Option<f64>,
    pub unique_clicks: Option<f64>,
    pub conversions: Option<f64>,
    pub unsubscribes: Option<f64>,
    pub bounces: Option<f64>,
    pub impressions: Option<f64>,
    pub revenue: Option<f64>,
    pub spend: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignRates {
    /// delivered / sent.
    pub delivery_rate: Rate,
    /// opens / delivered (unique opens when the file has them).
    pub open_rate: Rate,
    /// clicks / delivered (unique clicks when present).
    pub click_through_rate: Rate,
    /// unique clicks / unique opens (clicks / opens without unique counts).
    pub click_to_open_rate: Rate,
    /// conversions / delivered.
    pub conversion_rate: Rate,
    /// conversions / clicks (unique when present; the variant used for ads and landing pages).
    pub conversion_per_click: Rate,
    /// unsubscribes / delivered.
    pub unsubscribe_rate: Rate,
    /// bounces / sent.
    pub bounce_rate: Rate,
    /// revenue / delivered.
    pub revenue_per_email: Rate,
    /// clicks (all) / impressions, for ads.
    pub impression_click_through_rate: Rate,
    /// spend / clicks (all).
    pub cost_per_click: Rate,
    /// revenue / spend.
    pub return_on_ad_spend: Rate,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignGroup {
    /// Campaign name, period label, channel ("" for the whole file).
    pub name: String,
    pub rows: u64,
    pub totals: CampaignTotals,
    pub rates: CampaignRates,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignMetrics {
    pub overall: CampaignGroup,
    pub campaigns: Vec<CampaignGroup>,
    pub periods: Vec<CampaignGroup>,
    pub by_channel: Vec<CampaignGroup>,
    /// Open, click-through, conversion and unsubscribe rates, each period against the previous.
    pub changes: Vec<crate::metrics::compare::MetricComparison>,
    /// Open, click-through and conversion rates of each campaign and each channel against the
    /// rest of its breakdown, Holm-adjusted per breakdown and rate.
    pub segment_changes: Vec<crate::metrics::compare::MetricComparison>,
    pub definition: Definition,
}

const COUNTS: [Role; 12] = [
    Role::Sent,
    Role::Delivered,
    Role::Opens,
    Role::UniqueOpens,
    Role::Clicks,
    Role::UniqueClicks,
    Role::Conversions,
    Role::Unsubscribes,
    Role::Bounces,
    Role::Impressions,
    Role::Amount,
    Role::Spend,
];

/// Sums of each count column over some rows (NaN cells, i.e. blanks, count as 0). A file of
/// one row per recipient (no sent column, every count a 0/1 flag) sends one email per row.
fn totals(cols: &[Option<&[f64]>; 12], rows: &[usize], per_recipient: bool) -> CampaignTotals {
    let sum = |k: usize| {
        cols[k].map(|c| crate::stats::exact_sum(rows.iter().map(|&i| c[i]).filter(|v| !v.is_nan())))
    };
    CampaignTotals {
        sent: sum(0).or(per_recipient.then_some(rows.len() as f64)),
        delivered: sum(1),
        opens: sum(2),
        unique_opens: sum(3),
        clicks: sum(4),
        unique_clicks: sum(5),
        conversions: sum(6),
        unsubscribes: sum(7),
        bounces: sum(8),
        impressions: sum(9),
        revenue: sum(10),
        spend: sum(11),
    }
}

/// Picks one rate of a group's rates.
type Pick = fn(&CampaignRates) -> &Rate;

fn named(groups: &[CampaignGroup], f: Pick) -> Vec<(String, &Rate)> {
    groups
        .iter()
        .map(|g| (g.name.clone(), f(&g.rates)))
        .collect()
}

/// The rows each family of rates is computed over: email rates over email rows, the ad
/// click-through rate over ad rows (impressions and no sent or delivered count), cost per
/// click and ROAS over the rows whose spend is given (a blank spend is unknown, not 0);
/// conversions per click, which both kinds of row have, over all of them.
struct Split {
    all: CampaignTotals,
    email: CampaignTotals,
    ad: CampaignTotals,
    spent: CampaignTotals,
}

/// Rates from summed counts. Delivered falls back to sent − bounces, then to sent (the
/// definition's `deliveredFrom` says which); opens and clicks are the unique counts when the
/// file has them.
fn rates(split: &Split, level: f64) -> CampaignRates {
    let (t, ad, spent, all) = (&split.email, &split.ad, &split.spent, &split.all);
    let derived = t
        .delivered
        .or_else(|| t.sent.zip(t.bounces).map(|(s, b)| s - b));
    let delivered = derived.or(t.sent);
    let opens = t.unique_opens.or(t.opens);
    let clicks = t.unique_clicks.or(t.clicks);
    // A numerator and a denominator, each named for the reason when missing or 0.
    let r = |num: (Option<f64>, Role), den: (Option<f64>, Role)| match (num.0, den.0) {
        (Some(n), Some(d)) => Rate::ratio(n, d, &format!("{} is 0", den.1)).share(level),
        (None, _) => Rate::ratio(0.0, 0.0, &format!("no {} column", num.1)),
        (_, None) => Rate::ratio(0.0, 0.0, &format!("no {} column", den.1)),
    };
    CampaignRates {
        delivery_rate: r((derived, Role::Delivered), (t.sent, Role::Sent)),
        open_rate: r((opens, Role::Opens), (delivered, Role::Delivered)),
        click_through_rate: r((clicks, Role::Clicks), (delivered, Role::Delivered)),
        click_to_open_rate: r((clicks, Role::Clicks), (opens, Role::Opens)),
        conversion_rate: r(
            (t.conversions, Role::Conversions),
            (delivered, Role::Delivered),
        ),
        conversion_per_click: r(
            (all.conversions, Role::Conversions),
            (all.unique_clicks.or(all.clicks), Role::Clicks),
        ),
        unsubscribe_rate: r(
            (t.unsubscribes, Role::Unsubscribes),
            (delivered, Role::Delivered),
        ),
        bounce_rate: r((t.bounces, Role::Bounces), (t.sent, Role::Sent)),
        revenue_per_email: r((t.revenue, Role::Amount), (delivered, Role::Delivered)),
        impression_click_through_rate: r(
            (ad.clicks, Role::Clicks),
            (ad.impressions, Role::Impressions),
        ),
        cost_per_click: r((spent.spend, Role::Spend), (spent.clicks, Role::Clicks)),
        return_on_ad_spend: r((spent.revenue, Role::Amount), (spent.spend, Role::Spend)),
    }
}

fn group(
    cols: &[Option<&[f64]>; 12],
    name: String,
    rows: &[usize],
    per_recipient: bool,
    level: f64,
) -> CampaignGroup {
    let known = |k: usize, i: usize| cols[k].is_some_and(|c| !c[i].is_nan());
    // An ad row counts impressions and no email (sent or delivered).
    let is_ad = |i: usize| known(9, i) && !known(0, i) && !known(1, i);
    let of = |keep: &dyn Fn(usize) -> bool| {
        let kept: Vec<usize> = rows.iter().copied().filter(|&i| keep(i)).collect();
        totals(cols, &kept, per_recipient)
    };
    let split = Split {
        all: totals(cols, rows, per_recipient),
        email: of(&|i| !is_ad(i)),
        ad: of(&is_ad),
        spent: of(&|i| known(11, i)),
    };
    let mut rates = rates(&split, level);
    if cols[11].is_some() && split.spent.spend == Some(0.0) && rows.iter().all(|&i| !known(11, i)) {
        for r in [&mut rates.cost_per_click, &mut rates.return_on_ad_spend] {
            *r = Rate::ratio(0.0, 0.0, "no spend given in these rows");
        }
    }
    CampaignGroup {
        name,
        rows: rows.len() as u64,
        rates,
        totals: split.all,
    }
}

pub fn campaigns(table: &Table, p: &mut Periodizer, level: f64) -> CampaignMetrics {
    let cols: [Option<&[f64]>; 12] = COUNTS.map(|r| table.numbers(r));
    // Per-recipient rows: no sent column, and the email counts (not revenue or spend) are
    // all 0/1 flags.
    let per_recipient = cols[0].is_none()
        && cols[1..10].iter().any(Option::is_some)
        && cols[1..10]
            .iter()
            .flatten()
            .all(|c| c.iter().all(|v| v.is_nan() || *v == 0.0 || *v == 1.0));
    let all: Vec<usize> = (0..table.rows).collect();
    let overall = group(&cols, String::new(), &all, per_recipient, level);
    let each = |groups: Vec<(String, Vec<usize>)>| -> Vec<CampaignGroup> {
        groups
            .into_iter()
            .map(|(n, r)| group(&cols, n, &r, per_recipient, level))
            .collect()
    };
    let campaigns = each(table.groups(Role::Campaign));
    let by_channel = each(table.groups(Role::Channel));
    let periods = each(table.period_groups(p));
    let t = &overall.totals;
    let delivered_from = if t.delivered.is_some() {
        Role::Delivered.name()
    } else if t.sent.is_some() && t.bounces.is_some() {
        "sent − bounces"
    } else {
        Role::Sent.name()
    };
    let opens_from = if t.unique_opens.is_some() {
        Role::UniqueOpens
    } else {
        Role::Opens
    }
    .name();
    let clicks_from = if t.unique_clicks.is_some() {
        Role::UniqueClicks
    } else {
        Role::Clicks
    }
    .name();
    let rates: [(Metric, Pick); 4] = [
        (Metric::OpenRate, |r| &r.open_rate),
        (Metric::ClickThroughRate, |r| &r.click_through_rate),
        (Metric::ConversionRate, |r| &r.conversion_rate),
        (Metric::UnsubscribeRate, |r| &r.unsubscribe_rate),
    ];
    let series: Vec<_> = rates
        .iter()
        .map(|&(m, f)| (m, named(&periods, f)))
        .collect();
    let changes =
        crate::metrics::compare::rate_changes(crate::vocab::Kind::Campaigns, &series, level);
    let mut segment_changes = Vec::new();
    for (column, groups) in [(Role::Campaign, &campaigns), (Role::Channel, &by_channel)] {
        for &(metric, f) in &rates[..3] {
            segment_changes.extend(crate::metrics::compare::share_vs_rest(
                crate::vocab::Kind::Campaigns,
                metric,
                column.name(),
                &named(groups, f),
                level,
            ));
        }
    }
    CampaignMetrics {
        changes,
        segment_changes,
        overall,
        campaigns,
        periods,
        by_channel,
        definition: Definition::new(
            Metric::Campaigns,
            Variant::SummedCounts,
            Unit::Ratio,
            "counts summed per group, then: delivery = delivered / sent; open rate = opens / delivered; CTR = clicks / delivered; click-to-open = clicks / opens; conversion = conversions / delivered (per click: / clicks); unsubscribe = unsubscribes / delivered; bounce = bounces / sent; revenue per email = revenue / delivered; ad CTR = clicks / impressions over ad rows (impressions and no sent or delivered count; email rates over the other rows); cost per click = spend / clicks and ROAS = revenue / spend over the rows whose spend is given (blank spend is unknown)",
        )
        .param("sentFrom", if per_recipient { "rows (one per recipient)" } else { Role::Sent.name() })
        .param("deliveredFrom", delivered_from)
        .param("opensFrom", opens_from)
        .param("clicksFrom", clicks_from),
    }
}

/// The rates with benchmarks, as (name, rate).
const HEADLINES: [(Metric, Pick); 7] = [
    (Metric::DeliveryRate, |r| &r.delivery_rate),
    (Metric::OpenRate, |r| &r.open_rate),
    (Metric::ClickThroughRate, |r| &r.click_through_rate),
    (Metric::ClickToOpenRate, |r| &r.click_to_open_rate),
    (Metric::ConversionRate, |r| &r.conversion_rate),
    (Metric::UnsubscribeRate, |r| &r.unsubscribe_rate),
    (Metric::BounceRate, |r| &r.bounce_rate),
];

impl crate::metrics::signals::Headlines for CampaignMetrics {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        HEADLINES
            .iter()
            .map(|&(m, f)| (m, crate::metrics::signals::percent(f(&self.overall.rates))))
            .collect()
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        HEADLINES
            .iter()
            .map(|&(m, f)| {
                let points = self
                    .periods
                    .iter()
                    .map(|g| {
                        (
                            g.name.clone(),
                            crate::metrics::signals::percent(f(&g.rates)),
                            f(&g.rates).denominator,
                        )
                    })
                    .collect();
                (m, points)
            })
            .collect()
    }
}
