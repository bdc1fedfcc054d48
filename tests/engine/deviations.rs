//! The registers of opt-outs (avsteg) and deviations (avvikelse): only base services or the required frameworks for
//! opt-outs, the guideline's steps in order with the motivation and the board's decision, the city's practice (the
//! action plan step, the default deadline) as parameters, overdue items.

use samordna::domain::{
    Deviation, DeviationKind, DeviationStep, Framework, OptOutOutcome, Parameters, Practice, Reason, Rule, Service,
    StepDone,
};

use crate::support::{Workspace, day, not_allowed, stamp};

fn step(step: DeviationStep, date: &str) -> StepDone {
    StepDone { step, date: day(date), note: String::new() }
}

#[test]
fn opt_outs_follow_the_guideline_in_order_and_only_from_base_services() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let deviations: Vec<Deviation> = portfolio.read().all().unwrap();
    assert_eq!(deviations.len(), 5);
    let practice = Practice::default();
    let open = deviations.iter().find(|d| d.id == 1).unwrap().clone();
    assert_eq!(open.next_step(&practice), Some(DeviationStep::WrittenMotivation));
    assert!(!open.is_overdue(day("2026-12-15"), &practice) && open.is_overdue(day("2026-12-16"), &practice));

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
    // The full written motivation needs its text; the board's decision its outcome, date and board.
    let mut decided = open.clone();
    decided.steps.push(step(DeviationStep::WrittenMotivation, "2026-11-02"));
    let error = portfolio.write(&stamp(), |w| w.update(decided.clone())).unwrap_err();
    assert!(error.to_string().contains("motivation is required"), "{error}");
    decided.motivation = "BIM-modellerna är för stora för samarbetsplattformen; konsulterna saknar konton.".into();
    decided.steps.push(step(DeviationStep::BoardDecision, "2026-11-25"));
    let error = portfolio.write(&stamp(), |w| w.update(decided.clone())).unwrap_err();
    let required = |error: &samordna::Error| match error {
        samordna::Error::Invalid { problems, .. } => {
            problems.errors().iter().filter(|e| e.rule == Rule::Required).map(|e| e.field.clone()).collect::<Vec<_>>()
        }
        _ => vec![],
    };
    // Who decides is known from who motivates it: the förvaltning's nämnd (riktlinjen, "Avsteg från riktlinjen":
    // "Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg"), filled in by the engine.
    assert_eq!(required(&error), ["outcome", "decision_date"]);
    decided.outcome = Some(OptOutOutcome::Redefined);
    decided.decision_date = Some(day("2026-11-25"));
    let organisations: Vec<samordna::domain::Organisation> = portfolio.read().all().unwrap();
    let named = |name: &str| organisations.iter().find(|o| o.name == name).unwrap().id;
    assert_eq!(decided.organisation_id, Some(named("Stadsbyggnadskontoret")), "motivated by the förvaltning");
    // Another nämnd than the förvaltning's is refused, naming the right one.
    let wrong = Deviation { decided_by_id: Some(named("Kulturnämnden")), ..decided.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(wrong)).unwrap_err();
    assert_eq!(
        not_allowed(&error),
        [("decided_by_id".to_string(), Reason::NotItsDecider { decider: "Stadsbyggnadsnämnden".into() })]
    );
    portfolio.write(&stamp(), |w| w.update(decided.clone())).unwrap();
    let stored: Deviation = portfolio.read().get(decided.id).unwrap();
    assert_eq!(stored.decided_by_id, Some(named("Stadsbyggnadsnämnden")));

    // An opt-out from an additional service is refused: only base services are mandatory.
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let additional = services.iter().find(|s| s.name == "Mobiltelefoni").unwrap();
    let wrong = Deviation { id: 0, service_id: Some(additional.id), steps: vec![], ..open };
    let error = portfolio.write(&stamp(), |w| w.create(wrong)).unwrap_err();
    assert_eq!(not_allowed(&error), [("service_id".to_string(), Reason::OptOutOnlyFromBase)]);
}

