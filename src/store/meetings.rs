//! Meetings with their people and agenda items, decisions, and attachments.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::record::{
    Stored, date_column, exists, id_or_new, insert_sql, key_column, record_id, select_all, select_all_filled,
    select_one, select_one_filled, update_sql,
};
use crate::domain::{
    AgendaItem, Attachment, DecidedLine, Decision, DecisionOutcome, Id, ItemKind, ItemRef, Meeting, MeetingPerson,
    PersonRole, Problems, Reason, Rule,
};
use crate::error::Result;
use crate::time::date_text;

const COLUMNS: &str = "id, body, date, start_time, end_time, place, link, case_number, absence_contact, \
    minutes_checker, criteria_set_id, approved_at, approved_by";

/// The values of [`COLUMNS`], in order.
fn values(meeting: &Meeting) -> [Value; 13] {
    [
        id_or_new(meeting.id).into(),
        meeting.body.clone().into(),
        date_text(meeting.date).into(),
        meeting.start_time.clone().into(),
        meeting.end_time.clone().into(),
        meeting.place.clone().into(),
        meeting.link.clone().into(),
        meeting.case_number.clone().into(),
        meeting.absence_contact.clone().into(),
        meeting.minutes_checker.clone().into(),
        meeting.criteria_set_id.into(),
        meeting.approved_at.clone().into(),
        meeting.approved_by.clone().into(),
    ]
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: row.get(0)?,
        body: row.get(1)?,
        date: date_column(row, 2)?,
        start_time: row.get(3)?,
        end_time: row.get(4)?,
        place: row.get(5)?,
        link: row.get(6)?,
        case_number: row.get(7)?,
        absence_contact: row.get(8)?,
        minutes_checker: row.get(9)?,
        criteria_set_id: row.get(10)?,
        people: Vec::new(),
        items: Vec::new(),
        approved_at: row.get(11)?,
        approved_by: row.get(12)?,
    })
}

const ITEM_COLUMNS: &str = "id, kind, title, case_number, presenter, officer, initiative_id, service_id, \
    proposed_decision, summary, background, assessment, confidential, paragraph, deviation_id, scenario_id, valuation";

