//! The providers' yearly analyses (årlig analys): one per provider and year, references checked against the
//! portfolio (a level only for the provider's own services), the history, the whole-portfolio format, the security
//! comparison, the CLI's list and paper (read back with pdftotext), and the renamed summary of the follow-up.

use std::process::Command as Process;

use samordna::domain::{
    AnalysisInvestment, AnalysisState, Entity, IncomingRequirement, InvestmentStatus, InvestmentYear, Reason, Rule,
    SecurityChange, SecurityLevel, Service, YearlyAnalysis,
};
use samordna::interchange::PortfolioData;
use samordna::{Money, Portfolio};

use crate::support::{Workspace, day, export, not_allowed, samordna, stamp};

fn problems(error: &samordna::Error) -> Vec<(String, Rule)> {
    match error {
        samordna::Error::Invalid { problems, .. } => {
            problems.errors().iter().map(|e| (e.field.clone(), e.rule.clone())).collect()
        }
        other => panic!("expected a refusal with problems, got {other}"),
    }
}

fn analysis_of(portfolio: &Portfolio, provider: &str, year: i32) -> YearlyAnalysis {
    let reader = portfolio.read();
    let provider = reader.providers().unwrap().into_iter().find(|p| p.name == provider).unwrap();
    reader.analysis_of(provider.id, year).unwrap().expect("the sample has the analysis")
}

#[test]
fn every_sample_provider_has_an_analysis_for_2027_and_one_level_differs_from_today() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let reader = portfolio.read();
    let services = reader.services().unwrap();
    let analyses = reader.analyses().unwrap();
    for provider in reader.providers().unwrap() {
        let analysis = analyses.iter().find(|a| a.provider_id == provider.id && a.year == 2027);
        let analysis = analysis.unwrap_or_else(|| panic!("{} has no analysis for 2027", provider.name));
        assert!(!analysis.strategic_direction.is_empty() && !analysis.investments.is_empty(), "{}", provider.name);
        // Every one of the provider's services has its level, and only the provider's.
        let mut own: Vec<_> = services.iter().filter(|s| s.provider_id == Some(provider.id)).map(|s| s.id).collect();
        let mut listed: Vec<_> = analysis.security_levels.iter().map(|l| l.service_id).collect();
        own.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, own, "{}", provider.name);
    }
    let intraservice = analysis_of(&portfolio, "Intraservice", 2027);
    let comparison = intraservice.security_comparison(&services);
    let email = comparison.iter().find(|c| c.service == "E-post och kalender").unwrap();
    assert!(email.differs);
    assert_eq!(
        email.aspects.iter().map(|a| (a.aspect, a.current, a.proposed, a.change)).collect::<Vec<_>>(),
        [
            ("confidentiality", Some(2), Some(2), SecurityChange::Same),
            ("integrity", Some(2), Some(2), SecurityChange::Same),
            ("availability", Some(3), Some(4), SecurityChange::Raised),
        ]
    );
    let specialist = comparison.iter().find(|c| c.service == "Projektledare digitalisering").unwrap();
    assert!(specialist.aspects.iter().all(|a| a.change == SecurityChange::Added), "unclassified today");
    assert!(!comparison.iter().find(|c| c.service == "Datorarbetsplats").unwrap().differs);
}

