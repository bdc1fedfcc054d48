//! What the desktop app holds between commands: the open portfolio and the user's settings. Commands are thin
//! wrappers over these methods, which need no window, so the tests drive them without a desktop.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use samordna::Timestamp;
use samordna::domain::{Entity, FormRecord, Id, Language, NewRecords, Problems, Vocabulary};
use samordna::interchange::PortfolioData;
use samordna::package::{self, ImportReport, IncomingResponse, Package, PackageContent, ResponseScore, ResponseStatus};
use samordna::papers::{Paper, PaperRequest};
use samordna::prioritisation::selection::{Progress, ScenarioProblem, Searching, SelectionError, SelectionResult};
use samordna::settings::UserSettings;
use samordna::sheets::{SheetImport, SheetKind};
use samordna::store::backup::Backup;
use samordna::store::location::LocationRisk;
use samordna::store::{Change, Stored};
use samordna::{Portfolio, Stamp};
use serde::Serialize;

use crate::error::{CommandError, CommandResult};

/// The file name of the sample copy in the app's data folder.
const SAMPLE_FILE: &str = "Exempelportfölj.samordna";

pub struct Session {
    portfolio: Mutex<Option<Portfolio>>,
    /// The meeting package a member has open (no portfolio needed).
    package: Mutex<Option<OpenPackage>>,
    settings: Mutex<UserSettings>,
    settings_path: PathBuf,
    data_dir: PathBuf,
    /// Why the portfolio asked for at start could not be opened; the UI shows it once.
    start_problem: Mutex<Option<CommandError>>,
    /// How far the selection being solved has come, for the UI's progress line (none when no solve runs).
    selection_progress: Mutex<Option<Arc<Progress>>>,
}

/// The open portfolio as the UI names it.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioInfo {
    pub path: PathBuf,
    pub name: String,
}

/// Where the name that signs changes comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameSource {
    /// The user's own, from the settings.
    Settings,
    /// The login name, as the CLI takes it, while the user has given none.
    Login,
    /// Neither: the app asks for a name, and refuses changes until it has one.
    None,
}

/// The login name, as the CLI takes it (`$USER`, `%USERNAME%`), else from the system's account database (an app
/// started from a desktop launcher may have neither variable).
fn login_name() -> Option<String> {
    ["USER", "USERNAME"]
        .into_iter()
        .filter_map(|variable| std::env::var(variable).ok())
        .chain(std::iter::once_with(whoami::username))
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
}

/// Everything the UI needs to draw its frame.
#[derive(Debug, Serialize)]
pub struct AppState {
    pub portfolio: Option<PortfolioInfo>,
    /// The name the user gave in the settings (empty while none).
    pub member_name: String,
    /// The name changes are recorded with: the user's own, else the login name; empty when there is neither.
    pub user_name: String,
    pub name_source: NameSource,
    pub language: Language,
    pub recent: Vec<PortfolioInfo>,
    pub vocabulary: Vocabulary,
    /// What a new initiative, service, criteria set and criterion start as in the forms (this year, this language).
    pub new_records: NewRecords,
    pub security_scale: Vec<String>,
    pub start_problem: Option<CommandError>,
    /// Where papers are saved without asking, if set.
    pub papers_folder: Option<PathBuf>,
    pub open_after_export: bool,
    /// The open portfolio lies in a synchronised or network folder.
    pub location_warning: Option<LocationRisk>,
}

/// A meeting package a member has open.
struct OpenPackage {
    package: Package,
    path: PathBuf,
}

/// A package as the UI shows it: its content without the papers' bytes (which stay here until opened).
#[derive(Debug, Clone, Serialize)]
pub struct PackageView {
    pub path: PathBuf,
    pub name: String,
    pub checksum: String,
    pub content: PackageContent,
    /// The papers' names and sizes in bytes, by index.
    pub papers: Vec<(String, usize)>,
}

/// A paper written to a file.
#[derive(Debug, Clone, Serialize)]
pub struct SavedPaper {
    pub path: PathBuf,
    pub pages: usize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn package_view(package: &Package, path: &Path) -> PackageView {
    let mut content = package.content.clone();
    let papers = content.papers.iter().map(|p| (p.name.clone(), p.data.len() / 4 * 3)).collect();
    for paper in &mut content.papers {
        paper.data.clear();
    }
    // The key stays here: the web view needs it no more than the papers' bytes.
    content.response_key.clear();
    PackageView {
        path: path.to_path_buf(),
        name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
        checksum: package.checksum.clone(),
        content,
        papers,
    }
}

fn info(path: &Path) -> PortfolioInfo {
    PortfolioInfo {
        path: path.to_path_buf(),
        name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
    }
}

/// The time now: the shell is one of the two edges that read the clock (the engine never does; ARCHITECTURE.md,
/// invariant 5).
pub fn now() -> Timestamp {
    Timestamp::from(std::time::SystemTime::now())
}

impl Session {
    /// A session with settings kept at `settings_path` and the sample copy in `data_dir`. Nothing is open yet.
    pub fn new(settings_path: PathBuf, data_dir: PathBuf) -> Session {
        Session {
            portfolio: Mutex::new(None),
            package: Mutex::new(None),
            settings: Mutex::new(UserSettings::load(&settings_path)),
            settings_path,
            data_dir,
            start_problem: Mutex::new(None),
            selection_progress: Mutex::new(None),
        }
    }

