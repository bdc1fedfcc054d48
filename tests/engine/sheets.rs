//! Spreadsheet import: round trips through XLSX, Swedish CSV habits, problems by row and column, all or nothing.

use samordna::domain::{Initiative, Language, Organisation, Service};
use samordna::sheets::{self, SheetKind};
use samordna::{Error, Money, Portfolio};

use crate::support::{Workspace, change_count, export, stamp};

fn xlsx(portfolio: &Portfolio, kind: SheetKind, language: Language) -> Vec<u8> {
    sheets::xlsx(&sheets::table(&portfolio.read(), kind, language).unwrap()).unwrap()
}

#[test]
fn every_exported_table_imports_back_unchanged_in_either_language() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = (export(&portfolio), change_count(portfolio.path()));
    let kinds = [
        SheetKind::Organisations,
        SheetKind::Services,
        SheetKind::Initiatives,
        SheetKind::Benefits,
        SheetKind::Actuals,
    ];
    for kind in kinds {
        for language in [Language::Sv, Language::En] {
            let bytes = xlsx(&portfolio, kind, language);
            let report = sheets::import(&mut portfolio, &stamp(), kind, &bytes, "export.xlsx", language).unwrap();
            assert!(report.problems.is_empty(), "{kind:?} {language:?}: {:?}", report.problems);
            assert_eq!((report.created, report.updated), (0, 0), "{kind:?} {language:?}: {:?}", report.rows);
            assert!(report.unchanged > 0);
        }
    }
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before);
}

#[test]
fn organisations_and_services_exported_from_one_portfolio_recreate_themselves_in_another() {
    let workspace = Workspace::new();
    let sample = workspace.sample();
    let mut fresh = Portfolio::create(&workspace.path("ny.samordna"), &stamp()).unwrap();
    let organisations = xlsx(&sample, SheetKind::Organisations, Language::Sv);
    let report =
        sheets::import(&mut fresh, &stamp(), SheetKind::Organisations, &organisations, "org.xlsx", Language::Sv)
            .unwrap();
    assert_eq!(report.created, sample.read().organisations().unwrap().len());
    let names = |p: &Portfolio| {
        let list = p.read().organisations().unwrap();
        let mut named: Vec<(String, String, Option<String>)> = list
            .iter()
            .map(|o: &Organisation| {
                let parent = o.parent_id.map(|id| list.iter().find(|p| p.id == id).unwrap().name.clone());
                (o.name.clone(), o.kind.key().to_string(), parent)
            })
            .collect();
        named.sort();
        named
    };
    assert_eq!(names(&fresh), names(&sample), "names, kinds and who belongs to whom survive");

    // Services refer to providers by name; the new portfolio has the city's default providers.
    let services = xlsx(&sample, SheetKind::Services, Language::Sv);
    let report = sheets::preview(&mut fresh, &stamp(), SheetKind::Services, &services, Language::Sv).unwrap();
    let providers: Vec<String> = fresh.read().providers().unwrap().into_iter().map(|p| p.name).collect();
    let sample_services = sample.read().services().unwrap();
    let known = sample_services
        .iter()
        .filter(|s| {
            let provider = s.provider_id.map(|id| sample.read().get::<samordna::domain::Provider>(id).unwrap().name);
            provider.is_some_and(|p| providers.contains(&p))
        })
        .count();
    let unknown_provider = report.problems.iter().filter(|p| p.column == "Leverantör").count();
    assert_eq!(unknown_provider, sample_services.len() - known, "{:?}", report.problems);
    // A service in operation needs what the lifecycle asks for; the sample's older services lack some of it.
    let lifecycle: Vec<_> = report.problems.iter().filter(|p| p.column == "Status").collect();
    assert!(lifecycle.iter().all(|p| p.message.contains("behöver")), "{lifecycle:?}");
    assert_eq!(report.created + report.problems.len(), sample_services.len());
}

const ROWS: &str = "Diarienummer;Titel;Spår;Typ;Ägare;Kunder;Utveckling 2027 (kr);Förvaltning 2027 (kr);\
Utveckling 2028 (kr);Förvaltning 2028 (kr);K;Särskilt följd
SLK-2027-00001;Digital brevlåda för äldreomsorgen;Gemensam;Förändringsinsats;Stadsledningskontoret;\
\"Äldre samt vård- och omsorgsförvaltningen; Socialförvaltningen Centrum\";1 250 000,50;200 000;0;210 000;2;Ja
";

fn imported(bytes: &[u8]) -> (Initiative, String) {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Initiatives, bytes, "insatser.csv", Language::Sv).unwrap();
    assert_eq!(report.created, 1, "{:?}", report.problems);
    let mut initiative = portfolio.read().initiative_by_case_number("SLK-2027-00001").unwrap();
    initiative.id = 0;
    (initiative, report.source)
}

#[test]
fn swedish_csv_variants_import_the_same_initiative() {
    let (utf8, source) = imported(ROWS.as_bytes());
    assert_eq!(source, "CSV, semikolon, UTF-8");
    assert_eq!(utf8.title, "Digital brevlåda för äldreomsorgen");
    assert_eq!(utf8.costs[0].development, Money::from_ore(125_000_050));
    assert_eq!(utf8.costs[1].management, Money::from_kronor(210_000));
    assert_eq!(utf8.customer_ids.len(), 2);
    assert!(utf8.specially_followed);
    assert_eq!(utf8.security.confidentiality.as_ref().map(|l| l.level), Some(2));

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(ROWS.as_bytes());
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(ROWS);
    assert!(!lossy);
    let comma = ROWS
        .replace("1 250 000,50", "1250000.50")
        .replace("200 000", "200000")
        .replace("210 000", "210000")
        .replace(';', ",")
        .replace(
            "\"Äldre samt vård- och omsorgsförvaltningen, Socialförvaltningen Centrum\"",
            "\"Äldre samt vård- och omsorgsförvaltningen; Socialförvaltningen Centrum\"",
        );
    let tabs = ROWS
        .replace(';', "\t")
        .replace("omsorgsförvaltningen\t Socialförvaltningen", "omsorgsförvaltningen; Socialförvaltningen");
    for (bytes, expected_source) in [
        (bom, "CSV, semikolon, UTF-8 med BOM"),
        (cp1252.into_owned(), "CSV, semikolon, Windows-1252"),
        (comma.into_bytes(), "CSV, komma, UTF-8"),
        (tabs.into_bytes(), "CSV, tabb, UTF-8"),
    ] {
        let (initiative, source) = imported(&bytes);
        assert_eq!(source, expected_source);
        assert_eq!(initiative, utf8, "{source}");
    }
}

