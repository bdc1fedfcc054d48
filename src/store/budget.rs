//! Loading a scenario's budget material: its selection problem, the facts of its items, the decided frames and the
//! decisions recorded on them. Solving it ([`BudgetInput::solve`]) needs no portfolio.

use std::collections::HashMap;

use super::Reader;
use crate::domain::{
    CriteriaSet, DecidedFrame, DecisionOutcome, FundingModel, Id, Initiative, ItemRef, Meeting, Organisation, Scenario,
    Service, ValuedKind,
};
use crate::error::Result;
use crate::money::Money;
use crate::prioritisation::budget::{BudgetInput, Charge, DecisionRef, ItemFacts, MaterialDecision, item_of};

impl Reader<'_> {
    /// The decided frames, by year.
    pub fn decided_frames(&self) -> Result<Vec<DecidedFrame>> {
        self.all()
    }

    /// What the budget material of a scenario is made from.
    pub fn budget_input(&self, scenario_id: Id) -> Result<BudgetInput> {
        let scenario: Scenario = self.get(scenario_id)?;
        let set: CriteriaSet = self.get(scenario.set_id)?;
        let problem = self.selection_problem(scenario_id)?.problem;
        let initiatives: HashMap<Id, Initiative> = self.initiatives()?.into_iter().map(|i| (i.id, i)).collect();
        let services: HashMap<Id, Service> = self.services()?.into_iter().map(|s| (s.id, s)).collect();
        let decisions = self.prioritising_decisions()?;
        let mut items = HashMap::new();
        for candidate in &problem.candidates {
            let Some((kind, id)) = item_of(&candidate.id) else { continue };
            let decision =
                decisions.iter().find(|(k, i, _)| *k == kind && *i == Some(id)).map(|(_, _, d)| d.reference.clone());
            let in_sent_material = super::meetings::chosen_in_sent_budget_material(self.conn, &ItemRef::of(kind, id))?;
            let facts = match kind {
                ValuedKind::Initiative => initiatives.get(&id).map(|i| ItemFacts {
                    kind,
                    id,
                    reference: i.case_number.clone(),
                    name: i.title.clone(),
                    funding_model: i.funding_model,
                    state: Some(i.state),
                    track: Some(i.track),
                    service_state: None,
                    decision,
                    in_sent_material,
                }),
                ValuedKind::Service => services.get(&id).map(|s| ItemFacts {
                    kind,
                    id,
                    reference: String::new(),
                    name: s.name.clone(),
                    funding_model: s.funding_model,
                    state: None,
                    track: None,
                    service_state: Some(s.state),
                    decision,
                    in_sent_material,
                }),
            };
            if let Some(facts) = facts {
                items.insert(candidate.id.clone(), facts);
            }
        }
        // An item about the set as a whole (no initiative or service), at a meeting that treats the set.
        let meetings: Vec<Meeting> = self.all()?;
        let set_meetings: Vec<Id> = meetings
            .iter()
            .filter(|m| m.criteria_set_id == Some(set.id))
            .flat_map(|m| m.items.iter().map(|i| i.id))
            .collect();
        let set_decision = decisions
            .iter()
            .find(|(_, id, d)| id.is_none() && set_meetings.contains(&d.item_id))
            .map(|(_, _, d)| d.reference.clone());
        let material_decision = self.material_decision(scenario_id)?;
        let mut charges = HashMap::new();
        let organisations: Vec<Organisation> = self.all()?;
        let parameters = self.parameters()?;
        for candidate in &problem.candidates {
            let Some((kind, id)) = item_of(&candidate.id) else { continue };
            let model = match kind {
                ValuedKind::Initiative => initiatives.get(&id).and_then(|i| i.funding_model),
                ValuedKind::Service => services.get(&id).and_then(|s| s.funding_model),
            };
            let item = ItemRef::of(kind, id);
            if let (Some(model), Some(case)) = (model, self.funding_case_of(item.initiative(), item.service())?) {
                // A case that cannot be computed (a volume of zero, say) leaves the item unsplit, as one without.
                if let Ok(result) = crate::funding::portfolio::compare(&case, &organisations, &parameters) {
                    charges.insert(candidate.id.clone(), charges_of(&case, &result.comparison, model, &organisations));
                }
            }
        }
        Ok(BudgetInput {
            scenario_id,
            scenario_name: scenario.name,
            set_id: set.id,
            set_name: set.name,
            period_start: set.period_start,
            period_end: set.period_end,
            problem,
            items,
            decided: self.decided_frames()?,
            set_decision,
            material_decision,
            charges,
        })
    }

    /// The group's latest decision on the scenario's budget material as a whole (an agenda item naming the
    /// scenario, with a decision that keeps what it chose), newest meeting first.
    fn material_decision(&self, scenario_id: Id) -> Result<Option<MaterialDecision>> {
        for meeting in &self.meetings_newest_first()? {
            let decisions = self.decisions_of(meeting)?;
            for item in meeting.items.iter().filter(|i| i.scenario_id == Some(scenario_id)) {
                let Some(decision) = decisions.get(&item.id) else { continue };
                if decision.budget_lines.is_empty() {
                    continue;
                }
                let reference = cited(meeting, item, decision);
                let chosen = decision.budget_lines.iter().map(|l| (l.item.to_string(), l.chosen)).collect();
                return Ok(Some(MaterialDecision { decision: reference, chosen }));
            }
        }
        Ok(None)
    }

    /// The decisions that prioritise (or not) on agenda items, newest meeting first: per item, what it is about
    /// (an initiative, a service, or neither), and the citation.
    fn prioritising_decisions(&self) -> Result<Vec<(ValuedKind, Option<Id>, Cited)>> {
        let mut out = Vec::new();
        for meeting in &self.meetings_newest_first()? {
            let decisions = self.decisions_of(meeting)?;
            for item in &meeting.items {
                let Some(decision) = decisions.get(&item.id) else { continue };
                if !matches!(
                    decision.outcome,
                    DecisionOutcome::Prioritised | DecisionOutcome::NotPrioritised | DecisionOutcome::Decided
                ) {
                    continue;
                }
                let reference = cited(meeting, item, decision);
                let (kind, id) = match (item.initiative_id, item.service_id) {
                    (Some(id), _) => (ValuedKind::Initiative, Some(id)),
                    (None, Some(id)) => (ValuedKind::Service, Some(id)),
                    (None, None) => (ValuedKind::Initiative, None),
                };
                out.push((kind, id, Cited { item_id: item.id, reference }));
            }
        }
        Ok(out)
    }
}

