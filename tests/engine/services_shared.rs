//! The shared services (issue 17, part B; issue 26, part 5): each service's assessment against the city's baseline
//! (grundsäkerhetsnivå) apart from its classification, the least classification as the city's practice, the
//! catalogue's items required for "I drift", customers, and the personal data processed on their behalf with each
//! customer's instructions (and agreement where one exists), in the engine, the sheet, the follow-up and the
//! funding cases.

use std::process::Command;

use samordna::Error;
use samordna::domain::{
    BaselineStatus, ClassificationCheck, FundingCustomer, Id, Language, LeastClassification, Parameters, Reason,
    Requirement, Rule, Service, ServiceCustomer, ServiceState,
};
use samordna::interchange::PortfolioData;
use samordna::papers::{ReportRequest, yearly_report};

use crate::support::{Workspace, administration, at, day, not_allowed, organisation, stamp};

fn service_named(portfolio: &samordna::Portfolio, name: &str) -> Service {
    portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap()
}

fn organisation_id(portfolio: &samordna::Portfolio, name: &str) -> Id {
    portfolio.read().organisations().unwrap().into_iter().find(|o| o.name == name).unwrap().id
}

/// A customer with the references to its instructions and agreement.
fn customer(organisation_id: Id, instructions: &str, agreement: &str) -> ServiceCustomer {
    ServiceCustomer { organisation_id, instructions_reference: instructions.into(), dpa_reference: agreement.into() }
}

#[test]
fn the_least_classification_is_the_citys_practice_and_each_service_is_compared_with_the_one_in_force() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let parameters = portfolio.read().parameters().unwrap();
    let least = LeastClassification { confidentiality: 1, integrity: 2, availability: 2 };
    assert_eq!(parameters.least_classification(2026), Some(least), "the sample's practice");
    assert_eq!(parameters.least_classification(2024), None, "none before 2025");
    assert_eq!(parameters.least_classification(2031), Some(least), "a later year takes the latest given");

    let standings = portfolio.read().service_standings(2026).unwrap();
    let of = |name: &str| {
        let id = service_named(&portfolio, name).id;
        standings.iter().find(|s| s.service_id == id).unwrap().clone()
    };
    assert_eq!(of("E-post och kalender").classification, ClassificationCheck::AtLeast);
    assert_eq!(of("IT-servicedesk").classification, ClassificationCheck::Below { aspects: vec!["integrity".into()] });
    assert_eq!(
        of("Utskrift och skanning").classification,
        ClassificationCheck::Below { aspects: vec!["integrity".into(), "availability".into()] }
    );
    assert_eq!(of("Inköpskonsult").classification, ClassificationCheck::NoInformation);
    assert_eq!(of("E-post och kalender").least_classification, Some(least));
    // Before the practice set one, a classified service is compared with nothing.
    let early = portfolio.read().service_standings(2024).unwrap();
    let mail = service_named(&portfolio, "E-post och kalender").id;
    assert_eq!(early.iter().find(|s| s.service_id == mail).unwrap().classification, ClassificationCheck::NoMinimum);

    // Raising it for 2027 changes 2027's comparison, not 2026's; a level above the scale is refused.
    let mut raised: Parameters = parameters.clone();
    raised.years.iter_mut().find(|y| y.year == 2027).unwrap().least_classification =
        Some(LeastClassification { confidentiality: 3, integrity: 2, availability: 2 });
    portfolio.write(&stamp(), |w| w.update(raised.clone())).unwrap();
    let stored = portfolio.read().parameters().unwrap();
    assert_eq!(stored, raised, "the practice is stored per year");
    let later = portfolio.read().service_standings(2027).unwrap();
    assert_eq!(
        later.iter().find(|s| s.service_id == mail).unwrap().classification,
        ClassificationCheck::Below { aspects: vec!["confidentiality".into()] }
    );
    assert_eq!(
        portfolio.read().service_standings(2026).unwrap().iter().find(|s| s.service_id == mail).unwrap().classification,
        ClassificationCheck::AtLeast
    );
    let mut wrong = raised.clone();
    wrong.years[0].least_classification =
        Some(LeastClassification { confidentiality: 5, integrity: 0, availability: 0 });
    let error = portfolio.write(&stamp(), |w| w.update(wrong)).unwrap_err();
    assert_eq!(error.code(), "invalid");
    assert!(error.to_string().contains("years[0].least_classification.confidentiality"), "{error}");

    // A city without the practice compares nothing: every classified service has no minimum, none is "below".
    let mut none = raised;
    for year in &mut none.years {
        year.least_classification = None;
    }
    portfolio.write(&stamp(), |w| w.update(none)).unwrap();
    let standings = portfolio.read().service_standings(2026).unwrap();
    assert!(standings.iter().all(|s| s.least_classification.is_none()));
    assert!(!standings.iter().any(|s| matches!(s.classification, ClassificationCheck::Below { .. })));
}

