//! The follow-up against the frames (issue 25, part 4): the engine's figures on the sample and on constructed
//! data, the actual outcomes' checks and history, their sheet import, and older files without them.

use samordna::Portfolio;
use samordna::domain::{
    ActualOutcome, DecidedFrame, Entity, Initiative, InitiativeState, ItemRef, Language, Reason, Rule, Service,
    ServiceState, Track,
};
use samordna::interchange::PortfolioData;
use samordna::money::Money;
use samordna::prioritisation::budget::FrameKind;
use samordna::prioritisation::follow_up::{FollowUp, FrameSource};
use samordna::sheets::{self, SheetKind};
use samordna::store::Action;

use crate::support::{Workspace, change_count, day, export, not_allowed, stamp};

fn follow_up(portfolio: &Portfolio, year: i32) -> FollowUp {
    portfolio.read().follow_up(year).unwrap()
}

fn initiative(portfolio: &Portfolio, case_number: &str) -> Initiative {
    portfolio.read().initiative_by_case_number(case_number).unwrap()
}

fn service(portfolio: &Portfolio, name: &str) -> Service {
    portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap()
}

fn outcome(item: ItemRef, year: i32, development: i64, management: i64) -> ActualOutcome {
    ActualOutcome {
        id: 0,
        item,
        year,
        development: Money::from_kronor(development),
        management: Money::from_kronor(management),
    }
}

fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    Money::from_ore(amounts.map(Money::ore).sum())
}

#[test]
fn the_sample_follows_up_2026_against_the_proposed_frames_counting_shared_initiatives_and_services_only() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let data = PortfolioData::read(&portfolio.read()).unwrap();
    let result = follow_up(&portfolio, 2026);

    // No council decision for 2026: the frames are the latest scenario's proposal, marked so.
    let scenario = data.scenarios.iter().max_by_key(|s| s.id).unwrap();
    assert_eq!(
        result.frame_source,
        FrameSource::Scenario { scenario_id: scenario.id, scenario_name: scenario.name.clone() }
    );
    let proposed = scenario.frames.iter().find(|f| f.year == 2026).unwrap();
    let development = result.frame(FrameKind::Development);
    let management = result.frame(FrameKind::Management);
    assert_eq!((development.decided, development.decided_by_council), (proposed.development, false));
    assert_eq!((management.decided, management.decided_by_council), (proposed.management, false));

    // Committed development: the shared initiatives whose state commits money, counted here from the data.
    let cost = |i: &Initiative| i.costs.iter().find(|c| c.year == 2026).copied();
    let shared = data.initiatives.iter().filter(|i| i.track == Track::Shared && i.state.commits_money());
    assert_eq!(development.committed, sum(shared.clone().filter_map(cost).map(|c| c.development)));
    // Business-specific initiatives are never counted, though some of them commit money in their own budgets.
    let own: Vec<&Initiative> =
        data.initiatives.iter().filter(|i| i.track == Track::BusinessSpecific && i.state.commits_money()).collect();
    assert!(sum(own.iter().filter_map(|i| cost(i)).map(|c| c.development)) > Money::from_kronor(1_000_000));
    for initiative in &own {
        assert!(
            !result.items.iter().any(|i| i.item == ItemRef::Initiative(initiative.id)),
            "{}",
            initiative.case_number
        );
    }
    // The services in operation count: management is the initiatives' and the services' together.
    let contact = service(&portfolio, "Kontaktcenter");
    let row = result.items.iter().find(|i| i.item == ItemRef::Service(contact.id)).expect("a service in operation");
    assert_eq!(row.committed.management, contact.costs.iter().find(|c| c.year == 2026).unwrap().management);
    let initiatives_management = sum(shared.filter_map(cost).map(|c| c.management));
    assert!(management.committed > initiatives_management);
    assert_eq!(management.committed, sum(result.items.iter().map(|i| i.committed.management)));

    // The actual outcome is every outcome recorded for 2026; left and unspent follow from the frame.
    let of_year = data.actual_outcomes.iter().filter(|a| a.year == 2026);
    assert_eq!(development.actual, sum(of_year.clone().map(|a| a.development)));
    assert_eq!(management.actual, sum(of_year.map(|a| a.management)));
    assert!(development.actual > Money::ZERO && management.actual > Money::ZERO);
    assert_eq!(development.left.ore(), development.decided.ore() - development.committed.ore());
    assert_eq!(management.unspent.ore(), management.decided.ore() - management.actual.ore());
    // Some items cost more than committed, some less; a prioritised one that has not started has no outcome yet.
    let over = result.items.iter().filter(|i| i.actual.is_some_and(|a| a.management > i.committed.management));
    let under = result.items.iter().filter(|i| i.actual.is_some_and(|a| a.development < i.committed.development));
    assert!(over.count() > 0 && under.count() > 0);
    let invoices = initiative(&portfolio, "SLK-2026-00102");
    let row = result.items.iter().find(|i| i.item == ItemRef::Initiative(invoices.id)).unwrap();
    assert_eq!((row.state.key(), row.actual), ("prioriterad", None));

    // 2027 has the council's decided frames.
    let next = follow_up(&portfolio, 2027);
    let decided = data.decided_frames.iter().find(|f| f.year == 2027).unwrap();
    assert!(matches!(next.frame_source, FrameSource::Council { ref reference, .. } if *reference == decided.reference));
    assert_eq!(next.frame(FrameKind::Development).decided, decided.development);
    assert!(next.frames.iter().all(|f| f.decided_by_council));
}

