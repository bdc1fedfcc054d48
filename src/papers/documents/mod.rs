//! What each paper says. Every document is composed from the meeting's records in [`Material`]; the wording of
//! the fixed texts comes from the portfolio's document profile.
//!
//! This module holds the shared helpers (wording, dates, amounts, the composing context) and the entry point
//! [`write`]; each paper or group of papers has a module of its own:
//! - [`agenda`]: the notice and its agenda;
//! - [`memo`]: the decision memo and its sections, with [`economics`] for the costs and the funding models;
//! - [`packet`]: the meeting packet (notice, memos and attachments);
//! - [`minutes`]: the minutes and the extract from them.

mod agenda;
mod economics;
mod memo;
mod minutes;
mod packet;

use std::collections::HashMap;

use printpdf::{Mm, PdfDocument, PdfPage, RawImage, XObjectId};

use super::archive::{self, Foreign, Meta};
use super::compose::{self, Composer, ForeignPage, Running};
use super::fonts::Fonts;
use super::{Material, Paper, PaperKind, PaperRequest};
use crate::domain::{AgendaItem, ItemKind, Language, PersonRole};
use crate::error::{Error, Result};
use crate::time::{self, Datelike, Timestamp};

/// Picks the Swedish or English wording.
#[derive(Clone, Copy)]
pub(super) struct Words(pub(super) Language);

impl Words {
    pub(super) fn t<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self.0 {
            Language::Sv => sv,
            Language::En => en,
        }
    }
}

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_SV: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];
const DAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// "torsdag 3 december 2026".
fn long_date(d: time::NaiveDate, w: Words) -> String {
    let day = d.weekday().num_days_from_monday() as usize;
    let month = d.month0() as usize;
    match w.0 {
        Language::Sv => format!("{} {} {} {}", DAYS_SV[day], d.day(), MONTHS_SV[month], d.year()),
        Language::En => format!("{} {} {} {}", DAYS_EN[day], d.day(), MONTHS_EN[month], d.year()),
    }
}

/// The Swedish date of a stored time (`2026-12-01T23:30:00Z` was 2026-12-02 in Göteborg); a text that is no time
/// shows as its first ten characters.
fn swedish_date(at: &str) -> String {
    at.parse::<Timestamp>()
        .map_or_else(|_| at.get(..10).unwrap_or(at).to_string(), |at| time::local_date(at).to_string())
}

/// "09.00–12.00" in Swedish, "09:00–12:00" in English.
fn time_span(start: &str, end: &str, w: Words) -> String {
    let fix = |t: &str| if w.0 == Language::Sv { t.replace(':', ".") } else { t.to_string() };
    match (start.is_empty(), end.is_empty()) {
        (true, _) => String::new(),
        (false, true) => fix(start),
        (false, false) => format!("{}–{}", fix(start), fix(end)),
    }
}

fn decimal(value: f64, places: usize, w: Words) -> String {
    let text = format!("{value:.places$}");
    if w.0 == Language::Sv { text.replace('.', ",").replace('-', "\u{2212}") } else { text }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// What a valuation item values, as the notice, the memo and the minutes say it: "Värdering av insatser och
/// tjänster enligt kriterieuppsättningen «Kriterier 2026–2029»: 16 insatser och 6 tjänster." `None` for any other
/// item (or a meeting without a set, which a valuation item cannot have).
fn valuation_line(cx: &Context, item: &AgendaItem) -> Option<String> {
    let set = cx.m.criteria_set.as_ref().filter(|_| item.valuation)?;
    let w = cx.w;
    let count = |n: usize, one_sv: &str, many_sv: &str, one_en: &str, many_en: &str| {
        let word = if n == 1 { w.t(one_sv, one_en) } else { w.t(many_sv, many_en) };
        format!("{n} {word}")
    };
    let initiatives = count(set.initiative_ids.len(), "insats", "insatser", "initiative", "initiatives");
    let services = count(set.service_ids.len(), "tjänst", "tjänster", "service", "services");
    Some(format!(
        "{} «{}»: {initiatives} {} {services}.",
        w.t(
            "Värdering av insatser och tjänster enligt kriterieuppsättningen",
            "Valuation of initiatives and services against the criteria set"
        ),
        set.name,
        w.t("och", "and"),
    ))
}

/// Whether an item gets a decision memo of its own.
fn has_memo(item: &AgendaItem) -> bool {
    item.kind == ItemKind::Decision
        || !item.proposed_decision.trim().is_empty()
        || !item.summary.trim().is_empty()
        || item.deviation_id.is_some()
        || item.valuation
}

struct Context<'m> {
    m: &'m Material,
    w: Words,
    /// Image attachments placed as pages, by attachment id.
    images: HashMap<i64, (XObjectId, u32, u32)>,
    /// PDF attachments, parsed, by attachment id: index into `foreign`.
    pdfs: HashMap<i64, usize>,
    foreign: Vec<Foreign>,
}

