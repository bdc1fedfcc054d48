//! The yearly analyses in the cycle (issue 26, part 1): the due day of the city's practice and who is late, the
//! guideline's content before an analysis is handed in, and a presented analysis taken into the portfolio — its
//! levels applied to the services in one reviewed step, an investment made a draft initiative, a development need
//! put into its service's planned costs — each all or nothing and in the history.

use samordna::domain::{
    AnalysisDue, AnalysisState, Entity, Initiative, InitiativeDraft, InitiativeState, InvestmentYear, LevelOutcome,
    Parameters, Provider, Reason, Rule, Service, ServiceState, Track, YearCost, YearlyAnalysis,
};
use samordna::interchange::PortfolioData;
use samordna::{Error, Money, Portfolio};

use crate::support::{Workspace, day, export, stamp};

fn problems(error: &Error) -> Vec<(String, Rule)> {
    match error {
        Error::Invalid { problems, .. } => {
            problems.errors().iter().map(|e| (e.field.clone(), e.rule.clone())).collect()
        }
        other => panic!("expected a refusal with problems, got {other}"),
    }
}

fn analysis(portfolio: &Portfolio, provider: i64, year: i32) -> YearlyAnalysis {
    portfolio.read().analysis_of(provider, year).unwrap().expect("the analysis")
}

fn service(portfolio: &Portfolio, name: &str) -> Service {
    portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap()
}

/// Moves a service along its lifecycle to retired (in operation → being phased out → retired).
fn retire(portfolio: &mut Portfolio, name: &str) {
    for state in [ServiceState::PhasingOut, ServiceState::Retired] {
        let mut s = service(portfolio, name);
        s.state = state;
        portfolio.write(&stamp(), |w| w.update(s)).unwrap();
    }
}

fn not_allowed(reason: Reason) -> Rule {
    Rule::NotAllowed { reason }
}

