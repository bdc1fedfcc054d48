//! The JSON format: round trips, the sample in canonical form, the schema in docs/, refused imports.

use samordna::interchange::PortfolioData;
use samordna::{Error, Portfolio};

use crate::support::{Workspace, change_count, export, stamp};

fn import(portfolio: &mut Portfolio, text: &str) -> samordna::Result<()> {
    let data = PortfolioData::from_json(text)?;
    portfolio.write(&stamp(), |w| data.replace_into(w, "test"))
}

#[test]
fn export_import_export_is_identical() {
    let workspace = Workspace::new();
    let first = export(&workspace.sample());
    let mut other = workspace.new_portfolio();
    import(&mut other, &first).unwrap();
    assert_eq!(export(&other), first);
}

#[test]
fn the_bundled_sample_is_in_canonical_form_and_believable() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    assert_eq!(export(&portfolio), samordna::sample::SAMPLE_JSON, "assets/sample/portfolio.json drifted");
    let data = PortfolioData::read(&portfolio.read()).unwrap();
    assert!(data.initiatives.len() >= 40, "about 40 initiatives");
    assert!(data.services.len() >= 25, "about 25 services");
    let states: std::collections::HashSet<_> = data.initiatives.iter().map(|i| i.state).collect();
    assert!(states.len() >= 12, "initiatives in many states: {states:?}");
}

#[test]
fn the_documented_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/portfolio.schema.json");
    let generated = PortfolioData::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/portfolio.schema.json is out of date; run `UPDATE_SCHEMA=1 cargo test --test engine schema`"
    );
}

#[test]
fn exports_validate_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&PortfolioData::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let workspace = Workspace::new();
    let exported: serde_json::Value = serde_json::from_str(&export(&workspace.sample())).unwrap();
    let errors: Vec<String> = validator.iter_errors(&exported).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = exported.clone();
    broken["initiatives"][0]["costs"][0]["development"] = serde_json::json!("fem miljoner");
    assert!(!validator.is_valid(&broken), "the schema must catch a text where öre are expected");
}

#[test]
fn bad_files_are_refused_and_the_portfolio_is_unchanged() {
    let workspace = Workspace::new();
    let sample = export(&workspace.sample());
    let mut portfolio = workspace.new_portfolio();
    let before = export(&portfolio);
    let changes = change_count(&workspace.path("test.samordna"));

    let cases: Vec<(&str, String, &str)> = vec![
        ("not json", "{\"format\": ".into(), "EOF"),
        ("another format", sample.replace("samordna-portfolio", "something-else"), "\"format\" must be"),
        (
            "a newer version",
            sample.replace(
                &format!("\"format_version\": {}", samordna::interchange::FORMAT_VERSION),
                &format!("\"format_version\": {}", samordna::interchange::FORMAT_VERSION + 1),
            ),
            "newer than",
        ),
        ("an unknown field", sample.replacen("\"title\":", "\"titel\": \"x\", \"title\":", 1), "unknown field `titel`"),
        ("a bad key", sample.replacen("\"state\": \"varderad\"", "\"state\": \"klar\"", 1), "unknown variant `klar`"),
        ("a dangling reference", sample.replacen("\"owner_id\": 3,", "\"owner_id\": 300,", 1), "owner_id refers"),
        (
            "a duplicate id",
            sample.replacen(
                "\"id\": 2,\n      \"name\": \"Intraservice\"",
                "\"id\": 1,\n      \"name\": \"Intraservice\"",
                1,
            ),
            "organisation id 1 appears twice",
        ),
        (
            "an invalid record",
            sample.replacen("\"case_number\": \"SLK-2026-00101\"", "\"case_number\": \"2026/101\"", 1),
            "case_number has the wrong form",
        ),
        (
            "a duplicate case number, named",
            sample.replacen("\"case_number\": \"SLK-2026-00102\"", "\"case_number\": \"slk-2026-00101 \"", 1),
            "two initiatives have the case number \"slk-2026-00101\" (and \"SLK-2026-00101\")",
        ),
        (
            "an amount beyond the limit",
            sample.replacen("\"development\": 420000000,", "\"development\": 9000000000000000000,", 1),
            "initiative SLK-2026-00101 costs 2026: 9000000000000000000 öre is beyond",
        ),
        (
            "a date that does not exist, named by where it stands",
            sample.replacen("\"registered\": \"2026-09-01\"", "\"registered\": \"2026-02-30\"", 1),
            "deviations[0].registered: invalid value: string \"2026-02-30\", expected a date written YYYY-MM-DD",
        ),
        (
            "a negative amount beyond the limit",
            sample.replacen("\"development\": 420000000,", "\"development\": -100000000000001,", 1),
            "is beyond the largest amount",
        ),
    ];
    for (what, text, message) in cases {
        assert_ne!(text, sample, "{what}: the test edit did not apply");
        let error = import(&mut portfolio, &text).expect_err(what);
        assert!(error.to_string().contains(message), "{what}: {error}");
        assert_eq!(export(&portfolio), before, "{what} changed the portfolio");
        assert_eq!(change_count(&workspace.path("test.samordna")), changes, "{what} changed the history");
    }
    assert!(matches!(PortfolioData::from_json("[]"), Err(Error::BadImport(_))));
}

