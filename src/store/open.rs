//! Opening, creating and copying a portfolio file: the header check, the lock, the migrations and the integrity
//! checks before anything is written.

use super::*;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::domain::Provider;
use crate::error::{Error, Result};
use crate::files::sibling;
use crate::time::Timestamp;

/// An open portfolio. It owns the database connection and, when open for writing, the lock that keeps every
/// other Samordna (a second window, the command line) from writing it at the same time.
#[derive(Debug)]
pub struct Portfolio {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    /// Held while the portfolio is open for writing.
    _lock: Option<Lock>,
}

/// The lock on a portfolio: an open file the operating system releases when it is closed, even after a crash.
#[derive(Debug)]
pub(super) struct Lock {
    _file: File,
    path: PathBuf,
}

impl Drop for Lock {
    /// Removes the lock file while still holding the lock, so nothing but the portfolio is left behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The first 100 bytes of an SQLite file hold its header; ours has our application id at offset 68.
pub(super) const HEADER_LEN: usize = 100;
pub(super) const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a writer waits for another connection's lock before it gives up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Portfolio {
    /// Creates a new, empty portfolio with the default providers. Refuses to overwrite a file.
    ///
    /// The file is built under a temporary name next to `path` and renamed when complete, so a failure never
    /// leaves a half-made portfolio behind.
    pub fn create(path: &Path, stamp: &Stamp) -> Result<Portfolio> {
        if path.exists() {
            return Err(Error::FileExists { path: path.into() });
        }
        let building = sibling(path, ".creating");
        let _ = std::fs::remove_file(&building);
        let built = (|| -> Result<()> {
            let mut conn = Connection::open(&building)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            configure(&conn)?;
            schema::migrate_to(&mut conn, LATEST_VERSION)?;
            let mut portfolio = Portfolio { conn, path: building.clone(), _lock: None };
            portfolio.write(stamp, |w| {
                for name in crate::domain::DEFAULT_PROVIDERS {
                    w.create(Provider { id: 0, name: name.into(), organisation_id: None, description: String::new() })?;
                }
                Ok(())
            })?;
            portfolio.conn.pragma_update(None, "journal_mode", "WAL")?;
            Ok(())
        })();
        if let Err(error) = built {
            let _ = std::fs::remove_file(&building);
            return Err(error);
        }
        crate::files::put_in_place(&building, path)?;
        Portfolio::open(path, stamp.at)
    }