#[test]
fn every_problem_is_shown_by_row_and_column_and_nothing_is_written() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = (export(&portfolio), change_count(portfolio.path()));
    let text = format!(
        "{ROWS}SLK-2027-00002;Trasig rad;Okänd;Förändringsinsats;Finns inte;;12,345;;;;7;kanske
SLK-2027-00001;Samma igen;Gemensam;Förändringsinsats;Stadsledningskontoret;;;;;;;
"
    );
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, text.as_bytes(), Language::Sv).unwrap();
    assert_eq!(preview.created, 1, "the good row would be created");
    let at: Vec<(usize, &str)> = preview.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(
        at,
        [(3, "Spår"), (3, "Ägare"), (3, "Utveckling 2027 (kr)"), (3, "K"), (3, "Särskilt följd"), (4, "Diarienummer")]
    );
    assert!(preview.problems[0].message.contains("Gemensam, Verksamhetsspecifik"), "{:?}", preview.problems[0]);
    assert!(preview.problems[5].message.contains("rad 2"));
    let error =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Initiatives, text.as_bytes(), "x.csv", Language::Sv)
            .unwrap_err();
    assert!(matches!(error, Error::SheetRefused { problems: 6, .. }), "{error}");
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before, "nothing is written");

    // What the record rules refuse is shown under the column too: a new initiative cannot start as Prioritised.
    let prioritised = "Diarienummer;Titel;Spår;Typ;Ägare;Status\n\
                       SLK-2027-00003;Ny;Gemensam;Förstudie/utredning;Stadsledningskontoret;Prioriterad\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, prioritised.as_bytes(), Language::Sv)
            .unwrap();
    assert_eq!(preview.problems.len(), 1);
    assert_eq!((preview.problems[0].row, preview.problems[0].column.as_str()), (2, "Status"));

    // Files that are no spreadsheet at all.
    for junk in [&b""[..], b"PK\x03\x04 not a zip", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]] {
        let error = sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, junk, Language::Sv).unwrap_err();
        assert!(matches!(error, Error::BadSheet(_)), "{error}");
    }
}

#[test]
fn a_row_with_a_known_key_updates_only_its_columns_and_the_history_says_where_it_came_from() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before: Service = portfolio.read().services().unwrap().into_iter().find(|s| s.price.is_some()).unwrap();
    let text = format!("Tjänst;Pris (kr)\n{};1 234,50\n", before.name);
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), "priser.csv", Language::Sv)
            .unwrap();
    assert_eq!(report.updated, 1);
    let change = &report.rows[0].changed;
    assert_eq!(change.len(), 1, "{change:?}");
    assert_eq!(change[0].column, "Pris (kr)");
    assert_eq!(change[0].old, before.price.unwrap().to_string());
    assert_eq!(change[0].new, "1\u{a0}234,50\u{a0}kr");
    let after: Service = portfolio.read().get(before.id).unwrap();
    assert_eq!(after.price, Some(Money::from_ore(123_450)));
    assert_eq!(Service { price: before.price, ..after }, before, "nothing else changed");
    let change = &portfolio.read().recent_changes(1).unwrap()[0];
    assert_eq!(change.note, "Import från kalkylark: priser.csv");
}

#[test]
fn the_template_has_the_columns_and_no_rows_and_a_filled_template_imports() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let template = sheets::template(
        &portfolio.read(),
        SheetKind::Initiatives,
        Language::Sv,
        crate::support::at("2026-11-26T10:00:00Z"),
    )
    .unwrap();
    assert!(template.rows.is_empty());
    assert!(template.headers.contains(&"Utveckling 2027 (kr)".to_string()));
    assert!(template.headers.contains(&"Förvaltning 2030 (kr)".to_string()));
    // The coming period starts after the Swedish year: at 00:30 on New Year's Day in Göteborg it is already 2027.
    let new_year = crate::support::at("2026-12-31T23:30:00Z");
    let template_at = sheets::template(&portfolio.read(), SheetKind::Initiatives, Language::Sv, new_year).unwrap();
    assert!(template_at.headers.contains(&"Utveckling 2028 (kr)".to_string()), "{:?}", template_at.headers);
    assert!(!template_at.headers.contains(&"Utveckling 2027 (kr)".to_string()));
    // Filled in as a user would: the header row, then one row.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, header) in template.headers.iter().enumerate() {
        sheet.write_string(0, c as u16, header).unwrap();
    }
    let at = |name: &str| template.headers.iter().position(|h| h == name).unwrap() as u16;
    sheet.write_string(1, at("Diarienummer"), "SLK-2027-00010").unwrap();
    sheet.write_string(1, at("Titel"), "E-arkiv för förskolan").unwrap();
    sheet.write_string(1, at("Spår"), "Verksamhetsspecifik").unwrap();
    sheet.write_string(1, at("Typ av insats"), "Förstudie/utredning").unwrap();
    sheet.write_string(1, at("Ägare"), "Förskolenämnden").unwrap();
    sheet.write_number(1, at("Utveckling 2027 (kr)"), 450000.25).unwrap();
    sheet.write_number(1, at("Förvaltning 2028 (kr)"), 60000).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Initiatives, &bytes, "mall.xlsx", Language::Sv).unwrap();
    assert_eq!(report.created, 1, "{:?}", report.problems);
    let initiative = portfolio.read().initiative_by_case_number("SLK-2027-00010").unwrap();
    assert_eq!(initiative.costs.len(), 2, "the years between the first and last amount");
    assert_eq!(initiative.costs[0].development, Money::from_ore(45_000_025));
    assert_eq!(initiative.costs[1].management, Money::from_kronor(60_000));
    assert!(
        sheets::template(
            &portfolio.read(),
            SheetKind::Ranking,
            Language::Sv,
            crate::support::at("2026-11-26T10:00:00Z")
        )
        .is_err()
    );
}

#[test]
fn the_bundled_example_csv_imports_into_the_sample_and_a_stray_separator_is_named() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let example = include_bytes!("../../assets/sample/import/nya-initiativ.csv");
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Initiatives, example, "nya-initiativ.csv", Language::Sv)
            .unwrap();
    assert_eq!((report.created, report.source.as_str()), (3, "CSV, semikolon, Windows-1252"));
    let signing = portfolio.read().initiative_by_case_number("SLK-2027-00012").unwrap();
    assert_eq!(signing.costs.len(), 3);
    assert_eq!(signing.customer_ids.len(), 3);

    let stray = "Namn;Typ\nKulturnämnden; Idrott;Nämnd\n";
    let preview =
        sheets::preview(&mut portfolio, &stamp(), SheetKind::Organisations, stray.as_bytes(), Language::Sv).unwrap();
    assert_eq!(preview.problems.len(), 1);
    assert!(preview.problems[0].message.contains("fler fält än rubrikraden"), "{:?}", preview.problems);
}

