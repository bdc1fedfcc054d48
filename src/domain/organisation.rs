use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::validation::{MAX_NAME, Problems};
use super::{AuditValue, Audited, Entity, Id, OrganisationKind, Referent};

/// A board, administration or company of the city: a customer, an owner of initiatives, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub kind: OrganisationKind,
    /// The board an administration answers to, or the parent company of a company.
    pub parent_id: Option<Id>,
}

impl Organisation {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        problems
    }
}

impl Audited for Organisation {
    const ENTITY: Entity = Entity::Organisation;

    fn id(&self) -> Id {
        self.id
    }

    fn label(&self) -> String {
        self.name.clone()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::text(&self.name)),
            ("kind", AuditValue::text(self.kind.key())),
            ("parent_id", AuditValue::Reference(Referent::Organisation, self.parent_id)),
        ]
    }
}
