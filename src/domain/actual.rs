//! The actual outcome (utfall) of an initiative or an existing shared service in one year: what its development
//! and its management have cost so far, as the city's accounts show it. The follow-up against the frames
//! (`prioritisation::follow_up`) sets these against the council's frames and what is committed.
//!
//! Riktlinjen, "Finansiering": "Finansiering för stadens digitaliseringsarbete ska hanteras inom det ordinarie
//! budget- och uppföljningsarbetet." An outcome is recorded per item and year, one record each; a business-specific
//! initiative has none here, since its own board funds it ("Inom egen budget", the table in "Tjänster och
//! förändringsinsatser") and follows it up (the store refuses it).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{Problems, Rule};
use super::{AuditValue, Audited, Entity, FRAME_YEARS, Id, ItemRef, Referent};
use crate::money::Money;

/// What an initiative or a shared service cost in a year, development and management, recorded so far. Amounts
/// are never negative: a credit is entered as the lower outcome it leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActualOutcome {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    /// The initiative (on the shared track) or the shared service.
    pub item: ItemRef,
    /// The budget year; one record per item and year.
    pub year: i32,
    /// What development (investment) cost in the year so far.
    pub development: Money,
    /// What management cost in the year so far.
    pub management: Money,
}

impl ActualOutcome {
    /// The rules that need no other record: a year within the frames' years ([`FRAME_YEARS`], as a decided frame),
    /// amounts neither negative nor beyond [`Money::LIMIT`].
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if !(FRAME_YEARS.0..=FRAME_YEARS.1).contains(&self.year) {
            problems.add("year", Rule::OutOfRange { min: FRAME_YEARS.0.into(), max: FRAME_YEARS.1.into() });
        }
        problems.amount("development", Some(self.development));
        problems.amount("management", Some(self.management));
        problems
    }
}

impl Audited for ActualOutcome {
    const ENTITY: Entity = Entity::ActualOutcome;

    audited_id!();

    fn label(&self) -> String {
        format!("Utfall {}", self.year)
    }

    fn label_names(&self) -> Option<(Referent, Id)> {
        Some(match self.item {
            ItemRef::Initiative(id) => (Referent::Initiative, id),
            ItemRef::Service(id) => (Referent::Service, id),
        })
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("item", AuditValue::item(self.item)),
            ("year", AuditValue::Text(self.year.to_string())),
            ("development", AuditValue::Text(self.development.to_string())),
            ("management", AuditValue::Text(self.management.to_string())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome() -> ActualOutcome {
        ActualOutcome {
            id: 0,
            item: ItemRef::Initiative(4),
            year: 2026,
            development: Money::from_kronor(2_400_000),
            management: Money::from_kronor(380_000),
        }
    }

    #[test]
    fn an_outcome_needs_a_year_of_the_frames_and_amounts_neither_negative_nor_beyond_the_limit() {
        assert!(outcome().check().is_empty());
        assert!(ActualOutcome { development: Money::ZERO, management: Money::LIMIT, ..outcome() }.check().is_empty());
        for year in [1999, 2101, 99_999, -2026] {
            let problems = ActualOutcome { year, ..outcome() }.check();
            assert_eq!(problems.errors()[0].field, "year", "{year}");
            assert_eq!(problems.errors()[0].rule, Rule::OutOfRange { min: 2000, max: 2100 });
        }
        let bad = ActualOutcome {
            development: Money::from_ore(-1),
            management: Money::from_ore(Money::LIMIT.ore() + 1),
            ..outcome()
        };
        let problems = bad.check();
        let found: Vec<(&str, &Rule)> = problems.errors().iter().map(|e| (e.field.as_str(), &e.rule)).collect();
        assert_eq!(found, [("development", &Rule::Negative), ("management", &Rule::TooLarge)]);
    }

    #[test]
    fn the_history_names_the_year_and_the_item() {
        let outcome = outcome();
        assert_eq!(outcome.label(), "Utfall 2026");
        assert_eq!(outcome.label_names(), Some((Referent::Initiative, 4)));
        let service = ActualOutcome { item: ItemRef::Service(3), ..outcome };
        assert_eq!(service.label_names(), Some((Referent::Service, 3)));
    }
}