#[test]
fn members_and_providers_import_their_own_exports_and_deviations_export_only() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // The group's members and the providers are set up from a sheet as from the app: their own export reads back
    // with nothing to change, in either language, and a new row creates one.
    for (kind, rows) in [(SheetKind::Providers, 3), (SheetKind::Members, 9)] {
        assert!(kind.importable());
        for language in [Language::Sv, Language::En] {
            let table = sheets::table(&portfolio.read(), kind, language).unwrap();
            assert_eq!(table.rows.len(), rows, "{kind:?}");
            let bytes = sheets::xlsx(&table).unwrap();
            let preview = sheets::preview(&mut portfolio, &stamp(), kind, &bytes, language).unwrap();
            assert!(preview.problems.is_empty(), "{kind:?}: {:?}", preview.problems);
            assert_eq!((preview.created, preview.updated), (0, 0), "{kind:?}: {:?}", preview.rows);
        }
    }
    for (kind, name) in [(SheetKind::Members, "Mall för ledamöter"), (SheetKind::Providers, "Mall för leverantörer")]
    {
        let template =
            sheets::build(&portfolio.read(), &sheets::SheetRequest::Template { kind }, Language::Sv, stamp().at);
        assert_eq!(template.unwrap().name, name);
    }
    let before = change_count(portfolio.path());
    let members = "Ledamot;Förvaltning eller bolag\nAnna Persson;Kulturförvaltningen\nOkänd;Ingen sådan\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Members, members);
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!((preview.problems[0].row, preview.problems[0].column.as_str()), (3, "Förvaltning eller bolag"));
    assert_eq!(change_count(portfolio.path()), before, "a preview writes nothing");
    let members = "Ledamot;Förvaltning eller bolag\nAnna Persson;Kulturförvaltningen\n";
    let report = csv_import(&mut portfolio, SheetKind::Members, members).unwrap();
    assert_eq!(report.created, 1);
    let stored: Vec<samordna::domain::Member> = portfolio.read().all().unwrap();
    let anna = stored.iter().find(|m| m.name == "Anna Persson").unwrap();
    let culture =
        portfolio.read().organisations().unwrap().into_iter().find(|o| o.name == "Kulturförvaltningen").unwrap();
    assert_eq!(anna.organisation_id, Some(culture.id));
    let providers = "Leverantör;Ansvarig nämnd;Beskrivning\nExtern IT-partner AB;;Drift av verksamhetssystem.\n";
    assert_eq!(csv_import(&mut portfolio, SheetKind::Providers, providers).unwrap().created, 1);
    // The register of opt-outs and deviations is exported only.
    assert!(!SheetKind::Deviations.importable());
    let register = sheets::table(&portfolio.read(), SheetKind::Deviations, Language::Sv).unwrap();
    assert_eq!(register.rows.len(), 5);
    let bytes = sheets::xlsx(&register).unwrap();
    let error = sheets::preview(&mut portfolio, &stamp(), SheetKind::Deviations, &bytes, Language::Sv).unwrap_err();
    assert!(matches!(error, Error::BadSheet(_)), "{error}");
    let deviations = sheets::table(&portfolio.read(), SheetKind::Deviations, Language::Sv).unwrap();
    assert_eq!(deviations.headers[0], "Slag");
    // An avsteg carries its motivation and the board's decision (riktlinjen, "Avsteg från riktlinjen").
    let column = |name: &str| deviations.headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}"));
    let decided = deviations
        .rows
        .iter()
        .find(|row| row[column("Beslutat av")] == sheets::Cell::Text("Göteborg Energi (styrelse)".into()))
        .expect("the sample's decided avsteg");
    assert!(matches!(&decided[column("Motivering")], sheets::Cell::Text(t) if t.starts_with("Skiftarbetet")));
    assert!(matches!(decided[column("Beslutsdatum")], sheets::Cell::Date(_)), "{:?}", decided[column("Beslutsdatum")]);
}

#[test]
fn the_councils_frames_import_from_their_own_sheet_by_year() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    assert!(SheetKind::Frames.importable());
    for language in [Language::Sv, Language::En] {
        let table = sheets::table(&portfolio.read(), SheetKind::Frames, language).unwrap();
        assert_eq!(table.rows.len(), 1);
        let bytes = sheets::xlsx(&table).unwrap();
        let preview = sheets::preview(&mut portfolio, &stamp(), SheetKind::Frames, &bytes, language).unwrap();
        assert!(preview.problems.is_empty(), "{:?}", preview.problems);
        assert_eq!((preview.created, preview.updated, preview.unchanged), (0, 0, 1), "{:?}", preview.rows);
    }
    let table = sheets::table(&portfolio.read(), SheetKind::Frames, Language::Sv).unwrap();
    assert_eq!(
        table.headers,
        ["År", "Ram utveckling (kr)", "Ram förvaltning (kr)", "Beslutsdatum", "Beslut (§, diarienummer)", "Anteckning"]
    );
    // A row of a known year changes that year's frame; a new year is created; a bad date is named by row and
    // column, and then nothing is written.
    let header = "År;Ram utveckling (kr);Ram förvaltning (kr);Beslutsdatum;Beslut (§, diarienummer)\n";
    let bad = format!(
        "{header}2027;12 000 000,00;23 500 000;2026-11-19;KF 2026-11-19 § 18, budget 2027\n2028;11 000 000;24 000 000;19/11/2027;KF\n"
    );
    let before = change_count(portfolio.path());
    let preview = csv_preview(&mut portfolio, SheetKind::Frames, &bad);
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!((preview.problems[0].row, preview.problems[0].column.as_str()), (3, "Beslutsdatum"));
    assert!(csv_import(&mut portfolio, SheetKind::Frames, &bad).is_err());
    assert_eq!(change_count(portfolio.path()), before);
    // A new year's frame without its date is named under the date's column too, in the sheet's language.
    let undated = csv_preview(&mut portfolio, SheetKind::Frames, &bad.replace("19/11/2027", ""));
    let problems: Vec<(usize, &str, &str)> =
        undated.problems.iter().map(|p| (p.row, p.column.as_str(), p.message.as_str())).collect();
    assert_eq!(problems, [(3, "Beslutsdatum", "måste fyllas i")]);
    let good = bad.replace("19/11/2027", "2027-11-18");
    let report = csv_import(&mut portfolio, SheetKind::Frames, &good).unwrap();
    assert_eq!((report.created, report.updated), (1, 1), "{:?}", report.rows);
    let changed = &report.rows[0].changed;
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].column, "Ram utveckling (kr)");
    let frames: Vec<samordna::domain::DecidedFrame> = portfolio.read().all().unwrap();
    let by_year = |year: i32| frames.iter().find(|f| f.year == year).unwrap();
    assert_eq!(by_year(2027).development, Money::from_ore(1_200_000_000));
    assert!(!by_year(2027).notes.is_empty(), "a column the sheet leaves out is kept");
    assert_eq!(
        (by_year(2028).management, by_year(2028).decided_on.to_string().as_str()),
        (Money::from_ore(2_400_000_000), "2027-11-18")
    );
    let history = portfolio.read().history(samordna::domain::Entity::DecidedFrame, by_year(2027).id).unwrap();
    let last = history.iter().max_by_key(|c| c.id).unwrap();
    assert_eq!(last.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["development"]);
}

