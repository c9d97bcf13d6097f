//! The words people write in files: column headers by role (the dictionary schema inference
//! reads) and the common names of events. They often equal a name of the engine's vocabulary
//! ("clicks", "conversion"), but they are words found in files, not that vocabulary
//! (`src/vocab/`).

use crate::vocab::Role;

/// Header words (whole words) and prefixes that name each survey question.
pub const QUESTION_WORDS: &[(Role, &[&str], &[&str])] = &[
    (Role::Nps, &["nps"], &["recommend"]),
    (Role::Csat, &["csat"], &["satisf"]),
    (Role::Ces, &["ces", "easy", "ease"], &["effort"]),
];

/// Prefixes of header words that name a time ("datetime", "timestamp").
pub const TIME_PREFIXES: &[&str] = &["date", "time"];

/// Words of a header that holds scores or ratings.
pub const SCORE_WORDS: &[&str] = &["score", "rating", "rate", "likelihood", "likely"];

/// Words of a header that holds an identifier, and the suffix of one ("userid").
pub const IDENTIFIER_WORDS: &[&str] = &["id", "email", "uuid", "guid"];
pub const ID_SUFFIX: &str = "id";
/// An e-mail address identifies the person.
pub const EMAIL_WORDS: &[&str] = &["email"];

/// Words of a header that names the channel of the row.
pub const CHANNEL_WORDS: &[&str] = &[
    "channel",
    "source",
    "medium",
    "touchpoint",
    "platform",
    "network",
    // German, French, Spanish, Italian, Portuguese, Dutch.
    "kanal",
    "canal",
    "canale",
    "kanaal",
];

/// Words of a header that holds free text.
pub const TEXT_WORDS: &[&str] = &[
    "comment", "comments", "feedback", "text", "reason", "why", "note", "notes", "verbatim",
    "message", "name",
];

/// Words that make a header name a time.
pub const TIME_WORDS: [&str; 20] = [
    "date",
    "time",
    "timestamp",
    "created",
    "submitted",
    "responded",
    "at",
    "day",
    "when",
    "completed",
    "ts",
    // German, French, Spanish, Italian, Portuguese, Dutch.
    "datum",
    "zeit",
    "zeitpunkt",
    "heure",
    "fecha",
    "hora",
    "giorno",
    "tijd",
    "tijdstip",
];

/// Header words of the roles recognised by name, checked in this order (the first whose words
/// match and whose values fit wins). `all` words must all be present; `any` needs one of them.
pub struct NameRule {
    pub role: Role,
    pub any: &'static [&'static str],
    pub all: &'static [&'static str],
}

/// A survey column of these words with time values says when each invitation went out
/// ("invited_at", "invitation_sent").
pub const INVITATION_WORDS: &[&str] = &["invited", "invitation", "invitations", "invite"];

pub const ID_WORDS: &[&str] = &[
    "id", "key", "uuid", "guid", "number", "no", "num", "code", "ref",
];

