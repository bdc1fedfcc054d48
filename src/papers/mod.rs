//! Meeting papers as archivable PDF: the notice with agenda (kallelse), decision memos (beslutsunderlag), the
//! meeting packet (mötespaket: contents, notice, memos and attachments right after their item), the minutes
//! (protokoll) and an extract of one paragraph (protokollsutdrag).
//!
//! - [`fonts`]: the embedded typeface and text measurement.
//! - [`compose`]: page layout (blocks, page breaks, tables with repeated headers, charts, header and footer).
//! - [`documents`]: what each paper says, from the portfolio's records.
//! - [`archive`]: the PDF file itself: attached PDFs merged page by page, outline, links and the parts PDF/A-2b
//!   asks for (XMP metadata, sRGB output intent, language, dates, file identifier).

mod analysis;
mod archive;
pub mod budget;
mod compose;
mod documents;
mod fonts;
mod report;

use std::collections::HashMap;

use crate::domain::{
    Attachment, CriteriaSet, Decision, DocumentProfile, FundingCase, Id, Initiative, Language, Meeting, Organisation,
    Service,
};
use crate::error::{Error, Result};
use crate::funding::portfolio::FundingResult;
use crate::prioritisation::assessment::Assessment;
use crate::store::{Change, Reader};
use crate::time::Timestamp;

pub use analysis::{AnalysisRequest, yearly_analysis};
use archive::Meta;
pub use report::{ReportRequest, yearly as yearly_report};

/// The papers Samordna writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperKind {
    /// Notice and agenda.
    Kallelse,
    /// Decision memos: one item's, or every item's that has one.
    Underlag,
    /// The whole meeting in one document.
    Paket,
    /// The minutes.
    Protokoll,
    /// One paragraph of the minutes.
    Utdrag,
}

/// What to write.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PaperRequest {
    pub kind: PaperKind,
    pub meeting_id: Id,
    /// The agenda item, numbered from 1 in agenda order: required for an extract, optional for memos.
    #[serde(default)]
    pub item: Option<usize>,
    /// The agenda items (numbered from 1) whose memos and attachments go into a packet or a set of memos; empty
    /// for every item. The notice in a packet always shows the whole agenda.
    #[serde(default)]
    pub items: Vec<usize>,
    /// Leave the attachments out of a packet (its contents and the memos still list them).
    #[serde(default)]
    pub without_attachments: bool,
    #[serde(default)]
    pub language: Language,
}

impl PaperRequest {
    pub fn new(kind: PaperKind, meeting_id: Id) -> PaperRequest {
        PaperRequest {
            kind,
            meeting_id,
            item: None,
            items: Vec::new(),
            without_attachments: false,
            language: Language::Sv,
        }
    }

    /// Whether the item at `index` (from 0) is asked for.
    fn includes(&self, index: usize) -> bool {
        self.items.is_empty() || self.items.contains(&(index + 1))
    }
}

/// A written paper.
#[derive(Debug, Clone)]
pub struct Paper {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub title: String,
    /// A file name to offer, e.g. `Kallelse 2026-12-03.pdf`.
    pub file_name: String,
}

impl Paper {
    /// Writes the file where a guard let it through, beside it first and renamed into place, so a failed write
    /// never leaves half a PDF under the name.
    pub fn save(&self, out: &crate::files::Output) -> Result<()> {
        out.write(&self.bytes)
    }
}

/// A path in `folder` for `file_name` that does not exist yet: `Kallelse 2026-12-03.pdf`, then
/// `Kallelse 2026-12-03 (2).pdf`, and so on.
pub fn free_path(folder: &std::path::Path, file_name: &str) -> std::path::PathBuf {
    let (stem, extension) = file_name.rsplit_once('.').unwrap_or((file_name, "pdf"));
    let mut candidate = folder.join(file_name);
    let mut n = 2;
    while candidate.exists() {
        candidate = folder.join(format!("{stem} ({n}).{extension}"));
        n += 1;
    }
    candidate
}

/// What one agenda item's memo draws on.
#[derive(Default)]
struct ItemMaterial {
    initiative: Option<Initiative>,
    owner: Option<Organisation>,
    service: Option<Service>,
    funding_case: Option<FundingCase>,
    funding: Option<FundingResult>,
    /// The initiative's benefits realisation plan.
    benefits: Vec<crate::domain::Benefit>,
    /// The opt-out or deviation the item concerns, with its service (none for an avsteg from a framework).
    deviation: Option<(crate::domain::Deviation, Option<Service>)>,
}

