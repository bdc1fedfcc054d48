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
    /// Whether the last package still matches the meeting (responses to it can be imported).
    pub current: bool,
    pub members: Vec<MemberStatus>,
}

pub fn status(reader: &Reader, meeting_id: Id) -> Result<ResponseStatus> {
    let scope = scope(reader, meeting_id)?;
    let packages = reader.exported_packages(meeting_id)?;
    let fingerprint = fingerprint(&scope);
    let current = packages.last().is_some_and(|p| p.fingerprint == fingerprint);
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
    Ok(ResponseStatus { meeting_id, packages, current, members })
}