#[test]
fn an_initiatives_whole_material_comes_from_a_sheet_so_it_reaches_material_ready_without_the_app() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let header = "Diarienummer;Titel;Spår;Typ av insats;Status;Ägare;Finansieringsmodell;Nytta i sammandrag;\
                  Befintlig lösning som prövats;Resultat av återanvändningsprövning;Lagkrav som gäller;Risker;\
                  Långsiktig plan;Effektivisering eller innovation;Förvaltningsplan;Konfidentialitet (K);\
                  Riktighet (R);Tillgänglighet (T);Utveckling 2027 (kr);Förvaltning 2027 (kr)\n";
    let row = |state: &str, laws: &str, risks: &str| {
        format!(
            "{header}SLK-2027-00077;Digital post;Gemensam;Förändringsinsats;{state};Intraservice;Kostnadsfördelning;\
             Färre pappersutskick;Kivra via e-tjänsteplattformen;Delvis återanvändbar;\"{laws}\";\"{risks}\";\
             Införs stegvis 2027–2028;Effektivisering;Intraservice förvaltar;2;2;1;1 500 000;300 000\n"
        )
    };
    let risks =
        "Mottagare saknar digital brevlåda | Medel | Hög | Papper som reserv\nLeverantören byter villkor | Låg | Medel";
    // A level that is not one, and a law that is not one of the guideline's: named by row and column.
    let bad = row("Analys", "Arkivlagen; Trafikförordningen", &risks.replace("| Låg |", "| Kanske |"));
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, &bad);
    let problems: Vec<(usize, &str)> = preview.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(problems, [(2, "Lagkrav som gäller"), (2, "Risker")], "{:?}", preview.problems);
    assert!(preview.problems[0].message.contains("Trafikförordningen"), "{:?}", preview.problems);
    assert!(preview.problems[1].message.contains("risk | sannolikhet | konsekvens | åtgärd"), "{:?}", preview.problems);

    let created =
        csv_import(&mut portfolio, SheetKind::Initiatives, &row("Analys", "arkivlagen; Dataskyddsförordningen", risks));
    assert_eq!(created.unwrap().created, 1);
    let stored = portfolio.read().initiative_by_case_number("SLK-2027-00077").unwrap();
    assert_eq!(stored.laws, [samordna::domain::Law::ArchivesAct, samordna::domain::Law::Gdpr]);
    assert_eq!(stored.risks.len(), 2);
    assert_eq!(stored.risks[0].action, "Papper som reserv");
    assert_eq!(stored.risks[1].action, "");
    assert_eq!(stored.reuse_outcome, samordna::domain::ReuseOutcome::PartlyReusable);
    assert_eq!(stored.orientation, Some(samordna::domain::Orientation::Efficiency));
    // The same sheet one state on: everything Underlag klart needs came from the sheet.
    let report = csv_import(
        &mut portfolio,
        SheetKind::Initiatives,
        &row("Underlag klart", "Arkivlagen; Dataskyddsförordningen", risks),
    );
    let report = report.unwrap();
    assert_eq!(report.updated, 1, "{:?}", report.rows);
    assert_eq!(report.rows[0].changed.iter().map(|c| c.column.as_str()).collect::<Vec<_>>(), ["Status"]);
    let stored = portfolio.read().initiative_by_case_number("SLK-2027-00077").unwrap();
    assert_eq!(stored.state, samordna::domain::InitiativeState::MaterialReady);
    // And the export writes the lists back as the sheet gave them, with the help on their headers.
    let table = sheets::table(&portfolio.read(), SheetKind::Initiatives, Language::Sv).unwrap();
    let column = |name: &str| table.headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}"));
    let exported = table.rows.iter().find(|r| r[0] == sheets::Cell::Text("SLK-2027-00077".into())).unwrap();
    assert_eq!(exported[column("Lagkrav som gäller")], sheets::Cell::Text("Arkivlagen; Dataskyddsförordningen".into()));
    assert_eq!(exported[column("Risker")], sheets::Cell::Text(risks.into()));
    assert!(table.guide.notes.iter().any(|(c, note)| *c == column("Risker") && note.contains("sannolikhet")));
    let choices = table.guide.choices.iter().find(|(c, _)| *c == column("Resultat av återanvändningsprövning"));
    assert!(choices.unwrap().1.contains(&"Delvis återanvändbar".to_string()));
}