#[test]
fn an_opt_out_from_a_service_is_made_by_one_of_its_customers() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let organisations: Vec<samordna::domain::Organisation> = portfolio.read().all().unwrap();
    let platform = services.iter().find(|s| s.name == "Samarbetsplattform").unwrap();
    let customers = portfolio.read().customers_of_service(platform.id).unwrap();
    let outsider = organisations.iter().find(|o| !customers.contains(&o.id)).expect("an organisation not a customer");
    let customer = organisations.iter().find(|o| customers.contains(&o.id)).unwrap();
    let deviations: Vec<Deviation> = portfolio.read().all().unwrap();
    let template = deviations.iter().find(|d| d.id == 1).unwrap().clone();
    assert_eq!(template.service_id, Some(platform.id));

    let by_outsider = Deviation {
        id: 0,
        organisation_id: Some(outsider.id),
        title: "Egen plattform för projektrum".into(),
        steps: vec![],
        ..template.clone()
    };
    let error = portfolio.write(&stamp(), |w| w.create(by_outsider.clone())).unwrap_err();
    assert_eq!(not_allowed(&error), [("organisation_id".to_string(), Reason::OptOutOnlyByCustomer)]);
    // The same opt-out by a customer is registered; so is one from a framework by the outsider (every board and
    // company follows the frameworks).
    portfolio
        .write(&stamp(), |w| w.create(Deviation { organisation_id: Some(customer.id), ..by_outsider.clone() }))
        .unwrap();
    let framework = Deviation { service_id: None, framework: Some(Framework::Infrastructure), ..by_outsider };
    portfolio.write(&stamp(), |w| w.create(framework)).unwrap();
}

#[test]
fn a_deviation_gets_a_30_day_deadline_and_a_security_deviation_informs_customers_first() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let archive = services.iter().find(|s| s.name == "E-arkiv").unwrap();
    let deviation = Deviation {
        service_id: Some(archive.id),
        title: "Sökningen i e-arkivet ligger nere".into(),
        security: true,
        steps: vec![step(DeviationStep::GroupInformed, "2026-12-21")],
        ..Deviation::draft(DeviationKind::Deviation, day("2026-12-20"))
    };
    let error = portfolio.write(&stamp(), |w| w.create(deviation.clone())).unwrap_err();
    assert_eq!(
        not_allowed(&error),
        [("steps[0].step".to_string(), Reason::StepOrder { expected: Some(DeviationStep::CustomersInformed) })]
    );
    let informed = Deviation { steps: vec![step(DeviationStep::CustomersInformed, "2026-12-20")], ..deviation };
    let id = portfolio.write(&stamp(), |w| w.create(informed)).unwrap();
    let stored: Deviation = portfolio.read().get(id).unwrap();
    assert_eq!(stored.deadline, Some(day("2027-01-19")), "30 days after registration, across the year end");
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
    assert!(closed.is_closed(&Practice::default()) && !closed.is_overdue(day("2027-12-31"), &Practice::default()));
    // A service with a deviation on record cannot be deleted.
    assert_eq!(portfolio.write(&stamp(), |w| w.delete::<Service>(archive.id)).unwrap_err().code(), "in_use");
}

#[test]
fn an_opt_out_from_a_framework_needs_no_service_and_is_stored_with_its_decision() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // The sample's avsteg from gemensam infrastruktur (Göteborgs Hamn) has no service.
    let deviations: Vec<Deviation> = portfolio.read().all().unwrap();
    let harbour = deviations.iter().find(|d| d.framework.is_some()).unwrap().clone();
    assert_eq!((harbour.service_id, harbour.framework), (None, Some(Framework::Infrastructure)));
    assert_eq!(harbour.next_step(&Practice::default()), Some(DeviationStep::WrittenMotivation));
    // Decided: written motivation, the board's decision with outcome, date and board, reported.
    let mut decided = harbour.clone();
    decided.motivation = "Terminalsystemen kräver svarstider som bara en driftmiljö i terminalområdet ger.".into();
    decided.outcome = Some(OptOutOutcome::Granted);
    decided.decision_date = Some(day("2026-12-10"));
    decided.steps.push(step(DeviationStep::WrittenMotivation, "2026-11-20"));
    decided.steps.push(step(DeviationStep::BoardDecision, "2026-12-10"));
    portfolio.write(&stamp(), |w| w.update(decided.clone())).unwrap();
    let stored: Deviation = portfolio.read().get(harbour.id).unwrap();
    // A bolag's avsteg is decided by its own styrelse: the bolag itself is named.
    decided.decided_by_id = harbour.organisation_id;
    assert_eq!(stored, decided, "framework, motivation and decision are kept");
    // An avsteg from both a service and a framework, or from neither, is refused; so is an avvikelse from a framework.
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let mail = services.iter().find(|s| s.name == "E-post och kalender").unwrap();
    let both = Deviation { id: 0, service_id: Some(mail.id), steps: vec![], ..harbour.clone() };
    let error = portfolio.write(&stamp(), |w| w.create(both)).unwrap_err();
    assert_eq!(not_allowed(&error), [("service_id".to_string(), Reason::ServiceOrFramework)]);
    let neither = Deviation { id: 0, framework: None, steps: vec![], ..harbour.clone() };
    let error = portfolio.write(&stamp(), |w| w.create(neither)).unwrap_err();
    assert_eq!(not_allowed(&error), [("service_id".to_string(), Reason::ServiceOrFramework)]);
    let avvikelse =
        Deviation { id: 0, kind: DeviationKind::Deviation, organisation_id: None, steps: vec![], ..harbour.clone() };
    let error = portfolio.write(&stamp(), |w| w.create(avvikelse)).unwrap_err();
    assert_eq!(not_allowed(&error), [("framework".to_string(), Reason::FrameworkOnlyForOptOut)]);
}