/// Issue 26, part 5: the baseline (grundsäkerhetsnivå) is a set of safeguards the city's information security
/// guideline decides, met or not whatever the classification; each service records its own assessment.
#[test]
fn each_service_records_its_baseline_assessment_apart_from_its_classification() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // Low-sensitivity services meet the baseline: the classification says nothing of it.
    let desk = service_named(&portfolio, "IT-servicedesk");
    assert_eq!(desk.security.short(), "K1 R1 T2");
    assert_eq!(desk.baseline, BaselineStatus::Meets);
    assert_eq!(desk.baseline_assessed_date, Some(day("2026-03-16")));
    assert!(desk.baseline_assessed_by.contains("Intraservice"), "{}", desk.baseline_assessed_by);
    let print = service_named(&portfolio, "Utskrift och skanning");
    assert_eq!(print.baseline, BaselineStatus::DoesNotMeet);
    assert!(print.baseline_shortfalls.contains("säkerhetsuppdateringar"), "{}", print.baseline_shortfalls);
    assert_eq!(service_named(&portfolio, "E-handel").baseline, BaselineStatus::NotAssessed);
    assert_eq!(service_named(&portfolio, "Avtalskatalog").baseline, BaselineStatus::NotAssessed);
    let services = portfolio.read().services().unwrap();
    let meeting = services.iter().filter(|s| s.baseline == BaselineStatus::Meets).count();
    assert!(meeting * 2 > services.len(), "most meet it: {meeting} of {}", services.len());
    assert_eq!(
        print.baseline_text(Language::Sv),
        format!(
            "uppfyller inte grundsäkerhetsnivån (bedömd 2026-03-16 av {}): {}",
            print.baseline_assessed_by, print.baseline_shortfalls
        )
    );

    // Raising or lowering the classification leaves the assessment as it was.
    let mut raised = desk.clone();
    raised.security = service_named(&portfolio, "Identitets- och behörighetshantering").security;
    portfolio.write(&stamp(), |w| w.update(raised)).unwrap();
    assert_eq!(service_named(&portfolio, "IT-servicedesk").baseline, BaselineStatus::Meets);

    // An assessment recorded: stored trimmed, in the change history like every field.
    let assessed = Service {
        baseline: BaselineStatus::DoesNotMeet,
        baseline_shortfalls: " Saknar loggning av administratörsåtkomst. ".into(),
        baseline_assessed_date: Some(day("2026-10-01")),
        baseline_assessed_by: "Sara Nordin".into(),
        ..service_named(&portfolio, "E-handel")
    };
    portfolio.write(&stamp(), |w| w.update(assessed)).unwrap();
    let stored = service_named(&portfolio, "E-handel");
    assert_eq!(stored.baseline, BaselineStatus::DoesNotMeet);
    assert_eq!(stored.baseline_shortfalls, "Saknar loggning av administratörsåtkomst.");
    let history = portfolio.read().history(samordna::domain::Entity::Service, stored.id).unwrap();
    let fields: Vec<&str> = history.iter().flat_map(|c| c.fields.iter().map(|f| f.field.as_str())).collect();
    assert!(fields.contains(&"baseline") && fields.contains(&"baseline_shortfalls"), "{fields:?}");
}

