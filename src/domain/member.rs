use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_by_name;
use super::validation::{MAX_NAME, Problems};
use super::{AuditValue, Audited, Entity, Id, Referent};

/// A member of the strategic coordination group: an official appointed from an administration or company, who
/// scores initiatives and compares criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    /// The administration or company the member comes from.
    pub organisation_id: Option<Id>,
}

impl Member {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        problems
    }
}

impl Audited for Member {
    const ENTITY: Entity = Entity::Member;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::Text(self.name.clone())),
            ("organisation_id", AuditValue::Reference(Referent::Organisation, self.organisation_id)),
        ]
    }
}
