use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AuditValue, Audited, Entity, FundingModel, Id, InitiativeKind, InitiativeState, Law, Orientation, Referent,
    ReuseOutcome, Security, Track, optional_key,
};
use crate::money::Money;

/// What a case number looks like: office prefix, year, serial number.
pub const CASE_NUMBER_EXAMPLE: &str = "SLK-2026-00123";

/// First and last year a planning period may cover.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// Longest planning period, in years.
const MAX_PERIOD: usize = 15;

/// Development (investment) and management cost of one year of the planning period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearCost {
    pub year: i32,
    /// Utvecklingskostnad (investment), öre.
    pub development: Money,
    /// Förvaltningskostnad, öre.
    pub management: Money,
}

/// A change initiative (förändringsinsats), new shared service or pre-study, as it is prepared, valued and
/// followed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    /// Diarienummer, e.g. `SLK-2026-00123`; unique in the portfolio.
    pub case_number: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub track: Track,
    pub kind: InitiativeKind,
    /// The organisation that owns the initiative (its board decides on the business side). Required.
    pub owner_id: Option<Id>,
    /// The provider that prepares a shared initiative.
    pub provider_id: Option<Id>,
    /// The customers the initiative affects, ordered by id.
    #[serde(default)]
    pub customer_ids: Vec<Id>,
    pub state: InitiativeState,
    /// One entry per year of the planning period, ascending and without gaps.
    #[serde(default)]
    pub costs: Vec<YearCost>,
    #[serde(default)]
    pub benefit_summary: String,
    /// Which existing city solution was checked for reuse.
    #[serde(default)]
    pub reuse_solution: String,
    pub reuse_outcome: ReuseOutcome,
    /// The guideline's laws that apply, in the guideline's order.
    #[serde(default)]
    pub laws: Vec<Law>,
    /// Other legal and security requirements, in words.
    #[serde(default)]
    pub legal_notes: String,
    #[serde(default)]
    pub security: Security,
    pub funding_model: Option<FundingModel>,
    #[serde(default)]
    pub long_term_plan: String,
    pub orientation: Option<Orientation>,
    /// Särskilt följd: picked by the city executive office, with the group, for special follow-up.
    #[serde(default)]
    pub specially_followed: bool,
}

/// Whether `text` is a case number like `SLK-2026-00123`: 2–10 capital letters, a year, a serial of 3–6 digits.
pub fn is_case_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [prefix, year, serial] = parts.as_slice() else {
        return false;
    };
    let letters = prefix.chars().count();
    (2..=10).contains(&letters)
        && prefix.chars().all(|c| c.is_ascii_uppercase() || "ÅÄÖ".contains(c))
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && (3..=6).contains(&serial.len())
        && serial.chars().all(|c| c.is_ascii_digit())
}

impl Initiative {
    /// Total development and management cost over the planning period.
    pub fn total_cost(&self) -> (Money, Money) {
        self.costs.iter().fold((Money::ZERO, Money::ZERO), |(d, m), c| {
            (
                Money::from_ore(d.ore().saturating_add(c.development.ore())),
                Money::from_ore(m.ore().saturating_add(c.management.ore())),
            )
        })
    }

    /// First and last year of the planning period.
    pub fn period(&self) -> Option<(i32, i32)> {
        Some((self.costs.first()?.year, self.costs.last()?.year))
    }

    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if self.case_number.trim().is_empty() {
            problems.add("case_number", Rule::Required);
        } else if !is_case_number(&self.case_number) {
            problems.add("case_number", Rule::Format { expected: CASE_NUMBER_EXAMPLE.into() });
        }
        problems.text("title", &self.title, true, MAX_NAME);
        problems.text("description", &self.description, false, MAX_TEXT);
        if self.owner_id.is_none() {
            problems.add("owner_id", Rule::Required);
        }
        if !self.state.belongs_to(self.track) {
            problems.add("state", Rule::NotAllowed { reason: Reason::NotOnTrack { track: self.track } });
        }
        for (i, id) in self.customer_ids.iter().enumerate() {
            if self.customer_ids[..i].contains(id) {
                problems.add(format!("customer_ids[{i}]"), Rule::Repeated);
            }
        }
        check_year_costs(&self.costs, &mut problems);
        for (field, text) in [
            ("benefit_summary", &self.benefit_summary),
            ("legal_notes", &self.legal_notes),
            ("long_term_plan", &self.long_term_plan),
        ] {
            problems.text(field, text, false, MAX_TEXT);
        }
        problems.text("reuse_solution", &self.reuse_solution, false, MAX_NAME);
        let names_a_solution = matches!(self.reuse_outcome, ReuseOutcome::Reusable | ReuseOutcome::PartlyReusable);
        if names_a_solution && self.reuse_solution.trim().is_empty() {
            problems.add("reuse_solution", Rule::Required);
        }
        for (i, law) in self.laws.iter().enumerate() {
            if self.laws[..i].contains(law) {
                problems.add(format!("laws[{i}]"), Rule::Repeated);
            }
        }
        self.security.check(&mut problems);
        match (self.track, self.funding_model) {
            (track, Some(model)) if !track.allowed_funding().contains(&model) => {
                let reason = match track {
                    Track::BusinessSpecific => Reason::BusinessSpecificUsesOwnBudget,
                    Track::Shared => Reason::SharedNeedsSharedFunding,
                };
                problems.add("funding_model", Rule::NotAllowed { reason })
            }
            _ => {}
        }
        problems
    }

    /// Puts lists in their canonical order and trims what people type, so that equal content is stored equally.
    pub fn normalise(&mut self) {
        self.case_number = self.case_number.trim().to_uppercase();
        self.title = self.title.trim().to_string();
        self.reuse_solution = self.reuse_solution.trim().to_string();
        self.customer_ids.sort_unstable();
        self.laws.sort_unstable();
        self.costs.sort_by_key(|c| c.year);
    }
}

