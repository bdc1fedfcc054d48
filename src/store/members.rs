use rusqlite::{Connection, params};

use super::record::{Stored, id_or_new, named_with_organisation, record_id, select_all, select_one};
use crate::domain::{Id, Member, Problems};
use crate::error::Result;

const COLUMNS: &str = "id, name, organisation_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member { id: row.get(0)?, name: row.get(1)?, organisation_id: row.get(2)? })
}

impl Stored for Member {
    const TABLE: &'static str = "member";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "member", COLUMNS, "name, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "member", COLUMNS, id, from_row)
    }

    named_with_organisation!();

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            "INSERT INTO member (id, name, organisation_id) VALUES (?1, ?2, ?3)",
            params![id_or_new(self.id), self.name, self.organisation_id],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE member SET name = ?2, organisation_id = ?3 WHERE id = ?1",
            params![self.id, self.name, self.organisation_id],
        )?;
        Ok(())
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT i.case_number || ' / ' || c.name FROM score s
                 JOIN initiative i ON i.id = s.initiative_id JOIN criterion c ON c.id = s.criterion_id
                 WHERE s.member_id = ?1
             UNION ALL SELECT cs.name FROM pairwise p JOIN criteria_set cs ON cs.id = p.set_id WHERE p.member_id = ?1",
        )?;
        Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }
}
