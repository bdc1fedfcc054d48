//! The budget material and the council's decided frames: the record and its checks, what no longer fits, the
//! lines and their totals, the paper (pdftotext), the sheet through LibreOffice in Swedish, and the CLI.

use assert_cmd::Command;

use samordna::Money;
use samordna::domain::{DecidedFrame, Entity, InitiativeState, Language, Rule, Scenario};
use samordna::interchange::PortfolioData;
use samordna::prioritisation::budget::{Budget, FrameBasis, FrameKind, NotChosen, cost_by_frame};

use crate::support::{Workspace, at, day, samordna, stamp};

const WRITTEN: &str = "2026-12-10T09:00:00Z";

fn frame(year: i32, dev: i64, man: i64) -> DecidedFrame {
    DecidedFrame {
        id: 0,
        year,
        development: Money::from_kronor(dev),
        management: Money::from_kronor(man),
        decided_on: day("2026-11-19"),
        reference: format!("KF 2026-11-19 § 18 ({year})"),
        notes: String::new(),
    }
}

fn sample_budget(portfolio: &samordna::Portfolio, basis: FrameBasis) -> Budget {
    portfolio.read().budget_input(1).unwrap().solve(basis).unwrap()
}

#[test]
fn decided_frames_are_recorded_once_per_year_checked_and_kept_in_the_history() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let id = portfolio.write(&stamp(), |w| w.create(frame(2028, 10_000_000, 5_000_000))).unwrap();
    let again = portfolio.write(&stamp(), |w| w.create(frame(2028, 1, 1))).unwrap_err();
    let samordna::Error::Invalid { problems, .. } = &again else { panic!("{again:?}") };
    assert_eq!(problems.errors()[0].field, "year");
    assert_eq!(problems.errors()[0].rule, Rule::Duplicate);
    let bad = DecidedFrame { development: Money::from_ore(-5), ..frame(2029, 1, 1) };
    let error = portfolio.write(&stamp(), |w| w.create(bad)).unwrap_err();
    assert!(error.to_string().contains("development"), "{error}");
    let changed = DecidedFrame { id, management: Money::from_kronor(4_500_000), ..frame(2028, 10_000_000, 5_000_000) };
    portfolio.write(&stamp(), |w| w.update(changed)).unwrap();
    let stored: Vec<DecidedFrame> = portfolio.read().decided_frames().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].management, Money::from_kronor(4_500_000));
    let history = portfolio.read().history(Entity::DecidedFrame, id).unwrap();
    assert_eq!(history.len(), 2, "created and changed");
    let field = history[0].fields.iter().find(|f| f.field == "management").unwrap();
    assert_eq!(field.new.as_deref(), Some(Money::from_kronor(4_500_000).to_string().as_str()));
}

#[test]
fn decided_frames_travel_in_the_portfolio_file_and_older_files_still_import() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let data = PortfolioData::read(&portfolio.read()).unwrap();
    assert_eq!(data.decided_frames.len(), 1, "the sample records the council's frames for 2027");
    assert_eq!(data.decided_frames[0].year, 2027);
    let json = data.to_json();
    assert_eq!(PortfolioData::from_json(&json).unwrap(), data);
    // A version 8 file knows no decided frames.
    let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
    older["format_version"] = 8.into();
    older.as_object_mut().unwrap().remove("decided_frames");
    let older = PortfolioData::from_json(&older.to_string()).unwrap();
    assert!(older.decided_frames.is_empty());
    let mut fresh = workspace.new_portfolio();
    fresh.write(&stamp(), |w| older.replace_into(w, "test")).unwrap();
    assert!(fresh.read().decided_frames().unwrap().is_empty());
}

