use rusqlite::{Connection, params};

use super::record::{Stored, id_or_new, named_with_organisation, record_id, select_all, select_one};
use crate::domain::{Id, Problems, Provider};
use crate::error::Result;

const COLUMNS: &str = "id, name, organisation_id, description";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Provider> {
    Ok(Provider { id: row.get(0)?, name: row.get(1)?, organisation_id: row.get(2)?, description: row.get(3)? })
}

impl Stored for Provider {
    const TABLE: &'static str = "provider";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "provider", COLUMNS, "name, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "provider", COLUMNS, id, from_row)
    }

    named_with_organisation!();

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            "INSERT INTO provider (id, name, organisation_id, description) VALUES (?1, ?2, ?3, ?4)",
            params![id_or_new(self.id), self.name, self.organisation_id, self.description],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE provider SET name = ?2, organisation_id = ?3, description = ?4 WHERE id = ?1",
            params![self.id, self.name, self.organisation_id, self.description],
        )?;
        Ok(())
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT name FROM service WHERE provider_id = ?1
             UNION ALL SELECT case_number FROM initiative WHERE provider_id = ?1
             UNION ALL SELECT 'Årlig analys ' || year FROM yearly_analysis WHERE provider_id = ?1",
        )?;
        Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }
}