#[test]
fn an_analysis_is_handed_in_only_with_the_guidelines_content() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // Inköp och upphandling's 2027 analysis is a draft with every part; its services are Upphandlingsstöd, E-handel,
    // Inköpskonsult (which handles no information) and Avtalskatalog (planned).
    let draft = analysis(&portfolio, 3, 2027);
    assert_eq!(draft.state, AnalysisState::Draft);
    let before = export(&portfolio);

    // Empty direction, no investments said, a service without its level, one aspect left open: refused by field.
    let mut empty = draft.clone();
    empty.state = AnalysisState::Submitted;
    empty.submitted = Some(day("2026-10-20"));
    empty.strategic_direction = "  ".into();
    empty.investments.clear();
    let e_handel = service(&portfolio, "E-handel").id;
    empty.security_levels.retain(|l| l.service_id != e_handel);
    let open = empty.security_levels.iter().position(|l| l.service_id == service(&portfolio, "Avtalskatalog").id);
    let open = open.unwrap();
    empty.security_levels[open].security.integrity = None;
    let error = portfolio.write(&stamp(), |w| w.update(empty.clone())).unwrap_err();
    assert_eq!(
        problems(&error),
        [
            ("strategic_direction".to_string(), Rule::Required),
            ("investments".to_string(), not_allowed(Reason::ListedOrNone)),
            // The provider's services in name order: Avtalskatalog, E-handel.
            (format!("security_levels[{open}].security.integrity"), Rule::Required),
            ("security_levels".to_string(), not_allowed(Reason::NoLevelFor { service: "E-handel".into() })),
        ]
    );
    assert_eq!(export(&portfolio), before, "nothing of the refused change is stored");
    // The form's live check says the same before any save.
    let live = portfolio.read().form_problems(&samordna::domain::FormRecord::whole(empty.clone())).unwrap();
    assert_eq!(live.errors().len(), 4, "{live}");

    // "None" beside entries contradicts itself, in any state.
    let mut both = draft.clone();
    both.no_requirements = true;
    let error = portfolio.write(&stamp(), |w| w.update(both)).unwrap_err();
    assert_eq!(problems(&error), [("no_requirements".to_string(), not_allowed(Reason::NoneButListed))]);

    // An explicit "none" is an answer; a service that handles no information needs no level, but not a part of one;
    // a retired service needs none.
    let mut none = empty.clone();
    none.strategic_direction = "Inköp blir digitalt hela vägen.".into();
    none.no_investments = true;
    none.security_levels = draft.security_levels.clone();
    let consultant = service(&portfolio, "Inköpskonsult").id;
    let at = none.security_levels.iter().position(|l| l.service_id == consultant).unwrap();
    let some_level = draft.security_levels.iter().find_map(|l| l.security.confidentiality.clone());
    none.security_levels[at].security.confidentiality = some_level;
    let error = portfolio.write(&stamp(), |w| w.update(none.clone())).unwrap_err();
    assert_eq!(
        problems(&error),
        [
            (format!("security_levels[{at}].security.integrity"), Rule::Required),
            (format!("security_levels[{at}].security.availability"), Rule::Required),
        ]
    );
    none.security_levels[at].security.confidentiality = None;
    retire(&mut portfolio, "E-handel");
    none.security_levels.retain(|l| l.service_id != e_handel);
    portfolio.write(&stamp(), |w| w.update(none.clone())).unwrap();
    let submitted = analysis(&portfolio, 3, 2027);
    assert_eq!((submitted.state, submitted.no_investments), (AnalysisState::Submitted, true));

    // Handed in, it keeps its content: emptying a list without "none" is refused.
    let mut emptied = submitted.clone();
    emptied.requirements.clear();
    let error = portfolio.write(&stamp(), |w| w.update(emptied)).unwrap_err();
    assert_eq!(problems(&error), [("requirements".to_string(), not_allowed(Reason::ListedOrNone))]);

    // A service the provider adds later does not lock the analysis the group has; presenting it (entering a state)
    // asks for the new service's level.
    let new = Service { id: 0, name: "Leverantörsportal".into(), ..service(&portfolio, "Upphandlingsstöd") };
    let new_id = portfolio.write(&stamp(), |w| w.create(new)).unwrap();
    let mut edited = submitted.clone();
    edited.strategic_direction.push_str(" Med en leverantörsportal.");
    portfolio.write(&stamp(), |w| w.update(edited.clone())).unwrap();
    let mut presented = edited;
    presented.state = AnalysisState::Presented;
    presented.presented = Some(day("2026-11-12"));
    let error = portfolio.write(&stamp(), |w| w.update(presented.clone())).unwrap_err();
    assert_eq!(
        problems(&error),
        [("security_levels".to_string(), not_allowed(Reason::NoLevelFor { service: "Leverantörsportal".into() }))]
    );
    let level = service(&portfolio, "Upphandlingsstöd").security;
    presented.security_levels.push(samordna::domain::ServiceSecurity { service_id: new_id, security: level });
    portfolio.write(&stamp(), |w| w.update(presented.clone())).unwrap();
    // Presented, a level it lists or changes stays whole; taking a service out (to delete it) is allowed.
    let mut partial = presented.clone();
    let last = partial.security_levels.len() - 1;
    partial.security_levels[last].security.availability = None;
    let error = portfolio.write(&stamp(), |w| w.update(partial)).unwrap_err();
    assert_eq!(problems(&error), [(format!("security_levels[{last}].security.availability"), Rule::Required)]);
    presented.security_levels.pop();
    portfolio.write(&stamp(), |w| w.update(presented)).unwrap();
    portfolio.write(&stamp(), |w| w.delete::<Service>(new_id)).unwrap();

    // An import restores analyses as they were: a file whose handed-in analysis lacks the content still imports.
    let mut data: serde_json::Value = serde_json::from_str(&before).unwrap();
    let dms = data["yearly_analyses"].as_array_mut().unwrap().iter_mut().find(|a| a["provider_id"] == 2).unwrap();
    dms["strategic_direction"] = "".into();
    dms["requirements"] = serde_json::json!([]);
    let data = PortfolioData::from_json(&data.to_string()).unwrap();
    let mut copy = Portfolio::create(&workspace.path("copy.samordna"), &stamp()).unwrap();
    copy.write(&stamp(), |w| data.replace_into(w, "test")).unwrap();
    assert_eq!(analysis(&copy, 2, 2027).state, AnalysisState::Submitted);
}

