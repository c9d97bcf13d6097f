//! Text: the VADER sentiment scorer and the mergeable counts of its labels. Ingestion keeps a
//! text column as each row's compound score instead of the text, and metrics summarise the
//! scores, so both use this module (it sits below them, next to `period` and `stats`).

pub mod sentiment;

use serde::Serialize;

use sentiment::Label;

/// Sentiment of a group of texts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SentimentSummary {
    pub texts: u64,
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    /// (positive − negative) / texts, −1 … 1; null without texts.
    pub score: Option<f64>,
    pub mean_compound: Option<f64>,
}

impl SentimentSummary {
    /// From VADER compound scores (NaN = no text).
    pub fn of(compounds: impl Iterator<Item = f64>) -> Self {
        let mut acc = SentimentAcc::default();
        compounds.filter(|c| !c.is_nan()).for_each(|c| acc.add(c));
        acc.summary()
    }
}

/// Mergeable counts of sentiment (one VADER compound per text).
#[derive(Debug, Clone, Default)]
pub struct SentimentAcc {
    n: u64,
    positive: u64,
    negative: u64,
    /// Exact: the mean does not depend on the order of the texts.
    sum: crate::stats::ExactSum,
}

impl SentimentAcc {
    pub fn add(&mut self, compound: f64) {
        let label = sentiment::label_of(compound);
        self.n += 1;
        self.sum.add(compound);
        self.positive += (label == Label::Positive) as u64;
        self.negative += (label == Label::Negative) as u64;
    }

    /// Adds the texts of another accumulator (exact: the order of shards does not matter).
    pub fn merge(&mut self, other: &SentimentAcc) {
        self.n += other.n;
        self.positive += other.positive;
        self.negative += other.negative;
        self.sum.merge(&other.sum);
    }

    pub fn put(&self, w: &mut crate::wire::Writer) {
        w.u64(self.n);
        w.u64(self.positive);
        w.u64(self.negative);
        self.sum.put(w);
    }

    pub fn take(r: &mut crate::wire::Reader) -> crate::error::Result<Self> {
        let acc = SentimentAcc {
            n: r.u64()?,
            positive: r.u64()?,
            negative: r.u64()?,
            sum: crate::stats::ExactSum::take(r)?,
        };
        r.check(acc.positive + acc.negative <= acc.n, "sentiment counts")?;
        Ok(acc)
    }

    pub fn summary(&self) -> SentimentSummary {
        let n = self.n;
        SentimentSummary {
            texts: n,
            positive: self.positive,
            neutral: n - self.positive - self.negative,
            negative: self.negative,
            score: (n > 0).then(|| (self.positive as f64 - self.negative as f64) / n as f64),
            mean_compound: (n > 0).then(|| self.sum.value() / n as f64),
        }
    }
}
