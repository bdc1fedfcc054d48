use rusqlite::{Connection, OptionalExtension, params};

use super::record::{Stored, exists, id_or_new, key_column, record_id, select_all, select_one, taken};
use crate::domain::{Decider, Id, Organisation, OrganisationKind, Problems, Reason, Rule};
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
    const TABLE: &'static str = "organisation";
    record_id!();

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
        // What a customer is, and who decides for it, hold after the organisation changes: checked against the
        // stored version, so a whole-portfolio import (which stores the record first) restores what it holds.
        let stored = if self.id == 0 { None } else { Organisation::load(conn, self.id)? };
        let changed = stored.as_ref().is_none_or(|s| s.kind != self.kind || s.parent_id != self.parent_id);
        if changed {
            self.check_change(conn, stored.as_ref(), problems)?;
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

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT name FROM organisation WHERE parent_id = ?1
             UNION ALL SELECT kind || ' ' || title FROM deviation WHERE organisation_id = ?1 OR decided_by_id = ?1
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

    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        self.parent_id.map(|p| (crate::domain::Entity::Organisation, p)).into_iter().collect()
    }
}

impl Organisation {
    /// A new or changed kind or parent: a förvaltning belongs to a nämnd (riktlinjen, "Begrepp": a customer is one
    /// of the "Förvaltningar och bolag inom kommunkoncernen", each under its nämnd or bolagsstyrelse); a customer
    /// stays a förvaltning or a bolag; a nämnd with förvaltningar stays a nämnd; and an avsteg the organisation
    /// motivated keeps the nämnd or styrelse that decided it.
    fn check_change(&self, conn: &Connection, stored: Option<&Organisation>, problems: &mut Problems) -> Result<()> {
        if self.kind == OrganisationKind::Administration
            && let Some(parent) = self.parent_id
            && let Some(kind) = kind_of(conn, parent)?
            && kind != OrganisationKind::Board
        {
            problems.add("parent_id", Rule::NotAllowed { reason: Reason::ParentOfAdministration });
        }
        let Some(stored) = stored else { return Ok(()) };
        if stored.kind != self.kind {
            if !self.kind.is_customer()
                && let Some(of) = customer_use(conn, self.id)?
            {
                problems.add("kind", Rule::NotAllowed { reason: Reason::StillACustomer { of } });
            }
            if stored.kind == OrganisationKind::Board
                && let Some((_, administration)) = administration_of(conn, self.id)?
                && !problems.has("kind")
            {
                problems.add("kind", Rule::NotAllowed { reason: Reason::HasAdministrations { administration } });
            }
        }
        // The avsteg it motivated whose decision is recorded keep their nämnd or styrelse.
        let mut decided = conn.prepare_cached(
            "SELECT title, decided_by_id FROM deviation WHERE organisation_id = ?1 AND decided_by_id IS NOT NULL
             ORDER BY id",
        )?;
        let decided: Vec<(String, Id)> =
            decided.query_map([self.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        if !decided.is_empty() {
            let mut organisations = Organisation::load_all(conn)?;
            organisations.retain(|o| o.id != self.id);
            organisations.push(self.clone());
            let now = self.decider(&organisations);
            if let Some((deviation, _)) = decided.into_iter().find(|(_, by)| now != Decider::Is(*by)) {
                let field = if stored.kind != self.kind { "kind" } else { "parent_id" };
                if !problems.has(field) {
                    problems.add(field, Rule::NotAllowed { reason: Reason::DecidedByItsBoard { deviation } });
                }
            }
        }
        Ok(())
    }
}

fn kind_of(conn: &Connection, id: Id) -> Result<Option<OrganisationKind>> {
    let key: Option<String> =
        conn.query_row("SELECT kind FROM organisation WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    Ok(key.as_deref().and_then(OrganisationKind::from_key))
}

/// The förvaltning of a nämnd: the organisation of the kind förvaltning that belongs to it (the first by id, when
/// there are more), with its name.
pub(crate) fn administration_of(conn: &Connection, board: Id) -> Result<Option<(Id, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, name FROM organisation WHERE parent_id = ?1 AND kind = 'forvaltning' ORDER BY id LIMIT 1",
            [board],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Why `id` cannot be a customer (kund): it is a nämnd, and customers are förvaltningar and bolag (riktlinjen,
/// "Begrepp" and "Samordning": "Med kund i detta sammanhang avses förvaltningar och bolag"); the reason names its
/// förvaltning when it has one. `None` for a förvaltning or a bolag, or one that does not exist (the caller says so).
pub(crate) fn not_a_customer(conn: &Connection, id: Id) -> Result<Option<Reason>> {
    if kind_of(conn, id)? != Some(OrganisationKind::Board) {
        return Ok(None);
    }
    Ok(Some(match administration_of(conn, id)? {
        Some((_, administration)) => Reason::BoardNotCustomer { administration },
        None => Reason::BoardNotCustomerNoAdministration,
    }))
}

/// Where the organisation is a customer: the first service, initiative, funding case or opt-out or deviation that
/// has it as one, in words.
fn customer_use(conn: &Connection, id: Id) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT s.name FROM service_customer c JOIN service s ON s.id = c.service_id WHERE c.organisation_id = ?1
             UNION ALL SELECT i.case_number FROM initiative_customer c JOIN initiative i ON i.id = c.initiative_id
                       WHERE c.organisation_id = ?1
             UNION ALL SELECT COALESCE(s.name, i.case_number, '') FROM funding_customer c
                       JOIN funding_case f ON f.id = c.case_id LEFT JOIN service s ON s.id = f.service_id
                       LEFT JOIN initiative i ON i.id = f.initiative_id WHERE c.organisation_id = ?1
             UNION ALL SELECT title FROM deviation WHERE organisation_id = ?1
             LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}