#[test]
fn every_provider_stands_once_for_a_year_and_the_due_day_is_the_citys_practice() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let states = |portfolio: &Portfolio, year: i32, today: &str| -> Vec<(String, &'static str, String, bool)> {
        let standings = portfolio.read().analysis_standings(year, day(today)).unwrap();
        standings
            .iter()
            .map(|s| {
                (
                    s.provider.clone(),
                    s.state.map_or("missing", |s| s.key()),
                    samordna::time::optional_date_text(s.due),
                    s.late,
                )
            })
            .collect()
    };
    // Due on 31 October 2026 by default: on the day nobody is late; the day after, the draft is.
    let on_the_day = states(&portfolio, 2027, "2026-10-31");
    assert!(on_the_day.iter().all(|(_, _, due, late)| due == "2026-10-31" && !late), "{on_the_day:?}");
    assert_eq!(
        states(&portfolio, 2027, "2026-11-01"),
        [
            ("Demokrati och medborgarservice".to_string(), "inlamnad", "2026-10-31".to_string(), false),
            ("Inköp och upphandling".to_string(), "utkast", "2026-10-31".to_string(), true),
            ("Intraservice".to_string(), "presenterad", "2026-10-31".to_string(), false),
        ]
    );
    // A provider without an analysis is listed as missing, late once the day has passed.
    portfolio
        .write(&stamp(), |w| {
            w.create(Provider {
                id: 0,
                name: "Extern leverantör".into(),
                organisation_id: None,
                description: "".into(),
            })
        })
        .unwrap();
    let with_new = states(&portfolio, 2027, "2026-12-06");
    assert_eq!(with_new.len(), 4);
    assert!(with_new.contains(&("Extern leverantör".into(), "missing", "2026-10-31".into(), true)), "{with_new:?}");
    let json = serde_json::to_value(portfolio.read().analysis_standings(2028, day("2026-12-06")).unwrap()).unwrap();
    assert!(
        json.as_array().unwrap().iter().all(|s| s["state"] == "missing" && s["id"].is_null() && s["late"] == false)
    );

    // The dashboard's round: the year whose analyses were due last.
    let round = portfolio.read().analysis_round(day("2026-12-06")).unwrap();
    assert_eq!((round.year, round.due), (2027, Some(day("2026-10-31"))));
    assert_eq!(round.standings.iter().filter(|s| s.late).count(), 2);
    let spring = portfolio.read().analysis_round(day("2026-05-20")).unwrap();
    assert_eq!((spring.year, spring.due), (2026, Some(day("2025-10-31"))));
    assert!(spring.standings.iter().all(|s| s.late && s.state.is_none()), "nobody has a 2026 analysis");

    // The city sets another day: the standings follow it, and it is kept with the parameters.
    let parameters: Parameters = portfolio.read().parameters().unwrap();
    let mut earlier = parameters.clone();
    earlier.practice.analysis_due = AnalysisDue { month: 9, day: 30 };
    portfolio.write(&stamp(), |w| w.update(earlier)).unwrap();
    let late: Vec<bool> = states(&portfolio, 2027, "2026-10-15").into_iter().map(|s| s.3).collect();
    // Demokrati och medborgarservice, Extern leverantör, Inköp och upphandling, Intraservice: handed in is never late.
    assert_eq!(late, [false, true, true, false], "late from 1 October 2026");
    let history = portfolio.read().history(Entity::Parameters, 1).unwrap();
    let change = &history.first().unwrap().fields[0];
    assert_eq!(
        (change.field.as_str(), change.old.as_deref(), change.new.as_deref()),
        ("practice.analysis_due", Some("10-31"), Some("09-30"))
    );

    // A day that some year lacks, a month beyond the year: refused by field; a year out of range: refused.
    for (due, field, rule) in [
        (AnalysisDue { month: 2, day: 29 }, "practice.analysis_due.day", Rule::OutOfRange { min: 1, max: 28 }),
        (AnalysisDue { month: 13, day: 1 }, "practice.analysis_due.month", Rule::OutOfRange { min: 1, max: 12 }),
        (AnalysisDue { month: 4, day: 31 }, "practice.analysis_due.day", Rule::OutOfRange { min: 1, max: 30 }),
    ] {
        let mut wrong = parameters.clone();
        wrong.practice.analysis_due = due;
        let error = portfolio.write(&stamp(), |w| w.update(wrong)).unwrap_err();
        assert_eq!(problems(&error), [(field.to_string(), rule)]);
    }
    let error = portfolio.read().analysis_standings(99999, day("2026-12-06")).unwrap_err();
    assert!(matches!(error, Error::YearOutOfRange { year: 99999, min: 2000, max: 2100 }), "{error}");
}

