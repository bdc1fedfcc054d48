use rusqlite::{Connection, OptionalExtension, params};

use super::criteria_sets::in_set;
use super::record::{
    Stored, exists, id_or_new, item_columns, item_values, record_id, select_all_filled, select_one_filled,
};
use crate::domain::{Dependency, Exclusion, Id, ItemRef, Problems, Rule, Scenario, YearFrame};
use crate::error::Result;
use crate::money::Money;

const COLUMNS: &str = "id, set_id, name";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Scenario> {
    Ok(Scenario {
        id: row.get(0)?,
        set_id: row.get(1)?,
        name: row.get(2)?,
        frames: Vec::new(),
        forced_in: Vec::new(),
        forced_out: Vec::new(),
        dependencies: Vec::new(),
        exclusions: Vec::new(),
    })
}

fn fill(conn: &Connection, scenario: &mut Scenario) -> Result<()> {
    let mut frames = conn.prepare_cached(
        "SELECT year, development_ore, management_ore FROM scenario_frame WHERE scenario_id = ?1 ORDER BY year",
    )?;
    scenario.frames = frames
        .query_map([scenario.id], |r| {
            Ok(YearFrame {
                year: r.get(0)?,
                development: Money::from_ore(r.get(1)?),
                management: Money::from_ore(r.get(2)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut rules = conn.prepare_cached(
        "SELECT kind, initiative_id, service_id, other_id, other_service_id FROM scenario_rule
         WHERE scenario_id = ?1 ORDER BY position",
    )?;
    let mut rows = rules.query([scenario.id])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let item = item_columns(row, 1)?;
        let other = match (row.get::<_, Option<Id>>(3)?, row.get::<_, Option<Id>>(4)?) {
            (Some(id), _) => Some(ItemRef::Initiative(id)),
            (None, Some(id)) => Some(ItemRef::Service(id)),
            (None, None) => None,
        };
        match (kind.as_str(), other) {
            ("force_in", _) => scenario.forced_in.push(item),
            ("force_out", _) => scenario.forced_out.push(item),
            ("requires", Some(requires)) => scenario.dependencies.push(Dependency { item, requires }),
            ("excludes", Some(other)) => scenario.exclusions.push(Exclusion { a: item, b: other }),
            _ => {}
        }
    }
    Ok(())
}

fn write_lists(conn: &Connection, s: &Scenario) -> Result<()> {
    conn.execute("DELETE FROM scenario_frame WHERE scenario_id = ?1", [s.id])?;
    conn.execute("DELETE FROM scenario_rule WHERE scenario_id = ?1", [s.id])?;
    for f in &s.frames {
        conn.execute(
            "INSERT INTO scenario_frame (scenario_id, year, development_ore, management_ore) VALUES (?1, ?2, ?3, ?4)",
            params![s.id, f.year, f.development.ore(), f.management.ore()],
        )?;
    }
    let rules = s
        .forced_in
        .iter()
        .map(|&i| ("force_in", i, None))
        .chain(s.forced_out.iter().map(|&i| ("force_out", i, None)))
        .chain(s.dependencies.iter().map(|d| ("requires", d.item, Some(d.requires))))
        .chain(s.exclusions.iter().map(|e| ("excludes", e.a, Some(e.b))));
    for (position, (kind, item, other)) in rules.enumerate() {
        let (initiative, service) = item_values(item);
        let (other_initiative, other_service) = other.map_or((None, None), item_values);
        conn.execute(
            "INSERT INTO scenario_rule
                 (scenario_id, position, kind, initiative_id, service_id, other_id, other_service_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![s.id, position as i64, kind, initiative, service, other_initiative, other_service],
        )?;
    }
    Ok(())
}

impl Stored for Scenario {
    const TABLE: &'static str = "scenario";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all_filled(conn, (Self::TABLE, COLUMNS, "set_id, name"), from_row, fill)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one_filled(conn, (Self::TABLE, COLUMNS, id), from_row, fill)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "criteria_set", self.set_id)? {
            problems.add("set_id", Rule::UnknownReference);
            return Ok(());
        }
        let other: Option<Id> = conn
            .query_row(
                "SELECT id FROM scenario WHERE set_id = ?1 AND name = ?2 COLLATE NOCASE AND id <> ?3",
                params![self.set_id, self.name, self.id],
                |r| r.get(0),
            )
            .optional()?;
        if !problems.has("name") && other.is_some() {
            problems.add("name", Rule::Duplicate);
        }
        let mut referenced: Vec<(String, ItemRef)> = Vec::new();
        referenced.extend(self.forced_in.iter().enumerate().map(|(i, &id)| (format!("forced_in[{i}]"), id)));
        referenced.extend(self.forced_out.iter().enumerate().map(|(i, &id)| (format!("forced_out[{i}]"), id)));
        for (i, d) in self.dependencies.iter().enumerate() {
            referenced.push((format!("dependencies[{i}]"), d.item));
            referenced.push((format!("dependencies[{i}]"), d.requires));
        }
        for (i, e) in self.exclusions.iter().enumerate() {
            referenced.push((format!("exclusions[{i}]"), e.a));
            referenced.push((format!("exclusions[{i}]"), e.b));
        }
        for (field, item) in referenced {
            if !in_set(conn, self.set_id, item)? && !problems.has(&field) {
                problems.add(field, Rule::UnknownReference);
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        Scenario::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            "INSERT INTO scenario (id, set_id, name) VALUES (?1, ?2, ?3)",
            params![id_or_new(self.id), self.set_id, self.name],
        )?;
        let id = conn.last_insert_rowid();
        write_lists(conn, &Scenario { id, ..self.clone() })?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE scenario SET set_id = ?2, name = ?3 WHERE id = ?1",
            params![self.id, self.set_id, self.name],
        )?;
        write_lists(conn, self)
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}
