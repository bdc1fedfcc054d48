//! What the group's decisions do, and what only they may do. A decision is recorded at a meeting that has taken
//! place; it numbers the meeting's paragraphs, moves the initiative it names into the group's states (riktlinjen,
//! "Prioritering och beslut": the group "värderar och prioriterar", and may "besluta om enskilda
//! förändringsinsatser"), records that the group was informed of the deviation it names ("den strategiska
//! samordningsgruppen ska informeras", "Avsteg från riktlinjen"), and, on an item that puts a scenario's budget
//! material before the group, moves every item of the material at once and keeps what it chose. Changing or
//! removing a decision reverses what it moved; a step taken by mistake is reversed by whoever took it.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::Serialize;

use super::history::{self, Action, Why};
use super::{Reader, Stored, Writer, initiatives, meetings};
use crate::domain::{
    Audited, CriteriaSet, DecidedLine, Decision, DecisionOutcome, Deviation, DeviationStep, Entity, Id, Initiative,
    InitiativeState, ItemRef, Meeting, Problems, Requirement, Rule, Service, StepDone, lifecycle, lifecycle::Mover,
};
use crate::error::{Error, Result};
use crate::prioritisation::budget::{FrameBasis, item_of};
use crate::time::NaiveDate;

/// An initiative a decision (or an undo) moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedInitiative {
    pub id: Id,
    pub label: String,
    pub from: InitiativeState,
    pub to: InitiativeState,
}

/// An initiative a decision names that stays where it is: the decision's state is no move from its state
/// (`missing` empty), or it lacks what that state needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmovedInitiative {
    pub id: Id,
    pub label: String,
    pub state: InitiativeState,
    pub to: InitiativeState,
    pub missing: Vec<Requirement>,
}

/// What recording a decision did besides keeping it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DecisionEffects {
    pub decision_id: Id,
    /// The item's § in the minutes.
    pub paragraph: Option<i32>,
    pub moved: Vec<MovedInitiative>,
    pub unmoved: Vec<UnmovedInitiative>,
    /// Moves of an earlier version of the decision that were reversed because its outcome changed.
    pub reversed: Vec<MovedInitiative>,
    /// The deviation whose step "the group informed" the decision recorded, by title.
    pub informed: Option<String>,
    /// The deviation the item names, by title, when the group being informed is not its next step (and which is).
    pub deviation_waiting: Option<(String, Option<DeviationStep>)>,
    /// On budget material: how many of its items were chosen, and how many it holds.
    pub budget_chosen: Option<(usize, usize)>,
}

/// A step undone: the initiative is back where it was.
pub type UndoneStep = MovedInitiative;

/// Whether a decision with `outcome` on budget material sends it on (and moves its items).
fn sends_material(outcome: DecisionOutcome) -> bool {
    matches!(outcome, DecisionOutcome::Prioritised | DecisionOutcome::Decided)
}