    /// Opens what the user expects at start: the file asked for, else the last portfolio, else the sample.
    pub fn start(&self, requested: Option<&Path>, now: Timestamp) {
        // A member package given at start (double-clicked) is opened as a package, beside the usual portfolio.
        let is_package = |p: &Path| p.extension().is_some_and(|e| e == samordna::package::PACKAGE_EXTENSION);
        if let Some(package) = requested.filter(|p| is_package(p)) {
            if let Err(problem) = self.open_package(package) {
                *lock(&self.start_problem) = Some(problem);
            }
            return self.start(None, now);
        }
        let last = lock(&self.settings).last_portfolio().map(Path::to_path_buf);
        let result = match (requested, last) {
            (Some(path), _) => self.open(path, now).map(drop),
            (None, Some(path)) if path.exists() => self.open(&path, now).map(drop),
            _ => self.open_sample(now).map(drop),
        };
        if let Err(problem) = result {
            lock(&self.start_problem).get_or_insert(problem);
        }
    }

    /// The name changes are recorded with, and where it comes from: the settings, else the login name.
    fn user_name(&self) -> (String, NameSource) {
        let own = lock(&self.settings).member_name.trim().to_string();
        if !own.is_empty() {
            return (own, NameSource::Settings);
        }
        match login_name() {
            Some(login) => (login, NameSource::Login),
            None => (String::new(), NameSource::None),
        }
    }

    /// Who makes a change, and when; refused while the app knows no name for the user (it asks for one), so that
    /// nothing is recorded as made by nobody.
    fn stamp(&self, now: Timestamp) -> CommandResult<Stamp> {
        match self.user_name() {
            (_, NameSource::None) => Err(CommandError::name_required()),
            (name, _) => Ok(Stamp::new(name, now)),
        }
    }

    pub fn state(&self) -> AppState {
        let (user_name, name_source) = self.user_name();
        let portfolio = lock(&self.portfolio);
        let settings = lock(&self.settings);
        let security_scale = portfolio.as_ref().and_then(|p| p.read().security_scale().ok()).unwrap_or_default();
        AppState {
            portfolio: portfolio.as_ref().map(|p| info(p.path())),
            member_name: settings.member_name.clone(),
            user_name,
            name_source,
            language: settings.language,
            recent: settings.recent.iter().map(|p| info(p)).collect(),
            vocabulary: Vocabulary::new(),
            new_records: NewRecords::new(samordna::time::local_date(now()), settings.language),
            security_scale,
            start_problem: lock(&self.start_problem).take(),
            papers_folder: settings.papers_folder.clone(),
            open_after_export: settings.open_after_export,
            location_warning: portfolio.as_ref().and_then(|p| samordna::store::location::risk(p.path())),
        }
    }

    /// Makes `portfolio` the open one and remembers it among the recent files.
    fn switch_to(&self, portfolio: Portfolio, now: Timestamp) -> CommandResult<PortfolioInfo> {
        let opened = info(portfolio.path());
        // The day's backup; a failure (a full disk, a read-only folder) must not keep the portfolio from opening.
        if let Err(error) = portfolio.backup_if_due(now) {
            eprintln!("samordna: no backup of {}: {error}", opened.path.display());
        }
        *lock(&self.portfolio) = Some(portfolio);
        let mut settings = lock(&self.settings);
        settings.remember(&opened.path);
        settings.save(&self.settings_path)?;
        Ok(opened)
    }

    pub fn open(&self, path: &Path, now: Timestamp) -> CommandResult<PortfolioInfo> {
        let portfolio = Portfolio::open(path, now)?;
        self.switch_to(portfolio, now)
    }

    pub fn create(&self, path: &Path, now: Timestamp) -> CommandResult<PortfolioInfo> {
        let portfolio = Portfolio::create(path, &self.stamp(now)?)?;
        self.switch_to(portfolio, now)
    }

    /// Opens the sample copy in the app's data folder, making it first if needed.
    pub fn open_sample(&self, now: Timestamp) -> CommandResult<PortfolioInfo> {
        let path = self.data_dir.join(SAMPLE_FILE);
        if path.exists() {
            return self.open(&path, now);
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|source| CommandError::from(samordna::Error::Io { path: self.data_dir.clone(), source }))?;
        // The bundled sample is the app's own data: without a name for the user it is signed by the app.
        let stamp = self.stamp(now).unwrap_or_else(|_| Stamp::new("Samordna", now));
        let portfolio = samordna::sample::create(&path, &stamp)?;
        self.switch_to(portfolio, now)
    }

    pub fn save_copy(&self, dest: &Path) -> CommandResult<()> {
        let portfolio = lock(&self.portfolio);
        let portfolio = portfolio.as_ref().ok_or_else(CommandError::no_portfolio)?;
        // The native save dialog has already asked before overwriting.
        Ok(portfolio.save_copy(dest, true)?)
    }

    pub fn save_settings(&self, member_name: String, language: Language) -> CommandResult<()> {
        let mut settings = lock(&self.settings);
        settings.member_name = member_name.trim().to_string();
        settings.language = language;
        Ok(settings.save(&self.settings_path)?)
    }

