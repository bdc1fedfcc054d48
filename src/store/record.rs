//! What the store needs to know about each kind of record to read, check and write it. One implementation per
//! entity lives in its own module (`organisations.rs`, …), with its SQL.

use rusqlite::Connection;

use crate::domain::{Audited, Id, ItemRef, Problems, Security, SecurityLevel};
use crate::error::Result;

/// [`Stored::set_id`] for a record whose id is its field `id`: written once (issue 30), used in every `impl Stored`.
macro_rules! record_id {
    () => {
        fn set_id(&mut self, id: Id) {
            self.id = id;
        }
    };
}
pub(super) use record_id;

pub trait Stored: Audited + Sized {
    /// Every record, in the order lists show them.
    fn load_all(conn: &Connection) -> Result<Vec<Self>>;
    fn load(conn: &Connection, id: Id) -> Result<Option<Self>>;
    /// The rules that need no database (forms, ranges, combinations).
    fn check_alone(&self) -> Problems;
    /// The rules that need the other records: uniqueness and references.
    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()>;
    /// Canonical form before checking and writing (trimmed texts, sorted lists).
    fn normalise(&mut self) {}
    /// What a form leaves to the portfolio, filled in before a record is checked and written (after `normalise`):
    /// a deviation's default deadline from the parameters (an import writes the parameters before the deviations).
    fn complete(&mut self, _conn: &Connection) -> Result<()> {
        Ok(())
    }
    /// What a form's live check shows beside the rules a save checks (a yearly analysis: what its state needs,
    /// against the stored version, which a save asks only of a change of state); nothing by default.
    fn state_problems(&self, _conn: &Connection) -> Result<Problems> {
        Ok(Problems::new())
    }
    /// The table the record is stored in, one row per record with its id in `id`.
    const TABLE: &'static str;
    /// Written by [`record_id!`] for the records whose id is their field `id` (all of them).
    fn set_id(&mut self, id: Id);
    /// Inserts the record with its own id, or a new one when the id is 0. Returns the id.
    fn insert(&self, conn: &Connection) -> Result<Id>;
    fn update(&self, conn: &Connection) -> Result<()>;
    /// Deletes the record's row (its parts go with it: `ON DELETE CASCADE`).
    fn remove(conn: &Connection, id: Id) -> Result<()> {
        conn.execute(&format!("DELETE FROM {} WHERE id = ?1", Self::TABLE), [id])?;
        Ok(())
    }
    /// Labels of the records that refer to this one and keep it from being deleted.
    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>>;
    /// Rules about how a record may change, beyond what it is: `before` is the stored record (`None` when it is
    /// created). The initiative lifecycle lives here.
    fn guard_change(&self, _before: Option<&Self>, _conn: &Connection) -> Result<()> {
        Ok(())
    }
    /// The criteria set whose lock protects this record (its own set for scores, judgements, gate results).
    fn guarding_set(&self, _conn: &Connection) -> Result<Option<Id>> {
        Ok(None)
    }
    /// What a change of this record makes happen to other records (the writer applies them in the same
    /// transaction, each with its own history): a granted avsteg ends the organisation's use of the service.
    fn consequences(&self, _before: Option<&Self>) -> Vec<Consequence> {
        Vec::new()
    }
    /// The records this one refers to and can be broken by (an organisation's parent, a funding case's initiative
    /// or service, an analysis's services): where a change of those leaves this record broken, the change is named.
    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        Vec::new()
    }
}

/// A change a record's change makes to others ([`Stored::consequences`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consequence {
    /// The organisation no longer uses the service from the year: not its customer, and out of its funding case's
    /// customers from that year. `note` goes into both histories.
    EndsUseOfService { service: Id, organisation: Id, from_year: i32, note: String },
    /// The service becomes a tilläggstjänst (invoiced per unit). `note` goes into its history.
    RedefinedAsAdditional { service: Id, note: String },
}

