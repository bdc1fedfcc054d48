//! The council's decided frames: one row per budget year.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::record::{Stored, date_column, id_or_new, insert_sql, record_id, select_all, select_one, update_sql};
use crate::domain::{DecidedFrame, Id, Problems, Rule};
use crate::error::Result;
use crate::money::Money;
use crate::time::date_text;

const COLUMNS: &str = "id, year, development_ore, management_ore, decided_on, reference, notes";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DecidedFrame> {
    Ok(DecidedFrame {
        id: row.get(0)?,
        year: row.get(1)?,
        development: Money::from_ore(row.get(2)?),
        management: Money::from_ore(row.get(3)?),
        decided_on: date_column(row, 4)?,
        reference: row.get(5)?,
        notes: row.get(6)?,
    })
}

/// The values of [`COLUMNS`], in order.
fn values(frame: &DecidedFrame) -> [Value; 7] {
    [
        id_or_new(frame.id).into(),
        frame.year.into(),
        frame.development.ore().into(),
        frame.management.ore().into(),
        date_text(frame.decided_on).into(),
        frame.reference.clone().into(),
        frame.notes.clone().into(),
    ]
}

impl Stored for DecidedFrame {
    const TABLE: &'static str = "decided_frame";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "decided_frame", COLUMNS, "year", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "decided_frame", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        let other: Option<Id> = conn
            .query_row("SELECT id FROM decided_frame WHERE year = ?1 AND id <> ?2", params![self.year, self.id], |r| {
                r.get(0)
            })
            .optional()?;
        if !problems.has("year") && other.is_some() {
            problems.add("year", Rule::Duplicate);
        }
        Ok(())
    }

    fn normalise(&mut self) {
        DecidedFrame::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(&insert_sql(Self::TABLE, COLUMNS), params_from_iter(values(self)))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(&update_sql(Self::TABLE, COLUMNS), params_from_iter(values(self)))?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}