impl Reader<'_> {
    /// Every meeting, the latest first.
    fn meetings_newest_first(&self) -> Result<Vec<Meeting>> {
        let mut meetings: Vec<Meeting> = self.all()?;
        meetings.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
        Ok(meetings)
    }
}

/// A decision as the material cites it: the meeting, the item's § and the outcome.
fn cited(meeting: &Meeting, item: &crate::domain::AgendaItem, decision: &crate::domain::Decision) -> DecisionRef {
    DecisionRef {
        body: meeting.body.clone(),
        date: meeting.date,
        paragraph: item.paragraph,
        outcome: decision.outcome,
        item_title: item.title.clone(),
    }
}

/// A decision with the agenda item it was made on.
#[derive(Clone)]
struct Cited {
    item_id: Id,
    reference: DecisionRef,
}

/// What each customer of a funding case pays per year under `model`: the preliminary charge (cost allocation), the
/// invoice (invoice per unit), or under a municipal grant a company's invoice and a board's frame moved to the
/// provider (riktlinjen, "Finansiering"; companies are invoiced, the city's practice as the parameters set it).
fn charges_of(
    case: &crate::domain::FundingCase,
    comparison: &crate::funding::Comparison,
    model: FundingModel,
    organisations: &[Organisation],
) -> Vec<Charge> {
    let mut out = Vec::new();
    for (index, customer) in case.customers.iter().enumerate() {
        let Some(organisation) = organisations.iter().find(|o| o.id == customer.organisation_id) else { continue };
        let name = |list_name: &str| list_name == organisation.name;
        for (y, &year) in comparison.years.iter().enumerate() {
            let (pays, frame_transfer) = match model {
                FundingModel::CostAllocation => {
                    (comparison.cost_allocation.customers.get(index).map(|c| c.preliminary[y]), None)
                }
                FundingModel::InvoicePerUnit => (comparison.invoice.customers.get(index).map(|c| c.invoiced[y]), None),
                FundingModel::MunicipalGrant => (
                    comparison.grant.company_invoices.iter().find(|c| name(&c.name)).map(|c| c.invoiced[y]),
                    comparison.grant.frame_transfer.iter().find(|t| name(&t.name)).map(|t| t.amount[y]),
                ),
                FundingModel::OwnBudget => (None, None),
            };
            if pays.is_none() && frame_transfer.is_none() {
                continue;
            }
            out.push(Charge {
                organisation_id: organisation.id,
                organisation: organisation.name.clone(),
                kind: organisation.kind,
                year,
                pays: pays.unwrap_or(Money::ZERO),
                frame_transfer: frame_transfer.unwrap_or(Money::ZERO),
            });
        }
    }
    out
}