#[test]
fn recording_outcomes_moves_the_figures_and_a_council_decision_replaces_the_proposal() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = follow_up(&portfolio, 2026);
    // A prioritised initiative that had no outcome, and a service in operation without one.
    let invoices = initiative(&portfolio, "SLK-2026-00102");
    let mail = service(&portfolio, "E-post och kalender");
    portfolio
        .write(&stamp(), |w| {
            w.create(outcome(ItemRef::Initiative(invoices.id), 2026, 400_000, 0))?;
            w.create(outcome(ItemRef::Service(mail.id), 2026, 0, 9_000_000))
        })
        .unwrap();
    let after = follow_up(&portfolio, 2026);
    let change = |kind| after.frame(kind).actual.ore() - before.frame(kind).actual.ore();
    assert_eq!(change(FrameKind::Development), Money::from_kronor(400_000).ore());
    assert_eq!(change(FrameKind::Management), Money::from_kronor(9_000_000).ore());
    assert_eq!(after.frame(FrameKind::Development).committed, before.frame(FrameKind::Development).committed);

    let decided = DecidedFrame {
        id: 0,
        year: 2026,
        development: Money::from_kronor(15_000_000),
        management: Money::from_kronor(25_000_000),
        decided_on: day("2025-11-20"),
        reference: "KF 2025-11-20 § 14, budget 2026".into(),
        notes: String::new(),
    };
    portfolio.write(&stamp(), |w| w.create(decided)).unwrap();
    let decided = follow_up(&portfolio, 2026);
    let development = decided.frame(FrameKind::Development);
    assert!(development.decided_by_council);
    assert_eq!(development.decided, Money::from_kronor(15_000_000));
    assert_eq!(development.left.ore(), Money::from_kronor(15_000_000).ore() - development.committed.ore());
    assert!(development.left.is_negative(), "more is committed than the council decided");
}

#[test]
fn what_the_sample_commits_in_no_year_leaves_an_empty_follow_up_and_a_year_out_of_range_is_refused() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let far = follow_up(&portfolio, 2040);
    assert_eq!(far.frame_source, FrameSource::None);
    assert!(far.items.is_empty());
    assert!(far.frames.iter().all(|f| f.decided == Money::ZERO && f.committed == Money::ZERO && !f.decided_by_council));
    for year in [1999, 2101, 99_999] {
        let error = portfolio.read().follow_up(year).unwrap_err();
        assert_eq!(error.code(), "invalid", "{year}");
    }
}

