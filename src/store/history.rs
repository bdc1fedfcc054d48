//! The change history: who changed which field of which record, when, from what to what.
//! Rows are only ever added. Reference fields are stored by name as they were at the time.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Stamp;
use crate::domain::{AuditValue, Audited, Entity, Id, ItemRef, Referent};
use crate::error::Result;

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
    /// Created by importing a whole portfolio.
    Import,
}

impl Action {
    fn key(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Import => "import",
        }
    }

    fn from_key(key: &str) -> Action {
        match key {
            "create" => Action::Create,
            "delete" => Action::Delete,
            "import" => Action::Import,
            _ => Action::Update,
        }
    }
}

/// One field's change. `None` where the field had no value (before a create, after a delete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Why a change is made, kept with it: a note ("§ 40: …", "Svar från …"), the decision of the group that made it,
/// and the change it reverses when a step is undone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Why {
    pub note: String,
    pub decision: Option<Id>,
    pub undoes: Option<Id>,
}

impl Why {
    pub fn note(note: impl Into<String>) -> Why {
        Why { note: note.into(), ..Why::default() }
    }
}

/// One change of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub id: Id,
    /// RFC 3339, UTC.
    pub at: String,
    pub by: String,
    pub entity: Entity,
    pub record_id: Id,
    pub record_label: String,
    pub action: Action,
    pub note: String,
    /// The decision of the group (recorded at a meeting) that made the change.
    pub decision_id: Option<Id>,
    /// The change this one reverses (a step undone).
    pub undoes: Option<Id>,
    pub fields: Vec<FieldChange>,
}

/// Resolves a field value to the text the history keeps.
fn resolve(conn: &Connection, value: &AuditValue) -> Result<String> {
    Ok(match value {
        AuditValue::Text(text) => text.clone(),
        AuditValue::Reference(_, None) => String::new(),
        AuditValue::Reference(entity, Some(id)) => name_of(conn, *entity, *id)?,
        AuditValue::References(entity, ids) => {
            let mut names = Vec::with_capacity(ids.len());
            for id in ids {
                names.push(name_of(conn, *entity, *id)?);
            }
            names.join(", ")
        }
        AuditValue::Items(items) => {
            let mut names = Vec::with_capacity(items.len());
            for item in items {
                let (referent, id) = match *item {
                    ItemRef::Initiative(id) => (Referent::Initiative, id),
                    ItemRef::Service(id) => (Referent::Service, id),
                };
                names.push(name_of(conn, referent, id)?);
            }
            names.join(", ")
        }
    })
}

fn name_of(conn: &Connection, referent: Referent, id: Id) -> Result<String> {
    let sql = match referent {
        Referent::Organisation => "SELECT name FROM organisation WHERE id = ?1",
        Referent::Provider => "SELECT name FROM provider WHERE id = ?1",
        Referent::Service => "SELECT name FROM service WHERE id = ?1",
        Referent::Initiative => "SELECT case_number || ' ' || title FROM initiative WHERE id = ?1",
        Referent::Member => "SELECT name FROM member WHERE id = ?1",
        Referent::CriteriaSet => "SELECT name FROM criteria_set WHERE id = ?1",
        Referent::Criterion => "SELECT name FROM criterion WHERE id = ?1",
        Referent::Gate => "SELECT name FROM gate WHERE id = ?1",
    };
    let name: Option<String> = conn.query_row(sql, [id], |row| row.get(0)).optional()?;
    Ok(name.unwrap_or_else(|| format!("#{id}")))
}

/// The record's label with the record it names (if any) by name: "Årlig analys 2026 (Intraservice)".
pub(crate) fn label_of<T: Audited>(conn: &Connection, record: &T) -> Result<String> {
    Ok(match record.label_names() {
        Some((referent, id)) => format!("{} ({})", record.label(), name_of(conn, referent, id)?),
        None => record.label(),
    })
}

fn resolved<T: Audited>(conn: &Connection, record: &T) -> Result<Vec<(&'static str, String)>> {
    record.audit().into_iter().map(|(field, value)| Ok((field, resolve(conn, &value)?))).collect()
}