#[test]
fn the_sample_no_longer_fits_the_decided_frames_and_a_rerun_within_them_fits() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let proposed = sample_budget(&portfolio, FrameBasis::Proposed);
    assert_eq!(proposed.basis, FrameBasis::Proposed);
    assert_eq!(proposed.decided_years, [2027]);
    // The lines add up: per frame to what the solver's selection costs, and over all years to the totals.
    let by_frame = cost_by_frame(&proposed.lines);
    for f in &proposed.frames {
        assert_eq!(by_frame.get(&f.kind.frame_name(f.year)).copied().unwrap_or_default(), f.cost);
        assert_eq!(f.cost, f.proposed_cost);
        assert!(f.cost <= f.proposed, "{f:?}");
        // What is left is the engine's, for the app and the paper alike.
        assert_eq!(f.left.ore(), f.used.ore() - f.cost.ore(), "{f:?}");
    }
    let chosen = proposed.lines.iter().filter(|l| l.chosen);
    let total: i64 = chosen.clone().map(|l| l.development.ore()).sum();
    assert_eq!(Money::from_ore(total), proposed.total_development);
    let per_year: i64 = proposed.frames.iter().filter(|f| f.kind == FrameKind::Development).map(|f| f.cost.ore()).sum();
    assert_eq!(per_year, total);
    // 2027's management frame was decided below what the proposal prioritised.
    assert!(proposed.no_longer_fits);
    let management = proposed.frames.iter().find(|f| f.year == 2027 && f.kind == FrameKind::Management).unwrap();
    let decided = management.decided.unwrap();
    assert!(management.cost > decided);
    assert_eq!(management.gap.ore(), management.cost.ore() - decided.ore());
    let other_gaps = proposed.frames.iter().filter(|f| f.gap.ore() > 0).count();
    assert_eq!(other_gaps, 1, "only 2027 management is exceeded");
    let dropped: Vec<&str> =
        proposed.lines.iter().filter(|l| l.dropped_by_decided).map(|l| l.candidate.as_str()).collect();
    assert!(!dropped.is_empty(), "something would have to go");
    // Every item not prioritised says why.
    assert!(proposed.lines.iter().all(|l| l.chosen == l.reason.is_none()));
    assert!(proposed.lines.iter().any(|l| matches!(l.reason, Some(NotChosen::BelowTheLine { .. }))));

    let rerun = sample_budget(&portfolio, FrameBasis::Decided);
    assert_eq!(rerun.basis, FrameBasis::Decided);
    for f in &rerun.frames {
        assert!(f.cost <= f.used, "{f:?}");
        assert_eq!(f.left.ore(), f.used.ore() - f.cost.ore(), "{f:?}");
        let expected = if f.year == 2027 { f.decided.unwrap() } else { f.proposed };
        assert_eq!(f.used, expected, "decided frames replace the proposed ones only for 2027");
    }
    for candidate in &dropped {
        let line = rerun.lines.iter().find(|l| l.candidate == *candidate).unwrap();
        assert!(!line.chosen, "{candidate} is not prioritised within the decided frames");
    }
}

#[test]
fn frame_decided_is_offered_not_made_and_the_lifecycle_rules_still_hold() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let rerun = sample_budget(&portfolio, FrameBasis::Decided);
    let states: Vec<InitiativeState> = rerun.lifecycle.iter().map(|s| s.from).collect();
    assert!(states.iter().all(|s| matches!(s, InitiativeState::Prioritised | InitiativeState::InBudgetMaterial)));
    let before = PortfolioData::read(&portfolio.read()).unwrap().initiatives;
    let _ = sample_budget(&portfolio, FrameBasis::Decided);
    assert_eq!(PortfolioData::read(&portfolio.read()).unwrap().initiatives, before, "no silent state changes");
    // Taking an offered step goes through the lifecycle's checks.
    if let Some(step) = rerun.lifecycle.first() {
        portfolio.write(&stamp(), |w| w.move_initiative(step.initiative_id, step.to, "")).unwrap();
        let moved: samordna::domain::Initiative = portfolio.read().get(step.initiative_id).unwrap();
        assert_eq!(moved.state, step.to);
    }
    // A prioritised initiative cannot skip the budget material.
    let prioritised = before.iter().find(|i| i.state == InitiativeState::Prioritised).expect("the sample has one");
    let skip = portfolio.write(&stamp(), |w| w.move_initiative(prioritised.id, InitiativeState::FrameDecided, ""));
    assert!(skip.is_err() || rerun.lifecycle.first().is_some_and(|s| s.initiative_id == prioritised.id));
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e} (install it)"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler's pdftotext, a Linux tool here")]
fn the_paper_lists_the_prioritised_the_frames_what_no_longer_fits_and_the_rest_with_reasons() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let profile = portfolio.read().document_profile().unwrap();
    for (language, words) in [
        (
            Language::Sv,
            [
                "Budgetunderlag 2026–2029",
                "Prioriterade tjänster och initiativ",
                "Ryms inte längre",
                "Inte prioriterat",
                "Under strecket",
            ],
        ),
        (
            Language::En,
            [
                "Budget material 2026–2029",
                "Prioritised services and initiatives",
                "No longer fits",
                "Not prioritised",
                "Below the line",
            ],
        ),
    ] {
        let budget = sample_budget(&portfolio, FrameBasis::Proposed);
        let paper = samordna::papers::budget::write(&budget, &profile, language, at(WRITTEN), "Jonas Berg").unwrap();
        let path = workspace.path(&paper.file_name);
        std::fs::write(&path, &paper.bytes).unwrap();
        let path = path.to_string_lossy().into_owned();
        let text = tool("pdftotext", &["-enc", "UTF-8", &path, "-"]).split_whitespace().collect::<Vec<_>>().join(" ");
        for word in words {
            assert!(text.contains(word), "{language:?}: {word} in {text}");
        }
        // The totals as the engine summed them, the decided frame's reference and a decision's § reference.
        let total = budget.total_development.format_number().replace('\u{a0}', " ");
        assert!(text.contains(total.trim_end_matches(",00")), "{total} in {text}");
        assert!(text.contains("KF 2026-11-19 § 18"), "{text}");
        assert!(text.contains("2026-10-15 § 32"), "the group's decision on an item: {text}");
        // Each line's state and the cited decision's outcome; the material decided as a whole; the totals.
        if language == Language::Sv {
            for expected in [
                "2026-10-15 § 35: prioriteras inte",
                "Samordningsgruppen har beslutat att inte prioritera",
                "Underlaget är inte klart",
                "Budgetunderlaget beslutat 2026-05-21 § 14: prioriteras",
                "Per finansieringstyp",
                "Kräver kommunbidrag och ramväxling",
                "Per nämnd och bolag",
                "Ej fördelat",
                "Värderad av SSG",
            ] {
                assert!(text.contains(expected), "{expected} in {text}");
            }
        }
        let dropped = budget.lines.iter().find(|l| l.dropped_by_decided).unwrap();
        assert!(text.contains(&dropped.item.reference));
        tool("qpdf", &["--check", &path]);
    }
}

