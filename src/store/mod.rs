//! The portfolio file: one SQLite database that holds everything, and the only way to read or change it.
//!
//! The store opens itself: it checks that a file is ours and healthy before touching it, copies it before a
//! migration, and configures the connection (WAL, foreign keys, busy timeout). Reads go through [`Reader`];
//! every change goes through [`Portfolio::write`], one transaction that also records the change history.

pub mod backup;
mod benefits;
mod criteria_sets;
mod deviations;
mod document_profile;
mod funding;
mod history;
mod initiatives;
pub mod location;
mod meetings;
mod members;
mod organisations;
mod packages;
mod providers;
mod record;
mod scenarios;
pub mod schema;
mod scores;
mod services;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use history::{Action, Change, FieldChange};
pub use packages::{ExportedPackage, ImportedResponse};
pub use record::Stored;
pub use schema::{APPLICATION_ID, LATEST_VERSION};

use crate::domain::{
    Attachment, Audited, CriteriaSet, Decision, DocumentProfile, Entity, FundingCase, GateResult, Id, Initiative,
    InitiativeState, Meeting, Member, Organisation, Pairwise, Parameters, Problems, Provider, Scenario, Score, Service,
};
use crate::error::{Error, Result};
use crate::files::sibling;
use crate::funding::portfolio::FundingResult;
use crate::prioritisation::assessment::{self, Assessment};
use crate::prioritisation::selection::ScenarioProblem;
use crate::time::Timestamp;

/// Who makes a change and when. The caller reads the clock; the engine never does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The member's name from the settings.
    pub by: String,
    pub at: Timestamp,
}

impl Stamp {
    pub fn new(by: impl Into<String>, at: Timestamp) -> Self {
        Stamp { by: by.into(), at }
    }
}

/// An open portfolio. It owns the database connection and, when open for writing, the lock that keeps every
/// other Samordna (a second window, the command line) from writing it at the same time.
#[derive(Debug)]
pub struct Portfolio {
    conn: Connection,
    path: PathBuf,
    /// Held while the portfolio is open for writing.
    _lock: Option<Lock>,
}