    pub fn save_paper_settings(&self, papers_folder: Option<PathBuf>, open_after_export: bool) -> CommandResult<()> {
        let mut settings = lock(&self.settings);
        settings.papers_folder = papers_folder;
        settings.open_after_export = open_after_export;
        Ok(settings.save(&self.settings_path)?)
    }

    pub fn paper_settings(&self) -> (Option<PathBuf>, bool) {
        let settings = lock(&self.settings);
        (settings.papers_folder.clone(), settings.open_after_export)
    }

    /// Writes a paper of a meeting, signed with the member's name as its author.
    pub fn paper(&self, request: &PaperRequest, now: Timestamp) -> CommandResult<Paper> {
        let author = self.stamp(now)?.by;
        self.with_portfolio(|p| samordna::papers::render(&p.read(), request, now, &author))
    }

    /// Writes a yearly follow-up report, signed with the member's name as its author.
    pub fn report(&self, request: &samordna::papers::ReportRequest, now: Timestamp) -> CommandResult<Paper> {
        let author = self.stamp(now)?.by;
        self.with_portfolio(|p| samordna::papers::yearly_report(&p.read(), request, now, &author))
    }

    /// Writes a provider's yearly analysis, signed with the member's name as its author.
    pub fn analysis_paper(&self, request: &samordna::papers::AnalysisRequest, now: Timestamp) -> CommandResult<Paper> {
        let author = self.stamp(now)?.by;
        self.with_portfolio(|p| samordna::papers::yearly_analysis(&p.read(), request, now, &author))
    }

    /// Writes a file (a paper, a spreadsheet) into the papers folder under a name not yet taken.
    pub fn save_in_folder(
        &self,
        folder: &Path,
        file_name: &str,
        bytes: &[u8],
        pages: usize,
    ) -> CommandResult<SavedPaper> {
        std::fs::create_dir_all(folder)
            .map_err(|source| CommandError::from(samordna::Error::Io { path: folder.to_path_buf(), source }))?;
        let path = samordna::papers::free_path(folder, file_name);
        self.write_output(&path, bytes)?;
        Ok(SavedPaper { path, pages })
    }

    /// Writes a file the user asked for (a paper, a spreadsheet, a response) aside and renames it into place;
    /// refused when it would replace the open portfolio, its journal, lock or backups, or the open member package,
    /// or is not a regular file (a link is written through, never replaced).
    pub fn write_output(&self, path: &Path, bytes: &[u8]) -> CommandResult<()> {
        let mut guard = match lock(&self.portfolio).as_ref() {
            Some(portfolio) => samordna::store::output_guard(portfolio.path()),
            None => samordna::files::Guard::new(),
        };
        if let Some(open) = lock(&self.package).as_ref() {
            guard = guard.input(&open.path);
        }
        Ok(guard.write(path, bytes)?)
    }

    /// The open portfolio's backups, newest first.
    pub fn backups(&self) -> CommandResult<Vec<Backup>> {
        self.with_portfolio(|p| samordna::store::backup::list(p.path()))
    }

    /// Makes a backup of the open portfolio now.
    pub fn make_backup(&self, now: Timestamp) -> CommandResult<Backup> {
        self.with_portfolio(|p| p.backup(now, samordna::store::backup::Reason::Manual, samordna::store::backup::KEEP))
    }

    /// The day's backup, when it is due (the app asks every hour while it runs).
    pub fn backup_if_due(&self, now: Timestamp) -> CommandResult<Option<Backup>> {
        self.with_portfolio(|p| p.backup_if_due(now))
    }

    /// Replaces the open portfolio with one of its backups (the portfolio as it was becomes a backup too), and
    /// opens it again. Returns the backup of the portfolio as it was.
    pub fn restore_backup(&self, backup: &Path, now: Timestamp) -> CommandResult<Backup> {
        let mut open = lock(&self.portfolio);
        let path = open.as_ref().ok_or_else(CommandError::no_portfolio)?.path().to_path_buf();
        // Close it, so that the restore can take the lock; open it again whatever happens.
        *open = None;
        let restored = samordna::store::backup::restore(&path, backup, now);
        *open = Some(Portfolio::open(&path, now)?);
        Ok(restored?)
    }