#[test]
fn a_service_that_does_not_meet_the_baseline_names_its_shortfalls_and_an_assessment_has_a_date_and_an_assessor() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let print = service_named(&portfolio, "Utskrift och skanning");
    let refused = |portfolio: &mut samordna::Portfolio, service: Service| {
        let error = portfolio.write(&stamp(), |w| w.update(service)).unwrap_err();
        match error {
            Error::Invalid { problems, .. } => {
                problems.errors().iter().map(|e| (e.field.clone(), e.rule.clone())).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        }
    };
    // Not meeting it without naming what is lacking is refused.
    let unnamed = Service { baseline_shortfalls: "  ".into(), ..print.clone() };
    assert_eq!(refused(&mut portfolio, unnamed), [("baseline_shortfalls".to_string(), Rule::Required)]);
    // Shortfalls beside "meets" or "not assessed" are refused: they are named only when it does not meet it.
    let meets = Service { baseline: BaselineStatus::Meets, ..print.clone() };
    assert_eq!(
        refused(&mut portfolio, meets),
        [("baseline_shortfalls".to_string(), Rule::NotAllowed { reason: Reason::ShortfallsOnlyWhenNotMet })]
    );
    // Not assessed has no date or assessor; assessed has both or neither; the date is a date.
    let not_assessed =
        Service { baseline: BaselineStatus::NotAssessed, baseline_shortfalls: String::new(), ..print.clone() };
    let reasons = not_allowed(&refused_error(&mut portfolio, not_assessed.clone()));
    assert_eq!(
        reasons,
        [
            ("baseline_assessed_date".to_string(), Reason::NotAssessedAgainstBaseline),
            ("baseline_assessed_by".to_string(), Reason::NotAssessedAgainstBaseline)
        ]
    );
    let no_one = Service { baseline_assessed_by: String::new(), ..print.clone() };
    assert_eq!(refused(&mut portfolio, no_one), [("baseline_assessed_by".to_string(), Rule::Required)]);
    let no_date = Service { baseline_assessed_date: None, ..print.clone() };
    assert_eq!(refused(&mut portfolio, no_date), [("baseline_assessed_date".to_string(), Rule::Required)]);
    // Not assessed and nothing more is accepted, and so is "meets" without a date (assessed, date unknown).
    let cleared = Service { baseline_assessed_date: None, baseline_assessed_by: String::new(), ..not_assessed };
    portfolio.write(&stamp(), |w| w.update(cleared)).unwrap();
    let undated = Service { baseline: BaselineStatus::Meets, ..service_named(&portfolio, "Utskrift och skanning") };
    portfolio.write(&stamp(), |w| w.update(undated)).unwrap();
    assert_eq!(service_named(&portfolio, "Utskrift och skanning").baseline, BaselineStatus::Meets);
}

fn refused_error(portfolio: &mut samordna::Portfolio, service: Service) -> Error {
    portfolio.write(&stamp(), |w| w.update(service)).unwrap_err()
}

#[test]
fn a_service_goes_into_operation_only_with_every_item_the_catalogue_lists_and_below_the_practice_is_not_refused() {
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
    // Below the practice's least classification (T1 < T2) and not assessed against the baseline, but described in
    // full: it goes into operation, and shows both.
    let complete = Service {
        state: ServiceState::Active,
        price: Some(samordna::Money::ZERO),
        unit: "sökning (finansieras med kommunbidrag)".into(),
        connection_requirements: "Inloggning med stadens konto.".into(),
        ..planned
    };
    portfolio.write(&stamp(), |w| w.update(complete.clone())).unwrap();
    let standing = portfolio.read().service_standings(2026).unwrap().into_iter().find(|s| s.service_id == complete.id);
    assert_eq!(standing.unwrap().classification, ClassificationCheck::Below { aspects: vec!["availability".into()] });
    assert_eq!(service_named(&portfolio, "Avtalskatalog").baseline, BaselineStatus::NotAssessed);
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
    assert_eq!(unclassified.standing(2026, None).classification, ClassificationCheck::NotClassified);
}

#[test]
fn customers_are_recorded_once_each_from_known_organisations_and_keep_them_from_being_removed() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let service = service_named(&portfolio, "Mobiltelefoni");
    let culture = organisation_id(&portfolio, "Kulturförvaltningen");
    assert!(service.customer_ids().contains(&culture));
    assert_eq!(portfolio.read().customers_of_service(service.id).unwrap(), service.customer_ids());
    assert_eq!(portfolio.read().customers_of_service(9999).unwrap_err().code(), "not_found");

    let twice = Service { customers: vec![customer(culture, "", ""), customer(culture, "", "")], ..service.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(twice)).unwrap_err();
    assert!(error.to_string().contains("customers[1].organisation_id"), "{error}");
    let unknown = Service { customers: vec![customer(9999, "", "")], ..service.clone() };
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
    // A nämnd is no customer (riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen"): the
    // refusal names its förvaltning.
    let board = organisation_id(&portfolio, "Kulturnämnden");
    let board_as_customer = Service { customers: vec![customer(board, "", "")], ..service.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(board_as_customer)).unwrap_err();
    assert!(error.to_string().contains("choose its förvaltning, Kulturförvaltningen"), "{error}");
    // A new förvaltning becomes a customer; it cannot be removed while it is one.
    let new = portfolio.write(&stamp(), |w| w.create(administration("Konsumentförvaltningen", board))).unwrap();
    let mut with_new = service.clone();
    with_new.customers.push(customer(new, "", " "));
    portfolio.write(&stamp(), |w| w.update(with_new)).unwrap();
    assert!(portfolio.read().customers_of_service(service.id).unwrap().contains(&new));
    let refused = portfolio.write(&stamp(), |w| w.delete::<samordna::domain::Organisation>(new)).unwrap_err();
    assert!(refused.to_string().contains("Mobiltelefoni"), "{refused}");
    // Removing the service removes its customer rows, not the organisations.
    portfolio.write(&stamp(), |w| w.update(Service { customers: vec![], ..service.clone() })).unwrap();
    portfolio.write(&stamp(), |w| w.delete::<samordna::domain::Organisation>(new)).unwrap();
}

