//! The actual outcomes (utfall): one row per initiative or service and year.

use rusqlite::{Connection, OptionalExtension, params};

use super::record::{
    Stored, exists, id_or_new, item_columns, item_condition, item_values, record_id, select_all, select_one,
};
use crate::domain::{ActualOutcome, Id, ItemRef, Problems, Reason, Rule, Track};
use crate::error::Result;
use crate::money::Money;

const COLUMNS: &str = "id, initiative_id, service_id, year, development_ore, management_ore";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ActualOutcome> {
    Ok(ActualOutcome {
        id: row.get(0)?,
        item: item_columns(row, 1)?,
        year: row.get(3)?,
        development: Money::from_ore(row.get(4)?),
        management: Money::from_ore(row.get(5)?),
    })
}

/// The id of the outcome recorded for `item` in `year`, if any.
fn outcome_of(conn: &Connection, item: ItemRef, year: i32) -> Result<Option<Id>> {
    let (initiative, service) = item_values(item);
    Ok(conn
        .query_row(
            &format!("SELECT id FROM actual_outcome WHERE year = ?1 AND {}", item_condition(2)),
            params![year, initiative, service],
            |r| r.get(0),
        )
        .optional()?)
}

/// The years an initiative has outcomes recorded for, as the initiative's own check and its users name them.
pub(super) fn years_of_initiative(conn: &Connection, initiative: Id) -> Result<Vec<i32>> {
    let mut statement =
        conn.prepare_cached("SELECT year FROM actual_outcome WHERE initiative_id = ?1 ORDER BY year")?;
    Ok(statement.query_map([initiative], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// The years a service has outcomes recorded for.
pub(super) fn years_of_service(conn: &Connection, service: Id) -> Result<Vec<i32>> {
    let mut statement = conn.prepare_cached("SELECT year FROM actual_outcome WHERE service_id = ?1 ORDER BY year")?;
    Ok(statement.query_map([service], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

impl Stored for ActualOutcome {
    const TABLE: &'static str = "actual_outcome";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "actual_outcome", COLUMNS, "year, initiative_id, service_id, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "actual_outcome", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    /// The item exists; an initiative is on the shared track (a business-specific one is funded and followed up
    /// within its board's own budget: riktlinjen, the table in "Tjänster och förändringsinsatser", "Inom egen
    /// budget"); one outcome per item and year.
    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        match self.item {
            ItemRef::Initiative(id) => {
                let track: Option<String> =
                    conn.query_row("SELECT track FROM initiative WHERE id = ?1", [id], |r| r.get(0)).optional()?;
                match track {
                    None => problems.add("item", Rule::UnknownReference),
                    Some(track) if track == Track::BusinessSpecific.key() => {
                        problems.add("item", Rule::NotAllowed { reason: Reason::OutcomeOfOwnBudget });
                    }
                    Some(_) => {}
                }
            }
            ItemRef::Service(id) => {
                if !exists(conn, "service", id)? {
                    problems.add("item", Rule::UnknownReference);
                }
            }
        }
        if !problems.has("year")
            && !problems.has("item")
            && outcome_of(conn, self.item, self.year)?.is_some_and(|id| id != self.id)
        {
            problems.add("year", Rule::Duplicate);
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        let (initiative, service) = item_values(self.item);
        conn.execute(
            &format!("INSERT INTO actual_outcome ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            params![id_or_new(self.id), initiative, service, self.year, self.development.ore(), self.management.ore()],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        let (initiative, service) = item_values(self.item);
        conn.execute(
            "UPDATE actual_outcome SET initiative_id = ?2, service_id = ?3, year = ?4, development_ore = ?5,
                 management_ore = ?6 WHERE id = ?1",
            params![self.id, initiative, service, self.year, self.development.ore(), self.management.ore()],
        )?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        vec![match self.item {
            crate::domain::ItemRef::Initiative(id) => (crate::domain::Entity::Initiative, id),
            crate::domain::ItemRef::Service(id) => (crate::domain::Entity::Service, id),
        }]
    }
}