#[test]
fn an_outcome_is_checked_against_the_portfolio_and_its_changes_are_in_the_history() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let archive = initiative(&portfolio, "SLK-2026-00104");
    let item = ItemRef::Initiative(archive.id);
    let invalid = |error: samordna::Error| match error {
        samordna::Error::Invalid { problems, .. } => {
            problems.errors().iter().map(|e| (e.field.clone(), e.rule.clone())).collect::<Vec<_>>()
        }
        other => panic!("expected invalid, got {other}"),
    };
    let count = change_count(portfolio.path());

    // One outcome per item and year: the sample's 2026 outcome of the archive is there already.
    let twice = portfolio.write(&stamp(), |w| w.create(outcome(item, 2026, 1, 1))).unwrap_err();
    assert_eq!(invalid(twice), [("year".to_string(), Rule::Duplicate)]);
    // Unknown items, years out of range, negative amounts and amounts beyond the limit.
    let unknown = portfolio.write(&stamp(), |w| w.create(outcome(ItemRef::Initiative(9999), 2026, 1, 1)));
    assert_eq!(invalid(unknown.unwrap_err()), [("item".to_string(), Rule::UnknownReference)]);
    let unknown = portfolio.write(&stamp(), |w| w.create(outcome(ItemRef::Service(9999), 2026, 1, 1)));
    assert_eq!(invalid(unknown.unwrap_err()), [("item".to_string(), Rule::UnknownReference)]);
    let far = portfolio.write(&stamp(), |w| w.create(outcome(item, 99_999, 1, 1))).unwrap_err();
    assert_eq!(invalid(far), [("year".to_string(), Rule::OutOfRange { min: 2000, max: 2100 })]);
    let bad = ActualOutcome {
        development: Money::from_ore(-1),
        management: Money::from_ore(Money::LIMIT.ore() + 1),
        ..outcome(item, 2027, 0, 0)
    };
    let bad = portfolio.write(&stamp(), |w| w.create(bad)).unwrap_err();
    assert_eq!(invalid(bad), [("development".to_string(), Rule::Negative), ("management".to_string(), Rule::TooLarge)]);
    // A business-specific initiative is funded and followed up within its own board's budget.
    let own = initiative(&portfolio, "GRF-2026-00212");
    let refused = portfolio.write(&stamp(), |w| w.create(outcome(ItemRef::Initiative(own.id), 2026, 1, 1)));
    assert_eq!(not_allowed(&refused.unwrap_err()), [("item".to_string(), Reason::OutcomeOfOwnBudget)]);
    assert_eq!(change_count(portfolio.path()), count, "nothing refused is written");

    // Created, changed, deleted: each in the history, naming the year and the initiative.
    let id = portfolio.write(&stamp(), |w| w.create(outcome(item, 2027, 100_000, 0))).unwrap();
    let mut changed: ActualOutcome = portfolio.read().get(id).unwrap();
    changed.development = Money::from_kronor(125_000);
    portfolio.write(&stamp(), |w| w.update(changed)).unwrap();
    portfolio.write(&stamp(), |w| w.delete::<ActualOutcome>(id)).unwrap();
    let history = portfolio.read().history(Entity::ActualOutcome, id).unwrap();
    let actions: Vec<Action> = history.iter().map(|c| c.action).collect();
    assert_eq!(actions, [Action::Delete, Action::Update, Action::Create]);
    assert_eq!(history[1].record_label, format!("Utfall 2027 ({} {})", archive.case_number, archive.title));
    let fields: Vec<(&str, Option<&str>, Option<&str>)> =
        history[1].fields.iter().map(|f| (f.field.as_str(), f.old.as_deref(), f.new.as_deref())).collect();
    assert_eq!(fields, [("development", Some("100\u{a0}000,00\u{a0}kr"), Some("125\u{a0}000,00\u{a0}kr"))]);
}

#[test]
fn an_item_with_outcomes_cannot_be_deleted_and_an_initiative_with_them_stays_shared() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // A new service, used by nothing but its outcome.
    let new =
        Service { id: 0, name: "Ny tjänst".into(), customers: Vec::new(), ..service(&portfolio, "Kontaktcenter") };
    let new = Service { state: ServiceState::Planned, ..new };
    let id = portfolio.write(&stamp(), |w| w.create(new)).unwrap();
    portfolio.write(&stamp(), |w| w.create(outcome(ItemRef::Service(id), 2026, 0, 5))).unwrap();
    let used = portfolio.write(&stamp(), |w| w.delete::<Service>(id)).unwrap_err();
    assert!(
        matches!(used, samordna::Error::InUse { count: 1, ref used_by, .. } if used_by == "actual outcome 2026"),
        "{used}"
    );

    let archive = initiative(&portfolio, "SLK-2026-00104");
    let own = Initiative { track: Track::BusinessSpecific, ..archive.clone() };
    let refused = portfolio.write(&stamp(), |w| w.update(own)).unwrap_err();
    assert!(not_allowed(&refused).contains(&("track".to_string(), Reason::HasActualOutcomes)), "{refused}");
    let kept = initiative(&portfolio, "SLK-2026-00104");
    assert_eq!(kept.track, Track::Shared);
}

