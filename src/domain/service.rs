use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::YearCost;
use super::initiative::{check_year_costs, describe_costs};
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AuditValue, Audited, Entity, FundingModel, Id, Referent, Security, ServiceCategory, ServiceState, optional_key,
};
use crate::money::Money;

/// An entry of a provider's service catalogue. The guideline asks for price, scope, service level, target group,
/// security level and what a customer must fulfil to connect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub category: ServiceCategory,
    /// Required; optional in the type so that a form without it gets a field message.
    pub provider_id: Option<Id>,
    /// Price per unit in öre.
    pub price: Option<Money>,
    /// What the price is per, e.g. "användare och månad".
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub service_level: String,
    #[serde(default)]
    pub target_group: String,
    #[serde(default)]
    pub security: Security,
    #[serde(default)]
    pub connection_requirements: String,
    pub funding_model: Option<FundingModel>,
    pub state: ServiceState,
    /// Its management (förvaltning) cost and any planned development per year of the planning period, for
    /// valuing and prioritising it against the frames with the initiatives (guideline, "Kommunstyrelsen": "en
    /// strategiskt balanserad bedömning på föreslagna ramar för förvaltning och utveckling"). Empty: taken from
    /// its funding case, where it has one.
    #[serde(default)]
    pub costs: Vec<YearCost>,
}

impl Service {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        if self.provider_id.is_none() {
            problems.add("provider_id", Rule::Required);
        }
        problems.amount("price", self.price);
        if self.price.is_some() && self.unit.trim().is_empty() {
            problems.add("unit", Rule::Required);
        }
        problems.text("unit", &self.unit, false, MAX_NAME);
        for (field, text) in [
            ("scope", &self.scope),
            ("service_level", &self.service_level),
            ("target_group", &self.target_group),
            ("connection_requirements", &self.connection_requirements),
        ] {
            problems.text(field, text, false, MAX_TEXT);
        }
        self.security.check(&mut problems);
        check_year_costs(&self.costs, &mut problems);
        if let Some(model) = self.funding_model
            && !self.category.allowed_funding().contains(&model)
        {
            problems
                .add("funding_model", Rule::NotAllowed { reason: Reason::NotForCategory { category: self.category } });
        }
        problems
    }
}

impl Audited for Service {
    const ENTITY: Entity = Entity::Service;

    fn id(&self) -> Id {
        self.id
    }

    fn label(&self) -> String {
        self.name.clone()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::text(&self.name)),
            ("category", AuditValue::text(self.category.key())),
            ("provider_id", AuditValue::Reference(Referent::Provider, self.provider_id)),
            ("price", AuditValue::text(self.price.map(|p| p.to_string()).unwrap_or_default())),
            ("unit", AuditValue::text(&self.unit)),
            ("scope", AuditValue::text(&self.scope)),
            ("service_level", AuditValue::text(&self.service_level)),
            ("target_group", AuditValue::text(&self.target_group)),
            ("security", AuditValue::text(self.security.describe())),
            ("connection_requirements", AuditValue::text(&self.connection_requirements)),
            ("funding_model", optional_key(self.funding_model, FundingModel::key)),
            ("state", AuditValue::text(self.state.key())),
            ("costs", AuditValue::text(describe_costs(&self.costs))),
        ]
    }
}
