//! The meeting packet: contents, notice, and each item's memo followed by its attachments.

use super::agenda::notice;
use super::memo::memo;
use super::{Context, has_memo, long_date, time_span};
use crate::domain::Attachment;
use crate::papers::compose::{Composer, ForeignPage};
use crate::papers::{PaperRequest, compose};

/// The packet: contents, notice, and each item's memo followed by its attachments.
pub(super) fn packet(c: &mut Composer, cx: &Context, request: &PaperRequest) {
    let w = cx.w;
    let mut body = Composer::new(c.fonts, c.font_ids());
    body.set_language(cx.w.0);
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
            (w.t("Datum", "Date"), long_date(cx.m.meeting.date, w)),
            (w.t("Tid", "Time"), time_span(&cx.m.meeting.start_time, &cx.m.meeting.end_time, w)),
            (w.t("Plats", "Place"), cx.m.meeting.place.clone()),
        ]);
        target.heading(w.t("Innehåll", "Contents"), 1);
        for entry in &entries {
            target.contents_line(&entry.title, entry.level, entry.page + offset, entry.page + offset + 1);
        }
    };
    let mut trial = Composer::new(c.fonts, c.font_ids());
    trial.set_language(cx.w.0);
    contents(0, &mut trial);
    let offset = trial.pages.len();
    contents(offset, c);
    c.append(body);
}
