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
    for kind in [SheetKind::Organisations, SheetKind::Services, SheetKind::Initiatives, SheetKind::Benefits] {
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
\"Äldre samt vård- och omsorgsnämnden; Socialnämnd Centrum\";1 250 000,50;200 000;0;210 000;2;Ja
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
            "\"Äldre samt vård- och omsorgsnämnden, Socialnämnd Centrum\"",
            "\"Äldre samt vård- och omsorgsnämnden; Socialnämnd Centrum\"",
        );
    let tabs = ROWS.replace(';', "\t").replace("omsorgsnämnden\t Socialnämnd", "omsorgsnämnden; Socialnämnd");
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
    assert_eq!(report.rows[0].changed, ["Pris (kr)"]);
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
    sheet.write_string(1, at("Typ"), "Förstudie/utredning").unwrap();
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
fn providers_members_and_deviations_export_but_do_not_import() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    for (kind, rows) in [(SheetKind::Providers, 3), (SheetKind::Members, 9), (SheetKind::Deviations, 4)] {
        let table = sheets::table(&portfolio.read(), kind, Language::Sv).unwrap();
        assert_eq!(table.rows.len(), rows, "{kind:?}");
        assert!(!kind.importable());
        let bytes = sheets::xlsx(&table).unwrap();
        let error = sheets::preview(&mut portfolio, &stamp(), kind, &bytes, Language::Sv).unwrap_err();
        assert!(matches!(error, Error::BadSheet(_)), "{error}");
    }
    let deviations = sheets::table(&portfolio.read(), SheetKind::Deviations, Language::Sv).unwrap();
    assert_eq!(deviations.headers[0], "Slag");
}
