//! The vocabulary of the engine: every closed set of names that crosses the boundary (kinds,
//! roles, codes, metric ids, variants, units, interval methods, periods…) is one Rust enum
//! here. Its serialised name is written once, next to the variant; JSON, the generated
//! TypeScript unions, the metric catalogue, option parsing and error messages all read it.
//!
//! This module sits at the bottom of the layers: it imports nothing from the crate.

mod calculator;
mod codes;
mod kind;
mod labels;
mod metric;
mod role;
mod stats;

pub use calculator::{Calculator, CalculatorGroup, Formula};
pub use codes::{ErrorCode, RejectionCode, WarningCode};
pub use kind::Kind;
pub use metric::{Metric, Unit, Variant};
pub use role::{Role, ValueType};
pub use stats::{Baseline, Correction, Direction, IntervalMethod, TestName};

/// Declares a vocabulary enum: each variant with the one name it has in JSON, TypeScript and
/// options. Generates `ALL`, `name()`, `parse()`, `names()` (for error messages), `Display`,
/// serde (an unknown name is an error that lists the valid ones) and the TypeScript union.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The name used in JSON, TypeScript and options.
            pub const fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The Rust name of the variant (`UserId`): the generated JavaScript constants'
            /// keys.
            pub const fn ident(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                }
            }

            /// The value with exactly this name.
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.name() == s)
            }

            /// Every name, comma-separated, for messages that list the valid values.
            pub fn names() -> String {
                Self::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.name() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's name of every value is the one `name()` gives, and `parse` reads it back.
    fn round_trips<T>(all: &[T], name: fn(&T) -> &'static str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for v in all {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{}\"", name(v)));
            assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v);
        }
        let mut names: Vec<_> = all.iter().map(name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "a name is used twice");
    }

    #[test]
    fn every_name_round_trips() {
        round_trips(Kind::ALL, |v| v.name());
        round_trips(Role::ALL, |v| v.name());
        round_trips(ValueType::ALL, |v| v.name());
        round_trips(ErrorCode::ALL, |v| v.name());
        round_trips(WarningCode::ALL, |v| v.name());
        round_trips(RejectionCode::ALL, |v| v.name());
        round_trips(Metric::ALL, |v| v.name());
        round_trips(Variant::ALL, |v| v.name());
        round_trips(Unit::ALL, |v| v.name());
        round_trips(IntervalMethod::ALL, |v| v.name());
        round_trips(TestName::ALL, |v| v.name());
        round_trips(Correction::ALL, |v| v.name());
        round_trips(Baseline::ALL, |v| v.name());
        round_trips(Direction::ALL, |v| v.name());
        round_trips(Formula::ALL, |v| v.name());
        round_trips(CalculatorGroup::ALL, |v| v.name());
    }

    #[test]
    fn an_unknown_name_lists_the_valid_ones() {
        let e = serde_json::from_str::<Kind>("\"tweets\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("tweets") && e.contains("survey") && e.contains("scans"),
            "{e}"
        );
        assert_eq!(Kind::parse("events"), Some(Kind::Events));
        assert_eq!(Kind::parse("Events"), None);
        assert!(Kind::names().starts_with("survey, events, transactions"));
    }
}
