//! Answer scales and histograms of survey answers: the mergeable state a survey column keeps
//! (counts per scale point), from which every survey metric is computed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An inclusive integer answer scale, e.g. 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
}

impl Scale {
    pub const NPS: Scale = Scale { min: 0, max: 10 };
    pub const CSAT: Scale = Scale { min: 1, max: 5 };
    pub const CES: Scale = Scale { min: 1, max: 7 };

    pub fn validate(&self, option: &str) -> Result<()> {
        if self.min >= self.max || self.max - self.min > 100 || self.min < -100 {
            return Err(Error::option(
                option,
                format!(
                    "scale {}–{} must have min < max and at most 101 points",
                    self.min, self.max
                ),
            ));
        }
        Ok(())
    }

    pub fn points(&self) -> usize {
        (self.max - self.min + 1) as usize
    }

    /// Midpoint rounded up (3 on 1–5, 4 on 1–7).
    pub fn midpoint_up(&self) -> i32 {
        self.min + (self.max - self.min + 1) / 2
    }

    /// Index of a score on this scale, or why it is not on it.
    pub fn index_of(&self, v: f64) -> std::result::Result<usize, &'static str> {
        if !v.is_finite() {
            return Err("not a number");
        }
        if v.fract() != 0.0 {
            return Err("not a whole number");
        }
        if v < self.min as f64 || v > self.max as f64 {
            return Err("outside the scale");
        }
        Ok((v as i32 - self.min) as usize)
    }
}

/// Count of answers per scale point. Mergeable: the same code serves rows, chunks and workers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreCounts {
    pub scale: Scale,
    counts: Vec<u64>,
}

/// One bar of a score distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreCount {
    pub score: i32,
    pub count: u64,
    /// Share of responses, 0–100; `null` when there are none.
    pub percent: Option<f64>,
}

impl ScoreCounts {
    pub fn new(scale: Scale) -> Self {
        ScoreCounts {
            scale,
            counts: vec![0; scale.points()],
        }
    }

    /// Adds one answer by its index on the scale (see [`Scale::index_of`]).
    #[inline]
    pub fn add_index(&mut self, i: usize) {
        if let Some(c) = self.counts.get_mut(i) {
            *c += 1;
        }
    }

    pub fn add_count(&mut self, score: i32, count: u64) {
        if let Some(c) = self.counts.get_mut((score - self.scale.min) as usize) {
            *c += count;
        }
    }

    /// Bytes held by the counts.
    pub fn heap_bytes(&self) -> usize {
        self.counts.capacity() * std::mem::size_of::<u64>()
    }

    pub fn merge(&mut self, other: &ScoreCounts) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64s(&self.counts);
    }

    /// Reads counts of the same scale into this (empty) histogram.
    pub fn take_into(&mut self, r: &mut crate::wire::Reader) -> crate::error::Result<()> {
        let counts = r.u64s()?;
        r.check(counts.len() == self.counts.len(), "a scale of another size")?;
        self.counts = counts;
        Ok(())
    }

    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Answers with lo ≤ score ≤ hi.
    pub fn count_between(&self, lo: i32, hi: i32) -> u64 {
        self.iter()
            .filter(|(s, _)| *s >= lo && *s <= hi)
            .map(|(_, c)| c)
            .sum()
    }

    pub fn iter(&self) -> impl Iterator<Item = (i32, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .map(|(i, c)| (self.scale.min + i as i32, *c))
    }

    /// Mean and sample standard deviation (n − 1), computed exactly from the counts.
    pub fn mean_sd(&self) -> (Option<f64>, Option<f64>) {
        let n = self.n();
        if n == 0 {
            return (None, None);
        }
        let nf = n as f64;
        let mean = self.iter().map(|(s, c)| s as f64 * c as f64).sum::<f64>() / nf;
        if n < 2 {
            return (Some(mean), None);
        }
        let ss = self
            .iter()
            .map(|(s, c)| c as f64 * (s as f64 - mean).powi(2))
            .sum::<f64>();
        (Some(mean), Some((ss / (nf - 1.0)).sqrt()))
    }

    pub fn distribution(&self) -> Vec<ScoreCount> {
        let n = self.n();
        self.iter()
            .map(|(score, count)| ScoreCount {
                score,
                count,
                percent: (n > 0).then(|| 100.0 * count as f64 / n as f64),
            })
            .collect()
    }
}

/// A score as a map key: whole numbers without a decimal point ("7", not "7.0").
pub fn format_score(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Maps a raw answer through a score map (`nps.scoreMap`); identity without one.
pub fn map_score(
    map: Option<&BTreeMap<String, f64>>,
    v: f64,
) -> std::result::Result<f64, &'static str> {
    match map {
        None => Ok(v),
        Some(map) => map
            .get(&format_score(v))
            .copied()
            .ok_or("not in the score map"),
    }
}