#[test]
fn a_funding_cases_volumes_come_from_a_sheet_and_a_service_without_a_case_gets_one() {
    use samordna::domain::{FundingCase, ItemRef, Service};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let service_named = |portfolio: &Portfolio, name: &str| -> Service {
        portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap()
    };
    // A case's own export reads back with nothing to change.
    let mail = ItemRef::Service(service_named(&portfolio, "E-post och kalender").id);
    let table = sheets::volumes_table(&portfolio.read(), mail, Language::Sv, stamp().at).unwrap();
    assert_eq!(table.headers[..2], ["Kund".to_string(), "Prognos volym 2025".to_string()]);
    let bytes = sheets::xlsx(&table).unwrap();
    let unchanged = change_count(portfolio.path());
    for dry_run in [true, false] {
        let back =
            sheets::import_volumes(&mut portfolio, &stamp(), mail, &bytes, "v.xlsx", Language::Sv, dry_run).unwrap();
        assert!(back.problems.is_empty() && back.changed.is_empty() && !back.creates_case, "{back:?}");
    }
    assert_eq!(change_count(portfolio.path()), unchanged, "an unchanged sheet writes nothing");
    // A sheet that starts with an empty row, names a year twice, or has a value under no header: named, not guessed.
    let customer = match &table.rows[0][0] {
        sheets::Cell::Text(name) => name.clone(),
        other => panic!("{other:?}"),
    };
    let odd = format!(";\nKund;Prognos volym 2027;Prognos volym 2027;\n{customer};3000;2500;777\n");
    let report =
        sheets::import_volumes(&mut portfolio, &stamp(), mail, odd.as_bytes(), "v.csv", Language::Sv, true).unwrap();
    let messages: Vec<String> =
        report.problems.iter().map(|p| format!("{} {}: {}", p.row, p.column, p.message)).collect();
    assert!(messages.iter().any(|m| m.starts_with("2 Prognos volym 2027: kolumnen finns två gånger")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.starts_with("3 : \u{201d}777\u{201d} står i kolumn 4 som saknar rubrik")),
        "{messages:?}"
    );

    // A service without a case: the template has its cost years and customers; filled in, it creates the case.
    let phones = service_named(&portfolio, "Mobiltelefoni");
    let item = ItemRef::Service(phones.id);
    assert!(portfolio.read().funding_case_of(None, Some(phones.id)).unwrap().is_none());
    let template = sheets::volumes_table(&portfolio.read(), item, Language::Sv, stamp().at).unwrap();
    let years: Vec<String> =
        template.headers.iter().filter_map(|h| h.strip_prefix("Prognos volym ")).map(str::to_string).collect();
    assert_eq!(years.first().map(String::as_str), Some("2026"), "the service's cost years: {years:?}");
    assert_eq!(template.rows.len(), phones.customers.len(), "its customers, one row each");
    let names: Vec<String> = template
        .rows
        .iter()
        .map(|r| match &r[0] {
            sheets::Cell::Text(t) => t.clone(),
            _ => String::new(),
        })
        .collect();
    let header = format!("Kund;{}\n", years.iter().map(|y| format!("Prognos volym {y}")).collect::<Vec<_>>().join(";"));
    let filled: String = names
        .iter()
        .map(|n| format!("{n};{}\n", years.iter().map(|_| "1 200,5").collect::<Vec<_>>().join(";")))
        .collect();
    let before = change_count(portfolio.path());
    // Problems first: an unknown organisation, a year the case does not have, a negative volume; nothing written.
    let first_row = format!("{};-3\n", names[0]);
    let others: String = filled.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let bad = format!("{};Prognos volym 2040\n{first_row}{others}Ingen sådan;1\n", header.trim_end());
    for dry_run in [false, true] {
        let preview =
            sheets::import_volumes(&mut portfolio, &stamp(), item, bad.as_bytes(), "v.csv", Language::Sv, dry_run)
                .unwrap();
        let messages: Vec<String> =
            preview.problems.iter().map(|p| format!("{} {}: {}", p.row, p.column, p.message)).collect();
        assert!(
            messages.iter().any(|m| m.contains("Prognos volym 2040: året 2040 finns inte i underlaget")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("ingen organisation som heter \u{201d}Ingen sådan\u{201d}")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains("\u{201d}-3\u{201d} är ingen volym")), "{messages:?}");
    }
    assert_eq!(change_count(portfolio.path()), before, "nothing written");
    let report = sheets::import_volumes(
        &mut portfolio,
        &stamp(),
        item,
        format!("{header}{filled}").as_bytes(),
        "v.csv",
        Language::Sv,
        false,
    )
    .unwrap();
    assert!(report.creates_case && report.problems.is_empty(), "{report:?}");
    let case: FundingCase = portfolio.read().funding_case_of(None, Some(phones.id)).unwrap().unwrap();
    assert!(case.customers.iter().all(|c| c.forecast_volume.iter().all(|v| v.to_string() == "1200.5")), "{case:?}");
    assert!(portfolio.read().funding(case.id).is_ok(), "the comparison runs on the imported case");
    // Again with one customer's 2027 forecast changed: that volume only, in the history as a change of the case.
    let changed = format!("Kund;Prognos volym 2027\n{};1 300\n", names[0]);
    let report =
        sheets::import_volumes(&mut portfolio, &stamp(), item, changed.as_bytes(), "v.csv", Language::Sv, false)
            .unwrap();
    let shown: Vec<(String, String, String)> =
        report.changed.iter().map(|c| (c.column.clone(), c.old.clone(), c.new.clone())).collect();
    assert_eq!(shown, [(format!("{}: Prognos volym 2027", names[0]), "1200,5".to_string(), "1300".to_string())]);
    let history = portfolio.read().history(samordna::domain::Entity::FundingCase, case.id).unwrap();
    assert_eq!(history.iter().max_by_key(|c| c.id).unwrap().note, "Import från kalkylark: v.csv");
}

// ---------------------------------------------------------------------------------------------------------------
// Sheets that went through the user's own tools

fn csv_preview(portfolio: &mut Portfolio, kind: SheetKind, text: &str) -> sheets::SheetImport {
    sheets::preview(portfolio, &stamp(), kind, text.as_bytes(), Language::Sv).unwrap()
}

fn csv_import(portfolio: &mut Portfolio, kind: SheetKind, text: &str) -> samordna::Result<sheets::SheetImport> {
    sheets::import(portfolio, &stamp(), kind, text.as_bytes(), "ark.csv", Language::Sv)
}

fn kronor(amount: i64) -> String {
    Money::from_kronor(amount).to_string()
}

/// The preview's first row changes exactly one column, from `old` to `new` kronor.
fn assert_one_change(preview: &sheets::SheetImport, column: &str, old: i64, new: i64) {
    let changed = &preview.rows[0].changed;
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        (changed[0].column.as_str(), changed[0].old.as_str(), changed[0].new.as_str()),
        (column, kronor(old).as_str(), kronor(new).as_str())
    );
}

#[test]
fn a_sheet_without_some_columns_keeps_those_fields_and_years_and_the_preview_says_old_and_new() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    assert_eq!(before.costs.iter().map(|c| c.year).collect::<Vec<_>>(), [2026, 2027, 2028, 2029]);
    assert!(before.costs.iter().any(|c| c.management.ore() > 0), "the sample plans management costs");

    // Only the case number and the four development columns: every management cost stays.
    let development = "Diarienummer;Utveckling 2026 (kr);Utveckling 2027 (kr);Utveckling 2028 (kr);Utveckling 2029 (kr)\n\
                       SLK-2026-00101;4 200 000;3 300 000;0;0\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, development);
    assert_eq!((preview.updated, preview.problems.len()), (1, 0), "{:?}", preview.problems);
    assert_one_change(&preview, "Utveckling 2027 (kr)", 3_100_000, 3_300_000);
    csv_import(&mut portfolio, SheetKind::Initiatives, development).unwrap();
    let after = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    let mut expected = before.costs.clone();
    expected[1].development = Money::from_kronor(3_300_000);
    assert_eq!(after.costs, expected);
    assert_eq!(Initiative { costs: before.costs.clone(), ..after }, before, "nothing else changed");

    // Only the 2027 columns: the other years stay.
    let one_year = "Diarienummer;Utveckling 2027 (kr);Förvaltning 2027 (kr)\nSLK-2026-00101;3 300 000;1 900 000\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, one_year);
    assert_one_change(&preview, "Förvaltning 2027 (kr)", 1_850_000, 1_900_000);
    csv_import(&mut portfolio, SheetKind::Initiatives, one_year).unwrap();
    let after = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    expected[1].management = Money::from_kronor(1_900_000);
    assert_eq!(after.costs, expected);

    // Emptying the last year's cells ends the planning period a year earlier, and the preview says so.
    let shorter = "Diarienummer;Utveckling 2029 (kr);Förvaltning 2029 (kr)\nSLK-2026-00101;;\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, shorter);
    let changed: Vec<(&str, &str, &str)> =
        preview.rows[0].changed.iter().map(|c| (c.column.as_str(), c.old.as_str(), c.new.as_str())).collect();
    let zero = Money::ZERO.to_string();
    let management = kronor(2_400_000);
    assert_eq!(
        changed,
        [("Utveckling 2029 (kr)", zero.as_str(), ""), ("Förvaltning 2029 (kr)", management.as_str(), "")]
    );
}

