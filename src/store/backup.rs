//! Rolling automatic backups and restoring one. Backups are whole, self-contained copies (`VACUUM INTO`) in a
//! folder `.samordna-backups` beside the portfolio, named `<name> <Swedish time with its offset>.samordna`
//! (`Portfölj 20261202T003000+0100.samordna`; backups named in UTC by earlier versions, `…T233000Z`, are read too);
//! a second backup in the same second gets a number (`…+0100-2`), so no backup ever replaces another. The newest
//! `keep` are kept; the one a restore reads is never pruned by it.
//! A restore first backs up the portfolio as it is, so it can itself be undone. Opening a portfolio from an older
//! Samordna backs it up before migrating it; those backups are kept until the user removes them.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Portfolio;
use super::open::take_lock;
use crate::error::{Error, Result};
use crate::files::sibling;
use crate::time::{self, TimeDelta, Timestamp};

/// How many automatic backups are kept per portfolio.
pub const KEEP: usize = 14;
/// A new automatic backup is made when the newest is older than this.
pub const EVERY: TimeDelta = TimeDelta::hours(24);
const FOLDER: &str = ".samordna-backups";
/// The time in a backup's name: Swedish time with its offset, so that the hour that repeats when summer time ends
/// stays unambiguous.
const TIME_FORMAT: &str = "%Y%m%dT%H%M%S%z";
/// The time in the names of backups made before names were in Swedish time.
const UTC_TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The day's backup, made by itself.
    Daily,
    /// Asked for.
    Manual,
    /// The portfolio as it was before a restore replaced it.
    BeforeRestore,
    /// The portfolio as an older Samordna left it, before it was migrated to the current schema. Never pruned.
    BeforeUpgrade,
    /// The portfolio as it was before a whole-portfolio import replaced its content (`import --replace`).
    BeforeImport,
}

impl Reason {
    /// The word in the file name after the time (none for the daily backup).
    fn suffix(self) -> &'static str {
        match self {
            Reason::Daily => "",
            Reason::Manual => " manuell",
            Reason::BeforeRestore => " före återställning",
            Reason::BeforeUpgrade => " före uppgradering",
            Reason::BeforeImport => " före import",
        }
    }

    const ALL: [Reason; 5] =
        [Reason::Daily, Reason::Manual, Reason::BeforeRestore, Reason::BeforeUpgrade, Reason::BeforeImport];
}

/// One backup of a portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    pub path: PathBuf,
    /// 1, or the number of a later backup made in the same second.
    #[serde(skip)]
    pub number: u32,
    /// When it was made (RFC 3339).
    pub at: String,
    pub reason: Reason,
    pub bytes: u64,
}

pub(super) fn folder(portfolio: &Path) -> PathBuf {
    portfolio.with_file_name(FOLDER)
}

fn stem(portfolio: &Path) -> String {
    portfolio.file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

/// A backup's time from its name: Swedish time with an offset, or UTC as earlier versions wrote it.
fn parse_time(text: &str) -> Option<Timestamp> {
    if let Ok(local) = chrono::DateTime::parse_from_str(text, TIME_FORMAT) {
        return Some(Timestamp::from(local.to_utc()));
    }
    let utc = chrono::NaiveDateTime::parse_from_str(text, UTC_TIME_FORMAT).ok()?;
    Some(Timestamp::from(utc.and_utc()))
}

/// A backup's time and number from its name: `20261202T003000+0100` (the first) or `20261202T003000+0100-2`.
fn parse_numbered_time(text: &str) -> Option<(Timestamp, u32)> {
    if let Some(at) = parse_time(text) {
        return Some((at, 1));
    }
    let (time, number) = text.rsplit_once('-')?;
    let number = number.parse::<u32>().ok().filter(|n| *n >= 2)?;
    Some((parse_time(time)?, number))
}

/// The backups of the portfolio at `path`, newest first.
pub fn list(path: &Path) -> Result<Vec<Backup>> {
    let folder = folder(path);
    let prefix = format!("{} ", stem(path));
    let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(Vec::new()) };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry.map_err(Error::io(&folder))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".samordna")) else { continue };
        let (time, word) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
        let Some((at, number)) = parse_numbered_time(time) else { continue };
        let Some(reason) = Reason::ALL.into_iter().find(|r| r.suffix() == word) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        backups.push(Backup { path: entry.path(), number, at: at.to_string(), reason, bytes });
    }
    backups.sort_by(|a, b| (&b.at, b.number).cmp(&(&a.at, a.number)));
    Ok(backups)
}