    /// Writes a meeting's packages into `folder`, one per member, and records them as exported (only when every
    /// file was written). Returns the files written.
    pub fn export_packages(
        &self,
        meeting_id: Id,
        language: Language,
        folder: &Path,
        now: Timestamp,
    ) -> CommandResult<Vec<PathBuf>> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| package::export_to_folder(p, &stamp, meeting_id, language, folder))
    }

    /// What importing these response files into a meeting would do; changes nothing.
    pub fn preview_responses(
        &self,
        meeting_id: Id,
        files: &[IncomingResponse],
        now: Timestamp,
    ) -> CommandResult<ImportReport> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| package::preview(p, &stamp, Some(meeting_id), files))
    }

    /// Imports response files into a meeting, all or nothing.
    pub fn import_responses(
        &self,
        meeting_id: Id,
        files: &[IncomingResponse],
        now: Timestamp,
    ) -> CommandResult<ImportReport> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| package::import(p, &stamp, Some(meeting_id), files))
    }

    pub fn response_status(&self, meeting_id: Id) -> CommandResult<ResponseStatus> {
        self.read(|r| package::status(r, meeting_id))
    }

    /// Opens a meeting package for a member (the open portfolio, if any, is left alone).
    pub fn open_package(&self, path: &Path) -> CommandResult<PackageView> {
        let bytes = samordna::files::read_limited(path, package::MAX_PACKAGE_BYTES as u64)?;
        let package = package::open(&bytes)?;
        let view = package_view(&package, path);
        *lock(&self.package) = Some(OpenPackage { package, path: path.to_path_buf() });
        Ok(view)
    }

    /// The open package, if any.
    pub fn opened_package(&self) -> Option<PackageView> {
        lock(&self.package).as_ref().map(|open| package_view(&open.package, &open.path))
    }

    pub fn close_package(&self) {
        *lock(&self.package) = None;
    }

    /// Writes a paper of the open package into the app's data folder (to open in the system's reader).
    pub fn package_paper(&self, index: usize) -> CommandResult<PathBuf> {
        let open = lock(&self.package);
        let open = open.as_ref().ok_or_else(CommandError::no_package)?;
        let paper = open.package.content.papers.get(index).ok_or_else(CommandError::no_package)?;
        let folder = self.data_dir.join("paket");
        std::fs::create_dir_all(&folder)
            .map_err(|source| CommandError::from(samordna::Error::Io { path: folder.clone(), source }))?;
        // One file per package and paper: the checksum's start keeps packages apart.
        let short = open.package.checksum.trim_start_matches("sha256:").get(..12).unwrap_or_default().to_string();
        let path = folder.join(format!("{short} {}", paper.name));
        samordna::files::Guard::new().write(&path, &paper.bytes()?)?;
        Ok(path)
    }

    /// A member's response to the open package.
    pub fn respond(
        &self,
        member_id: Id,
        scores: Vec<ResponseScore>,
        comment: &str,
        now: Timestamp,
    ) -> CommandResult<package::ResponseFile> {
        let open = lock(&self.package);
        let open = open.as_ref().ok_or_else(CommandError::no_package)?;
        Ok(package::respond(&open.package, member_id, scores, comment, now)?)
    }

    /// What importing a spreadsheet would do; changes nothing.
    pub fn preview_sheet(
        &self,
        kind: SheetKind,
        bytes: &[u8],
        language: Language,
        now: Timestamp,
    ) -> CommandResult<SheetImport> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| samordna::sheets::preview(p, &stamp, kind, bytes, language))
    }

    /// Imports a provider's yearly analysis from its sheet; nothing is written when a row has a problem, nor for a
    /// preview (`dry_run`).
    #[allow(clippy::too_many_arguments, reason = "the import's inputs, as the engine takes them")]
    pub fn import_analysis_sheet(
        &self,
        provider_id: Id,
        year: i32,
        bytes: &[u8],
        file_name: &str,
        language: Language,
        dry_run: bool,
        now: Timestamp,
    ) -> CommandResult<samordna::sheets::AnalysisImport> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| {
            samordna::sheets::import_analysis(p, &stamp, provider_id, year, bytes, file_name, language, dry_run)
        })
    }

    /// Imports a spreadsheet in one transaction; refused whole when a row has a problem.
    pub fn import_sheet(
        &self,
        kind: SheetKind,
        bytes: &[u8],
        file_name: &str,
        language: Language,
        now: Timestamp,
    ) -> CommandResult<SheetImport> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| samordna::sheets::import(p, &stamp, kind, bytes, file_name, language))
    }

    /// The budget material of a scenario within the proposed or the decided frames: loaded under the portfolio
    /// lock, solved without it (as [`Session::selection`]).
    pub fn budget(
        &self,
        scenario_id: Id,
        basis: samordna::prioritisation::budget::FrameBasis,
    ) -> CommandResult<samordna::prioritisation::budget::Budget> {
        let input = self.read(|r| r.budget_input(scenario_id))?;
        Ok(input.solve(basis).map_err(samordna::Error::Selection)?)
    }

    /// The follow-up of `year` against the frames, as the engine computes it.
    pub fn follow_up(&self, year: i32) -> CommandResult<samordna::prioritisation::follow_up::FollowUp> {
        self.read(|r| r.follow_up(year))
    }

    /// The budget material as a paper, signed with the member's name as its author.
    pub fn budget_paper(
        &self,
        budget: &samordna::prioritisation::budget::Budget,
        language: Language,
        now: Timestamp,
    ) -> CommandResult<Paper> {
        let author = self.stamp(now)?.by;
        let profile = self.read(|r| r.document_profile())?;
        Ok(samordna::papers::budget::write(budget, &profile, language, now, &author)?)
    }

    /// The optimal selection of a scenario. Its problem is loaded under the portfolio lock, which is released
    /// before the solve (seconds of HiGHS), so other commands need not wait for it.
    pub fn selection(&self, scenario_id: Id) -> CommandResult<SelectionResult> {
        self.selection_solved_by(scenario_id, ScenarioProblem::solve_observed)
    }

    /// [`Session::selection`] with the solve given, so that a test can hold the solve while other commands run.
    /// The solve counts in a [`Progress`] that [`Session::selection_progress`] reads while it runs.
    fn selection_solved_by(
        &self,
        scenario_id: Id,
        solve: impl FnOnce(&ScenarioProblem, &Progress) -> Result<SelectionResult, SelectionError>,
    ) -> CommandResult<SelectionResult> {
        let problem = self.read(|r| r.selection_problem(scenario_id))?;
        let progress = Arc::new(Progress::new());
        *lock(&self.selection_progress) = Some(Arc::clone(&progress));
        let solved = solve(&problem, &progress);
        let mut running = lock(&self.selection_progress);
        // A solve started since then shows its own progress.
        if running.as_ref().is_some_and(|p| Arc::ptr_eq(p, &progress)) {
            *running = None;
        }
        drop(running);
        Ok(solved.map_err(samordna::Error::Selection)?)
    }

    /// How far the selection being solved has come, or `None` when no solve runs.
    pub fn selection_progress(&self) -> Option<Searching> {
        lock(&self.selection_progress).as_ref().map(|p| p.now())
    }

    fn with_portfolio<T>(&self, f: impl FnOnce(&mut Portfolio) -> samordna::Result<T>) -> CommandResult<T> {
        let mut portfolio = lock(&self.portfolio);
        let portfolio = portfolio.as_mut().ok_or_else(CommandError::no_portfolio)?;
        Ok(f(portfolio)?)
    }

    /// Any read, for commands that need more than the whole data set.
    pub fn read<T>(&self, f: impl FnOnce(&samordna::Reader<'_>) -> samordna::Result<T>) -> CommandResult<T> {
        self.with_portfolio(|p| f(&p.read()))
    }

    /// Any write as one transaction, signed with the member's name.
    pub fn write<T>(
        &self,
        now: Timestamp,
        f: impl FnOnce(&mut samordna::Writer<'_>) -> samordna::Result<T>,
    ) -> CommandResult<T> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| p.write(&stamp, f))
    }

    pub fn data(&self) -> CommandResult<PortfolioData> {
        self.with_portfolio(|p| PortfolioData::read(&p.read()))
    }

    /// Creates the record when its id is 0, else updates it. Returns its id.
    pub fn save<T: Stored + PartialEq>(&self, record: T, now: Timestamp) -> CommandResult<Id> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| p.write(&stamp, |w| w.save(record)))
    }

    /// Saves a record as its form sent it: refused with every problem while a date could not be read.
    pub fn save_form<T: Stored + PartialEq + Clone>(&self, form: FormRecord<T>, now: Timestamp) -> CommandResult<Id> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| p.write(&stamp, |w| w.save_form(form)))
    }

    /// Every problem of a record as its form sent it, the dates that could not be read first.
    pub fn form_problems<T: Stored + Clone>(&self, form: &FormRecord<T>) -> CommandResult<Problems> {
        self.with_portfolio(|p| p.read().form_problems(form))
    }

    pub fn delete<T: Stored>(&self, id: Id, now: Timestamp) -> CommandResult<()> {
        let stamp = self.stamp(now)?;
        self.with_portfolio(|p| p.write(&stamp, |w| w.delete::<T>(id)))
    }

    pub fn problems<T: Stored + Clone>(&self, record: &T) -> CommandResult<Problems> {
        self.with_portfolio(|p| p.read().problems(record))
    }

    pub fn history(&self, entity: Entity, id: Id) -> CommandResult<Vec<Change>> {
        self.with_portfolio(|p| p.read().history(entity, id))
    }

    pub fn recent_changes(&self, limit: i64) -> CommandResult<Vec<Change>> {
        self.with_portfolio(|p| p.read().recent_changes(limit))
    }
}

