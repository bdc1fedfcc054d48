//! Issue 17, part C: the city's practice (Stadens rutin) as labelled parameters, each with today's behaviour as the
//! default, and verksamhetsspecifika system och tjänster kept out of the catalogue (riktlinjen, "Tjänster och
//! förändringsinsatser"), including stored ones (migration 15) and older files (format version 14).

use rusqlite::Connection;
use samordna::Portfolio;
use samordna::domain::{Entity, FundingModel, Parameters, Practice, Reason, Service, ServiceCategory, ServiceState};
use samordna::interchange::PortfolioData;
use samordna::store::schema::{self, APPLICATION_ID};

use crate::support::{Workspace, at, export, not_allowed, stamp};

fn set_practice(portfolio: &mut Portfolio, practice: Practice) {
    let parameters: Parameters = portfolio.read().parameters().unwrap();
    portfolio.write(&stamp(), |w| w.update(Parameters { practice, ..parameters })).unwrap();
}

fn service(portfolio: &Portfolio, name: &str) -> Service {
    portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap()
}

#[test]
fn a_municipal_grant_for_a_base_service_is_the_citys_practice_allowed_by_default() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // Default: the sample's base services funded by kommunbidrag pass, and a change to one is saved.
    let web = service(&portfolio, "Webbpublicering goteborg.se");
    assert_eq!((web.category, web.funding_model), (ServiceCategory::Base, Some(FundingModel::MunicipalGrant)));
    assert!(portfolio.read().problems(&web).unwrap().is_empty());
    // The guideline's table alone: cost allocation or invoicing for a bastjänst.
    assert_eq!(ServiceCategory::Base.allowed_funding(), [FundingModel::CostAllocation, FundingModel::InvoicePerUnit]);
    assert!(ServiceCategory::Base.allowed_funding_with(true).contains(&FundingModel::MunicipalGrant));
    // Switched off: a base service funded by kommunbidrag is refused, naming the practice.
    set_practice(&mut portfolio, Practice { grant_for_base_services: false, ..Practice::default() });
    let changed = Service { scope: format!("{} Ny text.", web.scope), ..web.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(changed)).unwrap_err();
    assert_eq!(not_allowed(&error), [("funding_model".to_string(), Reason::GrantForBaseByPractice)]);
    // Cost allocation is the guideline's, and stays allowed.
    let allocated = Service { funding_model: Some(FundingModel::CostAllocation), ..web };
    portfolio.write(&stamp(), |w| w.update(allocated)).unwrap();
    // A tilläggstjänst is never grant funded, whatever the practice.
    let mobile = service(&portfolio, "Mobiltelefoni");
    set_practice(&mut portfolio, Practice::default());
    let granted = Service { funding_model: Some(FundingModel::MunicipalGrant), ..mobile };
    let error = portfolio.write(&stamp(), |w| w.update(granted)).unwrap_err();
    assert_eq!(not_allowed(&error).len(), 1);
    assert_eq!(not_allowed(&error)[0].0, "funding_model");
}

#[test]
fn companies_are_invoiced_under_a_grant_by_the_citys_practice_and_granted_when_it_is_off() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mail = service(&portfolio, "E-post och kalender");
    let case = portfolio.read().funding_case_of(None, Some(mail.id)).unwrap().unwrap();
    // Default: the companies are invoiced and have no frame transfer.
    let on = portfolio.read().funding(case.id).unwrap().comparison;
    assert!(on.companies_invoiced);
    assert_eq!(on.grant.company_invoices.len(), 2);
    let energi = on.totals.iter().find(|t| t.name == "Göteborg Energi").unwrap();
    assert!(energi.grant > samordna::Money::ZERO && energi.frame_transfer == samordna::Money::ZERO);
    // Off: the grant funds the companies too; their frames move like the boards', and they pay nothing.
    set_practice(&mut portfolio, Practice { companies_invoiced: false, ..Practice::default() });
    let off = portfolio.read().funding(case.id).unwrap().comparison;
    assert!(!off.companies_invoiced);
    assert!(off.grant.company_invoices.is_empty());
    let energi = off.totals.iter().find(|t| t.name == "Göteborg Energi").unwrap();
    assert!(
        energi.is_company && energi.grant == samordna::Money::ZERO && energi.frame_transfer > samordna::Money::ZERO
    );
    // The grant is then the whole forecast cost base, and the transfers add up to it.
    for (y, grant) in off.grant.grant.iter().enumerate() {
        assert_eq!(*grant, off.cost_base.forecast[y]);
        let transfers: i64 = off.grant.frame_transfer.iter().map(|t| t.amount[y].ore()).sum();
        assert_eq!(transfers, grant.ore());
    }
    // The other models do not depend on it.
    assert_eq!(off.cost_allocation, on.cost_allocation);
    assert_eq!(off.invoice, on.invoice);
}

