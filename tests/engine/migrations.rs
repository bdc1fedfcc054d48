//! Migrations: empty → latest, and every older version → latest, give the same schema; opening an older file
//! backs it up first.

use rusqlite::Connection;
use samordna::Portfolio;
use samordna::store::backup::{self, Reason};
use samordna::store::schema::{self, APPLICATION_ID, LATEST_VERSION};

use crate::support::{Workspace, at, stamp};

/// The schema as SQLite describes it, for comparison.
fn schema_of(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    let mut statement = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A file with our application id at schema version `version`, as an older Samordna would have left it.
fn file_at_version(path: &std::path::Path, version: i64) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
    schema::migrate_to(&mut conn, version).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), version);
}

#[test]
fn empty_database_migrates_to_latest() {
    let mut conn = Connection::open_in_memory().unwrap();
    assert_eq!(schema::version(&conn).unwrap(), 0);
    schema::migrate_to(&mut conn, LATEST_VERSION).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), LATEST_VERSION);
    let names: Vec<String> = schema_of(&conn).into_iter().map(|(_, name, _)| name).collect();
    for table in ["organisation", "provider", "service", "initiative", "change", "change_field"] {
        assert!(names.contains(&table.to_string()), "{table} missing from {names:?}");
    }
    // Migrating again is a no-op.
    schema::migrate_to(&mut conn, LATEST_VERSION).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), LATEST_VERSION);
}

#[test]
fn every_older_version_opens_migrated_after_a_backup() {
    let fresh = Workspace::new();
    let expected = {
        let portfolio = fresh.new_portfolio();
        drop(portfolio);
        schema_of(&Connection::open(fresh.path("test.samordna")).unwrap())
    };
    for version in 0..LATEST_VERSION {
        let workspace = Workspace::new();
        let path = workspace.path("old.samordna");
        file_at_version(&path, version);
        let opened = Portfolio::open(&path, at("2026-11-26T10:15:30Z")).unwrap();
        drop(opened);
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema::version(&conn).unwrap(), LATEST_VERSION, "from version {version}");
        assert_eq!(schema_of(&conn), expected, "from version {version}");

        // The backup before the migration is in the backups folder, listed as such, in the old version.
        let backups = backup::list(&path).unwrap();
        assert_eq!(backups.len(), 1, "one backup before migrating from {version}: {backups:?}");
        assert_eq!(backups[0].reason, Reason::BeforeUpgrade);
        assert_eq!(backups[0].at, "2026-11-26T10:15:30Z");
        // Named in Swedish time (CET, +01:00 in November).
        assert!(backups[0].path.ends_with(".samordna-backups/old 20261126T111530+0100 före uppgradering.samordna"));
        let copy = Connection::open(&backups[0].path).unwrap();
        assert_eq!(schema::version(&copy).unwrap(), version, "the backup keeps the old version");
    }
}

#[test]
fn opening_a_current_file_writes_no_copy() {
    let workspace = Workspace::new();
    drop(workspace.new_portfolio());
    let path = workspace.path("test.samordna");
    drop(Portfolio::open(&path, stamp().at).unwrap());
    assert_eq!(backup::list(&path).unwrap(), Vec::new());
}

#[test]
fn the_backup_before_an_upgrade_outlives_the_rolling_backups() {
    let workspace = Workspace::new();
    let path = workspace.path("old.samordna");
    file_at_version(&path, LATEST_VERSION - 1);
    let portfolio = Portfolio::open(&path, at("2026-11-01T08:00:00Z")).unwrap();
    for day in 2..=25 {
        portfolio.backup_if_due(at(&format!("2026-11-{day:02}T09:00:00Z"))).unwrap().expect("a daily backup");
    }
    let backups = backup::list(&path).unwrap();
    let (upgrade, rolling): (Vec<_>, Vec<_>) = backups.iter().partition(|b| b.reason == Reason::BeforeUpgrade);
    assert_eq!(rolling.len(), backup::KEEP, "the newest {} daily backups are kept", backup::KEEP);
    assert_eq!(rolling[0].at, "2026-11-25T09:00:00Z");
    assert_eq!(upgrade.len(), 1, "the backup before the upgrade is kept: {backups:?}");
    assert_eq!(upgrade[0].at, "2026-11-01T08:00:00Z");
}

#[test]
fn migrations_are_append_only_and_numbered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files.len() as i64, LATEST_VERSION, "every migration file is embedded: {files:?}");
    for (i, file) in files.iter().enumerate() {
        assert!(file.starts_with(&format!("{:04}_", i + 1)), "{file} is out of sequence");
    }
}
