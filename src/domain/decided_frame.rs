//! The frames the city council (kommunfullmäktige) decided for one year: development and management, with the
//! decision's date and reference.
//!
//! Riktlinjen, "Prioritering och beslut" (Gemensamma tjänster och förändringsinsatser): the group's valuation and
//! prioritisation "ligger sedan till grund för underlag till budget som administreras via stadsledningskontoret.
//! Kommunfullmäktige fattar sedan beslut om de ekonomiska ramarna"; and "Kommunfullmäktige": "De yttersta ramarna
//! beslutas utifrån årligt budgetbeslut." The secretary records the decided frames here, one record per year.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Rule};
use super::{AuditValue, Audited, Entity, Id};
use crate::money::Money;
use crate::time::NaiveDate;

/// The council's decided frames for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecidedFrame {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    /// The budget year the frames are for; one record per year.
    pub year: i32,
    /// The frame for development (investment) that year.
    pub development: Money,
    /// The frame for management that year.
    pub management: Money,
    /// The day the council decided, written `YYYY-MM-DD`.
    #[serde(with = "crate::time::date")]
    #[schemars(with = "String")]
    pub decided_on: NaiveDate,
    /// The decision's reference as it is cited, e.g. `KF 2026-11-19 § 12, dnr 0123/26`.
    pub reference: String,
    #[serde(default)]
    pub notes: String,
}

/// The first and last year a frame may be recorded for.
pub const FRAME_YEARS: (i32, i32) = (*super::YEARS.start(), *super::YEARS.end());

impl DecidedFrame {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if !(FRAME_YEARS.0..=FRAME_YEARS.1).contains(&self.year) {
            problems.add("year", Rule::OutOfRange { min: FRAME_YEARS.0.into(), max: FRAME_YEARS.1.into() });
        }
        problems.amount("development", Some(self.development));
        problems.amount("management", Some(self.management));
        problems.text("reference", &self.reference, true, MAX_NAME);
        problems.text("notes", &self.notes, false, MAX_TEXT);
        problems
    }

    pub fn normalise(&mut self) {
        self.reference = self.reference.trim().to_string();
        self.notes = self.notes.trim().to_string();
    }
}

impl Audited for DecidedFrame {
    const ENTITY: Entity = Entity::DecidedFrame;

    audited_id!();

    fn label(&self) -> String {
        self.year.to_string()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("year", AuditValue::Text(self.year.to_string())),
            ("development", AuditValue::Text(self.development.to_string())),
            ("management", AuditValue::Text(self.management.to_string())),
            ("decided_on", AuditValue::date(self.decided_on)),
            ("reference", AuditValue::Text(self.reference.clone())),
            ("notes", AuditValue::Text(self.notes.clone())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> DecidedFrame {
        DecidedFrame {
            id: 0,
            year: 2027,
            development: Money::from_kronor(10_000_000),
            management: Money::from_kronor(4_000_000),
            decided_on: crate::time::day("2026-11-19"),
            reference: "KF 2026-11-19 § 12".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_decided_frame_needs_a_year_in_range_a_date_a_reference_and_amounts_within_limits() {
        assert!(frame().check().is_empty());
        let bad = DecidedFrame {
            year: 1999,
            development: Money::from_ore(-1),
            management: Money::from_ore(Money::LIMIT.ore() + 1),
            reference: "  ".into(),
            ..frame()
        };
        let problems = bad.check();
        let fields: Vec<&str> = problems.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["year", "development", "management", "reference"]);
        assert_eq!(problems.errors()[1].rule, Rule::Negative);
        assert_eq!(problems.errors()[2].rule, Rule::TooLarge);
        // A date typed another way is the form's problem of the field, beside the record's others.
        let mut typed = serde_json::to_value(&bad).unwrap();
        typed["decided_on"] = "19/11/2026".into();
        let form = crate::domain::FormRecord::<DecidedFrame>::read(typed).unwrap();
        let problems = form.problems(form.record.check());
        let fields: Vec<&str> = problems.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["decided_on", "year", "development", "management", "reference"]);
        assert_eq!(problems.errors()[0].rule, Rule::Format { expected: crate::domain::DATE_EXAMPLE.into() });
    }
}