#[test]
fn a_service_being_phased_out_still_commits_a_retired_one_does_not_and_its_outcome_stays() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let contact = service(&portfolio, "Kontaktcenter");
    let counted = |p: &Portfolio| follow_up(p, 2026).items.iter().any(|i| i.item == ItemRef::Service(contact.id));
    assert!(counted(&portfolio));
    let mut phasing_out = contact.clone();
    phasing_out.state = ServiceState::PhasingOut;
    portfolio.write(&stamp(), |w| w.update(phasing_out.clone())).unwrap();
    let row = follow_up(&portfolio, 2026);
    let row = row.items.iter().find(|i| i.item == ItemRef::Service(contact.id)).unwrap();
    assert_eq!(row.committed.management, Money::from_kronor(1_900_000), "being phased out still costs");
    let mut retired = phasing_out;
    retired.state = ServiceState::Retired;
    portfolio.write(&stamp(), |w| w.update(retired)).unwrap();
    let result = follow_up(&portfolio, 2026);
    let row = result.items.iter().find(|i| i.item == ItemRef::Service(contact.id)).expect("its outcome stays");
    assert_eq!(row.committed.management, Money::ZERO, "a retired service commits nothing");
    assert!(row.actual.is_some(), "what it cost in the year is still followed up");

    // A valued initiative waits for the group: it commits nothing yet.
    let valued = initiative(&portfolio, "SLK-2026-00101");
    assert_eq!(valued.state, InitiativeState::Valued);
    assert!(!follow_up(&portfolio, 2026).items.iter().any(|i| i.item == ItemRef::Initiative(valued.id)));
}

// The sheet import of actual outcomes (`--kind actuals`)

fn csv_preview(portfolio: &mut Portfolio, text: &str) -> sheets::SheetImport {
    sheets::preview(portfolio, &stamp(), SheetKind::Actuals, text.as_bytes(), Language::Sv).unwrap()
}

