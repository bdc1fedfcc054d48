//! The registers of opt-outs (avsteg) and deviations (avvikelse): only base services for opt-outs, the guideline's
//! steps in order, the 30-day default deadline, overdue items.

use samordna::domain::{Deviation, DeviationKind, DeviationStep, OptOutOutcome, Reason, Service, StepDone};

use crate::support::{Workspace, not_allowed, stamp};

fn step(step: DeviationStep, date: &str) -> StepDone {
    StepDone { step, date: date.into(), note: String::new() }
}

#[test]
fn opt_outs_follow_the_guideline_in_order_and_only_from_base_services() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let deviations: Vec<Deviation> = portfolio.read().all().unwrap();
    assert_eq!(deviations.len(), 4);
    let open = deviations.iter().find(|d| d.id == 1).unwrap().clone();
    assert_eq!(open.next_step(), Some(DeviationStep::WrittenMotivation));
    assert!(!open.is_overdue("2026-12-15") && open.is_overdue("2026-12-16"));

    // Skipping the written motivation is refused, naming the step that comes next.
    let mut skipped = open.clone();
    skipped.steps.push(step(DeviationStep::BoardDecision, "2026-11-20"));
    let error = portfolio.write(&stamp(), |w| w.update(skipped)).unwrap_err();
    assert_eq!(
        not_allowed(&error),
        [("steps[3].step".to_string(), Reason::StepOrder { expected: Some(DeviationStep::WrittenMotivation) })]
    );
    // A step dated before the one before it is refused.
    let mut early = open.clone();
    early.steps.push(step(DeviationStep::WrittenMotivation, "2026-10-01"));
    let error = portfolio.write(&stamp(), |w| w.update(early)).unwrap_err();
    assert_eq!(not_allowed(&error), [("steps[3].date".to_string(), Reason::StepBeforePrevious)]);
    // The board's decision needs an outcome.
    let mut decided = open.clone();
    decided.steps.push(step(DeviationStep::WrittenMotivation, "2026-11-02"));
    decided.steps.push(step(DeviationStep::BoardDecision, "2026-11-25"));
    assert!(
        portfolio
            .write(&stamp(), |w| w.update(decided.clone()))
            .unwrap_err()
            .to_string()
            .contains("outcome is required")
    );
    decided.outcome = Some(OptOutOutcome::Redefined);
    portfolio.write(&stamp(), |w| w.update(decided)).unwrap();

    // An opt-out from an additional service is refused: only base services are mandatory.
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let additional = services.iter().find(|s| s.name == "Mobiltelefoni").unwrap();
    let wrong = Deviation { id: 0, service_id: additional.id, steps: vec![], ..open };
    let error = portfolio.write(&stamp(), |w| w.create(wrong)).unwrap_err();
    assert_eq!(not_allowed(&error), [("service_id".to_string(), Reason::OptOutOnlyFromBase)]);
}

#[test]
fn a_deviation_gets_a_30_day_deadline_and_a_security_deviation_informs_customers_first() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let archive = services.iter().find(|s| s.name == "E-arkiv").unwrap();
    let deviation = Deviation {
        id: 0,
        kind: DeviationKind::Deviation,
        service_id: archive.id,
        organisation_id: None,
        title: "Sökningen i e-arkivet ligger nere".into(),
        description: String::new(),
        security: true,
        registered: "2026-12-20".into(),
        deadline: String::new(),
        action_plan: String::new(),
        outcome: None,
        steps: vec![step(DeviationStep::GroupInformed, "2026-12-21")],
    };
    let error = portfolio.write(&stamp(), |w| w.create(deviation.clone())).unwrap_err();
    assert_eq!(
        not_allowed(&error),
        [("steps[0].step".to_string(), Reason::StepOrder { expected: Some(DeviationStep::CustomersInformed) })]
    );
    let informed = Deviation { steps: vec![step(DeviationStep::CustomersInformed, "2026-12-20")], ..deviation };
    let id = portfolio.write(&stamp(), |w| w.create(informed)).unwrap();
    let stored: Deviation = portfolio.read().get(id).unwrap();
    assert_eq!(stored.deadline, "2027-01-19", "30 days after registration, across the year end");
    // The action plan step needs the plan written.
    let mut planned = stored.clone();
    planned.steps.push(step(DeviationStep::GroupInformed, "2026-12-21"));
    planned.steps.push(step(DeviationStep::ActionPlan, "2027-01-10"));
    assert!(
        portfolio
            .write(&stamp(), |w| w.update(planned.clone()))
            .unwrap_err()
            .to_string()
            .contains("action_plan is required")
    );
    planned.action_plan = "Ny sökindexering i drift senast 31 januari.".into();
    planned.steps.push(step(DeviationStep::Reported, "2027-02-15"));
    portfolio.write(&stamp(), |w| w.update(planned)).unwrap();
    let closed: Deviation = portfolio.read().get(id).unwrap();
    assert!(closed.is_closed() && !closed.is_overdue("2027-12-31"));
    // A service with a deviation on record cannot be deleted.
    assert_eq!(portfolio.write(&stamp(), |w| w.delete::<Service>(archive.id)).unwrap_err().code(), "in_use");
}