/// Issue 26, part 5: the guideline speaks of instructions each board decides, and of the provider as
/// personuppgiftsbiträde "i de fall" it is one; an agreement is recorded where one exists and never asked for.
#[test]
fn a_customer_without_instructions_is_flagged_and_an_agreement_is_recorded_where_one_exists() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let interpreting = service_named(&portfolio, "Tolkförmedling");
    let sydvast = organisation_id(&portfolio, "Socialförvaltningen Sydväst");
    let centrum = organisation_id(&portfolio, "Socialförvaltningen Centrum");
    assert!(interpreting.processes_personal_data);
    assert_eq!(interpreting.customers_without_instructions(), [sydvast]);
    let standing = interpreting.standing(2026, None);
    assert_eq!(standing.customers_without_instructions, [sydvast]);
    // A nämnd with instructions and no agreement is not flagged: the agreement is where one exists.
    let of_centrum = interpreting.customers.iter().find(|c| c.organisation_id == centrum).unwrap();
    assert!(!of_centrum.instructions_reference.is_empty() && of_centrum.dpa_reference.is_empty(), "{of_centrum:?}");
    // A company has an agreement as well.
    let mail = service_named(&portfolio, "E-post och kalender");
    let energy = organisation_id(&portfolio, "Göteborg Energi");
    let of_energy = mail.customers.iter().find(|c| c.organisation_id == energy).unwrap();
    assert!(!of_energy.instructions_reference.is_empty() && !of_energy.dpa_reference.is_empty(), "{of_energy:?}");
    // An agreement without instructions does not clear the flag.
    let mut agreed = interpreting.clone();
    agreed.customers.iter_mut().find(|c| c.organisation_id == sydvast).unwrap().dpa_reference = "PUB-DMS-2026-7".into();
    assert_eq!(agreed.customers_without_instructions(), [sydvast]);
    // When the provider processes no personal data on their behalf, no instructions are asked for.
    let none = Service { processes_personal_data: false, ..interpreting.clone() };
    assert!(none.customers_without_instructions().is_empty());
    assert!(none.standing(2026, None).customers_without_instructions.is_empty());
    // A flagged customer is saved (the board may not have decided yet); recording the reference clears the flag,
    // stored trimmed.
    portfolio.write(&stamp(), |w| w.update(interpreting.clone())).unwrap();
    let mut instructed = interpreting.clone();
    instructed.customers.iter_mut().find(|c| c.organisation_id == sydvast).unwrap().instructions_reference =
        " SN-SV-2026-41 ".into();
    portfolio.write(&stamp(), |w| w.update(instructed)).unwrap();
    let stored = service_named(&portfolio, "Tolkförmedling");
    assert!(stored.customers_without_instructions().is_empty());
    assert!(stored.customers.iter().any(|c| c.instructions_reference == "SN-SV-2026-41"));
    let standings = portfolio.read().service_standings(2026).unwrap();
    assert!(standings.iter().find(|s| s.service_id == stored.id).unwrap().customers_without_instructions.is_empty());
    // A reference is at most 200 characters.
    let mut long = stored.clone();
    long.customers[0].instructions_reference = "x".repeat(201);
    let error = portfolio.write(&stamp(), |w| w.update(long)).unwrap_err();
    assert!(error.to_string().contains("customers[0].instructions_reference"), "{error}");
}

