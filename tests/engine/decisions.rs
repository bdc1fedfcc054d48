//! What only the group's decisions do (issue 25): the group's states are entered by a decision recorded at a
//! meeting that has taken place, never by a bare step; a changed or removed decision puts back what it moved; a
//! step taken by mistake is undone by whoever took it; budget material decided as a whole moves every item at once
//! and keeps what it chose; a decision on a deviation records that the group was informed.

use samordna::domain::{
    Decision, DecisionOutcome, Deviation, DeviationStep, Entity, Id, Initiative, InitiativeState, ItemRef, Meeting,
    Requirement,
};
use samordna::prioritisation::budget::{FrameBasis, NotChosen};
use samordna::{Error, Portfolio, Stamp};

use crate::support::{Workspace, after_meeting, at, day, stamp};

/// The day after the sample's meeting of 17 December.
fn after_december() -> Stamp {
    Stamp::new("Anna Lindqvist", at("2026-12-18T08:00:00Z"))
}

fn initiative(portfolio: &Portfolio, case: &str) -> Initiative {
    portfolio.read().initiative_by_case_number(case).unwrap()
}

fn meeting(portfolio: &Portfolio, date: &str) -> Meeting {
    let meetings: Vec<Meeting> = portfolio.read().all().unwrap();
    meetings.into_iter().find(|m| m.date == day(date)).unwrap()
}

fn decision(item_id: Id, outcome: DecisionOutcome, text: &str) -> Decision {
    Decision { id: 0, item_id, outcome, text: text.into(), notes: String::new(), budget_lines: Vec::new() }
}

fn state(portfolio: &Portfolio, case: &str) -> InitiativeState {
    initiative(portfolio, case).state
}

#[test]
fn a_step_never_enters_the_groups_states_and_says_what_would_make_it_possible() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let valued = initiative(&portfolio, "SLK-2026-00101");
    assert_eq!(valued.state, InitiativeState::Valued);
    for to in [
        InitiativeState::Prioritised,
        InitiativeState::NotPrioritised,
        InitiativeState::SentBack,
        InitiativeState::DecidedByGroup,
    ] {
        let error = portfolio.write(&stamp(), |w| w.move_initiative(valued.id, to, "Motivering")).unwrap_err();
        let Error::Transition { missing, .. } = &error else { panic!("{error:?}") };
        assert_eq!(missing, &[Requirement::GroupDecision], "{to:?}");
        assert!(error.to_string().contains("a decision of the group recorded at a meeting"), "{error}");
    }
    assert_eq!(state(&portfolio, "SLK-2026-00101"), InitiativeState::Valued, "nothing changed");
    // Nor does saving the record with another state (the form, a sheet) get round it.
    let edited = Initiative { state: InitiativeState::Prioritised, ..valued.clone() };
    assert_eq!(portfolio.write(&stamp(), |w| w.update(edited)).unwrap_err().code(), "transition");
    // I budgetunderlag needs budget material the group decided to send; SLK-2026-00102 is prioritised but was not
    // chosen in the material decided in May.
    let prioritised = initiative(&portfolio, "SLK-2026-00102");
    let error = portfolio
        .write(&stamp(), |w| w.move_initiative(prioritised.id, InitiativeState::InBudgetMaterial, ""))
        .unwrap_err();
    let Error::Transition { missing, .. } = &error else { panic!("{error:?}") };
    assert_eq!(missing, &[Requirement::BudgetMaterialSent]);
    // Ram beslutad needs the council's frames for every year with costs: 2027 only is decided, SLK-2026-00111 costs
    // money 2026–2029.
    let in_material = initiative(&portfolio, "SLK-2026-00111");
    let error = portfolio
        .write(&stamp(), |w| w.move_initiative(in_material.id, InitiativeState::FrameDecided, ""))
        .unwrap_err();
    let Error::Transition { missing, .. } = &error else { panic!("{error:?}") };
    assert_eq!(missing, &[Requirement::DecidedFrames]);
    // A step to where it already is says so.
    let error = portfolio.write(&stamp(), |w| w.move_initiative(valued.id, InitiativeState::Valued, "")).unwrap_err();
    assert_eq!(error.code(), "already_in_state");
}

