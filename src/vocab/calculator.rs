use super::{vocabulary, Metric};

vocabulary! {
    /// A calculator's own formula, when it is not one of the report's metrics.
    #[non_exhaustive]
    pub enum Formula {
        LifespanFromChurn = "lifespanFromChurn",
        ClvPurchaseValue = "clvPurchaseValue",
        ClvArpuYears = "clvArpuYears",
        ClvDiscounted = "clvDiscounted",
        ClvDiscountedFuture = "clvDiscountedFuture",
        SbgRetention = "sbgRetention",
        NpsScore = "npsScore",
        CsatScore = "csatScore",
        MeanScore = "meanScore",
        NpsDifference = "npsDifference",
        SampleSize = "sampleSize",
        MinimumDetectableEffect = "minimumDetectableEffect",
        WelchTest = "welchTest",
        FollowerGrowth = "followerGrowth",
        BgNbdCustomer = "bgNbdCustomer",
        PurchaseFrequency = "purchaseFrequency",
        NetRevenueRetention = "netRevenueRetention",
        FirstContactResolutionRate = "firstContactResolutionRate",
        AverageHandleTime = "averageHandleTime",
        TicketsPerCustomer = "ticketsPerCustomer",
        AdClickThroughRate = "adClickThroughRate",
    }
}

/// A calculator over numbers a person types in (`calculate({ metric, …inputs })`): one of the
/// report's metrics computed from its parts, or a formula of its own. Its name is the metric's
/// or the formula's, so no name is written twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum Calculator {
    Metric(Metric),
    Formula(Formula),
}

impl Calculator {
    pub const fn name(self) -> &'static str {
        match self {
            Calculator::Metric(m) => m.name(),
            Calculator::Formula(f) => f.name(),
        }
    }
}

impl std::fmt::Display for Calculator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

vocabulary! {
    /// The group a calculator is listed under (the names are also its heading).
    pub enum CalculatorGroup {
        Survey = "survey",
        Customers = "customers",
        Revenue = "revenue",
        LifetimeValue = "lifetime value",
        Support = "support",
        EmailAndAds = "email and ads",
        SocialAndBrand = "social and brand",
        AbTests = "A/B tests",
    }
}