#[cfg(test)]
mod tests {
    //! The handlers run without a desktop around them: a session over temporary folders.

    use samordna::domain::{Initiative, Organisation, OrganisationKind};

    use super::*;

    fn now() -> Timestamp {
        "2026-11-26T10:00:00Z".parse().unwrap()
    }

    struct Folders {
        dir: tempfile::TempDir,
    }

    impl Folders {
        fn new() -> Folders {
            Folders { dir: tempfile::tempdir().unwrap() }
        }

        fn session(&self) -> Session {
            Session::new(self.dir.path().join("config/settings.json"), self.dir.path().join("data"))
        }
    }

    #[test]
    fn first_start_opens_the_sample_and_remembers_it() {
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let state = session.state();
        let open = state.portfolio.expect("the sample is open");
        assert_eq!(open.name, SAMPLE_FILE);
        assert!(state.start_problem.is_none());
        assert_eq!(state.security_scale.len(), 5);
        assert_eq!(session.data().unwrap().initiatives.len(), 44);
        // A second app on the same portfolio is told it is busy and opens nothing.
        let second = folders.session();
        second.start(None, now());
        let state = second.state();
        assert!(state.portfolio.is_none());
        assert_eq!(state.start_problem.map(|p| p.code), Some("busy"));
        // The next start opens the same file again, from the settings.
        drop(session);
        let again = folders.session();
        again.start(None, now());
        assert_eq!(again.state().portfolio.unwrap().path, open.path);
        assert_eq!(again.state().recent[0].path, open.path);
    }

