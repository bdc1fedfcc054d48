//! Every importer against malformed input (see docs/robustness.md): packages, responses, CSV, XLSX and portfolio
//! JSON, as random bytes and as valid files with bytes flipped, cut off or inserted. None may panic, and an import
//! that fails leaves the portfolio exactly as it was.

use std::sync::OnceLock;

use proptest::prelude::*;
use samordna::domain::Language;
use samordna::interchange::PortfolioData;
use samordna::package::{self, IncomingResponse, Package};
use samordna::sheets::{self, SheetKind};
use samordna::{Error, Portfolio};

use crate::support::{Workspace, at, change_count, export, stamp};

/// Valid files to mutate, made once: a package, a response to it, an XLSX export and the portfolio as JSON.
struct Seeds {
    package: Vec<u8>,
    response: Vec<u8>,
    xlsx: Vec<u8>,
    csv: Vec<u8>,
    json: String,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let workspace = Workspace::new();
        let mut portfolio = workspace.sample();
        let file = package::export(&mut portfolio, &stamp(), 2, Language::Sv).unwrap();
        let opened: Package = package::open(&file.bytes).unwrap();
        let member = opened.content.members[0].id;
        let scores = opened
            .cells()
            .into_iter()
            .map(|(initiative_id, criterion_id)| package::ResponseScore {
                initiative_id,
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
        Seeds { package: file.bytes, response: response.bytes, xlsx, csv, json: export(&portfolio) }
    })
}

/// A sample portfolio that exported the seed package (the same portfolio at the same moment writes the same
/// package), so mutated responses get past the first checks.
struct Target {
    _workspace: Workspace,
    path: std::path::PathBuf,
}

fn target() -> Target {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let file = package::export(&mut portfolio, &stamp(), 2, Language::Sv).unwrap();
    assert_eq!(file.bytes, seeds().package, "packages are deterministic");
    let path = portfolio.path().to_path_buf();
    Target { _workspace: workspace, path }
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
        match package::import(&mut portfolio, &stamp(), Some(2), &files) {
            Err(Error::Refused(_)) => prop_assert_eq!((export(&portfolio), change_count(&target.path)), before),
            Err(other) => prop_assert!(false, "unexpected error {}", other),
            Ok(_) => {
                // Only a change outside the checksummed content passes: the response is the original one.
                let (content, _) = package::read_response(&bytes).unwrap();
                let (original, _) = package::read_response(&seeds().response).unwrap();
                prop_assert_eq!(content, original);
            }
        }
        Ok(())
    });
}

#[test]
fn random_and_damaged_csv_never_panics_or_writes_half() {
    let target = target();
    let kinds = vec![SheetKind::Initiatives, SheetKind::Services, SheetKind::Organisations, SheetKind::Benefits];
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
