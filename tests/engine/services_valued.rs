//! Existing shared services valued and prioritised with the initiatives (guideline, "Kommunstyrelsen": the group
//! "ska värdera och prioritera befintliga och nya förändringsinsatser och gemensamma tjänster"): in criteria sets,
//! scores, gate results, the ranking, scenarios and the selection, and across the schema and format upgrades.

use rusqlite::Connection;
use samordna::domain::{
    CriteriaSet, Dependency, GateResult, ItemRef, Reason, Scenario, Score, Service, ServiceCategory, ServiceState,
    YearCost,
};
use samordna::interchange::PortfolioData;
use samordna::store::schema::{self, APPLICATION_ID};
use samordna::{Money, Portfolio};

use crate::support::{Workspace, after_meeting, at, not_allowed, stamp};

fn sample_set(portfolio: &Portfolio) -> CriteriaSet {
    portfolio.read().all::<CriteriaSet>().unwrap().remove(0)
}

fn service_named(portfolio: &Portfolio, name: &str) -> Service {
    portfolio.read().all::<Service>().unwrap().into_iter().find(|s| s.name == name).unwrap()
}

#[test]
fn a_service_in_a_set_is_scored_like_an_initiative_and_one_outside_it_is_not() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let set = sample_set(&portfolio);
    let printing = ItemRef::Service(service_named(&portfolio, "Utskrift och skanning").id);
    let criterion = set.criteria[0].id;
    let before = portfolio.read().score(criterion, printing, 1).unwrap().expect("the sample scores the service");
    let changed = Score { id: 0, value: Some(0), comment: "Kan avvecklas 2029.".into(), ..before.clone() };
    let id = portfolio.write(&stamp(), |w| w.put_score(changed)).unwrap();
    assert_eq!(id, before.id, "the service's cell is replaced, not duplicated");
    let after = portfolio.read().score(criterion, printing, 1).unwrap().unwrap();
    assert_eq!((after.item, after.value, after.comment.as_str()), (printing, Some(0), "Kan avvecklas 2029."));
    // The same criterion, member and id as an initiative is another cell.
    let initiative_cell = portfolio.read().score(criterion, ItemRef::Initiative(printing.id()), 1).unwrap();
    assert_ne!(initiative_cell.map(|s| s.id), Some(id));

    // A service the set does not value is refused, by field.
    let payroll = ItemRef::Service(service_named(&portfolio, "Lönetjänst").id);
    let error =
        portfolio.write(&stamp(), |w| w.put_score(Score { id: 0, item: payroll, ..before.clone() })).unwrap_err();
    assert!(error.to_string().contains("item refers"), "{error}");
    // Its change history names the service.
    let history = portfolio.read().history(samordna::domain::Entity::Score, id).unwrap();
    assert!(history.iter().any(|c| c.fields.iter().any(|f| f.field == "value" && f.new.as_deref() == Some("0"))));
}

#[test]
fn services_are_ranked_with_their_own_costs_or_their_funding_case_forecast() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let set = sample_set(&portfolio);
    assert_eq!(set.service_ids.len(), 6, "the sample values six services");
    let assessment = portfolio.read().assessment(set.id, None).unwrap();
    assert_eq!(assessment.rows.len(), set.initiative_ids.len() + set.service_ids.len());
    let row_of = |item: ItemRef| assessment.rows.iter().find(|r| r.item == item).unwrap();

    // Own costs: the sum of the years in the set's period.
    let integration = service_named(&portfolio, "Integrationsplattform");
    let own = row_of(ItemRef::Service(integration.id));
    let in_period = integration.costs.iter().filter(|c| (set.period_start..=set.period_end).contains(&c.year));
    let management: i64 = in_period.clone().map(|c| c.management.ore()).sum();
    let development: i64 = in_period.map(|c| c.development.ore()).sum();
    assert_eq!((own.development.ore(), own.management.ore()), (development, management));
    assert!(own.complete, "every member scored it");

    // No costs of its own: its funding case's forecast, worked by hand for 2026 (fixed + per unit × volumes).
    let mail = service_named(&portfolio, "E-post och kalender");
    assert!(mail.costs.is_empty());
    let case = portfolio.read().funding_case_of(None, Some(mail.id)).unwrap().unwrap();
    let year = case.years.iter().position(|y| y.year == 2026).unwrap();
    let volume: rust_decimal::Decimal = case.customers.iter().map(|c| c.forecast_volume[year]).sum();
    let per_unit = rust_decimal::Decimal::new(case.years[year].forecast_per_unit.ore(), 2);
    let fixed = rust_decimal::Decimal::new(case.years[year].forecast_fixed.ore(), 2);
    let expected_2026 = ((fixed + per_unit * volume) * rust_decimal::Decimal::ONE_HUNDRED).round();
    let items = portfolio.read().valued_items(&set).unwrap();
    let forecast = &items.iter().find(|i| i.item == ItemRef::Service(mail.id)).unwrap().costs;
    let forecast_2026 = forecast.iter().find(|c| c.year == 2026).unwrap();
    assert_eq!(rust_decimal::Decimal::from(forecast_2026.management.ore()), expected_2026);
    assert_eq!(forecast_2026.development, Money::ZERO);
    let in_period: i64 = forecast.iter().filter(|c| c.year >= 2026 && c.year <= 2029).map(|c| c.management.ore()).sum();
    assert_eq!(row_of(ItemRef::Service(mail.id)).management.ore(), in_period);

    // Disagreements and sensitivity name services too.
    assert!(assessment.disagreements.iter().any(|d| matches!(d.item, ItemRef::Service(_))));
}

