//! What members enter against a criteria set: scores, pairwise judgements, and gate results.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{MAX_TEXT, Problems, Reason, Rule};
use super::{AuditValue, Audited, Entity, Id, ItemRef, Referent};

/// The values of Saaty's scale, 1/9 … 9.
pub const SAATY_SCALE: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

/// A member's score of an initiative or a service on a criterion. `value: null` means "don't know".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub criterion_id: Id,
    /// What is scored (`initiative_id` in files written before services were valued).
    #[serde(alias = "initiative_id")]
    pub item: ItemRef,
    pub member_id: Id,
    pub value: Option<u8>,
    #[serde(default)]
    pub comment: String,
}

impl Score {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("comment", &self.comment, false, MAX_TEXT);
        problems
    }
}

impl Audited for Score {
    const ENTITY: Entity = Entity::Score;

    audited_id!();

    fn label(&self) -> String {
        format!("#{}/{}/{}", self.item, self.criterion_id, self.member_id)
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("item", AuditValue::item(self.item)),
            ("criterion_id", AuditValue::Reference(Referent::Criterion, Some(self.criterion_id))),
            ("member_id", AuditValue::Reference(Referent::Member, Some(self.member_id))),
            ("value", AuditValue::Text(self.value.map_or_else(|| "?".to_string(), |v| v.to_string()))),
            ("comment", AuditValue::Text(self.comment.clone())),
        ]
    }
}

/// One judgement: how much more important criterion `a` is than criterion `b` (Saaty's 1/9 … 9).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub a: Id,
    pub b: Id,
    pub value: f64,
}

/// A member's pairwise comparisons of a set's criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pairwise {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub set_id: Id,
    pub member_id: Id,
    pub judgements: Vec<Judgement>,
}

impl Pairwise {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        let (low, high) = (SAATY_SCALE[0], SAATY_SCALE[SAATY_SCALE.len() - 1]);
        for (i, j) in self.judgements.iter().enumerate() {
            if !(j.value.is_finite() && j.value >= low - 1e-9 && j.value <= high + 1e-9) {
                problems.add(format!("judgements[{i}].value"), Rule::OutOfRange { min: 0, max: 9 });
            }
            if j.a == j.b {
                problems.add(format!("judgements[{i}]"), Rule::NotAllowed { reason: Reason::CriterionAgainstItself });
            }
            let same = |o: &Judgement| (o.a == j.a && o.b == j.b) || (o.a == j.b && o.b == j.a);
            if self.judgements[..i].iter().any(same) {
                problems.add(format!("judgements[{i}]"), Rule::Repeated);
            }
        }
        problems
    }

    /// Judgements with `a` before `b` in id order (the reciprocal taken where needed), sorted.
    pub fn normalise(&mut self) {
        for j in &mut self.judgements {
            if j.a > j.b {
                *j = Judgement { a: j.b, b: j.a, value: 1.0 / j.value };
            }
        }
        self.judgements.sort_by_key(|j| (j.a, j.b));
    }
}

impl Audited for Pairwise {
    const ENTITY: Entity = Entity::Pairwise;

    audited_id!();

    fn label(&self) -> String {
        format!("#{}/{}", self.set_id, self.member_id)
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let judgements =
            self.judgements.iter().map(|j| format!("{}:{}={:.4}", j.a, j.b, j.value)).collect::<Vec<_>>().join(", ");
        vec![
            ("set_id", AuditValue::Reference(Referent::CriteriaSet, Some(self.set_id))),
            ("member_id", AuditValue::Reference(Referent::Member, Some(self.member_id))),
            ("judgements", AuditValue::Text(judgements)),
        ]
    }
}

/// Whether an initiative or a service passes a gate (`passed: null` = not yet assessed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateResult {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub gate_id: Id,
    /// What passes or fails (`initiative_id` in files written before services were valued).
    #[serde(alias = "initiative_id")]
    pub item: ItemRef,
    pub passed: Option<bool>,
    #[serde(default)]
    pub note: String,
}

impl GateResult {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("note", &self.note, false, MAX_TEXT);
        problems
    }
}

impl Audited for GateResult {
    const ENTITY: Entity = Entity::GateResult;

    audited_id!();

    fn label(&self) -> String {
        format!("#{}/{}", self.gate_id, self.item)
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("gate_id", AuditValue::Reference(Referent::Gate, Some(self.gate_id))),
            ("item", AuditValue::item(self.item)),
            ("passed", AuditValue::Text(self.passed.map_or_else(|| "?".into(), |p| p.to_string()))),
            ("note", AuditValue::Text(self.note.clone())),
        ]
    }
}
