//! Why a member package or a response to one cannot be used (see [`crate::package`]).

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
}

impl Refusal {
    /// The stable key (`not_authentic`).
    pub fn key(&self) -> &'static str {
        self.into()
    }
}