#[test]
fn a_gate_result_belongs_to_a_service_and_a_legal_requirement_makes_it_mandatory() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let set = sample_set(&portfolio);
    let collaboration = ItemRef::Service(service_named(&portfolio, "Samarbetsplattform").id);
    let legal = set.gates.iter().find(|g| g.kind == samordna::domain::GateKind::LegalRequirement).unwrap();
    assert!(
        !portfolio.read().assessment(set.id, None).unwrap().rows.iter().any(|r| r.item == collaboration && r.mandatory)
    );
    let result =
        GateResult { id: 0, gate_id: legal.id, item: collaboration, passed: Some(true), note: "Arkivlagen.".into() };
    portfolio.write(&stamp(), |w| w.put_gate_result(result)).unwrap();
    let assessment = portfolio.read().assessment(set.id, None).unwrap();
    assert!(assessment.rows.iter().any(|r| r.item == collaboration && r.mandatory));
}

#[test]
fn the_selection_counts_services_against_both_frames_and_lists_the_customers_of_those_left_out() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let scenario: Scenario = portfolio.read().all().unwrap().remove(0);
    let mail = ItemRef::Service(service_named(&portfolio, "E-post och kalender").id);
    assert!(scenario.forced_in.contains(&mail), "the sample's scenario keeps a bastjänst the boards must use");
    let result = portfolio.read().selection_problem(scenario.id).unwrap().solve().unwrap();
    assert!(result.comparison.proven_optimal);
    let chosen: Vec<ItemRef> = result.comparison.optimal.chosen.iter().map(|c| c.parse().unwrap()).collect();
    assert!(chosen.contains(&mail));
    // Every service the optimum leaves out is listed, with its recorded customers and any its funding case bills.
    let set = sample_set(&portfolio);
    let left: Vec<ItemRef> = result.services_left_out.iter().map(|s| s.item.parse().unwrap()).collect();
    let expected: Vec<ItemRef> =
        set.service_ids.iter().map(|&id| ItemRef::Service(id)).filter(|s| !chosen.contains(s)).collect();
    assert_eq!(left, expected);

    // Forcing E-post out (with nothing forcing it in) drops it and lists its customers.
    let out = Scenario { forced_in: vec![], forced_out: vec![mail], ..scenario.clone() };
    portfolio.write(&stamp(), |w| w.update(out)).unwrap();
    let result = portfolio.read().selection_problem(scenario.id).unwrap().solve().unwrap();
    let dropped = result.services_left_out.iter().find(|s| s.item == mail.to_string()).unwrap();
    // E-post records 14 customers (12 boards, 2 companies); its funding case bills 8 of them.
    assert_eq!(dropped.customers.len(), 14, "{dropped:?}");
    assert!(dropped.customers.contains(&"Grundskoleförvaltningen".to_string()), "{dropped:?}");
    assert!(
        dropped.customers.contains(&"Stadsmiljöförvaltningen".to_string()),
        "not billed, but a customer: {dropped:?}"
    );
    // A service without a funding case lists its recorded customers too (before issue 17: none).
    let printing = ItemRef::Service(service_named(&portfolio, "Utskrift och skanning").id);
    let left_printing = Scenario { forced_in: vec![], forced_out: vec![mail, printing], ..scenario.clone() };
    portfolio.write(&stamp(), |w| w.update(left_printing)).unwrap();
    let result = portfolio.read().selection_problem(scenario.id).unwrap().solve().unwrap();
    let dropped = result.services_left_out.iter().find(|s| s.item == printing.to_string()).unwrap();
    assert_eq!(dropped.customers.len(), 12, "{dropped:?}");

    // A rule that names a service the set does not value is refused, by field.
    let payroll = ItemRef::Service(service_named(&portfolio, "Lönetjänst").id);
    let bad = Scenario { dependencies: vec![Dependency { item: mail, requires: payroll }], ..scenario };
    let error = portfolio.write(&stamp(), |w| w.update(bad)).unwrap_err();
    assert!(error.to_string().contains("dependencies[0]"), "{error}");
}