#[test]
fn the_sheet_read_by_libreoffice_in_swedish_shows_the_lines_and_the_engine_s_totals() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let budget = sample_budget(&portfolio, FrameBasis::Proposed);
    let book = samordna::sheets::budget_book(&budget, Language::Sv);
    std::fs::write(workspace.path("budget.xlsx"), samordna::sheets::xlsx_book(&book).unwrap()).unwrap();
    let profile = workspace.path("lo-profile");
    let run = Command::new("soffice")
        .current_dir(workspace.dir.path())
        .env("LANG", "sv_SE.UTF-8")
        .env("LC_ALL", "sv_SE.UTF-8")
        .env("HOME", workspace.dir.path())
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            // The last token, -1: every sheet to a file of its own (budget-<sheet>.csv).
            "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
        ])
        .args(["--outdir", "csv", "budget.xlsx"])
        .output();
    let output = match run {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: LibreOffice (soffice) is not installed; scripts/test installs libreoffice-calc-nogui");
            return;
        }
        other => other.unwrap(),
    };
    assert!(output.status.success(), "{output:?}");
    let sheet = |name: &str| -> Vec<Vec<String>> {
        let csv = std::fs::read_to_string(workspace.path("csv").join(format!("budget-{name}.csv")))
            .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        csv.lines().map(|l| l.split(';').map(|c| c.trim_matches('"').replace('\u{a0}', " ")).collect()).collect()
    };
    let table = &book[0];
    let rows = sheet(&table.name);
    assert_eq!(rows[0][..6], ["År", "Typ", "Diarienummer", "Namn", "Status", "Prioriterad"]);
    assert_eq!(rows.len(), table.rows.len() + 1);
    // One row per item and year; SLK sums them: the prioritised rows of 2027 add up to the engine's sum row.
    let amount = |text: &str| -> i64 {
        let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == ',').collect();
        let (kr, ore) = digits.split_once(',').unwrap_or((&digits, "00"));
        let ore = format!("{ore:0<2}");
        kr.parse::<i64>().unwrap_or(0) * 100 + ore.parse::<i64>().unwrap_or(0)
    };
    let summed: i64 = rows.iter().filter(|r| r[0] == "2027" && r[5] == "Ja").map(|r| amount(&r[8])).sum();
    let sum_row = rows.iter().find(|r| r[0] == "2027" && r[1] == "Summa prioriterat").expect("a sum row for 2027");
    let management = budget.frames.iter().find(|f| f.year == 2027 && f.kind == FrameKind::Management).unwrap();
    assert_eq!(summed, management.cost.ore());
    assert_eq!(amount(&sum_row[8]), management.cost.ore());
    let decided_row = rows.iter().find(|r| r[0] == "2027" && r[1] == "Beslutad ram (KF)").expect("the decided frame");
    assert_eq!(amount(&decided_row[8]), management.decided.unwrap().ore());
    assert!(rows.iter().any(|r| r[1] == "Överskrider beslutad ram med"));
    assert!(rows.iter().any(|r| r[5] == "Nej" && r[10].starts_with("Under strecket")), "why not prioritised");
    // The status in Swedish, and the decision with its outcome in words.
    let refused = rows.iter().find(|r| r[2] == "SLK-2026-00121").expect("SLK-2026-00121 is listed");
    assert_eq!((refused[4].as_str(), refused[5].as_str()), ("Ej prioriterad", "Nej"));
    assert_eq!(refused[11], "2026-10-15 § 35: prioriteras inte");
    // Per funding type: each year's rows add up to what the prioritised items cost against the frames.
    let by_funding = sheet(&book[1].name);
    assert_eq!(by_funding[0][..3], ["År", "Finansieringsmodell", "Vem betalar"]);
    for frame in &budget.frames {
        let column = if frame.kind == FrameKind::Development { 3 } else { 4 };
        let year = frame.year.to_string();
        let sum: i64 = by_funding.iter().skip(1).filter(|r| r[0] == year).map(|r| amount(&r[column])).sum();
        assert_eq!(sum, frame.cost.ore(), "{frame:?}");
    }
    assert!(by_funding.iter().any(|r| r[2] == "Kräver kommunbidrag och ramväxling"));
    // Per board and company: what each pays, from the funding cases, as the engine computed it.
    let by_organisation = sheet(&book[2].name);
    let first = &budget.by_organisation[0];
    let (year, pays) = first.pays.iter().find(|(_, m)| m.ore() != 0).unwrap();
    let row = by_organisation
        .iter()
        .find(|r| r[0] == year.to_string() && r[1] == first.organisation)
        .expect("the organisation's year");
    assert_eq!(amount(&row[3]), pays.ore());
    assert!(by_organisation.iter().any(|r| r[1].starts_with("Ej fördelat")), "what has no funding case");
}