#[test]
fn an_actuals_sheet_updates_and_creates_outcomes_by_item_and_year_with_swedish_formats() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = follow_up(&portfolio, 2026);
    // Semicolons, decimal commas, spaces between thousands, Windows-1252 as Excel writes a Swedish CSV.
    let text = "Diarienummer;Namn;År;Utveckling utfall (kr);Förvaltning utfall (kr)\n\
                SLK-2026-00104;;2026;2 400 000,50;412 500\n\
                ;Kontaktcenter;2026;;2 000 000\n\
                SLK-2026-00102;;2026;100 000;\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let preview = sheets::preview(&mut portfolio, &stamp(), SheetKind::Actuals, &bytes, Language::Sv).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.created, preview.updated), (1, 2));
    assert_eq!(preview.rows[0].label, "SLK-2026-00104 2026");
    let change = &preview.rows[0].changed[0];
    assert_eq!(
        (change.column.as_str(), change.old.as_str(), change.new.as_str()),
        ("Utveckling utfall (kr)", "2\u{a0}310\u{a0}000,00\u{a0}kr", "2\u{a0}400\u{a0}000,50\u{a0}kr")
    );
    assert_eq!(follow_up(&portfolio, 2026), before, "a preview writes nothing");

    let report = sheets::import(&mut portfolio, &stamp(), SheetKind::Actuals, &bytes, "utfall.csv", Language::Sv)
        .expect("imported");
    assert_eq!(report.source, "CSV, semikolon, Windows-1252");
    let after = follow_up(&portfolio, 2026);
    let development =
        after.frame(FrameKind::Development).actual.ore() - before.frame(FrameKind::Development).actual.ore();
    // 2 310 000 → 2 400 000,50 and 0 → 100 000 (a new outcome; its empty management cell is 0 kr).
    assert_eq!(development, 9_000_050 + 10_000_000);
    let invoices = initiative(&portfolio, "SLK-2026-00102");
    let created =
        portfolio.read().actual_outcomes().unwrap().into_iter().find(|a| a.item == ItemRef::Initiative(invoices.id));
    assert_eq!(created.map(|a| (a.year, a.management)), Some((2026, Money::ZERO)));
    let history = portfolio.read().recent_changes(1).unwrap();
    assert_eq!(history[0].note, "Import från kalkylark: utfall.csv");

    // The export is the template: it imports back unchanged, in either language.
    for language in [Language::Sv, Language::En] {
        let table = sheets::table(&portfolio.read(), SheetKind::Actuals, language).unwrap();
        let bytes = sheets::xlsx(&table).unwrap();
        let again =
            sheets::import(&mut portfolio, &stamp(), SheetKind::Actuals, &bytes, "utfall.xlsx", language).unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, table.rows.len()));
    }
    let template = sheets::template(
        &portfolio.read(),
        SheetKind::Actuals,
        Language::Sv,
        crate::support::at("2026-11-26T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(template.headers, ["Diarienummer", "Namn", "År", "Utveckling utfall (kr)", "Förvaltning utfall (kr)"]);
    assert!(template.rows.is_empty());
}

#[test]
fn every_bad_row_of_an_actuals_sheet_is_named_by_row_and_column_and_nothing_is_written() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = (export(&portfolio), change_count(portfolio.path()));
    let text = "Diarienummer;Namn;År;Utveckling utfall (kr);Förvaltning utfall (kr)\n\
                SLK-2026-00104;;2026;2 400 000;412 500\n\
                SLK-2026-99999;;2026;1;1\n\
                ;Ingen sådan tjänst;2026;1;1\n\
                SLK-2026-00110;;99999;1;1\n\
                SLK-2026-00110;;2027;-5;1\n\
                SLK-2026-00110;;2028;1 000 000 000 000,01;tusen kronor\n\
                SLK-2026-00104;;2026;1;1\n\
                GRF-2026-00212;;2026;1;1\n\
                SLK-2026-00111;Kontaktcenter;2026;1;1\n\
                ;;2026;1;1\n\
                SLK-2026-00111;;;1;1\n\
                SLK-2026-00111;;2026,5;1;1\n";
    let preview = csv_preview(&mut portfolio, text);
    let found: Vec<(usize, &str, &str)> =
        preview.problems.iter().map(|p| (p.row, p.column.as_str(), p.message.as_str())).collect();
    let expected: [(usize, &str, &str); 13] = [
        (3, "Diarienummer", "det finns inget initiativ med diarienummer SLK-2026-99999"),
        (4, "Namn", "det finns ingen tjänst som heter \u{201d}Ingen sådan tjänst\u{201d}"),
        (5, "År", "ska vara mellan 2000 och 2100"),
        (6, "Utveckling utfall (kr)", "får inte vara negativt"),
        (7, "Utveckling utfall (kr)", "större än 1 000 000 000 000 kr"),
        (7, "Förvaltning utfall (kr)", "är inget belopp i kronor"),
        (8, "År", "står redan på rad 2"),
        (9, "Diarienummer", "inom nämndens egen budget"),
        (10, "Diarienummer / Namn", "inte båda"),
        (11, "Diarienummer / Namn", "ange initiativets diarienummer eller tjänstens namn"),
        (12, "År", "måste fyllas i"),
        (13, "År", "\u{201d}2026,5\u{201d} är inget år"),
        (0, "", ""),
    ];
    assert_eq!(found.len(), expected.len() - 1, "{found:#?}");
    for ((row, column, message), (want_row, want_column, want_message)) in found.iter().zip(&expected) {
        assert_eq!((row, column), (want_row, want_column), "{message}");
        assert!(message.contains(want_message), "row {row}: {message}");
    }
    // All or nothing: the good first row is not written either.
    let refused = sheets::import(&mut portfolio, &stamp(), SheetKind::Actuals, text.as_bytes(), "x.csv", Language::Sv);
    assert!(matches!(refused, Err(samordna::Error::SheetRefused { problems: 12, .. })), "{refused:?}");
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before);

    // A sheet without the columns rows are recognised by, and in English.
    let headless = csv_preview(&mut portfolio, "Utveckling utfall (kr);Förvaltning utfall (kr)\n1;2\n");
    let columns: Vec<&str> = headless.problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(columns, ["Diarienummer / Namn", "År"]);
    let english = sheets::preview(
        &mut portfolio,
        &stamp(),
        SheetKind::Actuals,
        "Case number;Year;Development actual (SEK)\nSLK-2026-00104;2026;-1\n".as_bytes(),
        Language::En,
    )
    .unwrap();
    assert_eq!(english.problems.len(), 1, "{:?}", english.problems);
    assert_eq!(english.problems[0].column, "Development actual (SEK)");
    assert_eq!(english.problems[0].message, "must not be negative");
}

