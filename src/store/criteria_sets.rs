//! Criteria sets with their categories, criteria (and anchors), gates and initiatives, stored in one write.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::record::{Stored, exists, id_or_new, key_column, record_id, select_all, select_one, taken};
use crate::domain::lifecycle::NotValued;
use crate::domain::{
    Aggregation, CriteriaSet, Criterion, Direction, Gate, GateKind, Id, InitiativeState, ItemRef, PairwiseMethod,
    Problems, Reason, Rule, Track, Weighting,
};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, name, period_start, period_end, aggregation, weighting, pairwise_method, locked";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CriteriaSet> {
    Ok(CriteriaSet {
        id: row.get(0)?,
        name: row.get(1)?,
        period_start: row.get(2)?,
        period_end: row.get(3)?,
        aggregation: key_column(row, 4, Aggregation::from_key)?,
        weighting: key_column(row, 5, Weighting::from_key)?,
        pairwise_method: key_column(row, 6, PairwiseMethod::from_key)?,
        categories: Vec::new(),
        criteria: Vec::new(),
        gates: Vec::new(),
        initiative_ids: Vec::new(),
        service_ids: Vec::new(),
        locked: row.get(7)?,
    })
}

/// Fills in the lists of the sets (all of them, or the one whose id is `only`).
fn fill(conn: &Connection, sets: &mut [CriteriaSet], only: Option<Id>) -> Result<()> {
    let at: HashMap<Id, usize> = sets.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let filter = if only.is_some() { "WHERE set_id = ?1" } else { "WHERE ?1 IS NULL" };
    let mut statement =
        conn.prepare(&format!("SELECT set_id, name FROM criteria_set_category {filter} ORDER BY set_id, position"))?;
    let mut rows = statement.query([only])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = at.get(&row.get(0)?) {
            sets[i].categories.push(row.get(1)?);
        }
    }
    let mut anchors: HashMap<Id, Vec<String>> = HashMap::new();
    let mut statement = conn.prepare(&format!(
        "SELECT a.criterion_id, a.text FROM criterion_anchor a JOIN criterion c ON c.id = a.criterion_id
         {} ORDER BY a.criterion_id, a.level",
        filter.replace("set_id", "c.set_id")
    ))?;
    let mut rows = statement.query([only])?;
    while let Some(row) = rows.next()? {
        anchors.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    let mut statement = conn.prepare(&format!(
        "SELECT set_id, id, name, description, category, scale_min, scale_max, direction, weight, is_risk
         FROM criterion {filter} ORDER BY set_id, position"
    ))?;
    let mut rows = statement.query([only])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = at.get(&row.get(0)?) {
            let id: Id = row.get(1)?;
            sets[i].criteria.push(Criterion {
                id,
                name: row.get(2)?,
                description: row.get(3)?,
                category: row.get(4)?,
                scale_min: row.get(5)?,
                scale_max: row.get(6)?,
                anchors: anchors.remove(&id).unwrap_or_default(),
                direction: key_column(row, 7, Direction::from_key)?,
                weight: row.get(8)?,
                is_risk: row.get(9)?,
            });
        }
    }
    let mut statement = conn
        .prepare(&format!("SELECT set_id, id, name, description, kind FROM gate {filter} ORDER BY set_id, position"))?;
    let mut rows = statement.query([only])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = at.get(&row.get(0)?) {
            sets[i].gates.push(Gate {
                id: row.get(1)?,
                name: row.get(2)?,
                description: row.get(3)?,
                kind: key_column(row, 4, GateKind::from_key)?,
            });
        }
    }
    let mut statement = conn.prepare(&format!(
        "SELECT set_id, initiative_id FROM criteria_set_initiative {filter} ORDER BY set_id, initiative_id"
    ))?;
    let mut rows = statement.query([only])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = at.get(&row.get(0)?) {
            sets[i].initiative_ids.push(row.get(1)?);
        }
    }
    let mut statement = conn.prepare(&format!(
        "SELECT set_id, service_id FROM criteria_set_service {filter} ORDER BY set_id, service_id"
    ))?;
    let mut rows = statement.query([only])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = at.get(&row.get(0)?) {
            sets[i].service_ids.push(row.get(1)?);
        }
    }
    Ok(())
}

