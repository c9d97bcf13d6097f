//! Social media posts: engagement rate = (likes + comments + shares [+ saves]) / followers ×
//! 100 per post, and by impressions or by reach as named alternatives; per period, per channel
//! (platform) and overall from summed counts; totals; follower growth between periods.

use crate::vocab::{Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use crate::dataset::table::{Table, NO_TIME};
use crate::ingest::infer::Role;
use crate::metrics::compare::{ratio_changes, ratio_vs_rest, MetricComparison};
use crate::metrics::figure::Definition;
use crate::metrics::rate::Rate;
use crate::period::Periodizer;
use crate::stats::{exact_sum, total_key, RatioSums};

/// Options (`social: {...}` in AnalyzeOptions).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct SocialOptions {
    /// Count saves as engagements (default false: likes + comments + shares).
    pub include_saves: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialTotals {
    pub posts: u64,
    pub likes: Option<f64>,
    pub comments: Option<f64>,
    pub shares: Option<f64>,
    pub saves: Option<f64>,
    pub engagements: f64,
    pub impressions: Option<f64>,
    pub reach: Option<f64>,
}

/// Engagement rates in percent, from sums over the group's posts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EngagementRates {
    /// 100 × engagements / followers at each post (summed over posts).
    pub by_followers: Rate,
    pub by_impressions: Rate,
    pub by_reach: Rate,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialGroup {
    /// Period or channel ("" for the whole file).
    pub name: String,
    pub totals: SocialTotals,
    pub engagement_rate: EngagementRates,
    /// Followers at the group's last post (per channel when channels are known: summed); for
    /// a period, each channel's last known count up to its end (carried forward).
    pub followers_end: Option<f64>,
    /// Variant `totalFollowers`: 100 × Σ engagements / followersEnd (the audience counted once,
    /// not at every post; the two agree for a single post).
    pub audience_engagement_rate: Rate,
    /// (followersEnd − previous period's followersEnd) / previous; periods only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub follower_growth: Option<Rate>,
}

/// One post's rates (the 100 most engaging by followers are listed).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PostRate {
    /// The post's row in the file, as a spreadsheet numbers it (the header is row 1).
    pub post: u64,
    pub time: Option<String>,
    pub channel: Option<String>,
    pub engagements: f64,
    pub engagement_rate: EngagementRates,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialMetrics {
    pub overall: SocialGroup,
    pub periods: Vec<SocialGroup>,
    pub by_channel: Vec<SocialGroup>,
    pub top_posts: Vec<PostRate>,
    /// Each engagement rate, each period against the previous one (delta-method z-test).
    pub changes: Vec<MetricComparison>,
    /// Each channel's engagement rates against the rest of the channels, Holm-adjusted.
    pub segment_changes: Vec<MetricComparison>,
    pub definition: Definition,
}

struct Cols<'a> {
    likes: Option<&'a [f64]>,
    comments: Option<&'a [f64]>,
    shares: Option<&'a [f64]>,
    saves: Option<&'a [f64]>,
    followers: Option<&'a [f64]>,
    impressions: Option<&'a [f64]>,
    reach: Option<&'a [f64]>,
    times: Option<&'a [i64]>,
    channel: Vec<(String, Vec<usize>)>,
    include_saves: bool,
    /// Each post's engagements (filled once by `social`).
    per_post: Vec<f64>,
    /// Each post's row in the file.
    rows: &'a [u64],
}

fn sum(col: Option<&[f64]>, rows: &[usize]) -> Option<f64> {
    col.map(|c| exact_sum(rows.iter().map(|&i| c[i]).filter(|v| !v.is_nan())))
}