/// Every row of `table`, in `order`, read by `from_row`.
pub(crate) fn select_all<T>(
    conn: &Connection,
    table: &str,
    columns: &str,
    order: &str,
    from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare(&format!("SELECT {columns} FROM {table} ORDER BY {order}"))?;
    Ok(statement.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The row of `table` with `id`, if any.
pub(crate) fn select_one<T>(
    conn: &Connection,
    table: &str,
    columns: &str,
    id: Id,
    from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    use rusqlite::OptionalExtension;
    let sql = format!("SELECT {columns} FROM {table} WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

/// The parts of a record kept in other tables (a meeting's agenda, a scenario's rules), read into it.
pub(crate) type Fill<T> = fn(&Connection, &mut T) -> Result<()>;

/// [`select_all`], each record then filled with its parts from other tables.
pub(crate) fn select_all_filled<T>(
    conn: &Connection,
    (table, columns, order): (&str, &str, &str),
    from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    fill: Fill<T>,
) -> Result<Vec<T>> {
    let mut list = select_all(conn, table, columns, order, from_row)?;
    for record in &mut list {
        fill(conn, record)?;
    }
    Ok(list)
}

/// [`select_one`], the record then filled with its parts from other tables.
pub(crate) fn select_one_filled<T>(
    conn: &Connection,
    (table, columns, id): (&str, &str, Id),
    from_row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    fill: Fill<T>,
) -> Result<Option<T>> {
    let Some(mut record) = select_one(conn, table, columns, id, from_row)? else {
        return Ok(None);
    };
    fill(conn, &mut record)?;
    Ok(Some(record))
}

/// Whether another record than `own_id` already has `value` in the unique `column` of `table`.
pub(crate) fn taken(conn: &Connection, table: &str, column: &str, value: &str, own_id: Id) -> Result<bool> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} = ?1 COLLATE NOCASE AND id <> ?2)");
    Ok(conn.query_row(&sql, rusqlite::params![value.trim(), own_id], |row| row.get(0))?)
}

/// Whether a record with `id` exists in `table`.
pub(crate) fn exists(conn: &Connection, table: &str, id: Id) -> Result<bool> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)");
    Ok(conn.query_row(&sql, [id], |row| row.get(0))?)
}

/// `Some(id)` for the SQL value of an id that 0 means "new".
pub(crate) fn id_or_new(id: Id) -> Option<Id> {
    (id != 0).then_some(id)
}

/// Reads a column of JSON text, failing the row when it is no such value.
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
}

/// Reads a calendar date stored as `YYYY-MM-DD`, failing the row when the text is no date (a file edited by hand).
pub(crate) fn date_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<crate::time::NaiveDate> {
    optional_date_column(row, index)?.ok_or_else(|| not_a_date(index, ""))
}

/// Reads a date that may be missing: the empty text (or NULL) is none.
pub(crate) fn optional_date_column(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<crate::time::NaiveDate>> {
    match row.get::<_, Option<String>>(index)?.as_deref() {
        None | Some("") => Ok(None),
        Some(text) => crate::time::parse_date(text).map(Some).ok_or_else(|| not_a_date(index, text)),
    }
}

/// Reads a JSON list of dates, each `YYYY-MM-DD`.
pub(crate) fn dates_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Vec<crate::time::NaiveDate>> {
    let texts: Vec<String> = json_column(row, index)?;
    texts.iter().map(|text| crate::time::parse_date(text).ok_or_else(|| not_a_date(index, text))).collect()
}

/// A list of dates as [`dates_column`] reads it.
pub(crate) fn dates_json(dates: &[crate::time::NaiveDate]) -> String {
    let texts: Vec<String> = dates.iter().map(|d| crate::time::date_text(*d)).collect();
    serde_json::to_string(&texts).expect("texts serialise")
}

fn not_a_date(index: usize, text: &str) -> rusqlite::Error {
    let message = format!("'{text}' is no date written YYYY-MM-DD");
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
}

/// Reads a vocabulary key from a column, failing the row when the key is unknown.
pub(crate) fn key_column<T>(
    row: &rusqlite::Row<'_>,
    index: usize,
    from_key: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let key: String = row.get(index)?;
    from_key(&key).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown key '{key}'").into(),
        )
    })
}

