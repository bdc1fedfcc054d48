use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::YearCost;
use super::audited_by_name;
use super::initiative::{check_year_costs, describe_costs};
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AuditValue, Audited, BaselineStatus, ClassificationCheck, Entity, FundingModel, Id, LeastClassification, Referent,
    Security, ServiceCategory, ServiceState, optional_key,
};
use crate::money::Money;
use crate::time::NaiveDate;

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
    /// The provider processes personal data on its customers' behalf with this service: it is then their
    /// personuppgiftsbiträde, and processes it only by the instructions each customer's board decided (riktlinjen,
    /// "Nämnder med särskilt ansvar för gemensamma tjänster": "I de fall leverantörer är personuppgiftsbiträde till
    /// en styrelse eller nämnd"). Format version 13.
    #[serde(default)]
    pub processes_personal_data: bool,
    /// The organisations that use the service (riktlinjen, "Nämnder och bolagsstyrelser": "Nämnd och
    /// bolagsstyrelse ska använda stadens gemensamma bastjänster"), each once (format version 13).
    #[serde(default)]
    pub customers: Vec<ServiceCustomer>,
    /// Whether the service meets the city's baseline (grundsäkerhetsnivå), as assessed: meets, does not meet (with
    /// the shortfalls named) or not assessed (the default). Apart from the K/R/T classification: the baseline is
    /// decided in the city's information security guideline (riktlinjen, "Nämnder med särskilt ansvar för
    /// gemensamma tjänster": "se Göteborgs Stads riktlinje för informationssäkerhet"). Format version 17.
    #[serde(default)]
    pub baseline: BaselineStatus,
    /// What the service lacks of the baseline; required when it does not meet it, empty otherwise.
    #[serde(default)]
    pub baseline_shortfalls: String,
    /// When the service was assessed against the baseline (`YYYY-MM-DD`), with who assessed it: both or neither,
    /// and neither while it is not assessed.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub baseline_assessed_date: Option<NaiveDate>,
    #[serde(default)]
    pub baseline_assessed_by: String,
}

/// What the engine says about a service in a year, for the service list and form and the yearly follow-up. The
/// service's own baseline assessment (`Service::baseline`) is what it records; this adds what depends on the year
/// and the city's practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceStanding {
    pub service_id: Id,
    pub year: i32,
    /// The least classification of the city's practice (Stadens rutin) in force in the year; `null` when it sets
    /// none.
    pub least_classification: Option<LeastClassification>,
    /// The service's K/R/T classification against it.
    pub classification: ClassificationCheck,
    /// Customers without the reference to their board's instructions although the provider processes personal
    /// data on their behalf.
    pub customers_without_instructions: Vec<Id>,
}