/// The lock on a portfolio: an open file the operating system releases when it is closed, even after a crash.
#[derive(Debug)]
struct Lock {
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
const HEADER_LEN: usize = 100;
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a writer waits for another connection's lock before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
        std::fs::rename(&building, path).map_err(Error::io(path))?;
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
            let mut writer = Writer { conn: &tx, stamp, note: String::new() };
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
fn copy_database(conn: &Connection, dest: &Path) -> Result<()> {
    crate::files::refuse_special(dest)?;
    let temporary = sibling(dest, ".saving");
    let _ = std::fs::remove_file(&temporary);
    let copied = conn
        .execute("VACUUM INTO ?1", [temporary.to_string_lossy()])
        .map_err(|e| write_error(dest, e.into()))
        .and_then(|_| std::fs::rename(&temporary, dest).map_err(|e| crate::files::io_error(dest, e)));
    if copied.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    copied
}

/// The portfolio's schema version, refusing one newer than this build reads.
fn readable_version(conn: &Connection, path: &Path) -> Result<i64> {
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
fn take_lock(path: &Path) -> Result<Lock> {
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
fn lock_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.lock"))
}

/// Whether the locked file is still the one at `path` (a holder closing removes it).
#[cfg(unix)]
fn still_there(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// On Windows an open file cannot be removed, so the locked file is always the one at the path.
#[cfg(not(unix))]
fn still_there(_file: &File, _path: &Path) -> bool {
    true
}

/// A write that failed because the disk is full or the file cannot be written says so; other errors stay.
fn write_error(path: &Path, error: Error) -> Error {
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

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Decisions are recorded here: a committed change must survive a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Refuses files that are not SQLite databases with our application id, without opening them with SQLite.
fn check_header(path: &Path) -> Result<()> {
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
fn amounts_check(conn: &Connection, path: &Path) -> Result<()> {
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

fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let result: rusqlite::Result<Vec<String>> =
        conn.prepare("PRAGMA quick_check").and_then(|mut s| s.query_map([], |row| row.get(0))?.collect());
    match result {
        Ok(lines) if lines == ["ok"] => Ok(()),
        Ok(lines) => Err(Error::Damaged { path: path.into(), detail: lines.join("; ") }),
        Err(e) => Err(damaged_or(path, e)),
    }
}

/// SQLite's "not a database" and "malformed" errors mean a damaged file; others stay database errors.
fn damaged_or(path: &Path, error: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match error.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => Error::Damaged { path: path.into(), detail: error.to_string() },
        _ => Error::Database(error),
    }
}

/// Read access to an open portfolio.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    conn: &'a Connection,
}

impl<'a> Reader<'a> {
    pub fn all<T: Stored>(&self) -> Result<Vec<T>> {
        T::load_all(self.conn)
    }

    pub fn get<T: Stored>(&self, id: Id) -> Result<T> {
        T::load(self.conn, id)?.ok_or(Error::NotFound { entity: T::ENTITY, id })
    }

    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        self.all()
    }

    pub fn providers(&self) -> Result<Vec<Provider>> {
        self.all()
    }

    pub fn services(&self) -> Result<Vec<Service>> {
        self.all()
    }

    pub fn initiatives(&self) -> Result<Vec<Initiative>> {
        self.all()
    }

    /// The initiative with a case number such as `SLK-2026-00123` (case does not matter).
    pub fn initiative_by_case_number(&self, case_number: &str) -> Result<Initiative> {
        match initiatives::id_of_case_number(self.conn, case_number)? {
            Some(id) => self.get(id),
            None => Err(Error::CaseNumberNotFound(case_number.trim().to_string())),
        }
    }

    /// Everything wrong with `record` as it would be written, without writing it (for live form checks).
    pub fn problems<T: Stored + Clone>(&self, record: &T) -> Result<Problems> {
        let mut record = record.clone();
        record.normalise();
        let mut problems = record.check_alone();
        record.check_against(self.conn, &mut problems)?;
        Ok(problems)
    }

    /// Every change of one record, newest first.
    pub fn history(&self, entity: Entity, id: Id) -> Result<Vec<Change>> {
        history::of_record(self.conn, entity, id)
    }

    /// The latest changes in the whole portfolio, newest first.
    pub fn recent_changes(&self, limit: i64) -> Result<Vec<Change>> {
        history::recent(self.conn, limit)
    }

    /// The labels of the K/R/T scale in use, for levels 0 to 4.
    pub fn security_scale(&self) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare("SELECT label FROM security_scale ORDER BY level")?;
        Ok(statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// The assessment of a criteria set: weights, ranking with gates, sensitivity and disagreements.
    /// `override_weights` (one per criterion) replaces the set's weights for a what-if.
    pub fn assessment(&self, set_id: Id, override_weights: Option<&[f64]>) -> Result<Assessment> {
        let set: CriteriaSet = self.get(set_id)?;
        let initiatives = self.initiatives()?;
        let members: Vec<Member> = self.all()?;
        let scores = scores::scores_of_set(self.conn, set_id)?;
        let pairwise: Vec<Pairwise> = self.all::<Pairwise>()?.into_iter().filter(|p| p.set_id == set_id).collect();
        let gate_ids: Vec<Id> = set.gates.iter().map(|g| g.id).collect();
        let gate_results: Vec<GateResult> =
            self.all::<GateResult>()?.into_iter().filter(|r| gate_ids.contains(&r.gate_id)).collect();
        let input = assessment::Input {
            set: &set,
            initiatives: &initiatives,
            members: &members,
            scores: &scores,
            pairwise: &pairwise,
            gate_results: &gate_results,
        };
        Ok(assessment::assess(&input, override_weights))
    }

    /// The selection problem of a scenario, loaded: solving it ([`ScenarioProblem::solve`]) needs no portfolio.
    pub fn selection_problem(&self, scenario_id: Id) -> Result<ScenarioProblem> {
        let scenario: Scenario = self.get(scenario_id)?;
        let assessment = self.assessment(scenario.set_id, None)?;
        let problem = assessment::selection_problem(&assessment, &self.initiatives()?, &scenario);
        Ok(ScenarioProblem { scenario_id, problem })
    }

    /// The decisions recorded at a meeting, by agenda item id.
    pub fn decisions_of(&self, meeting: &Meeting) -> Result<std::collections::HashMap<Id, Decision>> {
        let mut out = std::collections::HashMap::new();
        for item in &meeting.items {
            if let Some(id) = meetings::decision_of_item(self.conn, item.id)? {
                out.insert(item.id, self.get(id)?);
            }
        }
        Ok(out)
    }

    /// The attachments of a meeting's items, by item id, in order.
    pub fn attachments_of(&self, meeting: &Meeting) -> Result<std::collections::HashMap<Id, Vec<Attachment>>> {
        let items: Vec<Id> = meeting.items.iter().map(|i| i.id).collect();
        meetings::attachments_of(self.conn, &items)
    }

    /// Changes made to a meeting and its decisions after its minutes were approved, oldest first: the corrections
    /// the minutes must show.
    pub fn corrections(&self, meeting: &Meeting) -> Result<Vec<Change>> {
        let Some(approved) = meeting.approved_at.as_deref().and_then(|a| a.parse::<Timestamp>().ok()) else {
            return Ok(Vec::new());
        };
        let mut changes = self.history(Entity::Meeting, meeting.id)?;
        for item in &meeting.items {
            if let Some(id) = meetings::decision_of_item(self.conn, item.id)? {
                changes.extend(self.history(Entity::Decision, id)?);
            }
        }
        let mut after: Vec<Change> = changes
            .into_iter()
            .filter(|c| c.action != Action::Import && c.at.parse::<Timestamp>().is_ok_and(|at| at > approved))
            .filter(|c| !(c.entity == Entity::Meeting && c.fields.iter().any(|f| f.field == "approved_at")))
            .collect();
        after.sort_by_key(|c| c.id);
        Ok(after)
    }

    /// The funding case of an initiative or a service, if any.
    pub fn funding_case_of(&self, initiative: Option<Id>, service: Option<Id>) -> Result<Option<FundingCase>> {
        match funding::case_of(self.conn, initiative, service)? {
            Some(id) => Ok(Some(self.get(id)?)),
            None => Ok(None),
        }
    }

    /// The portfolio's parameters (rates, price base amounts, useful life, rounding).
    pub fn parameters(&self) -> Result<Parameters> {
        funding::parameters(self.conn)
    }

    /// The states an initiative may move to next, each with what it still lacks for that move (a reason is listed
    /// for the moves that need one).
    pub fn transitions(&self, id: Id) -> Result<Vec<(InitiativeState, Vec<crate::domain::Requirement>)>> {
        let initiative: Initiative = self.get(id)?;
        let facts = initiatives::facts(self.conn, id)?;
        Ok(crate::domain::lifecycle::next_states(initiative.track, initiative.state)
            .into_iter()
            .map(|to| {
                let after = Initiative { state: to, ..initiative.clone() };
                let missing = crate::domain::lifecycle::check(initiative.state, to, &after, facts, "")
                    .err()
                    .flatten()
                    .unwrap_or_default();
                (to, missing)
            })
            .collect())
    }

    /// The benefits of an initiative's benefits realisation plan, by name.
    pub fn benefits_of(&self, initiative_id: Id) -> Result<Vec<crate::domain::Benefit>> {
        benefits::of_initiative(self.conn, initiative_id)
    }

    /// How the meeting papers present themselves.
    pub fn document_profile(&self) -> Result<DocumentProfile> {
        document_profile::load(self.conn)
    }

    /// The funding comparison of a case, with the what-if on volumes and the city's leasing rule.
    pub fn funding(&self, case_id: Id) -> Result<FundingResult> {
        let case: FundingCase = self.get(case_id)?;
        let parameters = self.parameters()?;
        let organisations = self.organisations()?;
        crate::funding::portfolio::compare(&case, &organisations, &parameters)
    }

    /// A member's score of an initiative on a criterion, if given.
    pub fn score(&self, criterion_id: Id, initiative_id: Id, member_id: Id) -> Result<Option<Score>> {
        match scores::score_in_cell(self.conn, criterion_id, initiative_id, member_id)? {
            Some(id) => Ok(Some(self.get(id)?)),
            None => Ok(None),
        }
    }

    /// Whether the portfolio holds nothing but what a new one starts with.
    pub fn is_blank(&self) -> Result<bool> {
        let count = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?)
        };
        let default_providers = self.providers()?.iter().all(|p| {
            crate::domain::DEFAULT_PROVIDERS.contains(&p.name.as_str())
                && p.organisation_id.is_none()
                && p.description.is_empty()
        });
        let empty = ["organisation", "service", "initiative", "member", "criteria_set"];
        for table in empty {
            if count(table)? > 0 {
                return Ok(false);
            }
        }
        Ok(default_providers)
    }
}

/// Write access inside one transaction (see [`Portfolio::write`]). Every write checks the record first and
/// records the change in the history.
pub struct Writer<'a> {
    conn: &'a Connection,
    stamp: &'a Stamp,
    /// Why the changes are made, kept with each in the history (e.g. "Svar från …"); empty for none.
    note: String,
}

