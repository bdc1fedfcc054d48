//! Who has responded to a meeting's packages.

use super::*;

// Who has responded

/// One member's state for a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberStatus {
    pub member_id: Id,
    pub name: String,
    pub organisation: String,
    /// When the member wrote the response in force, if any.
    pub responded_at: Option<String>,
    pub imported_at: Option<String>,
    /// How many earlier responses it replaced.
    pub superseded: usize,
    /// How many of the meeting's cells the member has scored (from responses or in the app).
    pub scored: usize,
    pub cells: usize,
}

/// Who has and has not responded to a meeting's package, and how much each has scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseStatus {
    pub meeting_id: Id,
    pub packages: Vec<ExportedPackage>,
    /// Whether what the last packages offered to score is still scored, meaning the same (responses to them can be
    /// imported).
    pub current: bool,
    /// What changed in the meeting since the last package was exported.
    pub since_export: Vec<SinceExport>,
    pub members: Vec<MemberStatus>,
}

pub fn status(reader: &Reader, meeting_id: Id) -> Result<ResponseStatus> {
    let scope = scope(reader, meeting_id)?;
    let packages = reader.exported_packages(meeting_id)?;
    let (current, since_export) = match packages.last() {
        None => (false, Vec::new()),
        Some(last) => match (&last.scored, last.member_id) {
            (Some(text), _) => match Offered::from_json(text) {
                Some(offered) => {
                    let since = offered.since(&scope);
                    (!since.iter().any(SinceExport::touches_what_is_scored), since)
                }
                None => (false, Vec::new()),
            },
            // A package exported before packages recorded what they offered: the fingerprint decides.
            (None, member) => {
                let legacy = legacy_scope(reader, meeting_id)?;
                let current = legacy_fingerprint(&legacy) == last.fingerprint;
                let since = match member {
                    Some(member) if current => Offered::of(&legacy, member).since(&scope),
                    _ => Vec::new(),
                };
                (current, since)
            }
        },
    };
    let responses = reader.imported_responses(meeting_id)?;
    let organisations = reader.organisations()?;
    let cells = scope.cells();
    let mut members = Vec::new();
    for member in &scope.members {
        let own: Vec<&ImportedResponse> = responses.iter().filter(|r| r.member_id == member.id).collect();
        let latest = own.iter().find(|r| !r.superseded);
        let mut scored = 0;
        for (item, criterion) in &cells {
            if reader.score(*criterion, *item, member.id)?.is_some() {
                scored += 1;
            }
        }
        members.push(MemberStatus {
            member_id: member.id,
            name: member.name.clone(),
            organisation: member
                .organisation_id
                .and_then(|id| organisations.iter().find(|o| o.id == id))
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            responded_at: latest.map(|r| r.responded_at.clone()),
            imported_at: latest.map(|r| r.imported_at.clone()),
            superseded: own.iter().filter(|r| r.superseded).count(),
            scored,
            cells: cells.len(),
        });
    }
    Ok(ResponseStatus { meeting_id, packages, current, since_export, members })
}
