//! The council's decided frames: one row per budget year.

use rusqlite::{Connection, OptionalExtension, params};

use super::record::{Stored, date_column, id_or_new, record_id, select_all, select_one};
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
        conn.execute(
            "INSERT INTO decided_frame (id, year, development_ore, management_ore, decided_on, reference, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id_or_new(self.id),
                self.year,
                self.development.ore(),
                self.management.ore(),
                date_text(self.decided_on),
                self.reference,
                self.notes
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE decided_frame SET year = ?2, development_ore = ?3, management_ore = ?4, decided_on = ?5,
                 reference = ?6, notes = ?7 WHERE id = ?1",
            params![
                self.id,
                self.year,
                self.development.ore(),
                self.management.ore(),
                date_text(self.decided_on),
                self.reference,
                self.notes
            ],
        )?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}
