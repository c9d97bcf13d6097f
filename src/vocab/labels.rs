//! Plain-language labels of kinds, roles and variants, for people: the page's menus and tables
//! and the CLI show these, never the names. The matches are exhaustive: a new kind, role or
//! variant needs its label.

use super::{Kind, RejectionCode, Role, ValueType, Variant, WarningCode};

impl ValueType {
    /// How a column's values are read and kept ("Date and time").
    pub const fn label(self) -> &'static str {
        match self {
            ValueType::Id => "Identifier",
            ValueType::Category => "Category",
            ValueType::Time => "Date and time",
            ValueType::Amount => "Amount",
            ValueType::Count => "Whole number",
            ValueType::Score => "Answer score",
            ValueType::Sentiment => "Text, scored for sentiment",
            ValueType::None => "Not kept",
        }
    }
}

impl Kind {
    /// What a file of this kind holds ("Survey answers").
    pub const fn label(self) -> &'static str {
        match self {
            Kind::Survey => "Survey answers",
            Kind::Events => "Product or website events",
            Kind::Transactions => "Orders and payments",
            Kind::Tickets => "Support tickets",
            Kind::Campaigns => "Email or ad campaigns",
            Kind::Social => "Social media posts",
            Kind::Reviews => "Reviews",
            Kind::Mentions => "Brand mentions",
            Kind::Scans => "Code and card scans",
        }
    }
}

impl Role {
    /// What a column used in this role holds ("User or customer ID").
    pub const fn label(self) -> &'static str {
        match self {
            Role::Nps => "NPS answer (0–10)",
            Role::Csat => "CSAT answer",
            Role::Ces => "Customer effort answer",
            Role::Timestamp => "Date and time",
            Role::Channel => "Channel",
            Role::Segment => "Breakdown (segment)",
            Role::Id => "Identifier (not used)",
            Role::Text => "Free text (sentiment)",
            Role::Ignored => "Not used",
            Role::UserId => "User or customer ID",
            Role::EventName => "Event name",
            Role::SessionId => "Session ID",
            Role::Page => "Page or screen",
            Role::Amount => "Amount",
            Role::OrderId => "Order ID",
            Role::Product => "Product",
            Role::Quantity => "Quantity",
            Role::TicketId => "Ticket ID",
            Role::Status => "Status",
            Role::Agent => "Agent",
            Role::Priority => "Priority",
            Role::ResolvedAt => "Resolved at",
            Role::FirstResponseAt => "First response at",
            Role::Campaign => "Campaign",
            Role::Sent => "Sent",
            Role::Delivered => "Delivered",
            Role::Opens => "Opens",
            Role::Clicks => "Clicks",
            Role::Conversions => "Conversions",
            Role::Unsubscribes => "Unsubscribes",
            Role::Bounces => "Bounces",
            Role::Impressions => "Impressions",
            Role::Spend => "Spend",
            Role::HandleTime => "Handle time",
            Role::Contacts => "Contacts per ticket",
            Role::FirstContactResolved => "Resolved on first contact",
            Role::Reopens => "Reopens",
            Role::UniqueOpens => "Unique opens",
            Role::UniqueClicks => "Unique clicks",
            Role::Rating => "Star rating",
            Role::Likes => "Likes",
            Role::Comments => "Comments",
            Role::Shares => "Shares",
            Role::Saves => "Saves",
            Role::Followers => "Followers",
            Role::Reach => "Reach",
            Role::Brand => "Brand",
            Role::Mentions => "Mentions",
            Role::Searches => "Searches",
            Role::Device => "Device",
            Role::Location => "Location",
            Role::Invited => "Survey invitation sent (date)",
        }
    }

    /// The label inside a sentence ("user or customer ID"): lower-cased unless it starts with
    /// an abbreviation ("NPS answer").
    pub fn label_in_text(self) -> String {
        let l = self.label();
        let mut c = l.chars();
        match (c.next(), c.next()) {
            (Some(a), Some(b)) if b.is_lowercase() => {
                a.to_lowercase().chain(l[a.len_utf8()..].chars()).collect()
            }
            _ => l.to_string(),
        }
    }
}

impl RejectionCode {
    /// Why values were rejected, in plain language ("Score outside the scale"): the page's
    /// problems table and the CLI show this, the code only in JSON.
    pub const fn label(self) -> &'static str {
        match self {
            RejectionCode::RaggedRow => "Row with more or fewer fields than the header",
            RejectionCode::InvalidScore => "Answer outside the scale or not a number",
            RejectionCode::MissingTimestamp => "Blank date and time",
            RejectionCode::InvalidTimestamp => "Date and time not in the column's format",
            RejectionCode::InvalidNumber => "Number that cannot be read",
            RejectionCode::MissingRequired => "Row without a value the kind needs",
            RejectionCode::InvalidJson => "Record that is not valid JSON",
            RejectionCode::UnknownKey => "Key that is not in the header",
            RejectionCode::NestedValue => "Value that is an object or a list",
            RejectionCode::CellError => "Spreadsheet cell holding an error",
        }
    }
}

