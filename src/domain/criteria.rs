//! Criteria sets: the shared criteria the group values initiatives and existing shared services against, for one
//! planning period (guideline, "Kommunstyrelsen": the group "ska värdera och prioritera befintliga och nya
//! förändringsinsatser och gemensamma tjänster").

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_by_name;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    Aggregation, AuditValue, Audited, Direction, Entity, GateKind, Id, ItemRef, PairwiseMethod, Referent, Weighting,
};
/// Most criteria in a set.
pub const MAX_CRITERIA: usize = 30;

/// The highest level a criterion's scale may reach (scales run from `scale_min` to at most this).
pub const MAX_SCORE_LEVEL: u8 = 10;

/// One scored criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Assigned by the portfolio; 0 for a new criterion.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// One of the set's categories, or empty.
    #[serde(default)]
    pub category: String,
    pub scale_min: u8,
    pub scale_max: u8,
    /// The written meaning of every level from `scale_min` to `scale_max`, so that not everything is rated high.
    pub anchors: Vec<String>,
    pub direction: Direction,
    /// The weight when weights are entered directly; any non-negative number (the set normalises them to 1).
    pub weight: f64,
    /// This criterion measures risk (the size of the bubbles in the value–cost chart).
    #[serde(default)]
    pub is_risk: bool,
}

/// A pass/fail requirement shown with every ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// Assigned by the portfolio; 0 for a new gate.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub kind: GateKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSet {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    /// First and last year of the planning period.
    pub period_start: i32,
    pub period_end: i32,
    pub aggregation: Aggregation,
    pub weighting: Weighting,
    pub pairwise_method: PairwiseMethod,
    #[serde(default)]
    pub categories: Vec<String>,
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub gates: Vec<Gate>,
    /// The initiatives valued with this set, by id.
    #[serde(default)]
    pub initiative_ids: Vec<Id>,
    /// The existing shared services valued with this set, by id.
    #[serde(default)]
    pub service_ids: Vec<Id>,
    /// Read-only once decisions have been recorded with it; copy it to a new period instead.
    #[serde(default)]
    pub locked: bool,
}

