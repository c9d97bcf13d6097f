use super::vocabulary;

vocabulary! {
    /// What one row of a file is; every report and schema says which.
    #[non_exhaustive]
    pub enum Kind {
        /// A survey response (NPS / CSAT / CES answers).
        Survey = "survey",
        /// A product or website event (user, time, event name, page…).
        Events = "events",
        /// An order or payment (customer, time, amount).
        Transactions = "transactions",
        /// A support ticket (created, first response, resolved…).
        Tickets = "tickets",
        /// An email or ad campaign with its counts (sent, opens, clicks…).
        Campaigns = "campaigns",
        /// A social media post with its interactions (likes, comments, shares…).
        Social = "social",
        /// A review with its star rating (and text).
        Reviews = "reviews",
        /// A brand mention (text, source) or a count of mentions / searches per brand.
        Mentions = "mentions",
        /// A scan of a QR code or digital business card (time, device, location).
        Scans = "scans",
    }
}
