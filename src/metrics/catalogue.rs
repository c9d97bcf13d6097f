//! The metric catalogue: for every [`Metric`] its plain-language label, unit, direction, a
//! one-sentence description, where it sits in each kind's report and the variants it has. The
//! page, the CLI and docs/METRICS.md take names, labels and units from here (`catalogue()` in
//! JavaScript). The match is exhaustive: a new metric cannot be added without its entry.

use serde::Serialize;

use crate::vocab::{Kind, Metric, Unit, Variant};

/// Where a metric sits in a report of one kind, and the unit it has there.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub kind: Kind,
    /// A path into the report: `.` between fields, `[]` for every element of a list.
    pub path: &'static str,
    pub unit: Unit,
}

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MetricInfo {
    pub id: Metric,
    /// Plain-language name, for people ("Repeat purchase rate").
    pub label: &'static str,
    /// The unit the metric is presented and targeted in.
    pub unit: Unit,
    /// Whether a higher value is better; `null` where neither is (a count, a duration).
    pub higher_is_better: Option<bool>,
    /// One sentence: what it measures.
    pub description: &'static str,
    /// A headline figure of its kind (a card on the page, a line of the CLI table).
    pub headline: bool,
    /// Takes a benchmark target (`benchmarks` option) in `unit`.
    pub target: bool,
    /// Where it sits in each kind's report.
    pub places: Vec<Place>,
    /// The definitions it can be computed with, the standard one first.
    pub variants: Vec<Variant>,
}

/// label, unit, higher is better, description, headline, places, variants.
type Entry = (
    &'static str,
    Unit,
    Option<bool>,
    &'static str,
    bool,
    &'static [(Kind, &'static str, Unit)],
    &'static [Variant],
);

const UP: Option<bool> = Some(true);
const DOWN: Option<bool> = Some(false);
const NEITHER: Option<bool> = None;