#[test]
fn a_formula_without_a_saved_value_in_an_actuals_sheet_is_named_and_a_computed_one_imports() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let workbook = |amount: &dyn Fn(&mut rust_xlsxwriter::Worksheet)| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, header) in ["Namn", "År", "Förvaltning utfall (kr)"].iter().enumerate() {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
        sheet.write_string(1, 0, "Kontaktcenter").unwrap();
        sheet.write_number(1, 1, 2026).unwrap();
        amount(sheet);
        book.save_to_buffer().unwrap()
    };
    let bytes = workbook(&|sheet| {
        sheet.set_formula_result_default("");
        sheet.write_formula(1, 2, "=1900000*1.05").unwrap();
    });
    let preview = sheets::preview(&mut portfolio, &stamp(), SheetKind::Actuals, &bytes, Language::Sv).unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!((preview.problems[0].row, preview.problems[0].column.as_str()), (2, "Förvaltning utfall (kr)"));
    assert!(preview.problems[0].message.contains("inget sparat värde"));
    // The value a spreadsheet saves for such a formula, a hair from a whole öre.
    let bytes = workbook(&|sheet| {
        sheet.write_number(1, 2, 1_900_000.0_f64 * 1.05).unwrap();
    });
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Actuals, &bytes, "utfall.xlsx", Language::Sv).unwrap();
    assert_eq!(report.updated, 1, "{:?}", report.problems);
    let contact = service(&portfolio, "Kontaktcenter");
    let stored = portfolio.read().actual_outcomes().unwrap();
    let stored = stored.iter().find(|a| a.item == ItemRef::Service(contact.id) && a.year == 2026).unwrap();
    assert_eq!(stored.management, Money::from_kronor(1_995_000));
}

// Older files

#[test]
fn a_version_14_file_imports_without_outcomes_and_the_format_round_trips_with_them() {
    let workspace = Workspace::new();
    let sample = export(&workspace.sample());
    let mut old: serde_json::Value = serde_json::from_str(&sample).unwrap();
    old["format_version"] = 14.into();
    old.as_object_mut().unwrap().remove("actual_outcomes");
    let data = PortfolioData::from_json(&old.to_string()).unwrap();
    assert!(data.actual_outcomes.is_empty());
    let mut portfolio = workspace.new_portfolio();
    portfolio.write(&stamp(), |w| data.replace_into(w, "old")).unwrap();
    assert!(portfolio.read().actual_outcomes().unwrap().is_empty());
    assert_eq!(follow_up(&portfolio, 2026).frame(FrameKind::Development).actual, Money::ZERO);

    // Two outcomes of one item and year in a file are named before anything is written.
    let mut twice: serde_json::Value = serde_json::from_str(&sample).unwrap();
    let first = twice["actual_outcomes"][0].clone();
    let mut copy = first.clone();
    copy["id"] = 99.into();
    twice["actual_outcomes"].as_array_mut().unwrap().push(copy);
    let refused = PortfolioData::from_json(&twice.to_string())
        .and_then(|data| portfolio.write(&stamp(), |w| data.replace_into(w, "twice")))
        .unwrap_err();
    assert!(
        refused.to_string().contains(&format!("two actual outcomes of {}", first["item"].as_str().unwrap())),
        "{refused}"
    );
    // An amount beyond the limit is named too.
    let mut huge: serde_json::Value = serde_json::from_str(&sample).unwrap();
    huge["actual_outcomes"][0]["development"] = (Money::LIMIT.ore() + 1).into();
    let refused = PortfolioData::from_json(&huge.to_string())
        .and_then(|data| portfolio.write(&stamp(), |w| data.replace_into(w, "huge")))
        .unwrap_err();
    assert!(refused.to_string().contains("actual outcome 2026"), "{refused}");
}

// The command line: `samordna budget follow-up` and `import-sheet --kind actuals`

fn samordna(workspace: &Workspace) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("samordna").unwrap();
    command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Sekreterare Test");
    command
}

