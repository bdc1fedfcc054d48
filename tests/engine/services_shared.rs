//! The shared services (issue 17, part B): the baseline security level, the catalogue's items required for "I drift",
//! customers, personal data and the data processing agreements, in the engine, the follow-up and the funding cases.

use std::process::Command;

use samordna::Error;
use samordna::domain::{
    Compliance, FundingCustomer, Id, Language, Parameters, Reason, Requirement, Rule, SecurityBaseline, Service,
    ServiceCustomer, ServiceState,
};
use samordna::interchange::PortfolioData;
use samordna::papers::{ReportRequest, yearly_report};

use crate::support::{Workspace, at, not_allowed, organisation, stamp};

fn service_named(portfolio: &samordna::Portfolio, name: &str) -> Service {
    portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap()
}

fn organisation_id(portfolio: &samordna::Portfolio, name: &str) -> Id {
    portfolio.read().organisations().unwrap().into_iter().find(|o| o.name == name).unwrap().id
}

#[test]
fn the_baseline_is_a_yearly_parameter_and_each_service_is_measured_against_the_one_in_force() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let parameters = portfolio.read().parameters().unwrap();
    let baseline = SecurityBaseline { confidentiality: 1, integrity: 2, availability: 2 };
    assert_eq!(parameters.security_baseline(2026), Some(baseline), "the sample's baseline");
    assert_eq!(parameters.security_baseline(2024), None, "no baseline before 2025");
    assert_eq!(parameters.security_baseline(2031), Some(baseline), "a later year takes the latest given");

    let standings = portfolio.read().service_standings(2026).unwrap();
    let of = |name: &str| {
        let id = service_named(&portfolio, name).id;
        standings.iter().find(|s| s.service_id == id).unwrap().clone()
    };
    assert_eq!(of("E-post och kalender").security, Compliance::Meets);
    assert_eq!(of("IT-servicedesk").security, Compliance::Below { aspects: vec!["integrity".into()] });
    assert_eq!(
        of("Utskrift och skanning").security,
        Compliance::Below { aspects: vec!["integrity".into(), "availability".into()] }
    );
    assert_eq!(of("Inköpskonsult").security, Compliance::NoInformation);
    assert_eq!(of("E-post och kalender").baseline, Some(baseline));
    // Before any baseline was given, a classified service cannot be compared.
    let early = portfolio.read().service_standings(2024).unwrap();
    let mail = service_named(&portfolio, "E-post och kalender").id;
    assert_eq!(early.iter().find(|s| s.service_id == mail).unwrap().security, Compliance::NoBaseline);

    // Raising the baseline for 2027 changes 2027's verdict, not 2026's; a level above the scale is refused.
    let mut raised: Parameters = parameters.clone();
    raised.years.iter_mut().find(|y| y.year == 2027).unwrap().security_baseline =
        Some(SecurityBaseline { confidentiality: 3, integrity: 2, availability: 2 });
    portfolio.write(&stamp(), |w| w.update(raised.clone())).unwrap();
    let stored = portfolio.read().parameters().unwrap();
    assert_eq!(stored, raised, "the baseline is stored per year");
    let later = portfolio.read().service_standings(2027).unwrap();
    assert_eq!(
        later.iter().find(|s| s.service_id == mail).unwrap().security,
        Compliance::Below { aspects: vec!["confidentiality".into()] }
    );
    assert_eq!(
        portfolio.read().service_standings(2026).unwrap().iter().find(|s| s.service_id == mail).unwrap().security,
        Compliance::Meets
    );
    let mut wrong = raised;
    wrong.years[0].security_baseline = Some(SecurityBaseline { confidentiality: 5, integrity: 0, availability: 0 });
    let error = portfolio.write(&stamp(), |w| w.update(wrong)).unwrap_err();
    assert_eq!(error.code(), "invalid");
    assert!(error.to_string().contains("years[0].security_baseline.confidentiality"), "{error}");
}