impl Writer<'_> {
    /// Refuses to change what belongs to a locked criteria set.
    fn refuse_if_locked<T: Stored>(&self, record: &T) -> Result<()> {
        match record.guarding_set(self.conn)? {
            Some(set) => criteria_sets::refuse_if_locked(self.conn, set),
            None => Ok(()),
        }
    }

    /// Sets the note kept with the changes that follow in the history (empty for none).
    pub fn set_note(&mut self, note: impl Into<String>) {
        self.note = note.into();
    }

    /// Reads inside the transaction (sees what this transaction wrote).
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: self.conn }
    }

    fn checked<T: Stored>(&self, record: &mut T) -> Result<()> {
        record.normalise();
        let mut problems = record.check_alone();
        record.check_against(self.conn, &mut problems)?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid { entity: T::ENTITY, label: record.label(), problems })
        }
    }

    /// Creates a record and returns its new id. The record's own id is ignored.
    pub fn create<T: Stored>(&mut self, mut record: T) -> Result<Id> {
        record.set_id(0);
        self.checked(&mut record)?;
        record.guard_change(None, self.conn)?;
        self.refuse_if_locked(&record)?;
        let id = record.insert(self.conn)?;
        record.set_id(id);
        history::record(self.conn, self.stamp, Action::Create, &self.note, None, Some(&record))?;
        Ok(id)
    }

    /// Replaces the stored record that has `record`'s id. Unchanged fields leave no trace in the history.
    pub fn update<T: Stored + PartialEq>(&mut self, mut record: T) -> Result<()> {
        let old: T = self.read().get(record.id())?;
        self.checked(&mut record)?;
        if old == record {
            return Ok(());
        }
        record.guard_change(Some(&old), self.conn)?;
        self.refuse_if_locked(&old)?;
        self.refuse_if_locked(&record)?;
        record.update(self.conn)?;
        history::record(self.conn, self.stamp, Action::Update, &self.note, Some(&old), Some(&record))
    }

    /// Deletes a record that nothing else refers to.
    pub fn delete<T: Stored>(&mut self, id: Id) -> Result<()> {
        let old: T = self.read().get(id)?;
        self.refuse_if_locked(&old)?;
        let users = T::used_by(self.conn, id)?;
        if !users.is_empty() {
            const SHOWN: usize = 5;
            let mut used_by = users.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
            if users.len() > SHOWN {
                used_by.push_str(&format!(", … ({} in all)", users.len()));
            }
            return Err(Error::InUse { entity: T::ENTITY, label: old.label(), count: users.len(), used_by });
        }
        history::record(self.conn, self.stamp, Action::Delete, &self.note, Some(&old), None)?;
        T::remove(self.conn, id)
    }

    /// Sets a member's score of an initiative on a criterion (creating or replacing it). `value: None` is
    /// "don't know". Returns the score's id.
    pub fn put_score(&mut self, mut score: Score) -> Result<Id> {
        match scores::score_in_cell(self.conn, score.criterion_id, score.initiative_id, score.member_id)? {
            Some(id) => {
                score.id = id;
                self.update(score)?;
                Ok(id)
            }
            None => self.create(score),
        }
    }

    /// Replaces a member's pairwise comparisons of a set. Returns their id.
    pub fn put_pairwise(&mut self, mut pairwise: Pairwise) -> Result<Id> {
        match scores::pairwise_of(self.conn, pairwise.set_id, pairwise.member_id)? {
            Some(id) => {
                pairwise.id = id;
                self.update(pairwise)?;
                Ok(id)
            }
            None => self.create(pairwise),
        }
    }

    /// Sets an initiative's result at a gate (creating or replacing it). Returns its id.
    pub fn put_gate_result(&mut self, mut result: GateResult) -> Result<Id> {
        match scores::gate_result_of(self.conn, result.gate_id, result.initiative_id)? {
            Some(id) => {
                result.id = id;
                self.update(result)?;
                Ok(id)
            }
            None => self.create(result),
        }
    }

    /// Records (or replaces) the decision on an agenda item. The meeting's items get their paragraphs (§) the first
    /// time; a linked initiative moves along its lifecycle as the outcome says (when the state belongs to its
    /// track); and the criteria set the meeting values with is locked. Returns the decision's id.
    pub fn record_decision(&mut self, mut decision: Decision) -> Result<Id> {
        let meeting_id = meetings::meeting_of_item(self.conn, decision.item_id)?
            .ok_or(Error::NotFound { entity: Entity::Meeting, id: decision.item_id })?;
        let id = match meetings::decision_of_item(self.conn, decision.item_id)? {
            Some(id) => {
                decision.id = id;
                self.update(decision.clone())?;
                id
            }
            None => self.create(decision.clone())?,
        };
        let before: Meeting = self.read().get(meeting_id)?;
        if before.items.iter().any(|i| i.paragraph.is_none()) {
            meetings::number_paragraphs(self.conn, &before)?;
            let after: Meeting = self.read().get(meeting_id)?;
            history::record(self.conn, self.stamp, Action::Update, "§", Some(&before), Some(&after))?;
        }
        let item = before.items.iter().find(|i| i.id == decision.item_id).expect("the item is the meeting's");
        if let (Some(initiative_id), Some(state)) = (item.initiative_id, decision.outcome.moves_initiative_to()) {
            // The decision moves the initiative when that is a step of its lifecycle and it holds what the new
            // state needs; otherwise the decision stands and the initiative stays where it is.
            let paragraph = self
                .read()
                .get::<Meeting>(meeting_id)?
                .items
                .iter()
                .find(|i| i.id == item.id)
                .and_then(|i| i.paragraph);
            let reason = match paragraph {
                Some(p) => format!("§ {p}: {}", decision.text),
                None => decision.text.clone(),
            };
            match self.move_initiative(initiative_id, state, &reason) {
                Ok(()) | Err(Error::Transition { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        if let Some(set_id) = before.criteria_set_id {
            let set: CriteriaSet = self.read().get(set_id)?;
            if !set.locked {
                self.update(CriteriaSet { locked: true, ..set })?;
            }
        }
        Ok(id)
    }

    /// Moves an initiative to `to` along its lifecycle, recording `reason` (why) with who and when. Refused with
    /// [`Error::Transition`] when `to` does not follow its state on its track, or it lacks what `to` requires.
    pub fn move_initiative(&mut self, id: Id, to: InitiativeState, reason: &str) -> Result<()> {
        let before: Initiative = self.read().get(id)?;
        if before.state == to {
            return Ok(());
        }
        let after = Initiative { state: to, ..before.clone() };
        let facts = initiatives::facts(self.conn, id)?;
        crate::domain::lifecycle::check(before.state, to, &after, facts, reason).map_err(|missing| {
            Error::Transition {
                label: before.label(),
                from: Some(before.state),
                to,
                missing: missing.unwrap_or_default(),
            }
        })?;
        self.refuse_if_locked(&before)?;
        after.update(self.conn)?;
        history::record(self.conn, self.stamp, Action::Update, reason.trim(), Some(&before), Some(&after))
    }

    /// Approves a meeting's minutes. From then on they are locked: decisions cannot be removed, and every change is
    /// shown in the minutes as a dated correction.
    pub fn approve_minutes(&mut self, meeting_id: Id) -> Result<()> {
        let before: Meeting = self.read().get(meeting_id)?;
        if before.is_approved() {
            return Err(Error::AlreadyApproved(before.label()));
        }
        meetings::set_approval(self.conn, meeting_id, &self.stamp.at.to_string(), &self.stamp.by)?;
        let after: Meeting = self.read().get(meeting_id)?;
        history::record(self.conn, self.stamp, Action::Update, "", Some(&before), Some(&after))
    }

    /// Copies a criteria set (categories, criteria with anchors and weights, gates, initiatives) to a new, unlocked
    /// set for another planning period. Scores and comparisons are not copied. Returns the new set's id.
    pub fn copy_criteria_set(&mut self, id: Id, name: &str, period_start: i32, period_end: i32) -> Result<Id> {
        let mut copy: CriteriaSet = self.read().get(id)?;
        copy.id = 0;
        copy.name = name.to_string();
        copy.period_start = period_start;
        copy.period_end = period_end;
        copy.locked = false;
        copy.criteria.iter_mut().for_each(|c| c.id = 0);
        copy.gates.iter_mut().for_each(|g| g.id = 0);
        self.create(copy)
    }

    /// Inserts records that keep their ids (an import). References are checked by [`Writer::check_imported`]
    /// once everything is in, so records may refer to ones that come later in the file.
    pub(crate) fn insert_keeping_id<T: Stored>(&mut self, mut record: T) -> Result<()> {
        record.normalise();
        let problems = record.check_alone();
        if !problems.is_empty() {
            return Err(Error::Invalid { entity: T::ENTITY, label: record.label(), problems });
        }
        record.insert(self.conn)?;
        Ok(())
    }

    /// Checks every stored record of a kind against the others and records it in the history as imported.
    pub(crate) fn check_imported<T: Stored>(&self, note: &str) -> Result<()> {
        for record in T::load_all(self.conn)? {
            let mut problems = Problems::new();
            record.check_against(self.conn, &mut problems)?;
            if !problems.is_empty() {
                return Err(Error::Invalid { entity: T::ENTITY, label: record.label(), problems });
            }
            history::record(self.conn, self.stamp, Action::Import, note, None, Some(&record))?;
        }
        Ok(())
    }

    /// Replaces the labels of the K/R/T scale.
    pub(crate) fn set_security_scale(&mut self, labels: &[String]) -> Result<()> {
        for (level, label) in labels.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO security_scale (level, label) VALUES (?1, ?2)
                 ON CONFLICT (level) DO UPDATE SET label = excluded.label",
                rusqlite::params![level as i64, label],
            )?;
        }
        Ok(())
    }

    /// Deletes every record (for a whole-portfolio import), with a history entry for each.
    pub(crate) fn clear(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "defer_foreign_keys", true)?;
        self.delete_all::<crate::domain::Deviation>()?;
        self.delete_all::<crate::domain::Benefit>()?;
        self.delete_all::<Attachment>()?;
        self.delete_all::<Decision>()?;
        self.delete_all::<Meeting>()?;
        self.delete_all::<FundingCase>()?;
        self.delete_all::<Scenario>()?;
        self.delete_all::<GateResult>()?;
        self.delete_all::<Pairwise>()?;
        self.delete_all::<Score>()?;
        self.delete_all::<CriteriaSet>()?;
        self.delete_all::<Member>()?;
        self.delete_all::<Initiative>()?;
        self.delete_all::<Service>()?;
        self.delete_all::<Provider>()?;
        self.delete_all::<Organisation>()
    }

    fn delete_all<T: Stored>(&mut self) -> Result<()> {
        for record in T::load_all(self.conn)? {
            history::record(self.conn, self.stamp, Action::Delete, "", Some(&record), None)?;
            T::remove(self.conn, record.id())?;
        }
        Ok(())
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