#[test]
fn the_action_plan_step_and_the_default_deadline_follow_the_citys_practice_in_the_parameters() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let services: Vec<Service> = portfolio.read().all().unwrap();
    let archive = services.iter().find(|s| s.name == "E-arkiv").unwrap();
    let new = Deviation {
        service_id: Some(archive.id),
        title: "Exporten till e-arkivet stannar".into(),
        steps: vec![step(DeviationStep::GroupInformed, "2026-12-02"), step(DeviationStep::Reported, "2026-12-20")],
        ..Deviation::draft(DeviationKind::Deviation, day("2026-12-01"))
    };
    // Default (today's behaviour): the action plan comes before the report, and the deadline is 30 days.
    let parameters: Parameters = portfolio.read().parameters().unwrap();
    assert_eq!(parameters.practice, Practice::default());
    let error = portfolio.write(&stamp(), |w| w.create(new.clone())).unwrap_err();
    assert_eq!(
        not_allowed(&error),
        [("steps[1].step".to_string(), Reason::StepOrder { expected: Some(DeviationStep::ActionPlan) })]
    );
    // Switched to the guideline's steps only, with a 14-day deadline: the same deviation is accepted as it is.
    let practice = Practice { action_plan_step: false, deadline_days: 14, ..Practice::default() };
    portfolio.write(&stamp(), |w| w.update(Parameters { practice, ..parameters.clone() })).unwrap();
    assert_eq!(portfolio.read().parameters().unwrap().practice, practice, "stored with the parameters");
    let id = portfolio.write(&stamp(), |w| w.create(new.clone())).unwrap();
    let stored: Deviation = portfolio.read().get(id).unwrap();
    assert_eq!(stored.deadline, Some(day("2026-12-15")), "14 days after registration");
    assert!(stored.is_closed(&practice));
    // The sample's open security avvikelse stays valid with the practice off.
    let problems = portfolio.read().problems(&portfolio.read().get::<Deviation>(4).unwrap()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    // A deadline outside 1..=365 days is refused.
    let wrong = Parameters { practice: Practice { deadline_days: 0, ..practice }, ..parameters };
    let error = portfolio.write(&stamp(), |w| w.update(wrong)).unwrap_err();
    assert!(error.to_string().contains("practice.deadline_days"), "{error}");
}