impl Context<'_> {
    fn running(&self, kind: &str, case_number: &str, confidential: bool) -> Running {
        Running {
            kind: kind.into(),
            date: time::date_text(self.m.meeting.date),
            case_number: case_number.into(),
            confidential: confidential.then(|| self.m.profile.confidential_text.clone()),
            body: self.m.meeting.body.clone(),
            note: String::new(),
            page_word: self.w.t("Sida", "Page").into(),
        }
    }

    fn person(&self, role: PersonRole) -> Option<String> {
        self.m.meeting.people.iter().find(|p| p.role == role).map(|p| p.name.clone())
    }
}

pub(super) fn fonts() -> &'static Fonts {
    static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(Fonts::load)
}

pub(super) fn write(m: &Material, request: &PaperRequest, at: Timestamp, author: &str) -> Result<Paper> {
    let w = Words(request.language);
    let (mut doc, font_ids, logo) = new_document(&m.profile)?;
    let mut cx = Context { m, w, images: HashMap::new(), pdfs: HashMap::new(), foreign: Vec::new() };
    if request.kind == PaperKind::Paket && !request.without_attachments {
        place_attachments(&mut doc, &mut cx, request)?;
    }
    let meeting = &m.meeting;
    let mut c = Composer::new(fonts(), font_ids.clone());
    c.set_language(request.language);
    let Titles { title, subject, file_name } = compose_paper(&mut c, &cx, request)?;
    let keywords = [meeting.body.clone(), meeting.case_number.clone()].into_iter().filter(|k| !k.is_empty()).collect();
    let meta = Meta {
        title: title.clone(),
        author: author.to_string(),
        subject,
        keywords,
        language: language_tag(request.language).into(),
        at,
    };
    assemble(doc, c, &m.profile, logo, meta, &cx.foreign, file_name)
}

/// Parses the attachments of the packet's items into the context: PDFs as foreign documents to place, images as
/// image objects of `doc`.
fn place_attachments(doc: &mut PdfDocument, cx: &mut Context, request: &PaperRequest) -> Result<()> {
    let m = cx.m;
    let mut warnings = Vec::new();
    let wanted = m.meeting.items.iter().enumerate().filter(|(i, _)| request.includes(*i)).map(|(_, item)| item.id);
    let wanted: Vec<i64> = wanted.collect();
    let attachments = wanted.iter().filter_map(|id| m.attachments.get(id)).flatten();
    for attachment in attachments {
        match attachment.media_type.as_str() {
            "application/pdf" => {
                let foreign = archive::Foreign::parse(&attachment.data).map_err(|e| {
                    Error::Paper(crate::error::PaperProblem::AttachmentUnplaceable {
                        name: attachment.name.clone(),
                        detail: e.to_string(),
                    })
                })?;
                cx.pdfs.insert(attachment.id, cx.foreign.len());
                cx.foreign.push(foreign);
            }
            _ => {
                let image = RawImage::decode_from_bytes(&attachment.data, &mut warnings).map_err(|e| {
                    Error::Paper(crate::error::PaperProblem::AttachmentNotAnImage {
                        name: attachment.name.clone(),
                        detail: e.to_string(),
                    })
                })?;
                let id = XObjectId(format!("Attachment{}", attachment.id));
                let size = (image.width as u32, image.height as u32);
                doc.resources.xobjects.map.insert(id.clone(), printpdf::XObject::Image(image));
                cx.images.insert(attachment.id, (id, size.0, size.1));
            }
        }
    }
    Ok(())
}

/// A paper's title, its subject in the metadata and its file name.
struct Titles {
    title: String,
    subject: String,
    file_name: String,
}

/// Composes the requested paper into `c` and names it.
fn compose_paper(c: &mut Composer, cx: &Context, request: &PaperRequest) -> Result<Titles> {
    let (meeting, w) = (&cx.m.meeting, cx.w);
    let item_index = request.item.map(|n| n - 1);
    let (title, subject, file_name) = match request.kind {
        PaperKind::Kallelse => {
            agenda::notice(c, cx, 0);
            (
                format!("{} – {} {}", w.t("Kallelse", "Notice"), meeting.body, meeting.date),
                w.t("Kallelse med dagordning", "Notice and agenda").to_string(),
                format!("{} {}.pdf", w.t("Kallelse", "Notice"), meeting.date),
            )
        }
        PaperKind::Underlag => return memos(c, cx, request, item_index),
        PaperKind::Paket => {
            packet::packet(c, cx, request);
            (
                format!("{} – {} {}", w.t("Mötespaket", "Meeting packet"), meeting.body, meeting.date),
                w.t("Kallelse, beslutsunderlag och bilagor", "Notice, decision memos and attachments").to_string(),
                format!("{} {}.pdf", w.t("Mötespaket", "Meeting packet"), meeting.date),
            )
        }
        PaperKind::Protokoll => {
            minutes::minutes(c, cx);
            (
                format!("{} – {} {}", w.t("Protokoll", "Minutes"), meeting.body, meeting.date),
                w.t("Protokoll", "Minutes").to_string(),
                format!("{} {}.pdf", w.t("Protokoll", "Minutes"), meeting.date),
            )
        }
        PaperKind::Utdrag => return extract(c, cx, item_index),
    };
    Ok(Titles { title, subject, file_name })
}

