//! Scores, pairwise judgements and gate results: what members enter against a criteria set.

use rusqlite::{Connection, OptionalExtension, params};

use super::criteria_sets::{in_set, set_of_criterion, set_of_gate};
use super::record::{
    Stored, exists, id_or_new, item_columns, item_condition, item_values, record_id, select_all, select_all_filled,
    select_one, select_one_filled,
};
use crate::domain::{GateResult, Id, ItemRef, Judgement, Pairwise, Problems, Rule, Score};
use crate::error::Result;

const SCORE_COLUMNS: &str = "id, criterion_id, initiative_id, service_id, member_id, value, comment";

fn score_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Score> {
    Ok(Score {
        id: row.get(0)?,
        criterion_id: row.get(1)?,
        item: item_columns(row, 2)?,
        member_id: row.get(4)?,
        value: row.get(5)?,
        comment: row.get(6)?,
    })
}

/// The id of the score in a cell, if any.
pub(crate) fn score_in_cell(conn: &Connection, criterion: Id, item: ItemRef, member: Id) -> Result<Option<Id>> {
    let (initiative, service) = item_values(item);
    Ok(conn
        .query_row(
            &format!("SELECT id FROM score WHERE criterion_id = ?1 AND {} AND member_id = ?4", item_condition(2)),
            params![criterion, initiative, service, member],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every score of the criteria of one set.
pub(crate) fn scores_of_set(conn: &Connection, set_id: Id) -> Result<Vec<Score>> {
    let mut statement = conn.prepare(
        "SELECT s.id, s.criterion_id, s.initiative_id, s.service_id, s.member_id, s.value, s.comment FROM score s
         JOIN criterion c ON c.id = s.criterion_id WHERE c.set_id = ?1 ORDER BY s.id",
    )?;
    Ok(statement.query_map([set_id], score_from_row)?.collect::<rusqlite::Result<_>>()?)
}

impl Stored for Score {
    const TABLE: &'static str = "score";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "score", SCORE_COLUMNS, "id", score_from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "score", SCORE_COLUMNS, id, score_from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        let scale: Option<(Id, u8, u8)> = conn
            .query_row("SELECT set_id, scale_min, scale_max FROM criterion WHERE id = ?1", [self.criterion_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((set_id, min, max)) = scale else {
            problems.add("criterion_id", Rule::UnknownReference);
            return Ok(());
        };
        if !in_set(conn, set_id, self.item)? {
            problems.add("item", Rule::UnknownReference);
        }
        if !exists(conn, "member", self.member_id)? {
            problems.add("member_id", Rule::UnknownReference);
        }
        if let Some(value) = self.value
            && !(min..=max).contains(&value)
        {
            problems.add("value", Rule::OutOfRange { min: min.into(), max: max.into() });
        }
        if score_in_cell(conn, self.criterion_id, self.item, self.member_id)?.is_some_and(|id| id != self.id) {
            problems.add("value", Rule::Duplicate);
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        let (initiative, service) = item_values(self.item);
        conn.execute(
            &format!("INSERT INTO score ({SCORE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params![
                id_or_new(self.id),
                self.criterion_id,
                initiative,
                service,
                self.member_id,
                self.value,
                self.comment
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        let (initiative, service) = item_values(self.item);
        conn.execute(
            "UPDATE score SET criterion_id = ?2, initiative_id = ?3, service_id = ?4, member_id = ?5, value = ?6,
             comment = ?7 WHERE id = ?1",
            params![self.id, self.criterion_id, initiative, service, self.member_id, self.value, self.comment],
        )?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn guarding_set(&self, conn: &Connection) -> Result<Option<Id>> {
        set_of_criterion(conn, self.criterion_id)
    }
}

const PAIRWISE_COLUMNS: &str = "id, set_id, member_id";

fn pairwise_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Pairwise> {
    Ok(Pairwise { id: row.get(0)?, set_id: row.get(1)?, member_id: row.get(2)?, judgements: Vec::new() })
}

fn fill_judgements(conn: &Connection, pairwise: &mut Pairwise) -> Result<()> {
    let mut statement = conn.prepare_cached(
        "SELECT criterion_a, criterion_b, value FROM pairwise_entry WHERE pairwise_id = ?1 ORDER BY 1, 2",
    )?;
    pairwise.judgements = statement
        .query_map([pairwise.id], |r| Ok(Judgement { a: r.get(0)?, b: r.get(1)?, value: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

fn write_judgements(conn: &Connection, pairwise: &Pairwise) -> Result<()> {
    conn.execute("DELETE FROM pairwise_entry WHERE pairwise_id = ?1", [pairwise.id])?;
    for j in &pairwise.judgements {
        conn.execute(
            "INSERT INTO pairwise_entry (pairwise_id, criterion_a, criterion_b, value) VALUES (?1, ?2, ?3, ?4)",
            params![pairwise.id, j.a, j.b, j.value],
        )?;
    }
    Ok(())
}

/// The id of a member's pairwise comparisons in a set, if any.
pub(crate) fn pairwise_of(conn: &Connection, set_id: Id, member: Id) -> Result<Option<Id>> {
    Ok(conn
        .query_row("SELECT id FROM pairwise WHERE set_id = ?1 AND member_id = ?2", [set_id, member], |r| r.get(0))
        .optional()?)
}

impl Stored for Pairwise {
    const TABLE: &'static str = "pairwise";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all_filled(conn, (Self::TABLE, PAIRWISE_COLUMNS, "id"), pairwise_from_row, fill_judgements)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one_filled(conn, (Self::TABLE, PAIRWISE_COLUMNS, id), pairwise_from_row, fill_judgements)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "criteria_set", self.set_id)? {
            problems.add("set_id", Rule::UnknownReference);
            return Ok(());
        }
        if !exists(conn, "member", self.member_id)? {
            problems.add("member_id", Rule::UnknownReference);
        }
        for (i, j) in self.judgements.iter().enumerate() {
            for criterion in [j.a, j.b] {
                if set_of_criterion(conn, criterion)? != Some(self.set_id) {
                    problems.add(format!("judgements[{i}]"), Rule::UnknownReference);
                }
            }
        }
        if pairwise_of(conn, self.set_id, self.member_id)?.is_some_and(|id| id != self.id) {
            problems.add("member_id", Rule::Duplicate);
        }
        Ok(())
    }

    fn normalise(&mut self) {
        Pairwise::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            "INSERT INTO pairwise (id, set_id, member_id) VALUES (?1, ?2, ?3)",
            params![id_or_new(self.id), self.set_id, self.member_id],
        )?;
        let id = conn.last_insert_rowid();
        write_judgements(conn, &Pairwise { id, ..self.clone() })?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE pairwise SET set_id = ?2, member_id = ?3 WHERE id = ?1",
            params![self.id, self.set_id, self.member_id],
        )?;
        write_judgements(conn, self)
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn guarding_set(&self, _conn: &Connection) -> Result<Option<Id>> {
        Ok(Some(self.set_id))
    }
}

const GATE_COLUMNS: &str = "id, gate_id, initiative_id, service_id, passed, note";

fn gate_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<GateResult> {
    Ok(GateResult {
        id: row.get(0)?,
        gate_id: row.get(1)?,
        item: item_columns(row, 2)?,
        passed: row.get(4)?,
        note: row.get(5)?,
    })
}

/// The id of the result of an initiative or a service at a gate, if any.
pub(crate) fn gate_result_of(conn: &Connection, gate: Id, item: ItemRef) -> Result<Option<Id>> {
    let (initiative, service) = item_values(item);
    Ok(conn
        .query_row(
            &format!("SELECT id FROM gate_result WHERE gate_id = ?1 AND {}", item_condition(2)),
            params![gate, initiative, service],
            |r| r.get(0),
        )
        .optional()?)
}

impl Stored for GateResult {
    const TABLE: &'static str = "gate_result";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "gate_result", GATE_COLUMNS, "id", gate_from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "gate_result", GATE_COLUMNS, id, gate_from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        let Some(set_id) = set_of_gate(conn, self.gate_id)? else {
            problems.add("gate_id", Rule::UnknownReference);
            return Ok(());
        };
        if !in_set(conn, set_id, self.item)? {
            problems.add("item", Rule::UnknownReference);
        }
        if gate_result_of(conn, self.gate_id, self.item)?.is_some_and(|id| id != self.id) {
            problems.add("passed", Rule::Duplicate);
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        let (initiative, service) = item_values(self.item);
        conn.execute(
            &format!("INSERT INTO gate_result ({GATE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            params![id_or_new(self.id), self.gate_id, initiative, service, self.passed, self.note],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        let (initiative, service) = item_values(self.item);
        conn.execute(
            "UPDATE gate_result SET gate_id = ?2, initiative_id = ?3, service_id = ?4, passed = ?5, note = ?6
             WHERE id = ?1",
            params![self.id, self.gate_id, initiative, service, self.passed, self.note],
        )?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
    fn guarding_set(&self, conn: &Connection) -> Result<Option<Id>> {
        set_of_gate(conn, self.gate_id)
    }
}