#[test]
fn a_service_goes_into_operation_only_with_every_item_the_catalogue_lists_and_below_baseline_is_not_refused() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // The sample's services in operation pass their own rule.
    for service in portfolio.read().services().unwrap() {
        if service.state == ServiceState::Active {
            assert_eq!(
                samordna::domain::lifecycle::check_service(ServiceState::Planned, ServiceState::Active, &service),
                Ok(()),
                "{}",
                service.name
            );
        }
    }
    let planned = service_named(&portfolio, "Avtalskatalog");
    assert_eq!(planned.state, ServiceState::Planned);
    let error = portfolio
        .write(&stamp(), |w| w.update(Service { state: ServiceState::Active, ..planned.clone() }))
        .unwrap_err();
    match &error {
        Error::ServiceTransition { missing, .. } => {
            assert_eq!(missing, &[Requirement::Price, Requirement::ConnectionRequirements]);
        }
        other => panic!("expected a refused move, got {other:?}"),
    }
    assert!(error.to_string().contains("it needs a price with its unit, connection requirements"), "{error}");
    // Below the baseline (T1 < T2) but described in full: it goes into operation, and shows that it is below.
    let complete = Service {
        state: ServiceState::Active,
        price: Some(samordna::Money::ZERO),
        unit: "sökning (finansieras med kommunbidrag)".into(),
        connection_requirements: "Inloggning med stadens konto.".into(),
        ..planned
    };
    portfolio.write(&stamp(), |w| w.update(complete.clone())).unwrap();
    let standing = portfolio.read().service_standings(2026).unwrap().into_iter().find(|s| s.service_id == complete.id);
    assert_eq!(standing.unwrap().security, Compliance::Below { aspects: vec!["availability".into()] });
}

#[test]
fn handling_no_information_excludes_a_classification_and_personal_data() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let consultant = service_named(&portfolio, "Projektledare digitalisering");
    assert!(consultant.handles_no_information);
    let classified = Service {
        security: service_named(&portfolio, "E-post och kalender").security,
        processes_personal_data: true,
        ..consultant.clone()
    };
    let error = portfolio.write(&stamp(), |w| w.update(classified)).unwrap_err();
    let reasons = not_allowed(&error);
    assert!(
        reasons.contains(&("security.confidentiality".into(), Reason::ClassifiedWithoutInformation)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("processes_personal_data".into(), Reason::PersonalDataWithoutInformation)),
        "{reasons:?}"
    );
    // Without the flag and without a classification, it cannot stay in operation.
    let unclassified = Service { handles_no_information: false, ..consultant };
    assert_eq!(unclassified.standing(2026, None).security, Compliance::NotClassified);
}

#[test]
fn customers_are_recorded_once_each_from_known_organisations_and_keep_them_from_being_removed() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let service = service_named(&portfolio, "Mobiltelefoni");
    let culture = organisation_id(&portfolio, "Kulturnämnden");
    assert!(service.customer_ids().contains(&culture));
    assert_eq!(portfolio.read().customers_of_service(service.id).unwrap(), service.customer_ids());
    assert_eq!(portfolio.read().customers_of_service(9999).unwrap_err().code(), "not_found");

    let twice = Service {
        customers: vec![
            ServiceCustomer { organisation_id: culture, dpa_reference: String::new() },
            ServiceCustomer { organisation_id: culture, dpa_reference: String::new() },
        ],
        ..service.clone()
    };
    let error = portfolio.write(&stamp(), |w| w.update(twice)).unwrap_err();
    assert!(error.to_string().contains("customers[1].organisation_id"), "{error}");
    let unknown = Service {
        customers: vec![ServiceCustomer { organisation_id: 9999, dpa_reference: String::new() }],
        ..service.clone()
    };
    let error = portfolio.write(&stamp(), |w| w.update(unknown)).unwrap_err();
    match &error {
        Error::Invalid { problems, .. } => assert!(
            problems
                .errors()
                .iter()
                .any(|e| e.field == "customers[0].organisation_id" && e.rule == Rule::UnknownReference)
        ),
        other => panic!("{other:?}"),
    }
    // A new organisation becomes a customer; it cannot be removed while it is one.
    let new = portfolio.write(&stamp(), |w| w.create(organisation("Nämnden för konsumentfrågor"))).unwrap();
    let mut with_new = service.clone();
    with_new.customers.push(ServiceCustomer { organisation_id: new, dpa_reference: " ".into() });
    portfolio.write(&stamp(), |w| w.update(with_new)).unwrap();
    assert!(portfolio.read().customers_of_service(service.id).unwrap().contains(&new));
    let refused = portfolio.write(&stamp(), |w| w.delete::<samordna::domain::Organisation>(new)).unwrap_err();
    assert!(refused.to_string().contains("Mobiltelefoni"), "{refused}");
    // Removing the service removes its customer rows, not the organisations.
    portfolio.write(&stamp(), |w| w.update(Service { customers: vec![], ..service.clone() })).unwrap();
    portfolio.write(&stamp(), |w| w.delete::<samordna::domain::Organisation>(new)).unwrap();
}

