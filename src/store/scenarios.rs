use rusqlite::{Connection, OptionalExtension, params};

use super::criteria_sets::in_set;
use super::record::{Stored, exists, id_or_new, select_all, select_one};
use crate::domain::{Dependency, Exclusion, Id, Problems, Rule, Scenario, YearFrame};
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
        "SELECT kind, initiative_id, other_id FROM scenario_rule WHERE scenario_id = ?1 ORDER BY position",
    )?;
    let mut rows = rules.query([scenario.id])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let initiative: Id = row.get(1)?;
        let other: Option<Id> = row.get(2)?;
        match (kind.as_str(), other) {
            ("force_in", _) => scenario.forced_in.push(initiative),
            ("force_out", _) => scenario.forced_out.push(initiative),
            ("requires", Some(other)) => {
                scenario.dependencies.push(Dependency { initiative_id: initiative, requires_id: other })
            }
            ("excludes", Some(other)) => scenario.exclusions.push(Exclusion { a: initiative, b: other }),
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
        .chain(s.dependencies.iter().map(|d| ("requires", d.initiative_id, Some(d.requires_id))))
        .chain(s.exclusions.iter().map(|e| ("excludes", e.a, Some(e.b))));
    for (position, (kind, initiative, other)) in rules.enumerate() {
        conn.execute(
            "INSERT INTO scenario_rule (scenario_id, position, kind, initiative_id, other_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.id, position as i64, kind, initiative, other],
        )?;
    }
    Ok(())
}

impl Stored for Scenario {
    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        let mut list = select_all(conn, "scenario", COLUMNS, "set_id, name", from_row)?;
        for s in &mut list {
            fill(conn, s)?;
        }
        Ok(list)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        let Some(mut s) = select_one(conn, "scenario", COLUMNS, id, from_row)? else {
            return Ok(None);
        };
        fill(conn, &mut s)?;
        Ok(Some(s))
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
        let mut referenced: Vec<(String, Id)> = Vec::new();
        referenced.extend(self.forced_in.iter().enumerate().map(|(i, &id)| (format!("forced_in[{i}]"), id)));
        referenced.extend(self.forced_out.iter().enumerate().map(|(i, &id)| (format!("forced_out[{i}]"), id)));
        for (i, d) in self.dependencies.iter().enumerate() {
            referenced.push((format!("dependencies[{i}]"), d.initiative_id));
            referenced.push((format!("dependencies[{i}]"), d.requires_id));
        }
        for (i, e) in self.exclusions.iter().enumerate() {
            referenced.push((format!("exclusions[{i}]"), e.a));
            referenced.push((format!("exclusions[{i}]"), e.b));
        }
        for (field, id) in referenced {
            if !in_set(conn, self.set_id, id)? && !problems.has(&field) {
                problems.add(field, Rule::UnknownReference);
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        Scenario::normalise(self);
    }

    fn set_id(&mut self, id: Id) {
        self.id = id;
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

    fn remove(conn: &Connection, id: Id) -> Result<()> {
        conn.execute("DELETE FROM scenario WHERE id = ?1", [id])?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}