#[test]
fn a_services_costs_are_checked_like_an_initiatives() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut service = service_named(&portfolio, "Kontaktcenter");
    service.costs = vec![
        YearCost { year: 2027, development: Money::ZERO, management: Money::from_kronor(100) },
        YearCost { year: 2029, development: Money::ZERO, management: Money::from_kronor(100) },
    ];
    let error = portfolio.write(&stamp(), |w| w.update(service.clone())).unwrap_err();
    assert_eq!(not_allowed(&error), [("costs[1].year".to_string(), Reason::YearsMustFollowEachOther)]);
    service.costs = vec![YearCost { year: 2027, development: Money::from_ore(-1), management: Money::ZERO }];
    assert!(portfolio.write(&stamp(), |w| w.update(service.clone())).is_err(), "negative amounts are refused");
    // Written in any order, stored by year.
    service.costs = vec![
        YearCost { year: 2028, development: Money::ZERO, management: Money::from_kronor(2) },
        YearCost { year: 2027, development: Money::from_kronor(5), management: Money::from_kronor(1) },
    ];
    portfolio.write(&stamp(), |w| w.update(service.clone())).unwrap();
    let stored: Service = portfolio.read().get(service.id).unwrap();
    assert_eq!(stored.costs.iter().map(|c| c.year).collect::<Vec<_>>(), [2027, 2028]);
    // A new service has no costs until they are planned.
    let new = Service {
        id: 0,
        name: "Ny tjänst".into(),
        category: ServiceCategory::Base,
        state: ServiceState::Planned,
        costs: Vec::new(),
        ..stored
    };
    let id = portfolio.write(&stamp(), |w| w.create(new)).unwrap();
    assert!(portfolio.read().get::<Service>(id).unwrap().costs.is_empty());
}

#[test]
fn a_version_9_portfolio_keeps_its_scores_gate_results_and_rules_as_initiatives() {
    let workspace = Workspace::new();
    let path = workspace.path("old.samordna");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        schema::migrate_to(&mut conn, 9).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, name, kind) VALUES (1, 'Stadsledningskontoret', 'forvaltning');
             INSERT INTO initiative (id, case_number, title, track, kind, owner_id, state, reuse_outcome)
                 VALUES (1, 'SLK-2026-00101', 'Ny e-tjänsteplattform', 'gemensam', 'forandringsinsats', 1, 'inlamnad',
                         'ej_provad'),
                        (2, 'SLK-2026-00102', 'Fakturor', 'gemensam', 'forandringsinsats', 1, 'inlamnad', 'ej_provad');
             INSERT INTO member (id, name) VALUES (1, 'Karin Ekström');
             INSERT INTO criteria_set (id, name, period_start, period_end, aggregation, weighting, pairwise_method)
                 VALUES (1, 'Kriterier', 2026, 2029, 'medelvarde', 'direkt', 'egenvektor');
             INSERT INTO criterion (id, set_id, position, name, scale_min, scale_max, direction, weight)
                 VALUES (1, 1, 0, 'Nytta', 0, 4, 'hogre_ar_battre', 1.0);
             INSERT INTO gate (id, set_id, position, name, kind) VALUES (1, 1, 0, 'Lagkrav', 'lagkrav');
             INSERT INTO criteria_set_initiative (set_id, initiative_id) VALUES (1, 1), (1, 2);
             INSERT INTO score (id, criterion_id, initiative_id, member_id, value, comment)
                 VALUES (7, 1, 1, 1, 3, 'Bra');
             INSERT INTO gate_result (id, gate_id, initiative_id, passed, note) VALUES (4, 1, 2, 1, 'Arkivlagen');
             INSERT INTO scenario (id, set_id, name) VALUES (1, 1, 'Budget');
             INSERT INTO scenario_rule (scenario_id, position, kind, initiative_id, other_id)
                 VALUES (1, 0, 'force_in', 1, NULL), (1, 1, 'requires', 2, 1);",
        )
        .unwrap();
    }
    let portfolio = Portfolio::open(&path, at("2026-12-02T08:00:00Z")).unwrap();
    let score: Score = portfolio.read().get(7).unwrap();
    assert_eq!((score.item, score.value, score.comment.as_str()), (ItemRef::Initiative(1), Some(3), "Bra"));
    let gate: GateResult = portfolio.read().get(4).unwrap();
    assert_eq!((gate.item, gate.passed), (ItemRef::Initiative(2), Some(true)));
    let scenario: Scenario = portfolio.read().get(1).unwrap();
    assert_eq!(scenario.forced_in, [ItemRef::Initiative(1)]);
    assert_eq!(scenario.dependencies, [Dependency { item: ItemRef::Initiative(2), requires: ItemRef::Initiative(1) }]);
    let set = sample_set(&portfolio);
    assert_eq!((set.initiative_ids.as_slice(), set.service_ids.as_slice()), (&[1, 2][..], &[][..]));
}