#[test]
fn one_analysis_per_provider_and_year_with_every_reference_checked() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let intraservice = analysis_of(&portfolio, "Intraservice", 2027);
    // A second analysis of the same provider and year is refused on the year.
    let twice = YearlyAnalysis { id: 0, ..intraservice.clone() };
    let error = portfolio.write(&stamp(), |w| w.create(twice)).unwrap_err();
    assert_eq!(problems(&error), [("year".to_string(), Rule::Duplicate)]);

    // Another provider's service, an unknown initiative, an unknown organisation.
    let services: Vec<Service> = portfolio.read().services().unwrap();
    let kontaktcenter = services.iter().find(|s| s.name == "Kontaktcenter").unwrap();
    let mut wrong = intraservice.clone();
    wrong.security_levels[1].service_id = kontaktcenter.id;
    wrong.investments[0].initiative_id = Some(9999);
    wrong.requirements[0].organisation_id = Some(9999);
    let error = portfolio.write(&stamp(), |w| w.update(wrong)).unwrap_err();
    assert_eq!(
        problems(&error),
        [
            ("investments[0].initiative_id".to_string(), Rule::UnknownReference),
            ("requirements[0].organisation_id".to_string(), Rule::UnknownReference),
            (
                "security_levels[1].service_id".to_string(),
                Rule::NotAllowed { reason: Reason::ServiceOfAnotherProvider }
            ),
        ]
    );
    assert_eq!(not_allowed(&error).len(), 1);

    // The same service twice, an amount beyond the limit, a level beyond the scale: named by field.
    let mut repeated = intraservice.clone();
    repeated.security_levels.push(repeated.security_levels[0].clone());
    repeated.investments[1].costs[0].amount = Money::from_ore(Money::LIMIT.ore() + 1);
    repeated.security_levels[2].security.integrity = Some(SecurityLevel { level: 7, label: "?".into() });
    let error = portfolio.write(&stamp(), |w| w.update(repeated.clone())).unwrap_err();
    let fields: Vec<String> = problems(&error).into_iter().map(|(f, _)| f).collect();
    let last = repeated.security_levels.len() - 1;
    assert_eq!(
        fields,
        [
            "investments[1].costs[0].amount".to_string(),
            "security_levels[2].security.integrity".to_string(),
            format!("security_levels[{last}].service_id"),
        ]
    );
    // Nothing of the refused writes is stored.
    assert_eq!(analysis_of(&portfolio, "Intraservice", 2027), intraservice);

    // A service that only an analysis names cannot be deleted while the analysis names it.
    let email = services.iter().find(|s| s.name == "E-post och kalender").unwrap();
    let new = Service { id: 0, name: "Säker filöverföring".into(), ..email.clone() };
    let new_id = portfolio.write(&stamp(), |w| w.create(new)).unwrap();
    let mut naming = intraservice.clone();
    // The analysis is presented: a level it names is a whole one (K, R and T).
    let level = email.security.clone();
    naming.security_levels.push(samordna::domain::ServiceSecurity { service_id: new_id, security: level });
    portfolio.write(&stamp(), |w| w.update(naming)).unwrap();
    let error = portfolio.write(&stamp(), |w| w.delete::<Service>(new_id)).unwrap_err();
    assert!(error.to_string().contains("Årlig analys 2027, Intraservice"), "{error}");
    portfolio.write(&stamp(), |w| w.update(intraservice.clone())).unwrap();
    portfolio.write(&stamp(), |w| w.delete::<Service>(new_id)).unwrap();
}

