//! Dataset kinds, and detecting a file's kind from the roles its columns were given.

use crate::vocab::{Kind, Role};

/// One kind's requirements: every group must be met by at least one of its roles.
struct Requirement {
    kind: Kind,
    groups: &'static [&'static [Role]],
}

/// Checked in this order: the first kind whose requirements hold is the detected one, so the
/// more specific kinds come first (a ticket export may carry a CSAT column, an event log an
/// amount).
const REQUIREMENTS: [Requirement; 9] = [
    Requirement {
        kind: Kind::Social,
        groups: &[&[Role::Likes, Role::Comments, Role::Shares, Role::Saves]],
    },
    Requirement {
        kind: Kind::Tickets,
        groups: &[
            &[Role::TicketId, Role::ResolvedAt, Role::FirstResponseAt],
            &[Role::Timestamp],
        ],
    },
    Requirement {
        kind: Kind::Campaigns,
        groups: &[
            &[Role::Campaign],
            &[
                Role::Sent,
                Role::Delivered,
                Role::Opens,
                Role::Clicks,
                Role::Impressions,
            ],
        ],
    },
    Requirement {
        kind: Kind::Events,
        groups: &[
            &[Role::UserId],
            &[Role::Timestamp],
            &[Role::EventName, Role::Page],
        ],
    },
    Requirement {
        kind: Kind::Transactions,
        groups: &[&[Role::UserId], &[Role::Timestamp], &[Role::Amount]],
    },
    Requirement {
        kind: Kind::Reviews,
        groups: &[&[Role::Rating]],
    },
    Requirement {
        kind: Kind::Survey,
        groups: &[&[Role::Nps, Role::Csat, Role::Ces]],
    },
    Requirement {
        kind: Kind::Scans,
        groups: &[&[Role::Device, Role::Location], &[Role::Timestamp]],
    },
    Requirement {
        kind: Kind::Mentions,
        groups: &[
            &[Role::Text, Role::Brand, Role::Mentions, Role::Searches],
            &[Role::Timestamp],
        ],
    },
];

impl Kind {
    /// The roles this kind cannot do without, as text for error messages.
    pub fn requirement_text(self) -> String {
        self.requirements()
            .iter()
            .map(|g| g.iter().map(|x| x.name()).collect::<Vec<_>>().join(" or "))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// The roles this kind cannot do without: every group needs a column in one of its roles.
    pub fn requirements(self) -> &'static [&'static [Role]] {
        REQUIREMENTS
            .iter()
            .find(|r| r.kind == self)
            .map_or(&[], |r| r.groups)
    }

    /// True when the roles present meet this kind's requirements.
    pub fn satisfied_by(self, roles: &[Role]) -> bool {
        let groups = self.requirements();
        !groups.is_empty() && groups.iter().all(|g| g.iter().any(|x| roles.contains(x)))
    }
}

/// Values each row of a kind needs to be kept (groups: one of the roles in each).
pub fn row_requirements(kind: Kind) -> &'static [&'static [Role]] {
    match kind {
        Kind::Events => &[
            &[Role::UserId],
            &[Role::Timestamp],
            &[Role::EventName, Role::Page],
        ],
        Kind::Transactions => &[&[Role::UserId], &[Role::Timestamp], &[Role::Amount]],
        Kind::Tickets => &[&[Role::Timestamp]],
        Kind::Campaigns => &[&[Role::Campaign]],
        Kind::Social => &[],
        Kind::Reviews => &[],
        Kind::Mentions => &[],
        Kind::Scans => &[&[Role::Timestamp]],
        Kind::Survey => &[],
    }
}

/// The kind a file is, from its column roles, with the reason; `None` if no kind fits.
pub fn detect(roles: &[Role]) -> Option<(Kind, String)> {
    let req = REQUIREMENTS.iter().find(|r| r.kind.satisfied_by(roles))?;
    let found: Vec<String> = req
        .groups
        .iter()
        .filter_map(|g| {
            g.iter()
                .find(|x| roles.contains(x))
                .map(|x| x.label_in_text())
        })
        .collect();
    Some((req.kind, format!("has {}", found.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    #[test]
    fn kinds_from_roles() {
        assert_eq!(
            detect(&[UserId, Timestamp, EventName, Page]).unwrap().0,
            Kind::Events
        );
        assert_eq!(
            detect(&[UserId, Timestamp, Amount, OrderId]).unwrap().0,
            Kind::Transactions
        );
        assert_eq!(
            detect(&[UserId, Timestamp, EventName, Amount]).unwrap().0,
            Kind::Events
        );
        assert_eq!(
            detect(&[TicketId, Timestamp, Csat]).unwrap().0,
            Kind::Tickets
        );
        assert_eq!(detect(&[Campaign, Sent, Opens]).unwrap().0, Kind::Campaigns);
        assert_eq!(detect(&[Nps, Timestamp, UserId]).unwrap().0, Kind::Survey);
        assert_eq!(detect(&[Timestamp, Segment]), None);
        assert_eq!(
            detect(&[Timestamp, Likes, Followers, Channel]).unwrap().0,
            Kind::Social
        );
        assert_eq!(detect(&[Timestamp, Rating, Text]).unwrap().0, Kind::Reviews);
        assert_eq!(
            detect(&[Timestamp, Text, Channel]).unwrap().0,
            Kind::Mentions
        );
        assert_eq!(
            detect(&[Timestamp, Brand, Searches]).unwrap().0,
            Kind::Mentions
        );
        assert_eq!(
            detect(&[Timestamp, Device, Location]).unwrap().0,
            Kind::Scans
        );
        // A survey with comments stays a survey.
        assert_eq!(detect(&[Timestamp, Nps, Text]).unwrap().0, Kind::Survey);
    }
}