impl Cols<'_> {
    fn engagements(&self, rows: &[usize]) -> f64 {
        exact_sum(rows.iter().map(|&i| self.per_post[i]))
    }

    /// Per post (engagements, denominator) summed, for the interval of a rate over posts; a
    /// missing denominator counts as 0, as in the rate itself.
    fn sums(&self, col: Option<&[f64]>, rows: &[usize]) -> Option<RatioSums> {
        let c = col?;
        let mut s = RatioSums::default();
        for &i in rows {
            let x = if c[i].is_nan() { 0.0 } else { c[i] };
            s.add(self.per_post[i], x);
        }
        Some(s)
    }

    fn denominators(&self) -> [(Metric, Option<&[f64]>); 3] {
        [
            (Metric::EngagementRateByFollowers, self.followers),
            (Metric::EngagementRateByImpressions, self.impressions),
            (Metric::EngagementRateByReach, self.reach),
        ]
    }

    fn rates(&self, e: f64, rows: &[usize], level: f64) -> EngagementRates {
        let per = |col: Option<&[f64]>, what: &str| match sum(col, rows) {
            Some(d) => {
                let mut r = Rate::ratio(100.0 * e, d, &format!("{what} is 0"));
                r.interval = self.sums(col, rows).and_then(|s| s.interval(level, 100.0));
                // Few posts: the interval rests on few units.
                r.small_sample = r.interval.is_some()
                    && (rows.len() as u64) < crate::metrics::figure::SMALL_SAMPLE;
                r
            }
            None => Rate::ratio(0.0, 0.0, &format!("no {what} column")),
        };
        EngagementRates {
            by_followers: per(self.followers, Role::Followers.name()),
            by_impressions: per(self.impressions, Role::Impressions.name()),
            by_reach: per(self.reach, Role::Reach.name()),
        }
    }

    /// Where row `i` falls in time: its time, then (at equal times) its count `f`, so that
    /// the result does not depend on the order of the rows; without a time column, its row.
    fn at(&self, i: usize, f: &[f64]) -> (i64, i64) {
        match self.times {
            Some(t) => (t[i], total_key(f[i])),
            None => (NO_TIME, self.rows.get(i).map_or(i as i64, |&r| r as i64)),
        }
    }

    /// Followers at the last post of `rows` (by time, else file order), per channel summed.
    fn followers_end(&self, rows: &[usize]) -> Option<f64> {
        let f = self.followers?;
        let last = |rs: &mut dyn Iterator<Item = usize>| {
            rs.filter(|&i| !f[i].is_nan())
                .max_by_key(|&i| self.at(i, f))
                .map(|i| f[i])
        };
        if self.channel.is_empty() {
            return last(&mut rows.iter().copied());
        }
        let vals: Vec<f64> = self
            .channel
            .iter()
            .filter_map(|(_, ch)| {
                last(&mut rows.iter().copied().filter(|i| ch.binary_search(i).is_ok()))
            })
            .collect();
        (!vals.is_empty()).then(|| exact_sum(vals))
    }

    /// Followers at the end of each period (in order), every channel's last known count carried
    /// forward: a platform that did not post in a period still has its followers.
    fn followers_by_period(&self, periods: &[(String, Vec<usize>)], n: usize) -> Vec<Option<f64>> {
        let Some(f) = self.followers else {
            return vec![None; periods.len()];
        };
        let mut channel_of = vec![0usize; n];
        for (k, (_, rows)) in self.channel.iter().enumerate() {
            for &i in rows {
                channel_of[i] = k;
            }
        }
        // The latest row of a channel; at equal times the larger count (not the later row:
        // the report must not depend on the order of the rows).
        let key = |i: usize| self.at(i, f);
        let mut last: Vec<Option<((i64, i64), f64)>> = vec![None; self.channel.len().max(1)];
        periods
            .iter()
            .map(|(_, rows)| {
                for &i in rows.iter().filter(|&&i| !f[i].is_nan()) {
                    let slot = &mut last[channel_of[i]];
                    if slot.is_none_or(|(k, _)| key(i) > k) {
                        *slot = Some((key(i), f[i]));
                    }
                }
                let known: Vec<f64> = last.iter().flatten().map(|(_, v)| *v).collect();
                (!known.is_empty()).then(|| exact_sum(known))
            })
            .collect()
    }

    fn group(&self, name: String, rows: &[usize], level: f64) -> SocialGroup {
        let e = self.engagements(rows);
        let followers_end = self.followers_end(rows);
        SocialGroup {
            name,
            totals: SocialTotals {
                posts: rows.len() as u64,
                likes: sum(self.likes, rows),
                comments: sum(self.comments, rows),
                shares: sum(self.shares, rows),
                saves: sum(self.saves, rows),
                engagements: e,
                impressions: sum(self.impressions, rows),
                reach: sum(self.reach, rows),
            },
            engagement_rate: self.rates(e, rows, level),
            audience_engagement_rate: audience_rate(e, followers_end),
            followers_end,
            follower_growth: None,
        }
    }
}

