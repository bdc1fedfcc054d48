//! The package: what it holds, and building and exporting one per member.

use super::*;

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
    /// The initiatives members score: those on the agenda that the criteria set values and, when an item is the
    /// valuation of the set, every other initiative of the set.
    pub initiatives: Vec<PackageInitiative>,
    /// The existing shared services members score, chosen like the initiatives: scored like initiatives (none in
    /// packages written before services were valued).
    #[serde(default)]
    pub services: Vec<PackageService>,
    /// The member the package was made for: the only one who can respond with it.
    pub member: PackageMember,
    /// The member's scores of the package's initiatives and services when it was exported.
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
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
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
    /// The shared service the item presents (none in packages written before valuation rounds).
    #[serde(default)]
    pub service_id: Option<Id>,
    /// Whether the item is the valuation of the meeting's criteria set, which presents every item of the set that
    /// has no agenda item of its own (false in packages written before valuation rounds).
    #[serde(default)]
    pub valuation: bool,
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
    /// The agenda item that presents it, from 1 (the valuation item for an initiative without an item of its own).
    pub item_number: usize,
}

/// A shared service as a member scores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageService {
    pub id: Id,
    pub name: String,
    pub provider: String,
    pub category: crate::domain::ServiceCategory,
    /// Planned development and management costs over the set's period.
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

/// A criterion as members saw it before packages recorded what they offered: id, name, scale and anchors.
type ScoredCriterion<'a> = (Id, &'a str, u8, u8, &'a [String]);

/// What members scored in a meeting as packages exported before they recorded what they offered fingerprinted it (the whole agenda's
/// links, the criteria, the items and every member called): kept to match responses to those packages.
#[derive(Serialize)]
struct LegacyScored<'a> {
    meeting_id: Id,
    items: Vec<(Id, Option<Id>)>,
    criteria: Option<(Id, Vec<ScoredCriterion<'a>>)>,
    initiatives: Vec<Id>,
    /// Left out when empty, so that a meeting without services keeps the fingerprint it had before services were
    /// valued.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    services: Vec<Id>,
    members: Vec<Id>,
}

/// The meeting's scoring: its set, the initiatives and services members score with it (with the number of the
/// agenda item that presents each), and the members called (every member when none is).
pub(super) struct Scope {
    pub(super) meeting: Meeting,
    pub(super) set: Option<CriteriaSet>,
    pub(super) initiatives: Vec<(usize, Initiative)>,
    pub(super) services: Vec<(usize, Service)>,
    pub(super) members: Vec<Member>,
}

impl Scope {
    /// What members score: the initiatives, then the services.
    pub(super) fn items(&self) -> Vec<ItemRef> {
        let initiatives = self.initiatives.iter().map(|(_, i)| ItemRef::Initiative(i.id));
        initiatives.chain(self.services.iter().map(|(_, s)| ItemRef::Service(s.id))).collect()
    }

    /// Every cell members score: (item, criterion).
    pub(super) fn cells(&self) -> Vec<(ItemRef, Id)> {
        let Some(set) = &self.set else { return Vec::new() };
        self.items().into_iter().flat_map(|item| set.criteria.iter().map(move |c| (item, c.id))).collect()
    }

    /// How a response's change names an item: an initiative by case number and title, a service by its name.
    pub(super) fn label(&self, item: ItemRef) -> Option<String> {
        match item {
            ItemRef::Initiative(id) => self.initiatives.iter().find(|(_, i)| i.id == id).map(|(_, i)| i.label()),
            ItemRef::Service(id) => self.services.iter().find(|(_, s)| s.id == id).map(|(_, s)| s.name.clone()),
        }
    }
}

/// The meeting's scoring: the initiatives and services on its agenda that its set values, in agenda order, and
/// when an item is the valuation of the set, every other initiative and service of the set after them (presented
/// by that item).
pub(super) fn scope(reader: &Reader, meeting_id: Id) -> Result<Scope> {
    scope_of(reader, meeting_id, true)
}

/// The scoring as packages exported before they recorded what they offered saw it: the items on the agenda only.
pub(super) fn legacy_scope(reader: &Reader, meeting_id: Id) -> Result<Scope> {
    scope_of(reader, meeting_id, false)
}