#[test]
fn decisions_wait_for_the_meeting_and_move_the_initiative_with_the_decision_kept_in_its_history() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let december = meeting(&portfolio, "2026-12-03");
    let item = december.items.iter().find(|i| i.initiative_id.is_some()).unwrap().clone();
    let prioritise = decision(item.id, DecisionOutcome::Prioritised, "Samordningsgruppen prioriterar insatsen.");
    let early = Stamp::new("Anna Lindqvist", at("2026-12-02T22:30:00Z"));
    let error = portfolio.write(&early, |w| w.record_decision(prioritise.clone())).unwrap_err();
    assert_eq!(error.code(), "meeting_not_held");
    assert!(error.to_string().contains("2026-12-03"), "{error}");
    assert!(portfolio.read().decisions_of(&december).unwrap().is_empty(), "nothing recorded");
    // Half past midnight on the meeting's day in Göteborg is the day of the meeting.
    let that_night = Stamp::new("Anna Lindqvist", at("2026-12-02T23:30:00Z"));
    let effects = portfolio.write(&that_night, |w| w.record_decision(prioritise)).unwrap();
    let id = item.initiative_id.unwrap();
    assert_eq!(effects.moved.len(), 1);
    assert_eq!((effects.moved[0].from, effects.moved[0].to), (InitiativeState::Valued, InitiativeState::Prioritised));
    // The meeting's items are numbered from § 37 (the year's § 27–36 were in October), this one sixth (after the
    // four opening items and the budget information).
    assert_eq!(effects.paragraph, Some(42));
    let history = portfolio.read().history(Entity::Initiative, id).unwrap();
    assert_eq!(history[0].decision_id, Some(effects.decision_id));
    assert!(history[0].note.starts_with("§ 42: "), "{}", history[0].note);
    // A decision's move is undone only by a new decision, whoever asks.
    let error = portfolio.write(&that_night, |w| w.undo_step(id, "Fel")).unwrap_err();
    assert_eq!(error.code(), "undo_by_decision");
    assert!(error.to_string().contains("2026-12-03 § 42"), "{error}");
    // The group reconsiders: the changed decision puts the initiative back and moves it again.
    let changed = decision(item.id, DecisionOutcome::SentBack, "Ärendet återremitteras.");
    let effects = portfolio.write(&after_meeting(), |w| w.record_decision(changed)).unwrap();
    assert_eq!(effects.reversed.len(), 1);
    assert_eq!(effects.reversed[0].to, InitiativeState::Valued);
    assert_eq!(state(&portfolio, "SLK-2026-00101"), InitiativeState::SentBack);
    // Tabled: no state of its own, back to where the decisions found it.
    let tabled = decision(item.id, DecisionOutcome::Tabled, "Bordläggs.");
    portfolio.write(&after_meeting(), |w| w.record_decision(tabled)).unwrap();
    assert_eq!(state(&portfolio, "SLK-2026-00101"), InitiativeState::Valued);
    // Removing the decision (the minutes are not approved) puts back what it moved.
    let prioritise = decision(item.id, DecisionOutcome::Prioritised, "Prioriteras.");
    let effects = portfolio.write(&after_meeting(), |w| w.record_decision(prioritise)).unwrap();
    assert_eq!(state(&portfolio, "SLK-2026-00101"), InitiativeState::Prioritised);
    let reversed = portfolio.write(&after_meeting(), |w| w.remove_decision(effects.decision_id)).unwrap();
    assert_eq!(reversed.len(), 1);
    assert_eq!(state(&portfolio, "SLK-2026-00101"), InitiativeState::Valued);
}

#[test]
fn a_decision_the_initiative_cannot_take_stands_and_says_why_it_stays() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let december = meeting(&portfolio, "2026-12-03");
    // "AI-stöd i kontaktcenter" is Identifierad: the group cannot prioritise what has no material.
    let identified = initiative(&portfolio, "SLK-2026-00109");
    let item = december.items.iter().find(|i| i.initiative_id == Some(identified.id)).unwrap();
    let effects = portfolio
        .write(&after_meeting(), |w| w.record_decision(decision(item.id, DecisionOutcome::Prioritised, "Prioriteras.")))
        .unwrap();
    assert!(effects.moved.is_empty());
    assert_eq!(effects.unmoved.len(), 1);
    assert_eq!(effects.unmoved[0].state, InitiativeState::Identified);
    assert!(effects.unmoved[0].missing.is_empty(), "no move of its lifecycle");
    assert_eq!(state(&portfolio, "SLK-2026-00109"), InitiativeState::Identified);
    assert_eq!(portfolio.read().decisions_of(&meeting(&portfolio, "2026-12-03")).unwrap().len(), 1, "it stands");
}