/// The decision memo of one item, or of every item of the request that has one.
fn memos(c: &mut Composer, cx: &Context, request: &PaperRequest, item_index: Option<usize>) -> Result<Titles> {
    let (meeting, w) = (&cx.m.meeting, cx.w);
    let indices: Vec<usize> = match item_index {
        Some(i) => vec![i],
        None => (0..meeting.items.len()).filter(|&i| has_memo(&meeting.items[i]) && request.includes(i)).collect(),
    };
    if indices.is_empty() {
        return Err(Error::Paper(crate::error::PaperProblem::NoDecisionMemo));
    }
    for &i in &indices {
        memo::memo(c, cx, i, 0);
    }
    let (title, file_name) = match item_index {
        Some(i) => (
            format!("{} – {}", w.t("Beslutsunderlag", "Decision memo"), meeting.items[i].title),
            format!(
                "{} {} {} {}.pdf",
                w.t("Beslutsunderlag", "Decision memo"),
                meeting.date,
                w.t("ärende", "item"),
                i + 1
            ),
        ),
        None => (
            format!("{} – {} {}", w.t("Beslutsunderlag", "Decision memos"), meeting.body, meeting.date),
            format!("{} {}.pdf", w.t("Beslutsunderlag", "Decision memos"), meeting.date),
        ),
    };
    Ok(Titles { title, subject: w.t("Beslutsunderlag", "Decision memo").to_string(), file_name })
}

/// The extract of one item's paragraph from the minutes; the item must have a decision.
fn extract(c: &mut Composer, cx: &Context, item_index: Option<usize>) -> Result<Titles> {
    let (m, w) = (cx.m, cx.w);
    let meeting = &m.meeting;
    let Some(i) = item_index else {
        return Err(Error::Paper(crate::error::PaperProblem::ExtractNeedsItem));
    };
    let item = &meeting.items[i];
    if !m.decisions.contains_key(&item.id) {
        return Err(Error::Paper(crate::error::PaperProblem::NoDecisionOnItem {
            item: i + 1,
            title: item.title.clone(),
        }));
    }
    minutes::extract(c, cx, i);
    let paragraph = item.paragraph.map_or(format!("{} {}", w.t("ärende", "item"), i + 1), |p| format!("§ {p}"));
    Ok(Titles {
        title: format!("{} {} – {}", w.t("Protokollsutdrag", "Extract from the minutes"), paragraph, item.title),
        subject: w.t("Protokollsutdrag", "Extract from the minutes").to_string(),
        file_name: format!("{} {} {}.pdf", w.t("Protokollsutdrag", "Extract"), meeting.date, paragraph),
    })
}

pub(super) type Logo = Option<(XObjectId, u32, u32)>;

/// A new document with the fonts registered and the profile's logo, if any.
pub(super) fn new_document(
    profile: &crate::domain::DocumentProfile,
) -> Result<(PdfDocument, [printpdf::FontId; 3], Logo)> {
    let mut doc = PdfDocument::new("");
    let font_ids = fonts().register(&mut doc);
    let logo = if profile.logo.is_empty() {
        None
    } else {
        let image = RawImage::decode_from_bytes(&profile.logo, &mut Vec::new())
            .map_err(|e| Error::Paper(crate::error::PaperProblem::LogoUnreadable { detail: e.to_string() }))?;
        let id = XObjectId("Logo".into());
        let (width, height) = (image.width as u32, image.height as u32);
        doc.resources.xobjects.map.insert(id.clone(), printpdf::XObject::Image(image));
        Some((id, width, height))
    };
    Ok((doc, font_ids, logo))
}

pub(super) fn language_tag(language: Language) -> &'static str {
    match language {
        Language::Sv => "sv-SE",
        Language::En => "en-GB",
    }
}

/// Draws the running header and footer and writes the file.
pub(super) fn assemble(
    mut doc: PdfDocument,
    mut c: Composer,
    profile: &crate::domain::DocumentProfile,
    logo: Logo,
    meta: Meta,
    foreign: &[Foreign],
    file_name: String,
) -> Result<Paper> {
    c.finish(&profile.organisation, &profile.office, logo.as_ref().map(|(id, w, h)| (id, *w, *h)));
    let foreign_pages: Vec<Option<ForeignPage>> = c.pages.iter().map(|p| p.foreign).collect();
    let pages = c.pages.len();
    let size = (Mm(compose::PAGE_WIDTH * 25.4 / 72.0), Mm(compose::PAGE_HEIGHT * 25.4 / 72.0));
    let bookmarks = std::mem::take(&mut c.bookmarks);
    let links = std::mem::take(&mut c.links);
    doc.pages = c.pages.into_iter().map(|p| PdfPage::new(size.0, size.1, p.ops)).collect();
    let bytes = archive::finish(doc, &meta, &bookmarks, &links, foreign, &foreign_pages)?;
    Ok(Paper { bytes, pages, title: meta.title, file_name })
}
