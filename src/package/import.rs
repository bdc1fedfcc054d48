//! Previewing and importing responses: authentication, then all or nothing, the newest trusted time winning.

use super::*;

// Importing responses

/// A response file to import.
#[derive(Debug, Clone)]
pub struct IncomingResponse {
    /// The file's name, to show and to keep.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What importing a response does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// The member's first response to the meeting.
    New,
    /// Replaces the member's earlier response (which is kept, marked as superseded).
    Replaces {
        previous: String,
    },
    /// This very response was imported before: nothing changes.
    AlreadyImported,
    /// The member has a newer response already: nothing changes.
    Older {
        newer: String,
    },
    Refused(Refusal),
}

/// One score a response changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreChange {
    pub initiative: String,
    pub criterion: String,
    /// Whether the cell was scored before, and with what (`None`: "don't know").
    pub old_scored: bool,
    pub old: Option<u8>,
    /// Whether it is scored after (not: the newer response left it out), and with what.
    pub new_scored: bool,
    pub new: Option<u8>,
    pub old_comment: String,
    pub new_comment: String,
}

/// A score a response leaves as it is because the member's newer response to another meeting scored the same
/// item and criterion: a member's scores are per item and criterion, whichever meeting's package carried them, and
/// the newest trusted response wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptScore {
    pub initiative: String,
    pub criterion: String,
    /// When the newer response was written, and to which meeting.
    pub newer: String,
    pub meeting: String,
}

/// One file's part of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponsePreview {
    pub file: String,
    pub member: Option<String>,
    pub meeting: Option<String>,
    pub responded_at: Option<String>,
    pub comment: String,
    pub outcome: Outcome,
    pub changes: Vec<ScoreChange>,
    /// Scores left as they are: a newer response of the member, to another meeting, scored them.
    pub kept_newer: Vec<KeptScore>,
    /// What changed in the meeting since the response's package was exported (told once the response is
    /// authentic): what the response scores is matched, everything else may have changed.
    pub since_export: Vec<SinceExport>,
}

/// What importing a set of responses does (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub responses: Vec<ResponsePreview>,
    /// How many files are refused; the import writes nothing unless this is 0.
    pub refused: usize,
    /// How many scores change.
    pub changed: usize,
}

impl ImportReport {
    pub fn first_refusal(&self) -> Option<&Refusal> {
        self.responses.iter().find_map(|r| match &r.outcome {
            Outcome::Refused(refusal) => Some(refusal),
            _ => None,
        })
    }
}

/// Shows what importing `files` would do, without changing the portfolio. `meeting`: the meeting they must be
/// for (the one the secretary is looking at); `None` accepts any meeting this portfolio exported a package for.
/// `stamp.at` is now: a response dated later (beyond [`CLOCK_SKEW`]) is refused.
pub fn preview(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    meeting: Option<Id>,
    files: &[IncomingResponse],
) -> Result<ImportReport> {
    portfolio.rehearse(stamp, |w| apply(w, stamp.at, meeting, files))
}

/// Imports responses, all or nothing: when any file is refused nothing is written and the error says why.
pub fn import(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    meeting: Option<Id>,
    files: &[IncomingResponse],
) -> Result<ImportReport> {
    portfolio.write(stamp, |w| {
        let report = apply(w, stamp.at, meeting, files)?;
        match report.first_refusal() {
            Some(refusal) => Err(Error::Refused(refusal.clone())),
            None => Ok(report),
        }
    })
}

/// Imports the responses inside `writer`'s transaction and reports what changed. Refused files are reported,
/// not written; the caller decides whether to keep the rest.
fn apply(
    writer: &mut Writer<'_>,
    now: Timestamp,
    meeting: Option<Id>,
    files: &[IncomingResponse],
) -> Result<ImportReport> {
    let mut reports: Vec<Option<ResponsePreview>> = vec![None; files.len()];
    let mut readable = Vec::new();
    for (index, file) in files.iter().enumerate() {
        match read_response(&file.bytes) {
            Ok(response) => readable.push((index, response)),
            Err(refusal) => {
                reports[index] = Some(ResponsePreview {
                    file: file.name.clone(),
                    member: None,
                    meeting: None,
                    responded_at: None,
                    comment: String::new(),
                    outcome: Outcome::Refused(refusal),
                    changes: Vec::new(),
                    kept_newer: Vec::new(),
                    since_export: Vec::new(),
                });
            }
        }
    }
    // Oldest first, so that of two responses from one member in the same import the newer one wins. (Times that
    // are no time sort first; they are refused.)
    readable.sort_by(|a, b| {
        instant(&a.1.content.responded_at).cmp(&instant(&b.1.content.responded_at)).then(a.0.cmp(&b.0))
    });
    for (index, response) in readable {
        let file = &files[index];
        let content = &response.content;
        let (imported, since_export) = import_one(writer, now, meeting, &file.name, &response)?;
        let (outcome, changes, kept_newer) = match imported {
            Ok(done) => done,
            Err(refusal) => (Outcome::Refused(refusal), Vec::new(), Vec::new()),
        };
        reports[index] = Some(ResponsePreview {
            file: file.name.clone(),
            member: Some(content.member.name.clone()),
            meeting: Some(meeting_label(&content.meeting)),
            responded_at: Some(content.responded_at.clone()),
            comment: content.comment.clone(),
            outcome,
            changes,
            kept_newer,
            since_export,
        });
    }
    let responses: Vec<ResponsePreview> = reports.into_iter().flatten().collect();
    let refused = responses.iter().filter(|r| matches!(r.outcome, Outcome::Refused(_))).count();
    let changed = responses.iter().map(|r| r.changes.len()).sum();
    Ok(ImportReport { responses, refused, changed })
}