#[test]
fn an_analysis_round_trips_through_the_store_with_its_history_and_through_the_json_format() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut analysis = analysis_of(&portfolio, "Inköp och upphandling", 2027);
    assert_eq!(analysis.state, AnalysisState::Draft);
    analysis.state = AnalysisState::Submitted;
    let error = portfolio.write(&stamp(), |w| w.update(analysis.clone())).unwrap_err();
    assert_eq!(problems(&error), [("submitted".to_string(), Rule::Required)], "inlämnad needs its date");
    assert!(error.to_string().contains("Årlig analys 2027 (Inköp och upphandling)"), "{error}");
    analysis.submitted = Some(day("2026-11-20"));
    analysis.investments.push(AnalysisInvestment {
        status: InvestmentStatus::Planned,
        initiative_id: None,
        description: "  Digital leverantörsportal ".into(),
        costs: vec![
            InvestmentYear { year: 2028, amount: Money::from_ore(30_000_050) },
            InvestmentYear { year: 2027, amount: Money::from_kronor(250_000) },
        ],
    });
    analysis.requirements.push(IncomingRequirement {
        organisation_id: Some(1),
        requirement: "Upphandlingsdokument ska arkiveras".into(),
        law: Some(samordna::domain::Law::ArchivesAct),
        how_met: "Leverans till e-arkivet".into(),
        due: None,
    });
    portfolio.write(&stamp(), |w| w.update(analysis.clone())).unwrap();
    let stored = analysis_of(&portfolio, "Inköp och upphandling", 2027);
    assert_eq!(stored.submitted, Some(day("2026-11-20")));
    let added = stored.investments.last().unwrap();
    assert_eq!(added.description, "Digital leverantörsportal");
    assert_eq!(added.costs.iter().map(|c| c.year).collect::<Vec<_>>(), [2027, 2028], "years in order");
    assert_eq!(added.total(), Money::from_ore(55_000_050));
    assert_eq!(stored.investment_total(2027), Money::from_kronor(800_000 + 1_100_000 + 250_000));

    let history = portfolio.read().history(Entity::YearlyAnalysis, stored.id).unwrap();
    let fields: Vec<&str> = history.first().unwrap().fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["state", "submitted", "investments", "requirements"]);
    // The history names the provider, not its number.
    assert_eq!(history.first().unwrap().record_label, "Årlig analys 2027 (Inköp och upphandling)");

    // Export → import → export is byte-identical, and the analyses come along.
    let text = export(&portfolio);
    let copy_path = workspace.path("copy.samordna");
    let mut copy = Portfolio::create(&copy_path, &stamp()).unwrap();
    let data = PortfolioData::from_json(&text).unwrap();
    assert_eq!(data.yearly_analyses.len(), 3);
    copy.write(&stamp(), |w| data.replace_into(w, "test")).unwrap();
    assert_eq!(export(&copy), text);

    // A version 8 file (before the analyses) still imports, without them.
    let mut older: serde_json::Value = serde_json::from_str(&text).unwrap();
    older["format_version"] = 8.into();
    older.as_object_mut().unwrap().remove("yearly_analyses");
    let older = PortfolioData::from_json(&older.to_string()).unwrap();
    assert!(older.yearly_analyses.is_empty());
    copy.write(&stamp(), |w| older.replace_into(w, "older")).unwrap();
    assert!(copy.read().analyses().unwrap().is_empty());
}

