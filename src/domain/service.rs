use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::YearCost;
use super::initiative::{check_year_costs, describe_costs};
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AuditValue, Audited, Compliance, Entity, FundingModel, Id, Referent, Security, SecurityBaseline, ServiceCategory,
    ServiceState, optional_key,
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
    /// The service handles no information, so there is nothing to classify (a consultant service, for example);
    /// exclusive with a K/R/T classification (format version 13).
    #[serde(default)]
    pub handles_no_information: bool,
    /// The service processes personal data on its customers' behalf: the provider is then their
    /// personuppgiftsbiträde and each customer needs a data processing agreement (format version 13).
    #[serde(default)]
    pub processes_personal_data: bool,
    /// The organisations that use the service (riktlinjen, "Nämnder och bolagsstyrelser": "Nämnd och
    /// bolagsstyrelse ska använda stadens gemensamma bastjänster"), each once (format version 13).
    #[serde(default)]
    pub customers: Vec<ServiceCustomer>,
}

/// What the engine says about a service in a year, for the service list and form and the yearly follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceStanding {
    pub service_id: Id,
    pub year: i32,
    /// The baseline in force in the year; `null` when the parameters give none.
    pub baseline: Option<SecurityBaseline>,
    pub security: Compliance,
    /// Customers without a data processing agreement although the service processes personal data.
    pub customers_without_dpa: Vec<Id>,
}

/// An organisation that uses a service, with the reference to its data processing agreement
/// (personuppgiftsbiträdesavtal) when the service processes personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceCustomer {
    pub organisation_id: Id,
    /// The agreement's reference (diarienummer or the like); empty when there is none (yet).
    #[serde(default)]
    pub dpa_reference: String,
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
        // Riktlinjen, "Tjänster och förändringsinsatser": the catalogue offers bas-, tilläggs- and
        // specialisttjänster; verksamhetsspecifika system och tjänster are the board's own ("Inom egen budget").
        if !self.category.in_catalogue() {
            problems.add("category", Rule::NotAllowed { reason: Reason::NotInCatalogue });
        }
        // The guideline's table, with kommunbidrag for a bastjänst as the city's practice allows by default; the
        // store refuses it when the practice is switched off (`Practice::grant_for_base_services`).
        if let Some(model) = self.funding_model
            && self.category.in_catalogue()
            && !self.category.allowed_funding_with(true).contains(&model)
        {
            problems
                .add("funding_model", Rule::NotAllowed { reason: Reason::NotForCategory { category: self.category } });
        }
        // Riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": a service is classified, or (a
        // consultant service, for example) it handles no information; not both.
        if self.handles_no_information {
            for (field, aspect) in self.security.aspects() {
                if aspect.is_some() {
                    problems.add(
                        format!("security.{field}"),
                        Rule::NotAllowed { reason: Reason::ClassifiedWithoutInformation },
                    );
                }
            }
            if self.processes_personal_data {
                problems.add(
                    "processes_personal_data",
                    Rule::NotAllowed { reason: Reason::PersonalDataWithoutInformation },
                );
            }
        }
        for (i, customer) in self.customers.iter().enumerate() {
            if self.customers[..i].iter().any(|c| c.organisation_id == customer.organisation_id) {
                problems.add(format!("customers[{i}].organisation_id"), Rule::Repeated);
            }
            problems.text(&format!("customers[{i}].dpa_reference"), &customer.dpa_reference, false, MAX_NAME);
        }
        problems
    }

    /// The customers whose data processing agreement is not recorded although the service processes personal
    /// data. Riktlinjen, "Nämnder och bolagsstyrelser": "Respektive nämnd och styrelse är personuppgiftsansvarig
    /// och ska fastställa instruktioner gällande leverantörers behandling av personuppgifter", and "Nämnder med
    /// särskilt ansvar för gemensamma tjänster": a provider that is "personuppgiftsbiträde till en styrelse eller
    /// nämnd" processes personal data only by the instructions the board decided: each customer needs an
    /// agreement with the provider.
    pub fn customers_without_dpa(&self) -> Vec<Id> {
        if !self.processes_personal_data {
            return Vec::new();
        }
        self.customers.iter().filter(|c| c.dpa_reference.trim().is_empty()).map(|c| c.organisation_id).collect()
    }

    /// Where it stands in `year` against the baseline in force then (see [`ServiceStanding`]).
    pub fn standing(&self, year: i32, baseline: Option<SecurityBaseline>) -> ServiceStanding {
        ServiceStanding {
            service_id: self.id,
            year,
            baseline,
            security: Compliance::of(&self.security, self.handles_no_information, baseline.as_ref()),
            customers_without_dpa: self.customers_without_dpa(),
        }
    }

    /// The ids of its customers, in the order recorded.
    pub fn customer_ids(&self) -> Vec<Id> {
        self.customers.iter().map(|c| c.organisation_id).collect()
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
            ("handles_no_information", AuditValue::text(self.handles_no_information.to_string())),
            ("processes_personal_data", AuditValue::text(self.processes_personal_data.to_string())),
            ("customers", AuditValue::References(Referent::Organisation, self.customer_ids())),
            (
                "dpa_references",
                AuditValue::text(
                    self.customers
                        .iter()
                        .filter(|c| !c.dpa_reference.is_empty())
                        .map(|c| c.dpa_reference.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
        ]
    }
}
