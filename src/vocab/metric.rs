use super::vocabulary;

vocabulary! {
    /// Every metric (and metric family) a figure, comparison, trend flag or target names. The
    /// catalogue (`catalogue()`) gives each its label, unit, direction and description.
    #[non_exhaustive]
    pub enum Metric {
        // Surveys
        /// Net Promoter Score.
        Nps = "nps",
        /// Customer satisfaction (survey CSAT, or the tickets' CSAT share).
        Csat = "csat",
        /// Customer effort score.
        Ces = "ces",
        /// Survey responses / invitations.
        ResponseRate = "responseRate",
        // Customers and revenue
        CustomerRetention = "customerRetention",
        ChurnRate = "churnRate",
        RetentionRate = "retentionRate",
        RepeatPurchaseRate = "repeatPurchaseRate",
        AverageOrderValue = "averageOrderValue",
        Arpu = "arpu",
        RevenueCohorts = "revenueCohorts",
        ContractualRetention = "contractualRetention",
        LifetimeValue = "lifetimeValue",
        Clv = "clv",
        Rfm = "rfm",
        // Support
        Support = "support",
        FirstContactResolution = "firstContactResolution",
        ReopenRate = "reopenRate",
        HandleTime = "handleTime",
        // Campaigns
        Campaigns = "campaigns",
        DeliveryRate = "deliveryRate",
        OpenRate = "openRate",
        ClickThroughRate = "clickThroughRate",
        ClickToOpenRate = "clickToOpenRate",
        ConversionRate = "conversionRate",
        UnsubscribeRate = "unsubscribeRate",
        BounceRate = "bounceRate",
        ConversionPerClick = "conversionPerClick",
        RevenuePerEmail = "revenuePerEmail",
        ImpressionClickThroughRate = "impressionClickThroughRate",
        CostPerClick = "costPerClick",
        ReturnOnAdSpend = "returnOnAdSpend",
        // Product events
        ActiveUsers = "activeUsers",
        Sessions = "sessions",
        Conversion = "conversion",
        Funnel = "funnel",
        CartAbandonment = "cartAbandonment",
        Activation = "activation",
        ActivationRate = "activationRate",
        Week1Engagement = "week1Engagement",
        /// DAU / MAU averaged over days (the standard); interactions' return share (variant).
        Stickiness = "stickiness",
        /// Users of a feature (an event name) over users; interactions with it over all (variant).
        FeatureUsage = "featureUsage",
        Churn = "churn",
        Retention = "retention",
        SegmentBreakdown = "segmentBreakdown",
        SessionEngagementRate = "sessionEngagementRate",
        SessionConversionRate = "sessionConversionRate",
        // Social
        EngagementRate = "engagementRate",
        EngagementRateByFollowers = "engagementRateByFollowers",
        EngagementRateByImpressions = "engagementRateByImpressions",
        EngagementRateByReach = "engagementRateByReach",
        AudienceEngagementRate = "audienceEngagementRate",
        // Every kind with times
        WeekdayProfile = "weekdayProfile",
        // Reviews and mentions
        Reviews = "reviews",
        Mentions = "mentions",
        AverageRating = "averageRating",
        MeanRating = "meanRating",
        GoodRatingShare = "goodRatingShare",
        PositiveShare = "positiveShare",
        SentimentScore = "sentimentScore",
        MeanSentiment = "meanSentiment",
        ShareOfVoice = "shareOfVoice",
        // Scans
        Scans = "scans",
        // Across kinds
        Comparison = "comparison",
        AbTest = "abTest",
    }
}

impl Metric {
    /// The metrics a benchmark target can be given for (`benchmarks` option), in the units of
    /// the report's headline figures.
    pub const TARGETS: &'static [Metric] = &[
        Metric::Nps,
        Metric::Csat,
        Metric::Ces,
        Metric::ChurnRate,
        Metric::RetentionRate,
        Metric::RepeatPurchaseRate,
        Metric::AverageOrderValue,
        Metric::Arpu,
        Metric::FirstContactResolution,
        Metric::ReopenRate,
        Metric::DeliveryRate,
        Metric::OpenRate,
        Metric::ClickThroughRate,
        Metric::ClickToOpenRate,
        Metric::ConversionRate,
        Metric::UnsubscribeRate,
        Metric::BounceRate,
        Metric::ActivationRate,
        Metric::EngagementRate,
        Metric::EngagementRateByImpressions,
        Metric::EngagementRateByReach,
        Metric::AverageRating,
        Metric::GoodRatingShare,
        Metric::SentimentScore,
        Metric::ShareOfVoice,
    ];
}