impl CriteriaSet {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        for (field, year) in [("period_start", self.period_start), ("period_end", self.period_end)] {
            if !(2000..=2100).contains(&year) {
                problems.add(field, Rule::OutOfRange { min: 2000, max: 2100 });
            }
        }
        if self.period_end < self.period_start {
            problems.add("period_end", Rule::NotAllowed { reason: Reason::PeriodEndsBeforeItStarts });
        }
        for (i, category) in self.categories.iter().enumerate() {
            problems.text(&format!("categories[{i}]"), category, true, MAX_NAME);
            if self.categories[..i].iter().any(|c| c.eq_ignore_ascii_case(category)) {
                problems.add(format!("categories[{i}]"), Rule::Repeated);
            }
        }
        if self.criteria.is_empty() {
            problems.add("criteria", Rule::Required);
        }
        if self.criteria.len() > MAX_CRITERIA {
            problems.add("criteria", Rule::OutOfRange { min: 1, max: MAX_CRITERIA as i64 });
        }
        for (i, c) in self.criteria.iter().enumerate() {
            let at = |field: &str| format!("criteria[{i}].{field}");
            problems.text(&at("name"), &c.name, true, MAX_NAME);
            if self.criteria[..i].iter().any(|o| o.name.trim().eq_ignore_ascii_case(c.name.trim())) {
                problems.add(at("name"), Rule::Duplicate);
            }
            problems.text(&at("description"), &c.description, false, MAX_TEXT);
            if !c.category.is_empty() && !self.categories.contains(&c.category) {
                problems.add(at("category"), Rule::UnknownReference);
            }
            if c.scale_max > MAX_SCORE_LEVEL || c.scale_min >= c.scale_max {
                problems.add(
                    at("scale_max"),
                    Rule::OutOfRange { min: i64::from(c.scale_min) + 1, max: MAX_SCORE_LEVEL.into() },
                );
            } else if c.anchors.len() != usize::from(c.scale_max - c.scale_min) + 1 {
                problems.add(at("anchors"), Rule::NotAllowed { reason: Reason::OneAnchorPerLevel });
            }
            for (level, anchor) in c.anchors.iter().enumerate() {
                problems.text(&format!("criteria[{i}].anchors[{level}]"), anchor, true, MAX_TEXT);
            }
            if !(c.weight.is_finite() && c.weight >= 0.0) {
                problems.add(at("weight"), Rule::Negative);
            }
        }
        if self.criteria.iter().filter(|c| c.is_risk).count() > 1 {
            problems.add("criteria", Rule::NotAllowed { reason: Reason::OneRiskCriterion });
        }
        if self.weighting == Weighting::Direct && self.criteria.iter().all(|c| c.weight <= 0.0) {
            problems.add("criteria", Rule::NotAllowed { reason: Reason::WeightsSumToZero });
        }
        for (i, gate) in self.gates.iter().enumerate() {
            problems.text(&format!("gates[{i}].name"), &gate.name, true, MAX_NAME);
            problems.text(&format!("gates[{i}].description"), &gate.description, false, MAX_TEXT);
        }
        for (field, ids) in [("initiative_ids", &self.initiative_ids), ("service_ids", &self.service_ids)] {
            for (i, id) in ids.iter().enumerate() {
                if ids[..i].contains(id) {
                    problems.add(format!("{field}[{i}]"), Rule::Repeated);
                }
            }
        }
        problems
    }

    /// What the set values: its initiatives, then its services, each in id order once normalised.
    pub fn items(&self) -> Vec<ItemRef> {
        let initiatives = self.initiative_ids.iter().map(|&id| ItemRef::Initiative(id));
        initiatives.chain(self.service_ids.iter().map(|&id| ItemRef::Service(id))).collect()
    }

    /// Whether the set values the item.
    pub fn values(&self, item: ItemRef) -> bool {
        match item {
            ItemRef::Initiative(id) => self.initiative_ids.contains(&id),
            ItemRef::Service(id) => self.service_ids.contains(&id),
        }
    }

    pub fn normalise(&mut self) {
        self.name = self.name.trim().to_string();
        self.initiative_ids.sort_unstable();
        self.service_ids.sort_unstable();
        for c in &mut self.criteria {
            c.name = c.name.trim().to_string();
        }
    }
}

fn describe_criteria(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| {
            let arrow = if c.direction == Direction::LowerIsBetter { "↓" } else { "↑" };
            let risk = if c.is_risk { ", risk" } else { "" };
            format!(
                "{} ({}–{}{arrow}, {}{risk}): {}",
                c.name,
                c.scale_min,
                c.scale_max,
                c.weight,
                c.anchors.join(" / ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Audited for CriteriaSet {
    const ENTITY: Entity = Entity::CriteriaSet;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::Text(self.name.clone())),
            ("period", AuditValue::Text(format!("{}–{}", self.period_start, self.period_end))),
            ("aggregation", AuditValue::Text(self.aggregation.key().into())),
            ("weighting", AuditValue::Text(self.weighting.key().into())),
            ("pairwise_method", AuditValue::Text(self.pairwise_method.key().into())),
            ("categories", AuditValue::Text(self.categories.join(", "))),
            ("criteria", AuditValue::Text(describe_criteria(&self.criteria))),
            (
                "gates",
                AuditValue::Text(
                    self.gates.iter().map(|g| format!("{} ({})", g.name, g.kind.key())).collect::<Vec<_>>().join("; "),
                ),
            ),
            ("initiative_ids", AuditValue::References(Referent::Initiative, self.initiative_ids.clone())),
            ("service_ids", AuditValue::References(Referent::Service, self.service_ids.clone())),
            ("locked", AuditValue::Text(self.locked.to_string())),
        ]
    }
}