/// The checks of costs per year, for an initiative's and a service's: years in range and following each other,
/// amounts within [`Money::LIMIT`].
pub(super) fn check_year_costs(costs: &[YearCost], problems: &mut Problems) {
    if costs.len() > MAX_PERIOD {
        problems.add("costs", Rule::OutOfRange { min: 0, max: MAX_PERIOD as i64 });
    }
    for (i, cost) in costs.iter().enumerate() {
        if !YEARS.contains(&cost.year) {
            problems.add(
                format!("costs[{i}].year"),
                Rule::OutOfRange { min: (*YEARS.start()).into(), max: (*YEARS.end()).into() },
            );
        } else if i > 0 && cost.year != costs[i - 1].year + 1 {
            problems.add(format!("costs[{i}].year"), Rule::NotAllowed { reason: Reason::YearsMustFollowEachOther });
        }
        problems.amount(format!("costs[{i}].development"), Some(cost.development));
        problems.amount(format!("costs[{i}].management"), Some(cost.management));
    }
}

pub(super) fn describe_costs(costs: &[YearCost]) -> String {
    costs.iter().map(|c| format!("{}: {} / {}", c.year, c.development, c.management)).collect::<Vec<_>>().join("; ")
}

impl Audited for Initiative {
    const ENTITY: Entity = Entity::Initiative;

    fn id(&self) -> Id {
        self.id
    }

    fn label(&self) -> String {
        format!("{} {}", self.case_number, self.title)
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("case_number", AuditValue::text(&self.case_number)),
            ("title", AuditValue::text(&self.title)),
            ("description", AuditValue::text(&self.description)),
            ("track", AuditValue::text(self.track.key())),
            ("kind", AuditValue::text(self.kind.key())),
            ("owner_id", AuditValue::Reference(Referent::Organisation, self.owner_id)),
            ("provider_id", AuditValue::Reference(Referent::Provider, self.provider_id)),
            ("customer_ids", AuditValue::References(Referent::Organisation, self.customer_ids.clone())),
            ("state", AuditValue::text(self.state.key())),
            ("costs", AuditValue::text(describe_costs(&self.costs))),
            ("benefit_summary", AuditValue::text(&self.benefit_summary)),
            ("reuse_solution", AuditValue::text(&self.reuse_solution)),
            ("reuse_outcome", AuditValue::text(self.reuse_outcome.key())),
            ("laws", AuditValue::text(self.laws.iter().map(|l| l.key()).collect::<Vec<_>>().join(", "))),
            ("legal_notes", AuditValue::text(&self.legal_notes)),
            ("security", AuditValue::text(self.security.describe())),
            ("funding_model", optional_key(self.funding_model, FundingModel::key)),
            ("long_term_plan", AuditValue::text(&self.long_term_plan)),
            ("orientation", optional_key(self.orientation, Orientation::key)),
            ("specially_followed", AuditValue::text(if self.specially_followed { "true" } else { "false" })),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers() {
        for ok in ["SLK-2026-00123", "IS-2025-001", "DMS-2027-123456", "ÅÄÖX-2026-12345"] {
            assert!(is_case_number(ok), "{ok}");
        }
        for bad in
            ["", "slk-2026-00123", "SLK-26-00123", "SLK-2026-12", "SLK 2026 00123", "S-2026-00123", "SLK-2026-0012a"]
        {
            assert!(!is_case_number(bad), "{bad}");
        }
    }
}
