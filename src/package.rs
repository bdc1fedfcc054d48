//! Meeting packages for members who prepare offline, and the responses they send back.
//!
//! The secretary exports **one package per member** called to a meeting: the agenda with each item's texts, the
//! meeting packet as PDF (notice, memos, attachments), the criteria set with its scales and anchors, the initiatives
//! to score, the member and their scores so far, and a random 256-bit **response key** known only to that package
//! and the portfolio. The member opens it without a portfolio, scores with comments and writes a **response**
//! carrying the member, the meeting, the package's checksum and the time, authenticated with HMAC-SHA-256 under
//! the package's key. The secretary imports responses: all or nothing, idempotent, a newer response from a member
//! replacing the older one (which is kept).
//!
//! Both files are JSON envelopes `{"format", "version", "checksum", "content"}` where `checksum` is the SHA-256
//! of the content exactly as written, so any change to the content is noticed; a response's envelope adds `mac`,
//! the HMAC of the same bytes, so only the holder of the member's package can write a response in their name, and
//! none can be altered, re-addressed or re-dated afterwards. The portfolio remembers every package it exported,
//! with its member, key and a fingerprint of what members score; a response made from a package whose meeting has
//! changed since is refused. Threat model: docs/offline.md.

use std::collections::{BTreeMap, BTreeSet};

use std::path::{Path, PathBuf};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::domain::{Audited, CriteriaSet, Direction, Id, Initiative, ItemKind, Language, Meeting, Member, Score};
pub use crate::error::Refusal;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::papers::{PaperKind, PaperRequest};
use crate::store::{ExportedPackage, ImportedResponse, Portfolio, Reader, Stamp, Writer};
use crate::time::{TimeDelta, Timestamp};

pub const PACKAGE_FORMAT: &str = "samordna-meeting-package";
pub const RESPONSE_FORMAT: &str = "samordna-meeting-response";
/// The version of both formats this build writes and reads. Version 1 (one package for every member, responses
/// sealed by a checksum alone) is refused: its responses cannot be authenticated.
pub const VERSION: u32 = 2;
/// The file name extensions offered for packages and responses.
pub const PACKAGE_EXTENSION: &str = "samordna-paket";
pub const RESPONSE_EXTENSION: &str = "samordna-svar";
/// Files larger than this are refused unread (a packet with attachments is a few megabytes).
pub const MAX_PACKAGE_BYTES: usize = crate::files::INPUT_LIMIT as usize;
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// How far in the future a response's time may lie, for a member's clock that runs ahead of the secretary's
/// (practice: laptops synchronise their clocks; five minutes covers a clock that has drifted for weeks).
pub const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);
/// The length of a package's response key: 256 bits.
pub const KEY_BYTES: usize = 32;
/// The prefix of a response's `mac`.
const MAC_PREFIX: &str = "hmac-sha256:";
/// The longest comment on a score or a response.
const MAX_COMMENT: usize = crate::domain::validation::MAX_TEXT;

// ---------------------------------------------------------------------------------------------------------------
// The files

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    version: u32,
    checksum: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac: Option<&'a str>,
    content: &'a RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: String,
    version: u32,
    checksum: String,
    #[serde(default)]
    mac: Option<String>,
    #[serde(borrow)]
    content: &'a RawValue,
}

/// A file opened by [`open_sealed`]: its content, checksum, MAC (responses) and the content's bytes as written.
struct Sealed<T> {
    content: T,
    checksum: String,
    mac: Option<String>,
    raw: String,
}