#[test]
fn amounts_that_would_become_a_thousandth_are_warned_of_in_the_preview() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // What a CSV saved from a sheet whose format divided by 1000 says: 4 200 000 kr shown as 4 200,00 kr.
    let divided = "Diarienummer;Utveckling 2026 (kr);Utveckling 2027 (kr)\nSLK-2026-00101;4 200,00 kr;3 100,00 kr\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, divided);
    assert!(preview.problems.is_empty(), "a warning does not block: {:?}", preview.problems);
    assert_eq!(preview.warnings.len(), 1, "{:?}", preview.warnings);
    let warning = &preview.warnings[0];
    assert_eq!((warning.row, warning.column.as_str()), (2, "Utveckling 2026 (kr), Utveckling 2027 (kr)"));
    assert!(warning.message.contains("tusendel"), "{}", warning.message);
    assert!(warning.message.contains(&format!("{} \u{2192} {}", kronor(4_200_000), kronor(4_200))));

    let ordinary = "Diarienummer;Utveckling 2026 (kr)\nSLK-2026-00101;4 300 000\n";
    assert!(csv_preview(&mut portfolio, SheetKind::Initiatives, ordinary).warnings.is_empty());
}

#[test]
fn a_formula_result_a_hair_from_a_whole_ore_imports_rounded_and_a_formula_without_a_value_is_named() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let service: Service = portfolio.read().services().unwrap().into_iter().find(|s| s.price.is_some()).unwrap();
    let workbook = |price: &dyn Fn(&mut rust_xlsxwriter::Worksheet)| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Tjänst").unwrap();
        sheet.write_string(0, 1, "Pris (kr)").unwrap();
        sheet.write_string(1, 0, &service.name).unwrap();
        price(sheet);
        book.save_to_buffer().unwrap()
    };
    // =W33*1,1 with W33 = 95 000, as Excel stores it: the nearest double, 104500.00000000001.
    let result = 95_000.0_f64 * 1.1;
    assert_ne!(result, 104_500.0, "the product is not exactly 104 500 in binary");
    let bytes = workbook(&|sheet| {
        sheet.write_number(1, 1, result).unwrap();
    });
    let report =
        sheets::import(&mut portfolio, &stamp(), SheetKind::Services, &bytes, "priser.xlsx", Language::Sv).unwrap();
    assert_eq!(report.updated, 1, "{:?}", report.problems);
    assert_eq!(portfolio.read().get::<Service>(service.id).unwrap().price, Some(Money::from_kronor(104_500)));

    // A formula written by a program that does not calculate has no saved value: a problem, not an empty price.
    let bytes = workbook(&|sheet| {
        sheet.set_formula_result_default("");
        sheet.write_formula(1, 1, "=95000*1.1").unwrap();
    });
    let preview = sheets::preview(&mut portfolio, &stamp(), SheetKind::Services, &bytes, Language::Sv).unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    let problem = &preview.problems[0];
    assert_eq!((problem.row, problem.column.as_str()), (2, "Pris (kr)"));
    assert!(problem.message.contains("95000*1.1") && problem.message.contains("inget sparat värde"), "{problem:?}");
}

#[test]
fn amounts_beyond_the_limit_are_refused_with_the_limit_named() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = (export(&portfolio), change_count(portfolio.path()));
    let service: Service = portfolio.read().services().unwrap().into_iter().next().unwrap();
    for huge in ["90 000 000 000 000 000", "1 000 000 000 000,01", "-90000000000000000000000"] {
        let text = format!("Tjänst;Pris (kr)\n{};{huge}\n", service.name);
        let preview = csv_preview(&mut portfolio, SheetKind::Services, &text);
        assert_eq!(preview.problems.len(), 1, "{huge}: {:?}", preview.problems);
        assert!(preview.problems[0].message.contains("1 000 000 000 000 kr"), "{:?}", preview.problems[0]);
        let costs = format!("Diarienummer;Utveckling 2027 (kr)\nSLK-2026-00101;{huge}\n");
        assert!(matches!(
            csv_import(&mut portfolio, SheetKind::Initiatives, &costs),
            Err(Error::SheetRefused { problems: 1, .. })
        ));
    }
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before);
}

#[test]
fn a_duplicate_key_names_the_record() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let text = "Diarienummer;Titel\nSLK-2026-00101;Ett\nslk-2026-00101 ;Två\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, text);
    assert_eq!(preview.problems.len(), 1);
    assert!(preview.problems[0].message.contains("SLK-2026-00101") && preview.problems[0].message.contains("rad 2"));
}

#[test]
fn an_owner_change_that_strands_a_benefit_is_refused_and_what_is_imported_exports_and_imports_again() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let initiative = portfolio.read().initiative_by_case_number("SLK-2026-00114").unwrap();
    let benefits: Vec<samordna::domain::Benefit> = portfolio.read().all().unwrap();
    let benefit = benefits.iter().find(|b| b.initiative_id == initiative.id && b.owner_id == initiative.owner_id);
    benefit.expect("the sample has a benefit owned by the initiative's owner");
    let organisations = portfolio.read().organisations().unwrap();
    let name = |id: i64| organisations.iter().find(|o| o.id == id).unwrap().name.clone();
    let other = organisations
        .iter()
        .find(|o| Some(o.id) != initiative.owner_id && !initiative.customer_ids.contains(&o.id))
        .unwrap();
    let before = (export(&portfolio), change_count(portfolio.path()));

    // The benefit owner is always on the customer side; a new owner alone leaves the old one off it.
    // (The owner is also among the customers: the sheet leaves it out of them.)
    let others: Vec<String> =
        initiative.customer_ids.iter().filter(|&&id| Some(id) != initiative.owner_id).map(|id| name(*id)).collect();
    let owner_only =
        format!("Diarienummer;Ägare;Kunder\n{};{};\"{}\"\n", initiative.case_number, other.name, others.join(", "));
    let preview = csv_preview(&mut portfolio, SheetKind::Initiatives, &owner_only);
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!(preview.problems[0].row, 2);
    // Refused by the same rule as the app's form: the row and column that strand the benefit, in Swedish.
    assert_eq!(preview.problems[0].column, "Ägare", "{:?}", preview.problems[0]);
    assert!(preview.problems[0].message.contains("nyttor utanför kundsidan"), "{:?}", preview.problems[0]);
    assert!(matches!(csv_import(&mut portfolio, SheetKind::Initiatives, &owner_only), Err(Error::SheetRefused { .. })));
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before);

    // The owner is a nämnd, and a nämnd is never a customer (riktlinjen, "Begrepp": "Kund Förvaltningar och bolag
    // inom kommunkoncernen"): kept as owner, the benefit holds while a förvaltning joins the customers, and the
    // portfolio's export imports again.
    let joining = organisations
        .iter()
        .find(|o| o.kind.is_customer() && !initiative.customer_ids.contains(&o.id))
        .expect("a förvaltning or bolag not yet a customer");
    let mut customers = others;
    customers.push(joining.name.clone());
    let owner = name(initiative.owner_id.unwrap());
    let with_customers =
        format!("Diarienummer;Ägare;Kunder\n{};{};\"{}\"\n", initiative.case_number, owner, customers.join(", "));
    let report = csv_import(&mut portfolio, SheetKind::Initiatives, &with_customers).unwrap();
    assert_eq!(report.updated, 1);
    let exported = export(&portfolio);
    let mut fresh = Portfolio::create(&workspace.path("igen.samordna"), &stamp()).unwrap();
    let data = samordna::interchange::PortfolioData::from_json(&exported).unwrap();
    fresh.write(&stamp(), |w| data.replace_into(w, "igen")).unwrap();
    assert_eq!(export(&fresh), exported);
}