/// Issue 26: a granted avsteg ends the organisation's use of the service from the year of the board's decision
/// (no longer a customer, no volume in its funding case from that year, noted in both histories); a reassessment
/// that redefines the service makes it a tilläggstjänst by a recorded step; the avsteg itself stays valid after.
#[test]
fn a_granted_avsteg_ends_the_use_of_the_service_and_a_redefining_one_changes_its_category() {
    use samordna::domain::{Entity, FundingCase, FundingModel, ServiceCategory};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mail: Service = portfolio.read().get(1).unwrap();
    let school = 22; // Utbildningsförvaltningen: a customer of the service and of its funding case
    assert!(mail.customers.iter().any(|c| c.organisation_id == school));
    let case: FundingCase = portfolio.read().funding_case_of(None, Some(1)).unwrap().unwrap();
    let years: Vec<i32> = case.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2025, 2026, 2027, 2028]);
    let decided = |outcome: OptOutOutcome| Deviation {
        id: 0,
        kind: DeviationKind::OptOut,
        service_id: Some(1),
        framework: None,
        organisation_id: Some(school),
        title: "Egen e-post för gymnasieelever".into(),
        description: String::new(),
        security: false,
        registered: day("2026-03-02"),
        deadline: Some(day("2026-06-30")),
        action_plan: String::new(),
        motivation: "Eleverna behöver konton som följer dem efter gymnasiet.".into(),
        outcome: Some(outcome),
        decision_date: Some(day("2026-05-27")),
        decided_by_id: None,
        steps: vec![
            step(DeviationStep::ProviderDialogue, "2026-03-10"),
            step(DeviationStep::Reassessment, "2026-03-30"),
            step(DeviationStep::GroupInformed, "2026-04-16"),
            step(DeviationStep::WrittenMotivation, "2026-05-02"),
            step(DeviationStep::BoardDecision, "2026-05-27"),
        ],
    };
    let granted = decided(OptOutOutcome::Granted);
    // Before the board's decision, nothing changes.
    let mut undecided = granted.clone();
    undecided.steps.pop();
    let id = portfolio.write(&stamp(), |w| w.create(undecided)).unwrap();
    assert!(portfolio.read().get::<Service>(1).unwrap().customers.iter().any(|c| c.organisation_id == school));
    // Decided: no longer a customer; no volume in the funding case from 2026, the 2025 volume kept.
    portfolio.write(&stamp(), |w| w.update(Deviation { id, ..granted.clone() })).unwrap();
    let after: Service = portfolio.read().get(1).unwrap();
    assert!(!after.customers.iter().any(|c| c.organisation_id == school), "no longer a customer");
    let case_after: FundingCase = portfolio.read().funding_case_of(None, Some(1)).unwrap().unwrap();
    let customer = case_after.customers.iter().find(|c| c.organisation_id == school).expect("2025 is kept");
    let before = case.customers.iter().find(|c| c.organisation_id == school).unwrap();
    assert_eq!(customer.forecast_volume[0], before.forecast_volume[0]);
    assert!(customer.forecast_volume[1..].iter().all(|v| v.is_zero()), "{:?}", customer.forecast_volume);
    let note = |portfolio: &samordna::Portfolio, entity: Entity, id| {
        portfolio.read().history(entity, id).unwrap()[0].note.clone()
    };
    assert!(note(&portfolio, Entity::Service, 1).contains("Egen e-post för gymnasieelever"));
    assert!(note(&portfolio, Entity::FundingCase, case.id).contains("Avsteg beviljat"));
    // The avsteg stays valid although its organisation is no longer a customer: it can be reported.
    let mut reported = Deviation { id, ..granted.clone() };
    reported.steps.push(step(DeviationStep::Reported, "2026-12-01"));
    portfolio.write(&stamp(), |w| w.update(reported)).unwrap();

    // A reassessment that redefines the service as a tilläggstjänst changes its category and funding.
    let identity: Service = portfolio.read().get(3).unwrap();
    assert_eq!(identity.category, ServiceCategory::Base);
    let customer = identity.customers[0].organisation_id;
    let redefined =
        Deviation { service_id: Some(3), organisation_id: Some(customer), ..decided(OptOutOutcome::Redefined) };
    portfolio.write(&stamp(), |w| w.create(redefined)).unwrap();
    let changed: Service = portfolio.read().get(3).unwrap();
    assert_eq!(changed.category, ServiceCategory::Additional);
    assert_eq!(changed.funding_model, Some(FundingModel::InvoicePerUnit));
    let redefining = note(&portfolio, Entity::Service, 3);
    assert!(redefining.contains("omdefinierad"), "{redefining}");
    // The whole portfolio still exports and imports.
    let data = samordna::interchange::PortfolioData::read(&portfolio.read()).unwrap();
    let mut again = workspace.new_portfolio();
    again.write(&stamp(), |w| data.replace_into(w, "test")).unwrap();
}

/// Issue 26: a service in operation keeps what the catalogue shows; an edit that takes an item away is refused.
#[test]
fn a_service_in_operation_cannot_lose_a_catalogue_item() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mail: Service = portfolio.read().get(1).unwrap();
    let emptied =
        Service { scope: " ".into(), service_level: String::new(), target_group: String::new(), ..mail.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(emptied)).unwrap_err();
    let fields: Vec<String> = not_allowed(&error).into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["scope", "service_level", "target_group"], "{error}");
    assert!(error.to_string().contains("keeps what is included (scope) in the catalogue"), "{error}");
    // Being phased out, the same edit is allowed (it is leaving the catalogue).
    let phasing = Service { state: samordna::domain::ServiceState::PhasingOut, ..mail.clone() };
    portfolio.write(&stamp(), |w| w.update(phasing.clone())).unwrap();
    portfolio.write(&stamp(), |w| w.update(Service { scope: String::new(), ..phasing })).unwrap();
}