    #[test]
    fn an_analysis_sheet_is_previewed_without_a_write_then_imported() {
        use samordna::domain::{Provider, YearlyAnalysis};
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let analyses = |session: &Session| session.read(|r| r.all::<YearlyAnalysis>()).unwrap();
        let provider = session.read(|r| r.all::<Provider>()).unwrap()[0].id;
        let year = 2031;
        assert!(!analyses(&session).iter().any(|a| a.provider_id == provider && a.year == year));
        let table = session.read(|r| samordna::sheets::analysis_table(r, provider, year, Language::Sv)).unwrap();
        let bytes = samordna::sheets::xlsx(&table).unwrap();
        let preview =
            session.import_analysis_sheet(provider, year, &bytes, "analys.xlsx", Language::Sv, true, now()).unwrap();
        assert!(preview.problems.is_empty(), "{:?}", preview.problems);
        assert!(preview.created);
        assert!(preview.security_levels > 0, "the provider's services come along");
        assert!(!analyses(&session).iter().any(|a| a.provider_id == provider && a.year == year), "nothing written");
        let imported =
            session.import_analysis_sheet(provider, year, &bytes, "analys.xlsx", Language::Sv, false, now()).unwrap();
        assert_eq!(imported.security_levels, preview.security_levels, "the import does what the preview said");
        assert!(analyses(&session).iter().any(|a| a.provider_id == provider && a.year == year));
    }

    #[test]
    fn a_form_with_a_half_typed_date_is_refused_with_all_its_problems_and_nothing_is_saved() {
        use samordna::domain::{Benefit, Rule};
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let stored = session.read(|r| r.all::<Benefit>()).unwrap().remove(0);
        let mut sent = serde_json::to_value(&stored).unwrap();
        sent["target_date"] = "2027-1".into();
        sent["name"] = "".into();
        // As the command receives it from the UI.
        let form: FormRecord<Benefit> = serde_json::from_value(sent.clone()).unwrap();
        let problems = session.form_problems(&form).unwrap();
        let fields: Vec<(&str, &Rule)> = problems.errors().iter().map(|e| (e.field.as_str(), &e.rule)).collect();
        let format = Rule::Format { expected: samordna::domain::DATE_EXAMPLE.into() };
        assert_eq!(fields, [("target_date", &format), ("name", &Rule::Required)]);
        let refused = session.save_form(form, now()).unwrap_err();
        assert_eq!((refused.code, refused.fields.len()), ("invalid", 2), "{refused:?}");
        assert_eq!(session.read(|r| r.get::<Benefit>(stored.id)).unwrap(), stored, "nothing saved");
        sent["target_date"] = "2027-12-31".into();
        sent["name"] = stored.name.clone().into();
        session.save_form::<Benefit>(serde_json::from_value(sent).unwrap(), now()).unwrap();
        let saved = session.read(|r| r.get::<Benefit>(stored.id)).unwrap();
        assert_eq!(saved.target_date, samordna::time::parse_date("2027-12-31"));
    }

    #[test]
    fn other_commands_run_while_a_selection_is_solved() {
        use std::sync::mpsc;
        use std::time::Duration;
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let scenario = session.read(|r| r.all::<samordna::domain::Scenario>()).unwrap()[0].id;
        let (solving, solve_started) = mpsc::channel();
        let (read_done, may_finish) = mpsc::channel();
        let session = &session;
        let (result, initiatives) = std::thread::scope(|scope| {
            let solver = scope.spawn(move || {
                session.selection_solved_by(scenario, |problem, progress| {
                    solving.send(()).unwrap();
                    // The solve goes on only once a read has completed; were the portfolio still locked, the read
                    // could not, and this gives up (the test fails) instead of waiting for ever.
                    match may_finish.recv_timeout(Duration::from_secs(20)) {
                        Ok(()) => problem.solve_observed(progress),
                        Err(_) => Err(SelectionError::Solver { detail: "a read waited for the solve".into() }),
                    }
                })
            });
            solve_started.recv().unwrap();
            // The UI's progress line reads the running solve's progress (nothing searched yet).
            let running = session.selection_progress().expect("a solve is running");
            assert_eq!((running.nodes, running.frontier_points), (0, 0));
            let initiatives = session.data().map(|data| data.initiatives.len());
            // A solver that gave up no longer listens.
            let _ = read_done.send(());
            (solver.join().unwrap(), initiatives)
        });
        assert_eq!(initiatives.unwrap(), 44, "the read completed during the solve");
        assert_eq!(session.selection_progress(), None, "no solve runs any more");
        let result = result.expect("the solve ran while the read completed");
        assert_eq!(result.scenario_id, scenario);
        assert!(result.comparison.proven_optimal && !result.comparison.optimal.chosen.is_empty());
        // The same answer (how long each solve took differs).
        let mut again = session.selection(scenario).unwrap();
        again.comparison.proof.seconds = result.comparison.proof.seconds;
        assert_eq!(again, result, "the command solves the same problem");
    }

    #[test]
    fn a_file_that_cannot_be_opened_at_start_is_reported_once() {
        let folders = Folders::new();
        let broken = folders.dir.path().join("trasig.samordna");
        std::fs::write(&broken, "inte en portfölj").unwrap();
        let session = folders.session();
        session.start(Some(&broken), now());
        let state = session.state();
        assert!(state.portfolio.is_none());
        assert_eq!(state.start_problem.map(|p| p.code), Some("not_a_portfolio"));
        assert!(session.state().start_problem.is_none(), "shown once");
        assert_eq!(session.data().unwrap_err().code, "no_portfolio");
    }