#[test]
fn the_practice_is_kept_with_the_parameters_and_in_the_json_format() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let practice = Practice {
        action_plan_step: false,
        deadline_days: 21,
        companies_invoiced: false,
        grant_for_base_services: true,
        analysis_due: samordna::domain::AnalysisDue { month: 9, day: 30 },
    };
    // The sample's base services funded by kommunbidrag keep the last one on, so the sample still passes.
    set_practice(&mut portfolio, practice);
    let text = export(&portfolio);
    assert!(text.contains("\"deadline_days\": 21"), "the practice is exported");
    let mut other = workspace.new_portfolio();
    let data = PortfolioData::from_json(&text).unwrap();
    other.write(&stamp(), |w| data.replace_into(w, "test")).unwrap();
    assert_eq!(other.read().parameters().unwrap().practice, practice);
    assert_eq!(export(&other), text);
    // A file without it (older versions) reads today's behaviour.
    let older = text.replace("\"format_version\": 14", "\"format_version\": 11");
    let mut value: serde_json::Value = serde_json::from_str(&older).unwrap();
    value["parameters"].as_object_mut().unwrap().remove("practice");
    let data = PortfolioData::from_json(&value.to_string()).unwrap();
    assert_eq!(data.parameters.unwrap().practice, Practice::default());
}

#[test]
fn a_business_specific_service_is_refused_in_the_catalogue_and_read_as_a_tillaggstjanst_from_older_files() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // The sample: no business-specific items; Intraservice operates the boards' own systems as a tilläggstjänst.
    let services = portfolio.read().services().unwrap();
    assert!(services.iter().all(|s| s.category.in_catalogue()));
    let operation = service(&portfolio, "Drift av verksamhetsspecifika system");
    assert_eq!(operation.category, ServiceCategory::Additional);
    assert_eq!(operation.funding_model, Some(FundingModel::InvoicePerUnit));
    // A new or edited service cannot be business-specific.
    let own = Service {
        id: 0,
        name: "Stöd för elevhälsans journalsystem".into(),
        category: ServiceCategory::BusinessSpecific,
        funding_model: Some(FundingModel::OwnBudget),
        state: ServiceState::Active,
        ..operation.clone()
    };
    let error = portfolio.write(&stamp(), |w| w.create(own.clone())).unwrap_err();
    assert_eq!(not_allowed(&error)[0], ("category".to_string(), Reason::NotInCatalogue));
    // A current file with one is refused with the same reason, and nothing is written.
    let mut value: serde_json::Value = serde_json::from_str(&export(&portfolio)).unwrap();
    value["services"][0]["category"] = "verksamhetsspecifik".into();
    value["services"][0]["funding_model"] = "egen_budget".into();
    let before = export(&portfolio);
    let data = PortfolioData::from_json(&value.to_string()).unwrap();
    let error = portfolio.write(&stamp(), |w| data.replace_into(w, "test")).unwrap_err();
    assert!(error.to_string().contains("not a catalogue service"), "{error}");
    assert_eq!(export(&portfolio), before);
    // An older file (version 11) with one reads it as a tilläggstjänst invoiced per unit, under its own name.
    value["format_version"] = 11.into();
    let name = value["services"][0]["name"].as_str().unwrap().to_string();
    let data = PortfolioData::from_json(&value.to_string()).unwrap();
    portfolio.write(&stamp(), |w| data.replace_into(w, "test")).unwrap();
    let upgraded = service(&portfolio, &name);
    assert_eq!(upgraded.category, ServiceCategory::Additional);
    assert_eq!(upgraded.funding_model, Some(FundingModel::InvoicePerUnit));
}

