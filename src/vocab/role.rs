use super::vocabulary;

vocabulary! {
    /// What a column is used for (`columns: { role: header }` in the options).
    #[non_exhaustive]
    pub enum Role {
        /// A 0–10 "how likely are you to recommend" answer.
        Nps = "nps",
        /// A satisfaction answer (1–5 unless the scale says otherwise).
        Csat = "csat",
        /// A customer-effort answer (1–7 unless the scale says otherwise).
        Ces = "ces",
        /// The time of the row: response, event, order, ticket creation.
        Timestamp = "timestamp",
        /// The channel of the row (email, phone, platform…), a breakdown of its own.
        Channel = "channel",
        /// Any other column to break the metrics down by.
        Segment = "segment",
        /// An identifier the metrics do not use.
        Id = "id",
        /// Free text (a comment, a review, a mention): kept as its sentiment score.
        Text = "text",
        /// Left out.
        Ignored = "ignored",
        /// The person: user, customer, visitor, account.
        UserId = "userId",
        EventName = "eventName",
        SessionId = "sessionId",
        Page = "page",
        Amount = "amount",
        OrderId = "orderId",
        Product = "product",
        Quantity = "quantity",
        TicketId = "ticketId",
        Status = "status",
        Agent = "agent",
        Priority = "priority",
        ResolvedAt = "resolvedAt",
        FirstResponseAt = "firstResponseAt",
        Campaign = "campaign",
        Sent = "sent",
        Delivered = "delivered",
        Opens = "opens",
        Clicks = "clicks",
        Conversions = "conversions",
        Unsubscribes = "unsubscribes",
        Bounces = "bounces",
        Impressions = "impressions",
        Spend = "spend",
        /// Support: time an agent spent on the ticket or call (seconds unless the header says).
        HandleTime = "handleTime",
        /// Support: contacts (replies, calls) the ticket took.
        Contacts = "contacts",
        /// Support: yes/no "resolved on first contact".
        FirstContactResolved = "firstContactResolved",
        /// Support: times (or yes/no) the ticket was reopened.
        Reopens = "reopens",
        /// Email: recipients who opened at least once.
        UniqueOpens = "uniqueOpens",
        /// Email: recipients who clicked at least once.
        UniqueClicks = "uniqueClicks",
        /// Reviews: the star rating.
        Rating = "rating",
        Likes = "likes",
        Comments = "comments",
        Shares = "shares",
        Saves = "saves",
        Followers = "followers",
        Reach = "reach",
        /// Mentions and searches: which brand (ours or a competitor's) a row counts for.
        Brand = "brand",
        /// Brand mentions per row (aggregated exports).
        Mentions = "mentions",
        /// Brand searches per row (aggregated exports).
        Searches = "searches",
        /// Scans: device type.
        Device = "device",
        /// Scans: location.
        Location = "location",
        /// When a survey invitation was sent (each such row is an invitation).
        Invited = "invited",
    }
}

vocabulary! {
    /// How the values of a role are kept once ingested.
    pub enum ValueType {
        /// Interned identifier (u32 per row).
        Id = "id",
        /// Interned category label (u32 per row).
        Category = "category",
        /// Epoch seconds (i64 per row).
        Time = "time",
        /// Amount with separators / currency / percent (f64 per row).
        Amount = "amount",
        /// Whole number ≥ 0 (f64 per row).
        Count = "count",
        /// A survey answer, read by the survey module.
        Score = "score",
        /// Free text, kept as its sentiment score (VADER compound, −1 … 1) rather than the text.
        Sentiment = "sentiment",
        /// Not kept.
        None = "none",
    }
}

/// Other names accepted for a role in a mapping (compared without case and punctuation).
const ALIASES: &[(&str, Role)] = &[
    ("time", Role::Timestamp),
    ("date", Role::Timestamp),
    ("createdat", Role::Timestamp),
    ("created", Role::Timestamp),
    ("ignore", Role::Ignored),
    ("user", Role::UserId),
    ("customer", Role::UserId),
    ("customerid", Role::UserId),
    ("visitor", Role::UserId),
    ("account", Role::UserId),
    ("event", Role::EventName),
    ("session", Role::SessionId),
    ("order", Role::OrderId),
    ("ticket", Role::TicketId),
    ("revenue", Role::Amount),
    ("value", Role::Amount),
    ("resolved", Role::ResolvedAt),
    ("closedat", Role::ResolvedAt),
    ("firstresponse", Role::FirstResponseAt),
    ("qty", Role::Quantity),
];

impl Role {
    /// How values of this role are stored.
    pub fn value_type(self) -> ValueType {
        use Role::*;
        match self {
            Nps | Csat | Ces => ValueType::Score,
            Timestamp | ResolvedAt | FirstResponseAt | Invited => ValueType::Time,
            UserId | SessionId | OrderId | TicketId => ValueType::Id,
            Channel | Segment | EventName | Page | Product | Status | Agent | Priority
            | Campaign | Brand | Device | Location => ValueType::Category,
            Amount | Spend | HandleTime | Rating => ValueType::Amount,
            Quantity | Sent | Delivered | Opens | Clicks | Conversions | Unsubscribes | Bounces
            | Impressions | Contacts | FirstContactResolved | Reopens | UniqueOpens
            | UniqueClicks | Likes | Comments | Shares | Saves | Followers | Reach | Mentions
            | Searches => ValueType::Count,
            Text => ValueType::Sentiment,
            Id | Ignored => ValueType::None,
        }
    }

    /// True for roles that at most one column can have.
    pub fn is_unique(self) -> bool {
        !matches!(self, Role::Segment | Role::Id | Role::Text | Role::Ignored)
    }

    /// A role named in a mapping (`--column ROLE=HEADER`): its name or an alias, compared
    /// without case, spaces or punctuation.
    pub fn parse_mapping(s: &str) -> Option<Role> {
        let folded: String = s
            .trim()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        ALIASES
            .iter()
            .find(|(a, _)| *a == folded)
            .map(|(_, r)| *r)
            .or_else(|| {
                Role::ALL
                    .iter()
                    .copied()
                    .find(|r| r.name().to_ascii_lowercase() == folded)
            })
    }
}
