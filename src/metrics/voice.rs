//! What customers say: reviews (star ratings and their text) and brand mentions (text, source,
//! brand, or counts of mentions and searches per brand). Text is scored when read (VADER
//! compound, kept instead of the text); here it is summarised: positive / neutral / negative
//! counts and the sentiment score (positive − negative) / texts, overall, per period and per
//! channel or source. Share of voice = a brand's mentions (or searches) / all brands'.

use crate::vocab::{Metric, Unit, Variant};
use serde::{Deserialize, Serialize};

use crate::dataset::table::Table;
use crate::ingest::infer::Role;
use crate::metrics::compare::{
    mean_changes, means_vs_rest, rate_changes, share_vs_rest, MetricComparison, Moments,
};
use crate::metrics::figure::Definition;
use crate::metrics::rate::Rate;
use crate::period::Periodizer;
use crate::text::SentimentSummary;

/// Options (`voice: {...}` in AnalyzeOptions).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct VoiceOptions {
    /// Our brand, as written in the brand column: its share of voice is the headline.
    pub brand: Option<String>,
    /// Lowest rating counted as good (default: the top two points of the scale, 4 on 1–5).
    pub good_rating_min: Option<f64>,
}

/// Star ratings of a group of reviews.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RatingSummary {
    pub ratings: u64,
    pub mean: Option<f64>,
    /// Reviews rated ≥ goodRatingMin / ratings.
    pub good_share: Rate,
    /// [rating, reviews], by rating.
    pub distribution: Vec<(f64, u64)>,
}