#[test]
fn the_levels_of_a_presented_analysis_are_applied_in_one_reviewed_step_recorded_per_service() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    // Only once the group has taken part of it: DMS's analysis is handed in, not presented.
    let error = portfolio.read().analysis_level_changes(2, 2027).unwrap_err();
    assert!(matches!(&error, Error::AnalysisNotPresented { state: AnalysisState::Submitted, .. }), "{error}");
    assert!(portfolio.write(&stamp(), |w| w.apply_analysis_levels(2, 2027)).is_err());
    assert!(matches!(portfolio.read().analysis_level_changes(9, 2027), Err(Error::NotFound { .. })));
    assert!(matches!(portfolio.read().analysis_level_changes(1, 2031), Err(Error::NoAnalysis { year: 2031, .. })));
    assert_eq!(export(&portfolio), before);

    // Mobiltelefoni is retired meanwhile, with another level in the analysis: left as it is.
    let mut intraservice = analysis(&portfolio, 1, 2027);
    let mobile = service(&portfolio, "Mobiltelefoni");
    let at = intraservice.security_levels.iter().position(|l| l.service_id == mobile.id).unwrap();
    intraservice.security_levels[at].security.availability =
        intraservice.security_levels[0].security.availability.clone();
    portfolio.write(&stamp(), |w| w.update(intraservice)).unwrap();
    retire(&mut portfolio, "Mobiltelefoni");

    let preview = portfolio.read().analysis_level_changes(1, 2027).unwrap();
    let changing: Vec<(&str, String, String)> = preview
        .iter()
        .filter(|c| c.outcome == LevelOutcome::Changes)
        .map(|c| (c.service.as_str(), c.current.short(), c.new.short()))
        .collect();
    assert_eq!(
        changing,
        [
            ("E-post och kalender", "K2 R2 T3".into(), "K2 R2 T4".into()),
            ("Identitets- och behörighetshantering", "K3 R3 T3".into(), "K4 R3 T3".into()),
            ("Projektledare digitalisering", "K– R– T–".into(), "K1 R1 T1".into()),
            ("E-arkiv", "K3 R4 T1".into(), "K3 R4 T2".into()),
        ]
    );
    assert_eq!(preview.iter().find(|c| c.service == "Mobiltelefoni").unwrap().outcome, LevelOutcome::Retired);
    assert_eq!(preview.len(), 15);
    assert_eq!(export(&portfolio), export(&portfolio), "the preview writes nothing");

    let applied = portfolio.write(&stamp(), |w| w.apply_analysis_levels(1, 2027)).unwrap();
    assert_eq!(applied, preview, "what is applied is what was previewed");
    let email = service(&portfolio, "E-post och kalender");
    assert_eq!(email.security.short(), "K2 R2 T4");
    let history = portfolio.read().history(Entity::Service, email.id).unwrap();
    let latest = history.first().unwrap();
    assert_eq!(
        latest.note,
        "Nivå enligt Årlig analys 2027 (Intraservice), presenterad för samordningsgruppen 2026-11-12"
    );
    assert_eq!(latest.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["security"]);
    let (old, new) = (latest.fields[0].old.as_deref().unwrap_or(""), latest.fields[0].new.as_deref().unwrap_or(""));
    assert!(old.contains("T3") && new.contains("T4"), "{:?}", latest.fields);
    // The consultant service takes a classification: it no longer "handles no information".
    let consultant = service(&portfolio, "Projektledare digitalisering");
    assert!(!consultant.handles_no_information && consultant.security.short() == "K1 R1 T1");
    assert_eq!(service(&portfolio, "Mobiltelefoni").security, mobile.security, "retired: left as it is");

    // Applied again, nothing changes and nothing is recorded.
    let count = portfolio.read().recent_changes(10_000).unwrap().len();
    let again = portfolio.write(&stamp(), |w| w.apply_analysis_levels(1, 2027)).unwrap();
    assert!(again.iter().all(|c| c.outcome != LevelOutcome::Changes));
    assert_eq!(portfolio.read().recent_changes(10_000).unwrap().len(), count);
}

