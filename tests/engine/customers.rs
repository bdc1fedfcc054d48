//! Customers are förvaltningar and bolag (issue 26, part 5). Riktlinjen, "Begrepp": "Kund Förvaltningar och bolag
//! inom kommunkoncernen"; "Avsteg från riktlinjen": "Alla avsteg ska efter dialog med ansvarig leverantör utförligt
//! motiveras av förvaltningen/bolaget. Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg."

use samordna::domain::{Deviation, FundingCase, Organisation, OrganisationKind, Reason, Service};
use samordna::interchange::PortfolioData;

use crate::support::{Workspace, export, not_allowed, stamp};

fn named(organisations: &[Organisation], name: &str) -> Organisation {
    organisations.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("{name}")).clone()
}

/// The sample as a version 16 file would have it: every förvaltning made in version 17 gone, each customer its nämnd
/// again, the avsteg's board a text.
fn as_version_16(sample: &str) -> (serde_json::Value, Vec<(i64, i64)>) {
    let mut value: serde_json::Value = serde_json::from_str(sample).unwrap();
    value["format_version"] = 16.into();
    let organisations = value["organisations"].as_array().unwrap().clone();
    let kept_administrations = [
        "Stadsledningskontoret",
        "Utbildningsförvaltningen",
        "Grundskoleförvaltningen",
        "Äldre samt vård- och omsorgsförvaltningen",
    ];
    // Each förvaltning → its nämnd, except the few the older file had already.
    let to_board: Vec<(i64, i64)> = organisations
        .iter()
        .filter(|o| o["kind"] == "forvaltning" && !kept_administrations.contains(&o["name"].as_str().unwrap()))
        .map(|o| (o["id"].as_i64().unwrap(), o["parent_id"].as_i64().unwrap()))
        .collect();
    let kept: Vec<(i64, i64)> = organisations
        .iter()
        .filter(|o| o["kind"] == "forvaltning" && kept_administrations.contains(&o["name"].as_str().unwrap()))
        .map(|o| (o["id"].as_i64().unwrap(), o["parent_id"].as_i64().unwrap()))
        .collect();
    let board = |id: i64| to_board.iter().find(|(a, _)| *a == id).map_or(id, |(_, b)| *b);
    let retarget = |v: &mut serde_json::Value| {
        if let Some(id) = v.as_i64() {
            *v = board(id).into();
        }
    };
    value["organisations"]
        .as_array_mut()
        .unwrap()
        .retain(|o| !to_board.iter().any(|(a, _)| o["id"].as_i64() == Some(*a)));
    for service in value["services"].as_array_mut().unwrap() {
        for customer in service["customers"].as_array_mut().unwrap() {
            retarget(&mut customer["organisation_id"]);
        }
    }
    for initiative in value["initiatives"].as_array_mut().unwrap() {
        for customer in initiative["customer_ids"].as_array_mut().unwrap() {
            retarget(customer);
        }
    }
    for benefit in value["benefits"].as_array_mut().unwrap() {
        retarget(&mut benefit["owner_id"]);
    }
    for case in value["funding_cases"].as_array_mut().unwrap() {
        for customer in case["customers"].as_array_mut().unwrap() {
            retarget(&mut customer["organisation_id"]);
        }
    }
    for deviation in value["deviations"].as_array_mut().unwrap() {
        retarget(&mut deviation["organisation_id"]);
        let object = deviation.as_object_mut().unwrap();
        let decided = object.remove("decided_by_id").unwrap();
        let text = if decided.is_null() { "" } else { "Göteborg Energis styrelse" };
        object.insert("decided_by".into(), text.into());
    }
    (value, kept)
}