fn ratings(values: impl Iterator<Item = f64>, good_min: f64, level: f64) -> RatingSummary {
    let mut v: Vec<f64> = values.filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    let mut distribution: Vec<(f64, u64)> = Vec::new();
    for &x in &v {
        match distribution.last_mut() {
            Some((r, c)) if *r == x => *c += 1,
            _ => distribution.push((x, 1)),
        }
    }
    let n = v.len() as u64;
    RatingSummary {
        ratings: n,
        mean: (n > 0).then(|| v.iter().sum::<f64>() / n as f64),
        good_share: Rate::of(
            v.iter().filter(|&&x| x >= good_min).count() as u64,
            n,
            "no ratings",
        )
        .share(level),
        distribution,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VoiceGroup {
    /// Period, channel or brand ("" for the whole file).
    pub name: String,
    pub rows: u64,
    /// Mentions: the mentions column summed when there is one, else rows.
    pub mentions: f64,
    /// Σ of the searches column (null without one).
    pub searches: Option<f64>,
    /// Reviews only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ratings: Option<RatingSummary>,
    /// Null when the file has no text column.
    pub sentiment: Option<SentimentSummary>,
}

/// One brand's share of all brands' mentions and searches.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BrandShare {
    pub brand: String,
    pub mentions: f64,
    pub share_of_voice: Rate,
    pub searches: Option<f64>,
    pub share_of_search: Option<Rate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ShareOfVoice {
    /// Period label ("" for the whole file).
    pub name: String,
    pub brands: Vec<BrandShare>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VoiceMetrics {
    pub overall: VoiceGroup,
    pub periods: Vec<VoiceGroup>,
    pub by_channel: Vec<VoiceGroup>,
    /// Per brand (when the file names brands): overall and per period.
    pub share_of_voice: Vec<ShareOfVoice>,
    /// The `brand` option's share of voice over the whole file.
    pub our_share_of_voice: Option<Rate>,
    /// Good-rating share, mean rating, positive share and mean sentiment, each period against
    /// the previous one; each brand's share of voice likewise ("brand: period").
    pub changes: Vec<MetricComparison>,
    /// The same figures of each channel (source) against the rest of the channels, Holm-adjusted.
    pub segment_changes: Vec<MetricComparison>,
    pub definition: Definition,
}

fn borrow(v: &[(String, Rate)]) -> Vec<(String, &Rate)> {
    v.iter().map(|(n, r)| (n.clone(), r)).collect()
}

/// Reviews (`reviews = true`: ratings summarised) or mentions.
pub fn voice(
    table: &Table,
    p: &mut Periodizer,
    o: &VoiceOptions,
    reviews: bool,
    level: f64,
) -> VoiceMetrics {
    let kind = if reviews {
        crate::vocab::Kind::Reviews
    } else {
        crate::vocab::Kind::Mentions
    };
    let text = table.numbers(Role::Text);
    let rating = table.numbers(Role::Rating).filter(|_| reviews);
    let mentions = table.numbers(Role::Mentions);
    let searches = table.numbers(Role::Searches);
    // Scale: 1–5 unless ratings go above 5 (then 10); good = the top two points.
    let top = rating.map_or(5.0, |r| {
        let max = r
            .iter()
            .copied()
            .filter(|x| !x.is_nan())
            .fold(0.0, f64::max);
        if max > 5.0 {
            10.0
        } else {
            5.0
        }
    });
    let good_min = o.good_rating_min.unwrap_or(top - 1.0);
    let sum = |col: Option<&[f64]>, rows: &[usize]| {
        col.map(|c| crate::stats::exact_sum(rows.iter().map(|&i| c[i]).filter(|v| !v.is_nan())))
    };
    let group = |name: String, rows: &[usize]| VoiceGroup {
        name,
        rows: rows.len() as u64,
        mentions: sum(mentions, rows).unwrap_or(rows.len() as f64),
        searches: sum(searches, rows),
        ratings: rating.map(|r| ratings(rows.iter().map(|&i| r[i]), good_min, level)),
        sentiment: text.map(|t| SentimentSummary::of(rows.iter().map(|&i| t[i]))),
    };
    let all: Vec<usize> = (0..table.rows).collect();
    let overall = group(String::new(), &all);
    let period_rows = table.period_groups(p);
    let periods: Vec<VoiceGroup> = period_rows
        .iter()
        .map(|(n, r)| group(n.clone(), r))
        .collect();
    let channel_rows = table.groups(Role::Channel);
    let by_channel: Vec<VoiceGroup> = channel_rows
        .iter()
        .map(|(n, r)| group(n.clone(), r))
        .collect();
    let (changes, segment_changes) = {
        let moments =
            |col: Option<&[f64]>, groups: &[(String, Vec<usize>)]| -> Vec<(String, Moments)> {
                col.map_or_else(Vec::new, |c| {
                    groups
                        .iter()
                        .map(|(n, r)| (n.clone(), Moments::of(r.iter().map(|&i| c[i]))))
                        .collect()
                })
            };
        let shares = |gs: &[VoiceGroup]| -> [(Metric, Vec<(String, Rate)>); 2] {
            [
                (
                    Metric::GoodRatingShare,
                    gs.iter()
                        .filter_map(|g| {
                            Some((g.name.clone(), g.ratings.as_ref()?.good_share.clone()))
                        })
                        .collect(),
                ),
                (
                    Metric::PositiveShare,
                    gs.iter()
                        .filter_map(|g| {
                            let s = g.sentiment.as_ref()?;
                            Some((
                                g.name.clone(),
                                Rate::of(s.positive, s.texts, "no texts").share(level),
                            ))
                        })
                        .collect(),
                ),
            ]
        };
        let mut changes = Vec::new();
        let mut segments = Vec::new();
        let (ps, cs) = (shares(&periods), shares(&by_channel));
        for ((metric, p), (_, c)) in ps.iter().zip(&cs) {
            changes.extend(rate_changes(kind, &[(*metric, borrow(p))], level));
            segments.extend(share_vs_rest(
                kind,
                *metric,
                Role::Channel.name(),
                &borrow(c),
                level,
            ));
        }
        for (metric, col) in [(Metric::MeanRating, rating), (Metric::MeanSentiment, text)] {
            changes.extend(mean_changes(metric, &moments(col, &period_rows), level));
            segments.extend(means_vs_rest(
                metric,
                Role::Channel.name(),
                &moments(col, &channel_rows),
                level,
            ));
        }
        (changes, segments)
    };
    // Share of voice per brand, overall and per period.
    let brands = table.groups(Role::Brand);
    let shares = |rows: Option<&[usize]>| -> Vec<BrandShare> {
        let keep = |r: &Vec<usize>| -> Vec<usize> {
            match rows {
                None => r.clone(),
                Some(set) => r
                    .iter()
                    .copied()
                    .filter(|i| set.binary_search(i).is_ok())
                    .collect(),
            }
        };
        let per: Vec<(String, f64, Option<f64>)> = brands
            .iter()
            .map(|(b, r)| {
                let r = keep(r);
                (
                    b.clone(),
                    sum(mentions, &r).unwrap_or(r.len() as f64),
                    sum(searches, &r),
                )
            })
            .collect();
        let total_m = crate::stats::exact_sum(per.iter().map(|x| x.1));
        let total_s = searches.map(|_| crate::stats::exact_sum(per.iter().filter_map(|x| x.2)));
        per.into_iter()
            .map(|(brand, m, s)| BrandShare {
                brand,
                mentions: m,
                share_of_voice: Rate::ratio(m, total_m, "no mentions").share(level),
                searches: s,
                share_of_search: s
                    .zip(total_s)
                    .map(|(s, t)| Rate::ratio(s, t, "no searches")),
            })
            .collect()
    };
    let mut share_of_voice = Vec::new();
    let mut changes = changes;
    if !brands.is_empty() {
        share_of_voice.push(ShareOfVoice {
            name: String::new(),
            brands: shares(None),
        });
        for (name, rows) in &period_rows {
            share_of_voice.push(ShareOfVoice {
                name: name.clone(),
                brands: shares(Some(rows)),
            });
        }
        for (b, _) in &brands {
            let points: Vec<(String, &Rate)> = share_of_voice[1..]
                .iter()
                .filter_map(|s| {
                    let x = s.brands.iter().find(|x| &x.brand == b)?;
                    Some((format!("{b}: {}", s.name), &x.share_of_voice))
                })
                .collect();
            changes.extend(rate_changes(kind, &[(Metric::ShareOfVoice, points)], level));
        }
    }
    let our_share_of_voice = o.brand.as_ref().and_then(|b| {
        share_of_voice.first().and_then(|s| {
            s.brands
                .iter()
                .find(|x| x.brand.eq_ignore_ascii_case(b.trim()))
                .map(|x| x.share_of_voice.clone())
        })
    });
    let mut definition = Definition::new(
        if reviews { Metric::Reviews } else { Metric::Mentions },
        Variant::Vader,
        Unit::Ratio,
        "sentiment per text: VADER compound ≥ 0.05 positive, ≤ −0.05 negative, else neutral; sentiment score = (positive − negative) / texts; good rating share = ratings ≥ goodRatingMin / ratings; share of voice = a brand's mentions (the mentions column summed, else rows) / all brands'; share of search likewise with searches",
    )
    .param("goodRatingMin", good_min)
    .param("comparisons", "shares by the pooled two-proportion z-test, means (rating, VADER compound) by Welch's t-test; channels against the rest Holm-adjusted per metric");
    if let Some(b) = &o.brand {
        definition = definition.param(Role::Brand.name(), b.as_str());
    }
    VoiceMetrics {
        overall,
        periods,
        by_channel,
        share_of_voice,
        our_share_of_voice,
        changes,
        segment_changes,
        definition,
    }
}

/// A group's average rating, good-rating share (percent) and sentiment score.
fn voice_headlines(g: &VoiceGroup) -> [(Metric, Option<f64>); 3] {
    [
        (
            Metric::AverageRating,
            g.ratings.as_ref().and_then(|r| r.mean),
        ),
        (
            Metric::GoodRatingShare,
            g.ratings
                .as_ref()
                .and_then(|r| crate::metrics::signals::percent(&r.good_share)),
        ),
        (
            Metric::SentimentScore,
            g.sentiment.as_ref().and_then(|s| s.score),
        ),
    ]
}

/// What each of [`voice_headlines`] rests on: ratings, ratings, texts.
fn voice_n(g: &VoiceGroup) -> [f64; 3] {
    let ratings = g.ratings.as_ref().map_or(0, |r| r.ratings) as f64;
    [
        ratings,
        ratings,
        g.sentiment.as_ref().map_or(0, |s| s.texts) as f64,
    ]
}

impl crate::metrics::signals::Headlines for VoiceMetrics {
    fn headlines(&self) -> Vec<(Metric, Option<f64>)> {
        let mut h = voice_headlines(&self.overall).to_vec();
        h.push((
            Metric::ShareOfVoice,
            self.our_share_of_voice
                .as_ref()
                .and_then(crate::metrics::signals::percent),
        ));
        h
    }

    fn series(&self) -> Vec<crate::metrics::signals::NamedSeries> {
        (0..3)
            .map(|k| {
                let points = self
                    .periods
                    .iter()
                    .map(|g| (g.name.clone(), voice_headlines(g)[k].1, voice_n(g)[k]))
                    .collect();
                (voice_headlines(&self.overall)[k].0, points)
            })
            .collect()
    }
}
