//! Why a member package or a response to one cannot be used, and what changed in a meeting since a package was
//! exported (see [`crate::package`]).

use std::fmt;

use serde::Serialize;

/// Why a package or response cannot be used. The UI shows Swedish text for each reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, strum::IntoStaticStr, strum::VariantNames)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Refusal {
    #[error("the file is not a Samordna {expected}: {detail}")]
    Unreadable { expected: &'static str, detail: String },
    #[error("the file is a {found}, not a {expected}")]
    WrongKind { expected: &'static str, found: String },
    #[error("the file was written by a newer Samordna (format version {found}); update Samordna to read it")]
    NewerVersion { found: u32 },
    #[error(
        "the file was made by an older Samordna (format version {found}), whose responses cannot be authenticated; \
         export the packages again"
    )]
    OlderVersion { found: u32 },
    #[error("the file was changed after it was exported (its checksum does not match its content)")]
    Altered,
    #[error(
        "the response is not authentic: it was not written with the package made for its member, or it was changed, \
         re-addressed or re-dated after it was saved"
    )]
    NotAuthentic,
    #[error("the response names {name}, but it was written with the package made for {package_member}")]
    WrongMember { name: String, package_member: String },
    #[error("the response's time '{at}' is not a time (RFC 3339, e.g. 2026-11-28T19:00:00Z)")]
    BadTime { at: String },
    #[error("the response is dated {at}, in the future")]
    FutureTime { at: String },
    #[error("the response is dated {at}, before its package was exported ({exported_at})")]
    BeforePackage { at: String, exported_at: String },
    #[error("the response is for another meeting ({meeting})")]
    OtherMeeting { meeting: String },
    #[error("the response was made from a package this portfolio did not export")]
    UnknownPackage,
    #[error(
        "the response was made from an older package: the meeting's agenda, criteria or members have changed since; \
         export a new package"
    )]
    ChangedPackage,
    #[error("{name} is not a member in this portfolio")]
    UnknownMember { name: String },
    #[error("the response scores something that is not in the package: {detail}")]
    NotInPackage { detail: String },
    #[error("criteria set '{set}' is locked (decisions were recorded with it); scores can no longer change")]
    Locked { set: String },
    #[error(
        "the response scores {} '{name}', which is no longer scored at the meeting (removed after the package was \
         exported); ask the member to respond to a new package",
        .what.the()
    )]
    NoLongerScored { what: Scored, name: String },
    #[error(
        "the response scores the criterion '{criterion}', whose scale or levels changed after the package was \
         exported; ask the member to respond to a new package"
    )]
    ScaleChanged { criterion: String },
}

impl Refusal {
    /// The stable key (`not_authentic`).
    pub fn key(&self) -> &'static str {
        self.into()
    }
}

/// What members score, as a refusal or a change since export names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Scored {
    Initiative,
    Service,
    Criterion,
    /// The meeting's criteria set as a whole (another set, or none, since the package was exported).
    CriteriaSet,
}

impl Scored {
    /// The stable key (`initiative`).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// In English, with the article: "the initiative".
    pub fn the(self) -> &'static str {
        match self {
            Scored::Initiative => "the initiative",
            Scored::Service => "the service",
            Scored::Criterion => "the criterion",
            Scored::CriteriaSet => "the criteria set",
        }
    }
}

/// One thing that changed in a meeting since a member's package was exported, as the import's preview lists it.
/// Items are numbered as on the agenda (a removed item as in the package). Only what is scored matters to a
/// response: a response that scores something no longer scored (`scored_removed`) or a criterion whose scale or
/// levels changed (`scale_changed`) is refused; everything else is told, not refused. `Display` is the English
/// text the CLI prints; the UI has its own for each `change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::VariantNames)]
#[serde(tag = "change", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SinceExport {
    /// An agenda item was added.
    ItemAdded { number: usize, title: String },
    /// An agenda item was removed.
    ItemRemoved { number: usize, title: String },
    /// An item has another place among the items that were on the agenda then and are now.
    ItemMoved { title: String, from: usize, to: usize },
    /// An item's title changed.
    ItemRetitled { number: usize, from: String, to: String },
    /// An item's other texts or facts changed (kind, case number, presenter, proposed decision, summary,
    /// background, assessment, confidentiality, what it is about).
    ItemEdited { number: usize, title: String },
    /// Scored now but not in the package: the member could not score it.
    ScoredAdded { what: Scored, name: String },
    /// No longer scored at the meeting.
    ScoredRemoved { what: Scored, name: String },
    /// A criterion's scale or the meaning of its levels changed.
    ScaleChanged { criterion: String },
    /// A criterion was renamed.
    CriterionRenamed { from: String, to: String },
}

impl SinceExport {
    /// The stable key (`item_added`).
    pub fn key(&self) -> &'static str {
        self.into()
    }

    /// Whether a response that scores what this change names is refused.
    pub fn touches_what_is_scored(&self) -> bool {
        matches!(self, SinceExport::ScoredRemoved { .. } | SinceExport::ScaleChanged { .. })
    }
}

impl fmt::Display for SinceExport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SinceExport::ItemAdded { number, title } => write!(f, "item {number} '{title}' was added to the agenda"),
            SinceExport::ItemRemoved { number, title } => {
                write!(f, "item {number} '{title}' was taken off the agenda")
            }
            SinceExport::ItemMoved { title, from, to } => write!(f, "'{title}' moved from item {from} to item {to}"),
            SinceExport::ItemRetitled { number, from, to } => {
                write!(f, "item {number} was renamed from '{from}' to '{to}'")
            }
            SinceExport::ItemEdited { number, title } => write!(f, "the texts of item {number} '{title}' were edited"),
            SinceExport::ScoredAdded { what, name } => {
                write!(f, "{} '{name}' is now scored too (not in the package)", what.the())
            }
            SinceExport::ScoredRemoved { what, name } => write!(f, "{} '{name}' is no longer scored", what.the()),
            SinceExport::ScaleChanged { criterion } => {
                write!(f, "the scale or levels of the criterion '{criterion}' changed")
            }
            SinceExport::CriterionRenamed { from, to } => write!(f, "the criterion '{from}' was renamed '{to}'"),
        }
    }
}
