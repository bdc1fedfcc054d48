//! Opening checks: files that are not ours, newer, or damaged are refused and left exactly as they were.

use rusqlite::Connection;
use samordna::store::schema::LATEST_VERSION;
use samordna::{Error, Portfolio};

use crate::support::{Workspace, organisation, stamp};

/// Opens `name` and returns the error, asserting that the file's bytes and the folder did not change.
fn refused(workspace: &Workspace, name: &str) -> Error {
    let path = workspace.path(name);
    let before = std::fs::read(&path).unwrap();
    let files = workspace.files();
    let error = Portfolio::open(&path, stamp().at).expect_err("must be refused");
    assert_eq!(std::fs::read(&path).unwrap(), before, "{name} was changed");
    assert_eq!(workspace.files(), files, "files appeared next to {name}");
    error
}

#[test]
fn a_text_file_is_not_a_portfolio() {
    let workspace = Workspace::new();
    std::fs::write(workspace.path("notes.samordna"), "Dagordning för mötet den 3 december\n".repeat(20)).unwrap();
    assert!(matches!(refused(&workspace, "notes.samordna"), Error::NotAPortfolio { .. }));
}

#[test]
fn an_empty_file_is_not_a_portfolio() {
    let workspace = Workspace::new();
    std::fs::write(workspace.path("empty.samordna"), "").unwrap();
    assert!(matches!(refused(&workspace, "empty.samordna"), Error::NotAPortfolio { .. }));
}

#[test]
fn another_applications_database_is_not_a_portfolio() {
    let workspace = Workspace::new();
    let conn = Connection::open(workspace.path("other.db")).unwrap();
    conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);").unwrap();
    drop(conn);
    let error = refused(&workspace, "other.db");
    assert!(matches!(error, Error::NotAPortfolio { .. }));
    assert_eq!(error.code(), "not_a_portfolio");
    assert!(error.to_string().contains("is not a Samordna portfolio"));
}

#[test]
fn a_missing_file_is_reported_as_missing() {
    let workspace = Workspace::new();
    let error = Portfolio::open(&workspace.path("nowhere.samordna"), stamp().at).unwrap_err();
    assert!(matches!(error, Error::FileNotFound { .. }), "{error}");
    assert!(workspace.files().is_empty());
}

#[test]
fn a_newer_schema_is_refused_with_both_versions() {
    let workspace = Workspace::new();
    drop(workspace.new_portfolio());
    let path = workspace.path("test.samordna");
    Connection::open(&path).unwrap().pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
    match refused(&workspace, "test.samordna") {
        Error::NewerSchema { found, supported, .. } => {
            assert_eq!((found, supported), (LATEST_VERSION + 1, LATEST_VERSION));
        }
        other => panic!("expected NewerSchema, got {other}"),
    }
}

#[test]
fn a_damaged_file_is_refused() {
    let workspace = Workspace::new();
    {
        let mut portfolio = workspace.new_portfolio();
        portfolio
            .write(&stamp(), |w| {
                for i in 0..400 {
                    w.create(organisation(&format!("Förvaltning nummer {i} med ett långt namn för fler sidor")))?;
                }
                Ok(())
            })
            .unwrap();
    }
    let path = workspace.path("test.samordna");
    let mut bytes = std::fs::read(&path).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    assert!(bytes.len() > page_size * 6, "the file needs several pages");
    // Overwrite the middle of the file, past the header page, with garbage.
    for byte in &mut bytes[page_size * 3..page_size * 5] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = refused(&workspace, "test.samordna");
    assert!(matches!(error, Error::Damaged { .. }), "{error}");
    assert_eq!(error.code(), "damaged");
}

#[test]
fn create_refuses_to_overwrite() {
    let workspace = Workspace::new();
    std::fs::write(workspace.path("test.samordna"), "keep me").unwrap();
    let error = Portfolio::create(&workspace.path("test.samordna"), &stamp()).unwrap_err();
    assert!(matches!(error, Error::FileExists { .. }));
    assert_eq!(std::fs::read_to_string(workspace.path("test.samordna")).unwrap(), "keep me");
}

#[test]
fn a_new_portfolio_is_marked_as_ours_in_wal_mode_with_the_default_providers() {
    let workspace = Workspace::new();
    let portfolio = workspace.new_portfolio();
    let names: Vec<String> = portfolio.read().providers().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Demokrati och medborgarservice", "Inköp och upphandling", "Intraservice"]);
    assert!(portfolio.read().is_blank().unwrap());
    drop(portfolio);
    let bytes = std::fs::read(workspace.path("test.samordna")).unwrap();
    assert_eq!(&bytes[68..72], b"SAMO", "application id in the header");
    let conn = Connection::open(workspace.path("test.samordna")).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    // Nothing but the portfolio is left behind once it is closed.
    drop(conn);
    assert_eq!(workspace.files(), ["test.samordna"]);
}

#[test]
fn save_copy_writes_one_self_contained_file() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let copy = workspace.path("kopia.samordna");
    portfolio.save_copy(&copy, false).unwrap();
    assert!(matches!(portfolio.save_copy(&copy, false), Err(Error::FileExists { .. })));
    portfolio.save_copy(&copy, true).unwrap();
    let reopened = Portfolio::open(&copy, stamp().at).unwrap();
    assert_eq!(crate::support::export(&reopened), crate::support::export(&portfolio));
    assert!(
        matches!(portfolio.save_copy(&workspace.path("sample.samordna"), true), Err(Error::ProtectedOutput { .. })),
        "a copy over the open file itself is refused"
    );
}
