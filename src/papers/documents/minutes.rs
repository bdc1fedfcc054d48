//! The minutes and the extract from them.

use super::agenda::people_columns;
use super::{Context, Words, lines, long_date, swedish_date, time_span, valuation_line};
use crate::domain::{DecisionOutcome, PersonRole};
use crate::papers::compose;
use crate::papers::compose::{Column, Composer};
use crate::papers::fonts::Face;

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
    if let Some(valuation) = valuation_line(cx, item) {
        c.paragraph(&valuation);
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

pub(super) fn minutes(c: &mut Composer, cx: &Context) {
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
        (w.t("Datum", "Date"), long_date(meeting.date, w)),
        (w.t("Tid", "Time"), time_span(&meeting.start_time, &meeting.end_time, w)),
        (w.t("Plats", "Place"), meeting.place.clone()),
        (w.t("Diarienummer", "Case number"), meeting.case_number.clone()),
        (w.t("Paragrafer", "Paragraphs"), span),
        (w.t("Justerare", "Checked by"), meeting.minutes_checker.clone()),
    ]);
    attendance(c, cx);
    for i in 0..meeting.items.len() {
        paragraph_section(c, cx, i, true);
    }
    signatures(c, cx);
    corrections(c, cx);
}

/// Who was present, absent, and not noted, as tables.
fn attendance(c: &mut Composer, cx: &Context) {
    let (meeting, w) = (&cx.m.meeting, cx.w);
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
}

/// The signatures and whether, when and by whom the minutes were approved.
fn signatures(c: &mut Composer, cx: &Context) {
    let (m, w) = (cx.m, cx.w);
    let meeting = &m.meeting;
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
}

/// The corrections made after approval, in words: which paragraph, which field by its label, old and new, when
/// (Swedish time) and by whom.
fn corrections(c: &mut Composer, cx: &Context) {
    let (m, w) = (cx.m, cx.w);
    if m.corrections.is_empty() {
        return;
    }
    c.heading(w.t("Rättelser efter justering", "Corrections after approval"), 1);
    c.paragraph(w.t(
        "Följande ändringar har gjorts efter att protokollet justerades. Ändringarna syns ovan; här står vad som ändrades, när och av vem.",
        "The following changes were made after the minutes were approved. The text above shows them; here is what changed, when and by whom.",
    ));
    let rows: Vec<Vec<String>> = m
        .corrections
        .iter()
        .map(|change| {
            let what =
                change.fields.iter().flat_map(|f| correction_lines(change.entity, f, w)).collect::<Vec<_>>().join("\n");
            let when = change.at.parse::<crate::time::Timestamp>().map_or_else(
                |_| change.at.clone(),
                |at| crate::time::local_datetime(at).format("%Y-%m-%d %H.%M").to_string(),
            );
            vec![when, paragraph_of(cx, change), what, change.by.clone()]
        })
        .collect();
    c.table(
        "",
        &[
            Column::left(w.t("När", "When"), 1.7),
            Column::left(w.t("Paragraf", "Paragraph"), 1.2),
            Column::left(w.t("Ändring", "Change"), 5.4),
            Column::left(w.t("Av", "By"), 1.7),
        ],
        &rows,
    );
}

/// The paragraph a corrected decision belongs to ("§ 34"), or the meeting itself.
fn paragraph_of(cx: &Context, change: &crate::store::Change) -> String {
    let w = cx.w;
    if change.entity != crate::domain::Entity::Decision {
        return w.t("Sammanträdet", "The meeting").to_string();
    }
    let item = cx.m.decisions.values().find(|d| d.id == change.record_id).map(|d| d.item_id);
    let index = item.and_then(|id| cx.m.meeting.items.iter().position(|i| i.id == id));
    match index.map(|i| (i, cx.m.meeting.items[i].paragraph)) {
        Some((_, Some(p))) => format!("§ {p}"),
        Some((i, None)) => format!("{} {}", w.t("Ärende", "Item"), i + 1),
        None => w.t("Beslut", "Decision").to_string(),
    }
}

/// A field of a meeting or a decision by its label in the minutes.
fn field_label(entity: crate::domain::Entity, field: &str, w: Words) -> String {
    use crate::domain::Entity;
    let (sv, en) = match (entity, field) {
        (Entity::Decision, "outcome") => ("Beslut", "Outcome"),
        (Entity::Decision, "text") => ("Beslutstext", "Decision text"),
        (Entity::Decision, "notes") => ("Protokollsanteckning", "Note to the minutes"),
        (Entity::Decision, "budget_chosen") => ("Valt i budgetunderlaget", "Chosen in the budget material"),
        (Entity::Decision, "budget_not_chosen") => {
            ("Inte valt i budgetunderlaget", "Not chosen in the budget material")
        }
        (_, "body") => ("Organ", "Body"),
        (_, "date") => ("Datum", "Date"),
        (_, "time") => ("Tid", "Time"),
        (_, "place") => ("Plats", "Place"),
        (_, "link") => ("Länk", "Link"),
        (_, "case_number") => ("Diarienummer", "Case number"),
        (_, "absence_contact") => ("Anmälan av förhinder", "Notify absence to"),
        (_, "minutes_checker") => ("Justerare", "Checked by"),
        (_, "criteria_set_id") => ("Kriterieuppsättning", "Criteria set"),
        (_, "people") => ("Kallade", "Called"),
        (_, "items") => ("Ärende på dagordningen", "Agenda item"),
        _ => return field.to_string(),
    };
    w.t(sv, en).to_string()
}

/// What a field's change says, in words: "Beslutstext ändrades från «…» till «…»". A decision's outcome is named as
/// the minutes name it; of the agenda, only the items that changed.
fn correction_lines(entity: crate::domain::Entity, field: &crate::store::FieldChange, w: Words) -> Vec<String> {
    let label = field_label(entity, &field.field, w);
    let shown = |value: &Option<String>| -> Option<String> {
        let value = value.as_deref()?;
        Some(match (entity, field.field.as_str()) {
            (crate::domain::Entity::Decision, "outcome") => {
                DecisionOutcome::from_key(value).map_or(value.to_string(), |o| o.label(w.0).to_string())
            }
            _ => value.to_string(),
        })
    };
    let sentence = |old: Option<String>, new: Option<String>| match (old, new) {
        (Some(old), Some(new)) => {
            format!("{label} {} «{old}» {} «{new}»", w.t("ändrades från", "changed from"), w.t("till", "to"))
        }
        (None, Some(new)) => format!("{label} {}: «{new}»", w.t("lades till", "added")),
        (Some(old), None) => format!("{label} {} «{old}»", w.t("togs bort, var", "removed, was")),
        (None, None) => label.clone(),
    };
    if field.field == "items" {
        // The agenda is kept as one text, an item per "; ": name only the items that differ.
        let split = |v: &Option<String>| -> Vec<String> {
            v.as_deref().map(|t| t.split("; ").map(str::to_string).collect()).unwrap_or_default()
        };
        let (old, new) = (split(&field.old), split(&field.new));
        let count = old.len().max(new.len());
        return (0..count)
            .filter(|&i| old.get(i) != new.get(i))
            .map(|i| sentence(old.get(i).cloned(), new.get(i).cloned()))
            .collect();
    }
    vec![sentence(shown(&field.old), shown(&field.new))]
}

pub(super) fn extract(c: &mut Composer, cx: &Context, i: usize) {
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
        (w.t("Sammanträde", "Meeting"), format!("{} {}", meeting.body, long_date(meeting.date, w))),
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