pub const NAME_RULES: &[NameRule] = &[
    // Star ratings (not when the header names a survey metric: "CSAT rating").
    NameRule {
        role: Role::Rating,
        any: &["rating", "ratings", "stars", "star"],
        all: &[],
    },
    NameRule {
        role: Role::Followers,
        any: &["followers", "follower", "fans", "audience"],
        all: &[],
    },
    NameRule {
        role: Role::Likes,
        any: &[
            "likes",
            "like",
            "reactions",
            "hearts",
            "favorites",
            "favourites",
        ],
        all: &[],
    },
    NameRule {
        role: Role::Comments,
        any: &["comments"],
        all: &[],
    },
    NameRule {
        role: Role::Shares,
        any: &["shares", "retweets", "reposts", "shared"],
        all: &[],
    },
    NameRule {
        role: Role::Saves,
        any: &["saves", "saved", "bookmarks"],
        all: &[],
    },
    NameRule {
        role: Role::Reach,
        any: &["reach"],
        all: &[],
    },
    NameRule {
        role: Role::Mentions,
        any: &["mentions"],
        all: &[],
    },
    NameRule {
        role: Role::Searches,
        any: &["searches", "search"],
        all: &["volume"],
    },
    NameRule {
        role: Role::Searches,
        any: &["searches"],
        all: &[],
    },
    NameRule {
        role: Role::Brand,
        any: &["brand", "competitor", "company"],
        all: &[],
    },
    // "device_type", not "device_id" (a person).
    NameRule {
        role: Role::Device,
        any: &["device", "devicetype"],
        all: &["type"],
    },
    NameRule {
        role: Role::Device,
        any: &["devicetype"],
        all: &[],
    },
    NameRule {
        role: Role::Location,
        any: &["location", "geo", "geolocation"],
        all: &[],
    },
    // Support columns first: "first_contact_resolution" also holds words of ResolvedAt and UserId.
    NameRule {
        role: Role::FirstContactResolved,
        any: &["fcr", "onetouch"],
        all: &[],
    },
    NameRule {
        role: Role::FirstContactResolved,
        any: &["first"],
        all: &["contact"],
    },
    NameRule {
        role: Role::HandleTime,
        any: &["aht", "handle", "handling", "talk"],
        all: &[],
    },
    NameRule {
        role: Role::Reopens,
        any: &["reopens", "reopened", "reopen"],
        all: &[],
    },
    NameRule {
        role: Role::Contacts,
        any: &[
            "contacts",
            "replies",
            "touches",
            "interactions",
            "touchpoints",
        ],
        all: &[],
    },
    NameRule {
        role: Role::ResolvedAt,
        any: &["resolved", "closed", "solved", "resolution"],
        all: &[],
    },
    NameRule {
        role: Role::FirstResponseAt,
        any: &["first"],
        all: &["response"],
    },
    NameRule {
        role: Role::FirstResponseAt,
        any: &["first"],
        all: &["reply"],
    },
    NameRule {
        role: Role::FirstResponseAt,
        any: &["responded", "replied"],
        all: &[],
    },
    NameRule {
        role: Role::SessionId,
        any: &["session", "sessionid", "visit"],
        all: &[],
    },
    NameRule {
        role: Role::TicketId,
        any: &["ticket", "case", "conversation", "incident", "ticketid"],
        all: &[],
    },
    NameRule {
        role: Role::OrderId,
        any: &[
            // German, French, Spanish, Italian, Portuguese, Dutch.
            "bestellung",
            "bestellnummer",
            "auftrag",
            "rechnung",
            "commande",
            "facture",
            "pedido",
            "factura",
            "ordine",
            "fattura",
            "encomenda",
            "bestelling",
            "factuur",
            "order",
            "transaction",
            "invoice",
            "purchase",
            "orderid",
            "receipt",
        ],
        all: &[],
    },
    NameRule {
        role: Role::UserId,
        any: &[
            // German, French, Spanish, Italian, Portuguese, Dutch.
            "kunde",
            "kunden",
            "kundennummer",
            "kundenid",
            "nutzer",
            "benutzer",
            "utilisateur",
            "cliente",
            "clientes",
            "usuario",
            "utente",
            "utilizador",
            "klant",
            "klantnummer",
            "gebruiker",
            "klantid",
            "user",
            "customer",
            "client",
            "member",
            "visitor",
            "account",
            "person",
            "contact",
            "buyer",
            "userid",
            "customerid",
            "uid",
            "distinct",
            "anonymous",
            "shopper",
            "email",
            "subscriber",
            "player",
            "device",
        ],
        all: &[],
    },
    NameRule {
        role: Role::EventName,
        any: &[
            // German, French, Spanish, Italian, Portuguese, Dutch.
            "ereignis",
            "événement",
            "evenement",
            "evento",
            "gebeurtenis",
            "event",
            "action",
            "activity",
            "eventname",
            "eventtype",
        ],
        all: &[],
    },
    NameRule {
        role: Role::Page,
        any: &[
            "page", "url", "path", "screen", "route", "pathname", "uri", "pageview",
        ],
        all: &[],
    },
    NameRule {
        role: Role::UniqueOpens,
        any: &["opens", "opened", "open"],
        all: &["unique"],
    },
    NameRule {
        role: Role::UniqueClicks,
        any: &["clicks", "clicked", "click"],
        all: &["unique"],
    },
    NameRule {
        role: Role::Sent,
        any: &["sent", "recipients", "sends"],
        all: &[],
    },
    NameRule {
        role: Role::Delivered,
        any: &["delivered", "deliveries"],
        all: &[],
    },
    NameRule {
        role: Role::Opens,
        any: &["opens", "opened", "open"],
        all: &[],
    },
    NameRule {
        role: Role::Clicks,
        any: &["clicks", "clicked", "click"],
        all: &[],
    },
    NameRule {
        role: Role::Conversions,
        any: &["conversions", "converted", "conversion"],
        all: &[],
    },
    NameRule {
        role: Role::Unsubscribes,
        any: &[
            "unsubscribes",
            "unsubscribed",
            "unsubscribe",
            "unsubs",
            "optouts",
        ],
        all: &[],
    },
    NameRule {
        role: Role::Bounces,
        any: &["bounces", "bounced"],
        all: &[],
    },
    NameRule {
        role: Role::Impressions,
        any: &["impressions", "views", "impr"],
        all: &[],
    },
    NameRule {
        role: Role::Spend,
        any: &["spend", "cost", "budget", "spent"],
        all: &[],
    },
    NameRule {
        role: Role::Campaign,
        any: &["campaign", "newsletter", "mailing", "blast", "adset"],
        all: &[],
    },
    NameRule {
        role: Role::Amount,
        any: &[
            // German, French, Spanish, Italian, Portuguese, Dutch.
            "betrag", "umsatz", "preis", "gesamt", "montant", "prix", "importe", "precio", "monto",
            "importo", "prezzo", "valor", "preco", "preço", "bedrag", "prijs", "totaal", "amount",
            "revenue", "total", "price", "sales", "paid", "payment", "subtotal", "gmv", "value",
            "spent", "sum",
        ],
        all: &[],
    },
    NameRule {
        role: Role::Quantity,
        any: &[
            // German, French, Spanish, Italian, Portuguese, Dutch.
            "menge",
            "anzahl",
            "quantité",
            "quantite",
            "cantidad",
            "quantità",
            "quantita",
            "quantidade",
            "aantal",
            "quantity",
            "qty",
            "units",
            "items",
        ],
        all: &[],
    },
    NameRule {
        role: Role::Product,
        any: &[
            // German, French, Spanish, Italian, Portuguese, Dutch.
            "produkt", "artikel", "produit", "producto", "prodotto", "produto", "product", "sku",
            "item", "plan", "category",
        ],
        all: &[],
    },
    NameRule {
        role: Role::Status,
        any: &["status", "state", "outcome"],
        all: &[],
    },
    NameRule {
        role: Role::Agent,
        any: &["agent", "assignee", "owner", "rep", "handler"],
        all: &[],
    },
    NameRule {
        role: Role::Priority,
        any: &["priority", "severity", "urgency"],
        all: &[],
    },
];

/// Event names that mean a page or screen view.
pub const PAGE_VIEW_EVENTS: &[&str] =
    &["page_view", "pageview", "$pageview", "screen_view", "page"];
/// Event names that mean a sign-up.
pub const SIGNUP_EVENTS: &[&str] = &["signup", "sign_up", "register"];
/// Event names that mean activation.
pub const ACTIVATION_EVENTS: &[&str] = &["activate", "activated", "activation"];
/// Event names taken as the conversion when none is given, in this order.
pub const CONVERSION_EVENTS: &[&str] = &[
    "purchase",
    "conversion",
    "order_completed",
    "checkout_completed",
];