#[test]
fn an_investment_becomes_a_draft_initiative_once_and_a_need_goes_into_its_services_planned_costs_once() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    let suggested = portfolio.read().suggested_case_number(2026).unwrap();
    assert_eq!(suggested, "SLK-2026-00130", "after the sample's highest SLK-2026 number");
    assert_eq!(portfolio.read().suggested_case_number(2027).unwrap(), "SLK-2027-00001");

    // Refusals write nothing: a case number taken, a state no initiative starts in, an investment that is not there,
    // one already an initiative, an analysis not presented.
    let draft = |case: &str, state: InitiativeState| InitiativeDraft {
        case_number: case.into(),
        title: None,
        state,
        owner_id: None,
    };
    let make = |portfolio: &mut Portfolio, index: usize, case: &str, state: InitiativeState| {
        portfolio.write(&stamp(), |w| w.initiative_from_investment(1, 2027, index, &draft(case, state)))
    };
    let error = make(&mut portfolio, 3, "SLK-2026-00101", InitiativeState::Identified).unwrap_err();
    assert_eq!(problems(&error), [("case_number".to_string(), Rule::Duplicate)]);
    let error = make(&mut portfolio, 3, "SLK-26-00130", InitiativeState::Identified).unwrap_err();
    assert_eq!(problems(&error), [("case_number".to_string(), Rule::Format { expected: "SLK-2026-00123".into() })]);
    assert!(matches!(make(&mut portfolio, 3, &suggested, InitiativeState::Prioritised), Err(Error::Transition { .. })));
    let error = make(&mut portfolio, 4, &suggested, InitiativeState::Identified).unwrap_err();
    assert!(matches!(error, Error::NoSuchEntry { number: 5, count: 4, .. }), "{error}");
    let error = make(&mut portfolio, 0, &suggested, InitiativeState::Identified).unwrap_err();
    assert!(matches!(&error, Error::AlreadyTaken { number: 1, taken, .. } if taken.starts_with("SLK-2026-00105")));
    let error = portfolio
        .write(&stamp(), |w| w.initiative_from_investment(2, 2027, 0, &draft(&suggested, InitiativeState::Identified)))
        .unwrap_err();
    assert!(matches!(error, Error::AnalysisNotPresented { .. }), "{error}");
    assert_eq!(export(&portfolio), before);

    // Intraservice's fourth investment (no initiative yet) becomes a draft initiative, linked back.
    let id = make(&mut portfolio, 3, &suggested, InitiativeState::Analysis).unwrap();
    let initiative: Initiative = portfolio.read().get(id).unwrap();
    assert_eq!(initiative.case_number, "SLK-2026-00130");
    assert_eq!(initiative.title, "Livscykelbyte av nätverksutrustning i stadens lokaler");
    assert_eq!((initiative.track, initiative.state), (Track::Shared, InitiativeState::Analysis));
    assert_eq!((initiative.provider_id, initiative.owner_id), (Some(1), Some(2)), "Intraservice, owned by its board");
    let development: Vec<(i32, Money, Money)> =
        initiative.costs.iter().map(|c| (c.year, c.development, c.management)).collect();
    assert_eq!(
        development,
        [2027, 2028, 2029].map(|y| (y, Money::from_kronor(2_500_000), Money::ZERO)),
        "the investment's cost per year as development"
    );
    assert_eq!(analysis(&portfolio, 1, 2027).investments[3].initiative_id, Some(id));
    let note = "Från Årlig analys 2027 (Intraservice): satsning 4";
    assert_eq!(portfolio.read().history(Entity::Initiative, id).unwrap()[0].note, note);
    let analysis_history = portfolio.read().history(Entity::YearlyAnalysis, 1).unwrap();
    assert_eq!(
        (analysis_history[0].note.as_str(), analysis_history[0].fields[0].field.as_str()),
        (note, "investments")
    );
    // Twice is refused, naming the initiative.
    let error = make(&mut portfolio, 3, "SLK-2026-00131", InitiativeState::Identified).unwrap_err();
    assert!(error.to_string().contains("already in the portfolio: SLK-2026-00130"), "{error}");

    // The first need (Självservice för behörigheter, on Identitets- och behörighetshantering) goes into the
    // service's planned development: the service had no costs of its own, so it starts from its funding case's
    // forecast, which it keeps.
    let iam = service(&portfolio, "Identitets- och behörighetshantering");
    let weighed = portfolio.read().weighed_costs(&iam).unwrap();
    let planned = portfolio.write(&stamp(), |w| w.need_into_service_costs(1, 2027, 0, None)).unwrap();
    assert_eq!((planned.service_id, planned.before.clone()), (iam.id, weighed.clone()));
    let iam = service(&portfolio, "Identitets- och behörighetshantering");
    assert_eq!(iam.costs, planned.after);
    for year in [2027, 2028] {
        let was = weighed.iter().find(|c| c.year == year).map_or(Money::ZERO, |c| c.development);
        let added = if year == 2027 { 450_000 } else { 150_000 };
        let now = iam.costs.iter().find(|c| c.year == year).unwrap();
        assert_eq!(now.development, Money::from_ore(was.ore() + Money::from_kronor(added).ore()), "{year}");
    }
    assert!(analysis(&portfolio, 1, 2027).development_needs[0].in_service_costs);
    let service_history = portfolio.read().history(Entity::Service, iam.id).unwrap();
    assert!(service_history[0].note.starts_with("Planerad utveckling från Årlig analys 2027 (Intraservice): behov 1"));
    let error = portfolio.write(&stamp(), |w| w.need_into_service_costs(1, 2027, 0, None)).unwrap_err();
    assert!(matches!(error, Error::AlreadyTaken { number: 1, .. }), "{error}");

    // The third need names no service: one must be given, and the need then names it; another service than the one
    // a need names is refused; a retired service takes no planned costs.
    let error = portfolio.write(&stamp(), |w| w.need_into_service_costs(1, 2027, 2, None)).unwrap_err();
    assert!(matches!(error, Error::NeedWithoutService { number: 3, .. }), "{error}");
    let network = service(&portfolio, "Nätverk och wifi").id;
    let error = portfolio.write(&stamp(), |w| w.need_into_service_costs(1, 2027, 1, Some(network))).unwrap_err();
    assert!(matches!(&error, Error::NeedOfAnotherService { service, .. } if service == "E-arkiv"), "{error}");
    retire(&mut portfolio, "Nätverk och wifi");
    let error = portfolio.write(&stamp(), |w| w.need_into_service_costs(1, 2027, 2, Some(network))).unwrap_err();
    assert!(matches!(error, Error::ServiceRetired { .. }), "{error}");
    let datacenter = service(&portfolio, "Integrationsplattform").id;
    portfolio.write(&stamp(), |w| w.need_into_service_costs(1, 2027, 2, Some(datacenter))).unwrap();
    let need = &analysis(&portfolio, 1, 2027).development_needs[2];
    assert_eq!((need.service_id, need.in_service_costs), (Some(datacenter), true));
    let costs = service(&portfolio, "Integrationsplattform").costs;
    assert!(costs.iter().any(|c| c.year == 2028 && c.development >= Money::from_kronor(1_200_000)), "{costs:?}");

    // Re-imported from its sheet, the analysis keeps which needs are in their services' costs, so none is planned
    // twice.
    let table = samordna::sheets::build(
        &portfolio.read(),
        &samordna::sheets::SheetRequest::Analysis { provider_id: 1, year: 2027 },
        samordna::domain::Language::Sv,
        stamp().at,
    )
    .unwrap();
    let bytes = samordna::sheets::xlsx(&table).unwrap();
    let kept = analysis(&portfolio, 1, 2027);
    let report = samordna::sheets::import_analysis(
        &mut portfolio,
        &stamp(),
        1,
        2027,
        &bytes,
        "analys.xlsx",
        samordna::domain::Language::Sv,
        false,
    )
    .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(analysis(&portfolio, 1, 2027), kept, "the sheet reads back the needs' costs and marks");
}

