use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AuditValue, Audited, Entity, FundingModel, Id, InitiativeKind, InitiativeState, Law, Orientation, Referent,
    ReuseOutcome, RiskLevel, Security, Track, optional_key,
};
use crate::money::Money;
use crate::time::NaiveDate;

/// What a case number looks like: office prefix, year, serial number.
pub const CASE_NUMBER_EXAMPLE: &str = "SLK-2026-00123";

/// The longest case number [`is_case_number`] accepts: ten letters, the year, six digits and two dashes.
pub const MAX_CASE_NUMBER: usize = 10 + 1 + 4 + 1 + 6;

/// The years of cost the forms and the templates offer: the coming year and the three after it, the city's budget
/// plan. The city's practice, not the guideline's, and only what is offered: a record may hold up to
/// fifteen years.
pub const PLANNING_PERIOD_YEARS: i32 = 4;

/// First and last year a planning period may cover.
const YEARS: std::ops::RangeInclusive<i32> = super::YEARS;
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

/// The longest list of risks an initiative's material holds: a short list, as the guideline's material asks for.
pub const MAX_RISKS: usize = 30;

/// One risk of the material's risk and security assessment (riktlinjen, "Gemensamma tjänster och
/// förändringsinsatser" and "Verksamhetsspecifika system, tjänster och förändringsinsatser": "risk- och säkerhetsbedömning").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// What could happen.
    pub risk: String,
    pub likelihood: RiskLevel,
    pub consequence: RiskLevel,
    /// What is done about it.
    #[serde(default)]
    pub action: String,
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
    /// An explicit "no specific legal requirement" (inget särskilt lagkrav), instead of `laws`: the material shows
    /// that the requirements of laws are met, also when none applies (format version 12).
    #[serde(default)]
    pub no_legal_requirement: bool,
    /// The risk and security assessment as a short list of risks (format version 12).
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// The risk and security assessment in words, with or instead of the list (format version 12).
    #[serde(default)]
    pub risk_assessment: String,
    #[serde(default)]
    pub security: Security,
    pub funding_model: Option<FundingModel>,
    #[serde(default)]
    pub long_term_plan: String,
    pub orientation: Option<Orientation>,
    /// The förvaltningsplan: how the solution is managed once in operation, needed to move to "Förvalta och följa
    /// upp" (format version 12).
    #[serde(default)]
    pub management_plan: String,
    /// When the benefits realisation plan was approved (fastställd), written YYYY-MM-DD; none (empty) while it is
    /// not (format version 12).
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub benefits_plan_approved_date: Option<NaiveDate>,
    /// Who approved the benefits realisation plan (the owning board, or whom it delegated to) (format version 12).
    #[serde(default)]
    pub benefits_plan_approved_by: String,
    /// Särskilt följd: picked by the city executive office, with the group, for special follow-up.
    #[serde(default)]
    pub specially_followed: bool,
    /// Who carries out the initiative when it is not the provider itself: an external executor hired for it
    /// (riktlinjen, "Realisera och följa upp nytta och effekter": "val av leverantör … vilket kan innebära att en
    /// extern utförare anlitas"); empty when the provider does (format version 17).
    #[serde(default)]
    pub executor: String,
    /// The customers' own change of how they work that the initiative needs ("Det är kunden som ansvarar för att
    /// implementera verksamhetsförändringen, till exempel nya arbetssätt", same section); needed to implement
    /// (format version 17).
    #[serde(default)]
    pub business_change: String,
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
    /// Whether the benefits realisation plan is approved: a date and who approved it (riktlinjen, "Realisera och
    /// följa upp nytta och effekter": benefits are followed up against an approved plan).
    pub fn benefits_plan_approved(&self) -> bool {
        self.benefits_plan_approved_date.is_some() && !self.benefits_plan_approved_by.trim().is_empty()
    }

    /// Whether the material shows the legal requirements: the laws that apply, or an explicit "no specific legal
    /// requirement" (riktlinjen: "uppfyllande av lag- och säkerhetskrav framgå").
    pub fn legal_basis_stated(&self) -> bool {
        !self.laws.is_empty() || self.no_legal_requirement
    }

    /// Whether the material holds a risk and security assessment: a list of risks or a written assessment
    /// (riktlinjen: "risk- och säkerhetsbedömning").
    pub fn risks_assessed(&self) -> bool {
        !self.risks.is_empty() || !self.risk_assessment.trim().is_empty()
    }

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
            ("risk_assessment", &self.risk_assessment),
            ("management_plan", &self.management_plan),
            ("business_change", &self.business_change),
        ] {
            problems.text(field, text, false, MAX_TEXT);
        }
        problems.text("executor", &self.executor, false, MAX_NAME);
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
        // Riktlinjen, "uppfyllande av lag- och säkerhetskrav framgå": the laws that apply, or explicitly none; not
        // both, which would contradict itself.
        if self.no_legal_requirement && !self.laws.is_empty() {
            problems.add("no_legal_requirement", Rule::NotAllowed { reason: Reason::LawsOrNoLegalRequirement });
        }
        if self.risks.len() > MAX_RISKS {
            problems.add("risks", Rule::OutOfRange { min: 0, max: MAX_RISKS as i64 });
        }
        for (i, risk) in self.risks.iter().enumerate() {
            problems.text(&format!("risks[{i}].risk"), &risk.risk, true, MAX_NAME);
            problems.text(&format!("risks[{i}].action"), &risk.action, false, MAX_TEXT);
        }
        problems.text("benefits_plan_approved_by", &self.benefits_plan_approved_by, false, MAX_NAME);
        // An approval is a date and who approved: one without the other is not an approval.
        match (self.benefits_plan_approved_date.is_none(), self.benefits_plan_approved_by.trim().is_empty()) {
            (false, true) => problems.add("benefits_plan_approved_by", Rule::Required),
            (true, false) => problems.add("benefits_plan_approved_date", Rule::Required),
            _ => {}
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
        self.benefits_plan_approved_by = self.benefits_plan_approved_by.trim().to_string();
        for risk in &mut self.risks {
            risk.risk = risk.risk.trim().to_string();
        }
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

/// The risks as one line each, "risk; sannolikhet; konsekvens; åtgärd", with the scale's keys.
pub fn describe_risks(risks: &[Risk]) -> String {
    risks
        .iter()
        .map(|r| format!("{}; {}; {}; {}", r.risk, r.likelihood.key(), r.consequence.key(), r.action))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn describe_costs(costs: &[YearCost]) -> String {
    costs.iter().map(|c| format!("{}: {} / {}", c.year, c.development, c.management)).collect::<Vec<_>>().join("; ")
}

impl Audited for Initiative {
    const ENTITY: Entity = Entity::Initiative;

    audited_id!();

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
            ("no_legal_requirement", AuditValue::text(if self.no_legal_requirement { "true" } else { "false" })),
            ("risks", AuditValue::text(describe_risks(&self.risks))),
            ("risk_assessment", AuditValue::text(&self.risk_assessment)),
            ("security", AuditValue::text(self.security.describe())),
            ("funding_model", optional_key(self.funding_model, FundingModel::key)),
            ("long_term_plan", AuditValue::text(&self.long_term_plan)),
            ("orientation", optional_key(self.orientation, Orientation::key)),
            ("management_plan", AuditValue::text(&self.management_plan)),
            ("executor", AuditValue::text(&self.executor)),
            ("business_change", AuditValue::text(&self.business_change)),
            ("benefits_plan_approved_date", AuditValue::date(self.benefits_plan_approved_date)),
            ("benefits_plan_approved_by", AuditValue::text(&self.benefits_plan_approved_by)),
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
        // The longest one the rule accepts is MAX_CASE_NUMBER characters (the forms' limit); one more is refused.
        let longest = "ABCDEFGHIJ-2026-123456";
        assert!(is_case_number(longest) && longest.chars().count() == MAX_CASE_NUMBER);
        assert!(!is_case_number("ABCDEFGHIJK-2026-123456") && !is_case_number("ABCDEFGHIJ-2026-1234567"));
    }
}