fn follow_up_json(workspace: &Workspace, year: &str) -> serde_json::Value {
    let output =
        samordna(workspace).args(["-p", "s.samordna", "budget", "follow-up", "--year", year, "--json"]).output();
    let output = output.unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn budget_follow_up_prints_the_contract_with_the_engines_amounts_in_ore() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "s.samordna", "init", "--sample"]).assert().success();
    let json = follow_up_json(&workspace, "2026");
    let engine = Portfolio::open_read_only(&workspace.path("s.samordna")).unwrap().read().follow_up(2026).unwrap();

    assert_eq!(json["year"], 2026);
    let frames = json["frames"].as_array().unwrap();
    let kinds: Vec<&str> = frames.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["development", "management"]);
    for (frame, computed) in frames.iter().zip(&engine.frames) {
        let keys: std::collections::BTreeSet<&str> = frame.as_object().unwrap().keys().map(String::as_str).collect();
        for key in ["kind", "decided", "decided_by_council", "committed", "actual", "left"] {
            assert!(keys.contains(key), "{key} in {frame}");
        }
        assert_eq!(frame["decided_by_council"], false, "2026 has no council decision in the sample");
        for (key, amount) in [
            ("decided", computed.decided),
            ("committed", computed.committed),
            ("actual", computed.actual),
            ("left", computed.left),
            ("unspent", computed.unspent),
        ] {
            assert!(frame[key].is_i64(), "{key} is a whole number of öre: {frame}");
            assert_eq!(frame[key].as_i64(), Some(amount.ore()), "{key}");
        }
    }
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), engine.items.len());
    assert!(items.iter().all(|i| i["committed"]["development"].is_i64() && i["item"].is_string()));

    // Amounts in öre as `export` prints them: an outcome's amount is the same number in both.
    let export = samordna(&workspace).args(["-p", "s.samordna", "export", "--format", "json"]).output().unwrap();
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let recorded = &export["actual_outcomes"][0];
    let item = items.iter().find(|i| i["item"] == recorded["item"]).unwrap();
    assert_eq!(item["actual"]["development"], recorded["development"]);
    assert_eq!(item["actual"]["management"], recorded["management"]);

    // 2027: the council's frames.
    let next = follow_up_json(&workspace, "2027");
    assert_eq!(next["frames"][0]["decided_by_council"], true);
    assert_eq!(next["frame_source"]["kind"], "council");

    // As text, in English, with the proposed frames marked.
    let text = samordna(&workspace).args(["-p", "s.samordna", "budget", "follow-up", "--year", "2026"]).output();
    let text = String::from_utf8(text.unwrap().stdout).unwrap();
    assert!(text.starts_with("Follow-up against the frames 2026\n"), "{text}");
    assert!(text.contains("not decided by the council") && text.contains("(proposed)"), "{text}");
    assert!(text.contains("Kontaktcenter (In operation)"), "{text}");
    assert!(!text.contains("GRF-2026-00212"), "a business-specific initiative is not followed up: {text}");

    // A year outside the frames' years is a usage error.
    let far = samordna(&workspace).args(["-p", "s.samordna", "budget", "follow-up", "--year", "99999"]).output();
    let far = far.unwrap();
    assert_eq!(far.status.code(), Some(2));
    assert!(String::from_utf8(far.stderr).unwrap().contains("2000..=2100"));
}

