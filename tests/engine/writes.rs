//! Writing records: rules are enforced in the engine, and a refused write leaves the portfolio as it was.

use samordna::domain::{
    Entity, FundingModel, Initiative, InitiativeState, Organisation, OrganisationKind, Problems, Provider, Rule,
    SecurityLevel, Service, ServiceCategory, Track,
};
use samordna::{Error, Money, Portfolio};

use crate::support::{Workspace, administration, change_count, export, initiative, organisation, stamp};

/// Runs a write that must be refused and checks that nothing changed, history included. Returns the problems.
fn refused_write(
    workspace: &Workspace,
    portfolio: &mut Portfolio,
    write: impl FnOnce(&mut samordna::Writer<'_>) -> samordna::Result<()>,
) -> Error {
    let before = export(portfolio);
    let changes = change_count(&workspace.path("test.samordna"));
    let error = portfolio.write(&stamp(), write).expect_err("the write must be refused");
    assert_eq!(export(portfolio), before, "the portfolio changed");
    assert_eq!(change_count(&workspace.path("test.samordna")), changes, "the history changed");
    error
}

fn problems(error: Error) -> Problems {
    match error {
        Error::Invalid { problems, .. } => problems,
        other => panic!("expected a validation error, got {other}"),
    }
}

fn rules(problems: &Problems) -> Vec<(String, Rule)> {
    problems.errors().iter().map(|e| (e.field.clone(), e.rule.clone())).collect()
}

#[test]
fn an_initiative_is_created_read_back_and_normalised() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let (owner, customer, id) = portfolio
        .write(&stamp(), |w| {
            let owner = w.create(organisation("Kulturnämnden"))?;
            let customer = w.create(administration("Kulturförvaltningen", owner))?;
            let mut new = initiative("  slk-2026-00042 ", owner);
            new.customer_ids = vec![customer];
            let id = w.create(new)?;
            Ok((owner, customer, id))
        })
        .unwrap();
    let stored: Initiative = portfolio.read().get(id).unwrap();
    assert_eq!(stored.case_number, "SLK-2026-00042");
    assert_eq!(stored.owner_id, Some(owner));
    assert_eq!(stored.customer_ids, [customer]);
    assert_eq!(stored.total_cost(), (Money::from_kronor(500_000), Money::from_ore(12_000_050)));
    assert_eq!(portfolio.read().initiative_by_case_number("slk-2026-00042").unwrap().id, id);
}

#[test]
fn invalid_initiatives_are_refused_field_by_field_and_nothing_is_written() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let owner = portfolio.write(&stamp(), |w| w.create(organisation("Kulturnämnden"))).unwrap();
    portfolio.write(&stamp(), |w| w.create(initiative("SLK-2026-00001", owner))).unwrap();

    let mut bad = initiative("SLK-26-1", owner);
    bad.title = "   ".into();
    bad.owner_id = None;
    bad.track = Track::BusinessSpecific;
    bad.state = InitiativeState::Prioritised;
    bad.funding_model = Some(FundingModel::CostAllocation);
    bad.costs[1].year = 2029;
    bad.costs[0].development = Money::from_ore(-1);
    bad.security.confidentiality = Some(SecurityLevel { level: 7, label: "Hemlig".into() });
    let found = problems(refused_write(&workspace, &mut portfolio, |w| w.create(bad).map(drop)));
    let fields: Vec<&str> = found.errors().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "case_number",
            "title",
            "owner_id",
            "state",
            "costs[0].development",
            "costs[1].year",
            "security.confidentiality",
            "funding_model"
        ]
    );

    let duplicate = initiative("slk-2026-00001", owner);
    let found = problems(refused_write(&workspace, &mut portfolio, |w| w.create(duplicate).map(drop)));
    assert_eq!(rules(&found), [("case_number".to_string(), Rule::Duplicate)]);

    let mut dangling = initiative("SLK-2026-00002", 999);
    dangling.customer_ids = vec![owner, 998];
    dangling.provider_id = Some(997);
    let found = problems(refused_write(&workspace, &mut portfolio, |w| w.create(dangling).map(drop)));
    assert_eq!(
        rules(&found),
        [
            ("owner_id".to_string(), Rule::UnknownReference),
            ("provider_id".to_string(), Rule::UnknownReference),
            // A nämnd is no customer (riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen").
            (
                "customer_ids[0]".to_string(),
                Rule::NotAllowed { reason: samordna::domain::Reason::BoardNotCustomerNoAdministration }
            ),
            ("customer_ids[1]".to_string(), Rule::UnknownReference),
        ]
    );
}

#[test]
fn a_failure_late_in_a_write_undoes_its_earlier_steps() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let error = refused_write(&workspace, &mut portfolio, |w| {
        let owner = w.create(organisation("Kulturnämnden"))?;
        w.create(initiative("SLK-2026-00001", owner))?;
        w.create(organisation("kulturnämnden"))?; // the same name: refused
        Ok(())
    });
    assert_eq!(error.code(), "invalid");
    assert!(portfolio.read().organisations().unwrap().is_empty());
    assert!(portfolio.read().initiatives().unwrap().is_empty());
}

