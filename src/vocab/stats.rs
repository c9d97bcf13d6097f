use super::vocabulary;

vocabulary! {
    /// How an interval was computed.
    #[non_exhaustive]
    pub enum IntervalMethod {
        /// Wilson score interval of a proportion.
        Wilson = "wilson",
        /// Student's t interval of a mean.
        T = "t",
        /// Normal approximation (the NPS variance of the +1/0/−1 coding, weighted CSAT).
        Normal = "normal",
        /// Wald interval: estimate ± z · standard error (a difference of proportions; a
        /// logistic-regression coefficient, and exp of its ends for the odds ratio).
        Wald = "wald",
        /// Interval of a ratio on the log scale.
        LogRatio = "logRatio",
        /// Welch–Satterthwaite interval of a difference of means.
        Welch = "welch",
        /// Distribution-free interval of a median from order statistics.
        OrderStatistic = "orderStatistic",
        /// Seeded percentile bootstrap.
        Bootstrap = "bootstrap",
        /// Delta-method interval of a ratio of sums over units.
        DeltaRatio = "deltaRatio",
        /// Hanley–McNeil (1982) normal interval of an AUC (area under the ROC curve).
        HanleyMcNeil = "hanleyMcNeil",
    }
}

vocabulary! {
    /// The test behind a comparison's p-value.
    pub enum TestName {
        /// Pooled two-proportion z-test.
        TwoProportionZ = "twoProportionZ",
        /// Welch's t-test.
        WelchT = "welchT",
        /// z-test of two NPS on the +1/0/−1 coding.
        NpsZ = "npsZ",
        /// z-test of two delta-method ratios.
        RatioZ = "ratioZ",
    }
}

vocabulary! {
    /// Multiple-comparison correction of p-values.
    pub enum Correction {
        /// Holm's step-down correction.
        Holm = "holm",
        /// None (a single comparison).
        None = "none",
    }
}

vocabulary! {
    /// What a comparison's group is compared with.
    pub enum Baseline {
        /// The period before it.
        PreviousPeriod = "previousPeriod",
        /// The same period a year earlier (month, quarter; 52 weeks, 364 days for weeks and
        /// days, so weekdays line up).
        YearEarlier = "yearEarlier",
        /// The other groups of its breakdown, summed.
        RestOfBreakdown = "restOfBreakdown",
    }
}

vocabulary! {
    /// Which side of its band a flagged value lies on.
    pub enum Direction {
        Up = "up",
        Down = "down",
    }
}