/// Issue 30: what the register and the form show of a deviation comes from the engine (`Deviation::facts`, the app's
/// `deviation_facts` command), no longer from a copy of the rules in the UI. These are the UI's former tests, on the
/// sample, against the engine.
#[test]
fn a_deviations_facts_give_its_steps_the_next_one_what_it_needs_and_whether_it_is_overdue() {
    use samordna::domain::DeviationFacts;
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let deviations: Vec<Deviation> = portfolio.read().all().unwrap();
    let by_id = |id| deviations.iter().find(|d| d.id == id).unwrap().clone();
    let on = Practice::default();
    let off = Practice { action_plan_step: false, ..Practice::default() };
    let facts = |id, today: &str, practice: &Practice| -> DeviationFacts { by_id(id).facts(day(today), practice) };

    // Each kind has the guideline's steps in order, the next one after those done.
    assert_eq!(facts(1, "2026-12-01", &on).next_step, Some(DeviationStep::WrittenMotivation));
    assert_eq!(facts(1, "2026-12-01", &on).next_needs, ["motivation"]);
    assert_eq!(facts(2, "2026-12-01", &on).next_step, None, "every step of the second opt-out is done");
    let security = facts(4, "2026-12-01", &on);
    assert_eq!(security.sequence[0], DeviationStep::CustomersInformed, "a security deviation informs customers first");
    assert_eq!(security.next_step, Some(DeviationStep::GroupInformed));
    assert_eq!(security.next_needs, Vec::<&str>::new());
    assert_eq!(facts(3, "2026-12-01", &on).sequence.len(), 3);
    // Every deviation's steps done follow its sequence.
    for deviation in &deviations {
        let sequence = deviation.facts(day("2026-12-01"), &on).sequence;
        let done: Vec<DeviationStep> = deviation.steps.iter().map(|s| s.step).collect();
        assert_eq!(done, sequence[..done.len()], "deviation {}", deviation.id);
    }
    // Open items past their deadline are overdue; closed ones never.
    assert!(!facts(4, "2026-12-03", &on).overdue && facts(4, "2026-12-04", &on).overdue);
    assert!(!facts(2, "2030-01-01", &on).overdue);
    // The action plan step is the city's practice: kept by default, left out when switched off, unless done.
    assert_eq!(
        facts(3, "2026-12-01", &on).sequence,
        [DeviationStep::GroupInformed, DeviationStep::ActionPlan, DeviationStep::Reported]
    );
    let without = facts(3, "2026-12-01", &off);
    assert_eq!(without.sequence, [DeviationStep::GroupInformed, DeviationStep::Reported]);
    assert_eq!(without.next_step, Some(DeviationStep::Reported));
    let mut planned = by_id(3);
    planned.steps.push(step(DeviationStep::ActionPlan, "2026-11-01"));
    assert_eq!(
        planned.facts(day("2026-12-01"), &off).sequence,
        [DeviationStep::GroupInformed, DeviationStep::ActionPlan, DeviationStep::Reported],
        "a step of the practice already done stays in its place"
    );
    // The sample's avsteg from a framework waits for its written motivation; the board's decision needs its fields.
    let framework = deviations.iter().find(|d| d.framework.is_some()).unwrap();
    let waiting = framework.facts(day("2026-12-01"), &on);
    assert_eq!(waiting.next_step, Some(DeviationStep::WrittenMotivation));
    let mut motivated = framework.clone();
    motivated.steps.push(step(DeviationStep::WrittenMotivation, "2026-11-20"));
    assert_eq!(motivated.facts(day("2026-12-01"), &on).next_needs, ["outcome", "decision_date", "decided_by_id"]);
    // The reader gives the same facts on the Stockholm date: 23.30 UTC on 3 December is already the 4th there.
    let late_evening: samordna::Timestamp = "2026-12-03T23:30:00Z".parse().unwrap();
    let read = portfolio.read().deviation_facts(&deviations, late_evening).unwrap();
    let on_the_4th: Vec<DeviationFacts> = deviations.iter().map(|d| d.facts(day("2026-12-04"), &on)).collect();
    assert_eq!(read, on_the_4th);
    assert!(read[deviations.iter().position(|d| d.id == 4).unwrap()].overdue);
    // Sent to the UI as the vocabulary's keys.
    let json = serde_json::to_value(&security).unwrap();
    assert_eq!(json["next_step"], "ssg_informerad");
    assert_eq!(json["sequence"][0], "kunder_informerade");
}
