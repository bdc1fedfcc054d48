//! The providers' yearly analyses: one row per provider and year, its lists as JSON text.

use rusqlite::{Connection, params};

use super::record::{Stored, exists, id_or_new, key_column, select_all, select_one};
use crate::domain::{AnalysisState, Id, Problems, Reason, Rule, Service, YearlyAnalysis};
use crate::error::Result;

const COLUMNS: &str = "id, provider_id, year, state, submitted, presented, strategic_direction, investments, \
                       development_needs, requirements, security_levels";

fn json_column<T: serde::de::DeserializeOwned>(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<YearlyAnalysis> {
    Ok(YearlyAnalysis {
        id: row.get(0)?,
        provider_id: row.get(1)?,
        year: row.get(2)?,
        state: key_column(row, 3, AnalysisState::from_key)?,
        submitted: row.get(4)?,
        presented: row.get(5)?,
        strategic_direction: row.get(6)?,
        investments: json_column(row, 7)?,
        development_needs: json_column(row, 8)?,
        requirements: json_column(row, 9)?,
        security_levels: json_column(row, 10)?,
    })
}

fn write(conn: &Connection, a: &YearlyAnalysis, id: Option<Id>) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO yearly_analysis ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        ),
        params![
            id,
            a.provider_id,
            a.year,
            a.state.key(),
            a.submitted,
            a.presented,
            a.strategic_direction,
            json(&a.investments),
            json(&a.development_needs),
            json(&a.requirements),
            json(&a.security_levels),
        ],
    )?;
    Ok(())
}

/// A list of the record as JSON text (the record's lists always serialise).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("analysis lists serialise")
}

impl Stored for YearlyAnalysis {
    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "yearly_analysis", COLUMNS, "year DESC, provider_id, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "yearly_analysis", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "provider", self.provider_id)? {
            problems.add("provider_id", Rule::UnknownReference);
        } else {
            let taken: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM yearly_analysis WHERE provider_id = ?1 AND year = ?2 AND id <> ?3)",
                params![self.provider_id, self.year, self.id],
                |row| row.get(0),
            )?;
            if taken {
                problems.add("year", Rule::Duplicate);
            }
        }
        for (i, investment) in self.investments.iter().enumerate() {
            if let Some(initiative) = investment.initiative_id
                && !exists(conn, "initiative", initiative)?
            {
                problems.add(format!("investments[{i}].initiative_id"), Rule::UnknownReference);
            }
        }
        // A need may name any shared service the provider's development touches; a level only the provider's own.
        for (i, need) in self.development_needs.iter().enumerate() {
            if let Some(service) = need.service_id
                && !exists(conn, "service", service)?
            {
                problems.add(format!("development_needs[{i}].service_id"), Rule::UnknownReference);
            }
        }
        for (i, requirement) in self.requirements.iter().enumerate() {
            if let Some(organisation) = requirement.organisation_id
                && !exists(conn, "organisation", organisation)?
            {
                problems.add(format!("requirements[{i}].organisation_id"), Rule::UnknownReference);
            }
        }
        for (i, level) in self.security_levels.iter().enumerate() {
            match Service::load(conn, level.service_id)? {
                None => problems.add(format!("security_levels[{i}].service_id"), Rule::UnknownReference),
                // Riktlinjen: the provider says which level shall apply to each of *its* shared services.
                Some(service) if service.provider_id != Some(self.provider_id) => problems.add(
                    format!("security_levels[{i}].service_id"),
                    Rule::NotAllowed { reason: Reason::ServiceOfAnotherProvider },
                ),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        YearlyAnalysis::normalise(self);
    }

    fn set_id(&mut self, id: Id) {
        self.id = id;
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        write(conn, self, id_or_new(self.id))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        write(conn, self, Some(self.id))
    }

    fn remove(conn: &Connection, id: Id) -> Result<()> {
        conn.execute("DELETE FROM yearly_analysis WHERE id = ?1", [id])?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }
}

/// Labels of the analyses whose lists name the record `id` at `path` (`$.service_id` in `column`), for the
/// `used_by` of services, initiatives and organisations.
pub(crate) fn analyses_naming(conn: &Connection, column: &str, path: &str, id: Id) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT DISTINCT 'Årlig analys ' || a.year || ', ' || p.name FROM yearly_analysis a
         JOIN provider p ON p.id = a.provider_id, json_each(a.{column}) e
         WHERE json_extract(e.value, '{path}') = ?1"
    );
    let mut statement = conn.prepare(&sql)?;
    Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
}