impl WarningCode {
    /// What a warning is about, in plain language ("Duplicate header"), shown before its message.
    pub const fn label(self) -> &'static str {
        match self {
            WarningCode::IgnoredColumn => "Column ignored",
            WarningCode::OptionCapped => "Option lowered to its cap",
            WarningCode::UnterminatedQuote => "Quote never closed",
            WarningCode::StrayQuote => "Quote inside a field",
            WarningCode::TextAfterQuote => "Text after a closing quote",
            WarningCode::DecodedAsWindows1252 => "Read as Windows-1252",
            WarningCode::InvalidUtf16 => "Invalid UTF-16 replaced",
            WarningCode::DuplicateHeader => "Duplicate header",
            WarningCode::CesScaleAssumed => "Effort scale assumed",
            WarningCode::NoRows => "No data rows",
            WarningCode::DuplicateEvents => "Repeated rows counted once",
            WarningCode::TimesBeforeCreation => "Times before the ticket was created",
            WarningCode::SegmentValuesLimited => "Too many breakdown values",
            WarningCode::ChannelWeightMissing => "Channel without a volume",
            WarningCode::ChannelWeightUnused => "Volume for a channel not in the file",
            WarningCode::ClvFewCustomers => "Few customers for the purchase model",
            WarningCode::ClvNoRepeatPurchases => "No repeat purchases",
            WarningCode::ClvFitDegenerate => "Purchase model fit unreliable",
            WarningCode::ClvSpendFitDegenerate => "Spend model fit unreliable",
        }
    }
}

impl Variant {
    /// Which definition a figure uses, in plain language ("Over all contacts"): the page and
    /// the CLI show this where a variant is named, the id only in JSON.
    pub const fn label(self) -> &'static str {
        match self {
            Variant::Standard => "Standard definition",
            Variant::TopBox => "Top-box share (satisfied answers)",
            Variant::Mean => "Mean answer",
            Variant::MeanPercent => "Mean as a percentage of the scale",
            Variant::Net => "Satisfied minus dissatisfied",
            Variant::NetWithNeutral => "Midpoint and above minus below",
            Variant::LiteralMean => "Sum of scores / responses × 100",
            Variant::StartMinusEnd => "(Start − end) / start",
            Variant::FirstTimeNew => "Only first-time customers as new",
            Variant::AllContacts => "Over all contacts",
            Variant::EasyPercent => "Share of easy answers",
            Variant::ChannelWeighted => "Weighted by channel volume",
            Variant::PurchaseValue => "Order value × frequency × lifespan",
            Variant::ArpuYears => "ARPU per year × years",
            Variant::MarginAdjusted => "Margin-adjusted purchase value",
            Variant::Discounted => "Discounted margins with retention",
            Variant::DiscountedFuture => "Discounted future margins (Gupta & Lehmann)",
            Variant::Historical => "Revenue to date per customer",
            Variant::BgnbdGammaGamma => "BG/NBD + Gamma-Gamma fit",
            Variant::MbgnbdGammaGamma => "MBG/NBD + Gamma-Gamma fit",
            Variant::FirstPurchase => "Cohorts by first purchase",
            Variant::ShiftedBetaGeometric => "Shifted-beta-geometric fit",
            Variant::Quintiles => "Scored by quintile",
            Variant::SummedCounts => "From summed counts",
            Variant::Count => "Number of scans",
            Variant::Vader => "VADER sentiment",
            Variant::TrailingWindows => "Trailing day, week and month",
            Variant::Users => "Per user",
            Variant::Sessions => "Per session",
            Variant::Funnel => "Cart-to-purchase funnel",
            Variant::WithinDays => "Within the activation window",
            Variant::Days1to7 => "Active again on days 1–7",
            Variant::InactiveDays => "Inactive for longer than the churn window",
            Variant::FirstEventValue => "By the value of the first event",
            Variant::SessionsStartingInPeriod => "Sessions starting in the period",
            Variant::SingleEvent => "Single-event sessions",
            Variant::NotEngaged => "Sessions not engaged (GA4)",
            Variant::SinglePageView => "Single page view (PostHog)",
            Variant::SessionId => "From the session ID column",
            Variant::InactivityGap => "Split at an inactivity gap",
            Variant::OrderedWithinWindow => "Steps in order within the window",
            Variant::CohortMatrix => "Cohort by period",
            Variant::ByFollowers => "Over followers",
            Variant::ByImpressions => "Over impressions",
            Variant::ByReach => "Over people reached",
            Variant::EngagementRate => "Engaged sessions (GA4)",
            Variant::TwoProportionZ => "Two-proportion z-test",
            Variant::TotalFollowers => "Over the followers at the period's end",
            Variant::InteractionsPerDay => "Events per day",
            Variant::FirstWeekInteractions => "Share of events in the first week",
            Variant::ExitShare => "Events that end a session",
            Variant::ReturnShare => "Events followed by another in the session",
            Variant::Interactions => "Share of all events",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant, including ones added later, has a label for people that is not its id.
    /// Every rejection and warning code has a label that is not its code.
    #[test]
    fn every_code_has_a_label_that_is_not_its_code() {
        let labels = RejectionCode::ALL
            .iter()
            .map(|c| (c.name(), c.label()))
            .chain(WarningCode::ALL.iter().map(|c| (c.name(), c.label())));
        for (code, label) in labels {
            assert!(
                !label.trim().is_empty() && !label.eq_ignore_ascii_case(code),
                "{code}: {label}"
            );
            assert!(
                !label.contains('_'),
                "{code}: the label reads as a code: {label}"
            );
        }
    }

    #[test]
    fn every_variant_has_a_label_that_is_not_its_id() {
        for v in Variant::ALL {
            let label = v.label();
            assert!(!label.trim().is_empty(), "{v}: empty label");
            assert!(
                !label.eq_ignore_ascii_case(v.name()) && !label.eq_ignore_ascii_case(v.ident()),
                "{v}: the label is the id"
            );
            assert!(
                label.chars().next().is_some_and(|c| !c.is_lowercase()),
                "{v}: a label starts with a capital, as the others do: {label}"
            );
        }
    }
}
