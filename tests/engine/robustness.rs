//! Every importer against malformed input (see docs/robustness.md): packages, responses, CSV, XLSX and portfolio
//! JSON, as random bytes and as valid files with bytes flipped, cut off or inserted. None may panic, and an import
//! that fails leaves the portfolio exactly as it was.

use std::sync::OnceLock;

use proptest::prelude::*;
use samordna::domain::Language;
use samordna::interchange::PortfolioData;
use samordna::package::{self, IncomingResponse, Package};
use samordna::sheets::{self, SheetKind};
use samordna::time::{TimeDelta, Timestamp};
use samordna::{Error, Money, Portfolio};

use crate::packages::{Seal, forged};
use crate::support::{Workspace, at, change_count, export, stamp};

/// Valid files to mutate, made once: a member's package, that member's response to it, an XLSX export and the
/// portfolio as JSON; another member's package (whose key an attacker may hold); and the portfolio that exported
/// the packages, as a file (its keys are random: every target is a copy of it).
struct Seeds {
    package: Vec<u8>,
    response: Vec<u8>,
    other_package: Package,
    /// Every member called to the meeting: (id, name).
    members: Vec<(i64, String)>,
    portfolio: Vec<u8>,
    xlsx: Vec<u8>,
    csv: Vec<u8>,
    json: String,
}

/// When responses are imported in these tests: after the seed response was written.
fn import_stamp() -> samordna::Stamp {
    samordna::Stamp::new("Jonas Berg", at("2026-12-01T08:00:00Z"))
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let workspace = Workspace::new();
        let mut portfolio = workspace.sample();
        let mut files = package::export(&mut portfolio, &stamp(), 2, Language::Sv, |_| Ok(())).unwrap();
        let members = files.iter().map(|f| (f.member_id, f.member_name.clone())).collect();
        let other_package = package::open(&files.remove(1).bytes).unwrap();
        let file = files.remove(0);
        let opened: Package = package::open(&file.bytes).unwrap();
        let member = opened.content.member.id;
        let scores = opened
            .cells()
            .into_iter()
            .map(|(item, criterion_id)| package::ResponseScore {
                item,
                criterion_id,
                value: Some(2),
                comment: "Rimligt".into(),
            })
            .collect();
        let response = package::respond(&opened, member, scores, "", at("2026-11-28T10:00:00Z")).unwrap();
        let xlsx =
            sheets::xlsx(&sheets::table(&portfolio.read(), SheetKind::Initiatives, Language::Sv).unwrap()).unwrap();
        let csv = "Diarienummer;Titel;Spår;Typ;Ägare;Utveckling 2027 (kr)\n\
                   SLK-2027-00001;Digital brevlåda;Gemensam;Förändringsinsats;Stadsledningskontoret;1 250 000,50\n"
            .as_bytes()
            .to_vec();
        let copy = workspace.path("copy.samordna");
        portfolio.save_copy(&copy, false).unwrap();
        Seeds {
            package: file.bytes,
            response: response.bytes,
            other_package,
            members,
            portfolio: std::fs::read(&copy).unwrap(),
            xlsx,
            csv,
            json: export(&portfolio),
        }
    })
}

/// A copy of the portfolio that exported the seed packages, so mutated responses get past the first checks.
struct Target {
    _workspace: Workspace,
    path: std::path::PathBuf,
}

fn target() -> Target {
    let workspace = Workspace::new();
    let path = workspace.path("sample.samordna");
    std::fs::write(&path, &seeds().portfolio).unwrap();
    Target { _workspace: workspace, path }
}

/// The portfolio as it lies on disk: the database file and its write-ahead log.
fn on_disk(path: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    (std::fs::read(path).unwrap(), std::fs::read(wal).unwrap_or_default())
}