fn fails(command: &mut Command, code: i32, message: &str) {
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(code), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(message), "stderr: {stderr}");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler's pdftotext, a Linux tool here")]
fn the_cli_writes_the_paper_and_the_sheet_and_fails_clearly() {
    let workspace = Workspace::new();
    drop(workspace.sample());
    let p = ["-p", "sample.samordna"];
    let ok = samordna(&workspace)
        .args(p)
        .args(["paper", "budgetunderlag", "--scenario", "1", "--out", "b.pdf", "--basis", "decided"])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:?}");
    let text = tool("pdftotext", &[&workspace.path("b.pdf").to_string_lossy(), "-"]);
    assert!(text.contains("Beslutade ramar från kommunfullmäktige"), "{text}");
    let ok = samordna(&workspace)
        .args(p)
        .args(["export-sheet", "--kind", "budget", "--scenario", "1", "--out", "b.xlsx"])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:?}");
    assert!(std::fs::read(workspace.path("b.xlsx")).unwrap().starts_with(b"PK"));

    fails(
        samordna(&workspace).args(p).args(["paper", "budgetunderlag", "--scenario", "99", "--out", "x.pdf"]),
        1,
        "no scenario with id 99",
    );
    fails(
        samordna(&workspace).args(p).args(["export-sheet", "--kind", "budget", "--scenario", "99", "--out", "x.xlsx"]),
        1,
        "no scenario with id 99",
    );
    fails(samordna(&workspace).args(p).args(["paper", "budgetunderlag", "--out", "x.pdf"]), 2, "--scenario");
    fails(samordna(&workspace).args(p).args(["export-sheet", "--kind", "budget", "--out", "x.xlsx"]), 2, "--scenario");
    fails(samordna(&workspace).args(p).args(["paper", "kallelse", "--out", "x.pdf"]), 2, "--meeting");
    // A selection that cannot be solved: an item forced in that costs more than its frame.
    let mut portfolio = samordna::Portfolio::open(&workspace.path("sample.samordna"), at(WRITTEN)).unwrap();
    let mut scenario: Scenario = portfolio.read().get(1).unwrap();
    let set: samordna::domain::CriteriaSet = portfolio.read().get(scenario.set_id).unwrap();
    scenario.forced_in = set.initiative_ids.iter().map(|&id| samordna::domain::ItemRef::Initiative(id)).collect();
    scenario.forced_out.clear();
    portfolio.write(&stamp(), |w| w.update(scenario)).unwrap();
    drop(portfolio);
    fails(
        samordna(&workspace).args(p).args(["paper", "budgetunderlag", "--scenario", "1", "--out", "x.pdf"]),
        1,
        "infeasible",
    );
    fails(
        samordna(&workspace).args(p).args(["export-sheet", "--kind", "budget", "--scenario", "1", "--out", "x.xlsx"]),
        1,
        "infeasible",
    );
    assert!(!workspace.files().iter().any(|f| f.starts_with("x.")), "nothing written on failure");
}