/// `sha256:` and the hexadecimal SHA-256 of `bytes`.
pub fn checksum(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in digest {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// `hmac-sha256:` and the hexadecimal HMAC-SHA-256 of `bytes` under `key`.
fn mac(key: &[u8], bytes: &[u8]) -> String {
    let mut hmac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    hmac.update(bytes);
    format!("{MAC_PREFIX}{}", hex(&hmac.finalize().into_bytes()))
}

/// Whether `text` is the HMAC-SHA-256 of `bytes` under `key`, compared in constant time.
fn mac_matches(key: &[u8], bytes: &[u8], text: &str) -> bool {
    let Some(tag) = text.strip_prefix(MAC_PREFIX).and_then(unhex) else { return false };
    let mut hmac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    hmac.update(bytes);
    hmac.verify_slice(&tag).is_ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lower-case hexadecimal to bytes; `None` for anything else.
fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// Writes `content` in an envelope, with the MAC under `key` when given. Returns the file's bytes and the
/// content's checksum.
fn seal<T: Serialize>(format: &str, content: &T, key: Option<&[u8]>) -> (Vec<u8>, String) {
    let json = serde_json::to_string(content).expect("package contents serialise");
    let sum = checksum(json.as_bytes());
    let tag = key.map(|key| mac(key, json.as_bytes()));
    let raw = RawValue::from_string(json).expect("serde_json writes valid JSON");
    let envelope = EnvelopeOut { format, version: VERSION, checksum: &sum, mac: tag.as_deref(), content: &raw };
    let mut bytes = serde_json::to_vec_pretty(&envelope).expect("envelopes serialise");
    bytes.push(b'\n');
    (bytes, sum)
}

/// Reads an envelope of `format`, checks the version and checksum and parses the content. (A response's MAC is
/// checked on import, with the key the portfolio keeps.)
fn open_sealed<T: for<'de> Deserialize<'de>>(
    bytes: &[u8],
    format: &'static str,
    limit: usize,
) -> std::result::Result<Sealed<T>, Refusal> {
    let expected = if format == PACKAGE_FORMAT { "meeting package" } else { "meeting response" };
    let unreadable = |detail: String| Refusal::Unreadable { expected, detail };
    if bytes.len() > limit {
        return Err(unreadable(format!("larger than {} MB", limit / (1024 * 1024))));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".into()))?;
    let envelope: EnvelopeIn<'_> = serde_json::from_str(text).map_err(|e| unreadable(e.to_string()))?;
    if envelope.format != format {
        let found = match envelope.format.as_str() {
            PACKAGE_FORMAT => "meeting package".to_string(),
            RESPONSE_FORMAT => "meeting response".to_string(),
            other => format!("'{other}' file"),
        };
        return Err(Refusal::WrongKind { expected, found });
    }
    if envelope.version > VERSION {
        return Err(Refusal::NewerVersion { found: envelope.version });
    }
    if envelope.version < VERSION {
        return Err(Refusal::OlderVersion { found: envelope.version });
    }
    if checksum(envelope.content.get().as_bytes()) != envelope.checksum {
        return Err(Refusal::Altered);
    }
    let content = serde_json::from_str(envelope.content.get()).map_err(|e| unreadable(e.to_string()))?;
    Ok(Sealed { content, checksum: envelope.checksum, mac: envelope.mac, raw: envelope.content.get().to_string() })
}

// ---------------------------------------------------------------------------------------------------------------
// The package

/// What a package holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageContent {
    /// The organisation the papers are from (the document profile's).
    pub organisation: String,
    pub exported_at: String,
    pub exported_by: String,
    pub language: Language,
    pub meeting: PackageMeeting,
    /// The criteria the initiatives are scored against; none when the meeting values with no set.
    pub criteria_set: Option<PackageCriteria>,
    /// The initiatives on the agenda that are valued with the criteria set: what members score.
    pub initiatives: Vec<PackageInitiative>,
    /// The member the package was made for: the only one who can respond with it.
    pub member: PackageMember,
    /// The member's scores of the package's initiatives when it was exported.
    pub scores: Vec<ResponseScore>,
    /// The meeting packet (PDF) and any other papers.
    pub papers: Vec<PackagePaper>,
    /// The secret (256 bits, hexadecimal) that authenticates the member's responses. The portfolio keeps it too;
    /// whoever holds the package can respond in the member's name.
    pub response_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageMeeting {
    pub id: Id,
    pub body: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    pub link: String,
    pub case_number: String,
    pub items: Vec<PackageItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageItem {
    pub id: Id,
    /// The item's number on the agenda, from 1.
    pub number: usize,
    pub kind: ItemKind,
    pub title: String,
    pub case_number: String,
    pub presenter: String,
    pub proposed_decision: String,
    pub summary: String,
    pub background: String,
    pub assessment: String,
    pub initiative_id: Option<Id>,
    pub confidential: bool,
    /// The names of the item's attachments (their pages are in the packet).
    pub attachments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageCriteria {
    pub id: Id,
    pub name: String,
    pub period_start: i32,
    pub period_end: i32,
    pub criteria: Vec<PackageCriterion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageCriterion {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub category: String,
    pub scale_min: u8,
    pub scale_max: u8,
    pub anchors: Vec<String>,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageInitiative {
    pub id: Id,
    pub case_number: String,
    pub title: String,
    pub description: String,
    pub owner: String,
    pub benefit_summary: String,
    /// Total development and yearly-management costs over the years planned.
    pub development: Money,
    pub management: Money,
    /// The agenda item that presents it, from 1.
    pub item_number: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageMember {
    pub id: Id,
    pub name: String,
    pub organisation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackagePaper {
    pub name: String,
    pub media_type: String,
    /// The file, base64.
    pub data: String,
}

impl PackagePaper {
    pub fn bytes(&self) -> Result<Vec<u8>> {
        base64::engine::general_purpose::STANDARD
            .decode(&self.data)
            .map_err(|e| Error::Refused(Refusal::Unreadable { expected: "meeting package", detail: e.to_string() }))
    }
}

/// An opened package: its content and checksum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Package {
    pub checksum: String,
    pub content: PackageContent,
}

/// A member's package written for export.
#[derive(Debug, Clone)]
pub struct PackageFile {
    pub bytes: Vec<u8>,
    pub checksum: String,
    /// The file's name, e.g. `Ledamotspaket 2026-12-03 Karin Ekström.samordna-paket`: safe on every system and
    /// different for every member of the export.
    pub file_name: String,
    pub member_id: Id,
    pub member_name: String,
}

/// A criterion as members see it: id, name, scale and anchors.
type ScoredCriterion<'a> = (Id, &'a str, u8, u8, &'a [String]);

/// What members score in a meeting, in a form whose hash (the fingerprint) changes when any of it does.
#[derive(Serialize)]
struct Scored<'a> {
    meeting_id: Id,
    items: Vec<(Id, Option<Id>)>,
    criteria: Option<(Id, Vec<ScoredCriterion<'a>>)>,
    initiatives: Vec<Id>,
    members: Vec<Id>,
}

/// The meeting's scoring: its set, the initiatives on its agenda valued with that set (with their item numbers),
/// and the members called (every member when none is).
struct Scope {
    meeting: Meeting,
    set: Option<CriteriaSet>,
    initiatives: Vec<(usize, Initiative)>,
    members: Vec<Member>,
}

impl Scope {
    /// Every cell members score: (initiative, criterion).
    fn cells(&self) -> Vec<(Id, Id)> {
        let Some(set) = &self.set else { return Vec::new() };
        self.initiatives.iter().flat_map(|(_, i)| set.criteria.iter().map(move |c| (i.id, c.id))).collect()
    }
}

fn scope(reader: &Reader, meeting_id: Id) -> Result<Scope> {
    let meeting: Meeting = reader.get(meeting_id)?;
    let set: Option<CriteriaSet> = meeting.criteria_set_id.map(|id| reader.get(id)).transpose()?;
    let all_initiatives = reader.initiatives()?;
    let mut initiatives = Vec::new();
    if let Some(set) = &set {
        for (index, item) in meeting.items.iter().enumerate() {
            let Some(id) = item.initiative_id else { continue };
            if set.initiative_ids.contains(&id)
                && !initiatives.iter().any(|(_, i): &(usize, Initiative)| i.id == id)
                && let Some(initiative) = all_initiatives.iter().find(|i| i.id == id)
            {
                initiatives.push((index + 1, initiative.clone()));
            }
        }
    }
    let all_members: Vec<Member> = reader.all()?;
    let called: Vec<Id> = meeting.people.iter().filter_map(|p| p.member_id).collect();
    let members = if called.is_empty() {
        all_members
    } else {
        all_members.into_iter().filter(|m| called.contains(&m.id)).collect()
    };
    Ok(Scope { meeting, set, initiatives, members })
}

fn fingerprint(scope: &Scope) -> String {
    let scored = Scored {
        meeting_id: scope.meeting.id,
        items: scope.meeting.items.iter().map(|i| (i.id, i.initiative_id)).collect(),
        criteria: scope.set.as_ref().map(|s| {
            (
                s.id,
                s.criteria
                    .iter()
                    .map(|c| (c.id, c.name.as_str(), c.scale_min, c.scale_max, c.anchors.as_slice()))
                    .collect(),
            )
        }),
        initiatives: scope.initiatives.iter().map(|(_, i)| i.id).collect(),
        members: scope.members.iter().map(|m| m.id).collect(),
    };
    checksum(&serde_json::to_vec(&scored).expect("fingerprints serialise"))
}

/// Builds a meeting's packages, one per member called (every member when none is), each with a new random key.
/// The packet inside is written in `language` at `stamp.at`. Records nothing.
fn build(
    portfolio: &Portfolio,
    stamp: &Stamp,
    meeting_id: Id,
    language: Language,
) -> Result<Vec<(PackageFile, ExportedPackage)>> {
    let reader = portfolio.read();
    let scope = scope(&reader, meeting_id)?;
    let organisations = reader.organisations()?;
    let organisation_name = |id: Option<Id>| {
        id.and_then(|id| organisations.iter().find(|o| o.id == id)).map(|o| o.name.clone()).unwrap_or_default()
    };
    let attachments = reader.attachments_of(&scope.meeting)?;
    let request = PaperRequest { language, ..PaperRequest::new(PaperKind::Paket, meeting_id) };
    let packet = crate::papers::render(&reader, &request, stamp.at, &stamp.by)?;
    let meeting = &scope.meeting;
    let common = PackageContent {
        organisation: reader.document_profile()?.organisation,
        exported_at: stamp.at.to_string(),
        exported_by: stamp.by.clone(),
        language,
        meeting: PackageMeeting {
            id: meeting.id,
            body: meeting.body.clone(),
            date: meeting.date.clone(),
            start_time: meeting.start_time.clone(),
            end_time: meeting.end_time.clone(),
            place: meeting.place.clone(),
            link: meeting.link.clone(),
            case_number: meeting.case_number.clone(),
            items: meeting
                .items
                .iter()
                .enumerate()
                .map(|(index, item)| PackageItem {
                    id: item.id,
                    number: index + 1,
                    kind: item.kind,
                    title: item.title.clone(),
                    case_number: item.case_number.clone(),
                    presenter: item.presenter.clone(),
                    proposed_decision: item.proposed_decision.clone(),
                    summary: item.summary.clone(),
                    background: item.background.clone(),
                    assessment: item.assessment.clone(),
                    initiative_id: item.initiative_id,
                    confidential: item.confidential,
                    attachments: attachments
                        .get(&item.id)
                        .map(|list| list.iter().map(|a| a.name.clone()).collect())
                        .unwrap_or_default(),
                })
                .collect(),
        },
        criteria_set: scope.set.as_ref().map(|set| PackageCriteria {
            id: set.id,
            name: set.name.clone(),
            period_start: set.period_start,
            period_end: set.period_end,
            criteria: set
                .criteria
                .iter()
                .map(|c| PackageCriterion {
                    id: c.id,
                    name: c.name.clone(),
                    description: c.description.clone(),
                    category: c.category.clone(),
                    scale_min: c.scale_min,
                    scale_max: c.scale_max,
                    anchors: c.anchors.clone(),
                    direction: c.direction,
                })
                .collect(),
        }),
        initiatives: scope
            .initiatives
            .iter()
            .map(|(number, i)| {
                let (development, management) = i.total_cost();
                PackageInitiative {
                    id: i.id,
                    case_number: i.case_number.clone(),
                    title: i.title.clone(),
                    description: i.description.clone(),
                    owner: organisation_name(i.owner_id),
                    benefit_summary: i.benefit_summary.clone(),
                    development,
                    management,
                    item_number: *number,
                }
            })
            .collect(),
        member: PackageMember { id: 0, name: String::new(), organisation: String::new() },
        scores: Vec::new(),
        papers: vec![PackagePaper {
            name: packet.file_name.clone(),
            media_type: "application/pdf".into(),
            data: base64::engine::general_purpose::STANDARD.encode(&packet.bytes),
        }],
        response_key: String::new(),
    };
    let fingerprint = fingerprint(&scope);
    let names = file_names(&scope.members, &meeting.date, language);
    let mut packages = Vec::new();
    for (member, file_name) in scope.members.iter().zip(names) {
        let mut scores = Vec::new();
        for (initiative_id, criterion_id) in scope.cells() {
            if let Some(score) = reader.score(criterion_id, initiative_id, member.id)? {
                scores.push(ResponseScore { initiative_id, criterion_id, value: score.value, comment: score.comment });
            }
        }
        let key = new_key()?;
        let content = PackageContent {
            member: PackageMember {
                id: member.id,
                name: member.name.clone(),
                organisation: organisation_name(member.organisation_id),
            },
            scores,
            response_key: hex(&key),
            ..common.clone()
        };
        let (bytes, checksum) = seal(PACKAGE_FORMAT, &content, None);
        let record = ExportedPackage {
            checksum: checksum.clone(),
            meeting_id,
            fingerprint: fingerprint.clone(),
            exported_at: stamp.at.to_string(),
            exported_by: stamp.by.clone(),
            member_id: Some(member.id),
            response_key: Some(key.to_vec()),
        };
        let file = PackageFile { bytes, checksum, file_name, member_id: member.id, member_name: member.name.clone() };
        packages.push((file, record));
    }
    Ok(packages)
}

/// A new response key from the operating system's random source.
fn new_key() -> Result<[u8; KEY_BYTES]> {
    let mut key = [0; KEY_BYTES];
    getrandom::fill(&mut key)
        .map_err(|e| Error::Paper(format!("the packages cannot be made: the system gives no random numbers ({e})")))?;
    Ok(key)
}

/// The packages' file names, one per member, in order: `Ledamotspaket <date> <name>.samordna-paket`, with what
/// no file system takes replaced, and the member's id added where two names would be the same file on Windows
/// (which ignores case).
fn file_names(members: &[Member], date: &str, language: Language) -> Vec<String> {
    let base = |member: &Member, with_id: bool| {
        let mut name: String = member.name.chars().take(80).collect();
        if with_id {
            name = format!("{name} ({})", member.id);
        }
        let stem = match language {
            Language::Sv => format!("Ledamotspaket {date} {name}"),
            Language::En => format!("Member package {date} {name}"),
        };
        format!("{}.{PACKAGE_EXTENSION}", safe_file_stem(&stem))
    };
    let plain: Vec<String> = members.iter().map(|m| base(m, false).to_lowercase()).collect();
    members
        .iter()
        .zip(&plain)
        .map(|(member, lower)| base(member, plain.iter().filter(|p| *p == lower).count() > 1))
        .collect()
}

/// `stem` as a file name on Windows, macOS and Linux: no path separators, no characters Windows refuses, no
/// control characters, no dots or spaces at the ends.
pub fn safe_file_stem(stem: &str) -> String {
    let replaced: String =
        stem.chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let trimmed = replaced.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() { "_".to_string() } else { trimmed.to_string() }
}

/// Exports a meeting's packages, one per member: builds them, hands each to `write` (which puts it somewhere) and
/// records them as exported, all in one transaction that commits only when every `write` succeeded. A package that
/// was not written is never recorded, so the portfolio never waits for responses to it.
pub fn export(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    meeting_id: Id,
    language: Language,
    mut write: impl FnMut(&PackageFile) -> Result<()>,
) -> Result<Vec<PackageFile>> {
    let packages = build(portfolio, stamp, meeting_id, language)?;
    portfolio.write(stamp, |w| {
        for (file, record) in &packages {
            w.record_package(record)?;
            write(file)?;
        }
        Ok(())
    })?;
    Ok(packages.into_iter().map(|(file, _)| file).collect())
}

/// Exports a meeting's packages into `folder` (made if missing), one file per member, replacing packages of the
/// same names. Refuses to write over the portfolio's own files. When any file cannot be written, nothing is
/// recorded and the files this export already wrote are removed. Returns the files written.
pub fn export_to_folder(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    meeting_id: Id,
    language: Language,
    folder: &Path,
) -> Result<Vec<PathBuf>> {
    let guard = crate::store::output_guard(portfolio.path());
    std::fs::create_dir_all(folder).map_err(|e| crate::files::io_error(folder, e))?;
    let mut written = Vec::new();
    let exported = export(portfolio, stamp, meeting_id, language, |file| {
        let path = folder.join(&file.file_name);
        guard.write(&path, &file.bytes)?;
        written.push(path);
        Ok(())
    });
    match exported {
        Ok(_) => Ok(written),
        Err(error) => {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            Err(error)
        }
    }
}

/// Opens a package file: checks its form, version, checksum and key.
pub fn open(bytes: &[u8]) -> Result<Package> {
    let sealed = open_sealed::<PackageContent>(bytes, PACKAGE_FORMAT, MAX_PACKAGE_BYTES)?;
    let package = Package { checksum: sealed.checksum, content: sealed.content };
    package.key()?;
    Ok(package)
}

impl Package {
    /// The key the member's responses are authenticated with.
    fn key(&self) -> std::result::Result<Vec<u8>, Refusal> {
        unhex(&self.content.response_key).filter(|key| key.len() == KEY_BYTES).ok_or_else(|| Refusal::Unreadable {
            expected: "meeting package",
            detail: "the package has no valid response key".into(),
        })
    }

    /// Every cell a member scores: (initiative, criterion).
    pub fn cells(&self) -> Vec<(Id, Id)> {
        let Some(set) = &self.content.criteria_set else { return Vec::new() };
        self.content.initiatives.iter().flat_map(|i| set.criteria.iter().map(move |c| (i.id, c.id))).collect()
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

/// What a response holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseContent {
    /// The checksum of the package the member scored from.
    pub package_checksum: String,
    pub meeting: ResponseMeeting,
    pub member: ResponseMember,
    /// When the member wrote the response (RFC 3339).
    pub responded_at: String,
    /// A comment to the secretary or the group.
    #[serde(default)]
    pub comment: String,
    /// The member's scores; a cell left out is not scored, a `null` value is "don't know".
    pub scores: Vec<ResponseScore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseMeeting {
    pub id: Id,
    pub body: String,
    pub date: String,
    pub case_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseMember {
    pub id: Id,
    pub name: String,
}

/// One score in a response (or a package).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseScore {
    pub initiative_id: Id,
    pub criterion_id: Id,
    pub value: Option<u8>,
    #[serde(default)]
    pub comment: String,
}

/// A response written by a member.
#[derive(Debug, Clone)]
pub struct ResponseFile {
    pub bytes: Vec<u8>,
    pub checksum: String,
    /// A file name to offer, e.g. `Svar Karin Ekström 2026-12-03.samordna-svar`.
    pub file_name: String,
}

/// A criterion as a score is checked against it: its name and scale.
struct Scale<'a> {
    name: &'a str,
    min: u8,
    max: u8,
}

/// Checks scores against the cells on offer: each a known initiative (named by its case number) and criterion,
/// scored once, on the criterion's scale, with a comment of allowed length. Returns the cells scored.
fn check_cells<'a>(
    scores: &[ResponseScore],
    initiative: impl Fn(Id) -> Option<&'a str>,
    criterion: impl Fn(Id) -> Option<Scale<'a>>,
) -> std::result::Result<BTreeSet<(Id, Id)>, Refusal> {
    let not_in = |detail: String| Refusal::NotInPackage { detail };
    let mut seen = BTreeSet::new();
    for score in scores {
        let Some(case_number) = initiative(score.initiative_id) else {
            return Err(not_in(format!("initiative {}", score.initiative_id)));
        };
        let Some(scale) = criterion(score.criterion_id) else {
            return Err(not_in(format!("criterion {}", score.criterion_id)));
        };
        if !seen.insert((score.initiative_id, score.criterion_id)) {
            return Err(not_in(format!("{case_number} / {} scored twice", scale.name)));
        }
        if let Some(value) = score.value
            && !(scale.min..=scale.max).contains(&value)
        {
            return Err(not_in(format!(
                "{case_number} / {}: {value} is outside {}–{}",
                scale.name, scale.min, scale.max
            )));
        }
        if score.comment.chars().count() > MAX_COMMENT {
            return Err(not_in(format!("{case_number} / {}: the comment is too long", scale.name)));
        }
    }
    Ok(seen)
}

/// Checks scores against a package's cells (see [`check_cells`]).
fn check_scores(package: &PackageContent, scores: &[ResponseScore]) -> std::result::Result<(), Refusal> {
    let Some(set) = &package.criteria_set else {
        return if scores.is_empty() {
            Ok(())
        } else {
            Err(Refusal::NotInPackage { detail: "the meeting has no criteria set".into() })
        };
    };
    check_cells(
        scores,
        |id| package.initiatives.iter().find(|i| i.id == id).map(|i| i.case_number.as_str()),
        |id| {
            set.criteria.iter().find(|c| c.id == id).map(|c| Scale {
                name: &c.name,
                min: c.scale_min,
                max: c.scale_max,
            })
        },
    )
    .map(drop)
}

/// Writes a member's response to their package, authenticated with the package's key. Refused when the package
/// is another member's, or a score is not one of its cells or is off the scale.
pub fn respond(
    package: &Package,
    member_id: Id,
    scores: Vec<ResponseScore>,
    comment: &str,
    at: Timestamp,
) -> Result<ResponseFile> {
    let content = &package.content;
    let member = &content.member;
    if member.id != member_id {
        return Err(
            Refusal::WrongMember { name: format!("member {member_id}"), package_member: member.name.clone() }.into()
        );
    }
    let key = package.key()?;
    check_scores(content, &scores)?;
    if comment.chars().count() > MAX_COMMENT {
        return Err(Refusal::NotInPackage { detail: "the comment is too long".into() }.into());
    }
    let response = ResponseContent {
        package_checksum: package.checksum.clone(),
        meeting: ResponseMeeting {
            id: content.meeting.id,
            body: content.meeting.body.clone(),
            date: content.meeting.date.clone(),
            case_number: content.meeting.case_number.clone(),
        },
        member: ResponseMember { id: member.id, name: member.name.clone() },
        responded_at: at.to_string(),
        comment: comment.trim().to_string(),
        scores,
    };
    let (bytes, checksum) = seal(RESPONSE_FORMAT, &response, Some(&key));
    let stem = match content.language {
        Language::Sv => format!("Svar {} {}", member.name, content.meeting.date),
        Language::En => format!("Response {} {}", member.name, content.meeting.date),
    };
    Ok(ResponseFile { bytes, checksum, file_name: format!("{}.{RESPONSE_EXTENSION}", safe_file_stem(&stem)) })
}

/// A response file as read, before it is authenticated (which needs the key the portfolio keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub content: ResponseContent,
    /// The SHA-256 of the content: the response's identity (the same file imported twice changes nothing).
    pub checksum: String,
    /// The HMAC-SHA-256 of the content under the package's key, as written (`hmac-sha256:…`).
    pub mac: Option<String>,
    /// The content's bytes exactly as in the file: what the checksum and the MAC cover.
    pub signed: String,
}

/// Reads a response file: checks its form, version and checksum. Whether it is authentic is checked on import.
pub fn read_response(bytes: &[u8]) -> std::result::Result<Response, Refusal> {
    let sealed = open_sealed::<ResponseContent>(bytes, RESPONSE_FORMAT, MAX_RESPONSE_BYTES)?;
    Ok(Response { content: sealed.content, checksum: sealed.checksum, mac: sealed.mac, signed: sealed.raw })
}

// ---------------------------------------------------------------------------------------------------------------
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
        let (outcome, changes) = match import_one(writer, now, meeting, &file.name, &response)? {
            Ok(done) => done,
            Err(refusal) => (Outcome::Refused(refusal), Vec::new()),
        };
        reports[index] = Some(ResponsePreview {
            file: file.name.clone(),
            member: Some(content.member.name.clone()),
            meeting: Some(meeting_label(&content.meeting)),
            responded_at: Some(content.responded_at.clone()),
            comment: content.comment.clone(),
            outcome,
            changes,
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

type Imported = std::result::Result<(Outcome, Vec<ScoreChange>), Refusal>;

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

fn import_one(
    writer: &mut Writer<'_>,
    now: Timestamp,
    meeting: Option<Id>,
    file_name: &str,
    response: &Response,
) -> Result<Imported> {
    let reader = writer.read();
    let content = &response.content;
    let sum = response.checksum.as_str();
    let package = match authenticate(&reader, now, response)? {
        Ok(package) => package,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let other_meeting = || Refusal::OtherMeeting { meeting: meeting_label(&content.meeting) };
    if meeting.is_some_and(|m| m != content.meeting.id) || package.meeting_id != content.meeting.id {
        return Ok(Err(other_meeting()));
    }
    let scope = scope(&reader, package.meeting_id)?;
    if fingerprint(&scope) != package.fingerprint {
        return Ok(Err(Refusal::ChangedPackage));
    }
    let Some(member) = scope.members.iter().find(|m| m.id == content.member.id && m.name == content.member.name) else {
        return Ok(Err(Refusal::UnknownMember { name: content.member.name.clone() }));
    };
    let Some(set) = &scope.set else {
        return Ok(Err(Refusal::NotInPackage { detail: "the meeting has no criteria set".into() }));
    };
    // The cells the package offered, checked against the portfolio as it is (the fingerprint matched).
    let checked = check_cells(
        &content.scores,
        |id| scope.initiatives.iter().find(|(_, i)| i.id == id).map(|(_, i)| i.case_number.as_str()),
        |id| {
            set.criteria.iter().find(|c| c.id == id).map(|c| Scale {
                name: &c.name,
                min: c.scale_min,
                max: c.scale_max,
            })
        },
    );
    let seen = match checked {
        Ok(seen) => seen,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if reader.imported_response(sum)?.is_some() {
        return Ok(Ok((Outcome::AlreadyImported, Vec::new())));
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
        return Ok(Ok((Outcome::Older { newer: current.responded_at.clone() }, Vec::new())));
    }
    if set.locked {
        return Ok(Err(Refusal::Locked { set: set.name.clone() }));
    }
    // Cells the earlier response scored and this one leaves out are removed: the newer response replaces it.
    let previous_cells: BTreeSet<(Id, Id)> = match current {
        Some(current) => serde_json::from_str::<ResponseContent>(&current.content)
            .map(|c| c.scores.iter().map(|s| (s.initiative_id, s.criterion_id)).collect())
            .unwrap_or_default(),
        None => BTreeSet::new(),
    };
    let initiative_label = |id: Id| {
        scope.initiatives.iter().find(|(_, i)| i.id == id).map(|(_, i)| i.label()).unwrap_or_else(|| id.to_string())
    };
    let criterion_label = |id: Id| set.criteria.iter().find(|c| c.id == id).map(|c| c.name.clone()).unwrap_or_default();
    let mut changes = Vec::new();
    writer.set_note(format!(
        "Svar från {} ({}), {}",
        member.name,
        content.responded_at.get(..10).unwrap_or(&content.responded_at),
        file_name
    ));
    let mut before: BTreeMap<(Id, Id), Score> = BTreeMap::new();
    for (initiative, criterion) in
        previous_cells.iter().copied().chain(content.scores.iter().map(|s| (s.initiative_id, s.criterion_id)))
    {
        if let Some(score) = writer.read().score(criterion, initiative, member.id)? {
            before.insert((initiative, criterion), score);
        }
    }
    for score in &content.scores {
        let old = before.get(&(score.initiative_id, score.criterion_id));
        if old.is_some_and(|o| o.value == score.value && o.comment == score.comment) {
            continue;
        }
        writer.put_score(Score {
            id: 0,
            criterion_id: score.criterion_id,
            initiative_id: score.initiative_id,
            member_id: member.id,
            value: score.value,
            comment: score.comment.clone(),
        })?;
        changes.push(ScoreChange {
            initiative: initiative_label(score.initiative_id),
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
                initiative: initiative_label(cell.0),
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
    Ok(Ok((outcome, changes)))
}

// ---------------------------------------------------------------------------------------------------------------
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
        for (initiative, criterion) in &cells {
            if reader.score(*criterion, *initiative, member.id)?.is_some() {
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