/// When a response was written, for ordering: RFC 3339 texts with different fractions of a second do not sort as
/// text. A text that is no time sorts first.
fn instant(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

fn meeting_label(meeting: &ResponseMeeting) -> String {
    if meeting.case_number.is_empty() {
        format!("{} {}", meeting.body, meeting.date)
    } else {
        format!("{} {} ({})", meeting.body, meeting.date, meeting.case_number)
    }
}

type Imported = std::result::Result<(Outcome, Vec<ScoreChange>, Vec<KeptScore>), Refusal>;

/// Whether a response is authentic and may be imported, before anything about it is believed: it names a package
/// this portfolio exported with a key, its MAC under that key matches its content byte for byte, it names the
/// member the package was made for, and its time is a time, not before the package and not after now (with
/// [`CLOCK_SKEW`]). Returns the package.
fn authenticate(
    reader: &Reader<'_>,
    now: Timestamp,
    response: &Response,
) -> Result<std::result::Result<ExportedPackage, Refusal>> {
    let content = &response.content;
    let Some(package) = reader.exported_package(&content.package_checksum)? else {
        return Ok(Err(Refusal::UnknownPackage));
    };
    // A package of schema 8 has no key: nothing can be authenticated against it (its responses are version 1 and
    // refused when read; a version 2 response naming it is forged).
    let (Some(key), Some(package_member)) = (&package.response_key, package.member_id) else {
        return Ok(Err(Refusal::NotAuthentic));
    };
    if !response.mac.as_deref().is_some_and(|tag| mac_matches(key, response.signed.as_bytes(), tag)) {
        return Ok(Err(Refusal::NotAuthentic));
    }
    // Authentic from here on: written by whoever holds the member's package.
    if content.member.id != package_member {
        let package_member =
            reader.get::<Member>(package_member).map(|m| m.name).unwrap_or_else(|_| package_member.to_string());
        return Ok(Err(Refusal::WrongMember { name: content.member.name.clone(), package_member }));
    }
    let Some(at) = instant(&content.responded_at) else {
        return Ok(Err(Refusal::BadTime { at: content.responded_at.clone() }));
    };
    // Checked arithmetic: a time at the ends of the calendar must not panic.
    if at > now.checked_add(CLOCK_SKEW).unwrap_or(Timestamp::MAX) {
        return Ok(Err(Refusal::FutureTime { at: content.responded_at.clone() }));
    }
    if instant(&package.exported_at)
        .is_some_and(|exported| at < exported.checked_sub(CLOCK_SKEW).unwrap_or(Timestamp::MIN))
    {
        return Ok(Err(Refusal::BeforePackage {
            at: content.responded_at.clone(),
            exported_at: package.exported_at.clone(),
        }));
    }
    Ok(Ok(package))
}

/// What the response's package offered to score: its record, or for a package exported before packages recorded
/// it, the meeting's scoring as such packages saw it, when the fingerprint still matches (else `changed_package`).
fn offered(
    reader: &Reader<'_>,
    package: &ExportedPackage,
    member: Id,
) -> Result<std::result::Result<Offered, Refusal>> {
    if let Some(text) = &package.scored {
        return Ok(Offered::from_json(text).ok_or(Refusal::ChangedPackage));
    }
    let legacy = legacy_scope(reader, package.meeting_id)?;
    if legacy_fingerprint(&legacy) != package.fingerprint {
        return Ok(Err(Refusal::ChangedPackage));
    }
    Ok(Ok(Offered::of(&legacy, member)))
}

/// Imports one response: its outcome and score changes (or why it is refused), and what changed in the meeting
/// since its package was exported (once the response is authentic).
fn import_one(
    writer: &mut Writer<'_>,
    now: Timestamp,
    meeting: Option<Id>,
    file_name: &str,
    response: &Response,
) -> Result<(Imported, Vec<SinceExport>)> {
    let reader = writer.read();
    let content = &response.content;
    let package = match authenticate(&reader, now, response)? {
        Ok(package) => package,
        Err(refusal) => return Ok((Err(refusal), Vec::new())),
    };
    let other_meeting = || Refusal::OtherMeeting { meeting: meeting_label(&content.meeting) };
    if meeting.is_some_and(|m| m != content.meeting.id) || package.meeting_id != content.meeting.id {
        return Ok((Err(other_meeting()), Vec::new()));
    }
    let scope = scope(&reader, package.meeting_id)?;
    let offered = match offered(&reader, &package, content.member.id)? {
        Ok(offered) => offered,
        Err(refusal) => return Ok((Err(refusal), Vec::new())),
    };
    let since = offered.since(&scope);
    let imported = import_authentic(writer, &scope, &offered, file_name, response, &package)?;
    Ok((imported, since))
}

/// Imports an authentic response to a package of this meeting, matched by what it scores against what its package
/// offered (`offered`) and what the meeting scores now (`scope`).
fn import_authentic(
    writer: &mut Writer<'_>,
    scope: &Scope,
    offered: &Offered,
    file_name: &str,
    response: &Response,
    package: &ExportedPackage,
) -> Result<Imported> {
    let reader = writer.read();
    let content = &response.content;
    let sum = response.checksum.as_str();
    let Some(member) = scope.members.iter().find(|m| m.id == content.member.id && m.name == content.member.name) else {
        return Ok(Err(Refusal::UnknownMember { name: content.member.name.clone() }));
    };
    // Only cells the package offered, still scored and meaning what they meant when it was exported.
    let seen = match offered.check(scope, &content.scores) {
        Ok(seen) => seen,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let Some(set) = &scope.set else {
        return Ok(Err(Refusal::NotInPackage { detail: "the meeting has no criteria set".into() }));
    };
    if reader.imported_response(sum)?.is_some() {
        return Ok(Ok((Outcome::AlreadyImported, Vec::new(), Vec::new())));
    }
    let earlier: Vec<ImportedResponse> = reader
        .imported_responses(package.meeting_id)?
        .into_iter()
        .filter(|r| r.member_id == member.id && !r.superseded)
        .collect();
    let current = earlier.last();
    // Newest wins, among trusted times: a response imported from a package of schema 8 was never authenticated
    // (its time may be anything, "2099-01-01" too), so any authentic response replaces it.
    let current_trusted = match current {
        Some(current) => reader.exported_package(&current.package_checksum)?.is_some_and(|p| p.response_key.is_some()),
        None => false,
    };
    if let Some(current) = current
        && current_trusted
        && instant(&current.responded_at) >= instant(&content.responded_at)
    {
        return Ok(Ok((Outcome::Older { newer: current.responded_at.clone() }, Vec::new(), Vec::new())));
    }
    if set.locked {
        return Ok(Err(Refusal::Locked { set: set.name.clone() }));
    }
    // Cells the earlier response scored and this one leaves out are removed: the newer response replaces it. Only
    // cells this response could have scored (offered by its package and still scored) count as left out.
    let could_score = offered.cells_still_scored(scope);
    let previous_cells: BTreeSet<(ItemRef, Id)> = match current {
        Some(current) => serde_json::from_str::<ResponseContent>(&current.content)
            .map(|c| c.scores.iter().map(|s| (s.item, s.criterion_id)).filter(|c| could_score.contains(c)).collect())
            .unwrap_or_default(),
        None => BTreeSet::new(),
    };
    // Newest wins per member and cell across meetings, too: an older response to another meeting (replayed by
    // anyone holding it, or simply imported late) must not overwrite what the member scored later.
    let newer = newer_elsewhere(&reader, member.id, package.meeting_id, &content.responded_at)?;
    let item_label = |item: ItemRef| scope.label(item).unwrap_or_else(|| item.to_string());
    let criterion_label = |id: Id| set.criteria.iter().find(|c| c.id == id).map(|c| c.name.clone()).unwrap_or_default();
    let kept: Vec<KeptScore> = content
        .scores
        .iter()
        .map(|s| (s.item, s.criterion_id))
        .chain(previous_cells.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter_map(|cell| {
            newer.get(&cell).map(|(at, meeting)| KeptScore {
                initiative: item_label(cell.0),
                criterion: criterion_label(cell.1),
                newer: at.clone(),
                meeting: meeting.clone(),
            })
        })
        .collect();
    let previous_cells: BTreeSet<(ItemRef, Id)> =
        previous_cells.into_iter().filter(|cell| !newer.contains_key(cell)).collect();
    let mut content_now = content.clone();
    content_now.scores.retain(|s| !newer.contains_key(&(s.item, s.criterion_id)));
    writer.set_note(format!(
        "Svar från {} ({}), {}",
        member.name,
        content.responded_at.get(..10).unwrap_or(&content.responded_at),
        file_name
    ));
    let changes = write_scores(writer, scope, set, member.id, &content_now, &previous_cells, &seen)?;
    writer.set_note("");
    writer.record_response(&ImportedResponse {
        id: 0,
        meeting_id: package.meeting_id,
        member_id: member.id,
        package_checksum: content.package_checksum.clone(),
        checksum: sum.to_string(),
        responded_at: content.responded_at.clone(),
        imported_at: String::new(),
        imported_by: String::new(),
        file_name: file_name.to_string(),
        // The bytes the MAC covers, so the response can be authenticated again later.
        content: response.signed.clone(),
        superseded: false,
    })?;
    let outcome = match current {
        Some(current) => Outcome::Replaces { previous: current.responded_at.clone() },
        None => Outcome::New,
    };
    Ok(Ok((outcome, changes, kept)))
}

/// The cells (item, criterion) that a trusted response of `member` to another meeting than `meeting`, written
/// after `responded_at`, scored: with when it was written and the meeting's label.
fn newer_elsewhere(
    reader: &Reader<'_>,
    member: Id,
    meeting: Id,
    responded_at: &str,
) -> Result<BTreeMap<(ItemRef, Id), (String, String)>> {
    let this = instant(responded_at);
    let mut newer = BTreeMap::new();
    for other in reader.imported_responses_of_member(member)? {
        if other.meeting_id == meeting || other.superseded || instant(&other.responded_at) <= this {
            continue;
        }
        // Only authenticated responses are believed about their time (see `import_authentic`).
        let trusted = reader.exported_package(&other.package_checksum)?.is_some_and(|p| p.response_key.is_some());
        if !trusted {
            continue;
        }
        let Ok(content) = serde_json::from_str::<ResponseContent>(&other.content) else { continue };
        for score in &content.scores {
            newer.insert(
                (score.item, score.criterion_id),
                (other.responded_at.clone(), meeting_label(&content.meeting)),
            );
        }
    }
    Ok(newer)
}

/// Writes a response's scores over the member's earlier ones, and removes the cells the earlier response scored
/// and this one leaves out (the newer response replaces it). Returns each change, old → new, as the preview shows it.
fn write_scores(
    writer: &mut Writer<'_>,
    scope: &Scope,
    set: &CriteriaSet,
    member_id: Id,
    content: &ResponseContent,
    previous_cells: &BTreeSet<(ItemRef, Id)>,
    seen: &BTreeSet<(ItemRef, Id)>,
) -> Result<Vec<ScoreChange>> {
    let item_label = |item: ItemRef| scope.label(item).unwrap_or_else(|| item.to_string());
    let criterion_label = |id: Id| set.criteria.iter().find(|c| c.id == id).map(|c| c.name.clone()).unwrap_or_default();
    let mut changes = Vec::new();
    let mut before: BTreeMap<(ItemRef, Id), Score> = BTreeMap::new();
    for (item, criterion) in
        previous_cells.iter().copied().chain(content.scores.iter().map(|s| (s.item, s.criterion_id)))
    {
        if let Some(score) = writer.read().score(criterion, item, member_id)? {
            before.insert((item, criterion), score);
        }
    }
    for score in &content.scores {
        let old = before.get(&(score.item, score.criterion_id));
        if old.is_some_and(|o| o.value == score.value && o.comment == score.comment) {
            continue;
        }
        writer.put_score(Score {
            id: 0,
            criterion_id: score.criterion_id,
            item: score.item,
            member_id,
            value: score.value,
            comment: score.comment.clone(),
        })?;
        changes.push(ScoreChange {
            initiative: item_label(score.item),
            criterion: criterion_label(score.criterion_id),
            old_scored: old.is_some(),
            old: old.and_then(|o| o.value),
            new_scored: true,
            new: score.value,
            old_comment: old.map(|o| o.comment.clone()).unwrap_or_default(),
            new_comment: score.comment.clone(),
        });
    }
    for cell in previous_cells.iter().filter(|cell| !seen.contains(cell)) {
        if let Some(old) = before.get(cell) {
            writer.delete::<Score>(old.id)?;
            changes.push(ScoreChange {
                initiative: item_label(cell.0),
                criterion: criterion_label(cell.1),
                old_scored: true,
                old: old.value,
                new_scored: false,
                new: None,
                old_comment: old.comment.clone(),
                new_comment: String::new(),
            });
        }
    }
    Ok(changes)
}

// ---------------------------------------------------------------------------------------------------------------
