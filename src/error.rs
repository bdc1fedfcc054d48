//! The engine's errors. Each has a stable [`Error::code`] that the desktop app sends to the UI, which shows
//! Swedish text for it; the `Display` text is the English message the CLI prints.

use std::path::PathBuf;

use serde::Serialize;

use crate::domain::{Entity, Problems, Rule};

mod paper;
mod refusal;
mod selection;

pub use paper::PaperProblem;
pub use refusal::{Refusal, Scored, SinceExport};
pub use selection::SelectionError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error the engine reports. The variant's name in snake case is its stable code ([`Error::code`]), so the
/// list of codes ([`catalogue`]) cannot drift from the errors.
#[derive(Debug, thiserror::Error, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum Error {
    #[error("{} is not a Samordna portfolio", .path.display())]
    NotAPortfolio { path: PathBuf },

    #[error(
        "{} was written by a newer Samordna (schema version {found}; this version reads up to {supported}); \
         update Samordna to open it",
        .path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error("{} is damaged and was not opened (integrity check: {detail})", .path.display())]
    Damaged { path: PathBuf, detail: String },

    #[error("{} does not exist", .path.display())]
    FileNotFound { path: PathBuf },

    #[error(
        "{} is open in another Samordna (a window or a command) that may change it; close it there or wait for the \
         command to finish",
        .path.display()
    )]
    Busy { path: PathBuf },

    #[error("{} cannot be written (the file or its folder is read-only); nothing was changed", .path.display())]
    ReadOnly { path: PathBuf },

    #[error("the disk holding {} is full; nothing was changed: free some space and try again", .path.display())]
    DiskFull { path: PathBuf },

    #[error("{} was written by an older Samordna; open it for writing once to upgrade it", .path.display())]
    NeedsUpgrade { path: PathBuf },

    #[error("{} already exists; choose another name", .path.display())]
    FileExists { path: PathBuf },

    #[error("{} is {}; choose another file to write", .path.display(), protected_message(.protected))]
    ProtectedOutput { path: PathBuf, protected: Protected },

    #[error("{} is not a regular file (a folder, a device or a pipe); choose a file", .path.display())]
    NotARegularFile { path: PathBuf },

    #[error("{} is larger than {} MB and was not read", .path.display(), .limit / 1024 / 1024)]
    TooLarge { path: PathBuf, limit: u64 },

    #[error("{} is not UTF-8 text", .path.display())]
    NotText { path: PathBuf },

    #[error("no {} with id {id}", .entity.key())]
    NotFound { entity: Entity, id: i64 },

    #[error("no initiative with case number {0}")]
    #[strum(serialize = "not_found")]
    CaseNumberNotFound(String),

    #[error("invalid {} '{label}': {problems}", .entity.key())]
    Invalid { entity: Entity, label: String, problems: Problems },

    #[error("{} '{label}' is still used by {count} other record(s) ({used_by}) and cannot be deleted", .entity.key())]
    InUse { entity: Entity, label: String, count: usize, used_by: String },

    #[error("criteria set '{0}' is locked (decisions were recorded with it); copy it to a new period to change it")]
    Locked(String),

    #[error("the minutes of {0} are already approved")]
    AlreadyApproved(String),

    /// A decision recorded, or minutes approved, before the meeting has taken place.
    #[error(
        "the meeting {label} takes place on {date}: its decisions are recorded and its minutes approved once it has \
         taken place"
    )]
    MeetingNotHeld { label: String, date: String },

    #[error("initiative '{label}' is already {state}")]
    AlreadyInState { label: String, state: crate::domain::InitiativeState },

    #[error(
        "initiative '{label}' has no step of its own to undo (its latest move was undone, imported or made otherwise)"
    )]
    NothingToUndo { label: String },

    /// The latest move was made by a decision of the group: only a new decision reverses it.
    #[error(
        "initiative '{label}' was moved by a decision of the group ({decision}); only a new decision at a meeting \
         reverses it"
    )]
    UndoByDecision { label: String, decision: String },

    #[error("initiative '{label}' was moved by {by}; only they can undo that step")]
    UndoByOther { label: String, by: String },

    /// A provider without an analysis for the year asked for.
    #[error("{provider} has no yearly analysis for {year}")]
    NoAnalysis { provider: String, year: i32 },

    /// Taking an analysis's levels, investments or needs into the portfolio before the group has taken part of it.
    #[error(
        "'{label}' is {}: its levels, investments and development needs are taken into the portfolio once it is \
         presented to the group",
        .state.label(crate::domain::Language::En).to_lowercase()
    )]
    AnalysisNotPresented { label: String, state: crate::domain::AnalysisState },

    /// An investment or development need that the analysis does not have (`number` counts from 1).
    #[error("'{label}' has {count} {part}(s); there is no {part} {number}")]
    NoSuchEntry { label: String, part: crate::domain::AnalysisPart, number: usize, count: usize },

    /// An investment already made an initiative, or a need already in its service's planned costs.
    #[error("{part} {number} of '{label}' is already in the portfolio: {taken}")]
    AlreadyTaken { label: String, part: crate::domain::AnalysisPart, number: usize, taken: String },

    /// A development need that names no service, taken into a service's planned costs without one.
    #[error(
        "development need {number} of '{label}' names no service: give the service whose planned costs it goes into"
    )]
    NeedWithoutService { label: String, number: usize },

    /// A development need taken into another service's costs than the one it names.
    #[error("development need {number} of '{label}' concerns the service '{service}', not another")]
    NeedOfAnotherService { label: String, number: usize, service: String },

    /// An investment or need without costs, taken into a service's planned costs.
    #[error("{part} {number} of '{label}' has no costs per year to plan")]
    NothingToPlan { label: String, part: crate::domain::AnalysisPart, number: usize },

    /// Planned costs for a retired service.
    #[error("the service '{name}' is retired; its planned costs do not change")]
    ServiceRetired { name: String },

    /// A year outside the years the portfolio keeps.
    #[error("the year {year} is outside {min}–{max}")]
    YearOutOfRange { year: i64, min: i64, max: i64 },

    #[error("{0}")]
    Selection(#[from] SelectionError),

    /// A calculation (`what`: benefits, funding) whose result would leave the range of exact amounts.
    #[error(
        "the {what} calculation is out of range: its amounts would exceed 1 000 000 000 000 kr or fall below \
             what exact decimals hold; check the inputs for a misplaced digit"
    )]
    OutOfRange { what: &'static str },

    /// A funding case that cannot be computed: the input (`investment.rate`) and the rule it breaks.
    #[error("{field} {rule}")]
    Funding { field: String, rule: Rule },

    /// Benefit flows that cannot be appraised: the input (`rate`, `flows[2]`) and the rule it breaks.
    #[error("{field} {rule}")]
    Benefits { field: String, rule: Rule },

    /// An initiative that may not move to a state: not a transition of its track from where it is (`missing`
    /// empty), or it lacks what the new state requires.
    #[error("{}", transition_message(.label, .from, .to, .missing))]
    Transition {
        label: String,
        from: Option<crate::domain::InitiativeState>,
        to: crate::domain::InitiativeState,
        missing: Vec<crate::domain::Requirement>,
    },

    /// A service that may not move to a state: not a step of the service lifecycle, or it lacks what the state
    /// requires.
    #[error("{}", service_transition_message(.label, .from, .to, .missing))]
    ServiceTransition {
        label: String,
        from: Option<crate::domain::ServiceState>,
        to: crate::domain::ServiceState,
        missing: Vec<crate::domain::Requirement>,
    },

    /// A document (meeting paper, report, spreadsheet, member package) that cannot be made, and why.
    #[error("{0}")]
    Paper(PaperProblem),

    #[error("the portfolio already holds data; import replaces everything only when asked to (--replace)")]
    NotEmpty,

    #[error("the file is not a Samordna portfolio export: {0}")]
    BadImport(String),

    /// A spreadsheet that cannot be read at all; the message says why (in the language asked for).
    #[error("{0}")]
    BadSheet(String),

    /// A spreadsheet import refused because rows have problems; nothing was written.
    #[error("nothing was imported: {problems} problem(s), the first in row {} ({}): {}", .first.row, .first.column, .first.message)]
    SheetRefused { problems: usize, first: SheetProblem },

    /// A meeting package or response that cannot be used, with the reason.
    #[error("{0}")]
    Refused(#[from] Refusal),

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// A stable code for the UI and for scripts.
    pub fn code(&self) -> &'static str {
        self.into()
    }

    /// The values the UI puts into its text for the code, typed (numbers as numbers, closed lists as their keys,
    /// rules and reasons as their codes with their own parameters), never packed into the code or the message.
    pub fn params(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::{Value, json, to_value};
        let transition = |label: &str, from: Option<&'static str>, to: &'static str, missing: Vec<&'static str>| json!({"name": label, "from": from, "to": to, "missing": missing});
        let value = match self {
            Error::InUse { label, count, used_by, .. } => json!({"name": label, "count": count, "used_by": used_by}),
            Error::NewerSchema { found, supported, .. } => json!({"found": found, "supported": supported}),
            Error::Invalid { label, .. } => json!({"name": label}),
            Error::NotFound { entity, id } => json!({"entity": entity.key(), "id": id}),
            Error::CaseNumberNotFound(case_number) => json!({"case_number": case_number}),
            Error::Locked(name) | Error::AlreadyApproved(name) => json!({"name": name}),
            Error::MeetingNotHeld { label, date } => json!({"name": label, "date": date}),
            Error::AlreadyInState { label, state } => json!({"name": label, "state": state.key()}),
            Error::NothingToUndo { label } => json!({"name": label}),
            Error::UndoByDecision { label, decision } => json!({"name": label, "decision": decision}),
            Error::UndoByOther { label, by } => json!({"name": label, "by": by}),
            Error::NoAnalysis { provider, year } => json!({"name": provider, "year": year}),
            Error::AnalysisNotPresented { label, state } => json!({"name": label, "state": state.key()}),
            Error::NoSuchEntry { label, part, number, count } => {
                json!({"name": label, "part": part.key(), "number": number, "count": count})
            }
            Error::AlreadyTaken { label, part, number, taken } => {
                json!({"name": label, "part": part.key(), "number": number, "taken": taken})
            }
            Error::NeedWithoutService { label, number } => json!({"name": label, "number": number}),
            Error::NeedOfAnotherService { label, number, service } => {
                json!({"name": label, "number": number, "service": service})
            }
            Error::NothingToPlan { label, part, number } => {
                json!({"name": label, "part": part.key(), "number": number})
            }
            Error::ServiceRetired { name } => json!({"name": name}),
            Error::YearOutOfRange { year, min, max } => json!({"year": year, "min": min, "max": max}),
            Error::Refused(refusal) => to_value(refusal).unwrap_or(Value::Null),
            Error::SheetRefused { problems, first } => {
                json!({"count": problems, "row": first.row, "column": first.column, "problem": first.message})
            }
            Error::BadSheet(reason) => json!({"reason": reason}),
            Error::ProtectedOutput { protected, .. } => json!({"protected": protected.key()}),
            Error::TooLarge { limit, .. } => json!({"limit_mb": limit / 1024 / 1024}),
            Error::OutOfRange { what } => json!({"what": what}),
            Error::Funding { field, rule } | Error::Benefits { field, rule } => json!({"field": field, "rule": rule}),
            Error::Selection(selection) => to_value(selection).unwrap_or(Value::Null),
            Error::Paper(problem) => to_value(problem).unwrap_or(Value::Null),
            Error::Transition { label, from, to, missing } => {
                transition(label, from.map(|s| s.key()), to.key(), missing.iter().map(|m| m.key()).collect())
            }
            Error::ServiceTransition { label, from, to, missing } => {
                transition(label, from.map(|s| s.key()), to.key(), missing.iter().map(|m| m.key()).collect())
            }
            _ => Value::Null,
        };
        match value {
            Value::Object(map) => map,
            _ => serde_json::Map::new(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

/// What an output path would have replaced, had it not been refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Protected {
    /// The open portfolio itself.
    Portfolio,
    /// SQLite's journal beside the portfolio (`-wal`, `-shm`, `-journal`).
    Journal,
    /// The portfolio's lock file.
    Lock,
    /// One of the portfolio's backups, or the backups folder.
    Backup,
    /// The file the same command reads.
    Input,
}

impl Protected {
    /// The stable key (`portfolio`).
    pub fn key(self) -> &'static str {
        self.into()
    }
}

/// One problem of an import, where the user finds it: the sheet's row (1 is the header row) and column header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    pub row: usize,
    /// The column's header, or empty when the problem is the row's or the file's.
    pub column: String,
    pub message: String,
}

/// Every stable code and closed-list key the engine sends to the UI, by the i18n prefix under which the UI keeps
/// its text (`error.busy`, `rule.too_long`, `reason.zero_total_volume`, …). A UI test checks each has Swedish and
/// English text (`tests/ui/engine-codes.json`, kept equal to this by `tests/engine/codes.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    pub error: Vec<&'static str>,
    pub rule: Vec<&'static str>,
    pub reason: Vec<&'static str>,
    pub refusal: Vec<&'static str>,
    pub protected: Vec<&'static str>,
    pub selection: Vec<&'static str>,
    pub paper: Vec<&'static str>,
    /// What members score, as a refusal or a change since a package's export names it.
    pub scored: Vec<&'static str>,
    /// What may have changed in a meeting since a package was exported.
    pub since_export: Vec<&'static str>,
}

