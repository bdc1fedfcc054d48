//! Selection scenarios: budget frames per year and the rules of a selection.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_by_name;
use super::validation::{MAX_NAME, Problems, Reason, Rule};
use super::{AuditValue, Audited, Entity, Id, ItemRef, Referent};
use crate::money::Money;

/// The frame for one year: development (investment) and management separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearFrame {
    pub year: i32,
    pub development: Money,
    pub management: Money,
}

/// `item` can only be chosen together with `requires` (initiatives and services alike; the names in parentheses
/// are what files written before services were valued hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    #[serde(alias = "initiative_id")]
    pub item: ItemRef,
    #[serde(alias = "requires_id")]
    pub requires: ItemRef,
}

/// `a` and `b` cannot both be chosen (alternative solutions to the same need).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub a: ItemRef,
    pub b: ItemRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    /// The criteria set whose values are maximised.
    pub set_id: Id,
    pub name: String,
    pub frames: Vec<YearFrame>,
    /// Chosen whatever their value (besides the items that pass a legal-requirement gate), for example a
    /// bastjänst the boards must use.
    #[serde(default)]
    pub forced_in: Vec<ItemRef>,
    #[serde(default)]
    pub forced_out: Vec<ItemRef>,
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
}

impl Scenario {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        if self.frames.is_empty() {
            problems.add("frames", Rule::Required);
        }
        for (i, frame) in self.frames.iter().enumerate() {
            if self.frames[..i].iter().any(|f| f.year == frame.year) {
                problems.add(format!("frames[{i}].year"), Rule::Repeated);
            }
            problems.amount(format!("frames[{i}].development"), Some(frame.development));
            problems.amount(format!("frames[{i}].management"), Some(frame.management));
        }
        for (i, id) in self.forced_in.iter().enumerate() {
            if self.forced_out.contains(id) {
                problems.add(format!("forced_in[{i}]"), Rule::NotAllowed { reason: Reason::BothForcedInAndOut });
            }
        }
        for (i, d) in self.dependencies.iter().enumerate() {
            if d.item == d.requires {
                problems.add(format!("dependencies[{i}]"), Rule::NotAllowed { reason: Reason::RequiresItself });
            }
        }
        for (i, e) in self.exclusions.iter().enumerate() {
            if e.a == e.b {
                problems.add(format!("exclusions[{i}]"), Rule::NotAllowed { reason: Reason::ExcludesItself });
            }
        }
        problems
    }

    pub fn normalise(&mut self) {
        self.name = self.name.trim().to_string();
        self.frames.sort_by_key(|f| f.year);
        self.forced_in.sort_unstable();
        self.forced_in.dedup();
        self.forced_out.sort_unstable();
        self.forced_out.dedup();
    }
}

impl Audited for Scenario {
    const ENTITY: Entity = Entity::Scenario;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let frames = self
            .frames
            .iter()
            .map(|f| format!("{}: {} / {}", f.year, f.development, f.management))
            .collect::<Vec<_>>()
            .join("; ");
        let pairs =
            |list: Vec<(ItemRef, ItemRef)>| list.iter().map(|(a, b)| format!("{a}→{b}")).collect::<Vec<_>>().join(", ");
        vec![
            ("name", AuditValue::Text(self.name.clone())),
            ("set_id", AuditValue::Reference(Referent::CriteriaSet, Some(self.set_id))),
            ("frames", AuditValue::Text(frames)),
            ("forced_in", AuditValue::Items(self.forced_in.clone())),
            ("forced_out", AuditValue::Items(self.forced_out.clone())),
            ("dependencies", AuditValue::Text(pairs(self.dependencies.iter().map(|d| (d.item, d.requires)).collect()))),
            ("exclusions", AuditValue::Text(pairs(self.exclusions.iter().map(|e| (e.a, e.b)).collect()))),
        ]
    }
}