fn entry(m: Metric) -> Entry {
    use Kind as K;
    use Unit::*;
    use Variant as V;
    match m {
        Metric::Nps => ("Net Promoter Score", Points, UP,
            "Share of promoters (9–10) minus share of detractors (0–6) among answers to the 0–10 recommend question.",
            true, &[(K::Survey, "overall.nps.score", Points)], &[V::Standard]),
        Metric::Csat => ("Customer satisfaction (CSAT)", Percent, UP,
            "Share of satisfied answers: the top two points of the scale (4–5 on 1–5).",
            true, &[(K::Survey, "overall.csat.score", Percent), (K::Tickets, "support.overall.csat.value", Ratio)],
            &[V::TopBox, V::Mean, V::MeanPercent, V::Net, V::NetWithNeutral, V::LiteralMean, V::ChannelWeighted]),
        Metric::Ces => ("Customer effort score (CES)", Score, UP,
            "Mean agreement that the company made it easy (CES 2.0, 1–7; higher is easier unless the scale says otherwise).",
            true, &[(K::Survey, "overall.ces.score", Score)], &[V::Mean, V::EasyPercent, V::NetWithNeutral]),
        Metric::ResponseRate => ("Response rate", Percent, UP,
            "Invitations answered (at least one question) over invitations sent, from an invitation-date column or the invitations option.",
            true, &[(K::Survey, "overall.responseRate.value", Percent)], &[V::Standard]),
        Metric::CustomerRetention => ("Customer retention (definition)", Ratio, UP,
            "How customers at the start, lost, new and reactivated are counted each period.",
            false, &[(K::Transactions, "revenue.definition", Ratio)], &[V::Standard]),
        Metric::ChurnRate => ("Churn rate", Percent, DOWN,
            "Customers lost in the period over customers at its start (transactions); users inactive for longer than the churn window over users (events).",
            true, &[(K::Transactions, "revenue.periods[].churnRate", Ratio), (K::Events, "events.churn.value", Percent)],
            &[V::Standard, V::StartMinusEnd, V::InactiveDays]),
        Metric::RetentionRate => ("Customer retention rate", Percent, UP,
            "Customers at the end of the period who were not new, over customers at its start: (E − N) / S.",
            true, &[(K::Transactions, "revenue.periods[].retentionRate", Ratio)], &[V::Standard, V::FirstTimeNew]),
        Metric::RepeatPurchaseRate => ("Repeat purchase rate", Percent, UP,
            "Customers with two or more orders over customers who ordered.",
            true, &[(K::Transactions, "revenue.periods[].repeatPurchaseRate", Ratio)], &[V::Standard]),
        Metric::AverageOrderValue => ("Average order value", Currency, UP,
            "Revenue over orders.",
            true, &[(K::Transactions, "revenue.periods[].averageOrderValue", Currency)], &[V::Standard]),
        Metric::Arpu => ("Average revenue per user (ARPU)", Currency, UP,
            "Revenue over active customers.",
            true, &[(K::Transactions, "revenue.periods[].arpu", Currency)], &[V::Standard]),
        Metric::RevenueCohorts => ("Revenue cohorts", Ratio, UP,
            "Customers and revenue of each first-purchase cohort still there k periods later.",
            false, &[(K::Transactions, "revenue.cohorts", Ratio)], &[V::FirstPurchase]),
        Metric::ContractualRetention => ("Contract retention projection", Ratio, UP,
            "Share of a cohort still active after k periods, projected by a shifted-beta-geometric fit.",
            false, &[(K::Transactions, "revenue.cohorts.contractual", Ratio)], &[V::ShiftedBetaGeometric]),
        Metric::LifetimeValue => ("Customer lifetime value (formulas)", Currency, UP,
            "What a customer is worth over their lifetime, by the common formulas on pooled period figures.",
            true, &[(K::Transactions, "lifetimeValue.variants[].value", Currency)],
            &[V::PurchaseValue, V::ArpuYears, V::MarginAdjusted, V::Discounted, V::DiscountedFuture, V::Historical]),
        Metric::Clv => ("Predicted customer lifetime value", Currency, UP,
            "Expected margin of a customer over the horizon from the BG/NBD purchase and Gamma-Gamma spend models.",
            true, &[(K::Transactions, "clv.meanClv", Currency)], &[V::BgnbdGammaGamma, V::MbgnbdGammaGamma]),
        Metric::Rfm => ("RFM segments", Score, UP,
            "Customers scored 1–5 on recency, frequency and monetary value, and grouped into segments.",
            false, &[(K::Transactions, "rfm.segments", Count)], &[V::Quintiles]),
        Metric::Support => ("Support metrics (definition)", Ratio, NEITHER,
            "How resolution, first-contact resolution, reopen rate, times and CSAT are counted.",
            false, &[(K::Tickets, "support.definition", Ratio)], &[V::Standard]),
        Metric::FirstContactResolution => ("First contact resolution", Percent, UP,
            "Resolved tickets solved on the first contact over resolved tickets.",
            true, &[(K::Tickets, "support.overall.firstContactResolution.value", Ratio)], &[V::Standard, V::AllContacts]),
        Metric::ReopenRate => ("Reopen rate", Percent, DOWN,
            "Resolved tickets reopened at least once over resolved tickets.",
            true, &[(K::Tickets, "support.overall.reopenRate.value", Ratio)], &[V::Standard]),
        Metric::HandleTime => ("Handle time", Seconds, DOWN,
            "Time an agent spent on a ticket or call.",
            true, &[(K::Tickets, "support.overall.handleTime.mean", Seconds)], &[V::Standard]),
        Metric::Campaigns => ("Campaign metrics (definition)", Ratio, NEITHER,
            "How delivery, open, click, conversion and unsubscribe rates are computed from summed counts.",
            false, &[(K::Campaigns, "campaigns.definition", Ratio)], &[V::SummedCounts]),
        Metric::DeliveryRate => ("Delivery rate", Percent, UP,
            "Emails delivered over emails sent.",
            true, &[(K::Campaigns, "campaigns.overall.rates.deliveryRate.value", Ratio)], &[V::SummedCounts]),
        Metric::OpenRate => ("Open rate", Percent, UP,
            "Unique opens over delivered emails (inflated by mail privacy proxies).",
            true, &[(K::Campaigns, "campaigns.overall.rates.openRate.value", Ratio)], &[V::SummedCounts]),
        Metric::ClickThroughRate => ("Click-through rate", Percent, UP,
            "Unique clicks over delivered emails.",
            true, &[(K::Campaigns, "campaigns.overall.rates.clickThroughRate.value", Ratio)], &[V::SummedCounts]),
        Metric::ClickToOpenRate => ("Click-to-open rate", Percent, UP,
            "Unique clicks over unique opens.",
            true, &[(K::Campaigns, "campaigns.overall.rates.clickToOpenRate.value", Ratio)], &[V::SummedCounts]),
        Metric::ConversionRate => ("Conversion rate", Percent, UP,
            "Conversions over delivered emails (campaigns), or users who reach the conversion event over users (events).",
            true, &[(K::Campaigns, "campaigns.overall.rates.conversionRate.value", Ratio), (K::Events, "events.conversion.users.value", Percent)],
            &[V::SummedCounts, V::Users, V::Sessions]),
        Metric::UnsubscribeRate => ("Unsubscribe rate", Percent, DOWN,
            "Unsubscribes over delivered emails.",
            true, &[(K::Campaigns, "campaigns.overall.rates.unsubscribeRate.value", Ratio)], &[V::SummedCounts]),
        Metric::BounceRate => ("Bounce rate", Percent, DOWN,
            "Emails that bounced over emails sent (campaigns), or sessions that bounced over sessions (events).",
            true, &[(K::Campaigns, "campaigns.overall.rates.bounceRate.value", Ratio), (K::Events, "events.sessions.bounce.headline.value", Percent)],
            &[V::SummedCounts, V::SingleEvent, V::NotEngaged, V::SinglePageView, V::EngagementRate]),
        Metric::ConversionPerClick => ("Conversions per click", Percent, UP,
            "Conversions over unique clicks (the rate used for ads and landing pages).",
            false, &[(K::Campaigns, "campaigns.overall.rates.conversionPerClick.value", Ratio)], &[V::SummedCounts]),
        Metric::RevenuePerEmail => ("Revenue per email", Currency, UP,
            "Revenue over delivered emails.",
            false, &[(K::Campaigns, "campaigns.overall.rates.revenuePerEmail.value", Currency)], &[V::SummedCounts]),
        Metric::ImpressionClickThroughRate => ("Click-through rate (ads)", Percent, UP,
            "Clicks over impressions.",
            false, &[(K::Campaigns, "campaigns.overall.rates.impressionClickThroughRate.value", Ratio)], &[V::SummedCounts]),
        Metric::CostPerClick => ("Cost per click", Currency, DOWN,
            "Spend over clicks.",
            false, &[(K::Campaigns, "campaigns.overall.rates.costPerClick.value", Currency)], &[V::SummedCounts]),
        Metric::ReturnOnAdSpend => ("Return on ad spend", Multiple, UP,
            "Revenue over spend.",
            false, &[(K::Campaigns, "campaigns.overall.rates.returnOnAdSpend.value", Multiple)], &[V::SummedCounts]),
        Metric::ActiveUsers => ("Active users", Users, UP,
            "Users with an event on the day (DAU), in the trailing week (WAU) or month (MAU); variant interactionsPerDay: events per day of the period, not distinct users.",
            true, &[(K::Events, "events.activity.daily[]", Users)], &[V::TrailingWindows, V::InteractionsPerDay]),
        Metric::Sessions => ("Sessions", Seconds, NEITHER,
            "Visits: a user's events until a gap longer than the session timeout; their count and length.",
            true, &[(K::Events, "events.sessions", Seconds)], &[V::InactivityGap, V::SessionId]),
        Metric::Conversion => ("Conversion", Percent, UP,
            "Users and sessions that reach the conversion event.",
            false, &[(K::Events, "events.conversion", Percent)], &[V::Users, V::Sessions]),
        Metric::Funnel => ("Funnel", Ratio, UP,
            "Users who take the funnel's steps in order within the window, step by step.",
            false, &[(K::Events, "events.funnel.steps[]", Ratio)], &[V::OrderedWithinWindow]),
        Metric::CartAbandonment => ("Cart abandonment", Percent, DOWN,
            "Users who added to the cart but did not buy, over users who added to the cart.",
            true, &[(K::Events, "events.cartAbandonment.value", Percent)], &[V::Funnel]),
        Metric::Activation => ("Activation (definition)", Percent, UP,
            "New users who reach the activation event within the activation window.",
            false, &[(K::Events, "events.activation", Percent)], &[V::WithinDays, V::Interactions]),
        Metric::ActivationRate => ("Activation rate", Percent, UP,
            "Users who reach the activation event within the window after signing up, over users who signed up; variant interactions: those activation events over all events.",
            true, &[(K::Events, "events.activation.rate.value", Percent)], &[V::WithinDays, V::Interactions]),
        Metric::Week1Engagement => ("Week-1 engagement", Percent, UP,
            "New users active again on days 1–7 after their first day; variant firstWeekInteractions: their events in their first 7 days over all their events.",
            true, &[(K::Events, "events.week1Engagement.value", Percent)], &[V::Days1to7, V::FirstWeekInteractions]),
        Metric::Stickiness => ("Stickiness", Ratio, UP,
            "DAU / MAU averaged over the days whose whole MAU window lies inside the data; variant returnShare: events after which the user interacts again in the same session, over events.",
            false, &[(K::Events, "events.activity.meanStickiness", Ratio)], &[V::TrailingWindows, V::ReturnShare]),
        Metric::FeatureUsage => ("Feature usage", Percent, UP,
            "Users who used a feature (an event name) over users; variant interactions: its events over all events.",
            false, &[(K::Events, "events.features[].shareOfUsers", Percent)], &[V::Users, V::Interactions]),
        Metric::Churn => ("User churn", Percent, DOWN,
            "Users whose last event is longer ago than the churn window, over users; variant exitShare (turnover / abandonment): events that end their session, over events.",
            true, &[(K::Events, "events.churn.value", Percent)], &[V::InactiveDays, V::ExitShare]),
        Metric::Retention => ("Cohort retention", Ratio, UP,
            "Share of each cohort of new users active k periods after their first.",
            false, &[(K::Events, "events.retention.cohorts[]", Ratio)], &[V::CohortMatrix]),
        Metric::SegmentBreakdown => ("Breakdown by segment", Users, NEITHER,
            "Users, events and sessions per value of a segment column.",
            false, &[(K::Events, "events.segments[]", Users)], &[V::FirstEventValue]),
        Metric::SessionEngagementRate => ("Engaged sessions", Percent, UP,
            "Sessions longer than the engagement time, with two page views or a key event, over sessions (GA4).",
            false, &[(K::Events, "events.sessionPeriods[].engagementRate.value", Percent)], &[V::SessionsStartingInPeriod]),
        Metric::SessionConversionRate => ("Converting sessions", Percent, UP,
            "Sessions with the conversion event over sessions.",
            false, &[(K::Events, "events.sessionPeriods[].conversionRate.value", Percent)], &[V::SessionsStartingInPeriod]),
        Metric::EngagementRate => ("Engagement rate (followers)", Percent, UP,
            "Likes, comments and shares over followers.",
            true, &[(K::Social, "social.overall.engagementRate.byFollowers.value", Percent)], &[V::ByFollowers]),
        Metric::EngagementRateByFollowers => ("Engagement rate (followers)", Percent, UP,
            "Likes, comments and shares over followers, as compared between periods and platforms.",
            false, &[(K::Social, "social.changes[]", Points)], &[V::ByFollowers]),
        Metric::EngagementRateByImpressions => ("Engagement rate (impressions)", Percent, UP,
            "Likes, comments and shares over impressions.",
            true, &[(K::Social, "social.overall.engagementRate.byImpressions.value", Percent)], &[V::ByImpressions]),
        Metric::EngagementRateByReach => ("Engagement rate (reach)", Percent, UP,
            "Likes, comments and shares over people reached.",
            true, &[(K::Social, "social.overall.engagementRate.byReach.value", Percent)], &[V::ByReach]),
        Metric::AudienceEngagementRate => ("Engagement rate (total followers)", Percent, UP,
            "Likes, comments and shares of a period over the followers at its end, counted once rather than at every post.",
            false, &[(K::Social, "social.overall.audienceEngagementRate.value", Percent), (K::Social, "social.periods[].audienceEngagementRate.value", Percent)], &[V::TotalFollowers]),
        Metric::Reviews => ("Review metrics (definition)", Ratio, NEITHER,
            "How ratings, sentiment and share of voice are computed for reviews.",
            false, &[(K::Reviews, "voice.definition", Ratio)], &[V::Vader]),
        Metric::Mentions => ("Mention metrics (definition)", Ratio, NEITHER,
            "How sentiment and share of voice are computed for brand mentions.",
            false, &[(K::Mentions, "voice.definition", Ratio)], &[V::Vader]),
        Metric::AverageRating => ("Average rating", Score, UP,
            "Mean star rating.",
            true, &[(K::Reviews, "voice.overall.ratings.mean", Score)], &[V::Standard]),
        Metric::MeanRating => ("Mean rating", Score, UP,
            "Mean star rating, as compared between periods and sources.",
            false, &[(K::Reviews, "voice.changes[]", Score)], &[V::Standard]),
        Metric::GoodRatingShare => ("Share of good ratings", Percent, UP,
            "Reviews rated in the top two points of the scale over rated reviews.",
            true, &[(K::Reviews, "voice.overall.ratings.goodShare.value", Ratio)], &[V::Standard]),
        Metric::PositiveShare => ("Share of positive texts", Percent, UP,
            "Texts whose sentiment is positive over texts, as compared between periods and sources.",
            false, &[(K::Reviews, "voice.changes[]", Points), (K::Mentions, "voice.changes[]", Points)], &[V::Vader]),
        Metric::SentimentScore => ("Sentiment score", Ratio, UP,
            "Positive texts minus negative texts, over texts (−1 to 1).",
            true, &[(K::Reviews, "voice.overall.sentiment.score", Ratio), (K::Mentions, "voice.overall.sentiment.score", Ratio)], &[V::Vader]),
        // A score on the compound's −1…1 scale, not a share: its differences are not points.
        Metric::MeanSentiment => ("Mean sentiment", Score, UP,
            "Mean VADER compound score of the texts (−1 to 1), as compared between periods and sources.",
            false, &[(K::Reviews, "voice.changes[]", Score), (K::Mentions, "voice.changes[]", Score)], &[V::Vader]),
        Metric::ShareOfVoice => ("Share of voice", Percent, UP,
            "A brand's mentions over all brands' mentions.",
            true, &[(K::Mentions, "voice.shareOfVoice[].brands[].shareOfVoice.value", Ratio)], &[V::Standard]),
        Metric::Scans => ("Scans", Count, NEITHER,
            "Scans of a QR code or digital card, by device, location and period.",
            true, &[(K::Scans, "scans.scans", Count)], &[V::Count]),
        Metric::WeekdayProfile => ("Rows per weekday", Count, NEITHER,
            "Rows (answers, events, orders, tickets, posts…) per date of each weekday, with its share and its index against an average day.",
            false, &[(K::Survey, "weekdayProfile.weekdays[].perDay", Count), (K::Events, "weekdayProfile.weekdays[].perDay", Count), (K::Transactions, "weekdayProfile.weekdays[].perDay", Count), (K::Tickets, "weekdayProfile.weekdays[].perDay", Count), (K::Campaigns, "weekdayProfile.weekdays[].perDay", Count), (K::Social, "weekdayProfile.weekdays[].perDay", Count), (K::Reviews, "weekdayProfile.weekdays[].perDay", Count), (K::Mentions, "weekdayProfile.weekdays[].perDay", Count), (K::Scans, "weekdayProfile.weekdays[].perDay", Count)], &[V::Standard]),
        Metric::Comparison => ("Comparisons (definition)", Points, NEITHER,
            "How periods are compared with the previous one and segments with the rest.",
            false, &[(K::Survey, "comparisons.definition", Points)], &[V::Standard]),
        Metric::AbTest => ("A/B test", Ratio, UP,
            "Conversion of each variant against the control, with its lift, interval and p-value.",
            false, &[], &[V::TwoProportionZ]),
    }
}