#[test]
fn a_step_taken_by_mistake_is_undone_by_whoever_took_it_with_a_reason() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let case = "SLK-2026-00103";
    let id = initiative(&portfolio, case).id;
    assert_eq!(state(&portfolio, case), InitiativeState::Prepared);
    portfolio.write(&stamp(), |w| w.move_initiative(id, InitiativeState::Cancelled, "Dubblett")).unwrap();
    let latest = portfolio.read().latest_step(id).unwrap().unwrap();
    assert_eq!(
        (latest.from, latest.to, latest.by.as_str()),
        (InitiativeState::Prepared, InitiativeState::Cancelled, "Anna Lindqvist")
    );
    let someone_else = Stamp::new("Jonas Berg", at("2026-11-26T10:00:00Z"));
    let error = portfolio.write(&someone_else, |w| w.undo_step(id, "Fel")).unwrap_err();
    assert_eq!(error.code(), "undo_by_other");
    assert!(error.to_string().contains("Anna Lindqvist"), "{error}");
    let error = portfolio.write(&stamp(), |w| w.undo_step(id, "  ")).unwrap_err();
    assert!(error.to_string().contains("reason is required"), "{error}");
    let undone = portfolio.write(&stamp(), |w| w.undo_step(id, "Fel initiativ avbrutet")).unwrap();
    assert_eq!((undone.from, undone.to), (InitiativeState::Cancelled, InitiativeState::Prepared));
    assert_eq!(state(&portfolio, case), InitiativeState::Prepared);
    let history = portfolio.read().history(Entity::Initiative, id).unwrap();
    assert_eq!(history[0].note, "Fel initiativ avbrutet");
    assert_eq!(history[0].undoes, Some(history[1].id), "the undo names the step it reverses");
    // Nothing of her own is left to undo: the sample's state came with the import.
    let error = portfolio.write(&stamp(), |w| w.undo_step(id, "Igen")).unwrap_err();
    assert_eq!(error.code(), "nothing_to_undo");
    // Two steps are undone one at a time, newest first (the members have scored it: it can be valued).
    portfolio.write(&stamp(), |w| w.move_initiative(id, InitiativeState::Valued, "Poängsatt")).unwrap();
    portfolio.write(&stamp(), |w| w.move_initiative(id, InitiativeState::Cancelled, "Dubblett")).unwrap();
    portfolio.write(&stamp(), |w| w.undo_step(id, "Fel initiativ")).unwrap();
    assert_eq!(state(&portfolio, case), InitiativeState::Valued);
    portfolio.write(&stamp(), |w| w.undo_step(id, "För tidigt")).unwrap();
    assert_eq!(state(&portfolio, case), InitiativeState::Prepared);
}

#[test]
fn budget_material_decided_as_a_whole_moves_every_item_and_keeps_what_it_chose() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = portfolio.read().budget_input(1).unwrap().solve(FrameBasis::Proposed).unwrap();
    // What cannot be prioritised is never listed as prioritised, and says why.
    for (case, expected) in [("SLK-2026-00121", "prioriteras inte"), ("SLK-2026-00113", "inte klart (Återremitterad")]
    {
        let line = before.lines.iter().find(|l| l.item.reference == case).unwrap();
        assert!(!line.chosen, "{case}");
        assert!(matches!(line.reason, Some(NotChosen::Ineligible { .. })), "{case}: {:?}", line.reason);
        let why = samordna::prioritisation::budget::reason_text(line, samordna::domain::Language::Sv);
        assert!(why.contains(expected), "{case}: {why}");
    }
    let not_prioritised = before.lines.iter().find(|l| l.item.reference == "SLK-2026-00121").unwrap();
    assert_eq!(
        not_prioritised.item.decision.as_ref().unwrap().with_outcome(samordna::domain::Language::Sv),
        "2026-10-15 § 35: prioriteras inte"
    );
    // The material decided in May is cited, with what it chose.
    assert_eq!(before.material_decision.as_ref().unwrap().citation(), "2026-05-21 § 14");
    let schedule = before.lines.iter().find(|l| l.item.reference == "SLK-2026-00111").unwrap();
    assert_eq!(schedule.decided, Some(true));
    let chosen_now: Vec<String> = before.lines.iter().filter(|l| l.chosen).map(|l| l.candidate.clone()).collect();

    let december = meeting(&portfolio, "2026-12-17");
    let item = december.items.iter().find(|i| i.scenario_id == Some(1)).unwrap().clone();
    let whole = decision(item.id, DecisionOutcome::Prioritised, "Samordningsgruppen prioriterar enligt förslaget.");
    assert_eq!(
        portfolio.write(&after_meeting(), |w| w.record_decision(whole.clone())).unwrap_err().code(),
        "meeting_not_held"
    );
    let effects = portfolio.write(&after_december(), |w| w.record_decision(whole)).unwrap();
    let kept =
        portfolio.read().decisions_of(&meeting(&portfolio, "2026-12-17")).unwrap()[&item.id].budget_lines.clone();
    assert_eq!(kept.len(), before.lines.len(), "every line of the material");
    let kept_chosen: Vec<String> = kept.iter().filter(|l| l.chosen).map(|l| l.item.to_string()).collect();
    assert_eq!(kept_chosen, chosen_now, "what the material chose when the decision was recorded");
    assert_eq!(effects.budget_chosen, Some((chosen_now.len(), before.lines.len())));
    // Valued and chosen → Prioriterad; valued and not chosen → Ej prioriterad; each with the §.
    for line in &before.lines {
        let Some(ItemRef::Initiative(id)) = line.candidate.parse::<ItemRef>().ok() else { continue };
        let now: Initiative = portfolio.read().get(id).unwrap();
        let was = line.item.state.unwrap();
        if was == InitiativeState::Valued {
            let expected = if line.chosen { InitiativeState::Prioritised } else { InitiativeState::NotPrioritised };
            assert_eq!(now.state, expected, "{}", line.item.reference);
            let history = portfolio.read().history(Entity::Initiative, id).unwrap();
            assert_eq!(history[0].decision_id, Some(effects.decision_id));
            assert!(history[0].note.starts_with("§ "), "{}", history[0].note);
        }
        if matches!(was, InitiativeState::Identified | InitiativeState::Analysis | InitiativeState::SentBack) {
            assert_eq!(now.state, was, "{} has no material and stays", line.item.reference);
        }
    }
    assert!(effects.moved.iter().any(|m| m.to == InitiativeState::NotPrioritised), "{effects:?}");
    // A chosen, prioritised initiative may now go into the budget material; the material offers the step.
    let after = portfolio.read().budget_input(1).unwrap().solve(FrameBasis::Proposed).unwrap();
    let offered = after.lifecycle.iter().find(|s| s.to == InitiativeState::InBudgetMaterial).expect("a step offered");
    portfolio.write(&after_december(), |w| w.move_initiative(offered.initiative_id, offered.to, "")).unwrap();
    assert_eq!(after.material_decision.as_ref().unwrap().paragraph, effects.paragraph);
    // A service of the material keeps the decision in its history.
    let service_line = kept.iter().find(|l| matches!(l.item, ItemRef::Service(_))).unwrap();
    let history = portfolio.read().history(Entity::Service, service_line.item.id()).unwrap();
    assert_eq!(history[0].decision_id, Some(effects.decision_id));
}