fn pdf_text(path: &std::path::Path) -> String {
    let output = Process::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output().unwrap();
    assert!(output.status.success(), "pdftotext: {output:?}");
    String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler's pdftotext, a Linux tool here")]
fn the_cli_lists_the_analyses_and_writes_one_as_a_paper() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "s.samordna", "init", "--sample"]).assert().success();
    let output = samordna(&workspace).args(["-p", "s.samordna", "analyses", "list", "--json"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows: Vec<(i64, &str, i64, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["provider_id"].as_i64().unwrap(),
                a["provider"].as_str().unwrap(),
                a["year"].as_i64().unwrap(),
                a["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, "Intraservice", 2027, "presenterad"),
            (2, "Demokrati och medborgarservice", 2027, "inlamnad"),
            (3, "Inköp och upphandling", 2027, "utkast")
        ]
    );
    let text = samordna(&workspace).args(["-p", "s.samordna", "analyses", "list"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("2027 Intraservice (provider 1): presented to the group 2026-11-12"), "{text}");

    samordna(&workspace)
        .args(["-p", "s.samordna", "paper", "arlig-analys", "--provider", "1", "--year", "2027", "--out", "a.pdf"])
        .assert()
        .success();
    let text = pdf_text(&workspace.path("a.pdf"));
    for expected in [
        "Årlig analys – Intraservice 2027",
        "1. Strategisk riktning",
        "Intraservice samlar stadens digitala infrastruktur",
        "2. Pågående och planerade satsningar",
        "Gemensam säkerhetsövervakning (SOC) dygnet runt",
        "SLK-2026-00125",
        // The total of 2027: 6.5 + 3.2 + 4.8 + 2.5 million kronor.
        "17 000 000",
        "3. Behov av utveckling",
        "Redundant anslutning för driftmiljön",
        "4. Inkomna behov och krav på lagar och säkerhetsnivåer",
        "Förvaltnings AB Framtiden",
        "Högre tillgänglighet i e-post för bolagets jourverksamhet",
        "2027-09-30",
        "5. Informationssäkerhetsnivå per tjänst",
        "T höjs, från 3 till 4",
        "K ny klassning, från – till 1",
        "Oförändrad",
    ] {
        assert!(text.contains(expected), "the paper lacks «{expected}»:\n{text}");
    }
    let check = Process::new("qpdf").arg("--check").arg(workspace.path("a.pdf")).output().unwrap();
    assert!(check.status.success(), "{check:?}");

    samordna(&workspace)
        .args(["-p", "s.samordna", "paper", "arlig-analys", "--provider", "1", "--year", "2027"])
        .args(["--out", "en.pdf", "--language", "en"])
        .assert()
        .success();
    let text = pdf_text(&workspace.path("en.pdf"));
    assert!(text.contains("Yearly analysis – Intraservice 2027") && text.contains("A raised, from 3 to 4"), "{text}");

    // No analysis that year: exit 1 with an English message; no year: a usage error; a meeting paper needs its
    // meeting.
    let output = samordna(&workspace)
        .args(["-p", "s.samordna", "paper", "arlig-analys", "--provider", "1", "--year", "2031", "--out", "b.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("Intraservice has no yearly analysis for 2031"));
    assert!(!workspace.path("b.pdf").exists());
    let output = samordna(&workspace)
        .args(["-p", "s.samordna", "paper", "arlig-analys", "--provider", "1", "--out", "b.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("--provider ID and --year YEAR"));
    let output =
        samordna(&workspace).args(["-p", "s.samordna", "paper", "kallelse", "--out", "b.pdf"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("--meeting ID"));

    // The summary of the follow-up compares each service's classification with the analysis's level.
    samordna(&workspace).args(["-p", "s.samordna", "report", "--year", "2026", "--out", "r.pdf"]).assert().success();
    let text = pdf_text(&workspace.path("r.pdf"));
    assert!(text.contains("Sammanställning av tjänsteleverantörernas årliga uppföljning 2026"), "{text}");
    assert!(text.contains("Säkerhetsnivå enligt årlig analys"), "{text}");
    assert!(text.contains("T höjs, från 3 till 4"), "{text}");
}

#[test]
fn the_analysis_sheet_round_trips_through_libreoffice_in_swedish_and_a_filled_in_template_imports_all_or_nothing() {
    use samordna::domain::Language;
    use samordna::sheets::{SheetRequest, build, import_analysis, xlsx};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let request = SheetRequest::Analysis { provider_id: 1, year: 2027 };
    let table = build(&portfolio.read(), &request, Language::Sv, stamp().at).unwrap();
    assert_eq!(table.name, "Årlig analys Intraservice 2027");
    // Whose and which year, the direction, 4 investments, 3 needs, 3 requirements and the provider's 15 services
    // (no business-specific ones).
    assert_eq!(table.rows.len(), 1 + 1 + 4 + 3 + 3 + 15);
    std::fs::write(workspace.path("analys.xlsx"), xlsx(&table).unwrap()).unwrap();
    if crate::sheets::libreoffice(workspace.dir.path(), &["analys.xlsx"], "xlsx", "sparad").is_none() {
        eprintln!("skipped: LibreOffice (soffice) is not installed; scripts/test installs libreoffice-calc-nogui");
        return;
    }
    crate::sheets::libreoffice(
        workspace.dir.path(),
        &["sparad/analys.xlsx"],
        "csv:Text - txt - csv (StarCalc):59,34,76,1",
        "csv",
    )
    .unwrap();
    let before = export(&portfolio);
    for file in ["sparad/analys.xlsx", "csv/analys.csv"] {
        let bytes = std::fs::read(workspace.path(file)).unwrap();
        let report = import_analysis(&mut portfolio, &stamp(), 1, 2027, &bytes, file, Language::Sv, false).unwrap();
        assert!(report.problems.is_empty(), "{file}: {:?}", report.problems);
        assert_eq!((report.investments, report.security_levels), (4, 15), "{file}");
        assert_eq!(export(&portfolio), before, "{file}: saved by LibreOffice, the analysis reads back unchanged");
    }

    // A provider fills in the template for 2028 (CSV as Swedish Calc writes it): a bad amount, an unknown service
    // and a level beyond the scale are named by row and column, and nothing is written.
    let template =
        build(&portfolio.read(), &SheetRequest::Analysis { provider_id: 3, year: 2028 }, Language::Sv, stamp().at)
            .unwrap();
    assert_eq!(&template.headers[..2], ["Del", "Typ"]);
    assert!(template.headers.contains(&"Kostnad 2028 (kr)".to_string()));
    let head = template.headers.join(";");
    let blank = |cells: &[(usize, &str)]| {
        let mut row = vec![String::new(); template.headers.len()];
        for (i, v) in cells {
            row[*i] = (*v).to_string();
        }
        row.join(";")
    };
    let cost_2028 = template.headers.iter().position(|h| h == "Kostnad 2028 (kr)").unwrap();
    let bad = [
        head.clone(),
        blank(&[(0, "Strategisk riktning"), (5, "Inköp blir digitalt hela vägen.")]),
        blank(&[(0, "Satsning"), (1, "Planerad"), (5, "Ny e-handelsplattform"), (cost_2028, "1 200 000,555")]),
        blank(&[(0, "Säkerhetsnivå"), (3, "Tjänst som inte finns"), (9, "2")]),
        blank(&[(0, "Säkerhetsnivå"), (3, "E-handel"), (9, "2"), (10, "7")]),
    ]
    .join("\n");
    let report =
        import_analysis(&mut portfolio, &stamp(), 3, 2028, bad.as_bytes(), "ifylld.csv", Language::Sv, false).unwrap();
    let problems: Vec<(usize, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(problems, [(3, "Kostnad 2028 (kr)"), (4, "Tjänst"), (5, "R")], "{:?}", report.problems);
    assert!(report.problems[0].message.contains("högst två decimaler"), "{:?}", report.problems[0]);
    assert!(portfolio.read().analysis_of(3, 2028).unwrap().is_none(), "nothing written");
    assert_eq!(export(&portfolio), before);

    // Corrected, it creates the analysis; a service of another provider is refused through the record's check.
    let good = bad
        .replace("1 200 000,555", "1 200 000,50")
        .replace("Tjänst som inte finns", "Avtalskatalog")
        .replace(";2;7;", ";2;3;");
    let report =
        import_analysis(&mut portfolio, &stamp(), 3, 2028, good.as_bytes(), "ifylld.csv", Language::Sv, false).unwrap();
    assert!(report.problems.is_empty() && report.created, "{:?}", report.problems);
    let created = portfolio.read().analysis_of(3, 2028).unwrap().unwrap();
    assert_eq!(created.strategic_direction, "Inköp blir digitalt hela vägen.");
    assert_eq!(created.investments[0].costs, [InvestmentYear { year: 2028, amount: Money::from_ore(120_000_050) }]);
    let other = good.replace("Avtalskatalog", "Kontaktcenter");
    let report =
        import_analysis(&mut portfolio, &stamp(), 3, 2028, other.as_bytes(), "ifylld.csv", Language::Sv, false)
            .unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!((report.problems[0].row, report.problems[0].column.as_str()), (4, "Tjänst"));
    assert_eq!(portfolio.read().analysis_of(3, 2028).unwrap().unwrap(), created, "refused: the analysis is as it was");
}

#[test]
fn the_analysis_template_guides_with_notes_and_drop_down_lists_and_still_imports_as_it_is() {
    use samordna::domain::Language;
    use samordna::sheets::{SheetRequest, build, import_analysis, xlsx};
    use std::io::Read;
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let table =
        build(&portfolio.read(), &SheetRequest::Analysis { provider_id: 1, year: 2027 }, Language::Sv, stamp().at)
            .unwrap();
    let bytes = xlsx(&table).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    // Drop-down lists of the parts, the kinds and the laws, from a hidden sheet of lists.
    assert_eq!(sheet.matches("<dataValidation type=\"list\"").count(), 3, "{sheet}");
    assert!(sheet.contains("'Listor'!$A$1:$A$6"), "the six parts");
    let workbook = read("xl/workbook.xml");
    assert!(workbook.contains("name=\"Listor\"") && workbook.contains("state=\"hidden\""), "{workbook}");
    let lists = read("xl/worksheets/sheet2.xml");
    let strings = read("xl/sharedStrings.xml");
    assert!(strings.contains("Säkerhetsnivå") && strings.contains("Dataskyddsförordningen"), "{strings}");
    assert!(!lists.is_empty());
    // Notes on the headers say what goes where.
    let comments = read("xl/comments1.xml");
    assert!(comments.contains("En rad per del"), "{comments}");
    // The guided sheet imports as it is: nothing changes.
    let before = export(&portfolio);
    let report =
        import_analysis(&mut portfolio, &stamp(), 1, 2027, &bytes, "analys.xlsx", Language::Sv, false).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(export(&portfolio), before);
}

/// Imports `text` (CSV) as provider `provider`'s analysis for `year`, all or nothing.
fn import_analysis_csv(
    portfolio: &mut Portfolio,
    provider: i64,
    year: i32,
    text: &str,
    language: samordna::domain::Language,
) -> samordna::sheets::AnalysisImport {
    samordna::sheets::import_analysis(
        portfolio,
        &stamp(),
        provider,
        year,
        text.as_bytes(),
        "ifylld.csv",
        language,
        false,
    )
    .unwrap()
}

#[test]
fn the_analysis_sheet_carries_every_column_into_a_new_years_analysis_in_swedish_and_in_english() {
    use samordna::domain::{DevelopmentNeed, Language, Law, NeedArea};
    use samordna::sheets::{SheetRequest, build, import_analysis, xlsx};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let reader = portfolio.read();
    let services = reader.services().unwrap();
    let initiative = reader.initiatives().unwrap()[0].id;
    let organisation = reader.organisations().unwrap()[0].id;
    // A draft with a value in every column: an investment of an initiative with a cost beyond the planning period,
    // a need of a service in the infrastructure, a requirement with its law, date and how it is met, and levels,
    // one of them partly open.
    let mut analysis = YearlyAnalysis::draft(1, 2028, &services);
    let service = analysis.security_levels[0].service_id;
    analysis.security_levels[1].security.integrity = None;
    analysis.strategic_direction = "Allt digitalt, hela vägen.".into();
    analysis.investments.push(AnalysisInvestment {
        status: InvestmentStatus::Ongoing,
        initiative_id: Some(initiative),
        description: "Gemensam plattform".into(),
        costs: vec![
            InvestmentYear { year: 2028, amount: Money::from_ore(125_000_050) },
            InvestmentYear { year: 2034, amount: Money::from_kronor(10) },
        ],
    });
    analysis.development_needs.push(DevelopmentNeed {
        area: NeedArea::Infrastructure,
        title: "Nätverk i skolorna".into(),
        service_id: Some(service),
        description: "Trådlöst i alla klassrum.".into(),
        costs: vec![InvestmentYear { year: 2030, amount: Money::from_kronor(300_000) }],
        in_service_costs: false,
    });
    analysis.requirements.push(IncomingRequirement {
        organisation_id: Some(organisation),
        requirement: "E-arkiv för alla handlingar".into(),
        law: Some(Law::ArchivesAct),
        how_met: "Arkivet ansluts till e-arkivet.".into(),
        due: Some(day("2028-06-30")),
    });
    portfolio.write(&stamp(), |w| w.create(analysis.clone())).unwrap();
    // Exported and imported as the analysis of a year that has none, every part comes from the sheet alone.
    for (language, year) in [(Language::Sv, 2029), (Language::En, 2030)] {
        let request = SheetRequest::Analysis { provider_id: 1, year: 2028 };
        let bytes = xlsx(&build(&portfolio.read(), &request, language, stamp().at).unwrap()).unwrap();
        let report =
            import_analysis(&mut portfolio, &stamp(), 1, year, &bytes, "analys.xlsx", language, false).unwrap();
        assert!(report.problems.is_empty() && report.created && report.kept.is_empty(), "{language:?}: {report:?}");
        let read = portfolio.read().analysis_of(1, year).unwrap().unwrap();
        assert_eq!(read.strategic_direction, analysis.strategic_direction, "{language:?}");
        assert_eq!(read.investments, analysis.investments, "{language:?}");
        assert_eq!(read.development_needs, analysis.development_needs, "{language:?}");
        assert_eq!(read.requirements, analysis.requirements, "{language:?}");
        assert_eq!(read.security_levels, analysis.security_levels, "{language:?}");
    }
}

#[test]
fn a_bad_cell_of_each_kind_in_an_analysis_sheet_is_named_by_its_row_and_column() {
    use samordna::domain::Language;
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    let head = "Part;Kind;Initiative;Service;From board or company;Text;Description / how it is met;Law;By;C;I;A;\
                Cost 2028 (SEK)";
    let sheet = [
        head,
        "Strategic direction;;;;;Everything digital.;;;;;;;",
        "Investment;Maybe;NO-SUCH-1;;;A platform;;;;;;;12,345",
        "Development need;;;No such service;;Networks;;;;;;;",
        "Incoming requirement;;;;No such board;Archives;;Lex Nothing;30/6/2028;;;;",
        "Security level;;;E-handel;;;;;;9;2;2;",
        "Chapter;;;;;;;;;;;;",
    ]
    .join("\n");
    let report = import_analysis_csv(&mut portfolio, 3, 2028, &sheet, Language::En);
    let mut problems: Vec<(usize, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    problems.sort_unstable();
    assert_eq!(
        problems,
        [
            (3, "Cost 2028 (SEK)"),
            (3, "Initiative"),
            (3, "Kind"),
            (4, "Kind"),
            (4, "Service"),
            (5, "By"),
            (5, "From board or company"),
            (5, "Law"),
            (6, "C"),
            (7, "Part"),
        ],
        "{:?}",
        report.problems
    );
    let message = |row: usize, column: &str| {
        report.problems.iter().find(|p| (p.row, p.column.as_str()) == (row, column)).unwrap().message.clone()
    };
    assert!(message(3, "Cost 2028 (SEK)").contains("two decimals"), "{:?}", report.problems);
    assert!(message(3, "Kind").contains("Maybe"), "{:?}", report.problems);
    assert!(message(4, "Kind").contains("required"), "{:?}", report.problems);
    assert!(message(5, "By").contains("YYYY-MM-DD"), "{:?}", report.problems);
    assert!(message(6, "C").contains("9"), "{:?}", report.problems);
    assert!(portfolio.read().analysis_of(3, 2028).unwrap().is_none(), "nothing written");
    assert_eq!(export(&portfolio), before);
}

#[test]
fn an_analysis_sheet_reads_its_headers_as_the_other_sheets_do() {
    use samordna::domain::Language;
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    // A header given twice, or no column of the parts: the header row's problem, and nothing is read.
    let twice = import_analysis_csv(&mut portfolio, 3, 2028, "Del;Text;text\nStrategisk riktning;a;b", Language::Sv);
    let problems: Vec<(usize, &str)> = twice.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(problems, [(1, "text")], "{:?}", twice.problems);
    let without = import_analysis_csv(&mut portfolio, 3, 2028, "Text;Service\nAll digital.;E-handel", Language::En);
    let problems: Vec<(usize, &str)> = without.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(problems, [(1, "Part")], "{:?}", without.problems);
    assert_eq!(export(&portfolio), before, "nothing written");
    // The language-independent keys as headers and parts, in any order and case, Swedish cells in a sheet read in
    // English; an unknown column is passed over.
    let keys = "PART;text;kind;service;confidentiality;integrity;availability;Anteckning;Kostnad 2028 (kr)\n\
                strategic_direction;Allt digitalt.;;;;;;vad som helst;\n\
                investments;E-handel för alla;Planerad;;;;;;1 000\n\
                Säkerhetsnivå;;;E-handel;2;2;3;;";
    let report = import_analysis_csv(&mut portfolio, 3, 2028, keys, Language::En);
    assert!(report.problems.is_empty() && report.created, "{report:?}");
    let created = portfolio.read().analysis_of(3, 2028).unwrap().unwrap();
    assert_eq!(created.strategic_direction, "Allt digitalt.");
    assert_eq!(
        created.investments,
        [AnalysisInvestment {
            status: InvestmentStatus::Planned,
            initiative_id: None,
            description: "E-handel för alla".into(),
            costs: vec![InvestmentYear { year: 2028, amount: Money::from_kronor(1000) }],
        }]
    );
    let level = &created.security_levels[0].security;
    let levels = [&level.confidentiality, &level.integrity, &level.availability].map(|l| l.as_ref().map(|l| l.level));
    assert_eq!(levels, [Some(2), Some(2), Some(3)]);
}