pub(crate) fn optional_key_column<T>(
    row: &rusqlite::Row<'_>,
    index: usize,
    from_key: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let key: Option<String> = row.get(index)?;
    key.map(|k| {
        from_key(&k).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                format!("unknown key '{k}'").into(),
            )
        })
    })
    .transpose()
}

/// Reads K/R/T from six columns starting at `first`: level and label for each aspect.
pub(crate) fn security_columns(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Security> {
    let aspect = |at: usize| -> rusqlite::Result<Option<SecurityLevel>> {
        let level: Option<u8> = row.get(at)?;
        let label: Option<String> = row.get(at + 1)?;
        Ok(level.map(|level| SecurityLevel { level, label: label.unwrap_or_default() }))
    };
    Ok(Security { confidentiality: aspect(first)?, integrity: aspect(first + 2)?, availability: aspect(first + 4)? })
}

/// The six column values of K/R/T, in the order [`security_columns`] reads them.
pub(crate) fn security_values(security: &Security) -> [rusqlite::types::Value; 6] {
    use rusqlite::types::Value;
    let level = |a: &Option<SecurityLevel>| a.as_ref().map_or(Value::Null, |l| Value::Integer(l.level.into()));
    let label = |a: &Option<SecurityLevel>| a.as_ref().map_or(Value::Null, |l| Value::Text(l.label.clone()));
    [
        level(&security.confidentiality),
        label(&security.confidentiality),
        level(&security.integrity),
        label(&security.integrity),
        level(&security.availability),
        label(&security.availability),
    ]
}

/// `INSERT INTO table (columns) VALUES (?, …)` for a comma-separated column list.
/// An item stored as two columns, `initiative_id` then `service_id`, exactly one of them set (the tables CHECK it).
pub(crate) fn item_columns(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<ItemRef> {
    match (row.get::<_, Option<Id>>(first)?, row.get::<_, Option<Id>>(first + 1)?) {
        (Some(id), None) => Ok(ItemRef::Initiative(id)),
        (None, Some(id)) => Ok(ItemRef::Service(id)),
        _ => Err(rusqlite::Error::InvalidColumnType(
            first,
            "initiative_id/service_id".into(),
            rusqlite::types::Type::Null,
        )),
    }
}

/// The two columns of an item: (`initiative_id`, `service_id`).
pub(crate) fn item_values(item: ItemRef) -> (Option<Id>, Option<Id>) {
    (item.initiative(), item.service())
}

/// The condition that selects an item's rows, with `?N` and `?N+1` bound to [`item_values`].
pub(crate) fn item_condition(first_parameter: usize) -> String {
    let (a, b) = (first_parameter, first_parameter + 1);
    format!("initiative_id IS ?{a} AND service_id IS ?{b}")
}

pub(crate) fn insert_sql(table: &str, columns: &str) -> String {
    let placeholders = vec!["?"; columns.split(", ").count()].join(", ");
    format!("INSERT INTO {table} ({columns}) VALUES ({placeholders})")
}

/// `UPDATE table SET c2 = ?2, … WHERE id = ?1` for a column list that starts with `id`.
pub(crate) fn update_sql(table: &str, columns: &str) -> String {
    let assignments: Vec<String> =
        columns.split(", ").enumerate().skip(1).map(|(i, column)| format!("{column} = ?{}", i + 1)).collect();
    format!("UPDATE {table} SET {} WHERE id = ?1", assignments.join(", "))
}

/// The [`Stored`] checks and tidying of a named record that may belong to an organisation (a member, a provider):
/// its own rules; its name is not another's in its table, and its organisation exists; the name trimmed.
macro_rules! named_with_organisation {
    () => {
        fn check_alone(&self) -> Problems {
            self.check()
        }

        fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
            use crate::domain::Rule;
            if !problems.has("name") && super::record::taken(conn, Self::TABLE, "name", &self.name, self.id)? {
                problems.add("name", Rule::Duplicate);
            }
            if let Some(organisation) = self.organisation_id
                && !super::record::exists(conn, "organisation", organisation)?
            {
                problems.add("organisation_id", Rule::UnknownReference);
            }
            Ok(())
        }

        fn normalise(&mut self) {
            self.name = self.name.trim().to_string();
        }
    };
}
pub(super) use named_with_organisation;
