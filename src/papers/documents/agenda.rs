//! The notice and its agenda.

use super::{Context, Words, lines, long_date, time_span, valuation_line};
use crate::domain::{AgendaItem, PersonRole};
use crate::papers::compose;
use crate::papers::compose::{Column, Composer};
use crate::papers::fonts::Face;

/// The notice and agenda. `depth` is the outline level it sits at (1 inside a packet).
pub(super) fn notice(c: &mut Composer, cx: &Context, depth: usize) {
    let (m, w) = (cx.m, cx.w);
    let meeting = &m.meeting;
    c.start(cx.running(w.t("Kallelse", "Notice"), &meeting.case_number, false));
    c.bookmark(w.t("Kallelse med dagordning", "Notice and agenda"), depth);
    c.title(&format!("{} – {}", w.t("Kallelse", "Notice"), meeting.body));
    c.fields(&[
        (w.t("Datum", "Date"), long_date(meeting.date, w)),
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
pub(super) fn people_columns(w: Words) -> [Column; 3] {
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
    if let Some(valuation) = valuation_line(cx, item) {
        c.text_block(left + indent, width, Face::Regular, size - 1.0, compose::INK, &valuation);
    }
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