/// Records the change from `old` to `new` (either may be absent for a create or a delete). Writes nothing when no
/// field differs. Call it after the write for creates and updates and before it for deletes, so references resolve.
pub(crate) fn record<T: Audited>(
    conn: &Connection,
    stamp: &Stamp,
    action: Action,
    why: &Why,
    old: Option<&T>,
    new: Option<&T>,
) -> Result<()> {
    let Some(subject) = new.or(old) else {
        return Ok(());
    };
    let before = old.map(|r| resolved(conn, r)).transpose()?;
    let after = new.map(|r| resolved(conn, r)).transpose()?;
    let mut fields = Vec::new();
    let count = before.as_ref().or(after.as_ref()).map_or(0, Vec::len);
    for i in 0..count {
        let field = before.as_ref().or(after.as_ref()).map(|v| v[i].0).unwrap_or_default();
        let old_value = before.as_ref().map(|v| v[i].1.clone()).filter(|v| !v.is_empty());
        let new_value = after.as_ref().map(|v| v[i].1.clone()).filter(|v| !v.is_empty());
        if old_value != new_value {
            fields.push((field, old_value, new_value));
        }
    }
    if fields.is_empty() && action == Action::Update {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO change (at, by, entity, record_id, record_label, action, note, decision_id, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            stamp.at.to_string(),
            stamp.by,
            T::ENTITY.key(),
            subject.id(),
            label_of(conn, subject)?,
            action.key(),
            why.note,
            why.decision,
            why.undoes
        ],
    )?;
    let change_id = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached(
        "INSERT INTO change_field (change_id, position, field, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, (field, old_value, new_value)) in fields.into_iter().enumerate() {
        insert.execute(params![change_id, position as i64, field, old_value, new_value])?;
    }
    Ok(())
}

/// Records an event that is not a change of the record's own fields but belongs in its history, as one field
/// with its new value: a decision of the group on an agenda item about a shared service, with the § in `note`.
pub(crate) fn record_event(
    conn: &Connection,
    stamp: &Stamp,
    (entity, id, label): (Entity, Id, &str),
    why: &Why,
    (field, value): (&str, &str),
) -> Result<()> {
    conn.execute(
        "INSERT INTO change (at, by, entity, record_id, record_label, action, note, decision_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![stamp.at.to_string(), stamp.by, entity.key(), id, label, Action::Update.key(), why.note, why.decision],
    )?;
    conn.execute(
        "INSERT INTO change_field (change_id, position, field, old_value, new_value) VALUES (?1, 0, ?2, NULL, ?3)",
        params![conn.last_insert_rowid(), field, value],
    )?;
    Ok(())
}

/// The changes that match `filter` (an SQL condition on `change`), newest first, at most `limit`.
fn changes(conn: &Connection, filter: &str, args: &[&dyn rusqlite::ToSql], limit: i64) -> Result<Vec<Change>> {
    let sql = format!(
        "SELECT id, at, by, entity, record_id, record_label, action, note, decision_id, undoes FROM change \
         WHERE {filter} ORDER BY id DESC LIMIT {limit}"
    );
    let mut statement = conn.prepare(&sql)?;
    let mut list = statement
        .query_map(args, |row| {
            let entity: String = row.get(3)?;
            let action: String = row.get(6)?;
            Ok(Change {
                id: row.get(0)?,
                at: row.get(1)?,
                by: row.get(2)?,
                entity: Entity::from_key(&entity).unwrap_or(Entity::Initiative),
                record_id: row.get(4)?,
                record_label: row.get(5)?,
                action: Action::from_key(&action),
                note: row.get(7)?,
                decision_id: row.get(8)?,
                undoes: row.get(9)?,
                fields: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut fields = conn.prepare_cached(
        "SELECT field, old_value, new_value FROM change_field WHERE change_id = ?1 ORDER BY position",
    )?;
    for change in &mut list {
        change.fields = fields
            .query_map([change.id], |row| Ok(FieldChange { field: row.get(0)?, old: row.get(1)?, new: row.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(list)
}

/// Every change of one record, newest first.
pub(crate) fn of_record(conn: &Connection, entity: Entity, id: Id) -> Result<Vec<Change>> {
    changes(conn, "entity = ?1 AND record_id = ?2", &[&entity.key(), &id], i64::MAX)
}

/// The latest changes of the whole portfolio, newest first.
pub(crate) fn recent(conn: &Connection, limit: i64) -> Result<Vec<Change>> {
    changes(conn, "1 = 1", &[], limit.max(0))
}