/// The XML of one part of an XLSX file.
fn part(xlsx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn dates_are_dates_the_template_has_the_export_formats_and_the_funding_sum_is_outside_the_filter() {
    use calamine::{Data, DataType as _, Reader as _};
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let table = sheets::table(&portfolio.read(), SheetKind::Benefits, Language::Sv).unwrap();
    let bytes = sheets::xlsx(&table).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range("Nyttor").unwrap();
    let column = table.headers.iter().position(|h| h == "Datum för utgångsläge").unwrap();
    let dated: Vec<&Data> = range.rows().skip(1).map(|r| &r[column]).filter(|c| !c.is_empty()).collect();
    assert!(!dated.is_empty(), "the sample has baseline dates");
    assert!(dated.iter().all(|c| matches!(c, Data::DateTime(_))), "{dated:?}");
    assert!(part(&bytes, "xl/styles.xml").contains("formatCode=\"yyyy-mm-dd\""));

    // The template has no rows, but a number typed under an amount's header is formatted as in the export.
    let template = sheets::template(
        &portfolio.read(),
        SheetKind::Initiatives,
        Language::Sv,
        crate::support::at("2026-11-26T10:00:00Z"),
    )
    .unwrap();
    let template = sheets::xlsx(&template).unwrap();
    assert!(part(&template, "xl/styles.xml").contains("formatCode=\"#,##0.00&quot; kr&quot;\""));
    assert!(part(&template, "xl/worksheets/sheet1.xml").contains("style="), "columns carry the format");

    let reader = portfolio.read();
    let case = reader.funding_case_of(Some(1), None).unwrap().expect("the sample's first initiative has a case");
    let funding = sheets::funding_table(&reader, case.id, Language::Sv).unwrap();
    assert!(matches!(&funding.rows.last().unwrap()[0], sheets::Cell::Text(t) if t == "Summa"));
    let sheet = part(&sheets::xlsx(&funding).unwrap(), "xl/worksheets/sheet1.xml");
    // Header in row 1, the customers in rows 2..=n, Summa in row n + 1 below the filter.
    let expected = format!("<autoFilter ref=\"A1:F{}\"/>", funding.rows.len());
    assert!(sheet.contains(&expected), "{expected} in {}", &sheet[sheet.find("<autoFilter").unwrap()..][..40]);
}

/// Runs LibreOffice headless in the Swedish locale with a fresh profile: converts `files` in `dir` to `target`
/// (`xlsx`, or a CSV filter) into `out`. `None` when LibreOffice is not installed.
pub(crate) fn libreoffice(dir: &std::path::Path, files: &[&str], target: &str, out: &str) -> Option<()> {
    let profile = dir.join("lo-profile");
    let status = std::process::Command::new("soffice")
        .current_dir(dir)
        .env("LANG", "sv_SE.UTF-8")
        .env("LC_ALL", "sv_SE.UTF-8")
        .env("HOME", dir)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", target, "--outdir", out])
        .args(files)
        .output();
    match status {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("soffice could not be started: {e}"),
        Ok(output) => {
            assert!(output.status.success(), "soffice failed: {output:?}");
            Some(())
        }
    }
}

#[test]
fn an_export_saved_again_by_libreoffice_in_swedish_imports_with_no_changes() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let kinds = [
        (SheetKind::Initiatives, "initiativ"),
        (SheetKind::Services, "tjanster"),
        (SheetKind::Benefits, "nyttor"),
        (SheetKind::Actuals, "utfall"),
    ];
    let names: Vec<String> = kinds.iter().map(|(_, name)| format!("{name}.xlsx")).collect();
    for ((kind, _), name) in kinds.iter().zip(&names) {
        std::fs::write(workspace.path(name), xlsx(&portfolio, *kind, Language::Sv)).unwrap();
    }
    let files: Vec<&str> = names.iter().map(String::as_str).collect();
    // Opened and saved by LibreOffice; then the saved workbooks saved again as the CSV Swedish Calc writes (`;`,
    // UTF-8, values as shown). One start of LibreOffice each.
    if libreoffice(workspace.dir.path(), &files, "xlsx", "sparad").is_none() {
        eprintln!("skipped: LibreOffice (soffice) is not installed; scripts/test installs libreoffice-calc-nogui");
        return;
    }
    let resaved: Vec<String> = names.iter().map(|name| format!("sparad/{name}")).collect();
    let resaved: Vec<&str> = resaved.iter().map(String::as_str).collect();
    libreoffice(workspace.dir.path(), &resaved, "csv:Text - txt - csv (StarCalc):59,34,76,1", "csv").unwrap();
    let before = (export(&portfolio), change_count(portfolio.path()));
    for ((kind, name), file) in kinds.iter().zip(&names) {
        let resaved = std::fs::read(workspace.path("sparad").join(file)).unwrap();
        let csv = std::fs::read(workspace.path("csv").join(format!("{name}.csv"))).unwrap();
        for (bytes, how) in [(&resaved, "xlsx"), (&csv, "csv")] {
            let report = sheets::import(&mut portfolio, &stamp(), *kind, bytes, file, Language::Sv)
                .unwrap_or_else(|e| panic!("{kind:?} {how}: {e}"));
            assert_eq!((report.created, report.updated), (0, 0), "{kind:?} {how}: {:?}", report.rows);
            assert!(report.warnings.is_empty(), "{kind:?} {how}: {:?}", report.warnings);
            assert!(report.unchanged > 0, "{kind:?} {how}");
        }
        if *kind == SheetKind::Initiatives {
            // The amounts keep their format: no thousands-scaling comma crept in, and the CSV shows whole amounts.
            let styles = part(&resaved, "xl/styles.xml");
            assert!(styles.contains("&quot; kr&quot;") || styles.contains("\\ &quot;kr&quot;"), "{styles}");
            assert!(!styles.contains("0,&quot;kr&quot;") && !styles.contains("00,&quot;"), "{styles}");
            let text = String::from_utf8(csv).unwrap();
            let shown = kronor(4_200_000).replace('\u{a0}', " ");
            assert!(text.replace('\u{a0}', " ").contains(&shown), "4 200 000 kr as shown: {text}");
        }
    }
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before, "nothing changed");
}