    #[test]
    fn records_are_saved_checked_and_deleted_with_the_members_name() {
        let folders = Folders::new();
        let session = folders.session();
        session.save_settings("  Karin Berg ".into(), Language::En).unwrap();
        session.start(None, now());
        let id = session
            .save(
                Organisation {
                    id: 0,
                    name: "Nämnden för arbetsmarknad".into(),
                    kind: OrganisationKind::Board,
                    parent_id: None,
                },
                now(),
            )
            .unwrap();
        let history = session.history(Entity::Organisation, id).unwrap();
        assert_eq!(history[0].by, "Karin Berg");

        let mut initiative: Initiative = session.data().unwrap().initiatives[0].clone();
        initiative.title.clear();
        let problems = session.problems(&initiative).unwrap();
        assert_eq!(problems.errors()[0].field, "title");
        let refused = session.save(initiative, now()).unwrap_err();
        assert_eq!(refused.code, "invalid");
        assert_eq!(refused.fields[0].field, "title");

        session.delete::<Organisation>(id, now()).unwrap();
        assert_eq!(session.delete::<Organisation>(id, now()).unwrap_err().code, "not_found");
        let settings = UserSettings::load(&folders.dir.path().join("config/settings.json"));
        assert_eq!((settings.member_name.as_str(), settings.language), ("Karin Berg", Language::En));
    }

    #[test]
    fn saving_a_file_never_replaces_the_open_portfolio_or_its_backups() {
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let portfolio = session.state().portfolio.expect("the sample is open").path;
        let before = std::fs::read(&portfolio).unwrap();
        // The save dialog pointing at the portfolio itself.
        let refused = session.write_output(&portfolio, b"%PDF-").unwrap_err();
        assert_eq!((refused.code, refused.params["protected"].as_str()), ("protected_output", Some("portfolio")));
        // The papers folder set to the backups folder.
        let backups = portfolio.with_file_name(".samordna-backups");
        let refused = session.save_in_folder(&backups, "Kallelse.pdf", b"%PDF-", 1).unwrap_err();
        assert_eq!((refused.code, refused.params["protected"].as_str()), ("protected_output", Some("backup")));
        // A folder chosen as the file.
        assert_eq!(session.write_output(folders.dir.path(), b"%PDF-").unwrap_err().code, "not_a_regular_file");
        assert_eq!(std::fs::read(&portfolio).unwrap(), before);
        // Anywhere else, the file is written whole.
        let paper = folders.dir.path().join("Kallelse.pdf");
        session.write_output(&paper, b"%PDF-").unwrap();
        assert_eq!(std::fs::read(&paper).unwrap(), b"%PDF-");
    }

    #[test]
    fn new_open_and_save_copy_switch_portfolios_and_keep_recent_files() {
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let copy = folders.dir.path().join("kopia.samordna");
        session.save_copy(&copy).unwrap();
        let fresh = folders.dir.path().join("ny.samordna");
        session.create(&fresh, now()).unwrap();
        assert!(session.data().unwrap().initiatives.is_empty());
        assert_eq!(session.create(&fresh, now()).unwrap_err().code, "file_exists");
        session.open(&copy, now()).unwrap();
        assert_eq!(session.data().unwrap().initiatives.len(), 44);
        let recent: Vec<String> = session.state().recent.into_iter().map(|r| r.name).collect();
        assert_eq!(recent, ["kopia.samordna", "ny.samordna", SAMPLE_FILE]);
        // A refused open leaves the open portfolio as it was.
        assert_eq!(
            session.open(&folders.dir.path().join("saknas.samordna"), now()).unwrap_err().code,
            "file_not_found"
        );
        assert_eq!(session.state().portfolio.unwrap().name, "kopia.samordna");
    }

    #[test]
    fn an_actual_outcome_saved_in_the_session_moves_the_follow_up_and_a_refusal_carries_its_code() {
        use samordna::domain::{ActualOutcome, ItemRef};
        use samordna::prioritisation::budget::FrameKind;
        let folders = Folders::new();
        let session = folders.session();
        session.start(None, now());
        let before = session.follow_up(2026).unwrap();
        assert!(!before.frame(FrameKind::Development).decided_by_council, "2026's frames are proposed in the sample");
        let invoices = session.read(|r| r.initiative_by_case_number("SLK-2026-00102")).unwrap();
        let outcome = ActualOutcome {
            id: 0,
            item: ItemRef::Initiative(invoices.id),
            year: 2026,
            development: samordna::Money::from_kronor(500_000),
            management: samordna::Money::ZERO,
        };
        let id = session.save(outcome.clone(), now()).unwrap();
        let after = session.follow_up(2026).unwrap();
        let actual = |f: &samordna::prioritisation::follow_up::FollowUp| f.frame(FrameKind::Development).actual.ore();
        assert_eq!(actual(&after) - actual(&before), 50_000_000);
        // Once per item and year: a second one is refused with the field and the rule for the form.
        let twice = session.save(outcome.clone(), now()).unwrap_err();
        assert_eq!(twice.code, "invalid");
        assert_eq!(serde_json::to_value(&twice.fields).unwrap()[0]["field"], "year");
        assert!(session.problems(&ActualOutcome { year: 1999, ..outcome }).unwrap().has("year"));
        session.delete::<ActualOutcome>(id, now()).unwrap();
        assert_eq!(session.follow_up(2026).unwrap(), before);
        assert_eq!(session.follow_up(99_999).unwrap_err().code, "invalid");
    }