fn pdf_text(path: &std::path::Path) -> String {
    let output = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output().expect("pdftotext");
    String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report_text(workspace: &Workspace, portfolio: &samordna::Portfolio, provider: &str, year: i32) -> String {
    let reader = portfolio.read();
    let provider = reader.providers().unwrap().into_iter().find(|p| p.name == provider).unwrap().id;
    let request = ReportRequest { year, provider_id: Some(provider), language: Language::Sv };
    let report = yearly_report(&reader, &request, at("2026-12-01T10:00:00Z"), "Jonas Berg").unwrap();
    let path = workspace.path("rapport.pdf");
    std::fs::write(&path, &report.bytes).unwrap();
    pdf_text(&path)
}

/// Issue 26, part 5: the follow-up says what each service records against the baseline, in words; the least
/// classification apart, as the city's practice; the customers without instructions, and no word that every
/// customer needs an agreement.
#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler's pdftotext, a Linux tool here")]
fn the_yearly_follow_up_states_each_services_baseline_assessment_the_practice_apart_and_missing_instructions() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let text = report_text(&workspace, &portfolio, "Intraservice", 2026);
    for expected in [
        "Efterlevnad av säkerhetsnivå",
        "Riktlinjen: \u{201d}De gemensamma tjänsterna ska minst uppfylla stadens grundsäkerhetsnivå, se Göteborgs Stads riktlinje för informationssäkerhet.\u{201d}",
        "IT-servicedesk Ja Uppfyller grundsäkerhetsnivån (bedömd 2026-03-16 av Maria Lindqvist, informationssäkerhetssamordnare, Intraservice)",
        "Utskrift och skanning Nej Uppfyller inte grundsäkerhetsnivån (bedömd 2026-03-16 av Maria Lindqvist, informationssäkerhetssamordnare, Intraservice): Drygt 300",
        "E-arkiv Inte bedömd Inte bedömd mot grundsäkerhetsnivån",
        "Stadens rutin: lägsta klassning",
        "Stadens rutin, inte riktlinjen: en gemensam tjänst ska ha minst klassningen K1 R2 T2 för året.",
        "IT-servicedesk K1 R1 T2 Under lägsta klassning (K1 R2 T2) i riktighet",
        "Projektledare digitalisering K– R– T– Hanterar ingen information",
        "Instruktioner är registrerade för alla kunder till dessa tjänster.",
    ] {
        assert!(text.contains(expected), "the report lacks «{expected}»:\n{text}");
    }
    for wrong in
        ["Stadens grundsäkerhetsnivå för året", "Under grundsäkerhetsnivån", "behöver ett personuppgiftsbiträdesavtal"]
    {
        assert!(!text.contains(wrong), "the report says «{wrong}»:\n{text}");
    }
    let text = report_text(&workspace, &portfolio, "Demokrati och medborgarservice", 2026);
    assert!(
        text.contains(
            "Följande kunder saknar registrerade instruktioner för behandlingen: • Tolkförmedling: Socialförvaltningen Sydväst"
        ),
        "{text}"
    );
    assert!(!text.contains("behöver ett personuppgiftsbiträdesavtal"), "{text}");
    let text = report_text(&workspace, &portfolio, "Inköp och upphandling", 2026);
    assert!(text.contains("E-handel Inte bedömd Inte bedömd mot grundsäkerhetsnivån"), "{text}");
    assert!(
        text.contains("Leverantören behandlar inte personuppgifter för kundernas räkning i någon av sina tjänster."),
        "{text}"
    );
    // A year without the practice's least classification has no such section; the assessments stand.
    let text = report_text(&workspace, &portfolio, "Intraservice", 2024);
    assert!(!text.contains("Stadens rutin: lägsta klassning"), "{text}");
    assert!(text.contains("Utskrift och skanning Nej Uppfyller inte grundsäkerhetsnivån"), "{text}");
    // Nor a city that sets none.
    let mut parameters: Parameters = portfolio.read().parameters().unwrap();
    for year in &mut parameters.years {
        year.least_classification = None;
    }
    portfolio.write(&stamp(), |w| w.update(parameters)).unwrap();
    assert!(!report_text(&workspace, &portfolio, "Intraservice", 2026).contains("lägsta klassning"));
}

#[test]
fn a_services_funding_case_is_warned_of_billing_a_non_customer() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let case_id = 1;
    let case: samordna::domain::FundingCase = portfolio.read().get(case_id).unwrap();
    let service = case.service_id.unwrap();
    assert!(portfolio.read().funding(case_id).unwrap().not_customers.is_empty(), "the sample bills its customers");
    let hamn = portfolio
        .write(&stamp(), |w| {
            w.create(samordna::domain::Organisation {
                kind: samordna::domain::OrganisationKind::CompanyWhollyOwned,
                ..organisation("Göteborgs Hamn AB (test)")
            })
        })
        .unwrap();
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
    mail.customers.push(customer(hamn, "PUI-IS-2026-1", "PUB-IS-2026-1"));
    portfolio.write(&stamp(), |w| w.update(mail)).unwrap();
    assert!(portfolio.read().funding(case_id).unwrap().not_customers.is_empty());
}