#[test]
fn the_format_document_lists_every_key() {
    use samordna::domain::{
        Aggregation, BenefitCategory, BenefitKind, Confidence, DecisionOutcome, DeviationKind, DeviationStep,
        Direction, Framework, FundingModel, GateKind, InitiativeKind, InitiativeState, ItemKind, Law, OptOutOutcome,
        OrganisationKind, Orientation, PairwiseMethod, PersonRole, ReuseOutcome, RiskLevel, ServiceCategory,
        ServiceState, Track, Weighting,
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/portfolio-format.md");
    let document = std::fs::read_to_string(path).unwrap();
    let keys = [
        OrganisationKind::terms(),
        ServiceCategory::terms(),
        FundingModel::terms(),
        ServiceState::terms(),
        Track::terms(),
        InitiativeKind::terms(),
        InitiativeState::terms(),
        ReuseOutcome::terms(),
        Law::terms(),
        RiskLevel::terms(),
        Orientation::terms(),
        Aggregation::terms(),
        Direction::terms(),
        Weighting::terms(),
        PairwiseMethod::terms(),
        GateKind::terms(),
        PersonRole::terms(),
        ItemKind::terms(),
        DecisionOutcome::terms(),
        BenefitKind::terms(),
        BenefitCategory::terms(),
        Confidence::terms(),
        DeviationKind::terms(),
        DeviationStep::terms(),
        OptOutOutcome::terms(),
        Framework::terms(),
    ];
    for term in keys.iter().flatten() {
        let row = format!("| `{}` | {} | {} |", term.key, term.sv, term.en);
        assert!(document.contains(&row), "docs/portfolio-format.md lacks the row {row}");
    }
}

#[test]
fn a_byte_order_mark_is_passed_over() {
    let workspace = Workspace::new();
    let sample = export(&workspace.sample());
    let mut portfolio = workspace.new_portfolio();
    import(&mut portfolio, &format!("\u{feff}{sample}")).unwrap();
    assert_eq!(export(&portfolio), sample);
}

#[test]
fn the_command_line_import_reads_through_the_size_limit_and_accepts_a_byte_order_mark() {
    let workspace = Workspace::new();
    let sample = export(&workspace.sample());
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(sample.as_bytes());
    std::fs::write(workspace.path("bom.json"), with_bom).unwrap();
    let samordna = || {
        let mut command = assert_cmd::Command::cargo_bin("samordna").unwrap();
        command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Test");
        command
    };
    samordna().args(["-p", "bom.samordna", "import", "bom.json"]).assert().success();
    let exported = samordna().args(["-p", "bom.samordna", "export", "--format", "json"]).output().unwrap();
    assert_eq!(String::from_utf8(exported.stdout).unwrap(), sample);

    // A sheet is never written over the open portfolio.
    let before = std::fs::read(workspace.path("bom.samordna")).unwrap();
    let output = samordna()
        .args(["-p", "bom.samordna", "export-sheet", "--kind", "initiatives", "--out", "bom.samordna"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(std::fs::read(workspace.path("bom.samordna")).unwrap(), before);

    // A device that never ends is refused before it is read (and no portfolio is left).
    #[cfg(unix)]
    {
        let output = samordna().args(["-p", "zero.samordna", "import", "/dev/zero"]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("not a regular file"), "{output:?}");
        assert!(!workspace.path("zero.samordna").exists());
        let output = samordna()
            .args(["-p", "bom.samordna", "import-sheet", "/dev/zero", "--kind", "initiatives", "--dry-run"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
    }
}

/// A version-11 file (before the material's fields, the förvaltningsplan, the plan's approval and the decided
/// actions) still imports: the new fields take their defaults and every initiative keeps its state, also those
/// past "Underlag klart" that lack what the material now needs.
#[test]
fn a_version_11_file_imports_with_states_as_they_were() {
    let workspace = Workspace::new();
    let mut value: serde_json::Value = serde_json::from_str(&export(&workspace.sample())).unwrap();
    value["format_version"] = 11.into();
    let initiative_fields = [
        "no_legal_requirement",
        "risks",
        "risk_assessment",
        "management_plan",
        "benefits_plan_approved_date",
        "benefits_plan_approved_by",
    ];
    for initiative in value["initiatives"].as_array_mut().unwrap() {
        let record = initiative.as_object_mut().unwrap();
        for field in initiative_fields {
            assert!(record.remove(field).is_some(), "version 12 writes {field}");
        }
    }
    for benefit in value["benefits"].as_array_mut().unwrap() {
        let record = benefit.as_object_mut().unwrap();
        for field in ["decided_action", "decided_action_date", "decided_action_by"] {
            assert!(record.remove(field).is_some(), "version 12 writes {field}");
        }
    }
    let old = serde_json::to_string_pretty(&value).unwrap();
    let mut other = workspace.new_portfolio();
    import(&mut other, &old).unwrap();
    let imported = PortfolioData::read(&other.read()).unwrap();
    let sample = PortfolioData::from_json(samordna::sample::SAMPLE_JSON).unwrap();
    for (before, after) in sample.initiatives.iter().zip(&imported.initiatives) {
        assert_eq!((&before.case_number, before.state), (&after.case_number, after.state));
        assert!(after.risks.is_empty() && after.risk_assessment.is_empty() && after.management_plan.is_empty());
        assert!(!after.no_legal_requirement && !after.benefits_plan_approved());
    }
    // SLK-2026-00118 is closed and listed no laws: it keeps its state, lacking today's material.
    let closed = imported.initiatives.iter().find(|i| i.case_number == "SLK-2026-00118").unwrap();
    assert_eq!((closed.state, closed.laws.len()), (samordna::domain::InitiativeState::Closed, 0));
    assert!(imported.benefits.iter().all(|b| b.decided_action.is_empty()));
}

#[test]
fn a_record_twice_in_an_imported_file_is_named_not_a_database_error() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let exported: serde_json::Value = serde_json::from_str(&export(&portfolio)).unwrap();
    for kind in ["scores", "gate_results", "decided_frames", "funding_cases", "decisions", "yearly_analyses"] {
        let mut data = exported.clone();
        let records = data[kind].as_array_mut().unwrap();
        assert!(!records.is_empty(), "the sample has {kind}");
        let mut twin = records[0].clone();
        let top = records.iter().filter_map(|r| r["id"].as_i64()).max().unwrap();
        twin["id"] = serde_json::Value::from(top + 1000);
        records.push(twin);
        let text = serde_json::to_string(&data).unwrap();
        let parsed = samordna::interchange::PortfolioData::from_json(&text).unwrap();
        let mut fresh = Portfolio::create(&workspace.path(&format!("{kind}.samordna")), &stamp()).unwrap();
        let error = fresh.write(&stamp(), |w| parsed.replace_into(w, kind)).unwrap_err().to_string();
        assert!(!error.contains("UNIQUE") && !error.contains("constraint"), "{kind}: {error}");
        assert!(error.contains("already used by another record"), "{kind}: {error}");
        assert!(fresh.read().is_blank().unwrap(), "{kind}: nothing imported");
    }
}

#[test]
fn names_with_hidden_or_control_characters_are_refused_at_every_door() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let exported = export(&portfolio);
    let mut data: serde_json::Value = serde_json::from_str(&exported).unwrap();
    // A name that prints reversed after a direction override, as a formal record must never show.
    data["organisations"][0]["name"] = serde_json::Value::from("Kulturnämnden\u{202E}nedmänlarutluK");
    let parsed = PortfolioData::from_json(&data.to_string()).unwrap();
    let mut fresh = Portfolio::create(&workspace.path("dold.samordna"), &stamp()).unwrap();
    let error = fresh.write(&stamp(), |w| parsed.replace_into(w, "dold")).unwrap_err().to_string();
    assert!(error.contains("U+202E"), "{error}");
    // A sheet row whose title was pasted with a zero-width space.
    let case = portfolio.read().initiatives().unwrap()[0].case_number.clone();
    let csv = format!("Diarienummer;Titel\n{case};Ny titel\u{200B}\n");
    let preview = samordna::sheets::preview(
        &mut portfolio,
        &stamp(),
        samordna::sheets::SheetKind::Initiatives,
        csv.as_bytes(),
        samordna::domain::Language::Sv,
    )
    .unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert!(preview.problems[0].message.contains("U+200B"), "{:?}", preview.problems);
    assert_eq!(export(&portfolio), exported, "nothing was written");
}