fn fill(conn: &Connection, meeting: &mut Meeting) -> Result<()> {
    let mut people = conn.prepare_cached(
        "SELECT name, organisation, role, attended, member_id FROM meeting_person WHERE meeting_id = ?1 ORDER BY position",
    )?;
    meeting.people = people
        .query_map([meeting.id], |r| {
            Ok(MeetingPerson {
                name: r.get(0)?,
                organisation: r.get(1)?,
                role: key_column(r, 2, PersonRole::from_key)?,
                attended: r.get(3)?,
                member_id: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut items = conn
        .prepare_cached(&format!("SELECT {ITEM_COLUMNS} FROM agenda_item WHERE meeting_id = ?1 ORDER BY position"))?;
    meeting.items = items
        .query_map([meeting.id], |r| {
            Ok(AgendaItem {
                id: r.get(0)?,
                kind: key_column(r, 1, ItemKind::from_key)?,
                title: r.get(2)?,
                case_number: r.get(3)?,
                presenter: r.get(4)?,
                officer: r.get(5)?,
                initiative_id: r.get(6)?,
                service_id: r.get(7)?,
                proposed_decision: r.get(8)?,
                summary: r.get(9)?,
                background: r.get(10)?,
                assessment: r.get(11)?,
                confidential: r.get(12)?,
                paragraph: r.get(13)?,
                deviation_id: r.get(14)?,
                scenario_id: r.get(15)?,
                valuation: r.get(16)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// Writes people and items; items keep their ids (new ones get ids); removed items are deleted. Paragraph
/// numbers are the portfolio's, not the caller's: they are kept as stored (an import brings its own).
fn write_lists(conn: &Connection, meeting: &Meeting, keep_paragraphs_from_file: bool) -> Result<()> {
    conn.execute("DELETE FROM meeting_person WHERE meeting_id = ?1", [meeting.id])?;
    for (position, p) in meeting.people.iter().enumerate() {
        conn.execute(
            "INSERT INTO meeting_person (meeting_id, position, name, organisation, role, attended, member_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![meeting.id, position as i64, p.name, p.organisation, p.role.key(), p.attended, p.member_id],
        )?;
    }
    let kept: Vec<Id> = meeting.items.iter().map(|i| i.id).filter(|&id| id != 0).collect();
    let mut stored = conn.prepare("SELECT id FROM agenda_item WHERE meeting_id = ?1")?;
    let old: Vec<Id> = stored.query_map([meeting.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in old.iter().filter(|id| !kept.contains(id)) {
        conn.execute("DELETE FROM agenda_item WHERE id = ?1", [id])?;
    }
    let year = meeting.year();
    for (position, item) in meeting.items.iter().enumerate() {
        let exists = item.id != 0 && old.contains(&item.id);
        let values = params![
            id_or_new(item.id),
            meeting.id,
            position as i64,
            item.kind.key(),
            item.title,
            item.case_number,
            item.presenter,
            item.officer,
            item.initiative_id,
            item.service_id,
            item.proposed_decision,
            item.summary,
            item.background,
            item.assessment,
            item.confidential,
            item.deviation_id,
            item.scenario_id,
            item.valuation
        ];
        if exists {
            conn.execute(
                "UPDATE agenda_item SET meeting_id = ?2, position = ?3, kind = ?4, title = ?5, case_number = ?6,
                 presenter = ?7, officer = ?8, initiative_id = ?9, service_id = ?10, proposed_decision = ?11,
                 summary = ?12, background = ?13, assessment = ?14, confidential = ?15, deviation_id = ?16,
                 scenario_id = ?17, valuation = ?18 WHERE id = ?1",
                values,
            )?;
        } else {
            conn.execute(
                "INSERT INTO agenda_item (id, meeting_id, position, kind, title, case_number, presenter, officer,
                 initiative_id, service_id, proposed_decision, summary, background, assessment, confidential,
                 deviation_id, scenario_id, valuation)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                values,
            )?;
            if keep_paragraphs_from_file && let Some(paragraph) = item.paragraph {
                conn.execute(
                    "UPDATE agenda_item SET paragraph = ?2, paragraph_year = ?3 WHERE id = ?1",
                    params![conn.last_insert_rowid(), paragraph, year],
                )?;
            }
        }
    }
    Ok(())
}

/// The meeting an agenda item belongs to.
pub(crate) fn meeting_of_item(conn: &Connection, item: Id) -> Result<Option<Id>> {
    Ok(conn.query_row("SELECT meeting_id FROM agenda_item WHERE id = ?1", [item], |r| r.get(0)).optional()?)
}

/// Gives every item of the meeting without a § the next numbers of the body's year, in agenda order.
pub(crate) fn number_paragraphs(conn: &Connection, meeting: &Meeting) -> Result<()> {
    let year = meeting.year();
    let last: i32 = conn.query_row(
        "SELECT COALESCE(MAX(a.paragraph), 0) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
         WHERE m.body = ?1 AND a.paragraph_year = ?2",
        params![meeting.body, year],
        |r| r.get(0),
    )?;
    for (next, item) in (last + 1..).zip(meeting.items.iter().filter(|i| i.paragraph.is_none())) {
        conn.execute(
            "UPDATE agenda_item SET paragraph = ?2, paragraph_year = ?3 WHERE id = ?1",
            params![item.id, next, year],
        )?;
    }
    Ok(())
}

pub(crate) fn set_approval(conn: &Connection, meeting: Id, at: &str, by: &str) -> Result<()> {
    conn.execute("UPDATE meeting SET approved_at = ?2, approved_by = ?3 WHERE id = ?1", params![meeting, at, by])?;
    Ok(())
}

fn approved(conn: &Connection, meeting: Id) -> Result<bool> {
    Ok(conn
        .query_row("SELECT approved_at IS NOT NULL FROM meeting WHERE id = ?1", [meeting], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

impl Stored for Meeting {
    const TABLE: &'static str = "meeting";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all_filled(conn, (Self::TABLE, COLUMNS, "date DESC, id"), from_row, fill)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one_filled(conn, (Self::TABLE, COLUMNS, id), from_row, fill)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if let Some(set) = self.criteria_set_id
            && !exists(conn, "criteria_set", set)?
        {
            problems.add("criteria_set_id", Rule::UnknownReference);
        }
        for (i, p) in self.people.iter().enumerate() {
            if let Some(member) = p.member_id
                && !exists(conn, "member", member)?
            {
                problems.add(format!("people[{i}].member_id"), Rule::UnknownReference);
            }
        }
        for (i, item) in self.items.iter().enumerate() {
            let references = [
                ("initiative_id", "initiative", item.initiative_id),
                ("service_id", "service", item.service_id),
                ("deviation_id", "deviation", item.deviation_id),
                ("scenario_id", "scenario", item.scenario_id),
            ];
            for (field, table, reference) in references {
                if let Some(id) = reference
                    && !exists(conn, table, id)?
                {
                    problems.add(format!("items[{i}].{field}"), Rule::UnknownReference);
                }
            }
            if item.id != 0 && meeting_of_item(conn, item.id)?.is_some_and(|m| m != self.id) {
                problems.add(format!("items[{i}]"), Rule::UnknownReference);
            }
        }
        // An item with a decision cannot be removed.
        if self.id != 0 {
            let kept: Vec<Id> = self.items.iter().map(|i| i.id).collect();
            let mut decided = conn.prepare(
                "SELECT a.id FROM agenda_item a JOIN decision d ON d.item_id = a.id WHERE a.meeting_id = ?1",
            )?;
            let ids: Vec<Id> = decided.query_map([self.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if ids.iter().any(|id| !kept.contains(id)) {
                problems.add("items", Rule::NotAllowed { reason: Reason::ItemHasDecision });
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        Meeting::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(&insert_sql(Self::TABLE, COLUMNS), params_from_iter(values(self)))?;
        let id = conn.last_insert_rowid();
        // A new meeting starts without paragraphs, unless it comes from a file (an import keeps its ids).
        write_lists(conn, &Meeting { id, ..self.clone() }, self.id != 0)?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        // Approval is set by approving the minutes, never by saving the meeting: its two columns, the last, are left.
        let saved = COLUMNS.split(", ").count() - 2;
        let columns = COLUMNS.split(", ").take(saved).collect::<Vec<_>>().join(", ");
        conn.execute(&update_sql(Self::TABLE, &columns), params_from_iter(values(self).into_iter().take(saved)))?;
        write_lists(conn, self, false)
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT 'decision: ' || a.title FROM decision d JOIN agenda_item a ON a.id = d.item_id WHERE a.meeting_id = ?1",
        )?;
        Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }
}

const DECISION_COLUMNS: &str = "id, item_id, outcome, text, notes";

fn decision_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Decision> {
    Ok(Decision {
        id: row.get(0)?,
        item_id: row.get(1)?,
        outcome: key_column(row, 2, DecisionOutcome::from_key)?,
        text: row.get(3)?,
        notes: row.get(4)?,
        budget_lines: Vec::new(),
    })
}

/// A decision with the budget material lines it keeps.
fn with_lines(conn: &Connection, mut decision: Decision) -> Result<Decision> {
    decision.budget_lines = lines_of(conn, decision.id)?;
    Ok(decision)
}

/// The decision on an agenda item, if recorded.
pub(crate) fn decision_of_item(conn: &Connection, item: Id) -> Result<Option<Id>> {
    Ok(conn.query_row("SELECT id FROM decision WHERE item_id = ?1", [item], |r| r.get(0)).optional()?)
}

impl Stored for Decision {
    const TABLE: &'static str = "decision";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "decision", DECISION_COLUMNS, "id", decision_from_row)?
            .into_iter()
            .map(|d| with_lines(conn, d))
            .collect()
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "decision", DECISION_COLUMNS, id, decision_from_row)?.map(|d| with_lines(conn, d)).transpose()
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "agenda_item", self.item_id)? {
            problems.add("item_id", Rule::UnknownReference);
        } else if decision_of_item(conn, self.item_id)?.is_some_and(|id| id != self.id) {
            problems.add("item_id", Rule::Duplicate);
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            &format!("INSERT INTO decision ({DECISION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"),
            params![id_or_new(self.id), self.item_id, self.outcome.key(), self.text, self.notes],
        )?;
        let id = conn.last_insert_rowid();
        write_lines(conn, id, &self.budget_lines)?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE decision SET item_id = ?2, outcome = ?3, text = ?4, notes = ?5 WHERE id = ?1",
            params![self.id, self.item_id, self.outcome.key(), self.text, self.notes],
        )?;
        write_lines(conn, self.id, &self.budget_lines)
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        // Approved minutes keep their decisions: a change is a correction, a removal is not allowed.
        let item: Option<Id> =
            conn.query_row("SELECT item_id FROM decision WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match item.map(|i| meeting_of_item(conn, i)).transpose()?.flatten() {
            Some(meeting) if approved(conn, meeting)? => Ok(vec!["approved minutes".into()]),
            _ => Ok(Vec::new()),
        }
    }
}

const ATTACHMENT_COLUMNS: &str = "id, item_id, name, media_type, data";

fn attachment_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: row.get(0)?,
        item_id: row.get(1)?,
        name: row.get(2)?,
        media_type: row.get(3)?,
        data: row.get(4)?,
    })
}

/// The attachments of items, by item id, in order (without reading the files of other items).
pub(crate) fn attachments_of(conn: &Connection, items: &[Id]) -> Result<HashMap<Id, Vec<Attachment>>> {
    let mut out: HashMap<Id, Vec<Attachment>> = HashMap::new();
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachment WHERE item_id = ?1 ORDER BY position, id"
    ))?;
    for item in items {
        let list = statement.query_map([item], attachment_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        out.insert(*item, list);
    }
    Ok(out)
}

impl Stored for Attachment {
    const TABLE: &'static str = "attachment";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "attachment", ATTACHMENT_COLUMNS, "id", attachment_from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "attachment", ATTACHMENT_COLUMNS, id, attachment_from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "agenda_item", self.item_id)? {
            problems.add("item_id", Rule::UnknownReference);
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        let position: i64 = conn.query_row(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM attachment WHERE item_id = ?1",
            [self.item_id],
            |r| r.get(0),
        )?;
        conn.execute(
            "INSERT INTO attachment (id, item_id, position, name, media_type, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id_or_new(self.id), self.item_id, position, self.name, self.media_type, self.data],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE attachment SET item_id = ?2, name = ?3, media_type = ?4, data = ?5 WHERE id = ?1",
            params![self.id, self.item_id, self.name, self.media_type, self.data],
        )?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}

/// Whether `item` is chosen in budget material the group has decided to send: a decision that prioritises (or
/// decides) an agenda item about a scenario and keeps the item as chosen.
pub(crate) fn chosen_in_sent_budget_material(conn: &Connection, item: &ItemRef) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM decided_budget_line l JOIN decision d ON d.id = l.decision_id
             WHERE l.item = ?1 AND l.chosen = 1 AND d.outcome IN ('prioriterad', 'beslutad'))",
        [item.to_string()],
        |r| r.get(0),
    )?)
}

/// The lines a decision kept, in order.
pub(crate) fn lines_of(conn: &Connection, decision: Id) -> Result<Vec<DecidedLine>> {
    let mut statement = conn.prepare_cached(
        "SELECT item, label, chosen FROM decided_budget_line WHERE decision_id = ?1 ORDER BY position",
    )?;
    let rows = statement.query_map([decision], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (item, label, chosen) = row?;
        let item = item.parse::<ItemRef>().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("item {item}").into())
        })?;
        out.push(DecidedLine { item, label, chosen });
    }
    Ok(out)
}

/// Replaces the lines a decision keeps.
pub(crate) fn write_lines(conn: &Connection, decision: Id, lines: &[DecidedLine]) -> Result<()> {
    conn.execute("DELETE FROM decided_budget_line WHERE decision_id = ?1", [decision])?;
    for (position, line) in lines.iter().enumerate() {
        conn.execute(
            "INSERT INTO decided_budget_line (decision_id, position, item, label, chosen) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![decision, position as i64, line.item.to_string(), line.label, line.chosen],
        )?;
    }
    Ok(())
}