#[test]
fn costs_added_to_a_service_fill_the_years_between_and_keep_its_management() {
    let costs = [YearCost { year: 2027, development: Money::ZERO, management: Money::from_kronor(100) }];
    let added = [
        InvestmentYear { year: 2029, amount: Money::from_kronor(50) },
        InvestmentYear { year: 2027, amount: Money::from_kronor(10) },
    ];
    let after = samordna::domain::add_development(&costs, &added);
    let rows: Vec<(i32, i64, i64)> = after.iter().map(|c| (c.year, c.development.ore(), c.management.ore())).collect();
    assert_eq!(rows, [(2027, 1_000, 10_000), (2028, 0, 0), (2029, 5_000, 0)]);
}

fn samordna(workspace: &Workspace) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("samordna").unwrap();
    command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Sekreterare Test");
    command
}

fn json_of(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_cli_lists_every_provider_for_a_year_and_takes_a_presented_analysis_into_the_portfolio() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "s.samordna", "init", "--sample"]).assert().success();
    let list = |args: &[&str]| {
        let output = samordna(&workspace).args(["-p", "s.samordna", "analyses", "list"]).args(args).output().unwrap();
        json_of(&output)
    };
    // Every provider once, with its state or "missing", the due day and whether it is late on the day given.
    let year = list(&["--year", "2027", "--today", "2026-11-01", "--json"]);
    let rows: Vec<(&str, &str, &str, bool)> = year
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["provider"].as_str().unwrap(),
                s["state"].as_str().unwrap(),
                s["due"].as_str().unwrap(),
                s["late"] == true,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Demokrati och medborgarservice", "inlamnad", "2026-10-31", false),
            ("Inköp och upphandling", "utkast", "2026-10-31", true),
            ("Intraservice", "presenterad", "2026-10-31", false),
        ]
    );
    assert_eq!(year[2]["id"], 1);
    let missing = list(&["--year", "2028", "--today", "2027-11-01", "--json"]);
    assert!(
        missing.as_array().unwrap().iter().all(|s| s["state"] == "missing" && s["id"].is_null() && s["late"] == true)
    );
    // Without --today the clock decides: the 2100 analyses are not due until 2099.
    let future = list(&["--year", "2100", "--json"]);
    assert!(future.as_array().unwrap().iter().all(|s| s["due"] == "2099-10-31" && s["late"] == false));
    // The listing without --year is as it was.
    assert_eq!(list(&["--json"]).as_array().unwrap().len(), 3);
    let text = samordna(&workspace)
        .args(["-p", "s.samordna", "analyses", "list", "--year", "2027", "--today", "2026-11-01"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("2027 Inköp och upphandling (provider 3): draft (due 2026-10-31, LATE)"), "{text}");
    // A year out of range, a day that is not one, --today without --year: usage errors (exit 2).
    for args in
        [&["--year", "99999"][..], &["--year", "2027", "--today", "2026-13-01"][..], &["--today", "2026-11-01"][..]]
    {
        let output = samordna(&workspace).args(["-p", "s.samordna", "analyses", "list"]).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    }

    // The levels: a dry run shows and writes nothing, then the change, then nothing left to change.
    let apply = |args: &[&str]| {
        samordna(&workspace)
            .args(["-p", "s.samordna", "analyses", "apply-levels", "--provider", "1", "--year", "2027", "--json"])
            .args(args)
            .output()
            .unwrap()
    };
    let before = std::fs::read(workspace.path("s.samordna")).unwrap();
    let dry = json_of(&apply(&["--dry-run"]));
    assert_eq!(dry["dry_run"], true);
    let changes =
        |v: &serde_json::Value| v["changes"].as_array().unwrap().iter().filter(|c| c["outcome"] == "changes").count();
    assert_eq!(changes(&dry), 4);
    let email = dry["changes"].as_array().unwrap().iter().find(|c| c["service"] == "E-post och kalender").unwrap();
    assert_eq!(
        (email["current"]["availability"]["level"].as_i64(), email["new"]["availability"]["level"].as_i64()),
        (Some(3), Some(4))
    );
    assert_eq!(std::fs::read(workspace.path("s.samordna")).unwrap(), before, "a dry run writes nothing");
    let applied = json_of(&apply(&[]));
    assert_eq!((applied["dry_run"].as_bool(), changes(&applied)), (Some(false), 4));
    assert_eq!(changes(&json_of(&apply(&["--dry-run"]))), 0);
    // Not presented: exit 1 with the reason.
    let output = samordna(&workspace)
        .args(["-p", "s.samordna", "analyses", "apply-levels", "--provider", "2", "--year", "2027"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("once it is presented to the group"), "{output:?}");

    // An investment becomes an initiative once; a need goes into its service's planned costs once.
    let make = || {
        samordna(&workspace)
            .args(["-p", "s.samordna", "analyses", "make-initiative", "--provider", "1", "--year", "2027"])
            .args(["--investment", "4", "--case-number", "SLK-2027-00001", "--state", "analys", "--json"])
            .output()
            .unwrap()
    };
    let initiative = json_of(&make());
    assert_eq!(
        (initiative["case_number"].as_str(), initiative["state"].as_str()),
        (Some("SLK-2027-00001"), Some("analys"))
    );
    let twice = make();
    assert_eq!(twice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already in the portfolio: SLK-2027-00001"), "{twice:?}");
    let plan = || {
        samordna(&workspace)
            .args(["-p", "s.samordna", "analyses", "plan-need", "--provider", "1", "--year", "2027", "--need", "2"])
            .output()
            .unwrap()
    };
    let planned = plan();
    assert!(planned.status.success(), "{planned:?}");
    let text = String::from_utf8(planned.stdout).unwrap();
    assert!(text.starts_with("E-arkiv: planned development costs from need 2"), "{text}");
    assert_eq!(plan().status.code(), Some(1));
}

#[test]
fn a_sheet_without_rows_of_a_part_keeps_that_part_and_a_sheet_of_another_provider_or_year_is_refused() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let stored = |portfolio: &Portfolio| portfolio.read().analysis_of(2, 2027).unwrap().unwrap();
    let before = stored(&portfolio);
    // Demokrati och medborgarservice's analysis is handed in; a sheet with only its direction and levels (its other
    // rows deleted) leaves its investments, needs and requirements as they are, and says so.
    let table = samordna::sheets::build(
        &portfolio.read(),
        &samordna::sheets::SheetRequest::Analysis { provider_id: 2, year: 2027 },
        samordna::domain::Language::Sv,
        stamp().at,
    )
    .unwrap();
    let kept: Vec<String> = table
        .rows
        .iter()
        .filter(
            |r| matches!(&r[0], samordna::sheets::Cell::Text(t) if t == "Strategisk riktning" || t == "Säkerhetsnivå"),
        )
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    samordna::sheets::Cell::Text(t) => t.clone(),
                    samordna::sheets::Cell::Number(n) => n.to_string(),
                    _ => String::new(),
                })
                .collect::<Vec<_>>()
                .join(";")
        })
        .collect();
    let csv = std::iter::once(table.headers.join(";")).chain(kept).collect::<Vec<_>>().join("\n");
    let report = samordna::sheets::import_analysis(
        &mut portfolio,
        &stamp(),
        2,
        2027,
        csv.as_bytes(),
        "tom.csv",
        samordna::domain::Language::Sv,
        false,
    )
    .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.kept, ["Satsning", "Behov av utveckling", "Inkommet krav"]);
    let after = stored(&portfolio);
    assert_eq!(
        (&after.investments, &after.development_needs, &after.requirements),
        (&before.investments, &before.development_needs, &before.requirements)
    );

    // The sheet as exported names its provider and year: imported for another provider it is refused whole, and
    // for another year only while that year has no analysis (a new year may start from last year's sheet).
    let whole = samordna::sheets::xlsx(&table).unwrap();
    let import = |portfolio: &mut Portfolio, provider: i64, year: i32, dry_run: bool| {
        samordna::sheets::import_analysis(
            portfolio,
            &stamp(),
            provider,
            year,
            &whole,
            "analys.xlsx",
            samordna::domain::Language::En,
            dry_run,
        )
    };
    let everything = export(&portfolio);
    let refused = import(&mut portfolio, 1, 2027, true).unwrap_err().to_string();
    assert!(refused.contains("the sheet is for \u{201c}Demokrati och medborgarservice, 2027\u{201d}"), "{refused}");
    assert_eq!(export(&portfolio), everything, "nothing written");
    let next_year = import(&mut portfolio, 2, 2028, false).unwrap();
    assert!(next_year.created && next_year.problems.is_empty(), "{next_year:?}");
    let again = import(&mut portfolio, 2, 2028, true).unwrap_err().to_string();
    assert!(again.contains("not Demokrati och medborgarservice's analysis for 2028"), "{again}");
}