#[test]
fn a_version_8_file_with_initiative_ids_still_imports() {
    let workspace = Workspace::new();
    let sample = workspace.sample();
    let mut json: serde_json::Value = serde_json::to_value(PortfolioData::read(&sample.read()).unwrap()).unwrap();
    // What version 8 wrote: no services in sets, scores and gate results with `initiative_id`, rules with ids.
    json["format_version"] = 8.into();
    json["criteria_sets"][0].as_object_mut().unwrap().remove("service_ids");
    let initiative_id = |item: &serde_json::Value| -> Option<i64> {
        item.as_str()?.strip_prefix("initiative:").and_then(|id| id.parse().ok())
    };
    for list in ["scores", "gate_results"] {
        let records = json[list].as_array_mut().unwrap();
        records.retain(|r| initiative_id(&r["item"]).is_some());
        for record in records {
            let object = record.as_object_mut().unwrap();
            let id = initiative_id(&object.remove("item").unwrap()).unwrap();
            object.insert("initiative_id".into(), id.into());
        }
    }
    let scenario = json["scenarios"][0].as_object_mut().unwrap();
    scenario.insert("forced_in".into(), serde_json::json!([1]));
    let dependencies: Vec<serde_json::Value> = scenario["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| serde_json::json!({"initiative_id": initiative_id(&d["item"]), "requires_id": initiative_id(&d["requires"])}))
        .collect();
    scenario.insert("dependencies".into(), dependencies.into());
    for service in json["services"].as_array_mut().unwrap() {
        service.as_object_mut().unwrap().remove("costs");
    }
    let meetings = json["meetings"].as_array_mut().unwrap();
    for meeting in meetings {
        for item in meeting["items"].as_array_mut().unwrap() {
            item["service_id"] = serde_json::Value::Null;
        }
    }
    let data = PortfolioData::from_json(&json.to_string()).unwrap();
    let mut imported = workspace.new_portfolio();
    imported.write(&stamp(), |w| data.replace_into(w, "v8")).unwrap();
    let set = sample_set(&imported);
    assert!(set.service_ids.is_empty());
    let scenario: Scenario = imported.read().all().unwrap().remove(0);
    assert_eq!(scenario.forced_in, [ItemRef::Initiative(1)]);
    assert!(
        scenario
            .dependencies
            .iter()
            .all(|d| matches!((d.item, d.requires), (ItemRef::Initiative(_), ItemRef::Initiative(_))))
    );
    let scores: Vec<Score> = imported.read().all().unwrap();
    assert!(!scores.is_empty() && scores.iter().all(|s| matches!(s.item, ItemRef::Initiative(_))));
}

#[test]
fn a_decision_on_an_item_about_a_service_is_in_the_services_history() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let printing = service_named(&portfolio, "Utskrift och skanning");
    let meeting: samordna::domain::Meeting = portfolio.read().get(2).unwrap();
    let item = meeting.items.iter().find(|i| i.service_id == Some(printing.id)).expect("the sample's item").clone();
    let decision = samordna::domain::Decision {
        id: 0,
        item_id: item.id,
        outcome: samordna::domain::DecisionOutcome::NotPrioritised,
        text: "Samordningsgruppen prioriterar inte tjänsten.".into(),
        notes: String::new(),
        budget_lines: Vec::new(),
    };
    portfolio.write(&after_meeting(), |w| w.record_decision(decision)).unwrap();
    let history = portfolio.read().history(samordna::domain::Entity::Service, printing.id).unwrap();
    let paragraph = portfolio
        .read()
        .get::<samordna::domain::Meeting>(2)
        .unwrap()
        .items
        .iter()
        .find(|i| i.id == item.id)
        .and_then(|i| i.paragraph)
        .unwrap();
    let entry = history.iter().find(|c| c.fields.iter().any(|f| f.field == "decision")).expect("the decision");
    assert_eq!(entry.fields[0].new.as_deref(), Some("ej_prioriterad"));
    assert_eq!(entry.note, format!("§ {paragraph}: Samordningsgruppen prioriterar inte tjänsten."));
    assert_eq!(entry.record_label, "Utskrift och skanning");
    // The service itself is unchanged: not prioritised is a proposal to reduce or phase it out, not a state.
    assert_eq!(portfolio.read().get::<Service>(printing.id).unwrap(), printing);
}
