//! Opening a package and writing a response to it.

use super::*;

/// Opens a package file: checks its form, version, checksum and key.
pub fn open(bytes: &[u8]) -> Result<Package> {
    let sealed = open_sealed::<PackageContent>(bytes, PACKAGE_FORMAT, MAX_PACKAGE_BYTES)?;
    let package = Package { checksum: sealed.checksum, content: sealed.content };
    package.key()?;
    Ok(package)
}

impl Package {
    /// The key the member's responses are authenticated with.
    pub(super) fn key(&self) -> std::result::Result<Vec<u8>, Refusal> {
        unhex(&self.content.response_key).filter(|key| key.len() == KEY_BYTES).ok_or_else(|| Refusal::Unreadable {
            expected: "meeting package",
            detail: "the package has no valid response key".into(),
        })
    }

    /// Every cell a member scores: (item, criterion), the initiatives first, then the services.
    pub fn cells(&self) -> Vec<(ItemRef, Id)> {
        let Some(set) = &self.content.criteria_set else { return Vec::new() };
        let initiatives = self.content.initiatives.iter().map(|i| ItemRef::Initiative(i.id));
        let items: Vec<ItemRef> =
            initiatives.chain(self.content.services.iter().map(|s| ItemRef::Service(s.id))).collect();
        items.into_iter().flat_map(|item| set.criteria.iter().map(move |c| (item, c.id))).collect()
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
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
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
    /// The initiative or service scored (`initiative_id` in responses written before services were valued).
    #[serde(alias = "initiative_id")]
    pub item: ItemRef,
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
pub(super) struct Scale<'a> {
    pub(super) name: &'a str,
    pub(super) min: u8,
    pub(super) max: u8,
}

/// Checks scores against the cells on offer: each a known initiative (named by its case number) or service (by
/// its name) and criterion, scored once, on the criterion's scale, with a comment of allowed length. Returns the
/// cells scored.
pub(super) fn check_cells<'a, L: AsRef<str>>(
    scores: &[ResponseScore],
    item: impl Fn(ItemRef) -> Option<L>,
    criterion: impl Fn(Id) -> Option<Scale<'a>>,
) -> std::result::Result<BTreeSet<(ItemRef, Id)>, Refusal> {
    let not_in = |detail: String| Refusal::NotInPackage { detail };
    let mut seen = BTreeSet::new();
    for score in scores {
        let Some(label) = item(score.item) else {
            return Err(not_in(format!("{} {}", score.item.kind().key(), score.item.id())));
        };
        let case_number = label.as_ref();
        let Some(scale) = criterion(score.criterion_id) else {
            return Err(not_in(format!("criterion {}", score.criterion_id)));
        };
        if !seen.insert((score.item, score.criterion_id)) {
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
        |item| match item {
            ItemRef::Initiative(id) => package.initiatives.iter().find(|i| i.id == id).map(|i| i.case_number.as_str()),
            ItemRef::Service(id) => package.services.iter().find(|s| s.id == id).map(|s| s.name.as_str()),
        },
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
            date: content.meeting.date,
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