#[test]
fn the_materials_totals_per_funding_type_and_organisation_add_up() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let budget = portfolio.read().budget_input(1).unwrap().solve(FrameBasis::Proposed).unwrap();
    for &year in &budget.years {
        let frames = |kind| budget.frames.iter().find(|f| f.year == year && f.kind == kind).unwrap().cost;
        let by_funding = budget.by_funding.iter().filter(|t| t.year == year);
        let development: i64 = by_funding.clone().map(|t| t.development.ore()).sum();
        let management: i64 = by_funding.map(|t| t.management.ore()).sum();
        assert_eq!(development, frames(samordna::prioritisation::budget::FrameKind::Development).ore(), "{year}");
        assert_eq!(management, frames(samordna::prioritisation::budget::FrameKind::Management).ore(), "{year}");
    }
    // The e-mail service's funding case splits its cost among its customers; what has no case is shown apart.
    assert!(!budget.by_organisation.is_empty(), "the sample's funding cases split costs");
    assert!(budget.by_organisation.iter().all(|o| o.pays.len() == budget.years.len()));
    assert!(!budget.without_case.is_empty());
    assert_eq!(budget.not_split.len(), budget.years.len());
}

#[test]
fn a_decision_on_a_deviation_records_that_the_group_was_informed() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let december = meeting(&portfolio, "2026-12-17");
    let item = december.items.iter().find(|i| i.deviation_id.is_some()).unwrap().clone();
    let before: Deviation = portfolio.read().get(item.deviation_id.unwrap()).unwrap();
    assert_eq!(before.steps.last().unwrap().step, DeviationStep::CustomersInformed);
    let noted = decision(item.id, DecisionOutcome::Noted, "Informationen läggs till handlingarna.");
    let effects = portfolio.write(&after_december(), |w| w.record_decision(noted)).unwrap();
    assert_eq!(effects.informed.as_deref(), Some(before.title.as_str()));
    let after: Deviation = portfolio.read().get(before.id).unwrap();
    let step = after.steps.last().unwrap();
    assert_eq!((step.step, step.date), (DeviationStep::GroupInformed, day("2026-12-17")));
    assert_eq!(step.note, format!("§ {}", effects.paragraph.unwrap()));
    let history = portfolio.read().history(Entity::Deviation, before.id).unwrap();
    assert_eq!(history[0].decision_id, Some(effects.decision_id));
    // The same decision again records nothing twice.
    let again = decision(item.id, DecisionOutcome::Noted, "Informationen läggs till handlingarna. Rättad.");
    portfolio.write(&after_december(), |w| w.record_decision(again)).unwrap();
    let twice: Deviation = portfolio.read().get(before.id).unwrap();
    assert_eq!(twice.steps.len(), after.steps.len());
}