#[test]
fn a_service_processing_personal_data_flags_each_customer_without_a_data_processing_agreement() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let interpreting = service_named(&portfolio, "Tolkförmedling");
    let sydvast = organisation_id(&portfolio, "Socialnämnd Sydväst");
    assert!(interpreting.processes_personal_data);
    assert_eq!(interpreting.customers_without_dpa(), [sydvast]);
    let standing = interpreting.standing(2026, None);
    assert_eq!(standing.customers_without_dpa, [sydvast]);
    // A service that processes none asks for no agreement.
    let none = Service { processes_personal_data: false, ..interpreting.clone() };
    assert!(none.customers_without_dpa().is_empty());
    // Recording the reference clears the flag; it is stored trimmed.
    let mut signed = interpreting.clone();
    signed.customers.iter_mut().find(|c| c.organisation_id == sydvast).unwrap().dpa_reference =
        " PUB-DMS-2026-7 ".into();
    portfolio.write(&stamp(), |w| w.update(signed)).unwrap();
    let stored = service_named(&portfolio, "Tolkförmedling");
    assert!(stored.customers_without_dpa().is_empty());
    assert!(stored.customers.iter().any(|c| c.dpa_reference == "PUB-DMS-2026-7"));
}

fn pdf_text(path: &std::path::Path) -> String {
    let output = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output().expect("pdftotext");
    String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_yearly_follow_up_states_compliance_per_service_and_missing_agreements() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let reader = portfolio.read();
    let provider = |name: &str| reader.providers().unwrap().into_iter().find(|p| p.name == name).unwrap().id;
    let request = ReportRequest { year: 2026, provider_id: Some(provider("Intraservice")), language: Language::Sv };
    let report = yearly_report(&reader, &request, at("2026-12-01T10:00:00Z"), "Jonas Berg").unwrap();
    let path = workspace.path("is.pdf");
    std::fs::write(&path, &report.bytes).unwrap();
    let text = pdf_text(&path);
    for expected in [
        "Efterlevnad av säkerhetsnivå",
        "Stadens grundsäkerhetsnivå för året är K1 R2 T2",
        "IT-servicedesk Nej Under grundsäkerhetsnivån (K1 R2 T2) i riktighet",
        "E-post och kalender Ja Uppfyller grundsäkerhetsnivån (K1 R2 T2)",
        "Projektledare digitalisering Ja Hanterar ingen information",
        "Alla kunder till tjänster som behandlar personuppgifter har ett personuppgiftsbiträdesavtal.",
    ] {
        assert!(text.contains(expected), "the report lacks «{expected}»:\n{text}");
    }
    let request = ReportRequest { provider_id: Some(provider("Demokrati och medborgarservice")), ..request };
    let report = yearly_report(&reader, &request, at("2026-12-01T10:00:00Z"), "Jonas Berg").unwrap();
    std::fs::write(&path, &report.bytes).unwrap();
    let text = pdf_text(&path);
    assert!(
        text.contains("Följande kunder saknar personuppgiftsbiträdesavtal: • Tolkförmedling: Socialnämnd Sydväst"),
        "{text}"
    );
    // A year without a baseline says so instead of judging.
    let request = ReportRequest { year: 2024, ..request };
    let report = yearly_report(&reader, &request, at("2026-12-01T10:00:00Z"), "Jonas Berg").unwrap();
    std::fs::write(&path, &report.bytes).unwrap();
    assert!(pdf_text(&path).contains("Parametrarna anger ingen grundsäkerhetsnivå för året"));
}

#[test]
fn a_services_funding_case_is_warned_of_billing_a_non_customer() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let case_id = 1;
    let case: samordna::domain::FundingCase = portfolio.read().get(case_id).unwrap();
    let service = case.service_id.unwrap();
    assert!(portfolio.read().funding(case_id).unwrap().not_customers.is_empty(), "the sample bills its customers");
    let hamn = portfolio.write(&stamp(), |w| w.create(organisation("Göteborgs Hamn AB (test)"))).unwrap();
    let mut billing = case.clone();
    billing.customers.push(FundingCustomer {
        organisation_id: hamn,
        forecast_volume: case.customers[0].forecast_volume.clone(),
        actual_volume: vec![],
    });
    portfolio.write(&stamp(), |w| w.update(billing)).unwrap();
    assert_eq!(portfolio.read().funding(case_id).unwrap().not_customers, [hamn]);
    // Once the organisation is recorded as a customer of the service, the warning goes.
    let mut mail: Service = portfolio.read().get(service).unwrap();
    mail.customers.push(ServiceCustomer { organisation_id: hamn, dpa_reference: "PUB-IS-2026-1".into() });
    portfolio.write(&stamp(), |w| w.update(mail)).unwrap();
    assert!(portfolio.read().funding(case_id).unwrap().not_customers.is_empty());
}