vocabulary! {
    /// Which definition of a metric a figure uses (the standard one is the default; the others
    /// are named variants that some tools or sources use).
    #[non_exhaustive]
    pub enum Variant {
        Standard = "standard",
        // CSAT and CES
        TopBox = "topBox",
        Mean = "mean",
        MeanPercent = "meanPercent",
        Net = "net",
        NetWithNeutral = "netWithNeutral",
        /// CSAT as the literal "sum of scores / responses × 100" (the mean × 100).
        LiteralMean = "literalMean",
        /// Churn as (customers at start − at end) / at start (net of new customers).
        StartMinusEnd = "startMinusEnd",
        /// Retention as (end − new) / start with only first-time customers as new.
        FirstTimeNew = "firstTimeNew",
        /// First-contact resolution over all tickets, not only resolved ones.
        AllContacts = "allContacts",
        EasyPercent = "easyPercent",
        ChannelWeighted = "channelWeighted",
        // Lifetime value
        PurchaseValue = "purchaseValue",
        ArpuYears = "arpuYears",
        MarginAdjusted = "marginAdjusted",
        Discounted = "discounted",
        DiscountedFuture = "discountedFuture",
        Historical = "historical",
        BgnbdGammaGamma = "bgnbdGammaGamma",
        MbgnbdGammaGamma = "mbgnbdGammaGamma",
        FirstPurchase = "firstPurchase",
        ShiftedBetaGeometric = "shiftedBetaGeometric",
        Quintiles = "quintiles",
        // Campaigns, scans, voice
        SummedCounts = "summedCounts",
        Count = "count",
        Vader = "vader",
        // Events
        TrailingWindows = "trailingWindows",
        Users = "users",
        Sessions = "sessions",
        Funnel = "funnel",
        WithinDays = "withinDays",
        Days1to7 = "days1to7",
        InactiveDays = "inactiveDays",
        FirstEventValue = "firstEventValue",
        SessionsStartingInPeriod = "sessionsStartingInPeriod",
        SingleEvent = "singleEvent",
        NotEngaged = "notEngaged",
        SinglePageView = "singlePageView",
        SessionId = "sessionId",
        InactivityGap = "inactivityGap",
        OrderedWithinWindow = "orderedWithinWindow",
        CohortMatrix = "cohortMatrix",
        /// Interaction-based readings (events, not distinct users) our source documents give.
        /// Events in a period / days of the period inside the data (an activity rate).
        InteractionsPerDay = "interactionsPerDay",
        /// A user's events in their first 7 local days / all their events, pooled over users.
        FirstWeekInteractions = "firstWeekInteractions",
        /// Events that end their session (the customer leaves) / events.
        ExitShare = "exitShare",
        /// Events followed by another event of the same session (the customer comes back for
        /// another interaction) / events.
        ReturnShare = "returnShare",
        /// Events of one kind (a feature's, qualifying activation events) / all events.
        Interactions = "interactions",
        // Social
        ByFollowers = "byFollowers",
        ByImpressions = "byImpressions",
        ByReach = "byReach",
        EngagementRate = "engagementRate",
        /// A period's engagements over the followers at its end (counted once, not per post).
        TotalFollowers = "totalFollowers",
        // Tests
        TwoProportionZ = "twoProportionZ",
    }
}

vocabulary! {
    /// The unit a figure is in: one convention per unit, the same wherever a unit is named
    /// (the catalogue, a figure's definition, targets, calculator results). The metric catalogue gives each metric
    /// the unit it is presented, targeted and calculated in (`calculate()` returns a metric in
    /// exactly that unit); a place in a report can hold the same metric as a ratio (a `Rate`'s
    /// `value` is 0–1), which the catalogue's places say.
    #[non_exhaustive]
    pub enum Unit {
        /// −100 … 100 (NPS, net scores, differences of percentages in percentage points).
        Points = "points",
        /// 0 … 100: shares and rates (churn of 10 customers of 200 is 5, not 0.05).
        Percent = "percent",
        /// On the answer scale (CSAT, CES, ratings).
        Score = "score",
        /// A plain fraction, 0 … 1 (−1 … 1 for sentiment scores and for differences of
        /// fractions, such as an A/B test's lift): 0.05 is five per cent.
        Ratio = "ratio",
        /// A number of users.
        Users = "users",
        /// A duration in seconds.
        Seconds = "seconds",
        /// Money in the file's currency.
        Currency = "currency",
        /// A number of things (rows, scans, orders).
        Count = "count",
        /// A number of periods of the report's granularity.
        Periods = "periods",
        /// A number of purchases.
        Purchases = "purchases",
        /// Times another quantity (return on ad spend: revenue per unit of spend).
        Multiple = "multiple",
    }
}