/// The engine's codes, each list sorted and without repeats.
pub fn catalogue() -> Catalogue {
    use strum::VariantNames;
    let sorted = |names: &[&'static str]| {
        let mut names = names.to_vec();
        names.sort_unstable();
        names.dedup();
        names
    };
    Catalogue {
        error: sorted(Error::VARIANTS),
        rule: sorted(Rule::VARIANTS),
        reason: sorted(crate::domain::Reason::VARIANTS),
        refusal: sorted(Refusal::VARIANTS),
        protected: sorted(Protected::VARIANTS),
        selection: sorted(SelectionError::VARIANTS),
        paper: sorted(PaperProblem::VARIANTS),
        scored: sorted(Scored::VARIANTS),
        since_export: sorted(SinceExport::VARIANTS),
    }
}

fn protected_message(protected: &Protected) -> &'static str {
    match protected {
        Protected::Portfolio => "the open portfolio",
        Protected::Journal => "the open portfolio's journal",
        Protected::Lock => "the open portfolio's lock",
        Protected::Backup => "in the portfolio's backups",
        Protected::Input => "the file this command reads",
    }
}

fn transition_message(
    label: &str,
    from: &Option<crate::domain::InitiativeState>,
    to: &crate::domain::InitiativeState,
    missing: &[crate::domain::Requirement],
) -> String {
    crate::domain::lifecycle::transition_text(crate::domain::Language::En, label, *from, *to, missing)
}

fn service_transition_message(
    label: &str,
    from: &Option<crate::domain::ServiceState>,
    to: &crate::domain::ServiceState,
    missing: &[crate::domain::Requirement],
) -> String {
    crate::domain::lifecycle::service_transition_text(crate::domain::Language::En, label, *from, *to, missing)
}

/// `year` as a year Samordna plans for ([`crate::domain::YEARS`]), or [`Error::YearOutOfRange`]: where the
/// yearly report, the analysis sheet and its import start, before any year arithmetic.
pub fn planning_year(year: i64) -> Result<i32> {
    let years = crate::domain::YEARS;
    i32::try_from(year).ok().filter(|y| years.contains(y)).ok_or(Error::YearOutOfRange {
        year,
        min: i64::from(*years.start()),
        max: i64::from(*years.end()),
    })
}