#[test]
fn a_version_11_file_imports_with_customers_only_from_its_avsteg_no_flags_or_baseline_and_exports_as_current() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let mut value: serde_json::Value = serde_json::from_str(&crate::support::export(&portfolio)).unwrap();
    value["format_version"] = 11.into();
    for service in value["services"].as_array_mut().unwrap() {
        let object = service.as_object_mut().unwrap();
        for field in ["customers", "handles_no_information", "processes_personal_data"] {
            object.remove(field);
        }
    }
    for year in value["parameters"]["years"].as_array_mut().unwrap() {
        year.as_object_mut().unwrap().remove("security_baseline");
    }
    let old = PortfolioData::from_json(&value.to_string()).unwrap();
    let mut target = samordna::Portfolio::create(&workspace.path("old.samordna"), &stamp()).unwrap();
    target.write(&stamp(), |w| old.replace_into(w, "version 11")).unwrap();
    let services = target.read().services().unwrap();
    assert!(services.iter().all(|s| !s.handles_no_information && !s.processes_personal_data));
    // Customers were not recorded before version 13; an organisation that opted out of a service was one of its
    // customers, so the sample's two avsteg from services make their boards customers, and no one else is.
    let deviations: Vec<samordna::domain::Deviation> = target.read().all().unwrap();
    let opted_out: Vec<(samordna::domain::Id, samordna::domain::Id)> = deviations
        .iter()
        .filter(|d| d.kind == samordna::domain::DeviationKind::OptOut)
        .filter_map(|d| Some((d.service_id?, d.organisation_id?)))
        .collect();
    assert_eq!(opted_out.len(), 2);
    for service in &services {
        let expected: Vec<_> = opted_out.iter().filter(|(s, _)| *s == service.id).map(|(_, o)| *o).collect();
        let customers: Vec<_> = service.customers.iter().map(|c| c.organisation_id).collect();
        assert_eq!(customers, expected, "{}", service.name);
    }
    assert_eq!(target.read().parameters().unwrap().security_baseline(2026), None);
    let exported = crate::support::export(&target);
    let current = format!("\"format_version\": {}", samordna::interchange::FORMAT_VERSION);
    assert!(exported.contains(&current), "written as the current version");
}

#[test]
fn the_services_sheet_has_the_customers_with_their_agreements_and_imports_them() {
    use samordna::sheets::{self, Cell, SheetKind};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let table = sheets::table(&portfolio.read(), SheetKind::Services, Language::Sv).unwrap();
    let column = |header: &str| table.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("{header}"));
    let (name, customers, personal) = (column("Namn"), column("Kunder"), column("Behandlar personuppgifter"));
    let row = table.rows.iter().find(|r| r[name] == Cell::Text("Tolkförmedling".into())).unwrap();
    let Cell::Text(cell) = &row[customers] else { panic!("{:?}", row[customers]) };
    let centrum = organisation_id(&portfolio, "Socialnämnd Centrum");
    assert!(cell.contains(&format!("Socialnämnd Centrum (PUB-DMS-2025-{centrum:03})")), "{cell}");
    assert!(cell.contains("; Socialnämnd Sydväst;") || cell.ends_with("; Socialnämnd Sydväst"), "{cell}");
    assert_eq!(row[personal], Cell::Text("Ja".into()));

    // Customers by name, `;`-separated, an agreement's reference in brackets.
    let text = "Namn;Behandlar personuppgifter;Kunder\n\
                Mobiltelefoni;Ja;Kulturnämnden; Socialnämnd Centrum (PUB-IS-2026-9)\n";
    let text = text.replace(
        "Kulturnämnden; Socialnämnd Centrum (PUB-IS-2026-9)",
        "\"Kulturnämnden; Socialnämnd Centrum (PUB-IS-2026-9)\"",
    );
    sheets::import(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), "kunder.csv", Language::Sv).unwrap();
    let phones = service_named(&portfolio, "Mobiltelefoni");
    assert!(phones.processes_personal_data);
    let culture = organisation_id(&portfolio, "Kulturnämnden");
    let mut expected = vec![
        ServiceCustomer { organisation_id: culture, dpa_reference: String::new() },
        ServiceCustomer { organisation_id: centrum, dpa_reference: "PUB-IS-2026-9".into() },
    ];
    expected.sort_by_key(|c| c.organisation_id);
    assert_eq!(phones.customers, expected);
    assert_eq!(phones.customers_without_dpa(), [culture]);

    // An unknown name or one named twice is a problem of the cell, and nothing is written.
    for (cell, problem) in [
        ("Kulturnämnden; Nämnden som inte finns", "det finns ingen organisation som heter"),
        ("Kulturnämnden; kulturnämnden (PUB-1)", "står två gånger"),
    ] {
        let text = format!("Namn;Kunder\nMobiltelefoni;\"{cell}\"\n");
        let preview =
            sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), Language::Sv).unwrap();
        assert!(
            preview.problems.iter().any(|p| p.column == "Kunder" && p.message.contains(problem)),
            "{:?}",
            preview.problems
        );
    }
    assert_eq!(service_named(&portfolio, "Mobiltelefoni").customers, expected);
}