impl Writer<'_> {
    /// Refuses what only a meeting that has taken place can do, while its date (Swedish time) is still ahead.
    fn refuse_before_meeting(&self, meeting: &Meeting) -> Result<()> {
        let today = crate::time::local_date(self.stamp.at);
        if meeting.date > today {
            Err(Error::MeetingNotHeld { label: meeting.label(), date: crate::time::date_text(meeting.date) })
        } else {
            Ok(())
        }
    }

    /// Records (or changes) the decision on an agenda item, once the meeting has taken place. The meeting's items
    /// get their paragraphs (§) the first time; a linked initiative moves into the decision's state when that is
    /// a move of its lifecycle and it holds what the state needs (otherwise the decision stands and the initiative
    /// stays, reported in [`DecisionEffects::unmoved`]); a linked deviation records that the group was informed;
    /// budget material moves every item at once; the criteria set the meeting values with is locked. A changed
    /// outcome first reverses what the earlier one moved.
    pub fn record_decision(&mut self, mut decision: Decision) -> Result<DecisionEffects> {
        let meeting_id = meetings::meeting_of_item(self.conn, decision.item_id)?
            .ok_or(Error::NotFound { entity: Entity::Meeting, id: decision.item_id })?;
        let before: Meeting = self.read().get(meeting_id)?;
        self.refuse_before_meeting(&before)?;
        let item = before.items.iter().find(|i| i.id == decision.item_id).cloned().expect("the item is the meeting's");
        let previous: Option<Decision> = match meetings::decision_of_item(self.conn, decision.item_id)? {
            Some(id) => Some(self.read().get(id)?),
            None => None,
        };
        let outcome_changed = previous.as_ref().is_none_or(|p| p.outcome != decision.outcome);
        // What budget material the decision keeps is the portfolio's: the earlier decision's while its outcome
        // stands, else what the material chooses now.
        decision.budget_lines = match (&previous, item.scenario_id) {
            (Some(p), Some(_)) if !outcome_changed => p.budget_lines.clone(),
            (_, Some(scenario)) if sends_material(decision.outcome) => self.material_lines(scenario)?,
            _ => Vec::new(),
        };
        let id = match &previous {
            Some(p) => {
                decision.id = p.id;
                self.update(decision.clone())?;
                p.id
            }
            None => self.create(decision.clone())?,
        };
        if before.items.iter().any(|i| i.paragraph.is_none()) {
            meetings::number_paragraphs(self.conn, &before)?;
            let after: Meeting = self.read().get(meeting_id)?;
            history::record(self.conn, self.stamp, Action::Update, &Why::note("§"), Some(&before), Some(&after))?;
        }
        let paragraph =
            self.read().get::<Meeting>(meeting_id)?.items.iter().find(|i| i.id == item.id).and_then(|i| i.paragraph);
        let why = Why {
            note: match paragraph {
                Some(p) => format!("§ {p}: {}", decision.text.trim()),
                None => decision.text.trim().to_string(),
            },
            decision: Some(id),
            undoes: None,
        };
        let mut effects = DecisionEffects { decision_id: id, paragraph, ..DecisionEffects::default() };
        if outcome_changed && previous.is_some() {
            effects.reversed = self.reverse_moves_of(id, &why)?;
        }
        if let Some(service_id) = item.service_id {
            // A decision about an existing shared service (prioritised, or not: a proposal to reduce or phase it
            // out) is part of the service's history, as an initiative's moves its lifecycle.
            let service: Service = self.read().get(service_id)?;
            let event = (Entity::Service, service_id, service.name.as_str());
            history::record_event(self.conn, self.stamp, event, &why, ("decision", decision.outcome.key()))?;
        }
        if let (Some(initiative_id), Some(state), true) =
            (item.initiative_id, decision.outcome.moves_initiative_to(), outcome_changed)
        {
            self.move_by_decision(initiative_id, state, &why, &mut effects)?;
        }
        if let Some(deviation_id) = item.deviation_id
            && decision.outcome != DecisionOutcome::Tabled
        {
            self.group_informed(deviation_id, before.date, paragraph, &why, &mut effects)?;
        }
        if item.scenario_id.is_some() && sends_material(decision.outcome) {
            let chosen = decision.budget_lines.iter().filter(|l| l.chosen).count();
            effects.budget_chosen = Some((chosen, decision.budget_lines.len()));
            if outcome_changed {
                for line in &decision.budget_lines {
                    self.move_budget_line(line, &why, &mut effects)?;
                }
            }
        }
        if let Some(set_id) = before.criteria_set_id {
            let set: CriteriaSet = self.read().get(set_id)?;
            if !set.locked {
                self.update(CriteriaSet { locked: true, ..set })?;
            }
        }
        Ok(effects)
    }

    /// Removes a decision from minutes not yet approved, reversing what it moved.
    pub fn remove_decision(&mut self, id: Id) -> Result<Vec<MovedInitiative>> {
        let decision: Decision = self.read().get(id)?;
        let why =
            Why { note: format!("Beslutet togs bort: {}", decision.text.trim()), decision: Some(id), undoes: None };
        // Refused first when the minutes are approved (the decision is then part of them).
        let users = Decision::used_by(self.conn, id)?;
        if !users.is_empty() {
            return Err(Error::InUse {
                entity: Entity::Decision,
                label: decision.label(),
                count: users.len(),
                used_by: users.join(", "),
            });
        }
        let reversed = self.reverse_moves_of(id, &why)?;
        self.delete::<Decision>(id)?;
        Ok(reversed)
    }

    /// What a scenario's budget material chooses now, within the proposed frames (the group's proposal to the
    /// city's budget process, riktlinjen, "Prioritering och beslut"), as lines to keep.
    fn material_lines(&self, scenario: Id) -> Result<Vec<DecidedLine>> {
        let budget = self.read().budget_input(scenario)?.solve(FrameBasis::Proposed)?;
        Ok(budget
            .lines
            .iter()
            .filter_map(|line| {
                let (kind, id) = item_of(&line.candidate)?;
                let label = match kind {
                    crate::domain::ValuedKind::Initiative if !line.item.reference.is_empty() => {
                        format!("{} {}", line.item.reference, line.item.name)
                    }
                    _ => line.item.name.clone(),
                };
                Some(DecidedLine { item: ItemRef::of(kind, id), label, chosen: line.chosen })
            })
            .collect())
    }

    /// Moves one item of decided budget material: a chosen initiative to *Prioriterad*, the others to *Ej
    /// prioriterad*; a service's history keeps the decision.
    fn move_budget_line(&mut self, line: &DecidedLine, why: &Why, effects: &mut DecisionEffects) -> Result<()> {
        match line.item {
            ItemRef::Initiative(id) => {
                if !self.read().exists::<Initiative>(id)? {
                    return Ok(());
                }
                let current: Initiative = self.read().get(id)?;
                // Only what the material could prioritise is decided against: an initiative without material (or
                // sent back to analysis, or ended) stays where it is.
                if !line.chosen && lifecycle::budget_eligibility(current.track, current.state).is_some() {
                    return Ok(());
                }
                let to = if line.chosen { InitiativeState::Prioritised } else { InitiativeState::NotPrioritised };
                // An initiative already past the group's decision (in the budget material, decided frames or
                // being realised) and chosen again keeps its state: nothing to report.
                let further = matches!(current.state.phase(), crate::domain::Phase::Realisation)
                    || matches!(current.state, InitiativeState::InBudgetMaterial | InitiativeState::FrameDecided);
                if line.chosen && further {
                    return Ok(());
                }
                self.move_by_decision(id, to, why, effects)
            }
            ItemRef::Service(id) => {
                if !self.read().exists::<Service>(id)? {
                    return Ok(());
                }
                let service: Service = self.read().get(id)?;
                let outcome = if line.chosen { DecisionOutcome::Prioritised } else { DecisionOutcome::NotPrioritised };
                let event = (Entity::Service, id, service.name.as_str());
                history::record_event(self.conn, self.stamp, event, why, ("decision", outcome.key()))
            }
        }
    }

    /// Moves an initiative into a state by a decision of the group, reporting a move it cannot take.
    fn move_by_decision(
        &mut self,
        id: Id,
        to: InitiativeState,
        why: &Why,
        effects: &mut DecisionEffects,
    ) -> Result<()> {
        let current: Initiative = self.read().get(id)?;
        if current.state == to {
            return Ok(());
        }
        match self.move_initiative_as(id, to, why, Mover::GroupDecision) {
            Ok(()) => {
                effects.moved.push(MovedInitiative { id, label: current.label(), from: current.state, to });
                Ok(())
            }
            Err(Error::Transition { missing, .. }) => {
                effects.unmoved.push(UnmovedInitiative {
                    id,
                    label: current.label(),
                    state: current.state,
                    to,
                    missing,
                });
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    /// Puts back every initiative a decision moved, when it is still where the decision left it: to where it was
    /// before the decision first moved it. Recorded with `why` (the decision that changed or was removed).
    fn reverse_moves_of(&mut self, decision: Id, why: &Why) -> Result<Vec<MovedInitiative>> {
        let ids: Vec<Id> = {
            let mut statement = self.conn.prepare(
                "SELECT DISTINCT record_id FROM change WHERE decision_id = ?1 AND entity = 'initiative' ORDER BY record_id",
            )?;
            statement.query_map([decision], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let mut reversed = Vec::new();
        for id in ids {
            if !self.read().exists::<Initiative>(id)? {
                continue;
            }
            let changes = history::of_record(self.conn, Entity::Initiative, id)?;
            let made: Vec<(InitiativeState, InitiativeState)> = changes
                .iter()
                .filter(|c| c.decision_id == Some(decision) && c.undoes.is_none())
                .filter_map(state_move)
                .collect();
            let (Some(latest), Some(first)) = (made.first(), made.last()) else { continue };
            let current: Initiative = self.read().get(id)?;
            let origin = first.0;
            if current.state != latest.1 || current.state == origin {
                continue;
            }
            self.restore_state(&current, origin, why)?;
            reversed.push(MovedInitiative { id, label: current.label(), from: current.state, to: origin });
        }
        Ok(reversed)
    }

    /// Sets an initiative's state back to one it held, recording why; no lifecycle move is checked (the state was
    /// valid before the move that is reversed).
    fn restore_state(&mut self, current: &Initiative, to: InitiativeState, why: &Why) -> Result<()> {
        let after = Initiative { state: to, ..current.clone() };
        self.refuse_if_locked_record(current)?;
        after.update(self.conn)?;
        history::record(self.conn, self.stamp, Action::Update, why, Some(current), Some(&after))
    }

    /// Records that the group was informed of a deviation (the step "SSG informerad", dated the meeting's day),
    /// when that is its next step.
    fn group_informed(
        &mut self,
        deviation_id: Id,
        date: NaiveDate,
        paragraph: Option<i32>,
        why: &Why,
        effects: &mut DecisionEffects,
    ) -> Result<()> {
        let mut deviation: Deviation = self.read().get(deviation_id)?;
        if deviation.steps.iter().any(|s| s.step == DeviationStep::GroupInformed) {
            return Ok(());
        }
        let practice = self.read().parameters()?.practice;
        let next = deviation.next_step(&practice);
        if next != Some(DeviationStep::GroupInformed) {
            effects.deviation_waiting = Some((deviation.title.clone(), next));
            return Ok(());
        }
        let note = paragraph.map_or_else(String::new, |p| format!("§ {p}"));
        deviation.steps.push(StepDone { step: DeviationStep::GroupInformed, date, note });
        effects.informed = Some(deviation.title.clone());
        let saved = std::mem::replace(&mut self.why, why.clone());
        let result = self.update(deviation);
        self.why = saved;
        result
    }

    /// Moves an initiative one step along its lifecycle (a step anyone may take), recording `reason` with who and
    /// when. Refused with [`Error::Transition`] when `to` does not follow its state on its track, it lacks what
    /// `to` requires, or `to` is a state only the group's decision enters ([`Requirement::GroupDecision`]).
    pub fn move_initiative(&mut self, id: Id, to: InitiativeState, reason: &str) -> Result<()> {
        self.move_initiative_as(id, to, &Why::note(reason.trim()), Mover::Step)
    }

    pub(super) fn move_initiative_as(&mut self, id: Id, to: InitiativeState, why: &Why, mover: Mover) -> Result<()> {
        let before: Initiative = self.read().get(id)?;
        if before.state == to {
            return Err(Error::AlreadyInState { label: before.label(), state: to });
        }
        let after = Initiative { state: to, ..before.clone() };
        let facts = initiatives::facts(self.conn, id)?;
        lifecycle::check(before.state, to, &after, &facts, &why.note, mover).map_err(|missing| Error::Transition {
            label: before.label(),
            from: Some(before.state),
            to,
            missing: missing.unwrap_or_default(),
        })?;
        self.refuse_if_locked_record(&before)?;
        after.update(self.conn)?;
        history::record(self.conn, self.stamp, Action::Update, why, Some(&before), Some(&after))
    }

    /// Reverses the latest step of an initiative's lifecycle that was taken by a step (not a decision of the
    /// group), by the same person, with a reason kept in the history. A step that a decision made is reversed only
    /// by a new decision; someone else's step only by them.
    pub fn undo_step(&mut self, id: Id, reason: &str) -> Result<UndoneStep> {
        let current: Initiative = self.read().get(id)?;
        if reason.trim().is_empty() {
            let mut problems = Problems::new();
            problems.add("reason", Rule::Required);
            return Err(Error::Invalid { entity: Entity::Initiative, label: current.label(), problems });
        }
        let Some(last) = self.read().latest_step(id)? else {
            return Err(Error::NothingToUndo { label: current.label() });
        };
        if let Some(decision) = last.decision {
            return Err(Error::UndoByDecision { label: current.label(), decision });
        }
        if last.by != self.stamp.by {
            return Err(Error::UndoByOther { label: current.label(), by: last.by });
        }
        let why = Why { note: reason.trim().to_string(), decision: None, undoes: Some(last.change_id) };
        self.restore_state(&current, last.from, &why)?;
        Ok(MovedInitiative { id, label: current.label(), from: current.state, to: last.from })
    }

    /// Approves a meeting's minutes, once the meeting has taken place, naming who checked them (the justerare,
    /// by default the meeting's). From then on they are locked: decisions cannot be removed, and every change is
    /// shown in the minutes as a dated correction. Who recorded the approval is kept in the history.
    pub fn approve_minutes(&mut self, meeting_id: Id, checker: &str) -> Result<()> {
        let before: Meeting = self.read().get(meeting_id)?;
        if before.is_approved() {
            return Err(Error::AlreadyApproved(before.label()));
        }
        self.refuse_before_meeting(&before)?;
        let checker = checker.trim();
        let mut problems = Problems::new();
        problems.text("minutes_checker", checker, true, crate::domain::validation::MAX_NAME);
        if !problems.is_empty() {
            return Err(Error::Invalid { entity: Entity::Meeting, label: before.label(), problems });
        }
        meetings::set_approval(self.conn, meeting_id, &self.stamp.at.to_string(), checker)?;
        let after: Meeting = self.read().get(meeting_id)?;
        history::record(self.conn, self.stamp, Action::Update, &Why::default(), Some(&before), Some(&after))
    }
}

/// The latest move of an initiative's state, the one an undo would reverse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatestStep {
    /// The change in the history that made it.
    pub change_id: Id,
    /// RFC 3339, UTC.
    pub at: String,
    pub by: String,
    pub from: InitiativeState,
    pub to: InitiativeState,
    /// The decision of the group that made it, cited ("Strategisk samordningsgrupp … 2026-12-17 § 40").
    pub decision: Option<String>,
}

impl Reader<'_> {
    /// Whether a record of a kind exists.
    pub fn exists<T: Stored>(&self, id: Id) -> Result<bool> {
        Ok(T::load(self.conn, id)?.is_some())
    }

    /// The latest move of an initiative's state that is neither an undo nor undone, when it is what put the
    /// initiative where it is now (not an import, not its creation).
    pub fn latest_step(&self, id: Id) -> Result<Option<LatestStep>> {
        let current: Initiative = self.get(id)?;
        let changes = history::of_record(self.conn, Entity::Initiative, id)?;
        let undone: HashSet<Id> = changes.iter().filter_map(|c| c.undoes).collect();
        let last = changes
            .iter()
            .filter(|c| c.fields.iter().any(|f| f.field == "state"))
            .find(|c| c.undoes.is_none() && !undone.contains(&c.id));
        let Some(last) = last.filter(|c| c.action == Action::Update) else { return Ok(None) };
        let Some((from, to)) = state_move(last) else { return Ok(None) };
        if to != current.state {
            return Ok(None);
        }
        let decision = last.decision_id.map(|d| citation(self.conn, d));
        Ok(Some(LatestStep { change_id: last.id, at: last.at.clone(), by: last.by.clone(), from, to, decision }))
    }
}

/// "Strategisk samordningsgrupp för digitalisering 2026-12-17 § 40" for a decision: its meeting and paragraph.
fn citation(conn: &Connection, decision: Id) -> String {
    conn.query_row(
        "SELECT m.body || ' ' || m.date || COALESCE(' § ' || a.paragraph, '') FROM decision d
         JOIN agenda_item a ON a.id = d.item_id JOIN meeting m ON m.id = a.meeting_id WHERE d.id = ?1",
        [decision],
        |r| r.get(0),
    )
    .unwrap_or_else(|_| format!("#{decision}"))
}

/// The state a change moved an initiative from and to, if it changed the state.
fn state_move(change: &super::Change) -> Option<(InitiativeState, InitiativeState)> {
    let field = change.fields.iter().find(|f| f.field == "state")?;
    let from = InitiativeState::from_key(field.old.as_deref()?)?;
    let to = InitiativeState::from_key(field.new.as_deref()?)?;
    Some((from, to))
}