#[test]
fn organisations_cannot_form_a_cycle_or_be_deleted_while_used() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let (board, administration) = portfolio
        .write(&stamp(), |w| {
            let board = w.create(organisation("Grundskolenämnden"))?;
            let administration = w.create(Organisation {
                kind: OrganisationKind::Administration,
                parent_id: Some(board),
                ..organisation("Grundskoleförvaltningen")
            })?;
            Ok((board, administration))
        })
        .unwrap();
    let mut board_record: Organisation = portfolio.read().get(board).unwrap();
    board_record.parent_id = Some(administration);
    let found = problems(refused_write(&workspace, &mut portfolio, |w| w.update(board_record.clone())));
    assert_eq!(rules(&found), [("parent_id".to_string(), Rule::Cycle)]);
    board_record.parent_id = Some(board);
    let found = problems(refused_write(&workspace, &mut portfolio, |w| w.update(board_record)));
    assert_eq!(rules(&found), [("parent_id".to_string(), Rule::Cycle)]);

    match refused_write(&workspace, &mut portfolio, |w| w.delete::<Organisation>(board)) {
        Error::InUse { count, used_by, .. } => {
            assert_eq!(count, 1);
            assert_eq!(used_by, "Grundskoleförvaltningen");
        }
        other => panic!("expected InUse, got {other}"),
    }
    portfolio.write(&stamp(), |w| w.delete::<Organisation>(administration)).unwrap();
    portfolio.write(&stamp(), |w| w.delete::<Organisation>(board)).unwrap();
    assert!(portfolio.read().organisations().unwrap().is_empty());
    let missing = portfolio.write(&stamp(), |w| w.delete::<Organisation>(board)).unwrap_err();
    assert!(matches!(missing, Error::NotFound { entity: Entity::Organisation, .. }));
}

#[test]
fn services_follow_the_guidelines_payment_rules() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let provider = portfolio.read().providers().unwrap()[0].id;
    let service = Service {
        name: "Projektledare".into(),
        category: ServiceCategory::Specialist,
        provider_id: Some(provider),
        price: Some(Money::from_kronor(1150)),
        funding_model: Some(FundingModel::CostAllocation),
        ..Service::draft()
    };
    let found = problems(refused_write(&workspace, &mut portfolio, |w| w.create(service.clone()).map(drop)));
    assert_eq!(
        rules(&found),
        [
            ("unit".to_string(), Rule::Required),
            (
                "funding_model".to_string(),
                Rule::NotAllowed {
                    reason: samordna::domain::Reason::NotForCategory {
                        category: samordna::domain::ServiceCategory::Specialist
                    }
                }
            ),
        ]
    );
    let good = Service { unit: "timme".into(), funding_model: Some(FundingModel::InvoicePerUnit), ..service };
    let id = portfolio.write(&stamp(), |w| w.create(good.clone())).unwrap();
    assert_eq!(portfolio.read().get::<Service>(id).unwrap(), Service { id, ..good });
    // The provider now has a service and cannot be deleted.
    let error = refused_write(&workspace, &mut portfolio, |w| w.delete::<Provider>(provider));
    assert_eq!(error.code(), "in_use");
}

#[test]
fn problems_can_be_asked_for_without_writing() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let owner = portfolio.write(&stamp(), |w| w.create(organisation("Kulturnämnden"))).unwrap();
    let mut draft = initiative("SLK-2026-00001", owner);
    assert!(portfolio.read().problems(&draft).unwrap().is_empty());
    draft.title.clear();
    let found = portfolio.read().problems(&draft).unwrap();
    assert_eq!(rules(&found), [("title".to_string(), Rule::Required)]);
    assert!(portfolio.read().initiatives().unwrap().is_empty());
}

#[test]
fn what_keeps_a_record_from_deletion_is_known_before_deleting() {
    let workspace = crate::support::Workspace::new();
    let mut portfolio = workspace.sample();
    let organisations = portfolio.read().organisations().unwrap();
    let culture = organisations.iter().find(|o| o.name == "Kulturnämnden").unwrap();
    let users = portfolio.read().dependents(samordna::domain::Entity::Organisation, culture.id).unwrap();
    assert!(!users.is_empty());
    // The same records the deletion's refusal names.
    let refused = portfolio.write(&crate::support::stamp(), |w| w.delete::<samordna::domain::Organisation>(culture.id));
    let message = refused.unwrap_err().to_string();
    assert!(users.iter().all(|u| message.contains(u.as_str())), "{message} / {users:?}");
    // A record nothing refers to has none, and is deleted.
    let lone =
        portfolio.write(&crate::support::stamp(), |w| w.create(crate::support::organisation("Ensam nämnd"))).unwrap();
    assert!(portfolio.read().dependents(samordna::domain::Entity::Organisation, lone).unwrap().is_empty());
    portfolio.write(&crate::support::stamp(), |w| w.delete::<samordna::domain::Organisation>(lone)).unwrap();
}