    /// Opens an existing portfolio. A file that is not ours, is damaged, or has a newer schema is refused and
    /// left untouched. An older schema is migrated after a backup (in the backups folder beside it, never pruned).
    pub fn open(path: &Path, now: Timestamp) -> Result<Portfolio> {
        check_header(path)?;
        let lock = take_lock(path)?;
        let mut conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| damaged_or(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The header can lag behind an unmerged write-ahead log, so ask SQLite itself as well.
        let application_id: i32 =
            conn.pragma_query_value(None, "application_id", |row| row.get(0)).map_err(|e| damaged_or(path, e))?;
        if application_id != APPLICATION_ID {
            return Err(Error::NotAPortfolio { path: path.into() });
        }
        let version = readable_version(&conn, path)?;
        quick_check(&conn, path)?;
        amounts_check(&conn, path)?;
        if version < LATEST_VERSION {
            backup::write(&conn, path, now, backup::Reason::BeforeUpgrade)?;
        }
        configure(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| write_error(path, e.into()))?;
        schema::migrate_to(&mut conn, LATEST_VERSION).map_err(|e| write_error(path, e))?;
        Ok(Portfolio { conn, path: path.to_path_buf(), _lock: Some(lock) })
    }

    /// Opens a portfolio only to read it, without the lock: the command line reads a portfolio the app has open.
    /// A portfolio that needs migrating must be opened for writing first.
    pub fn open_read_only(path: &Path) -> Result<Portfolio> {
        check_header(path)?;
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| damaged_or(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let version = readable_version(&conn, path)?;
        if version < LATEST_VERSION {
            return Err(Error::NeedsUpgrade { path: path.into() });
        }
        amounts_check(&conn, path)?;
        Ok(Portfolio { conn, path: path.to_path_buf(), _lock: None })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads from the portfolio.
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }

    /// Runs `change` in one transaction: either everything it writes is kept, with its history, or nothing is.
    pub fn write<T>(&mut self, stamp: &Stamp, change: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.transaction(stamp, change, true)
    }

    /// Runs `change` as [`Portfolio::write`] does, then undoes it: what it returns shows what the change would
    /// do (a preview), and the portfolio is left as it was.
    pub fn rehearse<T>(&mut self, stamp: &Stamp, change: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.transaction(stamp, change, false)
    }

    /// One immediate transaction around `change`, committed when `keep` and it succeeds, else rolled back. A full
    /// disk or a read-only file is named as such.
    fn transaction<T>(
        &mut self,
        stamp: &Stamp,
        change: impl FnOnce(&mut Writer<'_>) -> Result<T>,
        keep: bool,
    ) -> Result<T> {
        let path = self.path.clone();
        (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut writer = Writer { conn: &tx, stamp, why: Why::default() };
            let result = change(&mut writer)?;
            if keep {
                tx.commit()?;
            } else {
                tx.rollback()?;
            }
            Ok(result)
        })()
        .map_err(|e| write_error(&path, e))
    }

    /// Writes a consistent, self-contained copy of the portfolio to `dest` (one file, no write-ahead log).
    /// Refuses to overwrite unless `overwrite` is set; the copy is written under a temporary name first.
    pub fn save_copy(&self, dest: &Path, overwrite: bool) -> Result<()> {
        if dest.exists() && !overwrite {
            return Err(Error::FileExists { path: dest.into() });
        }
        output_guard(&self.path).check(dest)?;
        copy_database(&self.conn, dest)
    }
}

/// What an output must not replace while the portfolio at `path` is open: the file, its journal (`-wal`, `-shm`,
/// `-journal`), its lock and its backups.
pub fn output_guard(path: &Path) -> crate::files::Guard {
    use crate::files::Protected;
    let guard = crate::files::Guard::new().file(path, Protected::Portfolio);
    let guard = ["-wal", "-shm", "-journal"].iter().fold(guard, |g, s| g.file(&sibling(path, s), Protected::Journal));
    guard.file(&lock_path(path), Protected::Lock).folder(&backup::folder(path), Protected::Backup)
}

/// Writes a whole, self-contained copy of the database behind `conn` to `dest`: beside it first, then renamed, so
/// `dest` is never half written.
pub(super) fn copy_database(conn: &Connection, dest: &Path) -> Result<()> {
    crate::files::refuse_special(dest)?;
    copy_database_aside(conn, dest, ".saving", crate::files::put_in_place)
}

/// As [`copy_database`], to a name that must be new: [`Error::FileExists`] when `dest` exists (even when it
/// appears while the copy is made), and nothing is replaced.
pub(super) fn copy_database_new(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::FileExists { path: dest.into() });
    }
    copy_database_aside(conn, dest, &format!(".{}.saving", std::process::id()), crate::files::put_in_place_new)
}

/// `VACUUM INTO` a file beside `dest` (named with `suffix`), then `place` puts it under `dest`; nothing is left
/// beside on failure.
fn copy_database_aside(
    conn: &Connection,
    dest: &Path,
    suffix: &str,
    place: fn(&Path, &Path) -> Result<()>,
) -> Result<()> {
    let temporary = sibling(dest, suffix);
    let _ = std::fs::remove_file(&temporary);
    let copied = conn
        .execute("VACUUM INTO ?1", [temporary.to_string_lossy()])
        .map_err(|e| write_error(dest, e.into()))
        .and_then(|_| place(&temporary, dest));
    if copied.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    copied
}

