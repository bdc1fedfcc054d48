//! Rolling backups and restoring one: a day apart, the newest kept, a restore that can itself be undone, and
//! refusals that leave everything as it was.

use samordna::domain::Organisation;
use samordna::store::backup::{self, KEEP};
use samordna::{Error, Portfolio};

use crate::support::{Workspace, at, export, organisation, stamp};

#[test]
fn a_backup_is_made_once_a_day_and_the_newest_are_kept() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let path = portfolio.path().to_path_buf();
    assert!(backup::list(&path).unwrap().is_empty());
    let first = portfolio.backup_if_due(at("2026-11-01T08:00:00Z")).unwrap().expect("none yet: one is made");
    assert!(first.path.starts_with(workspace.path(".samordna-backups")));
    assert!(portfolio.backup_if_due(at("2026-11-01T20:00:00Z")).unwrap().is_none(), "not again the same day");
    assert!(portfolio.backup_if_due(at("2026-11-02T08:00:00Z")).unwrap().is_some(), "a day later");
    for day in 3..=25 {
        portfolio.backup_if_due(at(&format!("2026-11-{day:02}T08:00:00Z"))).unwrap().unwrap();
    }
    let backups = backup::list(&path).unwrap();
    assert_eq!(backups.len(), KEEP);
    assert_eq!(backups[0].at, "2026-11-25T08:00:00Z", "newest first");
    assert_eq!(backups[KEEP - 1].at, "2026-11-12T08:00:00Z", "the oldest went");
    // A backup is a whole portfolio of its own.
    let copy = Portfolio::open_read_only(&backups[0].path).unwrap();
    assert_eq!(copy.read().initiatives().unwrap().len(), 44);
}

#[test]
fn a_restore_brings_back_the_backup_and_keeps_what_it_replaced() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let path = portfolio.path().to_path_buf();
    let made = portfolio.backup(at("2026-11-20T08:00:00Z"), backup::Reason::Manual, KEEP).unwrap();
    assert!(made.path.to_string_lossy().ends_with("sample 20261120T080000Z manuell.samordna"));
    let original = export(&portfolio);
    portfolio.write(&stamp(), |w| w.create(organisation("Nämnden som kom efter"))).unwrap();
    let changed = export(&portfolio);

    // Not while the portfolio is open for writing (the app, here this process).
    let error = backup::restore(&path, &made.path, at("2026-11-27T09:00:00Z")).unwrap_err();
    assert!(matches!(error, Error::Busy { .. }), "{error}");
    drop(portfolio);

    let before = backup::restore(&path, &made.path, at("2026-11-27T09:00:00Z")).unwrap();
    assert_eq!(before.reason, backup::Reason::BeforeRestore);
    let listed = backup::list(&path).unwrap();
    assert_eq!(listed[0], before, "listed newest first, with why it was made");
    let restored = Portfolio::open(&path, at("2026-11-27T09:01:00Z")).unwrap();
    assert_eq!(export(&restored), original);
    let names: Vec<String> =
        restored.read().organisations().unwrap().into_iter().map(|o: Organisation| o.name).collect();
    assert!(!names.contains(&"Nämnden som kom efter".to_string()));
    drop(restored);
    // The portfolio as it was before the restore is itself a backup: the restore can be undone.
    backup::restore(&path, &before.path, at("2026-11-27T09:02:00Z")).unwrap();
    assert_eq!(export(&Portfolio::open(&path, at("2026-11-27T09:03:00Z")).unwrap()), changed);

    // Something that is not a portfolio is refused, and the portfolio is untouched.
    let junk = workspace.path(".samordna-backups/sample 20261126T100000Z.samordna");
    std::fs::write(&junk, "inte en portfölj").unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let error = backup::restore(&path, &junk, at("2026-11-27T09:04:00Z")).unwrap_err();
    assert!(matches!(error, Error::NotAPortfolio { .. }), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}