/// A valid file with some bytes changed: flipped, removed, inserted, or cut off.
fn mutated(seed: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    let len = seed.len();
    prop_oneof![
        prop::collection::vec((0..len, any::<u8>()), 1..6).prop_map(move |flips| {
            let mut bytes = seed.to_vec();
            for (at, byte) in flips {
                bytes[at] = byte;
            }
            bytes
        }),
        (0..len).prop_map(move |cut| seed[..cut].to_vec()),
        (0..len, prop::collection::vec(any::<u8>(), 1..16)).prop_map(move |(at, insert)| {
            let mut bytes = seed.to_vec();
            bytes.splice(at..at, insert);
            bytes
        }),
        (0..len, 1..64usize).prop_map(move |(at, n)| {
            let mut bytes = seed.to_vec();
            bytes.drain(at..(at + n).min(len));
            bytes
        }),
    ]
}

/// `cases` per test, or `SAMORDNA_FUZZ_CASES` when set (the longer runs in docs/robustness.md).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("SAMORDNA_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_bytes_are_no_package_response_or_sheet(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert!(package::open(&bytes).is_err());
        prop_assert!(package::read_response(&bytes).is_err());
        let _ = PortfolioData::from_json(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_changed_package_never_opens_as_the_same_package(bytes in mutated(&seeds().package)) {
        let original = package::open(&seeds().package).unwrap();
        if let Ok(opened) = package::open(&bytes) {
            // Only whitespace around the content can change without the checksum noticing.
            prop_assert_eq!(opened, original);
        }
    }
}

fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let mut runner = proptest::test_runner::TestRunner::new(config(cases));
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{failure}");
    }
}

#[test]
fn a_damaged_response_is_refused_whole_or_imports_as_written() {
    let target = target();
    run(64, mutated(&seeds().response), |bytes| {
        let mut portfolio = Portfolio::open(&target.path, stamp().at).unwrap();
        let before = (export(&portfolio), change_count(&target.path));
        let files = [IncomingResponse { name: "svar".into(), bytes: bytes.clone() }];
        match package::import(&mut portfolio, &import_stamp(), Some(2), &files) {
            Err(Error::Refused(_)) => prop_assert_eq!((export(&portfolio), change_count(&target.path)), before),
            Err(other) => prop_assert!(false, "unexpected error {}", other),
            Ok(_) => {
                // Only a change outside the checksummed content passes: the response is the original one.
                let content = package::read_response(&bytes).unwrap().content;
                let original = package::read_response(&seeds().response).unwrap().content;
                prop_assert_eq!(content, original);
            }
        }
        Ok(())
    });
}

#[test]
fn random_and_damaged_csv_never_panics_or_writes_half() {
    let target = target();
    let kinds = vec![
        SheetKind::Initiatives,
        SheetKind::Services,
        SheetKind::Organisations,
        SheetKind::Benefits,
        SheetKind::Actuals,
    ];
    run(64, ("[A-Za-zåäöÅÄÖ0-9 ;,.\"\\n\\t-]{0,400}", prop::sample::select(kinds)), |(text, kind)| {
        let mut portfolio = Portfolio::open(&target.path, stamp().at).unwrap();
        let with_header = format!("{}{text}", String::from_utf8_lossy(&seeds().csv));
        for bytes in [text.as_bytes(), with_header.as_bytes()] {
            let before = (export(&portfolio), change_count(&target.path));
            match sheets::import(&mut portfolio, &stamp(), kind, bytes, "x.csv", Language::Sv) {
                Ok(report) => prop_assert!(report.problems.is_empty()),
                Err(Error::SheetRefused { .. } | Error::BadSheet(_)) => {
                    prop_assert_eq!((export(&portfolio), change_count(&target.path)), before);
                }
                Err(other) => prop_assert!(false, "unexpected error {}", other),
            }
        }
        Ok(())
    });
}

