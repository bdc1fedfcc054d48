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
    assert!(made.path.to_string_lossy().ends_with("sample 20261120T090000+0100 manuell.samordna"), "{made:?}");
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

#[test]
fn backups_are_named_in_swedish_time_and_older_utc_names_are_still_read() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let path = portfolio.path().to_path_buf();
    let name = |made: &backup::Backup| made.path.file_name().unwrap().to_string_lossy().into_owned();
    // 00:30 in Göteborg, in winter (CET) and in summer (CEST): the name carries the Swedish date and time.
    let winter = portfolio.backup(at("2026-12-01T23:30:00Z"), backup::Reason::Manual, KEEP).unwrap();
    assert_eq!(name(&winter), "sample 20261202T003000+0100 manuell.samordna");
    let summer = portfolio.backup(at("2026-06-30T22:30:00Z"), backup::Reason::Manual, KEEP).unwrap();
    assert_eq!(name(&summer), "sample 20260701T003000+0200 manuell.samordna");
    // The hour that repeats when summer time ends stays two different times.
    let first = portfolio.backup(at("2026-10-25T00:30:00Z"), backup::Reason::Daily, KEEP).unwrap();
    let second = portfolio.backup(at("2026-10-25T01:30:00Z"), backup::Reason::Daily, KEEP).unwrap();
    assert_eq!(name(&first), "sample 20261025T023000+0200.samordna");
    assert_eq!(name(&second), "sample 20261025T023000+0100.samordna");
    // A backup an earlier version named in UTC.
    let old = workspace.path(".samordna-backups/sample 20261126T100000Z före återställning.samordna");
    std::fs::copy(&winter.path, &old).unwrap();
    let listed: Vec<(String, backup::Reason)> =
        backup::list(&path).unwrap().into_iter().map(|b| (b.at, b.reason)).collect();
    assert_eq!(
        listed,
        [
            ("2026-12-01T23:30:00Z".to_string(), backup::Reason::Manual),
            ("2026-11-26T10:00:00Z".to_string(), backup::Reason::BeforeRestore),
            ("2026-10-25T01:30:00Z".to_string(), backup::Reason::Daily),
            ("2026-10-25T00:30:00Z".to_string(), backup::Reason::Daily),
            ("2026-06-30T22:30:00Z".to_string(), backup::Reason::Manual),
        ]
    );
    // The day's backup counts from the newest, whatever its name's form.
    assert!(portfolio.backup_if_due(at("2026-12-02T23:00:00Z")).unwrap().is_none());
    assert!(portfolio.backup_if_due(at("2026-12-02T23:30:00Z")).unwrap().is_some());
}

#[test]
fn backups_in_the_same_second_never_replace_one_another() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let path = portfolio.path().to_path_buf();
    let now = at("2026-11-20T08:00:00Z");
    let first = portfolio.backup(now, backup::Reason::Manual, KEEP).unwrap();
    let first_bytes = std::fs::read(&first.path).unwrap();
    portfolio.write(&stamp(), |w| w.create(organisation("Nämnden i samma sekund"))).unwrap();
    let second = portfolio.backup(now, backup::Reason::Manual, KEEP).unwrap();
    let third = portfolio.backup(now, backup::Reason::Manual, KEEP).unwrap();
    assert_ne!(first.path, second.path);
    assert!(second.path.to_string_lossy().ends_with("sample 20261120T090000+0100-2 manuell.samordna"), "{second:?}");
    assert!(third.path.to_string_lossy().ends_with("sample 20261120T090000+0100-3 manuell.samordna"), "{third:?}");
    assert_eq!(std::fs::read(&first.path).unwrap(), first_bytes, "the first backup is as it was made");
    // Listed newest first: the later numbers before the first.
    let listed: Vec<_> = backup::list(&path).unwrap().into_iter().map(|b| b.path).collect();
    assert_eq!(listed, vec![third.path.clone(), second.path.clone(), first.path.clone()]);
    // The first holds the portfolio without the later organisation, the second with it.
    let names = |p: &std::path::Path| -> Vec<String> {
        Portfolio::open_read_only(p).unwrap().read().organisations().unwrap().into_iter().map(|o| o.name).collect()
    };
    assert!(!names(&first.path).contains(&"Nämnden i samma sekund".to_string()));
    assert!(names(&second.path).contains(&"Nämnden i samma sekund".to_string()));
    // A restore undone within the same second keeps both "before restore" backups.
    drop(portfolio);
    let restore_time = at("2026-11-20T08:05:00Z");
    let before_one = backup::restore(&path, &first.path, restore_time).unwrap();
    let before_two = backup::restore(&path, &before_one.path, restore_time).unwrap();
    assert_ne!(before_one.path, before_two.path);
    assert!(before_one.path.exists() && before_two.path.exists());
    assert!(names(&path).contains(&"Nämnden i samma sekund".to_string()), "the undo brought the change back");
}

#[test]
fn restoring_the_oldest_of_a_full_set_never_prunes_it() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let path = portfolio.path().to_path_buf();
    let oldest = portfolio.backup(at("2026-11-01T08:00:00Z"), backup::Reason::Daily, KEEP).unwrap();
    let original = export(&portfolio);
    portfolio.write(&stamp(), |w| w.create(organisation("Nämnden efter den äldsta"))).unwrap();
    for day in 2..=KEEP {
        portfolio.backup(at(&format!("2026-11-{day:02}T08:00:00Z")), backup::Reason::Daily, KEEP).unwrap();
    }
    // An earlier restore's backup fills the set beyond the rolling 14.
    portfolio.backup(at("2026-11-20T08:00:00Z"), backup::Reason::BeforeRestore, KEEP + 1).unwrap();
    assert_eq!(backup::list(&path).unwrap().len(), KEEP + 1);
    assert_eq!(backup::list(&path).unwrap().last().unwrap().path, oldest.path, "the restored one is the oldest");
    drop(portfolio);
    backup::restore(&path, &oldest.path, at("2026-11-27T09:00:00Z")).unwrap();
    assert_eq!(export(&Portfolio::open(&path, at("2026-11-27T09:01:00Z")).unwrap()), original);
    assert!(oldest.path.exists(), "the restored backup is kept");
}