/// The portfolio's schema version, refusing one newer than this build reads.
pub(super) fn readable_version(conn: &Connection, path: &Path) -> Result<i64> {
    let version = schema::version(conn).map_err(|e| match e {
        Error::Database(e) => damaged_or(path, e),
        other => other,
    })?;
    if version > LATEST_VERSION {
        return Err(Error::NewerSchema { path: path.into(), found: version, supported: LATEST_VERSION });
    }
    Ok(version)
}

/// Takes the portfolio's lock: an exclusive lock on `.NAME.lock` beside it (not on the database file, which SQLite
/// locks in its own way). Another Samordna holding it gets [`Error::Busy`] at once instead of waiting.
pub(super) fn take_lock(path: &Path) -> Result<Lock> {
    let lock_path = lock_path(path);
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(|e| {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly { path: path.into() }
            }
            _ => Error::Io { path: lock_path.clone(), source: e },
        }
    })?;
    match file.try_lock() {
        Ok(()) if still_there(&file, &lock_path) => Ok(Lock { _file: file, path: lock_path }),
        // The holder removed the file as we opened it; the lock now lives on a new file: take that one.
        Ok(()) => take_lock(path),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Busy { path: path.into() }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Io { path: lock_path, source: e }),
    }
}

/// `dir/name.samordna` → `dir/.name.samordna.lock`.
pub(super) fn lock_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.lock"))
}

/// Whether the locked file is still the one at `path` (a holder closing removes it).
#[cfg(unix)]
pub(super) fn still_there(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// On Windows an open file cannot be removed, so the locked file is always the one at the path.
#[cfg(not(unix))]
pub(super) fn still_there(_file: &File, _path: &Path) -> bool {
    true
}

/// A write that failed because the disk is full or the file cannot be written says so; other errors stay.
pub(super) fn write_error(path: &Path, error: Error) -> Error {
    use rusqlite::ErrorCode::{DiskFull, ReadOnly};
    match &error {
        Error::Database(e) => match e.sqlite_error_code() {
            Some(DiskFull) => Error::DiskFull { path: path.into() },
            Some(ReadOnly) => Error::ReadOnly { path: path.into() },
            _ => error,
        },
        _ => error,
    }
}

pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Decisions are recorded here: a committed change must survive a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Refuses files that are not SQLite databases with our application id, without opening them with SQLite.
pub(super) fn check_header(path: &Path) -> Result<()> {
    let mut file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::FileNotFound { path: path.into() },
        _ => Error::Io { path: path.into(), source: e },
    })?;
    let mut header = [0u8; HEADER_LEN];
    let mut read = 0;
    while read < HEADER_LEN {
        match file.read(&mut header[read..]).map_err(Error::io(path))? {
            0 => break,
            n => read += n,
        }
    }
    if read < HEADER_LEN || &header[..16] != SQLITE_MAGIC {
        return Err(Error::NotAPortfolio { path: path.into() });
    }
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != APPLICATION_ID {
        return Err(Error::NotAPortfolio { path: path.into() });
    }
    Ok(())
}

/// Refuses a portfolio holding an amount beyond [`crate::Money::LIMIT`] in any column of öre (`*_ore`). Only a file
/// edited by hand can hold one, since every form and importer refuses them; refusing it at the door means no sum
/// of a portfolio's amounts can wrap.
pub(super) fn amounts_check(conn: &Connection, path: &Path) -> Result<()> {
    let columns: Vec<(String, String)> = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p \
             WHERE m.type = 'table' AND p.name LIKE '%\\_ore' ESCAPE '\\'",
        )
        .and_then(|mut s| s.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect())
        .map_err(|e| damaged_or(path, e))?;
    let limit = crate::Money::LIMIT.ore();
    for (table, column) in columns {
        let beyond: bool = conn
            .query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE \"{column}\" > ?1 OR \"{column}\" < -?1)"),
                [limit],
                |row| row.get(0),
            )
            .map_err(|e| damaged_or(path, e))?;
        if beyond {
            return Err(Error::Damaged {
                path: path.into(),
                detail: format!(
                    "{table}.{column} holds an amount beyond 1 000 000 000 000 kr, which Samordna never writes"
                ),
            });
        }
    }
    Ok(())
}