#[test]
fn a_damaged_workbook_never_panics_or_writes_half() {
    let target = target();
    run(64, mutated(&seeds().xlsx), |bytes| {
        let mut portfolio = Portfolio::open(&target.path, stamp().at).unwrap();
        let before = (export(&portfolio), change_count(&target.path));
        match sheets::import(&mut portfolio, &stamp(), SheetKind::Initiatives, &bytes, "x.xlsx", Language::Sv) {
            Ok(_) => {}
            Err(Error::SheetRefused { .. } | Error::BadSheet(_)) => {
                prop_assert_eq!((export(&portfolio), change_count(&target.path)), before);
            }
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
        Ok(())
    });
}

#[test]
fn a_damaged_portfolio_export_imports_whole_or_not_at_all() {
    run(32, mutated(seeds().json.as_bytes()), |bytes| {
        let workspace = Workspace::new();
        let mut portfolio = workspace.new_portfolio();
        let before = (export(&portfolio), change_count(portfolio.path()));
        let Ok(data) = PortfolioData::from_json(&String::from_utf8_lossy(&bytes)) else { return Ok(()) };
        if portfolio.write(&stamp(), |w| data.replace_into(w, "fuzz")).is_err() {
            prop_assert_eq!((export(&portfolio), change_count(portfolio.path())), before);
        }
        Ok(())
    });
}

/// What an attacker does to a valid response's content (the checksum is always recomputed).
#[derive(Debug, Clone)]
enum Attack {
    /// Makes it another member's (one of the meeting's, by index), with that member's id and name.
    ReAddress(usize),
    /// Gives it another time: any text.
    ReDate(String),
    /// Changes a score's value (`None`: "don't know").
    Rescore(usize, Option<u8>),
    /// Changes a score's comment.
    Recomment(usize, String),
    /// Names another member's package.
    OtherPackage,
    /// Removes every score (which once removed all of a member's scores).
    Empty,
}

fn attack() -> impl Strategy<Value = Attack> {
    prop_oneof![
        (0..9usize).prop_map(Attack::ReAddress),
        prop_oneof![
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z",
            "20(2[6-9]|[3-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z",
            ".{0,24}",
        ]
        .prop_map(Attack::ReDate),
        (0..27usize, prop::option::of(0..6u8)).prop_map(|(cell, value)| Attack::Rescore(cell, value)),
        (0..27usize, ".{0,40}").prop_map(|(cell, text)| Attack::Recomment(cell, text)),
        Just(Attack::OtherPackage),
        Just(Attack::Empty),
    ]
}

impl Attack {
    fn apply(&self, content: &mut serde_json::Value) {
        let seeds = seeds();
        let score = |content: &mut serde_json::Value, cell: usize| {
            let scores = content["scores"].as_array_mut().unwrap();
            let len = scores.len();
            scores[cell % len].clone()
        };
        match self {
            Attack::ReAddress(index) => {
                let (id, name) = &seeds.members[index % seeds.members.len()];
                content["member"] = serde_json::json!({"id": id, "name": name});
            }
            Attack::ReDate(text) => content["responded_at"] = text.clone().into(),
            Attack::Rescore(cell, value) => {
                let mut changed = score(content, *cell);
                changed["value"] = serde_json::json!(value);
                let len = content["scores"].as_array().unwrap().len();
                content["scores"][cell % len] = changed;
            }
            Attack::Recomment(cell, text) => {
                let len = content["scores"].as_array().unwrap().len();
                content["scores"][cell % len]["comment"] = text.clone().into();
            }
            Attack::OtherPackage => content["package_checksum"] = seeds.other_package.checksum.clone().into(),
            Attack::Empty => content["scores"] = serde_json::json!([]),
        }
    }
}

/// Forged responses are refused, alone or beside a genuine one, and the portfolio stays byte for byte as it was:
/// re-addressed, re-dated, rescored or emptied responses with the checksum recomputed and the MAC kept, removed or
/// made with another member's key; and, with the member's own key, times that are no time or in the future.
#[test]
fn a_forged_response_is_refused_and_the_portfolio_stays_byte_for_byte_as_it_was() {
    let target = target();
    let seeds = seeds();
    let genuine = IncomingResponse { name: "svar".into(), bytes: seeds.response.clone() };
    let own_key = package::open(&seeds.package).unwrap().content.response_key;
    let other_key = seeds.other_package.content.response_key.clone();
    let now = import_stamp().at;
    let keyless = (attack(), 0..3usize, any::<bool>()).prop_map(move |(attack, seal, with_genuine)| {
        let seal = match seal {
            0 => Seal::Kept,
            1 => Seal::None,
            _ => Seal::Key(other_key.clone()),
        };
        (attack, seal, with_genuine)
    });
    // The member's own key signs anything; only times that are no time or lie in the future are then refused.
    let no_time = ".{0,24}".prop_filter("not a time", |t| t.parse::<Timestamp>().is_err()).prop_map(Attack::ReDate);
    let future = (6 * 60..4_000_000_000i64)
        .prop_map(move |seconds| Attack::ReDate(now.checked_add(TimeDelta::seconds(seconds)).unwrap().to_string()));
    let own = (prop_oneof![no_time, future], any::<bool>())
        .prop_map(move |(attack, with_genuine)| (attack, Seal::Key(own_key.clone()), with_genuine));
    run(128, prop_oneof![keyless, own], |(attack, seal, with_genuine)| {
        let forgery = forged(&genuine, |content| attack.apply(content), seal.clone());
        let unchanged = package::read_response(&forgery.bytes).map(|r| r.content).ok()
            == package::read_response(&genuine.bytes).map(|r| r.content).ok();
        if unchanged && matches!(seal, Seal::Kept) {
            // The "attack" changed nothing (the same member, value or time): this is the genuine response.
            return Ok(());
        }
        let mut portfolio = Portfolio::open(&target.path, stamp().at).unwrap();
        let before = (on_disk(&target.path), export(&portfolio), change_count(&target.path));
        let files = if with_genuine { vec![genuine.clone(), forgery] } else { vec![forgery] };
        let outcome = package::import(&mut portfolio, &import_stamp(), Some(2), &files);
        prop_assert!(
            matches!(outcome, Err(Error::Refused(_))),
            "{:?} sealed {:?} was not refused: {:?}",
            attack,
            seal,
            outcome
        );
        let preview = package::preview(&mut portfolio, &import_stamp(), Some(2), &files).unwrap();
        prop_assert_eq!(preview.refused, 1);
        prop_assert_eq!((on_disk(&target.path), export(&portfolio), change_count(&target.path)), before);
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The shapes of sheets and exports that come back from people's own tools: some columns only, amounts near a
// whole öre or beyond the limit, duplicates. Each importer either refuses (and nothing is written) or imports,
// and then every field the file did not name is as it was, every amount is within the limit, and the
// portfolio's own export imports again.

/// The sample portfolio, made once; each case works on a copy of its file.
fn sample_file() -> &'static std::path::Path {
    static SAMPLE: OnceLock<(Workspace, std::path::PathBuf)> = OnceLock::new();
    let (_, path) = SAMPLE.get_or_init(|| {
        let workspace = Workspace::new();
        let path = workspace.sample().path().to_path_buf();
        (workspace, path)
    });
    path
}

fn sample_copy(workspace: &Workspace) -> Portfolio {
    let path = workspace.path("kopia.samordna");
    std::fs::copy(sample_file(), &path).unwrap();
    Portfolio::open(&path, stamp().at).unwrap()
}

/// The portfolio's export imports into a new portfolio, and exports the same again.
fn exports_and_imports_again(portfolio: &Portfolio) -> Result<(), TestCaseError> {
    let exported = export(portfolio);
    let workspace = Workspace::new();
    let mut fresh = workspace.new_portfolio();
    let data = PortfolioData::from_json(&exported).unwrap();
    let imported = fresh.write(&stamp(), |w| data.replace_into(w, "igen"));
    prop_assert!(imported.is_ok(), "the export does not import: {:?}", imported.err());
    prop_assert_eq!(export(&fresh), exported);
    Ok(())
}

fn all_amounts_within_limit(data: &PortfolioData) -> bool {
    let costs = data.initiatives.iter().flat_map(|i| i.costs.iter().flat_map(|c| [c.development, c.management]));
    let prices = data.services.iter().filter_map(|s| s.price);
    costs.chain(prices).all(|m| m.within_limit())
}

/// An amount as a cell might hold it.
fn amount_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (0i64..100_000_000_000).prop_map(|ore| format!("{},{:02}", ore / 100, ore % 100)),
        // A formula's result: the nearest double to a whole öre times 1.1.
        (0i64..10_000_000).prop_map(|kronor| (kronor as f64 * 1.1).to_string()),
        (0i64..1_000_000).prop_map(|kronor| format!("{kronor},{:03}", kronor % 1000)),
        Just("90 000 000 000 000 000".to_string()),
        Just("1 000 000 000 000,00".to_string()),
        Just("1 000 000 000 000,01".to_string()),
        Just("-5".to_string()),
        Just(String::new()),
    ]
}

/// Columns an initiatives sheet may have, beyond the case number.
fn initiative_columns() -> Vec<String> {
    let mut columns = vec!["Titel".to_string(), "Särskilt följd".to_string(), "Beskrivning".to_string()];
    for year in 2025..=2031 {
        columns.push(format!("Utveckling {year} (kr)"));
        columns.push(format!("Förvaltning {year} (kr)"));
    }
    columns
}

/// A `;`-separated text as a workbook: cells that read as a number (with a decimal comma, spaces between groups)
/// are written as numbers, the rest as text.
fn workbook(text: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            let number: String = cell.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(',', ".");
            match number.parse::<f64>() {
                Ok(value) if r > 0 && !cell.is_empty() => sheet.write_number(r as u32, c as u16, value),
                _ if cell.is_empty() => continue,
                _ => sheet.write_string(r as u32, c as u16, cell),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_with_some_columns_changes_only_those_fields_or_nothing() {
    let all_columns = initiative_columns();
    let strategy = (
        prop::sample::subsequence(all_columns.clone(), 1..8),
        prop::collection::vec((0usize..44, prop::collection::vec(amount_text(), 17)), 1..4),
        any::<bool>(),
    );
    run(24, strategy, |(columns, rows, as_workbook)| {
        let workspace = Workspace::new();
        let mut portfolio = sample_copy(&workspace);
        let before_data = PortfolioData::read(&portfolio.read()).unwrap();
        let before = (export(&portfolio), change_count(portfolio.path()));
        let mut text = format!("Diarienummer;{}\n", columns.join(";"));
        let mut touched = std::collections::BTreeSet::new();
        for (index, values) in &rows {
            let case = &before_data.initiatives[*index].case_number;
            touched.insert(case.clone());
            let cells: Vec<String> = columns
                .iter()
                .zip(values)
                .map(|(column, value)| match column.as_str() {
                    "Titel" => format!("Ny titel {index}"),
                    "Särskilt följd" => "Ja".into(),
                    "Beskrivning" => "Ändrad".into(),
                    _ => value.clone(),
                })
                .collect();
            text.push_str(&format!("{case};{}\n", cells.join(";")));
        }
        // The same rows as a workbook, where a number is a binary double (a formula's result stays one).
        let bytes = if as_workbook { workbook(&text) } else { text.into_bytes() };
        match sheets::import(&mut portfolio, &stamp(), SheetKind::Initiatives, &bytes, "x", Language::Sv) {
            Err(Error::SheetRefused { .. }) => {
                prop_assert_eq!((export(&portfolio), change_count(portfolio.path())), before);
            }
            Err(other) => prop_assert!(false, "unexpected error {}", other),
            Ok(_) => {
                let after = PortfolioData::read(&portfolio.read()).unwrap();
                prop_assert!(all_amounts_within_limit(&after));
                let has = |name: &str| columns.iter().any(|c| c == name);
                for (old, new) in before_data.initiatives.iter().zip(&after.initiatives) {
                    prop_assert_eq!(old.id, new.id);
                    if !touched.contains(&old.case_number) {
                        prop_assert_eq!(old, new);
                        continue;
                    }
                    if !has("Titel") {
                        prop_assert_eq!(&old.title, &new.title);
                    }
                    if !has("Beskrivning") {
                        prop_assert_eq!(&old.description, &new.description);
                    }
                    prop_assert_eq!(&old.owner_id, &new.owner_id);
                    prop_assert_eq!(&old.customer_ids, &new.customer_ids);
                    // A year the sheet has no column for keeps its amount.
                    for cost in &old.costs {
                        let kept = new.costs.iter().find(|c| c.year == cost.year);
                        if !has(&format!("Utveckling {} (kr)", cost.year)) {
                            prop_assert_eq!(kept.map(|c| c.development), Some(cost.development));
                        }
                        if !has(&format!("Förvaltning {} (kr)", cost.year)) {
                            prop_assert_eq!(kept.map(|c| c.management), Some(cost.management));
                        }
                    }
                }
                exports_and_imports_again(&portfolio)?;
            }
        }
        Ok(())
    });
}

#[test]
fn an_export_with_huge_amounts_duplicates_or_a_byte_order_mark_imports_whole_and_sound_or_not_at_all() {
    let sample = seeds().json.clone();
    let data = PortfolioData::from_json(&sample).unwrap();
    let edits = prop_oneof![
        (
            0usize..data.initiatives.len(),
            prop_oneof![
                Just(i64::MAX),
                Just(Money::LIMIT.ore() + 1),
                Just(Money::LIMIT.ore()),
                Just(-Money::LIMIT.ore() - 1),
                0i64..1_000_000
            ]
        )
            .prop_map(|(i, ore)| (0u8, i, ore)),
        (
            0usize..data.services.len(),
            prop_oneof![Just(i64::MAX), Just(Money::LIMIT.ore() + 1), Just(Money::LIMIT.ore())]
        )
            .prop_map(|(i, ore)| (1u8, i, ore)),
        (0usize..data.initiatives.len(), 0usize..data.initiatives.len()).prop_map(|(a, b)| (2u8, a, b as i64)),
        (0usize..data.services.len(), 0usize..data.services.len()).prop_map(|(a, b)| (3u8, a, b as i64)),
    ];
    run(32, (prop::collection::vec(edits, 1..4), any::<bool>()), |(edits, bom)| {
        let mut edited = data.clone();
        for (what, index, value) in edits {
            match what {
                0 => {
                    if let Some(cost) = edited.initiatives[index].costs.first_mut() {
                        cost.development = Money::from_ore(value);
                    }
                }
                1 => edited.services[index].price = Some(Money::from_ore(value)),
                2 => {
                    let case = edited.initiatives[value as usize].case_number.to_lowercase();
                    edited.initiatives[index].case_number = format!(" {case}");
                }
                _ => {
                    let name = edited.services[value as usize].name.to_uppercase();
                    edited.services[index].name = name;
                }
            }
        }
        let mut text = edited.to_json();
        if bom {
            text.insert(0, '\u{feff}');
        }
        let workspace = Workspace::new();
        let mut portfolio = workspace.new_portfolio();
        let before = (export(&portfolio), change_count(portfolio.path()));
        let parsed = PortfolioData::from_json(&text);
        prop_assert!(parsed.is_ok(), "a byte-order mark or an edit made it unreadable: {:?}", parsed.err());
        match portfolio.write(&stamp(), |w| parsed.unwrap().replace_into(w, "egenskap")) {
            Err(Error::BadImport(message)) => {
                prop_assert!(!message.contains("UNIQUE"), "a duplicate is named: {}", message);
                prop_assert_eq!((export(&portfolio), change_count(portfolio.path())), before);
            }
            Err(Error::Invalid { .. }) => {
                prop_assert_eq!((export(&portfolio), change_count(portfolio.path())), before);
            }
            Err(other) => prop_assert!(false, "unexpected error {}", other),
            Ok(()) => {
                prop_assert!(all_amounts_within_limit(&PortfolioData::read(&portfolio.read()).unwrap()));
                exports_and_imports_again(&portfolio)?;
            }
        }
        Ok(())
    });
}

/// Every importable kind's own export (Swedish), as the rows of text a user's CSV would hold, made once.
fn exported_grids() -> &'static Vec<(SheetKind, Vec<Vec<String>>)> {
    static GRIDS: OnceLock<Vec<(SheetKind, Vec<Vec<String>>)>> = OnceLock::new();
    GRIDS.get_or_init(|| {
        let workspace = Workspace::new();
        let portfolio = Portfolio::open(sample_file(), stamp().at).unwrap();
        drop(workspace);
        SheetKind::ALL
            .into_iter()
            .filter(|kind| kind.importable())
            .map(|kind| {
                let table = sheets::table(&portfolio.read(), kind, Language::Sv).unwrap();
                let text = |cell: &sheets::Cell| match cell {
                    sheets::Cell::Text(s) => s.clone(),
                    sheets::Cell::Money(m) => format!("{},{:02}", m.ore() / 100, (m.ore() % 100).abs()),
                    sheets::Cell::Number(d) => d.to_string().replace('.', ","),
                    sheets::Cell::Date(d) => d.to_string(),
                    sheets::Cell::Empty => String::new(),
                };
                let mut rows = vec![table.headers.clone()];
                rows.extend(table.rows.iter().map(|row| row.iter().map(text).collect()));
                (kind, rows)
            })
            .collect()
    })
}

/// Rows as a `;`-separated CSV, every cell quoted.
fn csv_of(rows: &[Vec<String>]) -> Vec<u8> {
    let quote = |cell: &String| format!("\"{}\"", cell.replace('"', "\"\""));
    rows.iter()
        .map(|row| row.iter().map(quote).collect::<Vec<_>>().join(";"))
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

#[test]
fn any_sheet_kind_changed_at_random_imports_into_a_sound_portfolio_or_not_at_all() {
    // Issue 28: after any sheet import the portfolio passes every check of a portfolio import (store::whole), so
    // its own export imports again; a refused sheet changes nothing. Each kind's own export, with cells replaced by
    // other cells' values (names of other records, other columns' values), emptied, or given amounts at the limit.
    let grids = exported_grids();
    let strategy = (
        0..grids.len(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            1..5,
        ),
    );
    let accepted = std::sync::atomic::AtomicUsize::new(0);
    let refused = std::sync::atomic::AtomicUsize::new(0);
    run(42, strategy, |(which, changes)| {
        let (kind, rows) = &grids[which];
        let mut rows = rows.clone();
        let mut pool: Vec<String> = rows.iter().skip(1).flatten().cloned().collect();
        pool.extend(["", "Ja", "-1", "1 000 000 000 000,01", "2101", "Okänd organisation"].map(String::from));
        if rows.len() > 1 {
            for (row, column, value) in &changes {
                let r = 1 + row.index(rows.len() - 1);
                let c = column.index(rows[0].len());
                if let Some(cell) = rows[r].get_mut(c) {
                    *cell = value.get(&pool).clone();
                }
            }
        }
        let workspace = Workspace::new();
        let mut portfolio = sample_copy(&workspace);
        let before = (export(&portfolio), change_count(portfolio.path()));
        match sheets::import(&mut portfolio, &stamp(), *kind, &csv_of(&rows), "slump.csv", Language::Sv) {
            Ok(_) => {
                accepted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                exports_and_imports_again(&portfolio)?
            }
            Err(Error::SheetRefused { .. } | Error::BadSheet(_)) => {
                refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                prop_assert_eq!((export(&portfolio), change_count(portfolio.path())), before, "{:?}", kind);
            }
            Err(other) => prop_assert!(false, "{:?}: unexpected error {}", kind, other),
        }
        Ok(())
    });
    // Both ways were tried: some changes are accepted (and sound), others refused.
    assert!(accepted.into_inner() > 0 && refused.into_inner() > 0, "the changes were all accepted or all refused");
}