/// Writes a backup of the database behind `conn` (the portfolio at `portfolio`) into the backups folder. Only
/// [`Portfolio::backup`] prunes; the portfolio's opening writes the backup before an upgrade with this.
pub(super) fn write(conn: &rusqlite::Connection, portfolio: &Path, now: Timestamp, reason: Reason) -> Result<Backup> {
    let folder = folder(portfolio);
    std::fs::create_dir_all(&folder).map_err(Error::io(&folder))?;
    let time = time::local_datetime(now).format(TIME_FORMAT).to_string();
    for number in 1..=u32::from(u16::MAX) {
        let numbered = if number == 1 { time.clone() } else { format!("{time}-{number}") };
        let path = folder.join(format!("{} {numbered}{}.samordna", stem(portfolio), reason.suffix()));
        // A name already taken (a backup made in the same second, by this or another process) gets the next number.
        match super::open::copy_database_new(conn, &path) {
            Ok(()) => {
                let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                return Ok(Backup { path, number, at: now.to_string(), reason, bytes });
            }
            Err(Error::FileExists { .. }) => continue,
            Err(other) => return Err(other),
        }
    }
    Err(Error::FileExists { path: folder.join(format!("{} {time}", stem(portfolio))) })
}

impl Portfolio {
    /// Makes a backup now, for `reason`, and keeps the newest `keep` (backups from before an upgrade are kept
    /// apart and never removed). Returns it.
    pub fn backup(&self, now: Timestamp, reason: Reason, keep: usize) -> Result<Backup> {
        self.backup_sparing(now, reason, keep, None)
    }

    /// As [`Portfolio::backup`], never pruning `spare` (the backup a restore is about to read).
    fn backup_sparing(&self, now: Timestamp, reason: Reason, keep: usize, spare: Option<&Path>) -> Result<Backup> {
        let backup = write(&self.conn, &self.path, now, reason)?;
        let rolling = list(&self.path)?.into_iter().filter(|b| b.reason != Reason::BeforeUpgrade);
        for old in rolling.skip(keep.max(1)) {
            let spared = spare.is_some_and(|spare| same_file::is_same_file(&old.path, spare).unwrap_or(false));
            if !spared {
                let _ = std::fs::remove_file(old.path);
            }
        }
        Ok(backup)
    }

    /// Makes a backup when the newest is older than a day (or there is none). Returns it if one was made.
    pub fn backup_if_due(&self, now: Timestamp) -> Result<Option<Backup>> {
        let newest = list(&self.path)?.into_iter().next();
        let due = match newest.and_then(|b| b.at.parse::<Timestamp>().ok()) {
            Some(at) => now.since(at) >= EVERY,
            None => true,
        };
        if due { self.backup(now, Reason::Daily, KEEP).map(Some) } else { Ok(None) }
    }
}

/// Replaces the portfolio at `path` with `backup`, after checking that the backup is a healthy portfolio and
/// backing up the portfolio as it is. Refused while anyone has the portfolio open for writing.
pub fn restore(path: &Path, backup: &Path, now: Timestamp) -> Result<Backup> {
    // The backup must open and pass the checks a portfolio passes.
    match Portfolio::open_read_only(backup) {
        Ok(_) | Err(Error::NeedsUpgrade { .. }) => {}
        Err(other) => return Err(other),
    }
    let check = rusqlite::Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    super::open::quick_check(&check, backup)?;
    drop(check);
    let current = Portfolio::open(path, now)?;
    // The backup being restored is spared: when it is the oldest of a full set, this backup would prune it.
    let before = current.backup_sparing(now, Reason::BeforeRestore, KEEP + 1, Some(backup))?;
    drop(current);
    let _lock = take_lock(path)?;
    let building = sibling(path, ".restoring");
    if let Err(e) = std::fs::copy(backup, &building) {
        let _ = std::fs::remove_file(&building);
        return Err(crate::files::io_error(&building, e));
    }
    for leftover in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(path, leftover));
    }
    crate::files::put_in_place(&building, path)?;
    Ok(before)
}