/// Every metric's entry, in the order of [`Metric::ALL`].
pub fn catalogue() -> Vec<MetricInfo> {
    Metric::ALL.iter().map(|&m| info(m)).collect()
}

pub fn info(m: Metric) -> MetricInfo {
    let (label, unit, higher_is_better, description, headline, places, variants) = entry(m);
    MetricInfo {
        id: m,
        label,
        unit,
        higher_is_better,
        description,
        headline,
        target: Metric::TARGETS.contains(&m),
        places: places
            .iter()
            .map(|&(kind, path, unit)| Place { kind, path, unit })
            .collect(),
        variants: variants.to_vec(),
    }
}

/// The catalogue as a Markdown table, for docs/METRICS.md.
pub fn markdown() -> String {
    let mut out = String::from(
        "| metric | id | unit | better | where (kind: path) | variants | target | what it measures |\n|---|---|---|---|---|---|---|---|\n",
    );
    for i in catalogue() {
        let better = match i.higher_is_better {
            Some(true) => "higher",
            Some(false) => "lower",
            None => "",
        };
        let places: Vec<String> = i
            .places
            .iter()
            .map(|p| format!("{}: `{}` ({})", p.kind, p.path, p.unit))
            .collect();
        let variants: Vec<String> = i.variants.iter().map(|v| format!("`{v}`")).collect();
        out.push_str(&format!(
            "| {}{} | `{}` | {} | {better} | {} | {} | {} | {} |\n",
            i.label,
            if i.headline { "" } else { " ·" },
            i.id,
            i.unit,
            places.join("<br>"),
            variants.join(", "),
            if i.target { "yes" } else { "" },
            i.description,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_has_a_label_and_a_description() {
        for i in catalogue() {
            assert!(
                !i.label.is_empty() && i.description.ends_with('.'),
                "{:?}",
                i.id
            );
            assert!(!i.variants.is_empty(), "{:?}", i.id);
            // Labels are for people: not the id.
            assert_ne!(i.label, i.id.name());
        }
        // Every target metric is a headline somewhere.
        for m in Metric::TARGETS {
            let i = info(*m);
            assert!(!i.places.is_empty(), "{m}");
        }
    }
}