#[test]
fn a_provider_without_a_board_needs_the_initiatives_owner_named() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let provider = portfolio
        .write(&stamp(), |w| {
            w.create(Provider {
                id: 0,
                name: "Extern leverantör".into(),
                organisation_id: None,
                description: "".into(),
            })
        })
        .unwrap();
    // Handed in and presented with its content: it has no services, so no levels are needed.
    let mut analysis = YearlyAnalysis::draft(provider, 2027, &[]);
    analysis.state = AnalysisState::Presented;
    analysis.submitted = Some(day("2026-10-01"));
    analysis.presented = Some(day("2026-11-12"));
    analysis.strategic_direction = "Molntjänster för hela staden.".into();
    analysis.investments.push(samordna::domain::AnalysisInvestment {
        status: samordna::domain::InvestmentStatus::Planned,
        initiative_id: None,
        description: "Gemensam molnplattform".into(),
        costs: vec![InvestmentYear { year: 2027, amount: Money::from_kronor(900_000) }],
    });
    (analysis.no_development_needs, analysis.no_requirements) = (true, true);
    portfolio.write(&stamp(), |w| w.create(analysis)).unwrap();
    let mut draft = InitiativeDraft {
        case_number: "SLK-2027-00001".into(),
        title: Some("  ".into()),
        state: InitiativeState::Identified,
        owner_id: None,
    };
    let error = portfolio.write(&stamp(), |w| w.initiative_from_investment(provider, 2027, 0, &draft)).unwrap_err();
    assert_eq!(problems(&error), [("owner_id".to_string(), Rule::Required)]);
    assert!(analysis_of_provider(&portfolio, provider).investments[0].initiative_id.is_none(), "nothing written");
    draft.owner_id = Some(1);
    let id = portfolio.write(&stamp(), |w| w.initiative_from_investment(provider, 2027, 0, &draft)).unwrap();
    let initiative: Initiative = portfolio.read().get(id).unwrap();
    assert_eq!(
        (initiative.owner_id, initiative.title.as_str()),
        (Some(1), "Gemensam molnplattform"),
        "a blank title is none"
    );
    assert_eq!(
        initiative.costs,
        [YearCost { year: 2027, development: Money::from_kronor(900_000), management: Money::ZERO }]
    );
}