#[test]
fn an_older_file_gives_each_nämnd_place_as_customer_to_its_förvaltning() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let sample = export(&portfolio);
    let (mut old, kept) = as_version_16(&sample);
    // Utbildningsnämnden and its förvaltning were both billed in E-post och kalender's funding case.
    let school_board = kept.iter().find(|(a, _)| *a == 22).unwrap().1;
    let case = old["funding_cases"].as_array_mut().unwrap().iter_mut().find(|c| c["service_id"] == 1).unwrap();
    let customers = case["customers"].as_array_mut().unwrap();
    let school = customers.iter().find(|c| c["organisation_id"] == 22).unwrap().clone();
    let mut board_copy = school.clone();
    board_copy["organisation_id"] = school_board.into();
    customers.push(board_copy);
    let forecast: Vec<String> =
        school["forecast_volume"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    // A nämnd as a customer is what the older file says.
    let sydvast_board =
        old["organisations"].as_array().unwrap().iter().find(|o| o["name"] == "Socialnämnd Sydväst").unwrap()["id"]
            .as_i64()
            .unwrap();
    assert!(old.to_string().contains(&format!("\"organisation_id\":{sydvast_board}")));

    let data = PortfolioData::from_json(&old.to_string()).unwrap();
    let mut target = samordna::Portfolio::create(&workspace.path("v16.samordna"), &stamp()).unwrap();
    target.write(&stamp(), |w| data.replace_into(w, "version 16")).unwrap();
    let read = target.read();
    let organisations = read.organisations().unwrap();
    // A nämnd with a förvaltning gives its place to it; one without gets one under it, named for it.
    let made = named(&organisations, "Socialnämnd Sydväst – förvaltning");
    assert_eq!((made.kind, made.parent_id), (OrganisationKind::Administration, Some(sydvast_board)));
    let interpreting = read.services().unwrap().into_iter().find(|s| s.name == "Tolkförmedling").unwrap();
    assert!(interpreting.customer_ids().contains(&made.id));
    // No nämnd is a customer anywhere any more.
    let board = |id: i64| organisations.iter().find(|o| o.id == id).unwrap().kind == OrganisationKind::Board;
    let services: Vec<Service> = read.all().unwrap();
    assert!(!services.iter().flat_map(|s| s.customer_ids()).any(board));
    assert!(
        !read.all::<samordna::domain::Initiative>().unwrap().iter().flat_map(|i| &i.customer_ids).any(|&c| board(c))
    );
    let cases: Vec<FundingCase> = read.all().unwrap();
    assert!(!cases.iter().flat_map(|c| &c.customers).any(|c| board(c.organisation_id)));
    // Where nämnd and förvaltning were both billed, one customer remains with the volumes added year by year.
    let mail = cases.iter().find(|c| c.service_id == Some(1)).unwrap();
    let schools: Vec<_> = mail.customers.iter().filter(|c| c.organisation_id == 22).collect();
    assert_eq!(schools.len(), 1);
    let doubled: Vec<String> = forecast
        .iter()
        .map(|v| (v.parse::<rust_decimal::Decimal>().unwrap() * rust_decimal::Decimal::TWO).normalize().to_string())
        .collect();
    let got: Vec<String> = schools[0].forecast_volume.iter().map(|v| v.normalize().to_string()).collect();
    assert_eq!(got, doubled);
    // The avsteg is motivated by the förvaltning and decided by its nämnd, or by the bolag's own styrelse.
    let deviations: Vec<Deviation> = read.all().unwrap();
    let energy = named(&organisations, "Göteborg Energi");
    let decided = deviations.iter().find(|d| d.organisation_id == Some(energy.id)).unwrap();
    assert_eq!(decided.decided_by_id, Some(energy.id));
    let building = deviations.iter().find(|d| d.title.contains("BIM") || d.id == 1).unwrap();
    let motivating = organisations.iter().find(|o| Some(o.id) == building.organisation_id).unwrap();
    assert_eq!(motivating.kind, OrganisationKind::Administration, "{motivating:?}");
    // What is read exports as the current version and imports again unchanged.
    let exported = export(&target);
    assert!(exported.contains("\"format_version\": 17") && !exported.contains("\"decided_by\":"));
    let again = PortfolioData::from_json(&exported).unwrap();
    let mut fresh = samordna::Portfolio::create(&workspace.path("igen.samordna"), &stamp()).unwrap();
    fresh.write(&stamp(), |w| again.replace_into(w, "igen")).unwrap();
    assert_eq!(export(&fresh), exported);
}

#[test]
fn a_nämnd_is_never_a_customer_and_a_customer_never_becomes_a_nämnd() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let organisations = portfolio.read().organisations().unwrap();
    let culture_board = named(&organisations, "Kulturnämnden");
    let culture = named(&organisations, "Kulturförvaltningen");
    // A funding case bills customers only.
    let mut case: FundingCase = portfolio.read().funding_case_of(None, Some(1)).unwrap().unwrap();
    let field = format!("customers[{}].organisation_id", case.customers.len());
    let mut billed = case.customers[0].clone();
    billed.organisation_id = culture_board.id;
    case.customers.push(billed);
    let error = portfolio.write(&stamp(), |w| w.update(case)).unwrap_err();
    assert_eq!(
        not_allowed(&error),
        [(field, Reason::BoardNotCustomer { administration: "Kulturförvaltningen".into() })]
    );
    // An avsteg is motivated by a förvaltning or bolag, not a nämnd.
    let deviations: Vec<Deviation> = portfolio.read().all().unwrap();
    let by_board = Deviation { organisation_id: Some(culture_board.id), ..deviations[0].clone() };
    let error = portfolio.write(&stamp(), |w| w.update(by_board)).unwrap_err();
    assert!(error.to_string().contains("a nämnd is not a customer"), "{error}");
    // A customer förvaltning cannot be made a nämnd; a förvaltning belongs to a nämnd, not a bolag.
    let as_board = Organisation { kind: OrganisationKind::Board, parent_id: None, ..culture.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(as_board)).unwrap_err();
    assert!(
        matches!(
            not_allowed(&error).first(),
            Some((field, Reason::StillACustomer { .. })) if field == "kind"
        ),
        "{error}"
    );
    let energy = named(&organisations, "Göteborg Energi");
    let under_company = Organisation { parent_id: Some(energy.id), ..culture.clone() };
    let error = portfolio.write(&stamp(), |w| w.update(under_company)).unwrap_err();
    assert_eq!(not_allowed(&error), [("parent_id".to_string(), Reason::ParentOfAdministration)]);
    // A nämnd with förvaltningar stays a nämnd.
    let company = Organisation { kind: OrganisationKind::CompanyWhollyOwned, ..culture_board };
    let error = portfolio.write(&stamp(), |w| w.update(company)).unwrap_err();
    assert!(
        matches!(
            not_allowed(&error).first(),
            Some((field, Reason::HasAdministrations { .. })) if field == "kind"
        ),
        "{error}"
    );
}