/// An organisation that uses a service. When the provider processes personal data on its behalf: the reference to
/// the instructions its board decided for that processing, and to the data processing agreement where one exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceCustomer {
    pub organisation_id: Id,
    /// The agreement's reference (diarienummer or the like), where an agreement exists; empty otherwise.
    #[serde(default)]
    pub dpa_reference: String,
    /// The reference to the instructions the customer's board decided for the provider's processing of personal
    /// data (riktlinjen, "Nämnder och bolagsstyrelser": "Respektive nämnd och styrelse är personuppgiftsansvarig och
    /// ska fastställa instruktioner gällande leverantörers behandling av personuppgifter"); empty when not yet
    /// recorded (format version 17).
    #[serde(default)]
    pub instructions_reference: String,
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
            problems.text(
                &format!("customers[{i}].instructions_reference"),
                &customer.instructions_reference,
                false,
                MAX_NAME,
            );
        }
        self.check_baseline(&mut problems);
        problems
    }

    /// The baseline assessment: shortfalls named exactly when the service does not meet the baseline; the date and
    /// who assessed it both or neither, and neither while it is not assessed.
    fn check_baseline(&self, problems: &mut Problems) {
        problems.text("baseline_shortfalls", &self.baseline_shortfalls, false, MAX_TEXT);
        let named = !self.baseline_shortfalls.trim().is_empty();
        match self.baseline {
            BaselineStatus::DoesNotMeet if !named => problems.add("baseline_shortfalls", Rule::Required),
            BaselineStatus::Meets | BaselineStatus::NotAssessed if named => {
                problems.add("baseline_shortfalls", Rule::NotAllowed { reason: Reason::ShortfallsOnlyWhenNotMet })
            }
            _ => {}
        }
        let dated = self.baseline_assessed_date.is_some();
        problems.text("baseline_assessed_by", &self.baseline_assessed_by, false, MAX_NAME);
        let by = !self.baseline_assessed_by.trim().is_empty();
        if self.baseline == BaselineStatus::NotAssessed {
            for (field, given) in [("baseline_assessed_date", dated), ("baseline_assessed_by", by)] {
                if given {
                    problems.add(field, Rule::NotAllowed { reason: Reason::NotAssessedAgainstBaseline });
                }
            }
            return;
        }
        match (dated, by) {
            (true, false) => problems.add("baseline_assessed_by", Rule::Required),
            (false, true) => problems.add("baseline_assessed_date", Rule::Required),
            _ => {}
        }
    }

    /// The customers whose instructions are not recorded although the provider processes personal data on their
    /// behalf: flagged, not refused (the board may not have decided them yet). Riktlinjen, "Nämnder och
    /// bolagsstyrelser": "Respektive nämnd och styrelse är personuppgiftsansvarig och ska fastställa instruktioner
    /// gällande leverantörers behandling av personuppgifter", and "Nämnder med särskilt ansvar för gemensamma
    /// tjänster": "I de fall leverantörer är personuppgiftsbiträde till en styrelse eller nämnd, får de endast
    /// behandla personuppgifter i enlighet med gällande lagar och förordningar samt de fastställda instruktioner
    /// som respektive nämnd/styrelse beslutat om." An agreement is recorded where one exists, and never asked for.
    pub fn customers_without_instructions(&self) -> Vec<Id> {
        if !self.processes_personal_data {
            return Vec::new();
        }
        self.customers
            .iter()
            .filter(|c| c.instructions_reference.trim().is_empty())
            .map(|c| c.organisation_id)
            .collect()
    }

    /// Where it stands in `year`: its classification against the least one of the city's practice in force then,
    /// and the customers without instructions (see [`ServiceStanding`]).
    pub fn standing(&self, year: i32, least: Option<LeastClassification>) -> ServiceStanding {
        ServiceStanding {
            service_id: self.id,
            year,
            least_classification: least,
            classification: ClassificationCheck::of(&self.security, self.handles_no_information, least.as_ref()),
            customers_without_instructions: self.customers_without_instructions(),
        }
    }

    /// What the service records against the city's baseline, in words: `uppfyller grundsäkerhetsnivån (bedömd
    /// 2026-03-16 av …)`, `uppfyller inte grundsäkerhetsnivån: …`, `inte bedömd mot grundsäkerhetsnivån`.
    pub fn baseline_text(&self, language: super::Language) -> String {
        let sv = language == super::Language::Sv;
        let when = match (self.baseline_assessed_date, sv) {
            (None, _) => String::new(),
            (Some(date), true) => format!(" (bedömd {date} av {})", self.baseline_assessed_by),
            (Some(date), false) => format!(" (assessed {date} by {})", self.baseline_assessed_by),
        };
        let shortfalls = self.baseline_shortfalls.trim();
        match (self.baseline, sv) {
            (BaselineStatus::Meets, true) => format!("uppfyller grundsäkerhetsnivån{when}"),
            (BaselineStatus::Meets, false) => format!("meets the baseline{when}"),
            (BaselineStatus::DoesNotMeet, true) => format!("uppfyller inte grundsäkerhetsnivån{when}: {shortfalls}"),
            (BaselineStatus::DoesNotMeet, false) => format!("does not meet the baseline{when}: {shortfalls}"),
            (BaselineStatus::NotAssessed, true) => "inte bedömd mot grundsäkerhetsnivån".into(),
            (BaselineStatus::NotAssessed, false) => "not assessed against the baseline".into(),
        }
    }

    /// The ids of its customers, in the order recorded.
    pub fn customer_ids(&self) -> Vec<Id> {
        self.customers.iter().map(|c| c.organisation_id).collect()
    }
}

impl Audited for Service {
    const ENTITY: Entity = Entity::Service;

    audited_by_name!();

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
            ("baseline", AuditValue::text(self.baseline.key())),
            ("baseline_shortfalls", AuditValue::text(&self.baseline_shortfalls)),
            ("baseline_assessed_date", AuditValue::date(self.baseline_assessed_date)),
            ("baseline_assessed_by", AuditValue::text(&self.baseline_assessed_by)),
            (
                "instructions_references",
                AuditValue::text(
                    self.customers
                        .iter()
                        .filter(|c| !c.instructions_reference.is_empty())
                        .map(|c| c.instructions_reference.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
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