/// Writes the lists of `set`: criteria and gates keep their ids (new ones get ids), removed ones are deleted.
fn write_lists(conn: &Connection, set: &CriteriaSet) -> Result<()> {
    conn.execute("DELETE FROM criteria_set_category WHERE set_id = ?1", [set.id])?;
    for (position, name) in set.categories.iter().enumerate() {
        conn.execute(
            "INSERT INTO criteria_set_category (set_id, position, name) VALUES (?1, ?2, ?3)",
            params![set.id, position as i64, name],
        )?;
    }
    let kept: Vec<Id> = set.criteria.iter().map(|c| c.id).filter(|&id| id != 0).collect();
    for old in ids_in(conn, "criterion", set.id)? {
        if !kept.contains(&old) {
            conn.execute("DELETE FROM criterion WHERE id = ?1", [old])?;
        }
    }
    for (position, c) in set.criteria.iter().enumerate() {
        let exists: bool = c.id != 0
            && conn.query_row("SELECT EXISTS (SELECT 1 FROM criterion WHERE id = ?1)", [c.id], |r| r.get(0))?;
        let values = params![
            id_or_new(c.id),
            set.id,
            position as i64,
            c.name,
            c.description,
            c.category,
            c.scale_min,
            c.scale_max,
            c.direction.key(),
            c.weight,
            c.is_risk
        ];
        let id = if exists {
            conn.execute(
                "UPDATE criterion SET set_id = ?2, position = ?3, name = ?4, description = ?5, category = ?6,
                 scale_min = ?7, scale_max = ?8, direction = ?9, weight = ?10, is_risk = ?11 WHERE id = ?1",
                values,
            )?;
            c.id
        } else {
            conn.execute(
                "INSERT INTO criterion (id, set_id, position, name, description, category, scale_min, scale_max,
                 direction, weight, is_risk) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                values,
            )?;
            conn.last_insert_rowid()
        };
        conn.execute("DELETE FROM criterion_anchor WHERE criterion_id = ?1", [id])?;
        for (offset, text) in c.anchors.iter().enumerate() {
            conn.execute(
                "INSERT INTO criterion_anchor (criterion_id, level, text) VALUES (?1, ?2, ?3)",
                params![id, i64::from(c.scale_min) + offset as i64, text],
            )?;
        }
    }
    let kept: Vec<Id> = set.gates.iter().map(|g| g.id).filter(|&id| id != 0).collect();
    for old in ids_in(conn, "gate", set.id)? {
        if !kept.contains(&old) {
            conn.execute("DELETE FROM gate WHERE id = ?1", [old])?;
        }
    }
    for (position, g) in set.gates.iter().enumerate() {
        let exists: bool =
            g.id != 0 && conn.query_row("SELECT EXISTS (SELECT 1 FROM gate WHERE id = ?1)", [g.id], |r| r.get(0))?;
        let values = params![id_or_new(g.id), set.id, position as i64, g.name, g.description, g.kind.key()];
        if exists {
            conn.execute(
                "UPDATE gate SET set_id = ?2, position = ?3, name = ?4, description = ?5, kind = ?6 WHERE id = ?1",
                values,
            )?;
        } else {
            conn.execute(
                "INSERT INTO gate (id, set_id, position, name, description, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                values,
            )?;
        }
    }
    conn.execute("DELETE FROM criteria_set_initiative WHERE set_id = ?1", [set.id])?;
    for initiative in &set.initiative_ids {
        conn.execute(
            "INSERT INTO criteria_set_initiative (set_id, initiative_id) VALUES (?1, ?2)",
            params![set.id, initiative],
        )?;
    }
    conn.execute("DELETE FROM criteria_set_service WHERE set_id = ?1", [set.id])?;
    for service in &set.service_ids {
        conn.execute(
            "INSERT INTO criteria_set_service (set_id, service_id) VALUES (?1, ?2)",
            params![set.id, service],
        )?;
    }
    Ok(())
}

