use rusqlite::{Connection, OptionalExtension, params};

use super::record::{Stored, exists, id_or_new, key_column, select_all, select_one, taken};
use crate::domain::{Id, Organisation, OrganisationKind, Problems, Rule};
use crate::error::Result;

const COLUMNS: &str = "id, name, kind, parent_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: key_column(row, 2, OrganisationKind::from_key)?,
        parent_id: row.get(3)?,
    })
}

impl Stored for Organisation {
    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "organisation", COLUMNS, "name, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "organisation", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !problems.has("name") && taken(conn, "organisation", "name", &self.name, self.id)? {
            problems.add("name", Rule::Duplicate);
        }
        let Some(parent) = self.parent_id else {
            return Ok(());
        };
        if !exists(conn, "organisation", parent)? {
            problems.add("parent_id", Rule::UnknownReference);
            return Ok(());
        }
        // Walk up from the new parent; meeting this record again means a cycle.
        let mut seen = vec![];
        let mut current = Some(parent);
        while let Some(id) = current {
            if id == self.id || seen.contains(&id) {
                problems.add("parent_id", Rule::Cycle);
                break;
            }
            seen.push(id);
            current = conn
                .query_row("SELECT parent_id FROM organisation WHERE id = ?1", [id], |row| row.get(0))
                .optional()?
                .flatten();
        }
        Ok(())
    }

    fn normalise(&mut self) {
        self.name = self.name.trim().to_string();
    }

    fn set_id(&mut self, id: Id) {
        self.id = id;
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            "INSERT INTO organisation (id, name, kind, parent_id) VALUES (?1, ?2, ?3, ?4)",
            params![id_or_new(self.id), self.name, self.kind.key(), self.parent_id],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE organisation SET name = ?2, kind = ?3, parent_id = ?4 WHERE id = ?1",
            params![self.id, self.name, self.kind.key(), self.parent_id],
        )?;
        Ok(())
    }

    fn remove(conn: &Connection, id: Id) -> Result<()> {
        conn.execute("DELETE FROM organisation WHERE id = ?1", [id])?;
        Ok(())
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT name FROM organisation WHERE parent_id = ?1
             UNION ALL SELECT name FROM provider WHERE organisation_id = ?1
             UNION ALL SELECT case_number FROM initiative WHERE owner_id = ?1
             UNION ALL SELECT name FROM member WHERE organisation_id = ?1
             UNION ALL SELECT i.case_number FROM initiative_customer c JOIN initiative i ON i.id = c.initiative_id
                       WHERE c.organisation_id = ?1
             UNION ALL SELECT s.name FROM service_customer c JOIN service s ON s.id = c.service_id
                       WHERE c.organisation_id = ?1",
        )?;
        let mut users: Vec<String> = statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        users.extend(super::analyses::analyses_naming(conn, "requirements", "$.organisation_id", id)?);
        Ok(users)
    }
}