fn analysis_of_provider(portfolio: &Portfolio, provider: i64) -> YearlyAnalysis {
    analysis(portfolio, provider, 2027)
}

#[test]
fn a_version_15_file_imports_with_the_new_fields_at_their_defaults() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let mut data: serde_json::Value = serde_json::from_str(&export(&portfolio)).unwrap();
    data["format_version"] = 15.into();
    data["parameters"]["practice"].as_object_mut().unwrap().remove("analysis_due");
    for analysis in data["yearly_analyses"].as_array_mut().unwrap() {
        let analysis = analysis.as_object_mut().unwrap();
        for field in ["no_investments", "no_development_needs", "no_requirements"] {
            analysis.remove(field);
        }
        for need in analysis["development_needs"].as_array_mut().unwrap() {
            need.as_object_mut().unwrap().remove("costs");
            need.as_object_mut().unwrap().remove("in_service_costs");
        }
    }
    let data = PortfolioData::from_json(&data.to_string()).unwrap();
    let mut copy = Portfolio::create(&workspace.path("v15.samordna"), &stamp()).unwrap();
    copy.write(&stamp(), |w| data.replace_into(w, "version 15")).unwrap();
    assert_eq!(copy.read().parameters().unwrap().practice.analysis_due, AnalysisDue { month: 10, day: 31 });
    let intraservice = analysis(&copy, 1, 2027);
    assert!(!intraservice.no_investments && intraservice.development_needs.iter().all(|n| n.costs.is_empty()));
}
