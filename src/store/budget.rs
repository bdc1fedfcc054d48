//! Loading a scenario's budget material: its selection problem, the facts of its items, the decided frames and the
//! decisions recorded on them. Solving it ([`BudgetInput::solve`]) needs no portfolio.

use std::collections::HashMap;

use super::Reader;
use crate::domain::ValuedKind;
use crate::domain::{CriteriaSet, DecidedFrame, DecisionOutcome, Id, Initiative, Meeting, Scenario, Service};
use crate::error::Result;
use crate::prioritisation::budget::{BudgetInput, DecisionRef, ItemFacts, item_of};

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
            let facts = match kind {
                ValuedKind::Initiative => initiatives.get(&id).map(|i| ItemFacts {
                    kind,
                    id,
                    reference: i.case_number.clone(),
                    name: i.title.clone(),
                    funding_model: i.funding_model,
                    state: Some(i.state),
                    decision,
                }),
                ValuedKind::Service => services.get(&id).map(|s| ItemFacts {
                    kind,
                    id,
                    reference: String::new(),
                    name: s.name.clone(),
                    funding_model: s.funding_model,
                    state: None,
                    decision,
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
        })
    }

    /// The decisions that prioritise (or not) on agenda items, newest meeting first: per item, what it is about
    /// (an initiative, a service, or neither), and the citation.
    fn prioritising_decisions(&self) -> Result<Vec<(ValuedKind, Option<Id>, Cited)>> {
        let mut meetings: Vec<Meeting> = self.all()?;
        meetings.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
        let mut out = Vec::new();
        for meeting in &meetings {
            let decisions = self.decisions_of(meeting)?;
            for item in &meeting.items {
                let Some(decision) = decisions.get(&item.id) else { continue };
                if !matches!(
                    decision.outcome,
                    DecisionOutcome::Prioritised | DecisionOutcome::NotPrioritised | DecisionOutcome::Decided
                ) {
                    continue;
                }
                let reference = DecisionRef {
                    body: meeting.body.clone(),
                    date: meeting.date.clone(),
                    paragraph: item.paragraph,
                    outcome: decision.outcome,
                    item_title: item.title.clone(),
                };
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

/// A decision with the agenda item it was made on.
#[derive(Clone)]
struct Cited {
    item_id: Id,
    reference: DecisionRef,
}
