use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_by_name;
use super::validation::{MAX_NAME, MAX_TEXT, Problems};
use super::{AuditValue, Audited, Entity, Id, Referent};

/// The providers of shared services a new portfolio starts with (guideline).
pub const DEFAULT_PROVIDERS: [&str; 3] = ["Intraservice", "Demokrati och medborgarservice", "Inköp och upphandling"];

/// A provider of shared services. It keeps a service catalogue and reports to the group every year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    /// The board (organisation) that runs the provider, whose members must be informed before material goes on.
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub description: String,
}

impl Provider {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        problems.text("description", &self.description, false, MAX_TEXT);
        problems
    }
}

impl Audited for Provider {
    const ENTITY: Entity = Entity::Provider;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::text(&self.name)),
            ("organisation_id", AuditValue::Reference(Referent::Organisation, self.organisation_id)),
            ("description", AuditValue::text(&self.description)),
        ]
    }
}