fn scope_of(reader: &Reader, meeting_id: Id, with_valuation: bool) -> Result<Scope> {
    let meeting: Meeting = reader.get(meeting_id)?;
    let set: Option<CriteriaSet> = meeting.criteria_set_id.map(|id| reader.get(id)).transpose()?;
    let all_initiatives = reader.initiatives()?;
    let all_services: Vec<Service> = reader.all()?;
    let mut initiatives: Vec<(usize, Initiative)> = Vec::new();
    let mut services: Vec<(usize, Service)> = Vec::new();
    let mut add_initiative = |number: usize, id: Id| {
        if !initiatives.iter().any(|(_, i)| i.id == id)
            && let Some(initiative) = all_initiatives.iter().find(|i| i.id == id)
        {
            initiatives.push((number, initiative.clone()));
        }
    };
    let mut add_service = |number: usize, id: Id| {
        if !services.iter().any(|(_, s)| s.id == id)
            && let Some(service) = all_services.iter().find(|s| s.id == id)
        {
            services.push((number, service.clone()));
        }
    };
    if let Some(set) = &set {
        for (index, item) in meeting.items.iter().enumerate() {
            if let Some(id) = item.initiative_id
                && set.initiative_ids.contains(&id)
            {
                add_initiative(index + 1, id);
            }
            if let Some(id) = item.service_id
                && set.service_ids.contains(&id)
            {
                add_service(index + 1, id);
            }
        }
        if with_valuation && let Some(index) = meeting.items.iter().position(|item| item.valuation) {
            for &id in &set.initiative_ids {
                add_initiative(index + 1, id);
            }
            for &id in &set.service_ids {
                add_service(index + 1, id);
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
    Ok(Scope { meeting, set, initiatives, services, members })
}

/// The fingerprint packages exported before they recorded what they offered kept: the hash of the whole agenda's links, the criteria,
/// the items and every member (of a [`legacy_scope`]).
pub(super) fn legacy_fingerprint(scope: &Scope) -> String {
    let scored = LegacyScored {
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
        services: scope.services.iter().map(|(_, s)| s.id).collect(),
        members: scope.members.iter().map(|m| m.id).collect(),
    };
    checksum(&serde_json::to_vec(&scored).expect("fingerprints serialise"))
}

/// The services members score, with their provider and costs over the set's period (their own, or their funding
/// case's forecast, as the assessment weighs them).
fn package_services(reader: &Reader, scope: &Scope) -> Result<Vec<PackageService>> {
    let Some(set) = &scope.set else { return Ok(Vec::new()) };
    let providers: Vec<crate::domain::Provider> = reader.all()?;
    let valued = reader.valued_items(set)?;
    Ok(scope
        .services
        .iter()
        .map(|(number, s)| {
            let costs = valued.iter().find(|v| v.item == ItemRef::Service(s.id)).map(|v| v.costs.as_slice());
            let in_period =
                costs.unwrap_or_default().iter().filter(|c| (set.period_start..=set.period_end).contains(&c.year));
            let (development, management) = in_period.fold((0i64, 0i64), |(d, m), c| {
                (d.saturating_add(c.development.ore()), m.saturating_add(c.management.ore()))
            });
            PackageService {
                id: s.id,
                name: s.name.clone(),
                provider: s
                    .provider_id
                    .and_then(|id| providers.iter().find(|p| p.id == id))
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                category: s.category,
                development: Money::from_ore(development),
                management: Money::from_ore(management),
                item_number: *number,
            }
        })
        .collect())
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
        meeting: package_meeting(meeting, &attachments),
        criteria_set: scope.set.as_ref().map(package_criteria),
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
        services: package_services(&reader, &scope)?,
        member: PackageMember { id: 0, name: String::new(), organisation: String::new() },
        scores: Vec::new(),
        papers: vec![PackagePaper {
            name: packet.file_name.clone(),
            media_type: "application/pdf".into(),
            data: base64::engine::general_purpose::STANDARD.encode(&packet.bytes),
        }],
        response_key: String::new(),
    };
    let names = file_names(&scope.members, meeting.date, language);
    let mut packages = Vec::new();
    for (member, file_name) in scope.members.iter().zip(names) {
        let mut scores = Vec::new();
        for (item, criterion_id) in scope.cells() {
            if let Some(score) = reader.score(criterion_id, item, member.id)? {
                scores.push(ResponseScore { item, criterion_id, value: score.value, comment: score.comment });
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
        let offered = Offered::of(&scope, member.id);
        let record = ExportedPackage {
            checksum: checksum.clone(),
            meeting_id,
            fingerprint: offered.fingerprint(meeting_id),
            exported_at: stamp.at.to_string(),
            exported_by: stamp.by.clone(),
            member_id: Some(member.id),
            response_key: Some(key.to_vec()),
            scored: Some(offered.to_json()),
        };
        let file = PackageFile { bytes, checksum, file_name, member_id: member.id, member_name: member.name.clone() };
        packages.push((file, record));
    }
    Ok(packages)
}

/// The meeting as a package shows it: its details and agenda, with the names of each item's attachments.
fn package_meeting(
    meeting: &Meeting,
    attachments: &std::collections::HashMap<Id, Vec<crate::domain::Attachment>>,
) -> PackageMeeting {
    PackageMeeting {
        id: meeting.id,
        body: meeting.body.clone(),
        date: meeting.date,
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
                service_id: item.service_id,
                valuation: item.valuation,
                confidential: item.confidential,
                attachments: attachments
                    .get(&item.id)
                    .map(|list| list.iter().map(|a| a.name.clone()).collect())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

/// The criteria set as a package shows it: what members score against.
fn package_criteria(set: &CriteriaSet) -> PackageCriteria {
    PackageCriteria {
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
    }
}

/// A new response key from the operating system's random source.
fn new_key() -> Result<[u8; KEY_BYTES]> {
    let mut key = [0; KEY_BYTES];
    getrandom::fill(&mut key)
        .map_err(|e| Error::Paper(crate::error::PaperProblem::NoRandomNumbers { detail: e.to_string() }))?;
    Ok(key)
}

/// The packages' file names, one per member, in order: `Ledamotspaket <date> <name>.samordna-paket`, with what
/// no file system takes replaced, and the member's id added where two names would be the same file on Windows
/// (which ignores case).
fn file_names(members: &[Member], date: NaiveDate, language: Language) -> Vec<String> {
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