#[test]
fn migration_15_keeps_the_deviations_and_makes_stored_business_specific_services_tillaggstjanster() {
    let workspace = Workspace::new();
    let path = workspace.path("old.samordna");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        // The schema before migration 15.
        schema::migrate_to(&mut conn, 14).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, name, kind) VALUES (1, 'Utbildningsnämnden', 'namnd');
             INSERT INTO provider (id, name, organisation_id, description) VALUES (1, 'Intraservice', NULL, '');
             INSERT INTO service (id, name, category, provider_id, funding_model, state)
                 VALUES (1, 'Stöd för elevhälsans journalsystem', 'verksamhetsspecifik', 1, 'egen_budget', 'i_drift'),
                        (2, 'Lönetjänst', 'bas', 1, 'kostnadsfordelning', 'i_drift');
             INSERT INTO change (at, by, entity, record_id, record_label, action, note)
                 VALUES ('2026-10-01T08:00:00Z', 'Anna', 'service', 1, 'Stöd för elevhälsans journalsystem', 'create', '');
             INSERT INTO deviation (id, kind, service_id, organisation_id, title, registered, deadline, outcome, steps)
                 VALUES (7, 'avsteg', 2, 1, 'Egen lön', '2026-09-01', '2026-10-01', NULL,
                         '[{\"step\":\"dialog_leverantor\",\"date\":\"2026-09-02\",\"note\":\"\"}]');
             INSERT INTO meeting (id, body, date) VALUES (1, 'SSG', '2026-10-15');
             INSERT INTO agenda_item (id, meeting_id, position, kind, title, deviation_id)
                 VALUES (1, 1, 1, 'information', 'Avsteg lön', 7);",
        )
        .unwrap();
    }
    let portfolio = Portfolio::open(&path, at("2026-11-26T10:15:30Z")).unwrap();
    let migrated: Service = portfolio.read().get(1).unwrap();
    assert_eq!(migrated.name, "Stöd för elevhälsans journalsystem", "named as before");
    assert_eq!(
        (migrated.category, migrated.funding_model),
        (ServiceCategory::Additional, Some(FundingModel::InvoicePerUnit))
    );
    assert!(portfolio.read().problems(&migrated).unwrap().is_empty());
    let history = portfolio.read().history(Entity::Service, 1).unwrap();
    let note = history.iter().find(|c| c.note.starts_with("Verksamhetsspecifik tjänst blev tilläggstjänst")).unwrap();
    assert_eq!(note.at, "2026-10-01T08:00:00Z", "the time of the last change before, not the clock");
    let fields: Vec<(&str, Option<&str>, Option<&str>)> =
        note.fields.iter().map(|f| (f.field.as_str(), f.old.as_deref(), f.new.as_deref())).collect();
    assert_eq!(
        fields,
        [
            ("category", Some("verksamhetsspecifik"), Some("tillagg")),
            ("funding_model", Some("egen_budget"), Some("faktura_a_pris"))
        ]
    );
    let base: Service = portfolio.read().get(2).unwrap();
    assert_eq!(base.category, ServiceCategory::Base, "other services are untouched");
    // The deviation keeps its row, id and agenda item; the new fields are empty.
    let kept: samordna::domain::Deviation = portfolio.read().get(7).unwrap();
    assert_eq!((kept.service_id, kept.framework, kept.title.as_str()), (Some(2), None, "Egen lön"));
    assert!(kept.motivation.is_empty() && kept.decided_by_id.is_none() && kept.decision_date.is_none());
    let conn = Connection::open(&path).unwrap();
    let item: Option<i64> =
        conn.query_row("SELECT deviation_id FROM agenda_item WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(item, Some(7));
    let violations: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(violations, 0);
}

#[test]
fn migration_14_makes_an_organisation_that_opted_out_of_a_service_its_customer() {
    let workspace = Workspace::new();
    let path = workspace.path("older.samordna");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        // The schema before migration 14.
        schema::migrate_to(&mut conn, 13).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, name, kind) VALUES (1, 'Utbildningsnämnden', 'namnd'), (2, 'Kulturnämnden', 'namnd');
             INSERT INTO provider (id, name, organisation_id, description) VALUES (1, 'Intraservice', NULL, '');
             INSERT INTO service (id, name, category, provider_id, funding_model, state)
                 VALUES (2, 'Lönetjänst', 'bas', 1, 'kostnadsfordelning', 'i_drift');
             INSERT INTO deviation (id, kind, service_id, organisation_id, title, registered, deadline, outcome, steps)
                 VALUES (7, 'avsteg', 2, 1, 'Egen lön', '2026-09-01', '2026-10-01', NULL, '[]'),
                        (8, 'avvikelse', 2, 2, 'Lönen sen', '2026-09-05', '2026-10-05', NULL, '[]');",
        )
        .unwrap();
    }
    let mut portfolio = Portfolio::open(&path, at("2026-11-26T10:15:30Z")).unwrap();
    // The opt-out's board was made a customer (an avsteg is made by one); the avvikelse's reporter was not made one.
    // Migration 22 then gives each nämnd's place as a customer to its förvaltning (riktlinjen, "Begrepp": "Kund
    // Förvaltningar och bolag inom kommunkoncernen"), made under it since it had none, with a note in the history.
    assert_eq!(portfolio.read().customers_of_service(2).unwrap(), [3]);
    let organisations: Vec<samordna::domain::Organisation> = portfolio.read().all().unwrap();
    let mut made: Vec<(i64, &str, Option<i64>)> =
        organisations.iter().filter(|o| o.id > 2).map(|o| (o.id, o.name.as_str(), o.parent_id)).collect();
    made.sort_unstable();
    assert_eq!(made, [(3, "Utbildningsnämnden – förvaltning", Some(1)), (4, "Kulturnämnden – förvaltning", Some(2))]);
    let reported: samordna::domain::Deviation = portfolio.read().get(8).unwrap();
    assert_eq!(reported.organisation_id, Some(4), "the avvikelse's reporter is the förvaltning too");
    let notes: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM change WHERE note LIKE '%kunder är förvaltningar och bolag%'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(notes >= 4, "each förvaltning made and each customer moved is in the history: {notes}");
    let kept: samordna::domain::Deviation = portfolio.read().get(7).unwrap();
    assert_eq!(kept.organisation_id, Some(3));
    portfolio.write(&stamp(), |w| w.update(kept)).unwrap();
}

#[test]
fn a_sheet_row_that_makes_a_service_business_specific_is_refused_by_row_and_column() {
    use samordna::sheets::{self, SheetKind};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    let text = "Tjänst;Kategori\nMobiltelefoni;Verksamhetsspecifik tjänst\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), samordna::domain::Language::Sv)
            .unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!(preview.problems[0].column, "Kategori");
    assert!(preview.problems[0].message.contains("inte en leverantörs katalogtjänster"), "{:?}", preview.problems);
    assert_eq!(export(&portfolio), before, "nothing written");
}
