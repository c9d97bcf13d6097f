//! Plain-language labels of kinds and roles, for people: the page's menus and the CLI show
//! these, never the names. The matches are exhaustive: a new kind or role needs its label.

use super::{Kind, Role};

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
}