/// 100 × engagements / followers at the end of the group.
fn audience_rate(engagements: f64, followers_end: Option<f64>) -> Rate {
    match followers_end {
        Some(f) => Rate::ratio(100.0 * engagements, f, "followers at the end are 0"),
        None => Rate::ratio(0.0, 0.0, &format!("no {} column", Role::Followers.name())),
    }
}

pub fn social(table: &Table, p: &mut Periodizer, o: &SocialOptions, level: f64) -> SocialMetrics {
    let mut c = Cols {
        likes: table.numbers(Role::Likes),
        comments: table.numbers(Role::Comments),
        shares: table.numbers(Role::Shares),
        saves: table.numbers(Role::Saves),
        followers: table.numbers(Role::Followers),
        impressions: table.numbers(Role::Impressions),
        reach: table.numbers(Role::Reach),
        times: table.times(Role::Timestamp),
        channel: table.groups(Role::Channel),
        include_saves: o.include_saves.unwrap_or(false),
        per_post: Vec::new(),
        rows: &table.source_rows,
    };
    // Each post's likes + comments + shares [+ saves], column by column (blanks count 0).
    let mut per_post = vec![0.0; table.rows];
    let counted = [
        c.likes,
        c.comments,
        c.shares,
        c.saves.filter(|_| c.include_saves),
    ];
    for col in counted.into_iter().flatten() {
        for (e, &v) in per_post.iter_mut().zip(col) {
            if !v.is_nan() {
                *e += v;
            }
        }
    }
    c.per_post = per_post;
    let all: Vec<usize> = (0..table.rows).collect();
    let overall = c.group(String::new(), &all, level);
    let period_rows = table.period_groups(p);
    let mut periods: Vec<SocialGroup> = period_rows
        .iter()
        .map(|(n, r)| c.group(n.clone(), r, level))
        .collect();
    let mut changes = Vec::new();
    let mut segment_changes = Vec::new();
    for (metric, col) in c.denominators() {
        let of = |groups: &[(String, Vec<usize>)]| -> Vec<(String, RatioSums)> {
            groups
                .iter()
                .filter_map(|(n, r)| Some((n.clone(), c.sums(col, r)?)))
                .collect()
        };
        changes.extend(ratio_changes(metric, &of(&period_rows), level, 100.0));
        segment_changes.extend(ratio_vs_rest(
            metric,
            Role::Channel.name(),
            &of(&c.channel),
            level,
            100.0,
        ));
    }
    let carried = c.followers_by_period(&period_rows, table.rows);
    for (g, f) in periods.iter_mut().zip(carried) {
        g.followers_end = f;
        g.audience_engagement_rate = audience_rate(g.totals.engagements, f);
    }
    for k in 1..periods.len() {
        let before = periods[k - 1].followers_end;
        let now = periods[k].followers_end;
        periods[k].follower_growth = before
            .zip(now)
            .map(|(b, n)| Rate::ratio(n - b, b, "no followers before"));
    }
    let by_channel = c
        .channel
        .iter()
        .map(|(n, r)| c.group(n.clone(), r, level))
        .collect();
    // The 100 most engaging posts by followers (ties: more engagements, then by time, channel
    // and the denominators, so that the list does not depend on the order of the rows; the
    // line only among posts equal in all of these); only those are built.
    let key = |i: usize| {
        let f = c.followers.map_or(f64::NAN, |f| f[i]);
        let r = 100.0 * c.per_post[i] / f;
        if f.is_nan() || f == 0.0 || !r.is_finite() {
            f64::NEG_INFINITY
        } else {
            r
        }
    };
    let mut order: Vec<(f64, usize)> = all.iter().map(|&i| (key(i), i)).collect();
    let channel_of = table.codes(Role::Channel);
    let channel_name = |i: usize| {
        channel_of.and_then(|(codes, dict)| {
            (codes[i] != crate::dataset::table::NO_ID).then(|| dict.name(codes[i]))
        })
    };
    let value = |col: Option<&[f64]>, i: usize| col.map_or(0, |c| total_key(c[i]));
    let row_of = |i: usize| table.source_rows.get(i).copied().unwrap_or(i as u64);
    let rank = |a: &(f64, usize), b: &(f64, usize)| {
        let (x, y) = (a.1, b.1);
        b.0.total_cmp(&a.0)
            .then(c.per_post[y].total_cmp(&c.per_post[x]))
            .then(c.times.map(|t| t[x]).cmp(&c.times.map(|t| t[y])))
            .then_with(|| channel_name(x).cmp(&channel_name(y)))
            .then(value(c.followers, x).cmp(&value(c.followers, y)))
            .then(value(c.impressions, x).cmp(&value(c.impressions, y)))
            .then(value(c.reach, x).cmp(&value(c.reach, y)))
            .then(row_of(x).cmp(&row_of(y)))
    };
    if order.len() > 100 {
        order.select_nth_unstable_by(99, rank);
        order.truncate(100);
    }
    order.sort_by(rank);
    let posts: Vec<PostRate> = order
        .iter()
        .map(|&(_, i)| {
            let e = c.per_post[i];
            PostRate {
                post: table.source_rows.get(i).copied().unwrap_or(i as u64 + 2),
                time: c
                    .times
                    .map(|t| t[i])
                    .filter(|&t| t != NO_TIME)
                    .map(crate::period::rfc3339),
                channel: channel_of.and_then(|(codes, dict)| {
                    (codes[i] != crate::dataset::table::NO_ID)
                        .then(|| dict.name(codes[i]).to_string())
                }),
                engagements: e,
                engagement_rate: c.rates(e, &[i], level),
            }
        })
        .collect();
    SocialMetrics {
        overall,
        periods,
        by_channel,
        top_posts: posts,
        changes,
        segment_changes,
        definition: Definition::new(
            Metric::EngagementRate,
            Variant::ByFollowers,
            Unit::Percent,
            "engagement rate = 100 × (likes + comments + shares [+ saves]) / followers, per post; for a period, channel or the file 100 × Σ engagements / Σ followers at each post; variants by impressions and by reach, and totalFollowers = 100 × Σ engagements / followers at the end (each channel's last count, summed); follower growth = (followers at the end of the period − at the end of the previous one) / the previous, each channel's last known count carried forward and summed",
        )
        .param("interval", "delta method over posts: var = n/(n − 1) · Σ(e − R·d)² / (Σd)²; changes by the z-test of two independent ratios, channels against the rest Holm-adjusted")
        .param("includeSaves", if c.include_saves { "yes" } else { "no" }),
    }
}

impl crate::metrics::signals::Headlines for SocialMetrics {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        let r = &self.overall.engagement_rate;
        vec![
            (Metric::EngagementRate, r.by_followers.value),
            (Metric::EngagementRateByImpressions, r.by_impressions.value),
            (Metric::EngagementRateByReach, r.by_reach.value),
        ]
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        let of = |f: fn(&EngagementRates) -> &Rate| {
            self.periods
                .iter()
                .map(|g| {
                    let posts = g.totals.posts as f64;
                    (g.name.clone(), f(&g.engagement_rate).value, posts)
                })
                .collect()
        };
        vec![
            (Metric::EngagementRate, of(|r| &r.by_followers)),
            (
                Metric::EngagementRateByImpressions,
                of(|r| &r.by_impressions),
            ),
            (Metric::EngagementRateByReach, of(|r| &r.by_reach)),
        ]
    }
}