#[test]
fn a_services_management_and_planned_development_per_year_export_and_import_by_year() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let service = |portfolio: &Portfolio| {
        portfolio.read().services().unwrap().into_iter().find(|s| s.name == "Kontaktcenter").unwrap()
    };
    let before = service(&portfolio);
    assert_eq!(before.costs.iter().map(|c| c.year).collect::<Vec<_>>(), [2026, 2027, 2028, 2029]);
    // The export has a development and a management column per year, with the service's amounts.
    let table = sheets::table(&portfolio.read(), SheetKind::Services, Language::Sv).unwrap();
    let column = table.headers.iter().position(|h| h == "Förvaltning 2027 (kr)").expect("a cost column");
    let row = table.rows.iter().find(|r| matches!(&r[0], sheets::Cell::Text(t) if t == "Kontaktcenter")).unwrap();
    assert_eq!(row[column], sheets::Cell::Money(before.costs[1].management));

    // One year's management from a sheet: the other years and fields stay.
    let sheet = "Namn;Förvaltning 2027 (kr)\nKontaktcenter;2 100 000\n";
    let preview = csv_preview(&mut portfolio, SheetKind::Services, sheet);
    assert_eq!((preview.updated, preview.problems.len()), (1, 0), "{:?}", preview.problems);
    assert_one_change(&preview, "Förvaltning 2027 (kr)", before.costs[1].management.ore() / 100, 2_100_000);
    csv_import(&mut portfolio, SheetKind::Services, sheet).unwrap();
    let mut expected = before.costs.clone();
    expected[1].management = Money::from_kronor(2_100_000);
    assert_eq!(service(&portfolio).costs, expected);
}

/// Issue 26: a services sheet cannot empty the catalogue items of a service in operation; the row says why and
/// nothing is written.
#[test]
fn a_sheet_cannot_take_a_catalogue_item_from_a_service_in_operation() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mail: Service = portfolio.read().get(1).unwrap();
    let text = format!("Tjänst;Omfattning;Servicenivå;Målgrupp\n{};;;\n", mail.name);
    let error = sheets::import(&mut portfolio, &stamp(), SheetKind::Services, text.as_bytes(), "tom.csv", Language::Sv)
        .unwrap_err();
    let Error::SheetRefused { problems, first } = &error else { panic!("{error:?}") };
    assert_eq!(*problems, 3, "{error}");
    assert_eq!(first.row, 2);
    assert!(first.message.contains("required in operation"), "{}", first.message);
    assert_eq!(portfolio.read().get::<Service>(1).unwrap(), mail, "nothing written");
}

/// `workbook` with `parts` more parts of 1 MB of zeros each: a few kilobytes on disk, `parts` MB unpacked. The
/// zeros are compressed once and the compressed part copied, so the test makes it in a moment.
fn with_padding(workbook: &[u8], parts: usize) -> Vec<u8> {
    use std::io::Write;
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut padding = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    padding.start_file("pad", options).unwrap();
    padding.write_all(&vec![0u8; 1024 * 1024]).unwrap();
    let padding = padding.finish().unwrap().into_inner();
    let mut padding = zip::ZipArchive::new(std::io::Cursor::new(padding)).unwrap();
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..source.len() {
        out.raw_copy_file(source.by_index(index).unwrap()).unwrap();
    }
    for index in 0..parts {
        out.raw_copy_file_rename(padding.by_index(0).unwrap(), format!("xl/media/pad{index}.bin")).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_that_unpacks_beyond_the_limit_or_places_a_cell_at_the_far_corner_is_refused_not_a_crash() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let template = xlsx(&portfolio, SheetKind::Initiatives, Language::Sv);
    // 300 MB unpacked from a file of a few hundred kilobytes.
    let bomb = with_padding(&template, 300);
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    for language in [Language::Sv, Language::En] {
        let error = sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, &bomb, language).unwrap_err();
        assert!(error.to_string().contains("256 MB"), "{error}");
    }
    // The same padding within the limit is read (the check counts, it does not refuse workbooks with media).
    let padded = with_padding(&template, 20);
    assert!(sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, &padded, Language::Sv).is_ok());

    // A value at XFD1048576 beside the headers: read as a range, 17 billion cells.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Ärendenummer").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let corner = book.save_to_buffer().unwrap();
    let error = sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, &corner, Language::En).unwrap_err();
    assert!(error.to_string().contains("more than 100,000 rows"), "{error}");
    // Within the rows, far to the right.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Ärendenummer").unwrap();
    sheet.write_string(5, 16_383, "x").unwrap();
    let right = book.save_to_buffer().unwrap();
    let error = sheets::preview(&mut portfolio, &stamp(), SheetKind::Initiatives, &right, Language::En).unwrap_err();
    assert!(error.to_string().contains("more than 500 columns"), "{error}");
}

#[test]
fn a_services_sheet_cannot_move_a_service_out_of_its_providers_yearly_analysis() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let analyses: Vec<samordna::domain::YearlyAnalysis> = portfolio.read().all().unwrap();
    let analysis = analyses.iter().find(|a| !a.security_levels.is_empty()).expect("an analysis classifies services");
    let service: Service = portfolio.read().get(analysis.security_levels[0].service_id).unwrap();
    let providers = portfolio.read().providers().unwrap();
    let other = providers.iter().find(|p| Some(p.id) != service.provider_id).unwrap();
    let before = (export(&portfolio), change_count(portfolio.path()));

    let moved = format!("Tjänst;Leverantör\n{};{}\n", service.name, other.name);
    let preview = csv_preview(&mut portfolio, SheetKind::Services, &moved);
    assert!(!preview.problems.is_empty(), "the move is refused");
    let problem = &preview.problems[0];
    assert_eq!(problem.row, 2, "the service's row is named: {problem:?}");
    assert!(problem.message.to_lowercase().contains("årlig analys"), "{problem:?}");
    assert!(matches!(csv_import(&mut portfolio, SheetKind::Services, &moved), Err(Error::SheetRefused { .. })));
    assert_eq!((export(&portfolio), change_count(portfolio.path())), before);

    // The portfolio's own export imports, and so does the provider's analysis template.
    let exported = export(&portfolio);
    let mut fresh = Portfolio::create(&workspace.path("igen.samordna"), &stamp()).unwrap();
    let data = samordna::interchange::PortfolioData::from_json(&exported).unwrap();
    fresh.write(&stamp(), |w| data.replace_into(w, "igen")).unwrap();
}

#[test]
fn a_customer_that_could_be_two_organisations_is_a_problem_not_a_guess() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let service: Service = portfolio.read().services().unwrap().into_iter().find(|s| !s.customers.is_empty()).unwrap();
    let organisations = portfolio.read().organisations().unwrap();
    let customer = organisations.iter().find(|o| o.id == service.customers[0].organisation_id).unwrap().name.clone();
    // An organisation named like the customer with a reference in brackets.
    let twin = format!("{customer} (KF)");
    portfolio.write(&stamp(), |w| w.create(crate::support::organisation(&twin))).unwrap();
    let sheet = format!("Tjänst;Kunder\n{};{twin}\n", service.name);
    let preview = csv_preview(&mut portfolio, SheetKind::Services, &sheet);
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert!(preview.problems[0].message.contains("(avtal: KF)"), "{:?}", preview.problems);
    // Labelled, the reference is read as the agreement of the customer.
    let labelled = format!("Tjänst;Kunder\n{};{customer} (avtal: KF)\n", service.name);
    let preview = csv_preview(&mut portfolio, SheetKind::Services, &labelled);
    assert!(preview.problems.iter().all(|p| !p.message.contains("kan vara")), "{:?}", preview.problems);
}