fn ids_in(conn: &Connection, table: &str, set_id: Id) -> Result<Vec<Id>> {
    let mut statement = conn.prepare(&format!("SELECT id FROM {table} WHERE set_id = ?1"))?;
    Ok(statement.query_map([set_id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// The set a criterion belongs to.
pub(crate) fn set_of_criterion(conn: &Connection, criterion: Id) -> Result<Option<Id>> {
    Ok(conn.query_row("SELECT set_id FROM criterion WHERE id = ?1", [criterion], |r| r.get(0)).optional()?)
}

/// The set a gate belongs to.
pub(crate) fn set_of_gate(conn: &Connection, gate: Id) -> Result<Option<Id>> {
    Ok(conn.query_row("SELECT set_id FROM gate WHERE id = ?1", [gate], |r| r.get(0)).optional()?)
}

/// Refuses changes to what belongs to a locked set.
pub(crate) fn refuse_if_locked(conn: &Connection, set_id: Id) -> Result<()> {
    let locked: Option<(String, bool)> = conn
        .query_row("SELECT name, locked FROM criteria_set WHERE id = ?1", [set_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match locked {
        Some((name, true)) => Err(Error::Locked(name)),
        _ => Ok(()),
    }
}

/// Whether the initiative is one of the set's.
pub(crate) fn in_set(conn: &Connection, set_id: Id, item: ItemRef) -> Result<bool> {
    let sql = match item {
        ItemRef::Initiative(_) => {
            "SELECT EXISTS (SELECT 1 FROM criteria_set_initiative WHERE set_id = ?1 AND initiative_id = ?2)"
        }
        ItemRef::Service(_) => {
            "SELECT EXISTS (SELECT 1 FROM criteria_set_service WHERE set_id = ?1 AND service_id = ?2)"
        }
    };
    Ok(conn.query_row(sql, [set_id, item.id()], |r| r.get(0))?)
}

impl Stored for CriteriaSet {
    const TABLE: &'static str = "criteria_set";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        let mut sets = select_all(conn, "criteria_set", COLUMNS, "period_start DESC, name", from_row)?;
        fill(conn, &mut sets, None)?;
        Ok(sets)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        let Some(set) = select_one(conn, "criteria_set", COLUMNS, id, from_row)? else {
            return Ok(None);
        };
        let mut one = [set];
        fill(conn, &mut one, Some(id))?;
        let [set] = one;
        Ok(Some(set))
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !problems.has("name") && taken(conn, "criteria_set", "name", &self.name, self.id)? {
            problems.add("name", Rule::Duplicate);
        }
        // What the group values (riktlinjen, "Kommunstyrelsen"): shared initiatives, from their submission for
        // preparation on (`lifecycle::may_enter_criteria_set`). Checked for the initiatives that enter the set; one
        // already in it keeps its place whatever its state now (a locked set keeps its history, and one valued and
        // then not prioritised was valued). A business-specific initiative is never held.
        let stored: Vec<Id> = if self.id == 0 { Vec::new() } else { initiatives_of_set(conn, self.id)? };
        for (i, id) in self.initiative_ids.iter().enumerate() {
            let Some((track, state)) = track_and_state(conn, *id)? else {
                problems.add(format!("initiative_ids[{i}]"), Rule::UnknownReference);
                continue;
            };
            let entering = !stored.contains(id) && !self.locked;
            let refusal = match crate::domain::lifecycle::may_enter_criteria_set(track, state) {
                Some(NotValued::BusinessSpecific) => Some(Reason::SetHoldsSharedOnly),
                Some(NotValued::NotSubmitted) if entering => Some(Reason::SetNeedsSubmitted),
                Some(NotValued::Finished) if entering => Some(Reason::SetNotForFinished),
                _ => None,
            };
            if let Some(reason) = refusal {
                problems.add(format!("initiative_ids[{i}]"), Rule::NotAllowed { reason });
            }
        }
        for (i, id) in self.service_ids.iter().enumerate() {
            if !exists(conn, "service", *id)? {
                problems.add(format!("service_ids[{i}]"), Rule::UnknownReference);
            }
        }
        // Criteria and gates with ids must be this set's (an import brings its own ids into an empty portfolio).
        for (i, c) in self.criteria.iter().enumerate() {
            if c.id != 0 && set_of_criterion(conn, c.id)?.is_some_and(|s| s != self.id) {
                problems.add(format!("criteria[{i}]"), Rule::UnknownReference);
            }
        }
        for (i, g) in self.gates.iter().enumerate() {
            if g.id != 0 && set_of_gate(conn, g.id)?.is_some_and(|s| s != self.id) {
                problems.add(format!("gates[{i}]"), Rule::UnknownReference);
            }
        }
        // A criterion or gate that members have answered cannot be removed.
        if self.id != 0 {
            let kept: Vec<Id> = self.criteria.iter().map(|c| c.id).collect();
            for old in ids_in(conn, "criterion", self.id)? {
                let answered: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM score WHERE criterion_id = ?1)
                         OR EXISTS (SELECT 1 FROM pairwise_entry WHERE criterion_a = ?1 OR criterion_b = ?1)",
                    [old],
                    |r| r.get(0),
                )?;
                if !kept.contains(&old) && answered {
                    problems.add("criteria", Rule::NotAllowed { reason: Reason::CriterionHasScores });
                }
            }
            let kept: Vec<Id> = self.gates.iter().map(|g| g.id).collect();
            for old in ids_in(conn, "gate", self.id)? {
                let answered: bool =
                    conn.query_row("SELECT EXISTS (SELECT 1 FROM gate_result WHERE gate_id = ?1)", [old], |r| {
                        r.get(0)
                    })?;
                if !kept.contains(&old) && answered {
                    problems.add("gates", Rule::NotAllowed { reason: Reason::GateHasResults });
                }
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        CriteriaSet::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            &format!("INSERT INTO criteria_set ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            params![
                id_or_new(self.id),
                self.name,
                self.period_start,
                self.period_end,
                self.aggregation.key(),
                self.weighting.key(),
                self.pairwise_method.key(),
                self.locked
            ],
        )?;
        let id = conn.last_insert_rowid();
        write_lists(conn, &CriteriaSet { id, ..self.clone() })?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE criteria_set SET name = ?2, period_start = ?3, period_end = ?4, aggregation = ?5, weighting = ?6,
             pairwise_method = ?7, locked = ?8 WHERE id = ?1",
            params![
                self.id,
                self.name,
                self.period_start,
                self.period_end,
                self.aggregation.key(),
                self.weighting.key(),
                self.pairwise_method.key(),
                self.locked
            ],
        )?;
        write_lists(conn, self)
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT i.case_number || ' / ' || c.name FROM score s JOIN criterion c ON c.id = s.criterion_id
                 JOIN initiative i ON i.id = s.initiative_id WHERE c.set_id = ?1
             UNION ALL SELECT m.name FROM pairwise p JOIN member m ON m.id = p.member_id WHERE p.set_id = ?1
             UNION ALL SELECT i.case_number || ' / ' || g.name FROM gate_result r JOIN gate g ON g.id = r.gate_id
                 JOIN initiative i ON i.id = r.initiative_id WHERE g.set_id = ?1
             UNION ALL SELECT name FROM scenario WHERE set_id = ?1",
        )?;
        Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    fn guarding_set(&self, _conn: &Connection) -> Result<Option<Id>> {
        Ok(Some(self.id))
    }
}

/// The initiatives a stored set holds.
fn initiatives_of_set(conn: &Connection, set: Id) -> Result<Vec<Id>> {
    let mut statement = conn.prepare_cached("SELECT initiative_id FROM criteria_set_initiative WHERE set_id = ?1")?;
    Ok(statement.query_map([set], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// An initiative's track and state, if it exists.
fn track_and_state(conn: &Connection, id: Id) -> Result<Option<(Track, InitiativeState)>> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT track, state FROM initiative WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(track, state)| Some((Track::from_key(&track)?, InitiativeState::from_key(&state)?))))
}
