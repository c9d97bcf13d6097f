use super::vocabulary;

vocabulary! {
    /// A calculator over numbers a person types in (`calculate({ calculator… })`).
    #[non_exhaustive]
    pub enum Calculator {
        RetentionRate = "retentionRate",
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
        AbTest = "abTest",
        SampleSize = "sampleSize",
        MinimumDetectableEffect = "minimumDetectableEffect",
        WelchTest = "welchTest",
        SentimentScore = "sentimentScore",
        FollowerGrowth = "followerGrowth",
        BgNbdCustomer = "bgNbdCustomer",
        ChurnRate = "churnRate",
        RepeatPurchaseRate = "repeatPurchaseRate",
        Arpu = "arpu",
        AverageOrderValue = "averageOrderValue",
        PurchaseFrequency = "purchaseFrequency",
        NetRevenueRetention = "netRevenueRetention",
        FirstContactResolutionRate = "firstContactResolutionRate",
        ReopenRate = "reopenRate",
        AverageHandleTime = "averageHandleTime",
        TicketsPerCustomer = "ticketsPerCustomer",
        DeliveryRate = "deliveryRate",
        OpenRate = "openRate",
        ClickThroughRate = "clickThroughRate",
        ClickToOpenRate = "clickToOpenRate",
        ConversionRate = "conversionRate",
        UnsubscribeRate = "unsubscribeRate",
        BounceRate = "bounceRate",
        RevenuePerEmail = "revenuePerEmail",
        AdClickThroughRate = "adClickThroughRate",
        CostPerClick = "costPerClick",
        ReturnOnAdSpend = "returnOnAdSpend",
        EngagementRate = "engagementRate",
        EngagementRateByImpressions = "engagementRateByImpressions",
        ShareOfVoice = "shareOfVoice",
        GoodRatingShare = "goodRatingShare",
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