pub(super) fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let result: rusqlite::Result<Vec<String>> =
        conn.prepare("PRAGMA quick_check").and_then(|mut s| s.query_map([], |row| row.get(0))?.collect());
    match result {
        Ok(lines) if lines == ["ok"] => Ok(()),
        Ok(lines) => Err(Error::Damaged { path: path.into(), detail: lines.join("; ") }),
        Err(e) => Err(damaged_or(path, e)),
    }
}

/// SQLite's "not a database" and "malformed" errors mean a damaged file; others stay database errors.
pub(super) fn damaged_or(path: &Path, error: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match error.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => Error::Damaged { path: path.into(), detail: error.to_string() },
        _ => Error::Database(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Organisation, OrganisationKind};

    fn stamp() -> Stamp {
        Stamp::new("Test", "2026-11-27T10:00:00Z".parse().unwrap())
    }

    fn organisation(name: &str) -> Organisation {
        Organisation { id: 0, name: name.into(), kind: OrganisationKind::Board, parent_id: None }
    }

    #[test]
    fn a_full_disk_or_a_read_only_file_is_named_and_nothing_is_half_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut portfolio = Portfolio::create(&dir.path().join("p.samordna"), &stamp()).unwrap();
        portfolio.write(&stamp(), |w| w.create(organisation("Kulturnämnden"))).unwrap();
        let before = portfolio.read().organisations().unwrap();

        // The file may not grow: the next write that needs a page fails as a full disk would.
        let pages: i64 = portfolio.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        portfolio.conn.pragma_update(None, "max_page_count", pages).unwrap();
        let error = portfolio
            .write(&stamp(), |w| {
                for i in 0..2000 {
                    w.create(organisation(&format!("Nämnd {i} med ett långt namn som fyller sidor")))?;
                }
                Ok(())
            })
            .unwrap_err();
        assert!(matches!(error, Error::DiskFull { .. }), "{error}");
        assert_eq!(error.code(), "disk_full");
        assert_eq!(portfolio.read().organisations().unwrap(), before, "the transaction left nothing behind");

        portfolio.conn.pragma_update(None, "max_page_count", 1_073_741_823).unwrap();
        portfolio.conn.pragma_update(None, "query_only", true).unwrap();
        let error = portfolio.write(&stamp(), |w| w.create(organisation("Idrottsnämnden"))).unwrap_err();
        assert!(matches!(error, Error::ReadOnly { .. }), "{error}");
        assert_eq!(portfolio.read().organisations().unwrap(), before);
    }

    #[test]
    fn a_second_writer_is_refused_at_once_and_readers_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.samordna");
        let mut first = Portfolio::create(&path, &stamp()).unwrap();
        first.write(&stamp(), |w| w.create(organisation("Kulturnämnden"))).unwrap();
        let started = std::time::Instant::now();
        let error = Portfolio::open(&path, stamp().at).unwrap_err();
        assert!(matches!(error, Error::Busy { .. }), "{error}");
        assert!(started.elapsed() < BUSY_TIMEOUT, "refused at once, not after waiting");
        let reader = Portfolio::open_read_only(&path).unwrap();
        assert_eq!(reader.read().organisations().unwrap().len(), 1);
        drop(first);
        let mut second = Portfolio::open(&path, stamp().at).unwrap();
        second.write(&stamp(), |w| w.create(organisation("Idrottsnämnden"))).unwrap();
        assert_eq!(reader.read().organisations().unwrap().len(), 2, "a reader sees what was committed");
    }
}