#[test]
fn import_sheet_actuals_names_a_problem_row_writes_nothing_and_then_imports_a_good_sheet() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "s.samordna", "init", "--sample"]).assert().success();
    let before = follow_up_json(&workspace, "2026");
    std::fs::write(
        workspace.path("utfall.csv"),
        "Diarienummer;Namn;År;Utveckling utfall (kr);Förvaltning utfall (kr)\n\
         SLK-2026-00104;;2026;2 400 000;412 500\n\
         ;Kontaktcenter;2026;;abc\n",
    )
    .unwrap();
    let output = samordna(&workspace)
        .args(["-p", "s.samordna", "import-sheet", "--kind", "actuals", "utfall.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("problem, row 3, Förvaltning utfall (kr): \u{201c}abc\u{201d} is not an amount in kronor"),
        "{stdout}"
    );
    assert!(String::from_utf8(output.stderr).unwrap().contains("nothing was imported: 1 problem(s)"));
    assert_eq!(follow_up_json(&workspace, "2026"), before, "nothing written");

    std::fs::write(
        workspace.path("utfall.csv"),
        "Diarienummer;Namn;År;Utveckling utfall (kr);Förvaltning utfall (kr)\n\
         SLK-2026-00104;;2026;2 400 000;412 500\n\
         ;Kontaktcenter;2026;;2 000 000\n",
    )
    .unwrap();
    let dry = samordna(&workspace)
        .args(["-p", "s.samordna", "import-sheet", "--kind", "actuals", "utfall.csv", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert!(dry.status.success());
    let report: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!((report["updated"].as_u64(), report["kind"].as_str()), (Some(2), Some("actuals")));
    assert_eq!(follow_up_json(&workspace, "2026"), before, "a dry run writes nothing");
    samordna(&workspace)
        .args(["-p", "s.samordna", "import-sheet", "--kind", "actuals", "utfall.csv"])
        .assert()
        .success();
    let after = follow_up_json(&workspace, "2026");
    let actual = |json: &serde_json::Value, frame: usize| json["frames"][frame]["actual"].as_i64().unwrap();
    assert_eq!(actual(&after, 0) - actual(&before, 0), 9_000_000, "2 310 000 → 2 400 000 kr");
    assert_eq!(actual(&after, 1) - actual(&before, 1), 3_950_000, "412 500 unchanged; 1 960 500 → 2 000 000 kr");

    // The template is the export's columns.
    samordna(&workspace)
        .args(["-p", "s.samordna", "export-sheet", "--kind", "actuals", "--template", "--out", "mall.xlsx"])
        .assert()
        .success();
    let template = std::fs::read(workspace.path("mall.xlsx")).unwrap();
    let report = samordna::sheets::preview(
        &mut Portfolio::open(&workspace.path("s.samordna"), stamp().at).unwrap(),
        &stamp(),
        SheetKind::Actuals,
        &template,
        Language::Sv,
    )
    .unwrap();
    assert!(report.problems.is_empty() && report.rows.is_empty(), "{report:?}");
}

// The yearly follow-up report

/// The text of a PDF with white space (no-break spaces too) made single spaces.
fn pdf_words(bytes: &[u8], workspace: &Workspace) -> String {
    let path = workspace.path("rapport.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    String::from_utf8(output.stdout).unwrap().replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An amount as the report's tables write it: whole kronor, grouped, no unit (pdftotext reads the minus sign as
/// a hyphen).
fn shown(amount: Money) -> String {
    amount.format_number().trim_end_matches(",00").replace('\u{a0}', " ").replace('\u{2212}', "-")
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler's pdftotext, a Linux tool here")]
fn the_summary_of_the_yearly_follow_up_shows_the_engines_frames_proposed_or_decided() {
    use samordna::papers::{ReportRequest, yearly_report};
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let reader = portfolio.read();
    let at = crate::support::at("2026-11-27T08:15:00Z");
    let request = ReportRequest { year: 2026, provider_id: None, language: Language::Sv };
    let text = pdf_words(&yearly_report(&reader, &request, at, "Jonas Berg").unwrap().bytes, &workspace);
    let engine = reader.follow_up(2026).unwrap();
    let development = engine.frame(FrameKind::Development);
    let management = engine.frame(FrameKind::Management);
    let row = |name: &str, f: &samordna::prioritisation::follow_up::FrameFollowUp| {
        format!(
            "{name} {} {} {} {} {}",
            shown(f.decided),
            shown(f.committed),
            shown(f.actual),
            shown(f.left),
            shown(f.unspent)
        )
    };
    for expected in [
        "Uppföljning mot ramarna".to_string(),
        "ramarna är de föreslagna i scenariot \u{201d}Budgetförslag 2027\u{201d}, inte beslutade".into(),
        "Föreslagen ram Åtaget Utfall Kvar Ej förbrukat".into(),
        row("Utveckling", development),
        row("Förvaltning", management),
        "Verksamhetsspecifika initiativ finansieras inom nämndens eller styrelsens egen budget och räknas inte".into(),
        "SLK-2026-00104 E-arkiv steg 2".into(),
    ] {
        assert!(text.contains(&expected), "the report lacks «{expected}»:\n{text}");
    }
    assert!(!text.contains("GRF-2026-00212"), "a business-specific initiative is not in the follow-up");

    let decided = ReportRequest { year: 2027, provider_id: None, language: Language::En };
    let text = pdf_words(&yearly_report(&reader, &decided, at, "Jonas Berg").unwrap().bytes, &workspace);
    for expected in ["Follow-up against the frames", "the city council's decision (KF 2026-11-19 § 18", "Decided frame"]
    {
        assert!(text.contains(expected), "the report lacks «{expected}»:\n{text}");
    }
}