/// Everything a paper of a meeting may show, read in one go.
struct Material {
    meeting: Meeting,
    profile: DocumentProfile,
    decisions: HashMap<Id, Decision>,
    attachments: HashMap<Id, Vec<Attachment>>,
    corrections: Vec<Change>,
    items: Vec<ItemMaterial>,
    criteria_set: Option<CriteriaSet>,
    assessment: Option<Assessment>,
    security_scale: Vec<String>,
    organisations: Vec<Organisation>,
    /// The city's practice from the parameters (the deviation steps it adds, the funding rule it labels).
    practice: crate::domain::Practice,
    /// When an item is the valuation of the criteria set: every initiative and service of the set, named (case
    /// number and title, or the service's name).
    valued: Vec<(crate::domain::ItemRef, String)>,
}

impl Material {
    fn read(reader: &Reader, meeting_id: Id) -> Result<Material> {
        let meeting: Meeting = reader.get(meeting_id)?;
        let organisations = reader.organisations()?;
        let mut items = Vec::with_capacity(meeting.items.len());
        for item in &meeting.items {
            let mut material = ItemMaterial::default();
            if let Some(id) = item.initiative_id {
                let initiative: Initiative = reader.get(id)?;
                material.owner = initiative.owner_id.and_then(|o| organisations.iter().find(|x| x.id == o).cloned());
                material.benefits = reader.benefits_of(id)?;
                material.initiative = Some(initiative);
            }
            if let Some(id) = item.service_id {
                material.service = Some(reader.get(id)?);
            }
            if let Some(id) = item.deviation_id {
                let deviation: crate::domain::Deviation = reader.get(id)?;
                let service: Option<Service> = deviation.service_id.map(|s| reader.get(s)).transpose()?;
                material.deviation = Some((deviation, service));
            }
            if item.initiative_id.is_some() || item.service_id.is_some() {
                material.funding_case = reader.funding_case_of(item.initiative_id, item.service_id)?;
                if let Some(case) = &material.funding_case {
                    // A case that cannot be computed (missing volumes, amounts out of range) is a note in the
                    // memo, never a failed paper.
                    material.funding = reader.funding(case.id).ok();
                }
            }
            items.push(material);
        }
        let criteria_set: Option<CriteriaSet> = match meeting.criteria_set_id {
            Some(id) => Some(reader.get(id)?),
            None => None,
        };
        let assessment = match &criteria_set {
            Some(set) if !set.criteria.is_empty() => reader.assessment(set.id, None).ok(),
            _ => None,
        };
        let mut valued = Vec::new();
        if let Some(set) = &criteria_set
            && meeting.items.iter().any(|item| item.valuation)
        {
            use crate::domain::{Audited, ItemRef};
            for id in &set.initiative_ids {
                let initiative: Initiative = reader.get(*id)?;
                valued.push((ItemRef::Initiative(*id), initiative.label()));
            }
            for id in &set.service_ids {
                let service: Service = reader.get(*id)?;
                valued.push((ItemRef::Service(*id), service.name));
            }
        }
        Ok(Material {
            decisions: reader.decisions_of(&meeting)?,
            attachments: reader.attachments_of(&meeting)?.into_iter().filter(|(_, a)| !a.is_empty()).collect(),
            corrections: reader.corrections(&meeting)?,
            profile: reader.document_profile()?,
            security_scale: reader.security_scale()?,
            meeting,
            items,
            criteria_set,
            assessment,
            organisations,
            practice: reader.parameters()?.practice,
            valued,
        })
    }
}

/// Writes a paper of a meeting. `at` is when it is written (the document's dates); `author` the person writing.
pub fn render(reader: &Reader, request: &PaperRequest, at: Timestamp, author: &str) -> Result<Paper> {
    let material = Material::read(reader, request.meeting_id)?;
    let count = material.meeting.items.len();
    if let Some(n) = request.item.into_iter().chain(request.items.iter().copied()).find(|&n| n == 0 || n > count) {
        return Err(Error::Paper(crate::error::PaperProblem::NoSuchItem { count, item: n }));
    }
    documents::write(&material, request, at, author)
}