#[test]
fn a_version_11_file_imports_with_customers_only_from_its_avsteg_no_flags_or_least_classification_and_exports_as_current()
 {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let mut value: serde_json::Value = serde_json::from_str(&crate::support::export(&portfolio)).unwrap();
    value["format_version"] = 11.into();
    for service in value["services"].as_array_mut().unwrap() {
        let object = service.as_object_mut().unwrap();
        for field in [
            "customers",
            "handles_no_information",
            "processes_personal_data",
            "baseline",
            "baseline_shortfalls",
            "baseline_assessed_date",
            "baseline_assessed_by",
        ] {
            object.remove(field);
        }
    }
    for year in value["parameters"]["years"].as_array_mut().unwrap() {
        year.as_object_mut().unwrap().remove("least_classification");
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
    assert_eq!(target.read().parameters().unwrap().least_classification(2026), None);
    assert!(services.iter().all(|s| s.baseline == BaselineStatus::NotAssessed));
    let exported = crate::support::export(&target);
    let current = format!("\"format_version\": {}", samordna::interchange::FORMAT_VERSION);
    assert!(exported.contains(&current), "written as the current version");
}

/// Issue 26, part 5: a version 16 file's services are not assessed against the baseline, its customers have no
/// instructions recorded, and its `security_baseline` is read as the practice's least classification.
#[test]
fn a_version_16_file_imports_with_services_not_assessed_and_its_security_baseline_as_the_practice() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let mut value: serde_json::Value = serde_json::from_str(&crate::support::export(&portfolio)).unwrap();
    value["format_version"] = 16.into();
    for service in value["services"].as_array_mut().unwrap() {
        let object = service.as_object_mut().unwrap();
        for field in ["baseline", "baseline_shortfalls", "baseline_assessed_date", "baseline_assessed_by"] {
            object.remove(field).unwrap();
        }
        for customer in object["customers"].as_array_mut().unwrap() {
            customer.as_object_mut().unwrap().remove("instructions_reference").unwrap();
        }
    }
    for year in value["parameters"]["years"].as_array_mut().unwrap() {
        let object = year.as_object_mut().unwrap();
        let least = object.remove("least_classification").unwrap();
        object.insert("security_baseline".into(), least);
    }
    let old = PortfolioData::from_json(&value.to_string()).unwrap();
    let mut target = samordna::Portfolio::create(&workspace.path("v16.samordna"), &stamp()).unwrap();
    target.write(&stamp(), |w| old.replace_into(w, "version 16")).unwrap();
    let services = target.read().services().unwrap();
    assert!(services.iter().all(|s| s.baseline == BaselineStatus::NotAssessed && s.baseline_assessed_date.is_none()));
    assert!(services.iter().flat_map(|s| &s.customers).all(|c| c.instructions_reference.is_empty()));
    let least = LeastClassification { confidentiality: 1, integrity: 2, availability: 2 };
    assert_eq!(target.read().parameters().unwrap().least_classification(2026), Some(least));
    // Every customer of a service processing personal data is then flagged, none refused.
    let mail = services.iter().find(|s| s.name == "E-post och kalender").unwrap();
    assert_eq!(mail.customers_without_instructions().len(), mail.customers.len());
    let exported = crate::support::export(&target);
    assert!(exported.contains("\"format_version\": 17") && exported.contains("\"least_classification\""));
    assert!(!exported.contains("security_baseline"));
}

