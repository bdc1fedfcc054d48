//! Read access to an open portfolio: the queries, and the loads that feed the calculations.

use super::*;

use rusqlite::Connection;

use crate::domain::{
    Attachment, CriteriaSet, Decision, DocumentProfile, Entity, FundingCase, GateResult, Id, Initiative,
    InitiativeState, ItemRef, Meeting, Member, Organisation, Pairwise, Parameters, Problems, Provider, Scenario, Score,
    Service,
};
use crate::error::{Error, Result};
use crate::funding::portfolio::FundingResult;
use crate::prioritisation::assessment::{self, Assessment, ValuedItem};
use crate::prioritisation::selection::ScenarioProblem;
use crate::time::Timestamp;

/// Read access to an open portfolio.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub(super) conn: &'a Connection,
}

impl<'a> Reader<'a> {
    pub fn all<T: Stored>(&self) -> Result<Vec<T>> {
        T::load_all(self.conn)
    }

    pub fn get<T: Stored>(&self, id: Id) -> Result<T> {
        T::load(self.conn, id)?.ok_or(Error::NotFound { entity: T::ENTITY, id })
    }

    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        self.all()
    }

    pub fn providers(&self) -> Result<Vec<Provider>> {
        self.all()
    }

    pub fn services(&self) -> Result<Vec<Service>> {
        self.all()
    }

    /// The organisations recorded as customers of `service_id`, by id (riktlinjen, "Nämnder och bolagsstyrelser":
    /// the boards "ska använda stadens gemensamma bastjänster"; an opt-out is from a service one is a customer of).
    pub fn customers_of_service(&self, service_id: Id) -> Result<Vec<Id>> {
        if !record::exists(self.conn, "service", service_id)? {
            return Err(Error::NotFound { entity: Entity::Service, id: service_id });
        }
        services::customers_of_service(self.conn, service_id)
    }

    /// Every service's standing in `year`: its classification against the least one of the city's practice in
    /// force that year, and the customers without instructions for a service whose provider processes personal
    /// data on their behalf, in the services' order.
    pub fn service_standings(&self, year: i32) -> Result<Vec<crate::domain::ServiceStanding>> {
        let least = self.parameters()?.least_classification(year);
        Ok(self.services()?.iter().map(|s| s.standing(year, least)).collect())
    }

    /// The providers' yearly analyses, latest year first.
    pub fn analyses(&self) -> Result<Vec<crate::domain::YearlyAnalysis>> {
        self.all()
    }

    /// The analysis of `provider_id` for `year`, if it has one.
    pub fn analysis_of(&self, provider_id: Id, year: i32) -> Result<Option<crate::domain::YearlyAnalysis>> {
        Ok(self.analyses()?.into_iter().find(|a| a.provider_id == provider_id && a.year == year))
    }

    pub fn initiatives(&self) -> Result<Vec<Initiative>> {
        self.all()
    }

    /// The initiative with a case number such as `SLK-2026-00123` (case does not matter).
    pub fn initiative_by_case_number(&self, case_number: &str) -> Result<Initiative> {
        match initiatives::id_of_case_number(self.conn, case_number)? {
            Some(id) => self.get(id),
            None => Err(Error::CaseNumberNotFound(case_number.trim().to_string())),
        }
    }

    /// Everything wrong with `record` as it would be written, without writing it (for live form checks).
    pub fn problems<T: Stored + Clone>(&self, record: &T) -> Result<Problems> {
        super::whole::problems_of(self.conn, record)
    }

    /// What is due on the Stockholm date of `now`: the next meeting and the overdue measurements ([`Today`]).
    pub fn today(&self, now: Timestamp) -> Result<crate::domain::Today> {
        let date = crate::time::local_date(now);
        Ok(crate::domain::Today::of(date, &self.all()?, &self.all()?))
    }

    /// Every problem of a record as a form sent it: the fields that could not be read, then the record's other
    /// problems ([`FormRecord::problems`]).
    pub fn form_problems<T: Stored + Clone>(&self, form: &crate::domain::FormRecord<T>) -> Result<Problems> {
        let mut problems = self.problems(&form.record)?;
        for error in form.record.state_problems(self.conn)?.errors() {
            if !problems.errors().contains(error) {
                problems.add(error.field.clone(), error.rule.clone());
            }
        }
        Ok(form.problems(problems))
    }

    /// The labels of the records that keep a record from being deleted (none: it may be deleted).
    pub fn dependents(&self, entity: crate::domain::Entity, id: Id) -> Result<Vec<String>> {
        super::whole::dependents(self.conn, entity, id)
    }

    /// Every broken rule in the portfolio, as a portfolio import checks it ([`super::whole`]).
    pub fn broken_records(&self) -> Result<Vec<super::whole::Broken>> {
        super::whole::broken_records(self.conn)
    }

    /// Every change of one record, newest first.
    pub fn history(&self, entity: Entity, id: Id) -> Result<Vec<Change>> {
        history::of_record(self.conn, entity, id)
    }

    /// The latest changes in the whole portfolio, newest first.
    pub fn recent_changes(&self, limit: i64) -> Result<Vec<Change>> {
        history::recent(self.conn, limit)
    }

    /// The labels of the K/R/T scale in use, for levels 0 to 4.
    pub fn security_scale(&self) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare("SELECT label FROM security_scale ORDER BY level")?;
        Ok(statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// The assessment of a criteria set: weights, ranking with gates, sensitivity and disagreements.
    /// `override_weights` (one per criterion) replaces the set's weights for a what-if.
    pub fn assessment(&self, set_id: Id, override_weights: Option<&[f64]>) -> Result<Assessment> {
        let set: CriteriaSet = self.get(set_id)?;
        let items = self.valued_items(&set)?;
        let members: Vec<Member> = self.all()?;
        let scores = scores::scores_of_set(self.conn, set_id)?;
        let pairwise: Vec<Pairwise> = self.all::<Pairwise>()?.into_iter().filter(|p| p.set_id == set_id).collect();
        let gate_ids: Vec<Id> = set.gates.iter().map(|g| g.id).collect();
        let gate_results: Vec<GateResult> =
            self.all::<GateResult>()?.into_iter().filter(|r| gate_ids.contains(&r.gate_id)).collect();
        let input = assessment::Input {
            set: &set,
            items: &items,
            members: &members,
            scores: &scores,
            pairwise: &pairwise,
            gate_results: &gate_results,
        };
        Ok(assessment::assess(&input, override_weights))
    }

    /// What a set values, with the costs per year it is weighed with: an initiative's own; a service's own, or
    /// (when it has none) what its funding case forecasts.
    pub fn valued_items(&self, set: &CriteriaSet) -> Result<Vec<ValuedItem>> {
        let initiatives = self.initiatives()?;
        let services: Vec<Service> = self.all()?;
        let mut items = Vec::new();
        for item in set.items() {
            let costs = match item {
                ItemRef::Initiative(id) => match initiatives.iter().find(|i| i.id == id) {
                    Some(initiative) => initiative.costs.clone(),
                    None => continue,
                },
                ItemRef::Service(id) => match services.iter().find(|s| s.id == id) {
                    Some(service) => self.weighed_costs(service)?,
                    None => continue,
                },
            };
            items.push(ValuedItem { item, costs });
        }
        Ok(items)
    }

    /// The costs per year a service is weighed with against the frames: its own, or (when it has none) what its
    /// funding case forecasts.
    pub fn weighed_costs(&self, service: &Service) -> Result<Vec<crate::domain::YearCost>> {
        if !service.costs.is_empty() {
            return Ok(service.costs.clone());
        }
        Ok(self
            .funding_case_of(None, Some(service.id))?
            .map(|case| crate::funding::portfolio::forecast_costs(&case))
            .unwrap_or_default())
    }

    /// The selection problem of a scenario, loaded: solving it ([`ScenarioProblem::solve`]) needs no portfolio.
    pub fn selection_problem(&self, scenario_id: Id) -> Result<ScenarioProblem> {
        let scenario: Scenario = self.get(scenario_id)?;
        let assessment = self.assessment(scenario.set_id, None)?;
        let set: CriteriaSet = self.get(scenario.set_id)?;
        let problem = assessment::selection_problem(&assessment, &self.valued_items(&set)?, &scenario);
        let organisations = self.organisations()?;
        let mut service_customers = std::collections::BTreeMap::new();
        for &id in &set.service_ids {
            // The service's recorded customers (issue 17), and any its funding case bills besides.
            let mut customers = services::customers_of_service(self.conn, id)?;
            let billed = self.funding_case_of(None, Some(id))?.map(|case| case.customers).unwrap_or_default();
            customers.extend(billed.iter().map(|c| c.organisation_id));
            let mut names: Vec<String> = customers
                .iter()
                .filter_map(|c| organisations.iter().find(|o| o.id == *c).map(|o| o.name.clone()))
                .collect();
            names.sort();
            names.dedup();
            service_customers.insert(ItemRef::Service(id).to_string(), names);
        }
        Ok(ScenarioProblem { scenario_id, problem, service_customers })
    }

    /// The decisions recorded at a meeting, by agenda item id.
    pub fn decisions_of(&self, meeting: &Meeting) -> Result<std::collections::HashMap<Id, Decision>> {
        let mut out = std::collections::HashMap::new();
        for item in &meeting.items {
            if let Some(id) = meetings::decision_of_item(self.conn, item.id)? {
                out.insert(item.id, self.get(id)?);
            }
        }
        Ok(out)
    }

    /// The attachments of a meeting's items, by item id, in order.
    pub fn attachments_of(&self, meeting: &Meeting) -> Result<std::collections::HashMap<Id, Vec<Attachment>>> {
        let items: Vec<Id> = meeting.items.iter().map(|i| i.id).collect();
        meetings::attachments_of(self.conn, &items)
    }

    /// Changes made to a meeting and its decisions after its minutes were approved, oldest first: the corrections
    /// the minutes must show.
    pub fn corrections(&self, meeting: &Meeting) -> Result<Vec<Change>> {
        let Some(approved) = meeting.approved_at.as_deref().and_then(|a| a.parse::<Timestamp>().ok()) else {
            return Ok(Vec::new());
        };
        let mut changes = self.history(Entity::Meeting, meeting.id)?;
        for item in &meeting.items {
            if let Some(id) = meetings::decision_of_item(self.conn, item.id)? {
                changes.extend(self.history(Entity::Decision, id)?);
            }
        }
        let mut after: Vec<Change> = changes
            .into_iter()
            .filter(|c| c.action != Action::Import && c.at.parse::<Timestamp>().is_ok_and(|at| at > approved))
            .filter(|c| !(c.entity == Entity::Meeting && c.fields.iter().any(|f| f.field == "approved_at")))
            .collect();
        after.sort_by_key(|c| c.id);
        Ok(after)
    }

    /// The funding case of an initiative or a service, if any.
    pub fn funding_case_of(&self, initiative: Option<Id>, service: Option<Id>) -> Result<Option<FundingCase>> {
        match funding::case_of(self.conn, initiative, service)? {
            Some(id) => Ok(Some(self.get(id)?)),
            None => Ok(None),
        }
    }

    /// The portfolio's parameters (rates, price base amounts, useful life, rounding).
    pub fn parameters(&self) -> Result<Parameters> {
        funding::parameters(self.conn)
    }

    /// The states an initiative may move to next, each with what it still lacks for that move (a reason is listed
    /// for the moves that need one).
    pub fn transitions(&self, id: Id) -> Result<Vec<(InitiativeState, Vec<crate::domain::Requirement>)>> {
        let initiative: Initiative = self.get(id)?;
        let facts = initiatives::facts(self.conn, id)?;
        Ok(crate::domain::lifecycle::next_states(initiative.track, initiative.state)
            .into_iter()
            .map(|to| {
                let after = Initiative { state: to, ..initiative.clone() };
                let missing = crate::domain::lifecycle::check(
                    initiative.state,
                    to,
                    &after,
                    &facts,
                    "",
                    crate::domain::lifecycle::Mover::Step,
                )
                .err()
                .flatten()
                .unwrap_or_default();
                (to, missing)
            })
            .collect())
    }

    /// What an initiative lacks of the rules of the state it is in ([`crate::domain::lifecycle::rules_of_state`]).
    pub fn rules_of_state(&self, id: Id) -> Result<Vec<crate::domain::Requirement>> {
        let initiative: Initiative = self.get(id)?;
        Ok(crate::domain::lifecycle::rules_of_state(&initiative, &initiatives::facts(self.conn, id)?))
    }

    /// The benefits of an initiative's benefits realisation plan, by name.
    pub fn benefits_of(&self, initiative_id: Id) -> Result<Vec<crate::domain::Benefit>> {
        benefits::of_initiative(self.conn, initiative_id)
    }

    /// How the meeting papers present themselves.
    pub fn document_profile(&self) -> Result<DocumentProfile> {
        document_profile::load(self.conn)
    }

    /// The funding comparison of a case, with the what-if on volumes and the city's leasing rule.
    pub fn funding(&self, case_id: Id) -> Result<FundingResult> {
        let case: FundingCase = self.get(case_id)?;
        let parameters = self.parameters()?;
        let organisations = self.organisations()?;
        let mut result = crate::funding::portfolio::compare(&case, &organisations, &parameters)?;
        if let Some(service) = case.service_id {
            let customers = services::customers_of_service(self.conn, service)?;
            result.not_customers =
                case.customers.iter().map(|c| c.organisation_id).filter(|id| !customers.contains(id)).collect();
        }
        Ok(result)
    }

    /// A member's score of an initiative or a service on a criterion, if given.
    pub fn score(&self, criterion_id: Id, item: ItemRef, member_id: Id) -> Result<Option<Score>> {
        match scores::score_in_cell(self.conn, criterion_id, item, member_id)? {
            Some(id) => Ok(Some(self.get(id)?)),
            None => Ok(None),
        }
    }

    /// Whether the portfolio holds nothing but what a new one starts with.
    pub fn is_blank(&self) -> Result<bool> {
        let count = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?)
        };
        let default_providers = self.providers()?.iter().all(|p| {
            crate::domain::DEFAULT_PROVIDERS.contains(&p.name.as_str())
                && p.organisation_id.is_none()
                && p.description.is_empty()
        });
        let empty = ["organisation", "service", "initiative", "member", "criteria_set"];
        for table in empty {
            if count(table)? > 0 {
                return Ok(false);
            }
        }
        Ok(default_providers)
    }
}