    #[test]
    fn papers_are_signed_by_the_member_and_never_overwrite_in_the_papers_folder() {
        use samordna::papers::PaperKind;
        let folders = Folders::new();
        let session = folders.session();
        session.save_settings("Jonas Berg".into(), Language::Sv).unwrap();
        session.start(None, now());
        let folder = folders.dir.path().join("handlingar");
        session.save_paper_settings(Some(folder.clone()), true).unwrap();
        let state = session.state();
        assert_eq!((state.papers_folder.as_deref(), state.open_after_export), (Some(folder.as_path()), true));

        let request = PaperRequest::new(PaperKind::Kallelse, 2);
        let paper = session.paper(&request, now()).unwrap();
        assert_eq!(paper.file_name, "Kallelse 2026-12-03.pdf");
        let first = session.save_in_folder(&folder, &paper.file_name, &paper.bytes, paper.pages).unwrap();
        let second = session.save_in_folder(&folder, &paper.file_name, &paper.bytes, paper.pages).unwrap();
        assert_eq!(first.path, folder.join("Kallelse 2026-12-03.pdf"));
        assert_eq!(second.path, folder.join("Kallelse 2026-12-03 (2).pdf"));
        assert_eq!(std::fs::read(&second.path).unwrap(), paper.bytes);
        let text = String::from_utf8_lossy(&paper.bytes);
        assert!(text.contains("<rdf:li>Jonas Berg</rdf:li>"), "the member is the author");

        let missing = PaperRequest { meeting_id: 99, ..request };
        assert_eq!(session.paper(&missing, now()).unwrap_err().code, "not_found");
        let settings = UserSettings::load(&folders.dir.path().join("config/settings.json"));
        assert_eq!(settings.papers_folder, Some(folder));
    }

    #[test]
    fn a_member_answers_a_package_in_another_session_and_the_secretary_imports_it() {
        let secretary_folders = Folders::new();
        let secretary = secretary_folders.session();
        secretary.save_settings("Jonas Berg".into(), Language::Sv).unwrap();
        secretary.start(None, now());
        let out = secretary_folders.dir.path().join("paket");
        let written = secretary.export_packages(2, Language::Sv, &out, now()).unwrap();
        assert_eq!(written.len(), 9, "one package per member called");
        let package_path = out.join("Ledamotspaket 2026-12-03 Karin Ekström.samordna-paket");
        assert!(written.contains(&package_path), "{written:?}");

        // The member's app has no portfolio open.
        let member_folders = Folders::new();
        let member = member_folders.session();
        assert!(member.state().portfolio.is_none());
        assert_eq!(member.respond(1, Vec::new(), "", now()).unwrap_err().code, "no_package");
        let view = member.open_package(&package_path).unwrap();
        assert!(view.content.papers.iter().all(|p| p.data.is_empty()), "the papers' bytes stay in the session");
        assert!(view.content.response_key.is_empty(), "so does the key");
        assert!(view.papers[0].1 > 10_000);
        let paper = member.package_paper(0).unwrap();
        assert!(std::fs::read(&paper).unwrap().starts_with(b"%PDF-"));
        assert_eq!(view.content.member.name, "Karin Ekström", "the package is hers");
        let karin = view.content.member.id;
        // Nobody else can respond with it.
        let other = secretary.read(|r| r.all::<samordna::domain::Member>()).unwrap();
        let other = other.iter().find(|m| m.id != karin).unwrap().id;
        let refused = member.respond(other, Vec::new(), "", now()).unwrap_err();
        assert_eq!((refused.code, refused.params["reason"].as_str()), ("refused", Some("wrong_member")));
        let (initiative_id, criterion_id) =
            (view.content.initiatives[0].id, view.content.criteria_set.as_ref().unwrap().criteria[0].id);
        let item = samordna::domain::ItemRef::Initiative(initiative_id);
        let score = ResponseScore { item, criterion_id, value: Some(0), comment: "Svagt underlag".into() };
        let response = member.respond(karin, vec![score], "", now()).unwrap();
        assert_eq!(member.opened_package().unwrap().checksum, view.checksum);

        let files = [IncomingResponse { name: response.file_name.clone(), bytes: response.bytes }];
        let preview = secretary.preview_responses(2, &files, now()).unwrap();
        assert_eq!(preview.changed, 1);
        let report = secretary.import_responses(2, &files, now()).unwrap();
        assert_eq!(report, preview);
        let stored = secretary.read(|r| r.score(criterion_id, item, karin)).unwrap().unwrap();
        assert_eq!((stored.value, stored.comment.as_str()), (Some(0), "Svagt underlag"));
        let status = secretary.response_status(2).unwrap();
        assert!(status.members.iter().any(|m| m.name == "Karin Ekström" && m.responded_at.is_some()));
        // Started with the package (double-clicked): it is open, and so is the usual portfolio.
        let third_folders = Folders::new();
        let third = third_folders.session();
        third.start(Some(&package_path), now());
        assert_eq!(third.opened_package().unwrap().checksum, view.checksum);
        assert!(third.state().portfolio.is_some());
        // Into another meeting it is refused, with the reason for the UI.
        let refused = secretary.import_responses(1, &files, now()).unwrap_err();
        assert_eq!((refused.code, refused.params["reason"].as_str()), ("refused", Some("other_meeting")));
    }
}