#[test]
fn the_services_sheet_has_the_customers_with_their_instructions_and_agreements_and_imports_them() {
    use samordna::sheets::{self, Cell, SheetKind};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let table = sheets::table(&portfolio.read(), SheetKind::Services, Language::Sv).unwrap();
    let column = |header: &str| table.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("{header}"));
    let (name, customers, personal, without) = (
        column("Namn"),
        column("Kunder"),
        column("Behandlar personuppgifter för kundernas räkning"),
        column("Kunder utan instruktioner"),
    );
    assert_eq!(without, table.headers.len() - 1, "written for reading, last");
    let row = table.rows.iter().find(|r| r[name] == Cell::Text("Tolkförmedling".into())).unwrap();
    let Cell::Text(cell) = &row[customers] else { panic!("{:?}", row[customers]) };
    let centrum = organisation_id(&portfolio, "Socialförvaltningen Centrum");
    assert!(cell.contains("Socialförvaltningen Centrum (instruktioner: PUI-DMS-2025-008)"), "{cell}");
    assert!(
        cell.contains("; Socialförvaltningen Sydväst;") || cell.ends_with("; Socialförvaltningen Sydväst"),
        "{cell}"
    );
    assert_eq!(row[personal], Cell::Text("Ja".into()));
    assert_eq!(row[without], Cell::Text("Socialförvaltningen Sydväst".into()));
    let mail = table.rows.iter().find(|r| r[name] == Cell::Text("E-post och kalender".into())).unwrap();
    let Cell::Text(cell) = &mail[customers] else { panic!() };
    let energy = organisation_id(&portfolio, "Göteborg Energi");
    assert!(
        cell.contains(&format!(
            "Göteborg Energi (instruktioner: PUI-IS-2024-{energy:03}, avtal: PUB-IS-2024-{energy:03})"
        )),
        "{cell}"
    );
    assert_eq!(mail[without], Cell::Empty);
    let english = sheets::table(&portfolio.read(), SheetKind::Services, Language::En).unwrap();
    let Cell::Text(cell) =
        &english.rows.iter().find(|r| r[name] == Cell::Text("E-post och kalender".into())).unwrap()[customers]
    else {
        panic!()
    };
    assert!(cell.contains("(instructions: PUI-IS-2024-"), "{cell}");
    assert!(english.headers.contains(&"Customers without instructions".to_string()));

    // Customers by name, `;`-separated: the references in brackets, labelled in either language, in any order; a
    // bracket without a label is the agreement's (as sheets before format version 17 wrote it).
    let culture = organisation_id(&portfolio, "Kulturförvaltningen");
    let hisingen = organisation_id(&portfolio, "Socialförvaltningen Hisingen");
    let text = "Namn;Behandlar personuppgifter;Kunder\n\
                Mobiltelefoni;Ja;\"Kulturförvaltningen; Socialförvaltningen Centrum (avtal: PUB-IS-2026-9, instruktioner: SN-C 2026-3, bilaga 2); \
                Göteborg Energi (PUB-IS-2026-10); Socialförvaltningen Hisingen (instructions: SN-H-2026-1)\"\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), Language::Sv).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    // The row writes a service whose provider processes personal data for customers without instructions: a warning,
    // not a refusal.
    assert_eq!(preview.warnings.len(), 1, "{:?}", preview.warnings);
    assert_eq!(preview.warnings[0].column, "Kunder");
    assert!(
        preview.warnings[0].message.contains("utan instruktioner: Göteborg Energi, Kulturförvaltningen"),
        "{:?}",
        preview.warnings
    );
    sheets::import(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), "kunder.csv", Language::Sv).unwrap();
    let phones = service_named(&portfolio, "Mobiltelefoni");
    assert!(phones.processes_personal_data);
    let mut expected = vec![
        customer(culture, "", ""),
        customer(centrum, "SN-C 2026-3, bilaga 2", "PUB-IS-2026-9"),
        customer(energy, "", "PUB-IS-2026-10"),
        customer(hisingen, "SN-H-2026-1", ""),
    ];
    expected.sort_by_key(|c| c.organisation_id);
    assert_eq!(phones.customers, expected);
    let mut flagged = phones.customers_without_instructions();
    flagged.sort_unstable();
    let mut lacking = vec![culture, energy];
    lacking.sort_unstable();
    assert_eq!(flagged, lacking);

    // An unknown name, one named twice or a label given twice is a problem of the cell, and nothing is written.
    for (cell, problem) in [
        ("Kulturnämnden; Nämnden som inte finns", "det finns ingen organisation som heter"),
        ("Kulturnämnden; kulturnämnden (PUB-1)", "står två gånger"),
        ("Kulturnämnden (avtal: PUB-1, avtal: PUB-2)", "anges en gång var"),
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

/// Issue 26, part 5: the baseline assessment has its columns in the services sheet, read back as written; an empty
/// cell is "not assessed", and the rules hold (shortfalls only and always when it does not meet it).
#[test]
fn the_services_sheet_has_the_baseline_assessment_and_imports_it_with_its_rules() {
    use samordna::sheets::{self, Cell, SheetKind};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let table = sheets::table(&portfolio.read(), SheetKind::Services, Language::Sv).unwrap();
    let column = |header: &str| table.headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("{header}"));
    let (name, baseline, shortfalls, date, by) = (
        column("Namn"),
        column("Grundsäkerhetsnivå"),
        column("Brister mot grundsäkerhetsnivån"),
        column("Grundsäkerhetsnivå bedömd"),
        column("Bedömd av"),
    );
    let row = |name_of: &str| table.rows.iter().find(|r| r[name] == Cell::Text(name_of.into())).unwrap();
    assert_eq!(row("Utskrift och skanning")[baseline], Cell::Text("Uppfyller inte".into()));
    assert!(matches!(&row("Utskrift och skanning")[shortfalls], Cell::Text(t) if t.starts_with("Drygt 300")));
    assert!(matches!(row("Utskrift och skanning")[date], Cell::Date(_)));
    assert_eq!(row("IT-servicedesk")[baseline], Cell::Text("Uppfyller".into()));
    assert_eq!(row("IT-servicedesk")[shortfalls], Cell::Empty);
    assert_eq!(row("E-handel")[baseline], Cell::Text("Inte bedömd".into()));
    assert_eq!(row("E-handel")[by], Cell::Empty);

    // Assessed from a sheet: E-handel does not meet it, dated, with the shortfalls; an empty cell is not assessed.
    let sheet = "Namn;Grundsäkerhetsnivå;Brister mot grundsäkerhetsnivån;Grundsäkerhetsnivå bedömd;Bedömd av\n\
                 E-handel;Uppfyller inte;Leverantörsportalen saknar tvåfaktorsinloggning.;2026-10-01;Sara Nordin\n\
                 Avtalskatalog;;;;\n";
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Services, sheet.as_bytes(), "gsn.csv", Language::Sv)
            .unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 1), "{:?}", report.rows);
    let trade = service_named(&portfolio, "E-handel");
    assert_eq!(trade.baseline, BaselineStatus::DoesNotMeet);
    assert_eq!(trade.baseline_shortfalls, "Leverantörsportalen saknar tvåfaktorsinloggning.");
    assert_eq!(
        (trade.baseline_assessed_date, trade.baseline_assessed_by.as_str()),
        (Some(day("2026-10-01")), "Sara Nordin")
    );
    // The English labels and the keys are read too.
    let sheet = "Name;Baseline security\nE-handel;meets\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, sheet.as_bytes(), Language::En).unwrap();
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.column == "Shortfalls against the baseline" && p.message.contains("only when")),
        "shortfalls beside meets: {:?}",
        preview.problems
    );
    // Not meeting it without naming the shortfalls is a problem of the row, and nothing is written.
    let sheet = "Namn;Grundsäkerhetsnivå;Brister mot grundsäkerhetsnivån\nIT-servicedesk;Uppfyller inte;\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, sheet.as_bytes(), Language::Sv).unwrap();
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.column == "Brister mot grundsäkerhetsnivån" && p.message.contains("måste fyllas i")),
        "{:?}",
        preview.problems
    );
    let sheet = "Namn;Grundsäkerhetsnivå\nIT-servicedesk;Kanske\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, sheet.as_bytes(), Language::Sv).unwrap();
    assert!(preview.problems.iter().any(|p| p.message.contains("Uppfyller inte")), "{:?}", preview.problems);
    assert_eq!(service_named(&portfolio, "IT-servicedesk").baseline, BaselineStatus::Meets);
}

/// Issue 30: a new service starts planned, in development or in operation (`SERVICE_STARTING_STATES`, the list the
/// form offers from the vocabulary); a new one "retired" or "being phased out" was accepted by the store before.
#[test]
fn a_new_service_starts_only_in_a_starting_state_the_form_offers() {
    use samordna::domain::lifecycle::SERVICE_STARTING_STATES;
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let model = service_named(&portfolio, "Avtalskatalog");
    for state in [ServiceState::Retired, ServiceState::PhasingOut] {
        assert!(!SERVICE_STARTING_STATES.contains(&state));
        let new = Service { id: 0, name: format!("Ny tjänst {}", state.key()), state, ..model.clone() };
        let error = portfolio.write(&stamp(), |w| w.create(new)).unwrap_err();
        assert!(
            matches!(&error, Error::ServiceTransition { from: None, missing, .. } if missing.is_empty()),
            "{error:?}"
        );
        assert!(error.to_string().contains("cannot start as"), "{error}");
    }
    let new =
        Service { id: 0, name: "Ny tjänst under utveckling".into(), state: ServiceState::InDevelopment, ..model };
    assert!(SERVICE_STARTING_STATES.contains(&new.state));
    portfolio.write(&stamp(), |w| w.create(new)).unwrap();
}
