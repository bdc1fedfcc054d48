//! What each paper says. Every document is composed from the meeting's records in [`Material`]; the wording of
//! the fixed texts comes from the portfolio's document profile.

use std::collections::HashMap;

use printpdf::{Mm, PdfDocument, PdfPage, RawImage, XObjectId};

use super::archive::{self, Foreign, Meta};
use super::compose::{self, Bar, Column, Composer, ForeignPage, Running};
use super::fonts::{Face, Fonts};
use super::{ItemMaterial, Material, Paper, PaperKind, PaperRequest};
use crate::domain::{AgendaItem, Attachment, DecisionOutcome, ItemKind, Language, PersonRole};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::time::{self, Datelike, Timestamp};
use rust_decimal::prelude::ToPrimitive;

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
fn long_date(date: &str, w: Words) -> String {
    let Some(d) = time::parse_date(date) else { return date.to_string() };
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

/// An amount for a table: whole kronor without decimals, otherwise exact to the öre (never rounded here, so rows
/// add up to their totals).
fn kronor(m: Money) -> String {
    let text = m.format_number();
    if m.ore() % 100 == 0 { text.trim_end_matches(",00").to_string() } else { text }
}

fn decimal(value: f64, places: usize, w: Words) -> String {
    let text = format!("{value:.places$}");
    if w.0 == Language::Sv { text.replace('.', ",").replace('-', "\u{2212}") } else { text }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Whether an item gets a decision memo of its own.
fn has_memo(item: &AgendaItem) -> bool {
    item.kind == ItemKind::Decision
        || !item.proposed_decision.trim().is_empty()
        || !item.summary.trim().is_empty()
        || item.deviation_id.is_some()
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
            date: self.m.meeting.date.clone(),
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
    let fonts = fonts();
    let mut warnings = Vec::new();
    let mut cx = Context { m, w, images: HashMap::new(), pdfs: HashMap::new(), foreign: Vec::new() };
    if request.kind == PaperKind::Paket && !request.without_attachments {
        let wanted = m.meeting.items.iter().enumerate().filter(|(i, _)| request.includes(*i)).map(|(_, item)| item.id);
        let wanted: Vec<i64> = wanted.collect();
        let attachments = wanted.iter().filter_map(|id| m.attachments.get(id)).flatten();
        for attachment in attachments {
            match attachment.media_type.as_str() {
                "application/pdf" => {
                    let foreign = archive::Foreign::parse(&attachment.data).map_err(|e| {
                        Error::Paper(format!(
                            "the attachment '{}' cannot be placed in the packet: {e}",
                            attachment.name
                        ))
                    })?;
                    cx.pdfs.insert(attachment.id, cx.foreign.len());
                    cx.foreign.push(foreign);
                }
                _ => {
                    let image = RawImage::decode_from_bytes(&attachment.data, &mut warnings).map_err(|e| {
                        Error::Paper(format!("the attachment '{}' cannot be read as an image: {e}", attachment.name))
                    })?;
                    let id = XObjectId(format!("Attachment{}", attachment.id));
                    let size = (image.width as u32, image.height as u32);
                    doc.resources.xobjects.map.insert(id.clone(), printpdf::XObject::Image(image));
                    cx.images.insert(attachment.id, (id, size.0, size.1));
                }
            }
        }
    }
    let meeting = &m.meeting;
    let item_index = request.item.map(|n| n - 1);
    let mut c = Composer::new(fonts, font_ids.clone());
    let (title, subject, file_name) = match request.kind {
        PaperKind::Kallelse => {
            notice(&mut c, &cx, 0);
            (
                format!("{} – {} {}", w.t("Kallelse", "Notice"), meeting.body, meeting.date),
                w.t("Kallelse med dagordning", "Notice and agenda").to_string(),
                format!("{} {}.pdf", w.t("Kallelse", "Notice"), meeting.date),
            )
        }
        PaperKind::Underlag => {
            let indices: Vec<usize> = match item_index {
                Some(i) => vec![i],
                None => {
                    (0..meeting.items.len()).filter(|&i| has_memo(&meeting.items[i]) && request.includes(i)).collect()
                }
            };
            if indices.is_empty() {
                return Err(Error::Paper("no agenda item of this meeting has a decision memo".into()));
            }
            for &i in &indices {
                memo(&mut c, &cx, i, 0);
            }
            let (title, file) = match item_index {
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
            (title, w.t("Beslutsunderlag", "Decision memo").to_string(), file)
        }
        PaperKind::Paket => {
            packet(&mut c, &cx, request);
            (
                format!("{} – {} {}", w.t("Mötespaket", "Meeting packet"), meeting.body, meeting.date),
                w.t("Kallelse, beslutsunderlag och bilagor", "Notice, decision memos and attachments").to_string(),
                format!("{} {}.pdf", w.t("Mötespaket", "Meeting packet"), meeting.date),
            )
        }
        PaperKind::Protokoll => {
            minutes(&mut c, &cx);
            (
                format!("{} – {} {}", w.t("Protokoll", "Minutes"), meeting.body, meeting.date),
                w.t("Protokoll", "Minutes").to_string(),
                format!("{} {}.pdf", w.t("Protokoll", "Minutes"), meeting.date),
            )
        }
        PaperKind::Utdrag => {
            let Some(i) = item_index else {
                return Err(Error::Paper("an extract is of one item: give its number (--item N)".into()));
            };
            let item = &meeting.items[i];
            if !m.decisions.contains_key(&item.id) {
                return Err(Error::Paper(format!(
                    "no decision is recorded on item {} ('{}'); an extract shows a decision",
                    i + 1,
                    item.title
                )));
            }
            extract(&mut c, &cx, i);
            let paragraph =
                item.paragraph.map_or(format!("{} {}", w.t("ärende", "item"), i + 1), |p| format!("§ {p}"));
            (
                format!("{} {} – {}", w.t("Protokollsutdrag", "Extract from the minutes"), paragraph, item.title),
                w.t("Protokollsutdrag", "Extract from the minutes").to_string(),
                format!("{} {} {}.pdf", w.t("Protokollsutdrag", "Extract"), meeting.date, paragraph),
            )
        }
    };
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
            .map_err(|e| Error::Paper(format!("the logo cannot be read: {e}")))?;
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

/// The notice and agenda. `depth` is the outline level it sits at (1 inside a packet).
fn notice(c: &mut Composer, cx: &Context, depth: usize) {
    let (m, w) = (cx.m, cx.w);
    let meeting = &m.meeting;
    c.start(cx.running(w.t("Kallelse", "Notice"), &meeting.case_number, false));
    c.bookmark(w.t("Kallelse med dagordning", "Notice and agenda"), depth);
    c.title(&format!("{} – {}", w.t("Kallelse", "Notice"), meeting.body));
    c.fields(&[
        (w.t("Datum", "Date"), long_date(&meeting.date, w)),
        (w.t("Tid", "Time"), time_span(&meeting.start_time, &meeting.end_time, w)),
        (w.t("Plats", "Place"), meeting.place.clone()),
        (w.t("Delta på distans", "Join remotely"), meeting.link.clone()),
        (w.t("Diarienummer", "Case number"), meeting.case_number.clone()),
    ]);
    c.paragraph(&m.profile.notice_text);
    c.heading(w.t("Dagordning", "Agenda"), 1);
    for (i, item) in meeting.items.iter().enumerate() {
        agenda_entry(c, cx, i, item);
    }
    let called: Vec<Vec<String>> = meeting
        .people
        .iter()
        .map(|p| vec![p.name.clone(), p.organisation.clone(), p.role.label(w.0).to_string()])
        .collect();
    if !called.is_empty() {
        c.heading(w.t("Kallade", "Called"), 1);
        c.table("", &people_columns(w), &called);
    }
    if !meeting.absence_contact.is_empty() {
        c.paragraph(&format!("{} {}.", m.profile.absence_text.trim_end_matches('.'), meeting.absence_contact));
    }
    if let Some(secretary) = cx.person(PersonRole::Secretary) {
        c.space(6.0);
        c.paragraph(&format!("{secretary}\n{}", w.t("Sekreterare", "Secretary")));
    }
}

/// Name, organisation and role: the columns of the called, present and absent.
fn people_columns(w: Words) -> [Column; 3] {
    [
        Column::left(w.t("Namn", "Name"), 3.0),
        Column::left(w.t("Organisation", "Organisation"), 4.0),
        Column::left(w.t("Roll", "Role"), 2.0),
    ]
}

fn agenda_entry(c: &mut Composer, cx: &Context, i: usize, item: &AgendaItem) {
    let w = cx.w;
    let size = compose::BODY_SIZE;
    let indent = 24.0;
    let left = compose::LEFT;
    let width = compose::BODY_WIDTH - indent;
    let title_lines = c.wrap(&item.title, Face::Bold, size, width);
    c.ensure(compose::line_height(size) * (title_lines.len() as f32 + 1.5));
    c.space(4.0);
    let y = c.y();
    c.text_at(left, y, Face::Bold, size, compose::INK, &format!("{}.", i + 1));
    c.text_block(left + indent, width, Face::Bold, size, compose::INK, &item.title);
    let mut facts = vec![item.kind.label(w.0).to_string()];
    if !item.case_number.is_empty() {
        facts.push(format!("Dnr {}", item.case_number));
    }
    if !item.presenter.is_empty() {
        facts.push(format!("{}: {}", w.t("Föredragande", "Presenter"), item.presenter));
    }
    c.text_block(left + indent, width, Face::Regular, size - 1.5, compose::MUTED, &facts.join(" · "));
    let proposal = lines(&item.proposed_decision);
    if !proposal.is_empty() {
        let text = format!("{}: {}", w.t("Förslag till beslut", "Proposed decision"), proposal.join(" "));
        c.text_block(left + indent, width, Face::Regular, size - 1.0, compose::INK, &text);
    }
    if let Some(attachments) = cx.m.attachments.get(&item.id) {
        let names: Vec<&str> = attachments.iter().map(|a| a.name.as_str()).collect();
        let text = format!("{}: {}", w.t("Bilagor", "Attachments"), names.join(", "));
        c.text_block(left + indent, width, Face::Italic, size - 1.5, compose::MUTED, &text);
    }
    if item.confidential {
        let text = w.t("Sekretess: handlingarna lämnas inte ut", "Confidential: the papers are not public");
        c.text_block(left + indent, width, Face::Bold, size - 1.5, compose::WARNING, text);
    }
    c.space(2.0);
}

/// The decision memo of item `i`.
fn memo(c: &mut Composer, cx: &Context, i: usize, depth: usize) {
    let (m, w) = (cx.m, cx.w);
    let item = &m.meeting.items[i];
    let material = &m.items[i];
    let case_number = if item.case_number.is_empty() {
        material.initiative.as_ref().map(|x| x.case_number.clone()).unwrap_or_default()
    } else {
        item.case_number.clone()
    };
    c.start(cx.running(w.t("Beslutsunderlag", "Decision memo"), &case_number, item.confidential));
    let label = if depth == 0 {
        format!("{} {}. {}", w.t("Ärende", "Item"), i + 1, item.title)
    } else {
        w.t("Beslutsunderlag", "Decision memo").to_string()
    };
    c.bookmark(&label, depth);
    c.fields(&[
        (w.t("Förvaltning", "Office"), m.profile.office.clone()),
        (w.t("Sammanträde", "Meeting"), format!("{} {}", m.meeting.body, m.meeting.date)),
        (w.t("Ärende på dagordningen", "Agenda item"), (i + 1).to_string()),
        (w.t("Diarienummer", "Case number"), case_number.clone()),
        (w.t("Handläggare", "Officer"), item.officer.clone()),
        (w.t("Föredragande", "Presenter"), item.presenter.clone()),
    ]);
    c.title(&item.title);
    let proposal = lines(&item.proposed_decision);
    if !proposal.is_empty() {
        c.heading(w.t("Förslag till beslut", "Proposed decision"), 1);
        c.paragraph(&format!("{}:", w.t("Samordningsgruppen föreslås besluta", "The group is asked to decide")));
        c.numbered(&proposal);
    }
    if !item.summary.trim().is_empty() {
        c.heading(w.t("Sammanfattning", "Summary"), 1);
        c.paragraph(&item.summary);
    }
    if !item.background.trim().is_empty() {
        c.heading(w.t("Bakgrund", "Background"), 1);
        c.paragraph(&item.background);
    }
    about_initiative(c, cx, material);
    deviation(c, cx, material);
    economics(c, cx, material);
    valuation(c, cx, material);
    security(c, cx, material);
    benefits(c, cx, material);
    if !item.assessment.trim().is_empty() {
        c.heading(w.t("Bedömning", "Assessment"), 1);
        c.paragraph(&item.assessment);
    }
    if let Some(attachments) = m.attachments.get(&item.id) {
        c.heading(w.t("Bilagor", "Attachments"), 1);
        let names: Vec<String> = attachments.iter().map(|a| a.name.clone()).collect();
        c.numbered(&names);
    }
}

fn about_initiative(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    if let Some(x) = &material.initiative {
        c.heading(w.t("Om insatsen", "About the initiative"), 1);
        let laws: Vec<&str> = x.laws.iter().map(|l| l.label(w.0)).collect();
        let customers: Vec<String> = x
            .customer_ids
            .iter()
            .filter_map(|id| cx.m.organisations.iter().find(|o| o.id == *id).map(|o| o.name.clone()))
            .collect();
        let period = match (x.costs.first(), x.costs.last()) {
            (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
            _ => String::new(),
        };
        c.fields(&[
            (w.t("Insats", "Initiative"), format!("{} {}", x.case_number, x.title)),
            (w.t("Ägare", "Owner"), material.owner.as_ref().map(|o| o.name.clone()).unwrap_or_default()),
            (w.t("Spår", "Track"), x.track.label(w.0).to_string()),
            (w.t("Typ", "Kind"), x.kind.label(w.0).to_string()),
            (w.t("Tillstånd", "State"), x.state.label(w.0).to_string()),
            (w.t("Planeringsperiod", "Planning period"), period),
            (w.t("Berörda", "Customers"), customers.join(", ")),
            (w.t("Lagkrav", "Legal requirements"), laws.join("; ")),
        ]);
    }
    if let Some(s) = &material.service {
        c.heading(w.t("Om tjänsten", "About the service"), 1);
        c.fields(&[
            (w.t("Tjänst", "Service"), s.name.clone()),
            (w.t("Kategori", "Category"), s.category.label(w.0).to_string()),
            (w.t("Pris", "Price"), s.price.map(|p| format!("{p} / {}", s.unit)).unwrap_or_default()),
            (w.t("Omfattning", "Scope"), s.scope.clone()),
        ]);
    }
}

/// The opt-out or deviation an item concerns: what, where, the guideline's steps done and the next one.
fn deviation(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let Some((d, service)) = &material.deviation else { return };
    c.heading(d.kind.label(w.0), 1);
    let organisation =
        d.organisation_id.and_then(|o| cx.m.organisations.iter().find(|x| x.id == o)).map(|o| o.name.clone());
    c.fields(&[
        (w.t("Ärende", "Matter"), d.title.clone()),
        (w.t("Tjänst", "Service"), format!("{} ({})", service.name, service.category.label(w.0))),
        (w.t("Kund", "Customer"), organisation.unwrap_or_default()),
        (
            w.t("Säkerhetsavvikelse", "Security deviation"),
            if d.security { w.t("Ja", "Yes").into() } else { String::new() },
        ),
        (w.t("Registrerad", "Registered"), d.registered.clone()),
        (w.t("Tidsfrist", "Deadline"), d.deadline.clone()),
        (
            w.t("Nästa steg", "Next step"),
            d.next_step()
                .map(|s| s.label(w.0).to_string())
                .unwrap_or_else(|| w.t("Alla steg klara", "Every step done").into()),
        ),
    ]);
    c.paragraph(&d.description);
    let rows: Vec<Vec<String>> = d
        .sequence()
        .iter()
        .enumerate()
        .map(|(i, step)| match d.steps.get(i) {
            Some(done) => vec![step.label(w.0).to_string(), done.date.clone(), done.note.clone()],
            None => vec![step.label(w.0).to_string(), "–".into(), String::new()],
        })
        .collect();
    c.table(
        w.t("Riktlinjens steg", "The guideline's steps"),
        &[
            Column::left(w.t("Steg", "Step"), 4.0),
            Column::left(w.t("Klart", "Done"), 1.4),
            Column::left(w.t("Anteckning", "Note"), 4.0),
        ],
        &rows,
    );
    if !d.action_plan.trim().is_empty() {
        c.fields(&[(w.t("Åtgärdsplan", "Action plan"), d.action_plan.clone())]);
    }
    if let Some(outcome) = d.outcome {
        c.fields(&[(w.t("Utfall", "Outcome"), outcome.label(w.0).to_string())]);
    }
}

fn economics(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let costs = material.initiative.as_ref().map(|x| x.costs.as_slice()).unwrap_or_default();
    if costs.is_empty() && material.funding_case.is_none() {
        return;
    }
    c.heading(w.t("Ekonomiska konsekvenser", "Economic consequences"), 1);
    if !costs.is_empty() {
        let mut rows = Vec::new();
        let (mut dev, mut man) = (0i64, 0i64);
        for y in costs {
            dev += y.development.ore();
            man += y.management.ore();
            rows.push(vec![
                y.year.to_string(),
                kronor(y.development),
                kronor(y.management),
                kronor(Money::from_ore(y.development.ore() + y.management.ore())),
            ]);
        }
        rows.push(vec![
            format!("**{}", w.t("Summa", "Total")),
            format!("**{}", kronor(Money::from_ore(dev))),
            format!("**{}", kronor(Money::from_ore(man))),
            format!("**{}", kronor(Money::from_ore(dev + man))),
        ]);
        c.table(
            w.t("Kostnader per år (kr)", "Costs per year (SEK)"),
            &[
                Column::left(w.t("År", "Year"), 1.0),
                Column::right(w.t("Utveckling", "Development"), 2.0),
                Column::right(w.t("Förvaltning", "Management"), 2.0),
                Column::right(w.t("Summa", "Total"), 2.0),
            ],
            &rows,
        );
    }
    let Some(result) = &material.funding else {
        if material.funding_case.is_some() {
            c.paragraph(w.t(
                "Finansieringsunderlaget kunde inte beräknas (uppgifter saknas eller beloppen är orimligt stora), så \
                 finansieringsmodellerna jämförs inte här. Rätta underlaget i Samordna.",
                "The funding case could not be computed (data is missing or the amounts are beyond reason), so the \
                 funding models are not compared here. Correct the case in Samordna.",
            ));
        }
        return;
    };
    let comparison = &result.comparison;
    let years = match (comparison.years.first(), comparison.years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    c.paragraph(&format!(
        "{} {years}. {}",
        w.t(
            "Finansieringsmodellerna jämförs nedan med vad varje kund betalar sammanlagt under",
            "The funding models are compared below by what each customer pays in total over"
        ),
        w.t(
            "Vid kommunbidrag betalar nämnderna inget men ramväxlas; bolag faktureras.",
            "Under a grant boards pay nothing but their frames are moved; companies are invoiced."
        )
    ));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut sums = [0i64; 4];
    for t in &comparison.totals {
        let grant = if t.is_company { t.grant } else { t.frame_transfer };
        for (s, v) in sums.iter_mut().zip([t.cost_allocation, t.invoice, grant, t.frame_transfer]) {
            *s += v.ore();
        }
        let name = if t.is_company { format!("{} ({})", t.name, w.t("bolag", "company")) } else { t.name.clone() };
        rows.push(vec![name, kronor(t.cost_allocation), kronor(t.invoice), kronor(grant)]);
    }
    rows.push(vec![
        format!("**{}", w.t("Summa", "Total")),
        format!("**{}", kronor(Money::from_ore(sums[0]))),
        format!("**{}", kronor(Money::from_ore(sums[1]))),
        format!("**{}", kronor(Money::from_ore(sums[2]))),
    ]);
    c.table(
        &format!("{} {years} (kr)", w.t("Finansiering per kund", "Funding per customer")),
        &[
            Column::left(w.t("Kund", "Customer"), 3.6),
            Column::right(w.t("Kostnadsfördelning", "Cost allocation"), 2.5),
            Column::right(w.t("Faktura à pris", "Invoice per unit"), 2.2),
            Column::right(w.t("Kommunbidrag (ramväxling)", "Grant (frame transfer)"), 2.5),
        ],
        &rows,
    );
    // The ten largest payers under cost allocation, as a chart.
    let mut largest: Vec<_> = comparison.totals.iter().collect();
    largest.sort_by_key(|t| std::cmp::Reverse(t.cost_allocation.ore()));
    let bars: Vec<Bar> = largest
        .iter()
        .take(10)
        .map(|t| Bar {
            label: t.name.clone(),
            value: t.cost_allocation.ore() as f64,
            text: format!("{} kr", kronor(t.cost_allocation)),
            highlight: false,
        })
        .collect();
    if bars.len() > 1 {
        c.bar_chart(
            &format!(
                "{} {years}",
                w.t("Störst andel vid kostnadsfördelning,", "Largest shares under cost allocation,")
            ),
            &bars,
        );
    }
    if let Some(capital) = &comparison.capital {
        let mut text = format!(
            "{} {} kr.",
            w.t("Kapitalkostnadens nuvärde är", "The present value of the capital cost is"),
            kronor(capital.present_value)
        );
        if let Some(annuity) = capital.annuity {
            text.push_str(&format!(
                " {} {} kr.",
                w.t("Leasingavgiften är per år", "The yearly lease payment is"),
                kronor(annuity)
            ));
        }
        c.paragraph(&text);
    }
    if let Some(leasing) = &result.leasing
        && leasing.required
    {
        let text = if leasing.follows_rule {
            w.t(
                "Investeringen ska enligt stadens regler leasas via Göteborgs Stads Leasing AB, vilket förslaget gör.",
                "Under the city's rules the investment is to be leased from Göteborgs Stads Leasing AB, as proposed.",
            )
        } else {
            w.t(
                "Investeringen ska enligt stadens regler leasas via Göteborgs Stads Leasing AB, men förslaget gör det inte.",
                "Under the city's rules the investment is to be leased from Göteborgs Stads Leasing AB, but the proposal does not.",
            )
        };
        c.paragraph(text);
    }
}

fn valuation(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let (Some(initiative), Some(assessment), Some(set)) = (&material.initiative, &cx.m.assessment, &cx.m.criteria_set)
    else {
        return;
    };
    let Some(row) = assessment.rows.iter().find(|r| r.initiative_id == initiative.id) else { return };
    c.heading(w.t("Värdering", "Valuation"), 1);
    let tied = if row.tied { w.t(" (delad)", " (tied)") } else { "" };
    c.paragraph(&format!(
        "{} {}{tied} {} {} {} «{}». {} {} {}.",
        w.t("Insatsen har plats", "The initiative ranks"),
        row.rank,
        w.t("av", "of"),
        assessment.rows.len(),
        w.t("i kriterieuppsättningen", "in the criteria set"),
        set.name,
        w.t("Det viktade värdet är", "Its weighted value is"),
        decimal(row.value, 3, w),
        w.t("på skalan 0–1", "on a scale of 0–1")
    ));
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for ((criterion, cell), weight) in set.criteria.iter().zip(&row.cells).zip(&assessment.weights) {
        let s = &cell.summary;
        rows.push(vec![
            criterion.name.clone(),
            format!("{} %", decimal(weight * 100.0, 1, w)),
            s.aggregate.map(|a| decimal(a, 2, w)).unwrap_or_else(|| "–".into()),
            s.std_dev.map(|a| decimal(a, 2, w)).unwrap_or_else(|| "–".into()),
            s.consensus.map(|a| decimal(a, 2, w)).unwrap_or_else(|| "–".into()),
            decimal(cell.contribution, 3, w),
        ]);
        bars.push(Bar {
            label: criterion.name.clone(),
            value: cell.contribution,
            text: decimal(cell.contribution, 3, w),
            highlight: true,
        });
    }
    c.table(
        w.t("Poäng per kriterium", "Scores per criterion"),
        &[
            Column::left(w.t("Kriterium", "Criterion"), 4.0),
            Column::right(w.t("Vikt", "Weight"), 1.3),
            Column::right(w.t("Poäng", "Score"), 1.2),
            Column::right(w.t("Spridning", "Spread"), 1.4),
            Column::right(w.t("Samsyn", "Consensus"), 1.3),
            Column::right(w.t("Bidrag", "Contribution"), 1.3),
        ],
        &rows,
    );
    c.bar_chart(w.t("Bidrag till värdet per kriterium", "Contribution to the value per criterion"), &bars);
    let gates: Vec<String> = row
        .gates
        .iter()
        .filter_map(|g| {
            let gate = set.gates.iter().find(|x| x.id == g.gate_id)?;
            let state = match g.passed {
                Some(true) => w.t("uppfyllt", "met"),
                Some(false) => w.t("ej uppfyllt", "not met"),
                None => w.t("ej bedömt", "not judged"),
            };
            let note = if g.note.is_empty() { String::new() } else { format!(" – {}", g.note) };
            Some(format!("{}: {state}{note}", gate.name))
        })
        .collect();
    if !gates.is_empty() {
        c.paragraph(w.t("Grindar:", "Gates:"));
        c.bullets(&gates);
    }
}

/// The benefit summary and an extract of the benefits realisation plan: each benefit with its indicator, the way
/// from baseline to target, the latest measurement and its status, and the value per year.
fn benefits(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    use crate::domain::Progress;
    let w = cx.w;
    let Some(initiative) = &material.initiative else { return };
    if initiative.benefit_summary.trim().is_empty() && material.benefits.is_empty() {
        return;
    }
    c.heading(w.t("Nyttor", "Benefits"), 1);
    c.paragraph(&initiative.benefit_summary);
    if material.benefits.is_empty() {
        c.muted(w.t("Nyttorealiseringsplan är inte upprättad.", "No benefits realisation plan yet."));
        return;
    }
    let number = |d: rust_decimal::Decimal| match d.to_i64() {
        Some(whole) if d.fract().is_zero() => kronor(Money::from_kronor(whole)),
        _ => decimal(d.to_f64().unwrap_or(0.0), 1, w),
    };
    let rows: Vec<Vec<String>> = material
        .benefits
        .iter()
        .map(|b| {
            let owner = b.owner_id.and_then(|o| cx.m.organisations.iter().find(|x| x.id == o)).map(|o| o.name.clone());
            let name = match owner {
                Some(owner) => format!("{}\n{}: {owner}", b.name, w.t("Ägare", "Owner")),
                None => b.name.clone(),
            };
            let way = match (b.baseline, b.target) {
                (Some(from), Some(to)) => format!(
                    "{}: {} {} {} {} {} {}",
                    b.indicator,
                    number(from),
                    w.t("till", "to"),
                    number(to),
                    b.unit,
                    w.t("senast", "by"),
                    b.target_date
                ),
                _ => b.category.label(w.0).to_string(),
            };
            let (latest, status) = match b.status() {
                Some(s) => {
                    let label = match s.progress {
                        Progress::OnTrack => w.t("Enligt plan", "On track"),
                        Progress::AtRisk => w.t("Risk", "At risk"),
                        Progress::OffTrack => w.t("Avviker", "Off track"),
                    };
                    (format!("{} ({})", number(s.measured), s.date), label.to_string())
                }
                None => ("–".into(), w.t("Ej mätt", "Not measured").to_string()),
            };
            let value = b.value_base.map(|v| format!("{} kr", kronor(v))).unwrap_or_else(|| "–".into());
            vec![name, way, latest, status, value]
        })
        .collect();
    c.table(
        w.t("Ur nyttorealiseringsplanen", "From the benefits realisation plan"),
        &[
            Column::left(w.t("Nytta", "Benefit"), 3.2),
            Column::left(w.t("Indikator: från utgångsläge till mål", "Indicator: from baseline to target"), 3.6),
            Column::right(w.t("Senast uppmätt", "Latest"), 1.8),
            Column::left(w.t("Status", "Status"), 1.3),
            Column::right(w.t("Värde per år", "Value per year"), 1.7),
        ],
        &rows,
    );
    let total: i64 = material.benefits.iter().filter_map(|b| b.value_base).map(Money::ore).sum();
    if total > 0 {
        c.paragraph(&format!(
            "{} {} kr {}",
            w.t("Nyttornas värde i basfallet är sammanlagt", "The benefits are worth in the base case"),
            kronor(Money::from_ore(total)),
            w.t("per år.", "a year in total.")
        ));
    }
}

fn security(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let security = match (&material.initiative, &material.service) {
        (Some(x), _) => &x.security,
        (None, Some(s)) => &s.security,
        _ => return,
    };
    c.heading(w.t("Informationssäkerhet", "Information security"), 1);
    let level = |l: &Option<crate::domain::SecurityLevel>| match l {
        Some(l) => {
            format!("{} – {}", l.level, cx.m.security_scale.get(l.level as usize).cloned().unwrap_or(l.label.clone()))
        }
        None => w.t("Ej klassad", "Not classified").to_string(),
    };
    c.fields(&[
        (w.t("Konfidentialitet (K)", "Confidentiality (C)"), level(&security.confidentiality)),
        (w.t("Riktighet (R)", "Integrity (I)"), level(&security.integrity)),
        (w.t("Tillgänglighet (T)", "Availability (A)"), level(&security.availability)),
    ]);
}

/// The packet: contents, notice, and each item's memo followed by its attachments.
fn packet(c: &mut Composer, cx: &Context, request: &PaperRequest) {
    let w = cx.w;
    let mut body = Composer::new(c.fonts, c.font_ids());
    notice(&mut body, cx, 0);
    for (i, item) in cx.m.meeting.items.iter().enumerate() {
        if !request.includes(i) {
            continue;
        }
        let attachments: &[Attachment] = if request.without_attachments {
            &[]
        } else {
            cx.m.attachments.get(&item.id).map(Vec::as_slice).unwrap_or_default()
        };
        if !has_memo(item) && attachments.is_empty() {
            continue;
        }
        let heading = format!("{} {}. {}", w.t("Ärende", "Item"), i + 1, item.title);
        if has_memo(item) {
            memo(&mut body, cx, i, 1);
            // The item's own entry goes before its memo's.
            let last = body.bookmarks.len() - 1;
            let page = body.bookmarks[last].page;
            body.bookmarks.insert(last, compose::Bookmark { title: heading, level: 0, page });
        } else {
            let page = body.pages.len();
            body.bookmarks.push(compose::Bookmark { title: heading, level: 0, page });
        }
        for attachment in attachments {
            let mut running = cx.running(w.t("Bilaga", "Attachment"), &item.case_number, item.confidential);
            running.note =
                format!("{} {}: {}", w.t("Bilaga till ärende", "Attachment to item"), i + 1, attachment.name);
            let title = format!("{}: {}", w.t("Bilaga", "Attachment"), attachment.name);
            if let Some(&source) = cx.pdfs.get(&attachment.id) {
                let first = body.pages.len();
                for page in 1..=cx.foreign[source].pages() as u32 {
                    body.foreign_page(running.clone(), ForeignPage { source, page });
                }
                body.bookmarks.push(compose::Bookmark { title, level: 1, page: first });
            } else if let Some((id, width, height)) = cx.images.get(&attachment.id) {
                body.start(running);
                body.bookmark(&title, 1);
                body.heading(&title, 2);
                body.image(id, *width, *height);
            }
        }
    }
    // Contents: laid out once to learn how many pages it takes, then again with the page numbers.
    let entries: Vec<compose::Bookmark> = body.bookmarks.clone();
    let contents = |offset: usize, target: &mut Composer| {
        target.start(cx.running(w.t("Mötespaket", "Meeting packet"), &cx.m.meeting.case_number, false));
        target.bookmark(w.t("Innehåll", "Contents"), 0);
        target.title(&format!("{} – {}", w.t("Mötespaket", "Meeting packet"), cx.m.meeting.body));
        target.fields(&[
            (w.t("Datum", "Date"), long_date(&cx.m.meeting.date, w)),
            (w.t("Tid", "Time"), time_span(&cx.m.meeting.start_time, &cx.m.meeting.end_time, w)),
            (w.t("Plats", "Place"), cx.m.meeting.place.clone()),
        ]);
        target.heading(w.t("Innehåll", "Contents"), 1);
        for entry in &entries {
            target.contents_line(&entry.title, entry.level, entry.page + offset, entry.page + offset + 1);
        }
    };
    let mut trial = Composer::new(c.fonts, c.font_ids());
    contents(0, &mut trial);
    let offset = trial.pages.len();
    contents(offset, c);
    c.append(body);
}

/// One paragraph of the minutes (or the item, when it has no paragraph yet).
fn paragraph_section(c: &mut Composer, cx: &Context, i: usize, outline: bool) {
    let (m, w) = (cx.m, cx.w);
    let item = &m.meeting.items[i];
    let heading = match item.paragraph {
        Some(p) => format!("§ {p} {}", item.title),
        None => format!("{} {}. {}", w.t("Ärende", "Item"), i + 1, item.title),
    };
    // A paragraph's heading stays with its facts and the start of what was decided.
    c.ensure(120.0);
    if outline {
        c.heading_with_bookmark(&heading, 0);
    } else {
        c.heading(&heading, 1);
    }
    let mut facts = Vec::new();
    if !item.case_number.is_empty() {
        facts.push(format!("Dnr {}", item.case_number));
    }
    if !item.presenter.is_empty() {
        facts.push(format!("{}: {}", w.t("Föredragande", "Presenter"), item.presenter));
    }
    if !facts.is_empty() {
        c.muted(&facts.join(" · "));
    }
    if !item.summary.trim().is_empty() {
        c.heading(w.t("Ärendet", "The matter"), 2);
        c.paragraph(&item.summary);
    }
    c.heading(w.t("Beslut", "Decision"), 2);
    match m.decisions.get(&item.id) {
        Some(decision) => {
            let outcome = decision.outcome.label(w.0);
            let points = lines(&decision.text);
            if decision.outcome != DecisionOutcome::Decided {
                c.text_block(
                    compose::LEFT,
                    compose::BODY_WIDTH,
                    Face::Bold,
                    compose::BODY_SIZE,
                    compose::ACCENT,
                    outcome,
                );
                c.space(2.0);
            }
            if points.len() > 1 {
                c.numbered(&points);
            } else {
                c.paragraph(&decision.text);
            }
            if !decision.notes.trim().is_empty() {
                c.heading(w.t("Protokollsanteckning", "Note to the minutes"), 2);
                c.paragraph(&decision.notes);
            }
        }
        None => c.muted(w.t("Inget beslut är protokollfört.", "No decision is recorded.")),
    }
    if let Some(attachments) = m.attachments.get(&item.id) {
        c.heading(w.t("Beslutsunderlag", "Papers"), 2);
        let names: Vec<String> = attachments.iter().map(|a| a.name.clone()).collect();
        c.bullets(&names);
    }
}

fn minutes(c: &mut Composer, cx: &Context) {
    let (m, w) = (cx.m, cx.w);
    let meeting = &m.meeting;
    let mut running = cx.running(w.t("Protokoll", "Minutes"), &meeting.case_number, false);
    if !meeting.is_approved() {
        running.note = w.t("Utkast – ej justerat", "Draft – not approved").into();
    }
    c.start(running);
    c.bookmark(w.t("Protokoll", "Minutes"), 0);
    c.title(&format!("{} – {}", w.t("Protokoll", "Minutes"), meeting.body));
    let paragraphs: Vec<i32> = meeting.items.iter().filter_map(|i| i.paragraph).collect();
    let span = match (paragraphs.iter().min(), paragraphs.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("§ {a}"),
        (Some(a), Some(b)) => format!("§§ {a}–{b}"),
        _ => String::new(),
    };
    c.fields(&[
        (w.t("Datum", "Date"), long_date(&meeting.date, w)),
        (w.t("Tid", "Time"), time_span(&meeting.start_time, &meeting.end_time, w)),
        (w.t("Plats", "Place"), meeting.place.clone()),
        (w.t("Diarienummer", "Case number"), meeting.case_number.clone()),
        (w.t("Paragrafer", "Paragraphs"), span),
        (w.t("Justerare", "Checked by"), meeting.minutes_checker.clone()),
    ]);
    let person_row =
        |p: &crate::domain::MeetingPerson| vec![p.name.clone(), p.organisation.clone(), p.role.label(w.0).into()];
    let columns = || people_columns(w);
    let present: Vec<Vec<String>> =
        meeting.people.iter().filter(|p| p.attended == Some(true)).map(person_row).collect();
    let absent: Vec<Vec<String>> =
        meeting.people.iter().filter(|p| p.attended == Some(false)).map(person_row).collect();
    let unknown: Vec<Vec<String>> = meeting.people.iter().filter(|p| p.attended.is_none()).map(person_row).collect();
    c.heading(w.t("Närvarande", "Present"), 1);
    if present.is_empty() {
        c.muted(w.t("Närvaron är inte antecknad.", "Attendance has not been taken."));
    } else {
        c.table("", &columns(), &present);
    }
    if !absent.is_empty() {
        c.heading(w.t("Frånvarande", "Absent"), 2);
        c.table("", &columns(), &absent);
    }
    if !unknown.is_empty() && !present.is_empty() {
        c.heading(w.t("Närvaro ej antecknad", "Attendance not taken"), 2);
        c.table("", &columns(), &unknown);
    }
    for i in 0..meeting.items.len() {
        paragraph_section(c, cx, i, true);
    }
    c.rule();
    c.heading(w.t("Underskrifter", "Signatures"), 1);
    let mut signers = Vec::new();
    if let Some(chair) = cx.person(PersonRole::Chair) {
        signers.push((chair, w.t("Ordförande", "Chair").to_string()));
    }
    if let Some(secretary) = cx.person(PersonRole::Secretary) {
        signers.push((secretary, w.t("Sekreterare", "Secretary").to_string()));
    }
    if !meeting.minutes_checker.is_empty() {
        signers.push((meeting.minutes_checker.clone(), w.t("Justerare", "Checked by").to_string()));
    }
    c.signatures(&signers);
    c.space(6.0);
    match (&meeting.approved_at, &meeting.approved_by) {
        (Some(at), by) => {
            let date = swedish_date(at);
            let by = by.clone().unwrap_or_default();
            c.paragraph(&format!(
                "{} {date} {} {by}.",
                w.t("Protokollet justerades", "The minutes were approved on"),
                w.t("av", "by")
            ));
        }
        _ => c.muted(w.t("Protokollet är inte justerat.", "The minutes have not been approved.")),
    }
    if !m.profile.signature_text.trim().is_empty() {
        c.muted(&m.profile.signature_text);
    }
    if !m.corrections.is_empty() {
        c.heading(w.t("Rättelser efter justering", "Corrections after approval"), 1);
        c.paragraph(w.t(
            "Följande ändringar har gjorts efter att protokollet justerades. Ändringarna syns ovan; här står vad som ändrades, när och av vem.",
            "The following changes were made after the minutes were approved. The text above shows them; here is what changed, when and by whom.",
        ));
        let rows: Vec<Vec<String>> = m
            .corrections
            .iter()
            .map(|change| {
                let what = change
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{}: «{}» → «{}»",
                            f.field,
                            f.old.clone().unwrap_or_default(),
                            f.new.clone().unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![swedish_date(&change.at), change.by.clone(), what]
            })
            .collect();
        c.table(
            "",
            &[
                Column::left(w.t("Datum", "Date"), 1.4),
                Column::left(w.t("Av", "By"), 1.8),
                Column::left(w.t("Ändring", "Change"), 6.0),
            ],
            &rows,
        );
    }
}

fn extract(c: &mut Composer, cx: &Context, i: usize) {
    let (m, w) = (cx.m, cx.w);
    let meeting = &m.meeting;
    let item = &meeting.items[i];
    let mut running =
        cx.running(w.t("Protokollsutdrag", "Extract from the minutes"), &meeting.case_number, item.confidential);
    if !meeting.is_approved() {
        running.note = w.t("Utkast – ej justerat", "Draft – not approved").into();
    }
    c.start(running);
    c.bookmark(&item.title, 0);
    c.title(&format!("{} – {}", w.t("Protokollsutdrag", "Extract from the minutes"), meeting.body));
    c.fields(&[
        (w.t("Sammanträde", "Meeting"), format!("{} {}", meeting.body, long_date(&meeting.date, w))),
        (w.t("Diarienummer", "Case number"), item.case_number.clone()),
        (
            w.t("Justerat", "Approved"),
            meeting.approved_at.as_deref().map(|a| a.get(..10).unwrap_or(a).to_string()).unwrap_or_default(),
        ),
    ]);
    paragraph_section(c, cx, i, false);
    c.space(10.0);
    c.paragraph(w.t("Rätt utdraget intygar", "Certified a true extract"));
    let secretary = cx.person(PersonRole::Secretary).unwrap_or_default();
    c.signatures(&[(secretary, w.t("Sekreterare", "Secretary").to_string())]);
    if !meeting.is_approved() {
        c.muted(w.t(
            "Protokollet är inte justerat; utdraget är ett utkast.",
            "The minutes are not approved; this extract is a draft.",
        ));
    }
}
